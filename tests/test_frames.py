"""value_frame and deliveries_from_frame on pandas, polars, pyarrow and DuckDB."""

import datetime as dt
from decimal import Decimal

import pytest
from helpers import batch_totals, frame_of, group_sums
from hypothesis import assume, given, strategies as st

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


HEADING = {"title": "T", "authority": "A", "period": "2022/23", "generated": dt.date(2026, 1, 1)}


def _with_evidence(deliveries, engine):
    """The deliveries as a frame of ``engine`` with an ``evidence`` column: text of one
    reference a line (polars), or lists (pyarrow)."""
    from helpers import columns_of

    columns = columns_of(deliveries)
    if engine == "pyarrow":
        columns["evidence"] = [list(d.evidence) or None for d in deliveries]
        columns["quantity"] = [Decimal(q) for q in columns["quantity"]]
        return pa.table(columns)
    columns["evidence"] = ["\n".join(d.evidence) or None for d in deliveries]
    return pl.DataFrame(columns, schema_overrides={"unit": pl.String, "role": pl.String})


def test_a_report_from_a_frame_batch_and_its_evidence_is_the_report_of_its_deliveries():
    """build_report(batch=..., evidence=...) takes a frame's batch: the same report, appendix
    evidence included; without ``evidence`` the appendix has none."""
    from socialvalue.report import REPORT_BY, build_report

    deliveries = sv.io.example_deliveries()
    assert any(d.evidence for d in deliveries)
    valued = value_frame(
        _with_evidence(deliveries, "polars"),
        METHODOLOGY,
        by=REPORT_BY,
        unvalued="report",
        evidence=True,
    )
    from_objects = build_report(deliveries, METHODOLOGY, **HEADING)
    from_frame = build_report(
        [], METHODOLOGY, batch=valued.batch, evidence=valued.evidence, **HEADING
    )
    assert from_frame == from_objects
    without = build_report([], METHODOLOGY, batch=valued.batch, **HEADING)
    assert all(entry.evidence == () for entry in without.trace)
    assert without.tables == from_objects.tables
    with pytest.raises(ValueError, match="one entry per group"):
        build_report([], METHODOLOGY, batch=valued.batch, evidence=valued.evidence[1:], **HEADING)
    with pytest.raises(ValueError, match="grouped by"):
        build_report(
            [],
            METHODOLOGY,
            batch=value_frame(frame_of(deliveries, "polars"), METHODOLOGY, unvalued="report").batch,
            **HEADING,
        )
    # A frame without an evidence column: no evidence for any group; without asking, none.
    plain = value_frame(frame_of(deliveries, "polars"), METHODOLOGY, unvalued="report")
    assert plain.evidence == ()
    asked = value_frame(
        frame_of(deliveries, "polars"), METHODOLOGY, unvalued="report", evidence=True
    )
    assert asked.evidence == ((),) * len(asked.batch.groups)


REFERENCES = ["timesheets", "invoice 7", " spaced ", "payroll"]


@st.composite
def reported_batches(draw):
    """Deliveries with evidence, of measures that overlap and one with no value."""
    return [
        sv.Delivery(
            measure=draw(st.sampled_from([*MEASURES, "LCR-COM-3", "LCR-ENV-1"])),
            quantity=Decimal(draw(st.integers(0, 10**6))).scaleb(-draw(st.integers(0, 2))),
            period=draw(st.sampled_from(QUARTERS[:6])),
            role=draw(st.sampled_from([None, "employer", "commissioner"])),
            project=draw(st.sampled_from(["", "Parks", "Depot"])),
            geography=draw(st.sampled_from(["UK", "Liverpool City Region"])),
            evidence=draw(st.lists(st.sampled_from(REFERENCES), max_size=3)),
        )
        for _ in range(draw(st.integers(0, 25)))
    ]


