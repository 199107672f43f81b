"""What moved between two methodologies: the change in every total, by cause (a bridge).

:func:`compare` values the same quantities under an old and a new methodology and decomposes the
change in the gross, net and present value totals exactly into causes, by *sequential
substitution*: starting from the old methodology, one component at a time is replaced by the new
one, in a fixed order, and each step's part is the difference in totals it makes:

1. ``framework`` — the new framework (measures added, removed, re-united — their unit changed —
   or valued differently). The old proxy values and assumptions for measures the new framework
   no longer has, or counts in another unit, are dropped: a delivery of a removed measure loses
   its value here.
2. ``proxy values`` — the new registries, lookup policy (and the measures carried forward),
   proxy date, rule for the proxy value of each later year of a stream, and the weakest
   evidence a value may rest on.
3. ``prices`` — the new price index (deflator), price base and calendar-price rule.
4. ``additionality`` — the new default and per-measure assumptions.
5. ``discounting`` — the new discount schedule, year convention, appraisal base year and rule
   for years before it.
6. ``other`` — anything else that changes a result (whether transfers count, say; shown only
   when it is not zero), so the parts always reach the new methodology's totals.

The parts add up to the change in each total exactly (they telescope): Σ parts = new − old, to
the last digit, not just to the penny. Each part is also broken down by measure.

The parts depend on the order. A step's part is measured with every earlier component already
new and every later one still old, so where two changes interact — a proxy value and the price
base both change, say — their joint effect falls to the later step (the new proxy value is
rebased with the old price base in step 2, and the rebasing of the *new* value is step 3).
The order is fixed and documented so that two runs, and two authorities, get the same bridge.

References:
    Sequential substitution (the "chain-linking" of index-number decomposition): each factor is
    replaced in turn; the order dependence is stated, not hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from socialvalue._decimal import calculation_context
from socialvalue._keyed import counts, key_quantities, unit_or_none
from socialvalue.additionality import Additionality
from socialvalue.batch import ValuationBatch
from socialvalue.deliveries import Delivery
from socialvalue.exceptions import SocialValueError, ValidationError
from socialvalue.framework import Framework, ValuationKind
from socialvalue.methodology import MeasureAssumption, Methodology, MethodologyRef
from socialvalue.proxies import ProxyRegistry, ProxyValue
from socialvalue.ranges import Uncertainty
from socialvalue.valuation import ValuationKey

__all__ = ["CAUSES", "Bridge", "BridgeStep", "CompareError", "MeasureChange", "compare"]

#: The causes, in the order they are substituted.
CAUSES: tuple[str, ...] = (
    "framework",
    "proxy values",
    "prices",
    "additionality",
    "discounting",
    "other",
)

_ZERO = Decimal(0)
_TOTALS = ("gross", "net", "present_value")


class CompareError(SocialValueError, ValueError):
    """Two methodologies whose intermediate steps cannot be built (the message says which)."""


@attrs.frozen(kw_only=True)
class MeasureChange:
    """One measure's part of one step: the change in each total."""

    measure: str
    gross: Decimal
    net: Decimal
    present_value: Decimal


@attrs.frozen(kw_only=True)
class BridgeStep:
    """One cause's part of the change.

    Attributes:
        cause: One of :data:`CAUSES`.
        gross: The change it makes to the gross total; ``net`` and ``present_value`` likewise.
        by_measure: The same, measure by measure (they add up to the step).
        details: What changed, in words (old and new values, with sources).
        methodology: The methodology after this step.
    """

    cause: str
    gross: Decimal
    net: Decimal
    present_value: Decimal
    by_measure: tuple[MeasureChange, ...]
    details: tuple[str, ...]
    methodology: MethodologyRef

    def change(self, total: str) -> Decimal:
        """The change in one total (``gross``, ``net`` or ``present_value``)."""
        if total not in _TOTALS:
            raise ValueError(f"total: expected one of {_TOTALS}, got {total!r}")
        value: Decimal = getattr(self, total)
        return value


