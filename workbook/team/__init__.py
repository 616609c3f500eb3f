"""Team: several evaluators' judgments, merged safely; scoresheets out and back; progress.

Owns merging one evaluator's judgments into ``scores.csv`` under the lock (``judgments``), the
file's text with its layout and row order (``scores_csv``), the Excel scoresheet's layout
(``scoresheet_layout``; the sheet itself is written by :mod:`workbook.views.scoresheet`), opening a
returned scoresheet safely (``scoresheet_file``: zip bombs, .xls, passwords, non-workbooks),
reading it back and importing it (``scoresheet_reader``) and the counts of who has scored what
(``progress``).

May import: core, engagement, strategy, scoring (beside scoring; never quality).
"""