@given(reported_batches(), st.sampled_from(["polars-text", "pyarrow"]))
def test_every_report_from_a_frame_and_its_evidence_is_the_report_of_its_deliveries(
    deliveries, engine
):
    from socialvalue.report import REPORT_BY, build_report

    valued = value_frame(
        _with_evidence(deliveries, engine),
        METHODOLOGY,
        by=REPORT_BY,
        unvalued="report",
        evidence=True,
    )
    assert len(valued.evidence) == len(valued.batch.groups)
    assert build_report(
        [], METHODOLOGY, batch=valued.batch, evidence=valued.evidence, **HEADING
    ) == build_report(deliveries, METHODOLOGY, **HEADING)


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


@pytest.mark.parametrize("policy", ["exclude_second", "warn", "raise"])
def test_overlaps_are_found_on_a_frame_as_value_many_finds_them(policy):
    import warnings

    import attrs

    from socialvalue.methodology import OverlapPolicy

    method = attrs.evolve(METHODOLOGY, overlap_policy=OverlapPolicy(policy))
    deliveries = sv.io.example_deliveries().deliveries
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            objects = sv.value_many(deliveries, method, by=("project",), unvalued="report")
        except sv.exceptions.ValidationError as error:
            objects = error
    with warnings.catch_warnings(record=True) as seen_frame:
        warnings.simplefilter("always")
        try:
            frame = value_frame(
                frame_of(deliveries, "polars"), method, by=("project",), unvalued="report"
            ).batch
        except sv.exceptions.ValidationError as error:
            frame = error
    if policy == "raise":
        assert isinstance(objects, sv.exceptions.ValidationError)
        assert isinstance(frame, sv.exceptions.ValidationError)
        assert [p.message for p in frame.problems] == [p.message for p in objects.problems]
        return
    assert [str(w.message) for w in seen_frame] == [str(w.message) for w in seen]

    def shown(batch):
        return [
            (g.key, g.by, g.quantity, g.overlaps, g.counted, g.reason, g.present_value)
            for g in batch.groups
        ]

    assert shown(frame) == shown(objects)
    assert any(g.overlaps for g in frame.groups)
    assert frame.total_present_value() == objects.total_present_value()


# --- the declared input boundary: value_frame refuses what Delivery refuses ----------------

TOO_LARGE = "is too large (numbers must be less than 10^15 in size)"


def _one_column(quantities, **extra):
    n = len(quantities)
    return {"measure": ["LCR-COM-1"] * n, "quantity": quantities, "period": ["2022/23"] * n} | {
        key: [value] * n for key, value in extra.items()
    }


@pytest.mark.parametrize(
    "native",
    [
        pl.DataFrame(_one_column(["999999999999999", "1000000000000000", "10000000000000000"])),
        pl.DataFrame(_one_column([10**15 - 1, 10**15, 10**16])),
        pl.DataFrame(
            _one_column([Decimal(10**15 - 1), Decimal(10**15), Decimal(10**16)]),
            schema_overrides={"quantity": pl.Decimal(30, 2)},
        ),
        pa.table(_one_column(pa.array([10**15 - 1, 10**15, 2**64 - 1], pa.uint64()))),
        pa.table(_one_column(pa.array([10**15 - 1, 10**15, 10**16], pa.int64()))),
        pd.DataFrame(_one_column([Decimal(10**15 - 1), Decimal("1E+15"), 10**16])),
        # a float at float_places=0 must also be below 10^14 to be read exactly
        pd.DataFrame(_one_column([99999999999999.0, 1e15, 1e16])),
    ],
    ids=[
        "polars-text",
        "polars-int",
        "polars-decimal",
        "pyarrow-uint64",
        "pyarrow-int64",
        "pandas-object",
        "pandas-float",
    ],
)
def test_quantities_of_10_to_the_15_or_more_are_rejected_like_delivery_rejects_them(native):
    result = value_frame(native, METHODOLOGY, float_places=0)
    assert [g.quantity for g in result.batch.groups] in ([10**15 - 1], [10**14 - 1])
    assert [row.row for row in result.rejected] == [1, 2]
    for row in result.rejected:
        assert TOO_LARGE in row.problems[0].message
    with pytest.raises(ValueError, match="too large"):
        sv.Delivery(measure="LCR-COM-1", quantity=10**15, period="2022/23")


