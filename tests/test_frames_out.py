"""DataFrames out (exact decimal money columns) and deliveries files in through read_deliveries."""

import datetime as dt
import decimal
from decimal import Decimal
from pathlib import Path

import pytest

import socialvalue as sv
from socialvalue.frames import (
    read_deliveries,
    to_arrow,
    to_pandas,
    to_polars,
    to_records,
    value_frame,
)

pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

METHODOLOGY = sv.default_methodology()
RETURNS = Path(__file__).parent / "data" / "returns"


def exact_sum(values):
    """Sum decimals exactly (the default context keeps only 28 digits)."""
    with decimal.localcontext(decimal.Context(prec=200)):
        return sum((v for v in values if v is not None), Decimal(0))


@pytest.fixture(scope="module")
def batch():
    return sv.value_many(sv.io.example_deliveries(), METHODOLOGY, by=("role",), unvalued="report")


def test_batch_records_keep_exact_decimals(batch):
    records = to_records(batch)
    assert len(records) == len(batch.groups)
    # The totals count what is delivered, once, without transfers (#13): the counted records.
    assert exact_sum(r["gross"] for r in records if r["counted"]) == batch.total_gross().amount
    assert {r["role"] for r in records} == {g.by[0] for g in batch.groups}


@pytest.mark.parametrize("convert", [to_arrow, to_polars, to_pandas])
def test_tables_sum_to_the_exact_total_when_amounts_fit(convert):
    small = sv.value_many(
        [
            sv.Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2"),
            sv.Delivery(measure="LCR-COM-1", quantity="3", period="2022/23"),
        ],
        METHODOLOGY,
    )
    table = convert(small)
    gross = table["gross"]
    values = gross.to_pylist() if hasattr(gross, "to_pylist") else gross.to_list()
    assert exact_sum(values) == small.total_gross().amount


@pytest.fixture(scope="module")
def wide():
    """A batch whose exact amounts need more than 38 digits."""
    deliveries = [
        sv.Delivery(measure="LCR-ENV-2", quantity="123456789.125", period="2024/25 Q2"),
        sv.Delivery(measure="LCR-COM-1", quantity="3", period="2022/23"),
    ]
    return sv.value_many(deliveries, METHODOLOGY)


def test_polars_refuses_amounts_wider_than_its_decimals_and_rounds_when_asked(wide):
    batch = wide
    with pytest.raises(ValueError, match="pass places=N"):
        to_polars(batch)
    table = to_polars(batch, places=2)
    assert table.schema["gross"] == pl.Decimal(table.schema["gross"].precision, 2)
    assert exact_sum(table["gross"].to_list()) == exact_sum(
        g.gross.quantize(2).amount for g in batch.groups if g.gross is not None
    )


def test_arrow_keeps_wide_amounts_exact_in_decimal256(wide):
    batch = wide
    table = to_arrow(batch)
    assert table.schema.field("gross").type.precision > 38
    assert exact_sum(table["gross"].to_pylist()) == batch.total_gross().amount


def test_floats_only_when_asked_and_with_the_rounding_named(batch):
    with pytest.raises(ValueError, match="floats=True needs places=N"):
        to_pandas(batch, floats=True)
    table = to_pandas(batch, places=2, rounding=sv.money.RoundingMode.HALF_EVEN, floats=True)
    first = next(g for g in batch.groups if g.gross is not None)
    assert table["gross"].iloc[batch.groups.index(first)] == float(
        first.gross.quantize(2, sv.money.RoundingMode.HALF_EVEN).amount
    )
    assert str(to_pandas(batch, places=2)["gross"].dtype).startswith("decimal128")


def test_rollup_and_frame_valuation_tables(batch):
    rollup = sv.Rollup.from_batch(batch, METHODOLOGY.framework, ("theme", "measure"))
    table = to_polars(rollup, places=2)
    assert table.columns[:2] == ["theme", "measure"]
    assert len(table) == len(rollup.rows)
    records = to_records(rollup)
    assert exact_sum(r["net"] for r in records) == rollup.total().net
    assert all(r["quantity"] is not None for r in records)
    native = pl.DataFrame(
        {"measure": ["LCR-COM-1", "NOPE"], "quantity": ["2", "1"], "period": ["2022/23"] * 2}
    )
    result = value_frame(native, METHODOLOGY)
    assert to_records(result)[0]["quantity"] == Decimal(2)
    assert to_records(result, part="rejected") == [
        {
            "row": 1,
            "measure": "NOPE",
            "quantity": "1",
            "period": "2022/23",
            "problems": to_records(result, part="rejected")[0]["problems"],
        }
    ]
    assert to_records(result, part="rejected")[0]["problems"].startswith(
        "row 1, column measure: unknown measure"
    )


