"""The quality-measurement plan: what customers perceive, measured by whom, how often, to what target.

Measures are chosen from the lead and threshold disciplines: universal measures for every plan,
plus those of the lead discipline at a stretch target and those of the threshold disciplines at
the market's standard. Customer-facing measures are owned by the senior leader who fronts the
engagement, because customers give better feedback when senior leaders ask.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.vocabulary import DISCIPLINE_LABELS, MIN_N
from workbook.engagement.offering import Offering
from workbook.strategy.analysis import StrategyAnalysis

COLUMNS = ["kpi_id", "kpi", "definition", "method", "audience", "cadence", "owner", "target",
           "alert", "min_n", "discipline"]
LEADER = "{leader}"

# id, kpi, definition, method, cadence, owner, target (lead), target (threshold), alert, discipline.
# {unit} and {units} are the engagement's words for one order or request; {leader} its leader.
UNIVERSAL = [
    ("otif", "OTIF", "{Units} delivered on time and in full / all {units}, per {unit}",
     "delivery records", "monthly", "Supply chain manager", ">= 95%", None, "< 92%", None),
    ("complaint_rate", "Complaint rate", "Customer complaints / {units} delivered",
     "complaint log", "monthly", "Quality manager", "<= 2%", None, "> 4%", None),
    ("quality_rating", "Customer-rated quality", "Mean rating of delivered quality, 1-5", "survey",
     "quarterly", LEADER, ">= 4.2", None, "< 3.8", None),
    ("nps", "NPS", "% promoters (9-10) - % detractors (0-6)", "survey", "twice a year", LEADER,
     ">= +30", None, "< +10", None),
    ("lot_acceptance", "Acceptance at inspection",
     "Deliveries accepted at first inspection / deliveries inspected", "quality test", "every {unit}",
     "Quality manager", ">= 98%", None, "< 96%", None),
]
BY_DISCIPLINE = [
    ("perceived_innovation", "Perceived innovation", "Customers' rating of what is new in the offer "
     "since the move, 1-5", "focus group", "twice a year", LEADER, ">= 4.3", ">= 3.8", "< 3.5",
     "product_leadership"),
    ("application_performance", "Right first time in use",
     "Share of customers' first uses or trials that meet the need first time", "quality test",
     "quarterly", "Technical service lead", ">= 97%", ">= 92%", "< 90%", "product_leadership"),
    ("customisation_days", "Responsiveness to customisation", "Days from a customer's change "
     "request to its first delivery", "interview", "quarterly", LEADER, "<= 10 days", "<= 20 days",
     "> 25 days", "customer_intimacy"),
    ("account_health", "Account health", "Leader-led conversation on needs, irritants and plans, "
     "scored 1-5", "designed conversation", "quarterly", LEADER, ">= 4.0", ">= 3.5", "< 3.0",
     "customer_intimacy"),
    ("lead_time", "Lead time", "Days from {unit} to delivery, median", "delivery records", "monthly",
     "Supply chain manager", "<= 10 days", "<= 15 days", "> 18 days", "operational_excellence"),
    ("batch_consistency", "Consistency", "Share of deliveries within specification",
     "quality test", "every {unit}", "Quality manager", ">= 99%", ">= 97%", "< 95%",
     "operational_excellence"),
    ("price_rating", "Price competitiveness", "Customers' rating of our price against alternatives, "
     "1-5", "interview", "twice a year", "Commercial director", ">= 4.0", ">= 3.3", "< 3.0",
     "operational_excellence"),
]
# A service is delivered in the customer's presence: what it is measured by differs from goods.
# Same ids (the tracking computes them the same way from the records), other names and owners.
SERVICE = {
    "otif": ("Within service level", "{Units} completed within the agreed time / all {units}, per {unit}",
             "delivery records", "monthly", "Service delivery manager"),
    "complaint_rate": ("Complaint rate", "Customer complaints / {units} handled", "complaint log",
                       "monthly", "Service quality manager"),
    "quality_rating": ("Customer-rated service", "Mean rating of the service received, 1-5", "survey",
                       "quarterly", LEADER),
    "lot_acceptance": ("Accuracy at audit", "Audited {units} with nothing wrong in what was done or "
                       "said / {units} audited", "quality test", "monthly", "Service quality manager"),
    "perceived_innovation": ("Perceived innovation", "Customers' rating of what is new in the "
                             "service since the move, 1-5", "focus group", "twice a year", LEADER),
    "application_performance": ("Resolved first time", "Share of audited {units} resolved at the "
                                "first contact, with no follow-up needed", "quality test", "monthly",
                                "Service delivery manager"),
    "customisation_days": ("Responsiveness to change", "Days from a customer's change request to "
                           "the change in place", "interview", "quarterly", LEADER),
    "lead_time": ("Time to resolve", "Days from a {unit} opened to its resolution, median",
                  "delivery records", "monthly", "Service delivery manager"),
    "batch_consistency": ("Consistency", "Share of audited {units} handled to the agreed standard, "
                          "whoever handled them", "quality test", "monthly", "Service quality manager"),
}

# A service's durations are shorter than goods' lead times: target (lead), target (threshold), alert.
SERVICE_TARGETS = {"lead_time": ("<= 3 days", "<= 5 days", "> 7 days"),
                   "customisation_days": ("<= 5 days", "<= 10 days", "> 15 days")}


def _words(text: str, offering: Offering, leader: str) -> str:
    text = text.replace("a {unit}", "an {unit}") if offering.unit[:1].lower() in "aeiou" else text
    return text.format(unit=offering.unit, units=offering.units, Units=offering.units[:1].upper()
                       + offering.units[1:], leader=leader)


def _row(row: tuple, offering: Offering) -> tuple:
    """A measure's row as the offering words it: a service's own name, definition and owner."""
    kid, kpi, definition, method, cadence, owner, *rest = row
    if offering.kind == "service" and kid in SERVICE:
        kpi, definition, method, cadence, owner = SERVICE[kid]
    if offering.kind == "service" and kid in SERVICE_TARGETS:
        rest = [*SERVICE_TARGETS[kid], rest[-1]]
    return (kid, kpi, definition, method, cadence, owner, *rest)


def generate_plan(strategy: StrategyAnalysis, leader: str, segments: list[str],
                  offering: Offering = Offering()) -> pd.DataFrame:
    """The plan's rows: universal measures, then the lead discipline's, then the thresholds'.

    The audience of a discipline's measures is the segments that weigh that discipline above
    their own average (every segment for universal measures). ``offering`` words the measures
    for a product or a service, in the engagement's name for one order or request.
    """
    rows = []
    for row in UNIVERSAL:
        kid, kpi, definition, method, cadence, owner, target, _, alert, _ = _row(row, offering)
        rows.append([kid, kpi, _words(definition, offering, leader), method, "all segments",
                     _words(cadence, offering, leader), _words(owner, offering, leader), target,
                     alert, MIN_N[method], "universal"])
    order = (strategy.lead,) + strategy.thresholds
    for discipline in order:
        audience = [s for s, p in strategy.segments.items() if p[discipline] > 1 / 3] or segments
        for row in BY_DISCIPLINE:
            kid, kpi, definition, method, cadence, owner, lead_t, thr_t, alert, d = _row(row, offering)
            if d != discipline:
                continue
            rows.append([kid, kpi, _words(definition, offering, leader), method, ", ".join(audience),
                         _words(cadence, offering, leader), _words(owner, offering, leader),
                         lead_t if d == strategy.lead else thr_t, alert, MIN_N[method],
                         f"{DISCIPLINE_LABELS[d]} ({'lead' if d == strategy.lead else 'threshold'})"])
    return pd.DataFrame(rows, columns=COLUMNS)
