"""Where the catalogue lives, how it is opened, and its transactions.

One schema in SQLite (the default: one file, nothing to set up) or PostgreSQL (a firm's shared
catalogue). Writes are serialised: SQLite takes its write lock when the transaction begins
(``BEGIN IMMEDIATE``), PostgreSQL an advisory lock, so two imports at once both land, one after the
other, and a killed import leaves nothing behind (its transaction never commits).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import create_engine, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError

from workbook.catalogue import schema
from workbook.core import paths
from workbook.core.errors import UsageError

ENV = "WORKBOOK_CATALOGUE"
DEFAULT = paths.DATA_DIR / "catalogue.sqlite"
WAIT_SECONDS = 300  # how long a statement may take, a writer's wait for another one included
CONNECT_SECONDS = 10  # how long connecting to a database server may take
CONNECT_ENV, STATEMENT_ENV = "WORKBOOK_DB_TIMEOUT", "WORKBOOK_DB_STATEMENT_TIMEOUT"
_LOCK_KEY = 7_310_116_432  # PostgreSQL advisory lock id of catalogue writes


@dataclass(frozen=True)
class Catalogue:
    """An open catalogue: its engine and its address as the user may see it (no password)."""

    engine: Engine
    shown: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name


def locate(explicit: str | None = None, link=None, engagement_dir=None) -> str:
    """The catalogue to use: ``explicit`` (``--catalogue``), else ``$WORKBOOK_CATALOGUE``, else the
    engagement's ``catalogue.location`` (a path relative to its folder, which must lead no further
    than the folder that holds the engagements, through links too), else the default file."""
    chosen = explicit or os.environ.get(ENV) or (link.location if link is not None else "")
    if not chosen:
        return str(DEFAULT)
    if "://" not in chosen and engagement_dir is not None and not explicit \
            and not os.environ.get(ENV):
        # named by an engagement file: it must stay beside the engagements, links followed
        resolved = (Path(engagement_dir) / chosen).resolve()
        firm = Path(engagement_dir).resolve().parent
        if not resolved.is_relative_to(firm):
            raise UsageError(f"the catalogue that {Path(engagement_dir) / 'engagement.yaml'} names "
                             f"({chosen}) leads outside {firm}; copy it beside the engagements, "
                             f"or give its address with --catalogue or {ENV}")
        return str(resolved)
    return chosen


def url_of(location: str) -> str:
    """A database URL from a URL or a path to an SQLite file."""
    return location if "://" in location else f"sqlite:///{Path(location).resolve()}"


def timeouts() -> tuple[float, float]:
    """Seconds to connect to a database server (``$WORKBOOK_DB_TIMEOUT``, default 10) and for one
    statement, a writer's wait for another included (``$WORKBOOK_DB_STATEMENT_TIMEOUT``, default
    300)."""
    out = []
    for env, default in ((CONNECT_ENV, CONNECT_SECONDS), (STATEMENT_ENV, WAIT_SECONDS)):
        raw = os.environ.get(env, "").strip()
        try:
            seconds = float(raw) if raw else float(default)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds <= 86_400:
            raise UsageError(f"{env} is a number of seconds from 1 to 86400, e.g. {default} "
                             f"(found {raw!r}); set it so or unset it")
        out.append(seconds)
    return out[0], out[1]


def open_catalogue(location: str, create: bool = True) -> Catalogue:
    """Open (and create or migrate) the catalogue at ``location``, a URL or an SQLite file path.

    Raises
    ------
    UsageError
        When the address is not a database this tool can use, cannot be reached, or holds a
        catalogue written by a newer version of the workbook.
    """
    try:
        url = make_url(url_of(location))
    except ArgumentError:
        raise UsageError(f"{location} is not a database URL or a file path; write a path such as "
                         f"data/catalogue.sqlite or a URL such as postgresql://host/catalogue") from None
    shown = url.render_as_string(hide_password=True) if url.get_backend_name() != "sqlite" else \
        paths.display_path(Path(url.database or ""))
    connect_seconds, statement_seconds = timeouts()
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            raise UsageError("an in-memory catalogue would be lost at once; name a file")
        file = Path(url.database)
        if not file.exists() and not create:
            raise UsageError(f"there is no catalogue at {shown}; create it with "
                             f"`workbook catalogue import FOLDER --catalogue {shown}`")
        file.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": statement_seconds})
        _sqlite_transactions(engine)
    elif url.get_backend_name() == "postgresql":
        try:
            # psycopg would wait 130 s for a server that accepts the connection and never
            # answers, and a statement (a writer's wait for the lock included) as long as it takes
            engine = create_engine(url, pool_pre_ping=True, connect_args={
                "connect_timeout": max(2, round(connect_seconds)),
                "options": f"-c statement_timeout={round(statement_seconds * 1000)}"})
        except NoSuchModuleError:
            raise UsageError(f"cannot use {shown}: no driver for it is installed") from None
    else:
        raise UsageError(f"{shown}: the catalogue lives in SQLite or PostgreSQL, not "
                         f"{url.get_backend_name()}")
    catalogue = Catalogue(engine, shown)
    _ensure_schema(catalogue)
    return catalogue


def _sqlite_transactions(engine: Engine) -> None:
    # pysqlite's own transaction handling would begin late and deferred; take it over, so that a
    # writer holds the write lock from its first statement and a second writer waits for it.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA foreign_keys = ON")
        dbapi_connection.execute("PRAGMA journal_mode = WAL")

    @event.listens_for(engine, "begin")
    def _begin(conn):
        write = conn.get_execution_options().get("workbook_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _ensure_schema(catalogue: Catalogue) -> None:
    try:
        with writing(catalogue) as conn:
            found = None
            if conn.dialect.has_table(conn, "meta"):
                row = conn.execute(select(schema.meta.c.value)
                                   .where(schema.meta.c.key == "schema_version")).first()
                found = int(row[0]) if row else None
            if found is not None and found > schema.VERSION:
                raise UsageError(f"the catalogue at {catalogue.shown} has schema version {found}, "
                                 f"newer than this workbook's {schema.VERSION}; upgrade the workbook")
            if found != schema.VERSION:
                version = schema.migrate(conn, found)
                upsert(conn, schema.meta, [{"key": "schema_version", "value": str(version)}], ["key"])
    except (OperationalError, DBAPIError) as exc:
        raise UsageError(f"cannot open the catalogue at {catalogue.shown}: {_reason(exc)}") from None


def _reason(exc: DBAPIError) -> str:
    """What went wrong with the database, in the user's terms where the cause is known."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    connect_seconds, statement_seconds = timeouts()
    if "timeout expired" in reason:
        return (f"the server did not answer within {connect_seconds:g} s; check the address and that "
                f"the server is up, or give it longer with {CONNECT_ENV}=60")
    if "statement timeout" in reason or "database is locked" in reason:
        return (f"a statement did not finish within {statement_seconds:g} s (another writer may hold "
                f"the catalogue, or the server is overloaded); nothing was written; try again later, "
                f"or allow longer with {STATEMENT_ENV}=900")
    return reason


