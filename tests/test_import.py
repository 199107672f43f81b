"""Importing returns from CSV and JSON Lines: one small bad file per rule, round trips, limits.

The XLSX side (templates, workbooks, zip bombs) is in test_import_xlsx.py, which needs openpyxl.
"""

import contextlib
import csv
import datetime as dt
import json
import re
import subprocess
import sys
import tracemalloc
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from strategies import deliveries, frameworks

from socialvalue import (
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
from socialvalue._text import guard_formula, unguard_formula
from socialvalue.exceptions import MissingExtraError
from socialvalue.framework import Dimension, DimensionValue
from socialvalue.io import AcceptedRow, ImportLimits, RejectedRow, shipped_framework
from socialvalue.io._columns import (
    COLUMN_ALIASES,
    IGNORED_COLUMNS,
    RETURN_COLUMNS,
    match_columns,
    normalise_heading,
)
from socialvalue.io._export import export_valuations, write_returns
from socialvalue.io._optional import require_openpyxl
from socialvalue.io._returns import iter_returns, read_returns, write_rejected

DATA = Path(__file__).parent / "data" / "returns"
LCRCA = shipped_framework()
KNOWN_ROLES = "civic-leader, commissioner, devolved-powers, employer, investor, service-provider"

#: Files the header of which is refused: the whole file is an error.
FILE_ERRORS = {
    "unknown_column": [
        "row 1, column licnce: unknown column; expected some of " + ", ".join(RETURN_COLUMNS)
    ],
    "duplicate_column": [
        "row 1, column quantity: 'Qty' and 'quantity' both mean quantity; keep one of them"
    ],
    "missing_columns": ["row 1: missing required columns: quantity, period"],
    "empty": ["row 1: the file is empty; expected a header row naming the columns"],
    "semicolons": [
        (
            "row 1: one column heading, 'measure;quantity;period': the cells seem to be separated "
            "by ';'; on the command line give --delimiter ';', in Python delimiter=';'"
        )
    ],
    "not_utf8": [
        (
            "line 2: not utf-8 text (byte 11 of the line cannot be read); save the file as UTF-8 "
            "('CSV UTF-8' in Excel), or give its encoding"
        )
    ],
    "binary": ["line 2: binary data (NUL bytes): this is not a text file"],
    "truncated": ["row 2: not valid CSV: unexpected end of data (line 2)"],
    "stray_quote": ["row 2: not valid CSV: ',' expected after '\"' (line 2)"],
}

#: Files whose rows are rejected: each rule, with every message it gives.
ROW_ERRORS = {
    "value_without_heading": [
        (
            "row 2, column D: a value in a column with no heading; give the column a heading or "
            "move the value"
        )
    ],
    "unknown_measure": [
        (
            "row 2, column measure: unknown measure 'LCR-COM1'; did you mean 'LCR-COM-1' or "
            "'LCR-COM-4' or 'LCR-COM-3'?"
        ),
        (
            "row 3, column measure: unknown measure 'lcr-com-1'; did you mean 'LCR-COM-1'? "
            "(codes are case-sensitive)"
        ),
    ],
    "wrong_unit": [
        (
            "row 2, column unit: LCR-COM-1 is counted in 'hour', not 'days'; quantities are never "
            "converted between units"
        )
    ],
    "money_sign": [
        (
            "row 2, column quantity: '£40' is an amount of money, but LCR-COM-1 is not counted in "
            "money (its unit is 'hour')"
        ),
        "row 3, column quantity: '€40' is not in GBP, the currency LCR-COM-2 is counted in",
    ],
    "percent_sign": [
        (
            "row 2, column quantity: '50%' is a percentage, but LCR-COM-1 is not counted in "
            "percent (its unit is 'hour')"
        )
    ],
    "not_a_number": [
        (
            "row 2, column quantity: '12 hours' is not a number; write only the number (the unit "
            "goes in the unit column)"
        ),
        (
            "row 3, column quantity: '1,25' is not a number as en_GB writes them (like 1,234.5); "
            "did you mean '125' or '1.25'?"
        ),
        "row 4, column quantity: 'NaN' is not a number",
        "row 5, column quantity: '1e5' is not a number",
        "row 6, column quantity: '(5)' is not a number",
    ],
    "bad_period": [
        (
            "row 2, column period: cannot read '2022/24' as a period: the second year must follow "
            "the first (did you mean 2022/23?)"
        ),
        (
            "row 3, column period: cannot read 'Q5 2022/23' as a period; expected one of: 2022/23, "
            "2022-23, FY2022/23, 2022/23 Q3, Q3 2022/23, AY2022/23, 2022, 2022-04-01, "
            "2022-04-01..2023-03-31"
        ),
    ],
    "negative": [
        (
            "row 2, column quantity: -3 is negative; only a correction may be negative (put yes "
            "in a correction column)"
        )
    ],
    "bad_correction": [
        (
            "row 2, column quantity: -3 is negative; only a correction may be negative (put yes "
            "in a correction column)"
        ),
        "row 2, column correction: 'perhaps' is not yes or no",
    ],
    "unknown_role": [f"row 2, column role: unknown role 'landlord'; known: {KNOWN_ROLES}"],
    "required": [
        "row 2, column measure: a value is required",
        "row 2, column quantity: a value is required",
        "row 2, column period: a value is required",
    ],
}


def _framework_with_percent():
    measures = (
        Measure(code="H1", title="Hours", unit="hour", valuation="proxy", value_type="social"),
        Measure(code="G1", title="Money", unit="gbp", valuation="financial", value_type="social"),
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
            Theme(
                code="T",
                title="Theme",
                outcomes=(Outcome(code="O", title="Outcome", measures=measures),),
            ),
        ),
    )


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


