"""The members' report and the technical annex: two documents from one report, at any size."""

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import socialvalue as sv
from socialvalue.io import example_spotlights, shipped_commitments
from socialvalue.report import Formatter, build_report, render_html, render_members_html
from socialvalue.spotlights import SpotlightText

DAY = dt.date(2026, 1, 1)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def report():
    return build_report(
        sv.io.example_deliveries(),
        sv.default_methodology(),
        title="Annual report",
        authority="LCRCA",
        period="2022/23",
        commitments=shipped_commitments().commitments,
        spotlights=example_spotlights().spotlights,
        generated=DAY,
    )


def _visible_text(html):
    html = re.sub(r"<style>.*?</style>", "", html, flags=re.DOTALL)
    html = re.sub(r"<svg.*?</svg>", "", html, flags=re.DOTALL)
    return re.sub(r"<[^>]+>", " ", html)


def test_spotlight_figures_come_from_the_data(report):
    retrofit = report.spotlights[0]
    assert retrofit.project == "Housing Retrofit Programme"
    delivered = [d for d in sv.io.example_deliveries() if d.project == "Housing Retrofit Programme"]
    assert retrofit.deliveries == len(delivered)
    by_measure = {o.measure: o.quantity for o in retrofit.figures}
    for measure in {d.measure for d in delivered}:
        assert by_measure[measure] == sum(
            (d.quantity for d in delivered if d.measure == measure), Decimal(0)
        )
    html = render_members_html(report, charts=False)
    assert "Warmer homes, lower bills" in html


def test_a_spotlight_can_limit_its_figures_and_name_a_project_with_none():
    chosen = build_report(
        sv.io.example_deliveries(),
        sv.default_methodology(),
        title="t",
        authority="a",
        period="p",
        spotlights=[
            SpotlightText(project="LCR Connect", heading="h", measures=("LCR-EMP-1",)),
            SpotlightText(project="Nowhere", heading="h2"),
        ],
        generated=DAY,
    )
    assert [o.measure for o in chosen.spotlights[0].figures] == ["LCR-EMP-1"]
    assert chosen.spotlights[1].figures == ()
    assert chosen.spotlights[1].present_value is None


def test_cards_only_for_figures_that_differ(report):
    html = render_members_html(report, charts=False)
    gross, net = (h.amount for h in report.headlines if h.key in ("gross", "net"))
    # Gross and net are equal in the example: one card for both, not two.
    assert gross == net
    cards = html[html.index('<ul class="cards">') : html.index("</ul>")]
    assert cards.count(Formatter().money(gross)) == 1
    assert "Gross value" in cards
    assert "Net value" not in cards


def test_roles_are_narrated_largest_first_with_outcomes(report):
    html = render_members_html(report, charts=False)
    order = [role.role for role in report.roles if role.present_value is not None]
    assert order == sorted(
        order, key=lambda r: -next(x.present_value.amount for x in report.roles if x.role == r)
    )
    first = report.roles[0]
    assert html.index(f"<h3>{first.role}</h3>") < html.index(f"<h3>{report.roles[1].role}</h3>")
    f = Formatter()
    assert f"{f.compact(first.present_value)} of social value, from {first.deliveries}" in html
    # Money transfers are reported apart, never as a role's social value.
    assert all(
        o.present_value is None or o.measure != "LCR-INV-2"
        for r in report.roles
        for o in r.outcomes
    )


def test_commitments_show_status_by_word_and_shape(report):
    html = render_members_html(report, charts=False)
    section = html[html.index('id="commitments"') :]
    assert re.search(r'<span aria-hidden="true">▲</span> Amber', section)
    assert "Needing attention" in section


def test_documents_link_both_ways(report):
    members = render_members_html(report, annex_href="annex.html", charts=False)
    annex = render_html(report, members_href="members.html", charts=False)
    assert 'href="annex.html"' in members
    assert 'href="members.html"' in annex


def test_welsh_members_report_has_welsh_headings(report):
    html = render_members_html(report, Formatter(locale="cy_GB"), charts=False)
    assert '<html lang="cy">' in html
    for heading in ("Cipolwg", "Yr hyn a gyflawnwyd, yn ôl rôl", "Prosiectau dan sylw"):
        assert heading in html


