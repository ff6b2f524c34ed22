"""Batch execution of the notebooks of one or several sites with papermill.

The runner knows nothing of any domain. Its modules, one job each:

- :mod:`~qsp_lib.runner.notebooks`: discovery of ``notebooks/*.ipynb``, their metadata
  (title, ``depends_on``, variants), the parameters cell (papermill's inspection), ordering;
- :mod:`~qsp_lib.runner.plan`: validation of a site's parameter files before any kernel;
- :mod:`~qsp_lib.runner.fingerprints`: what a notebook's outputs depend on (reuse);
- :mod:`~qsp_lib.runner.context`: the frozen run context and job records;
- :mod:`~qsp_lib.runner.worker`: executes one job (papermill, scraps, brief) in its own
  process, and classifies failures;
- :mod:`~qsp_lib.runner.executors`: the ``concurrent.futures.Executor`` backends (local
  pool, Dask) and the per-job timeout with process-group kill;
- :mod:`~qsp_lib.runner.scheduler`: dependency-aware submission of jobs;
- :mod:`~qsp_lib.runner.files`: the per-site lock, atomic JSON writes, export moves;
- :mod:`~qsp_lib.runner.site_index`: the site index and the cross-site page;
- :mod:`~qsp_lib.runner.session`: one ``qsp run`` over one or several sites.
"""

from qsp_lib.runner.context import DEFAULT_TIMEOUT_S
from qsp_lib.runner.notebooks import discover, order, parameters_cell_defaults
from qsp_lib.runner.plan import known_sites, prepare
from qsp_lib.runner.session import run_sites

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "discover",
    "known_sites",
    "order",
    "parameters_cell_defaults",
    "prepare",
    "run_sites",
]
