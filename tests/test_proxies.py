import datetime as dt
from decimal import Decimal

import pytest
from helpers import PLAIN, valuation_proxy as proxy, valuation_registry
from hypothesis import given, strategies as st
from strategies import dates, proxy_registries

from socialvalue import Delivery, FinancialYear, ProxyRegistry, ProxyValue, Source, ValidationError
from socialvalue.io import shipped_framework, shipped_registry
from socialvalue.provenance import Verification
from socialvalue.proxies import GeographyLink, LookupPolicy, NoProxyValueError, RegistryStack

SOURCE = Source(title="Social Value Annual Report 2023", publisher="LCRCA")


def value(measure="M1", start=(2022, 4, 1), end=(2023, 3, 31), amount="10", **changes):
    fields = {
        "measure": measure,
        "unit": "hour",
        "value": amount,
        "price_base": "2022/23",
        "valid_from": dt.date(*start),
        "valid_to": dt.date(*end) if end else None,
        "source": SOURCE,
        "licence": "quoted fact",
    }
    fields.update(changes)
    return ProxyValue(**fields)


def registry(*values, id="base", **changes):  # noqa: A002
    fields = {
        "id": id,
        "title": id,
        "version": "1",
        "publisher": "Test",
        "licence": "OGL-UK-3.0",
        "values": values,
    }
    fields.update(changes)
    return ProxyRegistry(**fields)


# --- properties ---------------------------------------------------------------------------------


@given(proxy_registries(), dates(min_value=dt.date(1999, 1, 1)))
def test_strict_lookup_returns_exactly_the_covering_value(reg, day):
    for measure in reg.measures():
        for geography in {v.geography for v in reg.values_for(measure)}:
            covering = [v for v in reg.values_for(measure, geography) if v.covers(day)]
            assert len(covering) <= 1
            chain = reg.geography_chain(geography)
            try:
                hit = reg.lookup(measure, day, geography)
            except NoProxyValueError:
                assert not covering
                assert not any(
                    v.covers(day) for area in chain for v in reg.values_for(measure, area)
                )
                continue
            if covering:
                assert hit.value == covering[0]
                assert hit.geography == geography
            else:
                assert hit.geography in chain[1:]
            assert hit.value.covers(day)
            assert not hit.extrapolated


@given(proxy_registries(), dates(min_value=dt.date(1999, 1, 1)))
def test_carry_forward_never_goes_backwards_and_flags_extrapolation(reg, day):
    for measure in reg.measures():
        for geography in {v.geography for v in reg.values_for(measure)}:
            try:
                hit = reg.lookup(measure, day, geography, policy=LookupPolicy.CARRY_FORWARD)
            except NoProxyValueError:
                assert all(v.valid_from > day for v in reg.values_for(measure, geography))
                continue
            assert hit.value.valid_from <= day
            assert hit.extrapolated == (not hit.value.covers(day))


@given(proxy_registries(), st.randoms(use_true_random=False), dates(min_value=dt.date(1999, 1, 1)))
def test_lookups_do_not_depend_on_the_order_values_were_added(reg, random, day):
    shuffled = list(reg.values)
    random.shuffle(shuffled)
    other = registry(*shuffled, id=reg.id, geographies=reg.geographies)
    assert other == reg or sorted(map(repr, other.values)) == sorted(map(repr, reg.values))
    for measure in reg.measures():
        for policy in LookupPolicy:
            outcomes = []
            for candidate in (reg, other):
                try:
                    outcomes.append(candidate.lookup(measure, day, "UK", policy=policy).value)
                except NoProxyValueError as error:
                    outcomes.append(str(error))
            assert outcomes[0] == outcomes[1]


@given(
    proxy_registries(id="top"), proxy_registries(id="bottom"), dates(min_value=dt.date(1999, 1, 1))
)
def test_top_layer_wins_and_lower_layers_fill_gaps(top, bottom, day):
    stack = top.layered_over(bottom)
    for measure in stack.measures():
        for geography in ("UK", "Liverpool City Region"):
            try:
                hit = stack.lookup(measure, day, geography)
            except NoProxyValueError:
                for layer in (top, bottom):
                    with pytest.raises(NoProxyValueError):
                        layer.lookup(measure, day, geography)
                continue
            try:
                from_top = top.lookup(measure, day, geography)
            except NoProxyValueError:
                assert hit.layer == "bottom"
                assert hit == bottom.lookup(measure, day, geography)
            else:
                assert hit.layer == "top"
                assert hit == from_top


# --- examples -----------------------------------------------------------------------------------


