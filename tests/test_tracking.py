import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from helpers import DUE, HOURS, JOBS
from hypothesis import given, strategies as st
from strategies import commitments, decimals

from socialvalue import (
    Commitment,
    CommitmentSet,
    Delivery,
    FinancialQuarter,
    ProgressUpdate,
    UnknownCodeError,
    ValidationError,
    default_methodology,
    track,
)
from socialvalue.commitments import Milestone, Status
from socialvalue.io import (
    load_commitments,
    load_deliveries,
    shipped_commitments,
)
from socialvalue.tracking import Rag, RagRules, match_deliveries, quarterly_summary

EXAMPLES = Path(__file__).parent.parent / "examples"
QUARTERS = [FinancialQuarter(2024, n) for n in range(1, 5)] + [
    FinancialQuarter(2025, n) for n in range(1, 5)
]


@st.composite
def returns(draw):
    return Delivery(
        measure=draw(st.sampled_from(["LCR-EMP-1", "LCR-COM-1", "LCR-SKL-1"])),
        quantity=draw(decimals(min_value=0, max_value=50, places=1)),
        period=draw(st.sampled_from(QUARTERS)),
        contract=draw(st.sampled_from(["", "K1", "K2"])),
        role=draw(st.sampled_from([None, "employer", "commissioner"])),
    )


# --- properties ---------------------------------------------------------------------------------


@given(st.lists(returns(), max_size=25), st.randoms(use_true_random=False))
def test_delivered_to_date_is_the_sum_of_matched_deliveries_in_any_order(batch, random):
    progress, match = track([JOBS, HOURS], [], batch, on=DUE)
    for item in progress:
        assert item.delivered == sum(
            (batch[i].quantity for i in match.matched[item.commitment.id]), Decimal(0)
        )
    shuffled = list(batch)
    random.shuffle(shuffled)
    again, _ = track([JOBS, HOURS], [], shuffled, on=DUE)
    assert [p.delivered for p in again] == [p.delivered for p in progress]
    assert [p.rag for p in again] == [p.rag for p in progress]


@given(
    st.lists(returns(), max_size=25),
    st.lists(
        commitments(measures=("LCR-EMP-1", "LCR-COM-1")), max_size=4, unique_by=lambda c: c.id
    ),
)
def test_a_delivery_matches_at_most_one_commitment(batch, promises):
    match = match_deliveries(promises, batch)
    counted = [i for indexes in match.matched.values() for i in indexes]
    assert len(counted) == len(set(counted))
    assert sorted([*counted, *match.unmatched, *match.ambiguous]) == list(range(len(batch)))


@given(st.lists(returns(), max_size=15), returns())
def test_percentage_of_target_never_falls_when_a_delivery_is_added(batch, extra):
    before, _ = track([JOBS, HOURS], [], batch, on=DUE)
    after, _ = track([JOBS, HOURS], [], [*batch, extra], on=DUE)
    for old, new in zip(before, after, strict=True):
        assert new.percent >= old.percent


@given(
    st.permutations(
        [
            ProgressUpdate(
                commitment="K1/JOBS", period="2024/25 Q2", reported="2024-10-10", status="at_risk"
            ),
            ProgressUpdate(
                commitment="K1/JOBS", period="2024/25 Q1", reported="2024-07-10", status="on_track"
            ),
            ProgressUpdate(
                commitment="K1/JOBS", period="2024/25 Q2", reported="2024-10-20", status="off_track"
            ),
            ProgressUpdate(
                commitment="K1/JOBS", period="2024/25 Q3", reported="2025-01-10", status="on_track"
            ),
        ]
    )
)
def test_status_transitions_are_recorded_in_order(updates):
    (progress, *_), _ = track([JOBS], updates, [], on=DUE)
    assert [u.status for u in progress.history] == [
        Status.ON_TRACK,
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.ON_TRACK,
    ]
    assert progress.latest.period.label == "2024/25 Q3"


