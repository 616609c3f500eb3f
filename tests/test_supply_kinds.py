"""Supply continuity by kind of input (issue 24): materials and consumables keep days of stock
against replenishment; capabilities (a warehouse management system, a carrier contract, a labour
pool) are judged by redundancy, failover and hours of service lost, in their own words."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from conftest import write_engagement

from workbook.core.errors import InputError
from workbook.engagement.model import load_engagement
from workbook.engagement.offering import Offering
from workbook.quality.supply_alerts import supply_alerts
from workbook.scoring.assessment import assess_partners, assess_robustness
from workbook.scoring.continuity import (HOURS_PER_YEAR, SINGLE_PROVIDER, SLOW_FAILOVER, capability_outages,
                                         missed_delivery_chance, supply_risks, supply_severity)
from workbook.strategy.weights import weigh_engagement
from workbook.views.blocks import flat_lines
from workbook.views.findings import conditions, recommendation, verdict_kind

WMS = "Warehouse management system platform"
HEAD = "partner,input,kind,sources,critical,days_on_hand,replenish_days,failover_hours,recovery_hours,tolerable_hours\n"


# --- the capability model, by hand ---------------------------------------------------------------

def test_a_single_provider_loses_its_recovery_time_at_every_outage():
    hours, rate = capability_outages([1], [float("nan")], [12.0], [4.0], rate=1.0)
    assert hours[0] == pytest.approx(12.0)  # one outage a year, 12 hours each
    assert rate[0] == pytest.approx(math.exp(-4 / 12))  # P(an exponential of mean 12 > 4)


def test_a_standby_turns_an_outage_into_a_failover_unless_both_are_down():
    u = 12.0 / (HOURS_PER_YEAR + 12.0)  # the share of the time a provider is down
    hours, rate = capability_outages([2, 2], [2.0, 6.0], [12.0, 12.0], [4.0, 4.0], rate=1.0)
    assert hours[0] == pytest.approx((1 - u) * 2 + u * 12)  # 2.0137
    assert hours[0] == pytest.approx(2.0137, abs=1e-4)
    assert rate[0] == pytest.approx(u * math.exp(-4 / 12))  # a 2-hour failover is within 4 hours
    assert rate[1] == pytest.approx((1 - u) + u * math.exp(-4 / 12))  # a 6-hour one never is


def test_the_two_models_side_by_side_and_materials_unchanged():
    supply = pd.DataFrame({
        "partner": ["a", "a", "b"], "input": ["Cleaner", WMS, WMS],
        "kind": ["consumable", "capability", "capability"], "sources": [1, 1, 2],
        "days_on_hand": [0.0, None, None], "replenish_days": [7.0, None, None],
        "failover_hours": [None, None, 2.0], "recovery_hours": [None, 24.0, 24.0],
        "tolerable_hours": [None, 4.0, 4.0], "critical": [True, True, True]})
    table = missed_delivery_chance(supply, term_years=2).set_index("partner")
    assert table.loc["a", "yearly_rate"] == pytest.approx(0.5)  # the materials model as before
    assert table.loc["a", "chance_over_term"] == pytest.approx(1 - math.exp(-1.0))
    assert table.loc["a", "hours_lost_a_year"] == pytest.approx(24.0)
    assert table.loc["a", "outage_chance_over_term"] == pytest.approx(1 - math.exp(-2 * math.exp(-1 / 6)))
    assert table.loc["a", "outage_cause"] == WMS
    assert math.isnan(table.loc["b", "chance_over_term"])  # no critical material: no missed delivery
    u = 24.0 / (HOURS_PER_YEAR + 24.0)
    assert table.loc["b", "hours_lost_a_year"] == pytest.approx((1 - u) * 2 + u * 24)


def test_capability_risks_are_codes_with_the_one_severity():
    supply = pd.DataFrame({
        "partner": ["a", "a", "b"], "input": [WMS, "Carrier contract", "Labour pool"],
        "kind": ["capability"] * 3, "sources": [1, 2, 2], "critical": [True, True, False],
        "days_on_hand": [None] * 3, "replenish_days": [None] * 3, "failover_hours": [None, 36.0, 72.0],
        "recovery_hours": [24.0, 336.0, 240.0], "tolerable_hours": [4.0, 24.0, 48.0]})
    risks = supply_risks(supply)
    assert list(zip(risks["input"], risks["kind"], risks["severity"])) == [
        (WMS, SINGLE_PROVIDER, "high"), ("Carrier contract", SLOW_FAILOVER, "high"),
        ("Labour pool", SLOW_FAILOVER, "medium")]
    assert risks["issue"].tolist() == [
        "no redundancy for a critical capability: recovery takes 24 hours, the work can stand 4 hours",
        "failover takes 36 hours, the work can stand 24 hours", "failover takes 72 hours, the work can stand 48 hours"]
    assert supply_severity(SLOW_FAILOVER, False) == "medium"
    with pytest.raises(ValueError):
        supply_severity("stock short", True)
    alerts = supply_alerts(risks, "a", {"a": "Alpha", "b": "Beta"}.get, candidates=True,
                           offering=Offering("service", "order", "orders"))
    assert [a["action"] for a in alerts] == [
        "Ask the partner to put a second provider or a standby for the warehouse management system "
        "platform in place, and agree how the work carries on until then",
        "Ask the partner to bring failover of the carrier contract within 24 hours and rehearse it, and "
        "warn those who speak to customers of the service risk",
        "If this partner is chosen, make a failover within the hours the work can stand a condition of "
        "the contract"]
    assert alerts[0]["evidence"] == "1 provider, no redundancy, recovery 24 hours, the work can stand 4 hours"
    assert not any("stock" in a["action"] or "stock" in a["evidence"] for a in alerts)


# --- supply.csv's kind and its columns, exact messages -------------------------------------------

def problems(tiny, text: str) -> list[str]:
    write_engagement(tiny, {"supply.csv": text})
    with pytest.raises(InputError) as caught:
        load_engagement("acme")
    return [str(p) for p in caught.value.problems]


def test_a_file_without_kind_is_materials_as_before(tiny):
    write_engagement(tiny, {"supply.csv": "partner,input,sources,days_on_hand,replenish_days,critical\n"
                                          "a,Resin,2,10,5,yes\n"})
    assert load_engagement("acme").supply["kind"].tolist() == ["material"]


def test_capabilities_alone_need_no_stock_columns(tiny):
    write_engagement(tiny, {"supply.csv": "partner,input,Kind,sources,critical,failover_hours,"
                                          "recovery_hours,tolerable_hours\n"
                                          f"a,{WMS},Capability,2,yes,1,12,4\nb,{WMS},capability,1,yes,,24,4\n"})
    supply = load_engagement("acme").supply
    assert supply["kind"].tolist() == ["capability", "capability"]
    assert supply["failover_hours"].tolist()[0] == 1.0 and math.isnan(supply["failover_hours"].tolist()[1])


@pytest.mark.parametrize("rows,expected", [
    (f"a,{WMS},capabilty,1,yes,,,,24,4\n",
     ["acme/supply.csv, row 2, column kind: the kind is not material, consumable or capability (found "
      "'capabilty'). Fix: did you mean `capability`? Otherwise write material (goes into what is made or "
      "sent), consumable (used up doing the work: cleaning agents, packaging) or capability (what the "
      "work runs on: a software platform, a site, a carrier contract, a labour pool); an empty cell is "
      "material."]),
    (f"a,{WMS},capability,1,yes,1,3,,24,4\n",
     ["acme/supply.csv, row 2, column days_on_hand: a capability holds no stock: days on hand and to "
      "replenish are for materials and consumables (found '1'). Fix: leave it empty; a capability is "
      "judged by failover_hours, recovery_hours and tolerable_hours.",
      "acme/supply.csv, row 2, column replenish_days: a capability holds no stock: days on hand and to "
      "replenish are for materials and consumables (found '3'). Fix: leave it empty; a capability is "
      "judged by failover_hours, recovery_hours and tolerable_hours."]),
    ("a,Packaging cartons,consumable,2,yes,20,10,2,,\n",
     ["acme/supply.csv, row 2, column failover_hours: a consumable is judged by its stock, not by "
      "failover or recovery (found '2'). Fix: leave it empty, or set kind to capability if the work "
      "runs on it rather than using it up."]),
    (f"a,{WMS},capability,2,yes,,,,24,4\n",
     ["acme/supply.csv, row 2, column failover_hours: is empty (found ''). Fix: write how many hours it takes to "
      "switch to the second provider or standby: 0 if it takes over by itself."]),
    (f"a,{WMS},capability,1,yes,,,2,24,4\n",
     ["acme/supply.csv, row 2, column failover_hours: a capability with one provider has nothing to "
      "fail over to (found '2'). Fix: leave it empty, or count the second provider or standby in sources."]),
    (f"a,{WMS},capability,0,yes,,,,24,\n",
     ["acme/supply.csv, row 2, column sources: must be a whole number of 1 or more (found '0'). Fix: "
      "write how many independent providers or instances can carry the work: 1 with no redundancy, 2 "
      "with a second provider or a standby.",
      "acme/supply.csv, row 2, column tolerable_hours: is empty (found ''). Fix: write the longest outage, in "
      "hours, the work can ride out before customers feel it."]),
])
def test_supply_kind_problems_are_reported_exactly(tiny, rows, expected):
    assert problems(tiny, HEAD + rows) == expected


def test_a_capability_needs_its_own_columns(tiny):
    assert problems(tiny, "partner,input,kind,sources,critical,days_on_hand,replenish_days,recovery_hours\n"
                          f"a,{WMS},capability,1,yes,,,24\n") == [
        "acme/supply.csv, row 1, column failover_hours: the column is missing. Fix: add a column named "
        "failover_hours to the header row.",
        "acme/supply.csv, row 1, column tolerable_hours: the column is missing. Fix: add a column named "
        "tolerable_hours to the header row."]


# --- the capability-input case: the verdict in capability words ----------------------------------

YAML = """\
client: Test Client
decision: Choose a fulfilment partner
term_years: 5
offering: service
unit: order
strategy:
  own: {product_leadership: 1, customer_intimacy: 1, operational_excellence: 1}
  customers:
    - {name: All, share: 1, product_leadership: 1, customer_intimacy: 1, operational_excellence: 1}
