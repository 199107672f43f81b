from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from helpers import (
    ADJUSTED,
    PLAIN,
    valuation_deliveries as deliveries,
    valuation_methodology as methodology,
    valuation_proxy as proxy,
    valuation_registry as registry,
)
from hypothesis import given, strategies as st
from strategies import decimals

from socialvalue import (
    Additionality,
    Delivery,
    Money,
    ValuationKey,
    default_methodology,
    load_registry,
    unit_value,
    value,
    value_many,
)
from socialvalue.discounting import YearConvention
from socialvalue.indicators import sroi_ratio
from socialvalue.io import shipped_price_index
from socialvalue.methodology import CalendarPrices, MeasureAssumption, Memo
from socialvalue.proxies import NoProxyValueError
from socialvalue.valuation import ValuationError

# Deliveries of overlapping measures are kept under the default policy, with a warning.
pytestmark = pytest.mark.filterwarnings("ignore::socialvalue.batch.OverlapWarning")

EXAMPLES = Path(__file__).parent.parent / "examples"


# --- properties ---------------------------------------------------------------------------------


@given(
    deliveries(),
    decimals(min_value=0, max_value=10**6, places=3),
    st.sampled_from([PLAIN, ADJUSTED]),
)
def test_value_is_linear_in_quantity(delivery, extra, method):
    a = value(delivery, method)
    b = value(attrs.evolve(delivery, quantity=extra), method)
    both = value(attrs.evolve(delivery, quantity=delivery.quantity + extra), method)
    if not a.monetised:
        assert both.gross is None
        return
    assert both.gross == a.gross + b.gross
    assert both.net == a.net + b.net
    assert both.present_value == a.present_value + b.present_value


@given(deliveries())
def test_net_never_exceeds_gross_when_the_multiplier_is_one(delivery):
    valuation = value(
        delivery, methodology(additionality=Additionality(deadweight="0.5", leakage="0.1"))
    )
    if valuation.monetised:
        assert valuation.net <= valuation.gross


FRACTIONS = ["deadweight", "leakage", "displacement", "substitution", "attribution"]


@given(
    st.sampled_from(FRACTIONS),
    decimals(min_value=0, max_value=1, places=2),
    decimals(min_value=0, max_value=1, places=2),
    decimals(min_value=1, max_value=3, places=2),
    decimals(min_value=1, max_value=3, places=2),
)
def test_net_is_monotone_in_each_factor(name, f1, f2, m1, m2):
    low, high = sorted((f1, f2))
    delivery = Delivery(measure="LCR-COM-1", quantity="100", period="2022/23")
    net_low = value(delivery, methodology(additionality=Additionality(**{name: low}))).net
    net_high = value(delivery, methodology(additionality=Additionality(**{name: high}))).net
    assert net_high <= net_low
    small, large = sorted((m1, m2))
    net_small = value(delivery, methodology(additionality=Additionality(multiplier=small))).net
    net_large = value(delivery, methodology(additionality=Additionality(multiplier=large))).net
    assert net_large >= net_small


# --- worked examples ----------------------------------------------------------------------------


def test_a_users_own_values_multiply_out_to_the_penny():
    # The LCRCA Social Value Annual Report 2023 multiplies 14 hours for each of 950 employees
    # and 21,000 EDI trainees by National TOMs values, which are licensed CC BY-NC-ND and never
    # ship. The same arithmetic with the synthetic stand-ins in examples/partner-values.csv
    # (£10.00 an hour, £100.00 a trainee; "synthetic, for illustration; not a proxy value"):
    values = load_registry(EXAMPLES / "partner-values.csv")
    assert all(v.source.title.startswith("synthetic, for illustration") for v in values.values)
    report = methodology(registries=(values,))
    batch = [
        Delivery(
            measure="LCR-COM-1", quantity=14, period="2022/23", geography="Liverpool City Region"
        )
        for _ in range(950)
    ]
    assert value_many(batch, report).total_gross() == Money("133000.00")
    edi = value(
        Delivery(
            measure="LCR-EDI-1",
            quantity=21_000,
            period="2022/23",
            geography="Liverpool City Region",
        ),
        report,
    )
    assert edi.gross == Money("2100000")
    assert edi.net == edi.gross  # no additionality assumptions stated


