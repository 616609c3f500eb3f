"""Reading numbers the way spreadsheet users write them."""

from __future__ import annotations

import math
import re

# Plain decimals, with a point or (European spreadsheets) a comma; no nan, inf or thousands marks.
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


def parse_number(value) -> float | None:
    """Return ``value`` as a finite float, or None when it is not a plain number.

    Examples
    --------
    >>> parse_number("3,5"), parse_number(" 12 "), parse_number("nan"), parse_number("1e400")
    (3.5, 12.0, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not _NUMBER.match(text):
        return None
    number = float(text.replace(",", "."))
    return number if math.isfinite(number) else None  # "1e400" overflows to inf


def format_number(value: float) -> str:
    """Short text for a number: no trailing zeros, no float noise."""
    return f"{value:.6g}"
