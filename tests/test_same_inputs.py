"""The same rules for every input: numbers, unit names and column headings (issue 17).

A registry CSV reads ``12,000`` as returns do; a unit is accepted by its code or its display
name (``fte_year`` or ``FTE-year``) in returns, delivery sets and registries; headings have
aliases (``Measure`` for a registry's ``code``, ``Code`` for a return's ``measure``).
"""

from decimal import Decimal

import pytest

import socialvalue as sv
from socialvalue.deliveries import check_deliveries
from socialvalue.exceptions import DataFileError
from socialvalue.io import load_registry_csv, read_returns, shipped_framework
from socialvalue.units import STANDARD_UNITS, unit_code

REGISTRY_HEADER = "code,unit,value,price_year,valid_from,source_title,source_publisher,licence"


def _registry(tmp_path, text):
    path = tmp_path / "values.csv"
    path.write_text(text, encoding="utf-8")
    return load_registry_csv(path)


def test_a_registry_csv_reads_numbers_as_returns_do(tmp_path):
    registry = _registry(
        tmp_path,
        REGISTRY_HEADER + ",low,high\n"
        'LCR-EMP-1,fte_year,"12,000",2023,2023-04-01,ASHE,ONS,OGL-UK-3.0,"10,000.5",£14000\n',
    )
    value = registry.values[0]
    assert (value.value, value.low, value.high) == (
        Decimal(12000),
        Decimal("10000.5"),
        Decimal(14000),
    )


def test_a_registry_csv_number_problem_is_said_once_with_its_cell(tmp_path):
    with pytest.raises(DataFileError) as caught:
        _registry(
            tmp_path,
            REGISTRY_HEADER + '\nLCR-EMP-1,fte_year,"12,000 pounds",2023,2023-04-01,A,B,OGL\n',
        )
    expected = (
        "row 2, column value: '12,000 pounds' is not a number; write only the number (the unit "
        "goes in the unit column)"
    )
    assert [str(p) for p in caught.value.problems] == [expected]


@pytest.mark.parametrize("heading", ["Measure", "measure code", "CODE"])
def test_a_registry_csv_takes_measure_for_code_and_other_aliases(tmp_path, heading):
    registry = _registry(
        tmp_path,
        f"{heading},Unit,Value (£),Price base,Valid from,Source,Source publisher,License\n"
        "LCR-EMP-1,FTE-year,12.34,2023,2023-04-01,ASHE,ONS,OGL-UK-3.0\n",
    )
    value = registry.values[0]
    assert (value.measure, value.unit, value.value) == ("LCR-EMP-1", "fte_year", Decimal("12.34"))
    assert value.price_base.label == "2023"
    assert value.source.title == "ASHE"


def test_a_registry_csv_reports_header_and_row_problems_together(tmp_path):
    with pytest.raises(DataFileError) as caught:
        _registry(
            tmp_path,
            REGISTRY_HEADER + ",colour\nLCR-EMP-1,fte_year,abc,2023,2023-04-01,A,B,OGL,blue\n",
        )
    assert [p.location for p in caught.value.problems] == [
        "row 1, column colour",
        "row 2, column value",
    ]


@pytest.mark.parametrize(("given", "code"), [(u.label, u.code) for u in STANDARD_UNITS.values()])
def test_every_standard_unit_is_named_by_its_display_name_or_its_code(given, code):
    assert unit_code(given) == code
    assert unit_code(given.upper()) == code
    assert unit_code(code) == code


def test_a_delivery_and_a_proxy_value_take_a_units_display_name():
    delivery = sv.Delivery(measure="LCR-EMP-1", quantity="2", period="2023/24", unit="FTE-year")
    assert delivery.unit == "fte_year"
    check_deliveries([delivery], shipped_framework())  # the measure's unit: no problem
    text = """
schema = "socialvalue/deliveries/1"
title = "t"
[[deliveries]]
measure = "LCR-EMP-1"
quantity = "2"
period = "2023/24"
unit = "FTE-year"
"""
    loaded = sv.io.loads(text, sv.DeliverySet, format="toml")
    assert loaded.deliveries[0].unit == "fte_year"
    assert unit_code("sessions") == "sessions"  # not a standard unit: kept for the check


@pytest.mark.parametrize("unit", ["FTE-year", "fte_year", "fte-year"])
@pytest.mark.parametrize("heading", ["measure", "Code", "Measure code"])
def test_returns_take_unit_names_and_the_code_heading(tmp_path, unit, heading):
    path = tmp_path / "returns.csv"
    path.write_text(
        f'{heading},quantity,unit,period\nLCR-EMP-1,"12,000",{unit},2023/24\n', encoding="utf-8"
    )
    result = read_returns(path, framework=shipped_framework())
    assert not result.rejected, result.problems()
    assert result.accepted[0].unit == "fte_year"
    assert result.accepted[0].quantity == Decimal(12000)
