from decimal import Decimal

import attrs
import pytest
from helpers import ADJUSTED, PLAIN, valuation_deliveries as deliveries
from hypothesis import given, strategies as st

from socialvalue import Delivery, Money, Rollup, default_methodology, value, value_many
from socialvalue.batch import DIMENSIONS
from socialvalue.io import example_deliveries
from socialvalue.rollup import RollupError

# Deliveries of overlapping measures are kept under the default policy, with a warning.
pytestmark = pytest.mark.filterwarnings("ignore::socialvalue.batch.OverlapWarning")

GROUPINGS = st.lists(st.sampled_from(list(DIMENSIONS)), min_size=1, max_size=3, unique=True)


def _per_item_total(batch, method, field):
    return sum(
        (getattr(v, field) for v in (value(d, method) for d in batch) if v.monetised),
        Money.zero(),
    )


@given(st.lists(deliveries(), max_size=20), GROUPINGS, st.sampled_from([PLAIN, ADJUSTED]))
def test_rollup_totals_equal_the_sum_of_valuations_for_any_grouping(batch, by, method):
    rolled = Rollup.of(batch, method, by)
    for field in ("gross", "net", "present_value"):
        assert rolled.money(field) == _per_item_total(batch, method, field)
    assert rolled.total().count == len(batch)


@given(
    st.lists(deliveries(), max_size=10),
    st.lists(deliveries(), max_size=10),
    st.lists(deliveries(), max_size=10),
    GROUPINGS,
)
def test_merge_is_associative_commutative_and_equals_the_rollup_of_the_union(a, b, c, by):
    ra, rb, rc = (Rollup.of(x, PLAIN, by) for x in (a, b, c))
    assert ra.merge(rb) == rb.merge(ra)
    assert ra.merge(rb).merge(rc) == ra.merge(rb.merge(rc))
    assert ra.merge(rb) == Rollup.of([*a, *b], PLAIN, by)


@given(st.lists(deliveries(), max_size=20), GROUPINGS, st.randoms(use_true_random=False))
def test_grouping_order_does_not_change_totals(batch, by, random):
    reordered = list(by)
    random.shuffle(reordered)
    first, second = Rollup.of(batch, PLAIN, by), Rollup.of(batch, PLAIN, reordered)
    assert first.total() == second.total()
    assert first.regroup(reordered) == second


def test_rollup_by_role_and_theme_of_the_example():
    rolled = Rollup.of(
        example_deliveries(), default_methodology(), ("role", "theme"), unvalued="report"
    )
    # Volunteering only (£225,718.40 gross): the AEB's in-kind gifts and donations (LCR-COM-3,
    # COM-2) are transfers, reported beside it and kept out (before transfers were kept apart,
    # the gross here was £1,512,690.09). Their present value is compounded forward two years,
    # from 2022/23 to the 2024/25 appraisal base year.
    commissioner = rolled.rows[("commissioner", "LCR-FAIR")]
    assert rolled.money("gross", ("commissioner", "LCR-FAIR")).quantize(2) == Money("225718.40")
    assert Money(commissioner.transfers).quantize(2) == Money("1378636.24")
    by_role = rolled.regroup(("role",))
    assert sorted(key for key, _ in by_role) == [
        ("commissioner",),
        ("investor",),
        ("service-provider",),
    ]
    assert by_role.total() == rolled.total()


def test_quantities_only_when_grouped_by_measure():
    batch = [
        Delivery(measure="LCR-COM-1", quantity="10", period="2022/23"),
        Delivery(measure="LCR-COM-1", quantity="5", period="2022/23 Q1"),
    ]
    by_measure = Rollup.of(batch, PLAIN, ("measure",))
    assert by_measure.rows[("LCR-COM-1",)].quantity == Decimal(15)
    assert Rollup.of(batch, PLAIN, ("theme",)).rows[("LCR-FAIR",)].quantity is None


def test_rollups_refuse_to_mix():
    batch = [Delivery(measure="LCR-COM-1", quantity="10", period="2022/23")]
    with pytest.raises(RollupError, match="different methodologies"):
        Rollup.of(batch, PLAIN, ("measure",)).merge(Rollup.of(batch, ADJUSTED, ("measure",)))
    with pytest.raises(RollupError, match="cannot merge a rollup by"):
        Rollup.of(batch, PLAIN, ("measure",)).merge(Rollup.of(batch, PLAIN, ("theme",)))
    with pytest.raises(RollupError, match="cannot group by colour; choose from theme"):
        Rollup.of(batch, PLAIN, ("colour",))
    with pytest.raises(RollupError, match="the batch was not valued by project"):
        Rollup.from_batch(value_many(batch, PLAIN), PLAIN.framework, ("project",))
    with pytest.raises(RollupError, match="cannot regroup by role"):
        Rollup.of(batch, PLAIN, ("measure",)).regroup(("role",))


