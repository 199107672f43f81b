"""The boundaries of what socialvalue accepts, declared once.

Every input is checked against these when it enters (a constructor, a converter, a loader), so
nothing accepted can fail later inside a calculation, a batch or a report.

* **Numbers read as input** — quantities, proxy values, money amounts, index points: less than
  10^15 in size (a thousand million million pounds), at most 20 decimal places, written in at
  most :data:`MAX_NUMBER_CHARS` characters. Every product of two of them and every sum of such
  products stays exact in the library's 100-digit decimal context.
* **Money** — any :class:`~socialvalue.Money`, including totals the library computes: less than
  10^50 in size (room for any sum of products of inputs) and at most 200 decimal places (room for
  a division carried to 100 significant digits); :meth:`~socialvalue.Money.quantize` rounds to
  between -50 and 40 places.
* **Years** — every date of a period lies in the years 1900 to 2199. A financial, academic or
  calendar year (or quarter) is accepted when it holds a day in that range, so the financial
  year containing any accepted date is itself accepted (1899/00 ends in 1900).
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "MAX_INPUT_EXPONENT",
    "MAX_INPUT_PLACES",
    "MAX_MONEY_EXPONENT",
    "MAX_MONEY_PLACES",
    "MAX_NUMBER_CHARS",
    "MAX_QUANTIZE_PLACES",
    "MAX_YEAR",
    "MIN_YEAR",
    "check_day",
]

#: Input numbers are less than ``10 ** MAX_INPUT_EXPONENT`` in size.
MAX_INPUT_EXPONENT = 15
#: Input numbers have at most this many decimal places.
MAX_INPUT_PLACES = 20
#: Longest text read as one number (signs, digits, separators, exponent), in characters.
MAX_NUMBER_CHARS = 100
#: Any money amount is less than ``10 ** MAX_MONEY_EXPONENT`` in size.
MAX_MONEY_EXPONENT = 50
#: Any money amount has at most this many decimal places.
MAX_MONEY_PLACES = 200
#: :meth:`Money.quantize` rounds to at most this many places (and at least minus the exponent).
MAX_QUANTIZE_PLACES = 40
#: The first and last calendar years any date of a period may fall in.
MIN_YEAR = 1900
MAX_YEAR = 2199
FIRST_DAY = dt.date(MIN_YEAR, 1, 1)
LAST_DAY = dt.date(MAX_YEAR, 12, 31)


def check_day(day: dt.date, *, what: str = "") -> dt.date:
    """Return ``day`` if it falls in the years ``MIN_YEAR``..``MAX_YEAR``, else raise.

    >>> check_day(dt.date(9999, 12, 31))
    Traceback (most recent call last):
    ...
    ValueError: 9999-12-31 is outside the years 1900–2199
    """
    if not FIRST_DAY <= day <= LAST_DAY:
        prefix = f"{what}: " if what else ""
        raise ValueError(f"{prefix}{day.isoformat()} is outside the years {MIN_YEAR}–{MAX_YEAR}")
    return day
