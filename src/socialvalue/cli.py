"""The ``socialvalue`` command (also ``python -m socialvalue``).

Errors go to standard error as one readable message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

import attrs

from socialvalue.commitments import CommitmentSet, check_commitments
from socialvalue.deliveries import DeliverySet, check_deliveries
from socialvalue.discounting import DiscountSchedules
from socialvalue.exceptions import SocialValueError
from socialvalue.framework import Framework
from socialvalue.io import (
    load_any,
    load_commitments,
    load_deliveries,
    load_framework,
    load_methodology,
    load_registry,
)
from socialvalue.methodology import Methodology, RoundingPolicy
from socialvalue.money import Money
from socialvalue.periods import FinancialQuarter, parse_period
from socialvalue.prices import PriceIndex
from socialvalue.proxies import ProxyRegistry
from socialvalue.shipped import (
    SHIPPED_FRAMEWORKS,
    SHIPPED_METHODOLOGIES,
    default_methodology,
    example_deliveries,
    shipped_commitments,
    shipped_framework,
)
from socialvalue.tracking import quarterly_summary
from socialvalue.valuation import GROUPABLE, value_many

__all__ = ["format_framework_tree", "main"]

_EXAMPLES = """\
examples:
  socialvalue value                     value the shipped LCRCA 2023 example deliveries with the
                                        shipped open methodology, and show what could not be valued
  socialvalue value returns.toml --registry our-values.csv --explain
                                        value your deliveries, with your values layered on top,
                                        and show how every figure was obtained
  socialvalue framework                 show the shipped LCRCA framework as a tree
  socialvalue framework my-council.toml show your own framework file
  socialvalue commitments examples/lcrca-progress.toml --deliveries examples/hr3-returns.toml \\
      --quarter "2025/26 Q1"              the quarterly summary for the Executive Leadership Team
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
    elif isinstance(document, DiscountSchedules):
        summary = f"discount schedules {', '.join(document.ids())}"
    elif isinstance(document, CommitmentSet):
        check_commitments(document, _framework_from(args.framework or "lcrca"))
        summary = (
            f"{len(document)} commitments and {len(document.updates)} updates, checked against "
            f"{args.framework or 'lcrca'!r}"
        )
    elif isinstance(document, DeliverySet):
        check_deliveries(document, _framework_from(args.framework or "lcrca"))
        summary = f"{len(document)} deliveries, checked against {args.framework or 'lcrca'!r}"
    else:
        summary = (
            f"methodology {document.id!r} version {document.version}, "
            f"sha256:{document.content_hash[:12]}"
        )
    print(f"{args.file}: OK — {summary}")
    return 0


def _money(amount: Money | None, policy: RoundingPolicy) -> str:
    if amount is None:
        return "—"
    rounded = amount.quantize(policy.places, policy.mode).amount
    return f"{rounded:,f}"


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return lines


def _methodology_for(args: argparse.Namespace) -> Methodology:
    if args.methodology is None or args.methodology in SHIPPED_METHODOLOGIES:
        methodology = default_methodology(args.methodology or "lcrca-default")
    else:
        methodology = load_methodology(args.methodology)
    extra = tuple(load_registry(path) for path in args.registry or ())
    if extra:
        # A different methodology: say so in its id and title (its content hash differs too).
        layered = "+".join(registry.id for registry in extra)
        methodology = attrs.evolve(
            methodology,
            id=f"{methodology.id}+{layered}",
            title=f"{methodology.title}, with {layered} layered on top",
            registries=(*extra, *methodology.registries),
        )
    return methodology


def _cmd_value(args: argparse.Namespace) -> int:
    deliveries = example_deliveries() if args.file is None else load_deliveries(args.file)
    methodology = _methodology_for(args)
    framework = methodology.framework
    batch = value_many(
        deliveries, methodology, unvalued="raise" if args.strict else "report", by=args.by or ()
    )
    policy = methodology.rounding
    print(f"{deliveries.title}: {batch.count} deliveries")
    print(f"methodology: {methodology.title} — {methodology.ref}")
    price_base = methodology.price_base.label if methodology.price_base else "each value's own"
    print(f"prices: {price_base}; rounded {policy.mode.name.lower()} to {policy.places} places\n")
    by = list(args.by or ())
    header = ["measure", *by, "period", "quantity", "unit", "gross £", "net £", "present value £"]
    rows = [header]
    for group in sorted(batch, key=lambda g: (g.key.measure, str(g.by), g.key.period)):
        if not group.unit.monetised:
            continue
        flag = " *" if group.unit.extrapolated else ""
        rows.append(
            [
                group.key.measure + flag,
                *[str(value) for value in group.by],
                group.key.period.label,
                f"{group.quantity:,f}",
                framework.unit_of(group.key.measure).label,
                _money(group.gross, policy),
                _money(group.net, policy),
                _money(group.present_value, policy),
            ]
        )
    rows.append(
        [
            "total",
            *[""] * (len(by) + 3),
            _money(batch.total_gross(), policy),
            _money(batch.total_net(), policy),
            _money(batch.total_present_value(), policy),
        ]
    )
    width = len(header)
    number_columns = {width - 1, width - 2, width - 3, width - 5}
    print("\n".join(_table(rows, number_columns)))
    print(
        "\ntotals are summed before rounding; rounded rows may not add to the rounded total "
        "by a penny or so"
    )
    if batch.extrapolated():
        print("* valued with a proxy carried forward past its validity")
    counted = batch.record_only()
    if counted:
        print("\nrecorded, never monetised:")
        for code, quantity in sorted(counted.items()):
            unit = framework.unit_of(code).label
            print(f"  {code}  {quantity:,f} {unit}  {framework.measure(code).title}")
    if batch.unvalued:
        print(f"\nnot valued ({len(batch.unvalued)} groups, in no total):")
        for missing in batch.unvalued:
            unit = framework.unit_of(missing.key.measure).label
            print(
                f"  {missing.key.measure}  {missing.quantity:,f} {unit} in "
                f"{missing.key.period.label}: {missing.reason}"
            )
    if args.explain:
        print("\nhow each figure was obtained:")
        for group in batch:
            print()
            print(group.explain(methodology.ref, places=policy.places))
    return 0


