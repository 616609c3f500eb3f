"""Cells that a spreadsheet would run as a formula, made inert (the OWASP CSV-injection rule).

Every CSV the workbook writes passes through :func:`neutralise`: a text cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe, which Excel, LibreOffice
and Google Sheets show as text and never evaluate. Numbers stay numbers: ``-3.5`` is written as it
is. The workbook's own readers take the apostrophe off again (:func:`restore`), so a file exported
and imported again keeps its text unchanged.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?$")


def _formula(value: str) -> bool:
    """Whether a spreadsheet would run ``value`` (a CR is written as LF inside a cell: LF too)."""
    return value.startswith((*TRIGGERS, "\n")) and not _NUMBER.match(value)


def _escaped(value: str) -> bool:
    """Whether ``value`` is a cell :func:`neutralise` wrote: an apostrophe before a formula, or
    before another such cell (``''=1`` is the text ``'=1``)."""
    rest = value.lstrip("'")
    return len(rest) < len(value) and _formula(rest)


def neutralise(value):
    """``value`` with a leading apostrophe when a spreadsheet would take it for a formula, or when
    it looks like a cell written so (then the apostrophe it begins with survives a round trip)."""
    if isinstance(value, str) and (_formula(value) or _escaped(value)):
        return "'" + value
    return value


def restore(value: str) -> str:
    """Undo :func:`neutralise` on a cell read back from a file the workbook wrote."""
    return value[1:] if _escaped(value) else value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells, column names and index are neutralised."""
    out = frame.copy()
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(c) for c in out.columns]
    if not pd.api.types.is_numeric_dtype(out.index):
        out.index = out.index.map(neutralise)
    return out


def neutralise_row(cells) -> list:
    """One CSV row's cells, neutralised."""
    return [neutralise(c) for c in cells]


def csv_text(columns, rows, delimiter: str = ",", newline: str = "\n") -> str:
    """A CSV file's text: the header ``columns``, then each row's cells (in their order), every
    cell neutralised: the one way the workbook writes a CSV file by hand."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerow(neutralise_row(columns))
    writer.writerows(neutralise_row(row) for row in rows)
    return out.getvalue()
