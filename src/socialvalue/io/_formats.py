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
from socialvalue.io._import import ImportLimits
from socialvalue.io._registry_csv import load_registry_csv, save_registry_csv
from socialvalue.methodology import Methodology
from socialvalue.prices import PriceIndex
from socialvalue.proxies import ProxyRegistry
from socialvalue.spotlights import Spotlights
from socialvalue.translations import TitleTranslations

__all__ = [
    "Format",
    "dumps",
    "format_of",
    "load",
    "load_commitments",
    "load_deliveries",
    "load_framework",
    "load_price_index",
    "load_registry",
    "load_spotlights",
    "load_translations",
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
SCHEMAS: dict[type, str] = {
    Framework: "socialvalue/framework/1",
    ProxyRegistry: "socialvalue/registry/1",
    PriceIndex: "socialvalue/price-index/1",
    DiscountSchedules: "socialvalue/discount-schedules/1",
    Methodology: "socialvalue/methodology/1",
    DeliverySet: "socialvalue/deliveries/1",
    CommitmentSet: "socialvalue/commitments/1",
    TitleTranslations: "socialvalue/translations/1",
    Spotlights: "socialvalue/spotlights/1",
}
SCHEMA_KEY = "schema"
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
    schema = SCHEMAS.get(type(obj))
    if schema is not None and isinstance(data, dict):
        data = {SCHEMA_KEY: schema, **data}
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
    expected = SCHEMAS.get(cls)
    if isinstance(data, dict) and SCHEMA_KEY in data:
        data = dict(data)
        schema = data.pop(SCHEMA_KEY)
        if expected is not None and schema != expected:
            raise DataFileError(
                source,
                [Problem(SCHEMA_KEY, f"this is a {schema!r} document; expected {expected!r}")],
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


def parse(text: str, fmt: Format, source: str, limits: ImportLimits | None = None) -> object:
    """Parse a TOML or JSON document within ``limits`` (depth, integer length, valid text)."""
    return parse_document(text, fmt, source, limits or ImportLimits())


def loads(text: str, cls: type[T], *, format: Format, source: str = "<string>") -> T:  # noqa: A002
    """Read a model from TOML or JSON text.

    >>> from socialvalue import Money
    >>> loads('amount = "12.34"', Money, format="toml")
    Money(amount=Decimal('12.34'), currency='GBP')
    >>> loads('amount = 12.34', Money, format="toml")  # TOML numbers are read exactly
    Money(amount=Decimal('12.34'), currency='GBP')
    """
    return structure(parse(text, format, source), cls, source=source)


def dumps(obj: object, *, format: Format) -> str:  # noqa: A002
    """Write a model as TOML or JSON text (decimals as strings, defaults left out).

    >>> from socialvalue import Money
    >>> print(dumps(Money("12.34"), format="json"))
    {
      "amount": "12.34"
    }
    """
    data = unstructure(obj)
    if format == "toml":
        if not isinstance(data, dict):
            raise TypeError(f"a {type(obj).__name__} cannot be a TOML document on its own")
        return tomli_w.dumps(data, multiline_strings=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def load(path: str | os.PathLike[str], cls: type[T], *, max_bytes: int = MAX_FILE_BYTES) -> T:
    """Read a model from a ``.toml`` or ``.json`` file; errors name the file.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue import PriceIndex
        >>> from socialvalue.io import load, save, shipped_price_index
        >>> path = Path(folder.name) / "deflator.json"
        >>> save(shipped_price_index(), path)
        >>> load(path, PriceIndex) == shipped_price_index()
        True
        >>> folder.cleanup()
    """
    return loads(
        read_text(path, max_bytes=max_bytes), cls, format=format_of(path), source=os.fspath(path)
    )


def save(obj: object, path: str | os.PathLike[str], *, format: Format | None = None) -> None:  # noqa: A002
    """Write a model to a file atomically, in the format its suffix implies.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_framework, save, shipped_framework
        >>> path = Path(folder.name) / "framework.toml"
        >>> save(shipped_framework(), path)
        >>> path.read_text(encoding="utf-8").splitlines()[0]
        'schema = "socialvalue/framework/1"'
        >>> folder.cleanup()
    """
    atomic_write_text(path, dumps(obj, format=format or format_of(path)))


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read a :class:`~socialvalue.Framework` from a TOML or JSON file.

    Raises:
        DataFileError: naming the file and every problem in it, each with its key path.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_framework, save_framework, shipped_framework
        >>> save_framework(shipped_framework(), Path(folder.name) / "lcrca.toml")
        >>> framework = load_framework(Path(folder.name) / "lcrca.toml")
        >>> framework == shipped_framework(), framework.measure("LCR-EDI-1").unit
        (True, 'person')
        >>> folder.cleanup()
    """
    return load(path, Framework)


def save_framework(framework: Framework, path: str | os.PathLike[str]) -> None:
    """Write a framework to a ``.toml`` or ``.json`` file, atomically.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_framework, save_framework, shipped_framework
        >>> save_framework(shipped_framework(), Path(folder.name) / "lcrca.json")
        >>> load_framework(Path(folder.name) / "lcrca.json") == shipped_framework()
        True
        >>> folder.cleanup()
    """
    save(framework, path)


def load_registry(path: str | os.PathLike[str]) -> ProxyRegistry:
    """Read a :class:`~socialvalue.ProxyRegistry` from a ``.toml``, ``.json`` or ``.csv`` file.

    The registry remembers the file it came from, so every looked-up value can say so.

    Raises:
        DataFileError: naming the file and every problem in it (key path, or row and column).

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_registry, save_registry, shipped_registry
        >>> save_registry(shipped_registry(), Path(folder.name) / "values.csv")
        >>> registry = load_registry(Path(folder.name) / "values.csv")
        >>> registry.values == shipped_registry().values, registry.origin.endswith("values.csv")
        (True, True)
        >>> folder.cleanup()
    """
    if Path(path).suffix.lower() == ".csv":
        return load_registry_csv(path)
    return load(path, ProxyRegistry).with_origin(os.fspath(path))


def save_registry(registry: ProxyRegistry, path: str | os.PathLike[str]) -> None:
    """Write a registry to a ``.toml``, ``.json`` or ``.csv`` file, atomically.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_registry, save_registry, shipped_registry
        >>> save_registry(shipped_registry(), Path(folder.name) / "values.toml")
        >>> load_registry(Path(folder.name) / "values.toml").values == shipped_registry().values
        True
        >>> folder.cleanup()
    """
    if Path(path).suffix.lower() == ".csv":
        save_registry_csv(registry, path)
        return
    save(registry, path)


def load_price_index(path: str | os.PathLike[str]) -> PriceIndex:
    """Read a :class:`~socialvalue.PriceIndex` from a ``.toml`` or ``.json`` file.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_price_index, save, shipped_price_index
        >>> save(shipped_price_index(), Path(folder.name) / "deflator.toml")
        >>> load_price_index(Path(folder.name) / "deflator.toml").id
        'gdp-deflator-hmt-2026-03'
        >>> folder.cleanup()
    """
    return load(path, PriceIndex)


def load_deliveries(path: str | os.PathLike[str]) -> DeliverySet:
    """Read a :class:`~socialvalue.DeliverySet` from a ``.toml`` or ``.json`` file.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import example_deliveries, load_deliveries, save_deliveries
        >>> save_deliveries(example_deliveries(), Path(folder.name) / "deliveries.json")
        >>> len(load_deliveries(Path(folder.name) / "deliveries.json"))
        25
        >>> folder.cleanup()
    """
    return load(path, DeliverySet)


def load_spotlights(path: str | os.PathLike[str]) -> Spotlights:
    """Read project spotlights (:class:`~socialvalue.spotlights.Spotlights`), TOML or JSON.

    >>> from socialvalue.io import example_spotlights, load_spotlights, save
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = tempfile.TemporaryDirectory()
    >>> save(example_spotlights(), Path(folder.name) / "spotlights.toml")
    >>> load_spotlights(Path(folder.name) / "spotlights.toml") == example_spotlights()
    True
    >>> folder.cleanup()

    Raises:
        DataFileError: the file cannot be read, or a key is unknown or missing (with its path).
    """
    return load(path, Spotlights)


def load_translations(path: str | os.PathLike[str]) -> TitleTranslations:
    """Read a framework's titles in another locale (a ``TitleTranslations``).

    Raises:
        DataFileError: the file cannot be read, or a key is unknown or missing (with its path).
    """
    return load(path, TitleTranslations)


def save_deliveries(deliveries: DeliverySet, path: str | os.PathLike[str]) -> None:
    """Write deliveries to a ``.toml`` or ``.json`` file, atomically.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue import Delivery, DeliverySet
        >>> from socialvalue.io import load_deliveries, save_deliveries
        >>> hours = Delivery(measure="LCR-COM-1", quantity="120", period="2022/23 Q3")
        >>> batch = DeliverySet(title="Volunteering", deliveries=(hours,))
        >>> save_deliveries(batch, Path(folder.name) / "deliveries.toml")
        >>> load_deliveries(Path(folder.name) / "deliveries.toml") == batch
        True
        >>> folder.cleanup()
    """
    save(deliveries, path)


def load_commitments(path: str | os.PathLike[str]) -> CommitmentSet:
    """Read a :class:`~socialvalue.CommitmentSet` (commitments and updates) from a file.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_commitments, save_commitments, shipped_commitments
        >>> save_commitments(shipped_commitments(), Path(folder.name) / "commitments.toml")
        >>> load_commitments(Path(folder.name) / "commitments.toml").commitment("D1-PRC-01").due
        datetime.date(2023, 3, 31)
        >>> folder.cleanup()
    """
    return load(path, CommitmentSet)


def save_commitments(commitments: CommitmentSet, path: str | os.PathLike[str]) -> None:
    """Write commitments and their updates to a ``.toml`` or ``.json`` file, atomically.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue.io import load_commitments, save_commitments, shipped_commitments
        >>> save_commitments(shipped_commitments(), Path(folder.name) / "commitments.json")
        >>> load_commitments(Path(folder.name) / "commitments.json") == shipped_commitments()
        True
        >>> folder.cleanup()
    """
    save(commitments, path)
