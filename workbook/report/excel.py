"""``results.xlsx``: every result table of a render in one workbook for the client's analysts,
headed and formatted as the pages head and format them (:mod:`workbook.views.labels`).

One sheet per file of ``results/``, in the order of the pages. The sheets read like the pages:
partners and criteria by their names (the engagement's ``partners.csv`` and ``criteria.csv``, the
catalogue's names from the long list), the ranking's flags as strengths and warnings in the
pages' words (:func:`workbook.views.flag_words.split_flags`), no id column beside its name column,
and every header from the one label registry. Numbers stay numbers, each with the Excel number
format of its kind, so the analysts can compute with them. The ``results/*.csv`` files themselves
keep their columns (``docs/results.md``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from workbook.core import formats, measure_formats
from workbook.core.atomic import read_csv, read_if_present, replacing
from workbook.core.vocabulary import SCORE_SOURCE, group_label
from workbook.engagement.model import Engagement
from workbook.quality.alerts import SHOWN
from workbook.quality.plan import SHOWN as PLAN_SHOWN
from workbook.register.ledger import read_findings
from workbook.report.excel_formats import number_format
from workbook.views import blocks, labels
from workbook.register.changes import CHANGES_FILE
from workbook.views.change_words import change_lines
from workbook.views.finding_words import COLUMNS as FINDING_COLUMNS, finding_line, status_words
from workbook.views.flag_words import split_flags
from workbook.views.proposal_words import basis_words
from workbook.views.record_words import verdict_words
from workbook.views.scoresheet import keep_text

# The pages' order, and each file's sheet name (Excel allows 31 characters).
SHEETS = {
    "weights.csv": "Weights", "knockout_proposals.csv": "Must-have proposals",
    "customer_messages.csv": "Customer messages", "ranking.csv": "Ranking",
    "decision_matrix.csv": "Decision matrix", "acceptability.csv": "Rank acceptability",
    "central_weights.csv": "Central weights", "confidence.csv": "Confidence factors",
    "tipping_points.csv": "Tipping points", "record_checks.csv": "Records checked",
    "supply_continuity.csv": "Supply continuity",
    "scoring_status.csv": "Scoring status", "quality_plan.csv": "Quality plan",
    "measure_status.csv": "Measure status", "perception_gap.csv": "Perception gap",
    "alerts.csv": "Early warnings", "calendar.csv": "Calendar",
}
WIDEST = 60  # characters: longer text wraps
BOLD, WRAPPED = Font(bold=True), Alignment(wrap_text=True, vertical="top")  # made once: styles are shared
# Columns holding partner ids, per file (``partner`` in every file that has it).
PARTNER_COLUMNS = ("partner", "winner_below", "winner_above", "winner_as_measured")


class Names:
    """The names a reader knows partners and criteria by: the engagement's (when given), the
    catalogue's partners from ``long_list.csv`` and ``excluded.csv``, and the criteria's names
    from ``weights.csv``."""

    def __init__(self, results: Path, engagement: Engagement | None):
        self.partners: dict[str, str] = {}
        self.criteria: dict[str, str] = {}
        self.judged: set[str] = set()  # criteria judged on the 1-5 scale
        for name in ("long_list.csv", "excluded.csv"):
            table = read_csv(results, name) if (results / name).exists() else None
            if table is not None and {"partner", "name"} <= set(table.columns):
                self.partners.update(zip(table["partner"].astype(str), table["name"].astype(str)))
        if (results / "weights.csv").exists():
            weights = read_csv(results, "weights.csv")
            if {"criterion", "name"} <= set(weights.columns):
                self.criteria.update(zip(weights["criterion"].astype(str), weights["name"].astype(str)))
        if engagement is not None:
            self.partners.update(engagement.partners["name"].astype(str).to_dict())
            self.criteria.update(engagement.criteria["name"].astype(str).to_dict())
            self.judged = set(engagement.criteria.index[engagement.criteria["source"] == SCORE_SOURCE])

    def partner(self, pid):
        return pid if formats.missing(pid) else self.partners.get(str(pid), pid)

    def criterion(self, cid):
        return cid if formats.missing(cid) else self.criteria.get(str(cid), cid)

    def partner_list(self, ids, sep: str = ", ") -> str:
        return ", ".join(str(self.partner(p.strip())) for p in str(ids).split(sep) if p.strip())

    def criterion_list(self, ids, sep: str = ";") -> str:
        # "; ", as criterion names may hold commas ("Lot acceptance rate, last 24 months (%)")
        return "; ".join(str(self.criterion(c.strip())) for c in str(ids).split(sep) if c.strip())


def write_results_workbook(results: Path, target: Path, engagement: Engagement | None = None) -> Path:
    """Every ``results/*.csv`` as a sheet of ``target`` (written atomically); the recommendation
    as the first sheet, every finding of ``findings.json`` as the second. Partners are named from
    ``engagement`` (without it, only the catalogue's partners are named and the engagement's keep their ids)."""
    book = Workbook()
    first = book.active
    first.title, first.column_dimensions["A"].width = "Recommendation", 120
    first.append(["Recommendation"])
    first["A1"].font = BOLD
    for line in (read_if_present(results, "recommendation.json") or {}).get("recommendation", []):
        head, points = blocks.lead_in(line)
        first.append([head])
        for point in points:  # under its lead-in, as the pages list it
            first.append([point])
            first.cell(first.max_row, 1).alignment = Alignment(indent=2)
    names = Names(results, engagement)
    _findings_sheet(book.create_sheet("Findings"), results, names, engagement)
    if (results / CHANGES_FILE).exists():  # worded as the summary words it, like the findings
        _changes_sheet(book.create_sheet("What changed"), results, names)
    files = sorted(p.name for p in results.glob("*.csv") if p.name != CHANGES_FILE)
    for name in sorted(files, key=lambda n: list(SHEETS).index(n) if n in SHEETS else len(SHEETS)):
        table, columns, row_kinds = readable_table(name, read_csv(results, name), names)
        _sheet(book.create_sheet(SHEETS.get(name, Path(name).stem.replace("_", " ").capitalize()[:31])),
               table, columns, row_kinds)
    keep_text(book)
    with replacing(target) as temporary:
        book.save(temporary)
    return target


def readable_table(name: str, table: pd.DataFrame, names: Names
                   ) -> tuple[pd.DataFrame, list[labels.Column], list[str] | None]:
    """A results file as its sheet shows it: ids named, flags in words, id columns beside their
    name columns left out; with each column's header and kind, and (for measures) each row's
    kind."""
    table = table.copy()
    row_kinds = None
    if "kpi_id" in table.columns and "target" in table.columns:
        row_kinds = [measure_formats.measure_kind(k, t) for k, t in zip(table["kpi_id"], table["target"])]
    for column in PARTNER_COLUMNS:
        if column in table.columns and not (column == "partner" and "name" in table.columns):
            table[column] = table[column].map(names.partner)
    if name == "ranking.csv" and "flags" in table.columns:
        pairs = [split_flags("" if formats.missing(f) else f, names.criteria) for f in table["flags"]]
        at = list(table.columns).index("flags")
        table = table.drop(columns="flags")
        table.insert(at, "strengths", [s for s, _ in pairs])
        table.insert(at + 1, "warnings", [w for _, w in pairs])
    if name == "scoring_status.csv" and "to_do" in table.columns:
        table["to_do"] = [names.partner_list(t) if not formats.missing(t) else "" for t in table["to_do"]]
    if name == "long_list.csv":
        for column in ("stale", "missing"):
            if column in table.columns:
                table[column] = [names.criterion_list(t) if not formats.missing(t) else ""
                                 for t in table[column]]
    if name == "excluded.csv" and "limit" in table.columns:
        table["limit"] = [_number_if_numeric(v) for v in table["limit"]]
    # an id column beside the column naming it goes; a lone id column is named in place
    if "name" in table.columns:
        for column in ("partner", "criterion"):
            if column in table.columns and _ids_of(name, column):
                at = list(table.columns).index(column)
                table = table.drop(columns=column)
                table.insert(at, "name", table.pop("name"))
                break
    if "criterion" in table.columns:
        table["criterion"] = table["criterion"].map(names.criterion)
    if "group" in table.columns:  # the criterion groups as the pages name them
        table["group"] = table["group"].map(lambda g: g if formats.missing(g) else group_label(g))
    if "kpi_id" in table.columns and "kpi" in table.columns:
        table = table.drop(columns="kpi_id")
    for column in table.columns:  # thresholds as the pages write them: "≥ 95%", not ">= 95%"
        known = labels.column(column, name)
        if known is not None and known.kind == "threshold":
            table[column] = [v if formats.missing(v) else formats.threshold(v) for v in table[column]]
    if name == "record_checks.csv" and "verdict" in table.columns:  # as the scoring page words it
        table["verdict"] = [verdict_words(r) for r in table.to_dict("records")]
        if "unit" in table.columns:  # each row's figures in its unit: 0.22%, 19.2 hours
            row_kinds = ["fine_percent" if u == "share" else u for u in table["unit"]]
        table = table.drop(columns=["direction", "unit"], errors="ignore")  # codes, said by the words and formats
    if name == "knockout_proposals.csv" and "decided_by" in table.columns:  # as the strategy page words it
        table["why"] = [basis_words(r) for r in table.to_dict("records")]
        row_kinds = [f"places:{int(p)}" for p in table["places"]]  # the candidates' decimals: 5.0, 4.75
        table = table.drop(columns=["places", "decided_by", "quartile", "median_limit", "rounded"])
    if name == "measure_status.csv" and "status" in table.columns:
        table["status"] = table["status"].map(status_words)
    if name == "alerts.csv":  # the codes and figures are the findings sheet's
        table = table[[c for c in SHOWN if c in table.columns]]
    if name == "quality_plan.csv":  # the unit, direction and a target's source are codes for programs
        table = table[[c for c in PLAN_SHOWN if c in table.columns]]
    if name == "stale_facts.csv" and "fact" in table.columns:  # the catalogue's field of the criterion
        table = table.drop(columns="fact")
    per_criterion = _per_criterion(name, list(table.columns))
    columns = [_criterion_column(name, c, names) if c in per_criterion else _column(name, c)
               for c in table.columns]
    return table, columns, row_kinds


def _findings_sheet(sheet, results: Path, names: Names, engagement: Engagement | None) -> None:
    """Every finding of ``results/findings.json``, one row each, worded as the pages word it."""
    criteria = engagement.criteria if engagement is not None else \
        pd.DataFrame({"name": pd.Series(names.criteria, dtype=object)})
    status, alerts = read_if_present(results, "measure_status.csv"), read_if_present(results, "alerts.csv")
    offering = engagement.settings.offering if engagement is not None else None
    rows = [finding_line(f, names.partner, criteria, status, alerts, offering) for f in read_findings(results)]
    table = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    _sheet(sheet, table, [_column("findings.json", c) for c in table.columns], None)


def _changes_sheet(sheet, results: Path, names: Names) -> None:
    """What changed since the previous good report, one row per change, as the summary says it."""
    status = read_if_present(results, "measure_status.csv")
    measures = {} if status is None else dict(zip(status["kpi_id"], status["kpi"]))
    lines = change_lines(read_csv(results, CHANGES_FILE), names.partner, lambda m: measures.get(m, m))
    table = pd.DataFrame(lines, columns=["change", "words"])
    _sheet(sheet, table, [_column(CHANGES_FILE, "change"), _column(CHANGES_FILE, "words")], None)


def _ids_of(name: str, column: str) -> bool:
    """Whether ``column`` of results file ``name`` holds the ids that its ``name`` column names."""
    return {"partner": name in ("long_list.csv", "excluded.csv"),
            "criterion": name in ("weights.csv", "knockout_proposals.csv", "tipping_points.csv")}[column]


def _per_criterion(name: str, columns: list[str]) -> list[str]:
    """The columns of results file ``name`` that are one per criterion, headed by its id."""
    if name in ("decision_matrix.csv", "central_weights.csv"):
        return columns[1:]
    if name == "long_list.csv" and "missing" in columns:
        return columns[columns.index("missing") + 1:]
    return []


def _column(table: str, column: str) -> labels.Column:
    """The header and kind of ``column`` in results file ``table``, from the label registry; a
    column it does not list is headed by its name made readable, and its numbers are plain."""
    return labels.column(column, table) or labels.Column(labels.readable(column), "number")


def _criterion_column(table: str, criterion: str, names: Names) -> labels.Column:
    """A column per criterion, headed by the criterion's name: a central weight, a judgment (on
    the 1-5 scale) or a measured fact."""
    kind = ("percent" if table == "central_weights.csv" else
            "rating" if criterion in names.judged else "number")
    return labels.Column(str(names.criterion(criterion)), kind)


def _number_if_numeric(value):
    """``"90.0"`` -> 90.0; a date or a word stays text."""
    try:
        return float(value)
    except (TypeError, ValueError):
        return value


def _sheet(sheet, table: pd.DataFrame, columns: list[labels.Column], row_kinds: list[str] | None) -> None:
    headers = _distinct([c.label for c in columns])
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font, cell.alignment = BOLD, WRAPPED
    for row in table.itertuples(index=False, name=None):
        sheet.append([None if formats.missing(v) else v.item() if hasattr(v, "item") else v for v in row])
    for i, (column, known) in enumerate(zip(table.columns, columns), start=1):
        # scores written as the pages write them: a third decimal where two would read alike
        fine = known.kind == "score" and formats.score_decimals(table[column]) == 3
        for r, cells in enumerate(sheet.iter_rows(min_row=2, min_col=i, max_col=i)):
            cell = cells[0]
            if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                kind = row_kinds[r] if known.kind == labels.MEASURE and row_kinds else known.kind
                if kind == "points":
                    cell.value = cell.value * 100
                cell.number_format = "0.000" if fine else number_format(kind, cell.value)
            elif isinstance(cell.value, str):
                cell.alignment = WRAPPED
        longest = max([len(headers[i - 1])] + [len(str(v)) for v in table.iloc[:200, i - 1].tolist()])
        sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 8), WIDEST)
    sheet.freeze_panes = "A2"
    if len(table):
        sheet.auto_filter.ref = sheet.dimensions


def _distinct(headers: list[str]) -> list[str]:
    """Headers as given; a header that would repeat one before it (two criteria of one name) is
    numbered, so that every column of a sheet is told apart."""
    seen: dict[str, int] = {}
    out = []
    for header in headers:
        seen[header] = seen.get(header, 0) + 1
        out.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return out
