"""The word book: the engagement's words chosen by offering and audience, overrides as plain
text, and the messages and calendar worded for consumers, marketplaces and internal users."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import TINY

from workbook.cli import main
from workbook.core.wordbook import Voice, entries, say, variant
from workbook.engagement.model import load_engagement
from workbook.engagement.offering import Offering


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
    assert messages.at["Marketplace", "messenger"] == "Ann Lee, in a message on each marketplace"
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
    alerts = pd.DataFrame({"where": ["Shoppers"], "severity": ["high"]})
    calendar = communication_calendar(plan, messages.reset_index(), s.leader, alerts, date(2026, 11, 1), voices)
    first = calendar[calendar["touchpoint"] == "Why we outsource"].set_index("segment")["method"].to_dict()
    assert first == {"Shoppers": "e-mail and site notice", "Marketplace": "marketplace message",
                     "Stores": "designed conversation"}
    issue = calendar[calendar["touchpoint"] == "Open issue"].iloc[0]
    assert issue["method"] == "e-mail and site notice" and "Call before they call us" not in issue["purpose"]
    assert set(calendar.loc[calendar["touchpoint"] == "Satisfaction", "who"]) == {"Head of customer service"}


def test_early_warnings_brief_whoever_faces_the_segment():
    """Issue 24: 'brief the sales team for all segments' reached online shoppers and marketplace
    buyers, who have no sales team."""
    from workbook.quality.alerts import control_alerts, measure_alerts
    plan = pd.DataFrame([{"kpi_id": "q", "kpi": "Quality", "target": ">= 4.2", "alert": "< 3.8",
                          "owner": "Ann", "method": "survey", "min_n": 30}])
    months = pd.period_range("2026-01", periods=2, freq="M")
    series = {"q": pd.DataFrame({"month": months, "value": [4.3, 3.5], "n": 40})}
    feedback = pd.DataFrame({"date": [m.to_timestamp().date() for m in months for _ in range(40)] * 2,
                             "segment": ["Shoppers"] * 80 + ["Marketplace"] * 80,
                             "measure": "q", "value": [4.3] * 40 + [3.5] * 40 + [4.4] * 40 + [3.4] * 40})
    facing = {"Shoppers": "the customer service team", "Marketplace": "the marketplace team"}
    alerts = measure_alerts(plan, series, feedback, ["Shoppers", "Marketplace"], facing=facing)
    actions = {a["where"]: a["action"] for a in alerts}
    assert actions == {
        "all segments": "Ann: agree a fix with the partner this week and brief the customer service "
                        "team and the marketplace team, so that customers hear what is being done",
        "Shoppers": "Ann: agree a fix with the partner this week and brief the customer service team "
                    "for Shoppers, so that customers hear what is being done",
        "Marketplace": "Ann: agree a fix with the partner this week and brief the marketplace team for "
                       "Marketplace, so that customers hear what is being done"}
    # a survey's answers are customers who noticed; what a system records, customers have yet to notice
    recorded = measure_alerts(plan.assign(method="system records"), series, None, ["Shoppers", "Marketplace"],
                              facing=facing)
    assert [a["action"] for a in recorded] == [
        "Ann: agree a fix with the partner this week and brief the customer service team and the marketplace "
        "team before customers notice"]
    assert {a["kind"] for a in alerts} == {"alert"}
    readings = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=20, freq="W").date,
                             "measure": "dock_to_stock", "value": [10.0, 11, 9, 10, 11, 9, 10, 11, 10, 9] * 2})
    readings.loc[19, "value"] = 30.0
    [control] = control_alerts({}, readings, ["dock_to_stock"], offering=Offering("service", "order", "orders"))
    assert control["kind"] == "control"
    assert control["action"] == ("Quality manager: review the work done since the change and investigate "
                                 "with the partner before customers notice")
    # the company's own staff are users: a warning about them says so; with customers beside them, customers
    internal = measure_alerts(plan, series, feedback, ["Shoppers", "Marketplace"], facing=facing,
                              audiences={"Shoppers": "internal", "Marketplace": "internal"})
    assert {a["action"].rsplit(", so that ", 1)[1] for a in internal} == {"users hear what is being done"}
    mixed = measure_alerts(plan, series, feedback, ["Shoppers", "Marketplace"], facing=facing,
                           audiences={"Shoppers": "internal", "Marketplace": "marketplace"})
    assert {a["where"]: a["action"].rsplit(" so that ", 1)[1] for a in mixed} == {
        "all segments": "customers hear what is being done", "Shoppers": "users hear what is being done",
        "Marketplace": "customers hear what is being done"}
    [control] = control_alerts({}, readings, ["dock_to_stock"], offering=Offering("service", "order", "orders"),
                               audience="internal")
    assert control["action"].endswith("investigate with the partner before users notice")


def test_the_checklist_counts_early_signals_by_their_kind(tiny, tmp_path):
    """From the findings record, by code: never by a sentence's words."""
    from workbook.register.finding import Finding, Findings
    from workbook.register.ledger import gather_findings, write_part
    from workbook.report.checklist import analyst_checklist
    results = tmp_path / "results"
    results.mkdir()
    write_part(Findings((Finding("alert", "early signal", "medium", {"measure": "nps"}),
                         Finding("alert", "alert", "high", {"measure": "quality_rating"}))), results, "quality")
    gather_findings(results)
    steps = analyst_checklist(load_engagement("acme"), results)
    assert ("1 early signal rests on too few answers: gather more before the next render (the plan's "
            "min_n says how many).") in steps


