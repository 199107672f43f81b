"""socialvalue.procurement.award: the awarded offer as contractual commitments."""

import datetime as dt
from decimal import Decimal

import pytest
from helpers import (
    QUALITATIVE_BIDS,
    THREE_BIDS,
    qualitative_scheme,
    tender,
)

from socialvalue.commitments import CONTRACTUAL, CommitmentSet, check_commitments
from socialvalue.io import shipped_framework
from socialvalue.money import Money
from socialvalue.procurement import (
    award,
    evaluate,
)


def test_three_bids_awarded_become_contractual_commitments():
    evaluation = evaluate(tender(), THREE_BIDS)
    (commitment,) = award(evaluation)
    assert commitment.id == "LCR-2025-014/SV-1"
    assert commitment.kind == CONTRACTUAL
    assert commitment.contract == "LCR-2025-014"
    assert commitment.owner == "B"
    assert (commitment.measure, commitment.target, commitment.unit) == (
        "LCR-COM-1",
        Decimal(200),
        "hour",
    )
    assert (commitment.start, commitment.due) == (dt.date(2025, 4, 1), dt.date(2027, 3, 31))
    assert commitment.promised_value == Money("2000")
    assert commitment.source.title == "Bid by B for Cleaning services"
    assert commitment.note.startswith("Promised value: the net £ of the offer line under")
    # Award another bidder by name (e.g. after a challenge): A's record-only line has no £.
    commitments = award(evaluation, bidder="A")
    assert [c.id for c in commitments] == [
        "LCR-2025-014/SV-1",
        "LCR-2025-014/SV-2",
        "LCR-2025-014/SV-3",
    ]
    assert [c.promised_value for c in commitments] == [Money("20000"), Money("5000"), None]
    assert commitments[0].evidence == ("LCR-2025-014 bid A-1, offer line 1",)
    check_commitments(commitments, shipped_framework())
    assert len(CommitmentSet(title="Awarded", commitments=commitments)) == 3


def test_qualitative_award_turns_smart_responses_into_commitments():
    commitments = award(evaluate(tender(qualitative_scheme()), QUALITATIVE_BIDS))
    assert [(c.id, c.title, c.due) for c in commitments] == [
        ("LCR-2025-014/Q-1a", "Create and retain high-quality jobs", dt.date(2027, 3, 31)),
        ("LCR-2025-014/Q-1b", "Fair working conditions", dt.date(2026, 3, 31)),
    ]
    assert all(c.measure is None and c.contract == "LCR-2025-014" for c in commitments)


def test_awarding_an_unscored_bidder_is_an_error():
    evaluation = evaluate(tender(), THREE_BIDS)
    with pytest.raises(ValueError, match="unknown scored bidder 'D'"):
        award(evaluation, bidder="D")
    with pytest.raises(ValueError, match="no single winner to award: no bid was scored"):
        award(evaluate(tender(), []))
