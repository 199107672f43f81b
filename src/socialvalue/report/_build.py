"""Build a :class:`~socialvalue.report.Report` from deliveries, a methodology and commitments.

One builder per section; each returns data (numbers, :class:`~socialvalue.Money`, periods,
codes, dates and titles from the data) and no text of its own: renderers word and format it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue._phrases import Phrase, english
from socialvalue.batch import GroupValuation, UnvaluedGroup, ValuationBatch, value_many
from socialvalue.commitments import Commitment, ProgressUpdate
from socialvalue.deliveries import Cost, Delivery, DeliveryStatus
from socialvalue.framework import Framework, ValuationKind
from socialvalue.indicators import sroi_ratio
from socialvalue.methodology import Methodology
from socialvalue.money import Money
from socialvalue.report._appraisal import appraisal_parts
from socialvalue.report._model import (
    Column,
    CommitmentLine,
    Exclusion,
    Headline,
    Indicator,
    Note,
    Outcome,
    Report,
    RoleSummary,
    Spotlight,
    Table,
    TraceEntry,
)
from socialvalue.report._uncertainty import uncertainty_section
from socialvalue.rollup import Rollup
from socialvalue.spotlights import SpotlightText
from socialvalue.tracking import RagRules, track
from socialvalue.uncertainty import ScenarioTotals, scenarios, uncertain_inputs

__all__ = ["ReportOptions", "build_report"]

#: The batch is valued by role and project (a batch given to build_report must be too): the
#: figures by role and by project (spotlights) come straight from its groups.
#: What a report's batch is grouped by (at least): its tables by role and by project.
REPORT_BY = ("role", "project")


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
        uncertainty: Whether to add the uncertainty section: low, central and high scenarios,
            one-way sensitivity (the tornado) and, with ``target``, switching values
            (:mod:`socialvalue.uncertainty`).
        target: A total the present value is checked against: the switching value of each
            input is where the total would fall to it.
    """

    headline_measures: tuple[str, ...] = ()
    contracts_measure: str | None = None
    contracts_with_value_measure: str | None = None
    local_spend_measures: tuple[str, ...] = ()
    total_spend: Money | None = None
    inputs: Mapping[str, Money] = attrs.field(factory=dict)
    uncertainty: bool = False
    target: Money | None = None


def _role_title(framework: Framework, code: str) -> str | None:
    """The role's title in the framework, its code if the framework has no such role, or None."""
    codes = framework.dimension_codes("role") or ()
    if code in codes:
        return framework.dimension("role").value(code).title
    return code or None


def _projects(
    batch: ValuationBatch, group: GroupValuation, found: Sequence[Delivery]
) -> tuple[str, ...]:
    """The group's project when the batch is grouped by project (always, here), else members'."""
    if "project" in batch.by:
        project = group.by[batch.by.index("project")]
        return (project,) if isinstance(project, str) and project else ()
    return tuple(dict.fromkeys(d.project for d in found if d.project))


def _trace(
    batch: ValuationBatch,
    deliveries: Sequence[Delivery],
    framework: Framework,
    evidence: Sequence[tuple[str, ...]] | None = None,
) -> tuple[TraceEntry, ...]:
    """The appendix: one entry per valued group, with its working and evidence.

    A group's evidence is its members' (in order, each reference once), or ``evidence``'s
    entry for it when given (a batch from a frame has no members).
    """
    entries = []
    titles = {code: framework.measure(code).title for code in framework.measure_codes()}
    for number, group in enumerate(batch.groups, start=1):
        found = [deliveries[index] for index in group.members]
        references = (
            tuple(dict.fromkeys(e for d in found for e in d.evidence))
            if evidence is None
            else evidence[number - 1]
        )
        entries.append(
            TraceEntry(
                id=f"T{number}",
                measure=group.key.measure,
                title=titles[group.key.measure],
                period=group.key.period,
                geography=group.key.geography,
                quantity=group.quantity,
                deliveries=group.count,
                projects=_projects(batch, group, found),
                evidence=references,
                steps=group.unit.steps,
                currency=group.unit.currency,
                gross=group.gross,
                net=group.net,
                present_value=group.present_value,
            )
        )
    return tuple(entries)


