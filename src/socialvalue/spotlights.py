"""Project spotlights: what an authority writes about its projects, for the members' report.

A spotlights file (TOML or JSON) gives each spotlight's project, heading and text; the report
adds the project's outcomes and present value from the deliveries, so the words are the
authority's and the numbers are always the data's::

    title = "Spotlights 2022/23"

    [[spotlights]]
    project = "Housing Retrofit Programme"
    heading = "Warmer homes, lower bills"
    text = "Homes across the city region were insulated and given heat pumps."
    measures = ["LCR-ENV-1", "LCR-ENV-2"]   # optional: which figures to show (default: all)

Read one with :func:`socialvalue.io.load_spotlights`; the report adds the figures.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["SpotlightText", "Spotlights"]


def _not_blank(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name}: must not be blank")


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class SpotlightText:
    """What the authority writes for one spotlight.

    Args:
        project: The project, as the deliveries name it.
        heading: The spotlight's heading.
        text: A paragraph or two, as plain text (blank lines separate paragraphs).
        measures: The measures whose figures to show (default: all of the project's).
    """

    project: str = attrs.field(validator=_not_blank)
    heading: str = attrs.field(validator=_not_blank)
    text: str = ""
    measures: tuple[str, ...] = attrs.field(default=(), converter=_texts)


def _spotlights(values: Iterable[SpotlightText]) -> tuple[SpotlightText, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Spotlights:
    """A spotlights file: a title and the spotlights, in the order to show them."""

    title: str = ""
    spotlights: tuple[SpotlightText, ...] = attrs.field(default=(), converter=_spotlights)
