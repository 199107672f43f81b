"""The open value for an apprenticeship start (LCR-SKL-1, issue #15), rebuilt from its sources.

``gmca-ucd-skills`` ships one value per apprenticeship start: one year of the earnings gain of a
Level 2 apprenticeship achiever (GMCA Unit Cost Database v1.4, row E&S8.0, £1,208 a year in
2010/11 prices, from BIS Research Paper 53) times DfE's national apprenticeship achievement rate
(53.4%, 2021/22: 140,800 achievers of 263,550 leavers). Its high end uses the Level 3 row
(E&S12.0, £76,990 over a 40-year working life). These tests rebuild both from the source figures,
to the penny, and follow the value through rebasing and the appraisal base year.
"""

import datetime as dt
from decimal import Decimal

from socialvalue import Delivery, default_methodology, value, value_many
from socialvalue.io import example_deliveries, shipped_registry
from socialvalue.provenance import Verification

#: Source figures, as printed.
LEVEL_2_ANNUAL = Decimal(1208)  # UCD v1.4, E&S8.0, economic value, 2010/11 prices
LEVEL_3_LIFETIME = Decimal(76990)  # UCD v1.4, E&S12.0, "=76990/40"
WORKING_LIFE_YEARS = Decimal(40)  # the UCD's divisor ("an average working lifetime of 40 years")
ACHIEVERS, LEAVERS = 140_800, 263_550  # DfE national achievement rate tables, 2021/22, all
ACHIEVEMENT_RATE = Decimal("0.534")  # DfE's published rate, 53.4
DEFLATOR_2010_11 = Decimal("68.8561")  # HMT GDP deflator, March 2026, 2024/25 = 100
TWO_YEARS_FORWARD = Decimal("1.035") ** 2  # Green Book STPR, 2022/23 -> 2024/25


def _skl1():
    registry = shipped_registry("gmca-ucd-skills")
    return registry.lookup("LCR-SKL-1", dt.date(2022, 9, 30), "England").value


def test_the_published_rate_is_the_achievers_over_the_leavers():
    assert round(Decimal(ACHIEVERS) / Decimal(LEAVERS) * 100, 1) == ACHIEVEMENT_RATE * 100


def test_the_value_per_start_is_rebuilt_from_its_sources_to_the_penny():
    proxy = _skl1()
    assert proxy.value == LEVEL_2_ANNUAL * ACHIEVEMENT_RATE == Decimal("645.072")
    assert proxy.high == LEVEL_3_LIFETIME / WORKING_LIFE_YEARS * ACHIEVEMENT_RATE
    assert proxy.high == Decimal("1027.8165")
    # Low is the central value: GMCA calls it "the lower estimate", and one year is counted.
    assert proxy.low == proxy.value
    assert proxy.price_base.label == "2010/11"
    assert proxy.unit == "count"
    assert proxy.net_of_deadweight is False  # nothing says the start would not have happened
    assert proxy.verification is Verification.SECONDARY  # a copy of the v1.4 workbook
    assert proxy.licence.startswith("CC-BY-4.0")
    assert "OGL-UK-3.0" in proxy.licence  # the DfE achievement rate
    assert "E&S8.0" in proxy.source.title
    assert "E&S12.0" in proxy.source.title
    # The working is shown with the value: both factors and the result.
    assert "(1208, GMCA UCD v1.4 E&S8.0" in proxy.derivation[0]
    assert proxy.derivation[0].endswith("x achievement rate (0.534, DfE 2021/22) = 645.072")
    assert proxy.derivation[1].endswith("x 0.534 = 1027.8165")


def test_a_start_is_rebased_and_brought_to_the_base_year_exactly():
    valuation = value(
        Delivery(
            measure="LCR-SKL-1",
            quantity="1",
            period="2022/23",
            geography="Liverpool City Region",
        ),
        default_methodology(),
    )
    expected = Decimal("645.072") * 100 / DEFLATOR_2010_11 * TWO_YEARS_FORWARD
    assert valuation.present_value.quantize(2).amount == round(expected, 2) == Decimal("1003.57")
    assert "derivation: LCR-SKL-1 per start" in valuation.explain()


def test_the_main_job_values_both_apprenticeship_deliveries():
    batch = value_many(example_deliveries(), default_methodology(), unvalued="report")
    groups = [g for g in batch.groups if g.key.measure == "LCR-SKL-1"]
    assert sorted(g.quantity for g in groups) == [Decimal(5), Decimal(6)]
    total = sum((g.present_value.amount for g in groups), Decimal(0))
    expected = 11 * Decimal("645.072") * 100 / DEFLATOR_2010_11 * TWO_YEARS_FORWARD
    assert round(total, 2) == round(expected, 2) == Decimal("11039.24")
    assert "LCR-SKL-1" not in {item.key.measure for item in batch.unvalued}


def test_the_device_figure_in_the_evidence_says_its_weight_is_assumed():
    """The LCR-DIG-1 evidence says no open source gives a device's weight, then quoted "a 0.17 kg
    phone ... about £1.12" as if it were one: the weight is an assumption, and must say so."""
    from socialvalue.io import shipped_unvalued_reasons

    (item,) = [r for r in shipped_unvalued_reasons().reasons if r.measure == "LCR-DIG-1"]
    assert "neither has an open published figure" in item.evidence
    before, _, _ = item.evidence.partition("0.17 kg")
    assert "assumed weight that no source gives" in before[-80:]
