"""Gathering the findings of the scoring and quality steps into one record.

Nothing is judged here: each severity and status was decided once where it belongs —
:func:`workbook.scoring.continuity.supply_severity` (a supply risk),
:func:`workbook.scoring.conditions.chance_severity` (a chance of a miss or an outage over the term),
:func:`workbook.scoring.conditions.verdict_kind` (the verdict),
:func:`workbook.scoring.warning_signs.below_adequate_severity` (weak customer focus, a culture gap),
:data:`workbook.scoring.conditions.PROPOSAL_SEVERITY` (a proposed must-have a partner fails),
:func:`workbook.quality.status.status_of` and :data:`workbook.quality.status.SEVERITY` (a measure's
status and the early warning it raises), :func:`workbook.quality.alerts.control_alerts` (a
control-chart signal). This module only copies them, as codes and figures, into :class:`Findings`.
"""

from __future__ import annotations

import math

import pandas as pd

from workbook.register.finding import (ALERT, CONDITION, CONTINUITY, FLAG, PROPOSAL, RECOMMENDATION, SEVERITIES,
                                       STATUS, SUPPLY, Finding, Findings)
from workbook.scoring.conditions import (PROPOSAL_SEVERITY, below_proposed, chance_severity, record_figures,
                                         verdict_kind, winner_conditions)
from workbook.scoring.warning_signs import GROUP_FLAGS, below_adequate_severity

# What a condition's or a flag's detail names, by its code.
SUBJECT_OF = {"single_source": "input", "single_provider": "input", "slow_failover": "input",
              "supply": "input", "continuity": "input", "supply_chance": "input", "outage_chance": "input",
              "methods_disagree": "method",
              "below_proposed": "criterion", "knockout": "criterion", "imputed": "criterion",
              "unique": "criterion", "weak_customer_focus": "criterion", "culture_gap": "criterion",
              "record_overstated": "criterion"}
SHINY_FIGURES = ("term_years", "bottom_quarter", "below", "below_values")
CHANCE_COLUMNS = {"supply_chance": "chance_over_term", "outage_chance": "outage_chance_over_term"}
SUPPLY_FIGURES = ("sources", "days_on_hand", "replenish_days", "failover_hours", "recovery_hours",
                  "tolerable_hours")


# Each finding's id: the letter of its kind and its place among them (an alert keeps alerts.csv's).
ID_LETTERS = {RECOMMENDATION: "r", CONDITION: "c", FLAG: "f", PROPOSAL: "p", SUPPLY: "s", CONTINUITY: "k",
              STATUS: "m", ALERT: "a"}


def numbered(items: list[Finding]) -> Findings:
    """The findings, each with an id: ``f3`` is the third flag; one with an id keeps it."""
    seen: dict[str, int] = {}
    out = []
    for f in items:
        seen[f.kind] = seen.get(f.kind, 0) + 1
        out.append(f if f.id else Finding(f.kind, f.code, f.severity, f.subjects, f.figures,
                                          f"{ID_LETTERS[f.kind]}{seen[f.kind]}"))
    return Findings(tuple(out))


def plain(value):
    """A figure as JSON holds it: numpy numbers as Python's, a missing one as None."""
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _figures(**figures) -> dict:
    return {k: plain(v) for k, v in figures.items() if plain(v) is not None}


def _subjects(**subjects) -> dict:
    return {k: str(v) for k, v in subjects.items() if plain(v) not in (None, "")}


