"""Strategy profiles and derived weights: hand-computed cases and the properties that must hold."""

import math
from dataclasses import replace

import numpy as np
import pytest

from workbook.core import paths
from workbook.engagement.model import load_engagement
from workbook.engagement.settings import Segment
from workbook.strategy.analysis import analyse_strategy, blend_profiles, customer_profile, normalise
from workbook.strategy.weights import criterion_weights, derive_weights

PL, CI, OE = "product_leadership", "customer_intimacy", "operational_excellence"


def test_customer_profile_is_share_weighted_by_hand():
    segments = [Segment("a", 3, {PL: 2, CI: 0, OE: 2}),   # 0.5, 0, 0.5
                Segment("b", 1, {PL: 0, CI: 1, OE: 0})]   # 0, 1, 0
    assert customer_profile(segments) == pytest.approx({PL: 0.375, CI: 0.25, OE: 0.375})


def test_blend_mixes_normalised_profiles():
    mixed = blend_profiles({PL: 4, CI: 0, OE: 0}, {PL: 0, CI: 0, OE: 10}, 0.25)
    assert mixed == pytest.approx({PL: 0.75, CI: 0.0, OE: 0.25})


def test_derived_weights_by_hand():
    relevance = np.array([[3, 0, 0], [0, 0, 3], [1, 1, 1]], float)
    profile = np.array([0.5, 0.25, 0.25])
    parts = derive_weights(relevance, profile, np.full(3, np.nan))
    # raw: 1.5, 0.75, 1.0 -> total 3.25
    np.testing.assert_allclose(parts.sum(axis=1), [1.5 / 3.25, 0.75 / 3.25, 1.0 / 3.25])
    np.testing.assert_allclose(parts[2], [0.5 / 3.25, 0.25 / 3.25, 0.25 / 3.25])


def test_explicit_weights_are_honoured_and_the_rest_share_the_remainder(tiny):
    engagement = load_engagement("acme")
    criteria = engagement.criteria.copy()
    criteria.loc["cost", "weight"] = 0.3
    table = criterion_weights(criteria, analyse_strategy(engagement.settings).blended).table.set_index("criterion")
    assert table.loc["cost", "weight"] == pytest.approx(0.3)
    assert table.loc["cost", "basis"] == "explicit"
    assert table.loc["innov", "weight"] == pytest.approx(0.7)
    assert table.loc["innov", "basis"] == "derived"


@pytest.fixture(scope="module")
def example():
    return load_engagement(paths.EXAMPLE_ENGAGEMENT)


def _weights(engagement, own, customers):
    settings = replace(engagement.settings, own=own,
                       customers=tuple(replace(s, profile=customers) for s in engagement.settings.customers))
    profile = analyse_strategy(settings).blended
    return criterion_weights(engagement.criteria, profile).table.set_index("criterion")["weight"]


def test_moving_from_product_leadership_to_operational_excellence_moves_the_weights(example):
    leader = _weights(example, {PL: 5, CI: 1, OE: 1}, {PL: 5, CI: 1, OE: 1})
    operator = _weights(example, {PL: 1, CI: 1, OE: 5}, {PL: 1, CI: 1, OE: 5})
    relevance = example.criteria[[PL, OE]]
    oe_led = relevance.index[relevance[OE] > relevance[PL]]
    pl_led = relevance.index[relevance[PL] > relevance[OE]]
    assert len(oe_led) and len(pl_led)
    assert (operator[oe_led] > leader[oe_led]).all()
    assert (operator[pl_led] < leader[pl_led]).all()
    assert leader.sum() == pytest.approx(1) and operator.sum() == pytest.approx(1)


@pytest.mark.parametrize("seed", range(20))
def test_weights_always_sum_to_one(example, seed):
    rng = np.random.default_rng(seed)
    own = dict(zip((PL, CI, OE), rng.uniform(0, 5, 3) + 0.01))
    customers = dict(zip((PL, CI, OE), rng.uniform(0, 5, 3) + 0.01))
    weights = _weights(example, own, customers)
    assert weights.sum() == pytest.approx(1)
    assert (weights >= 0).all()


def test_example_story_company_leads_on_product_leadership_customers_on_operations(example):
    strategy = analyse_strategy(example.settings)
    assert strategy.own_lead == PL and strategy.customer_lead == OE
    assert not strategy.aligned
    assert sum(strategy.blended.values()) == pytest.approx(1)
    assert normalise({PL: 2, CI: 1, OE: 1}) == pytest.approx({PL: 0.5, CI: 0.25, OE: 0.25})


