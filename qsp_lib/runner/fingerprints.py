"""Fingerprints: what a notebook's outputs depend on, hashed.

A notebook is re-run when its fingerprint changes: the notebook file, its parameter file,
the data files its parameters name, qsp_lib's source (data and templates included), the
tracked package versions, the site folder, and the fingerprints of its upstream notebooks.
Engine names injected at run time (output and export folders) do not enter it.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from qsp_lib.core import params
from qsp_lib.core import site as site_model
from qsp_lib.runner.plan import Prepared

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

_LIBRARY = Path(__file__).resolve().parents[1]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def library_hash(base: Path = _LIBRARY) -> str:
    """Hash of qsp_lib's source, data and templates."""
    digest = hashlib.sha256()
    for path in sorted(base.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(base)).encode())
            digest.update(sha256_file(path).encode())
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


def data_files(values: dict[str, Any], site_dir: Path) -> list[Path]:
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
    prepared: dict[str, Prepared], site_dir: Path, library: str, versions: dict[str, str]
) -> dict[str, str]:
    """Fingerprint of each prepared notebook, upstream fingerprints included."""
    own: dict[str, str] = {}
    site = site_model_hash(site_dir)
    for name, item in prepared.items():
        parts = {
            "site_model": site,
            "notebook": sha256_file(item.spec.path),
            "parameters": sha256_file(item.parameter_file) if item.parameter_file else "",
            "data": {str(p): sha256_file(p) for p in data_files(item.parameters, site_dir)},
            "qsp_lib": library,
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


def site_model_hash(site_dir: Path) -> dict[str, str]:
    """Hashes of the site model (``site.yaml``), of every file it names and of the site's
    plan ``site.geojson``: an edit there re-runs every notebook of the site (empty without
    a site model)."""
    path = site_model.path_of(site_dir)
    if not path.is_file():
        return {}
    hashes = {str(path): sha256_file(path)}
    try:
        named = data_files(params.load_yaml(path), site_dir)
    except params.ParameterError:
        named = []
    hashes.update({str(p): sha256_file(p) for p in named})
    plan = site_dir / "site.geojson"  # the district's plan, read even when site.yaml is silent
    if plan.is_file():
        hashes.setdefault(str(plan.resolve()), sha256_file(plan))
    return hashes


def parameter_hash(item: Prepared) -> str | None:
    """sha256 of a notebook's parameter file (None without one)."""
    return sha256_file(item.parameter_file) if item.parameter_file else None


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
