"""Quantities summed per valuation key, and totals of them under any methodology.

Shared by :mod:`socialvalue.uncertainty` and :mod:`socialvalue.compare`, which value the same
quantities under many methodologies derived from one: valuation is linear in the quantity, so a
total is Σ quantity per key × unit value of the key (DESIGN §4, §9).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.batch import ValuationBatch, counts_in_total, value_type_of
from socialvalue.deliveries import Delivery, DeliveryStatus
from socialvalue.exceptions import UnknownCodeError
from socialvalue.methodology import Methodology
from socialvalue.periods import AnyPeriod
from socialvalue.proxies import NoProxyValueError
from socialvalue.valuation import UnitValue, ValuationError, ValuationKey, unit_value

__all__ = ["KeyTotals", "counts", "key_quantities", "key_totals", "unit_or_none"]

_ZERO = Decimal(0)


def key_quantities(source: ValuationBatch | Iterable[Delivery]) -> dict[ValuationKey, Decimal]:
    """Quantities summed per valuation key, of what counts in the social-value total.

    From a batch: its counted groups (delivered, not excluded as an overlap, not a transfer
    unless the methodology counts transfers) and its delivered groups that could not be valued.
    From deliveries: every delivered one (targets and forecasts never count); overlaps are not
    de-duplicated here — pass a batch for that. Transfers are left out by :func:`key_totals`,
    under each methodology's own rule.
    """
    sums: dict[ValuationKey, Decimal] = {}
    with calculation_context():
        if isinstance(source, ValuationBatch):
            pairs = [(g.key, g.quantity) for g in source.groups if g.counted]
            pairs += [
                (g.key, g.quantity) for g in source.unvalued if g.status is DeliveryStatus.DELIVERED
            ]
            for key, quantity in pairs:
                sums[key] = sums.get(key, _ZERO) + quantity
            return sums
        # Sum under plain tuples first: building a key object per delivery costs more than
        # the sum itself.
        plain: dict[tuple[str, AnyPeriod, str], Decimal] = {}
        for delivery in source:
            if delivery.status is not DeliveryStatus.DELIVERED:
                continue
            triple = (delivery.measure, delivery.period, delivery.geography)
            plain[triple] = plain.get(triple, _ZERO) + delivery.quantity
    return {ValuationKey(*triple): quantity for triple, quantity in plain.items()}


def counts(unit: UnitValue, methodology: Methodology) -> bool:
    """Whether a unit value counts in the social-value total (transfers only if so declared)."""
    return counts_in_total(value_type_of(unit, methodology.framework), methodology)


def unit_or_none(key: ValuationKey, methodology: Methodology) -> UnitValue | None:
    """The key's unit value, or ``None`` when the methodology cannot value it."""
    try:
        return unit_value(key, methodology)
    except (UnknownCodeError, NoProxyValueError, ValuationError):
        return None


@attrs.frozen(kw_only=True)
class KeyTotals:
    """Exact totals of quantities under one methodology (GBP), and what it could not value.

    Attributes:
        gross: Σ quantity × gross unit value.
        net: Σ quantity × net unit value.
        present_value: Σ quantity × present unit value.
        unvalued: The keys the methodology could not value (in no total).
    """

    gross: Decimal
    net: Decimal
    present_value: Decimal
    unvalued: tuple[ValuationKey, ...] = ()

    def get(self, name: str) -> Decimal:
        """One total by name: ``gross``, ``net`` or ``present_value``."""
        if name not in ("gross", "net", "present_value"):
            raise ValueError(f"total: expected gross, net or present_value, got {name!r}")
        value: Decimal = getattr(self, name)
        return value


def key_totals(quantities: Mapping[ValuationKey, Decimal], methodology: Methodology) -> KeyTotals:
    """Totals of ``quantities`` under ``methodology`` (monetised keys only; GBP)."""
    gross = net = present = _ZERO
    unvalued = []
    with calculation_context():
        for key, quantity in quantities.items():
            unit = unit_or_none(key, methodology)
            if unit is None:
                unvalued.append(key)
                continue
            if unit.gross is None or unit.net is None or unit.present_value is None:
                continue
            if not counts(unit, methodology):
                continue
            if unit.currency != "GBP":
                raise ValuationError(
                    f"{key.measure} is valued in {unit.currency}; totals here are in GBP only"
                )
            gross += quantity * unit.gross
            net += quantity * unit.net
            present += quantity * unit.present_value
    return KeyTotals(gross=gross, net=net, present_value=present, unvalued=tuple(unvalued))
