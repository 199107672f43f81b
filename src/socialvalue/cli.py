"""The ``socialvalue`` command (also ``python -m socialvalue``).

Errors go to standard error as one readable message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from socialvalue.exceptions import SocialValueError
from socialvalue.framework import Framework
from socialvalue.io import load_any, load_framework
from socialvalue.prices import PriceIndex
from socialvalue.proxies import ProxyRegistry
from socialvalue.shipped import SHIPPED_FRAMEWORKS, shipped_framework

__all__ = ["format_framework_tree", "main"]

_EXAMPLES = """\
examples:
  socialvalue framework                 show the shipped LCRCA framework as a tree
  socialvalue framework my-council.toml show your own framework file
  socialvalue validate my-council.toml  check a framework file and list every problem
  socialvalue validate values.csv --framework lcrca
                                        check a registry, and its measures and units
"""


def format_framework_tree(framework: Framework) -> str:
    """Render a framework as an indented tree of themes, outcomes and measures.

    >>> from socialvalue import shipped_framework
    >>> print(format_framework_tree(shipped_framework()))  # doctest: +ELLIPSIS
    Liverpool City Region Combined Authority Social Value Framework (open encoding)
    id lcrca, version 2023.1 — 4 themes, 9 outcomes, 27 measures
    ├── LCR-JOBS  Good local jobs and skills  [pillar:stronger]
    │   ├── LCR-JOBS-1  More local people in good work
    │   │   ├── LCR-EMP-1  Local residents employed on the contract, ...  (FTE-year; proxy)
    ...
    """
    outcomes = sum(len(theme.outcomes) for theme in framework.themes)
    lines = [
        framework.title,
        (
            f"id {framework.id}, version {framework.version} — {len(framework.themes)} themes, "
            f"{outcomes} outcomes, {len(framework.measures())} measures"
        ),
    ]

    def branch(last: bool) -> str:
        return "└── " if last else "├── "

    def stem(last: bool) -> str:
        return "    " if last else "│   "

    for t, theme in enumerate(framework.themes):
        t_last = t == len(framework.themes) - 1
        tags = f"  [{', '.join(theme.tags)}]" if theme.tags else ""
        lines.append(f"{branch(t_last)}{theme.code}  {theme.title}{tags}")
        for o, outcome in enumerate(theme.outcomes):
            o_last = o == len(theme.outcomes) - 1
            lines.append(f"{stem(t_last)}{branch(o_last)}{outcome.code}  {outcome.title}")
            for m, measure in enumerate(outcome.measures):
                m_last = m == len(outcome.measures) - 1
                unit = framework.unit(measure.unit).label
                valuation = measure.valuation.value.replace("_", "-")
                lines.append(
                    f"{stem(t_last)}{stem(o_last)}{branch(m_last)}{measure.code}  "
                    f"{measure.title}  ({unit}; {valuation})"
                )
    return "\n".join(lines)


def _framework_from(argument: str | None) -> Framework:
    if argument is None:
        return shipped_framework()
    if argument in SHIPPED_FRAMEWORKS:
        return shipped_framework(argument)
    return load_framework(argument)


def _cmd_framework(args: argparse.Namespace) -> int:
    print(format_framework_tree(_framework_from(args.file)))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    document = load_any(args.file)
    if isinstance(document, Framework):
        summary = (
            f"framework {document.id!r} version {document.version}, "
            f"{len(document.measures())} measures"
        )
    elif isinstance(document, ProxyRegistry):
        if args.framework is not None:
            document.check_against(_framework_from(args.framework))
        checked = f", checked against {args.framework!r}" if args.framework else ""
        summary = (
            f"registry {document.id!r} version {document.version}, "
            f"{len(document.values)} values for {len(document.measures())} measures{checked}"
        )
    elif isinstance(document, PriceIndex):
        summary = f"price index {document.id!r}, {document.bounds}"
    else:
        summary = f"discount schedules {', '.join(document.ids())}"
    print(f"{args.file}: OK — {summary}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="socialvalue",
        description="Measure social value consistently and transparently.",
        epilog=_EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from socialvalue import __version__  # noqa: PLC0415 - avoid a cycle at import time

    parser.add_argument("--version", action="version", version=f"socialvalue {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = commands.add_parser(
        "framework",
        help="print a framework as a tree of themes, outcomes and measures",
        description="Print a framework as a tree. Without FILE, the shipped LCRCA framework.",
    )
    show.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=f"a .toml or .json framework file, or a shipped one: {', '.join(SHIPPED_FRAMEWORKS)}",
    )
    show.set_defaults(run=_cmd_framework)

    validate = commands.add_parser(
        "validate",
        help="check a framework, registry, price index or discount schedule file",
        description=(
            "Check a file (framework, proxy registry, price index or discount schedules; "
            ".toml, .json, or .csv for a registry). Exit 1 and list every problem if invalid."
        ),
    )
    validate.add_argument("file", metavar="FILE", help="the file to check")
    validate.add_argument(
        "--framework",
        metavar="FRAMEWORK",
        help="also check a registry's measures and units against this framework "
        f"(a file, or a shipped one: {', '.join(SHIPPED_FRAMEWORKS)})",
    )
    validate.set_defaults(run=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 1 bad input, 2 bad usage)."""
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except SocialValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. piped into `head`
        return 0
