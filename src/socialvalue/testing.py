"""Hypothesis strategies for socialvalue's models, for use in your own property tests.

Needs the ``testing`` extra (``pip install "socialvalue[testing]"``), which brings hypothesis and
nothing else (no pytest, click, rich, jinja2 or matplotlib).

>>> from hypothesis import given
>>> from socialvalue.testing import money
>>> @given(money())
... def test_adding_zero(amount):
...     assert amount + amount.zero(amount.currency) == amount
>>> test_adding_zero()
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from hypothesis import strategies as st

from socialvalue.commitments import CONTRACTUAL, Commitment, Milestone
from socialvalue.deliveries import Cost, CostCategory, Delivery
from socialvalue.framework import (
    Crosswalk,
    Dimension,
    DimensionValue,
    Framework,
    Measure,
    Outcome,
    Theme,
    ValuationKind,
    ValueType,
)
from socialvalue.money import Money
from socialvalue.periods import (
    AcademicYear,
    AnyPeriod,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
)
from socialvalue.prices import IndexBasis, IndexPoint, PriceIndex
from socialvalue.provenance import Source, Verification
from socialvalue.proxies import GeographyLink, ProxyRegistry, ProxyValue
from socialvalue.units import STANDARD_UNITS, Unit, UnitKind

__all__ = [
    "academic_years",
    "any_periods",
    "calendar_years",
    "codes",
    "commitments",
    "costs",
    "dates",
    "decimals",
    "deliveries",
    "financial_quarters",
    "financial_years",
    "frameworks",
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

_MIN_DATE = dt.date(1990, 1, 1)
_MAX_DATE = dt.date(2099, 12, 31)


def decimals(
    *, min_value: int = -(10**9), max_value: int = 10**9, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with at most ``places`` decimal places (never NaN or infinite)."""
    scale = 10**places
    return st.integers(min_value * scale, max_value * scale).map(
        lambda n: Decimal(n).scaleb(-places)
    )


def money(
    *,
    currency: str = "GBP",
    min_value: int = -(10**9),
    max_value: int = 10**9,
    places: int = 2,
) -> st.SearchStrategy[Money]:
    """Amounts of one currency with at most ``places`` decimal places."""
    return decimals(min_value=min_value, max_value=max_value, places=places).map(
        lambda amount: Money(amount, currency)
    )


