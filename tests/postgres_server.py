"""A throwaway PostgreSQL server for the catalogue tests, started and stopped by the tests.

It uses Debian's ``postgresql`` package (``.ci/run`` installs it when missing). PostgreSQL refuses
to run as root, so under root the server runs as the ``postgres`` user the package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def binaries() -> Path | None:
    """The folder holding initdb and postgres, newest version first; None when not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One PostgreSQL server in a temporary folder, listening on loopback only."""

    def __init__(self):
        bin_dir = binaries()
        if bin_dir is None:
            raise RuntimeError("PostgreSQL is not installed: run .ci/run, or apt-get install postgresql")
        self.folder = Path(tempfile.mkdtemp(prefix="workbook-pg-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
            os.chown(self.folder, self.user.pw_uid, self.user.pw_gid)
        self._run([str(bin_dir / "initdb"), "-D", str(self.data), "-U", "workbook", "-A", "trust",
                   "-E", "UTF8", "--no-sync"])
        self.log = open(self.folder / "server.log", "wb")
        # PostgreSQL cannot pick its own port: the free one picked here may be taken (by a kernel
        # of the tests running beside) before the server binds it; then it tries another
        for attempt in range(3):
            if attempt:
                self.port = _free_port()
            self.process = subprocess.Popen(
                self._as_user([str(bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port),
                               "-h", "127.0.0.1", "-k", str(self.folder), "-c", "fsync=off",
                               "-c", "max_connections=50"]),
                stdout=self.log, stderr=subprocess.STDOUT)
            try:
                self._wait()
                break
            except RuntimeError as exc:
                if attempt == 2 or "already in use" not in str(exc):
                    raise
        self.count = 0

    def _as_user(self, command: list[str]) -> list[str]:
        return (["runuser", "-u", "postgres", "--"] + command) if self.user else command

    def _run(self, command: list[str]) -> None:
        subprocess.run(self._as_user(command), check=True, capture_output=True)

    def _wait(self) -> None:
        import psycopg
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((self.folder / "server.log").read_text(errors="replace"))
            try:  # with a timeout: whatever else holds the port may accept and never answer
                psycopg.connect(host="127.0.0.1", port=self.port, user="workbook", dbname="postgres",
                                connect_timeout=2).close()
                return
            except Exception:  # not listening yet, or up but not yet accepting sessions
                time.sleep(0.2)
        raise RuntimeError("PostgreSQL did not start within 60 s")

    def new_database(self) -> str:
        """A new empty database's URL."""
        import psycopg
        self.count += 1
        name = f"catalogue_{self.count}"
        conn = psycopg.connect(host="127.0.0.1", port=self.port, user="workbook", dbname="postgres",
                               autocommit=True)
        with conn.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        conn.close()
        return f"postgresql://workbook@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        shutil.rmtree(self.folder, ignore_errors=True)
