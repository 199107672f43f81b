"""The WELLBY method (issue #15), against HM Treasury's own worked examples.

Source: HM Treasury, *Wellbeing Guidance for Appraisal: Supplementary Green Book Guidance*
(July 2021), OGL v3.0. Verification: SECONDARY — the guidance's wording was read in a full-text
conversion of the PDF in the public repository d1mitrij/greenbook_vf (commit 756c4a71), not in the
gov.uk PDF itself (research notes for issue #15, second pass, §4). Page numbers are the PDF's.

* Box 7, p.30: "a RCT of a specific policy change finds an improvement in wellbeing of 0.2 points
  of life satisfaction (on a 0-10 scale) for participants, sustained over 2 years ... wellbeing
  valuation = 0.2 x £13,000 = £2,600 per year (for 2 years) With a range of £2,000 - £3,200 per
  year (for 2 years)."
* Annex 2, p.54: "reducing life satisfaction by 0.4 for 1 year would have a value of 0.4 x £13,000
  = £5,200, with a range of £4,000 - £6,400."
* Annex 2 table, p.62 and footnote 111: unemployment -0.46 (95% CI -0.38 to -0.53), "Example value
  ... £5,980 per year [£3,800-£8,480]" (the effect's interval times the WELLBY range).
"""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from socialvalue import (
    DataFileError,
    Delivery,
    Measure,
    Money,
    Source,
    default_methodology,
    value,
)
from socialvalue.io import load_wellby, shipped_price_index, shipped_wellby
from socialvalue.prices import PriceYearError
from socialvalue.provenance import Verification
from socialvalue.proxies import ProxyRegistry
from socialvalue.wellbeing import WellbeingEffect, value_wellbeing, wellby_proxy

GUIDANCE = Source(
    title="Wellbeing Guidance for Appraisal: Supplementary Green Book Guidance",
    publisher="HM Treasury",
    section="Box 7, page 30",
    url="https://www.gov.uk/government/publications/green-book-supplementary-guidance-wellbeing",
)


def workplace_policy(**changes):
    fields = {
        "id": "workplace-policy",
        "description": "a change to a workplace policy, for employees",
        "life_satisfaction_change": "0.2",
        "years": "2",
        "source": GUIDANCE,
        "licence": "OGL-UK-3.0",
        "verification": "secondary",
    }
    fields.update(changes)
    return WellbeingEffect(**fields)


def test_the_shipped_wellby_value_is_the_guidance_value_in_2019_prices():
    wellby = shipped_wellby()
    assert (wellby.value, wellby.low, wellby.high) == (
        Decimal(13000),
        Decimal(10000),
        Decimal(16000),
    )
    assert wellby.price_base.label == "2019"
    assert wellby.verification is Verification.SECONDARY
    assert wellby.licence == "OGL-UK-3.0"
    assert "green-book-supplementary-guidance-wellbeing" in wellby.source.url


def test_the_worked_example_to_the_penny_with_its_range():
    result = value_wellbeing(workplace_policy(), shipped_wellby())
    assert result.per_person_per_year.quantize(2) == Money("2600.00")
    assert result.per_person_per_year_low.quantize(2) == Money("2000.00")
    assert result.per_person_per_year_high.quantize(2) == Money("3200.00")
    assert result.per_person.quantize(2) == Money("5200.00")  # two years, undiscounted
    assert result.verification is Verification.SECONDARY
    text = result.explain()
    assert "per person per year: 0.2 × 13000 = 2600.0 GBP" in text
    assert "source: HM Treasury, Wellbeing Guidance for Appraisal" in text


def test_annex_2_examples_to_the_penny():
    loss = value_wellbeing(
        workplace_policy(life_satisfaction_change="-0.4", years="1"), shipped_wellby()
    )
    assert loss.total.quantize(2) == Money("-5200.00")
    assert (loss.low.quantize(2), loss.high.quantize(2)) == (Money("-4000.00"), Money("-6400.00"))
    work = workplace_policy(
        life_satisfaction_change="0.46", change_low="0.38", change_high="0.53", years="1"
    )
    result = value_wellbeing(work, shipped_wellby())
    assert result.total.quantize(2) == Money("5980.00")
    assert (result.low.quantize(2), result.high.quantize(2)) == (
        Money("3800.00"),
        Money("8480.00"),
    )
    with pytest.raises(ValueError, match="other sign"):
        workplace_policy(life_satisfaction_change="0.46", change_low="-0.1")


def test_a_range_that_does_not_contain_the_change_is_refused():
    # change_low 0.3 above a change of 0.2 was accepted, and the "low" value came out above the
    # central one. For a loss the range is of the size of the effect, as the guidance's -0.46
    # (-0.38 to -0.53) is.
    with pytest.raises(ValueError, match=r"change_low: 0\.3 is larger than the change 0\.2"):
        workplace_policy(change_low="0.3")
    with pytest.raises(ValueError, match=r"change_high: 0\.1 is smaller than the change 0\.2"):
        workplace_policy(change_high="0.1")
    loss = workplace_policy(
        life_satisfaction_change="-0.46", change_low="-0.38", change_high="-0.53"
    )
    assert (loss.change_low, loss.change_high) == (Decimal("-0.38"), Decimal("-0.53"))
    with pytest.raises(ValueError, match=r"change_low: -0\.5 is larger than the change -0\.46"):
        workplace_policy(life_satisfaction_change="-0.46", change_low="-0.5")


