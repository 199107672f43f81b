import decimal
import itertools
import re
from decimal import Decimal
from importlib import resources

import attrs
import pytest
from hypothesis import given, strategies as st
from strategies import money, schedules

from socialvalue import (
    DataFileError,
    FloatNotAllowedError,
    Money,
    Source,
    UnknownCodeError,
    ValidationError,
)
from socialvalue._decimal import CONTEXT, calculation_context
from socialvalue.discounting import (
    DiscountSchedule,
    DiscountSchedules,
    RateBand,
    YearConvention,
    discount_values,
    present_value,
)
from socialvalue.exceptions import CurrencyMismatchError
from socialvalue.io import dumps, loads
from socialvalue.provenance import Verification

GREEN_BOOK_FILE = "socialvalue/data/discounting/green-book-2022.toml"

#: The four schedules, as in the project's reference table of Green Book rates,
#: shared/reference/green-book-discount-rates.csv (first year, last year, standard, health,
#: reduced where pure social time preference = 0, and its health counterpart).
GREEN_BOOK_TABLE = [
    (0, 30, "0.035", "0.015", "0.030", "0.0100"),
    (31, 75, "0.030", "0.0129", "0.0257", "0.0086"),
    (76, 125, "0.025", "0.0107", "0.0214", "0.0071"),
    (126, 200, "0.020", "0.0086", "0.0171", "0.0057"),
    (201, 300, "0.015", "0.0064", "0.0129", "0.0043"),
    (301, None, "0.010", "0.0043", "0.0086", "0.0029"),
]

SOURCE = Source(title="A test source", publisher="socialvalue tests")


def read_green_book() -> DiscountSchedules:
    text = (
        resources.files("socialvalue")
        .joinpath("data", "discounting", "green-book-2022.toml")
        .read_text(encoding="utf-8")
    )
    return loads(text, DiscountSchedules, format="toml", source=GREEN_BOOK_FILE)


@pytest.fixture(scope="module")
def green_book() -> DiscountSchedules:
    return read_green_book()


@pytest.fixture(scope="module")
def standard(green_book: DiscountSchedules) -> DiscountSchedule:
    return green_book.schedule("standard")


def schedule(*bands: RateBand, id: str = "test") -> DiscountSchedule:  # noqa: A002
    return DiscountSchedule(
        id=id,
        title="Test schedule",
        edition="test",
        source=SOURCE,
        verification=Verification.UNVERIFIED,
        bands=bands,
    )


def band(first: int, last: int | None, rate: str) -> RateBand:
    return RateBand(first_year=first, last_year=last, rate=rate)


FLAT = schedule(band(0, None, "0.035"))


def half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)


# --- the shipped file --------------------------------------------------------------------------


def test_shipped_file_holds_the_four_green_book_schedules(green_book):
    assert green_book.ids() == (
        "standard",
        "health",
        "reduced_pure_time_preference_zero",
        "health_reduced_pure_time_preference_zero",
    )
    assert len(green_book) == 4
    for column, schedule_id in enumerate(green_book.ids(), start=2):
        shipped = green_book.schedule(schedule_id)
        assert shipped.edition == "2022"
        assert [(b.first_year, b.last_year, b.rate) for b in shipped.bands] == [
            (row[0], row[1], Decimal(row[column])) for row in GREEN_BOOK_TABLE
        ]


def test_shipped_schedules_carry_their_verification(green_book):
    assert green_book.schedule("standard").verification is Verification.PRIMARY
    # 2018+ editions number the table Annex A6, Table 8 (Table 6.1 was the 2003 numbering).
    assert "Annex A6, Table 8" in (green_book.schedule("standard").source.section or "")
    assert green_book.schedule("health").verification is Verification.SECONDARY
    assert green_book.schedule("reduced_pure_time_preference_zero").verification is (
        Verification.SECONDARY
    )
    assert green_book.schedule("health_reduced_pure_time_preference_zero").verification is (
        Verification.UNVERIFIED
    )


def test_the_old_id_of_the_reduced_schedule_is_a_deprecated_alias(green_book):
    with pytest.warns(DeprecationWarning, match="reduced_pure_time_preference_zero"):
        found = green_book.schedule("catastrophic_risk_excluded")
    assert found is green_book.schedule("reduced_pure_time_preference_zero")
    for shipped in green_book:
        assert shipped.source.publisher == "HM Treasury"
        assert shipped.licence


def test_shipped_file_round_trips(green_book):
    for fmt in ("toml", "json"):
        assert loads(dumps(green_book, format=fmt), DiscountSchedules, format=fmt) == green_book