# Wang and Chin (2011), European Journal of Operational Research: a 6x6 inconsistent matrix.
WANG_CHIN = [[1, 4, 3, 1, 3, 4], [1 / 4, 1, 7, 3, 1 / 5, 1], [1 / 3, 1 / 7, 1, 1 / 5, 1 / 5, 1 / 6],
             [1, 1 / 3, 5, 1, 1, 1 / 3], [1 / 3, 5, 5, 1, 1, 3], [1 / 4, 1, 6, 3, 1 / 3, 1]]


def test_ahp_reproduces_wang_and_chin_2011():
    from workbook.strategy.ahp import ahp, most_inconsistent
    result = ahp(np.array(WANG_CHIN))
    np.testing.assert_allclose(result.weights, [0.3208, 0.1395, 0.0348, 0.1285, 0.2374, 0.1391], atol=1e-3)
    assert result.lambda_max == pytest.approx(7.4199, abs=1e-3)
    assert result.cr == pytest.approx(0.229, abs=1e-3)
    assert not result.consistent
    worst = most_inconsistent(result, 1)[0]
    assert worst[:2] == (0, 2)  # item 1 judged 3x item 3 while the weights say about 9x


def test_ahp_on_a_consistent_matrix_recovers_the_weights():
    from workbook.strategy.ahp import ahp
    w = np.array([0.5, 0.3, 0.2])
    result = ahp(w[:, None] / w[None, :])
    np.testing.assert_allclose(result.weights, w)
    assert result.lambda_max == pytest.approx(3) and result.cr == pytest.approx(0, abs=1e-12)
    assert result.consistent


def _pairwise_engagement(tiny, rows, weighting="ahp"):
    (tiny / "ahp.csv").write_text("a,b,judgment\n" + rows)
    text = (tiny / "engagement.yaml").read_text().replace("  customers:", f"  weighting: {weighting}\n  customers:")
    (tiny / "engagement.yaml").write_text(text)
    return load_engagement("acme")


def test_ahp_weights_of_criteria_replace_the_derived_ones(tiny):
    from workbook.strategy.weights import criterion_weights
    engagement = _pairwise_engagement(tiny, "innov,cost,1/3\n")
    weights = criterion_weights(engagement.criteria, analyse_strategy(engagement.settings).blended,
                                engagement.settings.weighting, engagement.pairwise)
    assert weights.method == "ahp"
    assert weights.series.to_dict() == pytest.approx({"innov": 0.25, "cost": 0.75})
    assert set(weights.table["basis"]) == {"ahp"}


def test_ahp_weights_of_groups_are_shared_by_strategy_score(tiny):
    from workbook.strategy.weights import criterion_weights
    (tiny / "criteria.csv").write_text(
        "id,name,group,direction,source,product_leadership,customer_intimacy,operational_excellence\n"
        "innov,Innovation,innovation,benefit,score,3,0,0\n"
        "cost,Unit cost,cost,cost,unit_cost,0,0,3\n"
        "cost2,Freight,cost,cost,unit_cost,0,0,1\n")
    engagement = _pairwise_engagement(tiny, "innovation,cost,1\n")
    weights = criterion_weights(engagement.criteria, analyse_strategy(engagement.settings).blended,
                                "ahp", engagement.pairwise)
    assert weights.series.to_dict() == pytest.approx({"innov": 0.5, "cost": 0.375, "cost2": 0.125})
    parts = weights.table.set_index("criterion").filter(like="from_").sum(axis=1)
    assert parts.to_dict() == pytest.approx(weights.series.to_dict())


def test_ahp_file_problems_are_reported(tiny):
    from workbook.core.errors import InputError
    with pytest.raises(InputError) as caught:
        _pairwise_engagement(tiny, "innov,speed,3\ninnov,cost,12\n")
    assert [str(p) for p in caught.value.problems] == [
        "acme/ahp.csv, row 2, column b: this is not a criterion id of criteria.csv (found 'speed'). "
        "Fix: compare criterion ids, or group names, but not both.",
        "acme/ahp.csv, row 3, column judgment: must be a number from 1/9 to 9 (found '12'). "
        "Fix: write how many times more important a is than b, e.g. 3, or 1/3 for the reverse."]
    (tiny / "ahp.csv").unlink()
    with pytest.raises(InputError) as caught:
        load_engagement("acme")
    assert str(caught.value) == (
        "acme/ahp.csv: strategy.weighting is ahp but the file is missing. "
        "Fix: add the pairwise judgments, or set strategy.weighting to derived.")


