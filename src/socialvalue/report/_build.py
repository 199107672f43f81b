"""Build a :class:`~socialvalue.report.Report` from deliveries, a methodology and commitments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.batch import ValuationBatch, value_many
from socialvalue.commitments import Commitment, ProgressUpdate
from socialvalue.deliveries import Cost, Delivery
from socialvalue.framework import Framework, ValuationKind
from socialvalue.indicators import sroi_ratio
from socialvalue.methodology import Methodology
from socialvalue.money import Money
from socialvalue.report._appraisal import appraisal_parts
from socialvalue.report._format import Formatter
from socialvalue.report._model import (
    Column,
    CommitmentLine,
    Exclusion,
    Headline,
    Indicator,
    Report,
    Table,
    TraceEntry,
)
from socialvalue.rollup import Rollup
from socialvalue.tracking import RagRules, track

__all__ = ["ReportOptions", "build_report"]

_BY = ("role", "project")


@attrs.frozen(kw_only=True)
class ReportOptions:
    """What a report shows beyond the standard tables (all optional).

    Args:
        headline_measures: Measures whose quantities are headline figures (framework order if
            empty: every measure delivered in a people, employment, time or count unit, up to 8).
        contracts_measure: The record-only measure counting contracts in scope (LCRCA:
            ``LCR-PRC-1``) and ``contracts_with_value_measure``, those with social value
            (``LCR-PRC-2``): their ratio is the share of contracts that include social value.
        local_spend_measures: Measures counting £ spent with local and community suppliers;
            with ``total_spend`` they give the share of spend retained locally.
        total_spend: The authority's total spend in the period, for that share.
        inputs: £ invested per project, for an SROI ratio per project (present value ÷ inputs).
    """

    headline_measures: tuple[str, ...] = ()
    contracts_measure: str | None = None
    contracts_with_value_measure: str | None = None
    local_spend_measures: tuple[str, ...] = ()
    total_spend: Money | None = None
    inputs: Mapping[str, Money] = attrs.field(factory=dict)


def _role_title(framework: Framework, code: str) -> str:
    codes = framework.dimension_codes("role") or ()
    if code in codes:
        return framework.dimension("role").value(code).title
    return code or "(no role)"


def _trace(
    batch: ValuationBatch,
    deliveries: Sequence[Delivery],
    methodology: Methodology,
    formatter: Formatter,
) -> tuple[TraceEntry, ...]:
    entries = []
    framework = methodology.framework
    for number, group in enumerate(batch.groups, start=1):
        found = [deliveries[index] for index in group.members]
        evidence = tuple(dict.fromkeys(e for d in found for e in d.evidence))
        projects = tuple(dict.fromkeys(d.project for d in found if d.project))
        entries.append(
            TraceEntry(
                id=f"T{number}",
                measure=group.key.measure,
                title=framework.measure(group.key.measure).title,
                period=group.key.period.label,
                geography=group.key.geography,
                quantity=group.quantity,
                deliveries=group.count,
                projects=projects,
                evidence=evidence,
                present_value=group.present_value,
                working=group.explain(methodology.ref, places=formatter.rounding.places),
            )
        )
    return tuple(entries)


def _money_table(
    name: str, first: Column, rolled: Rollup, label: Mapping[str, str], f: Formatter
) -> Table:
    columns = (
        first,
        Column(key="deliveries", label=f.label("deliveries"), kind="count"),
        Column(key="gross", label=f.label("gross"), kind="money"),
        Column(key="net", label=f.label("net"), kind="money"),
        Column(key="present_value", label=f.label("present_value"), kind="money"),
    )
    rows = []
    for (code,), totals in rolled:
        if not totals.monetised:
            continue
        rows.append(
            (
                label.get(code, code),
                totals.valued,
                Money(totals.gross, rolled.currency),
                Money(totals.net, rolled.currency),
                Money(totals.present_value, rolled.currency),
            )
        )
    grand = rolled.total()
    total = (
        f.label("total"),
        sum(row[1] for row in rows),
        Money(grand.gross, rolled.currency),
        Money(grand.net, rolled.currency),
        Money(grand.present_value, rolled.currency),
    )
    return Table(name=name, title=f.label(name), columns=columns, rows=tuple(rows), total=total)


def build_report(  # noqa: PLR0913 - a report has many optional inputs
    deliveries: Iterable[Delivery],
    methodology: Methodology,
    *,
    title: str,
    authority: str,
    period: str,
    formatter: Formatter | None = None,
    commitments: Sequence[Commitment] = (),
    updates: Sequence[ProgressUpdate] = (),
    assess_on: dt.date | None = None,
    options: ReportOptions | None = None,
    generated: dt.date | None = None,
    costs: Sequence[Cost] = (),
) -> Report:
    """Build the report, with the trace of every figure.

    Headline figures, tables by role, theme and measure, indicators, commitments' status and
    notes on method.

    The headline total is the de-duplicated, delivered, non-transfer total: targets, transfers
    (unless the methodology counts them) and overlaps excluded under the methodology's policy
    are listed in :attr:`Report.exclusions` (and the ``excluded`` table) with their amounts and
    reasons, and their sums are headlines of their own. With ``costs``, every project that has
    costs gets PVB, PVC, NPSV, BCR, SROI, net SROI and its leverage ratio
    (:attr:`Report.appraisal`, the ``appraisal`` table) and a cost per outcome.

    Deliveries that cannot be valued are listed in a table of their own, never counted as £0.

    >>> import socialvalue as sv
    >>> from socialvalue.report import build_report
    >>> report = build_report(sv.io.example_deliveries(), sv.default_methodology(),
    ...                       title="Social Value Annual Report", authority="LCRCA",
    ...                       period="2022/23", generated=dt.date(2026, 1, 1))
    >>> report.headlines[0].amount.quantize(2)
    Money(amount=Decimal('241795.20'), currency='GBP')
    """
    options = options or ReportOptions()
    f = formatter or Formatter(rounding=methodology.rounding)
    framework = methodology.framework
    items = list(deliveries)
    batch = value_many(items, methodology, by=_BY, unvalued="report")
    by_role = Rollup.from_batch(batch, framework, ("role",))
    by_theme = Rollup.from_batch(batch, framework, ("theme",))
    by_measure = Rollup.from_batch(batch, framework, ("measure",))
    by_project = Rollup.from_batch(batch, framework, ("project",))
    trace = _trace(batch, items, methodology, f)
    trace_of: dict[str, list[str]] = {}
    for entry in trace:
        trace_of.setdefault(entry.measure, []).append(entry.id)

    roles = {code: _role_title(framework, code) for ((code,), _) in by_role}
    themes = {theme.code: theme.title for theme in framework.themes}
    tables = [
        _money_table("by_role", Column(key="role", label=f.label("role")), by_role, roles, f),
        _money_table("by_theme", Column(key="theme", label=f.label("theme")), by_theme, themes, f),
    ]
    measure_rows = []
    recorded_rows = []
    for (code,), totals in by_measure:
        measure = framework.measure(code)
        unit = framework.unit(measure.unit).label
        if totals.monetised:
            measure_rows.append(
                (
                    code,
                    measure.title,
                    totals.quantity,
                    unit,
                    Money(totals.gross, by_measure.currency),
                    Money(totals.net, by_measure.currency),
                    Money(totals.present_value, by_measure.currency),
                )
            )
        elif measure.valuation is ValuationKind.RECORD_ONLY:
            recorded_rows.append((code, measure.title, totals.quantity, unit))
        # Valued but not counted (targets, transfers, overlaps): in the "excluded" table.
    grand = by_measure.total()
    tables.append(
        Table(
            name="by_measure",
            title=f.label("by_measure"),
            columns=(
                Column(key="measure", label=f.label("measure")),
                Column(key="title", label=""),
                Column(key="quantity", label=f.label("quantity"), kind="quantity"),
                Column(key="unit", label=f.label("unit")),
                Column(key="gross", label=f.label("gross"), kind="money"),
                Column(key="net", label=f.label("net"), kind="money"),
                Column(key="present_value", label=f.label("present_value"), kind="money"),
            ),
            rows=tuple(measure_rows),
            total=(
                f.label("total"),
                "",
                None,
                "",
                Money(grand.gross, by_measure.currency),
                Money(grand.net, by_measure.currency),
                Money(grand.present_value, by_measure.currency),
            ),
        )
    )
    tables.append(
        Table(
            name="recorded",
            title=f.label("recorded"),
            columns=(
                Column(key="measure", label=f.label("measure")),
                Column(key="title", label=""),
                Column(key="quantity", label=f.label("quantity"), kind="quantity"),
                Column(key="unit", label=f.label("unit")),
            ),
            rows=tuple(recorded_rows),
        )
    )
    tables.append(
        Table(
            name="not_valued",
            title=f.label("not_valued"),
            columns=(
                Column(key="measure", label=f.label("measure")),
                Column(key="period", label=f.label("period")),
                Column(key="quantity", label=f.label("quantity"), kind="quantity"),
                Column(key="deliveries", label=f.label("deliveries"), kind="count"),
                Column(key="reason", label=f.label("reason")),
            ),
            rows=tuple(
                (u.key.measure, u.key.period.label, u.quantity, u.count, u.reason)
                for u in batch.unvalued
            ),
        )
    )

    headlines = [
        Headline(
            key="total_present_value",
            label=f.label("total_present_value"),
            amount=batch.total_present_value(),
            trace=tuple(
                entry.id
                for entry, group in zip(trace, batch.groups, strict=True)
                if entry.present_value is not None and group.counted
            ),
        ),
        Headline(key="gross", label=f.label("gross"), amount=batch.total_gross()),
        Headline(key="net", label=f.label("net"), amount=batch.total_net()),
    ]
    exclusions, appraisal, appraisal_tables, per_outcome = appraisal_parts(
        batch, items, methodology, costs, f
    )
    headlines.extend(_left_out(exclusions, f))
    tables.extend(appraisal_tables)
    # Quantities of every measure delivered, valued or not: jobs count even without a proxy.
    quantities: dict[str, Decimal | None] = {}
    with calculation_context():
        for delivery in items:
            quantities[delivery.measure] = (
                quantities.get(delivery.measure) or Decimal(0)
            ) + delivery.quantity
    chosen = (
        options.headline_measures
        or tuple(
            code
            for code in framework.measure_codes()
            if code in quantities
            and framework.unit_of(code).kind.value in ("people", "employment", "time", "count")
        )[:8]
    )
    for code in chosen:
        if code in quantities and quantities[code] is not None:
            measure = framework.measure(code)
            headlines.append(
                Headline(
                    key=code,
                    label=measure.title,
                    quantity=quantities[code],
                    unit=framework.unit(measure.unit).label,
                    trace=tuple(trace_of.get(code, ())),
                )
            )

    indicators = (*_indicators(options, by_project, quantities, f), *per_outcome)
    commitment_lines: tuple[CommitmentLine, ...] = ()
    if commitments:
        on = assess_on or max(
            (d.period.end for d in items), default=generated or dt.datetime.now(tz=dt.UTC).date()
        )
        progress, _ = track(commitments, updates, items, on=on, rules=RagRules())
        commitment_lines = tuple(
            CommitmentLine(
                id=p.commitment.id,
                title=p.commitment.title,
                role=_role_title(framework, p.commitment.role or ""),
                kind=p.commitment.kind.replace("_", " "),
                rag=p.rag.value.replace("_", " "),
                reasons="; ".join(p.reasons),
            )
            for p in progress
        )
    notes = _notes(methodology, batch)
    return Report(
        title=title,
        authority=authority,
        period=period,
        methodology=methodology.ref,
        methodology_title=methodology.title,
        price_base=methodology.price_base.label if methodology.price_base else None,
        rounding=f.rounding,
        generated=generated or dt.datetime.now(tz=dt.UTC).date(),
        headlines=tuple(headlines),
        tables=tuple(tables),
        indicators=indicators,
        commitments=commitment_lines,
        notes=notes,
        trace=trace,
        exclusions=exclusions,
        appraisal=appraisal,
    )


def _left_out(exclusions: Sequence[Exclusion], f: Formatter) -> list[Headline]:
    """Headlines for what the total leaves out: transfers, targets, overlaps (when any £)."""
    left_out = {"transfer": Money.zero(), "target": Money.zero(), "overlap": Money.zero()}
    for exclusion in exclusions:
        if exclusion.kind in left_out and exclusion.present_value is not None:
            left_out[exclusion.kind] += exclusion.present_value
    return [
        Headline(key=key, label=f.label(key), amount=left_out[kind])
        for kind, key in (
            ("transfer", "transfers_total"),
            ("target", "targets_total"),
            ("overlap", "overlaps_total"),
        )
        if left_out[kind].amount
    ]


def _indicators(
    options: ReportOptions,
    by_project: Rollup,
    quantities: Mapping[str, Decimal | None],
    f: Formatter,
) -> tuple[Indicator, ...]:
    found: list[Indicator] = []
    with calculation_context():
        contracts = quantities.get(options.contracts_measure or "")
        with_value = quantities.get(options.contracts_with_value_measure or "")
        if contracts and with_value is not None:
            found.append(
                Indicator(
                    key="contracts_with_social_value",
                    label="Contracts in scope that include social value",
                    value=with_value / contracts,
                    kind="percent",
                    basis=f"{options.contracts_with_value_measure} ÷ {options.contracts_measure}: "
                    f"{with_value} of {contracts}",
                )
            )
        if options.total_spend is not None and options.local_spend_measures:
            local = sum(
                (quantities.get(code) or Decimal(0) for code in options.local_spend_measures),
                Decimal(0),
            )
            if options.total_spend.amount > 0:
                found.append(
                    Indicator(
                        key="local_spend_share",
                        label="Spend with local and community suppliers, share of spend",
                        value=local / options.total_spend.amount,
                        kind="percent",
                        basis=f"{' + '.join(options.local_spend_measures)} "
                        f"({f.number(local, 2)}) ÷ total spend "
                        f"({f.money(options.total_spend)})",
                    )
                )
    projects = {key[0]: totals for key, totals in by_project}
    for project, invested in sorted(options.inputs.items()):
        totals = projects.get(project)
        if totals is None or not totals.monetised:
            continue
        found.append(
            Indicator(
                key=f"sroi:{project}",
                label=f"SROI ratio, {project}",
                value=sroi_ratio(Money(totals.present_value, invested.currency), invested),
                kind="ratio",
                basis=f"present value {f.money(Money(totals.present_value))} ÷ inputs "
                f"{f.money(invested)}",
            )
        )
    return tuple(found)


def _notes(methodology: Methodology, batch: ValuationBatch) -> tuple[str, ...]:
    notes = [
        f"Every figure is valued with the methodology {methodology.ref}: {methodology.title}.",
    ]
    if methodology.price_base is not None and methodology.price_index is not None:
        notes.append(
            f"Amounts are in {methodology.price_base.label} prices, restated with "
            f"{methodology.price_index.title}."
        )
    default = methodology.additionality
    if default.net_factor() == 1 and not methodology.assumptions:
        notes.append(
            "No additionality assumptions are applied (no deadweight, displacement, leakage, "
            "substitution or attribution): net values equal gross values. They are an upper "
            "bound on the value that is additional."
        )
    else:
        notes.append(
            "Net values apply the methodology's additionality assumptions (deadweight, "
            "leakage, displacement, substitution, attribution, multiplier); each figure's "
            "working in the appendix shows the factors used."
        )
    base = methodology.appraisal_base_year
    if base is None:
        notes.append(
            f"Present values discount persistence with {methodology.discount_schedule.title} "
            f"({methodology.discount_schedule.edition}), first year as "
            f"{methodology.year_convention.value.replace('_', ' ')}, from each outcome's own "
            "first year (no common appraisal base year)."
        )
    else:
        notes.append(
            f"Present values are discounted to the appraisal base year {base.label} with "
            f"{methodology.discount_schedule.title} ({methodology.discount_schedule.edition}), "
            "each year of a benefit or cost from its own year "
            f"({methodology.year_convention.value.replace('_', ' ')} convention); a value "
            f"before {base.label} is "
            + (
                "compounded forward to it at the schedule's rates."
                if methodology.before_base_year.value == "compound"
                else "refused (listed as not valued)."
            )
        )
    notes.append(
        "The headline total counts delivered outcomes only, once: targets and forecasts, "
        + (
            "and "
            if methodology.count_transfers
            else "transfers (money or resources moved, not created: Green Book) and "
        )
        + "overlapping measures excluded under the methodology's policy "
        f"('{methodology.overlap_policy.value}', same {', '.join(methodology.overlap_scope)}) "
        "are listed with their amounts and reasons, never added to it."
    )
    if batch.unvalued:
        notes.append(
            f"{sum(u.count for u in batch.unvalued)} deliveries could not be valued (no proxy "
            "value, or prices that could not be restated); they are listed and counted in no "
            "total."
        )
    if batch.extrapolated():
        notes.append(
            "Some proxy values were carried forward past their validity; the appendix marks them."
        )
    return tuple(notes)
