"""The worker: executes one job in its own process (``python -m qsp_lib.runner.worker``).

It runs the notebook with papermill under a temporary name, reads its scraps and key
figures, stamps the provenance, renders the brief and renames both into place. A failure
leaves ``<stem>.failed.ipynb`` for the analyst and nothing else. The result is a JSON file
the parent reads: ``{"status", "error", "kind", "scraps", "key_figures"}``.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from qsp_lib.core import params

#: Error kinds (``run.json`` ``error_kind``) and what the site index says of each.
ERROR_FR = {
    "parameters": "les paramètres ont été refusés à l'exécution du notebook.",
    "timeout": "le calcul a dépassé la durée maximale autorisée.",
    "error": "une erreur est survenue pendant le calcul ; l'analyste doit la corriger "
    "avant de diffuser cette note.",
    "crash": "le processus de calcul s'est arrêté de façon inattendue.",
}


def error_kind(exc: BaseException) -> str:
    """Classify a failure by the exception's type (``ERROR_FR`` keys).

    An exception raised inside the kernel reaches us as papermill's
    ``PapermillExecutionError`` carrying the kernel-side class name (``ename``): a
    ``ParameterError`` there means the notebook refused its parameters.
    """
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return "parameters" if exc.ename == params.ParameterError.__name__ else "error"
    if isinstance(exc, params.ParameterError):
        return "parameters"
    if isinstance(exc, (CellTimeoutError, TimeoutError)):
        return "timeout"
    if isinstance(exc, DeadKernelError):
        return "crash"
    return "error"


def error_summary(exc: BaseException) -> str:
    """One line: exception name and message (papermill's wrapped kernel errors included)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        ename, evalue = exc.ename, exc.evalue
    else:
        ename, evalue = type(exc).__name__, str(exc)
    lines = str(evalue).strip().splitlines()
    text = f"{ename}: {' '.join(line.strip() for line in lines[:6])}" if lines else ename
    return text[:600]


class _EngineNamesFilter(logging.Filter):
    """Drop papermill's "Passed unknown parameter" warning for the names the engine injects
    into every notebook (a notebook need not declare them in its parameters cell)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        prefix = "Passed unknown parameter: "
        return not (message.startswith(prefix) and message[len(prefix) :] in params.ENGINE_NAMES)


def execute_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook with papermill and render its brief (runs in a worker process)."""
    import papermill as pm

    from qsp_lib.core import brief, scraps
    from qsp_lib.core.files import shared_file_mode
    from qsp_lib.runner.render import render

    logging.getLogger("papermill").addFilter(_EngineNamesFilter())
    out_dir = Path(job["out_dir"])
    stem = job["stem"]
    final_nb = out_dir / f"{stem}.ipynb"
    failed_nb = out_dir / f"{stem}.failed.ipynb"
    Path(job["parameters"]["exports_dir"]).mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{stem}.", suffix=".tmp.ipynb")
    os.close(fd)
    tmp_nb = Path(tmp)
    tmp_nb.chmod(shared_file_mode())
    try:
        try:
            pm.execute_notebook(
                job["notebook"],
                str(tmp_nb),
                parameters=job["parameters"],
                cwd=str(Path(job["notebook"]).parent),
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
                execution_timeout=job["timeout_s"],
            )
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none is fatal
            if tmp_nb.exists() and tmp_nb.stat().st_size > 0:
                os.replace(tmp_nb, failed_nb)
            return {"status": "failed", "error": error_summary(exc), "kind": error_kind(exc)}
        values = scraps.read(tmp_nb)
        cards = brief.key_figures_of(tmp_nb)
        provenance = dict(job["provenance"])
        provenance["run_date_fr"] = dt.datetime.now().strftime("%d/%m/%Y à %H:%M")
        _stamp_provenance(tmp_nb, provenance)
        render(tmp_nb, out_dir / f"{stem}.html", provenance)
        os.replace(tmp_nb, final_nb)
        failed_nb.unlink(missing_ok=True)
        return {"status": "ok", "scraps": values, "key_figures": cards}
    finally:
        tmp_nb.unlink(missing_ok=True)


def _stamp_provenance(nb_path: Path, provenance: dict[str, Any]) -> None:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb.setdefault("metadata", {})["qsp_provenance"] = provenance
    nb_path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def result_file(job_file: str | Path) -> Path:
    """Where the worker of ``job_file`` writes its result."""
    return Path(str(job_file).removesuffix(".job.json") + ".result.json")


def main(job_file: str) -> int:
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    try:
        result = execute_job(job)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as a failure
        result = {"status": "failed", "error": error_summary(exc), "kind": error_kind(exc)}
    result_file(job_file).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m qsp_lib.runner.worker JOB.json (internal)")
    sys.exit(main(sys.argv[1]))
