"""The analyst's checklist: what to do next, kept apart from the client's pages.

The pages hold findings; the steps that need the tool (a command, a key of engagement.yaml, a
file) go here, to ``checklist.txt`` beside the report (neither linked from the pages nor printed
in the PDF) and to the terminal after ``workbook render``.
"""

from __future__ import annotations

from pathlib import Path

from workbook.core import paths
from workbook.core.atomic import read_if_present, write_atomic
from workbook.core.paths import display_path
from workbook.engagement.model import Engagement
from workbook.engagement.notify_targets import masked
from workbook.quality.status import EARLY, TOO_FEW, UNMEASURED
from workbook.register.finding import ALERT, STATUS
from workbook.register.ledger import read_findings
from workbook.report.notify import open_deliveries
from workbook.scoring.matrix import unscaled_facts

CHECKLIST = "checklist.txt"


def analyst_checklist(engagement: Engagement, results: Path) -> list[str]:
    """The open steps, most important first, each with the command or key that does it."""
    folder, s = display_path(engagement.path), engagement.settings
    steps = []
    status = read_if_present(results, "scoring_status.csv")
    if status is not None:
        for _, row in status[status["judged"] < status["expected"]].iterrows():
            left = int(row["expected"] - row["judged"])
            steps.append(f"{row['evaluator']} has {left} judgment{'s' if left > 1 else ''} to give: "
                         f"`workbook scoresheet {folder} --evaluator \"{row['evaluator']}\"` writes the "
                         f"scoresheet, `workbook import-scores {folder} FILE` takes it back.")
    proposals = read_if_present(results, "knockout_proposals.csv")
    if proposals is not None and len(proposals) and not s.accept_knockout_proposals:
        steps.append(f"{len(proposals)} must-haves are proposed from the strategy and shown, not "
                     f"applied: review them with the team, then set strategy.accept_knockout_proposals: "
                     f"true in engagement.yaml to apply them.")
    for cid in unscaled_facts(engagement.criteria):
        steps.append(f"Criterion {cid} has no scale, so its scores are relative to the field: add its "
                     f"worst and best values to criteria.csv.")
    if engagement.quality.plan is None:
        steps.append(f"The quality plan is generated from the strategy: `workbook plan {folder}` saves it "
                     f"to quality/plan.csv for the team to edit (targets, owners, min_n).")
    if not s.chosen_partner:
        steps.append("No partner is under contract yet: once the contract is signed, set chosen_partner "
                     "in engagement.yaml so that quality is tracked for it.")
    findings = read_findings(results)
    measured = read_if_present(results, "measure_status.csv")
    if measured is not None:
        named = dict(zip(measured["kpi_id"], measured["kpi"]))
        missing = [named.get(f.about("measure"), f.about("measure")) for f in findings.of(STATUS, UNMEASURED)]
        if missing:
            steps.append(f"{len(missing)} plan measure{'s have' if len(missing) > 1 else ' has'} no data yet ({', '.join(missing)}): add "
                         f"their answers or readings to the files in {paths.QUALITY_DIR}/.")
        few = [named.get(f.about("measure"), f.about("measure")) for f in findings.of(STATUS, TOO_FEW)]
        if few:
            steps.append(f"{len(few)} plan measure{'s rest' if len(few) > 1 else ' rests'} on fewer answers, "
                         f"orders or readings than the plan's min_n, so {'they are' if len(few) > 1 else 'it is'} "
                         f"not judged ({', '.join(few)}): gather more, or set min_n in {paths.QUALITY_DIR}/plan.csv if "
                         f"fewer are enough.")
    status = read_if_present(results, "measure_status.csv")
    measure_names = {} if status is None else dict(zip(status["kpi_id"], status["kpi"]))
    for d in open_deliveries(results.parent):
        measure, segment = d["key"].split("|")[1:3]
        about = ", ".join(x for x in (measure_names.get(measure, measure) or d["key"].split("|")[4], segment) if x)
        steps.append(f"The notification of the {d['severity']} warning on {about} to {masked(d['target'])} "
                     + (f"was not delivered ({d.get('error') or 'no reason given'}): check the address and "
                        f"the service; the next render tries again."
                        if d["status"] == "failed" else
                        "may not have been delivered (the render stopped while sending it): ask its "
                        "recipients; it is not sent again."))
    early = len(findings.of(ALERT, EARLY))
    if early:
        steps.append(f"{early} early signal{'s rest' if early > 1 else ' rests'} on too few answers: "
                     f"gather more before the next render (the plan's min_n says how many).")
    return steps


def write_checklist(engagement: Engagement, report: Path) -> list[str]:
    """Write ``checklist.txt`` into the report folder; the steps."""
    steps = analyst_checklist(engagement, report / paths.RESULTS_DIR)
    text = (f"Analyst checklist for {engagement.settings.client} (not part of the client report)\n\n"
            + ("".join(f"- {step}\n" for step in steps) if steps else "Nothing left to do.\n"))
    write_atomic(report / CHECKLIST, text)
    return steps
