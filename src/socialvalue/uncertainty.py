"""Uncertainty: scenarios, one-way sensitivity, switching values and Monte Carlo.

Every central figure is a point; this module says how far it could move, using the ranges a
methodology carries — each proxy value's published ``low`` and ``high`` (the registry) and the
ranges declared on its assumptions (:class:`~socialvalue.ranges.Uncertainty`).

* :func:`scenarios` — low, central and high totals. The low scenario is the methodology with every
  ranged proxy value at its low bound and every ranged additionality factor at the bound that
  lowers value (deadweight, leakage, displacement, substitution, attribution and drop-off at
  their high bounds, the multiplier at its low bound); the high scenario the reverse. Each is a
  derived :class:`~socialvalue.Methodology` with its own content hash (:func:`scenario`). The
  discount range is not in the scenarios (a higher rate lowers a value after the base year but
  raises one compounded forward from before it); it is in the sensitivity.
* :func:`sensitivity` — for each uncertain input, the total with only that input at its low and
  at its high bound, ranked by the swing between them: the data of a tornado chart.
* :func:`switching_values` — the value of each input at which a total reaches a stated target.
  A total is linear in a proxy value, in each additionality share and in the multiplier, so the
  switching value is solved exactly from two valuations with ``Decimal`` algebra (and checked by
  valuing at it); for drop-off and the discount rates, which enter non-linearly, by bisection to
  :data:`TOLERANCE`.
* :func:`monte_carlo` — percentiles of a total over seeded random draws of every ranged input
  (the ``montecarlo`` extra: numpy). *Floats are used here and only here: a simulation gives a
  distribution, not an account.* The central total stays exact; each draw's deviation from it
  is computed in floating point, so with every range collapsed to a point the result is the
  central total exactly.

Proxy values without bounds stay central; :attr:`Scenarios.without_proxy_range` says how much of
the total that is. Totals are of the quantities given (a batch's groups, valued or not, or
deliveries), in GBP.

References:
    HM Treasury, *The Green Book* (2022): sensitivity analysis, switching values and scenarios
    in the treatment of risk and uncertainty (see docs/sensitivity.md for the passages).

    Cabinet Office, *A Guide to Social Return on Investment* (2012), stage 5: sensitivity
    analysis before a ratio is quoted.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from socialvalue._decimal import MAX_EXPONENT, calculation_context, to_decimal
from socialvalue._extras import require
from socialvalue._keyed import KeyTotals, counts, key_quantities, key_totals, unit_or_none
from socialvalue.batch import ValuationBatch
from socialvalue.deliveries import Cost, Delivery
from socialvalue.discounting import DiscountSchedule
from socialvalue.methodology import MeasureAssumption, Methodology, MethodologyRef
from socialvalue.money import Money
from socialvalue.proxies import ProxyValue
from socialvalue.ranges import Distribution, Uncertainty
from socialvalue.rollup import Rollup
from socialvalue.valuation import UnitValue, ValuationError, ValuationKey, value_cost

if TYPE_CHECKING:
    from types import ModuleType

    from numpy.typing import NDArray

    from socialvalue.additionality import Additionality

__all__ = [
    "TOLERANCE",
    "Input",
    "InputKind",
    "MonteCarlo",
    "ScenarioTotals",
    "Scenarios",
    "Sensitivity",
    "Swing",
    "SwitchingValue",
    "derive",
    "monte_carlo",
    "present_value_of_costs",
    "scenario",
    "scenario_rollups",
    "scenarios",
    "sensitivity",
    "switching_values",
    "uncertain_inputs",
]

#: Switching values found by bisection are within this distance of the exact value (in the
#: input's own units: a fraction, or a shift of the discount rates).
TOLERANCE = Decimal("1e-9")

#: A switching value solved exactly must, valued again, meet its goal within this (£).
_PENNY = Decimal("0.005")

_ZERO = Decimal(0)
_ONE = Decimal(1)

Source = ValuationBatch | Iterable[Delivery]
Total = Literal["gross", "net", "present_value"]


class InputKind(enum.Enum):
    """What an uncertain input is: a proxy value, an additionality factor or the discount rates."""

    PROXY = "proxy"
    ASSUMPTION = "assumption"
    DISCOUNT = "discount"


@attrs.frozen(kw_only=True)
class Input:
    """One uncertain input of a methodology, with its central value and plausible range.

    Attributes:
        kind: :class:`InputKind`.
        label: What it is, in words (``LCR-ENV-2 proxy (UK, from 2024-01-01)``,
            ``deadweight (default)``, ``discount rates (shift)``).
        central: The methodology's value.
        low: The low bound.
        high: The high bound.
        distribution: How Monte Carlo draws it.
        sd: Its standard deviation, for a normal distribution (absolute).
        measure: The measure (a proxy's, or a per-measure assumption's).
        factor: The additionality factor, for an assumption.
        layer: For a proxy: the position of its registry in the methodology's registries.
        index: For a proxy: its position in that registry's values.
        shifts: For the discount rates: the smallest and largest possible shift (no rate
            below 0; none at 0.9 or above).
        stream: For a proxy value, what names its random stream (see :attr:`stream_key`).
    """

    kind: InputKind
    label: str
    central: Decimal
    low: Decimal
    high: Decimal
    distribution: Distribution = Distribution.TRIANGULAR
    sd: Decimal | None = None
    measure: str | None = None
    factor: str | None = None
    layer: int | None = None
    index: int | None = None
    shifts: tuple[Decimal, Decimal] = (_ZERO, _ZERO)
    stream: str = ""

    @property
    def stream_key(self) -> str:
        """What names the input's own random stream in :func:`monte_carlo`.

        Built only from what the content hash covers (for a proxy value: its registry's
        position, measure, geography and first day; not the registry's id), so the same seed
        and hash draw the same values.
        """
        return self.stream or self.label

    @property
    def linear(self) -> bool:
        """Whether every total is linear in this input (proxy values, shares, multiplier)."""
        return self.kind is InputKind.PROXY or (
            self.kind is InputKind.ASSUMPTION and self.factor != "drop_off"
        )

    @property
    def lowering(self) -> Decimal:
        """The bound that lowers value: the high bound of a share or drop-off, else the low."""
        if self.kind is InputKind.ASSUMPTION and self.factor != "multiplier":
            return self.high
        return self.low

    @property
    def raising(self) -> Decimal:
        """The bound that raises value (the other one)."""
        return self.high if self.lowering == self.low else self.low

    @property
    def domain(self) -> tuple[Decimal | None, Decimal | None]:
        """The values the input can take at all (``None``: unbounded)."""
        if self.kind is InputKind.PROXY:
            # A value per unit does not change sign: a benefit does not become a cost.
            return (_ZERO, None) if self.central >= 0 else (None, _ZERO)
        if self.kind is InputKind.DISCOUNT:
            return self.shifts
        if self.factor == "multiplier":
            return _ONE, None
        return _ZERO, _ONE


def _proxy_label(value: ProxyValue, layer_id: str, layers: int) -> str:
    where = f"{value.geography}, from {value.valid_from.isoformat()}"
    if layers > 1:
        where += f", {layer_id}"
    return f"{value.measure} proxy ({where})"


def _proxy_input(methodology: Methodology, layer: int, index: int) -> Input:
    registry = methodology.registries[layer]
    value = registry.values[index]
    assert value.low is not None  # noqa: S101 - only values with bounds are inputs
    assert value.high is not None  # noqa: S101
    spread = methodology.uncertainty.spread_for(value.measure)
    sd = None
    if spread.sd is not None:
        with calculation_context():
            sd = spread.sd * value.value
    return Input(
        kind=InputKind.PROXY,
        label=_proxy_label(value, registry.id, len(methodology.registries)),
        central=value.value,
        low=value.low,
        high=value.high,
        distribution=spread.distribution,
        sd=sd,
        measure=value.measure,
        layer=layer,
        index=index,
        stream=f"proxy {layer} {value.measure} {value.geography} {value.valid_from.isoformat()}",
    )


def _assumption_inputs(methodology: Methodology) -> list[Input]:
    inputs = []
    for declared in methodology.uncertainty.ranges:
        if declared.measure is None:
            central_of: Additionality = methodology.additionality
        else:
            central_of = methodology.additionality_for(declared.measure)[0]
        inputs.append(
            Input(
                kind=InputKind.ASSUMPTION,
                label=declared.label,
                central=getattr(central_of, declared.factor),
                low=declared.low,
                high=declared.high,
                distribution=declared.distribution,
                sd=declared.sd,
                measure=declared.measure,
                factor=declared.factor,
            )
        )
    return inputs


def _discount_input(methodology: Methodology) -> list[Input]:
    declared = methodology.uncertainty.discount
    if declared is None:
        return []
    return [
        Input(
            kind=InputKind.DISCOUNT,
            label="discount rates (shift)",
            central=_ZERO,
            low=declared.low,
            high=declared.high,
            distribution=declared.distribution,
            sd=declared.sd,
            shifts=(
                -min(band.rate for band in methodology.discount_schedule.bands),
                Decimal("0.9") - max(band.rate for band in methodology.discount_schedule.bands),
            ),
        )
    ]


def _locate(methodology: Methodology, value: ProxyValue, layer_id: str) -> tuple[int, int]:
    for n, registry in enumerate(methodology.registries):
        if registry.id == layer_id:
            return n, registry.values.index(value)
    raise LookupError(f"registry {layer_id!r} is not one of the methodology's")  # pragma: no cover


def _later_values(
    methodology: Methodology, key: ValuationKey, years: int
) -> Iterator[tuple[int, int]]:
    """Ranged values of the key's measure that later years of its stream may be priced with.

    Every value valid in the years the stream spans, in the key's area or a larger one (when
    each later year is priced by its own year, a stream uses several values); a value the
    stream does not use has no effect and a swing of zero.
    """
    start = key.period.start
    last = key.period.end
    end = dt.date(last.year + years, last.month, min(last.day, 28))
    chain = set(methodology.registry.geography_chain(key.geography))
    for n, registry in enumerate(methodology.registries):
        for i, value in enumerate(registry.values):
            if (
                value.measure == key.measure
                and value.geography in chain
                and value.low is not None
                and value.high is not None
                and value.valid_from <= end
                and (value.valid_to is None or start <= value.valid_to)
            ):
                yield n, i


def uncertain_inputs(
    methodology: Methodology, source: Source | Mapping[ValuationKey, Decimal] | None = None
) -> tuple[Input, ...]:
    """The methodology's uncertain inputs: ranged proxy values, assumption ranges, discount.

    With ``source`` (a batch, deliveries, or quantities by key), only the proxy values its
    keys are valued with; without, every proxy value with both bounds in every registry.
    """
    located: set[tuple[int, int]] = set()
    if source is None:
        for n, registry in enumerate(methodology.registries):
            located.update(
                (n, i)
                for i, value in enumerate(registry.values)
                if value.low is not None and value.high is not None
            )
    else:
        quantities = source if isinstance(source, Mapping) else key_quantities(source)
        for key in quantities:
            unit = unit_or_none(key, methodology)
            if unit is None or unit.lookup is None:
                continue
            value = unit.lookup.value
            if value.low is not None and value.high is not None:
                located.add(_locate(methodology, value, unit.lookup.layer))
            if len(unit.stream) > 1:
                located.update(_later_values(methodology, key, len(unit.stream)))
    proxies = [_proxy_input(methodology, n, i) for n, i in sorted(located)]
    return (*proxies, *_assumption_inputs(methodology), *_discount_input(methodology))


# --- deriving methodologies --------------------------------------------------------------------


def _moved_value(value: ProxyValue, to: Decimal) -> ProxyValue:
    low = None if value.low is None else min(value.low, to)
    high = None if value.high is None else max(value.high, to)
    return attrs.evolve(value, value=to, low=low, high=high)


def _moved_schedule(schedule: DiscountSchedule, shift: Decimal) -> DiscountSchedule:
    if not shift:
        return schedule
    with calculation_context():
        bands = [attrs.evolve(band, rate=band.rate + shift) for band in schedule.bands]
    if any(band.rate < 0 for band in bands):
        raise ValueError(f"a shift of {shift} makes a discount rate negative")
    return attrs.evolve(schedule, bands=bands, edition=f"{schedule.edition}, rates {shift:+}")


def _with(additionality: Additionality, changes: Mapping[str, Decimal]) -> Additionality:
    moved: dict[str, Any] = dict(changes)
    return attrs.evolve(additionality, **moved)


def derive(methodology: Methodology, moves: Mapping[Input, Decimal], name: str) -> Methodology:
    """The methodology with each input in ``moves`` set to the value given: a scenario.

    The result is an ordinary methodology, with its own content hash, whose version says what it
    is (``2026.1+low``). It declares no ranges of its own: a scenario is a point. A proxy value
    moved outside its published range widens the range to include it.

    >>> import socialvalue as sv
    >>> base = sv.default_methodology()
    >>> carbon = next(i for i in uncertain_inputs(base) if i.measure == "LCR-ENV-2")
    >>> low = derive(base, {carbon: carbon.low}, "carbon-low")
    >>> low.version, low.content_hash != base.content_hash
    ('2026.2+carbon-low', True)
    """
    registries = list(methodology.registries)
    by_layer: dict[int, dict[int, Decimal]] = {}
    default_moves: dict[str, Decimal] = {}
    measure_moves: dict[str, dict[str, Decimal]] = {}
    shift = _ZERO
    for moved, to in moves.items():
        if moved.kind is InputKind.PROXY:
            assert moved.layer is not None  # noqa: S101 - set for every proxy input
            assert moved.index is not None  # noqa: S101
            by_layer.setdefault(moved.layer, {})[moved.index] = to
        elif moved.kind is InputKind.DISCOUNT:
            shift = to
        elif moved.measure is None:
            assert moved.factor is not None  # noqa: S101 - set for every assumption input
            default_moves[moved.factor] = to
        else:
            assert moved.factor is not None  # noqa: S101
            measure_moves.setdefault(moved.measure, {})[moved.factor] = to
    for n, at in by_layer.items():
        registry = registries[n]
        values = [
            _moved_value(value, at[i]) if i in at else value
            for i, value in enumerate(registry.values)
        ]
        registries[n] = attrs.evolve(registry, values=values).with_origin(registry.origin)
    default = _with(methodology.additionality, default_moves)
    assumptions = []
    seen = set()
    for assumption in methodology.assumptions:
        changes = measure_moves.get(assumption.measure, {})
        assumptions.append(
            attrs.evolve(assumption, additionality=_with(assumption.additionality, changes))
            if changes
            else assumption
        )
        seen.add(assumption.measure)
    for measure, changes in sorted(measure_moves.items()):
        if measure not in seen:
            assumptions.append(
                MeasureAssumption(
                    measure=measure,
                    additionality=_with(default, changes),
                    note=f"scenario {name}: the default assumptions with {', '.join(changes)}",
                )
            )
    return attrs.evolve(
        methodology,
        version=f"{methodology.version}+{name}",
        registries=registries,
        additionality=default,
        assumptions=assumptions,
        discount_schedule=_moved_schedule(methodology.discount_schedule, shift),
        uncertainty=Uncertainty(),
    )


def scenario(methodology: Methodology, which: Literal["low", "central", "high"]) -> Methodology:
    """The low, central or high scenario of a methodology, as a methodology (see the module).

    >>> import socialvalue as sv
    >>> base = sv.default_methodology()
    >>> scenario(base, "central") is base
    True
    >>> scenario(base, "low").content_hash == base.content_hash
    False
    """
    if which == "central":
        return methodology
    if which not in ("low", "high"):
        raise ValueError(f"which: expected 'low', 'central' or 'high', got {which!r}")
    moves = {
        moved: moved.lowering if which == "low" else moved.raising
        for moved in uncertain_inputs(methodology)
        if moved.kind is not InputKind.DISCOUNT
    }
    return derive(methodology, moves, which)


# --- costs -------------------------------------------------------------------------------------


def present_value_of_costs(costs: Sequence[Cost], methodology: Methodology) -> Decimal | None:
    """PVC: the costs restated and discounted under ``methodology``; ``None`` without costs.

    The same rule as a rollup's: every cost given, each through
    :func:`~socialvalue.valuation.value_cost`.
    """
    if not costs:
        return None
    total = _ZERO
    with calculation_context():
        for cost in costs:
            total += value_cost(cost, methodology).present_value.amount
    return total


def _npsv(benefits: Decimal, costs: Decimal | None) -> Decimal | None:
    if costs is None:
        return None
    with calculation_context():
        return benefits - costs


def _bcr(benefits: Decimal, costs: Decimal | None) -> Decimal | None:
    if costs is None or costs <= 0:
        return None
    with calculation_context():
        return benefits / costs


# --- scenarios ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ScenarioTotals:
    """The totals of one scenario, and the methodology that gives them.

    ``costs`` is the present value of costs (PVC) under the scenario, when costs were given;
    with it come :attr:`npsv` and :attr:`bcr`.
    """

    name: str
    methodology: MethodologyRef
    gross: Money
    net: Money
    present_value: Money
    costs: Money | None = None

    @property
    def npsv(self) -> Money | None:
        """Net present social value, PVB − PVC (``None`` without costs)."""
        found = _npsv(self.present_value.amount, None if self.costs is None else self.costs.amount)
        return None if found is None else Money(found)

    @property
    def bcr(self) -> Decimal | None:
        """Benefit–cost ratio, PVB ÷ PVC (``None`` without costs, or with costs of zero)."""
        return _bcr(self.present_value.amount, None if self.costs is None else self.costs.amount)

    def total(self, name: Total) -> Money:
        """One total by name."""
        amount: Money = getattr(self, name)
        return amount


@attrs.frozen(kw_only=True)
class Scenarios:
    """Low, central and high totals (see :func:`scenarios`).

    Attributes:
        low: The low scenario's totals; ``central`` and ``high`` likewise.
        without_proxy_range: The central present value of what is valued with no proxy range
            (a proxy value without bounds, or a £ amount): it moves only with the assumptions.
        inputs: The labels of the inputs the scenarios move.
    """

    low: ScenarioTotals
    central: ScenarioTotals
    high: ScenarioTotals
    without_proxy_range: Money
    inputs: tuple[str, ...]

    def __iter__(self) -> Iterator[ScenarioTotals]:
        return iter((self.low, self.central, self.high))

    @property
    def without_proxy_range_share(self) -> Decimal | None:
        """:attr:`without_proxy_range` as a share of the central present value."""
        central = self.central.present_value.amount
        if not central:
            return None
        with calculation_context():
            return self.without_proxy_range.amount / central


def _scenario_totals(
    name: str, totals: KeyTotals, methodology: Methodology, costs: Sequence[Cost]
) -> ScenarioTotals:
    pvc = present_value_of_costs(costs, methodology)
    return ScenarioTotals(
        name=name,
        methodology=methodology.ref,
        gross=Money(totals.gross),
        net=Money(totals.net),
        present_value=Money(totals.present_value),
        costs=None if pvc is None else Money(pvc),
    )


def _unranged(quantities: Mapping[ValuationKey, Decimal], methodology: Methodology) -> Decimal:
    total = _ZERO
    with calculation_context():
        for key, quantity in quantities.items():
            unit = unit_or_none(key, methodology)
            if unit is None or unit.present_value is None or not counts(unit, methodology):
                continue
            lookup = unit.lookup
            if lookup is None or lookup.value.low is None or lookup.value.high is None:
                total += quantity * unit.present_value
    return total


def scenarios(source: Source, methodology: Methodology, *, costs: Iterable[Cost] = ()) -> Scenarios:
    """Low, central and high totals of a batch (or deliveries) under a methodology.

    Given ``costs``, each scenario also carries PVC, NPSV and BCR.

    Examples:
        >>> import socialvalue as sv
        >>> carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
        >>> result = scenarios([carbon], sv.default_methodology())
        >>> [str(s.present_value.quantize(2)) for s in result]
        ['£1,472.95', '£2,946.02', '£4,418.97']
        >>> result.without_proxy_range
        Money(amount=Decimal('0'), currency='GBP')
    """
    quantities = key_quantities(source)
    inputs_of_cost = tuple(costs)
    results = []
    names: tuple[Literal["low", "central", "high"], ...] = ("low", "central", "high")
    for name in names:
        derived = scenario(methodology, name)
        results.append(
            _scenario_totals(name, key_totals(quantities, derived), derived, inputs_of_cost)
        )
    return Scenarios(
        low=results[0],
        central=results[1],
        high=results[2],
        without_proxy_range=Money(_unranged(quantities, methodology)),
        inputs=tuple(
            i.label for i in uncertain_inputs(methodology) if i.kind is not InputKind.DISCOUNT
        ),
    )


def scenario_rollups(
    deliveries: Iterable[Delivery],
    methodology: Methodology,
    by: Sequence[str],
    *,
    costs: Iterable[Cost] = (),
) -> dict[str, Rollup]:
    """A :class:`~socialvalue.Rollup` per scenario (``low``, ``central``, ``high``).

    Each is an ordinary rollup under the scenario's methodology (its hash names it), grouped
    by ``by`` and carrying PVC, NPSV and BCR where costs are given; deliveries that cannot be
    valued are reported, as in a report.

    Examples:
        >>> import socialvalue as sv
        >>> carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
        >>> rollups = scenario_rollups([carbon], sv.default_methodology(), by=("measure",))
        >>> [str(r.money("present_value", ("LCR-ENV-2",)).quantize(2)) for r in rollups.values()]
        ['£1,472.95', '£2,946.02', '£4,418.97']
    """
    items = list(deliveries)
    cost_list = list(costs)
    names: tuple[Literal["low", "central", "high"], ...] = ("low", "central", "high")
    return {
        name: Rollup.of(items, scenario(methodology, name), by, unvalued="report", costs=cost_list)
        for name in names
    }


# --- one-way sensitivity -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Swing:
    """The total with one input at its low and at its high bound, all else central.

    Attributes:
        input: The input moved.
        central: The central total.
        at_low: The total with the input at its low bound.
        at_high: The total with it at its high bound.
        costs: PVC with the input at its low bound, central and at its high bound, when costs
            were given (only the discount rates move it); with it, :attr:`npsv` and :attr:`bcr`.
    """

    input: Input
    central: Decimal
    at_low: Decimal
    at_high: Decimal
    costs: tuple[Decimal, Decimal, Decimal] | None = None

    @property
    def npsv(self) -> tuple[Decimal, Decimal, Decimal] | None:
        """NPSV at the low bound, central and at the high bound (``None`` without costs)."""
        if self.costs is None:
            return None
        low, central, high = self.costs
        with calculation_context():
            return self.at_low - low, self.central - central, self.at_high - high

    @property
    def bcr(self) -> tuple[Decimal | None, Decimal | None, Decimal | None] | None:
        """BCR at the low bound, central and at the high bound (``None`` without costs)."""
        if self.costs is None:
            return None
        low, central, high = self.costs
        return (
            _bcr(self.at_low, low),
            _bcr(self.central, central),
            _bcr(self.at_high, high),
        )

    @property
    def swing(self) -> Decimal:
        """The distance between the two totals (what the tornado ranks by)."""
        with calculation_context():
            return abs(self.at_high - self.at_low)

    @property
    def low_change(self) -> Decimal:
        """``at_low − central``."""
        with calculation_context():
            return self.at_low - self.central

    @property
    def high_change(self) -> Decimal:
        """``at_high − central``."""
        with calculation_context():
            return self.at_high - self.central


@attrs.frozen(kw_only=True)
class Sensitivity:
    """One-way sensitivity: a :class:`Swing` per input, largest swing first (tornado data)."""

    methodology: MethodologyRef
    total: str
    central: Decimal
    swings: tuple[Swing, ...]

    def __iter__(self) -> Iterator[Swing]:
        return iter(self.swings)


def sensitivity(
    source: Source,
    methodology: Methodology,
    *,
    total: Total = "present_value",
    costs: Iterable[Cost] = (),
) -> Sensitivity:
    """One-way sensitivity of a total to each uncertain input, ranked by swing.

    Each input moves alone to its low bound, then its high bound, in a methodology derived for
    that move; every other input stays central.

    Examples:
        >>> import socialvalue as sv
        >>> deliveries = [
        ...     sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25"),
        ...     sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2022/23"),
        ... ]
        >>> result = sensitivity(deliveries, sv.default_methodology())
        >>> for swing in result:
        ...     print(swing.input.label, round(swing.swing, 2))
        LCR-ENV-2 proxy (UK, from 2022-01-01, desnz-carbon) 3061.86
        LCR-ENV-2 proxy (UK, from 2024-01-01, desnz-carbon) 2946.02
    """
    quantities = key_quantities(source)
    cost_list = tuple(costs)
    central = key_totals(quantities, methodology).get(total)
    central_costs = present_value_of_costs(cost_list, methodology)
    swings = []
    for moved in uncertain_inputs(methodology, quantities):
        derived = [
            derive(methodology, {moved: bound}, name)
            for bound, name in ((moved.low, "low"), (moved.high, "high"))
        ]
        at = [key_totals(quantities, d).get(total) for d in derived]
        pvc = None
        if central_costs is not None:
            low_costs, high_costs = (present_value_of_costs(cost_list, d) for d in derived)
            assert low_costs is not None  # noqa: S101 - costs were given
            assert high_costs is not None  # noqa: S101
            pvc = (low_costs, central_costs, high_costs)
        swings.append(Swing(input=moved, central=central, at_low=at[0], at_high=at[1], costs=pvc))
    swings.sort(key=lambda s: (-s.swing, s.input.label))
    return Sensitivity(
        methodology=methodology.ref, total=total, central=central, swings=tuple(swings)
    )


# --- switching values --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SwitchingValue:
    """The value of one input at which a total reaches its goal, all else central.

    Attributes:
        input: The input.
        criterion: What is reached: ``"target"`` (the total equals ``goal``) or ``"npsv"``
            (NPSV is zero, so BCR is 1; ``goal`` is 0).
        goal: The total to reach.
        value: The switching value, or ``None`` when no value in the input's domain reaches
            the goal (or the total does not depend on the input).
        method: ``"exact"`` (solved with decimal algebra, the total being linear in the input)
            or ``"bisection"`` (to :data:`TOLERANCE`).
        note: What the figure means, in words.
    """

    input: Input
    criterion: str
    goal: Decimal
    value: Decimal | None
    method: str
    note: str

    @property
    def within_range(self) -> bool:
        """Whether the switching value lies within the input's plausible range."""
        return self.value is not None and self.input.low <= self.value <= self.input.high


