"""The command line's own words, from the library's message catalogue (English is the source).

Marked with ``N_`` and ``Np_`` like the report's words, extracted by the same ``pybabel extract``
into ``socialvalue.pot`` and translated in the same ``.po`` files (the Welsh one a draft). A
message a catalogue lacks falls back to English, message by message.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType

from socialvalue import _display
from socialvalue._catalogue import N_, Np_, translations

__all__ = ["CLI_MESSAGES", "say", "say_count"]

#: The command line's summaries and notes, in English: part of the message catalogue's source.
CLI_MESSAGES: Mapping[str, str | tuple[str, str]] = MappingProxyType(
    {
        "wrote_report": N_(
            "wrote {path} — {title}: {label} {amount}; {missing} not valued (listed in the report)"
        ),
        "wrote_annex": N_(
            "the technical annex is {annex}, every table and working as CSV in the folder {folder}/"
        ),
        "wrote_tables": Np_(
            "wrote {n} CSV table into the folder {folder}/",
            "wrote {n} CSV tables into the folder {folder}/",
        ),
        "groups": Np_("{n} group", "{n} groups"),
        "rows_rejected": Np_("{n} row rejected", "{n} rows rejected"),
        "problems": Np_("{n} problem", "{n} problems"),
        "rejected_note": N_("{path}: {rows} ({problems}; first: {first}) and left out; {where}"),
        "rejected_written": N_("written to {path} to correct"),
        "rejected_hint": N_("give --rejected FILE to write them to correct"),
        "returns_title": N_("Returns from {name}"),
        "ok_returns": Np_(
            "{file}: OK — {n} delivery, every row accepted",
            "{file}: OK — {n} deliveries, every row accepted",
        ),
        "ok_deliveries": Np_(
            "{file}: OK — {n} delivery, checked against {framework}",
            "{file}: OK — {n} deliveries, checked against {framework}",
        ),
    }
)


def say(locale: str, key: str, **values: object) -> str:
    """A message in ``locale`` (English where the catalogue has none), its fields filled in.

    >>> say("cy_GB", "returns_title", name="returns.csv")
    'Ffurflenni o returns.csv'
    """
    message = CLI_MESSAGES[key]
    if isinstance(message, tuple):
        raise TypeError(f"{key} has plural forms: use say_count")
    return translations(locale).gettext(message).format(**values)


def say_count(locale: str, key: str, n: int, **values: object) -> str:
    """A message with plural forms for ``n`` in ``locale``, ``{n}`` grouped as it writes them.

    >>> say_count("en_GB", "groups", 1), say_count("cy_GB", "groups", 3)
    ('1 group', '3 grŵp')
    """
    message = CLI_MESSAGES[key]
    if not isinstance(message, tuple):
        raise TypeError(f"{key} has no plural forms: use say")
    one, other = message
    template = translations(locale).ngettext(one, other, n)
    return template.format(n=_display.number(Decimal(n), locale=locale), **values)
