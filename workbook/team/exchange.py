"""The team's scoring round trip: a scoresheet out to one evaluator, their judgments back in."""

from __future__ import annotations

import re
from pathlib import Path

from workbook.core.atomic import replacing
from workbook.core.errors import InputError, UsageError
from workbook.core.paths import display_path
from workbook.engagement.model import load_engagement
from workbook.team.judgments import Saved, apply_proposal, unknown_evaluator
from workbook.team.scoresheet import write_scoresheet
from workbook.team.scoresheet_reader import read_scoresheet


def export_scoresheet(folder, evaluator: str, output=None, force: bool = False):
    """Write ``evaluator``'s scoresheet; returns its path, the judgments pre-filled and expected.

    The default file is ``scoresheet-<engagement>-<evaluator>.xlsx`` in the working folder. An
    existing file is never replaced without ``force``: it may hold judgments not yet imported.
    """
    engagement = load_engagement(folder)
    if evaluator not in engagement.settings.evaluators:
        raise InputError([unknown_evaluator(engagement, evaluator)])
    path = Path(output) if output else Path(f"scoresheet-{engagement.name}-{slug(evaluator)}.xlsx")
    if path.suffix.lower() != ".xlsx":
        raise UsageError(f"{output} must end in .xlsx (the scoresheet is an Excel workbook)")
    if path.exists() and not force:
        raise UsageError(f"{display_path(path)} exists and may hold judgments not yet imported; "
                         f"import it first (workbook import-scores {folder} {display_path(path)}), "
                         f"or pass --force to replace it")
    with replacing(path) as tmp:
        filled = write_scoresheet(engagement, evaluator, tmp)
    total = len(engagement.partners) * len(engagement.scored_criteria)
    return path, filled, total


def import_scoresheet(folder, file) -> Saved:
    """Take a filled-in scoresheet into ``scores.csv``: only its evaluator's judgments, only the
    cells changed in the sheet; a judgment changed elsewhere since the export is reported, never
    overwritten. The sheet is read against the engagement as it is under the lock."""
    return apply_proposal(folder, lambda engagement: read_scoresheet(Path(file), engagement).proposal())


def slug(name: str) -> str:
    """A file-name-safe form of a person's name: "Aisha Rahman" -> "aisha-rahman"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "evaluator"
