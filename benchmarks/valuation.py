"""How fast a batch of deliveries is valued and totalled, three ways, beside a pandas baseline.

Run from the repository root, with socialvalue installed::

    python benchmarks/valuation.py             # full run: 1,000,000 deliveries, about 2 minutes
                                               # on a 2-core machine (most of it the per-item way)
    python benchmarks/valuation.py --quick     # 50,000 deliveries, fewer repetitions: a smoke
                                               # run for CI (its figures are too noisy to compare)
    python benchmarks/valuation.py --n 200000  # another count
    python benchmarks/valuation.py --per-item 100000  # value only the first 100,000 one by one
    python benchmarks/valuation.py --no-files  # without the end-to-end rows from files
    python benchmarks/valuation.py --dask-10m  # also 10,000,000 rows from Parquet on Dask

After its own tables it runs ``benchmarks/frames.py`` for the same count: the end-to-end rows
from CSV and Parquet files to exact totals by theme x period, through ``value_frame`` on polars,
pandas (Arrow-backed), DuckDB and Dask, beside the pandas float pipeline *including its read*,
each way in a fresh process, with each figure beside its target and the pandas baseline.

Inputs (seeded, built outside every timed part): a synthetic framework of 40 proxy measures
(units ``hour`` and ``person``), an in-memory registry with one open-ended value per measure in
2022/23 prices, and a methodology over them that rebases to 2024/25 prices with the shipped GDP
deflator, applies deadweight 20% and attribution 10% (every eighth measure also has displacement
25% and lasts 5 years with 20% drop-off; the rest last 3 years with 10% drop-off) and discounts
with the Green Book standard schedule. Then N deliveries (default 1,000,000), each of a random
measure in one of 16 financial quarters (2022/23 Q1 to 2025/26 Q4), with a quantity of 0.01 to
9,999.99 (two decimal places, ``Decimal``).

The three ways, each giving gross, net and present-value totals:

* (a) per item — ``value(delivery, methodology)`` for each delivery, its three ``Money``
  amounts summed (what a first program would write). Run once: it is slow.
* (b) ``value_many(deliveries, methodology)``, then ``total_gross()``, ``total_net()`` and
  ``total_present_value()``. Its Decimal totals are *the exact answer* the others are compared
  with.
* (c) the pandas baseline a user would otherwise write: a DataFrame with measure, period label,
  float quantity and the exact unit values (gross, net, present, £ per unit) as float columns;
  multiply, group by measure and period, sum, total. Building the frame (including looking up
  the unit values) is outside the timed part, so its time is a lower bound for that way.

Every timed call of (a) and (b) gets a fresh copy of the methodology, so the unit values (640
of them, one per measure and quarter) are computed inside the timed part, as on a first call;
a further row shows (b) again with them cached.

Figures: time is wall-clock (median of the repetitions for (b) and (c)); peak memory is
tracemalloc's peak of what the call allocates (the inputs already exist), taken in a separate
untimed run because tracemalloc slows allocation; the difference is the largest of the gross,
net and present-value totals' absolute differences from the exact answer, in pence. Then each
target is printed beside its figure and marked met or NOT met.

Values are Decimal throughout socialvalue's paths; floats appear only in the pandas baseline
and in timings. This script never asserts on a timing and is not run by the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import gc
import importlib
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs

from socialvalue import (
    Additionality,
    Delivery,
    FinancialQuarter,
    Framework,
    Measure,
    Methodology,
    Money,
    Outcome,
    ProxyRegistry,
    ProxyValue,
    Source,
    Theme,
    ValuationBatch,
    ValuationKey,
    unit_value,
    value,
    value_many,
)
from socialvalue.io import shipped_discount_schedule, shipped_price_index
from socialvalue.methodology import MeasureAssumption

if TYPE_CHECKING:
    from pandas import DataFrame

MEASURES = 40
QUARTERS = 16
FIRST_QUARTER = FinancialQuarter(2022, 1)
SYNTHETIC_SOURCE = Source(title="synthetic benchmark values", publisher="socialvalue benchmarks")
MB = 1_000_000
#: Context for comparing totals: wide enough that differences are computed exactly.
EXACT = decimal.Context(prec=200)

# The targets, as set for 1,000,000 deliveries.
TARGET_COUNT = 1_000_000
TARGET_VALUE_MANY_S = 1.5
TARGET_VALUE_MANY_MB = 500.0
TARGET_IMPORT_MS = 150.0
TARGET_METHODOLOGY_MS = 50.0

Totals = tuple[Decimal, Decimal, Decimal]  # gross, net, present value (£)


@attrs.frozen
class Settings:
    """How much work each figure does."""

    count: int
    repeats: int
    subprocess_runs: int
    memory_items: int  # deliveries valued one by one under tracemalloc


FULL = Settings(count=1_000_000, repeats=5, subprocess_runs=11, memory_items=20_000)
QUICK = Settings(count=50_000, repeats=1, subprocess_runs=3, memory_items=5_000)


@attrs.frozen
class Way:
    """One row of the table: a way of valuing and totalling the deliveries."""

    name: str
    count: int
    seconds: float
    peak_mb: float | None
    diff_pence: Decimal | None  # None: this way *is* the exact answer
    note: str = ""


@attrs.frozen
class Target:
    """One target, beside its figure."""

    name: str
    figure: float
    limit: float
    unit: str
    judged: bool = True  # False: the target is set for another count than this run's

    @property
    def status(self) -> str:
        """``met``, ``NOT met``, or why the figure is not judged against the target."""
        if not self.judged:
            return f"not judged: the target is for {TARGET_COUNT:,} deliveries"
        return "met" if self.figure <= self.limit else "NOT met"


# --- inputs -------------------------------------------------------------------------------------


def quarters() -> list[FinancialQuarter]:
    """The 16 financial quarters deliveries fall in, in order."""
    found = [FIRST_QUARTER]
    while len(found) < QUARTERS:
        found.append(found[-1].next())
    return found


def synthetic_methodology(rng: random.Random) -> Methodology:
    """A methodology over a 40-measure framework, with rebasing, additionality and discounting."""
    measures = [
        Measure(
            code=f"SYN-{i:02d}",
            title=f"Synthetic measure {i}",
            unit="hour" if i % 2 == 0 else "person",
            valuation="proxy",
            value_type="social" if i % 3 else "economic",
        )
        for i in range(MEASURES)
    ]
    themes = [
        Theme(
            code=f"SYN-T{t}",
            title=f"Synthetic theme {t}",
            outcomes=[
                Outcome(
                    code=f"SYN-O{t}",
                    title=f"Synthetic outcome {t}",
                    measures=measures[t * 10 : (t + 1) * 10],
                )
            ],
        )
        for t in range(MEASURES // 10)
    ]
    framework = Framework(
        id="synthetic",
        title="Synthetic benchmark framework",
        version="bench",
        publisher="socialvalue benchmarks",
        licence="synthetic",
        themes=themes,
    )
    registry = ProxyRegistry(
        id="synthetic-values",
        title="Synthetic benchmark values",
        version="bench",
        publisher="socialvalue benchmarks",
        licence="synthetic",
        values=[
            ProxyValue(
                measure=measure.code,
                unit=measure.unit,
                value=Decimal(rng.randrange(100, 100_000)).scaleb(-2),  # £1.00 to £999.99
                price_base="2022/23",
                valid_from=dt.date(2018, 4, 1),
                source=SYNTHETIC_SOURCE,
                licence="synthetic",
            )
            for measure in measures
        ],
    )
    longer = Additionality(
        deadweight="0.2", displacement="0.25", attribution="0.1", duration_years=5, drop_off="0.2"
    )
    return Methodology(
        id="synthetic-bench",
        title="Synthetic benchmark methodology",
        version="bench",
        publisher="socialvalue benchmarks",
        framework=framework,
        registries=[registry],
        price_index=shipped_price_index(),
        price_base="2024/25",
        additionality=Additionality(
            deadweight="0.2", attribution="0.1", duration_years=3, drop_off="0.1"
        ),
        assumptions=[
            MeasureAssumption(measure=measure.code, additionality=longer)
            for i, measure in enumerate(measures)
            if i % 8 == 0
        ],
        discount_schedule=shipped_discount_schedule(),
    )


def synthetic_deliveries(
    rng: random.Random, methodology: Methodology, count: int
) -> list[Delivery]:
    """``count`` deliveries of random measures and quarters, quantities to two decimal places."""
    codes = methodology.framework.measure_codes()
    periods = quarters()
    return [
        Delivery(
            measure=codes[rng.randrange(MEASURES)],
            quantity=Decimal(rng.randrange(1, 1_000_000)).scaleb(-2),  # 0.01 to 9,999.99
            period=periods[rng.randrange(QUARTERS)],
        )
        for _ in range(count)
    ]


def fresh(methodology: Methodology) -> Methodology:
    """The same methodology with an empty unit-value cache (a copy is built from its fields)."""
    return attrs.evolve(methodology)


# --- measuring ----------------------------------------------------------------------------------


def timed(action: Callable[[], object]) -> tuple[float, Any]:
    """Wall time (s) of one call of ``action``, and its result."""
    gc.collect()
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_time(
    action: Callable[[], object], repeats: int, prepare: Callable[[], None] = lambda: None
) -> float:
    """Median wall time (s) of ``repeats`` calls, each after an untimed ``prepare()``."""
    times = []
    for _ in range(repeats):
        prepare()
        times.append(timed(action)[0])
    return statistics.median(times)


def peak_mb(action: Callable[[], object]) -> float:
    """Peak (MB, by tracemalloc) of what one call of ``action`` allocates, result included."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return (peak - before) / MB