def _money_table(
    name: str, first: Column, rolled: Rollup, titles: Mapping[str, str | None]
) -> Table:
    """Deliveries, gross, net and present value by one dimension; the total from unrounded sums."""
    columns = (
        first,
        Column(key="deliveries", kind="count"),
        Column(key="gross", kind="money"),
        Column(key="net", kind="money"),
        Column(key="present_value", kind="money"),
    )
    rows = []
    for (code,), totals in rolled:
        if not totals.monetised:
            continue
        rows.append(
            (
                titles.get(code, code),
                totals.valued,
                Money(totals.gross, rolled.currency),
                Money(totals.net, rolled.currency),
                Money(totals.present_value, rolled.currency),
            )
        )
    grand = rolled.total()
    total = (
        None,
        sum(row[1] for row in rows),
        Money(grand.gross, rolled.currency),
        Money(grand.net, rolled.currency),
        Money(grand.present_value, rolled.currency),
    )
    return Table(name=name, columns=columns, rows=tuple(rows), total=total)


def _rolled(batch: ValuationBatch, framework: Framework) -> Rollup:
    """One rollup by measure, role and theme, regrouped for each table (one pass of the groups)."""
    return Rollup.from_batch(batch, framework, ("measure", "role", "theme"))


def _role_table(rolled: Rollup, framework: Framework) -> Table:
    by_role = rolled.regroup(("role",))
    roles = {code: _role_title(framework, code) for ((code,), _) in by_role}
    return _money_table("by_role", Column(key="role", kind="name"), by_role, roles)


def _theme_table(rolled: Rollup, framework: Framework) -> Table:
    by_theme = rolled.regroup(("theme",))
    themes: dict[str, str | None] = {theme.code: theme.title for theme in framework.themes}
    return _money_table("by_theme", Column(key="theme", kind="name"), by_theme, themes)


def _measure_tables(
    batch: ValuationBatch, rolled: Rollup, framework: Framework
) -> tuple[Table, Table]:
    """Valued measures with their totals, and measures counted but never monetised."""
    by_measure = rolled.regroup(("measure",))
    currency = by_measure.currency
    carried = _carried_forward(batch)
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
                    *((carried.get(code),) if carried else ()),
                    Money(totals.gross, currency),
                    Money(totals.net, currency),
                    Money(totals.present_value, currency),
                )
            )
        elif measure.valuation is ValuationKind.RECORD_ONLY:
            recorded_rows.append((code, measure.title, totals.quantity, unit))
        # Valued but not counted (targets, transfers, overlaps): in the "excluded" table.
    measure_rows.sort(key=lambda row: (-row[-1].amount, row[0]))
    grand = by_measure.total()
    measures = (
        Column(key="measure", kind="code"),
        Column(key="title", kind="name"),
        Column(key="quantity", kind="quantity"),
        Column(key="unit"),
    )
    valued = Table(
        name="by_measure",
        columns=(
            *measures,
            *((Column(key="carried_forward", kind="quantity"),) if carried else ()),
            Column(key="gross", kind="money"),
            Column(key="net", kind="money"),
            Column(key="present_value", kind="money"),
        ),
        rows=tuple(measure_rows),
        total=(
            None,
            None,
            None,
            None,
            *((None,) if carried else ()),
            Money(grand.gross, currency),
            Money(grand.net, currency),
            Money(grand.present_value, currency),
        ),
    )
    return valued, Table(name="recorded", columns=measures, rows=tuple(recorded_rows))


def _carried_forward(batch: ValuationBatch) -> dict[str, Decimal]:
    """The quantity of each measure valued with a proxy carried forward past its validity.

    Empty when nothing was: the measure table then has no such column.
    """
    carried: dict[str, Decimal] = {}
    with calculation_context():
        for group in batch.extrapolated():
            code = group.key.measure
            carried[code] = carried.get(code, Decimal(0)) + group.quantity
    return carried


