"""The tender and the bids for it: offer lines and qualitative responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from socialvalue._decimal import to_decimal
from socialvalue.money import Money
from socialvalue.periods import AnyPeriod
from socialvalue.procurement._common import (
    not_blank,
    to_optional_date,
    to_optional_period,
    to_period,
    to_quality,
    valid_id,
)
from socialvalue.procurement.scheme import EvaluationScheme, ScopeDecision, in_scope

__all__ = ["Bid", "OfferLine", "QualitativeResponse", "Tender"]


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

    id: str = attrs.field(validator=valid_id)
    title: str = attrs.field(validator=not_blank)
    value: Money
    term: AnyPeriod = attrs.field(converter=to_period)
    geography: str = attrs.field(default="UK", validator=not_blank)
    scheme: EvaluationScheme
    buyer: str = ""

    def scope(self) -> ScopeDecision | None:
        """Whether the contract is in scope under the scheme's policy (``None``: no policy)."""
        policy = self.scheme.policy
        return None if policy is None else in_scope(self.value, policy)


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

    measure: str = attrs.field(validator=not_blank)
    quantity: Decimal = attrs.field(converter=_positive_quantity)
    unit: str | None = None
    period: AnyPeriod | None = attrs.field(default=None, converter=to_optional_period)
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
        time_bound: and time-bound. Only a response with all three becomes a commitment at
            award; a criterion with the scheme's ``requires_commitment`` rule scores it zero
            without them.
        due: When the commitment is to be met, if the response says (within the contract term).
        note: The evaluators' moderation note.
    """

    criterion: str = attrs.field(validator=not_blank)
    band: str = attrs.field(validator=not_blank)
    commitment: str = ""
    specific: bool = False
    measurable: bool = False
    time_bound: bool = False
    due: dt.date | None = attrs.field(default=None, converter=to_optional_date)
    note: str = ""

    def missing(self) -> tuple[str, ...]:
        """What the commitment lacks of specific, measurable and time-bound (empty: nothing)."""
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

    bidder: str = attrs.field(validator=not_blank)
    price: Money
    quality: Decimal = attrs.field(
        default=Decimal(0),
        converter=to_quality,
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
