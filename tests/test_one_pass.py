"""Validation finds every problem of every stage in one pass, and shows positions one way.

Stages: the document (its keys), each entry or row (numbers, periods, unknown keys) and the
framework (measures, units, roles). One file with a problem at each stage must report them all
at once, located by file, 1-based row and column, or 1-based entry and key: never a zero-based
``deliveries[0].quantity``.
"""

import re

import pytest

from socialvalue.cli import main
from socialvalue.exceptions import DataFileError, Problem, readable_location
from socialvalue.io import check_deliveries_file, shipped_framework

ZERO_BASED = re.compile(r"\w\[\d+\]")

DELIVERIES = """\
schema = "socialvalue/deliveries/1"
title = "Every stage wrong"
colour = "blue"

[[deliveries]]
measure = "LCR-EMP-1"
quantity = "abc"
period = "2022/23"

[[deliveries]]
measure = "LCR-NOPE-9"
quantity = "5"
period = "2022/23"

[[deliveries]]
measure = "LCR-EMP-1"
quantity = "5"
period = "2022/23 Q7"
role = "wizard"

[[deliveries]]
measure = "LCR-EMP-1"
quantity = "5"
period = "2022/23"
unit = "hour"
"""


def test_a_delivery_set_reports_every_stage_at_once(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(DELIVERIES, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        check_deliveries_file(path, shipped_framework())
    shown = [problem.readable() for problem in caught.value.problems]
    assert [line.split(":")[0] for line in shown] == [
        "key colour",  # the document's own keys
        "deliveries entry 1, key quantity",  # building an entry
        "deliveries entry 2, key measure",  # the framework
        "deliveries entry 3, key period",  # building an entry …
        "deliveries entry 3, key role",  # … and its framework check
        "deliveries entry 4, key unit",  # the framework, on an entry that built
    ]


def test_the_command_line_shows_them_counted_from_one(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(DELIVERIES, encoding="utf-8")
    for command in (["validate", str(path)], ["report", str(path), "-o", str(tmp_path / "r.md")]):
        assert main(command) == 1
        error = capsys.readouterr().err
        assert error.startswith(f"error: {path}: 6 problems:")
        assert "deliveries entry 3, key role: unknown role 'wizard'" in error
        assert not ZERO_BASED.search(error), error


def test_a_registry_csv_reports_header_rows_and_framework_together(tmp_path, capsys):
    path = tmp_path / "values.csv"
    path.write_text(
        "Measure,Unit,Value,Price base,valid_from,source_title,source_publisher,licence,colour\n"
        "LCR-EMP-1,hour,12x,2023,2023-04-01,ASHE,ONS,OGL-UK-3.0,blue\n"
        "LCR-NOPE-1,FTE-year,1,20x23,2023-04-01,ASHE,ONS,OGL-UK-3.0,blue\n"
        "LCR-COM-1,FTE-year,1,2023,2023-04-01,ASHE,ONS,OGL-UK-3.0,blue\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path), "--framework", "lcrca"]) == 1
    error = capsys.readouterr().err
    locations = re.findall(r"^  - (row \d+(?:, column \w+)?):", error, flags=re.MULTILINE)
    assert locations == [
        "row 1, column colour",
        "row 2, column value",
        "row 2, column unit",
        "row 3, column price_year",
        "row 3, column code",
        "row 4, column unit",
    ]


def test_validate_lists_every_rejected_row_of_returns(tmp_path, capsys):
    path = tmp_path / "returns.csv"
    path.write_text(
        "measure,quantity,period,role\n"
        "LCR-EMP-1,abc,2022/23,employer\n"
        "LCR-NOPE-9,5,2022/23,employer\n"
        "LCR-EMP-1,5,2022/23 Q7,wizard\n",
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    error = capsys.readouterr().err
    assert "give --rejected FILE" in error.splitlines()[0]  # the fix first, then every problem
    listed = re.findall(rf"^  {re.escape(str(path))}, (row \d+, column \w+):", error, re.MULTILINE)
    assert listed == [
        "row 2, column quantity",
        "row 3, column measure",
        "row 4, column period",
        "row 4, column role",
    ]


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("deliveries[0].quantity", "deliveries entry 1, key quantity"),
        ("values[9].source.title", "values entry 10, key source, key title"),
        ("row 3, column value", "row 3, column value"),
        ("", ""),
    ],
)
def test_locations_are_shown_one_way(location, shown):
    assert readable_location(location) == shown
    assert str(Problem(location, "x").readable()).startswith(shown)


REGISTRY = """\
schema = "socialvalue/registry/1"
id = "bad"
title = "Bad"
version = "1"
publisher = "Council"
licence = "OGL-UK-3.0"

[[values]]
measure = "LCR-EMP-1"
unit = "hour"
value = "abc"
price_base = "2023"
valid_from = "2023-04-01"
source = { title = "S", publisher = "P" }
licence = "OGL-UK-3.0"

[[values]]
measure = "LCR-NOPE-1"
unit = "FTE-year"
value = "5"
price_base = "2023"
valid_from = "2023-04-01"
source = { title = "S", publisher = "P" }
licence = "OGL-UK-3.0"
"""

COMMITMENTS = """\
schema = "socialvalue/commitments/1"
title = "Bad"

[[commitments]]
id = "C1"
kind = "contractual"
title = "Jobs"
contract = "K1"
measure = "LCR-EMP-1"
target = "ten"

[[commitments]]
id = "C2"
kind = "contractual"
title = "Hours"
contract = "K1"
measure = "LCR-NOPE-1"
target = "5"
role = "wizard"
"""


def test_a_registry_file_reports_its_own_and_the_frameworks_problems_together(tmp_path, capsys):
    path = tmp_path / "values.toml"
    path.write_text(REGISTRY, encoding="utf-8")
    assert main(["validate", str(path), "--framework", "lcrca"]) == 1
    error = capsys.readouterr().err
    locations = re.findall(r"^  - ([^:]+):", error, flags=re.MULTILINE)
    assert locations == [
        "values entry 1, key value",  # building the value
        "values entry 1, key unit",  # the framework, on a value that could not be built
        "values entry 2, key measure",  # the framework, on one that could
    ]
    # Without --framework a registry is checked alone, as when it loads.
    assert main(["validate", str(path)]) == 1
    assert "key unit" not in capsys.readouterr().err


def test_a_commitments_file_reports_its_own_and_the_frameworks_problems_together(tmp_path, capsys):
    path = tmp_path / "commitments.toml"
    path.write_text(COMMITMENTS, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    error = capsys.readouterr().err
    assert "commitments entry 1, key target" in error
    assert "commitments entry 2, key measure: unknown measure 'LCR-NOPE-1'" in error
    assert not ZERO_BASED.search(error), error


@pytest.mark.parametrize("quantity", ['"5"', '"abc"'])
def test_an_unknown_measure_does_not_hide_a_bad_role(tmp_path, quantity):
    # The role is checked whatever the measure: fixing the measure must not reveal it later
    # (returns already reported both; a delivery set reported only the measure).
    path = tmp_path / "bad.toml"
    path.write_text(
        'schema = "socialvalue/deliveries/1"\ntitle = "t"\n\n[[deliveries]]\n'
        f'measure = "LCR-NOPE-9"\nquantity = {quantity}\nperiod = "2022/23"\nrole = "wizard"\n',
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as caught:
        check_deliveries_file(path, shipped_framework())
    shown = [problem.readable().split(":")[0] for problem in caught.value.problems]
    assert "deliveries entry 1, key measure" in shown
    assert "deliveries entry 1, key role" in shown


def test_the_framework_checks_a_role_beside_an_unknown_measure():
    found = shipped_framework().fit_problems(measure="LCR-NOPE-9", unit="hour", role="wizard")
    assert [problem.location for problem in found] == ["measure", "role"]


def test_a_json_lines_row_that_cannot_be_built_still_gets_the_framework_checks(tmp_path, capsys):
    # A CSV row reported its bad role beside its bad quantity; a JSON Lines line reported only
    # the quantity, so fixing it revealed the role.
    path = tmp_path / "r.jsonl"
    path.write_text(
        '{"measure": "LCR-NOPE-9", "quantity": "abc", "period": "2022/23", "role": "wizard"}\n'
        '{"measure": "LCR-EMP-1", "quantity": "abc", "period": "2022/23", "unit": "hour"}\n',
        encoding="utf-8",
    )
    assert main(["validate", str(path)]) == 1
    captured = capsys.readouterr()
    err = captured.err + captured.out
    for expected in (
        "line 1, key quantity",
        "line 1, key measure: unknown measure 'LCR-NOPE-9'",
        "line 1, key role: unknown role 'wizard'",
        "line 2, key quantity",
        "line 2, key unit: LCR-EMP-1 is counted in",
    ):
        assert expected in err, expected
