"""Strategies for the test suite: the public ones from socialvalue.testing, plus test-only ones.

The test-only ones: currencies, and for the valuation engine's tests additionality fractions,
multipliers, impact chains, rates and discount schedules.
"""

import os
from decimal import Decimal

from hypothesis import strategies as st

from socialvalue import Source
from socialvalue.additionality import Additionality, ImpactChain
from socialvalue.discounting import DiscountSchedule, RateBand
from socialvalue.provenance import Verification
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
    "FRACTION_FIELDS",
    "academic_years",
    "additionalities",
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
    "fractions",
    "frameworks",
    "fuzz_examples",
    "hostile_numbers",
    "hostile_period_labels",
    "hostile_texts",
    "impact_chains",
    "measures",
    "money",
    "multipliers",
    "periods",
    "price_indices",
    "proxy_registries",
    "proxy_values",
    "rates",
    "schedules",
    "sources",
    "texts",
    "units",
]

#: A few real ISO 4217 codes.
currencies = st.sampled_from(["GBP", "EUR", "USD", "JPY"])


#: The fields of Additionality that are fractions removed from the gross outcome.
FRACTION_FIELDS = ("deadweight", "leakage", "displacement", "substitution", "attribution")


def fractions(*, places: int = 4) -> st.SearchStrategy[Decimal]:
    """Decimals in [0, 1] with at most ``places`` decimal places, ends included."""
    scale = 10**places
    return st.integers(0, scale).map(lambda n: Decimal(n).scaleb(-places))


def multipliers() -> st.SearchStrategy[Decimal]:
    """Multipliers from 1 to 3, two decimal places."""
    return st.integers(100, 300).map(lambda n: Decimal(n).scaleb(-2))


def additionalities(*, multiplier: Decimal | None = None) -> st.SearchStrategy[Additionality]:
    """Additionality with any fractions; a fixed ``multiplier`` when given."""
    return st.builds(
        Additionality,
        deadweight=fractions(),
        leakage=fractions(),
        displacement=fractions(),
        substitution=fractions(),
        attribution=fractions(),
        multiplier=st.just(multiplier) if multiplier is not None else multipliers(),
        duration_years=st.integers(1, 10),
        drop_off=fractions(),
    )


def impact_chains() -> st.SearchStrategy[ImpactChain]:
    """One side of the Additionality Guide's formula."""
    return st.builds(
        ImpactChain,
        leakage=fractions(),
        displacement=fractions(),
        substitution=fractions(),
        multiplier=multipliers(),
    )


def rates(*, positive: bool = False) -> st.SearchStrategy[Decimal]:
    """Yearly rates below 10%, up to four decimal places (``0.0129``)."""
    return st.integers(1 if positive else 0, 999).map(lambda n: Decimal(n).scaleb(-4))


_SOURCE = Source(title="A schedule for a property test", publisher="socialvalue tests")


@st.composite
def schedules(
    draw: st.DrawFn, *, positive: bool = False, open_ended: bool | None = None
) -> DiscountSchedule:
    """Valid schedules: contiguous bands from year 0; the last open-ended or not."""
    lengths = draw(st.lists(st.integers(1, 40), min_size=1, max_size=5))
    band_rates = draw(
        st.lists(rates(positive=positive), min_size=len(lengths), max_size=len(lengths))
    )
    last_open = draw(st.booleans()) if open_ended is None else open_ended
    bands = []
    first = 0
    for i, (length, rate) in enumerate(zip(lengths, band_rates, strict=True)):
        is_last = i == len(lengths) - 1
        last = None if is_last and last_open else first + length - 1
        bands.append(RateBand(first_year=first, last_year=last, rate=rate))
        first += length
    return DiscountSchedule(
        id="test",
        title="Test schedule",
        edition="test",
        source=_SOURCE,
        verification=Verification.UNVERIFIED,
        bands=bands,
    )


#: Examples per parser fuzz test, by hypothesis profile (see tests/conftest.py).
_FUZZ_EXAMPLES = {"dev": 200, "ci": 1_000, "deep": 10_000}


def fuzz_examples() -> int:
    """How many inputs each parser fuzz test draws under the chosen profile."""
    profile = os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
    return _FUZZ_EXAMPLES.get(profile, _FUZZ_EXAMPLES["dev"])
