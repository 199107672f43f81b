"""Procurement: whether social value is in scope, how bids are scored on it, and what follows.

A procurement officer

1. checks whether a contract is **in scope** for social value under the authority's policy
   (:func:`in_scope` with a :class:`SocialValuePolicy`; :data:`LCRCA_POLICY` ships the Liverpool
   City Region Combined Authority's: contracts *above* £20,000, weighted 10–20%);
2. defines an :class:`EvaluationScheme` — price, quality and social value weights in percent
   (adding up to 100), how price is scored (:class:`PriceMethod`), and how social value is scored
   (:class:`SocialValueMethod`): *monetised* (each bid's £ offer valued under a
   :class:`~socialvalue.Methodology` and scored relative to the best offer), *qualitative* (award
   criteria scored in configurable :class:`ScoreBand` s, with the PPN 002 rule that a response
   without a specific, measurable and time-bound commitment scores zero) or both, each part's
   share stated;
3. scores a set of :class:`Bid` s for a :class:`Tender` with :func:`evaluate`, which rejects bad
   bids with every reason (unknown measure, wrong unit, value outside the contract's term, area or
   invited measures, a line no proxy value answers for) instead of scoring them, ranks the rest,
   reports ties, explains every score, and says what the weighting implies: the price of a point
   and the social value weight at which the winner would change;
4. hands the awarded bid's offer to contract tracking with :func:`award` (contractual
   :class:`~socialvalue.Commitment` s), and publishes the criteria as an OCDS sustainability
   fragment with :func:`ocds_sustainability`.

Conventions (all stated again where they are used):

* Weights, shares and band scores are **percentages from 0 to 100**, as exact ``Decimal``
  (``"60"``, not ``"0.6"``); scores are points out of 100.
* Scores are computed exactly and rounded once, to the scheme's ``places``, for presentation;
  ranks and ties are decided on the rounded totals, so bids that look level are reported as tied
  rather than separated by an invisible fraction of a point.
* Nothing in this module reads or writes files.

References:
    Liverpool City Region Combined Authority, *Social Value Annual Report 2023*, "Commissioner:
    Progress" — "Social Value is part of decision-making processes for all contracts above
    £20,000", weighting "between 10% and 20%".
    Cabinet Office, *Procurement Policy Note 06/20* (2020): social value explicitly evaluated with
    a minimum 10% weighting of the total score.
    Cabinet Office, *Procurement Policy Note 002* (2025): minimum 10% weighting; a response must
    include a specific, measurable and time-bound commitment to score.
    Open Contracting Partnership, OCDS Sustainability extension
    (``open-contracting-extensions/ocds_sustainability_extension``): ``release-schema.json`` and
    the ``sustainabilityGoal`` / ``sustainabilityStrategy`` codelists.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TypeAlias, cast

import attrs

from socialvalue._decimal import calculation_context, to_decimal
from socialvalue.commitments import CONTRACTUAL, Commitment
from socialvalue.deliveries import Delivery
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.framework import Framework
from socialvalue.methodology import Methodology, MethodologyRef
from socialvalue.money import Money, RoundingMode
from socialvalue.periods import AnyPeriod, Period, parse_period
from socialvalue.provenance import Source
from socialvalue.proxies import NoProxyValueError
from socialvalue.units import Unit
from socialvalue.valuation import Valuation, ValuationError, value

__all__ = [
    "LCRCA_POLICY",
    "OCDS_CROSSWALK",
    "AwardCriterion",
    "Bid",
    "BidScore",
    "CriterionScore",
    "Evaluation",
    "EvaluationScheme",
    "LineValue",
    "OfferBasis",
    "OfferLine",
    "PriceMethod",
    "QualitativeResponse",
    "RejectedBid",
    "ScopeDecision",
    "ScoreBand",
    "SocialValueMethod",
    "SocialValuePolicy",
    "Tender",
    "Tie",
    "WeightSensitivity",
    "WinnerChange",
    "award",
    "evaluate",
    "in_scope",
    "ocds_sustainability",
]

#: The crosswalk scheme (:class:`~socialvalue.Crosswalk`) a measure uses to name its OCDS
#: sustainability goal code; :func:`ocds_sustainability` reads it for invited measures.
OCDS_CROSSWALK = "ocds-sustainability"

_HUNDRED = Decimal(100)
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]*$")
# An OCDS sustainability goal: a code, optionally followed by .subCode parts (open codelist).
_OCDS_GOAL = re.compile(r"^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$")


# --- small converters and validators -------------------------------------------------------------


def _not_blank(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name}: must not be empty")


def _id(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _ID.match(value):
        raise ValueError(
            f"{attribute.name}: {value!r} is not an id (letters, digits and . _ / -, starting "
            "with a letter or digit, e.g. 'LCR-2025-014')"
        )


def _weight(value: object) -> Decimal:
    return to_decimal(value, what="weight")


def _optional_weight(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what="weight")


def _share(value: object) -> Decimal | None:
    return None if value is None else to_decimal(value, what="monetised_share")


def _band_score(value: object) -> Decimal:
    return to_decimal(value, what="score")


def _quality(value: object) -> Decimal:
    return to_decimal(value, what="quality")


#: Shows a score rounded for presentation.
_Show: TypeAlias = Callable[[Decimal], str]


def _period(value: object) -> AnyPeriod:
    if isinstance(value, str):
        return parse_period(value)
    if isinstance(value, dt.datetime):
        raise TypeError("period: expected a period or a date, not a datetime")
    if isinstance(value, dt.date):
        return Period(value, value)
    return cast("AnyPeriod", value)


def _optional_period(value: object) -> AnyPeriod | None:
    return None if value is None else _period(value)


def _optional_date(value: object) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise TypeError(f"due: expected a date, got {type(value).__name__}")


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("expected a list of strings, got a single string")
    return tuple(cast("Iterable[str]", value))


def _optional_strings(value: object) -> tuple[str, ...] | None:
    return None if value is None else _strings(value)


def _percent_problem(where: str, number: Decimal) -> Problem | None:
    if not 0 <= number <= _HUNDRED:
        return Problem(where, f"{number} is not a percentage from 0 to 100")
    return None


def _shown(number: Decimal, places: int, rounding: RoundingMode = RoundingMode.HALF_UP) -> str:
    """A number rounded for presentation (the data keeps it exact)."""
    with calculation_context():
        return f"{number.quantize(Decimal(1).scaleb(-places), rounding=rounding.value):f}"


def _brief(number: Decimal, places: int = 4) -> str:
    """A per-unit figure, trailing zeros dropped; ``≈`` marks one that was shortened."""
    with calculation_context():
        shown = number.quantize(Decimal(1).scaleb(-places)).normalize()
    return f"{shown:f}" if shown == number else f"≈{shown:f}"


def _pct(number: Decimal) -> str:
    """A weight or share as written: ``60``, ``12.5``."""
    return f"{number.normalize():f}"


def _words(member: enum.Enum) -> str:
    """An enum member's value as words: ``lowest_price_ratio`` → ``lowest price ratio``."""
    return str(member.value).replace("_", " ")


def _money(amount: Money, places: int = 2) -> str:
    return f"{amount.quantize(places).amount:f} {amount.currency}"


# --- scope -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SocialValuePolicy:
    """An authority's rules for social value in procurement.

    Args:
        id: Short identifier, e.g. ``"lcrca"``.
        title: Human title.
        threshold: Contracts whose value is above this are in scope; ``None`` if the policy sets
            no threshold (every contract is then in scope).
        inclusive: Whether a contract worth exactly the threshold is in scope. ``False`` (the
            default) reads "contracts above £20,000" literally: £20,000.00 itself is out of scope.
        minimum_weight: The least social value weight, in percent of the whole evaluation, that
            a scheme under this policy may use (PPN 06/20 and PPN 002: 10).
        maximum_weight: The most, if the policy sets a range (LCRCA: 20); ``None`` if not.
        source: The document the policy is stated in.
        note: Anything a reader should know (e.g. whether the threshold includes VAT, which the
            LCRCA report does not say).

    >>> policy = SocialValuePolicy(id="council", title="Council policy",
    ...                            threshold=Money("50000"), minimum_weight="15")
    >>> policy.minimum_weight
    Decimal('15')
    """

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    threshold: Money | None = attrs.field(factory=lambda: Money("20000"))
    inclusive: bool = False
    minimum_weight: Decimal = attrs.field(
        default=Decimal(10),
        converter=_weight,
    )
    maximum_weight: Decimal | None = attrs.field(
        default=None,
        converter=_optional_weight,
    )
    source: Source | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        problems = [
            problem
            for problem in (
                _percent_problem("minimum_weight", self.minimum_weight),
                None
                if self.maximum_weight is None
                else _percent_problem("maximum_weight", self.maximum_weight),
            )
            if problem is not None
        ]
        if self.maximum_weight is not None and self.maximum_weight < self.minimum_weight:
            problems.append(
                Problem(
                    "maximum_weight",
                    f"{self.maximum_weight} is below the minimum weight {self.minimum_weight}",
                )
            )
        if self.threshold is not None and self.threshold.amount < 0:
            problems.append(Problem("threshold", f"{self.threshold} is negative"))
        if problems:
            raise ValidationError(problems, subject=f"policy {self.id!r}")

    def weight_range(self) -> str:
        """The weights the policy allows, as text: ``10–20%`` or ``at least 10%``."""
        if self.maximum_weight is None:
            return f"at least {_pct(self.minimum_weight)}%"
        return f"{_pct(self.minimum_weight)}–{_pct(self.maximum_weight)}%"