def texts(*, max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank printable text (no surrogates or control characters), as titles are."""
    return st.text(
        st.characters(codec="utf-8", categories=("L", "N", "P", "Zs", "S")),
        min_size=1,
        max_size=max_size,
    ).filter(lambda text: text.strip() != "")


def codes(*, prefix: str = "") -> st.SearchStrategy[str]:
    """Codes as frameworks write them: ``LCR-EMP-1``, ``NT12``, ``T.3``."""
    return st.builds(
        lambda head, middle, number: f"{prefix}{head}{middle}{number}",
        st.sampled_from(["LCR", "NT", "RE", "FM", "T", "X", "a"]),
        st.sampled_from(["", "-EMP-", "-COM-", ".", "_", "/"]),
        st.integers(0, 9999),
    )


def dates(
    *, min_value: dt.date = _MIN_DATE, max_value: dt.date = _MAX_DATE
) -> st.SearchStrategy[dt.date]:
    """Dates in a realistic range."""
    return st.dates(min_value=min_value, max_value=max_value)


def financial_years() -> st.SearchStrategy[FinancialYear]:
    """Financial years 1990/91 to 2098/99."""
    return st.integers(1990, 2098).map(FinancialYear)


def financial_quarters() -> st.SearchStrategy[FinancialQuarter]:
    """Financial quarters of :func:`financial_years`."""
    return st.builds(FinancialQuarter, st.integers(1990, 2098), st.integers(1, 4))


def calendar_years() -> st.SearchStrategy[CalendarYear]:
    """Calendar years 1990 to 2099."""
    return st.integers(1990, 2099).map(CalendarYear)


def academic_years() -> st.SearchStrategy[AcademicYear]:
    """Academic years 1990/91 to 2098/99."""
    return st.integers(1990, 2098).map(AcademicYear)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Explicit date ranges (including single days)."""
    start = draw(dates())
    end = draw(dates(min_value=start))
    return Period(start, end)


def any_periods() -> st.SearchStrategy[AnyPeriod]:
    """Any kind of period."""
    return st.one_of(
        financial_years(), financial_quarters(), calendar_years(), academic_years(), periods()
    )


def sources() -> st.SearchStrategy[Source]:
    """Citations, with and without dates, addresses and sections."""
    return st.builds(
        Source,
        title=texts(),
        publisher=texts(),
        published=st.none() | dates(),
        url=st.none() | st.from_regex(r"\Ahttps://[a-z]{1,12}\.gov\.uk/[a-z0-9-]{0,20}\Z"),
        section=st.none() | texts(),
    )


def units() -> st.SearchStrategy[Unit]:
    """User-defined units (codes that never clash with the standard ones)."""
    kinds = st.sampled_from([kind for kind in UnitKind if kind is not UnitKind.MONEY])
    plain = st.builds(
        Unit,
        code=st.from_regex(r"\Ax_[a-z0-9_]{1,10}\Z"),
        label=texts(max_size=15),
        kind=kinds,
        description=st.just("") | texts(),
    )
    money_unit = st.builds(
        Unit,
        code=st.from_regex(r"\Ax_[a-z0-9_]{1,10}\Z"),
        label=texts(max_size=15),
        kind=st.just(UnitKind.MONEY),
        currency=st.sampled_from(["EUR", "USD"]),
    )
    return plain | money_unit


@st.composite
def measures(
    draw: st.DrawFn,
    *,
    code: str | None = None,
    unit_codes: tuple[str, ...] = tuple(STANDARD_UNITS),
) -> Measure:
    """A measure counted in one of ``unit_codes`` (a financial one always in ``gbp``)."""
    valuation = draw(st.sampled_from(ValuationKind))
    unit = "gbp" if valuation is ValuationKind.FINANCIAL else draw(st.sampled_from(unit_codes))
    return Measure(
        code=code if code is not None else draw(codes()),
        title=draw(texts()),
        unit=unit,
        valuation=valuation,
        value_type=draw(st.sampled_from(ValueType)),
        guidance=draw(st.just("") | texts()),
        counting_rules=tuple(draw(st.lists(texts(), max_size=2))),
        crosswalk=tuple(
            draw(st.lists(st.builds(Crosswalk, scheme=texts(), code=codes()), max_size=1))
        ),
    )


@st.composite
def frameworks(draw: st.DrawFn, *, max_measures: int = 12) -> Framework:
    """Valid frameworks: unique codes, units that exist, overlaps and tags that resolve."""
    own_units = draw(st.lists(units(), max_size=2, unique_by=lambda unit: unit.code))
    unit_codes = tuple(STANDARD_UNITS) + tuple(unit.code for unit in own_units)
    dimension = Dimension(
        id="pillar",
        title="Pillar",
        values=(
            DimensionValue(code="fairer", title="Fairer"),
            DimensionValue(code="greener", title="Greener"),
        ),
    )
    tags = st.lists(st.sampled_from(["pillar:fairer", "pillar:greener"]), unique=True)
    all_codes = draw(st.lists(codes(), min_size=3, max_size=max_measures + 2, unique=True))
    theme_code, outcome_code, *measure_codes = all_codes
    drawn = [draw(measures(code=code, unit_codes=unit_codes)) for code in measure_codes]
    linked = []
    for i, measure in enumerate(drawn):
        others = [m.code for j, m in enumerate(drawn) if j != i]
        overlaps = (
            draw(st.lists(st.sampled_from(others), unique=True, max_size=2)) if others else []
        )
        linked.append(
            Measure(
                code=measure.code,
                title=measure.title,
                unit=measure.unit,
                valuation=measure.valuation,
                value_type=measure.value_type,
                guidance=measure.guidance,
                counting_rules=measure.counting_rules,
                crosswalk=measure.crosswalk,
                overlaps_with=tuple(overlaps),
                tags=tuple(draw(tags)),
            )
        )
    outcome = Outcome(code=outcome_code, title=draw(texts()), measures=tuple(linked))
    theme = Theme(code=theme_code, title=draw(texts()), outcomes=(outcome,), tags=tuple(draw(tags)))
    return Framework(
        id=draw(codes()).lower(),
        title=draw(texts()),
        version=draw(st.sampled_from(["1", "2023.1", "NT2022"])),
        publisher=draw(texts()),
        licence=draw(st.sampled_from(["MIT", "OGL-UK-3.0", "CC-BY-4.0"])),
        source=draw(st.none() | sources()),
        description=draw(st.just("") | texts()),
        units=tuple(own_units),
        dimensions=(dimension,),
        themes=(theme,),
    )


_GEOGRAPHIES = ("UK", "England", "North West", "Liverpool City Region")
_SOURCES = (
    Source(title="Social Value Annual Report 2023", publisher="LCRCA"),
    Source(title="Carbon values", publisher="DESNZ", published=dt.date(2023, 11, 1)),
)
_CHAIN = (
    GeographyLink(code="Liverpool City Region", parent="North West"),
    GeographyLink(code="North West", parent="England"),
)


@st.composite
def proxy_values(  # noqa: PLR0913 - keyword-only options, each pinning one field
    draw: st.DrawFn,
    *,
    measure: str | None = None,
    geography: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    source: st.SearchStrategy[Source] | None = None,
) -> ProxyValue:
    """One proxy value (a range around it sometimes; always sourced and licensed)."""
    value = draw(decimals(min_value=0, max_value=10**5, places=2))
    spread = draw(st.none() | decimals(min_value=0, max_value=100, places=2))
    start = valid_from if valid_from is not None else draw(dates())
    return ProxyValue(
        measure=measure if measure is not None else draw(codes()),
        unit=draw(st.sampled_from(tuple(STANDARD_UNITS))),
        value=value,
        price_base=draw(st.one_of(financial_years(), calendar_years())),
        valid_from=start,
        valid_to=valid_to,
        geography=geography if geography is not None else draw(st.sampled_from(_GEOGRAPHIES)),
        low=None if spread is None else max(value - spread, Decimal(0)),
        high=None if spread is None else value + spread,
        net_of_deadweight=draw(st.booleans()),
        source=draw(source if source is not None else sources()),
        licence=draw(st.sampled_from(["OGL-UK-3.0", "CC-BY-4.0", "quoted fact"])),
        verification=draw(st.sampled_from(Verification)),
        note=draw(st.just("") | texts()) if source is None else "",
    )


@st.composite
def _series(draw: st.DrawFn, measure: str, geography: str) -> list[ProxyValue]:
    """Non-overlapping values of one measure in one area, possibly with gaps and an open end."""
    boundaries = sorted(draw(st.sets(dates(min_value=dt.date(2000, 1, 1)), min_size=2, max_size=7)))
    values = []
    for start, next_start in itertools.pairwise(boundaries):
        gap = draw(st.integers(0, 2))
        end = next_start - dt.timedelta(days=1 + gap)
        end = max(end, start)
        if end >= next_start:
            continue
        values.append(
            draw(
                proxy_values(
                    measure=measure,
                    geography=geography,
                    valid_from=start,
                    valid_to=end,
                    source=st.sampled_from(_SOURCES),
                )
            )
        )
    if draw(st.booleans()):
        values.append(
            draw(
                proxy_values(
                    measure=measure,
                    geography=geography,
                    valid_from=boundaries[-1],
                    source=st.sampled_from(_SOURCES),
                )
            )
        )
    return values


@st.composite
def proxy_registries(draw: st.DrawFn, *, id: str | None = None) -> ProxyRegistry:  # noqa: A002
    """Valid registries: several measures and areas, no overlapping validity."""
    measures_ = draw(st.lists(codes(), min_size=1, max_size=3, unique=True))
    values: list[ProxyValue] = []
    for measure in measures_:
        for geography in draw(st.sets(st.sampled_from(_GEOGRAPHIES), min_size=1, max_size=2)):
            values.extend(draw(_series(measure, geography)))
    return ProxyRegistry(
        id=id if id is not None else draw(codes()).lower(),
        title=draw(texts()),
        version=draw(st.sampled_from(["1", "2026.1"])),
        publisher=draw(texts()),
        licence=draw(st.sampled_from(["OGL-UK-3.0", "see each value"])),
        geographies=_CHAIN,
        values=draw(st.permutations(values)),
    )


@st.composite
def price_indices(draw: st.DrawFn) -> PriceIndex:
    """Contiguous annual series of positive index values."""
    basis = draw(st.sampled_from(IndexBasis))
    first = draw(st.integers(1990, 2040))
    length = draw(st.integers(1, 30))
    years = [
        FinancialYear(first + n) if basis is IndexBasis.FINANCIAL_YEAR else CalendarYear(first + n)
        for n in range(length)
    ]
    points = tuple(
        IndexPoint(
            year=year,
            value=draw(decimals(min_value=1, max_value=500, places=4)),
            forecast=n >= length - draw(st.integers(0, 3)),
        )
        for n, year in enumerate(years)
    )
    return PriceIndex(
        id="index",
        title="An index",
        basis=basis,
        base=years[0],
        source=draw(sources()),
        licence="OGL-UK-3.0",
        points=points,
    )


@st.composite
def deliveries(draw: st.DrawFn, *, measures: tuple[str, ...] | None = None) -> Delivery:
    """Deliveries: non-negative quantities (or negative corrections), any period, tags."""
    correction = draw(st.booleans())
    quantity = draw(decimals(min_value=-(10**6) if correction else 0, max_value=10**6, places=2))
    return Delivery(
        measure=draw(st.sampled_from(measures)) if measures else draw(codes()),
        quantity=quantity,
        period=draw(any_periods()),
        reporter=draw(st.sampled_from(["", "Supplier A", "Project B"])),
        contract=draw(st.sampled_from(["", "C-001"])),
        role=draw(st.none() | st.sampled_from(["employer", "commissioner"])),
        geography=draw(st.sampled_from(_GEOGRAPHIES)),
        evidence=tuple(draw(st.lists(texts(max_size=20), max_size=2))),
        tags=tuple(draw(st.lists(st.sampled_from(["q1", "pilot"]), unique=True))),
        correction=correction,
        note=draw(st.just("") | texts()),
    )


@st.composite
def costs(draw: st.DrawFn, *, projects: tuple[str, ...] = ("", "Project B")) -> Cost:
    """Costs: non-negative amounts in GBP, any period and category, some with optimism bias."""
    uplift = draw(st.sampled_from(["0", "0.1", "0.24"]))
    return Cost(
        amount=Money(draw(decimals(min_value=0, max_value=10**7, places=2))),
        period=draw(any_periods()),
        category=draw(st.sampled_from(list(CostCategory))),
        bearer=draw(st.sampled_from(["", "the authority", "a partner"])),
        project=draw(st.sampled_from(projects)),
        optimism_bias=uplift,
        optimism_bias_source="" if uplift == "0" else "a stated uplift",
    )


@st.composite
def commitments(
    draw: st.DrawFn, *, measures: tuple[str, ...] = ("LCR-EMP-1", "LCR-COM-2")
) -> Commitment:
    """Quantified or qualitative commitments, organisational or contractual."""
    kind = draw(st.sampled_from(["day_one", "future_aspiration", CONTRACTUAL]))
    start = draw(dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 1, 1)))
    due = start + dt.timedelta(days=draw(st.integers(30, 1500)))
    quantified = draw(st.booleans())
    milestones = (
        ()
        if quantified
        else tuple(
            Milestone(
                title=draw(texts(max_size=20)),
                due=start + dt.timedelta(days=draw(st.integers(0, 1500))),
                done=draw(st.none() | st.just(start + dt.timedelta(days=10))),
            )
            for _ in range(draw(st.integers(0, 3)))
        )
    )
    return Commitment(
        id=draw(codes()),
        kind=kind,
        title=draw(texts()),
        role=draw(st.none() | st.sampled_from(["employer", "commissioner"])),
        owner=draw(st.sampled_from(["", "Supplier A"])),
        responsible_officer=draw(st.sampled_from(["", "Head of Procurement"])),
        measure=draw(st.sampled_from(measures)) if quantified else None,
        target=draw(decimals(min_value=1, max_value=10**5, places=2)) if quantified else None,
        start=start,
        due=due,
        contract="K-1" if kind == CONTRACTUAL else None,
        embedded=draw(st.booleans()),
        promised_value=draw(st.none() | money(min_value=0, max_value=10**6)),
        milestones=milestones,
        note=draw(st.just("") | texts()),
    )


