"""Spans of dates as UK public bodies write them.

* :class:`FinancialYear` — 1 April to 31 March, written ``2022/23``;
* :class:`FinancialQuarter` — Q1 April–June … Q4 January–March, written ``2022/23 Q3``;
* :class:`CalendarYear` — written ``2022``;
* :class:`AcademicYear` — 1 August to 31 July, written ``AY2022/23``;
* :class:`Period` — any inclusive range of dates, written ``2022-04-01..2023-03-31``.

All are frozen, hashable, ordered by their dates, and share one interface: ``start``, ``end``
(both inclusive), ``label``, ``contains``, ``overlaps``, ``financial_quarters``.
:func:`parse_period` reads every label back: ``parse_period(p.label) == p``.

The tax year (6 April–5 April) is a different span and deliberately not modelled as a
financial year.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator
from typing import TypeAlias

import attrs

from socialvalue._limits import MAX_YEAR, MIN_YEAR, check_day
from socialvalue._methods import model_repr
from socialvalue.exceptions import PeriodParseError

__all__ = [
    "AcademicYear",
    "AnyPeriod",
    "CalendarYear",
    "FinancialQuarter",
    "FinancialYear",
    "Period",
    "parse_period",
]

#: A year that starts in April or August and holds a day of MIN_YEAR may start the year before.
_MIN_START_YEAR = MIN_YEAR - 1


def _check_year(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    """Check a financial or academic year's start: it must hold a day of the year range.

    The range is ``MIN_YEAR``..``MAX_YEAR`` (:mod:`socialvalue._limits`).
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name}: expected a whole year, got {value!r}")
    if not _MIN_START_YEAR <= value <= MAX_YEAR:
        raise ValueError(
            f"{attribute.name}: {value} is outside {_MIN_START_YEAR}..{MAX_YEAR} (periods must "
            f"fall in the years {MIN_YEAR}–{MAX_YEAR})"
        )


def _check_academic_year(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    """Check an academic year's start: as :func:`_check_year`, but ending a year earlier.

    An academic year runs to July of the next year, so AY2199/00 would reach past the last
    financial quarter (2199/00 Q4) that its :meth:`financial_quarters` must name.
    """
    _check_year(_instance, attribute, value)
    if value > MAX_YEAR - 1:
        raise ValueError(
            f"{attribute.name}: {value} is outside {_MIN_START_YEAR}..{MAX_YEAR - 1} (periods "
            f"must fall in the years {MIN_YEAR}–{MAX_YEAR})"
        )


def _check_calendar_year(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name}: expected a whole year, got {value!r}")
    if not MIN_YEAR <= value <= MAX_YEAR:
        raise ValueError(f"{attribute.name}: {value} is outside {MIN_YEAR}..{MAX_YEAR}")


class _Span:
    """Behaviour shared by every kind of period (needs ``start``, ``end`` and ``label``)."""

    __slots__ = ()

    @property
    def start(self) -> dt.date:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def end(self) -> dt.date:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def label(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def days(self) -> int:
        """Number of days in the span, both ends included."""
        return (self.end - self.start).days + 1

    def as_period(self) -> Period:
        """Return the same span as a plain :class:`Period`."""
        return Period(self.start, self.end)

    def contains(self, item: dt.date | AnyPeriod) -> bool:
        """Whether a date, or the whole of another period, lies within this one."""
        if isinstance(item, dt.datetime):
            raise TypeError("expected a date, not a datetime")
        if isinstance(item, dt.date):
            return self.start <= item <= self.end
        return self.start <= item.start and item.end <= self.end

    def __contains__(self, item: object) -> bool:
        if isinstance(item, (dt.date, _Span)):
            return self.contains(item)  # type: ignore[arg-type]
        return False

    def overlaps(self, other: AnyPeriod) -> bool:
        """Whether the two spans share at least one day."""
        return self.start <= other.end and other.start <= self.end

    def financial_quarters(self) -> tuple[FinancialQuarter, ...]:
        """The financial quarters that overlap this span, in order."""
        quarters = [FinancialQuarter.containing(self.start)]
        # Stop before building the quarter after the last, which may lie past the year range.
        while quarters[-1].end < self.end:
            quarters.append(quarters[-1].next())
        return tuple(quarters)

    def _key(self) -> tuple[dt.date, dt.date, str]:
        return (self.start, self.end, type(self).__name__)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, _Span):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: object) -> bool:
        if not isinstance(other, _Span):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, _Span):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, _Span):
            return NotImplemented
        return self._key() >= other._key()

    def __str__(self) -> str:
        return self.label


@functools.cache  # compiled on first use: dates from data are read as dates, not text
def _iso_date() -> re.Pattern[str]:
    return re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _plain_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date, got the datetime {value!r}")
    if isinstance(value, dt.date):
        return check_day(value)
    if isinstance(value, str):
        text = value.strip()
        if not _iso_date().fullmatch(text):
            raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None
        return check_day(day)
    raise TypeError(f"expected a date, got {type(value).__name__}")


