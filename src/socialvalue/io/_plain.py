"""Plain rows of a returns file checked in polars, the rest by the row reader (`frames` extra).

The columnar readers (CSV in :mod:`socialvalue.io._columnar`, XLSX in
:func:`check_sheet_rows`) take a row in the engine only when every cell is in its plainest form:
a measure code of the framework, a quantity of digits with an optional fraction (``1250``,
``12.5``), a period, unit, role or correction flag from the distinct values the row reader
itself accepts, codes without surrounding spaces, no cell over the length limit, nothing in a
column without a heading. Every other row goes through the row reader's own
:class:`~socialvalue.io.RowChecker`, so its reasons are the row reader's, word for word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from socialvalue._extras import require
from socialvalue._fields import to_period
from socialvalue._limits import MAX_INPUT_PLACES
from socialvalue.deliveries import Delivery
from socialvalue.exceptions import MissingExtraError
from socialvalue.io._cells import (
    CellProblem,
    CellValue,
    Number,
    read_flag,
    read_period,
    split_lines,
)
from socialvalue.io._columns import IGNORED, RETURN_COLUMNS, Columns
from socialvalue.io._import import (
    AcceptedRow,
    ImportLimits,
    RejectedRow,
    RowChecker,
    delivery_record,
)
from socialvalue.periods import AnyPeriod

__all__ = [
    "FIELDS",
    "check_sheet_rows",
    "deliveries_of",
    "frame_of",
    "schema",
    "take_plain",
]

#: Fields kept in the frame, in this order (those the file has).
FIELDS = RETURN_COLUMNS
_CODES = ("contract", "geography", "id")
#: A quantity the row reader reads as exactly these digits, in every locale whose decimal
#: sign is a point: at most 15 digits before the point (the input limit) and 20 after.
_PLAIN_QUANTITY = rf"^[0-9]{{1,15}}(?:\.[0-9]{{1,{MAX_INPUT_PLACES}}})?$"
_PLAIN_DIGITS = re.compile(_PLAIN_QUANTITY)


def deliveries_of(
    frame: Any,  # noqa: ANN401 - a polars DataFrame of the path's columns
    periods: dict[str, AnyPeriod] | None = None,
) -> list[Delivery]:
    """Every row of a frame as the delivery the row reader would build, in order.

    A cell that is null or empty is left out. The model checks every field, as always; what
    it is given is cheaper to check: a quantity of plain digits (:data:`_PLAIN_QUANTITY`, the
    grammar's plainest form) as its ``Decimal``, and each period label converted once by the
    model's own converter and shared by the rows that have it (in ``periods``, if given).
    """
    shared: dict[str, AnyPeriod] = {} if periods is None else periods
    readers = {name: _field_reader(name, shared) for name in frame.columns if name != "row"}
    return [
        Delivery(
            **{
                name: readers[name](value)
                for name, value in record.items()
                if name != "row" and value is not None and value != ""
            }
        )
        for record in frame.iter_rows(named=True)
    ]


def _field_reader(name: str, periods: dict[str, AnyPeriod]) -> Any:  # noqa: ANN401 - a reader
    """How :func:`deliveries_of` gives a frame cell of field ``name`` to the model."""
    if name in ("evidence", "tags"):
        return split_lines
    if name == "quantity":
        return _quantity_of
    if name == "period":

        def period(value: str) -> AnyPeriod:
            found = periods.get(value)
            if found is None:
                found = periods[value] = to_period(value)
            return found

        return period
    return _same


def _quantity_of(value: Any) -> Any:  # noqa: ANN401 - text, or what the model converts
    """Plain digits as their ``Decimal`` (what the model reads them as); anything else as is."""
    if isinstance(value, str) and _PLAIN_DIGITS.match(value) is not None:
        return Decimal(value)
    return value


def _same(value: Any) -> Any:  # noqa: ANN401 - a cell given to the model unchanged
    return value


def _record(row: int, delivery: Delivery) -> dict[str, Any]:
    return {**delivery_record(row, delivery), "quantity": f"{delivery.quantity:f}"}


def schema(pl: Any) -> dict[str, Any]:  # noqa: ANN401 - the polars module
    """The columns of the path's frames, with their polars types."""
    return {
        "row": pl.Int64,
        **{name: pl.String for name in FIELDS if name != "correction"},
        "correction": pl.Boolean,
    }


def frame_of(pl: Any, accepted: Sequence[tuple[int, Delivery]]) -> Any:  # noqa: ANN401 - a polars DataFrame
    """Accepted deliveries (with their row numbers) as a frame of the columnar path's columns."""
    table = schema(pl)
    frame = pl.DataFrame([_record(row, d) for row, d in accepted], schema=table, orient="row")
    return frame.select(list(table))


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
    candidates: Any,  # noqa: ANN401 - a boolean Series: rows still candidates
) -> tuple[Any, Any]:
    """Read each distinct cell of the candidate rows once: which read, and what each reads as.

    Only candidates are read: a row already left to the row reader (a quoted cell, say, which
    shifts the cells a split on the delimiter gives) would only add values to try.
    """
    good: dict[str, Any] = {}
    for value in cells.filter(candidates).unique().to_list():
        try:
            good[value] = read(value)
        except (CellProblem, ValueError):
            continue
    ok = cells.is_in(list(good))
    values = cells.replace_strict(list(good), list(good.values()), default=None, return_dtype=dtype)
    return ok, values


