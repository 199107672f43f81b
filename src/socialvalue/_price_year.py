"""The price year of a figure: a financial year (``2022/23``) or a calendar year (``2022``)."""

from __future__ import annotations

from socialvalue.periods import CalendarYear, FinancialYear, parse_period

__all__ = ["price_year"]


def price_year(value: object) -> FinancialYear | CalendarYear:
    """Attrs converter: a price year from its label, or the year itself.

    >>> price_year("2019").label, price_year("2019/20").label
    ('2019', '2019/20')
    """
    period = parse_period(value) if isinstance(value, str) else value
    if not isinstance(period, (FinancialYear, CalendarYear)):
        raise TypeError(
            f"price_base: expected a financial year ('2022/23') or calendar year ('2022'), "
            f"got {value!r}"
        )
    return period
