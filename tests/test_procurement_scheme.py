"""socialvalue.procurement.scheme: policy and scope, the scheme's rules, bands and criteria."""

import warnings
from decimal import Decimal

import attrs
import pytest
from helpers import (
    BANDS,
    CENTRAL,
    CRITERIA,
    qualitative_scheme,
    scheme,
)

from socialvalue.exceptions import (
    CurrencyMismatchError,
    FloatNotAllowedError,
    ValidationError,
)
from socialvalue.money import Money
from socialvalue.procurement import (
    LCRCA_POLICY,
    AwardCriterion,
    EvaluationScheme,
    ScoreBand,
    SocialValuePolicy,
    SocialValueWeightWarning,
    in_scope,
)


def test_lcrca_threshold_is_strictly_above_20000():
    assert not in_scope(Money("20000"))
    assert in_scope(Money("20000.01"))
    assert in_scope(Money("20000.01"), LCRCA_POLICY).reason == (
        "in scope: 20000.01 GBP is above the threshold of 20000.00 GBP "
        "(LCRCA Social Value Policy and Framework (procurement))"
    )


def test_an_inclusive_threshold_takes_in_the_threshold_itself():
    policy = SocialValuePolicy(id="c", title="Council", threshold=Money("5000"), inclusive=True)
    assert in_scope(Money("5000"), policy)
    assert not in_scope(Money("4999.99"), policy)
    assert "is at or above the threshold" in in_scope(Money("5000"), policy).reason


def test_no_threshold_puts_every_contract_in_scope():
    decision = in_scope(Money("1"), CENTRAL)
    assert decision.in_scope
    assert decision.reason == "in scope: PPN 002 minimum weighting sets no threshold"


def test_scope_in_another_currency_is_an_error():
    with pytest.raises(CurrencyMismatchError, match="cannot compare EUR and GBP amounts"):
        in_scope(Money("30000", "EUR"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"price_weight": "0.6", "quality_weight": "0.3", "social_value_weight": "0.1"},
            (
                "weights: must add up to 100 (percent): 0.6 + 0.3 + 0.1 = 1; give percentages such "
                "as 60, 30 and 10, not fractions"
            ),
        ),
        (
            {"price_weight": "61"},
            "weights: must add up to 100 (percent): 61 + 30 + 10 = 101",
        ),
        (
            {"price_weight": "-10", "quality_weight": "100"},
            "price_weight: -10 is not a percentage from 0 to 100",
        ),
        (
            {"social_value_method": "combined", "bands": BANDS, "criteria": CRITERIA},
            (
                "monetised_share: a combined scheme states the monetised part's share of the social "
                "value weight (percent; the qualitative part has the rest)"
            ),
        ),
        (
            {
                "social_value_method": "combined",
                "monetised_share": "100",
                "bands": BANDS,
                "criteria": CRITERIA,
            },
            (
                "monetised_share: 100 is not between 0 and 100 (exclusive): a combined scheme gives "
                "each part a share; use the monetised or qualitative method instead"
            ),
        ),
        (
            {"monetised_share": "50"},
            "monetised_share: only a combined scheme has a monetised share (this one is monetised)",
        ),
        (
            {"methodology": None},
            "methodology: a monetised part needs a methodology to value offers",
        ),
        (
            {"measures": ["LCR-EMP-1", "LCR-EMP9"]},
            "measures[1]: unknown measure 'LCR-EMP9'; did you mean",
        ),
        ({"measures": []}, "measures: invites no measures; use None for any"),
        (
            {"criteria": CRITERIA},
            "criteria: a monetised scheme has no qualitative award criteria",
        ),
        ({"quality_max": "0"}, "quality_max: 0 must be more than zero"),
        ({"places": 7}, "places: 7 is outside 0..6"),
    ],
)
def test_scheme_rules(changes, message):
    with pytest.raises(ValidationError) as caught:
        scheme(**changes)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"criteria": ()}, "criteria: a qualitative part needs award criteria"),
        ({"bands": ()}, "bands: a qualitative part needs score bands (e.g. 100/70/40/10/0)"),
        (
            {"bands": (*BANDS, ScoreBand(label="Good", score="60"))},
            "bands[5].label: duplicate band 'Good' (first at bands[1])",
        ),
        (
            {"criteria": (*CRITERIA, CRITERIA[0])},
            "criteria[2].id: duplicate criterion '1a' (first at criteria[0])",
        ),
        (
            {"criteria": CRITERIA[:1]},
            (
                "criteria: the criteria's weights must add up to 100 (percent of the qualitative "
                "part), not 50"
            ),
        ),
    ],
)
def test_qualitative_scheme_rules(changes, message):
    with pytest.raises(ValidationError) as caught:
        qualitative_scheme(**changes)
    assert message in str(caught.value)


def test_the_commitment_rule_is_off_unless_the_scheme_sets_it():
    # A zero for a response without a specific, measurable and time-bound commitment is an
    # authority's own scoring rule, not PPN 002's: a criterion applies it only when told to.
    assert AwardCriterion(id="1a", title="Jobs", weight="100").requires_commitment is False
    assert all(c.requires_commitment for c in CRITERIA)


def test_scheme_lists_every_problem_at_once():
    with pytest.raises(ValidationError) as caught:
        scheme(price_weight="70", methodology=None, places=9)
    assert [p.location for p in caught.value.problems] == ["weights", "methodology", "places"]
    assert str(caught.value).startswith("evaluation scheme 's': 3 problems:")


