"""Proxy values and registries: dated, sourced, licensed £-per-unit values, layered.

A :class:`ProxyValue` is the value of one unit of a measure (for example £ per hour of
volunteering) for a date range, a geography and a price base year, with its source and licence.
A :class:`ProxyRegistry` is an immutable, versioned collection of them. A partner authority
layers its own registry over a shared one without copying it (:meth:`ProxyRegistry.layered_over`);
every looked-up value says which layer and which file it came from.

Lookups are explicit about what happens outside the dated range (:class:`LookupPolicy`) and about
geography: a value for a place is looked for along a declared chain of ever larger areas
(Liverpool City Region → North West → England → UK), and the answer says which area answered.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from socialvalue._decimal import bounded_decimal
from socialvalue._fields import not_blank as _not_blank, price_year, string_tuple as _str_tuple
from socialvalue._limits import check_day
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue.exceptions import Problem, SocialValueError, UnknownCodeError, ValidationError
from socialvalue.framework import Framework, ValuationKind, ValueType
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod, CalendarYear, FinancialYear
from socialvalue.provenance import Source, Verification
from socialvalue.units import unit_code

if TYPE_CHECKING:
    from socialvalue._phrases import Phrase

# The phrases (socialvalue._phrases) are imported where a lookup is described or missed: building
# a registry needs none, and importing them is about 0.6 ms of a first default_methodology().

__all__ = [
    "DEFAULT_GEOGRAPHIES",
    "GeographyLink",
    "LookupPolicy",
    "NoProxyValueError",
    "ProxyLookup",
    "ProxyRegistry",
    "ProxyValue",
    "RegistryStack",
]


class LookupPolicy(enum.Enum):
    """What a lookup does when no value's validity covers the date.

    * ``STRICT`` — raise :class:`NoProxyValueError`, naming the dates the values do cover;
    * ``CARRY_FORWARD`` — use the latest value that ended before the date, and mark the result
      as extrapolated (:attr:`ProxyLookup.extrapolated`). A date before the first value is still
      an error: values are never carried backwards.
    """

    STRICT = "strict"
    CARRY_FORWARD = "carry_forward"


class NoProxyValueError(SocialValueError, LookupError):
    """No proxy value answers a lookup; the message names the measure and the bounds it missed.

    ``phrase``, when given, is the message as data (a catalogue message and its values), so a
    report can say it in the reader's locale.
    """

    def __init__(self, message: str, *, phrase: Phrase | None = None) -> None:
        super().__init__(message)
        self.phrase = phrase


def _amount(value: object, what: str) -> Decimal:
    number = bounded_decimal(value, what=what)
    if number.is_signed():
        shown = "negative zero; write 0" if number == 0 else "negative"
        raise ValueError(
            f"{what}: {number} is {shown} (a proxy value is an amount per unit, 0 or more)"
        )
    return number


def _decimal(value: object) -> Decimal:
    return _amount(value, "value")


def _low(value: object) -> Decimal | None:
    return None if value is None else _amount(value, "low")


def _high(value: object) -> Decimal | None:
    return None if value is None else _amount(value, "high")


def _day(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, dt.date):
        check_day(value, what=attribute.name)


def _optional_value_type(value: object) -> ValueType | None:
    return None if value is None else ValueType(value)


def _currency(_instance: object, _attribute: object, value: str) -> None:
    Money(0, value)  # validates the code


@attrs.frozen(kw_only=True)
class GeographyLink:
    """One step of a geography chain: ``code`` lies within ``parent``.

    >>> GeographyLink(code="Liverpool City Region", parent="North West").parent
    'North West'
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    code: str = attrs.field(validator=_not_blank)
    parent: str | None = None
    title: str = ""


#: The chain every registry knows without declaring it: the four nations lie within the UK.
DEFAULT_GEOGRAPHIES: tuple[GeographyLink, ...] = (
    GeographyLink(code="England", parent="UK"),
    GeographyLink(code="Scotland", parent="UK"),
    GeographyLink(code="Wales", parent="UK"),
    GeographyLink(code="Northern Ireland", parent="UK"),
    GeographyLink(code="UK", title="United Kingdom"),
)


# Converters are Python functions, not the enum classes: attrs reads each converter's
# signature when it creates a class, which for a class costs a hundred times more.
def _verification(value: object) -> Verification:
    return Verification(value)


