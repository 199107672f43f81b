"""Importing returns: CSV, XLSX or JSON Lines → accepted deliveries and rejected rows.

:func:`read_returns` reads a whole file into an :class:`~socialvalue.io.ImportResult`;
:func:`iter_returns` streams one (a CSV or JSON Lines file is read a line at a time, so memory
does not grow with the file). :func:`write_rejected` writes the rejected rows — original cells
plus a ``problems`` column — as a file to correct and import again.
"""

from __future__ import annotations

import os
import re
import shlex
import warnings
from collections.abc import Callable, Generator, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Literal, Self

import attrs

from socialvalue.exceptions import DataFileError, Problem
from socialvalue.framework import Framework
from socialvalue.io._cells import BadCell, CellValue, NumberReader
from socialvalue.io._columns import Columns, column_letter, match_columns, normalise_heading
from socialvalue.io._csv_returns import CsvSource, write_csv
from socialvalue.io._import import (
    AcceptedRow,
    ImportLimits,
    ImportResult,
    RejectedRow,
    RowChecker,
    collect,
)
from socialvalue.io._jsonl import JSON_COLUMN, read_jsonl
from socialvalue.io._plain import check_sheet_rows

__all__ = [
    "PROGRESS_EVERY",
    "Progress",
    "ReturnRows",
    "iter_returns",
    "read_returns",
    "write_rejected",
]

