"""Early warnings that reach people (issue 27): ``notify:`` checked, each new or worse warning sent
once to the targets of its owner and segment, nothing sent twice, a failed delivery retried with a
bound and named in the checklist, no secret in any file; against a real SMTP server (aiosmtpd) and
a real HTTP receiver on loopback, and with a stand-in sender for the bookkeeping."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from email import message_from_bytes
from pathlib import Path

import pytest
from conftest import free_port

from workbook.cli import main
from workbook.core import paths
from workbook.core.atomic import read_csv
from workbook.engagement.model import load_engagement
from workbook.engagement.notify_targets import Notify
from workbook.report import notify
from workbook.report.checklist import write_checklist

SECRET = "s3cr3t-T0ken-4711"
CLIENT = "Halden Specialty Chemicals"


class Outbox:
    """A stand-in sender: every message it is handed, and whether delivery works."""

    def __init__(self, works=True):
        self.calls, self.works = [], works

    def __call__(self, url, title, body):
        self.calls.append((url, title, body))
        return (True, "") if self.works else (False, f"connection refused by {url}")


@pytest.fixture
def report(rendered, tmp_path):
    """A copy of the example's report (rendered once for the session), free to change."""
    return Path(shutil.copytree(rendered("example"), tmp_path / "out" / "example"))


def example_with(targets: dict, cleared: bool = False):
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    return replace(engagement, settings=replace(engagement.settings, notify=Notify(targets, cleared)))


def alerts(report: Path):
    return read_csv(report / "results", "alerts.csv")


def test_each_new_warning_goes_once_to_all_and_to_its_owner_in_the_reports_words(report):
    box = Outbox()
    engagement = example_with({"all": ["json://hooks.example/all"],
                               "Supply chain manager": ["json://hooks.example/supply"]})
    notify.notify_report(engagement, report, log=lambda m: None, sender=box)
    shown = alerts(report)
    assert [t for u, t, _ in box.calls if u == "json://hooks.example/all"] == [f"{CLIENT}: {w}" for w in shown["what"]]
    # only OTIF is the supply chain manager's (quality_plan.csv's owner column)
    [(_, title, body)] = [c for c in box.calls if c[0] == "json://hooks.example/supply"]
    assert title == f"{CLIENT}: OTIF at 87.5%, past the alert threshold <\u00a092%"
    assert body.splitlines()[:4] == [
        "Early warning: OTIF at 87.5%, past the alert threshold <\u00a092% (target \u2265\u00a095%).",
        "Where: all segments. Since: 2026-10.",
        "Evidence: 32 orders; 95% interval 71.9% to 95.0%.",
        "Action: Supply chain manager: agree a fix with the partner this week and brief the account "
        "managers before customers notice."]
    assert body.splitlines()[4] == f"The report: {(report / '03_quality_plan.html').as_uri()}#Early-warnings"
    # an unchanged report announces nothing
    assert notify.notify_report(engagement, report, log=lambda m: None, sender=box) == []
    assert len(box.calls) == len(shown) + 1


def test_a_worse_warning_is_sent_once_more_and_a_cleared_one_once(report, receiver):
    port, posts = receiver
    engagement = example_with({"all": [f"json://127.0.0.1:{port}/all"]}, cleared=True)
    notify.notify_report(engagement, report, log=lambda m: None)
    assert len(posts) == len(alerts(report))
    record = json.loads((report / "results" / "findings.json").read_text())
    early = next(f for f in record["findings"] if f["kind"] == "alert" and f["severity"] == "medium")
    early["severity"] = "high"  # the customer-rated quality signal now rests on enough answers
    otif = next(f for f in record["findings"] if f["kind"] == "alert" and f["subjects"]["measure"] == "otif")
    record["findings"].remove(otif)  # and OTIF is back inside its alert threshold
    (report / "results" / "findings.json").write_text(json.dumps(record))
    posts.clear()
    notify.notify_report(engagement, report, log=lambda m: None)
    assert [p["message"].splitlines()[0] for _, p in posts] == [
        "Early warning, now high (was medium): Customer-rated quality at 3.5, past the alert threshold "
        "<\u00a03.8, but from only 8 answers: an early signal, not yet a finding (target \u2265\u00a04.2).",
        "No longer an early warning: OTIF at 87.5%, past the alert threshold <\u00a092%."]
    posts.clear()
    assert notify.notify_report(engagement, report, log=lambda m: None) == [] and posts == []


