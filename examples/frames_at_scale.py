"""A council data team values returns from a Parquet file, exactly, with polars.

Builds 100,000 synthetic returns for the shipped LCRCA measures (quantities as decimal text,
a few bad rows among them), writes them to Parquet, reads them back through the columnar path
and values them with ``value_frame``; checks the totals against ``value_many`` on the same
deliveries as objects (exactly equal), prints the totals by theme and the rejected rows, and
writes the rollup as a polars table with money rounded to the penny at presentation.

Needs the ``frames`` extra. Run: python examples/frames_at_scale.py
"""

import random
import tempfile
from pathlib import Path

import polars as pl

import socialvalue as sv
from socialvalue.frames import read_deliveries, value_frame

ROWS = 100_000
methodology = sv.default_methodology()
# measures and periods the shipped open registry has values for
pairs = [("LCR-COM-1", f"2022/23 Q{q}") for q in (1, 2, 3, 4)] + [
    ("LCR-ENV-2", f"2024/25 Q{q}") for q in (1, 2, 3)
]
rng = random.Random(16)  # noqa: S311 - synthetic returns, not cryptography
chosen = [rng.choice(pairs) for _ in range(ROWS)]
frame = pl.DataFrame(
    {
        "measure": [measure for measure, _ in chosen],
        "quantity": [f"{rng.randrange(1, 100_000) / 100:.2f}" for _ in range(ROWS)],
        "period": [period for _, period in chosen],
        "reporter": [rng.choice(["Acme Ltd", "Beta Build", "Civic Care"]) for _ in range(ROWS)],
    }
)
# three rows a person would have to fix
frame = frame.with_columns(
    pl.when(pl.int_range(ROWS) == 10)
    .then(pl.lit("12 hours"))
    .otherwise(pl.col("quantity"))
    .alias("quantity"),
    pl.when(pl.int_range(ROWS) == 20)
    .then(pl.lit("LCR-COM-9"))
    .otherwise(pl.col("measure"))
    .alias("measure"),
    pl.when(pl.int_range(ROWS) == 30)
    .then(pl.lit("2024/26"))
    .otherwise(pl.col("period"))
    .alias("period"),
)

with tempfile.TemporaryDirectory() as folder:
    path = Path(folder) / "returns-2024-25.parquet"
    frame.write_parquet(path)
    result = value_frame(read_deliveries(path), methodology, by=("reporter",), index="row")

print(f"{result.rows:,} rows: {result.batch.count:,} valued, {len(result.rejected)} rejected")
for row in result.rejected:
    for problem in row.problems:
        print(f"  {problem}")
assert result.batch.count + len(result.rejected) == ROWS

# The same deliveries as objects give exactly the same totals.
good = frame.filter(~pl.int_range(ROWS).is_in([10, 20, 30]))
objects = [
    sv.Delivery(measure=m, quantity=q, period=p, reporter=r) for m, q, p, r in good.iter_rows()
]
exact = sv.value_many(objects, methodology, by=("reporter",))
assert result.batch.total_gross() == exact.total_gross()
assert result.batch.total_present_value() == exact.total_present_value()

rollup = sv.Rollup.from_batch(result.batch, methodology.framework, ("theme", "reporter"))
print(rollup.to_polars(places=2).select("theme", "reporter", "count", "gross"))
print(f"total gross: {result.batch.total_gross().quantize(2)} (value_many: identical)")
