"""Hostile files and everyday faults on the team side (issue 23): scoresheets and scores.csv.

Every refused input names file, sheet and cell (or row and column), the bad value and the fix, all
problems at once, with exit status 2, and leaves the engagement folder byte for byte as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import edit_scoresheet, tree

from workbook.cli import main
from workbook.core.errors import InputError
from workbook.engagement.model import load_engagement
from workbook.team.judgments import Judgment, save_judgments
from workbook.views.scoresheet import export_scoresheet

# The tiny engagement's scoresheet: partner a in column C, b in column D, ids on row 5; the group
# "Innovation" on row 6 and the criterion innov on row 7. Ann Lee judged a 4 and b 3.

EXPORT_AGAIN = "export a fresh scoresheet with `workbook scoresheet` and enter your judgments there"
PICK = "Fix: pick a score from the cell's list, or leave the cell empty."




def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def refused(capsys, folder, *argv):
    """Run a command that must refuse: the problems it printed; the folder is unchanged."""
    before = tree(folder)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, []), err
    assert tree(folder) == before
    return err


def set_scores(folder, text):
    (folder / "scores.csv").write_bytes(text.encode("utf-8"))


@pytest.fixture
def sheet(tiny):
    """Ann Lee's scoresheet of the tiny engagement, as ann.xlsx."""
    export_scoresheet(tiny, "Ann Lee", "ann.xlsx")
    return tiny.parent / "ann.xlsx"


# --- 1. an accepted spelling in scores.csv ---------------------------------------------------

def test_rows_in_another_accepted_spelling_are_replaced_and_removed(tiny, capsys):
    set_scores(tiny, "evaluator,partner,criterion,score\n"
                     "ann lee,a,innov,4\nANN LEE,B,innov,3\nBob Roe,a,innov,5\nBob Roe,b,innov,2\n")
    export_scoresheet(tiny, "Ann Lee", "ann.xlsx")
    edit_scoresheet("ann.xlsx", Scores_C7=2, Scores_D7=None)
    assert run(capsys, "import-scores", "acme", "ann.xlsx") == (0, [
        "acme/scores.csv: judgments of Ann Lee from ann.xlsx",
        "  changed   a · innov: score 4 → 2",
        "  removed   b · innov: score 3 → –",
        "2 judgments of Ann Lee changed, 0 unchanged; no other evaluator's judgment was touched.",
        "The previous scores.csv is kept as acme/scores.csv.bak."], [])
    assert (tiny / "scores.csv").read_text() == (
        "evaluator,partner,criterion,score\nAnn Lee,a,innov,2\nBob Roe,a,innov,5\nBob Roe,b,innov,2\n")
    assert run(capsys, "validate", "acme")[0] == 0


def test_an_unchanged_row_keeps_its_spelling_and_its_place(tiny, capsys):
    set_scores(tiny, "evaluator,partner,criterion,score\n"
                     "ann lee,a,innov,4\nann lee,b,innov,3\nBob Roe,a,innov,5\nBob Roe,b,innov,2\n")
    export_scoresheet(tiny, "Ann Lee", "ann.xlsx")
    edit_scoresheet("ann.xlsx", Scores_D7=5)
    assert run(capsys, "import-scores", "acme", "ann.xlsx")[0] == 0
    assert (tiny / "scores.csv").read_text() == (
        "evaluator,partner,criterion,score\nann lee,a,innov,4\nAnn Lee,b,innov,5\nBob Roe,a,innov,5\n"
        "Bob Roe,b,innov,2\n")


# --- 2. the file's layout is kept --------------------------------------------------------------

@pytest.mark.parametrize("bom, newline, delimiter", [
    ("", "\r\n", ","), ("\ufeff", "\r\n", ","), ("\ufeff", "\n", ";"), ("", "\r\n", "\t")])
