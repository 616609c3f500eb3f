"""Likely duplicates: two records of one partner, found by identifier, by name once legal forms
are set aside, or by a close spelling. They are reported, never merged silently."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

# Legal forms set aside when names are compared ("Apex Polymer GmbH" = "APEX Polymer Ltd.").
LEGAL_FORMS = frozenset({
    "gmbh", "ag", "kg", "kgaa", "ug", "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp",
    "plc", "corp", "corporation", "co", "company", "sa", "sas", "sarl", "srl", "spa", "sl", "bv",
    "nv", "oy", "oyj", "ab", "as", "asa", "aps", "pty", "kk", "se", "kft", "sro", "doo", "lda",
    "spzoo", "sc", "cv", "sapi", "de", "group", "holding", "holdings",
})
CLOSE = 0.9  # difflib's ratio from which two names are close spellings
_SINGLE_LETTERS = re.compile(r"\b(?:[a-z] )+[a-z]\b")


def normalise(name: str) -> str:
    """The form names are compared in: no accents, case, punctuation or legal form.

    >>> normalise("Rheinberg Contract-Chemicals GmbH & Co. KG")
    'rheinberg contract chemicals'
    """
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().casefold()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("&", " and ")).strip()
    text = _SINGLE_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), text)  # "b v" -> "bv"
    text = re.sub(r"\bsp zoo\b", "spzoo", text)
    words = text.split()
    while len(words) > 1 and (words[-1] in LEGAL_FORMS or words[-1] == "and"):
        words.pop()
    return " ".join(words)


@dataclass(frozen=True)
class Duplicate:
    """Two partner ids that are likely one partner, and why."""

    first: str
    second: str
    reason: str


def likely_duplicates(new: list[dict], existing: list[dict]) -> list[Duplicate]:
    """Pairs of a ``new`` partner and another (new or existing) that are likely the same.

    Each partner is a dict with ``id``, ``name``, ``aliases`` (a list) and ``duns``, ``lei``,
    ``vat`` (None when unknown). A partner is never its own duplicate, whatever its id.
    """
    everyone = {p["id"]: p for p in existing}
    everyone.update({p["id"]: p for p in new})
    by_identifier: dict[tuple, set] = {}
    by_name: dict[str, set] = {}
    by_start: dict[str, set] = {}
    for pid, p in everyone.items():
        for kind in ("duns", "lei", "vat"):
            if p.get(kind):
                by_identifier.setdefault((kind, p[kind]), set()).add(pid)
        for name in _names(p):
            by_name.setdefault(name, set()).add(pid)
            by_start.setdefault(name[:3], set()).add(pid)
    found: dict[tuple, str] = {}

    def note(a: str, b: str, reason: str) -> None:
        key = tuple(sorted((a, b)))
        if a != b and key not in found:
            found[key] = reason

    for p in new:
        pid = p["id"]
        for kind, label in (("duns", "DUNS number"), ("lei", "LEI"), ("vat", "VAT number")):
            if p.get(kind):
                for other in by_identifier[(kind, p[kind])]:
                    note(pid, other, f"the same {label}, {p[kind]}")
        for name in _names(p):
            for other in by_name[name]:
                note(pid, other, f"the same name once case, punctuation and legal form are set "
                                 f"aside ({name!r})")
            for other in by_start.get(name[:3], ()):
                for other_name in _names(everyone[other]):
                    if other_name != name and len(name) >= 6 and \
                            difflib.SequenceMatcher(None, name, other_name).ratio() >= CLOSE:
                        note(pid, other, f"close spellings ({name!r} and {other_name!r})")
    return [Duplicate(a, b, reason) for (a, b), reason in sorted(found.items())]


def _names(partner: dict) -> list[str]:
    names = [normalise(partner["name"])] + [normalise(a) for a in partner.get("aliases") or ()]
    return [n for n in dict.fromkeys(names) if n]
