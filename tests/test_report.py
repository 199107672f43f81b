import datetime as dt
import re
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from babel.numbers import get_currency_symbol, parse_decimal
from hypothesis import given
from strategies import money

from socialvalue import Delivery, FinancialYear, Money, default_methodology, value_many
from socialvalue.cli import main
from socialvalue.exceptions import MissingExtraError
from socialvalue.io import example_deliveries, shipped_commitments
from socialvalue.methodology import MethodologyRef, RoundingPolicy
from socialvalue.money import RoundingMode
from socialvalue.report import (
    LABELS,
    SUPPORTED_LOCALES,
    Formatter,
    Note,
    ReportOptions,
    Table,
    build_report,
    reconciliation,
    render_csv_tables,
    render_html,
    render_markdown,
)
from socialvalue.report._model import Column
from socialvalue.tracking import Rag
from socialvalue.valuation import Step

EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture(scope="module")
def report():
    return build_report(
        example_deliveries(),
        default_methodology(),
        title="Social Value Annual Report 2023 (example)",
        authority="Liverpool City Region Combined Authority",
        period="2022/23",
        commitments=shipped_commitments().commitments,
        generated=dt.date(2026, 1, 1),
    )


@given(money(min_value=-(10**9), max_value=10**9, places=4))
def test_formatted_amounts_parse_back_to_the_rounded_value_in_every_locale(amount):
    for locale in SUPPORTED_LOCALES:
        for policy in (RoundingPolicy(), RoundingPolicy(places=0, mode=RoundingMode.HALF_EVEN)):
            f = Formatter(locale=locale, rounding=policy)
            text = f.money(amount)
            symbol = get_currency_symbol("GBP", locale=locale)
            digits = text.replace(symbol, "", 1)
            assert parse_decimal(digits, locale=locale, strict=True) == f.rounded(amount.amount)


def test_compact_headline_amounts():
    en = Formatter()
    assert en.compact(Money("2164000")) == "£2.2 million"
    assert en.compact(Money("17000000")) == "£17 million"
    assert en.compact(Money("164122")) == "£164.1 thousand"
    assert en.compact(Money("950")) == "£950.00"
    assert Formatter(locale="cy_GB").compact(Money("2164000")) == "£2.2 miliwn"
    assert Formatter(locale="cy_GB").date(dt.date(2023, 6, 9)) == "9 Mehefin 2023"


def test_unknown_locale_is_refused():
    with pytest.raises(KeyError, match="unknown report locale 'fr_FR'"):
        Formatter(locale="fr_FR")


def test_report_model(report):
    assert report.headlines[0].key == "total_present_value"
    # Volunteering (LCR-COM-1, 14,000 hours, £225,718.40 in 2024/25 prices), 10 SWAP
    # completers (£14,000) and 11 apprenticeship starts (LCR-SKL-1, £10,305.25), compounded
    # forward two years from 2022/23 to the default methodology's 2024/25 base year. It was £2,693,507.91 when the in-kind gifts, donations
    # and training (transfers) were counted and nothing was discounted to a common base year.
    assert report.headlines[0].amount.quantize(2) == Money("267831.59")
    assert report.table("by_role").total[-1] == report.headlines[0].amount
    jobs = next(h for h in report.headlines if h.key == "LCR-EMP-1")
    assert jobs.quantity == Decimal(55)  # LCR Connect 20 + Housing Retrofit 33 + Headbolt Lane 2
    assert len(report.table("not_valued").rows) > 0
    assert Note(key="no_additionality") in report.notes
    assert Note(key="unvalued", values={"n": 12}) in report.notes
    assert {c.id for c in report.commitments} >= {"D1-PRC-01", "FA-EMP-01"}
    assert {c.rag for c in report.commitments} <= {r.value for r in Rag}
    assert report.price_base == FinancialYear(2024)
    assert all(entry.steps for entry in report.trace)
    assert hash(report) == hash(attrs.evolve(report))  # data all the way down, hashable


