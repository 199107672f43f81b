"""The taxonomy of what is measured: Themes ▸ Outcomes ▸ Measures.

A :class:`Framework` is versioned data: a publisher's themes (strategic aims), the outcomes sought
under each, and the measures counted for each outcome. It may declare *dimensions* — the
authority's roles (employer, investor …) or vision pillars (fairer, stronger, greener) — and tag
themes, outcomes and measures with them.

Each element checks its own fields when built; the framework then checks the whole: unique codes,
units that exist, overlaps and tags that resolve. It reports every problem it finds at once, each
with its key path (``themes[2].outcomes[0].measures[3].unit``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Protocol

import attrs

from socialvalue._fields import (
    code,
    not_blank as _not_blank,
    string_tuple as _str_tuple,
)
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.provenance import Source
from socialvalue.units import STANDARD_UNITS, Unit, UnitKind

__all__ = [
    "Crosswalk",
    "Dimension",
    "DimensionValue",
    "FitsFramework",
    "Framework",
    "Measure",
    "Outcome",
    "Theme",
    "ValuationKind",
    "ValueType",
]

_TAG = re.compile(r"^([a-z][a-z0-9_-]*):([A-Za-z0-9][A-Za-z0-9._/-]*)$")


class ValuationKind(enum.Enum):
    """How a measure is valued.

    * ``PROXY`` — a proxy value (£ per unit) from a registry;
    * ``FINANCIAL`` — the quantity already is money (e.g. £ donated); its value is itself;
    * ``RECORD_ONLY`` — counted and reported, never monetised.
    """

    PROXY = "proxy"
    FINANCIAL = "financial"
    RECORD_ONLY = "record_only"


class ValueType(enum.Enum):
    """What kind of value a measure represents (kept apart in reports; never silently mixed)."""

    FISCAL = "fiscal"
    ECONOMIC = "economic"
    SOCIAL = "social"
    ENVIRONMENTAL = "environmental"
    LOCAL_ECONOMIC = "local_economic"
    #: Money or resources moved from one party to another (grants, donations, in-kind gifts,
    #: funding attracted): reported, but not a net gain to society, so kept out of NPSV and the
    #: social-value total unless the methodology counts transfers.
    TRANSFER = "transfer"


_code = code("LCR-EMP-1")


class FitsFramework(Protocol):
    """Anything that names a measure, the unit of its quantity and a role (deliveries, targets)."""

    @property
    def measure(self) -> str | None:
        """The measure's code (``None`` for something qualitative)."""

    @property
    def unit(self) -> str | None:
        """The unit its quantity is stated in, if stated."""

    @property
    def role(self) -> str | None:
        """The role in which the value is created, if any."""


def _tags(_instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    for tag in value:  # type: ignore[attr-defined]
        if not _TAG.match(tag):
            raise ValueError(
                f"{attribute.name}: {tag!r} is not a tag of the form 'dimension:value', "
                "e.g. 'pillar:fairer'"
            )


def _unique(_instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: object) -> None:
    items = list(value)  # type: ignore[call-overload]
    duplicates = sorted({item for item in items if items.count(item) > 1})
    if duplicates:
        raise ValueError(f"{attribute.name}: listed more than once: {', '.join(duplicates)}")


def _crosswalks(value: Iterable[Crosswalk]) -> tuple[Crosswalk, ...]:
    return tuple(value)


def _measures(value: Iterable[Measure]) -> tuple[Measure, ...]:
    return tuple(value)


def _outcomes(value: Iterable[Outcome]) -> tuple[Outcome, ...]:
    return tuple(value)


def _themes(value: Iterable[Theme]) -> tuple[Theme, ...]:
    return tuple(value)


def _values(value: Iterable[DimensionValue]) -> tuple[DimensionValue, ...]:
    return tuple(value)


def _dimensions(value: Iterable[Dimension]) -> tuple[Dimension, ...]:
    return tuple(value)


def _units(value: Iterable[Unit]) -> tuple[Unit, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Crosswalk:
    """The same measure's code in another scheme (an OCDS sustainability goal, a TOMs edition).

    >>> Crosswalk(scheme="ocds-sustainability", code="social.laborRightsPromotion").code
    'social.laborRightsPromotion'
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    scheme: str = attrs.field(validator=_not_blank)
    code: str = attrs.field(validator=_not_blank)


# Converters are Python functions, not the enum classes: attrs reads each converter's
# signature when it creates a class, which for a class costs a hundred times more.
def _valuation_kind(value: object) -> ValuationKind:
    return ValuationKind(value)


def _value_type(value: object) -> ValueType:
    return ValueType(value)


@attrs.frozen(kw_only=True)
class Measure:
    """What is counted, in which unit, and how it is valued.

    Args:
        code: Unique code within the framework, e.g. ``"LCR-EMP-1"``.
        title: What is counted.
        unit: Code of the unit quantities are reported in (``"fte_year"``, ``"hour"`` …).
        valuation: :class:`ValuationKind`.
        value_type: :class:`ValueType`.
        guidance: What counts and what does not.
        counting_rules: Rules a reporter must follow, one per entry.
        overlaps_with: Codes of measures that may count the same activity (double counting).
        crosswalk: Codes of this measure in other schemes.
        tags: ``"dimension:value"`` tags, e.g. ``"pillar:stronger"``.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    code: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=_not_blank)
    unit: str
    valuation: ValuationKind = attrs.field(converter=_valuation_kind)
    value_type: ValueType = attrs.field(converter=_value_type)
    guidance: str = ""
    counting_rules: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)
    overlaps_with: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=_unique
    )
    crosswalk: tuple[Crosswalk, ...] = attrs.field(default=(), converter=_crosswalks)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=[_tags, _unique]
    )