def test_line_ends_bom_and_delimiter_are_kept(tiny, bom, newline, delimiter):
    lines = ["evaluator,partner,criterion,score", "Ann Lee,a,innov,4", "Ann Lee,b,innov,3",
             "Bob Roe,a,innov,5", "Bob Roe,b,innov,2"]
    lines = [line.replace(",", delimiter) for line in lines]
    set_scores(tiny, bom + newline.join(lines) + newline)
    export_scoresheet(tiny, "Bob Roe", "bob.xlsx")
    edit_scoresheet("bob.xlsx", Scores_D7=4)
    assert main(["import-scores", "acme", "bob.xlsx"]) == 0
    raw = (tiny / "scores.csv").read_bytes()
    assert raw == (bom + newline.join(lines[:4] + [f"Bob Roe{delimiter}b{delimiter}innov{delimiter}4"])
                   + newline).encode("utf-8")


def test_a_crlf_file_from_excel_shows_only_the_changed_line_in_a_diff(tiny):
    set_scores(tiny, "# judgments of the team\r\nevaluator,partner,criterion,score,evidence\r\n"
                     "Ann Lee,a,innov,4,\"Visit\nand call\"\r\nAnn Lee,b,innov,3,\r\n"
                     "Bob Roe,a,innov,5,\r\nBob Roe,b,innov,2,\r\n")
    before = (tiny / "scores.csv").read_bytes().split(b"\r\n")
    save_judgments(tiny, "Ann Lee", {("b", "innov"): Judgment(1.0, "Audit")})
    after = (tiny / "scores.csv").read_bytes().split(b"\r\n")
    assert [(a, b) for a, b in zip(before, after) if a != b] == [
        (b"Ann Lee,b,innov,3,", b"Ann Lee,b,innov,1,Audit")] and len(before) == len(after)


# --- 3. formulas -------------------------------------------------------------------------------

@pytest.mark.parametrize("cells, found", [
    ({"Scores_C7": "=4"}, ("Scores", "C7", "=4")),
    ({"Scores_C7": "=B3"}, ("Scores", "C7", "=B3")),
    ({"Evidence_C7": "=A1"}, ("Evidence", "C7", "=A1")),
    ({"Scores_C5": "=D5"}, ("Scores", "C5", "=D5")),
    ({"Scores_A7": '="innov"'}, ("Scores", "A7", '="innov"')),
])
def test_a_formula_without_a_cached_value_is_refused(sheet, capsys, cells, found):
    edit_scoresheet(sheet, **cells)
    name, cell, formula = found
    err = refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx")
    assert err[0] == (f"ann.xlsx, sheet {name}, cell {cell}: the cell holds a formula; the import "
                      f"takes only values typed in (found {formula!r}). Fix: type the value itself.")
    assert err[-1].endswith("found; nothing was written.")


def _cache(path, cell, value):
    """Give a formula cell the cached result Excel would store with it."""
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    name = "xl/worksheets/sheet2.xml"  # Scores
    xml = files[name].decode()
    xml, n = re.subn(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*(<v\s*/>|<v></v>)?', rf"\1<v>{value}</v>", xml)
    assert n == 1
    files[name] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(n, data)


def test_a_formula_with_a_cached_value_is_refused_too(sheet, capsys):
    edit_scoresheet(sheet, Scores_C7="=2+3")
    _cache(sheet, "C7", 5)
    assert openpyxl.load_workbook(sheet, data_only=True)["Scores"]["C7"].value == 5
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        "ann.xlsx, sheet Scores, cell C7: the cell holds a formula; the import takes only values "
        "typed in (found '=2+3'). Fix: type the value itself.",
        "1 problem found; nothing was written."]


# --- 4. ids moved or repeated in an unprotected sheet -----------------------------------------

def test_a_repeated_partner_id_names_both_cells(sheet, capsys):
    edit_scoresheet(sheet, Scores_D5="a", Evidence_D5="a", Scores_D7=5)
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        "ann.xlsx, sheet Scores, cell D5: the partner id is in cell C5 too, so judgments could "
        "land on the wrong partner (found 'a'). Fix: give the columns back the ids they were "
        f"exported with, or {EXPORT_AGAIN}.",
        "1 problem found; nothing was written."]


