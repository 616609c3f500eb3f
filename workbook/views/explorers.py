"""JupyterLab explorers: move the strategy or the criterion weights and watch the results follow.

Only for interactive sessions; rendered reports hide these cells (tag ``widgets``) and use the
parameters instead. Both redraw through display handles (:func:`workbook.views.blocks.show`), not
Output widgets, which headless clients can wait on forever.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from workbook.core.errors import InputError
from workbook.core.vocabulary import DISCIPLINE_LABELS, DISCIPLINES
from workbook.engagement.model import Engagement
from workbook.engagement.save import save_strategy
from workbook.scoring.assessment import Assessment
from workbook.scoring.ranking import METHODS, rank_partners
from workbook.strategy.analysis import analyse_strategy
from workbook.strategy.weights import criterion_weights
from workbook.views import blocks
from workbook.views.charts import contribution_chart, profile_chart, weights_chart


def _slider(description: str, value: float, high: float, step: float) -> widgets.FloatSlider:
    return widgets.FloatSlider(value=value, min=0.0, max=high, step=step, description=description,
                               continuous_update=False, readout_format=".2f",
                               style={"description_width": "13em"},
                               layout=widgets.Layout(width="32em"))


def strategy_explorer(engagement: Engagement) -> widgets.Widget:
    """Sliders for the company's profile, the segments' shares and the blend; a Save button.

    Shows the controls and, below them, the charts, redrawn through a display handle (not an
    Output widget, which headless clients can wait on forever). Returns the controls.
    """
    s = engagement.settings
    top = max(5.0, *s.own.values())
    own = {d: _slider(f"Company: {DISCIPLINE_LABELS[d].lower()}", s.own[d], top, 0.5)
           for d in DISCIPLINES}
    shares = {seg.name: _slider(f"Share: {seg.name}", seg.share, max(1.0, seg.share), 0.05)
              for seg in s.customers}
    blend = _slider("Customers' part of the blend", s.blend, 1.0, 0.05)
    status = widgets.HTML()
    shown = {}
    save = widgets.Button(description="Save to engagement.yaml", icon="save",
                          layout=widgets.Layout(width="16em"))

    def chosen():
        customers = tuple(replace(seg, share=shares[seg.name].value) for seg in s.customers)
        return replace(s, own={d: own[d].value for d in DISCIPLINES}, customers=customers,
                       blend=blend.value)

    def redraw(_=None):
        settings = chosen()
        if sum(settings.own.values()) == 0 or sum(c.share for c in settings.customers) == 0:
            blocks.show(shown, HTML("<p>Give the company's profile and at least one segment's share a "
                             "value above 0.</p>"))
            return
        strategy = analyse_strategy(settings)
        table = criterion_weights(engagement.criteria, strategy.blended).table
        fig, axes = plt.subplots(1, 2, figsize=(15, 0.32 * len(table) + 2), layout="constrained")
        profile_chart(strategy, ax=axes[0])
        weights_chart(table, ax=axes[1])
        blocks.show(shown, fig)
        plt.close(fig)  # shown once, through the handle, not again at the cell's end

    def on_save(_):
        settings = chosen()
        try:
            backup = save_strategy(engagement.path, own=settings.own,
                                   shares={c.name: c.share for c in settings.customers},
                                   blend=settings.blend)
        except InputError as exc:
            status.value = "<br>".join(f"Not saved: {p}" for p in exc.problems)
            return
        status.value = f"Saved. The previous version is kept as {backup.name}."

    for control in [*own.values(), *shares.values(), blend]:
        control.observe(redraw, names="value")
    save.on_click(on_save)
    box = widgets.VBox([
        widgets.HBox([widgets.VBox(list(own.values()) + [blend]), widgets.VBox(list(shares.values()))]),
        widgets.HBox([save, status])])
    display(box)
    redraw()
    return box


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
            blocks.show(shown_table, blocks.note("Give at least one criterion some weight."))
            return
        ranking = rank_partners(assessment.matrix.values, criteria_used, raw / raw.sum())
        box.ranking = ranking  # the ranking on screen, for code (and tests) to read
        table = ranking.table.assign(partner=ranking.table["partner"].map(assessment.name))
        blocks.show(shown_table, blocks.table(table[["rank", "partner", *METHODS]]))
        fig, ax = plt.subplots(figsize=(8, 0.45 * len(ranking.contributions) + 1.6), layout="constrained")
        contribution_chart(ranking.contributions, criteria, assessment.names, ax=ax)
        blocks.show(shown_chart, fig)
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
