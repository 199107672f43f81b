"""The data's words in Welsh: a translations file per framework, English as the fallback per string."""

import pytest

import socialvalue as sv
from socialvalue.io import (
    load_translations,
    save,
    shipped_commitments,
    shipped_framework,
    shipped_translations,
)
from socialvalue.report import Formatter, build_report, render_html, render_members_html
from socialvalue.report._text import untranslated
from socialvalue.translations import TitleTranslations


def test_the_shipped_welsh_titles_cover_the_whole_lcrca_framework():
    framework = shipped_framework()
    welsh = shipped_translations("lcrca", "cy_GB")
    assert welsh.draft
    codes = {theme.code for theme in framework.themes}
    codes |= {outcome.code for theme in framework.themes for outcome in theme.outcomes}
    codes |= set(framework.measure_codes())
    codes |= {f"{d.id}:{v.code}" for d in framework.dimensions for v in d.values}
    codes |= {f"unit:{framework.unit(m.unit).code}" for m in framework.measures()} - {"unit:gbp"}
    codes |= {f"commitment:{c.id}" for c in shipped_commitments().commitments}
    assert codes <= set(welsh.titles)
    unknown = set(welsh.titles) - codes - {"unit:day", "unit:week"}
    assert unknown == set()


def test_translations_round_trip_through_toml(tmp_path):
    made = TitleTranslations(framework="demo", locale="cy_GB", titles={"DC-EMP-1": "Swyddi"})
    save(made, tmp_path / "t.toml")
    assert load_translations(tmp_path / "t.toml") == made


@pytest.fixture(scope="module")
def report():
    return build_report(
        sv.io.example_deliveries(),
        sv.default_methodology(),
        title="Adroddiad",
        authority="Awdurdod",
        period="2022/23",
        commitments=shipped_commitments().commitments,
    )


def test_a_welsh_report_uses_the_titles_and_lists_what_it_could_not_translate(report):
    titles = shipped_translations("lcrca", "cy_GB").by_english(shipped_framework())
    welsh = Formatter(locale="cy_GB", titles=titles)
    members = render_members_html(report, welsh, charts=False)
    assert "<h3>Comisiynydd</h3>" in members
    assert "Oriau gwirfoddoli a roddwyd i sefydliadau cymunedol" in members
    assert "Volunteering hours given to community organisations" not in members
    missing = untranslated(report, welsh)
    # The commitments' titles have no Welsh yet: shown in English, and listed.
    assert report.commitments[0].title in missing
    assert "Employer" not in missing
    annex = render_html(report, welsh, charts=False)
    assert "Yn Saesneg (dim cyfieithiad yn y data)" in annex
    assert untranslated(report, Formatter()) == ()