# --- one small bad file per rule --------------------------------------------------------------


def test_every_fixture_has_an_expectation():
    expected = set(FILE_ERRORS) | set(ROW_ERRORS) | {"good"}
    assert {path.stem for path in DATA.glob("*.csv")} == expected


@pytest.mark.parametrize("name", sorted(FILE_ERRORS))
def test_a_bad_file_is_refused_whole(name):
    path = DATA / f"{name}.csv"
    with pytest.raises(DataFileError) as info:
        read_returns(path, framework=LCRCA)
    assert [str(problem) for problem in info.value.problems] == FILE_ERRORS[name]
    assert info.value.file == str(path)


@pytest.mark.parametrize("name", sorted(ROW_ERRORS))
def test_a_bad_row_is_rejected_with_every_reason(name):
    path = DATA / f"{name}.csv"
    result = read_returns(path, framework=LCRCA)
    assert [str(problem) for problem in result.problems()] == ROW_ERRORS[name]
    assert not result.accepted
    # nothing lost: each rejected row keeps its original cells
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    for row in result.rejected:
        original = records[row.row - 1]
        while original and not original[-1]:
            original.pop()
        assert list(row.cells) == original


@pytest.mark.parametrize("name", sorted(ROW_ERRORS))
def test_strict_mode_raises_one_error_listing_every_problem(name):
    path = DATA / f"{name}.csv"
    with pytest.raises(DataFileError) as info:
        read_returns(path, framework=LCRCA, strict=True)
    assert [str(problem) for problem in info.value.problems] == ROW_ERRORS[name]


# --- a good file, as councils write them -------------------------------------------------------


def test_a_return_written_as_councils_write_it():
    result = read_returns(DATA / "good.csv", framework=LCRCA)
    assert result.ok
    assert result.accepted_rows == (2, 3, 4, 5, 7)
    assert result.blank_rows == 1
    assert result.columns[:2] == ("Measure code", "Qty")
    hours, money, jobs, correction, hand = result.accepted
    assert hours == Delivery(
        measure="LCR-COM-1",
        quantity=Decimal(1250),
        period="2022/23 Q3",
        unit="hour",
        reporter="Acme Ltd",
        contract="K-001",
        evidence=("timesheets Q3", "payroll extract"),
        note="volunteering days",
    )
    assert (money.quantity, money.unit, money.period.label) == (Decimal(3000), "gbp", "2022/23 Q3")
    assert (jobs.quantity, jobs.unit) == (Decimal("12.5"), "fte_year")  # unit label accepted
    assert (correction.quantity, correction.correction) == (Decimal("-0.5"), True)
    assert hand.period.label == "2022-10-01..2022-12-31"
    assert hand.note == "=counted by hand"  # the CSV formula guard is undone
    assert result.summary() == (
        f"{DATA / 'good.csv'}: 5 rows — 5 accepted, 0 rejected\n1 blank row skipped"
    )