@attrs.frozen(kw_only=True)
class Bridge:
    """The exact decomposition of the change in totals between two methodologies.

    Attributes:
        old: The old methodology; ``new`` the new one.
        before: ``(gross, net, present_value)`` under the old; ``after`` under the new.
        steps: One :class:`BridgeStep` per cause, in :data:`CAUSES` order (``other`` only
            when it is not zero).
        unvalued_before: Keys the old methodology could not value (in no total);
            ``unvalued_after`` likewise for the new.
    """

    old: MethodologyRef
    new: MethodologyRef
    before: tuple[Decimal, Decimal, Decimal]
    after: tuple[Decimal, Decimal, Decimal]
    steps: tuple[BridgeStep, ...]
    unvalued_before: tuple[ValuationKey, ...] = ()
    unvalued_after: tuple[ValuationKey, ...] = ()

    def __iter__(self) -> Iterator[BridgeStep]:
        return iter(self.steps)

    def total(self, total: str, *, new: bool) -> Decimal:
        """A total under the old or the new methodology."""
        if total not in _TOTALS:
            raise ValueError(f"total: expected one of {_TOTALS}, got {total!r}")
        return (self.after if new else self.before)[_TOTALS.index(total)]

    def sum_of_steps(self, total: str = "present_value") -> Decimal:
        """The steps' parts of one total, added up exactly (equal to :meth:`change`)."""
        with calculation_context():
            return sum((step.change(total) for step in self.steps), start=_ZERO)

    def change(self, total: str = "present_value") -> Decimal:
        """The new total minus the old (equal, exactly, to the sum of the steps)."""
        with calculation_context():
            return self.total(total, new=True) - self.total(total, new=False)


# --- the intermediate methodologies ------------------------------------------------------------


def _fits(value: ProxyValue, framework: Framework) -> bool:
    if value.measure not in framework:
        return False
    measure = framework.measure(value.measure)
    return measure.valuation is ValuationKind.PROXY and measure.unit == value.unit


def _fitted_registries(
    registries: Iterable[ProxyRegistry], framework: Framework
) -> list[ProxyRegistry]:
    return [
        attrs.evolve(
            registry, values=[v for v in registry.values if _fits(v, framework)]
        ).with_origin(registry.origin)
        for registry in registries
    ]


def _fitted_assumptions(
    assumptions: Iterable[MeasureAssumption], framework: Framework
) -> list[MeasureAssumption]:
    return [
        a
        for a in assumptions
        if a.measure in framework
        and framework.measure(a.measure).valuation is not ValuationKind.RECORD_ONLY
    ]


def _chain(old: Methodology, new: Methodology) -> list[tuple[str, Methodology]]:
    """The methodology after each cause, in order; the last is ``new`` itself."""
    steps: list[tuple[str, dict[str, Any]]] = [
        (
            "framework",
            {
                "framework": new.framework,
                "registries": _fitted_registries(old.registries, new.framework),
                "assumptions": _fitted_assumptions(old.assumptions, new.framework),
                "carry_forward": [
                    code
                    for code in old.carry_forward
                    if code in new.framework
                    and new.framework.measure(code).valuation is ValuationKind.PROXY
                ],
            },
        ),
        (
            "proxy values",
            {
                "registries": new.registries,
                "lookup_policy": new.lookup_policy,
                "proxy_date": new.proxy_date,
                "proxy_years": new.proxy_years,
                "carry_forward": new.carry_forward,
                "minimum_verification": new.minimum_verification,
            },
        ),
        (
            "prices",
            {
                "price_index": new.price_index,
                "price_base": new.price_base,
                "calendar_prices": new.calendar_prices,
            },
        ),
        ("additionality", {"additionality": new.additionality, "assumptions": new.assumptions}),
        (
            "discounting",
            {
                "discount_schedule": new.discount_schedule,
                "year_convention": new.year_convention,
                "appraisal_base_year": new.appraisal_base_year,
                "before_base_year": new.before_base_year,
            },
        ),
    ]
    chain = []
    current = attrs.evolve(old, uncertainty=Uncertainty())
    for cause, changes in steps:
        try:
            current = attrs.evolve(current, version=f"{old.version}→{cause}", **changes)
        except ValidationError as error:
            raise CompareError(
                f"cannot substitute the new {cause} into the old methodology: {error}"
            ) from None
        chain.append((cause, current))
    chain.append(("other", new))
    return chain


