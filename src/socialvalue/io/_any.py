"""Read whichever kind of document a file holds, methodology bundles included."""

from __future__ import annotations

import os
from pathlib import Path

from socialvalue.commitments import CommitmentSet
from socialvalue.deliveries import DeliverySet
from socialvalue.discounting import DiscountSchedules
from socialvalue.exceptions import DataFileError, Problem
from socialvalue.framework import Framework
from socialvalue.io._files import MAX_FILE_BYTES, read_text
from socialvalue.io._formats import SCHEMA_KEY, SCHEMAS, format_of, load_registry, parse, structure
from socialvalue.io._methodology import load_methodology
from socialvalue.methodology import Methodology
from socialvalue.prices import PriceIndex
from socialvalue.proxies import ProxyRegistry

__all__ = ["AnyDocument", "load_any"]


#: What a document without a ``schema`` key is taken to be, by a key only that kind has.
_KINDS_BY_KEY: tuple[tuple[str, type], ...] = (
    ("themes", Framework),
    ("values", ProxyRegistry),
    ("points", PriceIndex),
    ("schedules", DiscountSchedules),
    ("deliveries", DeliverySet),
    ("commitments", CommitmentSet),
)


#: Every kind of document :func:`load_any` reads.
AnyDocument = (
    Framework
    | ProxyRegistry
    | PriceIndex
    | DiscountSchedules
    | DeliverySet
    | CommitmentSet
    | Methodology
)


def load_any(path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES) -> AnyDocument:
    """Read whichever kind of document a file holds: by its ``schema`` key, else by its keys.

    A ``.csv`` file is read as a proxy registry.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue import default_methodology
        >>> from socialvalue.io import load_any, save_commitments, save_methodology
        >>> from socialvalue.io import shipped_commitments
        >>> save_commitments(shipped_commitments(), Path(folder.name) / "a.toml")
        >>> save_methodology(default_methodology(), Path(folder.name) / "b.toml")
        >>> [type(load_any(Path(folder.name) / name)).__name__ for name in ("a.toml", "b.toml")]
        ['CommitmentSet', 'Methodology']
        >>> folder.cleanup()
    """
    if Path(path).suffix.lower() == ".csv":
        return load_registry(path)
    name = os.fspath(path)
    data = parse(read_text(path, max_bytes=max_bytes), format_of(path), name)
    if not isinstance(data, dict):
        raise DataFileError(name, [Problem("", "expected a table (object) at the top level")])
    kind: type | None = None
    schema = data.get(SCHEMA_KEY)
    if schema is not None:
        kind = next((cls for cls, known in SCHEMAS.items() if known == schema), None)
        if kind is None:
            known_schemas = ", ".join(repr(known) for known in SCHEMAS.values())
            raise DataFileError(
                name, [Problem(SCHEMA_KEY, f"unknown schema {schema!r}; expected {known_schemas}")]
            )
    else:
        kind = next((cls for key, cls in _KINDS_BY_KEY if key in data), None)
        if kind is None:
            raise DataFileError(
                name,
                [Problem("", "cannot tell what this document is: add a 'schema' key")],
            )
    if kind is Methodology:
        return load_methodology(path, max_bytes=max_bytes)
    result: Framework | ProxyRegistry | PriceIndex | DiscountSchedules | DeliverySet = structure(
        data, kind, source=name
    )
    if isinstance(result, ProxyRegistry):
        return result.with_origin(name)
    return result
