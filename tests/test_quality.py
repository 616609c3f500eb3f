"""Quality tracking, early warnings, the edited plan and the calendar: by hand and end to end."""

import re
import shutil
from datetime import date

import pandas as pd
import pytest

from workbook.cli import main
from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.quality.alerts import measure_alerts
from workbook.quality.supply_alerts import supply_alerts
from workbook.quality.assessment import assess_quality
from workbook.engagement.quality_files import QualityData
from workbook.quality.tracking import complaint_rate_by_month, otif_by_month, track
from workbook.scoring.assessment import assess_partners
from workbook.scoring.continuity import supply_risks
from workbook.strategy.weights import weigh_engagement

D = date


def _deliveries(rows):
    return pd.DataFrame(rows, columns=["order", "segment", "promised", "delivered", "ordered_qty", "delivered_qty"])


def test_otif_by_month_by_hand():
    deliveries = _deliveries([
        ("1", "s", D(2026, 1, 10), D(2026, 1, 10), 100, 100),   # on time, in full
        ("2", "s", D(2026, 1, 12), D(2026, 1, 13), 100, 100),   # late
        ("3", "s", D(2026, 1, 20), D(2026, 1, 19), 100, 90),    # short
        ("4", "s", D(2026, 1, 25), None, 100, 0),               # open and overdue: late
        ("5", "s", D(2026, 2, 5), D(2026, 2, 5), 50, 50),
        ("6", "s", D(2026, 3, 1), None, 50, 0),                 # due after the report date: not counted
    ])
    table = otif_by_month(deliveries, as_of=D(2026, 2, 20))
    assert table["month"].astype(str).tolist() == ["2026-01", "2026-02"]
    assert table["value"].tolist() == [0.25, 1.0] and table["n"].tolist() == [4, 1]


def test_complaint_rate_by_month_by_hand():
    deliveries = _deliveries([(str(i), "s", D(2026, 1, 5), D(2026, 1, 5 + i), 1, 1) for i in range(4)])
    complaints = pd.DataFrame({"date": [D(2026, 1, 20)], "segment": ["s"]})
    table = complaint_rate_by_month(deliveries, complaints)
    assert table["value"].tolist() == [0.25]


def test_threshold_alert_says_since_when_and_a_drift_is_medium():
    plan = pd.DataFrame([{"kpi_id": "q", "kpi": "Quality", "target": ">= 4.2", "alert": "< 3.8",
                          "owner": "Ann", "method": "survey", "min_n": 30}])
    months = pd.period_range("2026-01", periods=5, freq="M")
    breach = {"q": pd.DataFrame({"month": months, "value": [4.3, 3.9, 3.7, 3.6, 3.5], "n": 40})}
    [alert] = measure_alerts(plan, breach, None, [])
    assert alert["severity"] == "high" and alert["since"] == "2026-03"
    assert alert["what"] == "Quality at 3.5, past the alert threshold <\u00a03.8"  # kept on one line
    assert alert["evidence"] == "40 answers"
    # 12 months around 4.5 (sigma 2.66 x 0.4 / 3 = 0.355), then four of the last five more than
    # one sigma below (under 4.145) and none past two: no threshold crossed, a drift
    months = pd.period_range("2025-01", periods=17, freq="M")
    values = [4.3, 4.7] * 6 + [4.1, 4.5, 4.1, 4.05, 4.1]
    drift = {"q": pd.DataFrame({"month": months, "value": values, "n": 40})}
    [alert] = measure_alerts(plan, drift, None, [])
    assert alert["severity"] == "medium" and alert["since"] == "2026-01"
    assert alert["what"] == "Quality drifting the wrong way, now 4.1 against a usual 4.5 (target ≥\u00a04.2)"
    assert alert["evidence"] == ("40 answers; control-chart rule: 4 of the last 5 points beyond 1 "
                                 "sigma on one side, limits from the first 8 months, any beyond them left out")