def test_a_negative_correction_of_10_to_the_15_is_rejected_as_too_large_not_as_negative():
    native = pl.DataFrame(_one_column(["-1000000000000000", "-999999999999999"], correction=True))
    result = value_frame(native, METHODOLOGY)
    assert [g.quantity for g in result.batch.groups] == [Decimal(-(10**15) + 1)]
    assert TOO_LARGE in result.rejected[0].problems[0].message


def test_text_quantities_follow_the_declared_places_and_length_limits():
    native = pl.DataFrame(
        _one_column(
            [
                "0.00000000000000000001",  # 20 places: accepted, as by Delivery
                "0.000000000000000000001",  # 21 places: refused, as by Delivery
                "00000000000000000000000012",  # leading zeros are not digits that count
                "1" * 101,  # longer than any number read
                "١٢",  # Arabic-Indic digits: refused by every reader
            ]
        )
    )
    result = value_frame(native, METHODOLOGY, by=())
    assert result.batch.groups[0].quantity == Decimal("12.00000000000000000001")
    messages = [row.problems[0].message for row in result.rejected]
    assert "more than 20 decimal places" in messages[0]
    assert "is not a plain decimal number" in messages[1]
    assert "is not a plain decimal number" in messages[2]


def _frame_quantity(draw_kind, number):
    if draw_kind == "text":
        return pl.DataFrame(_one_column([f"{number:f}"], correction=True))
    if draw_kind == "decimal":
        return pl.DataFrame(
            _one_column([number], correction=True),
            schema_overrides={"quantity": pl.Decimal(38, 20)},
        )
    if draw_kind == "pandas":
        return pd.DataFrame(_one_column([number], correction=True))
    if draw_kind == "arrow-int":
        return pa.table(_one_column(pa.array([int(number)], pa.int64()), correction=True))
    return pd.DataFrame(_one_column([float(number)], correction=True))


boundary_numbers = st.one_of(
    st.integers(min_value=-(10**15) - 2, max_value=10**15 + 2).map(Decimal),
    st.sampled_from([10**15 - 1, 10**15, -(10**15), -(10**15) + 1, 10**16]).map(Decimal),
    st.builds(
        lambda n, places: Decimal(n).scaleb(-places),
        st.integers(min_value=-(10**18), max_value=10**18),
        st.integers(min_value=0, max_value=22),
    ),
)


@given(
    number=boundary_numbers,
    kind=st.sampled_from(["text", "decimal", "pandas", "arrow-int", "float"]),
)
def test_value_frame_and_value_many_agree_on_acceptance_at_the_boundary(number, kind):
    if kind == "arrow-int":
        number = number.to_integral_value()
    if kind == "decimal":
        # A polars Decimal(38, 20) column holds magnitudes below 10^18 only (other kinds test
        # larger ones; the boundary is 10^15).
        assume(abs(number) < 10**18)
        if -number.as_tuple().exponent > 20:
            number = number.quantize(Decimal("1E-20"))
    if kind == "float":
        number = number.to_integral_value()  # whole floats, read at float_places=0
    try:
        delivery = sv.Delivery(
            measure="LCR-COM-1", quantity=number, period="2022/23", correction=True
        )
    except ValueError:
        delivery = None
    result = value_frame(_frame_quantity(kind, number), METHODOLOGY, float_places=0)
    digits = len(str(abs(number.scaleb(-number.as_tuple().exponent))).lstrip("0"))
    columnar = digits <= 18 and (kind != "float" or abs(number) < 10**14)
    if delivery is None:
        # Refused by Delivery: refused by value_frame too, for the same reason.
        assert result.batch.groups == ()
        message = result.rejected[0].problems[0].message
        assert "too large" in message or "more than 20 decimal places" in message
    elif result.batch.groups:
        # Whatever value_frame accepts, it values exactly as value_many does.
        exact = sv.value_many([delivery], METHODOLOGY)
        assert [g.quantity for g in result.batch.groups] == [g.quantity for g in exact.groups]
        assert batch_totals(result.batch) == batch_totals(exact)
    else:
        # Accepted by Delivery but not summed in the engine: only beyond the engine's
        # documented exact range (more than 18 significant digits, or a float of 10^14 or
        # more); a decimal column may still sum such a number exactly, which the branch
        # above checks.
        assert not columnar
        assert len(result.rejected) == 1
    # every boundary refusal by Delivery is a refusal by value_frame
    assert (delivery is None) <= (len(result.rejected) == 1)
    with pytest.raises(ValueError, match="too large"):
        sv.Delivery(measure="LCR-COM-1", quantity=10**15, period="2022/23", correction=True)


