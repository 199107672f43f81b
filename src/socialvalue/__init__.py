"""socialvalue: measure social value consistently, exactly and transparently.

The front door holds the core: the models (:class:`Money`, the periods, :class:`Framework` …),
:func:`value` and :func:`value_many`, :func:`default_methodology`, the loaders and the errors.
Everything else lives in a submodule — ``socialvalue.io``, ``socialvalue.report``,
``socialvalue.procurement``, ``socialvalue.testing`` … — which ``socialvalue.io`` and the like
load on first use.

Names are imported on first use (PEP 562), so ``import socialvalue`` stays fast and a program
pays only for the parts it uses. The front door's names are written once, in ``__init__.pyi``
(which type checkers read); this module reads that list when a name is first asked for, as
Scientific Python's ``lazy_loader`` does with its stubs.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
from typing import Any

from socialvalue._deprecated import moved_names

#: Names the front door exported before this release, and the module each now lives in; they
#: warn for one release (``socialvalue.Level is deprecated; use socialvalue.additionality.Level``).
_MOVED: dict[str, str] = {
    "Adjustment": "socialvalue.additionality",
    "ImpactChain": "socialvalue.additionality",
    "Level": "socialvalue.additionality",
    "additional_impact": "socialvalue.additionality",
    "persistence_factors": "socialvalue.additionality",
    "DIMENSIONS": "socialvalue.batch",
    "GroupValuation": "socialvalue.batch",
    "UnvaluedGroup": "socialvalue.batch",
    "CONTRACTUAL": "socialvalue.commitments",
    "DAY_ONE": "socialvalue.commitments",
    "FUTURE_ASPIRATION": "socialvalue.commitments",
    "Milestone": "socialvalue.commitments",
    "Status": "socialvalue.commitments",
    "check_commitments": "socialvalue.commitments",
    "check_deliveries": "socialvalue.deliveries",
    "DiscountSchedules": "socialvalue.discounting",
    "RateBand": "socialvalue.discounting",
    "YearConvention": "socialvalue.discounting",
    "discount_values": "socialvalue.discounting",
    "present_value": "socialvalue.discounting",
    "CalculationError": "socialvalue.exceptions",
    "CurrencyMismatchError": "socialvalue.exceptions",
    "MissingExtraError": "socialvalue.exceptions",
    "PeriodParseError": "socialvalue.exceptions",
    "Problem": "socialvalue.exceptions",
    "Crosswalk": "socialvalue.framework",
    "Dimension": "socialvalue.framework",
    "DimensionValue": "socialvalue.framework",
    "ValuationKind": "socialvalue.framework",
    "ValueType": "socialvalue.framework",
    "benefit_cost_ratio": "socialvalue.indicators",
    "local_multiplier_3": "socialvalue.indicators",
    "net_sroi_ratio": "socialvalue.indicators",
    "npsv": "socialvalue.indicators",
    "payback_period_months": "socialvalue.indicators",
    "sroi_ratio": "socialvalue.indicators",
    "SHIPPED_COMMITMENTS": "socialvalue.io",
    "SHIPPED_DISCOUNT_SCHEDULES": "socialvalue.io",
    "SHIPPED_EXAMPLES": "socialvalue.io",
    "SHIPPED_FRAMEWORKS": "socialvalue.io",
    "SHIPPED_METHODOLOGIES": "socialvalue.io",
    "SHIPPED_PRICE_INDICES": "socialvalue.io",
    "SHIPPED_REGISTRIES": "socialvalue.io",
    "example_deliveries": "socialvalue.io",
    "shipped_commitments": "socialvalue.io",
    "shipped_discount_schedule": "socialvalue.io",
    "shipped_framework": "socialvalue.io",
    "shipped_price_index": "socialvalue.io",
    "shipped_registry": "socialvalue.io",
    "AcceptedRow": "socialvalue.io",
    "ImportLimits": "socialvalue.io",
    "ImportResult": "socialvalue.io",
    "RejectedRow": "socialvalue.io",
    "dumps": "socialvalue.io",
    "export_valuations": "socialvalue.io",
    "iter_returns": "socialvalue.io",
    "load": "socialvalue.io",
    "load_commitments": "socialvalue.io",
    "load_deliveries": "socialvalue.io",
    "load_price_index": "socialvalue.io",
    "loads": "socialvalue.io",
    "make_template": "socialvalue.io",
    "save": "socialvalue.io",
    "save_commitments": "socialvalue.io",
    "save_deliveries": "socialvalue.io",
    "save_framework": "socialvalue.io",
    "save_registry": "socialvalue.io",
    "write_rejected": "socialvalue.io",
    "CalendarPrices": "socialvalue.methodology",
    "MeasureAssumption": "socialvalue.methodology",
    "MethodologyRef": "socialvalue.methodology",
    "ProxyDate": "socialvalue.methodology",
    "RoundingPolicy": "socialvalue.methodology",
    "RoundingMode": "socialvalue.money",
    "sum_money": "socialvalue.money",
    "AnyPeriod": "socialvalue.periods",
    "IndexBasis": "socialvalue.prices",
    "IndexPoint": "socialvalue.prices",
    "PriceYearError": "socialvalue.prices",
    "RebaseStep": "socialvalue.prices",
    "LCRCA_POLICY": "socialvalue.procurement",
    "OCDS_CROSSWALK": "socialvalue.procurement",
    "AwardCriterion": "socialvalue.procurement",
    "Bid": "socialvalue.procurement",
    "BidScore": "socialvalue.procurement",
    "CriterionScore": "socialvalue.procurement",
    "Evaluation": "socialvalue.procurement",
    "EvaluationScheme": "socialvalue.procurement",
    "LineValue": "socialvalue.procurement",
    "OfferBasis": "socialvalue.procurement",
    "OfferLine": "socialvalue.procurement",
    "PriceMethod": "socialvalue.procurement",
    "QualitativeResponse": "socialvalue.procurement",
    "RejectedBid": "socialvalue.procurement",
    "ScopeDecision": "socialvalue.procurement",
    "ScoreBand": "socialvalue.procurement",
    "SocialValueMethod": "socialvalue.procurement",
    "SocialValuePolicy": "socialvalue.procurement",
    "Tender": "socialvalue.procurement",
    "Tie": "socialvalue.procurement",
    "WeightSensitivity": "socialvalue.procurement",
    "WinnerChange": "socialvalue.procurement",
    "award": "socialvalue.procurement",
    "evaluate": "socialvalue.procurement",
    "in_scope": "socialvalue.procurement",
    "ocds_sustainability": "socialvalue.procurement",
    "Verification": "socialvalue.provenance",
    "DEFAULT_GEOGRAPHIES": "socialvalue.proxies",
    "GeographyLink": "socialvalue.proxies",
    "LookupPolicy": "socialvalue.proxies",
    "NoProxyValueError": "socialvalue.proxies",
    "ProxyLookup": "socialvalue.proxies",
    "RegistryStack": "socialvalue.proxies",
    "RollupError": "socialvalue.rollup",
    "Totals": "socialvalue.rollup",
    "CommitmentProgress": "socialvalue.tracking",
    "Match": "socialvalue.tracking",
    "QuarterlySummary": "socialvalue.tracking",
    "Rag": "socialvalue.tracking",
    "RagRules": "socialvalue.tracking",
    "SummaryChange": "socialvalue.tracking",
    "match_deliveries": "socialvalue.tracking",
    "quarterly_summary": "socialvalue.tracking",
    "STANDARD_UNITS": "socialvalue.units",
    "UnitKind": "socialvalue.units",
    "standard_unit": "socialvalue.units",
    "UNIT_VALUE_PLACES": "socialvalue.valuation",
    "Step": "socialvalue.valuation",
    "ValuationError": "socialvalue.valuation",
}

#: Names the front door exported that were also renamed: old name → new dotted path.
_RENAMED: dict[str, str] = {"export_deliveries": "socialvalue.io.write_returns"}

#: Called from ``__getattr__``: one frame more than a module's own ``__getattr__``.
_moved = moved_names(
    "socialvalue",
    {**{name: f"{home}.{name}" for name, home in _MOVED.items()}, **_RENAMED},
    stacklevel=3,
)


#: The stub's imports: ``from MODULE import (NAME as NAME, ...)`` or ``from MODULE import NAME``.
_STUB_IMPORT = r"^from ([\w.]+) import (?:\(([^)]*)\)|([^(\n]+))$"


@functools.cache
def _front_door() -> dict[str, tuple[str, str | None]]:
    """Each name of the front door → (its module, the attribute; ``None`` for a submodule).

    Read from the stub with a regular expression rather than :mod:`ast` (which costs a
    millisecond or two to import and parse with); a test checks it reads what ``ast`` reads.
    """
    # os.path, not pathlib: pathlib would add milliseconds to every ``import socialvalue``
    here = os.path.dirname(__file__)  # noqa: PTH120
    with open(os.path.join(here, "__init__.pyi"), encoding="utf-8") as stub_file:  # noqa: PTH118, PTH123
        stub = stub_file.read()
    names: dict[str, tuple[str, str | None]] = {}
    for found in re.finditer(_STUB_IMPORT, stub, re.MULTILINE):
        module, listed = found.group(1), found.group(2) or found.group(3)
        for item in listed.split(","):
            name = item.split("#", 1)[0].split(" as ", 1)[0].strip()
            if not name:
                continue
            if module == __name__:
                names[name] = (f"{__name__}.{name}", None)
            else:
                names[name] = (module, name)
    return names


def _public() -> list[str]:
    return sorted(
        [name for name, (_, attribute) in _front_door().items() if attribute is not None]
        + ["__version__"]
    )


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any public object
    if name == "__all__":
        return _public()
    if name == "__version__":
        # Read from the package metadata on first use: importlib.metadata is slow to import.
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("socialvalue")
        except PackageNotFoundError:  # pragma: no cover - a source tree, not installed
            return "0+unknown"
    found_in = _front_door().get(name)
    if found_in is None:
        return _moved(name)
    module, attribute = found_in
    found = importlib.import_module(module)
    if attribute is not None:
        found = getattr(found, attribute)
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    """The front door's names, its submodules and the module's own dunder names."""
    dunders = {name for name in globals() if name.startswith("__")}
    return sorted({*dunders, *_front_door(), "__all__", "__version__"})
