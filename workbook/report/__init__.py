"""Report: rendering the notebooks into a code-free, shareable report.

Owns the render (``render``, its warm kernels ``kernels``, ``warm`` and ``papermill_engine``, its timing ``timing``), the ``results/`` files each notebook writes
(``results``), the index page (``index_page``), the PDF (``pdf``), the Excel workbook of every
result (``excel``), the analyst's checklist kept off the client pages (``checklist``), provenance
and the manifest (``provenance``) and many engagements at once (``batch``).

May import: every layer below it, views included; never cli.
"""

import sys

# jsonschema (through nbformat, which papermill and nbconvert load) imports rfc3987_syntax when it
# is installed, and that compiles a grammar at import: 1.7 s of a render's 3 s start on a 2-core
# machine, to check "iri" formats no notebook schema uses. Without it, jsonschema skips them.
sys.modules.setdefault("rfc3987_syntax", None)
