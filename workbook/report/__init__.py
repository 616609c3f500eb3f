"""Report: rendering the notebooks into a code-free, shareable report.

Owns the render (``render``, its warm kernels ``kernels``, ``warm`` and ``papermill_engine``, its timing ``timing``), the ``results/`` files each notebook writes
(``results``), the index page (``index_page``), the PDF (``pdf``), the Excel workbook of every
result (``excel``), the analyst's checklist kept off the client pages (``checklist``), provenance
and the manifest (``provenance``) and many engagements at once (``batch``).

May import: every layer below it, views included; never cli.
"""
