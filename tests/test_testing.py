"""socialvalue.testing: every public strategy draws what its docstring promises.

Users build their own property tests on these strategies, so each must draw valid objects: the
converter structures them back unchanged (running every converter and validator again), and
each strategy's own promise (ranges, pinned fields, invariants) holds.
"""

import datetime as dt
import itertools
import unicodedata
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, strategies as st

from socialvalue import testing
from socialvalue.commitments import CONTRACTUAL
from socialvalue.framework import Measure, ValuationKind, ValueType
from socialvalue.io import dumps, loads, structure, unstructure
from socialvalue.periods import (
    AcademicYear,
    AnyPeriod,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
)
from socialvalue.units import STANDARD_UNITS, UnitKind

#: Each public strategy that draws a model, with the class the converter reads it back as.
MODELS = {
    "money": testing.money,
    "sources": testing.sources,
    "units": testing.units,
    "measures": testing.measures,
    "frameworks": testing.frameworks,
    "proxy_values": testing.proxy_values,
    "proxy_registries": testing.proxy_registries,
    "price_indices": testing.price_indices,
    "deliveries": testing.deliveries,
    "commitments": testing.commitments,
    "costs": testing.costs,
}
PERIODS = {
    "financial_years": (testing.financial_years, FinancialYear),
    "financial_quarters": (testing.financial_quarters, FinancialQuarter),
    "calendar_years": (testing.calendar_years, CalendarYear),
    "academic_years": (testing.academic_years, AcademicYear),
    "periods": (testing.periods, Period),
}
#: Strategies of plain values (not models), checked by their own tests below.
VALUES = {"decimals", "texts", "codes", "dates", "any_periods"}
#: Strategies of hostile input (issue #12): text for parsers and writers to refuse or escape.
HOSTILE = {"hostile_numbers", "hostile_period_labels", "hostile_texts"}


def test_every_public_strategy_is_checked_here():
    assert set(testing.__all__) == set(MODELS) | set(PERIODS) | VALUES | HOSTILE


@pytest.mark.parametrize("name", sorted(HOSTILE))
@given(data=st.data())
def test_hostile_strategies_draw_text(name, data):
    assert isinstance(data.draw(getattr(testing, name)()), str)


@pytest.mark.parametrize("name", sorted(MODELS))
@given(data=st.data())
def test_models_round_trip_through_json_and_toml(name, data):
    obj = data.draw(MODELS[name]())
    cls = type(obj)
    assert structure(unstructure(obj), cls) == obj
    assert loads(dumps(obj, format="json"), cls, format="json") == obj
    assert loads(dumps(obj, format="toml"), cls, format="toml") == obj
    attrs.validate(obj)


@pytest.mark.parametrize("name", sorted(PERIODS))
@given(data=st.data())
def test_periods_are_their_kind_and_round_trip_as_labels(name, data):
    strategy, kind = PERIODS[name]
    period = data.draw(strategy())
    assert type(period) is kind
    assert period.start <= period.end
    assert loads(dumps(period, format="json"), kind, format="json") == period
    assert structure(period.label, AnyPeriod) == period  # type: ignore[arg-type]


@given(testing.any_periods())
def test_any_periods_draws_every_kind_of_period(period):
    kinds = (FinancialYear, FinancialQuarter, CalendarYear, AcademicYear, Period)
    assert isinstance(period, kinds)
    assert structure(period.label, AnyPeriod) == period  # type: ignore[arg-type]


@given(
    st.integers(-50, 50)
    .flatmap(lambda low: st.tuples(st.just(low), st.integers(low, 60), st.integers(0, 4)))
    .flatmap(
        lambda bounds: st.tuples(
            st.just(bounds),
            testing.decimals(min_value=bounds[0], max_value=bounds[1], places=bounds[2]),
        )
    )
)
def test_decimals_are_exact_within_bounds_and_places(drawn):
    (low, high, places), number = drawn
    assert number.is_finite()
    assert low <= number <= high
    assert number == number.quantize(Decimal(1).scaleb(-places))


@given(testing.money(currency="EUR", min_value=0, max_value=100, places=3))
def test_money_keeps_its_currency_bounds_and_places(amount):
    assert amount.currency == "EUR"
    assert 0 <= amount.amount <= 100
    assert amount.amount == amount.amount.quantize(Decimal("0.001"))


