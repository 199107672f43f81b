"""1,000,000 deliveries from CSV and Parquet to exact totals by theme x period, engine by engine.

Run from the repository root, with socialvalue[frames,dask] installed::

    python benchmarks/frames.py             # 1,000,000 deliveries: files written once, then
                                            # every way in its own fresh process
    python benchmarks/frames.py --n 100000  # another count
    python benchmarks/frames.py --dask-10m  # also 10,000,000 rows on a 2-worker Dask cluster

Inputs (seeded): the synthetic 40-measure methodology of ``benchmarks/valuation.py``, and N
deliveries of a random measure in one of 16 financial quarters, quantity 0.01 to 9,999.99 (two
decimal places), written once as CSV (quantity as text) and as Parquet (quantity as
``decimal(12, 2)``), outside every timed part.

The ways, each from the file to totals by theme x period (gross, net, present value):

* ``value_frame`` on polars, pandas (Arrow-backed), DuckDB and Dask (a LocalCluster of two
  worker processes), each reading the file with its own reader; then
  ``Rollup.from_batch(batch, framework, ("theme", "period"))``. Exact.
* the pandas float pipeline a user would write, *including its read*: read the file, quantities
  as float64, join the unit values (float64), multiply, group by theme and period, sum. Inexact;
  its difference from the exact totals is shown in pence.
* the group-and-multiply step alone: ``value_frame`` + rollup on a polars frame already in
  memory (Parquet's decimal column).

Every way runs in a fresh process (so one's memory does not count against another): time is the
best of three runs in that process; peak memory is the process's peak resident set size
(``VmHWM``) over the whole run, reading included, and beside it the growth over the
process's size once the libraries were imported. For Dask the workers' own peaks are shown too.
Benchmarks print; nothing here is asserted, and the test suite never runs this script.
"""

from __future__ import annotations

import argparse
import decimal
import importlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import valuation as base

from socialvalue import Methodology, Rollup, ValuationKey, unit_value
from socialvalue.frames import read_deliveries, value_frame

MB = 1_000_000
EXACT = decimal.Context(prec=200)
TARGET_PARQUET_S = 1.0
TARGET_CSV_S = 2.0
TARGET_PEAK_MB = 300.0
TARGET_STEP_S = 0.15


def methodology() -> Methodology:
    """The synthetic methodology of benchmarks/valuation.py (same seed, same values)."""
    return base.synthetic_methodology(random.Random(2024))


def write_files(folder: Path, count: int, seed: int) -> tuple[Path, Path]:
    """N deliveries as CSV (quantity text) and Parquet (quantity decimal(12, 2))."""
    import polars as pl  # noqa: PLC0415 - an extra

    rng = random.Random(seed)
    codes = list(methodology().framework.measure_codes())
    labels = [q.label for q in base.quarters()]
    frame = pl.DataFrame(
        {
            "measure": [codes[rng.randrange(len(codes))] for _ in range(count)],
            "quantity": [f"{rng.randrange(1, 1_000_000) / 100:.2f}" for _ in range(count)],
            "period": [labels[rng.randrange(len(labels))] for _ in range(count)],
        }
    )
    csv, parquet = folder / "deliveries.csv", folder / "deliveries.parquet"
    frame.write_csv(csv)
    frame.with_columns(pl.col("quantity").cast(pl.Decimal(12, 2))).write_parquet(parquet)
    return csv, parquet


def rollup_totals(native: object, method: Methodology, index: str | None = None) -> dict[str, str]:
    """value_frame, then totals by theme x period; the three grand totals, exact, as text."""
    result = value_frame(native, method, index=index)
    rollup = Rollup.from_batch(result.batch, method.framework, ("theme", "period"))
    total = rollup.total()
    assert result.ok  # noqa: S101 - the benchmark files are all good rows
    return {"gross": str(total.gross), "net": str(total.net), "present": str(total.present_value)}


