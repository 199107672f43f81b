"""The WELLBY method: valuing a change in wellbeing as change in life satisfaction × years × £.

One WELLBY is a change in life satisfaction of one point on the 0–10 scale, for one person, for
one year. HM Treasury's wellbeing guidance recommends £13,000 per WELLBY in 2019 prices, with a
range of £10,000 to £16,000. A wellbeing value is then

    value = change in life satisfaction × years × people × WELLBY value (rebased)

Both inputs are data with their own source and verification tag: the :class:`WellbyValue` (the
shipped one is :func:`socialvalue.io.shipped_wellby`) and the :class:`WellbeingEffect` — the
life-satisfaction change an intervention causes, from a study you cite. No effect ships: no open,
verified effect for an LCRCA measure was found.

A wellbeing value must never be added to an income value for the same people: being in work
raises both income and life satisfaction, and the life-satisfaction studies already capture part
of the income. An effect names the measures that value those people's income
(:attr:`WellbeingEffect.income_overlaps`), and :func:`wellby_proxy` refuses a measure whose
framework entry does not declare those overlaps, so a rollup's overlap policy keeps them apart.

References:
    HM Treasury, *Wellbeing Guidance for Appraisal: Supplementary Green Book Guidance* (July 2021;
    last updated 18 November 2022), OGL v3.0: the WELLBY and its value, £13,000 (£10,000–£16,000)
    in 2019 prices. Value and range read in secondary sources only (What Works Wellbeing; Jacobs,
    who contributed to the guidance).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue._fields import not_blank as _not_blank, price_year, string_tuple as _str_tuple
from socialvalue.evidence import weakest
from socialvalue.framework import Measure, ValueType
from socialvalue.money import Money
from socialvalue.periods import CalendarYear, FinancialYear
from socialvalue.prices import PriceIndex
from socialvalue.provenance import Source, Verification
from socialvalue.proxies import ProxyValue

__all__ = [
    "WellbeingEffect",
    "WellbeingValuation",
    "WellbyValue",
    "value_wellbeing",
    "wellby_proxy",
]


def _positive(value: object) -> Decimal:
    number = to_decimal(value, what=None)
    if number <= 0:
        raise ValueError(f"expected a positive number, got {number}")
    return number


def _optional_positive(value: object) -> Decimal | None:
    return None if value is None else _positive(value)


def _optional_change(value: object) -> Decimal | None:
    return None if value is None else _change(value)


def _change(value: object) -> Decimal:
    number = to_decimal(value, what=None)
    if number == 0 or not Decimal(-10) <= number <= Decimal(10):
        raise ValueError(
            f"life_satisfaction_change: expected a non-zero change on the 0-10 scale, got {number}"
        )
    return number


@attrs.frozen(kw_only=True)
class WellbyValue:
    """The £ value of one WELLBY (one life-satisfaction point, one person, one year).

    Args:
        id: Short identifier, e.g. ``"hmt-wellby-2021"``.
        title: Human title.
        value: The central value.
        low: Low end of the published range, when there is one.
        high: High end of the published range, when there is one.
        currency: ISO currency.
        price_base: The year whose prices the value is in (``"2019"``).
        source: Where it comes from.
        licence: The licence it is used under.
        verification: How it was checked against its source.
        uprating_elasticity: For the guidance's uprating formula (Annex 2, p.57): the value is
            multiplied by the GDP deflator ratio × (real GDP per head ratio) ^ this (1.3). With
            ``None``, only the price index rebases it.
        note: Caveats.
    """

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    value: Decimal = attrs.field(converter=_positive)
    low: Decimal | None = attrs.field(default=None, converter=_optional_positive)
    high: Decimal | None = attrs.field(default=None, converter=_optional_positive)
    currency: str = "GBP"
    price_base: FinancialYear | CalendarYear = attrs.field(converter=price_year)
    source: Source
    licence: str = attrs.field(validator=_not_blank)
    verification: Verification = attrs.field(converter=Verification)
    uprating_elasticity: Decimal | None = attrs.field(default=None, converter=_optional_positive)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        Money(0, self.currency)  # validates the code
        if self.low is not None and self.low > self.value:
            raise ValueError(f"low: {self.low} is above the value {self.value}")
        if self.high is not None and self.high < self.value:
            raise ValueError(f"high: {self.high} is below the value {self.value}")


@attrs.frozen(kw_only=True)
class WellbeingEffect:
    """A change in life satisfaction an intervention causes, with the study it comes from.

    Args:
        id: Short identifier.
        description: What changes, for whom.
        life_satisfaction_change: Points on the 0–10 scale per person (non-zero, −10 to 10).
        change_low: The low end of the effect's range (e.g. its confidence interval), if any.
        change_high: The high end.
        years: How long the change lasts, in years.
        source: The study.
        licence: The licence the figure is used under.
        verification: How it was checked against the study.
        income_overlaps: Codes of measures that value the income of the same people; a
            wellbeing value is never added to them (see :func:`wellby_proxy`).
        note: Caveats (population, counterfactual, whether it is net of deadweight).
    """

    id: str = attrs.field(validator=_not_blank)
    description: str = attrs.field(validator=_not_blank)
    life_satisfaction_change: Decimal = attrs.field(converter=_change)
    change_low: Decimal | None = attrs.field(default=None, converter=_optional_change)
    change_high: Decimal | None = attrs.field(default=None, converter=_optional_change)
    years: Decimal = attrs.field(converter=_positive)
    source: Source
    licence: str = attrs.field(validator=_not_blank)
    verification: Verification = attrs.field(converter=Verification)
    income_overlaps: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        change = self.life_satisfaction_change
        for name, bound in (("change_low", self.change_low), ("change_high", self.change_high)):
            if bound is not None and (bound > 0) != (change > 0):
                raise ValueError(f"{name}: {bound} has the other sign from the change {change}")
        # The range is of the effect's size: low no larger than the change, high no smaller.
        if self.change_low is not None and abs(self.change_low) > abs(change):
            raise ValueError(f"change_low: {self.change_low} is larger than the change {change}")
        if self.change_high is not None and abs(self.change_high) < abs(change):
            raise ValueError(f"change_high: {self.change_high} is smaller than the change {change}")


@attrs.frozen(kw_only=True)
class WellbeingValuation:
    """The value of a wellbeing effect for some people, with the range and the working.

    Attributes:
        effect: The life-satisfaction effect.
        wellby: The WELLBY value used.
        people: How many people.
        price_base: Label of the year the amounts are in.
        wellby_rebased: The WELLBY value in ``price_base`` prices (exact).
        per_person_per_year: change × WELLBY value.
        per_person: × years (undiscounted).
        total: × people (undiscounted).
        low: ``total`` at the low end of the WELLBY range (``None`` without a range).
        high: ``total`` at the high end.
        verification: The weakest of the effect's and the WELLBY value's tags.
        steps: The working, one line a step.
    """

    effect: WellbeingEffect
    wellby: WellbyValue
    people: Decimal
    price_base: str
    wellby_rebased: Decimal
    per_person_per_year: Money
    per_person_per_year_low: Money | None
    per_person_per_year_high: Money | None
    per_person: Money
    total: Money
    low: Money | None
    high: Money | None
    verification: Verification
    steps: tuple[str, ...]

    def explain(self) -> str:
        """The working as numbered lines."""
        return "\n".join(f"{n:>2}. {line}" for n, line in enumerate(self.steps, start=1))


def _rebase_factor(
    wellby: WellbyValue,
    price_index: PriceIndex | None,
    price_base: FinancialYear | CalendarYear | None,
    gdp_per_head: PriceIndex | None,
    steps: list[str],
) -> tuple[Decimal, str]:
    if (price_index is None) != (price_base is None):
        raise ValueError("price_index and price_base: give both to rebase, or neither")
    if price_index is None or price_base is None or price_base == wellby.price_base:
        steps.append(f"prices: {wellby.price_base.label} prices, not rebased")
        return Decimal(1), wellby.price_base.label
    step = price_index.working(wellby.price_base, price_base)
    steps.append(f"rebase: {step.text}")
    factor = step.factor
    elasticity = wellby.uprating_elasticity
    if gdp_per_head is not None:
        if elasticity is None:
            raise ValueError(f"gdp_per_head: {wellby.id} states no uprating elasticity")
        growth = gdp_per_head.working(wellby.price_base, price_base)
        with calculation_context():
            uplift = growth.factor**elasticity
            factor *= uplift
        steps.append(
            f"uprate for real income growth: ({growth.to_index} / {growth.from_index}) ^ "
            f"{elasticity} with {gdp_per_head.id} = {uplift:.6f}"
        )
    elif elasticity is not None:
        steps.append(
            "price index only: the guidance's uprating also multiplies by (real GDP per head "
            f"ratio) ^ {elasticity}; give gdp_per_head to apply it (later years are understated "
            "without it)"
        )
    return factor, price_base.label


def value_wellbeing(  # noqa: PLR0913 - the two inputs and keyword-only rebasing options
    effect: WellbeingEffect,
    wellby: WellbyValue,
    *,
    people: Decimal | str | int = 1,
    price_index: PriceIndex | None = None,
    price_base: FinancialYear | CalendarYear | str | None = None,
    gdp_per_head: PriceIndex | None = None,
) -> WellbeingValuation:
    """Value a wellbeing effect: change × WELLBY value per person per year, × years, × people.

    Amounts are exact (round when you present them) and undiscounted over the years, as the
    guidance's worked example is; discount a multi-year stream with
    :mod:`socialvalue.discounting` (the Green Book health schedule applies to wellbeing).

    The range is the effect's range (``change_low``/``change_high``, else the change itself)
    times the WELLBY range, as the guidance's Annex 2 table does. Rebasing with ``price_index``
    restates prices only; the guidance's uprating formula (Annex 2, p.57) also multiplies by the
    real GDP per head ratio raised to the WELLBY's ``uprating_elasticity`` — pass
    ``gdp_per_head`` (a real GDP per head series, e.g. ONS IHXW, as a :class:`PriceIndex` of the
    same kind of year) to apply it. No such series ships.

    >>> from socialvalue.io import shipped_wellby
    >>> effect = WellbeingEffect(
    ...     id="example", description="workplace policy", life_satisfaction_change="0.2",
    ...     years="2", source=Source(title="A study", publisher="Someone"),
    ...     licence="OGL-UK-3.0", verification="secondary")
    >>> result = value_wellbeing(effect, shipped_wellby())
    >>> result.per_person_per_year.quantize(2).amount, result.per_person.quantize(2).amount
    (Decimal('2600.00'), Decimal('5200.00'))

    Raises:
        PriceYearError: when the index does not cover both years, or is of the other kind
            (calendar vs financial years).
    """
    quantity = to_decimal(people, what="people")
    if quantity <= 0:
        raise ValueError(f"people: expected a positive number, got {quantity}")
    base = price_year(price_base) if price_base is not None else None
    steps = [
        f"WELLBY: {wellby.value} {wellby.currency} per point of life satisfaction per person per "
        f"year ({wellby.price_base.label} prices)"
        + (f", range {wellby.low}-{wellby.high}" if wellby.low and wellby.high else "")
        + f"; source: {wellby.source.cite()}; licence: {wellby.licence}; "
        f"verification: {wellby.verification.value}"
    ]
    factor, label = _rebase_factor(wellby, price_index, base, gdp_per_head, steps)
    change, years = effect.life_satisfaction_change, effect.years
    change_low = effect.change_low if effect.change_low is not None else change
    change_high = effect.change_high if effect.change_high is not None else change
    with calculation_context():
        rebased = wellby.value * factor
        per_year = change * rebased
        low = None if wellby.low is None else change_low * wellby.low * factor
        high = None if wellby.high is None else change_high * wellby.high * factor
        per_person = per_year * years
        total = per_person * quantity
        low_total = None if low is None else low * years * quantity
        high_total = None if high is None else high * years * quantity
    steps.append(
        f"effect: {change} points of life satisfaction for {years} year(s) ({effect.description}); "
        f"source: {effect.source.cite()}; licence: {effect.licence}; "
        f"verification: {effect.verification.value}"
    )
    steps.append(f"per person per year: {change} × {rebased} = {per_year} {wellby.currency}")
    steps.append(
        f"× {years} year(s) × {quantity} people = {total} {wellby.currency} (undiscounted)"
    )
    if effect.income_overlaps:
        steps.append(
            "never added to an income value for the same people: overlaps "
            + ", ".join(effect.income_overlaps)
        )

    def money(amount: Decimal | None) -> Money | None:
        return None if amount is None else Money(amount, wellby.currency)

    return WellbeingValuation(
        effect=effect,
        wellby=wellby,
        people=quantity,
        price_base=label,
        wellby_rebased=rebased,
        per_person_per_year=Money(per_year, wellby.currency),
        per_person_per_year_low=money(low),
        per_person_per_year_high=money(high),
        per_person=Money(per_person, wellby.currency),
        total=Money(total, wellby.currency),
        low=money(low_total),
        high=money(high_total),
        verification=weakest([effect.verification, wellby.verification]),
        steps=tuple(steps),
    )


def wellby_proxy(  # noqa: PLR0913 - the effect, the value, and the proxy's own fields
    effect: WellbeingEffect,
    wellby: WellbyValue,
    *,
    measure: Measure,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    geography: str = "UK",
) -> ProxyValue:
    """A proxy value per person for a measure, from a wellbeing effect (for a registry of yours).

    The value is the effect for one person over its years (undiscounted), in the WELLBY value's
    own prices (a methodology rebases it like any proxy), with the WELLBY range as low/high, the
    weakest of the two tags, and the working as its :attr:`~socialvalue.ProxyValue.derivation`,
    shown in every valuation's explanation.

    Raises:
        ValueError: the measure is not counted per person, or its framework entry does not
            declare an overlap with every measure in ``effect.income_overlaps`` — without it, a
            rollup would add the wellbeing value to the same people's income.
    """
    if measure.unit != "person":
        raise ValueError(f"{measure.code} is counted in {measure.unit!r}; a WELLBY is per person")
    missing = [code for code in effect.income_overlaps if code not in measure.overlaps_with]
    if missing:
        raise ValueError(
            f"{measure.code}: the effect {effect.id!r} values the wellbeing of people whose "
            f"income {', '.join(missing)} values; declare overlaps_with = "
            f"{list(effect.income_overlaps)!r} for {measure.code} in the framework so the two "
            "are never added together"
        )
    result = value_wellbeing(effect, wellby)
    years = effect.years
    with calculation_context():
        ends = [
            end.amount * years
            for end in (result.per_person_per_year_low, result.per_person_per_year_high)
            if end is not None
        ]
    low_value = min(ends, default=None)
    high_value = max(ends, default=None)
    licence = (
        wellby.licence
        if wellby.licence == effect.licence
        else (f"{effect.licence} (effect); {wellby.licence} (WELLBY value)")
    )
    return ProxyValue(
        measure=measure.code,
        unit="person",
        value=result.per_person.amount,
        currency=wellby.currency,
        price_base=result.price_base,
        valid_from=valid_from,
        valid_to=valid_to,
        geography=geography,
        value_type=ValueType.SOCIAL,
        low=low_value,
        high=high_value,
        source=effect.source,
        licence=licence,
        verification=result.verification,
        note=f"WELLBY method: {effect.description}. {effect.note}".strip(),
        derivation=result.steps,
    )