def test_linear_in_people_and_years():
    one = value_wellbeing(workplace_policy(), shipped_wellby())
    many = value_wellbeing(workplace_policy(years="4"), shipped_wellby(), people="25")
    assert many.total == one.per_person * 50
    assert many.low == one.per_person_per_year_low * 100
    assert many.high == one.per_person_per_year_high * 100


def test_rebased_with_the_calendar_year_deflator():
    # 13,000 × 106.9 / 90.3 (ONS YBGB, 2023 / 2019) = 15,389.81 in 2023 prices.
    index = shipped_price_index("gdp-deflator-ons-ybgb-2025-06")
    effect = workplace_policy(life_satisfaction_change="1", years="1")
    result = value_wellbeing(effect, shipped_wellby(), price_index=index, price_base="2023")
    assert result.price_base == "2023"
    assert result.total.quantize(2) == Money("15389.81")
    assert "rebase: 2019 → 2023 prices with gdp-deflator-ons-ybgb-2025-06" in result.explain()
    assert "give gdp_per_head to apply it" in result.explain()
    with pytest.raises(PriceYearError):
        value_wellbeing(effect, shipped_wellby(), price_index=index, price_base="2024/25")
    with pytest.raises(ValueError, match="give both"):
        value_wellbeing(effect, shipped_wellby(), price_index=index)


def test_the_guidance_uprating_with_real_gdp_per_head():
    # Annex 2, p.57: × deflator ratio × (GDP per head ratio) ^ 1.3. An invented per-head series
    # (not shipped): growth of 1.1 gives 13,000 × 106.9 / 90.3 × 1.1 ^ 1.3.
    deflator = shipped_price_index("gdp-deflator-ons-ybgb-2025-06")
    per_head = attrs.evolve(
        deflator,
        id="invented-gdp-per-head",
        points=[
            attrs.evolve(p, value="110" if p.year.label == "2023" else "100")
            for p in deflator.points
        ],
    )
    effect = workplace_policy(life_satisfaction_change="1", years="1")
    result = value_wellbeing(
        effect, shipped_wellby(), price_index=deflator, price_base="2023", gdp_per_head=per_head
    )
    expected = (
        Decimal(13000) * Decimal("106.9") / Decimal("90.3") * Decimal("1.1") ** Decimal("1.3")
    )
    assert abs(result.total.amount - expected) < Decimal("1e-20")
    assert result.total.quantize(2) == Money("17419.83")
    assert "uprate for real income growth: (110 / 100) ^ 1.3" in result.explain()


@pytest.mark.parametrize("change", ["0", "10.5", "-11"])
def test_a_change_must_be_on_the_scale(change):
    with pytest.raises(ValueError, match="life_satisfaction_change"):
        workplace_policy(life_satisfaction_change=change)


def _measure(**changes):
    fields = {
        "code": "X-WB-1",
        "title": "Residents supported into work (wellbeing)",
        "unit": "person",
        "valuation": "proxy",
        "value_type": "social",
    }
    fields.update(changes)
    return Measure(**fields)


def test_a_wellbeing_proxy_needs_the_income_overlap_declared():
    effect = workplace_policy(income_overlaps=["LCR-EMP-1"])
    with pytest.raises(ValueError, match=r"declare overlaps_with = \['LCR-EMP-1'\] for X-WB-1"):
        wellby_proxy(effect, shipped_wellby(), measure=_measure(), valid_from=dt.date(2022, 4, 1))
    with pytest.raises(ValueError, match="a WELLBY is per person"):
        wellby_proxy(
            effect,
            shipped_wellby(),
            measure=_measure(unit="hour", overlaps_with=["LCR-EMP-1"]),
            valid_from=dt.date(2022, 4, 1),
        )


def test_a_wellbeing_proxy_is_valued_and_explained_like_any_other():
    methodology = default_methodology()
    framework = methodology.framework
    edi = attrs.evolve(framework.measure("LCR-EDI-2"), overlaps_with=["LCR-EMP-1"])
    effect = workplace_policy(income_overlaps=["LCR-EMP-1"])
    proxy = wellby_proxy(effect, shipped_wellby(), measure=edi, valid_from=dt.date(2019, 1, 1))
    assert (proxy.value, proxy.low, proxy.high) == (Decimal(5200), Decimal(4000), Decimal(6400))
    assert proxy.price_base.label == "2019"
    registry = ProxyRegistry(
        id="ours", title="Ours", version="1", publisher="Us", licence="OGL-UK-3.0", values=[proxy]
    )
    ours = attrs.evolve(methodology, registries=(registry, *methodology.registries))
    valuation = value(Delivery(measure="LCR-EDI-2", quantity="3", period="2022/23"), ours)
    steps = {step.name: step.text for step in valuation.working()}
    assert "0.2 × 13000 = 2600.0 GBP" in steps["derivation"]
    assert "overlaps LCR-EMP-1" in steps["derivation"]
    assert "2019 prices treated as 2019/20 prices" in steps["price year"]


def test_a_wellby_file_is_checked(tmp_path):
    path = tmp_path / "w.toml"
    path.write_text('schema = "socialvalue/registry/1"\nid = "x"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="expected 'socialvalue/wellby/1'"):
        load_wellby(path)
    good = (
        'schema = "socialvalue/wellby/1"\nid = "w"\ntitle = "W"\nvalue = "13000"\nlow = "14000"\n'
        'price_base = "2019"\nlicence = "OGL-UK-3.0"\nverification = "secondary"\n'
        '[source]\ntitle = "T"\npublisher = "P"\n'
    )
    path.write_text(good, encoding="utf-8")
    with pytest.raises(DataFileError, match="low: 14000 is above the value 13000"):
        load_wellby(path)
