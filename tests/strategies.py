"""Strategies for the test suite: the public ones from socialvalue.testing, plus test-only ones."""

import os

from hypothesis import strategies as st

from socialvalue.testing import (
    academic_years,
    any_periods,
    calendar_years,
    codes,
    commitments,
    dates,
    decimals,
    deliveries,
    financial_quarters,
    financial_years,
    frameworks,
    hostile_numbers,
    hostile_period_labels,
    hostile_texts,
    measures,
    money,
    periods,
    price_indices,
    proxy_registries,
    proxy_values,
    sources,
    texts,
    units,
)

__all__ = [
    "academic_years",
    "any_periods",
    "calendar_years",
    "codes",
    "commitments",
    "currencies",
    "dates",
    "decimals",
    "deliveries",
    "financial_quarters",
    "financial_years",
    "frameworks",
    "fuzz_examples",
    "hostile_numbers",
    "hostile_period_labels",
    "hostile_texts",
    "measures",
    "money",
    "periods",
    "price_indices",
    "proxy_registries",
    "proxy_values",
    "sources",
    "texts",
    "units",
]

#: A few real ISO 4217 codes.
currencies = st.sampled_from(["GBP", "EUR", "USD", "JPY"])


#: Examples per parser fuzz test, by hypothesis profile (see tests/conftest.py).
_FUZZ_EXAMPLES = {"dev": 200, "ci": 1_000, "deep": 10_000}


def fuzz_examples() -> int:
    """How many inputs each parser fuzz test draws under the chosen profile."""
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
    return _FUZZ_EXAMPLES.get(profile, _FUZZ_EXAMPLES["dev"])
