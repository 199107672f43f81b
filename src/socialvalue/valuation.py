"""Valuation, step 1: from a valuation key to a unit value; one delivery's value, with the working.

Valuation is linear in the quantity, and computed in two steps:

1. a :class:`ValuationKey` (measure, period, geography) becomes a :class:`UnitValue` — £ per unit
   of quantity, gross, net (after additionality) and present value (each year of the outcome's
   stream discounted from its own year to the methodology's appraisal base year, see
   :func:`discount_to_base`) — with every step that produced it: the proxy and where it came
   from, the rebasing to the methodology's price base, each additionality factor, each year's
   persistence and discount factor (:attr:`UnitValue.stream`);
2. quantities are multiplied by the unit value.

Costs (:class:`~socialvalue.Cost`) are restated and discounted the same way by
:func:`value_cost`.

This module is step 1 (:func:`unit_value`, with the price-date rules) and :func:`value`, which
does both steps for one delivery. Step 2 for many is :func:`socialvalue.batch.value_many`: it
sums quantities per key first and multiplies once per key, so a batch costs one multiplication
per distinct key; its totals are *exactly* the sums of the per-delivery valuations, because unit
values are carried to :data:`UNIT_VALUE_PLACES` decimal places and everything after that is
exact.

References:
    HM Treasury, *The Green Book* (2022): real prices (§5.11–5.12) and discounting (Annex A6,
    Table 8).
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
from socialvalue._phrases import Phrase, english, phrase
from socialvalue._working import render_working, show
from socialvalue.additionality import Additionality
from socialvalue.deliveries import Cost, Delivery, check_deliveries
from socialvalue.exceptions import SocialValueError
from socialvalue.framework import Measure, ValuationKind
from socialvalue.methodology import (
    BeforeBaseYear,
    CalendarPrices,
    Methodology,
    MethodologyRef,
    ProxyDate,
    ProxyYears,
)
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod, CalendarYear, FinancialYear
from socialvalue.prices import PriceYearError
from socialvalue.proxies import ProxyLookup

__all__ = [
    "UNIT_VALUE_PLACES",
    "CostValuation",
    "Step",
    "UnitValue",
    "Valuation",
    "ValuationError",
    "ValuationKey",
    "YearValue",
    "first_year",
    "unit_value",
    "value",
    "value_cost",
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
_ONE = Decimal(1)


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
        phrase: What was done, as data: a catalogue message and its values, formatted in the
            reader's locale where it is shown (the report, ``socialvalue --language``).
        text: What was done, in English words, with its source where there is one (by default
            the English of ``phrase``).
        factor: What the running value was multiplied by, when the step multiplies.
        result: The running £ per unit after the step (unrounded).
    """

    name: str
    phrase: Phrase | None = None
    text: str = attrs.field(
        default=attrs.Factory(
            lambda self: english(self.phrase) if self.phrase is not None else "", takes_self=True
        )
    )
    factor: Decimal | None = None
    result: Decimal | None = None


@attrs.frozen(kw_only=True)
class YearValue:
    """One year of a benefit stream, per unit of quantity (or, from a valuation, in total).

    Attributes:
        year: The financial year the value falls in.
        offset: Years from the appraisal base year, after the year convention (negative before
            the base year); with no base year, years from the outcome's first year.
        gross: The real value in that year, in the methodology's price base, before
            additionality.
        net: After additionality and persistence (drop-off) in that year.
        discount_factor: The factor from that year to the base year (above 1 for a year
            before the base year compounded forward).
        present_value: ``net × discount_factor``.
    """

    year: FinancialYear
    offset: int
    gross: Decimal
    net: Decimal
    discount_factor: Decimal
    present_value: Decimal

    def times(self, quantity: Decimal) -> YearValue:
        """This year's figures for ``quantity`` units (exact)."""
        with calculation_context():
            return attrs.evolve(
                self,
                gross=self.gross * quantity,
                net=self.net * quantity,
                present_value=self.present_value * quantity,
            )


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
    stream: tuple[YearValue, ...] = ()

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

    def stream(self) -> tuple[YearValue, ...]:
        """The benefit stream year by year: gross, net, discount factor and present value.

        Empty for a record-only measure. The present values add up to :attr:`present_value`.
        """
        return tuple(year.times(self.delivery.quantity) for year in self.unit.stream)

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
            phrase=phrase(
                "price_year",
                year=year.label,
                mapped=mapped.label,
                size=_approximation_size(year, mapped, methodology),
            ),
        )
    )
    return mapped


