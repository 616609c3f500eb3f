"""Where a chart's Axes sits in its figure: margins from the sizes of the texts around it.

Matplotlib's constrained layout measured each chart three times before drawing it (two passes
of the layout, then a drawing that draws nothing, to lay it out), a third of a render's chart
time. A chart's texts are known once it is built, so :func:`fit` sizes its margins from those
texts alone, measured as the renderer lays them out, moves a legend below the Axes under the
axis label, and leaves nothing to measure when the PNG is drawn.
"""

from __future__ import annotations

import weakref
from contextlib import contextmanager
from functools import lru_cache

import matplotlib.pyplot as plt
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font

from workbook.views import agg_canvas

EDGE = 0.1  # inches of white kept at a figure's edges
# Glyphs drawn as the font shapes them, not fitted to the pixel grid by FreeType's autohinter
# (matplotlib's default): the autohinter was a fifth of the charts' drawing time, and on a chart
# printed at 100 dpi and scaled to the page the unhinted text is as sharp.
HINTING = "no_hinting"
GAP = 0.12  # inches between an axis label and a legend below it
LINE = 1.2  # matplotlib's line spacing, in font sizes

_laid_out: weakref.WeakSet = weakref.WeakSet()  # figures a chart made, and so lays out itself


def own(fig) -> None:
    """Mark ``fig`` as made by a chart, to be laid out by :func:`fit` (a caller's is left alone)."""
    _laid_out.add(fig)


@lru_cache(maxsize=1)
def font() -> FT2Font:
    """The charts' font (the one matplotlib draws their text in)."""
    return FT2Font(font_manager.findfont(font_manager.FontProperties(family=plt.rcParams["font.family"])))


@lru_cache(maxsize=4)
def _measurer(dpi: float):
    """A one-pixel Agg renderer at ``dpi``: it measures text as the charts' renderer lays it out
    (and keeps what it laid out for the charts' drawing)."""
    from matplotlib.backends.backend_agg import RendererAgg
    return agg_canvas.StringRenderer(1, 1, dpi) if agg_canvas.draws_strings() else RendererAgg(1, 1, dpi)


def forget() -> None:
    """Forget the texts measured and laid out so far (a warm kernel does, before each notebook)."""
    width.cache_clear()
    agg_canvas.forget()


@lru_cache(maxsize=4096)
def width(text: str, size: float, dpi: float = 100.0) -> float:
    """Inches the widest line of ``text`` takes at ``size`` points, drawn at ``dpi`` as
    :func:`drawing` draws it (not quite in proportion to the size: advances are rounded)."""
    measurer, prop = _measurer(dpi), font_manager.FontProperties(size=size)
    with drawing():
        return max(measurer.get_text_width_height_descent(line, prop, ismath=False)[0]
                   for line in text.split("\n")) / dpi


@contextmanager
def drawing():
    """Text measured and drawn alike, with :data:`HINTING`, and matplotlib's own setting restored
    after: a user's other figures in the same session keep theirs."""
    kept, plt.rcParams["text.hinting"] = plt.rcParams["text.hinting"], HINTING
    try:
        yield
    finally:
        plt.rcParams["text.hinting"] = kept


def height(text: str, size: float) -> float:
    """Inches the lines of ``text`` take at ``size`` points."""
    return (text.count("\n") + 1) * LINE * size / 72 if text else 0.0


def _points(size) -> float:
    return font_manager.FontProperties(size=size).get_size_in_points()


def _tick_labels(axis) -> tuple[list[float], list[str], float]:
    """Where ``axis`` will write labels at its major ticks (those within its view), the labels,
    and their size in points."""
    major = axis.major
    locs = list(major.locator())
    labels = [str(t) for t in major.formatter.format_ticks(locs)]
    low, high = sorted(axis.get_view_interval())
    slack = 1e-9 * ((high - low) or 1)
    kept = [(loc, label) for loc, label in zip(locs, labels) if low - slack <= loc <= high + slack]
    ticks = axis.get_major_ticks(1)
    size = ticks[0].label1.get_fontsize() if ticks else _points(plt.rcParams[f"{axis.axis_name}tick.labelsize"])
    return [loc for loc, _ in kept], [label for _, label in kept], size


def _tick_room(axis) -> float:
    """Inches from an Axes' edge to the far side of ``axis``'s tick labels."""
    name = axis.axis_name
    return (plt.rcParams[f"{name}tick.major.size"] + plt.rcParams[f"{name}tick.major.pad"]) / 72


