"""Every problem in a delivery set, from every stage, in one pass.

Loading a file runs in stages — the text is parsed, each entry is built, then the deliveries
are checked against a framework — and an error at one stage used to hide the next. Here each
entry is built on its own, so one bad entry does not stop the others, and the entries that were
built are checked against the framework: every problem is found at once, each located at its
entry (``deliveries[2].role``; shown counted from 1 by
:meth:`~socialvalue.exceptions.Problem.readable`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from socialvalue.deliveries import Delivery, DeliverySet, check_deliveries
from socialvalue.exceptions import DataFileError, Problem, ValidationError
from socialvalue.framework import Framework
from socialvalue.io._files import MAX_FILE_BYTES, read_text
from socialvalue.io._formats import SCHEMA_KEY, SCHEMAS, format_of, parse, structure
from socialvalue.proxies import value_fit_problems
from socialvalue.units import unit_code

__all__ = ["check_deliveries_file", "fit_problems_in_file", "holds_deliveries"]

_ENTRY = re.compile(r"^(?:deliveries)?\[(\d+)\]")


def _at(index: int, problem: Problem, prefix: str = "") -> Problem:
    """``[j].role`` (of the built entries) or ``role`` (of one entry) → ``deliveries[i].role``."""
    rest = _ENTRY.sub("", problem.location) if prefix == "" else problem.location
    rest = rest.lstrip(".")
    return Problem(f"deliveries[{index}]" + (f".{rest}" if rest else ""), problem.message)


def check_deliveries_file(
    path: str | os.PathLike[str], framework: Framework, *, max_bytes: int = MAX_FILE_BYTES
) -> DeliverySet:
    r"""Read a delivery set (TOML or JSON) and check it against ``framework``, all at once.

    Raises:
        DataFileError: naming the file and every problem — of the document, of each entry
            and against the framework — in entry order; a file that cannot be parsed at all
            (bad TOML or JSON) has only that problem.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from socialvalue.io import shipped_framework
        >>> folder = tempfile.TemporaryDirectory()
        >>> path = Path(folder.name) / "d.toml"
        >>> _ = path.write_text('''title = "t"
        ... [[deliveries]]
        ... measure = "LCR-EMP-1"
        ... quantity = "x"
        ... period = "2023/24"
        ... [[deliveries]]
        ... measure = "LCR-NOPE-1"
        ... quantity = "1"
        ... period = "2023/24"
        ... ''', encoding="utf-8")
        >>> try:
        ...     check_deliveries_file(path, shipped_framework())
        ... except DataFileError as error:
        ...     print(*(problem.readable() for problem in error.problems), sep="\n")
        deliveries entry 1, key quantity: 'x' is not a decimal number
        deliveries entry 2, key measure: unknown measure 'LCR-NOPE-1'; ...
        >>> folder.cleanup()
    """
    name = os.fspath(path)
    data = parse(read_text(path, max_bytes=max_bytes), format_of(path), name)
    entries = data.get("deliveries") if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(entries, list):
        delivery_set = structure(data, DeliverySet, source=name)  # its own problems, whole
        _check(delivery_set, name, framework)
        return delivery_set
    problems: list[Problem] = []
    head = {key: value for key, value in data.items() if key != "deliveries"}
    try:
        structure({**head, "deliveries": []}, DeliverySet, source=name)
    except DataFileError as error:
        problems.extend(error.problems)
    built: list[tuple[int, Delivery]] = []
    for index, entry in enumerate(entries):
        try:
            built.append((index, structure(entry, Delivery, source=name)))
        except DataFileError as error:
            found = [_at(index, problem, prefix="entry") for problem in error.problems]
            problems.extend(found)
            problems.extend(_fit_of_raw(entry, index, framework, {p.location for p in found}))
    try:
        check_deliveries([delivery for _, delivery in built], framework)
    except ValidationError as error:
        for problem in error.problems:
            entry_at = _ENTRY.match(problem.location)
            if entry_at is None:
                problems.append(problem)
            else:
                problems.append(_at(built[int(entry_at[1])][0], problem))
    if problems:
        raise DataFileError(name, sorted(problems, key=_order))
    return structure({**head, "deliveries": entries}, DeliverySet, source=name)


def raw_fit_problems(entry: object, framework: Framework) -> list[Problem]:
    """The framework's check of a delivery that could not be built, from its raw values.

    Its measure, unit and role (when they are text) are checked as a built delivery's would be,
    located at their keys (``measure``, ``unit``, ``role``), so fixing the entry's other
    problem does not reveal a new one. Used for delivery sets and JSON Lines returns alike.
    """
    if not isinstance(entry, dict):
        return []
    texts = {key: entry.get(key) for key in ("measure", "unit", "role")}
    if not all(value is None or isinstance(value, str) for value in texts.values()):
        return []
    measure, unit, role = (texts[key] for key in ("measure", "unit", "role"))
    if measure is None:
        return []
    return framework.fit_problems(
        measure=measure, unit=None if unit is None else unit_code(unit), role=role
    )


def _fit_of_raw(
    entry: object, index: int, framework: Framework, reported: set[str]
) -> list[Problem]:
    """:func:`raw_fit_problems` of a delivery set's entry, not repeating a reported key."""
    located = (
        _at(index, problem, prefix="entry") for problem in raw_fit_problems(entry, framework)
    )
    return [problem for problem in located if problem.location not in reported]


