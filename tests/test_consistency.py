"""One finding, one severity: every early warning, measure status, supply risk and the verdict read
the same on the quality and scoring pages, in the summary, in the PDF and in results.xlsx, for
three engagements of different kinds (a product for business customers, a claims contact centre
for policyholders and brokers, a 3PL for shoppers, marketplace buyers and stores)."""

from __future__ import annotations

import json
import re
from html import unescape
from html.parser import HTMLParser

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from workbook.core.atomic import read_csv
from workbook.core.wordbook import say
from workbook.quality.status import STATUSES
from workbook.register.ledger import read_findings
from workbook.views.blocks import flat_lines

ENGAGEMENTS = ["example", "contact-centre", "fulfilment", "service-desk"]  # goods, a contact centre, a 3PL, an IT desk for staff


class Tables(HTMLParser):
    """Every table of a page as rows of cell texts (header row included)."""

    def __init__(self):
        super().__init__()
        self.tables, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> list[list[list[str]]]:
    parser = Tables()
    parser.feed(html)
    return [t for t in parser.tables if t]


def table_with(html: str, *headers: str) -> list[dict[str, str]]:
    """The rows of the first table whose header holds ``headers``, as dicts by header."""
    for table in tables(html):
        if all(h in table[0] for h in headers):
            return [dict(zip(table[0], row)) for row in table[1:]]
    return []


def sheet(book, name: str) -> list[dict]:
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").replace("-\n", "").split())


@pytest.fixture(scope="module", params=ENGAGEMENTS)
def report(request, rendered):
    folder = rendered(request.param)
    pdf = flat(" ".join(page.extract_text() or "" for page in PdfReader(folder / "report.pdf").pages))
    return {"folder": folder, "pdf": pdf,
            "book": openpyxl.load_workbook(folder / "results.xlsx"),
            "index": (folder / "index.html").read_text(encoding="utf-8"),
            "quality": (folder / "03_quality_plan.html").read_text(encoding="utf-8"),
            "scoring": (folder / "02_partner_scoring.html").read_text(encoding="utf-8")}


def test_every_early_warning_has_one_severity_everywhere(report):
    alerts = read_csv(report["folder"] / "results", "alerts.csv")
    assert len(alerts), "each of these engagements raises early warnings"
    severity = dict(zip(zip(alerts["what"].map(flat), alerts["where"]), alerts["severity"]))
    assert len(severity) == len(alerts), "each warning is told apart by what and where"
    page = table_with(report["quality"], "Severity", "What", "Where")
    assert {(flat(r["What"]), r["Where"]): r["Severity"] for r in page} == severity
    book = {(flat(r["What"]), r["Where"]): r["Severity"] for r in sheet(report["book"], "Early warnings")}
    assert book == severity
    card = report["index"].split("Early warnings (", 1)[1].split("</ul>", 1)[0]
    summary = [flat(unescape(li)) for li in re.findall(r"<li>(.*?)</li>", card, flags=re.S)]
    assert summary, "the summary shows the most severe warnings"
    for item in summary:
        [(what, where)] = [k for k in severity if item.split("</b>: ", 1)[1].startswith(f"{k[0]} ({k[1]}, since")]
        assert item.startswith(f"<b>{severity[what, where]}</b>: "), item
        assert flat(f"{severity[what, where]}: {what}") in report["pdf"], what


def test_every_measure_has_one_status_everywhere(report):
    status = read_csv(report["folder"] / "results", "measure_status.csv")
    by_measure = dict(zip(status["kpi"], status["status"]))
    # one word per status, from the word book: "past alert" on the page, the summary and the sheet
    words = {code: say(f"status.{code}") for code in STATUSES}
    assert words["alert"] == "past alert"
    worded = {kpi: words[code] for kpi, code in by_measure.items()}
    page = table_with(report["quality"], "Status")
    assert {r[next(iter(r))]: r["Status"] for r in page} == worded
    book = sheet(report["book"], "Measure status")
    assert {r[next(iter(r))]: r["Status"] for r in book} == worded
    counts = {label: int(n) for n, label in re.findall(r"<div><b>(\d+)</b>([a-z ]+)</div>", report["index"])}
    expected = pd.Series(list(worded.values())).value_counts()
    assert {k: v for k, v in counts.items() if v} == expected.to_dict()
    alerts = read_csv(report["folder"] / "results", "alerts.csv")
    # a measure's own warning is about the segments its figures come from, as its status says
    for kpi, measure, where, st in status[["kpi", "kpi_id", "segment", "status"]].itertuples(index=False):
        overall = alerts[(alerts["where"] == where) & (alerts["measure"] == measure)]
        # the month still running may raise an early signal beside any status: it is never judged
        raised = overall[overall["kind"].isin(["alert", "early signal"])
                         & ~overall["what"].str.contains("(month to date)", regex=False)]
        if st in ("alert", "early signal"):
            assert raised["kind"].tolist() == [st], kpi
        else:
            assert raised.empty, kpi


