"""The library's own words come from Babel message catalogues, and the Welsh report uses them all."""

import io
import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

import socialvalue as sv
from socialvalue.cli._words import CLI_MESSAGES
from socialvalue.io import example_spotlights, shipped_commitments
from socialvalue.report import (
    Formatter,
    build_report,
    render_html,
    render_markdown,
    render_members_html,
)
from socialvalue.report._catalogue import LOCALE_DIR
from socialvalue.report._format import _MESSAGES

SOURCE = Path(__file__).resolve().parent.parent / "src"


def _catalogue(name):
    with (LOCALE_DIR / name).open("rb") as handle:
        return read_po(handle)


def test_the_template_is_what_babel_extracts_from_the_source():
    found = extract_from_dir(
        str(SOURCE), keywords={"N_": None, "Np_": (1, 2)}, method_map=[("**.py", "python")]
    )
    extracted = {
        message if isinstance(message, str) else tuple(message)
        for _filename, _line, message, _comments, _context in found
    }
    template = {m.id for m in _catalogue("socialvalue.pot") if m.id}
    assert template == extracted
    # The report's words and the command line's: one catalogue, every message in one table.
    tables = (*_MESSAGES.values(), *CLI_MESSAGES.values())
    messages = {m if isinstance(m, str) else tuple(m) for m in tables}
    assert messages == template


def test_the_welsh_catalogue_translates_everything_with_every_plural_form():
    welsh = _catalogue("cy_GB/LC_MESSAGES/socialvalue.po")
    assert welsh.num_plurals == 6
    template = {m.id for m in _catalogue("socialvalue.pot") if m.id}
    assert {m.id for m in welsh if m.id} == template
    for message in welsh:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), message.id
        placeholders = set(
            re.findall(
                r"\{(\w+)\}",
                "".join(message.id if isinstance(message.id, tuple) else (message.id,)),
            )
        )
        for string in strings:
            assert set(re.findall(r"\{(\w+)\}", string)) <= placeholders | {"n"}, message.id


def test_the_compiled_catalogue_is_compiled_from_the_po_file():
    welsh = _catalogue("cy_GB/LC_MESSAGES/socialvalue.po")
    buffer = io.BytesIO()
    write_mo(buffer, welsh)
    assert (
        LOCALE_DIR / "cy_GB" / "LC_MESSAGES" / "socialvalue.mo"
    ).read_bytes() == buffer.getvalue()


def _visible(html):
    html = re.sub(r"<(style|script)>.*?</\1>", " ", html, flags=re.DOTALL)
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_welsh_report_has_no_english_from_the_library_catalogue():
    report = build_report(
        sv.io.example_deliveries(),
        sv.default_methodology(),
        title="Adroddiad",
        authority="Awdurdod",
        period="2022/23",
        commitments=shipped_commitments().commitments,
        spotlights=example_spotlights().spotlights,
    )
    welsh = Formatter(locale="cy_GB", rounding=report.rounding)
    english = Formatter(locale="en_GB", rounding=report.rounding)
    texts = {
        "members": (
            _visible(render_members_html(report, welsh, annex_href="a.html", charts=False)),
            _visible(render_members_html(report, english, annex_href="a.html", charts=False)),
        ),
        "annex": (
            _visible(render_html(report, welsh, members_href="m.html", charts=False)),
            _visible(render_html(report, english, members_href="m.html", charts=False)),
        ),
        "markdown": (render_markdown(report, welsh), render_markdown(report, english)),
    }
    checked = 0
    for message in _MESSAGES.values():
        for text in (message,) if isinstance(message, str) else message:
            # The words between placeholders, long enough not to be a name or a code.
            for piece in re.split(r"\{\w+\}", text):
                fragment = piece.strip(" .,:;()—…")
                if len(fragment) < 12:
                    continue
                for name, (cy, en) in texts.items():
                    if fragment in en:
                        checked += 1
                        assert fragment not in cy, (name, fragment)
    assert checked > 40  # the English documents do show the library's words
