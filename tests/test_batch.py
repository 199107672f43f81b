"""Step 2 of valuation (DESIGN §9): value_many sums quantities per key, groups know their members."""

import warnings
from decimal import Decimal

import attrs
import pytest
from helpers import ADJUSTED, PLAIN, valuation_deliveries as deliveries
from hypothesis import given, strategies as st

from socialvalue import (
    Delivery,
    Money,
    ValidationError,
    default_methodology,
    value,
    value_many,
)
from socialvalue.batch import DELIVERY_DIMENSIONS

# Deliveries of overlapping measures are kept under the default policy, with a warning.
pytestmark = pytest.mark.filterwarnings("ignore::socialvalue.batch.OverlapWarning")


@given(
    st.lists(deliveries(), max_size=30),
    st.sampled_from([PLAIN, ADJUSTED]),
    st.randoms(use_true_random=False),
)
def test_value_many_totals_equal_per_item_totals_in_any_order(batch, method, random):
    per_item = [value(delivery, method) for delivery in batch]
    expected = {
        field: sum((getattr(v, field) for v in per_item if v.monetised), Money.zero())
        for field in ("gross", "net", "present_value")
    }
    result = value_many(batch, method)
    assert result.total_gross() == expected["gross"]
    assert result.total_net() == expected["net"]
    assert result.total_present_value() == expected["present_value"]
    assert result.count == len(batch)
    shuffled = list(batch)
    random.shuffle(shuffled)
    again = value_many(shuffled, method)
    assert again.total_present_value() == result.total_present_value()
    assert {(g.key, g.quantity, g.count) for g in again} == {
        (g.key, g.quantity, g.count) for g in result
    }


@given(
    st.lists(deliveries(), max_size=30),
    st.lists(st.sampled_from(DELIVERY_DIMENSIONS), max_size=2, unique=True),
)
def test_each_group_knows_exactly_its_member_deliveries(batch, by):
    result = value_many(batch, PLAIN, by=by, unvalued="report")
    groups = [*result.groups, *result.unvalued]
    members = [index for group in groups for index in group.members]
    assert sorted(members) == list(range(len(batch)))  # every delivery in exactly one group
    for group in groups:
        assert group.count == len(group.members)
        assert group.first == group.members[0] == min(group.members)
        assert sum(batch[i].quantity for i in group.members) == group.quantity
        assert {(batch[i].measure, batch[i].period, batch[i].geography) for i in group.members} == {
            (group.key.measure, group.key.period, group.key.geography)
        }
        assert {tuple(getattr(batch[i], name) for name in by) for i in group.members} == {group.by}


