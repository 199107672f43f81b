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
    # 14 hours at a synthetic £12.34 an hour (not a proxy value).
    assert Money("12.34") * 14 == Money("172.76")


@pytest.mark.parametrize("value", [12.34, 0.1, float("nan")])
def test_floats_are_refused(value):
    with pytest.raises(FloatNotAllowedError, match="floats are inexact"):
        Money(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money("1") * value


def test_float_error_suggests_the_exact_form():
    with pytest.raises(FloatNotAllowedError) as info:
        Money(12.34)  # type: ignore[arg-type]
    assert "Decimal('12.34')" in str(info.value)


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
        assert (Money("12.34") * 21000).amount == Decimal("259140.00")


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
    amount = Money("164122.000000000000000000000000000000")
    assert str(amount) == "£164,122.00"
    assert (
        repr(amount)
        == "Money(amount=Decimal('164122.000000000000000000000000000000'), currency='GBP')"
    )
    assert str(Money("12.34")) == "£12.34"
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


# --- boundaries (issue #12) -------------------------------------------------------------------


def test_money_refuses_amounts_with_too_many_places():
    with pytest.raises(ValueError, match="has 201 decimal places; at most 200"):
        Money("1E-201")


@pytest.mark.parametrize("other", [1, Decimal(1), "1", None])
def test_money_arithmetic_with_non_money_is_not_implemented(other):
    money = Money("1")
    assert money.__add__(other) is NotImplemented
    assert money.__sub__(other) is NotImplemented
    for compare in (money.__lt__, money.__le__, money.__gt__, money.__ge__):
        assert compare(other) is NotImplemented


@pytest.mark.parametrize("factor", ["2", None, True])
def test_money_times_a_non_number_is_not_implemented(factor):
    assert Money("1").__mul__(factor) is NotImplemented
    assert Money("1").__truediv__(factor) is NotImplemented


@pytest.mark.parametrize("places", [41, -51, True, 2.0])
def test_quantize_places_outside_the_boundaries_are_refused(places):
    with pytest.raises(ValueError, match="places: expected a whole number from -50 to 40"):
        Money("1").quantize(places)


# --- mutation testing (issue #12): behaviour and messages the suite did not pin down -----------


def test_comparisons_answer_themselves_not_through_the_reflected_operator():
    one, two = Money("1"), Money("2")
    assert Money.__lt__(one, two) is True
    assert Money.__lt__(one, Money("1")) is False
    assert Money.__le__(one, Money("1")) is True
    assert Money.__le__(two, one) is False
    assert Money.__gt__(two, one) is True
    assert Money.__gt__(one, Money("1")) is False
    assert Money.__ge__(one, Money("1")) is True
    assert Money.__ge__(one, two) is False


def test_money_is_truthy_when_not_zero():
    assert Money("0.01")
    assert not Money("0")
    assert not Money("0", "EUR").__bool__()


def test_money_boundaries_are_exact():
    assert Money("9.99E+49").amount == Decimal("9.99E+49")
    with pytest.raises(
        ValueError, match=r"amount: 1E\+50 is too large \(amounts must be less than 10\^50\)"
    ):
        Money("1E+50")
    assert Money("1E-200").amount == Decimal("1E-200")
    assert Money("1").quantize(40).amount.as_tuple().exponent == -40
    assert Money("1").quantize(-50).amount == 0


def test_quantize_rounds_to_two_places_by_default_and_keeps_currency():
    assert Money("1.235", "EUR").quantize() == Money("1.24", "EUR")


def test_dividing_by_one_is_the_amount():
    assert Money("5", "EUR") / 1 == Money("5", "EUR")
    assert Money("5") / Money("1") == Decimal(5)


@pytest.mark.parametrize(
    ("operation", "message"),
    [
        (lambda: Money("x"), "amount: 'x' is not a decimal number"),
        (lambda: Money("1") * Decimal("NaN"), r"factor: Decimal\('NaN'\) is not a finite number"),
        (lambda: Money("1") * Decimal("1E+60"), r"factor: 1E\+60 is too large"),
        (
            lambda: Money("9E+49") * 10,
            r"product: 9.0E\+50 is too large|product: 9E\+50 is too large",
        ),
        (lambda: Money("1") / Decimal("NaN"), r"divisor: Decimal\('NaN'\) is not a finite number"),
        (lambda: Money("1") / Decimal("1E+60"), r"divisor: 1E\+60 is too large"),
        (lambda: Money("1") * Money("1"), "^cannot multiply money by money$"),
        (lambda: Money("1") - Money("1", "EUR"), "^cannot subtract GBP and EUR amounts$"),
        (lambda: Money("1") / Money("1", "EUR"), "^cannot divide GBP and EUR amounts$"),
        (lambda: Money("1") / Money("0"), "^cannot divide by a zero amount$"),
        (lambda: Money("1") / 0, "^cannot divide an amount by zero$"),
    ],
)
def test_money_errors_say_which_operand_and_why(operation, message):
    with pytest.raises((ValueError, TypeError, ZeroDivisionError), match=message):
        operation()


def test_an_unknown_format_spec_is_refused_with_the_accepted_forms():
    with pytest.raises(ValueError, match="Money format spec") as refused:
        format(Money("1"), "%")
    assert str(refused.value) == (
        "Money format spec '%': use '', a locale such as 'cy_GB', or a fixed-point spec such as "
        "',.2f'"
    )
