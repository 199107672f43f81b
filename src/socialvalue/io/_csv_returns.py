"""CSV returns: read one line at a time (memory does not grow with the file), written atomically.

Reading refuses, with the line it happened on: a file over the size limit, a line over the line
limit, bytes that are not text in the declared encoding, NUL bytes (a binary file), and
malformed CSV (a stray quote). Writing escapes cells a spreadsheet would run as formulas
(:func:`~socialvalue._text.guard_formula`), and reading undoes it.
"""

from __future__ import annotations

import codecs
import csv
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import BinaryIO, NoReturn, Self

from socialvalue._text import guard_formula, unguard_formula
from socialvalue.exceptions import DataFileError, Problem, ValidationError
from socialvalue.io._atomic import atomic_text
from socialvalue.io._files import open_regular
from socialvalue.io._import import ImportLimits

__all__ = ["CsvSource", "check_encoding", "open_limited", "text_lines", "write_csv"]

_BOM = codecs.BOM_UTF8
_PROBE = '\n\r,;\t"'


def check_encoding(encoding: str) -> str:
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ValidationError(
            [Problem("encoding", f"unknown encoding {encoding!r}")], subject="options"
        ) from None
    try:
        compatible = _PROBE.encode(name) == _PROBE.encode("ascii")
    except LookupError:  # rot13, hex, base64: codecs that do not turn text into bytes
        raise ValidationError(
            [Problem("encoding", f"{encoding!r} is not a text encoding; use UTF-8")],
            subject="options",
        ) from None
    except UnicodeError:  # pragma: no cover - every codec encodes ASCII punctuation
        compatible = False
    if not compatible:
        raise ValidationError(
            [Problem("encoding", f"{encoding!r} cannot be read line by line; use UTF-8")],
            subject="options",
        )
    return name


def open_limited(path: str | os.PathLike[str], limits: ImportLimits) -> BinaryIO:
    """Open a file for reading in binary, refusing one over ``limits.max_bytes``.

    Raises:
        DataFileError: the file cannot be opened, or is too large.
    """
    name = os.fspath(path)
    handle = open_regular(path)
    try:
        size = os.fstat(handle.fileno()).st_size
    except OSError as error:  # pragma: no cover - fstat of an open file
        handle.close()
        raise DataFileError(
            name, [Problem("", f"cannot read the file: {error.strerror}")]
        ) from None
    if size > limits.max_bytes:
        handle.close()
        raise DataFileError(
            name, [Problem("", f"file is larger than the limit of {limits.max_bytes:,} bytes")]
        )
    return handle


def text_lines(handle: BinaryIO, name: str, limits: ImportLimits, encoding: str) -> Iterator[str]:
    """The lines of a text file, decoded one by one, each checked against the limits.

    Raises:
        DataFileError: naming the line: too long, not text in ``encoding``, NUL bytes, or
            the file grew past ``limits.max_bytes``.
    """
    total = 0
    number = 0
    limit = limits.max_line_bytes

    def fail(location: str, message: str) -> NoReturn:
        raise DataFileError(name, [Problem(location, message)])

    while raw := handle.readline(limit + 1):
        number += 1
        total += len(raw)
        if total > limits.max_bytes:
            fail("", f"file is larger than the limit of {limits.max_bytes:,} bytes")
        if len(raw) > limit:
            fail(f"line {number}", f"the line is longer than the limit of {limit:,} bytes")
        if number == 1 and encoding == "utf-8" and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if b"\x00" in raw:
            fail(f"line {number}", "binary data (NUL bytes): this is not a text file")
        try:
            line = raw.decode(encoding)
        except UnicodeDecodeError as error:
            fail(
                f"line {number}",
                f"not {encoding} text (byte {error.start + 1} of the line cannot be read); "
                "save the file as UTF-8 ('CSV UTF-8' in Excel), or give its encoding",
            )
        yield line