def _approximation_size(
    year: CalendarYear, mapped: FinancialYear, methodology: Methodology
) -> Phrase | str:
    """The size of the calendar-to-financial-year approximation, estimated from the index.

    The calendar year's price level is estimated as the months-weighted mean of the two
    financial years it spans (3 months of the one before, 9 of ``mapped``); the text says how
    much higher the rebased value would be at that level than at ``mapped``'s.
    """
    index = methodology.price_index
    assert index is not None  # noqa: S101 - _rebase restates prices only with an index
    try:
        before = index.point(FinancialYear(year.year - 1)).value
        after = index.point(mapped).value
    except PriceYearError:
        return phrase("price_year_no_size")
    with calculation_context():
        level = (3 * before + 9 * after) / 12
        size = (after / level - 1) * 100
    return phrase(
        "price_year_size" if size >= 0 else "price_year_size_lower",
        before=FinancialYear(year.year - 1).label,
        mapped=mapped.label,
        year=year.label,
        level=level,
        size=abs(size).quantize(Decimal("0.01")),
    )


def _rebase(
    gross: Decimal, year: FinancialYear | CalendarYear, methodology: Methodology, steps: list[Step]
) -> Decimal:
    index, base = methodology.price_index, methodology.price_base
    if index is None or base is None:
        steps.append(Step(name="rebase", phrase=phrase("rebase_not")))
        return gross
    from_year = _price_year(year, methodology, steps)
    if from_year == base:
        steps.append(Step(name="rebase", phrase=phrase("rebase_same", base=base.label)))
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
            phrase=phrase(
                "rebase_forecast" if step.forecast else "rebase",
                start=step.from_year,
                end=step.to_year,
                index=step.index,
                start_index=f"{step.from_index:f}",
                end_index=f"{step.to_index:f}",
            ),
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
                phrase=phrase("financial", measure=measure.code, currency=currency),
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
    steps.append(Step(name="proxy", phrase=lookup.phrase(), result=proxy.value))
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
        said = (
            phrase(f"adjustment_times_{origin}", factor=parameter.normalize())
            if adjustment.name == "multiplier"
            else phrase(f"adjustment_percent_{origin}", percent=(parameter * 100).normalize())
        )
        steps.append(
            Step(
                name=adjustment.name,
                phrase=said,
                factor=adjustment.factor,
                result=adjustment.after,
            )
        )
        net = adjustment.after
    return net


def first_year(period: AnyPeriod, methodology: Methodology) -> FinancialYear:
    """The financial year an outcome's benefit stream (or a cost) starts in.

    The year of the day the methodology's proxy-date rule picks (the start of the period for
    ``ProxyDate.PERIOD``): a delivery of 2030/31 starts in 2030/31.
    """
    day = _lookup_date(period, methodology.proxy_date)
    if not isinstance(day, dt.date):
        day = period.start
    return FinancialYear.containing(day)


def discount_to_base(
    year: FinancialYear, index: int, methodology: Methodology
) -> tuple[int, Decimal]:
    """The offset and discount factor of a value in ``year`` (``index`` years into its stream).

    With an appraisal base year, the offset is ``year − base`` (plus one under the year-1
    convention); with none, it is the position in the stream under the convention. A negative
    offset is a year before the base year: compounded forward (``1 ÷ DF(n)``) or refused, as
    the methodology says.

    Raises:
        ValuationError: a year before the base year under ``before_base_year = "refuse"``.
    """
    convention = methodology.year_convention
    base = methodology.appraisal_base_year
    offset = convention.year(index if base is None else year.start_year - base.start_year)
    schedule = methodology.discount_schedule
    if offset >= 0:
        return offset, schedule.discount_factor(offset)
    if methodology.before_base_year is BeforeBaseYear.REFUSE:
        raise ValuationError(
            f"{year.label} is before the appraisal base year "
            f"{base.label if base else ''}: the methodology refuses values before its base "
            "year (set before_base_year = 'compound' to compound them forward)"
        )
    with calculation_context():
        return offset, _ONE / schedule.discount_factor(-offset)


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _later_gross(
    key: ValuationKey, measure: Measure, methodology: Methodology, years: int
) -> tuple[Decimal, tuple[Decimal, str]]:
    """The real gross value per unit ``years`` after the first year, by the proxy-years rule."""
    day = _lookup_date(key.period, methodology.proxy_date)
    if not isinstance(day, dt.date):
        day = key.period.start
    lookup = methodology.registry.lookup(
        measure.code,
        _shift(day, years),
        key.geography,
        policy=methodology.lookup_policy_for(measure.code),
    )
    scratch: list[Step] = []
    gross = _rebase(lookup.value.value, lookup.value.price_base, methodology, scratch)
    return gross, (lookup.value.value, lookup.value.price_base.label)


