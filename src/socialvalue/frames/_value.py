"""``value_frame`` and ``deliveries_from_frame``: frames of deliveries in, exact results out."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from socialvalue import tabular
from socialvalue._decimal import calculation_context
from socialvalue._phrases import english
from socialvalue._text import split_lines
from socialvalue.batch import (
    DELIVERY_DIMENSIONS,
    GroupValuation,
    OverlapWarning,
    UnvaluedGroup,
    ValuationBatch,
    classify,
    overlap_message,
    overlap_pairs,
    overlap_warning,
    scope_key,
    unvalued_phrase,
    unvalued_reason,
)
from socialvalue.deliveries import Delivery, check_deliveries
from socialvalue.exceptions import Problem, SocialValueError, ValidationError
from socialvalue.frames._kernel import KEY_FIELDS, OPTIONAL_FIELDS, Kernel, reason
from socialvalue.io import ImportResult, RejectedRow
from socialvalue.methodology import Methodology, MethodologyRef, OverlapPolicy
from socialvalue.money import RoundingMode
from socialvalue.proxies import NoProxyValueError
from socialvalue.tabular import Record
from socialvalue.valuation import ValuationError, ValuationKey, unit_value

__all__ = ["FrameValuation", "deliveries_from_frame", "value_frame"]

#: What ``by`` may name (as for :func:`~socialvalue.value_many`).
GROUPABLE = DELIVERY_DIMENSIONS


@attrs.frozen(kw_only=True)
class FrameValuation:
    """What :func:`value_frame` found: the valued batch, and the rows it could not take.

    Attributes:
        batch: A :class:`~socialvalue.ValuationBatch`, as :func:`~socialvalue.value_many`
            returns it for the accepted rows — the same groups and totals — except that its
            groups carry no member indices (``members`` is empty, ``first`` is ``None``):
            :meth:`~socialvalue.Rollup.from_batch` and exports take it unchanged.
        rejected: Every row not valued, whole, with every reason
            (:class:`~socialvalue.io.RejectedRow`; ``row`` is the row's number in the frame, or
            ``-1`` for a lazy frame given no ``index`` column).
        rows: How many rows the frame had: ``batch.count + len(rejected)``.
        columns: The frame's columns, as the rejected rows' ``cells`` follow them.
        evidence: With ``value_frame(..., evidence=True)``, each of ``batch.groups``' evidence
            references, in the same order (the groups carry no members to find them by):
            what :func:`~socialvalue.report.build_report` lists in the appendix; else empty.
    """

    batch: ValuationBatch
    rejected: tuple[RejectedRow, ...]
    rows: int
    columns: tuple[str, ...]
    evidence: tuple[tuple[str, ...], ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every row was accepted."""
        return not self.rejected

    @property
    def methodology(self) -> MethodologyRef:
        """The methodology the batch was valued with."""
        return self.batch.methodology

    def to_records(self, *, part: Literal["accepted", "rejected"] = "accepted") -> list[Record]:
        """The batch's records, or with ``part="rejected"`` the rejected rows' records.

        See :meth:`socialvalue.ValuationBatch.to_records` and
        :meth:`socialvalue.io.RejectedRow.to_record` (row, cells, problems).
        """
        if part == "rejected":
            return [row.to_record(self.columns) for row in self.rejected]
        if part != "accepted":
            raise ValueError(f"part: expected 'accepted' or 'rejected', got {part!r}")
        return self.batch.to_records()

    def _table(
        self,
        kind: Literal["arrow", "polars", "pandas"],
        part: Literal["accepted", "rejected"],
        places: int | None,
        rounding: RoundingMode,
        *,
        floats: bool,
    ) -> Any:  # noqa: ANN401 - a table of the kind asked for
        if part == "accepted":
            return getattr(self.batch, f"to_{kind}")(
                places=places, rounding=rounding, floats=floats
            )
        convert = getattr(tabular, f"to_{kind}")
        return convert(self.to_records(part=part), places=places, rounding=rounding, floats=floats)

    def to_arrow(
        self,
        *,
        part: Literal["accepted", "rejected"] = "accepted",
        places: int | None = None,
        rounding: RoundingMode = RoundingMode.HALF_UP,
        floats: bool = False,
    ) -> Any:  # noqa: ANN401 - a pyarrow.Table
        """As :meth:`to_records`, a ``pyarrow.Table`` with exact decimal money."""
        return self._table("arrow", part, places, rounding, floats=floats)

    def to_polars(
        self,
        *,
        part: Literal["accepted", "rejected"] = "accepted",
        places: int | None = None,
        rounding: RoundingMode = RoundingMode.HALF_UP,
        floats: bool = False,
    ) -> Any:  # noqa: ANN401 - a polars.DataFrame
        """As :meth:`to_records`, a ``polars.DataFrame`` with exact ``Decimal`` money."""
        return self._table("polars", part, places, rounding, floats=floats)

    def to_pandas(
        self,
        *,
        part: Literal["accepted", "rejected"] = "accepted",
        places: int | None = None,
        rounding: RoundingMode = RoundingMode.HALF_UP,
        floats: bool = False,
    ) -> Any:  # noqa: ANN401 - a pandas.DataFrame
        """As :meth:`to_records`, a pandas DataFrame of Arrow-backed (exact decimal) columns."""
        return self._table("pandas", part, places, rounding, floats=floats)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value)


