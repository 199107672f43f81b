"""Every command printed in README.md, docs/*.md and the commands' own help runs as printed.

The commands are read from the ``console`` blocks (lines starting ``$ socialvalue``, with ``\\``
continuations and trailing ``# comments``) and from each command's ``--help`` examples, then run
in a folder holding the files they name: the shipped examples, a delivery set, returns as CSV
and XLSX, registry CSVs, and the invalid framework the quickstart validates.
"""

import re
import shlex
import shutil
import textwrap
from pathlib import Path

import pytest

from socialvalue.cli import main
from socialvalue.cli._help import EXAMPLES

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_BLOCK = re.compile(r"^```console\n(.*?)^```", re.MULTILINE | re.DOTALL)

#: Commands whose printed result is a failure, with the exit code they print it with.
EXPECTED_STATUS = {"socialvalue validate my-council.toml": 1}
#: What such a command prints, as the document shows it.
EXPECTED_OUTPUT = {
    "socialvalue validate my-council.toml": (
        "my-council.toml: 2 problems:",
        "measures entry 1, key unit: unknown unit 'hrs'; did you mean 'hour'?",
        "themes entry 2, key code: duplicate code 'ENV' (first used at themes entry 1, key code)",
    )
}


def _commands_in(text):
    found = []
    for block in _BLOCK.findall(text):
        lines = block.splitlines()
        index = 0
        while index < len(lines):
            line = lines[index]
            index += 1
            if not line.startswith("$ "):
                continue
            command = line[2:]
            while command.rstrip().endswith("\\") and index < len(lines):
                command = command.rstrip()[:-1] + " " + lines[index].strip()
                index += 1
            found.append(command)
    return found


def _without_comment(command):
    lexer = shlex.shlex(command, posix=True, punctuation_chars=False)
    lexer.whitespace_split = True
    lexer.commenters = "#"
    return list(lexer)


def documented():
    commands = []
    for path in DOCUMENTS:
        commands.extend(
            (path.name, command) for command in _commands_in(path.read_text(encoding="utf-8"))
        )
    for name, examples in EXAMPLES.items():
        commands.extend((f"{name} --help", line) for line, _ in examples)
    return commands


def test_the_documents_print_commands():
    names = {where for where, _ in documented()}
    assert {"README.md", "reports.md", "commitments.md", "quickstart.md", "report --help"} <= names


def test_a_document_naming_examples_says_they_are_not_installed():
    # examples/ is in the source repository only: a newcomer who ran pip install and then a
    # command naming examples/... got "cannot read the file" and no word why.
    naming = {
        path.name
        for path in DOCUMENTS
        for command in _commands_in(path.read_text(encoding="utf-8"))
        if "examples/" in command
    }
    assert naming
    for path in DOCUMENTS:
        if path.name in naming:
            text = " ".join(path.read_text(encoding="utf-8").split())
            assert "not installed by pip" in text, path.name


_MY_COUNCIL = """\
schema = "socialvalue/framework/1"
id = "my-council"
title = "My Council framework"
version = "2026.1"
publisher = "My Council"
licence = "OGL-UK-3.0"

[[themes]]
code = "ENV"
title = "Greener"

[[themes.outcomes]]
code = "ENV-1"
title = "Cleaner air"

[[themes.outcomes]]
code = "ENV-2"
title = "Volunteering"

[[themes.outcomes.measures]]
code = "MC-VOL-1"
title = "Volunteering hours"
unit = "hrs"
valuation = "proxy"
value_type = "social"

[[themes]]
code = "ENV"
title = "Greener again"
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    from socialvalue.io import make_template, shipped_framework

    here = tmp_path_factory.mktemp("docs-commands")
    shutil.copytree(ROOT / "examples", here / "examples")
    shutil.copy(ROOT / "examples" / "hr3-returns.toml", here / "returns.toml")
    for name in ("ours.csv", "our-values.csv"):
        shutil.copy(ROOT / "examples" / "partner-values.csv", here / name)
    shutil.copy(ROOT / "tests" / "data" / "returns" / "good.csv", here / "returns.csv")
    make_template(here / "returns.xlsx", framework=shipped_framework(), periods=["2025/26 Q1"])
    (here / "my-council.toml").write_text(_MY_COUNCIL, encoding="utf-8")
    _licensed_set(here)
    return here


def _licensed_set(here):
    """docs/open-data.md's crosswalk and mapping, as printed, and a sheet in their shape."""
    from openpyxl import Workbook

    text = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    blocks = [textwrap.dedent(b) for b in re.findall(r"```toml\n(.*?)```", text, re.DOTALL)]
    crosswalk = next(b for b in blocks if "socialvalue/crosswalk/1" in b)
    mapping = next(b for b in blocks if "socialvalue/registry-import/1" in b)
    (here / "crosswalk.toml").write_text(crosswalk, encoding="utf-8")
    (here / "mapping.toml").write_text(mapping, encoding="utf-8")
    book = Workbook()
    sheet = book.active
    sheet.append(["Ref", "Proxy Value (£)", "Units", "Year"])
    sheet.append(["NT1", 12345.67, "per FTE-year", "2024/25"])
    book.save(here / "licensed.xlsx")


@pytest.mark.parametrize(("where", "command"), documented(), ids=lambda v: str(v)[:60])
def test_command_runs_as_printed(folder, monkeypatch, capsys, where, command):
    words = _without_comment(command)
    if words[0] != "socialvalue":
        pytest.skip(f"{where}: not a socialvalue command ({words[0]}); CI runs installs")
    monkeypatch.chdir(folder)
    status = main(words[1:])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    bare = command.split("  #")[0].strip()
    assert status == EXPECTED_STATUS.get(bare, 0), f"{where}: {command}\n{captured.err}"
    for text in EXPECTED_OUTPUT.get(bare, ()):
        assert text in captured.out + captured.err
