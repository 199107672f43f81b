"""Tracking commitments: what has been delivered against each promise, and what to escalate.

Given commitments, progress updates and deliveries, :func:`track` computes for each commitment
the quantity delivered to date, the percentage of target, a pro-rata projection to the due date,
an RAG status by :class:`RagRules`, overdue flags and — for contractual commitments valued with a
methodology — the £ promised at bid against the £ delivered. :func:`quarterly_summary` turns
that into what a Responsible Officer takes to an Executive Leadership Team.

How deliveries are matched to commitments (:func:`match_deliveries`), in this order:

1. A delivery tagged ``commitment:<id>`` counts towards that commitment only (and only if it
   is of the commitment's measure).
2. Otherwise a delivery under a contract counts towards the contractual commitment for the same
   contract and measure.
3. Otherwise a delivery with no contract counts towards the organisational (non-contractual)
   quantified commitment for the same measure and role.

In every case the delivery's period must start within the commitment's window (start to due,
where set). A delivery that two commitments would claim is matched to neither and reported as
ambiguous; a delivery no rule matches is reported as unmatched. So a delivery counts towards at
most one commitment, and nothing is counted twice. A target or forecast (a delivery whose
``status`` is ``target``) is not a delivery: it counts towards no commitment, and is listed
apart (:attr:`Match.targets`).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import ClassVar

import attrs

from socialvalue import _display
from socialvalue._decimal import calculation_context
from socialvalue.batch import value_many
from socialvalue.commitments import CONTRACTUAL, Commitment, ProgressUpdate, Status
from socialvalue.deliveries import Delivery, DeliveryStatus
from socialvalue.exceptions import UnknownCodeError
from socialvalue.methodology import Methodology
from socialvalue.money import Money
from socialvalue.periods import FinancialQuarter
from socialvalue.tabular import Record, Tabular

__all__ = [
    "COMMITMENT_TAG",
    "CommitmentProgress",
    "Match",
    "QuarterlySummary",
    "Rag",
    "RagRules",
    "SummaryChange",
    "match_deliveries",
    "matchable_measures",
    "quarterly_summary",
    "track",
]

#: A delivery's tag naming the commitment it counts towards: ``commitment:K1/JOBS``.
COMMITMENT_TAG = "commitment:"


class Rag(enum.Enum):
    """Red / amber / green, plus the states that are not a judgement of progress.

    ``COMPLETE`` is a commitment met — its target reached, its milestones done, or the evidence
    that it was done on its record — and shows green (:attr:`colour`), with that evidence among
    its reasons.
    """

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"
    NOT_STARTED = "not_started"

    @property
    def colour(self) -> str:
        """The colour shown: green for green and complete (met), amber, red, else grey.

        Withdrawn and not started are grey: no judgement of progress.
        """
        return _COLOURS[self]


_COLOURS = {
    Rag.GREEN: "green",
    Rag.COMPLETE: "green",
    Rag.AMBER: "amber",
    Rag.RED: "red",
    Rag.WITHDRAWN: "grey",
    Rag.NOT_STARTED: "grey",
}


@attrs.frozen(kw_only=True)
class RagRules:
    """How an RAG status is decided (all thresholds are configuration, not constants).

    For a quantified commitment under way, the projection to the due date is compared with the
    target: at least ``green_from`` of it is green, at least ``amber_from`` amber, below that
    red. A commitment past its due date and not complete is red (and flagged overdue). A
    reported status of ``at_risk`` makes a green commitment amber; ``off_track`` makes it red.
    A qualitative commitment is complete when every milestone is done — or, once started, with
    no milestones and no progress update, when its record cites the evidence that it was done
    (undated, so it counts from the start) — red when
    overdue, amber when a milestone is overdue, otherwise green (or as its reported status says).

    Args:
        green_from: Projection ÷ target at or above which a commitment is green (default 0.9).
        amber_from: At or above which it is amber (default 0.7); below is red.
        reported_status_counts: Whether the latest reported status can worsen the RAG.
    """

    green_from: Decimal = attrs.field(default=Decimal("0.9"), converter=Decimal)
    amber_from: Decimal = attrs.field(default=Decimal("0.7"), converter=Decimal)
    reported_status_counts: bool = True

    def __attrs_post_init__(self) -> None:
        if not Decimal(0) <= self.amber_from <= self.green_from:
            raise ValueError(
                f"amber_from: {self.amber_from} must be between 0 and green_from "
                f"({self.green_from})"
            )


@attrs.frozen(kw_only=True)
class Match:
    """Which deliveries count towards which commitment, and which count towards none.

    Attributes:
        matched: Commitment id → indexes of the deliveries counted towards it.
        unmatched: Indexes of deliveries no rule matched.
        ambiguous: Index → the commitment ids that would each have claimed the delivery.
        targets: Indexes of targets and forecasts (``status = "target"``): never counted
            towards a commitment, whatever they match.
    """

    matched: dict[str, tuple[int, ...]]
    unmatched: tuple[int, ...]
    ambiguous: dict[int, tuple[str, ...]]
    targets: tuple[int, ...] = ()


def _in_window(delivery: Delivery, commitment: Commitment) -> bool:
    start = delivery.period.start
    if commitment.start is not None and start < commitment.start:
        return False
    return commitment.due is None or start <= commitment.due


def _by_measure(commitments: Sequence[Commitment]) -> dict[str, list[Commitment]]:
    """Quantified commitments by measure: a delivery is compared only with its measure's."""
    quantified: dict[str, list[Commitment]] = {}
    for commitment in commitments:
        if commitment.quantified and commitment.measure is not None:
            quantified.setdefault(commitment.measure, []).append(commitment)
    return quantified


