"""Monte Carlo over a large batch: 10,000 draws over 1,000,000 deliveries, beside a baseline.

Run from the repository root, with socialvalue[montecarlo] installed::

    python benchmarks/uncertainty.py            # 1,000,000 deliveries, 10,000 draws
    python benchmarks/uncertainty.py --n 100000 --draws 2000   # a quicker run

Inputs (seeded, built outside every timed part): N deliveries of carbon savings (LCR-ENV-2, whose
DESNZ values carry low and high bounds) and volunteering hours (LCR-COM-1, no range), each in one
of 12 financial quarters (2020/21 Q1 to 2022/23 Q4), quantities 0.01 to 9,999.99; the shipped
default methodology with deadweight 20% [10%, 30%] and attribution 10% [0%, 20%] declared
(triangular and PERT), and one cost (£450,000 per delivery, in 2022/23) so that NPSV and
BCR are simulated too.

Timed (wall clock, one run each):

* ``value_many`` of the N deliveries (the exact, Decimal valuation: step 1 and step 2);
* ``monte_carlo`` over that batch: draws per valuation key (linearity), so the N deliveries cost
  nothing more — the figure the target is about;
* ``monte_carlo`` given the N deliveries directly (it sums quantities per key itself);
* the baseline a user would otherwise write: draws *per delivery* with numpy (each draw
  multiplies N quantities by N drawn unit values), timed for a few draws and scaled to the full
  number of draws (stated as such).

Floats appear only in the simulation (a distribution, not an account) and in timings. This
script never asserts on a timing and is not run by the test suite.
"""

from __future__ import annotations

import argparse
import random
import time
from decimal import Decimal

import attrs
import numpy as np

import socialvalue as sv
from socialvalue.additionality import Additionality
from socialvalue.periods import FinancialQuarter
from socialvalue.ranges import AssumptionRange, Uncertainty
from socialvalue.uncertainty import monte_carlo, uncertain_inputs

TARGET_SECONDS = 5.0


def methodology() -> sv.Methodology:
    """The default methodology with deadweight and attribution ranges declared."""
    return attrs.evolve(
        sv.default_methodology(),
        additionality=Additionality(deadweight="0.2", attribution="0.1"),
        uncertainty=Uncertainty(
            ranges=[
                AssumptionRange(factor="deadweight", low="0.1", high="0.3"),
                AssumptionRange(factor="attribution", low="0", high="0.2", distribution="pert"),
            ]
        ),
    )


def deliveries(n: int, seed: int) -> list[sv.Delivery]:
    """``n`` seeded deliveries (built outside every timed part)."""
    rng = random.Random(seed)
    quarters = [FinancialQuarter(year, q) for year in (2020, 2021, 2022) for q in (1, 2, 3, 4)]
    measures = ("LCR-ENV-2", "LCR-COM-1")
    return [
        sv.Delivery(
            measure=rng.choice(measures),
            quantity=Decimal(rng.randint(1, 999_999)).scaleb(-2),
            period=rng.choice(quarters),
        )
        for _ in range(n)
    ]


def baseline(items: list[sv.Delivery], chosen: sv.Methodology, draws: int, seed: int) -> float:
    """Per-delivery draws with numpy: seconds for ``draws`` draws (no per-key summing)."""
    batch = sv.value_many(items, chosen)
    unit = {g.key: g.unit for g in batch}
    keys = list(unit)
    index = {key: i for i, key in enumerate(keys)}
    key_of = np.array([index[sv.ValuationKey.of(d)] for d in items])
    quantity = np.array([float(d.quantity) for d in items])
    central = np.array([float(unit[k].present_value) for k in keys])
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    for _ in range(draws):
        scale = rng.triangular(0.5, 1.0, 1.5, len(keys))  # a proxy draw per key …
        deadweight = rng.triangular(0.1, 0.2, 0.3)
        per_delivery = central[key_of] * scale[key_of] * (1 - deadweight) / 0.8  # … per delivery
        float((quantity * per_delivery).sum())
    return time.perf_counter() - start


def main() -> None:
    """Time each step and print the figures beside the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--baseline-draws", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    chosen = methodology()
    started = time.perf_counter()
    items = deliveries(args.n, args.seed)
    print(f"built {args.n:,} deliveries in {time.perf_counter() - started:.1f} s (not timed)")

    start = time.perf_counter()
    batch = sv.value_many(items, chosen)
    valued = time.perf_counter() - start

    costs = [sv.Cost(amount=Decimal(450_000 * args.n), period="2022/23")]
    start = time.perf_counter()
    result = monte_carlo(batch, chosen, seed=args.seed, draws=args.draws, costs=costs)
    simulated = time.perf_counter() - start

    start = time.perf_counter()
    direct = monte_carlo(items, chosen, seed=args.seed, draws=args.draws)
    simulated_direct = time.perf_counter() - start

    per_draw = baseline(items, chosen, args.baseline_draws, args.seed) / args.baseline_draws
    inputs = len(uncertain_inputs(chosen, batch))
    print(f"{len(batch.groups)} valuation keys, {inputs} uncertain inputs drawn or held")
    print()
    print(f"{'step':58} {'seconds':>9}")
    print(f"{'value_many (exact Decimal valuation)':58} {valued:9.2f}")
    print(f"{f'monte_carlo over the batch, {args.draws:,} draws':58} {simulated:9.2f}")
    print(f"{f'monte_carlo given the {args.n:,} deliveries':58} {simulated_direct:9.2f}")
    print(
        f"{f'baseline: per-delivery draws, scaled from {args.baseline_draws}':58} "
        f"{per_draw * args.draws:9.2f}"
    )
    print()
    met = "met" if simulated <= TARGET_SECONDS else "NOT met"
    print(
        f"target: {args.draws:,} draws over {args.n:,} deliveries ≤ {TARGET_SECONDS:.0f} s "
        f"(the simulation, on the valued batch): {simulated:.2f} s — {met}"
    )
    print(f"central present value (exact): £{result.central:,.2f}")
    for p, value in result.percentiles:
        npsv = result.npsv_percentile(p)
        bcr = result.bcr_percentile(p)
        print(f"  P{p:<3} £{value:,.2f}   NPSV £{npsv:,.2f}   BCR {bcr:.3f}")
    print(f"P(NPSV < 0) = {result.p_npsv_negative:.4f} (costs: £{result.costs:,.2f} PVC)")
    print(f"same figures given the deliveries directly: {direct.percentiles == result.percentiles}")


if __name__ == "__main__":
    main()
