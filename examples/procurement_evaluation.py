"""A procurement officer scores three bids on social value and hands the winner's offer on.

The Combined Authority is buying two years of grounds maintenance (£480,000). The example

1. checks the contract is in scope for social value under the LCRCA policy (above £20,000);
2. defines a 60/30/10 scheme — price 60%, quality 30%, social value 10% scored as a £ offer
   relative to the best offer — and checks the 10% against the policy's usual 10–20% (current
   practice, not a cap: a weight outside it would be built with a SocialValueWeightWarning);
3. scores three bids (a fourth, with mistakes in its offer, is rejected with its reasons);
4. prints each bidder's breakdown, and what the weighting implies: the £ of price one point is
   worth, the £ of price £1 of social value is worth, and the social value weight at which the
   winner would change;
5. turns the winner's offer into contractual commitments for tracking, and prints the tender's
   social value criteria as an OCDS sustainability fragment.

Proxy values: the shipped open registries only (ONS earnings for volunteering hours, DESNZ
carbon values), carried forward where the contract runs past their last year and marked as
extrapolated in every explanation. Local jobs and apprenticeships have no open value, so this
example states two SYNTHETIC values whose source says "synthetic, for illustration; not a proxy
value": they show the mechanics only. Replace them with values you are licensed to use (for
example a file built with `socialvalue registry import`). An offer line that no registry can
value is not scored as £0: the bid is rejected with the reason, so state a value for every
measure the tender invites (EDI training, LCR-EDI-1, has no open value).

Run: python examples/procurement_evaluation.py
"""

import datetime as dt
import json
from pathlib import Path

import attrs

import socialvalue as sv
from socialvalue.procurement import (
    LCRCA_POLICY,
    Bid,
    EvaluationScheme,
    OfferLine,
    SocialValueMethod,
    Tender,
    award,
    evaluate,
    in_scope,
    ocds_sustainability,
)

HERE = Path(__file__).parent

# --- the methodology offers are valued under ------------------------------------------------------

ILLUSTRATIVE = sv.Source(
    title="synthetic, for illustration; not a proxy value",
    publisher="socialvalue examples",
)


def illustrative(measure: str, unit: str, amount: str) -> sv.ProxyValue:
    return sv.ProxyValue(
        measure=measure,
        unit=unit,
        value=amount,
        price_base="2024/25",
        valid_from=dt.date(2024, 4, 1),
        source=ILLUSTRATIVE,
        licence="public domain (synthetic example data)",
        verification="unverified",
        note="Synthetic, for illustration; not a proxy value. Made up to show the mechanics.",
    )


example_values = sv.ProxyRegistry(
    id="procurement-example",
    title="Synthetic values for the procurement example (not proxy values)",
    version="1",
    publisher="socialvalue examples",
    licence="public domain (synthetic example data)",
    values=(
        illustrative("LCR-EMP-1", "fte_year", "12000"),
        illustrative("LCR-SKL-1", "count", "2500"),
    ),
)
default = sv.default_methodology()
methodology = attrs.evolve(
    default,
    id="procurement-example",
    title="LCRCA open default and two synthetic values",
    registries=(
        example_values,
        *default.registries,
    ),
    # Value each line at the middle of its period (carbon values change every calendar year),
    # and carry the last open values forward (every explanation says EXTRAPOLATED).
    proxy_date=sv.methodology.ProxyDate.MIDDLE,
    lookup_policy=sv.proxies.LookupPolicy.CARRY_FORWARD,
)

# --- 1. scope, 2. the scheme ----------------------------------------------------------------------

contract_value = sv.Money("480000")
print(in_scope(contract_value, LCRCA_POLICY).reason)

scheme = EvaluationScheme(
    id="lcrca-standard-60-30-10",
    title="LCRCA services, 60/30/10",
    price_weight="60",
    quality_weight="30",
    social_value_weight="10",
    social_value_method=SocialValueMethod.MONETISED,
    methodology=methodology,
    offer_basis="net",  # the default: what contract tracking compares delivery with
    # The measures this tender invites offers on; any other is outside the contract's scope.
    measures=["LCR-EMP-1", "LCR-EMP-3", "LCR-SKL-1", "LCR-COM-1", "LCR-EDI-1", "LCR-ENV-2"],
    policy=LCRCA_POLICY,
)
tender = Tender(
    id="LCR-2025-031",
    title="Grounds maintenance across Combined Authority sites",
    buyer="Liverpool City Region Combined Authority",
    value=contract_value,
    term="2025-04-01..2027-03-31",
    geography="Liverpool City Region",
    scheme=scheme,
)

