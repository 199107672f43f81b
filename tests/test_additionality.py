import itertools
import re
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, strategies as st
from strategies import (
    FRACTION_FIELDS,
    additionalities,
    fractions,
    impact_chains,
    money,
    multipliers,
)

from socialvalue import DataFileError, FloatNotAllowedError, Money
from socialvalue._decimal import calculation_context
from socialvalue.additionality import (
    Additionality,
    Adjustment,
    ImpactChain,
    Level,
    additional_impact,
    persistence_factors,
)
from socialvalue.exceptions import CurrencyMismatchError, ValidationError
from socialvalue.io import loads

# Gross outcomes are non-negative amounts.
gross_amounts = money(min_value=0, max_value=10**9)

# --- properties --------------------------------------------------------------------------------


@given(additionalities(multiplier=Decimal(1)), gross_amounts)
def test_net_is_at_most_gross_when_the_multiplier_is_one(additionality, gross):
    assert additionality.net(gross) <= gross
    assert additionality.net_factor() <= 1


@given(
    additionalities(),
    st.sampled_from(FRACTION_FIELDS),
    fractions(),
    fractions(),
    gross_amounts,
)
def test_net_is_non_increasing_in_each_fraction(additionality, field, x, y, gross):
    lower, higher = sorted((x, y))
    less = attrs.evolve(additionality, **{field: lower})
    more = attrs.evolve(additionality, **{field: higher})
    assert more.net_factor() <= less.net_factor()
    assert more.net(gross) <= less.net(gross)


@given(additionalities(), multipliers(), multipliers(), gross_amounts)
def test_net_is_non_decreasing_in_the_multiplier(additionality, x, y, gross):
    lower, higher = sorted((x, y))
    assert attrs.evolve(additionality, multiplier=lower).net(gross) <= attrs.evolve(
        additionality, multiplier=higher
    ).net(gross)


@given(additionalities(), money(), money())
def test_net_is_linear_in_the_gross_value(additionality, a, b):
    assert additionality.net(a + b) == additionality.net(a) + additionality.net(b)
    assert additionality.net(a * 3) == additionality.net(a) * 3


@given(additionalities())
def test_net_factor_is_the_product_in_any_order(additionality):
    factors = [Decimal(1) - getattr(additionality, field) for field in FRACTION_FIELDS] + [
        additionality.multiplier
    ]
    with calculation_context():
        for order in itertools.permutations(factors):
            product = Decimal(1)
            for factor in order:
                product *= factor
            assert product == additionality.net_factor()


@given(additionalities(), gross_amounts)
def test_steps_follow_the_methodology_order_and_end_at_net(additionality, gross):
    steps = additionality.steps(gross)
    assert [step.name for step in steps] == [
        "deadweight",
        "leakage",
        "displacement",
        "substitution",
        "attribution",
        "multiplier",
    ]
    assert steps[0].before == gross
    for before, after in itertools.pairwise(steps):
        assert after.before == before.after
    for step in steps:
        assert step.after == step.before * step.factor
    assert steps[-1].after == additionality.net(gross)


@given(additionalities(), st.decimals(min_value=0, max_value=10**6, places=2))
def test_steps_and_net_work_on_plain_decimals(additionality, gross):
    with calculation_context():
        assert additionality.net(gross) == gross * additionality.net_factor()
    assert isinstance(additionality.steps(gross)[-1].after, Decimal)


@given(st.integers(1, 30), fractions())
def test_persistence_factors_are_non_increasing_from_one(years, drop_off):
    factors = persistence_factors(years, drop_off)
    assert len(factors) == years
    assert factors[0] == 1
    for before, after in itertools.pairwise(factors):
        assert 0 <= after <= before
        with calculation_context():
            assert after == before * (1 - drop_off)


@given(st.integers(1, 30))
def test_no_drop_off_keeps_the_whole_outcome(years):
    assert persistence_factors(years, 0) == (Decimal(1),) * years


@given(gross_amounts, fractions(), impact_chains())
def test_guide_form_with_a_deadweight_reference_equals_the_share_form(gross, deadweight, chain):
    # METHODOLOGY.md §3: when the reference case is a deadweight share DW of the gross with the
    # same factors, AI = GI × (1 − DW)(1 − L)(1 − Dp)(1 − S) × M.
    reference_gross = gross * deadweight
    share_form = Additionality(
        deadweight=deadweight,
        leakage=chain.leakage,
        displacement=chain.displacement,
        substitution=chain.substitution,
        multiplier=chain.multiplier,
    )
    assert additional_impact(gross, chain, reference_gross, chain) == share_form.net(gross)


# --- worked examples ---------------------------------------------------------------------------