def pence(ours: Totals, exact: Totals) -> Decimal:
    """The largest absolute difference (pence) between two sets of totals, computed exactly."""
    return max(
        EXACT.multiply(abs(EXACT.subtract(a, b)), Decimal(100))
        for a, b in zip(ours, exact, strict=True)
    )


# --- (a) per item -------------------------------------------------------------------------------


def per_item(deliveries: Sequence[Delivery], methodology: Methodology) -> Totals:
    """Value each delivery on its own and sum its Money amounts (exact: Money adds exactly)."""
    gross = net = present = Money.zero()
    for delivery in deliveries:
        valuation = value(delivery, methodology)
        if valuation.gross is None or valuation.net is None or valuation.present_value is None:
            continue  # record-only: never monetised (none in this benchmark)
        gross += valuation.gross
        net += valuation.net
        present += valuation.present_value
    return gross.amount, net.amount, present.amount


# --- (b) value_many -----------------------------------------------------------------------------


def batch_totals(deliveries: Sequence[Delivery], methodology: Methodology) -> Totals:
    """``value_many`` and its three totals."""
    batch: ValuationBatch = value_many(deliveries, methodology)
    return (
        batch.total_gross().amount,
        batch.total_net().amount,
        batch.total_present_value().amount,
    )


# --- (c) pandas ---------------------------------------------------------------------------------


