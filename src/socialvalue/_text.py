"""Text from data shown as text: escaping for each place it is written.

Titles, names, reasons and notes come from suppliers' returns, registries and frameworks. Each
writer escapes them for its own syntax, so no data is ever read as markup, a formula or maths:

* :func:`markdown_text` — Markdown, and the raw HTML a Markdown renderer would pass through;
* :func:`markdown_code` — a code span or fence that the text cannot close;
* :func:`mathtext` — matplotlib labels (``$…$`` is maths there);
* :func:`guard_formula` — CSV and XLSX cells a spreadsheet would run as a formula
  (:func:`unguard_formula` undoes it on import).

and reads a list cell as its items (:func:`split_lines`), one rule for every reader.

The CLI prints data with rich's markup and emoji codes switched off, and HTML is escaped by
Jinja2's autoescaping.
"""

from __future__ import annotations

import re

__all__ = [
    "guard_formula",
    "markdown_code",
    "markdown_fence",
    "markdown_text",
    "mathtext",
    "split_lines",
    "unguard_formula",
]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> tuple[str, ...]:
    r"""The items of a list cell: one per line, kept exactly as written; blank lines skipped.

    The one rule for a cell of several references or tags, whichever reader meets it (returns
    files, frames).

    >>> split_lines("timesheets Q3\n\npayroll extract; invoice 12")
    ('timesheets Q3', 'payroll extract; invoice 12')
    """
    return tuple(line for line in _LINE_BREAK.split(text) if line.strip())


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


_RISKY = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _needs_guard(text: str) -> bool:
    """Whether ``text``, past any leading ``'``, starts like a formula (not a plain number)."""
    rest = text.lstrip("'")
    return bool(rest) and rest[0] in _RISKY and not _PLAIN_NUMBER.fullmatch(rest)


def guard_formula(text: str) -> str:
    r"""Escape a CSV cell a spreadsheet would run as a formula, with a leading ``'``.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return — after any
    ``'`` it already starts with — is written with a ``'`` in front, except a plain number
    such as ``-5`` (the OWASP guidance on CSV injection). :func:`unguard_formula` removes it on
    import, and the two are exact inverses: ``unguard_formula(guard_formula(t)) == t`` for any
    text, and ``guard_formula(unguard_formula(c)) == c`` for any cell a file holds, so a
    rejected row is written back byte for byte.

    >>> guard_formula('=HYPERLINK("http://x")'), guard_formula("-5"), guard_formula("'=a")
    ('\'=HYPERLINK("http://x")', '-5', "''=a")
    >>> guard_formula("'a"), guard_formula("'-5")
    ("'a", "'-5")
    """
    return "'" + text if _needs_guard(text) else text


def unguard_formula(text: str) -> str:
    """Undo :func:`guard_formula`: drop the ``'`` it puts before a cell that starts a formula.

    >>> unguard_formula("'=SUM(A1:A2)"), unguard_formula("'hello"), unguard_formula("'-5")
    ('=SUM(A1:A2)', "'hello", "'-5")
    """
    if text[:1] == "'" and _needs_guard(text):
        return text[1:]
    return text
