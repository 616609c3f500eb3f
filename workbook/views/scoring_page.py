"""Notebook 02's sections: one function per table or chart, each shown where it is called.

:func:`assess` runs the scoring recipe of :mod:`workbook.scoring` and keeps what the sections show.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
from IPython.display import display

from workbook.core import formats
from workbook.core.vocabulary import mid_sentence
from workbook.core.wordbook import Voice, join, say
from workbook.quality.assessment import measured_quality, tracked_quality
from workbook.quality.records import OVERSTATED, check_records, with_records
from workbook.scoring.conditions import record_figures
from workbook.views.record_words import (WIDE, based_on, consequence, record_name, recent_warnings, verdict_words,
                                         written)
from workbook.scoring.assessment import Assessment, Robustness, assess_partners, assess_robustness
from workbook.scoring.continuity import (CAPABILITY, DISRUPTION_DAYS, DISRUPTIONS_PER_YEAR,
                                          OUTAGES_PER_YEAR)
from workbook.scoring.matrix import disagreements, scales, standing
from workbook.team.progress import scoring_status
from workbook.views import blocks, charts
from workbook.views.flag_words import readable_flags, shiny_words
from workbook.views.findings import (drawn, group_findings, group_view, knockout_figures, recommendation,
                                     rises_to_the_top, scale_lines)
from workbook.views.labels import METHOD_NAMES
from workbook.views.step import Step, open_step  # noqa: F401 (the notebooks start with it)
from workbook.views.team_progress import readable_status

MISSING_POLICY = ("A judgment not yet given leaves the cell to the evaluators who did judge it; a "
                  "cell nobody has judged takes the median of the other partners on that "
                  "criterion and is marked as estimated.")


@dataclass(frozen=True)
class Scoring:
    """What the scoring page shows: the step it started from, the assessment and its robustness."""

    step: Step
    assessment: Assessment
    robust: Robustness | None
    team: pd.DataFrame

    def name(self, pid) -> str:
        return self.step.name(pid)


def assess(step: Step, aggregate: str = "mean", draws: int | None = None) -> Scoring:
    """Rank the partners, test the ranking's robustness (with ``draws`` draws; None: as
    engagement.yaml's ``robustness:`` sets), and take stock of the team's judgments."""
    eng = step.engagement
    assessment = assess_partners(eng, step.weighing.series, aggregate, step.strategy)
    quality = measured_quality(eng, step.strategy, assessment)
    tracked = tracked_quality(eng, step.strategy, assessment, quality)
    if tracked is not None:  # the front-runner's own measured quality weighs on its recommendation
        assessment = replace(assessment, tracked=tracked)
    # the tracked partner's reported facts, against what was measured of it
    assessment = with_records(assessment, check_records(eng, quality, assessment, step.weighing.series,
                                                        aggregate, step.strategy))
    robust = assess_robustness(eng, assessment, step.weighing.series, draws)
    return Scoring(step, assessment, robust, scoring_status(eng))


def reported_records(scoring: Scoring) -> None:
    """The facts the partner under contract (or in a pilot) reported, against what was measured
    of it, and what scoring it on the measured figure would change."""
    records, eng = scoring.assessment.records, scoring.step.engagement
    if records is None or records.empty:
        display(blocks.note("No reported fact to check: there is no tracking data about a partner yet, "
                            "or its quality plan measures none of the shares or durations it was scored on."))
        return
    offering = eng.settings.offering
    rows = []
    for _, r in records.iterrows():
        figures = record_figures(r)
        rows.append({"partner": scoring.name(r["partner"]), "name": eng.criteria["name"].get(r["criterion"]),
                     "reported": written("claimed", figures), "measured": written("measured", figures),
                     "interval": f"{written('low', figures)} to {written('high', figures)}",
                     "based_on": based_on(figures, offering), "verdict": verdict_words(figures),
                     "severity": r["severity"] if isinstance(r["severity"], str) else "",
                     "as_measured": consequence(figures, scoring.name, "") if r["verdict"] == OVERSTATED else ""})
    table = pd.DataFrame(rows)  # a severity and its consequence only where a claim was overstated
    display(blocks.table(table.drop(columns=[c for c in ("severity", "as_measured") if not table[c].any()])))
    wide = [record_name(c, eng.criteria) for c, d in zip(records["criterion"], records["dispersion"]) if d >= WIDE]
    if wide:
        display(blocks.note(f"For {join(wide)}, the monthly results vary more than chance would explain (one bad "
                            f"month moves the whole average), so {'its interval is' if len(wide) == 1 else 'their intervals are'} "
                            f"widened accordingly."))
    now = recent_warnings(records, scoring.assessment.tracked)
    if now:
        display(blocks.note(now))


def recommendation_section(scoring: Scoring) -> None:
    display(blocks.bullets(recommendation(scoring.assessment, scoring.robust,
                                          scoring.step.engagement.settings.offering)))


def ranking(scoring: Scoring) -> None:
    """The ranking table, the methods' agreement, and what each partner's score is made of."""
    ranking, eng = scoring.assessment.ranking, scoring.step.engagement
    shown = readable_flags(ranking.table, eng.criteria["name"]).assign(
        partner=ranking.table["partner"].map(scoring.name))
    display(blocks.table(shown[["rank", "partner", *METHOD_NAMES, "strengths", "warnings"]]))
    if ranking.agreement:
        display(blocks.note("Rank agreement with the weighted sum (Spearman): " + ", ".join(
            f"{METHOD_NAMES[m]} {v:.2f}" for m, v in ranking.agreement.items())
            + " (1.00 = identical order)."))
    ranked = scoring.assessment.matrix.values.loc[scoring.assessment.ranking.contributions.index]
    display(blocks.note(" ".join(scale_lines(scales(ranked, ranking.criteria), ranking.criteria))))
    blocks.figure(charts.contribution_chart(ranking.contributions, eng.criteria,
                                            scoring.assessment.names))


def robustness(scoring: Scoring) -> None:
    """Rank acceptability, the nearest tipping points, and the winner without each evaluator."""
    robust = scoring.robust
    if robust is None:
        display(blocks.note("Fewer than two partners pass the must-haves: there is nothing to compare."))
        return
    blocks.figure(charts.acceptability_chart(robust.acceptability, scoring.assessment.names,
                                             draws=robust.draws, drawn=drawn(robust)))
    winning = _winning_weights(scoring)
    if len(winning):
        display(blocks.table(winning, caption="Who wins under which weights (SMAA-2 central weights "
                                              "and confidence factors)"))
    tips = robust.tipping.dropna(subset=["change"]).head(5)  # a criterion no weight tips is no tipping point
    tips = tips.assign(winner_below=tips["winner_below"].map(scoring.name),
                       winner_above=tips["winner_above"].map(scoring.name)
                       ).rename(columns={"weight": "weight_now"})
    # a side no weight tips (every lower weight keeps the winner) is left out, and said
    sides = [side for side in (("lower", "winner_below"), ("upper", "winner_above")) if tips[side[0]].notna().any()]
    if len(tips):
        display(blocks.table(tips[["name", "weight_now", *(c for side in sides for c in side)]],
                             caption="The nearest tipping points" if len(tips) < 5 else "The five nearest tipping points"))
        if len(sides) == 1:
            display(blocks.note(f"{'Lowering' if sides[0][0] == 'upper' else 'Raising'} any one of these weights, "
                                f"all else kept in proportion, changes no winner."))
    else:
        display(blocks.note("No change of one criterion's weight changes the winner."))
    loo = pd.DataFrame([{"without": e, "first": scoring.name(p) or "nobody"}
                        for e, p in robust.leave_one_out.items()], columns=["without", "first"])
    if len(loo):
        display(blocks.table(loo, caption="Leave one evaluator out"))


def _winning_weights(scoring: Scoring) -> pd.DataFrame:
    """Each partner that ever comes first: how often, how confidently at its central weights, and
    the three criteria those weights favour most."""
    robust, names = scoring.robust, scoring.step.engagement.criteria["name"]
    central = robust.central.set_index("partner")
    table = robust.acceptability[["partner", "rank_1"]].rename(columns={"rank_1": "first_share"})
    table = table.merge(robust.confidence, on="partner")
    # every partner that wins a draw, as the caption says ("under 0.1%" for one in 2,500)
    table = table[table["first_share"] > 0].sort_values("first_share", ascending=False)
    table["favoured_by"] = [", ".join(f"{names.get(c, c)} {formats.share(w)}" for c, w in
                                      central.loc[p].nlargest(3).items()) for p in table["partner"]]
    return table.assign(partner=table["partner"].map(scoring.name))


def decision_matrix(scoring: Scoring) -> None:
    """The decision matrix, its partners in the ranking's order, those a must-have excludes last
    and marked so (they sat among the ranked ones in the order of partners.csv)."""
    ranking, eng = scoring.assessment.ranking.table, scoring.step.engagement
    values = scoring.assessment.matrix.values.loc[ranking["partner"]]
    out = set(ranking.loc[ranking["rank"].isna(), "partner"])
    names = scoring.assessment.names.copy()
    names[list(out)] = [f"{names[p]} (out)" for p in out]
    blocks.figure(charts.matrix_heatmap(standing(values, eng.criteria), values, names, eng.criteria["name"]))


def group_section(scoring: Scoring, group: str, caption: str) -> None:
    """A criterion group's judgments per partner, and who falls below adequate."""
    view, findings = group_findings(scoring.assessment.matrix.values, scoring.step.engagement.criteria,
                                    group, scoring.name)
    if view is not None:
        display(blocks.table(view, caption=caption))
    display(blocks.bullets(findings))


