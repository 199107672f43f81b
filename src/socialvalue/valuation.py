"""Valuation, step 1: from a valuation key to a unit value; one delivery's value, with the working.

Valuation is linear in the quantity, and computed in two steps:

1. a :class:`ValuationKey` (measure, period, geography) becomes a :class:`UnitValue` — £ per unit
   of quantity, gross, net (after additionality) and present value (over the persistence period) —
   with every step that produced it: the proxy and where it came from, the rebasing to the
   methodology's price base, each additionality factor, each year's persistence and discount
   factor;
2. quantities are multiplied by the unit value.

This module is step 1 (:func:`unit_value`, with the price-date rules) and :func:`value`, which
does both steps for one delivery. Step 2 for many is :func:`socialvalue.batch.value_many`: it
sums quantities per key first and multiplies once per key, so a batch costs one multiplication
per distinct key; its totals are *exactly* the sums of the per-delivery valuations, because unit
values are carried to :data:`UNIT_VALUE_PLACES` decimal places and everything after that is
exact.

References:
    HM Treasury, *The Green Book* (2022): real prices (§5.11–5.12) and discounting (Table 6.1).
    English Partnerships / Homes and Communities Agency, *Additionality Guide* (3rd ed., 2008).
    Cabinet Office, *A Guide to Social Return on Investment* (2009, updated 2012).
"""

from __future__ import annotations

import datetime as dt
import warnings
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue._deprecated import moved_names
from socialvalue._working import render_working, show
from socialvalue.additionality import Additionality
from socialvalue.deliveries import Delivery, check_deliveries
from socialvalue.exceptions import SocialValueError
from socialvalue.framework import Measure, ValuationKind
from socialvalue.methodology import CalendarPrices, Methodology, MethodologyRef, ProxyDate
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod, CalendarYear, FinancialYear
from socialvalue.prices import PriceYearError
from socialvalue.proxies import ProxyLookup

__all__ = [
    "UNIT_VALUE_PLACES",
    "Step",
    "UnitValue",
    "Valuation",
    "ValuationError",
    "ValuationKey",
    "unit_value",
    "value",
]

__getattr__ = moved_names(
    "socialvalue.valuation",
    {
        "GROUPABLE": "socialvalue.batch.DELIVERY_DIMENSIONS",
        **{
            name: f"socialvalue.batch.{name}"
            for name in ("GroupValuation", "UnvaluedGroup", "ValuationBatch", "value_many")
        },
    },
)

#: Unit values (£ per unit) are carried to this many decimal places — far below a penny — and
#: everything computed from them is exact, which keeps valuation exactly linear in the quantity.
UNIT_VALUE_PLACES = 30
_UNIT_EXPONENT = Decimal(1).scaleb(-UNIT_VALUE_PLACES)


class ValuationError(SocialValueError, ValueError):
    """A delivery that cannot be valued under a methodology (e.g. prices that cannot be rebased)."""


@attrs.frozen
class ValuationKey:
    """What a unit value depends on: the measure, the period and the place."""

    measure: str
    period: AnyPeriod
    geography: str

    @classmethod
    def of(cls, delivery: Delivery) -> ValuationKey:
        """The key of a delivery."""
        return cls(delivery.measure, delivery.period, delivery.geography)


@attrs.frozen(kw_only=True)
class Step:
    """One step of the working behind a unit value.

    Attributes:
        name: ``proxy``, ``financial``, ``record-only``, ``rebase``, an additionality factor
            (``deadweight`` …), ``persistence and discounting``.
        text: What was done, in words, with its source where there is one.
        factor: What the running value was multiplied by, when the step multiplies.
        result: The running £ per unit after the step (unrounded).
    """

    name: str
    text: str
    factor: Decimal | None = None
    result: Decimal | None = None


