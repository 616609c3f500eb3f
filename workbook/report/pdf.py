"""One PDF of the whole report, printed by headless Chromium when it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_NAME = "report.pdf"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-pdf-header-footer", "--hide-scrollbars")


def find_chromium() -> str | None:
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def combined_page(folder: Path, pages: list[str]) -> str:
    """All pages' bodies in one document, each section on a new sheet, navigation removed."""
    first = (folder / pages[0]).read_text(encoding="utf-8")
    head = first.split("<body", 1)[0]
    bodies = []
    for page in pages:
        html = (folder / page).read_text(encoding="utf-8")
        body = html.split("<body", 1)[1].split(">", 1)[1].rsplit("</body>", 1)[0]
        body = re.sub(r'<nav class="wb-nav">.*?</nav>', "", body, flags=re.S)
        bodies.append(f'<section style="break-before: page">{body}</section>')
    # the index and the section pages carry different style sheets; the print needs both
    styles = dict.fromkeys(style for page in pages[1:] for style in re.findall(
        r"<style.*?</style>", (folder / page).read_text(encoding="utf-8").split("<body", 1)[0], re.S))
    return f'{head}{"".join(styles)}<body class="jp-Notebook wb-page wb-index">{"".join(bodies)}</body></html>'


def print_pdf(folder: Path, pages: list[str], log) -> str | None:
    """Write ``folder/report.pdf``; None (after one line to ``log``) when Chromium is missing."""
    browser = find_chromium()
    if browser is None:
        log("PDF skipped: Chromium is not installed (on Debian: apt-get install chromium).")
        return None
    source = folder / ".print.html"
    source.write_text(combined_page(folder, pages), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        run = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}",
                              f"--print-to-pdf={folder / PDF_NAME}", source.as_uri()],
                             capture_output=True, text=True, timeout=180)
    source.unlink(missing_ok=True)
    if run.returncode != 0 or not (folder / PDF_NAME).exists():
        log(f"PDF skipped: Chromium failed ({run.stderr.strip().splitlines()[-1:] or run.returncode}).")
        return None
    return PDF_NAME