@attrs.frozen
class _Key:
    """A raw key from the engine, read as the object API reads a delivery's fields."""

    fields: dict[str, object]

    def sample(self) -> Delivery:
        """A delivery with this key (quantity 0): the object API's own checks apply to it."""
        values = self.fields
        options: dict[str, object] = {}
        for field in ("unit", "role"):
            if field in values and not _blank(values[field]):
                options[field] = values[field]
        if "geography" in values and values["geography"] is not None:
            options["geography"] = values["geography"]
        for field in ("reporter", "project", "contract"):
            if field in values and values[field] is not None:
                options[field] = values[field]
        if "correction" in values and values["correction"] is not None:
            options["correction"] = bool(values["correction"])  # numpy's bool_ too
        if "status" in values and not _blank(values["status"]):
            options["status"] = str(values["status"]).strip().lower()
        return Delivery(
            measure=str(values["measure"]),
            quantity=Decimal(0),
            period=values["period"],
            **options,  # type: ignore[arg-type]
        )


def _key_problems(
    fields: Mapping[str, object],
    methodology: Methodology,
    checked: dict[tuple[object, ...], list[tuple[str, str]]] | None = None,
) -> tuple[Delivery | None, list[tuple[str, str]]]:
    """Check one raw key as a delivery would be checked: ``(sample, [(field, message)])``.

    ``checked`` remembers the framework's verdict per (measure, unit, role), as
    :func:`~socialvalue.value_many` checks one delivery per distinct one.
    """
    problems = [
        (field, "a value is required")
        for field in ("measure", "period")
        if _blank(fields.get(field))
    ]
    if problems:
        return None, problems
    if not isinstance(fields["period"], str):
        return None, [
            ("period", f"expected a period label such as '2022/23 Q3', got {fields['period']!r}")
        ]
    try:
        sample = _Key(dict(fields)).sample()
    except (ValueError, TypeError) as error:
        message = str(error)
        field, _, rest = message.partition(": ")
        if field in fields and rest:
            return None, [(field, rest)]
        return None, [("period" if "period" in message else "measure", message)]
    signature = (sample.measure, sample.unit, sample.role)
    if checked is not None and signature in checked:
        problems = checked[signature]
    else:
        try:
            check_deliveries([sample], methodology.framework)
        except ValidationError as error:
            problems = [
                (problem.location.rpartition(".")[2], problem.message) for problem in error.problems
            ]
        if checked is not None:
            checked[signature] = problems
    return (None, problems) if problems else (sample, [])


