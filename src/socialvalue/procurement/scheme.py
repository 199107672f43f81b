"""The evaluation scheme: its weights and methods, score bands and qualitative award criteria."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.methodology import Methodology
from socialvalue.money import RoundingMode
from socialvalue.procurement._common import (
    _HUNDRED,
    _band_score,
    _id,
    _not_blank,
    _optional_strings,
    _percent_problem,
    _quality,
    _share,
    _weight,
)
from socialvalue.procurement._methods import OfferBasis, PriceMethod, SocialValueMethod
from socialvalue.procurement._policy import SocialValuePolicy
from socialvalue.procurement._text import _pct, _words

__all__ = ["AwardCriterion", "EvaluationScheme", "ScoreBand"]

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
