"""TOML and JSON documents for any socialvalue model, through the one converter."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal, TypeVar

import tomli_w

from socialvalue.commitments import CommitmentSet
from socialvalue.deliveries import DeliverySet
from socialvalue.discounting import DiscountSchedules
from socialvalue.exceptions import DataFileError, Problem, SocialValueError
from socialvalue.framework import Framework
from socialvalue.io._converter import converter
from socialvalue.io._documents import parse_document
from socialvalue.io._errors import problems_from
from socialvalue.io._files import MAX_FILE_BYTES, atomic_write_text, read_text
from socialvalue.io._ingest import ImportLimits
from socialvalue.methodology import Methodology
from socialvalue.prices import PriceIndex
from socialvalue.proxies import ProxyRegistry

__all__ = [
    "Format",
    "dumps",
    "format_of",
    "load",
    "load_any",
    "load_commitments",
    "load_deliveries",
    "load_framework",
    "load_price_index",
    "load_registry",
    "loads",
    "save",
    "save_commitments",
    "save_deliveries",
    "save_framework",
    "save_registry",
    "structure",
    "unstructure",
]

T = TypeVar("T")

#: The text formats models are exchanged in.
Format = Literal["toml", "json"]

#: The ``schema`` marker written at the top of each kind of document.
_SCHEMAS: dict[type, str] = {
    Framework: "socialvalue/framework/1",
    ProxyRegistry: "socialvalue/registry/1",
    PriceIndex: "socialvalue/price-index/1",
    DiscountSchedules: "socialvalue/discount-schedules/1",
    Methodology: "socialvalue/methodology/1",
    DeliverySet: "socialvalue/deliveries/1",
    CommitmentSet: "socialvalue/commitments/1",
}
_SCHEMA_KEY = "schema"
_DEFAULTS_KEY = "defaults"


def _apply_registry_defaults(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Merge a registry's ``[defaults]`` table into each value (a value's own keys win).

    Lets a hand-written registry state the source, licence, unit … of many values once.
    """
    defaults = data.pop(_DEFAULTS_KEY, None)
    if defaults is None:
        return data
    if not isinstance(defaults, dict):
        raise DataFileError(source, [Problem(_DEFAULTS_KEY, "expected a table of value keys")])
    values = data.get("values")
    if isinstance(values, list):
        data["values"] = [
            {**defaults, **value} if isinstance(value, dict) else value for value in values
        ]
    return data


def format_of(path: str | os.PathLike[str]) -> Format:
    """The format a file name implies (``.toml`` or ``.json``)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".toml":
        return "toml"
    if suffix == ".json":
        return "json"
    raise DataFileError(
        os.fspath(path), [Problem("", f"unknown file type {suffix!r}; expected .toml or .json")]
    )


def unstructure(obj: object) -> Any:  # noqa: ANN401 - plain data of any shape
    """Turn a model into plain data (dicts, lists, strings) for any serialiser."""
    data = converter().unstructure(obj)
    schema = _SCHEMAS.get(type(obj))
    if schema is not None and isinstance(data, dict):
        data = {_SCHEMA_KEY: schema, **data}
    return data


def _kind_of(data: object) -> str:
    if isinstance(data, list):
        return "a list"
    if isinstance(data, str):
        return "text"
    if data is None:
        return "null"
    return "a single value"


def structure(data: object, cls: type[T], *, source: str = "<data>") -> T:
    """Build a validated model from plain data; every problem is reported with its key path.

    Raises:
        DataFileError: naming ``source`` and listing every problem found.
    """
    expected = _SCHEMAS.get(cls)
    if isinstance(data, dict) and _SCHEMA_KEY in data:
        data = dict(data)
        schema = data.pop(_SCHEMA_KEY)
        if expected is not None and schema != expected:
            raise DataFileError(
                source,
                [Problem(_SCHEMA_KEY, f"this is a {schema!r} document; expected {expected!r}")],
            )
    if expected is not None and not isinstance(data, dict):
        raise DataFileError(
            source,
            [Problem("", f"expected a table (object) at the top level, not {_kind_of(data)}")],
        )
    if cls is ProxyRegistry and isinstance(data, dict):
        data = _apply_registry_defaults(dict(data), source)
    try:
        return converter().structure(data, cls)
    except SocialValueError as error:
        if isinstance(error, DataFileError):
            raise
        raise DataFileError(source, problems_from(error)) from None
    except (ValueError, TypeError, KeyError, AttributeError, ExceptionGroup) as error:
        raise DataFileError(source, problems_from(error)) from None


def _parse(text: str, fmt: Format, source: str, limits: ImportLimits | None = None) -> object:
    return parse_document(text, fmt, source, limits or ImportLimits())


def loads(text: str, cls: type[T], *, format: Format, source: str = "<string>") -> T:  # noqa: A002
    """Read a model from TOML or JSON text.

    >>> from socialvalue import Money
    >>> loads('amount = "16.93"', Money, format="toml")
    Money(amount=Decimal('16.93'), currency='GBP')
    >>> loads('amount = 16.93', Money, format="toml")  # TOML numbers are read exactly
    Money(amount=Decimal('16.93'), currency='GBP')
    """
    return structure(_parse(text, format, source), cls, source=source)


def dumps(obj: object, *, format: Format) -> str:  # noqa: A002
    """Write a model as TOML or JSON text (decimals as strings, defaults left out).

    >>> from socialvalue import Money
    >>> print(dumps(Money("16.93"), format="json"))
    {
      "amount": "16.93"
    }
    """
    data = unstructure(obj)
    if format == "toml":
        if not isinstance(data, dict):
            raise TypeError(f"a {type(obj).__name__} cannot be a TOML document on its own")
        return tomli_w.dumps(data, multiline_strings=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load(path: str | os.PathLike[str], cls: type[T], *, max_bytes: int = MAX_FILE_BYTES) -> T:
    """Read a model from a ``.toml`` or ``.json`` file; errors name the file."""
    return loads(
        read_text(path, max_bytes=max_bytes), cls, format=format_of(path), source=os.fspath(path)
    )


def save(obj: object, path: str | os.PathLike[str], *, format: Format | None = None) -> None:  # noqa: A002
    """Write a model to a file atomically, in the format its suffix implies."""
    atomic_write_text(path, dumps(obj, format=format or format_of(path)))


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read a :class:`~socialvalue.Framework` from a TOML or JSON file.

    Raises:
        DataFileError: naming the file and every problem in it, each with its key path.
    """
    return load(path, Framework)


