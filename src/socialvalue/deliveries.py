"""Deliveries ("returns"): a reported quantity of a measure in a period, by someone, somewhere.

A :class:`Delivery` checks its own fields when built (an exact quantity, a period, no negative
quantity unless it is marked as a correction). :func:`check_deliveries` checks a batch against a
framework — measures that exist, quantities in the measure's unit, roles the framework declares —
and reports every problem at once, each with its position in the batch.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TypeVar

import attrs

from socialvalue._decimal import bounded_decimal, to_decimal
from socialvalue._fields import (
    as_tuple,
    not_blank as _not_blank,
    string_tuple as _strings,
    to_period,
)
from socialvalue.framework import Framework
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod
from socialvalue.provenance import Source
from socialvalue.units import unit_code

__all__ = [
    "Cost",
    "CostCategory",
    "Delivery",
    "DeliverySet",
    "DeliveryStatus",
    "check_deliveries",
]

_E = TypeVar("_E", bound=enum.Enum)


def _choice(kind: type[_E], field: str, value: object) -> _E:
    """``value`` as a member of ``kind``; an error names the field and the choices."""
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(repr(member.value) for member in kind)
        raise ValueError(f"{field}: {value!r} is not one of {choices}") from None


class DeliveryStatus(enum.Enum):
    """Whether a delivery is outturn or a promise.

    * ``DELIVERED`` — outturn: what was delivered, with its evidence;
    * ``TARGET`` — a target or forecast (a roll-out plan, a bid's offer): reported apart, never
      in a delivered total.
    """

    DELIVERED = "delivered"
    TARGET = "target"


def _status(value: object) -> DeliveryStatus:
    if isinstance(value, DeliveryStatus):  # the default, on every delivery: no lookup
        return value
    return _choice(DeliveryStatus, "status", value)


def _quantity(value: object) -> Decimal:
    number = bounded_decimal(value, what="quantity")
    # -0 is 0 (not below zero, so no correction): shown and summed as the engine's sums are
    return number.copy_abs() if number.is_zero() else number


@attrs.frozen(kw_only=True)
class Delivery:
    """A reported quantity of one measure in one period.

    Args:
        measure: Code of the measure delivered, e.g. ``"LCR-COM-1"``.
        quantity: How much, in the measure's unit (``Decimal``, ``int`` or decimal text).
        period: When: any period, its label (``"2022/23 Q3"``) or a single date.
        unit: The unit the quantity is in, if the return states one; it must be the
            measure's unit (checked by :func:`check_deliveries`, never converted).
        reporter: Who reported it: a supplier, project, programme or department.
        project: The project or programme it belongs to.
        contract: The contract it was delivered under, if any.
        role: The role in which the value was created (a value of the framework's ``role``
            dimension, e.g. ``"commissioner"``).
        geography: Where it was delivered; proxy values are looked up for this area.
        evidence: References to the evidence behind the figure.
        tags: Free-form labels.
        correction: A correction to an earlier return; only a correction may be negative.
        id: An identifier from the reporting system, if there is one.
        note: How the figure was read or reported (assumptions, caveats).
        status: ``delivered`` (outturn, the default) or ``target`` (a target or forecast,
            never in a delivered total).

    >>> Delivery(measure="LCR-COM-1", quantity="1250", period="2022/23 Q3").period.label
    '2022/23 Q3'
    >>> Delivery(measure="LCR-COM-1", quantity="-5", period="2022/23")
    Traceback (most recent call last):
    ...
    ValueError: quantity: -5 is negative; only a delivery marked as a correction may be negative
    """

    measure: str = attrs.field(validator=_not_blank)
    quantity: Decimal = attrs.field(converter=_quantity)
    period: AnyPeriod = attrs.field(converter=to_period)
    unit: str | None = attrs.field(default=None, converter=attrs.converters.optional(unit_code))
    reporter: str = ""
    project: str = ""
    contract: str = ""
    role: str | None = None
    geography: str = attrs.field(default="UK", validator=_not_blank)
    evidence: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_strings)
    correction: bool = False
    id: str = ""
    note: str = ""
    status: DeliveryStatus = attrs.field(default=DeliveryStatus.DELIVERED, converter=_status)

    @property
    def delivered(self) -> bool:
        """Whether this is outturn (not a target or forecast)."""
        return self.status is DeliveryStatus.DELIVERED

    def __attrs_post_init__(self) -> None:
        if self.quantity < 0 and not self.correction:
            raise ValueError(
                f"quantity: {self.quantity} is negative; only a delivery marked as a "
                "correction may be negative"
            )


class CostCategory(enum.Enum):
    """What kind of input a cost is."""

    CAPITAL = "capital"
    RESOURCE = "resource"
    IN_KIND = "in_kind"


def _category(value: object) -> CostCategory:
    return _choice(CostCategory, "category", value)


def _fraction(value: object) -> Decimal:
    number = to_decimal(value, what="optimism_bias")
    if number < 0:
        raise ValueError(f"optimism_bias: {number} is negative; write a 24% uplift as 0.24")
    return number


def _money(value: object) -> Money:
    if isinstance(value, Money):
        return value
    return Money(value)


@attrs.frozen(kw_only=True)
class Cost:
    """An input: what an intervention costs in a period, and who bears it.

    The amount is in the prices of its own period (nominal, as spent or budgeted); valuation
    restates it in the methodology's price base, adds the optimism-bias uplift and discounts it
    to the appraisal base year exactly as it does a benefit
    (:func:`socialvalue.valuation.value_cost`).

    Args:
        amount: The cost, as :class:`~socialvalue.Money` (or decimal text, in GBP).
        period: When it is incurred.
        category: ``capital``, ``resource`` or ``in_kind``.
        bearer: Who bears it (``"LCRCA"``, ``"investee"``, ``"partner"`` …).
        project: The project or programme it belongs to (what rollups group by).
        contract: The contract, if any.
        role: The role of the authority it is incurred in.
        geography: Where.
        optimism_bias: An uplift for optimism bias, as a fraction (``0.24`` for 24%); 0 if none.
        optimism_bias_source: Where the uplift comes from (required when there is one).
        note: How the figure was read.

    References:
        HM Treasury, *The Green Book* (2022): costs are appraised in real prices and discounted
        like benefits; optimism bias is an explicit uplift with its source.

    >>> Cost(amount="1000000", period="2022/23", project="Kindred").amount
    Money(amount=Decimal('1000000'), currency='GBP')
    """

    amount: Money = attrs.field(converter=_money)
    period: AnyPeriod = attrs.field(converter=to_period)
    category: CostCategory = attrs.field(default=CostCategory.RESOURCE, converter=_category)
    bearer: str = ""
    project: str = ""
    contract: str = ""
    role: str | None = None
    geography: str = attrs.field(default="UK", validator=_not_blank)
    optimism_bias: Decimal = attrs.field(default=Decimal(0), converter=_fraction)
    optimism_bias_source: str = ""
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.amount.amount < 0:
            raise ValueError(f"amount: {self.amount.amount} is negative; a cost is zero or more")
        if self.optimism_bias and not self.optimism_bias_source.strip():
            raise ValueError(
                "optimism_bias_source: an optimism-bias uplift needs its source "
                "(e.g. the Green Book supplementary guidance table it comes from)"
            )


def _deliveries(value: Iterable[Delivery]) -> tuple[Delivery, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class DeliverySet:
    """A titled collection of deliveries, as a file holds them (with its source, if any).

    ``period`` names the reporting period the deliveries belong to (``"2022/23"``), when the
    file states one; a report uses it as its period. ``costs`` are what the projects cost
    (:class:`Cost`), for PVC, NPSV, BCR and the SROI ratios of a report.

    >>> batch = DeliverySet(title="Q3 returns", deliveries=[
    ...     Delivery(measure="LCR-COM-1", quantity="12", period="2022/23 Q3")])
    >>> len(batch)
    1
    """

    title: str = attrs.field(validator=_not_blank)
    period: str = ""
    note: str = ""
    source: Source | None = None
    deliveries: tuple[Delivery, ...] = attrs.field(default=(), converter=_deliveries)
    costs: tuple[Cost, ...] = attrs.field(default=(), converter=as_tuple)

    def __len__(self) -> int:
        return len(self.deliveries)

    def __iter__(self) -> Iterator[Delivery]:
        return iter(self.deliveries)


def check_deliveries(
    deliveries: Iterable[Delivery], framework: Framework, *, subject: str = "deliveries"
) -> None:
    """Check deliveries against a framework; raise one error listing every problem.

    Problems: a measure the framework does not define (with close matches); a unit that is not
    the measure's; a role the framework's ``role`` dimension does not declare.

    Raises:
        ValidationError: with a problem per bad field, located as ``[index].field``.
    """
    framework.check_fit(deliveries, subject=subject)