team:
  leader: Ann Lee
  evaluators: [Ann Lee, Bob Roe]
"""


@pytest.fixture
def single_wms(tmp_path):
    """Nova wins clearly; its only risk is a warehouse management system with no standby."""
    scores = "evaluator,partner,criterion,score\n" + "".join(
        f"{e},{p},speed,{v}\n" for e in ("Ann Lee", "Bob Roe") for p, v in (("nova", 5), ("olds", 2)))
    return write_engagement(tmp_path / "wms", {
        "engagement.yaml": YAML,
        "criteria.csv": "id,name,group,direction,source,product_leadership,customer_intimacy,"
                        "operational_excellence,weight\nspeed,Dispatch speed,delivery,benefit,score,1,1,1,\n",
        "partners.csv": "id,name\nnova,Nova Fulfilment\nolds,Olds Logistics\n",
        "scores.csv": scores,
        "supply.csv": HEAD + f"nova,{WMS},capability,1,yes,,,,24,4\n"
                             "nova,Packaging cartons,consumable,3,yes,30,10,,,\n"
                             f"olds,{WMS},capability,2,yes,,,1,12,4\n"})


def test_a_single_provider_platform_is_a_condition_in_capability_words(single_wms):
    engagement = load_engagement(single_wms)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    robust = assess_robustness(engagement, assessment, weighing.series, 2000)
    offering = engagement.settings.offering
    found = conditions(assessment, robust, offering)
    assert found == [
        "a second provider or a standby for its warehouse management system platform is in place: it has none",
        "its service is made more resilient (a second provider or a standby, a faster failover): there is "
        "an estimated 99% chance of an outage longer than the work can stand over the term"]
    assert 1 - math.exp(-5 * math.exp(-4 / 24)) == pytest.approx(0.985, abs=1e-3)  # the 99%, by hand
    assert verdict_kind(assessment, robust, offering) == "conditional"
    lines = recommendation(assessment, robust, offering)
    assert lines[1] == (
        "A conditional recommendation: Nova Fulfilment, robust to changes in the weights, to disagreement "
        "between evaluators and to leaving out any one evaluator, on condition that " + "; and that ".join(found) + ".")
    assert lines[-1] == [
        "Watch points for Nova Fulfilment:", "continuity risk: Warehouse management system platform",
        "an estimated 99% chance of an outage longer than the work can stand over the term (24 hours of "
        "service lost a year)"]  # an under-1 % chance is low: no watch point, as it is no top risk
    text = " ".join(flat_lines(lines)).lower()
    for word in ("missed delivery", "safety stock", "stock", "second qualified source"):
        assert word not in text, word


def test_a_service_misses_service_not_deliveries(single_wms):
    write_engagement(single_wms, {"supply.csv": HEAD + "nova,Packaging cartons,consumable,1,yes,1,10,,,\n"
                                                       "olds,Packaging cartons,consumable,3,yes,30,10,,,\n"})
    engagement = load_engagement(single_wms)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    found = conditions(assessment, None, engagement.settings.offering)
    assert found[0] == "a second qualified source of packaging cartons is in place: it has only one"
    assert found[1].endswith("chance of a supply-caused missed service over the term")
    assert conditions(assessment, None)[1].endswith("chance of a supply-caused missed delivery over the term")


def test_a_chance_written_as_a_bound_reads_as_a_bound():
    """"An estimated over 99% chance" put the bound where a figure goes: a chance that
    :func:`formats.share` writes as a bound is "a chance estimated at over 99%"."""
    from workbook.views.supply_findings import chance_words, estimated_chance
    assert estimated_chance(0.45) == "an estimated 45% chance"
    assert estimated_chance(0.997) == "a chance estimated at over 99%"
    assert estimated_chance(0.004) == "a chance estimated at under 1%"
    assert chance_words("outage_chance", {"chance": 0.997, "hours_lost_a_year": 139.2}) == (
        "a chance estimated at over 99% of an outage longer than the work can stand over the term "
        "(139 hours of service lost a year)")
