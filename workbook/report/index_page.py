"""The report's front page, ``index.html``: an executive summary linking to the three sections.

Everything shown comes from the ``results/`` the notebooks wrote, and is escaped. Which warnings,
risks and statuses it shows, and with which severity, comes from the one record of findings
(``results/findings.json``, :mod:`workbook.register`); their words from the views.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from workbook.core import paths
from workbook.core.atomic import read_if_present
from workbook.engagement.model import Engagement
from workbook.register.finding import ALERT, CONTINUITY, FLAG, PROPOSAL, SEVERITIES, STATUS, Findings
from workbook.register.changes import CHANGES_FILE
from workbook.register.ledger import read_findings
from workbook.report import branding
from workbook.views import blocks
from workbook.quality.status import ALERT as ALERT_STATUS
from workbook.quality.status import EARLY, ON_TARGET, SHORT, TOO_FEW, UNMEASURED
from workbook.views.change_words import change_lines
from workbook.views.finding_words import status_words
from workbook.views.finding_words import condition_of as _condition
from workbook.views.findings import below_proposed_words
from workbook.views.flag_words import CHANCE_FLAGS, finding_flag_words, shiny_warning, split_flags
from workbook.views.record_words import record_watch
from workbook.views.supply_findings import chance_words
from workbook.views.team_progress import team_summary

DESCRIPTIONS = {
    "01": "Where the company and its customers stand, what the partner must be, and why each criterion weighs what it weighs.",
    "02": "Ranking, cross-checks, robustness, and the field's warning signs for every candidate.",
    "03": "Quality as customers see it: the plan, tracking, the perception gap, early warnings and the calendar.",
    "04": "The long list from the partner catalogue: who passes the must-haves and certificates, who is "
          "left out and why, and which facts are out of date.",
}
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{css}
body.wb-index main {{ max-width: 980px; margin: 0 auto; padding: 8px 24px 24px; line-height: 1.5; }}
h1 {{ font-size: 30px; margin: 18px 0 4px; }} h2 {{ font-size: 19px; margin: 0 0 8px; color: var(--wb-accent); }}
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
{changes}
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
                footer_lines: list[str], since: str | None = None) -> Path:
    """Write ``folder/index.html`` from the results in ``folder/results``; ``since``: the date of
    the previous good report, whose changes ``results/changes.csv`` holds (None: there was none)."""
    s = engagement.settings
    results = folder / paths.RESULTS_DIR
    names = engagement.partners["name"]
    verdict = read_if_present(results, "recommendation.json") or {}
    findings = read_findings(results)
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
        alerts=_alerts(findings, read_if_present(results, "alerts.csv")),
        recommendation=_recommendation(verdict, findings),
        risks=_risks(findings, names, engagement.criteria, engagement.settings.offering),
        ranking=_ranking(read_if_present(results, "ranking.csv"), names, engagement.criteria["name"]),
        team=_team(read_if_present(results, "scoring_status.csv"), names),
        quality=_quality(findings),
        changes=_changes(read_if_present(results, CHANGES_FILE), since, names,
                         read_if_present(results, "measure_status.csv")),
        sections=links, footer="".join(f"<div>{escape(line)}</div>" for line in footer_lines))
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def _changes(changes: pd.DataFrame | None, since: str | None, names, measures: pd.DataFrame | None) -> str:
    """What changed since the previous good report, grouped by kind of change."""
    if since is None or changes is None:
        return ""
    if changes.empty:
        return f'<div class="card"><h2>What changed since {escape(since)}</h2><p>Nothing.</p></div>'
    measure_names = dict(zip(measures["kpi_id"], measures["kpi"])) if measures is not None else {}
    grouped: dict[str, list[str]] = {}
    for heading, line in change_lines(changes, lambda p: str(names.get(p, p)),
                                      lambda m: str(measure_names.get(m, m))):
        grouped.setdefault(heading, []).append(line)
    items = "".join(f"<li><b>{escape(h)}</b>: {escape(' '.join(lines))}</li>" for h, lines in grouped.items())
    return f'<div class="card"><h2>What changed since {escape(since)}</h2><ul>{items}</ul></div>'


SUMMARY_ALERTS = 3, 5  # the few most severe: at least 3, every high one up to 5; the page has all


def summary_alerts(findings: Findings) -> list:
    """The early warnings the summary shows: every high one, up to five, and at least the three
    most severe (the record lists them most severe first)."""
    least, most = SUMMARY_ALERTS
    alerts = findings.of(ALERT)
    return alerts[:min(max(least, sum(a.severity == "high" for a in alerts)), most)]


def _alerts(findings: Findings, worded: pd.DataFrame | None) -> str:
    """The most severe early warnings, then a link to all: which, and how severe, from the
    findings; the words from alerts.csv (the same alert, by its id)."""
    alerts = findings.of(ALERT)
    if not alerts or worded is None:
        return ""
    words = worded.set_index("id")
    shown = summary_alerts(findings)
    items = "".join(f"<li><b>{escape(a.severity)}</b>: {escape(_text(w['what']))} "
                    f"({escape(_text(w['where']))}, since {escape(_text(a.figures.get('since', '')))}). "
                    f"{escape(_text(w['action']))}</li>" for a, w in ((a, words.loc[a.id]) for a in shown))
    more = len(alerts) - len(shown)
    rest = (f'<p><a href="03_quality_plan.html#Early-warnings">{more} more early '
            f'warning{"s" if more > 1 else ""}, and the evidence for each, on the quality plan page</a></p>'
            if more > 0 else "")
    return (f'<div class="card alert"><h2>Early warnings ({len(alerts)})</h2><ul>{items}</ul>{rest}</div>')


def _recommendation(verdict: dict, findings: Findings) -> str:
    lines = verdict.get("recommendation", [])
    if not lines:
        return '<div class="card"><h2>Recommendation</h2><p>No ranking was produced.</p></div>'
    found = findings.recommendation
    kind = None if found is None or found.code == "ranked" else found.code
    badge = "" if kind is None else \
        f'<span class="badge{"" if kind == "robust" else " close"}">{escape(kind)}</span>'
    items = blocks.list_items(lines[1:])
    return (f'<div class="card"><h2>Recommendation{badge}</h2><p><b>{escape(lines[0])}</b></p>'
            f"<ul>{items}</ul></div>")


def _risks(findings: Findings, names, criteria: pd.DataFrame | None = None, offering=None) -> str:
    """The winner's warning signs, its chances of a supply-caused miss or an outage that are not
    low, and every other shiny object: each as the findings record has it."""
    winner = findings.winner
    if winner is None:
        return ""
    who, named = names.get(winner, winner), None if criteria is None else criteria["name"]

    def flag(f, partner: str) -> str:  # an overstated record or a shiny object with its figures, as results.xlsx says it
        if f.code == "record_overstated" and f.figures and criteria is not None:
            return f"{partner}: {record_watch(f.about('criterion'), f.figures, criteria, lambda p: names.get(p, p), offering)}"
        if f.code == "shiny_object" and f.figures and criteria is not None:
            return shiny_warning(partner, f.figures, criteria)
        return f"{partner}: {finding_flag_words(f, named)}"

    # (severity, words): the winner's risks, most severe first, then every other shiny object
    risks = [(f.severity, flag(f, who)) for f in findings.of(FLAG, partner=winner)
             if f.code not in ("unique", *CHANCE_FLAGS)]
    risks += [(f.severity, f"{who}: falls short of a must-have proposed from the strategy, not yet applied: "
                           f"{below_proposed_words(_condition(f, criteria), criteria)}")
              for f in findings.of(PROPOSAL, partner=winner)] if criteria is not None else []
    risks += [(f.severity, f"{who}: {chance_words(f.code, f.figures, offering)}")
              for f in findings.of(CONTINUITY, partner=winner) if f.severity != "low"]
    risks.sort(key=lambda r: SEVERITIES.index(r[0]) if r[0] in SEVERITIES else len(SEVERITIES))
    risks += [(f.severity, flag(f, names.get(f.about("partner"), f.about("partner"))))
              for f in findings.of(FLAG, "shiny_object") if f.about("partner") != winner]
    if not risks:
        return ""
    # a severity in bold before its risk, as the early warnings write theirs
    return '<div class="card"><h2>Top risks</h2><ul>' + "".join(
        f"<li>{f'<b>{escape(severity)}</b>: ' if severity else ''}{escape(r)}</li>" for severity, r in risks[:5]) + "</ul></div>"


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


def _quality(findings: Findings) -> str:
    counts = findings.count(STATUS)
    if not counts:
        return ""
    cells = "".join(f"<div><b>{counts.get(k, 0)}</b>{escape(status_words(k))}</div>"
                    for k in (ON_TARGET, SHORT, ALERT_STATUS, EARLY, TOO_FEW, UNMEASURED)
                    if k not in (EARLY, TOO_FEW) or counts.get(k, 0))
    complete = sorted(f.figures["period"] for f in findings.of(STATUS)
                      if "period" in f.figures and not f.figures.get("partial"))
    when = (f'<p class="meta">Each measure once, as of its last complete period, up to '
            f'{escape(complete[-1])}; a month still running is shown to date on the quality plan page, '
            f'not judged. Early warnings are counted per segment, drift and control-chart signal, so they '
            f'can outnumber the measures past alert.</p>' if complete else "")
    return (f'<div class="card"><h2>Quality plan: {sum(counts.values())} measures</h2>{when}'
            f'<div class="status">{cells}</div></div>')
