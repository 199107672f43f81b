"""Valuation: from a reported quantity to gross £, net £ and present value, with the working.

Valuation is linear in the quantity, and computed in two steps:

1. a :class:`ValuationKey` (measure, period, geography) becomes a :class:`UnitValue` — £ per unit
   of quantity, gross, net (after additionality) and present (over the persistence period) —
   with every step that produced it: the proxy and where it came from, the rebasing to the
   methodology's price base, each additionality factor, each year's persistence and discount
   factor;
2. quantities are multiplied by the unit value.

:func:`value` does this for one delivery. :func:`value_many` sums quantities per key first and
multiplies once per key, so a batch costs one multiplication per distinct key; its totals are
*exactly* the sums of the per-delivery valuations, because unit values are carried to
:data:`UNIT_VALUE_PLACES` decimal places and everything after that is exact.

References:
    HM Treasury, *The Green Book* (2022): real prices (§5.11–5.12) and discounting (Table 6.1).
    English Partnerships / Homes and Communities Agency, *Additionality Guide* (3rd ed., 2008).
    Cabinet Office, *A Guide to Social Return on Investment* (2009, updated 2012).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.additionality import Additionality
from socialvalue.deliveries import Delivery, check_deliveries
from socialvalue.exceptions import Problem, SocialValueError, ValidationError
from socialvalue.framework import Measure, ValuationKind
from socialvalue.methodology import CalendarPrices, Methodology, MethodologyRef, ProxyDate
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod, CalendarYear, FinancialYear
from socialvalue.prices import PriceYearError
from socialvalue.proxies import NoProxyValueError, ProxyLookup

__all__ = [
    "UNIT_VALUE_PLACES",
    "GroupValuation",
    "Step",
    "UnitValue",
    "UnvaluedGroup",
    "Valuation",
    "ValuationBatch",
    "ValuationError",
    "ValuationKey",
    "unit_value",
    "value",
    "value_many",
]

#: Unit values (£ per unit) are carried to this many decimal places — far below a penny — and
#: everything computed from them is exact, which keeps valuation exactly linear in the quantity.
UNIT_VALUE_PLACES = 30
_UNIT_EXPONENT = Decimal(1).scaleb(-UNIT_VALUE_PLACES)

#: Delivery attributes :func:`value_many` can group by, besides the valuation key.
GROUPABLE = ("reporter", "project", "contract", "role", "geography", "correction")


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

    ``gross``, ``net`` and ``present`` are ``None`` for a record-only measure, which is counted
    and never monetised.
    """

    key: ValuationKey
    valuation: ValuationKind
    currency: str
    gross: Decimal | None
    net: Decimal | None
    present: Decimal | None
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

    def times(self, quantity: Decimal) -> tuple[Money | None, Money | None, Money | None]:
        """Gross, net and present value of ``quantity`` units (exact)."""
        if self.gross is None or self.net is None or self.present is None:
            return None, None, None
        with calculation_context():
            return (
                Money._trusted(quantity * self.gross, self.currency),  # noqa: SLF001
                Money._trusted(quantity * self.net, self.currency),  # noqa: SLF001
                Money._trusted(quantity * self.present, self.currency),  # noqa: SLF001
            )


def _show(number: Decimal, places: int = 6) -> str:
    """A readable rendering of an unrounded number (the data keeps it exact)."""
    shown = number.quantize(Decimal(1).scaleb(-places)).normalize()
    text = f"{shown:f}"
    return text if shown == number else f"≈{text}"


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
        """The working as text, one numbered line a step.

        Per-unit figures are shown to six decimal places (``≈`` marks a shortened one); totals
        are shown to ``places`` (default: exact).
        """
        delivery = self.delivery
        return _render(
            f"{delivery.measure}: {delivery.quantity} in {delivery.period.label}, "
            f"{delivery.geography} — methodology {self.methodology}",
            self.unit,
            delivery.quantity,
            (self.gross, self.net, self.present_value),
            places,
        )


