"""Import each hostile file of issue #12 and print its time and peak memory beside the limit.

Every file is generated in a temporary folder. A hostile import must stop at the first limit it
crosses, before allocating what the limit bounds, so its cost stays within the cost the limit
states, however large the file. Run: ``python benchmarks/hostile_imports.py``.

Two more tables follow. **Rows**: for each file read (not refused), accepted + rejected + blank
rows against the rows in the file, and whether every rejected row written back by
``write_rejected`` is its input line byte for byte (followed by the problems column).
**Linear cost**: files read at one size and at twice that size, beside a clean file of the same
size (the baseline), with the ratio of the two times (the target: about 2).
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import os
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

from socialvalue import Framework, SocialValueError
from socialvalue._text import guard_formula
from socialvalue.io import (
    ImportLimits,
    ImportResult,
    load_methodology,
    loads,
    read_returns,
    shipped_framework,
    write_rejected,
)

LCRCA = shipped_framework()
LIMITS = ImportLimits()
#: The returns read (not refused) by the cases, for the rows table.
ROWS: list[tuple[Path, ImportResult]] = []
#: Rows after the header in a workbook read (a CSV file's are counted from its lines).
XLSX_ROWS = {"last-row.xlsx": 1_048_575}
HEADER = "measure,quantity,period\n"


def _csv_wide_line(folder: Path) -> Path:
    path = folder / "wide-line.csv"
    path.write_text(HEADER + "LCR-COM-1,5,2022/23" + ",1" * 520_000 + "\n", encoding="utf-8")
    return path


def _csv_16mib_wide(folder: Path) -> Path:
    path = folder / "16mib-wide.csv"
    line = "LCR-COM-1,5,2022/23" + ",1" * 520_000 + "\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        while stream.tell() < 16 * 1024 * 1024:
            stream.write(line)
    return path


def _csv_16mib_at_limit(folder: Path) -> Path:
    """16 MiB of rows of 999 cells each: every row within the limits, all of them rejected."""
    path = folder / "16mib-at-limit.csv"
    line = "LCR-COM-1,x,2022/23" + ",1" * 996 + "\n"
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        while stream.tell() < 16 * 1024 * 1024:
            stream.write(line)
    return path


#: Lines a supplier's CSV may hold: signs alone, a currency sign alone, formulas kept as text
#: (``'=1``), trailing empty cells, quotes, Unicode digits, extreme years, blank lines.
_MIXED = [
    "LCR-COM-1,5,2022/23",
    "LCR-COM-1,-,2022/23",
    "LCR-COM-1,- ,2022/23,,",
    "LCR-COM-1,£,2022/23",
    "LCR-COM-1,'=1,2022/23,'-5,,,",
    'LCR-COM-1,\'\'=x,2022/23,"a,""b""",,',
    "LCR-COM-1,١٢,2022/23",
    "LCR-COM-1,1_000,2022/23",
    "LCR-COM-1,5,9999-12-31",
    "LCR-COM-1,5,0001-01-01",
    ",,",
    "",
    "NOPE,5,2022/23,[/bold] x,$\\foo$",
]


