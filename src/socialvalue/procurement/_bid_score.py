"""A bid's score, part by part: its valued offer lines, scored criteria, and why."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.money import Money
from socialvalue.procurement._common import _HUNDRED
from socialvalue.procurement._methods import _BASIS_WORDS, PriceMethod
from socialvalue.procurement._text import _brief, _money, _pct, _Show, _shown, _words
from socialvalue.procurement.bids import Bid, OfferLine, QualitativeResponse
from socialvalue.procurement.scheme import AwardCriterion, EvaluationScheme
from socialvalue.units import Unit
from socialvalue.valuation import Valuation

__all__ = ["BidScore", "CriterionScore", "LineValue"]


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