def take_plain(  # noqa: C901, PLR0912, PLR0913, PLR0917 - one pass over the columns
    pl: Any,  # noqa: ANN401 - the polars module
    columns: Columns,
    checker: RowChecker,
    cells: Any,  # noqa: ANN401 - a polars DataFrame: row, then c0, c1 … (text or null)
    regular: Any,  # noqa: ANN401 - a boolean Series: rows still candidates
    limits: ImportLimits,
    *,
    grouped: bool = False,
) -> tuple[Any, Any]:
    """The plain rows as a frame of every column of the path, and which rows they are.

    With ``grouped`` (cells are the text the row reader reads, as in a CSV file), a quantity
    written with the locale's group separators (``1,250.50``) is also plain when the row
    reader's own number reading gives plain digits; the frame keeps those digits.
    """
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
            plain = cell.str.contains(_PLAIN_QUANTITY)
            if grouped:
                cell, plain = _grouped_quantities(checker, cell, plain, regular)
            regular &= plain
        chosen[field] = cell
    if "unit" in chosen:
        ok, chosen["unit"] = _units(pl, checker, chosen["measure"], chosen["unit"], regular)
        regular &= ok
    readers: dict[str, tuple[Any, Any]] = {
        "period": (_period_label, pl.String),
        "correction": (_flag, pl.Boolean),
        "role": (_role_reader(checker), pl.String),
    }
    for field, (read, dtype) in readers.items():
        if field in chosen:
            ok, chosen[field] = _distinct(chosen[field], read, dtype, regular)
            regular &= ok
    for field in _CODES:
        if field in chosen:
            cell = chosen[field]
            regular &= (cell == "") | cell.str.contains(_VISIBLE)
            if field == "geography":
                chosen[field] = cell.replace("", "UK")
    frame = pl.DataFrame({"row": cells["row"], **chosen})
    taken = frame.filter(regular)
    table = schema(pl)
    complete = taken.with_columns(
        [
            pl.lit(None, dtype).alias(field)
            for field, dtype in table.items()
            if field not in taken.columns
        ]
    ).select(list(table))
    for field in ("unit", "role"):
        if field in chosen:
            complete = complete.with_columns(pl.col(field).replace("", None))
    return complete, regular


