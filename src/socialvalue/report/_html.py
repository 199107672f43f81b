"""Render a report as one self-contained HTML file: inline CSS and SVG charts, no network.

Needs the ``report`` extra (Jinja2 and matplotlib).
"""

from __future__ import annotations

from decimal import Decimal
from importlib import resources
from typing import Any

from socialvalue.report._charts import bar_chart_svg
from socialvalue.report._extras import require
from socialvalue.report._format import Formatter
from socialvalue.report._markdown import cell_text, reconciliation, shown_evidence
from socialvalue.report._model import Report, Table

__all__ = ["render_html"]


def _chart(report: Report, name: str, title_key: str, f: Formatter) -> str | None:
    table = report.table(name)
    rows = [row for row in table.rows if row[-1] is not None]
    if not rows:
        return None
    labels = [str(row[0]) for row in rows]
    values = [row[-1].amount if hasattr(row[-1], "amount") else Decimal(0) for row in rows]
    return bar_chart_svg(labels, values, title=f.label(title_key), f=f, name=name)


def render_html(report: Report, f: Formatter, *, charts: bool = True) -> str:
    """The report as one HTML document with charts of value by role and by theme.

    Raises:
        MissingExtraError: Jinja2 or matplotlib is not installed (``socialvalue[report]``).
    """
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

    def cell(value: object, kind: str) -> str:
        return cell_text(value, kind, f)

    def reconcile(table: Table) -> str:
        return reconciliation(table, f)

    html: str = template.render(
        report=report,
        f=f,
        lang=f.locale.split("_")[0],
        version=__version__,
        charts=drawn,
        numeric={"money", "quantity", "count", "ratio", "percent"},
        cell=cell,
        reconcile=reconcile,
        evidence=shown_evidence,
    )
    return html
