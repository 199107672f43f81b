"""Results as tables: records to Arrow, polars and pandas, with exact decimal money columns.

A core module that knows no result type: it takes plain records (a ``dict`` per row) and says
which columns are money and which are other exact decimals. Each result type —
:class:`~socialvalue.ValuationBatch`, :class:`~socialvalue.Rollup`, the tracking results, the
import results — builds its own records (``to_records()``) and inherits ``to_arrow()``,
``to_polars()`` and ``to_pandas()`` from :class:`Tabular`, which call the functions here.

Money and quantities stay exact: Arrow ``decimal128`` (``decimal256`` when an exact amount
needs more than 38 digits), polars ``Decimal``, pandas columns of ``pd.ArrowDtype`` decimals.
Amounts are unrounded unless ``places`` is given, with its ``rounding`` mode; floats only with
``floats=True``, and then only of amounts rounded to ``places`` with the rounding named.
pyarrow, polars and pandas are loaded on first use (the ``frames`` extra).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from decimal import Decimal
from typing import Any, ClassVar

from socialvalue._decimal import calculation_context
from socialvalue._extras import require
from socialvalue.money import RoundingMode

__all__ = ["Record", "Tabular", "to_arrow", "to_pandas", "to_polars"]

#: One row of a table: column name → value (money and quantities as exact ``Decimal``).
Record = dict[str, object]

_MAX_ARROW_DIGITS = 76
_MAX_POLARS_DIGITS = 38


def _digits(values: Sequence[Decimal]) -> tuple[int, int]:
    """Precision and scale that hold every value exactly."""
    scale = 0
    whole = 1
    for value in values:
        _, digits, exponent = value.as_tuple()
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        integer = len(digits) + (exponent if isinstance(exponent, int) else 0)
        scale = max(scale, places)
        whole = max(whole, integer)
    return whole + scale, scale


def _rounded(
    records: Sequence[Mapping[str, object]],
    money: Collection[str],
    places: int | None,
    rounding: RoundingMode,
    *,
    floats: bool,
) -> Sequence[Mapping[str, object]]:
    if floats and places is None:
        raise ValueError(
            "floats=True needs places=N: amounts are rounded to N places with the rounding "
            "named (rounding=), then converted"
        )
    if places is None:
        return records
    exponent = Decimal(1).scaleb(-places)
    rounded = []
    with calculation_context():
        for record in records:
            copy = dict(record)
            for name, value in record.items():
                if name in money and isinstance(value, Decimal):
                    quantized = value.quantize(exponent, rounding=rounding.value)
                    copy[name] = float(quantized) if floats else quantized
            rounded.append(copy)
    return rounded


def to_arrow(  # noqa: PLR0913 - the records, their schema and how to present money
    records: Sequence[Mapping[str, object]],
    *,
    money: Collection[str] = (),
    decimals: Collection[str] = (),
    places: int | None = None,
    rounding: RoundingMode = RoundingMode.HALF_UP,
    floats: bool = False,
) -> Any:  # noqa: ANN401 - a pyarrow.Table
    """Records as a ``pyarrow.Table``; ``money`` and ``decimals`` columns as exact decimals.

    Decimal columns are sized to their values (``decimal256`` beyond 38 digits); a ``money``
    or ``decimals`` column with no value is still a decimal column. ``places`` rounds the
    ``money`` columns with ``rounding`` (quantities are never rounded); ``floats=True``
    (which needs ``places``) makes those rounded amounts ``float64``.

    >>> from decimal import Decimal
    >>> table = to_arrow([{"gross": Decimal("3682.5175")}], money=["gross"], places=2)
    >>> table.schema.field("gross").type, table["gross"][0].as_py()
    (Decimal128Type(decimal128(6, 2)), Decimal('3682.52'))
    """
    pa = require("pyarrow", "frames")
    exact = {*money, *decimals}
    rows = _rounded(records, money, places, rounding, floats=floats)
    names: dict[str, None] = {}
    for record in rows:
        names.update(dict.fromkeys(record))
    arrays = []
    for name in names:
        values = [record.get(name) for record in rows]
        present = [v for v in values if v is not None]
        if present and all(isinstance(v, Decimal) for v in present):
            precision, scale = _digits(present)  # type: ignore[arg-type]
            if precision > _MAX_ARROW_DIGITS:
                raise ValueError(
                    f"{name}: exact amounts need {precision} digits, more than Arrow holds; "
                    "pass places=N to round them at presentation"
                )
            kind = pa.decimal128 if precision <= _MAX_POLARS_DIGITS else pa.decimal256
            arrays.append(pa.array(values, type=kind(precision, scale)))
        elif not present and name in exact:
            arrays.append(pa.array(values, type=pa.decimal128(1, 0)))
        else:
            arrays.append(pa.array(values))
    return pa.table(dict(zip(names, arrays, strict=True)))


def to_polars(  # noqa: PLR0913 - as to_arrow
    records: Sequence[Mapping[str, object]],
    *,
    money: Collection[str] = (),
    decimals: Collection[str] = (),
    places: int | None = None,
    rounding: RoundingMode = RoundingMode.HALF_UP,
    floats: bool = False,
) -> Any:  # noqa: ANN401 - a polars.DataFrame
    """Records as a ``polars.DataFrame`` with ``Decimal`` columns (see :func:`to_arrow`).

    polars decimals hold 38 digits: an exact amount needing more is refused with a clear
    error, and ``places`` rounds it at presentation instead.
    """
    pl = require("polars", "frames")
    pa = require("pyarrow", "frames")
    table = to_arrow(
        records, money=money, decimals=decimals, places=places, rounding=rounding, floats=floats
    )
    for field in table.schema:
        if pa.types.is_decimal256(field.type):
            raise ValueError(
                f"{field.name}: exact amounts need {field.type.precision} digits, more than "
                "polars decimals hold (38); pass places=N to round them at presentation, or "
                "use to_arrow"
            )
    return pl.from_arrow(table)


def to_pandas(  # noqa: PLR0913 - as to_arrow
    records: Sequence[Mapping[str, object]],
    *,
    money: Collection[str] = (),
    decimals: Collection[str] = (),
    places: int | None = None,
    rounding: RoundingMode = RoundingMode.HALF_UP,
    floats: bool = False,
) -> Any:  # noqa: ANN401 - a pandas.DataFrame
    """Records as a ``pandas.DataFrame`` of Arrow-backed columns (exact decimals).

    Every column has a ``pd.ArrowDtype``; money is an Arrow decimal (see :func:`to_arrow`).
    """
    pd = require("pandas", "frames")
    table = to_arrow(
        records, money=money, decimals=decimals, places=places, rounding=rounding, floats=floats
    )
    return table.to_pandas(types_mapper=pd.ArrowDtype)


class Tabular:
    """A result that is a table: ``to_records()``, and from it Arrow, polars and pandas.

    A subclass writes :meth:`to_records` and names its exact columns in ``MONEY_COLUMNS``
    (rounded by ``places``) and ``DECIMAL_COLUMNS`` (quantities and ratios, never rounded).
    """

    __slots__ = ()

    #: Columns holding money amounts: exact decimals, rounded at presentation by ``places``.
    MONEY_COLUMNS: ClassVar[frozenset[str]] = frozenset()
    #: Columns holding other exact decimals (quantities, ratios): never rounded.
    DECIMAL_COLUMNS: ClassVar[frozenset[str]] = frozenset()

    def to_records(self) -> list[Record]:
        """The result as plain records (a ``dict`` per row), money as exact ``Decimal``."""
        raise NotImplementedError  # pragma: no cover - every subclass writes its own

    def exact_columns(self, records: Sequence[Record]) -> tuple[frozenset[str], frozenset[str]]:
        """The money and the other exact columns of ``records``.

        By default the class's ``MONEY_COLUMNS`` and ``DECIMAL_COLUMNS``; a result whose
        columns depend on its data (a rollup's cost per outcome, one column a measure) adds
        them here.
        """
        del records
        return self.MONEY_COLUMNS, self.DECIMAL_COLUMNS

    def table_records(self, places: int | None) -> list[Record]:
        """The records a table is built from (``to_arrow``, ``to_polars``, ``to_pandas``).

        By default :meth:`to_records`; a result holding quotients (a rollup's ratios) carries
        them to a fixed number of places here when no ``places`` is asked for.
        """
        del places
        return self.to_records()

    def _table_arguments(self, places: int | None) -> dict[str, Any]:
        records = self.table_records(places)
        money, decimals = self.exact_columns(records)
        return {"records": records, "money": money, "decimals": decimals}

    def to_arrow(
        self,
        *,
        places: int | None = None,
        rounding: RoundingMode = RoundingMode.HALF_UP,
        floats: bool = False,
    ) -> Any:  # noqa: ANN401 - a pyarrow.Table
        """As :meth:`to_records`, a ``pyarrow.Table`` (see :func:`socialvalue.tabular.to_arrow`)."""
        return to_arrow(
            **self._table_arguments(places),
            places=places,
            rounding=rounding,
            floats=floats,
        )

    def to_polars(
        self,
        *,
        places: int | None = None,
        rounding: RoundingMode = RoundingMode.HALF_UP,
        floats: bool = False,
    ) -> Any:  # noqa: ANN401 - a polars.DataFrame
        """As :meth:`to_records`, a ``polars.DataFrame`` with exact ``Decimal`` columns."""
        return to_polars(
            **self._table_arguments(places),
            places=places,
            rounding=rounding,
            floats=floats,
        )

    def to_pandas(
        self,
        *,
        places: int | None = None,
        rounding: RoundingMode = RoundingMode.HALF_UP,
        floats: bool = False,
    ) -> Any:  # noqa: ANN401 - a pandas.DataFrame
        """As :meth:`to_records`, a pandas DataFrame of Arrow-backed (exact decimal) columns."""
        return to_pandas(
            **self._table_arguments(places),
            places=places,
            rounding=rounding,
            floats=floats,
        )
