"""One evaluator's judgments in ``scores.csv``: compare, merge and write them, losing nobody's.

Every writer (``workbook import-scores``, the notebook's scoring form) goes through
:func:`apply_proposal` (:func:`save_judgments` for a ready proposal). Under the engagement's data
lock it re-reads ``scores.csv``, works out what changes for that one evaluator, refuses when
someone else changed the same judgment since the writer read it, and writes the whole file
atomically (its text from :mod:`workbook.team.scores_csv`), keeping the previous version as
``scores.csv.bak``.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from workbook.core import paths
from workbook.core.atomic import data_lock, write_atomic
from workbook.core.errors import InputError, Problem
from workbook.core.formula_safe import neutralise
from workbook.core.names import canonical, nfc, suggest
from workbook.core.numbers import format_number
from workbook.core.paths import display_path
from workbook.engagement.model import Engagement, load_engagement
from workbook.team.scores_csv import merged_scores_text

Pair = tuple[str, str]  # (partner id, criterion id)


@dataclass(frozen=True)
class Judgment:
    """A score (None: not judged) and the evidence behind it."""

    score: float | None = None
    evidence: str = ""

    def __str__(self) -> str:
        return "–" if self.score is None else format_number(self.score)


NOT_JUDGED = Judgment()


@dataclass(frozen=True)
class Change:
    """One judgment of one evaluator, before and after."""

    partner: str
    criterion: str
    before: Judgment
    after: Judgment

    @property
    def kind(self) -> str:
        """``added``, ``removed``, ``changed`` (the score) or ``evidence`` (only the evidence)."""
        if self.before.score is None:
            return "added"
        if self.after.score is None:
            return "removed"
        return "changed" if self.before.score != self.after.score else "evidence"

    def __str__(self) -> str:
        score = str(self.after) if self.before.score == self.after.score else \
            f"{self.before} → {self.after}"
        text = f"{self.kind:<9} {self.partner} · {self.criterion}: score {score}"
        if self.before.evidence != self.after.evidence:
            text += f"; evidence {self.before.evidence!r} → {self.after.evidence!r}"
        return text


@dataclass(frozen=True)
class Conflict:
    """A judgment the writer changed that someone else also changed since the writer read it."""

    partner: str
    criterion: str
    seen: Judgment
    now: Judgment
    proposed: Judgment


@dataclass
class Saved:
    """What :func:`save_judgments` did. ``backup`` is None when nothing had to be written."""

    evaluator: str
    path: Path
    changes: list[Change] = field(default_factory=list)
    unchanged: int = 0
    backup: Path | None = None

    def lines(self) -> list[str]:
        """The change, line by line, as the command line and the form report it."""
        out = [f"  {c}" for c in self.changes]
        n = len(self.changes)
        if n:
            out.append(f"{n} judgment{'s' if n != 1 else ''} of {self.evaluator} changed, "
                       f"{self.unchanged} unchanged; no other evaluator's judgment was touched.")
            out.append(f"The previous scores.csv is kept as {display_path(self.backup)}.")
        else:
            out.append(f"Nothing to change: {self.unchanged} judgments of {self.evaluator} are "
                       f"already as given; scores.csv was not rewritten.")
        return out


def evaluator_judgments(scores: pd.DataFrame, evaluator: str) -> dict[Pair, Judgment]:
    """The evaluator's judgments from a validated ``Engagement.scores`` frame."""
    own = scores[scores["evaluator"] == evaluator]
    return {(p, c): Judgment(float(s), str(e or "").strip())
            for p, c, s, e in zip(own["partner"], own["criterion"], own["score"], own["evidence"])}


def plan_changes(current: dict[Pair, Judgment], proposed: dict[Pair, Judgment],
                 seen: dict[Pair, Judgment] | None = None) -> tuple[list[Change], list[Conflict]]:
    """Changes that turn ``current`` into ``proposed`` on the pairs ``proposed`` covers.

    With ``seen`` (what the writer was shown when it started), a pair the writer left as shown
    keeps whatever is there now, and a pair both the writer and someone else changed, differently,
    is a conflict rather than an overwrite. Pairs outside ``proposed`` are never touched.
    """
    changes, conflicts = [], []
    for pair, new in proposed.items():
        now = current.get(pair, NOT_JUDGED)
        if seen is not None:
            shown = seen.get(pair, NOT_JUDGED)
            if new == shown:
                continue
            if now != shown and now != new:
                conflicts.append(Conflict(*pair, shown, now, new))
                continue
        if new != now:
            changes.append(Change(*pair, now, new))
    return changes, conflicts


@dataclass
class Proposal:
    """What a writer wants to change: see :func:`save_judgments` for the fields."""

    evaluator: str
    proposed: dict[Pair, Judgment]
    seen: dict[Pair, Judgment] | None = None
    locate: Callable[[Conflict], Problem] | None = None
    problems: tuple[Problem, ...] = ()  # cells that could not be read: reported with any conflict


def save_judgments(folder, evaluator: str, proposed: dict[Pair, Judgment],
                   seen: dict[Pair, Judgment] | None = None, locate=None) -> Saved:
    """Replace ``evaluator``'s judgments on the pairs of ``proposed`` in ``scores.csv``.

    Parameters
    ----------
    folder : path
        The engagement folder.
    evaluator : str
        A name from ``team.evaluators``.
    proposed : dict
        ``(partner, criterion) -> Judgment``; a Judgment without a score removes the judgment.
    seen : dict, optional
        What the writer was shown (a scoresheet's pre-filled values, the form's loaded values);
        enables conflict detection, see :func:`plan_changes`.
    locate : callable, optional
        ``Conflict -> Problem``, to point at the writer's own cell; by default the problem names
        the row of ``scores.csv``.

    Raises
    ------
    InputError
        When the engagement does not validate or on conflicts; nothing is written then.
    """
    return apply_proposal(folder, lambda _: Proposal(evaluator, proposed, seen, locate))


