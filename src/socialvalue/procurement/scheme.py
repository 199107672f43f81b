"""How bids are to be scored: the authority's policy and scope, the scheme, its bands and criteria.

A :class:`SocialValuePolicy` says which contracts are in scope (:func:`in_scope`) and what social
value weights the authority expects; an :class:`EvaluationScheme` states the price, quality and
social value weights, the price formula (:class:`PriceMethod`), how social value is scored
(:class:`SocialValueMethod`, :class:`OfferBasis`) and, for qualitative scoring, the
:class:`ScoreBand` s and :class:`AwardCriterion` s.
"""

from __future__ import annotations

import enum
import re
import warnings
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.methodology import Methodology
from socialvalue.money import Money, RoundingMode
from socialvalue.procurement._common import (
    HUNDRED,
    money_text,
    not_blank,
    pct,
    percent_problem,
    to_band_score,
    to_optional_strings,
    to_optional_weight,
    to_quality,
    to_share,
    to_weight,
    valid_id,
    words,
)
from socialvalue.provenance import Source

__all__ = [
    "LCRCA_POLICY",
    "AwardCriterion",
    "EvaluationScheme",
    "OfferBasis",
    "PriceMethod",
    "ScopeDecision",
    "ScoreBand",
    "SocialValueMethod",
    "SocialValuePolicy",
    "SocialValueWeightWarning",
    "in_scope",
]


# --- the methods a scheme scores with -----------------------------------------------------------
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
    * ``QUALITATIVE`` — evaluators place each response to each award criterion in a score band
      and it earns the band's score; a scheme may add its own rule, criterion by criterion
      (``AwardCriterion.requires_commitment``, off by default), that a response without a
      specific, measurable and time-bound commitment scores zero.
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


# --- the authority's policy, and whether a contract is in scope under it --------------------------
class SocialValueWeightWarning(UserWarning):
    """A scheme's social value weight lies outside its policy's *usual* range.

    The usual range is current practice (the LCRCA's 10–20%), not a rule, so the scheme is built
    and this warning says so; :meth:`EvaluationScheme.weight_note` gives the same text, and
    :meth:`Evaluation.explain <socialvalue.procurement.Evaluation.explain>` prints it. A weight
    that breaks a policy's *rules* (``minimum_weight``, ``maximum_weight``) is an error instead.
    Silence it, or turn it into an error, with the :mod:`warnings` filters.
    """


