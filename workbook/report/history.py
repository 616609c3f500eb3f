"""What the render keeps of the previous good report: what changed since it, and what was sent.

The previous good report is the one in place when a render starts (a render that fails leaves it
there). Its records of findings and its ranking are compared with the new ones
(:mod:`workbook.register.changes`) into ``results/changes.csv``; its record of notifications
goes with the new report (:mod:`workbook.report.notify`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from workbook.core import paths
from workbook.core.atomic import read_if_present, write_csv
from workbook.register.changes import CHANGES_FILE, compare
from workbook.register.ledger import read_findings
from workbook.report.provenance import read_manifest


def previous_good(report: Path) -> dict | None:
    """The manifest of the report in place at ``report``, when it is a good one."""
    manifest = read_manifest(report) if report.is_dir() else None
    return manifest if manifest and manifest.get("status") == "ok" else None


def ranks(results: Path) -> dict:
    """Partner id to rank, from a report's ranking.csv."""
    ranking = read_if_present(results, "ranking.csv")
    if ranking is None:
        return {}
    return {p: int(r) for p, r in zip(ranking["partner"], ranking["rank"]) if r == r}


def write_changes(previous: Path, staging: Path) -> str | None:
    """Compare the report at ``previous`` with the one in ``staging`` into
    ``results/changes.csv``; the previous report's day (``1 December 2026``), or None when there
    was no good one (and then no file)."""
    manifest = previous_good(previous)
    if manifest is None:
        return None
    before, after = previous / paths.RESULTS_DIR, staging / paths.RESULTS_DIR
    changes = compare(read_findings(before), read_findings(after), ranks(before), ranks(after))
    write_csv(changes, after, CHANGES_FILE)
    return day(manifest.get("finished") or manifest["started"])


def day(stamp: str) -> str:
    """``2026-12-01T18:20:41+00:00`` -> ``1 December 2026``."""
    moment = datetime.fromisoformat(stamp)
    return f"{moment.day} {moment:%B %Y}"
