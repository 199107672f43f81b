import pytest

from socialvalue import UnknownCodeError
from socialvalue.units import STANDARD_UNITS, Unit, UnitKind, standard_unit


def test_standard_units_are_found_by_code():
    assert standard_unit("hour") is STANDARD_UNITS["hour"]
    assert standard_unit("gbp").currency == "GBP"


def test_an_unknown_standard_unit_suggests_close_codes():
    with pytest.raises(UnknownCodeError, match="unknown unit 'hours'; did you mean 'hour'"):
        standard_unit("hours")


@pytest.mark.parametrize("code", ["Hour", "1hour", "fte-year", "", "hour "])
def test_unit_codes_are_lower_case_identifiers(code):
    with pytest.raises(ValueError, match="is not a unit code") as info:
        Unit(code, "x", UnitKind.COUNT)
    assert str(info.value) == (
        f"code: {code!r} is not a unit code (lower-case letters, digits and '_', starting with a "
        "letter, e.g. 'fte_year')"
    )


def test_a_money_unit_needs_a_valid_currency_and_only_it_has_one():
    with pytest.raises(ValueError, match="a money unit needs a currency"):
        Unit("eur", "€", UnitKind.MONEY)
    with pytest.raises(ValueError, match="a money unit needs a currency"):
        Unit("hours", "hour", UnitKind.TIME, currency="GBP")
    with pytest.raises(ValueError, match="currency: 'gbp' is not an ISO 4217 code"):
        Unit("pounds", "£", UnitKind.MONEY, currency="gbp")
    assert Unit("eur", "€", UnitKind.MONEY, currency="EUR").currency == "EUR"