def test_unknown_schedule_suggests_a_close_match(green_book):
    with pytest.raises(UnknownCodeError, match="did you mean 'standard'"):
        green_book.schedule("standrd")


# --- worked examples ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "four_places", "ten_places"),
    [
        # Worked by hand from the rates of Green Book Table 6.1 (3.5% for years 0–30, 3.0% for
        # 31–75, 2.5% for 76–125); DF(t) = Π over years 1..t of 1 / (1 + r_year):
        (0, "1.0000", "1.0000000000"),  # year 0 is undiscounted
        (1, "0.9662", "0.9661835749"),  # 1 / 1.035
        (30, "0.3563", "0.3562784106"),  # 1 / 1.035^30
        (31, "0.3459", "0.3459013695"),  # 1 / (1.035^30 × 1.03)
        (75, "0.0942", "0.0942137726"),  # 1 / (1.035^30 × 1.03^45)
        (76, "0.0919", "0.0919158757"),  # 1 / (1.035^30 × 1.03^45 × 1.025)
    ],
)
def test_green_book_factors_at_band_boundaries(standard, year, four_places, ten_places):
    # Compared rounded half-up to 4 and to 10 decimal places.
    factor = standard.discount_factor(year)
    assert half_up(factor, 4) == Decimal(four_places)
    assert half_up(factor, 10) == Decimal(ten_places)


def test_factors_are_correctly_rounded_to_the_library_precision(standard):
    # One division of exact numbers, rounded once in the library's 100-digit context.
    with decimal.localcontext(decimal.Context(prec=400)):
        exact_30 = Decimal("1.035") ** 30  # 90 decimal places, exact at this precision
        exact_76 = exact_30 * Decimal("1.03") ** 45 * Decimal("1.025")
    with calculation_context():
        assert standard.discount_factor(1) == Decimal(200) / Decimal(207)
        assert standard.discount_factor(30) == 1 / exact_30
        assert standard.discount_factor(76) == 1 / exact_76
    assert len(standard.discount_factor(30).as_tuple().digits) == CONTEXT.prec


def test_rates_follow_the_bands(standard):
    assert [standard.rate(year) for year in (0, 30, 31, 75, 76, 300, 301, 10_000)] == [
        Decimal(rate)
        for rate in ("0.035", "0.035", "0.030", "0.030", "0.025", "0.015", "0.010", "0.010")
    ]
    assert standard.band(31).label() == "31–75"
    assert standard.band(400).label() == "301+"


def test_present_value_worked_by_hand():
    # Worked by hand at 3.5% a year: £1,035 then £1,071.225 (= 1,000 × 1.035²).
    # First value in year 1: 1,035 / 1.035 + 1,071.225 / 1.035² = 1,000 + 1,000 = £2,000.
    # First value in year 0: 1,035 + 1,071.225 / 1.035 = 1,035 + 1,035 = £2,070.
    stream = [Money("1035"), Money("1071.225")]
    year_1 = present_value(stream, FLAT, convention=YearConvention.YEAR_1)
    year_0 = present_value(stream, FLAT, convention=YearConvention.YEAR_0)
    assert year_1.quantize(2) == Money("2000.00")
    assert year_0.quantize(2) == Money("2070.00")
    assert abs(year_1 - Money("2000")).amount < Decimal("1e-50")
    discounted = discount_values(stream, FLAT, convention=YearConvention.YEAR_0)
    assert [value.quantize(2) for value in discounted] == [Money("1035.00"), Money("1035.00")]
    assert present_value([Decimal(5)], FLAT, convention=YearConvention.YEAR_0) == Decimal(5)


def test_convention_maps_positions_to_years():
    assert [YearConvention.YEAR_0.year(i) for i in range(3)] == [0, 1, 2]
    assert [YearConvention.YEAR_1.year(i) for i in range(3)] == [1, 2, 3]
    assert FLAT.discount_factors(2, convention=YearConvention.YEAR_1) == (
        FLAT.discount_factor(1),
        FLAT.discount_factor(2),
    )
    assert FLAT.discount_factors(0, convention=YearConvention.YEAR_0) == ()


# --- properties --------------------------------------------------------------------------------


def horizon(schedule_: DiscountSchedule) -> int:
    last = schedule_.bands[-1].last_year
    return schedule_.bands[-1].first_year + 20 if last is None else last


@given(schedules(positive=True))
def test_factors_strictly_decrease_with_positive_rates(schedule_):
    factors = [schedule_.discount_factor(year) for year in range(horizon(schedule_) + 1)]
    assert factors[0] == 1
    for before, after in itertools.pairwise(factors):
        assert 0 < after < before