def test_a_supply_risk_has_one_severity_in_its_table_and_its_warning(report):
    risks = table_with(report["scoring"], "Input", "Severity")
    alerts = read_csv(report["folder"] / "results", "alerts.csv")
    supply = alerts[alerts["kind"] == "supply"]
    for _, a in supply.iterrows():
        partner = a["where"].split(" (")[0]
        source, _, issue = a["what"].partition(": ")
        matching = [r["Severity"] for r in risks if r["Partner"] == partner and r["Input"] == source
                    and r.get("Issue", issue) == issue]
        assert matching == [a["severity"]], a["what"]


def test_the_verdict_reads_the_same_everywhere(report):
    verdict = json.loads((report["folder"] / "results" / "recommendation.json").read_text())
    lines = flat_lines(verdict["recommendation"])  # a lead-in, then the points under it
    book = [r[0] for r in report["book"]["Recommendation"].iter_rows(min_row=2, values_only=True)]
    assert book == lines
    index = flat(unescape(re.sub(r"<[^>]+>", " ", report["index"])))
    scoring = flat(unescape(re.sub(r"<[^>]+>", " ", report["scoring"])))
    for line in lines:
        assert flat(line) in index and flat(line) in scoring, line
    if verdict["verdict"] is not None:
        assert f">{verdict['verdict']}</span>" in report["index"]


def test_the_verdict_is_recorded_as_codes_that_decide_its_kind(report):
    """recommendation.json holds the verdict's findings as codes and figures: conditions make it
    conditional, fragilities a close call; the sentences are drawn from the same codes."""
    verdict = json.loads((report["folder"] / "results" / "recommendation.json").read_text())
    kind, conditions, fragile = verdict["verdict"], verdict["conditions"], verdict["fragile"]
    assert kind == ("close call" if fragile else "conditional" if conditions else "robust")
    for c in conditions:
        assert c["code"] in {"shiny_object", "single_source", "single_provider", "slow_failover",
                             "supply_chance", "outage_chance", "methods_disagree", "below_proposed",
                             "quality_warnings"}
    if report["folder"].name == "contact-centre":
        assert [(c["code"], c["subject"]) for c in conditions] == [
            ("below_proposed", "ai_routing"), ("below_proposed", "cost_per_contact"), ("quality_warnings", "")]