@attrs.frozen(order=False, cache_hash=True)
class Period(_Span):
    """An inclusive range of dates.

    >>> p = Period(dt.date(2022, 4, 1), dt.date(2022, 9, 30))
    >>> p.label
    '2022-04-01..2022-09-30'
    >>> [q.label for q in p.financial_quarters()]
    ['2022/23 Q1', '2022/23 Q2']
    """

    __repr__ = model_repr

    start: dt.date = attrs.field(converter=_plain_date)
    end: dt.date = attrs.field(converter=_plain_date)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def label(self) -> str:
        """ISO form: ``2022-04-01..2023-03-31``, or one date for a single day."""
        if self.start == self.end:
            return self.start.isoformat()
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _two_year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


@attrs.frozen(order=False, cache_hash=True)
class FinancialYear(_Span):
    """A UK public-sector financial year: 1 April ``start_year`` to 31 March the year after.

    >>> fy = FinancialYear(2022)
    >>> fy.label, fy.start, fy.end
    ('2022/23', datetime.date(2022, 4, 1), datetime.date(2023, 3, 31))
    >>> FinancialYear.containing(dt.date(2023, 2, 14)).label
    '2022/23'
    """

    __repr__ = model_repr

    start_year: int = attrs.field(validator=_check_year)

    @classmethod
    def containing(cls, day: dt.date) -> FinancialYear:
        """The financial year a date falls in."""
        return cls(day.year if day.month >= 4 else day.year - 1)

    @property
    def start(self) -> dt.date:
        """1 April of ``start_year``."""
        return dt.date(self.start_year, 4, 1)

    @property
    def end(self) -> dt.date:
        """31 March of the following year."""
        return dt.date(self.start_year + 1, 3, 31)

    @property
    def label(self) -> str:
        """``2022/23``."""
        return _two_year_label(self.start_year)

    def quarter(self, number: int) -> FinancialQuarter:
        """Quarter 1–4 of this year."""
        return FinancialQuarter(self.start_year, number)

    def quarters(self) -> tuple[FinancialQuarter, ...]:
        """Q1–Q4 of this year, in order."""
        return tuple(FinancialQuarter(self.start_year, n) for n in range(1, 5))

    def shifted(self, years: int) -> FinancialYear:
        """The financial year ``years`` later (or earlier, if negative)."""
        return FinancialYear(self.start_year + years)

    def __iter__(self) -> Iterator[FinancialQuarter]:
        return iter(self.quarters())


def _check_quarter(_instance: object, _attribute: object, value: int) -> None:
    if isinstance(value, bool) or value not in (1, 2, 3, 4):
        raise ValueError(f"quarter: expected 1, 2, 3 or 4, got {value!r}")


# (years after start_year, month, day) of each quarter's first and last day
_QUARTER_STARTS = {1: (0, 4, 1), 2: (0, 7, 1), 3: (0, 10, 1), 4: (1, 1, 1)}
_QUARTER_ENDS = {1: (0, 6, 30), 2: (0, 9, 30), 3: (0, 12, 31), 4: (1, 3, 31)}


