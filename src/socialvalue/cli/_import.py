"""The work behind ``socialvalue template`` and ``socialvalue import``, without argparse.

Each function takes plain arguments, does the work and returns what the command prints (and,
for import, its exit code), so the command line stays a thin shell.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import click

from socialvalue._display import DEFAULT_LOCALE, count as _count
from socialvalue.commitments import Commitment
from socialvalue.deliveries import Delivery, DeliverySet
from socialvalue.exceptions import DataFileError
from socialvalue.framework import Framework
from socialvalue.io import (
    ImportLimits,
    ReturnsFrame,
    make_template,
    save_deliveries,
    write_rejected,
    write_returns,
)
from socialvalue.periods import FinancialQuarter

__all__ = ["import_command", "template_command"]


def template_command(  # noqa: PLR0913 - one option per command-line flag
    output: str | os.PathLike[str],
    *,
    framework: Framework,
    contract: str | None = None,
    commitments: Iterable[Commitment] = (),
    periods: Sequence[str] | None = None,
    measures: Sequence[str] | None = None,
    rows: int = 500,
    today: dt.date | None = None,
) -> str:
    """Write a supplier return template; return the line to print.

    With a ``contract``, only that contract's commitments are pre-listed. Without ``periods``,
    the template offers the financial quarters the commitments span, or, when there are none,
    the quarters of the financial year containing ``today``.

    Raises:
        click.UsageError: ``output`` is not named ``.xlsx``, or commitments were given but none
            is for the contract.
    """
    if Path(output).suffix.lower() != ".xlsx":
        # The template is a workbook: written under another name (returns.csv, a name with no
        # suffix) it would be read back as text, or not opened at all.
        raise click.UsageError(
            f"{os.fspath(output)}: a return template is an Excel workbook; name it .xlsx "
            f"(got {Path(output).suffix or 'no suffix'})"
        )
    given = list(commitments)
    listed = [
        commitment for commitment in given if contract is None or commitment.contract == contract
    ]
    if given and not listed:
        contracts = sorted({c.contract for c in given if c.contract})
        known = ", ".join(contracts) if contracts else "none (all are organisational)"
        raise click.UsageError(
            f"no commitments for contract {contract} in the --commitments files (their "
            f"contracts: {known}); leave out --commitments, or name one of those contracts"
        )
    chosen: Sequence[str] | None = periods
    if chosen is None and not any(c.window is not None for c in listed):
        year = FinancialQuarter.containing(today or dt.datetime.now(tz=dt.UTC).date())
        chosen = [q.label for q in year.financial_year.quarters()]
    make_template(
        output,
        framework=framework,
        contract=contract,
        commitments=listed,
        periods=chosen,
        measures=measures,
        rows=rows,
    )
    offered = len(framework.measure_codes()) if measures is None else len(set(measures))
    parts = [f"wrote {os.fspath(output)}: a return template"]
    if contract:
        parts.append(f" for contract {contract}")
    parts.append(f" offering {_count(offered, 'measure', locale=DEFAULT_LOCALE)}")
    if chosen is not None:
        parts.append(f" and {_count(len(chosen), 'period', locale=DEFAULT_LOCALE)}")
    if listed:
        parts.append(f", with {_count(len(listed), 'commitment', locale=DEFAULT_LOCALE)} listed")
    return "".join(parts)


def import_command(  # noqa: PLR0913 - one option per command-line flag
    path: str | os.PathLike[str],
    *,
    framework: Framework,
    locale: str = "en_GB",
    strict: bool = False,
    sheet: str | None = None,
    delimiter: str = ",",
    encoding: str = "utf-8",
    rejected: str | os.PathLike[str] | None = None,
    accepted: str | os.PathLike[str] | None = None,
    limits: ImportLimits | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, str]:
    """Import a returns file; return the exit code and the summary to print.

    The exit code is 0 when every row was accepted and 1 when any was rejected. ``rejected``
    writes the rejected rows (``.csv`` or ``.xlsx``) to correct and import again; ``accepted``
    writes the accepted deliveries (``.toml`` or ``.json`` as a delivery set, ``.parquet``, or
    ``.csv``, ``.xlsx``, ``.jsonl``). In strict mode the rejected rows are still written, then
    one error lists every problem. ``progress`` is given to the reader (the rows checked so far).

    Raises:
        DataFileError: the file cannot be read or its header is wrong; in strict mode, any
            rejected row.
    """
    fast = None
    if limits is None and delimiter == "," and encoding == "utf-8" and sheet is None:
        from socialvalue.cli._inputs import read_frame  # noqa: PLC0415 - beside its one use

        fast = read_frame(os.fspath(path), framework, locale=locale, progress=progress)
    if fast is not None:
        return _import_frame(
            fast, path, framework, strict=strict, rejected=rejected, accepted=accepted
        )
    from socialvalue.cli._inputs import read_any_returns  # noqa: PLC0415 - beside its one use

    result = read_any_returns(
        os.fspath(path),
        framework,
        locale=locale,
        sheet=sheet,
        delimiter=delimiter,
        encoding=encoding,
        limits=limits or ImportLimits(),
        progress=progress,
    )
    lines = [result.summary()]
    if rejected is not None and result.rejected:
        lines.append(
            _wrote_rejected(write_rejected(result, rejected, framework=framework), rejected)
        )
    if accepted is not None:
        lines.append(
            _write_accepted(
                lambda: result.accepted,
                lambda: ReturnsFrame.from_import_result(result),
                path,
                accepted,
            )
        )
    if strict:
        result.raise_for_rejected()
    return (0 if result.ok else 1), "\n".join(lines)


def _import_frame(  # noqa: PLR0913 - the options of import_command
    fast: ReturnsFrame,
    path: str | os.PathLike[str],
    framework: Framework,
    *,
    strict: bool,
    rejected: str | os.PathLike[str] | None,
    accepted: str | os.PathLike[str] | None,
) -> tuple[int, str]:
    """:func:`import_command` for a file read through the columnar path (the same account)."""
    lines = [fast.summary()]
    if rejected is not None and fast.rejected:
        written = write_rejected(fast.rejected, rejected, framework=framework)
        lines.append(_wrote_rejected(written, rejected))
    if accepted is not None:
        lines.append(_write_accepted(fast.deliveries, lambda: fast, path, accepted))
    if strict and fast.rejected:
        raise DataFileError(
            fast.source, [problem for row in fast.rejected for problem in row.problems]
        )
    return (1 if fast.rejected else 0), "\n".join(lines)


def _wrote_rejected(count: int, rejected: str | os.PathLike[str]) -> str:
    return (
        f"wrote {_count(count, 'rejected row', locale=DEFAULT_LOCALE)} to "
        f"{os.fspath(rejected)}: correct them there and import that file again"
    )


def _write_accepted(
    deliveries: Callable[[], Sequence[Delivery]],
    frame: Callable[[], ReturnsFrame],
    path: str | os.PathLike[str],
    accepted: str | os.PathLike[str],
) -> str:
    """Write the accepted deliveries; a ``.parquet`` file straight from the frame."""
    suffix = Path(accepted).suffix.lower()
    if suffix == ".parquet":
        count = frame().write_parquet(accepted)
    elif suffix in (".toml", ".json"):
        items = deliveries()
        save_deliveries(
            DeliverySet(title=f"Returns from {Path(path).name}", deliveries=items), accepted
        )
        count = len(items)
    else:
        count = write_returns(deliveries(), accepted)
    written = _count(count, "accepted delivery", "accepted deliveries", locale=DEFAULT_LOCALE)
    return f"wrote {written} to {os.fspath(accepted)}"
