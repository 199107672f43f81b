"""A Responsible Officer's quarterly commitments paper for the Executive Leadership Team.

Combines the shipped LCRCA commitments (Day One Commitments and the 2023 report's priorities
going forward, cited to their sources) with progress updates and an ILLUSTRATIVE supplier contract
(examples/lcrca-progress.toml), and that contract's quarterly returns
(examples/hr3-returns.toml), then produces the summary for one quarter in one call.

Run: python examples/elt_quarterly_summary.py
"""

from pathlib import Path

import socialvalue as sv

HERE = Path(__file__).parent

commitments = sv.io.shipped_commitments().merged(
    sv.io.load_commitments(HERE / "lcrca-progress.toml")
)
sv.commitments.check_commitments(commitments, sv.io.shipped_framework())
returns = sv.io.load_deliveries(HERE / "hr3-returns.toml")

summary = sv.tracking.quarterly_summary(
    commitments.commitments,
    commitments.updates,
    returns.deliveries,
    quarter=sv.FinancialQuarter(2025, 1),
    methodology=sv.default_methodology(),
)
print(summary.render())

# The same results are data, for a dashboard or a report:
jobs = next(p for p in summary.progress if p.commitment.id == "HR3-EXAMPLE/LCR-EMP-1")
print(
    f"\n{jobs.commitment.id}: {jobs.delivered} of {jobs.commitment.target} FTE-years "
    f"({jobs.percent:.1f}%), projected {jobs.projected:.1f} by {jobs.commitment.due}: "
    f"{jobs.rag.value}"
)