def save_framework(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write a framework to a ``.toml`` or ``.json`` file, atomically."""
    save(framework, path)


def load_registry(path: str | os.PathLike[str]) -> ProxyRegistry:
    """Read a :class:`~socialvalue.ProxyRegistry` from a ``.toml``, ``.json`` or ``.csv`` file.

    The registry remembers the file it came from, so every looked-up value can say so.

    Raises:
        DataFileError: naming the file and every problem in it (key path, or row and column).
    """
    if Path(path).suffix.lower() == ".csv":
        from socialvalue.io._registry_csv import load_registry_csv  # noqa: PLC0415 - cycle

        return load_registry_csv(path)
    return load(path, ProxyRegistry).with_origin(os.fspath(path))


def save_registry(registry: ProxyRegistry, path: str | os.PathLike[str]) -> None:
    """Write a registry to a ``.toml``, ``.json`` or ``.csv`` file, atomically."""
    if Path(path).suffix.lower() == ".csv":
        from socialvalue.io._registry_csv import save_registry_csv  # noqa: PLC0415 - cycle

        save_registry_csv(registry, path)
        return
    save(registry, path)


def load_price_index(path: str | os.PathLike[str]) -> PriceIndex:
    """Read a :class:`~socialvalue.PriceIndex` from a ``.toml`` or ``.json`` file."""
    return load(path, PriceIndex)


#: What a document without a ``schema`` key is taken to be, by a key only that kind has.
_KINDS_BY_KEY: tuple[tuple[str, type], ...] = (
    ("themes", Framework),
    ("values", ProxyRegistry),
    ("points", PriceIndex),
    ("schedules", DiscountSchedules),
    ("deliveries", DeliverySet),
    ("commitments", CommitmentSet),
)


def load_any(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES
) -> (
    Framework
    | ProxyRegistry
    | PriceIndex
    | DiscountSchedules
    | DeliverySet
    | CommitmentSet
    | Methodology
):
    """Read whichever kind of document a file holds: by its ``schema`` key, else by its keys.

    A ``.csv`` file is read as a proxy registry.
    """
    if Path(path).suffix.lower() == ".csv":
        return load_registry(path)
    name = os.fspath(path)
    data = _parse(read_text(path, max_bytes=max_bytes), format_of(path), name)
    if not isinstance(data, dict):
        raise DataFileError(name, [Problem("", "expected a table (object) at the top level")])
    kind: type | None = None
    schema = data.get(_SCHEMA_KEY)
    if schema is not None:
        kind = next((cls for cls, known in _SCHEMAS.items() if known == schema), None)
        if kind is None:
            known_schemas = ", ".join(repr(known) for known in _SCHEMAS.values())
            raise DataFileError(
                name, [Problem(_SCHEMA_KEY, f"unknown schema {schema!r}; expected {known_schemas}")]
            )
    else:
        kind = next((cls for key, cls in _KINDS_BY_KEY if key in data), None)
        if kind is None:
            raise DataFileError(
                name,
                [Problem("", "cannot tell what this document is: add a 'schema' key")],
            )
    if kind is Methodology:
        from socialvalue.io._methodology import load_methodology  # noqa: PLC0415 - cycle

        return load_methodology(path, max_bytes=max_bytes)
    result: Framework | ProxyRegistry | PriceIndex | DiscountSchedules | DeliverySet = structure(
        data, kind, source=name
    )
    if isinstance(result, ProxyRegistry):
        return result.with_origin(name)
    return result


def load_deliveries(path: str | os.PathLike[str]) -> DeliverySet:
    """Read a :class:`~socialvalue.DeliverySet` from a ``.toml`` or ``.json`` file."""
    return load(path, DeliverySet)


def save_deliveries(deliveries: DeliverySet, path: str | os.PathLike[str]) -> None:
    """Write deliveries to a ``.toml`` or ``.json`` file, atomically."""
    save(deliveries, path)


def load_commitments(path: str | os.PathLike[str]) -> CommitmentSet:
    """Read a :class:`~socialvalue.CommitmentSet` (commitments and updates) from a file."""
    return load(path, CommitmentSet)


def save_commitments(commitments: CommitmentSet, path: str | os.PathLike[str]) -> None:
    """Write commitments and their updates to a ``.toml`` or ``.json`` file, atomically."""
    save(commitments, path)
