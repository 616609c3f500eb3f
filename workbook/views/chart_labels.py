"""Labels taken from the data (partner and criterion names) as the charts write them: safe to
draw, no two alike, long ones on two lines."""

from __future__ import annotations

import textwrap
from collections import Counter
from functools import lru_cache

from workbook.views import chart_layout

LABEL_LIMIT = 40  # characters of a label taken from the data; the tables show it whole


def text(value, limit: int = LABEL_LIMIT) -> str:
    """A label taken from the data, as written but safe to draw: at most ``limit`` characters
    (cut with an ellipsis), characters the chart font lacks (an emoji) replaced rather than
    warned about, and ``$`` kept from starting matplotlib's mathtext."""
    label = " ".join(str(value).split())
    if len(label) > limit:
        label = label[:limit - 1].rstrip() + "…"
    covered = _font_covers()
    label = "".join(c if ord(c) in covered else "□" if ord("□") in covered else "?" for c in label)
    return label.replace("$", r"\$")


def labels(values, limit: int = LABEL_LIMIT) -> list[str]:
    """:func:`text` of each value, such that no two read the same: values cut alike are cut in the
    middle instead (their ends usually differ), and any still alike are numbered (1), (2), …"""
    full = [" ".join(str(v).split()) for v in values]
    out = [text(v, limit) for v in full]
    counts = Counter(out)
    half = limit // 2 - 1
    out = [text(f[:half].rstrip() + "…" + f[-half:].lstrip(), limit + 1)
           if counts[o] > 1 and len(f) > limit else o for f, o in zip(full, out)]
    counts, seen = Counter(out), Counter()
    numbered = []
    for label in out:
        seen[label] += 1
        numbered.append(f"{label} ({seen[label]})" if counts[label] > 1 else label)
    indents = [str(v)[:len(str(v)) - len(str(v).lstrip(" "))] for v in values]  # a sub-item's indent
    return [indent + label for indent, label in zip(indents, numbered)]


LINE = 36  # characters of a label's line when it may take two: a long criterion name, read whole


def two_lines(values, width: int = LINE) -> list[str]:
    """:func:`labels` of up to two lines of ``width`` characters each, broken where the lines come
    out most even, at a comma or a bracket where one is near: long criterion names read whole
    beside their bars ("Resolution within the SLA, / last 12 months (%)", never a lone "(%)"
    below), cut only past two lines."""
    return [_balanced(label, width) if len(label) > width else label for label in labels(values, 2 * width)]


def _balanced(label: str, width: int) -> str:
    words = label.split(" ")
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [(a, b) for a, b in splits if len(a) <= width and len(b) <= width]
    if not fitting:
        return textwrap.fill(label, width, max_lines=2, placeholder=" …")
    # the most even break, where a comma or a bracket gives one up to six characters of evenness
    return "\n".join(min(fitting, key=lambda pair: max(len(pair[0]), len(pair[1]))
                          - 6 * (pair[0].endswith(",") or pair[1].startswith("("))))


def row_height(shown: list[str], one: float, two: float) -> float:
    """Inches a row takes: ``one`` for one-line labels, ``two`` when any label takes two lines."""
    return two if any("\n" in label for label in shown) else one


@lru_cache(maxsize=1)
def _font_covers() -> frozenset[int]:
    """The code points the charts' font can draw."""
    return frozenset(chart_layout.font().get_charmap())
