"""The one registry of what a reader sees above and inside a table column: its label and its format.

Every table of the pages, the index page, the explorers and the forms takes its headers and number
formats from here, so a column reads the same wherever it appears. A column not listed gets its
name made readable (``days_on_hand`` -> "Days on hand") and a plain number format. To rename a
column or change how a kind of number is written, change it here (labels) or in
:mod:`workbook.core.formats` (kinds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from workbook.core import formats
from workbook.core.vocabulary import DISCIPLINE_LABELS, DISCIPLINES


@dataclass(frozen=True)
class Column:
    """A column as the reader sees it: ``label`` above it, values written as ``kind``."""

    label: str
    kind: str = "text"  # a key of workbook.core.formats.KINDS, or "text"


# The ranking methods, spelled one way everywhere.
METHOD_NAMES = {"weighted_sum": "Weighted sum", "topsis": "TOPSIS", "promethee_ii": "PROMETHEE II"}
METHOD_DESCRIPTIONS = {
    "weighted_sum": "weighted sum on each criterion's own scale",
    "topsis": "TOPSIS (vector normalisation, Euclidean distance)",
    "promethee_ii": "PROMETHEE II (usual preference function)",
}

COLUMNS: dict[str, Column] = {
    # who and what
    "partner": Column("Partner"),
    "name": Column("Criterion"),
    "criterion": Column("Criterion"),
    "group": Column("Group"),
    "segment": Column("Segment"),
    "evaluator": Column("Evaluator"),
    # strategy
    "share": Column("Share of revenue", "percent"),
    "buys_on": Column("Buys mainly on"),
    "overlap": Column("Overlap with the company", "percent"),
    "widest_gap": Column("Widest gap"),
    "gap_points": Column("Segment minus company", "points"),
    "weight": Column("Weight", "percent"),
    "weight_now": Column("Weight now", "percent"),
    "ahp_weight": Column("AHP weight", "percent"),
    "basis": Column("Basis"),
    **{f"from_{d}": Column(f"from {DISCIPLINE_LABELS[d].lower()}", "percent") for d in DISCIPLINES},
    "rule": Column("Rule"),
    "proposed": Column("Proposed limit", "number"),
    "serves": Column("Serves (threshold)"),
    "why": Column("Basis"),
    "given": Column("Judged", "ratio"),
    "implied": Column("Implied by the weights", "ratio"),
    "off_by": Column("Off by", "ratio"),
    "message": Column("Message"),
    "messenger": Column("Messenger"),
    "when": Column("When"),
    # scoring
    "rank": Column("Rank", "rank"),
    **{m: Column(label, "score") for m, label in METHOD_NAMES.items()},
    "strengths": Column("Stands out on"),
    "warnings": Column("Warnings"),
    "lower": Column("Winner changes below", "percent"),
    "winner_below": Column("then first"),
    "upper": Column("Winner changes above", "percent"),
    "winner_above": Column("then first"),
    "without": Column("Without the judgments of"),
    "first": Column("First"),
    "first_share": Column("First in (share of draws)", "percent"),
    "confidence": Column("Confidence factor", "percent"),
    "favoured_by": Column("The weights under which it wins (largest three)"),
    "scale": Column("Scale (0 to 1)"),
    "severity": Column("Severity"),
    "reason": Column("Reason"),
    "input": Column("Input"),
    "sources": Column("Qualified sources", "count"),
    "days_on_hand": Column("Stock on hand", "days"),
    "replenish_days": Column("Replenishment", "days"),
    "yearly_rate": Column("Missed deliveries a year (expected)", "rate"),
    "chance_over_term": Column("Chance of one or more over the term", "share"),
    "main_cause": Column("Main cause"),
    "value": Column("Value", "number"),
    "limit": Column("Must-have", "number"),
    "must_have": Column("Must-have criterion"),
    "spread": Column("Spread (points on 1-5)", "count"),
    "judged": Column("Judgments given", "count"),
    "expected": Column("Judgments expected", "count"),
    "share_given": Column("Share given", "share"),
    "with_evidence": Column("With evidence", "count"),
    "partners_done": Column("Partners done", "count"),
    "to_do": Column("Still to judge"),
    # quality
    "kpi": Column("KPI"),
    "definition": Column("Definition"),
    "covers": Column("What it covers"),
    "method": Column("Method"),
    "audience": Column("Audience"),
    "cadence": Column("Cadence"),
    "owner": Column("Owner"),
    "target": Column("Target", "threshold"),
    "alert": Column("Alert", "threshold"),
    "min_n": Column("Fewest for a finding", "count"),
    "discipline": Column("Discipline"),
    "latest": Column("Latest"),
    "period": Column("Latest period"),
    "status": Column("Status"),
    "what": Column("What"),
    "where": Column("Where"),
    "since": Column("Since"),
    "action": Column("Action"),
    "evidence": Column("Evidence"),
    "n": Column("Based on", "count"),
    "interval": Column("95% interval"),
    "quarter": Column("Quarter"),
    "internal": Column("Our rating", "rating"),
    "customers": Column("Customers' rating", "rating"),
    "gap": Column("Gap", "rating"),
    "month": Column("Month"),
    "touchpoint": Column("Touchpoint"),
    "who": Column("Who"),
    "purpose": Column("Purpose"),
    # matchmaking (the catalogue's long list)
    "partner_country": Column("Country"),
    "long_list_rank": Column("Rank", "rank"),
    "catalogue_score": Column("Score", "score"),
    "in_top_draws": Column("In the top list in draws", "share"),
    "first_draws": Column("First in draws", "share"),
    "facts_freshness": Column("Facts"),
    "out_reason": Column("Why it is out"),
    "fact_observed": Column("Observed"),
    "fact_age_months": Column("Age in months", "count"),
}


def readable(name) -> str:
    """``days_on_hand`` -> "Days on hand"; "SLA attainment (%)" stays as written (only the first
    letter is raised: acronyms and units keep their case)."""
    text = str(name).replace("_", " ")
    return text[:1].upper() + text[1:]


def label(column) -> str:
    """The header of ``column``."""
    known = COLUMNS.get(column)
    return known.label if known else readable(column)


def kind(column) -> str:
    """The kind of ``column``'s values as the registry lists it ("text" when unlisted)."""
    known = COLUMNS.get(column)
    return known.kind if known else "text"


def formatter(column, numeric: bool = False) -> Callable[[object], str]:
    """How the values of ``column`` are written; unlisted numeric columns as plain numbers."""
    known = COLUMNS.get(column)
    kind = known.kind if known else ("number" if numeric else "text")
    if kind == "text":
        return lambda value: "" if formats.missing(value) else str(value)
    return formats.KINDS[kind]


def is_numeric(column, numeric_dtype: bool) -> bool:
    """Whether a column's cells are numbers (right-aligned), by its kind or its values."""
    known = COLUMNS.get(column)
    return known.kind not in ("text", "threshold") if known else numeric_dtype
