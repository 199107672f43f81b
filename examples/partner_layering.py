"""A partner authority layers its own values over the shipped open registry.

The partner's values are a CSV exported from a spreadsheet. Here that file,
examples/partner-values.csv, holds two SYNTHETIC values (round numbers whose source says
"synthetic, for illustration; not a proxy value"): they stand in for a partner's own licensed
set, which cannot ship. Put your own file in their place (or build one from a licensed workbook
with `socialvalue registry import`). The partner's layer is searched first, over the shipped open
registry, without copying it; every lookup says which layer and file answered, or says clearly
why nothing did.

Run: python examples/partner_layering.py
"""

import datetime as dt
from pathlib import Path

import socialvalue as sv

HERE = Path(__file__).parent

framework = sv.io.shipped_framework()
open_values = sv.io.shipped_registry()
partner = sv.load_registry(HERE / "partner-values.csv")
stack = partner.layered_over(open_values)
stack.check_against(framework)  # every layer's measures and units agree with the framework
print("layers, top first:", " > ".join(f"{layer.id} ({layer.origin})" for layer in stack))

for code in ("LCR-COM-1", "LCR-EDI-1", "LCR-ENV-2"):
    measure = framework.measure(code)
    print(f"\n{code} {measure.title} — £ per {framework.unit_of(code).label}")
    for year in range(2019, 2026):
        fy = sv.FinancialYear(year)
        day = fy.start + dt.timedelta(days=182)  # the middle of the financial year
        try:
            hit = stack.lookup(code, day, "Liverpool City Region")
        except sv.proxies.NoProxyValueError as strict_miss:
            try:
                hit = stack.lookup(
                    code, day, "Liverpool City Region", policy=sv.proxies.LookupPolicy.CARRY_FORWARD
                )
            except sv.proxies.NoProxyValueError:
                print(f"  {fy.label}: no value — {strict_miss}")
                continue
            flag = f"carried forward from {hit.value.validity}"
        else:
            flag = "in force"
        print(
            f"  {fy.label}: £{hit.value.value} ({hit.value.price_base.label} prices) from "
            f"{hit.layer}, {hit.geography}, {flag}; {hit.value.verification.value}"
        )

print("\nwhere one figure came from:")
print(stack.lookup("LCR-COM-1", dt.date(2022, 10, 1), "Liverpool City Region").describe())
