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
    fresh = methodology()  # its own memo: this test computes the unit value itself
    valuation = value(Delivery(measure="LCR-ENV-1", quantity="10000", period="2022/23"), fresh)
    assert not valuation.monetised
    assert valuation.gross is None
    assert (valuation.unit.valuation.value, valuation.unit.currency) == ("record_only", "GBP")
    proxied = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), fresh)
    assert proxied.unit.valuation.value == "proxy"
    assert "record-only: counted and reported, never monetised" in valuation.explain()
    batch = value_many([Delivery(measure="LCR-ENV-1", quantity="5", period="2022/23")] * 3, PLAIN)
    assert batch.record_only() == {"LCR-ENV-1": Decimal(15)}
    assert batch.total_gross() == Money("0")


def test_proxy_already_net_of_deadweight_is_not_reduced_again():
    fresh = attrs.evolve(ADJUSTED)  # its own memo: this test computes the unit value itself
    valuation = value(Delivery(measure="LCR-SKL-4", quantity="10", period="2022/23"), fresh)
    names = [step.name for step in valuation.working()]
    assert names.count("deadweight") == 2
    assert (
        "deadweight",
        "the proxy value is already net of deadweight: not applied again",
    ) in [(step.name, step.text) for step in valuation.working()]
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
    with pytest.raises(ValuationError) as refused:
        value(Delivery(measure="LCR-ENV-2", quantity="1", period="2024/25 Q1"), refuse)
    assert str(refused.value) == (
        "the value is in 2022 (calendar year) prices but the price index "
        f"{shipped_price_index().id} is by financial year; set calendar_prices = "
        "'majority_financial_year' in the methodology to treat calendar-year prices as those of "
        "the financial year holding 9 of its months"
    )
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


# --- costs, streams, proxy dates and price years (mutation testing and coverage, issue #12) ---

from socialvalue import Cost, FinancialYear, ValidationError  # noqa: E402 - grouped with the tests that need it
from socialvalue._decimal import calculation_context  # noqa: E402
from socialvalue.valuation import YearValue, value_cost  # noqa: E402

DEFAULT = default_methodology()


def test_value_cost_restates_uplifts_and_discounts_with_its_working():
    cost = Cost(
        amount="1000",
        period="2025/26",
        category="capital",
        bearer="LCRCA",
        project="Kindred",
        optimism_bias="0.24",
        optimism_bias_source="Green Book supplementary guidance",
    )
    valued = value_cost(cost, DEFAULT)
    names = [step.name for step in valued.steps]
    assert names == ["cost", "rebase", "optimism bias", "discounting"]
    first, rebase, uplift, discount = valued.steps
    assert (first.text, first.result) == ("1000 GBP (capital, borne by LCRCA)", 1000)
    with calculation_context():
        # 2025/26 → 2024/25 prices: × 100 ÷ 103.2388, then + 24%, then year 1 at 3.5%.
        assert rebase.factor == Decimal(100) / Decimal("103.2388")
        assert rebase.result == 1000 * rebase.factor
        assert uplift.factor == Decimal("1.24")
        assert uplift.result == rebase.result * Decimal("1.24")
        assert discount.factor == 1 / Decimal("1.035")
        # Both carried to 30 places, as unit values are.
        assert valued.real.amount == uplift.result.quantize(Decimal("1e-30"))
        assert valued.present_value.amount == (uplift.result * discount.factor).quantize(
            Decimal("1e-30")
        )
    assert discount.result == valued.present_value.amount
    assert uplift.text == "+24% (Green Book supplementary guidance)"
    assert discount.text == ("2025/26 is year 1 from the base year 2024/25: × ≈0.966184 (standard)")
    assert valued.real.quantize(2) == Money("1201.10")
    assert valued.present_value.quantize(2) == Money("1160.48")
    assert valued.year == YearValue(
        year=FinancialYear(2025),
        offset=1,
        gross=valued.real.amount,
        net=valued.real.amount,
        discount_factor=discount.factor,
        present_value=valued.present_value.amount,
    )
    assert valued.methodology == DEFAULT.ref
    assert valued.cost is cost
    assert valued.explain() == "\n".join(
        [
            f"cost 1000 GBP in 2025/26, Kindred — methodology {DEFAULT.ref}",
            f" 1. cost: {first.text}",
            f" 2. rebase: {rebase.text}",
            f" 3. optimism bias: {uplift.text}",
            f" 4. discounting: {discount.text}",
        ]
    )