def shiny_objects(scoring: Scoring) -> None:
    """Track record per partner and the shiny-object warnings."""
    a = scoring.assessment
    track = group_view(a.matrix.values, scoring.step.engagement.criteria, "track_record", scoring.name)
    if track.shape[1] > 1:
        display(blocks.table(track, caption="Track record"))
    if len(a.shiny):
        criteria = scoring.step.engagement.criteria
        shown = a.shiny.assign(partner=a.shiny["partner"].map(scoring.name),
                               reason=[shiny_words(row, criteria) for _, row in a.shiny.iterrows()])
        display(blocks.table(shown[["partner", "severity", "reason"]],
                             caption="Shiny-object warnings: new, dazzling, unproven"))
    else:
        display(blocks.note("No shiny-object warning."))


def unique_competencies(scoring: Scoring) -> None:
    display(blocks.bullets(rises_to_the_top(scoring.assessment.unique,
                                            list(scoring.assessment.ranking.table["partner"]),
                                            scoring.name)))


def supply_continuity(scoring: Scoring) -> None:
    """Supply risks and figures, each kind of input in its own words: materials and consumables by
    their stock against replenishment and the chance of a supply-caused missed delivery (missed
    service, for a service); capabilities by their providers, failover and recovery, the hours of
    service lost and the chance of an outage longer than the work can stand."""
    a, settings = scoring.assessment, scoring.step.engagement.settings
    term = settings.term_years
    risks = a.supply.assign(partner=a.supply["partner"].map(scoring.name))
    capable = risks["input_kind"] == CAPABILITY
    if (~capable).any():
        display(blocks.table(risks.loc[~capable, ["partner", "input", "issue", "severity", "sources",
                                                   "days_on_hand", "replenish_days"]],
                             caption="Supply-continuity risks: materials and consumables"))
    if capable.any():
        display(blocks.table(risks.loc[capable, ["partner", "input", "issue", "severity", "sources",
                                                  "failover_hours", "recovery_hours", "tolerable_hours"]]
                             .rename(columns={"sources": "providers"}),
                             caption="Continuity risks: capabilities (platforms, sites, contracts, labour)"))
    if not len(a.continuity):
        criteria = scoring.step.engagement.criteria
        judged = criteria.loc[criteria["group"] == "supply", "name"].map(mid_sentence).tolist()
        display(blocks.note(
            "The partners' inputs are not listed, so no chance of a stoppage is "
            "estimated; supply continuity is judged by the team on " + ", ".join(judged) + "." if judged
            else "No supply data: supply continuity is not assessed."))
        return
    figures = a.continuity.assign(partner=a.continuity["partner"].map(scoring.name))
    missed = say("missed", Voice(settings.offering.kind))
    stocked = figures.dropna(subset=["chance_over_term"])
    if len(stocked):
        shown = stocked[["partner", "yearly_rate", "chance_over_term", "main_cause"]]
        display(blocks.table(shown.sort_values("chance_over_term", ascending=False),
                             caption=f"Materials and consumables: estimated chance of a supply-caused "
                                     f"{missed} over {term:g} years"))
        display(blocks.note(
            f"Assumptions: each qualified source of a critical material or consumable is disrupted "
            f"{DISRUPTIONS_PER_YEAR:g} times a year on average for {DISRUPTION_DAYS:g} days on average; "
            f"supply stops only when every source is disrupted at once; a stoppage becomes a {missed} "
            f"when it outlasts the partner's stock; inputs fail independently; term {term:g} years. "
            f"Non-critical inputs are left out. Change the assumptions and the figures move; the "
            f"ordering of partners is the robust part."))
    capabilities = figures.dropna(subset=["outage_chance_over_term"])
    if len(capabilities):
        display(blocks.table(capabilities[["partner", "hours_lost_a_year", "outage_rate",
                                           "outage_chance_over_term", "outage_cause"]]
                             .sort_values("outage_chance_over_term", ascending=False),
                             caption=f"Capabilities: estimated hours of service lost a year and chance of "
                                     f"an outage longer than the work can stand over {term:g} years"))
        display(blocks.note(
            f"Assumptions: each provider or instance of a critical capability has {OUTAGES_PER_YEAR:g} "
            f"outage{'' if OUTAGES_PER_YEAR == 1 else 's'} a year on average, lasting its recovery time on average; an outage of the one in "
            f"use stops the work for its failover time when a second provider or a standby is up, and "
            f"until recovery when none is (with no redundancy, always); a failover slower than the "
            f"work can stand always outlasts it; capabilities fail independently; term {term:g} years. "
            f"Non-critical capabilities are left out. The hours lost are not added to the chance of a "
            f"{missed}: they are different harms."))


