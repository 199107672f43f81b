import re
import sys
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings, strategies as st
from strategies import fractions

import socialvalue as sv
from socialvalue import uncertainty as unc
from socialvalue._decimal import calculation_context
from socialvalue.additionality import Additionality
from socialvalue.exceptions import DataFileError, MissingExtraError, ValidationError
from socialvalue.io import dumps, methodology_from_text
from socialvalue.methodology import MeasureAssumption
from socialvalue.ranges import AssumptionRange, DiscountRange, ProxySpread, Uncertainty

PENNY = Decimal("0.005")
CARBON = "LCR-ENV-2"
HOURS = "LCR-COM-1"


def plain(labels):
    """Input labels without the registry each proxy value is in (the default has several)."""
    return {re.sub(r", [a-z][a-z0-9-]*\)$", ")", label) for label in labels}


def ranged(**changes):
    """The default methodology with deadweight 20% [10%, 30%] declared (and any changes)."""
    settings = {
        "additionality": Additionality(deadweight="0.2"),
        "uncertainty": Uncertainty(
            ranges=[AssumptionRange(factor="deadweight", low="0.1", high="0.3")]
        ),
        **changes,
    }
    return attrs.evolve(sv.default_methodology(), **settings)


def example_with_carbon():
    """The shipped example's deliveries, and carbon savings valued with the DESNZ bounds."""
    return [
        *sv.io.example_deliveries(),
        sv.Delivery(measure=CARBON, quantity="12.5", period="2024/25 Q2"),
        sv.Delivery(measure=CARBON, quantity="40", period="2022/23"),
    ]


# --- the declarations and their file format ---------------------------------------------------


BUNDLE = """
schema = "socialvalue/methodology/1"
id = "ranged"
title = "Ranged"
version = "1"
publisher = "tests"
framework = "shipped:lcrca"
registries = ["shipped:lcrca-open"]
price_index = "shipped:gdp-deflator-hmt-2026-03"
price_base = "2024/25"
calendar_prices = "majority_financial_year"
discount_schedule = "shipped:green-book-2022/standard"
proxy_date = "middle"

[additionality]
deadweight = "0.2"

[uncertainty]
discount = { low = "-0.01", high = "0.01" }

[[uncertainty.ranges]]
factor = "deadweight"
low = "0.1"
high = "0.3"
distribution = "pert"
note = "judgement"

[[uncertainty.proxies]]
distribution = "uniform"
"""


def test_ranges_load_from_a_bundle_and_round_trip():
    methodology = methodology_from_text(BUNDLE, format="toml")
    assert methodology.uncertainty.ranges[0].distribution.value == "pert"
    assert methodology.uncertainty.discount == DiscountRange(low="-0.01", high="0.01")
    for fmt in ("toml", "json"):
        again = methodology_from_text(dumps(methodology, format=fmt), format=fmt)
        assert again.uncertainty == methodology.uncertainty
        assert again.content_hash == methodology.content_hash


def test_a_typo_in_a_range_is_an_error_naming_the_key():
    with pytest.raises(DataFileError, match="hihg"):
        methodology_from_text(BUNDLE.replace('high = "0.3"', 'hihg = "0.3"'), format="toml")


@pytest.mark.parametrize(
    ("declared", "message"),
    [
        (
            AssumptionRange(factor="deadweight", low="0.25", high="0.3"),
            "central value 0.2 is outside",
        ),
        (AssumptionRange(factor="deadweight", low="0.1", high="1.3"), "not within \\[0, 1\\]"),
        (AssumptionRange(factor="multiplier", low="0.9", high="1.2"), "less than 1"),
        (AssumptionRange(factor="attribution", low=0, high="0.2", measure="NOPE"), "NOPE"),
    ],
)
def test_a_range_the_methodology_cannot_hold_is_refused(declared, message):
    with pytest.raises(ValidationError, match=message):
        ranged(uncertainty=Uncertainty(ranges=[declared]))