def test_tracking_results():
    commitments = sv.io.shipped_commitments()
    progress, _ = sv.track(
        commitments.commitments, (), sv.io.example_deliveries(), on=dt.date(2024, 3, 31)
    )
    records = to_records(progress)
    assert [r["commitment"] for r in records] == [p.commitment.id for p in progress]
    assert {r["rag"] for r in records} <= {rag.value for rag in sv.tracking.Rag}
    table = to_arrow(progress)
    assert table.num_rows == len(progress)


def test_import_results_accepted_and_rejected():
    result = sv.read_returns(RETURNS / "not_a_number.csv", framework=METHODOLOGY.framework)
    rejected = to_pandas(result, part="rejected")
    assert len(rejected) == len(result.rejected)
    assert list(rejected.columns) == ["row", "measure", "quantity", "period", "problems"]
    good = sv.read_returns(RETURNS / "good.csv", framework=METHODOLOGY.framework)
    accepted = to_polars(good)
    assert accepted.equals(good.to_polars())
    assert good.to_records() == to_records(good)
    assert good.to_arrow(part="rejected").num_rows == 0
    assert len(result.to_pandas(part="rejected")) == len(result.rejected)
    assert accepted["quantity"].to_list() == [d.quantity for d in good.accepted]
    assert accepted["row"].to_list() == list(good.accepted_rows)


def test_unvalued_groups_and_bad_input(batch):
    assert [r["reason"] for r in to_records(batch.unvalued)] == [g.reason for g in batch.unvalued]
    with pytest.raises(TypeError, match="expected a valuation batch"):
        to_records(42)
    with pytest.raises(ValueError, match="part"):
        to_records(batch, part="both")


@pytest.mark.parametrize(
    "name",
    [
        "negative.csv",
        "not_a_number.csv",
        "unknown_measure.csv",
        "bad_period.csv",
        "wrong_unit.csv",
        "unknown_role.csv",
        "required.csv",
    ],
)
def test_read_deliveries_rejects_the_rows_read_returns_rejects(name):
    path = RETURNS / name
    today = sv.read_returns(path, framework=METHODOLOGY.framework)
    result = value_frame(read_deliveries(path), METHODOLOGY, index="row", unvalued="report")
    assert [row.row for row in result.rejected] == [row.row for row in today.rejected]
    assert result.batch.count == len(today.accepted)


@pytest.mark.parametrize("lazy", [False, True])
def test_parquet_and_csv_give_the_same_totals(tmp_path, lazy):
    deliveries = sv.io.example_deliveries()
    exact = sv.value_many(deliveries, METHODOLOGY, unvalued="report")
    frame = pl.DataFrame(
        {
            "Measure code": [d.measure for d in deliveries],
            "Qty": [str(d.quantity) for d in deliveries],
            "period": [d.period.label for d in deliveries],
            "geography": [d.geography for d in deliveries],
            "problems": [""] * len(deliveries),
        }
    )
    frame.write_csv(tmp_path / "d.csv")
    frame.with_columns(pl.col("Qty").cast(pl.Decimal(20, 6))).write_parquet(tmp_path / "d.parquet")
    for path in (tmp_path / "d.csv", tmp_path / "d.parquet"):
        read = read_deliveries(path, lazy=lazy)
        result = value_frame(read, METHODOLOGY, index="row", unvalued="report")
        assert result.ok
        assert result.batch.total_present_value() == exact.total_present_value()
        assert result.batch.count == exact.count


def test_read_deliveries_refuses_what_it_cannot_read(tmp_path):
    with pytest.raises(sv.DataFileError, match="no such file"):
        read_deliveries(tmp_path / "missing.csv")
    (tmp_path / "d.xlsx").write_bytes(b"")
    with pytest.raises(sv.DataFileError, match=r"expected \.csv or \.parquet"):
        read_deliveries(tmp_path / "d.xlsx")
    (tmp_path / "bad.csv").write_text("measure,quantity,colour\nLCR-COM-1,1,red\n")
    with pytest.raises(sv.DataFileError, match="unknown column"):
        read_deliveries(tmp_path / "bad.csv")
