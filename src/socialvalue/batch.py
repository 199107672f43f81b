"""Valuation, step 2: many deliveries at once — sum quantities per key, multiply once per key.

:func:`value_many` groups deliveries by their valuation key (and any of the
:data:`DELIVERY_DIMENSIONS` asked for), sums each group's quantities exactly, and multiplies each
sum by the key's unit value (step 1, :func:`socialvalue.valuation.unit_value`) once. Each group
of a batch :func:`value_many` builds knows the indices of its member deliveries (a batch
``socialvalue.frames.value_frame`` builds does not: the engine sums the rows and brings back no
row numbers). The totals are *exactly* the sums of
:func:`socialvalue.value` over the deliveries (DESIGN §9).

:data:`DIMENSIONS` is the one list of what valued deliveries can be grouped by — here, in a
:class:`~socialvalue.rollup.Rollup` and on the command line.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from operator import attrgetter
from types import MappingProxyType
from typing import ClassVar, Literal

import attrs

from socialvalue import _dimensions
from socialvalue._decimal import calculation_context
from socialvalue._phrases import Phrase, english, phrase
from socialvalue._working import render_working
from socialvalue.deliveries import Delivery, DeliveryStatus, check_deliveries
from socialvalue.evidence import total_by_verification
from socialvalue.exceptions import Problem, ValidationError
from socialvalue.framework import Framework, ValueType
from socialvalue.methodology import Methodology, MethodologyRef, OverlapPolicy
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod
from socialvalue.proxies import NoProxyValueError
from socialvalue.tabular import Record, Tabular
from socialvalue.valuation import UnitValue, ValuationError, ValuationKey, unit_value

__all__ = [
    "DELIVERY_DIMENSIONS",
    "DIMENSIONS",
    "GroupValuation",
    "OverlapWarning",
    "UnvaluedGroup",
    "ValuationBatch",
    "classify",
    "counts_in_total",
    "overlap_message",
    "overlap_pairs",
    "overlap_warning",
    "value_many",
    "value_type_of",
]

#: Every dimension valued deliveries can be grouped by, and where its value comes from: the
#: ``delivery`` itself (an attribute of :class:`~socialvalue.Delivery`), the ``framework`` (by
#: the measure), the ``period`` or the ``status`` (delivered or target). A rollup groups by any
#: of them; :func:`value_many` by those from the delivery. (Written in
#: ``socialvalue._dimensions``, which the command line's help reads without this module.)
DIMENSIONS = _dimensions.DIMENSIONS


class OverlapWarning(UserWarning):
    """Overlapping deliveries were found and kept in the totals (``overlap_policy = "warn"``)."""


#: Why a group is not in the social-value total (besides being record-only), in English; the
#: groups carry them as phrases too (``reason_phrase``), for the reader's locale.
TARGET_REASON = english(phrase("reason_target"))
TRANSFER_REASON = english(phrase("reason_transfer"))

#: How many deliveries :func:`value_many` sums between two calls of its ``progress``.
_PROGRESS_EVERY = 10_000

#: The dimensions :func:`value_many` groups by (attributes of each delivery).
DELIVERY_DIMENSIONS = _dimensions.DELIVERY_DIMENSIONS


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
        members: The indices of the group's deliveries, in the order :func:`value_many` was
            given them, to find them again. Empty in a batch built by
            ``socialvalue.frames.value_frame``: the engine sums the frame's rows and brings
            back no row numbers (a lazy or distributed frame has no row order to give).
        status: Whether the group is outturn or a target.
        overlaps: The measure this group's measure overlaps in the same scope (the first of the
            pair), or ``""``.
        counted: Whether the group is in the social-value totals: delivered, not a transfer
            (unless the methodology counts transfers) and not excluded as an overlap.
        reason: Why it is not counted (or, for an overlap kept under ``warn``, the flag), in
            English.
        value_type: The kind of value (the proxy's classification, else the measure's).
        reason_phrase: ``reason`` as data (a catalogue message and its values), for the
            reader's locale.
    """

    key: ValuationKey
    by: tuple[object, ...]
    quantity: Decimal
    count: int
    unit: UnitValue
    gross: Money | None
    net: Money | None
    present_value: Money | None
    members: tuple[int, ...]
    status: DeliveryStatus = DeliveryStatus.DELIVERED
    overlaps: str = ""
    counted: bool = True
    reason: str = ""
    value_type: ValueType = ValueType.SOCIAL
    reason_phrase: Phrase | None = None

    @property
    def first(self) -> int | None:
        """The index of the group's first delivery; ``None`` when :attr:`members` is empty."""
        return self.members[0] if self.members else None

    def explain(self, methodology: MethodologyRef, *, places: int | None = None) -> str:
        """The working for the whole group, as :meth:`Valuation.explain` shows it for one."""
        plural = "delivery" if self.count == 1 else "deliveries"
        return render_working(
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
    ``unvalued="report"``. ``members`` are the indices of its deliveries, as in
    :class:`GroupValuation` (empty in a batch built from a frame).
    """

    key: ValuationKey
    by: tuple[object, ...]
    quantity: Decimal
    count: int
    members: tuple[int, ...]
    reason: str
    status: DeliveryStatus = DeliveryStatus.DELIVERED
    overlaps: str = ""
    reason_phrase: Phrase | None = None

    @property
    def first(self) -> int | None:
        """The index of the group's first delivery; ``None`` when :attr:`members` is empty."""
        return self.members[0] if self.members else None


@attrs.frozen(kw_only=True)
class ValuationBatch(Tabular):
    """The result of :func:`value_many`: one :class:`GroupValuation` per group, and totals.

    ``unvalued`` lists the groups that could not be valued, when the batch was valued with
    ``unvalued="report"``; they are in no total. :meth:`to_records` gives a row per valued
    group; ``to_arrow()``, ``to_polars()`` and ``to_pandas()`` the same rows as a table with
    exact decimal money (see :class:`socialvalue.tabular.Tabular`).
    """

    MONEY_COLUMNS: ClassVar[frozenset[str]] = frozenset({"gross", "net", "present_value"})
    DECIMAL_COLUMNS: ClassVar[frozenset[str]] = frozenset(
        {"quantity", "unit_gross", "unit_net", "unit_present_value"}
    )

    methodology: MethodologyRef
    by: tuple[str, ...]
    groups: tuple[GroupValuation, ...]
    count: int
    unvalued: tuple[UnvaluedGroup, ...] = ()

    def __iter__(self) -> Iterator[GroupValuation]:
        return iter(self.groups)

    def to_records(self) -> list[Record]:
        """A record per valued group: its key, ``by`` values, sums and unit values, exactly.

        ``by`` columns are named as the batch's ``by`` (``by_geography`` for ``geography``,
        which the key already has); ``first`` is the index of the group's first delivery
        (``None`` for a batch built from a frame); ``counted`` says whether the group is in the
        batch's totals, and ``reason`` why not (a target, a transfer, an overlap).

        >>> from socialvalue import Delivery, default_methodology, value_many
        >>> batch = value_many(
        ...     [Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")],
        ...     default_methodology())
        >>> record = batch.to_records()[0]
        >>> record["measure"], record["quantity"], record["gross"].quantize(Decimal("0.01"))
        ('LCR-ENV-2', Decimal('12.5'), Decimal('3682.52'))
        """
        methodology = str(self.methodology)
        records = []
        for group in self.groups:
            record: Record = {
                "measure": group.key.measure,
                "period": group.key.period.label,
                "geography": group.key.geography,
            }
            for name, value in zip(self.by, group.by, strict=True):
                record[f"by_{name}" if name == "geography" else name] = value
            record.update(
                {
                    "quantity": group.quantity,
                    "count": group.count,
                    "first": group.first,
                    "valuation": group.unit.valuation.value,
                    "currency": group.unit.currency,
                    "unit_gross": group.unit.gross,
                    "unit_net": group.unit.net,
                    "unit_present_value": group.unit.present_value,
                    "gross": None if group.gross is None else group.gross.amount,
                    "net": None if group.net is None else group.net.amount,
                    "present_value": (
                        None if group.present_value is None else group.present_value.amount
                    ),
                    "extrapolated": group.unit.extrapolated,
                    "status": group.status.value,
                    "counted": group.counted,
                    "reason": group.reason,
                    "methodology": methodology,
                }
            )
            records.append(record)
        return records

    def _total(self, field: str, currency: str, *, counted: bool | None = True) -> Money:
        total = Money.zero(currency)
        for group in self.groups:
            if counted is not None and group.counted is not counted:
                continue
            amount = getattr(group, field)
            if amount is not None and amount.currency == currency:
                total += amount
        return total

    def excluded(self) -> tuple[GroupValuation, ...]:
        """Groups left out of the totals — targets, transfers, overlaps — each with its reason."""
        return tuple(group for group in self.groups if not group.counted)

    def flagged(self) -> tuple[GroupValuation, ...]:
        """Groups of overlapping measures (counted under ``warn`` or excluded)."""
        return tuple(group for group in self.groups if group.overlaps)

    def possible_overlaps(
        self, framework: Framework
    ) -> tuple[tuple[GroupValuation | UnvaluedGroup, str], ...]:
        """Overlaps outside the methodology's ``overlap_scope``: listed, never de-duplicated.

        Each delivered group (valued or not) of a measure the framework says overlaps another
        (the second of the pair, :func:`overlap_pairs`), when the other measure is delivered
        in an overlapping period somewhere in the batch but not within the scope — another
        project, say — so the group was neither flagged nor excluded (a group already out of the
        total, a transfer say, is not listed again). The pair may count the
        same activity (jobs on a project and jobs at an investee may be the same posts): a
        reader must not add their quantities, and nothing here says they are the same.
        ``(group, the measure it may overlap)`` pairs, in the batch's order.
        """
        seconds = overlap_pairs(framework)
        groups: list[GroupValuation | UnvaluedGroup] = [*self.groups, *self.unvalued]
        delivered = [g for g in groups if g.status is DeliveryStatus.DELIVERED]
        # Each measure's distinct spans (start, end), with the position of the first delivered
        # group that has it: a group's partner is the first other group, in the batch's order,
        # of a partner measure in an overlapping period (linear in groups, not quadratic).
        spans: dict[str, dict[tuple[dt.date, dt.date], int]] = {}
        for position, other in enumerate(delivered):
            span = (other.key.period.start, other.key.period.end)
            spans.setdefault(other.key.measure, {}).setdefault(span, position)
        found: list[tuple[GroupValuation | UnvaluedGroup, str]] = []
        for group in delivered:
            partners = seconds.get(group.key.measure, ())
            if group.overlaps or not partners:
                continue
            if isinstance(group, GroupValuation) and not group.counted:
                continue  # already out of the total, with its reason
            start, end = group.key.period.start, group.key.period.end
            first = min(
                (
                    (position, measure)
                    for measure in partners
                    for (other_start, other_end), position in spans.get(measure, {}).items()
                    if other_start <= end and start <= other_end
                ),
                default=None,
            )
            if first is not None:
                found.append((group, first[1]))
        return tuple(found)

    def total_raw_present_value(self, currency: str = "GBP") -> Money:
        """Sum of every group's present value, counted or not (targets, transfers, overlaps)."""
        return self._total("present_value", currency, counted=None)

    def currencies(self) -> tuple[str, ...]:
        """The currencies results are in (normally just GBP)."""
        return tuple(sorted({g.unit.currency for g in self.groups if g.unit.monetised}))

    def total_gross(self, currency: str = "GBP") -> Money:
        """Sum of gross values of the counted groups (see :attr:`GroupValuation.counted`)."""
        return self._total("gross", currency)

    def total_net(self, currency: str = "GBP") -> Money:
        """Sum of net values of the counted groups."""
        return self._total("net", currency)

    def total_present_value(self, currency: str = "GBP") -> Money:
        """Sum of present values of the counted groups: delivered, de-duplicated, no transfers."""
        return self._total("present_value", currency)

    def total_by_verification(
        self,
        field: Literal["gross", "net", "present_value"] = "present_value",
        currency: str = "GBP",
    ) -> dict[str, Money]:
        """How much of the total rests on each verification level, exactly (parts add up).

        See :func:`socialvalue.evidence.total_by_verification`.
        """
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


def _summed_groups(
    items: Sequence[Delivery],
    methodology: Methodology,
    by: Sequence[str],
    progress: Callable[[int], None] | None,
) -> dict[tuple[object, ...], _Group]:
    """Step one of :func:`value_many`: exact sums of quantities per group key, with members."""
    sums: dict[tuple[object, ...], _Group] = {}
    overlapping = _overlaps(items, methodology)
    key_of = _group_keys(by)
    with calculation_context():
        for index, delivery in enumerate(items):
            group_key = key_of(delivery, overlapping.get(index, ""))
            group = sums.get(group_key)
            if group is None:
                sums[group_key] = _Group(delivery, index)
            else:
                group.quantity += delivery.quantity
                group.members.append(index)
            if progress is not None and not (index + 1) % _PROGRESS_EVERY:
                progress(index + 1)
    return sums


def value_many(
    deliveries: Iterable[Delivery],
    methodology: Methodology,
    *,
    by: Sequence[str] = (),
    unvalued: Literal["raise", "report"] = "raise",
    progress: Callable[[int], None] | None = None,
) -> ValuationBatch:
    """Value a batch: sum quantities per key, multiply once per key.

    The totals are exactly the sums of :func:`value` over the deliveries, at a fraction of the
    cost. ``by`` adds delivery attributes to group on (``reporter``, ``project``, ``contract``,
    ``role``, ``geography``, ``correction``), so a batch can be broken down without valuing
    deliveries one by one.

    Deliveries no proxy value answers for (or whose prices cannot be rebased) raise by default,
    all listed in one error; with ``unvalued="report"`` they are returned in
    :attr:`ValuationBatch.unvalued` with the reason, and left out of every total.

    Targets, transfers (unless the methodology counts them) and overlaps excluded under the
    methodology's ``overlap_policy`` are valued and kept in :attr:`ValuationBatch.groups`, but
    not counted in the totals; :meth:`ValuationBatch.excluded` lists them with the reason.

    Each group knows its members: the indices, in the order given, of its deliveries.

    ``progress``, if given, is called with the number of deliveries summed so far, every
    10,000 deliveries, and with their number once all groups are valued (for a progress bar).

    Examples:
        >>> from socialvalue import Delivery, default_methodology, value_many
        >>> carbon, hours = "LCR-ENV-2", "LCR-COM-1"
        >>> deliveries = [
        ...     Delivery(measure=carbon, quantity="12.5", period="2024/25 Q2", project="Depot"),
        ...     Delivery(measure=hours, quantity="300", period="2022/23 Q2", project="Depot"),
        ...     Delivery(measure=carbon, quantity="7.5", period="2024/25 Q2", project="Fleet"),
        ... ]
        >>> batch = value_many(deliveries, default_methodology())
        >>> [(group.key.measure, group.quantity, group.members) for group in batch]
        [('LCR-ENV-2', Decimal('20.0'), (0, 2)), ('LCR-COM-1', Decimal('300'), (1,))]
        >>> batch.total_present_value().quantize(2)
        Money(amount=Decimal('11073.36'), currency='GBP')
        >>> [group.by for group in value_many(deliveries, default_methodology(), by=["project"])]
        [('Depot',), ('Depot',), ('Fleet',)]

    Raises:
        ValidationError: every delivery whose measure, unit or role does not fit the framework
            (the first of each kind, with how many more share the problem), or — with
            ``unvalued="raise"`` — every group that could not be valued.
    """
    if unvalued not in ("raise", "report"):
        raise ValueError(f"unvalued: expected 'raise' or 'report', got {unvalued!r}")
    unknown = [name for name in by if name not in DELIVERY_DIMENSIONS]
    if unknown:
        raise ValueError(
            f"by: cannot group by {', '.join(unknown)}; choose from {DELIVERY_DIMENSIONS}"
        )
    items = deliveries if isinstance(deliveries, Sequence) else list(deliveries)
    sums = _summed_groups(items, methodology, by, progress)
    count = len(items)
    _check_groups(sums, methodology)
    groups = []
    missing: list[UnvaluedGroup] = []
    # A unit value depends on the valuation key alone: many groups (by role, project…) share it.
    units: dict[ValuationKey, UnitValue | NoProxyValueError | ValuationError] = {}
    for group_key, group in sums.items():
        key = ValuationKey.of(group.sample)
        if key not in units:
            try:
                units[key] = unit_value(key, methodology)
            except (NoProxyValueError, ValuationError) as failed:
                units[key] = failed
        unit = units[key]
        if not isinstance(unit, UnitValue):
            words = methodology.unvalued_reason(group.sample.measure)
            missing.append(
                UnvaluedGroup(
                    key=key,
                    by=tuple(group_key[_BY_AT:]),
                    quantity=group.quantity,
                    count=len(group.members),
                    members=tuple(group.members),
                    reason=unvalued_reason(unit, words),
                    reason_phrase=unvalued_phrase(unit, words),
                    status=group.sample.status,
                    overlaps=str(group_key[6]),
                )
            )
            continue
        gross, net, present = unit.times(group.quantity)
        status = group.sample.status
        overlaps = str(group_key[6])
        value_type, counted, reason = classify(unit, status, overlaps, methodology)
        groups.append(
            GroupValuation(
                key=unit.key,
                by=tuple(group_key[_BY_AT:]),
                quantity=group.quantity,
                count=len(group.members),
                unit=unit,
                gross=gross,
                net=net,
                present_value=present,
                members=tuple(group.members),
                status=status,
                overlaps=overlaps,
                counted=counted,
                reason=english(reason) if reason is not None else "",
                value_type=value_type,
                reason_phrase=reason,
            )
        )
    if progress is not None:
        progress(count)
    if missing and unvalued == "raise":
        raise ValidationError(
            [
                Problem(
                    f"[{group.members[0]}]",
                    f"{group.reason}" + (f" ({group.count} deliveries)" if group.count > 1 else ""),
                )
                for group in sorted(missing, key=lambda g: g.members[0])
            ],
            subject="deliveries that cannot be valued",
        )
    return ValuationBatch(
        methodology=methodology.ref,
        by=tuple(by),
        groups=tuple(groups),
        count=count,
        unvalued=tuple(sorted(missing, key=lambda g: g.members[0])),
    )


#: Where the ``by`` attributes start in a group key.
_BY_AT = 7


def _group_keys(by: Sequence[str] = ()) -> Callable[[Delivery, str], tuple[object, ...]]:
    """How :func:`value_many` keys a delivery: a function of the delivery and what it overlaps.

    The key is the valuation key, the stated unit and the role (checked against the
    framework), the status, the measure it overlaps (if any), then the ``by`` attributes in
    order (read with one ``attrgetter``: this runs once per delivery).
    """
    head = attrgetter("measure", "period", "geography", "unit", "role", "status")
    if not by:
        return lambda delivery, overlaps: (*head(delivery), overlaps)
    tail = attrgetter(*by)
    if len(by) == 1:
        return lambda delivery, overlaps: (*head(delivery), overlaps, tail(delivery))
    return lambda delivery, overlaps: (*head(delivery), overlaps, *tail(delivery))


def classify(
    unit: UnitValue, status: DeliveryStatus, overlaps: str, methodology: Methodology
) -> tuple[ValueType, bool, Phrase | None]:
    """A group's value type, whether it counts in the totals, and why not (or its flag).

    The one rule for every batch, however built: a target never counts; a transfer counts only
    if the methodology counts transfers; an overlap excluded under ``exclude_second`` does not.
    """
    value_type = value_type_of(unit, methodology.framework)
    counted, reason = _treatment(status, value_type, overlaps, methodology)
    return value_type, counted, reason


def unvalued_reason(error: Exception, words: str | None) -> str:
    """Why a group could not be valued, in English: the methodology's words, and the error."""
    return str(error) if words is None else f"{words} ({error})"


def unvalued_phrase(error: Exception, words: str | None) -> Phrase | None:
    """:func:`unvalued_reason` as data, where the error says it as a phrase (else ``None``)."""
    said = getattr(error, "phrase", None)
    if not isinstance(said, Phrase):
        return None
    return said if words is None else phrase("reason_unvalued_words", words=words, why=said)


def value_type_of(unit: UnitValue, framework: Framework) -> ValueType:
    """The kind of value a unit value is: its proxy value's own, else its measure's."""
    if unit.lookup is not None and unit.lookup.value.value_type is not None:
        return unit.lookup.value.value_type
    return framework.measure(unit.key.measure).value_type


def counts_in_total(value_type: ValueType, methodology: Methodology) -> bool:
    """The transfer rule: a transfer counts in the social-value total only if declared so."""
    return value_type is not ValueType.TRANSFER or methodology.count_transfers


def _treatment(
    status: DeliveryStatus, value_type: ValueType, overlaps: str, methodology: Methodology
) -> tuple[bool, Phrase | None]:
    """Whether a group counts in the social-value totals, and why not (or its flag)."""
    if status is not DeliveryStatus.DELIVERED:
        return False, phrase("reason_target")
    if not counts_in_total(value_type, methodology):
        if overlaps:
            return False, phrase("reason_transfer_overlaps", overlaps=overlaps)
        return False, phrase("reason_transfer")
    if overlaps:
        scope = ", ".join(methodology.overlap_scope)
        if methodology.overlap_policy is OverlapPolicy.EXCLUDE_SECOND:
            return False, phrase("reason_overlap_excluded", overlaps=overlaps, scope=scope)
        return True, phrase("reason_overlap_kept", overlaps=overlaps, scope=scope)
    return True, None


def overlap_pairs(framework: Framework) -> Mapping[str, tuple[str, ...]]:
    """For each measure that is the *second* of an overlapping pair, the measures it overlaps.

    The second is the measure that declares the overlap (``overlaps_with``); when two measures
    name each other, the one later in the framework.
    """
    order = {code: i for i, code in enumerate(framework.measure_codes())}
    seconds: dict[str, list[str]] = {}
    for code in framework.measure_codes():
        for other in framework.measure(code).overlaps_with:
            mutual = code in framework.measure(other).overlaps_with
            second, first = (
                (code, other) if not mutual or order[code] > order[other] else (other, code)
            )
            if first not in seconds.setdefault(second, []):
                seconds[second].append(first)
    return MappingProxyType({code: tuple(firsts) for code, firsts in seconds.items()})


def scope_key(delivery: Delivery, scope: Sequence[str]) -> object:
    """What two deliveries must share to overlap: their status and the scope's attributes."""
    return _scope_keys(scope)(delivery)


def _scope_keys(scope: Sequence[str]) -> Callable[[Delivery], object]:
    """The key of a delivery's overlap scope: its status and the scope's dimensions but period."""
    return attrgetter("status", *(dim for dim in scope if dim != "period"))


def _first_overlapping(
    bucket: Iterable[tuple[str, AnyPeriod]],
    partners: Sequence[str],
    delivery: Delivery,
    by_period: bool,
) -> str:
    """The first (measure, period) in ``bucket`` the delivery overlaps: its measure, or ""."""
    start, end = delivery.period.start, delivery.period.end
    for measure, period in bucket:
        if measure in partners and (not by_period or (period.start <= end and start <= period.end)):
            return measure
    return ""


def _overlaps(deliveries: Sequence[Delivery], methodology: Methodology) -> dict[int, str]:
    """Index of each delivery that is the second of an overlapping pair → the first's measure.

    Raises:
        ValidationError: overlaps found under ``overlap_policy = "raise"``.
    """
    framework = methodology.framework
    seconds = {
        code: firsts
        for code, firsts in overlap_pairs(framework).items()
        if code in framework  # a framework always knows its own codes
    }
    if not seconds:
        return {}
    firsts = {first for found in seconds.values() for first in found}
    scope = methodology.overlap_scope
    by_period = "period" in scope
    # Each scope's distinct (measure, period) of the firsts, in the order first delivered: the
    # first that overlaps is the same as the first delivery that does, at a fraction of the cost.
    scope_of = _scope_keys(scope)
    buckets: dict[object, dict[tuple[str, AnyPeriod], None]] = {}
    for delivery in deliveries:
        if delivery.measure in firsts:
            bucket = buckets.setdefault(scope_of(delivery), {})
            bucket[delivery.measure, delivery.period] = None
    found: dict[int, str] = {}
    answers: dict[tuple[object, str, AnyPeriod], str] = {}  # (scope, measure, period) → first
    for index, delivery in enumerate(deliveries):
        partners = seconds.get(delivery.measure)
        if partners is None:
            continue
        where = scope_of(delivery)
        asked = (where, delivery.measure, delivery.period)
        answer = answers.get(asked)
        if answer is None:
            answer = _first_overlapping(buckets.get(where, {}), partners, delivery, by_period)
            answers[asked] = answer
        if answer:
            found[index] = answer
    if found and methodology.overlap_policy is OverlapPolicy.RAISE:
        raise ValidationError(
            [
                Problem(
                    f"[{index}]",
                    overlap_message(deliveries[index].measure, first, scope),
                )
                for index, first in sorted(found.items())
            ],
            subject="overlapping deliveries (overlap_policy = 'raise')",
        )
    if found and methodology.overlap_policy is OverlapPolicy.WARN:
        pairs = {f"{deliveries[i].measure} / {first}" for i, first in found.items()}
        warnings.warn(
            overlap_warning(len(found), pairs, scope),
            OverlapWarning,
            stacklevel=3,
        )
    return found


def _in_scope(scope: Sequence[str]) -> str:
    if not scope:
        return " wherever and whenever delivered (overlap_scope is empty)"
    return f" in the same {', '.join(scope)}"


def overlap_message(measure: str, first: str, scope: Sequence[str]) -> str:
    """One overlapping delivery, in words (``value_many`` and ``value_frame`` say it alike).

    >>> overlap_message("LCR-COM-3", "LCR-COM-1", ("period", "project"))
    'LCR-COM-3 overlaps LCR-COM-1 in the same period, project'
    """
    return f"{measure} overlaps {first}{_in_scope(scope)}"


def overlap_warning(count: int, pairs: Iterable[str], scope: Sequence[str]) -> str:
    """The warning for overlaps counted under ``overlap_policy = "warn"``.

    >>> print(overlap_warning(1, ["LCR-COM-3 / LCR-COM-1"], ()))  # doctest: +NORMALIZE_WHITESPACE
    1 delivery overlaps another wherever and whenever delivered (overlap_scope is empty)
    (LCR-COM-3 / LCR-COM-1); counted under overlap_policy 'warn'
    """
    verb = "delivery overlaps another" if count == 1 else "deliveries overlap others"
    return (
        f"{count} {verb}{_in_scope(scope)} ({'; '.join(sorted(pairs))}); counted under "
        "overlap_policy 'warn'"
    )


class _Group:
    """A running sum while grouping (mutable, private to :func:`value_many`)."""

    __slots__ = ("members", "quantity", "sample")

    def __init__(self, sample: Delivery, first: int) -> None:
        self.sample = sample
        self.members = [first]
        self.quantity = sample.quantity

    @property
    def first(self) -> int:
        return self.members[0]

    @property
    def count(self) -> int:
        return len(self.members)


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
