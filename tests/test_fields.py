"""The shared field rules (``_fields``): one definition, used by every model the same way."""

from __future__ import annotations

import datetime as dt

import pytest

from socialvalue import Delivery, FinancialQuarter, Period, ProgressUpdate, ValidationError
from socialvalue.io import shipped_framework
from socialvalue.procurement import OfferLine


def _delivery(period: object) -> Delivery:
    return Delivery(measure="LCR-EMP-1", quantity="1", period=period)


def _update(period: object) -> ProgressUpdate:
    return ProgressUpdate(
        commitment="K1/JOBS", period=period, reported="2024-10-10", status="on_track"
    )


@pytest.mark.parametrize("make", [_delivery, _update])
def test_a_period_is_a_period_its_label_or_a_date(make) -> None:
    assert make("2024/25 Q2").period == FinancialQuarter(2024, 2)
    assert make(dt.date(2024, 8, 1)).period == Period(dt.date(2024, 8, 1), dt.date(2024, 8, 1))
    assert make(FinancialQuarter(2024, 2)).period == FinancialQuarter(2024, 2)


@pytest.mark.parametrize("make", [_delivery, _update])
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (42, r"42 \(int\)"),
        (dt.datetime(2024, 8, 1, 9, 30), r"datetime\.datetime\(.*\) \(datetime\)"),  # noqa: DTZ001
    ],
)
def test_an_int_or_a_datetime_is_not_a_period_anywhere(make, value: object, shown: str) -> None:
    with pytest.raises(ValidationError, match=rf"^period: {shown} is not a period; expected"):
        make(value)


def test_procurement_periods_follow_the_same_rule() -> None:
    with pytest.raises(ValidationError, match=r"42 \(int\) is not a period"):
        OfferLine(measure="LCR-EMP-1", quantity="2", period=42)


def test_the_measure_unit_and_role_check_is_one_rule() -> None:
    framework = shipped_framework()
    assert framework.fit_problems(measure="LCR-EDI-1", unit="person", role=None) == []
    problems = framework.fit_problems(measure="LCR-EDI-1", unit="hour", role="juggler")
    assert [p.location for p in problems] == ["unit", "role"]
    assert "never converted" in problems[0].message
    assert [p.location for p in framework.fit_problems(measure="NOPE", unit="hour")] == ["measure"]
    targets = framework.fit_problems(measure="LCR-EDI-1", unit="hour", counted="targets")
    assert "targets are never converted" in targets[0].message
