"""The names of the shipped methodologies, in a module light enough for ``--help`` to import.

``socialvalue.io.SHIPPED_METHODOLOGIES`` is this same object; the command line's help text and
:func:`socialvalue.default_methodology` read it without importing the ``io`` layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["SHIPPED_METHODOLOGIES"]

#: Methodologies shipped as package data: id → file under ``socialvalue/data/methodologies``.
SHIPPED_METHODOLOGIES: Mapping[str, str] = MappingProxyType({"lcrca-default": "lcrca-default.toml"})
