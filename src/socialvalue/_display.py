"""Display: every number, amount, percentage, date and count shown to people is formatted here.

One place, shared by ``str(Money)``, the report renderers, the command line and the ELT summary.
The rules, the same everywhere:

- The caller names the locale (``en_GB``, ``cy_GB`` …); nothing is read from the environment.
- Rounding happens here, once, with an explicit ``decimal`` rounding mode (``ROUND_HALF_UP``
  unless the caller says otherwise); Babel is then called with ``decimal_quantization=False``,
  so the number shown is the number computed, never re-rounded by Babel.
- Everything runs in the library's own decimal context: the caller's context (its precision,
  its rounding) changes nothing shown.
- Amounts that are not rounded (``places=None`` for numbers) are shown exactly.

The functions take plain ``Decimal`` amounts and ISO currency codes, so :mod:`socialvalue.money`
can use them without this module importing it back.

>>> money(Decimal("164122"), "GBP", locale="en_GB")
'£164,122.00'
>>> money(Decimal("-2.675"), "GBP", locale="cy_GB")
'-£2.68'
>>> number(Decimal("14000.5"), locale="en_GB")
'14,000.5'
>>> percent(Decimal("0.655"), locale="en_GB")
'65.5%'
>>> count(1, "delivery", "deliveries", locale="en_GB")
'1 delivery'
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from socialvalue._decimal import calculation_context

if TYPE_CHECKING:
    from socialvalue._phrases import Phrase

__all__ = [
    "DEFAULT_LOCALE",
    "compact_money",
    "count",
    "currency_places",
    "date",
    "money",
    "number",
    "percent",
    "phrase",
    "plural",
    "rounded",
]

#: The locale used where a reader's locale is not given (``str(Money)``).
DEFAULT_LOCALE = "en_GB"

_HALF_UP = decimal.ROUND_HALF_UP
_COMPACT_STEPS = ((Decimal(10) ** 9, 9), (Decimal(10) ** 6, 6), (Decimal(10) ** 3, 3))


@cache
def _numbers() -> ModuleType:
    # Babel's number data takes tens of milliseconds to import; loaded on first display, not
    # at ``import socialvalue`` (this is load time, not a hidden import cycle).
    import babel.numbers  # noqa: PLC0415

    return babel.numbers


@cache
def _dates() -> ModuleType:
    import babel.dates  # noqa: PLC0415 - as _numbers: loaded on first use

    return babel.dates


@cache
def _locale(name: str) -> Any:  # noqa: ANN401 - a babel.Locale, whose module loads on first use
    """The parsed locale, once per name (parsing it on every call dominated report rendering)."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - as _numbers: on first use

    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError) as error:
        raise ValueError(f"unknown locale {name!r}; locales are written like 'en_GB'") from error


@cache
def _pattern(fraction: int) -> Any:  # noqa: ANN401 - a babel NumberPattern, as _locale
    """A grouped number pattern with exactly ``fraction`` decimal places shown, parsed once."""
    return _numbers().parse_pattern("#,##0" + ("." + "0" * fraction if fraction else ""))


@functools.lru_cache(maxsize=65_536)
def _grouped(shown: Decimal, signed: bool, fraction: int, locale: str) -> str:
    """Babel's grouped text of a number already rounded, with ``fraction`` places shown.

    Cached: a report shows the same per-unit figures and totals many times, and Babel's
    formatting is the slow part of rendering. ``signed`` is in the key because ``-0`` and
    ``0`` are equal but are not written alike; numbers equal in value with the same places
    shown are written alike.
    """
    del signed  # part of the cache key only
    with calculation_context():  # Babel computes in the current context: make it ours
        text: str = _numbers().format_decimal(
            shown, format=_pattern(fraction), locale=_locale(locale), decimal_quantization=False
        )
    return text


@cache
def _symbol(currency: str, locale: str) -> str:
    symbol: str = _numbers().get_currency_symbol(currency, locale=_locale(locale))
    return symbol


