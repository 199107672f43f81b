"""Field converters and validators shared by the models: one definition, one message each.

The rules here are the package's, public inside it: a code, a currency, a period, a date, a
list of strings. Each model module uses them instead of writing its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from typing import TypeVar, cast

import attrs

from socialvalue._limits import check_day
from socialvalue.exceptions import Problem, ValidationError
from socialvalue.periods import (
    AcademicYear,
    AnyPeriod,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
    parse_period,
)

__all__ = [
    "CODE",
    "CURRENCY",
    "PERIOD_TYPES",
    "as_tuple",
    "code",
    "identifier",
    "not_blank",
    "optional_date",
    "optional_period",
    "optional_price_year",
    "price_year",
    "string_tuple",
    "to_period",
]

#: A code or identifier: letters, digits and ``. _ / -``, starting with a letter or digit.
CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
#: An ISO 4217 currency code.
CURRENCY = re.compile(r"^[A-Z]{3}$")


@functools.cache  # compiled on first use: the shipped methodology's classes do not check one
def identifier() -> re.Pattern[str]:
    """A lower-case identifier: a letter, then lower-case letters, digits, ``_`` (``fte_year``)."""
    return re.compile(r"^[a-z][a-z0-9_]*$")


#: Every kind of period, for ``isinstance`` checks.
PERIOD_TYPES: tuple[type, ...] = (
    Period,
    FinancialYear,
    FinancialQuarter,
    CalendarYear,
    AcademicYear,
)


def not_blank(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Attrs validator: text that is not empty or only spaces."""
    if not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


T = TypeVar("T")


def as_tuple(values: Iterable[T]) -> tuple[T, ...]:
    """Attrs converter: the items as a tuple, as ``tuple`` itself does.

    A Python function rather than ``tuple``: attrs inspects every converter's signature when it
    creates a class, and a built-in's signature is parsed from its text (about 2 ms each, on
    every ``import``); a Python function's is read in microseconds.
    """
    return tuple(values)


def string_tuple(value: object) -> tuple[str, ...]:
    """Attrs converter: a list of strings as a tuple; a lone string is refused, not split."""
    if isinstance(value, str):
        raise TypeError("expected a list of strings, got a single string")
    return tuple(cast("Iterable[str]", value))


def code(example: str, what: str = "a code") -> Callable[[object, attrs.Attribute[str], str], None]:
    """Attrs validator: a :data:`CODE`; the message names ``what`` it is and an ``example``."""

    def check(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not CODE.match(value):
            raise ValueError(
                f"{attribute.name}: {value!r} is not {what} (letters, digits and . _ / -, "
                f"starting with a letter or digit, e.g. {example!r})"
            )

    return check


def to_period(value: object) -> AnyPeriod:
    """Attrs converter: a period, its label (``"2022/23 Q3"``) or a single date, as a period.

    Anything else — a number, a ``datetime`` — is refused: ``42`` is not a period.

    >>> to_period("2022/23").label, to_period(dt.date(2023, 1, 5)).label
    ('2022/23', '2023-01-05')
    >>> to_period(42)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    socialvalue.exceptions.ValidationError: period: 42 (int) is not a period; expected ...
    """
    if isinstance(value, str):
        return parse_period(value)
    if isinstance(value, PERIOD_TYPES):
        return cast("AnyPeriod", value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return Period(value, value)
    raise ValidationError(
        [
            Problem(
                "",
                f"{value!r} ({type(value).__name__}) is not a period; expected a period, its "
                "label such as '2022/23 Q3', or a date",
            )
        ],
        subject="period",
    )


def optional_period(value: object) -> AnyPeriod | None:
    """Attrs converter: ``None``, or what :func:`to_period` accepts."""
    return None if value is None else to_period(value)


def optional_date(value: object) -> dt.date | None:
    """Attrs converter: ``None``, a date or an ISO date text; a ``datetime`` is refused.

    The date must fall in the declared years (:data:`socialvalue._limits.MIN_YEAR` to
    :data:`~socialvalue._limits.MAX_YEAR`).
    """
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return check_day(value)
    if isinstance(value, str):
        return check_day(dt.date.fromisoformat(value))
    raise TypeError(f"expected a date, got {type(value).__name__}")


def price_year(value: object) -> FinancialYear | CalendarYear:
    """Attrs converter: a price year from its label, or the year itself.

    A figure's price year is a financial year (``2022/23``) or a calendar year (``2022``).

    >>> price_year("2019").label, price_year("2019/20").label
    ('2019', '2019/20')
    """
    period = parse_period(value) if isinstance(value, str) else value
    if not isinstance(period, (FinancialYear, CalendarYear)):
        raise TypeError(
            f"price_base: expected a financial year ('2022/23') or calendar year ('2022'), "
            f"got {value!r}"
        )
    return period


def optional_price_year(value: object) -> FinancialYear | CalendarYear | None:
    """Attrs converter: ``None``, or what :func:`price_year` accepts."""
    return None if value is None else price_year(value)
