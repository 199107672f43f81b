"""socialvalue: measure social value consistently, exactly and transparently.

The public API is re-exported here; see the documentation for a tour.
"""

from importlib.metadata import PackageNotFoundError, version

from socialvalue.additionality import (
    Additionality,
    Adjustment,
    ImpactChain,
    Level,
    additional_impact,
    persistence_factors,
)
from socialvalue.discounting import (
    DiscountSchedule,
    DiscountSchedules,
    RateBand,
    YearConvention,
    discount_values,
    present_value,
)
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
from socialvalue.indicators import (
    benefit_cost_ratio,
    local_multiplier_3,
    net_sroi_ratio,
    npsv,
    payback_period_months,
    sroi_ratio,
)
from socialvalue.io import (
    dumps,
    load,
    load_framework,
    load_price_index,
    load_registry,
    loads,
    save,
    save_framework,
    save_registry,
)
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
from socialvalue.prices import IndexBasis, IndexPoint, PriceIndex, PriceYearError, RebaseStep
from socialvalue.provenance import Source, Verification
from socialvalue.proxies import (
    DEFAULT_GEOGRAPHIES,
    GeographyLink,
    LookupPolicy,
    NoProxyValueError,
    ProxyLookup,
    ProxyRegistry,
    ProxyValue,
    RegistryStack,
)
from socialvalue.shipped import (
    SHIPPED_DISCOUNT_SCHEDULES,
    SHIPPED_FRAMEWORKS,
    SHIPPED_PRICE_INDICES,
    SHIPPED_REGISTRIES,
    shipped_discount_schedule,
    shipped_framework,
    shipped_price_index,
    shipped_registry,
)
from socialvalue.units import STANDARD_UNITS, Unit, UnitKind, standard_unit

try:
    __version__ = version("socialvalue")
except PackageNotFoundError:  # pragma: no cover - running from a source tree, not installed
    __version__ = "0+unknown"

__all__ = [
    "DEFAULT_GEOGRAPHIES",
    "SHIPPED_DISCOUNT_SCHEDULES",
    "SHIPPED_FRAMEWORKS",
    "SHIPPED_PRICE_INDICES",
    "SHIPPED_REGISTRIES",
    "STANDARD_UNITS",
    "AcademicYear",
    "Additionality",
    "Adjustment",
    "AnyPeriod",
    "CalculationError",
    "CalendarYear",
    "Crosswalk",
    "CurrencyMismatchError",
    "DataFileError",
    "Dimension",
    "DimensionValue",
    "DiscountSchedule",
    "DiscountSchedules",
    "FinancialQuarter",
    "FinancialYear",
    "FloatNotAllowedError",
    "Framework",
    "GeographyLink",
    "ImpactChain",
    "IndexBasis",
    "IndexPoint",
    "Level",
    "LookupPolicy",
    "Measure",
    "Money",
    "NoProxyValueError",
    "Outcome",
    "Period",
    "PeriodParseError",
    "PriceIndex",
    "PriceYearError",
    "Problem",
    "ProxyLookup",
    "ProxyRegistry",
    "ProxyValue",
    "RateBand",
    "RebaseStep",
    "RegistryStack",
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
    "YearConvention",
    "__version__",
    "additional_impact",
    "benefit_cost_ratio",
    "discount_values",
    "dumps",
    "load",
    "load_framework",
    "load_price_index",
    "load_registry",
    "loads",
    "local_multiplier_3",
    "net_sroi_ratio",
    "npsv",
    "parse_period",
    "payback_period_months",
    "persistence_factors",
    "present_value",
    "save",
    "save_framework",
    "save_registry",
    "shipped_discount_schedule",
    "shipped_framework",
    "shipped_price_index",
    "shipped_registry",
    "sroi_ratio",
    "standard_unit",
    "sum_money",
]
