"""Issue 17's done-when: the cy_GB report of the example shows no English from the library's own
catalogue (workings, reasons, kinds included), nor does `socialvalue --language cy_GB value`;
the data strings it could not translate are listed."""

import re

import pytest
from babel.messages.pofile import read_po

import socialvalue as sv
from socialvalue._phrases import Phrase, english, phrase
from socialvalue.cli import main
from socialvalue.cli._context import titles_for
from socialvalue.io import example_spotlights, shipped_commitments
from socialvalue.report import Formatter, build_report, render_html, render_members_html
from socialvalue.report._catalogue import LOCALE_DIR
from socialvalue.report._text import untranslated


def _catalogue(name):
    with (LOCALE_DIR / name).open("rb") as handle:
        return read_po(handle)


def _english_fragments():
    """The words between the placeholders of every msgid whose Welsh differs from it.

    Only fragments of 12 characters or more: shorter ones ("quantity", "total") are also words
    of the data, which is shown as written where it has no translation.
    """
    welsh = {m.id: m.string for m in _catalogue("cy_GB/LC_MESSAGES/socialvalue.po") if m.id}
    fragments = set()
    for message in _catalogue("socialvalue.pot"):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        translated = welsh[message.id]
        forms = translated if isinstance(translated, tuple) else (translated,)
        for text in ids:
            for piece in re.split(r"\{\w+\}", text):
                fragment = piece.strip(" .,:;()—…*†")
                if len(fragment) >= 12 and not any(fragment in form for form in forms):
                    fragments.add(fragment)
    return fragments


FRAGMENTS = _english_fragments()


def _visible(html):
    html = re.sub(r"<(style|script)>.*?</\1>", " ", html, flags=re.DOTALL)
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.DOTALL)
    text = re.sub(r"<[^>]+>", " ", html)
    text = text.replace("&#39;", "'").replace("&amp;", "&").replace("&quot;", '"')
    return re.sub(r"\s+", " ", text)


def _without(text, data):
    """``text`` without the data's own strings (shown in English where untranslated)."""
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(re.sub(r"\s+", " ", item), " ")
    return text


def _data_strings(methodology):
    """Text of the data that may reach a document as written: proxy sources and reasons."""
    data = set()
    for measure in methodology.framework.measures():
        words = methodology.unvalued_reason(measure.code)
        if words:
            data.add(words)
    for layer in methodology.registry.layers:
        for value in layer.values:
            data.add(value.source.cite())
            data.add(str(value.licence))
            data.update(value.derivation)
    return data


def test_the_fragments_are_what_the_check_needs():
    # The catalogue's words of the working and the reasons are among them: the check below
    # can fail on each of these.
    assert "none needed: already in" in FRAGMENTS
    assert any(f.startswith("a transfer (money or resources moved") for f in FRAGMENTS)
    assert any(f.startswith("totals are summed before rounding") for f in FRAGMENTS)
    assert len(FRAGMENTS) > 150


@pytest.fixture(scope="module")
def documents():
    methodology = sv.default_methodology()
    commitments = shipped_commitments().commitments
    report = build_report(
        sv.io.example_deliveries(),
        methodology,
        title="Adroddiad",
        authority="Awdurdod",
        period="2022/23",
        commitments=commitments,
        spotlights=example_spotlights().spotlights,
    )
    titles = titles_for(
        methodology.framework,
        "cy_GB",
        commitments=commitments,
        registries=methodology.registry.layers,
    )
    welsh = Formatter(locale="cy_GB", rounding=report.rounding, titles=titles)
    english_ = Formatter(locale="en_GB", rounding=report.rounding)
    return {
        "report": report,
        "welsh": welsh,
        "methodology": methodology,
        "members": (
            _visible(render_members_html(report, welsh, annex_href="a.html", charts=False)),
            _visible(render_members_html(report, english_, annex_href="a.html", charts=False)),
        ),
        "annex": (
            _visible(render_html(report, welsh, members_href="m.html", charts=False)),
            _visible(render_html(report, english_, members_href="m.html", charts=False)),
        ),
    }