def test_sroi_mechanics_worked_by_hand():
    # The SROI Guide's mechanics (Cabinet Office, A Guide to Social Return on Investment, 2012),
    # worked by hand: 100 people × £1,000 a year, less 25% deadweight and 20% attribution =
    # £60,000 in year 1; 10% drop-off a year over 3 years: £60,000, £54,000, £48,600; each
    # discounted at 3.5% with the first year discounted once:
    #   60,000 / 1.035   = 57,971.0144927...
    #   54,000 / 1.035^2 = 50,409.5778197...
    #   48,600 / 1.035^3 = 43,834.4154954...
    #   present value    = 152,215.01 (to the penny); against £100,000 of inputs, 1.52 : 1.
    reg = registry(proxy("LCR-SKL-5", "person", "1000"))
    sroi = methodology(
        registries=(reg,),
        assumptions=(
            MeasureAssumption(
                measure="LCR-SKL-5",
                additionality=Additionality(
                    deadweight="0.25", attribution="0.2", duration_years=3, drop_off="0.1"
                ),
            ),
        ),
        year_convention=YearConvention.YEAR_1,
    )
    valuation = value(Delivery(measure="LCR-SKL-5", quantity=100, period="2022/23"), sroi)
    assert valuation.gross == Money("100000")
    assert valuation.net == Money("60000")
    assert valuation.present_value.quantize(2) == Money("152215.01")
    assert sroi_ratio(valuation.present_value, Money("100000")).quantize(
        Decimal("0.01")
    ) == Decimal("1.52")


def test_green_book_rebasing_and_discounting_worked_by_hand():
    # £1,000 of 2019/20 prices in 2024/25 prices: × 100 / 80.8738 (HM Treasury GDP deflator,
    # March 2026) = £1,236.49; at 3.5% with the first year as year 0, one year is undiscounted.
    reg = registry(proxy("LCR-EMP-1", "fte_year", "1000", price_base="2019/20"))
    green_book = methodology(
        registries=(reg,), price_index=shipped_price_index(), price_base="2024/25"
    )
    valuation = value(Delivery(measure="LCR-EMP-1", quantity=1, period="2022/23"), green_book)
    assert valuation.gross.quantize(2) == Money("1236.49")
    assert valuation.present_value == valuation.net == valuation.gross


def test_financial_measures_are_worth_their_amount_and_rebased():
    valuation = value(Delivery(measure="LCR-COM-2", quantity="10000", period="2024/25"), ADJUSTED)
    # already in 2024/25 prices: £10,000 gross; default assumptions 25% deadweight, 10%
    # attribution: 10,000 × 0.75 × 0.9 = 6,750; year-1 convention: / 1.035.
    assert valuation.gross == Money("10000")
    assert valuation.net == Money("6750")
    assert valuation.present_value.quantize(2) == Money("6521.74")


def test_record_only_measures_are_counted_not_monetised():
    valuation = value(Delivery(measure="LCR-ENV-1", quantity="10000", period="2022/23"), PLAIN)
    assert not valuation.monetised
    assert valuation.gross is None
    assert "record-only: counted and reported, never monetised" in valuation.explain()
    batch = value_many([Delivery(measure="LCR-ENV-1", quantity="5", period="2022/23")] * 3, PLAIN)
    assert batch.record_only() == {"LCR-ENV-1": Decimal(15)}
    assert batch.total_gross() == Money("0")


def test_proxy_already_net_of_deadweight_is_not_reduced_again():
    valuation = value(Delivery(measure="LCR-SKL-4", quantity="10", period="2022/23"), ADJUSTED)
    names = [step.name for step in valuation.working()]
    assert names.count("deadweight") == 2
    assert "already net of deadweight" in valuation.explain()
    # 10 × 50 rebased, × 0.9 attribution only (unit values are carried to 30 places)
    assert valuation.net.quantize(20) == (valuation.gross * Decimal("0.9")).quantize(20)


def test_explanation_shows_every_step_with_sources():
    valuation = value(
        Delivery(
            measure="LCR-EMP-1",
            quantity="2.5",
            period="2023/24 Q2",
            geography="Liverpool City Region",
        ),
        ADJUSTED,
    )
    names = [step.name for step in valuation.working()]
    assert names == [
        "proxy",
        "rebase",
        "deadweight",
        "leakage",
        "displacement",
        "substitution",
        "attribution",
        "multiplier",
        "persistence and discounting",
        "quantity",
    ]
    text = valuation.explain(places=2)
    assert "source: Test, Worked example" in text
    assert "2022/23 → 2024/25 prices with gdp-deflator-hmt-2026-03: 91.2996 → 100.0000" in text
    assert "30% (measure assumption)" in text
    assert "3 year(s), drop-off 10% a year" in text
    assert "year 1 convention" in text
    assert str(ADJUSTED.ref) in text