def test_rollups_count_what_they_could_not_value():
    rolled = Rollup.of(example_deliveries(), default_methodology(), ("role",), unvalued="report")
    assert rolled.total().count + rolled.unvalued == len(example_deliveries())
    assert rolled.merge(rolled).unvalued == 2 * rolled.unvalued


# --- mutation testing (issue #12): the algebra of totals and rollups, exactly -----------------

from socialvalue._decimal import calculation_context  # noqa: E402
from socialvalue.framework import ValueType  # noqa: E402 - grouped with the tests that need it
from socialvalue.rollup import Totals  # noqa: E402 - grouped with the tests that need it

METHOD = default_methodology()
EXAMPLE = example_deliveries().deliveries


def test_totals_add_field_by_field_and_keep_quantity_only_when_one_has_it():
    a = Totals(gross=Decimal(1), net=Decimal(2), present_value=Decimal(3), count=1, valued=1)
    b = Totals(gross=Decimal(10), net=Decimal(20), present_value=Decimal(30), count=2, valued=0)
    total = a + b
    assert (total.gross, total.net, total.present_value) == (11, 22, 33)
    assert (total.count, total.valued, total.quantity, total.monetised) == (3, 1, None, False)
    assert (Totals(quantity=Decimal(5)) + Totals()).quantity == 5
    assert (Totals() + Totals(quantity=Decimal(5))).quantity == 5
    assert (Totals(quantity=Decimal(2)) + Totals(quantity=Decimal(5))).quantity == 7
    assert (Totals(monetised=True) + Totals()).monetised is True
    assert (Totals() + Totals(monetised=True)).monetised is True


def test_money_of_a_row_and_of_the_total_is_in_the_rollup_currency():
    rolled = Rollup.of(EXAMPLE, METHOD, by=("measure",), unvalued="report")
    key = next(iter(rolled))[0]
    assert rolled.money("gross", key) == Money(rolled.rows[key].gross, "GBP")
    total = rolled.total()
    assert total.quantity is None
    assert total.count == sum(t.count for t in rolled.rows.values())
    with calculation_context():
        assert total.gross == sum(t.gross for t in rolled.rows.values())
    assert rolled.money("net") == Money(total.net)


def test_merge_adds_rows_and_unvalued_and_keeps_what_it_is():
    half = len(EXAMPLE) // 2
    first = Rollup.of(EXAMPLE[:half], METHOD, by=("measure",), unvalued="report")
    second = Rollup.of(EXAMPLE[half:], METHOD, by=("measure",), unvalued="report")
    whole = Rollup.of(EXAMPLE, METHOD, by=("measure",), unvalued="report")
    merged = first.merge(second)
    assert merged.rows == whole.rows
    assert merged.unvalued == first.unvalued + second.unvalued == whole.unvalued
    assert (merged.by, merged.currency, merged.methodology) == (
        whole.by,
        whole.currency,
        whole.methodology,
    )
    extra = Rollup(by=("measure",), rows={}, methodology=whole.methodology, unvalued=2)
    assert whole.merge(extra).unvalued == whole.unvalued + 2
    with pytest.raises(RollupError, match=r"^cannot merge EUR totals into GBP ones$"):
        whole.merge(Rollup(by=("measure",), rows={}, currency="EUR", methodology=whole.methodology))
    with pytest.raises(RollupError, match=r"^cannot merge a rollup by \('role',\) into one by"):
        whole.merge(Rollup(by=("role",), rows={}, methodology=whole.methodology))


def test_regroup_sums_rows_and_keeps_quantities_only_by_measure():
    fine = Rollup.of(EXAMPLE, METHOD, by=("measure", "period"), unvalued="report")
    by_measure = fine.regroup(["measure"])
    direct = Rollup.of(EXAMPLE, METHOD, by=("measure",), unvalued="report")
    assert by_measure.rows == direct.rows
    assert by_measure.by == ("measure",)
    assert by_measure.unvalued == fine.unvalued
    assert all(t.quantity is not None for t in by_measure.rows.values())
    by_period = fine.regroup(("period",))
    assert all(t.quantity is None for t in by_period.rows.values())
    assert by_period.total().gross == fine.total().gross
    with pytest.raises(RollupError, match=r"^cannot regroup by role, project: not in"):
        fine.regroup(["role", "project"])