#: The Liverpool City Region Combined Authority's policy as its Social Value Annual Report 2023
#: states it: social value is part of the decision for all contracts *above* £20,000 (so the
#: threshold itself is out of scope), weighted between 10% and 20%. The report does not say
#: whether the £20,000 includes VAT.
LCRCA_POLICY = SocialValuePolicy(
    id="lcrca",
    title="LCRCA Social Value Policy and Framework (procurement)",
    threshold=Money("20000"),
    inclusive=False,
    minimum_weight=Decimal(10),
    maximum_weight=Decimal(20),
    source=Source(
        title="Social Value Annual Report 2023",
        publisher="Liverpool City Region Combined Authority",
        section="Commissioner: Progress",
    ),
    note=(
        '"Social Value is part of decision-making processes for all contracts above £20,000" '
        'and the weighting is "between 10% and 20%". Whether the threshold includes VAT is '
        "not stated."
    ),
)


@attrs.frozen(kw_only=True)
class ScopeDecision:
    """Whether a contract is in scope for social value, and why (true in a boolean context).

    Attributes:
        in_scope: The answer.
        contract_value: The value tested.
        policy: The policy applied.
        reason: The answer in words, with the figures compared.
    """

    in_scope: bool
    contract_value: Money
    policy: SocialValuePolicy
    reason: str

    def __bool__(self) -> bool:
        return self.in_scope


def in_scope(contract_value: Money, policy: SocialValuePolicy = LCRCA_POLICY) -> ScopeDecision:
    """Whether a contract of this value is in scope for social value under ``policy``.

    The threshold is compared with the value exactly; a policy's ``inclusive`` flag says whether
    a contract worth exactly the threshold is in. Under :data:`LCRCA_POLICY` ("all contracts
    above £20,000") it is not:

    >>> bool(in_scope(Money("20000.01"))), bool(in_scope(Money("20000")))
    (True, False)
    >>> print(in_scope(Money("20000")).reason)  # doctest: +ELLIPSIS
    out of scope: 20000.00 GBP is not above the threshold of 20000.00 GBP (LCRCA ...)

    Pass the contract value your policy means (for example the whole-life value, with or
    without VAT); the function does not guess.

    Raises:
        CurrencyMismatchError: the value and the threshold are in different currencies.
    """
    if not isinstance(contract_value, Money):
        raise TypeError(f"contract_value: expected Money, got {type(contract_value).__name__}")
    threshold = policy.threshold
    if threshold is None:
        return ScopeDecision(
            in_scope=True,
            contract_value=contract_value,
            policy=policy,
            reason=f"in scope: {policy.title} sets no threshold",
        )
    inside = contract_value >= threshold if policy.inclusive else contract_value > threshold
    relation = "at or above" if policy.inclusive else "above"
    verdict = "in scope" if inside else "out of scope"
    negation = "" if inside else "not "
    return ScopeDecision(
        in_scope=inside,
        contract_value=contract_value,
        policy=policy,
        reason=(
            f"{verdict}: {_money(contract_value)} is {negation}{relation} the threshold of "
            f"{_money(threshold)} ({policy.title})"
        ),
    )


# --- the scheme --------------------------------------------------------------------------------


class PriceMethod(enum.Enum):
    """How a bid's price is scored.

    ``w`` is the price weight, ``L`` the lowest price of the bids scored, ``p`` the bid's price.

    * ``LOWEST_PRICE_RATIO`` — ``w × L ÷ p``: the lowest price scores the full weight, a price
      twice the lowest scores half. The usual formula in UK public procurement.
    * ``RELATIVE_DIFFERENCE`` — ``w × (1 − (p − L) ÷ L)``, never below 0: every 1% above the
      lowest price loses 1% of the weight; a price twice the lowest or more scores nothing.

    Both depend only on prices relative to the lowest, so scaling every price by the same
    factor changes no score.
    """

    LOWEST_PRICE_RATIO = "lowest_price_ratio"
    RELATIVE_DIFFERENCE = "relative_difference"


class SocialValueMethod(enum.Enum):
    """How the social value part is scored.

    * ``MONETISED`` — each bid's offer (quantities of measures over the contract) is valued in £
      under the scheme's methodology; score = weight × offer ÷ best offer.
    * ``QUALITATIVE`` — evaluators place each response to each award criterion in a score band;
      a response without a specific, measurable and time-bound commitment scores zero (PPN 002).
    * ``COMBINED`` — both; ``monetised_share`` says what percentage of the social value weight
      the monetised part carries, the rest goes to the qualitative part.
    """

    MONETISED = "monetised"
    QUALITATIVE = "qualitative"
    COMBINED = "combined"


class OfferBasis(enum.Enum):
    """Which £ of an offer line's valuation counts as the offer (and the promised value).

    * ``GROSS`` — quantity × proxy value, before additionality (what TOMs-style £ offers usually
      quote);
    * ``NET`` — after the methodology's additionality assumptions (the default: it is what
      :func:`~socialvalue.track` compares a contractual commitment's promised £ with, so the £
      promised at bid and the £ delivered are measured alike);
    * ``PRESENT_VALUE`` — net, persisted and discounted as the methodology says.
    """

    GROSS = "gross"
    NET = "net"
    PRESENT_VALUE = "present_value"


_BASIS_WORDS = {
    OfferBasis.GROSS: "gross £",
    OfferBasis.NET: "net £",
    OfferBasis.PRESENT_VALUE: "present value",
}


@attrs.frozen(kw_only=True)
class ScoreBand:
    """A band of a qualitative scale: the label evaluators award and the marks it earns.

    Score bands are configuration, not constants: PPN 06/20 and PPN 002 describe qualitative
    scoring, but no official scale is encoded here.

    Args:
        label: What evaluators award, e.g. ``"Good"``.
        score: The share of the criterion's marks the band earns, in percent (0–100).
        description: What a response must show to earn the band.

    >>> ScoreBand(label="Good", score="70").score
    Decimal('70')
    """

    label: str = attrs.field(validator=_not_blank)
    score: Decimal = attrs.field(converter=_band_score)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        problem = _percent_problem("score", self.score)
        if problem is not None:
            raise ValueError(str(problem))


@attrs.frozen(kw_only=True)
class AwardCriterion:
    """A qualitative social value award criterion.

    Args:
        id: Short id, e.g. ``"1a"`` (used in commitment ids after award).
        title: The criterion, e.g. "Create and retain high-quality jobs".
        weight: Its share of the qualitative part, in percent; a scheme's criteria add up to 100.
        requires_commitment: Apply the PPN 002 rule: a response without a specific, measurable
            and time-bound commitment scores zero, whatever band it was placed in.
        ocds_goal: The OCDS sustainability goal code to publish the criterion under (an open
            codelist, e.g. ``"social"`` or ``"economic.localEconomyPromotion"``); ``None`` to
            publish it without a goal.
        description: What bidders are asked for.
    """

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_not_blank)
    weight: Decimal = attrs.field(converter=_weight)
    requires_commitment: bool = True
    ocds_goal: str | None = None
    description: str = ""

    def __attrs_post_init__(self) -> None:
        problem = _percent_problem("weight", self.weight)
        if problem is not None:
            raise ValueError(str(problem))
        if self.ocds_goal is not None and not _OCDS_GOAL.match(self.ocds_goal):
            raise ValueError(
                f"ocds_goal: {self.ocds_goal!r} is not an OCDS sustainability goal code such as "
                "'social' or 'environmental.carbonEmissionsReduction'"
            )


def _duplicates(where: str, field: str, kind: str, values: Sequence[str]) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for i, item in enumerate(values):
        if item in first:
            problems.append(
                Problem(
                    f"{where}[{i}].{field}",
                    f"duplicate {kind} {item!r} (first at {where}[{first[item]}])",
                )
            )
        first.setdefault(item, i)
    return problems


def _bands(value: Iterable[ScoreBand]) -> tuple[ScoreBand, ...]:
    return tuple(value)