def _strings(value):
    """Every string inside a report's data, however deeply nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif attrs.has(type(value)) and not isinstance(value, (Money, Step, MethodologyRef)):
        for field in attrs.fields(type(value)):
            yield from _strings(getattr(value, field.name))


def test_the_report_holds_no_text_of_its_own(report):
    # Every label the renderers show in any locale is absent from the data: the report is
    # numbers, money, periods, codes and titles from the data. (A status's English label is
    # its code, "red"; the labels of codes are left out.)
    words = {
        text
        for labels in LABELS.values()
        for key, text in labels.items()
        if text and not key.startswith(("rag_", "kind_", "convention_"))
    }
    shown = set(_strings(report))
    assert not shown & words
    assert not any(re.search(r"£ ?\d", text) for text in shown)  # no amount formatted


def test_one_report_renders_in_english_and_in_welsh(report):
    english = render_markdown(report, Formatter(locale="en_GB"))
    welsh = render_markdown(report, Formatter(locale="cy_GB"))
    assert "## Headline figures" in english
    assert "## Prif ffigurau" in welsh
    assert "- Total social value (present value): **£267.8 thousand** (£267,831.59)" in english
    assert "(gwerth presennol): **£267.8 mil** (£267,831.59)" in welsh
    assert "- 12 deliveries could not be valued" in english
    assert "- Ni ellid prisio 12 cyflawniad" in welsh
    assert "| D1-PRC-01 |" in english
    # D1-PRC-01 is met, its record citing the evidence (it was red and "overdue" before #13).
    assert "| wedi'i gwblhau (gwyrdd) |" in welsh
    assert "| complete (green) |" in english
    assert "(1 delivery)" in english
    assert "(1 cyflawniad)" in welsh
    assert "Generated: 1 January 2026" in english
    assert "Cynhyrchwyd: 1 Ionawr 2026" in welsh
    # HTML and CSV from the same object too.
    assert "Prif ffigurau" in render_html(report, Formatter(locale="cy_GB"), charts=False)
    assert render_csv_tables(report, Formatter(locale="cy_GB"))["by_role"].splitlines()[-1] == (
        "Cyfanswm,4,250023.65,250023.65,267831.59"
    )
    # Rendering left the report as it was.
    assert render_markdown(report, Formatter(locale="en_GB")) == english


def test_renderers_default_to_english_with_the_reports_rounding(report):
    assert render_markdown(report) == render_markdown(
        report, Formatter(locale="en_GB", rounding=report.rounding)
    )


def test_every_headline_is_traceable(report):
    ids = {entry.id for entry in report.trace}
    for headline in report.headlines:
        assert set(headline.trace) <= ids
    counted = set(report.headlines[0].trace)
    total = sum(
        (e.present_value for e in report.trace if e.present_value is not None and e.id in counted),
        Money.zero(),
    )
    assert total == report.headlines[0].amount
    left_out = sum(
        (e.present_value for e in report.exclusions if e.present_value is not None),
        Money.zero(),
    )
    everything = sum(
        (e.present_value for e in report.trace if e.present_value is not None), Money.zero()
    )
    assert total + left_out == everything


def test_markdown(report):
    text = render_markdown(report, Formatter())
    assert text.startswith("# Social Value Annual Report 2023 (example)\n")
    assert "- Total social value (present value): **£267.8 thousand** (£267,831.59)" in text
    # deliveries counted in money: gross, net, present value
    assert "| **Total** | **4** | **£250,023.65** | **£250,023.65** | **£267,831.59** |" in text
    assert "## Appendix: how each figure was obtained" in text
    welsh = render_markdown(report, Formatter(locale="cy_GB"))
    assert "## Prif ffigurau" in welsh
    assert "£267.8 mil" in welsh


def test_csv_tables(report):
    tables = render_csv_tables(report, Formatter())
    assert set(tables) == {
        "by_role",
        "by_theme",
        "by_measure",
        "recorded",
        "not_valued",
        "workings",
        "excluded",
    }
    assert tables["by_role"].splitlines()[0] == "role,deliveries,gross,net,present_value"
    assert tables["by_role"].splitlines()[-1].endswith(",250023.65,250023.65,267831.59")


def test_html_is_self_contained_and_structured(report):
    html = render_html(report, Formatter())
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="en">' in html
    assert html.count("<svg") == 2
    # No network access needed to view it: no external links, scripts, stylesheets or images.
    assert not re.findall(r'(?:src|href)\s*=\s*"(?!#)', html)
    assert "@import" not in html
    assert not re.findall(r"url\((?!#)", html)  # only references inside the page
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert set(re.findall(r"url\(#([^)]+)\)", html)) <= ids
    assert set(re.findall(r'href="#([^"]+)"', html)) <= ids
    assert "<script" not in html
    for section in (
        "headlines",
        "charts",
        "by_role",
        "by_theme",
        "notes",
        "appendix",
        "commitments",
    ):
        assert f'id="{section}"' in html
    for entry in report.trace:
        assert f'id="{entry.id}"' in html
    assert "£267.8 thousand" in html
    assert "@media print" in html
    # The same report renders the same bytes (stable chart ids).
    assert render_html(report, Formatter()) == html


def test_html_in_welsh(report):
    html = render_html(report, Formatter(locale="cy_GB"))
    assert '<html lang="cy">' in html
    assert "Prif ffigurau" in html


def test_missing_extra_names_it(report, monkeypatch):
    monkeypatch.setitem(sys.modules, "jinja2", None)
    with pytest.raises(MissingExtraError, match=r'pip install "socialvalue\[report\]"'):
        render_html(report, Formatter())


def test_rows_that_do_not_reconcile_are_explained():
    rows = tuple((name, Money("0.005")) for name in "abc")
    table = Table(
        name="t",
        columns=(
            Column(key="name"),
            Column(key="value", kind="money"),
        ),
        rows=rows,
        total=(None, Money("0.015")),
    )
    note = reconciliation(table, Formatter())
    assert note == "value: Rows shown add to £0.03; the total of the unrounded figures is £0.02."


def test_report_command_writes_each_format(tmp_path, capsys):
    html = tmp_path / "report.html"
    assert main(["report", "-o", str(html)]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out
    assert "technical annex is" in out
    members = html.read_text()
    annex = (tmp_path / "report-annex.html").read_text()
    # Two documents from one report, linking both ways; the full detail as CSV beside them.
    assert 'href="report-annex.html"' in members
    assert 'href="report.html"' in annex
    assert "<svg" in members
    assert "<svg" in annex
    assert (tmp_path / "report-annex-data" / "workings.csv").is_file()
    md = tmp_path / "report.md"
    assert main(["report", "--format", "md", "--locale", "cy_GB", "-o", str(md)]) == 0
    assert "Prif ffigurau" in md.read_text()
    folder = tmp_path / "tables"
    assert main(["report", "--format", "csv", "-o", str(folder)]) == 0
    # The shipped example carries Kindred's £1m as a cost: the report appraises it.
    assert sorted(p.name for p in folder.iterdir()) == [
        "appraisal.csv",
        "by_measure.csv",
        "by_role.csv",
        "by_theme.csv",
        "costs.csv",
        "excluded.csv",
        "not_valued.csv",
        "recorded.csv",
        "workings.csv",
    ]


def test_report_command_error_paths(tmp_path, capsys):
    # A usage error listing the locales there are (the documents' and the messages' languages).
    assert main(["report", "--locale", "xx_XX", "-o", str(tmp_path / "r.html")]) == 2
    assert "'xx_XX' is not one of 'en_GB', 'cy_GB'" in capsys.readouterr().err
    assert main(["report", str(tmp_path / "missing.toml")]) == 1
    assert "cannot read the file" in capsys.readouterr().err
    assert main(["report", "--format", "pdf", "-o", str(tmp_path / "r.html")]) == 2
    assert "--format pdf does not match -o" in capsys.readouterr().err


def test_explain_command(capsys):
    assert main(["explain", "LCR-COM-2", "--project", "Adult Education Budget"]) == 0
    out = capsys.readouterr().out
    assert "rebase: 2022/23 → 2024/25 prices" in out  # the middle of the AEB's two years
    assert main(["explain", "LCR-COM9"]) == 1
    assert "unknown measure 'LCR-COM9'" in capsys.readouterr().err
    assert main(["explain", "LCR-ENV-2"]) == 1
    assert "no deliveries of LCR-ENV-2 in the deliveries given" in capsys.readouterr().err


def test_report_of_a_larger_batch_still_reconciles():
    batch = [
        Delivery(
            measure="LCR-COM-2",
            quantity=f"{n}.333",
            period="2024/25 Q1",
            role="employer",
            project=f"P{n % 7}",
        )
        for n in range(2000)
    ]
    built = build_report(
        batch,
        default_methodology(),
        title="t",
        authority="a",
        period="2024/25",
        generated=dt.date(2026, 1, 1),
    )
    table = built.table("by_role")
    assert table.total[-1] == sum((row[-1] for row in table.rows), Money.zero())


def test_indicators_are_data_and_render_in_each_locale():
    deliveries = [
        *example_deliveries(),
        Delivery(measure="LCR-PRC-1", quantity="20", period="2022/23"),
        Delivery(measure="LCR-PRC-2", quantity="13", period="2022/23"),
        Delivery(measure="LCR-SPD-1", quantity="300000.50", period="2022/23"),
        Delivery(measure="LCR-SPD-2", quantity="100000", period="2022/23"),
    ]
    built = build_report(
        deliveries,
        default_methodology(),
        title="t",
        authority="a",
        period="2022/23",
        generated=dt.date(2026, 1, 1),
        options=ReportOptions(
            contracts_measure="LCR-PRC-1",
            contracts_with_value_measure="LCR-PRC-2",
            local_spend_measures=("LCR-SPD-1", "LCR-SPD-2"),
            total_spend=Money("1000000"),
            inputs={"Adult Education Budget": Money("1000000")},
        ),
    )
    contracts, local, sroi = built.indicators
    assert (contracts.key, contracts.value, contracts.numerator, contracts.denominator) == (
        "contracts_with_social_value",
        Decimal("0.65"),
        Decimal(13),
        Decimal(20),
    )
    assert (local.value, local.numerator) == (Decimal("0.4000005"), Money("400000.50"))
    assert (sroi.key, sroi.kind, sroi.subject) == ("sroi", "ratio", "Adult Education Budget")
    assert sroi.value == sroi.numerator / sroi.denominator
    english = render_markdown(built)
    welsh = render_markdown(built, Formatter(locale="cy_GB"))
    assert (
        "- Contracts in scope that include social value: **65.0%** "
        "(LCR-PRC-2 ÷ LCR-PRC-1: 13 of 20)" in english
    )
    assert (
        "- Spend with local and community suppliers, share of spend: **40.0%** "
        "(LCR-SPD-1 + LCR-SPD-2 (£400,000.50) ÷ total spend (£1,000,000.00))" in english
    )
    assert "- SROI ratio, Adult Education Budget: **" in english
    assert "(LCR-PRC-2 ÷ LCR-PRC-1: 13 o 20)" in welsh
    assert "- Cymhareb SROI, Adult Education Budget: **" in welsh


def test_every_label_is_translated_with_the_same_placeholders():
    def base(key):
        return key.partition(".")[0]

    def placeholders(text):
        return set(re.findall(r"{(\w+)}", text))

    english, welsh = LABELS["en_GB"], LABELS["cy_GB"]
    assert {base(k) for k in english} == {base(k) for k in welsh}
    for labels in (english, welsh):
        plural = {base(k) for k in labels if "." in k}
        assert all(f"{key}.other" in labels for key in plural)
    for key, text in english.items():
        twin = welsh.get(key, welsh.get(f"{base(key)}.other", ""))
        assert placeholders(twin) == placeholders(text), key


def test_negative_amounts_format_consistently():
    f = Formatter()
    assert f.money(Money("-2500000")) == "-£2,500,000.00"
    assert f.compact(Money("-2500000")) == "-£2.5 million"
    assert f.money(Money("-0.004")) == "£0.00"


@pytest.fixture(scope="module")
def example_report(tmp_path_factory):
    """The shipped example, examples/lcrca_2023_report.py, run as a script."""
    import runpy

    folder = tmp_path_factory.mktemp("example")
    argv = sys.argv
    sys.argv = ["lcrca_2023_report.py", str(folder)]
    try:
        found = runpy.run_path(str(EXAMPLES / "lcrca_2023_report.py"), run_name="__main__")
    finally:
        sys.argv = argv
    return found["report"], folder


def test_the_example_report_headline_is_delivered_de_duplicated_and_without_transfers(
    example_report,
):
    """Issue #13: the LCRCA 2023 example flags the LCR-EMP-1 / LCR-INV-1 overlap, separates
    transfers and targets, and its headline is the de-duplicated, delivered, non-transfer total;
    every excluded amount is listed with its reason."""
    report, folder = example_report
    headline = {h.key: h.amount for h in report.headlines if h.amount is not None}
    # Volunteering (LCR-COM-1): 14,000 hours × £14.72 (the open ONS ASHE median hourly earnings
    # for 2022/23, the middle of the delivery's period) in 2024/25 prices, and
    # 10 SWAP completers × £1,400 and 11 apprenticeship starts × £645.072 (2010/11 prices,
    # £10,305.25 in 2024/25 prices), at the report's own year 2022/23 (year 0). It was
    # £12,019,879.54 when the EmbRACE roll-out target and the transfers were counted as
    # delivered social value.
    # No National TOMs value ships (CC BY-NC-ND), so the report's own volunteering value is not
    # used and EDI training stays unvalued.
    assert headline["total_present_value"].quantize(2) == Money("250023.65")
    kinds = {(e.measure, e.kind) for e in report.exclusions}
    assert ("LCR-INV-1", "overlap") in kinds  # overlaps LCR-EMP-1 in the investor role
    assert ("LCR-EDI-1", "target") in kinds  # EmbRACE: 21,000 is a roll-out target
    assert {("LCR-COM-2", "transfer"), ("LCR-COM-3", "transfer")} <= kinds
    assert {("LCR-SKL-7", "transfer"), ("LCR-INV-2", "transfer")} <= kinds
    assert all(e.reason for e in report.exclusions)
    inv1 = next(e for e in report.exclusions if e.measure == "LCR-INV-1")
    assert inv1.overlaps == "LCR-EMP-1"
    target = next(e for e in report.exclusions if e.kind == "target")
    # EDI training has no open value: the target is listed with its count and reason, no £.
    assert (target.measure, target.quantity, target.present_value) == ("LCR-EDI-1", 21000, None)
    assert "targets_total" not in headline
    transfers = sum(
        (e.present_value for e in report.exclusions if e.kind == "transfer" and e.present_value),
        Money.zero(),
    )
    assert headline["transfers_total"] == transfers
    # Kindred: £1m invested attracted £10.5m (leverage 10.5); its jobs have no open value.
    (kindred,) = report.appraisal
    assert kindred.project == "Kindred"
    assert kindred.leverage is not None
    assert round(kindred.leverage, 10) == Decimal("10.5")
    assert kindred.npsv == kindred.pvb - kindred.pvc
    text = (folder / "report.md").read_text(encoding="utf-8")
    # Its 77 jobs (LCR-INV-1) are counted, not valued: BCR 0.00 says so beside the ratio.
    assert (kindred.bcr, kindred.benefits_unvalued) == (Decimal(0), ("LCR-INV-1",))
    assert "| NPSV | BCR | Benefits not valued (not in PVB or the ratios) | Inputs |" in text
    assert "| Kindred | £0.00 | £1,095,295.05 | -£1,095,295.05 | 0.00 | LCR-INV-1 |" in text
    welsh = render_markdown(report, Formatter(locale="cy_GB"))
    assert "| BCR | Buddion heb eu prisio (nid ydynt yn PVB na'r cymarebau) |" in welsh
    # The table lists what is kept out and what stays in with a flag (possible overlaps).
    assert "## Kept out of the social-value total, or kept in with a flag, and why" in text
    assert "possible overlap" in text
    assert "## Appraisal: benefits, costs and ratios by project" in text
    assert "## Costs and inputs, with their working" in text
    assert "overlaps LCR-EMP-1" in text
    # Cost per outcome: Kindred's inputs (in 2024/25 prices) per job created; none per £ of a
    # transfer.
    (per_job,) = (i for i in report.indicators if i.key == "cost_per_outcome")
    assert (per_job.subject, per_job.denominator_measure) == ("Kindred", "LCR-INV-1")
    assert Money(per_job.value).quantize(2) == (kindred.inputs * Decimal(1) / 77).quantize(2)
    assert Money(per_job.value).quantize(2) == Money("14224.61")


def test_a_report_from_an_already_valued_batch_is_the_same_report():
    """build_report(batch=...): value_many's batch by role and project gives the same report."""
    from socialvalue import value_many

    methodology = default_methodology()
    deliveries = example_deliveries()
    heading = {
        "title": "T",
        "authority": "A",
        "period": "2022/23",
        "generated": dt.date(2026, 1, 1),
    }
    batch = value_many(deliveries, methodology, by=("role", "project"), unvalued="report")
    assert build_report(deliveries, methodology, batch=batch, **heading) == build_report(
        deliveries, methodology, **heading
    )
    with pytest.raises(ValueError, match="grouped by"):
        build_report(
            deliveries,
            methodology,
            batch=value_many(deliveries, methodology, by=("role",), unvalued="report"),
            **heading,
        )
    other = attrs.evolve(batch, methodology=MethodologyRef(id="x", version="1", content_hash="0"))
    with pytest.raises(ValueError, match="valued with"):
        build_report(deliveries, methodology, batch=other, **heading)