# --- worked scenarios ---------------------------------------------------------------------------


def _example():
    progress = load_commitments(EXAMPLES / "lcrca-progress.toml")
    return shipped_commitments().merged(progress), load_deliveries(EXAMPLES / "hr3-returns.toml")


def test_two_year_contract_falls_behind_and_recovers():
    # Illustrative contract HR3-EXAMPLE: 24 FTE-years over 2024-04-01..2026-03-31 (730 days).
    # 2024/25 Q2: 3.5 delivered after 183 days → projected 3.5 × 730 / 183 = 13.96 (58%): red.
    # 2025/26 Q2: 15.5 after 548 days → 15.5 × 730 / 548 = 20.65 (86%): amber (70%–90%).
    # 2025/26 Q4: 24.5 ≥ 24: complete.
    everything, returns_ = _example()
    rags = {}
    for quarter in (
        FinancialQuarter(2024, 2),
        FinancialQuarter(2025, 2),
        FinancialQuarter(2025, 4),
    ):
        summary = quarterly_summary(
            everything.commitments, everything.updates, returns_.deliveries, quarter=quarter
        )
        jobs = next(p for p in summary.progress if p.commitment.id == "HR3-EXAMPLE/LCR-EMP-1")
        rags[quarter.label] = (jobs.rag, jobs.delivered, jobs.projected.quantize(Decimal("0.01")))
    assert rags == {
        "2024/25 Q2": (Rag.RED, Decimal("3.5"), Decimal("13.96")),
        "2025/26 Q2": (Rag.AMBER, Decimal("15.5"), Decimal("20.65")),
        "2025/26 Q4": (Rag.COMPLETE, Decimal("24.5"), Decimal("24.50")),
    }
    recovered = quarterly_summary(
        everything.commitments,
        everything.updates,
        returns_.deliveries,
        quarter=FinancialQuarter(2025, 1),
    )
    change = next(c for c in recovered.changes if c.commitment.id == "HR3-EXAMPLE/LCR-EMP-1")
    assert (change.before, change.after) == (Rag.RED, Rag.AMBER)
    assert "HR3-EXAMPLE/LCR-EMP-1 red → amber" in recovered.render()
    assert len(recovered.unmatched) == 1  # the other supplier's return


def test_promised_against_delivered_value():
    everything, returns_ = _example()
    progress, _ = track(
        everything.commitments,
        everything.updates,
        returns_.deliveries,
        on=DUE,
        methodology=default_methodology(),
    )
    gifts = next(p for p in progress if p.commitment.id == "HR3-EXAMPLE/LCR-COM-2")
    # £20,500 given, restated in 2024/25 prices (2025/26 amounts deflated with the forecast
    # GDP deflator, 100 / 103.2388). The £20,000 target is valued alike (same prices), so the
    # variance is the £500 given beyond it, in 2024/25 prices — not the £13.74 that comparing
    # rebased delivery with the bid's own prices would show.
    assert gifts.promised.amount == Decimal(20000)
    assert gifts.delivered_value.quantize(2).amount == Decimal("20013.74")
    assert gifts.promised_like_for_like.quantize(2).amount == Decimal("19525.60")
    assert gifts.variance.quantize(2).amount == Decimal("488.14")
    exact = Decimal(500) * gifts.delivered_value.amount / 20500
    assert abs(gifts.variance.amount - exact) < Decimal("1e-20")
    jobs = next(p for p in progress if p.commitment.id == "HR3-EXAMPLE/LCR-EMP-1")
    assert jobs.delivered_value is None  # no open proxy value for local jobs
    assert any("could not be valued" in reason for reason in jobs.reasons)


