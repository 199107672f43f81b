"""Reading the deliveries a command is given, whatever file they come in.

``report``, ``value``, ``explain`` and ``validate`` take the files people have: a delivery set
(``.toml``, ``.json``), the returns suppliers send back (``.csv``, ``.xlsx``, ``.jsonl``) or a
table of deliveries (``.parquet``, with the ``frames`` extra). A returns file goes through the
import rules; its rejected rows are summarised in one line (and written with ``--rejected``),
and the accepted ones are what the command works on.

With the ``frames`` extra, a CSV file is read through the columnar path
(:func:`socialvalue.io.read_returns_frame`: the same rows accepted and rejected,
with the same reasons), and its accepted rows are kept as a frame, so ``value`` values them
with :func:`~socialvalue.frames.value_frame` without building an object per row.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from socialvalue._display import DEFAULT_LOCALE
from socialvalue.batch import ValuationBatch, value_many
from socialvalue.deliveries import Delivery, DeliverySet
from socialvalue.exceptions import MissingExtraError, Problem, ValidationError
from socialvalue.framework import Framework
from socialvalue.io import (
    ImportResult,
    RejectedRow,
    ReturnsFrame,
    check_deliveries_file,
    example_deliveries,
    read_returns,
    write_rejected,
)
from socialvalue.methodology import Methodology

from ._progress import Progress
from ._words import say, say_count

__all__ = [
    "DELIVERY_SUFFIXES",
    "RETURNS_SUFFIXES",
    "TOML_NOTE_FROM",
    "Deliveries",
    "read_any_returns",
    "read_deliveries",
    "read_frame",
    "toml_note",
    "value_rows",
]

#: Delivery sets, as the library writes them.
DELIVERY_SUFFIXES = (".toml", ".json")
#: Returns as suppliers send them, read with the import rules.
RETURNS_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".jsonl", ".ndjson", ".parquet")

#: From this size (bytes) a TOML delivery set gets a note: TOML is for small hand-written files
#: (a 29 MB file took 10.6 s to read on the CI machine; the same rows as CSV are read as they
#: stream).
TOML_NOTE_FROM = 5_000_000


class Deliveries:
    """What a command read: the deliveries, and what to say about rows left out.

    Attributes:
        notes: Lines to print before the command's own output (rejected rows, where written).
        rejected: How many rows of a returns file were rejected.
        problems: Every problem of the rejected rows, in file order.
        title: The deliveries' title.
        count: How many deliveries were accepted.
        frame: For a CSV file read through the columnar path, the accepted rows as a polars
            frame (``row`` numbers them), ready for :func:`~socialvalue.frames.value_frame`
            with ``index="row"``; for a Parquet file read with ``frame=True``, all its rows;
            else ``None``.
        checked: Whether the frame's rows were checked with the import rules (a CSV file's
            were; a Parquet file's are checked by ``value_frame`` as they are valued).
        some: For a checked frame, builds the deliveries of only the rows a polars expression
            selects (in file order); else ``None``.
        rows: For a returns file, each accepted delivery's row (a JSON Lines file's line), in
            the order of :attr:`deliveries`, for :meth:`located`; else ``None``.
        row_word: What :attr:`rows` count: ``"row"`` or ``"line"``.
    """

    def __init__(  # noqa: PLR0913 - keyword-only parts of one read
        self,
        deliveries: DeliverySet | Callable[[], DeliverySet],
        *,
        notes: Sequence[str] = (),
        rejected: int = 0,
        problems: Sequence[Problem] = (),
        count: int | None = None,
        frame: Any = None,  # noqa: ANN401 - a polars DataFrame
        title: str | None = None,
        checked: bool = True,
        some: Callable[[Any], Sequence[Delivery]] | None = None,
        rows: Callable[[], Sequence[int]] | Sequence[int] | None = None,
        row_word: str = "row",
    ) -> None:
        self._deliveries = deliveries
        self._rows = rows
        self.row_word = row_word
        self.checked = checked
        self.some = some
        self.title = title if title is not None else getattr(deliveries, "title", "")
        self.notes = tuple(notes)
        self.rejected = rejected
        self.problems = tuple(problems)
        self.frame = frame
        self.count = len(deliveries) if isinstance(deliveries, DeliverySet) else count or 0

    def located(self, error: ValidationError) -> ValidationError:
        """``error`` with a delivery's place (``[2]``, "entry 3") as its row in the file.

        Valuing a returns file's deliveries names a delivery by its place among the accepted
        ones, which is no place in the file; a delivery set's entries are, and stay.
        """
        rows = self._rows() if callable(self._rows) else self._rows
        if rows is None:
            return error
        problems = []
        for problem in error.problems:
            found = re.fullmatch(r"\[(\d+)\]", problem.location)
            if found is None or int(found[1]) >= len(rows):
                problems.append(problem)
            else:
                where = f"{self.row_word} {rows[int(found[1])]}"
                problems.append(Problem(where, problem.message))
        return ValidationError(problems, subject=error.subject)

    @cached_property
    def deliveries(self) -> DeliverySet:
        """The accepted deliveries (all of a delivery set's), built when first asked for."""
        if isinstance(self._deliveries, DeliverySet):
            return self._deliveries
        return self._deliveries()


def read_deliveries(  # noqa: PLR0913 - the file, and keyword-only options to read it
    path: str | None,
    framework: Framework,
    *,
    rejected_to: str | None = None,
    locale: str = "en_GB",
    language: str = DEFAULT_LOCALE,
    delimiter: str = ",",
    frame: bool = False,
    progress: Progress | None = None,
) -> Deliveries:
    """Read deliveries from ``path`` (the shipped example when ``None``).

    ``locale`` is how a returns file writes numbers, ``delimiter`` what separates its cells (CSV);
    ``language`` is the language of the notes. ``progress`` draws the rows read and checked (for
    returns) or a spinner (for a large delivery set), if it is shown. With the ``frames``
    extra a CSV file is read through the columnar path (the same rows, the same reasons; the
    accepted rows kept as a frame), and, with ``frame=True``, a Parquet file is kept as a frame
    for ``value_frame`` to check and value in one pass.

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
    title = say(language, "returns_title", name=Path(path).name)
    if frame and suffix == ".parquet":
        # Checked and valued in one pass by value_frame, which gives the rejected rows.
        table = _parquet_frame(path)
        rows: list[int] = []

        def built() -> DeliverySet:
            result = read_any_returns(path, framework, locale=locale)
            rows[:] = result.accepted_rows
            return DeliverySet(title=title, deliveries=result.accepted)

        return Deliveries(built, frame=table, title=title, checked=False, rows=rows)
    counter = shown.counter(f"reading and checking {Path(path).name}")
    fast = read_frame(path, framework, locale=locale, delimiter=delimiter, progress=counter)
    if fast is not None:
        return Deliveries(
            lambda: DeliverySet(title=title, deliveries=fast.deliveries()),
            notes=_rejected_notes(path, fast.rejected, framework, rejected_to, language),
            rejected=len(fast.rejected),
            problems=[problem for row in fast.rejected for problem in row.problems],
            count=fast.accepted,
            frame=fast.frame,
            title=title,
            some=fast.deliveries,
            rows=fast.frame["row"].to_list,
        )
    result = read_any_returns(path, framework, locale=locale, delimiter=delimiter, progress=counter)
    return Deliveries(
        DeliverySet(title=title, deliveries=result.accepted),
        notes=_rejected_notes(path, result, framework, rejected_to, language),
        rejected=len(result.rejected),
        problems=result.problems(),
        rows=result.accepted_rows,
        row_word="line" if suffix in (".jsonl", ".ndjson") else "row",
    )


def read_frame(
    path: str,
    framework: Framework,
    *,
    locale: str = "en_GB",
    delimiter: str = ",",
    progress: Callable[[int], None] | None = None,
) -> ReturnsFrame | None:
    """A CSV file read through the columnar path; ``None`` for any other file, or without polars."""
    if Path(path).suffix.lower() != ".csv":
        return None
    try:
        from socialvalue.io import read_returns_frame  # noqa: PLC0415 - beside its one use
    except MissingExtraError:  # pragma: no cover - the frames extra is in the test extra
        return None
    try:
        return read_returns_frame(
            path, framework=framework, locale=locale, delimiter=delimiter, progress=progress
        )
    except MissingExtraError:
        return None


def read_any_returns(
    path: str,
    framework: Framework,
    *,
    locale: str = "en_GB",
    **options: Any,  # noqa: ANN401 - read_returns' options
) -> ImportResult:
    """Read a returns file with the import rules: ``.parquet`` too (the ``frames`` extra).

    A Parquet file is read with :func:`~socialvalue.frames.read_deliveries` (headings matched
    as for CSV) and checked row by row with :func:`~socialvalue.frames.deliveries_from_frame`.

    Raises:
        MissingExtraError: a ``.parquet`` file without the ``frames`` extra (it says which).
    """
    if Path(path).suffix.lower() != ".parquet":
        return read_returns(path, framework=framework, locale=locale, **options)
    from socialvalue.frames import deliveries_from_frame  # noqa: PLC0415 - the frames extra

    return deliveries_from_frame(
        _parquet_frame(path), framework=framework, index="row", source=path
    )


def _parquet_frame(path: str) -> Any:  # noqa: ANN401 - a polars DataFrame
    """A Parquet file of deliveries as a polars frame (``row`` numbers its rows)."""
    from socialvalue._extras import require  # noqa: PLC0415 - beside its one use

    require("pyarrow", "frames")
    require("polars", "frames")
    from socialvalue.frames import read_deliveries  # noqa: PLC0415 - the frames extra

    return read_deliveries(path)


def _rejected_notes(
    path: str,
    read: ImportResult | Sequence[RejectedRow],
    framework: Framework,
    rejected_to: str | None,
    language: str = DEFAULT_LOCALE,
) -> list[str]:
    """The one line about rejected rows (and write them, with ``--rejected``)."""
    rejected = read.rejected if isinstance(read, ImportResult) else read
    if not rejected:
        return []
    problems = [problem for row in rejected for problem in row.problems]
    if rejected_to is not None:
        write_rejected(read, rejected_to, framework=framework)
        where = say(language, "rejected_written", path=rejected_to)
    else:
        where = say(language, "rejected_hint")
    return [
        say(
            language,
            "rejected_note",
            path=path,
            rows=say_count(language, "rows_rejected", len(rejected)),
            problems=say_count(language, "problems", len(problems)),
            first=problems[0].readable(),
            where=where,
        )
    ]


def value_checked(
    read: Deliveries,
    methodology: Methodology,
    by: Sequence[str],
    *,
    evidence: bool = False,
) -> Any:  # noqa: ANN401 - a FrameValuation (the frames extra)
    """``value_frame`` on a CSV file's checked rows, or ``None`` if it cannot take them all.

    The import rules accept a few quantities the engine cannot sum exactly (more than 18
    digits): then the caller values the deliveries instead, and the warnings the engine gave
    (an overlap under ``overlap_policy = "warn"``) are dropped, not said twice.
    """
    from socialvalue.frames import value_frame  # noqa: PLC0415 - the frames extra

    with warnings.catch_warnings(record=True) as seen:
        result = value_frame(
            read.frame, methodology, by=by, index="row", unvalued="report", evidence=evidence
        )
    if result.rejected:
        return None
    for said in seen:
        warnings.warn_explicit(said.message, said.category, said.filename, said.lineno)
    return result


def value_rows(  # noqa: PLR0913 - the read, and keyword-only options to value it
    read: Deliveries,
    methodology: Methodology,
    by: Sequence[str],
    *,
    path: str,
    rejected_to: str | None,
    language: str = DEFAULT_LOCALE,
) -> tuple[ValuationBatch, list[str]]:
    """Value a frame read (unvalued groups reported, as ``value`` does); the notes to print.

    A CSV file's rows were checked with the import rules; the few
    :func:`~socialvalue.frames.value_frame` cannot sum exactly (a quantity of more than 18
    digits, which the import rules accept) send the file to ``value_many`` on its deliveries.
    A Parquet file's rows are checked as they are valued, and its rejected rows summarised
    (and written with ``--rejected``).
    """
    from socialvalue.frames import value_frame  # noqa: PLC0415 - the frames extra

    if read.checked:
        checked = value_checked(read, methodology, by)
        if checked is None:  # accepted on import, but more digits than the engine sums exactly
            batch = value_many(read.deliveries.deliveries, methodology, by=by, unvalued="report")
            return batch, list(read.notes)
        return checked.batch, list(read.notes)
    result = value_frame(read.frame, methodology, by=by, index="row", unvalued="report")
    notes = _rejected_notes(path, result.rejected, methodology.framework, rejected_to, language)
    return result.batch, notes


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:  # reading it says what is wrong
        return 0


def toml_note(path: str, size: int) -> str:
    """What to say about a large TOML delivery set: it is slow to read; CSV or Parquet are not.

    >>> print(toml_note("deliveries.toml", 29_000_000))  # doctest: +NORMALIZE_WHITESPACE
    deliveries.toml: 29 MB of TOML is slow to read (TOML is for small files written by hand);
    use CSV returns (socialvalue value returns.csv) or Parquet (socialvalue import returns.csv
    --accepted returns.parquet)
    """
    return (
        f"{path}: {size / 1_000_000:,.0f} MB of TOML is slow to read (TOML is for small files "
        "written by hand); use CSV returns (socialvalue value returns.csv) or Parquet "
        "(socialvalue import returns.csv --accepted returns.parquet)"
    )