@attrs.frozen(kw_only=True)
class ProxyValue:
    """The £ value of one unit of a measure, for a span of dates, a place and a price base.

    Args:
        measure: Code of the measure valued, e.g. ``"LCR-COM-1"``.
        unit: Code of the unit the value is *per*; must be the measure's unit.
        value: Value of one unit, as an exact decimal.
        currency: ISO currency of ``value``, ``low`` and ``high``.
        price_base: The year whose prices ``value`` is in: a :class:`~socialvalue.CalendarYear`
            or :class:`~socialvalue.FinancialYear` (written ``"2022"`` or ``"2022/23"``).
        valid_from: First date the value applies to.
        valid_to: Last date it applies to (inclusive), or ``None`` if open-ended.
        geography: The area it applies to (``"UK"``, ``"England"``, a region or an ONS code).
        value_type: Overrides the measure's value type, if the source classifies it differently.
        low: Low end of the published range, when there is one.
        high: High end of the published range, when there is one.
        net_of_deadweight: Whether the value already excludes deadweight (then it must not be
            applied again).
        source: Where the value comes from.
        licence: The licence the value is used under.
        verification: How the value was checked against its source.
        note: Anything a reader should know (method, caveats).
        derivation: For a value built from others (:mod:`socialvalue.wellbeing`,
            :mod:`socialvalue.derived`), the working, one line a step, each input with its
            source; shown in every valuation's explanation.

    >>> value = ProxyValue(
    ...     measure="LCR-COM-1", unit="hour", value="12.34", price_base="2023",
    ...     valid_from=dt.date(2023, 4, 1),
    ...     source=Source(title="synthetic, for illustration; not a proxy value",
    ...     publisher="Example Council"), licence="public domain")
    >>> value.money
    Money(amount=Decimal('12.34'), currency='GBP')
    >>> value.covers(dt.date(2030, 1, 1))
    True
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    measure: str = attrs.field(validator=_not_blank)
    unit: str = attrs.field(converter=unit_code, validator=_not_blank)
    value: Decimal = attrs.field(converter=_decimal)
    currency: str = attrs.field(default="GBP", validator=_currency)
    price_base: FinancialYear | CalendarYear = attrs.field(converter=price_year)
    valid_from: dt.date = attrs.field(validator=_day)
    valid_to: dt.date | None = attrs.field(default=None, validator=_day)
    geography: str = attrs.field(default="UK", validator=_not_blank)
    value_type: ValueType | None = attrs.field(default=None, converter=_optional_value_type)
    low: Decimal | None = attrs.field(default=None, converter=_low)
    high: Decimal | None = attrs.field(default=None, converter=_high)
    net_of_deadweight: bool = False
    source: Source
    licence: str = attrs.field(validator=_not_blank)
    verification: Verification = attrs.field(
        default=Verification.UNVERIFIED, converter=_verification
    )
    note: str = ""
    derivation: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple)

    def __attrs_post_init__(self) -> None:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to: {self.valid_to} is before valid_from {self.valid_from}")
        if self.low is not None and self.low > self.value:
            raise ValueError(f"low: {self.low} is above the value {self.value}")
        if self.high is not None and self.high < self.value:
            raise ValueError(f"high: {self.high} is below the value {self.value}")

    @property
    def money(self) -> Money:
        """The value as :class:`~socialvalue.Money`."""
        return Money(self.value, self.currency)

    @property
    def validity(self) -> str:
        """The validity as text: ``2022-04-01..2023-03-31`` or ``2022-04-01..`` if open."""
        end = self.valid_to.isoformat() if self.valid_to else ""
        return f"{self.valid_from.isoformat()}..{end}"

    def covers(self, day: dt.date) -> bool:
        """Whether the value applies on ``day``."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, other: ProxyValue) -> bool:
        """Whether two values' validity share a day."""
        self_end = self.valid_to or dt.date.max
        other_end = other.valid_to or dt.date.max
        return self.valid_from <= other_end and other.valid_from <= self_end


