"""How long the annual report takes for a large batch of deliveries.

Builds N synthetic deliveries (default 100,000) across the shipped LCRCA measures that the
default methodology can value, then times, in one run: valuing them alone with value_many (the
baseline every report needs), building the report, and rendering the members' report and the
technical annex as HTML with charts (and Markdown, for comparison), with their sizes. Targets
(issue 17): build + render of 100,000 deliveries within 2 s, HTML within 2 MB.

With --returns N it also writes N rows of supplier returns as CSV and times the command an
officer runs, ``socialvalue report returns.csv`` (import rules, valuation, both documents and
the CSV beside them), in a fresh process as the officer runs it: starting Python and importing
what the command needs are in the figure. Target: 200,000 rows within 5 s, each document
within 2 MB.

Run: python benchmarks/report.py [--n 100000] [--returns 200000] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import socialvalue as sv
from socialvalue.report import (
    Formatter,
    build_report,
    render_html,
    render_markdown,
    render_members_html,
)

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


#: CPU seconds of this process, beside the wall-clock ones: on a shared machine other work
#: stretches the wall clock, not the CPU time this process spent.
CPU: list[float] = []


def timed(label: str, action: object) -> float:
    """Run ``action`` once and print its time (wall clock, and CPU in brackets)."""
    start, cpu = time.perf_counter(), time.process_time()
    action()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    CPU.append(time.process_time() - cpu)
    print(f"{label:<46} {seconds:>6.2f} s  (CPU {CPU[-1]:.2f} s)")
    return seconds


def main() -> None:
    """Print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="number of deliveries")
    parser.add_argument("--quick", action="store_true", help="10,000 deliveries, for CI")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument(
        "--returns", type=int, default=0, help="also time `report returns.csv` of this many rows"
    )
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
    md_s = timed("render_markdown (everything, for comparison)", lambda: render_markdown(report, f))  # type: ignore[arg-type]
    pages: dict[str, str] = {}

    def members() -> None:
        pages["members"] = render_members_html(report, f, annex_href="annex.html")  # type: ignore[arg-type]

    def annex() -> None:
        pages["annex"] = render_html(report, f, members_href="report.html", csv_href="data")  # type: ignore[arg-type]

    members_s = timed("render_members_html (one SVG chart a section)", members)
    annex_s = timed("render_html: the technical annex", annex)
    total = report_s + members_s + annex_s
    cpu = CPU[1] + CPU[3] + CPU[4]
    sizes = {name: len(text.encode()) for name, text in pages.items()}
    print(f"\nbuild + both documents: {total:.2f} s (target 2 s: {_verdict(total <= 2)})")
    print(f"  CPU time {cpu:.2f} s (target 2 s: {_verdict(cpu <= 2)})")
    print(f"  {total / base:.1f}x the valuation alone; markdown {md_s:.2f} s")
    for name, size in sizes.items():
        print(f"  {name}: {size / 1e6:.2f} MB (target 2 MB: {_verdict(size <= 2e6)})")
    if args.returns:
        returns(args.returns, args.seed)


def _verdict(met: bool) -> str:
    return "met" if met else "NOT met"


def returns(count: int, seed: int) -> None:
    """Write ``count`` rows of returns as CSV and time ``socialvalue report returns.csv``."""
    rng = random.Random(seed)
    quarters = [sv.FinancialQuarter(2022 + n // 4, n % 4 + 1).label for n in range(16)]
    with tempfile.TemporaryDirectory() as folder:
        here = Path(folder)
        with (here / "returns.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["measure", "quantity", "period", "role", "project", "reporter"])
            for _ in range(count):
                writer.writerow(
                    [
                        rng.choice(MEASURES),
                        f"{rng.randint(1, 10**6) / 100:,.2f}",
                        rng.choice(quarters),
                        rng.choice(ROLES),
                        f"project {rng.randint(1, 40)}",
                        f"supplier {rng.randint(1, 900)}",
                    ]
                )
        print(f"\nsocialvalue report returns.csv, {count:,} rows (writing the CSV is not timed)")
        framework = sv.default_methodology().framework
        start, cpu = time.perf_counter(), time.process_time()
        read = sv.io.read_returns(here / "returns.csv", framework=framework)
        read_s, read_cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"  baseline: read_returns alone (import rules, {len(read.accepted):,} accepted) "
            f"{read_s:.2f} s (CPU {read_cpu:.2f} s)"
        )
        del read  # the command runs in a process of its own, without this one's rows
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "socialvalue", "report", "returns.csv"]
        done = subprocess.run(  # noqa: S603 - this Python, fixed arguments
            [*command, "-o", "report.html", "--no-progress"],
            cwd=here,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_s = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        print(done.stdout.strip() or done.stderr.strip())
        print(
            f"  exit status {done.returncode}; {seconds:.2f} s in a fresh process "
            f"(target 5 s: {_verdict(seconds <= 5)})"
        )
        print(f"  CPU time {cpu_s:.2f} s (target 5 s: {_verdict(cpu_s <= 5)})")
        print(f"  peak memory of the command {after.ru_maxrss / 1024:.0f} MB")
        print(
            f"  read_returns alone (the row reader, the baseline) took {read_s:.2f} s "
            f"(CPU {read_cpu:.2f} s); the command reads CSV through read_returns_frame and "
            "values it with value_frame"
        )
        start, cpu = time.perf_counter(), time.process_time()
        fast = sv.io.read_returns_frame(here / "returns.csv", framework=framework)
        print(
            f"  the command's reader, read_returns_frame, in this process "
            f"{time.perf_counter() - start:.2f} s (CPU {time.process_time() - cpu:.2f} s)"
        )
        start, cpu = time.perf_counter(), time.process_time()
        fast.deliveries()
        print(
            f"  building every row's Delivery, which the command no longer does, "
            f"{time.perf_counter() - start:.2f} s (CPU {time.process_time() - cpu:.2f} s)"
        )
        for name in ("report.html", "report-annex.html"):
            size = (here / name).stat().st_size
            print(f"  {name}: {size / 1e6:.2f} MB (target 2 MB: {_verdict(size <= 2e6)})")


if __name__ == "__main__":
    main()
