"""Checks of the engagement's CSV files, alone and against each other.

Each ``check_*`` function appends every problem it finds and returns a clean DataFrame (or None
when the file could not be read at all); the cell-level checks are in :mod:`workbook.engagement.cells`. :func:`workbook.engagement.load_engagement` runs them.
"""

from __future__ import annotations

import math
import re
import unicodedata

import pandas as pd

from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.core.measure_library import family_names, measures_of
from workbook.core.names import canonical, listed, nearest, suggest
from workbook.core.vocabulary import (DIRECTIONS, DISCIPLINES, KNOWN_GROUPS, RELEVANCE_MAX, SCORE_MAX,
                                      SCORE_MIN, SCORE_SOURCE, unit_of)
from workbook.engagement.cells import keyed_rows, known, number, require_columns
# supply.csv has its own module; the engagement loader and the catalogue import these from here
from workbook.engagement.supply_checks import SUPPLY_COLUMNS, check_supply, check_supply_row  # noqa: F401

CRITERIA_COLUMNS = ("id", "name", "group", "direction", "source") + DISCIPLINES
PARTNER_COLUMNS = ("id", "name")
SCORE_COLUMNS = ("evaluator", "partner", "criterion", "score")


def check_criteria(table: Table, partner_columns: list[str] | None,
                   problems: list[Problem]) -> pd.DataFrame | None:
    """Validate ``criteria.csv`` (and its fact sources against ``partner_columns``)."""
    if not keyed_rows(table, CRITERIA_COLUMNS, "criteria",
                       "list at least one criterion below the header", problems):
        return None
    records = []
    for row, rec in table:
        out = dict(rec, row=row)
        if not rec["name"]:
            problems.append(Problem(table.file, row, "name", "", "the name is empty",
                                    "name the criterion"))
        out["group"] = _group(table, row, rec["group"], problems)
        out["direction"] = known(table, row, "direction", rec["direction"], DIRECTIONS, problems,
                                 what="the direction is not benefit or cost",
                                 fix="write benefit (more is better) or cost (less is better)")
        source = rec["source"]
        columns = [c for c in partner_columns or () if c not in PARTNER_COLUMNS]
        out["source"] = (SCORE_SOURCE if canonical(source, [SCORE_SOURCE]) else
                         canonical(source, columns) or source)
        if not source:
            problems.append(Problem(table.file, row, "source", "", "the source is empty",
                                    "write score, or the partners.csv column holding the fact"))
        elif out["source"] != SCORE_SOURCE and partner_columns is not None \
                and out["source"] not in partner_columns:
            problems.append(Problem(table.file, row, "source", source,
                                    "partners.csv has no column of this name",
                                    suggest(source, columns + [SCORE_SOURCE],
                                            "add the column to partners.csv, correct the name, "
                                            "or write score")))
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
        out["worst"], out["best"] = _scale(table, row, rec, out, problems)
        # the unit as the file says it; without the column, as the name's brackets say it
        out["unit"] = rec["unit"].strip() if "unit" in table.columns else \
            "" if is_score else unit_of(rec["name"])
        out["measure"] = _measure(table, row, rec, is_score, problems) if "measure" in table.columns else ""
        records.append(out)
    frame = pd.DataFrame(records).set_index("id", drop=False)
    _check_weights(table, frame, problems)
    return frame


def _measure(table: Table, row: int, rec: dict, is_score: bool, problems: list[Problem]) -> str:
    """The quality measure a fact criterion's reported figure is checked against
    (:mod:`workbook.quality.records`): a measure of the library, or empty."""
    raw = rec["measure"].strip()
    if not raw:
        return ""
    ids = [m.id for m in measures_of(family_names())]
    if is_score:
        problems.append(Problem(table.file, row, "measure", raw, "a judged criterion has no reported figure "
                                "to check against a measure", "leave the cell empty, or make the criterion "
                                "a fact of partners.csv"))
    elif raw not in ids:
        problems.append(Problem(table.file, row, "measure", raw, "the measure library has no measure of this id",
                                suggest(raw, ids, "write a measure id of docs/measures.md, or leave the cell empty")))
    return raw


def _group(table: Table, row: int, raw: str, problems: list[Problem]) -> str:
    """A criterion group: a known one (it switches on an analysis) in its canonical spelling, or a
    name of the team's own that is not a near miss of a known one."""
    if not raw:
        problems.append(Problem(table.file, row, "group", "", "the group is empty",
                                "write a group such as quality, cost or customer_focus"))
        return raw
    name = canonical(raw, KNOWN_GROUPS)
    if name is not None:
        return name
    close = nearest(raw, KNOWN_GROUPS, n=1, cutoff=0.8)
    if close:
        problems.append(Problem(table.file, row, "group", raw,
                                f"this is not a known group, but close to `{close[0]}`, which switches "
                                f"on its own analysis in the report",
                                f"write {close[0]}, or a group name of your own that is not a near "
                                f"miss of one of: {listed(KNOWN_GROUPS, 10)}"))
    return raw


def _optional(table, row, rec, column, problems, **bounds) -> float:
    raw = rec.get(column, "")
    if raw == "":
        return math.nan
    value = number(table, row, column, raw, problems, **bounds)
    return math.nan if value is None else value