def test_strict_miss_names_the_measure_and_the_bounds():
    reg = registry(value(), value(start=(2023, 4, 1), end=(2024, 3, 31)))
    with pytest.raises(NoProxyValueError) as info:
        reg.lookup("M1", dt.date(2031, 4, 1))
    assert str(info.value) == (
        "no value for M1 on 2031-04-01 in UK; values cover UK in base: 2022-04-01..2024-03-31"
    )
    assert isinstance(info.value, LookupError)


def test_carry_forward_uses_the_latest_earlier_value_and_says_so():
    reg = registry(value(amount="10"), value(start=(2023, 4, 1), end=(2024, 3, 31), amount="11"))
    hit = reg.lookup("M1", dt.date(2026, 1, 1), policy=LookupPolicy.CARRY_FORWARD)
    assert hit.value.value == Decimal(11)
    assert hit.extrapolated
    assert "EXTRAPOLATED" in hit.describe()
    with pytest.raises(NoProxyValueError, match="on 2020-01-01"):
        reg.lookup("M1", dt.date(2020, 1, 1), policy=LookupPolicy.CARRY_FORWARD)


def test_gaps_between_values_are_misses():
    reg = registry(value(end=(2022, 12, 31)), value(start=(2023, 2, 1), end=None))
    with pytest.raises(NoProxyValueError, match=r"2022-04-01\.\.2022-12-31, 2023-02-01\.\."):
        reg.lookup("M1", dt.date(2023, 1, 15))
    assert reg.lookup("M1", dt.date(2040, 1, 1)).value.valid_to is None


def test_geography_falls_back_along_the_declared_chain():
    reg = registry(
        value(geography="UK", amount="10"),
        value(geography="North West", amount="9"),
        geographies=(
            GeographyLink(code="Liverpool City Region", parent="North West"),
            GeographyLink(code="North West", parent="England"),
        ),
    )
    assert reg.geography_chain("Liverpool City Region") == (
        "Liverpool City Region",
        "North West",
        "England",
        "UK",
    )
    hit = reg.lookup("M1", dt.date(2022, 6, 1), "Liverpool City Region")
    assert (hit.geography, hit.value.value) == ("North West", Decimal(9))
    assert "(for Liverpool City Region)" in hit.describe()
    hit = reg.lookup("M1", dt.date(2022, 6, 1), "Wales")
    assert (hit.geography, hit.value.value) == ("UK", Decimal(10))
    with pytest.raises(
        NoProxyValueError, match="no value for M1 in Atlantis; values exist only for North West, UK"
    ):
        reg.lookup("M1", dt.date(2022, 6, 1), "Atlantis")
    with pytest.raises(NoProxyValueError, match="values exist only for North West"):
        registry(value(geography="North West")).lookup("M1", dt.date(2022, 6, 1), "Scotland")


def test_lookup_by_period_needs_one_value_for_the_whole_period():
    reg = registry(value(), value(start=(2023, 4, 1), end=(2024, 3, 31), amount="11"))
    assert reg.lookup("M1", FinancialYear(2023)).value.value == Decimal(11)
    calendar = registry(
        value(start=(2022, 1, 1), end=(2022, 12, 31)), value(start=(2023, 1, 1), end=(2023, 12, 31))
    )
    with pytest.raises(NoProxyValueError, match="2022/23 spans more than one value of M1 in UK"):
        calendar.lookup("M1", FinancialYear(2022))


def test_unknown_measure_says_what_the_registry_holds():
    with pytest.raises(
        NoProxyValueError, match=r"no value for M2 in registry base \(its values are for M1\)"
    ):
        registry(value()).lookup("M2", dt.date(2022, 6, 1))
    with pytest.raises(NoProxyValueError, match=r"in registry base \(it holds no values\)"):
        registry().lookup("M2", dt.date(2022, 6, 1))


def test_overlapping_values_are_refused_naming_both():
    with pytest.raises(ValidationError) as info:
        registry(value(), value(start=(2023, 3, 1), end=(2023, 12, 31)), value(geography="England"))
    assert str(info.value) == (
        "registry 'base': values[1]: M1 in UK: validity 2023-03-01..2023-12-31 overlaps "
        "values[0] (2022-04-01..2023-03-31)"
    )


def test_open_ended_values_overlap_everything_after():
    with pytest.raises(ValidationError, match="overlaps"):
        registry(value(end=None), value(start=(2030, 1, 1), end=(2030, 12, 31)))