def rounded(amount: Decimal, places: int, rounding: str = _HALF_UP) -> Decimal:
    """``amount`` rounded once to ``places`` decimal places with an explicit ``decimal`` mode.

    ``places`` may be negative (tens, hundreds …).

    >>> rounded(Decimal("2.675"), 2)
    Decimal('2.68')
    >>> rounded(Decimal("2.675"), 2, decimal.ROUND_HALF_EVEN)
    Decimal('2.68')
    >>> rounded(Decimal("2.665"), 2, decimal.ROUND_HALF_EVEN)
    Decimal('2.66')
    """
    with calculation_context():
        return amount.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def currency_places(currency: str) -> int:
    """The standard number of decimal places of a currency (ISO 4217, from Babel's data).

    >>> currency_places("GBP"), currency_places("JPY")
    (2, 0)
    """
    return _currency_places(currency)


@cache
def _currency_places(currency: str) -> int:
    places: int = _numbers().get_currency_precision(currency)
    return places


def number(
    amount: Decimal, *, locale: str, places: int | None = None, rounding: str = _HALF_UP
) -> str:
    """A plain number grouped for ``locale``: exact unless ``places`` is given.

    The decimal places the number carries are shown, trailing zeros included (``250.50``
    stays ``250.50``; rounded to two places, ``3`` is ``3.00``).

    >>> number(Decimal("1234.5678"), locale="en_GB", places=2)
    '1,234.57'
    >>> number(Decimal("1234.5678"), locale="en_GB")
    '1,234.5678'
    >>> number(Decimal("250.50"), locale="cy_GB"), number(Decimal(3), locale="en_GB", places=2)
    ('250.50', '3.00')
    """
    shown = amount if places is None else rounded(amount, places, rounding)
    exponent = shown.as_tuple().exponent
    fraction = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return _grouped(shown, shown.is_signed(), fraction, locale)


def money(
    amount: Decimal,
    currency: str,
    *,
    locale: str,
    places: int | None = None,
    rounding: str = _HALF_UP,
) -> str:
    """An amount with its currency symbol, rounded once (default: the currency's own digits).

    >>> money(Decimal("2164000.005"), "GBP", locale="en_GB")
    '£2,164,000.01'
    >>> money(Decimal("2164000.5"), "GBP", locale="en_GB", places=0)
    '£2,164,001'
    >>> money(Decimal("1500"), "JPY", locale="en_GB")
    'JP¥1,500'
    """
    digits = currency_places(currency) if places is None else places
    symbol = _symbol(currency, locale)
    shown = rounded(amount, digits, rounding)
    text = _grouped(shown.copy_abs(), False, max(digits, 0), locale)  # noqa: FBT003
    return f"-{symbol}{text}" if shown < 0 else f"{symbol}{text}"


def compact_money(
    amount: Decimal,
    currency: str,
    *,
    locale: str,
    places: int | None = None,
    rounding: str = _HALF_UP,
) -> str:
    """A headline amount, ``£2.2 million``: one decimal of its scale, rounded once.

    Below a thousand it is :func:`money` (to ``places``, default the currency's digits).

    >>> compact_money(Decimal("2164000"), "GBP", locale="en_GB")
    '£2.2 million'
    >>> compact_money(Decimal("17000000"), "GBP", locale="cy_GB")
    '£17 miliwn'
    """
    numbers = _numbers()
    symbol = _symbol(currency, locale)
    magnitude = abs(amount)
    for step, power in _COMPACT_STEPS:
        if magnitude >= step:
            with calculation_context():
                scaled = rounded(amount / step, 1, rounding) * step
                if scaled.normalize() == scaled.to_integral_value():
                    scaled = scaled.quantize(Decimal(1).scaleb(power - 1))
                text = numbers.format_compact_decimal(
                    scaled.copy_abs(),
                    format_type="long",
                    locale=_locale(locale),
                    fraction_digits=1,
                )
            return f"-{symbol}{text}" if scaled < 0 else f"{symbol}{text}"
    return money(amount, currency, locale=locale, places=places, rounding=rounding)


