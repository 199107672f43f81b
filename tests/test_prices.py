from decimal import Decimal

import pytest
from hypothesis import given, strategies as st
from strategies import money, price_indices

from socialvalue import CalendarYear, FinancialYear, Money, PriceIndex, Source, ValidationError
from socialvalue.io import dumps, loads, shipped_price_index
from socialvalue.prices import IndexBasis, IndexPoint, PriceYearError

SOURCE = Source(title="GDP deflators", publisher="HM Treasury")


def index(*points, basis=IndexBasis.FINANCIAL_YEAR, base=None):
    return PriceIndex(
        id="test",
        title="Test index",
        basis=basis,
        base=base or points[0].year,
        source=SOURCE,
        licence="OGL-UK-3.0",
        points=points,
    )


@given(price_indices(), money(places=2), st.data())
def test_rebasing_there_and_back_is_the_identity(series, amount, data):
    years = [point.year for point in series.points]
    a = data.draw(st.sampled_from(years))
    b = data.draw(st.sampled_from(years))
    there = series.rebase(amount, a, b)
    back = series.rebase(there, b, a)
    # Division is carried to 60 significant digits: back equals amount far below a millionth
    # of a penny, so it is exact at any presentation precision.
    assert back.quantize(12) == amount
    assert series.rebase(amount, a, a) == amount


@given(price_indices(), money(places=2), st.data())
def test_rebasing_is_linear(series, amount, data):
    years = [point.year for point in series.points]
    a, b = data.draw(st.sampled_from(years)), data.draw(st.sampled_from(years))
    doubled = series.rebase(amount + amount, a, b)
    assert (doubled - series.rebase(amount, a, b) * 2).amount.copy_abs() < Decimal("1e-40")


@given(price_indices())
def test_price_indices_round_trip(series):
    for fmt in ("json", "toml"):
        assert loads(dumps(series, format=fmt), PriceIndex, format=fmt) == series


def test_shipped_gdp_deflator():
    deflator = shipped_price_index()
    assert deflator.bounds == "2000/01..2030/31"
    assert deflator.point(FinancialYear(2024)).value == Decimal("100.0000")
    assert deflator.point(FinancialYear(2019)).value == Decimal("80.8738")
    assert deflator.point(FinancialYear(2025)).forecast
    assert not deflator.point(FinancialYear(2024)).forecast
    # £100 in 2019/20 prices is £123.65 in 2024/25 prices (100 × 100 / 80.8738).
    assert deflator.rebase(Money("100"), FinancialYear(2019), FinancialYear(2024)).quantize(
        2
    ) == Money("123.65")
    step = deflator.working(FinancialYear(2019), FinancialYear(2026))
    assert (step.from_index, step.to_index, step.forecast) == (
        Decimal("80.8738"),
        Decimal("105.3095"),
        True,
    )
    assert deflator.source.publisher == "HM Treasury"
    # explain() is text on every type; the data behind it is working()
    assert deflator.explain(FinancialYear(2019), FinancialYear(2026)) == step.text
    assert step.text.endswith("80.8738 → 105.3095 (uses forecast index points)")
    assert deflator.licence.startswith("OGL-UK-3.0")


def test_year_outside_the_series_names_its_bounds():
    deflator = shipped_price_index()
    with pytest.raises(
        PriceYearError,
        match=r"2031/32 is not in gdp-deflator-hmt-2026-03 \(series covers 2000/01..2030/31\)",
    ):
        deflator.rebase(Money("1"), FinancialYear(2031), FinancialYear(2024))
    with pytest.raises(
        PriceYearError, match="is indexed by FinancialYear; got the CalendarYear 2022"
    ):
        deflator.point(CalendarYear(2022))


def test_point_for_a_date():
    import datetime as dt

    deflator = shipped_price_index()
    assert deflator.point(dt.date(2020, 3, 31)).year == FinancialYear(2019)


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (
            (
                IndexPoint(year=FinancialYear(2020), value="90"),
                IndexPoint(year=FinancialYear(2022), value="95"),
            ),
            "points[1].year: 2022/23 does not follow the previous point",
        ),
        (
            (
                IndexPoint(year=FinancialYear(2020), value="90"),
                IndexPoint(year=FinancialYear(2020), value="95"),
            ),
            "points[1].year: 2020/21 appears twice",
        ),
        (
            (
                IndexPoint(year=FinancialYear(2020), value="90"),
                IndexPoint(year=CalendarYear(2021), value="95"),
            ),
            "points[1].year: 2021 is not a FinancialYear",
        ),
    ],
)
def test_bad_series_are_refused(points, message):
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        index(*points)


def test_non_positive_index_is_refused():
    with pytest.raises(ValueError, match="an index must be positive, got 0"):
        IndexPoint(year=FinancialYear(2020), value="0")


def test_empty_series_is_refused():
    with pytest.raises(ValidationError, match="needs at least one point"):
        PriceIndex(
            id="x",
            title="x",
            basis=IndexBasis.CALENDAR_YEAR,
            base=CalendarYear(2020),
            source=SOURCE,
            licence="x",
            points=(),
        )
