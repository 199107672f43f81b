"""value_frame and deliveries_from_frame on pandas, polars, pyarrow and DuckDB."""

import datetime as dt
from decimal import Decimal

import pytest
from helpers import batch_totals, frame_of, group_sums
from hypothesis import given, strategies as st

import socialvalue as sv
from socialvalue.frames import deliveries_from_frame, value_frame

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

METHODOLOGY = sv.default_methodology()
ENGINES = ("polars", "polars-text", "polars-lazy", "pyarrow", "pandas", "duckdb")
QUARTERS = [q.label for year in (2022, 2023, 2024) for q in sv.FinancialYear(year).quarters()]


def test_shipped_example_on_every_engine_equals_value_many():
    deliveries = sv.io.example_deliveries()
    exact = sv.value_many(deliveries, METHODOLOGY, by=("role",), unvalued="report")
    for engine in ENGINES:
        result = value_frame(
            frame_of(deliveries, engine), METHODOLOGY, by=("role",), unvalued="report"
        )
        assert result.rejected == (), engine
        assert batch_totals(result.batch) == batch_totals(exact), engine
        assert group_sums(result.batch) == group_sums(exact), engine


def test_the_batch_rolls_up_as_value_many_s_does():
    deliveries = sv.io.example_deliveries()
    result = value_frame(
        frame_of(deliveries, "polars"), METHODOLOGY, by=("role",), unvalued="report"
    )
    ours = sv.Rollup.from_batch(result.batch, METHODOLOGY.framework, ("theme", "role"))
    theirs = sv.Rollup.of(deliveries, METHODOLOGY, ("theme", "role"), unvalued="report")
    assert ours.rows == theirs.rows


def test_equal_periods_written_differently_are_one_group():
    native = pl.DataFrame(
        {
            "measure": ["LCR-COM-1", "LCR-COM-1"],
            "quantity": ["10", "2.5"],
            "period": ["2022/23 Q3", "Q3 2022-23"],
        }
    )
    result = value_frame(native, METHODOLOGY)
    assert [(g.quantity, g.count) for g in result.batch.groups] == [(Decimal("12.5"), 2)]


BAD_ROWS = {
    "measure": ["LCR-COM-1", "NOPE", "LCR-COM-1", "LCR-COM-1", "LCR-COM-1", "LCR-COM-1", None],
    "quantity": ["10", "1", "abc", "-4", "5", "5", "1"],
    "period": ["2022/23 Q3", "2022/23", "2022/23", "2022/23", "2022/24", "2022/23", "2022/23"],
    "unit": [None, None, None, None, None, "tonne", None],
}


@pytest.mark.parametrize("engine", ["polars", "pandas", "pyarrow"])
def test_bad_rows_come_back_whole_with_their_reasons(engine):
    native = pl.DataFrame(BAD_ROWS, schema_overrides={"unit": pl.String})
    if engine == "pandas":
        native = native.to_pandas(use_pyarrow_extension_array=True)
    elif engine == "pyarrow":
        native = native.to_arrow()
    result = value_frame(native, METHODOLOGY)
    assert result.rows == 7
    assert result.batch.count + len(result.rejected) == result.rows
    assert result.batch.count == 1
    found = {row.row: [str(p) for p in row.problems] for row in result.rejected}
    assert found[1] == [
        "row 1, column measure: unknown measure 'NOPE'; " + found[1][0].split("; ", 1)[1]
    ]
    assert found[2] == [
        "row 2, column quantity: 'abc' is not a plain decimal number (such as 1250 or 12.5)"
    ]
    assert found[3] == [
        "row 3, column quantity: -4 is negative; only a delivery marked as a correction may be negative"
    ]
    assert found[4][0].startswith("row 4, column period: cannot read '2022/24' as a period")
    assert found[5] == [
        "row 5, column unit: LCR-COM-1 is counted in 'hour', not 'tonne'; quantities are never converted between units"
    ]
    assert found[6] == ["row 6, column measure: a value is required"]
    assert result.rejected[0].cells == ("NOPE", "1", "2022/23", "")
    assert result.rejected[0].columns == ("measure", "quantity", "period", "unit")


