"""Fixtures shared by the test modules (no test module imports another).

Valuation: an invented registry of worked-example values, the plain and the adjusted test
methodologies, and a strategy for deliveries of the measures they value (used by the valuation,
batch, rollup and proxy tests).

Commitments: a contractual and an organisational commitment over two financial years, shared by
the commitments and tracking tests.

Procurement: an invented registry and methodology, score bands and award criteria, scheme and
tender builders, and the two worked scenarios the evaluation and award tests share.

Frames: deliveries as the columns and native frames of every engine ``value_frame`` takes, and a
batch's totals and group sums to compare (used by the frames tests, local and on a cluster).
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from hypothesis import strategies as st
from strategies import decimals

from socialvalue.additionality import Additionality
from socialvalue.commitments import Commitment
from socialvalue.deliveries import Delivery
from socialvalue.discounting import YearConvention
from socialvalue.io import shipped_discount_schedule, shipped_framework, shipped_price_index
from socialvalue.methodology import MeasureAssumption, Methodology
from socialvalue.money import Money
from socialvalue.procurement import (
    LCRCA_POLICY,
    AwardCriterion,
    Bid,
    EvaluationScheme,
    OfferLine,
    QualitativeResponse,
    ScoreBand,
    SocialValueMethod,
    SocialValuePolicy,
    Tender,
)
from socialvalue.provenance import Source
from socialvalue.proxies import GeographyLink, ProxyRegistry, ProxyValue

# --- valuation ---------------------------------------------------------------------------------

# Every proxy value below is invented for these tests (the worked examples' figures).
WORKED_SOURCE = Source(title="Worked example", publisher="Test")


def valuation_registry(*values, id="test"):  # noqa: A002
    return ProxyRegistry(
        id=id,
        title=id,
        version="1",
        publisher="Test",
        licence="test",
        geographies=(GeographyLink(code="Liverpool City Region", parent="England"),),
        values=values,
    )


def valuation_proxy(
    measure, unit, amount, *, price_base="2022/23", start=(2018, 4, 1), end=None, **changes
):
    return ProxyValue(
        measure=measure,
        unit=unit,
        value=amount,
        price_base=price_base,
        valid_from=dt.date(*start),
        valid_to=dt.date(*end) if end else None,
        source=WORKED_SOURCE,
        licence="test",
        **changes,
    )


TEST_REGISTRY = valuation_registry(
    valuation_proxy("LCR-COM-1", "hour", "12.34"),
    valuation_proxy("LCR-EDI-1", "person", "500"),
    valuation_proxy("LCR-EMP-1", "fte_year", "1000"),
    valuation_proxy("LCR-SKL-4", "person", "50", net_of_deadweight=True),
)


def valuation_methodology(**changes):
    fields = {
        "id": "test",
        "title": "Test methodology",
        "version": "1",
        "publisher": "Test",
        "framework": shipped_framework(),
        "registries": (TEST_REGISTRY,),
        "discount_schedule": shipped_discount_schedule(),
        # These properties are about the arithmetic of everything valued: transfers count, and
        # overlaps are kept (policy "warn"; the test modules silence its warning). The rules
        # that keep them out are tested in test_appraisal.py.
        "count_transfers": True,
    }
    fields.update(changes)
    return Methodology(**fields)


PLAIN = valuation_methodology()
ADJUSTED = valuation_methodology(
    price_index=shipped_price_index(),
    price_base="2024/25",
    additionality=Additionality(deadweight="0.25", attribution="0.1"),
    assumptions=(
        MeasureAssumption(
            measure="LCR-EMP-1",
            additionality=Additionality(
                deadweight="0.3",
                displacement="0.2",
                multiplier="1.2",
                duration_years=3,
                drop_off="0.1",
            ),
        ),
    ),
    year_convention=YearConvention.YEAR_1,
)
MEASURES = [
    ("LCR-COM-1", "hour"),
    ("LCR-EDI-1", "person"),
    ("LCR-EMP-1", "fte_year"),
    ("LCR-SKL-4", "person"),
    ("LCR-COM-2", "gbp"),
    ("LCR-ENV-1", "count"),
]


@st.composite
def valuation_deliveries(draw):
    measure, _unit = draw(st.sampled_from(MEASURES))
    return Delivery(
        measure=measure,
        quantity=draw(decimals(min_value=0, max_value=10**6, places=2)),
        period=draw(st.sampled_from(["2022/23 Q1", "2023/24", "2024/25 Q3", "2019/20"])),
        reporter=draw(st.sampled_from(["A", "B", "C"])),
        geography=draw(st.sampled_from(["UK", "Liverpool City Region"])),
    )


# --- commitments -------------------------------------------------------------------------------

START, DUE = dt.date(2024, 4, 1), dt.date(2026, 3, 31)
JOBS = Commitment(
    id="K1/JOBS",
    kind="contractual",
    title="Local jobs",
    contract="K1",
    measure="LCR-EMP-1",
    target="24",
    start=START,
    due=DUE,
    role="commissioner",
)
HOURS = Commitment(
    id="ORG/HOURS",
    kind="day_one",
    title="Volunteering",
    measure="LCR-COM-1",
    target="1000",
    start=START,
    due=DUE,
    role="employer",
)


# --- procurement ---------------------------------------------------------------------------------

# Every proxy value below is invented for these tests; the Source title says so.
TEST_SOURCE = Source(title="test value, not a real proxy", publisher="socialvalue tests")


def proxy(measure, unit, amount):
    return ProxyValue(
        measure=measure,
        unit=unit,
        value=amount,
        price_base="2024/25",
        valid_from=dt.date(2018, 4, 1),
        source=TEST_SOURCE,
        licence="invented test data",
    )


REGISTRY = ProxyRegistry(
    id="procurement-test",
    title="Invented values for procurement tests (not real proxies)",
    version="1",
    publisher="socialvalue tests",
    licence="invented test data",
    geographies=(
        GeographyLink(code="Liverpool City Region", parent="England"),
        GeographyLink(code="Wirral", parent="Liverpool City Region"),
    ),
    values=(
        proxy("LCR-EMP-1", "fte_year", "20000"),
        proxy("LCR-COM-1", "hour", "10"),
        proxy("LCR-SKL-1", "count", "5000"),
    ),
)


def methodology(**changes):
    fields = {
        "id": "procurement-test",
        "title": "Procurement test methodology",
        "version": "1",
        "publisher": "socialvalue tests",
        "framework": shipped_framework(),
        "registries": (REGISTRY,),
        "discount_schedule": shipped_discount_schedule(),
        # Offers run over a two-year term: a £ amount offered is priced at the term's middle
        # (under the strict "period" rule it would have no single price year).
        "proxy_date": "middle",
    }
    fields.update(changes)
    return Methodology(**fields)


METHODOLOGY = methodology()


TERM = "2025-04-01..2027-03-31"


BANDS = (
    ScoreBand(label="Excellent", score="100"),
    ScoreBand(label="Good", score="70"),
    ScoreBand(label="Satisfactory", score="40"),
    ScoreBand(label="Poor", score="10"),
    ScoreBand(label="Unacceptable", score="0"),
)


# Both criteria apply the scheme's own rule that a response without a specific, measurable and
# time-bound commitment scores zero (requires_commitment: an authority's choice, off by default).
CRITERIA = (
    AwardCriterion(
        id="1a",
        title="Create and retain high-quality jobs",
        weight="50",
        requires_commitment=True,
        ocds_goal="social",
    ),
    AwardCriterion(
        id="1b",
        title="Fair working conditions",
        weight="50",
        requires_commitment=True,
        ocds_goal="social.laborRightsPromotion",
    ),
)


CENTRAL = SocialValuePolicy(
    id="central", title="PPN 002 minimum weighting", threshold=None, minimum_weight="10"
)


def scheme(**changes):
    fields = {
        "id": "s",
        "title": "60/30/10",
        "price_weight": "60",
        "quality_weight": "30",
        "social_value_weight": "10",
        "social_value_method": SocialValueMethod.MONETISED,
        "methodology": METHODOLOGY,
        "policy": LCRCA_POLICY,
    }
    fields.update(changes)
    return EvaluationScheme(**fields)


def qualitative_scheme(**changes):
    fields = {
        "social_value_method": SocialValueMethod.QUALITATIVE,
        "methodology": None,
        "bands": BANDS,
        "criteria": CRITERIA,
        "policy": CENTRAL,
    }
    fields.update(changes)
    return scheme(**fields)


def tender(the_scheme=None, **changes):
    fields = {
        "id": "LCR-2025-014",
        "title": "Cleaning services",
        "value": Money("300000"),
        "term": TERM,
        "geography": "Liverpool City Region",
        "scheme": the_scheme if the_scheme is not None else scheme(),
    }
    fields.update(changes)
    return Tender(**fields)


def smart(criterion, band, **changes):
    fields = {
        "commitment": "We will ...",
        "specific": True,
        "measurable": True,
        "time_bound": True,
    }
    fields.update(changes)
    return QualitativeResponse(criterion=criterion, band=band, **fields)


# Invented proxy values: LCR-EMP-1 £20,000 per FTE-year, LCR-COM-1 £10 per hour, LCR-SKL-1
# £5,000 per apprenticeship. No additionality, one year at year 0: present value = gross.
#
# A: £250,000, quality 70, offer 1 FTE-year (£20,000) + 500 hours (£5,000) + 12 people paid the
#    Real Living Wage (record-only: counted, no £)                  → offer £25,000
# B: £200,000, quality 60, offer 200 hours in Wirral (£2,000)      → offer  £2,000
# C: £280,000, quality 85, offer 2 FTE-years (£40,000) + 1 apprenticeship (£5,000) → £45,000
#
# lowest price L = £200,000 (B); best offer = £45,000 (C)
# price:   A 60 × 200,000 ÷ 250,000 = 48;  B 60;  C 60 × 200,000 ÷ 280,000 = 42.857142…
# quality: A 30 × 70 ÷ 100 = 21;  B 18;  C 25.5
# SV:      A 10 × 25,000 ÷ 45,000 = 5.5555…;  B 10 × 2,000 ÷ 45,000 = 0.4444…;  C 10
# total:   A 74.5555… → 74.56;  B 78.4444… → 78.44;  C 78.357142… → 78.36
# ranking: B, C, A.
THREE_BIDS = (
    Bid(
        bidder="A",
        id="A-1",
        price=Money("250000"),
        quality="70",
        offer=[
            OfferLine(measure="LCR-EMP-1", quantity="1"),
            OfferLine(measure="LCR-COM-1", quantity="500", unit="hour"),
            OfferLine(measure="LCR-EMP-3", quantity="12"),
        ],
    ),
    Bid(
        bidder="B",
        price=Money("200000"),
        quality="60",
        offer=[OfferLine(measure="LCR-COM-1", quantity="200", geography="Wirral")],
    ),
    Bid(
        bidder="C",
        price=Money("280000"),
        quality="85",
        offer=[
            OfferLine(measure="LCR-EMP-1", quantity="2"),
            OfferLine(measure="LCR-SKL-1", quantity="1"),
        ],
    ),
)


# Scheme 60/30/10, social value scored qualitatively on two criteria weighted 50/50, bands
# 100/70/40/10/0 (configuration, not an official scale).
#
# X: £100,000, quality 80; 1a Good (70%), 1b Excellent (100%) — both specific, measurable,
#    time-bound.                        SV = 10 × (0.5 × 0.70 + 0.5 × 1.00) = 8.5
# Y: £90,000, quality 70; 1a placed Excellent but NOT measurable → 0 (the scheme's rule);
#    1b Good (70%).
#                                       SV = 10 × (0.5 × 0 + 0.5 × 0.70) = 3.5
# Z: £95,000, quality 75; 1a Satisfactory (40%); no response to 1b → 0.
#                                       SV = 10 × (0.5 × 0.40) = 2
# price:   X 60 × 90/100 = 54;  Y 60;  Z 60 × 90/95 = 56.842105…
# quality: X 24;  Y 21;  Z 22.5
# total:   X 86.5;  Y 84.5;  Z 81.342105… → 81.34.   X wins.
# Without the scheme's rule Y's 1a would earn 5 points: Y 89.5 and Y would win.
QUALITATIVE_BIDS = (
    Bid(
        bidder="X",
        price=Money("100000"),
        quality="80",
        responses=[smart("1a", "Good"), smart("1b", "Excellent", due="2026-03-31")],
    ),
    Bid(
        bidder="Y",
        price=Money("90000"),
        quality="70",
        responses=[smart("1a", "Excellent", measurable=False), smart("1b", "Good")],
    ),
    Bid(bidder="Z", price=Money("95000"), quality="75", responses=[smart("1a", "Satisfactory")]),
)


# Frames

FRAME_COLUMNS = (
    "measure",
    "quantity",
    "unit",
    "period",
    "reporter",
    "project",
    "contract",
    "role",
    "geography",
    "correction",
)


def columns_of(deliveries: Sequence[Delivery]) -> dict[str, list[object]]:
    """The deliveries as columns; quantities as decimal text."""
    return {
        "measure": [d.measure for d in deliveries],
        "quantity": [str(d.quantity) for d in deliveries],
        "unit": [d.unit for d in deliveries],
        "period": [d.period.label for d in deliveries],
        "reporter": [d.reporter for d in deliveries],
        "project": [d.project for d in deliveries],
        "contract": [d.contract for d in deliveries],
        "role": [d.role for d in deliveries],
        "geography": [d.geography for d in deliveries],
        "correction": [d.correction for d in deliveries],
        "status": [d.status.value for d in deliveries],
    }


def arrow_table(deliveries: Sequence[Delivery], *, scale: int = 6):
    """A pyarrow table with the quantity as an Arrow decimal."""
    import pyarrow as pa

    data = columns_of(deliveries)
    quantities = [Decimal(q) for q in data.pop("quantity")]  # type: ignore[arg-type]
    types = {name: pa.string() for name in data}
    types["correction"] = pa.bool_()
    table = {name: pa.array(values, type=types[name]) for name, values in data.items()}
    table["quantity"] = pa.array(quantities, type=pa.decimal128(38, scale))
    return pa.table(table)


def frame_of(deliveries: Sequence[Delivery], engine: str):
    """The deliveries as a native frame of ``engine``."""
    import pandas as pd
    import polars as pl

    table = arrow_table(deliveries)
    if engine == "polars-text":
        return pl.DataFrame(
            columns_of(deliveries), schema_overrides={"unit": pl.String, "role": pl.String}
        )
    if engine == "polars":
        return pl.from_arrow(table)
    if engine == "polars-lazy":
        return pl.from_arrow(table).lazy()
    if engine == "pyarrow":
        return table
    if engine == "pandas":
        return table.to_pandas(types_mapper=pd.ArrowDtype)
    if engine == "duckdb":
        import duckdb

        return duckdb.from_arrow(table)
    raise ValueError(engine)


def batch_totals(batch) -> tuple[Decimal, Decimal, Decimal, int]:
    """Gross, net and present-value totals and the count of a batch."""
    return (
        batch.total_gross().amount,
        batch.total_net().amount,
        batch.total_present_value().amount,
        batch.count,
    )


def group_sums(batch) -> set[tuple[object, ...]]:
    """Each group's key, ``by`` values, quantity and count (order aside)."""
    return {(g.key, g.by, g.quantity, g.count) for g in batch.groups} | {
        ("unvalued", g.key, g.by, g.quantity, g.count) for g in batch.unvalued
    }
