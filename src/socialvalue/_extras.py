"""Optional packages: imported on use, with the extra to install named when one is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from socialvalue.exceptions import MissingExtraError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise :class:`~socialvalue.exceptions.MissingExtraError` naming it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"this needs the optional package {module.split('.', maxsplit=1)[0]!r}: "
            f'install it with pip install "socialvalue[{extra}]"'
        ) from None