def test_a_negative_correction_is_accepted():
    native = pl.DataFrame(
        {
            "measure": ["LCR-COM-1", "LCR-COM-1"],
            "quantity": ["10", "-4"],
            "period": ["2022/23", "2022/23"],
            "correction": [False, True],
        }
    )
    result = value_frame(native, METHODOLOGY, by=("correction",))
    assert result.ok
    assert {g.by: g.quantity for g in result.batch.groups} == {
        (False,): Decimal(10),
        (True,): Decimal(-4),
    }


def test_floats_are_refused_without_a_places_policy():
    native = pd.DataFrame(
        {"measure": ["LCR-COM-1"] * 2, "quantity": [12.5, 0.1], "period": ["2022/23"] * 2}
    )
    refused = value_frame(native, METHODOLOGY)
    assert refused.batch.count == 0
    assert [p.message.split(";")[0] for r in refused.rejected for p in r.problems] == [
        "got the float 12.5",
        "got the float 0.1",
    ]
    read = value_frame(native, METHODOLOGY, float_places=2)
    assert read.ok
    assert read.batch.groups[0].quantity == Decimal("12.6")


def test_a_float_with_more_places_than_the_policy_is_rejected_not_rounded():
    native = pl.DataFrame(
        {"measure": ["LCR-COM-1"] * 2, "quantity": [1.25, 0.125], "period": ["2022/23"] * 2}
    )
    result = value_frame(native, METHODOLOGY, float_places=2)
    assert result.batch.groups[0].quantity == Decimal("1.25")
    assert result.rejected[0].problems[0].message.startswith("the float 0.125 has more than 2")


def test_integer_and_decimal_quantities():
    native = pl.DataFrame(
        {"measure": ["LCR-COM-1"] * 2, "quantity": [3, 4], "period": ["2022/23"] * 2}
    )
    assert value_frame(native, METHODOLOGY).batch.groups[0].quantity == 7
    decimals = native.with_columns(pl.col("quantity").cast(pl.Decimal(10, 2)))
    assert value_frame(decimals, METHODOLOGY).batch.groups[0].quantity == 7


def test_text_quantities_with_too_many_digits_are_rejected():
    native = pl.DataFrame(
        {
            "measure": ["LCR-COM-1"] * 2,
            "quantity": ["1234567890.123456789", "999999999.999999999"],
            "period": ["2022/23"] * 2,
        }
    )
    result = value_frame(native, METHODOLOGY)
    assert result.batch.groups[0].quantity == Decimal("999999999.999999999")
    assert "more than 18 digits" in result.rejected[0].problems[0].message


def test_columns_named_otherwise_and_an_index():
    native = pl.DataFrame(
        {
            "code": ["LCR-COM-1", "LCR-COM-1"],
            "qty": ["2", "x"],
            "when": ["2022/23"] * 2,
            "n": [41, 42],
        }
    )
    result = value_frame(
        native.lazy(),
        METHODOLOGY,
        columns={"measure": "code", "quantity": "qty", "period": "when"},
        index="n",
    )
    assert result.batch.groups[0].quantity == Decimal(2)
    assert [row.row for row in result.rejected] == [42]
    with pytest.raises(sv.ValidationError, match="row 41"):
        value_frame(
            native.with_columns(pl.lit("1990/91").alias("when")).lazy(),
            METHODOLOGY,
            columns={"measure": "code", "quantity": "qty", "period": "when"},
            index="n",
        )


@pytest.mark.parametrize("engine", ["polars", "polars-lazy", "pyarrow", "pandas", "duckdb"])
def test_frame_groups_carry_no_members(engine):
    """The engine brings back sums, not row numbers: members is empty and first is None (#16)."""
    deliveries = sv.io.example_deliveries()
    result = value_frame(frame_of(deliveries, engine), METHODOLOGY, unvalued="report")
    exact = sv.value_many(deliveries, METHODOLOGY, unvalued="report")
    assert result.batch.groups
    for group in (*result.batch.groups, *result.batch.unvalued):
        assert group.members == ()
        assert group.first is None
    for group in (*exact.groups, *exact.unvalued):
        assert group.members
        assert group.first == group.members[0]
    assert sum(g.count for g in result.batch.groups) == sum(len(g.members) for g in exact.groups)
    # everything downstream of a batch takes one from a frame unchanged
    by = ("theme", "period")
    framework = METHODOLOGY.framework
    assert (
        sv.Rollup.from_batch(result.batch, framework, by).rows
        == sv.Rollup.from_batch(exact, framework, by).rows
    )
    assert [r["first"] for r in result.batch.to_records()] == [None] * len(result.batch.groups)
    assert len(result.batch.to_arrow()) == len(result.batch.groups)