@attrs.frozen(kw_only=True)
class Outcome:
    """A change sought under a theme, and the measures that count it."""

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    code: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=_not_blank)
    description: str = ""
    measures: tuple[Measure, ...] = attrs.field(default=(), converter=_measures)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=[_tags, _unique]
    )


@attrs.frozen(kw_only=True)
class Theme:
    """A strategic aim, and the outcomes that serve it."""

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    code: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=_not_blank)
    description: str = ""
    outcomes: tuple[Outcome, ...] = attrs.field(default=(), converter=_outcomes)
    tags: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple, validator=[_tags, _unique]
    )


@attrs.frozen(kw_only=True)
class DimensionValue:
    """One value of a dimension, e.g. the role ``investor`` (whose parent may be another value)."""

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    code: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=_not_blank)
    description: str = ""
    parent: str | None = None


@attrs.frozen(kw_only=True)
class Dimension:
    """A way of slicing the framework other than the theme tree, such as roles or pillars."""

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=_not_blank)
    values: tuple[DimensionValue, ...] = attrs.field(default=(), converter=_values)

    def value(self, code: str) -> DimensionValue:
        """The value with this code."""
        for value in self.values:
            if value.code == code:
                return value
        raise UnknownCodeError(f"{self.id} value", code, [v.code for v in self.values])


@attrs.frozen
class _Index:
    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    measures: Mapping[str, Measure]
    measure_paths: Mapping[str, tuple[Theme, Outcome]]
    themes: Mapping[str, Theme]
    outcomes: Mapping[str, tuple[Theme, Outcome]]
    units: Mapping[str, Unit]
    dimensions: Mapping[str, Dimension]


