"""Bad input: every problem at once, each naming file, row, column, value and fix, exactly."""

from __future__ import annotations

import pytest
from conftest import TINY, write_engagement

from workbook.cli import main
from workbook.core.errors import InputError
from workbook.engagement.model import load_engagement

C_HEAD = ("id,name,group,direction,source,product_leadership,customer_intimacy,"
          "operational_excellence,weight,knockout\n")
INNOV = "innov,Innovation,innovation,benefit,score,3,0,0,,\n"
COST = "cost,Unit cost,cost,cost,unit_cost,0,0,3,,\n"

# (case, file, new content, exact message lines)
CASES = [
    ("direction typo", "criteria.csv", C_HEAD + INNOV.replace("benefit", "benfit") + COST,
     ["acme/criteria.csv, row 2, column direction: the direction is not benefit or cost "
      "(found 'benfit'). Fix: did you mean `benefit`? Otherwise write benefit (more is better) or cost (less is better)."]),
    ("relevance out of range", "criteria.csv", C_HEAD + INNOV.replace(",3,0,0,", ",4,0,0,") + COST,
     ["acme/criteria.csv, row 2, column product_leadership: must be a number from 0 to 3 "
      "(found '4'). Fix: write the relevance to product_leadership: 0 (none) to 3 (decisive)."]),
    ("fact column missing", "criteria.csv", C_HEAD + INNOV + COST.replace("unit_cost", "unit_price"),
     ["acme/criteria.csv, row 3, column source: partners.csv has no column of this name "
      "(found 'unit_price'). Fix: did you mean `unit_cost`? Otherwise add the column to partners.csv, correct the name, or write score."]),
    ("duplicate criterion id", "criteria.csv", C_HEAD + INNOV + INNOV,
     ["acme/criteria.csv, row 3, column id: the id is used already on row 2 (found 'innov'). "
      "Fix: give every row its own id."]),
    ("missing column", "criteria.csv", C_HEAD.replace(",direction", "") + INNOV.replace(",benefit", "")
     + COST.replace(",cost,unit_cost", ",unit_cost"),
     ["acme/criteria.csv, row 1, column direction: the column is missing. "
      "Fix: add a column named direction to the header row.",
      "Not checked until then: scores.csv: the criterion ids, because criteria.csv could not be read."]),
    ("negative weight", "criteria.csv", C_HEAD + INNOV.replace(",,\n", ",-0.2,\n") + COST,
     ["acme/criteria.csv, row 2, column weight: must be a number of 0 or more (found '-0.2'). "
      "Fix: leave it empty to derive the weight, or write a share such as 0.15."]),
    ("all weights zero", "criteria.csv", C_HEAD + INNOV.replace(",,\n", ",0,\n")
     + COST.replace(",,\n", ",0,\n"),
     ["acme/criteria.csv, column weight: every weight is zero, so they cannot be normalised "
      "(found 0). Fix: give at least one criterion a weight above 0."]),
    ("explicit weights leave nothing", "criteria.csv", C_HEAD + INNOV.replace(",,\n", ",1.5,\n") + COST,
     ["acme/criteria.csv, column weight: the explicit weights add up to 1 or more, leaving nothing "
      "for the 1 criterion whose weight is derived (found 1.5). Fix: write explicit weights as "
      "shares that add up to less than 1, or give every criterion a weight."]),
    ("unknown measure for a record", "criteria.csv", C_HEAD.replace("knockout", "knockout,measure")
     + INNOV.replace(",,\n", ",,,\n") + COST.replace(",,\n", ",,,otiff\n"),
     ["acme/criteria.csv, row 3, column measure: the measure library has no measure of this id "
      "(found 'otiff'). Fix: did you mean `otif`? Otherwise write a measure id of docs/measures.md, "
      "or leave the cell empty."]),
    ("measure on a judged criterion", "criteria.csv", C_HEAD.replace("knockout", "knockout,measure")
     + INNOV.replace(",,\n", ",,,otif\n") + COST.replace(",,\n", ",,,\n"),
     ["acme/criteria.csv, row 2, column measure: a judged criterion has no reported figure to check "
      "against a measure (found 'otif'). Fix: leave the cell empty, or make the criterion a fact of "
      "partners.csv."]),
    ("knockout outside the score scale", "criteria.csv", C_HEAD + INNOV.replace(",,\n", ",,7\n") + COST,
     ["acme/criteria.csv, row 2, column knockout: must be a number from 1 to 5 (found '7'). "
      "Fix: write the minimum acceptable score from 1 to 5."]),
    ("scale backwards", "criteria.csv", C_HEAD.replace("knockout", "knockout,worst,best")
     + INNOV.replace(",,\n", ",,,,\n") + COST.replace(",,\n", ",,,3,6\n"),
     ["acme/criteria.csv, row 3, column best: best is above worst, but less is better on this cost "
      "criterion (found '6'). Fix: swap worst (3) and best (6)."]),
    ("scale half given", "criteria.csv", C_HEAD.replace("knockout", "knockout,worst,best")
     + INNOV.replace(",,\n", ",,,,\n") + COST.replace(",,\n", ",,,6,\n"),
     ["acme/criteria.csv, row 3, column best: worst is given but best is empty (found ''). "
      "Fix: write the best value too, or leave both empty to scale on the field's range."]),
    ("scale on a judged criterion", "criteria.csv", C_HEAD.replace("knockout", "knockout,worst,best")
     + INNOV.replace(",,\n", ",,,0,10\n") + COST.replace(",,\n", ",,,\n"),
     ["acme/criteria.csv, row 2, column worst: a judged criterion is on the 1 to 5 scale of the "
      "scores (found '0'). Fix: leave worst and best empty for judged criteria."]),
    ("robustness modes", "engagement.yaml", TINY["engagement.yaml"]
     + "robustness:\n  weights: anywhere\n  judgments: fixed\n  draws: 50\n",
     ["acme/engagement.yaml, line 19, key robustness.weights: robustness.weights is not around or "
      "free (found 'anywhere'). Fix: write around (near the weights in force) or free (any weights: "
      "the team has not agreed them).",
      "acme/engagement.yaml, line 21, key robustness.draws: robustness.draws must be a number from "
      "100 to 1,000,000 (found 50). Fix: write a whole number of draws from 100 to 1,000,000, e.g. 10000."]),
    ("fact not a number", "partners.csv", "id,name,unit_cost\na,Alpha,4.0\nb,Beta,n/a\n",
     ["acme/partners.csv, row 3, column unit_cost: must be a number (found 'n/a'). "
      "Fix: write the measured value as a plain number."]),
    ("fact overflows", "partners.csv", "id,name,unit_cost\na,Alpha,1e400\nb,Beta,3.5\n",
     ["acme/partners.csv, row 2, column unit_cost: must be a number (found '1e400'). "
      "Fix: write the measured value as a plain number."]),
    ("control character in yaml", "engagement.yaml", TINY["engagement.yaml"].replace("Ann Lee\n", "Ann\x00Lee\n", 1),
     ["acme/engagement.yaml, line 16: the file holds a control character YAML does not allow "
      "(found '\\x00'). Fix: delete the character (it is invisible in most editors).",
      "Not checked until then: scores.csv: the evaluator names, because engagement.yaml's team.evaluators could not be read."]),
    ("fact empty", "partners.csv", "id,name,unit_cost\na,Alpha,\nb,Beta,3.5\n",
     ["acme/partners.csv, row 2, column unit_cost: is empty (found ''). "
      "Fix: write the measured value as a plain number."]),
    ("duplicate partner id", "partners.csv", "id,name,unit_cost\na,Alpha,4\nb,Beta,3.5\na,Gamma,3\n",
     ["acme/partners.csv, row 4, column id: the id is used already on row 2 (found 'a'). "
      "Fix: give every row its own id."]),
    ("score out of range", "scores.csv", TINY["scores.csv"].replace("Bob Roe,b,innov,2", "Bob Roe,b,innov,6"),
     ["acme/scores.csv, row 5, column score: must be a number from 1 to 5 (found '6'). "
      "Fix: write a score from 1 (poor) to 5 (excellent)."]),
    ("unknown partner", "scores.csv", TINY["scores.csv"].replace("Bob Roe,b,", "Bob Roe,c,"),
     ["acme/scores.csv, row 5, column partner: no partner has this id in partners.csv (found 'c'). "
      "Fix: use an id from partners.csv."]),
    ("unknown criterion", "scores.csv", TINY["scores.csv"] + "Bob Roe,b,speed,3\n",
     ["acme/scores.csv, row 6, column criterion: no criterion has this id in criteria.csv "
      "(found 'speed'). Fix: use an id from criteria.csv."]),
    ("fact criterion scored", "scores.csv", TINY["scores.csv"] + "Bob Roe,b,cost,3\n",
     ["acme/scores.csv, row 6, column criterion: this criterion is measured from partners.csv, "
      "not scored (found 'cost'). Fix: delete the row, or set the criterion's source to score."]),
    ("duplicate judgment", "scores.csv", TINY["scores.csv"] + "Bob Roe,b,innov,3\n",
     ["acme/scores.csv, row 6, column score: Bob Roe already judged b on innov on row 5 "
      "(found '3'). Fix: keep one judgment and delete the other."]),
    ("unknown evaluator", "scores.csv", TINY["scores.csv"].replace("Bob Roe,b", "Rob Roe,b"),
     ["acme/scores.csv, row 5, column evaluator: this evaluator is not in team.evaluators of "
      "engagement.yaml (found 'Rob Roe'). Fix: did you mean `Bob Roe`? Otherwise correct the name or add the person to team.evaluators."]),
    ("scores file missing", "scores.csv", None,
     ["acme/scores.csv: the file is missing. Fix: create it (`workbook new` writes a commented "
      "template)."]),
    ("yaml object tag", "engagement.yaml",
     TINY["engagement.yaml"].replace("client: Acme Coatings",
                                     "client: !!python/object/apply:os.system ['echo owned']"),
     ["acme/engagement.yaml, line 1: YAML tags that build objects are not allowed "
      "(found '!!python/object/apply:os.system'). Fix: remove the tag and write a plain value.",
      "Not checked until then: scores.csv: the evaluator names, because engagement.yaml's team.evaluators could not be read."]),
    ("yaml syntax", "engagement.yaml", TINY["engagement.yaml"].replace("term_years: 3", "term_years: [3"),
     ["acme/engagement.yaml, line 4: the YAML cannot be read: expected ',' or ']', but got ':'. "
      "Fix: check indentation, colons and quotes on that line.",
      "Not checked until then: scores.csv: the evaluator names, because engagement.yaml's team.evaluators could not be read."]),
    ("negative discipline", "engagement.yaml",
     TINY["engagement.yaml"].replace("customer_intimacy: 1\n    operational", "customer_intimacy: -1\n    operational"),
     ["acme/engagement.yaml, line 7, key strategy.own.customer_intimacy: the company's "
      "customer_intimacy must be a number of 0 or more (found -1). "
      "Fix: write a number of 0 or more (higher = more important)."]),
    ("all shares zero", "engagement.yaml", TINY["engagement.yaml"].replace("share: 1", "share: 0"),
     ["acme/engagement.yaml, line 9, key strategy.customers: all segment shares are zero and "
      "cannot be normalised (found 0). Fix: give at least one segment a share above 0."]),
    ("missing client", "engagement.yaml", TINY["engagement.yaml"].replace("client: Acme Coatings\n", ""),
     ["acme/engagement.yaml, line 1, key client: the client's name is missing. Fix: write the client's name."]),
    ("two-line decision", "engagement.yaml",
     TINY["engagement.yaml"].replace("decision: Pick a toll manufacturer", "decision: |\n  Pick one\n  today"),
     ["acme/engagement.yaml, line 2, key decision: the decision must fit on one line "
      "(found 'Pick one\\ntoday'). Fix: shorten it to one sentence."]),
    ("offering neither product nor service", "engagement.yaml",
     TINY["engagement.yaml"] + "offering: services\n",
     ["acme/engagement.yaml, line 18, key offering: the offering is not product or service (found "
      "'services'). Fix: write product (goods made for you) or service (work done for your customers)."]),
    ("unit a paragraph", "engagement.yaml",
     TINY["engagement.yaml"] + "offering: service\nunit: {name: claim}\n",
     ["acme/engagement.yaml, line 19, key unit: the unit must be a short noun, or a list of its "
      "singular and plural (found {'name': 'claim'}). Fix: write what one order or request is called, "
      "e.g. claim, or [case, cases]."]),
    ("not utf-8", "partners.csv", b"id,name,unit_cost\na,Caf\xe9 SA,4\nb,Beta,3.5\n",
     ["acme/partners.csv, row 2: the file is in Windows-1252 (Excel's usual Western encoding), not "
      "UTF-8 (found 'a,Café SA,4'). Fix: save it as UTF-8 text (in Excel: Save As, then 'CSV UTF-8 "
      "(Comma delimited)').",
      "Not checked until then: scores.csv: the partner ids, because partners.csv could not be read.",
      "Not checked until then: criteria.csv's fact sources against partners.csv's columns, because "
      "partners.csv could not be read."]),
    ("extra cells", "partners.csv", "id,name,unit_cost\na,Alpha,4,oops\nb,Beta,3.5\n",
     ["acme/partners.csv, row 2: the row has more cells than the header has columns (4 > 3) "
      "(found 'oops'). Fix: remove the extra cells or add a column name to the header."]),
]


