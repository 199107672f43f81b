"""The bridge between two methodologies (:func:`socialvalue.compare.compare`), rendered.

A table of the change in each total by cause (its total row is the whole change, which the
parts add up to exactly), the same by measure, what changed in words, and in HTML a bridge
(waterfall) chart from the old present value to the new. Markdown, CSV and HTML carry the same
figures, each rounded once when shown.
"""

from __future__ import annotations

import csv
import html
import io

from socialvalue.compare import Bridge
from socialvalue.money import Money
from socialvalue.report import _text
from socialvalue.report._charts import waterfall_chart_svg
from socialvalue.report._format import Formatter
from socialvalue.report._model import Column, Table

__all__ = ["bridge_tables", "render_bridge_csv", "render_bridge_html", "render_bridge_markdown"]

_TOTALS = ("gross", "net", "present_value")
_STYLE = (
    "<style>body{font-family:sans-serif;max-width:60rem;margin:auto}"
    "td:not(:first-child){text-align:right}svg{width:100%;height:auto}</style>"
)


def bridge_tables(bridge: Bridge) -> tuple[Table, Table]:
    """The bridge as report tables: by cause (total row: the whole change), and by measure."""
    money = tuple(Column(key=name, kind="money") for name in _TOTALS)
    by_cause = Table(
        name="bridge",
        columns=(Column(key="cause", kind="code"), *money),
        rows=tuple(
            (step.cause, *(Money(step.change(name)) for name in _TOTALS)) for step in bridge
        ),
        total=(None, *(Money(bridge.change(name)) for name in _TOTALS)),
    )
    by_measure = Table(
        name="bridge_by_measure",
        columns=(Column(key="cause", kind="code"), Column(key="measure", kind="code"), *money),
        rows=tuple(
            (step.cause, part.measure, *(Money(getattr(part, name)) for name in _TOTALS))
            for step in bridge
            for part in step.by_measure
        ),
    )
    return by_cause, by_measure


def _formatter(f: Formatter | None) -> Formatter:
    return f if f is not None else Formatter()


def _cause(cause: object, f: Formatter) -> str:
    return f.label(f"cause_{str(cause).replace(' ', '_')}", str(cause))


def _rows(table: Table, f: Formatter) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells = [_text.cell_text(v, c.kind, f) for v, c in zip(row, table.columns, strict=True)]
        cells[0] = _cause(row[0], f)
        rows.append(cells)
    return rows


def _summary(bridge: Bridge, f: Formatter) -> list[str]:
    before = Money(bridge.total("present_value", new=False))
    after = Money(bridge.total("present_value", new=True))
    change = f.money(Money(bridge.change()))
    return [
        f"{f.label('old_methodology')}: {bridge.old}",
        f"{f.label('new_methodology')}: {bridge.new}",
        f"{f.label('present_value')}: {f.money(before)} → {f.money(after)} ({change})",
        f.label("bridge_order"),
    ]


def render_bridge_markdown(bridge: Bridge, f: Formatter | None = None) -> str:
    """The bridge as Markdown: summary, table by cause, table by measure, what changed.

    Examples:
        >>> import attrs, socialvalue as sv
        >>> from socialvalue.compare import compare
        >>> old = sv.default_methodology()
        >>> carbon = sv.Delivery(measure="LCR-ENV-2", quantity="10", period="2024/25")
        >>> bridge = compare([carbon], old, attrs.evolve(old, price_base="2023/24"))
        >>> print(render_bridge_markdown(bridge).split("## ")[1])  # doctest: +NORMALIZE_WHITESPACE
        Change by cause
        <BLANKLINE>
        | Cause | Gross value | Net value | Present value |
        | --- | ---: | ---: | ---: |
        | Framework | £0.00 | £0.00 | £0.00 |
        | Proxy values | £0.00 | £0.00 | £0.00 |
        | Prices (price base and deflator) | -£114.55 | -£114.55 | -£114.55 |
        | Additionality | £0.00 | £0.00 | £0.00 |
        | Discounting | £0.00 | £0.00 | £0.00 |
        | Total | -£114.55 | -£114.55 | -£114.55 |
        <BLANKLINE>
        <BLANKLINE>
    """
    f = _formatter(f)
    by_cause, by_measure = bridge_tables(bridge)
    lines = [f"# {f.label('bridge_title')}", ""]
    lines += [f"- {line}" for line in _summary(bridge, f)]
    for table in (by_cause, by_measure):
        if not table.rows:
            continue
        heads = [_text.column_label(c, f) for c in table.columns]
        align = ["---:" if c.kind == "money" else "---" for c in table.columns]
        lines += ["", f"## {_text.table_title(table, f)}", ""]
        lines += ["| " + " | ".join(heads) + " |", "| " + " | ".join(align) + " |"]
        lines += ["| " + " | ".join(cells) + " |" for cells in _rows(table, f)]
        if table.total is not None:
            lines.append("| " + " | ".join(_text.total_cells(table, f)) + " |")
        lines.append("")
    details = [(step.cause, d) for step in bridge for d in step.details]
    if details:
        lines += [f"## {f.label('bridge_details')}", ""]
        lines += [f"- {_cause(cause, f)}: {detail}" for cause, detail in details]
    return "\n".join(lines).rstrip() + "\n"