def _not_valued_table(batch: ValuationBatch, framework: Framework) -> Table:
    """What could not be valued, by measure and reason, with counts and quantities; in no total.

    Delivered groups only: a target that could not be valued is listed with the exclusions.

    One row per measure and reason (the periods and roles it spans are summed), the rows with
    the most deliveries first.
    """
    grouped: dict[tuple[str, str], list[Decimal | int]] = {}
    said: dict[tuple[str, str], Phrase | str] = {}
    with calculation_context():
        for missing in batch.unvalued:
            if missing.status is not DeliveryStatus.DELIVERED:
                continue  # a target: listed with the exclusions, never as counted
            key = (missing.key.measure, missing.reason)
            said.setdefault(key, missing.reason_phrase or missing.reason)
            entry = grouped.setdefault(key, [Decimal(0), 0, 0])
            entry[0] = Decimal(entry[0]) + missing.quantity
            entry[1] = int(entry[1]) + missing.count
            entry[2] = int(entry[2]) + 1
    rows = [
        (
            code,
            framework.measure(code).title,
            Decimal(quantity),
            framework.unit_of(code).label,
            int(count),
            said[code, reason],
        )
        for (code, reason), (quantity, count, _groups) in grouped.items()
    ]
    rows.sort(
        key=lambda row: (
            -row[4],
            row[0],
            english(row[5]) if isinstance(row[5], Phrase) else row[5],
        )
    )
    return Table(
        name="not_valued",
        columns=(
            Column(key="measure", kind="code"),
            Column(key="title", kind="name"),
            Column(key="quantity", kind="quantity"),
            Column(key="unit"),
            Column(key="deliveries", kind="count"),
            Column(key="reason"),
        ),
        rows=tuple(rows),
    )


def _outcomes(
    quantities: Mapping[str, Decimal],
    values: Mapping[str, Decimal],
    framework: Framework,
    currency: str,
    measures: Sequence[str] = (),
) -> tuple[Outcome, ...]:
    """Outcomes of some measures, largest present value first, then largest quantity."""
    found = []
    for code, quantity in quantities.items():
        if measures and code not in measures:
            continue
        measure = framework.measure(code)
        unit = framework.unit(measure.unit)
        value = values.get(code)
        found.append(
            Outcome(
                measure=code,
                title=measure.title,
                quantity=quantity,
                unit=unit.label,
                unit_kind=unit.kind.value,
                present_value=None if value is None else Money(value, currency),
            )
        )
    found.sort(
        key=lambda o: (
            -(o.present_value.amount if o.present_value is not None else Decimal(-1)),
            -o.quantity,
            o.measure,
        )
    )
    return tuple(found)


def _sums_by(
    items: Sequence[Delivery], batch: ValuationBatch, attribute: str
) -> tuple[dict[str, dict[str, Decimal]], dict[str, dict[str, Decimal]], dict[str, int]]:
    """Quantities, present values and delivery counts by one delivery attribute and measure.

    From the batch's groups when it was valued by ``attribute`` (a batch from a frame has no
    member deliveries); otherwise from the deliveries, each member's present value its quantity
    × its group's present value per unit (exact: value is linear in quantity).
    """
    quantities: dict[str, dict[str, Decimal]] = {}
    values: dict[str, dict[str, Decimal]] = {}
    counts: dict[str, int] = {}

    def add(table: dict[str, dict[str, Decimal]], name: str, measure: str, amount: Decimal) -> None:
        of = table.setdefault(name, {})
        of[measure] = of.get(measure, Decimal(0)) + amount

    with calculation_context():
        if attribute in batch.by:
            position = batch.by.index(attribute)
            groups: list[GroupValuation | UnvaluedGroup] = [*batch.groups, *batch.unvalued]
            for group in groups:
                name = str(group.by[position] or "")
                add(quantities, name, group.key.measure, group.quantity)
                counts[name] = counts.get(name, 0) + group.count
                if (
                    isinstance(group, GroupValuation)
                    and group.present_value is not None
                    and getattr(group, "counted", True)  # not targets, transfers, overlaps
                ):
                    add(values, name, group.key.measure, group.present_value.amount)
            return quantities, values, counts
        for delivery in items:
            name = getattr(delivery, attribute) or ""
            add(quantities, name, delivery.measure, delivery.quantity)
            counts[name] = counts.get(name, 0) + 1
        for valued in batch.groups:
            per_unit = valued.unit.present_value
            if valued.present_value is None or per_unit is None:
                continue
            if not getattr(valued, "counted", True):  # targets, transfers, overlaps
                continue
            for index in valued.members:
                delivery = items[index]
                name = getattr(delivery, attribute) or ""
                add(values, name, valued.key.measure, delivery.quantity * per_unit)
    return quantities, values, counts


