"""Files: TOML and JSON documents through one strict cattrs converter; atomic writes.

Loading never executes data: TOML and JSON are parsed as data only, numbers are read as exact
decimals, files over a size limit are refused, and every problem is reported with the file and
key path it was found at.
"""

from socialvalue.io._converter import make_converter
from socialvalue.io._files import MAX_FILE_BYTES, atomic_write_text, read_text
from socialvalue.io._formats import (
    Format,
    dumps,
    format_of,
    load,
    load_any,
    load_commitments,
    load_deliveries,
    load_framework,
    load_price_index,
    load_registry,
    loads,
    save,
    save_commitments,
    save_deliveries,
    save_framework,
    save_registry,
    structure,
    unstructure,
)
from socialvalue.io._methodology import (
    load_methodology,
    methodology_from_text,
    save_methodology,
)
from socialvalue.io._registry_csv import (
    CSV_COLUMNS,
    REQUIRED_CSV_COLUMNS,
    load_registry_csv,
    registry_from_csv_text,
    registry_to_csv_text,
    save_registry_csv,
)

__all__ = [
    "CSV_COLUMNS",
    "MAX_FILE_BYTES",
    "REQUIRED_CSV_COLUMNS",
    "Format",
    "atomic_write_text",
    "dumps",
    "format_of",
    "load",
    "load_any",
    "load_commitments",
    "load_deliveries",
    "load_framework",
    "load_methodology",
    "load_price_index",
    "load_registry",
    "load_registry_csv",
    "loads",
    "make_converter",
    "methodology_from_text",
    "read_text",
    "registry_from_csv_text",
    "registry_to_csv_text",
    "save",
    "save_commitments",
    "save_deliveries",
    "save_framework",
    "save_methodology",
    "save_registry",
    "save_registry_csv",
    "structure",
    "unstructure",
]
