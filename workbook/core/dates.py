"""Dates as the engagement files must write them (ISO, ``YYYY-MM-DD``), and what else people write.

Only ISO dates are read: ``03/04/2026`` is the 3rd of April in one country and the 4th of March
in another. :func:`written_as` names the format a column of other dates uses, so that one message
can say what was found and how to convert it, rather than one line per cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

ISO = "YYYY-MM-DD"
_DMY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})$")
_YMD = re.compile(r"^(\d{4})([/.])(\d{1,2})\2(\d{1,2})$")


def parse_date(text) -> date | None:
    """An ISO date (a time after it is ignored), or None."""
    if isinstance(text, date):
        return text
    text = str(text).strip()
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def written_as(values: Iterable[str]) -> str | None:
    """The format of the non-ISO dates among ``values``: ``DD/MM/YYYY``, ``MM/DD/YYYY``,
    ``DD/MM/YYYY or MM/DD/YYYY`` (nothing shows which), ``DD.MM.YYYY``, ``YYYY/MM/DD``; None when
    none is a date in another format."""
    first_big = second_big = False
    separator = year = None
    ymd = None
    for value in values:
        text = str(value).strip()
        match = _DMY.match(text)
        if match:
            a, separator, b, y = match.groups()
            year = "YY" if len(y) == 2 else "YYYY"
            first_big |= int(a) > 12
            second_big |= int(b) > 12
            continue
        match = _YMD.match(text)
        if match:
            ymd = f"YYYY{match.group(2)}MM{match.group(2)}DD"
    if separator is None:
        return ymd
    dmy, mdy = f"DD{separator}MM{separator}{year}", f"MM{separator}DD{separator}{year}"
    if first_big and not second_big:
        return dmy
    if second_big and not first_big:
        return mdy
    return f"{dmy} or {mdy}" if separator == "/" else dmy


def to_iso(text: str, written: str) -> str | None:
    """``text`` in ISO form, read as ``written`` (a format :func:`written_as` named), or None."""
    text = str(text).strip()
    match = _DMY.match(text)
    if match and " or " not in written:
        a, _, b, y = match.groups()
        day, month = (a, b) if written.startswith("DD") else (b, a)
        y = f"20{y}" if len(y) == 2 else y
        try:
            return date(int(y), int(month), int(day)).isoformat()
        except ValueError:
            return None
    match = _YMD.match(text)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(3)), int(match.group(4))).isoformat()
        except ValueError:
            return None
    return None


def months_before(day: date, months: int) -> date:
    """The day ``months`` calendar months before ``day`` (the 28th at most, so it always exists)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, 28))
