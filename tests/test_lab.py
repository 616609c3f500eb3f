"""`make lab`: JupyterLab with real-time collaboration, started, used by two clients, stopped."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from urllib.error import URLError

import pytest
from conftest import free_port
from pycrdt import Array, Doc, YMessageType, create_sync_message, create_update_message, handle_sync_message
from tornado.websocket import websocket_connect

from workbook.core import paths

TOKEN = "lab-test-token"
NOTEBOOK = "notebooks/02_partner_scoring.ipynb"


def _answers(base: str, process: subprocess.Popen, wait: float = 180) -> bool:
    """Whether the server ``process`` answers at ``base`` before it stops or ``wait`` runs out."""
    deadline = time.monotonic() + wait
    while process.poll() is None and time.monotonic() < deadline:
        try:
            _get(f"{base}/api/status?token={TOKEN}")
            return True
        except (URLError, ConnectionError, OSError):
            time.sleep(0.5)
    return False


def _get(url: str, data: bytes | None = None, method: str = "GET") -> bytes:
    request = urllib.request.Request(url, data=data, method=method)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read()


@pytest.fixture
def lab(tmp_path):
    """`make lab` serving a copy of the project's notebooks and data (edits land in the copy)."""
    root = tmp_path / "project"
    for folder in ("notebooks", "data"):
        shutil.copytree(paths.PROJECT_DIR / folder, root / folder)
    for attempt in range(3):  # a port free now may be taken (by a kernel of the tests beside) before lab binds it
        port = free_port()
        log = open(tmp_path / "lab.log", "w")
        process = subprocess.Popen(
            ["make", "--no-print-directory", "-C", str(paths.PROJECT_DIR), "lab", f"LAB_PORT={port}",
             f"LAB_TOKEN={TOKEN}", f"LAB_ROOT={root}"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        if _answers(base, process):
            break
        if process.poll() is None:  # running, yet never answered
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()
        said = (tmp_path / "lab.log").read_text()
        if attempt == 2 or "not available" not in said:
            pytest.fail("make lab did not answer:\n" + said)
    try:
        yield base, root
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(5)  # the server saves its rooms on the way out; what it saves is not tested here
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        with pytest.raises(OSError):  # stopped: nothing answers on the port any more
            socket.create_connection(("127.0.0.1", port), timeout=2).close()


async def _join(base: str, room: dict) -> tuple:
    """Connect to a notebook's shared document and wait until the server's state has arrived."""
    doc = Doc()
    url = (f"{base.replace('http', 'ws')}/api/collaboration/room/json:notebook:{room['fileId']}"
           f"?sessionId={room['sessionId']}&token={TOKEN}")
    socket_ = await websocket_connect(url)
    await socket_.write_message(create_sync_message(doc), binary=True)
    while True:
        message = await asyncio.wait_for(socket_.read_message(), 30)
        if message[0] != YMessageType.SYNC:
            continue
        reply = handle_sync_message(message[1:], doc)
        if reply is not None:
            await socket_.write_message(reply, binary=True)
        if message[1] == 1:  # sync step 2: the document as the server holds it
            return socket_, doc


async def _edit_in_one_and_read_in_another(base: str, room: dict) -> str:
    alice, doc_a = await _join(base, room)
    updates = []
    doc_a.observe(lambda event: updates.append(event.update))
    source = doc_a.get("cells", type=Array)[0]["source"]
    source.insert(len(source), "\n\nNote from Alice.")
    for update in updates:
        await alice.write_message(create_update_message(update), binary=True)
    await asyncio.sleep(1)
    bob, doc_b = await _join(base, room)
    seen = str(doc_b.get("cells", type=Array)[0]["source"])
    alice.close()
    bob.close()
    return seen


def test_make_lab_serves_the_notebooks_with_real_time_collaboration(lab):
    base, root = lab
    page = _get(f"{base}/lab?token={TOKEN}").decode()
    assert '"disableRTC": false' in page and "@jupyter/collaboration-extension" in page
    room = json.loads(_get(f"{base}/api/collaboration/session/{NOTEBOOK}?token={TOKEN}",
                           json.dumps({"format": "json", "type": "notebook"}).encode(), "PUT"))
    seen = asyncio.run(_edit_in_one_and_read_in_another(base, room))
    assert seen.endswith("Note from Alice.")  # a second client sees the first one's edit live
    deadline = time.monotonic() + 20  # and the server saves the shared document to disk
    while "Note from Alice." not in (root / NOTEBOOK).read_text() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "Note from Alice." in (root / NOTEBOOK).read_text()
    assert "Note from Alice." not in (paths.PROJECT_DIR / NOTEBOOK).read_text()
