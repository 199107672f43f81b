"""Start-up time: medians of fresh processes, beside the targets of issue 16 and a baseline.

Run from the repository root, with socialvalue[cli] installed::

    python benchmarks/startup.py          # 11 fresh processes per row
    python benchmarks/startup.py --n 31   # another count

Rows (each a fresh interpreter, wall time from spawn to exit):

* ``python -c pass`` — the interpreter alone: the floor every other row stands on;
* ``import socialvalue`` — target 50 ms;
* ``default_methodology()`` first call — target 50 ms: the process time, and beside it the call
  alone (timed inside the process, after ``import socialvalue``);
* ``socialvalue --help`` and ``socialvalue value --help`` — target 150 ms.

Bytecode is compiled first (``compileall`` on the package), as ``pip install`` does, so a
checkout with ``PYTHONDONTWRITEBYTECODE`` set does not time the compiler. Benchmarks print;
nothing here is asserted, and the test suite never runs this script.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path

import socialvalue

_CALL = (
    "import time, socialvalue; t = time.perf_counter(); socialvalue.default_methodology(); "
    "print(time.perf_counter() - t)"
)
_CLI = "from socialvalue.cli import main; raise SystemExit(main({argv}))"

#: (label, python -c code, target in seconds or None)
ROWS: tuple[tuple[str, str, float | None], ...] = (
    ("python -c pass (baseline)", "pass", None),
    ("import socialvalue", "import socialvalue", 0.050),
    ("default_methodology() first call", _CALL, 0.050),
    ("socialvalue --help", _CLI.format(argv=["--help"]), 0.150),
    ("socialvalue value --help", _CLI.format(argv=["value", "--help"]), 0.150),
)


def _run(code: str, n: int) -> tuple[float, float | None]:
    """Median wall time of ``n`` fresh processes, and the median of what they printed (if any)."""
    walls: list[float] = []
    inner: list[float] = []
    for _ in range(n):
        start = time.perf_counter()
        done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        walls.append(time.perf_counter() - start)
        last = done.stdout.strip().splitlines()[-1:] if code == _CALL else []
        if last:
            inner.append(float(last[0]))
    return statistics.median(walls), statistics.median(inner) if inner else None


def main() -> None:
    """Print the median of each row beside its target and the baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=11, help="fresh processes per row")
    n = parser.parse_args().n
    compileall.compile_dir(Path(socialvalue.__file__).parent, quiet=1)
    print(f"{'':38} {'median':>9} {'target':>9} {'baseline':>9}   ({n} fresh processes each)")
    baseline = None
    for label, code, target in ROWS:
        wall, inner = _run(code, n)
        baseline = wall if baseline is None else baseline
        shown_target = f"{target * 1000:.0f} ms" if target is not None else ""
        verdict = "" if target is None else ("  ok" if wall <= target else "  over")
        print(
            f"{label:38} {wall * 1000:6.0f} ms {shown_target:>9} {baseline * 1000:6.0f} ms{verdict}"
        )
        if inner is not None:
            within = "  ok" if inner <= (target or 0) else "  over"
            alone = "  the call alone, in process"
            print(f"{alone:38} {inner * 1000:6.0f} ms {'':>9} {'':>9}{within}")


if __name__ == "__main__":
    main()
