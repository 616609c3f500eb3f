"""What changed since the previous good report (workbook.register.changes), by hand, and its words."""

from __future__ import annotations

from workbook.register.changes import compare, worse
from workbook.register.finding import Finding, Findings
from workbook.views.change_words import change_lines


def alert(measure, severity, code="alert", segment="all segments"):
    return Finding("alert", code, severity, {"measure": measure, "segment": segment, "partner": "apex"})


def status(measure, code):
    return Finding("status", code, None, {"measure": measure, "partner": "apex"})


def verdict(code, partner):
    return Finding("recommendation", code, None, {"partner": partner})


BEFORE = Findings((verdict("robust", "apex"), status("otif", "alert"), status("nps", "on target"),
                   status("csat", "short of target"), alert("otif", "high"), alert("csat", "medium", "early signal"),
                   alert("nps", "high", "drift")))
AFTER = Findings((verdict("close call", "beta"), status("otif", "on target"), status("nps", "short of target"),
                  status("csat", "alert"), alert("csat", "high", "early signal"), alert("nps", "medium", "drift"),
                  alert("complaint_rate", "high")))


def test_every_kind_of_change_is_found_once():
    table = compare(BEFORE, AFTER, {"apex": 1, "beta": 2, "gamma": 3}, {"beta": 1, "apex": 2})
    rows = [tuple(r) for r in table[["change", "partner", "measure", "before", "after"]].itertuples(index=False)]
    assert rows == [
        ("recommendation", "beta", "", "robust", "close call"),
        ("rank", "beta", "", 2, 1), ("rank", "apex", "", 1, 2), ("rank", "gamma", "", 3, ""),
        ("warning_new", "apex", "complaint_rate", "", "high"),
        ("warning_worse", "apex", "csat", "medium", "high"),
        ("warning_eased", "apex", "nps", "high", "medium"),
        ("warning_cleared", "apex", "otif", "high", ""),
        ("target_met", "", "otif", "alert", "on target"),
        ("target_missed", "", "nps", "on target", "short of target"),
    ]
    assert table.loc[0, "earlier_partner"] == "apex"


def test_the_same_report_twice_changes_nothing():
    assert compare(AFTER, AFTER, {"a": 1}, {"a": 1}).empty


def test_a_warning_in_another_segment_or_by_another_rule_is_another_warning():
    before = Findings((alert("otif", "high", segment="OEM"),))
    after = Findings((alert("otif", "high", segment="Distributors"), alert("otif", "high", "drift", "OEM")))
    assert compare(before, after, {}, {})["change"].tolist() == ["warning_new", "warning_new", "warning_cleared"]


def test_severities_rank_high_over_medium_over_low_over_none():
    assert worse("high", "medium") and worse("medium", "low") and worse("low", None)
    assert not worse("medium", "high") and not worse("high", "high")


def test_the_changes_in_words():
    table = compare(BEFORE, AFTER, {"apex": 1, "beta": 2, "gamma": 3}, {"beta": 1, "apex": 2})
    names = {"apex": "Apex Polymer", "beta": "Beta Chem", "gamma": "Gamma"}.get
    measures = {"otif": "OTIF", "nps": "NPS", "csat": "Customer satisfaction",
                "complaint_rate": "Complaint rate"}.get
    assert change_lines(table, names, measures) == [
        ("Recommendation", "Now recommended, but a close call: Beta Chem (before: recommended: a robust choice: Apex Polymer)."),
        ("Ranking", "Beta Chem moves up from 2 to 1."), ("Ranking", "Apex Polymer moves down from 1 to 2."),
        ("Ranking", "Gamma is no longer ranked (was 3)."),
        ("New early warning", "Complaint rate, Apex Polymer: past alert (high)."),
        ("Worse early warning", "Customer satisfaction, Apex Polymer: early signal (medium to high)."),
        ("Eased early warning", "NPS, Apex Polymer: drifting the wrong way (high to medium)."),
        ("Cleared early warning", "OTIF, Apex Polymer: past alert (was high)."),
        ("Now on target", "OTIF: on target (was past alert)."),
        ("No longer on target", "NPS: short of target (was on target)."),
    ]
