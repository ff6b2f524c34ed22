"""One ``qsp run``: one or several sites, their jobs on one executor, their output files.

For each site: validate every parameter file (all sites before anything executes), take the
site's lock, reuse what is unchanged, then run the rest on the shared executor in
dependency order. After every notebook finishes, the site's ``results.json``, ``run.json``
and ``key_figures.json`` are rewritten (atomically) before any dependent starts, and the
notebook's exports are moved beside its brief. At the end: each site's ``index.html`` and,
for several sites, the cross-site ``index.html``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from concurrent.futures import Executor
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from qsp_lib import __version__
from qsp_lib.core import brief, params, style
from qsp_lib.core.files import shared_file_mode
from qsp_lib.core.results import KEY_FIGURES, PREVIOUS_RESULTS, RESULTS, RUN
from qsp_lib.runner import executors, files, fingerprints, site_index
from qsp_lib.runner.context import DEFAULT_TIMEOUT_S, Job, RunContext
from qsp_lib.runner.notebooks import NotebookSpec, discover, order
from qsp_lib.runner.plan import Prepared, known_sites, prepare, variant_parameters
from qsp_lib.runner.scheduler import schedule

#: Versions shown in a brief's provenance footer.
PROVENANCE_PACKAGES = ("python", "pvlib", "pandas", "numpy", "matplotlib")


class SiteRun:
    """The state of one site during a run: what is reused, what runs, what came back."""

    def __init__(
        self,
        ctx: RunContext,
        site: str,
        specs: dict[str, NotebookSpec],
        names: list[str],
        all_prepared: dict[str, Prepared],
    ):
        self.ctx = ctx
        self.site = site
        self.specs = specs
        self.names = names
        self.all_prepared = all_prepared
        self.prepared = {n: p for n, p in all_prepared.items() if p.skipped is None}
        self.site_dir = params.site_dir_for(site, ctx.root)
        self.out_dir = ctx.out_root / site
        self.prints = fingerprints.fingerprints(
            self.prepared, self.site_dir, ctx.library, ctx.versions
        )
        self.entries: dict[str, dict[str, Any]] = {}
        self.results: dict[str, Any] = {}
        self.key_figures: dict[str, list] = {}
        self.to_run: list[str] = []
        self.previous_run: dict[str, Any] = {}
        self.work_dir: Path | None = None
        self._partial: dict[str, dict[str | None, dict]] = {}

    # ------------------------------------------------------------------ planning
    def plan(self) -> list[Job]:
        """Decide what is reused and what runs; returns the jobs to run."""
        out = self.out_dir
        self.previous_run = files.read_json(out / RUN)
        previous_results = files.read_json(out / RESULTS)
        previous_cards = files.read_json(out / KEY_FIGURES)
        now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        for name in self.names:
            item = self.all_prepared[name]
            if item.skipped:
                self._say(name, f"ignoré pour ce site ({item.skipped})")
                continue
            prev = self.previous_run.get(name, {})
            if self._reusable(name, prev, previous_results):
                entry = dict(prev, status="reused", start=now, duration_s=0.0)
                entry.update(error=None, error_kind=None)
                if "variants" in entry:
                    entry["variants"] = {
                        v: dict(e, status="reused") for v, e in entry["variants"].items()
                    }
                self.entries[name] = entry
                self.results[name] = previous_results[name]
                self.key_figures[name] = previous_cards.get(name) or self._cards(name)
                self._say(name, "inchangé, résultats réutilisés")
            else:
                self.to_run.append(name)
        # Notebooks outside --only keep their last state; flagged stale if inputs changed.
        for name, prev in self.previous_run.items():
            if name in self.entries or name in self.to_run or name not in self.specs:
                continue
            if not isinstance(prev, dict):
                continue
            stale = name in self.prepared and prev.get("fingerprint") != self.prints.get(name)
            self.entries[name] = dict(prev, stale=stale)
            if name in previous_results and prev.get("status") in ("ok", "reused"):
                self.results[name] = previous_results[name]
                self.key_figures[name] = previous_cards.get(name) or self._cards(name)
        if self.to_run:
            out.mkdir(parents=True, exist_ok=True)
            if (out / RESULTS).is_file():
                files.write_json(out / PREVIOUS_RESULTS, previous_results)
            self.work_dir = Path(tempfile.mkdtemp(prefix=".qsp-jobs-", dir=out))
        self.write_state()
        return [
            self._job(name, variant, stem)
            for name in self.to_run
            for variant, stem in self.specs[name].stems()
        ]

    def _reusable(self, name: str, prev: dict, previous_results: dict) -> bool:
        spec = self.specs[name]
        if (
            self.ctx.force
            or prev.get("status") not in ("ok", "reused")
            or prev.get("fingerprint") != self.prints[name]
            or name not in previous_results
        ):
            return False
        if spec.variants is not None and sorted(prev.get("variants", {})) != sorted(
            spec.variants[1]
        ):
            return False
        wanted = [f"{stem}{ext}" for _, stem in spec.stems() for ext in (".html", ".ipynb")]
        wanted += prev.get("exports", [])
        return all((self.out_dir / f).is_file() for f in wanted)

    def _cards(self, name: str) -> list:
        stem = self.specs[name].stems()[0][1]
        return brief.key_figures_of(self.out_dir / f"{stem}.ipynb")

    def _job(self, name: str, variant: str | None, stem: str) -> Job:
        item = self.prepared[name]
        spec = item.spec
        values = variant_parameters(spec, item.parameters)[
            0 if variant is None else spec.variants[1].index(variant)
        ]
        assert self.work_dir is not None
        values["exports_dir"] = str(self.work_dir / f"{stem}.exports")
        root = self.ctx.root
        parameter_file = item.parameter_file
        provenance = {
            "site": self.site,
            "notebook": name,
            "title": spec.title,
            "parameter_file": (
                str(parameter_file.relative_to(root))
                if parameter_file and parameter_file.is_relative_to(root)
                else str(parameter_file or "défauts du notebook")
            ),
            "parameter_hash": fingerprints.parameter_hash(item) or "",
            "qsp_lib_version": __version__,
            "git_commit": self.ctx.commit,
            "run_date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "versions": {k: v for k, v in self.ctx.versions.items() if k in PROVENANCE_PACKAGES},
            "fingerprint": self.prints[name],
        }
        if variant is not None:
            provenance["variant"] = spec.variant_label(variant)
        return Job(
            site=self.site,
            name=name,
            stem=stem,
            variant=variant,
            notebook=str(spec.path),
            out_dir=str(self.out_dir),
            work_dir=str(self.work_dir),
            parameters=values,
            timeout_s=self.ctx.timeout_s,
            provenance=provenance,
            root=str(root),
        )

    def waits_for(self, job: Job) -> set[tuple[str, str]]:
        """Keys of the jobs ``job`` starts after: every rendering of its upstream notebooks
        that run in this batch."""
        return {
            (self.site, stem)
            for dep in self.specs[job.name].depends_on
            if dep in self.to_run
            for _, stem in self.specs[dep].stems()
        }

    # ------------------------------------------------------------------ results
    def record(self, job: Job, result: dict[str, Any], progress: str = "") -> None:
        """A job finished: move its exports, and once every rendering of its notebook is
        back, record the notebook and rewrite the site's JSON files. ``progress`` (``[3/12]``)
        starts the console line."""
        result.setdefault("start", dt.datetime.now().astimezone().isoformat(timespec="seconds"))
        result.setdefault("duration_s", 0.0)
        source = Path(job.exports_dir)
        if result.get("status") == "ok":
            result["exports"] = files.move_exports(source, self.out_dir)
        else:
            result["exports"] = []
            shutil.rmtree(source, ignore_errors=True)
        ok = result.get("status") == "ok"
        detail = "" if ok else f" — {result.get('error')}"
        took = style.fr(result["duration_s"], 1)
        self._say(job.stem, f"{'ok' if ok else 'ÉCHEC'} ({took} s){detail}", progress)
        done = self._partial.setdefault(job.name, {})
        done[job.variant] = result
        spec = self.specs[job.name]
        if len(done) < len(spec.stems()):
            return
        entry = self._entry(job.name, [(v, done[v]) for v, _ in spec.stems()])
        self.entries[job.name] = entry
        if entry["status"] == "ok":
            first = done[spec.stems()[0][0]]
            self.results[job.name] = first.get("scraps", {})
            self.key_figures[job.name] = first.get("key_figures", [])
        else:
            self.results.pop(job.name, None)
            self.key_figures.pop(job.name, None)
        self.write_state()

    def _entry(self, name: str, outcomes: list[tuple[str | None, dict]]) -> dict[str, Any]:
        item = self.prepared[name]
        failed = [r for _, r in outcomes if r.get("status") != "ok"]
        start = min(r["start"] for _, r in outcomes)
        entry: dict[str, Any] = {
            "status": "failed" if failed else "ok",
            "start": start,
            "duration_s": round(sum(r["duration_s"] for _, r in outcomes), 2),
            "error": failed[0].get("error") if failed else None,
            "error_kind": failed[0].get("kind") if failed else None,
            "parameter_file": str(item.parameter_file or ""),
            "parameter_hash": fingerprints.parameter_hash(item),
            "fingerprint": self.prints[name],
            "versions": dict(self.ctx.versions, qsp_lib=__version__),
            "git_commit": self.ctx.commit,
            "executed_at": start,
            "stale": False,
            "exports": sorted({f for _, r in outcomes for f in r["exports"]}),
            # valid but implausible inputs (the brief's « Avertissement » box), kept for the
            # site page and for whoever reads the run afterwards
            "warnings": [{"where": w, "what": t} for w, t in item.warnings],
        }
        if failed:
            entry["previous_exports"] = self.previous_run.get(name, {}).get("exports", [])
        if item.spec.variants is not None:
            entry["variant_parameter"] = item.spec.variants[0]
            entry["variants"] = {
                value: {
                    "status": r.get("status"),
                    "start": r["start"],
                    "duration_s": r["duration_s"],
                    "error": r.get("error"),
                    "error_kind": r.get("kind"),
                    "html": f"{name}.{value}.html" if r.get("status") == "ok" else None,
                    "exports": r["exports"],
                }
                for value, r in outcomes
            }
        return entry

    def write_state(self) -> None:
        """Rewrite ``results.json``, ``run.json`` and ``key_figures.json`` (atomically)."""
        ordered = [n for n in self.specs if n in self.entries]
        out = self.out_dir
        files.write_json(out / RESULTS, {n: self.results[n] for n in ordered if n in self.results})
        files.write_json(out / RUN, {n: self.entries[n] for n in ordered})
        files.write_json(
            out / KEY_FIGURES,
            {n: self.key_figures[n] for n in ordered if n in self.key_figures},
        )

    def finish(self) -> None:
        self.cleanup()
        self.write_state()
        site_index.write_site_index(
            self.out_dir,
            self.site,
            self.specs,
            self.all_prepared,
            {n: self.entries[n] for n in self.specs if n in self.entries},
            self.key_figures,
            self.ctx.commit,
        )

    def cleanup(self) -> None:
        if self.work_dir is not None:
            shutil.rmtree(self.work_dir, ignore_errors=True)
            self.work_dir = None

    def failed(self) -> list[str]:
        return [n for n in self.to_run if self.entries.get(n, {}).get("status") != "ok"]

    def counts(self) -> dict[str, int]:
        """Notebooks of this run that succeeded, failed or were reused."""
        states = [self.entries.get(n, {}).get("status") for n in self.to_run]
        reused = sum(
            self.entries.get(n, {}).get("status") == "reused"
            for n in self.names
            if n not in self.to_run
        )
        return {
            "ok": sum(s == "ok" for s in states),
            "failed": sum(s != "ok" for s in states),
            "reused": reused,
        }

    def announce_inputs(self) -> None:
        """Print what was detected in each table read (« lu : CSV ; séparateur … ») and every
        plausibility warning, once per file or warning."""
        seen: set[str] = set()
        for name in self.names:
            item = self.all_prepared.get(name)
            if item is None or item.skipped:
                continue
            for file, note in item.tables:
                if file not in seen:
                    seen.add(file)
                    self._say(file, note)
        for where, what in dict.fromkeys(w for p in self.prepared.values() for w in p.warnings):
            self._say("Avertissement", f"{where} : {what}", stream=sys.stderr)

    def _say(self, what: str, text: str, progress: str = "", stream=None) -> None:
        label = f"{self.site} · {what}" if self.ctx.multi_site else what
        if stream is None:
            self.ctx.echo(f"{progress}{label} : {text}")
        else:
            self.ctx.echo(f"{progress}{label} : {text}", file=stream)


def run_sites(
    sites: list[str] | None = None,
    only: list[str] | None = None,
    jobs: int | None = None,
    out: Path | None = None,
    force: bool = False,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    root: Path | None = None,
    echo=print,
    executor: str | Executor | None = None,
) -> int:
    """Run the notebooks of several sites (every site folder when ``sites`` is None) through
    one executor; returns 0, 1 (a notebook failed) or 2 (invalid input, nothing executed).

    ``executor`` is an ``Executor`` (used as it is), ``"local"``/None (a pool of ``jobs``
    threads, each watching one worker process) or ``"dask://HOST:PORT"``.
    """

    def fail(message: str) -> int:
        echo(message, file=sys.stderr)
        echo("Rien n'a été exécuté.", file=sys.stderr)
        return 2

    root = (root or params.project_root()).resolve()
    cross_site = sites is None
    try:
        specs = discover(root / "notebooks")
    except params.ParameterError as exc:
        return fail(str(exc))
    selected = list(only) if only else list(specs)
    for name in selected:
        if name not in specs:
            close = params.closest(name, list(specs))
            hint = f" (vouliez-vous dire {close} ?)" if close else ""
            return fail(f"Notebook inconnu : {name}{hint}. Disponibles : {', '.join(specs)}")
    sites = known_sites(root) if sites is None else list(dict.fromkeys(sites))
    if not sites:
        return fail(f"Aucun dossier de site dans {root / 'parameters'}.")
    out_root = Path(out or root / "outputs").resolve()
    problems: list[params.Problem] = []
    prepared: dict[str, dict[str, Prepared]] = {}
    try:
        names = order(specs, selected)
    except params.ParameterError as exc:
        return fail(str(exc))
    for site in sites:
        try:
            prepared[site] = prepare(
                root, site, specs, list(specs) if only else names, outputs_dir=out_root / site
            )
        except params.ParameterError as exc:
            problems.extend(exc.problems)
    if problems:
        return fail(str(params.ParameterError(problems)))
    jobs = max(1, jobs or os.cpu_count() or 1)
    # Read the umask here, before any pool thread writes a file (see shared_file_mode).
    shared_file_mode()
    try:
        pool = (
            executor if isinstance(executor, Executor) else executors.make_executor(executor, jobs)
        )
    except (ValueError, ImportError, OSError) as exc:
        return fail(f"--executor : {exc}")
    ctx = RunContext(
        root=root,
        out_root=out_root,
        force=force,
        timeout_s=timeout_s,
        versions=fingerprints.package_versions(),
        library=fingerprints.library_hash(),
        commit=fingerprints.git_commit(root),
        echo=echo,
        multi_site=len(sites) > 1,
    )
    runs: list[SiteRun] = []
    started = time.monotonic()
    try:
        with ExitStack() as locks:
            for site in sorted(sites):  # one order for every process: no lock-order deadlock
                locks.enter_context(
                    files.SiteLock(out_root / site, announce=lambda m: echo(m, file=sys.stderr))
                )
            runs = [SiteRun(ctx, site, specs, names, prepared[site]) for site in sites]
            by_site = {r.site: r for r in runs}
            planned = [r.plan() for r in runs]
            # Round-robin over sites so that every site's first notebooks start early.
            queue = [
                job
                for rank in range(max((len(p) for p in planned), default=0))
                for p in planned
                if rank < len(p)
                for job in [p[rank]]
            ]
            for run in runs:
                run.announce_inputs()
            bar = _progress_bar(len(queue), echo)
            if bar is not None:
                ctx = dataclasses.replace(ctx, echo=_bar_echo(bar))  # lines above the bar
                for run in runs:
                    run.ctx = ctx
            total = len(queue)
            if total:
                echo(f"{plural(total, 'notebook à exécuter', 'notebooks à exécuter')} :")
            finished = [0]

            def on_done(job: Job, result: dict) -> None:
                finished[0] += 1
                by_site[job.site].record(job, result, f"[{finished[0]}/{total}] ")
                if bar is not None:
                    bar.update(1)

            try:
                schedule(
                    queue,
                    {job.key: by_site[job.site].waits_for(job) for job in queue},
                    pool,
                    executors.run_job,
                    on_done,
                    on_interrupt=executors.kill_all,
                )
            finally:
                if bar is not None:
                    bar.close()
            for run in runs:
                run.finish()
                echo(f"Note du site : {run.out_dir / 'index.html'}")
            if cross_site or len(sites) > 1:
                page = site_index.write_cross_site_index(
                    out_root, sorted(sites), specs, prepared, ctx.commit
                )
                echo(f"Page des sites : {page}")
    finally:
        for run in runs:
            run.cleanup()
        if pool is not executor:
            executors.close_executor(pool)
    failed = [f"{r.site}/{n}" if ctx.multi_site else n for r in runs for n in r.failed()]
    echo(final_line(runs, time.monotonic() - started))
    if failed:
        echo(
            f"{plural(len(failed), 'notebook en échec', 'notebooks en échec')} : "
            f"{', '.join(failed)}",
            file=sys.stderr,
        )
        return 1
    return 0


def plural(count: int, singular: str, several: str) -> str:
    """``1 notebook réussi``, ``2 notebooks réussis``, ``0 notebook réussi``."""
    return f"{count} {singular if count < 2 else several}"


def duration_fr(seconds: float) -> str:
    """``42 s``, ``3 min 05 s``, ``1 h 02 min``."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, sec = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {sec:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def final_line(runs: list[SiteRun], seconds: float) -> str:
    """« Terminé en 3 min 05 s : 5 réussis, 1 échoué, 2 réutilisés. » (notebooks, every site
    of the run)."""
    counts = {"ok": 0, "failed": 0, "reused": 0}
    for run in runs:
        for key, value in run.counts().items():
            counts[key] += value
    return (
        # counted per notebook: the [n/N] lines count the briefs (a synthesis gives three)
        f"Terminé en {duration_fr(seconds)} : notebooks "
        f"{plural(counts['ok'], 'réussi', 'réussis')}, "
        f"{plural(counts['failed'], 'échoué', 'échoués')}, "
        f"{plural(counts['reused'], 'réutilisé', 'réutilisés')}."
    )


def _progress_bar(total: int, echo):
    """A tqdm bar under the lines when the console is interactive (standard output is a
    terminal and lines go to it), else None: plain lines only."""
    if total < 2 or echo is not print or not sys.stdout.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="notebook", desc="qsp run", leave=False, file=sys.stderr)


def _bar_echo(bar):
    def write(*args, file=None, **kwargs):
        bar.write(" ".join(str(a) for a in args), file=file or sys.stdout)

    return write