@given(schedules())
def test_factors_follow_the_band_rates(schedule_):
    # factor(t) / factor(t + 1) == 1 + rate of year t + 1, up to the rounding of each factor at
    # the 60th significant digit: compared to 50 significant digits.
    with calculation_context():
        for year in range(horizon(schedule_)):
            ratio = schedule_.discount_factor(year) / schedule_.discount_factor(year + 1)
            assert abs(ratio - (1 + schedule_.rate(year + 1))) < Decimal("1e-50")


@given(
    schedules(open_ended=True),
    money(min_value=-(10**6), max_value=10**6),
    st.integers(1, 40),
    st.data(),
)
def test_present_value_of_a_constant_stream(schedule_, value, years, data):
    convention = data.draw(st.sampled_from(YearConvention))
    pv = present_value([value] * years, schedule_, convention=convention)
    factors = schedule_.discount_factors(years, convention=convention)
    with calculation_context():
        expected = value.amount * sum(factors)
    # Equal to 40 decimal places (each term is rounded at its 60th significant digit).
    assert abs(pv.amount - expected) < Decimal("1e-40")
    assert pv.currency == value.currency


@given(
    schedules(open_ended=True),
    st.lists(money(min_value=0, max_value=10**6), min_size=1, max_size=20),
)
def test_year_1_convention_is_year_0_shifted_by_one_year(schedule_, stream):
    year_1 = present_value(stream, schedule_, convention=YearConvention.YEAR_1)
    shifted = present_value([Money("0"), *stream], schedule_, convention=YearConvention.YEAR_0)
    assert year_1 == shifted
    assert year_1 <= present_value(stream, schedule_, convention=YearConvention.YEAR_0)


@given(schedules(), st.lists(money(), min_size=1, max_size=20))
def test_present_value_is_the_sum_of_the_discounted_values(schedule_, stream):
    stream = stream[: horizon(schedule_) + 1]
    convention = YearConvention.YEAR_0
    discounted = discount_values(stream, schedule_, convention=convention)
    assert len(discounted) == len(stream)
    assert present_value(stream, schedule_, convention=convention) == sum(discounted, Money.zero())


# --- one bad input per rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bands", "location", "message"),
    [
        (
            [band(1, 30, "0.035"), band(31, None, "0.03")],
            "bands[0].first_year",
            "the first band must start at year 0, not 1",
        ),
        (
            [band(0, 30, "0.035"), band(32, None, "0.03")],
            "bands[1].first_year",
            (
                "gap: year 31 is in no band (the band before ends at year 30, so this one should "
                "start at year 31)"
            ),
        ),
        (
            [band(0, 30, "0.035"), band(31, 75, "0.03"), band(80, None, "0.025")],
            "bands[2].first_year",
            "gap: years 76–79 are in no band",
        ),
        (
            [band(0, 30, "0.035"), band(30, None, "0.03")],
            "bands[1].first_year",
            (
                "overlap: starts at year 30 but the band before ends at year 30 (this one should "
                "start at year 31)"
            ),
        ),
        (
            [band(0, None, "0.035"), band(31, None, "0.03")],
            "bands[0].last_year",
            "only the last band may be open-ended, but band 0 is followed by band 1",
        ),
        ([], "bands", "a schedule needs at least one band, starting at year 0"),
    ],
)
def test_bad_schedule_is_refused(bands, location, message):
    with pytest.raises(ValidationError) as info:
        schedule(*bands, id="bad")
    assert info.value.problems[0].location == location
    assert info.value.problems[0].message.startswith(message)
    assert str(info.value).startswith("discount schedule 'bad': ")


