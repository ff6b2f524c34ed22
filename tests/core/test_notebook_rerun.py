"""The analyst's most common gesture: after "Run All", re-run any cell, in any order.

Each notebook is executed top to bottom with nbclient, as JupyterLab would with its
defaults (no papermill injection: the parameters cell's Concorde values), then, in the
same kernel, every code cell is run again, last to first. No cell may fail: the parameter
check looks at the schema's names (not at every global), and no cell depends on the state
a later cell leaves behind.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.notebooks


def _run_all_then_rerun_backwards(nb, path: Path) -> None:
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        for index in reversed(range(len(nb.cells))):
            cell = nb.cells[index]
            if cell.cell_type != "code":
                continue
            client.execute_cell(cell, index)  # raises CellExecutionError on failure


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.stem != "committee_synthesis"], ids=lambda p: p.stem
)
def test_every_cell_can_be_rerun_after_run_all(path, monkeypatch):
    monkeypatch.chdir(REPO / "notebooks")
    _run_all_then_rerun_backwards(nbformat.read(path, as_version=4), path)


def test_every_synthesis_cell_can_be_rerun_after_run_all(site_runs, monkeypatch):
    """The synthesis reads a run folder: opened by hand, the analyst points ``outputs_dir``
    at one (here the session's shared run of Concorde) in the parameters cell."""
    path = REPO / "notebooks" / "committee_synthesis.ipynb"
    monkeypatch.chdir(path.parent)
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert "outputs_dir = None" in cell.source
    cell.source = cell.source.replace(
        "outputs_dir = None", f"outputs_dir = {str(site_runs.site('concorde'))!r}"
    )
    _run_all_then_rerun_backwards(nb, path)