def test_the_findings_record_is_what_every_output_shows(report):
    """results/findings.json is the one record: its statuses are the status table's, its warnings
    the warnings table's (same id, rule and severity), its supply risks the scoring page's, its
    verdict the summary's badge; results.xlsx lists every finding with the same severity."""
    results = report["folder"] / "results"
    record = read_findings(results)
    assert not any(results.glob("findings.*.json")), "the steps' parts are joined into findings.json"
    status = read_csv(results, "measure_status.csv")
    assert [(f.about("measure"), f.code) for f in record.of("status")] == list(zip(status["kpi_id"], status["status"]))
    alerts = read_csv(results, "alerts.csv")
    assert [(f.id, f.code, f.severity) for f in record.of("alert")] == list(
        zip(alerts["id"], alerts["kind"], alerts["severity"]))
    risks = [dict(zip(t[0], row)) for t in tables(report["scoring"]) if {"Input", "Severity"} <= set(t[0])
             for row in t[1:]]  # materials' and capabilities' tables
    assert len(risks) == len(record.of("supply"))
    assert sorted((r["Input"], r["Severity"]) for r in risks) == sorted(
        (f.about("input"), f.severity) for f in record.of("supply"))
    verdict = json.loads((results / "recommendation.json").read_text())
    found = record.recommendation
    assert found.about("partner") == verdict["winner"]
    assert found.code == (verdict["verdict"] or "ranked")
    assert [c.code for c in record.of("condition")] == [c["code"] for c in verdict["conditions"]]
    book = sheet(report["book"], "Findings")
    assert len(book) == len(record)
    assert [r["Severity"] or None for r in book] == [f.severity for f in record]
    for row, f in zip(book, record):
        if f.kind == "status":
            assert row["Status"] == say(f"status.{f.code}")
        if f.kind == "alert":
            assert row["What it says"] == alerts.set_index("id").at[f.id, "what"]
    shown = flat(unescape(re.sub(r"<[^>]+>", " ", report["index"] + report["quality"] + report["scoring"])))
    codes = {f.code for f in record if "_" in f.code}
    assert codes and not [c for c in codes if c in shown], "no code reaches a page"
    pdf_texts = [flat(say(f"status.{f.code}")) for f in record.of("status")]
    assert all(t in report["pdf"] for t in pdf_texts)


def test_no_sheet_tells_two_columns_apart_by_a_number(report):
    """Every header of results.xlsx says what its column holds: none needs the "(2)" the sheet
    writer adds when two labels of the registry read alike (the supply sheet's two chances)."""
    numbered = {ws.title: [c.value for c in ws[1] if isinstance(c.value, str) and re.search(r" \(\d+\)$", c.value)]
                for ws in report["book"].worksheets}
    assert {title: headers for title, headers in numbered.items() if headers} == {}


def test_a_shiny_object_has_one_severity_and_one_reason_everywhere(report):
    """A shiny-object warning is judged once, in the scoring step: the scoring page's table, the
    findings record, results.xlsx and the summary's top risks give it the same severity and the
    same reason (the record had it without a severity, the sheet and the summary without its reason)."""
    page = table_with(report["scoring"], "Partner", "Severity", "Reason")
    record = read_findings(report["folder"] / "results").of("flag", "shiny_object")
    assert len(page) == len(record)
    assert sorted(r["Severity"] for r in page) == sorted(f.severity for f in record)
    book = sheet(report["book"], "Findings")
    for row in page:
        [said] = [r for r in book if r["Partner"] == row["Partner"] and flat(r["What it says"]) == flat(row["Reason"])]
        assert said["Severity"] == row["Severity"] and said["Finding"] == "Warning sign"
        assert flat(row["Reason"]) in report["pdf"].replace("- ", "")
    card = report["index"].split("<h2>Top risks</h2>", 1)[-1].split("</ul>", 1)[0]
    for item in (flat(unescape(li)) for li in re.findall(r"<li>(.*?)</li>", card, flags=re.S)):
        if "Shiny-object warning for " in item:  # the summary's top risks, when it is among them
            [row] = [r for r in page if f"Shiny-object warning for {r['Partner']}:" in item]
            assert item == flat(f"<b>{row['Severity']}</b>: Shiny-object warning for {row['Partner']}: {row['Reason']}")
    if report["folder"].name == "example":  # NovaSynth Labs: dazzling, with no record in coatings
        assert [(r["Partner"], r["Severity"]) for r in page] == [("NovaSynth Labs", "high")]


def test_an_exclusion_gives_its_figures_with_their_unit_in_the_table_as_in_the_recommendation(rendered):
    """A review: the scoring page's "Excluded from the ranking" wrote "66 … at least 70" where the
    recommendation says "first-contact resolution is 66%, the must-have is at least 70%"."""
    page = unescape(re.sub(r"<[^>]+>", " ", (rendered("contact-centre") / "02_partner_scoring.html").read_text()))
    page = re.sub(r"\s+", " ", page.replace("\u00a0", " "))
    assert "first-contact resolution is 66%, the must-have is at least 70%" in page
    table = page.split("Excluded from the ranking", 1)[1][:300]
    assert re.search(r"Crescent Care Centres First-contact resolution \(%\) 66% at least 70%", table), table
