"""The marks ``pybabel extract`` looks for: ``N_`` and ``Np_`` (no Babel needed to use them).

Re-exported by :mod:`socialvalue._catalogue`; modules that must stay light (the valuation's
:mod:`socialvalue._phrases`) import them from here.
"""

from __future__ import annotations

__all__ = ["N_", "Np_"]


def N_(text: str) -> str:  # noqa: N802 - the gettext convention, found by pybabel extract
    """Mark a message for extraction (``pybabel extract -k N_``); return it unchanged."""
    return text


def Np_(one: str, other: str) -> tuple[str, str]:  # noqa: N802 - ditto, ``-k Np_:1,2``
    """Mark a message with a plural form for extraction; return both forms."""
    return (one, other)
