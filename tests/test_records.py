"""A partner's reported record against what was measured of it (workbook.quality.records): the
facts the partner under contract was scored on, checked against its own tracked deliveries, and
what scoring it on the measured figure would change. Hand-computed from the example's
deliveries.csv."""

from __future__ import annotations

import csv
import math
import shutil

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.quality.assessment import measured_quality, tracked_quality
from workbook.quality.records import (BORNE_OUT, OVERSTATED, TOO_FEW, UNDERSTATED, check_records,
                                      checked_measure, dispersion, duration_unit, pooled, pooled_mean, severity,
                                      share_scale, verdict, window, with_records)
from workbook.register.collect import scoring_findings
from workbook.scoring.assessment import assess_partners, assess_robustness
from workbook.scoring.conditions import verdict_kind, winner_conditions
from workbook.strategy.weights import weigh_engagement
from workbook.views.finding_words import finding_line
from workbook.views.findings import recommendation
from workbook.views.flag_words import split_flags
from workbook.views.record_words import consequence, record_condition, recent_warnings, verdict_words


def engagement_strategy(engagement):
    return weigh_engagement(engagement)[0]


def _checked(folder):
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    quality = measured_quality(engagement, strategy, assessment)
    records = check_records(engagement, quality, assessment, weighing.series, "mean", strategy)
    return engagement, with_records(assessment, records), weighing


def test_a_months_series_pools_into_one_share_with_its_wilson_interval():
    series = pd.DataFrame({"month": ["2026-08", "2026-09", "2026-10", "2026-11"],
                           "value": [0.9, 0.9, 0.9, 0.5], "n": [10, 20, 30, 10],
                           "partial": [False, False, False, True]})
    found = pooled(series)  # the partial month is left out: 54 of 60, months alike (dispersion 1)
    assert found["n"] == 60 and found["measured"] == pytest.approx(0.9) and found["dispersion"] == 1
    # Wilson, z = 1.96: centre (p + z²/2n) / (1 + z²/n), half-width z/(1 + z²/n) √(p(1-p)/n + z²/4n²)
    assert (found["low"], found["high"]) == (pytest.approx(0.79851, abs=1e-5), pytest.approx(0.95336, abs=1e-5))
    assert (found["first"], found["last"], found["months"]) == ("2026-08", "2026-10", 3)
    assert pooled(series, window=2)["n"] == 50  # the last two complete months


def test_months_that_differ_more_than_chance_widen_the_interval():
    """9, 5 and 10 of 10: p = 0.8, Pearson's χ² = (1² + 3² + 2²) / (10 × 0.8 × 0.2) = 8.75 on two
    degrees of freedom, a dispersion of 4.375; the interval is Wilson's for 24/4.375 of 30/4.375."""
    series = pd.DataFrame({"month": ["2026-08", "2026-09", "2026-10"], "value": [0.9, 0.5, 1.0],
                           "n": [10, 10, 10], "successes": [9, 5, 10]})
    found = pooled(series)
    assert found["dispersion"] == pytest.approx(4.375) and found["measured"] == pytest.approx(0.8)
    assert (found["low"], found["high"]) == (pytest.approx(0.42950, abs=1e-5), pytest.approx(0.95506, abs=1e-5))
    assert dispersion(np.array([9.0]), np.array([10.0])) == 1  # one month: nothing to compare


def test_a_durations_months_pool_into_their_weighted_mean_with_a_t_interval_over_the_months():
    """10, 14 and 12 hours from 4, 4 and 2 weekly medians: (40 + 56 + 24) / 10 = 12.0 hours; the
    months' sd is 2.0, so 12.0 ± t(0.975, 2) × 2.0 / √3 = 12.0 ± 4.303 × 1.155."""
    series = pd.DataFrame({"month": ["2026-08", "2026-09", "2026-10"], "value": [10.0, 14.0, 12.0],
                           "n": [4, 4, 2]})
    found = pooled_mean(series)
    assert found["measured"] == pytest.approx(12.0) and found["n"] == 10 and found["months"] == 3
    assert (found["low"], found["high"]) == (pytest.approx(7.0317, abs=1e-3), pytest.approx(16.9683, abs=1e-3))
    one = pooled_mean(series.tail(1))  # one month cannot say how much months vary
    assert verdict(18.0, one["low"], one["high"], False, one["n"], 1) == TOO_FEW


def test_a_claim_is_judged_against_the_whole_interval_on_the_measures_good_side():
    assert verdict(0.955, 0.866, 0.930, True, 338, 30) == OVERSTATED
    assert verdict(0.90, 0.866, 0.930, True, 338, 30) == BORNE_OUT
    assert verdict(0.85, 0.866, 0.930, True, 338, 30) == UNDERSTATED
    # a damage rate: lower is better, so a claim below the interval is the flattering one
    assert verdict(0.0022, 0.00272, 0.00298, False, 626_597, 30) == OVERSTATED
    assert verdict(0.955, 0.866, 0.930, True, 12, 30) == TOO_FEW