def test_other_locales_write_numbers_their_way(tmp_path):
    path = _write(
        tmp_path / "de.csv",
        "measure;quantity;period\nLCR-COM-1;1.250,5;2022/23\nLCR-COM-1;1,250.5;2022/23\n",
    )
    result = read_returns(path, framework=LCRCA, locale="de_DE", delimiter=";")
    assert [d.quantity for d in result.accepted] == [Decimal("1250.5")]
    (problem,) = result.problems()
    assert str(problem) == (
        "row 3, column quantity: '1,250.5' is not a number as de_DE writes them (like 1.234,5); "
        "did you mean '1,2505' or '1.250,5'?"
    )
    french = _write(tmp_path / "fr.csv", "measure,quantity,period\nLCR-COM-1,1 250,2022/23\n")
    (delivery,) = read_returns(french, framework=LCRCA, locale="fr_FR").accepted
    assert delivery.quantity == Decimal(1250)


def test_percent_and_currency_signs_only_where_the_unit_allows(tmp_path):
    path = _write(
        tmp_path / "signs.csv",
        'measure,quantity,period\nP1,12.5%,2022/23\nG1,"£1,250.50",2022/23\nG1,-£5,2022/23\n'
        "G1,GBP 7,2022/23\nH1,3,2022/23\n",
    )
    result = read_returns(path, framework=_framework_with_percent())
    assert [d.quantity for d in result.accepted] == [
        Decimal("12.5"),
        Decimal("1250.50"),
        Decimal(7),
        Decimal(3),
    ]
    assert [str(p) for p in result.problems()] == [
        (
            "row 4, column quantity: -5 is negative; only a correction may be negative (put yes "
            "in a correction column)"
        )
    ]


def test_a_cp1252_csv_reads_when_its_encoding_is_given():
    result = read_returns(DATA / "not_utf8.csv", framework=LCRCA, encoding="cp1252")
    (delivery,) = result.accepted
    assert delivery.quantity == Decimal(40)


def test_bad_options_are_validation_errors(tmp_path):
    path = DATA / "good.csv"
    with pytest.raises(ValidationError, match="unknown locale 'xx_YY'"):
        read_returns(path, framework=LCRCA, locale="xx_YY")
    with pytest.raises(ValidationError, match="cannot be read line by line"):
        read_returns(path, framework=LCRCA, encoding="utf-16")
    with pytest.raises(ValidationError, match="unknown encoding"):
        read_returns(path, framework=LCRCA, encoding="no-such-codec")
    with pytest.raises(ValidationError, match="expected one character"):
        read_returns(path, framework=LCRCA, delimiter=";;")
    with pytest.raises(DataFileError, match=r"unknown file type '\.xls'.*save it as \.xlsx"):
        read_returns(tmp_path / "returns.xls", framework=LCRCA)
    with pytest.raises(DataFileError, match="cannot read the file"):
        read_returns(tmp_path / "missing.csv", framework=LCRCA)


# --- headers ---------------------------------------------------------------------------------


def test_headings_match_whatever_the_case_spacing_and_notes():
    assert normalise_heading(" Quantity (hours)* ") == "quantity"
    assert normalise_heading("Measure_Code") == "measure code"
    headings = ["MEASURE-CODE", "qty", "Financial Year", "Supplier Name", "Comments", "Problems"]
    columns, problems = match_columns(headings, max_columns=100)
    assert problems == []
    assert columns.fields[:5] == ("measure", "quantity", "period", "reporter", "note")
    assert columns.ignored == ("Problems",)