def _label_room(axis) -> float:
    """Inches ``axis``'s label takes beyond its tick labels (its lines and its pad)."""
    label = axis.label
    text = label.get_text()
    return height(text, label.get_fontsize()) + axis.labelpad / 72 if text else 0.0


def _overhangs(ax, locs: list[float], labels: list[str], size: float, across: float) -> tuple[float, float]:
    """Inches the x tick labels reach past the Axes' left and right edges (half of a label, less
    its tick's distance from the edge), the Axes ``across`` inches wide."""
    low, high = ax.get_xlim()
    span = (high - low) or 1.0
    reach = [width(label, size, ax.figure.dpi) / 2 - (loc - low) / span * across
             for loc, label in zip(locs, labels)]
    beyond = [width(label, size, ax.figure.dpi) / 2 - (high - loc) / span * across
              for loc, label in zip(locs, labels)]
    return max([0.0, *reach]), max([0.0, *beyond])


def _suptitle(fig):
    """The figure's suptitle as a Text, or None."""
    shown = fig.get_suptitle()
    return next((t for t in fig.texts if shown and t.get_text() == shown), None)


def _sides(ax) -> tuple[float, float, float]:
    """Inches the left, right and bottom margins of ``ax`` need for its tick and axis labels, as
    its ticks fall at its present size."""
    fig = ax.figure
    _, y_labels, y_size = _tick_labels(ax.yaxis)
    x_locs, x_labels, x_size = _tick_labels(ax.xaxis)
    labels = left = EDGE + max((width(t, y_size, fig.dpi) for t in y_labels), default=0) \
        + _tick_room(ax.yaxis) + _label_room(ax.yaxis)
    # the axis label and the title, centred on the Axes, may be wider than it
    centred = max(width(t.get_text(), t.get_fontsize(), fig.dpi) for t in (ax.xaxis.label, ax.title))
    right = EDGE
    for _ in range(2):  # the overhangs narrow the Axes, which moves its end ticks nearer its edges
        first, last = _overhangs(ax, x_locs, x_labels, x_size, fig.get_figwidth() - left - right)
        left = max(labels, EDGE + first)
        # a centred text spilling past the Axes: its left part lies under the y labels, its right
        # end ends at the figure's edge
        right = max(EDGE + last, left + centred + 2 * EDGE - fig.get_figwidth())
    bottom = EDGE + max((height(t, x_size) for t in x_labels), default=0) + _tick_room(ax.xaxis) + _label_room(ax.xaxis)
    return left, right, bottom


def fit(ax, legend_below: bool = False):
    """Lay out the figure of ``ax`` (one Axes, made by a chart) from its texts' sizes: the tick
    labels and axis label left and below, the title (and the figure's suptitle) above, the end
    x tick labels' overhangs at the sides; with ``legend_below``, the Axes' legend placed under
    the x axis label, centred on the Axes as far as the figure allows. Returns ``ax``.
    """
    fig = ax.figure
    if fig not in _laid_out:
        return ax
    fig_w, fig_h = fig.get_size_inches()
    title = ax.title.get_text()
    top = EDGE + (height(title, ax.title.get_fontsize()) + ax.titleOffsetTrans.get_matrix()[1, 2] / fig.dpi
                  if title else 0.0)
    heading = _suptitle(fig)
    if heading is not None:
        top += height(heading.get_text(), heading.get_fontsize()) + GAP
        heading.set_y(1 - EDGE / fig_h)
        heading.set_verticalalignment("top")
    legend = ax.get_legend()
    below = 0.0
    if legend_below and legend is not None:
        with drawing():
            box = legend.get_window_extent(fig.canvas.get_renderer())
        below = box.height / fig.dpi + GAP
    sides = None
    for _ in range(3):  # a wider Axes may take more ticks, whose labels may reach further
        now = _sides(ax)
        if sides is not None and max(abs(a - b) for a, b in zip(now, sides)) < 0.01:
            break
        sides = now
        left, right, bottom = sides
        fig.subplots_adjust(left=left / fig_w, right=1 - right / fig_w,
                            bottom=(bottom + below) / fig_h, top=1 - top / fig_h)
    if below:
        half = box.width / fig.dpi / 2
        centre = (left + fig_w - right) / 2
        centre = min(max(centre, EDGE + half), fig_w - EDGE - half)
        legend.set_loc("upper center")
        legend.set_bbox_to_anchor((centre / fig_w, (EDGE + below - GAP) / fig_h), transform=fig.transFigure)
        legend.borderaxespad = 0.0
    return ax
