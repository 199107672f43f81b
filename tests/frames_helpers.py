"""Deliveries as frames, for the frames tests (one place that builds them for every engine)."""

from collections.abc import Sequence
from decimal import Decimal

from socialvalue import Delivery

COLUMNS = (
    "measure",
    "quantity",
    "unit",
    "period",
    "reporter",
    "project",
    "contract",
    "role",
    "geography",
    "correction",
)


def columns_of(deliveries: Sequence[Delivery]) -> dict[str, list[object]]:
    """The deliveries as columns; quantities as decimal text."""
    return {
        "measure": [d.measure for d in deliveries],
        "quantity": [str(d.quantity) for d in deliveries],
        "unit": [d.unit for d in deliveries],
        "period": [d.period.label for d in deliveries],
        "reporter": [d.reporter for d in deliveries],
        "project": [d.project for d in deliveries],
        "contract": [d.contract for d in deliveries],
        "role": [d.role for d in deliveries],
        "geography": [d.geography for d in deliveries],
        "correction": [d.correction for d in deliveries],
    }


def arrow_table(deliveries: Sequence[Delivery], *, scale: int = 6):
    """A pyarrow table with the quantity as an Arrow decimal."""
    import pyarrow as pa

    data = columns_of(deliveries)
    quantities = [Decimal(q) for q in data.pop("quantity")]  # type: ignore[arg-type]
    types = {name: pa.string() for name in data}
    types["correction"] = pa.bool_()
    table = {name: pa.array(values, type=types[name]) for name, values in data.items()}
    table["quantity"] = pa.array(quantities, type=pa.decimal128(38, scale))
    return pa.table(table)


def frame(deliveries: Sequence[Delivery], engine: str):
    """The deliveries as a native frame of ``engine``."""
    import pandas as pd
    import polars as pl

    table = arrow_table(deliveries)
    if engine == "polars-text":
        return pl.DataFrame(
            columns_of(deliveries), schema_overrides={"unit": pl.String, "role": pl.String}
        )
    if engine == "polars":
        return pl.from_arrow(table)
    if engine == "polars-lazy":
        return pl.from_arrow(table).lazy()
    if engine == "pyarrow":
        return table
    if engine == "pandas":
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if engine == "duckdb":
        import duckdb

        return duckdb.from_arrow(table)
    raise ValueError(engine)


def totals(batch) -> tuple[Decimal, Decimal, Decimal, int]:
    """Gross, net and present-value totals and the count of a batch."""
    return (
        batch.total_gross().amount,
        batch.total_net().amount,
        batch.total_present_value().amount,
        batch.count,
    )


def groups(batch) -> set[tuple[object, ...]]:
    """Each group's key, ``by`` values, quantity and count (order aside)."""
    return {(g.key, g.by, g.quantity, g.count) for g in batch.groups} | {
        ("unvalued", g.key, g.by, g.quantity, g.count) for g in batch.unvalued
    }