def apply_proposal(folder, propose: Callable[[Engagement], Proposal]) -> Saved:
    """:func:`save_judgments`, with the proposal made by ``propose`` from the engagement as it is
    once the lock is held (so it is read and checked once, and cannot change underneath)."""
    folder = Path(folder)
    path = folder / paths.SCORES_FILE
    with data_lock(folder):
        engagement = load_engagement(folder)
        p = propose(engagement)
        p.evaluator = team_member(engagement, p.evaluator)
        _check_pairs(engagement, p.proposed)
        current = evaluator_judgments(engagement.scores, p.evaluator)
        changes, conflicts = plan_changes(current, p.proposed, p.seen)
        unsafe = [_formula_evidence(engagement, p.evaluator, c) for c in changes
                  if formula_like(c.after.evidence) and c.after.evidence != c.before.evidence]
        if conflicts or p.problems or unsafe:
            locate = p.locate or _locate_in_scores(engagement, p.evaluator)
            raise InputError(sorted([*p.problems, *(locate(c) for c in conflicts), *unsafe],
                                    key=_where))
        unchanged = len(p.proposed) - len(changes)
        if not changes:
            return Saved(p.evaluator, path, [], unchanged, None)
        text = merged_scores_text(engagement, [_row(p.evaluator, c) for c in changes])
        backup = path.with_name(path.name + ".bak")
        if path.exists():
            shutil.copy2(path, backup)
        write_atomic(path, text)
    return Saved(p.evaluator, path, changes, unchanged, backup)


def _row(evaluator: str, c: Change) -> dict:
    """The change as a row of ``scores.csv``, in the engagement's spelling; no score removes it."""
    return dict(evaluator=nfc(evaluator), partner=nfc(c.partner), criterion=nfc(c.criterion),
                score=None if c.after.score is None else format_number(c.after.score),
                evidence=c.after.evidence)


def _where(problem: Problem) -> tuple:
    """Sheet, row and column order, so that bad cells and conflicts read as one list."""
    sheet = {"Scores": 0, "Evidence": 1}.get(problem.sheet or "", 2)
    return (sheet, problem.row or 0, len(problem.column or ""), problem.column or "")


def _check_pairs(engagement: Engagement, proposed: dict[Pair, Judgment]) -> None:
    # A form builds its proposal from the engagement it loaded earlier; it may have changed since.
    file = display_path(engagement.path / paths.SCORES_FILE)
    judged = set(engagement.scored_criteria.index)
    problems = [Problem(file, None, "partner, criterion", f"{p} · {c}",
                        "the partner or the scored criterion no longer exists",
                        "reload the engagement and judge again")
                for p, c in proposed if p not in engagement.partners.index or c not in judged]
    if problems:
        raise InputError(problems)


def unknown_evaluator(engagement: Engagement, evaluator: str) -> Problem:
    """The problem of a name that is not in ``team.evaluators``, with the nearest names (case and
    accents aside) as validate gives them."""
    file = display_path(engagement.path / paths.ENGAGEMENT_FILE)
    names = ", ".join(engagement.settings.evaluators)
    return Problem(file, None, "team.evaluators", evaluator,
                   "this evaluator is not in the team",
                   suggest(evaluator, engagement.settings.evaluators,
                           f"use one of {names}, or add the person to team.evaluators"))


def team_member(engagement: Engagement, evaluator: str) -> str:
    """The name as ``team.evaluators`` spells it (``aisha rahman``, or ``José`` typed with a
    combining accent, is ``Aisha Rahman`` or ``José``); raises when nobody in the team has it."""
    name = canonical(nfc(evaluator), [nfc(e) for e in engagement.settings.evaluators])
    if name is None:
        raise InputError([unknown_evaluator(engagement, evaluator)])
    return next(e for e in engagement.settings.evaluators if nfc(e) == name)


def formula_like(evidence: str) -> bool:
    """True when a spreadsheet opening ``scores.csv`` would run the note as a formula (it starts
    with ``=``, ``+``, ``-`` or ``@`` and is not a number: the OWASP CSV-injection rule)."""
    return bool(evidence) and neutralise(evidence) != evidence


FORMULA_FIX = "begin the note with a word (a spreadsheet would run it as a formula when scores.csv " \
              "is opened)"


def _formula_evidence(engagement: Engagement, evaluator: str, c: Change) -> Problem:
    file = display_path(engagement.path / paths.SCORES_FILE)
    return Problem(file, None, "evidence", c.after.evidence,
                   f"the evidence {evaluator} gives for {c.partner} · {c.criterion} starts with "
                   f"{c.after.evidence[:1]!r}", FORMULA_FIX)


def _locate_in_scores(engagement: Engagement, evaluator: str):
    file = display_path(engagement.path / paths.SCORES_FILE)
    rows = {(p, c): r for e, p, c, r in engagement.scores[["evaluator", "partner", "criterion", "row"]]
            .itertuples(index=False) if e == evaluator}

    def locate(c: Conflict) -> Problem:
        return Problem(file, rows.get((c.partner, c.criterion)), "score", str(c.now),
                       f"{c.partner} · {c.criterion} was changed to {c.now} by someone else while "
                       f"{evaluator}'s change to {c.proposed} was being made (it was {c.seen})",
                       "reload, look at the new value, and change it again if you still disagree")
    return locate