def _roles(
    items: Sequence[Delivery], batch: ValuationBatch, framework: Framework
) -> tuple[RoleSummary, ...]:
    """By role: present value and outcomes, the role with the most value first."""
    quantities, values, counts = _sums_by(items, batch, "role")
    currency = "GBP"
    summaries = []
    with calculation_context():
        for role, measured in quantities.items():
            valued = values.get(role, {})
            total = sum(valued.values(), Decimal(0)) if valued else None
            summaries.append(
                RoleSummary(
                    role=_role_title(framework, role),
                    present_value=None if total is None else Money(total, currency),
                    deliveries=counts[role],
                    outcomes=_outcomes(measured, valued, framework, currency),
                )
            )
    summaries.sort(
        key=lambda r: (-(r.present_value.amount if r.present_value else Decimal(-1)), r.role or "")
    )
    return tuple(summaries)


def _spotlights(
    texts: Sequence[SpotlightText],
    items: Sequence[Delivery],
    batch: ValuationBatch,
    framework: Framework,
) -> tuple[Spotlight, ...]:
    """Each spotlight with its project's figures from the data (none if it delivered nothing)."""
    if not texts:
        return ()
    quantities, values, counts = _sums_by(items, batch, "project")
    found = []
    with calculation_context():
        for text in texts:
            valued = values.get(text.project, {})
            total = sum(valued.values(), Decimal(0)) if valued else None
            found.append(
                Spotlight(
                    project=text.project,
                    heading=text.heading,
                    text=text.text.strip(),
                    figures=_outcomes(
                        quantities.get(text.project, {}),
                        valued,
                        framework,
                        "GBP",
                        text.measures,
                    ),
                    present_value=None if total is None else Money(total, "GBP"),
                    deliveries=counts.get(text.project, 0),
                )
            )
    return tuple(found)


def _quantities(batch: ValuationBatch) -> dict[str, Decimal]:
    """Quantities of every measure delivered, valued or not: jobs count even without a proxy.

    A batch valued with ``unvalued="report"`` holds every delivery in a group or an unvalued
    group, so their exact sums are the deliveries' (and a batch from a frame has them too).
    """
    quantities: dict[str, Decimal] = {}
    with calculation_context():
        groups: list[GroupValuation | UnvaluedGroup] = [*batch.groups, *batch.unvalued]
        for group in groups:
            if group.status is not DeliveryStatus.DELIVERED:
                continue  # a target is no delivered quantity
            measure = group.key.measure
            quantities[measure] = quantities.get(measure, Decimal(0)) + group.quantity
    return quantities


def _ranges(
    batch: ValuationBatch, methodology: Methodology
) -> tuple[ScenarioTotals, ScenarioTotals] | None:
    """The low and high scenarios' totals, when the methodology declares any range at all."""
    if not uncertain_inputs(methodology):
        return None
    found = scenarios(batch, methodology)
    return found.low, found.high


def _range(
    low: ScenarioTotals | None, high: ScenarioTotals | None, field: str
) -> tuple[Money | None, Money | None]:
    """``low`` and ``high`` of one amount, or none when the ranges leave it where it is."""
    if low is None or high is None:
        return None, None
    bottom, top = getattr(low, field), getattr(high, field)
    return (None, None) if bottom == top else (bottom, top)