def test_value_cost_keeps_its_currency_and_without_base_year_is_year_zero():
    valued = value_cost(Cost(amount=Money("100", "EUR"), period="2022/23"), PLAIN)
    assert valued.real == Money("100", "EUR")
    assert valued.present_value == Money("100", "EUR")
    assert (valued.year.offset, valued.year.discount_factor) == (0, 1)
    assert [step.name for step in valued.steps] == ["cost", "rebase", "discounting"]
    assert valued.steps[0].text == "100 EUR (resource)"
    assert valued.explain().splitlines() == [
        f"cost 100 EUR in 2022/23 — methodology {PLAIN.ref}",
        " 1. cost: 100 EUR (resource)",
        " 2. rebase: none: the methodology keeps values in their own prices",
        " 3. discounting: 2022/23 is year 0 (no common base year): × 1 (standard)",
    ]


def test_a_cost_before_the_base_year_is_compounded_or_refused():
    compounded = value_cost(Cost(amount="100", period="2022/23"), DEFAULT)
    assert compounded.year.offset == -2
    assert compounded.year.discount_factor == Decimal("1.071225")  # 1.035²
    with calculation_context():
        assert compounded.present_value.amount.quantize(Decimal("1e-20")) == (
            compounded.real.amount * Decimal("1.071225")
        ).quantize(Decimal("1e-20"))
    refuse = attrs.evolve(DEFAULT, before_base_year="refuse")
    with pytest.raises(ValuationError) as refused:
        value_cost(Cost(amount="100", period="2022/23"), refuse)
    assert str(refused.value) == (
        "cost of 100 GBP in 2022/23: 2022/23 is before the appraisal base year 2024/25: the "
        "methodology refuses values "
        "before its base year (set before_base_year = 'compound' to compound them forward)"
    )
    # The base year itself is year 0, not refused.
    assert value_cost(Cost(amount="100", period="2024/25"), refuse).year.discount_factor == 1


def test_valuation_stream_is_the_unit_stream_times_the_quantity():
    fresh = attrs.evolve(ADJUSTED)  # its own memo: this test computes the unit value itself
    valuation = value(Delivery(measure="LCR-EMP-1", quantity="2", period="2024/25"), fresh)
    unit_stream = valuation.unit.stream
    with calculation_context():
        # year-1 convention, no base year: years 1, 2 and 3 at 3.5%
        assert [year.discount_factor for year in unit_stream] == [
            1 / Decimal("1.035") ** n for n in (1, 2, 3)
        ]
    assert [year.year.label for year in valuation.stream()] == ["2024/25", "2025/26", "2026/27"]
    assert [year.offset for year in valuation.stream()] == [1, 2, 3]
    with calculation_context():
        for year, unit in zip(valuation.stream(), unit_stream, strict=True):
            assert year.gross == 2 * unit.gross
            assert year.net == 2 * unit.net
            assert year.present_value == 2 * unit.present_value
            assert year.discount_factor == unit.discount_factor  # not multiplied
        total = sum(year.present_value for year in valuation.stream())
    assert Money(total).quantize(2) == valuation.present_value.quantize(2) == Money("3734.54")


