"""The conditions the winner is recommended on, and the verdict's kind: decided once, here, as
codes and figures. The views put them into words (:mod:`workbook.views.findings`,
:mod:`workbook.views.supply_findings`); ``recommendation.json`` records them as they are.

A winner is recommended without conditions only if nothing below holds:

- ``shiny_object``: it is new and unproven, however strong its technology;
- ``single_source`` / ``single_provider``: a critical material or consumable with one qualified
  source, or a critical capability with one provider (high supply risks);
- ``slow_failover``: a critical capability's failover takes longer than the work can stand;
- ``supply_chance`` / ``outage_chance``: an estimated chance over the term, at or above
  :data:`MISSED_DELIVERY_LIMIT` / :data:`OUTAGE_LIMIT`, of a supply-caused missed delivery (or
  service), or of an outage longer than the work can stand;
- ``methods_disagree``: a cross-check (TOPSIS, PROMETHEE II) puts another partner first;
- ``below_proposed``: it fails a must-have proposed from the strategy that is not yet applied;
- ``quality_warnings``: its own measured quality (a pilot, or the current contract) shows high
  early warnings in its last complete month (``assessment.tracked``);
- ``record_overstated``: a fact it reported is better than what was measured of it, and scored on
  what was measured it would not be recommended (``assessment.records``, severity high).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from workbook.scoring.continuity import SINGLE_PROVIDER, SINGLE_SOURCE, SLOW_FAILOVER

# A one-in-five chance of at least one supply-caused missed delivery over the contract is the point
# where the damage to customers' trust (those who face the customers "delivering bad news")
# outweighs the cost of a safety stock or a second source: above it the remedy becomes a condition
# of the contract. The same one in five holds for an outage of a capability longer than the work
# can stand (customers feel both).
MISSED_DELIVERY_LIMIT = 0.20
OUTAGE_LIMIT = MISSED_DELIVERY_LIMIT
# Under a 1 % chance over the term, a miss or an outage is not worth a reader's attention on the
# summary (the scoring page still shows the figure).
MATERIAL_CHANCE = 0.01


def chance_severity(chance: float, limit: float = MISSED_DELIVERY_LIMIT) -> str:
    """The one severity of a chance over the term of a supply-caused missed delivery (or
    service), or of an outage longer than the work can stand: high at or above ``limit`` (it
    becomes a condition of the recommendation), medium from :data:`MATERIAL_CHANCE` (a top risk
    on the summary, a watch point), low below."""
    return "high" if chance >= limit else "medium" if chance >= MATERIAL_CHANCE else "low"


@dataclass(frozen=True)
class Condition:
    """One condition: its ``code``, what it is about (``subject``: an input, a criterion, a
    method) and its figures."""

    code: str
    subject: str = ""
    figures: dict = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict:
        return {"code": self.code, "subject": self.subject, **self.figures}


def winner_conditions(assessment, robust=None) -> list[Condition]:
    """The conditions the winner of ``assessment`` is recommended on, in the order they are said."""
    ranking, winner = assessment.ranking, assessment.ranking.winner
    if winner is None:
        return []
    found = [Condition("shiny_object")] if winner in set(assessment.shiny["partner"]) else []
    mine = assessment.supply[(assessment.supply["partner"] == winner) & assessment.supply["severity"].eq("high")]
    for kind in (SINGLE_SOURCE, SINGLE_PROVIDER):
        found += [Condition(kind, item) for item in dict.fromkeys(mine.loc[mine["kind"] == kind, "input"])]
    for _, r in mine[mine["kind"] == SLOW_FAILOVER].drop_duplicates("input").iterrows():
        found.append(Condition(SLOW_FAILOVER, r["input"], {"tolerable_hours": float(r["tolerable_hours"]),
                                                            "failover_hours": float(r["failover_hours"])}))
    figures = partner_figures(assessment.continuity, winner)
    if figures.get("chance_over_term", 0) >= MISSED_DELIVERY_LIMIT:
        found.append(Condition("supply_chance", "", {"chance": figures["chance_over_term"]}))
    if figures.get("outage_chance_over_term", 0) >= OUTAGE_LIMIT:
        found.append(Condition("outage_chance", "", {"chance": figures["outage_chance_over_term"]}))
    found += [Condition("methods_disagree", m, {"partner": p}) for m, p in ranking.winners().items()
              if p != winner]
    found += below_proposed(assessment, winner)
    tracked = assessment.tracked
    if tracked and tracked.get("partner") == winner and tracked.get("measures"):
        found.append(Condition("quality_warnings", "", {"count": len(tracked["measures"]),
                                                        "period": tracked["period"],
                                                        "measures": list(tracked["measures"])}))
    records = assessment.records
    if records is not None and len(records):
        for _, r in records[(records["partner"] == winner) & records["severity"].eq("high")].iterrows():
            found.append(Condition("record_overstated", r["criterion"], record_figures(r)))
    return found


RECORD_FIGURES = ("claimed", "measured", "low", "high", "n", "dispersion", "first", "last", "months", "window",
                  "measure", "segment", "direction", "unit", "verdict", "rank", "rank_as_measured",
                  "winner_as_measured")


def record_figures(row) -> dict:
    """A record check's figures (a row of ``assessment.records``), without the empty ones."""
    return {k: (v.item() if hasattr(v, "item") else v) for k in RECORD_FIGURES
            if (v := row.get(k)) is not None and not (isinstance(v, float) and pd.isna(v))}


# A proposed must-have a partner fails, not yet applied: the team has not made it a must-have (one
# it fails would exclude it), and the recommendation is conditional on accepting the shortfall.
PROPOSAL_SEVERITY = "medium"


def below_proposed(assessment, partner: str) -> list[Condition]:
    """The must-haves proposed from the strategy, not yet applied, that ``partner`` fails."""
    proposals = assessment.unapplied
    if proposals is None or proposals.empty or partner not in assessment.matrix.values.index:
        return []
    found = []
    for _, p in proposals.iterrows():
        value = assessment.matrix.values.at[partner, p["criterion"]]
        if pd.isna(value) or (value <= p["proposed"] if p["rule"] == "at most" else value >= p["proposed"]):
            continue
        found.append(Condition("below_proposed", p["criterion"], {
            "name": p["name"], "value": float(value), "rule": p["rule"], "proposed": float(p["proposed"])}))
    return found


def verdict_kind(robust, conditions: list[Condition]) -> str | None:
    """"robust", "conditional" (robust, but with conditions) or "close call"; None without a
    robustness analysis."""
    if robust is None:
        return None
    if robust.verdict != "robust":
        return "close call"
    return "conditional" if conditions else "robust"


def partner_figures(continuity: pd.DataFrame, partner: str) -> dict:
    """A partner's row of the continuity figures (materials and capabilities), without the empty
    ones; empty when it has none."""
    rows = continuity[continuity["partner"] == partner]
    return {} if rows.empty else {k: float(v) for k, v in rows.iloc[0].items()
                                  if k != "partner" and isinstance(v, (int, float)) and not pd.isna(v)}
