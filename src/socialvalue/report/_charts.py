"""Charts as inline SVG, drawn with matplotlib's SVG backend (the ``report`` extra)."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from socialvalue._text import mathtext
from socialvalue.money import Money
from socialvalue.report._extras import require
from socialvalue.report._format import Formatter

__all__ = ["bar_chart_svg", "tornado_chart_svg", "waterfall_chart_svg"]

_ID = re.compile(r'\bid="([^"]+)"')


def bar_chart_svg(
    labels: Sequence[str], values: Sequence[Money], *, title: str, f: Formatter, name: str
) -> str:
    """A horizontal bar chart as an ``<svg>`` element, self-contained (no external links).

    Values are drawn to the nearest penny (a chart cannot show more); each bar is labelled with
    the amount formatted like the tables. Element ids are prefixed with ``name`` so several
    charts can share one page.
    """
    matplotlib: Any = require("matplotlib", "report")
    matplotlib.use("svg")
    pyplot: Any = require("matplotlib.pyplot", "report")
    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, printable
    matplotlib.rcParams["svg.hashsalt"] = name  # stable ids: the same report gives the same SVG
    height = 0.6 + 0.45 * max(len(labels), 1)
    figure, axes = pyplot.subplots(figsize=(7.5, height))
    try:
        numbers = [float(f.rounded(value.amount, 2)) for value in values]  # drawing only
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, numbers, color="#1f5f8b")
        # Labels are data: "$" would start matplotlib's maths mode ("Costs $5 and $6").
        axes.set_yticks(positions, labels=[mathtext(label) for label in labels])
        axes.set_title(mathtext(title), loc="left", fontsize=11)
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.set_visible(False)
        top = max(numbers, default=0) or 1
        for position, value, number in zip(positions, values, numbers, strict=True):
            # A compact amount in dollars ("$1.2m") would start maths mode too.
            axes.text(
                number + top * 0.01, position, mathtext(f.compact(value)), va="center", fontsize=9
            )
        axes.set_xlim(0, top * 1.35)
        figure.tight_layout()
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    finally:
        pyplot.close(figure)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = _ID.sub(lambda m: f'id="{name}-{m[1]}"', svg)
    return svg.replace('href="#', f'href="#{name}-').replace("url(#", f"url(#{name}-")


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
    axes.set_yticks(positions, labels=list(labels))
    axes.set_title(title, loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    axes.text(middle, len(labels) - 0.4, f.compact(central), ha="center", fontsize=9)
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
    axes.set_xticks(range(len(names)), labels=names, rotation=20, ha="right", fontsize=9)
    axes.set_title(title, loc="left", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg_text(figure, name, pyplot, description)