def percent(fraction: Decimal, *, locale: str, places: int = 1, rounding: str = _HALF_UP) -> str:
    """A fraction as a percentage, rounded once (``0.655`` → ``65.5%``).

    >>> percent(Decimal("0.5"), locale="cy_GB", places=0), percent(Decimal("0.72"), locale="en_GB")
    ('50%', '72.0%')
    """
    with calculation_context():
        hundredths = fraction * 100
    return f"{number(hundredths, locale=locale, places=places, rounding=rounding)}%"


def date(day: dt.date, *, locale: str) -> str:
    """A date, long form.

    >>> date(dt.date(2023, 6, 9), locale="en_GB"), date(dt.date(2023, 6, 9), locale="cy_GB")
    ('9 June 2023', '9 Mehefin 2023')
    """
    text: str = _dates().format_date(day, format="long", locale=_locale(locale))
    return text


def plural(
    n: int | Decimal,
    forms: Mapping[str, str],
    *,
    locale: str,
    values: Mapping[str, str] | None = None,
) -> str:
    """The form of a phrase for ``n`` under ``locale``'s plural rules, with ``{n}`` filled in.

    ``forms`` maps CLDR plural categories (``zero``, ``one``, ``two``, ``few``, ``many``,
    ``other``) to templates; ``other`` is required and used for any category not given.
    ``values`` fills the templates' other placeholders (already formatted text).

    >>> forms = {"one": "{n} delivery", "other": "{n} deliveries"}
    >>> plural(1, forms, locale="en_GB"), plural(2500, forms, locale="en_GB")
    ('1 delivery', '2,500 deliveries')
    """
    category = _locale(locale).plural_form(n)
    template = forms.get(category, forms["other"])
    return template.format(n=number(Decimal(n), locale=locale), **(values or {}))


def count(n: int, singular: str, plural_form: str | None = None, *, locale: str) -> str:
    """A count and an English-style noun (``1 delivery``, ``3 deliveries``), grouped for locale.

    ``plural_form`` defaults to ``singular`` + ``s``. For text translated into languages with
    more plural forms, use :func:`plural`.

    >>> count(12000, "row", locale="en_GB")
    '12,000 rows'
    """
    forms = {"one": f"{{n}} {singular}", "other": f"{{n}} {plural_form or singular + 's'}"}
    return plural(n, forms, locale=locale)


#: Per-unit figures of a working are shown to this many places; ``≈`` marks a shortened one.
WORKING_PLACES = 6


def working_number(amount: Decimal | int, *, locale: str, rounding: str = _HALF_UP) -> str:
    """A figure of a valuation's working: exact up to six places, else ``≈`` and six places.

    >>> working_number(Decimal("1.0712250001"), locale="cy_GB"), working_number(3, locale="en_GB")
    ('≈1.071225', '3')
    """
    exact = Decimal(amount)
    shown = rounded(exact, WORKING_PLACES, rounding).normalize()
    text = number(shown, locale=locale)
    return text if shown == exact else f"≈{text}"


def phrase(
    item: Phrase,
    *,
    template: Callable[[str], str],
    locale: str,
    rounding: str = _HALF_UP,
    data: Callable[[str], str] = str,
) -> str:
    """A phrase of a valuation's working in ``locale``: ``template(key)`` gives its message.

    Numbers are shown by :func:`working_number`; prose from the data by ``data`` (its
    translation), other text from the data (codes, sources) as written.
    """
    # imported here: Money's str() needs this module, and a methodology no phrases
    from socialvalue._phrases import fill  # noqa: PLC0415

    return fill(
        item,
        template,
        lambda amount: working_number(amount, locale=locale, rounding=rounding),
        data,
    )
