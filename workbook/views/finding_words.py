"""The findings record (:mod:`workbook.register`) in words, one line per finding, for the tables
that list them all (results.xlsx's "Findings" sheet).

Each finding is worded by the function that words it on the pages: a flag by
:func:`workbook.views.flag_words.flag_words`, a condition by the recommendation's own phrases, a
supply risk by :func:`workbook.scoring.continuity.risk_issue`, a chance over the term by
:func:`workbook.views.supply_findings.chance_words`, an early warning by its row of alerts.csv.
"""

from __future__ import annotations

import pandas as pd

from workbook.core import measure_formats
from workbook.core.wordbook import say
from workbook.engagement.offering import Offering
from workbook.register.finding import (ALERT, CONDITION, CONTINUITY, FLAG, PROPOSAL, RECOMMENDATION, STATUS,
                                       SUPPLY, Finding)
from workbook.scoring.conditions import Condition
from workbook.scoring.continuity import risk_issue
from workbook.views.findings import SHINY_CONDITION, below_proposed_words, excluded_because
from workbook.views.flag_words import finding_flag_words, shiny_words
from workbook.views.quality_findings import quality_condition
from workbook.views.record_words import record_condition, record_watch
from workbook.views.labels import METHOD_NAMES
from workbook.views.supply_findings import chance_words, supply_condition

KIND_WORDS = {RECOMMENDATION: "Recommendation", CONDITION: "Condition of the recommendation",
              FLAG: "Warning sign", PROPOSAL: "Below a proposed must-have", SUPPLY: "Supply risk",
              CONTINUITY: "Supply continuity", STATUS: "Quality measure", ALERT: "Early warning"}
VERDICT_WORDS = {"robust": "recommended: a robust choice", "conditional": "recommended on conditions",
                 "close call": "recommended, but a close call", "ranked": "first in the ranking"}
COLUMNS = ["finding", "partner", "about", "severity", "status", "words"]


def status_words(code) -> str:
    """A measure's status (:mod:`workbook.quality.status`) as every page, the summary and
    results.xlsx write it: ``alert`` is "past alert"."""
    return say(f"status.{code}")


def finding_line(f: Finding, names, criteria: pd.DataFrame, measures: pd.DataFrame | None = None,
                 alerts: pd.DataFrame | None = None, offering: Offering | None = None) -> dict:
    """One finding as a row of :data:`COLUMNS`: what kind of finding, the partner's name, what it
    is about (by name), its severity, its status (a measure's, the verdict's) and its words.
    ``names`` maps partner ids to names; ``criteria`` is criteria.csv; ``measures`` the measure
    status table (kpi_id, kpi, target); ``alerts`` alerts.csv (by id)."""
    criterion_names = criteria["name"] if "name" in criteria else None
    partner = f.about("partner")
    about = f.about("input") or f.about("method") and METHOD_NAMES.get(f.about("method"), f.about("method"))
    if f.about("criterion"):
        about = str(criterion_names.get(f.about("criterion"), f.about("criterion")))
    kind_words, status, words = KIND_WORDS[f.kind], "", ""
    if f.kind == RECOMMENDATION:
        status, words = f.code, VERDICT_WORDS.get(f.code, f.code)
    elif f.kind == CONDITION:
        words = _condition_words(f, names, criteria, offering, measures)
    elif f.kind == FLAG:
        kind_words = {"unique": "Strength", "knockout": "Failed must-have"}.get(f.code, kind_words)
        words = (f"clearly leads the field on {about}" if f.code == "unique" else
                 record_watch(f.about("criterion"), f.figures, criteria, names, offering)
                 if f.code == "record_overstated" and f.figures else
                 shiny_words(f.figures, criteria) if f.code == "shiny_object" and f.figures else
                 "excluded: " + excluded_because(dict(f.figures, criterion=f.about("criterion"), name=about), criteria)
                 if f.code == "knockout" and "limit" in f.figures
                 else finding_flag_words(f, criterion_names))
    elif f.kind == PROPOSAL:
        words = below_proposed_words(condition_of(f, criteria), criteria)
    elif f.kind == SUPPLY:
        words = risk_issue(f.code, f.figures)
    elif f.kind == CONTINUITY:
        words = chance_words(f.code, f.figures, offering)
    elif f.kind == STATUS:
        row = measures.set_index("kpi_id").loc[f.about("measure")] if measures is not None else None
        about = row["kpi"] if row is not None else f.about("measure")
        status = status_words(f.code)
        if "latest" in f.figures and row is not None:
            words = f"latest {measure_formats.measure(f.figures['latest'], f.about('measure'), row['target'])}"
            words += f" ({f.figures['period']})" if "period" in f.figures else ""
    elif f.kind == ALERT:
        row = alerts.set_index("id").loc[f.id] if alerts is not None else None
        status = say(f"alert_rule.{f.code}")
        words = "" if row is None else str(row["what"])
        about = about or ("" if row is None else str(row["where"]))
    return {"finding": kind_words, "partner": names(partner) if partner else "", "about": about or "",
            "severity": f.severity or "", "status": status, "words": words}


def condition_of(f: Finding, criteria: pd.DataFrame) -> Condition:
    """A condition or proposal finding as the condition the recommendation words."""
    cid = f.about("criterion")
    name = str(criteria["name"].get(cid, cid)) if cid else ""
    return Condition(f.code, cid or f.about("input") or f.about("method") or "", dict(f.figures, name=name))


def _condition_words(f: Finding, names, criteria: pd.DataFrame, offering, measures=None) -> str:
    if f.code == "shiny_object":
        return SHINY_CONDITION
    if f.code == "methods_disagree":
        return f"{METHOD_NAMES[f.about('method')]} puts {names(f.about('partner'))} first"
    if f.code == "below_proposed":
        return below_proposed_words(condition_of(f, criteria), criteria)
    if f.code == "quality_warnings":
        named = {} if measures is None else dict(zip(measures["kpi_id"], measures["kpi"]))
        return quality_condition(condition_of(f, criteria),
                                 {"names": [named.get(m, m.replace("_", " ").capitalize()) for m in f.figures["measures"]]})
    if f.code == "record_overstated":
        return record_condition(f.about("criterion"), f.figures, criteria, names, offering)
    return supply_condition(condition_of(f, criteria), offering)
