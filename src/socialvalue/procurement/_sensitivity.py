"""What the weighting implies: the price of a point, and the weight at which the winner changes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.money import Money
from socialvalue.procurement._common import _HUNDRED
from socialvalue.procurement._methods import PriceMethod
from socialvalue.procurement._policy import SocialValuePolicy
from socialvalue.procurement._scoring import _Parts
from socialvalue.procurement._text import _pct, _shown
from socialvalue.procurement.scheme import EvaluationScheme

__all__ = ["WeightSensitivity", "WinnerChange", "_price_per_point", "_sensitivity"]


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
