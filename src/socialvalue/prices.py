"""Price indices, and restating money from one price base year to another.

The HM Treasury Green Book asks for appraisal in real base-year prices: general inflation is
removed with the GDP deflator. A :class:`PriceIndex` is an annual series — by financial year or
by calendar year, declared — and :meth:`PriceIndex.rebase` restates an amount from one year's
prices to another's: ``amount × index[to] ÷ index[from]``.

References:
    HM Treasury, *The Green Book* (2022), §5.11–5.12: real prices and the GDP deflator.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from decimal import Decimal
from types import MappingProxyType

import attrs

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue.exceptions import Problem, SocialValueError, ValidationError
from socialvalue.money import Money
from socialvalue.periods import CalendarYear, FinancialYear
from socialvalue.provenance import Source, Verification

__all__ = ["IndexBasis", "IndexPoint", "PriceIndex", "PriceYearError", "RebaseStep"]


class IndexBasis(enum.Enum):
    """Whether a series has one point per financial year or per calendar year."""

    FINANCIAL_YEAR = "financial_year"
    CALENDAR_YEAR = "calendar_year"


class PriceYearError(SocialValueError, LookupError):
    """A year outside a price index's series, or of the wrong kind; names the series' bounds."""


def _positive(value: object) -> Decimal:
    number = to_decimal(value, what=None)
    if number <= 0:
        raise ValueError(f"value: an index must be positive, got {number}")
    return number


@attrs.frozen(kw_only=True)
class IndexPoint:
    """The index for one year.

    Args:
        year: The year (``"2019/20"`` or ``"2019"`` in files).
        value: The index, positive.
        forecast: Whether the point is a forecast rather than outturn.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    year: FinancialYear | CalendarYear
    value: Decimal = attrs.field(converter=_positive)
    forecast: bool = False