def _rejected(  # noqa: PLR0913 - the pieces of one rejected row
    number: int,
    values: Mapping[str, object],
    problems: Sequence[tuple[str, str]],
    columns: tuple[str, ...],
    names: Mapping[str, str],
    *,
    row_offset: int,
) -> RejectedRow:
    shown = number + row_offset if number >= 0 else number
    where = f"row {shown}" if number >= 0 else "row"
    return RejectedRow(
        row=shown,
        cells=tuple(_text(values.get(column)) for column in columns),
        problems=tuple(
            Problem(f"{where}, column {names.get(field, field)}", message)
            for field, message in problems
        ),
        columns=columns,
    )


class _Merged:
    """A group's running sums while raw keys that mean the same key are merged."""

    __slots__ = ("count", "first", "quantity", "sample")

    def __init__(self, sample: Delivery, quantity: Decimal, count: int, first: int) -> None:
        self.sample = sample
        self.quantity = quantity
        self.count = count
        self.first = first


def _key_fields(by: Sequence[str]) -> tuple[str, ...]:
    return KEY_FIELDS + tuple(field for field in by if field not in KEY_FIELDS)


def _seconds(methodology: Methodology) -> dict[str, Any]:
    """Each measure that declares an overlap → the measures it overlaps (as value_many reads)."""
    framework = methodology.framework
    return {code: firsts for code, firsts in overlap_pairs(framework).items() if code in framework}


def _frame_overlaps(
    parts: Sequence[tuple[Any, Delivery]],
    methodology: Methodology,
    seconds: Mapping[str, Any],
    row_offset: int,
) -> list[str]:
    """For each raw group, the measure its rows overlap ("" for none), as value_many finds it.

    The engine grouped the rows by the overlap scope too, so every row of a raw group shares
    its measure, period and scope: the rule applies to the group. Of the groups a second
    measure overlaps, the one with the earliest row is named (value_many names the earliest
    delivery).

    Raises:
        ValidationError: overlaps found under ``overlap_policy = "raise"``.
    """
    if not seconds:
        return ["" for _ in parts]
    firsts = {first for found in seconds.values() for first in found}
    scope = methodology.overlap_scope
    by_period = "period" in scope
    buckets: dict[object, list[Delivery]] = {}
    ordered = sorted(
        (item for item in parts if item[1].measure in firsts), key=lambda item: item[0].first
    )
    for _, sample in ordered:
        buckets.setdefault(scope_key(sample, scope), []).append(sample)
    found: list[str] = []
    for _, sample in parts:
        partners = seconds.get(sample.measure) or ()
        named = ""
        for other in buckets.get(scope_key(sample, scope), ()) if partners else ():
            if other.measure in partners and (
                not by_period
                or (
                    other.period.start <= sample.period.end
                    and sample.period.start <= other.period.end
                )
            ):
                named = other.measure
                break
        found.append(named)
    flagged = [
        (group, sample, named) for (group, sample), named in zip(parts, found, strict=True) if named
    ]
    if flagged and methodology.overlap_policy is OverlapPolicy.RAISE:
        raise ValidationError(
            [
                Problem(
                    f"row {group.first + row_offset}" if group.first >= 0 else "rows",
                    overlap_message(sample.measure, named, scope),
                )
                for group, sample, named in sorted(flagged, key=lambda item: item[0].first)
            ],
            subject="overlapping deliveries (overlap_policy = 'raise')",
        )
    if flagged and methodology.overlap_policy is OverlapPolicy.WARN:
        pairs = {f"{sample.measure} / {named}" for _, sample, named in flagged}
        warnings.warn(
            overlap_warning(sum(group.count for group, _, _ in flagged), pairs, scope),
            OverlapWarning,
            stacklevel=3,
        )
    return found


def _check_by(by: Sequence[str]) -> None:
    unknown = [name for name in by if name not in GROUPABLE]
    if unknown:
        raise ValueError(f"by: cannot group by {', '.join(unknown)}; choose from {GROUPABLE}")


