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
from socialvalue.io._converter import converter
from socialvalue.io._errors import problems_from
from socialvalue.io._files import MAX_FILE_BYTES, atomic_write_text, read_text
from socialvalue.proxies import ProxyRegistry, ProxyValue

__all__ = ["CSV_COLUMNS", "REQUIRED_CSV_COLUMNS", "load_registry_csv", "save_registry_csv"]

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

_KEY_TO_COLUMN = {key: column for column, key in CSV_COLUMNS.items()}
_BOOLEANS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}
_VALUE_PATH = re.compile(r"^values\[(\d+)\](?:\.(.*))?$")


def _row_dict(row: dict[str, str], number: int, problems: list[Problem]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    source: dict[str, Any] = {}
    for column, cell in row.items():
        text = (cell or "").strip()
        if not text:
            continue
        key = CSV_COLUMNS[column]
        value: Any = text
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
) -> ProxyRegistry:
    """Read a registry from a CSV file; the registry's id defaults to the file's name.

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
) -> ProxyRegistry:
    """Read a registry from CSV text (see :func:`load_registry_csv`)."""
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\x00extra")
    header = [column.strip() for column in reader.fieldnames or []]
    _check_header(header, source)
    reader.fieldnames = header
    problems: list[Problem] = []
    values: list[ProxyValue] = []
    rows: list[int] = []
    for number, row in enumerate(reader, start=2):
        if "\x00extra" in row:
            problems.append(Problem(f"row {number}", "more cells than the header has columns"))
            continue
        if all(not (cell or "").strip() for cell in row.values()):
            continue
        cells = {column: unguard_formula(cell or "") for column, cell in row.items()}
        data = _row_dict(cells, number, problems)
        try:
            values.append(converter().structure(data, ProxyValue))
            rows.append(number)
        except (ValueError, TypeError, KeyError, ExceptionGroup) as error:
            problems.extend(_cell_problem(problem, number) for problem in problems_from(error))
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


def _check_header(header: list[str], source: str) -> None:
    problems = []
    if not header:
        raise DataFileError(source, [Problem("row 1", "the file is empty; expected a header row")])
    for column in header:
        if column not in CSV_COLUMNS:
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
    if problems:
        raise DataFileError(source, problems)


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