def test_missing_pairs_are_named(tiny):
    from workbook.core.errors import InputError
    (tiny / "criteria.csv").write_text((tiny / "criteria.csv").read_text()
                                       + "speed,Speed,delivery,benefit,score,0,1,2,,\n")
    (tiny / "scores.csv").write_text((tiny / "scores.csv").read_text() + "Ann Lee,a,speed,3\n")
    with pytest.raises(InputError) as caught:
        _pairwise_engagement(tiny, "innov,cost,3\n")
    assert str(caught.value) == (
        "acme/ahp.csv: 2 of the 3 pairs of criteria are not judged: innov / speed, cost / speed. "
        "Fix: add a row for each pair.")


def test_alignment_overlap_by_hand():
    from workbook.strategy.analysis import overlap

    # |0.5-0.2| + |0.3-0.3| + |0.2-0.5| = 0.6 -> 1 - 0.3
    assert overlap({PL: 0.5, CI: 0.3, OE: 0.2}, {PL: 0.2, CI: 0.3, OE: 0.5}) == pytest.approx(0.7)
    assert overlap({PL: 1, CI: 0, OE: 0}, {PL: 0, CI: 0, OE: 1}) == 0


def test_example_alignment_and_messages(example):
    from workbook.strategy.messages import customer_messages, partner_needs
    strategy = analyse_strategy(example.settings)
    rows = {r["segment"]: r for r in strategy.alignment()}
    assert rows["Industrial distributors"]["buys_on"] == OE
    assert rows["Industrial distributors"]["gap"] == pytest.approx(0.625 - 0.2)
    messages = customer_messages(strategy, example.settings.leader).set_index("segment")
    assert messages["message"].str.contains("the move is not made to save money").all()
    assert "on-time, in-full" in messages.loc["Industrial distributors", "message"]
    assert messages.loc["Coatings OEMs", "messenger"] == "Maria Lindqvist, Chief Operating Officer, in person"
    assert partner_needs(strategy)[0].startswith("Lead: a partner able to make the most innovative")


def test_knockout_proposals_cover_threshold_criteria_and_can_be_accepted(example, tmp_path):
    import shutil

    from workbook.scoring.assessment import assess_partners
    from workbook.scoring.matrix import build_matrix
    from workbook.strategy.proposals import propose_knockouts
    from workbook.strategy.weights import weigh_engagement
    strategy = analyse_strategy(example.settings)
    values = build_matrix(example).values
    proposals = propose_knockouts(example.criteria, values, strategy).set_index("criterion")
    # threshold-led and without a knockout of their own (otif has one already)
    assert list(proposals.index) == ["listening", "flexibility", "years_in_field", "culture",
                                     "unit_cost", "supply_assurance"]
    years = values["years_in_field"]
    assert proposals.loc["years_in_field", "proposed"] == math.ceil(  # years are whole: 12.75 -> 13
        min(years.quantile(0.25), years.median() * 0.9))
    assert proposals.loc["unit_cost", "rule"] == "at most"

    folder = shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "example")
    text = (folder / "engagement.yaml").read_text().replace(
        "  blend: 0.5", "  accept_knockout_proposals: true\n  blend: 0.5")
    (folder / "engagement.yaml").write_text(text)
    accepted = load_engagement(folder)
    strategy, weighing = weigh_engagement(accepted)
    table = assess_partners(accepted, weighing.series, strategy=strategy).ranking.table.set_index("partner")
    assert "knockout:supply_assurance" in table.loc["lakeside", "flags"]  # 2.67 of 5 < 3
    assert "knockout:years_in_field" in table.loc["novasynth", "flags"]  # 2 years < 8.5
    assert table.loc["apex", "rank"] == 1



