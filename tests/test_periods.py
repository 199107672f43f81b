import datetime as dt
import itertools

import pytest
from hypothesis import given
from strategies import any_periods, dates, financial_years, periods

from socialvalue import (
    AcademicYear,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
    parse_period,
)
from socialvalue.exceptions import PeriodParseError


@given(any_periods())
def test_parse_of_label_is_identity(period):
    assert parse_period(period.label) == period


@given(dates())
def test_every_date_is_in_exactly_one_financial_quarter(day):
    year = FinancialYear.containing(day)
    matching = [quarter for quarter in year.quarters() if day in quarter]
    assert matching == [FinancialQuarter.containing(day)]
    neighbours = [year.shifted(-1), year.shifted(1)]
    assert not any(day in quarter for other in neighbours for quarter in other.quarters())


@given(financial_years())
def test_quarters_tile_the_financial_year(year):
    quarters = year.quarters()
    assert quarters[0].start == year.start
    assert quarters[-1].end == year.end
    for before, after in itertools.pairwise(quarters):
        assert before.end + dt.timedelta(days=1) == after.start
    assert sum(quarter.days for quarter in quarters) == year.days
    assert list(year) == list(quarters)


@given(periods())
def test_financial_quarters_of_a_period_cover_it(period):
    quarters = period.financial_quarters()
    assert quarters[0].start <= period.start
    assert quarters[-1].end >= period.end
    assert all(quarter.overlaps(period) for quarter in quarters)


@given(any_periods(), any_periods())
def test_overlap_is_symmetric_and_containment_implies_overlap(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    if a.contains(b):
        assert a.overlaps(b)


def test_financial_year_dates_and_label():
    year = FinancialYear(2022)
    assert (year.start, year.end, year.label) == (
        dt.date(2022, 4, 1),
        dt.date(2023, 3, 31),
        "2022/23",
    )
    assert FinancialYear(1999).label == "1999/00"
    assert str(year) == "2022/23"


@pytest.mark.parametrize(
    ("number", "start", "end"),
    [
        (1, dt.date(2022, 4, 1), dt.date(2022, 6, 30)),
        (2, dt.date(2022, 7, 1), dt.date(2022, 9, 30)),
        (3, dt.date(2022, 10, 1), dt.date(2022, 12, 31)),
        (4, dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
    ],
)
def test_quarters_follow_the_uk_public_sector_convention(number, start, end):
    quarter = FinancialQuarter(2022, number)
    assert (quarter.start, quarter.end) == (start, end)
    assert quarter.financial_year == FinancialYear(2022)


def test_quarter_navigation():
    assert FinancialQuarter(2022, 4).next() == FinancialQuarter(2023, 1)
    assert FinancialQuarter(2023, 1).previous() == FinancialQuarter(2022, 4)
    assert FinancialQuarter(2022, 2).previous() == FinancialQuarter(2022, 1)
    assert FinancialYear(2022).quarter(3) == FinancialQuarter(2022, 3)


def test_calendar_and_academic_years():
    assert (CalendarYear(2024).start, CalendarYear(2024).end) == (
        dt.date(2024, 1, 1),
        dt.date(2024, 12, 31),
    )
    academic = AcademicYear(2022)
    assert (academic.start, academic.end) == (dt.date(2022, 8, 1), dt.date(2023, 7, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022/23", FinancialYear(2022)),
        ("2022-23", FinancialYear(2022)),
        ("FY2022/23", FinancialYear(2022)),
        ("fy 2022-23", FinancialYear(2022)),
        ("2022/2023", FinancialYear(2022)),
        ("1999/00", FinancialYear(1999)),
        ("2022/23 Q3", FinancialQuarter(2022, 3)),
        ("2022/23-Q3", FinancialQuarter(2022, 3)),
        ("FY2022/23 Q4", FinancialQuarter(2022, 4)),
        ("Q1 2023/24", FinancialQuarter(2023, 1)),
        ("AY2022/23", AcademicYear(2022)),
        ("2024", CalendarYear(2024)),
        ("CY2024", CalendarYear(2024)),
        (" 2022-04-01 ", Period(dt.date(2022, 4, 1), dt.date(2022, 4, 1))),
        ("2022-04-01..2023-03-31", Period(dt.date(2022, 4, 1), dt.date(2023, 3, 31))),
        ("2022-04-01/2023-03-31", Period(dt.date(2022, 4, 1), dt.date(2023, 3, 31))),
        ("2022-04-01 to 2023-03-31", Period(dt.date(2022, 4, 1), dt.date(2023, 3, 31))),
    ],
)
def test_parse_the_forms_councils_write(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2022/24", "the second year must follow the first (did you mean 2022/23?)"),
        ("2022/23 Q5", "expected one of: 2022/23"),
        ("April 2022", "expected one of: 2022/23"),
        ("2022-02-30", "day is out of range for month"),
        ("2023-03-31..2022-04-01", "period ends (2022-04-01) before it starts (2023-03-31)"),
        ("", "expected one of"),
    ],
)
def test_parse_errors_say_what_was_expected(text, message):
    with pytest.raises(PeriodParseError) as info:
        parse_period(text)
    assert message in str(info.value)
    assert repr(text) in str(info.value)


def test_parse_refuses_non_text():
    with pytest.raises(TypeError, match="expected a period label"):
        parse_period(2022)  # type: ignore[arg-type]


def test_construction_is_validated():
    with pytest.raises(ValueError, match="quarter: expected 1, 2, 3 or 4"):
        FinancialQuarter(2022, 5)
    with pytest.raises(ValueError, match="before it starts"):
        Period(dt.date(2022, 2, 1), dt.date(2022, 1, 1))
    with pytest.raises(TypeError, match="datetime"):
        Period(dt.datetime(2022, 1, 1), dt.date(2022, 1, 2))  # noqa: DTZ001
    with pytest.raises(TypeError, match="whole year"):
        FinancialYear("2022")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="outside"):
        FinancialYear(10_000)


