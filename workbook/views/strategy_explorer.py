"""JupyterLab widgets: change the strategy, see the weights move, save the choice.

Only for interactive sessions; rendered reports hide these cells (tag ``widgets``) and use the
parameters instead.
"""

from __future__ import annotations

from dataclasses import replace

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.display import HTML, display

from workbook.views.charts import profile_chart, weights_chart
from workbook.engagement.model import Engagement
from workbook.core.errors import InputError
from workbook.engagement.save import save_strategy
from workbook.strategy.analysis import analyse_strategy
from workbook.core.vocabulary import DISCIPLINE_LABELS, DISCIPLINES
from workbook.strategy.weights import criterion_weights


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
            show(shown, HTML("<p>Give the company's profile and at least one segment's share a "
                             "value above 0.</p>"))
            return
        strategy = analyse_strategy(settings)
        table = criterion_weights(engagement.criteria, strategy.blended).table
        fig, axes = plt.subplots(1, 2, figsize=(15, 0.32 * len(table) + 2), layout="constrained")
        profile_chart(strategy, ax=axes[0])
        weights_chart(table, ax=axes[1])
        show(shown, fig)
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


def show(shown: dict, content) -> None:
    """Display ``content`` the first time, then replace it in place (outside IPython, where there
    is no display handle, display it again)."""
    if shown.get("handle") is not None:
        shown["handle"].update(content)
    else:
        shown["handle"] = display(content, display_id=True)
