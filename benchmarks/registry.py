"""How fast proxy registries load and answer lookups, each figure beside a baseline.

Run from the repository root, with socialvalue installed::

    python benchmarks/registry.py            # full run: about 10-15 s on a 2-core machine
    python benchmarks/registry.py --quick    # fewer repetitions: a smoke run for CI (its
                                             # figures are too noisy to compare)
    python benchmarks/registry.py --seed 7   # other (still deterministic) synthetic inputs

It prints one table. Each row has the socialvalue figure, a baseline measured in the same run
on the same inputs, and how the two compare. The baseline is what a user would otherwise write:
plain dicts, no validation, no provenance. A slower socialvalue figure is therefore the price
of validation and provenance, not necessarily a defect; a ratio that grows between runs is.

Figures (times are medians over the repetitions, socialvalue and baseline alternating so that
other load on the machine affects both alike; inputs are built outside the timed part):

* ``load registry/framework/price index`` — milliseconds for
  ``socialvalue.io.loads(text, cls, format="toml")`` on the shipped package data text (read once
  via ``importlib.resources``), bypassing the ``shipped_*()`` caches: parse, structure and
  validate. Baseline: ``tomllib.loads(text, parse_float=Decimal)`` on the same text (parse only).
  The converter is warmed by one untimed call first, so its one-off construction is excluded.
* ``import socialvalue`` — wall-clock ms of ``python -c "import socialvalue"`` in a fresh
  process, minus ``python -c "pass"`` (interpreter start-up); medians of interleaved runs.
  Baseline: ``import attrs, cattrs`` (the main dependencies alone), also minus start-up. Below
  the table, the heaviest modules socialvalue imports directly, from one ``-X importtime`` run
  (a dependency shared by several modules counts against the first that imports it).
* ``lookups, shipped registry`` — strict lookups per second by date (``registry.lookup(measure,
  date, geography)``) for random measures, dates inside their validity and geographies along the
  chain (Liverpool City Region → North West → England → UK).
* ``lookups, 2-layer stack`` — the same against a synthetic partner layer (40 measures x 16
  financial quarters, half for the UK and half for Liverpool City Region) layered over the
  shipped registry; measures are drawn uniformly from all 42.
  Baseline for both: each layer a plain list of dicts, scanned linearly for the row covering the
  date, preferring the requested area over larger ones, top layer first (the same answers: the
  script checks every baseline answer against the library's before timing).
* ``load 10,000-row CSV`` — ms for ``registry_from_csv_text`` on a synthetic CSV (500 measures x
  20 quarters, every column a partner's export would have). Baseline:
  ``list(csv.DictReader(...))`` on the same text: dicts of strings, no validation.

Values are Decimal throughout; only the timings are floats. This script never asserts on a
timing and is not run by the test suite.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from socialvalue import Framework, PriceIndex, ProxyRegistry, ProxyValue, Source
from socialvalue.io import loads, registry_from_csv_text, shipped_registry
from socialvalue.proxies import RegistryStack

Row = dict[str, Any]
Query = tuple[str, dt.date, str]

AREAS = ("Liverpool City Region", "North West", "England", "UK")
SYNTHETIC_SOURCE = Source(title="Synthetic benchmark values", publisher="socialvalue benchmarks")
CENT = Decimal("0.01")


@attrs.frozen
class Settings:
    """How much work each figure does."""

    load_repeats: int
    import_runs: int
    lookup_queries: int
    lookup_repeats: int
    csv_repeats: int


FULL = Settings(
    load_repeats=30, import_runs=9, lookup_queries=5_000, lookup_repeats=7, csv_repeats=5
)
QUICK = Settings(load_repeats=3, import_runs=3, lookup_queries=500, lookup_repeats=2, csv_repeats=1)


@attrs.frozen
class Result:
    """One row of the table."""

    name: str
    ours: float
    baseline: float
    unit: str  # "ms" (lower is better) or "/s" (higher is better)
    baseline_name: str


# --- timing -------------------------------------------------------------------------------------


def median_pair(
    ours: Callable[[], object], base: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Median wall times (s) of ``ours()`` and ``base()``, each called ``repeats`` times.

    Each is called once untimed first; then the two alternate, so that a change in the load on
    the machine during the run affects both alike.
    """
    ours()
    base()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeats):
        for action, into in ((ours, times[0]), (base, times[1])):
            start = time.perf_counter()
            action()
            into.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def each(action: Callable[[Query], object], queries: Sequence[Query]) -> Callable[[], None]:
    """A callable that runs ``action`` on every query in turn."""

    def run_all() -> None:
        for query in queries:
            action(query)

    return run_all


