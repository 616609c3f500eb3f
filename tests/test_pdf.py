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


@pytest.mark.parametrize("name", ["example", "contact-centre"])
def test_a_heading_keeps_what_follows_it_and_no_table_row_stands_alone(rendered, name):
    """Laid out as the PDF is: a cell of text (a heading, its introduction) ends on the page where
    the chart or table after it begins, all on that page, and a table split over pages has at least two of its rows
    on each. The example's "Control charts" heading ended a page whose charts began the next, and
    its "Where each measure stands" left one row alone at the top of a page."""
    pages, root = _laid_out(rendered, name)
    parent = {child: element for element in root.iter() for child in element}

    def on(element) -> list[int]:
        return [n for n, present in enumerate(pages) if id(element) in present]

    kept = 0
    for element in root.iter():
        cells = list(element)
        for text, code in zip(cells, cells[1:]):
            if "jp-MarkdownCell" in text.get("class", "") and "jp-CodeCell" in code.get("class", "") \
                    and on(code) and any(e.tag in ("img", "table") for e in code.iter()):
                assert on(text)[-1] == on(code)[0], "".join(text.itertext()).strip()[:60]
                # and is never split itself (the example's "How robust…" broke mid-sentence)
                assert len(on(text)) == 1, "".join(text.itertext()).strip()[:60]
                kept += 1
    assert kept > 10
    rows: dict[int, dict[int, int]] = {}
    for n, present in enumerate(pages):
        for element in root.iter("tr"):
            if id(element) in present and parent[element].tag == "tbody":
                table = id(parent[parent[element]])
                rows.setdefault(table, {}).setdefault(n, 0)
                rows[table][n] += 1
    split = [counts for counts in rows.values() if len(counts) > 1]
    assert split, "some table runs over a page"
    assert all(min(counts.values()) >= 2 for counts in split), split


_LAYOUTS: dict = {}


def _laid_out(rendered, name: str):
    """The print document of ``data/<name>``'s rendered report laid out as the PDF is, once per
    session: the ids of the HTML elements on each page, and the document's root element."""
    if name not in _LAYOUTS:
        import weasyprint

        from workbook.engagement.model import load_engagement
        from workbook.report import pdf as printing
        from workbook.report.html_export import sections
        from workbook.report.render import cover

        report = rendered(name)
        engagement = load_engagement(paths.DATA_DIR / name)
        html = weasyprint.HTML(string=printing.print_document(
            report, sections(paths.notebooks_for(engagement.settings)), cover(engagement)),
            base_url=str(report), url_fetcher=printing.local_fetcher(report))
        document = html.render()
        _LAYOUTS[name] = ([_elements_on(page._page_box) for page in document.pages], html.etree_element,
                          document)
    return _LAYOUTS[name][:2]


def test_the_quality_plans_counts_sit_in_one_row_on_paper(rendered):
    """The summary's five counts of the plan (on target … not yet measured) wrapped, the fifth
    alone on a second row."""
    _laid_out(rendered, "example")
    _, root, document = _LAYOUTS["example"]
    row = next(status for status in root.iter("div") if status.get("class") == "status")
    counts = {id(cell) for cell in row}
    boxes = {id(box.element): box for page in document.pages for box in _boxes(page._page_box)
             if getattr(box, "element", None) is not None and id(box.element) in counts | {id(row)}}
    tops = {boxes[c].position_y for c in counts}
    right = max(boxes[c].position_x + boxes[c].margin_width() for c in counts)
    assert len(counts) == 5 and len(tops) == 1, tops
    assert right <= boxes[id(row)].position_x + boxes[id(row)].margin_width() + 0.5  # inside its card


def test_the_contents_fit_one_page_with_room_to_spare(rendered):
    """The example's contents (four steps, the longest) on one page, with room for three more
    sections: a re-render adds "What changed since …", and one more section had pushed the last
    entry onto a page of its own."""
    _laid_out(rendered, "example")
    _, root, document = _LAYOUTS["example"]
    nav = next(e for e in root.iter("nav") if "contents" in e.get("class", ""))
    entries = {id(li) for li in nav.iter("li")}
    pages = [n for n, page in enumerate(document.pages) if entries & _elements_on(page._page_box)]
    assert pages == [1], pages
    page = document.pages[1]._page_box
    lines = [b for b in _boxes(page) if id(getattr(b, "element", None)) in entries]
    line = min(b.margin_height() for b in lines)  # a section's line
    bottom = max(b.position_y + b.margin_height() for b in lines)
    room = page.position_y + page.margin_top + page.height - bottom  # the content area's foot
    assert room > 3 * line, (room, line)


def _boxes(box):
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()))


def _elements_on(box) -> set[int]:
    """The ids of the HTML elements with a box on a laid-out page."""
    found, stack = set(), [box]
    while stack:
        box = stack.pop()
        if getattr(box, "element", None) is not None:
            found.add(id(box.element))
        stack.extend(getattr(box, "children", ()))
    return found


def test_the_print_document_leaves_out_the_templates_wrappers_and_keeps_their_content(rendered):
    """The notebook template's wrapper divs cost the layout engine time and show nothing; the
    cells (their order sets page breaks), the outputs and every word stay."""
    from workbook.report.pdf import _body

    page = (rendered("contact-centre") / "03_quality_plan.html").read_text(encoding="utf-8")
    body = _body(page)
    words = lambda html: re.sub(r"<[^>]+>", " ", html).split()  # noqa: E731
    before = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "",
                    page.split("<main>", 1)[1].split("</main>", 1)[0], flags=re.S)
    assert words(body) == words(before)
    for wrapper in ("jp-Cell-inputWrapper", "jp-InputArea", "jp-Cell-outputWrapper", 'jp-OutputArea ',
                    "jp-OutputArea-child", "jp-Collapser"):
        assert wrapper in page and f'class="{wrapper}' not in body
    for kept in ("jp-MarkdownCell", "jp-CodeCell", "jp-RenderedHTMLCommon", "jp-RenderedImage", "wb-table"):
        assert body.count(kept) == page.split("<main>", 1)[1].count(kept), kept
    assert body.count("<div") == body.count("</div>") < page.count("<div") / 2


def test_the_printed_summary_keeps_the_quality_cards_note(rendered):
    """A review: the PDF's summary left out the note under the quality plan's counts (why early
    warnings can outnumber the measures past alert), with the title's lines the cover repeats."""
    from workbook.engagement.model import load_engagement
    from workbook.report import pdf as printing
    from workbook.report.html_export import sections
    from workbook.report.render import cover

    report = rendered("example")
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    document = printing.print_document(report, sections(paths.notebooks_for(engagement.settings)),
                                       cover(engagement))
    summary = document.split('<section class="part wb-index">', 1)[1].split("</section>", 1)[0]
    assert "can outnumber the measures past alert" in summary
    assert engagement.settings.decision not in summary and "Engagement lead:" not in summary  # on the cover
