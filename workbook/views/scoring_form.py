"""The scoring form of notebook 02: one evaluator judges the partners in JupyterLab.

It writes through :func:`workbook.team.judgments.save_judgments`, like the Excel import: only this
evaluator's judgments, only those changed in the form, under the engagement's lock; a judgment
someone changed on disk since the form loaded it is reported, never overwritten.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import display

from workbook.core.errors import InputError
from workbook.core.numbers import format_number
from workbook.core.vocabulary import SCORE_LABELS, group_label
from workbook.engagement.model import Engagement, load_engagement
from workbook.team.judgments import NOT_JUDGED, Judgment, Pair, evaluator_judgments, save_judgments
from workbook.team.progress import scoring_status
from workbook.views.team_progress import status_line

SCORE_OPTIONS = [("–", 0.0)] + [(str(k), float(k)) for k in SCORE_LABELS]
SCORE_TIPS = ["not judged"] + list(SCORE_LABELS.values())


class ScoringForm:
    """Controls for one evaluator's judgments: a tab per partner, a row per scored criterion.

    Attributes
    ----------
    widget : ipywidgets.VBox
        What the notebook shows.
    evaluator, save, discard, status, progress, tabs
        The parts a user (or a test) works with.
    controls : dict
        ``(partner, criterion) -> (ToggleButtons, Text)``: the score (0 = not judged) and evidence.
    """

    def __init__(self, engagement: Engagement, evaluator: str | None = None):
        self.folder = engagement.path
        names = list(engagement.settings.evaluators)
        self.evaluator = widgets.Dropdown(options=names, value=evaluator or names[0],
                                          description="Evaluator")
        self.save = widgets.Button(description="Save my judgments", icon="save",
                                   button_style="primary", layout=widgets.Layout(width="16em"))
        self.discard = widgets.Button(description="Reload from scores.csv", icon="refresh",
                                      layout=widgets.Layout(width="16em"))
        self.status, self.progress = widgets.HTML(), widgets.HTML()
        self.controls: dict[Pair, tuple[widgets.ToggleButtons, widgets.Text]] = {}
        self.tabs = widgets.Tab(children=[self._page(engagement, pid)
                                          for pid in engagement.partners.index])
        self.tabs.titles = tuple(engagement.partners["name"])
        self.seen: dict[Pair, Judgment] = {}
        self.evaluator.observe(self._switch, names="value")
        self.save.on_click(lambda _: self.save_changes())
        self.discard.on_click(lambda _: self.load())
        self.widget = widgets.VBox([
            widgets.HBox([self.evaluator, self.save, self.discard]), self.progress, self.tabs,
            self.status])
        self.load()

    def _page(self, engagement: Engagement, pid: str) -> widgets.VBox:
        rows = []
        for group, members in engagement.scored_criteria.groupby("group", sort=False):
            rows.append(widgets.HTML(f"<b>{html.escape(group_label(group))}</b>"))
            for cid, criterion in members.iterrows():
                score = widgets.ToggleButtons(options=SCORE_OPTIONS, tooltips=SCORE_TIPS,
                                              style={"button_width": "2.6em"})
                note = widgets.Text(placeholder="evidence: what the judgment rests on",
                                    layout=widgets.Layout(width="26em"))
                about = str(criterion.get("definition", "") or "")
                label = widgets.HTML(f'<span title="{html.escape(about)}">'
                                     f'{html.escape(criterion["name"])}</span>',
                                     layout=widgets.Layout(width="22em"))
                self.controls[(pid, cid)] = (score, note)
                rows.append(widgets.HBox([label, score, note]))
        return widgets.VBox(rows)

    def proposed(self) -> dict[Pair, Judgment]:
        """The judgments as the form shows them."""
        return {pair: Judgment(float(score.value) if score.value else None, note.value.strip())
                for pair, (score, note) in self.controls.items()}

    def pending(self) -> list[Pair]:
        """The judgments changed in the form and not yet saved."""
        return [pair for pair, j in self.proposed().items() if j != self.seen.get(pair, NOT_JUDGED)]

    def load(self) -> None:
        """Show the evaluator's judgments as ``scores.csv`` holds them now."""
        try:
            engagement = load_engagement(self.folder)
        except InputError as exc:
            self._say("Cannot load the engagement", [str(p) for p in exc.problems], error=True)
            return
        current = evaluator_judgments(engagement.scores, self.evaluator.value)
        self.seen = {pair: current.get(pair, NOT_JUDGED) for pair in self.controls}
        for pair, (score, note) in self.controls.items():
            judgment = self.seen[pair]
            value = judgment.score or 0.0
            # A score between the whole numbers (3.5, typed in scores.csv) gets its own button,
            # so that showing it never changes it.
            extra = [] if value in dict(SCORE_OPTIONS).values() else [(format_number(value), value)]
            score.options = SCORE_OPTIONS + extra
            score.tooltips = SCORE_TIPS + ["as in scores.csv"] * len(extra)
            score.value = value
            note.value = judgment.evidence
        status = scoring_status(engagement).set_index("evaluator", drop=False)
        line = status_line(status.loc[self.evaluator.value], len(engagement.partners))
        self.progress.value = f"<p>{html.escape(line)}</p>"

    def save_changes(self) -> None:
        """Save the changed judgments; report what changed, or why nothing was saved."""
        try:
            saved = save_judgments(self.folder, self.evaluator.value, self.proposed(), self.seen)
        except InputError as exc:
            self._say("Not saved", [str(p) for p in exc.problems], error=True)
            return
        self.load()
        self._say("Saved" if saved.changes else "Nothing to save", saved.lines())

    def _switch(self, change) -> None:
        if self.pending():
            self.evaluator.unobserve(self._switch, names="value")
            self.evaluator.value = change["old"]  # keep the unsaved judgments on screen
            self.evaluator.observe(self._switch, names="value")
            self._say("Not switched", [f"{len(self.pending())} judgments of {change['old']} are "
                                       "not saved yet: save them, or reload to drop them."],
                      error=True)
            return
        self.status.value = ""
        self.load()

    def _say(self, title: str, lines: list[str], error: bool = False) -> None:
        colour = "#9b1c1c" if error else "#1d5f2c"
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in lines)
        self.status.value = f"<p style='color:{colour}'><b>{title}.</b></p><ul>{items}</ul>"


def scoring_form(engagement: Engagement, evaluator: str | None = None) -> ScoringForm:
    """Show the scoring form and return it."""
    form = ScoringForm(engagement, evaluator)
    display(form.widget)
    return form