@attrs.frozen(order=False, cache_hash=True)
class FinancialQuarter(_Span):
    """A quarter of a financial year.

    Q1 is April–June, Q2 July–September, Q3 October–December and Q4 January–March.

    >>> q = FinancialQuarter(2022, 4)
    >>> q.label, q.start, q.end
    ('2022/23 Q4', datetime.date(2023, 1, 1), datetime.date(2023, 3, 31))
    """

    __repr__ = model_repr

    start_year: int = attrs.field(validator=_check_year)
    number: int = attrs.field(validator=_check_quarter)

    @classmethod
    def containing(cls, day: dt.date) -> FinancialQuarter:
        """The financial quarter a date falls in."""
        year = FinancialYear.containing(day).start_year
        return cls(year, ((day.month - 4) % 12) // 3 + 1)

    @property
    def financial_year(self) -> FinancialYear:
        """The year this quarter belongs to."""
        return FinancialYear(self.start_year)

    @property
    def start(self) -> dt.date:
        """First day of the quarter."""
        offset, month, day = _QUARTER_STARTS[self.number]
        return dt.date(self.start_year + offset, month, day)

    @property
    def end(self) -> dt.date:
        """Last day of the quarter."""
        offset, month, day = _QUARTER_ENDS[self.number]
        return dt.date(self.start_year + offset, month, day)

    @property
    def label(self) -> str:
        """``2022/23 Q3``."""
        return f"{_two_year_label(self.start_year)} Q{self.number}"

    def next(self) -> FinancialQuarter:
        """The quarter after this one."""
        if self.number == 4:
            return FinancialQuarter(self.start_year + 1, 1)
        return FinancialQuarter(self.start_year, self.number + 1)

    def previous(self) -> FinancialQuarter:
        """The quarter before this one."""
        if self.number == 1:
            return FinancialQuarter(self.start_year - 1, 4)
        return FinancialQuarter(self.start_year, self.number - 1)


@attrs.frozen(order=False, cache_hash=True)
class CalendarYear(_Span):
    """1 January to 31 December.

    >>> CalendarYear(2024).label
    '2024'
    """

    __repr__ = model_repr

    year: int = attrs.field(validator=_check_calendar_year)

    @property
    def start(self) -> dt.date:
        """1 January."""
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """31 December."""
        return dt.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """``2024``."""
        return f"{self.year:04d}"


@attrs.frozen(order=False, cache_hash=True)
class AcademicYear(_Span):
    """An academic (adult education budget) year: 1 August to 31 July.

    >>> AcademicYear(2022).label
    'AY2022/23'
    """

    __repr__ = model_repr

    start_year: int = attrs.field(validator=_check_academic_year)

    @property
    def start(self) -> dt.date:
        """1 August of ``start_year``."""
        return dt.date(self.start_year, 8, 1)

    @property
    def end(self) -> dt.date:
        """31 July of the following year."""
        return dt.date(self.start_year + 1, 7, 31)

    @property
    def label(self) -> str:
        """``AY2022/23``."""
        return f"AY{_two_year_label(self.start_year)}"


#: Any of the period types.
AnyPeriod: TypeAlias = Period | FinancialYear | FinancialQuarter | CalendarYear | AcademicYear

_FORMS = (
    "2022/23, 2022-23, FY2022/23, 2022/23 Q3, Q3 2022/23, AY2022/23, 2022, "
    "2022-04-01, 2022-04-01..2023-03-31"
)
_TWO = r"([0-9]{4})\s*[/-]\s*([0-9]{4}|[0-9]{2})"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"


def _start_year(text: str, first: str, second: str) -> int:
    start = int(first)
    follows = int(second) == start + 1 if len(second) == 4 else int(second) == (start + 1) % 100
    if not follows:
        raise PeriodParseError(
            f"cannot read {text!r} as a period: the second year must follow the first "
            f"(did you mean {_two_year_label(start)}?)"
        )
    return start


def _day(text: str) -> Period:
    day = dt.date.fromisoformat(text)
    return Period(day, day)


_Build = Callable[[re.Match[str], str], AnyPeriod]


@functools.cache
def _parsers() -> tuple[tuple[re.Pattern[str], _Build], ...]:
    """Each form's pattern and what it builds, compiled when the first label is read.

    Not on import: compiling them costs about a millisecond, and reading the shipped
    methodology (or any file of periods already built) never needs them.
    """
    ignore_case = re.IGNORECASE
    forms: tuple[tuple[str, re.RegexFlag, _Build], ...] = (
        (
            rf"^(?:FY\s*)?{_TWO}\s*[-\s]?\s*Q([1-4])$",
            ignore_case,
            lambda m, t: FinancialQuarter(_start_year(t, m[1], m[2]), int(m[3])),
        ),
        (
            rf"^Q([1-4])\s*[-\s]?\s*(?:FY\s*)?{_TWO}$",
            ignore_case,
            lambda m, t: FinancialQuarter(_start_year(t, m[2], m[3]), int(m[1])),
        ),
        (
            rf"^(?:FY\s*)?{_TWO}$",
            ignore_case,
            lambda m, t: FinancialYear(_start_year(t, m[1], m[2])),
        ),
        (rf"^AY\s*{_TWO}$", ignore_case, lambda m, t: AcademicYear(_start_year(t, m[1], m[2]))),
        (r"^(?:CY\s*)?([0-9]{4})$", ignore_case, lambda m, _t: CalendarYear(int(m[1]))),
        (rf"^({_DATE})$", re.NOFLAG, lambda m, _t: _day(m[1])),
        (
            rf"^({_DATE})\s*(?:\.\.|/|–|\s+to\s+)\s*({_DATE})$",
            ignore_case,
            lambda m, _t: Period(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2])),
        ),
    )
    return tuple((re.compile(pattern, flags), build) for pattern, flags, build in forms)


def parse_period(text: str) -> AnyPeriod:
    """Read a period in any of the forms councils write.

    >>> parse_period("2022-23")
    FinancialYear(start_year=2022)
    >>> parse_period("FY2022/23 Q3")
    FinancialQuarter(start_year=2022, number=3)
    >>> parse_period("2022-04-01..2022-06-30")
    Period(start=datetime.date(2022, 4, 1), end=datetime.date(2022, 6, 30))
    >>> parse_period("2022/24")
    Traceback (most recent call last):
    ...
    socialvalue.exceptions.PeriodParseError: cannot read '2022/24' as a period: ...
    """
    # Periods are immutable, so equal labels can share one object: batches of deliveries
    # parsed from files then group by identity instead of comparing fields.
    if not isinstance(text, str):
        raise TypeError(f"expected a period label (str), got {type(text).__name__}")
    return _parse_period(text)


@functools.lru_cache(maxsize=4096)
def _parse_period(text: str) -> AnyPeriod:
    clean = text.strip()
    try:
        for pattern, build in _parsers():
            if match := pattern.match(clean):
                return build(match, text)
    except PeriodParseError:
        raise
    except ValueError as error:
        raise PeriodParseError(f"cannot read {text!r} as a period: {error}") from None
    raise PeriodParseError(f"cannot read {text!r} as a period; expected one of: {_FORMS}")
