"""Quantities read without Babel in the common case give exactly what Babel's strict parser gives."""

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
