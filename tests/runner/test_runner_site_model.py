"""The runner and the site model: an edit of site.yaml re-runs the site's notebooks, and an
invalid one stops the run before any notebook (exit 2), naming the file and the key."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import run_qsp

REPO = Path(__file__).resolve().parents[2]


def _with_site_model(project: Path) -> Path:
    path = project / "parameters" / "demo" / "site.yaml"
    shutil.copy(REPO / "parameters" / "concorde" / "site.yaml", path)
    return path


def test_editing_the_site_model_reruns_the_notebooks(project):
    path = _with_site_model(project)
    out = project / "outputs" / "demo"
    assert run_qsp(project, "run", "--only", "good", "--site", "demo").returncode == 0
    assert run_qsp(project, "run", "--only", "good", "--site", "demo").returncode == 0
    assert json.loads((out / "run.json").read_text())["good"]["status"] == "reused"
    path.write_text(path.read_text("utf-8").replace("residents: 420", "residents: 430"), "utf-8")
    assert run_qsp(project, "run", "--only", "good", "--site", "demo").returncode == 0
    assert json.loads((out / "run.json").read_text())["good"]["status"] == "ok"


def test_an_invalid_site_model_stops_the_run_before_any_notebook(project):
    path = _with_site_model(project)
    path.write_text(path.read_text("utf-8").replace("height_m: 10 ", "height_m: -10 "), "utf-8")
    result = run_qsp(project, "run", "--site", "demo")
    assert result.returncode == 2
    assert "site.yaml" in result.stderr and "berm.height_m" in result.stderr
    assert not (project / "outputs" / "demo" / "run.json").exists()
