"""The words of a notification: an early warning as the report words it (the measure, its figure
against the alert threshold and the target, where, since when, the evidence, the owner's action)
and a link to the page that shows it; and a warning that has cleared."""

from __future__ import annotations

import os
from pathlib import Path

from workbook.core import formats

REPORT_URL = "WORKBOOK_REPORT_URL"  # where the firm publishes reports; else the file's own address
PAGE = "03_quality_plan.html"


def page_link(report: Path) -> str:
    """The quality page's early warnings, at ``$WORKBOOK_REPORT_URL/<engagement>/`` when set."""
    base = os.environ.get(REPORT_URL, "").strip().rstrip("/")
    page = f"{PAGE}#Early-warnings"
    return f"{base}/{report.name}/{page}" if base else f"{(report / PAGE).resolve().as_uri()}#Early-warnings"


def warning_message(engagement, report: Path, finding, words: dict, target: str | None,
                    announced: str | None) -> tuple[str, str]:
    """(title, body) of a new warning, or of one worse than when it was ``announced``."""
    client = engagement.settings.client
    what = str(words.get("what") or finding.code)
    lead = "Early warning" if announced is None else f"Early warning, now {finding.severity} (was {announced})"
    lines = [f"{lead}: {what}" + (f" (target {formats.threshold(target)})" if target else "") + "."]
    if words.get("where"):
        lines.append(f"Where: {words['where']}. Since: {words.get('since') or finding.figures.get('since', '')}.")
    if words.get("evidence"):
        lines.append(f"Evidence: {words['evidence']}.")
    if words.get("action"):
        lines.append(f"Action: {words['action']}.")
    lines.append(f"The report: {page_link(report)}")
    return f"{client}: {what}", "\n".join(lines)


def cleared_message(engagement, report: Path, key: str, what: str) -> tuple[str, str]:
    """(title, body) of a warning that has cleared; ``what``: its words when it was raised."""
    client = engagement.settings.client
    said = what or key.split("|")[1]
    return (f"{client}: cleared: {said}",
            f"No longer an early warning: {said}.\nThe report: {page_link(report)}")
