"""PDF through WeasyPrint: the members' report of the shipped example fits in six A4 pages."""

import sys

import pytest

from socialvalue.cli import main
from socialvalue.exceptions import MissingExtraError
from socialvalue.report import html_to_pdf

pypdf = pytest.importorskip("pypdf")  # in the test extra; CI installs it
pytest.importorskip("weasyprint")  # the pdf extra, in the test extra


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    assert main(["report", "-o", str(folder / "report.pdf")]) == 0
    return folder


def test_members_report_fits_in_six_a4_pages(pdfs):
    reader = pypdf.PdfReader(pdfs / "report.pdf")
    assert 1 <= len(reader.pages) <= 6
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_pages_are_numbered_with_the_title_as_header(pdfs):
    reader = pypdf.PdfReader(pdfs / "report-annex.pdf")
    pages = len(reader.pages)
    assert pages > 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"{number} / {pages}" in text
        assert "Social Value Annual Report 2023" in text


def test_a_missing_weasyprint_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    with pytest.raises(MissingExtraError, match=r'pip install "socialvalue\[pdf\]"'):
        html_to_pdf("<p>x</p>")


def test_weasyprint_without_pango_names_the_system_packages(monkeypatch):
    import importlib

    real = importlib.import_module

    def without_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", without_pango)
    with pytest.raises(MissingExtraError, match=r"apt-get install libpango-1\.0-0"):
        html_to_pdf("<p>x</p>")