# --- details of each cause ---------------------------------------------------------------------


def _framework_details(old: Framework, new: Framework) -> list[str]:
    old_codes, new_codes = set(old.measure_codes()), set(new.measure_codes())
    details = [f"measure added: {code}" for code in sorted(new_codes - old_codes)]
    details += [f"measure removed: {code}" for code in sorted(old_codes - new_codes)]
    for code in sorted(old_codes & new_codes):
        before, after = old.measure(code), new.measure(code)
        if before.unit != after.unit:
            details.append(f"measure re-united: {code} from {before.unit} to {after.unit}")
        if before.valuation is not after.valuation:
            details.append(
                f"measure {code} valued as {after.valuation.value} (was {before.valuation.value})"
            )
    if old.id != new.id or old.version != new.version:
        details.append(f"framework {old.id} {old.version} → {new.id} {new.version}")
    return details


def _describe_value(value: ProxyValue | None) -> str:
    if value is None:
        return "none"
    return (
        f"{value.value} {value.currency} per {value.unit} ({value.price_base.label} prices; "
        f"{value.source.cite()})"
    )


def _proxy_details(
    quantities: Mapping[ValuationKey, Decimal], before: Methodology, after: Methodology
) -> list[str]:
    pairs: dict[tuple[str, str, str], None] = {}
    for key in sorted(quantities, key=lambda k: (k.measure, k.period.start, k.geography)):
        old_unit, new_unit = unit_or_none(key, before), unit_or_none(key, after)
        old_value = old_unit.lookup.value if old_unit and old_unit.lookup else None
        new_value = new_unit.lookup.value if new_unit and new_unit.lookup else None
        if old_value != new_value:
            text = f"{key.measure}: {_describe_value(old_value)} → {_describe_value(new_value)}"
            pairs[(key.measure, text, "")] = None
    return [text for _, text, _ in pairs]


def _prices_details(old: Methodology, new: Methodology) -> list[str]:
    details = []
    if old.price_base != new.price_base:
        show = [m.price_base.label if m.price_base else "own prices" for m in (old, new)]
        details.append(f"price base {show[0]} → {show[1]}")
    old_index, new_index = old.price_index, new.price_index
    if old_index != new_index:
        show = [i.id if i else "none" for i in (old_index, new_index)]
        same_id = " (its figures changed)" if show[0] == show[1] else ""
        details.append(f"price index {show[0]} → {show[1]}{same_id}")
    if old.calendar_prices is not new.calendar_prices:
        details.append(f"calendar prices {old.calendar_prices.value} → {new.calendar_prices.value}")
    return details


def _additionality_details(old: Methodology, new: Methodology) -> list[str]:
    details = []
    if old.additionality != new.additionality:
        details.append(
            f"default assumptions: {_factors(old.additionality)} → {_factors(new.additionality)}"
        )
    old_own = {a.measure: a.additionality for a in old.assumptions}
    new_own = {a.measure: a.additionality for a in new.assumptions}
    details.extend(
        f"{measure}: {_factors(old_own.get(measure))} → {_factors(new_own.get(measure))}"
        for measure in sorted(set(old_own) | set(new_own))
        if old_own.get(measure) != new_own.get(measure)
    )
    return details


def _factors(additionality: Additionality | None) -> str:
    if additionality is None:
        return "the default"
    shown = [
        f"{field.name} {getattr(additionality, field.name)}"
        for field in attrs.fields(type(additionality))
        if getattr(additionality, field.name) != field.default
    ]
    return ", ".join(shown) or "none"


def _discount_details(old: Methodology, new: Methodology) -> list[str]:
    details = []
    if old.discount_schedule != new.discount_schedule:
        a, b = old.discount_schedule, new.discount_schedule
        details.append(f"discount schedule {a.id} ({a.edition}) → {b.id} ({b.edition})")
    if old.year_convention is not new.year_convention:
        details.append(f"year convention {old.year_convention.value} → {new.year_convention.value}")
    return details


# --- compare -----------------------------------------------------------------------------------