def test_a_repeated_criterion_id_names_both_cells(tiny, capsys):
    criteria = (tiny / "criteria.csv").read_text()
    (tiny / "criteria.csv").write_text(criteria + "design,Design,innovation,benefit,score,1,0,0,,\n")
    set_scores(tiny, (tiny / "scores.csv").read_text() + "Ann Lee,a,design,2\nBob Roe,b,design,3\n")
    export_scoresheet(tiny, "Ann Lee", "ann.xlsx")
    edit_scoresheet("ann.xlsx", Scores_A8="innov", Evidence_A8="innov", Scores_C8=1)
    assert refused(capsys, tiny, "import-scores", "acme", "ann.xlsx") == [
        "ann.xlsx, sheet Scores, cell A8: the criterion id is in cell A7 too, so judgments could "
        "land on the wrong criterion (found 'innov'). Fix: give the rows back the ids they were "
        f"exported with, or {EXPORT_AGAIN}.",
        "1 problem found; nothing was written."]


def test_evidence_sheet_ids_that_no_longer_match_the_scores_sheet_are_refused(sheet, capsys):
    edit_scoresheet(sheet, Evidence_C5="b", Evidence_D5="a", Evidence_C7="Visit", Scores_C7=5)
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        "ann.xlsx, sheet Evidence, cell C5: cell C5 of sheet Scores holds 'a'; the two sheets must "
        "match cell for cell (found 'b'). Fix: give both sheets the ids they were exported with, or "
        f"{EXPORT_AGAIN}.",
        "ann.xlsx, sheet Evidence, cell D5: cell D5 of sheet Scores holds 'b'; the two sheets must "
        "match cell for cell (found 'a'). Fix: give both sheets the ids they were exported with, or "
        f"{EXPORT_AGAIN}.",
        "2 problems found; nothing was written."]


# --- 5. whole scores ---------------------------------------------------------------------------

@pytest.mark.parametrize("value", [4.5, "3,5", 1.25])
def test_a_half_point_in_a_scoresheet_is_refused(sheet, capsys, value):
    edit_scoresheet(sheet, Scores_C7=value)
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        "ann.xlsx, sheet Scores, cell C7: the score must be a whole number from 1 to 5; the scale "
        f"has no half points (found {value!r}). {PICK}",
        "1 problem found; nothing was written."]


def test_a_half_point_typed_in_scores_csv_is_kept_when_left_alone(tiny, capsys):
    set_scores(tiny, (tiny / "scores.csv").read_text().replace("Ann Lee,a,innov,4", "Ann Lee,a,innov,3.5"))
    export_scoresheet(tiny, "Ann Lee", "ann.xlsx")
    edit_scoresheet("ann.xlsx", Scores_D7=5)
    assert run(capsys, "import-scores", "acme", "ann.xlsx")[1][1:3] == [
        "  changed   b · innov: score 3 → 5",
        "1 judgment of Ann Lee changed, 1 unchanged; no other evaluator's judgment was touched."]
    assert "Ann Lee,a,innov,3.5\nAnn Lee,b,innov,5\n" in (tiny / "scores.csv").read_text()


# --- 6 and 7. names as people type them --------------------------------------------------------

def _team(folder, *names):
    yaml = (folder / "engagement.yaml").read_text()
    (folder / "engagement.yaml").write_text(yaml.replace("[Ann Lee, Bob Roe]",
                                                         "[" + ", ".join(names) + "]"))


def test_an_unknown_evaluator_gets_did_you_mean(tiny, capsys):
    _team(tiny, "Ann Lee", "Bob Roe", "Karin Öberg")
    assert refused(capsys, tiny, "scoresheet", "acme", "--evaluator", "karin oberg") == [
        "acme/engagement.yaml, key team.evaluators: this evaluator is not in the team (found "
        "'karin oberg'). Fix: did you mean `Karin Öberg`? Otherwise use one of Ann Lee, Bob Roe, "
        "Karin Öberg, or add the person to team.evaluators.",
        "1 problem found; nothing was written."]
    assert not (tiny.parent / "scoresheets").exists()