def test_from_batch_names_what_is_missing_and_what_is_known():
    batch = value_many(EXAMPLE, METHOD, unvalued="report")
    with pytest.raises(RollupError) as missing:
        Rollup.from_batch(batch, METHOD.framework, ("role", "project"))
    assert str(missing.value) == (
        "the batch was not valued by role, project: pass by=('role', 'project') to value_many"
    )
    with pytest.raises(RollupError) as unknown:
        Rollup.from_batch(batch, METHOD.framework, ("colour", "size"))
    assert str(unknown.value) == (
        f"cannot group by colour, size; choose from {', '.join(DIMENSIONS)}"
    )
    by_geography = Rollup.from_batch(batch, METHOD.framework, ("geography",))
    assert by_geography.currency == "GBP"
    assert (
        by_geography.total().gross
        == Rollup.of(EXAMPLE, METHOD, ("measure",), unvalued="report").total().gross
    )


def test_from_batch_in_another_currency_values_nothing():
    batch = value_many(EXAMPLE, METHOD, unvalued="report")
    euros = Rollup.from_batch(batch, METHOD.framework, ("measure",), currency="EUR")
    assert euros.currency == "EUR"
    assert euros.total().gross == 0
    assert euros.total().valued == 0
    assert euros.total().count == batch.count - sum(g.count for g in batch.unvalued)


def test_pillars_and_value_types_come_from_the_framework():
    rolled = Rollup.of(EXAMPLE, METHOD, by=("pillar", "value_type"), unvalued="report")
    pillars = {key[0] for key in rolled.rows}
    assert pillars
    assert all(pillar and "XX" not in pillar for pillar in pillars)
    assert {key[1] for key in rolled.rows} <= {v.value for v in ValueType}
    by_project = Rollup.of(EXAMPLE, METHOD, by=("project",), unvalued="report")
    assert all(isinstance(key[0], str) for key in by_project.rows)


def test_a_row_says_which_outcomes_it_counts_but_does_not_value():
    """A ratio of 0.00 over costs means "not valued", not "no benefits", when the outcomes are
    unvalued: the row and its record list them (Kindred: 77 jobs at investees, no open value)."""
    example = example_deliveries()
    rolled = Rollup.of(
        example, default_methodology(), by=("project",), unvalued="report", costs=example.costs
    )
    records = {r["project"]: r for r in rolled.to_records()}
    kindred = rolled.rows[("Kindred",)]
    assert (kindred.bcr(), kindred.benefits_unvalued) == (Decimal(0), ("LCR-INV-1",))
    assert records["Kindred"]["benefits_unvalued"] == "LCR-INV-1"
    assert records["Adult Education Budget"]["benefits_unvalued"] is None  # all valued
    # Adding rows unites what they leave unvalued; regrouping keeps it.
    assert Totals(benefits_unvalued=("B",)) + Totals(benefits_unvalued=("A", "B")) == Totals(
        benefits_unvalued=("A", "B")
    )
    everything = rolled.regroup(())
    assert "LCR-INV-1" in everything.rows[()].benefits_unvalued


# --- costs, ratios, screens and records (mutation testing and coverage, issue #12) -------------

from helpers import (  # noqa: E402 - grouped with the tests that need it
    valuation_methodology,
    valuation_proxy,
    valuation_registry,
)

from socialvalue import Cost, ValidationError  # noqa: E402
from socialvalue.valuation import value_cost  # noqa: E402

LEVERAGE = valuation_methodology(leverage_measures=("LCR-COM-2",))


def _rows(**present_values):
    return Rollup(
        by=("project",),
        rows={(key,): Totals(present_value=Decimal(pv)) for key, pv in present_values.items()},
        methodology=PLAIN.ref,
    )


def test_costs_give_npsv_bcr_sroi_and_net_sroi_per_row_exactly():
    batch = [
        Delivery(measure="LCR-COM-1", quantity="100", period="2022/23", project="P"),
        Delivery(measure="LCR-EDI-1", quantity="2", period="2022/23", project="Q"),
    ]
    costs = [
        Cost(amount="1000", period="2022/23", project="P"),
        Cost(
            amount="500",
            period="2022/23",
            project="Q",
            optimism_bias="0.2",
            optimism_bias_source="Green Book",
        ),
    ]
    rolled = Rollup.of(batch, PLAIN, ("project",), costs=costs)
    p, q = rolled.rows[("P",)], rolled.rows[("Q",)]
    # P: 100 hours × £12.34 = £1,234 against £1,000 (no index, no base year: as given).
    assert (p.present_value, p.costs, p.inputs, p.has_costs) == (1234, 1000, 1000, True)
    assert p.npsv() == Decimal(234)
    assert p.bcr() == Decimal("1.234")
    assert p.sroi() == Decimal("1.234")
    assert p.net_sroi() == Decimal("0.234")
    assert p.leverage() is None  # no funding attracted
    # Q: 2 people × £500 = £1,000 against £500 + 20% optimism bias = £600.
    assert (q.present_value, q.costs, q.inputs) == (1000, 600, 600)
    assert q.npsv() == 400
    with calculation_context():
        assert q.sroi() == Decimal(1000) / Decimal(600)
        assert q.net_sroi() == Decimal(400) / Decimal(600)
    assert rolled.total().costs == 1600
    assert rolled.total().has_costs is True