def test_a_month_beyond_the_limits_is_a_jump_out_of_the_usual_range():
    """One month past three sigma is no drift: the warning says the range it left, each limit as
    the measure is written and within what it can read. By hand, the first 8 months alternate
    (4.3, 4.7; 0.5%, 1.5%): centre 4.5 and 1.0%, moving range 0.4 and 1.0%, sigma = MR / 1.128 x
    sqrt(1 + 1/8) = 0.376 and 0.940%, limits 4.5 -/+ 1.128 = 3.37 to 5.63, and 1.0% -/+ 2.82% = -1.82%
    (a share reads no lower than 0%) to 3.82%."""
    plan = pd.DataFrame([{"kpi_id": "q", "kpi": "Quality", "target": ">= 4.2", "alert": "< 3.0",
                          "owner": "Ann", "method": "survey", "min_n": 30},
                         {"kpi_id": "complaint_rate", "kpi": "Complaint rate", "target": "<= 2%",
                          "alert": "> 10%", "owner": "Ann", "method": "complaint log", "min_n": 30}])
    months = pd.period_range("2025-01", periods=13, freq="M")
    # two months beyond the limits: the jump dates from the first of them (a review: a month
    # already beyond them read as usual, the warning dated from the latest)
    series = {"q": pd.DataFrame({"month": pd.period_range("2025-01", periods=14, freq="M"),
                                 "value": [4.3, 4.7] * 6 + [3.3, 3.2], "n": 40}),
              "complaint_rate": pd.DataFrame({"month": months, "value": [0.005, 0.015] * 6 + [0.06], "n": 4000})}
    quality, complaints = measure_alerts(plan, series, None, [])
    assert quality["what"] == "Quality at 3.2, outside its usual range of 3.4 to 5.6 (target ≥\u00a04.2)"
    assert quality["since"] == "2026-01" and complaints["since"] == "2026-01"
    assert complaints["what"] == "Complaint rate at 6.0%, outside its usual range of 0.0% to 3.8% (target ≤\u00a02%)"
    assert complaints["evidence"].endswith("control-chart rule: one point beyond 3 sigma, limits from the first 8 "
                                           "months, any beyond them left out")
    assert (quality["kind"], quality["severity"]) == ("drift", "medium")


def test_an_alert_from_twelve_answers_is_an_early_signal_with_its_interval():
    plan = pd.DataFrame([{"kpi_id": "nps", "kpi": "NPS", "target": ">= +30", "alert": "< +10",
                          "owner": "Ann", "method": "survey", "min_n": 30}])
    months = pd.period_range("2026-09", periods=3, freq="M")
    series = {"nps": pd.DataFrame({"month": months, "value": [35.0, 32.0, -50.0], "n": [40, 38, 12],
                                   "low": [20.0, 15.0, -85.0], "high": [50.0, 49.0, -15.0],
                                   "partial": [False, False, True]})}
    [alert] = measure_alerts(plan, series, None, [])
    assert alert["severity"] == "medium"
    assert alert["what"] == ("NPS at -50 (month to date), past the alert threshold <\u00a0+10, but from "
                             "only 12 answers: an early signal, not yet a finding")
    assert alert["evidence"] == "12 answers; 95% interval -85 to -15; month to date; the plan asks for 30"
    series["nps"].loc[2, "n"] = 30  # enough answers, but the month is still running: still no finding
    [alert] = measure_alerts(plan, series, None, [])
    assert alert["severity"] == "medium" and alert["kind"] == "early signal"
    assert alert["what"] == ("NPS at -50 (month to date), past the alert threshold <\u00a0+10, in a month not "
                             "yet complete (30 answers so far): an early signal, not yet a finding")
    series["nps"]["partial"] = False  # the same month complete: a finding
    [alert] = measure_alerts(plan, series, None, [])
    assert alert["severity"] == "high"


def test_a_running_month_never_replaces_the_last_complete_one():
    """Issue 25: seven days of November ('0.0% … on target' from 161 orders) hid October's full-month
    breach. The status and the warnings judge October; November is shown to date beside it."""
    from workbook.quality.assessment import measure_status
    plan = pd.DataFrame([{"kpi_id": "complaint_rate", "kpi": "Complaint rate", "target": "<= 2%",
                          "alert": "> 4%", "owner": "Ann", "method": "complaint log", "min_n": 30}])
    series = {"complaint_rate": pd.DataFrame({
        "month": pd.period_range("2026-09", periods=3, freq="M"), "value": [0.01, 0.0168 * 3, 0.0],
        "n": [4100, 4329, 161], "low": [None] * 3, "high": [None] * 3, "partial": [False, False, True]})}
    status = measure_status(plan, series).iloc[0]
    assert (status["period"], status["status"], bool(status["partial"])) == ("2026-10", "alert", False)
    assert (status["to_date"], status["to_date_n"], status["to_date_period"]) == (0.0, 161, "2026-11")
    [alert] = measure_alerts(plan, series, None, [])
    assert alert["since"] == "2026-10" and alert["severity"] == "high" and "(month to date)" not in alert["what"]


