"""Why a measure has no value, in words a council officer understands — kept as data.

A measure with no defensible open value stays counted, not valued. :class:`UnvaluedReasons`
holds, for each such measure, the reason in plain words and what was looked at, so reports and
the ``value`` command can say *why* rather than only "no value". The shipped set
(:func:`socialvalue.io.shipped_unvalued_reasons`) explains the gaps of the shipped open values.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

import attrs

from socialvalue._fields import not_blank as _not_blank, string_tuple as _str_tuple
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue.exceptions import Problem, ValidationError

__all__ = ["UnvaluedReason", "UnvaluedReasons"]


@attrs.frozen(kw_only=True)
class UnvaluedReason:
    """Why one measure has no value.

    Args:
        measure: The measure code.
        reason: The reason in plain words, for a council officer.
        evidence: What was looked at and why it does not fit (for the technical annex).
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    measure: str = attrs.field(validator=_not_blank)
    reason: str = attrs.field(validator=_not_blank)
    evidence: str = ""


def _reasons(value: Iterable[UnvaluedReason]) -> tuple[UnvaluedReason, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class UnvaluedReasons:
    """Reasons, by measure, why a set of registries leaves measures unvalued.

    Args:
        id: Short identifier.
        title: Human title.
        registries: Ids of the registries whose gaps these reasons explain.
        reasons: One per measure.

    >>> reasons = UnvaluedReasons(id="ours", title="Our gaps", registries=["ours"],
    ...     reasons=[UnvaluedReason(measure="X-1", reason="No study fits.")])
    >>> reasons.reason("X-1"), reasons.reason("X-2")
    ('No study fits.', None)
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    registries: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    reasons: tuple[UnvaluedReason, ...] = attrs.field(default=(), converter=_reasons)
    _index: MappingProxyType[str, UnvaluedReason] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        index: dict[str, UnvaluedReason] = {}
        problems = []
        for i, item in enumerate(self.reasons):
            if item.measure in index:
                problems.append(Problem(f"reasons[{i}].measure", f"{item.measure} is given twice"))
            index[item.measure] = item
        if problems:
            raise ValidationError(problems, subject=f"reasons {self.id!r}")
        object.__setattr__(self, "_index", MappingProxyType(index))

    def reason(self, measure: str) -> str | None:
        """The plain-words reason for a measure, or ``None`` if none is recorded."""
        found = self._index.get(measure)
        return None if found is None else found.reason

    def measures(self) -> tuple[str, ...]:
        """The measures with a recorded reason, in file order."""
        return tuple(self._index)