def test_working_ends_with_the_quantity_step_and_a_record_only_one_says_no_value():
    valuation = value(Delivery(measure="LCR-EMP-1", quantity="2", period="2024/25"), ADJUSTED)
    *unit_steps, last = valuation.working()
    assert tuple(unit_steps) == valuation.unit.steps
    assert last.name == "quantity"
    assert last.factor == 2
    assert valuation.present_value is not None
    assert last.result == valuation.present_value.amount
    assert last.text == (
        "× 2: gross 2190.590101161450871635801252141302, net 1472.076547980494985739258441438954,"
        " present value 3734.535720747207903330191821518512 GBP"
    )
    assert valuation.explain(places=2).splitlines()[-1] == (
        "10. quantity: × 2 → gross 2190.59, net 1472.08, present value 3734.54 GBP"
    )
    counted = value(Delivery(measure="LCR-ENV-1", quantity="3", period="2024/25"), ADJUSTED)
    assert counted.stream() == ()
    assert [(s.name, s.text, s.factor, s.result) for s in counted.working()] == [
        (
            "record-only",
            "LCR-ENV-1 is record-only: counted and reported, never monetised",
            None,
            None,
        ),
        ("quantity", "3 counted; no £ value", None, None),
    ]
    with pytest.warns(DeprecationWarning, match=r"use Valuation\.working\(\)"):
        assert counted.explanation() == counted.working()


# A value that changes twice in 2022/23: 10 to 29 September, 20 from 30 September (the middle
# of the year), 30 on its last day.
DATED = registry(
    proxy("LCR-COM-1", "hour", "10", end=(2022, 9, 29)),
    proxy("LCR-COM-1", "hour", "20", start=(2022, 9, 30), end=(2023, 3, 30)),
    proxy("LCR-COM-1", "hour", "30", start=(2023, 3, 31)),
)


@pytest.mark.parametrize(("rule", "expected"), [("start", 10), ("middle", 20), ("end", 30)])
def test_the_proxy_date_rule_picks_the_start_middle_or_end_of_the_period(rule, expected):
    method = methodology(registries=(DATED,), proxy_date=rule)
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), method)
    assert valued.gross == Money(expected)
    with pytest.raises(NoProxyValueError):  # one value must answer for the whole period
        value(
            Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"),
            methodology(registries=(DATED,), proxy_date="period"),
        )


# Values by year for the proxy-years rule: 10 (2022/23 prices) to 2023, 20 (2023/24 prices)
# from April 2023, 40 (2024/25 prices) from 28 February 2025.
def _by_year(**changes):
    """A fresh by-year methodology (its own memo: each test computes its unit values)."""
    return methodology(**{**_BY_YEAR, **changes})


_BY_YEAR = {
    "registries": (
        registry(
            proxy("LCR-COM-1", "hour", "10", end=(2023, 3, 31)),
            proxy(
                "LCR-COM-1",
                "hour",
                "20",
                start=(2023, 4, 1),
                end=(2025, 2, 27),
                price_base="2023/24",
            ),
            proxy("LCR-COM-1", "hour", "40", start=(2025, 2, 28), price_base="2024/25"),
        ),
    ),
    "proxy_years": "by_year",
    "proxy_date": "start",
    "assumptions": (
        MeasureAssumption(measure="LCR-COM-1", additionality=Additionality(duration_years=3)),
    ),
    "price_index": shipped_price_index(),
    "price_base": "2024/25",
}


def test_by_year_proxies_look_each_later_year_up_on_the_same_day_a_year_on():
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), _by_year())
    stream = valued.stream()
    with calculation_context():
        to_2024 = Decimal(100) / Decimal("91.2996"), Decimal(100) / Decimal("96.1117")
        assert [year.gross for year in stream] == [
            10 * to_2024[0],  # 2022-04-01: 10 in 2022/23 prices
            20 * to_2024[1],  # 2023-04-01: 20 in 2023/24 prices
            20 * to_2024[1],  # 2024-04-01: still 20
        ]
    assert [year.offset for year in stream] == [0, 1, 2]
    text = valued.working()[-2].text
    assert text.startswith(
        "3 year(s), drop-off 0% a year, discounted from the outcome's first year (no common base "
        "year) with standard (2022), year 0 convention; proxy looked up for each year: 2022/23 "
        "(year 0): 1 kept × 1; "
    )
    assert "2023/24 (year 1): proxy 20 (2023/24 prices) → ≈20.809121, 1 kept × ≈0.966184" in text
    # Under the period rule the later years are looked up from the period's start.
    by_period = _by_year(proxy_date="period")
    again = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), by_period)
    assert [year.gross for year in again.stream()] == [year.gross for year in stream]


