"""One PDF of the whole report, laid out for paper by WeasyPrint (pip-installed, nothing else).

:func:`print_document` builds one HTML document for print from the rendered pages: a cover (client,
decision, prepared by, date), contents with page numbers, then the summary and each section on new
pages, numbered "page n of m"; the screen-only parts (navigation, widgets' styles) are left out
and tables are set to the page's width. :func:`print_pdf` lays it out and writes ``report.pdf``.
"""

from __future__ import annotations

import gc
import logging
import re
import threading
import shutil
from html import escape, unescape
from pathlib import Path

from workbook.core import paths
from workbook.report import pdf_images

PDF_NAME = "report.pdf"
# Chromium drives the browser tests of the pages; the PDF does not need it.
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer", "--hide-scrollbars")


def find_chromium() -> str | None:
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def _body(html: str) -> str:
    body = html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
    body = re.sub(r'<header class="wb-header">.*?</header>', "", body, flags=re.S)
    body = re.sub(r'<footer class="wb-footer">.*?</footer>', "", body, flags=re.S)
    body = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", body, flags=re.S)
    return _unwrapped(body)


# The notebook template's layers between a cell and its output: no margin, padding or rule of
# print.css reaches them, and each is an element the layout engine cascades and lays out (a third of
# the document's). The cells (their order sets the breaks) and the outputs themselves stay.
_WRAPPERS = re.compile(r'<div class="jp-(?:Cell-inputWrapper|InputArea|Cell-outputWrapper|OutputArea '
                       r'|OutputArea-child|Collapser)[^"]*"[^>]*>')


def _unwrapped(body: str) -> str:
    """``body`` without the template's wrapper ``div``s (:data:`_WRAPPERS`), their content kept;
    each closing tag is matched to its opening one by depth."""
    out, stack, at = [], [], 0
    for tag in re.finditer(r"<div\b[^>]*>|</div>", body):
        out.append(body[at:tag.start()])
        at = tag.end()
        if tag.group(0) == "</div>":
            if not (stack and stack.pop()):
                out.append(tag.group(0))
        else:
            wrapper = bool(_WRAPPERS.fullmatch(tag.group(0)))
            stack.append(wrapper)
            if not wrapper:
                out.append(tag.group(0))
    out.append(body[at:])
    return "".join(out)


def _styles_once(html: str) -> str:
    """``html`` with every repeated ``<style>`` element after its first left out: each table and
    list of a page carries the same small sheet, and on paper 48 copies of it cost the layout
    engine's cascade time without changing a thing."""
    seen = set()

    def once(match):
        if match.group(0) in seen:
            return ""
        seen.add(match.group(0))
        return match.group(0)
    return re.sub(r"<style[^>]*>.*?</style>", once, html, flags=re.S)


def _index_style(html: str) -> str:
    """The summary page's own styles (cards, badges); the notebooks' JupyterLab styles are left out."""
    return "".join(re.findall(r"<style>.*?</style>", html.split("<body", 1)[0], flags=re.S))


def _section(body: str, prefix: str) -> tuple[str, list[tuple[str, str, int]]]:
    """The section with its ids made unique, the notebook's opening client and decision removed
    (the cover has them), and its headings (id, text, level) for the contents."""
    body = re.sub(r'<h2 class="wb-engagement">.*?</h2>', "", body, flags=re.S)
    headings = []

    def number(match):  # ids of our own: the notebooks' are percent-encoded and repeat across pages
        level, text = match.group(1), match.group(3)
        anchor = f"{prefix}-h{len(headings)}"
        words = re.sub(r'<span class="badge[^"]*">.*?</span>', "", text, flags=re.S)  # "robust" badge
        headings.append((anchor, unescape(re.sub(r"<[^>]+>", "", words)).strip(), int(level)))
        return f'<h{level} id="{anchor}">{text}</h{level}>'

    body = re.sub(r'<h([12])( id="[^"]*")?[^>]*>(.*?)</h\1>', number, body, flags=re.S)
    return body, headings


