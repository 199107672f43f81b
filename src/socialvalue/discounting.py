"""Discounting: declining discount-rate schedules, discount factors and present values.

A :class:`DiscountSchedule` is data with an edition and a source, never a constant in code: the
Green Book schedules ship as ``socialvalue/data/discounting/green-book-2022.toml`` (loaded into
:class:`DiscountSchedules`), and a new edition is a new file: ``standard``, ``health``, the reduced
rate where pure social time preference is zero (``reduced_pure_time_preference_zero``, for
intergenerational wealth transfers) and its health counterpart. The Green Book's standard table is
kept in the 2026 edition (published 5 February 2026), which prints its first band as years 1–30
where the 2022 table says 0–30 — the same factors, as year 0 is undiscounted either way; an
independent review of June 2026 recommends 3.0%, with no HM Treasury response so far — so no
schedule here reflects it.

The discount factor of year ``t`` (counted from the base year, year 0) is the product over years
``1..t`` of ``1 / (1 + r_year)``, where ``r_year`` is the rate of the band that year falls in;
year 0 is undiscounted. Factors are computed from exact fractions and rounded once, to the
library's 100 significant digits.

Which year the first value of a stream falls in is a choice, made explicitly with
:class:`YearConvention`: the Green Book counts the first year as year 0 (undiscounted); much
SROI practice discounts the first year once.

References:
    HM Treasury, *The Green Book: appraisal and evaluation in central government* (2022),
    Annex A6, Table 8 (the declining long-term discount rate; Table 6.1 in the 2003 edition) and
    its discounting guidance.
"""

from __future__ import annotations

import enum
import functools
import operator
import warnings
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TypeVar

import attrs

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue._fields import as_tuple, code, not_blank as _not_blank
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.money import Money
from socialvalue.provenance import Source, Verification

__all__ = [
    "DiscountSchedule",
    "DiscountSchedules",
    "RateBand",
    "YearConvention",
    "discount_values",
    "present_value",
]

#: An amount: :class:`~socialvalue.Money` (money in, money out) or a plain ``Decimal``.
AmountT = TypeVar("AmountT", Money, Decimal)

_ONE = Decimal(1)


class YearConvention(enum.Enum):
    """Which year the first value of a stream falls in.

    * ``YEAR_0`` — the first value is in year 0, the base year, and is not discounted; the
      second is discounted once. This is how the Green Book counts.
    * ``YEAR_1`` — the first value is in year 1 and is discounted once (common SROI practice,
      where outcomes are counted at the end of each year).

    The same stream is worth more under ``YEAR_0`` than under ``YEAR_1`` whenever rates are
    positive. Every function that discounts a stream takes the convention explicitly.

    >>> YearConvention.YEAR_1.year(0)
    1
    """

    YEAR_0 = "year_0"
    YEAR_1 = "year_1"

    def year(self, index: int) -> int:
        """The year (from the base year) of the value at position ``index`` of a stream."""
        return index if self is YearConvention.YEAR_0 else index + 1


# --- validators --------------------------------------------------------------------------------


def _as_year(value: object) -> int | None:
    """``value`` if it is a year number (a whole number, at least 0), else ``None``."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _check_first_year(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if _as_year(value) is None:
        raise ValueError(
            f"{attribute.name}: {value!r} is not a year number of at least 0 "
            "(years count from the base year, year 0)"
        )


def _check_last_year(
    instance: RateBand, attribute: attrs.Attribute[int | None], value: object
) -> None:
    if value is None:
        return
    last_year = _as_year(value)
    if last_year is None:
        raise ValueError(
            f"{attribute.name}: {value!r} is not a year number of at least 0 "
            "(or leave it out for an open-ended band)"
        )
    if last_year < instance.first_year:
        raise ValueError(f"{attribute.name}: {value} is before first_year {instance.first_year}")


def _rate(value: object) -> Decimal:
    return to_decimal(value, what="rate")


def _check_rate(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if not Decimal(0) <= value < _ONE:
        raise ValueError(
            f"{attribute.name}: {value} is not a yearly rate in [0, 1) (write 3.5% as 0.035)"
        )


_check_id = code("standard", "an identifier")


def _bands(value: Iterable[RateBand]) -> tuple[RateBand, ...]:
    return tuple(value)


def _schedules(value: Iterable[DiscountSchedule]) -> tuple[DiscountSchedule, ...]:
    return tuple(value)


# --- schedules ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RateBand:
    """One band of a schedule: the yearly rate for years ``first_year`` to ``last_year``.

    Args:
        first_year: First year of the band, counted from the base year (year 0).
        last_year: Last year of the band (inclusive), or ``None`` for an open-ended band.
        rate: Yearly discount rate as a fraction in [0, 1): ``0.035`` for 3.5%.

    >>> RateBand(first_year=0, last_year=30, rate="0.035").contains(30)
    True
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    first_year: int = attrs.field(validator=_check_first_year)
    last_year: int | None = attrs.field(default=None, validator=_check_last_year)
    rate: Decimal = attrs.field(converter=_rate, validator=_check_rate)

    def contains(self, year: int) -> bool:
        """Whether ``year`` falls in this band."""
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    def label(self) -> str:
        """The years of the band as text: ``"0–30"`` or ``"301+"``."""
        if self.last_year is None:
            return f"{self.first_year}+"
        return f"{self.first_year}–{self.last_year}"