@attrs.frozen(kw_only=True)
class SocialValuePolicy:
    """An authority's rules for social value in procurement, and its usual practice.

    Args:
        id: Short identifier, e.g. ``"lcrca"``.
        title: Human title.
        threshold: Contracts whose value is above this are in scope; ``None`` if the policy sets
            no threshold (every contract is then in scope).
        inclusive: Whether a contract worth exactly the threshold is in scope. ``False`` (the
            default) reads "contracts above £20,000" literally: £20,000.00 itself is out of scope.
        minimum_weight: The least social value weight, in percent of the whole evaluation, that
            a scheme under this policy may use — a rule: a scheme below it is refused. The
            default, 10, is the minimum PPN 06/20 and PPN 002 set; use 0 for a policy that sets
            no minimum (the LCRCA's does not).
        maximum_weight: The most a scheme may use, if the policy caps the weight (a rule);
            ``None`` if not.
        usual_minimum_weight: The least weight the authority usually uses — current practice,
            not a rule (LCRCA: 10); ``None`` for no lower bound.
        usual_maximum_weight: The most it usually uses (LCRCA: 20); ``None`` for no upper bound.
            A scheme outside the usual range is built, with a
            :class:`SocialValueWeightWarning`.
        source: The document the policy is stated in.
        note: Anything a reader should know (e.g. whether the threshold includes VAT, which the
            LCRCA report does not say).

    >>> policy = SocialValuePolicy(id="council", title="Council policy",
    ...                            threshold=Money("50000"), minimum_weight="15")
    >>> policy.minimum_weight
    Decimal('15')
    >>> usual = SocialValuePolicy(id="council", title="Council policy", minimum_weight="0",
    ...                           usual_minimum_weight="10", usual_maximum_weight="30")
    >>> usual.weight_range(), usual.usual_range(), usual.is_usual(Decimal(35))
    ('any weight', '10–30%', False)
    """

    id: str = attrs.field(validator=not_blank)
    title: str = attrs.field(validator=not_blank)
    threshold: Money | None = attrs.field(factory=lambda: Money("20000"))
    inclusive: bool = False
    minimum_weight: Decimal = attrs.field(
        default=Decimal(10),
        converter=to_weight,
    )
    maximum_weight: Decimal | None = attrs.field(
        default=None,
        converter=to_optional_weight,
    )
    usual_minimum_weight: Decimal | None = attrs.field(
        default=None,
        converter=to_optional_weight,
    )
    usual_maximum_weight: Decimal | None = attrs.field(
        default=None,
        converter=to_optional_weight,
    )
    source: Source | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        weights = {
            "minimum_weight": self.minimum_weight,
            "maximum_weight": self.maximum_weight,
            "usual_minimum_weight": self.usual_minimum_weight,
            "usual_maximum_weight": self.usual_maximum_weight,
        }
        problems = [
            problem
            for name, number in weights.items()
            if number is not None and (problem := percent_problem(name, number)) is not None
        ]
        if self.maximum_weight is not None and self.maximum_weight < self.minimum_weight:
            problems.append(
                Problem(
                    "maximum_weight",
                    f"{self.maximum_weight} is below the minimum weight {self.minimum_weight}",
                )
            )
        low, high = self.usual_minimum_weight, self.usual_maximum_weight
        if low is not None and high is not None and high < low:
            problems.append(
                Problem("usual_maximum_weight", f"{high} is below the usual minimum weight {low}")
            )
        if self.threshold is not None and self.threshold.amount < 0:
            problems.append(Problem("threshold", f"{self.threshold} is negative"))
        if problems:
            raise ValidationError(problems, subject=f"policy {self.id!r}")

    def weight_range(self) -> str:
        """The weights the policy's rules allow: ``10–20%``, ``at least 10%`` or ``any weight``."""
        if self.maximum_weight is None:
            if self.minimum_weight == 0:
                return "any weight"
            return f"at least {pct(self.minimum_weight)}%"
        return f"{pct(self.minimum_weight)}–{pct(self.maximum_weight)}%"

    def allows(self, weight: Decimal) -> bool:
        """Whether the policy's rules allow this social value weight (percent)."""
        high = self.maximum_weight
        return self.minimum_weight <= weight and (high is None or weight <= high)

    def usual_range(self) -> str | None:
        """The usual weights as text (``10–20%``), or ``None`` if the policy states none."""
        low, high = self.usual_minimum_weight, self.usual_maximum_weight
        if low is not None and high is not None:
            return f"{pct(low)}–{pct(high)}%"
        if low is not None:
            return f"at least {pct(low)}%"
        if high is not None:
            return f"at most {pct(high)}%"
        return None

    def is_usual(self, weight: Decimal) -> bool:
        """Whether a social value weight (percent) lies in the usual range (or none is stated)."""
        low, high = self.usual_minimum_weight, self.usual_maximum_weight
        return (low is None or weight >= low) and (high is None or weight <= high)


#: The Liverpool City Region Combined Authority's policy as its Social Value Annual Report 2023
#: states it: social value is part of the decision for all contracts *above* £20,000 (so the
#: threshold itself is out of scope). The report describes the weighting, "between 10% and
#: 20%", as current practice, not as a cap or a floor: it is the *usual* range, and a scheme
#: outside it is built with a :class:`SocialValueWeightWarning`; no weight is refused. The
#: report does not say whether the £20,000 includes VAT.
LCRCA_POLICY = SocialValuePolicy(
    id="lcrca",
    title="LCRCA Social Value Policy and Framework (procurement)",
    threshold=Money("20000"),
    inclusive=False,
    minimum_weight=Decimal(0),
    maximum_weight=None,
    usual_minimum_weight=Decimal(10),
    usual_maximum_weight=Decimal(20),
    source=Source(
        title="Social Value Annual Report 2023",
        publisher="Liverpool City Region Combined Authority",
        section="Commissioner: Progress",
    ),
    note=(
        '"Social Value is part of decision-making processes for all contracts above £20,000" '
        'and the weighting is "between 10% and 20%" (current practice, not a cap). Whether the '
        "threshold includes VAT is not stated."
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
            f"{verdict}: {money_text(contract_value)} is {negation}{relation} the threshold of "
            f"{money_text(threshold)} ({policy.title})"
        ),
    )


