"""Registry files (TOML, JSON, CSV): round trips, and one small bad file per validation rule."""

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from strategies import proxy_registries

from socialvalue import DataFileError, ProxyRegistry, load_registry
from socialvalue.io import (
    CSV_COLUMNS,
    dumps,
    load_registry_csv,
    loads,
    registry_from_csv_text,
    registry_to_csv_text,
    save_registry,
    shipped_framework,
    shipped_registry,
)

BAD = Path(__file__).parent / "data" / "bad_registries"
BAD_TOML = sorted(BAD.glob("*.toml"))


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("# expect: ")
    return first.removeprefix("# expect: ")


@given(proxy_registries())
def test_registries_round_trip_through_toml_and_json(registry):
    for fmt in ("toml", "json"):
        assert loads(dumps(registry, format=fmt), ProxyRegistry, format=fmt) == registry


@given(proxy_registries())
def test_registry_values_round_trip_through_csv(registry):
    text = registry_to_csv_text(registry)
    back = registry_from_csv_text(
        text,
        source="x.csv",
        id=registry.id,
        title=registry.title,
        version=registry.version,
        publisher=registry.publisher,
        licence=registry.licence,
    )
    assert back.values == registry.values


def test_shipped_registry_round_trips_through_files(tmp_path):
    registry = shipped_registry()
    for name in ("open.toml", "open.json", "open.csv"):
        save_registry(registry, tmp_path / name)
        loaded = load_registry(tmp_path / name)
        assert loaded.values == registry.values
        assert loaded.origin == str(tmp_path / name)
    assert load_registry(tmp_path / "open.toml") == registry
    assert not list(tmp_path.glob(".*.tmp"))


def test_csv_header_is_documented_and_complete():
    header = registry_to_csv_text(shipped_registry()).splitlines()[0]
    assert header.split(",") == list(CSV_COLUMNS)


def test_a_csv_exported_from_a_spreadsheet_loads(tmp_path):
    path = tmp_path / "council-values.csv"
    path.write_text(
        "\ufeffcode,unit,value,price_year,valid_from,valid_to,geography,source_title,"
        "source_publisher,source_address,licence,verification,note\n"
        "LCR-COM-1,hour,12.34,2023/24,2022-04-01,2026-03-31,Liverpool City Region,"
        "Synthetic values for tests,Demo Council,,"
        "public domain,primary,Synthetic; not a proxy value\n"
        ",,,,,,,,,,,,\n",
        encoding="utf-8",
    )
    registry = load_registry_csv(path, publisher="Demo Council")
    assert registry.id == "council-values"
    (value,) = registry.values
    assert (value.measure, str(value.value), value.price_base.label) == (
        "LCR-COM-1",
        "12.34",
        "2023/24",
    )
    stack = registry.layered_over(shipped_registry())
    stack.check_against(shipped_framework())
    hit = stack.lookup("LCR-COM-1", dt.date(2024, 5, 1), "Liverpool City Region")
    assert (hit.layer, hit.origin) == ("council-values", str(path))


@pytest.mark.parametrize("path", BAD_TOML, ids=[p.stem for p in BAD_TOML])
def test_bad_registry_file(path):
    with pytest.raises(DataFileError) as info:
        load_registry(path)
    assert info.value.file == str(path)
    assert _expected(path) in str(info.value), str(info.value)


CSV_EXPECTED = {
    "unknown_column": [
        "row 1, column licnce: unknown column; did you mean 'licence'? expected some of "
        + ", ".join(CSV_COLUMNS)
    ],
    "missing_columns": [
        "row 1: missing required columns: price_year, valid_from, source_title, source_publisher, licence"
    ],
    "duplicate_column": ["row 1, column code: column appears twice"],
    "row_errors": [
        "row 3, column value: 'ten' is not a number",
        "row 3, column valid_to: '2024-02-30' is not an ISO date (YYYY-MM-DD)",
        "row 4, column licence: a value is required",
    ],
    "extra_cells": ["row 2: more cells than the header has columns"],
    "overlap": [
        "row 3: M1 in UK: validity 2023-01-01..2023-12-31 overlaps row 2 (2022-04-01..2023-03-31)"
    ],
    "bad_boolean": ["row 2, column net_of_deadweight: 'maybe' is not yes or no"],
    "empty": ["row 1: the file is empty; expected a header row"],
}


@pytest.mark.parametrize("name", sorted(CSV_EXPECTED))
def test_bad_registry_csv(name):
    path = BAD / f"{name}.csv"
    with pytest.raises(DataFileError) as info:
        load_registry(path)
    assert [str(problem) for problem in info.value.problems] == CSV_EXPECTED[name]
    assert str(info.value).startswith(str(path))


def test_every_bad_csv_has_an_expectation():
    assert {p.stem for p in BAD.glob("*.csv")} == set(CSV_EXPECTED)
