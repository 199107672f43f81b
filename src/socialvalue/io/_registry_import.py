"""Bring your own licensed set: a registry from any spreadsheet or CSV a user holds.

A licensed value set (a National TOMs or Social Value Bank file) may not ship with the package,
but its holder may load it. The file stays as the publisher made it; a small TOML *mapping*
says, once, which of its columns holds the measure code, the value, the unit, the price year,
the validity, the source and the licence, and a *crosswalk* maps its measure codes to the
framework's. The licence given in the mapping (or a licence column) travels with every value
into every valuation's explanation and report.

Cells are read with the same safe readers and number parsing as supplier returns
(:mod:`socialvalue.io`); every bad row is reported with the file, row and column.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs

from socialvalue._fields import not_blank as _not_blank, optional_price_year, price_year
from socialvalue._limits import check_day
from socialvalue.crosswalk import MeasureCrosswalk
from socialvalue.exceptions import DataFileError, Problem, ValidationError
from socialvalue.framework import Framework, ValuationKind
from socialvalue.io._cells import BadCell, CellProblem, CellValue, NumberReader, is_blank
from socialvalue.io._columns import column_letter
from socialvalue.io._csv_returns import CsvSource
from socialvalue.io._files import MAX_FILE_BYTES, OutsideFolderError, file_inside, read_text
from socialvalue.io._formats import format_of, structure
from socialvalue.io._import import ImportLimits
from socialvalue.io._open_data import document
from socialvalue.periods import CalendarYear, FinancialYear
from socialvalue.provenance import Source, Verification
from socialvalue.proxies import ProxyRegistry, ProxyValue
from socialvalue.units import STANDARD_UNITS

__all__ = [
    "CROSSWALK_SCHEMA",
    "IMPORT_MAPPING_SCHEMA",
    "ImportColumns",
    "ImportDefaults",
    "RegistryImport",
    "RegistryImportMapping",
    "import_registry",
    "load_crosswalk",
    "load_import_mapping",
]

IMPORT_MAPPING_SCHEMA = "socialvalue/registry-import/1"
CROSSWALK_SCHEMA = "socialvalue/crosswalk/1"
_GBP = STANDARD_UNITS["gbp"]
#: Dates in ASCII digits only, as every number socialvalue reads (``\d`` alone would take
#: Arabic-Indic or full-width digits).
_UK_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})", re.ASCII)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


@attrs.frozen(kw_only=True)
class ImportColumns:
    """The heading, in the user's file, of the column holding each field (``None``: none).

    ``code`` and ``value`` are required; the others fall back to :class:`ImportDefaults`.
    ``source`` holds the title of the publication a row's value comes from.
    """

    code: str = attrs.field(validator=_not_blank)
    value: str = attrs.field(validator=_not_blank)
    unit: str | None = None
    price_year: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    source: str | None = None
    licence: str | None = None
    low: str | None = None
    high: str | None = None
    geography: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class ImportDefaults:
    """Values for fields that have no column, or whose cell is blank."""

    unit: str | None = None
    price_year: FinancialYear | CalendarYear | None = attrs.field(
        default=None, converter=optional_price_year
    )
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    geography: str = "UK"
    currency: str = "GBP"


def _units(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(value))


@attrs.frozen(kw_only=True)
class RegistryImportMapping:
    """How to read a user's value file as a registry (the small TOML given once).

    Args:
        id: Id of the registry made.
        title: Its title.
        version: Its version (e.g. the edition of the licensed set).
        publisher: Who maintains the registry made (you).
        licence: The terms you hold the values under; every value carries it (a licence column
            overrides it row by row).
        verification: How the values were checked: ``primary`` when they are read from the
            publisher's own file.
        source: The publication the file is; a source column overrides the title per row.
        columns: Where each field is.
        defaults: Fields without a column.
        units: The file's unit wording → the framework's unit code (``"per hour" = "hour"``).
        crosswalk: The file's measure codes → the framework's; without one, codes are used as
            they are. In a TOML mapping, a path to a crosswalk file, relative to the mapping.
        sheet: For a workbook, the sheet to read (default: the first).
        locale: How the file writes numbers (``en_GB``: ``1,250.50``).
    """

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    version: str = attrs.field(validator=_not_blank)
    publisher: str = attrs.field(validator=_not_blank)
    licence: str = attrs.field(validator=_not_blank)
    verification: Verification = attrs.field(converter=Verification)
    source: Source
    columns: ImportColumns
    defaults: ImportDefaults = attrs.field(factory=ImportDefaults)
    units: Mapping[str, str] = attrs.field(factory=dict, converter=_units)
    crosswalk: MeasureCrosswalk | None = None
    sheet: str | None = None
    locale: str = "en_GB"


@attrs.frozen(kw_only=True)
class RegistryImport:
    """The result of :func:`import_registry`.

    Attributes:
        registry: The values read (only the good rows, when not strict).
        rows: How many rows with data were read.
        unmapped: ``(row, code)`` of rows whose code the crosswalk does not map: left out, and
            listed so nothing is lost silently.
        problems: Every problem, located as ``row N, column HEADING (LETTER)``; empty when
            strict (a problem raises).
    """

    registry: ProxyRegistry
    rows: int
    unmapped: tuple[tuple[int, str], ...]
    problems: tuple[Problem, ...]


def load_crosswalk(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES
) -> MeasureCrosswalk:
    """Read a crosswalk file (schema ``socialvalue/crosswalk/1``)."""
    source = os.fspath(path)
    data = document(
        read_text(path, max_bytes=max_bytes),
        fmt=format_of(path),
        source=source,
        schema=CROSSWALK_SCHEMA,
    )
    return structure(data, MeasureCrosswalk, source=source)


def load_import_mapping(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES
) -> RegistryImportMapping:
    """Read an import mapping (schema ``socialvalue/registry-import/1``).

    Its ``crosswalk`` may be a path to a crosswalk file inside the mapping's folder (an absolute
    path, or one leading out of the folder with ``..``, is refused unread).
    """
    source = os.fspath(path)
    data = document(
        read_text(path, max_bytes=max_bytes),
        fmt=format_of(path),
        source=source,
        schema=IMPORT_MAPPING_SCHEMA,
    )
    walk = data.get("crosswalk")
    if isinstance(walk, str):
        # Like a methodology bundle's references: only a file inside the mapping's folder.
        try:
            walk_path = file_inside(Path(path).parent, walk, (), "crosswalk", owner="mapping")
        except OutsideFolderError as error:
            raise DataFileError(
                source, [Problem("crosswalk", str(error).partition(": ")[2])]
            ) from None
        data = {**data, "crosswalk": load_crosswalk(walk_path, max_bytes=max_bytes)}
    return structure(data, RegistryImportMapping, source=source)


class _Sheet:
    """Header and rows of the user's file, CSV or XLSX, through the package's safe readers.

    ``close`` closes the file early (reading the rows to the end also closes it).
    """

    close: Callable[[], None]

    def __init__(self, path: Path, mapping: RegistryImportMapping, limits: ImportLimits) -> None:
        self.numbers = NumberReader(mapping.locale)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            csv_source = CsvSource(path, limits=limits)
            self.close = csv_source.close
            self.header = tuple(csv_source.header)
            self._rows: Iterator[tuple[int, tuple[CellValue, ...]]] = (
                (n, tuple(cells)) for n, cells in csv_source.rows()
            )
        elif suffix in {".xlsx", ".xlsm"}:
            from socialvalue.io._xlsx import XlsxSource  # noqa: PLC0415 - the optional extra

            book = XlsxSource(path, limits=limits, sheet=mapping.sheet, render=self.numbers.render)
            self.close = book.close
            self.header = tuple(self.numbers.render(cell).strip() for cell in book.header)
            self._rows = book.rows()
        else:
            raise DataFileError(
                os.fspath(path), [Problem("", f"unknown file type {suffix!r}; use .csv or .xlsx")]
            )

    def rows(self) -> Iterator[tuple[int, tuple[CellValue, ...]]]:
        """The rows after the header; the file is closed when they end."""
        return self._rows


def _columns(header: tuple[str, ...], columns: ImportColumns, name: str) -> dict[str, int]:
    where: dict[str, int] = {}
    problems = []
    headings = [str(h).strip() for h in header]
    for field in attrs.fields(ImportColumns):
        heading = getattr(columns, field.name)
        if heading is None:
            continue
        if heading not in headings:
            problems.append(
                Problem(
                    "row 1",
                    f"no column {heading!r} (the mapping's {field.name}); the file's columns "
                    f"are {', '.join(repr(h) for h in headings)}",
                )
            )
            continue
        found = [i for i, h in enumerate(headings) if h == heading]
        if len(found) > 1:
            letters = " and ".join(column_letter(i) for i in found)
            problems.append(
                Problem(
                    f"row 1, column {heading}",
                    f"appears {len(found)} times (columns {letters}); the mapping's "
                    f"{field.name} cannot tell which to read: rename one heading",
                )
            )
            continue
        where[field.name] = found[0]
    if problems:
        raise DataFileError(name, problems)
    return where


def _date(cell: CellValue, numbers: NumberReader) -> dt.date:
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return _in_range(cell)
    text = numbers.render(cell).strip()
    day: dt.date | None = None
    match = _UK_DATE.fullmatch(text)
    try:
        if match:
            day = dt.date(int(match[3]), int(match[2]), int(match[1]))
        elif _ISO_DATE.fullmatch(text):
            day = dt.date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None:
        raise CellProblem(f"{text!r} is not a date (write 2024-04-01 or 01/04/2024)")
    return _in_range(day)


def _in_range(day: dt.date) -> dt.date:
    try:
        return check_day(day)
    except ValueError as error:
        raise CellProblem(str(error)) from None


class _Row:
    """One row's cells by field, and the problems found reading them."""

    def __init__(self, number: int, cells: tuple[CellValue, ...], where: dict[str, int]) -> None:
        self.number = number
        self.cells = cells
        self.where = where
        self.problems: list[Problem] = []

    def cell(self, field: str) -> CellValue | None:
        index = self.where.get(field)
        if index is None or index >= len(self.cells) or is_blank(self.cells[index]):
            return None
        return self.cells[index]

    def locate(self, field: str, header: tuple[str, ...]) -> str:
        index = self.where.get(field)
        if index is None:
            return f"row {self.number}"
        return f"row {self.number}, column {header[index]} ({column_letter(index)})"


