"""The ``socialvalue`` commands (click; tables and progress with rich).

Each command is a thin shell over the library: read files, call the pure functions, print.
Only click and the help text are imported with this module, so that ``--help`` is quick: each
command imports rich, the ``io`` layer and the rest when it runs.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from socialvalue._dimensions import DELIVERY_DIMENSIONS
from socialvalue._shipped_names import SHIPPED_FRAMEWORKS, SHIPPED_METHODOLOGIES

from ._help import examples

if TYPE_CHECKING:
    from decimal import Decimal

    from rich.console import Console

    from socialvalue.batch import GroupValuation, UnvaluedGroup, ValuationBatch
    from socialvalue.commitments import Commitment
    from socialvalue.deliveries import Cost, Delivery
    from socialvalue.exceptions import Problem
    from socialvalue.framework import Framework
    from socialvalue.io import AnyDocument
    from socialvalue.methodology import Methodology, RoundingPolicy
    from socialvalue.money import Money
    from socialvalue.periods import AnyPeriod
    from socialvalue.report import Formatter
    from socialvalue.spotlights import SpotlightText

    from ._inputs import Deliveries
    from ._progress import Progress

#: The languages of the command's messages and of reports.
SUPPORTED_LANGUAGES = ("en_GB", "cy_GB")
#: English, the default (``_display.DEFAULT_LOCALE``; not imported here, so --help stays quick).
_ENGLISH = "en_GB"

__all__ = ["cli"]


def _console() -> Console:
    # Wide enough that tables are not wrapped when the output goes to a file or a pipe.
    # Text from data (titles, project names, reasons) is printed as text: rich markup such as
    # "[/bold]" or "[link=…]", and ":emoji:" codes, in a supplier's text are never interpreted.
    from rich.console import Console

    return Console(
        width=None if sys.stdout.isatty() else 200,
        soft_wrap=True,
        markup=False,
        emoji=False,
        highlight=False,
    )


def _framework_from(argument: str | None) -> Framework:
    from socialvalue.io import load_framework, shipped_framework

    if argument is None:
        return shipped_framework()
    if argument in SHIPPED_FRAMEWORKS:
        return shipped_framework(argument)
    return load_framework(argument)


def _methodology_for(methodology: str | None, registries: Sequence[str]) -> Methodology:
    import attrs

    from socialvalue.io import default_methodology, load_methodology, load_registry

    if methodology is None or methodology in SHIPPED_METHODOLOGIES:
        chosen = default_methodology(methodology or "lcrca-default")
    else:
        chosen = load_methodology(methodology)
    extra = tuple(load_registry(path) for path in registries)
    if extra:
        # A different methodology: say so in its id and title (its content hash differs too).
        layered = "+".join(registry.id for registry in extra)
        chosen = attrs.evolve(
            chosen,
            id=f"{chosen.id}+{layered}",
            title=f"{chosen.title}, with {layered} layered on top",
            registries=(*extra, *chosen.registries),
        )
    return chosen


def _print_notes(notes: Sequence[str]) -> None:
    """Say what was left out of the input (rejected rows), on standard error."""
    for note in notes:
        click.echo(note, err=True)


def _something_accepted(read: Deliveries, path: str | None) -> None:
    """Stop, with exit status 1, when a returns file had rows and none was accepted.

    A report or a valuation of nothing would read as £0.00 of social value: say what happened
    instead (the rejected rows' summary is printed first, and ``--rejected`` writes them).
    """
    if read.rejected and not read.count:
        _print_notes(read.notes)
        raise click.ClickException(
            f"{path}: none of its {read.rejected:,} rows was accepted, so there is nothing to "
            "value or report; correct the rows (--rejected FILE writes them with their "
            "problems) and run the command again"
        )


def _money(amount: Money | None, policy: RoundingPolicy) -> str:
    """An amount for a column headed in £: the number, rounded once with the policy."""
    from socialvalue import _display

    if amount is None:
        return "—"
    return _display.number(
        amount.amount,
        locale=_display.DEFAULT_LOCALE,
        places=policy.places,
        rounding=policy.mode.value,
    )


def _quantity(quantity: Decimal) -> str:
    """A quantity, exact, grouped."""
    from socialvalue import _display

    return _display.number(quantity, locale=_display.DEFAULT_LOCALE)


def _progress(no_progress: bool) -> Progress:
    """Progress for a step of a command: drawn on standard error when it is a terminal."""
    from ._progress import Progress, progress_shown

    return Progress(shown=progress_shown(quiet=no_progress))


_methodology_option = click.option(
    "--methodology",
    metavar="FILE",
    help=f"A methodology bundle, or a shipped one: {', '.join(SHIPPED_METHODOLOGIES)}.",
)
#: Where a command's --delimiter is kept (it is not passed to the command: read_deliveries
#: takes it from here).
_DELIMITER = "socialvalue.delimiter"


def _keep_delimiter(context: click.Context, _param: click.Parameter, value: str) -> str:
    if value.lower() in ("tab", "\\t"):  # a tab is hard to type in a shell: its name will do
        value = "\t"
    context.meta[_DELIMITER] = value
    return value


def _delimiter() -> str:
    """The --delimiter of the command running (``,`` by default)."""
    context = click.get_current_context(silent=True)
    found = None if context is None else context.meta.get(_DELIMITER)
    return found if isinstance(found, str) else ","


_delimiter_option = click.option(
    "--delimiter",
    default=",",
    show_default=True,
    expose_value=False,
    callback=_keep_delimiter,
    help="For a CSV returns file: the character between cells (';', say, or tab).",
)
_rejected_option = click.option(
    "--rejected",
    metavar="FILE",
    help="For a returns file: write the rejected rows (.csv or .xlsx) here to correct.",
)
_json_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"], case_sensitive=False),
    default="text",
    show_default=True,
    help="text for people, json for other tools.",
)
_progress_option = click.option(
    "--no-progress",
    is_flag=True,
    help="Draw no progress bar (none is drawn when standard error is not a terminal).",
)
_registry_option = click.option(
    "--registry",
    "registries",
    metavar="FILE",
    multiple=True,
    help="A registry (.csv, .toml, .json) layered over the methodology's; repeatable, the first "
    "given is the top layer.",
)


@click.group(epilog=examples(), context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="socialvalue", prog_name="socialvalue")
@click.option(
    "--language",
    type=click.Choice(SUPPORTED_LANGUAGES),
    default=_ENGLISH,
    show_default=True,
    help="The language of the command's messages and summaries (and of reports, unless "
    "report --locale says otherwise): en_GB or cy_GB.",
)
@click.pass_context
def cli(context: click.Context, language: str) -> None:
    """Measure social value consistently and transparently."""
    context.meta[_LANGUAGE] = language


#: Where the chosen --language is kept for the subcommands.
_LANGUAGE = "socialvalue.language"


def _working(group: GroupValuation, methodology: Methodology) -> str:
    """How a group's figures were obtained, in the language asked for (``--language``)."""
    from socialvalue.report import group_working

    return group_working(group, methodology.ref, _formatter(methodology))


def _language() -> str:
    """The --language given before the command (English by default)."""
    context = click.get_current_context(silent=True)
    found = None if context is None else context.meta.get(_LANGUAGE)
    return found if isinstance(found, str) else _ENGLISH


@cli.command(epilog=examples("report"))
@click.argument("deliveries", required=False, metavar="[DELIVERIES]")
@_methodology_option
@_registry_option
@click.option(
    "--commitments",
    "commitment_files",
    metavar="FILE",
    multiple=True,
    help="Commitments and progress updates to report on; repeatable. 'lcrca' names the shipped "
    "LCRCA ones (included by default only with the LCRCA framework).",
)
@click.option("--no-commitments", is_flag=True, help="Leave the commitments section out.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "pdf", "md", "csv"], case_sensitive=False),
    help="html (self-contained, with charts), pdf (needs the pdf extra), md, or csv (a folder "
    "of tables). Default: from the -o extension, else html.",
)
@click.option(
    "--locale",
    type=click.Choice(SUPPORTED_LANGUAGES),
    help="The documents' language, en_GB or cy_GB. Default: the --language given before the "
    "command, else en_GB.",
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="Where to write: report.html, report.md, or a folder for --format csv. "
    "Default: report.html.",
)
@click.option("--title", help="The report's title (default: the deliveries file's title).")
@click.option(
    "--authority",
    help="Who publishes the report (default: the framework's source publisher).",
)
@click.option(
    "--period",
    "period_label",
    help="How to label the period the report covers (a label only, not a filter; default: "
    "the deliveries file's period, or the span of the data).",
)
@click.option(
    "--spotlights",
    "spotlights_file",
    metavar="FILE",
    help="Project spotlights for the members' report (.toml or .json); the figures come from "
    "the data. Default: the shipped example's, for the shipped example.",
)
@click.option(
    "--translations",
    "translations_file",
    metavar="FILE",
    help="The framework's titles in the --locale (.toml); default: the shipped ones, if any "
    "(Welsh for the LCRCA framework, a draft).",
)
@_rejected_option
@_progress_option
@_delimiter_option
def report(
    deliveries: str | None,
    methodology: str | None,
    registries: tuple[str, ...],
    commitment_files: tuple[str, ...],
    no_commitments: bool,
    fmt: str | None,
    locale: str | None,
    output: str | None,
    title: str | None,
    authority: str | None,
    period_label: str | None,
    spotlights_file: str | None,
    translations_file: str | None,
    rejected: str | None,
    no_progress: bool,
) -> None:
    """Produce the members' report and the technical annex from deliveries or returns.

    With -o report.html (or .pdf): the members' report there, the technical annex beside it as
    report-annex.html, and every table and working as CSV in report-annex-data/.

    DELIVERIES: a delivery set (.toml, .json) or a returns file (.csv, .xlsx, .jsonl), read
    with the import rules. Without it: the shipped deliveries behind the LCRCA Social Value
    Annual Report 2023, valued with the shipped open methodology.
    """
    from socialvalue.exceptions import ValidationError
    from socialvalue.io import atomic_write_text
    from socialvalue.report import (
        Formatter,
        ReportOptions,
        build_report,
        render_csv_tables,
        render_markdown,
    )

    from ._context import authority_of, commitments_for, titles_for
    from ._inputs import read_deliveries
    from ._paths import resolve_output, write_documents
    from ._words import say, say_count

    locale = locale or _language()
    language = locale  # the summary in the documents' language
    target = resolve_output(output, fmt.lower() if fmt else None)
    chosen = _methodology_for(methodology, registries)
    with _progress(no_progress) as progress:
        read = read_deliveries(
            deliveries,
            chosen.framework,
            rejected_to=rejected,
            language=language,
            delimiter=_delimiter(),
            progress=progress,
        )
    _something_accepted(read, deliveries)
    _print_notes(read.notes)
    promised = commitments_for(chosen.framework, commitment_files, none=no_commitments)
    formatter = Formatter(
        locale=locale,
        rounding=chosen.rounding,
        titles=titles_for(
            chosen.framework,
            locale,
            translations_file,
            promised.commitments,
            chosen.registry.layers,
        ),
    )
    parts = _report_parts(read, chosen, promised.commitments)
    try:
        built = build_report(
            parts.items,
            chosen,
            title=title or read.title,
            authority=authority or authority_of(chosen.framework),
            period=period_label or parts.label or _period_of(parts.periods),
            commitments=promised.commitments,
            updates=promised.updates,
            assess_on=max((p.end for p in parts.periods), default=None),
            spotlights=_spotlights_for(spotlights_file, example=deliveries is None),
            costs=parts.costs,
            options=ReportOptions(
                contracts_measure="LCR-PRC-1" if "LCR-PRC-1" in chosen.framework else None,
                contracts_with_value_measure="LCR-PRC-2"
                if "LCR-PRC-2" in chosen.framework
                else None,
            ),
            batch=parts.batch,
            evidence=parts.evidence,
        )
    except ValidationError as error:  # a delivery named by its place among the accepted ones
        raise read.located(error) from None
    console = _console()
    if target.is_folder:
        try:
            target.path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise click.ClickException(
                f"cannot create the folder {target.path}: {error.strerror or error}"
            ) from None
        tables = render_csv_tables(built, formatter)
        for name, text in tables.items():
            atomic_write_text(target.path / f"{name}.csv", text)
        console.print(
            say_count(language, "wrote_tables", len(tables), folder=target.path),
            highlight=False,
            markup=False,
        )
        return
    written = [target.path]
    if target.format == "md":
        atomic_write_text(target.path, render_markdown(built, formatter))
    else:
        written = write_documents(built, formatter, target)
    headline = built.headlines[0]
    missing = say_count(language, "groups", len(built.table("not_valued").rows))
    console.print(
        say(
            language,
            "wrote_report",
            path=target.path,
            title=built.title,
            label=Formatter(locale=language).label(headline.key),
            amount=Formatter(locale=language, rounding=chosen.rounding).compact(headline.amount)
            if headline.amount is not None
            else "",
            missing=missing,
        ),
        highlight=False,
        markup=False,
    )
    if len(written) > 1:
        console.print(
            say(language, "wrote_annex", annex=written[1], folder=written[2]),
            highlight=False,
            markup=False,
        )


def _spotlights_for(path: str | None, *, example: bool) -> tuple[SpotlightText, ...]:
    from socialvalue.io import example_spotlights, load_spotlights

    if path is not None:
        return load_spotlights(path).spotlights
    return example_spotlights().spotlights if example else ()


class _ReportParts(NamedTuple):
    """What ``report`` builds a report from: deliveries, or a frame's batch and a few rows."""

    items: Sequence[Delivery]
    periods: frozenset[AnyPeriod]
    label: str
    costs: Sequence[Cost]
    batch: ValuationBatch | None = None
    evidence: Sequence[tuple[str, ...]] | None = None


def _report_parts(
    read: Deliveries, methodology: Methodology, commitments: Sequence[Commitment]
) -> _ReportParts:
    """The report's inputs: valued in the engine when the rows came as a checked frame.

    A CSV file read through the columnar path is valued by ``value_frame`` (the same groups,
    totals and evidence as valuing its deliveries); only the rows that could count towards a
    commitment become objects, for tracking (``matchable_measures``, or a commitment tag).
    A quantity the import rules accept but the engine cannot sum exactly (more than 18
    digits) sends the file back to its deliveries.
    """

    def objects() -> _ReportParts:
        batch = read.deliveries
        items = batch.deliveries
        periods = frozenset(d.period for d in items)
        return _ReportParts(items, periods, batch.period or "", batch.costs)

    if read.frame is None or not read.checked or read.some is None:
        return objects()
    import polars as pl

    from socialvalue._fields import to_period
    from socialvalue.report import REPORT_BY
    from socialvalue.tracking import COMMITMENT_TAG, matchable_measures

    from ._inputs import value_checked

    frame = read.frame
    valued = value_checked(read, methodology, REPORT_BY, evidence=True)
    if valued is None:  # accepted on import, but more digits than the engine sums exactly
        return objects()
    could = pl.col("measure").is_in(sorted(matchable_measures(commitments)))
    if "tags" in frame.columns:
        could |= pl.col("tags").str.contains(COMMITMENT_TAG, literal=True).fill_null(value=False)
    labels = frame["period"].unique().to_list()
    return _ReportParts(
        items=read.some(could) if commitments else (),
        periods=frozenset(to_period(label) for label in labels),
        label="",
        costs=(),
        batch=valued.batch,
        evidence=valued.evidence,
    )


def _period_of(periods: Collection[AnyPeriod]) -> str:
    from socialvalue.periods import FinancialQuarter

    if not periods:
        return "—"
    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    first, last = FinancialQuarter.containing(start), FinancialQuarter.containing(end)
    if first.financial_year == last.financial_year:
        return first.financial_year.label
    return f"{start.isoformat()}..{end.isoformat()}"


@cli.command(epilog=examples("value"))
@click.argument("deliveries", required=False, metavar="[DELIVERIES]")
@_methodology_option
@_registry_option
@click.option(
    "--by",
    multiple=True,
    type=click.Choice(DELIVERY_DIMENSIONS),
    help="Also break the figures down by a delivery attribute; repeatable.",
)
@click.option("--explain", is_flag=True, help="Show how every figure was obtained.")
@click.option(
    "--strict", is_flag=True, help="Fail if any delivery cannot be valued, instead of listing it."
)
@_rejected_option
@_json_option
@click.option(
    "--scenarios",
    is_flag=True,
    help="Also show low, central and high totals and each input's swing (the ranges of the "
    "proxy values and the methodology's declared assumption ranges); with the deliveries "
    "file's costs, PVC, NPSV, BCR and where NPSV reaches zero.",
)
@click.option(
    "--target",
    metavar="AMOUNT",
    help="With --scenarios: the present value each input's switching value would reach.",
)
@_progress_option
@_delimiter_option
def value(  # noqa: PLR0915 - one command, read, value and print in order
    deliveries: str | None,
    methodology: str | None,
    registries: tuple[str, ...],
    by: tuple[str, ...],
    explain: bool,
    strict: bool,
    rejected: str | None,
    fmt: str,
    scenarios: bool,
    target: str | None,
    no_progress: bool,
) -> None:
    """Value deliveries: figures, what is counted but not monetised, and the gaps.

    DELIVERIES: a delivery set (.toml, .json) or a returns file (.csv, .xlsx, .jsonl). Without
    it: the shipped LCRCA 2023 example deliveries.
    """
    from rich.text import Text

    from socialvalue._decimal import bounded_decimal
    from socialvalue.batch import value_many
    from socialvalue.deliveries import DeliverySet
    from socialvalue.exceptions import ValidationError
    from socialvalue.money import Money

    from ._inputs import read_deliveries, value_rows
    from ._output import batch_json

    if target is not None and not scenarios:
        raise click.UsageError("--target needs --scenarios")
    try:
        goal = None if target is None else Money(bounded_decimal(target, what=None))
    except ValueError as error:  # checked before valuing, and named (not a traceback)
        raise click.BadParameter(str(error), param_hint="--target") from None
    chosen = _methodology_for(methodology, registries)
    framework = chosen.framework
    columnar = not (strict or explain or scenarios or fmt == "json")
    with _progress(no_progress) as shown:
        read = read_deliveries(
            deliveries,
            framework,
            rejected_to=rejected,
            delimiter=_delimiter(),
            frame=columnar,
            progress=shown,
        )
    _something_accepted(read, deliveries)
    try:
        if read.frame is not None and columnar and deliveries is not None:
            # A CSV or Parquet file read as a frame: valued by value_frame, no object per row.
            batch, notes = value_rows(read, chosen, by, path=deliveries, rejected_to=rejected)
            _print_notes(notes)
            batch_file = DeliverySet(title=read.title)
        else:
            _print_notes(read.notes)
            batch_file = read.deliveries
            items = batch_file.deliveries
            with _progress(no_progress) as shown:
                batch = value_many(
                    items,
                    chosen,
                    unvalued="raise" if strict else "report",
                    by=by,
                    progress=shown.counter(
                        "valuing", total=len(items), unit="deliveries", show_from=10_000
                    ),
                )
    except ValidationError as error:  # a delivery named by its place among the accepted ones
        raise read.located(error) from None
    policy = chosen.rounding
    if fmt.lower() == "json":
        click.echo(batch_json(batch, chosen, by=by, title=batch_file.title, explain=explain))
        return
    from ._words import say, say_count

    console = _console()
    language = _language()
    f = _formatter(chosen)
    console.print(
        Text(say_count(language, "value_deliveries", batch.count, title=batch_file.title)),
        style="bold",
    )
    console.print(
        say(language, "value_methodology", title=chosen.title, ref=chosen.ref),
        highlight=False,
        markup=False,
    )
    price_base = chosen.price_base.label if chosen.price_base else say(language, "value_prices_own")
    console.print(
        say(
            language,
            "value_prices",
            base=price_base,
            mode=policy.mode.name.lower(),
            places=policy.places,
        ),
        highlight=False,
    )
    _print_batch(console, batch, framework, by, f)
    _print_evidence(console, batch, f)
    if scenarios:
        _print_uncertainty(console, batch, chosen, goal, batch_file.costs)
    if explain:
        console.print("\n" + say(language, "how_obtained"))
        for group in batch:
            console.print()
            console.print(_working(group, chosen), highlight=False, markup=False)


def _print_uncertainty(
    console: Console,
    batch: ValuationBatch,
    chosen: Methodology,
    target: Money | None,
    costs: Sequence[Cost],
) -> None:
    """Scenarios, the tornado and switching values; with costs, PVC, NPSV and BCR too."""
    from decimal import Decimal

    from rich.table import Table

    from socialvalue import _display, uncertainty
    from socialvalue.money import Money

    policy = chosen.rounding
    result = uncertainty.scenarios(batch, chosen, costs=costs)
    table = Table(title="scenarios")
    headings = ["scenario", "methodology", "gross £", "net £", "present value £"]
    if costs:
        headings += ["PVC £", "NPSV £", "BCR"]
    for heading in headings:
        table.add_column(heading, justify="left" if heading in headings[:2] else "right")
    for s in result:
        appraised = []
        if s.costs is not None:
            bcr = "—" if s.bcr is None else _display.number(s.bcr, locale="en_GB", places=2)
            appraised = [_money(s.costs, policy), _money(s.npsv, policy), bcr]
        table.add_row(
            s.name,
            str(s.methodology),
            _money(s.gross, policy),
            _money(s.net, policy),
            _money(s.present_value, policy),
            *appraised,
        )
    console.print()
    console.print(table)
    share = result.without_proxy_range_share
    shown = "" if share is None else f" ({(share * 100).quantize(Decimal('0.1'))}%)"
    console.print(
        f"valued with no proxy range: £{_money(result.without_proxy_range, policy)}{shown} of "
        "the central present value; it moves only with the assumption ranges",
        highlight=False,
    )
    tornado = Table(title="sensitivity: each input alone at its low and high bound")
    for heading in ("input", "low", "high", "at low £", "at high £", "swing £"):
        tornado.add_column(heading, justify="left" if heading == "input" else "right")
    for swing in uncertainty.sensitivity(batch, chosen):
        tornado.add_row(
            swing.input.label,
            str(swing.input.low),
            str(swing.input.high),
            _money(Money(swing.at_low), policy),
            _money(Money(swing.at_high), policy),
            _money(Money(swing.swing), policy),
        )
    console.print(tornado)
    if target is not None or costs:
        console.print("\nswitching values:")
        for found in uncertainty.switching_values(batch, chosen, target=target, costs=costs):
            console.print(f"  {found.input.label}: {found.note}", highlight=False)


def _print_left_out(console: Console, batch: ValuationBatch, f: Formatter) -> None:
    """Groups valued but not in the total (targets, transfers, overlaps), with the reason."""
    from rich.text import Text

    from ._words import say_count

    left_out = batch.excluded()
    if not left_out:
        return
    amount = _money(batch.total_raw_present_value() - batch.total_present_value(), f.rounding)
    heading = say_count(f.locale, "not_in_total", len(left_out), amount=amount)
    console.print(Text.assemble("\n", (heading, "bold")))
    for group in left_out:
        console.print(
            f"  {group.key.measure}  {group.key.period.label}: {_reason(group, f)}",
            highlight=False,
            markup=False,
        )


def _reason(group: GroupValuation | UnvaluedGroup, f: Formatter) -> str:
    """Why a group is left out, in ``f``'s locale (its English where it has no phrase)."""
    return f.phrase(group.reason_phrase) if group.reason_phrase is not None else group.reason


def _print_evidence(console: Console, batch: ValuationBatch, f: Formatter) -> None:
    """How much of the present value rests on each verification level."""
    from ._words import CLI_MESSAGES, say

    parts = batch.total_by_verification()
    if parts:
        levels = {
            level: say(f.locale, f"evidence_{level}")
            for level in parts
            if f"evidence_{level}" in CLI_MESSAGES
        }
        said = "; ".join(
            f"{levels.get(level, level)} {_money(amount, f.rounding)}"
            for level, amount in parts.items()
        )
        console.print(say(f.locale, "evidence", parts=said), highlight=False, markup=False)


def _formatter(chosen: Methodology) -> Formatter:
    """The report formatter for the --language given, with the framework's titles in it."""
    from socialvalue.report import Formatter

    from ._context import titles_for

    language = _language()
    return Formatter(
        locale=language,
        rounding=chosen.rounding,
        titles=titles_for(chosen.framework, language, registries=chosen.registry.layers),
    )


def _by_text(item: object, language: str = _ENGLISH) -> str:
    """A breakdown's value as a reader writes it: "(none)", "yes", "no", else its label."""
    from ._words import say

    if item is None or item == "":
        return say(language, "none")
    if isinstance(item, bool):
        return say(language, "yes" if item else "no")
    label = getattr(item, "label", None)
    return label if isinstance(label, str) else str(item)


def _print_batch(
    console: Console,
    batch: ValuationBatch,
    framework: Framework,
    by: tuple[str, ...],
    f: Formatter,
) -> None:
    from decimal import Decimal

    from rich.table import Table
    from rich.text import Text

    from socialvalue.deliveries import DeliveryStatus

    from ._words import say, say_count

    policy, language = f.rounding, f.locale
    table = Table(show_footer=True)
    table.add_column(say(language, "column_measure"), footer=say(language, "column_total"))
    for name in by:
        table.add_column(name)
    table.add_column(say(language, "column_period"), no_wrap=True)
    table.add_column(say(language, "column_quantity"), justify="right")
    table.add_column(say(language, "column_unit"))
    table.add_column(
        say(language, "column_gross"), justify="right", footer=_money(batch.total_gross(), policy)
    )
    table.add_column(
        say(language, "column_net"), justify="right", footer=_money(batch.total_net(), policy)
    )
    table.add_column(
        say(language, "column_present_value"),
        justify="right",
        footer=_money(batch.total_present_value(), policy),
    )
    table.columns[0].no_wrap = True
    for group in sorted(batch, key=lambda g: (g.key.measure, str(g.by), g.key.period)):
        if not group.unit.monetised:
            continue
        flag = " *" if group.unit.extrapolated else ""
        flag += "" if group.counted else " †"
        table.add_row(
            group.key.measure + flag,
            *[_by_text(item, language) for item in group.by],
            group.key.period.label,
            _quantity(group.quantity),
            _unit(framework, group.key.measure, f),
            _money(group.gross, policy),
            _money(group.net, policy),
            _money(group.present_value, policy),
        )
    console.print(table)
    console.print(say(language, "rounding_note"), style="dim")
    if batch.extrapolated():
        console.print(say(language, "extrapolated_note"))
    _print_left_out(console, batch, f)
    counted = batch.record_only()
    if counted:
        console.print("\n" + say(language, "record_only"))
        for code, quantity in sorted(counted.items()):
            console.print(
                f"  {code}  {_quantity(quantity)} {_unit(framework, code, f)}  "
                f"{f.title(framework.measure(code).title)}",
                markup=False,
                highlight=False,
            )
    if batch.unvalued:
        # By measure and reason (as the report's table): the periods and breakdowns it spans
        # are summed, with the count of deliveries.
        grouped: dict[tuple[str, str, bool], list[Any]] = {}
        for missing in batch.unvalued:
            target = missing.status is not DeliveryStatus.DELIVERED
            entry = grouped.setdefault(
                (missing.key.measure, missing.reason, target), [Decimal(0), 0, missing]
            )
            entry[0] += missing.quantity
            entry[1] += missing.count
        deliveries = sum(missing.count for missing in batch.unvalued)
        heading = say_count(language, "not_valued", deliveries)
        console.print(Text.assemble("\n", (heading, "bold")))
        rows = sorted(grouped.items(), key=lambda item: (-item[1][1], item[0]))
        for (code, _reason_text, target), (quantity, count, sample) in rows:
            console.print(
                "  "
                + say_count(
                    language,
                    "not_valued_line",
                    count,
                    measure=code,
                    quantity=_quantity(quantity),
                    unit=_unit(framework, code, f),
                    target=say(language, "a_target") if target else "",
                    reason=_reason(sample, f),
                ),
                highlight=False,
                markup=False,
            )
    _print_possible_overlaps(console, batch, framework, f)


def _unit(framework: Framework, code: str, f: Formatter) -> str:
    """A measure's unit by its display name, in ``f``'s locale where the titles have it."""
    return f.title(framework.unit_of(code).label)


def _print_possible_overlaps(
    console: Console, batch: ValuationBatch, framework: Framework, f: Formatter
) -> None:
    """Overlapping measures delivered in one period outside the methodology's overlap scope."""
    from rich.text import Text

    from ._words import say

    possible = batch.possible_overlaps(framework)
    if not possible:
        return
    console.print(Text.assemble("\n", (say(f.locale, "possible_overlaps"), "bold")))
    for group, first in possible:
        console.print(
            "  "
            + say(
                f.locale,
                "may_overlap",
                measure=group.key.measure,
                quantity=_quantity(group.quantity),
                unit=_unit(framework, group.key.measure, f),
                period=group.key.period.label,
                first=first,
            ),
            highlight=False,
            markup=False,
        )


@cli.command(epilog=examples("explain"))
@click.argument("measure")
@click.option(
    "--deliveries", "deliveries_file", metavar="FILE", help="A deliveries or returns file."
)
@click.option("--project", help="Only deliveries of this project or programme.")
@click.option("--reporter", help="Only deliveries by this reporter (supplier).")
@click.option(
    "--period", "period_label", help="Only deliveries within this period (a label, e.g. 2022/23)."
)
@_methodology_option
@_registry_option
@_json_option
@_progress_option
@_delimiter_option
def explain(
    measure: str,
    deliveries_file: str | None,
    project: str | None,
    reporter: str | None,
    period_label: str | None,
    methodology: str | None,
    registries: tuple[str, ...],
    fmt: str,
    no_progress: bool,
) -> None:
    """Show how the figures of one measure were obtained, step by step.

    MEASURE: a measure code, in any case (lcr-com-2 is LCR-COM-2). Without --deliveries: the
    shipped LCRCA 2023 example deliveries.
    """
    from socialvalue.batch import value_many
    from socialvalue.periods import parse_period

    from ._inputs import read_deliveries
    from ._output import explain_json

    chosen = _methodology_for(methodology, registries)
    measure = _measure_code(chosen.framework, measure)
    wanted = parse_period(period_label) if period_label else None
    with _progress(no_progress) as shown:
        read = read_deliveries(
            deliveries_file, chosen.framework, delimiter=_delimiter(), progress=shown
        )
    _print_notes(read.notes)
    of_measure = [d for d in read.deliveries if d.measure == measure]
    selected = [
        d
        for d in of_measure
        if (project is None or d.project == project)
        and (reporter is None or d.reporter == reporter)
        and (wanted is None or wanted.contains(d.period))
    ]
    if not selected:
        raise click.ClickException(_no_match(measure, of_measure, project, reporter, period_label))
    batch = value_many(selected, chosen, by=("project",), unvalued="report")
    if fmt.lower() == "json":
        click.echo(explain_json(batch, chosen, measure))
        return
    console = _console()
    for group in batch:
        console.print(_working(group, chosen), highlight=False, markup=False)
        console.print()
    for missing in batch.unvalued:
        console.print(
            f"{missing.key.measure}: {_quantity(missing.quantity)} in "
            f"{missing.key.period.label} could not be valued: {missing.reason}",
            highlight=False,
            markup=False,
        )


def _measure_code(framework: Framework, given: str) -> str:
    """The framework's code for ``given``, compared without case; unknown codes are an error."""
    if given in framework:
        return given
    same = [code for code in framework.measure_codes() if code.casefold() == given.casefold()]
    if len(same) == 1:
        return same[0]
    framework.measure(given)  # raises UnknownCodeError, with case-insensitive suggestions
    return given  # pragma: no cover - measure() raised


def _no_match(
    measure: str,
    of_measure: Sequence[Delivery],
    project: str | None,
    reporter: str | None,
    period: str | None,
) -> str:
    """Why nothing matched, and what would have."""
    if not of_measure:
        return f"no deliveries of {measure} in the deliveries given"
    options: list[str] = []
    for option, attribute, given in (
        ("--project", "project", project),
        ("--reporter", "reporter", reporter),
    ):
        if given is not None:
            values = sorted({getattr(d, attribute) or "" for d in of_measure} - {""})
            shown = ", ".join(repr(v) for v in values[:8]) or "none stated"
            more = f" … ({len(values)} in all)" if len(values) > 8 else ""
            options.append(f"{option} one of {shown}{more}")
    if period is not None:
        periods = sorted({d.period for d in of_measure})
        options.append(f"--period covering {', '.join(p.label for p in periods[:8])}")
    return f"no deliveries of {measure} match; {measure} has deliveries with " + "; ".join(options)


@cli.command(epilog=examples("framework"))
@click.argument("file", required=False, metavar="[FILE]")
def framework(file: str | None) -> None:
    """Print a framework as a tree (without FILE, the shipped LCRCA framework)."""
    from ._tree import format_framework_tree

    click.echo(format_framework_tree(_framework_from(file)))


@cli.command(epilog=examples("validate"))
@click.argument("file")
@click.option(
    "--framework",
    "framework_name",
    metavar="FRAMEWORK",
    help=f"Also check measures, units and roles against this framework (a file, or a shipped "
    f"one: {', '.join(SHIPPED_FRAMEWORKS)}).",
)
@_rejected_option
@_progress_option
@_delimiter_option
def validate(
    file: str, framework_name: str | None, rejected: str | None, no_progress: bool
) -> None:
    """Check a file and list every problem in it.

    Frameworks, proxy registries (.toml, .json, .csv), price indices, discount schedules,
    methodologies, deliveries and commitments; returns (.csv, .xlsx, .jsonl) with the import
    rules (every row's problems, with file, 1-based row and column).
    """
    from pathlib import Path

    from socialvalue.commitments import CommitmentSet, check_commitments
    from socialvalue.deliveries import DeliverySet, check_deliveries
    from socialvalue.discounting import DiscountSchedules
    from socialvalue.framework import Framework
    from socialvalue.io import check_deliveries_file, holds_deliveries, load_registry_csv
    from socialvalue.prices import PriceIndex
    from socialvalue.proxies import ProxyRegistry

    from ._inputs import RETURNS_SUFFIXES
    from ._words import say_count

    if Path(file).suffix.lower() in RETURNS_SUFFIXES and not _looks_like_registry(file):
        _validate_returns(file, framework_name, rejected, no_progress)
        return
    if holds_deliveries(file):
        # Every problem at once: each entry's, and the framework's on the entries that built.
        chosen = framework_name or "lcrca"
        delivery_set = check_deliveries_file(file, _framework_from(chosen))
        click.echo(
            say_count(
                _language(), "ok_deliveries", len(delivery_set), file=file, framework=repr(chosen)
            )
        )
        return
    document = (
        # A registry CSV's header, rows and framework check in one pass, by row and column.
        load_registry_csv(file, framework=_framework_from(framework_name))
        if framework_name is not None and Path(file).suffix.lower() == ".csv"
        else _load_checked(file, framework_name)
    )
    if isinstance(document, Framework):
        summary = (
            f"framework {document.id!r} version {document.version}, "
            f"{len(document.measures())} measures"
        )
    elif isinstance(document, ProxyRegistry):
        if framework_name is not None:
            document.check_against(_framework_from(framework_name))
        checked = f", checked against {framework_name!r}" if framework_name else ""
        summary = (
            f"registry {document.id!r} version {document.version}, "
            f"{len(document.values)} values for {len(document.measures())} measures{checked}"
        )
    elif isinstance(document, PriceIndex):
        summary = f"price index {document.id!r}, {document.bounds}"
    elif isinstance(document, DiscountSchedules):
        summary = f"discount schedules {', '.join(document.ids())}"
    elif isinstance(document, CommitmentSet):
        check_commitments(document, _framework_from(framework_name or "lcrca"))
        summary = (
            f"{len(document)} commitments and {len(document.updates)} updates, checked against "
            f"{framework_name or 'lcrca'!r}"
        )
    elif isinstance(document, DeliverySet):
        check_deliveries(document, _framework_from(framework_name or "lcrca"))
        summary = f"{len(document)} deliveries, checked against {framework_name or 'lcrca'!r}"
    else:
        summary = (
            f"methodology {document.id!r} version {document.version}, "
            f"sha256:{document.content_hash[:12]}"
        )
    click.echo(f"{file}: OK — {summary}")


def _validate_returns(
    file: str, framework_name: str | None, rejected: str | None, no_progress: bool
) -> None:
    """Every problem of every row, one a line, as ``FILE, row N, column C: …``."""
    from ._inputs import read_deliveries
    from ._words import say_count

    framework = _framework_from(framework_name or "lcrca")
    language = _language()
    with _progress(no_progress) as shown:
        read = read_deliveries(
            file,
            framework,
            rejected_to=rejected,
            language=language,
            delimiter=_delimiter(),
            progress=shown,
        )
    if read.rejected:
        _print_notes(read.notes)
        for problem in read.problems:
            click.echo(f"  {file}, {problem.readable()}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(say_count(language, "ok_returns", read.count, file=file))


def _load_checked(file: str, framework_name: str | None) -> AnyDocument:
    """Load any document; a registry's or commitments' framework problems come with the rest.

    A file that cannot be loaded is still checked against the framework (the registry's only
    with --framework, as when it loads), so every problem of every stage is in one error.
    """
    from pathlib import Path

    from socialvalue.exceptions import DataFileError
    from socialvalue.io import fit_problems_in_file, load_any

    from ._inputs import DELIVERY_SUFFIXES

    try:
        return load_any(file)
    except DataFileError as error:
        if Path(file).suffix.lower() not in DELIVERY_SUFFIXES:
            raise
        framework = _framework_from(framework_name or "lcrca")
        extra = fit_problems_in_file(file, framework, reported=error.problems)
        if framework_name is None:  # a registry is checked against a framework when asked
            extra = [p for p in extra if p.location.startswith("commitments")]
        if not extra:
            raise
        merged = sorted([*error.problems, *extra], key=_entry_order)
        raise DataFileError(error.file, merged) from None


def _entry_order(problem: Problem) -> tuple[str, int]:
    """Problems of the document first, then by list and entry (``values[2]…``)."""
    found = re.match(r"^(\w+)\[(\d+)\]", problem.location)
    return ("", -1) if found is None else (found[1], int(found[2]))


def _looks_like_registry(path: str) -> bool:
    """Whether a CSV file is a proxy registry (a `value` column, no `quantity`): not returns."""
    from pathlib import Path

    if Path(path).suffix.lower() != ".csv":
        return False
    try:
        with Path(path).open(encoding="utf-8", errors="replace") as handle:
            header = handle.readline()
    except OSError:
        return False
    names = {cell.strip().strip('"').casefold() for cell in header.split(",")}
    return "value" in names and "quantity" not in names


@cli.command(epilog=examples("commitments"))
@click.argument("files", nargs=-1, metavar="[FILE]...")
@click.option(
    "--deliveries",
    "deliveries_files",
    metavar="FILE",
    multiple=True,
    help="Deliveries or returns files; repeatable.",
)
@click.option("--quarter", help="e.g. '2025/26 Q1' (default: the last full quarter).")
@_methodology_option
@_registry_option
@click.option("--framework", "framework_name", metavar="FRAMEWORK", help="Default: lcrca.")
@click.option(
    "--no-values", is_flag=True, help="Do not value deliveries (£ promised vs delivered)."
)
@_json_option
@_progress_option
@_delimiter_option
def commitments(
    files: tuple[str, ...],
    deliveries_files: tuple[str, ...],
    quarter: str | None,
    methodology: str | None,
    registries: tuple[str, ...],
    framework_name: str | None,
    no_values: bool,
    fmt: str,
    no_progress: bool,
) -> None:
    """The quarterly commitments summary for an Executive Leadership Team.

    The framework's shipped commitments (the LCRCA's, for the LCRCA framework), plus any
    commitments and updates in FILEs, assessed against delivery returns at the end of a quarter.
    """
    from socialvalue.commitments import check_commitments
    from socialvalue.periods import FinancialQuarter, parse_period
    from socialvalue.tracking import quarterly_summary

    from ._context import commitments_for
    from ._inputs import read_deliveries
    from ._output import summary_json

    framework_ = _framework_from(framework_name or "lcrca")
    promised = commitments_for(framework_, files)
    check_commitments(promised, framework_)
    returns: list[Delivery] = []
    for path in deliveries_files:
        with _progress(no_progress) as shown:
            read = read_deliveries(path, framework_, delimiter=_delimiter(), progress=shown)
        _print_notes(read.notes)
        returns.extend(read.deliveries)
    if quarter is None:
        chosen = FinancialQuarter.containing(dt.datetime.now(tz=dt.UTC).date()).previous()
    else:
        period = parse_period(quarter)
        if not isinstance(period, FinancialQuarter):
            raise click.BadParameter(
                f"{quarter!r} is not a quarter such as '2024/25 Q2'", param_hint="--quarter"
            )
        chosen = period
    summary = quarterly_summary(
        promised.commitments,
        promised.updates,
        returns,
        quarter=chosen,
        methodology=None if no_values else _methodology_for(methodology, registries),
    )
    if fmt.lower() == "json":
        click.echo(summary_json(summary))
        return
    for line in summary.render().splitlines():
        click.echo(_coloured(line))


#: A summary line's status tag → its colour on a terminal (the tag itself says it in words).
_TAG_COLOURS = {"[GREEN": "green", "[AMBER": "yellow", "[RED": "red"}


def _coloured(line: str) -> str:
    """A summary line in its RAG colour (click drops the colour when not writing to a terminal)."""
    for tag, colour in _TAG_COLOURS.items():
        if line.lstrip().startswith(tag):
            return click.style(line, fg=colour)
    return line


@cli.command(epilog=examples("template"))
@click.argument("output", metavar="OUTPUT.xlsx")
@click.option("--contract", help="The contract the returns are for (pre-fills its column).")
@click.option(
    "--commitments",
    "commitment_files",
    metavar="FILE",
    multiple=True,
    help="Commitments files; the contract's commitments are listed in the template.",
)
@click.option(
    "--period",
    "periods",
    multiple=True,
    help="A period to offer in the dropdown; repeatable. Default: the quarters the "
    "commitments span, else the current financial year's quarters.",
)
@click.option("--measure", "measures", multiple=True, help="Limit the measures offered.")
@click.option(
    "--rows",
    default=500,
    show_default=True,
    type=click.IntRange(1, 100_000),
    help="Rows to prepare for filling in (1 to 100,000).",
)
@click.option("--framework", "framework_name", metavar="FRAMEWORK", help="Default: lcrca.")
def template(
    output: str,
    contract: str | None,
    commitment_files: tuple[str, ...],
    periods: tuple[str, ...],
    measures: tuple[str, ...],
    rows: int,
    framework_name: str | None,
) -> None:
    """Write a supplier return template (XLSX): rows to fill with dropdowns, and guidance.

    Needs the xlsx extra.
    """
    from socialvalue.io import load_commitments

    from ._import import template_command

    promised = [c for path in commitment_files for c in load_commitments(path)]
    click.echo(
        template_command(
            output,
            framework=_framework_from(framework_name),
            contract=contract,
            commitments=promised,
            periods=periods or None,
            measures=measures or None,
            rows=rows,
        )
    )


@cli.command("import", epilog=examples("import"))
@click.argument("path", metavar="RETURNS")
@click.option("--framework", "framework_name", metavar="FRAMEWORK", help="Default: lcrca.")
@click.option("--locale", default="en_GB", show_default=True, help="How numbers are written.")
@click.option("--strict", is_flag=True, help="Fail on the first file with any bad row.")
@click.option("--sheet", help="The worksheet to read (XLSX).")
@click.option("--delimiter", default=",", show_default=True, help="The CSV delimiter.")
@click.option("--encoding", default="utf-8", show_default=True, help="The CSV encoding.")
@click.option(
    "--rejected", metavar="FILE", help="Write the rejected rows, with their problems, here."
)
@click.option(
    "--accepted", metavar="FILE", help="Write the accepted deliveries here (.toml, .json, .csv…)."
)
@_progress_option
def import_(
    path: str,
    framework_name: str | None,
    locale: str,
    strict: bool,
    sheet: str | None,
    delimiter: str,
    encoding: str,
    rejected: str | None,
    accepted: str | None,
    no_progress: bool,
) -> None:
    """Read a returns file (CSV, XLSX, JSON Lines): accepted and rejected rows, with reasons.

    Exits with status 1 when any row is rejected.
    """
    from pathlib import Path

    from ._import import import_command

    with _progress(no_progress) as shown:
        code, text = import_command(
            path,
            framework=_framework_from(framework_name),
            locale=locale,
            strict=strict,
            sheet=sheet,
            delimiter=delimiter,
            encoding=encoding,
            rejected=rejected,
            accepted=accepted,
            progress=shown.counter(f"reading and checking {Path(path).name}"),
        )
    click.echo(text)
    if code:
        raise click.exceptions.Exit(code)


@cli.command(epilog=examples("diff"))
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.argument("deliveries", required=False, metavar="[DELIVERIES]")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "csv"]),
    default="text",
    show_default=True,
    help="text: the data diff and the bridge; the others: the bridge only.",
)
@click.option("-o", "--output", metavar="FILE", help="Write to a file instead of the terminal.")
@_progress_option
@_delimiter_option
def diff(
    old: str, new: str, deliveries: str | None, fmt: str, output: str | None, no_progress: bool
) -> None:
    """What moved between two methodologies (files or shipped names), by cause.

    Shows what changed in the data (a diff of the two self-contained bundles, with their
    hashes), then the change in each total of DELIVERIES (default: the shipped example) split
    exactly into causes, in a fixed order: framework, proxy values, prices, additionality,
    discounting. The parts add up to the change to the penny.
    """
    from pathlib import Path

    from socialvalue.compare import compare
    from socialvalue.io import atomic_write_text, methodology_diff
    from socialvalue.report import (
        Formatter,
        render_bridge_csv,
        render_bridge_html,
        render_bridge_markdown,
    )

    from ._inputs import read_deliveries

    before = _methodology_for(old, ())
    after = _methodology_for(new, ())
    with _progress(no_progress) as shown:
        read = read_deliveries(deliveries, after.framework, delimiter=_delimiter(), progress=shown)
    items = read.deliveries.deliveries
    bridge = compare(items, before, after)
    if fmt == "markdown":
        text = render_bridge_markdown(bridge, Formatter(rounding=after.rounding))
    elif fmt == "html":
        text = render_bridge_html(bridge, Formatter(rounding=after.rounding))
    elif fmt == "csv":
        text = render_bridge_csv(bridge, Formatter(rounding=after.rounding))
    else:
        text = (
            methodology_diff(before, after)
            + "\n"
            + render_bridge_markdown(bridge, Formatter(rounding=after.rounding))
        )
    if output:
        atomic_write_text(Path(output), text)
        click.echo(f"wrote {output}")
    else:
        click.echo(text, nl=False)


