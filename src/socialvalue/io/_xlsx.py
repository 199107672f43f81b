"""XLSX workbooks, read safely and written atomically (needs the ``xlsx`` extra).

Reading an untrusted workbook:

* the file size, the number of files inside the archive and the total they unpack to are
  checked *before* anything is unpacked (a zip bomb is refused unopened);
* XML is parsed through defusedxml (entity expansion and external entities are refused);
* sheets are read in openpyxl's read-only mode, row by row;
* formulas are never calculated: a formula's saved result is read, and a formula with no saved
  result is a rejected cell; error values (``#DIV/0!``) are rejected cells;
* merged cells that hold a value reject every row they cover (which row would the value be?).

Numbers are read exactly as stored: an integer as an integer, a fraction as the shortest decimal
that is the stored value (what a spreadsheet shows); a stored value with more than 15
significant digits (``0.30000000000000004``, from arithmetic) is a rejected cell, never rounded.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, BinaryIO, NoReturn

import attrs

from socialvalue.exceptions import DataFileError, Problem, SocialValueError, ValidationError
from socialvalue.io._atomic import atomic_path
from socialvalue.io._cells import BadCell, CellValue, Number, is_blank, significant_digits
from socialvalue.io._columns import column_letter
from socialvalue.io._files import open_regular
from socialvalue.io._import import ImportLimits
from socialvalue.io._optional import require_openpyxl
from socialvalue.io._xlsx_fast import DIGITS, number_cell

__all__ = [
    "EXCEL_MAX_CELL_CHARS",
    "EXCEL_MAX_ROWS",
    "XlsxSource",
    "as_number",
    "check_text",
    "write_xlsx_table",
]

#: Rows in an Excel sheet.
EXCEL_MAX_ROWS = 1_048_576
#: Characters in an Excel cell.
EXCEL_MAX_CELL_CHARS = 32_767
#: The sheet read when none is named, if the workbook has it (templates do).
DEFAULT_SHEET = "Returns"


def _unreadable(name: str, error: BaseException) -> DataFileError:
    """The error for a workbook openpyxl could not read, naming the first cause."""
    root = error
    while root.__cause__ is not None or root.__context__ is not None:
        root = root.__cause__ or root.__context__  # type: ignore[assignment]
    if any(kind.__name__ == "DefusedXmlException" for kind in type(root).__mro__):
        message = (
            f"not a readable XLSX workbook ({type(root).__name__}): its XML declares entities or "
            "a document type, which could expand without limit or read other files; refused"
        )
    else:
        first = (str(root) or type(root).__name__).splitlines()[0]
        message = f"not a readable XLSX workbook ({type(root).__name__}: {first})"
    return DataFileError(name, [Problem("", message)])


def check_archive(path: str | os.PathLike[str], limits: ImportLimits) -> None:
    """Refuse a file that is too large, not a zip archive, or would unpack too far.

    Raises:
        DataFileError: naming the limit exceeded, or why the file is not a workbook.
    """
    name = os.fspath(path)
    with open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
    if size > limits.max_bytes:
        raise DataFileError(
            name, [Problem("", f"file is larger than the limit of {limits.max_bytes:,} bytes")]
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DataFileError(
            name,
            [
                Problem(
                    "",
                    "not an XLSX workbook (an XLSX file is a zip archive); an old .xls file or "
                    "a password-protected workbook cannot be read: save it as .xlsx without "
                    "a password",
                )
            ],
        ) from None
    if len(members) > limits.max_zip_members:
        raise DataFileError(
            name,
            [
                Problem(
                    "",
                    f"the archive holds {len(members):,} files; the limit is "
                    f"{limits.max_zip_members:,}",
                )
            ],
        )
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.max_uncompressed_bytes:
        raise DataFileError(
            name,
            [
                Problem(
                    "",
                    f"the workbook unpacks to {unpacked:,} bytes; the limit is "
                    f"{limits.max_uncompressed_bytes:,} (is it a zip bomb?)",
                )
            ],
        )
    try:
        _check_shared_strings(path, members, limits, name)
        _check_runs(path, members, limits, name)
    except SocialValueError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,
    ) as error:
        # a member whose header or data is corrupt (found by the deep fuzz run: a byte inserted
        # before a member's header raised BadZipFile from the shared-strings count)
        raise _unreadable(name, error) from None


#: Bytes one character of XML text may take (``&#x10FFFF;``), so a run of markup-free bytes
#: longer than this many times ``max_cell_chars`` (and a tag's worth) holds a longer cell.
_BYTES_PER_CHAR = 10
_TAG_ROOM = 4096


def _check_runs(
    path: str | os.PathLike[str], members: list[zipfile.ZipInfo], limits: ImportLimits, name: str
) -> None:
    """Refuse a part with a run of bytes without ``<`` longer than any cell can be written in.

    openpyxl builds every text, attribute and tag it parses as one string, so a 400 MB cell
    that compresses to a few hundred kilobytes would be built whole before its length could be
    checked. Each part is read as a stream of 1 MiB chunks and split on ``<`` first; the run
    still open at a chunk's end is carried into the next, never longer than the limit.
    """
    longest = _BYTES_PER_CHAR * limits.max_cell_chars + _TAG_ROOM
    with zipfile.ZipFile(path) as archive:
        for member in members:
            if member.is_dir():
                continue
            carry = b""
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 20):
                    pieces = (carry + chunk).split(b"<")
                    carry = pieces.pop()
                    if len(carry) > longest or any(len(piece) > longest for piece in pieces):
                        raise DataFileError(
                            name,
                            [
                                Problem(
                                    "",
                                    f"{member.filename} holds more than {longest:,} bytes "
                                    "without markup, more than a cell of "
                                    f"{limits.max_cell_chars:,} characters can take; the "
                                    "workbook is not read",
                                )
                            ],
                        )


_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def _check_shared_strings(
    path: str | os.PathLike[str], members: list[zipfile.ZipInfo], limits: ImportLimits, name: str
) -> None:
    """Refuse a workbook with more shared strings than the limit, counted in its raw bytes.

    openpyxl reads the whole table when it opens a workbook, so the count comes first.
    """
    tables = [m for m in members if m.filename.lower().endswith("sharedstrings.xml")]
    if not tables:
        return
    count = 0
    with zipfile.ZipFile(path) as archive:
        for member in tables:
            tail = b""
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 20):
                    data = tail + chunk
                    # Count only matches that start in this chunk (the tail was counted).
                    count += sum(
                        1 for match in _SHARED_STRING.finditer(data) if match.end() > len(tail)
                    )
                    if count > limits.max_shared_strings:
                        raise DataFileError(
                            name,
                            [
                                Problem(
                                    "",
                                    f"the workbook holds more than {limits.max_shared_strings:,} "
                                    "distinct texts (shared strings); that is the limit",
                                )
                            ],
                        )
                    tail = data[-16:]


@attrs.define
class _Merge:
    ref: str
    min_row: int
    max_row: int
    min_col: int
    max_col: int
    holds_value: bool = False


def _merges(
    path: str | os.PathLike[str], member: str, limits: ImportLimits, name: str
) -> list[_Merge]:
    """The merged ranges of a sheet, read from its XML as a stream (through defusedxml)."""
    from openpyxl.utils.cell import range_boundaries  # noqa: PLC0415 - optional dependency
    from openpyxl.xml.functions import iterparse  # noqa: PLC0415

    merges: list[_Merge] = []
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        sheet_data: Any = None
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag.rpartition("}")[2]
            if event == "start":
                if tag == "sheetData":
                    sheet_data = element
                continue
            if tag == "row" and sheet_data is not None:
                sheet_data.clear()  # keep memory flat: rows are read elsewhere
            elif tag == "mergeCell":
                ref = element.get("ref") or ""
                min_col, min_row, max_col, max_row = range_boundaries(ref)
                merges.append(
                    _Merge(
                        ref=ref,
                        min_row=min_row or 1,
                        max_row=max_row or EXCEL_MAX_ROWS,
                        min_col=min_col or 1,
                        max_col=max_col or 16_384,
                    )
                )
                if len(merges) > limits.max_merged_ranges:
                    raise DataFileError(
                        name,
                        [
                            Problem(
                                "",
                                f"more than {limits.max_merged_ranges:,} merged cell ranges; "
                                "unmerge them",
                            )
                        ],
                    )
    merges.sort(key=lambda merge: merge.min_row)
    return merges


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_MERGE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell[\s/>]")


def _scan(path: str | os.PathLike[str], member: str) -> tuple[bool, bool]:
    """Whether a sheet's XML has formulas, and merged cells: a quick look at its bytes.

    Parsing XML in Python is slow; most returns have neither, and then one pass reads them.
    A sheet not in UTF-8 is assumed to have both (the full passes are always safe).
    """
    formulas = merges = False
    tail = b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        first = True
        while chunk := stream.read(1 << 20):
            if first and (chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in chunk[:4]):
                return True, True
            first = False
            data = tail + chunk
            formulas = formulas or _FORMULA.search(data) is not None
            merges = merges or _MERGE.search(data) is not None
            if formulas and merges:
                break
            tail = data[-64:]
    return formulas, merges


def _plain(cell: Any, ref: str) -> CellValue:  # noqa: ANN401 - an openpyxl cell
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "e":
        return BadCell(str(value), f"cell {ref} holds the error {value}")
    if isinstance(value, bool | str):
        return value
    if isinstance(value, (int, float)):
        percent = "%" in (getattr(cell, "number_format", "") or "")
        if isinstance(value, int):
            return Number(Decimal(value), percent)
        return number_cell(value, ref, percent=percent)
    return _temporal(value, ref)


def _temporal(value: object, ref: str) -> CellValue:
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0) and value.tzinfo is None:
            return value.date()
        shown = value.isoformat(sep=" ")
        return BadCell(
            shown,
            f"cell {ref} holds a date and time ({shown}); give a date, or a period such as "
            "'2022/23 Q3'",
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (dt.time, dt.timedelta)):
        return BadCell(str(value), f"cell {ref} holds a time ({value}), not a date or a number")
    return BadCell(str(value), f"cell {ref} holds something that is not text, a number or a date")


def _cell(stored: Any, formula: Any, ref: str) -> CellValue:  # noqa: ANN401 - openpyxl cells
    if getattr(formula, "data_type", None) == "f":
        text = getattr(formula.value, "text", None) or str(formula.value)
        if stored.value is None:
            return BadCell(
                text,
                f"cell {ref} holds a formula with no saved value ({text}); formulas are never "
                "calculated: type the value, or open and save the file in a spreadsheet program",
            )
    return _plain(stored, ref)


#: Read plain sheets with calamine when it is installed (tests switch it off to compare).
FAST_READER = True


def _calamine_rows(
    name: str, limits: ImportLimits, sheet: str | None
) -> tuple[str, list[tuple[int, tuple[CellValue, ...]]]] | None:
    """A plain sheet's rows read by calamine, or ``None``: openpyxl reads it (see _xlsx_fast)."""
    if not FAST_READER:
        return None
    try:
        import python_calamine  # noqa: F401, PLC0415 - optional: openpyxl reads without it
    except ImportError:
        return None
    from socialvalue.io._xlsx_fast import plain_sheet, read_plain  # noqa: PLC0415

    try:
        plain = plain_sheet(name, limits, sheet)
    except Exception:  # noqa: BLE001 - a malformed workbook: openpyxl says what is wrong with it
        return None
    if plain is None:
        return None
    rows = read_plain(name, plain)
    return None if rows is None else (plain.title, rows)


