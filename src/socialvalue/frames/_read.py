"""Deliveries files read through the columnar path: CSV and Parquet into a polars frame."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from socialvalue._extras import require
from socialvalue.exceptions import DataFileError, Problem

__all__ = ["read_deliveries"]

#: Delivery columns read as text, exactly as written (quantities are read exactly later).
_TEXT_COLUMNS = (
    "measure",
    "quantity",
    "unit",
    "period",
    "reporter",
    "project",
    "contract",
    "role",
    "geography",
    "id",
    "note",
)


def read_deliveries(path: str | os.PathLike[str], *, lazy: bool = False) -> Any:  # noqa: ANN401 - a polars DataFrame or LazyFrame
    """Read a CSV or Parquet file of deliveries into a polars frame, for :func:`value_frame`.

    A CSV file is read with every delivery column as text, so quantities reach
    :func:`~socialvalue.frames.value_frame` exactly as written (never through a float) and a
    bad cell rejects its row, with the reason, instead of failing the read. A Parquet file keeps
    its own column types (decimal quantities are summed as decimals; float ones are refused
    unless ``float_places`` is given). With ``lazy=True`` the file is scanned, not read: polars
    reads only what the valuation needs, in a streaming plan.

    Row numbers of rejected rows follow the file: pass ``row_offset=2`` to
    :func:`~socialvalue.frames.value_frame` to number a CSV's rows as a spreadsheet does.

    Raises:
        DataFileError: the file does not exist or is neither ``.csv`` nor ``.parquet``.
        MissingExtraError: without the ``frames`` extra.
    """
    pl = require("polars", "frames")
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if not Path(name).is_file():
        raise DataFileError(name, [Problem("", "no such file")])
    if suffix == ".csv":
        with Path(name).open(encoding="utf-8-sig") as handle:
            header = handle.readline().rstrip("\r\n").split(",")
        overrides = {column: pl.String for column in header if column in _TEXT_COLUMNS}
        if lazy:
            return pl.scan_csv(name, schema_overrides=overrides, encoding="utf8")
        return pl.read_csv(name, schema_overrides=overrides, encoding="utf8")
    if suffix == ".parquet":
        return pl.scan_parquet(name) if lazy else pl.read_parquet(name)
    raise DataFileError(
        name, [Problem("", f"unknown file type {suffix!r}; expected .csv or .parquet")]
    )
