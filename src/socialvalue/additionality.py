"""Additionality: how much of a gross outcome is really due to the intervention, and for how long.

Two forms are offered, both exact (no rounding anywhere):

* :class:`Additionality` — the *share* form used in SROI and most social value tools. The
  reference case is a deadweight share of the gross outcome, and the net factor is
  ``(1 − deadweight)(1 − leakage)(1 − displacement)(1 − substitution)(1 − attribution) ×
  multiplier``. :meth:`Additionality.steps` lists each adjustment in order, for explanations.
* :func:`additional_impact` — the Additionality Guide form with an explicit reference case:
  ``AI = [GI × (1 − L)(1 − Dp)(1 − S) × M] − [GI* × (1 − L*)(1 − Dp*)(1 − S*) × M*]``, with
  each side's factors held in an :class:`ImpactChain`.

Every factor is given on its own: none is ever derived from another (setting attribution to
``1 − deadweight``, as one public tool does, is wrong).

Persistence (how long an outcome lasts and how fast it drops off) is per year:
:func:`persistence_factors`.

References:
    English Partnerships / Homes and Communities Agency, *Additionality Guide*, 3rd edition
    (2008); the formula is unchanged in the 4th edition (2014).

    Cabinet Office, *A Guide to Social Return on Investment* (2009, updated 2012).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Generic, TypeVar

import attrs

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue.exceptions import Problem, ValidationError
from socialvalue.money import Money

__all__ = [
    "Additionality",
    "Adjustment",
    "ImpactChain",
    "Level",
    "additional_impact",
    "persistence_factors",
]

#: An amount: :class:`~socialvalue.Money` (money in, money out) or a plain ``Decimal``.
AmountT = TypeVar("AmountT", Money, Decimal)

_ZERO = Decimal(0)
_ONE = Decimal(1)


class Level(enum.Enum):
    """A common practitioner scale for deadweight, displacement and attribution.

    Each level is the share of the outcome that would have happened anyway (for deadweight),
    that merely moved from elsewhere (displacement), or that is due to others (attribution):

    * ``NONE`` — 0%: none of it would have happened anyway;
    * ``LOW`` — 25%;
    * ``MEDIUM`` — 50%;
    * ``HIGH`` — 75%;
    * ``ALL`` — 100%: all of it would have happened anyway.

    The scale is a convention, not evidence: use a measured figure where there is one. Any of
    the fractions of :class:`Additionality` accepts a level in place of a number.

    References:
        The 0/25/50/75/100% scale as set out in an appendix of an SROI report published by
        the Australian National Indigenous Australians Agency (NIAA).

    >>> Level.LOW.value
    Decimal('0.25')
    >>> Additionality(deadweight=Level.HIGH).deadweight
    Decimal('0.75')
    """

    NONE = Decimal(0)
    LOW = Decimal("0.25")
    MEDIUM = Decimal("0.5")
    HIGH = Decimal("0.75")
    ALL = Decimal(1)


# --- checks shared by the classes and the functions --------------------------------------------


def _fraction_problem(value: Decimal) -> str | None:
    if not _ZERO <= value <= _ONE:
        return f"{value} is not a fraction between 0 and 1"
    return None


def _multiplier_problem(value: Decimal) -> str | None:
    if value < _ONE:
        return f"{value} is less than 1; a multiplier is at least 1 (1 means no multiplier effect)"
    return None


def _years_problem(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return f"{value!r} is not a whole number of years of at least 1"
    return None


def _fraction_input(value: object, what: str) -> Decimal:
    if isinstance(value, Level):
        return value.value
    return to_decimal(value, what=what)


# attrs converters must be named functions (mypy's attrs plugin reads their signatures); each
# names its field so that a refused float says which field it was given for.


def _deadweight(value: object) -> Decimal:
    return _fraction_input(value, "deadweight")


def _leakage(value: object) -> Decimal:
    return _fraction_input(value, "leakage")


def _displacement(value: object) -> Decimal:
    return _fraction_input(value, "displacement")


def _substitution(value: object) -> Decimal:
    return _fraction_input(value, "substitution")


def _attribution(value: object) -> Decimal:
    return _fraction_input(value, "attribution")


def _drop_off(value: object) -> Decimal:
    return _fraction_input(value, "drop_off")


def _multiplier(value: object) -> Decimal:
    return to_decimal(value, what="multiplier")


def _check_fraction(_instance: object, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
    if (problem := _fraction_problem(value)) is not None:
        raise ValueError(f"{attribute.name}: {problem}")


def _check_multiplier(
    _instance: object, attribute: attrs.Attribute[Decimal], value: Decimal
) -> None:
    if (problem := _multiplier_problem(value)) is not None:
        raise ValueError(f"{attribute.name}: {problem}")


def _check_years(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if (problem := _years_problem(value)) is not None:
        raise ValueError(f"{attribute.name}: {problem}")


def _scale(value: AmountT, factor: Decimal) -> AmountT:
    """``value × factor``, exactly (money stays money)."""
    if isinstance(value, Money):
        return value * factor
    with calculation_context():
        return to_decimal(value, what="amount") * factor


# --- the share form ----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Adjustment(Generic[AmountT]):
    """One step of an additionality calculation, for an explanation of a valuation.

    Values are unrounded; round them only to show them.

    Args:
        name: The factor applied: ``"deadweight"``, ``"leakage"``, ``"displacement"``,
            ``"substitution"``, ``"attribution"`` or ``"multiplier"``.
        parameter: The factor's setting as given (a fraction, or the multiplier itself).
        factor: What the value is multiplied by: ``1 − parameter`` for a fraction, the
            multiplier itself for the multiplier.
        before: The value before this step.
        after: The value after it (``before × factor``).
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    name: str
    parameter: Decimal
    factor: Decimal
    before: AmountT
    after: AmountT


