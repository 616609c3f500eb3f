"""Team scoring: Excel scoresheets out and back, one evaluator at a time, losing nobody's judgment."""

from __future__ import annotations

import contextlib
import multiprocessing
import shutil
import time

import openpyxl
import pytest

from conftest import edit_scoresheet

from workbook.cli import main
from workbook.core import paths
from workbook.core.errors import InputError
from workbook.engagement.model import load_engagement
from workbook.team.judgments import Judgment, evaluator_judgments, plan_changes, save_judgments
from workbook.team.progress import scoring_status
from workbook.team.scores_csv import merged_scores_text
from workbook.team.scoresheet_reader import import_scoresheet
from workbook.views.scoresheet import export_scoresheet


@pytest.fixture
def example(tmp_path, monkeypatch):
    """A copy of the example engagement at ./example (six partners, ten scored criteria)."""
    monkeypatch.chdir(tmp_path)
    return shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "example")


def _lines(path):
    return path.read_text(encoding="utf-8").splitlines()



# The example's first scored criterion (formulation_innovation) is on row 7; apex is column C,
# rheinberg column D. Aisha Rahman judged rheinberg 2 on it, without evidence.

def test_one_changed_cell_changes_exactly_that_judgment(example, capsys):
    before = _lines(example / "scores.csv")
    assert main(["scoresheet", "example", "--evaluator", "Aisha Rahman"]) == 0
    sheet = example.parent / "scoresheets" / "scoresheet-example-aisha-rahman.xlsx"
    assert capsys.readouterr().out == (
        "Wrote scoresheets/scoresheet-example-aisha-rahman.xlsx for Aisha Rahman: 60 judgments to "
        "make, 60 already filled in. When it comes back: workbook import-scores example "
        "scoresheets/scoresheet-example-aisha-rahman.xlsx\n")
    edit_scoresheet(sheet, Scores_D7=5)
    assert main(["import-scores", "example", str(sheet)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "example/scores.csv: judgments of Aisha Rahman from scoresheets/scoresheet-example-aisha-rahman.xlsx",
        "  changed   rheinberg · formulation_innovation: score 2 → 5",
        "1 judgment of Aisha Rahman changed, 59 unchanged; no other evaluator's judgment was touched.",
        "The previous scores.csv is kept as example/scores.csv.bak."]
    after = _lines(example / "scores.csv")
    differ = [(a, b) for a, b in zip(before, after) if a != b]
    assert len(before) == len(after)
    assert differ == [("Aisha Rahman,rheinberg,formulation_innovation,2,",
                       "Aisha Rahman,rheinberg,formulation_innovation,5,")]
    assert _lines(example / "scores.csv.bak") == before


def test_evidence_and_emptied_cells_are_imported_and_reported(example):
    path, filled, total = export_scoresheet(example, "Jonas Weber")
    assert (filled, total) == (58, 60)  # the example leaves two of Jonas's judgments open
    edit_scoresheet(path, Evidence_C7="Pilot batch, Oct 2026", Scores_D8=None)
    saved = import_scoresheet(example, path)
    assert [(c.kind, c.partner, c.criterion) for c in saved.changes] == [
        ("evidence", "apex", "formulation_innovation"), ("removed", "rheinberg", "process_technology")]
    scores = load_engagement(example).scores
    jonas = scores[scores["evaluator"] == "Jonas Weber"].set_index(["partner", "criterion"])
    assert jonas.loc[("apex", "formulation_innovation"), "evidence"] == "Pilot batch, Oct 2026"
    assert ("rheinberg", "process_technology") not in jonas.index


def test_an_untouched_scoresheet_writes_nothing(example, capsys):
    path, _, _ = export_scoresheet(example, "Tom Becker")
    stamp = (example / "scores.csv").stat().st_mtime_ns
    assert main(["import-scores", "example", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "Nothing to change: 60 judgments of Tom Becker are already as given; scores.csv was not "
        "rewritten.")
    assert (example / "scores.csv").stat().st_mtime_ns == stamp
    assert not (example / "scores.csv.bak").exists()


def test_a_judgment_changed_since_the_export_is_reported_not_overwritten(example, capsys):
    path, _, _ = export_scoresheet(example, "Tom Becker")
    # Meanwhile Tom changes the same judgment in the notebook's form ...
    save_judgments(example, "Tom Becker", {("apex", "formulation_innovation"): Judgment(2.0)})
    # ... and a cell he did not touch in the sheet must not revert it.
    edit_scoresheet(path, Scores_C7=3, Scores_D7=1)
    before = (example / "scores.csv").read_bytes()
    assert main(["import-scores", "example", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "scoresheets/scoresheet-example-tom-becker.xlsx, sheet Scores, cell C7: apex · formulation_innovation "
        "was changed in scores.csv to 2 after this scoresheet was made (it showed 4); importing "
        "would overwrite that (found '3'). Fix: export a fresh scoresheet with `workbook "
        "scoresheet` and enter your judgments there.",
        "1 problem found; nothing was written."]
    assert (example / "scores.csv").read_bytes() == before
    edit_scoresheet(path, Scores_C7=4)  # back to what the sheet showed: the form's 2 stands, D7 lands
    saved = import_scoresheet(example, path)
    assert [str(c) for c in saved.changes] == [
        "changed   rheinberg · formulation_innovation: score 3 → 1"]
    scores = load_engagement(example).scores.set_index(["evaluator", "partner", "criterion"])
    assert scores.loc[("Tom Becker", "apex", "formulation_innovation"), "score"] == 2


def test_bad_cells_are_all_reported_with_sheet_and_cell(example, capsys):
    path, _, _ = export_scoresheet(example, "Jonas Weber", "jonas.xlsx")
    edit_scoresheet(path, Scores_C7="seven", Scores_D8=6, Scores_E9=4, Evidence_F10="seen it", Scores_F10=None)
    before = (example / "scores.csv").read_bytes()
    assert main(["import-scores", "example", "jonas.xlsx"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "jonas.xlsx, sheet Scores, cell C7: the score must be a number from 1 to 5 (found 'seven'). "
        "Fix: pick a score from the cell's list, or leave the cell empty.",
        "jonas.xlsx, sheet Scores, cell D8: the score must be a number from 1 to 5 (found 6). "
        "Fix: pick a score from the cell's list, or leave the cell empty.",
        "jonas.xlsx, sheet Scores, cell E9: the cell is not on a criterion's row (found 4). "
        "Fix: move it to a yellow cell.",
        "jonas.xlsx, sheet Evidence, cell F10: there is evidence but no score in the matching cell "
        "of sheet Scores (found 'seen it'). Fix: give the score, or clear the evidence.",
        "4 problems found; nothing was written."]
    assert (example / "scores.csv").read_bytes() == before


def test_files_that_are_not_scoresheets_are_refused(example, capsys):
    (example.parent / "notes.xlsx").write_text("not a workbook")
    assert main(["import-scores", "example", "notes.xlsx"]) == 2
    book = openpyxl.Workbook()
    book.save(example.parent / "other.xlsx")
    assert main(["import-scores", "example", "other.xlsx"]) == 2
    assert main(["scoresheet", "example", "--evaluator", "Anna"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "notes.xlsx: the file is not an Excel workbook (.xlsx). Fix: save it in Excel as 'Excel "
        "Workbook (.xlsx)' and import that.",
        "1 problem found; nothing was written.",
        "other.xlsx: the scoresheet lacks sheets it was made with (found 'Scores, Evidence, "
        "_workbook'). Fix: export a fresh scoresheet with `workbook scoresheet` and enter your "
        "judgments there.",
        "1 problem found; nothing was written.",
        "example/engagement.yaml, key team.evaluators: this evaluator is not in the team (found "
        "'Anna'). Fix: use one of Tom Becker, Aisha Rahman, Jonas Weber, or add the person to "
        "team.evaluators.",
        "1 problem found; nothing was written."]


def test_an_existing_scoresheet_is_not_replaced_without_force(example, capsys):
    export_scoresheet(example, "Tom Becker", "tom.xlsx")
    edit_scoresheet(example.parent / "tom.xlsx", Scores_C7=1)
    assert main(["scoresheet", "example", "--evaluator", "Tom Becker", "-o", "tom.xlsx"]) == 2
    assert capsys.readouterr().err == (
        "workbook: tom.xlsx exists and may hold judgments not yet imported; import it first "
        "(workbook import-scores example tom.xlsx), or pass --force to replace it\n")
    assert openpyxl.load_workbook(example.parent / "tom.xlsx")["Scores"]["C7"].value == 1
    assert main(["scoresheet", "example", "--evaluator", "Tom Becker", "-o", "tom.xlsx",
                 "--force"]) == 0


def test_the_scoresheet_has_drop_downs_definitions_and_prefilled_scores(example):
    path, _, _ = export_scoresheet(example, "Aisha Rahman")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Instructions", "Scores", "Evidence", "Criteria", "Partners",
                               "_workbook"]
    assert book["_workbook"].sheet_state == "veryHidden"
    scores = book["Scores"]
    (rule,) = scores.data_validations.dataValidation
    assert rule.type == "list" and rule.formula1 == '"1,2,3,4,5"' and rule.allow_blank
    engagement = load_engagement(example)
    n_rows = len(engagement.scored_criteria) + engagement.scored_criteria["group"].nunique()
    assert str(rule.sqref) == f"C6:H{5 + n_rows}"
    assert scores.protection.sheet and not scores["C7"].protection.locked
    given = engagement.scores[engagement.scores["evaluator"] == "Aisha Rahman"]
    shown = {(scores.cell(5, c).value, scores.cell(r, 1).value): scores.cell(r, c).value
             for r in range(6, 6 + n_rows) for c in range(3, 9) if scores.cell(r, 1).value}
    assert shown == {(p, c): s for p, c, s in zip(given["partner"], given["criterion"], given["score"])}
    criteria = {row[0]: row[3] for row in book["Criteria"].iter_rows(min_row=2, values_only=True)}
    assert criteria == engagement.scored_criteria["definition"].to_dict()


def test_hostile_names_stay_text_in_the_scoresheet(tiny):
    partners = (tiny / "partners.csv").read_text().replace(
        "Alpha", '=HYPERLINK(""http://evil.example"")<b>click</b>')
    (tiny / "partners.csv").write_text(partners)
    path, _, _ = export_scoresheet(tiny, "Ann Lee", "ann.xlsx")
    book = openpyxl.load_workbook(path)
    cell = book["Scores"]["C4"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert all(c.data_type != "f" for s in book.worksheets for row in s.iter_rows() for c in row)


def test_a_first_write_keeps_the_files_layout_when_it_can(tiny):
    # No evidence column and no evidence given: the header stays as it is, one line changes.
    before = _lines(tiny / "scores.csv")
    save_judgments(tiny, "Bob Roe", {("b", "innov"): Judgment(4.0)})
    after = _lines(tiny / "scores.csv")
    assert [(a, b) for a, b in zip(before, after) if a != b] == [("Bob Roe,b,innov,2", "Bob Roe,b,innov,4")]


def test_the_written_order_is_stable_whoever_writes(example):
    # The committed example is already in team, partner and criterion order: rewriting it
    # with no change gives the same bytes, so diffs only ever show real changes.
    engagement = load_engagement(example)
    assert merged_scores_text(engagement, []) == (example / "scores.csv").read_text()
    shuffled = _lines(example / "scores.csv")
    (example / "scores.csv").write_text("\n".join([shuffled[0]] + shuffled[:0:-1]) + "\n")
    save_judgments(example, "Tom Becker", {("apex", "listening"): Judgment(1.0)})
    rewritten = _lines(example / "scores.csv")
    original = _lines(paths.EXAMPLE_ENGAGEMENT / "scores.csv")
    assert [(a, b) for a, b in zip(original, rewritten) if a != b] == [
        ("Tom Becker,apex,listening,4,", "Tom Becker,apex,listening,1,")]


def test_plan_changes_keeps_what_the_writer_left_alone():
    shown = {("a", "x"): Judgment(3.0), ("a", "y"): Judgment(4.0)}
    now = {("a", "x"): Judgment(2.0), ("a", "y"): Judgment(4.0)}  # x changed elsewhere
    proposed = {("a", "x"): Judgment(3.0), ("a", "y"): Judgment(5.0), ("a", "z"): Judgment()}
    changes, conflicts = plan_changes(now, proposed, shown)
    assert [(c.criterion, c.kind) for c in changes] == [("y", "changed")] and conflicts == []
    changes, conflicts = plan_changes(now, {("a", "x"): Judgment(5.0)}, shown)
    assert changes == [] and [(c.seen, c.now, c.proposed) for c in conflicts] == [
        (Judgment(3.0), Judgment(2.0), Judgment(5.0))]
    # Both made the same change: no conflict, nothing to do.
    assert plan_changes(now, {("a", "x"): Judgment(2.0)}, shown) == ([], [])


# --- two evaluators at once --------------------------------------------------------------------

def _import_slowly(folder, sheet, start, locked):
    """Import a scoresheet with a pause between reading scores.csv and writing it."""
    import workbook.team.judgments as judgments

    write = judgments.write_atomic

    def slow(*args):
        time.sleep(0.6)  # the window in which another writer would be overwritten
        return write(*args)

    judgments.write_atomic = slow
    if not locked:
        judgments.data_lock = lambda folder: contextlib.nullcontext()
    start.wait()
    import_scoresheet(folder, sheet)


def _import_both_at_once(example, locked):
    tom, _, _ = export_scoresheet(example, "Tom Becker", "tom.xlsx")
    aisha, _, _ = export_scoresheet(example, "Aisha Rahman", "aisha.xlsx")
    edit_scoresheet(tom, Scores_C7=1)
    edit_scoresheet(aisha, Scores_D7=5)
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)
    workers = [context.Process(target=_import_slowly, args=(example, sheet, start, locked))
               for sheet in (tom, aisha)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    assert [w.exitcode for w in workers] == [0, 0]
    scores = load_engagement(example).scores.set_index(["evaluator", "partner", "criterion"])["score"]
    return scores[("Tom Becker", "apex", "formulation_innovation")], \
        scores[("Aisha Rahman", "rheinberg", "formulation_innovation")]


def test_two_imports_at_the_same_moment_both_land(example):
    assert _import_both_at_once(example, locked=True) == (1, 5)


def test_without_the_lock_the_same_race_loses_a_judgment(example):
    # The check above can fail: with the lock taken away, one import overwrites the other.
    tom, aisha = _import_both_at_once(example, locked=False)
    assert (tom, aisha) in ((4, 5), (1, 2))


# --- who has scored what -----------------------------------------------------------------------

def test_status_counts_each_evaluators_judgments(tiny, capsys):
    save_judgments(tiny, "Bob Roe", {("b", "innov"): Judgment(None)})
    engagement = load_engagement(tiny)
    status = scoring_status(engagement)
    assert status[["evaluator", "judged", "expected", "partners_done", "to_do"]].values.tolist() == [
        ["Ann Lee", 2, 2, 2, ""], ["Bob Roe", 1, 2, 1, "b"]]
    assert main(["status", "acme"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Ann Lee: 2 of 2 judgments (100%), 0 with evidence; done.",
        "Bob Roe: 1 of 2 judgments (50%), 0 with evidence; 1 of 2 partners done; still to judge: b."]


def test_an_unknown_evaluator_cannot_save(tiny):
    with pytest.raises(InputError, match="this evaluator is not in the team"):
        save_judgments(tiny, "Eve", {("a", "innov"): Judgment(1.0)})


# --- the notebook's scoring form ---------------------------------------------------------------

def test_the_form_saves_one_evaluators_changed_judgments(example):
    from workbook.views.scoring_form import ScoringForm
    form = ScoringForm(load_engagement(example), "Aisha Rahman")
    before = _lines(example / "scores.csv")
    assert form.pending() == [] and "60 of 60 judgments" in form.progress.value
    score, note = form.controls[("rheinberg", "formulation_innovation")]
    assert score.value == 2.0
    score.value, note.value = 4.0, "Second site visit"
    assert form.pending() == [("rheinberg", "formulation_innovation")]
    form.save.click()
    assert "Saved." in form.status.value and form.pending() == []
    after = _lines(example / "scores.csv")
    assert [(a, b) for a, b in zip(before, after) if a != b] == [
        ("Aisha Rahman,rheinberg,formulation_innovation,2,",
         "Aisha Rahman,rheinberg,formulation_innovation,4,Second site visit")]


def test_the_form_refuses_to_overwrite_or_drop_judgments(example):
    from workbook.views.scoring_form import ScoringForm
    form = ScoringForm(load_engagement(example), "Tom Becker")
    form.controls[("apex", "listening")][0].value = 1.0
    # A scoresheet import lands meanwhile, on the same judgment.
    save_judgments(example, "Tom Becker", {("apex", "listening"): Judgment(2.0)})
    form.save.click()
    assert "Not saved." in form.status.value and "was changed to 2 by someone else" in form.status.value
    # Switching evaluator with unsaved judgments keeps them on screen.
    form.evaluator.value = "Jonas Weber"
    assert form.evaluator.value == "Tom Becker" and "Not switched." in form.status.value
    assert form.controls[("apex", "listening")][0].value == 1.0
    form.discard.click()  # reload: the form now shows the 2 from disk
    assert form.controls[("apex", "listening")][0].value == 2.0 and form.pending() == []
    form.evaluator.value = "Jonas Weber"
    jonas = evaluator_judgments(load_engagement(example).scores, "Jonas Weber")
    shown = {pair: score.value for pair, (score, _) in form.controls.items() if score.value}
    assert shown == {pair: j.score for pair, j in jonas.items()} and len(shown) == 58


def test_the_form_shows_a_half_point_score_without_changing_it(tiny):
    (tiny / "scores.csv").write_text((tiny / "scores.csv").read_text().replace("Ann Lee,a,innov,4",
                                                                               "Ann Lee,a,innov,3.5"))
    from workbook.views.scoring_form import ScoringForm
    form = ScoringForm(load_engagement(tiny), "Ann Lee")
    assert form.controls[("a", "innov")][0].value == 3.5 and form.pending() == []
    form.save.click()
    assert "Nothing to save." in form.status.value


def test_the_team_summary_names_who_is_still_at_work(tiny):
    from workbook.views.team_progress import team_summary
    save_judgments(tiny, "Bob Roe", {("b", "innov"): Judgment(None)})
    engagement = load_engagement(tiny)
    assert team_summary(scoring_status(engagement), engagement.partners["name"]) == [
        "3 of 4 judgments given (75%), 0 with evidence.", "Bob Roe: 1 of 2; still to judge Beta."]
    save_judgments(tiny, "Bob Roe", {("b", "innov"): Judgment(3.0, "Audit")})
    engagement = load_engagement(tiny)
    assert team_summary(scoring_status(engagement), engagement.partners["name"]) == [
        "Both evaluators have judged every partner: 4 judgments, 1 with evidence."]


def test_bad_cells_and_conflicts_are_reported_in_one_pass(example, capsys):
    path, _, _ = export_scoresheet(example, "Tom Becker", "tom.xlsx")
    save_judgments(example, "Tom Becker", {("apex", "formulation_innovation"): Judgment(2.0)})
    edit_scoresheet(path, Scores_C7=3, Scores_D8="seven")
    before = (example / "scores.csv").read_bytes()
    assert main(["import-scores", "example", "tom.xlsx"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "tom.xlsx, sheet Scores, cell C7: apex · formulation_innovation was changed in scores.csv "
        "to 2 after this scoresheet was made (it showed 4); importing would overwrite that (found "
        "'3'). Fix: export a fresh scoresheet with `workbook scoresheet` and enter your judgments there.",
        "tom.xlsx, sheet Scores, cell D8: the score must be a number from 1 to 5 (found 'seven'). "
        "Fix: pick a score from the cell's list, or leave the cell empty.",
        "2 problems found; nothing was written."]
    assert (example / "scores.csv").read_bytes() == before


def test_a_scoresheet_still_imports_after_the_folder_is_renamed(example, capsys):
    path, _, _ = export_scoresheet(example, "Aisha Rahman", "aisha.xlsx")
    moved = example.rename(example.parent / "halden-2026")
    edit_scoresheet(path, Scores_D7=5)
    assert main(["import-scores", str(moved.name), "aisha.xlsx"]) == 0
    assert "1 judgment of Aisha Rahman changed" in capsys.readouterr().out