def test_additionality_guide_formula_worked_by_hand():
    # Worked by hand from the formula in the Additionality Guide, 3rd edition (2008):
    #   AI = [GI × (1 − L)(1 − Dp)(1 − S) × M] − [GI* × (1 − L*)(1 − Dp*)(1 − S*) × M*]
    # Intervention: GI = £100,000, L = 10%, Dp = 20%, S = 5%, M = 1.2
    #   100,000 × 0.9 = 90,000; × 0.8 = 72,000; × 0.95 = 68,400; × 1.2 = 82,080
    # Reference case: GI* = £30,000 with the same factors
    #   30,000 × 0.9 = 27,000; × 0.8 = 21,600; × 0.95 = 20,520; × 1.2 = 24,624
    # AI = 82,080 − 24,624 = £57,456
    # The same as a deadweight share of 30%: 100,000 × 0.7 × 0.9 × 0.8 × 0.95 × 1.2 = £57,456
    chain = ImpactChain(leakage="0.1", displacement="0.2", substitution="0.05", multiplier="1.2")
    assert chain.apply(Money("100000")) == Money("82080")
    assert chain.apply(Money("30000")) == Money("24624")
    assert additional_impact(Money("100000"), chain, Money("30000"), chain) == Money("57456")
    share_form = Additionality(
        deadweight="0.3", leakage="0.1", displacement="0.2", substitution="0.05", multiplier="1.2"
    )
    assert share_form.net(Money("100000")) == Money("57456")


def test_additionality_guide_formula_with_different_reference_factors():
    # Worked by hand from the same formula: the reference case (GI* = £30,000) leaks half its
    # benefit and has no displacement, substitution or multiplier:
    #   30,000 × 0.5 = 15,000; AI = 82,080 − 15,000 = £67,080
    intervention = ImpactChain(
        leakage="0.1", displacement="0.2", substitution="0.05", multiplier="1.2"
    )
    reference = ImpactChain(leakage="0.5")
    assert additional_impact(Money("100000"), intervention, Money("30000"), reference) == Money(
        "67080"
    )
    # A reference case that outperforms the intervention gives a negative impact, unclamped.
    assert additional_impact(Decimal(10), ImpactChain(), Decimal(12), ImpactChain()) == Decimal(-2)


def test_sroi_impact_and_drop_off_worked_by_hand():
    # Worked by hand from the SROI convention in METHODOLOGY.md §3 (impact = quantity × proxy ×
    # (1 − deadweight) × (1 − displacement) × (1 − attribution); drop-off on the remaining value
    # each year after the first). Illustrative figures, not a published proxy:
    #   20 people × £10,000 = £200,000 gross; deadweight 25%, attribution 20%:
    #   200,000 × 0.75 = 150,000; × 0.8 = £120,000 in year 1
    #   drop-off 10%: year 2 = 120,000 × 0.9 = £108,000; year 3 = 108,000 × 0.9 = £97,200
    additionality = Additionality(
        deadweight="0.25", attribution="0.2", duration_years=3, drop_off="0.1"
    )
    gross = Money("10000") * 20
    year_1 = additionality.net(gross)
    assert year_1 == Money("120000")
    assert [year_1 * factor for factor in additionality.persistence()] == [
        Money("120000"),
        Money("108000"),
        Money("97200"),
    ]
    explanation = [(step.name, step.after) for step in additionality.steps(gross)]
    assert explanation[0] == ("deadweight", Money("150000"))
    assert explanation[4] == ("attribution", Money("120000"))


def test_steps_record_the_parameter_and_the_factor():
    step = Additionality(leakage=Level.LOW).steps(Money("100"))[1]
    assert step == Adjustment(
        name="leakage",
        parameter=Decimal("0.25"),
        factor=Decimal("0.75"),
        before=Money("100"),
        after=Money("75.00"),
    )
    multiplier = Additionality(multiplier="1.5").steps(Money("100"))[-1]
    assert (multiplier.parameter, multiplier.factor) == (Decimal("1.5"), Decimal("1.5"))


@pytest.mark.parametrize(
    ("level", "value"),
    [
        (Level.NONE, "0"),
        (Level.LOW, "0.25"),
        (Level.MEDIUM, "0.5"),
        (Level.HIGH, "0.75"),
        (Level.ALL, "1"),
    ],
)
def test_practitioner_scale(level, value):
    assert level.value == Decimal(value)
    assert Additionality(attribution=level).attribution == Decimal(value)
    assert Level(Decimal(value)) is level


def test_defaults_change_nothing():
    additionality = Additionality()
    assert additionality.net_factor() == 1
    assert additionality.net(Money("123.45")) == Money("123.45")
    assert additionality.persistence() == (Decimal(1),)