def _points(value: Iterable[IndexPoint]) -> tuple[IndexPoint, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class RebaseStep:
    """What a rebasing did, for an explanation: from which year's prices to which, and why."""

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    index: str
    from_year: str
    to_year: str
    from_index: Decimal
    to_index: Decimal
    factor: Decimal
    forecast: bool

    @property
    def text(self) -> str:
        """The rebasing in words, as an explanation shows it."""
        forecast = " (uses forecast index points)" if self.forecast else ""
        return (
            f"{self.from_year} → {self.to_year} prices with {self.index}: "
            f"{self.from_index} → {self.to_index}{forecast}"
        )


@attrs.frozen(kw_only=True)
class PriceIndex:
    """An annual price index such as HM Treasury's GDP deflator.

    Args:
        id: Short identifier, e.g. ``"gdp-deflator-hmt-2026-03"``.
        title: Human title.
        basis: :class:`IndexBasis`; every point's year must be of that kind.
        base: The year the index equals 100 in (documentation; rebasing needs only ratios).
        source: Where the series comes from.
        licence: Licence it is used under.
        verification: How it was checked against its source.
        points: One per year, contiguous, in order.

    >>> from socialvalue.io import shipped_price_index
    >>> deflator = shipped_price_index()
    >>> deflator.rebase(Money("100"), FinancialYear(2019), FinancialYear(2024))
    Money(amount=Decimal('123.6494390024952...'), currency='GBP')
    >>> deflator.rebase(Money("100"), FinancialYear(2019), FinancialYear(2024)).quantize(2)
    Money(amount=Decimal('123.65'), currency='GBP')
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str
    title: str
    basis: IndexBasis
    base: FinancialYear | CalendarYear
    source: Source
    licence: str
    verification: Verification = Verification.UNVERIFIED
    note: str = ""
    points: tuple[IndexPoint, ...] = attrs.field(converter=_points)
    _by_year: Mapping[int, IndexPoint] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        kind = FinancialYear if self.basis is IndexBasis.FINANCIAL_YEAR else CalendarYear
        by_year: dict[int, IndexPoint] = {}
        for i, point in enumerate(self.points):
            if not isinstance(point.year, kind):
                problems.append(
                    Problem(f"points[{i}].year", f"{point.year.label} is not a {kind.__name__}")
                )
                continue
            number = _year_number(point.year)
            if number in by_year:
                problems.append(Problem(f"points[{i}].year", f"{point.year.label} appears twice"))
            elif by_year and number != max(by_year) + 1:
                problems.append(
                    Problem(
                        f"points[{i}].year",
                        f"{point.year.label} does not follow the previous point; "
                        "points must be contiguous and in order",
                    )
                )
            by_year[number] = point
        if not self.points:
            problems.append(Problem("points", "a price index needs at least one point"))
        if not isinstance(self.base, kind):
            problems.append(Problem("base", f"{self.base.label} is not a {kind.__name__}"))
        if problems:
            raise ValidationError(problems, subject=f"price index {self.id!r}")
        object.__setattr__(self, "_by_year", MappingProxyType(by_year))

    @property
    def bounds(self) -> str:
        """The series' span, e.g. ``2000/01..2030/31``."""
        return f"{self.points[0].year.label}..{self.points[-1].year.label}"

    def point(self, year: FinancialYear | CalendarYear | dt.date) -> IndexPoint:
        """The point for a year (or for the year a date falls in)."""
        if isinstance(year, dt.date):
            year = (
                FinancialYear.containing(year)
                if self.basis is IndexBasis.FINANCIAL_YEAR
                else CalendarYear(year.year)
            )
        kind = FinancialYear if self.basis is IndexBasis.FINANCIAL_YEAR else CalendarYear
        if not isinstance(year, kind):
            raise PriceYearError(
                f"{self.id} is indexed by {kind.__name__}; got the {type(year).__name__} "
                f"{year.label}"
            )
        try:
            return self._by_year[_year_number(year)]
        except KeyError:
            raise PriceYearError(
                f"{year.label} is not in {self.id} (series covers {self.bounds})"
            ) from None

    def factor(
        self, from_year: FinancialYear | CalendarYear, to_year: FinancialYear | CalendarYear
    ) -> Decimal:
        """``index[to] ÷ index[from]``, computed in the library's decimal context."""
        with calculation_context():
            return self.point(to_year).value / self.point(from_year).value

    def rebase(
        self,
        amount: Money,
        from_year: FinancialYear | CalendarYear,
        to_year: FinancialYear | CalendarYear,
    ) -> Money:
        """Restate ``amount`` from ``from_year`` prices to ``to_year`` prices.

        The division is carried to the library context's precision (100 significant digits), so
        rebasing there and back returns the amount to far below a millionth of a penny.
        """
        if from_year == to_year:
            self.point(from_year)
            return amount
        with calculation_context():
            to_index = self.point(to_year).value
            from_index = self.point(from_year).value
            return Money(amount.amount * to_index / from_index, amount.currency)

    def explain(
        self, from_year: FinancialYear | CalendarYear, to_year: FinancialYear | CalendarYear
    ) -> str:
        """The rebasing from one year to another, in words (:meth:`working` is the same as data).

        >>> from socialvalue.io import shipped_price_index
        >>> print(shipped_price_index().explain(FinancialYear(2019), FinancialYear(2024)))
        2019/20 → 2024/25 prices with gdp-deflator-hmt-2026-03: 80.8738 → 100.0000
        """
        return self.working(from_year, to_year).text

    def working(
        self, from_year: FinancialYear | CalendarYear, to_year: FinancialYear | CalendarYear
    ) -> RebaseStep:
        """The rebasing from one year to another, as data for an explanation."""
        start, end = self.point(from_year), self.point(to_year)
        return RebaseStep(
            index=self.id,
            from_year=from_year.label,
            to_year=to_year.label,
            from_index=start.value,
            to_index=end.value,
            factor=self.factor(from_year, to_year),
            forecast=start.forecast or end.forecast,
        )


def _year_number(year: FinancialYear | CalendarYear) -> int:
    return year.start_year if isinstance(year, FinancialYear) else year.year
