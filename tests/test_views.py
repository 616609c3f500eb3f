"""The views layer: one registry of labels and formats, the same words wherever a column appears."""

from __future__ import annotations

import json
import re
from pathlib import Path

import matplotlib
import pandas as pd
import papermill
import pytest

from workbook.core import formats, measure_formats, paths
from workbook.engagement.model import load_engagement
from workbook.scoring.assessment import assess_partners
from workbook.strategy.weights import weigh_engagement
from workbook.views import blocks, chart_labels, charts, labels, tracking_charts

matplotlib.use("Agg")


@pytest.mark.parametrize("kind, value, text", [
    ("percent", 0.9636, "96.4%"), ("share", 0.356, "36%"), ("points", 0.12, "+12 points"), ("points", -0.031, "-3 points"), ("points", 0.004, "+0.4 points"),
    ("points", -0.0004, "-0.04 points"), ("points", 0.0, "0 points"),
    ("score", 0.72046, "0.72"), ("rating", 3.666, "3.7"), ("signed", 5.88, "+6"),
    ("signed", -50, "-50"), ("days", 8, "8 days"), ("days", 1, "1 day"), ("days", 2.5, "2.5 days"),
    ("money", 1465.5, "1,465.50"), ("count", 12000, "12,000"), ("ratio", 2.46, "2.5x"),
    ("number", 0.000123456, "0.000123"), ("number", 86.24, "86.2"), ("number", 14650.7, "14,651"),
    ("rank", 2.0, "2"), ("rank", float("nan"), "out"), ("percent", None, ""), ("score", float("nan"), ""),
])
def test_each_kind_of_number_is_written_one_way(kind, value, text):
    assert formats.KINDS[kind](value) == text


@pytest.mark.parametrize("kpi, target, value, text", [
    ("otif", ">= 95%", 0.862, "86.2%"), ("nps", ">= +30", 5.88, "+6"),
    ("lead_time", "<= 10 days", 8, "8 days"), ("quality_rating", ">= 4.2", 3.912, "3.9"),
])
def test_a_measure_is_written_in_its_own_kind(kpi, target, value, text):
    assert measure_formats.measure(value, kpi, target) == text


def test_the_table_takes_headers_and_formats_from_the_registry():
    frame = pd.DataFrame({"rank": [1.0, float("nan")], "partner": ["A <b>", "B"],
                          "weighted_sum": [0.7213, 0.5], "topsis": [0.61, 0.4],
                          "promethee_ii": [0.2, -0.2], "days_on_hand": [3.0, 14.0]})
    head, rows, numeric = blocks.cells(frame)
    assert head == ["Rank", "Partner", "Weighted sum", "TOPSIS", "PROMETHEE II", "Stock on hand"]
    assert rows == [["1", "A <b>", "0.72", "0.61", "0.20", "3 days"],
                    ["out", "B", "0.50", "0.40", "-0.20", "14 days"]]
    assert numeric == [True, False, True, True, True, True]
    html = blocks.table(frame).data
    assert "<td class=\"wb-l\">A &lt;b&gt;</td>" in html and "A <b>" not in html