def test_a_range_given_twice_is_refused():
    twice = AssumptionRange(factor="deadweight", low="0.1", high="0.3")
    with pytest.raises(ValidationError, match="given twice"):
        ranged(uncertainty=Uncertainty(ranges=[twice, twice]))


def test_a_normal_distribution_needs_its_sd():
    with pytest.raises(ValueError, match="standard deviation"):
        AssumptionRange(factor="deadweight", low="0.1", high="0.3", distribution="normal")
    with pytest.raises(ValueError, match="does not contain 0"):
        DiscountRange(low="0.01", high="0.02")


def test_a_discount_range_cannot_make_a_rate_negative():
    with pytest.raises(ValidationError, match="below zero"):
        ranged(uncertainty=Uncertainty(discount=DiscountRange(low="-0.02", high="0.01")))


# --- scenarios --------------------------------------------------------------------------------


def test_shipped_example_low_central_high_are_ordered_for_every_total():
    methodology = ranged()
    batch = sv.value_many(example_with_carbon(), methodology, unvalued="report")
    result = unc.scenarios(batch, methodology)
    for total in ("gross", "net", "present_value"):
        low, central, high = (s.total(total).amount for s in result)
        assert low < central < high, total
    assert result.central.present_value == batch.total_present_value()
    hashes = {s.methodology.content_hash for s in result}
    assert len(hashes) == 3
    assert result.central.methodology == methodology.ref
    # Only the carbon savings and the apprenticeship starts (LCR-SKL-1, gmca-ucd-skills) have a
    # proxy range; the rest stays central but for deadweight.
    ranged_measures = (CARBON, "LCR-SKL-1")
    with calculation_context():
        with_range = sum(
            (g.present_value.amount for g in batch.groups if g.key.measure in ranged_measures),
            Decimal(0),
        )
        assert result.without_proxy_range.amount == (
            result.central.present_value.amount - with_range
        )
    assert "deadweight (default)" in result.inputs


def test_scenario_gross_moves_with_proxies_only():
    methodology = ranged()
    deliveries = [sv.Delivery(measure=HOURS, quantity="100", period="2022/23 Q2")]
    result = unc.scenarios(deliveries, methodology)
    assert result.low.gross == result.central.gross == result.high.gross
    # net = gross × (1 − deadweight): exactly 0.7, 0.8 and 0.9 of the gross
    with calculation_context():
        gross = result.central.gross.amount
        assert [s.net.amount for s in result] == [gross * Decimal(f"0.{n}") for n in (7, 8, 9)]
    assert result.without_proxy_range_share == 1


@st.composite
def ordered_methodologies(draw):
    """A methodology with random central assumptions and ordered ranges around them."""
    factors = {}
    ranges = []
    for factor in ("deadweight", "attribution", "drop_off"):
        a, b, c = sorted(draw(st.lists(fractions(places=2), min_size=3, max_size=3)))
        factors[factor] = b
        ranges.append(AssumptionRange(factor=factor, low=a, high=c))
    m_low, m_mid, m_high = sorted(draw(st.lists(st.integers(100, 200), min_size=3, max_size=3)))
    factors["multiplier"] = Decimal(m_mid) / 100
    ranges.append(
        AssumptionRange(factor="multiplier", low=Decimal(m_low) / 100, high=Decimal(m_high) / 100)
    )
    factors["duration_years"] = draw(st.integers(1, 4))
    own = draw(st.booleans())
    base = sv.default_methodology()
    measure_range = AssumptionRange(factor="leakage", low=0, high="0.2", measure=HOURS)
    return attrs.evolve(
        base,
        additionality=Additionality(**factors),
        assumptions=[MeasureAssumption(measure=HOURS, additionality=Additionality(leakage="0.1"))]
        if own
        else [],
        uncertainty=Uncertainty(ranges=[*ranges, measure_range]),
    )


def quantities():
    return st.integers(0, 10_000).map(Decimal)


