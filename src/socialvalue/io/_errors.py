"""Turn cattrs' nested validation errors into flat problems with key paths."""

from __future__ import annotations

import difflib
import re

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from socialvalue.exceptions import Problem, ValidationError

__all__ = ["problems_from"]

_FIELD_PREFIX = re.compile(r"^([a-z_][a-z0-9_]*): (.+)$", re.DOTALL)


def _join(path: str, part: str) -> str:
    if not path:
        return part
    if part.startswith("["):
        return path + part
    return f"{path}.{part}"


def _extra_keys(error: ForbiddenExtraKeysError, path: str) -> list[Problem]:
    known = [a.alias for a in attrs.fields(error.cl) if a.init] if attrs.has(error.cl) else []
    problems = []
    for key in sorted(error.extra_fields):
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}? " if close else ""
        problems.append(
            Problem(_join(path, key), f"unknown key; {hint}expected one of {', '.join(known)}")
        )
    return problems


def _leaf(error: BaseException, path: str) -> list[Problem]:
    if isinstance(error, ValidationError):
        return [
            Problem(_join(path, problem.location) if problem.location else path, problem.message)
            for problem in error.problems
        ]
    if isinstance(error, KeyError) and not str(error).startswith("unknown"):
        return [Problem(path, "required key is missing")]
    message = str(error) or type(error).__name__
    if match := _FIELD_PREFIX.match(message):
        already_there = path.rsplit(".", 1)[-1] == match[1]
        return [Problem(path if already_there else _join(path, match[1]), match[2])]
    return [Problem(path, message)]


def problems_from(error: BaseException, path: str = "") -> list[Problem]:
    """Every problem inside ``error``, each with the key path it was found at."""
    if isinstance(error, ClassValidationError):
        problems: list[Problem] = []
        with_notes, others = error.group_exceptions()
        for sub, note in with_notes:
            problems.extend(problems_from(sub, _join(path, _name(note))))
        for sub in others:
            problems.extend(problems_from(sub, path))
        return problems
    if isinstance(error, IterableValidationError):
        problems = []
        iter_notes, iter_others = error.group_exceptions()
        for sub, iter_note in iter_notes:
            problems.extend(problems_from(sub, _join(path, f"[{iter_note.index}]")))
        for sub in iter_others:
            problems.extend(problems_from(sub, path))
        return problems
    if isinstance(error, ForbiddenExtraKeysError):
        return _extra_keys(error, path)
    if isinstance(error, BaseExceptionGroup):
        return [problem for sub in error.exceptions for problem in problems_from(sub, path)]
    return _leaf(error, path)


def _name(note: AttributeValidationNote | IterableValidationNote) -> str:
    if isinstance(note, AttributeValidationNote):
        return note.name
    return f"[{note.index}]"