def _criteria(value: Iterable[AwardCriterion]) -> tuple[AwardCriterion, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class EvaluationScheme:
    """How bids are scored: the weights, the price formula and the social value method.

    Args:
        id: Short identifier.
        title: Human title.
        price_weight: Percent of the evaluation given to price.
        quality_weight: Percent given to quality.
        social_value_weight: Percent given to social value. The three add up to exactly 100;
            the social value weight must lie in the policy's range, if a policy is named.
        social_value_method: :class:`SocialValueMethod`.
        monetised_share: For ``COMBINED``, the percentage of the social value weight the
            monetised part carries (the qualitative part carries the rest). Leave it unset for
            the other methods (it is then 100 or 0).
        price_method: :class:`PriceMethod`; the lowest-price ratio unless said otherwise.
        quality_max: The top of the scale quality scores are given on (default 100); a bid's
            quality part is ``quality_weight × quality ÷ quality_max``.
        methodology: Values monetised offers; required when there is a monetised part.
        offer_basis: Which £ of each line's valuation counts (:class:`OfferBasis`).
        measures: The measures bidders are invited to offer; an offer in any other is outside
            the contract's scope. ``None``: any measure of the methodology's framework.
        bands: The qualitative scale, e.g. 100/70/40/10/0 (configuration; required when there
            is a qualitative part).
        criteria: The qualitative award criteria (required when there is a qualitative part).
        policy: The policy the weights are checked against.
        contractual: Whether the winning offer is written into the contract as performance
            conditions (what :func:`award` produces); published in the OCDS fragment.
        places: Decimal places scores are shown to; ranks and ties use totals rounded to them.
        rounding: How scores are rounded for presentation.

    Raises:
        ValidationError: listing every problem.
    """

    id: str = attrs.field(validator=_not_blank)
    title: str = attrs.field(validator=_not_blank)
    price_weight: Decimal = attrs.field(converter=_weight)
    quality_weight: Decimal = attrs.field(converter=_weight)
    social_value_weight: Decimal = attrs.field(converter=_weight)
    social_value_method: SocialValueMethod = attrs.field(converter=SocialValueMethod)
    monetised_share: Decimal | None = attrs.field(
        default=None,
        converter=_share,
    )
    price_method: PriceMethod = attrs.field(
        default=PriceMethod.LOWEST_PRICE_RATIO, converter=PriceMethod
    )
    quality_max: Decimal = attrs.field(
        default=_HUNDRED,
        converter=_quality,
    )
    methodology: Methodology | None = None
    offer_basis: OfferBasis = attrs.field(default=OfferBasis.NET, converter=OfferBasis)
    measures: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_strings)
    bands: tuple[ScoreBand, ...] = attrs.field(default=(), converter=_bands)
    criteria: tuple[AwardCriterion, ...] = attrs.field(default=(), converter=_criteria)
    policy: SocialValuePolicy | None = None
    contractual: bool = True
    places: int = 2
    rounding: RoundingMode = attrs.field(default=RoundingMode.HALF_UP, converter=RoundingMode)

    def __attrs_post_init__(self) -> None:
        problems = self._check_weights()
        problems.extend(self._check_monetised())
        problems.extend(self._check_qualitative())
        if isinstance(self.places, bool) or not 0 <= self.places <= 6:
            problems.append(Problem("places", f"{self.places!r} is outside 0..6"))
        if problems:
            raise ValidationError(problems, subject=f"evaluation scheme {self.id!r}")

    def _check_weights(self) -> list[Problem]:
        weights = {
            "price_weight": self.price_weight,
            "quality_weight": self.quality_weight,
            "social_value_weight": self.social_value_weight,
        }
        problems = [
            problem
            for name, number in weights.items()
            if (problem := _percent_problem(name, number)) is not None
        ]
        with calculation_context():
            total = sum(weights.values(), start=Decimal(0))
        if total != _HUNDRED:
            hint = "; give percentages such as 60, 30 and 10, not fractions" if total == 1 else ""
            problems.append(
                Problem(
                    "weights",
                    f"must add up to 100 (percent): {_pct(self.price_weight)} + "
                    f"{_pct(self.quality_weight)} + {_pct(self.social_value_weight)} = "
                    f"{_pct(total)}{hint}",
                )
            )
        policy = self.policy
        if policy is not None:
            weight = self.social_value_weight
            low, high = policy.minimum_weight, policy.maximum_weight
            if weight < low or (high is not None and weight > high):
                problems.append(
                    Problem(
                        "social_value_weight",
                        f"{_pct(weight)}% is outside {policy.title}'s range "
                        f"({policy.weight_range()})",
                    )
                )
        if self.quality_max <= 0:
            problems.append(Problem("quality_max", f"{self.quality_max} must be more than zero"))
        return problems

    def _check_monetised(self) -> list[Problem]:
        problems = self._check_share()
        if not self.has_monetised_part:
            return problems
        if self.methodology is None:
            problems.append(
                Problem("methodology", "a monetised part needs a methodology to value offers")
            )
        elif self.measures is not None:
            framework = self.methodology.framework
            for i, code in enumerate(self.measures):
                if code not in framework:
                    error = UnknownCodeError("measure", code, list(framework.measure_codes()))
                    problems.append(Problem(f"measures[{i}]", error.message))
            if not self.measures:
                problems.append(Problem("measures", "invites no measures; use None for any"))
        return problems

    def _check_share(self) -> list[Problem]:
        problems: list[Problem] = []
        method, share = self.social_value_method, self.monetised_share
        if method is SocialValueMethod.COMBINED:
            if share is None:
                problems.append(
                    Problem(
                        "monetised_share",
                        "a combined scheme states the monetised part's share of the social "
                        "value weight (percent; the qualitative part has the rest)",
                    )
                )
            elif not 0 < share < _HUNDRED:
                problems.append(
                    Problem(
                        "monetised_share",
                        f"{share} is not between 0 and 100 (exclusive): a combined scheme gives "
                        "each part a share; use the monetised or qualitative method instead",
                    )
                )
        elif share is not None:
            problems.append(
                Problem(
                    "monetised_share",
                    f"only a combined scheme has a monetised share (this one is {method.value})",
                )
            )
        return problems

    def _check_qualitative(self) -> list[Problem]:
        if not self.has_qualitative_part:
            if self.criteria:
                return [Problem("criteria", "a monetised scheme has no qualitative award criteria")]
            return []
        problems: list[Problem] = []
        if not self.criteria:
            problems.append(Problem("criteria", "a qualitative part needs award criteria"))
        if not self.bands:
            problems.append(
                Problem("bands", "a qualitative part needs score bands (e.g. 100/70/40/10/0)")
            )
        problems.extend(_duplicates("bands", "label", "band", [b.label for b in self.bands]))
        problems.extend(_duplicates("criteria", "id", "criterion", [c.id for c in self.criteria]))
        if self.criteria:
            with calculation_context():
                total = sum((c.weight for c in self.criteria), start=Decimal(0))
            if total != _HUNDRED:
                problems.append(
                    Problem(
                        "criteria",
                        f"the criteria's weights must add up to 100 (percent of the qualitative "
                        f"part), not {_pct(total)}",
                    )
                )
        return problems

    @property
    def monetised_fraction(self) -> Decimal:
        """The monetised part's share of the social value weight, as a fraction (0–1)."""
        if self.social_value_method is SocialValueMethod.MONETISED:
            return Decimal(1)
        if self.social_value_method is SocialValueMethod.QUALITATIVE:
            return Decimal(0)
        share = self.monetised_share if self.monetised_share is not None else Decimal(0)
        with calculation_context():
            return share / _HUNDRED

    @property
    def monetised_weight(self) -> Decimal:
        """Points the monetised part can earn (its share of the social value weight)."""
        with calculation_context():
            return self.social_value_weight * self.monetised_fraction

    @property
    def qualitative_weight(self) -> Decimal:
        """Points the qualitative part can earn (the rest of the social value weight)."""
        with calculation_context():
            return self.social_value_weight - self.monetised_weight

    @property
    def has_monetised_part(self) -> bool:
        """Whether £ offers are scored."""
        return self.social_value_method is SocialValueMethod.MONETISED or (
            self.social_value_method is SocialValueMethod.COMBINED and self.monetised_fraction > 0
        )

    @property
    def has_qualitative_part(self) -> bool:
        """Whether qualitative responses are scored."""
        return self.social_value_method is SocialValueMethod.QUALITATIVE or (
            self.social_value_method is SocialValueMethod.COMBINED and self.monetised_fraction < 1
        )

    def criterion(self, criterion_id: str) -> AwardCriterion:
        """The award criterion with this id."""
        for criterion in self.criteria:
            if criterion.id == criterion_id:
                return criterion
        raise UnknownCodeError("award criterion", criterion_id, [c.id for c in self.criteria])

    def band(self, label: str) -> ScoreBand:
        """The score band with this label."""
        for band in self.bands:
            if band.label == label:
                return band
        raise UnknownCodeError("score band", label, [b.label for b in self.bands])

    def describe(self) -> str:
        """The weights and methods in a line."""
        parts = [
            f"price {_pct(self.price_weight)}% ({_words(self.price_method)})",
            f"quality {_pct(self.quality_weight)}% (score ÷ {_pct(self.quality_max)})",
            f"social value {_pct(self.social_value_weight)}% ({self._sv_text()})",
        ]
        return f"{self.title}: " + ", ".join(parts)

    def _sv_text(self) -> str:
        if self.social_value_method is SocialValueMethod.COMBINED:
            share = self.monetised_share if self.monetised_share is not None else Decimal(0)
            return (
                f"combined: monetised {_pct(share)}%, qualitative {_pct(_HUNDRED - share)}% of "
                "the social value weight"
            )
        return str(self.social_value_method.value)


@attrs.frozen(kw_only=True)
class Tender:
    """A contract being procured: what the social value offered must be delivered under.

    Args:
        id: The contract reference (letters, digits, ``. _ / -``); commitments after award are
            ``{id}/SV-1``, ``{id}/Q-1a`` ….
        title: What is bought.
        value: The estimated contract value (tested against the policy's threshold).
        term: The contract term: offer lines must fall within it.
        geography: The contract's area: offer lines must be delivered in it (or in an area the
            methodology's registries place within it).
        scheme: How bids are scored.
        buyer: The contracting authority.
    """

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_not_blank)
    value: Money
    term: AnyPeriod = attrs.field(converter=_period)
    geography: str = attrs.field(default="UK", validator=_not_blank)
    scheme: EvaluationScheme
    buyer: str = ""

    def scope(self) -> ScopeDecision | None:
        """Whether the contract is in scope under the scheme's policy (``None``: no policy)."""
        policy = self.scheme.policy
        return None if policy is None else in_scope(self.value, policy)


