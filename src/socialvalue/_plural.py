"""Counting words for messages: ``1 row``, ``2 rows``."""

from __future__ import annotations

__all__ = ["plural_of"]


def plural_of(count: int, noun: str, plural: str | None = None) -> str:
    """``1 row``, ``2 rows``; ``plural`` for a noun that does not just take an ``s``.

    >>> plural_of(1, "row"), plural_of(1200, "delivery", "deliveries")
    ('1 row', '1,200 deliveries')
    """
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
