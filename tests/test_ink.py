"""Text on a coloured fill: black or white by the larger WCAG 2 contrast ratio."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_rgba

from workbook.views import blocks, charts
from workbook.views.ink import ink, luminance


def contrast(a, b) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_luminance_follows_the_wcag_definition():
    # WCAG 2: pure red, green and blue weigh 0.2126, 0.7152 and 0.0722; mid grey #777777 is 0.1845
    assert [luminance(c) for c in ("white", "black", "red", "lime", "blue")] == \
        pytest.approx([1, 0, 0.2126, 0.7152, 0.0722])
    assert luminance("#777777") == pytest.approx(0.1845, abs=1e-4)


@pytest.mark.parametrize("fill, expected", [("white", "black"), ("black", "white"), ("#3b6ea5", "white"),
                                            ("#e0a030", "black"), ("#5a9e6f", "black")])
def test_the_ink_of_a_fill(fill, expected):
    assert ink(fill) == expected


def test_whatever_the_fill_the_text_reads_at_least_at_the_wcag_aa_ratio():
    # the crossover of the two ratios is at sqrt(21) = 4.58: never below 4.5 to 1
    for fill in [plt.get_cmap(name)(x) for name in ("RdYlGn", "Blues_r", "viridis") for x in np.linspace(0, 1, 101)]:
        assert contrast(ink(fill), fill) >= 4.5
        assert contrast(ink(fill), fill) >= contrast("white" if ink(fill) == "black" else "black", fill)


def test_every_value_in_the_decision_matrix_is_written_in_the_ink_of_its_cell():
    scaled = pd.DataFrame({"q": [0.0, 0.35, 0.7, 1.0], "c": [0.15, 0.5, 0.85, np.nan]}, index=list("abcd"))
    ax = charts.matrix_heatmap(scaled, scaled * 100, pd.Series({p: f"Partner {p}" for p in "abcd"}),
                               pd.Series({"q": "Quality", "c": "Cost"}))
    cells = [t for t in ax.texts if t.get_text()]
    assert len(cells) == 7  # the missing score is left blank
    for t in cells:
        j, i = (round(v) for v in t.get_position())
        fill = plt.get_cmap("RdYlGn")(scaled.T.iloc[i, j])
        assert to_rgba(t.get_color()) == to_rgba(ink(fill)), t.get_text()
    assert blocks.png(ax.figure).startswith(b"\x89PNG")  # drawn as the page shows it
    plt.close(ax.figure)