def _headlines(  # noqa: PLR0913 - the parts a headline is made of
    batch: ValuationBatch,
    trace: Sequence[TraceEntry],
    quantities: Mapping[str, Decimal],
    framework: Framework,
    options: ReportOptions,
    *,
    ranges: tuple[ScenarioTotals, ScenarioTotals] | None = None,
) -> tuple[Headline, ...]:
    """Total present value, gross and net, then the quantities of the headline measures.

    Each amount has its low and high when the methodology declares ranges that move it.
    """
    low, high = ranges or (None, None)
    headlines = [
        Headline(
            key="total_present_value",
            amount=batch.total_present_value(),
            trace=tuple(
                entry.id
                for entry, group in zip(trace, batch.groups, strict=True)
                if entry.present_value is not None and group.counted
            ),
            low=_range(low, high, "present_value")[0],
            high=_range(low, high, "present_value")[1],
        ),
        *(
            Headline(
                key=key,
                amount=amount,
                low=_range(low, high, key)[0],
                high=_range(low, high, key)[1],
            )
            for key, amount in (("gross", batch.total_gross()), ("net", batch.total_net()))
        ),
    ]
    trace_of: dict[str, list[str]] = {}
    for entry in trace:
        trace_of.setdefault(entry.measure, []).append(entry.id)
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
        if code in quantities:
            measure = framework.measure(code)
            headlines.append(
                Headline(
                    key=code,
                    title=measure.title,
                    quantity=quantities[code],
                    unit=framework.unit(measure.unit).label,
                    unit_kind=framework.unit(measure.unit).kind.value,
                    trace=tuple(trace_of.get(code, ())),
                )
            )
    return tuple(headlines)


def _left_out(exclusions: Sequence[Exclusion]) -> tuple[Headline, ...]:
    """Headlines for what the total leaves out: transfers, targets, overlaps (when any £)."""
    left_out = {"transfer": Money.zero(), "target": Money.zero(), "overlap": Money.zero()}
    for exclusion in exclusions:
        if exclusion.kind in left_out and exclusion.present_value is not None:
            left_out[exclusion.kind] += exclusion.present_value
    return tuple(
        Headline(key=key, amount=left_out[kind])
        for kind, key in (
            ("transfer", "transfers_total"),
            ("target", "targets_total"),
            ("overlap", "overlaps_total"),
        )
        if left_out[kind].amount
    )


def _indicators(
    options: ReportOptions,
    batch: ValuationBatch,
    methodology: Methodology,
    quantities: Mapping[str, Decimal],
) -> tuple[Indicator, ...]:
    """Shares and ratios the options ask for, each with what it divides by what."""
    found: list[Indicator] = []
    with calculation_context():
        contracts = quantities.get(options.contracts_measure or "")
        with_value = quantities.get(options.contracts_with_value_measure or "")
        if contracts and with_value is not None:
            found.append(
                Indicator(
                    key="contracts_with_social_value",
                    kind="percent",
                    value=with_value / contracts,
                    numerator=with_value,
                    denominator=contracts,
                    numerator_measures=(options.contracts_with_value_measure or "",),
                    denominator_measure=options.contracts_measure or "",
                )
            )
        spend = options.total_spend
        if spend is not None and options.local_spend_measures and spend.amount > 0:
            local = sum(
                (quantities.get(code, Decimal(0)) for code in options.local_spend_measures),
                Decimal(0),
            )
            found.append(
                Indicator(
                    key="local_spend_share",
                    kind="percent",
                    value=local / spend.amount,
                    numerator=Money(local, spend.currency),
                    denominator=spend,
                    numerator_measures=options.local_spend_measures,
                )
            )
    if options.inputs:
        by_project = Rollup.from_batch(batch, methodology.framework, ("project",))
        projects = {key[0]: totals for key, totals in by_project}
        for project, invested in sorted(options.inputs.items()):
            totals = projects.get(project)
            if totals is None or not totals.monetised:
                continue
            present = Money(totals.present_value, invested.currency)
            found.append(
                Indicator(
                    key="sroi",
                    kind="ratio",
                    value=sroi_ratio(present, invested),
                    numerator=present,
                    denominator=invested,
                    subject=project,
                )
            )
    return tuple(found)


def _commitments(  # noqa: PLR0913 - the inputs tracking needs
    commitments: Sequence[Commitment],
    updates: Sequence[ProgressUpdate],
    deliveries: Sequence[Delivery],
    *,
    framework: Framework,
    assess_on: dt.date | None,
    generated: dt.date,
) -> tuple[CommitmentLine, ...]:
    """Each commitment's status (RAG) on ``assess_on`` (default: the last delivery's end)."""
    if not commitments:
        return ()
    on = assess_on or max((d.period.end for d in deliveries), default=generated)
    progress, _ = track(commitments, updates, deliveries, on=on, rules=RagRules())
    return tuple(
        CommitmentLine(
            id=p.commitment.id,
            title=p.commitment.title,
            role=_role_title(framework, p.commitment.role or "") or "",
            kind=p.commitment.kind,
            rag=p.rag.value,
            colour=p.rag.colour,
            reasons=tuple(p.reasons),
        )
        for p in progress
    )


