"""The front-runner's own measured quality feeds its recommendation (issue 25): a recommended
partner whose tracking — a pilot, or the contract it holds — shows high early warnings in its last
complete month is recommended only on condition that they are cleared, and the condition names
them."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace

import pytest

from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.quality.assessment import tracked_quality
from workbook.scoring.assessment import assess_partners, assess_robustness
from workbook.scoring.conditions import verdict_kind, winner_conditions
from workbook.strategy.weights import weigh_engagement
from workbook.views.findings import recommendation


def _assess(folder, draws=300):
    engagement = load_engagement(folder)
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    tracked = tracked_quality(engagement, strategy, assessment)
    assessment = replace(assessment, tracked=tracked)
    return engagement, assessment, assess_robustness(engagement, assessment, weighing.series, draws)


@pytest.fixture
def pilot(tmp_path):
    """The 3PL engagement before a contract: no chosen partner, and the ten months of tracking data
    are the front-runner's pilot, every row naming it."""
    folder = shutil.copytree(paths.DATA_DIR / "fulfilment", tmp_path / "fulfilment")
    yaml = folder / "engagement.yaml"
    yaml.write_text(yaml.read_text().replace("chosen_partner: nordlager", "# no contract yet"))
    for file in (folder / "quality").glob("*.csv"):
        if file.name == "plan.csv":
            continue
        rows = list(csv.reader(file.open()))
        with file.open("w", newline="") as out:
            csv.writer(out).writerows([rows[0] + ["partner"]] + [r + ["nordlager"] for r in rows[1:] if r])
    return folder


def test_a_front_runner_with_pilot_warnings_is_recommended_on_condition(pilot):
    engagement, assessment, robust = _assess(pilot)
    assert not engagement.settings.chosen_partner and assessment.ranking.winner == "nordlager"
    tracked = assessment.tracked
    assert tracked["partner"] == "nordlager" and tracked["period"] == "2026-11"
    assert tracked["measures"][:2] == ["dispatch_on_time", "complaint_rate"]
    [condition] = [c for c in winner_conditions(assessment, robust) if c.code == "quality_warnings"]
    assert condition.figures["count"] == len(tracked["measures"]) == 9
    assert verdict_kind(robust, winner_conditions(assessment, robust)) == "conditional"
    assert recommendation(assessment, robust)[1].endswith(
        "on condition that the high early warnings on its own measured quality are cleared: " + ", ".join(
            n if n.isupper() else n[0].lower() + n[1:] for n in tracked["names"][:-1])
        + f" and {tracked['names'][-1][0].lower() + tracked['names'][-1][1:]}.")


def test_tracking_about_another_partner_leaves_the_recommendation_alone(pilot):
    """The pilot data names a partner that does not come first: it says nothing about the winner."""
    for file in (pilot / "quality").glob("*.csv"):
        if file.name != "plan.csv":
            file.write_text(file.read_text().replace(",nordlager\n", ",fjordkant\n"))
    _, assessment, robust = _assess(pilot)
    assert assessment.ranking.winner == "nordlager" and assessment.tracked is None
    assert "quality_warnings" not in [c.code for c in winner_conditions(assessment, robust)]


def test_no_tracking_data_no_condition(tmp_path):
    folder = shutil.copytree(paths.DATA_DIR / "fulfilment", tmp_path / "fulfilment")
    shutil.rmtree(folder / "quality")
    _, assessment, robust = _assess(folder)
    assert assessment.tracked is None
    assert verdict_kind(robust, winner_conditions(assessment, robust)) == "robust"