def matchable_measures(commitments: Sequence[Commitment]) -> frozenset[str]:
    """The measures of the deliveries that can count towards ``commitments`` untagged.

    A delivery whose tags name no commitment (:data:`COMMITMENT_TAG`) and whose measure is not
    among these matches none of them, so it changes no commitment's progress: a caller with
    millions of rows need only build the others for :func:`track`.

    >>> c = Commitment(id="C1", kind="contractual", title="Jobs", contract="K1",
    ...                measure="LCR-EMP-1", target="10")
    >>> sorted(matchable_measures([c]))
    ['LCR-EMP-1']
    """
    return frozenset(_by_measure(commitments))


def match_deliveries(commitments: Sequence[Commitment], deliveries: Sequence[Delivery]) -> Match:
    """Match deliveries to commitments by the rules in this module's description.

    >>> c = Commitment(id="C1", kind="contractual", title="Jobs", contract="K1",
    ...                measure="LCR-EMP-1", target="10")
    >>> d = [Delivery(measure="LCR-EMP-1", quantity="2", period="2024/25 Q1", contract="K1"),
    ...      Delivery(measure="LCR-EMP-1", quantity="1", period="2024/25 Q1")]
    >>> match_deliveries([c], d)
    Match(matched={'C1': (0,)}, unmatched=(1,), ambiguous={}, targets=())
    """
    by_id = {commitment.id: commitment for commitment in commitments}
    quantified = _by_measure(commitments)
    matched: dict[str, list[int]] = {c.id: [] for c in commitments}
    unmatched: list[int] = []
    ambiguous: dict[int, tuple[str, ...]] = {}
    targets: list[int] = []
    for index, delivery in enumerate(deliveries):
        if delivery.status is not DeliveryStatus.DELIVERED:
            targets.append(index)  # a target or forecast is not a delivery
            continue
        tagged = (
            list(
                dict.fromkeys(
                    tag.removeprefix(COMMITMENT_TAG)
                    for tag in delivery.tags
                    if tag.startswith(COMMITMENT_TAG)
                )
            )
            if delivery.tags
            else []
        )
        same_measure = quantified.get(delivery.measure, ())
        if tagged:
            candidates = [
                by_id[code]
                for code in tagged
                if code in by_id
                and by_id[code].measure in (None, delivery.measure)
                and _in_window(delivery, by_id[code])
            ]
        elif delivery.contract:
            candidates = [
                c
                for c in same_measure
                if c.contract == delivery.contract and _in_window(delivery, c)
            ]
        else:
            candidates = [
                c
                for c in same_measure
                if c.kind != CONTRACTUAL
                and not c.contract
                and c.role == delivery.role
                and _in_window(delivery, c)
            ]
        if len(candidates) == 1:
            matched[candidates[0].id].append(index)
        elif candidates:
            ambiguous[index] = tuple(c.id for c in candidates)
        else:
            unmatched.append(index)
    return Match(
        matched={key: tuple(indexes) for key, indexes in matched.items()},
        unmatched=tuple(unmatched),
        ambiguous=ambiguous,
        targets=tuple(targets),
    )