def _in_domain(moved: Input, x: Decimal) -> bool:
    lower, upper = moved.domain
    return (lower is None or x >= lower) and (upper is None or x <= upper)


def _probe_points(moved: Input) -> tuple[Decimal, Decimal]:
    if moved.low < moved.high:
        return moved.low, moved.high
    lower, upper = moved.domain
    if upper is not None and moved.central >= upper:
        return moved.central - 1 if lower is None else lower, moved.central
    return moved.central, moved.central + 1 if upper is None else upper


def _bisect(
    f: Callable[[Decimal], Decimal], moved: Input, goal_text: str
) -> tuple[Decimal | None, str]:
    lower, upper = moved.domain
    assert lower is not None  # noqa: S101 - non-linear inputs have bounded domains
    assert upper is not None  # noqa: S101
    f_lower, f_upper = f(lower), f(upper)
    if f_lower == 0:
        return lower, f"reaches {goal_text} at {lower}"
    if (f_lower > 0) == (f_upper > 0):
        return None, f"none: no value in [{lower}, {upper}] reaches {goal_text}"
    a, b, f_a = lower, upper, f_lower
    with calculation_context():
        while b - a > TOLERANCE:
            middle = (a + b) / 2
            f_middle = f(middle)
            if (f_middle > 0) == (f_a > 0):
                a, f_a = middle, f_middle
            else:
                b = middle
        found = ((a + b) / 2).quantize(TOLERANCE)
    return found, f"reaches {goal_text} at {found} (bisection, within {TOLERANCE})"


