"""The words and figures of a report for one locale, shared by every renderer.

Each function turns one piece of the report's data into plain text with a
:class:`~socialvalue.report.Formatter`. Renderers lay the text out (Markdown, HTML, CSV) and
escape it for their format; nothing here knows about markup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from socialvalue import _display
from socialvalue._decimal import calculation_context
from socialvalue._phrases import Phrase, data_text
from socialvalue.methodology import MethodologyRef, RoundingPolicy
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

if TYPE_CHECKING:
    from socialvalue.batch import GroupValuation

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
    if isinstance(value, Phrase):
        return f.phrase(value)
    if kind == "label" and isinstance(value, str):
        return f.label(f"kind_{value.replace(' ', '_')}", value)
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


def _lines_of_steps(steps: tuple[Step, ...], currency: str, f: Formatter) -> tuple[str, ...]:
    """The numbered lines of a unit value's steps, in ``f``'s locale and words."""
    per_unit = f.label("working_per_unit")
    rounding = f.rounding.mode.value
    lines = []
    for number, step in enumerate(steps, start=1):
        said = (
            f.phrase(step.phrase)
            if step.phrase is not None
            else f.title(step.text)
            if step.name in DATA_STEPS
            else step.text
        )
        line = f"{number:>2}. {f.step_name(step.name)}: {said}"
        if step.result is not None:
            value = _display.working_number(step.result, locale=f.locale, rounding=rounding)
            line += "  → " + per_unit.format(value=value, currency=currency)
        lines.append(line)
    return tuple(lines)


@functools.lru_cache(maxsize=4096)
def _cached_step_lines(
    steps: tuple[Step, ...],
    currency: str,
    locale: str,
    rounding: RoundingPolicy,
    titles: tuple[tuple[str, str], ...],
) -> tuple[str, ...]:
    """:func:`_lines_of_steps` with the catalogue's words (cached: groups share unit values)."""
    f = Formatter(locale=locale, rounding=rounding, titles=dict(titles))
    return _lines_of_steps(steps, currency, f)


#: Steps whose text is the data's own prose (a registry's derivation of its value): shown in
#: the locale where the titles translate it, else as written (and listed as untranslated).
DATA_STEPS = frozenset({"derivation"})


def _data_of_steps(steps: tuple[Step, ...]) -> tuple[str, ...]:
    """The data's text the steps show: derivations, and data values of their phrases."""
    found: list[str] = []
    for step in steps:
        if step.phrase is not None:
            found.extend(data_text(step.phrase))
        elif step.name in DATA_STEPS:
            found.append(step.text)
    return tuple(found)


def _step_lines(steps: tuple[Step, ...], currency: str, f: Formatter) -> tuple[str, ...]:
    if f.labels is not None:
        return _lines_of_steps(steps, currency, f)
    titles = tuple((text, f.titles[text]) for text in _data_of_steps(steps) if text in f.titles)
    return _cached_step_lines(steps, currency, f.locale, f.rounding, titles)


def working(entry: TraceEntry, report: Report, f: Formatter) -> str:
    """The working behind an appendix entry, one numbered line a step.

    Per-unit figures are shown to six decimal places (``≈`` marks a shortened one); totals to
    the report's rounding.
    """
    return _working_text(
        f,
        header={
            "measure": entry.measure,
            "quantity": entry.quantity,
            "period": entry.period,
            "geography": entry.geography,
            "deliveries": f.plural("deliveries_count", entry.deliveries),
            "methodology": report.methodology,
        },
        steps=entry.steps,
        currency=entry.currency,
        amounts=(entry.gross, entry.net, entry.present_value),
    )


def group_working(group: GroupValuation, methodology: MethodologyRef, f: Formatter) -> str:
    """The working behind a valued group (``socialvalue explain``) in ``f``'s locale.

    What :meth:`~socialvalue.batch.GroupValuation.explain` says in English, each step in
    ``f``'s words; totals to ``f``'s rounding.

    >>> import socialvalue as sv
    >>> methodology = sv.default_methodology()
    >>> hours = [d for d in sv.io.example_deliveries().deliveries if d.measure == "LCR-COM-1"]
    >>> batch = sv.value_many(hours, methodology)
    >>> welsh = Formatter(locale="cy_GB", rounding=methodology.rounding)
    >>> print(group_working(batch.groups[0], methodology.ref, welsh))  # doctest: +ELLIPSIS
    LCR-COM-1: 14,000 yn ...
     1. procsi: LCR-COM-1 ar 2022-07-31: 14.72 GBP fesul hour (prisiau 2022/23), ...
    """
    return _working_text(
        f,
        header={
            "measure": group.key.measure,
            "quantity": group.quantity,
            "period": group.key.period,
            "geography": group.key.geography,
            "deliveries": f.plural("deliveries_count", group.count),
            "methodology": methodology,
        },
        steps=group.unit.steps,
        currency=group.unit.currency,
        amounts=(group.gross, group.net, group.present_value),
    )


def _working_text(
    f: Formatter,
    *,
    header: dict[str, object],
    steps: tuple[Step, ...],
    currency: str,
    amounts: tuple[Money | None, Money | None, Money | None],
) -> str:
    lines = [f.text("working_header", **header)]
    lines += _step_lines(steps, currency, f)
    gross, net, present = amounts
    if gross is None or net is None or present is None:
        last = f.text("working_counted", quantity=header["quantity"])
    else:
        last = f.text(
            "working_quantity",
            quantity=header["quantity"],
            gross=gross,
            net=net,
            present_value=present,
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
        shown.update(_table_data_text(table))
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
    for entry in report.trace:
        shown.update(_data_of_steps(entry.steps))
    return tuple(sorted(text for text in shown if text and text not in f.titles))


def _table_data_text(table: Table) -> set[str]:
    """The data's text in a table's name and text columns (of a phrase: its data values)."""
    shown: set[str] = set()
    for index, column in enumerate(table.columns):
        if column.kind in ("name", "text"):
            for row in table.rows:
                cell = row[index]
                if isinstance(cell, Phrase):
                    shown.update(data_text(cell))  # the catalogue says the rest
                elif cell is not None:
                    shown.add(str(cell))
    return shown
