"""Core: what every layer stands on, and nothing about outsourcing decisions.

Owns paths and fixed file names (``paths``), the exceptions (``errors``), files written in one step
and the locks (``atomic``), reading CSV (``files``) and YAML (``yaml_files``) with the positions a
user needs, cells a spreadsheet would run made inert (``formula_safe``),
numbers and thresholds as spreadsheet users write them (``numbers``, ``thresholds``), how each kind
of number is formatted (``formats``) and the field's fixed terms (``vocabulary``).

May import: nothing from the package.
"""