# --- bids --------------------------------------------------------------------------------------


def _positive_quantity(value: object) -> Decimal:
    return to_decimal(value, what="quantity")


@attrs.frozen(kw_only=True)
class OfferLine:
    """One line of a bid's social value offer: a quantity of a measure, over the contract.

    Args:
        measure: The measure offered, e.g. ``"LCR-EMP-1"``.
        quantity: How much, in the measure's unit (more than zero).
        unit: The unit the bid states, if any; it must be the measure's (never converted).
        period: When it will be delivered; the contract term if not given. It must lie within
            the term.
        geography: Where; the contract's area if not given. It must lie within that area.
        note: How the bidder will deliver it.
    """

    measure: str = attrs.field(validator=_not_blank)
    quantity: Decimal = attrs.field(converter=_positive_quantity)
    unit: str | None = None
    period: AnyPeriod | None = attrs.field(default=None, converter=_optional_period)
    geography: str | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError(f"quantity: {self.quantity} must be more than zero")


@attrs.frozen(kw_only=True)
class QualitativeResponse:
    """A bid's response to one qualitative award criterion, as the evaluators marked it.

    Args:
        criterion: Id of the award criterion.
        band: Label of the score band the evaluators placed it in.
        commitment: The commitment the response makes, in the bidder's words.
        specific: Whether the evaluators judged the commitment specific,
        measurable: measurable,
        time_bound: and time-bound (PPN 002: all three, or the response scores zero).
        due: When the commitment is to be met, if the response says (within the contract term).
        note: The evaluators' moderation note.
    """

    criterion: str = attrs.field(validator=_not_blank)
    band: str = attrs.field(validator=_not_blank)
    commitment: str = ""
    specific: bool = False
    measurable: bool = False
    time_bound: bool = False
    due: dt.date | None = attrs.field(default=None, converter=_optional_date)
    note: str = ""

    def missing(self) -> tuple[str, ...]:
        """What the commitment lacks of specific, measurable and time-bound (PPN 002)."""
        if not self.commitment.strip():
            return ("a commitment",)
        flags = {"specific": self.specific, "measurable": self.measurable}
        flags["time-bound"] = self.time_bound
        return tuple(name for name, present in flags.items() if not present)


def _offer(value: Iterable[OfferLine]) -> tuple[OfferLine, ...]:
    return tuple(value)


def _responses(value: Iterable[QualitativeResponse]) -> tuple[QualitativeResponse, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Bid:
    """A bid: price, quality score, social value offer and qualitative responses.

    Args:
        bidder: Who bids (one bid per bidder in an evaluation).
        price: The price, more than zero.
        quality: The quality score the evaluators gave, on the scheme's scale (0 to
            ``quality_max``).
        offer: The social value offer, line by line (monetised schemes).
        responses: Responses to the qualitative award criteria (qualitative schemes).
        id: The bid's reference, if any (named in commitments after award).
        note: Anything a reader should know.
    """

    bidder: str = attrs.field(validator=_not_blank)
    price: Money
    quality: Decimal = attrs.field(
        default=Decimal(0),
        converter=_quality,
    )
    offer: tuple[OfferLine, ...] = attrs.field(default=(), converter=_offer)
    responses: tuple[QualitativeResponse, ...] = attrs.field(default=(), converter=_responses)
    id: str = ""
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.price, Money):
            raise TypeError(f"price: expected Money, got {type(self.price).__name__}")
        if self.price.amount <= 0:
            raise ValueError(f"price: {self.price} must be more than zero")
        if self.quality < 0:
            raise ValueError(f"quality: {self.quality} is negative")


# --- results -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class LineValue:
    """An offer line and its valuation.

    Attributes:
        index: Position of the line in the bid's offer.
        line: The line.
        unit: The measure's unit (what the quantity is counted in).
        valuation: Its valuation under the scheme's methodology (with the proxy and its source).
        amount: The £ that counts (the scheme's :class:`OfferBasis`); ``None`` for a record-only
            measure, which is counted but never monetised and adds nothing to the score.
    """

    index: int
    line: OfferLine
    unit: Unit
    valuation: Valuation
    amount: Money | None

    def describe(self, places: int = 2) -> str:
        """The line, its £ and where the proxy value came from (two lines of text)."""
        delivery = self.valuation.delivery
        head = (
            f"offer[{self.index}] {delivery.measure}: {delivery.quantity} {self.unit.label} over "
            f"{delivery.period.label}, {delivery.geography}"
        )
        if self.amount is None:
            return f"{head} → record-only: counted, no £, not in the monetised score"
        unit_value = self.valuation.unit
        if unit_value.lookup is not None:
            origin = f"proxy {unit_value.lookup.describe()}"
        else:
            origin = next((s.text for s in unit_value.steps if s.name == "financial"), "")
        with calculation_context():
            per_unit = self.amount.amount / delivery.quantity
        return (
            f"{head} → {_money(self.amount, places)} ({_brief(per_unit)} "
            f"{self.amount.currency} per {self.unit.label} after the methodology's steps)"
            f"\n    {origin}"
        )


@attrs.frozen(kw_only=True)
class CriterionScore:
    """How a bid's response to one award criterion scored.

    Attributes:
        criterion: The criterion.
        response: The response, or ``None`` if the bid gave none (it then scores zero).
        band_score: The share of the criterion's marks earned, in percent, after the PPN 002
            rule.
        points: Points added to the total: qualitative weight × criterion weight × band score.
        reason: Why, in words.
    """

    criterion: AwardCriterion
    response: QualitativeResponse | None
    band_score: Decimal
    points: Decimal
    reason: str