def test_the_measure_table_shows_what_was_valued_with_a_carried_forward_value(report):
    # Volunteering in 2024/25 is valued with the 2022/23 value carried forward. The value command
    # marked the row; the report's measure table (and so its CSV) showed the figure unmarked.
    late = build_report(
        [
            Delivery(measure="LCR-COM-1", quantity="100", period="2024/25"),
            Delivery(measure="LCR-COM-1", quantity="30", period="2022/23"),
            Delivery(measure="LCR-ENV-2", quantity="2", period="2022/23"),
        ],
        default_methodology(),
        title="Late volunteering",
        authority="An example council",
        period="2024/25",
        generated=dt.date(2026, 1, 1),
    )
    table = late.table("by_measure")
    keys = [column.key for column in table.columns]
    assert keys.index("carried_forward") == keys.index("unit") + 1
    carried = {row[0]: row[keys.index("carried_forward")] for row in table.rows}
    assert carried == {"LCR-COM-1": Decimal(100), "LCR-ENV-2": None}
    csv_text = render_csv_tables(late)["by_measure"]
    assert csv_text.splitlines()[0].split(",")[4] == "carried_forward"
    assert "Of which valued with a value carried forward" in render_markdown(late)
    # Nothing carried forward: no such column.
    assert "carried_forward" not in [c.key for c in report.table("by_measure").columns]


