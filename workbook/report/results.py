"""The ``results/`` contract: which machine-readable files each notebook writes, and their columns.

One function per notebook, called in its last cell. The columns are documented in
``docs/results.md``; the index page and other tools read these files, never the notebooks.
"""

from __future__ import annotations

import pandas as pd

from workbook.core.atomic import write_csv, write_json
from workbook.core.measure_library import find
from workbook.quality.assessment import QualityReport
from workbook.quality.records import COLUMNS as RECORD_COLUMNS
from workbook.register.collect import quality_findings, scoring_findings
from workbook.register.ledger import write_part
from workbook.scoring.conditions import winner_conditions
from workbook.views.findings import recommendation, verdict_kind
from workbook.views.scoring_page import Scoring
from workbook.views.step import Step


def save_strategy(step: Step, proposals: pd.DataFrame, messages: pd.DataFrame) -> None:
    """weights.csv, knockout_proposals.csv, customer_messages.csv and strategy.json."""
    out, weighing = step.results, step.weighing
    write_csv(step.weights, out, "weights.csv")
    write_csv(proposals, out, "knockout_proposals.csv")
    write_csv(messages, out, "customer_messages.csv")
    ahp = None if weighing.ahp is None else {"cr": weighing.ahp.cr, "lambda_max": weighing.ahp.lambda_max}
    write_json(dict(step.strategy.to_dict(), weighting=weighing.method, ahp=ahp), out, "strategy.json")


def record_table(records: pd.DataFrame | None, offering) -> pd.DataFrame:
    """record_checks.csv: the checks of :func:`workbook.quality.records.check_records`, each
    measure by its id (``kpi_id``) and its name (``kpi``)."""
    table = records if records is not None else pd.DataFrame(columns=RECORD_COLUMNS)
    table = table.rename(columns={"measure": "kpi_id"})
    names = [getattr(find(m, offering.families), "name", m) for m in table["kpi_id"]]
    table.insert(table.columns.get_loc("kpi_id") + 1, "kpi", names)
    return table.astype({"rank": "Int64", "rank_as_measured": "Int64"})


def save_scoring(scoring: Scoring) -> None:
    """decision_matrix.csv, ranking.csv, acceptability.csv, central_weights.csv, confidence.csv,
    tipping_points.csv, supply_continuity.csv, scoring_status.csv, record_checks.csv,
    recommendation.json and the step's findings."""
    out, a, robust = scoring.step.results, scoring.assessment, scoring.robust
    write_csv(a.matrix.values.rename_axis("partner").reset_index(), out, "decision_matrix.csv")
    write_csv(a.ranking.table, out, "ranking.csv")
    if robust is not None:
        write_csv(robust.acceptability, out, "acceptability.csv")
        write_csv(robust.tipping, out, "tipping_points.csv")
    # written for every render: empty (headers only) when fewer than two partners are ranked
    criteria = list(a.ranking.criteria.index)
    write_csv(robust.central if robust else pd.DataFrame(columns=["partner", *criteria]),
              out, "central_weights.csv")
    write_csv(robust.confidence if robust else pd.DataFrame(columns=["partner", "confidence"]),
              out, "confidence.csv")
    write_csv(a.continuity, out, "supply_continuity.csv")
    write_csv(scoring.team, out, "scoring_status.csv")
    write_csv(record_table(a.records, scoring.step.engagement.settings.offering), out, "record_checks.csv")
    offering = scoring.step.engagement.settings.offering
    write_json({"recommendation": recommendation(a, robust, offering),
                "verdict": verdict_kind(a, robust, offering),
                # the verdict's findings as codes and figures, as decided below the views
                "winner": a.ranking.winner,
                "fragile": list(robust.fragile) if robust else [],
                "conditions": [c.to_dict() for c in winner_conditions(a, robust)],
                "draws": robust.draws if robust else None,
                "weights": robust.weights if robust else None,
                "judgments": robust.judgments if robust else None}, out, "recommendation.json")
    write_part(scoring_findings(a, robust), out, "scoring")


def save_quality(step: Step, quality: QualityReport) -> None:
    """quality_plan.csv, measure_status.csv, perception_gap.csv, alerts.csv, calendar.csv and the
    step's findings."""
    out = step.results
    write_csv(quality.plan.drop(columns="row", errors="ignore"), out, "quality_plan.csv")
    write_csv(quality.status, out, "measure_status.csv")
    write_csv(quality.gap, out, "perception_gap.csv")
    write_csv(quality.alerts, out, "alerts.csv")
    write_csv(quality.calendar, out, "calendar.csv")
    write_part(quality_findings(quality), out, "quality")


def save_match(step: Step, match) -> None:
    """long_list.csv, excluded.csv, stale_facts.csv and match.json (the catalogue and snapshot)."""
    out = step.results
    long_list = match.long_list.assign(stale=match.long_list["stale"].map(";".join),
                                       missing=match.long_list["missing"].map(";".join))
    write_csv(long_list, out, "long_list.csv")
    write_csv(match.excluded, out, "excluded.csv")
    write_csv(match.stale, out, "stale_facts.csv")
    write_json({"catalogue": match.catalogue, "read_digest": match.snapshot, "partners": match.partners,
                "decision_date": match.decision_date.isoformat(), "top": match.link.top,
                "certifications": list(match.link.certifications),
                "fresh_months": match.link.fresh_months}, out, "match.json")
