"""Exact money: a ``Decimal`` amount with an ISO 4217 currency.

Arithmetic is exact and never rounds; rounding happens once, at presentation, through
:meth:`Money.quantize` with a named :class:`RoundingMode`, or when an amount is shown to a
reader: ``str(money)`` and ``format(money, spec)`` round a copy (half up) and leave the amount
exact. ``repr(money)`` is exact and the same in every locale.
"""

from __future__ import annotations

import decimal
import enum
import functools
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Self

import attrs

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue._display import DEFAULT_LOCALE, money as display_money, rounded
from socialvalue._fields import CURRENCY
from socialvalue._limits import MAX_MONEY_EXPONENT, MAX_MONEY_PLACES, MAX_QUANTIZE_PLACES
from socialvalue._methods import model_repr
from socialvalue.exceptions import CurrencyMismatchError

__all__ = ["Money", "RoundingMode", "sum_money"]


# The format specs' patterns compile on first use (the first f"{money:...}").
@functools.cache
def _locale_spec() -> re.Pattern[str]:
    return re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")


@functools.cache
def _number_spec() -> re.Pattern[str]:
    """A fixed-point spec for the amount: ``[[fill]align][sign][z][#][0][width][,|_][.places]f``."""
    return re.compile(r"^(?P<head>(?:.?[<>=^])?[+\- ]?z?#?0?\d*[,_]?)(?:\.(?P<places>\d+))?f$")


class RoundingMode(enum.Enum):
    """How to round at presentation; the values are the ``decimal`` module's constants.

    ``HALF_UP`` is what most people expect of a published figure (2.5 → 3);
    ``HALF_EVEN`` (banker's rounding) avoids bias when many figures are rounded and summed.
    """

    HALF_UP = decimal.ROUND_HALF_UP
    HALF_EVEN = decimal.ROUND_HALF_EVEN
    HALF_DOWN = decimal.ROUND_HALF_DOWN
    UP = decimal.ROUND_UP
    DOWN = decimal.ROUND_DOWN
    CEILING = decimal.ROUND_CEILING
    FLOOR = decimal.ROUND_FLOOR


def _amount(value: object) -> Decimal:
    return _bounded(to_decimal(value, what="amount"), "amount")


def _bounded(number: Decimal, what: str) -> Decimal:
    """Refuse an amount (or factor) beyond :mod:`socialvalue._limits`' money boundaries."""
    if number and number.adjusted() >= MAX_MONEY_EXPONENT:
        raise ValueError(
            f"{what}: {number} is too large (amounts must be less than 10^{MAX_MONEY_EXPONENT})"
        )
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_MONEY_PLACES:
        raise ValueError(
            f"{what}: {number} has {-exponent} decimal places; at most {MAX_MONEY_PLACES}"
        )
    return number


def _check_currency(_instance: object, _attribute: object, value: str) -> None:
    if not CURRENCY.match(value):
        raise ValueError(f"currency: {value!r} is not an ISO 4217 code such as 'GBP'")


