"""Methodology bundles: one TOML or JSON file that names (or embeds) every component.

In a bundle, ``framework``, each of ``registries``, ``price_index``, ``discount_schedule`` and
``unvalued_reasons`` is either a table (the component written inline) or a reference:

* ``"shipped:NAME"`` — data shipped with the package (``shipped:lcrca``, ``shipped:lcrca-open``,
  ``shipped:gdp-deflator-hmt-2026-03``, ``shipped:green-book-2022/standard``);
* a path, relative to the bundle's folder — another file (``council-values.csv``). The file
  must lie inside the bundle's folder (or one of the ``search_paths`` the caller allows):
  absolute paths, ``..`` and symbolic links that lead elsewhere are refused before anything is
  read, so a shared bundle cannot make the loader read (and echo in an error) any other file.

Saving always writes a self-contained bundle (every component inline), so the one file
reproduces every result.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from socialvalue._shipped_cache import default_methodology
from socialvalue._shipped_names import SHIPPED_METHODOLOGIES
from socialvalue.discounting import DiscountSchedules
from socialvalue.exceptions import DataFileError, Problem, SocialValueError
from socialvalue.framework import Framework
from socialvalue.io._files import MAX_FILE_BYTES, OutsideFolderError, file_inside, read_text
from socialvalue.io._formats import dumps, format_of, load, load_registry, parse, save, structure
from socialvalue.io._open_data import load_unvalued_reasons, shipped_unvalued_reasons
from socialvalue.io._shipped import (
    shipped_discount_schedule,
    shipped_framework,
    shipped_price_index,
    shipped_registry,
    shipped_text,
)
from socialvalue.methodology import Methodology
from socialvalue.prices import PriceIndex

__all__ = [
    "SHIPPED_METHODOLOGIES",
    "default_methodology",
    "load_methodology",
    "methodology_diff",
    "methodology_from_shipped_toml",
    "methodology_from_text",
    "save_methodology",
]

_SHIPPED = "shipped:"


def _shipped(kind: str, name: str) -> object:
    if kind == "framework":
        return shipped_framework(name)
    if kind == "registries":
        return shipped_registry(name)
    if kind == "price_index":
        return shipped_price_index(name)
    if kind == "unvalued_reasons":
        return shipped_unvalued_reasons(name)
    edition, _, schedule = name.partition("/")
    return shipped_discount_schedule(schedule or "standard", edition=edition)


def _from_file(kind: str, folder: Path, reference: str) -> object:
    path = folder / reference
    if kind == "framework":
        return load(path, Framework)
    if kind == "registries":
        return load_registry(path)
    if kind == "price_index":
        return load(path, PriceIndex)
    if kind == "unvalued_reasons":
        return load_unvalued_reasons(path)
    file_name, _, schedule = reference.partition("#")
    schedules = load(folder / file_name, DiscountSchedules)
    return schedules.schedule(schedule or "standard")


def _resolve(  # noqa: PLR0913 - the reference and where it may lead
    kind: str,
    where: str,
    reference: str,
    folder: Path,
    source: str,
    *,
    search_paths: Sequence[Path] = (),
) -> object:
    try:
        if reference.startswith(_SHIPPED):
            return _shipped(kind, reference.removeprefix(_SHIPPED))
        path = file_inside(folder, reference, search_paths, where)
        name = path.name + (f"#{reference.partition('#')[2]}" if "#" in reference else "")
        return _from_file(kind, path.parent, name)
    except OutsideFolderError as error:
        raise DataFileError(source, [Problem(where, str(error).partition(": ")[2])]) from None
    except DataFileError:
        raise
    except SocialValueError as error:
        raise DataFileError(source, [Problem(where, str(error))]) from None


def methodology_from_text(
    text: str,
    *,
    format: str,  # noqa: A002 - the same keyword as loads()
    source: str = "<string>",
    folder: Path | None = None,
    search_paths: Sequence[str | os.PathLike[str]] = (),
) -> Methodology:
    """Read a methodology bundle from text; relative references resolve against ``folder``.

    A referenced file must lie inside ``folder`` (the working folder when ``None``) or inside
    one of ``search_paths``; anything else is refused unread.
    """
    allowed = tuple(Path(path) for path in search_paths)
    data: Any = parse(text, "json" if format == "json" else "toml", source)
    if not isinstance(data, dict):
        raise DataFileError(source, [Problem("", "expected a table at the top level")])
    base = folder if folder is not None else Path()
    data = dict(data)
    for kind in ("framework", "price_index", "discount_schedule", "unvalued_reasons"):
        if isinstance(data.get(kind), str):
            data[kind] = _resolve(kind, kind, data[kind], base, source, search_paths=allowed)
    registries = data.get("registries")
    if isinstance(registries, list):
        data["registries"] = [
            _resolve("registries", f"registries[{i}]", item, base, source, search_paths=allowed)
            if isinstance(item, str)
            else item
            for i, item in enumerate(registries)
        ]
    return structure(data, Methodology, source=source)


def load_methodology(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_FILE_BYTES,
    search_paths: Sequence[str | os.PathLike[str]] = (),
) -> Methodology:
    """Read a methodology bundle (``.toml`` or ``.json``); references resolve next to the file.

    Referenced files must lie inside the bundle's folder, or inside one of ``search_paths``.

    Raises:
        DataFileError: naming the bundle (or the referenced file) and every problem.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue import default_methodology
        >>> from socialvalue.io import load_methodology, save_methodology
        >>> save_methodology(default_methodology(), Path(folder.name) / "methodology.toml")
        >>> loaded = load_methodology(Path(folder.name) / "methodology.toml")
        >>> loaded.content_hash == default_methodology().content_hash
        True
        >>> folder.cleanup()
    """
    return methodology_from_text(
        read_text(path, max_bytes=max_bytes),
        format=format_of(path),
        source=os.fspath(path),
        folder=Path(path).parent,
        search_paths=search_paths,
    )


def save_methodology(methodology: Methodology, path: str | os.PathLike[str]) -> None:
    """Write a self-contained methodology bundle (every component inline), atomically.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = tempfile.TemporaryDirectory()
        >>> from socialvalue import default_methodology
        >>> from socialvalue.io import load_methodology, save_methodology
        >>> save_methodology(default_methodology(), Path(folder.name) / "methodology.json")
        >>> load_methodology(Path(folder.name) / "methodology.json").id
        'lcrca-default'
        >>> folder.cleanup()
    """
    save(methodology, path)


def methodology_from_shipped_toml(name: str) -> Methodology:
    """The shipped methodology ``name`` read from its TOML files: the slow path.

    :func:`default_methodology` rebuilds the same objects from a cache; this is what the cache
    is written from (``python -m socialvalue.io._cache_writer``) and checked against.
    """
    text, source = shipped_text(name, SHIPPED_METHODOLOGIES, "methodologies", "shipped methodology")
    return methodology_from_text(text, format="toml", source=source)


def methodology_diff(old: Methodology, new: Methodology) -> str:
    """What changed in the data: a unified diff of the two self-contained bundles, with hashes.

    Both are written as TOML with every component inline, so the diff shows every changed
    value, range, assumption and rate, whatever files they were loaded from. Titles, notes and
    sources show too, though they change no figure (the hashes say whether a figure can move).

    Examples:
        >>> import attrs
        >>> from socialvalue import default_methodology
        >>> old = default_methodology()
        >>> print(methodology_diff(old, attrs.evolve(old, price_base="2023/24")))
        ... # doctest: +ELLIPSIS
        --- lcrca-default 2026... (sha256:...)
        +++ lcrca-default 2026... (sha256:...)
        @@ ...
        -price_base = "2024/25"
        +price_base = "2023/24"
        ...
    """
    texts = [dumps(m, format="toml").splitlines(keepends=True) for m in (old, new)]
    if old.content_hash == new.content_hash and texts[0] == texts[1]:
        return f"no change: {old.ref}\n"
    return "".join(
        difflib.unified_diff(texts[0], texts[1], fromfile=str(old.ref), tofile=str(new.ref))
    )
