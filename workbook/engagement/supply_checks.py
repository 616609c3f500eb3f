"""The check of ``supply.csv``: each partner's inputs, by kind (materials and consumables with their
stock, capabilities with their providers, failover, recovery and the hours the work can stand).

The catalogue's ``supply.csv`` shares :func:`check_supply_row` (materials and consumables only).
"""

from __future__ import annotations

import pandas as pd

from workbook.core.errors import Problem
from workbook.core.files import Table
from workbook.core.names import canonical
from workbook.engagement.cells import known, number, require_columns, yes_no

SUPPLY_COLUMNS = ("partner", "input", "sources", "days_on_hand", "replenish_days", "critical")
# supply.csv's optional ``kind``: stocked inputs (materials, consumables) and capabilities, each
# with the columns of its own model (:mod:`workbook.scoring.continuity`).
MATERIAL, CONSUMABLE, CAPABILITY = "material", "consumable", "capability"
INPUT_KINDS = (MATERIAL, CONSUMABLE, CAPABILITY)
STOCKED = (MATERIAL, CONSUMABLE)
SUPPLY_BASE_COLUMNS = ("partner", "input", "sources", "critical")
STOCK_COLUMNS = ("days_on_hand", "replenish_days")
CAPABILITY_COLUMNS = ("failover_hours", "recovery_hours", "tolerable_hours")


def check_supply_row(table: Table, row: int, rec: dict, problems: list[Problem]) -> dict:
    """One input of a ``supply.csv`` row (engagement or catalogue): its name, sources and stock
    cover, checked; problems are added to ``problems``."""
    if not rec["input"]:
        problems.append(Problem(table.file, row, "input", "", "the input is empty",
                                "name the material or consumable"))
    out = {"sources": number(table, row, "sources", rec["sources"], problems, low=0, whole=True,
                             fix="write how many qualified suppliers the partner has for it")}
    for column in ("days_on_hand", "replenish_days"):
        out[column] = number(table, row, column, rec[column], problems, low=0,
                             fix="write a number of days, 0 or more")
    out["critical"] = yes_no(table, row, "critical", rec["critical"], problems,
                             fix="write yes if a shortage stops production, otherwise no")
    return out


def check_supply(table: Table, partners: pd.DataFrame | None,
                 problems: list[Problem]) -> pd.DataFrame | None:
    """Validate ``supply.csv``: each partner's inputs, their kind, sources and stock cover (materials
    and consumables) or failover, recovery and tolerable hours (capabilities).

    ``kind`` is optional (an empty cell or no column: material). The stock columns are required
    when any row is a material or consumable, the capability columns when any row is a capability;
    a row's cells of the other kind's columns must be empty: a capability holds no stock, a
    material does not fail over."""
    if "kind" not in table.columns:
        require_columns(table, ("kind",), [])  # only renames a header written Kind or KIND
    kinds = [canonical(rec.get("kind", ""), INPUT_KINDS) if rec.get("kind", "").strip() else MATERIAL
             for _, rec in table]
    required = SUPPLY_BASE_COLUMNS + (STOCK_COLUMNS if not table.records or any(k != CAPABILITY for k in kinds)
                                      else ()) + (CAPABILITY_COLUMNS if CAPABILITY in kinds else ())
    if not require_columns(table, required, problems):
        return None
    records = []
    partner_ids = None if partners is None else list(partners.index)
    for (row, rec), kind in zip(table, kinds):
        out = dict(rec, row=row)
        if partners is not None:
            out["partner"] = known(table, row, "partner", rec["partner"], partner_ids, problems,
                                   what="no partner has this id in partners.csv",
                                   fix="use an id from partners.csv") or rec["partner"]
        if kind is None:
            out["kind"] = known(table, row, "kind", rec["kind"], INPUT_KINDS, problems,
                                what="the kind is not material, consumable or capability", fix=KIND_FIX)
            out.update(_check_common(table, row, rec, problems, "the input"))
        elif kind == CAPABILITY:
            out.update(dict.fromkeys(STOCK_COLUMNS + CAPABILITY_COLUMNS), kind=kind,
                       **_check_capability_row(table, row, rec, problems))
        else:
            out.update(dict.fromkeys(CAPABILITY_COLUMNS), kind=kind, **check_supply_row(table, row, rec, problems))
            _refuse(table, row, rec, CAPABILITY_COLUMNS, problems,
                    f"a {kind} is judged by its stock, not by failover or recovery",
                    "leave it empty, or set kind to capability if the work runs on it rather than "
                    "using it up")
        records.append(out)
    columns = list(dict.fromkeys(list(table.columns) + ["kind", *STOCK_COLUMNS, *CAPABILITY_COLUMNS, "row"]))
    return pd.DataFrame(records, columns=columns)


KIND_FIX = ("write material (goes into what is made or sent), consumable (used up doing the work: "
            "cleaning agents, packaging) or capability (what the work runs on: a software platform, "
            "a site, a carrier contract, a labour pool); an empty cell is material")


def _check_common(table: Table, row: int, rec: dict, problems: list[Problem], what: str) -> dict:
    """The input's name and whether it is critical, for a row whose kind could not be read."""
    if not rec["input"]:
        problems.append(Problem(table.file, row, "input", "", f"{what} is empty",
                                "name the material, consumable or capability"))
    return {"critical": yes_no(table, row, "critical", rec["critical"], problems,
                               fix="write yes if losing it stops the work, otherwise no")}


def _check_capability_row(table: Table, row: int, rec: dict, problems: list[Problem]) -> dict:
    """One capability of ``supply.csv``: its providers, failover, recovery and tolerable hours."""
    if not rec["input"]:
        problems.append(Problem(table.file, row, "input", "", "the capability is empty",
                                "name the platform, site, contract or labour pool"))
    out = {"sources": number(table, row, "sources", rec["sources"], problems, low=1, whole=True,
                             fix="write how many independent providers or instances can carry the "
                                 "work: 1 with no redundancy, 2 with a second provider or a standby")}
    failover = rec.get("failover_hours", "")
    if out["sources"] is not None and out["sources"] >= 2:
        out["failover_hours"] = number(table, row, "failover_hours", failover, problems, low=0,
                                       fix="write how many hours it takes to switch to the second "
                                           "provider or standby: 0 if it takes over by itself")
    elif out["sources"] is not None and failover.strip():
        problems.append(Problem(table.file, row, "failover_hours", failover,
                                "a capability with one provider has nothing to fail over to",
                                "leave it empty, or count the second provider or standby in sources"))
    out["recovery_hours"] = number(table, row, "recovery_hours", rec["recovery_hours"], problems, low=0,
                                   fix="write how many hours it takes to restore the service when "
                                       "nothing can take over")
    out["tolerable_hours"] = number(table, row, "tolerable_hours", rec["tolerable_hours"], problems, low=0,
                                    fix="write the longest outage, in hours, the work can ride out "
                                        "before customers feel it")
    out["critical"] = yes_no(table, row, "critical", rec["critical"], problems,
                             fix="write yes if losing it stops the work, otherwise no")
    _refuse(table, row, rec, STOCK_COLUMNS, problems,
            "a capability holds no stock: days on hand and to replenish are for materials and consumables",
            "leave it empty; a capability is judged by failover_hours, recovery_hours and "
            "tolerable_hours")
    return out


def _refuse(table: Table, row: int, rec: dict, columns, problems: list[Problem], what: str, fix: str) -> None:
    """Note each of ``columns`` filled in on a row whose kind has no use for it."""
    for column in columns:
        if rec.get(column, "").strip():
            problems.append(Problem(table.file, row, column, rec[column], what, fix))
