"""Declared uncertainty: ranges on a methodology's assumptions, and how inputs are distributed.

A methodology's central figures are points. Its :class:`Uncertainty` block says how far each
judgement could plausibly move: an :class:`AssumptionRange` on an additionality factor (for
example deadweight 20% [10%, 30%], for every measure or for one), a range on the discount rates
(a shift of every rate of the schedule, in percentage points as a fraction), and the
distribution a Monte Carlo simulation draws each input from. Proxy values carry their own
ranges (:attr:`~socialvalue.proxies.ProxyValue.low` and ``high``, from the registry).

These declarations change no central figure; :mod:`socialvalue.uncertainty` uses them for
scenarios, one-way sensitivity, switching values and Monte Carlo.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from socialvalue._decimal import to_decimal
from socialvalue._methods import model_eq, model_hash, model_repr

__all__ = [
    "FACTORS",
    "AssumptionRange",
    "DiscountRange",
    "Distribution",
    "ProxySpread",
    "Uncertainty",
]

#: The additionality factors a range may be declared on. Fractions in [0, 1] except the
#: multiplier (at least 1). ``duration_years`` is a whole number of years and has no range.
FACTORS: tuple[str, ...] = (
    "deadweight",
    "leakage",
    "displacement",
    "substitution",
    "attribution",
    "multiplier",
    "drop_off",
)


class Distribution(enum.Enum):
    """How a Monte Carlo simulation draws an input between its low and high bounds.

    * ``UNIFORM`` — every value in [low, high] equally likely;
    * ``TRIANGULAR`` — most likely at the central value, falling linearly to the bounds;
    * ``PERT`` — a beta distribution with the central value as its mode (the PERT weights
      1, 4, 1): smoother than the triangle, less weight in the tails;
    * ``NORMAL`` — normal about the central value with a declared standard deviation,
      truncated at the bounds (draws outside are redrawn).
    """

    UNIFORM = "uniform"
    TRIANGULAR = "triangular"
    PERT = "pert"
    NORMAL = "normal"


def _decimal(value: object) -> Decimal:
    return to_decimal(value, what=None)


def _optional_decimal(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what=None)


def _check_factor(_instance: object, _attribute: object, value: str) -> None:
    if value not in FACTORS:
        raise ValueError(f"factor: {value!r} is not one of {', '.join(FACTORS)}")


def _check_sd(instance: AssumptionRange | DiscountRange | ProxySpread) -> None:
    sd = instance.sd
    if instance.distribution is Distribution.NORMAL and sd is None:
        raise ValueError("sd: a normal distribution needs its standard deviation")
    if sd is not None and sd <= 0:
        raise ValueError(f"sd: {sd} is not a positive standard deviation")


# Converters are Python functions, not the enum classes: attrs reads each converter's
# signature when it creates a class, which for a class costs a hundred times more.
def _distribution(value: object) -> Distribution:
    return Distribution(value)


@attrs.frozen(kw_only=True)
class AssumptionRange:
    """The plausible range of one additionality factor, for every measure or for one.

    The central value is the methodology's own (the default assumptions when ``measure`` is
    ``None``, else that measure's); the methodology checks that ``low ≤ central ≤ high``.
    A default range moves the default assumptions only: a measure with its own assumptions
    keeps them (declare a range for that measure too).

    Args:
        factor: One of :data:`FACTORS`.
        low: The lowest plausible value.
        high: The highest plausible value.
        measure: The measure whose assumption it is; ``None`` for the default.
        distribution: How Monte Carlo draws it (:class:`Distribution`).
        sd: Standard deviation, for a normal distribution.
        note: The evidence or judgement behind the range.

    >>> AssumptionRange(factor="deadweight", low="0.1", high="0.3").high
    Decimal('0.3')
    >>> AssumptionRange(factor="deadweight", low="0.3", high="0.1")
    Traceback (most recent call last):
    ...
    ValueError: low: 0.3 is above high 0.1
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    factor: str = attrs.field(validator=_check_factor)
    low: Decimal = attrs.field(converter=_decimal)
    high: Decimal = attrs.field(converter=_decimal)
    measure: str | None = None
    distribution: Distribution = attrs.field(
        default=Distribution.TRIANGULAR, converter=_distribution
    )
    sd: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"low: {self.low} is above high {self.high}")
        _check_sd(self)

    @property
    def label(self) -> str:
        """``deadweight (default)`` or ``deadweight for LCR-EMP-1``."""
        return f"{self.factor} " + ("(default)" if self.measure is None else f"for {self.measure}")


@attrs.frozen(kw_only=True)
class DiscountRange:
    """A plausible shift of every rate of the discount schedule (``-0.01`` is one point down).

    The central shift is 0; a shifted rate below zero is an error when it is used.

    >>> DiscountRange(low="-0.01", high="0.01").low
    Decimal('-0.01')
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    low: Decimal = attrs.field(converter=_decimal)
    high: Decimal = attrs.field(converter=_decimal)
    distribution: Distribution = attrs.field(
        default=Distribution.TRIANGULAR, converter=_distribution
    )
    sd: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if not self.low <= 0 <= self.high:
            raise ValueError(f"low, high: [{self.low}, {self.high}] does not contain 0")
        _check_sd(self)


@attrs.frozen(kw_only=True)
class ProxySpread:
    """How Monte Carlo draws proxy values between their registry bounds.

    Args:
        measure: The measure; ``None`` for every proxy value without a spread of its own.
        distribution: :class:`Distribution`.
        sd: For a normal distribution, the standard deviation *as a share of the central
            value* (``0.25`` is a quarter of it), since a measure's values differ by year.
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    measure: str | None = None
    distribution: Distribution = attrs.field(
        default=Distribution.TRIANGULAR, converter=_distribution
    )
    sd: Decimal | None = attrs.field(default=None, converter=_optional_decimal)

    def __attrs_post_init__(self) -> None:
        _check_sd(self)


def _ranges(value: Iterable[AssumptionRange]) -> tuple[AssumptionRange, ...]:
    return tuple(value)


def _spreads(value: Iterable[ProxySpread]) -> tuple[ProxySpread, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Uncertainty:
    """What a methodology declares about the uncertainty of its inputs.

    Args:
        ranges: Ranges on additionality factors (at most one per factor and measure).
        discount: A range on the discount rates, if any.
        proxies: How Monte Carlo draws proxy values (by measure; a ``None`` measure is the
            default). Without one, proxy values are drawn from a triangular distribution.

    >>> Uncertainty().declared
    False
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    ranges: tuple[AssumptionRange, ...] = attrs.field(default=(), converter=_ranges)
    discount: DiscountRange | None = None
    proxies: tuple[ProxySpread, ...] = attrs.field(default=(), converter=_spreads)

    @property
    def declared(self) -> bool:
        """Whether anything is declared at all."""
        return bool(self.ranges or self.discount or self.proxies)

    def spread_for(self, measure: str) -> ProxySpread:
        """The spread Monte Carlo draws ``measure``'s proxy values from."""
        fallback = ProxySpread()
        for spread in self.proxies:
            if spread.measure == measure:
                return spread
            if spread.measure is None:
                fallback = spread
        return fallback