def _notes(methodology: Methodology, batch: ValuationBatch) -> tuple[Note, ...]:
    """Notes on method: the methodology, prices, additionality, discounting, what is missing."""
    notes = [
        Note(
            key="methodology",
            values={"methodology": methodology.ref, "title": methodology.title},
        )
    ]
    if methodology.price_base is not None and methodology.price_index is not None:
        notes.append(
            Note(
                key="prices",
                values={
                    "price_base": methodology.price_base,
                    "index": methodology.price_index.title,
                },
            )
        )
    if methodology.additionality.net_factor() == 1 and not methodology.assumptions:
        notes.append(Note(key="no_additionality"))
    else:
        notes.append(Note(key="additionality"))
    schedule = methodology.discount_schedule
    discounting = {
        "schedule": schedule.title,
        "edition": schedule.edition,
        "convention": methodology.year_convention.value,
    }
    base = methodology.appraisal_base_year
    if base is None:
        notes.append(Note(key="discounting", values=discounting))
    else:
        notes.append(
            Note(
                key=f"discounting_base_{methodology.before_base_year.value}",
                values={**discounting, "base": base},
            )
        )
    notes.append(
        Note(
            key="exclusions_with_transfers" if methodology.count_transfers else "exclusions",
            values={
                "policy": methodology.overlap_policy.value,
                "scope": ", ".join(methodology.overlap_scope),
            },
        )
    )
    if batch.unvalued:
        notes.append(Note(key="unvalued", values={"n": sum(u.count for u in batch.unvalued)}))
    if batch.extrapolated():
        notes.append(Note(key="extrapolated"))
    return tuple(notes)


