"""The word book: the one home of the client-facing phrases that depend on the engagement.

Entries live in ``templates/words.yaml`` as Jinja2 templates. An entry is one template, or
variants keyed by who the customers are (``audience``: business, consumers, marketplace,
internal) and by what is outsourced (``offering``: product, service); :func:`say` takes the most
specific variant: ``audience/offering``, then ``audience``, then ``offering``, then ``_``. An
engagement may override any entry with words of its own (``words:`` in engagement.yaml), and a
segment who faces it (``facing:``). Values are data, never templates: a client's name with ``{{``
in it is printed as written. A second language is a second words file, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from workbook.core import paths

WORDS_FILE = paths.TEMPLATES_DIR / "words.yaml"
AUDIENCES = ("business", "consumers", "marketplace", "internal")


@dataclass(frozen=True)
class Voice:
    """Whom the words are for: the offering's kind, the audience, and the engagement's own words."""

    offering: str = "product"
    audience: str = "business"
    overrides: dict = field(default_factory=dict, hash=False, compare=False)

    def to(self, audience: str) -> Voice:
        """The same voice, for another audience."""
        return Voice(self.offering, audience, self.overrides)


@lru_cache(maxsize=1)
def entries() -> dict:
    """The word book's entries, read once."""
    return yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _template(text: str):
    return _ENVIRONMENT.from_string(text)


_ENVIRONMENT = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                    keep_trailing_newline=False)


def variant(key: str, voice: Voice = Voice()) -> str:
    """The template of ``key`` for ``voice``: the most specific variant of the word book."""
    entry = entries()[key]
    if isinstance(entry, str):
        return entry
    for choice in (f"{voice.audience}/{voice.offering}", voice.audience, voice.offering, "_"):
        if choice in entry:
            return entry[choice]
    raise KeyError(f"{key} has no variant for {voice.audience}/{voice.offering}")


def say(key: str, voice: Voice = Voice(), **values) -> str:
    """The words of ``key`` for ``voice``, with ``values`` filled in (as text, never run). The
    engagement's own words for ``key`` win, taken as plain text: an engagement file is data, so
    it never supplies a template."""
    if key in voice.overrides:
        return str(voice.overrides[key]).strip()
    return _template(variant(key, voice)).render(**values).strip()


def common_audience(audiences) -> str:
    """The one audience of ``audiences`` (``internal``: the company's own users), or "" when they
    are several, so that the word book's general words are said."""
    kinds = set(audiences)
    return kinds.pop() if len(kinds) == 1 else ""


def join(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``: each item once, in order."""
    items = list(dict.fromkeys(i for i in items if i))
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)
