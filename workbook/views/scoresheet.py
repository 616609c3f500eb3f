"""The Excel scoresheet, going out: a form in which one evaluator judges the partners offline.

:func:`write_scoresheet` makes an ``.xlsx`` workbook: instructions, a *Scores* grid of criteria
× partners with a 1–5 drop-down in every cell, an *Evidence* grid of the same shape, the criteria
and the partners; the evaluator's existing judgments are filled in. A hidden sheet records what
was filled in, so that :func:`~workbook.team.scoresheet_reader.read_scoresheet` can tell
the cells the evaluator changed from the ones left alone, and the import never reverts a judgment changed elsewhere in the meantime.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from workbook.core import paths
from workbook.core.atomic import replacing
from workbook.core.errors import UsageError
from workbook.core.paths import display_path
from workbook.core.vocabulary import SCORE_LABELS, SCORE_MAX, SCORE_MIN, group_label
from workbook.engagement.model import Engagement, load_engagement
from workbook.team.judgments import NOT_JUDGED, Judgment, Pair, evaluator_judgments, team_member
from workbook.team.scoresheet_layout import (EVIDENCE, FIRST_COLUMN, FIRST_ROW, FORMAT, ID_ROW, META, SCORES,
                                             identity)
from workbook.views.labels import label

_BOLD, _GREY = Font(bold=True), Font(color="666666", italic=True, size=9)
_INPUT = PatternFill("solid", fgColor="FFF8DC")
_GROUP = PatternFill("solid", fgColor="E8EEF4")


class Exported(tuple):
    """What :func:`export_scoresheet` wrote: ``(path, filled, total)`` (where, how many judgments
    were pre-filled of how many expected), and ``evaluator``, the name as ``team.evaluators``
    spells it."""

    evaluator: str

    def __new__(cls, path: Path, filled: int, total: int, evaluator: str):
        made = super().__new__(cls, (path, filled, total))
        made.evaluator = evaluator
        return made


def export_scoresheet(folder, evaluator: str, output=None, force: bool = False) -> Exported:
    """Write ``evaluator``'s scoresheet; returns its path, the judgments pre-filled and expected.

    The name may be given in any accepted spelling (``aisha rahman``); the sheet is made for the
    name as ``team.evaluators`` spells it, and an unknown name gets the nearest names. The default
    file is ``scoresheets/scoresheet-<engagement>-<evaluator>.xlsx`` under the working folder (git
    ignores it: a sheet being filled in holds judgments not yet imported). An
    existing file is never replaced without ``force``: it may hold judgments not yet imported.
    """
    engagement = load_engagement(folder)
    evaluator = team_member(engagement, evaluator)
    path = Path(output) if output else \
        Path(paths.SCORESHEETS_DIR) / f"scoresheet-{engagement.name}-{slug(evaluator)}.xlsx"
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"{output} must end in .xlsx (the scoresheet is an Excel workbook)")
    if path.exists() and not force:
        raise UsageError(f"{display_path(path)} exists and may hold judgments not yet imported; "
                         f"import it first (workbook import-scores {folder} {display_path(path)}), "
                         f"or pass --force to replace it")
    with replacing(path) as tmp:
        filled = write_scoresheet(engagement, evaluator, tmp)
    total = len(engagement.partners) * len(engagement.scored_criteria)
    return Exported(path, filled, total, evaluator)


def write_scoresheet(engagement: Engagement, evaluator: str, path: Path) -> int:
    """Write the evaluator's scoresheet to ``path``; returns the number of pre-filled judgments."""
    partners, criteria = engagement.partners, engagement.scored_criteria
    existing = evaluator_judgments(engagement.scores, evaluator)
    book = Workbook()
    _instructions(book.active, engagement, evaluator, len(partners), len(criteria))
    scores, evidence = book.create_sheet(SCORES), book.create_sheet(EVIDENCE)
    for sheet, what in ((scores, "Scores"), (evidence, "Evidence")):
        _grid(sheet, engagement, evaluator, what)
    row = FIRST_ROW
    for group, members in criteria.groupby("group", sort=False):
        for sheet in (scores, evidence):
            sheet.cell(row, 2, group_label(group)).font = _BOLD
            for column in range(1, FIRST_COLUMN + len(partners)):
                sheet.cell(row, column).fill = _GROUP
        row += 1
        for cid, criterion in members.iterrows():
            for sheet in (scores, evidence):
                sheet.cell(row, 1, cid).font = _GREY
                sheet.cell(row, 2, criterion["name"])
            for j, pid in enumerate(partners.index):
                judgment = existing.get((pid, cid), NOT_JUDGED)
                score = scores.cell(row, FIRST_COLUMN + j, _cell_number(judgment.score))
                note = evidence.cell(row, FIRST_COLUMN + j, judgment.evidence or None)
                for cell in (score, note):
                    cell.protection = Protection(locked=False)
                    cell.fill = _INPUT
                score.alignment = Alignment(horizontal="center")
                note.alignment = Alignment(wrap_text=True, vertical="top")
            row += 1
    last = get_column_letter(FIRST_COLUMN + len(partners) - 1)
    area = f"{get_column_letter(FIRST_COLUMN)}{FIRST_ROW}:{last}{row - 1}"
    _drop_downs(scores, area)
    _criteria_sheet(book.create_sheet("Criteria"), criteria)
    _partners_sheet(book.create_sheet("Partners"), partners, engagement.criteria)
    _meta_sheet(book.create_sheet(META), engagement, evaluator, existing)
    keep_text(book)
    book.save(path)
    return len(existing)