def build_report(  # noqa: PLR0913 - a report has many optional inputs
    deliveries: Iterable[Delivery],
    methodology: Methodology,
    *,
    title: str,
    authority: str,
    period: str,
    commitments: Sequence[Commitment] = (),
    updates: Sequence[ProgressUpdate] = (),
    assess_on: dt.date | None = None,
    options: ReportOptions | None = None,
    generated: dt.date | None = None,
    spotlights: Sequence[SpotlightText] = (),
    batch: ValuationBatch | None = None,
    costs: Sequence[Cost] = (),
    evidence: Sequence[tuple[str, ...]] | None = None,
) -> Report:
    """Build the report as data, with the trace of every figure.

    Headline figures, tables by role, theme and measure, what is counted but not monetised,
    what could not be valued (listed, never counted as £0), indicators, commitments' status,
    notes on method and an appendix with the working of every figure. The report holds
    numbers, :class:`~socialvalue.Money`, periods, codes, dates and titles from the data, and
    no formatted text: render it with :func:`render_markdown`, :func:`render_html` or
    :func:`render_csv_tables` in any supported locale.

    The headline total is the de-duplicated, delivered, non-transfer total: targets, transfers
    (unless the methodology counts them) and overlaps excluded under the methodology's policy
    are listed in :attr:`Report.exclusions` (and the ``excluded`` table) with their amounts and
    reasons, and their sums are headlines of their own. With ``costs``, every project that has
    costs gets PVB, PVC, NPSV, BCR, SROI, net SROI and its leverage ratio
    (:attr:`Report.appraisal`, the ``appraisal`` table) and a cost per outcome.

    Args:
        deliveries: What was delivered; valued once, grouped by role and project.
        methodology: How to value them; the report names its id, version and hash.
        title: The report's title.
        authority: Who publishes it.
        period: The period it covers, as the publisher names it.
        commitments: Commitments whose status to report (with ``updates``, their progress).
        updates: Progress updates on the commitments.
        assess_on: The date commitments are assessed on (default: the last delivery's end).
        options: Headline measures and indicators (:class:`ReportOptions`).
        generated: The report's date (default: today, UTC).
        spotlights: Project spotlights the authority wrote (:func:`load_spotlights`); the
            report adds each project's figures from the deliveries.
        batch: The deliveries already valued, grouped by at least ``role`` and ``project``
            with ``unvalued="report"`` — for instance by ``socialvalue.frames.value_frame``
            on a frame too big for objects. The figures come from it, and ``deliveries``
            (which may then be only those that could match a commitment) serve only the
            commitments and the evidence in the appendix: a batch from a frame has no member
            deliveries, so give its evidence as ``evidence``.
        costs: What the projects cost (:class:`~socialvalue.Cost`), for PVC and the ratios.
        evidence: With a batch from a frame: each of its groups' evidence references, in the
            batch's order (:attr:`socialvalue.frames.FrameValuation.evidence`, from
            ``value_frame(..., evidence=True)``), for the appendix.

    Examples:
        >>> import socialvalue as sv
        >>> from socialvalue.report import Formatter, build_report, render_markdown
        >>> report = build_report(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       title="Social Value Annual Report", authority="LCRCA",
        ...                       period="2022/23", generated=dt.date(2026, 1, 1))
        >>> total = report.headlines[0]
        >>> total.key, total.amount.amount  # exact: rounding happens when it is shown
        ('total_present_value', Decimal('267831.586844221354510064185778599360'))
        >>> report.table("by_role").rows[0][:2]  # delivered, once, no transfers
        ('Commissioner', 1)

        The same report, rendered in English and in Welsh:

        >>> print(render_markdown(report).splitlines()[8])
        - Total social value (present value): **£267.8 thousand** (£267,831.59) — Taking the ...
        >>> welsh = render_markdown(report, Formatter(locale="cy_GB"))
        >>> print(welsh.splitlines()[8])
        - Cyfanswm gwerth cymdeithasol (gwerth presennol): **£267.8 mil** (£267,831.59) — ...
    """
    options = options or ReportOptions()
    framework = methodology.framework
    items = list(deliveries)
    day = generated or dt.datetime.now(tz=dt.UTC).date()
    if evidence is not None and batch is None:
        raise ValueError(
            "evidence: give it with batch= (a frame's batch, whose groups have no member "
            "deliveries); a report valued from its deliveries lists their own evidence"
        )
    if batch is None:
        batch = value_many(items, methodology, by=REPORT_BY, unvalued="report")
    elif not set(REPORT_BY) <= set(batch.by):
        raise ValueError(f"batch: a report needs a batch grouped by {REPORT_BY}, got {batch.by}")
    elif batch.methodology != methodology.ref:
        raise ValueError(
            f"batch: valued with {batch.methodology}, but the report is of {methodology.ref}"
        )
    if evidence is not None and len(evidence) != len(batch.groups):
        raise ValueError(
            f"evidence: expected one entry per group of the batch ({len(batch.groups)}), "
            f"got {len(evidence)}"
        )
    trace = _trace(batch, items, framework, evidence)
    rolled = _rolled(batch, framework)
    quantities = _quantities(batch)
    extra_tables: tuple[Table, ...] = ()
    extra_notes: tuple[Note, ...] = ()
    if options.uncertainty:
        extra_tables, extra_notes = uncertainty_section(batch, methodology, options.target, costs)
    exclusions, appraisal, appraisal_tables, per_outcome = appraisal_parts(
        batch, methodology, costs
    )
    return Report(
        title=title,
        authority=authority,
        period=period,
        methodology=methodology.ref,
        methodology_title=methodology.title,
        price_base=methodology.price_base,
        rounding=methodology.rounding,
        generated=day,
        headlines=(
            *_headlines(
                batch, trace, quantities, framework, options, ranges=_ranges(batch, methodology)
            ),
            *_left_out(exclusions),
        ),
        tables=(
            _role_table(rolled, framework),
            _theme_table(rolled, framework),
            *_measure_tables(batch, rolled, framework),
            _not_valued_table(batch, framework),
            *appraisal_tables,
            *extra_tables,
        ),
        indicators=(*_indicators(options, batch, methodology, quantities), *per_outcome),
        commitments=_commitments(
            commitments, updates, items, framework=framework, assess_on=assess_on, generated=day
        ),
        notes=(
            *_notes(methodology, batch),
            *((Note(key="appraisal"),) if appraisal else ()),
            *extra_notes,
        ),
        trace=trace,
        roles=_roles(items, batch, framework),
        spotlights=_spotlights(spotlights, items, batch, framework),
        exclusions=exclusions,
        appraisal=appraisal,
    )