def test_qualitative_commitment_completed_by_milestones():
    safe_spaces = Commitment(
        id="D1-SRV-01",
        kind="day_one",
        title="Safe Spaces",
        role="service-provider",
        start=dt.date(2022, 4, 1),
        due=dt.date(2023, 3, 31),
        responsible_officer="Head of Customer Services",
        milestones=[
            Milestone(title="Stations signed up", due="2022-06-30", done="2022-06-01"),
            Milestone(title="Staff trained to signpost", due="2022-09-30", done="2022-11-15"),
            Milestone(title="Travel centres signed up", due="2023-03-31", done="2023-02-01"),
        ],
    )

    def rag_on(day):
        (progress,), _ = track([safe_spaces], [], [], on=day)
        return progress.rag, progress.milestones_done, progress.milestones_overdue

    assert rag_on(dt.date(2022, 7, 1)) == (Rag.GREEN, 1, 0)
    assert rag_on(dt.date(2022, 10, 31)) == (Rag.AMBER, 1, 1)  # training late
    assert rag_on(dt.date(2022, 12, 31)) == (Rag.GREEN, 2, 0)
    assert rag_on(dt.date(2023, 3, 31)) == (Rag.COMPLETE, 3, 0)


def test_evidence_on_the_record_counts_a_commitment_as_met():
    """D1-PRC-01 (weighting by March 2023) cites the 2023 annual report as evidence that it was
    met; with no progress update, it is met with that evidence cited, not red and overdue."""
    weighting = shipped_commitments().commitment("D1-PRC-01")
    (progress,), _ = track([weighting], [], [], on=dt.date(2023, 6, 30), rules=RagRules())
    assert (progress.rag, progress.overdue) == (Rag.COMPLETE, False)
    evidence = "Annual Report 2023, Commissioner: weighting for social value increased to"
    assert progress.reasons == (f"met: evidence on its record: {evidence} between 10% and 20%",)
    no_evidence = attrs.evolve(weighting, evidence=())
    (late,), _ = track([no_evidence], [], [], on=dt.date(2023, 6, 30), rules=RagRules())
    assert (late.rag, late.overdue) == (Rag.RED, True)
    # Met shows green, with the evidence cited: in the progress, its records and the summary.
    assert (progress.rag.colour, late.rag.colour) == ("green", "red")
    (record,) = progress.to_records()
    assert (record["rag"], record["colour"]) == ("complete", "green")
    summary = quarterly_summary([weighting], [], [], quarter=FinancialQuarter(2023, 1))
    text = summary.render()
    assert "commissioner / day one: 1 complete (green)" in text
    assert f"[GREEN: MET] D1-PRC-01 {weighting.title}: met: evidence on its record: {evidence}" in (
        text
    )
    assert summary.escalations == ()


def test_evidence_on_the_record_does_not_meet_a_commitment_before_it_starts():
    """D1-PRC-01 starts on 2022-04-01; in 2021/22 Q1 it showed "complete (green)", met by a
    2023 report, while every other commitment was "not started"."""
    weighting = shipped_commitments().commitment("D1-PRC-01")
    assert weighting.start == dt.date(2022, 4, 1)
    (early,), _ = track([weighting], [], [], on=dt.date(2021, 6, 30))
    assert early.rag is Rag.NOT_STARTED
    assert early.reasons == ("starts 2022-04-01",)
    (started,), _ = track([weighting], [], [], on=dt.date(2022, 4, 1))
    assert started.rag is Rag.COMPLETE
    summary = quarterly_summary([weighting], [], [], quarter=FinancialQuarter(2021, 1))
    assert "Met — green" not in summary.render()


def test_every_status_has_a_colour_and_only_met_and_green_are_green():
    assert {rag: rag.colour for rag in Rag} == {
        Rag.GREEN: "green",
        Rag.COMPLETE: "green",
        Rag.AMBER: "amber",
        Rag.RED: "red",
        Rag.WITHDRAWN: "grey",
        Rag.NOT_STARTED: "grey",
    }


