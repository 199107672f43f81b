"""The data that ships inside the package, loaded on demand and cached.

Nothing binds to these silently: call the function and pass the result on.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

from socialvalue.exceptions import UnknownCodeError
from socialvalue.framework import Framework
from socialvalue.io import loads

__all__ = ["SHIPPED_FRAMEWORKS", "shipped_framework"]

#: Frameworks shipped as package data: name → file under ``socialvalue/data/frameworks``.
SHIPPED_FRAMEWORKS: Mapping[str, str] = MappingProxyType({"lcrca": "lcrca.toml"})


def shipped_framework(name: str = "lcrca") -> Framework:
    """A framework shipped with the package (cached: frameworks are immutable).

    ``lcrca`` is an open, unofficial encoding of the Liverpool City Region Combined Authority's
    Social Value Policy and Framework (2022) and its Social Value Annual Report 2023.

    >>> framework = shipped_framework()
    >>> framework.id, framework.measure("LCR-EDI-1").unit
    ('lcrca', 'person')
    """
    return _load_framework(name)


@functools.cache
def _load_framework(name: str) -> Framework:
    try:
        file_name = SHIPPED_FRAMEWORKS[name]
    except KeyError:
        raise UnknownCodeError("shipped framework", name, list(SHIPPED_FRAMEWORKS)) from None
    resource = resources.files("socialvalue") / "data" / "frameworks" / file_name
    return loads(
        resource.read_text(encoding="utf-8"),
        Framework,
        format="toml",
        source=f"socialvalue/data/frameworks/{file_name}",
    )