def test_an_overstated_records_severity_says_whether_the_recommendation_changes():
    assert severity(1, 1, "apex", "apex") == "medium"  # still first
    assert severity(2, 3, "apex", "apex") == "medium"  # lower, the recommendation as it was
    assert severity(1, 2, "apex", "coastal") == "high"  # another partner first
    assert severity(3, None, "apex", "apex") == "high"  # newly out on a must-have
    assert severity(math.nan, None, "apex", "apex") == "medium"  # already out: nothing changes
    assert consequence({"rank": None, "rank_as_measured": None}, str) == "if scored on the measured figure, it would still fail a must-have"


def test_which_measure_checks_a_fact_and_in_what_unit():
    assert checked_measure("otif", "otif_pct", ["complaint_rate", "otif"]) == "otif"
    assert checked_measure("delivery", "on_time_dispatch_pct", ["on_time_dispatch"]) == "on_time_dispatch"
    assert checked_measure("cost", "unit_cost_eur_kg", ["otif"]) is None
    assert share_scale(95.5, "otif_pct", "OTIF record") == 100
    assert share_scale(0.22, "damage", "Damage rate (%)") == 100
    assert share_scale(0.82, "fcr", "First-contact resolution") == 1
    assert share_scale(4.9, "cost", "Cost per contact") is None
    assert window("Lot acceptance rate, last 24 months (%)") == 24
    assert window("On-time in-full record (%)") == 12


def test_the_incumbents_otif_record_is_checked_against_its_own_deliveries():
    engagement, assessment, _ = _checked(paths.EXAMPLE_ENGAGEMENT)
    # by hand: Apex's orders promised from November 2025 to October 2026 (the last 12 complete
    # months before the as-of date, 21 November 2026), on time and in full
    rows = list(csv.DictReader(open(paths.EXAMPLE_ENGAGEMENT / "quality" / "deliveries.csv")))
    months = [r for r in rows if "2025-11" <= r["promised"][:7] <= "2026-10"]
    hits = [r for r in months if r["delivered"] <= r["promised"] and float(r["delivered_qty"]) >= float(r["ordered_qty"])]
    assert (len(hits), len(months)) == (305, 338)
    otif = assessment.records.set_index("criterion").loc["otif"]
    assert otif["claimed"] == pytest.approx(0.955) and otif["measured"] == pytest.approx(305 / 338)
    # March 2026 (16 of 35 on time in full) makes the months differ far more than chance: the
    # year's 338 orders weigh as about 40, and 95.5% is within what was measured
    assert otif["dispersion"] > 8 and otif["low"] < 0.955 < otif["high"]
    assert otif["verdict"] == BORNE_OUT and pd.isna(otif["severity"])
    # measured worse, inside an interval the months' spread widened: not contradicted, not "consistent"
    assert verdict_words(otif.to_dict()) == "not contradicted: the months vary too much to judge"
    assert "record_overstated" not in str(assessment.ranking.table.set_index("partner").at["apex", "flags"])
    lot = assessment.records.set_index("criterion").loc["lot_acceptance"]
    assert lot["verdict"] == BORNE_OUT and (lot["months"], lot["window"]) == (14, 24)
    # beside the year's record, the latest month's high early warning on the same measure
    tracked = tracked_quality(engagement, engagement_strategy(engagement), assessment)
    assert recent_warnings(assessment.records, tracked) == (
        "OTIF has a high early warning in October 2026, the latest complete month (the quality plan's early "
        "warnings): a record that holds over a year can still fall short now.")


def test_an_overstated_record_that_leaves_the_ranking_is_a_warning_with_its_figures():
    engagement, assessment, _ = _checked(paths.DATA_DIR / "fulfilment")
    dispatch = assessment.records.set_index("criterion").loc["dispatch_on_time"]
    assert dispatch["claimed"] == pytest.approx(0.991) and dispatch["high"] < 0.991
    assert dispatch["verdict"] == OVERSTATED and dispatch["severity"] == "medium"
    assert dispatch["rank_as_measured"] == 1 and dispatch["winner_as_measured"] == "nordlager"
    flags = scoring_findings(assessment).of("flag", "record_overstated", partner="nordlager")
    assert {f.about("criterion") for f in flags} == {"dispatch_on_time", "damage_rate"}
    assert {f.severity for f in flags} == {"medium"}
    assert not [c for c in winner_conditions(assessment) if c.code == "record_overstated"]
    # a watch point of the recommendation, with its figures; results.xlsx says the flag alike
    [line] = [x for x in recommendation(assessment, offering=engagement.settings.offering) if x[0].startswith("Watch")]
    assert line[0] == "Watch points for Nordlager Logistik:" and WATCH in line[1:]  # one point under another
    [flag] = [f for f in flags if f.about("criterion") == "dispatch_on_time"]
    assert finding_line(flag, assessment.name, engagement.criteria,
                        offering=engagement.settings.offering)["words"] == WATCH


