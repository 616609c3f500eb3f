"""Outsourcing decision workbook: strategy-derived criteria, partner ranking, quality plan.

The notebooks in ``notebooks/`` tell the story; this package does the work. Start with
:func:`workbook.engagement.load_engagement`, which validates an engagement folder and returns
an :class:`~workbook.engagement.Engagement`.
"""

__version__ = "0.1.0"
