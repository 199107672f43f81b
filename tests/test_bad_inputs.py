"""One small hostile file per rule of issue #12, each with the text its error must contain.

tests/data/bad_inputs/EXPECTED.toml names every file in the folder and its expected message;
a file without an entry, or an entry without a file, fails the test.
"""

import re
import tomllib
from pathlib import Path

import pytest

from socialvalue import DataFileError
from socialvalue.io import (
    load_any,
    load_framework,
    load_methodology,
    load_registry,
    shipped_framework,
)
from socialvalue.io._returns import read_returns

DATA = Path(__file__).parent / "data"
FOLDER = DATA / "bad_inputs"
EXPECTED: dict[str, str] = tomllib.loads((FOLDER / "EXPECTED.toml").read_text(encoding="utf-8"))
FILES = sorted(path for path in FOLDER.iterdir() if path.name != "EXPECTED.toml")
LCRCA = shipped_framework()
#: A problem with one row (the file is read, the row rejected), not with the whole file.
ROW_PROBLEM = re.compile(r"row \d+, (column|key) |line \d+")
LOADERS = {
    "registry": load_registry,
    "framework": load_framework,
    "methodology": load_methodology,
    "any": load_any,
}


def test_every_bad_file_has_an_expected_message_and_there_are_150():
    assert sorted(EXPECTED) == [path.name for path in FILES]
    others = [
        path
        for folder in ("bad_frameworks", "bad_methodologies", "bad_registries", "returns")
        for path in (DATA / folder).iterdir()
        if path.name != "good.csv"
    ]
    assert len(FILES) + len(others) >= 150


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_bad_input_gives_its_expected_message(path):
    expected = EXPECTED[path.name]
    kind = path.name.split("-", 1)[0]
    if kind == "returns" and ROW_PROBLEM.match(expected):
        result = read_returns(path, framework=LCRCA)
        assert not result.accepted
        assert any(str(problem).startswith(expected) for problem in result.problems())
        return
    if kind == "returns":
        with pytest.raises(DataFileError) as info:
            read_returns(path, framework=LCRCA)
        assert str(info.value).startswith(str(path))
        assert expected in str(info.value)
        return
    with pytest.raises(DataFileError) as info:
        LOADERS[kind](path)
    assert expected in str(info.value)
    assert "hunter2" not in str(info.value) or path.name == "registry-csv-password-header.csv"