#: The kinds of returns file, by suffix.
FileKind = Literal["csv", "xlsx", "jsonl"]
_KINDS: dict[str, FileKind] = {
    ".csv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_DEFAULT_LIMITS = ImportLimits()

#: How many rows between two calls of a reader's ``progress`` callback (and one at the end).
PROGRESS_EVERY = 1000

#: A reader's ``progress`` callback: called with the number of rows checked so far.
Progress = Callable[[int], None]


def kind_of(path: str | os.PathLike[str]) -> FileKind:
    """The kind of returns file a name implies (``.csv``, ``.xlsx`` or ``.jsonl``).

    Raises:
        DataFileError: for any other suffix.
    """
    suffix = Path(path).suffix.lower()
    kind = _KINDS.get(suffix)
    if kind is None:
        hint = "; save it as .xlsx" if suffix == ".xls" else ""
        raise DataFileError(
            os.fspath(path),
            [Problem("", f"unknown file type {suffix!r}; expected .csv, .xlsx or .jsonl{hint}")],
        )
    return kind


class ReturnRows:
    """The checked rows of a returns file, in order: each an accepted or a rejected row.

    Made by :func:`iter_returns`. The header is read and checked when it is made; rows are
    checked as they are iterated. Use it in a ``with`` block, or iterate it to the end, so the
    file is closed.

    Attributes:
        source: The file.
        columns: Its column headings as written.
        ignored_columns: Headings of columns read and ignored.
        sheet: For a workbook, the sheet read.
        blank_rows: Blank rows skipped so far.
        trailing_blank_rows: Of those, the ones since the last row with data.
    """

    def __init__(  # noqa: PLR0913 - built by iter_returns only
        self,
        source: str,
        columns: Columns,
        rows: Iterator[AcceptedRow | RejectedRow | None],
        *,
        sheet: str | None = None,
        limits: ImportLimits,
        line_label: str = "row",
        progress: Progress | None = None,
    ) -> None:
        self.source = source
        self.columns = columns.headings
        self.ignored_columns = columns.ignored
        self.sheet = sheet
        self.blank_rows = 0
        self.trailing_blank_rows = 0
        self._matched = columns
        self._rows = rows
        self._limits = limits
        self._label = line_label
        self._progress = progress
        self._iterator = self._iterate()

    def _iterate(self) -> Generator[AcceptedRow | RejectedRow, None, None]:
        count = 0
        progress = self._progress
        try:
            for item in self._rows:
                if item is None:
                    self.blank_rows += 1
                    self.trailing_blank_rows += 1
                    continue
                self.trailing_blank_rows = 0
                count += 1
                if count > self._limits.max_rows:
                    raise DataFileError(
                        self.source,
                        [
                            Problem(
                                f"{self._label} {item.row}",
                                f"more than {self._limits.max_rows:,} rows; that is the limit",
                            )
                        ],
                    )
                if progress is not None and not count % PROGRESS_EVERY:
                    progress(count)
                yield item
            if progress is not None and count % PROGRESS_EVERY:
                progress(count)
        finally:
            close = getattr(self._rows, "close", None)
            if close is not None:
                close()

    def __iter__(self) -> Iterator[AcceptedRow | RejectedRow]:
        return self._iterator

    def __next__(self) -> AcceptedRow | RejectedRow:
        return next(self._iterator)

    def close(self) -> None:
        """Stop reading and close the file."""
        self._iterator.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def result(self) -> ImportResult:
        """Read the remaining rows into an :class:`~socialvalue.io.ImportResult`."""
        result = collect(self.source, self._matched, self._iterator, sheet=self.sheet)
        return attrs.evolve(
            result, blank_rows=self.blank_rows, trailing_blank_rows=self.trailing_blank_rows
        )


def header_columns(source: str, headings: tuple[str, ...], limits: ImportLimits) -> Columns:
    """A file's header matched to columns, or the error naming every problem with it."""
    columns, problems = match_columns(headings, max_columns=limits.max_columns)
    if problems:
        raise DataFileError(source, problems)
    return columns


def check_delimiter(name: str, header: tuple[str, ...], delimiter: str) -> None:
    """Refuse a header of one heading that holds another delimiter (the wrong one was given)."""
    if len(header) != 1:
        return
    for other in (",", ";", "\t"):
        if other != delimiter and other in header[0]:
            typed = "tab" if other == "\t" else shlex.quote(other)  # a tab is hard to type
            raise DataFileError(
                name,
                [
                    Problem(
                        "row 1",
                        f"one column heading, {header[0]!r}: the cells seem to be separated by "
                        f"{other!r}; on the command line give --delimiter {typed}, "
                        f"in Python delimiter={other!r}",
                    )
                ],
            )


def iter_returns(  # noqa: PLR0913 - keyword-only options of one reader
    path: str | os.PathLike[str],
    *,
    framework: Framework,
    locale: str = "en_GB",
    limits: ImportLimits = _DEFAULT_LIMITS,
    sheet: str | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
    progress: Progress | None = None,
) -> ReturnRows:
    """Check the rows of a returns file one at a time (see :func:`read_returns` for the options).

    A CSV or JSON Lines file is read a line at a time, so memory does not grow with the file;
    a workbook is read whole first (row by row, within the limits). ``progress``, if given, is
    called with the number of rows checked so far, every 1,000 rows and once
    at the end, as the rows are read (for a workbook: as it is read whole).

    Raises:
        DataFileError: the file cannot be read, is over a limit, or its header is wrong.
        MissingExtraError: a workbook, without the ``xlsx`` extra installed.
    """
    name = os.fspath(path)
    kind = kind_of(path)
    numbers = NumberReader(locale)
    if kind == "jsonl":
        columns = Columns((JSON_COLUMN,), (JSON_COLUMN,))
        return ReturnRows(
            name,
            columns,
            read_jsonl(path, framework, limits),
            limits=limits,
            line_label="line",
            progress=progress,
        )
    if kind == "xlsx":
        columns, items, title = _read_xlsx(
            path,
            framework=framework,
            numbers=numbers,
            limits=limits,
            sheet=sheet,
            progress=progress,
        )
        return ReturnRows(name, columns, iter(items), sheet=title, limits=limits)
    source = CsvSource(path, limits=limits, delimiter=delimiter, encoding=encoding)
    try:
        check_delimiter(name, source.header, delimiter)
        columns = header_columns(name, source.header, limits)
    except BaseException:
        source.close()
        raise
    checker = RowChecker(columns, framework, numbers, limits)
    rows = (checker.check(number, cells) for number, cells in source.rows())
    return ReturnRows(name, columns, rows, limits=limits, progress=progress)


def _checked_rows(
    rows: Iterator[tuple[int, tuple[CellValue, ...]]],
    checker: RowChecker,
    limits: ImportLimits,
    *,
    whole: str,
) -> Iterator[tuple[int, AcceptedRow | RejectedRow | None]]:
    """Each row with its verdict, in order.

    A sheet calamine read (``whole="calamine"``) is in memory already: its plain rows are
    checked in polars, the rest by ``checker`` (the same verdicts, see
    ``socialvalue.io._plain.check_sheet_rows``); an openpyxl sheet streams, row by row.
    """
    if whole == "calamine":
        listed = list(rows)
        verdicts = check_sheet_rows(listed, checker, limits)
        if verdicts is not None:
            yield from zip((number for number, _ in listed), verdicts, strict=True)
            return
        rows = iter(listed)
    for number, cells in rows:
        # A row the sheet does not have (one cell at row 1,048,576 makes a million) is blank.
        yield number, (checker.check(number, cells) if cells else None)


def _read_xlsx(  # noqa: PLR0913 - keyword-only options of one reader
    path: str | os.PathLike[str],
    *,
    framework: Framework,
    numbers: NumberReader,
    limits: ImportLimits,
    sheet: str | None,
    progress: Progress | None = None,
) -> tuple[Columns, list[AcceptedRow | RejectedRow | None], str]:
    from socialvalue.io._xlsx import XlsxSource  # noqa: PLC0415 - needs the optional extra

    name = os.fspath(path)
    with warnings.catch_warnings():
        # openpyxl warns about workbook features it does not keep (data validation
        # extensions, missing styles); none of them changes a cell's value.
        warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
        source = XlsxSource(path, limits=limits, sheet=sheet, render=numbers.render)
        rows = source.rows()
        try:
            bad = [
                Problem(f"row 1, column {column_letter(i)}", cell.message)
                for i, cell in enumerate(source.header)
                if isinstance(cell, BadCell)
            ]
            if bad:
                raise DataFileError(name, bad)
            headings = tuple(numbers.render(cell) for cell in source.header)
            columns = header_columns(name, headings, limits)
            checker = RowChecker(columns, framework, numbers, limits)
            items: list[AcceptedRow | RejectedRow | None] = []
            count = 0
            for number, item in _checked_rows(rows, checker, limits, whole=source.engine):
                if item is not None:
                    count += 1
                    if count > limits.max_rows:
                        raise DataFileError(
                            name,
                            [
                                Problem(
                                    f"row {number}",
                                    f"more than {limits.max_rows:,} rows; that is the limit",
                                )
                            ],
                        )
                    if progress is not None and not count % PROGRESS_EVERY:
                        progress(count)
                items.append(item)
            if progress is not None and count % PROGRESS_EVERY:
                progress(count)
        finally:
            rows.close()
            source.close()
    return columns, items, source.sheet


def read_returns(  # noqa: PLR0913 - keyword-only options of one reader
    path: str | os.PathLike[str],
    *,
    framework: Framework,
    locale: str = "en_GB",
    strict: bool = False,
    limits: ImportLimits = _DEFAULT_LIMITS,
    sheet: str | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
    progress: Progress | None = None,
) -> ImportResult:
    r"""Read deliveries from a returns file: CSV, XLSX or JSON Lines (by its suffix).

    Every row is accepted or rejected with all its reasons, its row number and its original
    cells: nothing is silently dropped, trimmed or coerced.

    Args:
        path: A ``.csv``, ``.xlsx`` or ``.jsonl`` file.
        framework: Measures, units and roles are checked against it.
        locale: How the file writes numbers: ``en_GB`` reads ``1,250.5``, ``de_DE`` reads
            ``1.250,5``.
        strict: Raise one error listing every problem instead of returning rejected rows.
        limits: ImportLimits on untrusted input (size, rows, columns, cell length, XLSX unpacking).
        sheet: For a workbook, the sheet to read (default ``Returns``, else the first).
        delimiter: For CSV, the character between cells.
        encoding: For CSV, the text encoding (``utf-8``, with or without a byte order mark;
            ``cp1252`` for Excel's older "CSV (Comma delimited)").
        progress: Called with the number of rows checked so far, every 1,000
            rows and once at the end, while the file is read:
            for a progress bar (the command line draws one).

    Raises:
        DataFileError: the file cannot be read, breaks a limit, or its header is wrong; in
            strict mode, also every problem of every rejected row.
        MissingExtraError: a workbook, without the ``xlsx`` extra installed.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue import read_returns
        >>> from socialvalue.io import shipped_framework
        >>> path = Path(folder.name) / "returns.csv"
        >>> _ = path.write_text(
        ...     "measure,quantity,period\nLCR-ENV-2,12.5,2024/25 Q2\nLCR-ENV-2,lots,2024/25 Q2\n",
        ...     encoding="utf-8",
        ... )
        >>> result = read_returns(path, framework=shipped_framework())
        >>> [(d.measure, d.quantity, d.period.label) for d in result.accepted]
        [('LCR-ENV-2', Decimal('12.5'), '2024/25 Q2')]
        >>> for rejected in result.rejected:
        ...     print(rejected.row, rejected.problems[0])
        3 row 3, column quantity: 'lots' is not a number
        >>> folder.cleanup()
    """
    with iter_returns(
        path,
        framework=framework,
        locale=locale,
        limits=limits,
        sheet=sheet,
        delimiter=delimiter,
        encoding=encoding,
        progress=progress,
    ) as rows:
        result = rows.result()
    if strict:
        result.raise_for_rejected()
    return result


def write_rejected(
    rows: ImportResult | Iterable[RejectedRow],
    path: str | os.PathLike[str],
    *,
    framework: Framework | None = None,
) -> int:
    """Write rejected rows to correct and import again: a ``.csv`` or ``.xlsx`` file.

    In a workbook, quantities written as plain numbers are stored as numbers, and with a
    ``framework`` the measure, unit, role and correction columns keep a template's dropdowns.

    Each row keeps its original cells under the original headings (so the column letters in
    the messages still point at the right cells), with a ``problems`` column added at the end;
    an earlier ``problems`` column is replaced. Import ignores the ``problems`` column. Rows
    from a JSON Lines file are written with their line under a ``json`` heading.

    Returns:
        How many rows were written.

    Raises:
        ValueError: no rows and no columns to write, or rows from files with other headings.
        DataFileError: a suffix other than ``.csv`` or ``.xlsx``.
    """
    if isinstance(rows, ImportResult):
        rejected = list(rows.rejected)
        columns = rows.columns
    else:
        rejected = list(rows)
        if not rejected:
            raise ValueError("no rejected rows to write (pass the ImportResult to write a header)")
        columns = rejected[0].columns
    if any(row.columns not in ((), columns) for row in rejected):
        raise ValueError("rejected rows from files with different columns cannot share a file")
    drop = {i for i, heading in enumerate(columns) if normalise_heading(heading) == "problems"}
    width = max([len(columns), *(len(row.cells) for row in rejected)])
    kept = [i for i in range(width) if i not in drop]
    header = [columns[i] if i < len(columns) else "" for i in kept]
    table = [
        [row.cells[i] if i < len(row.cells) else "" for i in kept]
        + ["\n".join(str(problem) for problem in row.problems)]
        for row in rejected
    ]
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        write_csv(path, [*header, "problems"], table)
    elif suffix == ".xlsx":
        from socialvalue.io._xlsx import write_xlsx_table  # noqa: PLC0415 - optional extra

        fields, _ = match_columns(header, max_columns=max(len(header), 1))
        write_xlsx_table(
            path,
            title="Rejected rows",
            header=[*header, "problems"],
            rows=[_typed(row, fields.fields) for row in table],
            widths=[16] * len(header) + [60],
            lists=_lists(fields.fields, framework) if framework is not None else None,
        )
    else:
        raise DataFileError(
            os.fspath(path),
            [
                Problem(
                    "", f"unknown file type {suffix!r}; rejected rows are written as .csv or .xlsx"
                )
            ],
        )
    return len(table)


_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def _typed(row: list[str], fields: tuple[str | None, ...]) -> list[str | Decimal]:
    """A rejected row's cells, its quantity a number when it is written as a plain one."""
    return [
        Decimal(cell)
        if index < len(fields) and fields[index] == "quantity" and _PLAIN_NUMBER.match(cell)
        else cell
        for index, cell in enumerate(row)
    ]


def _lists(fields: tuple[str | None, ...], framework: Framework) -> dict[int, list[str]]:
    """The dropdown values of the columns a template offers as lists."""
    units = list(dict.fromkeys(framework.unit_of(code).code for code in framework.measure_codes()))
    offered = {
        "measure": list(framework.measure_codes()),
        "unit": units,
        "correction": ["yes", "no"],
        "role": list(framework.dimension_codes("role") or ()),
    }
    return {
        index: offered[field]
        for index, field in enumerate(fields)
        if field is not None and offered.get(field)
    }
