"""Quality: the quality-measurement plan, tracking, control charts and early warnings.

Owns the generated plan (``plan``), monthly series (``tracking``), the pure measures and control
charts (``measures``, ``control``), each measure's one status (``status``), alerts (``alerts``), the
leaders' calendar (``calendar``) and the recipe (``assessment``).

May import: core, engagement, strategy, scoring.
"""
