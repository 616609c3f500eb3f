"""Likely duplicates: two records of one partner, found by identifier, by name once legal forms
are set aside, or by a close spelling. They are reported, never merged silently.

None of the searches compares every pair of partners: identifiers and names are looked up in
dictionaries, and close spellings are scored only within blocks of names that begin alike and
hold the same numbers, in C (RapidFuzz), so 10,000 partners sharing a name prefix take seconds."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

# Legal forms set aside when names are compared ("Apex Polymer GmbH" = "APEX Polymer Ltd.").
LEGAL_FORMS = frozenset({
    "gmbh", "ag", "kg", "kgaa", "ug", "ltd", "limited", "inc", "incorporated", "llc", "llp", "lp",
    "plc", "corp", "corporation", "co", "company", "sa", "sas", "sarl", "srl", "spa", "sl", "bv",
    "nv", "oy", "oyj", "ab", "as", "asa", "aps", "pty", "kk", "se", "kft", "sro", "doo", "lda",
    "spzoo", "sc", "cv", "sapi", "de", "group", "holding", "holdings",
})
CLOSE = 0.9  # difflib's ratio from which two names are close spellings
_NUMBERS = re.compile(r"\d+")
_CHUNK = 500  # names compared at once against their block (a 500 x block matrix of scores)
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
    ``vat`` (None when unknown). A partner is never its own duplicate, whatever its id. Partners
    sharing an identifier or a name are each paired with the group's first id (sorted), so that a
    thousand records of one name give 999 pairs, not half a million; close spellings are looked
    for only among names that begin alike and hold the same numbers (:func:`close_spellings`).
    """
    everyone = {p["id"]: p for p in existing}
    everyone.update({p["id"]: p for p in new})
    by_identifier: dict[tuple, list] = {}
    by_name: dict[str, list] = {}
    for pid, p in everyone.items():
        for kind in ("duns", "lei", "vat"):
            if p.get(kind):
                by_identifier.setdefault((kind, p[kind]), []).append(pid)
        for name in _names(p):
            by_name.setdefault(name, []).append(pid)
    first = {key: min(group) for key, group in (*by_identifier.items(), *by_name.items())}
    close = close_spellings({p["id"]: _names(p) for p in new}, {pid: _names(p) for pid, p in everyone.items()})
    found: dict[tuple, str] = {}

    def note(a: str, b: str, reason: str) -> None:
        key = tuple(sorted((a, b)))
        if a != b and key not in found:
            found[key] = reason

    def group(key, pid):
        # a group's first id is paired with every other; any other only with the first
        return by_identifier.get(key, by_name.get(key, ())) if first[key] == pid else (first[key],)

    for p in new:
        pid = p["id"]
        for kind, label in (("duns", "DUNS number"), ("lei", "LEI"), ("vat", "VAT number")):
            if p.get(kind):
                for other in group((kind, p[kind]), pid):
                    note(pid, other, f"the same {label}, {p[kind]}")
        for name in _names(p):
            for other in group(name, pid):
                note(pid, other, f"the same name once case, punctuation and legal form are set "
                                 f"aside ({name!r})")
            for other, other_name in close.get((pid, name), ()):
                note(pid, other, f"close spellings ({name!r} and {other_name!r})")
    return [Duplicate(a, b, reason) for (a, b), reason in sorted(found.items())]


def block_key(name: str) -> tuple[str, tuple[str, ...]]:
    """Names are compared for close spelling only within one block: the same first three
    characters and the same numbers in the same order ("Partner 1234" and "Partner 1243" are two
    partners, not a typo).

    >>> block_key("chemie 2000 werk 3")
    ('che', ('2000', '3'))
    """
    return name[:3], tuple(_NUMBERS.findall(name))


def close_spellings(queries: dict[str, list[str]], everyone: dict[str, list[str]]) -> dict:
    """For each (partner, name) of ``queries`` (names of 6 characters or more), the (other
    partner, other name) pairs of ``everyone`` that are close spellings of it: a different name in
    the same :func:`block_key` block whose difflib ratio is at least ``CLOSE``.

    Within a block, RapidFuzz's Indel ratio (twice the longest common subsequence over the two
    lengths) is computed for every pair at C speed; it is never below difflib's ratio (difflib's
    matching blocks are a common subsequence), so only the pairs it keeps are checked with difflib,
    and the pairs found are exactly those a pairwise difflib scan finds.
    """
    owners: dict[str, list[tuple[int, str, int]]] = {}  # name -> (partner's place, id, name's place)
    for place, (pid, names) in enumerate(everyone.items()):
        for k, name in enumerate(names):
            owners.setdefault(name, []).append((place, pid, k))
    blocks: dict[tuple, list[str]] = {}
    for name in owners:
        blocks.setdefault(block_key(name), []).append(name)
    asked = {name for names in queries.values() for name in names if len(name) >= 6}
    near: dict[str, list[str]] = {}
    for key, choices in blocks.items():
        wanted = [name for name in choices if name in asked]
        if not wanted or len(choices) < 2:
            continue
        for start in range(0, len(wanted), _CHUNK):
            rows = wanted[start:start + _CHUNK]
            scores = process.cdist(rows, choices, scorer=fuzz.ratio,
                                   score_cutoff=CLOSE * 100 - 0.01, workers=-1)
            for i, j in zip(*np.nonzero(scores)):
                name, other = rows[i], choices[j]
                if name != other and difflib.SequenceMatcher(None, name, other).ratio() >= CLOSE:
                    near.setdefault(name, []).append(other)
    out: dict[tuple, list] = {}
    for pid, names in queries.items():
        for name in names:
            if name in near:
                hits = sorted(o for other in near[name] for o in owners[other] if o[1] != pid)
                out[(pid, name)] = [(o[1], everyone[o[1]][o[2]]) for o in hits]
    return out


def _names(partner: dict) -> list[str]:
    names = [normalise(partner["name"])] + [normalise(a) for a in partner.get("aliases") or ()]
    return [n for n in dict.fromkeys(names) if n]
