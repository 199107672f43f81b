"""Exact decimal input and the library's own decimal context.

Nothing here depends on the caller's global decimal context: calculations run inside
:func:`calculation_context`, whose precision is high enough that sums and products of the
amounts a public body reports are exact.
"""

from __future__ import annotations

import decimal
from contextlib import AbstractContextManager
from decimal import Decimal

from socialvalue._limits import MAX_INPUT_EXPONENT, MAX_INPUT_PLACES
from socialvalue._numbers import check_input_size, parse_number
from socialvalue.exceptions import FloatNotAllowedError

__all__ = [
    "CONTEXT",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "bounded_decimal",
    "calculation_context",
    "to_decimal",
]

#: The largest input numbers the library accepts (declared in :mod:`socialvalue._limits`):
#: less than 10^15 in size, at most 20 decimal places. Within these, every product of a
#: quantity and a unit value (30 decimal places) and every sum of them stays exact in the
#: library's 100-digit context; no real quantity or amount needs more.
MAX_EXPONENT = MAX_INPUT_EXPONENT
MAX_PLACES = MAX_INPUT_PLACES
MAX_DIGITS = MAX_INPUT_EXPONENT + MAX_INPUT_PLACES

#: Precision for every calculation: 100 significant digits keeps sums and products of money
#: amounts and unit values (carried to 30 decimal places) exact; a division is carried to 100
#: significant digits. Traps turn invalid operations and division by zero into errors.
CONTEXT = decimal.Context(
    prec=100,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999999,
    Emax=999999,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def calculation_context() -> AbstractContextManager[decimal.Context]:
    """Return a context manager running decimal arithmetic in the library's context."""
    return decimal.localcontext(CONTEXT)


_NOT_FINITE = frozenset({"nan", "snan", "inf", "infinity"})


def to_decimal(value: object, *, what: str | None = "value") -> Decimal:
    """Convert exact input to a finite ``Decimal``; refuse floats, booleans and non-numbers.

    >>> to_decimal("12.34")
    Decimal('12.34')
    >>> to_decimal(500)
    Decimal('500')
    >>> to_decimal(12.34)
    Traceback (most recent call last):
    ...
    socialvalue.exceptions.FloatNotAllowedError: value: got the float 12.34; ...
    """
    prefix = f"{what}: " if what else ""
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool):
        raise TypeError(f"{prefix}expected a decimal number, got the boolean {value!r}")
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        raise FloatNotAllowedError(
            f"{prefix}got the float {value!r}; floats are inexact, so pass "
            f"Decimal({str(value)!r}) or the string {str(value)!r}"
        )
    elif isinstance(value, str):
        if value.strip().lstrip("+-").casefold() in _NOT_FINITE:
            raise ValueError(f"{prefix}{value!r} is not a finite number")
        result = parse_number(value, prefix=prefix)
    else:
        raise TypeError(f"{prefix}expected a decimal number, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{prefix}{value!r} is not a finite number")
    return result


def bounded_decimal(value: object, *, what: str | None = "value") -> Decimal:
    """:func:`to_decimal`, also refusing numbers too long or too large to keep exact.

    >>> bounded_decimal("1E+30", what="quantity")
    Traceback (most recent call last):
    ...
    ValueError: quantity: 1E+30 is too large (numbers must be less than 10^15 in size)
    """
    number = to_decimal(value, what=what)
    return check_input_size(number, prefix=f"{what}: " if what else "")
