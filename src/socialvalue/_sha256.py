"""SHA-256 as hex, without importing :mod:`hashlib` on the fast path.

``import hashlib`` loads OpenSSL's binding (``_hashlib``), about 3 ms of a first call to
:func:`socialvalue.default_methodology`, which hashes the shipped data files and the
methodology's content. CPython ships its own SHA-256 as a small module (``_sha2`` from 3.12,
``_sha256`` before): the same algorithm, so the same digests (a test checks them against
:mod:`hashlib`). A Python built without it uses :mod:`hashlib`.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

__all__ = ["sha256_hex"]


@functools.cache
def _sha256() -> Callable[[bytes], Any]:
    for name in ("_sha2", "_sha256"):  # CPython 3.12 and later, then 3.11
        try:
            return importlib.import_module(name).sha256  # type: ignore[no-any-return]
        except (ImportError, AttributeError):
            continue
    import hashlib  # noqa: PLC0415 - only when CPython's own module is missing

    return hashlib.sha256


def sha256_hex(data: bytes) -> str:
    """The SHA-256 digest of ``data``, as 64 lower-case hex digits."""
    return str(_sha256()(data).hexdigest())
