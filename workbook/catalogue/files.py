"""The files a catalogue is imported from and exported to, and their checks.

``partners.csv`` (id, name; optional country, aliases separated by ``;``, duns, lei, vat),
``facts.csv`` in long form (partner, fact, value, unit, source, observed; optional verified), and
optionally ``certifications.csv``, ``references.csv`` and ``supply.csv``. Every problem in every
file is collected, located by file, row, column and value, with its fix.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from workbook.core.dates import written_as
from workbook.core.errors import InputError, Problem
from workbook.core.files import Table, read_table
from workbook.core.names import suggest
from workbook.core.paths import display_path
from workbook.engagement.cells import date_cell, keyed_rows, number, require_columns, yes_no
from workbook.engagement.checks import SUPPLY_COLUMNS, check_supply_row

PARTNERS, FACTS = "partners.csv", "facts.csv"
CERTIFICATIONS, REFERENCES, SUPPLY = "certifications.csv", "references.csv", "supply.csv"
COLUMNS = {
    PARTNERS: ("id", "name"),
    FACTS: ("partner", "fact", "value", "unit", "source", "observed"),
    CERTIFICATIONS: ("partner", "standard", "number", "issuer", "scope", "issued", "expires"),
    REFERENCES: ("partner", "customer", "consent", "consent_date"),
    SUPPLY: SUPPLY_COLUMNS,
}
OPTIONAL = {PARTNERS: ("country", "aliases", "duns", "lei", "vat"), FACTS: ("verified",),
            CERTIFICATIONS: (), REFERENCES: ("contact",), SUPPLY: ()}
KEYS = {FACTS: ("partner", "fact"), CERTIFICATIONS: ("partner", "standard", "number"),
        REFERENCES: ("partner", "customer"), SUPPLY: ("partner", "input")}
ALIAS_SEPARATOR = ";"
MAX_FILE_BYTES = 256 * 2**20  # one file of an import, read into memory at once
_FACT = re.compile(r"^[a-z][a-z0-9_]{0,119}$")
_ID = re.compile(r"^[^\s/\\]{1,120}$")


@dataclass
class CatalogueFiles:
    """What an import folder holds, checked and ready to write: one list of rows per table."""

    folder: Path
    partners: list[dict] = field(default_factory=list)
    aliases: list[dict] = field(default_factory=list)
    facts: list[dict] = field(default_factory=list)
    certifications: list[dict] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    supply: list[dict] = field(default_factory=list)


def read_folder(folder, known_ids=(), today: date | None = None) -> CatalogueFiles:
    """Read and check an import folder. ``known_ids`` are partners already in the catalogue,
    which the other files may name without listing them in ``partners.csv``.

    Raises
    ------
    InputError
        With every problem in every file.
    """
    folder = Path(folder)
    today = today or date.today()
    problems: list[Problem] = []
    if not folder.is_dir():
        raise InputError([Problem(str(folder), None, None, None, "the folder does not exist",
                                  "name a folder holding partners.csv and facts.csv")])
    out = CatalogueFiles(folder)
    tables = {}
    for name in COLUMNS:
        path = folder / name
        if name not in (PARTNERS, FACTS) and not path.exists():
            continue
        if not _readable(path, _shown(folder, name), problems):
            continue
        table = read_table(path, _shown(folder, name), problems)
        if table is not None:
            table.dates = {c: written_as(r[c] for r in table.records) for c in table.columns
                           if c in ("observed", "verified", "issued", "expires", "consent_date")}
            tables[name] = table
    ids = set(known_ids)
    if PARTNERS in tables:
        out.partners, out.aliases = _partners(tables[PARTNERS], problems)
        ids |= {p["id"] for p in out.partners}
    checks = {FACTS: _fact, CERTIFICATIONS: _certification, REFERENCES: _reference, SUPPLY: _supply}
    for name, check in checks.items():
        table = tables.get(name)
        if table is None or not require_columns(table, COLUMNS[name], problems):
            continue
        rows = _rows(table, ids, KEYS[name], problems)
        setattr(out, name.removesuffix(".csv"),
                [r for r in (check(table, row, rec, problems, today) for row, rec in rows) if r])
    if problems:
        raise InputError(problems)
    return out


def _readable(path: Path, shown: str, problems) -> bool:
    """False, with the problem noted, for what would hang or swamp the import if read: a pipe or a
    device (a link to /dev/zero never ends) and a file larger than :data:`MAX_FILE_BYTES`."""
    try:
        info = path.stat()
    except OSError:
        return True  # missing or unreadable: read_table says so
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            return True
        problems.append(Problem(shown, None, None, None, "this is not a file but a pipe or a device",
                                "put the CSV file itself in the folder"))
        return False
    if info.st_size > MAX_FILE_BYTES:
        problems.append(Problem(shown, None, None, None,
                                f"the file is {_size(info.st_size)}, more than one import reads at "
                                f"once ({_size(MAX_FILE_BYTES)}; 256 MiB is some 3 million fact rows)",
                                "split its rows into several folders and import them one after the other"))
        return False
    return True


def _size(size: int) -> str:
    return f"{size / 2**20:,.0f} MiB" if size >= 2**20 else f"{size / 2**10:,.0f} KiB"


def _shown(folder: Path, name: str) -> str:
    return display_path(folder / name)


def _partners(table: Table, problems) -> tuple[list[dict], list[dict]]:
    if not keyed_rows(table, COLUMNS[PARTNERS], "partners", "list the partners below the header",
                      problems):
        return [], []
    partners, aliases = [], []
    for row, rec in table:
        if rec["id"] and not _ID.match(rec["id"]):
            problems.append(Problem(table.file, row, "id", rec["id"],
                                    "an id may not hold blanks or slashes and is at most 120 characters",
                                    "write a short id such as apex or rheinberg-gmbh"))
        if not rec["name"]:
            problems.append(Problem(table.file, row, "name", "", "the name is empty",
                                    "write the partner's name"))
        partner = {"id": rec["id"], "name": rec["name"], "country": rec.get("country", "")}
        for kind in ("duns", "lei", "vat"):
            partner[kind] = _identifier(table, row, kind, rec.get(kind, ""), problems)
        partners.append(partner)
        seen = set()
        for alias in (a.strip() for a in rec.get("aliases", "").split(ALIAS_SEPARATOR)):
            if alias and alias != rec["name"] and alias not in seen:
                aliases.append({"partner_id": rec["id"], "alias": alias})
                seen.add(alias)
    return partners, aliases


def _identifier(table: Table, row: int, kind: str, raw: str, problems) -> str | None:
    """A registry identifier in its plain form, or None when the cell is empty or wrong."""
    text = re.sub(r"[\s.\-]", "", raw).upper()
    if not text:
        return None
    if kind == "duns" and not re.fullmatch(r"\d{9}", text):
        fix, what = "write the 9 digits of the D-U-N-S number, e.g. 15-048-3782", "a DUNS number has 9 digits"
    elif kind == "lei" and not (re.fullmatch(r"[0-9A-Z]{18}\d{2}", text) and _lei_checks(text)):
        fix, what = ("copy the 20-character LEI from the GLEIF register", "this is not a valid LEI "
                     "(20 characters whose check digits add up, ISO 17442)")
    elif kind == "vat" and not re.fullmatch(r"[A-Z]{2}[0-9A-Z]{2,13}", text):
        fix, what = ("write the VAT number with its country prefix, e.g. BE0123456789",
                     "a VAT number is a 2-letter country prefix and 2 to 13 letters or digits")
    else:
        return text
    problems.append(Problem(table.file, row, kind, raw, what, fix))
    return None


def _lei_checks(lei: str) -> bool:
    # ISO 17442 uses ISO 7064 MOD 97-10, as IBANs do: letters count as 10-35, the whole is 1 mod 97.
    return int("".join(str(int(c, 36)) for c in lei)) % 97 == 1


def _rows(table: Table, ids: set[str], keys: tuple[str, ...], problems):
    """The rows of a partner-keyed file that name a known partner and a key seen only once."""
    first: dict[tuple, int] = {}
    for row, rec in table:
        if rec["partner"] not in ids:
            problems.append(Problem(table.file, row, "partner", rec["partner"],
                                    "no partner has this id in partners.csv or in the catalogue",
                                    suggest(rec["partner"], sorted(ids)[:5000],
                                            "use an id from partners.csv, or add the partner there")))
            continue
        key = tuple(rec[k] for k in keys)
        if key in first:
            problems.append(Problem(table.file, row, keys[-1], rec[keys[-1]],
                                    f"this is listed already for the partner on row {first[key]}",
                                    "keep one row (the newest) and delete the other"))
            continue
        first[key] = row
        yield row, rec


def _fact(table: Table, row: int, rec: dict, problems, today: date) -> dict | None:
    before = len(problems)
    if not _FACT.match(rec["fact"]):
        problems.append(Problem(table.file, row, "fact", rec["fact"],
                                "a fact's name is lower-case letters, digits and underscores",
                                "write the name partners.csv of an engagement uses, e.g. otif_pct"))
    value = number(table, row, "value", rec["value"], problems,
                   fix="write the value as a plain number, its unit in the unit column",
                   percent="points")
    observed = date_cell(table, row, "observed", rec["observed"], problems)
    verified = date_cell(table, row, "verified", rec.get("verified", ""), problems, required=False)
    for column, day in (("observed", observed), ("verified", verified)):
        if day is not None and day > today:
            problems.append(Problem(table.file, row, column, rec[column], "the date is in the future",
                                    "write the day the value was observed or checked"))
    if observed and verified and verified < observed:
        problems.append(Problem(table.file, row, "verified", rec["verified"],
                                "the value was verified before it was observed",
                                "write the day it was checked, on or after the observed date"))
    if not rec["source"]:
        problems.append(Problem(table.file, row, "source", "", "the source is empty",
                                "say where the value comes from, e.g. partner's records, audit 2026"))
    if len(problems) > before:
        return None
    return {"partner_id": rec["partner"], "fact": rec["fact"], "value": value,
            "unit": rec["unit"], "source": rec["source"], "observed": observed.isoformat(),
            "verified": verified.isoformat() if verified else None}


def _certification(table: Table, row: int, rec: dict, problems, today: date) -> dict | None:
    before = len(problems)
    for column in ("standard", "number"):
        if not rec[column]:
            problems.append(Problem(table.file, row, column, "", f"the {column} is empty",
                                    "copy it from the certificate"))
    issued = date_cell(table, row, "issued", rec["issued"], problems)
    expires = date_cell(table, row, "expires", rec["expires"], problems)
    if issued and expires and expires <= issued:
        problems.append(Problem(table.file, row, "expires", rec["expires"],
                                "the certificate expires before it was issued",
                                "check the two dates on the certificate"))
    if len(problems) > before:
        return None
    return {"partner_id": rec["partner"], "standard": rec["standard"], "number": rec["number"],
            "issuer": rec["issuer"], "scope": rec["scope"], "issued": issued.isoformat(),
            "expires": expires.isoformat()}


def _reference(table: Table, row: int, rec: dict, problems, today: date) -> dict | None:
    before = len(problems)
    if not rec["customer"]:
        problems.append(Problem(table.file, row, "customer", "", "the customer is empty",
                                "name the customer who agreed to be a reference"))
    consent = yes_no(table, row, "consent", rec["consent"], problems,
                     fix="write yes if the customer agreed to take reference calls, otherwise no")
    day = date_cell(table, row, "consent_date", rec["consent_date"], problems, required=bool(consent))
    if len(problems) > before:
        return None
    return {"partner_id": rec["partner"], "customer": rec["customer"], "consent": consent,
            "consent_date": day.isoformat() if day else None, "contact": rec.get("contact", "")}


def _supply(table: Table, row: int, rec: dict, problems, today: date) -> dict | None:
    before = len(problems)
    out = {"partner_id": rec["partner"], "input": rec["input"],
           **check_supply_row(table, row, rec, problems)}
    if len(problems) > before:
        return None
    out["sources"] = int(out["sources"])
    return out
