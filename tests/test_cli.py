"""The command line: exact texts and exit statuses, as a user sees them."""

import subprocess
import sys

import pytest

from workbook.cli import main


def test_new_scaffolds_an_engagement_that_validates(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "data/acme"]) == 0
    assert capsys.readouterr().out == (
        "Created data/acme: edit its files, then run `workbook validate data/acme`.\n")
    assert sorted(p.name for p in (tmp_path / "data" / "acme").iterdir()) == [
        "criteria.csv", "engagement.yaml", "partners.csv", "scores.csv", "supply.csv"]
    assert main(["validate", "data/acme"]) == 0


def test_new_refuses_to_overwrite(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "notes.txt").write_text("mine")
    assert main(["new", "acme"]) == 2
    assert capsys.readouterr().err == (
        "workbook: acme already exists and is not empty; choose a new name or remove it first\n")
    assert (tmp_path / "acme" / "notes.txt").read_text() == "mine"


def test_usage_errors_exit_2_without_traceback():
    run = subprocess.run([sys.executable, "-m", "workbook", "frobnicate"], capture_output=True, text=True)
    assert run.returncode == 2
    assert "invalid choice: 'frobnicate'" in run.stderr and "Traceback" not in run.stderr


def test_python_m_workbook_validates_with_status_2(tiny):
    (tiny / "criteria.csv").write_text((tiny / "criteria.csv").read_text().replace("benefit", "good"))
    run = subprocess.run([sys.executable, "-m", "workbook", "validate", "acme"], capture_output=True,
                         text=True, cwd=tiny.parent)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines() == [
        "acme/criteria.csv, row 2, column direction: the direction is not benefit or cost (found 'good'). "
        "Fix: write benefit (more is better) or cost (less is better).",
        "1 problem found; nothing was written."]


def test_an_unwritable_output_folder_is_a_clear_error(tiny, capsys):
    (tiny.parent / "taken").write_text("a file, not a folder")
    assert main(["render", "acme", "--out", "taken"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbook: cannot use ") and "taken" in err and "Traceback" not in err


def test_an_unexpected_error_is_one_line_unless_debugging(tiny, capsys, monkeypatch):
    import workbook.cli as cli

    def broken(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(cli.COMMANDS, "validate", broken)
    assert main(["validate", "acme"]) == 1
    assert capsys.readouterr().err == (
        "workbook: unexpected error (ZeroDivisionError: division by zero). This is a bug in the "
        "workbook; run again with WORKBOOK_DEBUG=1 to see the traceback and report it.\n")
    monkeypatch.setenv("WORKBOOK_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["validate", "acme"])


def test_a_file_given_for_a_folder_is_named_as_such(tiny, capsys):
    assert main(["validate", "acme/engagement.yaml"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "acme/engagement.yaml: this is a file, not an engagement folder. Fix: name its folder, acme.")


def test_a_path_outside_the_working_folder_is_shown_absolute(tiny, tmp_path, capsys, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    (tiny / "scores.csv").write_text("evaluator,partner,criterion,score\nAnn Lee,a,innov,9\n")
    assert main(["validate", str(tiny)]) == 2
    assert capsys.readouterr().err.startswith(f"{tiny}/scores.csv, row 2, column score:")


def test_zero_jobs_is_refused_with_the_fix(tiny, capsys):
    assert main(["render", "--all", ".", "-j", "0"]) == 2
    assert capsys.readouterr().err.strip() == (
        "workbook: --jobs takes a whole number of 1 or more (found 0); leave it out for one render per core")


def test_render_options_are_part_of_unchanged(tiny, tmp_path):
    import json

    from workbook.report import provenance
    report = tmp_path / "out" / "acme"
    report.mkdir(parents=True)

    def last_render(pdf_made: bool, options: dict):
        manifest = {"status": "ok", "inputs_digest": provenance._digest(provenance.input_files(tiny)),
                    "fingerprints": provenance.code_fingerprints(), "options": options,
                    "pdf": "report.pdf" if pdf_made else None}
        (report / provenance.MANIFEST).write_text(json.dumps(manifest))
        (report / "report.pdf").unlink(missing_ok=True)
        if pdf_made:
            (report / "report.pdf").write_bytes(b"%PDF-1.7")

    no_pdf, with_pdf = provenance.render_options(tiny, pdf=False), provenance.render_options(tiny, pdf=True)
    last_render(False, no_pdf)
    assert provenance.is_current(tiny, report, no_pdf)
    assert not provenance.is_current(tiny, report, with_pdf)  # a PDF is wanted now: render again
    last_render(True, with_pdf)
    assert provenance.is_current(tiny, report, with_pdf)
    (report / "report.pdf").unlink()
    assert not provenance.is_current(tiny, report, with_pdf)  # the PDF went missing
    (tiny / "engagement.yaml").write_text((tiny / "engagement.yaml").read_text() + "as_of: today\n")
    today = provenance.render_options(tiny, pdf=True, today="2026-11-25")
    assert today == {"pdf": True, "day": "2026-11-25"}
    assert provenance.render_options(tiny, pdf=True, today="2026-11-26") != today  # redone each day
