"""Shared fixtures: a throw-away project (notebooks + parameters) for engine tests, run with
the fake worker (``tests/fake_worker.py``) unless the test is marked ``engine``; the runs
that several tests read, made once per session whatever the pytest-xdist worker:
``site_runs`` (the repository's notebooks, every site: ``qsp run --all-sites``, started in
the background as the session starts), ``demo_run`` (the fixture project, real kernels).

Markers (``pyproject.toml``): ``notebooks`` executes the analysis notebooks, ``engine`` runs
real kernels through the runner on fixture notebooks, ``browser`` needs headless Chromium.
Every other test needs no kernel: ``make check`` runs them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
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


def run_qsp(
    root: Path, *args: str, timeout: float = 300, kernels: bool = False
) -> subprocess.CompletedProcess:
    """Run the ``qsp`` command on a project root (with real kernels when ``kernels`` or when
    the test is marked ``engine``, else through the fake worker: see :func:`fake_kernel`)."""
    env = dict(os.environ, QSP_ROOT=str(root))
    if kernels:
        env.pop(FAKE_WORKER[0], None)
    return subprocess.run(
        [*QSP, *args], cwd=root, env=env, capture_output=True, text=True, timeout=timeout
    )


# ------------------------------------------------ shared by every test (and xdist worker)
def _session_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This test session's temporary folder, the same for every pytest-xdist worker (each
    worker's base folder is a child of it; without xdist, the base folder itself: its
    parent holds earlier sessions' folders)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once(tmp_path_factory: pytest.TempPathFactory, name: str, build) -> tuple[Path, dict]:
    """``build(folder) -> dict`` run once per test session, by whichever pytest-xdist worker
    asks first (the others wait on a file lock); returns the folder and what ``build``
    returned (JSON-serialisable)."""
    import fcntl

    shared = _session_dir(tmp_path_factory)
    folder = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / f"{name}.json"
        if not done.exists():
            folder.mkdir(parents=True, exist_ok=True)
            done.write_text(json.dumps(build(folder)))
    return folder, json.loads(done.read_text())


#: The fixture project's label: parameter text that must be escaped, never executed.
SCRIPT_LABEL = "Îlot <script>console.error(1)</script> & Cie"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project of :func:`build_project` run once with real kernels (``good``
    renders its brief, ``bad`` fails), its label holding a script tag; returns its run
    folder (``outputs/demo``) for the brief, index and browser checks."""

    def build(folder: Path) -> dict:
        root = build_project(
            folder / "proj", good_yaml=f"label: {json.dumps(SCRIPT_LABEL, ensure_ascii=False)}\n"
        )
        result = run_qsp(root, "run", "--site", "demo", kernels=True)
        return {"returncode": result.returncode, "stderr": result.stderr}

    folder, outcome = once(tmp_path_factory, "qsp-demo-run", build)
    assert outcome["returncode"] == 1, outcome["stderr"]  # "bad" fails, "good" still renders
    return folder / "proj" / "outputs" / "demo"


@dataclass(frozen=True)
class SiteRuns:
    """The outcome of the shared ``qsp run --all-sites`` of the repository's notebooks."""

    out: Path
    returncode: int
    stderr: str

    def site(self, site: str) -> Path:
        """The run folder of ``site`` (``<out>/<site>``)."""
        return self.out / site


#: Runs a command and records its exit status and stderr in a JSON file (written last).
_RECORD = (
    "import json, os, subprocess, sys\n"
    "r = subprocess.run(sys.argv[2:], capture_output=True, text=True)\n"
    "tmp = sys.argv[1] + '.tmp'\n"
    "open(tmp, 'w').write(json.dumps({'returncode': r.returncode, 'stderr': r.stderr}))\n"
    "os.replace(tmp, sys.argv[1])\n"
)


def _site_runs_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The shared run's output folder and the file recording its exit status."""
    shared = _session_dir(tmp_path_factory)
    return shared / "qsp-site-runs", shared / "qsp-site-runs.json"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests reading the shared run go last: the run goes on in the background meanwhile
    (the same order in every xdist worker)."""
    items.sort(key=lambda item: "site_runs" in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session", autouse=True)
def _start_site_runs(request: pytest.FixtureRequest, tmp_path_factory):
    """Start the shared run in the background as the session starts, when a selected test
    reads it (the first xdist worker starts it, under a file lock)."""
    if not any("site_runs" in getattr(i, "fixturenames", ()) for i in request.session.items):
        yield
        return
    import fcntl

    out, outcome = _site_runs_files(tmp_path_factory)
    process = None
    with open(f"{out}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not out.exists():
            out.mkdir(parents=True)
            env = {k: v for k, v in os.environ.items() if k != FAKE_WORKER[0]}
            env["QSP_ROOT"] = str(REPO)
            command = [*QSP, "run", "--all-sites", "--out", str(out)]
            process = subprocess.Popen(
                [sys.executable, "-c", _RECORD, str(outcome), *command], cwd=REPO, env=env
            )
    yield
    if process is not None:
        process.wait()  # a worker that started it leaves no orphan


@pytest.fixture(scope="session")
def site_runs(tmp_path_factory: pytest.TempPathFactory) -> SiteRuns:
    """Every notebook of every site executed once per test session through the engine
    (``qsp run --all-sites --out DIR``, real kernels, started as the session starts), read
    by the notebook tests in place of executing the notebooks again."""
    out, outcome = _site_runs_files(tmp_path_factory)
    deadline = time.monotonic() + 1800
    while not outcome.exists():
        assert time.monotonic() < deadline, "the shared run did not finish in 30 min"
        time.sleep(0.5)
    data = json.loads(outcome.read_text())
    return SiteRuns(out, data["returncode"], data["stderr"])
