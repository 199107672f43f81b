import decimal
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st
from strategies import decimals, money

from socialvalue import FloatNotAllowedError, Money
from socialvalue.exceptions import CurrencyMismatchError
from socialvalue.money import RoundingMode, sum_money


@given(money(), money(), money())
def test_addition_is_associative_and_exact(a, b, c):
    assert (a + b) + c == a + (b + c)
    assert ((a + b) + c).amount == a.amount + b.amount + c.amount


@given(money(), money())
def test_addition_is_commutative(a, b):
    assert a + b == b + a


@given(money())
def test_subtraction_undoes_addition(a):
    b = Money("0.01")
    assert (a + b) - b == a


@given(st.lists(money(), max_size=20))
def test_sum_money_matches_builtin_sum(amounts):
    assert sum_money(amounts) == sum(amounts, Money.zero())


@given(money(), decimals(places=3), decimals(places=3))
def test_multiplication_distributes_over_quantities(a, q1, q2):
    assert a * (q1 + q2) == a * q1 + a * q2


def test_worked_example_volunteering_hours():
    # LCRCA Social Value Annual Report 2023, Employer section: £16.93 per hour of volunteering.
    assert Money("16.93") * 14 == Money("237.02")


@pytest.mark.parametrize("value", [16.93, 0.1, float("nan")])
def test_floats_are_refused(value):
    with pytest.raises(FloatNotAllowedError, match="floats are inexact"):
        Money(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money("1") * value


def test_float_error_suggests_the_exact_form():
    with pytest.raises(FloatNotAllowedError) as info:
        Money(16.93)  # type: ignore[arg-type]
    assert "Decimal('16.93')" in str(info.value)


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-inf"])
def test_non_finite_amounts_are_refused(value):
    with pytest.raises(ValueError, match="not a finite number"):
        Money(value)


def test_text_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError, match="'£3,000' is not a decimal number"):
        Money("£3,000")


def test_booleans_are_refused():
    with pytest.raises(TypeError, match="boolean"):
        Money(True)  # type: ignore[arg-type]  # noqa: FBT003


@pytest.mark.parametrize("currency", ["gbp", "GB", "POUND", ""])
def test_currency_must_be_iso_code(currency):
    with pytest.raises(ValueError, match="ISO 4217"):
        Money("1", currency)


def test_mixing_currencies_is_refused():
    with pytest.raises(CurrencyMismatchError, match="cannot add GBP and EUR"):
        Money("1") + Money("1", "EUR")
    with pytest.raises(CurrencyMismatchError, match="cannot compare"):
        _ = Money("1") < Money("1", "EUR")
    with pytest.raises(CurrencyMismatchError):
        sum_money([Money("1", "EUR")])


def test_money_times_money_is_refused():
    with pytest.raises(TypeError, match="money by money"):
        Money("1") * Money("2")


def test_division():
    assert Money("10") / 4 == Money("2.5")
    assert Money("10") / Money("4") == Decimal("2.5")
    with pytest.raises(ZeroDivisionError):
        Money("1") / 0
    with pytest.raises(ZeroDivisionError):
        Money("1") / Money("0")


def test_arithmetic_ignores_the_callers_decimal_context():
    import decimal

    with decimal.localcontext() as context:
        context.prec = 3
        assert (Money("1234.56") + Money("0.01")).amount == Decimal("1234.57")
        assert (Money("16.93") * 21000).amount == Decimal("355530.00")


@pytest.mark.parametrize(
    ("mode", "expected"),
    [
        (RoundingMode.HALF_UP, "2.68"),
        (RoundingMode.HALF_EVEN, "2.68"),
        (RoundingMode.HALF_DOWN, "2.67"),
        (RoundingMode.DOWN, "2.67"),
        (RoundingMode.UP, "2.68"),
        (RoundingMode.FLOOR, "2.67"),
        (RoundingMode.CEILING, "2.68"),
    ],
)
def test_quantize_uses_the_named_mode(mode, expected):
    assert Money("2.675").quantize(2, mode).amount == Decimal(expected)


def test_half_even_differs_from_half_up_on_ties():
    assert Money("2.665").quantize(2, RoundingMode.HALF_EVEN).amount == Decimal("2.66")
    assert Money("2.665").quantize(2, RoundingMode.HALF_UP).amount == Decimal("2.67")


@given(money(places=4))
def test_quantize_is_idempotent(a):
    once = a.quantize(2)
    assert once.quantize(2) == once
    assert abs(once.amount - a.amount) <= Decimal("0.005")


def test_ordering_and_comparisons():
    assert Money("1") < Money("2") <= Money("2") < Money("3")
    assert Money("3") > Money("2") >= Money("2")
    assert sorted([Money("3"), Money("1")]) == [Money("1"), Money("3")]
    assert -Money("1") == Money("-1")
    assert abs(Money("-1")) == Money("1")
    assert not Money("0")
    assert Money("0").is_zero()


def test_str_is_for_readers_and_repr_is_exact():
    amount = Money("225169.000000000000000000000000000000")
    assert str(amount) == "£225,169.00"
    assert (
        repr(amount)
        == "Money(amount=Decimal('225169.000000000000000000000000000000'), currency='GBP')"
    )
    assert str(Money("16.93")) == "£16.93"
    # Half up, explicitly, whatever the decimal context's rounding is.
    with decimal.localcontext() as context:
        context.rounding = decimal.ROUND_DOWN
        assert str(Money("2.675")) == "£2.68"
        assert f"{Money('0.125'):.2f}" == "0.13"
    assert str(Money("-0.004")) == "£0.00"
    assert str(Money("-1234.5")) == "-£1,234.50"
    assert str(Money("1500.4", "JPY")) == "JP¥1,500"
    assert str(Money("3", "EUR")) == "€3.00"


def test_format_spec_language():
    amount = Money("1234567.895")
    assert format(amount) == f"{amount}" == str(amount) == "£1,234,567.90"
    assert f"{amount:cy_GB}" == "£1,234,567.90"
    assert f"{amount:,.2f}" == "1,234,567.90"
    assert f"{amount:>14,.0f}" == "     1,234,568"
    assert f"{amount:f}" == "1234567.895"  # no places: exact
    for spec in (".2e", "%", "s", "d", "GBP", ".2"):
        with pytest.raises(ValueError, match="Money format spec"):
            format(amount, spec)
    with pytest.raises(ValueError, match="unknown locale 'xx_XX'"):
        format(amount, "xx_XX")


def test_a_negative_amount_rounding_to_zero_formats_as_str_does():
    # str() wrote '£0.00' but a fixed-point spec wrote '-0.00' for the same Money.
    assert str(Money("-0.004")) == "£0.00"
    assert f"{Money('-0.004'):.2f}" == "0.00"
    assert f"{Money('-0.004'):>6,.2f}" == "  0.00"
    assert f"{Money('-0'):f}" == "0"
    assert f"{Money('-0.005'):.2f}" == "-0.01"  # half up, away from zero: still negative


@given(money(min_value=-(10**12), max_value=10**12, places=6))
def test_str_parses_back_to_the_amount_rounded_half_up(amount):
    text = str(amount)
    digits = text.replace("£", "", 1).replace(",", "")
    assert Decimal(digits) == amount.amount.quantize(Decimal("0.01"), decimal.ROUND_HALF_UP)


def test_money_is_immutable_and_hashable():
    amount = Money("1")
    with pytest.raises(AttributeError):
        amount.amount = Decimal(2)  # type: ignore[misc]
    assert {Money("1"), Money("1.0")} == {Money("1")}
