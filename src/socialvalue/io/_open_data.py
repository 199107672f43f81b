"""Loading the open-data kinds of issue #15: WELLBY values, derivations, reasons for gaps.

Each is a TOML (or JSON) document with its own ``schema`` key, read through the one strict
converter, so a typo in a key is an error naming the file and the key path.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, TypeVar

from socialvalue.derived import Derivation
from socialvalue.exceptions import DataFileError, Problem
from socialvalue.io._files import MAX_FILE_BYTES, read_text
from socialvalue.io._formats import format_of, parse, structure
from socialvalue.io._shipped import shipped_text
from socialvalue.unvalued import UnvaluedReasons
from socialvalue.wellbeing import WellbyValue

__all__ = [
    "SHIPPED_DERIVATIONS",
    "SHIPPED_UNVALUED_REASONS",
    "SHIPPED_WELLBY",
    "document",
    "load_derivation",
    "load_unvalued_reasons",
    "load_wellby",
    "shipped_derivation",
    "shipped_unvalued_reasons",
    "shipped_wellby",
]

T = TypeVar("T")

#: WELLBY values shipped as package data: id → file under ``socialvalue/data/wellbeing``.
SHIPPED_WELLBY: Mapping[str, str] = MappingProxyType({"hmt-wellby-2021": "hmt-wellby-2021.toml"})
#: Derivations shipped as package data: id → file under ``socialvalue/data/derivations``.
SHIPPED_DERIVATIONS: Mapping[str, str] = MappingProxyType(
    {"dig-1-device-carbon": "dig-1-device-carbon.toml"}
)
#: Reasons, in plain words, why measures have no open value: name → file under
#: ``socialvalue/data/unvalued``.
SHIPPED_UNVALUED_REASONS: Mapping[str, str] = MappingProxyType({"lcrca-open": "lcrca-open.toml"})

_KINDS: dict[type, tuple[str, str]] = {
    WellbyValue: ("socialvalue/wellby/1", "wellbeing"),
    Derivation: ("socialvalue/derivation/1", "derivations"),
    UnvaluedReasons: ("socialvalue/unvalued-reasons/1", "unvalued"),
}


def document(text: str, *, fmt: str, source: str, schema: str) -> dict[str, Any]:
    """A parsed TOML or JSON document that must be a table with ``schema = <schema>``.

    Raises:
        DataFileError: naming ``source``: not a table, or no (or another) schema.
    """
    data = parse(text, "json" if fmt == "json" else "toml", source)
    if not isinstance(data, dict):
        raise DataFileError(source, [Problem("", "expected a table at the top level")])
    found = data.get("schema")
    if found != schema:
        what = "no schema key" if found is None else f"a {found!r} document"
        raise DataFileError(source, [Problem("schema", f"{what}; expected {schema!r}")])
    return data


def _from_text(text: str, cls: type[T], *, fmt: str, source: str) -> T:
    data = document(text, fmt=fmt, source=source, schema=_KINDS[cls][0])
    return structure(data, cls, source=source)


def _load(path: str | os.PathLike[str], cls: type[T], max_bytes: int) -> T:
    return _from_text(
        read_text(path, max_bytes=max_bytes),
        cls,
        fmt=format_of(path),
        source=os.fspath(path),
    )


def load_wellby(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> WellbyValue:
    """Read a WELLBY value (schema ``socialvalue/wellby/1``)."""
    return _load(path, WellbyValue, max_bytes)


def load_derivation(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> Derivation:
    """Read a derivation (schema ``socialvalue/derivation/1``)."""
    return _load(path, Derivation, max_bytes)


def load_unvalued_reasons(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES
) -> UnvaluedReasons:
    """Read reasons for measures without a value (schema ``socialvalue/unvalued-reasons/1``)."""
    return _load(path, UnvaluedReasons, max_bytes)


def _shipped(cls: type[T], name: str, table: Mapping[str, str], kind: str) -> T:
    text, source = shipped_text(name, table, _KINDS[cls][1], kind)
    return _from_text(text, cls, fmt="toml", source=source)


def shipped_wellby(name: str = "hmt-wellby-2021") -> WellbyValue:
    """The shipped WELLBY value (cached): HM Treasury's £13,000 in 2019 prices, £10,000–£16,000.

    >>> wellby = shipped_wellby()
    >>> wellby.value, wellby.low, wellby.high, wellby.price_base.label, wellby.verification.value
    (Decimal('13000'), Decimal('10000'), Decimal('16000'), '2019', 'secondary')
    """
    return _wellby(name)


@functools.cache
def _wellby(name: str) -> WellbyValue:
    return _shipped(WellbyValue, name, SHIPPED_WELLBY, "shipped WELLBY value")


def shipped_derivation(name: str = "dig-1-device-carbon") -> Derivation:
    """A shipped derivation (cached): by default the carbon of a donated device (no default mass).

    >>> derivation = shipped_derivation()
    >>> print(derivation.formula())  # doctest: +NORMALIZE_WHITESPACE
    mass_kg × factor_kgco2e_per_tonne ÷ kg_per_tonne ÷ kg_per_tonne × carbon_value
      × displacement_share
    >>> derivation.given_inputs()
    ('mass_kg', 'displacement_share')
    """
    return _derivation(name)


@functools.cache
def _derivation(name: str) -> Derivation:
    return _shipped(Derivation, name, SHIPPED_DERIVATIONS, "shipped derivation")


def shipped_unvalued_reasons(name: str = "lcrca-open") -> UnvaluedReasons:
    """Why the shipped open values leave measures unvalued, in plain words (cached).

    >>> reasons = shipped_unvalued_reasons()
    >>> print(reasons.reason("LCR-SPD-1"))  # doctest: +ELLIPSIS
    Money spent locally is recorded in pounds but not multiplied. Government appraisal guidance ...
    """
    return _reasons(name)


@functools.cache
def _reasons(name: str) -> UnvaluedReasons:
    return _shipped(UnvaluedReasons, name, SHIPPED_UNVALUED_REASONS, "shipped reasons")
