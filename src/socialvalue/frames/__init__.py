"""DataFrames in and out, and exact columnar valuation on any engine (the ``frames`` extra).

* :func:`value_frame` values a frame of deliveries — pandas, polars (eager or lazy), pyarrow,
  DuckDB, Dask or PySpark — summing quantities exactly inside the engine and multiplying each
  per-key sum by its unit value in ``Decimal``: the totals equal
  :func:`~socialvalue.value_many`'s to the penny;
* :func:`deliveries_from_frame` builds :class:`~socialvalue.Delivery` objects from a frame;
* :func:`read_deliveries` reads a CSV or Parquet file of deliveries into a frame (polars);
* :func:`to_records`, :func:`to_arrow`, :func:`to_polars` and :func:`to_pandas` turn results
  (valuation batches, rollups, tracking results, import results) into tables with exact
  decimal money columns.

Written once against `narwhals <https://narwhals-dev.github.io/narwhals/>`_; the engines
themselves load only when used.
"""

from __future__ import annotations

from socialvalue.frames._out import to_arrow, to_pandas, to_polars, to_records
from socialvalue.frames._read import read_deliveries
from socialvalue.frames._value import FrameValuation, deliveries_from_frame, value_frame

__all__ = [
    "FrameValuation",
    "deliveries_from_frame",
    "read_deliveries",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "to_records",
    "value_frame",
]
