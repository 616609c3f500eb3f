"""Display helpers for the notebooks: tables and sentences as escaped HTML.

Everything that comes from the engagement's files is escaped here, so a partner named
``<script>alert(1)</script>`` shows as text in JupyterLab and in the rendered report.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable

import pandas as pd
from IPython.display import HTML

# JupyterLab's own table style right-aligns every cell; alignment is therefore set per cell.
LEFT, RIGHT = 'style="text-align: left"', 'style="text-align: right; font-variant-numeric: tabular-nums"'
STYLE = """<style>
table.wb {border-collapse: collapse; margin: 0.4em 0 1.2em; font-size: 0.92em;}
table.wb th, table.wb td {padding: 4px 10px; border-bottom: 1px solid #ddd; vertical-align: top;}
table.wb caption {caption-side: top; text-align: left; font-weight: 600; padding-bottom: 4px;}
ul.wb li {margin: 0.2em 0;}
p.wb-note {color: #555; font-size: 0.9em;}
</style>"""


def percent(value) -> str:
    return "" if pd.isna(value) else f"{value:.1%}"


def fixed(digits: int) -> Callable:
    return lambda value: "" if pd.isna(value) else f"{value:,.{digits}f}"


def table(frame: pd.DataFrame, formats: dict[str, Callable] | None = None,
          caption: str = "", labels: dict[str, str] | None = None) -> HTML:
    """An aligned, escaped HTML table: numbers right-aligned, text left, blanks for missing.

    Column headers are ``labels[column]``, or the column name made readable.
    """
    formats, labels = formats or {}, labels or {}
    numeric = {c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])}
    align = {c: RIGHT if c in numeric else LEFT for c in frame.columns}
    head = "".join(f'<th {align[c]}>{html.escape(str(labels.get(c, readable(c))))}</th>'
                   for c in frame.columns)
    body = []
    for _, row in frame.iterrows():
        cells = []
        for c in frame.columns:
            value = row[c]
            text = formats[c](value) if c in formats else (
                "" if _missing(value) else number(value) if c in numeric else str(value))
            cells.append(f"<td {align[c]}>{html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return HTML(f'{STYLE}<table class="wb">{cap}<thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table>')


def number(value) -> str:
    """Two decimals at most, trailing zeros dropped; three significant digits below 1."""
    if abs(value) < 1 and value != 0:
        return f"{value:.3g}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def readable(name: str) -> str:
    """``days_on_hand`` -> ``Days on hand``."""
    return str(name).replace("_", " ").capitalize()


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def frame(rows: list[dict]) -> pd.DataFrame:
    """A DataFrame from a list of records (kept here so notebooks need not import pandas)."""
    return pd.DataFrame(rows)


def bullets(lines: Iterable[str]) -> HTML:
    """Sentences as an escaped bullet list."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return HTML(f'{STYLE}<ul class="wb">{items}</ul>')


def note(text: str) -> HTML:
    """A short escaped paragraph, for a policy or an assumption."""
    return HTML(f'{STYLE}<p class="wb-note">{html.escape(text)}</p>')


def heading(text: str, level: int = 3) -> HTML:
    return HTML(f"<h{level}>{html.escape(text)}</h{level}>")
