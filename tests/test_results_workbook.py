"""results.xlsx reads like the pages: names, not ids or codes; formatted numbers; one header each."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from conftest import TINY, write_engagement

from workbook.engagement.model import load_engagement
from workbook.report.excel import write_results_workbook
from workbook.report.render import render_engagement

# The tiny engagement with a third partner, a must-have that knocks Alpha out and a single-sourced
# critical input at Beta: a warning of each kind in words.
FILES = dict(TINY, **{
    "criteria.csv": TINY["criteria.csv"].replace("cost,Unit cost,cost,cost,unit_cost,0,0,3,,",
                                                 "cost,Unit cost,cost,cost,unit_cost,0,0,3,,3.8"),
    "partners.csv": TINY["partners.csv"] + "c,Gamma,3.0\n",
    "scores.csv": TINY["scores.csv"] + "Ann Lee,c,innov,3\nBob Roe,c,innov,3\n",
    "supply.csv": "partner,input,sources,days_on_hand,replenish_days,critical\n"
                  "b,Resin,1,5,20,yes\nc,Resin,3,30,10,yes\n",
})


@pytest.fixture(scope="module")
def book_report(tmp_path_factory):
    """The book_report report of the engagement above, and its results written as results.xlsx from
    the loaded engagement (as the render writes it)."""
    root = tmp_path_factory.mktemp("book")
    folder = write_engagement(root / "acme", FILES)
    report = render_engagement(folder, root / "out", log=lambda m: None, pdf=False)
    target = write_results_workbook(report / "results", root / "results.xlsx", load_engagement(folder))
    return report, openpyxl.load_workbook(target)


def header(sheet) -> list[str]:
    return [c.value for c in sheet[1]]


def rows(sheet) -> list[dict]:
    names = header(sheet)
    return [dict(zip(names, (c.value for c in r))) for r in sheet.iter_rows(min_row=2)]


def test_the_sheets_are_headed_as_the_pages_head_them(book_report):
    _, book = book_report
    assert header(book["Ranking"]) == ["Partner", "Rank", "Weighted sum", "TOPSIS", "PROMETHEE II",
                                       "Stands out on", "Warnings"]
    assert header(book["Scoring status"]) == ["Evaluator", "Judgments given", "Judgments expected",
                                              "Share given", "With evidence", "Partners done",
                                              "Still to judge"]
    assert header(book["Weights"]) == ["Criterion", "Weight", "Basis", "from product leadership",
                                       "from customer intimacy", "from operational excellence", "Group"]
    assert header(book["Quality plan"]) == ["KPI", "Definition", "Method", "Audience", "Cadence",
                                            "Owner", "Target", "Alert", "Fewest for a finding",
                                            "Discipline"]


def test_partners_and_criteria_go_by_their_names(book_report):
    _, book = book_report
    partners = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    for title in ("Ranking", "Decision matrix", "Supply continuity", "Rank acceptability",
                  "Confidence factors"):
        assert {r["Partner"] for r in rows(book[title])} <= set(partners.values()), title
    assert [r["Criterion"] for r in rows(book["Weights"])] == ["Innovation", "Unit cost"]
    assert header(book["Decision matrix"]) == ["Partner", "Innovation", "Unit cost"]
    assert header(book["Central weights"]) == ["Partner", "Innovation", "Unit cost"]
    for sheet in book.worksheets[1:]:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if header(sheet)[cell.column - 1] != "Group":  # the group "cost" is a word, not an id
                    assert cell.value not in (*partners, "innov", "cost"), (sheet.title, cell.coordinate)


def test_flags_are_strengths_and_warnings_in_words(book_report):
    report, book = book_report
    ranking = {r["Partner"]: r for r in rows(book["Ranking"])}
    assert ranking["Alpha"]["Rank"] is None
    assert ranking["Alpha"]["Warnings"] == "fails the must-have on unit cost"
    # the findings sheet says why, with the figures the scoring page's table of the excluded gives
    findings = [r for r in rows(book["Findings"]) if r["Partner"] == "Alpha" and r["About"] == "Unit cost"]
    assert [(r["Finding"], r["What it says"]) for r in findings] == [
        ("Failed must-have", "excluded: unit cost is 4.0, the must-have is at most 3.8")]
    assert "supply risk: Resin" in ranking["Beta"]["Warnings"]
    flags = pd.read_csv(report / "results" / "ranking.csv", keep_default_na=False)
    names = {"innov": "Innovation", "cost": "Unit cost"}
    partners = {"a": "Alpha", "b": "Beta", "c": "Gamma"}
    for pid, cell in zip(flags["partner"], flags["flags"]):
        strong = [names[f.split(":")[1]] for f in cell.split("; ") if f.startswith("unique:")]
        assert (ranking[partners[pid]]["Stands out on"] or "") == ", ".join(strong)
    for row in ranking.values():
        for text in (row["Stands out on"], row["Warnings"]):
            assert not any(code in (text or "") for code in
                           ("knockout:", "supply:", "unique:", "shiny_object"))


def test_every_number_has_its_kinds_format_and_every_header_is_one_of_a_kind(book_report):
    _, book = book_report
    for sheet in book.worksheets[1:]:
        names = header(sheet)
        assert len(names) == len(set(names)), (sheet.title, names)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, float):
                    assert cell.number_format != "General", (sheet.title, cell.coordinate, cell.value)
    weight = book["Weights"].cell(row=2, column=2)
    assert isinstance(weight.value, float) and weight.number_format == "0.0%"
    share = book["Scoring status"].cell(row=2, column=4)
    assert share.value == 1 and share.number_format == "0%"


def test_criterion_groups_are_named_as_the_pages_name_them(book_report):
    from workbook.core.vocabulary import group_label
    report, book = book_report
    groups = [r["Group"] for r in rows(book["Weights"])]
    assert groups and groups == [group_label(g) for g in pd.read_csv(report / "results" / "weights.csv")["group"]]
    assert not [g for g in groups if "_" in g]


def test_a_change_under_one_point_keeps_a_significant_digit_in_excel_as_on_the_pages():
    """results.xlsx wrote every change of weight in whole points: a 0.4-point tipping point read
    "+0 points" where the pages say "+0.4 points". (The value is in points when formatted.)"""
    from workbook.core import formats
    from workbook.report.excel import number_format
    assert number_format("points", 17.42) == '+0" points";-0" points";0" points"'
    assert number_format("points", 0.4) == '+0.0" points";-0.0" points";0" points"'
    assert number_format("points", -0.04) == '+0.00" points";-0.00" points";0" points"'
    assert formats.points(0.004) == "+0.4 points" and formats.points(-0.0004) == "-0.04 points"


def test_a_share_near_certainty_is_not_written_as_one_in_excel():
    """A review: the service desk's availability, 0.9997, read "100.0%" in results.xlsx where the
    pages say 99.970%; a share keeps the decimals that keep it short of 100% (or above 0%)."""
    from workbook.report.excel import number_format
    assert number_format("percent", 0.9997) == "0.00%" and number_format("percent", 0.99999) == "0.000%"
    assert number_format("percent", 0.0003) == "0.00%" and number_format("percent", 0.955) == "0.0%"
    assert number_format("percent", 1.0) == "0.0%" and number_format("number", 0.00012345) == "#,##0.000000"
