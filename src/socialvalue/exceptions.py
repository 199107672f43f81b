"""Errors raised by socialvalue.

Every error the library raises on bad input is a :class:`SocialValueError`. Each specific error
also subclasses the matching builtin (``ValueError``, ``TypeError``, ``KeyError``), so callers can
catch either the library's error or the builtin they already expect.

Errors about data say *where* (file, row, key path) and *what* was expected. Errors that gather
many problems (loading a file, validating a framework) carry them all in :attr:`problems`.
"""

from __future__ import annotations

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
]


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


class ValidationError(SocialValueError, ValueError):
    """Input that breaks one or more rules; :attr:`problems` lists every one of them."""

    def __init__(self, problems: Iterable[Problem], *, subject: str = "input") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.subject = subject
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.problems)
        if count == 1:
            return f"{self.subject}: {self.problems[0]}"
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        return f"{self.subject}: {count} problems:\n{lines}"


class DataFileError(ValidationError):
    """A file (or text) that could not be loaded; names the file and every problem in it."""

    def __init__(self, file: str, problems: Iterable[Problem]) -> None:
        self.file = file
        super().__init__(problems, subject=file)


class FloatNotAllowedError(SocialValueError, TypeError):
    """A ``float`` was given where an exact ``Decimal`` amount or quantity is required.

    ``16.93`` as a float is really 16.929999999999999715782905696. Pass ``Decimal("16.93")``
    or the string ``"16.93"`` instead.
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
