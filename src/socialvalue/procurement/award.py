"""Award: the winning bid's offer as contractual commitments, ready for tracking."""

from __future__ import annotations

from typing import cast

from socialvalue.commitments import CONTRACTUAL, Commitment
from socialvalue.exceptions import UnknownCodeError
from socialvalue.methodology import Methodology
from socialvalue.procurement._common import basis_words
from socialvalue.procurement.evaluation import BidScore, Evaluation, LineValue
from socialvalue.provenance import Source

__all__ = ["award"]


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

    Examples:
        X wins; its response made a specific, measurable and time-bound commitment, so it
        becomes a contractual commitment (Y's would not have):

        >>> from socialvalue import Money
        >>> from socialvalue.procurement import (
        ...     AwardCriterion, Bid, EvaluationScheme, QualitativeResponse, ScoreBand, Tender,
        ...     evaluate)
        >>> scheme = EvaluationScheme(
        ...     id="fm", title="FM 60/30/10", price_weight="60", quality_weight="30",
        ...     social_value_weight="10", social_value_method="qualitative",
        ...     bands=[ScoreBand(label="Good", score="70"), ScoreBand(label="Poor", score="10")],
        ...     criteria=[AwardCriterion(id="1a", title="Local jobs", weight="100")])
        >>> tender = Tender(id="FM-1", title="Facilities management", value=Money("100000"),
        ...                 term="2025/26", scheme=scheme)
        >>> smart = QualitativeResponse(
        ...     criterion="1a", band="Good", commitment="Ten local hires by March 2026",
        ...     specific=True, measurable=True, time_bound=True, due="2026-03-31")
        >>> evaluation = evaluate(tender, [
        ...     Bid(bidder="X", price=Money("100000"), quality="80", responses=[smart]),
        ...     Bid(bidder="Y", price=Money("90000"), quality="60",
        ...         responses=[QualitativeResponse(criterion="1a", band="Poor")])])
        >>> (commitment,) = award(evaluation)
        >>> commitment.id, commitment.owner, commitment.description, commitment.due
        ('FM-1/Q-1a', 'X', 'Ten local hires by March 2026', datetime.date(2026, 3, 31))
        >>> award(evaluation, bidder="Y")
        ()
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
            f"Promised value: the {basis_words(scheme.offer_basis)} of the offer "
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