def test_ratios_are_none_without_costs_and_without_positive_costs_or_inputs():
    none = Totals(present_value=Decimal(5))
    assert (none.npsv(), none.bcr(), none.sroi(), none.net_sroi(), none.leverage()) == (
        None,
        None,
        None,
        None,
        None,
    )
    free = Totals(present_value=Decimal(5), has_costs=True, attracted=Decimal(3))
    assert free.npsv() == 5  # PVB − 0
    assert (free.bcr(), free.sroi(), free.net_sroi(), free.leverage()) == (None,) * 4
    # Costs but no inputs (and the reverse) are told apart: each ratio reads its own figure.
    costs_only = Totals(present_value=Decimal(6), costs=Decimal(2), has_costs=True)
    assert (costs_only.bcr(), costs_only.sroi(), costs_only.net_sroi()) == (3, None, None)
    inputs_only = Totals(
        present_value=Decimal(6), inputs=Decimal(3), has_costs=True, attracted=Decimal(1)
    )
    assert (inputs_only.bcr(), inputs_only.sroi(), inputs_only.net_sroi()) == (None, 2, 1)
    with calculation_context():
        assert inputs_only.leverage() == Decimal(1) / Decimal(3)
    not_given = Totals(present_value=Decimal(6), costs=Decimal(2), inputs=Decimal(3))
    assert (not_given.npsv(), not_given.bcr(), not_given.sroi()) == (None, None, None)
    assert not_given.net_sroi() is None
    negative = Totals(costs=Decimal(-1), inputs=Decimal(-1), has_costs=True, attracted=Decimal(1))
    assert (negative.bcr(), negative.sroi(), negative.net_sroi(), negative.leverage()) == (
        (None,) * 4
    )


def test_raw_present_value_adds_back_transfers_and_overlaps_but_not_targets():
    totals = Totals(
        present_value=Decimal(1), transfers=Decimal(2), overlaps=Decimal(4), targets=Decimal(8)
    )
    assert totals.raw_present_value == 7


def test_leverage_counts_delivered_funding_attracted_only_with_inputs():
    batch = [
        Delivery(measure="LCR-COM-2", quantity="300", period="2022/23", project="P"),
        Delivery(
            measure="LCR-COM-2", quantity="50", period="2022/23", project="P", status="target"
        ),
        Delivery(measure="LCR-COM-1", quantity="100", period="2022/23", project="P"),
    ]
    costs = [Cost(amount="1000", period="2022/23", project="P")]
    totals = Rollup.of(batch, LEVERAGE, ("project",), costs=costs).rows[("P",)]
    assert totals.attracted == 300  # the target's £50 is not funding attracted
    assert totals.targets == 50
    assert totals.leverage() == Decimal("0.3")
    # Without costs there are no inputs to set it against: nothing is tallied.
    assert Rollup.of(batch, LEVERAGE, ("project",)).rows[("P",)].attracted == 0
    # From a batch: only the measures named are funding attracted.
    valued = value_many(batch, LEVERAGE, by=("project",))
    named = Rollup.from_batch(valued, LEVERAGE.framework, ("project",), leverage_measures=())
    assert named.rows[("P",)].attracted == 0


