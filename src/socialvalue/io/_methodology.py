"""Methodology bundles: one TOML or JSON file that names (or embeds) every component.

In a bundle, ``framework``, each of ``registries``, ``price_index`` and ``discount_schedule`` is
either a table (the component written inline) or a reference:

* ``"shipped:NAME"`` — data shipped with the package (``shipped:lcrca``, ``shipped:lcrca-open``,
  ``shipped:gdp-deflator-hmt-2026-03``, ``shipped:green-book-2022/standard``);
* a path, relative to the bundle's folder — another file (``council-values.csv``).

Saving always writes a self-contained bundle (every component inline), so the one file
reproduces every result.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from socialvalue.discounting import DiscountSchedules
from socialvalue.exceptions import DataFileError, Problem, SocialValueError
from socialvalue.framework import Framework
from socialvalue.io._files import MAX_FILE_BYTES, read_text
from socialvalue.io._formats import _parse, format_of, load, load_registry, save, structure
from socialvalue.io._open_data import load_unvalued_reasons, shipped_unvalued_reasons
from socialvalue.methodology import Methodology
from socialvalue.prices import PriceIndex

__all__ = ["load_methodology", "methodology_from_text", "save_methodology"]

_SHIPPED = "shipped:"


def _shipped(kind: str, name: str) -> object:
    from socialvalue import shipped  # noqa: PLC0415 - shipped imports io

    if kind == "framework":
        return shipped.shipped_framework(name)
    if kind == "registries":
        return shipped.shipped_registry(name)
    if kind == "price_index":
        return shipped.shipped_price_index(name)
    if kind == "unvalued_reasons":
        return shipped_unvalued_reasons(name)
    edition, _, schedule = name.partition("/")
    return shipped.shipped_discount_schedule(schedule or "standard", edition=edition)


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


def _resolve(kind: str, where: str, reference: str, folder: Path, source: str) -> object:
    try:
        if reference.startswith(_SHIPPED):
            return _shipped(kind, reference.removeprefix(_SHIPPED))
        return _from_file(kind, folder, reference)
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
) -> Methodology:
    """Read a methodology bundle from text; relative references resolve against ``folder``."""
    data: Any = _parse(text, "json" if format == "json" else "toml", source)
    if not isinstance(data, dict):
        raise DataFileError(source, [Problem("", "expected a table at the top level")])
    base = folder if folder is not None else Path()
    data = dict(data)
    for kind in ("framework", "price_index", "discount_schedule", "unvalued_reasons"):
        if isinstance(data.get(kind), str):
            data[kind] = _resolve(kind, kind, data[kind], base, source)
    registries = data.get("registries")
    if isinstance(registries, list):
        data["registries"] = [
            _resolve("registries", f"registries[{i}]", item, base, source)
            if isinstance(item, str)
            else item
            for i, item in enumerate(registries)
        ]
    return structure(data, Methodology, source=source)


def load_methodology(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_FILE_BYTES
) -> Methodology:
    """Read a methodology bundle (``.toml`` or ``.json``); references resolve next to the file.

    Raises:
        DataFileError: naming the bundle (or the referenced file) and every problem.
    """
    return methodology_from_text(
        read_text(path, max_bytes=max_bytes),
        format=format_of(path),
        source=os.fspath(path),
        folder=Path(path).parent,
    )


def save_methodology(methodology: Methodology, path: str | os.PathLike[str]) -> None:
    """Write a self-contained methodology bundle (every component inline), atomically."""
    save(methodology, path)