def test_by_year_lookups_from_29_february_fall_on_28_february():
    leap = Delivery(measure="LCR-COM-1", quantity="1", period="2024-02-29..2024-03-01")
    stream = value(leap, _by_year()).stream()
    # 2024-02-29 (2023/24): 20; 2025-02-28 and 2026-02-28: 40 (in 2024/25 prices, as is).
    assert [year.year.label for year in stream] == ["2023/24", "2024/25", "2025/26"]
    assert [year.gross for year in stream[1:]] == [40, 40]


@pytest.mark.parametrize(
    ("price_base", "text"),
    [
        (
            "2022",
            (
                "2022 prices treated as 2022/23 prices (the financial year holding 9 of the "
                "calendar year's 12 months): an approximation; weighting 2021/22 and 2022/23 by "
                "months (3:9) puts 2022 at index 89.8006, which would make the value higher by 1.67%"
            ),
        ),
        (
            "2000",  # the index starts in 2000/01: 1999/00 is not there to weigh
            (
                "2000 prices treated as 2000/01 prices (the financial year holding 9 of the "
                "calendar year's 12 months): an approximation (its size cannot be estimated: the "
                "index does not cover both financial years)"
            ),
        ),
    ],
)
def test_calendar_year_prices_say_how_large_the_approximation_is(price_base, text):
    method = methodology(
        registries=(registry(proxy("LCR-COM-1", "hour", "10", price_base=price_base)),),
        price_index=shipped_price_index(),
        price_base="2024/25",
        calendar_prices="majority_financial_year",
    )
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), method)
    step = valued.unit.steps[1]
    assert (step.name, step.text) == ("price year", text)
    # (3 × 85.3036 + 9 × 91.2996) ÷ 12 = 89.8006; 91.2996 ÷ 89.8006 − 1 = 1.669…%
    with calculation_context():
        rebased = (
            Decimal(10) * Decimal(100) / Decimal("91.2996" if price_base == "2022" else "54.3697")
        )
        assert valued.unit.gross == rebased.quantize(Decimal("1e-30"))


def test_a_derived_proxy_value_shows_its_derivation_as_a_step():
    derived = methodology(
        registries=(
            registry(proxy("LCR-COM-1", "hour", "10", derivation=("WELLBY £13,000", "× 0.001"))),
        )
    )
    unit = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), derived).unit
    assert [step.name for step in unit.steps[:3]] == ["proxy", "derivation", "rebase"]
    assert unit.steps[1].text == "WELLBY £13,000 × 0.001"
    plain = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), PLAIN).unit
    assert "derivation" not in [step.name for step in plain.steps]


def _flat_then_falling_index():
    from helpers import WORKED_SOURCE

    from socialvalue.prices import IndexBasis, IndexPoint, PriceIndex

    return PriceIndex(
        id="flat-then-falling",
        title="Invented for this test",
        basis=IndexBasis.FINANCIAL_YEAR,
        base=FinancialYear(2024),
        source=WORKED_SOURCE,
        licence="test",
        points=tuple(
            IndexPoint(year=FinancialYear(year), value=level)
            for year, level in ((2021, "100"), (2022, "100"), (2023, "90"), (2024, "100"))
        ),
    )


@pytest.mark.parametrize(
    ("price_base", "size", "gross"),
    [
        # 2021/22 and 2022/23 both at 100: the approximation changes nothing.
        ("2022", "puts 2022 at index 100, which would make the value higher by 0%", "10"),
        # (3 × 100 + 9 × 90) ÷ 12 = 92.5; 90 ÷ 92.5 − 1 = −2.70%: lower, not "lower by -2.7%"
        # (numbers in a working's English are shown as written: 2.70 as 2.7).
        ("2023", "puts 2023 at index 92.5, which would make the value lower by 2.7%", "11.11"),
    ],
)
def test_the_calendar_year_approximation_says_lower_when_the_index_falls(price_base, size, gross):
    method = methodology(
        registries=(registry(proxy("LCR-COM-1", "hour", "10", price_base=price_base)),),
        price_index=_flat_then_falling_index(),
        price_base="2024/25",
        calendar_prices="majority_financial_year",
    )
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), method)
    assert valued.unit.steps[1].text.endswith(size)
    assert valued.gross is not None
    assert valued.gross.quantize(2) == Money(gross)


