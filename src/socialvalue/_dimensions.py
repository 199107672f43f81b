"""What valued deliveries can be grouped by: :data:`socialvalue.batch.DIMENSIONS`, written here.

A module with no models in it, so that the command line's ``--help`` can list the choices of
``--by`` without importing the valuation code; ``socialvalue.batch`` exports the same objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

__all__ = ["DELIVERY_DIMENSIONS", "DIMENSIONS"]

#: Every dimension valued deliveries can be grouped by, and where its value comes from: the
#: ``delivery`` itself (an attribute of :class:`~socialvalue.Delivery`), the ``framework`` (by
#: the measure), the ``period`` or the ``status`` (delivered or target). A rollup groups by any
#: of them; :func:`~socialvalue.batch.value_many` by those from the delivery.
DIMENSIONS: Mapping[str, Literal["delivery", "framework", "period", "status"]] = MappingProxyType(
    {
        "theme": "framework",
        "outcome": "framework",
        "measure": "framework",
        "pillar": "framework",
        "role": "delivery",
        "project": "delivery",
        "reporter": "delivery",
        "contract": "delivery",
        "period": "period",
        "financial_year": "period",
        "geography": "delivery",
        "value_type": "framework",
        "correction": "delivery",
        "status": "status",
    }
)

#: The dimensions :func:`~socialvalue.batch.value_many` groups by (attributes of each delivery).
DELIVERY_DIMENSIONS: tuple[str, ...] = tuple(
    name for name, source in DIMENSIONS.items() if source == "delivery"
)
