"""Hypothesis strategies for socialvalue's models, for use in your own property tests.

Needs the ``test`` extra (``pip install "socialvalue[test]"``), which brings hypothesis.

>>> from hypothesis import given
>>> from socialvalue.testing import money
>>> @given(money())
... def test_adding_zero(amount):
...     assert amount + amount.zero(amount.currency) == amount
>>> test_adding_zero()
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from socialvalue.framework import (
    Crosswalk,
    Dimension,
    DimensionValue,
    Framework,
    Measure,
    Outcome,
    Theme,
    ValuationKind,
    ValueType,
)
from socialvalue.money import Money
from socialvalue.periods import (
    AcademicYear,
    AnyPeriod,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
)
from socialvalue.provenance import Source
from socialvalue.units import STANDARD_UNITS, Unit, UnitKind

__all__ = [
    "academic_years",
    "any_periods",
    "calendar_years",
    "codes",
    "dates",
    "decimals",
    "financial_quarters",
    "financial_years",
    "frameworks",
    "measures",
    "money",
    "periods",
    "sources",
    "texts",
    "units",
]

_MIN_DATE = dt.date(1990, 1, 1)
_MAX_DATE = dt.date(2099, 12, 31)


def decimals(
    *, min_value: int = -(10**9), max_value: int = 10**9, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``places`` decimal places (never NaN or infinite)."""
    scale = 10**places
    return st.integers(min_value * scale, max_value * scale).map(
        lambda n: Decimal(n).scaleb(-places)
    )


def money(
    *,
    currency: str = "GBP",
    min_value: int = -(10**9),
    max_value: int = 10**9,
    places: int = 2,
) -> st.SearchStrategy[Money]:
    """Amounts of one currency with at most ``places`` decimal places."""
    return decimals(min_value=min_value, max_value=max_value, places=places).map(
        lambda amount: Money(amount, currency)
    )


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank printable text (no surrogates or control characters), as titles are."""
    return st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")),
        min_size=1,
        max_size=max_size,
    ).filter(lambda text: text.strip() != "")


def codes(*, prefix: str = "") -> st.SearchStrategy[str]:
    """Codes as frameworks write them: ``LCR-EMP-1``, ``NT12``, ``T.3``."""
    return st.builds(
        lambda head, middle, number: f"{prefix}{head}{middle}{number}",
        st.sampled_from(["LCR", "NT", "RE", "FM", "T", "X", "a"]),
        st.sampled_from(["", "-EMP-", "-COM-", ".", "_", "/"]),
        st.integers(0, 9999),
    )


def dates(
    *, min_value: dt.date = _MIN_DATE, max_value: dt.date = _MAX_DATE
) -> st.SearchStrategy[dt.date]:
    """Dates in a realistic range."""
    return st.dates(min_value=min_value, max_value=max_value)


def financial_years() -> st.SearchStrategy[FinancialYear]:
    """Financial years 1990/91 to 2098/99."""
    return st.integers(1990, 2098).map(FinancialYear)


def financial_quarters() -> st.SearchStrategy[FinancialQuarter]:
    """Financial quarters of :func:`financial_years`."""
    return st.builds(FinancialQuarter, st.integers(1990, 2098), st.integers(1, 4))


def calendar_years() -> st.SearchStrategy[CalendarYear]:
    """Calendar years 1990 to 2099."""
    return st.integers(1990, 2099).map(CalendarYear)


def academic_years() -> st.SearchStrategy[AcademicYear]:
    """Academic years 1990/91 to 2098/99."""
    return st.integers(1990, 2098).map(AcademicYear)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Explicit date ranges (including single days)."""
    start = draw(dates())
    end = draw(dates(min_value=start))
    return Period(start, end)


def any_periods() -> st.SearchStrategy[AnyPeriod]:
    """Any kind of period."""
    return st.one_of(
        financial_years(), financial_quarters(), calendar_years(), academic_years(), periods()
    )


def sources() -> st.SearchStrategy[Source]:
    """Citations, with and without dates, addresses and sections."""
    return st.builds(
        Source,
        title=texts(),
        publisher=texts(),
        published=st.none() | dates(),
        url=st.none() | st.from_regex(r"\Ahttps://[a-z]{1,12}\.gov\.uk/[a-z0-9-]{0,20}\Z"),
        section=st.none() | texts(),
    )