def _switch(  # noqa: PLR0913, PLR0917 - the quantities, costs, the input and what to reach
    quantities: Mapping[ValuationKey, Decimal],
    methodology: Methodology,
    moved: Input,
    goal: Decimal,
    total: Total,
    costs: Sequence[Cost] | None = None,
) -> SwitchingValue:
    criterion = "target" if costs is None else "npsv"
    if costs is None:
        goal_text = f"a {total.replace('_', ' ')} of {goal:,.2f}"
    else:
        goal_text = "an NPSV of zero (a BCR of 1)"

    def f(x: Decimal) -> Decimal:
        derived = derive(methodology, {moved: x}, "switch")
        value = key_totals(quantities, derived).get(total)
        pvc = present_value_of_costs(costs, derived) if costs else _ZERO
        with calculation_context():
            return value - (pvc or _ZERO) - goal

    x0, x1 = _probe_points(moved)
    f0, f1 = f(x0), f(x1)
    with calculation_context():
        slope = (f1 - f0) / (x1 - x0)
    method = "exact" if moved.linear else "bisection"
    if moved.linear:
        if not slope:
            return SwitchingValue(
                input=moved,
                criterion=criterion,
                goal=goal,
                value=None,
                method=method,
                note=f"none: the {total.replace('_', ' ')} does not depend on {moved.label}",
            )
        with calculation_context():
            found = _representable(x0 - f0 / slope)
        if not _in_domain(moved, found):
            lower, upper = moved.domain
            return SwitchingValue(
                input=moved,
                criterion=criterion,
                goal=goal,
                value=None,
                method=method,
                note=f"none: to reach {goal_text} it would take {found:.6g}, outside the "
                f"possible values [{lower}, {upper if upper is not None else '∞'}]",
            )
        if abs(f(found)) <= _PENNY:
            return SwitchingValue(
                input=moved,
                criterion=criterion,
                goal=goal,
                value=found,
                method=method,
                note=f"reaches {goal_text} at {found:.6g}" + _plausible(moved, found),
            )
        # A total that is not linear in this input after all (never seen): say so, or
        # bisect where the input's possible values are bounded.
        method = "bisection"  # pragma: no cover
        if None in moved.domain:  # pragma: no cover
            return SwitchingValue(
                input=moved,
                criterion=criterion,
                goal=goal,
                value=None,
                method=method,
                note=f"not found: the total is not linear in {moved.label} and its possible "
                "values are unbounded",
            )
    value, note = _bisect(f, moved, goal_text)
    if value is not None:
        note += _plausible(moved, value)
    return SwitchingValue(
        input=moved, criterion=criterion, goal=goal, value=value, method=method, note=note
    )


