"""Tracking data in the shape clients have, read for what it says (issue 25): a share is never
silently a hundred times itself, a unit column is honoured or refused, and whose data it is is
said one way across the files. Messages are asserted exactly."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from workbook.cli import main
from workbook.core import paths
from workbook.core.measure_library import family, family_names
from workbook.core.thresholds import parse_threshold, threshold_unit
from workbook.engagement.model import load_engagement


@pytest.fixture
def example(tmp_path, monkeypatch):
    folder = shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "example")
    monkeypatch.chdir(folder)
    return folder


READINGS = "date,measure,value,unit\n"


@pytest.mark.parametrize("rows,expected", [
    ("2026-10-01,batch_consistency,95.2,\n",
     "quality/readings.csv, row 2, column value: batch_consistency is a share (its target is a percentage), "
     "and this reads as a percentage (found '95.2'). Fix: write the share as a fraction (0.952) or as 95.2%, "
     "or write % in a unit column."),
    ("2026-10-01,batch_consistency,95.2,h\n",
     "quality/readings.csv, row 2, column unit: the unit is h, but batch_consistency is a share (its target "
     "is a percentage) (found 'h'). Fix: write % as the unit and the value as a percentage (95.2), or leave "
     "the unit empty and write the share as a fraction."),
    ("2026-10-01,internal_quality_rating,4.1,%\n",
     "quality/readings.csv, row 2, column unit: the unit is %, but internal_quality_rating is not a share "
     "(its target is not a percentage) (found '%'). Fix: leave the unit empty, or write the unit the "
     "measure's target counts in."),
])
def test_a_share_written_as_a_percentage_is_refused_never_scaled(example, capsys, rows, expected):
    """The 3PL's readings said 95.2 with a unit of % and the report said 7850.0% 'on target'."""
    (example / "quality" / "readings.csv").write_text(READINGS + rows)
    assert main(["validate", "."]) == 2
    assert capsys.readouterr().err.splitlines()[0] == expected


def test_a_unit_of_percent_is_honoured(example):
    """95.2 with a unit of % is the share 0.952; 95.2% is too; 0.952 without a unit as well."""
    (example / "quality" / "readings.csv").write_text(
        READINGS + "2026-10-01,batch_consistency,95.2,%\n2026-10-02,batch_consistency,95.2%,\n"
                   "2026-10-03,batch_consistency,0.952,\n2026-10-04,batch_consistency,0.41,%\n")
    values = load_engagement(".").quality.readings["value"].tolist()
    assert values == pytest.approx([0.952, 0.952, 0.952, 0.0041])


def test_every_library_measures_thresholds_are_written_in_its_unit():
    """A share's targets and alert are percentages, a duration's are in its own unit, a score's
    and an NPS's carry none; the alert lies on the bad side of both targets (the threshold
    discipline's is never stricter than the lead's), for every measure of every family."""
    for name in family_names():
        for m in family(name):
            for text in (m.target, m.threshold or m.target, m.alert):
                unit = threshold_unit(text)
                assert unit == ("share" if m.is_share else m.unit if m.unit in ("days", "hours", "seconds")
                                else None), (name, m.id, text)
            lead, threshold, alert = (parse_threshold(t)[1] for t in (m.target, m.threshold or m.target, m.alert))
            higher = m.direction == "higher"
            assert (lead >= threshold > alert) if higher else (lead <= threshold < alert), (name, m.id)
            assert parse_threshold(m.target)[0] == (">=" if higher else "<=")