@settings(max_examples=25, deadline=None)
@given(ordered_methodologies(), quantities(), quantities(), quantities())
def test_low_central_high_are_ordered_for_any_ordered_ranges(methodology, carbon, later, hours):
    deliveries = [
        sv.Delivery(measure=CARBON, quantity=carbon, period="2024/25"),
        sv.Delivery(measure=CARBON, quantity=later, period="2027/28 Q3"),
        sv.Delivery(measure=HOURS, quantity=hours, period="2022/23 Q2"),
    ]
    result = unc.scenarios(deliveries, methodology)
    for total in ("gross", "net", "present_value"):
        low, central, high = (s.total(total).amount for s in result)
        assert low <= central <= high, total


# --- one-way sensitivity ----------------------------------------------------------------------


def test_tornado_ranks_inputs_by_swing():
    methodology = ranged()
    batch = sv.value_many(example_with_carbon(), methodology, unvalued="report")
    result = unc.sensitivity(batch, methodology, total="net")
    swings = [s.swing for s in result]
    assert swings == sorted(swings, reverse=True)
    assert plain(s.input.label for s in result) >= {
        "deadweight (default)",
        f"{CARBON} proxy (UK, from 2024-01-01)",
        f"{CARBON} proxy (UK, from 2022-01-01)",
    }
    # The deadweight range moves the net total by ±10 points of the gross of every value not
    # already net of deadweight (to the 30 places unit values are carried to):
    deadweight = next(s for s in result if s.input.factor == "deadweight")
    with calculation_context():
        subject = sum(
            (
                g.gross.amount
                for g in batch.groups
                if g.counted
                and g.gross is not None
                and not (g.unit.lookup and g.unit.lookup.value.net_of_deadweight)
            ),
            Decimal(0),
        )
        assert abs(deadweight.swing - subject * Decimal("0.2")) < Decimal("1e-20")
        assert deadweight.at_low > deadweight.central > deadweight.at_high


def test_one_input_moved_alone_equals_the_derived_methodology():
    methodology = ranged()
    deliveries = example_with_carbon()
    result = unc.sensitivity(deliveries, methodology)
    carbon = next(s for s in result if "from 2024-01-01" in s.input.label)
    derived = unc.derive(methodology, {carbon.input: carbon.input.high}, "check")
    batch = sv.value_many(deliveries, derived, unvalued="report")
    assert carbon.at_high == batch.total_present_value().amount


def test_a_proxy_without_bounds_is_not_an_input():
    result = unc.sensitivity(
        [sv.Delivery(measure=HOURS, quantity="10", period="2022/23 Q2")], sv.default_methodology()
    )
    assert result.swings == ()


# --- switching values ------------------------------------------------------------------------


def test_a_switching_value_put_back_meets_the_target_to_the_penny():
    methodology = ranged()
    deliveries = example_with_carbon()
    central = sv.value_many(deliveries, methodology, unvalued="report").total_present_value()
    target = central.amount - Decimal(5000)
    found = unc.switching_values(deliveries, methodology, target=target)
    exact = [f for f in found if f.method == "exact" and f.value is not None]
    assert {f.input.kind for f in exact} == {unc.InputKind.PROXY, unc.InputKind.ASSUMPTION}
    for switching in exact:
        put_back = unc.derive(methodology, {switching.input: switching.value}, "put-back")
        total = sv.value_many(deliveries, put_back, unvalued="report").total_present_value()
        assert abs(total.amount - target) < PENNY, switching.input.label


def test_a_target_out_of_reach_says_none_plainly():
    methodology = ranged()
    deliveries = [sv.Delivery(measure=HOURS, quantity="10", period="2022/23 Q2")]
    [found] = unc.switching_values(deliveries, methodology, target=Decimal(10_000))
    assert found.value is None
    assert found.note.startswith("none: to reach a present value of 10,000.00 it would take")
    assert not found.within_range


def test_a_switching_value_outside_the_range_says_so():
    methodology = ranged()
    deliveries = [sv.Delivery(measure=HOURS, quantity="10", period="2022/23 Q2")]
    central = sv.value_many(deliveries, methodology).total_present_value().amount
    [found] = unc.switching_values(deliveries, methodology, target=central / 2)
    assert found.value is not None
    assert not found.within_range
    assert "none within the plausible range [0.1, 0.3]" in found.note