@pytest.mark.parametrize(
    ("rule", "price_year", "gross"),
    [("start", "2021/22", "117.23"), ("middle", "2022/23", "109.53"), ("end", "2023/24", "104.05")],
)
def test_a_reported_amount_is_priced_in_the_year_of_the_proxy_date_rule(rule, price_year, gross):
    method = attrs.evolve(DEFAULT, proxy_date=rule)
    two_years = Delivery(measure="LCR-COM-2", quantity="100", period="2021-08-01..2023-07-31")
    valued = value(two_years, method)
    rebase = next(step for step in valued.unit.steps if step.name == "rebase")
    assert rebase.text.startswith(f"{price_year} → 2024/25 prices")
    assert valued.gross is not None
    assert valued.gross.quantize(2) == Money(gross)
    with pytest.raises(ValuationError) as refused:
        value(two_years, attrs.evolve(DEFAULT, proxy_date="period"))
    assert str(refused.value) == (
        "2021-08-01..2023-07-31 spans the financial years 2021/22 to 2023/24, so its £ amount has "
        "no single price year; split the delivery, or set the methodology's proxy_date to "
        "'start', 'middle' or 'end'"
    )


def test_value_names_the_delivery_it_refuses():
    with pytest.raises(ValidationError) as refused:
        value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", role="nobody"), PLAIN)
    assert str(refused.value).startswith("delivery: [0].role: unknown role 'nobody'")


# --- the working, step by step, and lookups by place and policy (issue #12) --------------------

THREE_YEARS = (
    MeasureAssumption(measure="LCR-COM-1", additionality=Additionality(duration_years=3)),
)


def _steps(valuation):
    return [(s.name, s.text, s.factor, s.result) for s in valuation.unit.steps]


def test_a_reported_amount_is_worth_one_pound_a_unit_before_additionality():
    fresh = attrs.evolve(ADJUSTED)  # its own memo: this test computes the unit value itself
    valued = value(Delivery(measure="LCR-COM-2", quantity="100", period="2024/25"), fresh)
    with calculation_context():
        present = Decimal("0.675") / Decimal("1.035")
    assert _steps(valued) == [
        ("financial", "LCR-COM-2 is reported in GBP: each unit is worth 1 GBP", None, 1),
        ("rebase", "none needed: already in 2024/25 prices", None, None),
        ("deadweight", "25% (default assumption)", Decimal("0.75"), Decimal("0.75")),
        ("leakage", "0% (default assumption)", 1, Decimal("0.75")),
        ("displacement", "0% (default assumption)", 1, Decimal("0.75")),
        ("substitution", "0% (default assumption)", 1, Decimal("0.75")),
        ("attribution", "10% (default assumption)", Decimal("0.9"), Decimal("0.675")),
        ("multiplier", "× 1 (default assumption)", 1, Decimal("0.675")),
        (
            "persistence and discounting",
            (
                "1 year(s), drop-off 0% a year, discounted from the outcome's first year (no common "
                "base year) with standard (2022), year 1 convention: 2024/25 (year 1): 1 kept × "
                "≈0.966184"
            ),
            valued.unit.steps[-1].factor,  # 1 ÷ 1.035, checked below
            present,
        ),
    ]
    with calculation_context():
        assert valued.unit.steps[-1].factor == 1 / Decimal("1.035")
    assert (valued.gross, valued.net) == (Money("100"), Money("67.5"))
    assert valued.unit.currency == "GBP"


