import re
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st
from strategies import money

from socialvalue import Money, Source, ValidationError
from socialvalue._decimal import calculation_context
from socialvalue.additionality import Additionality
from socialvalue.discounting import DiscountSchedule, RateBand, YearConvention, present_value
from socialvalue.exceptions import CalculationError, CurrencyMismatchError
from socialvalue.indicators import (
    benefit_cost_ratio,
    local_multiplier_3,
    net_sroi_ratio,
    npsv,
    payback_period_months,
    sroi_ratio,
)
from socialvalue.provenance import Verification

positive_money = money(min_value=1, max_value=10**9)

# --- properties --------------------------------------------------------------------------------


@st.composite
def nested_amounts(draw: st.DrawFn) -> tuple[Money, Money, Money]:
    # S1 ≥ S2 ≥ S3 ≥ 0 built from cents so every draw is valid.
    cents = sorted(draw(st.lists(st.integers(0, 10**11), min_size=3, max_size=3)), reverse=True)
    cents[0] = max(cents[0], 1)
    s1, s2, s3 = (Money(Decimal(c).scaleb(-2)) for c in cents)
    return s1, s2, s3


@given(nested_amounts())
def test_lm3_lies_between_one_and_three(rounds):
    lm3 = local_multiplier_3(*rounds)
    assert 1 <= lm3 <= 3


@given(positive_money)
def test_lm3_bounds_are_reached(s1):
    assert local_multiplier_3(s1, Money("0"), Money("0")) == 1
    assert local_multiplier_3(s1, s1, s1) == 3


@given(money(), positive_money)
def test_ratios_agree_with_each_other(value, inputs):
    # net SROI ratio = SROI ratio − 1, and BCR = NPSV ÷ PVC + 1, each up to the rounding of one
    # division at the 60th significant digit: compared to 40 decimal places.
    with calculation_context():
        assert abs(net_sroi_ratio(value, inputs) - (sroi_ratio(value, inputs) - 1)) < Decimal(
            "1e-40"
        )
        bcr = benefit_cost_ratio(value, inputs)
        assert abs(bcr - (npsv(value, inputs) / inputs + 1)) < Decimal("1e-40")
    assert sroi_ratio(value, inputs) == benefit_cost_ratio(value, inputs)


@given(money(min_value=0), positive_money)
def test_payback_repays_the_investment(investment, annual_impact):
    months = payback_period_months(investment, annual_impact)
    with calculation_context():
        repaid = annual_impact.amount / 12 * months
    assert abs(repaid - investment.amount) < Decimal("1e-40")


@given(money(), money())
def test_npsv_is_money_in_money_out(benefits, costs):
    assert npsv(benefits, costs) == benefits - costs
    assert npsv(benefits.amount, costs.amount) == benefits.amount - costs.amount


# --- worked examples ---------------------------------------------------------------------------


def test_summary_metrics_worked_by_hand():
    # Worked by hand from the Green Book summary metrics (NPSV = PVB − PVC, BCR = PVB ÷ PVC):
    # PVB £1,500,000 and PVC £1,200,000 give NPSV £300,000 and BCR 1.25.
    assert npsv(Money("1500000"), Money("1200000")) == Money("300000")
    assert benefit_cost_ratio(Money("1500000"), Money("1200000")) == Decimal("1.25")
    # Decimals work the same way.
    assert benefit_cost_ratio(Decimal(3), Decimal(4)) == Decimal("0.75")


