"""The shipped default methodology, rebuilt fast from a JSON cache of its objects.

Reading the shipped TOML files and structuring them with cattrs costs a few hundred
milliseconds on a first call (importing the whole ``io`` layer and cattrs, generating code per
class, parsing TOML). The same objects are kept here as plain, tagged JSON
(``socialvalue/data/methodologies/NAME.cache.json``) and rebuilt by calling the classes'
own constructors, so every validator runs as it does on the slow path.

The cache is data, never code: JSON only, and a tag may name only a class or enum from the
fixed list below, nothing importable by name. It is never trusted when stale: it records the
SHA-256 of every shipped data file it was written from, the SHA-256 of its objects (the second
of its two lines: the first is the header) and the methodology's content hash; a cache whose
files have changed since, whose objects were edited, or that rebuilds to another hash, is not used
(:func:`read_cache` says why) and :func:`default_methodology` raises, naming the fix (the core
reads no TOML: that is the io layer's work).
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

from socialvalue._sha256 import sha256_hex
from socialvalue._shipped_names import SHIPPED_METHODOLOGIES
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
from socialvalue.methodology import (
    BeforeBaseYear,
    CalendarPrices,
    MeasureAssumption,
    Memo,
    Methodology,
    OverlapPolicy,
    ProxyDate,
    ProxyYears,
    RoundingPolicy,
)
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
from socialvalue.ranges import (
    AssumptionRange,
    DiscountRange,
    Distribution,
    ProxySpread,
    Uncertainty,
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
    "read_cache",
    "shipped_cache_names",
    "source_digests",
]

#: Written into every cache; a cache of another format is not read.
CACHE_FORMAT = "socialvalue/shipped-cache/4"

_SUFFIX = ".cache.json"

_CLASSES: dict[str, type[Any]] = {
    cls.__qualname__: cls
    for cls in (
        Additionality,
        AssumptionRange,
        CalendarYear,
        Dimension,
        DimensionValue,
        DiscountRange,
        DiscountSchedule,
        FinancialYear,
        Framework,
        GeographyLink,
        IndexPoint,
        Measure,
        MeasureAssumption,
        Memo,
        Methodology,
        Outcome,
        PriceIndex,
        ProxyRegistry,
        ProxySpread,
        ProxyValue,
        RateBand,
        RegistryStack,
        RoundingPolicy,
        Source,
        Theme,
        Uncertainty,
        Unit,
        UnvaluedReason,
        UnvaluedReasons,
    )
}
_ENUMS: dict[str, type[enum.Enum]] = {
    cls.__qualname__: cls
    for cls in (
        BeforeBaseYear,
        CalendarPrices,
        Distribution,
        IndexBasis,
        LookupPolicy,
        OverlapPolicy,
        ProxyDate,
        ProxyYears,
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
        # The constructor's arguments beside the tag, in one JSON object: an argument's name
        # is a Python identifier, never a tag (tags start with "!").
        encoded = {"!c": cls.__qualname__} | {
            field.alias: encode(getattr(value, field.name))
            for field in attrs.fields(cast("type[AttrsInstance]", cls))
            if field.init
        }
        # A registry's origin (the file it was read from) is outside equality and the
        # constructor, but explanations cite it: carry it too.
        if isinstance(value, ProxyRegistry) and value.origin is not None:
            encoded["!origin"] = value.origin
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


def _rebuild(data: dict[str, Any]) -> Any:  # noqa: ANN401, C901, PLR0911 - one branch per tag
    """The object one JSON object of the cache stands for, its members already rebuilt.

    The hook :func:`json.loads` calls on every JSON object as it parses the cache (innermost
    first), so the objects are rebuilt in the one pass that reads them. Only the listed classes
    and enums can be named; a JSON object with no tag is refused.
    """
    # the tags in the order of how often the shipped methodology has them
    if "!c" in data:
        cls = _CLASSES[data.pop("!c")]
        origin = data.pop("!origin", None)
        built = cls(**data)
        if origin is None:
            return built
        if not isinstance(built, ProxyRegistry) or not isinstance(origin, str):
            raise ValueError(f"an origin for a {cls.__qualname__}: {origin!r}")
        return built.with_origin(origin)
    if "!t" in data:
        return tuple(data["!t"])
    if "!d" in data:
        return Decimal(data["!d"])
    if "!e" in data:
        return _ENUMS[data["!e"]](data["v"])
    if "!date" in data:
        return dt.date.fromisoformat(data["!date"])
    if "!fs" in data:
        return frozenset(data["!fs"])
    if "!m" in data:
        return dict(data["!m"])
    if "!mp" in data:
        return MappingProxyType(dict(data["!mp"]))
    raise ValueError(f"not a cache tag: {sorted(data)}")


def decode(text: str | bytes) -> Any:  # noqa: ANN401 - the objects encode wrote
    """The objects :func:`encode` wrote, from the cache's JSON text.

    Rebuilt while the text is parsed (:func:`_rebuild` is the ``object_hook``), in one pass.
    """
    return json.loads(text, object_hook=_rebuild)


def _data_folder() -> str:
    # os.path, not pathlib or importlib.resources: each would add milliseconds to the call
    return os.path.join(os.path.dirname(__file__), "data")  # noqa: PTH118, PTH120


def cache_path(name: str) -> str:
    """Where the cache of the shipped methodology ``name`` is (it may not exist)."""
    return os.path.join(_data_folder(), "methodologies", f"{name}{_SUFFIX}")  # noqa: PTH118


def source_digests(folder: str | None = None) -> dict[str, str]:
    """SHA-256 of every shipped data file a cache could be built from, by path under ``data/``.

    Every file of the data folder but the caches themselves: a change to any of them makes every
    cache stale, whichever files a methodology reads. Paths use ``/`` on every system.
    """
    digests: dict[str, str] = {}
    _digest_folder(_data_folder() if folder is None else folder, "", digests)
    return digests


def _digest_folder(folder: str, prefix: str, digests: dict[str, str]) -> None:
    """Add the digests of ``folder``'s files, then of its folders', each in name order.

    The order :func:`os.walk` gives, from one :func:`os.scandir` per folder (the entries know
    whether they are folders, and their paths under ``data/`` are built as they are found).
    """
    with os.scandir(folder) as found:
        entries = sorted(found, key=lambda entry: entry.name)
    folders = []
    for entry in entries:
        name = entry.name
        if entry.is_dir():
            if not name.startswith(("_", ".")):
                folders.append(entry)
        elif not name.endswith(_SUFFIX) and not name.startswith("."):
            with open(entry.path, "rb") as data_file:  # noqa: PTH123
                digests[prefix + name] = sha256_hex(data_file.read())
    for entry in folders:
        _digest_folder(entry.path, f"{prefix}{entry.name}/", digests)


def _stale(recorded: object, now: dict[str, str]) -> str:
    """Which shipped data files differ from the ones a cache was written from, in words."""
    before = recorded if isinstance(recorded, dict) else {}
    changed = sorted(
        path for path in before.keys() | now.keys() if before.get(path) != now.get(path)
    )
    return f"shipped data changed since it was written ({', '.join(changed)})"


def read_cache(  # noqa: PLR0911 - one way out per reason the cache is not used
    name: str, *, data_folder: str | None = None
) -> Methodology | str:
    """The shipped methodology ``name`` from its cache, or why the cache cannot be used.

    Not used (a reason is returned) when the cache is missing, of another format, stale (a
    shipped data file's SHA-256 is not the one the cache was written from, or a file was added
    or removed), holds objects whose SHA-256 is not the one recorded (an edited or damaged
    cache: the content hash covers only what changes a value, not titles, licences or sources),
    or rebuilds to a methodology whose content hash is not the one recorded.
    ``data_folder`` is the folder of shipped data files to check against (for tests).
    """
    try:
        with open(cache_path(name), "rb") as cache_file:  # noqa: PTH123
            header_line, _, body = cache_file.read().partition(b"\n")
        data = json.loads(header_line)
    except (OSError, ValueError, RecursionError) as error:
        return f"it cannot be read ({error})"
    if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT:
        return f"it is not a cache of the format {CACHE_FORMAT}"
    try:
        digests = source_digests(data_folder)
    except OSError as error:
        return f"the shipped data cannot be read ({error})"
    if data.get("sources") != digests:
        return _stale(data.get("sources"), digests)
    # The content hash covers only what changes a value: titles, licences, sources and reasons
    # are checked by the digest of the objects' line, so an edited or damaged line is refused.
    payload = body.removesuffix(b"\n")
    if data.get("methodology_sha256") != sha256_hex(payload):
        return "its objects are not the ones it was written with (their SHA-256 differs)"
    try:
        methodology = decode(payload)
    # ArithmeticError: a damaged number (decimal.InvalidOperation); TypeError and
    # AttributeError: arguments a constructor or converter cannot take; RecursionError: nesting
    # deeper than any methodology's.
    except (
        KeyError,
        TypeError,
        ValueError,
        ArithmeticError,
        AttributeError,
        RecursionError,
    ) as error:
        return f"it does not rebuild ({type(error).__name__}: {error})"
    if not isinstance(methodology, Methodology):
        return "it holds no methodology"
    if methodology.content_hash != data.get("content_hash"):
        return "it rebuilds to another content hash than it records"
    return methodology


def cached_methodology(name: str, *, data_folder: str | None = None) -> Methodology | None:
    """The shipped methodology ``name`` from its cache, or ``None`` (see :func:`read_cache`)."""
    found = read_cache(name, data_folder=data_folder)
    return None if isinstance(found, str) else found


def shipped_cache_names() -> list[str]:
    """The shipped methodologies that have a cache, by name."""
    folder = os.path.dirname(cache_path("-"))  # noqa: PTH120
    names = os.listdir(folder)  # noqa: PTH208 - os, not pathlib, as in cache_path
    return sorted(name.removesuffix(_SUFFIX) for name in names if name.endswith(_SUFFIX))


@functools.cache
def default_methodology(name: str = "lcrca-default") -> Methodology:
    """The shipped open methodology (cached): LCRCA framework, open values, Green Book rules.

    It states no additionality assumptions (net equals gross) because no open, verified
    benchmark exists to ship; set your own in a methodology of yours.

    Built from a JSON cache of the shipped objects (see :mod:`socialvalue._shipped_cache`):
    the same objects, and the same content hash, as reading the shipped TOML files (which
    ``socialvalue.io._methodology.methodology_from_shipped_toml`` does).

    Raises:
        UnknownCodeError: ``name`` is not a shipped methodology.
        SocialValueError: the cache is missing, damaged or stale (the shipped data changed
            since it was written): it is never used then. In a source checkout,
            ``python -m socialvalue.io._cache_writer`` writes it again.

    Examples:
        >>> from socialvalue import default_methodology
        >>> methodology = default_methodology()
        >>> methodology.id, methodology.price_base.label, len(methodology.content_hash)
        ('lcrca-default', '2024/25', 64)
    """
    if name not in SHIPPED_METHODOLOGIES:
        raise UnknownCodeError("shipped methodology", name, list(SHIPPED_METHODOLOGIES))
    found = read_cache(name)
    if isinstance(found, str):
        # The core reads no TOML (the io layer does); a stale cache is refused, loudly.
        raise SocialValueError(
            f"the shipped methodology {name!r} cannot be rebuilt from {cache_path(name)}: "
            f"{found}. In a source checkout, write it again with "
            "python -m socialvalue.io._cache_writer; an installed socialvalue needs reinstalling"
        )
    return found