def test_costs_are_grouped_by_their_own_fields_and_never_by_measure():
    batch = value_many(
        [
            Delivery(
                measure="LCR-COM-1",
                quantity="100",
                period="2022/23",
                project="P",
                role="commissioner",
            )
        ],
        PLAIN,
        by=("project", "role", "contract"),
    )
    cost = value_cost(
        Cost(amount="1000", period="2022/23 Q2", project="P", contract="K1", geography="Wirral"),
        PLAIN,
    )

    def by(*dimensions):
        rolled = Rollup.from_batch(batch, PLAIN.framework, dimensions, costs=[cost])
        return {key: (t.costs, t.present_value) for key, t in rolled}

    assert by("period") == {("2022/23",): (0, 1234), ("2022/23 Q2",): (1000, 0)}
    assert by("financial_year") == {("2022/23",): (1000, 1234)}
    assert by("project", "contract") == {("P", ""): (0, 1234), ("P", "K1"): (1000, 0)}
    assert by("role") == {("",): (1000, 0), ("commissioner",): (0, 1234)}
    assert by("geography") == {("UK",): (0, 1234), ("Wirral",): (1000, 0)}
    with pytest.raises(RollupError) as refused:
        Rollup.from_batch(batch, PLAIN.framework, ("project", "measure", "theme"), costs=[cost])
    assert str(refused.value) == (
        "costs cannot be grouped by measure, theme (a cost has no measure); group by project, "
        "contract, role, period, financial_year, geography"
    )
    euros = value_cost(Cost(amount=Money("10", "EUR"), period="2022/23"), PLAIN)
    with pytest.raises(RollupError, match=r"^a cost in EUR cannot join GBP totals$"):
        Rollup.from_batch(batch, PLAIN.framework, ("project",), costs=[euros])
    # Not grouped by measure (costs cannot be), so no row has a quantity.
    assert all(
        t.quantity is None
        for _, t in Rollup.from_batch(batch, PLAIN.framework, ("period",), costs=[cost])
    )


_RECORD_KEYS = (
    "project",
    "gross",
    "net",
    "present_value",
    "count",
    "valued",
    "monetised",
    "currency",
    "methodology",
)


def test_records_list_each_row_in_key_order_with_quantity_only_by_measure():
    batch = [
        Delivery(measure="LCR-EDI-1", quantity="2", period="2022/23", project="Q"),
        Delivery(measure="LCR-COM-1", quantity="100", period="2022/23", project="P"),
    ]
    by_project = Rollup.of(batch, PLAIN, ("project",))
    records = by_project.to_records()
    assert next(iter(records[0])) == "project"  # the dimensions first
    assert [{key: record[key] for key in _RECORD_KEYS} for record in records] == [
        {
            "project": "P",
            "gross": Decimal(1234),
            "net": Decimal(1234),
            "present_value": Decimal(1234),
            "count": 1,
            "valued": 1,
            "monetised": True,
            "currency": "GBP",
            "methodology": str(PLAIN.ref),
        },
        {
            "project": "Q",
            "gross": Decimal(1000),
            "net": Decimal(1000),
            "present_value": Decimal(1000),
            "count": 1,
            "valued": 1,
            "monetised": True,
            "currency": "GBP",
            "methodology": str(PLAIN.ref),
        },
    ]
    by_measure = Rollup.of(batch, PLAIN, ("measure", "project")).to_records()
    assert [(r["measure"], r["project"], r["quantity"]) for r in by_measure] == [
        ("LCR-COM-1", "P", Decimal(100)),
        ("LCR-EDI-1", "Q", Decimal(2)),
    ]


def test_below_lists_rows_strictly_under_the_share_with_their_share():
    rolled = _rows(A="1", B="3", C="0", D="-1", E="1")
    # total 4: A and E are 25% each, B 75%; C (nothing) and D (negative) are never screened.
    assert rolled.below(Decimal("0.25")) == ()
    found = rolled.below(Decimal("0.26"))
    assert [(key, share) for key, _, share in found] == [(("A",), Decimal("0.25")), (("E",), 0.25)]
    assert found[0][1] == rolled.rows[("A",)]
    assert [key for key, _, _ in rolled.below(Decimal(1))] == [("A",), ("B",), ("E",)]
    assert _rows(A="1", B="-1").below(Decimal(1)) == ()  # a total of zero
    assert _rows(A="1", B="-2").below(Decimal(1)) == ()  # a negative total
    assert _rows().below(Decimal(1)) == ()


def _without_pillars(node):
    changes = {"tags": tuple(tag for tag in node.tags if not tag.startswith("pillar:"))}
    for children in ("outcomes", "measures"):
        if hasattr(node, children):
            changes[children] = tuple(_without_pillars(child) for child in getattr(node, children))
    return attrs.evolve(node, **changes)


def test_a_framework_without_pillars_groups_every_delivery_under_no_pillar():
    framework = PLAIN.framework
    no_pillars = attrs.evolve(
        framework,
        dimensions=tuple(d for d in framework.dimensions if d.id != "pillar"),
        themes=tuple(_without_pillars(theme) for theme in framework.themes),
    )
    batch = [Delivery(measure="LCR-COM-1", quantity="1", period="2022/23")]
    assert list(Rollup.of(batch, PLAIN, ("pillar", "measure")).rows) == [("fairer", "LCR-COM-1")]
    plain = valuation_methodology(framework=no_pillars)
    assert list(Rollup.of(batch, plain, ("pillar", "measure")).rows) == [("", "LCR-COM-1")]