# --- the evaluation scheme: weights, methods, score bands and award criteria ----------------------
# An OCDS sustainability goal: a code, optionally followed by .subCode parts (open codelist).
_OCDS_GOAL = re.compile(r"^[a-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$")


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

    label: str = attrs.field(validator=not_blank)
    score: Decimal = attrs.field(converter=to_band_score)
    description: str = ""

    def __attrs_post_init__(self) -> None:
        problem = percent_problem("score", self.score)
        if problem is not None:
            raise ValueError(str(problem))


@attrs.frozen(kw_only=True)
class AwardCriterion:
    """A qualitative social value award criterion.

    Args:
        id: Short id, e.g. ``"1a"`` (used in commitment ids after award).
        title: The criterion, e.g. "Create and retain high-quality jobs".
        weight: Its share of the qualitative part, in percent; a scheme's criteria add up to 100.
        requires_commitment: The scheme's own scoring rule for this criterion — an authority's
            choice, off by default: a response without a specific, measurable and time-bound
            commitment scores zero, whatever band it was placed in. PPN 002 has no such rule
            (buyers expect such commitments and may mark vague answers down through the bands).
        ocds_goal: The OCDS sustainability goal code to publish the criterion under (an open
            codelist, e.g. ``"social"`` or ``"economic.localEconomyPromotion"``); ``None`` to
            publish it without a goal.
        description: What bidders are asked for.
    """

    id: str = attrs.field(validator=valid_id)
    title: str = attrs.field(validator=not_blank)
    weight: Decimal = attrs.field(converter=to_weight)
    requires_commitment: bool = False
    ocds_goal: str | None = None
    description: str = ""

    def __attrs_post_init__(self) -> None:
        problem = percent_problem("weight", self.weight)
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
        social_value_weight: Percent given to social value. The three add up to exactly 100.
            If a policy is named, the weight must keep to its rules (``minimum_weight``,
            ``maximum_weight``); outside its usual range the scheme is built with a
            :class:`SocialValueWeightWarning` (see :meth:`weight_note`).
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
        policy: The policy the social value weight is checked against.
        contractual: Whether the winning offer is written into the contract as performance
            conditions (what :func:`award` produces); published in the OCDS fragment.
        places: Decimal places scores are shown to; ranks and ties use totals rounded to them.
        rounding: How scores are rounded for presentation.

    Raises:
        ValidationError: listing every problem.

    Warns:
        SocialValueWeightWarning: the social value weight is outside the policy's usual range.

    Examples:
        A 60/30/10 scheme scoring social value on one qualitative award criterion:

        >>> scheme = EvaluationScheme(
        ...     id="fm", title="FM 60/30/10", price_weight="60", quality_weight="30",
        ...     social_value_weight="10", social_value_method="qualitative",
        ...     bands=[ScoreBand(label="Good", score="70"), ScoreBand(label="Poor", score="10")],
        ...     criteria=[AwardCriterion(id="1a", title="Local jobs", weight="100")])
        >>> print(scheme.describe())
        FM 60/30/10: price 60% (lowest price ratio), quality 30% (score ÷ 100),
        social value 10% (qualitative)
        >>> scheme.monetised_weight, scheme.qualitative_weight
        (Decimal('0'), Decimal('10'))

        Every problem is found when the scheme is built:

        >>> EvaluationScheme(
        ...     id="bad", title="Bad", price_weight="60", quality_weight="30",
        ...     social_value_weight="20", social_value_method="qualitative", bands=scheme.bands,
        ...     criteria=scheme.criteria)
        Traceback (most recent call last):
        ...
        socialvalue.exceptions.ValidationError: evaluation scheme 'bad': weights: must add up to
        100 (percent): 60 + 30 + 20 = 110
    """

    id: str = attrs.field(validator=not_blank)
    title: str = attrs.field(validator=not_blank)
    price_weight: Decimal = attrs.field(converter=to_weight)
    quality_weight: Decimal = attrs.field(converter=to_weight)
    social_value_weight: Decimal = attrs.field(converter=to_weight)
    social_value_method: SocialValueMethod = attrs.field(converter=SocialValueMethod)
    monetised_share: Decimal | None = attrs.field(
        default=None,
        converter=to_share,
    )
    price_method: PriceMethod = attrs.field(
        default=PriceMethod.LOWEST_PRICE_RATIO, converter=PriceMethod
    )
    quality_max: Decimal = attrs.field(
        default=HUNDRED,
        converter=to_quality,
    )
    methodology: Methodology | None = None
    offer_basis: OfferBasis = attrs.field(default=OfferBasis.NET, converter=OfferBasis)
    measures: tuple[str, ...] | None = attrs.field(default=None, converter=to_optional_strings)
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
        note = self.weight_note()
        if note is not None:
            # stacklevel 3: past this method and attrs' __init__, to the code building the scheme.
            warnings.warn(note, SocialValueWeightWarning, stacklevel=3)

    def _check_weights(self) -> list[Problem]:
        weights = {
            "price_weight": self.price_weight,
            "quality_weight": self.quality_weight,
            "social_value_weight": self.social_value_weight,
        }
        problems = [
            problem
            for name, number in weights.items()
            if (problem := percent_problem(name, number)) is not None
        ]
        with calculation_context():
            total = sum(weights.values(), start=Decimal(0))
        if total != HUNDRED:
            hint = "; give percentages such as 60, 30 and 10, not fractions" if total == 1 else ""
            problems.append(
                Problem(
                    "weights",
                    f"must add up to 100 (percent): {pct(self.price_weight)} + "
                    f"{pct(self.quality_weight)} + {pct(self.social_value_weight)} = "
                    f"{pct(total)}{hint}",
                )
            )
        policy = self.policy
        if policy is not None:
            weight = self.social_value_weight
            if not policy.allows(weight):
                problems.append(
                    Problem(
                        "social_value_weight",
                        f"{pct(weight)}% is outside {policy.title}'s range "
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
            elif not 0 < share < HUNDRED:
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
            if total != HUNDRED:
                problems.append(
                    Problem(
                        "criteria",
                        f"the criteria's weights must add up to 100 (percent of the qualitative "
                        f"part), not {pct(total)}",
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
            return share / HUNDRED

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

    def weight_note(self) -> str | None:
        """Why the social value weight is unusual for the policy, or ``None`` if it is not.

        The usual range is practice, not a rule: the note is advice, given as a
        :class:`SocialValueWeightWarning` when the scheme is built and printed by
        :meth:`Evaluation.explain <socialvalue.procurement.Evaluation.explain>`.
        """
        policy = self.policy
        if policy is None or policy.is_usual(self.social_value_weight):
            return None
        return (
            f"social_value_weight: {pct(self.social_value_weight)}% is outside {policy.title}'s "
            f"usual range ({policy.usual_range()}), which is current practice, not a rule: the "
            "scheme is built; check the weight is the one intended"
        )

    def describe(self) -> str:
        """The weights and methods in a line."""
        parts = [
            f"price {pct(self.price_weight)}% ({words(self.price_method)})",
            f"quality {pct(self.quality_weight)}% (score ÷ {pct(self.quality_max)})",
            f"social value {pct(self.social_value_weight)}% ({self._sv_text()})",
        ]
        return f"{self.title}: " + ", ".join(parts)

    def _sv_text(self) -> str:
        if self.social_value_method is SocialValueMethod.COMBINED:
            share = self.monetised_share if self.monetised_share is not None else Decimal(0)
            return (
                f"combined: monetised {pct(share)}%, qualitative {pct(HUNDRED - share)}% of "
                "the social value weight"
            )
        return str(self.social_value_method.value)