def test_a_measure_assumption_is_named_in_each_step_and_the_stream_is_described():
    fresh = attrs.evolve(ADJUSTED)  # its own memo: this test computes the unit value itself
    valued = value(Delivery(measure="LCR-EMP-1", quantity="2", period="2024/25"), fresh)
    names_and_texts = [(s.name, s.text) for s in valued.unit.steps[2:8]]
    assert names_and_texts == [
        ("deadweight", "30% (measure assumption)"),
        ("leakage", "0% (measure assumption)"),
        ("displacement", "20% (measure assumption)"),
        ("substitution", "0% (measure assumption)"),
        ("attribution", "0% (measure assumption)"),
        ("multiplier", "× 1.2 (measure assumption)"),
    ]
    rebased = valued.unit.steps[1].result
    with calculation_context():
        after = [rebased * Decimal("0.7")]
        after += [after[0], after[0] * Decimal("0.8")]
        after += [after[2], after[2], after[2] * Decimal("1.2")]
    assert [s.result for s in valued.unit.steps[2:8]] == after
    assert [s.factor for s in valued.unit.steps[2:8]] == [
        Decimal("0.7"),
        1,
        Decimal("0.8"),
        1,
        1,
        Decimal("1.2"),
    ]
    assert valued.unit.steps[-1].text == (
        "3 year(s), drop-off 10% a year, discounted from the outcome's first year (no common base "
        "year) with standard (2022), year 1 convention; first year's proxy value in every year: "
        "2024/25 (year 1): 1 kept × ≈0.966184; 2025/26 (year 2): 0.9 kept × ≈0.933511; 2026/27 "
        "(year 3): 0.81 kept × ≈0.901943"
    )
    with_base = value(Delivery(measure="LCR-ENV-2", quantity="1", period="2022/23"), DEFAULT)
    assert with_base.unit.steps[-1].text.startswith(
        "1 year(s), drop-off 0% a year, discounted to the appraisal base year 2024/25 with "
        "standard (2022), year 0 convention; years before the base year compound: 2022/23 "
        "(year -2): 1 kept × 1.071225"
    )


def test_the_proxy_step_describes_the_lookup_and_carries_the_value():
    fresh = methodology()  # its own memo: this test computes the unit value itself
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), fresh)
    assert _steps(valued)[0] == (
        "proxy",
        (
            "LCR-COM-1 on 2022-04-01: 12.34 GBP per hour (2022/23 prices), UK, valid 2018-04-01..; "
            "layer test; source: Test, Worked example; licence: test; verification: unverified"
        ),
        None,
        Decimal("12.34"),
    )
    assert _steps(valued)[1] == (
        "rebase",
        "none: the methodology keeps values in their own prices",
        None,
        None,
    )


def test_every_year_of_a_stream_is_looked_up_for_the_delivery_place():
    local = methodology(
        registries=(
            registry(
                proxy("LCR-COM-1", "hour", "10"),
                proxy("LCR-COM-1", "hour", "20", geography="Liverpool City Region"),
            ),
        ),
        proxy_years="by_year",
        assumptions=THREE_YEARS,
    )
    here = Delivery(
        measure="LCR-COM-1", quantity="1", period="2022/23", geography="Liverpool City Region"
    )
    assert [year.gross for year in value(here, local).stream()] == [20, 20, 20]
    elsewhere = Delivery(measure="LCR-COM-1", quantity="1", period="2022/23")
    assert [year.gross for year in value(elsewhere, local).stream()] == [10, 10, 10]


def test_a_carried_forward_measure_is_carried_forward_in_every_year_of_its_stream():
    """Later years of a by-year stream followed the methodology's lookup policy, not the
    measure's: a measure named in carry_forward failed in its second year."""
    ending = registry(proxy("LCR-COM-1", "hour", "10", end=(2023, 3, 31)))
    carried = methodology(
        registries=(ending,),
        proxy_years="by_year",
        assumptions=THREE_YEARS,
        carry_forward=("LCR-COM-1",),
    )
    delivery = Delivery(measure="LCR-COM-1", quantity="1", period="2022/23")
    assert [year.gross for year in value(delivery, carried).stream()] == [10, 10, 10]
    late = value(Delivery(measure="LCR-COM-1", quantity="1", period="2023/24"), carried)
    assert late.unit.extrapolated
    strict = attrs.evolve(carried, carry_forward=())
    with pytest.raises(NoProxyValueError, match="no value for LCR-COM-1 on 2023-04-01"):
        value(delivery, strict)


