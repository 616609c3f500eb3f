"""``results/findings.json``: the one record of a render's findings, drawn on by every output.

Each notebook records the findings of its step (``findings.scoring.json``,
``findings.quality.json``) as it saves its results; the render, once every notebook has run,
joins them into ``findings.json`` (:func:`gather_findings`) before it writes the summary,
results.xlsx and the checklist, which read it with :func:`read_findings`.
"""

from __future__ import annotations

import json
from pathlib import Path

from workbook.core.atomic import write_json
from workbook.register.finding import Findings

FINDINGS = "findings.json"
STEPS = ("scoring", "quality")


def part_name(step: str) -> str:
    return f"findings.{step}.json"


def write_part(findings: Findings, results: Path, step: str) -> Path:
    """Record the findings of one notebook's ``step``."""
    if step not in STEPS:
        raise ValueError(f"not a step with findings: {step!r}")
    return write_json(findings.to_dict(), results, part_name(step))


def gather_findings(results: Path) -> Path:
    """Join the steps' findings into ``findings.json`` (the parts go); a step that recorded none
    adds none."""
    record = Findings()
    for step in STEPS:
        part = Path(results) / part_name(step)
        if part.exists():
            record = record + Findings.from_dict(json.loads(part.read_text(encoding="utf-8")))
    path = write_json(record.to_dict(), results, FINDINGS)
    for step in STEPS:
        (Path(results) / part_name(step)).unlink(missing_ok=True)
    return path


def read_findings(results: Path) -> Findings:
    """The record in ``results/``; an empty one when there is none."""
    path = Path(results) / FINDINGS
    return Findings.from_dict(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else Findings()
