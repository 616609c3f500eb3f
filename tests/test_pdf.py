"""The PDF: made with nothing but pip-installed packages, with a cover, contents that give the right
page numbers, a page number on every page, and the same sections as the HTML pages."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from workbook.core import paths


@pytest.fixture(scope="module")
def pdf(rendered):
    """The contact-centre engagement (a service industry) rendered with its PDF, once for the
    whole session (tests/conftest.py)."""
    report = rendered("contact-centre")
    return report, [page.extract_text() or "" for page in PdfReader(report / "report.pdf").pages]


def test_the_cover_names_client_decision_author_and_date(pdf):
    _, pages = pdf
    cover = " ".join(pages[0].split())
    for text in ("Aldmark Mutual Insurance", "Choose the partner to run the claims contact centre",
                 "Prepared by Customer Operations", "2026-11-30", "Ines Moreau"):
        assert text in cover
    assert "Page" not in cover  # no number on the cover


def test_every_other_page_is_numbered_n_of_m(pdf):
    _, pages = pdf
    for n, text in enumerate(pages[1:], start=2):
        assert f"Page {n} of {len(pages)}" in text, n


def test_the_contents_give_the_page_each_section_starts_on(pdf):
    _, pages = pdf
    assert pages[1].lstrip().startswith("Contents")
    entries = re.findall(r"^(\d) · (.+?)[ .]*?(\d+)$", pages[1], flags=re.M)
    assert [e[0] for e in entries] == ["1", "2", "3"]
    for number, title, page in entries:
        start = " ".join(pages[int(page) - 1].split())
        assert f"{number} · {title.strip(' .')}" in start, (number, page)


def test_the_pdf_holds_every_section_and_nothing_a_client_should_not_see(pdf):
    report, pages = pdf
    text = "\n".join(pages)
    for heading in ("Summary", "Recommendation", "How robust is the recommendation?",
                    "The plan", "Customer communication calendar"):
        assert heading in text
    for leak in ("Traceback", "UserWarning", "DeprecationWarning", "import ", "def "):
        assert leak not in text
    assert '"pdf": "report.pdf"' in (report / "manifest.json").read_text()


def test_the_firm_brands_the_cover_and_the_pages(pdf):
    report, pages = pdf
    assert "Northbridge Advisory" in pages[0]
    index = (report / "index.html").read_text()
    assert "Outsourcing decision · Northbridge Advisory" in index
    assert "--wb-accent: #1f6f8b" in index and 'src="data:image/png;base64,' in index
    strategy = (report / "01_strategy.html").read_text()
    assert "Northbridge Advisory" in strategy and "--wb-accent: #1f6f8b" in strategy


def test_the_default_stays_neutral(tmp_path):
    from workbook.engagement.model import load_engagement
    from workbook.report import branding
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    assert branding.subtitle(engagement) == "Outsourcing decision"
    assert branding.accent_css(engagement) == "" and branding.logo_html(engagement) == ""
