"""Render a report's HTML as PDF (A4, page numbers, running headers) with WeasyPrint.

Needs the ``pdf`` extra (``pip install "socialvalue[pdf]"``: WeasyPrint, which needs the Pango
library; on Debian ``apt-get install libpango-1.0-0 libpangoft2-1.0-0``).
"""

from __future__ import annotations

from typing import Any

from socialvalue.report._extras import MissingExtraError, require

__all__ = ["html_to_pdf"]


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of an HTML document, printed with its print stylesheet.

    Raises:
        MissingExtraError: WeasyPrint is not installed (``socialvalue[pdf]``), or the Pango
            library it needs is missing (named, with the packages to install).
    """
    try:
        weasyprint: Any = require("weasyprint", "pdf")
    except OSError as error:  # WeasyPrint is installed but cannot load Pango
        raise MissingExtraError(
            "PDF needs the Pango library that WeasyPrint uses: on Debian or Ubuntu, "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
            f"(WeasyPrint said: {str(error).splitlines()[0]})"
        ) from None
    pdf: bytes = weasyprint.HTML(string=html, base_url=base_url).write_pdf()
    return pdf
