"""Engagement: an engagement folder's files, their checks, and the validated model.

Owns reading and checking every file (``checks``, ``supply_checks``, ``cells``, ``settings`` with
its parts ``branding``, ``logo``, ``audience``, ``peaks``, ``offering``, ``uncertainty`` and
``catalogue_link``, ``pairwise``, ``quality_files``), the
:class:`~workbook.engagement.model.Engagement` that :func:`~workbook.engagement.model.load_engagement`
returns, new engagement folders (``scaffold``) and saving the strategy to ``engagement.yaml``
(``save``).

May import: core.
"""