def test_the_running_month_is_marked_partial():
    deliveries = _deliveries([("1", "s", D(2026, 1, 5), D(2026, 1, 5), 1, 1),
                              ("2", "s", D(2026, 2, 5), D(2026, 2, 5), 1, 1)])
    plan = pd.DataFrame({"kpi_id": ["otif"]})
    quality = QualityData(deliveries=deliveries)
    assert track(plan, quality, D(2026, 2, 20))["otif"]["partial"].tolist() == [False, True]
    assert track(plan, quality, D(2026, 2, 28))["otif"]["partial"].tolist() == [False, False]
    series = track(plan, quality, D(2026, 2, 20))["otif"]
    assert series[["low", "high"]].iloc[0].tolist() == pytest.approx([0.2065, 1.0], abs=1e-4)  # Wilson, 1 of 1


def test_supply_alerts_carry_the_supply_risks_own_severity():
    """One finding, one severity: the supply table's and the early warnings' (issue 24: a single
    source was high in one and medium in the other, a non-critical input the other way round)."""
    supply = pd.DataFrame({"partner": ["a", "a", "b"], "input": ["cleaner", "cartons", "resin"],
                           "sources": [1, 3, 2], "days_on_hand": [9.0, 1.0, 0.0],
                           "replenish_days": [5.0, 4.0, 5.0], "critical": [True, False, True]})
    names = {"a": "Alpha", "b": "Beta"}.get
    risks = supply_risks(supply)
    assert list(zip(risks["input"], risks["kind"], risks["severity"])) == [
        ("cleaner", "single_source", "high"), ("cartons", "stock_short", "medium"),
        ("resin", "stock_short", "high")]
    alerts = supply_alerts(risks, "a", names)
    assert [(a["what"].split(":")[0], a["severity"]) for a in alerts] == [("cleaner", "high"),
                                                                         ("cartons", "medium")]
    both = supply_alerts(risks, "a", names, candidates=True)
    assert [(a["severity"], a["where"]) for a in both] == [
        ("high", "Alpha (supply)"), ("medium", "Alpha (supply)"), ("high", "Beta (candidate, supply)")]


@pytest.fixture
def example(tmp_path):
    return shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "example")


def _quality(folder):
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    return assess_quality(engagement, strategy, assess_partners(engagement, weighing.series, strategy=strategy))


def test_the_example_warns_before_customers_notice(example):
    report = _quality(example)
    assert report.partner == "apex" and report.plan_source == "generated"
    whats = " | ".join(report.alerts["what"])
    # the latest reading, with its day: the month's status beside it is the month's mean, another figure
    assert "Complaint rate" in whats and "Viscosity (mPa·s) read 1,280 on 2026-11-16, outside its control limits" in whats
    assert "Industrial distributors" in set(report.alerts["where"])
    gap = report.gap.set_index(["quarter", "segment"])["gap"]
    assert gap[("2026Q4", "Industrial distributors")] > 0.5
    assert report.not_measured == []
    calendar = report.calendar
    # under contract since 2025 and measured: the calendar opens with the results so far, not with
    # the reasons for a move made long ago; an all-segments warning is raised with every segment
    first = calendar[calendar["month"] == "Dec 2026"]
    assert set(first["touchpoint"]) >= {"Quality results so far", "Open issue"}
    assert "Why we outsource" not in set(calendar["touchpoint"])
    assert set(first.loc[first["touchpoint"] == "Open issue", "segment"]) == {c.name for c in load_engagement(example).settings.customers}
    assert len(calendar["month"].unique()) <= 12


def test_the_edited_plan_wins(example, capsys):
    assert main(["plan", str(example)]) == 0
    plan = example / "quality" / "plan.csv"
    plan.write_text(plan.read_text().replace(">= 95%,< 92%", ">= 99%,< 98%"))
    report = _quality(example)
    assert report.plan_source == "edited"
    assert report.plan.set_index("kpi_id").loc["otif", "alert"] == "< 98%"
    assert main(["plan", str(example)]) == 2
    assert "exists already" in capsys.readouterr().err