def test_extrapolated_values_are_flagged():
    late = methodology(
        registries=(registry(proxy("LCR-COM-1", "hour", "12.34", end=(2023, 3, 31))),),
        lookup_policy="carry_forward",
    )
    batch = value_many([Delivery(measure="LCR-COM-1", quantity="1", period="2024/25")], late)
    assert [g.key.measure for g in batch.extrapolated()] == ["LCR-COM-1"]
    strict = methodology(
        registries=(registry(proxy("LCR-COM-1", "hour", "12.34", end=(2023, 3, 31))),)
    )
    with pytest.raises(NoProxyValueError, match="no value for LCR-COM-1 on 2024/25"):
        value(Delivery(measure="LCR-COM-1", quantity="1", period="2024/25"), strict)


def test_calendar_year_prices_need_an_explicit_rule():
    carbon = registry(proxy("LCR-ENV-2", "tco2e", "268.97", price_base="2022"))
    refuse = methodology(
        registries=(carbon,), price_index=shipped_price_index(), price_base="2024/25"
    )
    with pytest.raises(ValuationError, match="calendar year"):
        value(Delivery(measure="LCR-ENV-2", quantity="1", period="2024/25 Q1"), refuse)
    allow = attrs.evolve(refuse, calendar_prices=CalendarPrices.MAJORITY_FINANCIAL_YEAR)
    valuation = value(Delivery(measure="LCR-ENV-2", quantity="1", period="2024/25 Q1"), allow)
    assert "2022 prices treated as 2022/23 prices" in valuation.explain()


def test_unit_values_are_cached_per_methodology():
    key = ValuationKey(
        "LCR-COM-1", Delivery(measure="x", quantity=0, period="2022/23").period, "UK"
    )
    assert unit_value(key, PLAIN) is unit_value(key, PLAIN)
    memo = PLAIN.memo()
    assert isinstance(memo, Memo)
    assert len(memo) >= 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        memo.unit_values = {}  # type: ignore[misc]


def test_one_name_for_present_value_and_for_the_working():
    valuation = value(
        Delivery(measure="LCR-ENV-2", quantity="2", period="2024/25 Q2"), default_methodology()
    )
    assert valuation.unit.times(Decimal(2))[2] == valuation.present_value
    with pytest.warns(DeprecationWarning, match=r"use UnitValue\.present_value$"):
        assert valuation.unit.present == valuation.unit.present_value
    with pytest.warns(DeprecationWarning, match=r"use Valuation\.working\(\)$"):
        assert valuation.explanation() == valuation.working()
    assert [step.name for step in valuation.working()][-1] == "quantity"
    assert isinstance(valuation.explain(), str)


def test_default_methodology_values_carbon_with_open_data():
    valuation = value(
        Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2"), default_methodology()
    )
    # 268.97 £/tCO2e (DESNZ 2024, 2022 prices) × 100 / 91.2996 (GDP deflator 2022/23 → 2024/25)
    assert valuation.gross.quantize(2) == Money("3682.52")
    assert valuation.net == valuation.gross  # the default states no additionality assumptions


def test_financial_amounts_take_their_price_year_from_the_proxy_date_rule():
    strict = attrs.evolve(default_methodology(), proxy_date="period")
    two_years = [Delivery(measure="LCR-COM-2", quantity="100", period="2021-08-01..2023-07-31")]
    batch = value_many(two_years, strict, unvalued="report")
    assert "spans the financial years 2021/22 to 2023/24" in batch.unvalued[0].reason
    middle = value_many(two_years, default_methodology())
    # priced at the middle of the period (2022-07-31, in 2022/23): 100 × 100 / 91.2996 (a
    # donation is a transfer: valued and listed, kept out of the counted total)
    (group,) = middle.groups
    assert group.gross is not None
    assert group.gross.quantize(2) == Money("109.53")
    assert middle.total_gross() == Money("0")