def _representable(x: Decimal) -> Decimal:
    """``x`` to 28 significant digits and at most 20 places: what a proxy value can hold.

    The difference is below 10^-20 of a unit value, far below a penny on any real quantity.
    """
    x = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN).plus(x)
    if x.as_tuple().exponent < -20:  # type: ignore[operator]
        x = x.quantize(Decimal("1e-20"), rounding=decimal.ROUND_HALF_EVEN)
    return x


def _plausible(moved: Input, value: Decimal) -> str:
    if moved.low <= value <= moved.high:
        return f", within the plausible range [{moved.low}, {moved.high}]"
    return f"; none within the plausible range [{moved.low}, {moved.high}]"


def switching_values(
    source: Source,
    methodology: Methodology,
    *,
    target: Money | Decimal | None = None,
    total: Total = "present_value",
    costs: Iterable[Cost] = (),
) -> tuple[SwitchingValue, ...]:
    """For each uncertain input, where the total reaches a target, or NPSV reaches zero.

    With ``target``: the value at which the total equals it (below it, the target is missed).
    With ``costs``: the value at which NPSV reaches zero, which is where BCR reaches 1 (past
    it, the costs outweigh the benefits). With both, the target's come first. Exact (decimal
    algebra) for inputs the total is linear in, bisection to :data:`TOLERANCE` otherwise;
    ``None`` with a plain note when no value reaches the goal.

    Examples:
        >>> import socialvalue as sv
        >>> carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
        >>> [found] = switching_values([carbon], sv.default_methodology(), target=Decimal(2000))
        >>> print(found.note)
        reaches a present value of 2,000.00 at 182.599, within the plausible range [134.48, 403.45]
    """
    cost_list = tuple(costs)
    if target is None and not cost_list:
        raise ValueError("switching_values: give a target total, or costs (for NPSV = 0)")
    quantities = key_quantities(source)
    inputs = uncertain_inputs(methodology, quantities)
    found: list[SwitchingValue] = []
    if target is not None:
        # A target of 1E+400 was "does not depend on" the input, which is not so.
        goal = to_decimal(target.amount if isinstance(target, Money) else target, what="target")
        if goal.copy_abs().adjusted() >= MAX_EXPONENT:
            raise ValueError(f"target: {goal} is too large (less than 10^{MAX_EXPONENT})")
        found += [_switch(quantities, methodology, moved, goal, total) for moved in inputs]
    if cost_list:
        found += [
            _switch(quantities, methodology, moved, _ZERO, "present_value", cost_list)
            for moved in inputs
        ]
    return tuple(found)


