"""Shared fixtures: a tiny valid engagement written file by file, so each test breaks one thing."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TINY = {
    "engagement.yaml": """\
client: Acme Coatings
decision: Pick a toll manufacturer
term_years: 3
strategy:
  own:
    product_leadership: 2
    customer_intimacy: 1
    operational_excellence: 1
  customers:
    - name: OEM
      share: 1
      product_leadership: 1
      customer_intimacy: 1
      operational_excellence: 2
team:
  leader: Ann Lee
  evaluators: [Ann Lee, Bob Roe]
""",
    "criteria.csv": """\
id,name,group,direction,source,product_leadership,customer_intimacy,operational_excellence,weight,knockout
innov,Innovation,innovation,benefit,score,3,0,0,,
cost,Unit cost,cost,cost,unit_cost,0,0,3,,
""",
    "partners.csv": """\
id,name,unit_cost
a,Alpha,4.0
b,Beta,3.5
""",
    "scores.csv": """\
evaluator,partner,criterion,score
Ann Lee,a,innov,4
Ann Lee,b,innov,3
Bob Roe,a,innov,5
Bob Roe,b,innov,2
""",
}


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (links left out) and the digest of its bytes: equal before and
    after means nothing on disk changed."""
    import hashlib
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def edit_scoresheet(path, **cells) -> None:
    """Set cells of a scoresheet: Scores_C7=3, Evidence_C7="site visit" (None empties)."""
    import openpyxl
    book = openpyxl.load_workbook(path)
    for key, value in cells.items():
        sheet, cell = key.split("_")
        book[sheet][cell] = value
    book.save(path)


def write_engagement(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        if text is None:
            (folder / name).unlink(missing_ok=True)
        else:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def tiny(tmp_path, monkeypatch) -> Path:
    """A valid engagement at ./acme, with the working directory set to its parent."""
    monkeypatch.chdir(tmp_path)
    return write_engagement(tmp_path / "acme", TINY)


@pytest.fixture(scope="session", autouse=True)
def kernels():
    """Warm kernels for the whole session: every render a test runs in this process shares them,
    the command's included (each notebook still starts from a fresh namespace)."""
    from workbook.report.kernels import KernelPool, pool_size, shared
    with KernelPool(pool_size()) as pool:
        shared(pool)
        yield pool


@pytest.fixture(scope="session")
def rendered(tmp_path_factory, worker_id, kernels):
    """``rendered(name)``: the engagement ``data/<name>`` rendered once for the whole session, with
    its PDF, from a copy (tests read the report; none may change it). Under pytest-xdist the test
    processes share it: the first to ask renders, under a file lock, and the others read its report."""
    import shutil

    from filelock import FileLock

    from workbook.core import paths
    from workbook.report.render import render_engagement
    # A worker's base folder is <the run's folder>/popen-gwN: the run's folder is theirs in common.
    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if worker_id != "master" else shared
    cache: dict[str, Path] = {}

    def render(name: str) -> Path:
        if name not in cache:
            out, done = shared / f"rendered-{name}", shared / f"rendered-{name}.json"
            with FileLock(shared / f"rendered-{name}.lock"):
                if not done.exists():
                    shutil.rmtree(out, ignore_errors=True)  # a failed render's copy: the next test says why again
                    folder = shutil.copytree(paths.DATA_DIR / name, out / "data" / name)
                    report = render_engagement(folder, out / "reports", log=lambda message: None,
                                               pool=kernels)
                    done.write_text(json.dumps(str(report)))
            cache[name] = Path(json.loads(done.read_text()))
        return cache[name]
    return render


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server for the whole test session (started on first use)."""
    from postgres_server import Server
    server = Server()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def catalogue_url(request, tmp_path) -> str:
    """An empty catalogue's address, once in an SQLite file and once in a real PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "catalogue.sqlite")
    return request.getfixturevalue("postgres").new_database()


RENDERING = {"test_browser", "test_cluster", "test_kernels", "test_lab", "test_notify", "test_pdf", "test_safety"}


def pytest_collection_modifyitems(config, items):
    """Mark ``render`` every test that renders or serves notebooks (``-m "not render"``: the
    quick unit tests alone), and run them first: under pytest-xdist the long files then start
    early and the quick ones fill the gaps, instead of one process finishing a long file alone."""
    for item in items:
        if (getattr(item, "module", None) is None or item.module.__name__ in RENDERING or "rendered" in item.fixturenames
                or item.path.suffix == ".ipynb"):
            item.add_marker(pytest.mark.render)
    items.sort(key=lambda item: item.get_closest_marker("render") is None)


def pytest_configure(config):
    """The example engagement names a partner catalogue: give every render and notebook of the
    session (nbval's kernels included, which inherit the environment) the example catalogue, in a
    file of its own, so that no test depends on a catalogue made by hand."""
    import os
    import tempfile

    config.addinivalue_line("markers", "render: renders a report or runs notebooks (slow)")
    for name in ("WORKBOOK_NOTIFY", "WORKBOOK_REPORT_URL"):  # no test tells a real team anything
        os.environ.pop(name, None)
    if os.environ.get("WORKBOOK_CATALOGUE") or hasattr(config, "workerinput"):
        return
    from workbook.catalogue import exchange, store
    from workbook.core import paths
    folder = tempfile.mkdtemp(prefix="workbook-catalogue-")
    location = os.path.join(folder, "catalogue.sqlite")
    exchange.import_folder(store.open_catalogue(location), paths.DATA_DIR / "catalogue")
    os.environ["WORKBOOK_CATALOGUE"] = location
    config._workbook_catalogue = folder


def pytest_unconfigure(config):
    """Remove the session's example catalogue (see pytest_configure)."""
    import os
    import shutil

    folder = getattr(config, "_workbook_catalogue", None)
    if folder:
        os.environ.pop("WORKBOOK_CATALOGUE", None)
        shutil.rmtree(folder, ignore_errors=True)


def free_port() -> int:
    """A TCP port free on loopback now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Receiver(BaseHTTPRequestHandler):
    posts: list = []

    def do_POST(self):  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.posts.append((self.path, json.loads(body)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    """A JSON webhook receiver on loopback: its port, and the (path, JSON body) posts it took."""
    posts: list = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), type("Receiver", (_Receiver,), {"posts": posts}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], posts
    server.shutdown()
