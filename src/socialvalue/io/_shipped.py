"""The data that ships inside the package, read on demand and cached.

Reading the package's own files is I/O, so it lives here at the edge; the core receives the
objects. Nothing binds to these silently: call the function and pass the result on. The shipped
methodologies are bundles, read beside the other bundles (``default_methodology``).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import TypeVar

from socialvalue._shipped_names import SHIPPED_FRAMEWORKS
from socialvalue.commitments import CommitmentSet
from socialvalue.deliveries import DeliverySet
from socialvalue.discounting import DiscountSchedule, DiscountSchedules
from socialvalue.exceptions import UnknownCodeError
from socialvalue.framework import Framework
from socialvalue.io._formats import loads
from socialvalue.prices import PriceIndex
from socialvalue.proxies import ProxyRegistry
from socialvalue.spotlights import Spotlights
from socialvalue.translations import TitleTranslations

T = TypeVar("T")

__all__ = [
    "MERGED_REGISTRIES",
    "SHIPPED_COMMITMENTS",
    "SHIPPED_DISCOUNT_SCHEDULES",
    "SHIPPED_EXAMPLES",
    "SHIPPED_FRAMEWORKS",
    "SHIPPED_PRICE_INDICES",
    "SHIPPED_REGISTRIES",
    "SHIPPED_SPOTLIGHTS",
    "SHIPPED_TRANSLATIONS",
    "example_deliveries",
    "example_spotlights",
    "shipped_commitments",
    "shipped_discount_schedule",
    "shipped_framework",
    "shipped_price_index",
    "shipped_registry",
    "shipped_text",
    "shipped_translations",
]


#: Openly licensed proxy registries shipped as package data, one per source family: id → file
#: under ``socialvalue/data/registries``. ``ons-ashe-earnings`` (gross earnings, largely a
#: transfer) and ``hmt-wellbeing`` (the wellbeing gain of a hire from worklessness) are opt-in:
#: the default methodology, which states no additionality, does not layer them.
SHIPPED_REGISTRIES: Mapping[str, str] = MappingProxyType(
    {
        "desnz-carbon": "desnz-carbon.toml",
        "dwp-swap": "dwp-swap.toml",
        "gmca-ucd-skills": "gmca-ucd-skills.toml",
        "hmt-wellbeing": "hmt-wellbeing.toml",
        "ons-ashe": "ons-ashe.toml",
        "ons-ashe-earnings": "ons-ashe-earnings.toml",
    }
)

#: Names kept for registries that were split into families: name → the families, merged into
#: one registry of that name (``lcrca-open`` was carbon values and volunteering hours).
MERGED_REGISTRIES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {"lcrca-open": ("desnz-carbon", "ons-ashe")}
)

#: Price indices shipped as package data: id → file under ``socialvalue/data/prices``.
SHIPPED_PRICE_INDICES: Mapping[str, str] = MappingProxyType(
    {
        "gdp-deflator-hmt-2026-03": "gdp-deflator-hmt-2026-03.toml",
        "gdp-deflator-ons-ybgb-2025-06": "gdp-deflator-ons-ybgb-2025-06.toml",
    }
)


#: Discount schedule collections shipped as package data: edition → file under
#: ``socialvalue/data/discounting``.
SHIPPED_DISCOUNT_SCHEDULES: Mapping[str, str] = MappingProxyType(
    {"green-book-2022": "green-book-2022.toml"}
)


#: Commitments shipped as package data: name → file under ``socialvalue/data/commitments``.
SHIPPED_COMMITMENTS: Mapping[str, str] = MappingProxyType({"lcrca": "lcrca.toml"})

#: Example deliveries shipped as package data: name → file under ``socialvalue/data/examples``.
SHIPPED_EXAMPLES: Mapping[str, str] = MappingProxyType({"lcrca-2023": "lcrca-2023.toml"})
#: Translations of a shipped framework's titles, by (framework, locale).
SHIPPED_TRANSLATIONS: Mapping[tuple[str, str], str] = MappingProxyType(
    {("lcrca", "cy_GB"): "lcrca.cy_GB.toml"}
)
#: Spotlights for the members' report of a shipped example, by the example's name.
SHIPPED_SPOTLIGHTS: Mapping[str, str] = MappingProxyType({"lcrca-2023": "lcrca-2023.toml"})


def shipped_framework(name: str = "lcrca") -> Framework:
    """A framework shipped with the package (cached: frameworks are immutable).

    ``lcrca`` is an open, unofficial encoding of the Liverpool City Region Combined Authority's
    Social Value Policy and Framework (2022) and its Social Value Annual Report 2023.

    >>> framework = shipped_framework()
    >>> framework.id, framework.measure("LCR-EDI-1").unit
    ('lcrca', 'person')
    """
    return _load_framework(name)


@functools.cache
def _load_framework(name: str) -> Framework:
    return _read(name, SHIPPED_FRAMEWORKS, "frameworks", Framework, "shipped framework")


def shipped_registry(name: str = "lcrca-open") -> ProxyRegistry:
    """An openly licensed proxy registry shipped with the package (cached).

    One registry per source family (:data:`SHIPPED_REGISTRIES`): ``desnz-carbon`` (DESNZ
    carbon values for ``LCR-ENV-2``), ``ons-ashe`` (an ONS-based replacement cost of a
    volunteering hour for ``LCR-COM-1``), ``dwp-swap`` (``LCR-SKL-6``, net of deadweight) and
    the opt-in ``ons-ashe-earnings`` and ``hmt-wellbeing``. ``lcrca-open`` is the former
    combined registry, now the carbon and volunteering families merged
    (:data:`MERGED_REGISTRIES`). None holds National TOMs or HACT values, whose licence forbids
    shipping them.

    >>> import datetime as dt
    >>> registry = shipped_registry()
    >>> registry.lookup("LCR-ENV-2", dt.date(2030, 7, 1)).value.value
    Decimal('294.50')
    """
    return _load_registry(name)


@functools.cache
def _load_registry(name: str) -> ProxyRegistry:
    if name in MERGED_REGISTRIES:
        parts = [_load_registry(part) for part in MERGED_REGISTRIES[name]]
        return ProxyRegistry(
            id=name,
            title=f"{name}: the shipped registries {', '.join(p.id for p in parts)}, merged",
            version=parts[0].version,
            publisher=parts[0].publisher,
            licence=parts[0].licence,
            geographies={g.code: g for p in parts for g in p.geographies}.values(),
            values=[value for part in parts for value in part.values],
        ).with_origin(" + ".join(p.origin or p.id for p in parts))
    registry = _read(name, SHIPPED_REGISTRIES, "registries", ProxyRegistry, "shipped registry")
    return registry.with_origin(f"socialvalue/data/registries/{SHIPPED_REGISTRIES[name]}")


def shipped_price_index(name: str = "gdp-deflator-hmt-2026-03") -> PriceIndex:
    """A price index shipped with the package (cached): by default HM Treasury's GDP deflator.

    >>> from socialvalue import FinancialYear
    >>> shipped_price_index().point(FinancialYear(2019)).value
    Decimal('80.8738')
    """
    return _load_price_index(name)


@functools.cache
def _load_price_index(name: str) -> PriceIndex:
    return _read(name, SHIPPED_PRICE_INDICES, "prices", PriceIndex, "shipped price index")


def shipped_discount_schedule(
    schedule: str = "standard", *, edition: str = "green-book-2022"
) -> DiscountSchedule:
    """A shipped discount schedule (cached): by default the Green Book standard schedule.

    ``schedule`` is ``standard``, ``health``, ``reduced_pure_time_preference_zero`` or
    ``health_reduced_pure_time_preference_zero`` (the former id ``catastrophic_risk_excluded``
    still finds the third, with a ``DeprecationWarning``, for one release).

    >>> standard = shipped_discount_schedule()
    >>> standard.rate(30), standard.rate(31)
    (Decimal('0.035'), Decimal('0.030'))
    """
    return _load_discount_schedules(edition).schedule(schedule)


@functools.cache
def _load_discount_schedules(edition: str) -> DiscountSchedules:
    return _read(
        edition, SHIPPED_DISCOUNT_SCHEDULES, "discounting", DiscountSchedules, "shipped edition"
    )


def example_deliveries(name: str = "lcrca-2023") -> DeliverySet:
    """Example deliveries shipped with the package (cached).

    ``lcrca-2023``: the deliveries behind the measurable figures of the LCRCA Social Value Annual
    Report 2023, each citing the report section it comes from.

    >>> batch = example_deliveries()
    >>> batch.source.title, len(batch)
    ('Social Value Annual Report 2023', 25)
    """
    return _load_examples(name)


def shipped_translations(framework: str, locale: str) -> TitleTranslations | None:
    """The shipped translation of a framework's titles into ``locale``, if there is one (cached).

    ``("lcrca", "cy_GB")``: Welsh titles for the LCRCA framework, a draft translation.

    >>> shipped_translations("lcrca", "cy_GB").titles["role:investor"]
    'Buddsoddwr'
    >>> shipped_translations("lcrca", "fr_FR") is None
    True
    """
    name = SHIPPED_TRANSLATIONS.get((framework, locale))
    return None if name is None else _load_translations(name)


@functools.cache
def _load_translations(name: str) -> TitleTranslations:
    files = {name: name}
    return _read(name, files, "translations", TitleTranslations, "translations")


def example_spotlights(name: str = "lcrca-2023") -> Spotlights:
    """Project spotlights for the members' report of a shipped example (cached).

    >>> [s.project for s in example_spotlights().spotlights]
    ['Housing Retrofit Programme', 'LCR Connect', 'Adult Education Budget']
    """
    return _load_spotlights(name)


@functools.cache
def _load_spotlights(name: str) -> Spotlights:
    return _read(name, SHIPPED_SPOTLIGHTS, "spotlights", Spotlights, "spotlights")


@functools.cache
def _load_examples(name: str) -> DeliverySet:
    return _read(name, SHIPPED_EXAMPLES, "examples", DeliverySet, "example")


def shipped_commitments(name: str = "lcrca") -> CommitmentSet:
    """Commitments shipped with the package (cached).

    ``lcrca``: the LCRCA Day One Commitments (Transport Committee report, 10 March 2022) and the
    priorities going forward and employer aims its Social Value Annual Report 2023 states (kind
    ``report_priority``; not the framework's own Future Aspirations, which are not in the public
    sources), each citing its source.

    >>> commitments = shipped_commitments()
    >>> commitments.commitment("D1-PRC-01").due
    datetime.date(2023, 3, 31)
    """
    return _load_commitments(name)


@functools.cache
def _load_commitments(name: str) -> CommitmentSet:
    return _read(name, SHIPPED_COMMITMENTS, "commitments", CommitmentSet, "shipped commitments")


def shipped_text(name: str, table: Mapping[str, str], folder: str, kind: str) -> tuple[str, str]:
    """The text of a shipped data file and the name it is cited by (``socialvalue/data/...``).

    Raises:
        UnknownCodeError: ``name`` is not in ``table`` (naming the ones that are).
    """
    try:
        file_name = table[name]
    except KeyError:
        known = [*table, *MERGED_REGISTRIES] if table is SHIPPED_REGISTRIES else list(table)
        raise UnknownCodeError(kind, name, known) from None
    resource = resources.files("socialvalue") / "data" / folder / file_name
    return resource.read_text(encoding="utf-8"), f"socialvalue/data/{folder}/{file_name}"


def _read(name: str, table: Mapping[str, str], folder: str, cls: type[T], kind: str) -> T:
    text, source = shipped_text(name, table, folder, kind)
    return loads(text, cls, format="toml", source=source)
