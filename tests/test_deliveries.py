"""Delivery and Cost: what a return reports, checked when it enters."""

import pytest

from socialvalue import Cost, Delivery


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


def test_an_unknown_cost_category_or_delivery_status_names_the_field_and_the_choices():
    # Was "'capitol' is not a valid CostCategory": no field, no choices.
    with pytest.raises(ValueError, match=r"^category: 'capitol' is not one of 'capital', "):
        Cost(amount="100", period="2024/25", category="capitol")
    with pytest.raises(ValueError, match=r"^status: 'done' is not one of 'delivered', 'target'"):
        Delivery(measure="LCR-COM-1", quantity="1", period="2022/23", status="done")
    assert Cost(amount="1", period="2024/25", category="in_kind").category.value == "in_kind"