WATCH = ("its reported dispatch on the promised day, last 12 months (99.1%) is not borne out: we measured "
         "95.0% (95% interval 87.5% to 98.1%, 3,027 orders from February to November 2026, 10 of the 12 "
         "months the record covers) — if scored on the measured figure, it would still rank first")


def test_a_record_that_would_change_the_recommendation_becomes_its_condition(tmp_path):
    folder = shutil.copytree(paths.DATA_DIR / "fulfilment", tmp_path / "fulfilment")
    criteria = folder / "criteria.csv"  # a must-have of 96% on dispatch: 99.1% passes, 95.0% fails
    table = pd.read_csv(criteria, dtype=str, keep_default_na=False)
    table.loc[table["id"] == "dispatch_on_time", "knockout"] = "96"
    table.to_csv(criteria, index=False)
    engagement, assessment, weighing = _checked(folder)
    dispatch = assessment.records.set_index("criterion").loc["dispatch_on_time"]
    assert dispatch["severity"] == "high" and pd.isna(dispatch["rank_as_measured"])
    runner_up = assessment.ranking.table.dropna(subset=["rank"]).sort_values("rank")["partner"].iloc[1]
    assert dispatch["winner_as_measured"] == runner_up
    [condition] = [c for c in winner_conditions(assessment) if c.code == "record_overstated"]
    robust = assess_robustness(engagement, assessment, weighing.series, 300)
    assert verdict_kind(robust, winner_conditions(assessment, robust)) != "robust"
    said = record_condition(condition.subject, condition.figures, engagement.criteria, assessment.name,
                            engagement.settings.offering)
    assert said == ("its reported dispatch on the promised day, last 12 months (99.1%) is confirmed before "
                    "signing: we measured 95.0% (95% interval 87.5% to 98.1%, 3,027 orders from February to "
                    "November 2026, 10 of the 12 months the record covers); if scored on the measured figure, it "
                    f"would fail a must-have and {assessment.name(runner_up)} would come first")
    assert any(said in line for line in recommendation(assessment, robust, engagement.settings.offering))
    # results.xlsx's findings sheet says it in the same words, as severe
    [finding] = scoring_findings(assessment, robust).of("condition", "record_overstated")
    assert finding_line(finding, assessment.name, engagement.criteria,
                        offering=engagement.settings.offering)["words"] == said
    [flag] = scoring_findings(assessment, robust).of("flag", "record_overstated", criterion="dispatch_on_time")
    assert flag.severity == "high"


def test_no_record_is_checked_when_the_tracking_data_is_not_known_to_be_the_partners(tmp_path):
    folder = shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "example")
    settings = folder / "engagement.yaml"
    settings.write_text(settings.read_text().replace("chosen_partner: apex", "# no contract yet"))
    _, assessment, _ = _checked(folder)
    assert assessment.records.empty
    assert "record_overstated" not in " ".join(assessment.ranking.table["flags"].fillna(""))


def test_two_overstated_records_of_one_partner_read_as_one_warning():
    engagement, assessment, _ = _checked(paths.DATA_DIR / "fulfilment")
    flags = assessment.ranking.table.set_index("partner").at["nordlager", "flags"]
    assert ("reported record not borne out: damage rate and dispatch on the promised day, last 12 months"
            in split_flags(flags, engagement.criteria["name"])[1])
    assert split_flags(flags, engagement.criteria["name"])[1].count("not borne out") == 1


def test_criteria_csv_names_the_measure_a_record_is_checked_against():
    """The 3PL's "Returns processed within 48 h (%)" (returns_48h_pct) is measured as
    returns_within_48h: neither its id nor its column names it, criteria.csv's measure column does."""
    assert checked_measure("returns_48h", "returns_48h_pct", ["returns_within_48h"]) is None
    assert checked_measure("returns_48h", "returns_48h_pct", ["returns_within_48h"], "returns_within_48h") \
        == "returns_within_48h"
    _, assessment, _ = _checked(paths.DATA_DIR / "fulfilment")
    returns = assessment.records.set_index("criterion").loc["returns_48h"]
    assert returns["measure"] == "returns_within_48h" and returns["claimed"] == pytest.approx(0.91)
    assert returns["verdict"] == UNDERSTATED and returns["low"] > 0.91  # it does better than it said