def _many(n):
    roles = ["employer", "investor", "commissioner", "service-provider", "civic-leader"]
    measures = ["LCR-COM-1", "LCR-COM-2", "LCR-EMP-1", "LCR-SKL-3", "LCR-ENV-2"]
    return [
        sv.Delivery(
            measure=measures[i % len(measures)],
            quantity=str(1 + i % 7),
            period=f"{2022 + i % 3}/{(23 + i % 3) % 100:02d} Q{1 + i % 4}",
            role=roles[i % len(roles)],
            project=f"Project {i % 400}",
            reporter=f"Supplier {i % 900}",
        )
        for i in range(n)
    ]


def test_members_report_and_annex_stay_bounded_as_data_grows():
    sizes = {}
    for n in (200, 5000):
        built = build_report(
            _many(n), sv.default_methodology(), title="t", authority="a", period="p", generated=DAY
        )
        members = render_members_html(built, charts=False)
        annex = render_html(built, charts=False, csv_href="data")
        sizes[n] = (len(members), len(annex))
        assert annex.count("<article") <= 40
        assert annex.count("<tr") < 400
    # 25 times the data: the members' report hardly grows and the annex stays under 2.5 times.
    assert sizes[5000][0] < sizes[200][0] * 1.3
    assert sizes[5000][1] < sizes[200][1] * 2.5


def test_annex_lists_the_rest_and_points_to_the_csv():
    built = build_report(
        _many(5000), sv.default_methodology(), title="t", authority="a", period="p", generated=DAY
    )
    annex = render_html(built, charts=False, csv_href="report-annex-data", workings=10)
    assert "every working is in report-annex-data/workings.csv" in annex
    assert annex.count("<article") == 10


def test_not_valued_is_grouped_by_measure_and_reason(report):
    table = report.table("not_valued")
    keys = [(row[0], row[5]) for row in table.rows]
    assert len(keys) == len(set(keys))
    counts = [row[4] for row in table.rows]
    assert counts == sorted(counts, reverse=True)
    unvalued = sv.value_many(
        sv.io.example_deliveries(),
        sv.default_methodology(),
        by=("role", "project"),
        unvalued="report",
    ).unvalued
    # Delivered only: the EmbRACE target (not valued either) is listed with the exclusions.
    assert sum(counts) == sum(u.count for u in unvalued if u.status.value == "delivered")
    (target,) = [u for u in unvalued if u.status.value == "target"]
    (row,) = [r for r in report.table("excluded").rows if r[0] == target.key.measure]
    assert (row[3], row[4], row[5]) == (target.quantity, None, "target")


def test_headline_totals_carry_their_ranges_where_the_methodology_declares_them():
    ranged_methodology = sv.io.load_methodology(EXAMPLES / "lcrca-ranges.toml")
    ranged = build_report(
        sv.io.example_deliveries(),
        ranged_methodology,
        title="Annual report",
        authority="LCRCA",
        period="2022/23",
        generated=DAY,
    )
    total = ranged.headlines[0]
    assert total.key == "total_present_value"
    assert total.low is not None
    assert total.high is not None
    assert total.low.amount < total.amount.amount < total.high.amount
    found = sv.uncertainty.scenarios(sv.io.example_deliveries(), ranged_methodology)
    assert (total.low, total.high) == (found.low.present_value, found.high.present_value)
    f = Formatter()
    text = " ".join(_visible_text(render_members_html(ranged, charts=False)).split())
    assert f"between {f.compact(total.low)} and {f.compact(total.high)}" in text
    # Where no declared range moves a total, no range is invented: without the apprenticeship
    # value of gmca-ucd-skills, the example's totals rest on values without ranges (carbon has
    # ranges, but the example saves no carbon).
    default = sv.default_methodology()
    plain_methodology = attrs.evolve(
        default,
        registries=tuple(r for r in default.registries if r.id != "gmca-ucd-skills"),
    )
    plain = build_report(
        sv.io.example_deliveries(),
        plain_methodology,
        title="Annual report",
        authority="LCRCA",
        period="2022/23",
        generated=DAY,
    )
    assert all(h.low is None and h.high is None for h in plain.headlines)
    assert "between" not in " ".join(
        _visible_text(render_members_html(plain, charts=False)).split()
    )


def test_big_numbers_say_their_quantity_with_the_unit_in_its_plural(report):
    """A big number's unit line read "FTE-year" under "55": it says the quantity as the
    Markdown report does, the unit in the plural the number takes, in each locale."""
    english = render_members_html(report, annex_href="annex.html", charts=False)
    assert '<span class="exact">55 FTE-years</span>' in english
    assert '<span class="exact">FTE-year</span>' not in english
    welsh = render_members_html(
        report, Formatter(locale="cy_GB"), annex_href="annex.html", charts=False
    )
    assert '<span class="exact">55 blwyddyn CALl</span>' in welsh