def _order(problem: Problem) -> tuple[int, int]:
    """Problems of the document first, then each entry's in entry order."""
    found = _ENTRY.match(problem.location)
    return (1, int(found[1])) if found else (0, 0)


def _check(delivery_set: DeliverySet, name: str, framework: Framework) -> None:
    try:
        check_deliveries(delivery_set, framework)
    except ValidationError as error:
        raise DataFileError(
            name, [Problem(f"deliveries{p.location}", p.message) for p in error.problems]
        ) from None


def holds_deliveries(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> bool:
    """Whether a TOML or JSON file is a delivery set: by its schema, else a ``deliveries`` key.

    A file that is neither TOML nor JSON is not one.

    Raises:
        DataFileError: the file is TOML or JSON but cannot be parsed.
    """
    if Path(path).suffix.lower() not in (".toml", ".json"):
        return False
    data = parse(read_text(path, max_bytes=max_bytes), format_of(path), os.fspath(path))
    if not isinstance(data, dict):
        return False
    schema = data.get(SCHEMA_KEY)
    return schema == SCHEMAS[DeliverySet] if schema is not None else "deliveries" in data


def fit_problems_in_file(
    path: str | os.PathLike[str],
    framework: Framework,
    *,
    reported: Iterable[Problem] = (),
    max_bytes: int = MAX_FILE_BYTES,
) -> list[Problem]:
    """The framework's check of a registry's or a commitments file's entries, from the raw file.

    For a file that could not be loaded (``reported`` are its problems), so the framework's
    problems come with the others in one pass: each ``values`` entry's measure and unit
    (:func:`~socialvalue.proxies.value_fit_problems`), each ``commitments`` entry's measure,
    unit and role (:meth:`~socialvalue.Framework.fit_problems`), located as the loader locates
    (``values[2].unit``); a location already ``reported`` is not reported twice.
    """
    data = parse(read_text(path, max_bytes=max_bytes), format_of(path), os.fspath(path))
    if not isinstance(data, dict):
        return []
    seen = {problem.location for problem in reported}
    found: list[Problem] = []
    for key in ("values", "commitments"):
        entries = data.get(key)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            texts = _texts(entry, ("measure", "unit", "role"))
            if texts is None or texts["measure"] is None:
                continue
            unit = None if texts["unit"] is None else unit_code(texts["unit"])
            if key == "values":
                fit = value_fit_problems(texts["measure"], unit or "", framework)
            else:
                fit = framework.fit_problems(
                    measure=texts["measure"], unit=unit, role=texts["role"], counted="targets"
                )
            for problem in fit:
                location = f"{key}[{index}].{problem.location}"
                if location not in seen:
                    found.append(Problem(location, problem.message))
    return found


def _texts(entry: object, keys: tuple[str, ...]) -> dict[str, str | None] | None:
    """An entry's text fields, or ``None`` when it is not a table or one is not text."""
    if not isinstance(entry, dict):
        return None
    texts = {key: entry.get(key) for key in keys}
    if not all(value is None or isinstance(value, str) for value in texts.values()):
        return None
    return texts
