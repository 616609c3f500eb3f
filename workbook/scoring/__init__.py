"""Scoring: from the engagement and its weights to a defensible ranking.

Owns the decision matrix (``matrix``), the pure ranking methods (``mcda``: weighted sum, TOPSIS,
PROMETHEE II), knockouts and the ranking (``ranking``), robustness (``robustness``: SMAA rank
acceptability, tipping points), the warning signs as flags (``warning_signs``), supply continuity
(``continuity``) and the recipe that ties them together (``assessment``).

May import: core, engagement, strategy.
"""
