"""Charts as inline SVG, written directly: text stays text, nothing to download or plot with.

A horizontal bar chart is a few rectangles and labels; writing them directly takes
milliseconds, where drawing them with a plotting library took most of a report's rendering
time. Every piece of text from the data is escaped for XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from socialvalue.money import Money
from socialvalue.report._format import Formatter

__all__ = ["bar_chart_svg"]

_WIDTH = 720
_ROW = 30
_BAR = 20
_CHAR = 8.0  # a generous average character width at 13 px, so labels are never cut off
_COLOUR = "#1f5f8b"
_INK = "#1d2430"


def _clip(text: str, room: float) -> str:
    most = max(int(room / _CHAR), 4)
    return text if len(text) <= most else text[: most - 1] + "…"


def bar_chart_svg(
    labels: Sequence[str], values: Sequence[Money], *, title: str, f: Formatter, name: str
) -> str:
    """A horizontal bar chart as an ``<svg>`` element, self-contained (no external links).

    Bars are drawn to the nearest penny (a chart cannot show more); each is labelled with the
    amount in the compact form the report uses. ``title`` is drawn at the top when given;
    ``name`` prefixes the element ids so several charts can share one page.

    >>> from socialvalue.report import Formatter
    >>> svg = bar_chart_svg(["A & B"], [Money("1200")], title="", f=Formatter(), name="c")
    >>> svg.startswith("<svg"), "A &amp; B" in svg, "£1.2 thousand" in svg
    (True, True, True)
    """
    numbers = [f.rounded(value.amount, 2) for value in values]
    top = max([*numbers, Decimal(0)]) or Decimal(1)
    label_room = min(max((len(label) for label in labels), default=4) * _CHAR + 12, _WIDTH * 0.4)
    value_room = 110
    bar_room = _WIDTH - label_room - value_room
    heading = 24 if title else 0
    height = heading + _ROW * max(len(labels), 1) + 8
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {height}" '
        f'width="{_WIDTH}" height="{height}" id={quoteattr(name)} '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" '
        f'font-size="13" fill="{_INK}">'
    )
    parts = [opening]
    if title:
        parts.append(f'<text x="0" y="16" font-size="15" font-weight="600">{escape(title)}</text>')
    for row, (label, value, number) in enumerate(zip(labels, values, numbers, strict=True)):
        y = heading + row * _ROW + 4
        length = max(float(number / top) * bar_room, 1.0 if number > 0 else 0.0)
        middle = y + _BAR / 2 + 4
        parts.append(
            f'<text x="{label_room - 8:.1f}" y="{middle:.1f}" text-anchor="end">'
            f"{escape(_clip(label, label_room - 8))}</text>"
            f'<rect x="{label_room:.1f}" y="{y}" width="{length:.1f}" height="{_BAR}" '
            f'fill="{_COLOUR}"/>'
            f'<text x="{label_room + length + 6:.1f}" y="{middle:.1f}">'
            f"{escape(f.compact(value))}</text>"
        )
    axis = heading + _ROW * max(len(labels), 1)
    parts.append(
        f'<line x1="{label_room:.1f}" y1="{heading}" x2="{label_room:.1f}" y2="{axis}" '
        f'stroke="{_INK}" stroke-width="1"/></svg>'
    )
    return "".join(parts)