def keep_text(book) -> None:
    """Store every cell openpyxl took for a formula as text: it reads any string starting with
    "=" as one, and names, evidence and findings are data, never code."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _cell_number(score):
    if score is None:
        return None
    return int(score) if float(score).is_integer() else score


def _instructions(sheet, engagement: Engagement, evaluator: str, n_partners: int, n_criteria: int):
    sheet.title = "Instructions"
    s = engagement.settings
    lines = [
        (f"Scoresheet of {evaluator}", Font(bold=True, size=14)),
        (f"{s.client}: {s.decision}", None),
        (f"Made {dt.date.today().isoformat()} by {s.leader}.", _GREY),
        ("", None),
        ("How to fill it in", _BOLD),
        (f"1. On the sheet '{SCORES}', judge each of the {n_partners} partner"
         f"{'s' if n_partners != 1 else ''} on each of the {n_criteria} "
         f"{'criteria' if n_criteria != 1 else 'criterion'}: pick a score from the cell's list.",
         None),
        ("   " + ", ".join(f"{k} = {v}" for k, v in SCORE_LABELS.items()) + ".", None),
        ("2. Leave a cell empty where you cannot judge; emptying a cell withdraws that judgment.",
         None),
        (f"3. On the sheet '{EVIDENCE}', in the same cell, note what the judgment rests on (a site "
         "visit, a reference call, a sample, a document).", None),
        ("4. The sheets 'Criteria' and 'Partners' say what each criterion covers and who the "
         "partners are.", None),
        (f"5. Save the file (keep the .xlsx format) and hand it back to {s.leader}, who imports "
         "it into the decision's scores.", None),
        ("", None),
        ("Only your own judgments are changed by the import, and only in the cells you changed: a "
         "judgment changed elsewhere since this sheet was made is reported, never overwritten.",
         None),
        ("The yellow cells are yours to fill in; the rest of the layout is protected so that the "
         "import can read it back. Type values, not formulas: a cell holding a formula is refused.",
         None),
    ]
    for i, (text, font) in enumerate(lines, start=1):
        cell = sheet.cell(i, 1, text)
        if font is not None:
            cell.font = font
    sheet.column_dimensions["A"].width = 110


def _grid(sheet, engagement: Engagement, evaluator: str, what: str):
    sheet.cell(1, 1, f"{what} of {evaluator}").font = Font(bold=True, size=13)
    hint = ("Pick 1 (poor) to 5 (excellent) from each yellow cell's list; leave it empty where you "
            "cannot judge." if what == "Scores" else
            "What each judgment rests on, in the cell matching the score's cell.")
    sheet.cell(2, 1, hint).font = _GREY
    sheet.cell(ID_ROW - 1, 2, "Criterion").font = _BOLD
    sheet.cell(ID_ROW, 2, "partner id →").font = _GREY
    for j, (pid, partner) in enumerate(engagement.partners.iterrows()):
        column = FIRST_COLUMN + j
        name = sheet.cell(ID_ROW - 1, column, partner["name"])
        name.font, name.alignment = _BOLD, Alignment(wrap_text=True, horizontal="center")
        sheet.cell(ID_ROW, column, pid).font = _GREY
        sheet.column_dimensions[get_column_letter(column)].width = 16 if what == "Scores" else 32
    sheet.row_dimensions[ID_ROW - 1].height = 45
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 48
    sheet.freeze_panes = sheet.cell(FIRST_ROW, FIRST_COLUMN)
    sheet.protection.sheet = True
    # Protection guards the layout the import reads back; widening columns stays allowed.
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _drop_downs(sheet, area: str):
    choices = ",".join(str(k) for k in SCORE_LABELS)
    rule = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                          showDropDown=False, showErrorMessage=True, showInputMessage=True)
    rule.errorTitle, rule.error = "Score 1 to 5", \
        "Pick a score from 1 (poor) to 5 (excellent) from the list, or leave the cell empty."
    rule.promptTitle = "Score"
    rule.prompt = ", ".join(f"{k} {v}" for k, v in SCORE_LABELS.items())
    sheet.add_data_validation(rule)
    rule.add(area)
    sheet.conditional_formatting.add(area, ColorScaleRule(
        start_type="num", start_value=SCORE_MIN, start_color="F4B6B0",
        mid_type="num", mid_value=3, mid_color="FFF2B3",
        end_type="num", end_value=SCORE_MAX, end_color="B7DDB0"))


def _criteria_sheet(sheet, criteria):
    extra = [c for c in ("definition", "description") if c in criteria.columns]
    header = ["id", label("name"), label("group"), label("covers")]
    sheet.append(header)
    for cid, c in criteria.iterrows():
        covers = next((str(c[x]) for x in extra if str(c[x]).strip()), group_label(c["group"]))
        sheet.append([cid, c["name"], group_label(c["group"]), covers])
    for cell in sheet[1]:
        cell.font = _BOLD
    for letter, width in zip("ABCD", (22, 48, 40, 70)):
        sheet.column_dimensions[letter].width = width


def _partners_sheet(sheet, partners, criteria):
    """The partners' facts, each column headed by the criterion it measures (else made readable)."""
    columns = [c for c in partners.columns if c not in ("row", "id")]
    measures = {c["source"]: c["name"] for _, c in criteria.iterrows()}
    sheet.append(["id"] + [label("partner") if c == "name" else measures.get(c, label(c)) for c in columns])
    for pid, p in partners.iterrows():
        sheet.append([pid] + [_plain(p[c]) for c in columns])
    for cell in sheet[1]:
        cell.font = _BOLD
    for i in range(1, len(columns) + 2):
        sheet.column_dimensions[get_column_letter(i)].width = 18 if i > 2 else 30


def _plain(value):
    if isinstance(value, float) and value != value:
        return None
    return value.item() if hasattr(value, "item") else value


def _meta_sheet(sheet, engagement: Engagement, evaluator: str, existing: dict[Pair, Judgment]):
    sheet.append(["format", FORMAT])
    # Client and decision only: the folder's name is the analyst's, not the evaluator's.
    sheet.append(["engagement", None, identity(engagement)])
    sheet.append(["evaluator", evaluator])
    sheet.append(["made", dt.datetime.now().isoformat(timespec="seconds")])
    sheet.append(["partner", "criterion", "score", "evidence"])
    for (pid, cid), j in sorted(existing.items()):
        sheet.append([pid, cid, j.score, j.evidence])
    sheet.sheet_state = "veryHidden"  # what was shown; only the import reads it


def slug(name: str) -> str:
    """A file-name-safe form of a person's name: "Aisha Rahman" -> "aisha-rahman", "Karin Öberg"
    -> "karin-oberg" (accents dropped, however the name is encoded)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "evaluator"