def test_partial_quality_data_degrades_gracefully(example):
    for name in ("feedback.csv", "readings.csv", "complaints.csv"):
        (example / "quality" / name).unlink()
    report = _quality(example)
    assert "OTIF" not in report.not_measured and "NPS" in report.not_measured
    assert report.gap.empty
    shutil.rmtree(example / "quality")
    report = _quality(example)
    assert len(report.not_measured) == len(report.plan)


@pytest.mark.parametrize("name,content,expected", [
    ("deliveries.csv", "order,segment,promised,delivered,ordered_qty,delivered_qty\nA1,Coatings OEMs,31/03/2026,,100,\n",
     "quality/deliveries.csv, row 2, column promised: the dates are written DD/MM/YYYY, not YYYY-MM-DD "
     "(found '31/03/2026'). Fix: write dates as YYYY-MM-DD, e.g. 2026-03-31 (in Excel: select the "
     "column, Format Cells, Custom, type yyyy-mm-dd, and save as CSV again)."),
    ("feedback.csv", "date,segment,method,measure,value\n2026-03-01,Retail,survey,nps,9\n",
     "quality/feedback.csv, row 2, column segment: this is not a customer segment of engagement.yaml "
     "(found 'Retail'). Fix: use a segment name from strategy.customers (or all)."),
    ("feedback.csv", "date,segment,method,measure,value\n2026-03-01,Coatings OEMs,gossip,nps,9\n",
     "quality/feedback.csv, row 2, column method: this is not a way of hearing customers (found 'gossip'). "
     "Fix: write survey, focus group, interview, quality test or designed conversation."),
    ("plan.csv", "kpi_id,kpi,definition,method,audience,cadence,owner,target,alert\n"
                 "otif,OTIF,x,delivery records,all segments,monthly,Ann,about 95,< 92%\n",
     "quality/plan.csv, row 2, column target: the target is not a comparison with a number (found 'about 95'). "
     "Fix: write it like >= 95%, < 3.8, <= 10 days or <= 48 h."),
    ("plan.csv", "kpi_id,kpi,definition,method,audience,cadence,owner,target,alert,min_n\n"
                 "nps,NPS,x,survey,all segments,quarterly,Ann,>= +30,< +10,0\n",
     "quality/plan.csv, row 2, column min_n: must be a whole number of 1 or more (found '0'). "
     "Fix: write the fewest answers, orders or readings a period needs before a breach is more than "
     "an early signal, e.g. 30."),
])
def test_bad_quality_files_are_reported_exactly(example, monkeypatch, capsys, name, content, expected):
    monkeypatch.chdir(example)
    (example / "quality" / name).write_text(content)
    assert main(["validate", "."]) == 2
    assert capsys.readouterr().err.splitlines()[0] == expected


@pytest.mark.parametrize("row,zeroed", [
    ("apex,CIP cleaning agent (alkaline),2,18,5,yes", "apex,CIP cleaning agent (alkaline),2,0,5,yes"),
    ("rheinberg,Neutralising amine,2,28,7,yes", "rheinberg,Neutralising amine,2,0,7,yes"),
])
def test_zero_days_on_hand_raises_an_alert_in_the_results_and_on_the_index(example, tmp_path, capsys, row, zeroed):
    item = zeroed.split(",")[1]
    (example / "supply.csv").write_text((example / "supply.csv").read_text().replace(row, zeroed))
    if not row.startswith("apex"):  # a candidate's supply counts while no contract is signed
        yaml = (example / "engagement.yaml").read_text()
        (example / "engagement.yaml").write_text(re.sub(r"^chosen_partner: .*\n", "", yaml, flags=re.M))
    assert main(["render", str(example), "--out", str(tmp_path / "out"), "--fail-on-alert"]) == 3
    err = capsys.readouterr().err
    assert f"{item}: 0 days on hand" in err
    report = tmp_path / "out" / "example"
    alerts = pd.read_csv(report / "results" / "alerts.csv")
    assert alerts["what"].str.startswith(f"{item}: 0 days on hand").any()
    index = (report / "index.html").read_text()
    # the partner under contract's shortfall is high and in the summary; a candidate's is low,
    # listed on the quality page behind the summary's link
    page = index if row.startswith("apex") else (report / "03_quality_plan.html").read_text()
    assert f"{item}: 0 days on hand" in page
    assert index.index("Recommendation") < index.index("Early warnings")