def _write(tiny, name, content):
    path = tiny / name
    if content is None:
        path.unlink()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case,name,content,expected", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_exactly(tiny, capsys, case, name, content, expected):
    _write(tiny, name, content)
    assert main(["validate", "acme"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    problems = [e for e in expected if not e.startswith("Not checked")]
    skipped = [e for e in expected if e.startswith("Not checked")]
    count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''} found; nothing was written."
    assert lines == problems + [count] + skipped


def test_the_tiny_engagement_is_valid(tiny, capsys):
    assert main(["validate", "acme"]) == 0
    assert capsys.readouterr().out == "acme: OK (2 partners, 2 criteria, 2 evaluators, 4 judgments).\n"


def test_every_problem_in_every_file_is_reported_at_once(tiny):
    _write(tiny, "criteria.csv", C_HEAD + INNOV.replace("benefit", "up") + COST)
    _write(tiny, "partners.csv", "id,name,unit_cost\na,Alpha,cheap\nb,,3.5\n")
    _write(tiny, "scores.csv", TINY["scores.csv"] + "Zed,a,innov,9\n")
    with pytest.raises(InputError) as caught:
        load_engagement("acme")
    where = [(p.file, p.row, p.column) for p in caught.value.problems]
    assert where == [
        ("acme/criteria.csv", 2, "direction"),
        ("acme/partners.csv", 2, "unit_cost"),
        ("acme/partners.csv", 3, "name"),
        ("acme/scores.csv", 6, "evaluator"),
        ("acme/scores.csv", 6, "score"),
    ]


def test_excel_csv_with_bom_crlf_and_semicolons_loads(tiny):
    text = TINY["partners.csv"].replace(",", ";").replace("4.0", "4,0").replace("\n", "\r\n")
    (tiny / "partners.csv").write_bytes("\ufeff".encode() + text.encode())
    engagement = load_engagement("acme")
    assert engagement.partners["unit_cost"].tolist() == [4.0, 3.5]


def test_extra_columns_are_kept_and_comment_rows_skipped(tiny):
    _write(tiny, "partners.csv", "# candidates\nid,name,unit_cost,country\na,Alpha,4,BE\nb,Beta,3.5,DE\n")
    engagement = load_engagement("acme")
    assert engagement.partners["country"].tolist() == ["BE", "DE"]


def test_a_yaml_tag_is_never_executed(tiny, tmp_path):
    marker = tmp_path / "owned"
    _write(tiny, "engagement.yaml", TINY["engagement.yaml"].replace(
        "client: Acme Coatings", f"client: !!python/object/apply:os.system ['touch {marker}']"))
    with pytest.raises(InputError):
        load_engagement("acme")
    assert not marker.exists()


def test_missing_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "nowhere"]) == 2
    assert capsys.readouterr().err.splitlines()[0] == (
        "nowhere: the engagement folder does not exist. "
        "Fix: check the path, or create one with `workbook new`.")


