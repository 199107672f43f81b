"""The command line's own words in Welsh, and the commitments' titles with the framework's."""

import re

from babel.messages.pofile import read_po

from socialvalue.cli import main
from socialvalue.cli._context import titles_for
from socialvalue.cli._words import CLI_MESSAGES, say, say_count
from socialvalue.io import shipped_commitments, shipped_framework
from socialvalue.report._catalogue import LOCALE_DIR


def _english_words(text):
    """The English msgids of the command line's messages whose words appear in ``text``."""
    found = []
    for message in CLI_MESSAGES.values():
        for english in message if isinstance(message, tuple) else (message,):
            words = [w for w in re.split(r"\{\w+\}", english) if len(w.strip()) > 3]
            if words and all(w.strip() in text for w in words):
                found.append(english)
    return found


def test_every_command_line_message_is_in_the_welsh_catalogue_with_its_plurals():
    with (LOCALE_DIR / "cy_GB/LC_MESSAGES/socialvalue.po").open("rb") as handle:
        welsh = {m.id: m.string for m in read_po(handle) if m.id}
    for message in CLI_MESSAGES.values():
        translated = welsh[message]
        forms = translated if isinstance(translated, tuple) else (translated,)
        assert len(forms) == (6 if isinstance(message, tuple) else 1)
        assert all(forms), message  # ("{n} problem" is Welsh too: the same word)


def test_say_falls_back_to_english_and_uses_welsh_plural_forms():
    assert say("en_GB", "returns_title", name="r.csv") == "Returns from r.csv"
    assert say("fr_FR", "returns_title", name="r.csv") == "Returns from r.csv"  # no catalogue
    assert say_count("cy_GB", "rows_rejected", 1) == "1 rhes wedi'i gwrthod"
    assert say_count("cy_GB", "rows_rejected", 12000) == "12,000 rhes wedi'u gwrthod"


def test_report_and_validate_speak_welsh(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--locale", "cy_GB", "-o", "cy.html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ysgrifennwyd cy.html")
    assert "yr atodiad technegol yw cy-annex.html" in out
    assert _english_words(out) == []
    (tmp_path / "returns.csv").write_text(
        "measure,quantity,period\nLCR-EMP-1,abc,2022/23\nLCR-EMP-1,2,2022/23\n", encoding="utf-8"
    )
    assert main(["--language", "cy_GB", "validate", "returns.csv"]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith("returns.csv: 1 rhes wedi'i gwrthod (1 problem; y cyntaf: row 2")
    assert "rhowch --rejected FILE" in first
    (tmp_path / "good.csv").write_text(
        "measure,quantity,period\nLCR-EMP-1,2,2022/23\n", encoding="utf-8"
    )
    assert main(["--language", "cy_GB", "validate", "good.csv"]) == 0
    assert (
        capsys.readouterr().out.strip() == "good.csv: iawn — 1 cyflawniad, pob rhes wedi'i derbyn"
    )


def test_the_shipped_commitments_have_welsh_titles_in_the_frameworks_table():
    commitments = shipped_commitments().commitments
    titles = titles_for(shipped_framework(), "cy_GB", commitments=commitments)
    assert all(c.title in titles for c in commitments)
    assert titles["Register as a Disability Confident Leader (Level 3)"].startswith("Cofrestru")
    assert titles_for(shipped_framework(), "en_GB", commitments=commitments) == {}
