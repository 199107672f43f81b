"""The working behind a valuation as numbered lines of text (one delivery or a group).

Shared by :mod:`socialvalue.valuation` and :mod:`socialvalue.batch`; the names here are public
inside the package.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from socialvalue.money import Money
    from socialvalue.valuation import UnitValue

__all__ = ["render_working", "show"]


def show(number: Decimal, places: int = 6) -> str:
    """A readable rendering of an unrounded number (the data keeps it exact)."""
    shown = number.quantize(Decimal(1).scaleb(-places)).normalize()
    text = f"{shown:f}"
    return text if shown == number else f"≈{text}"


def render_working(
    header: str,
    unit: UnitValue,
    quantity: Decimal,
    amounts: tuple[Money | None, Money | None, Money | None],
    places: int | None,
) -> str:
    """The numbered lines of an explanation (shared by single and grouped valuations)."""
    lines = [header]
    for number, step in enumerate(unit.steps, start=1):
        line = f"{number:>2}. {step.name}: {step.text}"
        if step.result is not None:
            line += f"  → {show(step.result)} {unit.currency} per unit"
        lines.append(line)
    gross, net, present = amounts
    if gross is None or net is None or present is None:
        lines.append(f"{len(lines):>2}. quantity: {quantity} counted; no £ value")
    else:

        def shown(amount: Money) -> str:
            return str(amount.amount if places is None else amount.quantize(places).amount)

        lines.append(
            f"{len(lines):>2}. quantity: × {quantity} → gross {shown(gross)}, "
            f"net {shown(net)}, present value {shown(present)} {gross.currency}"
        )
    return "\n".join(lines)