@attrs.frozen(kw_only=True)
class BidScore:
    """A bid's score, part by part, with its rank and what the weighting implies for it.

    All scores are exact points out of 100; :meth:`explain` shows them rounded.

    Attributes:
        bidder: Who bid.
        bid: The bid.
        index: Position of the bid in the list evaluated.
        rank: 1 for the highest rounded total; bids with equal rounded totals share a rank.
        tied: Whether another bid has the same rounded total.
        price_score: ``price_weight`` × the price formula (see :class:`PriceMethod`).
        quality_score: ``quality_weight × quality ÷ quality_max``.
        monetised_score: ``monetised_weight × offer ÷ best offer`` (0 if no bid offers any £).
        qualitative_score: Sum of the criteria's points.
        total: The sum of the four.
        lines: The offer lines, valued.
        criteria: The qualitative criteria, scored.
        offer_value: The £ of the offer that counts (``None`` without a monetised part).
        offer_share: The offer as a percentage of the bid's price (the contract value were it
            awarded this bid) — the alternative "social value as % of contract value".
        price_per_point: The price rise that would cost this bid exactly one point of price
            score, holding the lowest price where it is: what one more point of social value
            (or quality) is worth in £ of price under this scheme. ``None`` when price is not
            weighted or the bid has no whole point of price score to lose.
        offer_per_point: The £ of social value offer one point of the monetised part stands
            for (best offer ÷ monetised weight), the same for every bid.
        lowest_price: The lowest price of the bids scored.
        best_offer: The best offer of the bids scored.
        scheme: The scheme.
        of: How many bids were scored.
    """

    bidder: str
    bid: Bid
    index: int
    rank: int
    tied: bool
    price_score: Decimal
    quality_score: Decimal
    monetised_score: Decimal
    qualitative_score: Decimal
    total: Decimal
    lines: tuple[LineValue, ...]
    criteria: tuple[CriterionScore, ...]
    offer_value: Money | None
    offer_share: Decimal | None
    price_per_point: Money | None
    offer_per_point: Money | None
    lowest_price: Money
    best_offer: Money | None
    scheme: EvaluationScheme = attrs.field(repr=False)
    of: int = 1

    @property
    def social_value_score(self) -> Decimal:
        """Monetised plus qualitative points."""
        with calculation_context():
            return self.monetised_score + self.qualitative_score

    @property
    def price_per_social_value_pound(self) -> Decimal | None:
        """£ of price the scheme trades for £1 more social value offered, at this bid's price.

        ``price_per_point ÷ offer_per_point``: a bid that offers £1 more social value may price
        this much higher and keep the same total (holding the lowest price and the best offer
        where they are). This is the price the weighting puts on social value.
        """
        if self.price_per_point is None or self.offer_per_point is None:
            return None
        ratio = self.price_per_point / self.offer_per_point
        return cast("Decimal", ratio)

    def rounded_total(self) -> Decimal:
        """The total as ranked: rounded to the scheme's places."""
        scheme = self.scheme
        with calculation_context():
            return self.total.quantize(
                Decimal(1).scaleb(-scheme.places), rounding=scheme.rounding.value
            )

    def explain(self, *, places: int | None = None) -> str:
        """Why the bid got its score, part by part.

        Each part's working; each offer line with its £, proxy value and source; each
        criterion's band; the total and rank; and what a point costs in price.
        """
        scheme = self.scheme
        digits = scheme.places if places is None else places

        def show(number: Decimal) -> str:
            return _shown(number, digits, scheme.rounding)

        tie = " (tied)" if self.tied else ""
        lines = [
            f"{self.bidder}: rank {self.rank}{tie} of {self.of}, total {show(self.total)} of 100",
            f"  price {self._price_text(show)}",
            (
                f"  quality: {_pct(scheme.quality_weight)} × {self.bid.quality} ÷ "
                f"{_pct(scheme.quality_max)} = {show(self.quality_score)}"
            ),
            (
                f"  social value ({_pct(scheme.social_value_weight)}%): "
                f"{show(self.social_value_score)}"
            ),
        ]
        if scheme.has_monetised_part:
            lines.extend(self._monetised_text(show))
        if scheme.has_qualitative_part:
            lines.extend(self._qualitative_text(show))
        lines.append(
            f"  total: {show(self.price_score)} + {show(self.quality_score)} + "
            f"{show(self.social_value_score)} = {show(self.total)} (computed unrounded; "
            f"shown to {digits} places)"
        )
        lines.extend(self._implied_text())
        return "\n".join(lines)

    def _price_text(self, show: _Show) -> str:
        scheme, bid_price, lowest = self.scheme, self.bid.price, self.lowest_price
        weight = _pct(scheme.price_weight)
        if scheme.price_method is PriceMethod.LOWEST_PRICE_RATIO:
            formula = f"{weight} × {_money(lowest)} ÷ {_money(bid_price)}"
        else:
            formula = (
                f"{weight} × (1 − ({_money(bid_price)} − {_money(lowest)}) ÷ {_money(lowest)}), "
                "not below 0"
            )
        return f"({_words(scheme.price_method)}): {formula} = {show(self.price_score)}"

    def _monetised_text(self, show: _Show) -> list[str]:
        scheme = self.scheme
        best = self.best_offer
        offer = self.offer_value
        head = (
            f"    monetised ({_pct(scheme.monetised_fraction * _HUNDRED)}% of the social value "
            f"weight = {_pct(scheme.monetised_weight)} points; {_BASIS_WORDS[scheme.offer_basis]}"
            f" under {self._methodology()}):"
        )
        if offer is None or best is None or best.is_zero():
            body = "no bid offers any £: every bid scores 0 on this part"
        else:
            body = (
                f"{_pct(scheme.monetised_weight)} × {_money(offer)} ÷ best offer "
                f"{_money(best)} = {show(self.monetised_score)}"
            )
        lines = [head, f"      {body}"]
        lines.extend("      " + line.describe().replace("\n", "\n      ") for line in self.lines)
        if self.offer_share is not None:
            lines.append(
                f"      social value offered = {_shown(self.offer_share, 2)}% of the bid price "
                "(reported alongside; not what is scored)"
            )
        return lines

    def _qualitative_text(self, show: _Show) -> list[str]:
        scheme = self.scheme
        share = _pct((1 - scheme.monetised_fraction) * _HUNDRED)
        lines = [
            (
                f"    qualitative ({share}% of the social value weight = "
                f"{_pct(scheme.qualitative_weight)} points): {show(self.qualitative_score)}"
            )
        ]
        lines.extend(
            f"      {score.criterion.id} {score.criterion.title} "
            f"({_pct(score.criterion.weight)}%): {score.reason} → {show(score.points)}"
            for score in self.criteria
        )
        return lines

    def _implied_text(self) -> list[str]:
        if self.price_per_point is None:
            return ["  price of a point: none (price is not weighted, or no point left to lose)"]
        lines = [
            (
                f"  price of a point: pricing {_money(self.price_per_point)} higher would cost "
                f"exactly one point of price score (lowest price held at "
                f"{_money(self.lowest_price)})"
            )
        ]
        pounds = self.price_per_social_value_pound
        if self.offer_per_point is not None and pounds is not None:
            lines.append(
                f"  one point of monetised social value = {_money(self.offer_per_point)} of offer, "
                f"so each £1 of social value offered is worth {_shown(pounds, 4)} "
                f"{self.bid.price.currency} of price to this evaluation"
            )
        return lines

    def _methodology(self) -> str:
        methodology = self.scheme.methodology
        return "no methodology" if methodology is None else str(methodology.ref)


@attrs.frozen(kw_only=True)
class RejectedBid:
    """A bid that was not scored, and every reason why."""

    bidder: str
    bid: Bid
    index: int
    problems: tuple[Problem, ...]

    def explain(self) -> str:
        """The reasons, one a line."""
        reasons = "\n".join(f"  - {problem}" for problem in self.problems)
        return f"{self.bidder}: rejected, not scored:\n{reasons}"


@attrs.frozen(kw_only=True)
class Tie:
    """Bids whose totals are equal at the scheme's presentation precision."""

    rank: int
    bidders: tuple[str, ...]
    total: Decimal


@attrs.frozen(kw_only=True)
class WinnerChange:
    """A social value weight at which another bid draws level with the winner.

    Attributes:
        social_value_weight: The weight, in percent (exact: a crossing of straight lines).
        price_weight: The price weight at that point (price and quality keep their proportion).
        quality_weight: The quality weight at that point.
        bidders: Who draws level there (and leads beyond it).
    """

    social_value_weight: Decimal
    price_weight: Decimal
    quality_weight: Decimal
    bidders: tuple[str, ...]


@attrs.frozen(kw_only=True)
class WeightSensitivity:
    """How far the social value weight can move before the winner changes.

    Found exactly, not by searching: with the lowest price, the best offer and every bid's
    answers fixed, each bid's total is a straight line in the social value weight ``w`` when
    price and quality share the rest in their current proportion —
    ``(100 − w) × a + w × s``, with ``a`` the bid's price-and-quality score per point of their
    combined weight and ``s`` its social value score per point of social value weight — so
    the weight at which a bid draws level with the winner is where two lines cross.

    Attributes:
        winner: The current winner.
        current: The scheme's social value weight.
        lower: The nearest weight below the current one at which another bid draws level
            (below it, that bid leads), or ``None`` if the winner stays ahead down to 0%.
        upper: The nearest weight above, or ``None`` if the winner stays ahead up to 100%.
        policy: The policy, if the scheme names one (its range is shown beside the figures).
    """

    winner: str
    current: Decimal
    lower: WinnerChange | None
    upper: WinnerChange | None
    policy: SocialValuePolicy | None = None

    def explain(self, *, places: int = 2) -> str:
        """The result in words."""
        lines = [
            (
                f"social value weight: {_pct(self.current)}% (price and quality keep their "
                "proportion as it moves)"
            )
        ]
        for label, change in (("below", self.lower), ("above", self.upper)):
            if change is None:
                edge = "0" if label == "below" else "100"
                lines.append(f"  {label}: {self.winner} stays ahead all the way to {edge}%")
                continue
            outside = ""
            policy = self.policy
            if policy is not None and (
                change.social_value_weight < policy.minimum_weight
                or (
                    policy.maximum_weight is not None
                    and change.social_value_weight > policy.maximum_weight
                )
            ):
                outside = f" — outside the policy's range ({policy.weight_range()})"
            lines.append(
                f"  {label}: at {_shown(change.social_value_weight, places)}% "
                f"(price {_shown(change.price_weight, places)}%, quality "
                f"{_shown(change.quality_weight, places)}%) {' and '.join(change.bidders)} "
                f"draws level with {self.winner}, and leads {label} it{outside}"
            )
        return "\n".join(lines)


@attrs.frozen(kw_only=True)
class Evaluation:
    """The result of :func:`evaluate`: ranked scores, ties, rejected bids and what it implies.

    Attributes:
        tender: The tender.
        scores: The scored bids, best first (ties in bidder order).
        rejected: Bids not scored, with every reason.
        ties: Groups of bids with equal rounded totals.
        winner: The single best bid, or ``None`` if first place is tied (the scheme never
            breaks a tie itself) or nothing was scored.
        scope: Whether the contract is in scope under the scheme's policy.
        sensitivity: How far the social value weight can move before the winner changes.
        lowest_price: The lowest price of the bids scored.
        best_offer: The best monetised offer (``None`` without a monetised part).
        methodology: The methodology offers were valued under.
    """

    tender: Tender
    scores: tuple[BidScore, ...]
    rejected: tuple[RejectedBid, ...]
    ties: tuple[Tie, ...]
    winner: BidScore | None
    scope: ScopeDecision | None
    sensitivity: WeightSensitivity | None
    lowest_price: Money | None
    best_offer: Money | None
    methodology: MethodologyRef | None

    def score(self, bidder: str) -> BidScore:
        """The score of one bidder."""
        for score in self.scores:
            if score.bidder == bidder:
                return score
        raise UnknownCodeError("scored bidder", bidder, [s.bidder for s in self.scores])

    def ranking(self) -> tuple[tuple[int, str, Decimal], ...]:
        """(rank, bidder, rounded total), best first."""
        return tuple((s.rank, s.bidder, s.rounded_total()) for s in self.scores)

    def explain(self, *, places: int | None = None) -> str:
        """The whole evaluation, in words.

        The scheme, scope, ranking, ties, what the weighting implies, each bid's working and
        every rejected bid's reasons.
        """
        scheme = self.tender.scheme
        digits = scheme.places if places is None else places
        lines = [f"{self.tender.id} {self.tender.title}", f"scheme: {scheme.describe()}"]
        if self.scope is not None:
            lines.append(f"scope: {self.scope.reason}")
        if self.methodology is not None:
            lines.append(f"methodology: {self.methodology}")
        lines.append("ranking:")
        width = max((len(s.bidder) for s in self.scores), default=0)
        lines.extend(
            f"  {score.rank}. {score.bidder:<{width}}  "
            f"{_shown(score.total, digits, scheme.rounding)}{'  (tied)' if score.tied else ''}"
            for score in self.scores
        )
        lines.extend(
            f"tie at rank {tie.rank}: {', '.join(tie.bidders)} all score "
            f"{_shown(tie.total, digits)}; the scheme does not break ties — apply your tie-break"
            " rule and award by name"
            for tie in self.ties
        )
        if self.winner is not None:
            lines.append(f"winner: {self.winner.bidder}")
        if self.sensitivity is not None:
            lines.append(self.sensitivity.explain(places=digits))
        lines.extend(f"\n{score.explain(places=places)}" for score in self.scores)
        lines.extend(f"\n{rejected.explain()}" for rejected in self.rejected)
        return "\n".join(lines)


