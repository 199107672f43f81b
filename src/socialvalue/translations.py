"""Titles of a framework's data in another locale: themes, outcomes, measures, roles, units.

The library's own words are translated by message catalogues (see ``socialvalue.report``); the
data's words — a framework's titles — by a translations file per framework and locale, keyed by
code (``LCR-EMP-1``), by ``dimension:value`` (``role:employer``), by ``unit:code``
(``unit:hour``), for the commitments reported with the framework by ``commitment:<id>``, and
for the proxy registries valued with it by ``registry:<id>`` (the registry's title) and
``registry:<id>:<measure>:derivation`` (how its values of the measure were derived, as the
working shows it; when they share one derivation). A report falls back to English string
by string and lists what it could not translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from socialvalue.framework import Framework

if TYPE_CHECKING:
    from socialvalue.commitments import Commitment
    from socialvalue.proxies import ProxyRegistry

__all__ = ["TitleTranslations"]


def _titles(value: Mapping[str, str]) -> dict[str, str]:
    return {str(code): str(title) for code, title in dict(value).items()}


@attrs.frozen(kw_only=True)
class TitleTranslations:
    """A framework's titles in one locale.

    Args:
        framework: The id of the framework translated.
        locale: The locale of the titles (``cy_GB``).
        titles: Title by code, ``dimension:value``, ``unit:code``, ``commitment:<id>``,
            ``registry:<id>`` or ``registry:<id>:<measure>:derivation``.
        draft: Whether the translation is a draft, not yet reviewed.
        note: Who translated it, and how far to trust it.

    >>> from socialvalue.io import shipped_framework, shipped_translations
    >>> welsh = shipped_translations("lcrca", "cy_GB")
    >>> welsh.draft, welsh.by_english(shipped_framework())["Employer"]
    (True, 'Cyflogwr')
    """

    framework: str
    locale: str
    titles: dict[str, str] = attrs.field(factory=dict, converter=_titles)
    draft: bool = False
    note: str = ""

    def by_english(
        self,
        framework: Framework,
        commitments: Iterable[Commitment] = (),
        registries: Iterable[ProxyRegistry] = (),
    ) -> dict[str, str]:
        """Each translated title, keyed by the English title it replaces.

        The framework's titles, those of ``commitments`` (keyed ``commitment:<id>``: a
        commitments file's titles are translated in the same table as its framework's) and
        the text of ``registries`` (each layer: its title, and the derivation of its values
        of a measure).
        """
        found: dict[str, str] = {}
        for registry in registries:
            self._put_registry(found, registry)
        for commitment in commitments:
            self._put(found, f"commitment:{commitment.id}", commitment.title)
        for theme in framework.themes:
            self._put(found, theme.code, theme.title)
            for outcome in theme.outcomes:
                self._put(found, outcome.code, outcome.title)
                for measure in outcome.measures:
                    self._put(found, measure.code, measure.title)
        for dimension in framework.dimensions:
            for value in dimension.values:
                self._put(found, f"{dimension.id}:{value.code}", value.title)
        for measure in framework.measures():
            unit = framework.unit(measure.unit)
            self._put(found, f"unit:{unit.code}", unit.label)
        return found

    def _put_registry(self, found: dict[str, str], registry: ProxyRegistry) -> None:
        self._put(found, f"registry:{registry.id}", registry.title)
        derivations: dict[str, set[str]] = {}
        for proxy in registry.values:
            if proxy.derivation:
                derivations.setdefault(proxy.measure, set()).add(" ".join(proxy.derivation))
        for measure, texts in derivations.items():
            if len(texts) == 1:  # one key, one English text: never the wrong translation
                self._put(found, f"registry:{registry.id}:{measure}:derivation", texts.pop())

    def _put(self, found: dict[str, str], key: str, english: str) -> None:
        if key in self.titles:
            found[english] = self.titles[key]
