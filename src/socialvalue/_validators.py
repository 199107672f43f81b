"""Field validators and converters shared by the models (one definition, one message each)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import attrs

__all__ = ["not_blank", "string_tuple"]


def not_blank(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Attrs validator: text that is not empty or only spaces."""
    if not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


def string_tuple(value: object) -> tuple[str, ...]:
    """Attrs converter: a list of strings as a tuple; a lone string is refused, not split."""
    if isinstance(value, str):
        raise TypeError("expected a list of strings, got a single string")
    return tuple(cast("Iterable[str]", value))
