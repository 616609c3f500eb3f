"""The measure library and quality plans for any business (issue 25): each engagement's plan comes
from its family with every measure measured, values match hand calculations from the files, and
plans, observations and units are checked with exact messages."""

from __future__ import annotations

import csv
import shutil
from datetime import date

import pandas as pd
import pytest

from workbook.cli import main
from workbook.core import paths
from workbook.core.measure_library import family, family_names, library_markdown
from workbook.engagement.model import load_engagement
from workbook.quality.assessment import assess_quality_step
from workbook.strategy.weights import weigh_engagement


def _quality(folder):
    engagement = load_engagement(folder)
    strategy, weights = weigh_engagement(engagement)
    return engagement, assess_quality_step(engagement, strategy, weights.series)


@pytest.fixture(scope="module")
def reports():
    return {name: _quality(paths.DATA_DIR / name) for name in ("example", "contact-centre", "fulfilment", "service-desk")}


@pytest.fixture
def copy(tmp_path, monkeypatch):
    def make(name):
        folder = shutil.copytree(paths.DATA_DIR / name, tmp_path / name)
        monkeypatch.chdir(folder)
        return folder
    return make


def _rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_docs_page_is_the_library():
    assert (paths.PROJECT_DIR / "docs" / "measures.md").read_text(encoding="utf-8") == library_markdown()


def test_five_families_cover_the_businesses_outsourced():
    assert family_names() == ("contact-centre", "goods", "it-services", "logistics", "professional-services")
    ids = {name: {m.id for m in family(name)} for name in family_names()}
    assert {"service_level", "abandonment", "speed_of_answer", "handle_time", "first_contact_resolution",
            "quality_rating", "qa_score", "complaint_rate"} <= ids["contact-centre"]
    assert {"order_accuracy", "dispatch_on_time", "on_time_delivery", "damage_rate", "dock_to_stock",
            "returns_within_48h", "inventory_accuracy", "marketplace_cancellation",
            "marketplace_late_dispatch"} <= ids["logistics"]
    assert {"sla_met", "first_time_fix", "reopen_rate", "backlog_age", "time_to_restore",
            "availability"} <= ids["it-services"]
    for name in family_names():  # every plan can set the customers' rating against the company's own
        assert "quality_rating" in ids[name]


@pytest.mark.parametrize("name,family_name", [("example", "goods"), ("contact-centre", "contact-centre"),
                                              ("fulfilment", "logistics"), ("service-desk", "it-services")])
def test_each_engagement_plans_from_its_family_and_measures_every_measure(reports, name, family_name):
    engagement, quality = reports[name]
    assert engagement.settings.offering.measure_families == (family_name,)
    library = {m.id for m in family(family_name)}
    assert set(quality.plan["kpi_id"]) <= library and quality.plan_source == "generated"
    assert quality.not_measured == []


def test_the_contact_centres_service_level_is_the_months_calls_answered_in_time(reports):
    """October from the telephony's ISO weeks whose Thursday falls in October: calls answered
    within 20 s over calls offered (each week's % times its calls), not a mean of weekly shares."""
    _, quality = reports["contact-centre"]
    answered = offered = 0
    for row in _rows(paths.DATA_DIR / "contact-centre" / "quality" / "observations.csv"):
        year, week = row["period"].split("-W")
        thursday = date.fromisocalendar(int(year), int(week), 4)
        if row["measure"] == "service_level" and (thursday.year, thursday.month) == (2026, 10):
            answered += float(row["value"]) / 100 * int(row["n"])
            offered += int(row["n"])
    october = quality.series["service_level"].set_index(quality.series["service_level"]["month"].astype(str))
    assert october.loc["2026-10", "n"] == offered
    assert october.loc["2026-10", "value"] == pytest.approx(answered / offered, abs=1e-12)
    status = quality.status.set_index("kpi_id").loc["service_level"]
    assert status["period"] == "2026-10" and status["status"] == "alert"  # November is still running


def test_the_contact_centres_claims_settled_on_time_count_by_hand(reports):
    _, quality = reports["contact-centre"]
    due = [r for r in _rows(paths.DATA_DIR / "contact-centre" / "quality" / "deliveries.csv")
           if r["promised"].startswith("2026-10")]
    on_time = [r for r in due if r["delivered"] and r["delivered"] <= r["promised"]]
    october = quality.series["settled_on_time"].set_index(quality.series["settled_on_time"]["month"].astype(str))
    assert october.loc["2026-10", "n"] == len(due)
    assert october.loc["2026-10", "value"] == pytest.approx(len(on_time) / len(due))


