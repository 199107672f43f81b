"""Rollups: totals of valued deliveries, grouped by any dimensions, and mergeable.

A :class:`Rollup` holds, for each combination of the dimensions asked for — theme, outcome,
measure, role, pillar, project, reporter (supplier), contract, period, financial year,
geography, status — the gross, net and present value, the number of deliveries and, when grouped
by measure, the quantity. Totals are exact decimals, summed before any rounding.

The gross, net and present value count only what is delivered, not a transfer and not excluded
as an overlap (:attr:`~socialvalue.batch.GroupValuation.counted`); what was left out is kept
beside them — ``transfers``, ``overlaps``, ``targets`` — so nothing disappears. Given costs
(:class:`~socialvalue.Cost`), each row also carries the present value of costs and the value of
inputs, and with them :meth:`Totals.npsv`, :meth:`Totals.bcr`, :meth:`Totals.sroi`,
:meth:`Totals.net_sroi` and :meth:`Totals.cost_per_outcome` (inputs ÷ the quantity of each
outcome measure delivered, :attr:`Totals.outcomes`); given the methodology's funding-attracted
measures, the leverage ratio.

Rollups are *mergeable*: the rollup of two batches merged equals the rollup of both batches
together, so partial rollups computed by separate systems (or machines) combine exactly —
provided they used the same methodology, which a merge checks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from types import MappingProxyType
from typing import ClassVar, Literal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue._deprecated import moved_names
from socialvalue.batch import (
    DIMENSIONS as _DIMENSIONS,
    TARGET_REASON,
    TRANSFER_REASON,
    GroupValuation,
    UnvaluedGroup,
    ValuationBatch,
    value_many,
)
from socialvalue.deliveries import Cost, Delivery, DeliveryStatus
from socialvalue.exceptions import SocialValueError
from socialvalue.framework import Framework, ValueType
from socialvalue.indicators import (
    benefit_cost_ratio,
    cost_per_outcome,
    leverage_ratio,
    net_sroi_ratio,
    sroi_ratio,
)
from socialvalue.methodology import Methodology, MethodologyRef
from socialvalue.money import Money
from socialvalue.periods import FinancialYear
from socialvalue.tabular import Record, Tabular
from socialvalue.valuation import UNIT_VALUE_PLACES, CostValuation, value_cost

__all__ = ["Rollup", "RollupError", "Totals"]

__getattr__ = moved_names("socialvalue.rollup", {"DIMENSIONS": "socialvalue.batch.DIMENSIONS"})


class RollupError(SocialValueError, ValueError):
    """Rollups that cannot be combined, or a dimension that does not exist."""


@attrs.frozen
class Totals:
    """Exact totals for one group.

    Attributes:
        gross: Sum of gross values.
        net: Sum of net values.
        present_value: Sum of present values.
        count: Number of deliveries.
        valued: How many of them were valued in money (record-only ones are counted only).
        quantity: Sum of quantities — only when the rollup is grouped by measure (quantities of
            different measures are not added up); targets' quantities are not in it.
        monetised: Whether any delivery in the group was valued in money.
        transfers: Present value of transfers kept out of the totals.
        overlaps: Present value of overlapping deliveries excluded from the totals.
        targets: Present value of targets and forecasts (never in delivered totals).
        costs: Present value of costs (PVC), discounted to the appraisal base year.
        inputs: Value of inputs: the costs in real base-year prices, undiscounted.
        has_costs: Whether any cost was given for the group.
        attracted: Funding attracted (the methodology's ``leverage_measures``), in real
            base-year prices.
        outcomes: Quantity delivered of each outcome measure, as ``(measure, quantity)``
            pairs sorted by measure — the denominators of :meth:`cost_per_outcome`. An
            outcome measure is counted in its own unit (not in money) and is not a transfer;
            targets are not in it; deliveries not valued in money (no proxy value) are, since
            an outcome delivered is one whether or not it has a value. Kept in every grouping
            (quantities of different measures are never added together).
        benefits_unvalued: The outcome measures in :attr:`outcomes` that were delivered but
            not valued in money (no proxy value, or record-only), sorted: counted, but not in
            :attr:`present_value`, so a ratio of the group (:meth:`bcr`, :meth:`sroi`) leaves
            them out — a BCR of 0.00 with these listed means "benefits not valued", not "no
            benefits".
    """

    gross: Decimal = Decimal(0)
    net: Decimal = Decimal(0)
    present_value: Decimal = Decimal(0)
    count: int = 0
    valued: int = 0
    quantity: Decimal | None = None
    monetised: bool = False
    transfers: Decimal = Decimal(0)
    overlaps: Decimal = Decimal(0)
    targets: Decimal = Decimal(0)
    costs: Decimal = Decimal(0)
    inputs: Decimal = Decimal(0)
    has_costs: bool = False
    attracted: Decimal = Decimal(0)
    outcomes: tuple[tuple[str, Decimal], ...] = ()
    benefits_unvalued: tuple[str, ...] = ()

    def __add__(self, other: Totals) -> Totals:
        with calculation_context():
            quantity = (
                None
                if self.quantity is None and other.quantity is None
                else (self.quantity or Decimal(0)) + (other.quantity or Decimal(0))
            )
            return Totals(
                gross=self.gross + other.gross,
                net=self.net + other.net,
                present_value=self.present_value + other.present_value,
                count=self.count + other.count,
                valued=self.valued + other.valued,
                quantity=quantity,
                monetised=self.monetised or other.monetised,
                transfers=self.transfers + other.transfers,
                overlaps=self.overlaps + other.overlaps,
                targets=self.targets + other.targets,
                costs=self.costs + other.costs,
                inputs=self.inputs + other.inputs,
                has_costs=self.has_costs or other.has_costs,
                attracted=self.attracted + other.attracted,
                outcomes=_add_outcomes(self.outcomes, other.outcomes),
                benefits_unvalued=_union(self.benefits_unvalued, other.benefits_unvalued),
            )

    @property
    def raw_present_value(self) -> Decimal:
        """Present value before de-duplication, with transfers (delivered only, no targets)."""
        with calculation_context():
            return self.present_value + self.transfers + self.overlaps

    def npsv(self) -> Decimal | None:
        """Net present social value, PVB − PVC; ``None`` when no costs were given.

        References:
            HM Treasury, *The Green Book* (2022): NPSV = PVB − PVC.
        """
        if not self.has_costs:
            return None
        with calculation_context():
            return self.present_value - self.costs

    def bcr(self) -> Decimal | None:
        """Benefit–cost ratio, PVB ÷ PVC; ``None`` without costs or with costs of zero."""
        if not self.has_costs or self.costs <= 0:
            return None
        return benefit_cost_ratio(self.present_value, self.costs)

    def sroi(self) -> Decimal | None:
        """SROI ratio, present value ÷ value of inputs; ``None`` without positive inputs."""
        if not self.has_costs or self.inputs <= 0:
            return None
        return sroi_ratio(self.present_value, self.inputs)

    def net_sroi(self) -> Decimal | None:
        """Net SROI ratio, (present value − inputs) ÷ inputs; ``None`` without positive inputs."""
        if not self.has_costs or self.inputs <= 0:
            return None
        return net_sroi_ratio(self.present_value, self.inputs)

    def leverage(self) -> Decimal | None:
        """Funding attracted per £1 of inputs; ``None`` without inputs or funding attracted."""
        if not self.has_costs or self.inputs <= 0 or not self.attracted:
            return None
        return leverage_ratio(self.attracted, self.inputs)

    def cost_per_outcome(self) -> tuple[tuple[str, Decimal], ...]:
        """Inputs ÷ quantity delivered, for each outcome measure in :attr:`outcomes`.

        ``(measure, cost per outcome)`` pairs sorted by measure; empty without costs (or with
        inputs of zero). The inputs are the group's whole inputs: a group delivering several
        outcome measures gives each the whole cost, as the SROI Guide's and the Green Book's
        cost-effectiveness measures do (one ratio an outcome, never a share of the cost).

        References:
            HM Treasury, *Wellbeing guidance for appraisal* (2021), Box 10: cost per change in
            wellbeing = cost per person ÷ change per person.
        """
        if not self.has_costs or self.inputs <= 0:
            return ()
        return tuple(
            (measure, cost_per_outcome(self.inputs, quantity))
            for measure, quantity in self.outcomes
            if quantity > 0
        )


def _add_outcomes(
    first: tuple[tuple[str, Decimal], ...], second: tuple[tuple[str, Decimal], ...]
) -> tuple[tuple[str, Decimal], ...]:
    if not second:
        return first
    if not first:
        return second
    summed = dict(first)
    with calculation_context():
        for measure, quantity in second:
            summed[measure] = summed.get(measure, Decimal(0)) + quantity
    return tuple(sorted(summed.items()))


def _union(*measures: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted({measure for group in measures for measure in group}))


def _frozen_rows(rows: Mapping[tuple[str, ...], Totals]) -> Mapping[tuple[str, ...], Totals]:
    return MappingProxyType(dict(rows))


@attrs.frozen(kw_only=True)
class Rollup(Tabular):
    """Totals grouped by dimensions; see the module description.

    Attributes:
        by: The dimensions, in order.
        rows: Group key (one value per dimension) → :class:`Totals`.
        currency: The currency of every amount.
        methodology: The methodology the values come from.
        unvalued: How many deliveries could not be valued (a batch valued with
            ``unvalued="report"``); they are listed, with reasons, in the batch, and are in no
            total or count. An outcome among them still adds its quantity to its row's
            :attr:`Totals.outcomes` (the denominator of cost per outcome), so a row may hold
            nothing else: zero totals, a count of 0, and its outcomes.
    """

    by: tuple[str, ...]
    rows: Mapping[tuple[str, ...], Totals] = attrs.field(converter=_frozen_rows)
    currency: str = "GBP"
    methodology: MethodologyRef
    unvalued: int = 0

    @classmethod
    def of(
        cls,
        deliveries: Iterable[Delivery],
        methodology: Methodology,
        by: Sequence[str],
        *,
        unvalued: Literal["raise", "report"] = "raise",
        costs: Iterable[Cost] = (),
    ) -> Rollup:
        """Value deliveries (and costs) and roll them up by ``by`` in one call.

        >>> import socialvalue as sv
        >>> totals = sv.Rollup.of(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       by=("role",), unvalued="report")
        >>> totals.money("gross", ("commissioner",)).quantize(2)  # volunteering; no transfers
        Money(amount=Decimal('225718.40'), currency='GBP')
        >>> Money(totals.rows[("commissioner",)].transfers).quantize(2)  # kept beside it
        Money(amount=Decimal('2551943.68'), currency='GBP')
        """
        return _of(deliveries, methodology, by, unvalued=unvalued, costs=costs)

    @classmethod
    def from_batch(  # noqa: PLR0913 - a batch, its framework, and what to group and add
        cls,
        batch: ValuationBatch,
        framework: Framework,
        by: Sequence[str],
        *,
        currency: str = "GBP",
        costs: Iterable[CostValuation] = (),
        leverage_measures: Sequence[str] = (),
    ) -> Rollup:
        """Roll up an already valued batch; its ``by`` must include the delivery dimensions.

        ``costs`` are valued costs (:func:`~socialvalue.valuation.value_cost`); they can be
        grouped by project, contract, role, period, financial year, geography and status, not
        by a dimension of the framework (a cost has no measure).

        Raises:
            RollupError: a dimension that does not exist, one the batch was not grouped by, or
                one costs cannot be grouped by.
        """
        return _from_batch(
            batch,
            framework,
            by,
            currency=currency,
            costs=costs,
            leverage_measures=leverage_measures,
        )

    MONEY_COLUMNS: ClassVar[frozenset[str]] = frozenset(
        {
            "gross",
            "net",
            "present_value",
            "transfers",
            "overlaps",
            "targets",
            "pvc",
            "inputs",
            "npsv",
            "attracted",
        }
    )
    #: Ratios: exact, and like money rounded to ``places`` when a table is asked for rounded
    #: (an exact quotient can need more digits than Arrow holds).
    RATIO_COLUMNS: ClassVar[frozenset[str]] = frozenset({"bcr", "sroi", "net_sroi", "leverage"})
    DECIMAL_COLUMNS: ClassVar[frozenset[str]] = frozenset({"quantity"})
    #: The prefix of the cost-per-outcome columns, one a measure: ``cost_per_outcome:LCR-INV-1``.
    COST_PER_OUTCOME: ClassVar[str] = "cost_per_outcome:"

    def __iter__(self) -> Iterator[tuple[tuple[str, ...], Totals]]:
        return iter(sorted(self.rows.items()))

    def to_records(self) -> list[Record]:
        """A record per key, in key order: the dimensions, then exact totals and counts.

        Every record has the de-duplicated ``gross``, ``net`` and ``present_value`` (PVB),
        what was kept out of them (``transfers``, ``overlaps``, ``targets``), and the appraisal
        columns: ``pvc``, ``inputs``, ``npsv``, ``bcr``, ``sroi``, ``net_sroi``,
        ``attracted`` and ``leverage`` (``None`` where a group has no costs, or a ratio no
        meaning); ``benefits_unvalued``, the outcome measures delivered but not valued in money
        (comma-separated; ``None`` if none), which the ratios leave out; a group with costs
        adds a ``cost_per_outcome:<measure>`` column for each outcome measure it delivered
        (:meth:`Totals.cost_per_outcome`). ``quantity`` only
        when the rollup is by measure (quantities of different measures do not add up).
        ``to_arrow()``, ``to_polars()`` and ``to_pandas()`` give the same rows as a table
        (see :class:`socialvalue.tabular.Tabular`); ``places`` rounds money and ratios, and
        without it a table carries the ratios and costs per outcome to 30 decimal places
        (:meth:`table_records`), so a rollup with costs goes to Arrow, polars or pandas as it is.
        """
        records = []
        methodology = str(self.methodology)
        for key, totals in self:
            record: Record = dict(zip(self.by, key, strict=True))
            record.update(
                {
                    "gross": totals.gross,
                    "net": totals.net,
                    "present_value": totals.present_value,
                    "transfers": totals.transfers,
                    "overlaps": totals.overlaps,
                    "targets": totals.targets,
                    "pvc": totals.costs if totals.has_costs else None,
                    "inputs": totals.inputs if totals.has_costs else None,
                    "npsv": totals.npsv(),
                    "bcr": totals.bcr(),
                    "sroi": totals.sroi(),
                    "net_sroi": totals.net_sroi(),
                    "attracted": totals.attracted if totals.has_costs else None,
                    "leverage": totals.leverage(),
                    "benefits_unvalued": ", ".join(totals.benefits_unvalued) or None,
                    "count": totals.count,
                    "valued": totals.valued,
                    "monetised": totals.monetised,
                    "currency": self.currency,
                    "methodology": methodology,
                }
            )
            for measure, cost in totals.cost_per_outcome():
                record[f"{self.COST_PER_OUTCOME}{measure}"] = cost
            if "measure" in self.by:
                record["quantity"] = totals.quantity
            records.append(record)
        return records

    def table_records(self, places: int | None) -> list[Record]:
        """:meth:`to_records`, with quotients carried to a fixed number of places for a table.

        Ratios and costs per outcome are quotients, carried to 100 significant digits — more
        than Arrow (76) or polars (38) decimals hold. A table asked for without ``places`` carries
        them to :data:`~socialvalue.valuation.UNIT_VALUE_PLACES` (30) decimal places, half to
        even, as unit values are; with ``places`` they are rounded once, with the money.
        """
        records = self.to_records()
        if places is not None:
            return records
        exponent = Decimal(1).scaleb(-UNIT_VALUE_PLACES)
        carried = []
        with calculation_context():
            for record in records:
                copy = dict(record)
                for name, value in record.items():
                    if isinstance(value, Decimal) and self._is_quotient(name):
                        copy[name] = value.quantize(exponent, rounding=ROUND_HALF_EVEN)
                carried.append(copy)
        return carried

    def _is_quotient(self, name: str) -> bool:
        return name in self.RATIO_COLUMNS or name.startswith(self.COST_PER_OUTCOME)

    def exact_columns(self, records: Sequence[Record]) -> tuple[frozenset[str], frozenset[str]]:
        """The exact columns: money and ratios (rounded alike), and quantities.

        Every ``cost_per_outcome:<measure>`` column of ``records`` is money.
        """
        per_outcome = {
            name for record in records for name in record if name.startswith(self.COST_PER_OUTCOME)
        }
        return self.MONEY_COLUMNS | self.RATIO_COLUMNS | per_outcome, self.DECIMAL_COLUMNS

    def total(self) -> Totals:
        """The grand total over every row."""
        grand = Totals(quantity=None)
        for totals in self.rows.values():
            grand = grand + attrs.evolve(totals, quantity=None)
        return grand

    def below(self, share: Decimal) -> tuple[tuple[tuple[str, ...], Totals, Decimal], ...]:
        """A materiality screen: rows whose present value is below ``share`` of the total.

        Lists, never removes: each row with its totals and its share of the total present value
        (rows of no value, and a total of zero or less, give nothing to screen).

        >>> import socialvalue as sv
        >>> rolled = sv.Rollup.of(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       by=("measure",), unvalued="report")
        >>> [key for key, _, _ in rolled.below(Decimal("0.1"))]  # each under 10% of the total
        [('LCR-SKL-1',), ('LCR-SKL-6',)]
        """
        total = self.total().present_value
        if total <= 0:
            return ()
        found = []
        with calculation_context():
            for key, totals in self:
                if totals.present_value > 0 and totals.present_value / total < share:
                    found.append((key, totals, totals.present_value / total))
        return tuple(found)

    def money(self, field: str, key: tuple[str, ...] | None = None) -> Money:
        """A total as :class:`~socialvalue.Money`: of one row, or of all rows."""
        totals = self.total() if key is None else self.rows[key]
        return Money(getattr(totals, field), self.currency)

    def merge(self, other: Rollup) -> Rollup:
        """This rollup and another as one (exact; associative and commutative).

        Raises:
            RollupError: different dimensions, currencies or methodologies.
        """
        if other.by != self.by:
            raise RollupError(f"cannot merge a rollup by {other.by} into one by {self.by}")
        if other.currency != self.currency:
            raise RollupError(f"cannot merge {other.currency} totals into {self.currency} ones")
        if other.methodology.content_hash != self.methodology.content_hash:
            raise RollupError(
                f"cannot merge rollups valued with different methodologies "
                f"({self.methodology} and {other.methodology})"
            )
        rows = dict(self.rows)
        for key, totals in other.rows.items():
            rows[key] = rows[key] + totals if key in rows else totals
        return Rollup(
            by=self.by,
            rows=rows,
            currency=self.currency,
            methodology=self.methodology,
            unvalued=self.unvalued + other.unvalued,
        )

    def regroup(self, by: Sequence[str]) -> Rollup:
        """The same totals grouped by a subset of this rollup's dimensions."""
        missing = [d for d in by if d not in self.by]
        if missing:
            raise RollupError(f"cannot regroup by {', '.join(missing)}: not in {self.by}")
        positions = [self.by.index(d) for d in by]
        rows: dict[tuple[str, ...], Totals] = {}
        for key, totals in self.rows.items():
            new_key = tuple(key[p] for p in positions)
            kept = totals if "measure" in by else attrs.evolve(totals, quantity=None)
            rows[new_key] = rows[new_key] + kept if new_key in rows else kept
        return Rollup(
            by=tuple(by),
            rows=rows,
            currency=self.currency,
            methodology=self.methodology,
            unvalued=self.unvalued,
        )


def _check_dimensions(by: Sequence[str]) -> None:
    unknown = [d for d in by if d not in _DIMENSIONS]
    if unknown:
        raise RollupError(
            f"cannot group by {', '.join(unknown)}; choose from {', '.join(_DIMENSIONS)}"
        )


def _pillar(code: str, framework: Framework) -> str:
    if "pillar" not in _dims(framework):
        return ""
    return ",".join(framework.tag_values(code, "pillar"))


_FROM_FRAMEWORK: dict[str, Callable[[str, Framework], str]] = {
    "measure": lambda code, _framework: code,
    "theme": lambda code, framework: framework.theme_of(code).code,
    "outcome": lambda code, framework: framework.outcome_of(code).code,
    "pillar": _pillar,
    "value_type": lambda code, framework: framework.measure(code).value_type.value,
}


def _value_of(  # noqa: PLR0911 - one source of a dimension's value a branch
    dimension: str,
    group: GroupValuation | UnvaluedGroup,
    batch_by: tuple[str, ...],
    framework: Framework,
) -> str:
    if (
        dimension == "value_type"
        and isinstance(group, GroupValuation)
        and group.unit.lookup is not None
    ):
        override = group.unit.lookup.value.value_type  # the proxy may classify it differently
        if override is not None:
            return override.value
    if dimension in _FROM_FRAMEWORK:
        return _FROM_FRAMEWORK[dimension](group.key.measure, framework)
    if dimension == "period":
        return group.key.period.label
    if dimension == "financial_year":
        return FinancialYear.containing(group.key.period.start).label
    if dimension == "geography":
        return group.key.geography
    if dimension == "status":
        return group.status.value
    value = group.by[batch_by.index(dimension)]
    return "" if value is None else str(value)


def _dims(framework: Framework) -> set[str]:
    return {dimension.id for dimension in framework.dimensions}


_COST_DIMENSIONS = ("project", "contract", "role", "period", "financial_year", "geography")


def _cost_key(cost: CostValuation, by: Sequence[str]) -> tuple[str, ...]:
    unknown = [d for d in by if d not in _COST_DIMENSIONS]
    if unknown:
        raise RollupError(
            f"costs cannot be grouped by {', '.join(unknown)} (a cost has no measure); "
            f"group by {', '.join(_COST_DIMENSIONS)}"
        )
    values: list[str] = []
    for dimension in by:
        if dimension == "period":
            values.append(cost.cost.period.label)
        elif dimension == "financial_year":
            values.append(FinancialYear.containing(cost.cost.period.start).label)
        else:
            value = getattr(cost.cost, dimension)
            values.append("" if value is None else str(value))
    return tuple(values)


def _is_outcome(code: str, framework: Framework) -> bool:
    """An outcome for cost per outcome: counted in its own unit, not money; not a transfer."""
    measure = framework.measure(code)
    return (
        measure.value_type is not ValueType.TRANSFER
        and framework.unit(measure.unit).currency is None
    )


def _outcomes(
    group: GroupValuation | UnvaluedGroup, framework: Framework
) -> tuple[tuple[str, Decimal], ...]:
    if group.status is not DeliveryStatus.DELIVERED or not _is_outcome(
        group.key.measure, framework
    ):
        return ()
    return ((group.key.measure, group.quantity),)


def _group_totals(
    group: GroupValuation,
    currency: str,
    framework: Framework,
    *,
    with_quantity: bool,
    leverage: Sequence[str],
) -> Totals:
    outcomes = _outcomes(group, framework)
    monetised = group.unit.monetised and group.unit.currency == currency
    present = group.present_value.amount if monetised and group.present_value else Decimal(0)
    # An outcome delivered without a £ value (record-only, or no present value) is counted
    # and in no total: the group's ratios leave it out, and say so.
    # A value of £0 (a quantity of 0) is a value: only a missing one leaves the outcome unvalued.
    valued = monetised and group.present_value is not None
    unvalued = tuple(measure for measure, _ in outcomes) if not valued else ()
    delivered = group.status is DeliveryStatus.DELIVERED
    attracted = (
        group.gross.amount
        if delivered and monetised and group.gross and group.key.measure in leverage
        else Decimal(0)
    )
    if not group.counted:
        return Totals(
            count=group.count,
            quantity=group.quantity if with_quantity and delivered else None,
            transfers=present if group.reason.startswith(TRANSFER_REASON) else Decimal(0),
            targets=present if group.reason == TARGET_REASON else Decimal(0),
            overlaps=(
                present
                if delivered and group.overlaps and not group.reason.startswith(TRANSFER_REASON)
                else Decimal(0)
            ),
            attracted=attracted,
            outcomes=outcomes,
            benefits_unvalued=unvalued,
        )
    return Totals(
        gross=group.gross.amount if monetised and group.gross else Decimal(0),
        net=group.net.amount if monetised and group.net else Decimal(0),
        present_value=present,
        count=group.count,
        valued=group.count if monetised else 0,
        quantity=group.quantity if with_quantity else None,
        monetised=monetised,
        attracted=attracted,
        outcomes=outcomes,
        benefits_unvalued=unvalued,
    )


def _summed(parts: Sequence[Totals]) -> Totals:
    """The sum of many totals in one pass: what ``sum`` with ``+`` gives, without the steps."""
    if len(parts) == 1:
        return parts[0]
    fields = (
        "gross", "net", "present_value", "transfers", "overlaps", "targets", "costs", "inputs",
        "attracted",
    )  # fmt: skip
    with calculation_context():
        sums = {name: sum((getattr(p, name) for p in parts), Decimal(0)) for name in fields}
        quantities = [p.quantity for p in parts if p.quantity is not None]
        return Totals(
            **sums,
            count=sum(p.count for p in parts),
            valued=sum(p.valued for p in parts),
            quantity=sum(quantities, Decimal(0)) if quantities else None,
            monetised=any(p.monetised for p in parts),
            has_costs=any(p.has_costs for p in parts),
            outcomes=functools.reduce(_add_outcomes, (p.outcomes for p in parts), ()),
            benefits_unvalued=_union(*(p.benefits_unvalued for p in parts)),
        )


def _from_batch(  # noqa: PLR0913 - one rollup, its inputs
    batch: ValuationBatch,
    framework: Framework,
    by: Sequence[str],
    *,
    currency: str = "GBP",
    costs: Iterable[CostValuation] = (),
    leverage_measures: Sequence[str] = (),
) -> Rollup:
    _check_dimensions(by)
    needed = [d for d in by if _DIMENSIONS[d] == "delivery" and d != "geography"]
    missing = [d for d in needed if d not in batch.by]
    if missing:
        raise RollupError(
            f"the batch was not valued by {', '.join(missing)}: pass by={tuple(needed)} to "
            "value_many"
        )
    with_quantity = "measure" in by
    found: dict[tuple[str, ...], list[Totals]] = {}
    for group in batch.groups:
        key = tuple(_value_of(d, group, batch.by, framework) for d in by)
        totals = _group_totals(
            group, currency, framework, with_quantity=with_quantity, leverage=leverage_measures
        )
        found.setdefault(key, []).append(totals)
    for unvalued in batch.unvalued:
        # Not valued, so in no total; but an outcome delivered is a cost-per-outcome
        # denominator (a row may hold nothing else).
        outcomes = _outcomes(unvalued, framework)
        if outcomes:
            key = tuple(_value_of(d, unvalued, batch.by, framework) for d in by)
            found.setdefault(key, []).append(
                Totals(
                    outcomes=outcomes,
                    quantity=Decimal(0) if with_quantity else None,
                    benefits_unvalued=tuple(measure for measure, _ in outcomes),
                )
            )
    rows = {key: _summed(parts) for key, parts in found.items()}
    for cost in costs:
        if cost.real.currency != currency:
            raise RollupError(f"a cost in {cost.real.currency} cannot join {currency} totals")
        key = _cost_key(cost, by)
        # No quantity: a rollup with costs is never by measure (_cost_key refuses it).
        totals = Totals(costs=cost.present_value.amount, inputs=cost.real.amount, has_costs=True)
        rows[key] = rows[key] + totals if key in rows else totals
    return Rollup(
        by=tuple(by),
        rows=rows,
        currency=currency,
        methodology=batch.methodology,
        unvalued=sum(group.count for group in batch.unvalued),
    )


def _of(
    deliveries: Iterable[Delivery],
    methodology: Methodology,
    by: Sequence[str],
    *,
    unvalued: Literal["raise", "report"],
    costs: Iterable[Cost],
) -> Rollup:
    _check_dimensions(by)
    batch_by = tuple(d for d in by if _DIMENSIONS[d] == "delivery" and d != "geography")
    batch = value_many(deliveries, methodology, by=batch_by, unvalued=unvalued)
    valued = [value_cost(cost, methodology) for cost in costs]
    return _from_batch(
        batch,
        methodology.framework,
        by,
        costs=valued,
        # Funding attracted is only a ratio's numerator: it is tallied when there are inputs.
        leverage_measures=methodology.leverage_measures if valued else (),
    )
