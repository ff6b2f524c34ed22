"""Batch execution of a site's notebooks with papermill.

The runner knows nothing of any domain. For a site it:

1. discovers ``notebooks/*.ipynb`` and their metadata (``qsp.title``, ``qsp.depends_on``);
2. validates every parameter file before any kernel starts (exit 2 on a problem);
3. takes a per-site lock (a second ``qsp run`` on the same site waits for the first);
4. reuses a notebook's last good outputs when its fingerprint (notebook, parameter file, data
   files it names, qsp_lib source, dependency versions, upstream fingerprints) is unchanged;
5. runs the others in parallel worker processes (one ``python -m qsp_lib.runner --job``
   each, killed with its kernel at the timeout), honouring dependencies;
6. writes every file through a temporary name renamed into place; a failure keeps the
   earlier good brief on disk, reported as such in the index, never as current;
7. writes ``results.json``, ``run.json`` and ``index.html``.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qsp_lib import __version__, params

#: Packages whose versions are recorded in provenance and enter the fingerprint.
TRACKED_PACKAGES = (
    "pvlib",
    "pandas",
    "numpy",
    "scipy",
    "matplotlib",
    "seaborn",
    "papermill",
    "nbconvert",
    "scrapbook",
    "pydantic",
)

DEFAULT_TIMEOUT_S = 900
STATUS_FR = {
    "ok": "à jour",
    "reused": "à jour (réutilisée)",
    "failed": "échec",
    "skipped": "non configurée",
    "stale": "périmée",
}


# ------------------------------------------------------------------------ discovery
@dataclass
class NotebookSpec:
    """A notebook of the collection and what the runner needs to know of it."""

    name: str
    path: Path
    title: str
    depends_on: list[str] = field(default_factory=list)
    parameters_optional: bool = False
    cell_defaults: dict[str, Any] = field(default_factory=dict)


def discover(notebooks_dir: Path) -> dict[str, NotebookSpec]:
    """Every ``*.ipynb`` of ``notebooks_dir`` with its ``qsp`` metadata."""
    specs = {}
    for path in sorted(Path(notebooks_dir).glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = nb.get("metadata", {}).get("qsp", {})
        specs[path.stem] = NotebookSpec(
            name=path.stem,
            path=path,
            title=meta.get("title") or path.stem.replace("_", " ").capitalize(),
            depends_on=list(meta.get("depends_on", [])),
            parameters_optional=bool(meta.get("parameters_optional", False)),
            cell_defaults=parameters_cell_defaults(nb),
        )
    return specs


def parameters_cell_defaults(nb: dict) -> dict[str, Any]:
    """Literal assignments of the cell tagged ``parameters`` (without starting a kernel)."""
    for cell in nb.get("cells", []):
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            values = {}
            for node in ast.parse(source).body:
                if isinstance(node, (ast.Assign, ast.AnnAssign)):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name) and node.value is not None:
                            try:
                                values[target.id] = ast.literal_eval(node.value)
                            except ValueError:
                                values[target.id] = None
            return values
    return {}


def order(specs: dict[str, NotebookSpec], selected: list[str]) -> list[str]:
    """Topological order of ``selected`` (dependencies first, then by name)."""
    for name in selected:
        for dep in specs[name].depends_on:
            if dep not in specs:
                raise params.ParameterError(
                    [
                        params.Problem(
                            str(specs[name].path),
                            "metadata.qsp.depends_on",
                            dep,
                            "le nom d'un notebook existant",
                        )
                    ]
                )
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise params.ParameterError(
                [
                    params.Problem(
                        str(specs[name].path),
                        "metadata.qsp.depends_on",
                        name,
                        "des dépendances sans cycle",
                    )
                ]
            )
        visiting.add(name)
        for dep in sorted(specs[name].depends_on):
            if dep in selected:
                visit(dep)
        visiting.discard(name)
        done.append(name)

    for name in sorted(selected):
        visit(name)
    return done


# ----------------------------------------------------------------------- validation
@dataclass
class Prepared:
    """A notebook ready to run for a site (or skipped, with the reason)."""

    spec: NotebookSpec
    parameter_file: Path | None
    parameters: dict[str, Any]
    skipped: str | None = None


def prepare(root: Path, site: str, specs: dict[str, NotebookSpec], names: list[str]):
    """Load and validate the parameter files of ``names`` for ``site``.

    Raises :class:`~qsp_lib.params.ParameterError` listing every problem of every file.
    """
    site_dir = params.site_dir_for(site, root)
    if not site_dir.is_dir():
        known = sorted(p.name for p in (root / "parameters").iterdir() if p.is_dir())
        raise params.ParameterError(
            [
                params.Problem(
                    str(site_dir), "--site", site, f"un site existant ({', '.join(known)})"
                )
            ]
        )
    known_names = set(specs)
    problems: list[params.Problem] = []
    for extra in sorted(site_dir.glob("*.yaml")):
        if extra.stem not in known_names:
            import difflib

            close = difflib.get_close_matches(extra.stem, sorted(known_names), n=1)
            hint = f" ; vouliez-vous dire {close[0]}.yaml ?" if close else ""
            problems.append(
                params.Problem(
                    str(extra),
                    "",
                    params.MISSING,
                    f"aucun notebook ne porte ce nom (notebooks/{extra.stem}.ipynb "
                    f"introuvable){hint}",
                )
            )
    prepared: dict[str, Prepared] = {}
    for name in names:
        spec = specs[name]
        path = site_dir / f"{name}.yaml"
        inject = {"site": site, "site_dir": str(site_dir)}
        if not path.exists():
            if spec.parameters_optional:
                prepared[name] = Prepared(spec, None, inject)
            else:
                prepared[name] = Prepared(spec, None, {}, skipped=f"pas de fichier {path.name}")
            continue
        inject["parameter_file"] = str(path)
        try:
            raw = params.load_yaml(path)
            raw.update(inject)
            params.validate(
                name, raw, file=path, site_dir=site_dir, cell_defaults=spec.cell_defaults
            )
        except params.ParameterError as exc:
            problems.extend(exc.problems)
            continue
        prepared[name] = Prepared(spec, path, raw)
    if problems:
        raise params.ParameterError(problems)
    return prepared


# ---------------------------------------------------------------------- fingerprints
def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def library_hash() -> str:
    """Hash of qsp_lib's source, data and templates."""
    base = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(base)).encode())
            digest.update(_sha256_file(path).encode())
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    """Versions of Python and of the tracked packages."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for name in TRACKED_PACKAGES:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "absent"
    return out


def data_files(values: Any, site_dir: Path) -> list[Path]:
    """Files named by a parameter set (strings that resolve to existing files)."""
    found: set[Path] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str) and 0 < len(value) < 1024 and "\n" not in value:
            candidate = Path(value)
            candidate = candidate if candidate.is_absolute() else site_dir / candidate
            try:
                if candidate.is_file():
                    found.add(candidate.resolve())
            except OSError:
                pass

    walk({k: v for k, v in values.items() if k not in params.ENGINE_NAMES})
    return sorted(found)


def fingerprints(
    prepared: dict[str, Prepared], site_dir: Path, lib: str, versions: dict[str, str]
) -> dict[str, str]:
    """Fingerprint of each prepared notebook, upstream fingerprints included."""
    own: dict[str, str] = {}
    for name, item in prepared.items():
        parts = {
            "notebook": _sha256_file(item.spec.path),
            "parameters": _sha256_file(item.parameter_file) if item.parameter_file else "",
            "data": {str(p): _sha256_file(p) for p in data_files(item.parameters, site_dir)},
            "qsp_lib": lib,
            "versions": versions,
            "site_dir": str(site_dir),
        }
        own[name] = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    full: dict[str, str] = {}

    def resolve(name: str, trail: tuple[str, ...] = ()) -> str:
        if name in full:
            return full[name]
        deps = [d for d in prepared[name].spec.depends_on if d in prepared and d not in trail]
        text = own[name] + "".join(resolve(d, (*trail, name)) for d in sorted(deps))
        full[name] = hashlib.sha256(text.encode()).hexdigest()
        return full[name]

    for name in prepared:
        resolve(name)
    return full


def git_commit(root: Path) -> str | None:
    """Short commit of the checkout (``+modifs`` when tracked files differ), if any."""
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
        )
        if head.returncode != 0:
            return None
        dirty = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            timeout=5,
        )
        return head.stdout.strip() + ("+modifs" if dirty.stdout.strip() else "")
    except (OSError, subprocess.SubprocessError):
        return None


# ------------------------------------------------------------------ state and files
def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _write_json(path: Path, data: Any) -> None:
    from qsp_lib.brief import atomic_write_text

    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False))


class SiteLock:
    """An exclusive lock on a site's output folder; a second run waits for the first."""

    def __init__(self, out_dir: Path, announce=print):
        self.path = out_dir / ".qsp-run.lock"
        self.announce = announce
        self.handle = None

    def __enter__(self):
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "?"
            self.announce(
                f"Un autre « qsp run » travaille déjà sur {self.path.parent} "
                f"(processus {holder}) : attente de sa fin…"
            )
            fcntl.flock(self.handle, fcntl.LOCK_EX)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()
        return self

    def __exit__(self, *exc):
        import fcntl

        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


