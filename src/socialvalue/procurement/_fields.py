"""Small converters and validators for the procurement classes' fields."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from socialvalue._decimal import to_decimal
from socialvalue._fields import (
    code,
    optional_date,
    optional_period,
    string_tuple as _strings,
    to_period,
)
from socialvalue.exceptions import Problem

if TYPE_CHECKING:
    import datetime as dt

    from socialvalue.periods import AnyPeriod

__all__ = [
    "_HUNDRED",
    "_band_score",
    "_id",
    "_not_blank",
    "_optional_date",
    "_optional_period",
    "_optional_strings",
    "_optional_weight",
    "_percent_problem",
    "_period",
    "_quality",
    "_share",
    "_weight",
]

_HUNDRED = Decimal(100)


def _not_blank(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


_id = code("LCR-2025-014", "an id")


def _weight(value: object) -> Decimal:
    return to_decimal(value, what="weight")


def _optional_weight(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what="weight")


def _share(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what="monetised_share")


def _band_score(value: object) -> Decimal:
    return to_decimal(value, what="score")


def _quality(value: object) -> Decimal:
    return to_decimal(value, what="quality")


def _period(value: object) -> AnyPeriod:
    return to_period(value)


def _optional_period(value: object) -> AnyPeriod | None:
    return optional_period(value)


def _optional_date(value: object) -> dt.date | None:
    return optional_date(value)


def _optional_strings(value: object) -> tuple[str, ...] | None:
    return None if value is None else _strings(value)


def _percent_problem(where: str, number: Decimal) -> Problem | None:
    if not 0 <= number <= _HUNDRED:
        return Problem(where, f"{number} is not a percentage from 0 to 100")
    return None
