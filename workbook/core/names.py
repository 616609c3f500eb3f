"""Names from a fixed vocabulary, matched the way people type them.

Harmless variants (case, surrounding blanks, spaces or hyphens for underscores, composed or
decomposed accents: ``é`` typed as ``e`` + combining acute) are understood and normalised to the
canonical name; anything else is unknown, and :func:`suggest` leads the fix with the nearest valid
names, found without regard to case or accents (``karin oberg`` -> ``Karin Öberg``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_SEPARATORS = re.compile(r"[\s_\-]+")


def nfc(name) -> str:
    """``name`` in composed Unicode (NFC): the form names are compared and written in, so that an
    ``é`` typed as ``e`` + combining acute is the same name as one typed as ``é``."""
    return unicodedata.normalize("NFC", str(name))


def loose(name) -> str:
    """The form two names are compared in: ``" Customer-Focus "`` -> ``customer_focus``."""
    return unicodedata.normalize("NFC", _SEPARATORS.sub("_", nfc(name).strip().casefold()).strip("_"))


def _unaccented(name) -> str:
    """:func:`loose` without accents, for finding near names: ``Öberg`` -> ``oberg``."""
    return "".join(c for c in unicodedata.normalize("NFKD", loose(name))
                   if not unicodedata.combining(c))


def canonical(name, valid: Iterable[str]) -> str | None:
    """The valid name ``name`` means (itself, or the one it equals loosely), or None."""
    valid = valid if isinstance(valid, (list, tuple, set, frozenset, dict)) else list(valid)
    if name in valid:
        return name
    wanted = loose(name)
    matches = [v for v in valid if loose(v) == wanted]
    return matches[0] if len(matches) == 1 else None


def nearest(name, valid: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` valid names close to ``name``, closest first."""
    by_loose: dict[str, str] = {}
    for v in valid:
        by_loose.setdefault(_unaccented(v), v)
    return [by_loose[m] for m in difflib.get_close_matches(_unaccented(name), list(by_loose), n,
                                                            cutoff)]


def suggest(name, valid: Iterable[str], fix: str, n: int = 3) -> str:
    """``fix``, led by the nearest valid names when some are close: "did you mean `customer_focus`?
    Otherwise write ..."."""
    close = nearest(name, valid, n)
    if not close:
        return fix
    return ("did you mean " + " or ".join(f"`{c}`" for c in close) + "? Otherwise "
            + fix[:1].lower() + fix[1:])


def listed(valid: Iterable[str], limit: int = 8) -> str:
    """``a, b or c``; long lists cut with "and N more"."""
    valid = [str(v) for v in valid]
    if len(valid) > limit:
        return ", ".join(valid[:limit]) + f" and {len(valid) - limit} more"
    return valid[0] if len(valid) == 1 else ", ".join(valid[:-1]) + " or " + valid[-1]