@attrs.frozen(kw_only=True)
class CommitmentProgress(Tabular):
    """Where one commitment stands on a date.

    :meth:`to_records` gives it as one record; ``to_arrow()``, ``to_polars()`` and
    ``to_pandas()`` as a one-row table (a :class:`QuarterlySummary` gives a row per commitment).

    Attributes:
        commitment: The commitment.
        on: The date progress is assessed on.
        rag: :class:`Rag`.
        reasons: Why it has that RAG, in words.
        delivered: Quantity delivered to date (``None`` for a qualitative commitment).
        delivered_from: ``deliveries`` (matched returns), ``updates`` (self-reported
            quantities, used only when no delivery matched) or ``none``.
        percent: Delivered as a percentage of target.
        projected: Pro-rata projection of delivery at the due date.
        overdue: Past the due date and not complete.
        milestones_done: Milestones done (of ``milestones_total``), for qualitative ones.
        milestones_overdue: Milestones past their due date and not done.
        latest: The latest progress update, if any.
        history: Every update for the commitment, in period then report-date order.
        deliveries: Indexes of the deliveries counted.
        promised: £ promised at bid (contractual), as the bid stated it.
        delivered_value: Net £ of the matched deliveries under the methodology, if one was given.
        promised_like_for_like: The target quantity valued like the delivered quantity: target ×
            the net £ per unit the deliveries were valued at (the methodology's prices), so the
            two compare like with like.
        variance: ``delivered_value − promised_like_for_like``: the shortfall or excess of
            quantity, in £ at the methodology's prices. Rebasing between the bid's prices and
            the methodology's never shows as over- or under-delivery.
    """

    commitment: Commitment
    on: dt.date
    rag: Rag
    reasons: tuple[str, ...]
    delivered: Decimal | None
    delivered_from: str
    percent: Decimal | None
    projected: Decimal | None
    overdue: bool
    milestones_done: int
    milestones_total: int
    milestones_overdue: int
    latest: ProgressUpdate | None
    history: tuple[ProgressUpdate, ...]
    deliveries: tuple[int, ...]
    promised: Money | None = None
    delivered_value: Money | None = None
    variance: Money | None = None
    promised_like_for_like: Money | None = None

    MONEY_COLUMNS: ClassVar[frozenset[str]] = frozenset({"promised", "delivered_value", "variance"})
    DECIMAL_COLUMNS: ClassVar[frozenset[str]] = frozenset(
        {"target", "delivered", "percent", "projected"}
    )

    def to_records(self) -> list[Record]:
        """This progress as one record: the commitment, its RAG and figures, money exact."""
        commitment = self.commitment
        return [
            {
                "commitment": commitment.id,
                "kind": commitment.kind,
                "title": commitment.title,
                "measure": commitment.measure,
                "on": self.on,
                "rag": self.rag.value,
                "colour": self.rag.colour,
                "target": commitment.target,
                "delivered": self.delivered,
                "delivered_from": self.delivered_from,
                "percent": self.percent,
                "projected": self.projected,
                "overdue": self.overdue,
                "milestones_done": self.milestones_done,
                "milestones_total": self.milestones_total,
                "milestones_overdue": self.milestones_overdue,
                "deliveries": len(self.deliveries),
                "promised": None if self.promised is None else self.promised.amount,
                "delivered_value": (
                    None if self.delivered_value is None else self.delivered_value.amount
                ),
                "variance": None if self.variance is None else self.variance.amount,
                "reasons": "; ".join(self.reasons),
            }
        ]


