"""Register: the one record of a render's findings, as codes, subjects and figures.

Owns the finding and the record (``finding``), how they are gathered from the scoring and quality
assessments (``collect``), and ``results/findings.json`` (``ledger``). The judgements themselves
are decided where they belong and only gathered here; the views and the report put them into
words.

May import: core, engagement, strategy, scoring, quality, catalogue.
"""
