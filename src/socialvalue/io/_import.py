"""Rows of a returns file → deliveries: every row accepted, or rejected with all its reasons.

Shared by CSV and XLSX. A row is checked cell by cell against the matched columns and the
framework (measure, unit, role); a rejected row keeps its row number, its original cells and
every problem found, so it can be written out, corrected and imported again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from socialvalue import _display, tabular
from socialvalue.deliveries import Delivery
from socialvalue.exceptions import DataFileError, Problem, UnknownCodeError
from socialvalue.framework import Framework
from socialvalue.io._cells import (
    BadCell,
    CellProblem,
    CellValue,
    NumberReader,
    is_blank,
    read_flag,
    read_period,
    split_lines,
)
from socialvalue.io._columns import IGNORED, Columns
from socialvalue.io._files import MAX_FILE_BYTES
from socialvalue.tabular import Record
from socialvalue.units import Unit

__all__ = [
    "AcceptedRow",
    "ImportLimits",
    "ImportResult",
    "RejectedRow",
    "RowChecker",
    "collect",
    "delivery_record",
    "summarise",
]

#: The exact decimal columns of an import result's records.
_QUANTITIES = frozenset({"quantity"})


def _positive(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{attribute.name}: expected a whole number of at least 1, got {value!r}")


@attrs.frozen(kw_only=True)
class ImportLimits:
    """Limits on untrusted input; a file beyond any of them is refused with a clear error.

    Args:
        max_bytes: Largest file read, in bytes.
        max_rows: Most rows with data (blank rows are not counted).
        max_columns: Most columns in the header.
        max_cell_chars: Longest cell, in characters (Excel's own limit by default); a longer
            cell rejects its row.
        max_line_bytes: Longest line of a CSV or JSON Lines file, in bytes.
        max_uncompressed_bytes: Largest total an XLSX file (a zip archive) may unpack to.
        max_zip_members: Most files inside an XLSX archive.
        max_merged_ranges: Most merged cell ranges in an XLSX sheet.
        max_cells_per_row: Most cells in one row of a CSV file or an XLSX sheet (blank cells
            after the last one included); a row with more stops the import at that row,
            before its cells are read.
        max_row_bytes: Most bytes in one CSV record (a quoted cell may span lines).
        max_shared_strings: Most distinct texts an XLSX workbook may hold (its shared
            strings table), counted before the workbook is opened.
        max_depth: Deepest nesting of tables and lists in a TOML or JSON document.
        max_integer_digits: Most digits in an integer written in a TOML or JSON document.

    Every limit is checked as the input is read, before the memory it bounds is used, so the
    cost of refusing a hostile file grows with the limit, not with the file.
    """

    max_bytes: int = attrs.field(default=MAX_FILE_BYTES, validator=_positive)
    max_rows: int = attrs.field(default=1_000_000, validator=_positive)
    max_columns: int = attrs.field(default=100, validator=_positive)
    max_cell_chars: int = attrs.field(default=32_767, validator=_positive)
    max_line_bytes: int = attrs.field(default=1024 * 1024, validator=_positive)
    max_uncompressed_bytes: int = attrs.field(default=512 * 1024 * 1024, validator=_positive)
    max_zip_members: int = attrs.field(default=1_000, validator=_positive)
    max_merged_ranges: int = attrs.field(default=1_000, validator=_positive)
    max_cells_per_row: int = attrs.field(default=1_000, validator=_positive)
    max_row_bytes: int = attrs.field(default=1024 * 1024, validator=_positive)
    max_shared_strings: int = attrs.field(default=1_000_000, validator=_positive)
    max_depth: int = attrs.field(default=32, validator=_positive)
    max_integer_digits: int = attrs.field(default=30, validator=_positive)


@attrs.frozen
class AcceptedRow:
    """A row that became a delivery."""

    row: int
    delivery: Delivery


@attrs.frozen
class RejectedRow:
    """A row that did not become a delivery: where it was, what it held, and every reason.

    Attributes:
        row: Its row number as a spreadsheet shows it (the header is row 1), or its line
            number in a JSON Lines file.
        cells: Its cells as text, as written (spreadsheet numbers in the file's locale).
        problems: Every problem found, each located as ``row N, column C``.
        columns: The file's column headings (``""`` where a column has none), which
            :func:`~socialvalue.io.write_rejected` writes above the cells.
    """

    row: int
    cells: tuple[str, ...]
    problems: tuple[Problem, ...]
    columns: tuple[str, ...] = attrs.field(default=(), repr=False)

    def cell(self, column: str) -> str:
        """The cell under a heading (as written), ``""`` if the row has none there."""
        try:
            index = self.columns.index(column)
        except ValueError:
            raise KeyError(column) from None
        return self.cells[index] if index < len(self.cells) else ""

    def to_record(self, columns: Sequence[str] = ()) -> Record:
        """This row as a record: ``row``, each cell under its heading, then ``problems``.

        Headings are the row's own ``columns`` (else ``columns``); a cell with no heading is
        ``column N``. The problems are one per line.
        """
        headings = self.columns or tuple(columns)
        record: Record = {"row": self.row}
        for i, cell in enumerate(self.cells):
            heading = headings[i] if i < len(headings) and headings[i] else f"column {i + 1}"
            record[heading] = cell
        record["problems"] = "\n".join(str(problem) for problem in self.problems)
        return record


@attrs.frozen(kw_only=True)
class ImportResult:
    """What an import found: the accepted deliveries and the rejected rows, nothing else lost.

    Attributes:
        source: The file read.
        columns: Its column headings as written.
        accepted: The deliveries, in file order.
        accepted_rows: The row number of each accepted delivery.
        rejected: The rejected rows, in file order, each with every reason.
        ignored_columns: Headings of the columns read and ignored (``problems`` …).
        blank_rows: How many rows held nothing and were skipped.
        trailing_blank_rows: Of those, how many came after the last row with data (a template's
            unused rows); the summary does not mention them.
        sheet: For a workbook, the sheet read.
    """

    source: str
    columns: tuple[str, ...]
    accepted: tuple[Delivery, ...]
    accepted_rows: tuple[int, ...]
    rejected: tuple[RejectedRow, ...]
    ignored_columns: tuple[str, ...] = ()
    blank_rows: int = 0
    sheet: str | None = None
    trailing_blank_rows: int = 0

    @property
    def rows(self) -> int:
        """Rows with data: accepted plus rejected."""
        return len(self.accepted) + len(self.rejected)

    @property
    def ok(self) -> bool:
        """Whether every row was accepted."""
        return not self.rejected

    def problems(self) -> tuple[Problem, ...]:
        """Every problem of every rejected row, in file order."""
        return tuple(problem for row in self.rejected for problem in row.problems)

    def raise_for_rejected(self) -> None:
        """Raise one error listing every problem, if any row was rejected (strict mode).

        Raises:
            DataFileError: naming the file and every problem of every rejected row.
        """
        if self.rejected:
            raise DataFileError(self.source, self.problems())

    def to_records(self, *, part: Literal["accepted", "rejected"] = "accepted") -> list[Record]:
        """The accepted deliveries (or ``part="rejected"``: the rejected rows) as records.

        An accepted record has the row number and every delivery field (quantity an exact
        ``Decimal``; evidence and tags one per line); a rejected one the row number, each
        original cell under its heading, and the problems (:meth:`RejectedRow.to_record`).
        :meth:`to_arrow`, :meth:`to_polars` and :meth:`to_pandas` give the same as tables.
        """
        if part == "rejected":
            return [row.to_record(self.columns) for row in self.rejected]
        if part != "accepted":
            raise ValueError(f"part: expected 'accepted' or 'rejected', got {part!r}")
        return [
            delivery_record(row, delivery)
            for row, delivery in zip(self.accepted_rows, self.accepted, strict=True)
        ]

    def to_arrow(self, *, part: Literal["accepted", "rejected"] = "accepted") -> Any:  # noqa: ANN401 - a pyarrow.Table
        """As :meth:`to_records`, a ``pyarrow.Table`` (exact decimal quantities)."""
        return tabular.to_arrow(self.to_records(part=part), decimals=_QUANTITIES)

    def to_polars(self, *, part: Literal["accepted", "rejected"] = "accepted") -> Any:  # noqa: ANN401 - a polars.DataFrame
        """As :meth:`to_records`, a ``polars.DataFrame`` (exact decimal quantities)."""
        return tabular.to_polars(self.to_records(part=part), decimals=_QUANTITIES)

    def to_pandas(self, *, part: Literal["accepted", "rejected"] = "accepted") -> Any:  # noqa: ANN401 - a pandas.DataFrame
        """As :meth:`to_records`, a pandas DataFrame of Arrow-backed columns."""
        return tabular.to_pandas(self.to_records(part=part), decimals=_QUANTITIES)

    def summary(self, *, max_problems: int = 50) -> str:
        """A readable account: rows accepted and rejected, and why each was rejected."""
        return summarise(
            where=f"{self.source}, sheet {self.sheet}" if self.sheet else self.source,
            accepted=len(self.accepted),
            rejected=self.rejected,
            blank_rows=self.blank_rows,
            trailing_blank_rows=self.trailing_blank_rows,
            ignored_columns=self.ignored_columns,
            max_problems=max_problems,
        )


def summarise(  # noqa: PLR0913 - the parts of one account
    *,
    where: str,
    accepted: int,
    rejected: Sequence[RejectedRow],
    blank_rows: int,
    trailing_blank_rows: int,
    ignored_columns: Sequence[str],
    max_problems: int = 50,
) -> str:
    """The account :meth:`ImportResult.summary` gives, from its parts (one wording for all)."""
    rows = accepted + len(rejected)
    lines = [f"{where}: {plural_of(rows, 'row')} — {accepted} accepted, {len(rejected)} rejected"]
    between = blank_rows - trailing_blank_rows
    if between:
        lines.append(f"{plural_of(between, 'blank row')} skipped")
    if ignored_columns:
        lines.append(f"columns ignored: {', '.join(ignored_columns)}")
    problems = [problem for row in rejected for problem in row.problems]
    lines.extend(f"  {problem}" for problem in problems[:max_problems])
    if len(problems) > max_problems:
        lines.append(f"  … and {len(problems) - max_problems} more problems")
    return "\n".join(lines)


def plural_of(count: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2 rows``; ``plural`` for a noun that does not just take an ``s``."""
    return _display.count(count, noun, plural, locale=_display.DEFAULT_LOCALE)


#: Columns read as codes: spaces around them carry no meaning and are ignored.
_CODE_COLUMNS = frozenset({"measure", "unit", "contract", "role", "geography", "id"})
#: Columns kept exactly as written.
_TEXT_COLUMNS = frozenset({"reporter", "project", "note"})
_FIELD_PREFIX = re.compile(r"^[a-z_]+: ")

#: Reports a problem with a field: ``(field, message)``.
_Report = Callable[[str, str], None]


#: Columns whose cells alone do not make a row: ignored ones, and the contract a template
#: pre-fills on every row (a row holding only its contract is an unused template row).
_NOT_DATA_ALONE = frozenset({IGNORED, "contract"})


class RowChecker:
    """Checks the rows of one file against its columns and a framework.

    Args:
        columns: The matched header.
        framework: Measures, units and roles are checked against it.
        numbers: How quantities are written (the file's locale).
        limits: ``max_cell_chars`` is applied to every cell.
    """

    def __init__(
        self, columns: Columns, framework: Framework, numbers: NumberReader, limits: ImportLimits
    ) -> None:
        self.columns = columns
        self.framework = framework
        self.numbers = numbers
        self.limits = limits
        self._codes = {code.casefold(): code for code in framework.measure_codes()}
        self._units: dict[str, Unit] = {}
        #: The framework's verdict on each role seen (a file repeats a handful of roles).
        self._roles: dict[str, str | None] = {}

    def check(self, row: int, cells: Sequence[CellValue]) -> AcceptedRow | RejectedRow | None:
        """Check one row; ``None`` if it holds nothing (or only cells of ignored columns)."""
        fields = self.columns.fields
        if all(
            is_blank(cell) or (i < len(fields) and fields[i] in _NOT_DATA_ALONE)
            for i, cell in enumerate(cells)
        ):
            return None
        found: list[tuple[int, Problem]] = []
        values: dict[str, tuple[int, CellValue]] = {}
        width = len(fields)
        for index, cell in enumerate(cells[:width]):
            self._take(row, index, cell, values, found)
        self._beyond_header(row, cells, width, found)
        delivery = self._delivery(row, values, found)
        if delivery is not None and not found:
            return AcceptedRow(row, delivery)
        found.sort(key=lambda item: item[0])
        return RejectedRow(
            row=row,
            cells=self._texts(cells),
            problems=tuple(problem for _, problem in found),
            columns=self.columns.headings,
        )

    def _beyond_header(
        self, row: int, cells: Sequence[CellValue], width: int, found: list[tuple[int, Problem]]
    ) -> None:
        """One problem for all the values in columns with no heading (a wide row costs one)."""
        extra = [index for index in range(width, len(cells)) if not is_blank(cells[index])]
        if not extra:
            return
        first = extra[0]
        cell = cells[first]
        if isinstance(cell, BadCell) and len(extra) == 1:
            message = cell.message
        elif len(extra) == 1:
            message = (
                "a value in a column with no heading; give the column a heading or move the value"
            )
        else:
            message = (
                f"values in {len(extra):,} columns with no heading (from this one to "
                f"{self.columns.describe(extra[-1])}); give the columns headings or move the values"
            )
        found.append((first, Problem(self._where(row, first), message)))

    def _texts(self, cells: Sequence[CellValue]) -> tuple[str, ...]:
        # Every cell, trailing empty ones too: a rejected row is kept exactly as written.
        return tuple(self.numbers.render(cell) for cell in cells)

    def _where(self, row: int, index: int) -> str:
        return f"row {row}, {self.columns.describe(index)}"

    def _take(
        self,
        row: int,
        index: int,
        cell: CellValue,
        values: dict[str, tuple[int, CellValue]],
        found: list[tuple[int, Problem]],
    ) -> None:
        field = self.columns.fields[index] if index < len(self.columns.fields) else None
        if field == IGNORED:
            return
        if is_blank(cell):
            if field in _TEXT_COLUMNS and cell:
                values[field] = (index, cell)
            return
        if field is None:
            message = (
                cell.message
                if isinstance(cell, BadCell)
                else "a value in a column with no heading; give the column a heading or move "
                "the value"
            )
            found.append((index, Problem(self._where(row, index), message)))
            return
        text = self.numbers.render(cell)
        if len(text) > self.limits.max_cell_chars:
            found.append(
                (
                    index,
                    Problem(
                        self._where(row, index),
                        f"the cell holds {len(text):,} characters; the limit is "
                        f"{self.limits.max_cell_chars:,}",
                    ),
                )
            )
            return
        if isinstance(cell, BadCell):
            found.append((index, Problem(self._where(row, index), cell.message)))
            return
        values[field] = (index, cell)

    def _text(self, values: dict[str, tuple[int, CellValue]], field: str) -> str | None:
        if field not in values:
            return None
        text = self.numbers.render(values[field][1])
        return text.strip() if field in _CODE_COLUMNS else text

    def _delivery(  # noqa: C901, PLR0912 - one pass over the columns, each check next to its field
        self,
        row: int,
        values: dict[str, tuple[int, CellValue]],
        found: list[tuple[int, Problem]],
    ) -> Delivery | None:
        problems_before = len(found)

        def problem(field: str, message: str) -> None:
            index = values[field][0] if field in values else self.columns.position(field)
            where = self._where(row, index) if index is not None else f"row {row}"
            found.append(
                (index if index is not None else len(self.columns.fields), Problem(where, message))
            )

        for field in ("measure", "quantity", "period"):
            if field not in values and not any(i == self.columns.position(field) for i, _ in found):
                problem(field, "a value is required")
        fields: dict[str, Any] = {}
        unit: Unit | None = None
        measure = self._text(values, "measure")
        if measure is not None:
            unit = self._measure(measure, problem)
            fields["measure"] = measure
        given_unit = self._text(values, "unit")
        if given_unit is not None and unit is not None:
            fields["unit"] = self._unit(measure or "", unit, given_unit, problem)
        if "quantity" in values:
            try:
                fields["quantity"] = self.numbers.quantity(
                    values["quantity"][1], measure=measure, unit=unit
                )
            except CellProblem as error:
                problem("quantity", str(error))
        if "period" in values:
            try:
                fields["period"] = read_period(values["period"][1])
            except CellProblem as error:
                problem("period", str(error))
        if "correction" in values:
            try:
                fields["correction"] = read_flag(values["correction"][1])
            except CellProblem as error:
                problem("correction", str(error))
        role = self._text(values, "role")
        if role:
            self._role(role, problem)
            fields["role"] = role
        for field in ("reporter", "project", "contract", "geography", "id", "note"):
            text = self._text(values, field)
            if text:
                fields[field] = text
        for field in ("evidence", "tags"):
            text = self._text(values, field)
            if text:
                fields[field] = split_lines(text)
        quantity = fields.get("quantity")
        if isinstance(quantity, Decimal) and quantity < 0 and not fields.get("correction", False):
            problem(
                "quantity",
                f"{quantity} is negative; only a correction may be negative (put yes in a "
                "correction column)",
            )
        if len(found) > problems_before or not {"measure", "quantity", "period"} <= set(fields):
            return None
        try:
            return Delivery(**fields)
        except (ValueError, TypeError) as error:  # what the model itself refuses
            message = str(error)
            field = message.split(":", 1)[0]
            problem(field if field in values else "measure", _FIELD_PREFIX.sub("", message))
            return None

    def _measure(self, code: str, problem: _Report) -> Unit | None:
        if code in self.framework:
            if code not in self._units:
                self._units[code] = self.framework.unit_of(code)
            return self._units[code]
        same = self._codes.get(code.casefold())
        if same is not None:
            problem(
                "measure",
                f"unknown measure {code!r}; did you mean {same!r}? (codes are case-sensitive)",
            )
        else:
            problem(
                "measure",
                UnknownCodeError("measure", code, list(self.framework.measure_codes())).message,
            )
        return None

    @staticmethod
    def _unit(measure: str, unit: Unit, given: str, problem: _Report) -> str | None:
        if given == unit.code or given.casefold() in (unit.code.casefold(), unit.label.casefold()):
            return unit.code
        label = f" ({unit.label})" if unit.label != unit.code else ""
        problem(
            "unit",
            f"{measure} is counted in {unit.code!r}{label}, not {given!r}; "
            "quantities are never converted between units",
        )
        return None

    def _role(self, role: str, problem: _Report) -> None:
        if role not in self._roles:
            self._roles[role] = self.framework.role_problem(role)
        message = self._roles[role]
        if message is not None:
            problem("role", message)


def collect(
    source: str,
    columns: Columns,
    rows: Iterator[AcceptedRow | RejectedRow | None],
    *,
    sheet: str | None = None,
) -> ImportResult:
    """Gather checked rows into an :class:`ImportResult`."""
    accepted: list[Delivery] = []
    numbers: list[int] = []
    rejected: list[RejectedRow] = []
    blank = trailing = 0
    for item in rows:
        if item is None:
            blank, trailing = blank + 1, trailing + 1
            continue
        trailing = 0
        if isinstance(item, AcceptedRow):
            accepted.append(item.delivery)
            numbers.append(item.row)
        else:
            rejected.append(item)
    return ImportResult(
        source=source,
        columns=columns.headings,
        accepted=tuple(accepted),
        accepted_rows=tuple(numbers),
        rejected=tuple(rejected),
        ignored_columns=columns.ignored,
        blank_rows=blank,
        trailing_blank_rows=trailing,
        sheet=sheet,
    )


def delivery_record(row: int, delivery: Delivery) -> dict[str, Any]:
    """An accepted delivery as a record: its row, then its fields as a returns file has them."""
    return {
        "row": row,
        "measure": delivery.measure,
        "quantity": delivery.quantity,
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