def units() -> st.SearchStrategy[Unit]:
    """User-defined units (codes that never clash with the standard ones)."""
    kinds = st.sampled_from([kind for kind in UnitKind if kind is not UnitKind.MONEY])
    plain = st.builds(
        Unit,
        code=st.from_regex(r"\Ax_[a-z0-9_]{1,10}\Z"),
        label=texts(max_size=15),
        kind=kinds,
        description=st.just("") | texts(),
    )
    money_unit = st.builds(
        Unit,
        code=st.from_regex(r"\Ax_[a-z0-9_]{1,10}\Z"),
        label=texts(max_size=15),
        kind=st.just(UnitKind.MONEY),
        currency=st.sampled_from(["EUR", "USD"]),
    )
    return plain | money_unit


@st.composite
def measures(
    draw: st.DrawFn,
    *,
    code: str | None = None,
    unit_codes: tuple[str, ...] = tuple(STANDARD_UNITS),
) -> Measure:
    """A measure counted in one of ``unit_codes`` (a financial one always in ``gbp``)."""
    valuation = draw(st.sampled_from(ValuationKind))
    unit = "gbp" if valuation is ValuationKind.FINANCIAL else draw(st.sampled_from(unit_codes))
    return Measure(
        code=code if code is not None else draw(codes()),
        title=draw(texts()),
        unit=unit,
        valuation=valuation,
        value_type=draw(st.sampled_from(ValueType)),
        guidance=draw(st.just("") | texts()),
        counting_rules=tuple(draw(st.lists(texts(), max_size=2))),
        crosswalk=tuple(
            draw(st.lists(st.builds(Crosswalk, scheme=texts(), code=codes()), max_size=1))
        ),
    )


@st.composite
def frameworks(draw: st.DrawFn, *, max_measures: int = 12) -> Framework:
    """Valid frameworks: unique codes, units that exist, overlaps and tags that resolve."""
    own_units = draw(st.lists(units(), max_size=2, unique_by=lambda unit: unit.code))
    unit_codes = tuple(STANDARD_UNITS) + tuple(unit.code for unit in own_units)
    dimension = Dimension(
        id="pillar",
        title="Pillar",
        values=(
            DimensionValue(code="fairer", title="Fairer"),
            DimensionValue(code="greener", title="Greener"),
        ),
    )
    tags = st.lists(st.sampled_from(["pillar:fairer", "pillar:greener"]), unique=True)
    all_codes = draw(st.lists(codes(), min_size=3, max_size=max_measures + 2, unique=True))
    theme_code, outcome_code, *measure_codes = all_codes
    drawn = [draw(measures(code=code, unit_codes=unit_codes)) for code in measure_codes]
    linked = []
    for i, measure in enumerate(drawn):
        others = [m.code for j, m in enumerate(drawn) if j != i]
        overlaps = (
            draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others else []
        )
        linked.append(
            Measure(
                code=measure.code,
                title=measure.title,
                unit=measure.unit,
                valuation=measure.valuation,
                value_type=measure.value_type,
                guidance=measure.guidance,
                counting_rules=measure.counting_rules,
                crosswalk=measure.crosswalk,
                overlaps_with=tuple(overlaps),
                tags=tuple(draw(tags)),
            )
        )
    outcome = Outcome(code=outcome_code, title=draw(texts()), measures=tuple(linked))
    theme = Theme(code=theme_code, title=draw(texts()), outcomes=(outcome,), tags=tuple(draw(tags)))
    return Framework(
        id=draw(codes()).lower(),
        title=draw(texts()),
        version=draw(st.sampled_from(["1", "2023.1", "NT2022"])),
        publisher=draw(texts()),
        licence=draw(st.sampled_from(["MIT", "OGL-UK-3.0", "CC-BY-4.0"])),
        source=draw(st.none() | sources()),
        description=draw(st.just("") | texts()),
        units=tuple(own_units),
        dimensions=(dimension,),
        themes=(theme,),
    )
