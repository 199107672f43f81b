"""Commitments: promises made in a policy or a contract, tracked from promise to evidence.

A :class:`Commitment` is a Day One Commitment or Future Aspiration of an authority's framework
(owned by a role and a Responsible Officer, reported quarterly), or a supplier's contractual
pledge of a quantity of a measure over a contract. A quantified commitment names a measure, a
target and a due date; a qualitative one is tracked by milestones. A :class:`ProgressUpdate`
is what a Responsible Officer reports for a quarter.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from socialvalue._decimal import bounded_decimal
from socialvalue._fields import (
    code,
    identifier,
    not_blank as _not_blank,
    optional_date,
    string_tuple as _strings,
    to_period,
)
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.framework import Framework
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod, Period
from socialvalue.provenance import Source

__all__ = [
    "CONTRACTUAL",
    "DAY_ONE",
    "FUTURE_ASPIRATION",
    "Commitment",
    "CommitmentSet",
    "Milestone",
    "ProgressUpdate",
    "Status",
    "check_commitments",
]

#: The kinds of commitment the LCRCA framework names; any other lower-case code is allowed.
DAY_ONE = "day_one"
FUTURE_ASPIRATION = "future_aspiration"
CONTRACTUAL = "contractual"


class Status(enum.Enum):
    """The status a Responsible Officer reports."""

    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"


_id = code("D1-PRC-01", "an id")


def _kind(_instance: object, _attribute: object, value: str) -> None:
    if not identifier().match(value):
        raise ValueError(
            f"kind: {value!r} is not a kind such as 'day_one', 'future_aspiration' or "
            "'contractual' (lower-case letters, digits and _)"
        )


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else bounded_decimal(value, what=None)


@attrs.frozen(kw_only=True)
class Milestone:
    """A step of a qualitative commitment.

    Args:
        title: What is to be done.
        due: When, if a date is set.
        done: The date it was done, once it is.
        evidence: References to the evidence that it was done.
    """

    title: str = attrs.field(validator=_not_blank)
    due: dt.date | None = attrs.field(default=None, converter=optional_date)
    done: dt.date | None = attrs.field(default=None, converter=optional_date)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_strings)


def _milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Commitment:
    """A promise to track.

    Args:
        id: Unique id, e.g. ``"D1-EMP-01"`` or ``"C-2025-014/LCR-EMP-1"``.
        kind: ``day_one``, ``future_aspiration``, ``contractual`` or another lower-case code.
        title: The promise, in a line.
        description: More detail.
        role: The role it belongs to (a value of the framework's ``role`` dimension).
        owner: Who delivers it: a team, or the supplier of a contract.
        responsible_officer: Who reports on it.
        measure: For a quantified commitment, the measure counted.
        target: How much of the measure, in the measure's unit.
        unit: The unit the target is stated in, if stated; must be the measure's.
        baseline: Where the quantity stood at the start, if known.
        start: When delivery starts.
        due: When it is due.
        contract: The contract, for a contractual commitment.
        embedded: Whether it would be done anyway (not additional).
        promised_value: For a contractual commitment, the £ value promised at bid.
        milestones: For a qualitative commitment, the steps that complete it.
        evidence: References to the evidence that it was done. On a qualitative commitment with
            no milestones and no progress update, evidence here makes it met (complete, green)
            from its start: cite only what shows it was done; the document that states the
            commitment is its ``source``.
        source: The document the commitment is stated in.
        note: Anything else a reader should know.

    >>> Commitment(id="C1", kind="contractual", title="Local jobs", contract="K1",
    ...            measure="LCR-EMP-1", target="12.5", start=dt.date(2024, 4, 1),
    ...            due=dt.date(2026, 3, 31)).quantified
    True
    >>> Commitment(id="C2", kind="day_one", title="Join Safe Spaces",
    ...            start=dt.date(2022, 4, 1), due=dt.date(2021, 3, 31))
    Traceback (most recent call last):
    ...
    ValueError: due: 2021-03-31 is before the start 2022-04-01
    """

    id: str = attrs.field(validator=_id)
    kind: str = attrs.field(validator=_kind)
    title: str = attrs.field(validator=_not_blank)
    description: str = ""
    role: str | None = None
    owner: str = ""
    responsible_officer: str = ""
    measure: str | None = None
    target: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    unit: str | None = None
    baseline: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    start: dt.date | None = attrs.field(default=None, converter=optional_date)
    due: dt.date | None = attrs.field(default=None, converter=optional_date)
    contract: str | None = None
    embedded: bool = False
    promised_value: Money | None = None
    milestones: tuple[Milestone, ...] = attrs.field(default=(), converter=_milestones)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    source: Source | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if (self.measure is None) != (self.target is None):
            raise ValueError(
                "target: a quantified commitment needs both a measure and a target; a "
                "qualitative one has neither (track it with milestones)"
            )
        if self.target is not None and self.target <= 0:
            raise ValueError(f"target: {self.target} must be more than zero")
        if self.start and self.due and self.due < self.start:
            raise ValueError(f"due: {self.due} is before the start {self.start}")
        if self.kind == CONTRACTUAL and not self.contract:
            raise ValueError("contract: a contractual commitment names its contract")

    @property
    def quantified(self) -> bool:
        """Whether the commitment is a target quantity of a measure."""
        return self.measure is not None

    @property
    def window(self) -> Period | None:
        """Start to due date, when both are known."""
        if self.start is None or self.due is None:
            return None
        return Period(self.start, self.due)


@attrs.frozen(kw_only=True)
class ProgressUpdate:
    """What a Responsible Officer reports for a commitment in a period (usually a quarter).

    Args:
        commitment: Id of the commitment.
        period: The period reported on (e.g. ``"2023/24 Q2"``).
        reported: The date of the report.
        status: :class:`Status`.
        delivered: For a quantified commitment, the quantity delivered in the period, if
            reported this way (deliveries matched by contract and measure are counted too).
        narrative: What happened.
        evidence: References to evidence.
        reported_by: Who reported it.
    """

    commitment: str = attrs.field(validator=_id)
    period: AnyPeriod = attrs.field(converter=to_period)
    reported: dt.date = attrs.field(converter=optional_date)
    status: Status = attrs.field(converter=Status)
    delivered: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    narrative: str = ""
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    reported_by: str = ""

    def __attrs_post_init__(self) -> None:
        if self.reported is None:
            raise ValueError("reported: the date of the report is required")
        if self.delivered is not None and self.delivered < 0:
            raise ValueError(f"delivered: {self.delivered} is negative")


def _commitments(value: Iterable[Commitment]) -> tuple[Commitment, ...]:
    return tuple(value)


def _updates(value: Iterable[ProgressUpdate]) -> tuple[ProgressUpdate, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class CommitmentSet:
    """Commitments and progress updates, as a file holds them.

    Commitment ids are unique. A file may hold updates for commitments kept in another file
    (a quarter's returns, say); :meth:`merged` combines sets and checks that every update names
    a commitment.
    """

    title: str = attrs.field(validator=_not_blank)
    note: str = ""
    source: Source | None = None
    commitments: tuple[Commitment, ...] = attrs.field(default=(), converter=_commitments)
    updates: tuple[ProgressUpdate, ...] = attrs.field(default=(), converter=_updates)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        for i, commitment in enumerate(self.commitments):
            if commitment.id in seen:
                problems.append(
                    Problem(
                        f"commitments[{i}].id",
                        f"duplicate id {commitment.id!r} "
                        f"(first at commitments[{seen[commitment.id]}])",
                    )
                )
            else:
                seen[commitment.id] = i
        if problems:
            raise ValidationError(problems, subject=f"commitments {self.title!r}")

    def __len__(self) -> int:
        return len(self.commitments)

    def __iter__(self) -> Iterator[Commitment]:
        return iter(self.commitments)

    def merged(self, *others: CommitmentSet, title: str | None = None) -> CommitmentSet:
        """This set and others as one; every update must name one of the commitments.

        Raises:
            ValidationError: duplicate commitment ids, or updates naming no commitment.
        """
        sets = (self, *others)
        combined = CommitmentSet(
            title=title or self.title,
            note=self.note,
            source=self.source,
            commitments=[c for s in sets for c in s.commitments],
            updates=[u for s in sets for u in s.updates],
        )
        combined.check_updates()
        return combined

    def check_updates(self) -> None:
        """Raise one error listing every update that names no commitment in this set."""
        known = [c.id for c in self.commitments]
        problems = [
            Problem(
                f"updates[{j}].commitment",
                UnknownCodeError("commitment", update.commitment, known).message,
            )
            for j, update in enumerate(self.updates)
            if update.commitment not in known
        ]
        if problems:
            raise ValidationError(problems, subject=f"commitments {self.title!r}")

    def commitment(self, commitment_id: str) -> Commitment:
        """The commitment with this id."""
        for commitment in self.commitments:
            if commitment.id == commitment_id:
                return commitment
        raise UnknownCodeError("commitment", commitment_id, [c.id for c in self.commitments])


def check_commitments(commitments: Iterable[Commitment], framework: Framework) -> None:
    """Check commitments against a framework; raise one error listing every problem.

    Problems: a measure the framework does not define; a target in a unit other than the
    measure's; a role the framework does not declare.
    """
    framework.check_fit(commitments, subject="commitments", counted="targets")