def pandas_frame(
    pd: ModuleType, deliveries: Sequence[Delivery], methodology: Methodology
) -> DataFrame:
    """The DataFrame a user would build: measure, period label, float quantity and unit values.

    The unit values are socialvalue's exact ones (£ per unit, gross, net and present), as floats.
    """
    units: dict[tuple[str, str], tuple[float, float, float]] = {}
    labels: dict[FinancialQuarter, str] = {}
    for period in quarters():
        labels[period] = period.label
        for code in methodology.framework.measure_codes():
            unit = unit_value(ValuationKey(code, period, "UK"), methodology)
            if unit.gross is None or unit.net is None or unit.present_value is None:
                continue
            units[code, period.label] = (
                float(unit.gross),
                float(unit.net),
                float(unit.present_value),
            )
    measure = [d.measure for d in deliveries]
    period_label = [labels[d.period] for d in deliveries]  # type: ignore[index]
    rows = [units[key] for key in zip(measure, period_label, strict=True)]
    return pd.DataFrame(
        {
            "measure": measure,
            "period": period_label,
            "quantity": [float(d.quantity) for d in deliveries],
            "unit_gross": [row[0] for row in rows],
            "unit_net": [row[1] for row in rows],
            "unit_present": [row[2] for row in rows],
        }
    )


