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

from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import ClassVar, Literal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue._working import render_working
from socialvalue.deliveries import Delivery, check_deliveries
from socialvalue.evidence import total_by_verification
from socialvalue.exceptions import Problem, ValidationError
from socialvalue.methodology import Methodology, MethodologyRef
from socialvalue.money import Money
from socialvalue.proxies import NoProxyValueError
from socialvalue.tabular import Record, Tabular
from socialvalue.valuation import UnitValue, ValuationError, ValuationKey, unit_value

__all__ = [
    "DELIVERY_DIMENSIONS",
    "DIMENSIONS",
    "GroupValuation",
    "UnvaluedGroup",
    "ValuationBatch",
    "value_many",
]

#: Every dimension valued deliveries can be grouped by, and where its value comes from: the
#: ``delivery`` itself (an attribute of :class:`~socialvalue.Delivery`), the ``framework`` (by
#: the measure), or the ``period``. A rollup groups by any of them; :func:`value_many` by those
#: from the delivery.
DIMENSIONS: Mapping[str, Literal["delivery", "framework", "period"]] = MappingProxyType(
    {
        "theme": "framework",
        "outcome": "framework",
        "measure": "framework",
        "pillar": "framework",
        "role": "delivery",
        "project": "delivery",
        "reporter": "delivery",
        "contract": "delivery",
        "period": "period",
        "financial_year": "period",
        "geography": "delivery",
        "value_type": "framework",
        "correction": "delivery",
    }
)

#: The dimensions :func:`value_many` groups by (attributes of each delivery).
DELIVERY_DIMENSIONS: tuple[str, ...] = tuple(
    name for name, source in DIMENSIONS.items() if source == "delivery"
)


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
        (``None`` for a batch built from a frame).

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
                    "methodology": methodology,
                }
            )
            records.append(record)
        return records

    def _total(self, field: str, currency: str) -> Money:
        total = Money.zero(currency)
        for group in self.groups:
            amount = getattr(group, field)
            if amount is not None and amount.currency == currency:
                total += amount
        return total

    def currencies(self) -> tuple[str, ...]:
        """The currencies results are in (normally just GBP)."""
        return tuple(sorted({g.unit.currency for g in self.groups if g.unit.monetised}))

    def total_gross(self, currency: str = "GBP") -> Money:
        """Sum of gross values in one currency."""
        return self._total("gross", currency)

    def total_net(self, currency: str = "GBP") -> Money:
        """Sum of net values in one currency."""
        return self._total("net", currency)

    def total_present_value(self, currency: str = "GBP") -> Money:
        """Sum of present values in one currency."""
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


def value_many(
    deliveries: Iterable[Delivery],
    methodology: Methodology,
    *,
    by: Sequence[str] = (),
    unvalued: Literal["raise", "report"] = "raise",
) -> ValuationBatch:
    """Value a batch: sum quantities per key, multiply once per key.

    The totals are exactly the sums of :func:`value` over the deliveries, at a fraction of the
    cost. ``by`` adds delivery attributes to group on (``reporter``, ``project``, ``contract``,
    ``role``, ``geography``, ``correction``), so a batch can be broken down without valuing
    deliveries one by one.

    Deliveries no proxy value answers for (or whose prices cannot be rebased) raise by default,
    all listed in one error; with ``unvalued="report"`` they are returned in
    :attr:`ValuationBatch.unvalued` with the reason, and left out of every total.

    Each group knows its members: the indices, in the order given, of its deliveries.

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
        Money(amount=Decimal('10728.85'), currency='GBP')
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
    sums: dict[tuple[object, ...], _Group] = {}
    count = 0
    with calculation_context():
        for index, delivery in enumerate(deliveries):
            group_key = _group_key(delivery, by)
            group = sums.get(group_key)
            if group is None:
                sums[group_key] = _Group(delivery, index)
            else:
                group.quantity += delivery.quantity
                group.members.append(index)
            count += 1
    _check_groups(sums, methodology)
    groups = []
    missing: list[UnvaluedGroup] = []
    for group_key, group in sums.items():
        try:
            unit = unit_value(ValuationKey.of(group.sample), methodology)
        except (NoProxyValueError, ValuationError) as error:
            words = methodology.unvalued_reason(group.sample.measure)
            missing.append(
                UnvaluedGroup(
                    key=ValuationKey.of(group.sample),
                    by=tuple(group_key[5:]),
                    quantity=group.quantity,
                    count=len(group.members),
                    members=tuple(group.members),
                    reason=str(error) if words is None else f"{words} ({error})",
                )
            )
            continue
        gross, net, present = unit.times(group.quantity)
        groups.append(
            GroupValuation(
                key=unit.key,
                by=tuple(group_key[5:]),
                quantity=group.quantity,
                count=len(group.members),
                unit=unit,
                gross=gross,
                net=net,
                present_value=present,
                members=tuple(group.members),
            )
        )
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


def _group_key(delivery: Delivery, by: Sequence[str] = ()) -> tuple[object, ...]:
    """The key :func:`value_many` groups a delivery under.

    The valuation key, the stated unit and the role (checked against the framework), then the
    ``by`` attributes in order.
    """
    key = (delivery.measure, delivery.period, delivery.geography, delivery.unit, delivery.role)
    return key + tuple(getattr(delivery, name) for name in by) if by else key


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
