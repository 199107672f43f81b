"""Reading the deliveries a command is given, whatever file they come in.

``report``, ``value``, ``explain`` and ``validate`` take the files people have: a delivery set
(``.toml``, ``.json``) or the returns suppliers send back (``.csv``, ``.xlsx``, ``.jsonl``). A
returns file goes through the import rules; its rejected rows are summarised in one line (and
written with ``--rejected``), and the accepted ones are what the command works on.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from socialvalue._display import DEFAULT_LOCALE
from socialvalue.deliveries import DeliverySet
from socialvalue.exceptions import Problem
from socialvalue.framework import Framework
from socialvalue.io import (
    check_deliveries_file,
    example_deliveries,
    read_returns,
    write_rejected,
)

from ._progress import Progress
from ._words import say, say_count

__all__ = [
    "DELIVERY_SUFFIXES",
    "RETURNS_SUFFIXES",
    "TOML_NOTE_FROM",
    "Deliveries",
    "read_deliveries",
    "toml_note",
]

#: Delivery sets, as the library writes them.
DELIVERY_SUFFIXES = (".toml", ".json")
#: Returns as suppliers send them, read with the import rules.
RETURNS_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".jsonl", ".ndjson")

#: From this size (bytes) a TOML delivery set gets a note: TOML is for small hand-written files
#: (a 29 MB file took 10.6 s to read on the CI machine; the same rows as CSV are read as they
#: stream).
TOML_NOTE_FROM = 5_000_000


@attrs.frozen(kw_only=True)
class Deliveries:
    """What a command read: the deliveries, and what to say about rows left out.

    Attributes:
        deliveries: The accepted deliveries (all of a delivery set's).
        notes: Lines to print before the command's own output (rejected rows, where written).
        rejected: How many rows of a returns file were rejected.
        problems: Every problem of the rejected rows, in file order.
    """

    deliveries: DeliverySet
    notes: tuple[str, ...] = ()
    rejected: int = 0
    problems: tuple[Problem, ...] = ()


def read_deliveries(  # noqa: PLR0913 - the file, and keyword-only options to read it
    path: str | None,
    framework: Framework,
    *,
    rejected_to: str | None = None,
    locale: str = "en_GB",
    language: str = DEFAULT_LOCALE,
    delimiter: str = ",",
    progress: Progress | None = None,
) -> Deliveries:
    """Read deliveries from ``path`` (the shipped example when ``None``).

    ``locale`` is how a returns file writes numbers, ``delimiter`` what separates its cells (CSV);
    ``language`` is the language of the notes. ``progress`` draws the rows read and checked (for
    returns) or a spinner (for a large delivery set), if it is shown.

    Raises:
        click.UsageError: a suffix that is neither a delivery set nor a returns file.
        DataFileError: the file cannot be read, or its header is wrong.
    """
    import click  # noqa: PLC0415 - the cli extra, checked by main()

    shown = Progress(shown=False) if progress is None else progress
    if path is None:
        return Deliveries(deliveries=example_deliveries())
    suffix = Path(path).suffix.lower()
    if suffix in DELIVERY_SUFFIXES:
        if rejected_to is not None:
            raise click.UsageError(
                f"--rejected is for returns files ({', '.join(RETURNS_SUFFIXES)}); {path} is a "
                "delivery set, checked whole: leave out --rejected"
            )
        size = _size(path)
        with shown.spinner(f"reading {Path(path).name}", size=size):
            # Every problem at once: each entry's, and the framework's on the entries that built.
            loaded = check_deliveries_file(path, framework)
        large = suffix == ".toml" and size >= TOML_NOTE_FROM
        return Deliveries(deliveries=loaded, notes=(toml_note(path, size),) if large else ())
    if suffix not in RETURNS_SUFFIXES:
        raise click.UsageError(
            f"{path}: expected deliveries as {', '.join(DELIVERY_SUFFIXES)} or returns as "
            f"{', '.join(RETURNS_SUFFIXES)}; got {suffix or 'no suffix'}"
        )
    counter = shown.counter(f"reading and checking {Path(path).name}")
    result = read_returns(
        path, framework=framework, locale=locale, delimiter=delimiter, progress=counter
    )
    notes: list[str] = []
    if result.rejected:
        problems = say_count(language, "problems", len(result.problems()))
        rows = say_count(language, "rows_rejected", len(result.rejected))
        first = result.problems()[0]
        if rejected_to is not None:
            write_rejected(result, rejected_to, framework=framework)
            where = say(language, "rejected_written", path=rejected_to)
        else:
            where = say(language, "rejected_hint")
        notes.append(
            say(
                language,
                "rejected_note",
                path=path,
                rows=rows,
                problems=problems,
                first=first.readable(),
                where=where,
            )
        )
    title = say(language, "returns_title", name=Path(path).name)
    return Deliveries(
        deliveries=DeliverySet(title=title, deliveries=result.accepted),
        notes=tuple(notes),
        rejected=len(result.rejected),
        problems=result.problems(),
    )


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:  # reading it says what is wrong
        return 0


def toml_note(path: str, size: int) -> str:
    """What to say about a large TOML delivery set: it is slow to read; CSV or Parquet are not.

    >>> print(toml_note("deliveries.toml", 29_000_000))  # doctest: +NORMALIZE_WHITESPACE
    deliveries.toml: 29 MB of TOML is slow to read (TOML is for small files written by hand);
    use CSV returns (socialvalue value returns.csv) or Parquet with socialvalue.frames
    """
    return (
        f"{path}: {size / 1_000_000:,.0f} MB of TOML is slow to read (TOML is for small files "
        "written by hand); use CSV returns (socialvalue value returns.csv) or Parquet with "
        "socialvalue.frames"
    )
