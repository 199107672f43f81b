"""Text from data shown as text: escaping for each place it is written.

Titles, names, reasons and notes come from suppliers' returns, registries and frameworks. Each
writer escapes them for its own syntax, so no data is ever read as markup, a formula or maths:

* :func:`markdown_text` — Markdown, and the raw HTML a Markdown renderer would pass through;
* :func:`markdown_code` — a code span or fence that the text cannot close;
* :func:`mathtext` — matplotlib labels (``$…$`` is maths there);
* CSV and XLSX cells are guarded by :func:`socialvalue.io._cells.guard_formula`.

The CLI prints data with rich's markup and emoji codes switched off, and HTML is escaped by
Jinja2's autoescaping.
"""

from __future__ import annotations

import re

__all__ = ["markdown_code", "markdown_fence", "markdown_text", "mathtext"]

_MARKDOWN = re.compile(r"([\\`*_\[\]{}|~])")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")


def markdown_text(text: str) -> str:
    r"""Escape ``text`` so Markdown shows it as written, on one line.

    Markdown punctuation gets a backslash, ``&``, ``<`` and ``>`` become entities (so raw HTML in
    data is shown, never rendered), and line breaks become spaces (a table cell is one line).

    >>> markdown_text("*bold* [link](x) <b>&</b> | a_b")
    '\\*bold\\* \\[link\\](x) &lt;b&gt;&amp;&lt;/b&gt; \\| a\\_b'
    """
    text = _LINE_BREAKS.sub(" ", text)
    text = "".join(_ENTITIES.get(char, char) for char in text)
    return _MARKDOWN.sub(r"\\\1", text)


def markdown_code(text: str) -> str:
    """A Markdown code span holding ``text`` exactly, whatever backticks it contains.

    >>> markdown_code("a`b")
    '``a`b``'
    """
    text = _LINE_BREAKS.sub(" ", text)
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def markdown_fence(text: str) -> str:
    """A fence of backticks longer than any run of backticks in ``text`` (at least three)."""
    return "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)


def mathtext(text: str) -> str:
    r"""Escape ``$`` so matplotlib draws ``text`` as written, never as a formula.

    >>> mathtext("Costs $5 and $6")
    'Costs \\$5 and \\$6'
    """
    return text.replace("$", r"\$")
