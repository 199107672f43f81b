"""Start-up time: medians of fresh processes, beside the targets of issue 16 and a baseline.

Run from the repository root, with socialvalue[cli] installed::

    python benchmarks/startup.py          # 11 fresh processes per row
    python benchmarks/startup.py --n 31   # another count

Each row is timed in fresh interpreters (wall time from spawn to exit), and beside it its
baseline, timed the same way in the same run:

* ``import socialvalue`` — target 50 ms, the import alone (timed inside the process; the
  process's wall time and the import's CPU time are shown too, the CPU time being the figure
  least moved by other work on a shared machine); baseline ``python -c pass``, timing nothing;
* ``default_methodology()`` first call — target 50 ms, the call alone (timed inside the
  process, after ``import socialvalue``; the process's wall time and the call's CPU time are
  shown too); baseline the slow path forced, timed the same way: importing the io layer and
  reading the same methodology from the shipped TOML with cattrs
  (``methodology_from_shipped_toml``), as every first call did before the cache;
* of the first call, importing attrs (timed the same way, after ``import socialvalue``): the
  part no change in socialvalue can lower;
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
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

import socialvalue

_TIMED = (
    "import time{setup}; t, c = time.perf_counter(), time.process_time(); {call}; "
    "print(time.perf_counter() - t, time.process_time() - c)"
)
_IMPORT = _TIMED.format(setup="", call="import socialvalue")
_FAST = _TIMED.format(setup=", socialvalue", call="socialvalue.default_methodology()")
#: The part of the first call no change in socialvalue can lower: importing attrs itself.
_ATTRS = _TIMED.format(setup=", socialvalue", call="import attrs")
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
    ("import socialvalue", _IMPORT, "python -c pass", _TIMED.format(setup="", call="pass"), 0.050),
    ("default_methodology() first call", _FAST, "the TOML path, forced", _SLOW, 0.050),
    (
        "  of it: importing attrs",
        _ATTRS,
        "python -c pass",
        _TIMED.format(setup="", call="pass"),
        None,
    ),
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


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _once(code: str) -> tuple[float, ...]:
    """One fresh process: its wall and CPU time, then its call's (if it times one).

    The CPU time is the figure least moved by other work on a shared machine: waiting for a
    core counts in wall time only.
    """
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if "process_time() - c" not in code:
        return wall, cpu
    call_wall, call_cpu = (float(x) for x in done.stdout.strip().splitlines()[-1].split())
    return wall, cpu, call_wall, call_cpu


def _run(codes: tuple[str, str], n: int) -> list[tuple[float, ...]]:
    """Medians over ``n`` rounds, each running every code once in turn.

    Taking turns, a change in the machine's load falls on the row and its baseline alike.
    """
    runs: list[list[tuple[float, ...]]] = [[] for _ in codes]
    for _ in range(n):
        for i, code in enumerate(codes):
            runs[i].append(_once(code))
    return [tuple(statistics.median(column) for column in zip(*r, strict=True)) for r in runs]


def _ms(seconds: float | None) -> str:
    return "" if seconds is None else f"{seconds * 1000:.0f} ms"


def _line(
    label: str, row: tuple[float, float], base: tuple[float, float], target: float | None
) -> str:
    verdicts = ["" if target is None else ("ok" if x <= target else "over") for x in row]
    return (
        f"{label:34} {_ms(row[0]):>7} {verdicts[0]:4} {_ms(row[1]):>7} {verdicts[1]:4}"
        f" {_ms(target):>7} {_ms(base[0]):>9} {_ms(base[1]):>8}"
    )


def main() -> None:
    """Print the median of each row beside its target and its baseline."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=11, help="fresh processes per row")
    n = parser.parse_args().n
    compileall.compile_dir(Path(socialvalue.__file__).parent, quiet=1)
    print(f"medians of {n} fresh processes each, the row and its baseline in turns")
    print(
        f"{'':34} {'wall':>7} {'':4} {'CPU':>7} {'':4} {'target':>7} {'baseline':>9} {'(CPU)':>8}"
    )
    for label, code, base_label, base_code, target in ROWS:
        row, base = _run((code, base_code), n)
        if len(row) == 4:  # a timed call: the call alone, then the whole process
            print(_line(label, row[2:4], base[2:4], target))
            print(_line("  the whole process", row[0:2], base[0:2], None))
        else:
            print(_line(label, row[0:2], base[0:2], target))
        print(f"{'':34} baseline: {base_label}")


if __name__ == "__main__":
    main()
