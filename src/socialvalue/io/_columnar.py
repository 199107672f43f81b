"""Returns files read through the columnar path: CSV checked in polars, with the import rules.

:func:`read_returns_frame` reads a returns file as :func:`~socialvalue.read_returns` does — the
same rows accepted, the same rows rejected with the same reasons — but gives the accepted rows as
a polars frame (for :func:`~socialvalue.frames.value_frame`) instead of building a
:class:`~socialvalue.Delivery` object per row.

How a CSV file stays exactly as :func:`~socialvalue.read_returns` reads it:

* the file must be plain: UTF-8, no quoted cell spanning lines (each line has an even number
  of quote characters, so a line is a record), no NUL bytes, no lone carriage returns, and
  every line within the line and cell limits; any other file is read by the row reader
  (:func:`~socialvalue.read_returns`), whose results are converted;
* a line with quote characters is split by the csv module, strictly, as the row reader
  splits it (a line it refuses stays with the row reader);
* a row is taken in the engine only when every cell is in its plainest form: a measure code
  of the framework, a quantity of digits with an optional fraction (``1250``, ``12.5``) or
  with the locale's group separators (``1,250.50``, read once per distinct value by the row
  reader's own number reading, and kept as the digits it gives), a period, unit, role or
  correction flag from the distinct values the row reader itself accepted, codes without
  surrounding spaces, no cell over the length limit, no formula guard, as many cells as
  headings. Every other row — ``£3,000``, ``1,23``, a typo, a blank row — goes through the row
  reader's own :class:`~socialvalue.io.RowChecker`, so its reasons are the row reader's, word
  for word.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs

from socialvalue._extras import require
from socialvalue.deliveries import Delivery
from socialvalue.exceptions import DataFileError, Problem
from socialvalue.framework import Framework
from socialvalue.io._atomic import atomic_path
from socialvalue.io._cells import NumberReader
from socialvalue.io._columns import IGNORED, Columns
from socialvalue.io._csv_returns import open_limited
from socialvalue.io._import import (
    AcceptedRow,
    ImportLimits,
    ImportResult,
    RejectedRow,
    RowChecker,
    summarise,
)
from socialvalue.io._plain import FIELDS, deliveries_of, frame_of, take_plain
from socialvalue.io._returns import check_delimiter, header_columns, read_returns
from socialvalue.periods import AnyPeriod

__all__ = ["ReturnsFrame", "read_returns_frame"]

_BOM = codecs.BOM_UTF8


@attrs.frozen(kw_only=True)
class ReturnsFrame:
    """A returns file read through the columnar path.

    Attributes:
        source: The file.
        columns: Its headings as written.
        ignored_columns: Headings of the columns read and ignored.
        frame: The accepted rows, a polars DataFrame in file order: ``row`` (as a spreadsheet
            numbers it), then the delivery fields the file has (``quantity`` as exact decimal
            text, ``period`` as its label, ``correction`` as a boolean).
        rejected: The rejected rows, each with every reason (the row reader's).
        blank_rows: Rows that held nothing.
        trailing_blank_rows: Of those, the ones after the last row with data.
    """

    source: str
    columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    frame: Any
    rejected: tuple[RejectedRow, ...]
    blank_rows: int = 0
    trailing_blank_rows: int = 0
    #: Deliveries the row reader already built (and checked), by row: :meth:`deliveries` takes
    #: them as they are instead of building them again from the frame's text.
    _built: Mapping[int, Delivery] = attrs.field(factory=dict, repr=False, eq=False, alias="built")

    @property
    def accepted(self) -> int:
        """How many rows were accepted."""
        return int(self.frame.height)

    @property
    def rows(self) -> int:
        """Rows with data: accepted plus rejected."""
        return self.accepted + len(self.rejected)

    def summary(self, *, max_problems: int = 50) -> str:
        """As :meth:`ImportResult.summary <socialvalue.io.ImportResult.summary>`, word for word."""
        return summarise(
            where=self.source,
            accepted=self.accepted,
            rejected=self.rejected,
            blank_rows=self.blank_rows,
            trailing_blank_rows=self.trailing_blank_rows,
            ignored_columns=self.ignored_columns,
            max_problems=max_problems,
        )

    def deliveries(self, where: Any = None) -> tuple[Delivery, ...]:  # noqa: ANN401 - polars
        """The accepted rows as :class:`~socialvalue.Delivery` objects (one object per row).

        A row the row reader checked keeps the delivery it built; the rest (the rows taken in
        the engine) are built from the frame, with the model's own checks. ``where`` (a polars
        expression on the frame's columns) builds only the rows it selects, in file order.
        """
        built = self._built
        periods: dict[str, AnyPeriod] = {}
        frame = self.frame if where is None else self.frame.filter(where)
        if not built:
            return tuple(deliveries_of(frame, periods))
        rows: list[int] = frame["row"].to_list()
        pl = require("polars", "frames")
        others = frame.filter(~pl.col("row").is_in(list(built)))
        made = dict(zip(others["row"].to_list(), deliveries_of(others, periods), strict=True))
        return tuple(built[row] if row in built else made[row] for row in rows)

    @classmethod
    def from_import_result(cls, result: ImportResult) -> ReturnsFrame:
        """The rows the row reader read (an :class:`~socialvalue.io.ImportResult`), as a frame.

        Raises:
            MissingExtraError: without the ``frames`` extra.
        """
        pl = require("polars", "frames")
        return cls(
            source=result.source,
            columns=result.columns,
            ignored_columns=result.ignored_columns,
            frame=frame_of(pl, list(zip(result.accepted_rows, result.accepted, strict=True))),
            rejected=result.rejected,
            blank_rows=result.blank_rows,
            trailing_blank_rows=result.trailing_blank_rows,
            built=_as_in_frame(zip(result.accepted_rows, result.accepted, strict=True)),
        )

    def write_parquet(self, path: str | os.PathLike[str]) -> int:
        """Write the accepted rows as a Parquet file of deliveries, atomically; return how many.

        The columns are the delivery fields the rows have (``quantity`` as exact decimal text,
        ``evidence`` and ``tags`` one item per line), without ``row``;
        :func:`~socialvalue.frames.read_deliveries` and the command line read it back.

        Raises:
            MissingExtraError: without the ``frames`` extra (pyarrow writes the file).
        """
        require("pyarrow", "frames")
        table = self.frame.drop("row")
        with atomic_path(path) as temp:
            table.write_parquet(temp)
        return int(table.height)

    def to_import_result(self) -> ImportResult:
        """The same rows as the :class:`~socialvalue.io.ImportResult` the row reader gives."""
        return ImportResult(
            source=self.source,
            columns=self.columns,
            accepted=self.deliveries(),
            accepted_rows=tuple(self.frame["row"].to_list()),
            rejected=self.rejected,
            ignored_columns=self.ignored_columns,
            blank_rows=self.blank_rows,
            trailing_blank_rows=self.trailing_blank_rows,
        )


def read_returns_frame(  # noqa: PLR0913 - the options of read_returns
    path: str | os.PathLike[str],
    *,
    framework: Framework,
    locale: str = "en_GB",
    limits: ImportLimits | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
    progress: Callable[[int], None] | None = None,
) -> ReturnsFrame:
    """Read a returns file as :func:`~socialvalue.read_returns` does, the accepted rows as a frame.

    A plain CSV file (see the module's notes) is checked in polars, with the row reader's
    :class:`~socialvalue.io.RowChecker` for every row not in its plainest form; any other file
    (an ``.xlsx``, a ``.jsonl``, a CSV with a quoted cell spanning lines) is read by
    :func:`~socialvalue.read_returns` and converted. Accepted and rejected rows, and every
    reason, are the same either way.

    ``progress``, as for :func:`~socialvalue.read_returns`, is called with the rows checked so
    far (on the columnar path, after each tenth of the file).

    Raises:
        DataFileError: as :func:`~socialvalue.read_returns`.
        MissingExtraError: without the ``frames`` extra.
    """
    pl = require("polars", "frames")
    chosen = limits or ImportLimits()
    fast = None
    if Path(path).suffix.lower() == ".csv":
        fast = _plain_csv(pl, path, framework, locale, chosen, delimiter, encoding, progress)
    if fast is not None:
        return fast
    result = read_returns(
        path,
        framework=framework,
        locale=locale,
        limits=chosen,
        delimiter=delimiter,
        encoding=encoding,
        progress=progress,
    )
    return ReturnsFrame.from_import_result(result)


def _plain_csv(  # noqa: C901, PLR0911, PLR0912, PLR0913, PLR0917 - each check that makes a file plain
    pl: Any,  # noqa: ANN401 - the polars module
    path: str | os.PathLike[str],
    framework: Framework,
    locale: str,
    limits: ImportLimits,
    delimiter: str,
    encoding: str,
    progress: Callable[[int], None] | None = None,
) -> ReturnsFrame | None:
    """The columnar read of a plain CSV file, or ``None`` when the file is not plain."""
    try:
        if codecs.lookup(encoding).name != "utf-8":
            return None
    except LookupError:
        return None
    if len(delimiter) != 1 or delimiter in "\"'\r\n":
        return None
    numbers = NumberReader(locale)
    if numbers.decimal != "." or numbers.group == ".":
        return None
    with open_limited(path, limits) as handle:
        data = handle.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes or b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    text = text.removeprefix("\ufeff")
    text = text.removesuffix("\n")
    if not text:
        return None
    raw = pl.Series("line", [text], dtype=pl.String).str.split("\n").explode()
    longest = int(raw.str.len_bytes().max()) + 1  # with its line feed
    if longest > min(limits.max_line_bytes, limits.max_row_bytes):
        return None  # the row reader names the line
    lines = raw.str.strip_suffix("\r")
    if lines.str.contains("\r", literal=True).any():
        return None  # a lone carriage return: the row reader says what the csv module says
    if (lines.str.count_matches('"', literal=True) % 2 != 0).any():
        return None  # a quoted cell spans lines: the row reader reads records, not lines
    name = os.fspath(path)
    try:
        header = tuple(_cells(lines[0], delimiter))
    except _NotPlainError:
        return None
    # The header is checked exactly as the row reader checks it (its errors are raised).
    check_delimiter(name, header, delimiter)
    columns = header_columns(name, header, limits)
    if any(field not in (None, IGNORED, *FIELDS) for field in columns.fields):
        return None  # a column this path does not carry: the row reader reads the file
    checker = RowChecker(columns, framework, numbers, limits)
    body = lines.slice(1).to_frame("line")
    counts = body["line"].str.count_matches(delimiter, literal=True)
    if len(body) and int(counts.max()) + 1 > limits.max_cells_per_row:
        return None  # the row reader names the row
    try:
        return _checked(pl, name, columns, checker, body, counts, delimiter, limits, progress)
    except _NotPlainError:
        return None


class _NotPlainError(Exception):
    """A line the csv module refuses: the row reader reads the file, and says so."""


def _cells(line: str, delimiter: str) -> list[str]:
    """A line's cells, as the row reader's csv module reads it (every record is one line)."""
    from socialvalue._text import unguard_formula  # noqa: PLC0415 - beside its one use

    if line == "":
        return []
    if '"' not in line:
        return [unguard_formula(cell) for cell in line.split(delimiter)]
    try:
        cells = next(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error:
        raise _NotPlainError(line) from None
    return [unguard_formula(cell) for cell in cells]


#: Lines checked at a time: the engine's work is done in steps, so progress is reported.
_CHUNK_FROM = 1_000
_CHUNKS = 10


def _checked(  # noqa: PLR0913, PLR0917 - the parts of one read
    pl: Any,  # noqa: ANN401 - the polars module
    name: str,
    columns: Columns,
    checker: RowChecker,
    body: Any,  # noqa: ANN401 - a polars DataFrame of lines
    counts: Any,  # noqa: ANN401 - delimiters per line
    delimiter: str,
    limits: ImportLimits,
    progress: Callable[[int], None] | None,
) -> ReturnsFrame:
    """Every line checked, in steps of about a tenth of the file (progress after each)."""
    size = max(_CHUNK_FROM, -(-body.height // _CHUNKS))
    frames: list[Any] = []
    accepted: list[tuple[int, Delivery]] = []
    rejected: list[RejectedRow] = []
    blank: list[int] = []
    for start in range(0, max(body.height, 1), size):
        taken, more_accepted, more_rejected, more_blank = _check_chunk(
            pl,
            columns,
            checker,
            body.slice(start, size),
            counts.slice(start, size),
            delimiter,
            limits,
            start + 2,
        )
        frames.append(taken)
        accepted.extend(more_accepted)
        rejected.extend(more_rejected)
        blank.extend(more_blank)
        if progress is not None and body.height:
            progress(min(start + size, body.height))
    data_rows = sorted(
        [*(r for f in frames for r in f["row"].to_list()), *(r for r, _ in accepted)]
        + [r.row for r in rejected]
    )
    if len(data_rows) > limits.max_rows:
        raise DataFileError(
            name,
            [
                Problem(
                    f"row {data_rows[limits.max_rows]}",
                    f"more than {limits.max_rows:,} rows; that is the limit",
                )
            ],
        )
    last = data_rows[-1] if data_rows else 0
    whole = pl.concat([*frames, frame_of(pl, accepted)]).sort("row")
    present = {field for field in columns.fields if field not in (None, IGNORED)}
    kept = ["row", *(field for field in FIELDS if field in present)]
    return ReturnsFrame(
        source=name,
        columns=columns.headings,
        ignored_columns=columns.ignored,
        frame=whole.select(kept),
        rejected=tuple(rejected),
        blank_rows=len(blank),
        trailing_blank_rows=sum(1 for number in blank if number > last),
        built=_as_in_frame(accepted),
    )


def _as_in_frame(accepted: Iterable[tuple[int, Delivery]]) -> dict[int, Delivery]:
    """The deliveries the row reader built that the frame's text gives back exactly, by row.

    The frame keeps a quantity as its digits (``f"{quantity:f}"``): a quantity with a positive
    exponent (``1E+3``) would come back as ``1000``, so such a row is built from the frame.
    """
    kept: dict[int, Delivery] = {}
    for row, delivery in accepted:
        exponent = delivery.quantity.as_tuple().exponent
        if isinstance(exponent, int) and exponent <= 0:
            kept[row] = delivery
    return kept


def _split_quoted(  # noqa: PLR0913, PLR0917 - the parts of one step
    pl: Any,  # noqa: ANN401 - the polars module
    cells: Any,  # noqa: ANN401 - a polars DataFrame: row, then c0, c1 … split on the delimiter
    body: Any,  # noqa: ANN401 - a polars DataFrame of lines
    quoted: Any,  # noqa: ANN401 - a boolean Series: lines with a quote character
    regular: Any,  # noqa: ANN401 - a boolean Series: rows still candidates
    delimiter: str,
    width: int,
) -> tuple[Any, Any]:
    """Lines with quoted cells split as the row reader's csv module splits them.

    A line the csv module reads (strictly) into as many cells as headings becomes a candidate,
    its cells as read (unquoted, a formula guard still there for the checks to see); any other
    stays with the row reader.
    """
    rows: list[int] = []
    split: list[list[str]] = []
    lines = body["line"].filter(quoted).to_list()
    numbers = body.with_row_index("i")["i"].filter(quoted).to_list()
    first = cells["row"][0] if cells.height else 0
    for index, line in zip(numbers, lines, strict=True):
        try:
            read = next(csv.reader([line], delimiter=delimiter, strict=True))
        except csv.Error:
            continue
        if len(read) == width:
            rows.append(first + index)
            split.append(read)
    if not rows:
        return cells, regular
    names = [f"c{i}" for i in range(width)]
    taken = pl.DataFrame(
        {"row": rows, **{name: [cell[i] for cell in split] for i, name in enumerate(names)}},
        schema={"row": pl.Int64, **dict.fromkeys(names, pl.String)},
    )
    cells = cells.update(taken, on="row")
    return cells, regular | cells["row"].is_in(rows)


def _check_chunk(  # noqa: PLR0913, PLR0917 - the parts of one step
    pl: Any,  # noqa: ANN401 - the polars module
    columns: Columns,
    checker: RowChecker,
    body: Any,  # noqa: ANN401 - a polars DataFrame of lines
    counts: Any,  # noqa: ANN401 - delimiters per line
    delimiter: str,
    limits: ImportLimits,
    first_row: int,
) -> tuple[Any, list[tuple[int, Delivery]], list[RejectedRow], list[int]]:
    """Check some lines: the plain rows taken (a frame), and the row reader's verdict on the rest.

    Returns:
        The plain rows as a frame of every column of the path, then the rows the row reader
        accepted, those it rejected, and the numbers of blank rows.
    """
    width = len(columns.fields)
    names = [f"c{i}" for i in range(width)]
    cells = (
        body.with_row_index("row", offset=first_row)
        .with_columns(pl.col("row").cast(pl.Int64))
        .with_columns(
            pl.col("line").str.split_exact(delimiter, width - 1).struct.rename_fields(names)
        )
        .unnest("line")
    )
    quoted = body["line"].str.contains('"', literal=True)
    regular = (counts == width - 1) & ~quoted
    if quoted.any():
        cells, regular = _split_quoted(pl, cells, body, quoted, regular, delimiter, width)
    complete, regular = take_plain(pl, columns, checker, cells, regular, limits, grouped=True)
    others = body.with_row_index("row", offset=first_row).filter(~regular)
    accepted: list[tuple[int, Delivery]] = []
    rejected: list[RejectedRow] = []
    blank: list[int] = []
    for number, line in others.iter_rows():
        item = checker.check(number, _cells(line, delimiter))
        if item is None:
            blank.append(number)
        elif isinstance(item, AcceptedRow):
            accepted.append((item.row, item.delivery))
        else:
            rejected.append(item)
    return complete, accepted, rejected, blank
