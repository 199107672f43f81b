"""Start-up time: medians of fresh processes, beside the targets of issue 16 and a baseline.

Run from the repository root, with socialvalue[cli] installed::

    python benchmarks/startup.py          # 11 fresh processes per row
    python benchmarks/startup.py --n 31   # another count

Each row is timed in fresh interpreters (wall time from spawn to exit), and beside it its
baseline, timed the same way in the same run:

* ``import socialvalue`` — target 50 ms, the import alone (timed inside the process; the
  process's wall time is shown too); baseline ``python -c pass``, the interpreter alone;
* ``default_methodology()`` first call — target 50 ms, the call alone (timed inside the
  process, after ``import socialvalue``; the process's wall time is shown too); baseline the
  slow path forced, timed the same way: importing the io layer and reading the same methodology
  from the shipped TOML with cattrs (``methodology_from_shipped_toml``), as every first call
  did before the cache;
* ``socialvalue --help`` and ``socialvalue value --help`` — target 150 ms; baseline the same
  help after importing what the command line imported eagerly before it imported lazily (rich's
  console, progress and tables, the io layer, the models, every command's module).

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

_TIMED = "import time{setup}; t = time.perf_counter(); {call}; print(time.perf_counter() - t)"
_IMPORT = _TIMED.format(setup="", call="import socialvalue")
_FAST = _TIMED.format(setup=", socialvalue", call="socialvalue.default_methodology()")
_SLOW = _TIMED.format(
    setup=", socialvalue",
    call="from socialvalue.io._methodology import methodology_from_shipped_toml as slow; "
    "slow('lcrca-default')",
)
#: What ``socialvalue.cli`` imported before its commands imported on use.
_EAGER = (
    "import rich.console, rich.progress, rich.table, rich.text, socialvalue.io, "
    "socialvalue.batch, socialvalue.compare, socialvalue.tracking, socialvalue.uncertainty, "
    "socialvalue.cli._context, socialvalue.cli._import, socialvalue.cli._inputs, "
    "socialvalue.cli._output, socialvalue.cli._paths, socialvalue.cli._tree; "
)
_CLI = "from socialvalue.cli import main; raise SystemExit(main({argv}))"

#: (label, python -c code, baseline label, baseline code, target in seconds or None)
ROWS: tuple[tuple[str, str, str, str, float | None], ...] = (
    ("import socialvalue", _IMPORT, "python -c pass", "pass", 0.050),
    ("default_methodology() first call", _FAST, "the TOML path, forced", _SLOW, 0.050),
    (
        "socialvalue --help",
        _CLI.format(argv=["--help"]),
        "eager imports",
        _EAGER + _CLI.format(argv=["--help"]),
        0.150,
    ),
    (
        "socialvalue value --help",
        _CLI.format(argv=["value", "--help"]),
        "eager imports",
        _EAGER + _CLI.format(argv=["value", "--help"]),
        0.150,
    ),
)


def _once(code: str) -> tuple[float, float | None]:
    """Wall time of one fresh process, and the time it printed (if it times a call)."""
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    wall = time.perf_counter() - start
    inner = float(done.stdout.strip().splitlines()[-1]) if "perf_counter() - t" in code else None
    return wall, inner


def _run(codes: tuple[str, str], n: int) -> list[tuple[float, float | None]]:
    """Medians over ``n`` rounds, each running every code once in turn.

    Taking turns, a change in the machine's load falls on the row and its baseline alike.
    """
    walls: list[list[float]] = [[] for _ in codes]
    inner: list[list[float]] = [[] for _ in codes]
    for _ in range(n):
        for i, code in enumerate(codes):
            wall, called = _once(code)
            walls[i].append(wall)
            if called is not None:
                inner[i].append(called)
    return [
        (statistics.median(w), statistics.median(c) if c else None)
        for w, c in zip(walls, inner, strict=True)
    ]


def _ms(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds * 1000:.0f} ms"


def main() -> None:
    """Print the median of each row beside its target and its baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=11, help="fresh processes per row")
    n = parser.parse_args().n
    compileall.compile_dir(Path(socialvalue.__file__).parent, quiet=1)
    print(f"medians of {n} fresh processes each (wall time; 'in process': the call alone)")
    print(f"{'':34} {'median':>8} {'target':>8} {'baseline':>9}        baseline is")
    for label, code, base_label, base_code, target in ROWS:
        (wall, inner), (base_wall, base_inner) = _run((code, base_code), n)
        shown = inner if inner is not None else wall
        verdict = "    " if target is None else ("ok  " if shown <= target else "over")
        base = base_inner if base_inner is not None else base_wall
        print(
            f"{label:34} {_ms(shown):>8} {_ms(target):>8} {_ms(base):>9}   {base_label} {verdict}"
        )
        if inner is not None:
            print(f"{'  the whole process':34} {_ms(wall):>8} {'':>8} {_ms(base_wall):>9}")


if __name__ == "__main__":
    main()