class XlsxSource:
    """The rows of one sheet of a workbook, read safely (see the module's notes).

    Args:
        path: The ``.xlsx`` file.
        limits: Size and shape limits.
        sheet: The sheet to read; by default ``Returns`` if there is one, else the first.
        render: How a cell is shown as text (for cells a merge makes unreadable).

    Raises:
        MissingExtraError: the ``xlsx`` extra is not installed.
        DataFileError: the file is not a workbook, is over a limit, or has no such sheet.
    """

    header: tuple[CellValue, ...]

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        limits: ImportLimits,
        sheet: str | None = None,
        render: Callable[[CellValue], str] = str,
    ) -> None:
        openpyxl = require_openpyxl()
        self.name = os.fspath(path)
        self.limits = limits
        self.render = render
        check_archive(path, limits)
        self._books: list[Any] = []
        self._handles: list[BinaryIO] = []
        #: Which library read the rows: ``"calamine"`` (a plain sheet) or ``"openpyxl"``.
        self.engine = "openpyxl"
        fast = _calamine_rows(self.name, limits, sheet)
        if fast is not None:
            self.engine = "calamine"
            self.sheet, rows = fast
            self._merges = []
            self._rows = iter(rows)
            first = next(self._rows, None)
            if first is None or all(is_blank(cell) for cell in first[1]):
                raise DataFileError(
                    self.name,
                    [
                        Problem(
                            "row 1", f"sheet {self.sheet!r} has no header row naming the columns"
                        )
                    ],
                )
            self.header = first[1]
            return
        try:
            stored = self._open(openpyxl, path, sheet, data_only=True)
            member = getattr(stored, "_worksheet_path", None)
            has_formulas, has_merges = _scan(path, member) if member else (True, True)
            # The formulas themselves are read only when the sheet has any (a second pass).
            formulas = (
                self._open(openpyxl, path, self.sheet, data_only=False) if has_formulas else None
            )
            self._merges = _merges(path, member, limits, self.name) if member and has_merges else []
            self._rows = self._read(stored, formulas)
            first = next(self._rows, None)
        except SocialValueError:
            self.close()
            raise
        except Exception as error:  # noqa: BLE001 - a malformed workbook fails anywhere in openpyxl
            self.close()
            raise _unreadable(self.name, error) from None
        if first is None or all(is_blank(cell) for cell in first[1]):
            self.close()
            raise DataFileError(
                self.name,
                [Problem("row 1", f"sheet {self.sheet!r} has no header row naming the columns")],
            )
        self.header = first[1]

    def _fail(self, location: str, message: str) -> NoReturn:
        raise DataFileError(self.name, [Problem(location, message)])

    def _open(
        self,
        openpyxl: Any,  # noqa: ANN401 - the module
        path: str | os.PathLike[str],
        sheet: str | None,
        *,
        data_only: bool,
    ) -> Any:  # noqa: ANN401 - a read-only worksheet
        # Our own file handle, closed by close() even when openpyxl fails half-way.
        self._handles.append(open_regular(path))
        self._books.append(
            openpyxl.load_workbook(
                self._handles[-1], read_only=True, data_only=data_only, keep_links=False
            )
        )
        if data_only:
            self.sheet = self._choose(sheet)
        worksheet = self._books[-1][self.sheet]
        worksheet.reset_dimensions()  # read every cell, whatever the sheet claims
        return worksheet

    def _choose(self, sheet: str | None) -> str:
        from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # noqa: PLC0415

        names: list[str] = list(self._books[0].sheetnames)
        if not names:
            self._fail("", "the workbook has no sheets")
        if sheet is None:
            sheet = DEFAULT_SHEET if DEFAULT_SHEET in names else names[0]
        elif sheet not in names:
            self._fail(
                "", f"no sheet named {sheet!r}; the sheets are {', '.join(map(repr, names))}"
            )
        if not isinstance(self._books[0][sheet], ReadOnlyWorksheet):
            self._fail("", f"sheet {sheet!r} is a chart, not a sheet of rows")
        return sheet

    def close(self) -> None:
        """Release the workbook files."""
        for book in self._books:
            book.close()
        for handle in self._handles:
            handle.close()
        self._books = []
        self._handles = []

    def rows(self) -> Generator[tuple[int, tuple[CellValue, ...]], None, None]:
        """The rows after the header: ``(row number, cells)``."""
        try:
            yield from self._rows
        except SocialValueError:
            raise
        except Exception as error:  # noqa: BLE001 - a malformed workbook fails anywhere in openpyxl
            raise _unreadable(self.name, error) from None
        finally:
            self.close()

    def _read(self, stored: Any, formulas: Any) -> Iterator[tuple[int, tuple[CellValue, ...]]]:  # noqa: ANN401
        formula_rows = formulas.iter_rows() if formulas is not None else iter(())
        pending = iter(self._merges)
        upcoming = next(pending, None)
        active: list[_Merge] = []
        for number, stored_row in enumerate(stored.iter_rows(), start=1):
            formula_row = next(formula_rows, ())
            if number > EXCEL_MAX_ROWS:
                self._fail(f"row {number}", f"beyond the last row of a sheet ({EXCEL_MAX_ROWS:,})")
            if not stored_row and not active and (upcoming is None or upcoming.min_row > number):
                # a row the sheet does not have (one cell at row 1,048,576 makes a million):
                # blank, and no merge reaches it, so it costs a counter, not a row of cells
                yield number, ()
                continue
            if len(stored_row) > self.limits.max_cells_per_row:
                self._fail(
                    f"row {number}",
                    f"the row reaches column {column_letter(len(stored_row) - 1)} "
                    f"({len(stored_row):,} cells); the limit is "
                    f"{self.limits.max_cells_per_row:,} cells per row",
                )
            cells: list[CellValue] = [
                _cell(
                    stored_row[i],
                    formula_row[i] if i < len(formula_row) else None,
                    f"{column_letter(i)}{number}",
                )
                for i in range(len(stored_row))
            ]
            while upcoming is not None and upcoming.min_row <= number:
                active.append(upcoming)
                upcoming = next(pending, None)
            active = [merge for merge in active if merge.max_row >= number]
            for merge in active:
                self._apply(merge, number, cells)
            yield number, tuple(cells)

    def _apply(self, merge: _Merge, number: int, cells: list[CellValue]) -> None:
        first, last = merge.min_col - 1, merge.max_col - 1
        if number == merge.min_row:
            merge.holds_value = any(not is_blank(cell) for cell in cells[first : last + 1])
        if not merge.holds_value:
            return
        if len(cells) <= first:
            cells.extend([""] * (first + 1 - len(cells)))
        for index in range(first, min(last, len(cells) - 1) + 1):
            ref = f"{column_letter(index)}{number}"
            cells[index] = BadCell(
                self.render(cells[index]),
                f"cell {ref} is part of the merged cells {merge.ref}; unmerge them and fill "
                "in every cell",
            )