def pandas_float(path: Path, method: Methodology) -> dict[str, str]:
    """The float pipeline: read, join float unit values, multiply, group, sum."""
    import pandas as pd  # noqa: PLC0415 - an extra

    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype={"quantity": "float64"})
    else:
        frame = pd.read_parquet(path, dtype_backend="pyarrow")
        frame["quantity"] = frame["quantity"].astype("float64")
    units = pd.DataFrame(unit_rows(method))
    values = frame.merge(units, on=["measure", "period"], how="left")
    for name in ("gross", "net", "present"):
        values[name] = values["quantity"] * values[f"unit_{name}"]
    by = values.groupby(["theme", "period"], sort=False)[["gross", "net", "present"]].sum()
    totals = by.sum()
    return {name: repr(float(totals[name])) for name in ("gross", "net", "present")}


def unit_rows(method: Methodology) -> list[dict[str, object]]:
    """Each (measure, quarter)'s float unit values and theme, as the float pipeline uses them."""
    rows = []
    for code in method.framework.measure_codes():
        theme = method.framework.theme_of(code).code
        for quarter in base.quarters():
            unit = unit_value(ValuationKey(code, quarter, "UK"), method)
            assert unit.gross is not None  # noqa: S101 - every synthetic measure is a proxy
            assert unit.net is not None  # noqa: S101
            assert unit.present_value is not None  # noqa: S101
            rows.append(
                {
                    "measure": code,
                    "period": quarter.label,
                    "theme": theme,
                    "unit_gross": float(unit.gross),
                    "unit_net": float(unit.net),
                    "unit_present": float(unit.present_value),
                }
            )
    return rows


def rss_mb() -> float:
    """This process's peak resident set size so far (MB): VmHWM, which exec resets.

    (``getrusage``'s ``ru_maxrss`` is not used: Linux carries it over from the parent.)
    """
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024 / MB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MB


def one_way(way: str, csv: Path, parquet: Path, repeats: int) -> dict[str, Any]:
    """Run one way in this (fresh) process: best time, peak RSS, totals."""
    # Only the libraries this way uses are imported (before the baseline is taken).
    pd = importlib.import_module("pandas") if "pandas" in way else None
    pl = importlib.import_module("polars") if "polars" in way else None
    duckdb = importlib.import_module("duckdb") if "duckdb" in way else None
    pa = importlib.import_module("pyarrow") if way == "pandas-csv" else None
    method = methodology()
    client = cluster = None
    if way.startswith("dask"):
        import dask.dataframe as dd  # noqa: PLC0415
        from distributed import Client, LocalCluster  # noqa: PLC0415

        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        )
        client = Client(cluster)
    for quarter in base.quarters():  # unit values cached outside the timed part, as in a service
        for code in method.framework.measure_codes():
            unit_value(ValuationKey(code, quarter, "UK"), method)
    baseline = rss_mb()
    prebuilt = pl.read_parquet(parquet) if pl is not None and way == "step-polars" else None
    actions: dict[str, Callable[[], dict[str, str]]] = {
        "polars-parquet": lambda: rollup_totals(read_deliveries(parquet), method, "row"),
        "polars-csv": lambda: rollup_totals(read_deliveries(csv), method, "row"),
        "polars-lazy-parquet": lambda: rollup_totals(
            read_deliveries(parquet, lazy=True), method, "row"
        ),
        "pandas-parquet": lambda: rollup_totals(
            pd.read_parquet(parquet, dtype_backend="pyarrow"), method
        ),
        "pandas-csv": lambda: rollup_totals(
            pd.read_csv(
                csv,
                engine="pyarrow",
                dtype_backend="pyarrow",
                dtype={"quantity": pd.ArrowDtype(pa.string())},
            ),
            method,
        ),
        "duckdb-parquet": lambda: rollup_totals(duckdb.read_parquet(str(parquet)), method),
        "duckdb-csv": lambda: rollup_totals(
            duckdb.read_csv(str(csv), dtype={"quantity": "VARCHAR"}), method
        ),
        "pandas-float-parquet": lambda: pandas_float(parquet, method),
        "pandas-float-csv": lambda: pandas_float(csv, method),
        "step-polars": lambda: rollup_totals(prebuilt, method),
    }
    if way.startswith("dask"):
        import dask.dataframe as dd  # noqa: PLC0415

        actions["dask-parquet"] = lambda: rollup_totals(
            dd.read_parquet(str(parquet), dtype_backend="pyarrow"), method
        )
        actions["dask-csv"] = lambda: rollup_totals(
            dd.read_csv(str(csv), dtype={"quantity": "string[pyarrow]"}), method
        )
        actions["dask-parquet-10m"] = actions["dask-parquet"]
    best = float("inf")
    totals: dict[str, str] = {}
    for _ in range(repeats):
        start = time.perf_counter()
        totals = actions[way]()
        best = min(best, time.perf_counter() - start)
    found: dict[str, Any] = {
        "way": way,
        "seconds": best,
        "peak_mb": rss_mb(),
        "growth_mb": rss_mb() - baseline,
        "totals": totals,
    }
    if client is not None and cluster is not None:
        workers = client.run(rss_mb)
        found["worker_peak_mb"] = sorted(workers.values())
        client.close()
        cluster.close()
    return found