@attrs.frozen(kw_only=True)
class ProxyLookup:
    """The answer to a lookup: the value, and everything needed to say where it came from.

    Attributes:
        value: The proxy value used.
        on: The date looked up.
        requested_geography: The area asked for.
        geography: The area that answered (the requested one or a larger one on its chain).
        layer: Id of the registry (layer) the value came from.
        origin: The file that registry was loaded from, if any.
        extrapolated: True when no value covered the date and the latest earlier value was
            carried forward (:attr:`LookupPolicy.CARRY_FORWARD`).
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    value: ProxyValue
    on: dt.date
    requested_geography: str
    geography: str
    layer: str
    origin: str | None
    extrapolated: bool

    def describe(self) -> str:
        """One line saying what was used and where it came from.

        >>> from socialvalue.io import shipped_registry
        >>> hit = shipped_registry().lookup("LCR-ENV-2", dt.date(2024, 6, 1))
        >>> print(hit.describe())  # doctest: +ELLIPSIS
        LCR-ENV-2 on 2024-06-01: 268.97 GBP per tco2e (2022 prices), UK, valid ...
        """
        from socialvalue._phrases import english  # noqa: PLC0415 - see the module's imports

        return english(self.phrase())

    def phrase(self) -> Phrase:
        """What :meth:`describe` says, as data: a catalogue message and its values."""
        from socialvalue._phrases import phrase  # noqa: PLC0415 - see the module's imports

        return phrase(
            "proxy",
            measure=self.value.measure,
            date=self.on.isoformat(),
            value=f"{self.value.value:f}",
            currency=self.value.currency,
            unit=self.value.unit,
            price_year=self.value.price_base.label,
            geography=self.geography,
            requested=(
                phrase("proxy_for", geography=self.requested_geography)
                if self.geography != self.requested_geography
                else ""
            ),
            validity=str(self.value.validity),
            layer=self.layer,
            origin=phrase("proxy_from", origin=self.origin) if self.origin else "",
            source=self.value.source.cite(),
            licence=str(self.value.licence),
            verification=(
                phrase("proxy_verification", verification=self.value.verification.value)
                if self.value.verification is not Verification.PRIMARY
                else ""
            ),
            extrapolated=phrase("proxy_extrapolated") if self.extrapolated else "",
        )


def _geographies(value: Iterable[GeographyLink]) -> tuple[GeographyLink, ...]:
    return tuple(value)


def _values(value: Iterable[ProxyValue]) -> tuple[ProxyValue, ...]:
    return tuple(value)


@attrs.frozen
class _RegistryIndex:
    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    by_key: Mapping[tuple[str, str], tuple[ProxyValue, ...]]
    measures: frozenset[str]
    parents: Mapping[str, str]


def _check_chain(links: Sequence[GeographyLink], problems: list[Problem]) -> dict[str, str]:
    parents: dict[str, str] = {}
    seen: dict[str, int] = {}
    for i, link in enumerate(links):
        if link.code in seen:
            problems.append(Problem(f"geographies[{i}].code", f"duplicate area {link.code!r}"))
            continue
        seen[link.code] = i
        if link.parent is not None:
            parents[link.code] = link.parent
    for code in parents:
        path = [code]
        current = code
        while current in parents:
            current = parents[current]
            if current in path:
                problems.append(
                    Problem(
                        f"geographies[{seen[code]}].parent",
                        f"the chain of areas loops: {' → '.join([*path, current])}",
                    )
                )
                break
            path.append(current)
    return parents


@attrs.frozen(kw_only=True)
class ProxyRegistry:
    """An immutable, versioned collection of proxy values.

    Args:
        id: Short identifier, e.g. ``"lcrca-open"``.
        title: Human title.
        version: Version of the collection; change it whenever a value changes.
        publisher: Who maintains it.
        licence: Licence of the collection as a whole (each value also names its own).
        description: Free text.
        geographies: Areas and the larger areas they lie within, beyond
            :data:`DEFAULT_GEOGRAPHIES`.
        values: The values.

    Raises:
        ValidationError: listing every problem: two values for the same measure and geography
            whose validity overlaps (naming both), loops in the geography chain.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    version: str = attrs.field(validator=_not_blank)
    publisher: str = attrs.field(validator=_not_blank)
    licence: str = attrs.field(validator=_not_blank)
    description: str = ""
    geographies: tuple[GeographyLink, ...] = attrs.field(default=(), converter=_geographies)
    values: tuple[ProxyValue, ...] = attrs.field(default=(), converter=_values)
    _origin: str | None = attrs.field(init=False, default=None, eq=False, repr=False)
    _index: _RegistryIndex = attrs.field(init=False, repr=False, eq=False, hash=False)
    _stack: RegistryStack | None = attrs.field(
        init=False, default=None, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        parents = dict(_check_chain(DEFAULT_GEOGRAPHIES, []))
        parents.update(_check_chain(self.geographies, problems))
        by_key: dict[tuple[str, str], list[tuple[int, ProxyValue]]] = {}
        for i, value in enumerate(self.values):
            by_key.setdefault((value.measure, value.geography), []).append((i, value))
        for (measure, geography), entries in by_key.items():
            entries.sort(key=lambda entry: entry[1].valid_from)
            for (i, first), (j, second) in itertools.pairwise(entries):
                if first.overlaps(second):
                    problems.append(
                        Problem(
                            f"values[{j}]",
                            f"{measure} in {geography}: validity {second.validity} overlaps "
                            f"values[{i}] ({first.validity})",
                        )
                    )
        if problems:
            raise ValidationError(problems, subject=f"registry {self.id!r}")
        object.__setattr__(
            self,
            "_index",
            _RegistryIndex(
                by_key=MappingProxyType(
                    {key: tuple(value for _, value in entries) for key, entries in by_key.items()}
                ),
                measures=frozenset(value.measure for value in self.values),
                parents=MappingProxyType(parents),
            ),
        )

    @property
    def origin(self) -> str | None:
        """The file this registry was loaded from, if it was loaded from one."""
        return self._origin

    def with_origin(self, origin: str | None) -> ProxyRegistry:
        """A copy that records the file it was loaded from (loaders call this for you)."""
        copy = attrs.evolve(self)
        object.__setattr__(copy, "_origin", origin)
        return copy

    @property
    def layers(self) -> tuple[ProxyRegistry, ...]:
        """A single registry is one layer."""
        return (self,)

    def layered_over(self, base: ProxyRegistry | RegistryStack) -> RegistryStack:
        """This registry on top of ``base``: its values win; ``base`` fills the gaps.

        Nothing is copied: the stack keeps both registries as they are.
        """
        return RegistryStack((self, *base.layers))

    def measures(self) -> frozenset[str]:
        """Codes of the measures this registry has values for."""
        return self._index.measures

    def values_for(self, measure: str, geography: str | None = None) -> tuple[ProxyValue, ...]:
        """Values of one measure (in one geography, if given), ordered by ``valid_from``."""
        if geography is not None:
            return self._index.by_key.get((measure, geography), ())
        found = [v for (m, _), vs in self._index.by_key.items() if m == measure for v in vs]
        return tuple(sorted(found, key=lambda v: (v.geography, v.valid_from)))

    def geography_chain(self, geography: str) -> tuple[str, ...]:
        """``geography`` followed by each larger area it lies within."""
        return _chain(geography, self._index.parents)

    def lookup(
        self,
        measure: str,
        on: dt.date | AnyPeriod,
        geography: str = "UK",
        *,
        policy: LookupPolicy = LookupPolicy.STRICT,
    ) -> ProxyLookup:
        """The value of ``measure`` on a date (or for a whole period) in ``geography``.

        A period must fall within one value's validity; a period that spans two values is an
        error that asks you to split it.

        Raises:
            NoProxyValueError: when nothing answers, naming the dates the values cover.
        """
        return self._as_stack().lookup(measure, on, geography, policy=policy)

    def _as_stack(self) -> RegistryStack:
        stack: RegistryStack | None = getattr(self, "_stack", None)
        if stack is None:
            stack = RegistryStack((self,))
            object.__setattr__(self, "_stack", stack)
        return stack

    def check_against(self, framework: Framework) -> None:
        """Check every value against a framework; raise one error listing every problem.

        Problems: a measure the framework does not define; a value per a unit other than the
        measure's; a value for a measure that is financial or record-only (never proxied).
        """
        problems = list(_framework_problems(self, framework, prefix=""))
        if problems:
            raise ValidationError(
                problems, subject=f"registry {self.id!r} against framework {framework.id!r}"
            )


def _chain(geography: str, parents: Mapping[str, str]) -> tuple[str, ...]:
    chain = [geography]
    while chain[-1] in parents and parents[chain[-1]] not in chain:
        chain.append(parents[chain[-1]])
    return tuple(chain)


def _framework_problems(
    registry: ProxyRegistry, framework: Framework, prefix: str
) -> Iterator[Problem]:
    for i, value in enumerate(registry.values):
        where = f"{prefix}values[{i}]"
        for problem in value_fit_problems(value.measure, value.unit, framework):
            yield Problem(f"{where}.{problem.location}", problem.message)


def value_fit_problems(measure_code: str, unit: str, framework: Framework) -> list[Problem]:
    """The check of one proxy value against a framework, located at its field.

    The one rule :meth:`ProxyRegistry.check_against` and registry files use; each problem is
    located at ``measure`` or ``unit``. A value's measure and unit are enough, so a value that
    could not be built (a bad number, say) is still checked.

    Problems: a measure the framework does not define; a value per a unit other than the
    measure's; a value for a measure that is financial or record-only (never proxied).
    """
    if measure_code not in framework:
        error = UnknownCodeError("measure", measure_code, list(framework.measure_codes()))
        return [Problem("measure", f"{error.message} (framework {framework.id!r})")]
    measure = framework.measure(measure_code)
    problems = []
    if unit != measure.unit:
        problems.append(
            Problem(
                "unit",
                f"{measure_code} is counted in {measure.unit!r}, but this value is per {unit!r}",
            )
        )
    if measure.valuation is not ValuationKind.PROXY:
        problems.append(
            Problem(
                "measure",
                f"{measure_code} is a {measure.valuation.value.replace('_', '-')} measure; "
                "it is never valued with a proxy",
            )
        )
    return problems


def _as_day(on: dt.date | AnyPeriod) -> tuple[dt.date, dt.date, str]:
    if isinstance(on, dt.datetime):
        raise TypeError("expected a date or a period, not a datetime")
    if isinstance(on, dt.date):
        return on, on, on.isoformat()
    return on.start, on.end, on.label


def _layers(value: Iterable[ProxyRegistry]) -> tuple[ProxyRegistry, ...]:
    return tuple(value)


@attrs.frozen
class RegistryStack:
    """Registries layered one over another; the first layer wins, later layers fill gaps.

    Build one with :meth:`ProxyRegistry.layered_over`. For each lookup, each layer is asked in
    turn (top first) for a value covering the date, along the geography chain (the requested area
    first, then each larger area); the first answer wins. With
    :attr:`LookupPolicy.CARRY_FORWARD`, only when no layer covers the date is the latest earlier
    value carried forward, again top layer first.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    layers: tuple[ProxyRegistry, ...] = attrs.field(converter=_layers)
    _parents: Mapping[str, str] = attrs.field(init=False, repr=False, eq=False, hash=False)
    _chains: dict[str, tuple[str, ...]] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if not self.layers:
            raise ValueError("layers: a stack needs at least one registry")
        ids = [layer.id for layer in self.layers]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"layers: registry {', '.join(duplicates)} appears more than once")
        parents: dict[str, str] = {}
        for layer in reversed(self.layers):
            parents.update(layer._index.parents)  # noqa: SLF001 - same module
        object.__setattr__(self, "_parents", MappingProxyType(parents))
        object.__setattr__(self, "_chains", {})  # a memo of geography_chain, never exposed

    def layered_over(self, base: ProxyRegistry | RegistryStack) -> RegistryStack:
        """This stack on top of ``base``."""
        return RegistryStack((*self.layers, *base.layers))

    def measures(self) -> frozenset[str]:
        """Codes of the measures any layer has values for."""
        return frozenset().union(*(layer.measures() for layer in self.layers))

    def geography_chain(self, geography: str) -> tuple[str, ...]:
        """The chain of areas, from every layer's declarations (top layer's first)."""
        chain = self._chains.get(geography)
        if chain is None:
            chain = _chain(geography, self._parents)
            self._chains[geography] = chain
        return chain

    def check_against(self, framework: Framework) -> None:
        """Check every layer against a framework; one error lists every problem in every layer."""
        problems = [
            problem
            for n, layer in enumerate(self.layers)
            for problem in _framework_problems(layer, framework, prefix=f"layers[{n}].")
        ]
        if problems:
            raise ValidationError(problems, subject=f"registry stack against {framework.id!r}")

    def lookup(
        self,
        measure: str,
        on: dt.date | AnyPeriod,
        geography: str = "UK",
        *,
        policy: LookupPolicy = LookupPolicy.STRICT,
    ) -> ProxyLookup:
        """The value of ``measure`` on a date or for a period; see :class:`RegistryStack`."""
        start, end, label = _as_day(on)
        chain = self.geography_chain(geography)
        for layer in self.layers:
            for area in chain:
                for value in layer.values_for(measure, area):
                    if value.covers(start) and value.covers(end):
                        return ProxyLookup(
                            value=value,
                            on=start,
                            requested_geography=geography,
                            geography=area,
                            layer=layer.id,
                            origin=layer.origin,
                            extrapolated=False,
                        )
                    if _touches(value, start, end):
                        # Part of the period has this value and part has not: never fall
                        # through to another area or layer for the rest.
                        raise NoProxyValueError(
                            f"{label} spans more than one value of {measure} in {area} "
                            f"(one is valid {value.validity}); split the period or look up "
                            "by date"
                        )
        if policy is LookupPolicy.CARRY_FORWARD:
            carried = self._carry_forward(
                measure, start=start, end=end, label=label, geography=geography, chain=chain
            )
            if carried is not None:
                return carried
        said = self._miss(measure, label, geography, chain)
        from socialvalue._phrases import english  # noqa: PLC0415 - see the module's imports

        raise NoProxyValueError(english(said), phrase=said)

    def _carry_forward(  # noqa: PLR0913 - the lookup's own arguments
        self,
        measure: str,
        *,
        start: dt.date,
        end: dt.date,
        label: str,
        geography: str,
        chain: tuple[str, ...],
    ) -> ProxyLookup | None:
        for layer in self.layers:
            for area in chain:
                earlier = [v for v in layer.values_for(measure, area) if v.valid_from <= start]
                if any(start < v.valid_from <= end for v in layer.values_for(measure, area)):
                    raise NoProxyValueError(
                        f"{label}: a value of {measure} in {area} starts inside the period; "
                        "split the period or look up by date"
                    )
                if earlier:
                    return ProxyLookup(
                        value=earlier[-1],
                        on=start,
                        requested_geography=geography,
                        geography=area,
                        layer=layer.id,
                        origin=layer.origin,
                        extrapolated=True,
                    )
        return None

    def _miss(self, measure: str, label: str, geography: str, chain: tuple[str, ...]) -> Phrase:
        from socialvalue._phrases import phrase  # noqa: PLC0415 - see the module's imports

        ids = ", ".join(layer.id for layer in self.layers)
        if measure not in self.measures():
            # No "did you mean": a measure is checked against the framework before valuation,
            # so a miss here is a gap in the values, not a typo; say what the registry holds.
            known = sorted(self.measures())
            hint: Phrase = (
                phrase("no_value_hint_empty")
                if not known
                else phrase("no_value_hint_values", measures=", ".join(known))
                if len(known) <= 8
                else phrase("no_value_hint_more", measures=", ".join(known[:8]), n=len(known))
            )
            return phrase("no_value_in_registry", measure=measure, layers=ids, hint=hint)
        covered = []
        for layer in self.layers:
            for area in chain:
                spans = [v.validity for v in layer.values_for(measure, area)]
                if spans:
                    covered.append(
                        phrase(
                            "no_value_covered",
                            geography=area,
                            layer=layer.id,
                            spans=_merge_spans(spans),
                        )
                    )
        where: Phrase | str = (
            geography
            if len(chain) == 1
            else phrase("no_value_where_chain", geography=geography, chain=", ".join(chain[1:]))
        )
        if not covered:
            others = sorted(
                {v.geography for layer in self.layers for v in layer.values_for(measure)}
            )
            return phrase(
                "no_value_elsewhere", measure=measure, where=where, geographies=", ".join(others)
            )
        return phrase(
            "no_value_on", measure=measure, period=label, where=where, covered=tuple(covered)
        )

    def __iter__(self) -> Iterator[ProxyRegistry]:
        return iter(self.layers)


def _touches(value: ProxyValue, start: dt.date, end: dt.date) -> bool:
    """Whether a value's validity shares a day with ``start..end``."""
    return value.valid_from <= end and (value.valid_to is None or start <= value.valid_to)


def _merge_spans(spans: list[str]) -> str:
    """Join contiguous validity spans into one (2020 and 2021 become 2020-01-01..2021-12-31)."""
    merged: list[list[str]] = []
    for span in spans:
        start, _, end = span.partition("..")
        if merged and merged[-1][1] and _next_day(merged[-1][1]) == start:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return ", ".join(f"{start}..{end}" for start, end in merged)


def _next_day(iso: str) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()
