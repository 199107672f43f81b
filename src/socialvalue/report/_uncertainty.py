"""The report's uncertainty section, as data: scenarios, the tornado and switching values.

Built only when asked for (:class:`~socialvalue.report.ReportOptions` ``uncertainty``): three
tables and a note, rendered by every renderer like the other tables, and the tornado chart in
HTML (with the sensitivity table as its text alternative).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from socialvalue.batch import ValuationBatch
from socialvalue.deliveries import Cost
from socialvalue.methodology import Methodology
from socialvalue.money import Money
from socialvalue.report._model import Column, Note, Table
from socialvalue.uncertainty import scenarios, sensitivity, switching_values

__all__ = ["uncertainty_section"]

#: Switching values are shown to six places (the exact value is in the API's result).
_SHOWN = Decimal("0.000001")


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def uncertainty_section(
    batch: ValuationBatch,
    methodology: Methodology,
    target: Money | None,
    costs: Sequence[Cost] = (),
) -> tuple[tuple[Table, ...], tuple[Note, ...]]:
    """The tables (``scenarios``, ``sensitivity``, ``switching_values``) and the note.

    With costs, the scenarios show PVC, NPSV and BCR (to two places), the sensitivity the NPSV
    at each bound, and the switching values where NPSV reaches zero.
    """
    result = scenarios(batch, methodology, costs=costs)
    appraised = bool(costs)
    money_columns = ("pvc", "npsv") if appraised else ()
    scenario_table = Table(
        name="scenarios",
        columns=(
            Column(key="scenario", kind="code"),
            Column(key="methodology", kind="code"),
            Column(key="gross", kind="money"),
            Column(key="net", kind="money"),
            Column(key="present_value", kind="money"),
            *(Column(key=key, kind="money") for key in money_columns),
            *((Column(key="bcr", kind="quantity"),) if appraised else ()),
        ),
        rows=tuple(
            (
                s.name,
                f"{s.methodology.version} sha256:{s.methodology.content_hash[:12]}",
                s.gross,
                s.net,
                s.present_value,
                *((s.costs, s.npsv, _ratio(s.bcr)) if appraised else ()),
            )
            for s in result
        ),
    )
    tornado = sensitivity(batch, methodology, costs=costs)
    sensitivity_table = Table(
        name="sensitivity",
        columns=(
            Column(key="input", kind="text"),
            Column(key="low", kind="quantity"),
            Column(key="high", kind="quantity"),
            Column(key="at_low", kind="money"),
            Column(key="at_high", kind="money"),
            Column(key="swing", kind="money"),
            *(
                (Column(key="npsv_at_low", kind="money"), Column(key="npsv_at_high", kind="money"))
                if appraised
                else ()
            ),
        ),
        rows=tuple(
            (
                s.input.label,
                s.input.low,
                s.input.high,
                Money(s.at_low),
                Money(s.at_high),
                Money(s.swing),
                *((Money(s.npsv[0]), Money(s.npsv[2])) if s.npsv is not None else ()),
            )
            for s in tornado
        ),
    )
    tables = [scenario_table, sensitivity_table]
    if target is not None or appraised:
        tables.append(
            Table(
                name="switching_values",
                columns=(
                    Column(key="input", kind="text"),
                    Column(key="switching_value", kind="quantity"),
                    Column(key="meaning", kind="text"),
                ),
                rows=tuple(
                    (
                        found.input.label,
                        None if found.value is None else found.value.quantize(_SHOWN),
                        found.note,
                    )
                    for found in switching_values(batch, methodology, target=target, costs=costs)
                ),
            )
        )
    share = result.without_proxy_range_share
    note = Note(
        key="uncertainty",
        values={
            "central": result.central.present_value,
            "without_range": result.without_proxy_range,
            "share": "—" if share is None else f"{(share * 100).quantize(Decimal('0.1'))}%",
        },
    )
    return tuple(tables), (note,)
