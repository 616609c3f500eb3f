"""A flag of ranking.csv, or a flag finding of the register, in a reader's words: one phrase per
flag (a group's criteria below adequate said in one), the same on every page, the PDF and
results.xlsx."""

from __future__ import annotations

import pandas as pd

from workbook.core import formats
from workbook.core.vocabulary import in_prose, mid_sentence
from workbook.core.wordbook import join
from workbook.scoring.warning_signs import GROUP_FLAGS, SHINY_GROUPS

# What each flag of ranking.csv says to a reader; {0} is the criterion's name or the input.
FLAG_WORDS = {
    "knockout": "fails the must-have on {0}",
    "shiny_object": "new and unproven: strong technology, little track record or domain knowledge",
    "supply": "supply risk: {0}",
    "continuity": "continuity risk: {0}",
    "supply_chance": "supply risk over the term, mainly from {0}",
    "outage_chance": "outage risk over the term, mainly from {0}",
    "weak_customer_focus": "customer focus: {0} judged below adequate",
    "culture_gap": "cultural chemistry: {0} judged below adequate",
    "imputed": "{0} not yet judged by anyone (estimated)",
    "record_overstated": "reported record not borne out: {0}",
}


GROUPED = {*GROUP_FLAGS.values(), "supply", "continuity", "record_overstated"}  # said once for all their subjects
NAMED = {*GROUP_FLAGS.values(), "record_overstated"}  # grouped flags whose subjects are criteria
CHANCE_FLAGS = ("supply_chance", "outage_chance")  # said by the chance's own sentence for the winner


def flag_words(flag: str, criterion_names=None) -> str:
    """A flag of ``ranking.csv`` in words: ``knockout:otif`` -> "fails the must-have on OTIF"."""
    code, _, detail = flag.partition(":")
    if code in CHANCE_FLAGS:
        detail = mid_sentence(detail)
    if code in ("knockout", "imputed", "unique", "record_overstated", *GROUP_FLAGS.values()) \
            and criterion_names is not None:
        detail = in_prose(criterion_names.get(detail, detail))
    words = FLAG_WORDS.get(code, code.replace("_", " "))
    if code in GROUP_FLAGS.values() and detail.lower().startswith(words.split(":")[0]):
        words = words.split(": ", 1)[1]  # "cultural chemistry with our teams", not said twice
    return words.format(detail) if detail else words.replace(": {0}", "")


def shiny_words(shiny, criteria: pd.DataFrame) -> str:
    """Why a partner is a shiny object, from a row of the assessment's ``shiny`` table or the
    figures of its flag finding: "top-quarter innovation but track record in the bottom quarter of
    the field; domain knowledge ... and knowledge of coatings applications judged 2 of 5, for a
    5-year engagement"."""
    below = dict(zip(shiny.get("below") or (), shiny.get("below_values") or ()))
    weak = []
    for group in SHINY_GROUPS:
        parts = [f"{group.replace('_', ' ')} in the bottom quarter of the field"] \
            if group in (shiny.get("bottom_quarter") or ()) else []
        parts += [f"{mid_sentence(criteria.at[c, 'name'])} judged {formats.number(v)} of 5"
                  for c, v in below.items() if c in criteria.index and criteria.at[c, "group"] == group]
        if parts:
            weak.append(" and ".join(parts))
    return f"top-quarter innovation but {'; '.join(weak)}, for a {shiny.get('term_years'):g}-year engagement"


def shiny_warning(partner: str, shiny, criteria: pd.DataFrame) -> str:
    """A shiny object's warning as the recommendation and the summary's top risks say it."""
    return f"Shiny-object warning for {partner}: {shiny_words(shiny, criteria)}"


def finding_flag_words(finding, criterion_names=None) -> str:
    """A flag finding (:mod:`workbook.register`) in words, as :func:`flag_words` writes its code."""
    detail = next((v for k, v in finding.subjects.items() if k != "partner"), "")
    words = flag_words(f"{finding.code}:{detail}" if detail else finding.code, criterion_names)
    return with_judgment(words, finding.code, finding.figures.get("value"))


def with_judgment(words: str, code: str, value) -> str:
    """A customer-focus or culture flag's words with its judgment, on which its severity rests:
    "flexibility judged 2.5 of 5, below adequate"; other flags' words as they are."""
    if code not in GROUP_FLAGS.values() or value is None:
        return words
    return words.replace(" judged below adequate", f" judged {formats.number(value)} of 5, below adequate")


def split_flags(flags: str, criterion_names=None) -> tuple[str, str]:
    """(strengths, warnings) in words from a ``flags`` cell: ``unique:`` flags are strengths."""
    parts = [f for f in str(flags).split("; ") if f and f != "nan"]
    strengths = [f.split(":", 1)[1] for f in parts if f.startswith("unique:")]
    if criterion_names is not None:
        strengths = [str(criterion_names.get(c, c)) for c in strengths]
    # one phrase per kind: "customer focus: a and b judged below adequate", "supply risk: x and
    # y", not the kind's name once per criterion or input; each kind where it first appears
    order, named = [], {}
    for f in parts:
        code, _, detail = f.partition(":")
        if code == "unique":
            continue
        if code in GROUPED and detail:
            if code not in named:
                order.append(code)
            named.setdefault(code, []).append(
                in_prose(criterion_names.get(detail, detail))
                if criterion_names is not None and code in NAMED else detail)
        else:
            order.append(f)
    warnings = [flag_words(f"{k}:{join(named[k])}") if k in named else flag_words(k, criterion_names)
                for k in order]
    return ", ".join(strengths), "; ".join(warnings)


def readable_flags(table: pd.DataFrame, criterion_names: pd.Series) -> pd.DataFrame:
    """``table`` with ``strengths`` (criterion names it stands out on) and ``warnings`` (in words)."""
    pairs = [split_flags(f, criterion_names) for f in table["flags"]]
    return table.assign(strengths=[s for s, _ in pairs], warnings=[w for _, w in pairs])
