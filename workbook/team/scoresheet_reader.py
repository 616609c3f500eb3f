"""The Excel scoresheet, coming back: what the evaluator changed, checked cell by cell, merged.

:func:`read_scoresheet` reads the workbook :func:`~workbook.views.scoresheet.write_scoresheet` made,
compares every cell with what the hidden sheet says was shown, and reports every bad cell at once,
naming sheet and cell.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from workbook.core.errors import InputError, Problem
from workbook.core.numbers import parse_number
from workbook.core.paths import display_path
from workbook.core.vocabulary import SCORE_MAX, SCORE_MIN
from workbook.engagement.model import Engagement
from workbook.team.judgments import Conflict, Judgment, Pair, Proposal, Saved, apply_proposal
from workbook.team.scoresheet_layout import (EVIDENCE, EXPORT_AGAIN, FIRST_COLUMN, FIRST_ROW, FORMAT, ID_ROW,
                                             META, SCORES, identity)


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

    Raises
    ------
    InputError
        When the file is not this engagement's scoresheet (format, engagement, evaluator). Bad
        cells do not raise: they are kept on the result (``problems``) and reported with any
        conflict when the judgments are applied, all in one list.
    """
    file = display_path(path)
    try:
        book = load_workbook(path, data_only=True, read_only=True)
    except FileNotFoundError:
        raise InputError([Problem(file, None, None, None, "the file does not exist",
                                  "check the path of the scoresheet")]) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise InputError([Problem(file, None, None, None,
                                  "the file is not an Excel workbook (.xlsx)",
                                  "save it in Excel as 'Excel Workbook (.xlsx)' and import that")]) \
            from None
    problems: list[Problem] = []
    try:
        missing = [name for name in (SCORES, EVIDENCE, META) if name not in book.sheetnames]
        if missing:
            raise InputError([Problem(file, None, None, ", ".join(missing),
                                      "the scoresheet lacks sheets it was made with",
                                      EXPORT_AGAIN)])
        evaluator, seen = _read_meta(book[META], file, engagement, problems)
        if problems:  # another engagement or evaluator: its cells cannot be compared
            raise InputError(problems)
        proposed, cells = _read_grid(_values(book[SCORES]), _values(book[EVIDENCE]), file,
                                     engagement, problems)
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    return Scoresheet(file, evaluator, proposed, seen, cells, tuple(problems))


def _values(sheet) -> "_Grid":
    return _Grid([list(row) for row in sheet.iter_rows(values_only=True)])


class _Grid:
    """A sheet's values, read once (a read-only sheet re-reads its file on every cell access)."""

    def __init__(self, rows: list[list]):
        self.rows = rows
        self.max_row = len(rows)
        self.max_column = max((len(r) for r in rows), default=0)

    def value(self, row: int, column: int):
        """The value at a 1-based row and column, None outside the used range."""
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]


def _read_meta(sheet, file: str, engagement: Engagement, problems: list[Problem]):
    grid = _values(sheet)
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
    if evaluator not in engagement.settings.evaluators:
        problems.append(Problem(file, None, None, evaluator,
                                "the scoresheet's evaluator is not in team.evaluators",
                                "add the person to team.evaluators in engagement.yaml"))
    seen = {}
    for row in range(6, grid.max_row + 1):
        pid, cid, score, evidence = (grid.value(row, c) for c in range(1, 5))
        if pid and cid:
            seen[(str(pid), str(cid))] = Judgment(parse_number(score), str(evidence or "").strip())
    return evaluator, seen


def _read_grid(scores, evidence, file: str, engagement: Engagement, problems: list[Problem]):
    def problem(sheet, row, column, value, message, fix):
        problems.append(Problem(file, row, get_column_letter(column), value, message, fix,
                                sheet=sheet))

    judged = set(engagement.scored_criteria.index)
    partners: dict[int, str] = {}
    for column in range(FIRST_COLUMN, scores.max_column + 1):
        pid = scores.value(ID_ROW, column)
        if pid is None:
            continue
        if str(pid) not in engagement.partners.index:
            problem(SCORES, ID_ROW, column, pid, "no partner has this id in partners.csv",
                    EXPORT_AGAIN)
        else:
            partners[column] = str(pid)
    proposed: dict[Pair, Judgment] = {}
    cells: dict[Pair, tuple[int, str]] = {}
    for row in range(FIRST_ROW, max(scores.max_row, evidence.max_row) + 1):
        cid = scores.value(row, 1)
        entries = {c: (scores.value(row, c), evidence.value(row, c)) for c in partners}
        if cid is None:
            for column, (score, note) in entries.items():
                if score is not None or note is not None:
                    problem(SCORES if score is not None else EVIDENCE, row, column,
                            score if score is not None else note,
                            "the cell is not on a criterion's row", "move it to a yellow cell")
            continue
        cid = str(cid)
        if cid not in judged:
            problem(SCORES, row, 1, cid, "no scored criterion has this id in criteria.csv",
                    EXPORT_AGAIN)
            continue
        for column, (score, note) in entries.items():
            value = parse_number(score) if score is not None else None
            note = "" if note is None else str(note).strip()
            if score is not None and (value is None or not SCORE_MIN <= value <= SCORE_MAX):
                problem(SCORES, row, column, score, "the score must be a number from 1 to 5",
                        "pick a score from the cell's list, or leave the cell empty")
                continue
            if value is None and note:
                problem(EVIDENCE, row, column, note, "there is evidence but no score in the "
                        f"matching cell of sheet {SCORES}",
                        "give the score, or clear the evidence")
                continue
            pair = (partners[column], cid)
            proposed[pair] = Judgment(value, note)
            cells[pair] = (row, get_column_letter(column))
    return proposed, cells


def import_scoresheet(folder, file) -> Saved:
    """Take a filled-in scoresheet into ``scores.csv``: only its evaluator's judgments, only the
    cells changed in the sheet; a judgment changed elsewhere since the export is reported, never
    overwritten. The sheet is read against the engagement as it is under the lock."""
    return apply_proposal(folder, lambda engagement: read_scoresheet(Path(file), engagement).proposal())
