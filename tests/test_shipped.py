"""The shipped LCRCA framework: it loads, covers what the annual report counts, cites its source."""

import re
from importlib import resources

import pytest

from socialvalue import UnknownCodeError
from socialvalue.framework import ValuationKind
from socialvalue.io import SHIPPED_FRAMEWORKS, shipped_framework


def test_lcrca_framework_loads_and_is_cached():
    assert shipped_framework() is shipped_framework("lcrca")
    assert set(SHIPPED_FRAMEWORKS) == {"lcrca"}


def test_unknown_shipped_framework():
    with pytest.raises(
        UnknownCodeError, match="unknown shipped framework 'lcr'; did you mean 'lcrca'"
    ):
        shipped_framework("lcr")


def test_roles_and_pillars_from_the_policy():
    framework = shipped_framework()
    roles = framework.dimension("role")
    assert [value.code for value in roles.values] == [
        "employer",
        "devolved-powers",
        "investor",
        "service-provider",
        "commissioner",
        "civic-leader",
    ]
    assert {
        roles.value(code).parent for code in ("investor", "service-provider", "commissioner")
    } == {"devolved-powers"}
    assert [value.code for value in framework.dimension("pillar").values] == [
        "fairer",
        "stronger",
        "greener",
    ]
    for measure in framework.measures():
        assert len(framework.tag_values(measure.code, "pillar")) == 1, measure.code


@pytest.mark.parametrize(
    ("code", "unit", "valuation"),
    [
        ("LCR-EMP-1", "fte_year", ValuationKind.PROXY),  # local jobs
        ("LCR-SKL-1", "count", ValuationKind.PROXY),  # apprenticeships
        ("LCR-SKL-2", "count", ValuationKind.PROXY),  # work experience
        ("LCR-SKL-3", "count", ValuationKind.RECORD_ONLY),  # careers sessions
        ("LCR-SKL-4", "person", ValuationKind.PROXY),  # pupils reached
        ("LCR-COM-1", "hour", ValuationKind.PROXY),  # volunteering hours
        ("LCR-EDI-1", "person", ValuationKind.PROXY),  # EDI training
        ("LCR-EDI-2", "person", ValuationKind.PROXY),  # mental-health training
        ("LCR-COM-2", "gbp", ValuationKind.FINANCIAL),  # donations
        ("LCR-COM-3", "gbp", ValuationKind.FINANCIAL),  # in-kind contributions
        ("LCR-DIG-1", "count", ValuationKind.PROXY),  # devices donated
        ("LCR-SPD-1", "gbp", ValuationKind.PROXY),  # local spend
        ("LCR-SPD-2", "gbp", ValuationKind.PROXY),  # community suppliers
        ("LCR-ENV-1", "count", ValuationKind.RECORD_ONLY),  # homes retrofitted
        ("LCR-ENV-2", "tco2e", ValuationKind.PROXY),  # carbon saved
    ],
)
def test_measures_cover_what_the_annual_report_counts(code, unit, valuation):
    measure = shipped_framework().measure(code)
    assert measure.unit == unit
    assert measure.valuation is valuation


def test_codes_are_the_authoritys_own_and_no_toms_codes_or_values_are_shipped():
    framework = shipped_framework()
    assert all(code.startswith("LCR-") for code in framework.measure_codes())
    text = (resources.files("socialvalue") / "data" / "frameworks" / "lcrca.toml").read_text(
        "utf-8"
    )
    # No National TOMs measure codes (NT1, RE12, FM3 …) and no £ proxy values in the framework file.
    assert not re.search(r"\b(NT|RE|FM)\d+\b", text)
    assert not re.search(r"^\s*value\s*=", text, re.MULTILINE)


def test_source_is_cited():
    framework = shipped_framework()
    assert framework.source is not None
    assert framework.source.title == "Social Value Annual Report 2023"
    assert framework.source.publisher == "Liverpool City Region Combined Authority"
    assert "Not endorsed" in framework.description


def test_double_counting_is_declared():
    framework = shipped_framework()
    assert "LCR-COM-1" in framework.overlapping("LCR-COM-3")
    assert "LCR-SPD-1" in framework.overlapping("LCR-SPD-2")
    assert "LCR-SKL-4" in framework.overlapping("LCR-SKL-3")


def test_import_does_not_load_the_heavy_modules():
    import subprocess
    import sys

    code = "import socialvalue, sys; print(sorted(m for m in sys.modules if m.startswith(('socialvalue.', 'cattrs'))))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # only the small module that warns about moved names (it imports nothing heavy)
    assert result.stdout.strip() == "['socialvalue._deprecated']"
