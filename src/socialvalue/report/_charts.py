"""Charts as inline SVG; text from the data is escaped in every one.

Bar charts are written directly (text stays text, fast, nothing to download); the tornado and
waterfall charts are drawn with matplotlib's SVG backend (the ``report`` extra).
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from types import ModuleType
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from socialvalue._text import mathtext
from socialvalue.money import Money
from socialvalue.report._extras import require
from socialvalue.report._format import Formatter

__all__ = ["bar_chart_svg", "tornado_chart_svg", "waterfall_chart_svg"]

_ID = re.compile(r'\bid="([^"]+)"')


_ROW = 44  # a label line, its bar, and a gap
_LABEL = 18  # the label's line above the bar
_BAR = 16
_BAR_SHARE = 60.0  # the longest bar's share of the width: the amount fits after it at 320 px
_LABEL_ROOM = 300.0  # px a label may take: what fits on a 320 px screen
_CHAR = 7.5  # a generous average character width at 13 px, so labels are never cut off
_COLOUR = "#1f5f8b"
_INK = "#1d2430"


def _clip(text: str, room: float) -> str:
    most = max(int(room / _CHAR), 4)
    return text if len(text) <= most else text[: most - 1] + "…"


def bar_chart_svg(
    labels: Sequence[str], values: Sequence[Money], *, title: str, f: Formatter, name: str
) -> str:
    """A horizontal bar chart as an ``<svg>`` element, self-contained (no external links).

    Fluid: the chart is as wide as the page and its text stays 13 px at any width (no
    ``viewBox`` scaling), so it reads at 320 px as at 1280 px. Each row is its label on one line
    (clipped with ``…`` when long: the data table below has it whole), then its bar, drawn to
    the nearest penny in at most 60% of the width, with the amount in the compact form the
    report uses just after it. ``title`` is drawn at the top when given; ``name`` prefixes the
    element ids so several charts can share one page.

    >>> from socialvalue.report import Formatter
    >>> svg = bar_chart_svg(["A & B"], [Money("1200")], title="", f=Formatter(), name="c")
    >>> svg.startswith("<svg"), "A &amp; B" in svg, "£1.2 thousand" in svg
    (True, True, True)
    """
    numbers = [f.rounded(value.amount, 2) for value in values]
    top = max([*numbers, Decimal(0)]) or Decimal(1)
    shown = [f.compact(value) for value in values]
    heading = 24 if title else 0
    height = heading + _ROW * max(len(labels), 1) + 4
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="{height}" '
        f'id={quoteattr(name)} class="bars" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif" '
        f'font-size="13" fill="{_INK}">'
    )
    parts = [opening]
    if title:
        parts.append(f'<text x="0" y="16" font-size="15" font-weight="600">{escape(title)}</text>')
    for row, (label, text, number) in enumerate(zip(labels, shown, numbers, strict=True)):
        y = heading + row * _ROW
        share = float(number / top) * _BAR_SHARE if number > 0 else 0.0
        bar_y = y + _LABEL
        parts.append(
            f'<text x="0" y="{y + 13}">{escape(_clip(label, _LABEL_ROOM))}</text>'
            f'<rect x="0" y="{bar_y}" width="{share:.2f}%" height="{_BAR}" fill="{_COLOUR}"/>'
            f'<text x="{share:.2f}%" dx="6" y="{bar_y + _BAR - 3}">{escape(text)}</text>'
        )
    return "".join(parts) + "</svg>"


def _svg_text(figure: object, name: str, pyplot: ModuleType, description: str) -> str:
    """The figure as an ``<svg>`` element with ids prefixed and a text description."""
    try:
        drawn: Any = figure
        drawn.tight_layout()
        buffer = io.StringIO()
        drawn.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        pyplot.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = _ID.sub(lambda m: f'id="{name}-{m[1]}"', svg)
    svg = svg.replace('href="#', f'href="#{name}-').replace("url(#", f"url(#{name}-")
    label = html.escape(description, quote=True)
    return svg.replace("<svg", f'<svg role="img" aria-label="{label}"', 1)


def _pyplot(name: str) -> ModuleType:
    matplotlib: Any = require("matplotlib", "report")
    matplotlib.use("svg")
    matplotlib.rcParams["svg.fonttype"] = "none"
    matplotlib.rcParams["svg.hashsalt"] = name
    pyplot: ModuleType = require("matplotlib.pyplot", "report")
    return pyplot


def tornado_chart_svg(  # noqa: PLR0913 - the figures, and how to title and name the chart
    labels: Sequence[str],
    at_low: Sequence[Money],
    at_high: Sequence[Money],
    central: Money,
    *,
    title: str,
    description: str,
    f: Formatter,
    name: str,
) -> str:
    """A tornado chart: for each input, bars from the central total to its low and high totals.

    The largest swing is at the top. ``description`` is the chart's text alternative (the
    table with the same figures).
    """
    pyplot = _pyplot(name)
    height = 0.8 + 0.45 * max(len(labels), 1)
    figure, axes = pyplot.subplots(figsize=(7.5, height))
    middle = float(f.rounded(central.amount, 2))  # drawing only
    positions = list(range(len(labels)))[::-1]
    for position, low, high in zip(positions, at_low, at_high, strict=True):
        for value, colour in ((low, "#b5472f"), (high, "#1f5f8b")):
            number = float(f.rounded(value.amount, 2))
            axes.barh(position, number - middle, left=middle, color=colour)
    axes.axvline(middle, color="black", linewidth=0.8)
    # Labels are data: "$" would start matplotlib's maths mode ("Costs $5 and $6").
    axes.set_yticks(positions, labels=[mathtext(label) for label in labels])
    axes.set_title(mathtext(title), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    axes.text(middle, len(labels) - 0.4, mathtext(f.compact(central)), ha="center", fontsize=9)
    return _svg_text(figure, name, pyplot, description)


def waterfall_chart_svg(  # noqa: PLR0913 - the figures, and how to title and name the chart
    labels: Sequence[str],
    changes: Sequence[Money],
    start: Money,
    end: Money,
    *,
    title: str,
    description: str,
    f: Formatter,
    name: str,
    ends: tuple[str, str],
) -> str:
    """A bridge (waterfall) chart: the old total, each cause's change, the new total."""
    pyplot = _pyplot(name)
    figure, axes = pyplot.subplots(figsize=(7.5, 3.6))
    running = float(f.rounded(start.amount, 2))  # drawing only
    names = [ends[0], *labels, ends[1]]
    axes.bar(0, running, color="#6b6b6b")
    for position, change in enumerate(changes, start=1):
        step = float(f.rounded(change.amount, 2))
        axes.bar(position, step, bottom=running, color="#1f5f8b" if step >= 0 else "#b5472f")
        running += step
    axes.bar(len(names) - 1, float(f.rounded(end.amount, 2)), color="#6b6b6b")
    axes.set_xticks(
        range(len(names)), labels=[mathtext(n) for n in names], rotation=20, ha="right", fontsize=9
    )
    axes.set_title(mathtext(title), loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg_text(figure, name, pyplot, description)