def test_a_segments_targets_hear_of_its_warnings_only(report):
    box = Outbox()
    notify.notify_report(example_with({"Industrial distributors": ["json://hooks.example/distributors"]}),
                         report, log=lambda m: None, sender=box)
    assert [t.split(": ", 1)[1].split(" at ")[0] for _, t, _ in box.calls] == ["Customer-rated quality"]


def test_the_firms_default_targets_serve_an_engagement_without_its_own(report, tmp_path, monkeypatch, capsys):
    firm = tmp_path / "firm-notify.yaml"
    firm.write_text('notify:\n  all: ["json://hooks.firm.example/quality-desk"]\n', encoding="utf-8")
    monkeypatch.setenv("WORKBOOK_NOTIFY", str(firm))
    engagement = load_engagement(paths.EXAMPLE_ENGAGEMENT)
    assert notify.targets_of(engagement).targets == {"all": ["json://hooks.firm.example/quality-desk"]}
    firm.write_text('notify:\n  all: ["msteams://T01/B02/secret"]\n', encoding="utf-8")  # a token written out
    monkeypatch.chdir(tmp_path)
    assert main(["render", str(paths.EXAMPLE_ENGAGEMENT), "--out", "fresh", "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert "firm-notify.yaml, line 2, key notify.all[1]" in err and "holds its webhook's token" in err
    assert not (tmp_path / "fresh" / "example").exists()


def test_a_failed_delivery_is_retried_with_a_bound_named_in_the_checklist_and_tried_again(report, monkeypatch):
    monkeypatch.setattr(notify, "PAUSE", 0.0)
    monkeypatch.setenv("HOOK_TOKEN", SECRET)
    engagement = example_with({"Quality manager": ["json://hooks.example/${HOOK_TOKEN}"]})
    down = Outbox(works=False)
    [failed] = notify.notify_report(engagement, report, log=lambda m: None, sender=down)
    assert len(down.calls) == notify.TRIES and SECRET in down.calls[0][0]  # sent to the real address
    assert failed["status"] == "failed" and failed["target"] == "json://hooks.example/${HOOK_TOKEN}"
    assert SECRET not in (report / notify.STATE).read_text()
    assert "connection refused by json://hooks.example/${HOOK_TOKEN}" in failed["error"]
    write_checklist(engagement, report)
    checklist = (report / "checklist.txt").read_text()
    assert ("The notification of the high warning on Complaint rate, all segments to "
            "json://hooks.example/${HOOK_TOKEN} was not delivered") in checklist
    up = Outbox()
    [sent] = notify.notify_report(engagement, report, log=lambda m: None, sender=up)
    assert sent["status"] == "sent" and len(up.calls) == 1
    write_checklist(engagement, report)
    assert "was not delivered" not in (report / "checklist.txt").read_text()


def test_a_delivery_cut_off_while_sending_is_never_sent_again(report):
    engagement = example_with({"all": ["json://hooks.example/all"]})

    def killed(url, title, body):
        raise KeyboardInterrupt  # the worker dies in the middle of its first delivery
    with pytest.raises(KeyboardInterrupt):
        notify.notify_report(engagement, report, log=lambda m: None, sender=killed)
    box = Outbox()
    notify.notify_report(engagement, report, log=lambda m: None, sender=box)
    assert len(box.calls) == len(alerts(report)) - 1  # all but the one cut off
    write_checklist(engagement, report)
    assert "may not have been delivered (the render stopped while sending it)" in (report / "checklist.txt").read_text()


@pytest.mark.parametrize("address, message", [
    ("mailtos://ops:hunter2@mail.example.com?to=q@client.example", "a password is written in engagement.yaml"),
    ("msteams://T0001/B0002/XYZ3", "a msteams:// address holds its webhook's token, a secret"),
    ("json://hooks.example/x?token=abc123", "the secret token= is written in engagement.yaml"),
    ("nonsense://somewhere", "no notification service is called nonsense://"),
    ("quality@client.example", "this is not a notification address (scheme://…)"),
])
def test_a_notify_address_is_checked_and_no_secret_is_echoed(tmp_path, monkeypatch, capsys, address, message):
    folder = Path(shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "example"))
    with (folder / "engagement.yaml").open("a") as f:
        f.write(f'notify:\n  all: ["json://hooks.example/ok", "{address}"]\n')
    monkeypatch.chdir(tmp_path)
    assert main(["render", "example", "--out", "out", "--no-pdf"]) == 2
    err = capsys.readouterr().err
    line = len((folder / "engagement.yaml").read_text().splitlines())
    assert f"example/engagement.yaml, line {line}, key notify.all[2]" in err and message in err
    assert "hunter2" not in err and "Traceback" not in err
    assert not (tmp_path / "out" / "example").exists()


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) on loopback: its port, and the messages it took."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    taken = []

    class Keep(Message):
        def handle_message(self, message):
            taken.append(message)

    for attempt in range(3):  # a port free now may be taken (by a kernel of the tests beside) before it binds
        controller = Controller(Keep(), hostname="127.0.0.1", port=free_port())
        try:
            controller.start()
            break
        except OSError:
            if attempt == 2:
                raise
    yield controller.port, taken
    controller.stop()