@pytest.mark.parametrize("field, expected", [
    ([86, 95.5, 96.8, 97, 98], 87.2),        # a percentage where the field reaches 98: not 49 (87.12, up
                                              # to the figures' one decimal)
    ([97, 97.5, 98, 98.5], 88.0),             # a tight field: nobody is excluded (87.975)
    ([2, 9, 14, 19, 28], 9.0),                # a wide field: the lower quartile decides
    ([-20, -5, 10, 30], -8),                  # around zero: the quartile decides (-8.75), whole: -8
])
def test_a_proposed_minimum_is_sensible_for_any_field(field, expected):
    import pandas as pd

    from workbook.engagement.model import load_engagement
    from workbook.strategy.analysis import analyse_strategy
    from workbook.strategy.proposals import propose_knockouts
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    strategy = analyse_strategy(engagement.settings)
    criteria = engagement.criteria.loc[["otif"]].assign(knockout=float("nan"))
    criteria.loc["otif", strategy.thresholds[0]] = 3.0  # serves a threshold discipline
    criteria.loc["otif", strategy.lead] = 0.0
    values = pd.DataFrame({"otif": field}, index=[f"p{i}" for i in range(len(field))])
    proposal = propose_knockouts(criteria, values, strategy).set_index("criterion")
    assert proposal.loc["otif", "proposed"] == pytest.approx(expected)
    assert proposal.loc["otif", "rule"] == "at least"


def test_a_proposed_must_have_on_a_count_is_a_whole_number():
    """Referenceable clients 0, 1, 2, 6: the lower quartile 0.75 and the median less a tenth 1.35
    give 0.75; "at least 1" excludes exactly the partner "at least 0.75" excludes."""
    import pandas as pd

    from workbook.strategy.proposals import propose_knockouts
    from workbook.views.proposal_words import basis_words

    class Strategy:
        lead, thresholds = "product_leadership", ("customer_intimacy", "operational_excellence")

    criteria = pd.DataFrame({"name": ["Referenceable clients", "Cost (EUR)"], "knockout": [None, None],
                             "direction": ["benefit", "cost"], "source": ["refs", "cost"],
                             "product_leadership": [0, 0], "customer_intimacy": [2, 0],
                             "operational_excellence": [1, 3]}, index=["refs", "cost"])
    values = pd.DataFrame({"refs": [0, 1, 2, 6], "cost": [4.1, 4.4, 5.0, 6.2]})
    proposed = propose_knockouts(criteria, values, Strategy()).set_index("criterion")["proposed"]
    assert proposed["refs"] == 1 and proposed["cost"] == pytest.approx(max(5.3, 4.7 * 1.1))
    words = [basis_words(p) for p in propose_knockouts(criteria, values, Strategy()).to_dict("records")]
    assert words == ["the lower of the candidates' lower quartile (0.8) and their median less a tenth (1.4), "
                     "rounded up to a whole number",
                     # 5.3 and 5.17: the quartile decides, and the costs' one decimal writes it exactly
                     "the higher of the candidates' upper quartile (5.30 EUR) and their median plus a tenth "
                     "(5.17 EUR)"]


def test_a_segment_with_the_company_s_own_profile_has_no_widest_gap():
    """A review: "Policyholders | overlap 100.0% | widest gap Product leadership | +0 points" named
    a gap where there is none."""
    from workbook.engagement.model import load_engagement
    from workbook.core import paths
    strategy = analyse_strategy(load_engagement(paths.DATA_DIR / "contact-centre").settings)
    rows = {r["segment"]: r for r in strategy.alignment()}
    assert rows["Policyholders"]["overlap"] == pytest.approx(1.0)
    assert rows["Policyholders"]["widest_gap"] is None and rows["Policyholders"]["gap"] == 0.0
    assert rows["Brokers"]["widest_gap"] == CI and rows["Brokers"]["gap"] == pytest.approx(-0.222, abs=0.001)


def test_the_alignment_table_says_so_where_a_segment_has_no_gap(rendered):
    page = (rendered("contact-centre") / "01_strategy.html").read_text()
    row = page[page.index("Policyholders</td>"):]
    row = row[:row.index("</tr>")]
    assert "none (the same profile)" in row and "Product leadership" not in row and "+0 points" not in row