def _read_row(  # noqa: C901 - one branch per field of the mapping
    row: _Row,
    target: str,
    mapping: RegistryImportMapping,
    framework: Framework | None,
    sheet: _Sheet,
) -> ProxyValue | None:
    numbers, defaults, header = sheet.numbers, mapping.defaults, sheet.header
    fields: dict[str, Any] = {}
    failed: set[str] = set()

    def missing(field: str, what: str) -> None:
        if field not in failed:
            row.problems.append(
                Problem(row.locate(field, header), f"no {what} (column or default)")
            )

    def read(field: str, how: Any) -> Any:  # noqa: ANN401 - a cell read any way
        cell = row.cell(field)
        if cell is None:
            return None
        try:
            if isinstance(cell, BadCell):
                raise CellProblem(cell.message)  # noqa: TRY301 - reported like any bad cell
            return how(cell)
        except (CellProblem, ValueError, TypeError) as error:
            failed.add(field)
            row.problems.append(Problem(row.locate(field, header), str(error)))
            return None

    def text(cell: CellValue) -> str:
        return numbers.render(cell).strip()

    def money(cell: CellValue) -> Decimal:
        amount = numbers.quantity(cell, measure=target, unit=_GBP)
        if amount < 0:
            # A value sheet holds what one unit is worth; a minus sign is a misread cell (an
            # accounting "(12.50)", a stray "-"), and would subtract from every total.
            raise CellProblem(f"{numbers.render(cell)!r} is negative; a value per unit cannot be")
        return amount

    value = read("value", money)
    if value is None and "value" not in failed:
        row.problems.append(Problem(row.locate("value", header), "a value is required"))
    unit_text = read("unit", text)
    unit = mapping.units.get(unit_text, unit_text) if unit_text is not None else defaults.unit
    if framework is not None and target in framework:
        measure_unit = framework.measure(target).unit
        if unit is None:
            unit = measure_unit
        elif unit != measure_unit:
            row.problems.append(
                Problem(
                    row.locate("unit", header),
                    f"{target} is counted in {measure_unit!r}, but this value is per {unit!r}"
                    + ("" if unit_text is None else "; map the file's wording in [units]"),
                )
            )
    if unit is None:
        missing("unit", "unit")
    base = read("price_year", lambda cell: price_year(text(cell))) or defaults.price_year
    if base is None:
        missing("price_year", "price year")
    start = read("valid_from", lambda cell: _date(cell, numbers)) or defaults.valid_from
    if start is None:
        missing("valid_from", "start of validity")
    end = read("valid_to", lambda cell: _date(cell, numbers)) or defaults.valid_to
    title = read("source", text)
    fields["low"] = read("low", money)
    fields["high"] = read("high", money)
    if row.problems or value is None or unit is None or base is None or start is None:
        return None
    try:
        return ProxyValue(
            measure=target,
            unit=unit,
            value=value,
            currency=defaults.currency,
            price_base=base,
            valid_from=start,
            valid_to=end,
            geography=read("geography", text) or defaults.geography,
            source=attrs.evolve(mapping.source, title=title) if title else mapping.source,
            licence=read("licence", text) or mapping.licence,
            verification=mapping.verification,
            note=read("note", text) or "",
            **fields,
        )
    except (ValueError, TypeError) as error:
        row.problems.append(Problem(f"row {row.number}", str(error)))
        return None