def _csv_mixed(folder: Path) -> Path:
    path = folder / "mixed-100k.csv"
    lines = (_MIXED * (100_000 // len(_MIXED) + 1))[:100_000]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def _xlsx(folder: Path, name: str, sheet: str, shared: bytes | None = None) -> Path:
    import openpyxl  # noqa: PLC0415 - optional: the xlsx extra

    book = openpyxl.Workbook()
    book.active.title = "Returns"
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    path = folder / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.namelist():
            data = sheet.encode() if member == "xl/worksheets/sheet1.xml" else source.read(member)
            archive.writestr(member, data)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return path


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


_SHEET = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>{}</sheetData></worksheet>"
)
_HEAD = f'<row r="1">{_cell("A1", "measure")}{_cell("B1", "quantity")}{_cell("C1", "period")}</row>'


def _xlsx_xfd(folder: Path) -> Path:
    rows = "".join(f'<row r="{n}">{_cell(f"XFD{n}", "x")}</row>' for n in range(2, 20_002))
    return _xlsx(folder, "xfd.xlsx", _SHEET.format(_HEAD + rows))


def _xlsx_huge_cell(folder: Path) -> Path:
    """A 400 MB cell (its sheet streamed into the archive: it compresses to about 400 KB)."""
    path = _xlsx(folder, "huge-cell.xlsx", _SHEET.format(_HEAD))
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            head, _, tail = _SHEET.format(_HEAD + "\0").partition("\0")
            stream.write(f'{head}<row r="2"><c r="A2" t="inlineStr"><is><t>'.encode())
            for _ in range(400):
                stream.write(b"x" * 1_000_000)
            stream.write(f"</t></is></c></row>{tail}".encode())
    return path


def _xlsx_last_row(folder: Path) -> Path:
    last = 1_048_576
    rows = f'<row r="2">{_cell("A2", "x")}</row><row r="{last}">{_cell(f"A{last}", "x")}</row>'
    return _xlsx(folder, "last-row.xlsx", _SHEET.format(_HEAD + rows))


def _xlsx_shared_strings(folder: Path) -> Path:
    shared = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t>x</t></si>" * 4_000_000
        + b"</sst>"
    )
    return _xlsx(folder, "4m-shared-strings.xlsx", _SHEET.format(_HEAD), shared)


def _json_deep(folder: Path) -> Path:
    path = folder / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    return path


def _toml_deep(folder: Path) -> Path:
    path = folder / "deep.toml"
    path.write_text("a = " + "[" * 100_000, encoding="utf-8")
    return path


def _toml_long_integer(folder: Path) -> Path:
    path = folder / "long-integer.toml"
    path.write_text("id = " + "9" * 4_300 + "\n", encoding="utf-8")
    return path


def _jsonl_deep_line(folder: Path) -> Path:
    path = folder / "deep-line.jsonl"
    path.write_text("[" * 1_000_000 + "\n", encoding="utf-8")
    return path


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.csv"
    os.mkfifo(path)
    return path


def _bundle_escape(folder: Path) -> Path:
    (folder / "secret.csv").write_text("password=hunter2\n", encoding="utf-8")
    inner = folder / "bundle"
    inner.mkdir()
    path = inner / "m.toml"
    path.write_text(
        'id = "m"\nversion = "1"\nframework = "shipped:lcrca"\nregistries = ["../secret.csv"]\n',
        encoding="utf-8",
    )
    return path


def _returns(path: Path) -> None:
    result = read_returns(path, framework=LCRCA)
    ROWS.append((path, result))


def _framework(path: Path) -> None:
    loads(path.read_text(encoding="utf-8"), Framework, format=path.suffix[1:])  # type: ignore[arg-type]


