"""Evaluating bids for a tender: check, score, rank, report ties and explain."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.methodology import MethodologyRef
from socialvalue.money import Money
from socialvalue.procurement._bid_score import BidScore
from socialvalue.procurement._checks import RejectedBid, _check_bid, _Checked
from socialvalue.procurement._common import _HUNDRED
from socialvalue.procurement._policy import ScopeDecision
from socialvalue.procurement._scoring import _Parts, _score
from socialvalue.procurement._sensitivity import WeightSensitivity, _price_per_point, _sensitivity
from socialvalue.procurement._text import _shown
from socialvalue.procurement.bids import Bid, Tender

__all__ = ["Evaluation", "Tie", "evaluate"]


@attrs.frozen(kw_only=True)
class Tie:
    """Bids whose totals are equal at the scheme's presentation precision."""

    rank: int
    bidders: tuple[str, ...]
    total: Decimal


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