EXCLUDING = valuation_methodology(
    registries=(
        valuation_registry(
            valuation_proxy("LCR-EMP-1", "fte_year", "1000"),
            valuation_proxy("LCR-EMP-2", "fte_year", "300", value_type="economic"),
            valuation_proxy("LCR-COM-1", "hour", "10"),
            id="excluding",
        ),
    ),
    overlap_policy="exclude_second",
    count_transfers=False,
)
LEFT_OUT = [
    Delivery(measure="LCR-EMP-1", quantity="2", period="2022/23"),
    Delivery(measure="LCR-EMP-2", quantity="1", period="2022/23"),  # overlaps LCR-EMP-1
    Delivery(measure="LCR-COM-2", quantity="50", period="2022/23"),  # a transfer
    Delivery(measure="LCR-COM-1", quantity="7", period="2022/23", status="target"),
    Delivery(measure="LCR-COM-1", quantity="3", period="2022/23"),
]


def test_what_is_left_out_is_kept_beside_the_totals_each_in_its_own_column():
    rolled = Rollup.of(LEFT_OUT, EXCLUDING, ("measure", "value_type"))
    rows = dict(rolled)
    summary = {
        key: (t.present_value, t.quantity, t.transfers, t.targets, t.overlaps, t.count, t.valued)
        for key, t in rows.items()
    }
    assert summary == {
        # The target's 7 hours are in neither the quantity nor the value, only in targets.
        ("LCR-COM-1", "social"): (30, 3, 0, 70, 0, 2, 1),
        ("LCR-COM-2", "transfer"): (0, 50, 50, 0, 0, 1, 0),
        ("LCR-EMP-1", "economic"): (2000, 2, 0, 0, 0, 1, 1),
        # The proxy classifies LCR-EMP-2 as economic (the framework says social).
        ("LCR-EMP-2", "economic"): (0, 1, 0, 0, 300, 1, 0),
    }
    assert rows[("LCR-COM-2", "transfer")].monetised is False
    by_status = dict(Rollup.of(LEFT_OUT, EXCLUDING, ("status",)))
    delivered, target = by_status[("delivered",)], by_status[("target",)]
    assert (delivered.present_value, delivered.transfers, delivered.overlaps) == (2030, 50, 300)
    assert (delivered.targets, delivered.quantity, delivered.count) == (0, None, 4)
    assert (target.present_value, target.targets, target.transfers, target.count) == (0, 70, 0, 1)
    assert delivered.raw_present_value == 2380


def test_totals_add_every_column():
    one = Totals(
        transfers=Decimal(1),
        overlaps=Decimal(2),
        targets=Decimal(3),
        costs=Decimal(4),
        inputs=Decimal(5),
        attracted=Decimal(6),
    )
    two = Totals(
        transfers=Decimal(10),
        overlaps=Decimal(20),
        targets=Decimal(30),
        costs=Decimal(40),
        inputs=Decimal(50),
        has_costs=True,
        attracted=Decimal(60),
    )
    for total in (one + two, two + one):
        assert (total.transfers, total.overlaps, total.targets) == (11, 22, 33)
        assert (total.costs, total.inputs, total.attracted) == (44, 55, 66)
        assert total.has_costs is True
    assert (one + one).has_costs is False


def test_a_rollup_in_another_currency_keeps_it_through_money_merge_and_regroup():
    euros = Rollup(
        by=("project", "role"),
        rows={("P", "investor"): Totals(gross=Decimal(7))},
        currency="EUR",
        methodology=PLAIN.ref,
    )
    assert euros.money("gross") == Money("7", "EUR")
    assert euros.money("gross", ("P", "investor")) == Money("7", "EUR")
    assert euros.merge(euros).currency == "EUR"
    assert euros.merge(euros).money("gross") == Money("14", "EUR")
    assert euros.regroup(("project",)).currency == "EUR"


def test_rollup_of_raises_for_what_it_cannot_value_unless_asked_to_report():
    unknown = [Delivery(measure="LCR-EMP-2", quantity="1", period="2022/23")]  # no test value
    with pytest.raises(ValidationError, match="no value for LCR-EMP-2"):
        Rollup.of(unknown, PLAIN, ("measure",))
    assert Rollup.of(unknown, PLAIN, ("measure",), unvalued="report").unvalued == 1


def test_a_delivery_without_a_role_is_grouped_under_no_role():
    batch = [
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23"),
        Delivery(measure="LCR-COM-1", quantity="2", period="2022/23", role="investor"),
    ]
    rolled = Rollup.of(batch, PLAIN, ("role",))
    assert {key: t.count for key, t in rolled} == {("",): 1, ("investor",): 1}