def test_every_alias_is_unique_and_names_a_column():
    seen = {}
    for column, aliases in COLUMN_ALIASES.items():
        assert column in RETURN_COLUMNS
        for alias in (column, *aliases):
            key = normalise_heading(alias)
            assert key not in seen, (alias, seen.get(key))
            seen[key] = column
    assert not {normalise_heading(c) for c in IGNORED_COLUMNS} & set(seen)


def test_a_close_heading_is_suggested():
    _, problems = match_columns(["measure", "quantty", "period"], max_columns=100)
    assert str(problems[0]) == (
        "row 1, column quantty: unknown column; did you mean 'quantity'? expected some of "
        + ", ".join(RETURN_COLUMNS)
    )
    _, problems = match_columns(["measure", "qty", "periods"], max_columns=100)
    assert "did you mean 'period'?" in str(problems[0])
    _, problems = match_columns(["measure", "qty", "period", "notess"], max_columns=100)
    assert "did you mean 'notes' (the note column)?" in str(problems[0])


# --- limits ----------------------------------------------------------------------------------


def test_limits_on_untrusted_input(tmp_path):
    path = _write(
        tmp_path / "r.csv",
        "measure,quantity,period,note\n" + "LCR-COM-1,1,2022/23,a long enough note\n" * 3,
    )
    with pytest.raises(DataFileError, match="row 4: more than 2 rows; that is the limit"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_rows=2))
    with pytest.raises(DataFileError, match="file is larger than the limit of 50 bytes"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_bytes=50))
    with pytest.raises(DataFileError, match="line 2: the line is longer than the limit of 30"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_line_bytes=30))
    with pytest.raises(DataFileError, match="row 1: 4 columns; the limit is 3"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_columns=3))
    result = read_returns(path, framework=LCRCA, limits=ImportLimits(max_cell_chars=10))
    assert next(str(p) for p in result.problems()) == (
        "row 2, column note: the cell holds 18 characters; the limit is 10"
    )
    assert result.rejected[0].cells[3] == "a long enough note"  # kept whole, never trimmed
    with pytest.raises(ValueError, match="max_rows: expected a whole number of at least 1"):
        ImportLimits(max_rows=0)


def test_a_cell_larger_than_csv_reads_is_a_file_error(tmp_path):
    path = _write(
        tmp_path / "r.csv", "measure,quantity,period\nLCR-COM-1,1," + "x" * 200_000 + "\n"
    )
    with pytest.raises(DataFileError, match="row 2: not valid CSV: a cell is longer than"):
        read_returns(path, framework=LCRCA)


def test_streaming_memory_does_not_grow_with_the_file(tmp_path):
    row = "LCR-COM-1,12.5,hour,2022/23 Q3,Supplier A,,K-1,,UK,evidence,,no,,a note\n"
    header = ",".join(RETURN_COLUMNS) + "\n"

    def peak(rows):
        path = tmp_path / f"{rows}.csv"
        with path.open("w", encoding="utf-8") as handle:
            handle.write(header)
            for _ in range(rows):
                handle.write(row)
        tracemalloc.start()
        try:
            with iter_returns(path, framework=LCRCA) as stream:
                count = sum(isinstance(item, AcceptedRow) for item in stream)
            return count, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(10)  # warm up: locale data, caches
    small_count, small = peak(2_000)
    large_count, large = peak(20_000)
    assert (small_count, large_count) == (2_000, 20_000)
    assert large < small + 64 * 1024, (small, large)  # ten times the rows, not more memory
    assert large < 1024 * 1024


def test_iter_returns_streams_rows_in_order():
    with iter_returns(DATA / "bad_period.csv", framework=LCRCA) as rows:
        assert rows.columns == ("measure", "quantity", "period")
        items = list(rows)
    assert [type(item) for item in items] == [RejectedRow, RejectedRow]
    assert [item.row for item in items] == [2, 3]
    assert items[0].cell("period") == "2022/24"
    with pytest.raises(KeyError):
        items[0].cell("nope")


# --- rejected rows: written, corrected, imported again -----------------------------------------


