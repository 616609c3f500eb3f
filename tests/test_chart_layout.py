"""The charts lay themselves out from their texts' sizes (workbook.views.chart_layout): every
chart of the report's pages, on engagements of every kind, keeps its texts inside the figure and
clear of each other, wastes no margin, and leaves nothing to measure when it is drawn."""

from __future__ import annotations

import contextlib
import io

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from PIL import Image

from workbook.core import paths
from workbook.views import agg_canvas, blocks, chart_layout, charts

matplotlib.use("agg")

ENGAGEMENTS = ["example", "contact-centre", "fulfilment", "service-desk"]


def _charts(name: str, tmp_path, monkeypatch) -> list:
    """Every figure the strategy, scoring and quality pages of engagement ``name`` show."""
    from workbook.views import quality_page, scoring_page, strategy_page

    made = []
    monkeypatch.setattr(blocks, "figure", made.append)
    folder, results = str(paths.DATA_DIR / name), str(tmp_path / "results")
    with contextlib.redirect_stdout(io.StringIO()):
        step = strategy_page.open_step(folder, results)
        strategy_page.where_they_stand(step)
        strategy_page.weights(step)
        scoring = scoring_page.assess(scoring_page.open_step(folder, results), draws=500)
        scoring_page.ranking(scoring)
        scoring_page.robustness(scoring)
        scoring_page.decision_matrix(scoring)
        quality_step = quality_page.open_step(folder, results)
        quality = quality_page.assess(quality_step)
        quality_page.tracking(quality)
        quality_page.control_charts(quality)
        quality_page.perception_gap(quality)
    return [c if isinstance(c, plt.Figure) else c.figure for c in made]


def _drawn_ticks(axis) -> list:
    """The tick labels ``axis`` draws: those of its ticks within its view."""
    low, high = sorted(axis.get_view_interval())
    slack = 1e-9 * (high - low or 1)
    return [tick.label1 for tick in axis.get_major_ticks()
            if low - slack <= tick.get_loc() <= high + slack and tick.label1.get_text()]


def _texts(fig) -> list:
    """Every piece of text ``fig`` draws."""
    texts = list(fig.texts) + [t for legend in fig.legends for t in legend.get_texts()]
    for ax in fig.axes:
        legend = ax.get_legend()
        texts += [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts,
                  *_drawn_ticks(ax.xaxis), *_drawn_ticks(ax.yaxis),
                  *(legend.get_texts() if legend is not None else [])]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


@pytest.mark.parametrize("name", ENGAGEMENTS)
def test_every_chart_keeps_its_texts_inside_the_figure_and_apart(name, tmp_path, monkeypatch):
    figures = _charts(name, tmp_path, monkeypatch)
    assert len(figures) >= 7
    for fig in figures:
        assert fig.get_layout_engine() is None  # laid out once: drawing it measures nothing more
        with chart_layout.drawing():  # measured as blocks.png draws it
            fig.canvas.draw()
            renderer, page = fig.canvas.get_renderer(), fig.bbox
            ax = fig.axes[0]
            what = ax.get_title() or fig.get_suptitle()
            for t in _texts(fig):
                box = t.get_window_extent(renderer)
                assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, (what, t.get_text())
                assert page.y0 - 1 <= box.y0 and box.y1 <= page.y1 + 1, (what, t.get_text())
            legend = ax.get_legend()
            if legend is not None:  # clear of the axis label and the tick labels under the Axes
                frame = legend.get_window_extent(renderer)
                under = [ax.xaxis.label, *_drawn_ticks(ax.xaxis)]
                assert not any(frame.overlaps(t.get_window_extent(renderer)) for t in under if t.get_text()), what
            title = ax.title.get_window_extent(renderer) if ax.get_title() else None
            if title is not None:  # the title clear of the Axes' content below it
                assert title.y0 >= ax.bbox.y1 - 1, what
            # no margin wasted: what is drawn reaches to within half an inch of every edge
            drawn = fig.get_tightbbox(renderer)
            room = [drawn.x0, fig.get_figwidth() - drawn.x1, drawn.y0, fig.get_figheight() - drawn.y1]
            assert max(room) < 0.5, (what, [round(r, 2) for r in room])
        plt.close(fig)


