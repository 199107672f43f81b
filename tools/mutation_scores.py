"""Per-module mutation scores from the last ``mutmut run`` (issue #12).

Run after mutmut, from the repository root::

    mutmut run --max-children 1 "socialvalue.money*"
    python tools/mutation_scores.py            # every module mutmut has results for
    python tools/mutation_scores.py money --show   # and the diff of each unclassified survivor

For each calculation module it prints the mutants killed, the behavioural survivors (survived,
or reached by no test), the survivors classified in ``tools/mutation_classified.toml`` as
``message-only`` (only an error message's wording changes) or ``equivalent`` (no observable
change), the total, and the behavioural survivors as a share of the total. A classification
names the mutant and the mutated line; when the line no longer matches (the source changed and
mutmut renumbered its mutants) it is ignored and the mutant counts as behavioural again, so a
stale list can only make the score worse, never better.

Exit status 1 when a module's behavioural survivors exceed ``--limit`` per cent (default 5), or
when some of its mutants are not checked yet ("unrun": an interrupted run).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

MODULES = (
    "money",
    "periods",
    "units",
    "additionality",
    "discounting",
    "indicators",
    "valuation",
    "batch",
    "rollup",
)
ROOT = Path(__file__).resolve().parent.parent
CLASSIFIED = ROOT / "tools" / "mutation_classified.toml"
KINDS = ("message-only", "equivalent")


@dataclass
class Score:
    module: str
    killed: int = 0
    behavioural: list[str] = field(default_factory=list)
    classified: dict[str, str] = field(default_factory=dict)
    stale: list[str] = field(default_factory=list)
    other: int = 0  # timeouts, segfaults, suspicious: listed by mutmut itself
    pending: int = 0  # not checked yet (an interrupted or partial run)

    @property
    def total(self) -> int:
        return (
            self.killed + len(self.behavioural) + len(self.classified) + self.other + self.pending
        )

    @property
    def share(self) -> float:
        return 100 * len(self.behavioural) / self.total if self.total else 0.0


def _mutated_lines(diff: str) -> list[str]:
    return [
        line[1:].strip() for line in diff.splitlines() if line.startswith("+") and line[1:2] != "+"
    ]


def _classifications() -> dict[str, dict[str, str]]:
    data = tomllib.loads(CLASSIFIED.read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for entry in data.get("mutant", []):
        if entry["kind"] not in KINDS:
            msg = f"{CLASSIFIED}: {entry['name']}: kind must be one of {KINDS}"
            raise SystemExit(msg)
        found[entry["name"]] = entry
    return found


def score(module: str, classified: dict[str, dict[str, str]]) -> Score | None:
    """The score of one module, or ``None`` when mutmut has no results for it."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # noqa: PLC0415
    from mutmut.stats import status_by_exit_code  # noqa: PLC0415

    source = f"src/socialvalue/{module}.py"
    meta = ROOT / "mutants" / f"{source}.meta"
    if not meta.exists():
        return None
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    result = Score(module)
    for name, code in codes.items():
        status = status_by_exit_code[code]
        if status == "killed":
            result.killed += 1
        elif status == "not checked":
            result.pending += 1
        elif status in ("survived", "no tests"):
            entry = classified.get(name)
            if entry is None:
                result.behavioural.append(name)
                continue
            diff = get_diff_for_mutant(name, path=source)
            if entry["mutated"].strip() in _mutated_lines(diff):
                result.classified[name] = entry["kind"]
            else:
                result.stale.append(name)
                result.behavioural.append(name)
        else:
            result.other += 1
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help=f"some of {', '.join(MODULES)}; default: all")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument("--limit", type=float, default=5.0, help="per cent (default 5)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.modules) - set(MODULES))
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; choose from {', '.join(MODULES)}")
    import os  # noqa: PLC0415

    os.chdir(ROOT)  # mutmut reads mutants/ relative to the working directory
    classified = _classifications()
    from mutmut.mutation.diff_apply import get_diff_for_mutant  # noqa: PLC0415

    print(
        f"{'module':<14}{'killed':>8}{'survived':>10}{'msg-only':>10}{'equiv':>7}"
        f"{'other':>7}{'unrun':>7}{'total':>7}{'behav. %':>10}"
    )
    failed = False
    for module in args.modules or MODULES:
        result = score(module, classified)
        if result is None:
            print(f"{module:<14}  (no mutmut results: run mutmut first)")
            continue
        kinds = list(result.classified.values())
        print(
            f"{module:<14}{result.killed:>8}{len(result.behavioural):>10}"
            f"{kinds.count('message-only'):>10}{kinds.count('equivalent'):>7}"
            f"{result.other:>7}{result.pending:>7}{result.total:>7}{result.share:>9.1f}%"
        )
        failed = failed or result.share > args.limit or result.pending > 0
        for name in result.stale:
            print(f"    stale classification (mutated line differs): {name}")
        if args.show:
            source = f"src/socialvalue/{module}.py"
            for name in result.behavioural:
                print(f"\n# {name}\n{get_diff_for_mutant(name, path=source)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