def _stream(  # noqa: PLR0913, PLR0917 - the parts of one unit value
    key: ValuationKey,
    measure: Measure,
    methodology: Methodology,
    adjustments: Additionality,
    gross: Decimal,
    net: Decimal,
) -> tuple[tuple[YearValue, ...], Phrase]:
    persistence = adjustments.persistence()
    start = first_year(key.period, methodology)
    by_year = (
        methodology.proxy_years is ProxyYears.BY_YEAR and measure.valuation is ValuationKind.PROXY
    )
    with calculation_context():
        net_share = net / gross if gross else adjustments.net_factor()
    years: list[YearValue] = []
    parts: list[Phrase] = []
    for i, kept in enumerate(persistence):
        year = FinancialYear(start.start_year + i)
        year_gross, looked_up = (
            _later_gross(key, measure, methodology, i) if by_year and i else (gross, None)
        )
        offset, factor = discount_to_base(year, i, methodology)
        with calculation_context():
            year_net = year_gross * net_share * kept
            present = year_net * factor
        years.append(
            YearValue(
                year=year,
                offset=offset,
                gross=year_gross,
                net=year_net,
                discount_factor=factor,
                present_value=present,
            )
        )
        if looked_up is None:
            parts.append(
                phrase("discount_year", year=year.label, offset=offset, kept=kept, factor=factor)
            )
        else:
            parts.append(
                phrase(
                    "discount_year_proxy",
                    year=year.label,
                    offset=offset,
                    proxy=looked_up[0],
                    price_year=looked_up[1],
                    gross=year_gross,
                    kept=kept,
                    factor=factor,
                )
            )
    schedule = methodology.discount_schedule
    base = methodology.appraisal_base_year
    to = (
        phrase("discount_to_base", base=base.label)
        if base is not None
        else phrase("discount_no_base")
    )
    rule: Phrase | str = (
        phrase(f"before_base_{methodology.before_base_year.value}") if base is not None else ""
    )
    proxies: Phrase | str = (
        phrase("proxy_each_year")
        if by_year and len(persistence) > 1
        else phrase("proxy_first_year")
        if len(persistence) > 1
        else ""
    )
    said = phrase(
        "discounting",
        years=len(persistence),
        drop_off=(adjustments.drop_off * 100).normalize(),
        to=to,
        schedule=schedule.id,
        edition=schedule.edition,
        convention=phrase(f"convention_{methodology.year_convention.value}"),
        rule=rule,
        proxies=proxies,
        parts=tuple(parts),
    )
    return tuple(years), said


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
                phrase=phrase("record_only", measure=measure.code),
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
                phrase=phrase("net_of_deadweight"),
            )
        )
    net = _additionality_steps(gross, adjustments, origin, steps)
    stream, said = _stream(key, measure, methodology, adjustments, gross, net)
    with calculation_context():
        present = sum((year.present_value for year in stream), start=Decimal(0))
        present_factor = present / net if net else None
    steps.append(
        Step(
            name="persistence and discounting",
            phrase=said,
            factor=present_factor,
            result=present,
        )
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
        stream=stream,
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


@attrs.frozen(kw_only=True)
class CostValuation:
    """A cost restated and discounted like a benefit, with the working.

    Attributes:
        cost: What was valued.
        methodology: Id, version and content hash of the methodology.
        real: The amount in the methodology's price base, with any optimism-bias uplift: the
            value of the input (what an SROI ratio divides by). Carried to
            :data:`UNIT_VALUE_PLACES` decimal places, like a benefit's unit value.
        present_value: ``real`` discounted to the appraisal base year (what PVC sums), carried
            to :data:`UNIT_VALUE_PLACES` decimal places.
        year: The year the cost falls in, and its discount factor and offset.
        steps: Each step: the amount, rebasing, optimism bias, discounting.
    """

    cost: Cost
    methodology: MethodologyRef
    real: Money
    present_value: Money
    year: YearValue
    steps: tuple[Step, ...]

    def explain(self) -> str:
        """The working as text, one numbered line a step."""
        cost = self.cost
        head = (
            f"cost {cost.amount.amount} {cost.amount.currency} in {cost.period.label}"
            f"{', ' + cost.project if cost.project else ''} — methodology {self.methodology}"
        )
        lines = [head]
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number:2d}. {step.name}: {step.text}")
        return "\n".join(lines)