def test_the_default_report_of_the_example_flags_the_overlap_and_lists_every_exclusion():
    """Issue #13 with the shipped example and the *default* methodology (`socialvalue report`):
    its overlap scope (same project, contract, period) does not reach Kindred's LCR-INV-1 jobs
    and the LCR-EMP-1 jobs on other projects, so they are listed as a possible overlap; the
    EmbRACE target, not valued under this methodology, is listed as a target, never counted;
    the headline is the batch's de-duplicated, delivered, non-transfer total."""
    deliveries = example_deliveries()
    methodology = default_methodology()
    report = build_report(
        deliveries,
        methodology,
        title="t",
        authority="a",
        period="2022/23",
        generated=dt.date(2026, 1, 1),
        costs=deliveries.costs,
    )
    batch = value_many(deliveries, methodology, by=("role", "project"), unvalued="report")
    assert report.headlines[0].amount == batch.total_present_value()
    listed = {(e.measure, e.kind): e for e in report.exclusions}
    inv1 = listed["LCR-INV-1", "possible overlap"]
    assert (inv1.project, inv1.overlaps, inv1.present_value) == ("Kindred", "LCR-EMP-1", None)
    assert "must not be added to LCR-EMP-1's" in inv1.reason
    target = listed["LCR-EDI-1", "target"]
    assert (target.quantity, target.present_value) == (Decimal(21000), None)
    assert "LCR-EDI-1" not in {row[0] for row in report.table("not_valued").rows}
    # Every valued group left out of the total is listed with its amount and its reason.
    for group in batch.excluded():
        (match,) = [
            e
            for e in report.exclusions
            if (e.measure, e.period, e.quantity)
            == (group.key.measure, group.key.period, group.quantity)
            and e.kind != "possible overlap"
        ]
        assert match.present_value == group.present_value
        assert match.reason == group.reason