@pytest.mark.parametrize(
    ("rule", "first"),
    [("period", "2021/22"), ("start", "2021/22"), ("middle", "2022/23"), ("end", "2023/24")],
)
def test_a_stream_starts_in_the_year_of_the_proxy_date_rule(rule, first):
    method = methodology(proxy_date=rule, assumptions=THREE_YEARS)
    spanning = Delivery(measure="LCR-COM-1", quantity="1", period="2021-08-01..2023-07-31")
    years = [year.year for year in value(spanning, method).stream()]
    start = FinancialYear(int(first[:4]))
    assert years == [
        start,
        FinancialYear(start.start_year + 1),
        FinancialYear(start.start_year + 2),
    ]


def test_a_proxy_value_of_zero_values_every_year_at_zero():
    nothing = methodology(
        registries=(registry(proxy("LCR-COM-1", "hour", "0")),),
        additionality=Additionality(deadweight="0.5"),
        assumptions=THREE_YEARS,
    )
    valued = value(Delivery(measure="LCR-COM-1", quantity="5", period="2022/23"), nothing)
    assert (valued.gross, valued.net, valued.present_value) == (Money(0), Money(0), Money(0))
    assert [year.net for year in valued.stream()] == [0, 0, 0]


def _with_measure(framework, code, **changes):
    def change(node):
        children = {
            name: tuple(change(child) for child in getattr(node, name))
            for name in ("outcomes", "measures")
            if hasattr(node, name)
        }
        own = changes if getattr(node, "code", None) == code else {}
        return attrs.evolve(node, **children, **own)

    return attrs.evolve(framework, themes=tuple(change(t) for t in framework.themes))


def test_a_reported_amount_in_euros_is_worth_one_euro_a_unit():
    from socialvalue.units import Unit, UnitKind

    framework = _with_measure(
        attrs.evolve(
            PLAIN.framework, units=(Unit("eur", "€", UnitKind.MONEY, "Euros.", currency="EUR"),)
        ),
        "LCR-COM-2",
        unit="eur",
    )
    euros = methodology(framework=framework)
    valued = value(
        Delivery(measure="LCR-COM-2", quantity="100", period="2022/23", unit="eur"), euros
    )
    assert valued.gross == Money("100", "EUR")
    assert valued.unit.currency == "EUR"
    assert valued.unit.steps[0].text == "LCR-COM-2 is reported in EUR: each unit is worth 1 EUR"


def test_a_price_index_without_a_price_base_keeps_values_in_their_own_prices():
    indexed = methodology(price_index=shipped_price_index())
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), indexed)
    assert valued.unit.steps[1].text == "none: the methodology keeps values in their own prices"
    assert valued.gross == Money("12.34")


def test_by_year_lookups_a_year_on_use_the_day_the_proxy_date_rule_picks():
    # 2022/23 ends on 31 March 2023: 20 from that day, 40 from 31 March 2024.
    dated = registry(
        proxy("LCR-COM-1", "hour", "10", end=(2023, 3, 30)),
        proxy("LCR-COM-1", "hour", "20", start=(2023, 3, 31), end=(2024, 3, 30)),
        proxy("LCR-COM-1", "hour", "40", start=(2024, 3, 31)),
    )
    at_end = methodology(
        registries=(dated,), proxy_years="by_year", proxy_date="end", assumptions=THREE_YEARS
    )
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), at_end)
    assert [year.gross for year in valued.stream()] == [20, 40, 40]


@pytest.mark.parametrize(
    ("by_year", "words"),
    [
        ("by_year", "proxy looked up for each year"),
        ("first_year", "first year's proxy value in every year"),
    ],
)
def test_a_two_year_stream_says_how_its_later_year_is_priced(by_year, words):
    two_years = (
        MeasureAssumption(measure="LCR-COM-1", additionality=Additionality(duration_years=2)),
    )
    method = methodology(proxy_years=by_year, assumptions=two_years)
    valued = value(Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"), method)
    assert valued.unit.steps[-1].text.startswith(
        "2 year(s), drop-off 0% a year, discounted from the outcome's first year (no common base "
        f"year) with standard (2022), year 0 convention; {words}: 2022/23 (year 0)"
    )
