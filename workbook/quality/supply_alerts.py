"""Early warnings from supply continuity: the partner under contract's supply risks, and while no
partner is under contract yet, another candidate's stock shortfall or slow failover, each with the
supply risk's own severity (:func:`workbook.scoring.continuity.supply_severity`), so that the supply
table and the early warnings never disagree. Their phrases come from the word book (``alert.*``).
"""

from __future__ import annotations

import pandas as pd

from workbook.core import formats
from workbook.core.vocabulary import mid_sentence
from workbook.core.wordbook import Voice, join, say
from workbook.engagement.offering import Offering
from workbook.scoring.continuity import CAPABILITY, SINGLE_PROVIDER, SINGLE_SOURCE


def supply_alerts(risks: pd.DataFrame, partner: str | None, names, since: str = "",
                  candidates: bool = False, offering: Offering = Offering(),
                  facing: dict[str, str] | None = None) -> list[dict]:
    """Supply risks (see :func:`workbook.scoring.continuity.supply_risks`) as alerts, each with the
    risk's own severity (:func:`workbook.scoring.continuity.supply_severity`), so that the supply
    table and the early warnings never disagree. The partner under contract's risks all count;
    with ``candidates``, another candidate's stock shortfall or slow failover too. A capability's
    alert speaks of providers and failover, never of stock; a material's of a delivery risk (a
    product) or a service risk (``offering`` a service), of which those who face each segment's
    customers (``facing``, as for :func:`measure_alerts`) are warned.
    """
    rows = []
    warn = say("alert.warn", whom=join(list((facing or {}).values())) or say("alert.anyone_facing"),
               risk=say("shortfall_risk", Voice(offering.kind)))
    for _, r in risks.iterrows():
        capability = r.get("input_kind") == CAPABILITY
        single = r["kind"] in (SINGLE_SOURCE, SINGLE_PROVIDER)
        if r["partner"] == partner:
            if capability:
                action = say("alert.action.second_provider" if single else "alert.action.failover",
                             input=mid_sentence(r["input"]), hours=formats.hours(r["tolerable_hours"]), warn=warn)
            else:
                action = say("alert.action.second_source" if single else "alert.action.stock",
                             input=r["input"], days=f"{r['replenish_days']:g}", warn=warn)
            rows.append({"severity": r["severity"], "since": since, "evidence": _stock(r),
                         "what": f"{r['input']}: {r['issue']}", "where": say("alert.where.supply", partner=names(partner)),
                         "action": action, "kind": "supply", "partner": partner, "input": r["input"]})
        elif candidates and not single:
            rows.append({"severity": r["severity"], "since": since, "what": f"{r['input']}: {r['issue']}",
                         "evidence": _stock(r),
                         "where": say("alert.where.candidate", partner=names(r["partner"])),
                         "action": say("alert.action.candidate_failover" if capability else
                                       "alert.action.candidate_stock"), "kind": "supply",
                         "partner": r["partner"], "input": r["input"]})
    return rows


def _stock(risk: pd.Series) -> str:
    """The figures behind a supply risk, in its input's own terms."""
    sources = int(risk["sources"])
    if risk.get("input_kind") == CAPABILITY:
        providers = f"{sources} provider{'' if sources == 1 else 's'}"
        restore = (f"failover {formats.hours(risk['failover_hours'])}" if sources > 1 else "no redundancy")
        return say("alert.evidence.capability", providers=providers, restore=restore,
                   recovery=formats.hours(risk["recovery_hours"]), tolerable=formats.hours(risk["tolerable_hours"]))
    return say("alert.evidence.material", sources=f"{sources} qualified source{'' if sources == 1 else 's'}",
               days=f"{risk['days_on_hand']:g}", replenish=f"{risk['replenish_days']:g}")
