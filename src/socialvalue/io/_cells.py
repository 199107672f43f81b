"""Reading the cells of a returns file: numbers as councils write them, periods, yes/no, lists.

A CSV cell is text. A spreadsheet cell may also be a number, a true/false value or a date; a
cell that cannot be read (a formula with no saved value, an error such as ``#DIV/0!``, a date
with a time) is a :class:`BadCell` carrying the reason. Nothing here guesses: text that is not
exactly a number in the file's locale is an error that says so, never a number read some other
way.
"""

from __future__ import annotations

import datetime as dt
import decimal
import re
from decimal import Decimal

import attrs
from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from socialvalue._limits import MAX_NUMBER_CHARS
from socialvalue._text import split_lines
from socialvalue.exceptions import PeriodParseError, Problem, ValidationError
from socialvalue.periods import AnyPeriod, Period, parse_period
from socialvalue.units import Unit, UnitKind

__all__ = [
    "BadCell",
    "CellProblem",
    "CellValue",
    "Number",
    "NumberReader",
    "is_blank",
    "read_flag",
    "read_period",
    "split_lines",
]


def significant_digits(number: Decimal) -> int:
    """How many significant digits a finite decimal has (``1.50`` has 2; ``0`` has 1).

    Counted from its digits, so it does not depend on the decimal context's precision.
    """
    digits = "".join(map(str, number.as_tuple().digits)).strip("0")
    return max(len(digits), 1)


def exact_context(number: Decimal) -> decimal.Context:
    """A decimal context in which scaling ``number`` by 100, and formatting it, are exact."""
    _, digits, exponent = number.as_tuple()
    places = abs(exponent) if isinstance(exponent, int) else 0
    return decimal.Context(
        prec=len(digits) + places + 10, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN
    )


@attrs.frozen
class Number:
    """A number cell of a spreadsheet, exactly as stored; ``percent`` if it is shown as one."""

    value: Decimal
    percent: bool = False


@attrs.frozen
class BadCell:
    """A spreadsheet cell that cannot be read, with what it holds and why."""

    text: str
    message: str


#: What a cell can hold once read.
CellValue = str | Number | bool | dt.date | BadCell


class CellProblem(ValueError):  # noqa: N818 - internal signal, always turned into a Problem
    """A cell that does not hold what its column needs; the message says why."""


def is_blank(value: CellValue) -> bool:
    """Whether a cell holds nothing (empty, or only spaces)."""
    return isinstance(value, str) and not value.strip()


_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0"})


