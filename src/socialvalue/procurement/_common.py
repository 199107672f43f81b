"""What the procurement modules share: field converters and validators, and text for people.

An internal module: its names are public inside :mod:`socialvalue.procurement` (no leading
underscore) and private to it — nothing outside the package imports them, and they are not
part of the package's API.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from decimal import Decimal
from typing import TypeAlias

import attrs

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue._fields import (
    code,
    optional_date as to_optional_date,
    optional_period as to_optional_period,
    string_tuple,
    to_period,
)
from socialvalue.exceptions import Problem
from socialvalue.money import Money, RoundingMode

__all__ = [
    "HUNDRED",
    "Show",
    "basis_words",
    "brief",
    "money_text",
    "not_blank",
    "pct",
    "percent_problem",
    "shown",
    "to_band_score",
    "to_optional_date",
    "to_optional_period",
    "to_optional_strings",
    "to_optional_weight",
    "to_period",
    "to_quality",
    "to_share",
    "to_weight",
    "valid_id",
    "words",
]

HUNDRED = Decimal(100)
#: Attrs validator: an id such as ``LCR-2025-014`` (it is written into commitment ids).
valid_id = code("LCR-2025-014", "an id")

# --- field converters and validators -------------------------------------------------------------


def not_blank(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Attrs validator: text that is not empty or only spaces (a non-string is refused too)."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


def to_weight(value: object) -> Decimal:
    """Attrs converter: a weight in percent, as an exact ``Decimal`` (floats refused)."""
    return to_decimal(value, what="weight")


def to_optional_weight(value: object) -> Decimal | None:
    """Attrs converter: a weight, or ``None``."""
    return None if value is None else to_decimal(value, what="weight")


def to_share(value: object) -> Decimal | None:
    """Attrs converter: a combined scheme's monetised share, or ``None``."""
    return None if value is None else to_decimal(value, what="monetised_share")


def to_band_score(value: object) -> Decimal:
    """Attrs converter: a score band's percentage."""
    return to_decimal(value, what="score")


def to_quality(value: object) -> Decimal:
    """Attrs converter: a quality score, or the top of the quality scale."""
    return to_decimal(value, what="quality")


def to_optional_strings(value: object) -> tuple[str, ...] | None:
    """Attrs converter: a list of strings as a tuple, or ``None``."""
    return None if value is None else string_tuple(value)


def percent_problem(where: str, number: Decimal) -> Problem | None:
    """The problem with a percentage outside 0–100, if it is."""
    if not 0 <= number <= HUNDRED:
        return Problem(where, f"{number} is not a percentage from 0 to 100")
    return None


# --- text for people: rounded only for show -----------------------------------------------------

#: Shows a score rounded for presentation.
Show: TypeAlias = Callable[[Decimal], str]

_BASIS_WORDS = {"gross": "gross £", "net": "net £", "present_value": "present value"}


def shown(number: Decimal, places: int, rounding: RoundingMode = RoundingMode.HALF_UP) -> str:
    """A number rounded for presentation (the data keeps it exact)."""
    with calculation_context():
        return f"{number.quantize(Decimal(1).scaleb(-places), rounding=rounding.value):f}"


def brief(number: Decimal, places: int = 4) -> str:
    """A per-unit figure, trailing zeros dropped; ``≈`` marks one that was shortened."""
    with calculation_context():
        short = number.quantize(Decimal(1).scaleb(-places)).normalize()
    return f"{short:f}" if short == number else f"≈{short:f}"


def pct(number: Decimal) -> str:
    """A weight or share as written: ``60``, ``12.5``."""
    return f"{number.normalize():f}"


def words(member: enum.Enum) -> str:
    """An enum member's value as words: ``lowest_price_ratio`` → ``lowest price ratio``."""
    return str(member.value).replace("_", " ")


def basis_words(basis: enum.Enum) -> str:
    """An :class:`~socialvalue.procurement.OfferBasis` as explanations name it: ``net £``."""
    return _BASIS_WORDS[str(basis.value)]


def money_text(amount: Money, places: int = 2) -> str:
    """An amount to ``places`` decimal places with its currency: ``20000.00 GBP``."""
    return f"{amount.quantize(places).amount:f} {amount.currency}"
