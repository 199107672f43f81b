"""Titles of a framework's data in another locale: themes, outcomes, measures, roles, units.

The library's own words are translated by message catalogues (see ``socialvalue.report``); the
data's words — a framework's titles — by a translations file per framework and locale, keyed by
code (``LCR-EMP-1``), by ``dimension:value`` (``role:employer``), by ``unit:code``
(``unit:hour``) and, for the commitments reported with the framework, by
``commitment:<id>``. A report falls back to English string by string and lists what it could
not translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from socialvalue.framework import Framework

if TYPE_CHECKING:
    from socialvalue.commitments import Commitment

__all__ = ["TitleTranslations"]


def _titles(value: Mapping[str, str]) -> dict[str, str]:
    return {str(code): str(title) for code, title in dict(value).items()}


@attrs.frozen(kw_only=True)
class TitleTranslations:
    """A framework's titles in one locale.

    Args:
        framework: The id of the framework translated.
        locale: The locale of the titles (``cy_GB``).
        titles: Title by code, ``dimension:value`` or ``unit:code``.
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
        self, framework: Framework, commitments: Iterable[Commitment] = ()
    ) -> dict[str, str]:
        """Each translated title, keyed by the English title it replaces.

        The framework's titles, and those of ``commitments`` (keyed ``commitment:<id>``: a
        commitments file's titles are translated in the same table as its framework's).
        """
        found: dict[str, str] = {}
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

    def _put(self, found: dict[str, str], key: str, english: str) -> None:
        if key in self.titles:
            found[english] = self.titles[key]
