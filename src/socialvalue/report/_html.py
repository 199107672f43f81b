"""Render the technical annex as one self-contained HTML file: inline CSS and SVG, no network.

The annex summarises before it lists: headline figures point to the appendix, long tables show
their largest rows and count the rest, and the appendix shows the workings with the largest
values; the full detail goes to CSV beside the HTML (``csv_href`` names where). Needs the
``report`` extra (Jinja2).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import partial
from types import SimpleNamespace
from typing import Any

from socialvalue.money import Money
from socialvalue.report import _text
from socialvalue.report._charts import tornado_chart_svg
from socialvalue.report._format import Formatter
from socialvalue.report._members import (
    RAG_SHAPES,
    amount_cards,
    big_numbers,
    chart,
)
from socialvalue.report._model import Report, Table, TraceEntry
from socialvalue.report._render import render_template

__all__ = ["TABLE_ROWS", "WORKINGS_SHOWN", "render_html"]

#: Rows a table of the annex shows before counting the rest (the CSV beside has them all).
TABLE_ROWS = 30
#: Workings the appendix shows, the largest present value first.
WORKINGS_SHOWN = 40


def _tornado(report: Report, f: Formatter) -> str | None:
    try:
        table = report.table("sensitivity")
    except KeyError:
        return None
    scenarios = report.table("scenarios")
    if not table.rows:
        return None
    central = next(row[-1] for row in scenarios.rows if row[0] == "central")
    assert isinstance(central, Money)  # noqa: S101 - the scenarios table holds money
    labels = [str(row[0]) for row in table.rows]
    lows = [row[3] for row in table.rows]
    highs = [row[4] for row in table.rows]
    assert all(isinstance(v, Money) for v in (*lows, *highs))  # noqa: S101 - likewise
    return tornado_chart_svg(
        labels,
        [v for v in lows if isinstance(v, Money)],
        [v for v in highs if isinstance(v, Money)],
        central,
        title=f.label("chart_tornado"),
        description=f"{f.label('chart_tornado')}: {_text.table_title(table, f)}",
        f=f,
        name="tornado",
    )


def _texts(report: Report, f: Formatter) -> SimpleNamespace:
    """The text functions of :mod:`._text`, bound to the formatter, for the template."""
    return SimpleNamespace(
        indicator_texts=partial(_text.indicator_texts, f=f),
        note_text=partial(_text.note_text, f=f),
        shown_evidence=partial(_text.shown_evidence, f=f),
        table_title=partial(_text.table_title, f=f),
        trace_summary=partial(_text.trace_summary, f=f),
        working=partial(_text.working, report=report, f=f),
    )


def _css(kind: str) -> str:
    if kind in _text.NUMERIC_KINDS:
        return "num"
    return "code" if kind in ("code", "period") else ""


def _value_of(row: Sequence[object]) -> Decimal:
    """A row's largest figure, to sort by: its last money cell, else its last count."""
    for cell in reversed(row):
        if isinstance(cell, Money):
            return cell.amount
    for cell in reversed(row):
        if isinstance(cell, (int, Decimal)) and not isinstance(cell, bool):
            return Decimal(cell)
    return Decimal(0)


def _table_view(table: Table, f: Formatter, *, limit: int, csv_href: str | None) -> dict[str, Any]:
    rows = (
        sorted(table.rows, key=lambda row: -_value_of(row))
        if len(table.rows) > limit
        else list(table.rows)
    )
    shown = rows[:limit]
    rest = len(table.rows) - len(shown)
    where = f"{csv_href}/{table.name}.csv" if csv_href else f.label("annex")
    return {
        "name": table.name,
        "title": _text.table_title(table, f),
        "columns": [
            {"label": _text.column_label(c, f), "css": _css(c.kind)} for c in table.columns
        ],
        "rows": [
            [_text.cell_text(v, c.kind, f) for v, c in zip(row, table.columns, strict=True)]
            for row in shown
        ],
        "total": _text.total_cells(table, f) if table.total is not None else None,
        "rest": f.plural("rest_rows", rest, file=where) if rest > 0 else "",
    }


def _untranslated(report: Report, f: Formatter) -> str:
    """The note listing text from the data shown as written, in a locale other than English."""
    missing = _text.untranslated(report, f)
    return f.text("untranslated", items="; ".join(missing)) if missing else ""


def _entries(report: Report) -> list[TraceEntry]:
    def key(entry: TraceEntry) -> tuple[Decimal, int]:
        value = entry.present_value.amount if entry.present_value is not None else Decimal(-1)
        return (-value, int(entry.id[1:]) if entry.id[1:].isdigit() else 0)

    return sorted(report.trace, key=key)


def render_html(  # noqa: PLR0913 - keyword-only options of one document
    report: Report,
    f: Formatter | None = None,
    *,
    charts: bool = True,
    members_href: str | None = None,
    csv_href: str | None = None,
    rows: int = TABLE_ROWS,
    workings: int = WORKINGS_SHOWN,
) -> str:
    """The technical annex as one HTML document: tables, what was not valued, methods, workings.

    Args:
        report: A report built by :func:`build_report`.
        f: The locale, rounding and labels to use (default: ``en_GB`` with the report's
            rounding policy).
        charts: Whether to draw the charts (SVG, inline); their data tables are always there.
        members_href: Where the members' report is (a relative link), if it is published.
        csv_href: The folder beside the HTML holding every table and every working as CSV;
            long lists say the rest is there.
        rows: Rows each table shows (the largest first) before counting the rest.
        workings: Workings the appendix shows (the largest present value first).

    Raises:
        MissingExtraError: Jinja2 is not installed (``socialvalue[report]``).

    Examples:
        >>> import datetime as dt
        >>> import socialvalue as sv
        >>> from socialvalue.report import Formatter, build_report, render_html
        >>> report = build_report(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       title="Annual report", authority="LCRCA", period="2022/23",
        ...                       generated=dt.date(2026, 1, 1))
        >>> html = render_html(report, Formatter(locale="cy_GB"), charts=False)
        >>> '<html lang="cy">' in html, "Prif ffigurau" in html, "£267.8 mil" in html
        (True, True, True)
    """
    f = f if f is not None else Formatter(rounding=report.rounding)
    cards, equal_note = amount_cards(report, f)
    drawn = [
        c
        for c in (
            chart(report, "by_role", "chart_role", f, draw=charts),
            chart(report, "by_theme", "chart_theme", f, draw=charts),
        )
        if c is not None
    ]
    tornado = _tornado(report, f) if charts else None
    entries = _entries(report)
    rest = len(entries) - workings
    where = f"{csv_href}/workings.csv" if csv_href else f.label("annex")
    return render_template(
        "report.html.j2",
        f,
        report=report,
        text=_texts(report, f),
        cards=cards,
        equal_note=equal_note,
        big=big_numbers(report.headlines, f, limit=len(report.headlines)),
        charts=drawn,
        tornado=tornado,
        tables=[_table_view(t, f, limit=rows, csv_href=csv_href) for t in report.tables if t.rows],
        commitments=[
            {
                "id": c.id,
                "title": f.title(c.title),
                "role": f.title(c.role),
                "rag": c.rag,
                "shape": RAG_SHAPES.get(c.rag, "•"),
                "status": _text.commitment_cells(c, f)[3],
                "reasons": "; ".join(c.reasons),
            }
            for c in report.commitments
        ],
        members_href=members_href,
        entries=entries[:workings],
        appendix_rest=(f.plural("appendix_rest", rest, file=where) if rest > 0 else ""),
        untranslated=_untranslated(report, f),
    )
