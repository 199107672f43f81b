"""socialvalue.procurement.bids: the tender, offer lines, qualitative responses and bids."""

import datetime as dt

import pytest
from helpers import CENTRAL, qualitative_scheme, scheme, smart, tender

from socialvalue.exceptions import ValidationError
from socialvalue.money import Money
from socialvalue.periods import Period
from socialvalue.procurement import LCRCA_POLICY, Bid, OfferLine, QualitativeResponse


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (
            lambda: tender(id="contract 14"),
            ValueError,
            "id: 'contract 14' is not an id",
        ),
        (
            lambda: OfferLine(measure="LCR-COM-1", quantity="0"),
            ValueError,
            "quantity: 0 must be more than zero",
        ),
        (
            lambda: Bid(bidder="A", price=Money("0")),
            ValueError,
            "price: £0.00 must be more than zero",
        ),
        (
            lambda: Bid(bidder="A", price=Money("10"), quality="-1"),
            ValueError,
            "quality: -1 is negative",
        ),
        (
            lambda: Bid(bidder="A", price="10"),
            TypeError,
            "price: expected Money, got str",
        ),
        (
            lambda: Bid(bidder=" ", price=Money("10")),
            ValueError,
            "bidder: must not be empty",
        ),
    ],
)
def test_bid_model_rules(build, error, message):
    with pytest.raises(error, match=None) as caught:
        build()
    assert message in str(caught.value)


def test_a_tender_is_in_scope_under_its_schemes_policy():
    assert tender().scheme.policy is LCRCA_POLICY
    assert tender().scope().in_scope
    assert not tender(value=Money("20000")).scope().in_scope
    assert tender(qualitative_scheme(policy=CENTRAL), value=Money("1")).scope().in_scope
    assert tender(scheme(policy=None)).scope() is None


def test_a_tender_term_is_read_from_a_label_or_a_date():
    assert tender(term="2025/26").term.label == "2025/26"
    assert tender(term=dt.date(2025, 4, 1)).term == Period(dt.date(2025, 4, 1), dt.date(2025, 4, 1))
    with pytest.raises(ValidationError, match=r"\(datetime\) is not a period"):
        tender(term=dt.datetime(2025, 4, 1, 9, 0, tzinfo=dt.UTC))
    with pytest.raises(ValidationError, match=r"^period: 42 \(int\) is not a period"):
        tender(term=42)


def test_a_response_says_what_its_commitment_lacks():
    assert smart("1a", "Good").missing() == ()
    assert smart("1a", "Good", measurable=False, time_bound=False).missing() == (
        "measurable",
        "time-bound",
    )
    assert QualitativeResponse(criterion="1a", band="Good").missing() == ("a commitment",)
    assert smart("1a", "Good", due="2026-03-31").due == dt.date(2026, 3, 31)


def test_offer_lines_and_bids_keep_their_lists_as_tuples():
    bid = Bid(
        bidder="A",
        price=Money("10"),
        offer=[OfferLine(measure="LCR-COM-1", quantity="1", period="2025/26")],
        responses=[smart("1a", "Good")],
    )
    assert isinstance(bid.offer, tuple)
    assert isinstance(bid.responses, tuple)
    assert bid.offer[0].period.label == "2025/26"