def test_every_band_problem_is_reported_at_once():
    with pytest.raises(ValidationError) as info:
        schedule(band(1, 10, "0.03"), band(12, None, "0.02"), band(13, None, "0.01"))
    assert [p.location for p in info.value.problems] == [
        "bands[0].first_year",
        "bands[1].first_year",
        "bands[1].last_year",
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"rate": "1"}, ValueError, "rate: 1 is not a yearly rate in [0, 1)"),
        ({"rate": "1.5"}, ValueError, "rate: 1.5 is not a yearly rate in [0, 1)"),
        ({"rate": "-0.01"}, ValueError, "rate: -0.01 is not a yearly rate in [0, 1)"),
        ({"rate": 0.035}, FloatNotAllowedError, "rate: got the float 0.035"),
        ({"first_year": -1}, ValueError, "first_year: -1 is not a year number of at least 0"),
        ({"first_year": True}, ValueError, "first_year: True is not a year number"),
        ({"last_year": 20, "first_year": 30}, ValueError, "last_year: 20 is before first_year 30"),
        ({"last_year": "40"}, ValueError, "last_year: '40' is not a year number"),
    ],
)
def test_bad_band_is_refused(kwargs, error, message):
    arguments = {"first_year": 0, "last_year": None, "rate": "0.035", **kwargs}
    with pytest.raises(error, match=re.escape(message)):
        RateBand(**arguments)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"id": "has space"}, "id: 'has space' is not an identifier"),
        ({"title": " "}, "title: must not be empty"),
        ({"edition": ""}, "edition: must not be empty"),
        ({"verification": "checked"}, "'checked' is not a valid Verification"),
    ],
)
def test_bad_schedule_fields_are_refused(kwargs, message):
    arguments = {
        "id": "ok",
        "title": "Title",
        "edition": "1",
        "source": SOURCE,
        "verification": "primary",
        "bands": [band(0, None, "0.035")],
        **kwargs,
    }
    with pytest.raises(ValueError, match=re.escape(message)):
        DiscountSchedule(**arguments)


def test_duplicate_schedule_ids_are_refused():
    flat_x = schedule(band(0, None, "0.035"), id="x")
    with pytest.raises(ValidationError, match=re.escape("schedules[1].id: duplicate id 'x'")):
        DiscountSchedules(schedules=[flat_x, flat_x])
    with pytest.raises(ValidationError, match="at least one schedule"):
        DiscountSchedules(schedules=[])


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (-1, "year: -1 is not a year number of at least 0"),
        (True, "year: True is not a year number"),
        (31, "year: year 31 is after the schedule's last band, 30"),
    ],
)
def test_years_outside_the_schedule_are_refused(year, message):
    closed = schedule(band(0, 30, "0.035"), id="closed")
    with pytest.raises(ValidationError, match=re.escape(message)):
        closed.discount_factor(year)
    with pytest.raises(ValidationError, match=re.escape(message)):
        closed.rate(year)


def test_a_stream_longer_than_the_schedule_is_refused():
    closed = schedule(band(0, 1, "0.035"), id="closed")
    stream = [Money("1"), Money("1")]
    assert present_value(stream, closed, convention=YearConvention.YEAR_0)
    with pytest.raises(ValidationError, match="after the schedule's last band"):
        present_value(stream, closed, convention=YearConvention.YEAR_1)


def test_bad_streams_are_refused():
    with pytest.raises(ValidationError, match="no values"):
        present_value([], FLAT, convention=YearConvention.YEAR_0)
    with pytest.raises(TypeError, match=re.escape("values_by_year[1]: expected Money")):
        present_value(
            [Money("1"), Decimal(1)],  # type: ignore[list-item]
            FLAT,
            convention=YearConvention.YEAR_0,
        )
    with pytest.raises(CurrencyMismatchError):
        present_value([Money("1"), Money("1", "EUR")], FLAT, convention=YearConvention.YEAR_0)
    with pytest.raises(ValidationError, match="count: -1"):
        FLAT.discount_factors(-1, convention=YearConvention.YEAR_0)


def test_bad_schedule_in_a_file_names_the_key_path():
    text = """
[[schedules]]
id = "bad"
title = "A schedule with a gap"
edition = "test"
verification = "unverified"
source = { title = "A test source", publisher = "socialvalue tests" }
bands = [
  { first_year = 0, last_year = 30, rate = "0.035" },
  { first_year = 31, last_year = 75, rate = "0.03" },
  { first_year = 77, rate = "0.025" },
]
"""
    with pytest.raises(DataFileError) as info:
        loads(text, DiscountSchedules, format="toml", source="bad.toml")
    assert [str(p) for p in info.value.problems] == [
        (
            "schedules[0].bands[2].first_year: gap: year 76 is in no band (the band before ends "
            "at year 75, so this one should start at year 76)"
        )
    ]
    with pytest.raises(DataFileError, match=re.escape("schedules[0].bands[1].rate: 1 is not")):
        loads(text.replace('"0.03"', '"1"'), DiscountSchedules, format="toml")


# --- mutation testing (issue #12): the messages of streams and schedule sets --------------------


def _standard():
    from socialvalue import default_methodology

    return default_methodology().discount_schedule


