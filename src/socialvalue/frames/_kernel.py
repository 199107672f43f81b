"""The engine side of columnar valuation, written once against narwhals.

A frame of deliveries (one row a delivery) goes through three steps, all inside the engine:

1. each row's quantity is checked with expressions and turned into exact parts — the engine's
   own decimal column, or a scaled integer split into two ``Int64`` halves and the number of
   decimal places (so no sum ever overflows or rounds);
2. rows with a bad quantity are set aside (they come back, whole, with a reason code);
3. the other rows are grouped by the raw key columns (measure, period, geography, unit, role,
   status and any ``by`` columns, plus the number of decimal places) and their parts summed.

Only the per-group sums and the bad rows are brought back to Python. Checking the keys (a
measure the framework knows, a period label, a unit, a role) is done in Python once per distinct
key, by the same code the object API uses.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from socialvalue._decimal import calculation_context
from socialvalue._extras import require
from socialvalue._limits import MAX_INPUT_EXPONENT, MAX_INPUT_PLACES, MAX_NUMBER_CHARS

__all__ = [
    "KEY_FIELDS",
    "OPTIONAL_FIELDS",
    "REQUIRED_FIELDS",
    "Code",
    "Kernel",
    "QuantityKind",
    "missing",
    "reason",
]

#: Columns every frame of deliveries must have.
REQUIRED_FIELDS = ("measure", "quantity", "period")
#: Columns a frame may have; a missing one takes the :class:`~socialvalue.Delivery` default.
OPTIONAL_FIELDS = (
    "unit",
    "role",
    "geography",
    "reporter",
    "project",
    "contract",
    "correction",
    "status",
)
#: What a valuation key and its checks depend on (value_many's group key, in its order).
KEY_FIELDS = ("measure", "period", "geography", "unit", "role", "status")

_ROW = "__sv_row"
_PROBLEM = "__sv_problem"
_QUANTITY = "__sv_q"
_HIGH = "__sv_hi"
_LOW = "__sv_lo"
_PLACES = "__sv_places"
_COUNT = "__sv_count"
_FIRST = "__sv_first"
_VALUE = "__sv_value"

#: Digits a quantity written as text may have (sign and point not counted): 18 digits split
#: into two 9-digit halves stay exact in 64-bit integers however many rows are summed.
MAX_TEXT_DIGITS = 18
_HALF = 10**9
#: Scaled float quantities must stay below this (float64 resolves them to far under 0.5).
_MAX_SCALED_FLOAT = 10**14
#: A plain decimal as text: the returns reader's grammar without a locale's digit grouping.
_PLAIN_DECIMAL = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$"
#: Quantities must be less than this in size: the declared input boundary.
_TOO_LARGE = 10**MAX_INPUT_EXPONENT
_MAX_DECIMAL_SCALE = 20


#: The value of a key field whose column the frame does not have (the Delivery default).
_DEFAULTS: dict[str, object] = {
    "measure": None,
    "period": None,
    "geography": "UK",
    "unit": None,
    "role": None,
    "reporter": "",
    "project": "",
    "contract": "",
    "correction": False,
    "status": "delivered",
}


class Code(enum.IntEnum):
    """Why the engine set a row aside (0: it did not)."""

    OK = 0
    MISSING = 1
    NOT_A_NUMBER = 2
    TOO_LONG = 3
    FLOAT = 4
    FLOAT_PLACES = 5
    NEGATIVE = 6
    FLOAT_TOO_LARGE = 7
    NOT_FINITE = 8
    TOO_LARGE = 9
    TOO_MANY_PLACES = 10


class QuantityKind(enum.Enum):
    """How a quantity column is summed exactly."""

    DECIMAL = "decimal"  # the engine's own decimal sum
    TEXT = "text"  # decimal text → scaled integer halves, by number of places
    INTEGER = "integer"  # integers → halves
    FLOAT = "float"  # floats at a stated number of places → scaled integer halves


#: The message for each reason code; ``{shown}`` is the value as repr shows it (``{value}``
#: as str shows it), ``{places}`` the ``float_places`` given.
_REASONS: dict[int, str] = {
    Code.MISSING: "a value is required",
    Code.NOT_A_NUMBER: "{shown} is not a plain decimal number (such as 1250 or 12.5)",
    Code.TOO_LONG: (
        f"{{shown}} has more than {MAX_TEXT_DIGITS} digits; the columnar path sums at most "
        f"{MAX_TEXT_DIGITS} exactly"
    ),
    Code.FLOAT: (
        "got the float {shown}; floats are inexact, so give the column as decimals or text, or "
        "pass float_places=N to read each float as a number with N decimal places"
    ),
    Code.FLOAT_PLACES: (
        "the float {shown} has more than {places} decimal places (float_places={places}); it "
        "is not rounded silently"
    ),
    Code.NEGATIVE: "{value} is negative; only a delivery marked as a correction may be negative",
    Code.FLOAT_TOO_LARGE: "the float {shown} is too large to read exactly",
    Code.NOT_FINITE: "{shown} is not a finite number",
    Code.TOO_LARGE: (
        f"{{shown}} is too large (numbers must be less than 10^{MAX_INPUT_EXPONENT} in size)"
    ),
    Code.TOO_MANY_PLACES: f"{{shown}} has more than {MAX_INPUT_PLACES} decimal places",
}


def reason(code: int, value: object, *, float_places: int | None) -> str:
    """The message for a row the engine set aside."""
    # A non-null NaN (polars, pyarrow) reads back as a missing cell, but it is a float.
    shown = "nan" if value is None and code in {Code.FLOAT, Code.NOT_FINITE} else repr(value)
    if code == Code.NOT_A_NUMBER and isinstance(value, float):
        return f"got the float {shown}; floats are inexact, so give the column as decimals or text"
    template = _REASONS.get(int(code))
    if template is None:  # pragma: no cover - every code has a message
        raise ValueError(f"unknown reason code {code}")
    return template.format(shown=shown, value=value, places=float_places)


@attrs.frozen
class GroupSum:
    """One group's exact sums, back from the engine."""

    key: tuple[object, ...]  # raw values of the key columns, in Kernel.keys order
    quantity: Decimal
    count: int
    first: int


