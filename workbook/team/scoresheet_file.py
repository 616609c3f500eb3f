"""The scoresheet as a file: refused unopened when it is not a safe .xlsx, its sheets read to values.

A folder, an Excel 97-2003 workbook (.xls), a workbook with a password to open, a file that is not
a zip archive and one that would unpack to more than :data:`MAX_UNPACKED` bytes (a "zip bomb") are
named as such before openpyxl sees them. :func:`read_sheets` then reads the three sheets
:mod:`workbook.team.scoresheet_reader` checks, once, as plain values.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from workbook.core.errors import InputError, Problem
from workbook.core.paths import display_path
from workbook.engagement.model import Engagement
from workbook.team.scoresheet_layout import (EVIDENCE, EXPORT_AGAIN, FIRST_COLUMN, FIRST_ROW, META,
                                             SCORES)

# A scoresheet of 100 partners x 100 criteria unpacks to about 3 MB; a file that unpacks to far
# more is not one (a "zip bomb" unpacks a few kilobytes to gigabytes) and is refused unopened.
MAX_UNPACKED = 50_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how .xls and password-encrypted .xlsx files begin
MARGIN = 100  # rows and columns read beyond the grid, to report values typed beside it
_BROKEN = (InvalidFileException, zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError,
           SyntaxError, TypeError, AttributeError, IndexError)  # what a damaged .xlsx makes openpyxl raise
_NOT_XLSX = ("the file is not an Excel workbook (.xlsx)",
             "save it in Excel as 'Excel Workbook (.xlsx)' and import that")


class Grid:
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


def read_sheets(path: Path, engagement: Engagement) -> tuple[Grid, Grid, Grid]:
    """The scoresheet's Meta, Scores and Evidence sheets as values, formulas as written.

    Only the rows and columns the engagement's grid needs, and :data:`MARGIN` more, are read.

    Raises
    ------
    InputError
        When the file is missing, unsafe (see the module), not an .xlsx, or lacks a sheet.
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
    return meta, scores, evidence


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


def _values(sheet, max_row: int, max_column: int) -> Grid:
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
    return Grid(rows, formulas)