def test_sroi_mechanics_worked_by_hand():
    # Worked by hand from the SROI Guide's mechanics as summarised in METHODOLOGY.md §3 and the
    # Green Book's 3.5% rate for years 0–30 (illustrative figures, not a published proxy):
    #   quantity × proxy: 20 people into work × £10,000 a year = £200,000 gross
    #   less deadweight 25% and attribution 20%: 200,000 × 0.75 × 0.8 = £120,000 in year 1
    #   drop-off 10% a year over 3 years: £120,000, £108,000, £97,200
    #   discounted at 3.5%, first year discounted once (YearConvention.YEAR_1):
    #     120,000 ÷ 1.035          = 115,942.0290 → £115,942.03
    #     108,000 ÷ 1.071225       = 100,819.1556 → £100,819.16
    #      97,200 ÷ 1.108717875    =  87,668.8310 →  £87,668.83
    #     present value            = 304,430.0156 → £304,430.02
    #   inputs £250,000: SROI ratio = 304,430.0156 ÷ 250,000 = 1.2177 (£1.22 per £1)
    #   net SROI ratio = (304,430.0156 − 250,000) ÷ 250,000 = 0.2177
    #   payback = 250,000 ÷ (120,000 ÷ 12) = 25 months
    schedule = DiscountSchedule(
        id="flat",
        title="3.5% a year",
        edition="test",
        source=Source(title="The Green Book", publisher="HM Treasury"),
        verification=Verification.UNVERIFIED,
        bands=[RateBand(first_year=0, last_year=30, rate="0.035")],
    )
    additionality = Additionality(
        deadweight="0.25", attribution="0.2", duration_years=3, drop_off="0.1"
    )
    year_1 = additionality.net(Money("10000") * 20)
    stream = [year_1 * factor for factor in additionality.persistence()]
    assert stream == [Money("120000"), Money("108000"), Money("97200")]

    pv = present_value(stream, schedule, convention=YearConvention.YEAR_1)
    assert pv.quantize(2) == Money("304430.02")
    inputs = Money("250000")
    assert sroi_ratio(pv, inputs).quantize(Decimal("0.0001")) == Decimal("1.2177")
    assert net_sroi_ratio(pv, inputs).quantize(Decimal("0.0001")) == Decimal("0.2177")
    assert payback_period_months(inputs, year_1) == 25

    # The Green Book's counting (first value in year 0, undiscounted) gives more:
    # 120,000 + 108,000 ÷ 1.035 + 97,200 ÷ 1.071225 = £315,085.07.
    pv_year_0 = present_value(stream, schedule, convention=YearConvention.YEAR_0)
    assert pv_year_0.quantize(2) == Money("315085.07")


def test_lm3_worked_by_hand():
    # Worked by hand from the LM3 formula in NEF, "The Money Trail" (2002): S1 £100,000 income;
    # S2 £60,000 spent locally; S3 £24,000 of that re-spent locally:
    # (100,000 + 60,000 + 24,000) ÷ 100,000 = 1.84.
    assert local_multiplier_3(Money("100000"), Money("60000"), Money("24000")) == Decimal("1.84")
    assert local_multiplier_3(Decimal(100), Decimal(60), Decimal(24)) == Decimal("1.84")


def test_zero_investment_pays_back_at_once():
    assert payback_period_months(Money("0"), Money("1")) == 0


# --- one bad input per rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: benefit_cost_ratio(Money("1"), Money("0")),
            "benefit-cost ratio: the present value of costs is 0; a ratio needs positive costs",
        ),
        (
            lambda: benefit_cost_ratio(Money("1"), Money("-5")),
            "benefit-cost ratio: the present value of costs is -5",
        ),
        (
            lambda: sroi_ratio(Money("1"), Money("0")),
            "SROI ratio: the value of inputs is 0; a ratio needs inputs greater than zero",
        ),
        (
            lambda: net_sroi_ratio(Money("1"), Money("-1")),
            "net SROI ratio: the value of inputs is -1",
        ),
        (
            lambda: payback_period_months(Money("100"), Money("0")),
            (
                "payback period: the annual impact is 0; an investment only pays back from a "
                "positive impact"
            ),
        ),
        (
            lambda: payback_period_months(Money("-100"), Money("10")),
            "payback period: the investment is -100; it must be zero or more",
        ),
        (
            lambda: local_multiplier_3(Money("0"), Money("0"), Money("0")),
            "LM3: S1 (the total income or spend) is 0; it must be greater than zero",
        ),
    ],
)
def test_meaningless_calculations_raise(call, message):
    with pytest.raises(CalculationError, match=re.escape(message)):
        call()