def _scale(table, row, rec, out, problems) -> tuple[float, float]:
    """A fact's optional scale: the ``worst`` and ``best`` values, both or neither."""
    worst = _optional(table, row, rec, "worst", problems, fix="write the worst value the scale "
                      "allows, in the criterion's units, or leave it empty")
    best = _optional(table, row, rec, "best", problems, fix="write the best value the scale "
                     "allows, in the criterion's units, or leave it empty")
    given = [c for c, v in (("worst", worst), ("best", best)) if not math.isnan(v)]
    if not given:
        return worst, best
    if out["source"] == SCORE_SOURCE:
        problems.append(Problem(table.file, row, given[0], rec[given[0]],
                                "a judged criterion is on the 1 to 5 scale of the scores",
                                "leave worst and best empty for judged criteria"))
    elif len(given) == 1:
        missing = "best" if given == ["worst"] else "worst"
        problems.append(Problem(table.file, row, missing, "", f"{given[0]} is given but {missing} "
                                "is empty", f"write the {missing} value too, or leave both empty "
                                "to scale on the field's range"))
    elif worst == best:
        problems.append(Problem(table.file, row, "best", rec["best"], "best equals worst",
                                "write the value that scores 0 as worst and the one that scores 1 "
                                "as best"))
    elif out["direction"] in ("benefit", "cost") and (best < worst) == (out["direction"] == "benefit"):
        more = "more" if out["direction"] == "benefit" else "less"
        problems.append(Problem(table.file, row, "best", rec["best"],
                                f"best is {'below' if best < worst else 'above'} worst, but "
                                f"{more} is better on this {out['direction']} criterion",
                                f"swap worst ({rec['worst']}) and best ({rec['best']})"))
    return worst, best


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
    if not keyed_rows(table, PARTNER_COLUMNS, "partners",
                       "list the candidate partners below the header", problems):
        return None
    records = []
    named: dict[str, int] = {}
    for row, rec in table:
        out = dict(rec)
        key = " ".join(unicodedata.normalize("NFKC", rec["name"]).casefold().split())
        if not rec["name"]:
            problems.append(Problem(table.file, row, "name", "", "the name is empty",
                                    "write the partner's name"))
        elif key in named:  # the report names partners: two alike would read as one
            problems.append(Problem(table.file, row, "name", rec["name"],
                                    f"partner {rec['id']} has the same name as partner "
                                    f"{table.records[table.rows.index(named[key])]['id']} on row {named[key]}",
                                    "tell the two apart in their names, e.g. by site or country, "
                                    "or delete the repeated row"))
        else:
            named[key] = row
        for column in fact_columns:
            if column in rec:
                out[column] = number(table, row, column, rec[column], problems,
                                     fix="write the measured value as a plain number",
                                     percent="points" if _in_percent(column) else None)
        records.append(out)
    return pd.DataFrame(records).set_index("id", drop=False).rename_axis(None)


def _in_percent(column: str) -> bool:
    """Whether a fact column holds percentages (``otif_pct``, ``share_percent``)."""
    return bool(re.search(r"(^|_)(pct|percent|percentage)(_|$)", column.lower()))


def check_scores(table: Table, criteria: pd.DataFrame | None, partners: pd.DataFrame | None,
                 evaluators: tuple[str, ...] | None, problems: list[Problem]) -> pd.DataFrame | None:
    """Validate ``scores.csv`` against the criteria, partners and evaluators."""
    if not require_columns(table, SCORE_COLUMNS, problems):
        return None
    judged = set() if criteria is None else set(criteria.index[criteria["source"] == SCORE_SOURCE])
    # plain lists, built once: a pandas index is slow to walk once per row
    partner_ids = None if partners is None else list(partners.index)
    criterion_ids = None if criteria is None else list(criteria.index)
    first: dict[tuple, int] = {}
    records = []
    for row, rec in table:
        ok = True
        rec = dict(rec)
        if evaluators is not None:
            rec["evaluator"] = known(table, row, "evaluator", rec["evaluator"], evaluators, problems,
                                     what="this evaluator is not in team.evaluators of engagement.yaml",
                                     fix="correct the name or add the person to team.evaluators")
            ok = rec["evaluator"] is not None
        if partners is not None:
            rec["partner"] = known(table, row, "partner", rec["partner"], partner_ids, problems,
                                   what="no partner has this id in partners.csv",
                                   fix="use an id from partners.csv")
            ok = ok and rec["partner"] is not None
        if criteria is not None:
            raw = rec["criterion"]
            rec["criterion"] = canonical(raw, criterion_ids) or raw
        if criteria is not None and rec["criterion"] not in judged and rec["criterion"] not in criterion_ids:
            ok = False
            problems.append(Problem(table.file, row, "criterion", rec["criterion"],
                                    "no criterion has this id in criteria.csv",
                                    suggest(rec["criterion"], judged, "use an id from criteria.csv")))
        elif criteria is not None and rec["criterion"] not in judged:
            ok = False
            problems.append(Problem(table.file, row, "criterion", rec["criterion"],
                                    "this criterion is measured from partners.csv, not scored",
                                    "delete the row, or set the criterion's source to score"))
        score = number(table, row, "score", rec["score"], problems, low=SCORE_MIN, high=SCORE_MAX,
                       fix="write a score from 1 (poor) to 5 (excellent)")
        key = (rec["evaluator"], rec["partner"], rec["criterion"])
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
