"""value_frame on more than one machine: a Dask LocalCluster and a local Spark session.

Marked ``dask`` and ``spark``: CI runs them; deselect them with -m "not spark and not dask".
"""

import shutil

import pytest
from helpers import arrow_table, batch_totals, columns_of, group_sums

import socialvalue as sv
from socialvalue.frames import value_frame

METHODOLOGY = sv.default_methodology()


def _deliveries():
    deliveries = list(sv.io.example_deliveries())
    # a correction and a second reporter, so the by-groups and signs are exercised
    deliveries.append(
        sv.Delivery(
            measure=deliveries[0].measure,
            quantity="-1.25",
            period=deliveries[0].period,
            role=deliveries[0].role,
            geography=deliveries[0].geography,
            correction=True,
            reporter="Acme",
        )
    )
    return deliveries


@pytest.fixture(scope="module")
def dask_client():
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.fixture(scope="module")
def spark():
    pyspark_sql = pytest.importorskip("pyspark.sql")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("socialvalue-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.mark.dask
@pytest.mark.parametrize("quantities", ["decimal", "text"])
def test_value_frame_on_dask_equals_value_many(dask_client, quantities):
    import dask.dataframe as dd
    import pandas as pd

    deliveries = _deliveries()
    if quantities == "decimal":
        native = arrow_table(deliveries).to_pandas(types_mapper=pd.ArrowDtype)
    else:
        native = pd.DataFrame(columns_of(deliveries)).astype({"quantity": "string[pyarrow]"})
    distributed_frame = dd.from_pandas(native, npartitions=2)
    assert len(dask_client.ncores()) == 2
    exact = sv.value_many(deliveries, METHODOLOGY, by=("role", "correction"), unvalued="report")
    result = value_frame(
        distributed_frame, METHODOLOGY, by=("role", "correction"), unvalued="report"
    )
    assert result.ok
    assert batch_totals(result.batch) == batch_totals(exact)
    assert group_sums(result.batch) == group_sums(exact)


@pytest.mark.dask
@pytest.mark.usefixtures("dask_client")
def test_bad_rows_on_dask_come_back_with_reasons():
    import dask.dataframe as dd
    import pandas as pd

    native = pd.DataFrame(
        {
            "measure": ["LCR-COM-1", "NOPE", "LCR-COM-1", "LCR-COM-1"],
            "quantity": ["10", "1", "abc", "2"],
            "period": ["2022/23"] * 4,
            "n": [0, 1, 2, 3],
        }
    ).astype(
        {"quantity": "string[pyarrow]", "measure": "string[pyarrow]", "period": "string[pyarrow]"}
    )
    result = value_frame(dd.from_pandas(native, npartitions=2), METHODOLOGY, index="n")
    assert result.batch.count == 2
    assert [(row.row, row.problems[0].location) for row in result.rejected] == [
        (1, "row 1, column measure"),
        (2, "row 2, column quantity"),
    ]


@pytest.mark.spark
@pytest.mark.parametrize("quantities", ["decimal", "text"])
def test_value_frame_on_spark_equals_value_many(spark, quantities):
    from pyspark.sql import types

    deliveries = _deliveries()
    data = columns_of(deliveries)
    names = list(data)
    rows = list(zip(*(data[name] for name in names), strict=True))
    fields = [
        types.StructField(name, types.BooleanType() if name == "correction" else types.StringType())
        for name in names
    ]
    native = spark.createDataFrame(rows, types.StructType(fields))
    if quantities == "decimal":
        native = native.withColumn("quantity", native["quantity"].cast(types.DecimalType(38, 6)))
    exact = sv.value_many(deliveries, METHODOLOGY, by=("role", "correction"), unvalued="report")
    result = value_frame(native, METHODOLOGY, by=("role", "correction"), unvalued="report")
    assert result.ok
    assert batch_totals(result.batch) == batch_totals(exact)
    assert group_sums(result.batch) == group_sums(exact)


@pytest.mark.spark
def test_bad_rows_on_spark_come_back_with_reasons(spark):
    native = spark.createDataFrame(
        [("LCR-COM-1", "10", "2022/23", 0), ("LCR-COM-1", "-3", "2022/23", 1)],
        "measure string, quantity string, period string, n long",
    )
    result = value_frame(native, METHODOLOGY, index="n")
    assert result.batch.count == 1
    assert [str(p) for row in result.rejected for p in row.problems] == [
        "row 1, column quantity: -3 is negative; only a delivery marked as a correction may be negative"
    ]
