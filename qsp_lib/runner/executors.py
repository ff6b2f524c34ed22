"""Execution backends behind the standard ``concurrent.futures.Executor`` interface.

:func:`run_job` is what an executor runs: it starts the worker process of one job in its
own process group, waits at most the job's timeout (``--timeout``: the wall-clock limit of
the notebook, from its kernel's start to its rendered brief; papermill's own timeout is per
cell) and kills the whole group (worker and kernel) past it: the job fails with « délai
dépassé », the cells executed so far are kept in ``<stem>.failed.ipynb`` and the previous
brief stays in place.

- ``local`` (default): a thread pool of ``--jobs`` threads on this machine, each watching
  one worker process.
- ``dask://HOST:PORT``: the executor of a ``dask.distributed`` client connected to that
  scheduler (optional extra ``qsp-workbooks[dask]``); each Dask worker runs the job's
  worker process. The project folder and the output folder must be the same paths on every
  Dask worker (a shared file system), as with any batch cluster.

Test hook: when ``QSP_FAKE_WORKER`` names a function (``module:function``), :func:`run_job`
calls it with the job's dict in this process instead of starting a worker and its kernel.
The engine's tests use it (``tests/fake_worker.py``) to check scheduling, exit codes, reuse
and pages in a fraction of a second per notebook.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from qsp_lib.runner.context import Job
from qsp_lib.runner.files import read_json, write_json
from qsp_lib.runner.worker import result_file

#: Seconds granted beyond ``--timeout`` before the worker is killed: none, the timeout is
#: the wall-clock limit of the whole job (kernel start, every cell, the brief's rendering).
GRACE_S = 0

#: Environment variable naming a fake worker function (``module:function``), for tests.
FAKE_WORKER_ENV = "QSP_FAKE_WORKER"

_live: set[subprocess.Popen] = set()
_live_lock = threading.Lock()


def make_executor(spec: str | None, jobs: int) -> Executor:
    """The executor named by ``--executor`` (``local`` or ``dask://HOST:PORT``).

    Raises ``ValueError`` for an unknown scheme and ``ImportError`` when the Dask extra is
    not installed.
    """
    if not spec or spec == "local":
        return ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="qsp-job")
    if spec.startswith("dask://"):
        try:
            from distributed import Client
        except ImportError:
            raise ImportError(
                "Dask n'est pas installé : pip install -c constraints.txt -e '.[dask]'"
            ) from None

        client = Client("tcp://" + spec.removeprefix("dask://"), timeout=30)
        return client.get_executor(pure=False)
    raise ValueError(f"exécuteur inconnu : {spec} (attendu : local ou dask://HÔTE:PORT)")


def close_executor(executor: Executor) -> None:
    """Shut an executor down (and disconnect a Dask client it came from)."""
    executor.shutdown(wait=True)
    client = getattr(executor, "_client", None)
    if client is not None:
        client.close()


def run_job(job: Job) -> dict[str, Any]:
    """Execute one job in a worker process; returns its result with start and duration."""
    work = Path(job.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    job_file = work / f"{job.stem}.job.json"
    write_json(job_file, job.to_dict())
    outcome = result_file(job_file)
    env = dict(
        os.environ,
        QSP_ROOT=job.root,
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    start_iso = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    started = time.monotonic()
    fake = os.environ.get(FAKE_WORKER_ENV)
    if fake:
        module, _, function = fake.partition(":")
        result = getattr(importlib.import_module(module), function)(job.to_dict())
        if time.monotonic() - started > job.timeout_s + GRACE_S:
            result = timed_out(job)  # the fake cannot be killed: its overrun is reported
        result["start"] = start_iso
        result["duration_s"] = round(time.monotonic() - started, 2)
        return result
    log_path = work / f"{job.stem}.log"
    with open(log_path, "w+", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "qsp_lib.runner.worker", str(job_file)],
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )
        with _live_lock:
            _live.add(process)
        try:
            code = process.wait(timeout=job.timeout_s + GRACE_S)
        except subprocess.TimeoutExpired:
            kill_group(process)
            code = None
        finally:
            with _live_lock:
                _live.discard(process)
    if code is None:
        result = timed_out(job)
    else:
        result = read_json(outcome) or {
            "status": "failed",
            "kind": "crash",
            "error": tail(log_path) or f"code de sortie {code}",
        }
    result["start"] = start_iso
    result["duration_s"] = round(time.monotonic() - started, 2)
    return result


def timed_out(job: Job) -> dict[str, Any]:
    """The result of a job killed at its wall-clock limit; the notebook as executed so far
    (papermill saves it after each cell) is kept as ``<stem>.failed.ipynb``."""
    out = Path(job.out_dir)
    partial = sorted(out.glob(f".{job.stem}.*.tmp.ipynb"), key=lambda p: p.stat().st_mtime)
    if partial:
        os.replace(partial[-1], out / f"{job.stem}.failed.ipynb")
        for other in partial[:-1]:
            other.unlink(missing_ok=True)
    return {
        "status": "failed",
        "kind": "timeout",
        "error": f"délai dépassé : le notebook a dépassé sa durée maximale de "
        f"{job.timeout_s:.0f} s (--timeout)",
    }


def kill_group(process: subprocess.Popen) -> None:
    """Kill a worker and everything it started (its kernel)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def kill_all() -> None:
    """Kill every worker this process started (on interruption)."""
    with _live_lock:
        running = list(_live)
    for process in running:
        kill_group(process)


def tail(path: Path, lines: int = 3) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])[:600]