#: Digits that are not ASCII: Arabic-Indic, Extended Arabic-Indic, Devanagari, full-width.
_UNICODE_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९０１２３４５６７８９"


def hostile_numbers() -> st.SearchStrategy[str]:
    """Text that looks like a number to a person but that a parser may mishandle.

    Signs alone (``-`` is "nil" in many spreadsheets), a currency sign with nothing after it,
    Unicode and full-width digits, digit-group underscores (``1_000``), ``NaN`` and infinities,
    huge exponents and very long digit strings, stray separators, and ordinary numbers mixed in
    so that the hostile ones sit among good ones.

    >>> from hypothesis import find
    >>> find(hostile_numbers(), lambda text: text.strip() in ("-", "+"))
    '-'
    """
    fixed = st.sampled_from(
        [
            "-",
            "+",
            "- ",
            "+ ",
            "--1",
            "£",
            "£ ",
            "- £",
            "GBP",
            "GBP ",
            "€",
            "$",
            "%",
            "1%%",
            "1_000",
            "1__0",
            "_1",
            "NaN",
            "nan",
            "-Infinity",
            "inf",
            "sNaN",
            "1e99",
            "1E+999999",
            "7281e426037327207",
            "1e-30",
            "0.000000000000000000001",
            "-0",
            "+0",
            ".",
            ",",
            "1,,0",
            "1..0",
            "1.2.3",
            "1 000",
            "1\u00a0000",
            "1'000",
            "(5)",
            "5-",
            "0x10",
            "١٢٣",
            "１２３",
            "１,２３４.５",
            "१२३",
            "12\u0663",
            "",
        ]
    )
    digits = st.text(alphabet=_UNICODE_DIGITS, min_size=1, max_size=6)
    long_digits = st.integers(min_value=20, max_value=5000).map(lambda n: "9" * n)
    ordinary = st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str)
    signs = st.sampled_from(["", "-", "+", "£", "- ", "£-", "-£"])
    body = st.one_of(fixed, digits, long_digits, ordinary)
    return st.builds(lambda sign, text: sign + text, signs, body)


