"""Commitments and commitment sets: validated when they enter, checked against a framework."""

import datetime as dt

import attrs
import pytest
from helpers import JOBS
from hypothesis import given, strategies as st
from strategies import commitments

from socialvalue import CommitmentSet, DataFileError, ProgressUpdate, ValidationError
from socialvalue.commitments import check_commitments
from socialvalue.io import dumps, load_commitments, loads, shipped_commitments, shipped_framework


@given(st.lists(commitments(), max_size=4, unique_by=lambda c: c.id))
def test_commitment_sets_round_trip(promises):
    document = CommitmentSet(
        title="generated",
        commitments=promises,
        updates=[
            ProgressUpdate(
                commitment=c.id,
                period="2024/25 Q1",
                reported="2024-07-01",
                status="on_track",
                delivered="1.5",
            )
            for c in promises
        ],
    )
    for fmt in ("json", "toml"):
        assert loads(dumps(document, format=fmt), CommitmentSet, format=fmt) == document


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"target": None}, "a quantified commitment needs both a measure and a target"),
        ({"target": "0"}, "target: 0 must be more than zero"),
        ({"due": dt.date(2020, 1, 1)}, "due: 2020-01-01 is before the start 2024-04-01"),
        ({"contract": None}, "contract: a contractual commitment names its contract"),
        ({"kind": "Day One"}, "kind: 'Day One' is not a kind"),
        ({"id": "has space"}, "id: 'has space' is not an id"),
        ({"target": 1.5}, "got the float 1.5"),
    ],
)
def test_commitments_validate_themselves(changes, message):
    with pytest.raises((ValueError, TypeError), match=message):
        attrs.evolve(JOBS, **changes)


def test_check_commitments_against_the_framework():
    bad = [
        attrs.evolve(JOBS, measure="LCR-EMP-9"),
        attrs.evolve(JOBS, id="K1/2", unit="hour"),
        attrs.evolve(JOBS, id="K1/3", role="boss"),
    ]
    with pytest.raises(ValidationError) as info:
        check_commitments(bad, shipped_framework())
    assert [p.location for p in info.value.problems] == ["[0].measure", "[1].unit", "[2].role"]
    assert "LCR-EMP-1 is counted in 'fte_year', not 'hour'" in str(info.value)
    check_commitments(shipped_commitments(), shipped_framework())


def test_bad_commitments_file(tmp_path):
    path = tmp_path / "commitments.toml"
    path.write_text(
        'title = "x"\n[[commitments]]\nid = "A"\nkind = "day_one"\ntitle = "t"\nstart = "2024-13-01"\n[[updates]]\ncommitment = "A"\nperiod = "2024/25 Q5"\nreported = 2024-07-01\nstatus = "fine"\n'
    )
    with pytest.raises(DataFileError) as info:
        load_commitments(path)
    text = str(info.value)
    assert "commitments[0].start" in text
    assert "updates[0].period: cannot read '2024/25 Q5' as a period" in text
    assert "updates[0].status: 'fine' is not one of 'not_started'" in text


def test_shipped_commitments_cite_their_sources():
    shipped = shipped_commitments()
    # The 2023 report's priorities going forward, not the framework's Future Aspirations.
    assert {c.kind for c in shipped} == {"day_one", "report_priority"}
    day_one = [c for c in shipped if c.kind == "day_one"]
    assert len(day_one) == 6
    assert all(c.source is not None and c.source.section == "4.6" for c in day_one)
    assert shipped.commitment("D1-PRC-01").due == dt.date(2023, 3, 31)
    assert {c.title.split()[0] for c in shipped if c.id.startswith("FA-EMP-0")} >= {
        "Register",
        "Achieve",
    }
    assert not any(c.responsible_officer for c in shipped)  # not named in public sources