def test_unvalued_groups_raise_or_are_reported():
    native = pl.DataFrame({"measure": ["LCR-COM-1"], "quantity": ["2"], "period": ["1990/91"]})
    with pytest.raises(sv.ValidationError, match="row 0"):
        value_frame(native, METHODOLOGY)
    reported = value_frame(native, METHODOLOGY, unvalued="report")
    assert [g.quantity for g in reported.batch.unvalued] == [Decimal(2)]


def test_bad_arguments():
    native = pl.DataFrame({"measure": ["LCR-COM-1"], "quantity": ["2"]})
    with pytest.raises(ValueError, match="no 'period' column"):
        value_frame(native, METHODOLOGY)
    with pytest.raises(ValueError, match="cannot group by theme"):
        value_frame(native, METHODOLOGY, by=("theme",))
    with pytest.raises(TypeError, match="expected a DataFrame"):
        value_frame([1, 2], METHODOLOGY)
    with pytest.raises(TypeError, match="cannot be read exactly"):
        value_frame(
            native.with_columns(quantity=pl.lit(dt.date(2022, 1, 1)), period=pl.lit("2022/23")),
            METHODOLOGY,
        )


def test_deliveries_from_frame():
    native = pl.DataFrame(
        {
            "measure": ["LCR-COM-1", "NOPE", "LCR-COM-1"],
            "quantity": ["12.50", "1", "x"],
            "period": ["2022/23 Q3", "2022/23", "2022/23"],
            "role": ["commissioner", None, None],
            "tags": ["a", "b", "c"],
        }
    )
    result = deliveries_from_frame(native, METHODOLOGY)
    assert result.accepted == (
        sv.Delivery(
            measure="LCR-COM-1",
            quantity="12.50",
            period="2022/23 Q3",
            role="commissioner",
            tags=["a"],
        ),
    )
    assert result.accepted_rows == (0,)
    assert [row.row for row in result.rejected] == [1, 2]
    assert result.rows == 3
    assert "unknown measure 'NOPE'" in str(result.rejected[0].problems[0])


def test_deliveries_from_frame_refuses_floats_unless_told_the_places():
    native = pd.DataFrame({"measure": ["LCR-COM-1"], "quantity": [12.34], "period": ["2022/23"]})
    assert deliveries_from_frame(native).accepted == ()
    assert deliveries_from_frame(native, float_places=2).accepted[0].quantity == Decimal("12.34")


MEASURES = ["LCR-COM-1", "LCR-EMP-1", "LCR-ENV-2", "LCR-SKL-7", "LCR-EMP-3", "LCR-DIG-1"]


@st.composite
def delivery_batches(draw):
    count = draw(st.integers(0, 30))
    deliveries = []
    for _ in range(count):
        correction = draw(st.booleans())
        places = draw(st.integers(0, 4))
        quantity = Decimal(draw(st.integers(-(10**9) if correction else 0, 10**9))).scaleb(-places)
        deliveries.append(
            sv.Delivery(
                measure=draw(st.sampled_from(MEASURES)),
                quantity=quantity,
                period=draw(st.sampled_from(QUARTERS)),
                role=draw(st.sampled_from([None, "employer", "commissioner"])),
                reporter=draw(st.sampled_from(["", "Acme", "Beta"])),
                geography=draw(st.sampled_from(["UK", "Liverpool City Region"])),
                correction=correction,
            )
        )
    by = draw(
        st.lists(st.sampled_from(["reporter", "role", "correction", "geography"]), unique=True)
    )
    return deliveries, tuple(by)


@given(delivery_batches(), st.sampled_from(["polars", "polars-text", "pandas", "pyarrow"]))
def test_value_frame_totals_equal_value_many_s(batch, engine):
    deliveries, by = batch
    exact = sv.value_many(deliveries, METHODOLOGY, by=by, unvalued="report")
    result = value_frame(frame_of(deliveries, engine), METHODOLOGY, by=by, unvalued="report")
    assert result.ok
    assert result.rows == len(deliveries)
    assert batch_totals(result.batch) == batch_totals(exact)
    assert group_sums(result.batch) == group_sums(exact)


