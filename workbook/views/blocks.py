"""The building blocks of a page: tables, sentences, notes, headings and figures, as escaped HTML.

Everything that comes from the engagement's files is escaped here, so a partner named
``<script>alert(1)</script>`` shows as text in JupyterLab and in the rendered report. Column
headers and number formats come from the registry, :mod:`workbook.views.labels`.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, Image, display
from PIL import Image as Picture

from workbook.core import formats
from workbook.views import agg_canvas, chart_layout, labels

# JupyterLab's own table style right-aligns every cell; alignment is therefore set per cell, by a
# class whose rule outranks JupyterLab's (a style attribute per cell cost the PDF's layout a tenth)
LEFT, RIGHT = 'class="wb-l"', 'class="wb-r"'
LEFT_WHOLE, RIGHT_WHOLE = 'class="wb-l wb-whole"', 'class="wb-r wb-whole"'
STYLE = """<style>
table.wb {border-collapse: collapse; margin: 0.4em 0 1.2em; font-size: 0.92em;}
table.wb th, table.wb td {padding: 4px 10px; border-bottom: 1px solid #ddd; vertical-align: top;}
table.wb th.wb-l, table.wb td.wb-l {text-align: left;}
table.wb th.wb-r, table.wb td.wb-r {text-align: right; font-variant-numeric: tabular-nums;}
table.wb td.wb-whole {white-space: nowrap;}
table.wb caption {caption-side: top; text-align: left; font-weight: 600; padding-bottom: 4px;}
ul.wb li {margin: 0.2em 0;}
p.wb-note {color: #555; font-size: 0.9em;}
</style>"""


SHORT = 8  # rows: a table this short is never split across pages
WIDE = 7  # columns from which a table is set in smaller type on paper


def cells(frame: pd.DataFrame) -> tuple[list[str], list[list[str]], list[bool]]:
    """Headers, rows of formatted text, and which columns are numeric (right-aligned), as the
    registry says; a column it does not know is numeric when its values are numbers, or figures
    already written ("99.3%", "3.42 EUR/kg": a criterion's facts under its name)."""
    numeric = [labels.is_numeric(c, pd.api.types.is_numeric_dtype(frame[c])) for c in frame.columns]
    writers = [formats.scores_written(frame[c]) if labels.kind(c) == "score" else labels.formatter(c, n)
               for c, n in zip(frame.columns, numeric)]
    rows = [[write(value) for write, value in zip(writers, row)]
            for row in frame.itertuples(index=False, name=None)]
    right = [n or (labels.column(c) is None and _written_figures(frame[c])) for c, n in zip(frame.columns, numeric)]
    return [labels.label(c) for c in frame.columns], rows, right


_FIGURE = re.compile(r"[-+\u2212]?\d")


def _written_figures(values: pd.Series) -> bool:
    """Whether every value of a column is text beginning with a number (none missing or empty)."""
    return len(values) > 0 and all(isinstance(v, str) and _FIGURE.match(v) for v in values)


# a short unit in brackets, or after a number, kept on the line of the word before it: a narrow
# column broke "Returns processed within 48 h" before the "h", and "…, last 12 months (%)" before "(%)"
_BRACKETED_UNIT = re.compile(r" \(([^()\s]{1,6})\)")
_UNIT_AFTER_NUMBER = re.compile(r"(\d) (h|s|min|%)(?=$|[\s,.;)])")


def unbroken(text: str) -> str:
    """``text`` with a no-break space before a short bracketed unit and between a number and a
    short unit after it; a bracketed unit is not broken at its slash either ("(EUR/kg)", not
    "(EUR/" then "kg)"): a word joiner follows the slash."""
    return _UNIT_AFTER_NUMBER.sub("\\1\u00a0\\2", _BRACKETED_UNIT.sub(
        lambda m: "\u00a0(" + m.group(1).replace("/", "/\u2060") + ")", text))


def table(frame: pd.DataFrame, caption: str = "") -> HTML:
    """An aligned, escaped HTML table: numbers right-aligned, text left, blanks for missing."""
    head, rows, right = cells(frame)
    align = [RIGHT if r else LEFT for r in right]
    # figures and thresholds the table writes are never broken across lines ("≤ 20 days" stays
    # whole); figures written before, which may carry a bracket, wrap as text does
    numeric = [labels.is_numeric(c, pd.api.types.is_numeric_dtype(frame[c])) for c in frame.columns]
    whole = [RIGHT_WHOLE if n else RIGHT if r else LEFT_WHOLE if labels.kind(c) in ("threshold", labels.MONTH)
             else LEFT for c, n, r in zip(frame.columns, numeric, right)]
    header = "".join(f"<th {a}>{html.escape(unbroken(h))}</th>" for a, h in zip(align, head))
    body = "".join("<tr>" + "".join(f"<td {a}>{html.escape(unbroken(text))}</td>" for a, text in zip(whole, row))
                   + "</tr>" for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    wide = " wb-wide" if len(head) >= WIDE else ""  # set smaller on paper
    short = " wb-short" if len(rows) <= SHORT else ""  # on paper, on one page with its caption
    return HTML(f'{STYLE}<div class="wb-table{short}"><table class="wb{wide}">{cap}<thead><tr>{header}'
                f'</tr></thead><tbody>{body}</tbody></table></div>')


def bullets(lines: Iterable) -> HTML:
    """Sentences as an escaped bullet list (:func:`list_items`)."""
    return HTML(f'{STYLE}<ul class="wb">{list_items(lines)}</ul>')


def list_items(lines: Iterable) -> str:
    """Escaped ``<li>`` items of ``lines``; a line that is a list is its lead-in with the rest
    as a list under it."""
    def item(line) -> str:
        head, points = lead_in(line)
        under = "".join(f"<li>{html.escape(p)}</li>" for p in points)
        return f"<li>{html.escape(head)}{f'<ul>{under}</ul>' if points else ''}</li>"
    return "".join(item(line) for line in lines)


def lead_in(line) -> tuple[str, list[str]]:
    """A line of sentences as (its text, the points under it): a plain sentence has none."""
    return (line, []) if isinstance(line, str) else (line[0], list(line[1:]))


def flat_lines(lines: Iterable) -> list[str]:
    """``lines`` one after another, a line with points under it as its lead-in, then each point."""
    return [part for line in lines for head, points in [lead_in(line)] for part in (head, *points)]


def note(text: str) -> HTML:
    """A short escaped paragraph, for a policy or an assumption."""
    return HTML(f'{STYLE}<p class="wb-note">{html.escape(text)}</p>')


def heading(text: str, level: int = 3, kind: str = "") -> HTML:
    """A heading; ``kind`` classes it ``wb-<kind>`` (``engagement``: the client and decision a
    notebook opens with, which the report's pages and PDF leave to their own header and cover)."""
    css = f' class="wb-{kind}"' if kind else ""
    return HTML(f"<h{level}{css}>{html.escape(text)}</h{level}>")


def figure(chart) -> None:
    """Show a chart (its Axes or Figure) once, where it is called, as a PNG, and free it."""
    fig = chart.figure if hasattr(chart, "figure") and not isinstance(chart, plt.Figure) else chart
    display(Image(data=png(fig), format="png", metadata={"alt": alt_text(fig)}))
    plt.close(fig)


def png(fig) -> bytes:
    """``fig`` as a PNG without an alpha channel (its background is opaque).

    Drawn once at its own size, on :func:`agg_canvas.canvas` (each string in one pass): the
    charts lay themselves out, so the second drawing that cropping to a tight box costs
    (IPython's default) would change nothing but the margins.
    Without alpha, the PDF embeds one image, not an image and its mask, each re-encoded.
    Compressed at zlib's level 3, not 6: a third faster, and no larger on charts' flat areas.
    """
    canvas = agg_canvas.canvas(fig)
    with chart_layout.drawing():  # as the chart was laid out
        canvas.draw()
    size = canvas.get_width_height()
    picture = Picture.frombuffer("RGBA", size, canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    written = io.BytesIO()
    picture.save(written, format="png", compress_level=3, dpi=(fig.dpi, fig.dpi))
    return written.getvalue()


def alt_text(fig) -> str:
    """What a chart is, for a reader who cannot see it: its titles, as the chart shows them."""
    titles = [fig.get_suptitle()] + [ax.get_title() for ax in fig.axes if ax.get_visible()]
    return "; ".join(t.replace("\n", ": ") for t in titles if t)


def show(shown: dict, content) -> None:
    """Display ``content`` the first time, then replace it in place (outside IPython, where there
    is no display handle, display it again)."""
    if shown.get("handle") is not None:
        shown["handle"].update(content)
    else:
        shown["handle"] = display(content, display_id=True)
