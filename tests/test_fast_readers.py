"""The fast readers give what the row readers give: the same rows accepted, the same rejected.

The columnar CSV reader (``socialvalue.io.read_returns_frame``) against ``read_returns``' row
reader, and the calamine XLSX reader against openpyxl, on every returns file in tests/data
and on files made here that mix plain rows with every kind of awkward one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from socialvalue.exceptions import DataFileError
from socialvalue.io import ImportLimits, read_returns, shipped_framework

pytest.importorskip("polars")

from helpers import (
    HEADER_ROW as _HEADER,
    handmade_workbook as _handmade,
    sheet_row as _row,
    text_cell as _text,
)

from socialvalue.io import read_returns_frame
from socialvalue.io._columnar import _plain_csv

DATA = Path(__file__).parent / "data"
CSV_FILES = sorted(
    [*(DATA / "returns").glob("*.csv"), *(DATA / "bad_inputs").glob("returns-*.csv")]
)


def _both(path: Path, **options):
    """(row reader's result or error, columnar reader's result or error), comparable."""
    framework = shipped_framework()
    try:
        old = read_returns(path, framework=framework, **options)
    except DataFileError as error:
        old = ("error", str(error))
    try:
        new = read_returns_frame(path, framework=framework, **options).to_import_result()
    except DataFileError as error:
        new = ("error", str(error))
    return old, new


def _same(old, new) -> None:
    if isinstance(old, tuple) or isinstance(new, tuple):
        assert old == new
        return
    assert new.accepted == old.accepted
    assert [d.quantity.as_tuple() for d in new.accepted] == [
        d.quantity.as_tuple() for d in old.accepted
    ]
    assert new.accepted_rows == old.accepted_rows
    assert new.rejected == old.rejected
    assert [r.problems for r in new.rejected] == [r.problems for r in old.rejected]
    assert (new.blank_rows, new.trailing_blank_rows) == (old.blank_rows, old.trailing_blank_rows)
    assert new.columns == old.columns
    assert new.ignored_columns == old.ignored_columns
    assert new.summary() == old.summary()


@pytest.mark.parametrize("path", CSV_FILES, ids=lambda p: p.name)
def test_every_csv_in_tests_data_reads_the_same(path):
    _same(*_both(path))


#: Plain rows (read in polars) among every kind of row the row reader must explain.
MIXED = (
    "Measure code,Qty,Unit,Financial year,Supplier,Project,Contract,Role,Geography,Evidence,"
    "Tags,Correction,ID,Notes,problems\n"
    "LCR-COM-1,1250,hour,2022/23 Q3,Acme Ltd,Parks,K-1,,,timesheets,,no,a1,,\n"
    "LCR-COM-1,1250.50,HOUR,2022-23 Q3,Acme Ltd,Parks,K-1,,UK,,,,a2,fine,old note\n"
    "LCR-COM-1,\u00a31250,hour,2022/23 Q3,Acme,,,,,,,,,,\n"
    "LCR-COM-1,1,250,hour,2022/23,Acme,,,,,,,,,\n"
    "lcr-com-1,3,,2022/23,Acme,,,,,,,,,,\n"
    " LCR-COM-1 ,3,,2022/23,Acme,,,,,,,,,,\n"
    "LCR-COM-1,-3,,2022/23,Acme,,,,,,,yes,,,\n"
    "LCR-COM-1,-3,,2022/23,Acme,,,,,,,,,,\n"
    "LCR-COM-1,3,,2022/23,Acme,,,,,,,maybe,,,\n"
    "LCR-COM-1,3,kg,2022/23,Acme,,,,,,,,,,\n"
    "LCR-COM-1,3,,2022/23 Q5,Acme,,,,,,,,,,\n"
    "LCR-COM-1,3,,2022/23,Acme,,,,,,,,,,\n"
    ",,,,,,,,,,,,,,\n"
    "\n"
    "LCR-COM-1,1e3,,2022/23,Acme,,,,,,,,,,\n"
    "LCR-COM-1,0012.50,,2022/23,  ,,,,,,,,,,\n"
    "LCR-COM-1,3,,2022/23,'=SUM(A1),,,,,,,,,,\n"
    "LCR-COM-1,3,,2022/23,Acme,,,,, UK,,,,,\n"
    "LCR-COM-1,3,,2022/23,Acme,,,,,,,,,,,extra\n"
    "LCR-COM-1,3,,2022/23\n"
    "LCR-COM-1,1000000000000000,,2022/23,Acme,,,,,,,,,,\n"
    "LCR-COM-1,0.000000000000000000001,,2022/23,Acme,,,,,,,,,,\n"
    "LCR-COM-1,3,,2022/23,Acme,,,,,a\nb,,,,,\n"
    "LCR-ENV-2,7,,2024/25 Q2,Acme,,,,,,,,,,\n"
    ",,,,,,,,,,,,,,\n"
)


def test_plain_rows_and_awkward_ones_read_the_same(tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_text(MIXED, encoding="utf-8")
    framework = shipped_framework()
    import polars as pl

    # the columnar path, not the fallback
    assert _plain_csv(pl, path, framework, "en_GB", ImportLimits(), ",", "utf-8") is not None
    old, new = _both(path)
    _same(old, new)
    assert len(old.accepted) >= 5
    assert len(old.rejected) >= 8


@pytest.mark.parametrize(
    "text",
    [
        "\ufeffmeasure,quantity,period\r\nLCR-COM-1,2,2022/23\r\nLCR-COM-1,x,2022/23\r\n",
        "measure,quantity,period\nLCR-COM-1,2,2022/23",
        "measure;quantity;period\nLCR-COM-1;2,5;2022/23\nLCR-COM-1;2.5;2022/23\n",
        "measure,quantity\nLCR-COM-1,2\n",
        "measure,quantity,period,role\nLCR-COM-1,2,2022/23,commissioner\nLCR-COM-1,2,2022/23,nobody\n",
        "measure,quantity,period\n\n\n",
        "measure,quantity,period\nLCR-COM-1,2,2022/23\n\n\n",
        "measure,quantity,period\nLCR-COM-1,2,2022/23\rLCR-COM-1,2,2022/23\n",
    ],
)
def test_small_files_read_the_same(tmp_path, text):
    path = tmp_path / "small.csv"
    path.write_bytes(text.encode("utf-8"))
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    _same(*_both(path, delimiter=delimiter))


def test_limits_are_the_row_readers(tmp_path):
    path = tmp_path / "many.csv"
    path.write_text(
        "measure,quantity,period\n" + "LCR-COM-1,2,2022/23\n" * 5 + "LCR-COM-1,x,2022/23\n",
        encoding="utf-8",
    )
    for limits in (ImportLimits(max_rows=3), ImportLimits(max_cell_chars=3)):
        _same(*_both(path, limits=limits))


def _run(capsys, *arguments):
    from socialvalue.cli import main

    code = main(list(arguments))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize(
    "command",
    [
        ["value", "mixed.csv", "--rejected", "fix.csv"],
        ["value", "mixed.csv", "--by", "project"],
        ["value", "mixed.csv", "--by", "reporter", "--by", "correction", "--by", "geography"],
        ["value", "mixed.csv", "--by", "role", "--by", "contract"],
        ["import", "mixed.csv", "--rejected", "fix.csv", "--accepted", "ok.csv"],
        ["validate", "mixed.csv", "--rejected", "fix.csv"],
        ["import", "good.csv", "--accepted", "ok.toml"],
        ["value", "good.csv"],
    ],
)
def test_the_commands_say_and_write_the_same_through_either_reader(
    tmp_path, monkeypatch, capsys, command
):
    """The columnar path (the default for CSV) against the row reader, command by command."""
    import socialvalue.cli._inputs as inputs

    monkeypatch.chdir(tmp_path)
    (tmp_path / "mixed.csv").write_text(MIXED, encoding="utf-8")
    (tmp_path / "good.csv").write_bytes((DATA / "returns" / "good.csv").read_bytes())
    written = [name for name in ("fix.csv", "ok.csv", "ok.toml") if name in command]
    fast = _run(capsys, *command)
    fast_files = {name: (tmp_path / name).read_bytes() for name in written}
    for name in written:
        (tmp_path / name).unlink()
    monkeypatch.setattr(inputs, "read_frame", lambda *_args, **_options: None)
    slow = _run(capsys, *command)
    assert fast == slow
    assert fast_files == {name: (tmp_path / name).read_bytes() for name in written}


def test_parquet_in_every_command(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mixed.csv").write_text(MIXED, encoding="utf-8")
    code, out, _ = _run(capsys, "import", "mixed.csv", "--accepted", "ok.parquet")
    assert code == 1
    assert out.splitlines()[-1] == "wrote 11 accepted deliveries to ok.parquet"
    csv_value = _run(capsys, "value", "mixed.csv")[1]
    parquet_value = _run(capsys, "value", "ok.parquet")[1]
    # the same figures; only the title (the file's name) differs
    assert parquet_value.partition("methodology:")[2] == csv_value.partition("methodology:")[2]
    assert _run(capsys, "validate", "ok.parquet")[1] == (
        "ok.parquet: OK — 11 deliveries, every row accepted\n"
    )
    code, out, _ = _run(capsys, "import", "ok.parquet")
    assert (code, out) == (0, "ok.parquet: 11 rows — 11 accepted, 0 rejected\n")
    code, _, _ = _run(capsys, "report", "ok.parquet", "-o", "report.html")
    assert code == 0
    assert (tmp_path / "report.html").stat().st_size > 0


def test_parquet_without_the_frames_extra_names_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mixed.csv").write_text(MIXED, encoding="utf-8")
    assert _run(capsys, "import", "mixed.csv", "--accepted", "ok.parquet")[0] == 1
    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)
    monkeypatch.setitem(__import__("sys").modules, "polars", None)
    code, _, err = _run(capsys, "value", "ok.parquet")
    assert code == 1
    assert 'pip install "socialvalue[frames]"' in err
    # CSV still reads, through the row reader
    code, out, _ = _run(capsys, "import", "mixed.csv")
    assert code == 1
    assert "23 rows — 11 accepted, 12 rejected" in out


# --- XLSX: calamine against openpyxl -----------------------------------------------------------

XLSX_FILES = sorted([*DATA.rglob("*.xlsx")])


def _xlsx_both(path, monkeypatch, framework=None, **options):
    """(openpyxl's result or error, calamine's result or error, the engine calamine's run used)."""
    import socialvalue.io._xlsx as xlsx

    framework = framework or shipped_framework()

    def read():
        try:
            return read_returns(path, framework=framework, **options)
        except DataFileError as error:
            return ("error", str(error))

    monkeypatch.setattr(xlsx, "FAST_READER", False)
    old = read()
    monkeypatch.setattr(xlsx, "FAST_READER", True)
    new = read()
    try:
        source = xlsx.XlsxSource(path, limits=ImportLimits(), sheet=options.get("sheet"))
    except DataFileError:
        engine = None
    else:
        engine = source.engine
        source.close()
    return old, new, engine


def _same_xlsx(old, new):
    _same(old, new)
    if not isinstance(old, tuple):
        assert new.sheet == old.sheet


@pytest.mark.parametrize("path", XLSX_FILES, ids=lambda p: p.name)
def test_every_xlsx_in_tests_data_reads_the_same(path, monkeypatch):
    pytest.importorskip("python_calamine")
    old, new, _ = _xlsx_both(path, monkeypatch)
    _same_xlsx(old, new)


def _filled(tmp_path, rows, edit=None):
    import openpyxl

    from socialvalue.io import make_template

    template = tmp_path / "template.xlsx"
    make_template(template, framework=shipped_framework(), periods=["2025/26 Q1"], rows=20)
    book = openpyxl.load_workbook(template)
    sheet = book["Returns"]
    for r, row in enumerate(rows, start=2):
        for c, cell in enumerate(row, start=1):
            if cell is not None:
                sheet.cell(row=r, column=c, value=cell)
    if edit is not None:
        edit(sheet)
    target = tmp_path / "filled.xlsx"
    book.save(target)
    return target


#: Rows typed into a template: plain ones and every kind the import rules explain.
TYPED = [
    ["LCR-COM-1", 1250, None, "2025/26 Q1", "Acme", "K-1"],
    ["LCR-COM-1", 12.5, "hour", "2025/26 Q1", "Acme"],
    ["LCR-COM-1", 0.1 + 0.2, None, "2025/26 Q1"],
    ["LCR-COM-1", "1,250", None, "2025/26 Q1"],
    ["LCR-COM-1", "£3,000", None, "2025/26 Q1"],
    ["LCR-COM-1", -3, None, "2025/26 Q1"],
    ["LCR-COM-1", -3, None, "2025/26 Q1", None, None, None, None, None, None, "yes"],
    ["LCR-COM-1", True, None, "2025/26 Q1"],
    ["lcr-com-1", 3, None, "2025/26 Q1"],
    ["LCR-COM-1", 3, None, "2025/26 Q9"],
    ["LCR-COM-1", 3, "kg", 2025],
    [None, None, None, None, None, "K-1"],
    [],
    ["LCR-ENV-2", 7.25, None, "2025/26 Q1", None, None, None, None, None, None, 1],
    ["LCR-ENV-2", 7, None, "2025/26 Q1", None, None, None, "  UK ", "a\nb", "note"],
    ["LCR-ENV-2", 123456789012345, None, "2025/26 Q1"],
    ["LCR-ENV-2", 3, None, "2025/26 Q1", None, None, None, None, None, None, None, "stray"],
]


def test_a_typed_template_reads_the_same_and_through_calamine(tmp_path, monkeypatch):
    pytest.importorskip("python_calamine")
    path = _filled(tmp_path, TYPED)
    old, new, engine = _xlsx_both(path, monkeypatch)
    assert engine == "calamine"
    _same_xlsx(old, new)
    assert len(old.accepted) >= 5
    assert len(old.rejected) >= 6


def _percent(sheet):
    sheet["B3"].number_format = "0%"


def _date(sheet):
    import datetime as dt

    sheet["D3"] = dt.datetime(2025, 5, 1, tzinfo=None)  # noqa: DTZ001 - a spreadsheet's date


def _formula(sheet):
    sheet["B3"] = "=1+2"


def _merge(sheet):
    sheet.merge_cells("E2:E3")


def _styled_empty(sheet):
    from openpyxl.styles import Font

    sheet["P4"].font = Font(bold=True)  # an empty cell that widens its row


@pytest.mark.parametrize(
    ("edit", "engine"),
    [
        (_percent, "openpyxl"),
        (_date, "openpyxl"),
        (_formula, "openpyxl"),
        (_merge, "openpyxl"),
        (_styled_empty, "calamine"),
    ],
)
def test_sheets_calamine_cannot_read_exactly_go_to_openpyxl(tmp_path, monkeypatch, edit, engine):
    pytest.importorskip("python_calamine")
    path = _filled(tmp_path, TYPED, edit=edit)
    old, new, used = _xlsx_both(path, monkeypatch)
    assert used == engine
    _same_xlsx(old, new)


def _sheet(tmp_path, rows):
    cells = "".join(_row(n, *row) for n, row in rows)
    return _handmade(tmp_path / "hand.xlsx", _HEADER + cells)


def _number(ref, text, extra=""):
    return f'<c r="{ref}"{extra}><v>{text}</v></c>'


@pytest.mark.parametrize(
    ("rows", "engine"),
    [
        (
            [(2, [_text("A2", "LCR-COM-1"), _number("B2", "12.5"), _text("C2", "2025/26")])],
            "calamine",
        ),
        (
            [(2, [_text("A2", "LCR-COM-1"), _number("B2", "1250.0"), _text("C2", "2025/26")])],
            "openpyxl",
        ),
        (
            [(2, [_text("A2", "LCR-COM-1"), _number("B2", "1E3"), _text("C2", "2025/26")])],
            "openpyxl",
        ),
        (
            [
                (
                    2,
                    [
                        _text("A2", "LCR-COM-1"),
                        _number("B2", "12345678901234567890"),
                        _text("C2", "2025/26"),
                    ],
                )
            ],
            "openpyxl",
        ),
        (
            [
                (
                    2,
                    [
                        _text("A2", "LCR-COM-1"),
                        _number("B2", "0.30000000000000004"),
                        _text("C2", "2025/26"),
                    ],
                )
            ],
            "calamine",
        ),
        (
            [
                (
                    2,
                    [
                        _text("A2", "LCR-COM-1"),
                        _number("B2", "#DIV/0!", ' t="e"'),
                        _text("C2", "2025/26"),
                    ],
                )
            ],
            "openpyxl",
        ),
        ([(2, [_text("A2", "a_x000D_b"), _number("B2", "1"), _text("C2", "2025/26")])], "openpyxl"),
        ([(2, ['<c t="inlineStr"><is><t>LCR-COM-1</t></is></c>', _number("B2", "1")])], "openpyxl"),
        (
            [(5, [_text("A5", "LCR-COM-1"), _number("B5", "2"), _text("C5", "2025/26")]), (9, [])],
            "calamine",
        ),
        ([(3, [_text("A2", "LCR-COM-1")])], "openpyxl"),
        ([(2, [_text("A2", "LCR-COM-1"), _number("XFD2", "1")])], "openpyxl"),
    ],
)
def test_hand_written_sheets_read_the_same(tmp_path, monkeypatch, rows, engine):
    pytest.importorskip("python_calamine")
    path = _sheet(tmp_path, rows)
    old, new, used = _xlsx_both(path, monkeypatch)
    assert used == engine
    _same_xlsx(old, new)


def test_a_sheet_whose_grid_would_be_huge_goes_to_openpyxl(tmp_path, monkeypatch):
    """A cell far down and one far right: calamine would allocate the grid between them."""
    pytest.importorskip("python_calamine")
    path = _sheet(
        tmp_path,
        [(2, [_text("A2", "LCR-COM-1"), _number("ALL2", "1")]), (900000, [_text("A900000", "x")])],
    )
    old, new, used = _xlsx_both(path, monkeypatch)
    assert used == "openpyxl"
    _same_xlsx(old, new)


def test_quoted_cells_on_one_line_stay_on_the_columnar_path(tmp_path):
    path = tmp_path / "quoted.csv"
    path.write_text(
        'measure,quantity,period,project\nLCR-COM-1,"1,250",2022/23,"Parks, north"\n'
        'LCR-COM-1,3,2022/23,Parks\nLCR-COM-1,"2",2022/23,"a ""b"""\n',
        encoding="utf-8",
    )
    import polars as pl

    assert _plain_csv(pl, path, shipped_framework(), "en_GB", ImportLimits(), ",", "utf-8")
    _same(*_both(path))


@pytest.mark.parametrize(
    "text",
    [
        'measure,quantity,period,note\nLCR-COM-1,3,2022/23,"two\nlines"\n',
        'measure,quantity,period,note\nLCR-COM-1,3,2022/23,ab"c,"d\ne"\n',
        'measure,quantity,period\nLCR-COM-1,"3"x,2022/23\n',
    ],
)
def test_quotes_the_columnar_path_cannot_split_go_to_the_row_reader(tmp_path, text):
    path = tmp_path / "quoted.csv"
    path.write_text(text, encoding="utf-8")
    import polars as pl

    assert _plain_csv(pl, path, shipped_framework(), "en_GB", ImportLimits(), ",", "utf-8") is None
    _same(*_both(path))


def test_value_on_parquet_says_and_writes_the_same_as_the_object_path(
    tmp_path, monkeypatch, capsys
):
    """value_frame checks a Parquet file's rows as it values them: the same rows left out."""
    import polars as pl

    import socialvalue.cli._inputs as inputs

    monkeypatch.chdir(tmp_path)
    pl.DataFrame(
        {
            "Measure code": ["LCR-COM-1", "NOPE", "LCR-COM-1", "LCR-ENV-2", "LCR-COM-1"],
            "Qty": ["3", "4", "-2", "x", "5"],
            "Financial year": ["2022/23", "2022/23", "2022/23", "2024/25 Q2", "2022/23 Q9"],
        }
    ).write_parquet(tmp_path / "bad.parquet")
    fast = _run(capsys, "value", "bad.parquet", "--rejected", "fix.csv")
    written = (tmp_path / "fix.csv").read_bytes()
    (tmp_path / "fix.csv").unlink()
    read = inputs.read_deliveries

    def objects(*arguments, **options):
        options["frame"] = False
        return read(*arguments, **options)

    monkeypatch.setattr(inputs, "read_deliveries", objects)
    slow = _run(capsys, "value", "bad.parquet", "--rejected", "fix.csv")
    assert fast == slow
    assert "4 rows rejected" in fast[2]
    assert written == (tmp_path / "fix.csv").read_bytes()


def test_plain_sheet_rows_are_checked_in_polars_and_the_rest_by_the_row_checker(
    tmp_path, monkeypatch
):
    pytest.importorskip("python_calamine")
    from socialvalue.io._import import RowChecker

    path = _filled(tmp_path, TYPED)
    checked = []
    check = RowChecker.check

    def counted(self, number, cells):
        checked.append(number)
        return check(self, number, cells)

    monkeypatch.setattr(RowChecker, "check", counted)
    result = read_returns(path, framework=shipped_framework())
    # rows 2 and 3 (plain) and the trailing plain row are taken in polars
    assert 2 not in checked
    assert 3 not in checked
    assert 5 in checked  # "1,250": the row checker's own reading
    assert len(checked) < result.rows + result.blank_rows


@pytest.mark.parametrize("locale", ["en_GB", "cy_GB", "de_DE"])
def test_numbers_are_written_as_babel_writes_them(locale):
    """render's shortcut for plain numbers writes exactly what Babel writes."""
    import decimal
    import random
    from decimal import Decimal

    from babel.numbers import format_decimal

    from socialvalue.io._cells import Number, NumberReader, exact_context

    reader = NumberReader(locale)
    rng = random.Random(16)  # noqa: S311 - sample numbers, not secrets
    values = [Decimal(repr(rng.random() * 10 ** rng.randint(0, 14))) for _ in range(2000)]
    values += [
        Decimal(rng.randint(0, 10**6)) / Decimal(10 ** rng.randint(0, 8)) for _ in range(2000)
    ]
    values += [Decimal(t) for t in ("12.50", "0.0", "0E-5", "1E+3", "-3", "-0.5", "100", "0.1000")]
    for value in values:
        with decimal.localcontext(exact_context(value)):
            expected = format_decimal(
                value, locale=reader.locale, decimal_quantization=False, group_separator=False
            )
        assert reader.render(Number(value)) == expected, value


@pytest.mark.parametrize("text", [MIXED, None], ids=["mixed", "quoted"])
def test_deliveries_the_row_reader_built_are_those_the_frame_gives(tmp_path, text):
    """Rows the row checker accepted keep the delivery it built: the same, digit for digit, as
    building it again from the frame's text (what ``deliveries`` did before it kept them)."""
    from socialvalue.io._plain import deliveries_of

    text = text or (
        "measure,quantity,period,project,evidence\n"
        'LCR-COM-1,"1,250.50",2022/23,"Parks, north","a\nb"\n'
        'LCR-COM-1,3,2022/23 Q2,Parks,x\nLCR-COM-1,"2",2022/23,"a ""b""",\n'
        'LCR-ENV-2,"0012.500",2024/25,p,\nLCR-COM-1," 7 ",2022-23,p,\n'
    )
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    read = read_returns_frame(path, framework=shipped_framework())
    assert read._built  # some rows were checked by the row checker
    again = tuple(deliveries_of(read.frame))
    kept = read.deliveries()
    assert kept == again
    assert [d.quantity.as_tuple() for d in kept] == [d.quantity.as_tuple() for d in again]
    assert [d.period.label for d in kept] == [d.period.label for d in again]


#: Quoted cells and quantities with group separators, plain and not: the row reader's verdicts.
GROUPED = (
    "measure,quantity,period,project,role\n"
    'LCR-COM-1,"1,250.50",2022/23,"Parks, north",employer\n'
    'LCR-COM-1,"1,234,567",2022/23 Q2,Parks,\n'
    'LCR-COM-1,"12,345.000",2022/23,"a ""b""",\n'
    'LCR-COM-1,"1,23",2022/23,p,\n'
    'LCR-COM-1,"1,2345",2022/23,p,\n'
    'LCR-COM-1,"0,100",2022/23,p,\n'
    'LCR-COM-1,",100",2022/23,p,\n'
    'LCR-COM-1,"1,000.",2022/23,p,\n'
    'LCR-COM-1," 1,000",2022/23,p,\n'
    'LCR-COM-1,"-1,000",2022/23,p,\n'
    'LCR-COM-1,"£1,000",2022/23,p,\n'
    'LCR-COM-1,"1,000,000,000,000,000",2022/23,p,\n'
    'LCR-COM-1,"1,000.000000000000000000001",2022/23,p,\n'
    'LCR-COM-1,"1,000",2022/23,"\'=SUM(A1)",\n'
    'LCR-COM-1,"1,000",2022/23,"=SUM(A1)",\n'
    '"LCR-COM-1","2","2022/23","p",""\n'
    '" LCR-COM-1","2",2022/23,p,\n'
    'LCR-COM-1,"1,000",2022/23 Q9,p,\n'
    'LCR-COM-1,"1,000",2022/23,p,nobody\n'
    'LCR-COM-1,"1,000",2022/23,p,,extra\n'
    'LCR-COM-1,"1,000",2022/23\n'
    'LCR-XXX-1,"1,000",2022/23,p,\n'
    '"","","","",""\n'
)


def test_quoted_lines_and_grouped_quantities_read_the_same_mostly_in_the_engine(
    tmp_path, monkeypatch
):
    """A line with quoted cells is split by the csv module and checked in the engine; a
    grouped quantity is read by the row reader's own number reading. Every verdict is the row
    reader's, and the plain ones never reach the row checker."""
    from socialvalue.io import _columnar

    path = tmp_path / "grouped.csv"
    path.write_text(GROUPED, encoding="utf-8")
    old, new = _both(path)
    _same(old, new)
    assert len(old.accepted) >= 5
    assert len(old.rejected) >= 10
    checked: list[int] = []
    real = _columnar.RowChecker.check

    def spy(self, row, cells):
        checked.append(row)
        return real(self, row, cells)

    monkeypatch.setattr(_columnar.RowChecker, "check", spy)
    read = read_returns_frame(path, framework=shipped_framework())
    assert read.to_import_result().accepted == old.accepted
    assert {2, 3, 4, 17}.isdisjoint(checked)  # plain, taken in the engine
    assert {5, 6, 15, 18, 19}.issubset(checked)  # the row reader explains these


_LOCALES = ("en_GB", "de_DE", "fr_FR", "de_CH", "en_IN", "cy_GB")


@settings(max_examples=300)
@given(
    locale=st.sampled_from(_LOCALES),
    head=st.from_regex(r"[0-9]{1,3}", fullmatch=True),
    groups=st.lists(st.from_regex(r"[0-9]{3}", fullmatch=True), min_size=1, max_size=7),
    fraction=st.none() | st.from_regex(r"[0-9]{1,24}", fullmatch=True),
)
def test_grouped_quantities_in_the_engine_are_the_row_readers_numbers(
    locale, head, groups, fraction
):
    """Every cell of the grouped shape becomes, in the engine, the digits the row reader's own
    number reading gives for it (``f"{number:f}"``), and is plain exactly when those digits
    are; the row reader's reading is the reference (leading zeros, 16 digits, 21 places)."""
    import types

    import polars as pl

    from socialvalue.io._cells import NumberReader
    from socialvalue.io._plain import _PLAIN_DIGITS, _grouped_quantities

    numbers = NumberReader(locale)
    text = numbers.group.join([head, *groups])
    if fraction is not None:
        text += numbers.decimal + fraction
    checker = types.SimpleNamespace(numbers=numbers)
    cells = pl.Series([text, "12"], dtype=pl.String)
    plain = pl.Series([False, True])
    digits, now_plain = _grouped_quantities(checker, cells, plain, pl.Series([True, True]))
    expected = f"{numbers.quantity(text, measure=None, unit=None):f}"
    if _PLAIN_DIGITS.match(expected):
        assert now_plain.to_list() == [True, True]
        assert digits.to_list() == [expected, "12"]
    else:
        assert now_plain.to_list() == [False, True]
        assert digits[1] == "12"