#: name, how the file is made, how it is read, the limit and the cost it states.
CASES: list[tuple[str, Callable[[Path], Path], Callable[[Path], None], str]] = [
    (
        "CSV line of 520k '1,' cells",
        _csv_wide_line,
        _returns,
        f"max_cells_per_row={LIMITS.max_cells_per_row:,}: one line read, no cell split",
    ),
    (
        "16 MiB CSV of such lines",
        _csv_16mib_wide,
        _returns,
        "stops at the first line: cost of one line",
    ),
    (
        "16 MiB CSV of 999-cell rows",
        _csv_16mib_at_limit,
        _returns,
        "within every limit: linear in the file (rows rejected, cells kept)",
    ),
    (
        "CSV, 100k rows of hostile cells",
        _csv_mixed,
        _returns,
        "within every limit: linear; every row accounted for",
    ),
    (
        "XLSX, 20k rows with a cell at XFD",
        _xlsx_xfd,
        _returns,
        "stops at row 2 (openpyxl first sizes a sheet with no <dimension>: linear)",
    ),
    (
        "XLSX, one 400 MB cell (400 KB file)",
        _xlsx_huge_cell,
        _returns,
        f"max_cell_chars={LIMITS.max_cell_chars:,}: a markup-free run found in the raw bytes",
    ),
    (
        "XLSX, one cell at row 1,048,576",
        _xlsx_last_row,
        _returns,
        "the sheet's 1,048,576 rows: a missing row is counted, not built",
    ),
    (
        "XLSX, 4M shared strings",
        _xlsx_shared_strings,
        _returns,
        f"max_shared_strings={LIMITS.max_shared_strings:,}: counted in the raw bytes first",
    ),
    (
        "JSON nested 100k deep",
        _json_deep,
        _framework,
        f"max_depth={LIMITS.max_depth}: the parser's recursion limit, then refused",
    ),
    (
        "TOML nested 100k deep",
        _toml_deep,
        _framework,
        f"max_depth={LIMITS.max_depth}: the parser's recursion limit, then refused",
    ),
    (
        "TOML integer of 4,300 digits",
        _toml_long_integer,
        _framework,
        f"max_integer_digits={LIMITS.max_integer_digits}: checked after parsing",
    ),
    (
        "JSONL line nested 1M deep",
        _jsonl_deep_line,
        _returns,
        f"max_line_bytes={LIMITS.max_line_bytes:,}: one line, rejected",
    ),
    ("FIFO as a returns file", _fifo, _returns, "refused at open, never read"),
    (
        "bundle referencing ../secret.csv",
        _bundle_escape,
        load_methodology,
        "refused before the file is opened",
    ),
]


def _measure(read: Callable[[], object]) -> tuple[str, float, float]:
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read()
        outcome = "read (within the limits)"
    except SocialValueError as error:
        outcome = str(error).splitlines()[0]
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return outcome, elapsed, peak / 2**20


def _byte_for_byte(path: Path, result: ImportResult, folder: Path) -> tuple[int, int, int]:
    """How rejected rows come back from ``write_rejected``, as three counts.

    Rows that are their input line byte for byte; rows equal to it once its formula-like cells
    are guarded with an apostrophe, as every writer guards them (OWASP); and any other rows.
    """
    lines = path.read_bytes().split(b"\n")
    out = folder / f"{path.stem}-rejected.csv"
    write_rejected(result, out)
    with out.open(encoding="utf-8-sig", newline="") as stream:
        written_cells = list(csv.reader(stream))[1:]
    written = out.read_bytes().removeprefix(b"\xef\xbb\xbf").split(b"\r\n")[1:]
    out.unlink()
    exact = guarded = neither = 0
    for row, line, cells in zip(result.rejected, written, written_cells, strict=False):
        original = lines[row.row - 1]
        if line.startswith(original + b","):
            exact += 1
            continue
        (read,) = csv.reader([original.decode("utf-8")])
        if [guard_formula(cell) for cell in read] == cells[: len(read)]:
            guarded += 1
        else:
            neither += 1
    neither += abs(len(result.rejected) - len(written_cells))
    return exact, guarded, neither


def _rows_table(folder: Path) -> None:
    print()
    print(
        f"{'file read':36} {'rows':>9} {'accepted':>9} {'rejected':>9} {'blank':>9}  "
        "sum = rows; rejected rows written back: exact / apostrophe added / other"
    )
    for path, result in ROWS:
        total = len(result.accepted) + len(result.rejected) + result.blank_rows
        if path.suffix == ".csv":
            rows = path.read_bytes().count(b"\n") - 1  # lines after the header
            exact, guarded, neither = _byte_for_byte(path, result, folder)
            written = f"{exact:,} / {guarded:,} / {neither:,}"
        elif path.suffix == ".jsonl":
            rows = path.read_bytes().count(b"\n")
            written = "(JSON Lines: each written back under a json heading)"
        else:
            rows, written = XLSX_ROWS[path.name], "(workbook: cells, not lines)"
        print(
            f"{path.name:36} {rows:9,} {len(result.accepted):9,} {len(result.rejected):9,} "
            f"{result.blank_rows:9,}  {'yes' if total == rows else 'NO'}; {written}"
        )


