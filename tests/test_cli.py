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