def as_number(value: Decimal) -> Decimal | None:
    """``value`` if a spreadsheet number holds it exactly (15 significant digits), else ``None``."""
    if not value.is_finite():
        return None
    if significant_digits(value) > DIGITS or not -300 < value.adjusted() < 300:
        return None
    return value


def check_text(text: str) -> str | None:
    """Why ``text`` cannot go in an XLSX cell exactly, or ``None`` if it can."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415 - optional dependency

    if len(text) > EXCEL_MAX_CELL_CHARS:
        return f"{len(text):,} characters; an XLSX cell holds at most {EXCEL_MAX_CELL_CHARS:,}"
    if ILLEGAL_CHARACTERS_RE.search(text):
        return "a control character, which an XLSX file cannot hold"
    if "\r" in text:
        return "a carriage return, which an XLSX file turns into a line break"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text that is not valid Unicode (a lone surrogate)"
    return None


#: A value for a table cell: text, an exact number, or nothing.
TableCell = str | Decimal | None


def _text_of(value: TableCell) -> str | None:
    """The text a table cell is stored as (``None`` for an empty cell or a spreadsheet number)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return None if as_number(value) is not None else f"{value:f}"
    return value


def _table_cell(sheet: Any, value: TableCell, style: dict[str, Any]) -> Any:  # noqa: ANN401
    """A write-only cell holding ``value`` exactly (already checked with :func:`check_text`)."""
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415 - optional dependency

    text = _text_of(value)
    if text is None:
        if isinstance(value, Decimal):
            return WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type] # openpyxl writes Decimal
        return None
    written = WriteOnlyCell(sheet, value=text)
    written.data_type = "s"  # text, even when it starts with "="
    for name, setting in style.items():
        setattr(written, name, setting)
    return written


