"""The silent-mistakes corpus: everyday slips in real engagements must never change a figure unseen.

Each case takes a valid engagement (the chemicals example, or the contact-centre engagement from
a service industry), makes one small mistake a user makes, and asserts one of two outcomes:
validation stops with the exact line that names file, row, column, value and fix; or the figures
come out exactly as the user meant (those of the engagement without the mistake).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from workbook.cli import main
from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.quality.assessment import assess_quality, save_plan
from workbook.quality.alerts import SHOWN
from workbook.scoring.assessment import assess_partners
from workbook.strategy.weights import weigh_engagement

ENGAGEMENTS = {"ex": paths.DATA_DIR / "example", "cc": paths.DATA_DIR / "contact-centre"}


def figures(folder: Path) -> dict:
    """What a client would read: weights, ranking, flags, the quality figures and alerts."""
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    quality = assess_quality(engagement, strategy, assessment)
    table = assessment.ranking.table.set_index("partner")
    return {"weights": weighing.series.round(10).to_dict(),
            "ranking": table[["rank", "weighted_sum", "flags"]].round(10).astype(str).to_dict(),
            "status": quality.status[["kpi_id", "latest", "period", "status"]].astype(str).values.tolist(),
            "alerts": quality.alerts[SHOWN].astype(str).values.tolist(),
            "calendar": len(quality.calendar), "as_of": str(quality.as_of),
            "process": quality.process_measures}


_CLEAN: dict[str, dict] = {}


def clean_figures(key: str) -> dict:
    if key not in _CLEAN:
        _CLEAN[key] = figures(ENGAGEMENTS[key])
    return _CLEAN[key]


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """Copy an engagement into tmp_path (the working folder) and return a function editing it."""
    monkeypatch.chdir(tmp_path)

    def make(key: str) -> Path:
        folder = tmp_path / ENGAGEMENTS[key].name
        shutil.copytree(ENGAGEMENTS[key], folder)
        return folder
    return make


def replace(folder: Path, file: str, old: str, new: str, count: int = 0) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new) if not count else text.replace(old, new, count), encoding="utf-8")


def sub(folder: Path, file: str, pattern: str, new, flags=re.M) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, new, text, flags=flags)
    assert changed != text, f"{pattern!r} matched nothing in {file}"
    path.write_text(changed, encoding="utf-8")


def errors(folder: Path, capsys) -> list[str]:
    assert main(["validate", folder.name]) == 2
    return capsys.readouterr().err.splitlines()


# Harmless variants: understood, normalised, and the figures are those of the clean engagement.
MEANT = [
    ("ex", "measure NPS in capitals", lambda f: replace(f, "quality/feedback.csv", ",nps,", ",NPS,")),
    ("cc", "measure Nps", lambda f: replace(f, "quality/feedback.csv", ",nps,", ",Nps,")),
    ("cc", "measure 'quality rating' with a space", lambda f: replace(f, "quality/feedback.csv",
                                                                      ",quality_rating,", ",quality rating,")),
    ("ex", "group 'customer focus' with a space", lambda f: replace(f, "criteria.csv", ",customer_focus,",
                                                                    ",customer focus,")),
    ("cc", "group 'Customer-Focus'", lambda f: replace(f, "criteria.csv", ",customer_focus,", ",Customer-Focus,")),
    ("ex", "group 'Track Record'", lambda f: replace(f, "criteria.csv", ",track_record,", ",Track Record,")),
    ("ex", "direction 'Benefit'", lambda f: replace(f, "criteria.csv", ",benefit,", ",Benefit,")),
    ("cc", "direction 'COST'", lambda f: replace(f, "criteria.csv", ",cost,cost_per_contact_eur,",
                                                 ",COST,cost_per_contact_eur,")),
    ("ex", "evaluator in lower case", lambda f: replace(f, "scores.csv", "Tom Becker,", "tom becker,")),
    ("cc", "partner id capitalised in scores", lambda f: replace(f, "scores.csv", ",harbour,", ",Harbour,")),
    ("ex", "critical 'Yes'", lambda f: replace(f, "supply.csv", ",yes", ",Yes")),
    ("ex", "segment in lower case", lambda f: replace(f, "quality/deliveries.csv", "Coatings OEMs", "coatings oems")),
    ("ex", "method 'Survey'", lambda f: replace(f, "quality/feedback.csv", ",survey,", ",Survey,")),
    ("cc", "segment 'brokers'", lambda f: replace(f, "quality/feedback.csv", ",Brokers,", ",brokers,")),
    ("cc", "chosen_partner capitalised", lambda f: replace(f, "engagement.yaml", "chosen_partner: harbour",
                                                           "chosen_partner: Harbour")),
    ("ex", "weighting 'Derived'", lambda f: replace(f, "engagement.yaml", "  blend: 0.5",
                                                    "  blend: 0.5\n  weighting: Derived")),
    ("ex", "a header in title case", lambda f: replace(f, "supply.csv", "days_on_hand", "Days On Hand")),
    ("cc", "a header with spaces", lambda f: replace(f, "quality/feedback.csv", "date,segment", "Date, Segment")),
    ("ex", "score source 'Score'", lambda f: replace(f, "criteria.csv", ",score,", ",Score,", 1)),
    ("ex", "quoted 9,000 in a decimal-point file", lambda f: replace(f, "partners.csv", ",9000", ',"9,000"')),
    ("ex", "thousands with a space", lambda f: replace(f, "partners.csv", ",9000", ",9 000")),
    ("cc", "a decimal comma in a quoted cell", lambda f: replace(f, "partners.csv", ",4.9", ',"4,9"')),
    ("ex", "percent sign in a percent column", lambda f: replace(f, "partners.csv", ",95.5,", ",95.5%,")),
    ("ex", "answer as a percentage", lambda f: replace(f, "quality/feedback.csv", ",0.972,", ",97.2%,")),
    ("ex", "the report date no longer cuts tracking", lambda f: replace(f, "engagement.yaml",
                                                                         "date: 2026-11-21", "date: 2026-06-30")),
]


@pytest.mark.parametrize("key, case, mistake", MEANT, ids=[f"{k}: {c}" for k, c, _ in MEANT])
def test_a_harmless_variant_gives_the_figures_meant(copy, key, case, mistake):
    folder = copy(key)
    mistake(folder)
    assert figures(folder) == clean_figures(key)


def european(folder: Path) -> None:
    """partners.csv as a European Excel saves it: semicolons, decimal commas, grouped thousands."""
    path = folder / "partners.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = [lines[0].replace(",", ";")]
    for line in lines[1:]:
        cells = [re.sub(r"^(\d+)\.(\d+)$", r"\1,\2", c) for c in line.split(",")]
        cells = [re.sub(r"^(\d{1,2})(\d{3})$", r"\1.\2", c) for c in cells]
        out.append(";".join(cells))
    path.write_text("\r\n".join(out) + "\r\n", encoding="utf-8")


def test_a_european_spreadsheet_gives_the_figures_meant(copy):
    folder = copy("ex")
    european(folder)
    assert "9.000" in (folder / "partners.csv").read_text() and "95,5" in (folder / "partners.csv").read_text()
    assert figures(folder) == clean_figures("ex")


# Mistakes that would change a figure: validation stops with exactly this line.
REFUSED = [
    ("ex", "group near miss", lambda f: replace(f, "criteria.csv", ",customer_focus,", ",customer_focs,", 1),
     "example/criteria.csv, row 6, column group: this is not a known group, but close to `customer_focus`, "
     "which switches on its own analysis in the report (found 'customer_focs'). Fix: write customer_focus, "
     "or a group name of your own that is not a near miss of one of: customer_focus, track_record, "
     "domain_knowledge, unique_competence, culture, innovation, quality, cost, delivery or supply."),
    ("cc", "group near miss", lambda f: replace(f, "criteria.csv", ",culture,", ",cultre,"),
     "contact-centre/criteria.csv, row 8, column group: this is not a known group, but close to `culture`, "
     "which switches on its own analysis in the report (found 'cultre'). Fix: write culture, or a group "
     "name of your own that is not a near miss of one of: customer_focus, track_record, domain_knowledge, "
     "unique_competence, culture, innovation, quality, cost, delivery or supply."),
    ("ex", "direction typo", lambda f: replace(f, "criteria.csv", ",benefit,", ",benfit,", 1),
     "example/criteria.csv, row 2, column direction: the direction is not benefit or cost (found 'benfit'). "
     "Fix: did you mean `benefit`? Otherwise write benefit (more is better) or cost (less is better)."),
    ("ex", "measure typo", lambda f: replace(f, "quality/feedback.csv", ",nps,", ",npss,", 1),
     None),
    ("ex", "reading near a plan measure", lambda f: replace(f, "quality/readings.csv",
                                                           ",internal_quality_rating,", ",internal_quality_ratng,", 1),
     None),
    ("ex", "criterion id typo in scores", lambda f: replace(f, "scores.csv", ",flexibility,", ",flexibilty,", 1),
     None),
    ("cc", "evaluator typo", lambda f: replace(f, "scores.csv", "Daniel Okafor,", "Daniel Okafo,", 1),
     "contact-centre/scores.csv, row 30, column evaluator: this evaluator is not in team.evaluators of "
     "engagement.yaml (found 'Daniel Okafo'). Fix: did you mean `Daniel Okafor`? Otherwise correct the "
     "name or add the person to team.evaluators."),
    ("cc", "source column typo", lambda f: replace(f, "criteria.csv", ",fcr_pct,", ",fcr_pc,"),
     "contact-centre/criteria.csv, row 10, column source: partners.csv has no column of this name (found "
     "'fcr_pc'). Fix: did you mean `fcr_pct`? Otherwise add the column to partners.csv, correct the "
     "name, or write score."),
    ("ex", "ambiguous thousands", lambda f: replace(f, "supply.csv", ",18,", ',"1,465",', 1),
     None),
    ("ex", "percent sign where no percent is meant", lambda f: replace(f, "partners.csv", ",4.6,", ",4.6%,"),
     "example/partners.csv, row 2, column unit_cost_eur_kg: a percent sign is not expected here (found "
     "'4.6%'). Fix: write the number without the % sign; write the measured value as a plain number."),
    ("ex", "day-first date in engagement.yaml", lambda f: replace(f, "engagement.yaml", "date: 2026-11-21",
                                                                 "date: 21/11/2026"),
     "example/engagement.yaml, line 7, key date: the date is written DD/MM/YYYY, not YYYY-MM-DD (found "
     "'21/11/2026'). Fix: write it as YYYY-MM-DD: 2026-11-21."),
    ("cc", "month-first date in engagement.yaml", lambda f: replace(f, "engagement.yaml", "date: 2026-11-30",
                                                                   "date: 11/30/2026"),
     "contact-centre/engagement.yaml, line 7, key date: the date is written MM/DD/YYYY, not YYYY-MM-DD "
     "(found '11/30/2026'). Fix: write it as YYYY-MM-DD: 2026-11-30."),
    ("cc", "ambiguous date in engagement.yaml", lambda f: replace(f, "engagement.yaml", "date: 2026-11-30",
                                                                 "date: 03/04/2026"),
     "contact-centre/engagement.yaml, line 7, key date: the date is written DD/MM/YYYY or MM/DD/YYYY, not "
     "YYYY-MM-DD (found '03/04/2026'). Fix: write the date as YYYY-MM-DD: 2026-04-03 or 2026-03-04, "
     "whichever is meant."),
    ("cc", "as_of that is not a date", lambda f: replace(f, "engagement.yaml", "date: 2026-11-30",
                                                         "date: 2026-11-30\nas_of: last month"),
     "contact-centre/engagement.yaml, line 8, key as_of: the as-of date is not a date (found 'last month'). "
     "Fix: write the date as YYYY-MM-DD, e.g. 2026-11-21 (or today)."),
    ("ex", "unknown chosen partner", lambda f: sub(f, "engagement.yaml", r"^chosen_partner: apex", "chosen_partner: apexx"),
     "example/engagement.yaml, line 9, key chosen_partner: no partner has this id in partners.csv (found "
     "'apexx'). Fix: did you mean `apex`? Otherwise use an id from partners.csv, or remove the key."),
    ("ex", "a header near miss", lambda f: replace(f, "supply.csv", "replenish_days", "replenish_day"),
     "example/supply.csv, row 1, column replenish_days: the column is missing. Fix: rename the column "
     "replenish_day to replenish_days."),
    ("ex", "yes/no typo", lambda f: replace(f, "supply.csv", ",yes", ",yess", 1),
     None),
]


@pytest.mark.parametrize("key, case, mistake, line", REFUSED, ids=[f"{k}: {c}" for k, c, _, _ in REFUSED])
def test_a_mistake_that_would_change_a_figure_is_refused(copy, capsys, key, case, mistake, line):
    folder = copy(key)
    mistake(folder)
    lines = errors(folder, capsys)
    assert len(lines) >= 2 and lines[-1].endswith("nothing was written.") or "Not checked" in lines[-1]
    if line is not None:
        assert line in lines
    else:  # the line names the file, row, column and the bad value, and suggests the fix
        assert re.match(r"^example/[\w/]+\.csv, row \d+, column \w+: .+ \(found '.+'\)\. Fix: .+\.$", lines[0])


def test_partial_answers_are_refused_with_the_nearest_names(copy, capsys):
    folder = copy("ex")
    replace(folder, "quality/feedback.csv", ",nps,", ",npss,", 1)
    replace(folder, "scores.csv", ",flexibility,", ",flexibilty,", 1)
    lines = errors(folder, capsys)
    assert any("(found 'npss'). Fix: did you mean `nps`?" in line for line in lines)
    assert any("(found 'flexibilty'). Fix: did you mean `flexibility`?" in line for line in lines)


def test_a_column_of_day_first_dates_is_one_line(copy, capsys):
    folder = copy("ex")
    sub(folder, "quality/deliveries.csv", r"(\d{4})-(\d\d)-(\d\d)", r"\3/\2/\1")
    lines = errors(folder, capsys)
    promised = [line for line in lines if "column promised" in line]
    assert len(promised) == 1
    assert re.match(r"^example/quality/deliveries\.csv, rows 2, 3, 4 and \d+ more rows like these, column "
                    r"promised: the dates are written DD/MM/YYYY, not YYYY-MM-DD \(found '[\d/]+', '[\d/]+', "
                    r"'[\d/]+', \.\.\.\)\. Fix: write dates as YYYY-MM-DD", promised[0])
    assert len(lines) < 10  # not one line per cell


def test_a_column_of_slashed_iso_dates_is_one_line(copy, capsys):
    folder = copy("cc")
    sub(folder, "quality/feedback.csv", r"^(\d{4})-(\d\d)-(\d\d)", r"\1/\2/\3")
    lines = errors(folder, capsys)
    assert len([line for line in lines if "column date" in line]) == 1
    assert "the dates are written YYYY/MM/DD, not YYYY-MM-DD" in lines[0]


PLAN_MISTAKES = [
    ("audience that is no segment", lambda f: sub(f, "quality/plan.csv", r",Industrial distributors,", ",Distributors,"),
     "column audience: this audience is not a customer segment of engagement.yaml (found 'Distributors'). "
     "Fix: did you mean `Industrial distributors`?"),
    ("cadence the calendar does not know", lambda f: sub(f, "quality/plan.csv", r",twice a year,", ",fortnightly,"),
     "column cadence: the calendar cannot schedule this cadence (found 'fortnightly')."),
    ("no owner", lambda f: sub(f, "quality/plan.csv", r",Quality manager,", ",,"),
     "column owner: the measure has no owner (found ''). Fix: name the person who answers for it"),
    ("method typo", lambda f: sub(f, "quality/plan.csv", r",focus group,", ",focus-grup,"),
     "column method: this is not a measuring method the plan knows (found 'focus-grup'). Fix: did you "
     "mean `focus group`?"),
]


@pytest.mark.parametrize("case, mistake, part", PLAN_MISTAKES, ids=[c for c, _, _ in PLAN_MISTAKES])
def test_an_edited_plan_row_the_calendar_would_drop_is_refused(copy, capsys, case, mistake, part):
    folder = copy("ex")
    save_plan(folder)
    mistake(folder)
    lines = errors(folder, capsys)
    assert any(part in line for line in lines), lines


def test_an_edited_plan_with_segments_in_lower_case_gives_the_same_calendar(copy):
    folder = copy("ex")
    save_plan(folder)
    before = figures(folder)
    replace(folder, "quality/plan.csv", "Coatings OEMs", "coatings oems")
    assert figures(folder) == before


def test_the_as_of_date_cuts_every_measure_and_says_what_it_left_out(copy):
    folder = copy("ex")
    sub(folder, "engagement.yaml", r"^as_of: 2026-11-21", "as_of: 2026-06-30")
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    quality = assess_quality(engagement, strategy, assess_partners(engagement, weighing.series, strategy=strategy))
    assert str(quality.as_of) == "2026-06-30"
    assert max(str(s["month"].iloc[-1]) for s in quality.series.values()) == "2026-06"
    assert str(quality.series["otif"]["month"].iloc[-1]) == "2026-06"
    assert quality.later["deliveries.csv"] > 0 and quality.later["feedback.csv"] > 0


def test_unattributed_data_tells_nobody_to_take_it_up_with_a_partner(copy):
    folder = copy("ex")
    replace(folder, "engagement.yaml", "chosen_partner: apex ", "# ")
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    quality = assess_quality(engagement, strategy, assess_partners(engagement, weighing.series, strategy=strategy))
    assert quality.attribution == "none" and len(quality.alerts)
    assert not any("with the partner" in action for action in quality.alerts["action"])
    with_contract = clean_figures("ex")["alerts"]
    assert any("agree a fix with the partner" in " ".join(a) for a in with_contract)


def test_a_partner_column_attributes_the_data(copy):
    folder = copy("cc")
    replace(folder, "engagement.yaml", "chosen_partner: harbour\n", "")
    sub(folder, "quality/feedback.csv", r"^date,segment,method,measure,value,comment$",
        "date,segment,method,measure,value,comment,partner")
    sub(folder, "quality/feedback.csv", r"^(2026-.*)$", r"\1,northwind")
    for name in ("readings.csv", "deliveries.csv", "complaints.csv", "observations.csv"):
        (folder / "quality" / name).unlink()
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    quality = assess_quality(engagement, strategy, assessment)
    assert assessment.ranking.winner == "harbour"
    assert quality.attribution == "partner column"
    assert quality.series == {} or all(len(s) == 0 for s in quality.series.values())  # no data on harbour


def test_a_planned_reading_keeps_its_control_chart(copy):
    """A plan measure given as readings is tracked against its target and, once it has the
    readings a Phase I baseline needs (MIN_READINGS), gets its individuals chart too."""
    from datetime import date, timedelta

    import pandas as pd

    from workbook.quality.control_limits import MIN_READINGS, control_charts
    from workbook.quality.tracking import process_measures
    plan = pd.DataFrame({"kpi_id": ["batch_consistency"]})
    for count, charted in ((MIN_READINGS - 1, False), (MIN_READINGS, True)):
        readings = pd.DataFrame({"date": [date(2026, 1, 5) + timedelta(days=7 * i) for i in range(count)],
                                 "measure": "batch_consistency", "value": [0.99 + 0.001 * (i % 3) for i in range(count)]})
        assert process_measures(readings, plan) == ["batch_consistency"]
        assert ("batch_consistency" in control_charts({}, readings, ["batch_consistency"])) is charted
    assert "viscosity" in clean_figures("ex")["process"]  # 64 readings of the example's batches


def test_mistakes_in_four_files_are_listed_in_one_run(copy, capsys):
    folder = copy("ex")
    replace(folder, "engagement.yaml", "term_years: 5\n", "")
    replace(folder, "scores.csv", "Tom Becker,apex,formulation_innovation,4,", "Tom Becker,apex,formulation_innovation,7,")
    replace(folder, "partners.csv", ",95.5,", ",n/a,")
    replace(folder, "quality/feedback.csv", ",Coatings OEMs,", ",Coating OEM,", 1)
    lines = errors(folder, capsys)
    assert lines[0].startswith("example/engagement.yaml") and "term_years" in lines[0]
    assert [f for f in ("engagement.yaml", "partners.csv", "scores.csv", "feedback.csv")
            if not any(line.startswith(f"example/{'quality/' if f == 'feedback.csv' else ''}{f}") for line in lines)] == []
    assert lines[-2:] == ["4 problems found; nothing was written.",
                          "Not checked until then: the quality/ files: their measures against the measure library's "
                          "family of the engagement, because engagement.yaml could not be read."]


def test_an_unreadable_file_hides_no_other_problem_and_says_what_it_skipped(copy, capsys):
    folder = copy("cc")
    (folder / "partners.csv").write_bytes((folder / "partners.csv").read_text().replace(
        "Harbour Support", "Harbour Söpport").encode("cp1252"))
    replace(folder, "criteria.csv", ",benefit,score,0,3,1,", ",benfit,score,0,3,1,")
    lines = errors(folder, capsys)
    assert "the file is in Windows-1252 (Excel's usual Western encoding), not UTF-8" in lines[0]
    assert lines[1].startswith("contact-centre/criteria.csv, row 2, column direction:")
    assert lines[-2:] == [
        "Not checked until then: scores.csv: the partner ids, because partners.csv could not be read.",
        "Not checked until then: criteria.csv's fact sources against partners.csv's columns, because "
        "partners.csv could not be read."]


@pytest.mark.parametrize("old, new, line", [
    ('accent: "#1f6f8b"', 'accent: teal',
     "contact-centre/engagement.yaml, line 12, key branding.accent: the accent colour is not a colour "
     "(found 'teal'). Fix: write it as # and six hexadecimal digits, e.g. #1f6f8b."),
    ("logo: logo.png", "logo: logo.gif",
     "contact-centre/engagement.yaml, line 11, key branding.logo: the logo must be a PNG, JPEG or SVG "
     "image (found 'logo.gif'). Fix: name an image file in the engagement folder, e.g. logo.png."),
    ("logo: logo.png", "logo: missing.png",
     "contact-centre/engagement.yaml, line 11, key branding.logo: there is no such file in the "
     "engagement folder (found 'missing.png'). Fix: put the logo in the engagement folder, or correct "
     "its name."),
])
def test_branding_mistakes_are_refused(copy, capsys, old, new, line):
    folder = copy("cc")
    replace(folder, "engagement.yaml", old, new)
    assert line in errors(folder, capsys)


@pytest.mark.parametrize("old,new,said", [
    ("chosen_partner: harbour", "chosen_parter: harbour", "did you mean `chosen_partner`?"),
    ("prepared_by:", "prepard_by:", "did you mean `prepared_by`?")])
def test_a_misspelt_key_of_engagement_yaml_is_refused_not_ignored(copy, capsys, old, new, said):
    """`chosen_parter:` validated OK and dropped the tracking's partner without a word; a key of
    the client's own that reads like none of ours (a project code) is still kept."""
    folder = copy("cc")
    replace(folder, "engagement.yaml", old, new)
    lines = errors(folder, capsys)
    key = new.split(":")[0]
    assert [line for line in lines if f"key {key}:" in line] == [
        f"contact-centre/engagement.yaml, line {_line(folder, key)}, key {key}: engagement.yaml has no such key, "
        f"so it is not read. Fix: {said} Otherwise remove it, or give a note of your own a name unlike ours."]


def _line(folder, key: str) -> int:
    lines = (folder / "engagement.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


def test_a_key_of_the_clients_own_is_kept(copy):
    from workbook.engagement.model import load_engagement
    folder = copy("cc")
    text = (folder / "engagement.yaml").read_text(encoding="utf-8")
    (folder / "engagement.yaml").write_text(text + "project_code: AM-2026-17\n", encoding="utf-8")
    assert load_engagement(folder).settings.extra == {"project_code": "AM-2026-17"}
