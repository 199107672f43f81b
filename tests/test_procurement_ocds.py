"""socialvalue.procurement.ocds: the scheme's criteria as an OCDS sustainability fragment."""

import json

import attrs
from helpers import (
    CRITERIA,
    methodology,
    qualitative_scheme,
    scheme,
)

from socialvalue.framework import Crosswalk, Framework, Measure, Outcome, Theme
from socialvalue.procurement import (
    ocds_sustainability,
)
from socialvalue.proxies import ProxyRegistry


def test_ocds_fragment_for_qualitative_criteria():
    fragment = ocds_sustainability(qualitative_scheme())
    assert fragment == {
        "hasSustainability": True,
        "sustainability": [
            {
                "goal": "social",
                "strategies": ["awardCriteria", "contractPerformanceConditions"],
                "description": "Social value award criterion 1a Create and retain high-quality "
                "jobs (qualitative; 50% of the 10% social value weight)",
            },
            {
                "goal": "social.laborRightsPromotion",
                "strategies": ["awardCriteria", "contractPerformanceConditions"],
                "description": "Social value award criterion 1b Fair working conditions "
                "(qualitative; 50% of the 10% social value weight)",
            },
        ],
    }
    assert json.loads(json.dumps(fragment)) == fragment


def test_ocds_goals_come_from_measure_crosswalks_and_are_merged():
    carbon = Measure(
        code="CARBON",
        title="Carbon saved",
        unit="tco2e",
        valuation="proxy",
        value_type="environmental",
        crosswalk=[Crosswalk(scheme="ocds-sustainability", code="environmental")],
    )
    jobs = Measure(
        code="JOBS",
        title="Local jobs",
        unit="fte_year",
        valuation="proxy",
        value_type="economic",
        crosswalk=[Crosswalk(scheme="ocds-sustainability", code="economic")],
    )
    framework = Framework(
        id="mini",
        title="Mini",
        version="1",
        publisher="tests",
        licence="MIT",
        themes=[
            Theme(
                code="T",
                title="T",
                outcomes=[Outcome(code="O", title="O", measures=[carbon, jobs])],
            )
        ],
    )
    fragment = ocds_sustainability(
        qualitative_scheme(
            social_value_method="combined",
            monetised_share="50",
            methodology=methodology(
                framework=framework,
                registries=(
                    ProxyRegistry(
                        id="mini",
                        title="mini",
                        version="1",
                        publisher="t",
                        licence="invented test data",
                    ),
                ),
            ),
            measures=["CARBON", "JOBS"],
            criteria=[attrs.evolve(c, ocds_goal="economic") for c in CRITERIA],
            contractual=False,
        )
    )
    goals = [(entry.get("goal"), entry["strategies"]) for entry in fragment["sustainability"]]
    assert goals == [("environmental", ["awardCriteria"]), ("economic", ["awardCriteria"])]
    economic = fragment["sustainability"][1]["description"]
    assert economic.count("Social value") == 3  # the offer and both criteria, merged
    assert "(qualitative; 50% of the qualitative part)" in economic


def test_ocds_fragment_without_goals_keeps_to_strategies():
    fragment = ocds_sustainability(scheme())
    (entry,) = fragment["sustainability"]
    assert "goal" not in entry
    assert entry["strategies"] == ["awardCriteria", "contractPerformanceConditions"]


def test_ocds_fragment_with_no_social_value_weight():
    no_sv = scheme(price_weight="70", quality_weight="30", social_value_weight="0", policy=None)
    assert ocds_sustainability(no_sv) == {"hasSustainability": False}