def test_a_name_in_another_case_makes_the_sheet_of_the_team_member(tiny, capsys):
    assert run(capsys, "scoresheet", "acme", "--evaluator", " ann LEE ") == (0, [
        "Wrote scoresheets/scoresheet-acme-ann-lee.xlsx for Ann Lee: 2 judgments to make, 2 already "
        "filled in. When it comes back: workbook import-scores acme "
        "scoresheets/scoresheet-acme-ann-lee.xlsx"], [])


def test_a_decomposed_name_is_the_same_name(tiny, capsys):
    composed, decomposed = "José Díaz", unicodedata.normalize("NFD", "José Díaz")
    assert composed != decomposed
    _team(tiny, "Ann Lee", composed)
    set_scores(tiny, f"evaluator,partner,criterion,score\nAnn Lee,a,innov,4\nAnn Lee,b,innov,3\n"
                     f"{decomposed},a,innov,5\n{decomposed},b,innov,2\n")
    assert run(capsys, "validate", "acme")[0] == 0
    assert run(capsys, "scoresheet", "acme", "--evaluator", decomposed)[1] == [
        "Wrote scoresheets/scoresheet-acme-jose-diaz.xlsx for José Díaz: 2 judgments to make, 2 "
        "already filled in. When it comes back: workbook import-scores acme "
        "scoresheets/scoresheet-acme-jose-diaz.xlsx"]
    edit_scoresheet("scoresheets/scoresheet-acme-jose-diaz.xlsx", Scores_D7=4)
    assert main(["import-scores", "acme", "scoresheets/scoresheet-acme-jose-diaz.xlsx"]) == 0
    assert (tiny / "scores.csv").read_text().splitlines()[3:] == [
        f"{decomposed},a,innov,5", f"{composed},b,innov,4"]
    assert run(capsys, "validate", "acme")[0] == 0


# --- 8. what the evaluator is sent -------------------------------------------------------------

def test_the_scoresheet_holds_no_path_and_no_folder_name(tiny, capsys, tmp_path):
    folder = tiny.rename(tmp_path / "internal-x9")
    path, _, _ = export_scoresheet(folder, "Bob Roe", "bob.xlsx")
    book = openpyxl.load_workbook(path)
    text = [str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value]
    assert not [t for t in text if "internal-x9" in t or str(tmp_path) in t]
    lines = [row[0] for row in book["Instructions"].iter_rows(values_only=True) if row[0]]
    assert lines[:3] == ["Scoresheet of Bob Roe", "Acme Coatings: Pick a toll manufacturer",
                         f"Made {dt.date.today().isoformat()} by Ann Lee."]
    assert "5. Save the file (keep the .xlsx format) and hand it back to Ann Lee, who imports it " \
           "into the decision's scores." in lines
    edit_scoresheet(path, Scores_C7=1)
    assert main(["import-scores", "internal-x9", "bob.xlsx"]) == 0  # still matched on client and decision


# --- files that are not scoresheets ------------------------------------------------------------

def test_a_zip_bomb_is_not_opened(tiny, capsys):
    with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as entry:
            for _ in range(60):
                entry.write(b"\0" * 1_000_000)
    assert Path("bomb.xlsx").stat().st_size < 1_000_000
    assert refused(capsys, tiny, "import-scores", "acme", "bomb.xlsx") == [
        "bomb.xlsx: the file unpacks to 60 MB, far more than a scoresheet (at most 50 MB); it is not "
        "opened. Fix: import the scoresheet `workbook scoresheet` made, filled in and saved in Excel.",
        "1 problem found; nothing was written."]


NOT_XLSX = ("the file is not an Excel workbook (.xlsx). Fix: save it in Excel as 'Excel Workbook "
            "(.xlsx)' and import that.")


@pytest.mark.parametrize("content", [
    b"evaluator,partner,criterion,score\n", b"", b"PK\x03\x04broken",
    "zip: a zip archive that holds no workbook", "xml: a scoresheet whose sheet is not XML"])