def _cmd_commitments(args: argparse.Namespace) -> int:
    commitments = shipped_commitments()
    if args.files:
        commitments = commitments.merged(
            *(load_commitments(path) for path in args.files),
            title=f"{commitments.title} + {len(args.files)} file(s)",
        )
    check_commitments(commitments, _framework_from(args.framework or "lcrca"))
    deliveries = [d for path in args.deliveries or () for d in load_deliveries(path)]
    if args.quarter is None:
        quarter = FinancialQuarter.containing(dt.datetime.now(tz=dt.UTC).date()).previous()
    else:
        period = parse_period(args.quarter)
        if not isinstance(period, FinancialQuarter):
            print(
                f"error: --quarter: {args.quarter!r} is not a quarter such as '2024/25 Q2'",
                file=sys.stderr,
            )
            return 2
        quarter = period
    methodology = None if args.no_values else _methodology_for(args)
    summary = quarterly_summary(
        commitments.commitments,
        commitments.updates,
        deliveries,
        quarter=quarter,
        methodology=methodology,
    )
    print(summary.render())
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

    value_cmd = commands.add_parser(
        "value",
        help="value deliveries with a methodology; totals, gaps and the working",
        description=(
            "Value a file of deliveries (.toml or .json; without FILE, the shipped LCRCA 2023 "
            "example) with a methodology (default: the shipped open one). Deliveries that "
            "cannot be valued are listed with the reason and left out of every total."
        ),
    )
    value_cmd.add_argument("file", nargs="?", metavar="FILE", help="a deliveries file")
    value_cmd.add_argument(
        "--methodology",
        metavar="FILE",
        help=f"a methodology bundle, or a shipped one: {', '.join(SHIPPED_METHODOLOGIES)}",
    )
    value_cmd.add_argument(
        "--registry",
        metavar="FILE",
        action="append",
        help="a registry (.csv, .toml, .json) layered over the methodology's; repeat for more "
        "(the first given is the top layer)",
    )
    value_cmd.add_argument(
        "--by",
        action="append",
        choices=GROUPABLE,
        help="also break the figures down by a delivery attribute; repeat for more",
    )
    value_cmd.add_argument(
        "--explain", action="store_true", help="show how every figure was obtained"
    )
    value_cmd.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1) if any delivery cannot be valued, instead of listing it",
    )
    value_cmd.set_defaults(run=_cmd_value)

    progress = commands.add_parser(
        "commitments",
        help="the quarterly commitments summary for an Executive Leadership Team",
        description=(
            "Assess the shipped LCRCA commitments, plus any commitments and progress updates in "
            "FILEs, against delivery returns, at the end of a quarter: counts by role and kind, "
            "what is at risk or overdue with its Responsible Officer, and what changed."
        ),
    )
    progress.add_argument("files", nargs="*", metavar="FILE", help="commitments/updates files")
    progress.add_argument(
        "--deliveries", metavar="FILE", action="append", help="a deliveries file; repeatable"
    )
    progress.add_argument(
        "--quarter", metavar="QUARTER", help="e.g. '2025/26 Q1' (default: the last full quarter)"
    )
    progress.add_argument(
        "--methodology", metavar="FILE", help="value contractual deliveries with this methodology"
    )
    progress.add_argument(
        "--registry", metavar="FILE", action="append", help="a registry layered on top"
    )
    progress.add_argument(
        "--framework", metavar="FRAMEWORK", help="check against this framework (default lcrca)"
    )
    progress.add_argument(
        "--no-values", action="store_true", help="do not value deliveries (£ promised vs delivered)"
    )
    progress.set_defaults(run=_cmd_commitments)

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
