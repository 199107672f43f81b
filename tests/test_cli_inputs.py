"""The command line as a council officer meets it: the files they have, the paths they type.

Each wrong invocation ends in one line on standard error, naming the fix, with no traceback.
"""

import json
import shutil
from pathlib import Path

import pytest

import socialvalue as sv
from socialvalue.cli import main

DATA = Path(__file__).parent / "data" / "returns"
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(DATA / "good.csv", tmp_path / "returns.csv")
    shutil.copy(DATA / "not_a_number.csv", tmp_path / "bad-returns.csv")
    shutil.copy(EXAMPLES / "hr3-returns.toml", tmp_path / "deliveries.toml")
    shutil.copy(EXAMPLES / "lcrca-progress.toml", tmp_path / "progress.toml")
    (tmp_path / "notes.txt").write_text("hello\n", encoding="utf-8")
    (tmp_path / "semi.csv").write_text("measure;quantity;period\nLCR-EMP-1;2;2022/23\n")
    (tmp_path / "existing").mkdir()
    return tmp_path


#: (arguments, a fragment of the one-line error, exit code)
BAD = [
    (["report", "-o", "out.csv"], "-o out-csv --format csv", 2),
    (["report", "--format", "csv", "-o", "out.html"], "give a folder, e.g. -o out-csv", 2),
    (["report", "--format", "md", "-o", "out.html"], "name the file out.md", 2),
    (["report", "-o", "existing"], "a folder is written only for --format csv", 2),
    (["report", "-o", "out.docx"], "unknown extension .docx", 2),
    (["report", "notes.txt"], "expected deliveries as .toml, .json or returns as", 2),
    (["value", "missing.csv"], "missing.csv", 1),
    (["report", "deliveries.toml", "--rejected", "r.csv"], "leave out --rejected", 2),
    (["explain", "LCR-COM-9"], "did you mean", 1),
    (["explain", "LCR-COM-2", "--project", "Nope"], "--project one of 'Adult Education", 1),
    (
        ["template", "t.xlsx", "--contract", "K-1", "--commitments", "progress.toml"],
        "no commitments for contract K-1",
        2,
    ),
    (["commitments", "--quarter", "2024/25"], "is not a quarter such as", 2),
    # A CSV separated by ';': the fix names this command's own --delimiter, which it has.
    (["report", "semi.csv", "-o", "r.html"], "give --delimiter ';'", 1),
    (["value", "semi.csv"], "give --delimiter ';'", 1),
    (["validate", "semi.csv"], "give --delimiter ';'", 1),
    (["explain", "LCR-EMP-1", "--deliveries", "semi.csv"], "give --delimiter ';'", 1),
]


@pytest.mark.parametrize(("arguments", "fragment", "code"), BAD, ids=lambda v: str(v)[:40])
@pytest.mark.usefixtures("folder")
def test_bad_invocations_end_in_one_line_naming_the_fix(capsys, arguments, fragment, code):
    assert main(arguments) == code
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert fragment in lines[0]


@pytest.mark.parametrize(
    "arguments",
    [
        ["report", "semi.csv", "-o", "r.html"],
        ["value", "semi.csv"],
        ["validate", "semi.csv"],
        ["explain", "LCR-EMP-1", "--deliveries", "semi.csv"],
        ["commitments", "--deliveries", "semi.csv", "--quarter", "2022/23 Q4"],
    ],
    ids=lambda v: v[0],
)
@pytest.mark.usefixtures("folder")
def test_every_command_reading_returns_takes_the_delimiter_its_hint_names(arguments, capsys):
    assert main([*arguments, "--delimiter", ";"]) == 0, capsys.readouterr().err


def test_report_to_pdf_without_the_extra_is_one_line_naming_it(folder, capsys, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "weasyprint", None)
    assert main(["report", "-o", "out.pdf"]) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(lines) == 1
    assert 'pip install "socialvalue[pdf]"' in lines[0]
    assert not (folder / "out.pdf").exists()  # no HTML written into a .pdf


