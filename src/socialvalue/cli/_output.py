"""``--format json``: what ``value``, ``explain`` and ``commitments`` print for other tools.

Amounts and quantities are exact decimal strings (never floats), periods their labels, money
``{"amount": "…", "currency": "GBP"}``; nothing is rounded, so a consumer rounds once itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from socialvalue.batch import GroupValuation, UnvaluedGroup, ValuationBatch
from socialvalue.methodology import Methodology
from socialvalue.money import Money
from socialvalue.tracking import QuarterlySummary

__all__ = ["batch_json", "explain_json", "summary_json"]


def _money(amount: Money | None) -> dict[str, str] | None:
    if amount is None:
        return None
    return {"amount": str(amount.amount), "currency": amount.currency}


def _decimal(number: Decimal | None) -> str | None:
    return None if number is None else str(number)


def _methodology(methodology: Methodology) -> dict[str, str]:
    ref = methodology.ref
    return {"id": ref.id, "version": ref.version, "content_hash": ref.content_hash}


def _group(
    group: GroupValuation, methodology: Methodology, by: Sequence[str], *, explain: bool
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "measure": group.key.measure,
        "period": group.key.period.label,
        "geography": group.key.geography,
        "by": dict(zip(by, map(str, group.by), strict=True)),
        "deliveries": group.count,
        "quantity": str(group.quantity),
        "monetised": group.unit.monetised,
        "extrapolated": group.unit.extrapolated,
        "gross": _money(group.gross),
        "net": _money(group.net),
        "present_value": _money(group.present_value),
    }
    if explain:
        entry["explanation"] = group.explain(methodology.ref, places=methodology.rounding.places)
    return entry


def _unvalued(missing: UnvaluedGroup, by: Sequence[str]) -> dict[str, Any]:
    return {
        "measure": missing.key.measure,
        "period": missing.key.period.label,
        "by": dict(zip(by, map(str, missing.by), strict=True)),
        "deliveries": missing.count,
        "quantity": str(missing.quantity),
        "reason": missing.reason,
    }


def batch_json(
    batch: ValuationBatch,
    methodology: Methodology,
    *,
    by: Sequence[str],
    title: str,
    explain: bool = False,
) -> str:
    """The figures of a valued batch, as JSON."""
    document = {
        "title": title,
        "methodology": _methodology(methodology),
        "deliveries": batch.count,
        "totals": {
            "gross": _money(batch.total_gross()),
            "net": _money(batch.total_net()),
            "present_value": _money(batch.total_present_value()),
        },
        "groups": [_group(g, methodology, batch.by, explain=explain) for g in batch.groups],
        "record_only": {code: str(q) for code, q in sorted(batch.record_only().items())},
        "not_valued": [_unvalued(m, batch.by) for m in batch.unvalued],
        "by": list(by),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def explain_json(batch: ValuationBatch, methodology: Methodology, measure: str) -> str:
    """How one measure's figures were obtained, as JSON."""
    document = {
        "measure": measure,
        "methodology": _methodology(methodology),
        "groups": [_group(g, methodology, batch.by, explain=True) for g in batch.groups],
        "not_valued": [_unvalued(m, batch.by) for m in batch.unvalued],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def summary_json(summary: QuarterlySummary) -> str:
    """A quarterly commitments summary, as JSON."""
    document = {
        "quarter": summary.quarter.label,
        "commitments": [
            {
                "id": item.commitment.id,
                "title": item.commitment.title,
                "kind": item.commitment.kind,
                "rag": item.rag.value,
                "colour": item.rag.colour,
                "reasons": list(item.reasons),
                "delivered": _decimal(item.delivered),
                "target": _decimal(item.commitment.target),
                "percent": _decimal(item.percent),
                "overdue": item.overdue,
                "promised_at_bid": _money(item.promised),
                "promised_like_for_like": _money(item.promised_like_for_like),
                "delivered_value": _money(item.delivered_value),
                "variance": _money(item.variance),
            }
            for item in summary.progress
        ],
        "escalations": [item.commitment.id for item in summary.escalations],
        "changes": [
            {"id": c.commitment.id, "before": c.before.value, "after": c.after.value}
            for c in summary.changes
        ],
        "unmatched_deliveries": len(summary.unmatched),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)
