"""Workbooks: supplier templates, XLSX returns read safely, exports and rejected rows.

Needs openpyxl (the ``xlsx`` extra); skipped without it. XLSX fixtures are built in the tests —
with openpyxl, or by hand where openpyxl cannot write the case (saved formula results, error
values, entity attacks) — rather than committed as binaries.
"""

import datetime as dt
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from helpers import HEADER_ROW, handmade_workbook, sheet_row, text_cell
from hypothesis import HealthCheck, given, settings, strategies as st
from strategies import deliveries, frameworks

from socialvalue import (
    Commitment,
    DataFileError,
    Delivery,
    Framework,
    Measure,
    Outcome,
    SocialValueError,
    Theme,
    ValidationError,
    default_methodology,
    value,
)
from socialvalue.cli._import import import_command, template_command
from socialvalue.framework import Dimension, DimensionValue
from socialvalue.io import ImportLimits, shipped_framework
from socialvalue.io._export import export_valuations, write_returns
from socialvalue.io._returns import read_returns, write_rejected
from socialvalue.io._template import TEMPLATE_COLUMNS, make_template

openpyxl = pytest.importorskip("openpyxl")

LCRCA = shipped_framework()
JOBS = Commitment(
    id="K-2025-014/JOBS",
    kind="contractual",
    title="Local residents employed on the contract",
    contract="K-2025-014",
    measure="LCR-EMP-1",
    target="6",
    start="2025-04-01",
    due="2026-03-31",
    owner="Acme Facilities Ltd",
)
HOURS = Commitment(
    id="K-2025-014/VOL",
    kind="contractual",
    title="Volunteering hours for community organisations",
    contract="K-2025-014",
    measure="LCR-COM-1",
    target="400",
    start="2025-04-01",
    due="2026-03-31",
)


def _small_framework():
    measures = (
        Measure(code="H1", title="Hours", unit="hour", valuation="proxy", value_type="social"),
        Measure(
            code="P1", title="Share", unit="percent", valuation="record_only", value_type="social"
        ),
    )
    return Framework(
        id="small",
        title="Small",
        version="1",
        publisher="Tests",
        licence="MIT",
        themes=(
            Theme(code="T", title="T", outcomes=(Outcome(code="O", title="O", measures=measures),)),
        ),
    )


def _template(tmp_path, **options):
    path = tmp_path / "template.xlsx"
    options.setdefault("commitments", [JOBS, HOURS])
    make_template(path, framework=LCRCA, **options)
    return path


def _fill(path, rows, *, out=None, start=2, edit=None):
    """Type rows into the Returns sheet, as a supplier would; returns the saved copy."""
    book = openpyxl.load_workbook(path)
    sheet = book["Returns"]
    for r, row in enumerate(rows, start=start):
        for c, cell in enumerate(row, start=1):
            if cell is not None:
                sheet.cell(row=r, column=c, value=cell)
    if edit is not None:
        edit(sheet)
    target = out or path.with_name("filled.xlsx")
    book.save(target)
    return target


_handmade = handmade_workbook
_row = sheet_row
_text = text_cell
_HEADER = HEADER_ROW


# --- the template ------------------------------------------------------------------------------


