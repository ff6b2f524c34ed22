"""The notebook collection: discovery of ``notebooks/*.ipynb``, their metadata and order.

What the runner knows of a notebook: its ``title``, ``depends_on`` (ordering only: a
notebook runs after its upstream notebooks, whatever became of them), ``variants`` (one
parameter name -> the values the notebook is rendered for, with display names in
``variant_labels``) and ``parameters_optional``. The library's notebooks take them from
their analysis declaration (:mod:`qsp_lib.core.analysis`, read as data: no analysis code is
imported); a notebook without one (a project's own, a test fixture) from its
``metadata.qsp``.
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qsp_lib.core import params

#: A variant value becomes part of a file name (``<name>.<value>.html``).
_VARIANT_VALUE = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass(frozen=True)
class NotebookSpec:
    """A notebook of the collection and what the runner needs to know of it."""

    name: str
    path: Path
    title: str
    depends_on: tuple[str, ...] = ()
    #: Gathers the other notebooks (a synthesis): from the declaration; for a notebook with
    #: metadata only, ``metadata.qsp.gathers`` or else having a ``depends_on``.
    gathers: bool = False
    parameters_optional: bool = False
    cell_defaults: dict[str, Any] = field(default_factory=dict)
    #: ``(parameter name, (value, ...))`` when the notebook is rendered once per value.
    variants: tuple[str, tuple[str, ...]] | None = None
    variant_labels: dict[str, str] = field(default_factory=dict)

    def stems(self) -> list[tuple[str | None, str]]:
        """``(variant value, file stem)`` of each rendering: ``[(None, name)]`` without
        variants, else ``[("a", "name.a"), ...]``."""
        if self.variants is None:
            return [(None, self.name)]
        return [(value, f"{self.name}.{value}") for value in self.variants[1]]

    def variant_label(self, value: str) -> str:
        return self.variant_labels.get(value, value)


def discover(notebooks_dir: Path) -> dict[str, NotebookSpec]:
    """Every ``*.ipynb`` of ``notebooks_dir`` with its ``qsp`` metadata.

    Raises :class:`~qsp_lib.core.params.ParameterError` for malformed ``variants`` metadata.
    """
    specs = {}
    problems: list[params.Problem] = []
    for path in sorted(Path(notebooks_dir).glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        meta = {**nb.get("metadata", {}).get("qsp", {}), **_declared(path.stem)}
        try:
            variants = _variants(meta.get("variants"))
        except ValueError as exc:
            problems.append(
                params.Problem(str(path), "metadata.qsp.variants", meta.get("variants"), str(exc))
            )
            continue
        specs[path.stem] = NotebookSpec(
            name=path.stem,
            path=path,
            title=meta.get("title") or path.stem.replace("_", " ").capitalize(),
            depends_on=tuple(meta.get("depends_on", [])),
            gathers=bool(meta.get("gathers", bool(meta.get("depends_on")))),
            parameters_optional=bool(meta.get("parameters_optional", False)),
            cell_defaults=parameters_cell_defaults(path),
            variants=variants,
            variant_labels={str(k): str(v) for k, v in meta.get("variant_labels", {}).items()},
        )
    if problems:
        raise params.ParameterError(problems)
    # A library analysis may read the results of another one this project does not ship
    # (a notebook folder with only some analyses): it runs, and shows that upstream as
    # missing. A dependency typed in a notebook's own metadata must exist (see order()).
    for name, spec in list(specs.items()):
        if _declared(name) and any(d not in specs for d in spec.depends_on):
            kept = tuple(d for d in spec.depends_on if d in specs)
            specs[name] = dataclasses.replace(spec, depends_on=kept)
    return specs


def _declared(name: str) -> dict[str, Any]:
    """The runner's metadata of ``name`` from its analysis declaration (empty without one)."""
    from qsp_lib.core.analysis import analyses

    declared = analyses().get(name)
    if declared is None:
        return {}
    return {
        "title": declared.title,
        "depends_on": list(declared.depends_on),
        "gathers": declared.gathers,
        "variants": {k: list(v) for k, v in (declared.variants or {}).items()},
        "variant_labels": dict(declared.variant_labels),
    }


def _variants(raw: Any) -> tuple[str, tuple[str, ...]] | None:
    if not raw:
        return None
    if not isinstance(raw, dict) or len(raw) != 1:
        raise ValueError("une table d'un seul paramètre : {nom: [valeur, ...]}")
    (name, values), *_ = raw.items()
    if not isinstance(values, list) or not values:
        raise ValueError(f"une liste non vide de valeurs pour {name}")
    bad = [v for v in values if not isinstance(v, str) or not _VARIANT_VALUE.match(v)]
    if bad or len(set(values)) != len(values):
        raise ValueError("des valeurs distinctes faites de lettres, chiffres, _ ou -")
    return str(name), tuple(values)


def parameters_cell_defaults(notebook: str | Path | dict) -> dict[str, Any]:
    """Default values of the cell tagged ``parameters``, read by papermill without a kernel.

    ``notebook`` is a path or an already loaded notebook. A default that is not a Python
    literal (an expression) is None.
    """
    import papermill as pm

    if isinstance(notebook, (str, Path)):
        inferred = pm.inspect_notebook(str(notebook))
    else:
        import nbformat
        from papermill.translators import PythonTranslator

        nb = nbformat.reads(json.dumps(notebook), as_version=4)  # sources joined into text
        cell = next((c for c in nb.cells if "parameters" in c.metadata.get("tags", [])), None)
        found = PythonTranslator.inspect(cell) if cell else []
        inferred = {p.name: p._asdict() for p in found}
    return {name: _literal(p["default"]) for name, p in inferred.items()}


def _literal(source: str) -> Any:
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return None


def order(specs: dict[str, NotebookSpec], selected: list[str]) -> list[str]:
    """Topological order of ``selected`` (dependencies first, then by name).

    Raises :class:`~qsp_lib.core.params.ParameterError` for an unknown dependency or a cycle.
    """
    for name in selected:
        for dep in specs[name].depends_on:
            if dep not in specs:
                raise params.ParameterError(
                    [
                        params.Problem(
                            str(specs[name].path),
                            "metadata.qsp.depends_on",
                            dep,
                            "le nom d'un notebook existant"
                            + _hint(params.closest(dep, list(specs))),
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


def _hint(close: str | None) -> str:
    return f" ; vouliez-vous dire {close} ?" if close else ""
