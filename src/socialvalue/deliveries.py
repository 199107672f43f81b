"""Deliveries ("returns"): a reported quantity of a measure in a period, by someone, somewhere.

A :class:`Delivery` checks its own fields when built (an exact quantity, a period, no negative
quantity unless it is marked as a correction). :func:`check_deliveries` checks a batch against a
framework — measures that exist, quantities in the measure's unit, roles the framework declares —
and reports every problem at once, each with its position in the batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from socialvalue._decimal import bounded_decimal
from socialvalue._fields import not_blank as _not_blank, string_tuple as _strings, to_period
from socialvalue.framework import Framework
from socialvalue.periods import AnyPeriod
from socialvalue.provenance import Source

__all__ = ["Delivery", "DeliverySet", "check_deliveries"]


def _quantity(value: object) -> Decimal:
    return bounded_decimal(value, what="quantity")


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
    unit: str | None = None
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

    def __attrs_post_init__(self) -> None:
        if self.quantity < 0 and not self.correction:
            raise ValueError(
                f"quantity: {self.quantity} is negative; only a delivery marked as a "
                "correction may be negative"
            )


def _deliveries(value: Iterable[Delivery]) -> tuple[Delivery, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class DeliverySet:
    """A titled collection of deliveries, as a file holds them (with its source, if any).

    ``period`` names the reporting period the deliveries belong to (``"2022/23"``), when the
    file states one; a report uses it as its period.

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