def test_no_column_reads_differently_in_two_places():
    """The methods are spelled one way, and no label is written outside the registry."""
    assert labels.label("topsis") == "TOPSIS" and labels.label("promethee_ii") == "PROMETHEE II"
    assert labels.label("SLA attainment, last 12 months (%)") == "SLA attainment, last 12 months (%)"
    assert labels.label("cost per ticket (EUR)") == "Cost per ticket (EUR)"
    package = paths.PACKAGE_DIR
    spelled = {p.relative_to(package).as_posix() for p in package.rglob("*.py")
               if re.search(r"Topsis|Promethee ii|PROMETHEE-II", p.read_text(encoding="utf-8"))}
    assert spelled == set()
    # labels= and formats= dictionaries are gone from the views and the notebooks
    for path in [*package.rglob("*.py"), *paths.NOTEBOOKS_DIR.glob("*.ipynb")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(labels|formats)=\{", text), path.name
    # one rank formatter
    rank_formatters = [p.name for p in package.rglob("*.py")
                       if re.search(r"""["']out["'] if""", p.read_text(encoding="utf-8"))]
    assert rank_formatters == ["formats.py"]


def test_the_acceptability_chart_says_how_many_draws():
    table = pd.DataFrame({"partner": ["a", "b"], "rank_1": [0.7, 0.3], "rank_2": [0.3, 0.7]})
    ax = charts.acceptability_chart(table, pd.Series({"a": "A", "b": "B"}), draws=2_000)
    assert ax.get_xlabel() == "Share of 2,000 draws of weights around those in force"


def _outputs(notebook: Path) -> str:
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            texts.append("".join(data.get("text/html", "")) + "".join(data.get("text/plain", ""))
                         + "".join(output.get("text", "")))
    return "\n".join(texts)


def test_the_scoring_page_follows_its_draws_parameter(tmp_path, monkeypatch):
    """Rendered with draws=2000, the page's sentence and the chart's axis both say 2,000."""
    said = []
    real = charts.acceptability_chart

    def spy(*args, **kwargs):
        ax = real(*args, **kwargs)
        said.append(" ".join(ax.get_xlabel().split()))  # a long label wraps
        return ax

    out = tmp_path / "02.ipynb"
    papermill.execute_notebook(str(paths.NOTEBOOKS_DIR / "02_partner_scoring.ipynb"), str(out),
                               parameters={"engagement": str(paths.EXAMPLE_ENGAGEMENT),
                                           "results_dir": str(tmp_path / "results"), "draws": 2000},
                               cwd=str(paths.NOTEBOOKS_DIR), kernel_name="python3", progress_bar=False)
    text = _outputs(out)
    assert "comes first in over 99% of 2,000 draws of weights" in text
    assert "10,000" not in text
    recommendation = json.loads((tmp_path / "results" / "recommendation.json").read_text())
    assert recommendation["draws"] == 2000
    # the chart is drawn in the kernel; the same call, with the draws the page used, labels its axis
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    monkeypatch.setattr(charts, "acceptability_chart", spy)
    from workbook.views import scoring_page
    from workbook.views.step import Step
    strategy, weighing = weigh_engagement(engagement)
    step = Step(engagement, strategy, weighing, tmp_path)
    scoring_page.robustness(scoring_page.assess(step, draws=2000))
    assert said == ["Share of 2,000 draws of weights around those in force and of the evaluators' judgments"]


def test_the_index_page_ranking_uses_the_registry(tmp_path):
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    _, weighing = weigh_engagement(engagement)
    table = assess_partners(engagement, weighing.series).ranking.table
    from workbook.report.index_page import _ranking
    html = _ranking(table, engagement.partners["name"])
    assert "<th class=num>Rank</th><th>Partner</th><th class=num>Weighted sum</th><th>Warnings</th>" in html
    assert "<td class=num>out</td><td>Meridian" in html


def test_the_scoresheet_partners_sheet_has_one_id_column_and_criterion_names(tmp_path):
    from openpyxl import load_workbook

    from workbook.views.scoresheet import export_scoresheet
    path, _, _ = export_scoresheet(paths.EXAMPLE_ENGAGEMENT, "Tom Becker", tmp_path / "tom.xlsx")
    header = [c.value for c in load_workbook(path)["Partners"][1]]
    assert header.count("id") == 1 and header[:3] == ["id", "Partner", "Country"]
    criteria = load_engagement(paths.EXAMPLE_ENGAGEMENT).criteria
    assert criteria.loc[criteria["source"] == "otif_pct", "name"].iloc[0] in header
    assert [c.value for c in load_workbook(path)["Criteria"][1]] == ["id", "Criterion", "Group", "What it covers"]


def test_a_tracking_chart_shows_the_interval_of_each_month():
    months = pd.period_range("2026-01", periods=3, freq="M")
    series = pd.DataFrame({"month": months, "value": [0.9, 0.8, 0.85], "n": [40, 12, 30],
                           "low": [0.77, 0.52, 0.69], "high": [0.96, 0.94, 0.94]})
    ax = tracking_charts.kpi_chart(series, "OTIF", (">=", 0.95), ("<", 0.9), percent=True)
    assert [t.get_text() for t in ax.get_legend().get_texts()][:2] == ["95% interval", "measured"]
    band = ax.collections[0].get_paths()[0].vertices
    assert band[:, 1].min() == pytest.approx(0.52) and band[:, 1].max() == pytest.approx(0.96)
    plain = tracking_charts.kpi_chart(series.drop(columns=["low", "high"]), "OTIF")
    assert not plain.collections


def test_the_month_so_far_is_drawn_apart_from_the_judged_months():
    """A new user's review: the month to date, "not yet judged" in the tables, was drawn like a
    judged month (a measure rising above target on one answer)."""
    series = pd.DataFrame({"month": pd.period_range("2026-08", periods=4, freq="M"),
                           "value": [4.0, 4.1, 3.9, 4.6], "partial": [False, False, False, True]})
    ax = tracking_charts.kpi_chart(series, "Quality", (">=", 4.2), ("<", 3.8))
    lines = {line.get_label(): line for line in ax.get_lines()}
    assert list(lines["measured"].get_xdata()) == [0, 1, 2]
    assert list(lines[tracking_charts.TO_DATE].get_xdata()) == [3]
    assert lines[tracking_charts.TO_DATE].get_markerfacecolor() == "white"
    assert tracking_charts.TO_DATE in [t.get_text() for t in ax.get_legend().get_texts()]
    judged = tracking_charts.kpi_chart(series.assign(partial=False), "Quality")
    assert list(judged.get_lines()[0].get_xdata()) == [0, 1, 2, 3]


def test_no_target_or_alert_line_lies_on_the_edge_of_its_chart():
    """A new user's review: Consistency's alert line (95%) lay on the axis itself, unseen."""
    series = pd.DataFrame({"month": pd.period_range("2026-01", periods=4, freq="M"),
                           "value": [0.992, 0.987, 0.972, 0.952]})
    ax = tracking_charts.kpi_chart(series, "Consistency", (">=", 0.97), ("<", 0.95), percent=True)
    low, high = ax.get_ylim()
    for level in (0.97, 0.95, *series["value"]):
        assert low + 0.05 * (high - low) <= level <= high - 0.05 * (high - low)


def test_two_different_scores_never_read_alike_in_a_table():
    """A new user's review: partners ranked 3 and 4 both showed 0.66."""
    from workbook.views import blocks
    _, rows, _ = blocks.cells(pd.DataFrame({"weighted_sum": [0.77, 0.6641, 0.6582, 0.51]}))
    assert [r[0] for r in rows] == ["0.770", "0.664", "0.658", "0.510"]
    _, rows, _ = blocks.cells(pd.DataFrame({"weighted_sum": [0.77, 0.69, 0.66, 0.66]}))  # a true tie
    assert [r[0] for r in rows] == ["0.77", "0.69", "0.66", "0.66"]


def _grid_report(values: dict):
    """A quality report as kpi_grid reads it: a plan and each measure's monthly series."""
    from types import SimpleNamespace
    months = pd.period_range("2025-01", periods=22, freq="M")
    plan = pd.DataFrame({"kpi_id": list(values), "kpi": [f"Measure {k} with a long title" for k in values],
                         "target": [t for t, _ in values.values()], "alert": ["< 0" for _ in values]})
    series = {k: pd.DataFrame({"month": months, "value": [v * (1 + 0.01 * i) for i in range(22)]})
              for k, (_, v) in values.items()}
    return SimpleNamespace(plan=plan, series=series)


def test_a_tracking_grid_keys_an_interval_only_when_one_of_its_panels_draws_one():
    """A review: a grid of measures without intervals (monthly figures from the systems) showed
    "95% interval" in its key."""
    values = {"a": (">= 95%", 0.97), "b": ("<= 5", 3.5)}
    plain = tracking_charts.kpi_grid(_grid_report(values))
    assert "95% interval" not in [t.get_text() for t in plain.legends[0].get_texts()]
    report = _grid_report(values)
    report.series["a"] = report.series["a"].assign(low=0.9, high=0.99)
    banded = tracking_charts.kpi_grid(report)
    assert "95% interval" in [t.get_text() for t in banded.legends[0].get_texts()]
    for fig in (plain, banded):
        matplotlib.pyplot.close(fig)


def test_the_tracking_grids_fit_a_printed_page_and_show_every_measure_once():
    """A client-eye review: the one grid of twelve panels, three across, printed its month labels
    at 5 points. Grids of at most six panels, two across, print near their own size on A4 (182 mm
    across, 235 mm down for a chart), in the plan's order."""
    values = {k: (">= 95%", 0.97) for k in "abcdefghijklmno"}  # fifteen measures
    grids = tracking_charts.kpi_grids(_grid_report(values))
    assert [sum(ax.get_visible() for ax in fig.axes) for fig in grids] == [5, 5, 5]
    seven = tracking_charts.kpi_grids(_grid_report(dict(list(values.items())[:7])))
    assert [sum(ax.get_visible() for ax in fig.axes) for fig in seven] == [4, 3]  # not 6 and a lone 1
    for fig in seven:
        matplotlib.pyplot.close(fig)
    shown = [ax.get_title().split("\n")[0] for fig in grids for ax in fig.axes if ax.get_visible()]
    assert shown == [f"Measure {k} with a long title" for k in values]
    for fig in grids:
        width, height = fig.get_size_inches()
        scale = min(1.0, 182 / 25.4 / width, 235 / 25.4 / height)  # as the PDF's stylesheet fits it
        assert scale > 0.9, fig.get_size_inches()
        matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("values", [
    {"a": (">= 95%", 0.97), "b": ("<= 2%", 0.012), "c": (">= 30", -45.0), "d": ("<= 5", 3.5)},
    {"a": (">= 250000", 1_250_000.0), "b": ("<= 0.5%", 0.0041), "c": (">= 4.2", 4.1),
     "d": (">= 99.5%", 0.9975), "e": ("<= 120", 118.0)},
])
def test_the_tracking_grid_keeps_every_label_inside_its_own_room(values):
    """The grid is laid out from its labels' lengths, not by measuring them: drawn, no tick label
    or title leaves the figure or reaches into the panel beside or below it."""
    fig = tracking_charts.kpi_grid(_grid_report(values), columns=3)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    page = fig.bbox
    # what each panel draws: its tick labels, title and legend
    drawn = {ax.get_title(): ax.get_tightbbox(renderer) for ax in fig.axes if ax.get_visible()}
    assert len(drawn) == len(values)
    for title, box in drawn.items():
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, title
        assert not any(box.overlaps(other) for t, other in drawn.items() if t != title), title
    assert not fig.get_layout_engine()  # laid out once, when it was made
    from workbook.core import formats  # each panel's levels as the plan and the tables write them
    assert sorted(t.split("\n")[1] for t in drawn) == sorted(
        f"target {formats.threshold(t)} · alert {formats.threshold('< 0')}" for t, _ in values.values())
    for ax in (a for a in fig.axes if a.get_visible()):  # the months: apart, the latest among them
        shown = [t for t in ax.get_xticklabels() if t.get_text()]
        boxes = [t.get_window_extent(renderer) for t in shown]
        room = fig.dpi * 0.15  # a sixth of an inch at least between two
        assert all(left.x1 + room < right.x0 for left, right in zip(boxes, boxes[1:])), ax.get_title()
        assert shown[-1].get_text() == "2026-10" and 3 <= len(shown) <= 7


QUARTERLY_THEN_MONTHLY = ["2025-11", "2026-02", "2026-05", "2026-08", "2026-09", "2026-10", "2026-11"]


@pytest.mark.parametrize("months, labelled", [(3, 3), (6, 6), (7, 7), (15, 8), (22, 8),
                                              (QUARTERLY_THEN_MONTHLY, 5)])
def test_a_tracking_chart_labels_the_latest_month_and_never_crowds(months, labelled):
    months = (pd.period_range("2025-01", periods=months, freq="M") if isinstance(months, int)
              else pd.PeriodIndex(months, freq="M"))
    series = pd.DataFrame({"month": months, "value": range(len(months))})
    ax = tracking_charts.kpi_chart(series, "Lead time")
    ax.figure.canvas.draw()
    shown = [t for t in ax.get_xticklabels() if t.get_text()]
    assert len(shown) == labelled and shown[-1].get_text() == str(months[-1])
    boxes = [t.get_window_extent() for t in shown]
    assert all(left.x1 + ax.figure.dpi * 0.15 < right.x0 for left, right in zip(boxes, boxes[1:]))


def test_a_tracking_chart_puts_each_month_at_its_place_in_time():
    """A new user's review: quarterly answers, then monthly ones, stood evenly spaced, as if
    every gap were one month."""
    months = pd.PeriodIndex(QUARTERLY_THEN_MONTHLY, freq="M")
    ax = tracking_charts.kpi_chart(pd.DataFrame({"month": months, "value": [4.0] * 7}), "Quality")
    assert list(ax.get_lines()[0].get_xdata()) == [0, 3, 6, 9, 10, 11, 12]


def test_a_chart_on_a_page_says_what_it_shows_to_a_reader_who_cannot_see_it():
    import matplotlib.pyplot as plt
    fig, (left, right) = plt.subplots(1, 2)
    left.set_title("OTIF <by month>")
    right.set_title("Complaint rate")
    assert blocks.alt_text(fig) == "OTIF <by month>; Complaint rate"
    fig.suptitle("Tracking")
    assert blocks.alt_text(fig) == "Tracking; OTIF <by month>; Complaint rate"
    plt.close(fig)


@pytest.mark.parametrize("name,value,text", [
    ("Conversion cost (EUR/kg)", 4.2, "4.2 EUR/kg"), ("OTIF record, last 12 months (%)", 95.5, "95.5%"),
    ("Lead time (days)", 8, "8 days"), ("Years in the field", 25, "25"),
    ("Continuity (sites, staff)", 3, "3"), ("Cost per contact (EUR)", 1234.5, "1,234 EUR")])
def test_a_fact_in_a_sentence_carries_the_unit_its_criterion_names(name, value, text):
    from workbook.core.vocabulary import unit_of
    assert formats.fact(value, unit_of(name)) == text


@pytest.mark.parametrize("kind,value,text", [
    ("share", 0.999, "over 99%"), ("share", 1.0, "100%"), ("share", 0.001, "under 1%"), ("share", 0.0, "0%"),
    ("rating", -0.04, "0.0"), ("rating", -0.06, "-0.1"),
    ("rate", 0.0043, "0.0043"), ("rate", 0.012, "0.01"), ("rate", 0.0, "0.00"), ("rate", 0.00007, "0.000070")])
def test_no_figure_rounds_to_what_it_is_not(kind, value, text):
    """A 99.9 % share is not "100%" beside a table that says 99.9 %; a gap of -0.04 is not "-0.0"."""
    assert formats.KINDS[kind](value) == text


@pytest.mark.parametrize("value,level,kpi,target,text", [
    (3.795, 3.8, "quality_rating", ">= 4.2", "3.79"),  # not "3.8, past the alert threshold < 3.8"
    (3.7, 3.8, "quality_rating", ">= 4.2", "3.7"),
    (0.0395, 0.04, "complaint_rate", "<= 2%", "3.95%"),
    (0.9499, 0.95, "otif", ">= 95%", "94.99%"),
    (0.955, 0.95, "otif", ">= 95%", "95.5%"),
    (9.6, 10, "nps", ">= +30", "+9.6"),
    (3.8, 3.8, "quality_rating", ">= 4.2", "3.8"),
])
def test_a_measure_beside_its_threshold_reads_on_its_own_side(value, level, kpi, target, text):
    assert measure_formats.measure_against(value, level, kpi, target) == text


@pytest.mark.parametrize("low,high,kpi,target,text", [
    (0.99912, 0.99981, "availability", ">= 99.5%", "99.91% to 99.98%"),  # was "99.9% to over 99.9%"
    (0.99961, 0.99968, "availability", ">= 99.5%", "99.961% to 99.968%"),  # was "over 99.9% to over 99.9%"
    (0.0043, 0.0051, "damaged", "<= 0.5%", "0.43% to 0.51%"),  # was "0.4% to 0.5%": two steps apart at least
    (29.0, 31.4, "dock_to_stock", "<= 24 hours", "29.0 hours to 31.4 hours"),  # both ends alike, not "29 hours"
    (0.9996, 0.99999, "availability", ">= 99.5%", "99.960% to 99.999%"),  # never "100.00%"
    (0.912, 0.958, "otif", ">= 95%", "91.2% to 95.8%"),  # apart already: as measure() writes
    (4.12, 4.14, "quality_rating", ">= 4.0", "4.12 to 4.14"),
    (4.1, 4.1, "quality_rating", ">= 4.0", "4.1"),  # one value, written once
])
def test_an_interval_s_two_ends_read_apart(low, high, kpi, target, text):
    assert measure_formats.measure_interval(low, high, kpi, target) == text


def test_a_latest_value_is_written_as_finely_as_its_interval():
    """A review: "over 99.9%" beside an interval of "99.91% to 99.98%" (a service's availability)."""
    more = measure_formats.interval_places(0.9991, 0.9998, "availability", ">= 99.9%")
    assert more == 1
    assert measure_formats.measure_against(0.9995, 0.995, "availability", ">= 99.9%", more) == "99.95%"
    assert measure_formats.measure_against(0.9995, 0.995, "availability", ">= 99.9%") == "over 99.9%"
    # and still on its own side of the level, however many decimals that takes
    assert measure_formats.measure_against(0.99899, 0.999, "availability", ">= 99.9%", 1) == "99.899%"


def test_an_alert_never_rounds_a_breach_onto_its_threshold():
    from workbook.quality.alerts import measure_alerts
    plan = pd.DataFrame([{"kpi_id": "q", "kpi": "Quality", "target": ">= 4.2", "alert": "< 3.8",
                          "owner": "Ann", "method": "survey", "min_n": 30}])
    months = pd.period_range("2026-01", periods=2, freq="M")
    [alert] = measure_alerts(plan, {"q": pd.DataFrame({"month": months, "value": [4.3, 3.795], "n": 40})},
                             None, [])
    assert alert["what"] == "Quality at 3.79, past the alert threshold <\u00a03.8"


@pytest.mark.parametrize("value,text", [(45000.0, "45k"), (2_500_000.0, "2.5M"), (1234.5, "1,234"),
                                        (0.5, "0.5"), (99.3, "99.3"), (float("nan"), "")])
def test_a_decision_matrix_cell_is_never_in_scientific_notation(value, text):
    assert charts._compact(value) == text


@pytest.mark.parametrize("flag,words", [
    ("weak_customer_focus:flex", "customer focus: flexibility on volumes judged below adequate"),
    ("culture_gap:fit", "cultural chemistry: fit with our teams judged below adequate"),
    ("weak_customer_focus", "customer focus judged below adequate"),
    ("continuity:WMS platform", "continuity risk: WMS platform"),
    ("culture_gap:chem", "cultural chemistry with our teams judged below adequate"),  # said once
])
def test_a_flag_names_what_it_is_about(flag, words):
    """Issue 24's review: 'customer focus judged below adequate' for a partner leading the field on
    two of its three criteria; the flag now names the one below."""
    from workbook.views.flag_words import flag_words
    names = pd.Series({"flex": "Flexibility on volumes", "fit": "Fit with our teams",
                       "chem": "Cultural chemistry with our teams"})
    assert flag_words(flag, names) == words


def test_a_partners_criteria_below_adequate_in_one_group_are_named_in_one_phrase():
    """A new user's review: the summary read "customer focus: listening judged below adequate;
    customer focus: flexibility judged below adequate"."""
    from workbook.views.flag_words import split_flags
    names = pd.Series({"listen": "Listens to our requirements", "flex": "Flexibility on volumes, recipes",
                       "fit": "Fit with our teams", "otif": "OTIF"})
    flags = ("weak_customer_focus:listen; supply:CIP agent; weak_customer_focus:flex; culture_gap:fit; "
             "unique:otif; supply:Monomer blend")
    assert split_flags(flags, names) == ("OTIF", (
        "customer focus: listens to our requirements and flexibility on volumes, recipes judged below "
        "adequate; supply risk: CIP agent and Monomer blend; cultural chemistry: fit with our teams "
        "judged below adequate"))


def test_without_supply_data_the_page_says_how_continuity_is_judged(monkeypatch):
    """The contact centre judges business continuity as a criterion and lists no inputs: the page
    said 'supply continuity is not assessed' beside a 9% criterion of that group."""
    from workbook.views import scoring_page
    from workbook.views.step import open_step
    shown = []
    monkeypatch.setattr(scoring_page, "display", shown.append)
    scoring_page.supply_continuity(scoring_page.assess(open_step(paths.DATA_DIR / "contact-centre"), draws=200))
    assert ("The partners&#x27; inputs are not listed, so no chance of a stoppage is estimated; supply "
            "continuity is judged by the team on business continuity (sites and staff cover).") in shown[-1].data


@pytest.mark.parametrize("value,text", [(0.9996, "over 99.9%"), (0.0004, "under 0.1%"), (1.0, "100.0%"),
                                        (0.0, "0.0%"), (0.9637, "96.4%")])
def test_a_percentage_is_never_rounded_to_a_certainty_it_is_not(value, text):
    """A rank-1 share of 0.9996 read '100.0%' in the table and 'over 99%' in the sentence."""
    assert formats.percent(value) == text


def test_a_control_charts_title_is_not_cut():
    """'Viscosity (mPa·s): individuals chart (l…' was cut at the labels' 40 characters."""
    import datetime as dt

    import numpy as np

    from workbook.quality.control import baseline_xmr
    title = "Viscosity (mPa·s): individuals chart (limits from the first half)"
    values = np.array([10, 11, 9, 10, 11, 9, 10, 11, 10, 9, 10, 30.0])
    days = [dt.date(2026, 1, 1) + dt.timedelta(weeks=i) for i in range(len(values))]
    assert tracking_charts.control_chart(baseline_xmr(values), days, title).get_title() == title


@pytest.mark.parametrize("value,text", [(1.0, "1 hour"), (8.0, "8 hours"), (31.6, "31.6 hours"),
                                        (1234.0, "1,234 hours"), (124.1, "124 hours"), (413.1, "413 hours")])
def test_hours_are_written_one_way(value, text):
    """A review: results.xlsx's findings said "124.1 hours" of service lost a year where the
    scoring page's table says 124: the words take the table's three significant digits."""
    assert formats.hours(value) == text
    assert formats.hours(value) == f"{formats.number(value)} hour{'' if value == 1 else 's'}"


def test_every_top_risk_names_its_partner_and_its_severity():
    """The summary's supply and outage chances read as if they were nobody's (issue 24's review);
    a review: the summary gave a shiny object neither the severity nor the reason the scoring page,
    the PDF and results.xlsx give it. The winner's risks come most severe first, then the others'
    shiny objects."""
    from workbook.engagement.offering import Offering
    from workbook.report.index_page import _risks
    from workbook.register.finding import Finding, Findings
    findings = Findings((
        Finding("recommendation", "robust", subjects={"partner": "a"}),
        Finding("flag", "shiny_object", "high", {"partner": "b"},
                {"term_years": 5.0, "bottom_quarter": ["track_record"], "below": ["refs"], "below_values": [2.0]}),
        Finding("flag", "weak_customer_focus", "medium", {"partner": "a", "criterion": "listen"}, {"value": 2.5}),
        Finding("continuity", "supply_chance", "medium", {"partner": "a"}, {"chance": 0.05}),
        Finding("continuity", "outage_chance", "high", {"partner": "a"},
                {"chance": 0.12, "hours_lost_a_year": 31.6}),
        # under 1 %: low, so not a top risk
        Finding("continuity", "supply_chance", "low", {"partner": "b"}, {"chance": 0.004})))
    criteria = pd.DataFrame({"name": ["Referenceable customers", "Listening"], "group": ["track_record", "customer_focus"]},
                            index=["refs", "listen"])
    html = _risks(findings, {"a": "Alpha", "b": "Beta"}, criteria, offering=Offering("service", "order", "orders"))
    assert re.findall(r"<li>(.*?)</li>", html) == [
        "<b>high</b>: Alpha: an estimated 12% chance of an outage longer than the work can stand over the term "
        "(31.6 hours of service lost a year)",
        "<b>medium</b>: Alpha: customer focus: listening judged 2.5 of 5, below adequate",
        "<b>medium</b>: Alpha: an estimated 5% chance of a supply-caused missed service over the term",
        "<b>high</b>: Shiny-object warning for Beta: top-quarter innovation but track record in the bottom "
        "quarter of the field and referenceable customers judged 2 of 5, for a 5-year engagement"]


@pytest.mark.parametrize("value,written", [(0.995, "99.5%"), (0.0015, "0.15%"), (0.95, "95%"), (0.9, "90%")])
def test_a_legend_writes_a_percentage_level_as_the_plan_does(value, written):
    """Issue 25: legends rounded "≥ 99.5%" to "≥ 100%" and "≤ 0.15%" to "≤ 0%"."""
    from workbook.views.tracking_charts import _level
    assert _level(value, True) == written


def test_a_measure_of_large_values_is_written_in_full_on_its_axis():
    """Values around 45,000 varying in their last digits: matplotlib writes them as small numbers
    under an offset ("+4.5e4") above the axis, a code a client cannot read."""
    series = pd.DataFrame({"month": pd.period_range("2026-01", periods=4, freq="M"),
                           "value": [45000.1, 45000.3, 45000.2, 45000.4]})
    ax = tracking_charts.kpi_chart(series, "Units shipped")
    ax.figure.canvas.draw()
    assert ax.yaxis.get_offset_text().get_text() == ""
    assert all(t.get_text().startswith("45000") for t in ax.get_yticklabels() if t.get_text())


def test_a_title_sits_where_matplotlib_would_place_it(monkeypatch):
    """Titles are placed at the top of their Axes rather than found at each drawing (which costs
    a measure of the value axis); the figures read pixel for pixel as when matplotlib finds it."""
    import io

    import numpy as np

    from workbook.quality.control import baseline_xmr

    def drawn(make):
        fig = make().figure
        out = io.BytesIO()
        fig.savefig(out, format="png")
        matplotlib.pyplot.close(fig)
        return out.getvalue()

    months = pd.period_range("2026-01", periods=6, freq="M")
    makers = [
        lambda: tracking_charts.kpi_chart(pd.DataFrame({"month": months, "value": np.linspace(1e5, 3e5, 6)}),
                                          "Orders", (">=", 2e5), ("<", 1.5e5)),
        lambda: tracking_charts.control_chart(baseline_xmr(np.array([10, 11, 9, 10, 11, 30.0])),
                                              list(months), "Viscosity: individuals chart"),
        lambda: charts.contribution_chart(pd.DataFrame({"c1": [0.2, 0.5]}, index=["p1", "p2"]),
                                          pd.DataFrame({"group": ["quality"]}, index=["c1"]),
                                          pd.Series({"p1": "One", "p2": "Two"})),
    ]
    placed = [drawn(m) for m in makers]
    found = lambda ax, label, **kwargs: ax.set_title(label, **kwargs)  # noqa: E731
    monkeypatch.setattr(charts, "set_title", found)
    monkeypatch.setattr(tracking_charts, "set_title", found)
    assert [drawn(m) for m in makers] == placed


@pytest.mark.parametrize("name", ["contact-centre", "fulfilment"])
def test_the_score_charts_keep_their_legends_and_labels_inside_the_figure(name):
    """A new user's review: the legend of "What each partner's score is made of" ran off both
    sides of its figure ("nistry", "Track record and refere"), and the rank chart's axis label
    off its right edge ("… evaluators' judgme")."""
    from workbook.scoring.assessment import assess_partners, assess_robustness

    engagement = load_engagement(paths.DATA_DIR / name)
    _, weighing = weigh_engagement(engagement)
    assessment = assess_partners(engagement, weighing.series)
    robust = assess_robustness(engagement, assessment, weighing.series, 500)
    made = [charts.contribution_chart(assessment.ranking.contributions, engagement.criteria, assessment.names),
            charts.acceptability_chart(robust.acceptability, assessment.names, 10_000,
                                       drawn="weights around those in force and of the evaluators' judgments")]
    for ax in made:
        fig = ax.figure
        fig.canvas.draw()
        renderer, width = fig.canvas.get_renderer(), fig.bbox.width
        texts = [ax.xaxis.label, *ax.get_legend().get_texts()]
        for t in texts:
            box = t.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 <= width, t.get_text()
        legend = ax.get_legend().get_window_extent(renderer)
        assert not legend.overlaps(ax.xaxis.label.get_window_extent(renderer)), ax.get_title()
        matplotlib.pyplot.close(fig)


def test_the_rank_chart_never_writes_a_share_as_certain_that_is_not():
    """A new user's review: the summary said Apex comes first in "over 99%" of the draws, the
    chart's bar "100%"."""
    table = pd.DataFrame({"partner": ["a", "b"], "rank_1": [0.9996, 0.0004], "rank_2": [0.0004, 0.9996]})
    ax = charts.acceptability_chart(table, pd.Series({"a": "A", "b": "B"}), draws=10_000)
    written = [t.get_text() for t in ax.texts if t.get_text()]
    assert written and set(written) == {"over 99%"}
    matplotlib.pyplot.close(ax.figure)


def test_a_criterion_group_has_one_colour_in_every_chart():
    """A new user's review: Delivery was light orange on the scoring page's score chart and light
    blue on the matchmaking page's, and tab20 paired near-identical shades (cost, culture)."""
    every = load_engagement(paths.DATA_DIR / "fulfilment").criteria["group"]
    whole, part = charts.group_colours(every), charts.group_colours(every[every != "cost"])
    assert all(whole[g] == part[g] for g in set(every) - {"cost"})
    assert len({whole[g] for g in set(every)}) == len(set(every))  # no two groups alike


def test_the_decision_matrix_shows_partners_in_rank_order_and_marks_the_excluded(tmp_path, monkeypatch):
    """A new user's review: an excluded partner sat unmarked among the ranked ones, in the order of
    partners.csv."""
    from workbook.views import scoring_page
    from workbook.views.step import Step
    shown = {}
    real = charts.matrix_heatmap

    def spy(*args, **kwargs):
        ax = real(*args, **kwargs)
        shown["partners"] = [" ".join(t.get_text().split()) for t in ax.get_xticklabels()]
        return ax

    monkeypatch.setattr(charts, "matrix_heatmap", spy)
    monkeypatch.setattr(blocks, "figure", lambda chart: matplotlib.pyplot.close(chart.figure))
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    strategy, weighing = weigh_engagement(engagement)
    scoring = scoring_page.assess(Step(engagement, strategy, weighing, tmp_path), draws=200)
    scoring_page.decision_matrix(scoring)
    ranked = scoring.assessment.ranking.table
    expected = [scoring.name(p) + ("" if r == r else " (out)") for p, r in zip(ranked["partner"], ranked["rank"])]
    assert shown["partners"] == expected and expected[-1].endswith("(out)")


def test_a_tipping_side_no_weight_reaches_is_left_out_and_said(tmp_path, monkeypatch):
    """The service desk's winner keeps first place however low any one weight goes: the table
    leaves out the empty "Winner changes below" columns and says so in a sentence."""
    from workbook.views import scoring_page
    from workbook.views.step import Step
    shown = []
    monkeypatch.setattr(scoring_page, "display", lambda obj: shown.append(str(getattr(obj, "data", obj))))
    monkeypatch.setattr(scoring_page.blocks, "figure", lambda chart: matplotlib.pyplot.close("all"))
    engagement = load_engagement(paths.DATA_DIR / "service-desk")
    strategy, weighing = weigh_engagement(engagement)
    scoring = scoring_page.assess(Step(engagement, strategy, weighing, tmp_path), draws=500)
    assert scoring.robust.tipping["lower"].isna().all() and scoring.robust.tipping["upper"].notna().any()
    scoring_page.robustness(scoring)
    page = " ".join(shown)
    assert "Winner changes above" in page and "Winner changes below" not in page and "First below that" not in page
    assert "Lowering any one of these weights, all else kept in proportion, changes no winner." in page


def test_a_partner_out_that_reads_like_one_on_the_long_list_is_said_to_be_checked():
    """The example catalogue holds "APEX Polymer Solutions N.V." (out: no ISO 9001 certificate)
    beside "Apex Polymer Solutions", the recommended partner, and "Rhenberg" beside "Rheinberg":
    the reader is told to check whether they are one partner; an unrelated name is left alone."""
    from workbook.views.match_page import NAMESAKE, namesakes
    out = pd.DataFrame({"partner": ["apex-polymer-nv", "rhenberg", "zeta"],
                        "name": ["APEX Polymer Solutions N.V.", "Rhenberg Contract Chemicals GmbH", "Zeta Blends"]})
    listed = pd.DataFrame({"partner": ["apex", "rheinberg", "alpine"],
                           "name": ["Apex Polymer Solutions", "Rheinberg Contract Chemicals", "Alpine Coatings AG"]})
    assert namesakes(out, listed) == {"apex-polymer-nv": "Apex Polymer Solutions",
                                      "rhenberg": "Rheinberg Contract Chemicals"}
    assert NAMESAKE.format("Apex Polymer Solutions") == ("its name reads like that of Apex Polymer Solutions, on "
                                                         "the long list: check whether they are one partner")
    assert namesakes(out.iloc[:0], listed) == {} and namesakes(out, listed.iloc[:0]) == {}


def test_a_long_criterion_name_reads_whole_on_two_lines_beside_its_bar():
    """"Resolution within the SLA, last 12 months (%)" was cut to "…last 12 mont…"; on two lines
    of at most 36 characters it reads whole, and the rows are taller for it."""
    names = ["Resolution within the SLA, last 12 months (%)", "Cost per ticket (EUR)",
             "Customer focus (listening, flexibility, exceeding expectations)"]
    shown = chart_labels.two_lines(names)
    assert [s.replace("\n", " ") for s in shown] == names
    assert all(len(line) <= chart_labels.LINE for s in shown for line in s.split("\n"))
    assert shown[1] == "Cost per ticket (EUR)"  # a short one stays on one line
    assert shown[0] == "Resolution within the SLA,\nlast 12 months (%)"  # at the comma
    # evenly: textwrap filled the first line and left "(%)" alone on the second
    assert chart_labels.two_lines(["Orders shipped on the promised day (%)"]) == [
        "Orders shipped on\nthe promised day (%)"]
    assert chart_labels.row_height(shown, 0.32, 0.44) == 0.44 and chart_labels.row_height(shown[1:2], 0.32, 0.44) == 0.32
    assert chart_labels.two_lines(["x " * 60])[0].endswith("…")  # past two lines, cut
    weights = pd.DataFrame({"name": names, "weight": [0.5, 0.3, 0.2], "from_product_leadership": 0.0,
                            "from_customer_intimacy": 0.0, "from_operational_excellence": [0.5, 0.3, 0.2]})
    ax = charts.weights_chart(weights)
    assert {t.get_text() for t in ax.get_yticklabels()} == set(shown)
    matplotlib.pyplot.close(ax.figure)


def test_a_judgment_below_adequate_names_its_criterion_mid_sentence():
    """"Vantage IT Services: listens to and understands the wards' needs judged 1.33 of 5", not
    "…: Listens to…"; an acronym keeps its capitals."""
    from workbook.views.findings import group_findings
    criteria = pd.DataFrame({"name": ["Listens to and understands the wards' needs", "SLA reporting"],
                             "group": "customer_focus", "source": "score", "direction": "benefit"},
                            index=["listening", "sla"])
    values = pd.DataFrame({"listening": [4.0, 1.33], "sla": [4.0, 2.0]}, index=["helix", "vantage"])
    _, lines = group_findings(values, criteria, "customer_focus", {"vantage": "Vantage IT Services"}.get)
    # as the group's table writes the judgments (1.33, 2), not rounded apart from it (1.3, 2.0)
    assert lines == ["Vantage IT Services: listens to and understands the wards' needs judged 1.33 of 5.",
                     "Vantage IT Services: SLA reporting judged 2 of 5."]


def test_a_chart_is_shown_as_an_opaque_png_of_its_own_size():
    """Without an alpha channel the PDF embeds one image per chart, not an image and its mask."""
    import io as _io

    from PIL import Image as Picture
    fig = matplotlib.pyplot.figure(figsize=(4, 2))
    fig.add_subplot().plot([0, 1], [1, 0], color="#c0392b")
    picture = Picture.open(_io.BytesIO(blocks.png(fig)))
    assert picture.mode == "RGB" and picture.size == (400, 200)
    assert picture.getpixel((0, 0)) == (255, 255, 255)  # the white background, as drawn
    assert (192, 57, 43) in {c for _, c in picture.getcolors(maxcolors=100_000)}  # the line's colour
    matplotlib.pyplot.close(fig)


def test_a_table_keeps_a_short_unit_on_the_line_of_its_word():
    """A review: narrow columns broke "Returns processed within 48 / h" and "Order accuracy, last
    12 months / (%)"; a longer bracket may still break."""
    shown = blocks.table(pd.DataFrame({"kpi": ["Returns processed within 48 h", "Order accuracy, last 12 months (%)",
                                               "Business continuity (sites and staff cover)"]})).data
    assert "within 48\u00a0h<" in shown and "12 months\u00a0(%)<" in shown
    assert "continuity (sites and staff cover)" in shown
    header = blocks.table(pd.DataFrame({"On-time in-full record, last 12 months (%)": [0.95]})).data
    assert "12 months\u00a0(%)</th>" in header  # a header too (the long list's)
    cost = blocks.table(pd.DataFrame({"Conversion cost (EUR/kg)": [3.42]})).data
    assert "cost\u00a0(EUR/\u2060kg)</th>" in cost  # not "(EUR/" at a line's end, "kg)" on the next


def test_figures_written_under_a_criterions_name_are_right_aligned_as_numbers_are():
    """A review: the long list's facts ("99.3%", "3.42 EUR/kg") stood left-aligned, under a
    criterion's name the registry does not know, so "88%" of the right-aligned column before them
    ran into "99.3%". Text that only begins with a figure in some rows stays left."""
    frame = pd.DataFrame({"first_draws": [0.88, 0.1], "Lot acceptance rate (%)": ["99.3%", "97.9%"],
                          "Conversion cost (EUR/kg)": ["3.42 EUR/kg (measured 3.60 EUR/kg)", "4.11 EUR/kg"],
                          "facts_freshness": ["5 stale", "fresh"], "Note": ["fresh", "2 stale"]})
    head, _, right = blocks.cells(frame)
    assert dict(zip(frame.columns, right)) == {"first_draws": True, "Lot acceptance rate (%)": True,
                                               "Conversion cost (EUR/kg)": True, "facts_freshness": False,
                                               "Note": False}
    shown = blocks.table(frame).data
    assert '<td class="wb-r">99.3%</td>' in shown  # right, and free to wrap a bracket as text does
    assert '<td class="wb-r">3.42 EUR/kg (measured 3.60 EUR/kg)</td>' in shown


def test_facts_set_against_each_other_take_the_same_decimals():
    """A review: "cost per contact (5.4 EUR, the proposal is at most 5.03 EUR)"."""
    assert formats.facts_alike([5.4, 5.03], "EUR") == ["5.40 EUR", "5.03 EUR"]
    assert formats.facts_alike([96.5, 95], "%") == ["96.5%", "95.0%"]
    assert formats.facts_alike([12, 10], "days") == ["12 days", "10 days"]
    assert formats.facts_alike([1, 0], "yes/no") == ["yes", "no"]


def test_a_figure_is_rounded_as_a_reader_rounds_it():
    """A review: the basis of a proposed limit read "median plus a tenth (4.67 EUR)" for 4.25 x
    1.1 = 4.675, and "(7.2)" for a quartile of 7.25: the floats are 4.67499... and 7.2499...
    A figure is rounded half up, as written."""
    assert [formats.fixed(v, p) for v, p in [(4.675, 2), (7.25, 1), (4.5375, 3), (-2.5, 0), (0.125, 2)]] == \
        ["4.68", "7.3", "4.538", "-3", "0.13"]
    assert formats.fact(4.675, "EUR", 2) == "4.68 EUR" and formats.fact(88.0, "%", 1) == "88.0%"
    assert formats.fixed(float("inf"), 1) == "inf"


def test_a_decision_matrix_row_reads_with_the_same_decimals():
    """A review: rows read "95.5 / 93.1 / 91 / 86.2" and "4.6 / 4.85 / 4.05"."""
    values = pd.DataFrame({"otif": [95.5, 93.1, 91.0, 86.2], "rating": [4.6, 4.85, 4.05, float("nan")],
                           "volume": [45_000, 9_000, 12_500, 30_000]}, index=list("abcd"))
    scaled = (values - values.min()) / (values.max() - values.min())
    ax = charts.matrix_heatmap(scaled, values, pd.Series({p: p.upper() for p in "abcd"}),
                               pd.Series({"otif": "OTIF", "rating": "Rating", "volume": "Volume"}))
    rows: dict[int, list[str]] = {}
    for t in sorted(ax.texts, key=lambda t: t.get_position()):
        j, i = (round(v) for v in t.get_position())
        rows.setdefault(i, []).append(t.get_text())
    assert rows == {0: ["95.5", "93.1", "91.0", "86.2"], 1: ["4.60", "4.85", "4.05", ""],
                    2: ["45k", "9,000", "12.5k", "30k"]}
    matplotlib.pyplot.close(ax.figure)


def test_the_perception_gap_chart_says_whose_rating_without_calling_staff_customers():
    """A review: the service desk's chart read "Clinical staff (customers)" for the company's own
    users. Each segment's line is its own rating, whoever the segment is."""
    from workbook.views.tracking_charts import gap_chart
    gap = pd.DataFrame({"quarter": ["2026Q3", "2026Q4"] * 2, "segment": ["Clinical staff"] * 2 + ["Back office"] * 2,
                        "internal": [4.1, 4.2] * 2, "customers": [3.6, 3.7, 3.9, 3.8]})
    ax = gap_chart(gap)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["Our own rating", "Clinical staff (their rating)", "Back office (their rating)"]
    assert "customers" not in " ".join(labels + [ax.get_title()]).lower()
    matplotlib.pyplot.close(ax.figure)