def _history(updates: Iterable[ProgressUpdate], on: dt.date) -> dict[str, list[ProgressUpdate]]:
    by_commitment: dict[str, list[ProgressUpdate]] = {}
    for update in updates:
        if update.reported <= on:
            by_commitment.setdefault(update.commitment, []).append(update)
    for history in by_commitment.values():
        history.sort(key=lambda u: (u.period.start, u.period.end, u.reported))
    return by_commitment


def _quantified(  # noqa: PLR0913 - the pieces one assessment needs
    commitment: Commitment,
    *,
    on: dt.date,
    delivered: Decimal,
    latest: ProgressUpdate | None,
    rules: RagRules,
    reasons: list[str],
) -> tuple[Rag, Decimal | None, Decimal | None, bool]:
    target = commitment.target
    assert target is not None  # noqa: S101 - quantified
    locale = _display.DEFAULT_LOCALE
    with calculation_context():
        percent = delivered / target * 100
        if delivered >= target:
            reasons.append(
                f"target met: {_display.number(delivered, locale=locale)} of "
                f"{_display.number(target, locale=locale)}"
            )
            return Rag.COMPLETE, percent, delivered, False
        if commitment.start is not None and on < commitment.start:
            reasons.append(f"starts {commitment.start.isoformat()}")
            return Rag.NOT_STARTED, percent, None, False
        if commitment.due is not None and on > commitment.due:
            shown = _display.percent(delivered / target, locale=locale, places=1)
            reasons.append(f"overdue since {commitment.due.isoformat()}: {shown} delivered")
            return Rag.RED, percent, delivered, True
        projected: Decimal | None = None
        if commitment.start is not None and commitment.due is not None:
            elapsed = Decimal((on - commitment.start).days + 1)
            total = Decimal((commitment.due - commitment.start).days + 1)
            projected = delivered * total / elapsed
    if projected is None:
        reasons.append("no start and due date to project against")
        rag = Rag.GREEN if latest is None else _rag_of_status(latest.status)
        return rag, percent, None, False
    share = projected / target
    if share >= rules.green_from:
        rag = Rag.GREEN
    elif share >= rules.amber_from:
        rag = Rag.AMBER
    else:
        rag = Rag.RED
    reasons.append(
        f"projected {_display.number(projected, locale=locale, places=1)} of "
        f"{_display.number(target, locale=locale)} by "
        f"{commitment.due.isoformat() if commitment.due else '?'} "
        f"({_display.percent(share, locale=locale, places=1)} of target)"
    )
    return rag, percent, projected, False


def _amount(amount: Money) -> str:
    """An amount in the ELT summary: the number to the currency's digits, rounded half up."""
    return _display.number(
        amount.amount,
        locale=_display.DEFAULT_LOCALE,
        places=_display.currency_places(amount.currency),
    )


def _rag_of_status(status: Status) -> Rag:
    return {
        Status.NOT_STARTED: Rag.NOT_STARTED,
        Status.ON_TRACK: Rag.GREEN,
        Status.AT_RISK: Rag.AMBER,
        Status.OFF_TRACK: Rag.RED,
        Status.COMPLETE: Rag.COMPLETE,
        Status.WITHDRAWN: Rag.WITHDRAWN,
    }[status]


_WORSE = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}


