"""The report's front page, ``index.html``: an executive summary linking to the three sections.

Everything shown comes from the ``results/`` the notebooks wrote, and is escaped.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from workbook.core import formats, paths
from workbook.core.atomic import read_if_present
from workbook.core.wordbook import Voice, say
from workbook.engagement.model import Engagement
from workbook.report import branding
from workbook.views import blocks
from workbook.views.findings import flag_words, split_flags
from workbook.views.team_progress import team_summary

DESCRIPTIONS = {
    "01": "Where the company and its customers stand, what the partner must be, and why each criterion weighs what it weighs.",
    "02": "Ranking, cross-checks, robustness, and the field's warning signs for every candidate.",
    "03": "Quality as customers see it: the plan, tracking, the perception gap, early warnings and the calendar.",
}
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}
body.wb-index main {{ max-width: 980px; margin: 0 auto; padding: 8px 24px 24px; line-height: 1.5; }}
h1 {{ font-size: 30px; margin: 18px 0 4px; }} h2 {{ font-size: 19px; margin: 0 0 8px; }}
.meta {{ color: var(--wb-muted); margin: 2px 0; }}
.card {{ border: 1px solid var(--wb-line); border-radius: 8px; padding: 14px 20px; margin: 16px 0; }}
.card.alert {{ border-color: var(--wb-alert); background: #fcf3f2; }}
.badge {{ display: inline-block; padding: 2px 10px; border-radius: 12px; font-size: 13px; font-weight: 600;
         color: #fff; background: var(--wb-ok); margin-left: 8px; vertical-align: middle; }}
.badge.close {{ background: #b7791f; }}
table {{ border-collapse: collapse; width: 100%; font-size: 14px; }}
td, th {{ padding: 5px 10px; border-bottom: 1px solid var(--wb-line); text-align: left; vertical-align: top; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.status {{ display: flex; gap: 12px; flex-wrap: wrap; }} .status div {{ flex: 1; min-width: 120px; }}
.status b {{ display: block; font-size: 26px; }}
.sections a {{ display: block; padding: 10px 0; border-bottom: 1px solid var(--wb-line); color: var(--wb-ink);
              text-decoration: none; }} .sections a b {{ color: var(--wb-accent); }}
</style></head>
<body class="wb-index">
<header class="wb-header"><div class="wb-brand">{logo}{client}<span>{subtitle}</span></div>
<nav class="wb-nav">{nav}</nav></header>
<main>
<h1>{client}</h1>
<p class="meta">{decision}</p>
<p class="meta">{byline}</p>
{recommendation}
{alerts}
{risks}
{ranking}
{team}
{quality}
<div class="card sections"><h2>The report</h2>{sections}</div>
</main>
<footer class="wb-footer">{footer}</footer>
</body></html>
"""


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)


def write_index(engagement: Engagement, folder: Path, sections: list[tuple[str, str]],
                footer_lines: list[str]) -> Path:
    """Write ``folder/index.html`` from the results in ``folder/results``."""
    s = engagement.settings
    results = folder / paths.RESULTS_DIR
    names = engagement.partners["name"]
    verdict = read_if_present(results, "recommendation.json") or {}
    byline = " · ".join(x for x in (f"Prepared by {s.prepared_by}" if s.prepared_by else "", s.date,
                                    f"Engagement lead: {s.leader}") if x)
    current = ' aria-current="page"'
    nav = "".join(f'<a href="{escape(h)}"{current if h == "index.html" else ""}>{escape(label)}</a>'
                  for h, label in sections)
    links = "".join(f'<a href="{escape(h)}"><b>{escape(label)}</b><br>{escape(DESCRIPTIONS.get(h[:2], ""))}</a>'
                    for h, label in sections if h != "index.html")
    links += (f'<a href="{paths.RESULTS_WORKBOOK}"><b>Tables for analysts</b><br>Every result table of '
              f'this report in one Excel workbook, headed as on these pages.</a>')
    page = PAGE.format(
        title=escape(f"{s.client}: outsourcing decision"), client=escape(s.client),
        css=(paths.TEMPLATES_DIR / "report.css").read_text(encoding="utf-8") + branding.accent_css(engagement),
        logo=branding.logo_html(engagement), subtitle=escape(branding.subtitle(engagement)),
        decision=escape(s.decision), byline=escape(byline), nav=nav,
        alerts=_alerts(read_if_present(results, "alerts.csv")),
        recommendation=_recommendation(verdict),
        risks=_risks(read_if_present(results, "ranking.csv"), read_if_present(results, "supply_continuity.csv"), verdict, names,
                     engagement.criteria["name"], engagement.settings.offering),
        ranking=_ranking(read_if_present(results, "ranking.csv"), names, engagement.criteria["name"]),
        team=_team(read_if_present(results, "scoring_status.csv"), names),
        quality=_quality(read_if_present(results, "measure_status.csv")),
        sections=links, footer="".join(f"<div>{escape(line)}</div>" for line in footer_lines))
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


# A missed-delivery (or outage) chance under 1 % over the term is not a top risk (it still shows on
# the scoring page).
MATERIAL_CHANCE = 0.01
SUMMARY_ALERTS = 3, 5  # the few most severe: at least 3, every high one up to 5; the page has all


