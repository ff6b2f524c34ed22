"""Shared pieces of the notebook builders (``tools/build_<notebook>.py``).

A builder writes ``notebooks/<name>.ipynb`` without outputs: its parameters cell generated
from ``parameters/concorde/<name>.yaml`` (so the defaults equal the Concorde file), cell ids
numbered so that rebuilding an unchanged builder gives an identical file, and the cells
formatted by ruff as the tests require.
"""

from __future__ import annotations

import pprint
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]


def parameters_source(name: str, order: list[str], width: int = 96) -> str:
    """The ``parameters`` cell: every key of the Concorde file, in ``order``."""
    path = ROOT / "parameters" / "concorde" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    unknown = set(data) - set(order)
    if unknown:
        raise SystemExit(f"add {sorted(unknown)} to ORDER")
    lines = [
        f"# Paramètres (valeurs par défaut = parameters/concorde/{name}.yaml,",
        "# où chaque valeur porte sa source ou la mention « hypothèse »)",
    ]
    for key in order:
        if key in data:
            lines.append(f"{key} = {pprint.pformat(data[key], width=width, sort_dicts=False)}")
    return "\n".join(lines) + "\n"


def build(title: str, cells: list[tuple[str, str, list[str]]]) -> nbformat.NotebookNode:
    """A notebook from ``(kind, source, tags)`` cells, kind ``"code"`` or ``"md"``."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["qsp"] = {"title": title, "depends_on": []}
    for i, (kind, source, tags) in enumerate(cells):
        cell = (
            nbformat.v4.new_code_cell(source)
            if kind == "code"
            else nbformat.v4.new_markdown_cell(source)
        )
        cell["id"] = f"cell-{i:02d}"
        if tags:
            cell.metadata["tags"] = list(tags)
        nb.cells.append(cell)
    return nb


def write(nb: nbformat.NotebookNode, name: str) -> Path:
    """Validate, write ``notebooks/<name>.ipynb`` and format its cells with ruff."""
    nbformat.validate(nb)
    path = ROOT / "notebooks" / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    ruff = Path(sys.executable).with_name("ruff")
    subprocess.run([str(ruff) if ruff.exists() else "ruff", "format", "-q", str(path)], check=False)
    print(f"wrote {path}")
    return path
