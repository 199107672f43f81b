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
    load_framework,
    loads,
    save,
    save_framework,
    structure,
    unstructure,
)

__all__ = [
    "MAX_FILE_BYTES",
    "Format",
    "atomic_write_text",
    "dumps",
    "format_of",
    "load",
    "load_framework",
    "loads",
    "make_converter",
    "read_text",
    "save",
    "save_framework",
    "structure",
    "unstructure",
]
