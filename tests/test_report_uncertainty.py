import csv
import datetime as dt
import io
from decimal import Decimal

import attrs

import socialvalue as sv
from socialvalue._text import markdown_text
from socialvalue.additionality import Additionality
from socialvalue.cli import main
from socialvalue.compare import compare
from socialvalue.io import save_methodology
from socialvalue.methodology import MeasureAssumption
from socialvalue.ranges import AssumptionRange, Uncertainty
from socialvalue.report import (
    Formatter,
    ReportOptions,
    build_report,
    render_bridge_csv,
    render_bridge_html,
    render_bridge_markdown,
    render_csv_tables,
    render_html,
    render_markdown,
)

CARBON = "LCR-ENV-2"
HOURS = "LCR-COM-1"


def ranged():
    return attrs.evolve(
        sv.default_methodology(),
        additionality=Additionality(deadweight="0.2"),
        uncertainty=Uncertainty(
            ranges=[AssumptionRange(factor="deadweight", low="0.1", high="0.3")]
        ),
    )


def deliveries():
    return [
        *sv.io.example_deliveries(),
        sv.Delivery(measure=CARBON, quantity="40", period="2022/23"),
        sv.Delivery(measure=HOURS, quantity="300", period="2022/23 Q2"),
    ]


def report(target=None):
    return build_report(
        deliveries(),
        ranged(),
        title="Annual report",
        authority="LCRCA",
        period="2022/23",
        options=ReportOptions(uncertainty=True, target=target),
        generated=dt.date(2026, 1, 1),
    )


def test_the_report_carries_scenarios_tornado_and_switching_values():
    built = report(target=sv.Money("2000000"))
    scenarios = built.table("scenarios")
    assert [row[0] for row in scenarios.rows] == ["low", "central", "high"]
    lows, centrals, highs = (row[-1].amount for row in scenarios.rows)
    assert lows < centrals < highs
    assert centrals == built.headlines[0].amount.amount
    sensitivity = built.table("sensitivity")
    swings = [row[-1].amount for row in sensitivity.rows]
    assert swings == sorted(swings, reverse=True)
    assert sensitivity.rows[0][0] == "deadweight (default)"
    switching = built.table("switching_values")
    assert {row[0] for row in switching.rows} == {row[0] for row in sensitivity.rows}
    assert any(note.key == "uncertainty" for note in built.notes)


def test_markdown_and_csv_carry_the_same_figures():
    built = report(target=sv.Money("2000000"))
    f = Formatter(rounding=built.rounding)
    markdown = render_markdown(built)
    tables = render_csv_tables(built)
    rows = list(csv.reader(io.StringIO(tables["sensitivity"])))
    assert rows[0] == ["input", "low", "high", "at_low", "at_high", "swing"]
    for label, *_, swing in rows[1:]:
        shown = f.money(sv.Money(swing))
        assert f"| {label} |" in markdown
        assert f"{shown} |" in markdown
    assert "## Low, central and high scenarios" in markdown
    assert "## Switching values" in markdown
    switching = list(csv.reader(io.StringIO(tables["switching_values"])))
    assert switching[0] == ["input", "switching_value", "meaning"]
    for _label, _value, meaning in switching[1:]:
        # the same text; Markdown shows its brackets escaped ("\\[130.48, 391.44\\]")
        assert markdown_text(meaning) in markdown
    assert "is valued with no proxy range" in markdown


def test_the_html_report_draws_the_tornado_with_its_text_alternative():
    built = report(target=sv.Money("200000"))
    page = render_html(built)
    assert "Switching values" in page
    for row in built.table("switching_values").rows:
        assert row[0] in page
    assert (
        '<svg role="img" aria-label="Present value with each input at its low and high bound'
        in page
    )
    assert "Sensitivity: each input moved alone (tornado)" in page
    assert "deadweight (default)" in page
    welsh = render_html(built, Formatter(locale="cy_GB"), charts=False)
    assert "Senarios isel, canolog ac uchel" in welsh


def test_a_report_without_the_option_has_no_uncertainty_section():
    built = build_report(
        deliveries(),
        ranged(),
        title="t",
        authority="a",
        period="2022/23",
        generated=dt.date(2026, 1, 1),
    )
    names = {table.name for table in built.tables}
    assert not names & {"scenarios", "sensitivity", "switching_values"}


# --- the bridge, rendered, and `socialvalue diff` ----------------------------------------------


def three_changes():
    """Two methodologies differing in one proxy value, the price base and one deadweight."""
    old = sv.default_methodology()
    layer, registry = next((n, r) for n, r in enumerate(old.registries) if HOURS in r.measures())
    first_hours = next(
        i
        for i, v in enumerate(registry.values)
        if v.measure == HOURS and v.covers(dt.date(2022, 8, 15))
    )
    values = list(registry.values)
    values[first_hours] = attrs.evolve(values[first_hours], value=values[first_hours].value + 2)
    registries = list(old.registries)
    registries[layer] = attrs.evolve(registry, values=values)
    new = attrs.evolve(
        old,
        registries=registries,
        price_base="2023/24",
        assumptions=[
            MeasureAssumption(measure=CARBON, additionality=Additionality(deadweight="0.1"))
        ],
    )
    return old, new, values[first_hours]


