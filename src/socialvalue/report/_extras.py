"""Optional packages: import them on use, and say which extra to install when one is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from socialvalue.exceptions import SocialValueError

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(SocialValueError, ImportError):
    """An optional package is needed; the message names the extra that installs it."""


def require(module: str, extra: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming ``socialvalue[extra]``."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtraError(
            f"this needs the optional package {module.split('.', maxsplit=1)[0]!r}: "
            f'install it with pip install "socialvalue[{extra}]"'
        ) from None