def _csv_rows(folder: Path, name: str, line: str, mib: int) -> Path:
    path = folder / name
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEADER)
        while stream.tell() < mib * 1024 * 1024:
            stream.write(line)
    return path


def _xlsx_rows(folder: Path, name: str, rows: int, quantity: str) -> Path:
    body = "".join(
        f'<row r="{n}">{_cell(f"A{n}", "LCR-COM-1")}{_cell(f"B{n}", quantity)}'
        f"{_cell(f'C{n}', '2022/23')}</row>"
        for n in range(2, rows + 2)
    )
    return _xlsx(folder, name, _SHEET.format(_HEAD + body))


#: name, how a file of a given size is made (size in MiB or thousands of rows).
LINEAR: list[tuple[str, Callable[[Path, int], Path], int]] = [
    (
        "CSV, 999-cell rows, all rejected",
        lambda f, n: _csv_rows(f, f"wide-{n}.csv", "LCR-COM-1,x,2022/23" + ",1" * 996 + "\n", n),
        4,
    ),
    (
        "CSV, rows with a 30,000-char cell",
        lambda f, n: _csv_rows(f, f"cell-{n}.csv", "LCR-COM-1,5,2022/23," + "x" * 30_000 + "\n", n),
        4,
    ),
    (
        "XLSX, rows all rejected (k rows)",
        lambda f, n: _xlsx_rows(f, f"rejected-{n}.xlsx", n * 1000, "x"),
        10,
    ),
]
#: The clean file of the same size each is compared with (``None``: the one above).
BASELINES: list[Callable[[Path, int], Path] | None] = [
    lambda f, n: _csv_rows(f, f"clean-{n}.csv", "LCR-COM-1,5,2022/23\n", n),
    None,
    lambda f, n: _xlsx_rows(f, f"clean-{n}.xlsx", n * 1000, "5"),
]


def _times(make: Callable[[Path, int], Path], folder: Path, size: int) -> list[float]:
    """Seconds to read the file made at ``size`` and at twice that."""
    times = []
    for factor in (1, 2):
        path = make(folder, size * factor)
        started = time.perf_counter()
        with contextlib.suppress(SocialValueError):
            read_returns(path, framework=LCRCA)
        times.append(time.perf_counter() - started)
        path.unlink()
    return times


def _linear_table(folder: Path) -> None:
    print()
    print(
        f"{'hostile input (size)':40} {'1x s':>7} {'2x s':>7} {'ratio':>6}   "
        f"{'baseline 1x s':>13} {'2x s':>7} {'ratio':>6}  (target ratio about 2)"
    )
    base: list[float] = []
    for (title, make, size), baseline in zip(LINEAR, BASELINES, strict=True):
        times = _times(make, folder, size)
        if baseline is not None:
            base = _times(baseline, folder, size)
        unit = "k rows" if "k rows" in title else "MiB"
        label = f"{title.removesuffix(' (k rows)')} ({size} {unit})"
        print(
            f"{label:40} {times[0]:7.2f} {times[1]:7.2f} {times[1] / times[0]:6.2f}   "
            f"{base[0]:13.2f} {base[1]:7.2f} {base[1] / base[0]:6.2f}"
        )


def main() -> None:
    """Print one line per hostile file: outcome, seconds, peak MiB and the stated cost."""
    print(f"{'hostile input':36} {'outcome':44} {'seconds':>8} {'peak MiB':>9}  limit and cost")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for title, make, read, cost in CASES:
            if make is _fifo and not hasattr(os, "mkfifo"):
                continue
            path = make(folder)
            outcome, elapsed, peak = _measure(functools.partial(read, path))
            outcome = outcome.replace(str(path), "").strip(": ")
            shown = outcome if len(outcome) <= 44 else outcome[:43] + "…"
            print(f"{title:36} {shown:44} {elapsed:8.2f} {peak:9.1f}  {cost}")
        _rows_table(folder)
        _linear_table(folder)
        print("\nThe machine may be shared: compare each ratio with its baseline from this run.")


if __name__ == "__main__":
    main()