def test_ratios_start_above_zero_not_above_one():
    small = Totals(
        present_value=Decimal(3),
        costs=Decimal("0.5"),
        inputs=Decimal(1),
        has_costs=True,
        attracted=Decimal(1),
    )
    assert (small.bcr(), small.sroi(), small.net_sroi(), small.leverage()) == (6, 3, 2, 1)


def test_below_screens_a_total_under_one_pound():
    found = _rows(A="0.25", B="0.75").below(Decimal("0.5"))
    assert [(key, share) for key, _, share in found] == [(("A",), Decimal("0.25"))]


def test_funding_attracted_counts_even_when_it_is_a_transfer_kept_out():
    batch = [Delivery(measure="LCR-COM-2", quantity="300", period="2022/23", project="P")]
    costs = [Cost(amount="1000", period="2022/23", project="P")]
    kept_out = valuation_methodology(leverage_measures=("LCR-COM-2",), count_transfers=False)
    totals = Rollup.of(batch, kept_out, ("project",), costs=costs).rows[("P",)]
    assert (totals.present_value, totals.transfers, totals.attracted) == (0, 300, 300)
    assert totals.leverage() == Decimal("0.3")
    valued = value_many(batch, kept_out, by=("project",))
    from_batch = Rollup.from_batch(
        valued, kept_out.framework, ("project",), leverage_measures=("LCR-COM-2",)
    )
    assert from_batch.rows[("P",)].attracted == 300


def test_values_in_another_currency_are_counted_but_add_no_money():
    batch = value_many(
        [Delivery(measure="LCR-COM-1", quantity="10", period="2022/23")], PLAIN, by=()
    )
    euros = Rollup.from_batch(batch, PLAIN.framework, ("measure",), currency="EUR")
    totals = euros.rows[("LCR-COM-1",)]
    assert (totals.gross, totals.net, totals.present_value) == (0, 0, 0)
    assert (totals.count, totals.valued, totals.monetised, totals.quantity) == (1, 0, False, 10)


def _tagged(node, code, tag):
    changes = {}
    for children in ("outcomes", "measures"):
        if hasattr(node, children):
            changes[children] = tuple(_tagged(c, code, tag) for c in getattr(node, children))
    if getattr(node, "code", None) == code:
        changes["tags"] = (*node.tags, tag)
    return attrs.evolve(node, **changes)


def test_a_measure_in_two_pillars_is_grouped_under_both_joined_by_a_comma():
    framework = PLAIN.framework
    two = attrs.evolve(
        framework,
        themes=tuple(_tagged(t, "LCR-COM-1", "pillar:stronger") for t in framework.themes),
    )
    rolled = Rollup.of(
        [Delivery(measure="LCR-COM-1", quantity="1", period="2022/23")],
        valuation_methodology(framework=two),
        ("pillar",),
    )
    assert list(rolled.rows) == [("stronger,fairer",)]


def test_an_outcome_valued_at_nothing_is_valued_not_unvalued():
    """A delivery of 0 hours is valued at £0: it was listed among the benefits not valued, so
    rolling it up apart and then merging differed from rolling everything up at once."""
    nothing = Delivery(measure="LCR-COM-1", quantity="0.00", period="2022/23 Q1")
    some = Delivery(measure="LCR-COM-1", quantity="0.01", period="2022/23 Q1")
    alone = Rollup.of([nothing], PLAIN, ("theme",)).rows[("LCR-FAIR",)]
    assert alone.benefits_unvalued == ()
    merged = Rollup.of([nothing], PLAIN, ("theme",)).merge(Rollup.of([some], PLAIN, ("theme",)))
    assert merged == Rollup.of([nothing, some], PLAIN, ("theme",))
    counted = Rollup.of(
        [Delivery(measure="LCR-ENV-1", quantity="3", period="2022/23")], PLAIN, ("measure",)
    )
    assert counted.rows[("LCR-ENV-1",)].benefits_unvalued == ("LCR-ENV-1",)  # record-only


def test_table_records_carry_quotients_to_30_places_unless_rounded_with_the_money():
    rolled = Rollup.of(
        [Delivery(measure="LCR-EDI-1", quantity="3", period="2022/23", project="P")],
        PLAIN,
        ("project",),
        costs=[Cost(amount="1000", period="2022/23", project="P")],
    )
    exact = rolled.to_records()[0]
    with calculation_context():
        assert exact["cost_per_outcome:LCR-EDI-1"] == Decimal(1000) / Decimal(3)  # 100 digits
    table = rolled.table_records(None)[0]
    assert str(table["cost_per_outcome:LCR-EDI-1"]) == "333." + "3" * 30
    assert str(table["bcr"]) == "1.5" + "0" * 29  # 3 people × £500 = £1,500 ÷ £1,000
    assert table["gross"] == exact["gross"]  # money is not a quotient: untouched
    assert rolled.table_records(2) == rolled.to_records()  # rounded later, once, with the money
    money, decimals = rolled.exact_columns([exact])
    assert {"bcr", "gross", "cost_per_outcome:LCR-EDI-1"} <= money
    assert decimals == frozenset({"quantity"})