# --- (1)-(2) shipped data files -----------------------------------------------------------------


def package_text(folder: str, name: str) -> str:
    """A data file shipped inside the package, as text."""
    return (resources.files("socialvalue") / "data" / folder / name).read_text(encoding="utf-8")


def bench_shipped_loads(settings: Settings) -> list[Result]:
    """Uncached ``loads`` of each shipped file against a bare ``tomllib`` parse."""
    results = []
    files: list[tuple[str, str, str, type]] = [
        ("load shipped registry", "registries", "desnz-carbon.toml", ProxyRegistry),
        ("load shipped framework", "frameworks", "lcrca.toml", Framework),
        ("load shipped price index", "prices", "gdp-deflator-hmt-2026-03.toml", PriceIndex),
    ]
    for label, folder, name, cls in files:
        text = package_text(folder, name)
        ours, base = median_pair(
            lambda text=text, cls=cls: loads(text, cls, format="toml"),
            lambda text=text: tomllib.loads(text, parse_float=Decimal),
            settings.load_repeats,
        )
        results.append(Result(label, ours * 1000, base * 1000, "ms", "tomllib.loads"))
    return results


# --- (3) import time ----------------------------------------------------------------------------


def bench_import(settings: Settings) -> Result:
    """``import socialvalue`` in fresh processes, minus interpreter start-up."""
    snippets = {"ours": "import socialvalue", "base": "import attrs, cattrs", "none": "pass"}
    times: dict[str, list[float]] = {key: [] for key in snippets}
    for _ in range(settings.import_runs):
        for key, code in snippets.items():  # interleaved, so drift hits all three alike
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
            times[key].append(time.perf_counter() - start)
    startup = statistics.median(times["none"])
    return Result(
        "import socialvalue",
        (statistics.median(times["ours"]) - startup) * 1000,
        (statistics.median(times["base"]) - startup) * 1000,
        "ms",
        "import attrs, cattrs",
    )


def heaviest_imports(count: int = 5) -> list[tuple[str, int]]:
    """Modules socialvalue imports directly, by cumulative µs, from one ``-X importtime`` run."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import socialvalue"],
        check=True,
        capture_output=True,
        text=True,
    )
    found = []
    for line in done.stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name = parts[2].removeprefix(" ")
        # Direct imports of the package are indented by two spaces under it.
        if name.startswith("  ") and not name.startswith("   "):
            found.append((name.strip(), int(parts[1])))
    return sorted(found, key=lambda item: -item[1])[:count]


# --- (4) lookups --------------------------------------------------------------------------------


def quarter_starts(count: int) -> list[dt.date]:
    """Starts of ``count`` financial quarters from 1 April 2022, plus the start after them."""
    starts = []
    for q in range(count + 1):
        month = 3 + 3 * q  # months after January 2022
        starts.append(dt.date(2022 + month // 12, month % 12 + 1, 1))
    return starts


def synthetic_layer(rng: random.Random, measures: int = 40, quarters: int = 16) -> ProxyRegistry:
    """A partner's layer: one value per measure per financial quarter, built in memory."""
    starts = quarter_starts(quarters)
    values = [
        ProxyValue(
            measure=f"SYN-{m:03d}",
            unit="hour",
            value=Decimal(rng.randrange(100, 100_000)) * CENT,
            price_base="2022/23",
            valid_from=starts[q],
            valid_to=starts[q + 1] - dt.timedelta(days=1),
            geography="UK" if m % 2 == 0 else "Liverpool City Region",
            source=SYNTHETIC_SOURCE,
            licence="synthetic",
        )
        for m in range(measures)
        for q in range(quarters)
    ]
    return ProxyRegistry(
        id="partner-synthetic",
        title="Synthetic partner layer",
        version="bench",
        publisher="socialvalue benchmarks",
        licence="synthetic",
        values=values,
    )


