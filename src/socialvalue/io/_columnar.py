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
* a row is taken in the engine only when every cell is in its plainest form: a measure code
  of the framework, a quantity of digits with an optional fraction (``1250``, ``12.5``), a
  period, unit, role or correction flag from the distinct values the row reader itself
  accepted, codes without surrounding spaces, no cell over the length limit, no formula
  guard, no quotes, as many cells as headings. Every other row — ``1,250``, ``£3,000``, a typo, a
  blank row — goes through the row reader's own :class:`~socialvalue.io.RowChecker`, so its
  reasons are the row reader's, word for word.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from socialvalue._extras import require
from socialvalue._limits import MAX_INPUT_PLACES
from socialvalue.deliveries import Delivery
from socialvalue.exceptions import DataFileError, Problem
from socialvalue.framework import Framework
from socialvalue.io._atomic import atomic_path
from socialvalue.io._cells import CellProblem, NumberReader, read_flag, read_period
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
from socialvalue.io._returns import check_delimiter, header_columns, read_returns

__all__ = ["ReturnsFrame", "read_returns_frame"]

_BOM = codecs.BOM_UTF8
#: Fields kept in the frame, in this order (those the file has).
_FIELDS = (
    "measure",
    "quantity",
    "unit",
    "period",
    "reporter",
    "project",
    "contract",
    "role",
    "geography",
    "evidence",
    "tags",
    "correction",
    "id",
    "note",
)
_CODES = ("contract", "geography", "id")
#: A quantity the row reader reads as exactly these digits, in every locale whose decimal
#: sign is a point: at most 15 digits before the point (the input limit) and 20 after.
_PLAIN_QUANTITY = rf"^[0-9]{{1,15}}(?:\.[0-9]{{1,{MAX_INPUT_PLACES}}})?$"


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

    def deliveries(self) -> tuple[Delivery, ...]:
        """The accepted rows as :class:`~socialvalue.Delivery` objects (one object per row)."""
        return tuple(_delivery(record) for record in self.frame.iter_rows(named=True))

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
            frame=_frame_of(pl, list(zip(result.accepted_rows, result.accepted, strict=True))),
            rejected=result.rejected,
            blank_rows=result.blank_rows,
            trailing_blank_rows=result.trailing_blank_rows,
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


def _delivery(record: dict[str, Any]) -> Delivery:
    from socialvalue.io._cells import split_lines  # noqa: PLC0415 - beside its one use

    fields: dict[str, Any] = {}
    for name, value in record.items():
        if name == "row" or value is None or value == "":
            continue
        if name in ("evidence", "tags"):
            fields[name] = split_lines(value)
        else:
            fields[name] = value
    return Delivery(**fields)


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
    (an ``.xlsx``, a ``.jsonl``, a CSV with quoted cells) is read by
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


def _record(row: int, delivery: Delivery) -> dict[str, Any]:
    return {
        "row": row,
        "measure": delivery.measure,
        "quantity": f"{delivery.quantity:f}",
        "unit": delivery.unit,
        "period": delivery.period.label,
        "reporter": delivery.reporter,
        "project": delivery.project,
        "contract": delivery.contract,
        "role": delivery.role,
        "geography": delivery.geography,
        "evidence": "\n".join(delivery.evidence),
        "tags": "\n".join(delivery.tags),
        "correction": delivery.correction,
        "id": delivery.id,
        "note": delivery.note,
    }


def _schema(pl: Any) -> dict[str, Any]:  # noqa: ANN401 - the polars module
    return {
        "row": pl.Int64,
        **{name: pl.String for name in _FIELDS if name != "correction"},
        "correction": pl.Boolean,
    }


def _frame_of(pl: Any, accepted: Sequence[tuple[int, Delivery]]) -> Any:  # noqa: ANN401
    """Accepted deliveries (with their row numbers) as a frame of the columnar path's columns."""
    schema = _schema(pl)
    frame = pl.DataFrame([_record(row, d) for row, d in accepted], schema=schema, orient="row")
    return frame.select(list(schema))


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
    if any(field not in (None, IGNORED, *_FIELDS) for field in columns.fields):
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


#: A cell whose first and last characters are visible: nothing ``str.strip`` would remove.
_VISIBLE = r"^[\p{L}\p{N}\p{P}\p{S}](?:.*[\p{L}\p{N}\p{P}\p{S}])?$"


def _period_label(value: str) -> str:
    return read_period(value).label


def _flag(value: str) -> bool:
    return read_flag(value)