def test_the_invocations_the_issue_found_broken_now_work(folder, capsys):
    """Each of these ended in a traceback or a wrong file; each now does what it says."""
    from openpyxl import load_workbook

    assert main(["template", "returns.xlsx", "--contract", "K-2025-014"]) == 0
    assert main(["template", "empty.xlsx"]) == 0
    book = load_workbook(folder / "returns.xlsx")
    sheet = book["Returns"]
    headings = [cell.value for cell in sheet[1]]
    row = {"Measure": "LCR-COM-1", "Quantity": 12, "Period": "2024/25 Q1"}
    for column, heading in enumerate(headings, start=1):
        if heading in row:
            sheet.cell(row=2, column=column, value=row[heading])
    book.save(folder / "filled.xlsx")
    assert main(["report", "filled.xlsx", "-o", "filled.html"]) == 0  # was: "not UTF-8 text"
    assert main(["value", "returns.csv"]) == 0  # was: "expected .toml or .json"
    assert main(["explain", "lcr-com-2"]) == 0  # was: no suggestion
    assert main(["report", "-o", "tables", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert (folder / "filled.html").is_file()
    assert (folder / "tables").is_dir()


def test_output_extension_decides_the_format(folder, capsys):
    assert main(["report", "-o", "r.md"]) == 0
    assert Path("r.md").read_text(encoding="utf-8").startswith("# ")
    assert main(["report", "-o", "tables", "--format", "csv"]) == 0
    assert "into the folder tables/" in capsys.readouterr().out
    assert (folder / "tables" / "by_role.csv").is_file()


def test_report_reads_returns_and_summarises_rejected_rows(folder, capsys):
    # Every row of bad-returns.csv is rejected: no report of nothing, but the rows to correct.
    assert main(["report", "bad-returns.csv", "-o", "r.html", "--rejected", "fix.csv"]) == 1
    captured = capsys.readouterr()
    assert "rejected" in captured.err
    assert "nothing to value or report" in captured.err
    assert not (folder / "r.html").exists()
    assert "written to fix.csv" in captured.err
    assert "problems" in (folder / "fix.csv").read_text(encoding="utf-8").splitlines()[0]
    assert main(["value", "returns.csv"]) == 0
    assert "Returns from returns.csv: 5 deliveries" in capsys.readouterr().out


def test_another_councils_report_has_neither_the_lcrca_name_nor_its_commitments(folder):
    shutil.copy(EXAMPLES / "demo-council-framework.toml", folder / "demo.toml")
    # The LCRCA's name and commitments come with the LCRCA framework only.
    from socialvalue.cli._context import authority_of, commitments_for
    from socialvalue.io import load_framework, shipped_framework

    demo = load_framework(folder / "demo.toml")
    assert authority_of(demo) == "Demo Council"
    assert len(commitments_for(demo, ())) == 0
    assert len(commitments_for(shipped_framework(), ())) > 0
    assert len(commitments_for(demo, ("lcrca",))) > 0
    assert len(commitments_for(shipped_framework(), (), none=True)) == 0


@pytest.mark.usefixtures("folder")
def test_explain_matches_codes_without_case(capsys):
    assert main(["explain", "lcr-com-2", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["measure"] == "LCR-COM-2"
    assert document["groups"][0]["explanation"].startswith("LCR-COM-2:")


@pytest.mark.usefixtures("folder")
def test_value_and_commitments_as_json(capsys):
    assert main(["value", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    total = sv.value_many(sv.io.example_deliveries(), sv.default_methodology(), unvalued="report")
    assert document["totals"]["present_value"]["amount"] == str(total.total_present_value().amount)
    assert document["not_valued"]
    assert main(["commitments", "--format", "json", "--quarter", "2025/26 Q1"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["quarter"] == "2025/26 Q1"
    assert {c["rag"] for c in summary["commitments"]} <= {
        "red",
        "amber",
        "green",
        "complete",
        "withdrawn",
        "not_started",
    }


def test_template_with_no_options_offers_this_years_quarters(folder, capsys):
    from openpyxl import load_workbook

    assert main(["template", "t.xlsx", "--contract", "K-2025-014"]) == 0
    assert "and 4 periods" in capsys.readouterr().out
    book = load_workbook(folder / "t.xlsx")
    sheet = book["Returns"]
    headings = [cell.value for cell in sheet[1]]
    column = headings.index("Contract") + 1
    assert sheet.cell(row=2, column=column).value == "K-2025-014"
    assert sheet.cell(row=501, column=column).value == "K-2025-014"
    periods = [row[0].value for row in book["Lists"].iter_rows(min_row=2, max_col=2, min_col=2)]
    assert len([p for p in periods if p]) == 4
    # The unused pre-filled rows are not data: the blank template imports with no rows.
    assert main(["import", "t.xlsx"]) == 0
    out = capsys.readouterr().out
    assert "0 rows" in out
    assert "blank" not in out


@pytest.mark.parametrize("name", ["returns.csv", "returns.toml", "returns"])
def test_template_refuses_a_name_that_is_not_a_workbook(folder, capsys, name):
    # It wrote an XLSX workbook under any name: returns.csv then read as binary text.
    (folder / "returns.csv").write_text("keep me\n", encoding="utf-8")
    before = (folder / "returns.csv").read_bytes()
    assert main(["template", name, "--period", "2024/25 Q1"]) == 2
    assert "name it .xlsx" in capsys.readouterr().err
    assert (folder / "returns.csv").read_bytes() == before
    assert not (folder / "returns").exists()
    assert not (folder / "returns.toml").exists()


@pytest.mark.usefixtures("folder")
def test_template_counts_in_words_that_agree(capsys):
    assert main(["template", "t.XLSX", "--period", "2024/25 Q1", "--measure", "LCR-EMP-1"]) == 0
    assert "offering 1 measure and 1 period" in capsys.readouterr().out


def test_the_rejected_rows_workbook_keeps_dropdowns_and_number_types(folder):
    from openpyxl import Workbook, load_workbook

    from socialvalue.io import read_returns, shipped_framework, write_rejected

    book = Workbook()
    sheet = book.active
    sheet.append(["Measure", "Quantity", "Period", "Role"])
    sheet.append(["LCR-COM-9", "12.5", "2024/25 Q1", "employer"])  # unknown measure
    sheet.append(["LCR-COM-1", "ten", "2024/25 Q1", "employer"])  # not a number
    book.save(folder / "in.xlsx")
    result = read_returns(folder / "in.xlsx", framework=shipped_framework())
    assert write_rejected(result, folder / "out.xlsx", framework=shipped_framework()) == 2
    written = load_workbook(folder / "out.xlsx")
    rows = written["Rejected rows"]
    assert rows["B2"].value == 12.5  # a number, not the text '12.5'
    assert rows["B2"].data_type == "n"
    assert rows["B3"].value == "ten"
    ranges = {str(v.sqref): v.formula1 for v in rows.data_validations.dataValidation}
    assert set(ranges) == {"A2:A103", "D2:D103"}
    assert written["Lists"].sheet_state == "hidden"
    codes = [c.value for c in written["Lists"]["A"] if c.value]
    assert "LCR-COM-1" in codes


@pytest.mark.parametrize("command", ["report", "value"])
def test_a_returns_file_none_of_whose_rows_is_accepted_is_an_error_not_a_report_of_nothing(
    tmp_path, capsys, command
):
    bad = tmp_path / "bad.csv"
    bad.write_text("measure,quantity,period\nLCR-XXX,1,2022/23\nLCR-COM-1,abc,2022/23\n")
    output = tmp_path / "report.html"
    arguments = [command, str(bad), "--no-progress"]
    if command == "report":
        arguments += ["-o", str(output)]
    assert main(arguments) == 1
    err = capsys.readouterr().err
    assert "2 rows rejected" in err
    assert "none of its 2 rows was accepted, so there is nothing to value or report" in err
    assert "Traceback" not in err
    assert not output.exists()
    # One good row is enough: the command runs and says what it left out.
    bad.write_text("measure,quantity,period\nLCR-XXX,1,2022/23\nLCR-COM-1,5,2022/23\n")
    assert main(arguments) == 0
    assert "1 row rejected" in capsys.readouterr().err


#: Returns that exercise every part of a report: overlapping measures (LCR-COM-3 overlaps
#: LCR-COM-1, LCR-ENV-1 LCR-ENV-2), a measure with no value (LCR-EMP-1), evidence of one and
#: of several lines shared by rows, commitment tags, contracts, roles, projects, a grouped
#: quantity, a unit by its display name, rows only the row reader reads (a quantity with
#: spaces, a period written 2022-23) and a rejected row.
MIXED_RETURNS = (
    "measure,quantity,unit,period,project,contract,role,geography,evidence,tags\n"
    'LCR-COM-1,120,,2024/25 Q1,Parks,K1,employer,,"timesheets Q1\ninvoice 7",\n'
    "LCR-COM-3,40,,2024/25 Q1,Parks,K1,employer,,timesheets Q1,\n"
    'LCR-COM-3,"1,250.50",,2024/25 Q2,Parks,,commissioner,,"payroll\n\ntimesheets Q1",\n'
    "LCR-EMP-1,3,,2024/25 Q1,Depot,K1,employer,,contract return,\n"
    "LCR-EMP-1,2,,2024/25 Q2,Depot,,service-provider,,,commitment:K2/JOBS\n"
    "LCR-EMP-1,1,,2024/25 Q3,Depot,,service-provider,,,\n"
    "LCR-ENV-2,12.5,,2024/25 Q2,Fleet,,investor,Liverpool City Region,fuel cards,\n"
    "LCR-ENV-1,4,,2024/25 Q2,Fleet,,investor,Liverpool City Region,,\n"
    "LCR-SKL-7,30,,2024/25 Q3,Depot,K1,employer,,certificates,\n"
    "LCR-COM-2, 7 ,,2022-23,Parks,,commissioner,,,\n"
    "LCR-COM-1,5,,2024/25 Q4,Parks,K1,employer,,timesheets Q4,\n"
    "LCR-COM-1,lots,,2024/25 Q4,Parks,,employer,,,\n"
)

MIXED_COMMITMENTS = """\
schema = "socialvalue/commitments/1"
title = "Commitments on two contracts, and an aspiration"

[[commitments]]
id = "K1/JOBS"
kind = "contractual"
title = "Local residents employed on the contract"
contract = "K1"
measure = "LCR-EMP-1"
target = "24"
start = 2024-04-01
due = 2026-03-31

[[commitments]]
id = "K2/JOBS"
kind = "contractual"
title = "Jobs on the second contract"
contract = "K2"
measure = "LCR-EMP-1"
target = "4"
start = 2024-04-01
due = 2025-03-31

[[commitments]]
id = "FA/CARBON"
kind = "future_aspiration"
title = "Carbon saved by the fleet"
role = "investor"
measure = "LCR-ENV-2"
target = "50"
start = 2024-04-01
due = 2025-03-31

[[commitments]]
id = "K1/HOURS"
kind = "contractual"
title = "Volunteering hours"
contract = "K1"
measure = "LCR-COM-1"
target = "100"
start = 2024-04-01
due = 2025-03-31
"""


@pytest.mark.parametrize("commitments", [True, False], ids=["commitments", "shipped"])
def test_a_report_of_a_csv_valued_in_the_engine_is_the_report_of_its_deliveries(
    tmp_path, monkeypatch, capsys, commitments
):
    """``report returns.csv`` values a CSV's rows in the engine and builds only the rows that
    could count towards a commitment: every file it writes is, byte for byte, the one built
    from every row's delivery (the path a TOML delivery set takes)."""
    from socialvalue.cli import _inputs

    monkeypatch.chdir(tmp_path)
    Path("returns.csv").write_text(MIXED_RETURNS, encoding="utf-8")
    Path("promised.toml").write_text(MIXED_COMMITMENTS, encoding="utf-8")
    options = ["--commitments", "promised.toml"] if commitments else []
    built: list[int] = []
    real = _inputs.Deliveries.__init__

    def spy(self, *args, **kwargs):
        real(self, *args, **kwargs)
        some = self.some
        if some is not None:

            def counted(where):
                found = some(where)
                built.append(len(found))
                return found

            self.some = counted

    monkeypatch.setattr(_inputs.Deliveries, "__init__", spy)
    Path("engine").mkdir()
    Path("objects").mkdir()
    assert main(["report", "returns.csv", "-o", "engine/report.html", *options]) == 0
    monkeypatch.setattr(_inputs, "read_frame", lambda *_args, **_kwargs: None)
    assert main(["report", "returns.csv", "-o", "objects/report.html", *options]) == 0
    # The engine's run built only the rows of LCR-EMP-1, LCR-ENV-2 and LCR-COM-1 (the
    # commitments' measures; the tagged row is one); with the shipped commitments, which count
    # no measure, only the tagged row.
    assert built == ([6] if commitments else [1])
    engine = sorted(p.relative_to("engine") for p in Path("engine").rglob("*") if p.is_file())
    objects = sorted(p.relative_to("objects") for p in Path("objects").rglob("*") if p.is_file())
    assert engine == objects
    assert len(engine) > 5
    for name in engine:
        assert (Path("engine") / name).read_bytes() == (Path("objects") / name).read_bytes(), name
    annex = (Path("engine") / "report-annex.html").read_text(encoding="utf-8")
    assert "invoice 7" in annex  # evidence of a valued group, in the appendix
    out = capsys.readouterr().out
    assert out.count("wrote ") == 2


#: A quantity the import rules accept (at most 15 digits before the point and 20 after) but
#: the engine cannot sum exactly (more than 18 digits in all).
LONG_QUANTITY_RETURNS = (
    "measure,quantity,period,evidence\n"
    "LCR-COM-1,1234567890.123456789,2024/25 Q1,timesheets\n"
    "LCR-COM-1,5,2024/25 Q1,invoice 7\n"
    "LCR-ENV-2,12.5,2024/25 Q2,\n"
)


@pytest.mark.parametrize("command", ["report", "value"])
def test_a_quantity_the_import_accepts_but_the_engine_cannot_sum_is_valued_as_objects(
    tmp_path, monkeypatch, capsys, command
):
    """``report returns.csv`` and ``value returns.csv`` ended in an AssertionError traceback
    ("rows accepted on import were rejected when valued") when a row the import rules accept
    had more digits than the engine sums exactly (19 here): they value the deliveries instead,
    and say and write what the object path does."""
    from socialvalue.cli import _inputs

    monkeypatch.chdir(tmp_path)
    Path("returns.csv").write_text(LONG_QUANTITY_RETURNS, encoding="utf-8")
    outputs = {}
    for path in ("engine", "objects"):
        Path(path).mkdir()
        if path == "objects":
            monkeypatch.setattr(_inputs, "read_frame", lambda *_args, **_kwargs: None)
        arguments = ["-o", f"{path}/report.html"] if command == "report" else []
        assert main([command, "returns.csv", *arguments]) == 0
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        outputs[path] = captured.out.replace(path, "")
    assert outputs["engine"] == outputs["objects"]
    written = sorted(p.relative_to("engine") for p in Path("engine").rglob("*") if p.is_file())
    for name in written:
        assert (Path("engine") / name).read_bytes() == (Path("objects") / name).read_bytes()


def test_a_quantity_of_minus_zero_is_reported_as_zero_on_both_paths(tmp_path, monkeypatch, capsys):
    """A lone row of quantity ``-0`` (accepted: it is not below zero) was reported as ``-0``
    with ``-0.00`` of value from its delivery, and as ``0`` and ``0.00`` from the engine's
    sums, so the two paths' files differed: -0 is read as 0."""
    from socialvalue.cli import _inputs

    monkeypatch.chdir(tmp_path)
    Path("returns.csv").write_text(
        "measure,quantity,period\nLCR-COM-1,-0,2024/25\nLCR-ENV-2,3,2024/25 Q1\n",
        encoding="utf-8",
    )
    for path in ("engine", "objects"):
        Path(path).mkdir()
        if path == "objects":
            monkeypatch.setattr(_inputs, "read_frame", lambda *_args, **_kwargs: None)
        assert main(["report", "returns.csv", "-o", f"{path}/report.html"]) == 0
    capsys.readouterr()
    written = sorted(p.relative_to("engine") for p in Path("engine").rglob("*") if p.is_file())
    for name in written:
        assert (Path("engine") / name).read_bytes() == (Path("objects") / name).read_bytes()
    workings = (Path("objects") / "report-annex-data" / "workings.csv").read_text()
    assert "-0" not in workings
    assert not sv.Delivery(
        measure="LCR-COM-1", quantity="-0.0", period="2024/25"
    ).quantity.is_signed()


@pytest.mark.parametrize("command", ["report", "value"])
def test_an_overlap_warning_is_one_line_not_python_s_warning_with_its_source(
    tmp_path, monkeypatch, capsys, command
):
    """Under a methodology whose overlap_policy is 'warn' (the default of a methodology that
    names none), overlapping returns printed Python's warning: the path of a module of the
    package and its line number, then a line of its source code. The command says it in one
    line, as it says an error."""
    import warnings

    monkeypatch.chdir(tmp_path)
    shipped = Path(sv.__file__).parent / "data" / "methodologies" / "lcrca-default.toml"
    Path("ours.toml").write_text(
        shipped.read_text(encoding="utf-8").replace(
            'overlap_policy = "exclude_second"', 'overlap_policy = "warn"'
        ),
        encoding="utf-8",
    )
    Path("returns.csv").write_text(
        "measure,quantity,period,project\n"
        "LCR-ENV-2,3,2024/25 Q1,Fleet\n"
        "LCR-ENV-1,4,2024/25 Q1,Fleet\n",
        encoding="utf-8",
    )
    arguments = ["-o", "report.html", "--no-commitments"] if command == "report" else []
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main([command, "returns.csv", "--methodology", "ours.toml", *arguments]) == 0
    err = capsys.readouterr().err
    assert "warning: 1 delivery overlaps another in the same project" in err
    assert ".py:" not in err
    assert "OverlapWarning" not in err


@pytest.mark.parametrize(("suffix", "word"), [(".csv", "row"), (".jsonl", "line")])
def test_an_overlap_refused_in_a_returns_file_names_its_row_not_its_entry(
    tmp_path, monkeypatch, capsys, suffix, word
):
    """Under overlap_policy 'raise', a returns file valued from its deliveries (an XLSX, JSON
    Lines, or a CSV without the engine) named the overlapping row as "entry 2" — the second
    accepted delivery, not a place in the file — where the engine says "row 4". Both name the
    file's row (a JSON Lines file's line)."""
    from socialvalue.cli import _inputs

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(_inputs, "read_frame", lambda *_args, **_kwargs: None)
    shipped = Path(sv.__file__).parent / "data" / "methodologies" / "lcrca-default.toml"
    Path("ours.toml").write_text(
        shipped.read_text(encoding="utf-8").replace(
            'overlap_policy = "exclude_second"', 'overlap_policy = "raise"'
        ),
        encoding="utf-8",
    )
    rows = [
        ("LCR-XXX", "1"),  # rejected: the accepted rows are not the file's
        ("LCR-ENV-2", "3"),
        ("LCR-ENV-1", "4"),
    ]
    if suffix == ".csv":
        text = "measure,quantity,period,project\n" + "".join(
            f"{m},{q},2024/25 Q1,Fleet\n" for m, q in rows
        )
    else:
        text = "".join(
            json.dumps({"measure": m, "quantity": q, "period": "2024/25 Q1", "project": "Fleet"})
            + "\n"
            for m, q in rows
        )
    Path(f"returns{suffix}").write_text(text, encoding="utf-8")
    for command in (["report", "-o", "report.html"], ["value"]):
        assert (
            main([command[0], f"returns{suffix}", "--methodology", "ours.toml", *command[1:]]) == 1
        )
        err = capsys.readouterr().err
        last = 4 if suffix == ".csv" else 3
        assert f"{word} {last}: LCR-ENV-1 overlaps LCR-ENV-2" in err, err
        assert "entry" not in err


@pytest.mark.parametrize("command", ["report", "value"])
def test_a_csv_valued_from_its_deliveries_after_the_engine_warns_once(
    tmp_path, monkeypatch, capsys, command
):
    """A CSV the engine cannot sum (a quantity of 19 digits) is valued again from its
    deliveries: an overlap warning was then printed twice, once by each valuation."""
    import warnings

    monkeypatch.chdir(tmp_path)
    shipped = Path(sv.__file__).parent / "data" / "methodologies" / "lcrca-default.toml"
    Path("ours.toml").write_text(
        shipped.read_text(encoding="utf-8").replace(
            'overlap_policy = "exclude_second"', 'overlap_policy = "warn"'
        ),
        encoding="utf-8",
    )
    Path("returns.csv").write_text(
        "measure,quantity,period,project\n"
        "LCR-ENV-2,3,2024/25 Q1,Fleet\n"
        "LCR-ENV-1,4,2024/25 Q1,Fleet\n"
        "LCR-COM-1,1234567890.123456789,2024/25 Q1,Parks\n",
        encoding="utf-8",
    )
    arguments = ["-o", "report.html", "--no-commitments"] if command == "report" else []
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        assert main([command, "returns.csv", "--methodology", "ours.toml", *arguments]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: 1 delivery overlaps another") == 1, err


def test_a_tab_separated_file_takes_delimiter_tab_and_its_hint_says_so(
    tmp_path, monkeypatch, capsys
):
    """``--delimiter tab`` (or ``\\t``) for a tab-separated file: a tab is hard to type in a
    shell, and the hint used to print one between quotes."""
    monkeypatch.chdir(tmp_path)
    Path("tab.csv").write_text(
        "measure\tquantity\tperiod\nLCR-COM-1\t5\t2022/23\n", encoding="utf-8"
    )
    assert main(["value", "tab.csv"]) == 1
    assert "give --delimiter tab," in capsys.readouterr().err
    for typed in ("tab", "TAB", "\\t", "\t"):
        assert main(["value", "tab.csv", "--delimiter", typed]) == 0
        assert "Returns from tab.csv: 1 delivery" in capsys.readouterr().out