def _worsen(rag: Rag, latest: ProgressUpdate | None, rules: RagRules, reasons: list[str]) -> Rag:
    if latest is None or not rules.reported_status_counts or rag not in _WORSE:
        return rag
    reported = _rag_of_status(latest.status)
    if reported in _WORSE and _WORSE[reported] > _WORSE[rag]:
        reasons.append(f"reported {latest.status.value.replace('_', ' ')} in {latest.period.label}")
        return reported
    return rag


def track(  # noqa: PLR0913 - one assessment, step by step
    commitments: Sequence[Commitment],
    updates: Sequence[ProgressUpdate],
    deliveries: Sequence[Delivery],
    *,
    on: dt.date,
    rules: RagRules | None = None,
    methodology: Methodology | None = None,
) -> tuple[tuple[CommitmentProgress, ...], Match]:
    """Assess every commitment on a date; also return how deliveries were matched.

    Only deliveries whose period ends on or before ``on``, and updates reported on or before it,
    count. With a ``methodology``, contractual commitments compare the £ promised at bid with
    the net £ of the matched deliveries.

    Raises:
        UnknownCodeError: an update names a commitment that is not given.

    Examples:
        >>> import datetime as dt
        >>> from socialvalue import Commitment, Delivery, track
        >>> jobs = Commitment(
        ...     id="K1/JOBS", kind="contractual", title="Local jobs", contract="K1",
        ...     measure="LCR-EMP-1", target="24", start="2024-04-01", due="2025-03-31",
        ... )
        >>> returns = [
        ...     Delivery(measure="LCR-EMP-1", quantity="9", period="2024/25 Q1", contract="K1"),
        ...     Delivery(measure="LCR-EMP-1", quantity="6", period="2024/25 Q2", contract="K1"),
        ... ]
        >>> (progress,), match = track([jobs], [], returns, on=dt.date(2024, 10, 31))
        >>> progress.delivered, progress.percent, progress.rag.name, match.matched
        (Decimal('15'), Decimal('62.500'), 'GREEN', {'K1/JOBS': (0, 1)})
        >>> progress.reasons
        ('projected 25.6 of 24 by 2025-03-31 (106.6% of target)',)
    """
    rules = rules or RagRules()
    known = {commitment.id for commitment in commitments}
    for update in updates:
        if update.commitment not in known:
            raise UnknownCodeError("commitment", update.commitment, sorted(known))
    visible = [d for d in deliveries if d.period.end <= on]
    positions = [i for i, d in enumerate(deliveries) if d.period.end <= on]
    match = match_deliveries(commitments, visible)
    match = Match(
        matched={k: tuple(positions[i] for i in v) for k, v in match.matched.items()},
        unmatched=tuple(positions[i] for i in match.unmatched),
        ambiguous={positions[i]: v for i, v in match.ambiguous.items()},
        targets=tuple(positions[i] for i in match.targets),
    )
    histories = _history(updates, on)
    results = []
    for commitment in commitments:
        history = tuple(histories.get(commitment.id, ()))
        latest = history[-1] if history else None
        reasons: list[str] = []
        counted = match.matched.get(commitment.id, ())
        delivered: Decimal | None = None
        delivered_from = "none"
        percent = projected = None
        overdue = False
        done = sum(1 for m in commitment.milestones if m.done is not None and m.done <= on)
        late = sum(
            1
            for m in commitment.milestones
            if m.due is not None and m.due < on and (m.done is None or m.done > on)
        )
        if latest is not None and latest.status is Status.WITHDRAWN:
            rag = Rag.WITHDRAWN
            reasons.append(f"withdrawn ({latest.period.label})")
        elif commitment.quantified:
            delivered, delivered_from = _delivered(counted, deliveries, history)
            rag, percent, projected, overdue = _quantified(
                commitment,
                on=on,
                delivered=delivered,
                latest=latest,
                rules=rules,
                reasons=reasons,
            )
            rag = _worsen(rag, latest, rules, reasons)
        else:
            rag, overdue = _qualitative(
                commitment, on=on, done=done, late=late, latest=latest, reasons=reasons
            )
            rag = _worsen(rag, latest, rules, reasons)
        promised = commitment.promised_value
        delivered_value = variance = like_for_like = None
        if methodology is not None and commitment.quantified and counted:
            delivered_value = _delivered_value(
                [deliveries[i] for i in counted], methodology, promised, reasons
            )
            if (
                delivered_value is not None
                and commitment.target is not None
                and delivered is not None
                and delivered > 0
            ):
                with calculation_context():
                    like_for_like = Money(
                        delivered_value.amount * commitment.target / delivered,
                        delivered_value.currency,
                    )
                variance = delivered_value - like_for_like
        results.append(
            CommitmentProgress(
                commitment=commitment,
                on=on,
                rag=rag,
                reasons=tuple(reasons),
                delivered=delivered,
                delivered_from=delivered_from,
                percent=percent,
                projected=projected,
                overdue=overdue,
                milestones_done=done,
                milestones_total=len(commitment.milestones),
                milestones_overdue=late,
                latest=latest,
                history=history,
                deliveries=counted,
                promised=promised,
                delivered_value=delivered_value,
                variance=variance,
                promised_like_for_like=like_for_like,
            )
        )
    return tuple(results), match


