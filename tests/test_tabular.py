"""socialvalue.tabular: records to Arrow, polars and pandas, exact, for every result type (#16)."""

import datetime as dt
import decimal
from decimal import Decimal

import pytest

import socialvalue as sv
from socialvalue import tabular
from socialvalue.money import RoundingMode

pa = pytest.importorskip("pyarrow")
pl = pytest.importorskip("polars")
pd = pytest.importorskip("pandas")

METHODOLOGY = sv.default_methodology()


def test_records_become_exact_decimal_columns():
    records = [
        {"name": "a", "gross": Decimal("1.005"), "quantity": Decimal("2.5")},
        {"name": "b", "gross": None, "quantity": Decimal(3)},
    ]
    table = tabular.to_arrow(records, money=["gross"], decimals=["quantity"])
    assert table.schema.field("gross").type == pa.decimal128(4, 3)
    assert table["quantity"].to_pylist() == [Decimal("2.5"), Decimal("3.0")]
    rounded = tabular.to_arrow(records, money=["gross"], places=2)
    assert rounded["gross"].to_pylist() == [Decimal("1.01"), None]
    even = tabular.to_arrow(records, money=["gross"], places=2, rounding=RoundingMode.HALF_EVEN)
    assert even["gross"].to_pylist() == [Decimal("1.00"), None]
    assert even["quantity"].to_pylist() == [Decimal("2.5"), Decimal("3.0")]  # never rounded


def test_an_empty_exact_column_is_still_decimal_and_floats_need_places():
    table = tabular.to_arrow([{"net": None}], money=["net"])
    assert pa.types.is_decimal(table.schema.field("net").type)
    with pytest.raises(ValueError, match="floats=True needs places"):
        tabular.to_pandas([{"net": Decimal(1)}], money=["net"], floats=True)
    floats = tabular.to_pandas([{"net": Decimal("1.234")}], money=["net"], places=2, floats=True)
    assert floats["net"].tolist() == [1.23]


def test_wide_amounts_stay_exact_in_arrow_and_polars_says_so():
    wide = [{"gross": Decimal("1." + "1" * 40)}]
    assert pa.types.is_decimal256(tabular.to_arrow(wide, money=["gross"]).schema[0].type)
    with pytest.raises(ValueError, match="more than polars decimals hold"):
        tabular.to_polars(wide, money=["gross"])
    assert tabular.to_polars(wide, money=["gross"], places=2)["gross"].to_list() == [
        Decimal("1.11")
    ]


def test_every_result_type_is_tabular_and_its_methods_agree():
    deliveries = sv.io.example_deliveries()
    batch = sv.value_many(deliveries, METHODOLOGY, unvalued="report")
    rollup = sv.Rollup.from_batch(batch, METHODOLOGY.framework, ("theme",))
    commitments = sv.io.shipped_commitments()
    progress, _ = sv.tracking.track(
        commitments.commitments, commitments.updates, deliveries, on=dt.date(2023, 3, 31)
    )
    for result in (batch, rollup, progress[0]):
        assert isinstance(result, tabular.Tabular)
        records = result.to_records()
        assert result.to_arrow().to_pylist() == records
        assert result.to_polars().height == len(records)
        assert len(result.to_pandas()) == len(records)
    present = [
        r["present_value"]
        for r in batch.to_records()
        if r["present_value"] is not None and r["counted"]  # in the totals (#13)
    ]
    with decimal.localcontext(prec=200):  # exact sums, as the library's own context
        assert sum(present) == batch.total_present_value().amount
        assert sum(r["gross"] for r in rollup.to_records()) == rollup.total().gross
    assert progress[0].to_records()[0]["commitment"] == progress[0].commitment.id