def test_a_service_plan_speaks_of_the_service_in_the_engagements_words(example):
    """offering: service, unit: claim and measures: contact-centre word the generated plan and
    its alerts for a contact centre: no goods' nouns, the engagement's unit, durations set for a
    service; a service without measures: gets the professional-services family."""
    from workbook.engagement.offering import Offering, plural
    from workbook.quality.alerts import counted
    from workbook.quality.plan import generate_plan
    from workbook.strategy.analysis import analyse_strategy

    settings = load_engagement(example).settings
    strategy = analyse_strategy(settings)
    claims = Offering("service", "claim", "claims", ("contact-centre",))
    service = generate_plan(strategy, "Ann Lee", ["OEM"], claims)
    product = generate_plan(strategy, "Ann Lee", ["OEM"])
    assert service["kpi_id"].tolist()[:3] == ["service_level", "abandonment", "settled_on_time"]
    assert generate_plan(strategy, "Ann Lee", ["OEM"], Offering("service"))["kpi_id"].tolist()[:2] == [
        "milestones_on_time", "deliverable_acceptance"]
    words = " ".join(service[["kpi", "definition", "cadence", "owner"]].astype(str).agg(" ".join, axis=1))
    for goods in ("delivered", "deliveries", "inspection", "batch", " lot", "order", "specification", "Supply chain"):
        assert goods not in words, goods
    settled = service.set_index("kpi_id").loc["settled_on_time"]
    assert (settled["kpi"], settled["definition"]) == (
        "Claims settled in the agreed time", "Claims settled by the date promised to the customer / claims due")
    assert service.set_index("kpi_id").loc["time_to_settle", "target"] == "<= 5 days"  # not goods' 15 days
    assert "every order" in product["cadence"].tolist()
    row = service.set_index("kpi_id")
    assert counted(40, row.loc["settled_on_time"].rename(None).to_dict() | {"kpi_id": "settled_on_time"},
                   claims) == "40 claims"
    assert counted(3071, row.loc["service_level"].rename(None).to_dict() | {"kpi_id": "service_level"},
                   claims) == "3,071 calls offered"  # what the telephony's total counts, from the library
    assert counted(12, {"kpi_id": "own_measure", "method": "system records"}, claims) == "12 records"
    assert counted(1, {"kpi_id": "lot_acceptance", "method": "quality test"},
                   Offering("service", "claim", "claims")) == "1 claim audited"
    assert counted(3, {"kpi_id": "complaint_rate", "method": "complaint log"}) == "3 orders delivered"
    assert [plural(w) for w in ("claim", "batch", "policy", "day", "box")] == [
        "claims", "batches", "policies", "days", "boxes"]


def test_the_contact_centre_is_tracked_as_a_service():
    report = _quality(paths.DATA_DIR / "contact-centre")
    assert report.status["kpi"].tolist()[:3] == ["Service level (answered within 20 s)", "Abandoned calls",
                                                 "Claims settled in the agreed time"]
    assert report.not_measured == []
    whats = " | ".join(report.alerts["what"])
    assert "Claims settled in the agreed time" in whats and "OTIF" not in whats
    settled = report.status.set_index("kpi_id").loc["settled_on_time", "n"]
    assert any(e.startswith(f"{settled} claims; 95% interval") for e in report.alerts["evidence"])
    # the telephony's totals count calls, not claims
    assert any(e.startswith(f"{report.status.set_index('kpi_id').loc['service_level', 'n']:,} calls offered")
               for e in report.alerts["evidence"])