def value_frame(  # noqa: C901, PLR0913, PLR0915 - one pass, in order
    frame: object,
    methodology: Methodology,
    *,
    by: Sequence[str] = (),
    columns: Mapping[str, str] | None = None,
    float_places: int | None = None,
    index: str | None = None,
    unvalued: Literal["raise", "report"] = "raise",
    row_offset: int = 0,
    evidence: bool = False,
) -> FrameValuation:
    """Value a frame of deliveries, exactly, with the heavy work done by its own engine.

    The frame — pandas, polars (eager or lazy), pyarrow, DuckDB, Dask or PySpark — has a row
    per delivery, with the columns of :class:`~socialvalue.Delivery`: ``measure``,
    ``quantity`` and ``period`` (a label such as ``2022/23 Q3``), and optionally ``unit``,
    ``role``, ``geography``, ``reporter``, ``project``, ``contract``, ``correction`` and
    ``status`` (``delivered``, the default, or ``target``: a target is grouped apart and
    never enters a delivered total, as in :func:`~socialvalue.value_many`).

    Inside the engine, each quantity is checked and summed exactly per key (decimal columns
    with the engine's decimal sum; integers, decimal text and floats as scaled integers); only
    the per-key sums come back. Each distinct key is checked as the object API checks a
    delivery, and each sum multiplied by its :func:`~socialvalue.unit_value` in ``Decimal``:
    the totals equal :func:`~socialvalue.value_many`'s on the same deliveries to the penny.

    Args:
        frame: The deliveries.
        methodology: What to value them with.
        by: Delivery attributes to group on besides the valuation key (as for
            :func:`~socialvalue.value_many`).
        columns: Delivery field → column name, for columns named otherwise.
        float_places: Float quantities are refused (each row rejected) unless this says how
            many decimal places they have: each float is then read as the nearest number with
            that many places, and a float farther than float noise from one is rejected, never
            rounded.
        index: A column numbering the rows. Eager frames are numbered by position; a lazy
            frame (DuckDB, Dask, Spark, polars lazy) has no row order, so without an index its
            rejected rows carry ``-1``. Groups are in the order of their first row; they carry
            no row numbers (``members`` is empty and ``first`` is ``None``): the engine sums
            the rows and brings back only the sums.
        unvalued: As for :func:`~socialvalue.value_many`: groups no proxy value answers raise
            (``"raise"``) or are listed in the batch (``"report"``).
        row_offset: Added to row numbers (2 numbers a file's rows as a spreadsheet does).
        evidence: Also collect each valued group's evidence from an ``evidence`` column (text
            of one reference a line, or lists; null and blank items skipped), as
            :attr:`FrameValuation.evidence`: what the group's deliveries' evidence would be,
            in row order, each reference once.

    Returns:
        A :class:`FrameValuation`: the batch and the rejected rows; accepted + rejected = rows.

    Raises:
        ValueError: a required column is missing, or ``by`` names what cannot be grouped on.
        TypeError: a quantity column of a type that cannot be read exactly; with
            ``evidence=True``, an evidence cell that is neither text nor a list.
        ValidationError: with ``unvalued="raise"``, every group that could not be valued.
        MissingExtraError: without the ``frames`` extra.

    >>> import polars as pl
    >>> import socialvalue as sv
    >>> from socialvalue.frames import value_frame
    >>> frame = pl.DataFrame({"measure": ["LCR-ENV-2", "LCR-ENV-2", "NOPE"],
    ...                       "quantity": ["12.5", "0.25", "3"],
    ...                       "period": ["2024/25 Q2", "2024/25 Q2", "2024/25"]})
    >>> result = value_frame(frame, sv.default_methodology())
    >>> result.batch.total_gross().quantize(2)
    Money(amount=Decimal('3756.17'), currency='GBP')
    >>> result.rows, result.batch.count, [str(p) for r in result.rejected for p in r.problems]
    (3, 2, ["row 2, column measure: unknown measure 'NOPE'..."])
    """
    if unvalued not in ("raise", "report"):
        raise ValueError(f"unvalued: expected 'raise' or 'report', got {unvalued!r}")
    _check_by(by)
    seconds = _seconds(methodology)
    scope_fields = tuple(
        dim
        for dim in methodology.overlap_scope
        if seconds and dim != "period" and dim not in _key_fields(by)
    )
    keys = _key_fields(by) + scope_fields
    kernel = Kernel(frame, columns=columns, keys=keys, float_places=float_places, index=index)
    names = kernel.names
    native = kernel.native_columns
    sums = kernel.group_sums()
    rejected: list[tuple[int, RejectedRow]] = []
    for number, values, code in kernel.bad_rows() if kernel.set_aside else ():
        key = {field: values.get(names[field]) for field in keys if names[field] in values}
        _, problems = _key_problems(key, methodology)
        quantity = values.get(names["quantity"])
        problems.insert(0, ("quantity", reason(code, quantity, float_places=float_places)))
        rejected.append(
            (number, _rejected(number, values, problems, native, names, row_offset=row_offset))
        )
    merged: dict[tuple[object, ...], _Merged] = {}
    merged_of: dict[tuple[object, ...], tuple[object, ...]] = {}  # raw key → group key
    bad_keys: list[tuple[object, ...]] = []
    checked: dict[tuple[object, ...], list[tuple[str, str]]] = {}
    parts: list[tuple[Any, Delivery]] = []
    for group in sums:
        fields = dict(zip(keys, group.key, strict=True))
        sample, _ = _key_problems(fields, methodology, checked)
        if sample is None:
            bad_keys.append(group.key)
            continue
        parts.append((group, sample))
    overlapping = _frame_overlaps(parts, methodology, seconds, row_offset)
    with calculation_context():
        for (group, sample), overlaps in zip(parts, overlapping, strict=True):
            group_key = (
                sample.measure,
                sample.period,
                sample.geography,
                sample.unit,
                sample.role,
                sample.status,
                *(getattr(sample, name) for name in by),
                overlaps,
            )
            merged_of[group.key] = group_key
            known = merged.get(group_key)
            if known is None:
                merged[group_key] = _Merged(sample, group.quantity, group.count, group.first)
            else:
                known.quantity += group.quantity
                known.count += group.count
                known.first = min(known.first, group.first)
    for number, values, _code in kernel.rows_with_keys(bad_keys):
        key = {field: values.get(names[field]) for field in keys if names[field] in values}
        _, problems = _key_problems(key, methodology)
        rejected.append(
            (number, _rejected(number, values, problems, native, names, row_offset=row_offset))
        )
    # Each group's first row (or -1 on a lazy frame without an index) orders the groups and
    # locates the groups that cannot be valued; the groups themselves carry no row numbers.
    groups: list[tuple[int, GroupValuation, tuple[object, ...]]] = []
    missing: list[tuple[int, UnvaluedGroup]] = []
    count = 0
    for group_key, part in merged.items():
        quantity, members, first = part.quantity, part.count, part.first
        count += members
        shown_first = first + row_offset if first >= 0 else first
        valuation_key = ValuationKey.of(part.sample)
        try:
            unit = unit_value(valuation_key, methodology)
        except (NoProxyValueError, ValuationError) as error:
            words = methodology.unvalued_reason(valuation_key.measure)
            missing.append(
                (
                    shown_first,
                    UnvaluedGroup(
                        key=valuation_key,
                        by=tuple(group_key[len(KEY_FIELDS) : -1]),
                        quantity=quantity,
                        count=members,
                        members=(),
                        overlaps=str(group_key[-1]),
                        reason=unvalued_reason(error, words),
                        reason_phrase=unvalued_phrase(error, words),
                        status=part.sample.status,
                    ),
                )
            )
            continue
        gross, net, present = unit.times(quantity)
        # Targets, transfers and overlaps follow the one rule (a frame's rows are outturn).
        overlaps = str(group_key[-1])
        value_type, counted, why = classify(unit, part.sample.status, overlaps, methodology)
        groups.append(
            (
                shown_first,
                GroupValuation(
                    key=unit.key,
                    by=tuple(group_key[len(KEY_FIELDS) : -1]),
                    overlaps=overlaps,
                    quantity=quantity,
                    count=members,
                    unit=unit,
                    gross=gross,
                    net=net,
                    present_value=present,
                    members=(),
                    status=part.sample.status,
                    counted=counted,
                    reason=english(why) if why is not None else "",
                    reason_phrase=why,
                    value_type=value_type,
                ),
                group_key,
            )
        )
    missing.sort(key=lambda item: item[0])
    if missing and unvalued == "raise":
        raise ValidationError(
            [
                Problem(
                    f"row {first}" if first >= 0 else "rows",
                    group.reason + (f" ({group.count} deliveries)" if group.count > 1 else ""),
                )
                for first, group in missing
            ],
            subject="deliveries that cannot be valued",
        )
    groups.sort(
        key=lambda item: (
            item[0],
            item[1].key.measure,
            item[1].key.period,
            item[1].key.geography,
            repr(item[1].by),
        )
    )
    batch = ValuationBatch(
        methodology=methodology.ref,
        by=tuple(by),
        groups=tuple(group for _, group, _ in groups),
        count=count,
        unvalued=tuple(group for _, group in missing),
    )
    rejected.sort(key=lambda item: item[0])
    rows = tuple(row for _, row in rejected)
    if count + len(rows) != kernel.total:  # pragma: no cover - a row lost would be a bug
        raise SocialValueError(
            f"the frame has {kernel.total:,} rows but {count:,} were valued and "
            f"{len(rows):,} rejected; please report this"
        )
    found = _evidence(kernel, merged_of, [key for _, _, key in groups]) if evidence else ()
    return FrameValuation(
        batch=batch, rejected=rows, rows=kernel.total, columns=native, evidence=found
    )


