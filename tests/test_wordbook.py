"""The word book: the engagement's words chosen by offering and audience, overrides as plain
text, and the messages and calendar worded for consumers, marketplaces and internal users."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import TINY

from workbook.cli import main
from workbook.core.wordbook import Voice, entries, say, variant
from workbook.engagement.model import load_engagement


@pytest.mark.parametrize("audience,offering,expected", [
    ("business", "product", "Your account team stays the same, and custom requests go through us as before."),
    ("business", "service", "Your contacts stay the same, and special requests go through us as before."),
    ("internal", "service", "Your service desk stays the same, and special requests go through it as before."),
    ("consumers", "product", "Where you reach us stays the same, and special requests go through us as before."),
])
def test_the_most_specific_variant_wins(audience, offering, expected):
    assert say("promise.customer_intimacy", Voice(offering, audience)) == expected


def test_every_entry_has_a_variant_for_every_audience_and_offering():
    for key in entries():
        for audience in ("business", "consumers", "marketplace", "internal"):
            for offering in ("product", "service"):
                assert variant(key, Voice(offering, audience)), (key, audience, offering)


def test_an_engagements_own_words_are_text_never_a_template():
    voice = Voice("service", "consumers", {"facing": "the {{ 7 * 7 }} desk {% for x in y %}"})
    assert say("facing", voice) == "the {{ 7 * 7 }} desk {% for x in y %}"
    assert say("messenger", voice, leader="{{ leader.__class__ }}") == \
        "{{ leader.__class__ }}, by e-mail and a notice on the site and in the app"


def _segments(audiences: dict[str, str]) -> str:
    rows = "".join(f"    - name: {n}\n      share: 1\n      audience: {a}\n      product_leadership: 1\n"
                   f"      customer_intimacy: 2\n      operational_excellence: 1\n" for n, a in audiences.items())
    return "  customers:\n" + rows


def test_a_segments_audience_is_checked_with_the_nearest_name(tiny, capsys):
    text = TINY["engagement.yaml"].replace(
        "  customers:\n    - name: OEM\n      share: 1\n      product_leadership: 1\n      customer_intimacy: 1\n"
        "      operational_excellence: 2\n", _segments({"Shoppers": "consumer"}))
    (tiny / "engagement.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", "acme"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "acme/engagement.yaml, line 12, key strategy.customers[1].audience: the audience is not one the "
        "workbook knows (found 'consumer'). Fix: did you mean `consumers`? Otherwise write business "
        "(accounts with an account manager), consumers, marketplace (buyers on a marketplace) or "
        "internal (the company's own users).")


def test_messages_and_calendar_reach_each_audience_by_its_channel(tiny):
    from datetime import date

    from workbook.quality.calendar import communication_calendar
    from workbook.strategy.messages import customer_messages
    from workbook.strategy.weights import weigh_engagement
    text = TINY["engagement.yaml"].replace(
        "  customers:\n    - name: OEM\n      share: 1\n      product_leadership: 1\n      customer_intimacy: 1\n"
        "      operational_excellence: 2\n",
        _segments({"Shoppers": "consumers", "Marketplace": "marketplace", "Stores": "business"}))
    (tiny / "engagement.yaml").write_text(text + "offering: service\nunit: order\n", encoding="utf-8")
    engagement = load_engagement("acme")
    s = engagement.settings
    strategy, _ = weigh_engagement(engagement)
    messages = customer_messages(strategy, s.leader, "our fulfilment", s.offering, s.customers).set_index("segment")
    assert messages.at["Shoppers", "messenger"] == "Ann Lee, by e-mail and a notice on the site and in the app"
    assert messages.at["Marketplace", "messenger"] == "Ann Lee, in a message on each marketplace and in the listings"
    assert messages.at["Stores", "messenger"] == "Ann Lee, in person"
    assert "key accounts" not in messages.at["Shoppers", "when"]
    assert "key accounts first" in messages.at["Stores", "when"]
    for message in messages["message"]:  # no sentence said twice
        sentences = [x.strip().lower() for x in message.split(".") if x.strip()]
        assert len(sentences) == len(set(sentences)), message
    voices = {c.name: Voice("service", c.audience) for c in s.customers}
    plan = pd.DataFrame([{"kpi": "Satisfaction", "kpi_id": "csat", "method": "focus group", "cadence": "quarterly",
                          "audience": "all segments", "owner": "Head of customer service",
                          "definition": "Focus group on the service"}])
    alerts = pd.DataFrame({"where": ["Shoppers"]})
    calendar = communication_calendar(plan, messages.reset_index(), s.leader, alerts, date(2026, 11, 1), voices)
    first = calendar[calendar["touchpoint"] == "Why we outsource"].set_index("segment")["method"].to_dict()
    assert first == {"Shoppers": "e-mail and site notice", "Marketplace": "marketplace message",
                     "Stores": "designed conversation"}
    issue = calendar[calendar["touchpoint"] == "Open issue"].iloc[0]
    assert issue["method"] == "e-mail and site notice" and "Call before they call us" not in issue["purpose"]
    assert set(calendar.loc[calendar["touchpoint"] == "Satisfaction", "who"]) == {"Head of customer service"}