# --- evaluation --------------------------------------------------------------------------------


@attrs.define
class _Checked:
    """A bid that passed the checks, with its valued lines (private to :func:`evaluate`)."""

    index: int
    bid: Bid
    lines: tuple[LineValue, ...]
    offer_value: Money | None


def _basis_amount(valuation: Valuation, basis: OfferBasis) -> Money | None:
    if basis is OfferBasis.GROSS:
        return valuation.gross
    if basis is OfferBasis.NET:
        return valuation.net
    return valuation.present_value


def _line_problems(
    tender: Tender, line: OfferLine, framework: Framework, methodology: Methodology
) -> list[tuple[str, str]]:
    """Structural problems of an offer line, each as (field, message)."""
    problems: list[tuple[str, str]] = []
    if line.measure not in framework:
        error = UnknownCodeError("measure", line.measure, list(framework.measure_codes()))
        return [("measure", error.message)]
    expected = framework.measure(line.measure).unit
    if line.unit is not None and line.unit != expected:
        problems.append(
            (
                "unit",
                (
                    f"{line.measure} is counted in {expected!r}, not {line.unit!r}; quantities "
                    "are never converted between units"
                ),
            )
        )
    invited = tender.scheme.measures
    if invited is not None and line.measure not in invited:
        problems.append(
            (
                "measure",
                (
                    f"{line.measure} is not one of the measures this tender invites offers on "
                    f"({', '.join(invited)}): outside the contract's scope"
                ),
            )
        )
    period = line.period if line.period is not None else tender.term
    if not tender.term.contains(period):
        problems.append(
            (
                "period",
                (
                    f"{period.label} is outside the contract term {tender.term.label}: only value "
                    "delivered under the contract counts"
                ),
            )
        )
    geography = line.geography if line.geography is not None else tender.geography
    if tender.geography not in methodology.registry.geography_chain(geography):
        problems.append(
            (
                "geography",
                (
                    f"{geography!r} is outside the contract's area {tender.geography!r} (the "
                    "methodology's registries place it in "
                    f"{' → '.join(methodology.registry.geography_chain(geography))}): only value "
                    "delivered under the contract counts"
                ),
            )
        )
    return problems


def _value_line(
    tender: Tender, bid: Bid, i: int, line: OfferLine, methodology: Methodology
) -> LineValue | Problem:
    delivery = Delivery(
        measure=line.measure,
        quantity=line.quantity,
        period=line.period if line.period is not None else tender.term,
        unit=line.unit,
        reporter=bid.bidder,
        contract=tender.id,
        geography=line.geography if line.geography is not None else tender.geography,
        note=f"offered in the bid by {bid.bidder}",
    )
    try:
        valuation = value(delivery, methodology)
    except (NoProxyValueError, ValuationError) as error:
        return Problem(
            f"offer[{i}]", f"cannot be valued, so it is not scored as £0 either: {error}"
        )
    amount = _basis_amount(valuation, tender.scheme.offer_basis)
    if amount is not None and amount.currency != tender.value.currency:
        return Problem(
            f"offer[{i}]",
            f"is valued in {amount.currency}, but the tender is in {tender.value.currency}",
        )
    unit = methodology.framework.unit_of(line.measure)
    return LineValue(index=i, line=line, unit=unit, valuation=valuation, amount=amount)


def _offer_problems(tender: Tender, bid: Bid) -> tuple[list[Problem], list[LineValue]]:
    scheme = tender.scheme
    if not bid.offer:
        return [], []
    if not scheme.has_monetised_part or scheme.methodology is None:
        return [
            Problem(
                "offer",
                "this scheme scores social value qualitatively: £ offers are not scored; state "
                "them as commitments in the responses",
            )
        ], []
    methodology = scheme.methodology
    framework = methodology.framework
    problems: list[Problem] = []
    lines: list[LineValue] = []
    for i, line in enumerate(bid.offer):
        found = _line_problems(tender, line, framework, methodology)
        problems.extend(Problem(f"offer[{i}].{field}", message) for field, message in found)
        if found:
            continue
        valued = _value_line(tender, bid, i, line, methodology)
        if isinstance(valued, Problem):
            problems.append(valued)
        else:
            lines.append(valued)
    return problems, lines


def _response_problems(tender: Tender, bid: Bid) -> list[Problem]:
    scheme = tender.scheme
    if not bid.responses:
        return []
    if not scheme.has_qualitative_part:
        return [
            Problem(
                "responses",
                "this scheme scores £ offers only (monetised): qualitative responses are not "
                "scored",
            )
        ]
    problems: list[Problem] = []
    ids = [criterion.id for criterion in scheme.criteria]
    labels = [band.label for band in scheme.bands]
    seen: dict[str, int] = {}
    for j, response in enumerate(bid.responses):
        where = f"responses[{j}]"
        if response.criterion not in ids:
            error = UnknownCodeError("award criterion", response.criterion, ids)
            problems.append(Problem(f"{where}.criterion", error.message))
        elif response.criterion in seen:
            problems.append(
                Problem(
                    f"{where}.criterion",
                    f"{response.criterion!r} is answered twice (first at "
                    f"responses[{seen[response.criterion]}])",
                )
            )
        seen.setdefault(response.criterion, j)
        if response.band not in labels:
            error = UnknownCodeError("score band", response.band, labels)
            problems.append(Problem(f"{where}.band", error.message))
        if response.due is not None and not tender.term.contains(response.due):
            problems.append(
                Problem(
                    f"{where}.due",
                    f"{response.due} is outside the contract term {tender.term.label}",
                )
            )
    return problems


def _check_bid(
    tender: Tender, bid: Bid, index: int, seen: dict[str, int]
) -> _Checked | RejectedBid:
    problems: list[Problem] = []
    if bid.bidder in seen:
        problems.append(
            Problem(
                "bidder",
                f"{bid.bidder!r} has already bid (bids[{seen[bid.bidder]}]); one bid per bidder",
            )
        )
    if bid.price.currency != tender.value.currency:
        problems.append(
            Problem(
                "price",
                f"is in {bid.price.currency}, but the tender is in {tender.value.currency}",
            )
        )
    if bid.quality > tender.scheme.quality_max:
        problems.append(
            Problem(
                "quality",
                f"{bid.quality} is above the top of the scheme's quality scale "
                f"({_pct(tender.scheme.quality_max)})",
            )
        )
    offer_problems, lines = _offer_problems(tender, bid)
    problems.extend(offer_problems)
    problems.extend(_response_problems(tender, bid))
    if problems:
        return RejectedBid(bidder=bid.bidder, bid=bid, index=index, problems=tuple(problems))
    offer_value: Money | None = None
    if tender.scheme.has_monetised_part:
        offer_value = Money.zero(tender.value.currency)
        for line in lines:
            if line.amount is not None:
                offer_value += line.amount
    return _Checked(index=index, bid=bid, lines=tuple(lines), offer_value=offer_value)


def _price_fraction(method: PriceMethod, price: Money, lowest: Money) -> Decimal:
    """The price formula per point of price weight, in [0, 1]."""
    with calculation_context():
        if method is PriceMethod.LOWEST_PRICE_RATIO:
            return lowest.amount / price.amount
        return max(Decimal(0), 1 - (price.amount - lowest.amount) / lowest.amount)


def _price_per_point(
    method: PriceMethod, weight: Decimal, price: Money, lowest: Money, score: Decimal
) -> Money | None:
    """The price rise that lowers the price score by exactly one point, the lowest held fixed.

    Lowest-price ratio: the score ``s = w·L/p`` becomes ``s − 1`` at ``p' = w·L/(s − 1)``, so
    the rise is ``p' − p = p² ÷ (w·L − p)`` (defined while ``s > 1``). Relative difference: the
    score falls ``w ÷ L`` per £, so the rise is ``L ÷ w`` (while ``s ≥ 1``).
    """
    if weight <= 0:
        return None
    with calculation_context():
        if method is PriceMethod.LOWEST_PRICE_RATIO:
            if score <= 1:
                return None
            rise = price.amount * price.amount / (weight * lowest.amount - price.amount)
        else:
            if score < 1:
                return None
            rise = lowest.amount / weight
        return Money(rise, price.currency)