def _evidence(
    kernel: Kernel,
    merged_of: Mapping[tuple[object, ...], tuple[object, ...]],
    keys: Sequence[tuple[object, ...]],
) -> tuple[tuple[str, ...], ...]:
    """Each valued group's evidence (its group key in ``keys``), in row order, each once."""
    found: dict[tuple[object, ...], dict[str, None]] = {key: {} for key in keys}
    for raw, value in kernel.rows_of("evidence"):
        references = found.get(merged_of.get(raw, ()))
        if references is not None:  # not a rejected row's, nor an unvalued group's
            references.update(dict.fromkeys(_list_cell("evidence", value)))
    return tuple(tuple(found[key]) for key in keys)


_FIELDS = (*OPTIONAL_FIELDS, "id", "note", "evidence", "tags")


def _list_cell(field: str, value: object) -> tuple[str, ...]:
    """A list cell's items: a text's lines (as the returns reader reads them), or a list's.

    A list's items are kept as written, its null and blank items skipped as a text's blank
    lines are.

    Raises:
        TypeError: neither text nor a list (a number, say), naming ``field``.
    """
    if isinstance(value, str):
        return split_lines(value)
    if isinstance(value, (bytes, bytearray, Mapping)) or not isinstance(value, Iterable):
        raise TypeError(
            f"{field}: expected text (one item a line) or a list of text, got {value!r} "
            f"({type(value).__name__})"
        )
    items = (str(item) for item in value if item is not None)
    return tuple(item for item in items if item.strip())


