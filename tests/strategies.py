"""Strategies for the test suite: the public ones from socialvalue.testing, plus test-only ones."""

from hypothesis import strategies as st

from socialvalue.testing import (
    academic_years,
    any_periods,
    calendar_years,
    codes,
    commitments,
    costs,
    dates,
    decimals,
    deliveries,
    financial_quarters,
    financial_years,
    frameworks,
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
    "costs",
    "currencies",
    "dates",
    "decimals",
    "deliveries",
    "financial_quarters",
    "financial_years",
    "frameworks",
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
