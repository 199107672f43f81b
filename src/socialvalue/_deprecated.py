"""Names that moved, kept importable from their old home for one release with a warning."""

from __future__ import annotations

import importlib
import warnings
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["moved_names"]


def moved_names(
    old_home: str, moved: Mapping[str, str], *, stacklevel: int = 2
) -> Callable[[str], object]:
    """A module ``__getattr__`` that finds each moved name at its new dotted path, and warns.

    ``moved`` maps the old name to its new home, ``"package.module.name"``; the warning names
    the new import, e.g. ``socialvalue.Level is deprecated; use socialvalue.additionality.Level``.
    The warning is attributed to the caller's line (Python shows a ``DeprecationWarning`` by
    default only when it is attributed to ``__main__``): ``stacklevel`` is 2 when the function
    is the module's ``__getattr__``, one more for each function in between.
    """

    def find(name: str) -> object:
        new = moved.get(name)
        if new is None:
            raise AttributeError(f"module {old_home!r} has no attribute {name!r}")
        warnings.warn(
            f"{old_home}.{name} is deprecated; use {new}", DeprecationWarning, stacklevel=stacklevel
        )
        module, _, attribute = new.rpartition(".")
        return getattr(importlib.import_module(module), attribute)

    return find
