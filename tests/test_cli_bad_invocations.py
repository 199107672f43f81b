"""Every bad invocation of the command line ends in one error line and a non-zero exit, never a
traceback (issue #12, defect 7)."""

import os
from pathlib import Path

import pytest

from socialvalue.cli import main

#: (arguments, exit code, text the error line contains). ``{tmp}`` is a fresh folder holding
#: ``file.txt`` (a file), ``dir/`` and ``dir.toml/`` (folders), ``r.csv`` (a good returns file), ``deep.json``,
#: ``list.json``, ``bad.xlsx`` (not a workbook), ``bad.csv`` (a registry with a bad value) and,
#: where the system has them, ``pipe.csv`` (a FIFO).
BAD_INVOCATIONS = [
    (["nonsense"], 2, "No such command"),
    (["value", "--by", "colour"], 2, "Invalid value for '--by'"),
    (["value", "{tmp}/missing.toml"], 1, "cannot read the file"),
    (["value", "{tmp}/dir.toml"], 1, "not an ordinary file: it is a folder"),
    (["value", "{tmp}/list.json"], 1, "expected a table (object) at the top level"),
    (["value", "{tmp}/deep.json"], 1, "nested deeper than the limit"),
    (["value", "--methodology", "{tmp}/missing.toml"], 1, "cannot read the file"),
    (["value", "--registry", "{tmp}/bad.csv"], 1, "is negative"),
    (["template", "{tmp}/t.xlsx"], 1, "give the periods to offer"),
    (["template", "{tmp}/t.xlsx", "--rows", "0"], 2, "0 is not in the range"),
    (["template", "{tmp}/t.xlsx", "--rows", "100000000"], 2, "is not in the range"),
    (["template", "{tmp}/t.xlsx", "--rows", "many"], 2, "is not a valid integer"),
    (["template", "{tmp}/t.xlsx", "--period", "2022/24"], 1, "the second year must follow"),
    (["template", "{tmp}/t.xlsx", "--period", "9999/00"], 1, "cannot read '9999/00'"),
    (["template", "{tmp}/no/such/t.xlsx", "--period", "2022/23"], 1, "cannot write the file"),
    (["report", "--format", "csv", "-o", "{tmp}/file.txt"], 2, "is a file"),
    (["report", "--format", "csv", "-o", "{tmp}/file.txt/sub"], 1, "cannot create the folder"),
    (["report", "--format", "md", "-o", "{tmp}/dir"], 1, "cannot write the file"),
    (["report", "--format", "md", "-o", "{tmp}/no/such/r.md"], 1, "cannot write the file"),
    (["report", "--format", "pdf"], 2, "Invalid value for '--format'"),
    (["report", "--locale", "xx_YY"], 1, "xx_YY"),
    (["import", "{tmp}/r.csv", "--encoding", "rot13"], 1, "is not a text encoding"),
    (["import", "{tmp}/r.csv", "--encoding", "no-such"], 1, "unknown encoding"),
    (["import", "{tmp}/r.csv", "--delimiter", "ab"], 1, "expected one character"),
    (["import", "{tmp}/r.csv", "--locale", "xx_YY"], 1, "unknown locale"),
    (["import", "{tmp}/missing.csv"], 1, "cannot read the file"),
    (["import", "{tmp}/bad.xlsx"], 1, "not an XLSX workbook"),
    (["import", "{tmp}/file.txt"], 1, "unknown file type"),
    (["import", "{tmp}/r.csv", "--accepted", "{tmp}/no/such/x.csv"], 1, "cannot write the file"),
    (["validate", "{tmp}/file.txt"], 1, "unknown file type"),
    (["validate", "{tmp}/deep.json"], 1, "nested deeper than the limit"),
    (["validate", "{tmp}/missing.toml"], 1, "cannot read the file"),
    (["explain", "NOPE"], 1, "unknown measure 'NOPE'"),
    (["commitments", "--quarter", "Q5"], 1, "cannot read 'Q5'"),
    (["framework", "{tmp}/list.json"], 1, "expected a table (object) at the top level"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "dir").mkdir()
    (tmp_path / "dir.toml").mkdir()
    (tmp_path / "r.csv").write_text(
        "measure,quantity,period\nLCR-COM-1,5,2022/23\n", encoding="utf-8"
    )
    (tmp_path / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "bad.xlsx").write_bytes(b"not a zip")
    (tmp_path / "bad.csv").write_text(
        "code,unit,value,price_year,valid_from,source_title,source_publisher,licence\n"
        "LCR-COM-1,hour,-5,2022,2022-04-01,s,p,OGL\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("arguments", "code", "expected"),
    BAD_INVOCATIONS,
    ids=[" ".join(arguments) for arguments, _, _ in BAD_INVOCATIONS],
)
def test_bad_invocation_ends_in_one_error_line(folder, capsys, arguments, code, expected):
    argv = [argument.format(tmp=folder) for argument in arguments]
    assert main(argv) == code
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    errors = [line for line in captured.err.splitlines() if line.lower().startswith("error:")]
    assert len(errors) == 1, captured.err
    assert expected in captured.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_given_to_the_cli_is_refused_at_once(folder, capsys):
    os.mkfifo(folder / "pipe.csv")
    assert main(["import", str(folder / "pipe.csv")]) == 1
    assert "not an ordinary file" in capsys.readouterr().err
