"""XLSX support needs the ``xlsx`` extra (openpyxl and defusedxml), imported on first use.

``import socialvalue`` never needs them; only calling an XLSX function does, and then a missing
package is a clear ``MissingExtraError`` naming the extra to install.
"""

from __future__ import annotations

import os
from types import ModuleType

from socialvalue._extras import require
from socialvalue.exceptions import MissingExtraError

__all__ = ["XLSX_EXTRA", "require_openpyxl"]

#: The extra that installs XLSX support.
XLSX_EXTRA = "xlsx"


def require_openpyxl() -> ModuleType:
    """Return the ``openpyxl`` module, checking that it parses XML through defusedxml.

    Raises:
        MissingExtraError: openpyxl or defusedxml is missing, or defusedxml was switched off
            (``OPENPYXL_DEFUSEDXML=False``), so XML entity attacks would not be refused.
    """
    require("defusedxml", XLSX_EXTRA)
    openpyxl = require("openpyxl", XLSX_EXTRA)
    if not openpyxl.DEFUSEDXML:
        setting = os.environ.get("OPENPYXL_DEFUSEDXML")
        raise MissingExtraError(
            "XLSX files are read only with defusedxml protecting the XML parser, and openpyxl "
            f"is not using it (OPENPYXL_DEFUSEDXML={setting!r}); unset OPENPYXL_DEFUSEDXML"
        )
    return openpyxl
