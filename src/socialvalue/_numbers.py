"""One grammar for numbers written as text, whatever the input: returns, registries, money, periods.

A number is ASCII: an optional sign, digits with an optional decimal point, and an optional
exponent (``1.5E+3``). Arabic-Indic, full-width and other Unicode digits, digit-group
underscores (``1_000``), spaces inside the number, ``NaN`` and ``Infinity`` are refused
everywhere, so a number that one loader refuses no other loader accepts. Locale-written
quantities in returns (``1,250.50``, ``1.250,50``) are read by the returns reader, which applies
the same ASCII-digit rule before it removes the grouping. A number is checked for length
(:data:`~socialvalue._limits.MAX_NUMBER_CHARS`) before it is converted, so an absurdly long
one costs nothing.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

from socialvalue._limits import (
    MAX_INPUT_EXPONENT,
    MAX_INPUT_PLACES,
    MAX_NUMBER_CHARS,
)

__all__ = ["ASCII_DIGITS", "check_input_size", "parse_number"]


@functools.cache  # compiled on first use: building the shipped methodology reads no text number
def _number() -> re.Pattern[str]:
    """A plain number as text: what :func:`parse_number` accepts."""
    return re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)


#: The digits a number may be written with.
ASCII_DIGITS = "0123456789"


def parse_number(text: str, *, prefix: str = "") -> Decimal:
    """Read ``text`` (spaces around it ignored) as an exact ``Decimal`` by the one grammar.

    >>> parse_number(" -1.50 "), parse_number("1E-3")
    (Decimal('-1.50'), Decimal('0.001'))
    >>> parse_number("1_000")
    Traceback (most recent call last):
    ...
    ValueError: '1_000' is not a decimal number
    """
    body = text.strip()
    if len(body) > MAX_NUMBER_CHARS:
        raise ValueError(
            f"{prefix}a number of {len(body):,} characters; at most {MAX_NUMBER_CHARS} are read"
        )
    if not _number().fullmatch(body):
        raise ValueError(f"{prefix}{text!r} is not a decimal number{_grouped_hint(body)}")
    exponent = body.lower().partition("e")[2]
    if len(exponent.lstrip("+-")) > 6:
        raise ValueError(f"{prefix}{text!r} has an exponent too large to be an amount")
    return Decimal(body)


def _grouped_hint(body: str) -> str:
    """What to write instead of a number with group separators (only returns files read them).

    One comma and no point may be a decimal comma (``1,500`` is one and a half in de_DE), so
    that shape is given both ways; several groups, or a point after them, are grouping.

    >>> _grouped_hint("12,000.50"), _grouped_hint("12,00")
    ('; write it without separators, as 12000.50', '')
    >>> _grouped_hint("1,500")
    '; write it without separators, as 1500, or with a point if the comma marks decimals, as 1.500'
    """
    if not re.fullmatch(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", body):
        return ""
    hint = f"; write it without separators, as {body.replace(',', '')}"
    if body.count(",") == 1 and "." not in body:
        hint += f", or with a point if the comma marks decimals, as {body.replace(',', '.')}"
    return hint


def check_input_size(number: Decimal, *, prefix: str = "") -> Decimal:
    """Refuse a finite number outside the declared input boundaries; return it unchanged.

    >>> check_input_size(Decimal("1E+15"))
    Traceback (most recent call last):
    ...
    ValueError: 1E+15 is too large (numbers must be less than 10^15 in size)
    >>> check_input_size(Decimal("1E-30"))
    Traceback (most recent call last):
    ...
    ValueError: 1E-30 has 30 decimal places; at most 20 are accepted
    """
    if number and number.adjusted() >= MAX_INPUT_EXPONENT:
        raise ValueError(
            f"{prefix}{number} is too large (numbers must be less than "
            f"10^{MAX_INPUT_EXPONENT} in size)"
        )
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_INPUT_PLACES:
        raise ValueError(
            f"{prefix}{number} has {-exponent} decimal places; at most {MAX_INPUT_PLACES} are "
            "accepted"
        )
    return number