# --- Monte Carlo -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MonteCarlo:
    """Percentiles of a total over random draws of the ranged inputs: a distribution.

    Attributes:
        methodology: The methodology (its hash and ``seed`` reproduce the draws).
        seed: The seed.
        draws: How many draws.
        total: Which total.
        central: The central total (exact).
        percentiles: ``(p, total)`` pairs; each total is the exact central total plus a
            deviation computed in floating point.
        mean: The mean of the draws, likewise.
        drawn: The labels of the inputs drawn.
        held: Inputs held central (drop-off and the discount rates enter non-linearly and are
            covered by :func:`sensitivity` and :func:`switching_values`).
        costs: PVC, when costs were given (held central: only the discount rates move it);
            percentiles of NPSV and BCR follow from those of the total
            (:meth:`npsv_percentile`, :meth:`bcr_percentile`).
        p_npsv_negative: The share of draws with NPSV below zero (a float), with costs.
    """

    methodology: MethodologyRef
    seed: int
    draws: int
    total: str
    central: Decimal
    percentiles: tuple[tuple[int, Decimal], ...]
    mean: Decimal
    drawn: tuple[str, ...]
    held: tuple[str, ...]
    costs: Decimal | None = None
    p_npsv_negative: float | None = None

    def npsv_percentile(self, p: int) -> Decimal | None:
        """The ``p``-th percentile of NPSV (PVC is held central); ``None`` without costs."""
        return _npsv(self.percentile(p), self.costs)

    def bcr_percentile(self, p: int) -> Decimal | None:
        """The ``p``-th percentile of BCR; ``None`` without costs or with costs of zero."""
        return _bcr(self.percentile(p), self.costs)

    def percentile(self, p: int) -> Decimal:
        """The ``p``-th percentile of the total."""
        for q, value in self.percentiles:
            if q == p:
                return value
        raise KeyError(f"percentile {p} was not computed; ask monte_carlo for it")