def test_rejected_rows_are_written_corrected_and_imported_again(tmp_path):
    result = read_returns(DATA / "not_a_number.csv", framework=LCRCA)
    out = tmp_path / "rejected.csv"
    assert write_rejected(result, out) == 5
    with out.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    assert records[0] == ["measure", "quantity", "period", "problems"]
    assert records[1] == [
        "LCR-COM-1",
        "12 hours",
        "2022/23",
        (
            "row 2, column quantity: '12 hours' is not a number; write only the number (the unit "
            "goes in the unit column)"
        ),
    ]
    again = read_returns(out, framework=LCRCA)
    assert again.ignored_columns == ("problems",)
    assert len(again.rejected) == 5
    for record in records[1:]:
        record[1] = "12"
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)
    records[5][:3] = ["", "", ""]  # a row given up: only its old problems are left
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)
    fixed = read_returns(out, framework=LCRCA)
    assert fixed.ok
    assert [d.quantity for d in fixed.accepted] == [Decimal(12)] * 4
    assert fixed.blank_rows == 1
    # a second round replaces the old problems column rather than adding another
    write_rejected(again, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle)) == ["measure", "quantity", "period", "problems"]


def test_rejected_rows_keep_cells_beyond_the_header(tmp_path):
    result = read_returns(DATA / "value_without_heading.csv", framework=LCRCA)
    out = tmp_path / "rejected.csv"
    write_rejected(result.rejected, out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.reader(handle))
    assert records[0] == ["measure", "quantity", "period", "", "problems"]
    assert records[1][:4] == ["LCR-COM-1", "1", "2022/23", "surplus"]


def test_write_rejected_refuses_what_it_cannot_write(tmp_path):
    with pytest.raises(ValueError, match="no rejected rows"):
        write_rejected([], tmp_path / "x.csv")
    result = read_returns(DATA / "negative.csv", framework=LCRCA)
    with pytest.raises(DataFileError, match=r"written as \.csv or \.xlsx"):
        write_rejected(result, tmp_path / "x.txt")
    other = attrs.evolve(result.rejected[0], columns=("a", "b"))
    with pytest.raises(ValueError, match="different columns"):
        write_rejected([result.rejected[0], other], tmp_path / "x.csv")


# --- exports re-import to the same records ------------------------------------------------------


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
    drawn = draw(st.lists(deliveries(measures=framework.measure_codes()), max_size=6))
    return framework, drawn


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frameworks_and_deliveries())
def test_exports_reimport_to_the_same_deliveries(tmp_path, drawn):
    framework, items = drawn
    for name in ("out.csv", "out.jsonl"):
        path = tmp_path / name
        assert write_returns(items, path) == len(items)
        result = read_returns(path, framework=framework)
        assert result.problems() == ()
        assert list(result.accepted) == items


