"""The catalogue's tables, one schema for SQLite and PostgreSQL, and its migrations.

Dates are ISO text (``YYYY-MM-DD``) and months ``YYYY-MM`` in both databases, so that a catalogue
reads the same wherever it lives and its snapshot digest does not depend on the database.
"""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, String,
                        Table, Text)

VERSION = 1  # the schema this code writes; older catalogues are migrated on opening

metadata = MetaData()

ID, DAY, STAMP = String(120), String(10), String(32)


def _partner(primary: bool = True) -> Column:
    return Column("partner_id", ID, ForeignKey("partners.id", ondelete="CASCADE"),
                  primary_key=primary, nullable=False)


meta = Table("meta", metadata, Column("key", String(40), primary_key=True),
             Column("value", Text, nullable=False))

partners = Table(
    "partners", metadata,
    Column("id", ID, primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", Text, nullable=False, default=""),
    Column("duns", String(20)), Column("lei", String(20)), Column("vat", String(20)),
    Column("updated", STAMP, nullable=False),
)

aliases = Table("aliases", metadata, _partner(), Column("alias", String(300), primary_key=True))

facts = Table(
    "facts", metadata, _partner(),
    Column("fact", String(120), primary_key=True),
    Column("value", Float, nullable=False),
    Column("unit", String(40), nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("observed", DAY, nullable=False),
    Column("verified", DAY),
)
# Matchmaking reads a few facts of every partner: one index scan per fact.
Index("facts_by_fact", facts.c.fact, facts.c.partner_id, facts.c.value, facts.c.observed)

certifications = Table(
    "certifications", metadata, _partner(),
    Column("standard", String(120), primary_key=True),
    Column("number", String(120), primary_key=True),
    Column("issuer", Text, nullable=False, default=""),
    Column("scope", Text, nullable=False, default=""),
    Column("issued", DAY), Column("expires", DAY),
)

references = Table(
    "customer_references", metadata, _partner(),
    Column("customer", String(300), primary_key=True),
    Column("consent", Boolean, nullable=False),
    Column("consent_date", DAY),
    Column("contact", Text, nullable=False, default=""),
)

supply = Table(
    "supply", metadata, _partner(),
    Column("input", String(300), primary_key=True),
    Column("sources", Integer, nullable=False),
    Column("days_on_hand", Float, nullable=False),
    Column("replenish_days", Float, nullable=False),
    Column("critical", Boolean, nullable=False),
)

# What earlier engagements measured of a contracted partner (``workbook catalogue record``).
performance = Table(
    "performance", metadata, _partner(),
    Column("measure", String(120), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("engagement", String(200), primary_key=True),
    Column("value", Float, nullable=False),
    Column("unit", String(40), nullable=False, default=""),
    Column("n", Integer),
    Column("recorded", STAMP, nullable=False),
)

# An earlier team's judgments about the partner itself (never the client-specific ones).
judgments = Table(
    "judgments", metadata, _partner(),
    Column("criterion", String(120), primary_key=True),
    Column("engagement", String(200), primary_key=True),
    Column("criterion_group", String(120), nullable=False),
    Column("name", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("evaluators", Integer, nullable=False),
    Column("judged", DAY, nullable=False),
)

merges = Table(
    "merges", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", STAMP, nullable=False),
    Column("kept", ID, nullable=False),
    Column("dropped", ID, nullable=False),
    Column("dropped_name", Text, nullable=False),
    Column("detail", Text, nullable=False),
)

imports = Table(
    "imports", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", STAMP, nullable=False),
    Column("folder", Text, nullable=False),
    Column("digest", String(64), nullable=False),
    Column("summary", Text, nullable=False),
)

# The tables a snapshot covers, each with its key, in the order an export writes them.
CONTENT = (partners, aliases, facts, certifications, references, supply, performance, judgments)


def migrate(conn, found: int | None) -> int:
    """Bring the schema from version ``found`` (None: an empty database) to :data:`VERSION`.

    Each step is one function of the connection, run inside the caller's transaction, so that a
    failed migration leaves the catalogue as it was. Version 1 is the first schema.
    """
    if found is None:
        metadata.create_all(conn)
        return VERSION
    for step in range(found + 1, VERSION + 1):
        MIGRATIONS[step](conn)
    return VERSION


MIGRATIONS: dict = {}  # version -> function(conn) bringing the schema from version - 1