@cli.group(epilog=examples("registry"))
def registry() -> None:
    """Proxy registries: import a value set you are licensed to use."""


@registry.command("import", epilog=examples("registry"))
@click.argument("path", metavar="FILE")
@click.option(
    "--mapping", required=True, metavar="MAPPING.toml", help="Which column holds what (TOML)."
)
@click.option(
    "-o", "--output", required=True, metavar="OUT", help="The registry to write (.toml, .csv)."
)
@click.option("--framework", "framework_name", metavar="FRAMEWORK", help="Default: lcrca.")
@click.option("--lenient", is_flag=True, help="Write the good rows; list the bad ones (exit 1).")
def registry_import(
    path: str, mapping: str, output: str, framework_name: str | None, lenient: bool
) -> None:
    """Make a registry from your own XLSX or CSV value file, as a mapping file says.

    The licence named in the mapping travels with every value into valuations and reports.
    """
    from socialvalue import _display
    from socialvalue.io import import_registry, save_registry, save_registry_csv

    result = import_registry(
        path, mapping=mapping, framework=_framework_from(framework_name), strict=not lenient
    )
    made = result.registry
    if output.lower().endswith(".csv"):
        save_registry_csv(made, output)
    else:
        save_registry(made, output)
    licences = sorted({value.licence for value in made.values})
    locale = _display.DEFAULT_LOCALE
    values = _display.count(len(made.values), "value", locale=locale)
    measures = _display.count(len(made.measures()), "measure", locale=locale)
    rows = _display.count(result.rows, "row", locale=locale)
    click.echo(
        f"{output}: registry {made.id!r}, {values} for {measures} from {rows} of {path}; "
        f"licence: {'; '.join(licences) or made.licence}"
    )
    if result.unmapped:
        codes = ", ".join(dict.fromkeys(code for _, code in result.unmapped))
        left_out = _display.count(len(result.unmapped), "row", locale=locale)
        click.echo(f"{left_out} left out, not in the crosswalk: {codes}")
    for problem in result.problems:
        click.echo(f"  {problem.location}: {problem.message}")
    if result.problems:
        raise click.exceptions.Exit(1)


def commands() -> Any:  # noqa: ANN401 - a click group
    """The click group (for embedding the commands in another click application)."""
    return cli
