"""Checking one cell, or one table's shape: the building blocks of every file's checks.

Each helper appends the problem it finds, located the way a spreadsheet user looks for it, and
returns the clean value (None when there is none).
"""

from __future__ import annotations

import math

from workbook.core.dates import ISO, parse_date
from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.core.names import canonical, nearest, suggest
from workbook.core.numbers import ambiguity, parse_number
from workbook.core.vocabulary import NO, YES


def require_columns(table: Table, required, problems: list[Problem]) -> bool:
    """Note each missing column; True when all are present.

    A header that differs from a required name only by case, blanks or hyphens (``Days On Hand``)
    is renamed to it; a near miss (``replenish_day``) is named in the fix.
    """
    for column in required:
        if column not in table.columns:
            found = canonical(column, [c for c in table.columns if c not in required])
            if found is not None:
                _rename(table, found, column)
    missing = [c for c in required if c not in table.columns]
    spare = [c for c in table.columns if c not in required]
    for column in missing:
        close = nearest(column, spare, n=1, cutoff=0.75)
        fix = (f"rename the column {close[0]} to {column}" if close else
               f"add a column named {column} to the header row")
        problems.append(Problem(table.file, 1, column, None, "the column is missing", fix))
    return not missing


def _rename(table: Table, old: str, new: str) -> None:
    table.columns = [new if c == old else c for c in table.columns]
    table.records = [{(new if k == old else k): v for k, v in r.items()} for r in table.records]
    if old in table.dates:
        table.dates[new] = table.dates.pop(old)


def number(table: Table, row: int, column: str, raw: str, problems: list[Problem], *,
           low=None, high=None, whole=False, fix: str, percent: str | None = None) -> float | None:
    """Parse one cell as a number within bounds, or note the problem and return None.

    The file's own decimal mark decides how separators read (:mod:`workbook.core.numbers`).
    ``percent`` says what a trailing ``%`` means: ``"points"`` (the column holds percentages:
    ``95.5%`` is 95.5), ``"fraction"`` (``97%`` is 0.97) or None (a ``%`` is refused, with the fix).
    """
    text = raw.strip()
    scale = 1.0
    if text.endswith("%"):
        if percent is None:
            problems.append(Problem(table.file, row, column, raw, "a percent sign is not expected here",
                                    f"write the number without the % sign; {fix[:1].lower()}{fix[1:]}"))
            return None
        text, scale = text[:-1], (100.0 if percent == "fraction" else 1.0)
    value = parse_number(text, table.decimal)
    if value is None and ambiguity(text, table.decimal):
        problems.append(Problem(table.file, row, column, raw,
                                f"this is not read as a number: {ambiguity(text, table.decimal)}",
                                "write the number without a thousands separator, with the decimal "
                                "mark the rest of the file uses"))
        return None
    value = None if value is None else value / scale  # a division: 97.2% is exactly 0.972
    if value is None or (low is not None and value < low) or (high is not None and value > high) \
            or (whole and value != math.floor(value)):
        kind = "a whole number" if whole else "a number"
        if low is not None and high is not None:
            kind += f" from {low:g} to {high:g}"
        elif low is not None:
            kind += f" of {low:g} or more"
        what = "is empty" if raw == "" else f"must be {kind}"
        problems.append(Problem(table.file, row, column, raw, what, fix))
        return None
    return value


def known(table: Table, row: int, column: str, raw: str, valid, problems: list[Problem], *,
          what: str, fix: str) -> str | None:
    """The name from a fixed vocabulary that a cell means (case, blanks and hyphens do not matter),
    or note the problem, with the nearest valid names, and return None."""
    name = canonical(raw, valid)
    if name is None:
        problems.append(Problem(table.file, row, column, raw, what, suggest(raw, valid, fix)))
    return name


def yes_no(table: Table, row: int, column: str, raw: str, problems: list[Problem], *, fix: str,
           required: bool = True) -> bool | None:
    """A yes/no cell (yes, y, true, 1 / no, n, false, 0, any case); None when empty and optional."""
    flag = raw.strip().lower()
    if not flag and not required:
        return None
    if flag not in YES | NO:
        problems.append(Problem(table.file, row, column, raw, f"{column} must be yes or no", fix))
        return None
    return flag in YES


def unique_ids(table: Table, column: str, problems: list[Problem]) -> None:
    """Note empty and repeated ids, naming the first row that used each id."""
    first: dict[str, int] = {}
    for row, record in table:
        value = record[column]
        if not value:
            problems.append(Problem(table.file, row, column, value, "the id is empty",
                                    "give every row an id"))
        elif value in first:
            problems.append(Problem(table.file, row, column, value,
                                    f"the id is used already on row {first[value]}",
                                    "give every row its own id"))
        else:
            first[value] = row


def keyed_rows(table: Table, required, what: str, fix: str, problems: list[Problem]) -> bool:
    """Columns present, at least one row, ids unique: True when the rows can be checked."""
    if not require_columns(table, required, problems):
        return False
    if not len(table):
        problems.append(Problem(table.file, None, None, None, f"there are no {what}", fix))
        return False
    unique_ids(table, "id", problems)
    return True


DATE_FIX = (f"write dates as {ISO}, e.g. 2026-03-31 (in Excel: select the column, Format Cells, "
            f"Custom, type yyyy-mm-dd, and save as CSV again)")


def date_cell(table: Table, row: int, column: str, text: str, problems, required=True):
    """A date cell as a date, or note the problem (naming the format the column is written in,
    when it is a known one) and return None."""
    value = parse_date(text)
    if value is None and (required or text):
        written = table.dates.get(column) if text else None
        if written:
            problems.append(Problem(table.file, row, column, text,
                                    f"the dates are written {written}, not {ISO}", DATE_FIX))
        else:
            problems.append(Problem(table.file, row, column, text,
                                    "is empty" if not text else "is not a date", DATE_FIX))
    return value