def test_a_non_linear_input_is_found_by_bisection_within_tolerance():
    methodology = ranged(
        additionality=Additionality(deadweight="0.2", duration_years=3, drop_off="0.2"),
        uncertainty=Uncertainty(
            ranges=[AssumptionRange(factor="drop_off", low="0.1", high="0.5")],
            discount=DiscountRange(low="-0.01", high="0.02"),
        ),
    )
    deliveries = [sv.Delivery(measure=CARBON, quantity="1000", period="2025/26 Q2")]
    central = sv.value_many(deliveries, methodology).total_present_value().amount
    target = central * Decimal("0.9")
    found = {f.input.label: f for f in unc.switching_values(deliveries, methodology, target=target)}
    drop_off = found["drop_off (default)"]
    assert drop_off.method == "bisection"
    assert drop_off.value is not None
    for near in (drop_off.value - unc.TOLERANCE, drop_off.value + unc.TOLERANCE):
        derived = unc.derive(methodology, {drop_off.input: near}, "near")
        found_total = sv.value_many(deliveries, derived).total_present_value().amount
        assert abs(found_total - target) < central * Decimal("1e-8")
    discount = found["discount rates (shift)"]
    assert discount.method == "bisection"
    assert discount.value is not None
    assert discount.value > 0  # higher rates lower the value


# --- Monte Carlo -----------------------------------------------------------------------------


def test_monte_carlo_with_a_seed_is_reproducible():
    methodology = ranged()
    deliveries = example_with_carbon()
    first = unc.monte_carlo(deliveries, methodology, seed=7, draws=2000)
    assert first == unc.monte_carlo(deliveries, methodology, seed=7, draws=2000)
    assert (
        first.percentiles
        != unc.monte_carlo(deliveries, methodology, seed=8, draws=2000).percentiles
    )
    assert first.methodology == methodology.ref


def collapsed(methodology):
    """Every range of a methodology collapsed to its central value."""
    registries = [
        attrs.evolve(
            registry,
            values=[
                attrs.evolve(v, low=v.value, high=v.value) if v.low is not None else v
                for v in registry.values
            ],
        )
        for registry in methodology.registries
    ]
    ranges = [
        attrs.evolve(
            r, low=methodology.additionality.deadweight, high=methodology.additionality.deadweight
        )
        for r in methodology.uncertainty.ranges
    ]
    return attrs.evolve(methodology, registries=registries, uncertainty=Uncertainty(ranges=ranges))


@pytest.mark.parametrize("total", ["gross", "net", "present_value"])
def test_monte_carlo_with_every_range_a_point_gives_the_central_total_exactly(total):
    methodology = collapsed(ranged())
    deliveries = example_with_carbon()
    result = unc.monte_carlo(deliveries, methodology, seed=3, draws=500, total=total)
    central = unc.scenarios(deliveries, methodology).central.total(total).amount
    assert result.central == central
    assert all(value == central for _, value in result.percentiles)
    assert result.mean == central


@pytest.mark.parametrize("distribution", ["uniform", "triangular", "pert", "normal"])
def test_monte_carlo_draws_stay_between_the_low_and_high_scenarios(distribution):
    sd = {"sd": "0.05"} if distribution == "normal" else {}
    methodology = ranged(
        uncertainty=Uncertainty(
            ranges=[
                AssumptionRange(
                    factor="deadweight", low="0.1", high="0.3", distribution=distribution, **sd
                )
            ],
            proxies=[
                ProxySpread(
                    distribution=distribution, sd="0.2" if distribution == "normal" else None
                )
            ],
        )
    )
    deliveries = example_with_carbon()
    bounds = unc.scenarios(deliveries, methodology)
    result = unc.monte_carlo(deliveries, methodology, seed=11, draws=3000, percentiles=(0, 50, 100))
    margin = Decimal("0.01")  # the float deviation, well below a penny
    assert bounds.low.present_value.amount - margin <= result.percentile(0)
    assert result.percentile(100) <= bounds.high.present_value.amount + margin
    assert result.percentile(0) < result.percentile(50) < result.percentile(100)
    assert plain(result.drawn) == {
        "deadweight (default)",
        f"{CARBON} proxy (UK, from 2024-01-01)",
        f"{CARBON} proxy (UK, from 2022-01-01)",
        "LCR-SKL-1 proxy (England, from 2021-08-01)",
    }


