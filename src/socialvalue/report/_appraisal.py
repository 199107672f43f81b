"""The appraisal parts of a report: what is left out of the headline and why, and the ratios.

The headline total of a report is the de-duplicated, delivered, non-transfer total
(:meth:`~socialvalue.ValuationBatch.total_present_value`). This module lists every amount left
out of it — targets, transfers, overlaps — each with its reason, and, for projects with costs,
PVB, PVC, NPSV, BCR, SROI, net SROI, the leverage ratio and the cost per outcome; and, if the
methodology sets a materiality share, the outcomes below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from socialvalue._phrases import Phrase, phrase
from socialvalue.batch import TARGET_REASON, GroupValuation, UnvaluedGroup, ValuationBatch
from socialvalue.deliveries import Cost, DeliveryStatus
from socialvalue.framework import Framework
from socialvalue.methodology import Methodology
from socialvalue.money import Money
from socialvalue.report._model import AppraisalLine, Column, Exclusion, Indicator, Table
from socialvalue.rollup import Rollup
from socialvalue.valuation import CostValuation, value_cost

__all__ = ["appraisal_parts"]


def _kind(reason: str, counted: bool) -> str:
    if reason == TARGET_REASON:
        return "target"
    if reason.startswith("a transfer"):
        return "transfer"
    return "overlap kept" if counted else "overlap"


def _by(group: GroupValuation | UnvaluedGroup, batch: ValuationBatch, name: str) -> str:
    """A grouping attribute of a group (``""`` when the batch was not grouped by it)."""
    if name not in batch.by:
        return ""
    value = group.by[batch.by.index(name)]
    return "" if value is None else str(value)


def _exclusions(batch: ValuationBatch, methodology: Methodology) -> tuple[Exclusion, ...]:
    framework = methodology.framework
    found: list[Exclusion] = []
    for group in batch.groups:
        if group.counted and not group.overlaps:
            continue
        found.append(
            _exclusion(
                group,
                batch,
                framework,
                kind=_kind(group.reason, group.counted),
                overlaps=group.overlaps,
                present_value=group.present_value,
                reason=group.reason_phrase,
            )
        )
    scope = ", ".join(methodology.overlap_scope)
    for unvalued in batch.unvalued:
        if unvalued.status is not DeliveryStatus.DELIVERED:
            reason = phrase(
                "reason_target_unvalued", reason=unvalued.reason_phrase or unvalued.reason
            )
            found.append(_exclusion(unvalued, batch, framework, kind="target", reason=reason))
        elif unvalued.overlaps:
            reason = phrase("reason_overlap_unvalued", overlaps=unvalued.overlaps, scope=scope)
            found.append(
                _exclusion(
                    unvalued,
                    batch,
                    framework,
                    kind="overlap",
                    overlaps=unvalued.overlaps,
                    reason=reason,
                )
            )
    for possible, first in batch.possible_overlaps(framework):
        amount = (
            possible.present_value
            if isinstance(possible, GroupValuation) and possible.unit.monetised
            else None
        )
        found.append(
            _exclusion(
                possible,
                batch,
                framework,
                kind="possible overlap",
                overlaps=first,
                present_value=amount,
                reason=phrase(
                    "reason_possible_overlap_valued"
                    if amount is not None
                    else "reason_possible_overlap",
                    first=first,
                    scope=scope,
                ),
            )
        )
    return tuple(found)


def _project_totals(
    batch: ValuationBatch, methodology: Methodology, valued: Sequence[CostValuation]
) -> Rollup | None:
    if not valued:
        return None
    return Rollup.from_batch(
        batch,
        methodology.framework,
        ("project",),
        costs=valued,
        leverage_measures=methodology.leverage_measures,
    )


def _appraisal(rolled: Rollup | None, currency: str) -> tuple[AppraisalLine, ...]:
    if rolled is None:
        return ()
    lines = []
    for (project,), totals in rolled:
        if not totals.has_costs:
            continue
        npsv = totals.npsv()
        lines.append(
            AppraisalLine(
                project=project,
                pvb=Money(totals.present_value, currency),
                pvc=Money(totals.costs, currency),
                inputs=Money(totals.inputs, currency),
                npsv=Money(npsv if npsv is not None else Decimal(0), currency),
                bcr=totals.bcr(),
                sroi=totals.sroi(),
                net_sroi=totals.net_sroi(),
                attracted=Money(totals.attracted, currency),
                leverage=totals.leverage(),
                transfers=Money(totals.transfers, currency),
                benefits_unvalued=totals.benefits_unvalued,
            )
        )
    return tuple(lines)


def _cost_per_outcome(rolled: Rollup | None) -> tuple[Indicator, ...]:
    """Inputs ÷ quantity delivered, per project with costs and outcome measure it delivered.

    The rollup's rule (:meth:`~socialvalue.rollup.Totals.cost_per_outcome`): outcomes are
    counted in their own units; measures counted in money, transfers and targets have none.
    """
    if rolled is None:
        return ()
    quantities = dict(rolled.rows)
    return tuple(
        Indicator(
            key="cost_per_outcome",
            kind="money",
            value=cost,
            numerator=Money(quantities[key].inputs, rolled.currency),
            denominator=dict(quantities[key].outcomes)[measure],
            denominator_measure=measure,
            subject=key[0],
        )
        for key, totals in rolled
        for measure, cost in totals.cost_per_outcome()
    )


def _tables(
    exclusions: Sequence[Exclusion],
    lines: Sequence[AppraisalLine],
    immaterial: Sequence[tuple[str, Money, Decimal]],
    valued: Sequence[CostValuation],
) -> tuple[Table, ...]:
    """The excluded, appraisal, costs and materiality tables (only those with rows)."""
    unvalued = any(line.benefits_unvalued for line in lines)
    tables = (
        Table(
            name="excluded",
            columns=(
                Column(key="measure", kind="code"),
                Column(key="project", kind="name"),
                Column(key="period", kind="period"),
                Column(key="quantity", kind="quantity"),
                Column(key="present_value", kind="money"),
                Column(key="kind", kind="label"),
                Column(key="reason"),
            ),
            rows=tuple(
                (
                    e.measure,
                    e.project,
                    e.period,
                    e.quantity,
                    e.present_value,
                    e.kind,
                    e.reason_phrase,
                )
                for e in exclusions
            ),
        ),
        Table(
            name="appraisal",
            columns=(
                Column(key="project", kind="name"),
                Column(key="pvb", kind="money"),
                Column(key="pvc", kind="money"),
                Column(key="npsv", kind="money"),
                Column(key="bcr", kind="ratio"),
                # Beside the ratio, where any project has benefits counted but not valued:
                # a BCR of 0.00 then means "not valued", not "no benefits".
                *((Column(key="benefits_unvalued", kind="code"),) if unvalued else ()),
                Column(key="inputs", kind="money"),
                Column(key="sroi", kind="ratio"),
                Column(key="net_sroi", kind="ratio"),
                Column(key="leverage", kind="ratio"),
            ),
            rows=tuple(
                (
                    line.project,
                    line.pvb,
                    line.pvc,
                    line.npsv,
                    line.bcr,
                    *((", ".join(line.benefits_unvalued),) if unvalued else ()),
                    line.inputs,
                    line.sroi,
                    line.net_sroi,
                    line.leverage,
                )
                for line in lines
            ),
        ),
        Table(
            name="costs",
            columns=(
                Column(key="project", kind="name"),
                Column(key="period", kind="period"),
                Column(key="category"),
                Column(key="bearer", kind="name"),
                Column(key="amount", kind="money"),
                Column(key="real", kind="money"),
                Column(key="present_value", kind="money"),
            ),
            rows=tuple(
                (
                    cost.cost.project,
                    cost.cost.period,
                    cost.cost.category.value,
                    cost.cost.bearer or None,
                    cost.cost.amount,
                    cost.real,
                    cost.present_value,
                )
                for cost in valued
            ),
        ),
        Table(
            name="immaterial",
            columns=(
                Column(key="measure", kind="code"),
                Column(key="present_value", kind="money"),
                Column(key="share", kind="percent"),
            ),
            rows=tuple(immaterial),
        ),
    )
    return tuple(table for table in tables if table.rows)


def _immaterial(
    batch: ValuationBatch, methodology: Methodology, currency: str
) -> tuple[tuple[str, Money, Decimal], ...]:
    share = methodology.materiality
    if share is None:
        return ()
    rolled = Rollup.from_batch(batch, methodology.framework, ("measure",), currency=currency)
    return tuple(
        (code, Money(totals.present_value, currency), part)
        for (code,), totals, part in rolled.below(share)
    )


def appraisal_parts(
    batch: ValuationBatch,
    methodology: Methodology,
    costs: Sequence[Cost],
    *,
    currency: str = "GBP",
) -> tuple[
    tuple[Exclusion, ...], tuple[AppraisalLine, ...], tuple[Table, ...], tuple[Indicator, ...]
]:
    """Exclusions, appraisal lines, their tables and the cost-per-outcome indicators."""
    exclusions = _exclusions(batch, methodology)
    valued = [value_cost(cost, methodology) for cost in costs]
    rolled = _project_totals(batch, methodology, valued)
    lines = _appraisal(rolled, currency)
    immaterial = _immaterial(batch, methodology, currency)
    tables = _tables(exclusions, lines, immaterial, valued)
    indicators = _cost_per_outcome(rolled)
    return exclusions, lines, tables, indicators


def _exclusion(  # noqa: PLR0913 - the group, and what is said of it
    group: GroupValuation | UnvaluedGroup,
    batch: ValuationBatch,
    framework: Framework,
    *,
    kind: str,
    reason: Phrase | None,
    overlaps: str = "",
    present_value: Money | None = None,
) -> Exclusion:
    """A group listed among the exclusions: what it is, where, and why it is there."""
    return Exclusion(
        measure=group.key.measure,
        title=framework.measure(group.key.measure).title,
        project=_by(group, batch, "project"),
        role=_by(group, batch, "role"),
        period=group.key.period,
        quantity=group.quantity,
        present_value=present_value,
        kind=kind,
        overlaps=overlaps,
        reason_phrase=reason,
    )
