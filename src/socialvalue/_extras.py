"""Optional packages: imported on use, with the extra to install named when one is missing."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise :class:`~socialvalue.exceptions.MissingExtraError` naming it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        # Imported here: the command line's --help checks its extra without loading the models.
        from socialvalue.exceptions import MissingExtraError  # noqa: PLC0415

        raise MissingExtraError(
            f"this needs the optional package {module.split('.', maxsplit=1)[0]!r}: "
            f'install it with pip install "socialvalue[{extra}]"'
        ) from None
