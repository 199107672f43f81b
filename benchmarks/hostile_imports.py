"""Import each hostile file of issue #12 and print its time and peak memory beside the limit.

Every file is generated in a temporary folder. A hostile import must stop at the first limit it
crosses, before allocating what the limit bounds, so its cost stays within the cost the limit
states, however large the file. Run: ``python benchmarks/hostile_imports.py``.
"""

from __future__ import annotations

import io
import os
import tempfile
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

from socialvalue import Framework, SocialValueError
from socialvalue.io import ImportLimits, load_methodology, loads, read_returns, shipped_framework

LCRCA = shipped_framework()
LIMITS = ImportLimits()
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
    read_returns(path, framework=LCRCA)


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
        "XLSX, 20k rows with a cell at XFD",
        _xlsx_xfd,
        _returns,
        "stops at row 2 (openpyxl first sizes a sheet with no <dimension>: linear)",
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


def main() -> None:
    """Print one line per hostile file: outcome, seconds, peak MiB and the stated cost."""
    print(f"{'hostile input':36} {'outcome':44} {'seconds':>8} {'peak MiB':>9}  limit and cost")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for title, make, read, cost in CASES:
            if make is _fifo and not hasattr(os, "mkfifo"):
                continue
            path = make(folder)
            tracemalloc.start()
            started = time.perf_counter()
            try:
                read(path)
                outcome = "read (within the limits)"
            except SocialValueError as error:
                outcome = str(error).replace(str(path), "").strip(": ").splitlines()[0]
            elapsed = time.perf_counter() - started
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            shown = outcome if len(outcome) <= 44 else outcome[:43] + "…"
            print(f"{title:36} {shown:44} {elapsed:8.2f} {peak / 2**20:9.1f}  {cost}")


if __name__ == "__main__":
    main()
