"""JSON Lines: one delivery (or valuation) per line, for machine exchange.

Each line is a JSON object with a :class:`~socialvalue.Delivery`'s keys, read through the one
strict converter (decimals exactly, unknown keys refused). The keys a valuations export adds
(:data:`~socialvalue.io.IGNORED_COLUMNS`) are read and ignored, so a valuations export re-imports
as its deliveries.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from socialvalue.deliveries import Delivery, check_deliveries
from socialvalue.exceptions import Problem, SocialValueError, ValidationError
from socialvalue.framework import Framework
from socialvalue.io._atomic import atomic_text
from socialvalue.io._columns import IGNORED_COLUMNS
from socialvalue.io._converter import converter
from socialvalue.io._csv_returns import open_limited, text_lines
from socialvalue.io._documents import json_value
from socialvalue.io._errors import problems_from
from socialvalue.io._import import AcceptedRow, ImportLimits, RejectedRow
from socialvalue.io._validate import raw_fit_problems

__all__ = ["JSON_COLUMN", "check_json_line", "delivery_record", "read_jsonl", "write_jsonl"]

#: The one "column" of a rejected JSON Lines row: the line as written.
JSON_COLUMN = "json"
_IGNORED = frozenset(IGNORED_COLUMNS)


def _located(line: int, problem: Problem) -> Problem:
    if not problem.location:
        return Problem(f"line {line}", problem.message)
    key = problem.location.removeprefix("[0].")
    return Problem(f"line {line}, key {key}", problem.message)


def check_json_line(
    line: int, text: str, framework: Framework, limits: ImportLimits | None = None
) -> AcceptedRow | RejectedRow | None:
    """Check one line; ``None`` for a blank line."""
    if not text.strip():
        return None
    problems: list[Problem] = []
    delivery: Delivery | None = None
    try:
        data = json_value(text, limits or ImportLimits())
    except json.JSONDecodeError as error:
        problems.append(
            Problem(f"line {line}", f"not valid JSON: {error.msg} (column {error.colno})")
        )
    except (ValueError, RecursionError) as error:
        problems.append(Problem(f"line {line}", f"not valid JSON: {error}"))
    else:
        if not isinstance(data, dict):
            problems.append(
                Problem(f"line {line}", "expected a JSON object (one delivery per line)")
            )
        else:
            record = {key: value for key, value in data.items() if key not in _IGNORED}
            try:
                delivery = converter().structure(record, Delivery)
            except (ValueError, TypeError, KeyError, AttributeError, ExceptionGroup) as error:
                found = [_located(line, problem) for problem in problems_from(error)]
                reported = {problem.location for problem in found}
                # the framework's checks too, as a built line gets: every problem at once
                fit = (_located(line, p) for p in raw_fit_problems(record, framework))
                problems.extend([*found, *(p for p in fit if p.location not in reported)])
    if delivery is not None:
        try:
            check_deliveries([delivery], framework)
        except ValidationError as error:
            problems.extend(_located(line, problem) for problem in error.problems)
    if problems or delivery is None:
        return RejectedRow(
            row=line,
            cells=(text.rstrip("\r\n"),),
            problems=tuple(problems),
            columns=(JSON_COLUMN,),
        )
    return AcceptedRow(line, delivery)


def read_jsonl(
    path: str | os.PathLike[str], framework: Framework, limits: ImportLimits
) -> Iterator[AcceptedRow | RejectedRow | None]:
    """Check every line of a JSON Lines file, one at a time (``None`` for a blank line).

    Raises:
        DataFileError: the file cannot be read, or is over a limit.
    """
    name = os.fspath(path)
    with open_limited(path, limits) as handle:
        for number, text in enumerate(text_lines(handle, name, limits, "utf-8"), start=1):
            yield check_json_line(number, text, framework, limits)


def write_jsonl(path: str | os.PathLike[str], records: Iterable[Mapping[str, Any]]) -> None:
    """Write one JSON object per line, atomically (UTF-8, no byte order mark)."""
    with atomic_text(path) as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False))
            stream.write("\n")


def delivery_record(delivery: Delivery) -> dict[str, Any]:
    """A delivery as a JSON object (decimals as strings; defaults left out)."""
    data = converter().unstructure(delivery)
    if not isinstance(data, dict):  # pragma: no cover - attrs classes unstructure to dicts
        raise SocialValueError("a delivery did not become a JSON object")
    return data
