"""Exports of deliveries and valuations: CSV, XLSX or JSON Lines, by the file's suffix.

Every export re-imports (:func:`~socialvalue.io.read_returns`) to the same deliveries: the
columns are :data:`~socialvalue.io.RETURN_COLUMNS`, quantities are plain decimals (``1250.5``,
read back under the default ``en_GB`` locale), periods are their labels, lists are one item a
line, and the columns a valuations export adds are ignored on import. A delivery that a file
could not give back exactly (a code with spaces at either end, a list item with a line break)
is refused with the reason, never written differently. All writes are atomic.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from socialvalue.deliveries import Delivery
from socialvalue.exceptions import DataFileError, Problem, ValidationError
from socialvalue.io._columns import RETURN_COLUMNS, VALUATION_COLUMNS
from socialvalue.io._converter import converter
from socialvalue.io._csv_returns import write_csv
from socialvalue.io._jsonl import delivery_record, write_jsonl
from socialvalue.valuation import Valuation

__all__ = [
    "delivery_cells",
    "export_valuations",
    "write_returns",
]


_WIDTHS = {
    "measure": 14,
    "quantity": 12,
    "unit": 10,
    "period": 14,
    "reporter": 22,
    "project": 22,
    "contract": 14,
    "role": 14,
    "geography": 18,
    "evidence": 30,
    "tags": 16,
    "correction": 11,
    "id": 12,
    "note": 40,
    "methodology": 30,
    "currency": 9,
    "gross": 16,
    "net": 16,
    "present_value": 16,
    "explanation": 80,
}

#: Code-like fields: import ignores spaces around them.
_CODES = ("measure", "unit", "contract", "role", "geography", "id")
#: Most characters a cell may hold for the export to re-import under the default limits.
_MAX_CELL = 32_767

Cell = str | Decimal | None


def delivery_cells(delivery: Delivery) -> list[Cell]:
    """A delivery as the cells of one row, in :data:`RETURN_COLUMNS` order."""
    return [
        delivery.measure,
        delivery.quantity,
        delivery.unit or "",
        delivery.period.label,
        delivery.reporter,
        delivery.project,
        delivery.contract,
        delivery.role or "",
        delivery.geography,
        "\n".join(delivery.evidence),
        "\n".join(delivery.tags),
        "yes" if delivery.correction else "no",
        delivery.id,
        delivery.note,
    ]


def _problems(index: int, delivery: Delivery, *, csv: bool) -> Iterator[Problem]:
    """Why a delivery would not read back the same from a CSV or XLSX file."""
    where = f"[{index}]"
    for field in _CODES:
        value = getattr(delivery, field)
        if value is not None and value != value.strip():
            yield Problem(
                f"{where}.{field}", f"{value!r} has spaces at either end, which import ignores"
            )
        if value == "" and field in ("unit", "role"):
            yield Problem(f"{where}.{field}", "is empty text, which import reads as none")
    for field in ("evidence", "tags"):
        for k, item in enumerate(getattr(delivery, field)):
            if not item.strip() or "\n" in item or "\r" in item:
                yield Problem(
                    f"{where}.{field}[{k}]",
                    f"{item!r} is blank or holds a line break; lists are written one item a line",
                )
    yield from _text_problems(where, delivery, csv=csv)


def _text_problems(where: str, delivery: Delivery, *, csv: bool) -> Iterator[Problem]:
    for field in ("reporter", "project", "note", "contract", "id"):
        value = getattr(delivery, field)
        if len(value) > _MAX_CELL:
            yield Problem(f"{where}.{field}", f"longer than {_MAX_CELL:,} characters")
        if csv and "\x00" in value:
            yield Problem(f"{where}.{field}", "holds a NUL character")


def _checked(deliveries: Iterable[Delivery], path: str, *, csv: bool) -> list[Delivery]:
    items = list(deliveries)
    problems = [p for i, d in enumerate(items) for p in _problems(i, d, csv=csv)]
    if problems:
        raise ValidationError(problems, subject=f"{path}: deliveries that cannot be exported")
    return items


def _kind(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".xlsx", ".jsonl"):
        return suffix
    raise DataFileError(
        os.fspath(path),
        [Problem("", f"unknown file type {suffix!r}; expected .csv, .xlsx or .jsonl")],
    )


def _as_text(cells: Sequence[Cell]) -> list[str]:
    return [
        "" if cell is None else f"{cell:f}" if isinstance(cell, Decimal) else cell for cell in cells
    ]


def _write_table(
    path: str | os.PathLike[str],
    kind: str,
    title: str,
    header: Sequence[str],
    rows: list[list[Cell]],
) -> None:
    if kind == ".csv":
        write_csv(path, header, (_as_text(row) for row in rows))
        return
    from socialvalue.io._xlsx import write_xlsx_table  # noqa: PLC0415 - needs the optional extra

    write_xlsx_table(
        path,
        title=title,
        header=header,
        rows=rows,
        widths=[_WIDTHS.get(column, 16) for column in header],
    )


def write_returns(deliveries: Iterable[Delivery], path: str | os.PathLike[str]) -> int:
    """Write deliveries as a file of returns (``.csv``, ``.xlsx`` or ``.jsonl``), atomically.

    :func:`~socialvalue.read_returns` reads the file back to the same deliveries.

    Returns:
        How many deliveries were written.

    Raises:
        ValidationError: deliveries the file could not give back exactly, with the reasons.
        DataFileError: an unknown suffix.
        MissingExtraError: ``.xlsx`` without the ``xlsx`` extra installed.
    """
    kind = _kind(path)
    if kind == ".jsonl":
        items = list(deliveries)
        write_jsonl(path, (delivery_record(delivery) for delivery in items))
        return len(items)
    items = _checked(deliveries, os.fspath(path), csv=kind == ".csv")
    _write_table(path, kind, "Deliveries", RETURN_COLUMNS, [delivery_cells(d) for d in items])
    return len(items)


def _amount(money: Any) -> Cell:  # noqa: ANN401 - Money or None
    return None if money is None else money.amount


def export_valuations(valuations: Iterable[Valuation], path: str | os.PathLike[str]) -> int:
    """Write valuations, flattened, to a ``.csv``, ``.xlsx`` or ``.jsonl`` file, atomically.

    Each row is the delivery's columns, then ``methodology`` (id, version and hash),
    ``currency``, ``gross``, ``net`` and ``present_value`` (exact, unrounded; empty for a
    record-only measure) and ``explanation``: the working, one numbered step a line, as
    :meth:`~socialvalue.Valuation.explain` gives it. In JSON Lines, ``methodology`` is an object
    and ``explanation`` a list of steps (``name``, ``text``, ``factor``, ``result``).

    Returns:
        How many valuations were written.

    Raises:
        ValidationError: deliveries the file could not give back exactly, with the reasons.
        DataFileError: an unknown suffix.
        MissingExtraError: ``.xlsx`` without the ``xlsx`` extra installed.
    """
    kind = _kind(path)
    items = list(valuations)
    if kind == ".jsonl":
        write_jsonl(path, (_valuation_record(valuation) for valuation in items))
        return len(items)
    _checked((valuation.delivery for valuation in items), os.fspath(path), csv=kind == ".csv")
    rows = [
        [
            *delivery_cells(valuation.delivery),
            str(valuation.methodology),
            valuation.gross.currency if valuation.gross is not None else "",
            _amount(valuation.gross),
            _amount(valuation.net),
            _amount(valuation.present_value),
            valuation.explain(),
        ]
        for valuation in items
    ]
    _write_table(path, kind, "Valuations", [*RETURN_COLUMNS, *VALUATION_COLUMNS], rows)
    return len(items)


def _valuation_record(valuation: Valuation) -> dict[str, Any]:
    record = delivery_record(valuation.delivery)
    unstructure = converter().unstructure
    record["methodology"] = unstructure(valuation.methodology)
    if valuation.gross is not None:
        record["currency"] = valuation.gross.currency
        record["gross"] = str(valuation.gross.amount)
        record["net"] = str(_amount(valuation.net))
        record["present_value"] = str(_amount(valuation.present_value))
    # Each step's English words, as before the steps carried phrases (the phrase is for a
    # reader's locale; an export is the data in English).
    record["explanation"] = [
        {
            "name": step.name,
            "text": step.text,
            **{k: v for k, v in unstructure(step).items() if k in ("factor", "result")},
        }
        for step in valuation.working()
    ]
    return record
