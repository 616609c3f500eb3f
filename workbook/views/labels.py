"""The one registry of what a reader sees above and inside a table column: its label and its format.

Every table of the pages, the index page, the explorers, the forms and ``results.xlsx`` takes its
headers and number formats from here, so a column reads the same wherever it appears (a name that
means two things in two results files is told apart by :data:`IN_FILE`). A column not listed gets its
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
    kind: str = "text"  # a key of workbook.core.formats.KINDS, "text", or MEASURE


# The kind of a column holding quality measures' values: each row is written in its own measure's
# kind (measure_formats.measure_kind from the row's kpi_id and target: a percentage, days, a signed number
# or a rating).
MEASURE = "measure"
MONTH = "month"  # a month or a day as the data writes it ("2026-10"), never broken at its hyphen

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
    "share": Column("Share", "percent"),  # of revenue, orders or staff: the strategy page says which
    "buys_on": Column("Lead discipline"),
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
    "proposed_limit": Column("Proposed limit", MEASURE),  # results.xlsx: each row with its criterion's decimals
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
    "winner_below": Column("First below that"),
    "upper": Column("Winner changes above", "percent"),
    "winner_above": Column("First above that"),
    "change": Column("Smallest change that tips it", "points"),
    "without": Column("Without the judgments of"),
    "first": Column("First"),
    "first_share": Column("First in (share of draws)", "share"),  # as the summary and the rank chart write it
    "confidence": Column("Confidence factor", "percent"),
    "favoured_by": Column("The weights under which it wins (largest three)"),
    "scale": Column("Scale (0 to 1)"),
    "severity": Column("Severity"),
    "reason": Column("Reason"),
    "input": Column("Input"),
    "sources": Column("Qualified sources", "count"),
    "days_on_hand": Column("Stock on hand", "days"),
    "replenish_days": Column("Replenishment", "days"),
    "yearly_rate": Column("Supply-caused misses a year (expected)", "rate"),
    "chance_over_term": Column("Chance of a miss over the term", "share"),
    "main_cause": Column("Main cause of a miss"),
    "providers": Column("Providers", "count"),
    "failover_hours": Column("Failover (hours)", "number"),
    "recovery_hours": Column("Recovery (hours)", "number"),
    "tolerable_hours": Column("Work can stand (hours)", "number"),
    "hours_lost_a_year": Column("Hours of service lost a year (expected)", "number"),
    "outage_rate": Column("Outages longer than the work can stand a year (expected)", "rate"),
    "outage_chance_over_term": Column("Chance of a long outage over the term", "share"),
    "outage_cause": Column("Main cause of an outage"),
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
    "latest_value": Column("Latest", MEASURE),
    "low": Column("95% interval from", MEASURE),
    "high": Column("95% interval to", MEASURE),
    "partial": Column("Judged on a month still running"),
    "to_date": Column("Month to date (not yet judged)"),
    "to_date_value": Column("Month to date (not yet judged)", MEASURE),
    "to_date_n": Column("Month to date: n", "count"),
    "to_date_period": Column("Month to date: month", "month"),
    "periods": Column("Periods measured", "count"),
    "period": Column("Latest period", "month"),
    "status": Column("Status"),
    "what": Column("What"),
    "where": Column("Where"),
    "since": Column("Since", "month"),
    "action": Column("Action"),
    "evidence": Column("Evidence"),
    "n": Column("Based on", "count"),
    "based_on": Column("Based on"),  # the count in the measure's unit: "32 orders"
    "interval": Column("95% interval"),
    # a reported record against what was measured (record_checks.csv; workbook.quality.records)
    # a share as finely as partners quote it (0.22%), a duration in its unit: each row's kind
    "record_claimed": Column("Reported", MEASURE),
    "record_measured": Column("Measured", MEASURE),
    "record_low": Column("95% interval from", MEASURE),
    "record_high": Column("95% interval to", MEASURE),
    "record_n": Column("Observations", "count"),
    "record_first": Column("From", MONTH),
    "record_last": Column("To", MONTH),
    "record_dispersion": Column("Spread of the months (1 = chance)", "ratio"),
    "record_months": Column("Months measured", "count"),
    "record_window": Column("Months the record covers", "count"),
    "record_rank": Column("Rank", "rank"),
    "verdict": Column("Verdict"),
    "rank_as_measured": Column("Rank if re-scored on the measured figure", "rank"),
    "winner_as_measured": Column("First if re-scored on the measured figure"),
    "as_measured": Column("If re-scored on the measured figure"),
    "reported": Column("Reported"),
    "measured": Column("Measured"),
    "quarter": Column("Quarter"),
    "quarter_to_date": Column("Quarter still running (so far)"),
    "internal": Column("Our rating", "score"),  # two decimals: a 0.05 gap is not "0.0"
    "customers": Column("Their rating", "score"),  # a segment's own: customers, or the company's staff
    "gap": Column("Gap", "score"),
    "month": Column("Month", "month"),
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
    "stale_criteria": Column("Stale facts"),
    "missing_criteria": Column("Missing facts"),
    "exclusion": Column("Excluded for"),
    "detail": Column("Detail"),
    "fact_value": Column("Value", "number"),
    "finding": Column("Finding"),
    "about": Column("About"),
    "finding_words": Column("What it says"),
    "change_kind": Column("Change"),
    "change_words": Column("What changed"),
}

# A column name that means something else in one results file: (file, column) -> the key of
# COLUMNS whose label and kind it takes there. ``share`` is a segment's share in
# customer_messages.csv but the share of judgments given in scoring_status.csv.
IN_FILE: dict[tuple[str, str], str] = {
    **{("record_checks.csv", c): f"record_{c}" for c in ("claimed", "measured", "low", "high", "n", "first",
                                                         "last", "months", "window", "rank", "dispersion")},
    ("scoring_status.csv", "share"): "share_given",
    ("knockout_proposals.csv", "proposed"): "proposed_limit",
    ("tipping_points.csv", "weight"): "weight_now",
    ("measure_status.csv", "latest"): "latest_value",
    ("measure_status.csv", "to_date"): "to_date_value",
    ("long_list.csv", "name"): "partner",
    ("long_list.csv", "country"): "partner_country",
    ("long_list.csv", "rank"): "long_list_rank",
    ("long_list.csv", "score"): "catalogue_score",
    ("long_list.csv", "in_top"): "in_top_draws",
    ("long_list.csv", "first"): "first_draws",
    ("long_list.csv", "stale"): "stale_criteria",
    ("long_list.csv", "missing"): "missing_criteria",
    ("excluded.csv", "name"): "partner",
    ("excluded.csv", "kind"): "exclusion",
    ("stale_facts.csv", "value"): "fact_value",
    ("stale_facts.csv", "observed"): "fact_observed",
    ("stale_facts.csv", "months"): "fact_age_months",
    ("findings.json", "words"): "finding_words",
    ("changes.csv", "change"): "change_kind",
    ("changes.csv", "words"): "change_words",
}


def readable(name) -> str:
    """``days_on_hand`` -> "Days on hand"; "SLA attainment (%)" stays as written (only the first
    letter is raised: acronyms and units keep their case)."""
    text = str(name).replace("_", " ")
    return text[:1].upper() + text[1:]


def column(name, table: str | None = None) -> Column | None:
    """The registry's entry for column ``name`` (of the results file ``table`` when given, so that
    :data:`IN_FILE` applies), or None when unlisted. ``rank_<k>`` of the rank acceptabilities is
    the share of draws in which a partner takes rank k."""
    key = IN_FILE.get((table, name), name)
    known = COLUMNS.get(key)
    if known is None and isinstance(key, str) and key.startswith("rank_") and key[5:].isdigit():
        return Column(f"Rank {int(key[5:])} (share of draws)", "share")
    return known


def label(name, table: str | None = None) -> str:
    """The header of column ``name`` (in results file ``table``)."""
    known = column(name, table)
    return known.label if known else readable(name)


def kind(name, table: str | None = None) -> str:
    """The kind of ``name``'s values as the registry lists it ("text" when unlisted)."""
    known = column(name, table)
    return known.kind if known else "text"


def formatter(name, numeric: bool = False) -> Callable[[object], str]:
    """How the values of column ``name`` are written; unlisted numeric columns as plain numbers (and
    a column of measures, without its rows' measures, too)."""
    known = column(name)
    kind = known.kind if known else ("number" if numeric else "text")
    if kind in ("text", MONTH):  # a month is written as the data has it
        return lambda value: "" if formats.missing(value) else str(value)
    return formats.KINDS["number" if kind == MEASURE else kind]


def is_numeric(name, numeric_dtype: bool) -> bool:
    """Whether a column's cells are numbers (right-aligned), by its kind or its values."""
    known = column(name)
    return known.kind not in ("text", "threshold", MONTH) if known else numeric_dtype
