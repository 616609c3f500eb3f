"""Checks of the engagement's CSV files, alone and against each other.

Each ``check_*`` function appends every problem it finds and returns a clean DataFrame (or None
when the file could not be read at all). :func:`workbook.engagement.load_engagement` runs them.
"""

from __future__ import annotations

import math

import pandas as pd

from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.core.numbers import parse_number
from workbook.core.vocabulary import (DIRECTIONS, DISCIPLINES, NO, RELEVANCE_MAX, SCORE_MAX, SCORE_MIN,
                                      SCORE_SOURCE, YES)

CRITERIA_COLUMNS = ("id", "name", "group", "direction", "source") + DISCIPLINES
PARTNER_COLUMNS = ("id", "name")
SCORE_COLUMNS = ("evaluator", "partner", "criterion", "score")
SUPPLY_COLUMNS = ("partner", "input", "sources", "days_on_hand", "replenish_days", "critical")


def require_columns(table: Table, required, problems: list[Problem]) -> bool:
    """Note each missing column; True when all are present."""
    missing = [c for c in required if c not in table.columns]
    for column in missing:
        problems.append(Problem(table.file, 1, column, None, "the column is missing",
                                f"add a column named {column} to the header row"))
    return not missing


def number(table: Table, row: int, column: str, raw: str, problems: list[Problem], *,
           low=None, high=None, whole=False, fix: str) -> float | None:
    """Parse one cell as a number within bounds, or note the problem and return None."""
    value = parse_number(raw)
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


def _keyed_rows(table: Table, required, what: str, fix: str, problems: list[Problem]) -> bool:
    """Columns present, at least one row, ids unique: True when the rows can be checked."""
    if not require_columns(table, required, problems):
        return False
    if not len(table):
        problems.append(Problem(table.file, None, None, None, f"there are no {what}", fix))
        return False
    unique_ids(table, "id", problems)
    return True


def check_criteria(table: Table, partner_columns: list[str] | None,
                   problems: list[Problem]) -> pd.DataFrame | None:
    """Validate ``criteria.csv`` (and its fact sources against ``partner_columns``)."""
    if not _keyed_rows(table, CRITERIA_COLUMNS, "criteria",
                       "list at least one criterion below the header", problems):
        return None
    records = []
    for row, rec in table:
        out = dict(rec, row=row)
        if not rec["name"]:
            problems.append(Problem(table.file, row, "name", "", "the name is empty",
                                    "name the criterion"))
        if not rec["group"]:
            problems.append(Problem(table.file, row, "group", "", "the group is empty",
                                    "write a group such as quality, cost or customer_focus"))
        out["direction"] = rec["direction"].lower()
        if out["direction"] not in DIRECTIONS:
            problems.append(Problem(table.file, row, "direction", rec["direction"],
                                    "the direction is not benefit or cost",
                                    "write benefit (more is better) or cost (less is better)"))
        source = rec["source"]
        out["source"] = SCORE_SOURCE if source.lower() == SCORE_SOURCE else source
        if not source:
            problems.append(Problem(table.file, row, "source", "", "the source is empty",
                                    "write score, or the partners.csv column holding the fact"))
        elif out["source"] != SCORE_SOURCE and partner_columns is not None \
                and source not in partner_columns:
            problems.append(Problem(table.file, row, "source", source,
                                    "partners.csv has no column of this name",
                                    "add the column to partners.csv, correct the name, "
                                    "or write score"))
        elif source in PARTNER_COLUMNS:
            problems.append(Problem(table.file, row, "source", source,
                                    "a criterion cannot be measured by the partner's id or name",
                                    "name a column holding a measured number"))
        for d in DISCIPLINES:
            out[d] = number(table, row, d, rec[d], problems, low=0, high=RELEVANCE_MAX,
                            fix=f"write the relevance to {d}: 0 (none) to 3 (decisive)")
        out["weight"] = _optional(table, row, rec, "weight", problems, low=0,
                                  fix="leave it empty to derive the weight, or write a share "
                                      "such as 0.15")
        is_score = out["source"] == SCORE_SOURCE
        out["knockout"] = _optional(
            table, row, rec, "knockout", problems,
            low=SCORE_MIN if is_score else None, high=SCORE_MAX if is_score else None,
            fix="write the minimum acceptable score from 1 to 5" if is_score else
                "write the minimum (benefit) or maximum (cost) acceptable value")
        records.append(out)
    frame = pd.DataFrame(records).set_index("id", drop=False)
    _check_weights(table, frame, problems)
    return frame


def _optional(table, row, rec, column, problems, **bounds) -> float:
    raw = rec.get(column, "")
    if raw == "":
        return math.nan
    value = number(table, row, column, raw, problems, **bounds)
    return math.nan if value is None else value


def _check_weights(table: Table, frame: pd.DataFrame, problems: list[Problem]) -> None:
    explicit = frame["weight"].dropna()
    derived = frame[frame["weight"].isna()]
    relevance = derived[list(DISCIPLINES)].astype(float)
    if len(explicit) == len(frame) and explicit.sum() == 0:
        problems.append(Problem(table.file, None, "weight", 0,
                                "every weight is zero, so they cannot be normalised",
                                "give at least one criterion a weight above 0"))
    elif len(derived) and len(explicit) and explicit.sum() >= 1:
        n = len(derived)
        problems.append(Problem(table.file, None, "weight", round(float(explicit.sum()), 6),
                                f"the explicit weights add up to 1 or more, leaving nothing for "
                                f"the {n} {'criterion' if n == 1 else 'criteria'} whose weight "
                                f"is derived",
                                "write explicit weights as shares that add up to less than 1, or "
                                "give every criterion a weight"))
    if len(derived) and relevance.notna().all().all() and relevance.to_numpy().sum() == 0:
        problems.append(Problem(table.file, None, ", ".join(DISCIPLINES), 0,
                                "no criterion without an explicit weight is relevant to any "
                                "discipline, so no weight can be derived",
                                "rate each criterion's relevance from 0 to 3"))


