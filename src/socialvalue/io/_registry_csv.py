"""Proxy registries as CSV: one value per row, so authorities can export from a spreadsheet.

The header names the columns (any order); row 1 is the header, so the first value is row 2, as a
spreadsheet shows it. Every row is checked and every problem reported, as ``row N, column C``.
Cells a spreadsheet would run as formulas are written with a leading ``'``
(:func:`~socialvalue._text.guard_formula`) and read back without it.
"""

from __future__ import annotations

import csv
import difflib
import io
import os
import re
from pathlib import Path
from typing import Any

from socialvalue._text import guard_formula, unguard_formula
from socialvalue.exceptions import DataFileError, Problem, SocialValueError, ValidationError
from socialvalue.framework import Framework
from socialvalue.io._cells import CellProblem, NumberReader
from socialvalue.io._columns import normalise_heading
from socialvalue.io._converter import converter
from socialvalue.io._errors import problems_from
from socialvalue.io._files import MAX_FILE_BYTES, atomic_write_text, read_text
from socialvalue.proxies import ProxyRegistry, ProxyValue, value_fit_problems
from socialvalue.units import unit_code

__all__ = [
    "CSV_ALIASES",
    "CSV_COLUMNS",
    "REQUIRED_CSV_COLUMNS",
    "load_registry_csv",
    "save_registry_csv",
]

#: Column → key path in a :class:`~socialvalue.ProxyValue`.
CSV_COLUMNS: dict[str, str] = {
    "code": "measure",
    "unit": "unit",
    "value": "value",
    "currency": "currency",
    "price_year": "price_base",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "geography": "geography",
    "value_type": "value_type",
    "low": "low",
    "high": "high",
    "net_of_deadweight": "net_of_deadweight",
    "source_title": "source.title",
    "source_publisher": "source.publisher",
    "source_date": "source.published",
    "source_address": "source.url",
    "source_section": "source.section",
    "licence": "licence",
    "verification": "verification",
    "note": "note",
}

#: Columns every registry CSV must have.
REQUIRED_CSV_COLUMNS = (
    "code",
    "unit",
    "value",
    "price_year",
    "valid_from",
    "source_title",
    "source_publisher",
    "licence",
)

#: Other headings accepted for each column, compared as returns' headings are (any case,
#: spacing or punctuation; a trailing note in brackets ignored): ``Measure`` for ``code``.
CSV_ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("measure", "measure code", "measure id"),
    "unit": ("units", "per unit", "unit of measure"),
    "value": ("value per unit", "unit value", "proxy value"),
    "price_year": ("price base", "price base year", "prices"),
    "valid_from": ("from",),
    "valid_to": ("to", "until"),
    "source_title": ("source",),
    "source_address": ("source url", "url", "link"),
    "source_date": ("source published", "published"),
    "licence": ("license",),
    "verification": ("verified",),
}
_HEADINGS = {
    normalise_heading(name): column
    for column in CSV_COLUMNS
    for name in (column, *CSV_ALIASES.get(column, ()))
}
#: Cells read as numbers, as a returns file's quantities are (``12,000``, ``£12.34``).
_NUMBERS = frozenset({"value", "low", "high"})

_KEY_TO_COLUMN = {key: column for column, key in CSV_COLUMNS.items()}
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
_VALUE_PATH = re.compile(r"^values\[(\d+)\](?:\.(.*))?$")


