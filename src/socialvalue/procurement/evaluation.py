"""Evaluating bids for a tender: check, score, rank, report ties, explain, and what it implies.

:func:`evaluate` checks every :class:`~socialvalue.procurement.Bid` against the tender
(rejecting a bad one with every reason, as a :class:`RejectedBid`), values the offer lines
(:class:`LineValue`), scores the rest part by part (:class:`BidScore`, :class:`CriterionScore`),
ranks them, reports ties (:class:`Tie`) and says what the weighting implies — the price of a
point, and the social value weight at which the winner would change
(:class:`WeightSensitivity`, :class:`WinnerChange`) — in an :class:`Evaluation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import cast

import attrs

from socialvalue._decimal import calculation_context
from socialvalue.deliveries import Delivery
from socialvalue.exceptions import Problem, UnknownCodeError, ValidationError
from socialvalue.framework import Framework
from socialvalue.methodology import Methodology, MethodologyRef
from socialvalue.money import Money
from socialvalue.procurement._common import (
    HUNDRED,
    Show,
    basis_words,
    brief,
    money_text,
    pct,
    shown,
    words,
)
from socialvalue.procurement.bids import Bid, OfferLine, QualitativeResponse, Tender
from socialvalue.procurement.scheme import (
    AwardCriterion,
    EvaluationScheme,
    OfferBasis,
    PriceMethod,
    ScopeDecision,
    SocialValuePolicy,
)
from socialvalue.proxies import NoProxyValueError
from socialvalue.units import Unit
from socialvalue.valuation import Valuation, ValuationError, value

__all__ = [
    "BidScore",
    "CriterionScore",
    "Evaluation",
    "LineValue",
    "RejectedBid",
    "Tie",
    "WeightSensitivity",
    "WinnerChange",
    "evaluate",
]


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
        note = scheme.weight_note()
        if note is not None:
            lines.append(f"note: {note}")
        if self.scope is not None:
            lines.append(f"scope: {self.scope.reason}")
        if self.methodology is not None:
            lines.append(f"methodology: {self.methodology}")
        lines.append("ranking:")
        width = max((len(s.bidder) for s in self.scores), default=0)
        lines.extend(
            f"  {score.rank}. {score.bidder:<{width}}  "
            f"{shown(score.total, digits, scheme.rounding)}{'  (tied)' if score.tied else ''}"
            for score in self.scores
        )
        lines.extend(
            f"tie at rank {tie.rank}: {', '.join(tie.bidders)} all score "
            f"{shown(tie.total, digits)}; the scheme does not break ties — apply your tie-break"
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
      ``w_qualitative × criterion weight × band score`` (percentages); zero for no response,
      and — where a criterion sets the scheme's own ``requires_commitment`` rule (off by
      default) — for a response without a specific, measurable and time-bound commitment.

    Ranks follow the totals rounded to the scheme's places; equal rounded totals share a rank
    and are reported as a tie. The order bids are given in changes nothing. A contract out of
    scope under the scheme's policy is still evaluated; :attr:`Evaluation.scope` says so.

    Examples:
        Two bids under a 60/30/10 scheme whose social value is scored qualitatively (a monetised
        scheme also needs a :class:`~socialvalue.Methodology`; see the procurement guide):

        >>> from socialvalue import Money
        >>> from socialvalue.procurement import (
        ...     AwardCriterion, Bid, EvaluationScheme, QualitativeResponse, ScoreBand, Tender)
        >>> scheme = EvaluationScheme(
        ...     id="fm", title="FM 60/30/10", price_weight="60", quality_weight="30",
        ...     social_value_weight="10", social_value_method="qualitative",
        ...     bands=[ScoreBand(label="Good", score="70"), ScoreBand(label="Poor", score="10")],
        ...     criteria=[AwardCriterion(id="1a", title="Local jobs", weight="100")])
        >>> tender = Tender(id="FM-1", title="Facilities management", value=Money("100000"),
        ...                 term="2025/26", scheme=scheme)
        >>> evaluation = evaluate(tender, [
        ...     Bid(bidder="X", price=Money("100000"), quality="80",
        ...         responses=[QualitativeResponse(criterion="1a", band="Good")]),
        ...     Bid(bidder="Y", price=Money("90000"), quality="60",
        ...         responses=[QualitativeResponse(criterion="1a", band="Poor")])])
        >>> evaluation.ranking()
        ((1, 'X', Decimal('85.00')), (2, 'Y', Decimal('79.00')))
        >>> print(evaluation.score("X").explain())  # doctest: +ELLIPSIS
        X: rank 1 of 2, total 85.00 of 100
          price (lowest price ratio): 60 × 90000.00 GBP ÷ 100000.00 GBP = 54.00
          quality: 30 × 80 ÷ 100 = 24.00
          social value (10%): 7.00
            qualitative (100% of the social value weight = 10 points): 7.00
              1a Local jobs (100%): band 'Good' (70%) → 7.00
          total: 54.00 + 24.00 + 7.00 = 85.00 (computed unrounded; shown to 2 places)
          ...

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
                share = offer.amount / bid.price.amount * HUNDRED
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


# --- checking bids against the tender, and valuing their offers ----------------------------------
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


@attrs.frozen
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
    problems = [
        (problem.location, problem.message)
        for problem in framework.fit_problems(measure=line.measure, unit=line.unit)
    ]
    if line.measure not in framework:
        return problems
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
                f"({pct(tender.scheme.quality_max)})",
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


# --- a bid's score, part by part ----------------------------------------------------------------
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
            f"{head} → {money_text(self.amount, places)} ({brief(per_unit)} "
            f"{self.amount.currency} per {self.unit.label} after the methodology's steps)"
            f"\n    {origin}"
        )


@attrs.frozen(kw_only=True)
class CriterionScore:
    """How a bid's response to one award criterion scored.

    Attributes:
        criterion: The criterion.
        response: The response, or ``None`` if the bid gave none (it then scores zero).
        band_score: The share of the criterion's marks earned, in percent, after the scheme's
            ``requires_commitment`` rule where the criterion sets it.
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
            return shown(number, digits, scheme.rounding)

        tie = " (tied)" if self.tied else ""
        lines = [
            f"{self.bidder}: rank {self.rank}{tie} of {self.of}, total {show(self.total)} of 100",
            f"  price {self._price_text(show)}",
            (
                f"  quality: {pct(scheme.quality_weight)} × {self.bid.quality} ÷ "
                f"{pct(scheme.quality_max)} = {show(self.quality_score)}"
            ),
            (
                f"  social value ({pct(scheme.social_value_weight)}%): "
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

    def _price_text(self, show: Show) -> str:
        scheme, bid_price, lowest = self.scheme, self.bid.price, self.lowest_price
        weight = pct(scheme.price_weight)
        if scheme.price_method is PriceMethod.LOWEST_PRICE_RATIO:
            formula = f"{weight} × {money_text(lowest)} ÷ {money_text(bid_price)}"
        else:
            formula = (
                f"{weight} × (1 − ({money_text(bid_price)} − {money_text(lowest)}) ÷ "
                f"{money_text(lowest)}), not below 0"
            )
        return f"({words(scheme.price_method)}): {formula} = {show(self.price_score)}"

    def _monetised_text(self, show: Show) -> list[str]:
        scheme = self.scheme
        best = self.best_offer
        offer = self.offer_value
        head = (
            f"    monetised ({pct(scheme.monetised_fraction * HUNDRED)}% of the social value "
            f"weight = {pct(scheme.monetised_weight)} points; {basis_words(scheme.offer_basis)}"
            f" under {self._methodology()}):"
        )
        if offer is None or best is None or best.is_zero():
            body = "no bid offers any £: every bid scores 0 on this part"
        else:
            body = (
                f"{pct(scheme.monetised_weight)} × {money_text(offer)} ÷ best offer "
                f"{money_text(best)} = {show(self.monetised_score)}"
            )
        lines = [head, f"      {body}"]
        lines.extend("      " + line.describe().replace("\n", "\n      ") for line in self.lines)
        if self.offer_share is not None:
            lines.append(
                f"      social value offered = {shown(self.offer_share, 2)}% of the bid price "
                "(reported alongside; not what is scored)"
            )
        return lines

    def _qualitative_text(self, show: Show) -> list[str]:
        scheme = self.scheme
        share = pct((1 - scheme.monetised_fraction) * HUNDRED)
        lines = [
            (
                f"    qualitative ({share}% of the social value weight = "
                f"{pct(scheme.qualitative_weight)} points): {show(self.qualitative_score)}"
            )
        ]
        lines.extend(
            f"      {score.criterion.id} {score.criterion.title} "
            f"({pct(score.criterion.weight)}%): {score.reason} → {show(score.points)}"
            for score in self.criteria
        )
        return lines

    def _implied_text(self) -> list[str]:
        if self.price_per_point is None:
            return ["  price of a point: none (price is not weighted, or no point left to lose)"]
        lines = [
            (
                f"  price of a point: pricing {money_text(self.price_per_point)} higher would cost "
                f"exactly one point of price score (lowest price held at "
                f"{money_text(self.lowest_price)})"
            )
        ]
        pounds = self.price_per_social_value_pound
        if self.offer_per_point is not None and pounds is not None:
            lines.append(
                f"  one point of monetised social value = {money_text(self.offer_per_point)} of "
                f"offer, so each £1 of social value offered is worth {shown(pounds, 4)} "
                f"{self.bid.price.currency} of price to this evaluation"
            )
        return lines

    def _methodology(self) -> str:
        methodology = self.scheme.methodology
        return "no methodology" if methodology is None else str(methodology.ref)


# --- scoring a checked bid, exactly ---------------------------------------------------------------
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
                    f"placed in band {band.label!r} ({pct(band.score)}%), but the response "
                    f"has no specific, measurable and time-bound commitment (missing: "
                    f"{', '.join(missing)}): scores zero under the scheme's own rule "
                    "(requires_commitment)"
                )
            else:
                band_score = band.score
                reason = f"band {band.label!r} ({pct(band.score)}%)"
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


@attrs.frozen
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


# --- what the weighting implies: the price of a point, the weight at which the winner changes -----
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
                f"social value weight: {pct(self.current)}% (price and quality keep their "
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
            if policy is not None and not policy.allows(change.social_value_weight):
                outside = f" — outside the policy's range ({policy.weight_range()})"
            elif policy is not None and not policy.is_usual(change.social_value_weight):
                outside = f" — outside the policy's usual range ({policy.usual_range()})"
            lines.append(
                f"  {label}: at {shown(change.social_value_weight, places)}% "
                f"(price {shown(change.price_weight, places)}%, quality "
                f"{shown(change.quality_weight, places)}%) {' and '.join(change.bidders)} "
                f"draws level with {self.winner}, and leads {label} it{outside}"
            )
        return "\n".join(lines)


_WEIGHT_PLACES = Decimal("1e-40")


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
                numerator, denominator = HUNDRED * d_a * current, d_a * current - rest * d_s
            else:
                d_s = winner.sv_fraction - other.sv_fraction
                numerator, denominator = HUNDRED * d_a, d_a - rest * d_s
            if denominator == 0:
                continue  # parallel lines: the gap is the same at every weight
            crossing = numerator / denominator
            if not 0 <= crossing <= HUNDRED or crossing == current:
                continue
            side = below if crossing < current else above
            side.setdefault(crossing, []).append(other.checked.bid.bidder)

    def change(side: dict[Decimal, list[str]], pick: Decimal | None) -> WinnerChange | None:
        if pick is None:
            return None
        with calculation_context():
            # Held to _WEIGHT_PLACES so that 100 − w and the split of the rest are exact: the
            # three weights then add up to exactly 100, as a scheme requires, whatever the
            # number of digits the crossing point has (far below any weight anyone would set).
            level = pick.quantize(_WEIGHT_PLACES)
            remaining = HUNDRED - level
            price_weight = (remaining * scheme.price_weight / rest).quantize(_WEIGHT_PLACES)
            return WinnerChange(
                social_value_weight=level,
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
