"""A segment's ``audience`` (who its customers are) and ``facing`` (who faces them for the
company): the report's messages, channels and early warnings are worded for them
(:mod:`workbook.core.wordbook`)."""

from __future__ import annotations

from workbook.core.names import canonical, suggest
from workbook.core.wordbook import AUDIENCES, entries

DEFAULT_AUDIENCE = "business"
MEANING = ("business (accounts with an account manager), consumers, marketplace (buyers on a "
           "marketplace) or internal (the company's own users)")


def check_audience(r, item: dict, at: tuple) -> tuple[str, str]:
    """A segment's audience (business by default) and who faces it ("" for the word book's
    default), read with the settings' reader ``r``, which notes the problems."""
    raw = r.text(item, at + ("audience",), "the segment's audience", f"write {MEANING}",
                 required=False)
    audience = canonical(raw, AUDIENCES) if raw else DEFAULT_AUDIENCE
    if audience is None:
        r.fail(at + ("audience",), raw, "the audience is not one the workbook knows",
               suggest(raw, AUDIENCES, f"write {MEANING}"))
        audience = DEFAULT_AUDIENCE
    facing = r.text(item, at + ("facing",), "who faces the segment",
                    "name the team customers of this segment deal with, e.g. the marketplace team",
                    required=False, one_line=True)
    return audience, facing or ""


def check_words(r, data: dict) -> dict[str, str]:
    """``words:``: the engagement's own words for entries of the word book (plain text, one line
    each), e.g. ``facing: the fulfilment desk``; read with the settings' reader ``r``."""
    block = r.get(data, ("words",), dict, "words", "give entries of the word book and their words",
                  required=False)
    if not block:
        return {}
    known, words = list(entries()), {}
    for key in block:
        if str(key) not in known:
            r.fail(("words", key), key, "the word book has no entry of this name",
                   suggest(str(key), known, "use an entry such as facing or touchpoint_method"))
            continue
        text = r.text(block, ("words", key), f"words.{key}", "write the words on one line",
                      one_line=True)
        if text:
            words[str(key)] = text
    return words
