"""Team: several evaluators' judgments, merged safely; scoresheets out and back; progress.

Owns merging one evaluator's judgments into ``scores.csv`` under the lock (``judgments``), the Excel
scoresheet's layout, writing and reading (``scoresheet``), export and import as commands
(``exchange``) and the counts of who has scored what (``progress``).

May import: core, engagement, strategy, scoring (beside scoring; never quality).
"""
