"""Quantities read without Babel in the common case give exactly what Babel's strict parser gives."""

import re
from decimal import Decimal

import pytest
from babel.numbers import format_decimal, parse_decimal
from hypothesis import given, strategies as st

from socialvalue.io._cells import NumberReader


@pytest.mark.parametrize("locale", ["en_GB", "cy_GB", "de_DE", "fr_FR"])
@given(
    number=st.decimals(
        min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False
    ),
    grouped=st.booleans(),
)
def test_the_plain_reading_agrees_with_babel(locale, number, grouped):
    reader = NumberReader(locale)
    text = format_decimal(
        number, locale=locale, decimal_quantization=False, group_separator=grouped
    )
    expected = parse_decimal(text, locale=locale, strict=True)
    assert reader.quantity(text, measure=None, unit=None) == expected == number


@pytest.mark.parametrize("text", ["1,2345", "12,34.5", "1,,000", ",5", "1.2.3"])
def test_badly_grouped_numbers_still_go_to_babel_and_are_refused(text):
    from socialvalue.io._cells import CellProblem

    with pytest.raises(CellProblem):
        NumberReader("en_GB").quantity(text, measure=None, unit=None)


def test_a_grouped_number_where_only_plain_ones_are_read_says_how_to_write_it():
    """Delivery sets, registries in TOML/JSON and the Python API read plain numbers only (a
    comma is a decimal sign in many locales); ``12,000`` there says what to write."""
    import pytest

    import socialvalue as sv

    with pytest.raises(
        ValueError,
        match=r"'12,000' is not a decimal number; write it without "
        r"separators, as 12000, or with a point if the comma marks decimals, as 12.000$",
    ):
        sv.Delivery(measure="LCR-COM-1", quantity="12,000", period="2022/23")
    with pytest.raises(ValueError, match=r"is not a decimal number$"):
        sv.Delivery(measure="LCR-COM-1", quantity="12,00", period="2022/23")


_DECIMAL_COMMA = "or with a point if the comma marks decimals, as"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("1,500", f"write it without separators, as 1500, {_DECIMAL_COMMA} 1.500"),
        ("-12,000", f"write it without separators, as -12000, {_DECIMAL_COMMA} -12.000"),
        ("1,250,000", "write it without separators, as 1250000"),
        ("1,250.50", "write it without separators, as 1250.50"),
    ],
)
def test_a_grouped_number_that_may_be_a_decimal_comma_says_both_ways(text, hint):
    """'1,500' is one and a half where a comma marks decimals (de_DE, fr_FR …): the hint
    said only "as 1500", a thousand times the number meant. One comma and no point may be
    either; several groups, or a point after them, are grouping."""
    import socialvalue as sv

    with pytest.raises(ValueError, match=re.escape(f"is not a decimal number; {hint}") + "$"):
        sv.Delivery(measure="LCR-COM-1", quantity=text, period="2022/23", correction=True)