@attrs.frozen(kw_only=True)
class Framework:
    """A versioned Themes ▸ Outcomes ▸ Measures taxonomy, validated as a whole.

    Args:
        id: Short identifier, e.g. ``"lcrca"``.
        title: Human title.
        version: Edition or version, e.g. ``"2023.1"``; always pin it, codes change between
            editions.
        publisher: Who publishes the framework.
        licence: Licence of the framework data (an SPDX id where there is one).
        source: The document the framework is taken from.
        description: Free text.
        units: Units beyond :data:`~socialvalue.units.STANDARD_UNITS` that the measures use.
        dimensions: Roles, pillars and other ways of slicing the measures.
        themes: The taxonomy.

    Raises:
        ValidationError: listing every problem, each with its key path.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str = attrs.field(validator=_code)
    title: str = attrs.field(validator=_not_blank)
    version: str = attrs.field(validator=_not_blank)
    publisher: str = attrs.field(validator=_not_blank)
    licence: str = attrs.field(validator=_not_blank)
    source: Source | None = None
    description: str = ""
    units: tuple[Unit, ...] = attrs.field(default=(), converter=_units)
    dimensions: tuple[Dimension, ...] = attrs.field(default=(), converter=_dimensions)
    themes: tuple[Theme, ...] = attrs.field(default=(), converter=_themes)
    _index: _Index = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        units = self._check_units(problems)
        dimensions = self._check_dimensions(problems)
        measures, measure_paths, themes, outcomes = self._check_tree(problems, units, dimensions)
        if problems:
            raise ValidationError(problems, subject=f"framework {self.id!r}")
        object.__setattr__(
            self,
            "_index",
            _Index(
                measures=MappingProxyType(measures),
                measure_paths=MappingProxyType(measure_paths),
                themes=MappingProxyType(themes),
                outcomes=MappingProxyType(outcomes),
                units=MappingProxyType(units),
                dimensions=MappingProxyType(dimensions),
            ),
        )

    # --- validation -------------------------------------------------------------------------

    def _check_units(self, problems: list[Problem]) -> dict[str, Unit]:
        units = dict(STANDARD_UNITS)
        for i, unit in enumerate(self.units):
            if unit.code in STANDARD_UNITS:
                problems.append(
                    Problem(
                        f"units[{i}].code",
                        f"{unit.code!r} is a standard unit and cannot be redefined",
                    )
                )
            elif unit.code in units:
                problems.append(Problem(f"units[{i}].code", f"duplicate unit {unit.code!r}"))
            else:
                units[unit.code] = unit
        return units

    def _check_dimensions(self, problems: list[Problem]) -> dict[str, Dimension]:
        dimensions: dict[str, Dimension] = {}
        for i, dimension in enumerate(self.dimensions):
            where = f"dimensions[{i}]"
            if dimension.id in dimensions:
                problems.append(Problem(f"{where}.id", f"duplicate dimension {dimension.id!r}"))
                continue
            dimensions[dimension.id] = dimension
            codes = [value.code for value in dimension.values]
            for j, value in enumerate(dimension.values):
                if codes.index(value.code) != j:
                    problems.append(
                        Problem(f"{where}.values[{j}].code", f"duplicate value {value.code!r}")
                    )
                if value.parent is not None and (
                    value.parent == value.code or value.parent not in codes
                ):
                    problems.append(
                        Problem(
                            f"{where}.values[{j}].parent",
                            f"{value.parent!r} is not another value of {dimension.id!r}",
                        )
                    )
        return dimensions

    def _check_tags(
        self,
        problems: list[Problem],
        where: str,
        tags: tuple[str, ...],
        dimensions: Mapping[str, Dimension],
    ) -> None:
        for k, tag in enumerate(tags):
            dimension_id, _, value = tag.partition(":")
            dimension = dimensions.get(dimension_id)
            if dimension is None:
                problems.append(
                    Problem(
                        f"{where}.tags[{k}]",
                        f"unknown dimension {dimension_id!r}; expected one of "
                        f"{', '.join(dimensions) or '(none declared)'}",
                    )
                )
            elif value not in {v.code for v in dimension.values}:
                problems.append(
                    Problem(
                        f"{where}.tags[{k}]",
                        f"unknown {dimension_id} {value!r}; expected one of "
                        f"{', '.join(v.code for v in dimension.values)}",
                    )
                )

    def _check_tree(  # noqa: C901 - one pass keeps each path next to its check
        self,
        problems: list[Problem],
        units: Mapping[str, Unit],
        dimensions: Mapping[str, Dimension],
    ) -> tuple[
        dict[str, Measure],
        dict[str, tuple[Theme, Outcome]],
        dict[str, Theme],
        dict[str, tuple[Theme, Outcome]],
    ]:
        seen: dict[str, str] = {}
        measures: dict[str, Measure] = {}
        measure_paths: dict[str, tuple[Theme, Outcome]] = {}
        themes: dict[str, Theme] = {}
        outcomes: dict[str, tuple[Theme, Outcome]] = {}
        overlap_refs: list[tuple[str, str, str]] = []

        def claim(code: str, where: str) -> bool:
            if code in seen:
                problems.append(
                    Problem(
                        f"{where}.code", f"duplicate code {code!r} (first used at {seen[code]})"
                    )
                )
                return False
            seen[code] = f"{where}.code"
            return True

        for t, theme in enumerate(self.themes):
            t_where = f"themes[{t}]"
            if claim(theme.code, t_where):
                themes[theme.code] = theme
            self._check_tags(problems, t_where, theme.tags, dimensions)
            for o, outcome in enumerate(theme.outcomes):
                o_where = f"{t_where}.outcomes[{o}]"
                if claim(outcome.code, o_where):
                    outcomes[outcome.code] = (theme, outcome)
                self._check_tags(problems, o_where, outcome.tags, dimensions)
                for m, measure in enumerate(outcome.measures):
                    m_where = f"{o_where}.measures[{m}]"
                    if claim(measure.code, m_where):
                        measures[measure.code] = measure
                        measure_paths[measure.code] = (theme, outcome)
                    self._check_measure(problems, m_where, measure, units)
                    self._check_tags(problems, m_where, measure.tags, dimensions)
                    overlap_refs.extend(
                        (f"{m_where}.overlaps_with[{k}]", measure.code, ref)
                        for k, ref in enumerate(measure.overlaps_with)
                    )

        for where, owner, ref in overlap_refs:
            if ref == owner:
                problems.append(Problem(where, "a measure cannot overlap with itself"))
            elif ref not in measures:
                problems.append(
                    Problem(where, UnknownCodeError("measure", ref, list(measures)).message)
                )
        return measures, measure_paths, themes, outcomes

    @staticmethod
    def _check_measure(
        problems: list[Problem], where: str, measure: Measure, units: Mapping[str, Unit]
    ) -> None:
        unit = units.get(measure.unit)
        if unit is None:
            known = sorted(units)
            error = UnknownCodeError("unit", measure.unit, known)
            hint = (
                f"did you mean {' or '.join(repr(s) for s in error.suggestions)}? "
                if error.suggestions
                else ""
            )
            problems.append(
                Problem(
                    f"{where}.unit",
                    f"unknown unit {measure.unit!r}; {hint}expected one of {', '.join(known)}",
                )
            )
        elif measure.valuation is ValuationKind.FINANCIAL and unit.kind is not UnitKind.MONEY:
            problems.append(
                Problem(
                    f"{where}.valuation",
                    f"a financial measure must be counted in a money unit (such as 'gbp'), "
                    f"not {measure.unit!r}",
                )
            )

    # --- lookups ----------------------------------------------------------------------------

    def measure(self, code: str) -> Measure:
        """The measure with this code; :class:`~socialvalue.UnknownCodeError` suggests near misses.

        The error names close matches:

        >>> from socialvalue.io import shipped_framework
        >>> shipped_framework().measure("LCR-COM-1").unit
        'hour'
        >>> shipped_framework().measure("LCR-COM1")
        Traceback (most recent call last):
        ...
        socialvalue.exceptions.UnknownCodeError: unknown measure 'LCR-COM1'; did you mean ...
        """
        try:
            return self._index.measures[code]
        except KeyError:
            raise UnknownCodeError("measure", code, list(self._index.measures)) from None

    def __contains__(self, code: object) -> bool:
        return code in self._index.measures

    def measures(self) -> tuple[Measure, ...]:
        """Every measure, in document order."""
        return tuple(self._index.measures.values())

    def measure_codes(self) -> tuple[str, ...]:
        """Every measure code, in document order."""
        return tuple(self._index.measures)

    def theme(self, code: str) -> Theme:
        """The theme with this code."""
        try:
            return self._index.themes[code]
        except KeyError:
            raise UnknownCodeError("theme", code, list(self._index.themes)) from None

    def outcome(self, code: str) -> Outcome:
        """The outcome with this code."""
        try:
            return self._index.outcomes[code][1]
        except KeyError:
            raise UnknownCodeError("outcome", code, list(self._index.outcomes)) from None

    def theme_of(self, measure_code: str) -> Theme:
        """The theme a measure sits under."""
        self.measure(measure_code)
        return self._index.measure_paths[measure_code][0]

    def outcome_of(self, measure_code: str) -> Outcome:
        """The outcome a measure sits under."""
        self.measure(measure_code)
        return self._index.measure_paths[measure_code][1]

    def unit(self, code: str) -> Unit:
        """A unit this framework knows (standard or its own)."""
        try:
            return self._index.units[code]
        except KeyError:
            raise UnknownCodeError("unit", code, list(self._index.units)) from None

    def unit_of(self, measure_code: str) -> Unit:
        """The unit a measure is counted in."""
        return self._index.units[self.measure(measure_code).unit]

    def dimension(self, dimension_id: str) -> Dimension:
        """A declared dimension (``"role"``, ``"pillar"`` …)."""
        try:
            return self._index.dimensions[dimension_id]
        except KeyError:
            raise UnknownCodeError(
                "dimension", dimension_id, list(self._index.dimensions)
            ) from None

    def dimension_codes(self, dimension_id: str) -> tuple[str, ...] | None:
        """The value codes of a dimension, or ``None`` if the framework does not declare it."""
        dimension = self._index.dimensions.get(dimension_id)
        return None if dimension is None else tuple(value.code for value in dimension.values)

    def role_problem(self, role: str) -> str | None:
        """What is wrong with ``role`` here (the framework declares no roles, or not this one)."""
        roles = self.dimension_codes("role")
        if roles is None:
            return f"framework {self.id!r} declares no roles"
        if role not in roles:
            return UnknownCodeError("role", role, roles).message
        return None

    def fit_problems(
        self,
        *,
        measure: str | None,
        unit: str | None = None,
        role: str | None = None,
        counted: str = "quantities",
    ) -> list[Problem]:
        """The check of a measure, its unit and a role against this framework, in one place.

        Each problem is located at its field (``measure``, ``unit``, ``role``). An unknown
        measure hides only the unit's check (which needs the measure), never the role's; a
        unit other than the measure's is refused (``counted`` are never converted between
        units).

        >>> from socialvalue.io import shipped_framework
        >>> for problem in shipped_framework().fit_problems(measure="LCR-EDI-1", unit="hour"):
        ...     print(problem)
        unit: LCR-EDI-1 is counted in 'person', not 'hour'; quantities are never converted ...
        """
        problems: list[Problem] = []
        if measure is not None:
            if measure not in self:
                error = UnknownCodeError("measure", measure, list(self.measure_codes()))
                problems.append(Problem("measure", error.message))
            elif unit is not None and unit != (expected := self.measure(measure).unit):
                problems.append(
                    Problem(
                        "unit",
                        f"{measure} is counted in {expected!r}, not {unit!r}; "
                        f"{counted} are never converted between units",
                    )
                )
        if role is not None:
            message = self.role_problem(role)
            if message is not None:
                problems.append(Problem("role", message))
        return problems

    def check_fit(
        self, items: Iterable[FitsFramework], *, subject: str, counted: str = "quantities"
    ) -> None:
        """Check each item's measure, unit and role (:meth:`fit_problems`); raise them all.

        Raises:
            ValidationError: with a problem per bad field, located as ``[index].field``.
        """
        problems = [
            Problem(f"[{i}].{problem.location}", problem.message)
            for i, item in enumerate(items)
            for problem in self.fit_problems(
                measure=item.measure, unit=item.unit, role=item.role, counted=counted
            )
        ]
        if problems:
            raise ValidationError(problems, subject=subject)

    def tags_of(self, measure_code: str) -> tuple[str, ...]:
        """A measure's own tags plus those inherited from its outcome and theme."""
        measure = self.measure(measure_code)
        theme, outcome = self._index.measure_paths[measure_code]
        return tuple(dict.fromkeys((*measure.tags, *outcome.tags, *theme.tags)))

    def tag_values(self, measure_code: str, dimension_id: str) -> tuple[str, ...]:
        """The values of one dimension a measure is tagged with (own or inherited)."""
        self.dimension(dimension_id)
        prefix = f"{dimension_id}:"
        return tuple(
            tag.removeprefix(prefix) for tag in self.tags_of(measure_code) if tag.startswith(prefix)
        )

    def overlapping(self, measure_code: str) -> tuple[str, ...]:
        """Measures that may double count with this one, in either direction."""
        measure = self.measure(measure_code)
        others = [other.code for other in self.measures() if measure_code in other.overlaps_with]
        return tuple(dict.fromkeys((*measure.overlaps_with, *others)))

    def walk(self) -> Iterator[tuple[Theme, Outcome, Measure]]:
        """Every (theme, outcome, measure), in document order."""
        for theme in self.themes:
            for outcome in theme.outcomes:
                for measure in outcome.measures:
                    yield theme, outcome, measure
