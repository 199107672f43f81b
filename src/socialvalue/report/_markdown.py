"""Render a report as Markdown (and tables as CSV): text formats that need no extra packages."""

from __future__ import annotations

import csv
import io

from socialvalue._phrases import Phrase
from socialvalue._text import guard_formula, markdown_code, markdown_fence, markdown_text
from socialvalue.money import Money
from socialvalue.report._format import Formatter
from socialvalue.report._model import Report, Table
from socialvalue.report._text import (
    NUMERIC_KINDS,
    cell_text,
    column_label,
    commitment_cells,
    headline_figures,
    headline_label,
    indicator_texts,
    meta_line,
    note_text,
    reconciliation,
    shown_evidence,
    table_title,
    total_cells,
    trace_summary,
    working,
)

__all__ = ["render_csv_tables", "render_markdown"]

_HEADLINE_TRACE_SHOWN = 6


def _formatter(report: Report, f: Formatter | None) -> Formatter:
    return f if f is not None else Formatter(rounding=report.rounding)


def _md_table(table: Table, f: Formatter) -> list[str]:
    if not table.rows:
        return []
    header = "| " + " | ".join(markdown_text(column_label(c, f)) for c in table.columns) + " |"
    rule = (
        "| "
        + " | ".join("---:" if c.kind in NUMERIC_KINDS else "---" for c in table.columns)
        + " |"
    )
    lines = [header, rule]
    for row in table.rows:
        cells = [
            markdown_text(cell_text(v, c.kind, f)) for v, c in zip(row, table.columns, strict=True)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    if table.total is not None:
        cells = total_cells(table, f)
        lines.append(
            "| " + " | ".join(f"**{markdown_text(cell)}**" if cell else "" for cell in cells) + " |"
        )
    note = reconciliation(table, f)
    if note:
        lines += ["", f"_{markdown_text(note)}_"]
    return lines


def render_markdown(report: Report, f: Formatter | None = None) -> str:
    """The whole report as Markdown, figures formatted for ``f``'s locale.

    Args:
        report: A report built by :func:`build_report`.
        f: The locale, rounding and labels to use (default: ``en_GB`` with the report's
            rounding policy).

    Examples:
        >>> import datetime as dt
        >>> import socialvalue as sv
        >>> from socialvalue.report import Formatter, build_report, render_markdown
        >>> report = build_report(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       title="Annual report", authority="LCRCA", period="2022/23",
        ...                       generated=dt.date(2026, 1, 1))
        >>> print(render_markdown(report).splitlines()[2])
        LCRCA — Period: 2022/23
        >>> print(render_markdown(report, Formatter(locale="cy_GB")).splitlines()[2])
        LCRCA — Cyfnod: 2022/23
    """
    f = _formatter(report, f)
    lines = [
        f"# {markdown_text(report.title)}",
        "",
        f"{markdown_text(report.authority)} — {f.label('period')}: {markdown_text(report.period)}",
        "",
        meta_line(
            report,
            f,
            reference=markdown_code(str(report.methodology)),
            escape=markdown_text,
        ),
        "",
        f"## {f.label('headlines')}",
        "",
    ]
    lines += _headlines(report, f)
    for table in report.tables:
        body = _md_table(table, f)
        if body:
            lines += ["", f"## {markdown_text(table_title(table, f))}", "", *body]
    lines += _indicators_and_commitments(report, f)
    lines += ["", f"## {f.label('notes')}", ""]
    lines += [f"- {markdown_text(note_text(note, f))}" for note in report.notes]
    lines.append(f"- {f.label('rounding_note')}")
    lines += ["", f"## {f.label('appendix')}", ""]
    lines += _appendix(report, f)
    return "\n".join(lines).rstrip() + "\n"


def _headlines(report: Report, f: Formatter) -> list[str]:
    from socialvalue.report._members import quantity_text  # noqa: PLC0415 - its one definition

    lines = []
    for headline in report.headlines:
        figure, under = headline_figures(headline, f)
        if headline.amount is not None:
            shown = f"**{figure}** ({under})"
            if headline.low is not None and headline.high is not None:
                # as the members' report says it: the range beside the central figure
                low, high = f.compact(headline.low), f.compact(headline.high)
                shown += f" — {markdown_text(f.text('members_range', low=low, high=high))}"
        elif headline.quantity is not None:
            # "11 apprenticeship places", "14,000 hours": never "11 item"
            said = quantity_text(headline.quantity, headline.unit, headline.unit_kind, f)
            shown = f"**{markdown_text(said)}**"
        else:
            shown = f"**{figure}** {markdown_text(under)}"
        trace = ""
        if headline.trace:
            traced = markdown_text(", ".join(headline.trace[:_HEADLINE_TRACE_SHOWN]))
            trace = f" — {f.label('see')} {traced}"
            if len(headline.trace) > _HEADLINE_TRACE_SHOWN:
                trace += " …"
        lines.append(f"- {markdown_text(headline_label(headline, f))}: {shown}{trace}")
    return lines


def _indicators_and_commitments(report: Report, f: Formatter) -> list[str]:
    lines: list[str] = []
    if report.indicators:
        lines += ["", f"## {f.label('indicators')}", ""]
        for indicator in report.indicators:
            label, figure, basis = indicator_texts(indicator, f)
            lines.append(f"- {markdown_text(label)}: **{figure}** ({markdown_text(basis)})")
    if report.commitments:
        lines += [
            "",
            f"## {f.label('commitments')}",
            "",
            (
                f"| {f.label('id')} | {f.label('commitments')} | {f.label('role')} "
                f"| {f.label('status')} | |"
            ),
            "| --- | --- | --- | --- | --- |",
        ]
        lines += [
            "| " + " | ".join(markdown_text(cell) for cell in commitment_cells(c, f)) + " |"
            for c in report.commitments
        ]
    return lines


def _appendix(report: Report, f: Formatter) -> list[str]:
    lines: list[str] = []
    for entry in report.trace:
        lines += [
            f"### {markdown_text(f'{entry.id}. {entry.measure} {f.title(entry.title)}')}",
            "",
            markdown_text(trace_summary(entry, f)),
        ]
        if entry.projects:
            lines.append(f"{f.label('projects')}: {markdown_text(', '.join(entry.projects))}.")
        if entry.evidence:
            lines.append(
                f"{f.label('evidence')}: {markdown_text(shown_evidence(entry.evidence, f))}."
            )
        text = working(entry, report, f)
        fence = markdown_fence(text)
        lines += ["", f"{fence}text", text, fence, ""]
    return lines


def _csv_cell(value: object, kind: str, f: Formatter, *, total: bool = False) -> object:
    """A CSV cell: amounts rounded once, without symbols or grouping; periods as labels."""
    if isinstance(value, Money):
        return f.rounded(value.amount)
    if kind == "name" and value is None and not total:
        return f.label("none")
    if value is None:
        return ""
    if isinstance(value, Phrase):
        return guard_formula(f.phrase(value))
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return guard_formula(label)
    return guard_formula(value) if isinstance(value, str) else value


def render_csv_tables(report: Report, f: Formatter | None = None) -> dict[str, str]:
    """Each table as CSV text, by table name, and every working of the appendix (``workings``).

    Headers are the columns' keys; amounts are written rounded with the rounding policy,
    without symbols or grouping, so a spreadsheet reads them as numbers; the total row is
    labelled in ``f``'s locale.

    Examples:
        >>> import datetime as dt
        >>> import socialvalue as sv
        >>> from socialvalue.report import build_report, render_csv_tables
        >>> report = build_report(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       title="Annual report", authority="LCRCA", period="2022/23",
        ...                       generated=dt.date(2026, 1, 1))
        >>> print(render_csv_tables(report)["by_role"])
        role,deliveries,gross,net,present_value
        Commissioner,1,225718.40,225718.40,241795.20
        Investor,1,5621.04,5621.04,6021.40
        Service provider,2,18684.20,18684.20,20014.99
        Total,4,250023.65,250023.65,267831.59
        <BLANKLINE>
    """
    f = _formatter(report, f)
    out: dict[str, str] = {}
    for table in report.tables:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([guard_formula(c.key) for c in table.columns])
        for row in table.rows:
            writer.writerow(
                [_csv_cell(v, c.kind, f) for v, c in zip(row, table.columns, strict=True)]
            )
        if table.total is not None:
            rest = zip(table.total[1:], table.columns[1:], strict=True)
            writer.writerow(
                [f.label("total"), *(_csv_cell(v, c.kind, f, total=True) for v, c in rest)]
            )
        out[table.name] = buffer.getvalue()
    out["workings"] = _workings_csv(report, f)
    return out


def _workings_csv(report: Report, f: Formatter) -> str:
    """Every working of the appendix as one CSV row (the annex shows the largest)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "id",
            "measure",
            "title",
            "period",
            "geography",
            "quantity",
            "deliveries",
            "projects",
            "gross",
            "net",
            "present_value",
        ]
    )
    for entry in report.trace:
        writer.writerow(
            [
                guard_formula(entry.id),
                guard_formula(entry.measure),
                guard_formula(entry.title),
                entry.period.label,
                guard_formula(entry.geography),
                entry.quantity,
                entry.deliveries,
                guard_formula("; ".join(entry.projects)),
                *(
                    "" if amount is None else f.rounded(amount.amount)
                    for amount in (entry.gross, entry.net, entry.present_value)
                ),
            ]
        )
    return buffer.getvalue()
