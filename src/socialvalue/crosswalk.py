"""Crosswalks between frameworks: which measure of one framework counts as which of another.

A :class:`MeasureCrosswalk` maps measure codes of one scheme (say, a user's National TOMs codes)
to codes of another (the LCRCA framework). Each source code maps to at most one target; several
source codes may map to the same target (many-to-one), and their totals then add up exactly.

Crosswalks are used in two places: importing a licensed registry keyed by another framework's
codes (:func:`socialvalue.io.import_registry`), and reporting a rollup in another framework's
terms (:func:`translate_rollup`), which lists every measure it could not map rather than
dropping it silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType

import attrs

from socialvalue._fields import not_blank as _not_blank
from socialvalue.exceptions import Problem, ValidationError
from socialvalue.provenance import Source
from socialvalue.rollup import Rollup, RollupError, Totals

__all__ = ["CrosswalkLink", "MeasureCrosswalk", "TranslatedRollup", "translate_rollup"]


@attrs.frozen(kw_only=True)
class CrosswalkLink:
    """One link: the measure ``code`` of the source scheme counts as ``to`` in the target.

    >>> CrosswalkLink(code="NT1", to="LCR-EMP-1").to
    'LCR-EMP-1'
    """

    code: str = attrs.field(validator=_not_blank)
    to: str = attrs.field(validator=_not_blank)
    note: str = ""


def _links(value: Iterable[CrosswalkLink]) -> tuple[CrosswalkLink, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class MeasureCrosswalk:
    """A mapping of measure codes from one scheme to another, as data.

    Args:
        id: Short identifier, e.g. ``"toms-2024-to-lcrca"``.
        title: Human title.
        from_scheme: The scheme the codes come from (``"national-toms-2024"``).
        to_scheme: The scheme they map to (``"lcrca"``).
        links: One per source code.
        source: Who drew up the mapping, when it should be cited.
        note: Caveats (for example, where a source measure only partly fits its target).

    Raises:
        ValidationError: a source code mapped twice (one code counts as one measure).

    >>> walk = MeasureCrosswalk(id="w", title="W", from_scheme="toms", to_scheme="lcrca",
    ...     links=[CrosswalkLink(code="NT1", to="LCR-EMP-1"),
    ...            CrosswalkLink(code="NT1a", to="LCR-EMP-1")])
    >>> walk.target("NT1a"), walk.target("NT99"), walk.sources_of("LCR-EMP-1")
    ('LCR-EMP-1', None, ('NT1', 'NT1a'))
    """

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    from_scheme: str = attrs.field(validator=_not_blank)
    to_scheme: str = attrs.field(validator=_not_blank)
    links: tuple[CrosswalkLink, ...] = attrs.field(default=(), converter=_links)
    source: Source | None = None
    note: str = ""
    _index: MappingProxyType[str, str] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        index: dict[str, str] = {}
        problems = []
        for i, link in enumerate(self.links):
            if link.code in index:
                problems.append(
                    Problem(
                        f"links[{i}].code",
                        f"{link.code} is mapped twice ({index[link.code]} and {link.to}); a "
                        "measure counts as one measure of the other framework",
                    )
                )
                continue
            index[link.code] = link.to
        if problems:
            raise ValidationError(problems, subject=f"crosswalk {self.id!r}")
        object.__setattr__(self, "_index", MappingProxyType(index))

    def target(self, code: str) -> str | None:
        """The target code of a source code, or ``None`` if it is not mapped."""
        return self._index.get(code)

    def sources_of(self, target: str) -> tuple[str, ...]:
        """The source codes that map to ``target``, in file order."""
        return tuple(link.code for link in self.links if link.to == target)

    def codes(self) -> tuple[str, ...]:
        """Every source code, in file order."""
        return tuple(self._index)


@attrs.frozen(kw_only=True)
class TranslatedRollup:
    """A rollup in another framework's terms, and the measures that could not be mapped.

    Attributes:
        rollup: The totals, with each measure replaced by its target code (many-to-one rows
            added exactly; a row's quantity is kept only where one source measure maps to it,
            as quantities of different measures are not added).
        unmapped: The source measures with no link, in code order; their totals are in no row.
        unmapped_totals: Their totals together, so the two parts reconcile with the original.
    """

    rollup: Rollup
    unmapped: tuple[str, ...]
    unmapped_totals: Totals


def translate_rollup(rollup: Rollup, crosswalk: MeasureCrosswalk) -> TranslatedRollup:
    """A rollup grouped by ``measure`` (and more), reported in the crosswalk's target codes.

    The translated grand total plus :attr:`TranslatedRollup.unmapped_totals` equals the
    original's exactly.

    Raises:
        RollupError: the rollup is not grouped by measure.
    """
    if "measure" not in rollup.by:
        raise RollupError(f"translate a rollup grouped by measure; this one is by {rollup.by}")
    position = rollup.by.index("measure")
    rows: dict[tuple[str, ...], Totals] = {}
    sources: dict[tuple[str, ...], set[str]] = {}
    unmapped: set[str] = set()
    left_out = Totals(quantity=None)
    for key, totals in rollup.rows.items():
        code = key[position]
        target = crosswalk.target(code)
        if target is None:
            unmapped.add(code)
            left_out = left_out + attrs.evolve(totals, quantity=None)
            continue
        new_key = (*key[:position], target, *key[position + 1 :])
        sources.setdefault(new_key, set()).add(code)
        row = totals
        if code in totals.benefits_unvalued:  # said in the target's code, as the row is
            unvalued = {target if c == code else c for c in totals.benefits_unvalued}
            row = attrs.evolve(totals, benefits_unvalued=tuple(sorted(unvalued)))
        rows[new_key] = rows[new_key] + row if new_key in rows else row
    for new_key, codes in sources.items():
        if len(codes) > 1:
            rows[new_key] = attrs.evolve(rows[new_key], quantity=None)
    translated = Rollup(
        by=rollup.by,
        rows=rows,
        currency=rollup.currency,
        methodology=rollup.methodology,
        unvalued=rollup.unvalued,
    )
    return TranslatedRollup(
        rollup=translated, unmapped=tuple(sorted(unmapped)), unmapped_totals=left_out
    )