def test_the_template_has_dropdowns_guidance_and_the_commitments(tmp_path):
    path = _template(tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Returns", "Guidance", "Commitments", "Lists"]
    assert book["Lists"].sheet_state == "hidden"
    returns = book["Returns"]
    assert [cell.value for cell in returns[1]] == [c.capitalize() for c in TEMPLATE_COLUMNS]
    assert returns.freeze_panes == "A2"
    lists = {str(dv.sqref): dv for dv in returns.data_validations.dataValidation}
    measure = lists["A2:A501"]
    assert (measure.type, measure.formula1, measure.errorStyle) == (
        "list",
        "'Lists'!$A$2:$A$28",
        "stop",
    )
    period = lists["D2:D501"]
    assert period.type == "list"
    assert period.errorStyle == "warning"  # other periods may be typed
    quarters = [row[1].value for row in book["Lists"].iter_rows(min_row=2) if row[1].value]
    assert quarters == ["2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4"]
    assert returns.column_dimensions["D"].number_format == "@"  # 2025/26 stays text
    guidance = list(book["Guidance"].iter_rows(values_only=True))
    assert guidance[2][0] == "Contract: K-2025-014"
    emp = next(row for row in guidance if row[0] == "LCR-EMP-1")
    assert emp[2:4] == ("fte_year", "FTE-year")
    assert emp[6]  # counting rules
    commitments = list(book["Commitments"].iter_rows(values_only=True))
    assert commitments[1][:5] == ("K-2025-014/JOBS", JOBS.title, "LCR-EMP-1", 6, "fte_year")
    book.close()


def test_an_empty_template_imports_cleanly(tmp_path):
    result = read_returns(_template(tmp_path), framework=LCRCA)
    assert (result.rows, result.problems(), result.sheet) == (0, (), "Returns")


def test_template_options_are_checked(tmp_path):
    with pytest.raises(ValueError, match="give the periods to offer"):
        make_template(tmp_path / "t.xlsx", framework=LCRCA)
    with pytest.raises(SocialValueError, match="unknown measure 'NOPE'"):
        make_template(tmp_path / "t.xlsx", framework=LCRCA, periods=["2025/26"], measures=["NOPE"])
    with pytest.raises(ValueError, match="columns: expected distinct columns"):
        make_template(
            tmp_path / "t.xlsx", framework=LCRCA, periods=["2025/26"], columns=["measure"]
        )
    bad = attrs.evolve(JOBS, measure="LCR-NOPE")
    with pytest.raises(ValidationError, match="unknown measure 'LCR-NOPE'"):
        make_template(tmp_path / "t.xlsx", framework=LCRCA, commitments=[bad])
    assert not (tmp_path / "t.xlsx").exists()


def test_a_filled_template_imports_good_rows_and_explains_every_bad_one(tmp_path):
    filled = _fill(
        _template(tmp_path),
        [
            [
                "LCR-EMP-1",
                2.5,
                "fte_year",
                "2025/26 Q1",
                "Acme",
                "K-2025-014",
                None,
                "Liverpool City Region",
                "payroll Q1\nHR list",
            ],
            ["LCR-COM-1", "1,250", None, "2025/26 Q1", "Acme", "K-2025-014"],
            ["LCR-COM-1", "£300", "hour", "2025/26 Q2", "Acme", "K-2025-014"],
            ["LCR-EMP-9", 1, None, "2025/26 Q2", "Acme"],
            [
                "LCR-EMP-1",
                -1,
                None,
                "2025/26 Q3",
                "Acme",
                "K-2025-014",
                None,
                None,
                None,
                "recount",
                "yes",
            ],
            ["LCR-EMP-1", "=B2/2", None, "2025/26 Q7", "Acme"],
        ],
    )
    result = read_returns(filled, framework=LCRCA)
    assert result.accepted_rows == (2, 3, 6)
    first, second, correction = result.accepted
    assert first.quantity == Decimal("2.5")
    assert first.evidence == ("payroll Q1", "HR list")
    assert second.quantity == Decimal(1250)
    assert correction.correction
    assert [str(p) for p in result.problems()] == [
        (
            "row 4, column Quantity: '£300' is an amount of money, but LCR-COM-1 is not counted "
            "in money (its unit is 'hour')"
        ),
        (
            "row 5, column Measure: unknown measure 'LCR-EMP-9'; did you mean 'LCR-EMP-3' or "
            "'LCR-EMP-2' or 'LCR-EMP-1'?"
        ),
        (
            "row 7, column Quantity: cell B7 holds a formula with no saved value (=B2/2); formulas "
            "are never calculated: type the value, or open and save the file in a spreadsheet "
            "program"
        ),
        (
            "row 7, column Period: cannot read '2025/26 Q7' as a period; expected one of: 2022/23, "
            "2022-23, FY2022/23, 2022/23 Q3, Q3 2022/23, AY2022/23, 2022, 2022-04-01, "
            "2022-04-01..2023-03-31"
        ),
    ]
    assert result.rejected[2].cells[:4] == ("LCR-EMP-1", "=B2/2", "", "2025/26 Q7")


def test_rejected_rows_from_a_workbook_are_corrected_and_imported_again(tmp_path):
    filled = _fill(
        _template(tmp_path),
        [["LCR-COM-1", "£300", "hour", "2025/26 Q2"], ["LCR-EMP-1", 1.5, None, "2025/26 Q9"]],
    )
    result = read_returns(filled, framework=LCRCA)
    out = tmp_path / "rejected.xlsx"
    assert write_rejected(result, out) == 2
    book = openpyxl.load_workbook(out)
    sheet = book.active
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "problems"
    assert header[:4] == ["Measure", "Quantity", "Unit", "Period"]
    assert sheet["B3"].value == 1.5  # a number again, as the supplier typed it (issue 17)
    sheet["B2"] = "300"
    sheet["D3"] = "2025/26 Q3"
    book.save(out)
    fixed = read_returns(out, framework=LCRCA)
    assert fixed.ok
    assert fixed.ignored_columns == ("problems",)
    assert [d.quantity for d in fixed.accepted] == [Decimal(300), Decimal("1.5")]


# --- cells: formulas, errors, dates, merged cells, numbers ---------------------------------------


def test_a_formula_with_a_saved_result_reads_the_result(tmp_path):
    path = _handmade(
        tmp_path / "f.xlsx",
        _HEADER
        + _row(
            2, _text("A2", "LCR-COM-1"), '<c r="B2"><f>2*3</f><v>6</v></c>', _text("C2", "2025/26")
        )
        + _row(
            3,
            _text("A3", "LCR-COM-1"),
            '<c r="B3" t="e"><v>#DIV/0!</v></c>',
            _text("C3", "2025/26"),
        )
        + _row(
            4,
            _text("A4", "LCR-COM-1"),
            '<c r="B4"><v>0.30000000000000004</v></c>',
            _text("C4", "2025/26"),
        )
        + _row(
            5,
            _text("A5", "LCR-COM-1"),
            '<c r="B5"><v>123456789012345</v></c>',
            _text("C5", "2025/26"),
        ),
    )
    result = read_returns(path, framework=LCRCA)
    assert [d.quantity for d in result.accepted] == [Decimal(6), Decimal(123456789012345)]
    assert [str(p) for p in result.problems()] == [
        "row 3, column quantity: cell B3 holds the error #DIV/0!",
        (
            "row 4, column quantity: cell B4 holds 0.30000000000000004, with more digits than a "
            "spreadsheet keeps (15); round it, or type the number as text"
        ),
    ]


def test_merged_cells_reject_every_row_they_cover(tmp_path):
    def merge(sheet):
        sheet.merge_cells("A2:A3")
        sheet.merge_cells("J5:K6")  # empty: harmless formatting

    filled = _fill(
        _template(tmp_path),
        [
            ["LCR-COM-1", 3, None, "2025/26 Q1"],
            [None, 4, None, "2025/26 Q1"],
            ["LCR-COM-1", 5, None, "2025/26 Q1"],
        ],
        edit=merge,
    )
    result = read_returns(filled, framework=LCRCA)
    assert result.accepted_rows == (4,)
    assert [str(p) for p in result.problems()] == [
        (
            "row 2, column Measure: cell A2 is part of the merged cells A2:A3; unmerge them and "
            "fill in every cell"
        ),
        (
            "row 3, column Measure: cell A3 is part of the merged cells A2:A3; unmerge them and "
            "fill in every cell"
        ),
    ]
    assert result.rejected[0].cells[0] == "LCR-COM-1"


def test_a_merged_header_or_a_formula_heading_is_a_file_error(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["measure", "quantity", "period", "=1+1"])
    book.save(tmp_path / "h.xlsx")
    with pytest.raises(DataFileError) as info:
        read_returns(tmp_path / "h.xlsx", framework=LCRCA)
    assert [str(p) for p in info.value.problems] == [
        (
            "row 1, column D: cell D1 holds a formula with no saved value (=1+1); formulas are "
            "never calculated: type the value, or open and save the file in a spreadsheet program"
        )
    ]


def test_dates_numbers_and_flags_typed_into_cells(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["measure", "quantity", "period", "correction", "id"])
    sheet.append(["H1", 3, dt.date(2025, 5, 1), False, 123])
    sheet.append(["H1", dt.date(2025, 1, 2), "2025/26", None, None])
    naive = dt.datetime(2025, 5, 1, 9, 30)  # noqa: DTZ001 - spreadsheets hold naive date-times
    sheet.append(["H1", 3, naive, None, None])
    sheet.append(["P1", 0.125, "2025/26", None, None])
    sheet.append(["H1", 0.5, "2025/26", None, None])
    sheet.append(["H1", -2, "2025/26", True, None])
    sheet["B5"].number_format = "0.0%"
    sheet["B6"].number_format = "0%"
    book.save(tmp_path / "typed.xlsx")
    result = read_returns(tmp_path / "typed.xlsx", framework=_small_framework())
    day, share, fix = result.accepted
    assert day.period.label == "2025-05-01"
    assert day.id == "123"
    assert share.quantity == Decimal("12.5")
    assert (fix.quantity, fix.correction) == (Decimal(-2), True)
    assert [str(p) for p in result.problems()] == [
        (
            "row 3, column quantity: the cell holds the date 2025-01-02, not a number (a "
            "spreadsheet may have turned what was typed into a date)"
        ),
        (
            "row 4, column period: cell C4 holds a date and time (2025-05-01 09:30:00); give a "
            "date, or a period such as '2022/23 Q3'"
        ),
        (
            "row 6, column quantity: the cell shows a percentage (50%), but H1 is not counted in "
            "percent (its unit is 'hour')"
        ),
    ]
    assert result.rejected[0].cells[1] == "2025-01-02"


def test_numbers_in_the_files_locale_when_written_back(tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["measure", "quantity", "period"])
    book.active.append(["LCR-COM-1", 1250.5, "2025/26 Q9"])
    book.save(tmp_path / "de.xlsx")
    result = read_returns(tmp_path / "de.xlsx", framework=LCRCA, locale="de_DE")
    assert result.rejected[0].cells == ("LCR-COM-1", "1250,5", "2025/26 Q9")


# --- malformed and hostile workbooks ------------------------------------------------------------


def test_an_empty_sheet_and_a_missing_sheet(tmp_path):
    from openpyxl.chart import BarChart, Reference

    book = openpyxl.Workbook()
    other = book.create_sheet("Other")
    other.append(["measure", "quantity", "period"])
    chart = BarChart()
    chart.add_data(Reference(other, min_col=2, min_row=1, max_row=2))
    book.create_chartsheet("Chart").add_chart(chart)
    book.save(tmp_path / "e.xlsx")
    with pytest.raises(DataFileError, match="row 1: sheet 'Sheet' has no header row naming"):
        read_returns(tmp_path / "e.xlsx", framework=LCRCA)
    assert read_returns(tmp_path / "e.xlsx", framework=LCRCA, sheet="Other").sheet == "Other"
    with pytest.raises(
        DataFileError, match="no sheet named 'Nope'; the sheets are 'Sheet', 'Other', 'Chart'"
    ):
        read_returns(tmp_path / "e.xlsx", framework=LCRCA, sheet="Nope")
    with pytest.raises(DataFileError, match="sheet 'Chart' is a chart, not a sheet of rows"):
        read_returns(tmp_path / "e.xlsx", framework=LCRCA, sheet="Chart")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 truncated"), "not an XLSX workbook"),
        (
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)),
            "password-protected",
        ),
        (lambda p: p.write_text("measure,quantity\n", encoding="utf-8"), "not an XLSX workbook"),
        (lambda p: p.write_bytes(b""), "not an XLSX workbook"),
    ],
    ids=["truncated", "old-xls-or-encrypted", "csv-renamed", "empty"],
)
def test_files_that_are_not_workbooks(tmp_path, make, message):
    path = tmp_path / "bad.xlsx"
    make(path)
    with pytest.raises(DataFileError, match=message):
        read_returns(path, framework=LCRCA)


