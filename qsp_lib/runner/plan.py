"""Validation of a site's parameter files, before any kernel starts.

The site model ``parameters/<site>/site.yaml`` is validated first, when the site has one.
For each notebook of a site: its parameter file ``parameters/<site>/<name>.yaml`` is read,
completed by the engine's names (``site``, ``site_dir``, ``parameter_file``,
``outputs_dir``) and validated once per variant; a notebook without a file is skipped for
the site (unless its metadata says its parameters are optional).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qsp_lib.core import geometry, params
from qsp_lib.core import site as site_model
from qsp_lib.runner.notebooks import NotebookSpec


@dataclass(frozen=True)
class Prepared:
    """A notebook ready to run for a site (or skipped, with the reason)."""

    spec: NotebookSpec
    parameter_file: Path | None
    parameters: dict[str, Any]
    skipped: str | None = None
    #: ``(file name, « lu : CSV ; séparateur … »)`` of each table the parameters name
    #: (:mod:`qsp_lib.core.tables`), for the run log.
    tables: tuple[tuple[str, str], ...] = ()
    #: Plausibility warnings, ``(where, what)`` (:func:`qsp_lib.core.params.plausibility`).
    warnings: tuple[tuple[str, str], ...] = ()


def known_sites(root: Path) -> list[str]:
    """Site folders under ``parameters/``."""
    base = root / "parameters"
    return sorted(p.name for p in base.iterdir() if p.is_dir()) if base.is_dir() else []


def prepare(
    root: Path,
    site: str,
    specs: dict[str, NotebookSpec],
    names: list[str],
    outputs_dir: Path | None = None,
) -> dict[str, Prepared]:
    """Load and validate the parameter files of ``names`` for ``site``.

    Raises :class:`~qsp_lib.core.params.ParameterError` listing every problem of every file.
    """
    site_dir = params.site_dir_for(site, root)
    if not site_dir.is_dir():
        sites = known_sites(root)
        close = params.closest(site, sites)
        hint = f" ; vouliez-vous dire {close} ?" if close else ""
        raise params.ParameterError(
            [
                params.Problem(
                    str(site_dir), "--site", site, f"un site existant ({', '.join(sites)}){hint}"
                )
            ]
        )
    problems: list[params.Problem] = []
    if site_model.path_of(site_dir).is_file():
        try:
            geometry.load(site_dir, site_model.load(site_dir))  # the model, then its plan
        except params.ParameterError as exc:
            problems.extend(exc.problems)
    for extra in sorted(site_dir.glob("*.yaml")):
        if extra.name == site_model.FILE_NAME:
            continue  # the site model, read by every notebook
        if extra.stem not in specs:
            close = params.closest(extra.stem, sorted(specs))
            hint = f" ; vouliez-vous dire {close}.yaml ?" if close else ""
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
        inject: dict[str, Any] = {"site": site, "site_dir": str(site_dir)}
        if outputs_dir is not None:
            inject["outputs_dir"] = str(outputs_dir)
        if not path.exists():
            if not spec.parameters_optional:
                prepared[name] = Prepared(spec, None, {}, skipped=f"pas de fichier {path.name}")
                continue
            raw: dict[str, Any] = dict(inject)
        else:
            inject["parameter_file"] = str(path)
            try:
                raw = params.load_yaml(path)
            except params.ParameterError as exc:
                problems.extend(exc.problems)
                continue
            raw.update(inject)
        before = len(problems)
        models = []
        for values in variant_parameters(spec, raw):
            try:
                models.append(
                    params.validate(
                        name,
                        values,
                        file=path if path.exists() else None,
                        site_dir=site_dir,
                        cell_defaults=spec.cell_defaults,
                    )
                )
            except params.ParameterError as exc:
                problems.extend(p for p in exc.problems if p not in problems)
        if len(problems) == before:
            prepared[name] = Prepared(
                spec,
                path if path.exists() else None,
                raw,
                tables=tuple(t for m in models[:1] for t in table_notes(m, site_dir)),
                warnings=tuple(w for m in models[:1] for w in params.plausibility(m)),
            )
    if problems:
        raise params.ParameterError(problems)
    return prepared


def table_notes(model: Any, site_dir: Path) -> list[tuple[str, str]]:
    """``(file, note)`` for each table named by a ``*_csv`` parameter of ``model``: the file
    relative to the site folder (with its sheet) and what the reader detected."""
    from qsp_lib.core import tables

    out = []
    for key in getattr(type(model), "model_fields", {}):
        value = getattr(model, key, None)
        if not key.endswith("_csv") or not isinstance(value, str):
            continue
        file, sheet = tables.split_sheet(value)
        try:
            shown = str(file.relative_to(site_dir.resolve()))
        except ValueError:
            shown = str(file)
        out.append((tables.join_sheet(shown, sheet), tables.describe(value)))
    return out


def variant_parameters(spec: NotebookSpec, raw: dict[str, Any]) -> list[dict[str, Any]]:
    """The parameters of each rendering of a notebook (one per variant value)."""
    if spec.variants is None:
        return [dict(raw)]
    key, values = spec.variants
    return [dict(raw, **{key: value}) for value in values]
