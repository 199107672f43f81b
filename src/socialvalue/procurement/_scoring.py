"""Scoring a checked bid: price, quality, monetised and qualitative parts, exactly."""

from __future__ import annotations

from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.money import Money
from socialvalue.procurement._bid_score import CriterionScore
from socialvalue.procurement._checks import _Checked
from socialvalue.procurement._methods import PriceMethod
from socialvalue.procurement._text import _pct
from socialvalue.procurement.bids import Bid
from socialvalue.procurement.scheme import EvaluationScheme

__all__ = ["_Parts", "_score"]


def _price_fraction(method: PriceMethod, price: Money, lowest: Money) -> Decimal:
    """The price formula per point of price weight, in [0, 1]."""
    with calculation_context():
        if method is PriceMethod.LOWEST_PRICE_RATIO:
            return lowest.amount / price.amount
        return max(Decimal(0), 1 - (price.amount - lowest.amount) / lowest.amount)


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
