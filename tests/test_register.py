"""The one record of findings (workbook.register): every judgement as codes, subjects and figures,
each severity as decided once below the views, and findings.json drawn on by the summary, the
checklist and results.xlsx."""

from __future__ import annotations

import json

import pytest

from workbook.register.collect import quality_findings, scoring_findings
from workbook.register.finding import Finding, Findings
from workbook.register.ledger import FINDINGS, gather_findings, read_findings, write_part
from workbook.core.thresholds import breaches, parse_threshold
from workbook.scoring.conditions import MATERIAL_CHANCE, MISSED_DELIVERY_LIMIT, chance_severity, winner_conditions


def test_a_finding_has_one_known_kind_and_severity():
    with pytest.raises(ValueError, match="not a kind of finding: 'risk'"):
        Finding("risk", "x")
    with pytest.raises(ValueError, match="not a severity: 'urgent'"):
        Finding("alert", "alert", "urgent")


def test_a_chance_over_the_term_has_one_severity():
    """High from the limit that makes it a condition, medium from the summary's 1 %, low below."""
    assert chance_severity(MISSED_DELIVERY_LIMIT) == "high"
    assert chance_severity(MISSED_DELIVERY_LIMIT - 1e-9) == "medium"
    assert chance_severity(MATERIAL_CHANCE) == "medium"
    assert chance_severity(MATERIAL_CHANCE - 1e-9) == "low"