@attrs.frozen(kw_only=True)
class Additionality:
    """The additionality adjustments applied to a gross outcome, and its persistence.

    Every fraction is the share of the outcome *removed* by that adjustment, between 0 and 1;
    each may be given as a :class:`Level`. Numbers are taken as ``Decimal``, ``int`` or decimal
    strings — floats are refused. No factor is derived from another.

    Args:
        deadweight: Share that would have happened anyway (the reference case).
        leakage: Share that benefits people outside the target area or group.
        displacement: Share that merely moved from elsewhere in the target area.
        substitution: Share where one activity or person was swapped for a similar one to take
            advantage of the intervention.
        attribution: Share due to the contribution of other organisations or people.
        multiplier: Further activity from the local spending of income and supply chains
            (at least 1; 1 means none).
        duration_years: How many years the outcome lasts (at least 1).
        drop_off: Share of the remaining outcome lost each year after the first.

    >>> additionality = Additionality(deadweight="0.25", attribution="0.2")
    >>> additionality.net_factor()
    Decimal('0.600')
    >>> additionality.net(Money("1000"))
    Money(amount=Decimal('600.000'), currency='GBP')
    >>> Additionality(deadweight="1.2")
    Traceback (most recent call last):
    ...
    ValueError: deadweight: 1.2 is not a fraction between 0 and 1
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    deadweight: Decimal = attrs.field(
        default=_ZERO, converter=_deadweight, validator=_check_fraction
    )
    leakage: Decimal = attrs.field(default=_ZERO, converter=_leakage, validator=_check_fraction)
    displacement: Decimal = attrs.field(
        default=_ZERO, converter=_displacement, validator=_check_fraction
    )
    substitution: Decimal = attrs.field(
        default=_ZERO, converter=_substitution, validator=_check_fraction
    )
    attribution: Decimal = attrs.field(
        default=_ZERO, converter=_attribution, validator=_check_fraction
    )
    multiplier: Decimal = attrs.field(
        default=_ONE, converter=_multiplier, validator=_check_multiplier
    )
    duration_years: int = attrs.field(default=1, validator=_check_years)
    drop_off: Decimal = attrs.field(default=_ZERO, converter=_drop_off, validator=_check_fraction)

    def _factors(self) -> tuple[tuple[str, Decimal, Decimal], ...]:
        # The order of application (METHODOLOGY.md §3): gross → deadweight (the reference
        # share) → leakage → displacement → substitution → attribution → multiplier.
        with calculation_context():
            return (
                ("deadweight", self.deadweight, _ONE - self.deadweight),
                ("leakage", self.leakage, _ONE - self.leakage),
                ("displacement", self.displacement, _ONE - self.displacement),
                ("substitution", self.substitution, _ONE - self.substitution),
                ("attribution", self.attribution, _ONE - self.attribution),
                ("multiplier", self.multiplier, self.multiplier),
            )

    def net_factor(self) -> Decimal:
        """The share of the gross outcome that is additional, exactly.

        ``(1 − DW)(1 − L)(1 − Dp)(1 − S)(1 − A) × M``. The product does not depend on the order
        of the factors; :meth:`steps` shows them in the order they are applied.

        References:
            Additionality Guide, 3rd edition (2008), with the reference case a deadweight
            share; Cabinet Office, *A Guide to Social Return on Investment* (2012) for
            attribution.

        >>> Additionality(deadweight="0.1", leakage="0.2", multiplier="1.5").net_factor()
        Decimal('1.080')
        """
        result = _ONE
        with calculation_context():
            for _name, _parameter, factor in self._factors():
                result *= factor
        return result

    def net(self, gross: AmountT) -> AmountT:
        """The additional part of ``gross``: ``gross × net_factor()`` (money in, money out).

        >>> Additionality(displacement=Level.MEDIUM).net(Decimal("90"))
        Decimal('45.0')
        """
        return _scale(gross, self.net_factor())

    def steps(self, gross: AmountT) -> tuple[Adjustment[AmountT], ...]:
        """Each adjustment of ``gross`` in the order applied, with the value before and after.

        All six steps are listed, including those that change nothing (a factor of 1), so an
        explanation can say that a factor was considered. The last step's ``after`` equals
        :meth:`net`.

        >>> for step in Additionality(deadweight="0.25", attribution="0.2").steps(Money("1000")):
        ...     print(step.name, step.factor, step.after.amount)
        deadweight 0.75 750.00
        leakage 1 750.00
        displacement 1 750.00
        substitution 1 750.00
        attribution 0.8 600.000
        multiplier 1 600.000
        """
        result: list[Adjustment[AmountT]] = []
        value = gross
        for name, parameter, factor in self._factors():
            after = _scale(value, factor)
            result.append(
                Adjustment(name=name, parameter=parameter, factor=factor, before=value, after=after)
            )
            value = after
        return tuple(result)

    def persistence(self) -> tuple[Decimal, ...]:
        """The persistence factor of each year: :func:`persistence_factors` of this outcome.

        >>> Additionality(duration_years=3, drop_off="0.1").persistence()
        (Decimal('1'), Decimal('0.9'), Decimal('0.81'))
        """
        return persistence_factors(self.duration_years, self.drop_off)


def persistence_factors(duration_years: int, drop_off: object) -> tuple[Decimal, ...]:
    """The share of the first year's outcome that remains in each year it lasts.

    Year 1 is 1; each later year keeps ``1 − drop_off`` of the year before:
    ``year n = year n−1 × (1 − drop_off)``, so year n is ``(1 − drop_off)^(n−1)``. This is the
    convention the Cabinet Office SROI Guide describes (drop-off reduces the *remaining* value
    each year after the first). The exact compounding is recalled rather than re-read in the
    Guide (METHODOLOGY.md marks it [R]), so it is kept explicit here: apply your own factors
    if your method differs.

    Args:
        duration_years: How many years the outcome lasts (at least 1).
        drop_off: Share of the remaining outcome lost each year after the first, in [0, 1]
            (``Decimal``, ``int``, decimal string or :class:`Level`; floats are refused).

    Returns:
        One factor per year, year 1 first, exact.

    Raises:
        ValidationError: ``duration_years`` below 1 or not a whole number, or ``drop_off``
            outside [0, 1].

    References:
        Cabinet Office, *A Guide to Social Return on Investment* (2009, updated 2012), on
        duration and drop-off.

    >>> persistence_factors(4, "0.25")
    (Decimal('1'), Decimal('0.75'), Decimal('0.5625'), Decimal('0.421875'))
    >>> persistence_factors(0, "0.1")
    Traceback (most recent call last):
    ...
    socialvalue.exceptions.ValidationError: persistence_factors: duration_years: 0 is not ...
    """
    rate = _fraction_input(drop_off, "drop_off")
    problems = [
        Problem(name, problem)
        for name, problem in (
            ("duration_years", _years_problem(duration_years)),
            ("drop_off", _fraction_problem(rate)),
        )
        if problem is not None
    ]
    if problems:
        raise ValidationError(problems, subject="persistence_factors")
    factors = [_ONE]
    with calculation_context():
        keep = _ONE - rate
        for _ in range(duration_years - 1):
            factors.append(factors[-1] * keep)
    return tuple(factors)


# --- the Additionality Guide form with an explicit reference case ------------------------------


@attrs.frozen(kw_only=True)
class ImpactChain:
    """The factors that turn a gross impact into a net one, for one side of the Guide's formula.

    Used twice by :func:`additional_impact`: once for the intervention, once for the reference
    case (what would happen anyway). Fractions in [0, 1]; multiplier at least 1.

    Args:
        leakage: Share that benefits those outside the target area or group (L).
        displacement: Share that merely moved from elsewhere in the target area (Dp).
        substitution: Share where one activity or person was swapped for another (S).
        multiplier: Further activity from local spending and supply chains (M, at least 1).

    >>> ImpactChain(leakage="0.1", displacement="0.2").factor()
    Decimal('0.72')
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    leakage: Decimal = attrs.field(default=_ZERO, converter=_leakage, validator=_check_fraction)
    displacement: Decimal = attrs.field(
        default=_ZERO, converter=_displacement, validator=_check_fraction
    )
    substitution: Decimal = attrs.field(
        default=_ZERO, converter=_substitution, validator=_check_fraction
    )
    multiplier: Decimal = attrs.field(
        default=_ONE, converter=_multiplier, validator=_check_multiplier
    )

    def factor(self) -> Decimal:
        """``(1 − L)(1 − Dp)(1 − S) × M``, exactly."""
        with calculation_context():
            return (
                (_ONE - self.leakage)
                * (_ONE - self.displacement)
                * (_ONE - self.substitution)
                * self.multiplier
            )

    def apply(self, gross: AmountT) -> AmountT:
        """``gross × factor()`` (money in, money out).

        >>> ImpactChain(substitution="0.05", multiplier="1.2").apply(Money("1000"))
        Money(amount=Decimal('1140.000'), currency='GBP')
        """
        return _scale(gross, self.factor())


