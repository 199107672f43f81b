"""The library's message catalogues as the report reads them: see ``socialvalue._catalogue``."""

from __future__ import annotations

from socialvalue._catalogue import DOMAIN, LOCALE_DIR, plural_sample, translations

__all__ = ["DOMAIN", "LOCALE_DIR", "plural_sample", "translations"]
