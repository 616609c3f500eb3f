"""The quality-measurement plan: what customers perceive, measured by whom, how often, to what target.

Measures are chosen from the lead and threshold disciplines: universal measures for every plan,
plus those of the lead discipline at a stretch target and those of the threshold disciplines at
the market's standard. Customer-facing measures are owned by the senior leader who fronts the
engagement, because customers give better feedback when senior leaders ask.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.vocabulary import DISCIPLINE_LABELS, MIN_N
from workbook.strategy.analysis import StrategyAnalysis

COLUMNS = ["kpi_id", "kpi", "definition", "method", "audience", "cadence", "owner", "target",
           "alert", "min_n", "discipline"]
LEADER = "{leader}"

# id, kpi, definition, method, cadence, owner, target (lead), target (threshold), alert, discipline
UNIVERSAL = [
    ("otif", "OTIF", "Orders delivered on time and in full / all orders, per order",
     "delivery records", "monthly", "Supply chain manager", ">= 95%", None, "< 92%", None),
    ("complaint_rate", "Complaint rate", "Customer complaints / orders delivered",
     "complaint log", "monthly", "Quality manager", "<= 2%", None, "> 4%", None),
    ("quality_rating", "Customer-rated quality", "Mean rating of delivered quality, 1-5", "survey",
     "quarterly", LEADER, ">= 4.2", None, "< 3.8", None),
    ("nps", "NPS", "% promoters (9-10) - % detractors (0-6)", "survey", "twice a year", LEADER,
     ">= +30", None, "< +10", None),
    ("lot_acceptance", "Acceptance at inspection",
     "Deliveries accepted at first inspection / deliveries inspected", "quality test", "every order", "Quality manager", ">= 98%", None, "< 96%", None),
]
BY_DISCIPLINE = [
    ("perceived_innovation", "Perceived innovation", "Customers' rating of what is new in the offer since the move, "
     "1-5", "focus group", "twice a year", LEADER, ">= 4.3", ">= 3.8", "< 3.5",
     "product_leadership"),
    ("application_performance", "Right first time in use",
     "Share of customers' first uses or trials that meet the need first time", "quality test", "quarterly", "Technical service lead", ">= 97%", ">= 92%", "< 90%",
     "product_leadership"),
    ("customisation_days", "Responsiveness to customisation", "Days from a customer's change request to its "
     "first delivery", "interview", "quarterly", LEADER, "<= 10 days", "<= 20 days", "> 25 days",
     "customer_intimacy"),
    ("account_health", "Account health", "Leader-led conversation on needs, irritants and plans, scored 1-5",
     "designed conversation", "quarterly", LEADER, ">= 4.0", ">= 3.5", "< 3.0",
     "customer_intimacy"),
    ("lead_time", "Lead time", "Days from order to delivery, median", "delivery records", "monthly",
     "Supply chain manager", "<= 10 days", "<= 15 days", "> 18 days", "operational_excellence"),
    ("batch_consistency", "Consistency", "Share of deliveries within specification",
     "quality test", "every order", "Quality manager", ">= 99%", ">= 97%", "< 95%",
     "operational_excellence"),
    ("price_rating", "Price competitiveness", "Customers' rating of our price against alternatives, 1-5",
     "interview", "twice a year", "Commercial director", ">= 4.0", ">= 3.3", "< 3.0",
     "operational_excellence"),
]


def generate_plan(strategy: StrategyAnalysis, leader: str, segments: list[str]) -> pd.DataFrame:
    """The plan's rows: universal measures, then the lead discipline's, then the thresholds'.

    The audience of a discipline's measures is the segments that weigh that discipline above
    their own average (every segment for universal measures).
    """
    rows = []
    for kid, kpi, definition, method, cadence, owner, target, _, alert, _ in UNIVERSAL:
        rows.append([kid, kpi, definition, method, "all segments", cadence,
                     owner.format(leader=leader), target, alert, MIN_N[method], "universal"])
    order = (strategy.lead,) + strategy.thresholds
    for discipline in order:
        audience = [s for s, p in strategy.segments.items() if p[discipline] > 1 / 3] or segments
        for kid, kpi, definition, method, cadence, owner, lead_t, thr_t, alert, d in BY_DISCIPLINE:
            if d != discipline:
                continue
            rows.append([kid, kpi, definition, method, ", ".join(audience), cadence,
                         owner.format(leader=leader),
                         lead_t if d == strategy.lead else thr_t, alert, MIN_N[method],
                         f"{DISCIPLINE_LABELS[d]} ({'lead' if d == strategy.lead else 'threshold'})"])
    return pd.DataFrame(rows, columns=COLUMNS)
