"""Delivery and Cost: what a return reports, checked when it enters."""

import pytest

from socialvalue import Delivery


@pytest.mark.parametrize("quantity", ["1E+30", "1" * 29, "0." + "1" * 21])
def test_quantities_beyond_exact_arithmetic_are_refused(quantity):
    with pytest.raises(ValueError, match="too large"):
        Delivery(measure="LCR-COM-1", quantity=quantity, period="2022/23")