def print_document(folder: Path, sections: list[tuple[str, str]], cover: dict,
                   pages: dict[str, str] | None = None) -> str:
    """One HTML document for print: cover, contents, then every page of the report (``pages``:
    their HTML by file name, when the render has it at hand; else read from ``folder``)."""
    title_text = escape(f"{cover['client']}: {cover['decision']}")
    pages = dict(pages or {})
    for page, _ in sections:
        if page not in pages:
            pages[page] = (folder / page).read_text(encoding="utf-8")
    parts, contents = [], []
    for n, (page, label) in enumerate(sections):
        html = pages[page]
        prefix = f"s{n}"
        if page == "index.html":
            main = re.search(r"<main>(.*?)</main>", html, flags=re.S).group(1)
            # the title and the lines under it (the cover has them); a card's own notes stay
            main = re.sub(r"^\s*<h1>.*?</h1>(\s*<p class=\"meta\">.*?</p>)*", "", main, count=1, flags=re.S)
            main = re.sub(r'<div class="card sections">.*?</div>', "", main, flags=re.S)
            body, headings = _section(f'<h1 id="summary">Summary</h1>{main}', prefix)
        else:
            body, headings = _section(_body(html), prefix)
        parts.append(f'<section class="part wb-index">{body}</section>')
        contents += headings
    items = "".join(f'<li class="level{level}"><a href="#{i}">{escape(text)}</a></li>'
                    for i, text, level in contents)
    footer = re.findall(r'<footer class="wb-footer">(.*?)</footer>', pages[sections[0][0]], flags=re.S)
    firm = cover.get("firm") or ""
    logo = f'<img class="logo" src="{escape(cover["logo"])}" alt="">' if cover.get("logo") else ""
    byline = "".join(f"<p>{escape(line)}</p>" for line in (
        f"Prepared by {cover['prepared_by']}" if cover.get("prepared_by") else "", cover.get("date", ""),
        f"Engagement lead: {cover['leader']}" if cover.get("leader") else "") if line)
    css = (paths.TEMPLATES_DIR / "print.css").read_text(encoding="utf-8")
    css = css.replace("#2b6cb0", cover.get("accent") or "#2b6cb0")
    running = css_string(cover["client"])
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title_text}</title>{_index_style(pages[sections[0][0]])}
<style>{css}
@page {{ @bottom-left {{ content: {running}; }} }}</style></head>
<body class="wb-print">
<section class="cover">{logo}<p class="firm">{escape(firm)}</p>
<p class="kind">Outsourcing decision</p><h1 class="client">{escape(cover['client'])}</h1>
<p class="decision">{escape(cover['decision'])}</p><div class="byline">{byline}</div></section>
<nav class="contents"><h1>Contents</h1><ol>{items}</ol></nav>
{_styles_once(''.join(parts))}
<section class="provenance">{''.join(footer)}</section>
</body></html>"""


def inside(url: str, folder: Path) -> bool:
    """Whether WeasyPrint may read ``url``: data embedded in the page, or a file of the report."""
    if url.startswith("data:"):
        return True
    if not url.startswith("file:"):
        return False
    from urllib.parse import unquote, urlsplit
    try:
        path = Path(unquote(urlsplit(url).path)).resolve()
    except (OSError, ValueError):
        return False
    return path.is_relative_to(Path(folder).resolve()) and path.is_file()


def local_fetcher(folder: Path):
    """A WeasyPrint URL fetcher that reads only what :func:`inside` allows and refuses everything
    else (other files, any address), whatever a page or an SVG image asks for."""
    from weasyprint import urls

    def refuse(url):
        raise ValueError(f"the report reads nothing outside itself ({url[:80]})")

    if hasattr(urls, "URLFetcher"):  # WeasyPrint 68 and later: a class
        class LocalFetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                return super().fetch(url, headers) if inside(url, folder) else refuse(url)
        return LocalFetcher()
    return lambda url, *args, **kwargs: (urls.default_url_fetcher(url, *args, **kwargs)
                                         if inside(url, folder) else refuse(url))


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes, line ends and ``<`` escaped by code
    point, so that no name can end the string, the rule or the style element."""
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r' or ord(c) < 32 else c for c in text) + '"'


def preload() -> None:
    """Import WeasyPrint in the background (about 0.7 s), while the notebooks run on their kernels
    and this process mostly waits; :func:`print_pdf` then finds it loaded."""
    import importlib

    def load():
        try:
            importlib.import_module("weasyprint")
        except (ImportError, OSError):
            pass  # print_pdf says why, when it runs
    threading.Thread(target=load, name="weasyprint-import", daemon=True).start()


def print_pdf(folder: Path, sections: list[tuple[str, str]], cover: dict, log,
              pages: dict[str, str] | None = None) -> str | None:
    """Write ``folder/report.pdf``; None (after one line to ``log``) when it cannot be made.
    ``pages`` as for :func:`print_document`."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: the Pango library is missing
        log(f"PDF skipped: WeasyPrint cannot run here ({exc}).")
        return None
    pdf_images.install()  # the charts' PNGs as they are, not decoded and compressed again
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it ignores is not the reader's concern
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    # The layout makes and drops boxes by the million, and every full collection meanwhile would
    # walk the render's own objects too (a tenth of the layout's time): they are set aside, not freed.
    gc.freeze()
    try:
        document = weasyprint.HTML(string=print_document(folder, sections, cover, pages), base_url=str(folder),
                                   url_fetcher=local_fetcher(folder))
        with _LAYOUT:
            document.write_pdf(folder / PDF_NAME)
    finally:
        gc.unfreeze()
    return PDF_NAME


# One layout at a time in a process: render --all renders engagements in threads, and WeasyPrint's
# font libraries (fontconfig, Pango) are not documented as safe to use from two at once. Layout
# holds the interpreter lock nearly throughout, so this costs no parallelism.
_LAYOUT = threading.Lock()
