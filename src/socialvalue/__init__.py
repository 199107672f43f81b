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
        Adjustment as Adjustment,
        ImpactChain as ImpactChain,
        Level as Level,
        additional_impact as additional_impact,
        persistence_factors as persistence_factors,
    )
    from socialvalue.batch import (
        DIMENSIONS as DIMENSIONS,
        GroupValuation as GroupValuation,
        UnvaluedGroup as UnvaluedGroup,
        ValuationBatch as ValuationBatch,
        value_many as value_many,
    )
    from socialvalue.commitments import (
        CONTRACTUAL as CONTRACTUAL,
        DAY_ONE as DAY_ONE,
        FUTURE_ASPIRATION as FUTURE_ASPIRATION,
        Commitment as Commitment,
        CommitmentSet as CommitmentSet,
        Milestone as Milestone,
        ProgressUpdate as ProgressUpdate,
        Status as Status,
        check_commitments as check_commitments,
    )
    from socialvalue.deliveries import (
        Delivery as Delivery,
        DeliverySet as DeliverySet,
        check_deliveries as check_deliveries,
    )
    from socialvalue.discounting import (
        DiscountSchedule as DiscountSchedule,
        DiscountSchedules as DiscountSchedules,
        RateBand as RateBand,
        YearConvention as YearConvention,
        discount_values as discount_values,
        present_value as present_value,
    )
    from socialvalue.exceptions import (
        CalculationError as CalculationError,
        CurrencyMismatchError as CurrencyMismatchError,
        DataFileError as DataFileError,
        FloatNotAllowedError as FloatNotAllowedError,
        MissingExtraError as MissingExtraError,
        PeriodParseError as PeriodParseError,
        Problem as Problem,
        SocialValueError as SocialValueError,
        UnknownCodeError as UnknownCodeError,
        ValidationError as ValidationError,
    )
    from socialvalue.framework import (
        Crosswalk as Crosswalk,
        Dimension as Dimension,
        DimensionValue as DimensionValue,
        Framework as Framework,
        Measure as Measure,
        Outcome as Outcome,
        Theme as Theme,
        ValuationKind as ValuationKind,
        ValueType as ValueType,
    )
    from socialvalue.indicators import (
        benefit_cost_ratio as benefit_cost_ratio,
        local_multiplier_3 as local_multiplier_3,
        net_sroi_ratio as net_sroi_ratio,
        npsv as npsv,
        payback_period_months as payback_period_months,
        sroi_ratio as sroi_ratio,
    )
    from socialvalue.io import (
        SHIPPED_COMMITMENTS as SHIPPED_COMMITMENTS,
        SHIPPED_DISCOUNT_SCHEDULES as SHIPPED_DISCOUNT_SCHEDULES,
        SHIPPED_EXAMPLES as SHIPPED_EXAMPLES,
        SHIPPED_FRAMEWORKS as SHIPPED_FRAMEWORKS,
        SHIPPED_METHODOLOGIES as SHIPPED_METHODOLOGIES,
        SHIPPED_PRICE_INDICES as SHIPPED_PRICE_INDICES,
        SHIPPED_REGISTRIES as SHIPPED_REGISTRIES,
        AcceptedRow as AcceptedRow,
        ImportLimits as ImportLimits,
        ImportResult as ImportResult,
        RejectedRow as RejectedRow,
        default_methodology as default_methodology,
        dumps as dumps,
        example_deliveries as example_deliveries,
        export_deliveries as export_deliveries,
        export_valuations as export_valuations,
        iter_returns as iter_returns,
        load as load,
        load_commitments as load_commitments,
        load_deliveries as load_deliveries,
        load_framework as load_framework,
        load_methodology as load_methodology,
        load_price_index as load_price_index,
        load_registry as load_registry,
        loads as loads,
        make_template as make_template,
        read_returns as read_returns,
        save as save,
        save_commitments as save_commitments,
        save_deliveries as save_deliveries,
        save_framework as save_framework,
        save_methodology as save_methodology,
        save_registry as save_registry,
        shipped_commitments as shipped_commitments,
        shipped_discount_schedule as shipped_discount_schedule,
        shipped_framework as shipped_framework,
        shipped_price_index as shipped_price_index,
        shipped_registry as shipped_registry,
        write_rejected as write_rejected,
    )
    from socialvalue.methodology import (
        CalendarPrices as CalendarPrices,
        MeasureAssumption as MeasureAssumption,
        Methodology as Methodology,
        MethodologyRef as MethodologyRef,
        ProxyDate as ProxyDate,
        RoundingPolicy as RoundingPolicy,
    )
    from socialvalue.money import (
        Money as Money,
        RoundingMode as RoundingMode,
        sum_money as sum_money,
    )
    from socialvalue.periods import (
        AcademicYear as AcademicYear,
        AnyPeriod as AnyPeriod,
        CalendarYear as CalendarYear,
        FinancialQuarter as FinancialQuarter,
        FinancialYear as FinancialYear,
        Period as Period,
        parse_period as parse_period,
    )
    from socialvalue.prices import (
        IndexBasis as IndexBasis,
        IndexPoint as IndexPoint,
        PriceIndex as PriceIndex,
        PriceYearError as PriceYearError,
        RebaseStep as RebaseStep,
    )
    from socialvalue.procurement import (
        LCRCA_POLICY as LCRCA_POLICY,
        OCDS_CROSSWALK as OCDS_CROSSWALK,
        AwardCriterion as AwardCriterion,
        Bid as Bid,
        BidScore as BidScore,
        CriterionScore as CriterionScore,
        Evaluation as Evaluation,
        EvaluationScheme as EvaluationScheme,
        LineValue as LineValue,
        OfferBasis as OfferBasis,
        OfferLine as OfferLine,
        PriceMethod as PriceMethod,
        QualitativeResponse as QualitativeResponse,
        RejectedBid as RejectedBid,
        ScopeDecision as ScopeDecision,
        ScoreBand as ScoreBand,
        SocialValueMethod as SocialValueMethod,
        SocialValuePolicy as SocialValuePolicy,
        Tender as Tender,
        Tie as Tie,
        WeightSensitivity as WeightSensitivity,
        WinnerChange as WinnerChange,
        award as award,
        evaluate as evaluate,
        in_scope as in_scope,
        ocds_sustainability as ocds_sustainability,
    )
    from socialvalue.provenance import (
        Source as Source,
        Verification as Verification,
    )
    from socialvalue.proxies import (
        DEFAULT_GEOGRAPHIES as DEFAULT_GEOGRAPHIES,
        GeographyLink as GeographyLink,
        LookupPolicy as LookupPolicy,
        NoProxyValueError as NoProxyValueError,
        ProxyLookup as ProxyLookup,
        ProxyRegistry as ProxyRegistry,
        ProxyValue as ProxyValue,
        RegistryStack as RegistryStack,
    )
    from socialvalue.rollup import (
        Rollup as Rollup,
        RollupError as RollupError,
        Totals as Totals,
    )
    from socialvalue.tracking import (
        CommitmentProgress as CommitmentProgress,
        Match as Match,
        QuarterlySummary as QuarterlySummary,
        Rag as Rag,
        RagRules as RagRules,
        SummaryChange as SummaryChange,
        match_deliveries as match_deliveries,
        quarterly_summary as quarterly_summary,
        track as track,
    )
    from socialvalue.units import (
        STANDARD_UNITS as STANDARD_UNITS,
        Unit as Unit,
        UnitKind as UnitKind,
        standard_unit as standard_unit,
    )
    from socialvalue.valuation import (
        UNIT_VALUE_PLACES as UNIT_VALUE_PLACES,
        Step as Step,
        UnitValue as UnitValue,
        Valuation as Valuation,
        ValuationError as ValuationError,
        ValuationKey as ValuationKey,
        unit_value as unit_value,
        value as value,
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
    "socialvalue.commitments": (
        "CONTRACTUAL",
        "DAY_ONE",
        "FUTURE_ASPIRATION",
        "Commitment",
        "CommitmentSet",
        "Milestone",
        "ProgressUpdate",
        "Status",
        "check_commitments",
    ),
    "socialvalue.deliveries": (
        "Delivery",
        "DeliverySet",
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
        "MissingExtraError",
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
        "SHIPPED_COMMITMENTS",
        "SHIPPED_DISCOUNT_SCHEDULES",
        "SHIPPED_EXAMPLES",
        "SHIPPED_FRAMEWORKS",
        "SHIPPED_METHODOLOGIES",
        "SHIPPED_PRICE_INDICES",
        "SHIPPED_REGISTRIES",
        "default_methodology",
        "example_deliveries",
        "shipped_commitments",
        "shipped_discount_schedule",
        "shipped_framework",
        "shipped_price_index",
        "shipped_registry",
        "AcceptedRow",
        "ImportLimits",
        "ImportResult",
        "RejectedRow",
        "dumps",
        "export_deliveries",
        "export_valuations",
        "iter_returns",
        "load",
        "load_commitments",
        "load_deliveries",
        "load_framework",
        "load_methodology",
        "load_price_index",
        "load_registry",
        "loads",
        "make_template",
        "read_returns",
        "save",
        "save_commitments",
        "save_deliveries",
        "save_framework",
        "save_methodology",
        "save_registry",
        "write_rejected",
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
    "socialvalue.procurement": (
        "LCRCA_POLICY",
        "OCDS_CROSSWALK",
        "AwardCriterion",
        "Bid",
        "BidScore",
        "CriterionScore",
        "Evaluation",
        "EvaluationScheme",
        "LineValue",
        "OfferBasis",
        "OfferLine",
        "PriceMethod",
        "QualitativeResponse",
        "RejectedBid",
        "ScopeDecision",
        "ScoreBand",
        "SocialValueMethod",
        "SocialValuePolicy",
        "Tender",
        "Tie",
        "WeightSensitivity",
        "WinnerChange",
        "award",
        "evaluate",
        "in_scope",
        "ocds_sustainability",
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
    "socialvalue.rollup": ("Rollup", "RollupError", "Totals"),
    "socialvalue.tracking": (
        "CommitmentProgress",
        "Match",
        "QuarterlySummary",
        "Rag",
        "RagRules",
        "SummaryChange",
        "match_deliveries",
        "quarterly_summary",
        "track",
    ),
    "socialvalue.units": (
        "STANDARD_UNITS",
        "Unit",
        "UnitKind",
        "standard_unit",
    ),
    "socialvalue.valuation": (
        "UNIT_VALUE_PLACES",
        "Step",
        "UnitValue",
        "Valuation",
        "ValuationError",
        "ValuationKey",
        "unit_value",
        "value",
    ),
    "socialvalue.batch": (
        "DIMENSIONS",
        "GroupValuation",
        "UnvaluedGroup",
        "ValuationBatch",
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