@given(testing.texts(max_size=10))
def test_texts_are_short_printable_and_never_blank(text):
    assert 1 <= len(text) <= 10
    assert text.strip()
    assert not {unicodedata.category(char)[0] for char in text} & {"C"}  # no control, surrogate


@given(testing.codes(prefix="Z"))
def test_codes_keep_their_prefix_and_are_valid_measure_codes(code):
    assert code.startswith("Z")
    measure = Measure(
        code=code,
        title="t",
        unit="hour",
        valuation=ValuationKind.PROXY,
        value_type=next(iter(ValueType)),
    )
    assert measure.code == code


@given(testing.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2020, 12, 31)))
def test_dates_stay_in_the_range_asked_for(day):
    assert dt.date(2020, 1, 1) <= day <= dt.date(2020, 12, 31)


@given(testing.units())
def test_units_never_clash_with_the_standard_ones(unit):
    assert unit.code not in STANDARD_UNITS
    assert (unit.currency is not None) == (unit.kind is UnitKind.MONEY)


@given(testing.measures(code="M-1", unit_codes=("hour", "person")))
def test_measures_keep_the_code_and_units_asked_for(measure):
    assert measure.code == "M-1"
    if measure.valuation is ValuationKind.FINANCIAL:
        assert measure.unit == "gbp"
    else:
        assert measure.unit in {"hour", "person"}


@given(testing.frameworks(max_measures=3))
def test_frameworks_have_unique_codes_and_overlaps_that_resolve(framework):
    measures = [m for theme in framework.themes for o in theme.outcomes for m in o.measures]
    assert len(measures) <= 3
    codes = [m.code for m in measures]
    assert len(set(codes)) == len(codes)
    for measure in measures:
        assert set(measure.overlaps_with) <= set(codes) - {measure.code}


@given(
    testing.proxy_values(
        measure="LCR-COM-1",
        geography="England",
        valid_from=dt.date(2022, 4, 1),
        valid_to=dt.date(2023, 3, 31),
    )
)
def test_proxy_values_keep_pinned_fields_and_a_range_around_the_value(value):
    assert (value.measure, value.geography) == ("LCR-COM-1", "England")
    assert (value.valid_from, value.valid_to) == (dt.date(2022, 4, 1), dt.date(2023, 3, 31))
    assert value.value >= 0
    assert (value.low is None) == (value.high is None)
    if value.low is not None:
        assert value.low <= value.value <= value.high
    assert value.source.title
    assert value.licence


@given(testing.proxy_registries(id="mine"))
def test_proxy_registries_never_overlap_in_one_measure_and_area(registry):
    assert registry.id == "mine"
    for measure in registry.measures():
        areas = {v.geography for v in registry.values_for(measure)}
        for area in areas:
            spans = sorted(registry.values_for(measure, area), key=lambda v: v.valid_from)
            for earlier, later in itertools.pairwise(spans):
                assert earlier.valid_to is not None
                assert earlier.valid_to < later.valid_from


@given(testing.price_indices())
def test_price_indices_are_contiguous_and_positive(index):
    years = [point.year for point in index.points]
    assert years[0] == index.base
    starts = [year.start for year in years]
    assert starts == sorted(starts)
    assert all(
        later.start.year == earlier.start.year + 1 for earlier, later in itertools.pairwise(years)
    )
    assert all(point.value > 0 for point in index.points)


@given(testing.deliveries(measures=("LCR-EMP-1", "LCR-COM-2")))
def test_deliveries_are_non_negative_unless_a_correction(delivery):
    assert delivery.measure in {"LCR-EMP-1", "LCR-COM-2"}
    if not delivery.correction:
        assert delivery.quantity >= 0


@given(testing.commitments(measures=("LCR-EMP-1",)))
def test_commitments_quantified_or_qualitative_contractual_with_a_contract(commitment):
    assert commitment.start < commitment.due
    if commitment.measure is not None:
        assert commitment.measure == "LCR-EMP-1"
        assert commitment.target > 0
        assert commitment.milestones == ()
    else:
        assert commitment.target is None
    assert (commitment.contract is not None) == (commitment.kind == CONTRACTUAL)
