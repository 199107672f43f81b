"""HM Treasury, *The Green Book* (2026), Table 8 "Discounting and present values" (p.40, para 6.57).

"Suppose the proposal delivers social benefits of £1,000 in nominal terms in year 0, rising by 2%
per year in nominal terms. Assume the GDP deflator is 2% each year ... the £1,000 of social
benefits in year 5 is only worth £842 in present value terms." Printed: discount factors 1.000,
0.9662, 0.9335, 0.9019, 0.8714, 0.8420; present values £1,000, £966, £934, £902, £871, £842.
Verification: SECONDARY — read in a full-text conversion of the 2026 PDF in the public repository
d1mitrij/greenbook_vf (commit 756c4a71), OGL v3.0 (research notes for issue #15, second pass, §6).
"""

from decimal import ROUND_HALF_UP, Decimal

from socialvalue import Money
from socialvalue.discounting import YearConvention
from socialvalue.io import shipped_discount_schedule

FACTORS = ["1.000", "0.9662", "0.9335", "0.9019", "0.8714", "0.8420"]
PRESENT = ["1000", "966", "934", "902", "871", "842"]


def test_table_8_with_the_shipped_standard_schedule():
    schedule = shipped_discount_schedule()
    factors = schedule.discount_factors(6, convention=YearConvention.YEAR_0)
    shown = [
        f.quantize(Decimal(printed), rounding=ROUND_HALF_UP)
        for f, printed in zip(factors, FACTORS, strict=True)
    ]
    assert shown == [Decimal(printed) for printed in FACTORS]
    values = [Money("1000") * f for f in factors]
    assert [v.quantize(0).amount for v in values] == [Decimal(p) for p in PRESENT]
    # To the penny (this project's arithmetic, not printed): year 5 is £841.97.
    assert values[5].quantize(2) == Money("841.97")
