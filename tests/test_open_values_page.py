"""docs/open-values.md is generated from the shipped data and must not drift from it."""

import runpy
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"


def test_the_open_values_page_matches_the_shipped_data():
    render = runpy.run_path(str(DOCS / "_open_values.py"))["render"]
    page = (DOCS / "open-values.md").read_text(encoding="utf-8")
    if page != render():
        pytest.fail("docs/open-values.md is out of date: run python docs/_open_values.py")


def test_the_page_lists_every_shipped_value_and_gap():
    page = (DOCS / "open-values.md").read_text(encoding="utf-8")
    registries = ("desnz-carbon", "ons-ashe", "dwp-swap", "gmca-ucd-skills", "ons-ashe-earnings")
    for registry in (*registries, "hmt-wellbeing"):
        assert f"### `{registry}`" in page
    assert "| LCR-COM-1 | 2025-04-01 to 2026-03-31 | GBP 17.96 |" in page
    assert "| LCR-SPD-1 | Money spent locally is recorded in pounds" in page
    assert "values 4 of them: LCR-SKL-1, LCR-SKL-6, LCR-COM-1, LCR-ENV-2" in page
    assert "| LCR-SKL-1 | 2021-08-01 to 2026-07-31 | GBP 645.072 |" in page
    assert "| LCR-SKL-1 |" not in page.split("Measures with no value by default")[1].split("###")[0]