def _delivered(
    counted: Sequence[int], deliveries: Sequence[Delivery], history: Sequence[ProgressUpdate]
) -> tuple[Decimal, str]:
    """Quantity delivered: matched deliveries, else the latest reported quantity per period."""
    with calculation_context():
        if counted:
            return sum((deliveries[i].quantity for i in counted), Decimal(0)), "deliveries"
        # A re-report for a period replaces the earlier one (the latest counts).
        latest_of: dict[object, Decimal] = {}
        for update in history:
            if update.delivered is not None:
                latest_of[update.period] = update.delivered
        return sum(latest_of.values(), Decimal(0)), ("updates" if latest_of else "none")


def _delivered_value(
    counted: list[Delivery],
    methodology: Methodology,
    promised: Money | None,
    reasons: list[str],
) -> Money | None:
    """Net £ of the matched deliveries, or ``None`` if none of them could be valued."""
    batch = value_many(counted, methodology, unvalued="report")
    if batch.unvalued:
        reasons.append(
            f"{sum(u.count for u in batch.unvalued)} matched deliveries could not be valued: "
            f"{batch.unvalued[0].reason}"
        )
    if not batch.groups:
        return None
    # What was promised is what counts, transfers included: a pledge to donate £20,000 is met
    # by donating it, though a donation is kept out of the social-value total. Targets are not
    # deliveries.
    currency = promised.currency if promised is not None else "GBP"
    total = Money.zero(currency)
    for group in batch.groups:
        delivered = group.status is DeliveryStatus.DELIVERED
        if delivered and group.net is not None and group.net.currency == currency:
            total += group.net
    return total


