"""The columns of a returns file, and tolerant matching of the headings people write.

Headings match whatever the case, spacing and punctuation (``Measure code``, ``measure_code``,
``MEASURE-CODE``), with a trailing note in brackets or a ``*`` ignored (``Quantity (hours)``,
``Period*``), and a few common aliases (``Qty``, ``Supplier``, ``Financial year``). A heading
that matches nothing is an error naming the closest column: nothing in a file is silently
ignored, except the columns socialvalue itself writes for people to read (:data:`IGNORED_COLUMNS`).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import attrs

from socialvalue.exceptions import Problem

__all__ = [
    "COLUMN_ALIASES",
    "IGNORED_COLUMNS",
    "REQUIRED_COLUMNS",
    "RETURN_COLUMNS",
    "VALUATION_COLUMNS",
    "Columns",
    "column_letter",
    "match_columns",
    "normalise_heading",
]

#: The columns of a returns file, in the order exports write them: the fields of a
#: :class:`~socialvalue.Delivery`.
RETURN_COLUMNS: tuple[str, ...] = (
    "measure",
    "quantity",
    "unit",
    "period",
    "reporter",
    "project",
    "contract",
    "role",
    "geography",
    "evidence",
    "tags",
    "correction",
    "id",
    "note",
)

#: Columns every returns file must have.
REQUIRED_COLUMNS: tuple[str, ...] = ("measure", "quantity", "period")

#: Other headings accepted for each column (compared after :func:`normalise_heading`).
COLUMN_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "measure": (
            "measure code",
            "measure id",
            "code",
            "toms code",
            "kpi",
            "kpi code",
            "indicator",
            "indicator code",
        ),
        "quantity": ("qty", "amount", "value", "count", "total", "delivered", "quantity delivered"),
        "unit": ("units", "unit of measure", "uom"),
        "period": (
            "reporting period",
            "period covered",
            "financial year",
            "fy",
            "quarter",
            "year",
        ),
        "reporter": (
            "supplier",
            "supplier name",
            "reported by",
            "organisation",
            "organization",
            "provider",
            "contractor",
            "company",
        ),
        "project": ("project name", "programme", "program", "scheme"),
        "contract": (
            "contract id",
            "contract ref",
            "contract reference",
            "contract number",
            "contract no",
        ),
        "role": ("authority role",),
        "geography": ("area", "location", "place", "local authority", "region"),
        "evidence": (
            "evidence reference",
            "evidence references",
            "evidence ref",
            "evidence refs",
            "evidence link",
            "evidence links",
        ),
        "tags": ("tag", "labels"),
        "correction": ("is correction", "adjustment"),
        "id": ("row id", "return id", "record id", "reference", "ref"),
        "note": ("notes", "comment", "comments", "narrative"),
    }
)

#: The columns a valuations export adds after the delivery's (ignored on import).
VALUATION_COLUMNS: tuple[str, ...] = (
    "methodology",
    "currency",
    "gross",
    "net",
    "present_value",
    "explanation",
)

#: Columns read and ignored: those socialvalue writes for people to read — the ``problems`` of a
#: rejected-rows file and the results of a valuations export. An import lists them in
#: :attr:`~socialvalue.io.ImportResult.ignored_columns`.
IGNORED_COLUMNS: tuple[str, ...] = ("problems", *VALUATION_COLUMNS)

#: Marks a column that is read and ignored.
IGNORED = "\x00ignored"

_TRAILING_NOTE = re.compile(r"\s*(\([^()]*\)|\[[^\[\]]*\]|\*|:)\s*$")
_SEPARATORS = re.compile(r"[\s_.\-/]+")


def normalise_heading(heading: str) -> str:
    """The form headings are compared in.

    >>> normalise_heading("  Measure_Code (required)* ")
    'measure code'
    """
    text = heading.strip()
    while (match := _TRAILING_NOTE.search(text)) and match.start() > 0:
        text = text[: match.start()]
    return _SEPARATORS.sub(" ", text.casefold()).strip()


def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for column in RETURN_COLUMNS:
        table[normalise_heading(column)] = column
        for alias in COLUMN_ALIASES.get(column, ()):
            table[normalise_heading(alias)] = column
    for column in IGNORED_COLUMNS:
        table[normalise_heading(column)] = IGNORED
    return table


_LOOKUP = _lookup()


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index.

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@attrs.frozen
class Columns:
    """The header of a returns file, matched: what each position holds.

    Attributes:
        headings: The headings as written (surrounding spaces removed).
        fields: Per position, the column it means, :data:`IGNORED`, or ``None`` for a
            position with no heading.
    """

    headings: tuple[str, ...]
    fields: tuple[str | None, ...]

    def position(self, column: str) -> int | None:
        """Where a column is, if the file has it."""
        try:
            return self.fields.index(column)
        except ValueError:
            return None

    def describe(self, index: int) -> str:
        """``column Quantity`` — or ``column F`` for a position with no heading."""
        if index < len(self.headings) and self.headings[index]:
            return f"column {self.headings[index]}"
        return f"column {column_letter(index)}"

    @property
    def ignored(self) -> tuple[str, ...]:
        """The headings of the columns read and ignored."""
        return tuple(h for h, f in zip(self.headings, self.fields, strict=True) if f == IGNORED)


def match_columns(headings: Sequence[str], *, max_columns: int) -> tuple[Columns, list[Problem]]:
    """Match a header row to the returns columns; report every problem with it.

    Problems: no headings at all, too many columns, a heading that matches no column (with the
    closest), two headings meaning the same column, a required column missing.
    """
    cleaned = [heading.strip() for heading in headings]
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    problems: list[Problem] = []
    if not cleaned:
        return Columns((), ()), [
            Problem("row 1", "no column headings; row 1 must name the columns")
        ]
    if len(cleaned) > max_columns:
        problems.append(Problem("row 1", f"{len(cleaned):,} columns; the limit is {max_columns:,}"))
    fields: list[str | None] = []
    first: dict[str, str] = {}
    for heading in cleaned:
        if not heading:
            fields.append(None)
            continue
        field = _LOOKUP.get(normalise_heading(heading))
        if field is None:
            problems.append(Problem(f"row 1, column {heading}", _unknown(heading)))
        elif field != IGNORED and field in first:
            problems.append(
                Problem(
                    f"row 1, column {heading}",
                    f"{first[field]!r} and {heading!r} both mean {field}; keep one of them",
                )
            )
        else:
            first.setdefault(field, heading)
        fields.append(field)
    missing = [column for column in REQUIRED_COLUMNS if column not in first]
    if missing:
        problems.append(Problem("row 1", f"missing required columns: {', '.join(missing)}"))
    return Columns(tuple(cleaned), tuple(fields)), problems


def _unknown(heading: str) -> str:
    close = difflib.get_close_matches(normalise_heading(heading), list(_LOOKUP), n=1, cutoff=0.6)
    hint = ""
    if close:
        target = _LOOKUP[close[0]]
        hint = (
            f"did you mean {close[0]!r}? "
            if target == IGNORED or close[0] == target
            else f"did you mean {close[0]!r} (the {target} column)? "
        )
    return f"unknown column; {hint}expected some of {', '.join(RETURN_COLUMNS)}"
