"""One small bad file per validation rule; each file's first line states the expected error."""

from pathlib import Path

import pytest

from socialvalue import DataFileError, SocialValueError, load_framework

BAD = sorted((Path(__file__).parent / "data" / "bad_frameworks").glob("*.toml"))


def _expected(path: Path) -> str:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8")
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: '"
    return first.removeprefix("# expect: ")


def test_there_is_a_file_for_every_rule():
    assert len(BAD) >= 25


@pytest.mark.parametrize("path", BAD, ids=[path.stem for path in BAD])
def test_bad_framework_file_reports_file_location_and_reason(path):
    with pytest.raises(DataFileError) as info:
        load_framework(path)
    error = info.value
    assert isinstance(error, SocialValueError)
    assert isinstance(error, ValueError)
    assert error.file == str(path)
    message = str(error)
    assert message.startswith(str(path))
    assert _expected(path) in message, message


def test_every_problem_in_a_file_is_reported_at_once(tmp_path):
    text = (Path(__file__).parent / "data" / "bad_frameworks" / "unknown_unit.toml").read_text()
    text = text.replace('valuation = "proxy"', 'valuation = "monetised"')
    text += '\ncolour = "blue"\n'
    path = tmp_path / "many.toml"
    path.write_text(text)
    with pytest.raises(DataFileError) as info:
        load_framework(path)
    locations = {problem.location for problem in info.value.problems}
    assert "themes[0].outcomes[0].measures[0].valuation" in locations
    assert "themes[0].outcomes[0].measures[0].colour" in locations
    assert str(info.value).startswith(f"{path}: 2 problems:")


def test_missing_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="cannot read the file"):
        load_framework(tmp_path / "nope.toml")


def test_unknown_suffix_is_refused(tmp_path):
    path = tmp_path / "framework.yaml"
    path.write_text("id: x\n")
    with pytest.raises(
        DataFileError, match=r"unknown file type '\.yaml'; expected \.toml or \.json"
    ):
        load_framework(path)


def test_oversized_file_is_refused(tmp_path):
    from socialvalue import Framework
    from socialvalue.io import load

    path = tmp_path / "big.toml"
    path.write_text("x" * 2000)
    with pytest.raises(DataFileError, match="larger than the limit of 1,000 bytes"):
        load(path, Framework, max_bytes=1000)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "binary.toml"
    path.write_bytes(b"id = 1\x00\x00")
    with pytest.raises(DataFileError, match="binary data"):
        load_framework(path)


def test_json_errors_name_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"id": "x",\n "title": }')
    with pytest.raises(
        DataFileError, match=r"not valid JSON: Expecting value \(line 2, column 11\)"
    ):
        load_framework(path)


def test_json_nan_is_refused():
    from socialvalue import Money
    from socialvalue.io import loads

    with pytest.raises(DataFileError, match="NaN is not a number"):
        loads('{"amount": NaN}', Money, format="json")


def test_python_floats_are_refused_at_the_boundary():
    from socialvalue import Money
    from socialvalue.io import structure

    with pytest.raises(DataFileError, match=r"amount: got the float 12\.34"):
        structure({"amount": 12.34}, Money, source="api payload")
