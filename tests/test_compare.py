import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import given, settings, strategies as st

import socialvalue as sv
from socialvalue._decimal import calculation_context
from socialvalue.additionality import Additionality
from socialvalue.compare import CAUSES, compare
from socialvalue.framework import Framework
from socialvalue.io import shipped_discount_schedule
from socialvalue.methodology import MeasureAssumption

CARBON = "LCR-ENV-2"
HOURS = "LCR-COM-1"
TOTALS = ("gross", "net", "present_value")


def deliveries():
    return [
        *sv.io.example_deliveries(),
        sv.Delivery(measure=CARBON, quantity="12.5", period="2024/25 Q2"),
        sv.Delivery(measure=CARBON, quantity="40", period="2022/23"),
        sv.Delivery(measure=HOURS, quantity="300", period="2022/23 Q2"),
    ]


def with_proxy(methodology, measure, change):
    """``methodology`` with every value of ``measure`` in its registries changed."""
    registries = [
        attrs.evolve(r, values=[change(v) if v.measure == measure else v for v in r.values])
        for r in methodology.registries
    ]
    return attrs.evolve(methodology, registries=registries)


def test_one_proxy_value_the_price_base_and_one_deadweight_are_the_three_causes():
    old = sv.default_methodology()
    new = with_proxy(old, HOURS, lambda v: attrs.evolve(v, value=v.value + Decimal("1.07")))
    new = attrs.evolve(
        new,
        price_base="2023/24",
        assumptions=[
            MeasureAssumption(measure=CARBON, additionality=Additionality(deadweight="0.15"))
        ],
    )
    bridge = compare(deliveries(), old, new)
    moved = {step.cause for step in bridge if any(step.change(t) for t in TOTALS)}
    assert moved == {"proxy values", "prices", "additionality"}
    assert [step.cause for step in bridge] == list(CAUSES[:-1])  # "other" is zero, so left out
    for total in TOTALS:
        assert bridge.sum_of_steps(total) == bridge.change(total)
    before = sv.value_many(deliveries(), old, unvalued="report").total_present_value().amount
    after = sv.value_many(deliveries(), new, unvalued="report").total_present_value().amount
    assert bridge.total("present_value", new=False) == before
    assert bridge.total("present_value", new=True) == after
    proxies = next(step for step in bridge if step.cause == "proxy values")
    assert [m.measure for m in proxies.by_measure] == [HOURS]
    used = next(
        v
        for r in old.registries
        for v in r.values
        if v.measure == HOURS and v.covers(dt.date(2022, 8, 15))
    )
    assert any(
        d.startswith(f"{HOURS}: {used.value} GBP") and f"→ {used.value + Decimal('1.07')} GBP" in d
        for d in proxies.details
    )
    additionality = next(step for step in bridge if step.cause == "additionality")
    assert additionality.gross == 0
    assert [m.measure for m in additionality.by_measure] == [CARBON]
    assert additionality.details == (f"{CARBON}: the default → deadweight 0.15",)


def test_each_step_breaks_down_by_measure_exactly():
    old = sv.default_methodology()
    new = attrs.evolve(old, price_base="2022/23", year_convention="year_1")
    bridge = compare(sv.value_many(deliveries(), old, unvalued="report"), old, new)
    for step in bridge:
        for total in TOTALS:
            parts = [getattr(m, total) for m in step.by_measure]
            with calculation_context():
                assert sum(parts, Decimal(0)) == step.change(total)