def _field_value(field: str, value: object) -> object:
    """A cell as the Delivery field wants it: lists from lines of text, plain booleans."""
    if field in ("evidence", "tags"):
        return _list_cell(field, value)
    if field == "correction":
        return bool(value)  # numpy's bool_ too
    return value


def deliveries_from_frame(  # noqa: C901, PLR0912, PLR0913, PLR0915 - one pass over the rows, in order
    frame: object,
    methodology: Methodology | None = None,
    *,
    framework: object = None,
    columns: Mapping[str, str] | None = None,
    float_places: int | None = None,
    index: str | None = None,
    source: str = "",
    row_offset: int = 0,
) -> ImportResult:
    """Build :class:`~socialvalue.Delivery` objects from a frame; reject bad rows with reasons.

    Quantities are checked and read exactly in the engine, as :func:`value_frame` reads them
    (float quantities are refused unless ``float_places`` says how many decimal places they
    have); each row then becomes a delivery, checked against the framework (of
    ``methodology``, or ``framework``) when one is given. Rows that cannot be taken come back
    with every reason: accepted + rejected = rows. Columns besides the delivery fields are
    kept as they are, unread.

    Objects are for thousands of rows; for millions, :func:`value_frame` values the frame
    without building them.

    Returns:
        An :class:`~socialvalue.io.ImportResult` (``accepted_rows``: each delivery's row number).

    >>> import pandas as pd
    >>> from socialvalue.frames import deliveries_from_frame
    >>> frame = pd.DataFrame({"measure": ["LCR-COM-1", "LCR-COM-1"], "quantity": [12.5, 3.25],
    ...                       "period": ["2022/23 Q3", "2022/23 Q4"]})
    >>> deliveries_from_frame(frame).rejected[0].problems[0].message
    'got the float 12.5; floats are inexact, ...'
    >>> [str(d.quantity) for d in deliveries_from_frame(frame, float_places=2).accepted]
    ['12.50', '3.25']
    """
    fw = methodology.framework if methodology is not None else framework
    kernel = Kernel(
        frame, columns=columns, keys=("measure", "period"), float_places=float_places, index=index
    )
    names = kernel.names
    native = kernel.native_columns
    rejected: list[tuple[int, RejectedRow]] = []
    for number, values, code in kernel.bad_rows():
        quantity = values.get(names["quantity"])
        found = [("quantity", reason(code, quantity, float_places=float_places))]
        rejected.append(
            (number, _rejected(number, values, found, native, names, row_offset=row_offset))
        )
    accepted: list[tuple[int, Delivery]] = []
    built: list[tuple[int, dict[str, object], Delivery]] = []
    for number, values, quantity in kernel.accepted_rows():
        fields: dict[str, object] = {"quantity": quantity}
        problems: list[tuple[str, str]] = []
        for field in ("measure", "period", *_FIELDS):
            name = names.get(field, field)
            if name not in values:
                continue
            value = values[name]
            if _blank(value) and field not in ("reporter", "project", "note"):
                if field in ("measure", "period"):
                    problems.append((field, "a value is required"))
                continue
            if value is None:
                continue
            try:
                fields[field] = _field_value(field, value)
            except TypeError as error:  # a list cell that is neither text nor a list
                problems.append((field, str(error).partition(": ")[2]))
        if not problems:
            try:
                delivery = Delivery(**fields)  # type: ignore[arg-type]
            except (ValueError, TypeError) as error:
                message = str(error)
                field, _, rest = message.partition(": ")
                problems.append((field, rest) if rest and field in fields else ("period", message))
            else:
                built.append((number, values, delivery))
                continue
        rejected.append(
            (number, _rejected(number, values, problems, native, names, row_offset=row_offset))
        )
    checked: dict[tuple[object, ...], list[tuple[str, str]]] = {}
    for number, values, delivery in built:
        row_problems: list[tuple[str, str]] = []
        if fw is not None:
            signature = (delivery.measure, delivery.unit, delivery.role)
            if signature not in checked:
                try:
                    check_deliveries([delivery], fw)  # type: ignore[arg-type]
                except ValidationError as error:
                    checked[signature] = [
                        (p.location.rpartition(".")[2], p.message) for p in error.problems
                    ]
                else:
                    checked[signature] = []
            row_problems = checked[signature]
        if row_problems:
            rejected.append(
                (
                    number,
                    _rejected(number, values, row_problems, native, names, row_offset=row_offset),
                )
            )
        else:
            accepted.append((number, delivery))
    rejected.sort(key=lambda item: item[0])
    shown = [number + row_offset if number >= 0 else number for number, _ in accepted]
    return ImportResult(
        source=source or f"<{type(frame).__module__.split('.')[0]} frame>",
        columns=native,
        accepted=tuple(delivery for _, delivery in accepted),
        accepted_rows=tuple(shown),
        rejected=tuple(row for _, row in rejected),
    )
