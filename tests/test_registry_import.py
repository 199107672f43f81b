"""Bring your own licensed set (issue #15): a registry from a user's XLSX or CSV, as a mapping says.

Nothing licensed is used: the tests write their own synthetic file in the shape of a licensed
value sheet (a reference column, units, a £ value, a year, a source), with invented codes
("XX1" …) and invented values.
"""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from socialvalue import DataFileError, Delivery, default_methodology, value
from socialvalue.cli import main
from socialvalue.crosswalk import CrosswalkLink, MeasureCrosswalk, translate_rollup
from socialvalue.io import (
    import_registry,
    load_crosswalk,
    load_import_mapping,
    load_registry,
    shipped_framework,
)
from socialvalue.rollup import Rollup, RollupError

LICENCE = "Synthetic Values 2026, licensed to Example Council for internal use only"

HEADER = ["Ref", "Measure", "Units", "Proxy Value (£)", "Year", "Valid from", "Source"]
ROWS = [
    ["XX1", "Local people employed", "per FTE-year", "£1,234.50", "2024/25", "2024-04-01", ""],
    ["XX2", "Hours volunteered", "per hour", "12.34", "2024/25", "01/04/2024", "Table 2"],
    ["XX2b", "Hours volunteered (staff)", "per hour", "12.34", "2024/25", "2023-04-01", ""],
    ["XX9", "Something our framework does not have", "per item", "5", "2024/25", "2024-04-01", ""],
]

CROSSWALK = """\
schema = "socialvalue/crosswalk/1"
id = "synthetic-to-lcrca"
title = "Synthetic codes to LCRCA measures"
from_scheme = "synthetic-2026"
to_scheme = "lcrca"

[[links]]
code = "XX1"
to = "LCR-EMP-1"

[[links]]
code = "XX2"
to = "LCR-COM-1"
"""

MAPPING = f"""\
schema = "socialvalue/registry-import/1"
id = "ours"
title = "Our licensed values"
version = "2026"
publisher = "Example Council"
licence = "{LICENCE}"
verification = "primary"
crosswalk = "crosswalk.toml"

[source]
title = "Synthetic Values 2026"
publisher = "A value publisher"

[columns]
code = "Ref"
value = "Proxy Value (£)"
unit = "Units"
price_year = "Year"
valid_from = "Valid from"
source = "Source"

[units]
"per FTE-year" = "fte_year"
"per hour" = "hour"
"""