def render_bridge_csv(bridge: Bridge, f: Formatter | None = None) -> str:
    """The bridge by cause and measure as CSV (a ``measure`` of ``""`` is the cause's total).

    Amounts are rounded once with the formatter's policy, without symbols or grouping.
    """
    f = _formatter(f)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["cause", "measure", *_TOTALS])
    for step in bridge:
        writer.writerow([step.cause, "", *(f.rounded(step.change(n)) for n in _TOTALS)])
        for part in step.by_measure:
            writer.writerow(
                [step.cause, part.measure, *(f.rounded(getattr(part, n)) for n in _TOTALS)]
            )
    writer.writerow(["total", "", *(f.rounded(bridge.change(n)) for n in _TOTALS)])
    return buffer.getvalue()


def _html_table(table: Table, f: Formatter) -> str:
    head = "".join(f"<th>{html.escape(_text.column_label(c, f))}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in cells) + "</tr>"
        for cells in _rows(table, f)
    )
    foot = ""
    if table.total is not None:
        foot = (
            "<tfoot><tr>"
            + "".join(f"<td>{html.escape(c)}</td>" for c in _text.total_cells(table, f))
            + "</tr></tfoot>"
        )
    title = html.escape(_text.table_title(table, f))
    return (
        f"<table><caption>{title}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody>{foot}</table>"
    )


def render_bridge_html(bridge: Bridge, f: Formatter | None = None, *, charts: bool = True) -> str:
    """The bridge as one self-contained HTML page, with a waterfall chart (``report`` extra).

    The chart's text alternative is the table by cause, which carries the same figures.
    """
    f = _formatter(f)
    by_cause, by_measure = bridge_tables(bridge)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{f.locale.split("_")[0]}"><head><meta charset="utf-8">',
        f"<title>{html.escape(f.label('bridge_title'))}</title>",
        _STYLE,
        f"</head><body><h1>{html.escape(f.label('bridge_title'))}</h1><ul>",
        *(f"<li>{html.escape(line)}</li>" for line in _summary(bridge, f)),
        "</ul>",
    ]
    if charts:
        parts.append(
            "<figure>"
            + waterfall_chart_svg(
                [_cause(step.cause, f) for step in bridge],
                [Money(step.present_value) for step in bridge],
                Money(bridge.total("present_value", new=False)),
                Money(bridge.total("present_value", new=True)),
                title=f.label("chart_bridge"),
                description=f"{f.label('chart_bridge')}: {_text.table_title(by_cause, f)}",
                f=f,
                name="bridge",
                ends=(f.label("old_methodology"), f.label("new_methodology")),
            )
            + "</figure>"
        )
    parts.append(_html_table(by_cause, f))
    if by_measure.rows:
        parts.append(_html_table(by_measure, f))
    details = [(step.cause, d) for step in bridge for d in step.details]
    if details:
        parts.append(f"<h2>{html.escape(f.label('bridge_details'))}</h2><ul>")
        parts += [f"<li>{html.escape(_cause(c, f))}: {html.escape(d)}</li>" for c, d in details]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