@attrs.frozen(kw_only=True)
class UnitValue:
    """£ per unit of quantity for a valuation key, and how it was obtained.

    ``gross``, ``net`` and ``present_value`` are ``None`` for a record-only measure, which is
    counted and never monetised.
    """

    key: ValuationKey
    valuation: ValuationKind
    currency: str
    gross: Decimal | None
    net: Decimal | None
    present_value: Decimal | None
    steps: tuple[Step, ...]
    lookup: ProxyLookup | None = None

    @property
    def monetised(self) -> bool:
        """Whether the measure is valued in money at all."""
        return self.gross is not None

    @property
    def extrapolated(self) -> bool:
        """Whether the proxy value was carried forward past its validity."""
        return self.lookup is not None and self.lookup.extrapolated

    @property
    def present(self) -> Decimal | None:
        """Deprecated: the name is :attr:`present_value`, as on every other type."""
        warnings.warn(
            "UnitValue.present is deprecated; use UnitValue.present_value",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.present_value

    def times(self, quantity: Decimal) -> tuple[Money | None, Money | None, Money | None]:
        """Gross, net and present value of ``quantity`` units (exact)."""
        if self.gross is None or self.net is None or self.present_value is None:
            return None, None, None
        with calculation_context():
            return (
                Money._trusted(quantity * self.gross, self.currency),  # noqa: SLF001
                Money._trusted(quantity * self.net, self.currency),  # noqa: SLF001
                Money._trusted(quantity * self.present_value, self.currency),  # noqa: SLF001
            )


@attrs.frozen(kw_only=True)
class Valuation:
    """The value of one delivery under one methodology, with the working.

    Attributes:
        delivery: What was valued.
        unit: The unit value used, with its steps.
        methodology: Id, version and content hash of the methodology.
        gross: Quantity × proxy (rebased), before additionality; ``None`` if record-only.
        net: After additionality.
        present_value: Net, persisted and discounted over the persistence period.
    """

    delivery: Delivery
    unit: UnitValue
    methodology: MethodologyRef
    gross: Money | None
    net: Money | None
    present_value: Money | None

    @property
    def monetised(self) -> bool:
        """Whether the delivery was valued in money (record-only measures are not)."""
        return self.gross is not None

    def explanation(self) -> tuple[Step, ...]:
        """Deprecated: the steps as data are :meth:`working`; :meth:`explain` is the text."""
        warnings.warn(
            "Valuation.explanation() is deprecated; use Valuation.working()",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.working()

    def working(self) -> tuple[Step, ...]:
        """The steps as data: the unit value's steps, then the multiplication by the quantity."""
        quantity = self.delivery.quantity
        if self.gross is None or self.net is None or self.present_value is None:
            last = Step(name="quantity", text=f"{quantity} counted; no £ value")
        else:
            last = Step(
                name="quantity",
                text=(
                    f"× {quantity}: gross {self.gross.amount}, net {self.net.amount}, "
                    f"present value {self.present_value.amount} {self.gross.currency}"
                ),
                factor=quantity,
                result=self.present_value.amount,
            )
        return (*self.unit.steps, last)

    def explain(self, *, places: int | None = None) -> str:
        """The working as text, one numbered line a step (:meth:`working` is the same as data).

        Per-unit figures are shown to six decimal places (``≈`` marks a shortened one); totals
        are shown to ``places`` (default: exact).
        """
        delivery = self.delivery
        return render_working(
            f"{delivery.measure}: {delivery.quantity} in {delivery.period.label}, "
            f"{delivery.geography} — methodology {self.methodology}",
            self.unit,
            delivery.quantity,
            (self.gross, self.net, self.present_value),
            places,
        )


def _lookup_date(period: AnyPeriod, policy: ProxyDate) -> dt.date | AnyPeriod:
    if policy is ProxyDate.PERIOD:
        return period
    if policy is ProxyDate.START:
        return period.start
    if policy is ProxyDate.END:
        return period.end
    return period.start + dt.timedelta(days=(period.end - period.start).days // 2)


def _price_year(
    year: FinancialYear | CalendarYear, methodology: Methodology, steps: list[Step]
) -> FinancialYear:
    if isinstance(year, FinancialYear):
        return year
    if methodology.calendar_prices is CalendarPrices.ERROR:
        raise ValuationError(
            f"the value is in {year.label} (calendar year) prices but the price index "
            f"{methodology.price_index.id if methodology.price_index else ''} is by financial "
            "year; set calendar_prices = 'majority_financial_year' in the methodology to "
            "treat calendar-year prices as those of the financial year holding 9 of its months"
        )
    mapped = FinancialYear(year.year)
    steps.append(
        Step(
            name="price year",
            text=(
                f"{year.label} prices treated as {mapped.label} prices (the financial year "
                "holding 9 of the calendar year's 12 months): an approximation"
            ),
        )
    )
    return mapped


def _rebase(
    gross: Decimal, year: FinancialYear | CalendarYear, methodology: Methodology, steps: list[Step]
) -> Decimal:
    index, base = methodology.price_index, methodology.price_base
    if index is None or base is None:
        steps.append(
            Step(name="rebase", text="none: the methodology keeps values in their own prices")
        )
        return gross
    from_year = _price_year(year, methodology, steps)
    if from_year == base:
        steps.append(Step(name="rebase", text=f"none needed: already in {base.label} prices"))
        return gross
    try:
        step = index.working(from_year, base)
    except PriceYearError as error:
        raise ValuationError(f"cannot restate {from_year.label} prices: {error}") from None
    with calculation_context():
        result = gross * step.factor
    steps.append(
        Step(
            name="rebase",
            text=step.text,
            factor=step.factor,
            result=result,
        )
    )
    return result


def _amount_year(period: AnyPeriod, methodology: Methodology) -> FinancialYear:
    """The financial year whose prices a reported £ amount is in, by the proxy-date rule.

    With ``ProxyDate.PERIOD`` the whole period must fall in one financial year; otherwise the
    year of the start, middle or end of the period, as the methodology says.
    """
    if methodology.proxy_date is ProxyDate.PERIOD:
        first = FinancialYear.containing(period.start)
        last = FinancialYear.containing(period.end)
        if first != last:
            raise ValuationError(
                f"{period.label} spans the financial years {first.label} to {last.label}, so "
                "its £ amount has no single price year; split the delivery, or set the "
                "methodology's proxy_date to 'start', 'middle' or 'end'"
            )
        return first
    day = _lookup_date(period, methodology.proxy_date)
    assert isinstance(day, dt.date)  # noqa: S101 - a date for every rule but PERIOD
    return FinancialYear.containing(day)


def _gross_per_unit(
    key: ValuationKey, measure: Measure, methodology: Methodology, steps: list[Step]
) -> tuple[Decimal, str, ProxyLookup | None, bool]:
    if measure.valuation is ValuationKind.FINANCIAL:
        currency = methodology.framework.unit(measure.unit).currency or "GBP"
        steps.append(
            Step(
                name="financial",
                text=f"{measure.code} is reported in {currency}: each unit is worth 1 {currency}",
                result=Decimal(1),
            )
        )
        year = _amount_year(key.period, methodology)
        return _rebase(Decimal(1), year, methodology, steps), currency, None, False
    lookup = methodology.registry.lookup(
        key.measure,
        _lookup_date(key.period, methodology.proxy_date),
        key.geography,
        policy=methodology.lookup_policy_for(key.measure),
    )
    proxy = lookup.value
    steps.append(Step(name="proxy", text=lookup.describe(), result=proxy.value))
    if proxy.derivation:
        steps.append(Step(name="derivation", text=" ".join(proxy.derivation)))
    gross = _rebase(proxy.value, proxy.price_base, methodology, steps)
    return gross, proxy.currency, lookup, proxy.net_of_deadweight


def _additionality_steps(
    gross: Decimal, adjustments: Additionality, origin: str, steps: list[Step]
) -> Decimal:
    net = gross
    for adjustment in adjustments.steps(gross):
        parameter = adjustment.parameter
        shown = (
            f"× {parameter.normalize()}"
            if adjustment.name == "multiplier"
            else f"{(parameter * 100).normalize():f}%"
        )
        steps.append(
            Step(
                name=adjustment.name,
                text=f"{shown} ({origin} assumption)",
                factor=adjustment.factor,
                result=adjustment.after,
            )
        )
        net = adjustment.after
    return net


def _present_factor(methodology: Methodology, adjustments: Additionality) -> tuple[Decimal, str]:
    persistence = adjustments.persistence()
    factors = methodology.discount_schedule.discount_factors(
        len(persistence), convention=methodology.year_convention
    )
    with calculation_context():
        total = sum((p * f for p, f in zip(persistence, factors, strict=True)), start=Decimal(0))
    years = "; ".join(
        f"year {methodology.year_convention.year(i)}: {show(p)} × {show(f)}"
        for i, (p, f) in enumerate(zip(persistence, factors, strict=True))
    )
    schedule = methodology.discount_schedule
    text = (
        f"{len(persistence)} year(s), drop-off {(adjustments.drop_off * 100).normalize():f}% "
        f"a year, discounted with {schedule.id} ({schedule.edition}), "
        f"{methodology.year_convention.value.replace('_', ' ')} convention: {years}"
    )
    return total, text


def unit_value(key: ValuationKey, methodology: Methodology) -> UnitValue:
    """The £ per unit of a valuation key under a methodology (cached per methodology).

    Step 1 of valuation: everything but the quantity, with each step of the working.

    Examples:
        >>> from socialvalue import FinancialQuarter, ValuationKey, default_methodology
        >>> key = ValuationKey("LCR-ENV-2", FinancialQuarter(2024, 2), "UK")
        >>> unit = unit_value(key, default_methodology())
        >>> round(unit.gross, 2), unit.currency, unit.present_value == unit.gross
        (Decimal('294.60'), 'GBP', True)
        >>> [step.name for step in unit.steps][:3]
        ['proxy', 'price year', 'rebase']

    Raises:
        UnknownCodeError: for a measure the framework does not define.
        NoProxyValueError: when no proxy value answers (see the methodology's lookup policy).
        ValuationError: when prices cannot be rebased as the methodology says.
    """
    return methodology.memo().unit_value(key, lambda k: _compute_unit_value(k, methodology))


def _compute_unit_value(key: ValuationKey, methodology: Methodology) -> UnitValue:
    measure = methodology.framework.measure(key.measure)
    steps: list[Step] = []
    if measure.valuation is ValuationKind.RECORD_ONLY:
        steps.append(
            Step(
                name="record-only",
                text=f"{measure.code} is record-only: counted and reported, never monetised",
            )
        )
        return UnitValue(
            key=key,
            valuation=measure.valuation,
            currency="GBP",
            gross=None,
            net=None,
            present_value=None,
            steps=tuple(steps),
        )
    gross, currency, lookup, net_of_deadweight = _gross_per_unit(key, measure, methodology, steps)
    adjustments, origin = methodology.additionality_for(measure.code)
    if net_of_deadweight and adjustments.deadweight:
        adjustments = attrs.evolve(adjustments, deadweight=Decimal(0))
        steps.append(
            Step(
                name="deadweight",
                text="the proxy value is already net of deadweight: not applied again",
            )
        )
    net = _additionality_steps(gross, adjustments, origin, steps)
    present_factor, text = _present_factor(methodology, adjustments)
    with calculation_context():
        present = net * present_factor
    steps.append(
        Step(name="persistence and discounting", text=text, factor=present_factor, result=present)
    )
    with calculation_context():
        gross, net, present = (
            number.quantize(_UNIT_EXPONENT, rounding=ROUND_HALF_EVEN)
            for number in (gross, net, present)
        )
    return UnitValue(
        key=key,
        valuation=measure.valuation,
        currency=currency,
        gross=gross,
        net=net,
        present_value=present,
        steps=tuple(steps),
        lookup=lookup,
    )


def value(delivery: Delivery, methodology: Methodology) -> Valuation:
    """Value one delivery: gross £, net £ and present value, with the working.

    Examples:
        >>> import socialvalue as sv
        >>> methodology = sv.default_methodology()
        >>> delivery = sv.Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")
        >>> valuation = sv.value(delivery, methodology)
        >>> valuation.gross.quantize(2)
        Money(amount=Decimal('3682.52'), currency='GBP')
        >>> print(valuation.explain(places=2))  # doctest: +ELLIPSIS
        LCR-ENV-2: 12.5 in 2024/25 Q2, UK — methodology lcrca-default ...
         1. proxy: LCR-ENV-2 on 2024-08-15: 268.97 GBP per tco2e (2022 prices), UK, ...
         2. price year: 2022 prices treated as 2022/23 prices ...
         3. rebase: 2022/23 → 2024/25 prices with gdp-deflator-hmt-2026-03: ...  → ≈294.60151 ...
        ...
        11. quantity: × 12.5 → gross 3682.52, net 3682.52, present value 3682.52 GBP

    Raises:
        ValidationError: the delivery's measure, unit or role does not fit the framework.
        NoProxyValueError: no proxy value answers for its date and place.
    """
    check_deliveries([delivery], methodology.framework, subject="delivery")
    unit = unit_value(ValuationKey.of(delivery), methodology)
    gross, net, present = unit.times(delivery.quantity)
    return Valuation(
        delivery=delivery,
        unit=unit,
        methodology=methodology.ref,
        gross=gross,
        net=net,
        present_value=present,
    )
