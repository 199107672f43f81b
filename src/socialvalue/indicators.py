"""Summary indicators: net present social value, ratios, payback and the local multiplier.

Each function takes :class:`~socialvalue.Money` where the figure is money (both arguments
money of one currency, or both plain ``Decimal``) and returns an exact, unrounded result. A
ratio with no meaning for its inputs — a denominator of zero, negative costs, an impact that
never pays back — raises :class:`~socialvalue.exceptions.CalculationError`; nothing returns
infinity or NaN.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue.exceptions import (
    CalculationError,
    CurrencyMismatchError,
    Problem,
    ValidationError,
)
from socialvalue.money import Money

__all__ = [
    "benefit_cost_ratio",
    "cost_per_outcome",
    "leverage_ratio",
    "local_multiplier_3",
    "net_sroi_ratio",
    "npsv",
    "payback_period_months",
    "sroi_ratio",
]

#: An amount: :class:`~socialvalue.Money` (money in, money out) or a plain ``Decimal``.
AmountT = TypeVar("AmountT", Money, Decimal)

_ZERO = Decimal(0)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    """``numerator ÷ denominator`` in the library's context; a zero quotient is plain ``0``.

    (``Decimal`` would give ``0E+30`` for ``0 ÷ 1.000…``, which reads as a huge number.)
    """
    with calculation_context():
        quotient = numerator / denominator
    return quotient or _ZERO


def _amounts(names: tuple[str, ...], values: tuple[object, ...]) -> tuple[Decimal, ...]:
    """The amounts of ``values``: all money of one currency, or all plain numbers."""
    kinds = {isinstance(value, Money) for value in values}
    if len(kinds) > 1:
        described = ", ".join(
            f"{name} is {type(value).__name__}" for name, value in zip(names, values, strict=True)
        )
        raise TypeError(f"expected all Money or all Decimal: {described}")
    currencies = sorted({value.currency for value in values if isinstance(value, Money)})
    if len(currencies) > 1:
        raise CurrencyMismatchError(f"cannot compare {' and '.join(currencies)} amounts")
    return tuple(
        value.amount if isinstance(value, Money) else to_decimal(value, what=name)
        for name, value in zip(names, values, strict=True)
    )


def npsv(pv_benefits: AmountT, pv_costs: AmountT) -> AmountT:
    """Net present social value: ``PVB − PVC`` (money in, money out).

    May be negative (costs exceed benefits).

    Args:
        pv_benefits: Present value of benefits.
        pv_costs: Present value of costs.

    References:
        HM Treasury, *The Green Book* (2022): net present social value, NPSV = PVB − PVC.

    >>> npsv(Money("1500000"), Money("1000000"))
    Money(amount=Decimal('500000'), currency='GBP')
    """
    _amounts(("pv_benefits", "pv_costs"), (pv_benefits, pv_costs))
    with calculation_context():
        return pv_benefits - pv_costs


def benefit_cost_ratio(pv_benefits: AmountT, pv_costs: AmountT) -> Decimal:
    """Benefit–cost ratio: ``PVB ÷ PVC``.

    Args:
        pv_benefits: Present value of benefits.
        pv_costs: Present value of costs; must be positive.

    Raises:
        CalculationError: ``pv_costs`` is zero or negative (the ratio has no meaning).

    References:
        HM Treasury, *The Green Book* (2022): benefit–cost ratio, BCR = PVB ÷ PVC.

    >>> benefit_cost_ratio(Money("1500000"), Money("1000000"))
    Decimal('1.5')
    >>> benefit_cost_ratio(Money("1500000"), Money("0"))
    Traceback (most recent call last):
    ...
    socialvalue.exceptions.CalculationError: benefit-cost ratio: the present value of costs ...
    """
    benefits, costs = _amounts(("pv_benefits", "pv_costs"), (pv_benefits, pv_costs))
    if costs <= 0:
        raise CalculationError(
            f"benefit-cost ratio: the present value of costs is {costs}; "
            "a ratio needs positive costs"
        )
    return _ratio(benefits, costs)


def sroi_ratio(present_value: AmountT, inputs: AmountT) -> Decimal:
    """SROI ratio: the present value of the impact divided by the value of the inputs.

    Read ``3.2`` as "£3.20 of social value for every £1 invested". Some tools report
    ``(PV − inputs) ÷ inputs`` instead; that is :func:`net_sroi_ratio` — say which you show.

    Args:
        present_value: Present value of the impact.
        inputs: Value of the inputs (the investment); must be positive.

    Raises:
        CalculationError: ``inputs`` is zero or negative.

    References:
        Cabinet Office, *A Guide to Social Return on Investment* (2009, updated 2012): SROI
        ratio = present value ÷ value of inputs.

    >>> sroi_ratio(Money("320000"), Money("100000"))
    Decimal('3.2')
    """
    value, invested = _amounts(("present_value", "inputs"), (present_value, inputs))
    _check_inputs("SROI ratio", invested)
    return _ratio(value, invested)


def net_sroi_ratio(present_value: AmountT, inputs: AmountT) -> Decimal:
    """Net SROI ratio: ``(PV − inputs) ÷ inputs`` — the value *beyond* the investment per £1.

    Always :func:`sroi_ratio` minus 1. Name it as a net ratio wherever it is shown.

    Args:
        present_value: Present value of the impact.
        inputs: Value of the inputs (the investment); must be positive.

    Raises:
        CalculationError: ``inputs`` is zero or negative.

    References:
        Cabinet Office, *A Guide to Social Return on Investment* (2009, updated 2012), whose
        SROI ratio is :func:`sroi_ratio`; the net form is the one some SROI tools report
        (METHODOLOGY.md §3), offered under its own name so the two are never confused.

    >>> net_sroi_ratio(Money("320000"), Money("100000"))
    Decimal('2.2')
    """
    value, invested = _amounts(("present_value", "inputs"), (present_value, inputs))
    _check_inputs("net SROI ratio", invested)
    with calculation_context():
        return (value - invested) / invested


def _check_inputs(what: str, inputs: Decimal) -> None:
    if inputs <= 0:
        raise CalculationError(
            f"{what}: the value of inputs is {inputs}; a ratio needs inputs greater than zero"
        )


def payback_period_months(investment: AmountT, annual_impact: AmountT) -> Decimal:
    """Months for the impact to repay the investment: ``investment ÷ (annual impact ÷ 12)``.

    Computed as ``investment × 12 ÷ annual impact`` (the same number, with one rounding step
    instead of two). The formula is the one commonly used in SROI reports; METHODOLOGY.md marks
    it as recalled [R] rather than re-read in a source. It assumes the impact accrues evenly
    through the year and ignores discounting and drop-off.

    Args:
        investment: The investment (the value of inputs); zero or more.
        annual_impact: The value of the impact in one year; must be positive.

    Raises:
        CalculationError: ``annual_impact`` is zero or negative (the investment never pays
            back), or ``investment`` is negative.

    References:
        Payback period as used in SROI practice (formula recalled; see METHODOLOGY.md §3).

    >>> payback_period_months(Money("100000"), Money("40000"))
    Decimal('30')
    """
    invested, impact = _amounts(("investment", "annual_impact"), (investment, annual_impact))
    if invested < 0:
        raise CalculationError(
            f"payback period: the investment is {invested}; it must be zero or more"
        )
    if impact <= 0:
        raise CalculationError(
            f"payback period: the annual impact is {impact}; an investment only pays back "
            "from a positive impact"
        )
    with calculation_context():
        return invested * 12 / impact


def leverage_ratio(attracted: AmountT, invested: AmountT) -> Decimal:
    """Leverage ratio: additional funding attracted per £1 invested, ``attracted ÷ invested``.

    The funding attracted is a transfer (it moves money, it does not create value), so it is
    reported beside the social value, never added to it.

    Args:
        attracted: Additional funding attracted; zero or more.
        invested: The investment that attracted it; must be positive.

    Raises:
        CalculationError: ``invested`` is zero or negative, or ``attracted`` is negative.

    >>> leverage_ratio(Money("10500000"), Money("1000000"))
    Decimal('10.5')
    """
    funding, investment = _amounts(("attracted", "invested"), (attracted, invested))
    _check_inputs("leverage ratio", investment)
    if funding < 0:
        raise CalculationError(
            f"leverage ratio: funding attracted is {funding}; it is zero or more"
        )
    return _ratio(funding, investment)


def cost_per_outcome(costs: AmountT, outcomes: object) -> AmountT:
    """Cost per outcome: ``costs ÷ number of outcomes`` (money in, money out).

    Args:
        costs: The cost (or its present value) of producing the outcomes.
        outcomes: How many outcomes (a quantity in the measure's unit); must be positive.

    Raises:
        CalculationError: ``outcomes`` is zero or negative.

    >>> cost_per_outcome(Money("100000"), Decimal("40"))
    Money(amount=Decimal('2500'), currency='GBP')
    """
    count = to_decimal(outcomes, what="outcomes")
    if count <= 0:
        raise CalculationError(f"cost per outcome: {count} outcomes; a ratio needs more than zero")
    with calculation_context():
        if isinstance(costs, Money):
            return Money(costs.amount / count, costs.currency)
        return to_decimal(costs, what="costs") / count


def local_multiplier_3(s1: AmountT, s2: AmountT, s3: AmountT) -> Decimal:
    """Local Multiplier 3: ``(S1 + S2 + S3) ÷ S1``, between 1 and 3.

    Args:
        s1: Round 1: the total income (or spend) of the project or organisation.
        s2: Round 2: the part of S1 spent locally (local suppliers, local employees).
        s3: Round 3: the part of S2 re-spent locally by those suppliers and employees.

    Raises:
        CalculationError: ``s1`` is zero or negative (there is nothing to multiply).
        ValidationError: ``s2`` or ``s3`` is negative, ``s2`` exceeds ``s1`` or ``s3``
            exceeds ``s2`` (each round is part of the one before); every problem is listed.

    References:
        New Economics Foundation, *The Money Trail* (2002), which defines LM3.

    >>> local_multiplier_3(Money("100000"), Money("60000"), Money("24000"))
    Decimal('1.84')
    """
    names = ("s1", "s2", "s3")
    first, second, third = _amounts(names, (s1, s2, s3))
    if first <= 0:
        raise CalculationError(
            f"LM3: S1 (the total income or spend) is {first}; it must be greater than zero"
        )
    problems = [
        Problem(name, f"{value} is negative; spend is zero or more")
        for name, value in zip(names[1:], (second, third), strict=True)
        if value < 0
    ]
    if second > first:
        problems.append(
            Problem("s2", f"{second} is more than S1 ({first}); local spend is part of S1")
        )
    if _ZERO <= second < third:  # a negative S2 is already reported
        problems.append(
            Problem("s3", f"{third} is more than S2 ({second}); local re-spend is part of S2")
        )
    if problems:
        raise ValidationError(problems, subject="LM3")
    with calculation_context():
        return (first + second + third) / first