def test_a_render_delivers_by_email_and_webhook_once_and_never_again(tmp_path, monkeypatch, capsys, receiver, smtp):
    (hook_port, posts), (mail_port, mails) = receiver, smtp
    data = tmp_path / "data"
    folder = Path(shutil.copytree(paths.EXAMPLE_ENGAGEMENT, data / "example"))
    with (folder / "engagement.yaml").open("a") as f:
        f.write(f'notify:\n'
                f'  all: ["json://127.0.0.1:{hook_port}/hooks/${{HOOK_TOKEN}}"]\n'
                f'  Supply chain manager: ["mailto://127.0.0.1:{mail_port}?from=workbook@firm.example'
                f'&to=supply@client.example&mode=insecure"]\n'
                f'  Quality manager: ["json://127.0.0.1:{free_port()}/down"]\n')
    monkeypatch.setenv("HOOK_TOKEN", SECRET)
    monkeypatch.setattr(notify, "PAUSE", 0.0)
    monkeypatch.chdir(tmp_path)
    assert main(["render", "data/example", "--out", "out", "--no-pdf"]) == 0
    shown = alerts(tmp_path / "out" / "example")
    assert sorted(p["title"] for _, p in posts) == sorted(f"{CLIENT}: {w}" for w in shown["what"])
    assert {path for path, _ in posts} == {f"/hooks/{SECRET}"}
    [mail] = mails
    assert mail["To"] == "supply@client.example"
    assert mail["Subject"].replace("\u00a0", " ") == f"{CLIENT}: OTIF at 87.5%, past the alert threshold < 92%"
    text = message_from_bytes(mail.as_bytes()).get_payload(decode=True).decode()
    assert text.replace("\u00a0", " ").splitlines()[:2] == [
        "Early warning: OTIF at 87.5%, past the alert threshold < 92% (target \u2265 95%).",
        "Where: all segments. Since: 2026-10."]
    # the unreachable target: the report stands, and the checklist names it
    report = tmp_path / "out" / "example"
    assert json.loads((report / "manifest.json").read_text())["status"] == "ok" and (report / "index.html").is_file()
    assert f"to json://127.0.0.1:" in (report / "checklist.txt").read_text()
    assert "/down was not delivered" in (report / "checklist.txt").read_text()
    # rendered again, and again with --force: nothing more is sent
    assert main(["render", "data/example", "--out", "out", "--no-pdf"]) == 0
    assert main(["render", "--all", "data", "--out", "out", "--no-pdf", "--force"]) == 0
    assert len(posts) == len(shown) and len(mails) == 1
    # a run cut off after its report was in place, before its messages went: the next batch finds
    # the engagement unchanged, skips the render, and sends what was owed, once
    state = report / notify.STATE
    assert json.loads(state.read_text())["pending"] is False
    state.write_text(json.dumps({"active": {}, "deliveries": [], "pending": True}))
    capsys.readouterr()
    assert main(["render", "--all", "data", "--out", "out", "--no-pdf"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 skipped"
    assert len(posts) == 2 * len(shown) and len(mails) == 2
    assert main(["render", "--all", "data", "--out", "out", "--no-pdf"]) == 0
    assert len(posts) == 2 * len(shown) and len(mails) == 2
    # no secret in any file the render wrote, nor in the engagement
    for path in list((tmp_path / "out").rglob("*")) + list(data.rglob("*")):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_the_summary_says_what_changed_since_the_last_good_report(tmp_path, receiver):
    """Rendered twice, with one partner's scores and October's deliveries changed in between (and
    notifications turned off, as --no-notify does: nothing reaches the receiver)."""
    import pandas as pd

    from workbook.report.render import render_engagement
    folder = Path(shutil.copytree(paths.EXAMPLE_ENGAGEMENT, tmp_path / "data" / "example"))
    with (folder / "engagement.yaml").open("a") as f:
        f.write(f'notify:\n  all: ["json://127.0.0.1:{receiver[0]}/hook"]\n')
    first = render_engagement(folder, tmp_path / "out", log=lambda m: None, pdf=False, notify=False)
    assert "What changed since" not in (first / "index.html").read_text()
    assert not (first / "results" / "changes.csv").exists()
    day = json.loads((first / "manifest.json").read_text())["finished"]
    scores = pd.read_csv(folder / "scores.csv", dtype=str, keep_default_na=False)
    scores.loc[scores["partner"] == "lakeside", "score"] = "5"  # the team now rates Lakeside highest
    scores.to_csv(folder / "scores.csv", index=False)
    deliveries = pd.read_csv(folder / "quality" / "deliveries.csv", dtype=str, keep_default_na=False)
    october = deliveries["promised"].str.startswith("2026-10")
    deliveries.loc[october, "delivered"] = deliveries.loc[october, "promised"]  # every October order on time
    deliveries.loc[october, "delivered_qty"] = deliveries.loc[october, "ordered_qty"]  # and in full
    deliveries.to_csv(folder / "quality" / "deliveries.csv", index=False)
    second = render_engagement(folder, tmp_path / "out", log=lambda m: None, pdf=False, notify=False)
    changes = read_csv(second / "results", "changes.csv")
    rows = {(r["change"], r["partner"] if isinstance(r["partner"], str) else r["measure"]): r
            for r in changes.to_dict("records")}
    moved = rows[("rank", "lakeside")]  # before and after hold ranks, severities or statuses: text
    assert moved["before"] == "4" and int(moved["after"]) < 4
    assert ("warning_cleared", "apex") in rows and rows[("warning_cleared", "apex")]["measure"] == "otif"
    assert (rows[("target_met", "otif")]["before"], rows[("target_met", "otif")]["after"]) == ("alert", "on target")
    page = (second / "index.html").read_text()
    from workbook.report.history import day as day_of
    assert f"<h2>What changed since {day_of(day)}</h2>" in page
    assert f"Lakeside Formulators moves up from 4 to {moved['after']}." in page
    assert "OTIF, Apex Polymer Solutions: past alert (was high)." in page
    assert "<b>Now on target</b>: OTIF: on target (was past alert)." in page
    assert receiver[1] == [] and not (second / notify.STATE).exists()
    from openpyxl import load_workbook
    sheet = [tuple(r) for r in load_workbook(second / "results.xlsx")["What changed"].iter_rows(values_only=True)]
    assert sheet[0] == ("Change", "What changed") and ("Now on target", "OTIF: on target (was past alert).") in sheet