def test_a_workbook_cut_short_is_refused(tmp_path):
    whole = _template(tmp_path).read_bytes()
    for size in (len(whole) // 3, len(whole) // 2, len(whole) - 10):
        path = tmp_path / f"cut{size}.xlsx"
        path.write_bytes(whole[:size])
        with pytest.raises(DataFileError):
            read_returns(path, framework=LCRCA)


def test_a_corrupted_member_is_refused(tmp_path):
    path = _template(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    data[start : start + 20] = bytes(20)
    path.write_bytes(bytes(data))
    with pytest.raises(DataFileError, match="not a readable XLSX workbook"):
        read_returns(path, framework=LCRCA)


def test_zip_bombs_are_refused_before_unpacking(tmp_path):
    path = _template(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(20 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    with pytest.raises(
        DataFileError,
        match=r"unpacks to 2[0-9,]+ bytes; the limit is 10,485,760 \(is it a zip bomb\?\)",
    ):
        read_returns(
            path, framework=LCRCA, limits=ImportLimits(max_uncompressed_bytes=10 * 1024 * 1024)
        )
    with pytest.raises(DataFileError, match=r"the archive holds 1[0-9] files; the limit is 5"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_zip_members=5))
    with pytest.raises(DataFileError, match="file is larger than the limit of 1,000 bytes"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_bytes=1000))


_LAUGHS = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
_EXTERNAL = '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


@pytest.mark.parametrize(
    "options",
    [
        {"doctype": _LAUGHS, "cell": "&d;"},
        {"doctype": _EXTERNAL, "cell": "&x;"},
        {"workbook_doctype": _LAUGHS.replace("worksheet", "workbook"), "cell": "x"},
    ],
    ids=["billion-laughs", "external-entity", "entity-in-workbook"],
)
def test_xml_entity_attacks_are_refused(tmp_path, options):
    cell = options.pop("cell")
    path = _handmade(
        tmp_path / "attack.xlsx",
        _HEADER + _row(2, _text("A2", cell), _text("B2", "1"), _text("C2", "2025/26")),
        **options,
    )
    with pytest.raises(DataFileError) as info:
        read_returns(path, framework=LCRCA)
    (problem,) = info.value.problems
    assert problem.message.startswith("not a readable XLSX workbook (EntitiesForbidden)")
    assert problem.message.endswith(
        "its XML declares entities or a document type, which could expand without limit or "
        "read other files; refused"
    )


def test_rows_beyond_the_last_row_of_a_sheet_are_refused(tmp_path):
    path = _handmade(
        tmp_path / "far.xlsx",
        _HEADER + _row(2_000_000, _text("A2000000", "LCR-COM-1")),
    )
    with pytest.raises(DataFileError, match="row 1048577: beyond the last row of a sheet"):
        read_returns(path, framework=LCRCA)


def test_too_many_merged_ranges(tmp_path):
    merges = "".join(f'<mergeCell ref="A{r}:B{r}"/>' for r in range(2, 9))
    path = _handmade(
        tmp_path / "m.xlsx", _HEADER, merges=f'<mergeCells count="7">{merges}</mergeCells>'
    )
    with pytest.raises(DataFileError, match="more than 5 merged cell ranges"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_merged_ranges=5))


_ANY_CELL = st.one_of(
    st.none(),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=10),
    st.sampled_from(["LCR-COM-1", "H1", "2025/26 Q1", "1,250", "£5", "yes", "=A1", "#N/A"]),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)),  # noqa: DTZ001 - spreadsheets are naive
)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(_ANY_CELL, max_size=6), max_size=5))
def test_arbitrary_cells_never_raise_anything_but_library_errors(tmp_path, rows):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["measure", "quantity", "period", "correction", "note", None])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "any.xlsx"
    book.save(path)
    try:
        result = read_returns(path, framework=LCRCA)
    except SocialValueError:
        return
    assert all(rejected.problems for rejected in result.rejected)


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise_anything_but_library_errors(tmp_path, data):
    path = tmp_path / "any.xlsx"
    path.write_bytes(b"PK\x03\x04" + data)
    with pytest.raises(SocialValueError):
        read_returns(path, framework=LCRCA)