def test_bridge_renderings_carry_the_same_figures():
    old, new, _ = three_changes()
    bridge = compare(deliveries(), old, new)
    f = Formatter(rounding=new.rounding)
    table = list(csv.reader(io.StringIO(render_bridge_csv(bridge, f))))
    causes = [row for row in table[1:] if row[1] == "" and row[0] != "total"]
    assert [row[0] for row in causes] == [
        "framework",
        "proxy values",
        "prices",
        "additionality",
        "discounting",
    ]
    markdown = render_bridge_markdown(bridge, f)
    page = render_bridge_html(bridge, f)
    for row in causes:
        shown = f.money(sv.Money(row[-1]))
        assert shown in markdown
        assert shown in page
    assert '<svg role="img" aria-label="Present value, old to new, by cause' in page
    total = table[-1]
    assert total[0] == "total"
    assert Decimal(total[-1]) == f.rounded(bridge.change())


def test_socialvalue_diff_attributes_the_change_to_the_three_causes(tmp_path, capsys):
    old, new, changed = three_changes()
    old_path, new_path = tmp_path / "old.toml", tmp_path / "new.toml"
    save_methodology(old, old_path)
    save_methodology(new, new_path)
    returns = tmp_path / "returns.toml"
    sv.io.save_deliveries(sv.DeliverySet(title="returns", deliveries=deliveries()), returns)
    assert main(["diff", str(old_path), str(new_path), str(returns), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    moved = {row[0] for row in rows[1:] if row[1] == "" and row[0] != "total" and Decimal(row[-1])}
    assert moved == {"proxy values", "prices", "additionality"}
    bridge = compare(deliveries(), old, new)
    assert bridge.sum_of_steps() == bridge.change()
    assert main(["diff", str(old_path), str(new_path), str(returns)]) == 0
    out = capsys.readouterr().out
    assert f"--- {old.ref}" in out
    assert f"+++ {new.ref}" in out
    assert '-price_base = "2024/25"' in out
    assert f'+value = "{changed.value}"' in out
    assert "## Change by cause" in out
    html_path = tmp_path / "bridge.html"
    assert (
        main(["diff", str(old_path), str(new_path), "--format", "html", "-o", str(html_path)]) == 0
    )
    assert "<svg" in html_path.read_text()


def test_value_scenarios_on_the_command_line(capsys):
    assert (
        main(
            [
                "value",
                "--methodology",
                "examples/lcrca-ranges.toml",
                "--scenarios",
                "--target",
                "200000",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "lcrca-ranges 2026.2+low" in out
    assert "deadweight (default)" in out
    assert "reaches a present value of 200,000.00 at 0.268285" in out
    # The shipped example's file carries costs (Kindred's £1m): PVC, NPSV and BCR follow.
    assert "PVC £" in out
    assert "NPSV £" in out
    assert "to reach an NPSV of zero (a BCR of 1)" in out
    assert main(["value", "--target", "1"]) == 2


def test_with_costs_the_section_shows_pvc_npsv_bcr_and_where_npsv_reaches_zero():
    costs = [sv.Cost(amount="150000", period="2022/23", project="LCR Connect")]
    built = build_report(
        deliveries(),
        ranged(),
        title="t",
        authority="a",
        period="2022/23",
        costs=costs,
        options=ReportOptions(uncertainty=True),
        generated=dt.date(2026, 1, 1),
    )
    scenarios = built.table("scenarios")
    assert [c.key for c in scenarios.columns][-3:] == ["pvc", "npsv", "bcr"]
    npsvs = [row[-2].amount for row in scenarios.rows]
    assert npsvs == sorted(npsvs)
    assert [c.key for c in built.table("sensitivity").columns][-2:] == [
        "npsv_at_low",
        "npsv_at_high",
    ]
    switching = built.table("switching_values")
    assert all("an NPSV of zero (a BCR of 1)" in row[-1] for row in switching.rows)
    assert "| PVC | NPSV | BCR |" in render_markdown(built)


def test_cli_value_refuses_a_target_that_is_not_a_number_naming_it(capsys):
    # --target abc (or NaN) was a ValueError traceback, after the figures were printed.
    for bad in ("abc", "NaN", "1e400"):
        assert main(["value", "--scenarios", "--target", bad]) == 2
        err = capsys.readouterr().err
        assert "--target" in err
        assert "Traceback" not in err


def test_the_markdown_headlines_carry_the_range_and_say_quantities_in_words():
    # The members' HTML said "between … and …" but the Markdown document (-o report.md) left
    # the range out, and wrote its quantities "**11** item", "**55** FTE-year".
    built = report()
    total = next(h for h in built.headlines if h.key == "total_present_value")
    assert total.low is not None
    assert total.high is not None
    english = Formatter(rounding=built.rounding)
    text = render_markdown(built, english)
    headlines = text.split("## Headline figures", 1)[1].split("\n## ", 1)[0]
    line = next(row for row in headlines.splitlines() if "Total social value" in row)
    low, high = english.compact(total.low), english.compact(total.high)
    assert f"between {markdown_text(low)} and {markdown_text(high)}" in line
    assert " item" not in headlines
    assert "FTE-year\n" not in headlines + "\n"
    assert "FTE-years**" in headlines
    welsh = render_markdown(built, Formatter(locale="cy_GB", rounding=built.rounding))
    assert "O ystyried yr ansicrwydd" in welsh