def test_overdue_commitments_are_red_and_escalated_with_their_officer():
    late = attrs.evolve(JOBS, responsible_officer="Contract manager")
    summary = quarterly_summary([late], [], [], quarter=FinancialQuarter(2026, 1))
    (item,) = summary.escalations
    assert (item.rag, item.overdue) == (Rag.RED, True)
    assert (
        "[RED OVERDUE] K1/JOBS Local jobs — Contract manager: overdue since 2026-03-31"
        in summary.render()
    )


def test_reported_status_can_worsen_the_rag_but_rules_can_ignore_it():
    on_track_returns = [
        Delivery(measure="LCR-EMP-1", quantity="6", period="2024/25 Q2", contract="K1")
    ]
    worried = [
        ProgressUpdate(
            commitment="K1/JOBS", period="2024/25 Q2", reported="2024-10-01", status="off_track"
        )
    ]
    (item,), _ = track([JOBS], worried, on_track_returns, on=dt.date(2024, 10, 1))
    assert item.rag is Rag.RED
    assert "reported off track in 2024/25 Q2" in item.reasons
    (item,), _ = track(
        [JOBS],
        worried,
        on_track_returns,
        on=dt.date(2024, 9, 30),
        rules=RagRules(reported_status_counts=False),
    )
    assert item.rag is Rag.GREEN


def test_self_reported_quantities_count_only_without_deliveries():
    reported = [
        ProgressUpdate(
            commitment="K1/JOBS",
            period="2024/25 Q1",
            reported="2024-07-01",
            status="on_track",
            delivered="5",
        )
    ]
    (item,), _ = track([JOBS], reported, [], on=dt.date(2024, 6, 30))
    assert (item.delivered, item.delivered_from) == (Decimal(0), "none")  # reported after the date
    (item,), _ = track([JOBS], reported, [], on=dt.date(2024, 7, 1))
    assert (item.delivered, item.delivered_from) == (Decimal(5), "updates")
    returns_ = [Delivery(measure="LCR-EMP-1", quantity="3", period="2024/25 Q1", contract="K1")]
    (item,), _ = track([JOBS], reported, returns_, on=dt.date(2024, 7, 1))
    assert (item.delivered, item.delivered_from) == (Decimal(3), "deliveries")


def test_ambiguous_and_tagged_deliveries():
    twin = attrs.evolve(HOURS, id="ORG/HOURS-2")
    batch = [
        Delivery(measure="LCR-COM-1", quantity="10", period="2024/25 Q1", role="employer"),
        Delivery(
            measure="LCR-COM-1",
            quantity="5",
            period="2024/25 Q1",
            role="employer",
            tags=["commitment:ORG/HOURS-2"],
        ),
    ]
    match = match_deliveries([HOURS, twin], batch)
    assert match.ambiguous == {0: ("ORG/HOURS", "ORG/HOURS-2")}
    assert match.matched == {"ORG/HOURS": (), "ORG/HOURS-2": (1,)}


# --- validation ---------------------------------------------------------------------------------


def test_updates_must_name_commitments():
    orphan = CommitmentSet(
        title="updates only",
        updates=[
            ProgressUpdate(
                commitment="NOPE", period="2024/25 Q1", reported="2024-07-01", status="on_track"
            )
        ],
    )
    with pytest.raises(
        ValidationError, match=r"updates\[0\].commitment: unknown commitment 'NOPE'"
    ):
        shipped_commitments().merged(orphan)
    with pytest.raises(UnknownCodeError):
        track([JOBS], orphan.updates, [], on=DUE)
    with pytest.raises(ValidationError, match="duplicate id 'K1/JOBS'"):
        CommitmentSet(title="x", commitments=[JOBS, JOBS])