def _row_dict(
    row: dict[str, str], number: int, problems: list[Problem], numbers: NumberReader
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    source: dict[str, Any] = {}
    for column, cell in row.items():
        text = (cell or "").strip()
        if not text or column not in CSV_COLUMNS:  # an unknown column is reported once
            continue
        key = CSV_COLUMNS[column]
        value: Any = text
        if column in _NUMBERS:
            try:
                value = str(numbers.quantity(text, measure=None, unit=None))
            except CellProblem as problem:
                problems.append(Problem(f"row {number}, column {column}", str(problem)))
                continue
        if key == "net_of_deadweight":
            if text.lower() not in _BOOLEANS:
                problems.append(
                    Problem(f"row {number}, column {column}", f"{text!r} is not yes or no")
                )
                continue
            value = _BOOLEANS[text.lower()]
        if key.startswith("source."):
            source[key.removeprefix("source.")] = value
        else:
            data[key] = value
    if source:
        data["source"] = source
    return data


def _locate(location: str, number: int) -> str:
    """``price_base`` → ``row 7, column price_year``."""
    if location in _KEY_TO_COLUMN:
        return f"row {number}, column {_KEY_TO_COLUMN[location]}"
    if location == "source":
        return f"row {number}, columns source_title and source_publisher"
    return f"row {number}, {location}" if location else f"row {number}"


def _cell_problem(problem: Problem, number: int) -> Problem:
    message = problem.message
    if message == "required key is missing":
        message = "a value is required"
    return Problem(_locate(problem.location, number), message)


def load_registry_csv(  # noqa: PLR0913 - metadata a CSV cannot carry itself
    path: str | os.PathLike[str],
    *,
    id: str | None = None,  # noqa: A002 - the registry's id
    title: str | None = None,
    version: str = "csv",
    publisher: str = "(not stated)",
    licence: str = "see each value",
    max_bytes: int = MAX_FILE_BYTES,
    locale: str = "en_GB",
    framework: Framework | None = None,
) -> ProxyRegistry:
    """Read a registry from a CSV file; the registry's id defaults to the file's name.

    Headings match as a returns file's do (``Measure`` for ``code``, any case or spacing:
    :data:`CSV_ALIASES`); ``value``, ``low`` and ``high`` are read as returns' quantities are,
    written as ``locale`` writes numbers (``12,000``; a ``£`` sign allowed); a unit may be given
    by its code or its display name (``FTE-year`` for ``fte_year``). Given ``framework``, each
    value is also checked against it in the same pass (:meth:`ProxyRegistry.check_against`),
    so the header's, the rows' and the framework's problems come in one error.

    Raises:
        DataFileError: naming the file and every problem, each as ``row N, column C``.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_registry_csv, save_registry_csv, shipped_registry
        >>> save_registry_csv(shipped_registry(), Path(folder.name) / "values.csv")
        >>> registry = load_registry_csv(Path(folder.name) / "values.csv", id="council-values")
        >>> registry.id, len(registry.values) == len(shipped_registry().values)
        ('council-values', True)
        >>> folder.cleanup()
    """
    name = os.fspath(path)
    text = read_text(path, max_bytes=max_bytes)
    return registry_from_csv_text(
        text,
        source=name,
        id=id or Path(path).stem,
        title=title,
        version=version,
        publisher=publisher,
        licence=licence,
        locale=locale,
        framework=framework,
    ).with_origin(name)


def registry_from_csv_text(  # noqa: PLR0913 - metadata a CSV cannot carry itself
    text: str,
    *,
    source: str,
    id: str,  # noqa: A002 - the registry's id
    title: str | None,
    version: str,
    publisher: str,
    licence: str,
    locale: str = "en_GB",
    framework: Framework | None = None,
) -> ProxyRegistry:
    """Read a registry from CSV text (see :func:`load_registry_csv`)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\x00extra")
    written = [column.strip() for column in reader.fieldnames or []]
    header = [_HEADINGS.get(normalise_heading(column), column) for column in written]
    problems: list[Problem] = _header_problems(header, written, source)
    reader.fieldnames = header
    numbers = NumberReader(locale)
    values: list[ProxyValue] = []
    rows: list[int] = []
    for number, row in enumerate(reader, start=2):
        if "\x00extra" in row:
            problems.append(Problem(f"row {number}", "more cells than the header has columns"))
            continue
        if all(not (cell or "").strip() for cell in row.values()):
            continue
        cells = {column: unguard_formula(cell or "") for column, cell in row.items()}
        value = _read_row(cells, number, problems, numbers, framework)
        if value is not None:
            values.append(value)
            rows.append(number)
    if problems:
        raise DataFileError(source, problems)
    try:
        return ProxyRegistry(
            id=id,
            title=title or id,
            version=version,
            publisher=publisher,
            licence=licence,
            values=values,
        )
    except ValidationError as error:
        raise DataFileError(source, [_row_problem(p, rows) for p in error.problems]) from None
    except SocialValueError:
        raise
    except (ValueError, TypeError) as error:
        raise DataFileError(source, problems_from(error)) from None


def _read_row(
    cells: dict[str, str],
    number: int,
    problems: list[Problem],
    numbers: NumberReader,
    framework: Framework | None,
) -> ProxyValue | None:
    """One row's value, or ``None`` with its problems (the framework's too) added."""
    before = len(problems)
    data = _row_dict(cells, number, problems, numbers)
    unread = {problem.location for problem in problems[before:]}
    value = None
    try:
        value = converter().structure(data, ProxyValue)
    except (ValueError, TypeError, KeyError, ExceptionGroup) as error:
        for problem in (_cell_problem(found, number) for found in problems_from(error)):
            if problem.location not in unread:  # a cell not read is not also "required"
                problems.append(problem)
                unread.add(problem.location)
    problems.extend(_fit(data, number, framework, unread))
    return value if len(problems) == before else None


def _fit(
    data: dict[str, Any], number: int, framework: Framework | None, reported: set[str]
) -> list[Problem]:
    """The framework's check of a row in the same pass, even of a row with other problems."""
    if framework is None or not data.get("measure") or not data.get("unit"):
        return []
    fit = value_fit_problems(data["measure"], unit_code(data["unit"]), framework)
    located = (_cell_problem(problem, number) for problem in fit)
    return [problem for problem in located if problem.location not in reported]