def test_float_weights_are_refused():
    with pytest.raises(FloatNotAllowedError, match=r"weight: got the float 60\.0"):
        scheme(price_weight=60.0)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: SocialValuePolicy(id="p", title="P", minimum_weight="20", maximum_weight="10"),
            ValidationError,
            "maximum_weight: 10 is below the minimum weight 20",
        ),
        (
            lambda: SocialValuePolicy(id="p", title="P", minimum_weight="120"),
            ValidationError,
            "minimum_weight: 120 is not a percentage from 0 to 100",
        ),
        (
            lambda: SocialValuePolicy(
                id="p", title="P", usual_minimum_weight="20", usual_maximum_weight="10"
            ),
            ValidationError,
            "usual_maximum_weight: 10 is below the usual minimum weight 20",
        ),
        (
            lambda: SocialValuePolicy(id="p", title="P", usual_maximum_weight="120"),
            ValidationError,
            "usual_maximum_weight: 120 is not a percentage from 0 to 100",
        ),
        (
            lambda: ScoreBand(label="Top", score="110"),
            ValueError,
            "score: 110 is not a percentage from 0 to 100",
        ),
        (
            lambda: AwardCriterion(id="1a", title="Jobs", weight="50", ocds_goal="Social value"),
            ValueError,
            "ocds_goal: 'Social value' is not an OCDS sustainability goal code",
        ),
        (
            lambda: AwardCriterion(id="1 a", title="Jobs", weight="50"),
            ValueError,
            "id: '1 a' is not an id",
        ),
    ],
)
def test_scheme_model_rules(build, error, message):
    with pytest.raises(error, match=None) as caught:
        build()
    assert message in str(caught.value)


# --- the social value weight: a policy's rules, and its usual practice ---------------------------


# The LCRCA's 10–20% is the weighting its 2023 report describes as current practice, not a cap
# (issue 13's correction): a scheme outside it is built, with a warning. These two weights were
# refused before.
@pytest.mark.parametrize(("price_weight", "social_value_weight"), [("65", "5"), ("45", "25")])
def test_a_weight_outside_the_lcrca_usual_range_warns_and_is_built(
    price_weight, social_value_weight
):
    with pytest.warns(SocialValueWeightWarning) as caught:
        built = scheme(price_weight=price_weight, social_value_weight=social_value_weight)
    assert built.social_value_weight == Decimal(social_value_weight)
    (warning,) = caught
    assert str(warning.message) == (
        f"social_value_weight: {social_value_weight}% is outside LCRCA Social Value Policy and "
        "Framework (procurement)'s usual range (10–20%), which is current practice, not a rule: "
        "the scheme is built; check the weight is the one intended"
    )
    assert built.weight_note() == str(warning.message)


def test_the_lcrca_policy_sets_no_weight_rule_only_a_usual_range():
    assert (LCRCA_POLICY.minimum_weight, LCRCA_POLICY.maximum_weight) == (Decimal(0), None)
    assert LCRCA_POLICY.weight_range() == "any weight"
    assert LCRCA_POLICY.usual_range() == "10–20%"
    assert [LCRCA_POLICY.is_usual(Decimal(w)) for w in ("9.9", "10", "20", "20.1")] == [
        False,
        True,
        True,
        False,
    ]
    assert scheme().weight_note() is None


def test_the_usual_range_is_configurable():
    council = SocialValuePolicy(
        id="c",
        title="Council",
        minimum_weight="0",
        usual_minimum_weight="10",
        usual_maximum_weight="30",
    )
    # Inside the council's range: no warning (the test run turns any warning into an error).
    assert scheme(price_weight="45", social_value_weight="25", policy=council).weight_note() is None
    with pytest.warns(SocialValueWeightWarning, match=r"35% is outside Council's usual range"):
        scheme(price_weight="35", social_value_weight="35", policy=council)
    assert attrs.evolve(council, usual_maximum_weight=None).usual_range() == "at least 10%"
    assert attrs.evolve(council, usual_minimum_weight=None).usual_range() == "at most 30%"
    no_practice = SocialValuePolicy(id="n", title="No practice stated", minimum_weight="0")
    assert no_practice.usual_range() is None
    assert no_practice.is_usual(Decimal(100))
    everything = scheme(
        price_weight="0", quality_weight="0", social_value_weight="100", policy=no_practice
    )
    assert everything.weight_note() is None


def test_the_ppn_minimum_and_a_policy_cap_stay_rules():
    # PPN 06/20 and PPN 002 set a minimum 10% weighting: where a policy models one, below it
    # the scheme is refused, not warned about.
    with pytest.raises(ValidationError, match=r"social_value_weight: 5% is outside PPN 002 "):
        qualitative_scheme(price_weight="65", social_value_weight="5")
    assert CENTRAL.weight_range() == "at least 10%"
    capped = SocialValuePolicy(id="c", title="Capped", minimum_weight="10", maximum_weight="20")
    with pytest.raises(ValidationError, match=r"25% is outside Capped's range \(10–20%\)"):
        scheme(price_weight="45", social_value_weight="25", policy=capped)


def test_a_refused_scheme_does_not_warn_as_well():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValidationError, match="weights: must add up to 100"):
            scheme(price_weight="50", social_value_weight="25")
    assert caught == []


def test_the_warning_points_at_the_code_that_builds_the_scheme():
    with pytest.warns(SocialValueWeightWarning) as caught:
        EvaluationScheme(
            id="w",
            title="Wide",
            price_weight="45",
            quality_weight="30",
            social_value_weight="25",
            social_value_method="qualitative",
            bands=BANDS,
            criteria=CRITERIA,
            policy=LCRCA_POLICY,
        )
    assert caught[0].filename == __file__