@pytest.mark.parametrize(
    ("rounds", "problems"),
    [
        (("100", "120", "0"), ["s2: 120 is more than S1 (100); local spend is part of S1"]),
        (("100", "50", "60"), ["s3: 60 is more than S2 (50); local re-spend is part of S2"]),
        (
            ("100", "-1", "0"),
            ["s2: -1 is negative; spend is zero or more"],
        ),
        (
            ("100", "10", "-1"),
            ["s3: -1 is negative; spend is zero or more"],
        ),
    ],
)
def test_lm3_rounds_must_nest(rounds, problems):
    with pytest.raises(ValidationError) as info:
        local_multiplier_3(*(Money(r) for r in rounds))
    assert [str(p) for p in info.value.problems] == problems


def test_mixed_kinds_and_currencies_are_refused():
    with pytest.raises(TypeError, match="expected all Money or all Decimal"):
        sroi_ratio(Money("1"), Decimal(1))  # type: ignore[type-var]
    with pytest.raises(CurrencyMismatchError, match="EUR and GBP"):
        benefit_cost_ratio(Money("1"), Money("1", "EUR"))
    with pytest.raises(CurrencyMismatchError):
        npsv(Money("1"), Money("1", "EUR"))


# --- mutation testing (issue #12): the names and messages each indicator reports ---------------

INDICATORS = [
    (npsv, ("pv_benefits", "pv_costs")),
    (benefit_cost_ratio, ("pv_benefits", "pv_costs")),
    (sroi_ratio, ("present_value", "inputs")),
    (net_sroi_ratio, ("present_value", "inputs")),
    (payback_period_months, ("investment", "annual_impact")),
]


@pytest.mark.parametrize(("indicator", "names"), INDICATORS)
def test_mixed_kinds_name_each_argument(indicator, names):
    first, second = names
    with pytest.raises(TypeError) as info:
        indicator(Money("1"), Decimal(1))
    assert str(info.value) == (
        f"expected all Money or all Decimal: {first} is Money, {second} is Decimal"
    )
    with pytest.raises(ValueError, match=rf"^{first}: Decimal\('NaN'\) is not a finite number$"):
        indicator(Decimal("NaN"), Decimal(1))
    with pytest.raises(ValueError, match=rf"^{second}: Decimal\('NaN'\) is not a finite number$"):
        indicator(Decimal(1), Decimal("NaN"))


def test_lm3_names_each_round_and_accepts_equal_rounds():
    assert local_multiplier_3(Decimal(100), Decimal(100), Decimal(100)) == 3
    assert local_multiplier_3(Decimal(100), Decimal(50), Decimal(50)) == 2
    with pytest.raises(TypeError) as info:
        local_multiplier_3(Money("1"), Decimal(1), Decimal(1))  # type: ignore[type-var]
    assert str(info.value) == (
        "expected all Money or all Decimal: s1 is Money, s2 is Decimal, s3 is Decimal"
    )
    with pytest.raises(ValueError, match=r"^s3: Decimal\('NaN'\) is not a finite number$"):
        local_multiplier_3(Decimal(1), Decimal(1), Decimal("NaN"))
    with pytest.raises(CalculationError, match=r"^LM3: S1 \(the total income or spend\) is 0;"):
        local_multiplier_3(Decimal(0), Decimal(0), Decimal(0))
    with pytest.raises(ValidationError) as problems:
        local_multiplier_3(Decimal(100), Decimal(-1), Decimal(-2))
    assert str(problems.value) == (
        "LM3: 2 problems:\n  - s2: -1 is negative; spend is zero or more\n"
        "  - s3: -2 is negative; spend is zero or more"
    )
    with pytest.raises(CurrencyMismatchError, match=r"^cannot compare EUR and GBP amounts$"):
        local_multiplier_3(Money("1"), Money("1", "EUR"), Money("1"))