def missing(value: object) -> object:
    """``None`` for a missing value as engines write it (pandas writes a float NaN)."""
    if isinstance(value, float) and value != value:  # noqa: PLR0124 - NaN is not itself
        return None
    return value


_OBJECT_TEXT = "__sv_object_text"
#: Marks a float in an object column: not a plain decimal, so its row is rejected.
_FLOAT_MARK = "float"


def _object_text(value: object) -> str | None:
    """An object column's value as text (``Decimal`` and ``int`` exactly; floats marked)."""
    if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124 - NaN
        return None
    if isinstance(value, float):
        return _FLOAT_MARK
    if isinstance(value, Decimal):
        return f"{value:f}" if value.is_finite() else str(value)
    return str(value)


def _native_decimal(value: object) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return Decimal(str(value))


def _names(columns: Mapping[str, str] | None, native: tuple[str, ...]) -> dict[str, str]:
    """Delivery field → the frame's column for it; the required ones must be there."""
    names = {field: field for field in (*REQUIRED_FIELDS, *OPTIONAL_FIELDS)}
    for field, name in (columns or {}).items():
        if field not in names:
            raise ValueError(
                f"columns: {field!r} is not a delivery field; expected some of {', '.join(names)}"
            )
        names[field] = name
    missing = [f"{names[field]!r}" for field in REQUIRED_FIELDS if names[field] not in native]
    if missing:
        raise ValueError(
            f"the frame has no {', '.join(missing)} column; its columns are {', '.join(native)}"
        )
    return names


