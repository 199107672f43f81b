"""Reproduce, to the penny, two figures the LCRCA Social Value Annual Report 2023 quotes.

Source: Liverpool City Region Combined Authority, Social Value Annual Report 2023, Employer
section and Employer Spotlight. The report values volunteering at £16.93 per hour and equality,
diversity and inclusion training at £404 per employee trained, "as defined by the National Social
Value Measurement Framework". Those two values are quoted from the public report as facts; no
other National TOMs value is used or shipped.

Run: python examples/quoted_figures.py
"""

import socialvalue as sv

framework = sv.io.shipped_framework()
volunteering_hour = sv.Money("16.93")
edi_training = sv.Money("404")

# "staff to participate in up to 14 hours of volunteering annually ... over £225,000 worth of
# Social Value annually" — with the "more than 950" employees of the 2022 launch release.
employees, hours_each = 950, 14
volunteering = volunteering_hour * employees * hours_each
title = framework.measure("LCR-COM-1").title
print(f"{title}: {employees} x {hours_each} h x £16.93 = £{volunteering.amount:,}")
assert volunteering == sv.Money("225169.00")

# "EmbRACE ... rolled out to 21,000 employees ... the opportunity to create over £8million"
trainees = 21_000
edi = edi_training * trainees
print(f"{framework.measure('LCR-EDI-1').title}: {trainees:,} x £404 = £{edi.amount:,}")
assert edi == sv.Money("8484000")

# Round once, at presentation, with a named mode: the report's "over £8million".
print(f"rounded down to £0.1m: £{edi.quantize(-5, sv.money.RoundingMode.DOWN).amount:,f}")
