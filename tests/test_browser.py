"""The rendered report in a real browser: headless Chromium opens every page, no console errors,
screenshots that are not blank, and the PDF of the whole report.

CI installs Chromium (.ci/run); there a missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import subprocess

import pytest
from PIL import Image, ImageStat

from workbook.report.pdf import FLAGS, find_chromium

PAGES = ["index.html", "01_strategy.html", "02_partner_scoring.html", "03_quality_plan.html"]
BROWSER = find_chromium()
if BROWSER is None:
    if os.environ.get("CI"):
        raise RuntimeError("Chromium is missing: .ci/run must install it (apt-get install chromium)")
    pytest.skip("Chromium is not installed (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def report(rendered):
    """The example, rendered once for the whole session (tests/conftest.py)."""
    return rendered("example")


@pytest.mark.parametrize("page", PAGES)
def test_page_opens_without_console_errors_and_is_not_blank(report, page, tmp_path):
    shot = tmp_path / "page.png"
    run = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr",
                          "--v=0", "--window-size=1280,1600", f"--screenshot={shot}", (report / page).as_uri()],
                         capture_output=True, text=True, timeout=120)
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console
    image = Image.open(shot).convert("L")
    assert image.size == (1280, 1600)
    assert ImageStat.Stat(image).stddev[0] > 15, "the screenshot is blank"
    assert len(image.getcolors(maxcolors=1 << 16) or range(1 << 16)) > 50


def test_pages_load_nothing_from_the_internet(report):
    for page in PAGES:
        html = (report / page).read_text()
        assert 'src="http' not in html and "href=\"http" not in html, page