def knockouts(scoring: Scoring) -> None:
    out = scoring.assessment.ranking.knockouts
    if not len(out):
        display(blocks.note("Every partner passes every must-have."))
        return
    criteria = scoring.assessment.ranking.criteria  # each figure with its unit, as the recommendation writes it
    value, limit = zip(*(knockout_figures(k, criteria) for _, k in out.iterrows()))
    out = out.assign(partner=out["partner"].map(scoring.name), value=value, limit=limit, must_have=out["name"])
    display(blocks.table(out[["partner", "must_have", "value", "rule", "limit"]], caption="Excluded from the ranking"))


def team_status(scoring: Scoring) -> None:
    """Who has scored what, per evaluator."""
    eng = scoring.step.engagement
    table = readable_status(scoring.team, eng.partners["name"]).rename(columns={"share": "share_given"})
    display(blocks.table(table.drop(columns="expected"),
                         caption=f"Judgments per evaluator, out of "
                                 f"{len(eng.partners) * len(eng.scored_criteria)} each"))


def missing_and_disagreements(scoring: Scoring) -> None:
    """The judgments still missing, and the cells where the evaluators differ most."""
    display(blocks.note(MISSING_POLICY))
    step, missing = scoring.step, scoring.assessment.missing
    if len(missing):
        display(blocks.table(missing.assign(partner=missing["partner"].map(step.name),
                                            criterion=missing["criterion"].map(step.criterion)),
                             caption=f"The {len(missing)} missing judgment{'s' if len(missing) != 1 else ''}"))
    else:
        display(blocks.note("Every evaluator has judged every partner on every scored criterion."))
    split = disagreements(scoring.assessment.matrix)
    if len(split):
        display(blocks.table(split.assign(partner=split["partner"].map(step.name),
                                          criterion=split["criterion"].map(step.criterion)),
                             caption="Largest disagreements between evaluators, to discuss"))