def test_the_csv_export_guards_against_formula_injection(tmp_path):
    delivery = Delivery(
        measure="LCR-COM-1",
        quantity="-3",
        correction=True,
        period="2023/24",
        reporter='=HYPERLINK("http://evil")',
        note="+44 151 000 0000",
        evidence=("@SUM(1)", "'quoted"),
    )
    path = tmp_path / "out.csv"
    write_returns([delivery], path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    cells = dict(zip(header, row, strict=True))
    assert cells["reporter"] == '\'=HYPERLINK("http://evil")'
    assert cells["note"] == "'+44 151 000 0000"
    assert cells["evidence"] == "'@SUM(1)\n'quoted"  # the cell is guarded as a whole
    assert cells["quantity"] == "-3"  # a plain number needs no guard
    (back,) = read_returns(path, framework=LCRCA).accepted
    assert back == delivery


@given(st.text())
def test_formula_guard_round_trips(text):
    assert unguard_formula(guard_formula(text)) == text
    # Only a plain signed number (which a spreadsheet reads as that number) goes unguarded.
    plain_number = re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", text) is not None
    assert guard_formula(text)[:1] not in ("=", "+", "-", "@", "\t", "\r") or plain_number


def test_deliveries_a_file_cannot_give_back_are_refused(tmp_path):
    bad = [
        Delivery(measure="LCR-COM-1", quantity="1", period="2023/24", contract=" K1"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2023/24", evidence=("a\nb",)),
        Delivery(measure="LCR-COM-1", quantity="1", period="2023/24", role=""),
    ]
    with pytest.raises(ValidationError) as info:
        write_returns(bad, tmp_path / "out.csv")
    assert [str(p) for p in info.value.problems] == [
        "[0].contract: ' K1' has spaces at either end, which import ignores",
        "[1].evidence[0]: 'a\\nb' is blank or holds a line break; lists are written one item a line",
        "[2].role: is empty text, which import reads as none",
    ]
    assert not (tmp_path / "out.csv").exists()
    write_returns(bad, tmp_path / "out.jsonl")  # JSON keeps everything
    assert read_returns(tmp_path / "out.jsonl", framework=LCRCA).problems()[0].message == (
        "unknown role ''; known: " + KNOWN_ROLES
    )
    with pytest.raises(DataFileError, match=r"unknown file type '\.txt'"):
        write_returns(bad, tmp_path / "out.txt")


def test_valuations_export_flattened_and_reimport_as_their_deliveries(tmp_path):
    methodology = default_methodology()
    batch = [
        Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2", reporter="A"),
        Delivery(measure="LCR-COM-1", quantity="1250", period="2022/23 Q1", evidence=("x", "y")),
        Delivery(measure="LCR-ENV-1", quantity="3", period="2023/24"),
    ]
    valuations = [value(d, methodology) for d in batch]
    assert any(not v.monetised for v in valuations)
    csv_path = tmp_path / "valued.csv"
    assert export_valuations(valuations, csv_path) == len(valuations)
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        records = list(csv.DictReader(handle))
    first = records[0]
    assert Decimal(first["gross"]) == valuations[0].gross.amount
    assert first["methodology"] == str(methodology.ref)
    assert first["explanation"] == valuations[0].explain()
    back = read_returns(csv_path, framework=LCRCA)
    assert back.ignored_columns == (
        "methodology",
        "currency",
        "gross",
        "net",
        "present_value",
        "explanation",
    )
    assert list(back.accepted) == batch
    jsonl = tmp_path / "valued.jsonl"
    export_valuations(valuations, jsonl)
    record = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert record["gross"] == str(valuations[0].gross.amount)
    assert record["methodology"]["id"] == methodology.ref.id
    assert [step["name"] for step in record["explanation"]] == [
        step.name for step in valuations[0].working()
    ]
    # Each step's English words, never a phrase's key and values (those are for a locale).
    assert [step["text"] for step in record["explanation"]] == [
        step.text for step in valuations[0].working()
    ]
    assert all("phrase" not in step for step in record["explanation"])
    assert list(read_returns(jsonl, framework=LCRCA).accepted) == batch


# --- JSON Lines ------------------------------------------------------------------------------


def test_bad_json_lines_are_rejected_with_their_line(tmp_path):
    path = _write(
        tmp_path / "r.jsonl",
        '{"measure": "LCR-COM-1", "quantity": "2", "period": "2023/24"}\n'
        "\n"
        '{"measure": "LCR-COM-1", "quantity": 2.5, "period": "2023/24", "colour": "red"}\n'
        "[1, 2]\n"
        "{not json\n"
        '{"measure": "LCR-COM-1", "quantity": NaN, "period": "2023/24"}\n'
        '{"measure": "LCR-XX", "quantity": "1", "period": "2023/24", "unit": "day"}\n'
        '{"quantity": "1", "period": "2023/25"}\n',
    )
    result = read_returns(path, framework=LCRCA)
    assert result.accepted_rows == (1,)
    assert result.blank_rows == 1
    assert [str(p) for p in result.problems()] == [
        (
            "line 3, key colour: unknown key; expected one of measure, quantity, period, unit, "
            "reporter, project, contract, role, geography, evidence, tags, correction, id, note, "
            "status"
        ),
        "line 4: expected a JSON object (one delivery per line)",
        "line 5: not valid JSON: Expecting property name enclosed in double quotes (column 2)",
        "line 6: not valid JSON: NaN is not a number socialvalue accepts",
        (
            "line 7, key measure: unknown measure 'LCR-XX'; did you mean 'LCR-SPD-2' or 'LCR-SPD-1' "
            "or 'LCR-SKL-7'?"
        ),
        "line 8, key measure: required key is missing",
        (
            "line 8, key period: cannot read '2023/25' as a period: the second year must follow "
            "the first (did you mean 2023/24?)"
        ),
    ]
    assert result.rejected[0].cells == (
        '{"measure": "LCR-COM-1", "quantity": 2.5, "period": "2023/24", "colour": "red"}',
    )
    with pytest.raises(DataFileError, match="line 3: more than 1 rows; that is the limit"):
        read_returns(path, framework=LCRCA, limits=ImportLimits(max_rows=1))


# --- robustness: only the library's own errors ---------------------------------------------------

_CELL = st.one_of(
    st.text(st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(
        ["LCR-COM-1", "LCR-COM-2", "1,250", "£3,000", "12.5", "-1", "2022/23 Q3", "yes", "=1+1"]
    ),
)
_HEADINGS = st.lists(
    st.one_of(
        st.sampled_from([*RETURN_COLUMNS, "Qty", "Supplier", "problems", ""]), st.text(max_size=8)
    ),
    max_size=8,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_HEADINGS, st.lists(st.lists(_CELL, max_size=9), max_size=8))
def test_arbitrary_rows_never_raise_anything_but_library_errors(tmp_path, header, rows):
    path = tmp_path / "any.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["measure", "quantity", "period", *header])
        writer.writerows(rows)
    try:
        result = read_returns(path, framework=LCRCA)
    except SocialValueError:
        return
    assert result.rows + result.blank_rows == len(rows)  # every row accounted for
    for rejected in result.rejected:
        assert rejected.problems


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300), st.sampled_from(["x.csv", "x.jsonl"]))
def test_arbitrary_bytes_never_raise_anything_but_library_errors(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    with contextlib.suppress(SocialValueError):
        read_returns(path, framework=LCRCA)


# --- the optional extra --------------------------------------------------------------------------


def test_xlsx_without_the_extra_names_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r'pip install "socialvalue\[xlsx\]"'):
        require_openpyxl()
    with pytest.raises(MissingExtraError, match=r"'openpyxl'"):
        write_returns([], tmp_path / "out.xlsx")
    assert issubclass(MissingExtraError, ImportError)
    assert issubclass(MissingExtraError, SocialValueError)


def test_xlsx_refuses_to_read_without_defusedxml_protection(monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.setattr(openpyxl, "DEFUSEDXML", False)
    with pytest.raises(MissingExtraError, match="defusedxml protecting the XML parser"):
        require_openpyxl()


def test_the_import_modules_do_not_import_openpyxl():
    code = (
        "import sys, socialvalue.io._returns, socialvalue.io._export, socialvalue.cli._import; "
        "print(sorted(m for m in sys.modules if m.startswith(('openpyxl', 'defusedxml'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_quantities_too_large_to_keep_exact_are_rejected(tmp_path):
    path = _write(
        tmp_path / "r.csv",
        "measure,quantity,period\nLCR-COM-1,1" + "0" * 30 + ",2022/23\n",
    )
    (problem,) = read_returns(path, framework=LCRCA).problems()
    assert str(problem).startswith(f"row 2, column quantity: 1{'0' * 30} is too large (")


def test_exports_are_written_with_an_ordinary_file_mode(tmp_path):
    import os

    umask = os.umask(0)
    os.umask(umask)
    path = tmp_path / "out.csv"
    write_returns([Delivery(measure="LCR-COM-1", quantity="1", period="2023/24")], path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left


def test_an_unwritable_export_is_a_library_error(tmp_path):
    with pytest.raises(DataFileError, match="cannot write the file"):
        write_returns([], tmp_path / "no-such-folder" / "out.csv")


def test_a_period_cell_may_be_a_single_day(tmp_path):
    path = _write(tmp_path / "r.csv", "measure,quantity,period\nLCR-COM-1,2,2023-05-04\n")
    (delivery,) = read_returns(path, framework=LCRCA).accepted
    assert delivery.period.start == dt.date(2023, 5, 4)
