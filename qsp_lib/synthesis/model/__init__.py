"""The committee synthesis' numbers: values read back tolerantly (:mod:`.values`),
cross-checks between briefs (:mod:`.checks`) and run-to-run changes (:mod:`.changes`).

Numbers in, numbers out: no French wording, no formatting, no file reading. What the
audiences see is :mod:`qsp_lib.synthesis.audiences`; which briefs are available,
:mod:`qsp_lib.synthesis.availability`; the French tables, :mod:`qsp_lib.synthesis.tables`.
"""

from __future__ import annotations

from qsp_lib.core.analysis import upstream
from qsp_lib.synthesis.audiences import AUDIENCE_LABELS, AUDIENCES

# Kept for tests/synthesis/test_synthesis_notebook.py, which reads them here: the audiences
# live in qsp_lib.synthesis.audiences, the upstream analyses in their declarations.
UPSTREAM: tuple[tuple[str, str, str], ...] = tuple(
    (a.notebook, a.theme, a.title) for a in upstream("committee_synthesis")
)

__all__ = ["AUDIENCES", "AUDIENCE_LABELS", "UPSTREAM"]
