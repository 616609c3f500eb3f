"""Catalogue: one database of partners, reused across every client engagement.

Owns the schema and its migrations (``schema``), the connection, transactions and snapshots
(``store``), the import files and their checks (``files``), import and export (``exchange``),
likely duplicates (``duplicates``) and merging them (``merge``), matchmaking against an
engagement (``match``), the shortlist written into an engagement (``shortlist``) and performance
recorded from delivery (``record``).

May import: core, engagement, strategy, scoring, quality.
"""
