"""Write the cache :func:`socialvalue.default_methodology` rebuilds the shipped methodology from.

Run after changing any shipped data the default methodology reads::

    python -m socialvalue.io._cache_writer

The test suite checks the committed cache against :func:`cache_text`, so a stale cache fails.
"""

from __future__ import annotations

import json
import sys

from socialvalue._sha256 import sha256_hex
from socialvalue._shipped_cache import CACHE_FORMAT, cache_path, encode, source_digests
from socialvalue.io._files import atomic_write_text
from socialvalue.io._methodology import SHIPPED_METHODOLOGIES, methodology_from_shipped_toml

__all__ = ["cache_text", "main"]


def cache_text(name: str) -> str:
    """The cache of the shipped methodology ``name``, read the slow way from its TOML files."""
    methodology = methodology_from_shipped_toml(name)
    payload = json.dumps(encode(methodology), ensure_ascii=False, separators=(",", ":"))
    header = {
        "format": CACHE_FORMAT,
        "content_hash": methodology.content_hash,
        "sources": source_digests(),
        "methodology_sha256": sha256_hex(payload.encode("utf-8")),
    }
    # Two lines: the header, then the objects, whose digest the reader checks on their bytes.
    return json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n" + payload + "\n"


def main() -> int:
    """Write the cache of every shipped methodology; print where."""
    for name in SHIPPED_METHODOLOGIES:
        atomic_write_text(cache_path(name), cache_text(name))
        print(cache_path(name))  # noqa: T201 - a maintainer's script
    return 0


if __name__ == "__main__":
    sys.exit(main())
