from decimal import Decimal

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