def random_queries(
    rng: random.Random, registry: ProxyRegistry | RegistryStack, count: int
) -> list[Query]:
    """Random (measure, date, geography) that a strict lookup answers.

    The date falls inside one of the measure's values (validities may have gaps, as the shipped
    volunteering values do for 2023/24 and 2024/25); the geography is the value's own area or,
    for UK values, any area on the chain below the UK.
    """
    spans: dict[str, list[tuple[dt.date, dt.date, str]]] = {}
    for layer in registry.layers:
        for measure in layer.measures():
            found = layer.values_for(measure)
            if measure in spans or not found:
                continue
            spans[measure] = [
                (v.valid_from, v.valid_to or dt.date(2099, 12, 31), v.geography) for v in found
            ]
    codes = sorted(spans)
    queries = []
    for _ in range(count):
        measure = rng.choice(codes)
        first, last, area = rng.choice(spans[measure])
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        geography = rng.choice(AREAS) if area == "UK" else area
        queries.append((measure, day, geography))
    return queries


def as_rows(registry: ProxyRegistry) -> list[Row]:
    """A registry as the list of plain dicts a user might keep instead."""
    return [
        {
            "measure": v.measure,
            "geography": v.geography,
            "valid_from": v.valid_from,
            "valid_to": v.valid_to,
            "value": v.value,
        }
        for v in registry.values
    ]


PARENTS = {"Liverpool City Region": "North West", "North West": "England", "England": "UK"}


def baseline_lookup(layers: Sequence[list[Row]], measure: str, day: dt.date, area: str) -> Row:
    """Linear scan of each layer (top first) for the row covering ``day``, nearest area first."""
    chain = [area]
    while chain[-1] in PARENTS:
        chain.append(PARENTS[chain[-1]])
    rank = {code: i for i, code in enumerate(chain)}
    for rows in layers:
        best: Row | None = None
        best_rank = len(chain)
        for row in rows:
            if (
                row["measure"] == measure
                and row["valid_from"] <= day
                and (row["valid_to"] is None or day <= row["valid_to"])
                and rank.get(row["geography"], best_rank) < best_rank
            ):
                best, best_rank = row, rank[row["geography"]]
        if best is not None:
            return best
    raise LookupError(f"no value for {measure} on {day} in {area}")


def bench_lookups(
    name: str,
    registry: ProxyRegistry | RegistryStack,
    settings: Settings,
    rng: random.Random,
) -> Result:
    """Strict lookups per second, against the linear scan over plain dicts."""
    queries = random_queries(rng, registry, settings.lookup_queries)
    layers = [as_rows(layer) for layer in registry.layers]
    for measure, day, area in queries:  # same answers, or the comparison means nothing
        ours = registry.lookup(measure, day, area).value.value
        theirs = baseline_lookup(layers, measure, day, area)["value"]
        if ours != theirs:
            raise AssertionError(f"{measure} {day} {area}: library {ours}, baseline {theirs}")
    ours, base = median_pair(
        each(lambda q: registry.lookup(q[0], q[1], q[2]), queries),
        each(lambda q: baseline_lookup(layers, q[0], q[1], q[2]), queries),
        settings.lookup_repeats,
    )
    return Result(name, len(queries) / ours, len(queries) / base, "/s", "linear scan of dicts")


# --- (5) CSV ------------------------------------------------------------------------------------


CSV_HEADER = [
    "code",
    "unit",
    "value",
    "low",
    "high",
    "price_year",
    "valid_from",
    "valid_to",
    "geography",
    "source_title",
    "source_publisher",
    "source_section",
    "licence",
    "verification",
    "note",
]