def test_files_that_are_not_workbooks_are_refused(sheet, capsys, content):
    if content == "zip: a zip archive that holds no workbook":
        with zipfile.ZipFile("x.xlsx", "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
    elif content == "xml: a scoresheet whose sheet is not XML":
        with zipfile.ZipFile(sheet) as z:
            files = {n: z.read(n) for n in z.namelist()}
        files["xl/worksheets/sheet2.xml"] = b"<worksheet><sheetData><row r='1'><c r='A1'"
        with zipfile.ZipFile("x.xlsx", "w") as z:
            for n, data in files.items():
                z.writestr(n, data)
    else:
        Path("x.xlsx").write_bytes(content)
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "x.xlsx") == [
        f"x.xlsx: {NOT_XLSX}", "1 problem found; nothing was written."]


def test_a_folder_is_not_a_scoresheet(tiny, capsys):
    Path("sheets.xlsx").mkdir()
    assert refused(capsys, tiny, "import-scores", "acme", "sheets.xlsx") == [
        "sheets.xlsx: this is a folder, not a scoresheet. Fix: give the path of the .xlsx file.",
        "1 problem found; nothing was written."]


@pytest.mark.parametrize("change, found", [("rename", "Scores"), ("delete", "Evidence")])
def test_a_renamed_or_deleted_sheet_is_named(sheet, capsys, change, found):
    book = openpyxl.load_workbook(sheet)
    if change == "rename":
        book["Scores"].title = "Scores (2)"
    else:
        del book["Evidence"]
    book.save(sheet)
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        f"ann.xlsx: the scoresheet lacks sheets it was made with (found {found!r}). Fix: "
        f"{EXPORT_AGAIN}.", "1 problem found; nothing was written."]


def test_a_used_range_of_a_million_rows_is_not_read(sheet, capsys):
    book = openpyxl.load_workbook(sheet)
    book["Scores"]["XFD1048576"] = 1
    book["Scores"]["C7"] = 2
    book.save(sheet)
    code, out, err = run(capsys, "import-scores", "acme", "ann.xlsx")
    assert (code, out[1], err) == (0, "  changed   a · innov: score 4 → 2", [])


# --- odd values --------------------------------------------------------------------------------

def _raw_value(path, cell, value):
    """Store ``value`` as the cell's number exactly as written (1e309 cannot be set otherwise)."""
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    xml = files["xl/worksheets/sheet2.xml"].decode()
    xml, n = re.subn(rf'<c r="{cell}"([^>]*)><v>[^<]*</v></c>', rf'<c r="{cell}"\1><v>{value}</v></c>', xml)
    assert n == 1
    files["xl/worksheets/sheet2.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in files.items():
            z.writestr(n, data)


@pytest.mark.parametrize("value, message", [
    (True, "the score must be a number from 1 to 5 (found True). " + PICK),
    ("4 ", None),
    (dt.datetime(1900, 1, 4), "the cell holds a date, not a score (found '1900-01-04'). Fix: pick a "
     "score from the cell's list (if a date shows, set the cell's format back to General), or leave "
     "the cell empty."),
    (dt.time(4, 0), "the cell holds a date, not a score (found '04:00:00'). Fix: pick a score from "
     "the cell's list (if a date shows, set the cell's format back to General), or leave the cell "
     "empty."),
    ("#N/A", "the score must be a number from 1 to 5 (found '#N/A'). " + PICK),
    (0, "the score must be a number from 1 to 5 (found 0). " + PICK),
])
def test_odd_score_values(sheet, capsys, value, message):
    edit_scoresheet(sheet, Scores_D7=value)
    if message is None:  # a number typed as text is the number
        code, out, _ = run(capsys, "import-scores", "acme", "ann.xlsx")
        assert (code, out[1]) == (0, "  changed   b · innov: score 3 → 4")
        return
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        f"ann.xlsx, sheet Scores, cell D7: {message}", "1 problem found; nothing was written."]


def test_a_score_of_1e309_is_refused(sheet, capsys):
    edit_scoresheet(sheet, Scores_D7=2)
    _raw_value(sheet, "D7", "1e309")
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        f"ann.xlsx, sheet Scores, cell D7: the score must be a number from 1 to 5 (found inf). {PICK}",
        "1 problem found; nothing was written."]


