"""How long the annual report takes for a large batch of deliveries.

Builds N synthetic deliveries (default 100,000) across the shipped LCRCA measures that the
default methodology can value, then times, in one run: valuing them alone with value_many (the
baseline every report needs), building the report, and rendering it as Markdown and as HTML with
charts. The target in the issue is "a report of 100,000 deliveries renders in seconds".

Run: python benchmarks/report.py [--n 100000] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from decimal import Decimal

import socialvalue as sv
from socialvalue.report import Formatter, build_report, render_html, render_markdown

MEASURES = ["LCR-COM-2", "LCR-COM-3", "LCR-SKL-7", "LCR-ENV-2", "LCR-ENV-1", "LCR-SKL-3"]
ROLES = ["employer", "investor", "service-provider", "commissioner", "civic-leader"]


def deliveries(count: int, seed: int) -> list[sv.Delivery]:
    """Synthetic deliveries: 2 decimal quantities, 16 quarters, 5 roles, 40 projects."""
    rng = random.Random(seed)
    quarters = [sv.FinancialQuarter(2022 + n // 4, n % 4 + 1) for n in range(16)]
    return [
        sv.Delivery(
            measure=rng.choice(MEASURES),
            quantity=Decimal(rng.randint(1, 10**6)).scaleb(-2),
            period=rng.choice(quarters),
            role=rng.choice(ROLES),
            project=f"project {rng.randint(1, 40)}",
            evidence=(f"return {n}",),
        )
        for n in range(count)
    ]


def timed(label: str, action: object) -> float:
    """Run ``action`` once and print its time."""
    start = time.perf_counter()
    action()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    print(f"{label:<42} {seconds:>8.2f} s")
    return seconds


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of deliveries")
    parser.add_argument("--quick", action="store_true", help="10,000 deliveries, for CI")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args()
    count = 10_000 if args.quick else args.n
    methodology = sv.default_methodology()
    items = deliveries(count, args.seed)
    print(f"annual report for {count:,} deliveries (building them is not timed)\n")
    base = timed("baseline: value_many alone", lambda: sv.value_many(items, methodology))
    built: dict[str, object] = {}

    def build() -> None:
        built["report"] = build_report(
            items,
            methodology,
            title="Benchmark",
            authority="Benchmark",
            period="2022-2026",
            generated=dt.date(2026, 1, 1),
        )

    report_s = timed("build_report (values, rolls up, traces)", build)
    f = Formatter(rounding=methodology.rounding)
    report = built["report"]
    md_s = timed("render_markdown", lambda: render_markdown(report, f))  # type: ignore[arg-type]
    html_s = timed("render_html (two SVG charts)", lambda: render_html(report, f))  # type: ignore[arg-type]
    total = report_s + html_s
    print(f"\nreport build + HTML: {total:.2f} s, {total / base:.1f}x the valuation alone")
    verdict = "met" if total < 60 else "NOT met"
    print(f"(markdown {md_s:.2f} s); target: seconds, not minutes — {verdict}")


if __name__ == "__main__":
    main()
