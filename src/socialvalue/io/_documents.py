r"""Parsing TOML and JSON documents within the import limits.

Both parsers are given only what they can handle cheaply: a JSON number is checked for length
before it is converted, a document nested deeper than the parser's own recursion can go is an
error naming the limit (never a ``RecursionError``), and the parsed data is walked once,
without recursion, to refuse nesting deeper than ``max_depth``, integers longer than
``max_integer_digits`` and text that is not valid Unicode (a lone surrogate, which JSON's
``\ud800`` escapes can write but no file can hold).
"""

from __future__ import annotations

import decimal
import json
import tomllib
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from socialvalue._limits import MAX_NUMBER_CHARS
from socialvalue.exceptions import DataFileError, Problem

if TYPE_CHECKING:
    from socialvalue.io._import import ImportLimits

__all__ = ["check_tree", "json_value", "parse_document"]

#: log10(2): an integer of ``b`` bits has about ``b * _LOG2`` decimal digits.
_LOG2 = 0.30103


class _RefusedError(ValueError):
    """A JSON token refused while parsing; the message says why."""


def _json_number(limits: ImportLimits) -> tuple[Callable[[str], int], Callable[[str], Decimal]]:
    def integer(text: str) -> int:
        if len(text.lstrip("-")) > limits.max_integer_digits:
            raise _RefusedError(
                f"an integer of {len(text.lstrip('-')):,} digits; at most "
                f"{limits.max_integer_digits} are read"
            )
        return int(text)

    return integer, _fraction


def _fraction(text: str) -> Decimal:
    """A JSON or TOML fraction as an exact ``Decimal``, checked for length before it is read.

    An exponent beyond what ``decimal`` can hold (``1e9999999999999999999``: 21 characters)
    is refused here too; it raised ``decimal.InvalidOperation`` (found by the deep fuzz run).
    """
    if len(text) > MAX_NUMBER_CHARS:
        raise _RefusedError(
            f"a number of {len(text):,} characters; at most {MAX_NUMBER_CHARS} are read"
        )
    try:
        return Decimal(text)
    except decimal.DecimalException:
        raise _RefusedError(f"{text!r} has an exponent too large to be read") from None


def _reject_constant(name: str) -> None:
    raise _RefusedError(f"{name} is not a number socialvalue accepts")


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    data: dict[str, object] = {}
    for key, value in pairs:
        if key in data:
            raise _RefusedError(f"the key {key!r} appears twice in one object")
        data[key] = value
    return data


def json_value(text: str, limits: ImportLimits) -> object:
    """Parse JSON text within the limits (decimals exact, duplicate keys refused).

    Raises:
        ValueError: with a message saying what is wrong (``json.JSONDecodeError`` for syntax).
    """
    integer, fraction = _json_number(limits)
    try:
        data = json.loads(
            text,
            parse_float=fraction,
            parse_int=integer,
            parse_constant=_reject_constant,
            object_pairs_hook=_unique_keys,
        )
    except RecursionError:
        raise _RefusedError(f"nested deeper than the limit of {limits.max_depth} levels") from None
    problem = check_tree(data, limits)
    if problem is not None:
        raise _RefusedError(str(problem))
    return data


def parse_document(
    text: str, fmt: Literal["toml", "json"], source: str, limits: ImportLimits
) -> object:
    """Parse a TOML or JSON document within ``limits``.

    Raises:
        DataFileError: naming ``source``, for a document that is not valid or is over a limit.
    """
    if fmt == "toml":
        try:
            data: object = tomllib.loads(text, parse_float=_fraction)
        except tomllib.TOMLDecodeError as error:
            raise DataFileError(source, [Problem("", f"not valid TOML: {error}")]) from None
        except _RefusedError as error:
            raise DataFileError(source, [Problem("", f"not valid TOML: {error}")]) from None
        except RecursionError:
            raise DataFileError(
                source,
                [Problem("", f"nested deeper than the limit of {limits.max_depth} levels")],
            ) from None
        except ValueError:  # an integer beyond Python's conversion limit
            raise DataFileError(
                source,
                [
                    Problem(
                        "",
                        "not valid TOML: an integer too long to read (at most "
                        f"{limits.max_integer_digits} digits are accepted)",
                    )
                ],
            ) from None
        problem = check_tree(data, limits)
        if problem is not None:
            raise DataFileError(source, [problem])
        return data
    try:
        return json_value(text, limits)
    except json.JSONDecodeError as error:
        raise DataFileError(
            source,
            [
                Problem(
                    "", f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
                )
            ],
        ) from None
    except ValueError as error:
        raise DataFileError(source, [Problem("", f"not valid JSON: {error}")]) from None


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _bad_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_tree(data: object, limits: ImportLimits) -> Problem | None:
    """The first problem with parsed data (too deep, too long an integer, bad text), or ``None``.

    Walks the data with an explicit stack, so depth costs no recursion.
    """
    stack: list[tuple[object, str, int]] = [(data, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth >= limits.max_depth:
                return Problem(where, f"nested deeper than the limit of {limits.max_depth} levels")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                if isinstance(key, str) and _bad_text(key):
                    return Problem(where, "a key is not valid Unicode text (a lone surrogate)")
                stack.append((item, _path(where, key), depth + 1))
        elif isinstance(value, str):
            if _bad_text(value):
                return Problem(where, "not valid Unicode text (it holds a lone surrogate)")
        elif (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value.bit_length() * _LOG2 > limits.max_integer_digits + 1
        ):
            return Problem(
                where, f"an integer longer than the limit of {limits.max_integer_digits} digits"
            )
    return None
