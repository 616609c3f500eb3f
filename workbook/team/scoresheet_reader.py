"""The Excel scoresheet, coming back: what the evaluator changed, checked cell by cell, merged.

:func:`read_scoresheet` reads the workbook :func:`~workbook.views.scoresheet.write_scoresheet` made,
compares every cell with what the hidden sheet says was shown, and reports every bad cell at once,
naming sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from workbook.core.errors import InputError, Problem
from workbook.core.names import canonical, nfc
from workbook.core.numbers import format_number, parse_number
from workbook.core.paths import display_path
from workbook.core.vocabulary import SCORE_MAX, SCORE_MIN
from workbook.engagement.model import Engagement
from workbook.team.judgments import (FORMULA_FIX, NOT_JUDGED, Conflict, Judgment, Pair, Proposal, Saved,
                                     apply_proposal, formula_like)
from workbook.team.scoresheet_file import Grid, read_sheets
from workbook.team.scoresheet_layout import (EVIDENCE, EXPORT_AGAIN, FIRST_COLUMN, FIRST_ROW, FORMAT, ID_ROW,
                                             SCORES, identity)


@dataclass
class Scoresheet:
    """What an evaluator handed back: their judgments, and what the sheet showed them at export."""

    file: str
    evaluator: str
    proposed: dict[Pair, Judgment]
    seen: dict[Pair, Judgment]
    cells: dict[Pair, tuple[int, str]]  # where each judgment's score sits: (7, "D")
    problems: tuple[Problem, ...] = ()  # cells that could not be read, left out of the proposal

    def proposal(self) -> Proposal:
        """The judgments to save, with what the sheet showed and where each cell is."""
        return Proposal(self.evaluator, self.proposed, self.seen, self.locate, self.problems)

    def locate(self, c: Conflict) -> Problem:
        """A conflict, pointed at the evaluator's own cell."""
        row, column = self.cells[(c.partner, c.criterion)]
        return Problem(self.file, row, column, str(c.proposed),
                       f"{c.partner} · {c.criterion} was changed in scores.csv to {c.now} after this "
                       f"scoresheet was made (it showed {c.seen}); importing would overwrite that",
                       EXPORT_AGAIN, sheet=SCORES)


def read_scoresheet(path: Path, engagement: Engagement) -> Scoresheet:
    """Read a scoresheet back, checking every cell against the engagement.

    Cells are read as they are stored: a formula is refused (named by sheet and cell), never
    evaluated or taken from a cached result, so a sheet saved by any tool reads the same.

    Raises
    ------
    InputError
        When the file is not this engagement's scoresheet (format, engagement, evaluator) or is
        refused unopened (:func:`~workbook.team.scoresheet_file.read_sheets`). Bad cells do not
        raise: they are kept on the result (``problems``) and reported with any conflict when the
        judgments are applied, all in one list.
    """
    file = display_path(path)
    meta, scores, evidence = read_sheets(Path(path), engagement)
    problems: list[Problem] = []
    evaluator, seen = _read_meta(meta, file, engagement, problems)
    if problems:  # another engagement or evaluator: its cells cannot be compared
        raise InputError(problems)
    proposed, cells = _read_grid(scores, evidence, file, engagement, seen, problems)
    return Scoresheet(file, evaluator, proposed, seen, cells, tuple(problems))


def _shown(value):
    """A cell's value as a spreadsheet shows it, for a message: a date as 2026-01-04."""
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value


