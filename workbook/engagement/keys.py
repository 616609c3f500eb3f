"""The keys engagement.yaml is read by. A key of the client's own is kept (a note, a project code),
but one that reads like a key of ours is refused: a misspelt ``chosen_parter`` would otherwise drop
the tracking's partner without a word."""

from __future__ import annotations

from workbook.core.names import nearest, suggest

KEYS = frozenset({"client", "decision", "term_years", "strategy", "team", "prepared_by", "date", "as_of",
                  "chosen_partner", "outsourced", "branding", "robustness", "offering", "unit", "catalogue",
                  "words", "peak_months", "measures", "notify", "notify_cleared"})


def check_keys(r, data: dict) -> None:
    """A problem, through the reader ``r``, for each top-level key of ``data`` that is not read
    but is a close spelling of one that is."""
    for key in data:
        if isinstance(key, str) and key not in KEYS and nearest(key, sorted(KEYS), 1, cutoff=0.8):
            r.fail((key,), None, "engagement.yaml has no such key, so it is not read",
                   suggest(key, sorted(KEYS), "remove it, or give a note of your own a name unlike ours", n=1))