def _row_problem(problem: Problem, rows: list[int]) -> Problem:
    """Turn ``values[3]`` locations (and ``values[1]`` in messages) into CSV row numbers."""
    match = _VALUE_PATH.match(problem.location)
    if not match:
        return problem
    message = re.sub(r"values\[(\d+)\]", lambda m: f"row {rows[int(m[1])]}", problem.message)
    return Problem(_locate(match[2] or "", rows[int(match[1])]), message)


def _shown_heading(column: str, limit: int = 40) -> str:
    """A heading as an error shows it: at most ``limit`` characters, not a data row whole."""
    return column if len(column) <= limit else column[: limit - 1] + "…"


def _header_problems(header: list[str], written: list[str], source: str) -> list[Problem]:
    """Unknown and doubled columns (reported with the rows' problems, in one pass).

    Raises:
        DataFileError: no header, or required columns missing: no row can be read then.
    """
    problems = []
    if not header:
        raise DataFileError(source, [Problem("row 1", "the file is empty; expected a header row")])
    for column, as_written in zip(header, written, strict=True):
        if column not in CSV_COLUMNS:
            column = as_written  # noqa: PLW2901 - the heading as the file writes it
            close = difflib.get_close_matches(column, list(CSV_COLUMNS), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            problems.append(
                Problem(
                    f"row 1, column {_shown_heading(column)}",
                    f"unknown column; {hint}expected some of {', '.join(CSV_COLUMNS)}",
                )
            )
    duplicates = sorted({c for c in header if header.count(c) > 1})
    problems.extend(Problem(f"row 1, column {c}", "column appears twice") for c in duplicates)
    missing = [column for column in REQUIRED_CSV_COLUMNS if column not in header]
    if missing:
        problems.append(Problem("row 1", f"missing required columns: {', '.join(missing)}"))
        raise DataFileError(source, problems)
    return problems


def registry_to_csv_text(registry: ProxyRegistry) -> str:
    """Write a registry's values as CSV text with every column (metadata is not kept)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for value in registry.values:
        data = converter().unstructure(value)
        row: dict[str, str] = {}
        for column, key in CSV_COLUMNS.items():
            if key.startswith("source."):
                cell = data["source"].get(key.removeprefix("source."))
            else:
                cell = data.get(key)
            if isinstance(cell, bool):
                cell = "yes" if cell else "no"
            row[column] = "" if cell is None else guard_formula(str(cell))
        writer.writerow(row)
    return buffer.getvalue()


def save_registry_csv(registry: ProxyRegistry, path: str | os.PathLike[str]) -> None:
    """Write a registry's values to a CSV file, atomically.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import save_registry_csv, shipped_registry
        >>> save_registry_csv(shipped_registry(), Path(folder.name) / "values.csv")
        >>> (Path(folder.name) / "values.csv").read_text(encoding="utf-8").split(",")[0]
        'code'
        >>> folder.cleanup()
    """
    atomic_write_text(path, registry_to_csv_text(registry))