# --------------------------------------------------------------------------- worker
def execute_job(job: dict[str, Any]) -> dict[str, Any]:
    """Run one notebook with papermill and render its brief (runs in a worker process)."""
    import papermill as pm

    from qsp_lib import brief, scraps

    out_dir = Path(job["out_dir"])
    name = job["name"]
    final_nb = out_dir / f"{name}.ipynb"
    failed_nb = out_dir / f"{name}.failed.ipynb"
    fd, tmp = tempfile.mkstemp(dir=out_dir, prefix=f".{name}.", suffix=".tmp.ipynb")
    os.close(fd)
    tmp_nb = Path(tmp)
    tmp_nb.chmod(brief.shared_file_mode())
    try:
        try:
            pm.execute_notebook(
                job["notebook"],
                str(tmp_nb),
                parameters=job["parameters"],
                cwd=job["cwd"],
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
        brief.render(tmp_nb, out_dir / f"{name}.html", provenance)
        os.replace(tmp_nb, final_nb)
        failed_nb.unlink(missing_ok=True)
        return {"status": "ok", "scraps": values, "key_figures": cards}
    finally:
        tmp_nb.unlink(missing_ok=True)


def _stamp_provenance(nb_path: Path, provenance: dict[str, Any]) -> None:
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    nb.setdefault("metadata", {})["qsp_provenance"] = provenance
    nb_path.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")


def error_summary(exc: BaseException) -> str:
    """One line: exception name and message (papermill's wrapped kernel errors included)."""
    ename = getattr(exc, "ename", None) or type(exc).__name__
    evalue = getattr(exc, "evalue", None) or str(exc)
    first = str(evalue).strip().splitlines()
    text = f"{ename}: {' '.join(line.strip() for line in first[:6])}" if first else ename
    return text[:600]


def error_kind(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None) or type(exc).__name__
    if ename == "ParameterError":
        return "parameters"
    if "Timeout" in ename or "DeadKernel" in ename:
        return "timeout"
    return "error"


ERROR_FR = {
    "parameters": "les paramètres ont été refusés à l'exécution du notebook.",
    "timeout": "le calcul a dépassé la durée maximale autorisée.",
    "error": "une erreur est survenue pendant le calcul ; l'analyste doit la corriger "
    "avant de diffuser cette note.",
    "crash": "le processus de calcul s'est arrêté de façon inattendue.",
}


def _job_main(job_file: str) -> int:
    job = json.loads(Path(job_file).read_text(encoding="utf-8"))
    try:
        result = execute_job(job)
    except Exception as exc:  # noqa: BLE001 - reported to the parent as a failure
        result = {"status": "failed", "error": error_summary(exc), "kind": "error"}
    Path(job["result_file"]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


# --------------------------------------------------------------------------- runner
@dataclass
class Running:
    name: str
    process: subprocess.Popen
    started: float
    start_iso: str
    job_file: Path
    result_file: Path
    log: Any


def run_site(
    site: str = params.DEFAULT_SITE,
    only: list[str] | None = None,
    jobs: int | None = None,
    out: Path | None = None,
    force: bool = False,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    root: Path | None = None,
    echo=print,
) -> int:
    """Run a site's notebooks; returns the exit status of the contract (0, 1 or 2)."""
    root = (root or params.project_root()).resolve()
    specs = discover(root / "notebooks")
    selected = list(only) if only else list(specs)
    unknown = [n for n in selected if n not in specs]
    if unknown:
        import difflib

        for name in unknown:
            close = difflib.get_close_matches(name, list(specs), n=1)
            hint = f" (vouliez-vous dire {close[0]} ?)" if close else ""
            echo(
                f"Notebook inconnu : {name}{hint}. Disponibles : {', '.join(specs)}",
                file=sys.stderr,
            )
        return 2
    try:
        names = order(specs, selected)
        all_prepared = prepare(root, site, specs, list(specs) if only else names)
    except params.ParameterError as exc:
        echo(str(exc), file=sys.stderr)
        echo("Rien n'a été exécuté.", file=sys.stderr)
        return 2
    prepared = {n: p for n, p in all_prepared.items() if p.skipped is None}
    site_dir = params.site_dir_for(site, root)
    out_dir = Path(out or root / "outputs").resolve() / site
    versions = package_versions()
    prints = fingerprints(prepared, site_dir, library_hash(), versions)
    commit = git_commit(root)
    jobs = max(1, jobs or os.cpu_count() or 1)

    with SiteLock(out_dir, announce=lambda m: echo(m, file=sys.stderr)):
        previous_run = _read_json(out_dir / "run.json")
        previous_results = _read_json(out_dir / "results.json")
        batch_start = dt.datetime.now().astimezone()
        entries: dict[str, dict[str, Any]] = {}
        results: dict[str, Any] = {}
        key_figures: dict[str, list] = {}

        to_run: list[str] = []
        for name in names:
            item = all_prepared[name]
            if item.skipped:
                echo(f"{name} : ignoré pour ce site ({item.skipped})")
                continue
            prev = previous_run.get(name, {})
            reusable = (
                not force
                and prev.get("status") in ("ok", "reused")
                and prev.get("fingerprint") == prints[name]
                and (out_dir / f"{name}.html").exists()
                and (out_dir / f"{name}.ipynb").exists()
                and name in previous_results
            )
            if reusable:
                entries[name] = dict(
                    prev, status="reused", start=batch_start.isoformat(), duration_s=0.0, error=None
                )
                results[name] = previous_results[name]
                echo(f"{name} : inchangé, résultats réutilisés")
            else:
                to_run.append(name)

        finished = _execute(
            to_run,
            all_prepared,
            prints,
            site,
            site_dir,
            root,
            out_dir,
            jobs,
            timeout_s,
            versions,
            commit,
            echo,
        )
        for name, (entry, result) in finished.items():
            entries[name] = entry
            if entry["status"] == "ok":
                results[name] = result.get("scraps", {})
                key_figures[name] = result.get("key_figures", [])

        # Notebooks outside --only keep their last state; flagged stale if inputs changed.
        for name, prev in previous_run.items():
            if name not in entries and name in specs and isinstance(prev, dict):
                stale = name in prepared and prev.get("fingerprint") != prints.get(name)
                entries[name] = dict(prev, stale=stale)
                if name in previous_results and prev.get("status") in ("ok", "reused"):
                    results[name] = previous_results[name]

        ordered = {n: entries[n] for n in list(specs) if n in entries}
        _write_json(out_dir / "results.json", {n: results[n] for n in ordered if n in results})
        _write_json(out_dir / "run.json", ordered)
        _write_index(out_dir, site, specs, all_prepared, ordered, key_figures, commit)

    failed = [n for n in names if entries.get(n, {}).get("status") == "failed"]
    echo(f"Note du site : {out_dir / 'index.html'}")
    if failed:
        echo(f"{len(failed)} notebook(s) en échec : {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def _execute(
    to_run, prepared, prints, site, site_dir, root, out_dir, jobs, timeout_s, versions, commit, echo
) -> dict[str, tuple[dict, dict]]:
    """Run notebooks in parallel worker processes, dependencies first."""
    pending = list(to_run)
    running: dict[str, Running] = {}
    finished: dict[str, tuple[dict, dict]] = {}
    work = Path(tempfile.mkdtemp(prefix=".qsp-jobs-", dir=out_dir))
    bar = _progress_bar(len(to_run))
    env = dict(
        os.environ,
        QSP_ROOT=str(root),
        PYDEVD_DISABLE_FILE_VALIDATION="1",
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    try:
        while pending or running:
            for name in list(pending):
                if len(running) >= jobs:
                    break
                deps = [d for d in prepared[name].spec.depends_on if d in to_run]
                if any(d not in finished for d in deps):
                    continue
                pending.remove(name)
                running[name] = _start(
                    name,
                    prepared[name],
                    prints[name],
                    site,
                    root,
                    out_dir,
                    work,
                    timeout_s,
                    versions,
                    commit,
                    env,
                )
                echo(f"{name} : exécution…")
            time.sleep(0.05)
            for name, job in list(running.items()):
                elapsed = time.monotonic() - job.started
                code = job.process.poll()
                if code is None and elapsed <= timeout_s + 30:
                    continue
                if code is None:  # wall-clock timeout: kill the worker and its kernel
                    _kill_group(job.process)
                    result = {
                        "status": "failed",
                        "kind": "timeout",
                        "error": f"durée maximale dépassée ({timeout_s:.0f} s)",
                    }
                else:
                    result = _read_json(job.result_file) or {
                        "status": "failed",
                        "kind": "crash",
                        "error": _tail(job.log.name) or f"code de sortie {code}",
                    }
                job.log.close()
                del running[name]
                entry = {
                    "status": result["status"],
                    "start": job.start_iso,
                    "duration_s": round(elapsed, 2),
                    "error": result.get("error"),
                    "error_kind": result.get("kind"),
                    "parameter_file": str(prepared[name].parameter_file or ""),
                    "parameter_hash": _param_hash(prepared[name]),
                    "fingerprint": prints[name],
                    "versions": dict(versions, qsp_lib=__version__),
                    "git_commit": commit,
                    "executed_at": job.start_iso,
                    "stale": False,
                }
                finished[name] = (entry, result)
                word = "ok" if result["status"] == "ok" else "ÉCHEC"
                echo(
                    f"{name} : {word} ({elapsed:.1f} s)"
                    + (f" — {result.get('error')}" if result["status"] != "ok" else "")
                )
                if bar is not None:
                    bar.update(1)
    finally:
        for job in running.values():
            _kill_group(job.process)
        if bar is not None:
            bar.close()
        for path in work.glob("*"):
            path.unlink(missing_ok=True)
        work.rmdir()
    return finished


def _param_hash(item: Prepared) -> str | None:
    return _sha256_file(item.parameter_file) if item.parameter_file else None


def _start(name, item, fingerprint, site, root, out_dir, work, timeout_s, versions, commit, env):
    job_file = work / f"{name}.job.json"
    result_file = work / f"{name}.result.json"
    provenance = {
        "site": site,
        "notebook": name,
        "parameter_file": (
            str(item.parameter_file.relative_to(root))
            if item.parameter_file and item.parameter_file.is_relative_to(root)
            else str(item.parameter_file or "défauts du notebook")
        ),
        "parameter_hash": _param_hash(item) or "",
        "qsp_lib_version": __version__,
        "git_commit": commit,
        "run_date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "versions": {
            k: v
            for k, v in versions.items()
            if k in ("python", "pvlib", "pandas", "numpy", "matplotlib")
        },
        "fingerprint": fingerprint,
    }
    job = {
        "name": name,
        "notebook": str(item.spec.path),
        "out_dir": str(out_dir),
        "parameters": item.parameters,
        "cwd": str(item.spec.path.parent),
        "timeout_s": timeout_s,
        "provenance": provenance,
        "result_file": str(result_file),
    }
    job_file.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    log = open(work / f"{name}.log", "w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "qsp_lib.runner", "--job", str(job_file)],
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
    )
    return Running(
        name,
        process,
        time.monotonic(),
        dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        job_file,
        result_file,
        log,
    )


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _tail(path: str, lines: int = 3) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace").strip().splitlines()
    except OSError:
        return ""
    return " | ".join(text[-lines:])[:600]


def _progress_bar(total: int):
    if total < 2 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="notebook", desc="qsp run", leave=False)


# ---------------------------------------------------------------------------- index
def _when(entry: dict[str, Any]) -> str:
    from qsp_lib.style import fr_datetime

    when = entry.get("executed_at") or entry.get("start")
    text = f"exécutée le {fr_datetime(when)}" if when else ""
    if entry.get("status") == "reused":
        text += " · paramètres et code inchangés depuis"
    if entry.get("duration_s"):
        text += f" · {entry['duration_s']:.0f} s".replace(".", ",")
    return text


def _write_index(out_dir, site, specs, prepared, entries, key_figures, commit) -> None:
    from qsp_lib import brief
    from qsp_lib.style import fr_datetime

    rows = []
    for name, spec in specs.items():
        entry = entries.get(name)
        item = prepared.get(name)
        if entry is None:
            if item is not None and item.skipped:
                rows.append(
                    {
                        "title": spec.title,
                        "status": "skipped",
                        "status_fr": STATUS_FR["skipped"],
                        "when": "",
                        "error_fr": f"Aucun paramètre pour ce site ({item.skipped}).",
                        "key_figures": [],
                    }
                )
            continue
        status = entry.get("status", "failed")
        shown = "stale" if entry.get("stale") else status
        row = {
            "title": spec.title,
            "status": "failed" if shown == "stale" else status,
            "status_fr": STATUS_FR[shown],
            "when": _when(entry),
            "key_figures": [],
        }
        html_file = out_dir / f"{name}.html"
        if status in ("ok", "reused"):
            row["html"] = html_file.name
            row["key_figures"] = key_figures.get(name) or _cards(out_dir / f"{name}.ipynb")
            if entry.get("stale"):
                row.update(
                    status="failed",
                    error_fr="les paramètres ou le code ont changé "
                    "depuis cette note ; relancer « qsp run ».",
                    error=None,
                )
        else:
            row["error_fr"] = ERROR_FR.get(entry.get("error_kind") or "error", ERROR_FR["error"])
            row["error"] = entry.get("error")
            failed = out_dir / f"{name}.failed.ipynb"
            row["notebook"] = failed.name if failed.exists() else None
            if html_file.exists():
                row["previous_html"] = html_file.name
                mtime = dt.datetime.fromtimestamp(html_file.stat().st_mtime)
                row["previous_when"] = f"du {fr_datetime(mtime)}"
        rows.append(row)
    n_ok = sum(
        1 for e in entries.values() if e.get("status") in ("ok", "reused") and not e.get("stale")
    )
    n_failed = sum(1 for r in rows if r["status"] == "failed")
    n_skipped = sum(1 for r in rows if r["status"] == "skipped")
    brief.render_index(
        out_dir / "index.html",
        {
            "site": site,
            "entries": rows,
            "n_ok": n_ok,
            "n_failed": n_failed,
            "n_skipped": n_skipped,
            "generated_fr": fr_datetime(dt.datetime.now()),
            "qsp_lib_version": __version__,
            "git_commit": commit,
        },
    )


def _cards(nb_path: Path) -> list:
    from qsp_lib import brief

    try:
        return brief.key_figures_of(nb_path)
    except (OSError, ValueError):
        return []


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--job":
        sys.exit(_job_main(sys.argv[2]))
    sys.exit("usage: python -m qsp_lib.runner --job JOB.json (internal)")
