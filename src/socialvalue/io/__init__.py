"""The edge where data comes in and goes out: files, bundles, returns, exports, shipped data.

Reading the package's own data files is I/O too, so it lives here, not in the core. A *return*
is a file of rows a supplier fills in (``read_returns``, ``write_returns``, ``make_template``);
a *delivery* is the model each row becomes (``load_deliveries``/``save_deliveries`` read and
write TOML or JSON documents of them). TOML and JSON documents go through one strict cattrs
converter; writes are atomic.

Loading never executes data: TOML and JSON are parsed as data only, numbers are read as exact
decimals, files over a size limit are refused, and every problem is reported with the file and
key path it was found at.
"""

from socialvalue._deprecated import moved_names
from socialvalue.io._any import load_any
from socialvalue.io._columns import (
    COLUMN_ALIASES,
    IGNORED_COLUMNS,
    REQUIRED_COLUMNS,
    RETURN_COLUMNS,
    VALUATION_COLUMNS,
    match_columns,
)
from socialvalue.io._converter import make_converter
from socialvalue.io._export import export_valuations, write_returns
from socialvalue.io._files import (
    MAX_FILE_BYTES,
    atomic_write_bytes,
    atomic_write_text,
    read_text,
)
from socialvalue.io._formats import (
    Format,
    dumps,
    format_of,
    load,
    load_commitments,
    load_deliveries,
    load_framework,
    load_price_index,
    load_registry,
    load_spotlights,
    load_translations,
    loads,
    save,
    save_commitments,
    save_deliveries,
    save_framework,
    save_registry,
    structure,
    unstructure,
)
from socialvalue.io._import import AcceptedRow, ImportLimits, ImportResult, RejectedRow
from socialvalue.io._methodology import (
    SHIPPED_METHODOLOGIES,
    default_methodology,
    load_methodology,
    methodology_diff,
    methodology_from_text,
    save_methodology,
)
from socialvalue.io._open_data import (
    SHIPPED_DERIVATIONS,
    SHIPPED_UNVALUED_REASONS,
    SHIPPED_WELLBY,
    load_derivation,
    load_unvalued_reasons,
    load_wellby,
    shipped_derivation,
    shipped_unvalued_reasons,
    shipped_wellby,
)
from socialvalue.io._registry_csv import (
    CSV_COLUMNS,
    REQUIRED_CSV_COLUMNS,
    load_registry_csv,
    registry_from_csv_text,
    registry_to_csv_text,
    save_registry_csv,
)
from socialvalue.io._registry_import import (
    CROSSWALK_SCHEMA,
    IMPORT_MAPPING_SCHEMA,
    ImportColumns,
    ImportDefaults,
    RegistryImport,
    RegistryImportMapping,
    import_registry,
    load_crosswalk,
    load_import_mapping,
)
from socialvalue.io._returns import ReturnRows, iter_returns, read_returns, write_rejected
from socialvalue.io._shipped import (
    MERGED_REGISTRIES,
    SHIPPED_COMMITMENTS,
    SHIPPED_DISCOUNT_SCHEDULES,
    SHIPPED_EXAMPLES,
    SHIPPED_FRAMEWORKS,
    SHIPPED_PRICE_INDICES,
    SHIPPED_REGISTRIES,
    SHIPPED_SPOTLIGHTS,
    SHIPPED_TRANSLATIONS,
    example_deliveries,
    example_spotlights,
    shipped_commitments,
    shipped_discount_schedule,
    shipped_framework,
    shipped_price_index,
    shipped_registry,
    shipped_translations,
)
from socialvalue.io._template import TEMPLATE_COLUMNS, make_template
from socialvalue.io._validate import (
    check_deliveries_file,
    fit_problems_in_file,
    holds_deliveries,
)

__all__ = [
    "COLUMN_ALIASES",
    "CROSSWALK_SCHEMA",
    "CSV_COLUMNS",
    "IGNORED_COLUMNS",
    "IMPORT_MAPPING_SCHEMA",
    "MAX_FILE_BYTES",
    "MERGED_REGISTRIES",
    "REQUIRED_COLUMNS",
    "REQUIRED_CSV_COLUMNS",
    "RETURN_COLUMNS",
    "SHIPPED_COMMITMENTS",
    "SHIPPED_DERIVATIONS",
    "SHIPPED_DISCOUNT_SCHEDULES",
    "SHIPPED_EXAMPLES",
    "SHIPPED_FRAMEWORKS",
    "SHIPPED_METHODOLOGIES",
    "SHIPPED_PRICE_INDICES",
    "SHIPPED_REGISTRIES",
    "SHIPPED_SPOTLIGHTS",
    "SHIPPED_TRANSLATIONS",
    "SHIPPED_UNVALUED_REASONS",
    "SHIPPED_WELLBY",
    "TEMPLATE_COLUMNS",
    "VALUATION_COLUMNS",
    "AcceptedRow",
    "Format",
    "ImportColumns",
    "ImportDefaults",
    "ImportLimits",
    "ImportResult",
    "RegistryImport",
    "RegistryImportMapping",
    "RejectedRow",
    "ReturnRows",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_deliveries_file",
    "default_methodology",
    "dumps",
    "example_deliveries",
    "example_spotlights",
    "export_valuations",
    "fit_problems_in_file",
    "format_of",
    "holds_deliveries",
    "import_registry",
    "iter_returns",
    "load",
    "load_any",
    "load_commitments",
    "load_crosswalk",
    "load_deliveries",
    "load_derivation",
    "load_framework",
    "load_import_mapping",
    "load_methodology",
    "load_price_index",
    "load_registry",
    "load_registry_csv",
    "load_spotlights",
    "load_translations",
    "load_unvalued_reasons",
    "load_wellby",
    "loads",
    "make_converter",
    "make_template",
    "match_columns",
    "methodology_diff",
    "methodology_from_text",
    "read_returns",
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
    "shipped_commitments",
    "shipped_derivation",
    "shipped_discount_schedule",
    "shipped_framework",
    "shipped_price_index",
    "shipped_registry",
    "shipped_translations",
    "shipped_unvalued_reasons",
    "shipped_wellby",
    "structure",
    "unstructure",
    "write_rejected",
    "write_returns",
]

__getattr__ = moved_names("socialvalue.io", {"export_deliveries": "socialvalue.io.write_returns"})