def test_geography_loops_are_refused():
    with pytest.raises(ValidationError, match="the chain of areas loops: A → B → A"):
        registry(
            value(),
            geographies=(GeographyLink(code="A", parent="B"), GeographyLink(code="B", parent="A")),
        )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"amount": 12.34}, "got the float 12.34"),
        ({"end": (2022, 1, 1)}, "valid_to: 2022-01-01 is before valid_from 2022-04-01"),
        ({"low": "11"}, "low: 11 is above the value 10"),
        ({"high": "9"}, "high: 9 is below the value 10"),
        ({"currency": "pounds"}, "ISO 4217"),
        ({"price_base": "2022/23 Q1"}, "price_base: expected a financial year"),
        ({"licence": " "}, "licence: must not be empty"),
    ],
)
def test_proxy_values_validate_themselves(changes, message):
    with pytest.raises((ValueError, TypeError), match=message):
        value(**changes)


def test_check_against_framework_reports_every_problem():
    framework = shipped_framework()
    reg = registry(
        value("LCR-COM-1", unit="hour"),
        value("LCR-COM-9"),
        value("LCR-EDI-1", unit="hour"),
        value("LCR-COM-2", unit="gbp"),
    )
    with pytest.raises(ValidationError) as info:
        reg.check_against(framework)
    assert [str(p) for p in info.value.problems] == [
        (
            "values[1].measure: unknown measure 'LCR-COM-9'; did you mean 'LCR-COM-4' or 'LCR-COM-3' "
            "or 'LCR-COM-2'? (framework 'lcrca')"
        ),
        "values[2].unit: LCR-EDI-1 is counted in 'person', but this value is per 'hour'",
        "values[3].measure: LCR-COM-2 is a financial measure; it is never valued with a proxy",
    ]
    stack = registry(value("LCR-COM-9"), id="top").layered_over(shipped_registry())
    with pytest.raises(ValidationError, match=r"layers\[0\]\.values\[0\]\.measure"):
        stack.check_against(framework)


def test_layering_keeps_the_layers_and_reports_origin(tmp_path):
    from socialvalue import load_registry
    from socialvalue.io import save_registry

    path = tmp_path / "council.toml"
    save_registry(
        registry(value("LCR-COM-1", amount="12.34", verification="primary"), id="council"), path
    )
    council = load_registry(path)
    stack = council.layered_over(shipped_registry())
    assert [layer.id for layer in stack] == ["council", "lcrca-open"]
    assert stack.layers[1] is shipped_registry()
    hit = stack.lookup("LCR-COM-1", dt.date(2022, 6, 1))
    assert (hit.layer, hit.origin, hit.value.value) == ("council", str(path), Decimal("12.34"))
    gap_filled = stack.lookup("LCR-COM-1", dt.date(2019, 6, 1))
    assert gap_filled.layer == "lcrca-open"
    assert gap_filled.origin == (
        "socialvalue/data/registries/desnz-carbon.toml + socialvalue/data/registries/ons-ashe.toml"
    )
    assert stack.lookup("LCR-ENV-2", dt.date(2024, 1, 1)).layer == "lcrca-open"
    stack.check_against(shipped_framework())
    deeper = registry(id="project").layered_over(stack)
    assert [layer.id for layer in deeper] == ["project", "council", "lcrca-open"]
    with pytest.raises(ValueError, match="appears more than once"):
        council.layered_over(council)
    with pytest.raises(ValueError, match="at least one"):
        RegistryStack(())


def test_verification_and_provenance_are_shown():
    hit = shipped_registry().lookup("LCR-ENV-2", dt.date(2030, 1, 1))
    text = hit.describe()
    assert "294.50 GBP per tco2e (2022 prices)" in text
    assert "Department for Energy Security and Net Zero" in text
    assert "licence: OGL-UK-3.0" in text
    assert "verification: secondary" in text
    assert hit.value.verification is Verification.SECONDARY


def test_a_local_value_starting_mid_period_is_not_skipped():
    reg = valuation_registry(
        proxy("LCR-COM-1", "hour", "10", start=(2018, 4, 1), geography="UK"),
        proxy("LCR-COM-1", "hour", "12", start=(2022, 5, 1), geography="England"),
    )
    with pytest.raises(
        NoProxyValueError, match="2022/23 spans more than one value of LCR-COM-1 in England"
    ):
        reg.lookup(
            "LCR-COM-1", Delivery(measure="x", quantity=0, period="2022/23").period, "England"
        )


def test_geography_chain_is_cached_per_stack():
    reg = valuation_registry(proxy("LCR-COM-1", "hour", "10"))
    stack = reg.layered_over(valuation_registry(proxy("LCR-COM-1", "hour", "9"), id="base"))
    assert stack.geography_chain("Liverpool City Region") is stack.geography_chain(
        "Liverpool City Region"
    )
    assert GeographyLink(code="A").parent is None
    assert Decimal(1) == Decimal("1.0")
    assert PLAIN.id == "test"
