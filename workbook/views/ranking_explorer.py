"""JupyterLab widgets: move criterion weights and watch the ranking change."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from workbook.views import blocks
from workbook.views.charts import contribution_chart
from workbook.engagement.model import Engagement
from workbook.views.strategy_explorer import show
from workbook.scoring.ranking import rank_partners
from workbook.scoring.assessment import Assessment


def ranking_explorer(engagement: Engagement, assessment: Assessment, weights: pd.Series) -> widgets.Widget:
    """A slider per criterion (relative importance); the weights are renormalised and the
    partners re-ranked live, the table and chart redrawn in place below the controls. Nothing is
    saved: the weights in force stay as the strategy sets them. Returns the controls."""
    criteria = engagement.criteria
    sliders = {cid: widgets.FloatSlider(value=round(float(weights[cid]) * 100, 1), min=0.0, max=40.0,
                                        step=0.5, description=str(criteria.at[cid, "name"])[:40],
                                        continuous_update=False, readout_format=".1f",
                                        style={"description_width": "22em"},
                                        layout=widgets.Layout(width="40em"))
               for cid in criteria.index}
    criteria_used = assessment.ranking.criteria
    box = widgets.VBox()
    shown_table, shown_chart = {}, {}

    def redraw(_=None):
        raw = pd.Series({cid: s.value for cid, s in sliders.items()})
        if raw.sum() == 0:
            show(shown_table, blocks.note("Give at least one criterion some weight."))
            return
        ranking = rank_partners(assessment.matrix.values, criteria_used, raw / raw.sum())
        box.ranking = ranking  # the ranking on screen, for code (and tests) to read
        table = ranking.table.assign(partner=ranking.table["partner"].map(assessment.name))
        show(shown_table, blocks.table(table[["rank", "partner", "weighted_sum", "topsis", "promethee_ii"]],
                                        formats={"rank": lambda r: "out" if r != r else f"{r:.0f}"}))
        fig, ax = plt.subplots(figsize=(8, 0.45 * len(ranking.contributions) + 1.6), layout="constrained")
        contribution_chart(ranking.contributions, criteria, assessment.names, ax=ax)
        show(shown_chart, fig)
        plt.close(fig)

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    reset = widgets.Button(description="Back to the weights in force")

    def on_reset(_):
        for cid, slider in sliders.items():
            slider.value = round(float(weights[cid]) * 100, 1)

    reset.on_click(on_reset)
    box.children = [widgets.HTML("<b>Relative importance</b> (renormalised to 100%)"),
                    *sliders.values(), reset]
    display(box)
    redraw()
    return box