@pytest.mark.parametrize("name,column,unit", [
    ("Data protection compliance (GDPR)", None, ""),    # an acronym in brackets is no unit
    ("Certified to (ISO 27001)", None, ""),
    ("Unit cost (EUR/kg)", None, "EUR/kg"),
    ("Unit cost (EUR/kg)", "", ""),                     # the unit column says it outright
    ("Holds ISO 27001", "yes/no", "yes/no"),
])
def test_a_criterions_unit_comes_from_its_unit_column_or_a_real_unit_in_its_name(tiny, name, column, unit):
    head = C_HEAD.rstrip("\n") + (",unit\n" if column is not None else "\n")
    extra = f",{column}" if column is not None else ""
    _write(tiny, "criteria.csv", head + INNOV.rstrip("\n") + (",\n" if column is not None else "\n")
           + COST.replace("Unit cost", f'"{name}"').rstrip("\n") + extra + "\n")
    assert load_engagement("acme").criteria.at["cost", "unit"] == unit


def test_a_certificate_a_partner_lacks_reads_as_not_held():
    import pandas as pd

    from workbook.views.findings import knockout_line
    criteria = pd.DataFrame({"unit": ["yes/no", "%"]}, index=["iso", "otif"])
    k = pd.Series({"criterion": "iso", "name": "ISO 27001 certificate", "value": 0.0, "rule": "at least",
                   "limit": 1.0})
    assert knockout_line("Beta", k, criteria) == "Beta is excluded: it does not have ISO 27001 certificate, a must-have."
    k = pd.Series({"criterion": "otif", "name": "OTIF (%)", "value": 86.2, "rule": "at least", "limit": 90.0})
    assert knockout_line("Beta", k, criteria) == "Beta is excluded: OTIF is 86.2%, the must-have is at least 90.0%."