def hostile_period_labels() -> st.SearchStrategy[str]:
    """Period labels at and beyond the year range, with Unicode digits and impossible dates.

    >>> from hypothesis import find
    >>> find(hostile_period_labels(), lambda text: text.startswith("9999"))
    '9999-12-31'
    """
    fixed = st.sampled_from(
        [
            "9999-12-31",
            "0001-01-01",
            "1899-12-31",
            "1900-01-01",
            "2199-12-31",
            "2200-01-01",
            "1899/00",
            "2199/00",
            "2200/01",
            "9998/99",
            "0000",
            "2022/24",
            "2022-02-30",
            "2022-13-01",
            "٢٠٢٢/٢٣",
            "２０２２/２３",
            "２０２２",
            "2022/23 Q5",
            "Q0 2022/23",
            "2023-03-31..2022-04-01",
            "2022-04-01..9999-12-31",
            "FY",
            "AY",
            "",
            " ",
            "/",
            "2022\u00a0/23",
            "2022/2٣",
            "+2022",
            "2022.0",
            "20220401",
        ]
    )
    years = st.integers(min_value=0, max_value=9999).map(lambda y: f"{y:04d}")
    forms = st.sampled_from(["{y}", "{y}/{n}", "{y}-{n}", "FY{y}/{n}", "AY{y}/{n}", "{y}/{n} Q3"])
    built = st.builds(
        lambda form, year: form.format(y=year, n=f"{(int(year) + 1) % 100:02d}"), forms, years
    )
    days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(
        dt.date.isoformat
    )
    return st.one_of(fixed, built, days)