def test_whose_data_it_is_is_said_one_way(example, capsys):
    """Four files named the partner on every row and one had no partner column: the page said both
    'Partner tracked: …' and 'the data does not say which partner it is about'."""
    feedback = (example / "quality" / "feedback.csv").read_text().splitlines()
    (example / "quality" / "feedback.csv").write_text(
        "\n".join([feedback[0] + ",partner"] + [line + ",apex" for line in feedback[1:]]) + "\n")
    assert main(["validate", "."]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors[0] == (
        "quality/deliveries.csv, row 1, column partner: the partner column is missing, while feedback.csv "
        "names the partner on every row. Fix: add a partner column with the id of the partner each row is "
        "about, or take it out of the other files when all the data is about the partner under contract.")
    assert [e.split(",")[0] for e in errors if "the partner column is missing" in e] == [
        "quality/deliveries.csv", "quality/readings.csv", "quality/complaints.csv"]


@pytest.mark.parametrize("written,unit", [("176.17", "%"), ("-76.17", "%"), ("-0.2", "")])
def test_a_share_beyond_0_to_100_percent_is_refused_with_its_row(tmp_path, capsys, written, unit):
    """A first-contact fix rate of 176.17% passed validation, then stopped the render with "math
    domain error": it is bad input, named with its file, row, column and value, exit status 2."""
    import shutil

    from workbook.cli import main
    from workbook.core import paths
    folder = shutil.copytree(paths.DATA_DIR / "service-desk", tmp_path / "service-desk")
    path = folder / "quality" / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = ",".join(["2026-03", "all", "first_time_fix", written, "2543", unit, "tickets the desk could fix"])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert (f"observations.csv, row 3, column value: first_time_fix is a share, and a share lies between 0% and "
            f"100% (found '{written}'). Fix: write the share of the period between 0 and 1 (0% to 100%)") in err
    assert "Traceback" not in err


@pytest.mark.parametrize("old,new", [("  share_of: tickets", "  share_off: tickets"),
                                     ("measures: it-services ", "measures: it-service ")])
def test_one_mistake_in_engagement_yaml_is_one_problem_not_one_per_tracking_row(tmp_path, capsys, old, new):
    """A misspelt words entry once brought 45 more: every observations.csv row "not a measure of the
    quality plan" of a goods plan. The measures are then checked against the whole library, and
    the check against the engagement's own family is named as not done."""
    from workbook.cli import main
    from workbook.core import paths
    folder = shutil.copytree(paths.DATA_DIR / "service-desk", tmp_path / "service-desk")
    path = folder / "engagement.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "1 problem found" in err and "observations.csv" not in err.split("Not checked until then")[0]
    assert ("Not checked until then: the quality/ files: their measures against the measure library's family "
            "of the engagement, because engagement.yaml could not be read.") in err


def test_a_rating_beyond_1_to_5_is_refused_with_its_row(tmp_path, capsys):
    """A user satisfaction answer of 7 on the 1-5 scale was taken in and averaged."""
    from workbook.cli import main
    from workbook.core import paths
    folder = shutil.copytree(paths.DATA_DIR / "service-desk", tmp_path / "service-desk")
    path = folder / "quality" / "feedback.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(lines) if ",survey,quality_rating," in line)
    lines[row] = lines[row].rsplit(",", 2)[0] + ",7,"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["validate", str(folder)]) == 2
    assert (f"feedback.csv, row {row + 1}, column value: quality_rating is a rating from 1 to 5 (found '7'). "
            f"Fix: write the rating from 1 (poor) to 5 (excellent).") in capsys.readouterr().err


def test_one_decimal_comma_among_decimal_points_leaves_the_rest_readable(tmp_path):
    """"76,17" in a file whose other numbers write 3.95 made nine innocent rows (99.958)
    ambiguous, and they were refused. The file's numbers show a point three times as often: it is
    the file's mark, 99.958 reads as written, and 76,17, unambiguous, as 76.17."""
    from workbook.core import paths
    from workbook.engagement.model import load_engagement
    folder = shutil.copytree(paths.DATA_DIR / "service-desk", tmp_path / "service-desk")
    path = folder / "quality" / "observations.csv"
    text = path.read_text(encoding="utf-8")
    old = "2026-03,all,first_time_fix,76.17,"
    assert text.count(old) == 1 and text.count(",99.958,") == 1
    path.write_text(text.replace(old, '2026-03,all,first_time_fix,"76,17",'), encoding="utf-8")
    observed = load_engagement(folder).quality.observations.set_index(["measure", "month"])["value"]
    march = pd.Period("2026-03", "M")
    assert observed[("first_time_fix", march)] == pytest.approx(0.7617)
    assert observed[("availability", march)] == pytest.approx(0.99958)
