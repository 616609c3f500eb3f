"""Reading numbers the way spreadsheet users write them, and never scaling one silently.

A file has one convention: a decimal point (``1,465.50``) or a decimal comma (``1.465,50``).
:func:`file_mark` finds it from the cells that show it unambiguously (``95.5``, ``4,6``,
``1.465,50``); :func:`parse_number` then reads thousands separators by it (points, commas, spaces).
A cell such as ``1,465`` in a file with no such evidence could be 1465 or 1.465: it is refused
(:func:`ambiguity` says why), never guessed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

POINT, COMMA = ".", ","
_SPACES = re.compile(r"(?<=\d)[ \u00a0\u202f\u2009'](?=\d{3}(\D|$))")
_PLAIN = re.compile(r"^[+-]?(\d+|\d*\.\d+|\d+\.)([eE][+-]?\d+)?$")
# 1,465 or 12.500.000: a separator every three digits, no other mark; readable both ways
_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}([.,])\d{3}(\1\d{3})*$")
_BOTH = re.compile(r"^[+-]?\d{1,3}(?P<t>[.,])\d{3}((?P=t)\d{3})*(?!(?P=t))[.,]\d+$")
_ONE_MARK = re.compile(r"^[+-]?(\d+)?([.,])\d+([eE][+-]?\d+)?$|^[+-]?\d+([.,])$")


def _clean(text: str) -> str:
    return _SPACES.sub("", text.strip())


def shown_mark(cell: str) -> str | None:
    """The decimal mark ``cell`` shows unambiguously (``95.5``, ``4,6``, ``1.465,50``), or None."""
    text = _clean(cell)
    if not text or _GROUPED.match(text):
        return None
    both = _BOTH.match(text)
    if both:
        return COMMA if both.group("t") == POINT else POINT
    one = _ONE_MARK.match(text)
    return (one.group(2) or one.group(4)) if one else None


def decimal_marks(cells: Iterable[str]) -> Counter:
    """Per decimal mark, how many cells of a file show it unambiguously."""
    return Counter(mark for cell in cells if (mark := shown_mark(cell)) is not None)


def file_mark(marks: Counter) -> str | None:
    """The file's decimal mark, from :func:`decimal_marks`: the one mark its cells show, or, when
    they disagree, the mark of at least three times as many cells (three or more): one ``4,9``
    in a file of ``3.95``s is read as written, and does not leave its ``99.958``s unreadable.
    None when no mark shows, or no clear majority does."""
    if len(marks) == 1:
        return next(iter(marks))
    if len(marks) == 2:
        (most, many), (_, few) = marks.most_common()
        if many >= max(3, 3 * few):
            return most
    return None


def _ambiguous(text: str) -> bool:
    """``1,465`` or ``1.465``: one group of three digits after one mark, thousands or decimals."""
    match = _GROUPED.match(text)
    return bool(match) and text.count(match.group(1)) == 1


def parse_number(value, decimal: str | None = None) -> float | None:
    """Return ``value`` as a finite float, or None when it is not a number (or not unambiguously one).

    A number with one mark (``4,6``, ``95.5``) reads it as the decimal mark; one with both
    (``1.465,50``) or with repeated groups (``12.500.000``) shows which separates thousands. Only
    ``1,465`` and ``1.465`` need the file's ``decimal`` mark (:func:`file_mark`): without it
    they are refused rather than guessed.

    Examples
    --------
    >>> parse_number("3,5"), parse_number(" 12 "), parse_number("nan"), parse_number("1e400")
    (3.5, 12.0, None, None)
    >>> parse_number("1,465", "."), parse_number("1,465", ","), parse_number("1,465")
    (1465.0, 1.465, None)
    >>> parse_number("1.465,50"), parse_number("1 465"), parse_number("12.500.000")
    (1465.5, 1465.0, 12500000.0)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = _clean(value)
    if _ambiguous(text):
        if decimal is None:
            return None
        text = text.replace(COMMA if decimal == POINT else POINT, "")
    elif _GROUPED.match(text):
        text = text.replace(_GROUPED.match(text).group(1), "")
    elif _BOTH.match(text):
        text = text.replace(_BOTH.match(text).group("t"), "")
    text = text.replace(COMMA, POINT)
    if not _PLAIN.match(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None  # "1e400" overflows to inf


def ambiguity(value, decimal: str | None) -> str | None:
    """Why ``value`` was not read as a number though it looks like one; None when it was."""
    if not isinstance(value, str) or decimal is not None or not _ambiguous(_clean(value)):
        return None
    text = _clean(value)
    mark = _GROUPED.match(text).group(1)
    return (f"it could be {text.replace(mark, '')} or {text.replace(COMMA, POINT)}: no other number in "
            f"the file shows whether {mark!r} separates thousands or decimals")


def format_number(value: float) -> str:
    """Short text for a number: no trailing zeros, no float noise."""
    return f"{value:.6g}"


def written_decimals(values: Iterable[float], most: int = 6) -> int:
    """The decimals figures are written with, the most any of them needs (at most ``most``):
    0 for counts, 1 for 96.8 beside 94.0, 2 for costs in cents."""
    places = 0
    for value in values:
        if value is None or value != value:  # missing
            continue
        written = repr(float(value))
        if "e" in written:
            return most
        places = max(places, len(written.split(".")[1].rstrip("0")))
    return min(places, most)
