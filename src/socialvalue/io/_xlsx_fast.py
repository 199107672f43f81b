"""XLSX sheets read by calamine (Rust), when a look at the sheet's bytes shows it is plain.

openpyxl parses a sheet's XML in Python: about 30 s for 50,000 rows. python-calamine (in the
``xlsx`` extra) reads the same sheet in a fraction of a second, but it gives neither formulas,
nor number formats, nor the cells a row holds without a value — all of which the import rules
use. So calamine reads a sheet only when its bytes show that nothing it leaves out could change
a cell: :func:`plain_sheet` checks, before calamine allocates anything, that

* the workbook declares no document type or entities, and no text is escaped as ``_xHHHH_``
  or holds a raw carriage return (which XML parsers and calamine read differently);
* the sheet has no formulas, no merged cells, no error cells, no cells typed as dates or
  formula text, and every cell and row names its position (``r="B7"``) in order;
* every number is written plainly (``1250``, ``12.5``, at most 15 digits before the point),
  so calamine's float and openpyxl's number are the same value, and every style a cell uses
  has a number format that is neither a date nor a percentage;
* the rows and columns are within the limits, and the grid calamine builds (rows × columns)
  is not much larger than the cells the sheet holds.

Any other sheet is read by openpyxl, as before; so is any sheet calamine fails on. Each row is
cut to the cells openpyxl would give it (up to the row's last ``<c>`` element), so rejected
rows keep the same cells.
"""

from __future__ import annotations

import itertools
import math
import posixpath
import re
import zipfile
from decimal import Decimal
from typing import Any

import attrs

from socialvalue.io._cells import BadCell, CellValue, Number, significant_digits
from socialvalue.io._import import ImportLimits

__all__ = ["DIGITS", "PlainSheet", "number_cell", "plain_sheet", "read_plain"]


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DEFAULT_SHEET = "Returns"
#: Significant digits a spreadsheet number keeps.
DIGITS = 15
_EXCEL_MAX_ROWS = 1_048_576
_EXCEL_MAX_COLUMNS = 16_384

#: In any part: a document type or entities (openpyxl's parser refuses them, with its message).
_DECLARES = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
#: In a sheet or the shared strings, text XML parsers and calamine may read differently: an
#: ``_xHHHH_`` escape, a raw carriage return, phonetic runs, a document type. Literal searches,
#: so they are quick.
_TEXT_UNSAFE = (b"_x", b"\r", b"<rPh", b"<!")
#: In a sheet: formulas, merged cells, error, date and formula-text cells, empty values.
_SHEET_UNSAFE = (b"<f>", b"<f ", b"<f/>", b"<mergeCell", b' t="e"', b' t="d"', b' t="str"', b"<v/>")
_MAIN_URI = b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
#: A value that is not a plain decimal number (a shared string's index is one).
_NOT_PLAIN = re.compile(rb"<v>(?:[^-0-9]|-[^0-9]|-?[0-9]++(?:\.[0-9]*+)?+[^0-9<]|-?[0-9]++\.</v>)")
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")


def _text_unsafe(data: bytes, root: bytes) -> bool:
    """Whether a part's text may read differently, or its markup has a prefix.

    The part must be its ``root`` element in the main namespace as the default namespace,
    bound once: then no element (no cell, no row, no text) can carry a prefix that the
    searches here would miss.
    """
    start = _start(data)
    if not data.startswith(b"<" + root + b" ", start) or data.count(_MAIN_URI) != 1:
        return True
    if b"xmlns=" + _MAIN_URI not in data[start : start + 4096]:
        return True
    for marker in _TEXT_UNSAFE:
        if data.find(marker, start) >= 0 and (marker != b"_x" or _ESCAPE.search(data, start)):
            return True
    return False


