"""The engagement's own words: a service engagement's report holds no goods-or-selling word, and the
product example's no service word (issue 24). The reports are the session's shared renders."""

from __future__ import annotations

import re
from html import unescape

import pytest

PAGES = ["index.html", "01_strategy.html", "02_partner_scoring.html", "03_quality_plan.html"]
# Words of goods made and sold, wrong for a claims contact centre or a 3PL
PRODUCT_WORDS = ["OTIF", "on time and in full", "on-time, in-full", "in full", "batch", "lot acceptance",
                 "production", "recipe", "since the process shifted", "sales team", "missed delivery",
                 "product improvement", "new and improved products", "delivered on time"]
# Words of a service, wrong for a chemicals maker's contract manufacturing
SERVICE_WORDS = ["missed service", "service level", "claim", "resolved first time", "service desk",
                 "first contact", "audited", "marketplace", "customer service team"]


def text_of(html: str) -> str:
    html = re.sub(r"<(style|script)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def offending(folder, words) -> list[str]:
    found = []
    for page in PAGES:
        text = text_of((folder / page).read_text(encoding="utf-8"))
        for word in words:
            for m in re.finditer(rf"\b{re.escape(word)}", text, flags=re.I):
                found.append(f"{page}: …{text[max(0, m.start() - 60):m.end() + 40]}…")
    return found


@pytest.mark.parametrize("engagement", ["contact-centre", "fulfilment"])
def test_a_service_report_holds_no_goods_or_selling_word(rendered, engagement):
    assert offending(rendered(engagement), PRODUCT_WORDS) == []


def test_the_product_example_holds_no_service_word(rendered):
    assert offending(rendered("example"), SERVICE_WORDS) == []


def test_the_word_lists_can_fail():
    """The check finds such a word where it is (so an empty result above means something)."""
    from pathlib import Path
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        for page in PAGES:
            (Path(folder) / page).write_text("<p>Brief the <b>sales team</b> before customers call.</p>")
        assert len(offending(Path(folder), PRODUCT_WORDS)) == len(PAGES)


@pytest.mark.parametrize("name,said", [
    ("Damage rate (%)", "damage rate"), ("Conversion cost (EUR/kg)", "conversion cost"),
    ("Resolution within the SLA, last 12 months (%)", "resolution within the SLA, last 12 months"),
    ("Data protection (GDPR)", "data protection (GDPR)"),  # an acronym in brackets is no unit
    ("OTIF record (%)", "OTIF record")])
def test_a_criterion_in_a_sentence_leaves_its_unit_to_the_figure(name, said):
    from workbook.core.vocabulary import in_prose
    assert in_prose(name) == said