def write_csv(path, rows=ROWS, header=HEADER):
    lines = [",".join(f'"{cell}"' for cell in row) for row in [header, *rows]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def mapping(tmp_path):
    (tmp_path / "crosswalk.toml").write_text(CROSSWALK, encoding="utf-8")
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def test_import_a_csv_through_a_mapping_and_a_crosswalk(tmp_path, mapping):
    result = import_registry(
        write_csv(tmp_path / "licensed.csv"), mapping=mapping, framework=shipped_framework()
    )
    registry = result.registry
    assert [(v.measure, v.unit, v.value) for v in registry.values] == [
        ("LCR-EMP-1", "fte_year", Decimal("1234.50")),
        ("LCR-COM-1", "hour", Decimal("12.34")),
    ]
    assert {v.licence for v in registry.values} == {LICENCE}
    assert registry.values[1].valid_from == dt.date(2024, 4, 1)
    assert registry.values[1].source.title == "Table 2"
    assert registry.values[0].source.title == "Synthetic Values 2026"
    assert result.unmapped == ((4, "XX2b"), (5, "XX9"))
    assert result.rows == 4
    assert result.problems == ()


def test_the_licence_travels_into_the_valuation(tmp_path, mapping):
    ours = import_registry(write_csv(tmp_path / "licensed.csv"), mapping=mapping).registry
    base = default_methodology()
    methodology = attrs.evolve(base, registries=(ours, *base.registries))
    valuation = value(Delivery(measure="LCR-EMP-1", quantity="2", period="2024/25"), methodology)
    assert f"licence: {LICENCE}" in valuation.explain()
    assert valuation.gross.amount == Decimal("2469.00")


def test_the_licence_travels_into_the_report(tmp_path, mapping):
    from socialvalue.report import Formatter, build_report, render_markdown

    ours = import_registry(write_csv(tmp_path / "licensed.csv"), mapping=mapping).registry
    base = default_methodology()
    methodology = attrs.evolve(base, registries=(ours, *base.registries))
    deliveries = [Delivery(measure="LCR-EMP-1", quantity="3", period="2024/25")]
    built = build_report(deliveries, methodology, title="T", authority="A", period="2024/25")
    text = render_markdown(built, Formatter())
    assert f"licence: {LICENCE}" in text
    assert "layer ours" in text


def test_every_bad_row_is_reported_with_row_and_column(tmp_path, mapping):
    rows = [
        ["XX1", "Jobs", "per FTE-year", "twelve", "2024/25", "2024-04-01", ""],
        ["XX2", "Hours", "per week", "12.34", "2024/25", "2024-13-01", ""],
        ["XX2", "Hours", "per hour", "12.34", "sometime", "2024-04-01", ""],
    ]
    with pytest.raises(DataFileError) as caught:
        import_registry(
            write_csv(tmp_path / "bad.csv", rows), mapping=mapping, framework=shipped_framework()
        )
    text = str(caught.value)
    assert str(tmp_path / "bad.csv") in text
    locations = [problem.location for problem in caught.value.problems]
    assert locations == [
        "row 2, column Proxy Value (£) (D)",
        "row 3, column Units (C)",
        "row 3, column Valid from (F)",
        "row 4, column Year (E)",
    ]
    assert "LCR-COM-1 is counted in 'hour', but this value is per 'per week'" in text
    assert "'2024-13-01' is not a date" in text


def test_lenient_keeps_the_good_rows(tmp_path, mapping):
    rows = [ROWS[0], ["XX2", "Hours", "per hour", "", "2024/25", "2024-04-01", ""]]
    result = import_registry(write_csv(tmp_path / "some.csv", rows), mapping=mapping, strict=False)
    assert [v.measure for v in result.registry.values] == ["LCR-EMP-1"]
    assert [p.location for p in result.problems] == ["row 3, column Proxy Value (£) (D)"]


def test_a_missing_column_and_two_values_for_one_measure(tmp_path, mapping):
    with pytest.raises(DataFileError, match="no column 'Proxy Value \\(£\\)'"):
        import_registry(write_csv(tmp_path / "x.csv", [], ["Ref", "Value"]), mapping=mapping)
    walk = load_crosswalk(tmp_path / "crosswalk.toml")
    many = attrs.evolve(
        load_import_mapping(mapping),
        crosswalk=attrs.evolve(
            walk, links=[*walk.links, CrosswalkLink(code="XX2b", to="LCR-COM-1")]
        ),
    )
    rows = [ROWS[1], ["XX2b", "Hours", "per hour", "13", "2024/25", "2024-04-01", ""]]
    with pytest.raises(DataFileError, match=r"row 3: LCR-COM-1 in UK: validity .* overlaps row 2"):
        import_registry(write_csv(tmp_path / "two.csv", rows), mapping=many)


def test_an_xlsx_file(tmp_path, mapping):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["XX1", "Jobs", "per FTE-year", 1234.5, "2024/25", dt.date(2024, 4, 1), None])
    book.save(tmp_path / "licensed.xlsx")
    result = import_registry(tmp_path / "licensed.xlsx", mapping=mapping)
    assert [(v.measure, v.value, v.valid_from) for v in result.registry.values] == [
        ("LCR-EMP-1", Decimal("1234.5"), dt.date(2024, 4, 1))
    ]


