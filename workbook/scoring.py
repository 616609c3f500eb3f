"""Partner assessment: the recipe from an engagement and its weights to a defensible ranking."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from workbook.engagement import Engagement
from workbook.matrix import DecisionMatrix, build_matrix, missing_judgments
from workbook.proposals import apply_proposals, propose_knockouts
from workbook.ranking import Ranking, rank_partners
from workbook.risks import risk_flags, shiny_objects, supply_risks
from workbook.strategy import StrategyAnalysis


@dataclass(frozen=True)
class Assessment:
    """Everything the scoring report shows, with its intermediate figures."""

    matrix: DecisionMatrix
    ranking: Ranking
    shiny: pd.DataFrame
    supply: pd.DataFrame
    missing: pd.DataFrame
    names: pd.Series

    def name(self, pid: str) -> str:
        """A partner's name from its id."""
        return str(self.names.get(pid, pid))


def assess_partners(engagement: Engagement, weights: pd.Series, aggregate: str = "mean",
                    strategy: StrategyAnalysis | None = None) -> Assessment:
    """Build the matrix, find the risks, rank the partners.

    With ``strategy`` given and ``strategy.accept_knockout_proposals`` set in ``engagement.yaml``,
    the proposed must-haves (:mod:`workbook.proposals`) apply to criteria that have none.
    """
    matrix = build_matrix(engagement, aggregate)
    criteria = engagement.criteria
    if strategy is not None and engagement.settings.accept_knockout_proposals:
        criteria = apply_proposals(criteria, propose_knockouts(criteria, matrix.values, strategy))
    shiny = shiny_objects(matrix.values, engagement.criteria, engagement.settings.term_years)
    supply = supply_risks(engagement.supply)
    flags = risk_flags(shiny, supply)
    for pid, cid in matrix.imputed.stack()[lambda s: s].index:
        flags.setdefault(pid, []).append(f"imputed:{cid}")
    ranking = rank_partners(matrix.values, criteria, weights, flags)
    return Assessment(matrix, ranking, shiny, supply, missing_judgments(engagement),
                      engagement.partners["name"])


def recommendation(assessment: Assessment) -> list[str]:
    """The recommendation in plain sentences."""
    ranking, name = assessment.ranking, assessment.name
    winner = ranking.winner
    if winner is None:
        return ["No partner passes every must-have: none can be recommended. Review the "
                "knockout limits or widen the search."]
    table = ranking.table.set_index("partner")
    lines = [f"Recommended partner: {name(winner)}, first by weighted sum "
             f"({table.at[winner, 'weighted_sum']:.2f} of 1)."]
    winners = ranking.winners()
    others = {m: p for m, p in winners.items() if p != winner}
    if others:
        lines.append("The cross-checks disagree: " + "; ".join(
            f"{m.replace('_', ' ')} puts {name(p)} first" for m, p in others.items()) + ".")
    else:
        lines.append("TOPSIS and PROMETHEE II put the same partner first.")
    ranked = table.dropna(subset=["rank"]).sort_values("rank")
    if len(ranked) > 1:
        runner = ranked.index[1]
        margin = ranked["weighted_sum"].iloc[0] - ranked["weighted_sum"].iloc[1]
        lines.append(f"Runner-up: {name(runner)}, {margin:.2f} behind.")
    for _, k in ranking.knockouts.iterrows():
        lines.append(f"{name(k['partner'])} is excluded: {k['name'].lower()} is {k['value']:g}, "
                     f"the must-have is {k['rule']} {k['limit']:g}.")
    for _, s in assessment.shiny.iterrows():
        lines.append(f"Shiny-object warning for {name(s['partner'])}: {s['reason']}.")
    if table.at[winner, "flags"]:
        lines.append(f"Watch points for {name(winner)}: {table.at[winner, 'flags']}.")
    return lines