def test_monte_carlo_holds_non_linear_inputs_central_and_says_so():
    methodology = ranged(
        additionality=Additionality(deadweight="0.2", duration_years=2, drop_off="0.2"),
        uncertainty=Uncertainty(ranges=[AssumptionRange(factor="drop_off", low="0.1", high="0.3")]),
    )
    result = unc.monte_carlo(example_with_carbon(), methodology, seed=1, draws=100)
    assert result.held == ("drop_off (default)",)
    with pytest.raises(KeyError, match="percentile 42"):
        result.percentile(42)


def test_monte_carlo_needs_numpy(monkeypatch):
    monkeypatch.setitem(sys.modules, "numpy", None)
    with pytest.raises(MissingExtraError, match=r"socialvalue\[montecarlo\]"):
        unc.monte_carlo(example_with_carbon(), ranged(), seed=1)


# --- with costs: NPSV and BCR -----------------------------------------------------------------


def carbon_project():
    deliveries = [
        sv.Delivery(measure=CARBON, quantity="100", period="2024/25"),
        sv.Delivery(measure=CARBON, quantity="60", period="2026/27"),
    ]
    costs = [sv.Cost(amount="30000", period="2024/25"), sv.Cost(amount="8000", period="2025/26")]
    return deliveries, costs


def test_scenarios_carry_pvc_npsv_and_bcr():
    deliveries, costs = carbon_project()
    methodology = ranged()
    result = unc.scenarios(deliveries, methodology, costs=costs)
    rollup = sv.Rollup.of(deliveries, methodology, by=(), costs=costs).total()
    assert result.central.costs.amount == rollup.costs
    assert result.central.npsv.amount == rollup.npsv()
    assert result.central.bcr == rollup.bcr()
    assert result.low.npsv.amount < result.central.npsv.amount < result.high.npsv.amount
    assert result.low.bcr < result.central.bcr < result.high.bcr
    assert unc.scenarios(deliveries, methodology).central.npsv is None


def test_an_npsv_switching_value_put_back_gives_npsv_zero_to_the_penny():
    deliveries, costs = carbon_project()
    methodology = ranged()
    found = unc.switching_values(deliveries, methodology, costs=costs)
    exact = [
        f for f in found if f.criterion == "npsv" and f.method == "exact" and f.value is not None
    ]
    assert plain(f.input.label for f in exact) >= {
        "deadweight (default)",
        f"{CARBON} proxy (UK, from 2024-01-01)",
    }
    for switching in exact:
        put_back = unc.derive(methodology, {switching.input: switching.value}, "put-back")
        totals = sv.Rollup.of(deliveries, put_back, by=(), costs=costs).total()
        assert abs(totals.npsv()) < PENNY, switching.input.label
        assert abs(totals.bcr() - 1) < Decimal("1e-9")
        assert "an NPSV of zero (a BCR of 1)" in switching.note


def test_the_discount_rates_move_pvc_too_and_switch_by_bisection():
    deliveries, costs = carbon_project()
    methodology = ranged(uncertainty=Uncertainty(discount=DiscountRange(low="-0.01", high="0.05")))
    swings = unc.sensitivity(deliveries, methodology, costs=costs)
    swing = next(s for s in swings if s.input.kind is unc.InputKind.DISCOUNT)
    low, central, high = swing.costs
    assert low > central > high  # higher rates, lower present value of costs
    npsv = swing.npsv
    with calculation_context():
        assert npsv == (swing.at_low - low, swing.central - central, swing.at_high - high)
    proxy = next(s for s in swings if s.input.kind is unc.InputKind.PROXY)
    assert proxy.costs[0] == proxy.costs[1] == proxy.costs[2]  # only discounting moves PVC
    found = next(
        f
        for f in unc.switching_values(deliveries, methodology, costs=costs)
        if f.input.kind is unc.InputKind.DISCOUNT
    )
    assert found.method == "bisection"
    assert found.criterion == "npsv"