def _distinct(
    cells: Any,  # noqa: ANN401 - a polars Series of text
    read: Any,  # noqa: ANN401 - a cell reader: value -> normalised value, or raises
    dtype: Any,  # noqa: ANN401 - the dtype of the normalised values
) -> tuple[Any, Any]:
    """Read each distinct cell once: which cells read, and what each reads as."""
    good: dict[str, Any] = {}
    for value in cells.unique().to_list():
        try:
            good[value] = read(value)
        except (CellProblem, ValueError):
            continue
    ok = cells.is_in(list(good))
    values = cells.replace_strict(list(good), list(good.values()), default=None, return_dtype=dtype)
    return ok, values


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
    whole = pl.concat([*frames, _frame_of(pl, accepted)]).sort("row")
    present = {field for field in columns.fields if field not in (None, IGNORED)}
    kept = ["row", *(field for field in _FIELDS if field in present)]
    return ReturnsFrame(
        source=name,
        columns=columns.headings,
        ignored_columns=columns.ignored,
        frame=whole.select(kept),
        rejected=tuple(rejected),
        blank_rows=len(blank),
        trailing_blank_rows=sum(1 for number in blank if number > last),
    )


def _check_chunk(  # noqa: C901, PLR0912, PLR0913, PLR0917 - one pass over the columns
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
    regular = (counts == width - 1) & ~body["line"].str.contains('"', literal=True)
    framework = checker.framework
    chosen: dict[str, Any] = {}
    for index, field in enumerate(columns.fields):
        cell = cells[f"c{index}"].fill_null("")
        regular &= cell.str.len_chars() <= limits.max_cell_chars
        regular &= ~cell.str.starts_with("'")
        if field == IGNORED:
            continue
        if field is None:
            regular &= cell == ""
            continue
        if field == "measure":
            regular &= cell.is_in(list(framework.measure_codes()))
        elif field == "quantity":
            regular &= cell.str.contains(_PLAIN_QUANTITY)
        chosen[field] = cell
    if "unit" in chosen:
        ok, chosen["unit"] = _units(pl, checker, chosen["measure"], chosen["unit"])
        regular &= ok
    readers: dict[str, tuple[Any, Any]] = {
        "period": (_period_label, pl.String),
        "correction": (_flag, pl.Boolean),
        "role": (_role_reader(checker), pl.String),
    }
    for field, (read, dtype) in readers.items():
        if field in chosen:
            ok, chosen[field] = _distinct(chosen[field], read, dtype)
            regular &= ok
    for field in _CODES:
        if field in chosen:
            cell = chosen[field]
            regular &= (cell == "") | cell.str.contains(_VISIBLE)
            if field == "geography":
                chosen[field] = cell.replace("", "UK")
    frame = pl.DataFrame({"row": cells["row"], **chosen})
    taken = frame.filter(regular)
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
    schema = _schema(pl)
    complete = taken.with_columns(
        [
            pl.lit(None, dtype).alias(field)
            for field, dtype in schema.items()
            if field not in taken.columns
        ]
    ).select(list(schema))
    for field in ("unit", "role"):
        if field in chosen:
            complete = complete.with_columns(pl.col(field).replace("", None))
    return complete, accepted, rejected, blank


def _role_reader(checker: RowChecker) -> Any:  # noqa: ANN401 - a cell reader
    def read(value: str) -> str:
        role = value.strip()
        if role and checker.framework.role_problem(role) is not None:
            raise CellProblem(role)
        return role

    return read


def _units(
    pl: Any,  # noqa: ANN401 - the polars module
    checker: RowChecker,
    measures: Any,  # noqa: ANN401 - a polars Series
    units: Any,  # noqa: ANN401 - a polars Series
) -> tuple[Any, Any]:
    """Which (measure, unit) cells the row reader accepts, and the unit code each reads as."""
    pairs = pl.DataFrame({"m": measures, "u": units})
    good: list[tuple[str, str, str]] = []
    framework = checker.framework
    for measure, unit in pairs.unique().iter_rows():
        given = unit.strip()
        if not given:
            good.append((measure, unit, ""))
            continue
        if measure not in framework:
            continue
        code = RowChecker._unit(measure, framework.unit_of(measure), given, _refuse)  # noqa: SLF001 - the row reader's own rule
        if code is not None:
            good.append((measure, unit, code))
    table = pl.DataFrame(
        good, schema={"m": pl.String, "u": pl.String, "code": pl.String}, orient="row"
    ).with_columns(pl.lit(value=True).alias("ok"))
    joined = pairs.join(table, on=["m", "u"], how="left", maintain_order="left")
    return joined["ok"].fill_null(value=False), joined["code"]


def _refuse(_field: str, _message: str) -> None:
    """A problem reporter for :meth:`RowChecker._unit` that only notes there was one."""
