"""Checking bids against the tender, valuing their offers, and rejecting them with reasons."""

from __future__ import annotations

import attrs

from socialvalue.deliveries import Delivery
from socialvalue.exceptions import Problem, UnknownCodeError
from socialvalue.framework import Framework
from socialvalue.methodology import Methodology
from socialvalue.money import Money
from socialvalue.procurement._bid_score import LineValue
from socialvalue.procurement._methods import OfferBasis
from socialvalue.procurement._text import _pct
from socialvalue.procurement.bids import Bid, OfferLine, Tender
from socialvalue.proxies import NoProxyValueError
from socialvalue.valuation import Valuation, ValuationError, value

__all__ = ["RejectedBid", "_Checked", "_check_bid"]


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
