"""Errors raised by socialvalue.

Every error the library raises on bad input is a :class:`SocialValueError`. Each specific error
also subclasses the matching builtin (``ValueError``, ``TypeError``, ``KeyError``), so callers can
catch either the library's error or the builtin they already expect.

Errors about data say *where* (file, row, key path) and *what* was expected. Errors that gather
many problems (loading a file, validating a framework) carry them all in :attr:`problems`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

import attrs

from socialvalue._methods import model_eq, model_hash, model_repr

__all__ = [
    "CalculationError",
    "CurrencyMismatchError",
    "DataFileError",
    "FloatNotAllowedError",
    "MissingExtraError",
    "PeriodParseError",
    "Problem",
    "SocialValueError",
    "UnknownCodeError",
    "ValidationError",
    "readable_location",
]


# The patterns compile on first use: only a problem being shown reads them.
@functools.cache
def _index() -> re.Pattern[str]:
    """An index in a key path (``[0]``)."""
    return re.compile(r"\[(\d+)\]")


@functools.cache
def _path() -> re.Pattern[str]:
    """A key path with an index inside a message ("first used at themes[0].code")."""
    return re.compile(r"\b[a-z_]+\[\d+\](?:\.[a-z_]+(?:\[\d+\])*)*")


def readable_location(location: str) -> str:
    """A location as a person counts: key paths' zero-based indexes as 1-based entries.

    The one way positions are shown to people: ``row N, column C`` for tables (already as a
    spreadsheet counts) and, for TOML or JSON, each list entry counted from 1 and each key
    named (``deliveries[0].quantity`` → ``deliveries entry 1, key quantity``).

    >>> readable_location("deliveries[0].quantity")
    'deliveries entry 1, key quantity'
    >>> readable_location("themes[2].outcomes[0].measures[3].unit")
    'themes entry 3, outcomes entry 1, measures entry 4, key unit'
    >>> readable_location("row 7, column price_year"), readable_location("[4]")
    ('row 7, column price_year', 'entry 5')
    >>> readable_location("title")
    'key title'

    """
    if not location or " " in location:  # "row 7, column price_year": as a spreadsheet counts
        return location
    parts = []
    for part in location.split("."):
        name = _index().sub("", part)
        entries = [f"entry {int(found) + 1}" for found in _index().findall(part)]
        if entries:
            parts.append(" ".join([name, *entries]).strip())
        else:
            parts.append(f"key {name}")
    return ", ".join(parts)


class SocialValueError(Exception):
    """Base class of every error socialvalue raises on purpose."""


@attrs.frozen
class Problem:
    """One thing wrong with some input, and where it is.

    Args:
        location: Where the problem is: a key path such as
            ``themes[2].outcomes[0].measures[3].unit``, a row such as ``row 14``, or ``""`` for
            the input as a whole.
        message: What is wrong and what was expected.

    >>> str(Problem("themes[0].code", "must not be empty"))
    'themes[0].code: must not be empty'
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    location: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    def readable(self) -> str:
        """The problem as a person reads it: its location counted from 1.

        See :func:`readable_location`.

        >>> Problem("deliveries[1].role", "unknown role 'wizard'").readable()
        "deliveries entry 2, key role: unknown role 'wizard'"
        """
        where = readable_location(self.location)
        message = _path().sub(lambda found: readable_location(found[0]), self.message)
        return f"{where}: {message}" if where else message


class ValidationError(SocialValueError, ValueError):
    """Input that breaks one or more rules; :attr:`problems` lists every one of them."""

    def __init__(self, problems: Iterable[Problem], *, subject: str = "input") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.subject = subject
        super().__init__(self._render())

    def _render(self, *, readable: bool = False) -> str:
        shown = [p.readable() if readable else str(p) for p in self.problems]
        if len(shown) == 1:
            return f"{self.subject}: {shown[0]}"
        lines = "\n".join(f"  - {problem}" for problem in shown)
        return f"{self.subject}: {len(shown)} problems:\n{lines}"

    def readable(self) -> str:
        """The message with every location counted from 1, as the command line shows it."""
        return self._render(readable=True)


class DataFileError(ValidationError):
    """A file (or text) that could not be loaded; names the file and every problem in it."""

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        super().__init__(problems, subject=file)


class FloatNotAllowedError(SocialValueError, TypeError):
    """A ``float`` was given where an exact ``Decimal`` amount or quantity is required.

    ``12.34`` as a float is really 12.339999999999999857891452848. Pass ``Decimal("12.34")``
    or the string ``"12.34"`` instead.
    """


class CurrencyMismatchError(SocialValueError, ValueError):
    """Arithmetic or comparison between amounts in different currencies."""


class CalculationError(SocialValueError, ArithmeticError):
    """A calculation that has no meaningful answer for its inputs (e.g. a ratio to zero inputs).

    Raised instead of returning infinity, NaN or a silent zero.
    """


class MissingExtraError(SocialValueError, ImportError):
    """An optional package is needed; the message names the extra that installs it.

    For example ``pip install "socialvalue[report]"`` for HTML reports, or ``socialvalue[xlsx]``
    for spreadsheets.
    """


class PeriodParseError(SocialValueError, ValueError):
    """Text that is not one of the period forms socialvalue understands."""


class UnknownCodeError(SocialValueError, KeyError):
    """A code (measure, unit, theme …) that is not defined; suggests close matches."""

    def __init__(self, kind: str, code: str, known: Sequence[str]) -> None:
        import difflib  # noqa: PLC0415 - only needed on this error path

        self.kind = kind
        self.code = code
        # Compared without case, so `lcr-com-2` suggests `LCR-COM-2`; an exact match but for
        # case comes first.
        folded = {name.casefold(): name for name in known}
        same = [folded[code.casefold()]] if code.casefold() in folded else []
        close = difflib.get_close_matches(code.casefold(), list(folded), n=3, cutoff=0.5)
        self.suggestions: tuple[str, ...] = tuple(
            dict.fromkeys([*same, *(folded[name] for name in close)])
        )[:3]
        message = f"unknown {kind} {code!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        elif known:
            shown = ", ".join(sorted(known)[:12])
            more = "" if len(known) <= 12 else f" … ({len(known)} in all)"
            message += f"; known: {shown}{more}"
        self.message = message
        super().__init__(message)

    def __str__(self) -> str:
        # KeyError's own __str__ would show the message inside quotes.
        return self.message