def read_flag(value: CellValue) -> bool:
    """A yes/no cell: ``yes``/``no``, ``y``/``n``, ``true``/``false``, ``1``/``0``; empty is no."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Number) and not value.percent and value.value in (0, 1):
        return value.value == 1
    if isinstance(value, str):
        text = value.strip().casefold()
        if not text or text in _NO:
            return False
        if text in _YES:
            return True
    raise CellProblem(f"{_shown(value)} is not yes or no")


def read_period(value: CellValue) -> AnyPeriod:
    """A period: a label (any form :func:`~socialvalue.parse_period` reads) or a date."""
    if isinstance(value, dt.date):
        try:
            return Period(value, value)
        except ValueError as error:
            raise CellProblem(f"the date {value.isoformat()} is not a period: {error}") from None
    if isinstance(value, Number) and not value.percent and value.value == value.value.to_integral():
        value = str(int(value.value))
    if not isinstance(value, str):
        raise CellProblem(f"{_shown(value)} is not a period such as '2022/23 Q3'")
    try:
        return parse_period(value.strip())
    except PeriodParseError as error:
        raise CellProblem(str(error)) from None


def _shown(value: CellValue) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, Number):
        return f"{value.value:f}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, BadCell):
        return repr(value.text)
    return repr(value)


_CURRENCY_SIGNS = "£$€¥"
_CURRENCY_CODE = re.compile(r"^([A-Z]{3})\s*(?=[0-9])")
_SPACES = frozenset(" \u00a0\u202f\u2009")
_WORDS = re.compile(r"[0-9]\s*[^\W\d_]{2,}")


def _plain_digits(digits: decimal.DecimalTuple) -> bool:
    """A non-negative number with no exponent and no trailing zero in its fraction.

    Babel writes such a number as Python's ``format(value, "f")`` does in a point locale; it
    drops a fraction's trailing zeros (``12.50`` is written ``12.5``), so those go to Babel.
    """
    exponent = digits.exponent
    if digits.sign or not isinstance(exponent, int) or exponent > 0:
        return False
    return exponent == 0 or digits.digits[-1] != 0


#: How many rendered numbers a reader remembers.
_RENDERED = 100_000

#: Room for every digit of a number Babel is given to check (at most MAX_NUMBER_CHARS long).
_BABEL_CONTEXT = decimal.Context(prec=2 * MAX_NUMBER_CHARS, Emax=10 * MAX_NUMBER_CHARS)


class NumberReader:
    """Reads quantities written as a locale writes them, and renders spreadsheet numbers as text.

    Args:
        locale: A locale such as ``"en_GB"`` (``1,250.5``) or ``"de_DE"`` (``1.250,5``).

    Raises:
        ValidationError: for a locale babel does not know.
    """

    def __init__(self, locale: str) -> None:
        try:
            self.locale = Locale.parse(locale)
        except (UnknownLocaleError, ValueError, TypeError):
            raise ValidationError([_locale_problem(locale)], subject="options") from None
        self.name = str(self.locale)
        self._rendered: dict[tuple[object, bool], str] = {}
        # Whether Babel writes a plain number as Python does ("1234.5", "0.05"): a point, no
        # grouping here, ASCII digits and minus.
        self._point = all(
            format_decimal(
                Decimal(text), locale=self.locale, decimal_quantization=False, group_separator=False
            )
            == text
            for text in ("1234.5", "0.05", "12.5", "7")
        )
        self.decimal = get_decimal_symbol(self.locale)
        self.group = get_group_symbol(self.locale)
        # A space-like grouping symbol is typed as whatever space the keyboard gives.
        self._space_group = self.group in _SPACES
        allowed = re.escape(self.decimal + self.group)
        self._shape = re.compile(
            rf"^[+-]?[0-9][0-9{allowed}]*$|^[+-]?{re.escape(self.decimal)}[0-9]+$"
        )
        self.example = format_decimal(Decimal("1234.5"), locale=self.locale)
        # The common case, read without Babel: digits grouped in threes (or not at all), then
        # an optional fraction. Babel's strict parser reads these the same way; it is kept for
        # everything else, and for its suggestions when a number is written wrongly.
        group, point = re.escape(self.group), re.escape(self.decimal)
        self._plain = re.compile(
            rf"^[+-]?(?:[0-9]{{1,3}}(?:{group}[0-9]{{3}})+|[0-9]+)(?:{point}[0-9]+)?$"
        )

    def render(self, value: CellValue) -> str:
        """A cell as text: numbers in the locale's style without grouping (``1250.5``)."""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, Number):
            digits = value.value.as_tuple()
            if self._point and not value.percent and _plain_digits(digits):
                # What Babel writes for it in a locale whose decimal sign is a point.
                return f"{value.value:f}"
            # Spreadsheets repeat their numbers; Babel is slow. Keyed by the exact digits
            # (1.0 and 1 are equal decimals but are written differently).
            key = (digits, value.percent)
            text = self._rendered.get(key)
            if text is None:
                with decimal.localcontext(exact_context(value.value)):
                    shown = value.value * 100 if value.percent else value.value
                    text = format_decimal(
                        shown, locale=self.locale, decimal_quantization=False, group_separator=False
                    )
                text = f"{text}%" if value.percent else text
                if len(self._rendered) < _RENDERED:
                    self._rendered[key] = text
            return text
        if isinstance(value, dt.date):
            return value.isoformat()
        return value.text

    def quantity(self, value: CellValue, *, measure: str | None, unit: Unit | None) -> Decimal:
        """Read a quantity of ``measure`` (in ``unit``); ``unit`` is ``None`` when unknown.

        A currency sign is allowed only for a money unit (the unit's own currency), a ``%``
        only for a ratio unit; anything else that is not exactly a number is a problem.
        """
        if isinstance(value, Number):
            if value.percent:
                if unit is not None and unit.kind is not UnitKind.RATIO:
                    raise CellProblem(
                        f"the cell shows a percentage ({self.render(value)}), but {measure} is "
                        f"not counted in percent (its unit is {unit.code!r})"
                    )
                with decimal.localcontext(exact_context(value.value)):
                    return value.value * 100
            return value.value
        if isinstance(value, bool):
            raise CellProblem(f"{_shown(value)} is not a number")
        if isinstance(value, dt.date):
            raise CellProblem(
                f"the cell holds {_shown(value)}, not a number (a spreadsheet may have turned "
                "what was typed into a date)"
            )
        if isinstance(value, BadCell):  # pragma: no cover - reported before reading
            raise CellProblem(value.message)
        return self._parse(value, measure=measure, unit=unit)

    def _parse(self, text: str, *, measure: str | None, unit: Unit | None) -> Decimal:
        body = text.strip()
        sign = ""
        if body[:1] in ("+", "-"):  # not `in "+-"`: an empty body is in every string
            sign, body = body[0], body[1:].lstrip()
        if not body:
            raise CellProblem(
                f"{text!r} is a sign without a number; write 0 if nothing was delivered"
            )
        body = self._strip_currency(body, text, measure=measure, unit=unit)
        if body.endswith("%"):
            if unit is not None and unit.kind is not UnitKind.RATIO:
                raise CellProblem(
                    f"{text!r} is a percentage, but {measure} is not counted in percent "
                    f"(its unit is {unit.code!r})"
                )
            body = body[:-1].rstrip()
        if self._space_group:
            body = "".join(self.group if char in _SPACES else char for char in body)
        number = sign + body
        if len(number) > MAX_NUMBER_CHARS:
            # checked before Babel, whose suggestions for a wrongly grouped number are computed
            # in the default 28-digit context (a longer one raised decimal.InvalidOperation)
            raise CellProblem(
                f"a number of {len(number):,} characters; at most {MAX_NUMBER_CHARS} are read"
            )
        if not self._shape.match(number):
            hint = ""
            if _WORDS.search(body):
                hint = "; write only the number (the unit goes in the unit column)"
            raise CellProblem(f"{text!r} is not a number{hint}")
        if self._plain.match(number):
            return Decimal(number.replace(self.group, "").replace(self.decimal, "."))
        return self._grouped(number, text)

    def _grouped(self, number: str, text: str) -> Decimal:
        """Read a number grouped other than in threes with Babel, or say how to write it."""
        try:
            with decimal.localcontext(_BABEL_CONTEXT):
                return parse_decimal(number, locale=self.locale, strict=True)
        except NumberFormatError as error:
            suggestions = [s for s in getattr(error, "suggestions", None) or [] if s]
            hint = "; did you mean " + " or ".join(repr(s) for s in suggestions) + "?"
            raise CellProblem(
                f"{text!r} is not a number as {self.name} writes them (like {self.example})"
                + (hint if suggestions else "")
            ) from None

    def _strip_currency(
        self, body: str, text: str, *, measure: str | None, unit: Unit | None
    ) -> str:
        code = _CURRENCY_CODE.match(body)
        if (body and body[0] in _CURRENCY_SIGNS) or code:
            written = code[1] if code else body[0]
            rest = body[code.end() :] if code else body[1:]
            if unit is None:  # the measure is unknown: that is the problem to report
                return rest.lstrip()
            currency = unit.currency
            if unit.kind is not UnitKind.MONEY or currency is None:
                raise CellProblem(
                    f"{text!r} is an amount of money, but {measure} is not counted in money "
                    f"(its unit is {unit.code!r})"
                )
            own = {currency, get_currency_symbol(currency, locale=self.locale)}
            if written not in own:
                raise CellProblem(
                    f"{text!r} is not in {currency}, the currency {measure} is counted in"
                )
            return rest.lstrip()
        return body


def _locale_problem(locale: object) -> Problem:
    return Problem("locale", f"unknown locale {locale!r}; expected one such as 'en_GB' or 'de_DE'")