def test_review_fixes_in_matching_and_updates():
    # A tagged delivery of another measure does not count towards the commitment.
    tagged = Delivery(
        measure="LCR-COM-1", quantity="500", period="2024/25 Q1", tags=["commitment:K1/JOBS"]
    )
    assert match_deliveries([JOBS], [tagged]).unmatched == (0,)
    # The same tag twice is one claim, not an ambiguity.
    twice = Delivery(
        measure="LCR-EMP-1", quantity="1", period="2024/25 Q1", tags=["commitment:K1/JOBS"] * 2
    )
    assert match_deliveries([JOBS], [twice]).matched == {"K1/JOBS": (0,)}
    # A re-report for the same period replaces the first.
    reports = [
        ProgressUpdate(
            commitment="K1/JOBS",
            period="2024/25 Q1",
            reported="2024-07-10",
            status="on_track",
            delivered="3",
        ),
        ProgressUpdate(
            commitment="K1/JOBS",
            period="2024/25 Q1",
            reported="2024-07-20",
            status="on_track",
            delivered="3",
        ),
    ]
    (item,), _ = track([JOBS], reports, [], on=dt.date(2024, 7, 31))
    assert item.delivered == Decimal(3)


# --- boundaries (issue #12: branch coverage of tracking) ----------------------------------------


def test_rag_rules_refuse_amber_above_green():
    with pytest.raises(ValueError, match=r"amber_from: 0\.95 must be between 0 and green_from"):
        RagRules(green_from=Decimal("0.9"), amber_from=Decimal("0.95"))


def test_a_delivery_before_the_commitment_starts_does_not_count():
    early = Delivery(measure="LCR-EMP-1", quantity="5", period="2023/24 Q4", contract="K1")
    match = match_deliveries([JOBS], [early])
    assert match.matched.get("K1/JOBS", ()) == ()
    assert match.unmatched == (0,)


def test_a_quantified_commitment_before_its_start_is_not_started():
    (progress,), _ = track([JOBS], [], [], on=dt.date(2024, 1, 1))
    assert progress.rag is Rag.NOT_STARTED
    assert "starts 2024-04-01" in progress.reasons


def test_a_withdrawn_commitment_is_withdrawn_whatever_was_delivered():
    update = ProgressUpdate(
        commitment="K1/JOBS", period="2024/25 Q2", reported="2024-10-01", status="withdrawn"
    )
    delivered = Delivery(measure="LCR-EMP-1", quantity="30", period="2024/25 Q1", contract="K1")
    (progress,), _ = track([JOBS], [update], [delivered], on=dt.date(2024, 12, 31))
    assert progress.rag is Rag.WITHDRAWN
    assert "withdrawn (2024/25 Q2)" in progress.reasons


def test_the_summary_lists_commitments_started_this_quarter():
    summary = quarterly_summary([JOBS], [], [], quarter=FinancialQuarter(2024, 1))
    assert [c.id for c in summary.new] == ["K1/JOBS"]
    assert "Started this quarter:\n  K1/JOBS Local jobs" in summary.render()


def test_a_target_never_counts_towards_a_commitment():
    """A forecast of the whole target is not delivery: it must not make a commitment met."""
    jobs = Commitment(
        id="K1/JOBS",
        kind="contractual",
        title="Local jobs",
        contract="K1",
        measure="LCR-EMP-1",
        target="24",
        start="2024-04-01",
        due="2025-03-31",
    )
    returns = [
        Delivery(measure="LCR-EMP-1", quantity="3", period="2024/25 Q1", contract="K1"),
        Delivery(
            measure="LCR-EMP-1", quantity="24", period="2024/25 Q1", contract="K1", status="target"
        ),
    ]
    (progress,), match = track([jobs], [], returns, on=dt.date(2024, 10, 31))
    assert progress.delivered == Decimal(3)
    assert progress.rag is not Rag.COMPLETE
    assert match.matched == {"K1/JOBS": (0,)}
    assert (match.targets, match.unmatched) == ((1,), ())
    assert match_deliveries([jobs], returns).targets == (1,)
    summary = quarterly_summary([jobs], [], returns, quarter=FinancialQuarter(2024, 2))
    assert summary.progress[0].delivered == Decimal(3)
    assert summary.unmatched == ()