def hostile_texts(*, surrogates: bool = False) -> st.SearchStrategy[str]:
    r"""Text that must stay text: markup, maths, formulas, HTML and control characters.

    Rich markup (``[/bold]``, ``[link=…]``), emoji codes, matplotlib mathtext (``$\foo$``,
    ``Costs $5 and $6``), spreadsheet formulas (``=``, ``+``, ``-``, ``@``, a tab or a return
    first, after apostrophes or not), raw HTML and Markdown, right-to-left overrides, and —
    with ``surrogates=True`` — lone surrogates, which JSON escapes can write but no UTF-8 file
    can hold.

    >>> from hypothesis import find
    >>> find(hostile_texts(), lambda text: text.startswith("="))[0]
    '='
    """
    fixed = [
        "[/bold] x",
        "[link=https://evil.example]click[/link]",
        "[bold]b",
        ":smile:",
        "Savings $\\foo$",
        "Costs $5 and $6",
        "$",
        '=HYPERLINK("http://evil.example","x")',
        "=1+1",
        "+cmd",
        "-2+3",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        "'=1",
        "''=1",
        "'-5",
        "'",
        "=",
        "<script>alert(1)</script>",
        "<b>&amp;</b>",
        "*bold* _it_ `code` | pipe",
        "```",
        "# h",
        "\u202etxt.exe",
        "a\u0000b",
        "\x1b[31mred",
        "line\nbreak",
        "trailing ",
    ]
    pieces = st.sampled_from(fixed)
    alphabet = st.characters() if surrogates else st.characters(codec="utf-8")
    free = st.text(alphabet=alphabet, max_size=20)
    lone = st.sampled_from(["\ud800", "a\udfff", "\udc80b"]) if surrogates else st.nothing()
    part = st.one_of(pieces, free, lone)
    return st.lists(part, min_size=1, max_size=3).map("".join)