def pandas_totals(frame: DataFrame) -> tuple[float, float, float]:
    """Multiply, group by measure and period, sum, total: all in float64."""
    values = frame[["measure", "period"]].assign(
        gross=frame["quantity"] * frame["unit_gross"],
        net=frame["quantity"] * frame["unit_net"],
        present=frame["quantity"] * frame["unit_present"],
    )
    by_key = values.groupby(["measure", "period"], sort=False)[["gross", "net", "present"]].sum()
    totals = by_key.sum()
    return float(totals["gross"]), float(totals["net"]), float(totals["present"])


def numpy_is_traced(np: ModuleType) -> bool:
    """Whether tracemalloc sees numpy's array buffers (numpy reports them to it)."""

    def allocate() -> object:
        return np.ones(1_000_000)  # 8 MB

    return peak_mb(allocate) >= 7.9


def max_rss_mb() -> float:
    """This process's maximum resident set size so far (MB; Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


# --- fresh processes ----------------------------------------------------------------------------


def run_python(code: str) -> tuple[float, str]:
    """Wall time (s) of ``python -c code`` in a fresh process, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - start, done.stdout


METHODOLOGY_CODE = (
    "import time, socialvalue\n"
    "start = time.perf_counter()\n"
    "socialvalue.default_methodology()\n"
    "print(time.perf_counter() - start)\n"
)
# The same, with the modules the load needs imported first: what the load itself costs.
METHODOLOGY_WARM_CODE = (
    "import time, socialvalue, socialvalue.io\n"
    "start = time.perf_counter()\n"
    "socialvalue.default_methodology()\n"
    "print(time.perf_counter() - start)\n"
)


def fresh_process_figures(runs: int) -> tuple[float, float, float, float]:
    """Figures from fresh processes (interleaved), as medians in ms.

    ``import socialvalue`` minus start-up; start-up (``python -c pass``); the first
    ``default_methodology()`` call right after the import (including the modules it imports
    lazily); and the same call with those modules imported beforehand.
    """
    imports, startups, loads, warm = [], [], [], []
    for _ in range(runs):
        startups.append(run_python("pass")[0])
        imports.append(run_python("import socialvalue")[0])
        loads.append(float(run_python(METHODOLOGY_CODE)[1]))
        warm.append(float(run_python(METHODOLOGY_WARM_CODE)[1]))
    startup = statistics.median(startups)
    return (
        (statistics.median(imports) - startup) * 1000,
        startup * 1000,
        statistics.median(loads) * 1000,
        statistics.median(warm) * 1000,
    )


# --- report -------------------------------------------------------------------------------------


def seconds(value: float) -> str:
    """``0.512 s`` or ``53.1 s``."""
    return f"{value:,.1f} s" if value >= 10 else f"{value:,.3f} s"


def difference(diff: Decimal | None) -> str:
    """The difference from the exact answer, in pence."""
    if diff is None:
        return "(the exact answer)"
    if diff == 0:
        return "0 p (exact)"
    return f"{diff.quantize(Decimal('0.0001'), context=EXACT):,} p"


