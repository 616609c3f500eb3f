"""Partner assessment: the recipe from an engagement and its weights to a defensible ranking."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from workbook.engagement.model import Engagement
from workbook.scoring import robustness, smaa
from workbook.scoring.conditions import chance_severity
from workbook.scoring.continuity import missed_delivery_chance, supply_risks
from workbook.scoring.matrix import DecisionMatrix, build_matrix, missing_judgments, scales, standing
from workbook.scoring.ranking import Ranking, rank_partners
from workbook.scoring.warning_signs import shiny_objects, unique_competencies, warning_flags
from workbook.strategy.analysis import StrategyAnalysis
from workbook.strategy.proposals import apply_proposals, propose_knockouts


@dataclass(frozen=True)
class Assessment:
    """Everything the scoring report shows, with its intermediate figures."""

    matrix: DecisionMatrix
    ranking: Ranking
    shiny: pd.DataFrame
    supply: pd.DataFrame
    missing: pd.DataFrame
    names: pd.Series
    unique: pd.DataFrame
    continuity: pd.DataFrame
    unapplied: pd.DataFrame | None = None  # must-haves proposed from the strategy, not yet applied
    # the recommended partner's own measured quality (a pilot or the current contract), as the
    # quality step found it: partner, period (its last complete month) and the measures with high
    # early warnings in it, by id and by name (workbook.quality.assessment.tracked_quality)
    tracked: dict | None = None
    # the tracked partner's reported facts against what was measured of it, one row per fact
    # (workbook.quality.records.check_records)
    records: pd.DataFrame | None = None

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
    proposals = propose_knockouts(criteria, matrix.values, strategy) if strategy is not None else None
    if proposals is not None and engagement.settings.accept_knockout_proposals:
        criteria = apply_proposals(criteria, proposals)
    shiny = shiny_objects(matrix.values, engagement.criteria, engagement.settings.term_years)
    supply = supply_risks(engagement.supply)
    unique = unique_competencies(matrix.values, engagement.criteria)
    flags = warning_flags(matrix.values, engagement.criteria, shiny, supply, unique)
    for pid, cid in matrix.imputed.stack()[lambda s: s].index:
        flags.setdefault(pid, []).append(f"imputed:{cid}")
    continuity = missed_delivery_chance(engagement.supply, engagement.settings.term_years)
    for pid, flag in chance_flags(continuity, flags):
        flags.setdefault(pid, []).append(flag)
    ranking = rank_partners(matrix.values, criteria, weights, flags)
    return Assessment(matrix, ranking, shiny, supply, missing_judgments(engagement),
                      engagement.partners["name"], unique, continuity,
                      None if engagement.settings.accept_knockout_proposals else proposals)


def chance_flags(continuity: pd.DataFrame, flags: dict[str, list[str]]) -> list[tuple[str, str]]:
    """A warning for each partner whose chance over the term of a supply-caused miss
    (``supply_chance:<main cause>``) or of an outage the work cannot stand (``outage_chance:<main
    cause>``) is high (:func:`workbook.scoring.conditions.chance_severity`), unless its main cause
    carries a warning of its own already."""
    found = []
    for _, r in continuity.iterrows():
        for code, column, cause in (("supply_chance", "chance_over_term", "main_cause"),
                                    ("outage_chance", "outage_chance_over_term", "outage_cause")):
            chance = r.get(column)
            if chance is None or pd.isna(chance) or chance_severity(float(chance)) != "high":
                continue
            named = {f.partition(":")[2] for f in flags.get(r["partner"], [])}
            if r.get(cause) not in named:
                found.append((r["partner"], f"{code}:{r.get(cause)}"))
    return found


@dataclass(frozen=True)
class Robustness:
    """How robust the recommendation is, with the figures behind the verdict.

    Attributes
    ----------
    acceptability : DataFrame
        partner, then ``rank_1`` ... ``rank_m``: share of draws at each rank.
    central : DataFrame
        partner, then one column per criterion id: the mean weights of the draws the partner
        wins (empty when it never does).
    confidence : DataFrame
        partner, confidence: the share of value draws the partner wins at its central weights.
    tipping : DataFrame
        Per criterion: weight, the weights below and above at which the winner changes
        (``lower``, ``upper``, empty when never), who would then win, and the smaller change.
    leave_one_out : dict
        Evaluator -> the winner without that evaluator's judgments.
    verdict : str
        "robust" or "close call" (:func:`workbook.scoring.robustness.verdict`).
    fragile : tuple of str
        What a close call is not robust to, as codes: "draws", "tipping_point", "leave_one_out"
        (:func:`workbook.scoring.robustness.fragilities`); empty when robust.
    winner : str
        The partner the verdict is about (first by weighted sum).
    draws : int
        How many draws the shares come from.
    weights : str
        "around" (near the weights in force) or "free" (any weights).
    judgments : str
        "evaluators" when the draws resampled the team's judgments, else "fixed" (as set, or
        because fewer than two evaluators judged anything).
    evaluators : int
        How many evaluators judged anything (0 for a facts-only engagement).
    """

    acceptability: pd.DataFrame
    central: pd.DataFrame
    confidence: pd.DataFrame
    tipping: pd.DataFrame
    leave_one_out: dict[str, str | None]
    verdict: str
    winner: str
    draws: int
    weights: str = "around"
    judgments: str = "fixed"
    evaluators: int = 0
    fragile: tuple[str, ...] = ()

    @property
    def nearest_tip(self) -> dict | None:
        """The tipping point with the smallest weight change (a row of ``tipping``), or None."""
        known = self.tipping.dropna(subset=["change"])
        return None if known.empty else known.iloc[0].to_dict()


def assess_robustness(engagement: Engagement, assessment: Assessment, weights: pd.Series,
                      draws: int | None = None) -> Robustness | None:
    """SMAA-2 rank acceptability, central weights and confidence factors, tipping points and
    leave-one-evaluator-out for the weighted sum, as ``robustness:`` in engagement.yaml sets
    (``draws``, when given, overrides its number of draws).

    None when fewer than two partners are ranked (nothing to be robust against).
    """
    ranked = assessment.ranking.table.dropna(subset=["rank"])["partner"].tolist()
    if len(ranked) < 2:
        return None
    plan = engagement.settings.robustness
    draws = plan.draws if draws is None else draws
    criteria = assessment.ranking.criteria
    values = assessment.matrix.values.loc[ranked]
    base = standing(values, criteria).to_numpy()
    judged = _judgments(engagement, ranked, criteria, scales(values, criteria))
    w = weights.reindex(criteria.index).to_numpy(float)
    resample = plan.judgments == "evaluators" and len(judged) > 1
    shares, central, confidence = smaa.smaa(
        base, judged, w, draws, free=plan.weights == "free", resample=resample,
        median=assessment.matrix.aggregate == "median", seed=plan.seed)
    acceptability = pd.DataFrame(shares, index=ranked,
                                 columns=[f"rank_{r + 1}" for r in range(len(ranked))])
    acceptability = acceptability.rename_axis("partner").reset_index()
    central = pd.DataFrame(central, index=ranked, columns=criteria.index).rename_axis("partner").reset_index()
    confidence = pd.DataFrame({"partner": ranked, "confidence": confidence})
    tipping = _tipping_table(robustness.tipping_points(base, w), criteria, ranked)
    loo = {}  # facts only (nothing judged): no evaluator can change anything
    for evaluator in engagement.settings.evaluators if len(engagement.scored_criteria) else ():
        fewer = replace(engagement, scores=engagement.scores[engagement.scores["evaluator"] != evaluator])
        if fewer.scores.empty and len(engagement.scored_criteria):
            continue
        loo[evaluator] = rank_partners(build_matrix(fewer, assessment.matrix.aggregate).values,
                                       criteria, weights).winner
    nearest = tipping["change"].min() if tipping["change"].notna().any() else None
    winner = assessment.ranking.winner
    first = dict(zip(acceptability["partner"], acceptability["rank_1"]))
    fragile = robustness.fragilities(first, winner, loo, nearest)
    verdict = robustness.verdict(first, winner, loo, nearest)
    return Robustness(acceptability, central, confidence, tipping, loo, verdict, winner, draws,
                      plan.weights, "evaluators" if resample else "fixed", len(judged), fragile)


def _judgments(engagement: Engagement, partners: list[str], criteria: pd.DataFrame,
               bounds: pd.DataFrame) -> np.ndarray:
    """(E, partners, criteria) each evaluator's judgments on the criteria's scales, NaN where none;
    only evaluators who judged something."""
    scores = engagement.scores
    scores = scores[scores["partner"].isin(partners) & scores["criterion"].isin(criteria.index)]
    out = []
    for _, given in scores.groupby("evaluator", sort=True):
        grid = given.pivot_table(index="partner", columns="criterion", values="score", aggfunc="mean")
        grid = grid.reindex(index=partners, columns=criteria.index).to_numpy(float)
        out.append((grid - bounds["worst"].to_numpy()) / (bounds["best"] - bounds["worst"]).to_numpy())
    return np.array(out) if out else np.full((0, len(partners), len(criteria)), np.nan)


def _tipping_table(points: list[dict], criteria: pd.DataFrame, ranked: list[str]) -> pd.DataFrame:
    rows = []
    for p in points:
        down, up = p["down"], p["up"]
        changes = [abs(p["weight"] - x[0]) for x in (down, up) if x is not None]
        rows.append({"criterion": criteria.index[p["criterion"]],
                     "name": criteria["name"].iloc[p["criterion"]],
                     "weight": p["weight"],
                     "lower": down[0] if down else np.nan,
                     "winner_below": ranked[down[1]] if down else "",
                     "upper": up[0] if up else np.nan,
                     "winner_above": ranked[up[1]] if up else "",
                     "change": min(changes) if changes else np.nan})
    return pd.DataFrame(rows).sort_values("change", na_position="last").reset_index(drop=True)