def _qualitative(  # noqa: PLR0911, PLR0913 - one rule a branch, in order
    commitment: Commitment,
    *,
    on: dt.date,
    done: int,
    late: int,
    latest: ProgressUpdate | None,
    reasons: list[str],
) -> tuple[Rag, bool]:
    total = len(commitment.milestones)
    if latest is not None and latest.status is Status.COMPLETE:
        reasons.append(f"reported complete in {latest.period.label}")
        return Rag.COMPLETE, False
    if total and done == total:
        reasons.append(f"all {total} milestones done")
        return Rag.COMPLETE, False
    if commitment.start is not None and on < commitment.start:
        # Before this check, undated evidence on the record made a commitment "met" on dates
        # before it had even started.
        reasons.append(f"starts {commitment.start.isoformat()}")
        return Rag.NOT_STARTED, False
    if not total and latest is None and commitment.evidence:
        # Evidence on the commitment's own record counts: with no milestones to tick and no
        # progress update saying otherwise, a commitment whose record cites the evidence that it
        # was done is met, never "overdue". The evidence is undated, so it counts from the start.
        reasons.append(f"met: evidence on its record: {'; '.join(commitment.evidence)}")
        return Rag.COMPLETE, False
    if commitment.due is not None and on > commitment.due:
        progress = f": {done} of {total} milestones done" if total else ""
        reasons.append(f"overdue since {commitment.due.isoformat()}{progress}")
        return Rag.RED, True
    if late:
        reasons.append(f"{late} milestone(s) overdue")
        return Rag.AMBER, False
    if total:
        reasons.append(f"{done} of {total} milestones done")
    elif latest is None:
        reasons.append("no milestones and no progress reported")
        return Rag.AMBER, False
    return Rag.GREEN if latest is None else _rag_of_status(latest.status), False


@attrs.frozen(kw_only=True)
class SummaryChange:
    """A commitment whose RAG changed since the previous quarter."""

    commitment: Commitment
    before: Rag
    after: Rag


@attrs.frozen(kw_only=True)
class QuarterlySummary(Tabular):
    """What a Responsible Officer takes to the Executive Leadership Team for a quarter.

    :meth:`to_records` (and ``to_arrow()``, ``to_polars()``, ``to_pandas()``) give a row per
    commitment's progress.

    Attributes:
        quarter: The quarter reported on (assessed on its last day).
        progress: Every commitment's progress at the end of the quarter.
        counts: (role, kind) → RAG → number of commitments.
        escalations: Commitments that are red, amber or overdue, worst first.
        changes: RAG changes since the end of the previous quarter.
        new: Commitments that started during the quarter.
        unmatched: Deliveries that matched no commitment (indexes), and ambiguous ones.
        ambiguous: Deliveries two commitments would claim.
    """

    quarter: FinancialQuarter
    progress: tuple[CommitmentProgress, ...]
    counts: dict[tuple[str, str], dict[Rag, int]]
    escalations: tuple[CommitmentProgress, ...]
    changes: tuple[SummaryChange, ...]
    new: tuple[Commitment, ...]
    unmatched: tuple[int, ...]
    ambiguous: dict[int, tuple[str, ...]]

    MONEY_COLUMNS: ClassVar[frozenset[str]] = CommitmentProgress.MONEY_COLUMNS
    DECIMAL_COLUMNS: ClassVar[frozenset[str]] = CommitmentProgress.DECIMAL_COLUMNS

    def to_records(self) -> list[Record]:
        """A record per commitment (see :meth:`CommitmentProgress.to_records`)."""
        return [record for progress in self.progress for record in progress.to_records()]

    def render(self) -> str:
        """Plain text for a paper to the Executive Leadership Team."""
        lines = [
            (
                f"Social value commitments — {self.quarter.label} "
                f"(assessed on {self.quarter.end.isoformat()})"
            ),
            "",
            "By role and kind:",
        ]
        order = list(Rag)
        for (role, kind), counts in sorted(self.counts.items()):
            shown = ", ".join(f"{counts[r]} {_word(r)}" for r in order if r in counts)
            lines.append(f"  {role} / {kind.replace('_', ' ')}: {shown}")
        met = [item for item in self.progress if item.rag is Rag.COMPLETE]
        if met:
            lines += ["", f"Met — green ({len(met)}):"]
            lines += [
                f"  [GREEN: MET] {item.commitment.id} {item.commitment.title}: "
                f"{'; '.join(item.reasons)}"
                for item in met
            ]
        lines += ["", f"At risk or overdue ({len(self.escalations)}):"]
        for item in self.escalations:
            officer = item.commitment.responsible_officer or "(no Responsible Officer named)"
            flag = " OVERDUE" if item.overdue else ""
            lines.append(
                f"  [{item.rag.value.upper()}{flag}] {item.commitment.id} {item.commitment.title}"
                f" — {officer}: {'; '.join(item.reasons)}"
            )
        lines += ["", f"Changed since {self.quarter.previous().label} ({len(self.changes)}):"]
        lines += [
            f"  {change.commitment.id} {change.before.value} → {change.after.value}: "
            f"{change.commitment.title}"
            for change in self.changes
        ]
        valued = [item for item in self.progress if item.promised is not None]
        if valued:
            lines += [
                "",
                (
                    "Contractual commitments, promised against delivered (net £, both in the "
                    "methodology's prices; the £ at bid as stated):"
                ),
            ]
            for item in valued:
                assert item.promised is not None  # noqa: S101 - filtered above
                delivered = (
                    "not valued" if item.delivered_value is None else _amount(item.delivered_value)
                )
                like = (
                    ""
                    if item.promised_like_for_like is None
                    else f", target valued alike {_amount(item.promised_like_for_like)}"
                )
                variance = "" if item.variance is None else f", variance {_amount(item.variance)}"
                lines.append(
                    f"  {item.commitment.id}: promised {_amount(item.promised)} at bid{like}, "
                    f"delivered {delivered}{variance} {item.promised.currency}"
                )
        if self.new:
            lines += ["", "Started this quarter:"]
            lines += [f"  {c.id} {c.title}" for c in self.new]
        if self.unmatched or self.ambiguous:
            lines += [
                "",
                (
                    f"Deliveries not counted towards any commitment: {len(self.unmatched)} "
                    f"unmatched, {len(self.ambiguous)} ambiguous"
                ),
            ]
        return "\n".join(lines)