def _unit_totals(
    quantities: Mapping[ValuationKey, Decimal], methodology: Methodology
) -> tuple[dict[ValuationKey, tuple[Decimal, Decimal, Decimal]], tuple[ValuationKey, ...]]:
    values = {}
    unvalued = []
    with calculation_context():
        for key, quantity in quantities.items():
            unit = unit_or_none(key, methodology)
            if unit is None:
                unvalued.append(key)
                values[key] = (_ZERO, _ZERO, _ZERO)
            elif (
                unit.gross is None
                or unit.net is None
                or unit.present_value is None
                or not counts(unit, methodology)
            ):
                values[key] = (_ZERO, _ZERO, _ZERO)
            else:
                values[key] = (
                    quantity * unit.gross,
                    quantity * unit.net,
                    quantity * unit.present_value,
                )
    return values, tuple(unvalued)


def _sums(values: Mapping[ValuationKey, tuple[Decimal, ...]]) -> tuple[Decimal, Decimal, Decimal]:
    gross = net = present = _ZERO
    with calculation_context():
        for g, n, p in values.values():
            gross, net, present = gross + g, net + n, present + p
    return gross, net, present


def _details(
    cause: str,
    quantities: Mapping[ValuationKey, Decimal],
    ends: tuple[Methodology, Methodology],
    step: tuple[Methodology, Methodology],
) -> list[str]:
    old, new = ends
    if cause == "framework":
        return _framework_details(old.framework, new.framework)
    if cause == "proxy values":
        return _proxy_details(quantities, *step)
    if cause == "prices":
        return _prices_details(old, new)
    if cause == "additionality":
        return _additionality_details(old, new)
    if cause == "discounting":
        return _discount_details(old, new)
    return ["other changes to what is valued, or how"]


def compare(
    source: ValuationBatch | Iterable[Delivery], old: Methodology, new: Methodology
) -> Bridge:
    """The change in every total from ``old`` to ``new``, by cause, exactly (see the module).

    ``source`` is a batch (its groups, valued or not) or deliveries; the same quantities are
    valued under both methodologies. A key a methodology cannot value counts as zero under it
    and is listed.

    Examples:
        >>> import attrs, socialvalue as sv
        >>> old = sv.default_methodology()
        >>> new = attrs.evolve(old, price_base="2023/24")
        >>> carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
        >>> bridge = compare([carbon], old, new)
        >>> [(step.cause, round(step.present_value, 2)) for step in bridge if step.present_value]
        [('prices', Decimal('-114.55'))]
        >>> bridge.sum_of_steps() == bridge.change()
        True
    """
    quantities = key_quantities(source)
    chain = _chain(old, new)
    before_values, unvalued_before = _unit_totals(quantities, old)
    previous_values = before_values
    previous = old
    steps = []
    unvalued_after: tuple[ValuationKey, ...] = ()
    for cause, methodology in chain:
        values, unvalued_after = _unit_totals(quantities, methodology)
        by_measure: dict[str, list[Decimal]] = {}
        with calculation_context():
            for key, after in values.items():
                before = previous_values[key]
                parts = by_measure.setdefault(key.measure, [_ZERO, _ZERO, _ZERO])
                for i in range(3):
                    parts[i] += after[i] - before[i]
            step_totals = [
                sum((parts[i] for parts in by_measure.values()), start=_ZERO) for i in range(3)
            ]
        if cause != "other" or any(step_totals):
            steps.append(
                BridgeStep(
                    cause=cause,
                    gross=step_totals[0],
                    net=step_totals[1],
                    present_value=step_totals[2],
                    by_measure=tuple(
                        MeasureChange(measure=code, gross=p[0], net=p[1], present_value=p[2])
                        for code, p in sorted(by_measure.items())
                        if any(p)
                    ),
                    details=tuple(_details(cause, quantities, (old, new), (previous, methodology))),
                    methodology=methodology.ref,
                )
            )
        previous_values, previous = values, methodology
    return Bridge(
        old=old.ref,
        new=new.ref,
        before=_sums(before_values),
        after=_sums(previous_values),
        steps=tuple(steps),
        unvalued_before=unvalued_before,
        unvalued_after=unvalued_after,
    )
