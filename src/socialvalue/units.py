"""Units that quantities are counted in.

A quantity in the wrong unit is an error, never silently converted: there is deliberately no
conversion between units (an hour of volunteering is not 1/1,650 of an FTE-year by any rule a
framework agrees on).
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from socialvalue._fields import CURRENCY, identifier, not_blank as _not_blank
from socialvalue._methods import model_eq, model_hash, model_repr
from socialvalue.exceptions import UnknownCodeError

__all__ = ["STANDARD_UNITS", "Unit", "UnitKind", "standard_unit", "unit_code"]


class UnitKind(enum.Enum):
    """What kind of thing a unit measures."""

    EMPLOYMENT = "employment"
    TIME = "time"
    PEOPLE = "people"
    COUNT = "count"
    MONEY = "money"
    EMISSIONS = "emissions"
    RATIO = "ratio"
    OTHER = "other"


def _check_code(_instance: object, _attribute: object, value: str) -> None:
    if not identifier().match(value):
        raise ValueError(
            f"code: {value!r} is not a unit code (lower-case letters, digits and '_', "
            "starting with a letter, e.g. 'fte_year')"
        )


# Converters are Python functions, not the enum classes: attrs reads each converter's
# signature when it creates a class, which for a class costs a hundred times more.
def _unit_kind(value: object) -> UnitKind:
    return UnitKind(value)


@attrs.frozen
class Unit:
    """A unit of count.

    Args:
        code: Short identifier used in files, e.g. ``"hour"``.
        label: Human name, singular, e.g. ``"hour"`` or ``"FTE-year"``.
        kind: What it measures (:class:`UnitKind`).
        description: Optional counting guidance.
        currency: For money units, the ISO currency of the amounts.

    >>> standard_unit("fte_year").label
    'FTE-year'
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    code: str = attrs.field(validator=_check_code)
    label: str = attrs.field(validator=_not_blank)
    kind: UnitKind = attrs.field(converter=_unit_kind)
    description: str = ""
    currency: str | None = None

    def __attrs_post_init__(self) -> None:
        if (self.kind is UnitKind.MONEY) != (self.currency is not None):
            raise ValueError(
                f"unit {self.code!r}: a money unit needs a currency and only a money unit has one"
            )
        if self.currency is not None and not CURRENCY.match(self.currency):
            raise ValueError(f"currency: {self.currency!r} is not an ISO 4217 code such as 'GBP'")


_STANDARD = (
    Unit(
        "fte_year",
        "FTE-year",
        UnitKind.EMPLOYMENT,
        "One full-time-equivalent post held for one year; part-time posts count pro rata.",
    ),
    Unit("hour", "hour", UnitKind.TIME, "Hours of activity; a 2-hour session for 8 people is 16."),
    Unit("day", "day", UnitKind.TIME),
    Unit("week", "week", UnitKind.TIME),
    Unit("person", "person", UnitKind.PEOPLE, "Distinct people; count each person once."),
    Unit("count", "item", UnitKind.COUNT, "Things counted: sessions, devices, homes …"),
    Unit("gbp", "£", UnitKind.MONEY, "An amount in pounds sterling.", currency="GBP"),
    Unit("tco2e", "tonne CO2e", UnitKind.EMISSIONS, "Tonnes of carbon dioxide equivalent."),
    Unit("percent", "%", UnitKind.RATIO, "A percentage; recorded, never summed."),
)

#: The standard units every framework may use without defining them.
STANDARD_UNITS: Mapping[str, Unit] = MappingProxyType({unit.code: unit for unit in _STANDARD})


def standard_unit(code: str) -> Unit:
    """Return a standard unit by code; raise :class:`~socialvalue.UnknownCodeError` if none."""
    try:
        return STANDARD_UNITS[code]
    except KeyError:
        raise UnknownCodeError("unit", code, list(STANDARD_UNITS)) from None


_BY_NAME: Mapping[str, str] = MappingProxyType(
    {
        **{unit.label.casefold(): unit.code for unit in _STANDARD},
        **{unit.code.casefold(): unit.code for unit in _STANDARD},
    }
)


def unit_code(given: str) -> str:
    """A standard unit's code, given its code or its display name in any case; else ``given``.

    The one rule for what a file may write in a unit field: ``FTE-year`` and ``fte_year`` are
    the same unit. Text that names no standard unit is kept as written (a framework's own unit,
    or a mistake the framework check reports).

    >>> unit_code("FTE-year"), unit_code("fte_year"), unit_code("Tonne CO2e"), unit_code("sessions")
    ('fte_year', 'fte_year', 'tco2e', 'sessions')
    """
    if not isinstance(given, str):
        return given
    return _BY_NAME.get(given.strip().casefold(), given)
