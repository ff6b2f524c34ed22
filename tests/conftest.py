"""Shared fixtures: a throw-away project (notebooks + parameters) for engine tests, run with
the fake worker unless the test is marked ``engine``; one shared run of the real notebooks.

Markers (``pyproject.toml``): ``notebooks`` executes the analysis notebooks, ``engine`` runs
real kernels through the runner on fixture notebooks, ``browser`` needs headless Chromium.
Every other test needs no kernel: ``make check`` runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).resolve().parent
QSP = [sys.executable, "-m", "qsp_lib.cli"]
#: Set by :func:`fake_kernel` (read by ``qsp_lib.runner.executors.run_job``).
FAKE_WORKER = ("QSP_FAKE_WORKER", "fake_worker:execute_job")


def make_notebook(
    path: Path,
    parameters: str,
    body: list[str],
    meta: dict | None = None,
    remove_setup: bool = True,
    fake: str = "",
) -> Path:
    """Write a notebook: a ``parameters`` cell, then one code cell per ``body`` item.

    ``fake`` is what the fake worker runs in place of the notebook (``tests/fake_worker.py``):
    the same scraps, key figures, exports or failure as ``body``, without a kernel.
    """
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["qsp"] = meta or {}
    nb.metadata["fake_outputs"] = fake
    cell = nbformat.v4.new_code_cell(parameters)
    cell.metadata["tags"] = ["parameters"]
    nb.cells.append(cell)
    for i, src in enumerate(body):
        if src.startswith("# md\n"):
            nb.cells.append(nbformat.v4.new_markdown_cell(src[5:]))
            continue
        c = nbformat.v4.new_code_cell(src)
        if remove_setup and i == 0:
            c.metadata["tags"] = ["remove_cell"]
        nb.cells.append(c)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


GOOD_PARAMETERS = 'site = "demo"\nlabel = "Quartier test"\nenergy_kwh = 1234.5\ncount = 3\n'
GOOD_BODY = [
    "import sys, warnings\n"
    "import pandas as pd\n"
    "import matplotlib.pyplot as plt\n"
    "from qsp_lib.core import brief, params, scraps, style\n"
    'P = params.from_namespace("good", globals())\n'
    "style.apply()",
    'brief.header({"site": site}, title="Note de test", subtitle=label)\n'
    'brief.summary("Le quartier **{name}** produit {e} kWh.", name=label, '
    "e=style.fr(energy_kwh, 1))\n"
    'brief.key_figures([{"label": "Énergie", "value": energy_kwh, "decimals": 1, '
    '"unit": "kWh", "note": "par an"}, {"label": "Nombre", "value": count, "unit": "u"}])',
    "# md\n## Une section\n\nTexte fixe de la section.",
    'warnings.warn("un avertissement qui ne doit pas paraître")\n'
    'print("bruit sur stderr", file=sys.stderr)\n'
    'print("bruit sur stdout")\n'
    "fig, ax = plt.subplots()\n"
    "ax.bar([1, 2, 3], [1000.5, 2500.25, 1800.0])\n"
    'ax.set_title("Production")\n'
    "style.french_axes(ax)\n"
    'style.source_line(fig, "Source : test")\n'
    "plt.show()",
    'df = pd.DataFrame({"mois": [1, 2], "energie_kwh": [1234.5, 98765.4321]})\n'
    "brief.table(df, decimals={'mois': 0, 'energie_kwh': 1})\n"
    'brief.sources([{"item": "Facteur", "value": 0.052, "source": "ADEME 2023"}])',
    "import numpy as np\n"
    'scraps.glue("demo_energy_kwh", np.float64(energy_kwh))\n'
    'scraps.glue("demo_count", np.int64(count))\n'
    'scraps.glue("demo_label", label)\n'
    'scraps.glue("demo_table", df)',
]
GOOD_FAKE = (
    "glue('demo_energy_kwh', energy_kwh)\n"
    "glue('demo_count', count)\n"
    "glue('demo_label', label)\n"
    "glue('demo_table', [{'mois': 1, 'energie_kwh': 1234.5}, "
    "{'mois': 2, 'energie_kwh': 98765.4321}])\n"
    "key_figures([{'label': 'Énergie', 'value': energy_kwh, 'decimals': 1, 'unit': 'kWh', "
    "'note': 'par an'}, {'label': 'Nombre', 'value': count, 'unit': 'u'}])\n"
)
BAD_BODY = [
    "from qsp_lib.core import brief, params, scraps, style",
    'raise ValueError("échec volontaire du notebook de test")',
]
BAD_FAKE = 'raise ValueError("échec volontaire du notebook de test")'


def build_project(
    root: Path, good_yaml: str = "label: Quartier Concorde test\nenergy_kwh: 1234.5\n"
):
    """A minimal project: notebooks good/bad, site ``demo`` with their parameter files."""
    make_notebook(
        root / "notebooks" / "good.ipynb",
        GOOD_PARAMETERS,
        GOOD_BODY,
        {"title": "Notebook de test"},
        fake=GOOD_FAKE,
    )
    make_notebook(
        root / "notebooks" / "bad.ipynb",
        'site = "demo"\nx = 1\n',
        BAD_BODY,
        {"title": "Notebook qui échoue"},
        fake=BAD_FAKE,
    )
    site = root / "parameters" / "demo"
    site.mkdir(parents=True)
    (site / "good.yaml").write_text(good_yaml, encoding="utf-8")
    (site / "bad.yaml").write_text("x: 2\n")
    return root


@pytest.fixture(autouse=True)
def fake_kernel(request, monkeypatch) -> bool:
    """Engine runs in a test (``run_qsp``, ``run_sites``) go through the fake worker of
    ``tests/fake_worker.py``, unless the test is marked ``engine`` or ``notebooks``: those
    start real kernels. True when the fake worker is on."""
    if request.node.get_closest_marker("engine") or request.node.get_closest_marker("notebooks"):
        monkeypatch.delenv(FAKE_WORKER[0], raising=False)
        return False
    monkeypatch.setenv(*FAKE_WORKER)
    paths = [str(TESTS), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(paths))
    return True


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The minimal project of :func:`build_project`, fresh for each test."""
    return build_project(tmp_path / "proj")


def run_qsp(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run the ``qsp`` command on a project root."""
    env = dict(os.environ, QSP_ROOT=str(root))
    return subprocess.run(
        [*QSP, *args], cwd=root, env=env, capture_output=True, text=True, timeout=timeout
    )
