"""Presentation: scores, weights, money and enum members as text, rounded only for show."""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from typing import TypeAlias

from socialvalue._decimal import calculation_context
from socialvalue.money import Money, RoundingMode

__all__ = ["_Show", "_brief", "_money", "_pct", "_shown", "_words"]

#: Shows a score rounded for presentation.
_Show: TypeAlias = Callable[[Decimal], str]


def _shown(number: Decimal, places: int, rounding: RoundingMode = RoundingMode.HALF_UP) -> str:
    """A number rounded for presentation (the data keeps it exact)."""
    with calculation_context():
        return f"{number.quantize(Decimal(1).scaleb(-places), rounding=rounding.value):f}"


def _brief(number: Decimal, places: int = 4) -> str:
    """A per-unit figure, trailing zeros dropped; ``≈`` marks one that was shortened."""
    with calculation_context():
        shown = number.quantize(Decimal(1).scaleb(-places)).normalize()
    return f"{shown:f}" if shown == number else f"≈{shown:f}"


def _pct(number: Decimal) -> str:
    """A weight or share as written: ``60``, ``12.5``."""
    return f"{number.normalize():f}"


def _words(member: enum.Enum) -> str:
    """An enum member's value as words: ``lowest_price_ratio`` → ``lowest price ratio``."""
    return str(member.value).replace("_", " ")


def _money(amount: Money, places: int = 2) -> str:
    return f"{amount.quantize(places).amount:f} {amount.currency}"
