"""The words and figures of a report for one locale, shared by every renderer.

Each function turns one piece of the report's data into plain text with a
:class:`~socialvalue.report.Formatter`. Renderers lay the text out (Markdown, HTML, CSV) and
escape it for their format; nothing here knows about markup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal

from socialvalue import _display
from socialvalue._decimal import calculation_context
from socialvalue.money import Money
from socialvalue.report._format import Formatter
from socialvalue.report._model import (
    Column,
    CommitmentLine,
    Headline,
    Indicator,
    Note,
    Report,
    Table,
    TraceEntry,
)
from socialvalue.valuation import Step

__all__ = [
    "EVIDENCE_SHOWN",
    "NUMERIC_KINDS",
    "cell_text",
    "column_label",
    "commitment_cells",
    "headline_figures",
    "headline_label",
    "indicator_texts",
    "meta_line",
    "note_text",
    "reconciliation",
    "shown_evidence",
    "table_title",
    "total_cells",
    "trace_summary",
    "working",
]

#: How many evidence references the appendix lists per entry (the report data keeps them all).
EVIDENCE_SHOWN = 12

#: Column kinds shown right-aligned.
NUMERIC_KINDS = frozenset({"money", "quantity", "count", "ratio", "percent"})

_PER_UNIT_PLACES = 6  # per-unit figures in the working: enough to follow the arithmetic


def shown_evidence(evidence: tuple[str, ...], f: Formatter) -> str:
    """Evidence references for the appendix: the first few, and how many more there are."""
    text = "; ".join(evidence[:EVIDENCE_SHOWN])
    if len(evidence) > EVIDENCE_SHOWN:
        text += "; " + f.text("more_evidence", n=len(evidence) - EVIDENCE_SHOWN)
    return text


def column_label(column: Column, f: Formatter) -> str:
    """A column's heading in the locale."""
    return f.label(column.key, column.key)


def table_title(table: Table, f: Formatter) -> str:
    """A table's title in the locale."""
    return f.label(table.name, table.name)


def cell_text(value: object, kind: str, f: Formatter) -> str:  # noqa: PLR0911 - one per kind
    """One table cell as text, formatted for its kind and the formatter's locale."""
    if kind == "name" and value is None:
        return f.label("none")
    if value is None:
        return ""
    if kind in ("name", "text") and isinstance(value, str):
        return f.title(value)
    if kind == "money" and isinstance(value, Money):
        return f.money(value)
    if kind in {"quantity", "count"} and isinstance(value, (Decimal, int)):
        return f.number(Decimal(value))
    if kind in {"ratio", "percent"} and isinstance(value, Decimal):
        return f.percent(value) if kind == "percent" else f.number(value, 2)
    return f.value(value)


def total_cells(table: Table, f: Formatter) -> list[str]:
    """The total row's cells: "Total" in the locale, then the totals (blank where none)."""
    if table.total is None:
        return []
    rest = zip(table.total[1:], table.columns[1:], strict=True)
    return [f.label("total")] + ["" if v is None else cell_text(v, c.kind, f) for v, c in rest]


def reconciliation(table: Table, f: Formatter) -> str:
    """A note when the rounded rows of a money column do not add to its rounded total."""
    if table.total is None or not table.rows:
        return ""
    notes = []
    for index, column in enumerate(table.columns):
        if column.kind != "money":
            continue
        total = table.total[index]
        if not isinstance(total, Money):
            continue
        with calculation_context():
            shown = sum(
                (
                    f.rounded(cell.amount)
                    for row in table.rows
                    if isinstance(cell := row[index], Money)
                ),
                Decimal(0),
            )
        if shown != f.rounded(total.amount):
            notes.append(
                f"{column_label(column, f)}: "
                + f.label("reconcile").format(
                    shown=f.money(Money(shown, total.currency)), total=f.money(total)
                )
            )
    return " ".join(notes)


def meta_line(
    report: Report,
    f: Formatter,
    *,
    reference: str | None = None,
    escape: Callable[[str], str] = str,
) -> str:
    """The methodology, the price base and the date the report was generated.

    ``reference`` is the methodology's id, version and hash as the renderer marks it up
    (default: plain); ``escape`` makes the methodology's title text in the renderer's syntax.
    """
    prices = report.price_base.label if report.price_base is not None else "—"
    shown = str(report.methodology) if reference is None else reference
    return (
        f"{f.label('methodology')}: {escape(report.methodology_title)} ({shown}). "
        f"{f.label('prices')}: {prices}. {f.label('generated')}: {f.date(report.generated)}."
    )


def headline_label(headline: Headline, f: Formatter) -> str:
    """A headline's label: the report's own label, or the measure's title from the data."""
    return f.title(headline.title) if headline.title else f.label(headline.key, headline.key)


def headline_figures(headline: Headline, f: Formatter) -> tuple[str, str]:
    """A headline's figure and what is shown under it (the exact amount, or the unit)."""
    if headline.amount is not None:
        return f.compact(headline.amount), f.money(headline.amount)
    if headline.quantity is None:
        return "—", f.title(headline.unit)
    return f.number(headline.quantity), f.title(headline.unit)


