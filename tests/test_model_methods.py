"""The models' shared repr, == and hash behave, field for field, as attrs' generated ones."""

from __future__ import annotations

import datetime as dt
import importlib
from decimal import Decimal

import attrs
import pytest

from socialvalue._methods import model_eq, model_hash, model_repr

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


HASHABLE = (Decimal("1.50"), "text", None, ("a", 1), dt.date(2024, 4, 1))


def _eq_users() -> list[type]:
    return [cls for cls in _users() if cls.__dict__.get("__eq__") is model_eq]


def _twin(cls: type) -> type:
    """The same fields in a class whose repr, == and hash attrs generates."""
    return attrs.make_class(
        cls.__qualname__,
        {
            f.name: attrs.field(
                repr=f.repr, init=f.init, default=None, eq=f.eq_key or f.eq, hash=f.hash
            )
            for f in attrs.fields(cls)
        },
        slots=True,
        frozen=True,
    )


def _made(cls: type, changed: int | None = None, value: object = None) -> object:
    made = object.__new__(cls)
    for i, field in enumerate(attrs.fields(cls)):
        here = HASHABLE[i % len(HASHABLE)]
        object.__setattr__(made, field.name, value if i == changed else here)
    return made


def test_the_classes_a_methodology_is_made_of_use_the_shared_eq_and_hash() -> None:
    users = {cls.__qualname__ for cls in _eq_users()}
    assert {"Methodology", "Framework", "ProxyValue", "Measure", "Source"} <= users
    assert not {"FinancialYear", "Money"} & users  # attrs' own: a cached hash, a hot ==
    for cls in _eq_users():
        assert cls.__dict__["__hash__"] is model_hash


@pytest.mark.parametrize("cls", _eq_users(), ids=lambda cls: cls.__qualname__)
def test_the_shared_eq_and_hash_are_attrs_own(cls: type) -> None:
    twin = _twin(cls)
    ours, theirs = _made(cls), _made(twin)
    assert ours == _made(cls)
    assert theirs == _made(twin)
    assert hash(ours) == hash(_made(cls))
    assert ours.__eq__(theirs) is NotImplemented  # another class, even with the same fields
    assert ours != theirs
    for i in range(len(attrs.fields(cls))):
        for value in ("other", Decimal("NaN")):  # a NaN is not equal to itself, as in attrs
            changed, twin_changed = _made(cls, i, value), _made(twin, i, value)
            assert (ours == changed) is (theirs == twin_changed)
            # the very same value object in both: equal unless it is a NaN (no identity shortcut)
            again, twin_again = _made(cls, i, value), _made(twin, i, value)
            assert (changed == again) is (twin_changed == twin_again)
            assert (ours != changed) is (theirs != twin_changed)
            same_hash = hash(ours) == hash(changed)
            assert same_hash is (hash(theirs) == hash(twin_changed))