def scoring_findings(assessment, robust=None) -> Findings:
    """The recommendation, its conditions, every partner's flags, failed proposed must-haves,
    supply risks and continuity chances of ``assessment`` (with ``robust``, its robustness)."""
    ranking, items = assessment.ranking, []
    winner = ranking.winner
    if winner is not None:
        conditions = winner_conditions(assessment, robust)
        table = ranking.table.set_index("partner")
        first = None
        if robust is not None and "rank_1" in robust.acceptability:
            first = robust.acceptability.set_index("partner")["rank_1"].get(winner)
        items.append(Finding(RECOMMENDATION, verdict_kind(robust, conditions) or "ranked",
                             subjects={"partner": winner},
                             figures=_figures(weighted_sum=table.at[winner, "weighted_sum"], first=first,
                                              draws=robust.draws if robust else None)
                             | {"fragile": list(robust.fragile) if robust else []}))
        items += [Finding(CONDITION, c.code, subjects=_subjects(
            partner=winner if c.code != "methods_disagree" else c.figures.get("partner"),
            **{SUBJECT_OF.get(c.code, "subject"): c.subject}),
            figures=_figures(**{k: v for k, v in c.figures.items() if k not in ("partner", "name", "rule")})
            | ({"rule": c.figures["rule"]} if "rule" in c.figures else {})) for c in conditions]
    supply = assessment.supply
    # a chance flag is as severe as its chance (scoring.assessment.chance_flags raises it when high)
    chances = assessment.continuity.set_index("partner") if len(assessment.continuity) else None
    records, knockouts = assessment.records, ranking.knockouts
    for pid, flags in zip(ranking.table["partner"], ranking.table["flags"]):
        for flag in ("" if pd.isna(flags) else str(flags)).split("; "):
            if not flag:
                continue
            code, _, detail = flag.partition(":")
            severity = None
            if code in CHANCE_COLUMNS and chances is not None:
                severity = chance_severity(float(chances.at[pid, CHANCE_COLUMNS[code]]))
            if code in ("supply", "continuity"):
                mine = supply.loc[(supply["partner"] == pid) & (supply["input"] == detail), "severity"]
                severity = min(mine, key=SEVERITIES.index) if len(mine) else None
            figures = {}
            if code == "shiny_object":  # as severe as the scoring step judged it, with why
                row = assessment.shiny[assessment.shiny["partner"] == pid].iloc[0]
                severity, figures = row["severity"], _figures(**{k: list(row[k]) if isinstance(row[k], tuple) else row[k]
                                                                 for k in SHINY_FIGURES})
            if code in GROUP_FLAGS.values():  # a judgment below adequate, as severe as it is low
                judged = float(assessment.matrix.values.at[pid, detail])
                severity, figures = below_adequate_severity(judged), _figures(value=judged)
            if code == "knockout":  # an exclusion, not a risk: no severity, but its figures
                row = knockouts[(knockouts["partner"] == pid) & (knockouts["criterion"] == detail)].iloc[0]
                figures = _figures(value=row["value"], limit=row["limit"], places=row["places"]) | {"rule": row["rule"]}
            if code == "record_overstated":  # as severe as check_records judged it
                row = records[(records["partner"] == pid) & (records["criterion"] == detail)].iloc[0]
                severity, figures = row["severity"], _figures(**record_figures(row))
            items.append(Finding(FLAG, code, severity, _subjects(partner=pid, **{SUBJECT_OF.get(code, "subject"): detail}),
                                 figures))
    for pid in ranking.table.dropna(subset=["rank"])["partner"]:
        items += [Finding(PROPOSAL, c.code, PROPOSAL_SEVERITY, _subjects(partner=pid, criterion=c.subject),
                          figures=_figures(value=c.figures["value"], proposed=c.figures["proposed"])
                          | {"rule": c.figures["rule"]}) for c in below_proposed(assessment, pid)]
    for _, r in supply.iterrows():
        items.append(Finding(SUPPLY, r["kind"], r["severity"], _subjects(partner=r["partner"], input=r["input"]),
                             _figures(**{c: r.get(c) for c in SUPPLY_FIGURES}) | {"input_kind": r["input_kind"]}))
    for _, r in assessment.continuity.iterrows():
        for code, chance, cause, extra in (
                ("supply_chance", r.get("chance_over_term"), r.get("main_cause"), {}),
                ("outage_chance", r.get("outage_chance_over_term"), r.get("outage_cause"),
                 {"hours_lost_a_year": r.get("hours_lost_a_year")})):
            if plain(chance) is not None:
                items.append(Finding(CONTINUITY, code, chance_severity(float(chance)),
                                     _subjects(partner=r["partner"], input=cause),
                                     _figures(chance=chance, **extra)))
    return numbered(items)


def quality_findings(quality) -> Findings:
    """Every measure's status and every early warning of ``quality`` (a QualityReport)."""
    items = []
    for _, s in quality.status.iterrows():
        items.append(Finding(STATUS, s["status"], subjects=_subjects(measure=s["kpi_id"], partner=quality.partner),
                             figures=_figures(latest=s["latest"], n=s["n"], low=s["low"], high=s["high"],
                                              period=s["period"] or None, partial=bool(s["partial"]) or None)))
    for _, a in quality.alerts.iterrows():
        items.append(Finding(ALERT, a["kind"], a["severity"],
                             _subjects(measure=a["measure"], segment=a["segment"],
                                       partner=a["partner"] if plain(a["partner"]) else
                                       quality.partner if quality.attributed else None,
                                       input=a["input"]),
                             _figures(value=a["value"], threshold=a["threshold"], n=a["n"],
                                      since=a["since"] or None), id=a["id"]))
    return numbered(items)