def test_the_record_round_trips_and_joins_the_steps_in_kind_order(tmp_path):
    status = Finding("status", "alert", subjects={"measure": "nps"}, figures={"latest": -19.0, "n": 40})
    alert = Finding("alert", "alert", "high", {"measure": "nps", "segment": "all segments"},
                    {"value": -19.0, "threshold": 10.0, "n": 40, "since": "2026-10"}, id="a1")
    verdict = Finding("recommendation", "conditional", subjects={"partner": "p1"}, figures={"fragile": []})
    write_part(Findings((status, alert)), tmp_path, "quality")
    write_part(Findings((verdict,)), tmp_path, "scoring")
    gather_findings(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [FINDINGS]
    record = read_findings(tmp_path)
    assert [f.kind for f in record] == ["recommendation", "status", "alert"]
    assert record.winner == "p1"
    assert record.of("alert")[0].to_dict() == alert.to_dict()
    assert record.count("status") == {"alert": 1}
    text = (tmp_path / FINDINGS).read_text()
    assert "Recommended" not in text and json.loads(text)["findings"][2]["figures"]["since"] == "2026-10"


def test_no_record_reads_as_an_empty_one(tmp_path):
    assert len(read_findings(tmp_path)) == 0 and read_findings(tmp_path).winner is None


@pytest.fixture(scope="module")
def fulfilment():
    """The 3PL engagement's scoring and quality, computed once (few draws: the verdict's kind is
    what is compared, not its shares)."""
    from workbook.quality.assessment import assess_quality
    from workbook.scoring.assessment import assess_partners, assess_robustness
    from workbook.engagement.model import load_engagement
    from workbook.strategy.weights import weigh_engagement
    engagement = load_engagement("data/fulfilment")
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    robust = assess_robustness(engagement, assessment, weighing.series, 300)
    return assessment, robust, assess_quality(engagement, strategy, assessment)


def test_the_scoring_findings_copy_each_severity_as_decided(fulfilment):
    assessment, robust, _ = fulfilment
    record = scoring_findings(assessment, robust)
    supply = record.of("supply")
    assert [(f.about("partner"), f.about("input"), f.code, f.severity) for f in supply] == [
        (r.partner, r.input, r.kind, r.severity) for r in assessment.supply.itertuples()]
    capability = [f for f in supply if f.figures["input_kind"] == "capability"]
    assert capability and all("days_on_hand" not in f.figures for f in capability)
    for r in assessment.continuity.itertuples():
        [f] = record.of("continuity", "supply_chance", partner=r.partner)
        assert f.figures["chance"] == r.chance_over_term
        assert f.severity == chance_severity(r.chance_over_term)
    winner = record.recommendation
    assert winner.about("partner") == assessment.ranking.winner
    assert [c.code for c in record.of("condition")] == [c.code for c in winner_conditions(assessment, robust)]
    assert winner.code in ("robust", "conditional", "close call")
    for f in record:  # codes, subjects and figures only: no sentence anywhere
        for value in [*f.subjects.values(), *f.figures.values()]:
            assert not (isinstance(value, str) and value.count(" ") > 6), (f, value)


def test_the_quality_findings_are_the_status_table_and_the_warnings(fulfilment):
    _, _, quality = fulfilment
    record = quality_findings(quality)
    assert [(f.about("measure"), f.code) for f in record.of("status")] == list(
        zip(quality.status["kpi_id"], quality.status["status"]))
    alerts = record.of("alert")
    assert [(f.id, f.code, f.severity) for f in alerts] == list(
        zip(quality.alerts["id"], quality.alerts["kind"], quality.alerts["severity"]))
    assert [f.severity for f in alerts] == sorted((f.severity for f in alerts), key=["high", "medium"].index)
    alert_of = dict(zip(quality.plan["kpi_id"], quality.plan["alert"]))
    breaches_found = [f for f in alerts if f.code == "alert"]
    assert breaches_found
    for f in breaches_found:  # the figure is past the threshold it names, in the plan's direction
        op, level = parse_threshold(alert_of[f.about("measure")])
        assert level == f.figures["threshold"] and breaches(f.figures["value"], (op, level))
        assert f.about("partner") == quality.partner


def test_a_control_chart_is_drawn_up_once_for_the_warning_and_the_page(fulfilment):
    from workbook.quality.control_limits import MIN_READINGS

    """The limits a control-chart warning names are those of the chart the page draws
    (QualityReport.charts), not a second computation with its own minimum sizes."""
    _, _, quality = fulfilment
    control = quality.alerts[quality.alerts["kind"] == "control"]
    assert len(control) >= 1 and set(control["measure"]) <= set(quality.charts)
    # the share dispatched by the promise is p-charted, whatever the measure is called in its family
    assert quality.charts["dispatch_on_time"].kind == "p"
    for _, a in control.iterrows():
        chart = quality.charts[a["measure"]].chart
        assert a["value"] == chart.values[-1]
        assert a["threshold"] in (chart.lower[-1], chart.upper[-1])
    readings = quality.readings
    for measure, c in quality.charts.items():
        if c.kind == "individuals":
            assert c.n == len(readings[readings["measure"] == measure]) >= MIN_READINGS
            assert c.baseline == max(MIN_READINGS, c.n // 2)


def test_the_render_takes_the_loaded_engagement_and_reads_its_yaml_no_more(monkeypatch, tmp_path):
    """The manifest's options and the catalogue come from the loaded engagement: given them,
    provenance reads no engagement.yaml (issue 24: the render path re-read it in three places)."""
    from workbook.engagement import catalogue_link
    from workbook.report import provenance

    def refuse(*args, **kwargs):
        raise AssertionError("engagement.yaml read again")
    (tmp_path / "engagement.yaml").write_text("as_of: today\n")
    monkeypatch.setattr(provenance, "read_yaml", refuse)
    monkeypatch.setattr(catalogue_link, "read_yaml", refuse)
    assert provenance.render_options(tmp_path, True, today="2026-12-01", as_of="today") == {
        "pdf": True, "day": "2026-12-01"}
    assert provenance.catalogue_snapshot(tmp_path, None) is None
    assert list(provenance.new_manifest(tmp_path, "x", {}, {})["inputs"]) == ["engagement.yaml"]
    with pytest.raises(AssertionError, match="read again"):  # and without them, it does read it
        provenance.render_options(tmp_path, True)


def test_every_finding_has_an_id_of_its_kind(fulfilment):
    assessment, robust, quality = fulfilment
    record = scoring_findings(assessment, robust) + quality_findings(quality)
    ids = [f.id for f in record]
    assert all(ids) and len(set(ids)) == len(ids)
    assert record.recommendation.id == "r1" and record.of("flag")[1].id == "f2"


def test_a_high_chance_over_the_term_is_a_warning_of_its_partner(fulfilment):
    """Issue 24's review: a partner with a one-in-five chance of an outage the work cannot stand
    had no warning in the ranking (Fjordkant: 20 %, its parcel carrier contract), though the
    record called it high; a cause already flagged is not flagged twice."""
    assessment, robust, _ = fulfilment
    flags = dict(zip(assessment.ranking.table["partner"], assessment.ranking.table["flags"]))
    assert "outage_chance:Parcel carrier contract" in flags["fjordkant"]
    record = scoring_findings(assessment, robust)
    [flag] = record.of("flag", "outage_chance", partner="fjordkant")
    [chance] = record.of("continuity", "outage_chance", partner="fjordkant")
    assert flag.severity == chance.severity == "high"
    for pid, text in flags.items():  # never beside a warning on the same input
        for f in str(text).split("; "):
            if f.startswith(("supply_chance:", "outage_chance:")):
                cause = f.partition(":")[2]
                assert f"supply:{cause}" not in text and f"continuity:{cause}" not in text


def test_a_control_signal_dates_from_the_first_point_past_the_limit(fulfilment):
    """Issue 24's review: 'Dock to stock … since 2026-11-27' while the readings had been past the
    limit since 2026-11-06: a point beyond a limit dates from the first of its run."""
    _, _, quality = fulfilment
    a = quality.alerts.set_index("measure").loc["dock_to_stock"]
    charted = quality.charts["dock_to_stock"]
    beyond = (charted.chart.above | charted.chart.below).tolist()
    first = len(beyond) - 1
    while beyond[first - 1]:
        first -= 1
    assert first < len(beyond) - 1  # a run of several readings, not the latest alone
    assert a["since"] == str(charted.x[first]) == "2026-11-06"


def test_every_warning_sign_and_proposal_shortfall_carries_its_severity():
    """A review: the contact centre's summary gave the shiny object's severity and none for the
    winner's other risks (a customer-focus judgment below adequate, two proposed must-haves it
    fails). A judgment at poor (2 of 5) or below is high, one between poor and adequate medium; a
    proposed must-have, not applied, that a partner fails is medium."""
    from workbook.engagement.model import load_engagement
    from workbook.scoring.assessment import assess_partners
    from workbook.scoring.warning_signs import below_adequate_severity
    from workbook.strategy.weights import weigh_engagement
    assert [below_adequate_severity(v) for v in (1.0, 2.0, 2.33, 2.67)] == ["high", "high", "medium", "medium"]
    engagement = load_engagement("data/contact-centre")
    strategy, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series, strategy=strategy)
    record = scoring_findings(assessment)
    signs = [f for f in record.of("flag") if f.code in ("weak_customer_focus", "culture_gap")]
    assert signs
    for f in signs:
        judged = assessment.matrix.values.at[f.about("partner"), f.about("criterion")]
        assert f.figures["value"] == judged and f.severity == below_adequate_severity(judged)
    shortfalls = record.of("proposal")
    assert shortfalls and {f.severity for f in shortfalls} == {"medium"}
