"""Views: everything a person reads, and nothing that decides.

Owns the registry of column labels and formats (``labels``), the page building blocks (``blocks``),
the charts (``charts``), the results in sentences (``findings``, ``team_progress``), one module of
sections per notebook (``strategy_page``, ``scoring_page``, ``quality_page``, started by
``step.open_step``), the JupyterLab explorers and scoring form (``explorers``, ``scoring_form``) and the Excel
scoresheet an evaluator fills in (``scoresheet``).

May import: core, engagement, strategy, scoring, quality, team.
"""