def _appraised_rollup():
    """Two projects: P with costs (and an unvalued outcome), Q without costs."""
    from socialvalue.rollup import Totals

    with_costs = Totals(
        gross=Decimal(100),
        net=Decimal(90),
        present_value=Decimal(80),
        count=3,
        valued=2,
        monetised=True,
        transfers=Decimal(7),
        overlaps=Decimal(6),
        targets=Decimal(5),
        costs=Decimal(40),
        inputs=Decimal(20),
        has_costs=True,
        attracted=Decimal(50),
        outcomes=(("LCR-COM-1", Decimal(4)), ("LCR-EMP-1", Decimal(1)), ("LCR-SKL-1", Decimal(0))),
        benefits_unvalued=("LCR-EMP-1",),
    )
    without = Totals(
        gross=Decimal(10),
        net=Decimal(10),
        present_value=Decimal(10),
        count=1,
        valued=1,
        monetised=True,
        costs=Decimal(3),
        inputs=Decimal(3),
        attracted=Decimal(2),
        outcomes=(("LCR-COM-1", Decimal(2)),),
    )
    methodology = default_methodology().ref
    return Rollup(
        by=("project",), rows={("P",): with_costs, ("Q",): without}, methodology=methodology
    )


def test_records_carry_every_appraisal_column_exactly_and_none_without_costs():
    rolled = _appraised_rollup()
    methodology = str(rolled.methodology)
    assert rolled.to_records() == [
        {
            "project": "P",
            "gross": Decimal(100),
            "net": Decimal(90),
            "present_value": Decimal(80),
            "transfers": Decimal(7),
            "overlaps": Decimal(6),
            "targets": Decimal(5),
            "pvc": Decimal(40),
            "inputs": Decimal(20),
            "npsv": Decimal(40),
            "bcr": Decimal(2),
            "sroi": Decimal(4),
            "net_sroi": Decimal(3),
            "attracted": Decimal(50),
            "leverage": Decimal("2.5"),
            "benefits_unvalued": "LCR-EMP-1",
            "count": 3,
            "valued": 2,
            "monetised": True,
            "currency": "GBP",
            "methodology": methodology,
            # inputs ÷ quantity for each outcome delivered (none for a quantity of 0)
            "cost_per_outcome:LCR-COM-1": Decimal(5),
            "cost_per_outcome:LCR-EMP-1": Decimal(20),
        },
        {
            "project": "Q",
            "gross": Decimal(10),
            "net": Decimal(10),
            "present_value": Decimal(10),
            "transfers": Decimal(0),
            "overlaps": Decimal(0),
            "targets": Decimal(0),
            "pvc": None,  # amounts given without has_costs are not costs of the row
            "inputs": None,
            "npsv": None,
            "bcr": None,
            "sroi": None,
            "net_sroi": None,
            "attracted": None,
            "leverage": None,
            "benefits_unvalued": None,
            "count": 1,
            "valued": 1,
            "monetised": True,
            "currency": "GBP",
            "methodology": methodology,
        },
    ]


@pytest.mark.parametrize(
    ("has_costs", "inputs", "expected"),
    [
        (False, Decimal(20), ()),  # amounts without costs given: no cost per outcome
        (True, Decimal(0), ()),  # inputs of nothing: no ratio
        (True, Decimal(-5), ()),
        (True, Decimal(1), (("LCR-COM-1", Decimal("0.5")), ("LCR-EMP-1", Decimal(1)))),
        (True, Decimal(3), (("LCR-COM-1", Decimal("1.5")), ("LCR-EMP-1", Decimal(3)))),
    ],
)
def test_cost_per_outcome_needs_costs_and_positive_inputs_and_skips_outcomes_of_nothing(
    has_costs, inputs, expected
):
    from socialvalue.rollup import Totals

    totals = Totals(
        has_costs=has_costs,
        inputs=inputs,
        # a quantity of 1 counts; a quantity of 0 is no outcome to divide by
        outcomes=(("LCR-COM-1", Decimal(2)), ("LCR-EMP-1", Decimal(1)), ("LCR-SKL-1", Decimal(0))),
    )
    assert totals.cost_per_outcome() == expected
