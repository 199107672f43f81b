"""The LCRCA Social Value Annual Report 2023, reproduced from its measurable figures.

The deliveries behind the report's measurable figures ship as data (`example_deliveries()`, each
citing its section of the report). This script values them with the shipped open methodology
only, writes the report as HTML and Markdown, and compares its counts with the published ones —
including where the published sources disagree with each other.

The published report's own £ totals (over £225,000 of volunteering a year, over £8 million of
EDI training) rest on National Social Value Measurement Framework (National TOMs) values, which
are licensed CC BY-NC-ND 4.0 and so cannot ship with this package, not even quoted from the
report. Those totals are therefore NOT reproduced here: volunteering is valued at the open ONS
earnings value instead, and EDI training (no open value) is counted, not valued. A user licensed
to use National TOMs can plug their own values in: build a registry file from their workbook
with `socialvalue registry import` (see docs/registries.md) and pass it as the second argument;
it is layered over the open registries.

It appraises the year honestly: present values are discounted to 2022/23, the report's own
year; the headline counts delivered outcomes once, without transfers. The EmbRACE roll-out to
21,000 employees is a target, not completions; donations, in-kind gifts, training given and
funding attracted are transfers; and within a role and year, measures the framework says overlap
(jobs on a project, LCR-EMP-1, and jobs at investees, LCR-INV-1) are de-duplicated. Each is
listed with its amount and reason. Kindred's £1 million investment is entered as a cost, so the
report shows its leverage ratio.

Run: python examples/lcrca_2023_report.py [output folder] [your licensed registry file]
"""

import sys
from decimal import Decimal
from pathlib import Path

import attrs

import socialvalue as sv
from socialvalue.report import Formatter, build_report, render_html, render_markdown

out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("lcrca-2023-report")
out.mkdir(parents=True, exist_ok=True)

default = sv.default_methodology()
# Your own licensed values, if you have them (e.g. the output of `socialvalue registry import`),
# are searched first; without them only the shipped open registries are used.
licensed = (sv.load_registry(Path(sys.argv[2])),) if len(sys.argv) > 2 else ()
methodology = attrs.evolve(
    default,
    id="lcrca-2023-example",
    title="Open default methodology" + (", with the user's own values" if licensed else ""),
    registries=(*licensed, *default.registries),
    proxy_date=sv.methodology.ProxyDate.MIDDLE,
    # An annual report for 2022/23: present values are discounted to 2022/23, its own year.
    appraisal_base_year="2022/23",
    # The report gives figures per role without saying which jobs are the same people (LCR
    # Connect, a joint venture the authority invests in, reports jobs as LCR-EMP-1; Kindred's
    # investees report theirs as LCR-INV-1): within a role and a year, overlapping measures are
    # taken to count the same activity, and the second of each pair is left out.
    overlap_scope=("role", "period"),
)
deliveries = sv.io.example_deliveries()
# Kindred's £1 million investment ships as a cost beside the deliveries (deliveries.costs).
costs = deliveries.costs
report = build_report(
    deliveries,
    methodology,
    title="Social Value Annual Report 2023 — reproduced",
    authority="Liverpool City Region Combined Authority",
    period="2022/23",
    commitments=sv.io.shipped_commitments().commitments,
    costs=costs,
)
english = Formatter(locale="en_GB", rounding=methodology.rounding)
(out / "report.html").write_text(render_html(report, english), encoding="utf-8")
(out / "report.md").write_text(render_markdown(report, english), encoding="utf-8")
print(f"wrote {out}/report.html and {out}/report.md ({methodology.ref})")


def quantity(*codes: str, project: str | None = None) -> Decimal:
    """Total delivered of some measures (of one project, if given), across all deliveries."""
    return sum(
        (
            d.quantity
            for d in deliveries
            if d.measure in codes and (project is None or d.project == project)
        ),
        Decimal(0),
    )


# Published figures: the 2023 report (seed 003) and its press release (seed 001).
comparisons = [
    # LCR-EMP-1 and LCR-INV-1 overlap (the framework says so): the sum is the press release's
    # arithmetic, not a de-duplicated count; the report lists the overlap.
    (
        "full-time jobs (EMP-1 + INV-1, overlap)",
        "more than 130 (press release)",
        quantity("LCR-EMP-1", "LCR-INV-1"),
    ),
    ("apprenticeships", "11 (press release)", quantity("LCR-SKL-1")),
    (
        "work experience opportunities",
        "8 (press release); 3 + 6 in the report's spotlights",
        quantity("LCR-SKL-2"),
    ),
    ("hours of volunteering (AEB)", "over 14,000", quantity("LCR-COM-1")),
    (
        "in-kind contributions (AEB), £",
        "£1.1 million",
        quantity("LCR-COM-3", project="Adult Education Budget"),
    ),
    (
        "resources and equipment donated, £",
        "over £55,000",
        quantity("LCR-COM-3", project="Housing Retrofit Programme"),
    ),
    ("employees in EDI training (target)", "21,000 (roll-out)", quantity("LCR-EDI-1")),
]
print(
    "\nfigure                                published                                         here"
)
for label, published, here in comparisons:
    print(f"{label:<37} {published:<52} {here:,}")

training = next(d for d in deliveries if d.measure == "LCR-EDI-1")
if licensed:
    restated = sv.value(training, methodology)
    print(
        "\nEDI training with your values: the report says 'over £8million' (a target); here "
        f"{english.money(restated.gross)} in {methodology.price_base.label} prices"
    )
else:
    print(
        f"\nEDI training ({training.quantity:,} employees, a roll-out target): the report's "
        "'over £8million' rests on a National TOMs value, which cannot ship; it is counted, "
        "not valued. Pass your licensed registry file to value it."
    )
headline = {h.key: h.amount for h in report.headlines if h.amount is not None}
print(
    "\ntotal present value in the report (delivered, de-duplicated, no transfers): "
    f"{english.money(headline['total_present_value'])}"
)
for key, label in (("transfers_total", "transfers"), ("targets_total", "targets")):
    if key in headline:
        print(f"  kept apart, {label}: {english.money(headline[key])}")
print("excluded or flagged, with reasons:")
for item in report.exclusions:
    amount = english.money(item.present_value) if item.present_value is not None else "no £"
    print(f"  {item.measure} {item.project or '-'}: {amount} — {item.kind}: {item.reason}")
for line in report.appraisal:
    leverage = "—" if line.leverage is None else english.number(line.leverage, 2)
    print(
        f"{line.project}: PVB {english.money(line.pvb)}, PVC {english.money(line.pvc)}, "
        f"NPSV {english.money(line.npsv)}, leverage {leverage} (funding attracted per £1)"
    )
