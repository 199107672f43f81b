"""The models' ``repr``, ``==`` and ``hash``: attrs' behaviour, from one function each.

attrs generates ``__repr__``, ``__eq__`` and ``__hash__`` for every class as Python source and
compiles it when the class is created; for the forty classes a methodology is made of, that is
about 10 ms of the first call to :func:`socialvalue.default_methodology`. A model names these
functions instead (``__repr__ = model_repr`` and so on in its body, which attrs detects and
keeps) and behaves as attrs' own would:

* ``repr``: ``ClassName(field=value, ...)``, the fields in order, those declared ``repr=False``
  left out, a field's own ``repr`` callable used when it has one, an unset field outside
  ``__init__`` shown as ``NOTHING``, and ``...`` for an object met again inside itself;
* ``==``: ``NotImplemented`` for an object of another class (a subclass too), else each field
  compared with ``==`` in order (no identity shortcut: a ``NaN`` is not equal to itself),
  fields declared ``eq=False`` left out and a field's ``eq`` key applied;
* ``hash``: the hash of a tuple of a number for the class and the fields ``==`` compares (or
  those declared ``hash=True``), so equal objects hash alike.

Tests compare each with attrs' own for every class that uses them. The periods (which cache
their hash) and :class:`~socialvalue.money.Money`, used in every valuation, keep attrs' own
``==`` and ``hash``, and take only the ``repr``.
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable
from typing import Any, cast

from attrs import NOTHING

__all__ = ["model_eq", "model_hash", "model_repr"]

#: The objects being shown, per thread, as attrs keeps them: a repr met again shows ``...``.
_SHOWING = threading.local()

_Values = Callable[[object], tuple[object, ...]]

#: Per class: the values ``==`` compares and the values hashed (with the class's number first).
_PLANS: dict[type, tuple[_Values, _Values, int]] = {}


def model_repr(self: Any) -> str:  # noqa: ANN401 - any attrs instance
    """``ClassName(field=value, ...)``, as the ``__repr__`` attrs would generate."""
    try:
        showing: set[int] = _SHOWING.ids
    except AttributeError:
        showing = _SHOWING.ids = set()
    if id(self) in showing:
        return "..."
    showing.add(id(self))
    try:
        shown = []
        for field in self.__attrs_attrs__:
            if field.repr is False:
                continue
            # as attrs: a field outside __init__ may be unset (shown as NOTHING)
            value = getattr(self, field.name) if field.init else getattr(self, field.name, NOTHING)
            text = repr(value) if field.repr is True else field.repr(value)
            shown.append(f"{field.name}={text}")
        return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(shown)})"
    finally:
        showing.discard(id(self))


def _values(fields: list[Any]) -> _Values:
    """The fields' values (through each field's ``eq`` key if it has one), as a tuple."""
    if any(field.eq_key for field in fields):
        keys = [(field.name, field.eq_key) for field in fields]
        return lambda obj: tuple(
            getattr(obj, name) if key is None else key(getattr(obj, name)) for name, key in keys
        )
    if not fields:
        return lambda _obj: ()
    if len(fields) == 1:
        get = operator.attrgetter(fields[0].name)
        return lambda obj: (get(obj),)
    return operator.attrgetter(*(field.name for field in fields))


def _plan(cls: type) -> tuple[_Values, _Values, int]:
    plan = _PLANS.get(cls)
    if plan is None:
        fields = list(cls.__attrs_attrs__)  # type: ignore[attr-defined]
        compared = [field for field in fields if field.eq]
        hashed = [f for f in fields if f.hash is True or (f.hash is None and f.eq is True)]
        number = hash(f"<socialvalue model {cls.__module__}.{cls.__qualname__}>")
        plan = _PLANS.setdefault(cls, (_values(compared), _values(hashed), number))
    return plan


def model_eq(self: Any, other: object) -> bool:  # noqa: ANN401 - any attrs instance
    """Field by field, as the ``__eq__`` attrs would generate."""
    if other.__class__ is not self.__class__:
        return cast("bool", NotImplemented)
    values = _plan(self.__class__)[0]
    return all(map(operator.eq, values(self), values(other)))


def model_hash(self: Any) -> int:  # noqa: ANN401 - any attrs instance
    """The hash of the class's number and the compared fields, as attrs' ``__hash__``."""
    _, values, number = _plan(self.__class__)
    return hash((number, *values(self)))