def value_cost(cost: Cost, methodology: Methodology) -> CostValuation:
    """Restate a cost in the price base, add optimism bias, discount it to the base year.

    The same rules as a reported £ amount of a benefit: the cost is in the prices of the
    financial year the methodology's proxy-date rule picks from its period; it is discounted
    from that year to the appraisal base year (or is year 0 with no base year).

    References:
        HM Treasury, *The Green Book* (2022): costs in real base-year prices, discounted with
        the same schedule as benefits; NPSV = PVB − PVC.

    >>> import socialvalue as sv
    >>> from socialvalue.valuation import value_cost
    >>> cost = sv.Cost(amount="1000", period="2025/26")
    >>> methodology = sv.default_methodology()
    >>> valued = value_cost(cost, methodology)  # 2025/26 is year 1 from the 2024/25 base year
    >>> print(valued.real.quantize(2).amount, valued.present_value.quantize(2).amount)
    968.63 935.87

    Raises:
        ValuationError: prices that cannot be restated, or a year before the base year under
            ``before_base_year = "refuse"``.
    """
    steps: list[Step] = [
        Step(
            name="cost",
            text=f"{cost.amount.amount} {cost.amount.currency} ({cost.category.value}"
            f"{', borne by ' + cost.bearer if cost.bearer else ''})",
            result=cost.amount.amount,
        )
    ]
    try:
        year = _amount_year(cost.period, methodology)
        real = _rebase(cost.amount.amount, year, methodology, steps)
        offset, factor = discount_to_base(year, 0, methodology)
    except ValuationError as error:  # name the cost: a report with costs stops here
        project = f" ({cost.project})" if cost.project else ""
        raise ValuationError(
            f"cost of {cost.amount.amount} {cost.amount.currency} in {cost.period.label}"
            f"{project}: {error}"
        ) from None
    if cost.optimism_bias:
        with calculation_context():
            real *= _ONE + cost.optimism_bias
        steps.append(
            Step(
                name="optimism bias",
                text=f"+{(cost.optimism_bias * 100).normalize():f}% ({cost.optimism_bias_source})",
                factor=_ONE + cost.optimism_bias,
                result=real,
            )
        )
    with calculation_context():
        present = real * factor
        # Carried to UNIT_VALUE_PLACES, as a benefit's unit value is: a rebasing factor is a
        # quotient of 100 significant digits, and amounts that long reach no table.
        real, present = (
            number.quantize(_UNIT_EXPONENT, rounding=ROUND_HALF_EVEN) for number in (real, present)
        )
    base = methodology.appraisal_base_year
    steps.append(
        Step(
            name="discounting",
            text=(
                f"{year.label} is year {offset} "
                + (f"from the base year {base.label}" if base else "(no common base year)")
                + f": × {show(factor)} ({methodology.discount_schedule.id})"
            ),
            factor=factor,
            result=present,
        )
    )
    currency = cost.amount.currency
    return CostValuation(
        cost=cost,
        methodology=methodology.ref,
        real=Money._trusted(real, currency),  # noqa: SLF001
        present_value=Money._trusted(present, currency),  # noqa: SLF001
        year=YearValue(
            year=year,
            offset=offset,
            gross=real,
            net=real,
            discount_factor=factor,
            present_value=present,
        ),
        steps=tuple(steps),
    )
