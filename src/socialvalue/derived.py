"""Values by derivation, shown: a proxy value built from other sourced figures by fixed operations.

Some values are built from others — the carbon of a donated device is its mass × an emission
factor × the carbon value. A :class:`Derivation` is that recipe as data: named inputs, each
with its own source, licence and verification tag (or left for the user to give, or looked up
as another measure's proxy value), and a formula that is a start input followed by steps from a
fixed set of operations — multiply, divide, add, subtract — applied strictly left to right. There
is no expression language: nothing is parsed or evaluated but these four operations.

:func:`derive` computes the value and the working; :func:`derived_proxy` turns it into a
:class:`~socialvalue.ProxyValue` whose :attr:`~socialvalue.ProxyValue.derivation` shows the
working in every valuation's explanation. The shipped ``dig-1-device-carbon`` derivation
(:func:`socialvalue.io.shipped_derivation`) has no default device mass: no open source for one
was found, so the mass must be given.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from socialvalue._decimal import MAX_PLACES, calculation_context, to_decimal
from socialvalue._fields import not_blank as _not_blank, optional_price_year
from socialvalue.evidence import weakest
from socialvalue.exceptions import Problem, SocialValueError, ValidationError
from socialvalue.periods import CalendarYear, FinancialYear
from socialvalue.provenance import Source, Verification
from socialvalue.proxies import ProxyRegistry, ProxyValue, RegistryStack

__all__ = [
    "Derivation",
    "DerivationError",
    "DerivationInput",
    "DerivationStep",
    "DerivedValue",
    "Operation",
    "derive",
    "derived_proxy",
]

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class DerivationError(SocialValueError, ValueError):
    """A derivation that cannot be computed: an input not given, a value not found, ÷ 0."""


class Operation(enum.Enum):
    """The only operations a derivation may use."""

    MULTIPLY = "multiply"
    DIVIDE = "divide"
    ADD = "add"
    SUBTRACT = "subtract"

    @property
    def symbol(self) -> str:
        """The sign shown in the working."""
        return {"multiply": "×", "divide": "÷", "add": "+", "subtract": "−"}[self.value]


def _name(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not _NAME.match(value):
        raise ValueError(
            f"{attribute.name}: {value!r} is not an input name (lower-case letters, digits and _)"
        )


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what=None)


def _optional_verification(value: object) -> Verification | None:
    return None if value is None else Verification(value)


@attrs.frozen(kw_only=True)
class DerivationInput:
    """One input of a derivation.

    Exactly one of three kinds:

    * a **sourced figure** — ``value`` with ``source``, ``licence`` and ``verification``;
    * a **definition** — ``value`` with ``definition = true`` (e.g. 1,000 kg in a tonne), which
      needs no source;
    * a **lookup** — ``from_measure``: the proxy value of another measure, from a registry, on
      the date derived for (it brings its own source and tag);
    * otherwise the input is **given** by the user when deriving (e.g. a device's mass).

    Args:
        name: Name used in the formula (``mass_kg``).
        what: What it is, in words.
        unit: What it is counted in.
    """

    name: str = attrs.field(validator=_name)
    what: str = attrs.field(validator=_not_blank)
    unit: str = ""
    value: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    definition: bool = False
    from_measure: str | None = None
    source: Source | None = None
    licence: str | None = None
    verification: Verification | None = attrs.field(default=None, converter=_optional_verification)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.value is not None and self.from_measure is not None:
            raise ValueError(f"{self.name}: give a value or from_measure, not both")
        if self.definition and self.value is None:
            raise ValueError(f"{self.name}: a definition needs its value")
        sourced = self.value is not None and not self.definition
        if sourced and (self.source is None or not self.licence or self.verification is None):
            raise ValueError(
                f"{self.name}: a figure needs its source, licence and verification (or mark it "
                "definition = true if it is a unit conversion)"
            )

    @property
    def given(self) -> bool:
        """Whether the user gives this input when deriving."""
        return self.value is None and self.from_measure is None


@attrs.frozen(kw_only=True)
class DerivationStep:
    """One step of a formula: apply ``op`` with the input named ``input`` to the running value."""

    op: Operation = attrs.field(converter=Operation)
    input: str = attrs.field(validator=_name)


def _inputs(value: Iterable[DerivationInput]) -> tuple[DerivationInput, ...]:
    return tuple(value)


def _steps(value: Iterable[DerivationStep]) -> tuple[DerivationStep, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Derivation:
    """A recipe for a proxy value: inputs and a left-to-right formula of fixed operations.

    Args:
        id: Short identifier.
        title: Human title.
        measure: The measure the result values.
        unit: The unit it is per (the measure's).
        start: The input the formula starts from.
        steps: The operations, applied in order (no precedence: strictly left to right).
        inputs: Every input the formula names.
        price_base: The price year of the result; if not given, that of the one ``from_measure``
            input.
        licence: Licence of the recipe as a whole.
        note: Caveats.

    Raises:
        ValidationError: listing every name used but not defined, defined twice or never used.
    """

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    measure: str = attrs.field(validator=_not_blank)
    unit: str = attrs.field(validator=_not_blank)
    start: str = attrs.field(validator=_name)
    steps: tuple[DerivationStep, ...] = attrs.field(converter=_steps)
    inputs: tuple[DerivationInput, ...] = attrs.field(converter=_inputs)
    price_base: FinancialYear | CalendarYear | None = attrs.field(
        default=None, converter=optional_price_year
    )
    licence: str = attrs.field(validator=_not_blank)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        problems: list[Problem] = []
        names: dict[str, int] = {}
        for i, item in enumerate(self.inputs):
            if item.name in names:
                problems.append(Problem(f"inputs[{i}].name", f"{item.name!r} is defined twice"))
            names[item.name] = i
        used = [self.start, *(step.input for step in self.steps)]
        for where, name in [("start", self.start)] + [
            (f"steps[{i}].input", step.input) for i, step in enumerate(self.steps)
        ]:
            if name not in names:
                problems.append(Problem(where, f"{name!r} is not one of the inputs"))
        for name, i in names.items():
            if name not in used:
                problems.append(Problem(f"inputs[{i}].name", f"{name!r} is never used"))
        lookups = [item for item in self.inputs if item.from_measure is not None]
        if self.price_base is None and len(lookups) != 1:
            problems.append(
                Problem(
                    "price_base",
                    "state the price year of the result (or have exactly one from_measure input "
                    "whose price year it takes)",
                )
            )
        if problems:
            raise ValidationError(problems, subject=f"derivation {self.id!r}")

    def input(self, name: str) -> DerivationInput:
        """The input called ``name``."""
        return next(item for item in self.inputs if item.name == name)

    def given_inputs(self) -> tuple[str, ...]:
        """Names of the inputs the user must give."""
        return tuple(item.name for item in self.inputs if item.given)

    def formula(self) -> str:
        """The formula in words: ``mass_kg × factor ÷ kg_per_tonne …``."""
        return " ".join([self.start, *(f"{s.op.symbol} {s.input}" for s in self.steps)])


@attrs.frozen(kw_only=True)
class DerivedValue:
    """The result of a derivation: the value, its price year, tag and the working.

    Attributes:
        value: The result (rounded half-even to 20 decimal places only if it had more).
        price_base: Its price year.
        verification: The weakest tag of the sourced and looked-up inputs.
        licences: The licences of the inputs, each once.
        lookup: The proxy value looked up, if any (its validity bounds the result's).
        lines: The working, one line per input and one for the formula.
    """

    derivation: Derivation
    value: Decimal
    price_base: FinancialYear | CalendarYear
    verification: Verification
    licences: tuple[str, ...]
    lookup: ProxyValue | None
    lines: tuple[str, ...]


def _resolve(
    derivation: Derivation,
    given: Mapping[str, object],
    registry: ProxyRegistry | RegistryStack | None,
    on: dt.date | None,
    geography: str,
) -> tuple[dict[str, Decimal], list[str], list[Verification], list[str], ProxyValue | None]:
    unknown = sorted(set(given) - set(derivation.given_inputs()))
    if unknown:
        raise DerivationError(
            f"derivation {derivation.id!r}: {', '.join(unknown)} cannot be given "
            f"(inputs to give: {', '.join(derivation.given_inputs()) or 'none'})"
        )
    values: dict[str, Decimal] = {}
    lines: list[str] = []
    tags: list[Verification] = []
    licences: list[str] = []
    looked_up: ProxyValue | None = None
    for item in derivation.inputs:
        label = f"{item.name} = "
        if item.given:
            if item.name not in given:
                raise DerivationError(
                    f"derivation {derivation.id!r}: give {item.name} ({item.what}"
                    + (f", in {item.unit}" if item.unit else "")
                    + "); it has no default"
                    + (f": {item.note}" if item.note else "")
                )
            values[item.name] = to_decimal(given[item.name], what=item.name)
            lines.append(f"{label}{values[item.name]} {item.unit} ({item.what}; given)".strip())
        elif item.from_measure is not None:
            if registry is None or on is None:
                raise DerivationError(
                    f"derivation {derivation.id!r}: {item.name} is the value of "
                    f"{item.from_measure}; pass a registry and a date to look it up"
                )
            hit = registry.lookup(item.from_measure, on, geography)
            looked_up = hit.value
            values[item.name] = hit.value.value
            tags.append(hit.value.verification)
            licences.append(hit.value.licence)
            lines.append(f"{label}{hit.describe()}")
        else:
            assert item.value is not None  # noqa: S101 - a definition or a sourced figure
            values[item.name] = item.value
            if item.definition:
                lines.append(f"{label}{item.value} {item.unit} ({item.what}; definition)")
            else:
                assert item.source is not None  # noqa: S101 - checked when built
                assert item.verification is not None  # noqa: S101
                assert item.licence is not None  # noqa: S101
                tags.append(item.verification)
                licences.append(item.licence)
                lines.append(
                    f"{label}{item.value} {item.unit} ({item.what}); source: "
                    f"{item.source.cite()}; licence: {item.licence}; "
                    f"verification: {item.verification.value}"
                )
    return values, lines, tags, licences, looked_up


def derive(
    derivation: Derivation,
    *,
    given: Mapping[str, object] | None = None,
    registry: ProxyRegistry | RegistryStack | None = None,
    on: dt.date | None = None,
    geography: str = "UK",
) -> DerivedValue:
    """Compute a derivation: resolve every input, apply the steps left to right, show the working.

    Args:
        derivation: The recipe.
        given: Values of the inputs the user gives (exact: strings or decimals, never floats).
        registry: Where ``from_measure`` inputs are looked up (strictly, on ``on``).
        on: The date to look them up for.
        geography: The area to look them up for.

    Raises:
        DerivationError: an input to give is missing or not an input to give; a lookup input
            without a registry and date; a division by zero.
        NoProxyValueError: a looked-up value does not exist for the date.
    """
    values, lines, tags, licences, looked_up = _resolve(
        derivation, given or {}, registry, on, geography
    )
    with calculation_context():
        result = values[derivation.start]
        shown = [f"{derivation.start} ({result})"]
        for step in derivation.steps:
            operand = values[step.input]
            if step.op is Operation.MULTIPLY:
                result *= operand
            elif step.op is Operation.DIVIDE:
                if operand == 0:
                    raise DerivationError(f"derivation {derivation.id!r}: {step.input} is zero")
                result /= operand
            elif step.op is Operation.ADD:
                result += operand
            else:
                result -= operand
            shown.append(f"{step.op.symbol} {step.input} ({operand})")
        exact = result
        result = result.quantize(Decimal(1).scaleb(-MAX_PLACES), rounding=ROUND_HALF_EVEN)
    rounded = "" if result == exact else f" (rounded half-even to {MAX_PLACES} places)"
    lines.append(f"{derivation.measure} = {' '.join(shown)} = {result.normalize():f}{rounded}")
    if derivation.price_base is not None:
        base = derivation.price_base
    else:
        assert looked_up is not None  # noqa: S101 - checked when built
        base = looked_up.price_base
    return DerivedValue(
        derivation=derivation,
        value=_trimmed(result),
        price_base=base,
        verification=weakest(tags) if tags else Verification.UNVERIFIED,
        licences=tuple(dict.fromkeys(licences)),
        lookup=looked_up,
        lines=tuple(lines),
    )


def _trimmed(number: Decimal) -> Decimal:
    """Without trailing zeros, never in exponent form (``1.50`` → ``1.5``, ``1E+3`` → ``1000``)."""
    exponent = number.normalize().as_tuple().exponent
    assert isinstance(exponent, int)  # noqa: S101 - a finite number
    return number.quantize(Decimal(1).scaleb(min(exponent, 0)))


def derived_proxy(
    derived: DerivedValue,
    *,
    source: Source,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    geography: str = "UK",
) -> ProxyValue:
    """A proxy value from a derived one, with the working as its derivation.

    Its validity defaults to the looked-up value's (a carbon value for one calendar year gives a
    device value for that year); its tag is the weakest input's; its licence lists every input's.
    ``source`` names who derived it (you): the inputs' sources are in the derivation.
    """
    if valid_from is None:
        if derived.lookup is None:
            raise DerivationError("valid_from: needed when no value was looked up")
        valid_from, valid_to = derived.lookup.valid_from, derived.lookup.valid_to
    derivation = derived.derivation
    return ProxyValue(
        measure=derivation.measure,
        unit=derivation.unit,
        value=derived.value,
        price_base=derived.price_base,
        valid_from=valid_from,
        valid_to=valid_to,
        geography=geography,
        source=source,
        licence="; ".join(derived.licences) or derivation.licence,
        verification=derived.verification,
        note=f"Derived by {derivation.id}: {derivation.title}. {derivation.note}".strip(),
        derivation=("derived:", *derived.lines),
    )