def test_an_exclusion_is_written_as_finely_as_the_field_s_figures():
    """A review: the service desk's exclusion read "88%, the must-have is at least 90%" where the
    partners' figures are written 96.8, 95.5, 94.0 and 88.0: a fact is written with the decimals
    its field is written with, the limit alike; a count stays whole, a judgment's mean as before."""
    import pandas as pd

    from workbook.scoring.ranking import find_knockouts
    from workbook.views.findings import knockout_line
    criteria = pd.DataFrame({"name": ["Resolution within the SLA (%)", "Referenceable clients", "Listening"],
                             "direction": ["benefit"] * 3, "source": ["sla_pct", "refs", "score"],
                             "knockout": [90.0, 3.0, 3.0], "unit": ["%", "", ""]}, index=["sla", "refs", "listen"])
    values = pd.DataFrame({"sla": [96.8, 95.5, 94.0, 88.0], "refs": [5, 4, 2, 6],
                           "listen": [4.0, 3.5, 3.0, 8 / 3]}, index=["a", "b", "c", "d"])
    out = {(k["partner"], k["criterion"]): knockout_line(k["partner"].upper(), k, criteria)
           for _, k in find_knockouts(values, criteria).iterrows()}
    assert out == {("d", "sla"): "D is excluded: resolution within the SLA is 88.0%, the must-have is at least 90.0%.",
                   ("c", "refs"): "C is excluded: referenceable clients is 2, the must-have is at least 3.",
                   ("d", "listen"): "D is excluded: listening is 2.67, the must-have is at least 3.00."}
