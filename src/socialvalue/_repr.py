"""The models' ``repr``: the text attrs writes, from one function instead of one per class.

attrs generates a ``__repr__`` for every class as Python source and compiles it when the class
is created; for the forty classes a methodology is made of, that is about 6 ms of the first
call to :func:`socialvalue.default_methodology`. A model names this function instead
(``__repr__ = model_repr`` in its body, which attrs detects and keeps), and gets the same text:
``ClassName(field=value, ...)``, the fields in order, those declared ``repr=False`` left out, a
field's own ``repr`` callable used when it has one, an unset field outside ``__init__`` shown
as ``NOTHING``, and ``...`` for an object met again inside itself. A test compares it with
attrs' own for every class that uses it.
"""

from __future__ import annotations

import threading
from typing import Any

from attrs import NOTHING

__all__ = ["model_repr"]

#: The objects being shown, per thread, as attrs keeps them: a repr met again shows ``...``.
_SHOWING = threading.local()


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
