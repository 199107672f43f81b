"""Render a report as Markdown (and tables as CSV): text formats that need no extra packages."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from socialvalue.money import Money
from socialvalue.report._format import Formatter
from socialvalue.report._model import Report, Table

__all__ = [
    "cell_text",
    "reconciliation",
    "render_csv_tables",
    "render_markdown",
    "shown_evidence",
]


#: How many evidence references the appendix lists per entry (the report data keeps them all).
EVIDENCE_SHOWN = 12


def shown_evidence(evidence: tuple[str, ...]) -> str:
    """Evidence references for the appendix: the first few, and how many more there are."""
    text = "; ".join(evidence[:EVIDENCE_SHOWN])
    if len(evidence) > EVIDENCE_SHOWN:
        text += f"; … {len(evidence) - EVIDENCE_SHOWN:,} more"
    return text


def cell_text(value: object, kind: str, f: Formatter) -> str:
    """One table cell as text, formatted for its kind and the formatter's locale."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Money):
        return f.money(value)
    if kind == "count" and isinstance(value, int):
        return f.number(Decimal(value))
    if isinstance(value, Decimal) and kind in ("quantity", "ratio", "percent"):
        if kind == "percent":
            return f.percent(value)
        return f.number(value, 2 if kind == "ratio" else None)
    return str(value)


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
        shown = sum(
            (f.rounded(cell.amount) for row in table.rows if isinstance(cell := row[index], Money)),
            Decimal(0),
        )
        if shown != f.rounded(total.amount):
            notes.append(
                f"{column.label}: "
                + f.label("reconcile").format(
                    shown=f.money(Money(shown, total.currency)), total=f.money(total)
                )
            )
    return " ".join(notes)


def _md_table(table: Table, f: Formatter) -> list[str]:
    if not table.rows:
        return []
    numeric = {"money", "quantity", "count", "ratio", "percent"}
    header = "| " + " | ".join(f.label(c.key, c.label) for c in table.columns) + " |"
    rule = "| " + " | ".join("---:" if c.kind in numeric else "---" for c in table.columns) + " |"
    lines = [header, rule]
    rows = list(table.rows)
    if table.total is not None:
        rows.append((f.label("total"), *table.total[1:]))
    for n, row in enumerate(rows):
        cells = [
            cell_text(v, c.kind, f).replace("|", "\\|")
            for v, c in zip(row, table.columns, strict=True)
        ]
        if table.total is not None and n == len(rows) - 1:
            cells = [f"**{cell}**" if cell else "" for cell in cells]
        lines.append("| " + " | ".join(cells) + " |")
    note = reconciliation(table, f)
    if note:
        lines += ["", f"_{note}_"]
    return lines


def render_markdown(report: Report, f: Formatter) -> str:
    """The whole report as Markdown, figures formatted for ``f``'s locale."""
    lines = [
        f"# {report.title}",
        "",
        f"{report.authority} — {f.label('period')}: {report.period}",
        "",
        (
            f"{f.label('methodology')}: {report.methodology_title} (`{report.methodology}`). "
            f"{f.label('prices')}: {report.price_base or '—'}. "
            f"{f.label('generated')}: {f.date(report.generated)}."
        ),
        "",
        f"## {f.label('headlines')}",
        "",
    ]
    lines += _headlines(report, f)
    for table in report.tables:
        body = _md_table(table, f)
        if body:
            lines += ["", f"## {f.label(table.name, table.title)}", "", *body]
    lines += _indicators_and_commitments(report, f)
    lines += ["", f"## {f.label('notes')}", ""]
    lines += [f"- {note}" for note in report.notes]
    lines.append(f"- {f.label('rounding_note')}")
    lines += ["", f"## {f.label('appendix')}", ""]
    lines += _appendix(report, f)
    return "\n".join(lines).rstrip() + "\n"


def _headlines(report: Report, f: Formatter) -> list[str]:
    lines = []
    for headline in report.headlines:
        if headline.amount is not None:
            figure = f"**{f.compact(headline.amount)}** ({f.money(headline.amount)})"
        else:
            assert headline.quantity is not None  # noqa: S101 - a headline has one or the other
            figure = f"**{f.number(headline.quantity)}** {headline.unit}"
        trace = f" — {f.label('see')} {', '.join(headline.trace[:6])}" if headline.trace else ""
        if len(headline.trace) > 6:
            trace += " …"
        lines.append(f"- {f.label(headline.key, headline.label)}: {figure}{trace}")
    return lines


def _indicators_and_commitments(report: Report, f: Formatter) -> list[str]:
    lines: list[str] = []
    if report.indicators:
        lines += ["", f"## {f.label('indicators')}", ""]
        for indicator in report.indicators:
            shown = (
                f.percent(indicator.value)
                if indicator.kind == "percent"
                else f.number(indicator.value, 2)
            )
            lines.append(f"- {indicator.label}: **{shown}** ({indicator.basis})")
    if report.commitments:
        lines += [
            "",
            f"## {f.label('commitments')}",
            "",
            f"| Id | {f.label('commitments')} | {f.label('role')} | {f.label('status')} | |",
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {c.id} | {c.title} | {c.role} | {c.rag} | {c.reasons} |" for c in report.commitments
        ]
    return lines


def _appendix(report: Report, f: Formatter) -> list[str]:
    lines: list[str] = []
    for entry in report.trace:
        value = f.money(entry.present_value) if entry.present_value is not None else "—"
        lines += [
            f"### {entry.id}. {entry.measure} {entry.title}",
            "",
            (
                f"{entry.period}, {entry.geography}: {f.number(entry.quantity)} "
                f"({entry.deliveries} {f.label('deliveries').lower()}) → {value}"
            ),
        ]
        if entry.projects:
            lines.append(f"{f.label('projects')}: {', '.join(entry.projects)}.")
        if entry.evidence:
            lines.append(f"{f.label('evidence')}: {shown_evidence(entry.evidence)}.")
        lines += ["", "```text", entry.working, "```", ""]
    return lines


def _csv_cell(value: object, f: Formatter) -> object:
    if isinstance(value, Money):
        return f.rounded(value.amount)
    return "" if value is None else value


def render_csv_tables(report: Report, f: Formatter) -> dict[str, str]:
    """Each table as CSV text, by table name. Amounts are written rounded, without symbols."""
    out: dict[str, str] = {}
    for table in report.tables:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.key for c in table.columns])
        rows = list(table.rows) + ([table.total] if table.total is not None else [])
        for row in rows:
            writer.writerow(
                [
                    f.rounded(value.amount)
                    if isinstance(value, Money)
                    else ("" if value is None else value)
                    for value in row
                ]
            )
        out[table.name] = buffer.getvalue()
    return out
