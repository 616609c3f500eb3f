"""What the scripts that write an engagement's files share: the months of a span, the team's
judgments drawn around its central view, and a CSV written the same way every time."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import numpy as np


# The headers of the engagement's files (docs/engagement-files.md), in the order written
CRITERIA_HEADER = ["id", "name", "group", "direction", "source", "product_leadership", "customer_intimacy",
                   "operational_excellence", "weight", "knockout", "worst", "best", "definition"]
SUPPLY_HEADER = ["partner", "input", "kind", "sources", "critical", "days_on_hand", "replenish_days",
                 "failover_hours", "recovery_hours", "tolerable_hours"]
SCORES_HEADER = ["evaluator", "partner", "criterion", "score", "evidence"]
DELIVERIES_HEADER = ["order", "segment", "order_date", "promised", "delivered", "ordered_qty", "delivered_qty",
                     "accepted"]
FEEDBACK_HEADER = ["date", "segment", "method", "measure", "value", "comment"]
READINGS_HEADER = ["date", "measure", "value", "unit", "note"]
OBSERVATIONS_HEADER = ["period", "segment", "measure", "value", "n", "unit", "note"]


def month_starts(start: date, end: date):
    """The first day of every month from ``start``'s to ``end``'s."""
    month = start.replace(day=1)
    while month <= end:
        yield month
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def judged_scores(rng: np.random.Generator, evaluators, base: dict, judged: list, missing=frozenset(),
                  evidence: dict | None = None) -> list[tuple]:
    """scores.csv's rows: each evaluator's 1-5 judgment of each partner on each ``judged``
    criterion, one point off the team's central view (``base``) now and then; none for the
    (evaluator, partner, criterion) in ``missing``; ``evidence`` by (evaluator, criterion)."""
    rows = []
    for evaluator in evaluators:
        for partner, central in base.items():
            for criterion, value in zip(judged, central):
                shift = rng.choice([-1, 0, 0, 0, 1])
                if (evaluator, partner, criterion) in missing:
                    continue
                score = int(np.clip(value + shift, 1, 5))
                rows.append((evaluator, partner, criterion, score, (evidence or {}).get((evaluator, criterion), "")))
    return rows


def write_csv(path: Path, header, rows, sort: bool = True) -> None:
    """``rows`` under ``header``, sorted by their first cell unless ``sort`` is false."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(sorted(rows, key=lambda r: str(r[0])) if sort else rows)