def test_additionality_reads_from_toml():
    text = 'deadweight = "0.25"\nattribution = 0.2\nduration_years = 3\ndrop_off = "0.1"\n'
    additionality = loads(text, Additionality, format="toml")
    assert additionality == Additionality(
        deadweight="0.25", attribution="0.2", duration_years=3, drop_off="0.1"
    )


# --- one bad input per rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"deadweight": "1.2"}, ValueError, "deadweight: 1.2 is not a fraction between 0 and 1"),
        ({"leakage": "-0.1"}, ValueError, "leakage: -0.1 is not a fraction between 0 and 1"),
        ({"displacement": 2}, ValueError, "displacement: 2 is not a fraction between 0 and 1"),
        ({"substitution": "1.01"}, ValueError, "substitution: 1.01 is not a fraction"),
        ({"attribution": "-1"}, ValueError, "attribution: -1 is not a fraction"),
        ({"drop_off": "1.5"}, ValueError, "drop_off: 1.5 is not a fraction between 0 and 1"),
        ({"multiplier": "0.9"}, ValueError, "multiplier: 0.9 is less than 1"),
        ({"duration_years": 0}, ValueError, "duration_years: 0 is not a whole number of years"),
        ({"duration_years": True}, ValueError, "duration_years: True is not a whole number"),
        ({"duration_years": "3"}, ValueError, "duration_years: '3' is not a whole number"),
        ({"attribution": 0.2}, FloatNotAllowedError, "attribution: got the float 0.2"),
        ({"multiplier": 1.5}, FloatNotAllowedError, "multiplier: got the float 1.5"),
        ({"deadweight": "a quarter"}, ValueError, "deadweight: 'a quarter' is not a decimal"),
    ],
)
def test_bad_additionality_is_refused(kwargs, error, message):
    with pytest.raises(error, match=re.escape(message)):
        Additionality(**kwargs)


def test_floats_are_refused_with_the_exact_form_suggested():
    with pytest.raises(FloatNotAllowedError, match=r"pass Decimal\('0.25'\)"):
        Additionality(deadweight=0.25)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"leakage": "1.1"}, "leakage: 1.1 is not a fraction between 0 and 1"),
        ({"multiplier": "0"}, "multiplier: 0 is less than 1"),
    ],
)
def test_bad_impact_chain_is_refused(kwargs, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        ImpactChain(**kwargs)


def test_bad_persistence_lists_every_problem():
    with pytest.raises(ValidationError) as info:
        persistence_factors(0, "1.5")
    assert [str(problem) for problem in info.value.problems] == [
        "duration_years: 0 is not a whole number of years of at least 1",
        "drop_off: 1.5 is not a fraction between 0 and 1",
    ]
    assert str(info.value).startswith("persistence_factors: 2 problems")


def test_persistence_refuses_floats():
    with pytest.raises(FloatNotAllowedError, match="drop_off: got the float"):
        persistence_factors(3, 0.1)


def test_guide_form_refuses_mixed_kinds_and_currencies():
    chain = ImpactChain()
    with pytest.raises(TypeError, match="both be Money or both be Decimal"):
        additional_impact(Money("1"), chain, Decimal(1), chain)  # type: ignore[type-var]
    with pytest.raises(CurrencyMismatchError):
        additional_impact(Money("1"), chain, Money("1", "EUR"), chain)


def test_bad_additionality_in_a_file_names_the_key():
    with pytest.raises(
        DataFileError, match=re.escape("deadweight: 1.5 is not a fraction between 0 and 1")
    ):
        loads('deadweight = "1.5"', Additionality, format="toml")


# --- mutation testing (issue #12): each field names itself in its errors ------------------------


@pytest.mark.parametrize(
    "field", ["deadweight", "leakage", "displacement", "substitution", "attribution", "drop_off"]
)
def test_each_fraction_names_itself_when_refused(field):
    with pytest.raises(ValueError, match=rf"^{field}: 'x' is not a decimal number$"):
        Additionality(**{field: "x"})
    with pytest.raises(FloatNotAllowedError, match=rf"^{field}: got the float 0\.5;"):
        Additionality(**{field: 0.5})


def test_plain_amounts_are_checked_as_amounts():
    chain = ImpactChain(leakage="0.5")
    assert chain.apply(Decimal(10)) == Decimal(5)
    with pytest.raises(ValueError, match=r"^amount: Decimal\('NaN'\) is not a finite number$"):
        chain.apply(Decimal("NaN"))


def test_additional_impact_refuses_money_against_a_plain_number_by_name():
    chain = ImpactChain()
    with pytest.raises(TypeError) as info:
        additional_impact(Money("1"), chain, Decimal(1), chain)  # type: ignore[type-var]
    assert str(info.value) == (
        "gross and reference_gross must both be Money or both be Decimal, got Money and Decimal"
    )
    assert additional_impact(Decimal(10), chain, Decimal(4), chain) == Decimal(6)