class Kernel:
    """One frame, prepared for the engine: its columns matched and its quantities read.

    Args:
        frame: A native frame (pandas, polars, pyarrow, DuckDB, Dask, PySpark …).
        columns: Delivery field → column name, for columns named otherwise.
        keys: The fields to group by, in order.
        float_places: Read float quantities as numbers with this many decimal places.
        index: A column holding each row's number (for lazy frames, which have no row order).
    """

    def __init__(
        self,
        frame: object,
        *,
        columns: Mapping[str, str] | None,
        keys: Sequence[str],
        float_places: int | None,
        index: str | None,
    ) -> None:
        nw = require("narwhals", "frames")
        self.nw = nw
        if float_places is not None and (
            isinstance(float_places, bool)
            or not isinstance(float_places, int)
            or not 0 <= float_places <= 9
        ):
            raise ValueError(f"float_places: expected a whole number 0 to 9, got {float_places!r}")
        self.float_places = float_places
        self.integer_dtype: Any = None
        try:
            data = nw.from_native(frame)
        except TypeError:
            raise TypeError(
                f"expected a DataFrame (pandas, polars, pyarrow, DuckDB, Dask, PySpark …), "
                f"got {type(frame).__name__}"
            ) from None
        self.lazy = isinstance(data, nw.LazyFrame)
        self.native_columns: tuple[str, ...] = tuple(data.collect_schema().names())
        names = _names(columns, self.native_columns)
        if index is not None and index not in self.native_columns:
            raise ValueError(f"index: the frame has no column {index!r}")
        self.names = names
        self.keys = tuple(keys)
        self.has_rows = index is not None or not self.lazy
        schema = data.collect_schema()
        self.quantity_column = names["quantity"]
        if schema[names["quantity"]] == nw.Object and data.implementation.is_pandas_like():
            data = self._object_quantities(data)
            schema = data.collect_schema()
        self.kind = self._kind(schema[self.quantity_column])
        if index is not None:
            data = data.with_columns(nw.col(index).cast(nw.Int64).alias(_ROW))
        elif not self.lazy:
            data = data.with_row_index(_ROW)
        else:
            data = data.with_columns(nw.lit(-1, dtype=nw.Int64).alias(_ROW))
        if not self.lazy and data.implementation.is_polars():
            # polars plans the checks and sums of a lazy query as one pass (the frame's row
            # order, and so its row numbers, are already fixed above)
            data = data.lazy()
        self.data = self._prepare(data, schema)
        #: Rows in the frame, and those whose quantity was set aside (after :meth:`group_sums`).
        self.total = 0
        self.set_aside = 0

    def _object_quantities(self, data: Any) -> Any:  # noqa: ANN401 - narwhals frames
        """Read an object column (pandas keeps ``Decimal`` values in one) as its text."""
        native = data.to_native()
        text = native[self.quantity_column].map(_object_text).astype("string")
        self.quantity_column = _OBJECT_TEXT
        return self.nw.from_native(native.assign(**{_OBJECT_TEXT: text}))

    def _kind(self, dtype: Any) -> QuantityKind:  # noqa: ANN401 - a narwhals dtype
        nw = self.nw
        if dtype == nw.Decimal:
            scale = getattr(dtype, "scale", None)
            return (
                QuantityKind.DECIMAL
                if scale is not None and scale <= _MAX_DECIMAL_SCALE
                else QuantityKind.TEXT
            )
        if dtype in (nw.String, nw.Unknown):  # Unknown: polars' Null (no values)
            return QuantityKind.TEXT
        if dtype.is_integer():
            self.integer_dtype = dtype
            return QuantityKind.INTEGER
        if dtype.is_float():
            return QuantityKind.FLOAT
        raise TypeError(
            f"quantity: a column of {dtype} cannot be read exactly; give it as decimals "
            "(an Arrow or polars decimal type), integers or decimal text"
        )

    def _column(self, field: str, schema: Any) -> Any:  # noqa: ANN401 - narwhals expressions
        nw = self.nw
        name = self.names[field]
        if name in schema:
            return nw.col(name)
        if field == "geography":
            return nw.lit("UK", dtype=nw.String)
        if field == "correction":
            return nw.lit(value=False, dtype=nw.Boolean)
        if field in ("unit", "role"):
            return nw.lit(None, dtype=nw.String)
        if field == "status":
            return nw.lit("delivered", dtype=nw.String)
        return nw.lit("", dtype=nw.String)

    def _prepare(self, data: Any, schema: Any) -> Any:  # noqa: ANN401 - narwhals frames
        nw = self.nw
        correction = self._column("correction", schema)
        kind = schema.get(self.names["correction"])
        if kind == nw.Unknown:  # polars' Null: a column with no values
            correction = correction.cast(nw.Boolean)
        elif kind is not None and kind != nw.Boolean:
            raise TypeError(f"correction: expected a column of booleans, got {kind}")
        # Only the key columns the frame has are grouped on; the others are constants (the
        # Delivery defaults), filled in when the sums come back.
        self.grouped = tuple(field for field in self.keys if self.names[field] in schema)
        keys = {f"__sv_key_{field}": self._column(field, schema) for field in self.keys}
        quantity = nw.col(self.quantity_column)
        data = data.with_columns(**keys, __sv_correction=correction.fill_null(value=False))
        not_correction = ~nw.col("__sv_correction")
        if self.kind is QuantityKind.DECIMAL:
            return data.with_columns(
                nw.when(quantity.is_null())
                .then(nw.lit(Code.MISSING.value))
                .when((quantity >= _TOO_LARGE) | (quantity <= -_TOO_LARGE))
                .then(nw.lit(Code.TOO_LARGE.value))
                .when((quantity < 0) & not_correction)
                .then(nw.lit(Code.NEGATIVE.value))
                .otherwise(nw.lit(Code.OK.value))
                .alias(_PROBLEM),
                quantity.alias(_QUANTITY),
            )
        if self.kind is QuantityKind.TEXT:
            return self._text(data, quantity.cast(nw.String), not_correction)
        return self._scaled(data, quantity, not_correction)

    def _text(self, data: Any, text: Any, not_correction: Any) -> Any:  # noqa: ANN401
        """Read decimal text to scaled integer halves, within the declared input boundaries.

        ``[sign] digits [. digits]`` in ASCII digits, spaces around it ignored, at most
        :data:`~socialvalue._limits.MAX_NUMBER_CHARS` characters: the returns reader's grammar
        without a locale's grouping (so no exponent, no Unicode digits, no ``1_000``). A number
        is checked as :class:`~socialvalue.Delivery` checks its quantity: less than 10^15 in
        size and at most 20 decimal places.
        """
        nw = self.nw
        clean = text.str.strip_chars()
        data = data.with_columns(
            (
                clean.str.contains(_PLAIN_DECIMAL).fill_null(value=False)
                & (clean.str.len_chars() <= MAX_NUMBER_CHARS).fill_null(value=False)
            ).alias("__sv_ok"),
            clean.str.starts_with("-").fill_null(value=False).alias("__sv_neg"),
            # the significant digits: no sign, no point, no leading zeros
            clean.str.replace_all(r"[+.-]", "", literal=False)
            .str.strip_chars_start("0")
            .alias("__sv_significant"),
            nw.when(clean.str.contains(".", literal=True))
            .then(clean.str.len_chars() - clean.str.strip_chars_end("0123456789").str.len_chars())
            .otherwise(nw.lit(0))
            .cast(nw.Int64)
            .alias(_PLACES),
        )
        ok = nw.col("__sv_ok")
        places = nw.col(_PLACES)
        data = data.with_columns(
            nw.col("__sv_significant").str.len_chars().cast(nw.Int64).alias("__sv_digits")
        )
        digits = nw.col("__sv_digits")
        too_large = (digits > 0) & (digits - 1 - places >= MAX_INPUT_EXPONENT)
        too_many_places = places > MAX_INPUT_PLACES
        too_long = digits > MAX_TEXT_DIGITS
        data = data.with_columns(
            (ok & ~too_large & ~too_many_places & ~too_long).alias("__sv_usable"),
            too_large.alias("__sv_too_large"),
            too_many_places.alias("__sv_too_many_places"),
            too_long.alias("__sv_too_long"),
        )
        data = data.with_columns(
            nw.when(nw.col("__sv_usable") & (nw.col("__sv_significant") != ""))
            .then(nw.col("__sv_significant"))
            .otherwise(nw.lit("0"))
            .cast(nw.Int64)
            .alias("__sv_magnitude")
        )
        magnitude = nw.col("__sv_magnitude")
        neg = nw.col("__sv_neg")
        high = magnitude // _HALF
        low = magnitude - high * _HALF
        data = data.with_columns(
            nw.when(neg).then(-high).otherwise(high).alias(_HIGH),
            nw.when(neg).then(-low).otherwise(low).alias(_LOW),
        )
        return data.with_columns(
            nw.when(text.is_null())
            .then(nw.lit(Code.MISSING.value))
            .when(~ok)
            .then(nw.lit(Code.NOT_A_NUMBER.value))
            .when(nw.col("__sv_too_large"))
            .then(nw.lit(Code.TOO_LARGE.value))
            .when(nw.col("__sv_too_many_places"))
            .then(nw.lit(Code.TOO_MANY_PLACES.value))
            .when(nw.col("__sv_too_long"))
            .then(nw.lit(Code.TOO_LONG.value))
            .when(neg & (magnitude != 0) & not_correction)
            .then(nw.lit(Code.NEGATIVE.value))
            .otherwise(nw.lit(Code.OK.value))
            .alias(_PROBLEM)
        )

    def _scaled(self, data: Any, quantity: Any, not_correction: Any) -> Any:  # noqa: ANN401
        nw = self.nw
        places = 0 if self.kind is QuantityKind.INTEGER else self.float_places
        problem = nw.when(quantity.is_null()).then(nw.lit(Code.MISSING.value))
        if self.kind is QuantityKind.FLOAT:
            if places is None:
                return data.with_columns(
                    problem.otherwise(nw.lit(Code.FLOAT.value)).alias(_PROBLEM),
                    nw.lit(0, dtype=nw.Int64).alias(_HIGH),
                    nw.lit(0, dtype=nw.Int64).alias(_LOW),
                    nw.lit(0, dtype=nw.Int64).alias(_PLACES),
                )
            scaled = quantity * (10**places)
            data = data.with_columns(
                scaled.alias("__sv_scaled"),
                quantity.is_finite().fill_null(value=False).alias("__sv_finite"),
            )
            scaled = nw.col("__sv_scaled")
            finite = nw.col("__sv_finite")
            too_large = finite & (quantity.abs() >= float(_TOO_LARGE))
            usable = finite & (scaled.abs() < _MAX_SCALED_FLOAT)
            whole = nw.when(usable).then(scaled).otherwise(nw.lit(0.0)).round(0)
            tolerance = 1e-6 + whole.abs() * 1e-15
            problem = (
                problem.when(~finite)
                .then(nw.lit(Code.NOT_FINITE.value))
                .when(too_large)
                .then(nw.lit(Code.TOO_LARGE.value))
                .when(scaled.abs() >= _MAX_SCALED_FLOAT)
                .then(nw.lit(Code.FLOAT_TOO_LARGE.value))
                .when((scaled - whole).abs() > tolerance)
                .then(nw.lit(Code.FLOAT_PLACES.value))
            )
            magnitude = whole.abs().cast(nw.Int64)
        else:
            # compared in the column's own type before any cast, so an unsigned or extreme
            # integer cannot overflow; those rows are read as 0 and set aside
            too_large = self._too_large_integer(quantity)
            problem = problem.when(too_large).then(nw.lit(Code.TOO_LARGE.value))
            data = data.with_columns(
                nw.when(too_large.fill_null(value=False))
                .then(nw.lit(0, dtype=self.integer_dtype))
                .otherwise(quantity)
                .cast(nw.Int64)
                .alias("__sv_integer")
            )
            quantity = nw.col("__sv_integer")
            magnitude = quantity.abs()
        data = data.with_columns(magnitude.fill_null(0).alias("__sv_magnitude"))
        magnitude = nw.col("__sv_magnitude")
        high = magnitude // _HALF
        low = magnitude - (magnitude // _HALF) * _HALF
        neg = (quantity < 0).fill_null(value=False)
        return data.with_columns(
            nw.when(neg).then(-high).otherwise(high).alias(_HIGH),
            nw.when(neg).then(-low).otherwise(low).alias(_LOW),
            nw.lit(places, dtype=nw.Int64).alias(_PLACES),
            problem.when(neg & (magnitude != 0) & not_correction)
            .then(nw.lit(Code.NEGATIVE.value))
            .otherwise(nw.lit(Code.OK.value))
            .alias(_PROBLEM),
        )

    def _too_large_integer(self, quantity: Any) -> Any:  # noqa: ANN401 - narwhals expressions
        """Whether an integer is outside the input boundary, compared in its own type."""
        nw = self.nw
        dtype = self.integer_dtype
        if dtype not in (nw.Int64, nw.UInt64, nw.Int128, nw.UInt128):
            return nw.lit(value=False)  # 32 bits or fewer cannot reach 10^15
        too_large = quantity >= nw.lit(_TOO_LARGE, dtype=dtype)
        if dtype.is_signed_integer():
            too_large = too_large | (quantity <= nw.lit(-_TOO_LARGE, dtype=dtype))
        return too_large

    # --- results ---------------------------------------------------------------------------

    def _collect(self, data: Any) -> Any:  # noqa: ANN401 - narwhals frames
        return data.collect() if isinstance(data, self.nw.LazyFrame) else data

    def group_sums(self) -> list[GroupSum]:
        """Sum the quantities of the rows with a good quantity, per raw key (exact).

        One pass: rows are grouped by their reason code too, so rows set aside are only
        counted (:attr:`set_aside`); :meth:`bad_rows` fetches them if there are any.
        """
        nw = self.nw
        keys = [f"__sv_key_{field}" for field in self.grouped]
        count = nw.len().alias(_COUNT)
        first = nw.col(_ROW).min().alias(_FIRST)
        if self.kind is QuantityKind.DECIMAL:
            summed = self.data.group_by(*keys, _PROBLEM).agg(nw.col(_QUANTITY).sum(), count, first)
        else:
            summed = self.data.group_by(*keys, _PLACES, _PROBLEM).agg(
                nw.col(_HIGH).sum(), nw.col(_LOW).sum(), count, first
            )
        rows = self._collect(summed).rows(named=True)
        self.total = sum(int(row[_COUNT]) for row in rows)
        self.set_aside = sum(int(row[_COUNT]) for row in rows if row[_PROBLEM] != Code.OK)
        rows = [row for row in rows if row[_PROBLEM] == Code.OK]
        found: dict[tuple[object, ...], list[Any]] = {}
        with calculation_context():
            for row in rows:
                key = self._key(row)
                if self.kind is QuantityKind.DECIMAL:
                    quantity = (
                        Decimal(0) if row[_QUANTITY] is None else _native_decimal(row[_QUANTITY])
                    )
                else:
                    quantity = Decimal(int(row[_HIGH]) * _HALF + int(row[_LOW])).scaleb(
                        -int(row[_PLACES])
                    )
                known = found.get(key)
                if known is None:
                    found[key] = [quantity, int(row[_COUNT]), int(row[_FIRST])]
                else:
                    known[0] += quantity
                    known[1] += int(row[_COUNT])
                    known[2] = min(known[2], int(row[_FIRST]))
        return [GroupSum(key, q, n, f) for key, (q, n, f) in found.items()]

    def _key(self, row: Mapping[str, object]) -> tuple[object, ...]:
        """A collected row's raw key, as :meth:`group_sums` gives it."""
        return tuple(
            missing(row[f"__sv_key_{field}"]) if field in self.grouped else _DEFAULTS[field]
            for field in self.keys
        )

    def rows_of(self, field: str) -> list[tuple[tuple[object, ...], object]]:
        """The rows with a good quantity and a value in ``field``: (raw key, value), in order.

        Rows whose ``field`` is null are left out; the rest come back in row order where the
        rows have numbers (for :func:`value_frame`'s evidence).
        """
        nw = self.nw
        name = self.names.get(field, field)
        if name not in self.native_columns:
            return []
        keys = [f"__sv_key_{key}" for key in self.grouped]
        good = (nw.col(_PROBLEM) == Code.OK.value) & ~nw.col(name).is_null()
        chosen = self.data.filter(good).select(_ROW, *keys, nw.col(name).alias(_VALUE))
        rows = self._collect(self._sorted(chosen)).rows(named=True)
        return [(self._key(row), row[_VALUE]) for row in rows]

    def bad_rows(self) -> list[tuple[int, dict[str, object], int]]:
        """The rows whose quantity was set aside: (row, original values, reason code)."""
        nw = self.nw
        bad = self.data.filter(nw.col(_PROBLEM) != Code.OK.value).select(
            _ROW, _PROBLEM, *self.native_columns
        )
        return self._rows(bad, code=True)

    def rows_with_keys(
        self, keys: Sequence[tuple[object, ...]]
    ) -> list[tuple[int, dict[str, object], int]]:
        """The rows with a good quantity whose key is one of ``keys``."""
        nw = self.nw
        if not keys:
            return []
        condition = None
        for key in keys:
            match = None
            for field, value in zip(self.keys, key, strict=True):
                column = nw.col(f"__sv_key_{field}")
                test = column.is_null() if value is None else column == value
                match = test if match is None else match & test
            condition = match if condition is None else condition | match
        chosen = self.data.filter((nw.col(_PROBLEM) == Code.OK.value) & condition).select(
            _ROW, _PROBLEM, *self.native_columns
        )
        return self._rows(chosen, code=True)

    def accepted_rows(self) -> list[tuple[int, dict[str, object], Decimal]]:
        """Every row with a good quantity: (row, original values, exact quantity)."""
        nw = self.nw
        extra = [_QUANTITY] if self.kind is QuantityKind.DECIMAL else [_HIGH, _LOW, _PLACES]
        good = self.data.filter(nw.col(_PROBLEM) == Code.OK.value).select(
            _ROW, *extra, *self.native_columns
        )
        rows = self._collect(self._sorted(good)).rows(named=True)
        result = []
        for row in rows:
            if self.kind is QuantityKind.DECIMAL:
                quantity = _native_decimal(row.pop(_QUANTITY))
            else:
                with calculation_context():
                    quantity = Decimal(int(row.pop(_HIGH)) * _HALF + int(row.pop(_LOW))).scaleb(
                        -int(row.pop(_PLACES))
                    )
            number = int(row.pop(_ROW))
            result.append((number, {k: missing(v) for k, v in row.items()}, quantity))
        return result

    def _sorted(self, data: Any) -> Any:  # noqa: ANN401 - narwhals frames
        return data.sort(_ROW) if self.has_rows else data

    def _rows(self, data: Any, *, code: bool) -> list[tuple[int, dict[str, object], int]]:  # noqa: ANN401
        rows = self._collect(self._sorted(data)).rows(named=True)
        result = []
        for row in rows:
            number = int(row.pop(_ROW))
            problem = int(row.pop(_PROBLEM)) if code else 0
            result.append((number, {k: missing(v) for k, v in row.items()}, problem))
        return result