def test_the_registry_import_command(tmp_path, mapping, capsys):
    source = write_csv(tmp_path / "licensed.csv")
    out = tmp_path / "ours.toml"
    args = ["registry", "import", str(source), "--mapping", str(mapping), "-o", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert f"registry 'ours', 2 values for 2 measures from 4 rows of {source}" in printed
    assert f"licence: {LICENCE}" in printed
    assert "2 rows left out, not in the crosswalk: XX2b, XX9" in printed
    assert {v.licence for v in load_registry(out).values} == {LICENCE}
    bad = write_csv(tmp_path / "bad.csv", [["XX1", "J", "per FTE-year", "x", "2024/25", "", ""]])
    assert main(["registry", "import", str(bad), "--mapping", str(mapping), "-o", str(out)]) == 1
    assert "row 2, column Proxy Value (£) (D)" in capsys.readouterr().err


def test_a_crosswalk_maps_each_code_once():
    with pytest.raises(ValueError, match="XX1 is mapped twice"):
        MeasureCrosswalk(
            id="w",
            title="W",
            from_scheme="a",
            to_scheme="b",
            links=[CrosswalkLink(code="XX1", to="A"), CrosswalkLink(code="XX1", to="B")],
        )


def test_a_rollup_in_another_frameworks_terms():
    methodology = default_methodology()
    deliveries = [
        Delivery(measure="LCR-COM-2", quantity="100", period="2024/25", project="P"),
        Delivery(measure="LCR-COM-3", quantity="250.5", period="2024/25", project="P"),
        Delivery(measure="LCR-COM-1", quantity="10", period="2025/26", project="P"),
        Delivery(measure="LCR-SKL-6", quantity="2", period="2024/25", project="Q"),
    ]
    # Donations and in-kind gifts are transfers (#13); counted here, as the crosswalk is the point.
    methodology = attrs.evolve(methodology, count_transfers=True)
    rollup = Rollup.of(deliveries, methodology, ("project", "measure"))
    walk = MeasureCrosswalk(
        id="lcrca-to-ours",
        title="LCRCA to our reporting codes",
        from_scheme="lcrca",
        to_scheme="ours",
        links=[
            CrosswalkLink(code="LCR-COM-2", to="GIVING"),
            CrosswalkLink(code="LCR-COM-3", to="GIVING"),  # many-to-one
            CrosswalkLink(code="LCR-COM-1", to="VOLUNTEERING"),
        ],
    )
    translated = translate_rollup(rollup, walk)
    assert translated.unmapped == ("LCR-SKL-6",)
    giving = translated.rollup.rows[("P", "GIVING")]
    assert giving.gross == Decimal("350.5")  # £ amounts in 2024/25, already in price base
    assert giving.quantity is None  # two measures: quantities are not added
    assert translated.rollup.rows[("P", "VOLUNTEERING")].quantity == Decimal(10)
    assert translated.unmapped_totals.gross == Decimal(2800)
    total = translated.rollup.total() + translated.unmapped_totals
    assert (total.gross, total.count) == (rollup.total().gross, rollup.total().count)
    with pytest.raises(RollupError, match="grouped by measure"):
        translate_rollup(rollup.regroup(("project",)), walk)


def test_a_mapped_heading_that_appears_twice_is_refused(tmp_path, mapping):
    # Two "Ref" columns: the first used to be read silently; the mapping cannot say which.
    header = [*HEADER, "Ref"]
    rows = [[*ROWS[0], "XX2"]]
    with pytest.raises(DataFileError) as raised:
        import_registry(write_csv(tmp_path / "twice.csv", rows, header), mapping=mapping)
    [problem] = raised.value.problems
    assert problem.location == "row 1, column Ref"
    assert "columns A and H" in problem.message


def test_a_negative_value_is_refused_with_its_row_and_column(tmp_path, mapping):
    # A minus sign in a value sheet was imported and then subtracted from every total.
    rows = [
        ["XX1", "Local people employed", "per FTE-year", "-1,234.50", "2024/25", "2024-04-01", ""]
    ]
    with pytest.raises(DataFileError) as raised:
        import_registry(write_csv(tmp_path / "minus.csv", rows), mapping=mapping)
    [problem] = raised.value.problems
    assert problem.location == "row 2, column Proxy Value (£) (D)"
    assert problem.message == "'-1,234.50' is negative; a value per unit cannot be"


def test_a_value_for_a_measure_never_valued_with_a_proxy_is_refused_at_import(tmp_path, mapping):
    # A code mapped to a financial (LCR-COM-2) or record-only (LCR-SKL-3) measure was imported
    # and written; the registry then failed only when a methodology layered it. (LCR-INV-2, used
    # here before, is now a financial measure of value type transfer: #13.)
    walk = load_crosswalk(tmp_path / "crosswalk.toml")
    loaded = load_import_mapping(mapping)
    money = attrs.evolve(
        loaded,
        crosswalk=attrs.evolve(
            walk,
            links=[
                CrosswalkLink(code="XX1", to="LCR-SKL-3"),
                CrosswalkLink(code="XX2", to="LCR-COM-2"),
            ],
        ),
        units={"per FTE-year": "gbp", "per hour": "gbp"},
    )
    with pytest.raises(DataFileError) as raised:
        import_registry(
            write_csv(tmp_path / "money.csv", ROWS[:2]),
            mapping=money,
            framework=shipped_framework(),
        )
    advice = "it is never valued with a proxy: leave its code out of the crosswalk"
    assert [(p.location, p.message) for p in raised.value.problems] == [
        (
            "row 2, column Ref (A)",
            f"LCR-SKL-3 (mapped from XX1) is a record-only measure; {advice}",
        ),
        ("row 3, column Ref (A)", f"LCR-COM-2 (mapped from XX2) is a financial measure; {advice}"),
    ]


# --- hardening (issue #12) applied to the import of a licensed set ---------------------------


def write_rows(path, rows, header=HEADER):
    """A CSV written by the csv module (cells may hold quotes and commas)."""
    import csv

    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream).writerows([header, *rows])
    return path