def test_a_duration_is_checked_in_its_own_unit():
    """Nordlager reported 18 hours dock to stock; ten months of weekly medians measure 19.2 hours."""
    engagement, assessment, _ = _checked(paths.DATA_DIR / "fulfilment")
    dock = assessment.records.set_index("criterion").loc["dock_to_stock"]
    assert (dock["unit"], dock["claimed"], dock["months"]) == ("hours", 18.0, 10)
    assert dock["measured"] == pytest.approx(19.2) and dock["low"] < 18 < dock["high"]
    assert dock["verdict"] == BORNE_OUT
    assert duration_unit("h") == "hours" and duration_unit("EUR") is None
    # written alike beside each other: "18.0 hours" reported, not "18 hours" beside "19.2 hours"
    from workbook.scoring.conditions import record_figures
    from workbook.views.record_words import written
    figures = record_figures(dock)
    assert written("claimed", figures) == "18.0 hours" and written("measured", figures) == "19.2 hours"


def test_a_record_borne_out_raises_no_flag():
    _, assessment, _ = _checked(paths.DATA_DIR / "contact-centre")
    fcr = assessment.records.set_index("criterion").loc["first_contact_resolution"]
    assert fcr["verdict"] == BORNE_OUT and fcr["low"] <= 0.82 <= fcr["high"]
    # measured on the policyholders' answers the plan keeps the measure for, and said so
    assert fcr["segment"] == "Policyholders" and (fcr["months"], fcr["window"]) == (5, 12)
    assert not scoring_findings(assessment).of("flag", "record_overstated")


def test_the_rendered_pages_summary_and_results_say_a_check_alike(rendered):
    report = rendered("fulfilment")
    checks = pd.read_csv(report / "results" / "record_checks.csv")
    assert list(checks["kpi"]) == ["Order accuracy", "Damaged on arrival", "Dispatched on the promised day",
                                   "Dock to stock", "Returns processed within 48 h"]
    page = (report / "02_partner_scoring.html").read_text()
    assert "Reported records against what we measured" in page and "consistent with what we measured" in page
    assert "their intervals are widened accordingly" in page  # why dispatch's interval is 87.5% to 98.1%
    assert ("Dispatched on the promised day, dock to stock and returns processed within 48 h have high early "
            "warnings in November 2026") in page
    # the summary's top risks, its watch points and results.xlsx's findings say it in the same words
    summary = (report / "index.html").read_text()
    assert summary.count(WATCH) == 2  # a top risk and a watch point of the recommendation
    # several watch points: each a point of its own under their lead-in, on the page and in the sheet
    assert "<li>Watch points for Nordlager Logistik:<ul><li>" in summary
    book = load_workbook(report / "results.xlsx")
    lead = [c.row for c in book["Recommendation"]["A"] if c.value == "Watch points for Nordlager Logistik:"]
    points = [c for c in book["Recommendation"]["A"] if lead and c.row > lead[0]]
    assert WATCH in [c.value for c in points] and all(c.alignment.indent == 2 for c in points)
    words = [row[-1] for row in book["Findings"].iter_rows(values_only=True) if row[3] == "medium" and row[-1] == WATCH]
    assert len(words) == 1
    sheet = book["Records checked"]
    verdict_column = [c.value for c in sheet[1]].index("Verdict")
    verdicts = [row[verdict_column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert verdicts == ["consistent with what we measured", "not borne out", "not borne out",
                        "consistent with what we measured", "more modest than measured"]
    # each row's figures in its own unit: a share finely, a duration in hours
    reported = [c.value for c in sheet[1]].index("Reported")
    formats_of = [row[reported].number_format for row in sheet.iter_rows(min_row=2)]
    assert formats_of == ["0.00%", "0.00%", "0.00%", '0.0" hours"', "0.00%"]
    assert "direction" not in [c.value for c in sheet[1]]  # a code


def _records_table(page: str) -> str:
    section = page[page.index("Reported records against what we measured"):]
    return section[:section.index("</table>")]


def test_a_records_table_shows_severity_columns_only_where_a_claim_was_overstated(rendered):
    """A review: with every claim borne out, the table carried a Severity column and an "If
    re-scored" column with nothing in them."""
    borne_out = _records_table((rendered("example") / "02_partner_scoring.html").read_text())
    assert "consistent with what we measured" in borne_out
    assert "If re-scored on the measured figure" not in borne_out and ">Severity<" not in borne_out
    overstated = _records_table((rendered("fulfilment") / "02_partner_scoring.html").read_text())
    assert "If re-scored on the measured figure" in overstated and ">Severity<" in overstated