def _dropdowns(book: Any, sheet: Any, lists: Mapping[int, Sequence[str]], *, last: int) -> None:  # noqa: ANN401
    from openpyxl.worksheet.datavalidation import DataValidation  # noqa: PLC0415 - optional

    values = book.create_sheet("Lists")
    values.sheet_state = "hidden"
    chosen = [(index, list(options)) for index, options in sorted(lists.items()) if options]
    longest = max((len(options) for _, options in chosen), default=0)
    for row in range(longest):
        values.append([options[row] if row < len(options) else None for _, options in chosen])
    for position, (index, options) in enumerate(chosen):
        source = column_letter(position)
        validation = DataValidation(
            type="list",
            formula1=f"'Lists'!${source}$1:${source}${len(options)}",
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="stop",
            error="Choose a value from the list.",
        )
        target = column_letter(index)
        validation.add(f"{target}2:{target}{last}")
        sheet.data_validations.append(validation)


def write_xlsx_table(  # noqa: PLR0913 - keyword-only parts of one sheet
    path: str | os.PathLike[str],
    *,
    title: str,
    header: Sequence[str],
    rows: Sequence[Sequence[TableCell]],
    widths: Sequence[int] = (),
    lists: Mapping[int, Sequence[str]] | None = None,
) -> None:
    """Write one sheet of rows, atomically (openpyxl's write-only mode).

    ``lists`` gives, by column index, the values a column's dropdown offers (kept on a hidden
    Lists sheet, as in a return template); the dropdown covers the rows and 100 more.

    Text is always stored as text (never a formula); a ``Decimal`` is stored as a number when a
    spreadsheet number holds it exactly, else as text. Every cell is checked before anything
    is written.

    Raises:
        MissingExtraError: the ``xlsx`` extra is not installed.
        ValidationError: every cell an XLSX file cannot hold exactly, with its row and column.
    """
    openpyxl = require_openpyxl()
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415 - optional dependency

    table = [header, *rows]
    problems: list[Problem] = []
    for number, row in enumerate(table, start=1):
        for index, value in enumerate(row):
            text = _text_of(value)
            why = None if text is None else check_text(text)
            if why is not None:
                heading = header[index] if index < len(header) else column_letter(index)
                problems.append(Problem(f"row {number}, column {heading}", f"holds {why}"))
    if problems:
        raise ValidationError(problems, subject=os.fspath(path))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths):
        sheet.column_dimensions[column_letter(index)].width = width
    if lists:
        _dropdowns(book, sheet, lists, last=len(rows) + 101)
    bold = {"font": Font(bold=True)}
    wrapped = {"alignment": Alignment(vertical="top", wrap_text=True)}
    for number, row in enumerate(table, start=1):
        sheet.append(
            [
                _table_cell(
                    sheet,
                    value,
                    bold
                    if number == 1
                    else wrapped
                    if isinstance(value, str) and "\n" in value
                    else {},
                )
                for value in row
            ]
        )
    with atomic_path(path) as temp:
        book.save(temp)
