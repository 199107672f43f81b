"""Results as tables: records, Arrow, polars and pandas, with exact decimal money columns.

Money and quantities stay exact: Arrow ``decimal128`` (``decimal256`` when an exact amount
needs more than 38 digits), polars ``Decimal``, pandas columns of ``pd.ArrowDtype`` decimals.
Amounts are unrounded unless ``places`` is given, with its ``rounding`` mode; floats only with
``floats=True``, and then only of amounts rounded to ``places`` with the rounding named.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Literal

from socialvalue._decimal import calculation_context
from socialvalue._extras import require
from socialvalue.io import ImportResult, RejectedRow
from socialvalue.money import Money, RoundingMode
from socialvalue.rollup import Rollup
from socialvalue.tracking import CommitmentProgress, QuarterlySummary
from socialvalue.valuation import GroupValuation, UnvaluedGroup, ValuationBatch

__all__ = ["to_arrow", "to_pandas", "to_polars", "to_records"]

Record = dict[str, object]
Part = Literal["accepted", "rejected"]

#: Columns holding exact decimals (money or quantities), whatever the result.
_DECIMAL_COLUMNS = frozenset(
    {
        "quantity",
        "gross",
        "net",
        "present_value",
        "unit_gross",
        "unit_net",
        "unit_present",
        "delivered",
        "target",
        "percent",
        "projected",
        "promised",
        "delivered_value",
        "variance",
    }
)
#: Of those, the money columns ``places`` rounds (quantities and ratios are never rounded).
_MONEY_COLUMNS = frozenset(
    {"gross", "net", "present_value", "promised", "delivered_value", "variance"}
)
_MAX_ARROW_DIGITS = 76
_MAX_POLARS_DIGITS = 38


def _amount(money: Money | None) -> Decimal | None:
    return None if money is None else money.amount


def _group_record(group: GroupValuation, by: Sequence[str], methodology: str) -> Record:
    record: Record = {
        "measure": group.key.measure,
        "period": group.key.period.label,
        "geography": group.key.geography,
    }
    record.update(
        {
            f"by_{name}" if name == "geography" else name: v
            for name, v in zip(by, group.by, strict=True)
        }
    )
    record.update(
        {
            "quantity": group.quantity,
            "count": group.count,
            "first": group.first,
            "valuation": group.unit.valuation.value,
            "currency": group.unit.currency,
            "unit_gross": group.unit.gross,
            "unit_net": group.unit.net,
            "unit_present": group.unit.present,
            "gross": _amount(group.gross),
            "net": _amount(group.net),
            "present_value": _amount(group.present_value),
            "extrapolated": group.unit.extrapolated,
            "methodology": methodology,
        }
    )
    return record


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


def _rollup_records(rollup: Rollup) -> list[Record]:
    records = []
    with_quantity = "measure" in rollup.by
    for key, totals in rollup:
        record: Record = dict(zip(rollup.by, key, strict=True))
        record.update(
            {
                "gross": totals.gross,
                "net": totals.net,
                "present_value": totals.present_value,
                "count": totals.count,
                "valued": totals.valued,
                "monetised": totals.monetised,
                "currency": rollup.currency,
                "methodology": str(rollup.methodology),
            }
        )
        if with_quantity:
            record["quantity"] = totals.quantity
        records.append(record)
    return records


def _progress_record(progress: CommitmentProgress) -> Record:
    commitment = progress.commitment
    return {
        "commitment": commitment.id,
        "kind": commitment.kind,
        "title": commitment.title,
        "measure": commitment.measure,
        "on": progress.on,
        "rag": progress.rag.value,
        "target": commitment.target,
        "delivered": progress.delivered,
        "delivered_from": progress.delivered_from,
        "percent": progress.percent,
        "projected": progress.projected,
        "overdue": progress.overdue,
        "milestones_done": progress.milestones_done,
        "milestones_total": progress.milestones_total,
        "milestones_overdue": progress.milestones_overdue,
        "deliveries": len(progress.deliveries),
        "promised": _amount(progress.promised),
        "delivered_value": _amount(progress.delivered_value),
        "variance": _amount(progress.variance),
        "reasons": "; ".join(progress.reasons),
    }


def _accepted_records(result: ImportResult) -> list[Record]:
    records = []
    for row, delivery in zip(result.accepted_rows, result.accepted, strict=True):
        records.append(
            {
                "row": row,
                "measure": delivery.measure,
                "quantity": delivery.quantity,
                "unit": delivery.unit,
                "period": delivery.period.label,
                "reporter": delivery.reporter,
                "project": delivery.project,
                "contract": delivery.contract,
                "role": delivery.role,
                "geography": delivery.geography,
                "evidence": "\n".join(delivery.evidence),
                "tags": "\n".join(delivery.tags),
                "correction": delivery.correction,
                "id": delivery.id,
                "note": delivery.note,
            }
        )
    return records


def _rejected_records(rows: Iterable[RejectedRow], columns: Sequence[str] = ()) -> list[Record]:
    records = []
    for rejected in rows:
        headings = rejected.columns or tuple(columns)
        record: Record = {"row": rejected.row}
        for i, cell in enumerate(rejected.cells):
            heading = headings[i] if i < len(headings) and headings[i] else f"column {i + 1}"
            record[heading] = cell
        record["problems"] = "\n".join(str(problem) for problem in rejected.problems)
        records.append(record)
    return records


def to_records(result: object, *, part: Part = "accepted") -> list[Record]:  # noqa: C901, PLR0911 - one branch a result type
    """A result as a list of plain records (``dict`` per row), money as exact ``Decimal``.

    Takes a :class:`~socialvalue.ValuationBatch` (a row per group) or a
    :class:`~socialvalue.frames.FrameValuation` (its batch), a :class:`~socialvalue.Rollup`
    (a row per key), tracking results (a :class:`~socialvalue.QuarterlySummary`, or the
    :class:`~socialvalue.CommitmentProgress` items :func:`~socialvalue.track` returns), an
    :class:`~socialvalue.ImportResult` (its accepted deliveries, or with
    ``part="rejected"`` its rejected rows: row number, original cells, problems), or a
    sequence of unvalued groups or rejected rows.

    >>> import socialvalue as sv
    >>> batch = sv.value_many(
    ...     [sv.Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")],
    ...     sv.default_methodology())
    >>> record = to_records(batch)[0]
    >>> record["measure"], record["quantity"], record["gross"].quantize(Decimal("0.01"))
    ('LCR-ENV-2', Decimal('12.5'), Decimal('3682.52'))
    """
    from socialvalue.frames._value import FrameValuation  # noqa: PLC0415 - imports this module

    if part not in ("accepted", "rejected"):
        raise ValueError(f"part: expected 'accepted' or 'rejected', got {part!r}")
    if isinstance(result, FrameValuation):
        if part == "rejected":
            return _rejected_records(result.rejected, result.columns)
        result = result.batch
    if isinstance(result, ValuationBatch):
        ref = str(result.methodology)
        return [_group_record(group, result.by, ref) for group in result.groups]
    if isinstance(result, Rollup):
        return _rollup_records(result)
    if isinstance(result, QuarterlySummary):
        return [_progress_record(progress) for progress in result.progress]
    if isinstance(result, ImportResult):
        if part == "rejected":
            return _rejected_records(result.rejected, result.columns)
        return _accepted_records(result)
    if isinstance(result, (list, tuple)):
        items = list(result)
        if all(isinstance(item, CommitmentProgress) for item in items):
            return [_progress_record(item) for item in items]
        if all(isinstance(item, UnvaluedGroup) for item in items):
            return [_unvalued_record(item) for item in items]
        if all(isinstance(item, RejectedRow) for item in items):
            return _rejected_records(items)
    raise TypeError(
        "expected a valuation batch, frame valuation, rollup, tracking result or import "
        f"result, got {type(result).__name__}"
    )


def _digits(values: Sequence[Decimal]) -> tuple[int, int]:
    """Precision and scale that hold every value exactly."""
    scale = 0
    whole = 1
    for value in values:
        sign, digits, exponent = value.as_tuple()
        del sign
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        integer = len(digits) + (exponent if isinstance(exponent, int) else 0)
        scale = max(scale, places)
        whole = max(whole, integer)
    return whole + scale, scale


def _prepared(
    records: list[Record], places: int | None, rounding: RoundingMode, *, floats: bool
) -> tuple[list[Record], list[str]]:
    if floats and places is None:
        raise ValueError(
            "floats=True needs places=N: amounts are rounded to N places with the rounding "
            "named (rounding=), then converted"
        )
    if places is None:
        return records, []
    exponent = Decimal(1).scaleb(-places)
    rounded = []
    money: set[str] = set()
    with calculation_context():
        for record in records:
            copy = dict(record)
            for name, value in record.items():
                if name in _MONEY_COLUMNS and isinstance(value, Decimal):
                    quantized = value.quantize(exponent, rounding=rounding.value)
                    copy[name] = float(quantized) if floats else quantized
                    money.add(name)
            rounded.append(copy)
    return rounded, sorted(money)


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
    (which needs ``places``) makes those rounded amounts ``float64``.

    >>> import socialvalue as sv
    >>> batch = sv.value_many(
    ...     [sv.Delivery(measure="LCR-ENV-2", quantity="12.5", period="2024/25 Q2")],
    ...     sv.default_methodology())
    >>> table = to_arrow(batch, places=2)
    >>> table.schema.field("gross").type, table["gross"][0].as_py()
    (Decimal128Type(decimal128(6, 2)), Decimal('3682.52'))
    """
    pa = require("pyarrow", "frames")
    records, _ = _prepared(to_records(result, part=part), places, rounding, floats=floats)
    names: list[str] = []
    for record in records:
        names.extend(name for name in record if name not in names)
    arrays = []
    for name in names:
        values = [record.get(name) for record in records]
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
        elif not present and name in _DECIMAL_COLUMNS:
            arrays.append(pa.array(values, type=pa.decimal128(1, 0)))
        else:
            arrays.append(pa.array(values))
    return pa.table(dict(zip(names, arrays, strict=True)))


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
    pl = require("polars", "frames")
    table = to_arrow(result, part=part, places=places, rounding=rounding, floats=floats)
    pa = require("pyarrow", "frames")
    for field in table.schema:
        if pa.types.is_decimal256(field.type):
            raise ValueError(
                f"{field.name}: exact amounts need {field.type.precision} digits, more than "
                "polars decimals hold (38); pass places=N to round them at presentation, or "
                "use to_arrow"
            )
    return pl.from_arrow(table)


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
    pd = require("pandas", "frames")
    table = to_arrow(result, part=part, places=places, rounding=rounding, floats=floats)
    return table.to_pandas(types_mapper=pd.ArrowDtype)