def test_an_order_placed_before_the_as_of_date_and_not_yet_due_is_not_from_the_future():
    from workbook.quality.assessment import cut_at
    deliveries = _deliveries([
        ("1", "s", D(2026, 3, 5), D(2026, 3, 4), 1, 1),
        ("2", "s", D(2026, 3, 12), None, 1, 0),      # placed 3 March, due after the as-of date
        ("3", "s", D(2026, 3, 20), None, 1, 0),      # placed after the as-of date
        ("4", "s", D(2026, 3, 15), None, 1, 0),      # no order date: dated by its promise
    ]).assign(order_date=[D(2026, 3, 1), D(2026, 3, 3), D(2026, 3, 14), None])
    kept, later = cut_at(QualityData(deliveries=deliveries), D(2026, 3, 10))
    assert kept.deliveries["order"].tolist() == ["1", "2"] and later == {"deliveries.csv": 2}
    assert otif_by_month(kept.deliveries, D(2026, 3, 10))["n"].tolist() == [1]  # 2 is not due yet


@pytest.mark.parametrize("value,n,expected", [
    (4.5, 40, "on target"), (4.0, 40, "short of target"), (3.5, 40, "alert"),
    (3.5, 12, "early signal"), (None, None, "not yet measured"), (float("nan"), 0, "not yet measured"),
])
def test_one_status_per_measure(value, n, expected):
    from workbook.quality.status import status_of
    assert status_of(value, n, (">=", 4.2), ("<", 3.8), 30) == expected


def test_an_early_signal_is_not_counted_as_past_alert():
    """Issue 24: the warnings list said 'an early signal, not yet a finding' while the status table
    (and the summary's count) said 'alert' for the same measure."""
    from workbook.quality.assessment import measure_status
    plan = pd.DataFrame([{"kpi_id": "nps", "kpi": "NPS", "target": ">= +30", "alert": "< +10",
                          "owner": "Ann", "method": "survey", "min_n": 30}])
    months = pd.period_range("2026-09", periods=2, freq="M")
    series = {"nps": pd.DataFrame({"month": months, "value": [35.0, -50.0], "n": [40, 12]})}
    [alert] = measure_alerts(plan, series, None, [])
    assert alert["severity"] == "medium" and alert["what"].endswith("an early signal, not yet a finding")
    assert measure_status(plan, series)["status"].tolist() == ["early signal"]


def test_a_units_article_fits_it():
    from workbook.engagement.offering import Offering
    from workbook.quality.plan import _words
    assert _words("Days from a {unit} opened", Offering("service", "order", "orders"), "Ann") == \
        "Days from an order opened"
    assert _words("Days from a {unit} opened", Offering("service", "claim", "claims"), "Ann") == \
        "Days from a claim opened"


def test_a_measure_for_one_segment_is_taken_from_its_records_and_says_whose_figures_it_shows():
    """A new user's review: "Average speed of answer … (Brokers)" rested on every caller's records,
    and a lead time "for Industrial distributors" on 31 orders of which 10 were theirs."""
    plan = pd.DataFrame({"kpi_id": ["quality_rating", "speed_of_answer"], "kpi": ["CSAT", "Average speed of answer"],
                         "unit": ["rating", "seconds"], "audience": ["Brokers", "Brokers"],
                         "target": [">= 4", "<= 30"], "alert": ["< 3.5", "> 45"], "owner": ["Lead", "Lead"],
                         "min_n": [1, 1]})
    feedback = pd.DataFrame({"date": pd.to_datetime(["2026-03-02", "2026-03-05", "2026-03-09"]),
                             "segment": ["Brokers", "Brokers", "Policyholders"], "method": "survey",
                             "measure": "quality_rating", "value": [3.0, 3.4, 5.0]})
    observations = pd.DataFrame({"month": [pd.Period("2026-03", "M")], "segment": ["all"],
                                 "measure": ["speed_of_answer"], "value": [48.0], "n": [2791], "unit": ["seconds"]})
    series = track(plan, QualityData(feedback=feedback, observations=observations), date(2026, 3, 31))
    rating = series["quality_rating"].iloc[-1]
    assert (rating["value"], rating["n"], rating["segments"]) == (pytest.approx(3.2), 2, "Brokers")
    assert series["speed_of_answer"].iloc[-1]["segments"] == "all segments"  # no broker's own records
    alerts = {a["measure"]: a for a in measure_alerts(plan, series, feedback, ["Policyholders", "Brokers"])}
    assert alerts["quality_rating"]["where"] == "Brokers" and alerts["quality_rating"]["value"] == pytest.approx(3.2)
    assert alerts["speed_of_answer"]["where"] == "all segments"
