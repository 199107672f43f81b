"""Names that moved, kept importable from their old home for one release with a warning."""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["moved_names"]


def moved_names(old_home: str, moved: Mapping[str, str]) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds each moved name at its new dotted path, and warns.

    ``moved`` maps the old name to its new home, ``"package.module.name"``; the warning names
    the new import, e.g. ``socialvalue.Level is deprecated; use socialvalue.additionality.Level``.
    """

    def find(name: str) -> object:
        new = moved.get(name)
        if new is None:
            raise AttributeError(f"module {old_home!r} has no attribute {name!r}")
        warnings.warn(
            f"{old_home}.{name} is deprecated; use {new}", DeprecationWarning, stacklevel=2
        )
        module, _, attribute = new.rpartition(".")
        return getattr(importlib.import_module(module), attribute)

    return find
