"""Small converters and validators for the procurement classes' fields."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import cast

import attrs

from socialvalue._decimal import to_decimal
from socialvalue._validators import string_tuple as _strings
from socialvalue.exceptions import Problem
from socialvalue.periods import AnyPeriod, Period, parse_period

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
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")


def _not_blank(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


def _id(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            f"{attribute.name}: {value!r} is not an id (letters, digits and . _ / -, starting "
            "with a letter or digit, e.g. 'LCR-2025-014')"
        )


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
    if isinstance(value, str):
        return parse_period(value)
    if isinstance(value, dt.datetime):
        raise TypeError("period: expected a period or a date, not a datetime")
    if isinstance(value, dt.date):
        return Period(value, value)
    return cast("AnyPeriod", value)


def _optional_period(value: object) -> AnyPeriod | None:
    return None if value is None else _period(value)


def _optional_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise TypeError(f"due: expected a date, got {type(value).__name__}")


def _optional_strings(value: object) -> tuple[str, ...] | None:
    return None if value is None else _strings(value)


def _percent_problem(where: str, number: Decimal) -> Problem | None:
    if not 0 <= number <= _HUNDRED:
        return Problem(where, f"{number} is not a percentage from 0 to 100")
    return None