def test_list_cells_of_a_frame_are_read_as_the_returns_reader_reads_them():
    """One rule for a cell of several references: a line each, kept as written, blank lines
    skipped (``io._cells.split_lines``); it stripped each line here before."""
    from socialvalue._text import split_lines

    cell = "timesheets Q1\r\n\n  invoice 7 \n"
    frame = pl.DataFrame(
        {"measure": ["LCR-COM-1"], "quantity": ["2"], "period": ["2022/23"], "evidence": [cell]}
    )
    [delivery] = deliveries_from_frame(frame).accepted
    assert delivery.evidence == split_lines(cell) == ("timesheets Q1", "  invoice 7 ")


def test_list_cells_with_nulls_or_blank_items_skip_them_as_blank_lines_are_skipped():
    """A list cell's null item became the text 'None' (and a blank item an empty reference):
    items are kept as written, and the null and blank ones skipped, as a text cell's blank
    lines are; value_frame's evidence is the same."""
    frame = pl.DataFrame(
        {
            "measure": ["LCR-COM-1", "LCR-COM-1"],
            "quantity": ["2", "3"],
            "period": ["2022/23", "2022/23"],
            "evidence": [["timesheets", None, "", "  "], [" invoice 7 "]],
            "tags": [[None, "commitment:K1"], None],
        }
    )
    first, second = deliveries_from_frame(frame).accepted
    assert first.evidence == ("timesheets",)
    assert first.tags == ("commitment:K1",)
    assert second.evidence == (" invoice 7 ",)
    valued = value_frame(frame, METHODOLOGY, by=("role", "project"), evidence=True)
    assert valued.evidence == (("timesheets", " invoice 7 "),)


@pytest.mark.parametrize("engine", ["polars", "pandas"])
def test_an_evidence_column_of_numbers_is_refused_in_words_not_a_traceback(engine):
    """An evidence column of integers raised "TypeError: 'int' object is not iterable" from
    deep inside deliveries_from_frame (so `socialvalue report x.parquet` and `import` ended in
    a traceback) and from value_frame(..., evidence=True): the row is rejected, saying what the
    column must hold; value_frame raises saying so."""
    data = {
        "measure": ["LCR-COM-1", "LCR-COM-1"],
        "quantity": ["2", "3"],
        "period": ["2022/23", "2022/23"],
        "evidence": [7, 8],
    }
    frame = pl.DataFrame(data) if engine == "polars" else pd.DataFrame(data)
    read = deliveries_from_frame(frame)
    assert read.accepted == ()
    [problem, *_] = read.rejected[0].problems
    assert problem.location == "row 0, column evidence"
    assert "expected text (one item a line) or a list of text, got 7 (int)" in problem.message
    with pytest.raises(TypeError, match=r"^evidence: expected text .* got 7 \(int\)"):
        value_frame(frame, METHODOLOGY, by=("role", "project"), evidence=True)
    # without evidence=True the column is not read
    assert value_frame(frame, METHODOLOGY).batch.count == 2


def test_evidence_without_a_frame_batch_is_refused_not_put_on_other_groups():
    """build_report(deliveries, evidence=...) without ``batch`` put the given references on
    the groups value_many made of the deliveries, in place of the deliveries' own, whenever
    the counts agreed: evidence is for a frame's batch, and is refused without one."""
    from socialvalue.report import build_report

    deliveries = [
        sv.Delivery(measure="LCR-COM-1", quantity="2", period="2022/23", evidence=["payroll"])
    ]
    with pytest.raises(ValueError, match=r"^evidence: .*batch="):
        build_report(deliveries, METHODOLOGY, evidence=[("forged",)], **HEADING)
