"""What the strategy asks of the partner, and how to tell customers why the company outsources.

Customers are sceptical of an outsourcing move at first. The message follows the company's lead
discipline (a product leader outsources to raise quality and innovation, not to save money), is
tuned to what each segment buys on, and is delivered by senior leaders.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.vocabulary import DISCIPLINE_LABELS
from workbook.engagement.offering import Offering
from workbook.strategy.analysis import StrategyAnalysis

PARTNER_NEEDS = {
    "product_leadership": "able to make the most innovative, high-quality products, with the "
                         "domain knowledge to develop new products and services with us",
    "customer_intimacy": "set up for customisation: flexible on specifications, volumes and schedules, "
                         "and quick to respond to individual customers' requests",
    "operational_excellence": "able to deliver high volumes at low cost with customer-acceptable, "
                              "consistent quality and reliable on-time delivery",
}
THRESHOLD_NEEDS = {
    "product_leadership": "quality and a steady flow of product improvements at the market's level",
    "customer_intimacy": "enough flexibility to handle special requests without disruption",
    "operational_excellence": "on-time, in-full delivery and costs in line with the market",
}
WHY = {
    "product_leadership": "to raise quality and the pace of innovation; it is not made to save money",
    "customer_intimacy": "to give us more room to tailor products and service to you; your contacts "
                         "stay the same",
    "operational_excellence": "to deliver more reliably at a better cost, under the same quality "
                              "controls",
}
FOR_SEGMENT = {
    "product_leadership": "You will see new and improved products sooner, and our quality checks "
                          "stay in our hands.",
    "customer_intimacy": "Your account team stays the same, and custom requests go through us as "
                         "before.",
    "operational_excellence": "Delivery commitments and prices hold; we track on-time, in-full "
                              "delivery every month and will tell you first if anything slips.",
}
# The same promises for a service: what its users notice is the service, not deliveries.
FOR_SEGMENT_SERVICE = {
    "product_leadership": "You will see the service improve sooner, and our quality checks stay in "
                          "our hands.",
    "customer_intimacy": "Your contacts stay the same, and special requests go through us as before.",
    "operational_excellence": "Service levels and prices hold; we measure every {unit} against the "
                              "agreed time each month and will tell you first if anything slips.",
}
TIMING = ("before the move is announced (key accounts first), at the switch-over, and with the "
          "first quality results three months later")
LARGE_SEGMENT = 0.25
DEFAULT_OUTSOURCED = "this work"  # engagement.yaml's `outsourced` names it in the client's words


def partner_needs(strategy: StrategyAnalysis) -> list[str]:
    """What the partner must be, in plain sentences."""
    lines = [f"Lead: a partner {PARTNER_NEEDS[strategy.lead]}."]
    for d in strategy.thresholds:
        lines.append(f"Threshold ({DISCIPLINE_LABELS[d].lower()}): {THRESHOLD_NEEDS[d]}.")
    if not strategy.aligned:
        lines.append(f"Because customers buy mainly on "
                     f"{DISCIPLINE_LABELS[strategy.customer_lead].lower()}, a partner that fails "
                     f"there loses them, however strong it is on "
                     f"{DISCIPLINE_LABELS[strategy.own_lead].lower()}.")
    return lines


def customer_messages(strategy: StrategyAnalysis, leader: str, outsourced: str = "",
                      offering: Offering = Offering()) -> pd.DataFrame:
    """Per segment: what it buys on, the message (worded for a product or a service), who
    delivers it and when."""
    promises = FOR_SEGMENT_SERVICE if offering.kind == "service" else FOR_SEGMENT
    rows = []
    for row in strategy.alignment():
        large = row["share"] >= LARGE_SEGMENT
        rows.append({
            "segment": row["segment"],
            "share": row["share"],
            "buys_on": DISCIPLINE_LABELS[row["buys_on"]],
            "message": f"We are entrusting {outsourced or DEFAULT_OUTSOURCED} to a specialist partner "
                       f"{WHY[strategy.own_lead]}. "
                       f"{promises[row['buys_on']].format(unit=offering.unit)}",
            "messenger": f"{leader}, in person" if large else f"{leader}, with the account manager",
            "when": TIMING,
        })
    return pd.DataFrame(rows)