def test_a_stream_must_have_values_of_one_kind():
    schedule = _standard()
    with pytest.raises(ValidationError) as empty:
        discount_values([], schedule, convention=YearConvention.YEAR_0)
    assert str(empty.value) == (
        "present value: values_by_year: no values: give at least one year's value"
    )
    with pytest.raises(TypeError) as mixed:
        discount_values(
            [Money("1"), Money("2"), Decimal(3)], schedule, convention=YearConvention.YEAR_0
        )
    assert str(mixed.value) == "values_by_year[2]: expected Money like the first value, got Decimal"
    with pytest.raises(TypeError) as mixed_plain:
        discount_values([Decimal(1), Money("2")], schedule, convention=YearConvention.YEAR_0)
    assert str(mixed_plain.value) == (
        "values_by_year[1]: expected Decimal like the first value, got Money"
    )
    with pytest.raises(ValueError, match=r"^value: Decimal\('NaN'\) is not a finite number$"):
        discount_values([Decimal("NaN")], schedule, convention=YearConvention.YEAR_0)
    plain = discount_values(
        [Decimal(100), Decimal(100)], schedule, convention=YearConvention.YEAR_0
    )
    assert plain[0] == Decimal(100)
    assert plain[1] < Decimal(100)


def test_schedule_sets_need_schedules_with_unique_ids():
    schedule = _standard()
    with pytest.raises(ValidationError) as none:
        DiscountSchedules(schedules=())
    assert str(none.value) == "discount schedules: schedules: at least one schedule is needed"
    with pytest.raises(ValidationError) as twice:
        DiscountSchedules(schedules=(schedule, schedule, schedule))
    assert str(twice.value) == (
        "discount schedules: 2 problems:\n"
        f"  - schedules[1].id: duplicate id {schedule.id!r} (first used at schedules[0])\n"
        f"  - schedules[2].id: duplicate id {schedule.id!r} (first used at schedules[0])"
    )
    found = DiscountSchedules(schedules=(schedule,))
    assert found.schedule(schedule.id) is schedule
    with pytest.raises(UnknownCodeError, match="unknown discount schedule 'nope'"):
        found.schedule("nope")


def test_band_and_schedule_messages_are_exact():
    with pytest.raises(ValueError) as first:  # noqa: PT011 - the whole message is compared
        RateBand(first_year=-1, rate="0.035")
    assert str(first.value) == (
        "first_year: -1 is not a year number of at least 0 (years count from the base year, year 0)"
    )
    with pytest.raises(ValueError) as last:  # noqa: PT011
        RateBand(first_year=0, last_year=-2, rate="0.035")
    assert str(last.value) == (
        "last_year: -2 is not a year number of at least 0 (or leave it out for an open-ended band)"
    )
    with pytest.raises(ValueError) as before:  # noqa: PT011
        RateBand(first_year=5, last_year=4, rate="0.035")
    assert str(before.value) == "last_year: 4 is before first_year 5"
    assert RateBand(first_year=5, last_year=5, rate="0.035").last_year == 5
    schedule = _standard()
    with pytest.raises(ValueError) as ident:  # noqa: PT011
        attrs.evolve(schedule, id="-bad")
    assert str(ident.value) == (
        "id: '-bad' is not an identifier (letters, digits and . _ / -, starting with a letter "
        "or digit, e.g. 'standard')"
    )
    with pytest.raises(ValidationError) as negative:
        schedule.band(-1)
    assert str(negative.value) == (
        f"discount schedule {schedule.id!r}: year: -1 is not a year number of at least 0 "
        "(years count from the base year, year 0)"
    )
    with pytest.raises(ValidationError) as count:
        schedule.discount_factors(-1, convention=YearConvention.YEAR_0)
    assert str(count.value) == (
        f"discount schedule {schedule.id!r}: count: -1 is not a number of years of at least 0"
    )
    assert schedule.band(0).first_year == 0
    assert schedule.discount_factors(2, convention=YearConvention.YEAR_1)[0] < 1
    assert discount_values(
        [Money("100"), Money("100")], schedule, convention=YearConvention.YEAR_1
    )[0] == Money("100") * schedule.discount_factor(1)


def test_every_open_ended_band_before_the_last_is_reported():
    with pytest.raises(ValidationError) as info:
        schedule(band(0, None, "0.035"), band(5, None, "0.03"), band(10, None, "0.025"))
    fields = [problem.location for problem in info.value.problems]
    assert fields == ["bands[0].last_year", "bands[1].last_year"]


def test_a_count_of_true_is_not_one_year():
    with pytest.raises(ValidationError, match="count: True is not a number of years"):
        FLAT.discount_factors(True, convention=YearConvention.YEAR_0)  # noqa: FBT003
