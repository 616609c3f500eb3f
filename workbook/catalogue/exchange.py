"""Import a folder of CSV files into the catalogue, and export the catalogue back to them."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, select

from workbook.catalogue import schema
from workbook.catalogue.duplicates import Duplicate, likely_duplicates
from workbook.catalogue.files import ALIAS_SEPARATOR, COLUMNS, OPTIONAL, CatalogueFiles, read_folder
from workbook.catalogue.store import Catalogue, reading, stamp, upsert, writing
from workbook.core.atomic import write_atomic
from workbook.core.formula_safe import csv_text


@dataclass
class Imported:
    """What an import changed: rows written per file, facts left alone because the catalogue
    holds a newer observation, and the likely duplicates it found (read after the commit)."""

    written: dict[str, int] = field(default_factory=dict)
    kept_newer: int = 0
    new_partners: int = 0
    duplicates: list[Duplicate] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)


def import_folder(catalogue: Catalogue, folder) -> Imported:
    """Check every file of ``folder`` and, only when all are clean, write them in one transaction.

    Partners, certifications, references and supply rows are inserted or replaced by their keys;
    a fact replaces the catalogue's only when it was observed on the same day or later.

    Raises
    ------
    InputError
        With every problem in every file; the catalogue is unchanged.
    """
    with reading(catalogue) as conn:
        known = set(conn.execute(select(schema.partners.c.id)).scalars())
    files = read_folder(folder, known)
    with writing(catalogue) as conn:
        result = write_files(conn, files)
    # The duplicate scan reads what was committed, after the write lock is released: other
    # writers never wait for it.
    with reading(catalogue) as conn:
        records = _partner_records(conn)
    listed = {p["id"] for p in files.partners}
    result.duplicates = likely_duplicates([records[i] for i in records if i in listed],
                                          [records[i] for i in records if i not in listed])
    result.names = {i: r["name"] for i, r in records.items()}
    return result


def write_files(conn, files: CatalogueFiles) -> Imported:
    """Write checked files inside the caller's write transaction (likely duplicates are left to
    the caller, to be found after the commit)."""
    result = Imported()
    listed = [p["id"] for p in files.partners]
    known = set()
    for start in range(0, len(listed), 5000):
        known.update(conn.execute(select(schema.partners.c.id).where(
            schema.partners.c.id.in_(listed[start:start + 5000]))).scalars())
    now = stamp()
    upsert(conn, schema.partners, [dict(p, updated=now) for p in files.partners], ["id"])
    for start in range(0, len(listed), 5000):  # aliases follow partners.csv: replaced, not merged
        conn.execute(delete(schema.aliases).where(schema.aliases.c.partner_id.in_(listed[start:start + 5000])))
    upsert(conn, schema.aliases, files.aliases, ["partner_id", "alias"])
    facts = _newer_facts(conn, files.facts)
    result.kept_newer = len(files.facts) - len(facts)
    upsert(conn, schema.facts, facts, ["partner_id", "fact"])
    for table, rows in ((schema.certifications, files.certifications),
                        (schema.references, files.references), (schema.supply, files.supply)):
        upsert(conn, table, rows, [c.name for c in table.primary_key.columns])
    result.written = {"partners.csv": len(files.partners), "facts.csv": len(facts),
                      "certifications.csv": len(files.certifications),
                      "references.csv": len(files.references), "supply.csv": len(files.supply)}
    result.new_partners = len([p for p in listed if p not in known])
    conn.execute(schema.imports.insert().values(
        at=now, folder=str(files.folder), digest=_folder_digest(files.folder),
        summary=json.dumps({"written": result.written, "kept_newer": result.kept_newer})))
    return result


def _partner_records(conn) -> dict[str, dict]:
    """Every partner's identity, with its aliases, for duplicate detection."""
    records = {r.id: dict(r._mapping, aliases=[]) for r in conn.execute(
        select(schema.partners.c.id, schema.partners.c.name, schema.partners.c.duns,
               schema.partners.c.lei, schema.partners.c.vat))}
    for pid, alias in conn.execute(select(schema.aliases.c.partner_id, schema.aliases.c.alias)):
        records[pid]["aliases"].append(alias)
    return records


def _newer_facts(conn, rows: list[dict]) -> list[dict]:
    """The facts observed on the day of the catalogue's or later (an old file never undoes a
    newer observation)."""
    held = {(p, f): observed for p, f, observed in conn.execute(
        select(schema.facts.c.partner_id, schema.facts.c.fact, schema.facts.c.observed))}
    return [r for r in rows if r["observed"] >= held.get((r["partner_id"], r["fact"]), "")]


def _folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(Path(folder).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def export_folder(catalogue: Catalogue, folder) -> dict[str, int]:
    """Write the catalogue, from one snapshot, as the files :func:`import_folder` reads.

    Each file is replaced in one step; returns the rows written per file. A text cell a
    spreadsheet would run as a formula gets a leading apostrophe, which the import takes off.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    with reading(catalogue) as conn:
        aliases: dict[str, list[str]] = {}
        for pid, alias in conn.execute(select(schema.aliases).order_by(*schema.aliases.primary_key.columns)):
            aliases.setdefault(pid, []).append(alias)
        tables = {
            "partners.csv": [dict(r._mapping, aliases=ALIAS_SEPARATOR.join(aliases.get(r.id, [])))
                             for r in conn.execute(select(schema.partners).order_by(schema.partners.c.id))],
            "facts.csv": _rows(conn, schema.facts),
            "certifications.csv": _rows(conn, schema.certifications),
            "references.csv": _rows(conn, schema.references),
            "supply.csv": _rows(conn, schema.supply),
        }
    counts = {}
    for name, rows in tables.items():
        columns = list(COLUMNS[name]) + list(OPTIONAL[name])
        write_atomic(folder / name, _csv(columns, rows))
        counts[name] = len(rows)
    return counts


def _rows(conn, table) -> list[dict]:
    rows = conn.execute(select(table).order_by(*table.primary_key.columns))
    return [{("partner" if k == "partner_id" else k): v for k, v in r._mapping.items()} for r in rows]


def _csv(columns: list[str], rows: list[dict]) -> str:
    # a name such as =HYPERLINK(...) is written '=HYPERLINK(...): text, never run
    return csv_text(columns, ([_cell(row.get(c)) for c in columns] for row in rows))


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(int(value)) if value.is_integer() else repr(value)
    return str(value)


def find_duplicates(catalogue: Catalogue) -> tuple[list[Duplicate], dict[str, str]]:
    """Likely duplicates among every partner of the catalogue, and the partners' names."""
    with reading(catalogue) as conn:
        records = list(_partner_records(conn).values())
    return likely_duplicates(records, records), {r["id"]: r["name"] for r in records}
