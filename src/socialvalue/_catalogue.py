"""The library's message catalogues: ``socialvalue/locale/<locale>/LC_MESSAGES/socialvalue.mo``.

Compiled with ``pybabel compile`` from the ``.po`` files beside them; English is the source
language and needs none. A locale without a catalogue falls back to English message by message.
The report's words (:mod:`socialvalue.report`) and the command line's are marked here with
``N_`` and ``Np_`` and extracted together by ``pybabel extract``.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations

__all__ = ["DOMAIN", "LOCALE_DIR", "N_", "Np_", "plural_sample", "translations"]


def N_(text: str) -> str:  # noqa: N802 - the gettext convention, found by pybabel extract
    """Mark a message for extraction (``pybabel extract -k N_``); return it unchanged."""
    return text


def Np_(one: str, other: str) -> tuple[str, str]:  # noqa: N802 - ditto, ``-k Np_:1,2``
    """Mark a message with a plural form for extraction; return both forms."""
    return (one, other)


#: The gettext domain of the library's own text.
DOMAIN = "socialvalue"
#: Where the catalogues are, inside the package.
LOCALE_DIR = Path(str(resources.files("socialvalue") / "locale"))


@functools.cache
def translations(locale: str) -> NullTranslations:
    """The compiled catalogue for ``locale`` (English, untranslated, when there is none)."""
    return Translations.load(str(LOCALE_DIR), [locale], DOMAIN)


@functools.cache
def plural_sample(locale: str, category: str) -> int | None:
    """A number in ``category`` (CLDR: zero, one, two, few, many, other) for ``locale``.

    >>> plural_sample("cy_GB", "few"), plural_sample("en_GB", "few")
    (3, None)
    """
    rule = Locale.parse(locale).plural_form
    return next((n for n in range(1000) if rule(n) == category), None)