def test_the_3pls_monthly_totals_are_read_in_their_own_units(reports):
    """Damage as a fraction without a unit, the marketplace's cancellations in % with a unit of %:
    both are the share the file says, never a hundred times it."""
    _, quality = reports["fulfilment"]
    rows = {(r["period"], r["measure"]): r for r in
            _rows(paths.DATA_DIR / "fulfilment" / "quality" / "observations.csv")}
    status = quality.status.set_index("kpi_id")
    damage, cancelled = rows[("2026-11", "damage_rate")], rows[("2026-11", "marketplace_cancellation")]
    assert status.loc["damage_rate", "latest"] == pytest.approx(float(damage["value"]))
    assert status.loc["marketplace_cancellation", "latest"] == pytest.approx(float(cancelled["value"]) / 100)
    assert status.loc["marketplace_cancellation", "n"] == int(cancelled["n"])
    assert status.loc["marketplace_cancellation", "status"] == "alert"  # 2.99% against > 2.5%
    # marketplace measures go to the marketplace's buyers only, the stores' EDI to the stores
    audience = quality.plan.set_index("kpi_id")["audience"]
    assert audience["marketplace_late_dispatch"] == "Marketplace buyers"
    assert audience["edi_accuracy"] == "Specialist stores"


def test_a_generated_target_is_raised_to_the_engagements_must_have(copy):
    """Order accuracy's library target is 99.5 %; a must-have of 99.8 % raises it, and says so."""
    folder = copy("fulfilment")
    text = (folder / "criteria.csv").read_text()
    (folder / "criteria.csv").write_text(text.replace(",99.5,99,99.95,", ",99.8,99,99.95,"))
    _, quality = _quality(folder)
    row = quality.plan.set_index("kpi_id").loc["order_accuracy"]
    assert (row["target"], row["target_from"]) == (">= 99.8%", "must-have:order_accuracy")
    assert quality.plan.set_index("kpi_id").loc["dispatch_on_time", "target_from"] == ""


def _errors(capsys):
    assert main(["validate", "."]) == 2
    return capsys.readouterr().err.splitlines()


PLAN = ("kpi_id,kpi,definition,method,audience,cadence,owner,target,alert\n"
        "order_accuracy,Order accuracy,Audited orders right / audited,quality test,all segments,monthly,"
        "Quality manager,{target},< 97%\n")


@pytest.mark.parametrize("target,expected", [
    (">= 98%", "quality/plan.csv, row 2, column target: the target is weaker than the must-have >= 99.5% on "
               "order_accuracy, from criterion order_accuracy (criteria.csv row 2) (found '>= 98%'). Fix: write "
               "a target of at least >= 99.5%, or change the must-have."),
    (">= 99", "quality/plan.csv, row 2, column target: order_accuracy is a share, and the target is not a "
              "percentage (found '>= 99'). Fix: write it as a percentage, e.g. >= 99%."),
])
def test_a_plan_target_weaker_than_a_must_have_is_refused(copy, capsys, target, expected):
    folder = copy("fulfilment")
    (folder / "quality" / "plan.csv").write_text(PLAN.format(target=target))
    assert _errors(capsys)[0] == expected


def test_a_duration_target_in_another_unit_is_refused(copy, capsys):
    folder = copy("fulfilment")
    (folder / "quality" / "plan.csv").write_text(
        "kpi_id,kpi,definition,method,audience,cadence,owner,target,alert\n"
        "dock_to_stock,Dock to stock,Hours to stock,system records,all segments,monthly,Ops,<= 1 day,> 36 h\n")
    assert _errors(capsys)[0] == (
        "quality/plan.csv, row 2, column target: the target is in days, but dock_to_stock is measured in hours "
        "(found '<= 1 day'). Fix: write it in hours, e.g. <= 1 h.")


OBSERVATIONS = "period,segment,measure,value,n,unit\n"


