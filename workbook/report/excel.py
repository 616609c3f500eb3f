"""``results.xlsx``: every result table of a render in one workbook for the client's analysts,
headed and formatted as the pages head and format them (:mod:`workbook.views.labels`).

One sheet per file of ``results/``, in the order of the pages; numbers stay numbers (with an
Excel number format for their kind), so the analysts can compute with them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from workbook.core.atomic import read_csv, read_if_present, replacing
from workbook.views.labels import COLUMNS, label
from workbook.views.scoresheet import keep_text

# The pages' order, and each file's sheet name (Excel allows 31 characters).
SHEETS = {
    "weights.csv": "Weights", "knockout_proposals.csv": "Must-have proposals",
    "customer_messages.csv": "Customer messages", "ranking.csv": "Ranking",
    "decision_matrix.csv": "Decision matrix", "acceptability.csv": "Rank acceptability",
    "central_weights.csv": "Central weights", "confidence.csv": "Confidence factors",
    "tipping_points.csv": "Tipping points", "supply_continuity.csv": "Supply continuity",
    "scoring_status.csv": "Scoring status", "quality_plan.csv": "Quality plan",
    "measure_status.csv": "Measure status", "perception_gap.csv": "Perception gap",
    "alerts.csv": "Early warnings", "calendar.csv": "Calendar",
}
EXCEL_FORMATS = {"percent": "0.0%", "share": "0%", "points": '+0" points";-0" points";0" points"',
                 "score": "0.00", "rating": "0.0", "signed": "+0;-0;0", "days": '0.0" days"',
                 "money": "#,##0.00", "count": "#,##0", "rate": "0.00", "ratio": '0.0"x"',
                 "number": "General", "rank": "0"}
WIDEST = 60  # characters: longer text wraps


def write_results_workbook(results: Path, target: Path) -> Path:
    """Every ``results/*.csv`` as a sheet of ``target`` (written atomically); the recommendation
    as the first sheet."""
    book = Workbook()
    first = book.active
    first.title = "Recommendation"
    recommendation = read_if_present(results, "recommendation.json") or {}
    first.append(["Recommendation"])
    first["A1"].font = Font(bold=True)
    for line in recommendation.get("recommendation", []):
        first.append([line])
    first.column_dimensions["A"].width = 120
    names = sorted(p.name for p in results.glob("*.csv"))
    for name in sorted(names, key=lambda n: list(SHEETS).index(n) if n in SHEETS else len(SHEETS)):
        table = read_csv(results, name)
        _sheet(book.create_sheet(SHEETS.get(name, Path(name).stem.replace("_", " ").capitalize()[:31])), table)
    keep_text(book)
    with replacing(target) as temporary:
        book.save(temporary)
    return target


def _sheet(sheet, table: pd.DataFrame) -> None:
    sheet.append([label(c) for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in table.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v.item() if hasattr(v, "item") else v for v in row])
    for i, column in enumerate(table.columns, start=1):
        known = COLUMNS.get(column)
        kind = known.kind if known else "number"
        points = kind == "points"
        for cell in sheet.iter_rows(min_row=2, min_col=i, max_col=i):
            cell = cell[0]
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                cell.value = cell.value * 100 if points else cell.value
                cell.number_format = EXCEL_FORMATS.get(kind, "General")
            elif isinstance(cell.value, str):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        longest = max([len(str(label(column)))] + [len(str(v)) for v in table[column].head(200)])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 8), WIDEST)
    sheet.freeze_panes = "A2"
    if len(table):
        sheet.auto_filter.ref = sheet.dimensions