def test_monte_carlo_gives_npsv_and_bcr_percentiles_and_the_chance_npsv_is_negative():
    deliveries, costs = carbon_project()
    methodology = ranged()
    result = unc.monte_carlo(deliveries, methodology, seed=5, draws=4000, costs=costs)
    assert 0 < result.p_npsv_negative < 1
    with calculation_context():
        assert result.npsv_percentile(50) == result.percentile(50) - result.costs
    assert result.bcr_percentile(5) < result.bcr_percentile(95)
    flat = unc.monte_carlo(deliveries, collapsed(methodology), seed=5, draws=500, costs=costs)
    central = unc.scenarios(deliveries, collapsed(methodology), costs=costs).central
    assert flat.npsv_percentile(50) == central.npsv.amount
    assert flat.bcr_percentile(95) == central.bcr
    assert flat.p_npsv_negative in (0.0, 1.0)


def test_switching_values_need_a_target_or_costs():
    with pytest.raises(ValueError, match="give a target total, or costs"):
        unc.switching_values(example_with_carbon(), ranged())


def test_scenario_rollups_are_ordered_group_by_group():
    deliveries, costs = carbon_project()
    deliveries = [*deliveries, *example_with_carbon()]
    rollups = unc.scenario_rollups(deliveries, ranged(), by=("period",), costs=costs)
    assert list(rollups) == ["low", "central", "high"]
    assert (
        rollups["central"].total()
        == sv.Rollup.of(
            deliveries, ranged(), by=("period",), unvalued="report", costs=costs
        ).total()
    )
    for key, central in rollups["central"]:
        low, high = rollups["low"].rows[key], rollups["high"].rows[key]
        assert low.present_value <= central.present_value <= high.present_value, key
    totals = [rollups[name].total().npsv() for name in ("low", "central", "high")]
    assert totals == sorted(totals)


def test_monte_carlo_draws_depend_on_the_hash_not_on_a_registry_id():
    methodology = ranged()
    renamed = attrs.evolve(
        methodology,
        registries=[attrs.evolve(r, id=f"{r.id}-renamed") for r in methodology.registries],
    )
    assert renamed.content_hash == methodology.content_hash
    deliveries = example_with_carbon()
    first = unc.monte_carlo(deliveries, methodology, seed=9, draws=1000)
    again = unc.monte_carlo(deliveries, renamed, seed=9, draws=1000)
    assert first.percentiles == again.percentiles


@pytest.mark.parametrize("seed", [-1, 1.5, True, "1"])
def test_monte_carlo_refuses_a_bad_seed_naming_it(seed):
    # A negative or non-integer seed reached numpy, whose error ("expected non-negative
    # integer", or a TypeError) named no argument.
    carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
    with pytest.raises(ValueError, match=r"^seed: "):
        unc.monte_carlo([carbon], sv.default_methodology(), seed=seed, draws=10)


@pytest.mark.parametrize("draws", [0, -5, 10.5, True])
def test_monte_carlo_refuses_a_bad_number_of_draws_naming_it(draws):
    carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
    with pytest.raises(ValueError, match=r"^draws: "):
        unc.monte_carlo([carbon], sv.default_methodology(), seed=1, draws=draws)


def test_switching_values_refuses_a_target_too_large_to_keep_exact():
    # A target of 1E+400 came back as "the present value does not depend on deadweight",
    # which is false: the solve lost the target in the arithmetic's precision.
    hours = sv.Delivery(measure="LCR-COM-1", quantity="100", period="2022/23")
    with pytest.raises(ValueError, match=r"^target: 1E\+400 is too large"):
        unc.switching_values([hours], sv.default_methodology(), target=Decimal("1E+400"))
