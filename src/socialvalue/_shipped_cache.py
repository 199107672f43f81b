"""The shipped default methodology, rebuilt fast from a JSON cache of its objects.

Reading the shipped TOML files and structuring them with cattrs costs a few hundred
milliseconds on a first call (importing the whole ``io`` layer and cattrs, generating code per
class, parsing TOML). The same objects are kept here as plain, tagged JSON
(``socialvalue/data/methodologies/NAME.cache.json``) and rebuilt by calling the classes'
own constructors, so every validator runs as it does on the slow path.

The cache is data, never code: JSON only, and a tag may name only a class or enum from the
fixed list below, nothing importable by name. The cache records the methodology's content hash;
a rebuilt object whose hash differs is refused (:func:`cached_methodology` returns ``None``).
A test rebuilds the cache from the shipped TOML and compares it with the committed file, so a
change to the shipped data that is not carried into the cache fails the test suite
(``python -m socialvalue.io._cache_writer`` writes it again).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import os
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, cast

import attrs

from socialvalue.additionality import Additionality
from socialvalue.discounting import DiscountSchedule, RateBand, YearConvention
from socialvalue.exceptions import SocialValueError, UnknownCodeError
from socialvalue.framework import (
    Dimension,
    DimensionValue,
    Framework,
    Measure,
    Outcome,
    Theme,
    ValuationKind,
    ValueType,
)
from socialvalue.methodology import CalendarPrices, Memo, Methodology, ProxyDate, RoundingPolicy
from socialvalue.money import RoundingMode
from socialvalue.periods import CalendarYear, FinancialYear
from socialvalue.prices import IndexBasis, IndexPoint, PriceIndex
from socialvalue.provenance import Source, Verification
from socialvalue.proxies import (
    GeographyLink,
    LookupPolicy,
    ProxyRegistry,
    ProxyValue,
    RegistryStack,
)
from socialvalue.units import Unit, UnitKind
from socialvalue.unvalued import UnvaluedReason, UnvaluedReasons

if TYPE_CHECKING:
    from attrs import AttrsInstance

__all__ = [
    "CACHE_FORMAT",
    "cache_path",
    "cached_methodology",
    "decode",
    "default_methodology",
    "encode",
    "shipped_cache_names",
]

#: Written into every cache; a cache of another format is not read.
CACHE_FORMAT = "socialvalue/shipped-cache/1"

_CLASSES: dict[str, type[Any]] = {
    cls.__qualname__: cls
    for cls in (
        Additionality,
        CalendarYear,
        Dimension,
        DimensionValue,
        DiscountSchedule,
        FinancialYear,
        Framework,
        GeographyLink,
        IndexPoint,
        Measure,
        Memo,
        Methodology,
        Outcome,
        PriceIndex,
        ProxyRegistry,
        ProxyValue,
        RateBand,
        RegistryStack,
        RoundingPolicy,
        Source,
        Theme,
        Unit,
        UnvaluedReason,
        UnvaluedReasons,
    )
}
_ENUMS: dict[str, type[enum.Enum]] = {
    cls.__qualname__: cls
    for cls in (
        CalendarPrices,
        IndexBasis,
        LookupPolicy,
        ProxyDate,
        RoundingMode,
        UnitKind,
        ValuationKind,
        ValueType,
        Verification,
        YearConvention,
    )
}


def encode(value: object) -> Any:  # noqa: ANN401, C901, PLR0911 - one branch per kind of value
    """``value`` as tagged JSON data: attrs objects by the arguments their constructor takes."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, enum.Enum):
        name = type(value).__qualname__
        if _ENUMS.get(name) is not type(value):
            raise TypeError(f"no cache tag for the enum {name}")
        return {"!e": name, "v": value.value}
    if isinstance(value, Decimal):
        return {"!d": str(value)}
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"!date": value.isoformat()}
    cls = _CLASSES.get(type(value).__qualname__)
    if cls is type(value):
        arguments = {
            field.alias: encode(getattr(value, field.name))
            for field in attrs.fields(cast("type[AttrsInstance]", cls))
            if field.init
        }
        encoded = {"!c": cls.__qualname__, "a": arguments}
        # A registry's origin (the file it was read from) is outside equality and the
        # constructor, but explanations cite it: carry it too.
        if isinstance(value, ProxyRegistry) and value.origin is not None:
            encoded["origin"] = value.origin
        return encoded
    if isinstance(value, tuple):
        return {"!t": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, frozenset):
        return {"!fs": [encode(item) for item in value]}
    if isinstance(value, (dict, MappingProxyType)):
        items = [[encode(key), encode(item)] for key, item in value.items()]
        return {"!mp" if isinstance(value, MappingProxyType) else "!m": items}
    raise TypeError(f"no cache tag for {type(value).__qualname__}")