@attrs.frozen(order=False)
class Money:
    """An exact amount of one currency.

    Args:
        amount: The amount, as ``Decimal``, ``int`` or a decimal string; floats are refused.
        currency: ISO 4217 code, ``GBP`` unless said otherwise.

    >>> Money("12.34") * 14
    Money(amount=Decimal('172.76'), currency='GBP')
    >>> Money("0.10") + Money("0.20") == Money("0.30")
    True
    >>> Money("2.675").quantize(2, RoundingMode.HALF_UP)
    Money(amount=Decimal('2.68'), currency='GBP')
    >>> Money("1", "GBP") + Money("1", "EUR")
    Traceback (most recent call last):
    ...
    socialvalue.exceptions.CurrencyMismatchError: cannot add GBP and EUR amounts
    """

    __repr__ = model_repr

    amount: Decimal = attrs.field(converter=_amount)
    currency: str = attrs.field(default="GBP", validator=_check_currency)

    @classmethod
    def zero(cls, currency: str = "GBP") -> Self:
        """Return zero in ``currency``."""
        return cls(Decimal(0), currency)

    @classmethod
    def _trusted(cls, amount: Decimal, currency: str) -> Money:
        """Build from a ``Decimal`` and a currency already known to be valid (no checks).

        Arithmetic between valid amounts yields valid amounts; skipping the converter and
        validator there makes sums of millions of amounts several times faster.
        """
        money = object.__new__(Money)
        object.__setattr__(money, "amount", amount)
        object.__setattr__(money, "currency", currency)
        return money

    def _same(self, other: Money, verb: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatchError(
                f"cannot {verb} {self.currency} and {other.currency} amounts"
            )

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        if other.currency != self.currency:
            self._same(other, "add")
        with calculation_context():
            return Money._trusted(self.amount + other.amount, self.currency)

    def __radd__(self, other: object) -> Money:
        # Lets the builtin sum() start from 0.
        if isinstance(other, int) and not isinstance(other, bool) and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same(other, "subtract")
        with calculation_context():
            return Money._trusted(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money._trusted(-self.amount, self.currency)

    def __abs__(self) -> Money:
        return Money._trusted(abs(self.amount), self.currency)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, Money):
            raise TypeError("cannot multiply money by money")
        if not isinstance(factor, (Decimal, int, float)) or isinstance(factor, bool):
            return NotImplemented
        with calculation_context():
            factor = _bounded(to_decimal(factor, what="factor"), "factor")
            return Money._trusted(_bounded(self.amount * factor, "product"), self.currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: object) -> Money | Decimal:
        """Divide by a number (giving money) or by money of the same currency (a ratio).

        Division can be inexact; it is computed to 100 significant digits.
        """
        if isinstance(divisor, Money):
            self._same(divisor, "divide")
            if divisor.amount == 0:
                raise ZeroDivisionError("cannot divide by a zero amount")
            with calculation_context():
                return self.amount / divisor.amount
        if not isinstance(divisor, (Decimal, int, float)) or isinstance(divisor, bool):
            return NotImplemented
        number = _bounded(to_decimal(divisor, what="divisor"), "divisor")
        if number == 0:
            raise ZeroDivisionError("cannot divide an amount by zero")
        with calculation_context():
            return Money(self.amount / number, self.currency)

    def _other_amount(self, other: object) -> Decimal | None:
        if not isinstance(other, Money):
            return None
        self._same(other, "compare")
        return other.amount

    def __lt__(self, other: object) -> bool:
        amount = self._other_amount(other)
        return NotImplemented if amount is None else self.amount < amount

    def __le__(self, other: object) -> bool:
        amount = self._other_amount(other)
        return NotImplemented if amount is None else self.amount <= amount

    def __gt__(self, other: object) -> bool:
        amount = self._other_amount(other)
        return NotImplemented if amount is None else self.amount > amount

    def __ge__(self, other: object) -> bool:
        amount = self._other_amount(other)
        return NotImplemented if amount is None else self.amount >= amount

    def __bool__(self) -> bool:
        return bool(self.amount)

    def is_zero(self) -> bool:
        """Return whether the amount is zero."""
        return self.amount == 0

    def quantize(self, places: int = 2, rounding: RoundingMode = RoundingMode.HALF_UP) -> Money:
        """Round to ``places`` decimal places with an explicit mode (for presentation only).

        ``places`` may be negative to round to tens, hundreds …:

        >>> Money("2164000").quantize(-5, RoundingMode.HALF_UP).amount
        Decimal('2.2E+6')
        """
        if (
            isinstance(places, bool)
            or not isinstance(places, int)
            or not -MAX_MONEY_EXPONENT <= places <= MAX_QUANTIZE_PLACES
        ):
            raise ValueError(
                f"places: expected a whole number from -{MAX_MONEY_EXPONENT} to "
                f"{MAX_QUANTIZE_PLACES}, got {places!r}"
            )
        exponent = Decimal(1).scaleb(-places)
        with calculation_context():
            return Money(self.amount.quantize(exponent, rounding=rounding.value), self.currency)

    def __str__(self) -> str:
        """The amount for a reader: ``£164,122.00``.

        British English (``en_GB``) conventions, the currency's standard number of decimal
        places (2 for GBP, 0 for JPY), rounded half up (2.675 → 2.68). The amount itself stays
        exact: use :func:`repr` or :attr:`amount` for the exact figure, ``format()`` for others.

        >>> str(Money("164122"))
        '£164,122.00'
        >>> print(Money("-2.675"), Money("1500", "JPY"))
        -£2.68 JP¥1,500
        """
        return display_money(self.amount, self.currency, locale=DEFAULT_LOCALE)

    def __format__(self, spec: str) -> str:
        """Format for a reader with a small spec language.

        - ``""``: the same as ``str(money)``.
        - a locale, such as ``"cy_GB"``: the amount with its symbol, written for that locale
          (the currency's digits, rounded half up).
        - a fixed-point spec ending in ``f`` (``".2f"``, ``",.2f"``, ``">12,.0f"``, ``",f"``):
          the amount alone, no symbol, as Python formats a ``Decimal`` with that spec, except
          that rounding to the given places is always half up, whatever the ``decimal``
          context says. Without places (``"f"``, ``",f"``) the amount is exact.

        Anything else is refused with a ``ValueError``.

        >>> amount = Money("164122.005")
        >>> f"{amount}", f"{amount:cy_GB}"
        ('£164,122.01', '£164,122.01')
        >>> f"{amount:,.2f}", f"{amount:.0f}", f"{amount:,f}"
        ('164,122.01', '164122', '164,122.005')
        >>> f"{Money('0.125'):.2f}"
        '0.13'
        >>> f"{amount:.2e}"  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: Money format spec '.2e': use '', a locale such as 'cy_GB', or a fixed-point ...
        """
        if not spec:
            return str(self)
        if _locale_spec().match(spec):
            return display_money(self.amount, self.currency, locale=spec)
        found = _number_spec().match(spec)
        if found is None:
            raise ValueError(
                f"Money format spec {spec!r}: use '', a locale such as 'cy_GB', "
                "or a fixed-point spec such as ',.2f'"
            )
        amount = self.amount
        if found["places"] is not None:
            amount = rounded(amount, int(found["places"]), decimal.ROUND_HALF_UP)
        if amount == 0:
            amount = amount.copy_abs()  # '-0.00' for a zero, as ``str`` shows '£0.00'
        return format(amount, spec)


def sum_money(amounts: Iterable[Money], currency: str = "GBP") -> Money:
    """Add amounts exactly; an empty iterable gives zero in ``currency``.

    >>> sum_money([Money("0.1"), Money("0.2")])
    Money(amount=Decimal('0.3'), currency='GBP')
    """
    total = Money.zero(currency)
    for amount in amounts:
        total += amount
    return total