def _text(value) -> str:
    """An evidence cell as text: a number as written (12, not 12.0), a date as 2026-01-04."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value) if math.isfinite(value) else str(value)
    return str(_shown(value)).strip()


def _name(value, valid) -> str:
    """An id or a name read from a cell, as the engagement spells it (case, blanks and composed or
    decomposed accents aside); as read when it is not one of ``valid``."""
    text = nfc(str(value).strip())
    named = {nfc(v): v for v in valid}
    match = canonical(text, named)
    return named[match] if match is not None else text


def _read_meta(grid: Grid, file: str, engagement: Engagement, problems: list[Problem]):
    info = {grid.value(r, 1): grid.value(r, 2) for r in range(1, 5)}
    if info.get("format") != FORMAT:
        problems.append(Problem(file, None, None, info.get("format"),
                                "the file was not made by `workbook scoresheet`", EXPORT_AGAIN))
    made_for = grid.value(2, 3)  # client and decision; sheets made before it had only the folder
    if made_for != identity(engagement) and (made_for or info.get("engagement") != engagement.name):
        problems.append(Problem(file, None, None, made_for or info.get("engagement"),
                                f"the scoresheet was made for another engagement, not "
                                f"{identity(engagement)}",
                                "import it into the engagement it was made for (the client and the "
                                "decision in engagement.yaml must match), or " + EXPORT_AGAIN))
    evaluator = str(info.get("evaluator") or "")
    named = {nfc(e): e for e in engagement.settings.evaluators}
    member = canonical(nfc(evaluator), named)
    if member is None:
        problems.append(Problem(file, None, None, evaluator,
                                "the scoresheet's evaluator is not in team.evaluators",
                                "add the person to team.evaluators in engagement.yaml"))
    seen = {}
    for row in range(6, grid.max_row + 1):
        pid, cid, score, evidence = (grid.value(row, c) for c in range(1, 5))
        if pid and cid:
            pair = (_name(pid, engagement.partners.index), _name(cid, engagement.criteria.index))
            seen[pair] = Judgment(parse_number(score), _text(evidence))
    return named.get(member, evaluator), seen


def _read_grid(scores: Grid, evidence: Grid, file: str, engagement: Engagement,
               seen: dict[Pair, Judgment], problems: list[Problem]):
    def problem(sheet, row, column, value, message, fix):
        problems.append(Problem(file, row, get_column_letter(column), value, message, fix,
                                sheet=sheet))

    def cell(row, column):
        return f"{get_column_letter(column)}{row}"

    def formula(sheet, grid, row, column) -> bool:
        """Refuse a formula in a cell the import reads: True when there is one."""
        text = grid.formulas.get((row, column))
        if text is not None:
            problem(sheet, row, column, text, "the cell holds a formula; the import takes only "
                    "values typed in", "type the value itself")
        return text is not None

    _same_layout(scores, evidence, problem)
    judged = set(engagement.scored_criteria.index)
    partners: dict[int, str] = {}
    first_column: dict[str, int] = {}
    for column in range(FIRST_COLUMN, scores.max_column + 1):
        pid = scores.value(ID_ROW, column)
        if pid is None or formula(SCORES, scores, ID_ROW, column):
            continue
        pid = _name(pid, engagement.partners.index)
        if pid not in engagement.partners.index:
            problem(SCORES, ID_ROW, column, pid, "no partner has this id in partners.csv",
                    EXPORT_AGAIN)
        elif pid in first_column:
            problem(SCORES, ID_ROW, column, pid, f"the partner id is in cell "
                    f"{cell(ID_ROW, first_column[pid])} too, so judgments could land on the wrong "
                    "partner", "give the columns back the ids they were exported with, or "
                    + EXPORT_AGAIN)
        else:
            partners[column], first_column[pid] = pid, column
    proposed: dict[Pair, Judgment] = {}
    cells: dict[Pair, tuple[int, str]] = {}
    first_row: dict[str, int] = {}
    for row in range(FIRST_ROW, max(scores.max_row, evidence.max_row) + 1):
        formulas = [(sheet, grid, column) for column in partners for sheet, grid in
                    ((SCORES, scores), (EVIDENCE, evidence)) if formula(sheet, grid, row, column)]
        cid = scores.value(row, 1)
        if cid is not None and formula(SCORES, scores, row, 1):
            continue
        entries = {c: (scores.value(row, c), evidence.value(row, c)) for c in partners
                   if not any(column == c for _, _, column in formulas)}
        if cid is None:
            for column, (score, note) in entries.items():
                if score is not None or note is not None:
                    problem(SCORES if score is not None else EVIDENCE, row, column,
                            _shown(score if score is not None else note),
                            "the cell is not on a criterion's row", "move it to a yellow cell")
            continue
        cid = _name(cid, engagement.criteria.index)
        if cid not in judged:
            problem(SCORES, row, 1, cid, "no scored criterion has this id in criteria.csv",
                    EXPORT_AGAIN)
            continue
        if cid in first_row:
            problem(SCORES, row, 1, cid, f"the criterion id is in cell {cell(first_row[cid], 1)} "
                    "too, so judgments could land on the wrong criterion",
                    "give the rows back the ids they were exported with, or " + EXPORT_AGAIN)
            continue
        first_row[cid] = row
        for column, (score, note) in entries.items():
            pair = (partners[column], cid)
            value = parse_number(score) if score is not None else None
            note = _text(note)
            if isinstance(score, (dt.date, dt.time, dt.timedelta)):
                problem(SCORES, row, column, _shown(score), "the cell holds a date, not a score",
                        "pick a score from the cell's list (if a date shows, set the cell's "
                        "format back to General), or leave the cell empty")
                continue
            if score is not None and (value is None or not SCORE_MIN <= value <= SCORE_MAX):
                problem(SCORES, row, column, score, "the score must be a number from 1 to 5",
                        "pick a score from the cell's list, or leave the cell empty")
                continue
            if value is not None and not value.is_integer() and \
                    value != seen.get(pair, NOT_JUDGED).score:
                problem(SCORES, row, column, score, "the score must be a whole number from 1 to "
                        "5; the scale has no half points", "pick a score from the cell's list, or "
                        "leave the cell empty")
                continue
            if value is None and note:
                problem(EVIDENCE, row, column, note, "there is evidence but no score in the "
                        f"matching cell of sheet {SCORES}",
                        "give the score, or clear the evidence")
                continue
            if formula_like(note) and note != seen.get(pair, NOT_JUDGED).evidence:
                problem(EVIDENCE, row, column, note, f"the evidence starts with {note[:1]!r}",
                        FORMULA_FIX)
                continue
            proposed[pair] = Judgment(value, note)
            cells[pair] = (row, get_column_letter(column))
    return proposed, cells


def _same_layout(scores: Grid, evidence: Grid, problem) -> None:
    """The Evidence sheet's ids must be where the Scores sheet has them: the import reads a note
    as belonging to the score in the same cell."""
    heads = [(ID_ROW, c) for c in range(FIRST_COLUMN, max(scores.max_column, evidence.max_column) + 1)]
    heads += [(r, 1) for r in range(FIRST_ROW, max(scores.max_row, evidence.max_row) + 1)]
    for row, column in heads:
        here, there = scores.value(row, column), evidence.value(row, column)
        if there is not None and here is not None and nfc(str(here)) == nfc(str(there)):
            continue
        if there is None and here is None:
            continue
        problem(EVIDENCE, row, column, there,
                f"cell {get_column_letter(column)}{row} of sheet {SCORES} holds "
                f"{here!r}; the two sheets must match cell for cell",
                "give both sheets the ids they were exported with, or " + EXPORT_AGAIN)


def import_scoresheet(folder, file) -> Saved:
    """Take a filled-in scoresheet into ``scores.csv``: only its evaluator's judgments, only the
    cells changed in the sheet; a judgment changed elsewhere since the export is reported, never
    overwritten. The sheet is read against the engagement as it is under the lock."""
    return apply_proposal(folder, lambda engagement: read_scoresheet(Path(file), engagement).proposal())
