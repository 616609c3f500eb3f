"""Early warnings that reach people: after a good render, each new or worse warning, once, to
the targets of its owner and segment (``notify:``, :mod:`workbook.engagement.notify_targets`).

Recipe: read the targets, the warnings of the report just swapped in and what was sent before
(``notifications.json``, carried from report to report), then for each warning that is new or
worse than when it was last announced (and, with ``notify_cleared``, each that has cleared) send
one message per target through Apprise and record it. Each delivery is recorded as ``sending``
before it is attempted and as ``sent`` or ``failed`` after, so that a render that is retried or
repeated (``--force``, a Dask task given to another worker) never sends one twice: one cut off
between the two is not sent again, and the analyst checklist says so. A failed delivery is
retried a bounded number of times, recorded and listed in the checklist; the report is already in
place and nothing here can fail it. Addresses are recorded as the engagement writes them, with
``${NAME}`` placeholders: no secret reaches a file, a log or the manifest.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

import pandas as pd

from workbook.core import paths
from workbook.core.atomic import read_if_present, write_json
from workbook.core.errors import InputError, Problem
from workbook.core.yaml_files import read_yaml
from workbook.engagement.model import Engagement
from workbook.engagement.notify_targets import PLACEHOLDER, Notify, check_notify, expand, firm_default
from workbook.register.changes import warning_key, worse
from workbook.register.finding import ALERT
from workbook.register.ledger import read_findings
from workbook.views.notify_words import cleared_message, warning_message

STATE = "notifications.json"
TRIES, PAUSE = 3, 1.0  # attempts per delivery, and seconds before the next (doubled each time)
TIMEOUTS = "cto=5&rto=10"  # seconds Apprise waits to connect and for an answer


def carry_forward(previous: Path, staging: Path) -> None:
    """Keep what earlier reports sent: the record goes with the new report."""
    if (previous / STATE).is_file():
        shutil.copyfile(previous / STATE, staging / STATE)


def mark_pending(staging: Path) -> None:
    """The report about to be swapped in has warnings to announce: its record says so until they
    are, so that a run cut off in between is finished by the next, even one that finds the
    engagement unchanged (:func:`needs_announcing`)."""
    state = read_if_present(staging, STATE) or {"active": {}, "deliveries": []}
    write_json(dict(state, pending=True), staging, STATE)


def needs_announcing(report: Path) -> bool:
    """Whether the report at ``report`` has warnings not yet announced, or deliveries to retry."""
    state = read_if_present(report, STATE) if (report / STATE).is_file() else None
    return bool(state) and bool(state.get("pending") or any(
        d["status"] == "failed" for d in state.get("deliveries", [])))


def targets_of(engagement: Engagement) -> Notify | None:
    """The engagement's ``notify:``, else the firm's default file (``$WORKBOOK_NOTIFY``)."""
    if engagement.settings.notify is not None:
        return engagement.settings.notify
    path = firm_default()
    if path is None:
        return None
    problems: list[Problem] = []
    doc = read_yaml(path, str(path), problems)
    if doc is not None:
        from workbook.engagement.settings import _Reader
        found = check_notify(_Reader(doc, problems), doc.data if isinstance(doc.data, dict) else {})
        if found is None and not problems:
            problems.append(Problem(str(path), None, "notify", None, "the firm's default names no targets",
                                    "write notify: and under it all: [mailto://…], as in engagement.yaml"))
        if not problems:
            return found
    raise InputError(problems)


def notify_report(engagement: Engagement, report: Path, log=print, send=True, sender=None,
                  targets: Notify | None = ...) -> list[dict]:
    """Send what the report at ``report`` has to announce; the deliveries attempted now.
    ``targets``: as :func:`targets_of` finds them, when the caller has read them already."""
    config = (targets_of(engagement) if targets is ... else targets) if send else None
    state = read_if_present(report, STATE) or {"active": {}, "deliveries": []}
    if config is None:
        if send and state.get("pending"):  # the targets were taken out: nothing is owed any more
            write_json(dict(state, pending=False), report, STATE)
        return []
    (owners, targets), warnings = _plan(report), _warnings(report)
    todo = []
    retry = {(d["key"], d["severity"]) for d in state["deliveries"] if d["status"] == "failed"}
    for key, (finding, words) in warnings.items():
        last = state["active"].get(key)
        if last is None or worse(finding.severity, last) or (key, finding.severity) in retry:
            recipients = config.for_warning(owners.get(finding.about("measure") or ""), finding.about("segment"))
            message = warning_message(engagement, report, finding, words, targets.get(finding.about("measure")),
                                      None if last == finding.severity else last)
            todo += [(key, finding.severity, url, message) for url in recipients]
    if config.cleared:
        for key in set(state["active"]) - set(warnings):
            measure, segment = key.split("|")[1:3]
            message = cleared_message(engagement, report, key, state.get("words", {}).get(key, ""))
            todo += [(key, "cleared", url, message) for url in config.for_warning(owners.get(measure), segment)]
    attempted = []
    for key, severity, url, (title, body) in todo:
        if any(d["key"] == key and d["severity"] == severity and d["target"] == url
               and d["status"] in ("sent", "sending") for d in state["deliveries"]):
            continue  # sent, or cut off while sending, by an earlier run
        record = {"key": key, "severity": severity, "target": url, "status": "sending", "at": _now()}
        state["deliveries"].append(record)
        write_json(state, report, STATE)
        record.update(_deliver(url, title, body, sender), at=_now())
        write_json(state, report, STATE)
        attempted.append(dict(record))
    state["active"], state["pending"] = {k: f.severity for k, (f, _) in warnings.items()}, False
    state["words"] = {k: w.get("what", "") for k, (_, w) in warnings.items()}
    write_json(state, report, STATE)
    failed = [d for d in attempted if d["status"] == "failed"]
    if attempted:
        log(f"Notifications: {len(attempted) - len(failed)} sent"
            + (f", {len(failed)} not delivered (see checklist.txt)" if failed else "") + ".")
    return attempted


def open_deliveries(report: Path) -> list[dict]:
    """Deliveries that failed (and were not sent since), or were cut off while sending, for the
    analyst's checklist."""
    state = read_if_present(report, STATE) or {}
    done = {(d["key"], d["severity"], d["target"]) for d in state.get("deliveries", []) if d["status"] == "sent"}
    return [d for d in state.get("deliveries", []) if d["status"] in ("failed", "sending")
            and (d["key"], d["severity"], d["target"]) not in done]