def _grouped_quantities(
    checker: RowChecker,
    cells: Any,  # noqa: ANN401 - a polars Series of text
    plain: Any,  # noqa: ANN401 - a boolean Series: cells already plain digits
    candidates: Any,  # noqa: ANN401 - a boolean Series: rows still candidates
) -> tuple[Any, Any]:
    """Quantities with group separators as the digits the row reader reads; which now are plain.

    A cell of digits grouped in threes and an optional fraction (``1,250.50``, no sign, space
    or currency) is what the row reader's :meth:`NumberReader.quantity` reads without Babel:
    the digits without their group separators, the decimal sign as a point (its ``_plain``
    rule), written back by ``f"{number:f}"``, which drops leading zeros (``0,100`` is
    ``100``). The engine does the same to every such cell at once; the cell is plain when the
    digits are. (A property test checks the two agree on every cell of this shape.)
    """
    numbers = checker.numbers
    group, point = re.escape(numbers.group), re.escape(numbers.decimal)
    shape = rf"^[0-9]{{1,3}}(?:{group}[0-9]{{3}})+(?:{point}[0-9]+)?$"
    written = ~plain & cells.str.contains(shape) & candidates
    if not written.any():
        return cells, plain
    digits = (
        cells.str.replace_all(numbers.group, "", literal=True)
        .str.replace(numbers.decimal, ".", literal=True)
        .str.replace(r"^0+([0-9])", "${1}")
    )
    ok = written & digits.str.contains(_PLAIN_QUANTITY)
    return cells.zip_with(~ok, digits), plain | ok


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
    candidates: Any,  # noqa: ANN401 - a boolean Series: rows still candidates
) -> tuple[Any, Any]:
    """Which (measure, unit) cells the row reader accepts, and the unit code each reads as.

    Only the candidate rows' pairs are read (the others are left to the row reader).
    """
    pairs = pl.DataFrame({"m": measures, "u": units})
    good: list[tuple[str, str, str]] = []
    framework = checker.framework
    for measure, unit in pairs.filter(candidates).unique().iter_rows():
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


def _shown(cell: CellValue, render: Any) -> str | None:  # noqa: ANN401 - NumberReader.render
    """A sheet cell as the text the row reader reads it as, or ``None`` if it is not plain."""
    if isinstance(cell, str):
        return cell
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, Number) and not cell.percent:
        text: str = render(cell)
        return text
    return None  # a date, a percentage, a cell that cannot be read: the row reader says


def check_sheet_rows(
    rows: Sequence[tuple[int, tuple[CellValue, ...]]],
    checker: RowChecker,
    limits: ImportLimits,
) -> list[AcceptedRow | RejectedRow | None] | None:
    """A sheet's rows after the header, checked as :class:`RowChecker` checks them, in order.

    Plain rows — text, true/false, and numbers (not percentages) shown as the row reader reads
    them — are checked in polars; every other row (a date, an error, a percentage, anything
    not in its plainest form) by ``checker`` itself. ``None`` without polars, or when the
    locale's decimal sign is not a point: then check every row with ``checker``.
    """
    try:
        pl = require("polars", "frames")
    except MissingExtraError:
        return None
    numbers = checker.numbers
    if numbers.decimal != "." or numbers.group == ".":
        return None
    width = len(checker.columns.fields)
    texts: list[list[str]] = [[] for _ in range(width)]
    plain: list[bool] = []
    render = numbers.render
    for _, cells in rows:
        ok = all(isinstance(cell, str) and cell == "" for cell in cells[width:])
        for index in range(width):
            text = _shown(cells[index], render) if index < len(cells) else ""
            if text is None:
                ok = False
                text = ""
            texts[index].append(text)
        plain.append(ok)
    frame = pl.DataFrame(
        {"row": [number for number, _ in rows], **{f"c{i}": texts[i] for i in range(width)}},
        schema={"row": pl.Int64, **{f"c{i}": pl.String for i in range(width)}},
    )
    taken, regular = take_plain(
        pl, checker.columns, checker, frame, pl.Series(plain, dtype=pl.Boolean), limits
    )
    periods: dict[str, AnyPeriod] = {}
    items: dict[int, AcceptedRow | RejectedRow | None] = {
        number: AcceptedRow(number, delivery)
        for number, delivery in zip(
            taken["row"].to_list(), deliveries_of(taken, periods), strict=True
        )
    }
    for (number, cells), took in zip(rows, regular.to_list(), strict=True):
        if not took:
            items[number] = checker.check(number, cells)
    return [items[number] for number, _ in rows]
