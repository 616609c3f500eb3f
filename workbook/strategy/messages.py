"""What the strategy asks of the partner, and how to tell customers why the company outsources.

Customers are sceptical of an outsourcing move at first. The message follows the company's lead
discipline (a product leader outsources to raise quality and innovation, not to save money), is
tuned to what each segment buys on, and is delivered by senior leaders through the channel its
customers are reached by (an account manager, e-mail and the site, the marketplace, the intranet).
The words are the word book's (:mod:`workbook.core.wordbook`), chosen by what is outsourced and who
each segment's customers are.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.vocabulary import DISCIPLINE_LABELS
from workbook.core.wordbook import Voice, say
from workbook.engagement.offering import Offering
from workbook.strategy.analysis import StrategyAnalysis

LARGE_SEGMENT = 0.25
DEFAULT_OUTSOURCED = "this work"  # engagement.yaml's `outsourced` names it in the client's words


def partner_needs(strategy: StrategyAnalysis, offering: Offering = Offering()) -> list[str]:
    """What the partner must be, in plain sentences, worded for a product or a service."""
    voice = Voice(offering.kind)
    lines = [f"Lead: a partner {say('partner_need.' + strategy.lead, voice)}."]
    for d in strategy.thresholds:
        lines.append(f"Threshold ({DISCIPLINE_LABELS[d].lower()}): {say('threshold_need.' + d, voice)}.")
    if not strategy.aligned:
        lines.append(f"Because customers buy mainly on "
                     f"{DISCIPLINE_LABELS[strategy.customer_lead].lower()}, a partner that fails "
                     f"there loses them, however strong it is on "
                     f"{DISCIPLINE_LABELS[strategy.own_lead].lower()}.")
    return lines


def customer_messages(strategy: StrategyAnalysis, leader: str, outsourced: str = "",
                      offering: Offering = Offering(), segments=(), words: dict | None = None) -> pd.DataFrame:
    """Per segment: what it buys on, the message, who delivers it, through which channel, and
    when, worded for what is outsourced and for the segment's ``audience`` (``segments``: the
    settings' :class:`~workbook.engagement.settings.Segment` records; business when absent)."""
    audiences = {s.name: s.audience for s in segments}
    rows = []
    for row in strategy.alignment():
        voice = Voice(offering.kind, audiences.get(row["segment"], "business"), words or {})
        rows.append({
            "segment": row["segment"],
            "share": row["share"],
            "buys_on": DISCIPLINE_LABELS[row["buys_on"]],
            "message": say("message", voice, outsourced=outsourced or DEFAULT_OUTSOURCED,
                           why=say("why." + strategy.own_lead, voice),
                           promise=say("promise." + row["buys_on"], voice, unit=offering.unit,
                                       units=offering.units)),
            "messenger": say("messenger", voice, leader=leader, large=row["share"] >= LARGE_SEGMENT),
            "when": say("timing", voice),
        })
    return pd.DataFrame(rows)
