import datetime as dt
import decimal
from decimal import Decimal

import pytest
from babel.numbers import parse_decimal
from hypothesis import given, strategies as st
from strategies import decimals

from socialvalue import _display

LOCALES = ("en_GB", "cy_GB")
MODES = (decimal.ROUND_HALF_UP, decimal.ROUND_HALF_EVEN, decimal.ROUND_DOWN)


@given(decimals(min_value=-(10**12), max_value=10**12, places=8), st.sampled_from(LOCALES))
def test_a_number_formatted_then_parsed_is_the_number(number, locale):
    text = _display.number(number, locale=locale)
    assert parse_decimal(text, locale=locale, strict=True) == number


@given(
    decimals(min_value=-(10**9), max_value=10**9, places=6),
    st.sampled_from(LOCALES),
    st.integers(0, 4),
    st.sampled_from(MODES),
)
def test_rounded_once_with_the_mode_asked_for(number, locale, places, mode):
    text = _display.number(number, locale=locale, places=places, rounding=mode)
    expected = number.quantize(Decimal(1).scaleb(-places), rounding=mode)
    assert parse_decimal(text, locale=locale, strict=True) == expected
    assert len(text.rpartition(".")[2]) == places if places else "." not in text


@given(decimals(min_value=-(10**9), max_value=10**9, places=4), st.sampled_from(LOCALES))
def test_money_shows_the_currency_digits_rounded_half_up(amount, locale):
    text = _display.money(amount, "GBP", locale=locale)
    digits = text.replace("£", "", 1)
    expected = amount.quantize(Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)
    assert parse_decimal(digits, locale=locale, strict=True) == expected
    assert text.startswith("-£") == (expected < 0)


def test_the_callers_decimal_context_changes_nothing():
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_FLOOR
        context.prec = 3
        assert _display.money(Decimal("1234567.125"), "GBP", locale="en_GB") == "£1,234,567.13"
        assert _display.percent(Decimal("0.12345"), locale="en_GB", places=2) == "12.35%"


def test_zero_and_negative_zero_are_written_as_they_are():
    assert _display.number(Decimal("0.00"), locale="en_GB") == "0.00"
    assert _display.number(Decimal("-0.00"), locale="en_GB") == "-0.00"
    assert _display.number(Decimal("0.00"), locale="en_GB") == "0.00"  # not the cached -0.00
    assert _display.money(Decimal("-0.001"), "GBP", locale="en_GB") == "£0.00"


def test_compact_amounts_and_dates():
    assert _display.compact_money(Decimal(2164000), "GBP", locale="en_GB") == "£2.2 million"
    assert _display.compact_money(Decimal(-2164000), "GBP", locale="en_GB") == "-£2.2 million"
    assert _display.compact_money(Decimal(950), "GBP", locale="en_GB") == "£950.00"
    assert _display.date(dt.date(2023, 6, 9), locale="cy_GB") == "9 Mehefin 2023"


def test_plural_forms_follow_the_locales_rules():
    forms = {"one": "{n} row", "two": "{n} row (two)", "other": "{n} rows"}
    assert _display.plural(1, forms, locale="en_GB") == "1 row"
    assert _display.plural(2, forms, locale="en_GB") == "2 rows"  # English has no dual
    assert _display.plural(2, forms, locale="cy_GB") == "2 row (two)"  # Welsh has
    assert _display.count(0, "delivery", "deliveries", locale="en_GB") == "0 deliveries"
    with pytest.raises(KeyError):
        _display.plural(3, {"one": "{n} row"}, locale="en_GB")
