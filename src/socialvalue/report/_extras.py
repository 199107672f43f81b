"""The report's optional packages (see :mod:`socialvalue._extras`)."""

from socialvalue._extras import require
from socialvalue.exceptions import MissingExtraError

__all__ = ["MissingExtraError", "require"]
