import pytest
from hypothesis import given
from strategies import frameworks

from socialvalue import Framework, Measure, Outcome, Theme, UnknownCodeError, ValidationError
from socialvalue.framework import Dimension, DimensionValue, ValuationKind, ValueType


def _measure(code, **changes):
    fields = {
        "code": code,
        "title": f"Measure {code}",
        "unit": "hour",
        "valuation": "proxy",
        "value_type": "social",
    }
    fields.update(changes)
    return Measure(**fields)


def _framework(*measures, **changes):
    fields = {
        "id": "demo",
        "title": "Demo",
        "version": "1",
        "publisher": "Demo Council",
        "licence": "MIT",
        "dimensions": (
            Dimension(
                id="role",
                title="Role",
                values=(
                    DimensionValue(code="employer", title="Employer"),
                    DimensionValue(code="devolved", title="Devolved powers"),
                    DimensionValue(code="investor", title="Investor", parent="devolved"),
                ),
            ),
        ),
        "themes": (
            Theme(
                code="T1",
                title="Theme",
                tags=("role:employer",),
                outcomes=(Outcome(code="O1", title="Outcome", measures=measures),),
            ),
        ),
    }
    fields.update(changes)
    return Framework(**fields)


def test_lookups():
    framework = _framework(
        _measure("M1", overlaps_with=("M2",), tags=("role:investor",)), _measure("M2")
    )
    assert framework.measure("M1").title == "Measure M1"
    assert framework.theme_of("M2").code == "T1"
    assert framework.outcome_of("M2").code == "O1"
    assert framework.theme("T1").title == "Theme"
    assert framework.outcome("O1").title == "Outcome"
    assert framework.measure_codes() == ("M1", "M2")
    assert [m.code for m in framework.measures()] == ["M1", "M2"]
    assert [(t.code, o.code, m.code) for t, o, m in framework.walk()] == [
        ("T1", "O1", "M1"),
        ("T1", "O1", "M2"),
    ]
    assert framework.unit_of("M1").label == "hour"
    assert framework.tags_of("M1") == ("role:investor", "role:employer")
    assert framework.tag_values("M1", "role") == ("investor", "employer")
    assert framework.overlapping("M2") == ("M1",)
    assert framework.overlapping("M1") == ("M2",)
    assert framework.dimension("role").value("investor").parent == "devolved"
    assert "M1" in framework
    assert "M9" not in framework


def test_unknown_codes_suggest_close_matches():
    framework = _framework(_measure("LCR-EMP-1"), _measure("LCR-EMP-2"))
    with pytest.raises(UnknownCodeError) as info:
        framework.measure("LCR-EMP-3")
    assert str(info.value) == (
        "unknown measure 'LCR-EMP-3'; did you mean 'LCR-EMP-2' or 'LCR-EMP-1'?"
    )
    assert isinstance(info.value, KeyError)
    assert info.value.suggestions[0] in {"LCR-EMP-1", "LCR-EMP-2"}
    with pytest.raises(UnknownCodeError, match="known: LCR-EMP-1, LCR-EMP-2"):
        framework.measure("ZZZ")
    for lookup in (framework.theme, framework.outcome, framework.unit, framework.dimension):
        with pytest.raises(UnknownCodeError):
            lookup("nope")
    with pytest.raises(UnknownCodeError, match="unknown role value 'boss'"):
        framework.dimension("role").value("boss")


def test_framework_collects_every_problem():
    with pytest.raises(ValidationError) as info:
        _framework(
            _measure("M1", unit="hrs"),
            _measure("M1", valuation=ValuationKind.FINANCIAL),
            _measure("M3", overlaps_with=("M4",), tags=("pillar:fairer",)),
        )
    locations = [problem.location for problem in info.value.problems]
    assert locations == [
        "themes[0].outcomes[0].measures[0].unit",
        "themes[0].outcomes[0].measures[1].code",
        "themes[0].outcomes[0].measures[1].valuation",
        "themes[0].outcomes[0].measures[2].tags[0]",
        "themes[0].outcomes[0].measures[2].overlaps_with[0]",
    ]
    assert str(info.value).startswith("framework 'demo': 5 problems:")


def test_elements_validate_their_own_fields():
    with pytest.raises(ValueError, match="code: 'bad code' is not a code"):
        _measure("bad code")
    with pytest.raises(ValueError, match="title: must not be empty"):
        _measure("M1", title=" ")
    with pytest.raises(ValueError, match="'monetised' is not a valid ValuationKind"):
        _measure("M1", valuation="monetised")
    with pytest.raises(TypeError, match="expected a list of strings, got a single string"):
        _measure("M1", counting_rules="count once")
    with pytest.raises(ValueError, match="listed more than once: M2"):
        _measure("M1", overlaps_with=("M2", "M2"))


def test_enums_accept_their_values():
    measure = _measure("M1", valuation="record_only", value_type="local_economic")
    assert measure.valuation is ValuationKind.RECORD_ONLY
    assert measure.value_type is ValueType.LOCAL_ECONOMIC


@given(frameworks())
def test_generated_frameworks_index_every_measure(framework):
    for theme, outcome, measure in framework.walk():
        assert framework.measure(measure.code) is measure
        assert framework.theme_of(measure.code) is theme
        assert framework.outcome_of(measure.code) is outcome
        for other in framework.overlapping(measure.code):
            assert measure.code in framework.overlapping(other)


def test_frameworks_are_immutable_values():
    a = _framework(_measure("M1"))
    b = _framework(_measure("M1"))
    assert a == b
    assert hash(a) == hash(b)
    with pytest.raises(AttributeError):
        a.id = "other"  # type: ignore[misc]
    assert "_index" not in repr(a)