def additional_impact(
    gross: AmountT,
    intervention: ImpactChain,
    reference_gross: AmountT,
    reference: ImpactChain,
) -> AmountT:
    """Additional impact against an explicit reference case (the Additionality Guide's formula).

    ``AI = [GI × (1 − L)(1 − Dp)(1 − S) × M] − [GI* × (1 − L*)(1 − Dp*)(1 − S*) × M*]``

    The reference case (starred) is what would happen without the intervention: this is where
    deadweight enters. When the reference case is a deadweight share DW of the gross impact with
    the same factors, the result equals ``GI × (1 − DW)(1 − L)(1 − Dp)(1 − S) × M`` — the share
    form of :class:`Additionality`.

    Money in, money out: ``gross`` and ``reference_gross`` are both :class:`~socialvalue.Money`
    (of one currency) or both ``Decimal``, and the result is of the same kind. The result is
    exact and may be negative (the reference case outperforms the intervention); it is not
    clamped.

    Args:
        gross: Gross direct impact of the intervention (GI).
        intervention: Leakage, displacement, substitution and multiplier of the intervention.
        reference_gross: Gross impact of the reference case (GI*).
        reference: The same factors for the reference case.

    Raises:
        TypeError: One amount is money and the other is not.
        CurrencyMismatchError: The two amounts are in different currencies.

    References:
        English Partnerships / Homes and Communities Agency, *Additionality Guide*, 3rd edition
        (2008).

    >>> chain = ImpactChain(leakage="0.1", displacement="0.2", substitution="0.05",
    ...                     multiplier="1.2")
    >>> additional_impact(Money("100000"), chain, Money("30000"), chain).amount
    Decimal('57456.00000')
    """
    if isinstance(gross, Money) is not isinstance(reference_gross, Money):
        raise TypeError(
            "gross and reference_gross must both be Money or both be Decimal, got "
            f"{type(gross).__name__} and {type(reference_gross).__name__}"
        )
    with calculation_context():
        return intervention.apply(gross) - reference.apply(reference_gross)
