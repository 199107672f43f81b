"""socialvalue: measure social value consistently, exactly and transparently.

The public API is re-exported here; see the documentation for a tour.
"""

from importlib.metadata import PackageNotFoundError, version

from socialvalue.exceptions import (
    CalculationError,
    CurrencyMismatchError,
    DataFileError,
    FloatNotAllowedError,
    PeriodParseError,
    Problem,
    SocialValueError,
    UnknownCodeError,
    ValidationError,
)
from socialvalue.framework import (
    Crosswalk,
    Dimension,
    DimensionValue,
    Framework,
    Measure,
    Outcome,
    Theme,
    ValuationKind,
    ValueType,
)
from socialvalue.io import dumps, load, load_framework, loads, save, save_framework
from socialvalue.money import Money, RoundingMode, sum_money
from socialvalue.periods import (
    AcademicYear,
    AnyPeriod,
    CalendarYear,
    FinancialQuarter,
    FinancialYear,
    Period,
    parse_period,
)
from socialvalue.provenance import Source, Verification
from socialvalue.shipped import SHIPPED_FRAMEWORKS, shipped_framework
from socialvalue.units import STANDARD_UNITS, Unit, UnitKind, standard_unit

try:
    __version__ = version("socialvalue")
except PackageNotFoundError:  # pragma: no cover - running from a source tree, not installed
    __version__ = "0+unknown"

__all__ = [
    "SHIPPED_FRAMEWORKS",
    "STANDARD_UNITS",
    "AcademicYear",
    "AnyPeriod",
    "CalculationError",
    "CalendarYear",
    "Crosswalk",
    "CurrencyMismatchError",
    "DataFileError",
    "Dimension",
    "DimensionValue",
    "FinancialQuarter",
    "FinancialYear",
    "FloatNotAllowedError",
    "Framework",
    "Measure",
    "Money",
    "Outcome",
    "Period",
    "PeriodParseError",
    "Problem",
    "RoundingMode",
    "SocialValueError",
    "Source",
    "Theme",
    "Unit",
    "UnitKind",
    "UnknownCodeError",
    "ValidationError",
    "ValuationKind",
    "ValueType",
    "Verification",
    "__version__",
    "dumps",
    "load",
    "load_framework",
    "loads",
    "parse_period",
    "save",
    "save_framework",
    "shipped_framework",
    "standard_unit",
    "sum_money",
]
