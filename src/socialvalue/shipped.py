"""Deprecated: the shipped data is read at the edge, by :mod:`socialvalue.io`.

Every name this module had is importable from ``socialvalue.io`` (``default_methodology`` from
``socialvalue`` too); importing it from here warns, and stops working in the next release.
"""

from socialvalue._deprecated import moved_names

__all__: list[str] = []

__getattr__ = moved_names(
    "socialvalue.shipped",
    {
        name: f"socialvalue.io.{name}"
        for name in (
            "SHIPPED_COMMITMENTS",
            "SHIPPED_DISCOUNT_SCHEDULES",
            "SHIPPED_EXAMPLES",
            "SHIPPED_FRAMEWORKS",
            "SHIPPED_METHODOLOGIES",
            "SHIPPED_PRICE_INDICES",
            "SHIPPED_REGISTRIES",
            "default_methodology",
            "example_deliveries",
            "shipped_commitments",
            "shipped_discount_schedule",
            "shipped_framework",
            "shipped_price_index",
            "shipped_registry",
        )
    },
)