def decode(data: Any) -> Any:  # noqa: ANN401, C901, PLR0911 - one branch per tag
    """The objects :func:`encode` wrote; only the listed classes and enums can be named."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "!c" in data:
        built = _CLASSES[data["!c"]](**{key: decode(item) for key, item in data["a"].items()})
        if isinstance(built, ProxyRegistry) and isinstance(data.get("origin"), str):
            return built.with_origin(data["origin"])
        return built
    if "!e" in data:
        return _ENUMS[data["!e"]](data["v"])
    if "!d" in data:
        return Decimal(data["!d"])
    if "!date" in data:
        return dt.date.fromisoformat(data["!date"])
    if "!t" in data:
        return tuple(decode(item) for item in data["!t"])
    if "!fs" in data:
        return frozenset(decode(item) for item in data["!fs"])
    if "!m" in data:
        return {decode(key): decode(item) for key, item in data["!m"]}
    if "!mp" in data:
        return MappingProxyType({decode(key): decode(item) for key, item in data["!mp"]})
    raise ValueError(f"not a cache tag: {sorted(data)}")


def cache_path(name: str) -> str:
    """Where the cache of the shipped methodology ``name`` is (it may not exist)."""
    # os.path, not pathlib or importlib.resources: each would add milliseconds to the call
    here = os.path.dirname(__file__)  # noqa: PTH120
    return os.path.join(here, "data", "methodologies", f"{name}.cache.json")  # noqa: PTH118


def cached_methodology(name: str) -> Methodology | None:
    """The shipped methodology ``name`` from its cache, or ``None``.

    ``None`` when the cache is missing, of another format, or rebuilds to a methodology whose
    content hash is not the one recorded: the caller then reads the shipped TOML.
    """
    try:
        with open(cache_path(name), encoding="utf-8") as cache_file:  # noqa: PTH123
            data = json.load(cache_file)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return None
    try:
        methodology = decode(data["methodology"])
    except (KeyError, TypeError, ValueError):
        return None
    if not isinstance(methodology, Methodology):
        return None
    if methodology.content_hash != data.get("content_hash"):
        return None
    return methodology


def shipped_cache_names() -> list[str]:
    """The shipped methodologies that have a cache, by name."""
    folder = os.path.dirname(cache_path("-"))  # noqa: PTH120
    suffix = ".cache.json"
    names = os.listdir(folder)  # noqa: PTH208 - os, not pathlib, as in cache_path
    return sorted(name.removesuffix(suffix) for name in names if name.endswith(suffix))


@functools.cache
def default_methodology(name: str = "lcrca-default") -> Methodology:
    """The shipped open methodology (cached): LCRCA framework, open values, Green Book rules.

    It states no additionality assumptions (net equals gross) because no open, verified
    benchmark exists to ship; set your own in a methodology of yours.

    Built from a JSON cache of the shipped objects (see :mod:`socialvalue._shipped_cache`):
    the same objects, and the same content hash, as reading the shipped TOML files.

    Raises:
        UnknownCodeError: ``name`` is not a shipped methodology.
        SocialValueError: the shipped cache is missing or damaged.

    Examples:
        >>> from socialvalue import default_methodology
        >>> methodology = default_methodology()
        >>> methodology.id, methodology.price_base.label, len(methodology.content_hash)
        ('lcrca-default', '2024/25', 64)
    """
    methodology = cached_methodology(name)
    if methodology is not None:
        return methodology
    known = shipped_cache_names()
    if name not in known:
        raise UnknownCodeError("shipped methodology", name, known)
    raise SocialValueError(  # pragma: no cover - only when the installed package is damaged
        f"the shipped methodology {name!r} cannot be read from {cache_path(name)}: reinstall "
        "socialvalue, or write the cache again with python -m socialvalue.io._cache_writer"
    )
