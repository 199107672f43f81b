"""Render a report as one self-contained HTML file: inline CSS and SVG charts, no network.

Needs the ``report`` extra (Jinja2 and matplotlib).
"""

from __future__ import annotations

from functools import partial
from importlib import resources
from types import SimpleNamespace
from typing import Any

from socialvalue.money import Money
from socialvalue.report import _text
from socialvalue.report._charts import bar_chart_svg, tornado_chart_svg
from socialvalue.report._extras import require
from socialvalue.report._format import Formatter
from socialvalue.report._model import Report

__all__ = ["render_html"]


def _chart(report: Report, name: str, title_key: str, f: Formatter) -> str | None:
    table = report.table(name)
    rows = [(row[0], value) for row in table.rows if isinstance(value := row[-1], Money)]
    if not rows:
        return None
    first = table.columns[0]
    labels = [_text.cell_text(name, first.kind, f) for name, _ in rows]
    values = [value for _, value in rows]
    return bar_chart_svg(labels, values, title=f.label(title_key), f=f, name=name)


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
        NUMERIC_KINDS=_text.NUMERIC_KINDS,
        cell_text=partial(_text.cell_text, f=f),
        column_label=partial(_text.column_label, f=f),
        commitment_cells=partial(_text.commitment_cells, f=f),
        headline_figures=partial(_text.headline_figures, f=f),
        headline_label=partial(_text.headline_label, f=f),
        indicator_texts=partial(_text.indicator_texts, f=f),
        note_text=partial(_text.note_text, f=f),
        reconciliation=partial(_text.reconciliation, f=f),
        shown_evidence=partial(_text.shown_evidence, f=f),
        table_title=partial(_text.table_title, f=f),
        total_cells=partial(_text.total_cells, f=f),
        trace_summary=partial(_text.trace_summary, f=f),
        working=partial(_text.working, report=report, f=f),
    )


def render_html(report: Report, f: Formatter | None = None, *, charts: bool = True) -> str:
    """The report as one HTML document with charts of value by role and by theme.

    Args:
        report: A report built by :func:`build_report`.
        f: The locale, rounding and labels to use (default: ``en_GB`` with the report's
            rounding policy).
        charts: Whether to draw the charts (SVG, inline).

    Raises:
        MissingExtraError: Jinja2 or matplotlib is not installed (``socialvalue[report]``).

    Examples:
        >>> import datetime as dt
        >>> import socialvalue as sv
        >>> from socialvalue.report import Formatter, build_report, render_html
        >>> report = build_report(sv.io.example_deliveries(), sv.default_methodology(),
        ...                       title="Annual report", authority="LCRCA", period="2022/23",
        ...                       generated=dt.date(2026, 1, 1))
        >>> html = render_html(report, Formatter(locale="cy_GB"), charts=False)
        >>> '<html lang="cy">' in html, "Prif ffigurau" in html, "£256.8 mil" in html
        (True, True, True)
    """
    f = f if f is not None else Formatter(rounding=report.rounding)
    jinja2: Any = require("jinja2", "report")
    from socialvalue import __version__  # noqa: PLC0415 - the lazy attribute of the package

    source = (resources.files("socialvalue.report") / "templates" / "report.html.j2").read_text(
        encoding="utf-8"
    )
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = environment.from_string(source)
    drawn = []
    if charts:
        for name, key in (("by_role", "chart_role"), ("by_theme", "chart_theme")):
            svg = _chart(report, name, key, f)
            if svg is not None:
                drawn.append(svg)
        tornado = _tornado(report, f)
        if tornado is not None:
            drawn.append(tornado)

    html: str = template.render(
        report=report,
        f=f,
        text=_texts(report, f),
        lang=f.locale.split("_")[0],
        version=__version__,
        charts=drawn,
    )
    return html