def test_leaders_hold_conversations_with_accounts_not_with_every_shopper():
    """Issue 24's review: the contact centre's leader held quarterly 'account health' conversations
    with its policyholders."""
    from datetime import date

    from workbook.quality.calendar import communication_calendar
    messages = pd.DataFrame({"segment": ["Policyholders", "Brokers"], "messenger": ["Ines", "Ines"],
                             "message": ["Why", "Why"]})
    plan = pd.DataFrame([
        {"kpi": "Account health", "kpi_id": "account_health", "method": "designed conversation",
         "cadence": "quarterly", "audience": "all segments", "owner": "Chief Customer Officer",
         "definition": "Needs, irritants and plans"},
        {"kpi": "Satisfaction", "kpi_id": "csat", "method": "survey", "cadence": "quarterly",
         "audience": "all segments", "owner": "Head of claims", "definition": "Survey"}])
    voices = {"Policyholders": Voice("service", "consumers"), "Brokers": Voice("service", "business")}
    calendar = communication_calendar(plan, messages, "Ines", pd.DataFrame({"where": [], "severity": []}),
                                      date(2026, 11, 1), voices)
    assert set(calendar.loc[calendar["touchpoint"] == "Account health", "segment"]) == {"Brokers"}
    assert set(calendar.loc[calendar["touchpoint"] == "Satisfaction", "segment"]) == {"Policyholders", "Brokers"}


def test_no_touchpoint_is_planned_in_the_clients_peak_months(tiny, capsys):
    from datetime import date

    from workbook.quality.calendar import communication_calendar
    messages = pd.DataFrame({"segment": ["Shoppers"], "messenger": ["Ann"], "message": ["Why"]})
    plan = pd.DataFrame([{"kpi": "Satisfaction", "kpi_id": "csat", "method": "survey", "cadence": "monthly",
                          "audience": "all segments", "owner": "Head of service", "definition": "Survey"}])
    alerts = pd.DataFrame({"where": ["Shoppers"], "severity": ["high"]})
    calendar = communication_calendar(plan, messages, "Ann", alerts, date(2026, 11, 20),
                                      {"Shoppers": Voice("service", "consumers")}, peaks=(11, 12))
    by = calendar.groupby("touchpoint")["month"].apply(list).to_dict()
    assert by["Open issue"] == ["Dec 2026"]  # raised at once, peak or not
    assert by["Why we outsource"] == ["Jan 2027"]  # planned for December, moved past the peak
    assert not [m for m in by["Satisfaction"] if m.startswith(("Nov", "Dec"))]
    # November 2027 is the twelfth month and a peak: it moves before the peak, not out of the year
    assert by["Satisfaction"][-1] == "Oct 2027" and len(by["Satisfaction"]) == len(set(by["Satisfaction"])) == 10
    (tiny / "engagement.yaml").write_text(TINY["engagement.yaml"] + "peak_months: [November, Decmber]\n")
    assert main(["validate", "acme"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "acme/engagement.yaml, line 18, key peak_months[2]: this is not a month (found 'Decmber'). "
        "Fix: did you mean `December`? Otherwise write a month's number (1-12) or its name, e.g. November.")
    (tiny / "engagement.yaml").write_text(TINY["engagement.yaml"] + "peak_months: [nov, 12]\n")
    assert load_engagement("acme").settings.peak_months == (11, 12)


def test_a_segments_share_is_said_to_be_of_what_it_is():
    """Shares of revenue by default; of staff when every segment is the company's own users; of
    what the engagement says (``words: share_of``), as the service desk's are of tickets. The
    company's own users rely on a discipline, customers buy on it; staff are promised no prices."""
    from dataclasses import replace

    from workbook.core import paths
    from workbook.strategy.analysis import analyse_strategy
    desk = load_engagement(paths.DATA_DIR / "service-desk").settings
    said = " ".join(analyse_strategy(desk).summary())
    assert "Its users, weighted by their share of tickets, rely mainly on operational excellence" in said
    assert "revenue" not in said and "customers" not in said and " buy " not in said
    assert analyse_strategy(replace(desk, words={})).share_of == "staff"
    example = analyse_strategy(load_engagement(paths.EXAMPLE_ENGAGEMENT).settings)
    assert example.share_of == "revenue" and "weighted by their share of revenue" in " ".join(example.summary())


def test_the_company_s_own_staff_are_promised_service_levels_not_prices():
    from workbook.core import paths
    from workbook.strategy.analysis import analyse_strategy
    from workbook.strategy.messages import customer_messages
    s = load_engagement(paths.DATA_DIR / "service-desk").settings
    messages = customer_messages(analyse_strategy(s), s.leader, s.outsourced, s.offering, s.customers, s.words)
    text = " ".join(messages["message"])
    assert "Service levels hold; we measure every ticket against the agreed time" in text and "price" not in text