def test_containment_and_ordering():
    year = FinancialYear(2022)
    assert dt.date(2023, 3, 31) in year
    assert dt.date(2023, 4, 1) not in year
    assert FinancialQuarter(2022, 2) in year
    assert "2022/23" not in year
    assert year.contains(Period(dt.date(2022, 5, 1), dt.date(2022, 5, 31)))
    assert sorted([FinancialYear(2023), FinancialQuarter(2022, 1), CalendarYear(2022)]) == [
        CalendarYear(2022),
        FinancialQuarter(2022, 1),
        FinancialYear(2023),
    ]
    assert FinancialYear(2022).as_period() == Period(dt.date(2022, 4, 1), dt.date(2023, 3, 31))
    assert FinancialYear(2022) != FinancialYear(2022).as_period()
    with pytest.raises(TypeError):
        year.contains(dt.datetime(2022, 5, 1))  # noqa: DTZ001


# --- boundaries (issue #12) -------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2022", 2022.0, None, True])
def test_years_must_be_whole_numbers(year):
    with pytest.raises(TypeError, match="expected a whole year"):
        FinancialYear(year)
    with pytest.raises(TypeError, match="expected a whole year"):
        CalendarYear(year)


@pytest.mark.parametrize("other", [1, "2022/23", None])
def test_periods_compare_only_with_periods(other):
    year = FinancialYear(2022)
    for compare in (year.__lt__, year.__le__, year.__gt__, year.__ge__):
        assert compare(other) is NotImplemented
    assert other not in year


@pytest.mark.parametrize(
    ("start", "message"),
    [
        ("2022-4-1", "'2022-4-1' is not an ISO date"),
        ("2022-04-31", "'2022-04-31' is not an ISO date"),
        ("٢٠٢٢-04-01", "is not an ISO date"),
        ("20220401", "'20220401' is not an ISO date"),
    ],
)
def test_period_dates_are_iso_dates_in_ascii(start, message):
    with pytest.raises(ValueError, match=message):
        Period(start, "2022-06-30")


def test_period_dates_must_be_dates():
    with pytest.raises(TypeError, match="expected a date, got int"):
        Period(20220401, "2022-06-30")
    with pytest.raises(TypeError, match="expected a date, got the datetime"):
        Period(dt.datetime(2022, 4, 1, tzinfo=dt.UTC), "2022-06-30")
    assert Period(" 2022-04-01 ", "2022-06-30").start == dt.date(2022, 4, 1)


def test_period_order_is_by_dates_then_kind():
    year, later = FinancialYear(2022), FinancialYear(2023)
    assert year <= FinancialYear(2022)
    assert not later <= year
    assert later > year
    assert not year > later
    assert later >= year
    assert year >= FinancialYear(2022)
    assert not year >= later
    assert year < year.as_period()  # same dates: ordered by the kind's name


# --- mutation testing (issue #12) ---------------------------------------------------------------