@pytest.mark.parametrize("row,expected", [
    ("2026-W40,all,service_level,81.5,300,\n",
     "quality/observations.csv, row 2, column value: service_level is a share (its target is a percentage), "
     "and this reads as a percentage (found '81.5'). Fix: write the share as a fraction (0.815) or as 81.5%, "
     "or write % in a unit column."),
    ("2026-W40,all,speed_of_answer,0.4,300,min\n",
     "quality/observations.csv, row 2, column unit: the unit is min, but speed_of_answer is measured in seconds "
     "(found 'min'). Fix: write the value in seconds and the unit s, or leave the unit empty."),
    ("2026-13,all,abandonment,0.04,300,\n",
     "quality/observations.csv, row 2, column period: is not a month, week or day (found '2026-13'). Fix: "
     "write the month as 2026-10, the ISO week as 2026-W44, or the day the week starts as 2026-10-05."),
    ("2026-W40,all,aht,410,0,s\n",
     "quality/observations.csv, row 2, column n: must be a whole number of 1 or more (found '0'). Fix: write "
     "how many orders, calls or tickets the value rests on, e.g. 4329."),
])
def test_observations_are_checked_cell_by_cell(copy, capsys, row, expected):
    folder = copy("contact-centre")
    (folder / "quality" / "observations.csv").write_text(OBSERVATIONS + row)
    assert _errors(capsys)[0] == expected


def test_an_alias_names_the_measure_a_client_export_calls_otherwise(copy):
    """aht, csat and fcr are the library's handle_time, quality_rating and first_contact_resolution."""
    folder = copy("contact-centre")
    with (folder / "quality" / "observations.csv").open("a") as f:
        f.write("2026-11-30,all,AHT,999,10,s\n")
    engagement = load_engagement(folder)
    assert "aht" not in set(engagement.quality.observations["measure"])
    assert (engagement.quality.observations["measure"] == "handle_time").sum() == \
        sum(1 for r in _rows(paths.DATA_DIR / "contact-centre" / "quality" / "observations.csv")
            if r["measure"] == "handle_time") + 1


def test_an_unknown_family_is_named(copy, capsys):
    folder = copy("contact-centre")
    text = (folder / "engagement.yaml").read_text()
    (folder / "engagement.yaml").write_text(text.replace("measures: contact-centre", "measures: call-centre"))
    [line] = [x for x in _errors(capsys) if "key measures" in x]
    assert line == ("engagement.yaml, line 41, key measures: the measure library has no family "
                    "of this name (found 'call-centre'). Fix: write one of contact-centre, goods, it-services, "
                    "logistics, professional-services, or a list of them.")


def test_a_weeks_thursday_decides_its_month():
    from workbook.engagement.observations import month_of, period_start
    assert str(month_of(*period_start("2026-W44"))) == "2026-10"   # 26 Oct to 1 Nov: Thursday 29 October
    assert str(month_of(*period_start("2026-W45"))) == "2026-11"
    assert period_start("2026-11") == (date(2026, 11, 1), 30)
    assert str(month_of(*period_start("2026-09-28"))) == "2026-10"  # Monday 28 Sep: Thursday 1 October
    assert period_start("2025-W53") is None and period_start("2026-00") is None


def test_a_quarter_still_running_is_marked(reports):
    """The 3PL's figures run to 30 November: the fourth quarter has a month to go."""
    _, quality = reports["fulfilment"]
    gap = quality.gap
    assert set(gap.loc[gap["quarter_to_date"], "quarter"]) == {"2026Q4"}
    assert not gap.loc[gap["quarter"] != "2026Q4", "quarter_to_date"].any()
    from workbook.quality.perception import perception_gap
    from workbook.engagement.quality_files import QualityData
    engagement = load_engagement(paths.DATA_DIR / "fulfilment")
    at_quarter_end = perception_gap(engagement.quality, ["Online shoppers"], date(2026, 9, 30))
    assert not at_quarter_end["quarter_to_date"].any() and isinstance(engagement.quality, QualityData)


def test_a_service_desk_plans_from_it_services_in_its_own_words(copy):
    """The same folder as an IT service desk for internal users: measures: it-services and
    unit: ticket give SLA, first-time fix, reopened tickets and time to restore, in tickets."""
    folder = copy("contact-centre")
    text = (folder / "engagement.yaml").read_text()
    (folder / "engagement.yaml").write_text(text.replace("measures: contact-centre", "measures: it-services")
                                            .replace("unit: claim ", "unit: ticket "))
    (folder / "quality" / "observations.csv").unlink()
    (folder / "quality" / "feedback.csv").write_text("date,segment,method,measure,value,comment\n")
    engagement, quality = _quality(folder)
    plan = quality.plan.set_index("kpi_id")
    assert {"sla_met", "quality_rating", "reopen_rate", "availability", "first_time_fix",
            "time_to_restore", "backlog_age", "time_to_resolve"} <= set(plan.index)
    assert plan.loc["reopen_rate", "kpi"] == "Reopened tickets"
    assert plan.loc["time_to_restore", "target"] in ("<= 4 h", "<= 8 h")
    assert plan.loc["sla_met", "definition"].startswith("Tickets resolved within the time")
    # the tickets (deliveries.csv) measure the SLA and the time to resolve; the rest waits for data
    status = quality.status.set_index("kpi_id")["status"]
    assert status["sla_met"] != "not yet measured" and status["time_to_resolve"] != "not yet measured"
    assert status["availability"] == "not yet measured"