@pytest.mark.parametrize("name", ["members", "annex"])
def test_the_welsh_documents_have_no_english_from_the_catalogue(documents, name):
    cy, en = documents[name]
    data = set(untranslated(documents["report"], documents["welsh"]))
    data |= _data_strings(documents["methodology"])
    shown_in_english = [fragment for fragment in FRAGMENTS if fragment in _without(en, data)]
    assert len(shown_in_english) > (40 if name == "annex" else 10)  # the check has teeth
    left = sorted(fragment for fragment in FRAGMENTS if fragment in _without(cy, data))
    assert left == []


def test_the_welsh_annex_shows_the_working_and_reasons_in_welsh(documents):
    cy, _en = documents["annex"]
    assert "ailseilio: prisiau 2022/23 → 2024/25 gyda gdp-deflator-hmt-2026-03" in cy
    assert "pwysau marw: 0% (rhagdybiaeth ddiofyn)" in cy
    assert "trosglwyddiad (arian neu adnoddau wedi'u symud" in cy
    assert "gall gyfrif yr un gweithgarwch â LCR-EMP-1" in cy


def test_welsh_value_has_no_english_from_the_catalogue(capsys):
    assert main(["--language", "cy_GB", "value", "--explain"]) == 0
    cy = re.sub(r"\s+", " ", capsys.readouterr().out)
    assert main(["value", "--explain"]) == 0
    en = re.sub(r"\s+", " ", capsys.readouterr().out)
    methodology = sv.default_methodology()
    data = _data_strings(methodology) | {"Social Value Annual Report 2023", methodology.title}
    assert len([f for f in FRAGMENTS if f in _without(en, data)]) > 30
    assert sorted(f for f in FRAGMENTS if f in _without(cy, data)) == []


def test_untranslated_data_strings_are_listed_and_nothing_of_the_catalogue(documents):
    listed = untranslated(documents["report"], documents["welsh"])
    # The methodology's own words on why a measure is not valued, and project names: data.
    assert any(text.startswith("Local jobs are counted, not valued.") for text in listed)
    assert "Kindred" in listed
    # The library's reasons are catalogue text, translated: never listed as data.
    assert not any(
        text.startswith(("a transfer", "may count the same", "overlaps ")) for text in listed
    )
    cy, _en = documents["annex"]
    assert "Kindred" in cy.split("Yn Saesneg (dim cyfieithiad yn y data)")[1]


def test_a_phrase_is_said_in_english_and_in_welsh():
    said = phrase("rebase_same", base="2024/25")
    assert english(said) == "none needed: already in 2024/25 prices"
    assert Formatter(locale="cy_GB").phrase(said) == "dim angen: eisoes ym mhrisiau 2024/25"
    nested = phrase("reason_target_unvalued", reason=phrase("no_value_hint_empty"))
    assert isinstance(nested.values[0][1], Phrase)
    assert english(nested).endswith("not valued either:  (it holds no values)")


def test_a_registrys_derivation_is_data_text_translated_by_the_titles_or_listed(documents):
    cy, _en = documents["annex"]
    assert "derivation: LCR-SKL-1 fesul dechreuwr" not in cy  # the step's name is Welsh too
    assert "deilliad: LCR-SKL-1 fesul dechreuwr = budd economaidd blynyddol" in cy
    report = documents["report"]
    derivations = {step.text for e in report.trace for step in e.steps if step.name == "derivation"}
    assert derivations
    # Without the registry's Welsh, the derivation is shown in English, and listed.
    bare = Formatter(locale="cy_GB", rounding=report.rounding)
    assert derivations <= set(untranslated(report, bare))
    assert not derivations & set(untranslated(report, documents["welsh"]))
