"""Reports: the annual social value report as data, rendered as Markdown, CSV or HTML.

Building a report is pure (:func:`build_report`) and gives data: numbers, money, periods,
codes and titles from the data, no formatted text. Rendering words and formats it, rounding every
figure once, with Babel, for an explicit locale (``en_GB``, ``cy_GB``): one built report renders
in either. HTML with charts needs the ``report`` extra
(Jinja2 and matplotlib): ``pip install "socialvalue[report]"``.
"""

from socialvalue.report._bridge import (
    bridge_tables,
    render_bridge_csv,
    render_bridge_html,
    render_bridge_markdown,
)
from socialvalue.report._build import REPORT_BY, ReportOptions, build_report
from socialvalue.report._format import LABELS, SUPPORTED_LOCALES, Formatter
from socialvalue.report._html import render_html
from socialvalue.report._markdown import render_csv_tables, render_markdown
from socialvalue.report._members import render_members_html
from socialvalue.report._model import (
    AppraisalLine,
    Column,
    CommitmentLine,
    Exclusion,
    Headline,
    Indicator,
    Note,
    Outcome,
    Report,
    RoleSummary,
    Spotlight,
    Table,
    TraceEntry,
)
from socialvalue.report._pdf import html_to_pdf
from socialvalue.report._text import group_working, reconciliation

__all__ = [
    "LABELS",
    "REPORT_BY",
    "SUPPORTED_LOCALES",
    "AppraisalLine",
    "Column",
    "CommitmentLine",
    "Exclusion",
    "Formatter",
    "Headline",
    "Indicator",
    "Note",
    "Outcome",
    "Report",
    "ReportOptions",
    "RoleSummary",
    "Spotlight",
    "Table",
    "TraceEntry",
    "bridge_tables",
    "build_report",
    "group_working",
    "html_to_pdf",
    "reconciliation",
    "render_bridge_csv",
    "render_bridge_html",
    "render_bridge_markdown",
    "render_csv_tables",
    "render_html",
    "render_markdown",
    "render_members_html",
]
