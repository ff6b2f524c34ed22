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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_can_be_rerun_after_run_all(path, tmp_path, monkeypatch):
    from nbclient import NotebookClient

    if path.stem == "committee_synthesis":
        pytest.skip("reads a run folder: covered by the synthesis notebook tests")
    monkeypatch.chdir(REPO / "notebooks")
    nb = nbformat.read(path, as_version=4)
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
