"""The charts' canvas (workbook.views.agg_canvas) draws each string in one pass: the text lands
where matplotlib's own canvas puts it, flat, turned or mathematical, and a matplotlib that draws
strings in one pass itself keeps its own canvas."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backends import backend_agg
from matplotlib.backends.backend_agg import FigureCanvasAgg

from workbook.views import agg_canvas, chart_layout

matplotlib.use("agg")

TEXTS = [("Conversion cost (EUR/kg)", 0), ("On time in full – 98.5%", 0), ("Share (%)", 90),
         ("Ø 4.2 hours", 30), ("Brokers, Marketplace buyers", -45), (r"$x^2 + \sigma$", 0)]


def _ink(canvas_of, text: str, angle: float, size: float) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """The pixels of a figure holding ``text`` alone, drawn on ``canvas_of(fig)``, and the box of its ink."""
    fig = plt.figure(figsize=(3, 3), dpi=100)
    fig.text(0.4, 0.45, text, rotation=angle, fontsize=size)
    canvas = canvas_of(fig)
    with chart_layout.drawing():
        canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())[..., :3].min(axis=2).astype(int)
    plt.close(fig)
    rows, cols = np.nonzero(pixels < 200)
    return pixels, (rows.min(), rows.max(), cols.min(), cols.max())


@pytest.mark.skipif(not agg_canvas.draws_strings(), reason="this matplotlib draws a string in one pass")
@pytest.mark.parametrize("text, angle", TEXTS)
@pytest.mark.parametrize("size", [8, 10])
def test_a_string_lands_where_matplotlib_draws_it(text, angle, size):
    ours, ours_box = _ink(agg_canvas.canvas, text, angle, size)
    theirs, their_box = _ink(FigureCanvasAgg, text, angle, size)
    # glyphs placed on whole pixels, and a turned string turned as one bitmap (as matplotlib 3.10
    # drew them) instead of glyph by glyph: at most two pixels apart
    assert np.abs(np.subtract(ours_box, their_box)).max() <= 2, (ours_box, their_box)
    assert abs(int((ours < 128).sum()) - int((theirs < 128).sum())) <= 0.1 * (theirs < 128).sum()


@pytest.mark.skipif(not agg_canvas.draws_strings(), reason="this matplotlib draws a string in one pass")
def test_a_matplotlib_drawing_glyph_by_glyph_gets_this_canvas():
    fig = plt.figure()
    assert type(agg_canvas.canvas(fig)) is agg_canvas.Canvas
    plt.close(fig)


def test_a_matplotlib_drawing_strings_in_one_pass_keeps_its_own_canvas(monkeypatch):
    monkeypatch.delattr(backend_agg.RendererAgg, "_draw_text_glyphs_and_boxes", raising=False)
    fig = plt.figure()
    assert type(agg_canvas.canvas(fig)) is FigureCanvasAgg
    plt.close(fig)


@pytest.mark.skipif(not agg_canvas.draws_strings(), reason="this matplotlib draws a string in one pass")
def test_the_report_draws_its_charts_on_this_canvas(monkeypatch):
    from workbook.views import blocks
    drawn = []
    own = agg_canvas.StringRenderer.draw_text
    monkeypatch.setattr(agg_canvas.StringRenderer, "draw_text",
                        lambda self, gc, x, y, s, *args, **kw: drawn.append(s) or own(self, gc, x, y, s, *args, **kw))
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.set_title("Complaint rate")
    blocks.png(fig)
    plt.close(fig)
    assert "Complaint rate" in drawn


def _chart_png() -> bytes:
    """A chart whose texts repeat (a title, a label and ticks written alike)."""
    from workbook.views import blocks
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2, 3], [1, 2, 3])
    ax.set_title("Reopened tickets")
    ax.set_ylabel("Reopened tickets", rotation=90)
    ax.text(2, 2, "Reopened tickets", rotation=30)
    try:
        return blocks.png(fig)
    finally:
        plt.close(fig)


@pytest.mark.skipif(not agg_canvas.draws_strings(), reason="this matplotlib draws a string in one pass")
def test_a_string_laid_out_before_draws_as_one_laid_out_afresh(monkeypatch):
    agg_canvas.forget()
    kept = _chart_png() and _chart_png()  # the second drawn from the strings the first laid out
    monkeypatch.setattr(agg_canvas, "KEPT", 0)  # nothing kept: every string laid out anew
    agg_canvas.forget()
    assert kept == _chart_png()


@pytest.mark.skipif(not agg_canvas.draws_strings(), reason="this matplotlib draws a string in one pass")
def test_each_string_is_laid_out_once_until_forgotten(monkeypatch):
    laid = []
    prepare = agg_canvas.StringRenderer._prepare_font
    monkeypatch.setattr(agg_canvas.StringRenderer, "_prepare_font",
                        lambda self, prop: laid.append(prop.get_size_in_points()) or prepare(self, prop))
    agg_canvas.forget()
    _chart_png()
    first = len(laid)
    _chart_png()
    assert first and len(laid) == first  # the title, measured then drawn thrice, laid out once a size
    chart_layout.forget()
    _chart_png()
    assert len(laid) == 2 * first


def test_a_warm_kernel_forgets_the_last_notebooks_texts(tmp_path, monkeypatch):
    from workbook.report import warm
    monkeypatch.chdir(tmp_path)  # fresh() moves there; the test's own directory comes back after
    chart_layout.width("Vistula Polymer Services", 9)
    _chart_png()
    assert agg_canvas._laid or not agg_canvas.draws_strings()
    warm.fresh(str(tmp_path))
    assert not agg_canvas._laid and chart_layout.width.cache_info().currsize == 0