def summary_alerts(alerts: pd.DataFrame) -> pd.DataFrame:
    """The alerts the summary shows: every high one, up to five, and at least the three most
    severe (the file is sorted by severity)."""
    least, most = SUMMARY_ALERTS
    return alerts.head(min(max(least, int((alerts["severity"] == "high").sum())), most))


def _alerts(alerts: pd.DataFrame | None) -> str:
    """The most severe early warnings, then a link to all."""
    if alerts is None or alerts.empty:
        return ""
    shown = summary_alerts(alerts)
    items = "".join(f"<li><b>{escape(_text(a['severity']))}</b>: {escape(_text(a['what']))} "
                    f"({escape(_text(a['where']))}, since {escape(_text(a['since']))}). "
                    f"{escape(_text(a['action']))}</li>" for _, a in shown.iterrows())
    more = len(alerts) - len(shown)
    rest = (f'<p><a href="03_quality_plan.html#Early-warnings">{more} more early '
            f'warning{"s" if more > 1 else ""}, and the evidence for each, on the quality plan page</a></p>'
            if more > 0 else "")
    return (f'<div class="card alert"><h2>Early warnings ({len(alerts)})</h2><ul>{items}</ul>{rest}</div>')


def _recommendation(verdict: dict) -> str:
    lines = verdict.get("recommendation", [])
    if not lines:
        return '<div class="card"><h2>Recommendation</h2><p>No ranking was produced.</p></div>'
    kind = verdict.get("verdict")
    badge = "" if kind is None else \
        f'<span class="badge{"" if kind == "robust" else " close"}">{escape(kind)}</span>'
    items = "".join(f"<li>{escape(line)}</li>" for line in lines[1:])
    return (f'<div class="card"><h2>Recommendation{badge}</h2><p><b>{escape(lines[0])}</b></p>'
            f"<ul>{items}</ul></div>")


def _risks(ranking, continuity, verdict: dict, names, criteria=None, offering=None) -> str:
    if ranking is None or ranking.dropna(subset=["rank"]).empty:
        return ""
    winner = ranking.dropna(subset=["rank"]).sort_values("rank").iloc[0]
    who = names.get(winner["partner"], winner["partner"])
    risks = [f"{who}: {w}" for w in split_flags(_text(winner["flags"]), criteria)[1].split("; ") if w]
    if continuity is not None and len(continuity):
        figures = continuity.set_index("partner")
        chance = figures["chance_over_term"].get(winner["partner"])
        missed = say("missed", Voice(getattr(offering, "kind", "product")))
        if chance is not None and not pd.isna(chance) and chance >= MATERIAL_CHANCE:
            risks.append(f"{who}: an estimated {formats.share(chance)} chance of a supply-caused {missed} "
                         f"over the term")
        outage = figures["outage_chance_over_term"].get(winner["partner"]) \
            if "outage_chance_over_term" in figures else None
        if outage is not None and not pd.isna(outage) and outage >= MATERIAL_CHANCE:
            risks.append(f"{who}: an estimated {formats.share(outage)} chance of an outage longer than the "
                         f"work can stand over the term "
                         f"({formats.hours(figures.at[winner['partner'], 'hours_lost_a_year'])} of service lost a year)")
    # every other shiny object, read from its flag (a code), in the ranking's own words
    shiny = [p for p, f in zip(ranking["partner"], ranking["flags"]) if p != winner["partner"]
             and "shiny_object" in _text(f).split("; ")]
    risks += [f"{names.get(p, p)}: {flag_words('shiny_object')}" for p in shiny]
    if not risks:
        return ""
    return '<div class="card"><h2>Top risks</h2><ul>' + "".join(
        f"<li>{escape(r)}</li>" for r in risks[:5]) + "</ul></div>"


def _ranking(ranking, names, criteria=None) -> str:
    if ranking is None:
        return ""
    shown = ranking.assign(partner=[names.get(p, p) for p in ranking["partner"]],
                           warnings=[split_flags(_text(f), criteria)[1] for f in ranking["flags"]])
    head, rows, numeric = blocks.cells(shown[["rank", "partner", "weighted_sum", "warnings"]])
    css = [" class=num" if n else "" for n in numeric]
    header = "".join(f"<th{c}>{escape(h)}</th>" for c, h in zip(css, head))
    body = "".join("<tr>" + "".join(f"<td{c}>{escape(v)}</td>" for c, v in zip(css, row)) + "</tr>"
                   for row in rows)
    return f'<div class="card"><h2>Ranking</h2><table><tr>{header}</tr>{body}</table></div>'


def _team(status, names) -> str:
    if status is None or status.empty:
        return ""
    first, *rest = team_summary(status, names)
    items = "".join(f"<li>{escape(line)}</li>" for line in rest)
    return (f'<div class="card"><h2>Team judgments</h2><p>{escape(first)}</p>'
            f'{f"<ul>{items}</ul>" if items else ""}</div>')


def _quality(status) -> str:
    if status is None or status.empty:
        return ""
    counts = status["status"].value_counts()
    cells = "".join(f"<div><b>{counts.get(k, 0)}</b>{escape(label)}</div>" for k, label in (
        ("on target", "on target"), ("short of target", "short of target"), ("alert", "past alert"),
        ("early signal", "early signal"), ("not yet measured", "not yet measured")) if k != "early signal"
        or counts.get(k, 0))
    return (f'<div class="card"><h2>Quality plan: {len(status)} measures</h2>'
            f'<div class="status">{cells}</div></div>')