def _criterion_scores(scheme: EvaluationScheme, bid: Bid) -> tuple[CriterionScore, ...]:
    answers = {response.criterion: response for response in bid.responses}
    scores = []
    for criterion in scheme.criteria:
        response = answers.get(criterion.id)
        if response is None:
            band_score, reason = Decimal(0), "no response: scores zero"
        else:
            band = scheme.band(response.band)
            missing = response.missing()
            if criterion.requires_commitment and missing:
                band_score = Decimal(0)
                reason = (
                    f"placed in band {band.label!r} ({_pct(band.score)}%), but the response "
                    f"has no specific, measurable and time-bound commitment (missing: "
                    f"{', '.join(missing)}): scores zero (PPN 002)"
                )
            else:
                band_score = band.score
                reason = f"band {band.label!r} ({_pct(band.score)}%)"
        with calculation_context():
            points = scheme.qualitative_weight * criterion.weight * band_score / 10000
        scores.append(
            CriterionScore(
                criterion=criterion,
                response=response,
                band_score=band_score,
                points=points,
                reason=reason,
            )
        )
    return tuple(scores)


@attrs.define
class _Parts:
    """A scored bid before ranking (private to :func:`evaluate`)."""

    checked: _Checked
    price: Decimal
    quality: Decimal
    monetised: Decimal
    qualitative: Decimal
    total: Decimal
    criteria: tuple[CriterionScore, ...]
    # Social value score per point of social value weight (for the weight sensitivity).
    sv_fraction: Decimal


def _score(
    scheme: EvaluationScheme, checked: _Checked, lowest: Money, best: Money | None
) -> _Parts:
    bid = checked.bid
    with calculation_context():
        price_fraction = _price_fraction(scheme.price_method, bid.price, lowest)
        quality_fraction = bid.quality / scheme.quality_max
        monetised_fraction = Decimal(0)
        if checked.offer_value is not None and best is not None and not best.is_zero():
            monetised_fraction = checked.offer_value.amount / best.amount
        criteria = _criterion_scores(scheme, bid) if scheme.has_qualitative_part else ()
        qualitative_fraction = sum(
            (c.criterion.weight * c.band_score / 10000 for c in criteria), start=Decimal(0)
        )
        price = scheme.price_weight * price_fraction
        quality = scheme.quality_weight * quality_fraction
        monetised = scheme.monetised_weight * monetised_fraction
        qualitative = sum((c.points for c in criteria), start=Decimal(0))
        share = scheme.monetised_fraction
        sv_fraction = share * monetised_fraction + (1 - share) * qualitative_fraction
        return _Parts(
            checked=checked,
            price=price,
            quality=quality,
            monetised=monetised,
            qualitative=qualitative,
            total=price + quality + monetised + qualitative,
            criteria=criteria,
            sv_fraction=sv_fraction,
        )


def _sensitivity(
    scheme: EvaluationScheme, winner: _Parts, others: Sequence[_Parts]
) -> WeightSensitivity | None:
    rest = scheme.price_weight + scheme.quality_weight
    if rest == 0:
        return None
    current = scheme.social_value_weight
    below: dict[Decimal, list[str]] = {}
    above: dict[Decimal, list[str]] = {}
    with calculation_context():
        for other in others:
            # T(w) = (100 − w) ÷ R × A + w × s, with A the price-and-quality points, R their
            # weight and s the social value points per point of weight (S ÷ W while W > 0).
            # Level where (100 − w)·ΔA + w·R·Δs = 0: w = 100·ΔA ÷ (ΔA − R·Δs); multiplied
            # through by W so that exact inputs give an exact answer.
            d_a = winner.price + winner.quality - other.price - other.quality
            if current > 0:
                d_s = winner.monetised + winner.qualitative - other.monetised - other.qualitative
                numerator, denominator = _HUNDRED * d_a * current, d_a * current - rest * d_s
            else:
                d_s = winner.sv_fraction - other.sv_fraction
                numerator, denominator = _HUNDRED * d_a, d_a - rest * d_s
            if denominator == 0:
                continue  # parallel lines: the gap is the same at every weight
            crossing = numerator / denominator
            if not 0 <= crossing <= _HUNDRED or crossing == current:
                continue
            side = below if crossing < current else above
            side.setdefault(crossing, []).append(other.checked.bid.bidder)

    def change(side: dict[Decimal, list[str]], pick: Decimal | None) -> WinnerChange | None:
        if pick is None:
            return None
        with calculation_context():
            remaining = _HUNDRED - pick
            price_weight = remaining * scheme.price_weight / rest
            return WinnerChange(
                social_value_weight=pick,
                price_weight=price_weight,
                quality_weight=remaining - price_weight,
                bidders=tuple(sorted(side[pick])),
            )

    return WeightSensitivity(
        winner=winner.checked.bid.bidder,
        current=current,
        lower=change(below, max(below, default=None)),
        upper=change(above, min(above, default=None)),
        policy=scheme.policy,
    )


def evaluate(tender: Tender, bids: Iterable[Bid], *, strict: bool = False) -> Evaluation:
    """Score bids for a tender: check, value, score, rank and explain.

    Every bid is first checked against the tender: one bid per bidder; price in the tender's
    currency; quality within the scheme's scale; each offer line in a measure the framework
    defines (and the tender invites), in the measure's unit, within the contract term and area,
    and valued by the methodology (a line no proxy value answers for is a reason to reject, never
    £0); each response to a criterion the scheme has, in one of its bands, once. A bid with any
    problem is *rejected* — returned in :attr:`Evaluation.rejected` with every reason — and not
    scored; with ``strict=True`` one :class:`~socialvalue.ValidationError` lists every problem
    of every bad bid instead.

    The rest are scored (``w`` weights in percent, see :class:`BidScore`):

    * price: ``w_price × L ÷ p`` (or the scheme's :class:`PriceMethod`), ``L`` the lowest price;
    * quality: ``w_quality × quality ÷ quality_max``;
    * monetised social value: ``w_monetised × offer ÷ best offer``, the offer the sum of its
      lines' £ (the scheme's :class:`OfferBasis`); record-only lines are counted, not scored;
    * qualitative social value: for each criterion,
      ``w_qualitative × criterion weight × band score`` (percentages), zero for a response
      without a specific, measurable and time-bound commitment (PPN 002) or no response.

    Ranks follow the totals rounded to the scheme's places; equal rounded totals share a rank
    and are reported as a tie. The order bids are given in changes nothing. A contract out of
    scope under the scheme's policy is still evaluated; :attr:`Evaluation.scope` says so.

    Raises:
        ValidationError: with ``strict=True``, if any bid is rejected.
    """
    scheme = tender.scheme
    seen: dict[str, int] = {}
    accepted: list[_Checked] = []
    rejected: list[RejectedBid] = []
    for index, bid in enumerate(bids):
        checked = _check_bid(tender, bid, index, seen)
        seen.setdefault(bid.bidder, index)
        if isinstance(checked, RejectedBid):
            rejected.append(checked)
        else:
            accepted.append(checked)
    if strict and rejected:
        raise ValidationError(
            [
                Problem(f"bids[{r.index}] ({r.bidder}).{p.location}", p.message)
                for r in rejected
                for p in r.problems
            ],
            subject=f"bids for {tender.id}",
        )
    lowest = min((c.bid.price for c in accepted), default=None)
    best: Money | None = None
    if scheme.has_monetised_part and accepted:
        best = max(c.offer_value for c in accepted if c.offer_value is not None)
    parts = [] if lowest is None else [_score(scheme, c, lowest, best) for c in accepted]
    scores = _rank(tender, parts, lowest, best)
    ties = _ties(scores)
    first = [s for s in scores if s.rank == 1]
    winner = first[0] if len(first) == 1 else None
    sensitivity = None
    if winner is not None:
        mine = next(p for p in parts if p.checked.index == winner.index)
        sensitivity = _sensitivity(scheme, mine, [p for p in parts if p is not mine])
    return Evaluation(
        tender=tender,
        scores=scores,
        rejected=tuple(rejected),
        ties=ties,
        winner=winner,
        scope=tender.scope(),
        sensitivity=sensitivity,
        lowest_price=lowest,
        best_offer=best,
        methodology=None if scheme.methodology is None else scheme.methodology.ref,
    )


