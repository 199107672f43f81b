"""Where a figure or a framework comes from, and on what terms it may be used."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from socialvalue._fields import not_blank as _not_blank
from socialvalue._methods import model_eq, model_hash, model_repr

__all__ = ["Source", "Verification"]


def _optional_url(_instance: object, _attribute: object, value: str | None) -> None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise ValueError(f"url: {value!r} is not an http(s) address")


class Verification(enum.Enum):
    """How a figure was checked against its source.

    * ``PRIMARY`` — read in the named source itself;
    * ``SECONDARY`` — read only where another public source quotes or transcribes it;
    * ``UNVERIFIED`` — not checked; replace it with a verified value before relying on it.
    """

    PRIMARY = "primary"
    SECONDARY = "secondary"
    UNVERIFIED = "unverified"


@attrs.frozen(kw_only=True)
class Source:
    """A citation: enough for a reader to find the document a figure comes from.

    Args:
        title: Title of the document or dataset.
        publisher: Who published it.
        published: Publication date, when known.
        url: Web address, when there is one.
        section: Where in the document (table, page, section), when useful.

    >>> Source(title="Social Value Annual Report 2023",
    ...        publisher="Liverpool City Region Combined Authority").publisher
    'Liverpool City Region Combined Authority'
    """

    __repr__ = model_repr
    __eq__ = model_eq
    __hash__ = model_hash

    title: str = attrs.field(validator=_not_blank)
    publisher: str = attrs.field(validator=_not_blank)
    published: dt.date | None = None
    url: str | None = attrs.field(default=None, validator=_optional_url)
    section: str | None = None

    def cite(self) -> str:
        """One-line citation: publisher, title, date, section, address.

        >>> Source(title="The Green Book", publisher="HM Treasury",
        ...        published=dt.date(2022, 11, 18), section="Annex A6, Table 8").cite()
        'HM Treasury, The Green Book (2022-11-18), Annex A6, Table 8'
        """
        text = f"{self.publisher}, {self.title}"
        if self.published is not None:
            text += f" ({self.published.isoformat()})"
        if self.section:
            text += f", {self.section}"
        if self.url:
            text += f", {self.url}"
        return text
