"""An analyst values a list of deliveries and shows how any figure was obtained.

Loads the shipped open methodology (open values only: a measure without an open value is listed
as not valued, with the reason), states additionality assumptions for one measure,
values the shipped LCRCA 2023 example deliveries, and prints the totals, the gaps, and the full
working behind one figure.

Run: python examples/analyst_valuation.py
"""

import attrs

import socialvalue as sv

default = sv.default_methodology()
methodology = attrs.evolve(
    default,
    id="analyst-2023",
    title="LCRCA 2023, open values, with our volunteering assumptions",
    # The report values volunteering over a two-academic-year period; look values up for the
    # middle of each delivery's period rather than requiring one value for the whole span.
    proxy_date=sv.methodology.ProxyDate.MIDDLE,
    # Our own, stated assumption for volunteering (illustrative, not a published benchmark):
    # a quarter would have happened anyway, a tenth is due to others.
    assumptions=(
        sv.methodology.MeasureAssumption(
            measure="LCR-COM-1",
            additionality=sv.Additionality(deadweight="0.25", attribution="0.1"),
            note="Analyst's assumption for the 2023 review; replace with evaluated figures.",
        ),
    ),
)
print(f"methodology: {methodology.ref}")

deliveries = sv.io.example_deliveries()
batch = sv.value_many(deliveries, methodology, by=("project",), unvalued="report")
rounding = methodology.rounding

print(f"\n{len(batch.groups)} groups valued, {len(batch.unvalued)} not valued")
for group in batch:
    if group.unit.monetised and group.present_value is not None:
        project = group.by[0]
        amount = group.present_value.quantize(rounding.places, rounding.mode).amount
        print(f"  {group.key.measure:<10} {project:<28} £{amount:>14,f}")
total = batch.total_present_value().quantize(rounding.places, rounding.mode).amount
print(f"  {'total':<39} £{total:>14,f}")

print("\nnot valued (no open or stated proxy value):")
for missing in batch.unvalued:
    print(f"  {missing.key.measure} × {missing.quantity}: {missing.reason.split(';')[0]}")

# Any single figure, explained step by step: here, the AEB volunteering hours.
volunteering = next(
    d for d in deliveries if d.measure == "LCR-COM-1" and d.project == "Adult Education Budget"
)
valuation = sv.value(volunteering, methodology)
print("\nhow the volunteering figure was obtained:")
print(valuation.explain(places=rounding.places))
