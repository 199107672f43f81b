"""A supplier's return, end to end: a template, filled in, imported, every problem explained.

1. The council makes a return template (XLSX) for an ILLUSTRATIVE contract with two contractual
   commitments: dropdowns for the measure codes and the quarters, a guidance sheet with each
   measure's unit and counting rules, and the commitments listed.
2. The supplier fills it in — some rows right, some wrong, typed here with openpyxl as a person
   would type them into Excel.
3. The council imports it: the good rows are accepted; every bad row is rejected with its row
   number, its original cells and every reason.
4. The rejected rows go back to the supplier as a workbook with a ``problems`` column; once
   corrected, it imports cleanly. The accepted deliveries are valued and exported.

Needs the xlsx extra: pip install "socialvalue[xlsx]"
Run: python examples/supplier_returns.py [folder]   (files are written to a temporary folder
unless one is given)
"""

import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import openpyxl

import socialvalue as sv

framework = sv.io.shipped_framework()
CONTRACT = "K-2025-014"  # illustrative: not a real LCRCA contract
commitments = [
    sv.Commitment(
        id=f"{CONTRACT}/JOBS",
        kind=sv.commitments.CONTRACTUAL,
        title="Local residents employed on the contract",
        contract=CONTRACT,
        owner="Acme Facilities Ltd",
        measure="LCR-EMP-1",
        target="6",
        start="2025-04-01",
        due="2026-03-31",
    ),
    sv.Commitment(
        id=f"{CONTRACT}/VOL",
        kind=sv.commitments.CONTRACTUAL,
        title="Volunteering hours for community organisations",
        contract=CONTRACT,
        owner="Acme Facilities Ltd",
        measure="LCR-COM-1",
        target="400",
        start="2025-04-01",
        due="2026-03-31",
    ),
]

# What the supplier types: Measure, Quantity, Unit, Period, Reporter, Contract, Project,
# Geography, Evidence, Note, Correction (the template's columns).
SUPPLIER = "Acme Facilities Ltd"
typed = [
    ["LCR-EMP-1", 2.5, "fte_year", "2025/26 Q1", SUPPLIER, CONTRACT, None, None, "payroll Q1"],
    ["LCR-COM-1", "1,250", None, "2025/26 Q1", SUPPLIER, CONTRACT, None, None, "timesheets"],
    ["LCR-COM-2", "£3,000", None, "2025/26 Q1", SUPPLIER, CONTRACT, None, None, "receipt 42"],
    ["LCR-COM-1", "£300", "hour", "2025/26 Q2", SUPPLIER, CONTRACT],  # money, in an hours measure
    ["LCR-EMP-9", 1, None, "2025/26 Q2", SUPPLIER, CONTRACT],  # no such measure
    ["LCR-EMP-1", -0.5, None, "2025/26 Q2", SUPPLIER, CONTRACT],  # negative, not a correction
    ["LCR-COM-1", "=B3/2", None, "2025/26 Q5", SUPPLIER, CONTRACT],  # a formula; no Q5
]


def run(folder: Path) -> None:
    template = folder / f"{CONTRACT} return.xlsx"
    sv.io.make_template(template, framework=framework, contract=CONTRACT, commitments=commitments)
    print(f"1. template written: {template.name} (sheets: Returns, Guidance, Commitments)")

    book = openpyxl.load_workbook(template)
    # Typed into the first rows (the Contract column is already filled in on every row).
    for number, row in enumerate(typed, start=2):
        for column, value in enumerate(row, start=1):
            book["Returns"].cell(row=number, column=column, value=value)
    filled = folder / f"{CONTRACT} return, filled.xlsx"
    book.save(filled)

    result = sv.read_returns(filled, framework=framework)
    print("\n2. imported:")
    print(result.summary())
    assert result.accepted_rows == (2, 3, 4)
    assert [row.row for row in result.rejected] == [5, 6, 7, 8]
    assert sum(len(row.problems) for row in result.rejected) == 5

    print("\n   the rejected rows keep their original cells:")
    for row in result.rejected:
        print(f"   row {row.row}: {', '.join(cell for cell in row.cells if cell)}")

    rejected = folder / f"{CONTRACT} rejected rows.xlsx"
    sv.io.write_rejected(result, rejected)
    print(f"\n3. {len(result.rejected)} rejected rows written to {rejected.name} to correct")

    # The supplier corrects them: the right unit, the right code, a correction, typed values.
    book = openpyxl.load_workbook(rejected)
    sheet = book.active
    sheet["B2"] = "300"  # LCR-COM-1 is counted in hours: 300 hours, no £
    sheet["A3"] = "LCR-EMP-1"
    sheet["K4"] = "yes"  # the -0.5 corrects an earlier over-report
    sheet["B5"], sheet["D5"] = "625", "2025/26 Q2"
    book.save(rejected)
    corrected = sv.read_returns(rejected, framework=framework)
    print(
        f"   corrected and imported again: {len(corrected.accepted)} accepted, "
        f"{len(corrected.rejected)} rejected"
    )
    assert corrected.ok

    deliveries = [*result.accepted, *corrected.accepted]
    hours = sum(d.quantity for d in deliveries if d.measure == "LCR-COM-1")
    jobs = sum(d.quantity for d in deliveries if d.measure == "LCR-EMP-1")
    assert (hours, jobs) == (Decimal(2175), Decimal(3))
    print(
        f"\n4. against the commitments: {hours} volunteering hours (target 400), "
        f"{jobs} FTE-years (target 6)"
    )

    # Value what the shipped open methodology can value; it holds no open proxy for local jobs,
    # so those are reported, not silently valued at zero.
    methodology = sv.default_methodology()
    valuations, unvalued = [], {}
    for delivery in deliveries:
        try:
            valuations.append(sv.value(delivery, methodology))
        except sv.proxies.NoProxyValueError as error:
            unvalued.setdefault(delivery.measure, str(error))
    exported = folder / f"{CONTRACT} valued.csv"
    sv.io.export_valuations(valuations, exported)
    gross = sv.money.sum_money(v.gross for v in valuations if v.gross is not None)
    # Volunteering in 2025/26 has an open value (ONS ASHE, April 2025); local jobs have none.
    assert sorted({v.delivery.measure for v in valuations}) == ["LCR-COM-1", "LCR-COM-2"]
    print(
        f"   valued with {methodology.ref.id}: {len(valuations)} of {len(deliveries)} deliveries, "
        f"{gross.quantize(2).amount} GBP gross (exact, with each explanation, in {exported.name})"
    )
    print("   not valued (load the proxy values you are licensed to use):")
    for reason in unvalued.values():
        print(f"   - {reason}")


if len(sys.argv) > 1:
    run(Path(sys.argv[1]))
else:
    with tempfile.TemporaryDirectory() as temporary:
        run(Path(temporary))
