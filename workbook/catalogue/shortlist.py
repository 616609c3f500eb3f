"""The shortlist: chosen catalogue partners written into an engagement's ``partners.csv`` and
``supply.csv``, from one snapshot of the catalogue, which the files' first line names."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from workbook.catalogue import schema
from workbook.catalogue.exchange import _cell
from workbook.catalogue.store import Catalogue, reading
from workbook.catalogue.store import digest as store_digest
from workbook.core import paths
from workbook.core.atomic import data_lock, write_atomic
from workbook.core.errors import InputError, Problem, UsageError
from workbook.core.files import read_table
from workbook.core.formula_safe import csv_text
from workbook.core.names import suggest
from workbook.core.vocabulary import SCORE_SOURCE, same_unit, unit_of

MARK = "# Shortlisted from the partner catalogue"


@dataclass(frozen=True)
class Shortlisted:
    """What :func:`shortlist` wrote: the partners, the snapshot's digest (the catalogue's whole
    content, as the report's manifest records it), the criteria's facts the catalogue had no
    figure for and those it holds in another unit than the criterion's (both left empty: the
    team fills them in), and the criteria's facts observed before the freshness limit."""

    partners: list[str]
    snapshot: str
    missing: list[tuple[str, str]]
    backups: list[Path]
    other_unit: list[tuple[str, str, float, str, str]] = ()
    stale: list[tuple[str, str, str]] = ()


def shortlist(folder, catalogue: Catalogue, ids: list[str], fresh_since: str = "") -> Shortlisted:
    """Write partners ``ids`` from the catalogue into the engagement at ``folder``.

    Their rows in ``partners.csv`` and ``supply.csv`` are replaced (or added); other partners'
    rows are kept. The previous files are kept as ``.bak``. Every fact the catalogue holds for them
    becomes a column; the criteria's facts come first, and one in another unit than its
    criterion's (the unit in brackets in its name) is left empty. Criteria's facts observed before
    ``fresh_since`` (an ISO day) are listed as stale.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    criteria = read_table(folder / paths.CRITERIA_FILE, paths.display_path(folder / paths.CRITERIA_FILE),
                          problems)
    if criteria is None:
        raise InputError(problems)
    units = {r["source"]: r["unit"] if "unit" in criteria.columns else unit_of(r.get("name", ""))
             for r in criteria.records if r.get("source") and r.get("source") != SCORE_SOURCE}
    needed = list(units)
    ids = list(dict.fromkeys(ids))
    with reading(catalogue) as conn:
        p, f, s = schema.partners.c, schema.facts.c, schema.supply.c
        found = {r.id: r for r in conn.execute(select(schema.partners).where(p.id.in_(ids)))}
        unknown = [i for i in ids if i not in found]
        if unknown:
            every = list(conn.execute(select(p.id)).scalars())
            raise UsageError("; ".join(suggest(i, every, f"{i} is not in the catalogue at {catalogue.shown}")
                                       for i in unknown))
        facts = conn.execute(select(f.partner_id, f.fact, f.value, f.unit, f.observed, f.source)
                             .where(f.partner_id.in_(ids)).order_by(f.partner_id, f.fact)).all()
        supply = conn.execute(select(schema.supply).where(s.partner_id.in_(ids))
                              .order_by(s.partner_id, s.input)).all()
        digest = store_digest(conn)
    other_unit = [(r.partner_id, r.fact, r.value, r.unit, units[r.fact]) for r in facts
                  if units.get(r.fact) and r.unit and not same_unit(r.unit, units[r.fact])]
    stale = [(r.partner_id, r.fact, r.observed) for r in facts
             if r.fact in units and fresh_since and r.observed < fresh_since]
    wrong = {(pid, fact) for pid, fact, *_ in other_unit}
    values = {(r.partner_id, r.fact): r.value for r in facts if (r.partner_id, r.fact) not in wrong}
    columns = needed + sorted({r.fact for r in facts} - set(needed))
    header = (f"{MARK} at {catalogue.shown} on {date.today().isoformat()}, snapshot "
              f"{digest[:12]}: {', '.join(ids)}")
    backups = []
    with data_lock(folder):
        rows = _kept(folder / paths.PARTNERS_FILE, ids)
        kept_columns = [c for r in rows for c in r if c not in ("id", "name", "country")]
        columns += [c for c in dict.fromkeys(kept_columns) if c not in columns]
        for pid in ids:
            row = {"id": pid, "name": found[pid].name, "country": found[pid].country}
            row.update({c: _cell(values[(pid, c)]) for c in columns if (pid, c) in values})
            rows.append(row)
        supply_rows = _kept(folder / paths.SUPPLY_FILE, ids, key="partner") + [
            {"partner": r.partner_id, "input": r.input, "sources": r.sources,
             "days_on_hand": _cell(r.days_on_hand), "replenish_days": _cell(r.replenish_days),
             "critical": _cell(r.critical)} for r in supply]
        for name in (paths.PARTNERS_FILE, paths.SUPPLY_FILE):
            if (folder / name).exists():
                shutil.copy2(folder / name, folder / f"{name}.bak")
                backups.append(folder / f"{name}.bak")
        write_atomic(folder / paths.PARTNERS_FILE,
                     _csv(header, ["id", "name", "country"] + columns, rows))
        if supply_rows:
            # the kept rows' own columns too (a capability's kind and hours), never dropped
            supply_columns = ["partner", "input", "sources", "days_on_hand", "replenish_days", "critical"]
            supply_columns += [c for c in dict.fromkeys(c for r in supply_rows for c in r)
                               if c not in supply_columns]
            write_atomic(folder / paths.SUPPLY_FILE, _csv(header, supply_columns, supply_rows))
    missing = [(pid, c) for pid in ids for c in needed if (pid, c) not in values and (pid, c) not in wrong]
    return Shortlisted(ids, digest, missing, backups, other_unit, stale)


def _kept(path: Path, ids: list[str], key: str = "id") -> list[dict]:
    """The rows of an existing file that belong to partners not being shortlisted now."""
    if not path.exists():
        return []
    problems: list[Problem] = []
    table = read_table(path, path.name, problems)
    if table is None or key not in table.columns:
        return []
    return [r for r in table.records if r.get(key) not in ids]


def _csv(comment: str, columns: list[str], rows: list[dict]) -> str:
    return comment.replace("\n", " ") + "\n" + csv_text(columns, ([row.get(c, "") for c in columns]
                                                                 for row in rows))
