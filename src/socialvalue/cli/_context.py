"""Whose report it is: the authority and its commitments, from the framework or the options.

The LCRCA's name and shipped commitments appear only for the LCRCA framework, or when asked for
(``--commitments lcrca``); another council's report is titled with its own framework's
publisher and carries only the commitments it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from socialvalue.commitments import Commitment, CommitmentSet
from socialvalue.framework import Framework
from socialvalue.io import (
    SHIPPED_COMMITMENTS,
    load_commitments,
    load_translations,
    shipped_commitments,
    shipped_translations,
)

__all__ = ["authority_of", "commitments_for", "titles_for"]


def authority_of(framework: Framework) -> str:
    """Who publishes a report under ``framework``: its source's publisher, else its own.

    >>> from socialvalue.io import shipped_framework
    >>> authority_of(shipped_framework())
    'Liverpool City Region Combined Authority'
    """
    if framework.source is not None and framework.source.publisher:
        return framework.source.publisher
    return framework.publisher


def commitments_for(
    framework: Framework, files: Sequence[str], *, none: bool = False
) -> CommitmentSet:
    """The commitments to report on.

    ``files`` are commitments files or shipped names (``lcrca``); without any, the shipped
    commitments of the framework when it is a shipped framework with commitments (the LCRCA's),
    otherwise none. ``none`` leaves every commitment out.
    """
    if none:
        return CommitmentSet(title="none")
    if not files:
        if framework.id in SHIPPED_COMMITMENTS:
            return shipped_commitments(framework.id)
        return CommitmentSet(title="none")
    sets = [
        shipped_commitments(name) if name in SHIPPED_COMMITMENTS else load_commitments(name)
        for name in files
    ]
    if framework.id in SHIPPED_COMMITMENTS and not any(n in SHIPPED_COMMITMENTS for n in files):
        sets.insert(0, shipped_commitments(framework.id))
    first, *rest = sets
    return first.merged(*rest) if rest else first


def titles_for(
    framework: Framework,
    locale: str,
    path: str | None = None,
    commitments: Iterable[Commitment] = (),
) -> dict[str, str]:
    """The framework's titles in ``locale``, keyed by their English: a file, else shipped ones.

    >>> from socialvalue.io import shipped_framework
    >>> titles_for(shipped_framework(), "cy_GB")["Investor"]
    'Buddsoddwr'
    >>> titles_for(shipped_framework(), "en_GB")
    {}
    """
    chosen = load_translations(path) if path is not None else None
    if chosen is None:
        chosen = shipped_translations(framework.id, locale)
    if chosen is None or chosen.locale != locale:
        return {}
    return chosen.by_english(framework, commitments)
