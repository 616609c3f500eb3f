"""The Excel scoresheet, coming back: what the evaluator changed, checked cell by cell, merged.

:func:`read_scoresheet` reads the workbook :func:`~workbook.views.scoresheet.write_scoresheet` made,
compares every cell with what the hidden sheet says was shown, and reports every bad cell at once,
naming sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from workbook.core.errors import InputError, Problem
from workbook.core.names import canonical, nfc
from workbook.core.numbers import format_number, parse_number
from workbook.core.paths import display_path
from workbook.core.vocabulary import SCORE_MAX, SCORE_MIN
from workbook.engagement.model import Engagement
from workbook.team.judgments import (FORMULA_FIX, NOT_JUDGED, Conflict, Judgment, Pair, Proposal, Saved,
                                     apply_proposal, formula_like)
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


# A scoresheet of 100 partners x 100 criteria unpacks to about 3 MB; a file that unpacks to far
# more is not one (a "zip bomb" unpacks a few kilobytes to gigabytes) and is refused unopened.
MAX_UNPACKED = 50_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how .xls and password-encrypted .xlsx files begin
MARGIN = 100  # rows and columns read beyond the grid, to report values typed beside it
_BROKEN = (InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError,
           SyntaxError, TypeError, AttributeError, IndexError)  # what a damaged .xlsx makes openpyxl raise
_NOT_XLSX = ("the file is not an Excel workbook (.xlsx)",
             "save it in Excel as 'Excel Workbook (.xlsx)' and import that")


def read_scoresheet(path: Path, engagement: Engagement) -> Scoresheet:
    """Read a scoresheet back, checking every cell against the engagement.

    Cells are read as they are stored: a formula is refused (named by sheet and cell), never
    evaluated or taken from a cached result, so a sheet saved by any tool reads the same.

    Raises
    ------
    InputError
        When the file is not this engagement's scoresheet (format, engagement, evaluator, a file
        that is not an .xlsx or unpacks to more than :data:`MAX_UNPACKED` bytes). Bad cells do
        not raise: they are kept on the result (``problems``) and reported with any conflict when
        the judgments are applied, all in one list.
    """
    file = display_path(path)
    _check_archive(Path(path), file)
    try:
        book = load_workbook(path, read_only=True)  # formulas as written, to refuse them
    except FileNotFoundError:
        raise InputError([Problem(file, None, None, None, "the file does not exist",
                                  "check the path of the scoresheet")]) from None
    except (*_BROKEN, OSError):
        raise InputError([Problem(file, None, None, None, *_NOT_XLSX)]) from None
    try:
        missing = [name for name in (SCORES, EVIDENCE, META) if name not in book.sheetnames]
        if missing:
            raise InputError([Problem(file, None, None, ", ".join(missing),
                                      "the scoresheet lacks sheets it was made with",
                                      EXPORT_AGAIN)])
        n_rows = FIRST_ROW + len(engagement.scored_criteria) + \
            engagement.scored_criteria["group"].nunique() + MARGIN
        n_columns = FIRST_COLUMN + len(engagement.partners) + MARGIN
        meta = _values(book[META], 5 + len(engagement.scored_criteria) * len(engagement.partners)
                       + MARGIN, 4)
        scores, evidence = (_values(book[name], n_rows, n_columns) for name in (SCORES, EVIDENCE))
    except _BROKEN:
        raise InputError([Problem(file, None, None, None, *_NOT_XLSX)]) from None
    finally:
        book.close()  # a read-only workbook keeps its file open until closed
    problems: list[Problem] = []
    evaluator, seen = _read_meta(meta, file, engagement, problems)
    if problems:  # another engagement or evaluator: its cells cannot be compared
        raise InputError(problems)
    proposed, cells = _read_grid(scores, evidence, file, engagement, seen, problems)
    return Scoresheet(file, evaluator, proposed, seen, cells, tuple(problems))


def _check_archive(path: Path, file: str) -> None:
    """Refuse, before opening it, a path that is a folder, a file that is not a zip archive (every
    .xlsx is one) and one that would unpack to more than :data:`MAX_UNPACKED` bytes."""
    if path.is_dir():
        raise InputError([Problem(file, None, None, None, "this is a folder, not a scoresheet",
                                  "give the path of the .xlsx file")])
    if not path.exists():
        return  # said by the reader, as before
    try:
        with path.open("rb") as head:
            compound = head.read(8) == OLE_MAGIC
    except OSError:
        compound = False
    if compound:
        raise InputError([Problem(file, None, None, None,
                                  "the file is an Excel 97-2003 workbook (.xls) or one protected "
                                  "with a password to open",
                                  "save it in Excel as 'Excel Workbook (.xlsx)' without a password "
                                  "to open, and import that")])
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError([Problem(file, None, None, None, *_NOT_XLSX)]) from None
    if unpacked > MAX_UNPACKED:
        raise InputError([Problem(file, None, None, None,
                                  f"the file unpacks to {unpacked / 1e6:,.0f} MB, far more than a "
                                  f"scoresheet (at most {MAX_UNPACKED / 1e6:,.0f} MB); it is not "
                                  "opened", "import the scoresheet `workbook scoresheet` made, "
                                  "filled in and saved in Excel")])


def _values(sheet, max_row: int, max_column: int) -> "_Grid":
    """The sheet's cells up to ``max_row`` and ``max_column`` (a sheet whose used range claims a
    million rows is not read beyond), with where its formulas are."""
    rows, formulas = [], {}
    for r, row in enumerate(sheet.iter_rows(min_row=1, max_row=max_row, max_col=max_column),
                            start=1):
        values = []
        for c, cell in enumerate(row, start=1):
            if cell.data_type == "f":
                formulas[(r, c)] = cell.value if isinstance(cell.value, str) else \
                    str(getattr(cell.value, "text", cell.value))
            values.append(cell.value)
        rows.append(values)
    return _Grid(rows, formulas)


class _Grid:
    """A sheet's values, read once (a read-only sheet re-reads its file on every cell access)."""

    def __init__(self, rows: list[list], formulas: dict[tuple[int, int], str] | None = None):
        self.rows = rows
        self.formulas = formulas or {}
        self.max_row = len(rows)
        self.max_column = max((len(r) for r in rows), default=0)

    def value(self, row: int, column: int):
        """The value at a 1-based row and column, None outside the used range."""
        if row > len(self.rows) or column > len(self.rows[row - 1]):
            return None
        return self.rows[row - 1][column - 1]


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


def _read_meta(grid: "_Grid", file: str, engagement: Engagement, problems: list[Problem]):
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


def _read_grid(scores: _Grid, evidence: _Grid, file: str, engagement: Engagement,
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


def _same_layout(scores: _Grid, evidence: _Grid, problem) -> None:
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