@pytest.mark.parametrize("note", ["=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0",
                                  "@SUM(1)", "-2+3+cmd|' /C calc'!A0"])
def test_evidence_a_spreadsheet_would_run_is_refused(sheet, capsys, note):
    book = openpyxl.load_workbook(sheet)
    book["Evidence"]["C7"] = note
    book["Evidence"]["C7"].data_type = "s"  # typed as text ('=...), not a formula
    book.save(sheet)
    assert refused(capsys, sheet.parent / "acme", "import-scores", "acme", "ann.xlsx") == [
        f"ann.xlsx, sheet Evidence, cell C7: the evidence starts with {note[0]!r} (found {note!r}). "
        "Fix: begin the note with a word (a spreadsheet would run it as a formula when scores.csv "
        "is opened).", "1 problem found; nothing was written."]


def test_the_form_cannot_save_evidence_a_spreadsheet_would_run_either(tiny):
    before = tree(tiny)
    with pytest.raises(InputError) as caught:
        save_judgments(tiny, "Ann Lee", {("a", "innov"): Judgment(4.0, "=1+1")})
    assert [str(p) for p in caught.value.problems] == [
        "acme/scores.csv, column evidence: the evidence Ann Lee gives for a · innov starts with '=' "
        "(found '=1+1'). Fix: begin the note with a word (a spreadsheet would run it as a formula "
        "when scores.csv is opened)."]
    assert tree(tiny) == before


def test_html_and_odd_evidence_stay_text(sheet, capsys):
    edit_scoresheet(sheet, Evidence_C7="<script>alert(1)</script> & <b>site visit</b>", Evidence_D7=12,
         Scores_C7=5)
    assert main(["import-scores", "acme", "ann.xlsx"]) == 0
    text = (sheet.parent / "acme" / "scores.csv").read_text()
    assert "Ann Lee,a,innov,5,<script>alert(1)</script> & <b>site visit</b>\nAnn Lee,b,innov,3,12\n" in text
    path, _, _ = export_scoresheet(sheet.parent / "acme", "Ann Lee", "again.xlsx")
    cell = openpyxl.load_workbook(path)["Evidence"]["C7"]
    assert (cell.value, cell.data_type) == ("<script>alert(1)</script> & <b>site visit</b>", "s")


def test_evidence_already_in_scores_csv_does_not_block_a_new_score(tiny, capsys):
    set_scores(tiny, "evaluator,partner,criterion,score,evidence\nAnn Lee,a,innov,4,-> see audit\n"
                     "Ann Lee,b,innov,3,\nBob Roe,a,innov,5,\nBob Roe,b,innov,2,\n")
    export_scoresheet(tiny, "Ann Lee", "ann.xlsx")
    edit_scoresheet("ann.xlsx", Scores_C7=2)
    assert run(capsys, "import-scores", "acme", "ann.xlsx")[:2] == (0, [
        "acme/scores.csv: judgments of Ann Lee from ann.xlsx",
        "  changed   a · innov: score 4 → 2",
        "1 judgment of Ann Lee changed, 1 unchanged; no other evaluator's judgment was touched.",
        "The previous scores.csv is kept as acme/scores.csv.bak."])
    # written inert, as every CSV the workbook writes, and read back as typed
    assert "Ann Lee,a,innov,2,'-> see audit\n" in (tiny / "scores.csv").read_text()
    assert load_engagement(tiny).scores["evidence"].iloc[0] == "-> see audit"


def test_an_xls_or_a_password_protected_workbook_is_named_as_such(tiny, capsys):
    Path("locked.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
    assert refused(capsys, tiny, "import-scores", "acme", "locked.xlsx") == [
        "locked.xlsx: the file is an Excel 97-2003 workbook (.xls) or one protected with a password "
        "to open. Fix: save it in Excel as 'Excel Workbook (.xlsx)' without a password to open, and "
        "import that.", "1 problem found; nothing was written."]