def test_a_proposed_limit_is_written_as_the_figures_are_and_excludes_the_same_partners():
    """A review: "at most 5.03" from an upper quartile of 5.025 seemed to pass a partner at 5.03
    that the limit excludes. The limit is rounded, towards the stricter side, to the figures'
    own decimals: "at most 5.00" excludes exactly the partners 5.0075 does."""
    import pandas as pd

    from workbook.strategy.proposals import propose_knockouts
    from workbook.views.proposal_words import basis_words, limit_words

    class Strategy:
        lead, thresholds = "product_leadership", ("customer_intimacy", "operational_excellence")

    criteria = pd.DataFrame({"name": ["Cost (EUR)"], "knockout": [None], "direction": ["cost"], "source": ["cost"],
                             "product_leadership": [0], "customer_intimacy": [0], "operational_excellence": [3]},
                            index=["cost"])
    values = pd.DataFrame({"cost": [4.00, 4.10, 4.20, 4.30, 4.40, 5.00, 5.03, 5.10]})
    proposal = propose_knockouts(criteria, values, Strategy()).set_index("criterion").loc["cost"]
    quartile = values["cost"].quantile(0.75)  # above the median plus a tenth (4.785): it decides
    assert quartile == pytest.approx(5.0075) and proposal["proposed"] == 5.0
    assert (values["cost"] <= proposal["proposed"]).equals(values["cost"] <= quartile)
    assert proposal["decided_by"] == "quartile" and proposal["rounded"]
    assert basis_words(proposal) == (  # the figures one decimal finer than the limit, so the rounding shows
        "the higher of the candidates' upper quartile (5.008 EUR) and their median plus a tenth (4.785 EUR), "
        "rounded down to 2 decimals, as the candidates' figures are written")
    assert limit_words(proposal) == "5.00 EUR"
    values = pd.DataFrame({"cost": [4.00, 4.10, 4.20, 4.30, 4.40, 5.02, 5.02, 5.10]})  # on 5.02: kept, not 5.01
    assert propose_knockouts(criteria, values, Strategy())["proposed"].iloc[0] == 5.02


def test_the_proposals_table_writes_each_limit_as_the_findings_do(rendered):
    """A review: the contact centre's strategy page proposed a cost limit of "5" where the
    findings say "at most 5.0 EUR" (the candidates' costs are written in tenths); the example's
    "4.75" had no unit. Each limit now has its unit and the candidates' decimals; a judged one
    reads on its scale, "3 of 5", as judgments are written."""
    import re

    def proposal(name: str, criterion: str) -> list[str]:
        page = (rendered(name) / "01_strategy.html").read_text()
        rows = [[c.replace("\xa0", " ") for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in page.split("<tr")]
        return next(r[:3] for r in rows if len(r) >= 3 and r[0].startswith(criterion) and r[1] in ("at most", "at least"))

    assert proposal("contact-centre", "Cost per contact")[1:] == ["at most", "5.0 EUR"]
    assert proposal("example", "Conversion cost")[1:] == ["at most", "4.75 EUR/kg"]
    assert proposal("contact-centre", "Conversational-AI routing")[1:] == ["at least", "3 of 5"]


def test_the_basis_of_a_limit_reads_alike_on_the_page_and_in_results_xlsx(rendered):
    """A review: the proposals' basis gave its figures raw ("upper quartile (5.025) ... median
    plus a tenth (4.675)") beside "5.0 EUR", and results.xlsx wrote the limit as 5. The basis is
    worded from the proposal's codes and figures, in the criterion's unit, one decimal finer than
    a rounded limit; the sheet keeps the limit a number, with the candidates' decimals."""
    import re

    import openpyxl
    report = rendered("contact-centre")
    page = (report / "01_strategy.html").read_text()
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in page.split("<tr")]
    on_page = next(r for r in rows if len(r) >= 5 and r[0].startswith("Cost per contact") and r[1] == "at\xa0most")
    assert on_page[4] == ("the higher of the candidates&#x27; upper quartile (5.03 EUR) and their median plus a "
                          "tenth (4.68 EUR), rounded down to 1 decimal, as the candidates&#x27; figures are written")
    sheet = openpyxl.load_workbook(report / "results.xlsx")["Must-have proposals"]
    head = [c.value for c in sheet[1]]
    assert head == ["Criterion", "Rule", "Proposed limit", "Unit", "Serves (threshold)", "Basis"]
    row = next(r for r in sheet.iter_rows(min_row=2) if str(r[0].value).startswith("Cost per contact"))
    assert (row[2].value, row[2].number_format, row[3].value) == (5.0, "#,##0.0", "EUR")
    assert row[5].value == on_page[4].replace("&#x27;", "'")
