"""socialvalue: measure social value consistently, exactly and transparently.

The public API is re-exported here; see the documentation for a tour.

Names are imported on first use (PEP 562), so ``import socialvalue`` stays fast and a program
pays only for the parts it uses; ``from socialvalue import Money`` works as usual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from socialvalue.additionality import (
        Additionality as Additionality,
    )
    from socialvalue.additionality import (
        Adjustment as Adjustment,
    )
    from socialvalue.additionality import (
        ImpactChain as ImpactChain,
    )
    from socialvalue.additionality import (
        Level as Level,
    )
    from socialvalue.additionality import (
        additional_impact as additional_impact,
    )
    from socialvalue.additionality import (
        persistence_factors as persistence_factors,
    )
    from socialvalue.deliveries import (
        Delivery as Delivery,
    )
    from socialvalue.deliveries import (
        check_deliveries as check_deliveries,
    )
    from socialvalue.discounting import (
        DiscountSchedule as DiscountSchedule,
    )
    from socialvalue.discounting import (
        DiscountSchedules as DiscountSchedules,
    )
    from socialvalue.discounting import (
        RateBand as RateBand,
    )
    from socialvalue.discounting import (
        YearConvention as YearConvention,
    )
    from socialvalue.discounting import (
        discount_values as discount_values,
    )
    from socialvalue.discounting import (
        present_value as present_value,
    )
    from socialvalue.exceptions import (
        CalculationError as CalculationError,
    )
    from socialvalue.exceptions import (
        CurrencyMismatchError as CurrencyMismatchError,
    )
    from socialvalue.exceptions import (
        DataFileError as DataFileError,
    )
    from socialvalue.exceptions import (
        FloatNotAllowedError as FloatNotAllowedError,
    )
    from socialvalue.exceptions import (
        PeriodParseError as PeriodParseError,
    )
    from socialvalue.exceptions import (
        Problem as Problem,
    )
    from socialvalue.exceptions import (
        SocialValueError as SocialValueError,
    )
    from socialvalue.exceptions import (
        UnknownCodeError as UnknownCodeError,
    )
    from socialvalue.exceptions import (
        ValidationError as ValidationError,
    )
    from socialvalue.framework import (
        Crosswalk as Crosswalk,
    )
    from socialvalue.framework import (
        Dimension as Dimension,
    )
    from socialvalue.framework import (
        DimensionValue as DimensionValue,
    )
    from socialvalue.framework import (
        Framework as Framework,
    )
    from socialvalue.framework import (
        Measure as Measure,
    )
    from socialvalue.framework import (
        Outcome as Outcome,
    )
    from socialvalue.framework import (
        Theme as Theme,
    )
    from socialvalue.framework import (
        ValuationKind as ValuationKind,
    )
    from socialvalue.framework import (
        ValueType as ValueType,
    )
    from socialvalue.indicators import (
        benefit_cost_ratio as benefit_cost_ratio,
    )
    from socialvalue.indicators import (
        local_multiplier_3 as local_multiplier_3,
    )
    from socialvalue.indicators import (
        net_sroi_ratio as net_sroi_ratio,
    )
    from socialvalue.indicators import (
        npsv as npsv,
    )
    from socialvalue.indicators import (
        payback_period_months as payback_period_months,
    )
    from socialvalue.indicators import (
        sroi_ratio as sroi_ratio,
    )
    from socialvalue.io import (
        dumps as dumps,
    )
    from socialvalue.io import (
        load as load,
    )
    from socialvalue.io import (
        load_framework as load_framework,
    )
    from socialvalue.io import (
        load_methodology as load_methodology,
    )
    from socialvalue.io import (
        load_price_index as load_price_index,
    )
    from socialvalue.io import (
        load_registry as load_registry,
    )
    from socialvalue.io import (
        loads as loads,
    )
    from socialvalue.io import (
        save as save,
    )
    from socialvalue.io import (
        save_framework as save_framework,
    )
    from socialvalue.io import (
        save_methodology as save_methodology,
    )
    from socialvalue.io import (
        save_registry as save_registry,
    )
    from socialvalue.methodology import (
        CalendarPrices as CalendarPrices,
    )
    from socialvalue.methodology import (
        MeasureAssumption as MeasureAssumption,
    )
    from socialvalue.methodology import (
        Methodology as Methodology,
    )
    from socialvalue.methodology import (
        MethodologyRef as MethodologyRef,
    )
    from socialvalue.methodology import (
        ProxyDate as ProxyDate,
    )
    from socialvalue.methodology import (
        RoundingPolicy as RoundingPolicy,
    )
    from socialvalue.money import (
        Money as Money,
    )
    from socialvalue.money import (
        RoundingMode as RoundingMode,
    )
    from socialvalue.money import (
        sum_money as sum_money,
    )
    from socialvalue.periods import (
        AcademicYear as AcademicYear,
    )
    from socialvalue.periods import (
        AnyPeriod as AnyPeriod,
    )
    from socialvalue.periods import (
        CalendarYear as CalendarYear,
    )
    from socialvalue.periods import (
        FinancialQuarter as FinancialQuarter,
    )
    from socialvalue.periods import (
        FinancialYear as FinancialYear,
    )
    from socialvalue.periods import (
        Period as Period,
    )
    from socialvalue.periods import (
        parse_period as parse_period,
    )
    from socialvalue.prices import (
        IndexBasis as IndexBasis,
    )
    from socialvalue.prices import (
        IndexPoint as IndexPoint,
    )
    from socialvalue.prices import (
        PriceIndex as PriceIndex,
    )
    from socialvalue.prices import (
        PriceYearError as PriceYearError,
    )
    from socialvalue.prices import (
        RebaseStep as RebaseStep,
    )
    from socialvalue.provenance import (
        Source as Source,
    )
    from socialvalue.provenance import (
        Verification as Verification,
    )
    from socialvalue.proxies import (
        DEFAULT_GEOGRAPHIES as DEFAULT_GEOGRAPHIES,
    )
    from socialvalue.proxies import (
        GeographyLink as GeographyLink,
    )
    from socialvalue.proxies import (
        LookupPolicy as LookupPolicy,
    )
    from socialvalue.proxies import (
        NoProxyValueError as NoProxyValueError,
    )
    from socialvalue.proxies import (
        ProxyLookup as ProxyLookup,
    )
    from socialvalue.proxies import (
        ProxyRegistry as ProxyRegistry,
    )
    from socialvalue.proxies import (
        ProxyValue as ProxyValue,
    )
    from socialvalue.proxies import (
        RegistryStack as RegistryStack,
    )
    from socialvalue.shipped import (
        SHIPPED_DISCOUNT_SCHEDULES as SHIPPED_DISCOUNT_SCHEDULES,
    )
    from socialvalue.shipped import (
        SHIPPED_FRAMEWORKS as SHIPPED_FRAMEWORKS,
    )
    from socialvalue.shipped import (
        SHIPPED_METHODOLOGIES as SHIPPED_METHODOLOGIES,
    )
    from socialvalue.shipped import (
        SHIPPED_PRICE_INDICES as SHIPPED_PRICE_INDICES,
    )
    from socialvalue.shipped import (
        SHIPPED_REGISTRIES as SHIPPED_REGISTRIES,
    )
    from socialvalue.shipped import (
        default_methodology as default_methodology,
    )
    from socialvalue.shipped import (
        shipped_discount_schedule as shipped_discount_schedule,
    )
    from socialvalue.shipped import (
        shipped_framework as shipped_framework,
    )
    from socialvalue.shipped import (
        shipped_price_index as shipped_price_index,
    )
    from socialvalue.shipped import (
        shipped_registry as shipped_registry,
    )
    from socialvalue.units import (
        STANDARD_UNITS as STANDARD_UNITS,
    )
    from socialvalue.units import (
        Unit as Unit,
    )
    from socialvalue.units import (
        UnitKind as UnitKind,
    )
    from socialvalue.units import (
        standard_unit as standard_unit,
    )
    from socialvalue.valuation import (
        UNIT_VALUE_PLACES as UNIT_VALUE_PLACES,
    )
    from socialvalue.valuation import (
        GroupValuation as GroupValuation,
    )
    from socialvalue.valuation import (
        Step as Step,
    )
    from socialvalue.valuation import (
        UnitValue as UnitValue,
    )
    from socialvalue.valuation import (
        Valuation as Valuation,
    )
    from socialvalue.valuation import (
        ValuationBatch as ValuationBatch,
    )
    from socialvalue.valuation import (
        ValuationError as ValuationError,
    )
    from socialvalue.valuation import (
        ValuationKey as ValuationKey,
    )
    from socialvalue.valuation import (
        unit_value as unit_value,
    )
    from socialvalue.valuation import (
        value as value,
    )
    from socialvalue.valuation import (
        value_many as value_many,
    )

#: Module → the public names it provides (the single list the lazy loader and __all__ use;
#: tests check it against the imports above).
_EXPORTS: dict[str, tuple[str, ...]] = {
    "socialvalue.additionality": (
        "Additionality",
        "Adjustment",
        "ImpactChain",
        "Level",
        "additional_impact",
        "persistence_factors",
    ),
    "socialvalue.deliveries": (
        "Delivery",
        "check_deliveries",
    ),
    "socialvalue.discounting": (
        "DiscountSchedule",
        "DiscountSchedules",
        "RateBand",
        "YearConvention",
        "discount_values",
        "present_value",
    ),
    "socialvalue.exceptions": (
        "CalculationError",
        "CurrencyMismatchError",
        "DataFileError",
        "FloatNotAllowedError",
        "PeriodParseError",
        "Problem",
        "SocialValueError",
        "UnknownCodeError",
        "ValidationError",
    ),
    "socialvalue.framework": (
        "Crosswalk",
        "Dimension",
        "DimensionValue",
        "Framework",
        "Measure",
        "Outcome",
        "Theme",
        "ValuationKind",
        "ValueType",
    ),
    "socialvalue.indicators": (
        "benefit_cost_ratio",
        "local_multiplier_3",
        "net_sroi_ratio",
        "npsv",
        "payback_period_months",
        "sroi_ratio",
    ),
    "socialvalue.io": (
        "dumps",
        "load",
        "load_framework",
        "load_methodology",
        "load_price_index",
        "load_registry",
        "loads",
        "save",
        "save_framework",
        "save_methodology",
        "save_registry",
    ),
    "socialvalue.methodology": (
        "CalendarPrices",
        "MeasureAssumption",
        "Methodology",
        "MethodologyRef",
        "ProxyDate",
        "RoundingPolicy",
    ),
    "socialvalue.money": (
        "Money",
        "RoundingMode",
        "sum_money",
    ),
    "socialvalue.periods": (
        "AcademicYear",
        "AnyPeriod",
        "CalendarYear",
        "FinancialQuarter",
        "FinancialYear",
        "Period",
        "parse_period",
    ),
    "socialvalue.prices": (
        "IndexBasis",
        "IndexPoint",
        "PriceIndex",
        "PriceYearError",
        "RebaseStep",
    ),
    "socialvalue.provenance": (
        "Source",
        "Verification",
    ),
    "socialvalue.proxies": (
        "DEFAULT_GEOGRAPHIES",
        "GeographyLink",
        "LookupPolicy",
        "NoProxyValueError",
        "ProxyLookup",
        "ProxyRegistry",
        "ProxyValue",
        "RegistryStack",
    ),
    "socialvalue.shipped": (
        "SHIPPED_DISCOUNT_SCHEDULES",
        "SHIPPED_FRAMEWORKS",
        "SHIPPED_METHODOLOGIES",
        "SHIPPED_PRICE_INDICES",
        "SHIPPED_REGISTRIES",
        "default_methodology",
        "shipped_discount_schedule",
        "shipped_framework",
        "shipped_price_index",
        "shipped_registry",
    ),
    "socialvalue.units": (
        "STANDARD_UNITS",
        "Unit",
        "UnitKind",
        "standard_unit",
    ),
    "socialvalue.valuation": (
        "UNIT_VALUE_PLACES",
        "GroupValuation",
        "Step",
        "UnitValue",
        "Valuation",
        "ValuationBatch",
        "ValuationError",
        "ValuationKey",
        "unit_value",
        "value",
        "value_many",
    ),
}

_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}

__all__ = sorted([*_MODULE_OF, "__version__"])  # noqa: PLE0605 - built from _EXPORTS


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any public object
    module = _MODULE_OF.get(name)
    if module is not None:
        found = getattr(importlib.import_module(module), name)
        globals()[name] = found
        return found
    if name == "__version__":
        # Read from the package metadata on first use: importlib.metadata is slow to import.
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("socialvalue")
        except PackageNotFoundError:  # pragma: no cover - a source tree, not installed
            return "0+unknown"
    raise AttributeError(f"module 'socialvalue' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