def test_a_label_is_measured_as_matplotlib_draws_it():
    fig = plt.figure(figsize=(8, 2))
    for size, label in [(10, "Rheinberg Contract Chemicals"), (8, "Lot acceptance rate, last 24 months"),
                        (9, "Quality system and quality-agreement"), (12, "What each partner's score is made of")]:
        drawn = fig.text(0, 0.5, label, fontsize=size)
        with chart_layout.drawing():
            fig.canvas.draw()
            real = drawn.get_window_extent().width / fig.dpi
        assert real * 0.99 <= chart_layout.width(label, size, fig.dpi) <= real * 1.01, label
    plt.close(fig)


def test_a_chart_drawn_on_the_callers_axes_leaves_their_layout_alone():
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))
    before = left.get_position().bounds
    table = pd.DataFrame({"name": ["Quality", "Cost"], "weight": [0.6, 0.4], "from_product_leadership": [0.3, 0.1],
                          "from_customer_intimacy": [0.2, 0.1], "from_operational_excellence": [0.1, 0.2]})
    assert charts.weights_chart(table, ax=left) is left
    assert left.get_position().bounds == before
    plt.close(fig)


def test_an_axis_label_wider_than_its_axes_stays_inside_the_figure():
    """A client-eye review: the matchmaking chart's axis label, wider than a plot narrowed by long
    partner names, ended 7 pixels from the figure's edge; it is now given the room it spills into."""
    names = pd.Series({p: f"Partner {p} Contract Manufacturing Holdings" for p in "abc"})
    table = pd.DataFrame({"partner": list("abc"), "rank_1": [0.6, 0.3, 0.1], "rank_2": [0.3, 0.4, 0.3],
                          "rank_3": [0.1, 0.3, 0.6]})
    ax = charts.acceptability_chart(table, names, 10_000, drawn="weights around those in force and of the "
                                                               "evaluators' judgments, and of the facts' ages")
    fig = ax.figure
    with chart_layout.drawing():
        fig.canvas.draw()
        label, edge = ax.xaxis.label.get_window_extent(), chart_layout.EDGE * fig.dpi
    assert label.width > ax.bbox.width  # the case in point: wider than the plot
    assert label.x0 >= edge - 1 and label.x1 <= fig.bbox.x1 - edge + 1
    plt.close(fig)



def test_a_chart_is_drawn_unhinted_and_the_users_own_setting_is_kept():
    """The charts' text is drawn as it was measured (chart_layout.HINTING); a user's other figures
    in the same session keep matplotlib's setting."""
    table = pd.DataFrame({"name": ["Quality", "Cost"], "weight": [0.6, 0.4], "from_product_leadership": [0.3, 0.1],
                          "from_customer_intimacy": [0.2, 0.1], "from_operational_excellence": [0.1, 0.2]})
    with plt.rc_context({"text.hinting": "force_autohint"}):
        fig = charts.weights_chart(table).figure
        shown = Image.open(io.BytesIO(blocks.png(fig))).convert("RGB").tobytes()
        assert plt.rcParams["text.hinting"] == "force_autohint"
        hinted = _pixels(fig)
        with chart_layout.drawing():
            assert plt.rcParams["text.hinting"] == chart_layout.HINTING
            unhinted = _pixels(fig)
    assert shown == unhinted != hinted
    plt.close(fig)


def _pixels(fig) -> bytes:
    """``fig`` drawn on the charts' canvas (workbook.views.agg_canvas) under the settings in
    force, as RGB bytes."""
    canvas = agg_canvas.canvas(fig)
    canvas.draw()
    return Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1) \
        .convert("RGB").tobytes()
