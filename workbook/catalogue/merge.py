"""Merging two records of one partner: the kept record takes what the dropped one knew, and a log
says what moved and what was left behind."""

from __future__ import annotations

import json

from sqlalchemy import delete, select, update

from workbook.catalogue import schema
from workbook.catalogue.store import Catalogue, stamp, upsert, writing
from workbook.core.errors import UsageError

MOVED_WHOLE = (schema.certifications, schema.references, schema.supply, schema.performance,
               schema.judgments)


def merge_partners(catalogue: Catalogue, keep: str, drop: str) -> list[str]:
    """Merge partner ``drop`` into ``keep`` in one transaction and return the log's lines.

    ``keep`` takes ``drop``'s name and aliases as aliases, the identifiers it lacks, each fact it
    lacks or holds an older observation of, and every certificate, reference, supply input,
    performance record and judgment it does not already hold; then ``drop`` is deleted. The
    log is kept in the catalogue (table ``merges``).
    """
    if keep == drop:
        raise UsageError(f"cannot merge {keep} into itself; name two different partners")
    with writing(catalogue) as conn:
        rows = {r.id: r for r in conn.execute(select(schema.partners)
                                              .where(schema.partners.c.id.in_([keep, drop])))}
        missing = [p for p in (keep, drop) if p not in rows]
        if missing:
            raise UsageError(f"no partner has the id {' or '.join(missing)} in the catalogue at "
                             f"{catalogue.shown}; `workbook catalogue export` lists them")
        kept, dropped = rows[keep], rows[drop]
        log = [f"Merged {drop} ({dropped.name}) into {keep} ({kept.name})."]
        aliases = set(conn.execute(select(schema.aliases.c.alias)
                                   .where(schema.aliases.c.partner_id.in_([keep, drop]))).scalars())
        aliases.add(dropped.name)
        aliases.discard(kept.name)
        upsert(conn, schema.aliases, [{"partner_id": keep, "alias": a} for a in sorted(aliases)],
               ["partner_id", "alias"])
        log.append(f"Aliases of {keep}: {', '.join(sorted(aliases))}.")
        filled = {}
        for kind in ("duns", "lei", "vat", "country"):
            mine, theirs = getattr(kept, kind), getattr(dropped, kind)
            if theirs and not mine:
                filled[kind] = theirs
                log.append(f"{kind.upper() if kind != 'country' else 'Country'} taken from {drop}: {theirs}.")
            elif theirs and mine and theirs != mine:
                log.append(f"{kind.upper() if kind != 'country' else 'Country'} kept as {mine} "
                           f"({drop} had {theirs}).")
        conn.execute(update(schema.partners).where(schema.partners.c.id == keep)
                     .values(updated=stamp(), **filled))
        log += _merge_facts(conn, keep, drop)
        for table in MOVED_WHOLE:
            keys = [c.name for c in table.primary_key.columns if c.name != "partner_id"]
            held = {tuple(r) for r in conn.execute(select(*[table.c[k] for k in keys])
                                                   .where(table.c.partner_id == keep))}
            theirs = [dict(r._mapping) for r in conn.execute(select(table)
                                                             .where(table.c.partner_id == drop))]
            moving = [dict(r, partner_id=keep) for r in theirs if tuple(r[k] for k in keys) not in held]
            upsert(conn, table, moving, [c.name for c in table.primary_key.columns])
            if theirs:
                log.append(f"{table.name.replace('_', ' ').capitalize()}: {len(moving)} moved, "
                           f"{len(theirs) - len(moving)} already held by {keep}.")
        conn.execute(delete(schema.partners).where(schema.partners.c.id == drop))
        conn.execute(schema.merges.insert().values(at=stamp(), kept=keep, dropped=drop,
                                                   dropped_name=dropped.name,
                                                   detail=json.dumps(log, ensure_ascii=False)))
    return log


def _merge_facts(conn, keep: str, drop: str) -> list[str]:
    facts = schema.facts
    mine = {r.fact: r for r in conn.execute(select(facts).where(facts.c.partner_id == keep))}
    log, taken = [], []
    for r in conn.execute(select(facts).where(facts.c.partner_id == drop).order_by(facts.c.fact)):
        held = mine.get(r.fact)
        if held is None or r.observed > held.observed:
            taken.append(dict(r._mapping, partner_id=keep))
            log.append(f"Fact {r.fact}: {r.value:g} {r.unit} observed {r.observed} taken from {drop}"
                       + (f" (newer than {held.value:g} observed {held.observed})." if held else "."))
        else:
            log.append(f"Fact {r.fact}: kept {held.value:g} observed {held.observed} "
                       f"({drop}'s {r.value:g} observed {r.observed} is not newer).")
    upsert(conn, facts, taken, ["partner_id", "fact"])
    return log
