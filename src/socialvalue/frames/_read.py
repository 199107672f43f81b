"""Deliveries files read through the columnar path: CSV and Parquet into a polars frame."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from socialvalue._extras import require
from socialvalue.exceptions import DataFileError, Problem
from socialvalue.io import match_columns

__all__ = ["ROW_COLUMN", "read_deliveries"]

#: The column :func:`read_deliveries` adds: each row's number in the file.
ROW_COLUMN = "row"
_MAX_COLUMNS = 100


def _renames(name: str, headings: list[str]) -> tuple[dict[str, str], list[str]]:
    """Matched headings → delivery fields (as :func:`~socialvalue.read_returns` matches them)."""
    columns, problems = match_columns(headings, max_columns=_MAX_COLUMNS)
    if problems:
        raise DataFileError(name, problems)
    dropped = list(columns.ignored)
    renames = {
        heading: field
        for heading, field in zip(columns.headings, columns.fields, strict=False)
        if field is not None and heading not in dropped and field != heading
    }
    return renames, dropped


def read_deliveries(path: str | os.PathLike[str], *, lazy: bool = False) -> Any:  # noqa: ANN401 - a polars DataFrame or LazyFrame
    r"""Read a CSV or Parquet file of deliveries into a polars frame, for :func:`value_frame`.

    Headings are matched as :func:`~socialvalue.read_returns` matches them (``Measure code``,
    ``Qty``, ``Financial year`` …; columns socialvalue writes for people, such as
    ``problems``, are dropped), and a ``row`` column numbers each row as a spreadsheet shows
    it (the header is row 1; a Parquet file's rows are numbered from 1); blank rows are
    skipped. Pass ``index="row"`` to :func:`~socialvalue.frames.value_frame` so rejected rows
    name their row in the file.

    A CSV file is read with every column as text, so quantities reach
    :func:`~socialvalue.frames.value_frame` exactly as written (never through a float) and a
    bad cell rejects its row, with the reason, instead of failing the read. Quantities must be
    plain decimals (``1250.5``); a spreadsheet's ``1,250.5`` or ``£3,000`` is rejected here —
    :func:`~socialvalue.read_returns` reads those, row by row. A Parquet file keeps its own
    column types (decimal quantities are summed as decimals; floats are refused unless
    ``float_places`` is given). With ``lazy=True`` the file is scanned: polars reads only what
    the valuation needs.

    >>> import tempfile, pathlib, socialvalue as sv
    >>> from socialvalue.frames import read_deliveries, value_frame
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "q3.csv").write_text("Measure code,Qty,Financial year\n"
    ...     "LCR-COM-1,1250,2022/23 Q3\nLCR-COM-1,12 hours,2022/23\n")
    >>> frame = read_deliveries(folder / "q3.csv")
    >>> frame.columns
    ['row', 'measure', 'quantity', 'period']
    >>> result = value_frame(frame, sv.default_methodology(), index="row")
    >>> result.batch.count, [str(p) for r in result.rejected for p in r.problems]
    (1, ["row 3, column quantity: '12 hours' is not a plain decimal number (such as 1250 or 12.5)"])

    Raises:
        DataFileError: the file does not exist, is neither ``.csv`` nor ``.parquet``, or its
            headings are wrong (an unknown column, a required one missing).
        MissingExtraError: without the ``frames`` extra.
    """
    pl = require("polars", "frames")
    name = os.fspath(path)
    file = Path(name)
    suffix = file.suffix.lower()
    if not file.is_file():
        raise DataFileError(name, [Problem("", "no such file")])
    if suffix == ".csv":
        with file.open(encoding="utf-8-sig", newline="") as handle:
            headings = next(csv.reader(handle), [])
        frame = (
            pl.scan_csv(name, infer_schema=False, encoding="utf8")
            if lazy
            else pl.read_csv(name, infer_schema=False, encoding="utf8")
        )
        if headings and frame.collect_schema().names()[0] != headings[0]:
            frame = frame.rename({frame.collect_schema().names()[0]: headings[0]})
        offset = 2
    elif suffix == ".parquet":
        frame = pl.scan_parquet(name) if lazy else pl.read_parquet(name)
        headings = frame.collect_schema().names()
        offset = 1
    else:
        raise DataFileError(
            name, [Problem("", f"unknown file type {suffix!r}; expected .csv or .parquet")]
        )
    renames, dropped = _renames(name, list(headings))
    frame = frame.with_row_index(ROW_COLUMN, offset=offset).drop(dropped).rename(renames)
    blank = pl.all_horizontal(
        [pl.col(c).is_null() for c in frame.collect_schema().names() if c != ROW_COLUMN]
    )
    return frame.filter(~blank).with_columns(pl.col(ROW_COLUMN).cast(pl.Int64))