_NEUTRAL = {"multiplier": _ONE}


def _factor_inputs(
    moved_inputs: Sequence[Input], methodology: Methodology, measure: str, net_of_deadweight: bool
) -> tuple[Input, ...]:
    """The drawn additionality inputs that apply to a measure's unit values."""
    own = any(a.measure == measure for a in methodology.assumptions)
    chosen: dict[str, Input] = {}
    for moved in moved_inputs:
        if moved.kind is not InputKind.ASSUMPTION or moved.factor is None:
            continue
        if net_of_deadweight and moved.factor == "deadweight":
            continue
        if moved.measure == measure:
            chosen[moved.factor] = moved
        elif moved.measure is None and not own:
            chosen.setdefault(moved.factor, moved)
    return tuple(chosen[name] for name in sorted(chosen))


def _per_total(unit: UnitValue | None, total: Total) -> Decimal:
    if unit is None or unit.present_value is None:
        return _ZERO
    return KeyTotals(
        gross=unit.gross or _ZERO, net=unit.net or _ZERO, present_value=unit.present_value
    ).get(total)


def _linear_model(
    quantities: Mapping[ValuationKey, Decimal],
    methodology: Methodology,
    inputs: Sequence[Input],
    total: Total,
) -> tuple[Decimal, dict[tuple[Input | None, tuple[Input, ...]], Decimal]]:
    """The central total, and weights W with total = Σ W × (proxy value or 1) × Π factors.

    A key's unit value is ``(d + Σ_j c_j × v_j) × Π g_i``: linear in each drawn proxy value
    ``v_j`` (a stream priced year by year uses several) times a gain ``g_i`` per drawn factor
    (``1 − share``, or the multiplier). With every drawn factor neutral, ``d`` is the unit value
    with every drawn proxy value at 0, and ``c_j`` what setting ``v_j`` to 1 adds. The
    decomposition is checked against every key's central unit value, exactly (to the 30 places
    unit values are carried to).
    """
    drawn = [i for i in inputs if i.linear]
    neutral = {
        i: _NEUTRAL.get(i.factor or "", _ZERO) for i in drawn if i.kind is not InputKind.PROXY
    }
    proxies = [i for i in drawn if i.kind is InputKind.PROXY]
    zero = {**neutral, **dict.fromkeys(proxies, _ZERO)}
    basis = derive(methodology, zero, "basis")
    by_measure: dict[str, list[tuple[Input, Methodology]]] = {}
    for proxy in proxies:
        one = derive(methodology, {**zero, proxy: _ONE}, "basis")
        by_measure.setdefault(proxy.measure or "", []).append((proxy, one))
    weights: dict[tuple[Input | None, tuple[Input, ...]], Decimal] = {}
    central_total = _ZERO
    with calculation_context():
        for key, quantity in quantities.items():
            unit = unit_or_none(key, methodology)
            if unit is None or unit.present_value is None or not counts(unit, methodology):
                continue
            central_unit = _per_total(unit, total)
            central_total += quantity * central_unit
            net_of_deadweight = unit.lookup is not None and unit.lookup.value.net_of_deadweight
            factors = (
                ()
                if total == "gross"
                else _factor_inputs(drawn, methodology, key.measure, net_of_deadweight)
            )
            constant = _per_total(unit_or_none(key, basis), total)
            terms: list[tuple[Input | None, Decimal]] = [(None, constant)]
            for proxy, one in by_measure.get(key.measure, []):
                coefficient = _per_total(unit_or_none(key, one), total) - constant
                if coefficient:
                    terms.append((proxy, coefficient))
            rebuilt = sum(
                (c * (p.central if p is not None else _ONE) for p, c in terms), start=_ZERO
            )
            for factor in factors:
                rebuilt *= _gain(factor, factor.central)
            if abs(rebuilt - central_unit) > Decimal("1e-20") * max(_ONE, abs(central_unit)):
                raise ValuationError(
                    f"{key.measure} in {key.period.label}: its unit value is not linear in its "
                    "proxy values times its factors, so it cannot be simulated per key"
                )
            for proxy_or_none, coefficient in terms:
                group = (proxy_or_none, factors)
                weights[group] = weights.get(group, _ZERO) + quantity * coefficient
    return central_total, weights


