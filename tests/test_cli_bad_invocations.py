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
#: ``registry import`` of a good value file to a fresh output; the mapping is added per case.
REG = ["registry", "import", "{tmp}/values.csv", "-o", "{tmp}/o.toml"]
BAD_INVOCATIONS = [
    (["nonsense"], 2, "No such command"),
    (["value", "--by", "colour"], 2, "Invalid value for '--by'"),
    (["value", "{tmp}/missing.toml"], 1, "cannot read the file"),
    (["value", "{tmp}/dir.toml"], 1, "not an ordinary file: it is a folder"),
    (["value", "{tmp}/list.json"], 1, "expected a table (object) at the top level"),
    (["value", "{tmp}/deep.json"], 1, "nested deeper than the limit"),
    (["value", "--methodology", "{tmp}/missing.toml"], 1, "cannot read the file"),
    (["value", "--registry", "{tmp}/bad.csv"], 1, "is negative"),
    (["template", "{tmp}/t.xlsx", "--rows", "0"], 2, "0 is not in the range"),
    (["template", "{tmp}/t.xlsx", "--rows", "100000000"], 2, "is not in the range"),
    (["template", "{tmp}/t.xlsx", "--rows", "many"], 2, "is not a valid integer"),
    (["template", "{tmp}/t.xlsx", "--period", "2022/24"], 1, "the second year must follow"),
    (["template", "{tmp}/t.xlsx", "--period", "9999/00"], 1, "cannot read '9999/00'"),
    (["template", "{tmp}/no/such/t.xlsx", "--period", "2022/23"], 1, "cannot write the file"),
    (["report", "--format", "csv", "-o", "{tmp}/file.txt"], 2, "names a file"),
    (["report", "--format", "csv", "-o", "{tmp}/file.txt/sub"], 1, "cannot create the folder"),
    (["report", "--format", "md", "-o", "{tmp}/dir"], 2, "does not match -o"),
    (["report", "--format", "md", "-o", "{tmp}/no/such/r.md"], 1, "cannot write the file"),
    (["report", "--format", "docx"], 2, "Invalid value for '--format'"),
    (["report", "--locale", "xx_YY"], 2, "'xx_YY' is not one of 'en_GB', 'cy_GB'"),
    (["import", "{tmp}/r.csv", "--encoding", "rot13"], 1, "--encoding: 'rot13' is not a text"),
    (["import", "{tmp}/r.csv", "--encoding", "no-such"], 1, "--encoding: unknown encoding"),
    (["import", "{tmp}/r.csv", "--delimiter", "ab"], 1, "--delimiter: expected one character"),
    # the command's options are named as typed, never as a Python call's keys
    (["value", "{tmp}/r.csv", "--delimiter", '"'], 1, "error: --delimiter: expected one"),
    (["import", "{tmp}/r.csv", "--locale", "xx_YY"], 1, "error: --locale: unknown locale"),
    (["template", "{tmp}/file.txt", "--period", "2022/23"], 2, "name it .xlsx"),
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
    (["registry", "import", "{tmp}/r.csv"], 2, "Missing option '--mapping'"),
    (["registry", "import", "{tmp}/r.csv", "--mapping", "{tmp}/map.toml"], 2, "Missing option"),
    ([*REG, "--mapping", "{tmp}/missing.toml"], 1, "cannot read the file"),
    ([*REG, "--mapping", "{tmp}/dir"], 1, "not an ordinary file: it is a folder"),
    ([*REG, "--mapping", "{tmp}/deep.json"], 1, "nested deeper than the limit"),
    ([*REG, "--mapping", "{tmp}/list.json"], 1, "expected a table at the top level"),
    ([*REG, "--mapping", "{tmp}/sub/map.toml"], 1, "lies outside the mapping's folder"),
    ([*REG, "--mapping", "{tmp}/abs.toml"], 1, "is not a path relative to the mapping's"),
    ([*REG, "--mapping", "{tmp}/map.toml", "--framework", "{tmp}/list.json"], 1, "a table"),
    (
        [
            "registry",
            "import",
            "{tmp}/missing.csv",
            "--mapping",
            "{tmp}/map.toml",
            "-o",
            "{tmp}/o.toml",
        ],
        1,
        "cannot read the file",
    ),
    (
        [
            "registry",
            "import",
            "{tmp}/bad.xlsx",
            "--mapping",
            "{tmp}/map.toml",
            "-o",
            "{tmp}/o.toml",
        ],
        1,
        "not an XLSX workbook",
    ),
    (
        [
            "registry",
            "import",
            "{tmp}/file.txt",
            "--mapping",
            "{tmp}/map.toml",
            "-o",
            "{tmp}/o.toml",
        ],
        1,
        "unknown file type",
    ),
    (
        [
            "registry",
            "import",
            "{tmp}/values.csv",
            "--mapping",
            "{tmp}/map.toml",
            "-o",
            "{tmp}/no/such/o.toml",
        ],
        1,
        "cannot write the file",
    ),
    (
        [
            "registry",
            "import",
            "{tmp}/values.csv",
            "--mapping",
            "{tmp}/map.toml",
            "-o",
            "{tmp}/dir",
        ],
        1,
        "unknown file type",
    ),
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
    (tmp_path / "values.csv").write_text(
        "Ref,Value,Unit,Year,From\nXX1,5,hour,2024/25,2024-04-01\n", encoding="utf-8"
    )
    (tmp_path / "walk.toml").write_text(_CROSSWALK, encoding="utf-8")
    (tmp_path / "map.toml").write_text(_MAPPING.format(walk="walk.toml"), encoding="utf-8")
    (tmp_path / "abs.toml").write_text(_MAPPING.format(walk="/etc/passwd"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "map.toml").write_text(
        _MAPPING.format(walk="../walk.toml"), encoding="utf-8"
    )
    return tmp_path


_CROSSWALK = """\
schema = "socialvalue/crosswalk/1"
id = "w"
title = "W"
from_scheme = "ours"
to_scheme = "lcrca"
links = [{code = "XX1", to = "LCR-COM-1"}]
"""
_MAPPING = """\
schema = "socialvalue/registry-import/1"
id = "ours"
title = "Ours"
version = "1"
publisher = "Us"
licence = "Ours"
verification = "primary"
crosswalk = "{walk}"
source = {{title = "S", publisher = "P"}}
columns = {{code = "Ref", value = "Value", unit = "Unit", price_year = "Year", valid_from = "From"}}
"""


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
    argv = ["registry", "import", str(folder / "pipe.csv"), "--mapping", str(folder / "map.toml")]
    assert main([*argv, "-o", str(folder / "o.toml")]) == 1
    assert "not an ordinary file" in capsys.readouterr().err