# --- 3. the bids ----------------------------------------------------------------------------------

bids = [
    Bid(
        bidder="Mersey Green Ltd",
        id="MG-0415",
        price=sv.Money("455000"),
        quality="72",
        offer=[
            OfferLine(measure="LCR-EMP-1", quantity="2", note="two local gardeners, two years"),
            OfferLine(measure="LCR-SKL-1", quantity="1"),
            OfferLine(measure="LCR-COM-1", quantity="300", unit="hour"),
            OfferLine(measure="LCR-ENV-2", quantity="25", note="electric mowers and vans"),
        ],
    ),
    Bid(
        bidder="Northshore Services",
        id="NS-22",
        price=sv.Money("430000"),
        quality="65",
        offer=[
            OfferLine(measure="LCR-COM-1", quantity="400", unit="hour"),
            OfferLine(measure="LCR-ENV-2", quantity="15", note="route planning, fewer van miles"),
        ],
    ),
    Bid(
        bidder="Wirral Grounds Co-operative",
        id="WGC-7",
        price=sv.Money("470000"),
        quality="80",
        offer=[
            OfferLine(measure="LCR-EMP-1", quantity="3"),
            OfferLine(measure="LCR-SKL-1", quantity="2"),
            OfferLine(measure="LCR-EMP-3", quantity="20", note="all staff on the Real Living Wage"),
            OfferLine(measure="LCR-ENV-2", quantity="40"),
        ],
    ),
    Bid(  # offers value outside the contract: rejected with every reason, never scored
        bidder="Anywhere Facilities plc",
        price=sv.Money("410000"),
        quality="60",
        offer=[
            OfferLine(measure="LCR-COM-1", quantity="50", unit="day"),
            OfferLine(measure="LCR-EMP-1", quantity="4", geography="Greater Manchester"),
            OfferLine(measure="LCR-SPD-1", quantity="100000"),
        ],
    ),
]

evaluation = evaluate(tender, bids)

# --- 4. breakdowns and what the weighting implies -------------------------------------------------

print()
print(evaluation.explain())

winner = evaluation.winner
if winner is not None:
    per_point = winner.price_per_point
    offer_per_point = winner.offer_per_point
    pounds = winner.price_per_social_value_pound
    if per_point is not None and offer_per_point is not None and pounds is not None:
        print(
            f"\nWhat the weighting implies: at {winner.bidder}'s price, one point of score is "
            f"worth £{per_point.quantize(2).amount:,f} of price; one point of social value takes "
            f"£{offer_per_point.quantize(2).amount:,f} more social value (the best offer ÷ 10 "
            f"points). So this 10% weighting values £1 of social value at "
            f"£{pounds.quantize(sv.Money('0.01').amount):f} of price."
        )

# --- 5. award: the winner's offer becomes contractual commitments ---------------------------------

if winner is not None:
    commitments = sv.CommitmentSet(
        title=f"{tender.id} social value commitments", commitments=award(evaluation)
    )
    sv.commitments.check_commitments(commitments, methodology.framework)
    print(f"\n{len(commitments)} commitments for contract tracking:")
    for commitment in commitments:
        promised = (
            "record-only, no £"
            if commitment.promised_value is None
            else f"promised £{commitment.promised_value.quantize(2).amount:,f}"
        )
        print(
            f"  {commitment.id}: {commitment.title} by {commitment.due} "
            f"({commitment.owner}; {promised})"
        )

    # Six months in, the supplier's first return (illustrative figures) is tracked against them.
    returns = [
        sv.Delivery(
            measure="LCR-EMP-1",
            quantity="0.75",
            period="2025/26 Q2",
            contract=tender.id,
            reporter=winner.bidder,
            geography=tender.geography,
        ),
    ]
    progress, _ = sv.track(
        commitments.commitments, [], returns, on=dt.date(2025, 9, 30), methodology=methodology
    )
    print("\ntracked on 2025-09-30:")
    for item in progress:
        pounds = ""
        if item.promised is not None and item.delivered_value is not None:
            pounds = (
                f" (£{item.delivered_value.quantize(2).amount:,f} delivered of "
                f"£{item.promised.quantize(2).amount:,f} promised)"
            )
        print(f"  {item.commitment.id}: {item.rag.value} — {'; '.join(item.reasons)}{pounds}")

print("\nOCDS sustainability fragment (merge into the release's tender):")
print(json.dumps(ocds_sustainability(scheme), indent=2, ensure_ascii=False))