def check_partners(table: Table, fact_columns: list[str],
                   problems: list[Problem]) -> pd.DataFrame | None:
    """Validate ``partners.csv``: ids, names and every fact column that a criterion names."""
    if not _keyed_rows(table, PARTNER_COLUMNS, "partners",
                       "list the candidate partners below the header", problems):
        return None
    records = []
    for row, rec in table:
        out = dict(rec)
        if not rec["name"]:
            problems.append(Problem(table.file, row, "name", "", "the name is empty",
                                    "write the partner's name"))
        for column in fact_columns:
            if column in rec:
                out[column] = number(table, row, column, rec[column], problems,
                                     fix="write the measured value as a plain number")
        records.append(out)
    return pd.DataFrame(records).set_index("id", drop=False).rename_axis(None)


def check_scores(table: Table, criteria: pd.DataFrame | None, partners: pd.DataFrame | None,
                 evaluators: tuple[str, ...] | None, problems: list[Problem]) -> pd.DataFrame | None:
    """Validate ``scores.csv`` against the criteria, partners and evaluators."""
    if not require_columns(table, SCORE_COLUMNS, problems):
        return None
    judged = set() if criteria is None else set(criteria.index[criteria["source"] == SCORE_SOURCE])
    first: dict[tuple, int] = {}
    records = []
    for row, rec in table:
        ok = True
        key = (rec["evaluator"], rec["partner"], rec["criterion"])
        if evaluators is not None and rec["evaluator"] not in evaluators:
            ok = False
            problems.append(Problem(table.file, row, "evaluator", rec["evaluator"],
                                    "this evaluator is not in team.evaluators of engagement.yaml",
                                    "correct the name or add the person to team.evaluators"))
        if partners is not None and rec["partner"] not in partners.index:
            ok = False
            problems.append(Problem(table.file, row, "partner", rec["partner"],
                                    "no partner has this id in partners.csv",
                                    "use an id from partners.csv"))
        if criteria is not None and rec["criterion"] not in criteria.index:
            ok = False
            problems.append(Problem(table.file, row, "criterion", rec["criterion"],
                                    "no criterion has this id in criteria.csv",
                                    "use an id from criteria.csv"))
        elif criteria is not None and rec["criterion"] not in judged:
            ok = False
            problems.append(Problem(table.file, row, "criterion", rec["criterion"],
                                    "this criterion is measured from partners.csv, not scored",
                                    "delete the row, or set the criterion's source to score"))
        score = number(table, row, "score", rec["score"], problems, low=SCORE_MIN, high=SCORE_MAX,
                       fix="write a score from 1 (poor) to 5 (excellent)")
        if key in first:
            ok = False
            problems.append(Problem(table.file, row, "score", rec["score"],
                                    f"{key[0]} already judged {key[1]} on {key[2]} on row "
                                    f"{first[key]}", "keep one judgment and delete the other"))
        first.setdefault(key, row)
        if ok and score is not None:
            records.append(dict(rec, score=score, evidence=rec.get("evidence", ""), row=row))
    for criterion in sorted(judged - {r["criterion"] for r in records}):
        if not any(rec["criterion"] == criterion for _, rec in table):
            problems.append(Problem(table.file, None, "criterion", criterion,
                                    "this scored criterion has no judgment at all",
                                    "add the evaluators' scores, or measure it in partners.csv"))
    return pd.DataFrame(records, columns=list(SCORE_COLUMNS) + ["evidence", "row"])


def check_supply(table: Table, partners: pd.DataFrame | None,
                 problems: list[Problem]) -> pd.DataFrame | None:
    """Validate ``supply.csv``: each partner's inputs, their sources and stock cover."""
    if not require_columns(table, SUPPLY_COLUMNS, problems):
        return None
    records = []
    for row, rec in table:
        out = dict(rec, row=row)
        if partners is not None and rec["partner"] not in partners.index:
            problems.append(Problem(table.file, row, "partner", rec["partner"],
                                    "no partner has this id in partners.csv",
                                    "use an id from partners.csv"))
        if not rec["input"]:
            problems.append(Problem(table.file, row, "input", "", "the input is empty",
                                    "name the material or consumable"))
        out["sources"] = number(table, row, "sources", rec["sources"], problems, low=0, whole=True,
                                fix="write how many qualified suppliers the partner has for it")
        for column in ("days_on_hand", "replenish_days"):
            out[column] = number(table, row, column, rec[column], problems, low=0,
                                 fix="write a number of days, 0 or more")
        flag = rec["critical"].lower()
        out["critical"] = flag in YES
        if flag not in YES | NO:
            problems.append(Problem(table.file, row, "critical", rec["critical"],
                                    "critical must be yes or no",
                                    "write yes if a shortage stops production, otherwise no"))
        records.append(out)
    return pd.DataFrame(records, columns=list(dict.fromkeys(list(table.columns) + ["row"])))
