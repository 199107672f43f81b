import pytest

from socialvalue import UnknownCodeError
from socialvalue.units import STANDARD_UNITS, Unit, UnitKind, standard_unit, unit_code


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


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("FTE-year", "fte_year"),  # a display name
        ("  fte-YEAR ", "fte_year"),  # in any case, with spaces around
        ("fte_year", "fte_year"),  # a code is its own code
        ("Tonne CO2e", "tco2e"),
        ("sessions", "sessions"),  # not a standard unit: left as given
    ],
)
def test_unit_code_reads_a_standard_units_code_or_display_name_in_any_case(given, code):
    assert unit_code(given) == code


def test_unit_code_leaves_what_is_not_text_to_the_field_validator():
    marker = object()
    assert unit_code(marker) is marker  # type: ignore[arg-type]
    assert unit_code(None) is None  # type: ignore[arg-type]