# --- exports -----------------------------------------------------------------------------------


@st.composite
def frameworks_and_deliveries(draw):
    framework = draw(frameworks(max_measures=4))
    roles = Dimension(
        id="role",
        title="Role",
        values=(
            DimensionValue(code="employer", title="Employer"),
            DimensionValue(code="commissioner", title="Commissioner"),
        ),
    )
    framework = attrs.evolve(framework, dimensions=(*framework.dimensions, roles))
    return framework, draw(st.lists(deliveries(measures=framework.measure_codes()), max_size=5))


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frameworks_and_deliveries())
def test_xlsx_exports_reimport_to_the_same_deliveries(tmp_path, drawn):
    framework, items = drawn
    path = tmp_path / "out.xlsx"
    assert write_returns(items, path) == len(items)
    result = read_returns(path, framework=framework)
    assert result.problems() == ()
    assert list(result.accepted) == items


def test_xlsx_exports_keep_text_as_text_and_exact_numbers(tmp_path):
    items = [
        Delivery(
            measure="LCR-COM-1", quantity="12.50", period="2025/26", note="=cmd|' /C calc'!A0"
        ),
        Delivery(measure="LCR-COM-1", quantity="1234567.123456789012", period="2025/26"),
    ]
    path = tmp_path / "out.xlsx"
    write_returns(items, path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert (sheet["B2"].value, sheet["B2"].data_type) == (12.5, "n")
    assert (sheet["B3"].value, sheet["B3"].data_type) == ("1234567.123456789012", "s")
    assert (sheet["N2"].value, sheet["N2"].data_type) == ("=cmd|' /C calc'!A0", "s")
    book.close()
    assert list(read_returns(path, framework=LCRCA).accepted) == items
    with pytest.raises(ValidationError, match="row 2, column note: holds a control character"):
        write_returns(
            [Delivery(measure="LCR-COM-1", quantity="1", period="2025/26", note="bell\x07")],
            tmp_path / "bad.xlsx",
        )
    assert not (tmp_path / "bad.xlsx").exists()


def test_valuations_export_to_xlsx(tmp_path):
    methodology = default_methodology()
    delivery = Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")
    valuation = value(delivery, methodology)
    path = tmp_path / "valued.xlsx"
    export_valuations([valuation], path)
    book = openpyxl.load_workbook(path)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    record = dict(zip(rows[0], rows[1], strict=True))
    assert (
        Decimal(record["gross"]) == valuation.gross.amount
    )  # unrounded: more than 15 digits, so text
    assert record["explanation"].startswith("LCR-ENV-2: 12.5 in 2024/25 Q2")
    assert read_returns(path, framework=LCRCA).accepted == (delivery,)


# --- the command-line helpers -----------------------------------------------------------------


def test_template_and_import_commands(tmp_path):
    output = tmp_path / "return.xlsx"
    line = template_command(
        output,
        framework=LCRCA,
        contract="K-2025-014",
        commitments=[JOBS, HOURS, attrs.evolve(HOURS, id="OTHER", contract="K-9")],
    )
    assert line == (
        f"wrote {output}: a return template for contract K-2025-014 offering 27 measures, "
        "with 2 commitments listed"
    )
    filled = _fill(
        output, [["LCR-COM-1", 10, None, "2025/26 Q1"], ["LCR-COM-1", "ten", None, "2025/26 Q1"]]
    )
    code, text = import_command(
        filled,
        framework=LCRCA,
        rejected=tmp_path / "rejected.csv",
        accepted=tmp_path / "accepted.toml",
    )
    assert code == 1
    assert text.splitlines() == [
        f"{filled}, sheet Returns: 2 rows — 1 accepted, 1 rejected",
        "  row 3, column Quantity: 'ten' is not a number",
        (
            f"wrote 1 rejected row to {tmp_path / 'rejected.csv'}: correct them there and import "
            "that file again"
        ),
        f"wrote 1 accepted delivery to {tmp_path / 'accepted.toml'}",
    ]
    with pytest.raises(DataFileError, match="row 3, column Quantity: 'ten' is not a number"):
        import_command(filled, framework=LCRCA, strict=True)
    code, text = import_command(
        Path(__file__).parent / "data" / "returns" / "good.csv",
        framework=LCRCA,
        accepted=tmp_path / "accepted.xlsx",
    )
    assert code == 0
    assert len(read_returns(tmp_path / "accepted.xlsx", framework=LCRCA).accepted) == 5


def test_writes_are_atomic(tmp_path, monkeypatch):
    path = _template(tmp_path)
    before = path.read_bytes()

    def fail(_book, filename):
        Path(filename).write_bytes(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(DataFileError, match="cannot write the file: disk full"):
        make_template(path, framework=LCRCA, periods=["2025/26"])
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["template.xlsx"]
