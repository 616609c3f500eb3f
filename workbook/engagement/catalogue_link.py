"""``catalogue:`` in engagement.yaml: the partner catalogue an engagement draws its long list from,
and the rules matchmaking applies (required certifications, how old a fact may be)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from workbook.core.dates import months_before, parse_date
from workbook.core.errors import InputError, Problem
from workbook.core.paths import ENGAGEMENT_FILE, display_path
from workbook.core.yaml_files import read_yaml

FRESH_MONTHS = 24   # a fact observed longer ago than this is stale
STALE_SPREAD = 0.15  # a stale fact may be off by this share of its scale in the robustness draws
TOP = 10


@dataclass(frozen=True)
class CatalogueLink:
    """Where the catalogue is and how the engagement matches against it.

    ``location`` is a database URL (``postgresql://host/db``) or a path to an SQLite file,
    relative to the engagement folder; empty for the default (``data/catalogue.sqlite``, or
    ``$WORKBOOK_CATALOGUE``). ``certifications`` are the standards a partner must hold, valid on
    the decision date. ``fresh_months`` is how old a fact may be before it is stale;
    ``stale_spread`` how far off a stale fact may be, as a share of its criterion's scale, in the
    robustness draws; ``top`` how many partners the long list shows.
    """

    location: str = ""
    certifications: tuple[str, ...] = ()
    fresh_months: int = FRESH_MONTHS
    stale_spread: float = STALE_SPREAD
    top: int = TOP


def check_catalogue(r, data: dict) -> CatalogueLink | None:
    """``catalogue:`` with optional ``location``, ``certifications``, ``fresh_months``,
    ``stale_spread`` and ``top``, read with the settings' reader ``r`` (which notes the problems).
    None when the engagement names no catalogue, or the section is broken."""
    if "catalogue" not in data:
        return None
    block = data["catalogue"]
    if block is None or block == "" or block is True:
        return CatalogueLink()
    if not isinstance(block, dict):
        r.fail(("catalogue",), block, "the catalogue section must be a set of keys",
               "write catalogue: and under it location:, certifications: or fresh_months: "
               "(or leave it empty for the default catalogue)")
        return None
    before = len(r.problems)
    path = ("catalogue",)
    location = r.text(block, path + ("location",), "catalogue.location",
                      "write a database URL or the path of an SQLite file", required=False)
    refused = location_refused(location) if location else None
    if refused:
        r.fail(path + ("location",), location, *refused)
    raw = block.get("certifications") or []
    if isinstance(raw, str):
        raw = [raw]
    certifications = []
    if not isinstance(raw, list):
        r.fail(path + ("certifications",), raw, "catalogue.certifications must be a list",
               "list the standards a partner must hold, e.g. [ISO 9001, ISO 14001]")
    else:
        for i, item in enumerate(raw):
            if not isinstance(item, (str, int)) or isinstance(item, bool) or not str(item).strip():
                r.fail(path + ("certifications", i), item, "a certification must be a standard's name",
                       "write the standard, e.g. ISO 9001")
            else:
                certifications.append(str(item).strip())
    fresh = _whole(r, block, path, "fresh_months", "months", 240, FRESH_MONTHS)
    spread = r.number(block, path + ("stale_spread",), "catalogue.stale_spread",
                      f"write a share of the scale from 0 to 1, e.g. {STALE_SPREAD}",
                      low=0, high=1, required=False)
    top = _whole(r, block, path, "top", "partners", 100, TOP)
    for key in block:
        if key not in ("location", "certifications", "fresh_months", "stale_spread", "top"):
            r.fail(path + (key,), key, "this key is not a catalogue setting",
                   "use location, certifications, fresh_months, stale_spread or top")
    if len(r.problems) > before:
        return None
    return CatalogueLink(location or "", tuple(certifications),
                         FRESH_MONTHS if fresh is None else int(fresh),
                         STALE_SPREAD if spread is None else float(spread),
                         TOP if top is None else int(top))


def _whole(r, block: dict, path: tuple, key: str, what: str, high: int, example: int) -> float | None:
    """An optional whole number from 1 to ``high`` under ``catalogue:``, or None (noted if wrong)."""
    value = r.number(block, path + (key,), f"catalogue.{key}",
                     f"write a whole number of {what} from 1 to {high}, e.g. {example}",
                     low=1, high=high, required=False)
    if value is not None and value != int(value):
        r.fail(path + (key,), value, f"catalogue.{key} must be a whole number",
               f"write a whole number of {what}, e.g. {example}")
    return value


def location_refused(location: str) -> tuple[str, str] | None:
    """Why an engagement file may not name this catalogue (message, fix), or None.

    An engagement folder is not trusted: it may name an SQLite file inside itself or inside the
    folder that holds the engagements (``../shared/catalogue.sqlite``), never a file elsewhere nor a
    database address, which the analyst gives (``--catalogue``, ``WORKBOOK_CATALOGUE``)."""
    if "://" in location:
        return ("an engagement file may not name a database address",
                "remove location: and give the address where the workbook runs, with --catalogue "
                "or WORKBOOK_CATALOGUE")
    written = location.replace("\\", "/")
    normal = posixpath.normpath(written)
    if written.startswith("/") or re.match(r"[A-Za-z]:", written) or normal == ".." \
            or normal.startswith("../.."):
        return ("the catalogue must be a file in the engagement folder or in the folder that holds "
                "the engagements",
                "copy it there and name it relative to the engagement folder, e.g. "
                "../catalogue.sqlite, or give its address with --catalogue or WORKBOOK_CATALOGUE")
    return None


def link_as_written(folder) -> tuple[CatalogueLink | None, str]:
    """engagement.yaml's ``catalogue:`` block and the ISO day before which a fact is stale (its
    ``date`` less ``fresh_months``), read as written: shortlisting comes before the engagement is
    complete enough to load, and a render records the catalogue before it checks the files."""
    problems: list[Problem] = []
    doc = read_yaml(Path(folder) / ENGAGEMENT_FILE, ENGAGEMENT_FILE, problems)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    block = data.get("catalogue") if isinstance(data.get("catalogue"), dict) else {}
    months = block.get("fresh_months")
    if not isinstance(months, int) or isinstance(months, bool) or months < 1:
        months = FRESH_MONTHS
    since = months_before(parse_date(data.get("date")) or date.today(), months).isoformat()
    location = str(block.get("location") or "")
    refused = location_refused(location) if location else None
    if refused:
        raise InputError([Problem(display_path(Path(folder) / ENGAGEMENT_FILE), doc.line("catalogue", "location"),
                                  "catalogue.location", location, *refused)])
    return (CatalogueLink(location) if "catalogue" in data else None), since
