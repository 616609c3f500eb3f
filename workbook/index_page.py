"""The report's front page, ``index.html``: what was decided and links to the three sections."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pandas as pd

from workbook import config
from workbook.engagement import Engagement

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
      max-width: 52rem; margin: 2.5rem auto; padding: 0 1.5rem; line-height: 1.5;}}
h1 {{margin-bottom: 0.2rem;}} .meta {{color: #666; margin-top: 0;}}
.card {{border: 1px solid #ddd; border-radius: 6px; padding: 0.8rem 1.2rem; margin: 1rem 0;}}
.alert {{border-color: #c0392b; background: #fdf2f0;}}
table {{border-collapse: collapse;}} td, th {{padding: 3px 10px; border-bottom: 1px solid #eee;
      text-align: left;}}
td.num {{text-align: right;}}
</style></head>
<body>
<h1>{client}</h1>
<p class="meta">{decision}</p>
<p class="meta">{byline}</p>
{alerts}
<div class="card"><h2>Recommendation</h2>{recommendation}</div>
<h2>Sections</h2>
<ol>{links}</ol>
</body></html>
"""


def write_index(engagement: Engagement, folder: Path, pages: list[Path]) -> Path:
    """Write ``folder/index.html`` from the results the notebooks wrote."""
    s = engagement.settings
    results = folder / config.RESULTS_DIR
    esc = html.escape
    byline = " · ".join(x for x in (f"Prepared by {s.prepared_by}" if s.prepared_by else "",
                                    s.date, f"Lead: {s.leader}") if x)
    links = "".join(f'<li><a href="{esc(p.name)}">{esc(_section(p))}</a></li>' for p in pages)
    page = PAGE.format(title=esc(f"{s.client}: outsourcing decision"), client=esc(s.client),
                       decision=esc(s.decision), byline=esc(byline),
                       alerts=_alerts(results / "alerts.csv"),
                       recommendation=_recommendation(results, engagement),
                       links=links)
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _section(page: Path) -> str:
    return page.stem.split("_", 1)[-1].replace("_", " ").capitalize()


def _recommendation(results: Path, engagement: Engagement) -> str:
    path = results / "ranking.csv"
    if not path.exists():
        return "<p>No ranking was produced.</p>"
    ranking = pd.read_csv(path, keep_default_na=False, na_values=[""])
    names = engagement.partners["name"]
    rows = []
    for _, r in ranking.iterrows():
        rank = "out" if pd.isna(r["rank"]) else f"{int(r['rank'])}"
        score = "" if pd.isna(r["weighted_sum"]) else f"{r['weighted_sum']:.2f}"
        rows.append(f"<tr><td class=num>{rank}</td><td>{html.escape(str(names.get(r['partner'], r['partner'])))}"
                    f"</td><td class=num>{score}</td><td>{html.escape(_text(r['flags']))}</td></tr>")
    sentences = results / "recommendation.json"
    if sentences.exists():
        lines = json.loads(sentences.read_text(encoding="utf-8"))["recommendation"]
        head = "<ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>"
    else:
        head = ""
    return (head + "<table><tr><th>Rank</th><th>Partner</th><th>Score</th><th>Flags</th></tr>"
            + "".join(rows) + "</table>")


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def _alerts(path: Path) -> str:
    if not path.exists():
        return ""
    alerts = pd.read_csv(path, keep_default_na=False)
    if alerts.empty:
        return ""
    items = "".join(f"<li><strong>{html.escape(str(a['severity']))}</strong>: "
                    f"{html.escape(str(a['what']))} ({html.escape(str(a['where']))}). "
                    f"{html.escape(str(a['action']))}</li>" for _, a in alerts.iterrows())
    return f'<div class="card alert"><h2>Early warnings</h2><ul>{items}</ul></div>'