def run(way: str, csv: Path, parquet: Path, repeats: int) -> dict[str, Any]:
    """One way in a fresh process."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [
            sys.executable,
            __file__,
            "--one",
            way,
            "--csv",
            str(csv),
            "--parquet",
            str(parquet),
            "--repeats",
            str(repeats),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _shown(figure: float, unit: str) -> str:
    return f"{figure:,.3f} {unit}" if unit == "s" else f"{figure:,.0f} {unit}"


def _print_big(big: dict[str, Any] | None, n: int) -> None:
    """The 10,000,000-row Dask figures, if they were run."""
    if big is None:
        return
    print()
    print(
        f"Dask, {10 * n:,} rows from Parquet on 2 workers: {big['seconds']:.1f} s; "
        f"client peak {big['peak_mb']:,.0f} MB; workers' peaks "
        + ", ".join(f"{w:,.0f} MB" for w in big["worker_peak_mb"])
        + f"; gross {Decimal(big['totals']['gross']):,.2f} (its own data: no exact baseline)"
    )


def pence(ours: dict[str, str], exact: dict[str, str]) -> Decimal:
    """Largest difference from the exact totals, in pence (exactly computed)."""
    return max(
        EXACT.multiply(abs(EXACT.subtract(Decimal(ours[k]), Decimal(exact[k]))), Decimal(100))
        for k in ("gross", "net", "present")
    )


def main(argv: list[str] | None = None) -> None:  # noqa: PLR0915 - one run, in order
    """Write the files, run every way in a fresh process, print the table and the targets."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="how many deliveries")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--dask-10m", action="store_true", help="also 10,000,000 rows on Dask")
    parser.add_argument(
        "--dask-10m-only", action="store_true", help="only the 10,000,000 rows on Dask"
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--csv", help=argparse.SUPPRESS)
    parser.add_argument("--parquet", help=argparse.SUPPRESS)
    parser.add_argument("--repeats", type=int, default=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one_way(args.one, Path(args.csv), Path(args.parquet), args.repeats)))
        return
    began = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        csv, parquet = write_files(Path(folder), args.n, args.seed)
        sizes = (
            f"CSV {csv.stat().st_size / MB:,.1f} MB, Parquet {parquet.stat().st_size / MB:,.1f} MB"
        )
        ways = [
            "pandas-float-parquet",
            "polars-parquet",
            "polars-lazy-parquet",
            "pandas-parquet",
            "duckdb-parquet",
            "dask-parquet",
            "pandas-float-csv",
            "polars-csv",
            "pandas-csv",
            "duckdb-csv",
            "dask-csv",
            "step-polars",
        ]
        if args.dask_10m_only:
            ways = []
        results = [run(way, csv, parquet, 3 if not way.startswith("dask") else 1) for way in ways]
        big = None
        if args.dask_10m or args.dask_10m_only:
            big_folder = Path(folder) / "big"
            big_folder.mkdir()
            big_csv, big_parquet = write_files(big_folder, 10 * args.n, args.seed + 1)
            big = run("dask-parquet-10m", big_csv, big_parquet, 1)
    print(f"socialvalue frames benchmark: {args.n:,} deliveries, seed {args.seed} ({sizes})")
    if not results:
        _print_big(big, args.n)
        print(f"total benchmark time: {time.perf_counter() - began:.1f} s")
        return
    exact = next(r for r in results if r["way"] == "polars-parquet")["totals"]
    print()
    header = ("way", "time", "peak RSS", "growth", "diff from exact")
    rows = []
    for r in results:
        diff = pence(r["totals"], exact)
        shown = (
            "0 p (exact)" if diff == 0 else f"{diff.quantize(Decimal('0.0001'), context=EXACT):,} p"
        )
        extra = ""
        if "worker_peak_mb" in r:
            extra = " (workers " + ", ".join(f"{w:,.0f}" for w in r["worker_peak_mb"]) + " MB)"
        rows.append(
            (
                r["way"],
                f"{r['seconds']:.3f} s",
                f"{r['peak_mb']:,.0f} MB{extra}",
                f"{r['growth_mb']:,.0f} MB",
                shown,
            )
        )
    base.table(header, rows, "<>>><")
    by = {r["way"]: r for r in results}
    print()
    float_parquet = by["pandas-float-parquet"]
    float_csv = by["pandas-float-csv"]
    targets = [
        (
            "Parquet -> totals, polars",
            by["polars-parquet"]["seconds"],
            TARGET_PARQUET_S,
            float_parquet["seconds"],
            "s",
        ),
        (
            "  faster than pandas float on Parquet",
            by["polars-parquet"]["seconds"],
            float_parquet["seconds"],
            float_parquet["seconds"],
            "s",
        ),
        (
            "CSV -> totals, polars",
            by["polars-csv"]["seconds"],
            TARGET_CSV_S,
            float_csv["seconds"],
            "s",
        ),
        (
            "peak memory, polars Parquet (whole process)",
            by["polars-parquet"]["peak_mb"],
            TARGET_PEAK_MB,
            float_parquet["peak_mb"],
            "MB",
        ),
        (
            "peak memory, polars CSV (whole process)",
            by["polars-csv"]["peak_mb"],
            TARGET_PEAK_MB,
            float_csv["peak_mb"],
            "MB",
        ),
        (
            "group-and-multiply step alone (polars)",
            by["step-polars"]["seconds"],
            TARGET_STEP_S,
            float_parquet["seconds"],
            "s",
        ),
    ]
    judged = args.n == 1_000_000
    base.table(
        ("target", "figure", "limit", "baseline (pandas float)", "status"),
        [
            (
                name,
                _shown(figure, unit),
                f"<= {_shown(limit, unit)}",
                _shown(baseline, unit),
                ("met" if figure <= limit else "NOT met") if judged else "not judged (count)",
            )
            for name, figure, limit, baseline, unit in targets
        ],
        "<>>><",
    )
    _print_big(big, args.n)
    print()
    print("notes:")
    print("* time: best of 3 runs in one fresh process (Dask: 1 run, cluster start not timed).")
    print("* peak RSS: the process's maximum resident set size over the whole run, libraries")
    print(
        "  included; growth: over the size once the libraries were imported and unit values cached."
    )
    print("* diff from exact: against value_frame on polars, whose totals the tests prove equal")
    print("  to value_many's.")
    print(f"total benchmark time: {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
