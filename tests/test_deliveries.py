"""Delivery and Cost: what a return reports, checked when it enters."""

import pytest

from socialvalue import Delivery


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [
        ("1E+30", "too large"),
        ("1" * 29, "too large"),
        ("0." + "1" * 21, "has 21 decimal places; at most 20"),
    ],
)
def test_quantities_beyond_exact_arithmetic_are_refused(quantity, expected):
    with pytest.raises(ValueError, match=expected):
        Delivery(measure="LCR-COM-1", quantity=quantity, period="2022/23")