def test_bad_deliveries_are_reported_all_at_once():
    batch = [
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", unit="hours"),
        Delivery(measure="LCR-COM-9", quantity="1", period="2022/23"),
        Delivery(measure="LCR-COM-9", quantity="2", period="2022/23"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", role="boss"),
    ]
    with pytest.raises(ValidationError) as info:
        value_many(batch, PLAIN)
    assert [str(p) for p in info.value.problems] == [
        "[0].unit: LCR-COM-1 is counted in 'hour', not 'hours'; quantities are never converted between units",
        "[1].measure: unknown measure 'LCR-COM-9'; did you mean 'LCR-COM-4' or 'LCR-COM-3' or 'LCR-COM-2'? (and 1 more like it)",
        "[3].role: unknown role 'boss'; known: civic-leader, commissioner, devolved-powers, employer, investor, service-provider",
    ]
    with pytest.raises(ValueError, match="cannot group by colour"):
        value_many(batch, PLAIN, by=("colour",))


def test_value_many_groups_by_delivery_attributes():
    batch = [
        Delivery(measure="LCR-COM-1", quantity="10", period="2022/23", reporter="A"),
        Delivery(measure="LCR-COM-1", quantity="5", period="2022/23", reporter="B"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", reporter="A"),
    ]
    result = value_many(batch, PLAIN, by=("reporter",))
    assert {g.by: (g.quantity, g.count, g.first) for g in result} == {
        ("A",): (Decimal(11), 2, 0),
        ("B",): (Decimal(5), 1, 1),
    }


def test_unvalued_deliveries_raise_together_or_are_reported():
    batch = [
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"),
        Delivery(measure="LCR-SKL-1", quantity="6", period="2022/23"),
        Delivery(measure="LCR-SKL-1", quantity="5", period="2022/23"),
        Delivery(measure="LCR-SKL-2", quantity="3", period="2022/23"),
    ]
    with pytest.raises(ValidationError) as info:
        value_many(batch, PLAIN)
    assert [p.location for p in info.value.problems] == ["[1]", "[3]"]
    assert "no value for LCR-SKL-1 in registry test" in str(info.value)
    assert "(2 deliveries)" in str(info.value)
    report = value_many(batch, PLAIN, unvalued="report")
    assert [(u.key.measure, u.quantity, u.count) for u in report.unvalued] == [
        ("LCR-SKL-1", Decimal(11), 2),
        ("LCR-SKL-2", Decimal(3), 1),
    ]
    assert report.total_gross() == Money("12.34")
    with pytest.raises(ValueError, match="unvalued: expected 'raise' or 'report'"):
        value_many(batch, PLAIN, unvalued="ignore")


def test_a_year_outside_the_price_index_is_reported_not_raised():
    late = [Delivery(measure="LCR-COM-2", quantity="100", period="2031/32")]
    batch = value_many(late, default_methodology(), unvalued="report")
    assert "cannot restate 2031/32 prices" in batch.unvalued[0].reason
    with pytest.raises(ValidationError, match="2031/32 is not in gdp-deflator"):
        value_many(late, default_methodology())


def test_a_group_without_members_has_no_first():
    """A batch built from a frame carries no member indices: ``first`` is None (#16)."""
    batch = value_many(
        [Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")],
        default_methodology(),
    )
    group = batch.groups[0]
    assert group.first == 0
    assert group.members == (0,)
    bare = attrs.evolve(group, members=())
    assert bare.first is None
    assert attrs.evolve(bare, members=(3, 5)).first == 3


# --- records, exclusions and totals of a batch (mutation testing and coverage, issue #12) ------

from helpers import valuation_methodology, valuation_proxy, valuation_registry  # noqa: E402

from socialvalue.proxies import Verification  # noqa: E402 - grouped with the tests that need it

TRANSFERS_OUT = valuation_methodology(count_transfers=False)
MIXED = [
    Delivery(measure="LCR-COM-1", quantity="10", period="2022/23", project="P"),
    Delivery(measure="LCR-COM-1", quantity="5", period="2022/23", project="P"),
    Delivery(measure="LCR-COM-2", quantity="100", period="2022/23", project="P"),
    Delivery(measure="LCR-EDI-1", quantity="1", period="2022/23", project="Q", status="target"),
    Delivery(measure="LCR-ENV-1", quantity="3", period="2022/23", project="Q"),
]
EMPLOYMENT = valuation_registry(
    valuation_proxy("LCR-EMP-1", "fte_year", "1000"),
    valuation_proxy("LCR-EMP-2", "fte_year", "300", verification=Verification.PRIMARY),
    id="employment",
)
OVERLAPPING = [
    Delivery(measure="LCR-EMP-1", quantity="2", period="2022/23"),
    Delivery(measure="LCR-EMP-2", quantity="1", period="2022/23"),
]


def test_records_give_each_group_its_key_by_values_sums_and_unit_values_exactly():
    batch = value_many(MIXED, TRANSFERS_OUT, by=("project", "geography"))
    records = batch.to_records()
    assert [r["measure"] for r in records] == ["LCR-COM-1", "LCR-COM-2", "LCR-EDI-1", "LCR-ENV-1"]
    methodology = str(TRANSFERS_OUT.ref)
    assert records[0] == {
        "measure": "LCR-COM-1",
        "period": "2022/23",
        "geography": "UK",
        "project": "P",
        "by_geography": "UK",
        "quantity": Decimal(15),
        "count": 2,
        "first": 0,
        "valuation": "proxy",
        "currency": "GBP",
        "unit_gross": Decimal("12.34"),
        "unit_net": Decimal("12.34"),
        "unit_present_value": Decimal("12.34"),
        "gross": Decimal("185.10"),
        "net": Decimal("185.10"),
        "present_value": Decimal("185.10"),
        "extrapolated": False,
        "status": "delivered",
        "counted": True,
        "reason": "",
        "methodology": methodology,
    }
    transfer, target, counted_only = records[1:]
    assert (transfer["valuation"], transfer["counted"], transfer["first"]) == (
        "financial",
        False,
        2,
    )
    assert transfer["reason"].startswith("a transfer (money or resources moved, not created")
    assert (target["status"], target["counted"], target["present_value"]) == (
        "target",
        False,
        Decimal(500),
    )
    assert target["reason"] == "a target or forecast, not delivered: kept out of delivered totals"
    assert (counted_only["valuation"], counted_only["quantity"]) == ("record_only", Decimal(3))
    assert [counted_only[k] for k in ("gross", "net", "present_value", "unit_gross")] == [None] * 4


def test_totals_count_only_counted_groups_and_the_raw_total_counts_every_group():
    batch = value_many(MIXED, TRANSFERS_OUT, by=("project",))
    assert [g.key.measure for g in batch.excluded()] == ["LCR-COM-2", "LCR-EDI-1"]
    assert batch.flagged() == ()
    assert batch.total_gross() == batch.total_net() == batch.total_present_value()
    assert batch.total_present_value() == Money("185.10")
    assert batch.total_raw_present_value() == Money("785.10")  # + £100 transfer + £500 target
    assert batch.total_raw_present_value("EUR") == Money("0", "EUR")
    assert batch.currencies() == ("GBP",)
    assert value_many([MIXED[-1]], TRANSFERS_OUT).currencies() == ()  # record-only: no money
    assert batch.record_only() == {"LCR-ENV-1": Decimal(3)}


def test_overlaps_are_flagged_under_warn_and_excluded_under_exclude_second():
    warned = value_many(OVERLAPPING, valuation_methodology(registries=(EMPLOYMENT,)))
    assert [g.key.measure for g in warned.flagged()] == ["LCR-EMP-2"]
    assert warned.excluded() == ()
    assert warned.total_present_value() == Money("2300")
    excluded = value_many(
        OVERLAPPING,
        valuation_methodology(registries=(EMPLOYMENT,), overlap_policy="exclude_second"),
    )
    assert [g.key.measure for g in excluded.flagged()] == ["LCR-EMP-2"]
    assert [g.key.measure for g in excluded.excluded()] == ["LCR-EMP-2"]
    assert excluded.total_present_value() == Money("2000")
    assert excluded.total_raw_present_value() == Money("2300")


def test_total_by_verification_splits_the_counted_total_by_field():
    batch = value_many(OVERLAPPING, valuation_methodology(registries=(EMPLOYMENT,)))
    assert batch.total_by_verification() == {
        "primary": Money("300"),
        "unverified": Money("2000"),
    }
    assert batch.total_by_verification("gross", "GBP") == {
        "primary": Money("300"),
        "unverified": Money("2000"),
    }
    assert batch.total_by_verification(currency="EUR") == {}


def test_a_group_explains_its_working_for_all_its_deliveries():
    batch = value_many(MIXED, TRANSFERS_OUT)
    group = batch.groups[0]
    lines = group.explain(batch.methodology).splitlines()
    assert lines[0] == (
        f"LCR-COM-1: 15 in 2022/23, UK (2 deliveries) — methodology {TRANSFERS_OUT.ref}"
    )
    assert lines[-1] == (
        "10. quantity: × 15 → gross 185.100000000000000000000000000000, net "
        "185.100000000000000000000000000000, present value 185.100000000000000000000000000000 GBP"
    )
    assert group.explain(batch.methodology, places=2).splitlines()[-1] == (
        "10. quantity: × 15 → gross 185.10, net 185.10, present value 185.10 GBP"
    )
    single = batch.groups[1].explain(batch.methodology).splitlines()[0]
    assert single == f"LCR-COM-2: 100 in 2022/23, UK (1 delivery) — methodology {TRANSFERS_OUT.ref}"


def test_a_group_left_out_does_not_stop_the_total_of_the_groups_after_it():
    # The transfer (not counted) comes first; the volunteering after it is still added.
    batch = value_many(
        [
            Delivery(measure="LCR-COM-2", quantity="100", period="2022/23"),
            Delivery(measure="LCR-COM-1", quantity="10", period="2022/23"),
        ],
        TRANSFERS_OUT,
    )
    assert [g.counted for g in batch] == [False, True]
    assert batch.total_gross() == Money("123.40")
    assert batch.total_raw_present_value() == Money("223.40")


def test_total_by_verification_reads_the_field_asked_for():
    batch = value_many(
        [Delivery(measure="LCR-EMP-1", quantity="2", period="2024/25")], ADJUSTED, by=()
    )
    gross = batch.total_by_verification("gross")
    present = batch.total_by_verification("present_value")
    assert gross == {"unverified": batch.total_gross()}
    assert present == {"unverified": batch.total_present_value()}
    assert gross != present
    assert batch.total_by_verification("net") == {"unverified": batch.total_net()}


# --- overlaps: scope, periods, order and policies (mutation testing, issue #12) ----------------

from socialvalue.batch import OverlapWarning, overlap_pairs  # noqa: E402
from socialvalue.framework import ValueType  # noqa: E402

RAISING = valuation_methodology(registries=(EMPLOYMENT,), overlap_policy="raise")


def _second_overlaps(first_period, second_period, methodology=None, **second):
    """Whether an LCR-EMP-2 delivery is found to overlap an LCR-EMP-1 one."""
    pair = [
        Delivery(measure="LCR-EMP-1", quantity="1", period=first_period),
        Delivery(measure="LCR-EMP-2", quantity="1", period=second_period, **second),
    ]
    method = methodology or valuation_methodology(
        registries=(EMPLOYMENT,), overlap_policy="exclude_second"
    )
    return [g.overlaps for g in value_many(pair, method)] == ["", "LCR-EMP-1"]


def test_overlapping_periods_include_their_first_and_last_days():
    q1 = "2022/23 Q1"  # 1 April to 30 June 2022
    assert _second_overlaps(q1, "2022-06-30..2022-07-31")  # shares 30 June
    assert not _second_overlaps(q1, "2022-07-01..2022-07-31")
    assert _second_overlaps(q1, "2022-03-01..2022-04-01")  # shares 1 April
    assert not _second_overlaps(q1, "2022-03-01..2022-03-31")
    assert _second_overlaps("2022/23", q1)  # a quarter inside the year


def test_overlaps_are_sought_within_the_scope_and_status():
    assert not _second_overlaps("2022/23", "2022/23", project="Other")
    assert not _second_overlaps("2022/23", "2022/23", status="target")
    whole_projects = valuation_methodology(
        registries=(EMPLOYMENT,), overlap_policy="exclude_second", overlap_scope=("project",)
    )
    # Without period in the scope, any two years of one project overlap.
    assert _second_overlaps("2022/23", "2024/25", whole_projects)
    assert not _second_overlaps("2022/23", "2024/25", whole_projects, project="Other")


def test_the_reasons_name_the_measure_overlapped_and_the_scope():
    excluded = value_many(
        OVERLAPPING,
        valuation_methodology(registries=(EMPLOYMENT,), overlap_policy="exclude_second"),
    )
    assert excluded.groups[1].reason == (
        "overlaps LCR-EMP-1 delivered in the same project, contract, period (the framework says "
        "they may count the same activity): excluded from the de-duplicated total"
    )
    with pytest.warns(OverlapWarning) as warned:
        kept = value_many(OVERLAPPING, valuation_methodology(registries=(EMPLOYMENT,)))
    assert str(warned[0].message) == (
        "1 delivery overlaps another in the same project, contract, period (LCR-EMP-2 / "
        "LCR-EMP-1); counted under overlap_policy 'warn'"
    )
    assert kept.groups[1].reason == (
        "overlaps LCR-EMP-1 in the same project, contract, period: counted (policy 'warn')"
    )
    with pytest.raises(ValidationError) as raised:
        value_many(OVERLAPPING, RAISING)
    assert str(raised.value) == (
        "overlapping deliveries (overlap_policy = 'raise'): [1]: LCR-EMP-2 overlaps LCR-EMP-1 "
        "in the same project, contract, period"
    )
    transfers = attrs.evolve(default_methodology(), count_transfers=False)
    gift = value_many(
        [
            Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"),
            Delivery(measure="LCR-COM-3", quantity="1", period="2022/23"),
        ],
        transfers,
    )
    assert gift.groups[1].reason == (
        "a transfer (money or resources moved, not created; Green Book): reported, kept out of "
        "NPSV and the social-value total; it also overlaps LCR-COM-1"
    )


def _declaring(framework, code, overlaps_with):
    def change(node):
        changes = {}
        for children in ("outcomes", "measures"):
            if hasattr(node, children):
                changes[children] = tuple(change(c) for c in getattr(node, children))
        if getattr(node, "code", None) == code:
            changes["overlaps_with"] = overlaps_with
        return attrs.evolve(node, **changes)

    return attrs.evolve(framework, themes=tuple(change(t) for t in framework.themes))


def test_the_second_of_a_pair_is_the_one_that_declares_it_or_the_later_if_both_do():
    framework = PLAIN.framework
    codes = framework.measure_codes()
    assert codes.index("LCR-EMP-1") < codes.index("LCR-EMP-2")
    assert overlap_pairs(framework)["LCR-EMP-2"] == ("LCR-EMP-1",)
    assert "LCR-EMP-1" not in overlap_pairs(framework)
    mutual = _declaring(framework, "LCR-EMP-1", ("LCR-EMP-2",))
    assert overlap_pairs(mutual)["LCR-EMP-2"] == ("LCR-EMP-1",)  # once, not twice
    assert "LCR-EMP-1" not in overlap_pairs(mutual)
    # An earlier measure that alone declares a later one is the second of the pair.
    earlier = _declaring(framework, "LCR-EMP-1", ("LCR-SKL-4",))
    assert codes.index("LCR-EMP-1") < codes.index("LCR-SKL-4")
    assert overlap_pairs(earlier)["LCR-EMP-1"] == ("LCR-SKL-4",)
    assert "LCR-SKL-4" not in overlap_pairs(earlier)


def test_unvalued_groups_keep_their_status_overlap_and_the_methodology_reason():
    method = default_methodology()
    batch = value_many(
        [
            Delivery(measure="LCR-SKL-4", quantity="1", period="2022/23"),
            Delivery(measure="LCR-SKL-4", quantity="2", period="2022/23", status="target"),
        ],
        method,
        unvalued="report",
    )
    delivered, target = batch.unvalued
    assert (delivered.status.value, target.status.value) == ("delivered", "target")
    from socialvalue import ValuationKey, unit_value
    from socialvalue.proxies import NoProxyValueError

    with pytest.raises(NoProxyValueError) as lookup:
        unit_value(
            ValuationKey.of(Delivery(measure="LCR-SKL-4", quantity="1", period="2022/23")), method
        )
    error = str(lookup.value)
    assert error.startswith("no value for LCR-SKL-4 in registry ")
    words = method.unvalued_reason("LCR-SKL-4")
    assert words
    assert delivered.reason == f"{words} ({error})"
    with pytest.raises(ValidationError) as raised:
        value_many([Delivery(measure="LCR-SKL-4", quantity="1", period="2022/23")] * 2, method)
    assert str(raised.value) == (
        f"deliveries that cannot be valued: [0]: {words} ({error}) (2 deliveries)"
    )
    with pytest.raises(ValidationError) as one:
        value_many([Delivery(measure="LCR-SKL-4", quantity="1", period="2022/23")], method)
    assert str(one.value) == f"deliveries that cannot be valued: [0]: {words} ({error})"
    # Without words for the measure, the reason is the lookup's error alone; an unvalued
    # delivery that overlaps another says which.
    plain = value_many(OVERLAPPING, PLAIN, unvalued="report")
    (unvalued,) = plain.unvalued
    assert unvalued.reason.startswith("no value for LCR-EMP-2 in registry test")
    assert unvalued.overlaps == "LCR-EMP-1"


def test_a_proxy_may_classify_its_value_type_differently_from_the_framework():
    reclassified = valuation_registry(
        valuation_proxy("LCR-EMP-1", "fte_year", "1000", value_type="social"),
        valuation_proxy("LCR-EMP-2", "fte_year", "300"),
        id="reclassified",
    )
    batch = value_many(OVERLAPPING, valuation_methodology(registries=(reclassified,)))
    assert PLAIN.framework.measure("LCR-EMP-1").value_type is ValueType.ECONOMIC
    assert [g.value_type for g in batch] == [ValueType.SOCIAL, ValueType.SOCIAL]


def test_value_many_takes_any_iterable_and_names_unknown_groupings():
    method = valuation_methodology(registries=(EMPLOYMENT,))
    listed = value_many(OVERLAPPING, method)
    generated = value_many((d for d in OVERLAPPING), method)
    assert generated.count == listed.count == 2
    assert [g.overlaps for g in generated] == ["", "LCR-EMP-1"]
    with pytest.raises(ValueError, match="cannot group by") as unknown:
        value_many(OVERLAPPING, PLAIN, by=("colour", "size"))
    assert str(unknown.value) == (
        f"by: cannot group by colour, size; choose from {DELIVERY_DIMENSIONS}"
    )


def test_bad_deliveries_are_grouped_by_measure_unit_and_role_whatever_their_period_or_status():
    batch = [
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", role="boss"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2023/24", role="boss"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", role="boss", status="target"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", unit="hours"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2023/24", unit="hours", role="boss"),
    ]
    roles = "civic-leader, commissioner, devolved-powers, employer, investor, service-provider"
    units = (
        "LCR-COM-1 is counted in 'hour', not 'hours'; quantities are never converted between units"
    )
    with pytest.raises(ValidationError) as info:
        value_many(batch, PLAIN)
    assert str(info.value) == (
        "deliveries: 4 problems:\n"
        f"  - [0].role: unknown role 'boss'; known: {roles} (and 2 more like it)\n"
        f"  - [3].unit: {units}\n"
        f"  - [4].unit: {units}\n"
        f"  - [4].role: unknown role 'boss'; known: {roles}"
    )


def test_the_overlap_warning_lists_each_pair_once_and_none_without_overlaps():
    pairs = [
        *OVERLAPPING,
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"),
        Delivery(measure="LCR-COM-3", quantity="1", period="2022/23"),
    ]
    method = valuation_methodology(registries=(EMPLOYMENT,))
    with pytest.warns(OverlapWarning) as warned:
        value_many(pairs, method, unvalued="report")
    assert str(warned[0].message) == (
        "2 deliveries overlap others in the same project, contract, period (LCR-COM-3 / "
        "LCR-COM-1; LCR-EMP-2 / LCR-EMP-1); counted under overlap_policy 'warn'"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value_many(OVERLAPPING[:1], method)  # nothing overlaps: no warning


def test_groups_carry_their_value_type_and_a_plain_transfer_reason():
    batch = value_many(MIXED, TRANSFERS_OUT)
    assert [g.value_type for g in batch] == [
        ValueType.SOCIAL,
        ValueType.TRANSFER,
        ValueType.SOCIAL,
        ValueType.ENVIRONMENTAL,
    ]
    assert batch.groups[1].reason == (
        "a transfer (money or resources moved, not created; Green Book): reported, kept out of "
        "NPSV and the social-value total"
    )


def _overlaps_by_definition(batch, framework):
    """possible_overlaps as its docstring defines it, pair by pair (the reference)."""
    from socialvalue.batch import GroupValuation, overlap_pairs
    from socialvalue.deliveries import DeliveryStatus

    seconds = overlap_pairs(framework)
    delivered = [
        g for g in (*batch.groups, *batch.unvalued) if g.status is DeliveryStatus.DELIVERED
    ]
    found = []
    for group in delivered:
        partners = seconds.get(group.key.measure, ())
        if group.overlaps or not partners:
            continue
        if isinstance(group, GroupValuation) and not group.counted:
            continue
        for other in delivered:
            if other.key.measure in partners and (
                other.key.period.start <= group.key.period.end
                and group.key.period.start <= other.key.period.end
            ):
                found.append((group, other.key.measure))
                break
    return tuple(found)


@pytest.mark.parametrize("seed", range(6))
def test_possible_overlaps_are_the_pairs_the_definition_gives(seed):
    """Indexed by measure and period, the overlaps are the pair-by-pair definition's, in order:
    second measures with several partners, years against quarters, targets, other projects."""
    import random

    from socialvalue import FinancialQuarter, FinancialYear
    from socialvalue.deliveries import DeliveryStatus as Status

    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    methodology = default_methodology()
    measures = [
        "LCR-EMP-1", "LCR-EMP-2", "LCR-INV-1", "LCR-SKL-3", "LCR-SKL-4",
        "LCR-COM-1", "LCR-COM-3", "LCR-ENV-1", "LCR-ENV-2", "LCR-SPD-1", "LCR-SPD-2",
    ]  # fmt: skip
    periods = [
        *(FinancialYear(2020 + n) for n in range(4)),
        *(FinancialQuarter(2020 + n // 4, n % 4 + 1) for n in range(16)),
    ]
    items = [
        Delivery(
            measure=rng.choice(measures),
            quantity=rng.randint(1, 50),
            period=rng.choice(periods),
            project=f"p{rng.randint(1, 6)}",
            status=Status.TARGET if rng.random() < 0.1 else Status.DELIVERED,
        )
        for _ in range(rng.randint(20, 300))
    ]
    batch = value_many(items, methodology, by=("project",), unvalued="report")
    expected = _overlaps_by_definition(batch, methodology.framework)
    assert batch.possible_overlaps(methodology.framework) == expected
    assert seed > 0 or expected  # the first seed has some to find


# --- possible overlaps, unvalued phrases and the overlap scope (mutation testing, #12) ------


def _possible(*specs):
    from socialvalue import default_methodology

    methodology = default_methodology()
    items = [
        Delivery(measure=measure, quantity="1", period=period, project=project)
        for measure, period, project in specs
    ]
    batch = value_many(items, methodology, by=("project",), unvalued="report")
    return [
        (group.key.measure, group.key.period.label, first)
        for group, first in batch.possible_overlaps(methodology.framework)
    ]


def test_a_possible_overlap_may_share_a_single_day_at_either_end():
    # LCR-INV-1 (investee jobs) may count the same posts as LCR-EMP-1 (local jobs).
    year = "2022-04-01..2023-03-31"
    assert _possible(
        ("LCR-EMP-1", year, "A"),
        ("LCR-INV-1", "2023-03-31..2023-06-30", "B"),  # starts on the year's last day
        ("LCR-INV-1", "2022-01-01..2022-04-01", "C"),  # ends on the year's first day
        ("LCR-INV-1", "2023-04-01..2023-06-30", "D"),  # the day after: no overlap
        ("LCR-COM-1", year, "A"),  # a measure with no partner at all
    ) == [
        ("LCR-INV-1", "2023-03-31..2023-06-30", "LCR-EMP-1"),
        ("LCR-INV-1", "2022-01-01..2022-04-01", "LCR-EMP-1"),
    ]


def test_a_possible_overlap_names_the_first_partner_among_several():
    assert _possible(
        ("LCR-EMP-1", "2022/23", "A"),
        ("LCR-EMP-1", "2022-04-01..2022-09-30", "B"),
        ("LCR-INV-1", "2022/23 Q2", "C"),
    ) == [("LCR-INV-1", "2022/23 Q2", "LCR-EMP-1")]


def test_an_unvalued_groups_phrase_says_in_words_what_its_reason_says():
    from socialvalue import default_methodology
    from socialvalue._phrases import english

    methodology = default_methodology()
    batch = value_many(
        [Delivery(measure="LCR-EMP-1", quantity="2", period="2022/23")],
        methodology,
        unvalued="report",
    )
    (group,) = batch.unvalued
    words = methodology.unvalued_reason("LCR-EMP-1")
    assert words is not None
    assert group.reason_phrase is not None
    assert english(group.reason_phrase) == group.reason
    assert group.reason.startswith(words + " (no value for LCR-EMP-1 in registry ")


def test_the_overlap_scope_key_is_the_status_and_the_scopes_attributes_but_the_period():
    from socialvalue.batch import scope_key

    delivery = Delivery(
        measure="LCR-EMP-1", quantity="1", period="2022/23", project="P", contract="K"
    )
    assert scope_key(delivery, ("project", "contract", "period")) == (
        delivery.status,
        "P",
        "K",
    )
    assert scope_key(delivery, ("period",)) == delivery.status


# --- survivors of the mutation run of 2 December, second session ------------------------------


def test_value_many_reports_its_progress_every_10000_deliveries_and_at_the_end():
    from socialvalue import default_methodology

    items = [Delivery(measure="LCR-COM-1", quantity="1", period="2022/23")] * 25_000
    seen: list[int] = []
    batch = value_many(items, default_methodology(), progress=seen.append)
    assert seen == [10_000, 20_000, 25_000]
    assert batch.count == 25_000
    quiet = value_many(items[:10], default_methodology())  # no progress asked: none needed
    assert quiet.count == 10


def test_an_excluded_groups_phrase_says_in_words_what_its_reason_says():
    """A transfer's reason is a phrase too, so it can be said in Welsh (#17)."""
    from socialvalue._phrases import english

    batch = value_many(MIXED, TRANSFERS_OUT, unvalued="report")
    excluded = [group for group in batch.groups if not group.counted]
    assert excluded
    for group in excluded:
        assert group.reason_phrase is not None
        assert english(group.reason_phrase) == group.reason != ""


def _two_partner_framework():
    """A framework in which LCR-INV-1 may overlap two measures, LCR-ENV-2 and LCR-COM-1."""
    from socialvalue import Framework, Measure, Outcome, Theme

    def measure(code, *overlaps):
        return Measure(
            code=code,
            title=code,
            unit="hour",
            valuation="proxy",
            value_type="social",
            overlaps_with=overlaps,
        )

    return Framework(
        id="two",
        title="Two partners",
        version="1",
        publisher="Test",
        licence="MIT",
        themes=(
            Theme(
                code="T",
                title="T",
                outcomes=(
                    Outcome(
                        code="O",
                        title="O",
                        measures=(
                            measure("LCR-ENV-2"),
                            measure("LCR-COM-1"),
                            measure("LCR-INV-1", "LCR-ENV-2", "LCR-COM-1"),
                        ),
                    ),
                ),
            ),
        ),
    )


def test_a_possible_overlap_names_the_partner_delivered_first_not_the_first_by_name():
    """The first partner in the batch's order (both valued here), whatever their codes."""
    from socialvalue import default_methodology

    items = [
        Delivery(measure="LCR-ENV-2", quantity="1", period="2022/23", project="A"),
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", project="B"),
        Delivery(measure="LCR-INV-1", quantity="1", period="2022/23 Q2", project="C"),
    ]
    batch = value_many(items, default_methodology(), by=("project",), unvalued="report")
    found = batch.possible_overlaps(_two_partner_framework())
    assert [(group.key.measure, first) for group, first in found] == [("LCR-INV-1", "LCR-ENV-2")]


def test_a_second_measure_whose_partner_was_not_delivered_has_no_possible_overlap():
    assert _possible(("LCR-INV-1", "2022/23", "A"), ("LCR-COM-1", "2022/23", "A")) == []


def test_overlaps_are_said_in_words_one_or_many_and_under_an_empty_scope():
    from socialvalue.batch import overlap_message, overlap_warning

    assert (
        overlap_message("LCR-COM-3", "LCR-COM-1", ("period", "project"))
        == "LCR-COM-3 overlaps LCR-COM-1 in the same period, project"
    )
    assert overlap_message("LCR-COM-3", "LCR-COM-1", ()) == (
        "LCR-COM-3 overlaps LCR-COM-1 wherever and whenever delivered (overlap_scope is empty)"
    )
    assert overlap_warning(1, ["B / A"], ("project",)) == (
        "1 delivery overlaps another in the same project (B / A); counted under "
        "overlap_policy 'warn'"
    )
    assert overlap_warning(2, {"D / C", "B / A"}, ()) == (
        "2 deliveries overlap others wherever and whenever delivered (overlap_scope is empty) "
        "(B / A; D / C); counted under overlap_policy 'warn'"
    )