def _gain(factor: Input, x: Decimal) -> Decimal:
    return x if factor.factor == "multiplier" else _ONE - x


def _draw(np: ModuleType, moved: Input, seed: int, draws: int) -> NDArray[Any]:
    """Draws of one input from its own stream (seed and stream key): order does not matter."""
    rng = np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(zlib.crc32(moved.stream_key.encode()),))
    )
    low, mode, high = float(moved.low), float(moved.central), float(moved.high)
    values: NDArray[Any]
    if moved.low == moved.high:
        values = np.full(draws, mode)
    elif moved.distribution is Distribution.UNIFORM:
        values = rng.uniform(low, high, draws)
    elif moved.distribution is Distribution.TRIANGULAR:
        values = rng.triangular(low, mode, high, draws)
    elif moved.distribution is Distribution.PERT:
        alpha = 1 + 4 * (mode - low) / (high - low)
        beta = 1 + 4 * (high - mode) / (high - low)
        values = low + (high - low) * rng.beta(alpha, beta, draws)
    else:
        return _truncated_normal(rng, moved, draws)
    return values


def _truncated_normal(rng: Any, moved: Input, draws: int) -> NDArray[Any]:  # noqa: ANN401
    """Normal draws about the central value, redrawing any outside [low, high]."""
    assert moved.sd is not None  # noqa: S101 - a normal distribution declares its sd
    low, high = float(moved.low), float(moved.high)
    values: NDArray[Any] = rng.normal(float(moved.central), float(moved.sd), draws)
    for _ in range(1000):
        outside = (values < low) | (values > high)
        count = int(outside.sum())
        if not count:
            return values
        values[outside] = rng.normal(float(moved.central), float(moved.sd), count)
    raise ValueError(f"{moved.label}: the normal distribution is almost all outside its bounds")