def _rank(
    tender: Tender, parts: Sequence[_Parts], lowest: Money | None, best: Money | None
) -> tuple[BidScore, ...]:
    scheme = tender.scheme
    if lowest is None:
        return ()
    exponent = Decimal(1).scaleb(-scheme.places)
    with calculation_context():
        rounded = [p.total.quantize(exponent, rounding=scheme.rounding.value) for p in parts]
    offer_per_point: Money | None = None
    if best is not None and not best.is_zero() and scheme.monetised_weight > 0:
        with calculation_context():
            offer_per_point = Money(best.amount / scheme.monetised_weight, best.currency)
    scores = []
    for part, total in zip(parts, rounded, strict=True):
        bid = part.checked.bid
        rank = 1 + sum(1 for other in rounded if other > total)
        offer = part.checked.offer_value
        share = None
        if offer is not None:
            with calculation_context():
                share = offer.amount / bid.price.amount * _HUNDRED
        scores.append(
            BidScore(
                bidder=bid.bidder,
                bid=bid,
                index=part.checked.index,
                rank=rank,
                tied=rounded.count(total) > 1,
                price_score=part.price,
                quality_score=part.quality,
                monetised_score=part.monetised,
                qualitative_score=part.qualitative,
                total=part.total,
                lines=part.checked.lines,
                criteria=part.criteria,
                offer_value=offer,
                offer_share=share,
                price_per_point=_price_per_point(
                    scheme.price_method, scheme.price_weight, bid.price, lowest, part.price
                ),
                offer_per_point=offer_per_point,
                lowest_price=lowest,
                best_offer=best,
                scheme=scheme,
                of=len(parts),
            )
        )
    return tuple(sorted(scores, key=lambda s: (s.rank, s.bidder)))


def _ties(scores: Sequence[BidScore]) -> tuple[Tie, ...]:
    groups: dict[int, list[BidScore]] = {}
    for score in scores:
        if score.tied:
            groups.setdefault(score.rank, []).append(score)
    return tuple(
        Tie(
            rank=rank,
            bidders=tuple(sorted(s.bidder for s in group)),
            total=group[0].rounded_total(),
        )
        for rank, group in sorted(groups.items())
    )


# --- award and publication ---------------------------------------------------------------------


def award(evaluation: Evaluation, *, bidder: str | None = None) -> tuple[Commitment, ...]:
    """The awarded bid's offer as contractual commitments, ready for tracking.

    One :class:`~socialvalue.Commitment` per offer line (id ``{contract}/SV-{n}``: the measure,
    the quantity as target, the line's period as start and due date, and — unless the measure
    is record-only — the line's £ as ``promised_value``, on the scheme's :class:`OfferBasis`),
    and one per qualitative response with a specific, measurable and time-bound commitment
    (id ``{contract}/Q-{criterion}``: the commitment text, due when the response says or at the
    end of the term). Each names the contract, the bidder as owner and the bid as its source.

    Args:
        evaluation: The evaluation.
        bidder: Whom to award; the winner if not given. Name the bidder after breaking a tie.

    Raises:
        ValueError: no single winner and no bidder named, or the bidder was not scored.
    """
    if bidder is None:
        if evaluation.winner is None:
            tied = ", ".join(evaluation.ties[0].bidders) if evaluation.ties else ""
            reason = f"first place is tied between {tied}" if tied else "no bid was scored"
            raise ValueError(f"no single winner to award: {reason}; name the bidder to award")
        score = evaluation.winner
    else:
        try:
            score = evaluation.score(bidder)
        except UnknownCodeError as error:
            raise ValueError(str(error)) from None
    tender = evaluation.tender
    bid = score.bid
    reference = f"bid {bid.id}" if bid.id else f"bid by {bid.bidder}"
    source = Source(
        title=f"{reference[0].upper()}{reference[1:]} for {tender.title}", publisher=bid.bidder
    )
    commitments = [_line_commitment(evaluation, score, line, source) for line in score.lines]
    commitments.extend(
        Commitment(
            id=f"{tender.id}/Q-{criterion.criterion.id}",
            kind=CONTRACTUAL,
            title=criterion.criterion.title,
            description=criterion.response.commitment,
            owner=bid.bidder,
            start=tender.term.start,
            due=criterion.response.due or tender.term.end,
            contract=tender.id,
            evidence=(f"{tender.id} {reference}, response to criterion {criterion.criterion.id}",),
            source=source,
            note=f"Qualitative commitment scored {criterion.reason}.",
        )
        for criterion in score.criteria
        if criterion.response is not None and not criterion.response.missing()
    )
    return tuple(commitments)


def _line_commitment(
    evaluation: Evaluation, score: BidScore, line: LineValue, source: Source
) -> Commitment:
    tender = evaluation.tender
    delivery = line.valuation.delivery
    scheme = tender.scheme
    framework = cast("Methodology", scheme.methodology).framework
    measure = framework.measure(delivery.measure)
    reference = f"bid {score.bid.id}" if score.bid.id else f"bid by {score.bidder}"
    if line.amount is None:
        note = "Record-only measure: counted, never monetised; no promised value."
    else:
        note = (
            f"Promised value: the {_BASIS_WORDS[scheme.offer_basis]} of the offer "
            f"line under methodology {evaluation.methodology}, at bid."
        )
    return Commitment(
        id=f"{tender.id}/SV-{line.index + 1}",
        kind=CONTRACTUAL,
        title=f"{measure.title}: {delivery.quantity} {line.unit.label}",
        owner=score.bidder,
        measure=measure.code,
        target=delivery.quantity,
        unit=measure.unit,
        start=delivery.period.start,
        due=delivery.period.end,
        contract=tender.id,
        promised_value=line.amount,
        evidence=(f"{tender.id} {reference}, offer line {line.index + 1}",),
        source=source,
        note=note,
    )


def ocds_sustainability(scheme: EvaluationScheme) -> dict[str, object]:
    """The scheme's social value criteria as an OCDS sustainability extension fragment.

    Returns a JSON-ready object to merge into a release's ``tender`` (or a lot):
    ``hasSustainability`` and ``sustainability[]``, each entry with ``goal`` (when known),
    ``strategies`` and ``description``. These field names, and the strategy codes
    ``awardCriteria`` and ``contractPerformanceConditions``, are those of the OCDS
    Sustainability extension (``release-schema.json``, README and
    ``codelists/sustainabilityStrategy.csv`` of
    ``open-contracting-extensions/ocds_sustainability_extension``).
    ``contractPerformanceConditions`` is added when the scheme is ``contractual`` (the winning
    offer is written into the contract).

    Goals are never guessed: a qualitative criterion's goal is its ``ocds_goal``; a monetised
    part's goals are the invited measures' crosswalk codes in the ``ocds-sustainability``
    scheme (:data:`OCDS_CROSSWALK`). Where none is configured the entry has no ``goal``, as the
    extension allows. Entries with the same goal are merged. The goal codelist is open and the
    schema advises also listing a sub-code's ancestors (``social`` for ``social.smeInclusion``):
    configure them if you follow that advice.

    >>> import json
    >>> scheme = EvaluationScheme(
    ...     id="s", title="Services", price_weight=60, quality_weight=30, social_value_weight=10,
    ...     social_value_method="qualitative",
    ...     bands=[ScoreBand(label="Good", score=70), ScoreBand(label="None", score=0)],
    ...     criteria=[AwardCriterion(id="1a", title="Create and retain high-quality jobs",
    ...                              weight=100, ocds_goal="social")])
    >>> print(json.dumps(ocds_sustainability(scheme)))  # doctest: +NORMALIZE_WHITESPACE
    {"hasSustainability": true, "sustainability": [{"goal": "social",
     "strategies": ["awardCriteria", "contractPerformanceConditions"],
     "description": "Social value award criterion 1a Create and retain high-quality jobs
     (qualitative; 100% of the 10% social value weight)"}]}
    """
    if scheme.social_value_weight == 0:
        return {"hasSustainability": False}
    strategies = ["awardCriteria"]
    if scheme.contractual:
        strategies.append("contractPerformanceConditions")
    entries: list[tuple[str | None, str]] = []
    sv = _pct(scheme.social_value_weight)
    if scheme.has_monetised_part:
        share = _pct(scheme.monetised_fraction * _HUNDRED)
        text = (
            f"Social value offers valued in £ and scored relative to the best offer "
            f"({share}% of the {sv}% social value weight)"
        )
        goals: list[str | None] = list(_monetised_goals(scheme)) or [None]
        entries.extend((goal, text) for goal in goals)
    entries.extend(
        (
            criterion.ocds_goal,
            f"Social value award criterion {criterion.id} {criterion.title} (qualitative; "
            f"{_pct(criterion.weight)}% of the {sv}% social value weight)"
            if scheme.social_value_method is SocialValueMethod.QUALITATIVE
            else f"Social value award criterion {criterion.id} {criterion.title} (qualitative; "
            f"{_pct(criterion.weight)}% of the qualitative part)",
        )
        for criterion in (scheme.criteria if scheme.has_qualitative_part else ())
    )
    merged: dict[str | None, list[str]] = {}
    for goal, text in entries:
        texts = merged.setdefault(goal, [])
        if text not in texts:
            texts.append(text)
    sustainability: list[dict[str, object]] = []
    for goal, texts in merged.items():
        entry: dict[str, object] = {} if goal is None else {"goal": goal}
        entry["strategies"] = list(strategies)
        entry["description"] = "; ".join(texts)
        sustainability.append(entry)
    return {"hasSustainability": True, "sustainability": sustainability}


def _monetised_goals(scheme: EvaluationScheme) -> list[str]:
    methodology = scheme.methodology
    if methodology is None:
        return []
    framework = methodology.framework
    codes = scheme.measures if scheme.measures is not None else framework.measure_codes()
    goals: list[str] = []
    for code in codes:
        for crosswalk in framework.measure(code).crosswalk:
            if crosswalk.scheme == OCDS_CROSSWALK and crosswalk.code not in goals:
                goals.append(crosswalk.code)
    return goals
