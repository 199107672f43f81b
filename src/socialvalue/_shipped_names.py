"""The names of the shipped frameworks and methodologies, light enough for ``--help`` to import.

``socialvalue.io.SHIPPED_FRAMEWORKS`` and ``SHIPPED_METHODOLOGIES`` are these same objects; the
command line's help text and :func:`socialvalue.default_methodology` read them without importing
the ``io`` layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["SHIPPED_FRAMEWORKS", "SHIPPED_METHODOLOGIES"]

#: Frameworks shipped as package data: name → file under ``socialvalue/data/frameworks``.
SHIPPED_FRAMEWORKS: Mapping[str, str] = MappingProxyType({"lcrca": "lcrca.toml"})

#: Methodologies shipped as package data: id → file under ``socialvalue/data/methodologies``.
SHIPPED_METHODOLOGIES: Mapping[str, str] = MappingProxyType({"lcrca-default": "lcrca-default.toml"})
