"""The one cattrs converter every file format goes through.

Built by :func:`make_converter` (never cattrs' global converter). It is strict on purpose:

* ``Decimal`` from strings, integers or exact decimals — never floats — and back to strings;
* dates from ISO strings (or TOML dates) and back to ISO strings;
* periods from their labels (``2022/23 Q3``) and back;
* enums from their values, with the allowed values in the error;
* money from a table (``{ amount = "1000", currency = "GBP" }``) or, in pounds, from its
  amount alone (``"1000"``), as :class:`~socialvalue.Money` itself takes it;
* strings, integers and booleans are not coerced (``5`` is not the code ``"5"``);
* unknown keys are errors (``forbid_extra_keys``), and defaults are left out when writing.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import UnionType
from typing import Any, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.errors import AttributeValidationNote, ClassValidationError
from cattrs.gen import make_dict_structure_fn

from socialvalue._decimal import to_decimal
from socialvalue._fields import PERIOD_TYPES
from socialvalue._limits import check_day
from socialvalue.money import Money, RoundingMode
from socialvalue.periods import (
    AnyPeriod,
    parse_period,
)

__all__ = ["converter", "make_converter"]


def _structure_decimal(value: object, _type: type) -> Decimal:
    return to_decimal(value, what=None)


def _structure_str(value: object, _type: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, got {_describe(value)}")
    return value


def _structure_int(value: object, _type: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a whole number, got {_describe(value)}")
    return value


def _structure_bool(value: object, _type: type) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {_describe(value)}")
    return value


def _structure_date(value: object, _type: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise TypeError(f"expected a date, got the date-time {value.isoformat()}")
    if isinstance(value, dt.date):
        return check_day(value)
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD)") from None
        return check_day(day)
    raise TypeError(f"expected an ISO date (YYYY-MM-DD), got {_describe(value)}")


#: An ISO date in ASCII digits (``date.fromisoformat`` alone also reads other forms).
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _structure_any_period(value: object, _type: object) -> AnyPeriod:
    if not isinstance(value, str):
        raise TypeError(f"expected a period label such as '2022/23', got {_describe(value)}")
    return parse_period(value)


def _period_hook(cls: type) -> Any:
    def structure(value: object, _type: type) -> object:
        period = _structure_any_period(value, _type)
        if not isinstance(period, cls):
            # The text is a valid period, just not the kind expected: a value error.
            raise ValueError(  # noqa: TRY004
                f"{value!r} is a {type(period).__name__}, expected a {cls.__name__}"
            )
        return period

    return structure


def _is_period_union(type_: object) -> bool:
    args = get_args(type_)
    return (
        get_origin(type_) in (Union, UnionType)
        and bool(args)
        and all(arg in PERIOD_TYPES for arg in args)
    )


def _period_union_hook(union: object) -> Any:
    kinds = get_args(union)
    names = " or ".join(kind.__name__ for kind in kinds)

    def structure(value: object, _type: object) -> object:
        period = _structure_any_period(value, _type)
        if not isinstance(period, kinds):
            raise ValueError(  # noqa: TRY004 - valid text, wrong kind of period
                f"{value!r} is a {type(period).__name__}, expected a {names}"
            )
        return period

    return structure


def _enum_hook(cls: type[enum.Enum]) -> Any:
    allowed = ", ".join(repr(member.value) for member in cls)

    def structure(value: object, _type: type) -> enum.Enum:
        try:
            return cls(value)
        except ValueError:
            raise ValueError(f"{value!r} is not one of {allowed}") from None

    return structure


def _sequence_hook(conv: cattrs.Converter) -> Any:
    """Homogeneous tuples from lists only: a lone string is not a list of its characters."""

    def factory(tuple_type: Any) -> Any:
        inner = homogenous_tuple_structure_factory(tuple_type, conv)

        def structure(value: object, _type: type) -> object:
            if not isinstance(value, (list, tuple)):
                raise TypeError(f"expected a list, got {_describe(value)}")
            return inner(value, _type)

        return structure

    return factory


def _attrs_hook(conv: cattrs.Converter) -> Any:
    """Structure attrs classes so that one file reports every problem at once.

    cattrs reports every field that fails to structure, but an element's own validators (a blank
    title, a malformed code) only run once all its fields structured. This hook also runs the
    validators of the text fields that did structure, so their problems are reported together.
    """

    def factory(cls: type) -> Any:
        base: Any = make_dict_structure_fn(cls, conv)
        text_fields = [
            field
            for field in attrs.fields(cls)
            if field.init and field.validator is not None and field.type in (str, "str")
        ]

        def structure(value: object, type_: type) -> object:
            if isinstance(value, cls):
                return value  # already built (e.g. a component a bundle referenced)
            try:
                return base(value, type_)
            except ClassValidationError as error:
                if not isinstance(value, Mapping):
                    raise
                failed = {note.name for _, note in error.group_exceptions()[0]}
                extra: list[Exception] = []
                for field in text_fields:
                    raw = value.get(field.alias)
                    if field.name in failed or not isinstance(raw, str):
                        continue
                    try:
                        field.validator(None, field, raw)
                    except (ValueError, TypeError) as problem:
                        problem.__notes__ = [
                            AttributeValidationNote(
                                f"Structuring class {cls.__qualname__} @ attribute {field.name}",
                                field.name,
                                field.type,
                            )
                        ]
                        extra.append(problem)
                if not extra:
                    raise
                raise ClassValidationError(
                    error.message, [*error.exceptions, *extra], cls
                ) from None

        return structure

    return factory


def _is_homogeneous_tuple(type_: object) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _structure_rounding(value: object, _type: type) -> RoundingMode:
    names = ", ".join(repr(mode.name.lower()) for mode in RoundingMode)
    if isinstance(value, str):
        for mode in RoundingMode:
            if value.lower() in (mode.name.lower(), mode.value.lower()):
                return mode
    raise ValueError(f"{value!r} is not one of {names}")


def _describe(value: object) -> str:
    if isinstance(value, (dict, list)):
        return f"a {'table' if isinstance(value, dict) else 'list'}"
    return f"{type(value).__name__} {value!r}"


def _money_hook(conv: cattrs.Converter) -> Any:
    """Money from a table, or from an amount alone (in GBP), as ``Money("1000")`` takes it."""
    table: Any = make_dict_structure_fn(Money, conv)

    def structure(value: object, type_: type) -> Money:
        if isinstance(value, Money):
            return value
        if isinstance(value, Mapping):
            return table(value, type_)  # type: ignore[no-any-return]
        if isinstance(value, str | int | Decimal) and not isinstance(value, bool):
            return Money(value)
        raise TypeError(
            f'expected an amount such as "1000" (pounds) or a table such as '
            f'{{ amount = "1000", currency = "GBP" }}, got {_describe(value)}'
        )

    return structure


def make_converter() -> cattrs.Converter:
    """Build a new converter with socialvalue's hooks (each call returns a fresh one)."""
    conv = cattrs.Converter(
        forbid_extra_keys=True,
        omit_if_default=True,
        detailed_validation=True,
        unstruct_collection_overrides={Sequence: list, tuple: list},
    )
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    for cls in PERIOD_TYPES:
        conv.register_structure_hook(cls, _period_hook(cls))
        conv.register_unstructure_hook(cls, lambda period: period.label)
    conv.register_structure_hook_factory(_is_period_union, _period_union_hook)
    conv.register_unstructure_hook_factory(_is_period_union, lambda _t: lambda period: period.label)
    conv.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    conv.register_structure_hook(RoundingMode, _structure_rounding)
    conv.register_unstructure_hook(RoundingMode, lambda mode: mode.name.lower())
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _sequence_hook(conv))
    conv.register_structure_hook_factory(attrs.has, _attrs_hook(conv))
    conv.register_structure_hook(Money, _money_hook(conv))
    conv.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum),
        lambda _t: lambda member: member.value,
    )
    return conv


@functools.cache
def converter() -> cattrs.Converter:
    """The shared converter (built once; converters are safe to share once configured)."""
    return make_converter()