def synthetic_csv(rng: random.Random, measures: int = 500, quarters: int = 20) -> str:
    """A registry CSV of ``measures x quarters`` rows, as a partner's spreadsheet exports it."""
    starts = quarter_starts(quarters)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for m in range(measures):
        geography = AREAS[m % len(AREAS)]
        for q in range(quarters):
            value = Decimal(rng.randrange(100, 100_000)) * CENT
            writer.writerow(
                [
                    f"SYN-{m:04d}",
                    "hour",
                    value,
                    (value / 2).quantize(CENT),
                    (value * 3 / 2).quantize(CENT),
                    "2022/23",
                    starts[q].isoformat(),
                    (starts[q + 1] - dt.timedelta(days=1)).isoformat(),
                    geography,
                    "Synthetic benchmark values",
                    "socialvalue benchmarks",
                    f"Table {m % 7 + 1}",
                    "synthetic",
                    rng.choice(("primary", "secondary", "unverified")),
                    f"Synthetic value {m}/{q}, for timing only.",
                ]
            )
    return buffer.getvalue()


def bench_csv(settings: Settings, rng: random.Random) -> Result:
    """``registry_from_csv_text`` on 10,000 rows, against ``csv.DictReader`` into dicts."""
    text = synthetic_csv(rng)

    def ours() -> ProxyRegistry:
        return registry_from_csv_text(
            text,
            source="<benchmark>",
            id="synthetic-csv",
            title=None,
            version="bench",
            publisher="socialvalue benchmarks",
            licence="synthetic",
        )

    rows = len(ours().values)
    if rows != 10_000:
        raise AssertionError(f"expected 10,000 values, read {rows}")
    ours_s, base_s = median_pair(
        ours, lambda: list(csv.DictReader(io.StringIO(text, newline=""))), settings.csv_repeats
    )
    return Result(f"load {rows:,}-row CSV", ours_s * 1000, base_s * 1000, "ms", "csv.DictReader")


# --- report -------------------------------------------------------------------------------------


def figure(value: float, unit: str) -> str:
    """``12.34 ms`` or ``104,013 /s``."""
    if unit == "ms":
        return f"{value:,.2f} ms"
    return f"{value:,.0f} /s"


def comparison(result: Result) -> str:
    """How socialvalue compares with the baseline: ``3.2x slower`` or ``1.5x faster``."""
    if result.ours <= 0 or result.baseline <= 0:
        return "n/a"
    # cost ratio: > 1 means socialvalue takes longer per operation than the baseline
    cost = result.ours / result.baseline if result.unit == "ms" else result.baseline / result.ours
    if 0.95 < cost < 1.05:
        return "about the same"
    return f"{cost:.1f}x slower" if cost >= 1 else f"{1 / cost:.1f}x faster"


def print_table(results: Sequence[Result]) -> None:
    """The figures, aligned, each beside its baseline."""
    header = ("figure", "socialvalue", "baseline", "", "socialvalue vs baseline")
    rows = [
        (r.name, figure(r.ours, r.unit), figure(r.baseline, r.unit), r.baseline_name, comparison(r))
        for r in results
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    aligns = ("<", ">", ">", "<", "<")

    def line(cells: Sequence[str]) -> str:
        return "  ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, aligns, widths, strict=True))

    print(line(header).rstrip())
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row).rstrip())


def main(argv: Sequence[str] | None = None) -> None:
    """Run every benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--quick", action="store_true", help="few repetitions (CI smoke run)")
    parser.add_argument("--seed", type=int, default=2024, help="seed for the synthetic inputs")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    rng = random.Random(args.seed)
    began = time.perf_counter()

    shipped = shipped_registry()
    stack = synthetic_layer(rng).layered_over(shipped)
    results = [
        *bench_shipped_loads(settings),
        bench_import(settings),
        bench_lookups("lookups, shipped registry", shipped, settings, rng),
        bench_lookups("lookups, 2-layer stack", stack, settings, rng),
        bench_csv(settings, rng),
    ]

    mode = "quick" if args.quick else "full"
    python = sys.version.split()[0]
    print(f"socialvalue registry benchmarks ({mode} run, seed {args.seed}, Python {python})")
    print()
    print_table(results)
    print()
    print("heaviest direct imports of socialvalue (cumulative, one -X importtime run;")
    print("a shared dependency counts against the first module that imports it):")
    for name, micros in heaviest_imports():
        print(f"  {name:<40} {micros / 1000:8.1f} ms")
    print()
    print(f"total benchmark time: {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
