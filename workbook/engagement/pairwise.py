"""``ahp.csv``: pairwise judgments of criteria (or of criterion groups) for AHP weighting.

One row per pair: ``a``, ``b``, ``judgment`` on Saaty's scale, meaning "a is *judgment* times as
important as b" (1 = equal, 3 = moderately, 5 = strongly, 7 = very strongly, 9 = extremely; the
reciprocals 1/3 ... 1/9 say the reverse). Every pair of the compared items must be judged once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

import numpy as np
import pandas as pd

from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.core.numbers import parse_number
from workbook.engagement.cells import require_columns

COLUMNS = ("a", "b", "judgment")
SCALE_MIN, SCALE_MAX = 1 / 9, 9.0


@dataclass(frozen=True)
class Pairwise:
    """Validated pairwise judgments: what is compared (``level``) and the reciprocal matrix."""

    level: str  # "criteria" or "groups"
    items: tuple[str, ...]
    matrix: np.ndarray
    rows: dict[tuple[str, str], int]  # spreadsheet row of each judged pair, for messages


def parse_judgment(text: str) -> float | None:
    """A number or a fraction such as ``1/3``; None when neither."""
    value = parse_number(text)
    if value is None and "/" in text:
        try:
            value = float(Fraction(text.replace(" ", "")))
        except (ValueError, ZeroDivisionError):
            return None
    return value


def check_pairwise(table: Table, criteria: pd.DataFrame | None,
                   problems: list[Problem]) -> Pairwise | None:
    """Validate ``ahp.csv`` against the criteria; return the judgments as a matrix."""
    if not require_columns(table, COLUMNS, problems) or criteria is None:
        return None
    ids, groups = set(criteria.index), set(criteria["group"])
    named = {rec[c] for _, rec in table for c in ("a", "b")}
    level, items = ("criteria", list(criteria.index)) if named <= ids or not named <= groups \
        else ("groups", sorted(groups))
    known = ids if level == "criteria" else groups
    before = len(problems)
    judged: dict[frozenset, int] = {}
    entries = []
    for row, rec in table:
        for column in ("a", "b"):
            if rec[column] not in known:
                problems.append(Problem(table.file, row, column, rec[column],
                                        f"this is not a {'criterion id' if level == 'criteria' else 'group'}"
                                        f" of criteria.csv",
                                        "compare criterion ids, or group names, but not both"))
        if rec["a"] == rec["b"]:
            problems.append(Problem(table.file, row, "b", rec["b"], "an item is compared with itself",
                                    "compare two different items"))
        value = parse_judgment(rec["judgment"])
        if value is None or not SCALE_MIN - 1e-9 <= value <= SCALE_MAX + 1e-9:
            problems.append(Problem(table.file, row, "judgment", rec["judgment"],
                                    "must be a number from 1/9 to 9",
                                    "write how many times more important a is than b, "
                                    "e.g. 3, or 1/3 for the reverse"))
            continue
        pair = frozenset((rec["a"], rec["b"]))
        if pair in judged:
            problems.append(Problem(table.file, row, "a", f"{rec['a']} / {rec['b']}",
                                    f"this pair is judged already on row {judged[pair]}",
                                    "keep one judgment per pair"))
            continue
        judged[pair] = row
        entries.append((rec["a"], rec["b"], value, row))
    missing = [f"{a} / {b}" for a, b in combinations(items, 2) if frozenset((a, b)) not in judged]
    if missing and len(problems) == before:
        shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
        problems.append(Problem(table.file, None, None, None,
                                f"{len(missing)} of the {math.comb(len(items), 2)} pairs of "
                                f"{level} are not judged: {shown}",
                                "add a row for each pair"))
    if len(problems) > before:
        return None
    index = {item: i for i, item in enumerate(items)}
    matrix = np.ones((len(items), len(items)))
    for a, b, value, _ in entries:
        matrix[index[a], index[b]], matrix[index[b], index[a]] = value, 1 / value
    return Pairwise(level, tuple(items), matrix, {(a, b): row for a, b, _, row in entries})