def _render(
    header: str,
    unit: UnitValue,
    quantity: Decimal,
    amounts: tuple[Money | None, Money | None, Money | None],
    places: int | None,
) -> str:
    """The numbered lines of an explanation (shared by single and grouped valuations)."""
    lines = [header]
    for number, step in enumerate(unit.steps, start=1):
        line = f"{number:>2}. {step.name}: {step.text}"
        if step.result is not None:
            line += f"  → {_show(step.result)} {unit.currency} per unit"
        lines.append(line)
    gross, net, present = amounts
    if gross is None or net is None or present is None:
        lines.append(f"{len(lines):>2}. quantity: {quantity} counted; no £ value")
    else:

        def shown(amount: Money) -> str:
            return str(amount.amount if places is None else amount.quantize(places).amount)

        lines.append(
            f"{len(lines):>2}. quantity: × {quantity} → gross {shown(gross)}, "
            f"net {shown(net)}, present value {shown(present)} {gross.currency}"
        )
    return "\n".join(lines)


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
        step = index.explain(from_year, base)
    except PriceYearError as error:
        raise ValuationError(f"cannot restate {from_year.label} prices: {error}") from None
    forecast = " (uses forecast index points)" if step.forecast else ""
    with calculation_context():
        result = gross * step.factor
    steps.append(
        Step(
            name="rebase",
            text=(
                f"{from_year.label} → {base.label} prices with {index.id}: "
                f"{step.from_index} → {step.to_index}{forecast}"
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
        f"year {methodology.year_convention.year(i)}: {_show(p)} × {_show(f)}"
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

    Raises:
        UnknownCodeError: for a measure the framework does not define.
        NoProxyValueError: when no proxy value answers (see the methodology's lookup policy).
        ValuationError: when prices cannot be rebased as the methodology says.
    """
    memo = methodology.memo()
    cached: UnitValue | None = memo.get(key)
    if cached is not None:
        return cached
    result = _compute_unit_value(key, methodology)
    memo[key] = result
    return result


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
            present=None,
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
        present=present,
        steps=tuple(steps),
        lookup=lookup,
    )


def value(delivery: Delivery, methodology: Methodology) -> Valuation:
    """Value one delivery: gross £, net £ and present value, with the working.

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
class GroupValuation:
    """The valuation of every delivery sharing a key (and the ``by`` attributes asked for).

    Attributes:
        key: The valuation key.
        by: The values of the grouping attributes, in the order asked for.
        quantity: Sum of the deliveries' quantities (exact).
        count: How many deliveries.
        unit: The unit value used.
        gross: ``quantity × unit.gross``; ``None`` if record-only. Likewise ``net`` and
            ``present_value``.
        first: Index of the first delivery in the group, to find it again.
    """

    key: ValuationKey
    by: tuple[object, ...]
    quantity: Decimal
    count: int
    unit: UnitValue
    gross: Money | None
    net: Money | None
    present_value: Money | None
    first: int

    def explain(self, methodology: MethodologyRef, *, places: int | None = None) -> str:
        """The working for the whole group, as :meth:`Valuation.explain` shows it for one."""
        plural = "delivery" if self.count == 1 else "deliveries"
        return _render(
            f"{self.key.measure}: {self.quantity} in {self.key.period.label}, "
            f"{self.key.geography} ({self.count} {plural}) — methodology {methodology}",
            self.unit,
            self.quantity,
            (self.gross, self.net, self.present_value),
            places,
        )


@attrs.frozen(kw_only=True)
class UnvaluedGroup:
    """Deliveries that could not be valued, and why.

    No proxy value answered, or prices could not be rebased. Only in a batch valued with
    ``unvalued="report"``.
    """

    key: ValuationKey
    by: tuple[object, ...]
    quantity: Decimal
    count: int
    first: int
    reason: str


@attrs.frozen(kw_only=True)
class ValuationBatch:
    """The result of :func:`value_many`: one :class:`GroupValuation` per group, and totals.

    ``unvalued`` lists the groups that could not be valued, when the batch was valued with
    ``unvalued="report"``; they are in no total.
    """

    methodology: MethodologyRef
    by: tuple[str, ...]
    groups: tuple[GroupValuation, ...]
    count: int
    unvalued: tuple[UnvaluedGroup, ...] = ()

    def __iter__(self) -> Iterator[GroupValuation]:
        return iter(self.groups)

    def _total(self, field: str, currency: str) -> Money:
        total = Money.zero(currency)
        for group in self.groups:
            amount = getattr(group, field)
            if amount is not None and amount.currency == currency:
                total += amount
        return total

    def currencies(self) -> tuple[str, ...]:
        """The currencies results are in (normally just GBP)."""
        return tuple(sorted({g.unit.currency for g in self.groups if g.unit.monetised}))

    def total_gross(self, currency: str = "GBP") -> Money:
        """Sum of gross values in one currency."""
        return self._total("gross", currency)

    def total_net(self, currency: str = "GBP") -> Money:
        """Sum of net values in one currency."""
        return self._total("net", currency)

    def total_present_value(self, currency: str = "GBP") -> Money:
        """Sum of present values in one currency."""
        return self._total("present_value", currency)

    def total_by_verification(
        self,
        field: Literal["gross", "net", "present_value"] = "present_value",
        currency: str = "GBP",
    ) -> dict[str, Money]:
        """How much of the total rests on each verification level, exactly (parts add up).

        See :func:`socialvalue.evidence.total_by_verification`.
        """
        from socialvalue.evidence import total_by_verification  # noqa: PLC0415 - kept apart

        return total_by_verification(self, field=field, currency=currency)

    def extrapolated(self) -> tuple[GroupValuation, ...]:
        """Groups valued with a proxy carried forward past its validity."""
        return tuple(group for group in self.groups if group.unit.extrapolated)

    def record_only(self) -> dict[str, Decimal]:
        """Quantities of record-only measures, by measure (counted, never monetised)."""
        totals: dict[str, Decimal] = {}
        with calculation_context():
            for group in self.groups:
                if not group.unit.monetised:
                    code = group.key.measure
                    totals[code] = totals.get(code, Decimal(0)) + group.quantity
        return totals


def value_many(
    deliveries: Iterable[Delivery],
    methodology: Methodology,
    *,
    by: Sequence[str] = (),
    unvalued: Literal["raise", "report"] = "raise",
) -> ValuationBatch:
    """Value a batch: sum quantities per key, multiply once per key.

    The totals are exactly the sums of :func:`value` over the deliveries, at a fraction of the
    cost. ``by`` adds delivery attributes to group on (``reporter``, ``project``, ``contract``,
    ``role``, ``geography``, ``correction``), so a batch can be broken down without valuing
    deliveries one by one.

    Deliveries no proxy value answers for (or whose prices cannot be rebased) raise by default,
    all listed in one error; with ``unvalued="report"`` they are returned in
    :attr:`ValuationBatch.unvalued` with the reason, and left out of every total.

    Raises:
        ValidationError: every delivery whose measure, unit or role does not fit the framework
            (the first of each kind, with how many more share the problem), or — with
            ``unvalued="raise"`` — every group that could not be valued.
    """
    if unvalued not in ("raise", "report"):
        raise ValueError(f"unvalued: expected 'raise' or 'report', got {unvalued!r}")
    unknown = [name for name in by if name not in GROUPABLE]
    if unknown:
        raise ValueError(f"by: cannot group by {', '.join(unknown)}; choose from {GROUPABLE}")
    sums: dict[tuple[object, ...], _Group] = {}
    count = 0
    with calculation_context():
        for index, delivery in enumerate(deliveries):
            group_key = _group_key(delivery, by)
            group = sums.get(group_key)
            if group is None:
                sums[group_key] = _Group(delivery, index)
            else:
                group.quantity += delivery.quantity
                group.count += 1
            count += 1
    _check_groups(sums, methodology)
    groups = []
    missing: list[UnvaluedGroup] = []
    for group_key, group in sums.items():
        try:
            unit = unit_value(ValuationKey.of(group.sample), methodology)
        except (NoProxyValueError, ValuationError) as error:
            words = methodology.unvalued_reason(group.sample.measure)
            missing.append(
                UnvaluedGroup(
                    key=ValuationKey.of(group.sample),
                    by=tuple(group_key[5:]),
                    quantity=group.quantity,
                    count=group.count,
                    first=group.first,
                    reason=str(error) if words is None else f"{words} ({error})",
                )
            )
            continue
        gross, net, present = unit.times(group.quantity)
        groups.append(
            GroupValuation(
                key=unit.key,
                by=tuple(group_key[5:]),
                quantity=group.quantity,
                count=group.count,
                unit=unit,
                gross=gross,
                net=net,
                present_value=present,
                first=group.first,
            )
        )
    if missing and unvalued == "raise":
        raise ValidationError(
            [
                Problem(
                    f"[{group.first}]",
                    f"{group.reason}" + (f" ({group.count} deliveries)" if group.count > 1 else ""),
                )
                for group in sorted(missing, key=lambda g: g.first)
            ],
            subject="deliveries that cannot be valued",
        )
    return ValuationBatch(
        methodology=methodology.ref,
        by=tuple(by),
        groups=tuple(groups),
        count=count,
        unvalued=tuple(sorted(missing, key=lambda g: g.first)),
    )


def _group_key(delivery: Delivery, by: Sequence[str] = ()) -> tuple[object, ...]:
    """The key :func:`value_many` groups a delivery under (for finding a group's members).

    The valuation key, the stated unit and the role (checked against the framework), then the
    ``by`` attributes in order.
    """
    key = (delivery.measure, delivery.period, delivery.geography, delivery.unit, delivery.role)
    return key + tuple(getattr(delivery, name) for name in by) if by else key


class _Group:
    """A running sum while grouping (mutable, private to :func:`value_many`)."""

    __slots__ = ("count", "first", "quantity", "sample")

    def __init__(self, sample: Delivery, first: int) -> None:
        self.sample = sample
        self.first = first
        self.quantity = sample.quantity
        self.count = 1


def _check_groups(sums: dict[tuple[object, ...], _Group], methodology: Methodology) -> None:
    """Check one delivery per distinct (measure, unit, role); report each with how many share it."""
    signatures: dict[tuple[object, ...], list[int]] = {}
    samples: dict[int, Delivery] = {}
    for group_key, group in sums.items():
        signature = group_key[0], group_key[3], group_key[4]
        known = signatures.setdefault(signature, [0, group.first])
        known[0] += group.count
        if group.first <= known[1]:
            known[1] = group.first
            samples[group.first] = group.sample
    problems: list[Problem] = []
    for members, first in sorted(signatures.values(), key=lambda item: item[1]):
        try:
            check_deliveries([samples[first]], methodology.framework)
        except ValidationError as error:
            more = f" (and {members - 1} more like it)" if members > 1 else ""
            problems.extend(
                Problem(problem.location.replace("[0]", f"[{first}]", 1), problem.message + more)
                for problem in error.problems
            )
    if problems:
        raise ValidationError(problems, subject="deliveries")