def test_a_measure_removed_from_the_framework_loses_its_value_in_the_framework_step():
    old = sv.default_methodology()
    framework = old.framework
    data = sv.io.unstructure(framework)
    for theme in data["themes"]:
        for outcome in theme["outcomes"]:
            outcome["measures"] = [m for m in outcome["measures"] if m["code"] != HOURS]
            for measure in outcome["measures"]:
                if HOURS in measure.get("overlaps_with", []):
                    measure["overlaps_with"].remove(HOURS)
    smaller = sv.io.structure(data, Framework)
    new = attrs.evolve(
        old,
        framework=smaller,
        carry_forward=[code for code in old.carry_forward if code != HOURS],
        registries=[
            attrs.evolve(r, values=[v for v in r.values if v.measure != HOURS])
            for r in old.registries
        ],
    )
    bridge = compare(deliveries(), old, new)
    step = next(s for s in bridge if s.cause == "framework")
    hours = (
        sv.value_many([d for d in deliveries() if d.measure == HOURS], old)
        .total_present_value()
        .amount
    )
    with calculation_context():
        assert step.present_value == -hours  # unary minus rounds to the context: use ours
    assert f"measure removed: {HOURS}" in step.details
    assert bridge.sum_of_steps() == bridge.change()
    assert any(key.measure == HOURS for key in bridge.unvalued_after)


@st.composite
def methodologies(draw):
    """The default methodology with any of its parts changed."""
    m = sv.default_methodology()
    if draw(st.booleans()):
        m = attrs.evolve(m, price_base=draw(st.sampled_from(["2022/23", "2023/24", "2025/26"])))
    if draw(st.booleans()):
        m = attrs.evolve(
            m,
            additionality=Additionality(
                deadweight=Decimal(draw(st.integers(0, 50))) / 100,
                attribution=Decimal(draw(st.integers(0, 50))) / 100,
                duration_years=draw(st.integers(1, 3)),
                drop_off=Decimal(draw(st.integers(0, 30))) / 100,
            ),
        )
    if draw(st.booleans()):
        m = attrs.evolve(
            m,
            assumptions=[
                MeasureAssumption(
                    measure=HOURS,
                    additionality=Additionality(leakage=Decimal(draw(st.integers(0, 40))) / 100),
                )
            ],
        )
    if draw(st.booleans()):
        bump = Decimal(draw(st.integers(-500, 500))) / 100
        m = with_proxy(
            m,
            draw(st.sampled_from([HOURS, CARBON])),
            lambda v: attrs.evolve(v, value=max(v.value + bump, Decimal(0)), low=None, high=None),
        )
    if draw(st.booleans()):
        m = attrs.evolve(
            m,
            discount_schedule=shipped_discount_schedule(
                draw(st.sampled_from(["standard", "health"])), edition="green-book-2022"
            ),
        )
    if draw(st.booleans()):
        m = attrs.evolve(m, year_convention="year_1")
    if draw(st.booleans()):
        m = attrs.evolve(m, proxy_date=draw(st.sampled_from(["start", "end"])))
    if draw(st.booleans()):
        m = attrs.evolve(m, appraisal_base_year=draw(st.sampled_from(["2023/24", "2025/26"])))
    if draw(st.booleans()):
        m = attrs.evolve(m, proxy_years="first_year", count_transfers=draw(st.booleans()))
    return m


@settings(max_examples=30, deadline=None)
@given(methodologies(), methodologies(), st.integers(0, 5000))
def test_the_parts_sum_exactly_to_the_change_for_any_two_methodologies(old, new, quantity):
    batch = [
        *deliveries(),
        sv.Delivery(measure=CARBON, quantity=Decimal(quantity), period="2026/27 Q1"),
    ]
    bridge = compare(batch, old, new)
    for total in TOTALS:
        assert bridge.sum_of_steps(total) == bridge.change(total)
    assert bridge.old == old.ref
    assert bridge.new == new.ref


def test_a_change_no_cause_names_falls_to_other_and_still_sums():
    old = sv.default_methodology()
    new = attrs.evolve(old, count_transfers=True)  # transfers now count in the totals
    bridge = compare(sv.io.example_deliveries(), old, new)
    other = [step for step in bridge if step.cause == "other"]
    assert len(other) == 1
    assert other[0].present_value == bridge.change() > 0
    assert all(step.present_value == 0 for step in bridge if step.cause != "other")