def indicator_texts(indicator: Indicator, f: Formatter) -> tuple[str, str, str]:
    """An indicator's label, its figure and its basis (how it was computed)."""
    label = f.text(f"indicator_{indicator.key}", subject=indicator.subject)
    if indicator.kind == "percent":
        figure = f.percent(indicator.value)
    elif indicator.kind == "money" and isinstance(indicator.numerator, Money):
        figure = f.money(Money(indicator.value, indicator.numerator.currency))
    else:
        figure = f.number(indicator.value, 2)
    basis = f.text(
        f"basis_{indicator.key}",
        numerator=indicator.numerator,
        denominator=indicator.denominator,
        numerator_measures=" + ".join(indicator.numerator_measures),
        denominator_measure=indicator.denominator_measure,
    )
    return label, figure, basis


def rag_word(rag: str, colour: str, f: Formatter) -> str:
    """A status in words, with its colour where the word is not one: ``complete (green)``."""
    word = f.label(f"rag_{rag}", rag.replace("_", " "))
    if not colour or colour in (rag, "grey"):
        return word
    return f"{word} ({f.label(f'rag_{colour}', colour)})"


def commitment_cells(line: CommitmentLine, f: Formatter) -> tuple[str, str, str, str, str]:
    """A commitment's id, title, role, status (labelled, with its colour) and reasons."""
    return (
        line.id,
        f.title(line.title),
        f.title(line.role),
        rag_word(line.rag, line.colour, f),
        "; ".join(line.reasons),
    )


def note_text(note: Note, f: Formatter) -> str:
    """A note on method in the locale, its figures formatted."""
    values = dict(note.values)
    if "convention" in values:
        convention = str(values["convention"])
        values["convention"] = f.label(f"convention_{convention}", convention.replace("_", " "))
    count = values.pop("n", None)
    if isinstance(count, int):
        return f.plural(f"note_{note.key}", count, **values)
    return f.text(f"note_{note.key}", **values)


def trace_summary(entry: TraceEntry, f: Formatter) -> str:
    """An appendix entry's one-line summary: where, how much, how many, and its value."""
    value = f.money(entry.present_value) if entry.present_value is not None else "—"
    return (
        f"{entry.period.label}, {entry.geography}: {f.number(entry.quantity)} "
        f"({f.plural('deliveries_count', entry.deliveries)}) → {value}"
    )


@functools.lru_cache(maxsize=4096)
def _step_lines(
    steps: tuple[Step, ...], currency: str, locale: str, rounding: str, per_unit: str
) -> tuple[str, ...]:
    """The numbered lines of a unit value's steps (cached: many groups share a unit value)."""
    lines = []
    for number, step in enumerate(steps, start=1):
        line = f"{number:>2}. {step.name}: {step.text}"
        if step.result is not None:
            shown = _display.rounded(step.result, _PER_UNIT_PLACES, rounding).normalize()
            text = _display.number(shown, locale=locale)
            line += "  → " + per_unit.format(
                value=text if shown == step.result else f"≈{text}", currency=currency
            )
        lines.append(line)
    return tuple(lines)


def working(entry: TraceEntry, report: Report, f: Formatter) -> str:
    """The working behind an appendix entry, one numbered line a step.

    Per-unit figures are shown to six decimal places (``≈`` marks a shortened one); totals to
    the report's rounding.
    """
    lines = [
        f.text(
            "working_header",
            measure=entry.measure,
            quantity=entry.quantity,
            period=entry.period,
            geography=entry.geography,
            deliveries=f.plural("deliveries_count", entry.deliveries),
            methodology=report.methodology,
        )
    ]
    lines += _step_lines(
        entry.steps,
        entry.currency,
        f.locale,
        f.rounding.mode.value,
        f.label("working_per_unit"),
    )
    if entry.gross is None or entry.net is None or entry.present_value is None:
        last = f.text("working_counted", quantity=entry.quantity)
    else:
        last = f.text(
            "working_quantity",
            quantity=entry.quantity,
            gross=entry.gross,
            net=entry.net,
            present_value=entry.present_value,
        )
    lines.append(f"{len(lines):>2}. {last}")
    return "\n".join(lines)


def untranslated(report: Report, f: Formatter) -> tuple[str, ...]:
    """Text from the data that ``f`` shows as written, for want of a translation, sorted.

    Nothing for English; for another locale, every title, unit, role, reason and commitment
    shown that ``f.titles`` does not translate.
    """
    if f.locale.split("_")[0] == "en":
        return ()
    shown: set[str] = set()
    for table in report.tables:
        for index, column in enumerate(table.columns):
            if column.kind in ("name", "text"):
                shown.update(str(row[index]) for row in table.rows if row[index] is not None)
    shown.update(h.title for h in report.headlines if h.title)
    shown.update(h.unit for h in report.headlines if h.unit)
    for role in report.roles:
        shown.update([role.role] if role.role else [])
        shown.update(o.title for o in role.outcomes)
        shown.update(o.unit for o in role.outcomes)
    for spotlight in report.spotlights:
        shown.update(o.title for o in spotlight.figures)
    shown.update(c.title for c in report.commitments)
    shown.update(c.role for c in report.commitments if c.role)
    shown.update(e.title for e in report.trace)
    return tuple(sorted(text for text in shown if text and text not in f.titles))