#: Each band as (first year, last year, p, q) where 1 + rate = p / q exactly, for the cache.
_Ratios = tuple[tuple[int, int | None, int, int], ...]


@functools.lru_cache(maxsize=4096)
def _discount_factor(ratios: _Ratios, year: int) -> Decimal:
    """Π over years 1..year of 1 / (1 + r): exact fractions, one correctly rounded division."""
    numerator = 1
    denominator = 1
    for first, last, p, q in ratios:
        start = max(first, 1)
        end = year if last is None else min(last, year)
        if end >= start:
            count = end - start + 1
            numerator *= q**count
            denominator *= p**count
    with calculation_context():
        return Decimal(numerator) / Decimal(denominator)


# Converters are Python functions, not the enum classes: attrs reads each converter's
# signature when it creates a class, which for a class costs a hundred times more.
def _verification(value: object) -> Verification:
    return Verification(value)


@attrs.frozen(kw_only=True)
class DiscountSchedule:
    """A schedule of yearly discount rates by years from the base year, with its provenance.

    Bands must start at year 0 and follow on from each other with no gap or overlap; only the
    last band may be open-ended. A schedule whose last band is closed has no rate beyond it, and
    asking for one is an error (no silent carry-forward).

    Lookups are cached: discount factors are kept per schedule and year in a bounded
    ``functools.lru_cache`` (schedules are immutable, so a cached factor never goes stale).

    Args:
        id: Short identifier, e.g. ``"standard"``.
        title: Human title.
        edition: Edition of the source the rates come from, e.g. ``"2022"``.
        source: Where the rates are published.
        verification: How the rates were checked against the source.
        bands: The rate bands, in order of years.
        licence: Terms the figures are published under, when known.
        description: When the schedule applies.
        deprecated_aliases: Former ids that still find this schedule, with a
            ``DeprecationWarning`` (kept for one release after a rename).

    Raises:
        ValidationError: listing every problem with the bands, each with its key path
            (``bands[2].first_year``).

    >>> schedule = DiscountSchedule(
    ...     id="flat", title="Flat 3.5%", edition="example",
    ...     source=Source(title="The Green Book", publisher="HM Treasury"),
    ...     verification=Verification.UNVERIFIED,
    ...     bands=[RateBand(first_year=0, rate="0.035")],
    ... )
    >>> schedule.rate(100)
    Decimal('0.035')
    >>> round(schedule.discount_factor(2), 6)
    Decimal('0.933511')
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str = attrs.field(validator=_check_id)
    title: str = attrs.field(validator=_not_blank)
    edition: str = attrs.field(validator=_not_blank)
    source: Source
    verification: Verification = attrs.field(converter=_verification)
    bands: tuple[RateBand, ...] = attrs.field(converter=_bands)
    licence: str | None = None
    description: str = ""
    deprecated_aliases: tuple[str, ...] = attrs.field(default=(), converter=as_tuple)
    _ratios: _Ratios = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems = self._check_bands()
        if problems:
            raise ValidationError(problems, subject=f"discount schedule {self.id!r}")
        ratios = []
        for band in self.bands:
            p, q = (_ONE + band.rate).as_integer_ratio()
            ratios.append((band.first_year, band.last_year, p, q))
        object.__setattr__(self, "_ratios", tuple(ratios))

    def _check_bands(self) -> list[Problem]:
        problems: list[Problem] = []
        if not self.bands:
            return [Problem("bands", "a schedule needs at least one band, starting at year 0")]
        if self.bands[0].first_year != 0:
            problems.append(
                Problem(
                    "bands[0].first_year",
                    f"the first band must start at year 0, not {self.bands[0].first_year}",
                )
            )
        for i, (before, band) in enumerate(zip(self.bands, self.bands[1:], strict=False), 1):
            if before.last_year is None:
                problems.append(
                    Problem(
                        f"bands[{i - 1}].last_year",
                        f"only the last band may be open-ended, but band {i - 1} is followed "
                        f"by band {i}",
                    )
                )
                continue
            expected = before.last_year + 1
            if band.first_year > expected:
                missing = (
                    f"year {expected} is"
                    if band.first_year == expected + 1
                    else f"years {expected}–{band.first_year - 1} are"
                )
                problems.append(
                    Problem(
                        f"bands[{i}].first_year",
                        f"gap: {missing} in no band (the band before ends at year "
                        f"{before.last_year}, so this one should start at year {expected})",
                    )
                )
            elif band.first_year < expected:
                problems.append(
                    Problem(
                        f"bands[{i}].first_year",
                        f"overlap: starts at year {band.first_year} but the band before ends "
                        f"at year {before.last_year} (this one should start at year {expected})",
                    )
                )
        return problems

    def _year_problem(self, year: object) -> Problem | None:
        year_number = _as_year(year)
        if year_number is None:
            return Problem(
                "year",
                f"{year!r} is not a year number of at least 0 "
                "(years count from the base year, year 0)",
            )
        last = self.bands[-1].last_year
        if last is not None and year_number > last:
            return Problem("year", f"year {year} is after the schedule's last band, {last}")
        return None

    def _check_year(self, year: int) -> None:
        if (problem := self._year_problem(year)) is not None:
            raise ValidationError([problem], subject=f"discount schedule {self.id!r}")

    def band(self, year: int) -> RateBand:
        """The band that ``year`` (counted from the base year) falls in.

        Raises:
            ValidationError: ``year`` is negative, not a whole number, or after the last band.
        """
        self._check_year(year)
        for band in self.bands:
            if band.contains(year):
                return band
        raise AssertionError(year)  # pragma: no cover - bands are contiguous from year 0

    def rate(self, year: int) -> Decimal:
        """The yearly rate that applies in ``year`` (counted from the base year).

        Raises:
            ValidationError: ``year`` is negative, not a whole number, or after the last band.
        """
        return self.band(year).rate

    def discount_factor(self, year: int) -> Decimal:
        """The discount factor of ``year``: Π over years 1..year of ``1 / (1 + r_year)``.

        Year 0 is 1 (undiscounted). The factor is computed from exact fractions with one
        division, correctly rounded to 100 significant digits; round it only to show it.

        References:
            HM Treasury, *The Green Book* (2022), Annex A6, Table 8.

        Raises:
            ValidationError: ``year`` is negative, not a whole number, or after the last band.
        """
        self._check_year(year)
        return _discount_factor(self._ratios, year)

    def discount_factors(self, count: int, *, convention: YearConvention) -> tuple[Decimal, ...]:
        """The discount factors of a stream of ``count`` yearly values, first value first.

        Args:
            count: How many values the stream has.
            convention: Whether the first value is in year 0 or year 1.
        """
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValidationError(
                [Problem("count", f"{count!r} is not a number of years of at least 0")],
                subject=f"discount schedule {self.id!r}",
            )
        return tuple(self.discount_factor(convention.year(i)) for i in range(count))


@attrs.frozen(kw_only=True)
class DiscountSchedules:
    """A set of discount schedules read from one file (e.g. the Green Book's three).

    Args:
        schedules: The schedules; their ids are unique.

    Raises:
        ValidationError: when two schedules share an id.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    schedules: tuple[DiscountSchedule, ...] = attrs.field(converter=_schedules)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        if not self.schedules:
            problems.append(Problem("schedules", "at least one schedule is needed"))
        seen: dict[str, int] = {}
        for i, schedule in enumerate(self.schedules):
            if schedule.id in seen:
                problems.append(
                    Problem(
                        f"schedules[{i}].id",
                        f"duplicate id {schedule.id!r} "
                        f"(first used at schedules[{seen[schedule.id]}])",
                    )
                )
            else:
                seen[schedule.id] = i
        if problems:
            raise ValidationError(problems, subject="discount schedules")

    def schedule(self, id: str) -> DiscountSchedule:  # noqa: A002 - matches the field name
        """The schedule with this id; the error names close matches.

        A former id listed in a schedule's ``deprecated_aliases`` still finds it, with a
        ``DeprecationWarning`` naming the new id.
        """
        for schedule in self.schedules:
            if schedule.id == id:
                return schedule
        for schedule in self.schedules:
            if id in schedule.deprecated_aliases:
                warnings.warn(
                    f"discount schedule {id!r} is deprecated; it is {schedule.id!r} "
                    f"({schedule.title})",
                    DeprecationWarning,
                    stacklevel=2,
                )
                return schedule
        raise UnknownCodeError("discount schedule", id, list(self.ids()))

    def ids(self) -> tuple[str, ...]:
        """Every schedule's id, in file order."""
        return tuple(schedule.id for schedule in self.schedules)

    def __iter__(self) -> Iterator[DiscountSchedule]:
        return iter(self.schedules)

    def __len__(self) -> int:
        return len(self.schedules)


# --- streams -----------------------------------------------------------------------------------


def _check_stream(values: Sequence[object]) -> None:
    if not values:
        raise ValidationError(
            [Problem("values_by_year", "no values: give at least one year's value")],
            subject="present value",
        )
    first_is_money = isinstance(values[0], Money)
    for i, value in enumerate(values):
        if isinstance(value, Money) is not first_is_money:
            kind = "Money" if first_is_money else "Decimal"
            raise TypeError(
                f"values_by_year[{i}]: expected {kind} like the first value, "
                f"got {type(value).__name__}"
            )


def _times(value: AmountT, factor: Decimal) -> AmountT:
    if isinstance(value, Money):
        return value * factor
    with calculation_context():
        return to_decimal(value, what="value") * factor


def discount_values(
    values_by_year: Sequence[AmountT],
    schedule: DiscountSchedule,
    *,
    convention: YearConvention,
) -> tuple[AmountT, ...]:
    """Each year's value times its discount factor, unrounded (for an explanation).

    Args:
        values_by_year: One value per year, first year first: all :class:`~socialvalue.Money`
            of one currency, or all ``Decimal``.
        schedule: The discount schedule.
        convention: Whether the first value is in year 0 (undiscounted, as the Green Book
            counts) or year 1 (discounted once, as much SROI practice does).

    Raises:
        ValidationError: no values, or more years than the schedule covers.
        TypeError: money mixed with plain numbers.

    References:
        HM Treasury, *The Green Book* (2022): PV = Σ value_t × DF_t.
    """
    _check_stream(values_by_year)
    factors = schedule.discount_factors(len(values_by_year), convention=convention)
    return tuple(
        _times(value, factor) for value, factor in zip(values_by_year, factors, strict=True)
    )


def present_value(
    values_by_year: Sequence[AmountT],
    schedule: DiscountSchedule,
    *,
    convention: YearConvention,
) -> AmountT:
    """The present value of a yearly stream: Σ value_t × DF_t (money in, money out).

    Unrounded: round only to show it.

    Args:
        values_by_year: One value per year, first year first: all :class:`~socialvalue.Money`
            of one currency, or all ``Decimal``.
        schedule: The discount schedule.
        convention: Whether the first value is in year 0 (undiscounted, as the Green Book
            counts) or year 1 (discounted once, as much SROI practice does). There is no
            default: the choice changes the answer.

    Raises:
        ValidationError: no values, or more years than the schedule covers.
        TypeError: money mixed with plain numbers.
        CurrencyMismatchError: amounts in different currencies.

    References:
        HM Treasury, *The Green Book* (2022), Annex A6, Table 8.

    >>> schedule = DiscountSchedule(
    ...     id="flat", title="Flat 3.5%", edition="example",
    ...     source=Source(title="The Green Book", publisher="HM Treasury"),
    ...     verification=Verification.UNVERIFIED,
    ...     bands=[RateBand(first_year=0, rate="0.035")],
    ... )
    >>> stream = [Money("1035"), Money("1071.225")]  # £1,000 a year after 1 and 2 years' growth
    >>> present_value(stream, schedule, convention=YearConvention.YEAR_1).quantize(2)
    Money(amount=Decimal('2000.00'), currency='GBP')
    >>> present_value(stream, schedule, convention=YearConvention.YEAR_0).quantize(2)
    Money(amount=Decimal('2070.00'), currency='GBP')
    """
    discounted = discount_values(values_by_year, schedule, convention=convention)
    with calculation_context():
        return functools.reduce(operator.add, discounted)