def test_contains_includes_both_ends_and_refuses_datetimes():
    quarter = FinancialQuarter(2022, 1)
    assert quarter.contains(dt.date(2022, 4, 1))
    assert quarter.contains(dt.date(2022, 6, 30))
    assert not quarter.contains(dt.date(2022, 3, 31))
    assert not quarter.contains(dt.date(2022, 7, 1))
    assert quarter.contains(Period("2022-04-01", "2022-06-30"))
    assert not quarter.contains(Period("2022-04-01", "2022-07-01"))
    assert not quarter.contains(Period("2022-03-31", "2022-06-30"))
    with pytest.raises(TypeError, match=r"^expected a date, not a datetime$"):
        quarter.contains(dt.datetime(2022, 5, 1, tzinfo=dt.UTC))


def test_overlap_needs_a_shared_day():
    quarter = FinancialQuarter(2022, 1)
    assert quarter.overlaps(Period("2022-06-30", "2022-07-31"))
    assert quarter.overlaps(Period("2022-01-01", "2022-04-01"))
    assert not quarter.overlaps(Period("2022-07-01", "2022-07-31"))
    assert not quarter.overlaps(Period("2022-01-01", "2022-03-31"))


def test_strict_order_is_strict():
    year = FinancialYear(2022)
    assert not year < FinancialYear(2022)
    assert not year > FinancialYear(2022)
    assert FinancialYear.__lt__(year, FinancialYear(2023)) is True
    assert FinancialYear.__gt__(FinancialYear(2023), year) is True


def test_shifted_moves_by_whole_years_both_ways():
    assert FinancialYear(2022).shifted(3) == FinancialYear(2025)
    assert FinancialYear(2022).shifted(-2) == FinancialYear(2020)


@pytest.mark.parametrize(
    ("label", "message"),
    [
        (
            "2022/24",
            (
                "cannot read '2022/24' as a period: the second year must follow the first "
                "(did you mean 2022/23?)"
            ),
        ),
        (
            "2022/2024",
            (
                "cannot read '2022/2024' as a period: the second year must follow the "
                "first (did you mean 2022/23?)"
            ),
        ),
        (
            "1999/01",
            (
                "cannot read '1999/01' as a period: the second year must follow the first "
                "(did you mean 1999/00?)"
            ),
        ),
    ],
)
def test_the_second_year_must_follow_the_first(label, message):
    with pytest.raises(PeriodParseError) as info:
        parse_period(label)
    assert str(info.value) == message


def test_two_year_labels_read_both_forms():
    assert parse_period("2022/2023") == FinancialYear(2022)
    assert parse_period("1999/00") == FinancialYear(1999)
    assert parse_period("1999/2000") == FinancialYear(1999)


def test_parse_period_names_what_it_was_given():
    with pytest.raises(TypeError, match=r"^expected a period label \(str\), got int$"):
        parse_period(2022)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (
            lambda: AcademicYear(2199),
            "start_year: 2199 is outside 1899..2198 (periods must fall in the years 1900–2199)",
        ),
        (
            lambda: AcademicYear(1898),
            "start_year: 1898 is outside 1899..2199 (periods must fall in the years 1900–2199)",
        ),
        (lambda: CalendarYear(1899), "year: 1899 is outside 1900..2199"),
        (lambda: CalendarYear(2200), "year: 2200 is outside 1900..2199"),
    ],
)
def test_year_ranges_are_exact_and_say_so(build, message):
    with pytest.raises(ValueError) as info:  # noqa: PT011 - the whole message is compared
        build()
    assert str(info.value) == message
    assert AcademicYear(2198).end == dt.date(2199, 7, 31)
    assert AcademicYear(1899).start == dt.date(1899, 8, 1)
    assert CalendarYear(1900).label == "1900"


def test_four_digit_second_years_must_follow_the_first():
    from socialvalue.periods import _parse_period

    _parse_period.cache_clear()  # test the parser, not what an earlier test left in its cache
    assert parse_period("2022/2023") == FinancialYear(2022)
    assert parse_period("2099/2100") == FinancialYear(2099)
    for text in ("2022/2024", "2022/2022", "2022/2021", "2022/2123"):
        with pytest.raises(PeriodParseError, match=r"did you mean 2022/23\?"):
            parse_period(text)


def test_the_last_calendar_year_is_accepted_and_the_next_refused():
    from socialvalue._limits import MAX_YEAR, MIN_YEAR

    assert CalendarYear(MAX_YEAR).year == MAX_YEAR
    assert CalendarYear(MIN_YEAR).year == MIN_YEAR
    with pytest.raises(ValueError, match=rf"^year: {MAX_YEAR + 1} is outside {MIN_YEAR}\.\."):
        CalendarYear(MAX_YEAR + 1)
    with pytest.raises(ValueError, match=rf"^year: {MIN_YEAR - 1} is outside"):
        CalendarYear(MIN_YEAR - 1)
