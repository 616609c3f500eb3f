"""The canvas the charts are drawn on: matplotlib's Agg, with each string drawn in one pass.

Matplotlib 3.11 draws text glyph by glyph in Python (a transform, a bitmap and a blend per
glyph), which made drawing text a third of the charts' drawing time. FreeType can lay out a whole
string and draw it into one bitmap (``set_text`` then ``draw_glyphs_to_bitmap``), as matplotlib
did up to 3.10, and ``set_text`` is also how the renderer measures text: a chart's labels are
drawn exactly as wide as the layout measured them. Mathematical text keeps matplotlib's own way.
Where a matplotlib lacks what this needs, its own canvas draws the charts instead.

Laying out a string (``set_text``: shaping, then each glyph loaded) costs about 20 microseconds a
character, and matplotlib lays each text out twice, to measure it and to draw it, in every chart
it appears in. The renderer keeps each string it has laid out, its size and its bitmap, until
:func:`forget` (a kernel forgets before each notebook, :func:`workbook.report.warm.fresh`).
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib import rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import fontManager
from matplotlib.ft2font import FT2Font

KEPT = 4096  # strings laid out and kept at most; then the renderer starts afresh
_laid: dict = {}  # (string, fonts, size, dpi, settings, antialiased) -> (width, height, descent, bitmap, left, top)


def forget() -> None:
    """Drop the strings laid out so far (an engagement's names among them)."""
    _laid.clear()


def draws_strings() -> bool:
    """Whether :class:`StringRenderer` is needed and can run: this matplotlib draws glyph by glyph
    (3.11 and later; earlier ones draw a string in one pass themselves) and offers what it uses."""
    return hasattr(RendererAgg, "_draw_text_glyphs_and_boxes") and hasattr(RendererAgg, "_prepare_font") \
        and all(hasattr(FT2Font, name) for name in ("set_text", "draw_glyphs_to_bitmap", "get_image",
                                                    "get_bitmap_offset", "get_descent"))


class StringRenderer(RendererAgg):
    """Agg, drawing each string of text into one bitmap, then that bitmap onto the canvas."""

    def laid_out(self, s: str, prop, antialiased: bool) -> tuple:
        """``s`` in ``prop`` laid out flat at this renderer's dpi: its width, height and descent
        in pixels, its bitmap and the bitmap's offset, as matplotlib's Agg measures and draws it."""
        key = (s, tuple(fontManager._find_fonts_by_props(prop)), prop.get_size_in_points(), self.dpi,
               get_hinting_flag(), rcParams["text.hinting_factor"], rcParams["text.kerning_factor"],
               bool(antialiased))
        if key not in _laid:
            if len(_laid) >= KEPT:
                _laid.clear()
            font = self._prepare_font(prop)
            font.set_text(s, 0, flags=get_hinting_flag())
            font.draw_glyphs_to_bitmap(antialiased=antialiased)
            width, height = font.get_width_height()
            left, top = font.get_bitmap_offset()
            _laid[key] = (width / 64, height / 64, font.get_descent() / 64, np.array(font.get_image()),
                          left / 64, top / 64)
        return _laid[key]

    def get_text_width_height_descent(self, s, prop, ismath):
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        return self.laid_out(s, prop, rcParams["text.antialiased"])[:3]

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath or (mtext is not None and (mtext.get_fontfeatures() or mtext.get_language())):
            # features and languages are for matplotlib's own shaping
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        # laid out flat: the canvas turns the bitmap by ``angle`` as it blends it in
        _, _, descent, bitmap, left, top = self.laid_out(s, prop, gc.get_antialiased())
        x = round(x + left + descent * math.sin(math.radians(angle)))
        y = round(y + top + descent * math.cos(math.radians(angle)))
        # y names the bitmap's bottom edge, in pixels down from the canvas's top
        self._renderer.draw_text_image(bitmap, x, y + 1, angle, gc)


class Canvas(FigureCanvasAgg):
    """A figure's Agg canvas drawing with :class:`StringRenderer`."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer, self._lastKey = StringRenderer(w, h, self.figure.dpi), key
        return self.renderer


def canvas(fig) -> FigureCanvasAgg:
    """``fig`` on a :class:`Canvas`, or on matplotlib's own Agg canvas when :func:`draws_strings`
    is not so."""
    return Canvas(fig) if draws_strings() else FigureCanvasAgg(fig)