#: Numbers whose text openpyxl and calamine may read as different types: a fraction of zeros
#: (``1250.0``: openpyxl keeps the float 1250.0, written 1250.0) or 16 digits and more (an
#: integer openpyxl reads exactly, calamine as a float). Such a cell, if calamine gives a whole
#: number for it, sends the sheet to openpyxl.
_RISKY = re.compile(rb"<v>(-?(?:[0-9]+\.0+|[0-9.]{17,}))</v>")
_ROW = re.compile(rb"<row\s[^>]*?\br=\"([0-9]+)\"")
_CELL = re.compile(rb"<c r=\"([A-Z]{1,3})([0-9]{1,7})\"")
_STYLE = re.compile(rb"<c\s[^>]*?\bs=\"([0-9]+)\"")
_DATE_OR_PERCENT = re.compile(r"[dmyhs%]", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|\\.")
#: Built-in number formats that are neither dates nor percentages.
_PLAIN_FORMATS = frozenset({0, 1, 2, 3, 4, 49})


@attrs.frozen
class PlainSheet:
    """A sheet calamine may read: its title, and each row's width as openpyxl gives it."""

    title: str
    widths: dict[int, int]
    last_row: int
    risky: frozenset[float] = frozenset()


def _column(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + char - 64
    return number


def _xml(data: bytes) -> Any:  # noqa: ANN401 - an ElementTree element
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]  # noqa: PLC0415 - the xlsx extra

    return fromstring(data)


def _chosen(archive: zipfile.ZipFile, sheet: str | None) -> tuple[str, str, str] | None:  # noqa: PLR0911 - each way a workbook is not plain
    """(title, sheet member, styles member) of the sheet to read, or ``None`` to let openpyxl."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return None
    book = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    if _DECLARES.search(book) or _DECLARES.search(rels):
        return None
    sheets = [
        (element.get("name"), element.get(f"{_REL}id"))
        for element in _xml(book).iter(f"{_MAIN}sheet")
    ]
    targets = {
        element.get("Id"): (element.get("Target") or "", element.get("Type") or "")
        for element in _xml(rels).iter(f"{_PKG}Relationship")
    }
    titles = [title for title, _ in sheets]
    if not titles:
        return None
    if sheet is None:
        sheet = _DEFAULT_SHEET if _DEFAULT_SHEET in titles else titles[0]
    if sheet not in titles:
        return None
    target, kind = targets.get(dict(sheets)[sheet], ("", ""))
    styles = next((t for t, k in targets.values() if k.endswith("/styles")), "")
    if not kind.endswith("/worksheet"):
        return None
    member = _member(target)
    style_member = _member(styles) if styles else ""
    if member not in names or (style_member and style_member not in names):
        return None
    return sheet, member, style_member


def _start(data: bytes) -> int:
    """Where an XML part's root element starts: after its declaration and Excel's line break."""
    start = 0
    if data.startswith(b"<?xml"):
        end = data.find(b"?>")
        start = end + 2 if end >= 0 else 0
    while data[start : start + 1] in (b"\r", b"\n"):
        start += 1
    return start


def _member(target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join("xl", target))


def _plain_styles(archive: zipfile.ZipFile, member: str, used: set[int]) -> bool:  # noqa: PLR0911 - each way a style is not plain
    """Whether every style the sheet's cells use has a plain number format."""
    if not used:
        return True
    if not member:
        return False
    data = archive.read(member)
    if _DECLARES.search(data):
        return False
    root = _xml(data)
    custom = {
        int(element.get("numFmtId", "-1")): element.get("formatCode") or ""
        for element in root.iter(f"{_MAIN}numFmt")
    }
    cell_xfs = root.find(f"{_MAIN}cellXfs")
    if cell_xfs is None:
        return False
    formats = [int(xf.get("numFmtId", "0")) for xf in cell_xfs.iter(f"{_MAIN}xf")]
    for index in used:
        if index >= len(formats):
            return False
        number_format = formats[index]
        if number_format in _PLAIN_FORMATS:
            continue
        code = custom.get(number_format)
        if code is None or _DATE_OR_PERCENT.search(_QUOTED.sub("", code)):
            return False
    return True


def plain_sheet(path: str, limits: ImportLimits, sheet: str | None) -> PlainSheet | None:  # noqa: C901, PLR0911, PLR0912 - each check that makes a sheet plain
    """The sheet to read, if calamine reads it as openpyxl would (see the module's notes).

    The archive has already passed :func:`~socialvalue.io._xlsx.check_archive` (its size,
    members, unpacked size and shared strings are within the limits).
    """
    with zipfile.ZipFile(path) as archive:
        chosen = _chosen(archive, sheet)
        if chosen is None:
            return None
        title, member, styles = chosen
        strings = "xl/sharedStrings.xml"
        if strings in archive.namelist() and _text_unsafe(archive.read(strings), b"sst"):
            return None
        data = archive.read(member)
        if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
            return None
        if _text_unsafe(data, b"worksheet") or any(marker in data for marker in _SHEET_UNSAFE):
            return None
        if _NOT_PLAIN.search(data):
            return None
        rows = [int(number) for number in _ROW.findall(data)]
        cells = _CELL.findall(data)
        if len(rows) != data.count(b"<row ") + data.count(b"<row>"):
            return None
        if len(cells) != data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>"):
            return None
        if any(later <= earlier for earlier, later in itertools.pairwise(rows)):
            return None
        if not _plain_styles(archive, styles, {int(s) for s in set(_STYLE.findall(data))}):
            return None
    columns = {letters: _column(letters) for letters in {letters for letters, _ in cells}}
    widths = {int(row): columns[letters] for letters, row in cells}
    last_row = rows[-1] if rows else 0
    known = set(rows)
    if last_row > _EXCEL_MAX_ROWS or any(row not in known for row in widths):
        return None
    cell_rows = [int(row) for _, row in cells]
    if any(later < earlier for earlier, later in itertools.pairwise(cell_rows)):
        return None
    widest = max(widths.values(), default=0)
    if widest > min(limits.max_cells_per_row, _EXCEL_MAX_COLUMNS):
        return None  # openpyxl names the row
    # The grid calamine allocates: refuse one much larger than the cells the sheet holds.
    if last_row * widest > 10 * len(cells) + 100_000:
        return None
    risky = frozenset(float(text) for text in _RISKY.findall(data))
    return PlainSheet(title=title, widths=widths, last_row=last_row, risky=risky)


def number_cell(value: float, ref: str, *, percent: bool) -> CellValue:
    """A float a sheet stores, as a cell: the shortest decimal that is it (15 digits at most)."""
    if not math.isfinite(value):
        return BadCell(repr(value), f"cell {ref} holds {value!r}, which is not a number")
    text = repr(value)
    number = Decimal(text)
    if significant_digits(number) > DIGITS:
        return BadCell(
            text,
            f"cell {ref} holds {text}, with more digits than a spreadsheet keeps ({DIGITS}); "
            "round it, or type the number as text",
        )
    return Number(number, percent)


def _cell(value: object, ref: str, risky: frozenset[float]) -> CellValue:
    if isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        return Number(Decimal(value))
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            if value in risky:
                raise _NotPlainError(ref)
            return Number(Decimal(int(value)))
        return number_cell(value, ref, percent=False)
    raise _NotPlainError(ref)


class _NotPlainError(Exception):
    """calamine gave a cell the checks said it would not (a date, a time): use openpyxl."""


def read_plain(path: str, plain: PlainSheet) -> list[tuple[int, tuple[CellValue, ...]]] | None:
    """Every row of a plain sheet, as openpyxl's reader gives them; ``None`` if calamine fails."""
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - the xlsx extra

    from socialvalue.io._columns import column_letter  # noqa: PLC0415

    try:
        with CalamineWorkbook.from_path(path) as book:
            grid = book.get_sheet_by_name(plain.title).to_python(skip_empty_area=False)
    except Exception:  # noqa: BLE001 - any failure: openpyxl reads it, and says what is wrong
        return None
    rows: list[tuple[int, tuple[CellValue, ...]]] = []
    letters: list[str] = []
    try:
        for number in range(1, plain.last_row + 1):
            width = plain.widths.get(number, 0)
            values = grid[number - 1] if number <= len(grid) else []
            while len(letters) < width:
                letters.append(column_letter(len(letters)))
            cells: list[CellValue] = [
                _cell(values[i], f"{letters[i]}{number}", plain.risky) if i < len(values) else ""
                for i in range(width)
            ]
            rows.append((number, tuple(cells)))
    except _NotPlainError:
        return None
    return rows
