"""Dependency-aware scheduling of jobs on any ``concurrent.futures.Executor``.

A job is submitted once every job it waits for has finished, whatever their outcome
(``depends_on`` orders, it does not gate). ``on_done`` runs in the calling thread for each
finished job before any job waiting for it is submitted: that is where the results of the
run so far are written for the dependents to read.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from typing import Any

from qsp_lib.runner.worker import error_summary


def schedule(
    jobs: list[Any],
    waits_for: dict[Hashable, set[Hashable]],
    executor: Executor,
    run: Callable[[Any], dict],
    on_done: Callable[[Any, dict], None],
    key: Callable[[Any], Hashable] = lambda job: job.key,
    on_interrupt: Callable[[], None] = lambda: None,
) -> None:
    """Run ``jobs`` (in the given priority order) on ``executor``.

    Parameters
    ----------
    jobs : list
        Jobs in priority order (dependencies first).
    waits_for : dict
        Job key -> keys of the jobs it starts after; keys outside ``jobs`` are ignored.
    executor : concurrent.futures.Executor
        Where ``run(job)`` is executed.
    run : callable
        ``run(job) -> result``; must be picklable for a distributed executor.
    on_done : callable
        ``on_done(job, result)``, called in this thread as each job finishes. A job whose
        ``run`` raised gets ``{"status": "failed", "kind": "crash", "error": ...}``.
    on_interrupt : callable
        Called when scheduling is interrupted (Ctrl-C), to stop what is running.
    """
    keys = {key(job) for job in jobs}
    pending = list(jobs)
    finished: set[Hashable] = set()
    running: dict[Future, Any] = {}
    try:
        while pending or running:
            for job in list(pending):
                if all(d in finished for d in waits_for.get(key(job), ()) if d in keys):
                    pending.remove(job)
                    running[executor.submit(run, job)] = job
            if not running:
                raise RuntimeError("dépendances circulaires entre les tâches")  # order() forbids
            done, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for future in done:
                job = running.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # noqa: BLE001 - a lost worker fails one job only
                    result = {"status": "failed", "kind": "crash", "error": error_summary(exc)}
                finished.add(key(job))
                on_done(job, result)
    except BaseException:
        for future in running:
            future.cancel()
        on_interrupt()
        raise