class CsvSource:
    """The records of a CSV file, the header first, read one line at a time.

    Args:
        path: The file.
        limits: Size, line and row limits.
        delimiter: The character between cells (``","``; ``";"`` in many European exports).
        encoding: ``"utf-8"`` (a byte order mark is allowed), or another encoding that keeps
            ASCII as it is, such as ``"cp1252"`` (Excel's "CSV (Comma delimited)" in the UK).

    Raises:
        DataFileError: the file cannot be read, is over a limit, or has no header row.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        limits: ImportLimits,
        delimiter: str = ",",
        encoding: str = "utf-8",
    ) -> None:
        self.name = os.fspath(path)
        self.limits = limits
        self.delimiter = delimiter
        self.encoding = check_encoding(encoding)
        if len(delimiter) != 1 or delimiter in '"\r\n':
            raise ValidationError(
                [Problem("delimiter", f"expected one character (not a quote), got {delimiter!r}")],
                subject="options",
            )
        self._handle: BinaryIO = open_limited(path, limits)
        try:
            self._records = self._read()
            first = next(self._records, None)
            if first is None:
                self._fail("row 1", "the file is empty; expected a header row naming the columns")
            self.header: tuple[str, ...] = tuple(first[1])
        except BaseException:
            self.close()
            raise

    def _fail(self, location: str, message: str) -> NoReturn:
        raise DataFileError(self.name, [Problem(location, message)])

    def close(self) -> None:
        """Close the file (reading stops)."""
        records = getattr(self, "_records", None)
        if records is not None:
            records.close()
        self._handle.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The records after the header: ``(row number, cells)``; the header is row 1."""
        try:
            yield from self._records
        finally:
            self.close()

    def _bounded(self, lines: Iterator[str], record: list[int]) -> Iterator[str]:
        """The lines, refusing a record over ``max_row_bytes`` or ``max_cells_per_row``.

        ``record`` holds the bytes, cells and quote state of the record being read; the
        caller resets it after each record. Cells are counted as the delimiters outside
        quotes, before the csv module splits the line, so a hostile row costs nothing.
        """
        quote, delimiter = '"', self.delimiter
        for line in lines:
            record[0] += len(line) if line.isascii() else len(line.encode(self.encoding, "replace"))
            if record[0] > self.limits.max_row_bytes:
                self._fail(
                    f"row {record[3] + 1}",
                    f"the row is longer than the limit of {self.limits.max_row_bytes:,} bytes",
                )
            if delimiter in line:
                parts = line.split(quote)
                outside = parts[record[2] :: 2]  # record[2] is 1 inside a quoted cell
                record[1] += sum(part.count(delimiter) for part in outside)
                if record[1] + 1 > self.limits.max_cells_per_row:
                    self._fail(
                        f"row {record[3] + 1}",
                        f"the row has more than {self.limits.max_cells_per_row:,} cells; "
                        "that is the limit",
                    )
                record[2] = (record[2] + len(parts) - 1) % 2
            elif quote in line:
                record[2] = (record[2] + line.count(quote)) % 2
            yield line

    def _read(self) -> Iterator[tuple[int, list[str]]]:
        # bytes, delimiters outside quotes, inside a quote (0/1), records read so far
        record = [0, 0, 0, 0]
        lines = self._bounded(
            text_lines(self._handle, self.name, self.limits, self.encoding), record
        )
        reader = csv.reader(lines, delimiter=self.delimiter, strict=True)
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                message = str(error)
                if "field larger than field limit" in message:
                    message = (
                        f"a cell is longer than {csv.field_size_limit():,} characters, "
                        "more than a CSV cell is read"
                    )
                self._fail(
                    f"row {number + 1}",
                    f"not valid CSV: {message} (line {reader.line_num})",
                )
            number += 1
            record[:] = [0, 0, 0, number]
            yield number, [unguard_formula(cell) for cell in cells]


def write_csv(
    path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[str]]
) -> None:
    """Write a CSV file atomically: UTF-8 with a byte order mark (so Excel reads ``£``).

    Every cell is escaped with :func:`~socialvalue._text.guard_formula`.
    """
    with atomic_text(path, bom=True) as stream:
        writer = csv.writer(stream, lineterminator="\r\n")
        writer.writerow([guard_formula(cell) for cell in header])
        for row in rows:
            writer.writerow([guard_formula(cell) for cell in row])
