"""Quality measures by hand, and the generated plan's shape."""

import math

import pytest

from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.quality.measures import nps, otif, rate
from workbook.quality.plan import COLUMNS, generate_plan
from workbook.strategy.analysis import analyse_strategy


def test_otif_is_judged_per_order():
    # 4 orders: on time & full, late & full, on time & short, on time & full -> 2/4.
    on_time = [True, False, True, True]
    in_full = [True, True, False, True]
    assert otif(on_time, in_full) == 0.5
    # The on-time x in-full product would say 0.75 * 0.75 = 0.5625: a different number.
    assert otif(on_time, in_full) <= sum(on_time) / 4
    assert math.isnan(otif([], []))


def test_nps_by_hand():
    # 10 answers: 4 promoters (9, 10, 9, 10), 3 passives (7, 8, 8), 3 detractors (0, 6, 5).
    assert nps([9, 10, 9, 10, 7, 8, 8, 0, 6, 5]) == pytest.approx(10.0)
    assert nps([10] * 5) == 100 and nps([0, 6]) == -100


def test_rate():
    assert rate(3, 600) == 0.005 and math.isnan(rate(1, 0))


def test_plan_uses_the_lead_discipline_and_all_five_methods():
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    strategy = analyse_strategy(engagement.settings)
    plan = generate_plan(strategy, engagement.settings.leader, [s.name for s in engagement.settings.customers])
    assert list(plan.columns) == COLUMNS
    assert {"survey", "focus group", "interview", "quality test", "designed conversation"} <= set(plan["method"])
    assert {"OTIF", "Complaint rate", "Customer-rated quality", "NPS"} <= set(plan["kpi"])
    lead = plan[plan["discipline"] == "Product leadership (lead)"]
    assert "Perceived innovation" in set(lead["kpi"])
    customer_facing = plan[plan["method"].isin(["survey", "focus group", "designed conversation"])]
    assert (customer_facing["owner"] == engagement.settings.leader).all()