_SEVERITY = {Rag.RED: 0, Rag.AMBER: 1}


def _word(rag: Rag) -> str:
    """A status in words, with its colour where the word is not one: ``complete (green)``."""
    word = rag.value.replace("_", " ")
    return word if rag.colour in (word, "grey") else f"{word} ({rag.colour})"


def quarterly_summary(  # noqa: PLR0913 - the inputs of one summary
    commitments: Sequence[Commitment],
    updates: Sequence[ProgressUpdate],
    deliveries: Sequence[Delivery],
    *,
    quarter: FinancialQuarter,
    rules: RagRules | None = None,
    methodology: Methodology | None = None,
) -> QuarterlySummary:
    """The quarterly summary for an Executive Leadership Team.

    Progress is assessed on the quarter's last day and compared with the previous quarter's
    last day; counts are by role and kind; escalations list every red, amber or overdue
    commitment with its Responsible Officer.
    """
    now, match = track(
        commitments, updates, deliveries, on=quarter.end, rules=rules, methodology=methodology
    )
    before, _ = track(commitments, updates, deliveries, on=quarter.previous().end, rules=rules)
    previous = {item.commitment.id: item.rag for item in before}
    counts: dict[tuple[str, str], dict[Rag, int]] = {}
    for item in now:
        key = (item.commitment.role or "(no role)", item.commitment.kind)
        bucket = counts.setdefault(key, {})
        bucket[item.rag] = bucket.get(item.rag, 0) + 1
    escalations = sorted(
        (item for item in now if item.rag in _SEVERITY or item.overdue),
        key=lambda item: (_SEVERITY.get(item.rag, 2), not item.overdue, item.commitment.id),
    )
    changes = tuple(
        SummaryChange(
            commitment=item.commitment, before=previous[item.commitment.id], after=item.rag
        )
        for item in now
        if previous[item.commitment.id] is not item.rag
    )
    new = tuple(
        c for c in commitments if c.start is not None and quarter.start <= c.start <= quarter.end
    )
    return QuarterlySummary(
        quarter=quarter,
        progress=now,
        counts=counts,
        escalations=tuple(escalations),
        changes=changes,
        new=new,
        unmatched=match.unmatched,
        ambiguous=match.ambiguous,
    )