def test_pandas_object_columns_of_decimals_are_read_exactly_and_floats_in_them_refused():
    native = pd.DataFrame(
        {
            "measure": ["LCR-COM-1"] * 4,
            "quantity": [Decimal("1.25"), 3, Decimal("1E+2"), 0.5],
            "period": ["2022/23"] * 4,
        }
    )
    assert native["quantity"].dtype == object
    result = value_frame(native, METHODOLOGY)
    assert result.batch.groups[0].quantity == Decimal("104.25")
    assert [str(p) for r in result.rejected for p in r.problems] == [
        "row 3, column quantity: got the float 0.5; floats are inexact, so give the column as decimals or text"
    ]


def test_a_report_from_a_frame_batch_has_the_same_figures_and_no_member_evidence():
    """build_report(batch=...) takes a frame's batch: figures equal, appendix without evidence."""
    from socialvalue.report import build_report

    deliveries = sv.io.example_deliveries()
    batch = value_frame(
        frame_of(deliveries, "polars"), METHODOLOGY, by=("role", "project"), unvalued="report"
    ).batch
    heading = {
        "title": "T",
        "authority": "A",
        "period": "2022/23",
        "generated": dt.date(2026, 1, 1),
    }
    from_objects = build_report(deliveries, METHODOLOGY, **heading)
    from_frame = build_report([], METHODOLOGY, batch=batch, **heading)
    assert from_frame.headlines == from_objects.headlines
    # A frame's engine brings back sums, not rows, so overlaps between rows are not detected
    # there (#13): the objects' report lists them as excluded; every other table is equal.
    assert [t for t in from_frame.tables if t.name != "excluded"] == [
        t for t in from_objects.tables if t.name != "excluded"
    ]
    # (the objects' reasons may add "it also overlaps …"; the amounts and kinds are the same)
    frame_rows = from_frame.table("excluded").rows
    object_rows = from_objects.table("excluded").rows
    overlapping = ("overlap", "possible overlap")
    assert [row[:6] for row in frame_rows if row[5] not in overlapping] == [
        row[:6] for row in object_rows if row[5] not in overlapping
    ]
    # The frame still lists the pair it could not de-duplicate, as a possible overlap.
    possible = {row[:2] for row in frame_rows if row[5] == "possible overlap"}
    assert {row[:2] for row in object_rows if row[5] in overlapping} <= possible
    # Its reason claims nothing false: the pair shares a project here, and the reason said
    # "not in the same project, contract, period".
    in_scope = {row[:2] for row in object_rows if row[5] == "overlap"}
    assert in_scope
    for row in frame_rows:
        if row[5] == "possible overlap" and row[:2] in in_scope:
            assert "not in the same" not in row[6]
            assert "delivered in an overlapping period; not de-duplicated" in row[6]
    assert from_frame.notes == from_objects.notes
    assert len(from_frame.trace) == len(from_objects.trace)
    for ours, theirs in zip(from_frame.trace, from_objects.trace, strict=True):
        assert ours.projects == theirs.projects
        assert ours.evidence == ()
        assert (ours.measure, ours.quantity, ours.present_value) == (
            theirs.measure,
            theirs.quantity,
            theirs.present_value,
        )
    with pytest.raises(ValueError, match="grouped by"):
        build_report(
            [],
            METHODOLOGY,
            batch=value_frame(frame_of(deliveries, "polars"), METHODOLOGY, unvalued="report").batch,
            **heading,
        )


@pytest.mark.parametrize("float_places", [None, 2])
def test_a_polars_nan_quantity_is_rejected_as_nan_not_as_the_float_none(float_places):
    # A polars NaN is a value, not a null, but its cell read back as None: the row was
    # rejected with "got the float None" / "None is not a finite number".
    frame = pl.DataFrame(
        {"measure": ["LCR-COM-1"], "quantity": [float("nan")], "period": ["2022/23"]}
    )
    result = value_frame(frame, sv.default_methodology(), float_places=float_places)
    [row] = result.rejected
    [problem] = row.problems
    assert "None" not in problem.message
    assert problem.message.startswith("got the float nan" if float_places is None else "nan is")