def test_a_list_of_families_takes_the_first_definition_of_a_shared_id(copy):
    folder = copy("fulfilment")
    text = (folder / "engagement.yaml").read_text()
    (folder / "engagement.yaml").write_text(text.replace("measures: logistics", "measures: [logistics, goods]"))
    engagement, quality = _quality(folder)
    assert engagement.settings.offering.measure_families == ("logistics", "goods")
    plan = quality.plan.set_index("kpi_id")
    assert plan.loc["quality_rating", "kpi"] == "Customer-rated delivery"  # logistics' own, not goods'
    assert "otif" in plan.index and "dock_to_stock" in plan.index


def test_a_teams_own_measure_says_its_unit_and_is_read_from_observations(copy):
    folder = copy("fulfilment")
    for name in ("feedback.csv", "complaints.csv", "deliveries.csv"):
        (folder / "quality" / name).unlink()
    (folder / "quality" / "observations.csv").write_text("period,segment,measure,value,n,unit,note\n")
    (folder / "quality" / "plan.csv").write_text(
        "kpi_id,kpi,definition,unit,direction,method,audience,cadence,owner,target,alert\n"
        "pick_rate,Picks per hour,Lines picked per labour hour,count,higher,system records,all segments,"
        "monthly,Operations manager,>= 120,< 100\n")
    with (folder / "quality" / "observations.csv").open("a") as f:
        f.write("2026-10,all,pick_rate,131,5400,,\n2026-11,all,pick_rate,97,2100,,\n")
    _, quality = _quality(folder)
    row = quality.status.set_index("kpi_id").loc["pick_rate"]
    assert (row["latest"], row["n"], row["period"], row["status"]) == (97, 2100, "2026-11", "alert")


def test_a_desk_for_the_companys_own_staff_warns_before_users_notice(reports):
    """The service desk's customers are the hospital group's staff (audience ``internal``): its
    warnings reach the site IT coordinators (the engagement's own word for who faces them) before
    users notice; every priority-1 incident is evidence (the library's min_n of 1)."""
    engagement, quality = reports["service-desk"]
    assert {c.audience for c in engagement.settings.customers} == {"internal"}
    high = quality.alerts[quality.alerts["severity"].eq("high")].set_index("measure")["action"]
    assert high["sla_met"].endswith("brief the site IT coordinators before users notice")
    # the staff who rated the desk have noticed already: they hear what is being done
    assert high["quality_rating"].endswith("brief the site IT coordinators, so that users hear what is being done")
    assert not quality.alerts["action"].str.contains("customers").any()
    restore = quality.status.set_index("kpi_id").loc["time_to_restore"]
    assert restore["status"] != "too few to judge" and restore["n"] < 20
    # October's nine-hour outage of the lab interface, from the monitoring's monthly figures
    october = quality.series["time_to_restore"].set_index("month").loc[pd.Period("2026-10", "M")]
    assert october["value"] == pytest.approx(9.2)


def test_the_perception_gap_is_that_of_the_ratings_as_written():
    """A review: "4.12 | 3.76 | 0.35" did not subtract (the gap of the unrounded 4.117 and 3.763,
    0.354). The gap is that of the two ratings as every table writes them."""
    from workbook.core.vocabulary import CUSTOMER_VIEW, INTERNAL_VIEW
    from workbook.engagement.quality_files import QualityData
    from workbook.quality.perception import perception_gap
    readings = pd.DataFrame({"date": ["2026-10-05", "2026-11-05", "2026-11-20"], "measure": INTERNAL_VIEW,
                             "value": [4.101, 4.130, 4.120]})  # mean 4.117
    feedback = pd.DataFrame({"date": ["2026-10-07", "2026-11-09", "2026-11-21"], "measure": CUSTOMER_VIEW,
                             "segment": "Online shoppers", "value": [3.763] * 3})
    gap = perception_gap(QualityData(readings=readings, feedback=feedback), ["Online shoppers"]).iloc[0]
    assert gap["internal"] == pytest.approx(4.117) and gap["customers"] == pytest.approx(3.763)
    assert f"{gap['internal']:.2f} - {gap['customers']:.2f} = {gap['gap']:.2f}" == "4.12 - 3.76 = 0.36"
