"""Results as tables, as functions: ``to_records(result)`` is ``result.to_records()``, and so on.

Each result type converts itself (:class:`~socialvalue.tabular.Tabular`, and
:class:`~socialvalue.io.ImportResult` and :class:`~socialvalue.frames.FrameValuation` with
their ``part``); these functions also take a sequence of tracking results, unvalued groups or
rejected rows.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any, Literal

from socialvalue import tabular
from socialvalue.batch import UnvaluedGroup
from socialvalue.frames._value import FrameValuation
from socialvalue.io import ImportResult, RejectedRow
from socialvalue.money import RoundingMode
from socialvalue.tabular import Record, Tabular
from socialvalue.tracking import CommitmentProgress

__all__ = ["to_arrow", "to_pandas", "to_polars", "to_records"]

Part = Literal["accepted", "rejected"]

#: The exact decimal columns of unvalued groups' records.
_UNVALUED_DECIMALS = frozenset({"quantity"})


def _unvalued_record(group: UnvaluedGroup) -> Record:
    return {
        "measure": group.key.measure,
        "period": group.key.period.label,
        "geography": group.key.geography,
        "quantity": group.quantity,
        "count": group.count,
        "first": group.first,
        "reason": group.reason,
    }


def _schema(result: object) -> tuple[list[Record], Collection[str], Collection[str]]:
    """A sequence's records and its (money, decimal) columns; TypeError for what is not one."""
    if isinstance(result, (list, tuple)):
        items: Sequence[object] = result
        if all(isinstance(item, CommitmentProgress) for item in items):
            progress: Sequence[CommitmentProgress] = result
            records = [record for item in progress for record in item.to_records()]
            return (
                records,
                CommitmentProgress.MONEY_COLUMNS,
                CommitmentProgress.DECIMAL_COLUMNS,
            )
        if all(isinstance(item, UnvaluedGroup) for item in items):
            return [_unvalued_record(item) for item in result], (), _UNVALUED_DECIMALS
        if all(isinstance(item, RejectedRow) for item in items):
            return [item.to_record() for item in result], (), ()
    raise TypeError(
        "expected a valuation batch, frame valuation, rollup, tracking result or import "
        f"result, got {type(result).__name__}"
    )


def _check(part: str) -> None:
    if part not in ("accepted", "rejected"):
        raise ValueError(f"part: expected 'accepted' or 'rejected', got {part!r}")


def _table(  # noqa: PLR0913 - the result, the kind of table, and how to present money
    kind: Literal["arrow", "polars", "pandas"],
    result: object,
    part: Part,
    places: int | None,
    rounding: RoundingMode,
    *,
    floats: bool,
) -> Any:  # noqa: ANN401 - a table of the kind asked for
    """The result's own ``to_<kind>()``, or for a sequence the records converted."""
    _check(part)
    method = f"to_{kind}"
    if isinstance(result, FrameValuation):
        return getattr(result, method)(part=part, places=places, rounding=rounding, floats=floats)
    if isinstance(result, ImportResult):  # no money to round: quantities stay exact
        return getattr(result, method)(part=part)
    if isinstance(result, Tabular):
        return getattr(result, method)(places=places, rounding=rounding, floats=floats)
    records, money, decimals = _schema(result)
    convert = getattr(tabular, method)
    return convert(
        records, money=money, decimals=decimals, places=places, rounding=rounding, floats=floats
    )


def to_records(result: object, *, part: Part = "accepted") -> list[Record]:
    """A result as a list of plain records (``dict`` per row), money as exact ``Decimal``.

    Takes a :class:`~socialvalue.ValuationBatch` (a row per group) or a
    :class:`FrameValuation` (its batch), a :class:`~socialvalue.Rollup` (a row per key),
    tracking results (a :class:`~socialvalue.tracking.QuarterlySummary`, or the
    :class:`~socialvalue.tracking.CommitmentProgress` items
    :func:`~socialvalue.tracking.track` returns), an :class:`~socialvalue.io.ImportResult` (its
    accepted deliveries, or with ``part="rejected"`` its rejected rows: row number, original
    cells, problems), or a sequence of unvalued groups or rejected rows. The same as the
    result's own ``to_records()``.

    >>> import socialvalue as sv
    >>> from decimal import Decimal
    >>> batch = sv.value_many(
    ...     [sv.Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")],
    ...     sv.default_methodology())
    >>> record = to_records(batch)[0]
    >>> record["measure"], record["quantity"], record["gross"].quantize(Decimal("0.01"))
    ('LCR-ENV-2', Decimal('12.5'), Decimal('3682.52'))
    """
    _check(part)
    if isinstance(result, (FrameValuation, ImportResult)):
        return result.to_records(part=part)
    if isinstance(result, Tabular):
        return result.to_records()
    return _schema(result)[0]


def to_arrow(
    result: object,
    *,
    part: Part = "accepted",
    places: int | None = None,
    rounding: RoundingMode = RoundingMode.HALF_UP,
    floats: bool = False,
) -> Any:  # noqa: ANN401 - a pyarrow.Table
    """A result as a ``pyarrow.Table`` (see :func:`to_records` for what it takes).

    Decimal columns are exact Arrow decimals, sized to their values (``decimal256`` beyond 38
    digits). ``places`` rounds money columns at presentation with ``rounding``; ``floats=True``
    (which needs ``places``) makes those rounded amounts ``float64``. The same as the
    result's own ``to_arrow()`` (see :func:`socialvalue.tabular.to_arrow`).

    >>> import socialvalue as sv
    >>> batch = sv.value_many(
    ...     [sv.Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")],
    ...     sv.default_methodology())
    >>> table = to_arrow(batch, places=2)
    >>> table.schema.field("gross").type, table["gross"][0].as_py()
    (Decimal128Type(decimal128(6, 2)), Decimal('3682.52'))
    """
    return _table("arrow", result, part, places, rounding, floats=floats)


def to_polars(
    result: object,
    *,
    part: Part = "accepted",
    places: int | None = None,
    rounding: RoundingMode = RoundingMode.HALF_UP,
    floats: bool = False,
) -> Any:  # noqa: ANN401 - a polars.DataFrame
    """A result as a ``polars.DataFrame`` with ``Decimal`` columns (see :func:`to_arrow`).

    polars decimals hold 38 digits: an exact amount needing more is refused with a clear
    error, and ``places`` rounds it at presentation instead.
    """
    return _table("polars", result, part, places, rounding, floats=floats)


def to_pandas(
    result: object,
    *,
    part: Part = "accepted",
    places: int | None = None,
    rounding: RoundingMode = RoundingMode.HALF_UP,
    floats: bool = False,
) -> Any:  # noqa: ANN401 - a pandas.DataFrame
    """A result as a ``pandas.DataFrame`` of Arrow-backed columns (exact decimals).

    Every column has a ``pd.ArrowDtype``; money is an Arrow decimal (see :func:`to_arrow`).
    """
    return _table("pandas", result, part, places, rounding, floats=floats)
