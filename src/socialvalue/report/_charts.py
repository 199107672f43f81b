"""Charts as inline SVG, drawn with matplotlib's SVG backend (the ``report`` extra)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from socialvalue.money import Money
from socialvalue.report._extras import require
from socialvalue.report._format import Formatter

__all__ = ["bar_chart_svg"]

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
        axes.set_yticks(positions, labels=list(labels))
        axes.set_title(title, loc="left", fontsize=11)
        axes.spines[["top", "right"]].set_visible(False)
        axes.xaxis.set_visible(False)
        top = max(numbers, default=0) or 1
        for position, value, number in zip(positions, values, numbers, strict=True):
            axes.text(number + top * 0.01, position, f.compact(value), va="center", fontsize=9)
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