def test_lm3_says_which_round_is_larger_than_the_one_before():
    with pytest.raises(ValidationError) as s2:
        local_multiplier_3(Decimal(100), Decimal(150), Decimal(0))
    assert str(s2.value) == "LM3: s2: 150 is more than S1 (100); local spend is part of S1"
    with pytest.raises(ValidationError) as s3:
        local_multiplier_3(Decimal(100), Decimal(50), Decimal(60))
    assert str(s3.value) == "LM3: s3: 60 is more than S2 (50); local re-spend is part of S2"


def test_amounts_of_mixed_kinds_and_currencies_are_described_exactly():
    with pytest.raises(TypeError) as info:
        npsv(Decimal(1), Money("1"))  # type: ignore[type-var]
    assert str(info.value) == (
        "expected all Money or all Decimal: pv_benefits is Decimal, pv_costs is Money"
    )
    with pytest.raises(CurrencyMismatchError) as currencies:
        local_multiplier_3(Money("3", "USD"), Money("2", "EUR"), Money("1"))
    assert str(currencies.value) == "cannot compare EUR and GBP and USD amounts"


# --- leverage and cost per outcome (mutation testing, issue #12) -------------------------------

from socialvalue.indicators import cost_per_outcome, leverage_ratio  # noqa: E402


def test_leverage_ratio_is_funding_attracted_per_pound_invested():
    assert leverage_ratio(Money("10500000"), Money("1000000")) == Decimal("10.5")
    assert leverage_ratio(Decimal(1), Decimal(4)) == Decimal("0.25")
    assert leverage_ratio(Money("0"), Money("3")) == 0  # no funding attracted is a ratio of 0
    assert leverage_ratio(Money("0.5"), Money("1")) == Decimal("0.5")  # below £1 is allowed
    with calculation_context():
        assert leverage_ratio(Money("1"), Money("3")) == Decimal(1) / Decimal(3)


def test_leverage_ratio_refuses_no_investment_and_negative_funding_by_name():
    with pytest.raises(CalculationError) as no_investment:
        leverage_ratio(Money("5"), Money("0"))
    assert str(no_investment.value) == (
        "leverage ratio: the value of inputs is 0; a ratio needs inputs greater than zero"
    )
    with pytest.raises(CalculationError) as negative:
        leverage_ratio(Money("-1"), Money("10"))
    assert str(negative.value) == "leverage ratio: funding attracted is -1; it is zero or more"
    with pytest.raises(
        TypeError, match=r"^expected all Money or all Decimal: attracted is Money, "
    ):
        leverage_ratio(Money("1"), Decimal(1))
    with pytest.raises(TypeError, match=r"invested is Decimal$"):
        leverage_ratio(Money("1"), Decimal(1))


def test_cost_per_outcome_keeps_the_currency_and_divides_exactly():
    assert cost_per_outcome(Money("100000"), Decimal(40)) == Money("2500")
    assert cost_per_outcome(Money("90", "EUR"), "4") == Money("22.5", "EUR")
    assert cost_per_outcome(Decimal(90), 4) == Decimal("22.5")
    assert cost_per_outcome("7", "0.5") == Decimal(14)  # fewer than one outcome is allowed
    assert cost_per_outcome(Money("3"), 1) == Money("3")
    with calculation_context():
        assert cost_per_outcome(Decimal(1), 3) == Decimal(1) / Decimal(3)


def test_cost_per_outcome_refuses_no_outcomes_and_names_bad_arguments():
    for count in (0, "-2"):
        with pytest.raises(CalculationError) as refused:
            cost_per_outcome(Money("10"), count)
        assert str(refused.value) == (
            f"cost per outcome: {count} outcomes; a ratio needs more than zero"
        )
    with pytest.raises(ValueError, match=r"^outcomes: 'x' is not a decimal number$"):
        cost_per_outcome(Money("10"), "x")
    with pytest.raises(ValueError, match=r"^costs: 'y' is not a decimal number$"):
        cost_per_outcome("y", 2)
