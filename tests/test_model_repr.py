"""The models' shared repr gives, field for field, the text attrs' generated repr gives."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import attrs
import pytest

from socialvalue._repr import model_repr

MODULES = (
    "additionality",
    "discounting",
    "exceptions",
    "framework",
    "methodology",
    "money",
    "periods",
    "prices",
    "provenance",
    "proxies",
    "ranges",
    "units",
    "unvalued",
)
VALUES = (Decimal("1.50"), "text", None, ("a", 1), dt.date(2024, 4, 1), {"k": Decimal(2)})


def _users() -> list[type]:
    found = {
        value
        for name in MODULES
        for value in vars(importlib.import_module(f"socialvalue.{name}")).values()
        if isinstance(value, type) and value.__dict__.get("__repr__") is model_repr
    }
    return sorted(found, key=lambda cls: cls.__qualname__)


def _filled(cls: type) -> object:
    """An instance with every field set straight (no validation), the last unset if not init."""
    made = object.__new__(cls)
    fields = attrs.fields(cls)
    for i, field in enumerate(fields):
        if i == len(fields) - 1 and not field.init:
            continue  # left unset: attrs shows NOTHING
        value = [made] if i == 0 else VALUES[i % len(VALUES)]  # the first holds the object itself
        object.__setattr__(made, field.name, value)
    return made


def test_the_classes_a_methodology_is_made_of_use_it() -> None:
    users = {cls.__qualname__ for cls in _users()}
    assert {"Methodology", "Framework", "ProxyValue", "FinancialYear", "Money"} <= users
    assert len(users) >= 40


@pytest.mark.parametrize("cls", _users(), ids=lambda cls: cls.__qualname__)
def test_the_shared_repr_is_attrs_own(cls: type) -> None:
    fields = attrs.fields(cls)
    twin = attrs.make_class(
        cls.__qualname__,
        {f.name: attrs.field(repr=f.repr, init=f.init, default=None) for f in fields},
        repr=True,
        eq=False,
        slots=True,
        frozen=True,
    )
    ours, theirs = _filled(cls), _filled(twin)
    assert repr(ours) == repr(theirs)
    assert f"{cls.__qualname__}(" in repr(ours)
    first = fields[0]
    if first.repr is True and (first.init or len(fields) > 1):
        assert f"{first.name}=[...]" in repr(ours)  # the object met again inside itself