def import_registry(  # noqa: C901 - one loop; each way a row can turn out
    path: str | os.PathLike[str],
    *,
    mapping: RegistryImportMapping | str | os.PathLike[str],
    framework: Framework | None = None,
    strict: bool = True,
    limits: ImportLimits | None = None,
) -> RegistryImport:
    """Read a registry from a user's own XLSX or CSV value file, as a mapping says.

    Args:
        path: The ``.xlsx`` or ``.csv`` file, as its publisher made it.
        mapping: A :class:`RegistryImportMapping` or the path of its TOML file.
        framework: When given, each mapped code must be one of its measures, and a value's unit
            defaults to (and must be) the measure's.
        strict: Raise one error listing every problem (default); ``False`` returns the good
            rows' registry and the problems.
        limits: Limits on the untrusted file (size, rows, columns, XLSX unpacking).

    Raises:
        DataFileError: the file or the mapping cannot be read, a mapped column is missing, or —
            when strict — any row is bad (each as ``row N, column HEADING (LETTER)``).
        MissingExtraError: a workbook, without the ``xlsx`` extra.
    """
    if not isinstance(mapping, RegistryImportMapping):
        mapping = load_import_mapping(mapping)
    name = os.fspath(path)
    sheet = _Sheet(Path(path), mapping, limits or ImportLimits())
    try:
        where = _columns(sheet.header, mapping.columns, name)
    except BaseException:
        sheet.close()
        raise
    values: list[ProxyValue] = []
    rows_of: list[int] = []
    unmapped: list[tuple[int, str]] = []
    problems: list[Problem] = []
    count = 0
    for number, cells in sheet.rows():
        if all(is_blank(cell) for cell in cells):
            continue
        count += 1
        row = _Row(number, cells, where)
        code_cell = row.cell("code")
        if code_cell is None:
            problems.append(Problem(row.locate("code", sheet.header), "a measure code is required"))
            continue
        code = sheet.numbers.render(code_cell).strip()
        target = code if mapping.crosswalk is None else mapping.crosswalk.target(code)
        if target is None:
            unmapped.append((number, code))
            continue
        mapped = "" if target == code else f" (mapped from {code})"
        if framework is not None and target not in framework:
            problems.append(
                Problem(
                    row.locate("code", sheet.header),
                    f"{target}{mapped} is not a measure of framework {framework.id!r}",
                )
            )
            continue
        if (
            framework is not None
            and (kind := framework.measure(target).valuation) is not ValuationKind.PROXY
        ):
            # Refused here, with the row, not later when a methodology layers the registry.
            problems.append(
                Problem(
                    row.locate("code", sheet.header),
                    f"{target}{mapped} is a {kind.value.replace('_', '-')} measure; it is never "
                    "valued with a proxy: leave its code out of the crosswalk",
                )
            )
            continue
        value = _read_row(row, target, mapping, framework, sheet)
        problems.extend(row.problems)
        if value is not None:
            values.append(value)
            rows_of.append(number)
    registry, more = _registry(mapping, values, rows_of, strict=strict)
    problems.extend(more)
    if problems and strict:
        raise DataFileError(name, problems)
    if registry is None:  # pragma: no cover - only when strict, which raised above
        raise DataFileError(name, problems)
    return RegistryImport(
        registry=registry.with_origin(name),
        rows=count,
        unmapped=tuple(unmapped),
        problems=tuple(problems),
    )


def _registry(
    mapping: RegistryImportMapping, values: list[ProxyValue], rows_of: list[int], *, strict: bool
) -> tuple[ProxyRegistry | None, list[Problem]]:
    def build(kept: list[ProxyValue]) -> ProxyRegistry:
        return ProxyRegistry(
            id=mapping.id,
            title=mapping.title,
            version=mapping.version,
            publisher=mapping.publisher,
            licence=mapping.licence,
            values=kept,
        )

    try:
        return build(values), []
    except ValidationError as error:
        found = error.problems
    problems = [_row_problem(problem, rows_of) for problem in found]
    if strict:
        return None, problems
    bad = {int(m[1]) for p in found if (m := re.match(r"values\[(\d+)\]", p.location))}
    return build([v for i, v in enumerate(values) if i not in bad]), problems


def _row_problem(problem: Problem, rows: list[int]) -> Problem:
    """``values[3]`` (in a location or a message) → the row of the file it came from."""
    message = re.sub(r"values\[(\d+)\]", lambda m: f"row {rows[int(m[1])]}", problem.message)
    location = re.sub(r"values\[(\d+)\]", lambda m: f"row {rows[int(m[1])]}", problem.location)
    return Problem(location, message)