def _deliver(url: str, title: str, body: str, sender=None) -> dict:
    """Send one message, retried with a bound; ``{"status": …, "error": …}`` without secrets."""
    expanded, missing = expand(url)
    if expanded is None:
        return {"status": "failed", "error": f"environment variable {', '.join(missing)} is not set"}
    send = sender or _apprise_send
    error = ""
    for attempt in range(TRIES):
        ok, error = send(expanded, title, body)
        if ok:
            return {"status": "sent", "tries": attempt + 1}
        if attempt + 1 < TRIES:
            time.sleep(PAUSE * 2 ** attempt)
    return {"status": "failed", "tries": TRIES, "error": _redacted(error, url)}


def _apprise_send(url: str, title: str, body: str) -> tuple[bool, str]:
    import apprise
    messenger = apprise.Apprise()
    if not messenger.add(url + ("&" if "?" in url else "?") + TIMEOUTS):
        return False, "Apprise does not understand the address"
    # plain text in: Apprise escapes it for services that take HTML, so a name is never markup
    with apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured:
        ok = messenger.notify(title=title, body=body, notify_type=apprise.NotifyType.WARNING,
                              body_format=apprise.NotifyFormat.TEXT)
    return ok, " ".join(captured.getvalue().split())[-300:]


def _redacted(text: str, url: str) -> str:
    """``text`` with the value of every variable ``url`` names put back as ``${NAME}``."""
    for name in PLACEHOLDER.findall(url):
        if os.environ.get(name):
            text = text.replace(os.environ[name], f"${{{name}}}")
    return text


def _warnings(report: Path) -> dict:
    """The report's early warnings by key: (finding, its words from alerts.csv)."""
    findings = read_findings(report / paths.RESULTS_DIR)
    alerts = read_if_present(report / paths.RESULTS_DIR, "alerts.csv")
    words = {} if alerts is None else {r["id"]: r for r in alerts.to_dict("records")}
    return {"|".join(warning_key(f)): (f, words.get(f.id, {})) for f in findings.of(ALERT)}


def _plan(report: Path) -> tuple[dict, dict]:
    """Each measure's owner role and target, from the report's quality plan."""
    plan = read_if_present(report / paths.RESULTS_DIR, "quality_plan.csv")
    if plan is None:
        return {}, {}
    return dict(zip(plan["kpi_id"], plan["owner"].fillna(""))), dict(zip(plan["kpi_id"], plan["target"].fillna("")))


def _now() -> str:
    return pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds")