def monte_carlo(  # noqa: PLR0913 - what to simulate, and four keyword-only settings
    source: Source,
    methodology: Methodology,
    *,
    seed: int,
    draws: int = 10_000,
    percentiles: Sequence[int] = (5, 10, 25, 50, 75, 90, 95),
    total: Total = "present_value",
    costs: Iterable[Cost] = (),
) -> MonteCarlo:
    """Simulate a total over ``draws`` seeded draws of every ranged linear input.

    Needs the ``montecarlo`` extra (numpy). Draws are per valuation key, not per delivery: the
    quantities are summed per key once, and each draw's total is Σ weight × proxy × Π factors
    over a handful of groups of keys (DESIGN §4: valuation is linear).

    *Floats are used here and only here: this is a distribution, not an account.* The central
    total is exact; each draw's deviation from it is a float. The same seed and methodology
    (content hash) give the same result; with every range a point, every percentile is the
    central total exactly.

    Examples:
        >>> import socialvalue as sv
        >>> carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
        >>> result = monte_carlo([carbon], sv.default_methodology(), seed=1, draws=1000)
        >>> round(result.percentile(5)) < round(result.central) < round(result.percentile(95))
        True
    """
    # Checked before numpy sees them, so the error names the argument (numpy's does not).
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise ValueError(f"seed: {seed!r} is not a whole number of zero or more")
    if isinstance(draws, bool) or not isinstance(draws, int) or draws < 1:
        raise ValueError(f"draws: {draws!r} is not a positive number of draws")
    np = require("numpy", "montecarlo")
    bad = [p for p in percentiles if not 0 <= p <= 100]
    if bad:
        raise ValueError(f"percentiles: {bad} are not between 0 and 100")
    quantities = key_quantities(source)
    inputs = uncertain_inputs(methodology, quantities)
    central, weights = _linear_model(quantities, methodology, inputs, total)
    drawn = sorted(
        {i for group in weights for i in (group[0], *group[1]) if i is not None},
        key=lambda i: i.label,
    )
    samples = {moved: _draw(np, moved, seed, draws) for moved in drawn}
    deviation = np.zeros(draws)
    for (proxy, factors), weight in weights.items():
        product = samples[proxy] if proxy is not None else np.ones(draws)
        at_central = float(proxy.central) if proxy is not None else 1.0
        for factor in factors:
            gain = samples[factor] if factor.factor == "multiplier" else 1.0 - samples[factor]
            product = product * gain
            at_central *= (
                float(factor.central)
                if factor.factor == "multiplier"
                else 1.0 - float(factor.central)
            )
        deviation += float(weight) * (product - at_central)
    found = np.percentile(deviation, list(percentiles), method="linear")
    pvc = present_value_of_costs(tuple(costs), methodology)
    negative = None
    if pvc is not None:
        with calculation_context():
            threshold = float(pvc - central)
        negative = float((deviation < threshold).mean())
    with calculation_context():
        pairs = tuple(
            (int(p), central + Decimal(float(v))) for p, v in zip(percentiles, found, strict=True)
        )
        mean = central + Decimal(float(deviation.mean()))
    return MonteCarlo(
        methodology=methodology.ref,
        seed=seed,
        draws=draws,
        total=total,
        central=central,
        percentiles=pairs,
        mean=mean,
        drawn=tuple(i.label for i in drawn),
        held=tuple(i.label for i in inputs if not i.linear),
        costs=pvc,
        p_npsv_negative=negative,
    )
