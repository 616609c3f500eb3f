"""The colour of text written on a coloured fill: black or white, whichever reads better.

A client-eye review found white numbers on mid-green matrix cells and on orange bars at a contrast
of 2.3-3.1 to 1, the hardest figures of the report to read on paper; black on the same fills
reads at 7 to 8 to 1. The choice is the one of the larger WCAG 2 contrast ratio.
"""

from __future__ import annotations

from matplotlib.colors import to_rgb


def luminance(colour) -> float:
    """WCAG 2 relative luminance of ``colour`` (any matplotlib colour): 0 black, 1 white."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def ink(fill) -> str:
    """``"black"`` or ``"white"``: the text colour of the larger contrast ratio on ``fill``."""
    lum = luminance(fill)
    return "black" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "white"