@contextlib.contextmanager
def _answered(catalogue: Catalogue):
    # A lost connection or a statement over its time: one line naming the catalogue, no traceback
    try:
        yield
    except OperationalError as exc:
        raise UsageError(f"cannot use the catalogue at {catalogue.shown}: {_reason(exc)}") from None


@contextlib.contextmanager
def writing(catalogue: Catalogue):
    """A write transaction: committed when the block ends, rolled back on any error; writers
    wait for each other."""
    with _answered(catalogue), catalogue.engine.connect() as conn:
        conn.execution_options(workbook_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_LOCK_KEY})")
            yield conn


@contextlib.contextmanager
def reading(catalogue: Catalogue):
    """A read transaction that sees one snapshot of the catalogue from its first read to its end."""
    with _answered(catalogue), catalogue.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def upsert(conn: Connection, table, rows: list[dict], keys: list[str], where=None) -> None:
    """Insert ``rows``, replacing the non-key columns of rows whose ``keys`` exist already
    (only where the ``where(existing, new)`` condition holds, when given)."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    for start in range(0, len(rows), 5000):
        statement = dialect.insert(table)
        others = [c.name for c in table.columns if c.name not in keys]
        if others:
            statement = statement.on_conflict_do_update(
                index_elements=keys, set_={c: statement.excluded[c] for c in others},
                where=None if where is None else where(table, statement.excluded))
        else:
            statement = statement.on_conflict_do_nothing(index_elements=keys)
        conn.execute(statement, rows[start:start + 5000])


def stamp() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def content(conn: Connection) -> dict[str, list[tuple]]:
    """Every row of the catalogue's content tables, sorted by key (for digests and exports)."""
    out = {}
    for table in schema.CONTENT:
        columns = [c for c in table.columns if c.name != "updated" and c.name != "recorded"]
        keys = [c for c in table.primary_key.columns]
        rows = conn.execute(select(*columns).order_by(*keys)).all()
        out[table.name] = [tuple(r) for r in rows]
    return out


def digest(conn: Connection) -> str:
    """SHA-256 of the catalogue's content as read in this transaction: the snapshot's identity.
    Equal catalogues give equal digests in SQLite and PostgreSQL (update times are left out)."""
    hasher = hashlib.sha256()
    for name, rows in content(conn).items():
        hasher.update(name.encode())
        for row in rows:
            hasher.update(json.dumps(row, default=str, ensure_ascii=False).encode())
            hasher.update(b"\n")
    return hasher.hexdigest()