def table(header: Sequence[str], rows: Sequence[Sequence[str]], aligns: str) -> None:
    """Print rows aligned under a header."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, aligns, widths, strict=True))

    print(line(header).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row).rstrip())


def ways_table(ways: Sequence[Way], baseline: Way | None) -> None:
    """The ways, each beside the pandas baseline (per delivery, so counts may differ)."""
    rows = []
    for way in ways:
        per = way.seconds / way.count
        if baseline is None or way is baseline:
            ratio = "baseline" if way is baseline else "n/a (no pandas)"
        else:
            cost = per / (baseline.seconds / baseline.count)
            ratio = f"{cost:,.1f}x slower" if cost >= 1 else f"{1 / cost:,.1f}x faster"
        rows.append(
            (
                way.name,
                f"{way.count:,}",
                seconds(way.seconds),
                f"{per * 1e6:,.2f} µs",
                "n/a" if way.peak_mb is None else f"{way.peak_mb:,.1f} MB",
                difference(way.diff_pence),
                ratio,
            )
        )
    header = (
        "way",
        "deliveries",
        "time",
        "per delivery",
        "peak memory",
        "diff from exact",
        "vs pandas",
    )
    table(header, rows, "<>>>>><")


def targets_table(targets: Sequence[Target]) -> None:
    """Each target beside its figure, met or NOT met."""
    rows = [
        (
            t.name,
            f"{t.figure:,.3f} {t.unit}" if t.unit == "s" else f"{t.figure:,.1f} {t.unit}",
            f"≤ {t.limit:,.3g} {t.unit}",
            t.status,
        )
        for t in targets
    ]
    table(("target", "figure", "limit", "status"), rows, "<>><")


def main(argv: Sequence[str] | None = None) -> None:  # noqa: PLR0915 - one run, in order
    """Build the inputs, run the three ways and the fresh-process figures, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="50,000 deliveries, few repetitions")
    parser.add_argument("--n", type=int, help="how many deliveries (default 1,000,000)")
    parser.add_argument("--per-item", type=int, help="value only the first N one by one")
    parser.add_argument("--seed", type=int, default=2024, help="seed for the synthetic inputs")
    parser.add_argument(
        "--no-files",
        action="store_true",
        help="leave out the end-to-end rows from CSV and Parquet (benchmarks/frames.py)",
    )
    parser.add_argument(
        "--dask-10m", action="store_true", help="also 10,000,000 rows from Parquet on Dask"
    )
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    count = args.n or settings.count
    item_count = min(count, args.per_item or count)
    rng = random.Random(args.seed)
    began = time.perf_counter()

    methodology = synthetic_methodology(rng)
    rss_before = max_rss_mb()
    build_s, deliveries = timed(lambda: synthetic_deliveries(rng, methodology, count))
    inputs_mb = max_rss_mb() - rss_before
    items = deliveries[:item_count]
    batch_totals(deliveries[:1000], fresh(methodology))  # warm-up: lazy imports, code paths

    # (b) value_many: the exact answer, cold (fresh methodology) and warm.
    cold = fresh(methodology)
    exact = batch_totals(deliveries, cold)
    copies: list[Methodology] = []
    many_s = median_time(
        lambda: batch_totals(deliveries, copies[-1]),
        settings.repeats,
        prepare=lambda: copies.append(fresh(methodology)),
    )
    warm_s = median_time(lambda: batch_totals(deliveries, cold), settings.repeats)
    many_mb = peak_mb(lambda: batch_totals(deliveries, fresh(methodology)))
    warm_mb = peak_mb(lambda: batch_totals(deliveries, cold))

    # (a) per item, once, on a fresh methodology; memory on a prefix (it streams).
    item_exact = exact if item_count == count else batch_totals(items, cold)
    item_s, item_totals = timed(lambda: per_item(items, fresh(methodology)))
    memory_items = min(item_count, settings.memory_items)
    item_mb = peak_mb(lambda: per_item(items[:memory_items], fresh(methodology)))

    ways = [
        Way(
            "(a) value() per item, Money summed",
            item_count,
            item_s,
            item_mb,
            pence(item_totals, item_exact),
            note=f"peak memory over the first {memory_items:,}",
        ),
        Way("(b) value_many() + totals", count, many_s, many_mb, None),
        Way("    again, unit values cached", count, warm_s, warm_mb, None),
    ]

    # (c) pandas, if installed.
    baseline: Way | None = None
    pandas_note = ""
    try:
        pd = importlib.import_module("pandas")
        np = importlib.import_module("numpy")
    except ImportError:
        pandas_note = "pandas is not installed: (c) skipped. Install it with: pip install pandas"
    else:
        frame_s, frame = timed(lambda: pandas_frame(pd, deliveries, cold))
        pandas_totals(frame)  # warm-up
        pandas_s = median_time(lambda: pandas_totals(frame), settings.repeats)
        pandas_mb = peak_mb(lambda: pandas_totals(frame))
        floats = pandas_totals(frame)
        as_decimals = tuple(Decimal(f) for f in floats)  # exact conversion of each float
        baseline = Way(
            "(c) pandas float64 (baseline)",
            count,
            pandas_s,
            pandas_mb,
            pence(as_decimals, exact),  # type: ignore[arg-type]
        )
        ways.append(baseline)
        traced = "sees" if numpy_is_traced(np) else "does NOT see"
        pandas_note = (
            f"pandas {pd.__version__}, numpy {np.__version__}: building the DataFrame from the "
            f"deliveries, unit values included, took {seconds(frame_s)} (not in the table). "
            f"tracemalloc {traced} numpy's array buffers (checked on an 8 MB array), so (c)'s "
            "peak includes its arrays; memory from allocators that do not report to tracemalloc "
            "(e.g. pyarrow's) would be missed."
        )
        del frame

    import_ms, startup_ms, methodology_ms, warm_ms = fresh_process_figures(settings.subprocess_runs)

    full = count == TARGET_COUNT
    targets = [
        Target(f"value_many, {count:,}: time", many_s, TARGET_VALUE_MANY_S, "s", full),
        Target(f"value_many, {count:,}: peak memory", many_mb, TARGET_VALUE_MANY_MB, "MB", full),
        Target("import socialvalue (minus start-up)", import_ms, TARGET_IMPORT_MS, "ms"),
        Target("default_methodology(), first call", methodology_ms, TARGET_METHODOLOGY_MS, "ms"),
        Target("  the same, modules imported", warm_ms, TARGET_METHODOLOGY_MS, "ms"),
    ]

    mode = "quick" if args.quick else "full"
    python = sys.version.split()[0]
    print(
        f"socialvalue valuation benchmarks ({mode} run, {count:,} deliveries, seed {args.seed}, "
        f"Python {python})"
    )
    print(
        f"{MEASURES} measures x {QUARTERS} financial quarters = {MEASURES * QUARTERS} unit "
        "values; 2022/23 prices rebased to 2024/25; deadweight 20%, attribution 10%; 3-5 years "
        "with drop-off, discounted (Green Book)"
    )
    print()
    ways_table(ways, baseline)
    print()
    targets_table(targets)
    print()
    print("exact totals (value_many, GBP, shown to the penny):")
    for name, amount in zip(("gross", "net", "present value"), exact, strict=True):
        print(f"  {name:<14} {Money(amount).quantize(2).amount:>24,}")
    print()
    print("notes:")
    notes = [
        f"building the {count:,} Delivery objects took {seconds(build_s)} (not timed above).",
        (
            "(a) and (b) get a fresh copy of the methodology on every timed call, so the "
            f"{MEASURES * QUARTERS} unit values are computed inside the timed part; '(b) again' "
            "reuses them."
        ),
        (
            "(a) runs once; (b) and (c) show the median of "
            f"{settings.repeats} run(s). (a)'s {ways[0].note}: it streams, so it does not grow "
            "with the count."
        ),
        (
            "peak memory: tracemalloc's peak of what the call allocates, measured in a separate "
            "untimed run (tracemalloc slows allocation). The deliveries the caller already holds "
            "are not counted."
        ),
        (
            "diff from exact: the largest of the gross, net and present-value totals' "
            "differences from value_many's Decimal totals, in pence, computed exactly."
        ),
        pandas_note,
        (
            f"import and default_methodology(): medians of {settings.subprocess_runs} fresh "
            f"processes each, interleaved; interpreter start-up ({startup_ms:.1f} ms, "
            "python -c pass) is subtracted from the import. default_methodology() is timed inside "
            "the process right after the import, so it includes the modules it imports lazily."
        ),
        (
            f"memory held by the inputs: the process's max RSS grew by {inputs_mb:,.0f} MB while "
            f"the deliveries were built; at the end it was {max_rss_mb():,.0f} MB (everything, "
            "the pandas frame included)."
        ),
    ]
    for note in notes:
        print(f"* {note}")
    if not args.no_files:
        # The end-to-end rows: the same count from CSV and Parquet files to exact totals by
        # theme x period, through value_frame on each engine, beside the pandas float
        # pipeline including its read (benchmarks/frames.py, each way in a fresh process).
        print()
        print("end to end, from files:")
        import frames  # noqa: PLC0415 - the sibling script, needs the frames (and dask) extras

        frames.main(
            ["--n", str(count), "--seed", str(args.seed)]
            + (["--dask-10m"] if args.dask_10m else [])
        )
    print()
    print(f"total benchmark time: {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