def test_registry_import_reads_numbers_and_dates_with_the_one_grammar(tmp_path, mapping):
    rows = [
        ["XX1", "x", "per FTE-year", "-", "2024/25", "2024-04-01", ""],
        ["XX2", "x", "per hour", "١٢", "2024/25", "2024-04-01", ""],
        ["XX2", "x", "per hour", "1e99", "2024/25", "2024-04-01", ""],
        ["XX2", "x", "per hour", "1", "2024/25", "٢٠٢٤-٠٤-٠١", ""],
        ["XX2", "x", "per hour", "1", "2024/25", "01/04/9999", ""],
        ["XX2", "x", "per hour", "1", "2024/25", "20240401", ""],
    ]
    with pytest.raises(DataFileError) as info:
        import_registry(write_rows(tmp_path / "hostile.csv", rows), mapping=mapping)
    text = str(info.value)
    assert "row 2, column Proxy Value (£) (D): '-' is a sign without a number" in text
    assert "row 3, column Proxy Value (£) (D): '١٢' is not a number" in text
    assert "row 4, column Proxy Value (£) (D): '1e99' is not a number" in text
    assert "row 5, column Valid from (F): '٢٠٢٤-٠٤-٠١' is not a date" in text
    assert "row 6, column Valid from (F): 9999-04-01 is outside the years 1900–2199" in text
    assert "row 7, column Valid from (F): '20240401' is not a date" in text


def test_registry_import_keeps_formulas_as_text_and_guards_them_when_written(tmp_path, mapping):
    formula = '=HYPERLINK("http://evil.example","x")'
    rows = [["XX2", "x", "per hour", "1", "2024/25", "2024-04-01", formula]]
    made = import_registry(write_rows(tmp_path / "f.csv", rows), mapping=mapping).registry
    assert made.values[0].source.title == formula
    out = tmp_path / "ours.csv"
    assert main(["registry", "import", str(tmp_path / "f.csv"), "--mapping", str(mapping),
                 "-o", str(out)]) == 0  # fmt: skip
    assert f"'{formula}".replace('"', '""') in out.read_text(encoding="utf-8")
    assert load_registry(out).values[0].source.title == formula


@pytest.mark.parametrize("reference", ["../crosswalk.toml", "/etc/passwd"])
def test_a_mappings_crosswalk_must_lie_in_its_folder(tmp_path, reference):
    (tmp_path / "crosswalk.toml").write_text(CROSSWALK, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "mapping.toml"
    path.write_text(
        MAPPING.replace('crosswalk = "crosswalk.toml"', f'crosswalk = "{reference}"'),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError) as info:
        load_import_mapping(path)
    assert str(info.value).startswith(f"{path}: crosswalk: '{reference}' ")
    assert "mapping's folder" in str(info.value)
    assert "root:" not in str(info.value)  # nothing of the refused file is echoed


def test_a_mapping_over_the_limits_is_a_data_file_error(tmp_path):
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 100_000, encoding="utf-8")
    with pytest.raises(DataFileError, match="nested deeper than the limit"):
        load_import_mapping(deep)
    listed = tmp_path / "list.json"
    listed.write_text("[1]", encoding="utf-8")
    with pytest.raises(DataFileError, match="expected a table at the top level"):
        load_import_mapping(listed)
