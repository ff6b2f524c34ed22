"""End-to-end runs of the engine on a fixture project: through the fake worker (no kernel,
see ``tests/fake_worker.py``) unless marked ``engine`` (real kernels, small notebooks)."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from conftest import run_qsp


def _snapshot(folder: Path) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}


def test_failing_notebook_does_not_stop_the_good_one_and_reruns_reuse(project):
    out = project / "outputs" / "demo"
    first = run_qsp(project, "run", "--site", "demo", "--jobs", "2")
    assert first.returncode == 1, first.stderr
    assert (out / "good.html").is_file()
    assert not (out / "bad.html").exists()  # a failed notebook yields no brief
    assert (out / "bad.failed.ipynb").is_file()  # ...but its executed notebook for the analyst
    assert not [p for p in out.iterdir() if ".tmp" in p.name]  # no temporary files left
    assert not [p for p in out.iterdir() if p.name.startswith(".qsp-jobs")]

    run = json.loads((out / "run.json").read_text())
    assert run["good"]["status"] == "ok" and run["bad"]["status"] == "failed"
    assert "échec volontaire" in run["bad"]["error"]
    for entry in run.values():
        assert {"status", "start", "duration_s", "error", "parameter_hash", "versions"} <= set(
            entry
        )
        assert entry["versions"]["pandas"]
    results = json.loads((out / "results.json").read_text())
    assert results == {
        "good": {
            "demo_energy_kwh": 1234.5,
            "demo_count": 3,
            "demo_label": "Quartier Concorde test",
            "demo_table": [
                {"mois": 1, "energie_kwh": 1234.5},
                {"mois": 2, "energie_kwh": 98765.4321},
            ],
        }
    }
    index = (out / "index.html").read_text()
    assert "Notebook qui échoue" in index and "échec" in index
    assert 'href="bad.failed.ipynb"' in index and 'href="good.html"' in index
    assert "1\u202f234,5" in index  # key figures of the good brief, French formatting

    good_before = (out / "good.html").stat().st_mtime_ns
    second = run_qsp(project, "run", "--site", "demo")
    assert second.returncode == 1
    run = json.loads((out / "run.json").read_text())
    assert run["good"]["status"] == "reused"
    assert (out / "good.html").stat().st_mtime_ns == good_before
    assert "good" in json.loads((out / "results.json").read_text())

    forced = run_qsp(project, "run", "--site", "demo", "--force", "--only", "good")
    assert forced.returncode == 0, forced.stderr
    run = json.loads((out / "run.json").read_text())
    assert run["good"]["status"] == "ok"
    assert run["bad"]["status"] == "failed"  # kept from the earlier run, not re-run


def test_changing_a_parameter_file_reruns_the_notebook(project):
    out = project / "outputs" / "demo"
    assert run_qsp(project, "run", "--only", "good", "--site", "demo").returncode == 0
    (project / "parameters" / "demo" / "good.yaml").write_text("label: Autre\n")
    assert run_qsp(project, "run", "--only", "good", "--site", "demo").returncode == 0
    run = json.loads((out / "run.json").read_text())
    assert run["good"]["status"] == "ok"
    assert json.loads((out / "results.json").read_text())["good"]["demo_label"] == "Autre"


def test_invalid_parameters_exit_2_start_no_kernel_and_keep_earlier_outputs(project):
    out = project / "outputs" / "demo"
    assert run_qsp(project, "run", "--only", "good", "--site", "demo").returncode == 0
    before = _snapshot(out)
    # the notebook would leave this marker if a kernel ever ran it
    nb = project / "notebooks" / "good.ipynb"
    content = json.loads(nb.read_text())
    marker = f"open({str(project / 'KERNEL_RAN')!r}, 'w').close()\n"
    content["cells"][1]["source"] = marker + "".join(content["cells"][1]["source"])
    content["metadata"]["fake_outputs"] = marker + content["metadata"]["fake_outputs"]
    nb.write_text(json.dumps(content))
    (project / "parameters" / "demo" / "good.yaml").write_text("enrgy_kwh: 12\n")
    started = time.monotonic()
    result = run_qsp(project, "run", "--site", "demo")
    assert result.returncode == 2
    assert "enrgy_kwh" in result.stderr and "energy_kwh" in result.stderr
    assert "good.yaml" in result.stderr
    assert not (project / "KERNEL_RAN").exists()
    assert _snapshot(out) == before
    assert time.monotonic() - started < 30


def test_unknown_site_and_unknown_notebook_are_usage_errors(project):
    assert run_qsp(project, "run", "--site", "nowhere").returncode == 2
    result = run_qsp(project, "run", "--site", "demo", "--only", "god")
    assert result.returncode == 2 and "good" in result.stderr
    assert run_qsp(project, "run", "--jobs", "0").returncode == 2
    assert run_qsp(project, "frobnicate").returncode == 2


def test_validate_checks_without_executing(project):
    ok = run_qsp(project, "validate", "--site", "demo")
    assert ok.returncode == 0 and "good" in ok.stdout
    assert not (project / "outputs").exists()
    (project / "parameters" / "demo" / "bad.yaml").write_text("x: [1]\n")
    bad = run_qsp(project, "validate", "--site", "demo")
    assert bad.returncode == 2 and "bad.yaml" in bad.stderr


def test_two_concurrent_runs_on_one_site_do_not_interleave(project):
    import os
    import sys

    # the first run holds the site's lock long enough for the second to find it taken
    nb = project / "notebooks" / "good.ipynb"
    content = json.loads(nb.read_text())
    content["metadata"]["fake_outputs"] = "sleep(3)\n" + content["metadata"]["fake_outputs"]
    nb.write_text(json.dumps(content))

    env = dict(os.environ, QSP_ROOT=str(project))
    cmd = [sys.executable, "-m", "qsp_lib.cli", "run", "--site", "demo", "--only", "good"]
    procs = [
        subprocess.Popen(
            cmd, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert any("attente" in err for _, err in outs)  # the second one waited
    out = project / "outputs" / "demo"
    run = json.loads((out / "run.json").read_text())
    assert run["good"]["status"] in ("ok", "reused")
    assert {p.name for p in out.iterdir() if not p.name.startswith(".qsp-run")} == {
        "good.html",
        "good.ipynb",
        "index.html",
        "key_figures.json",
        "results.json",
        "run.json",
    }


def test_downstream_notebook_reruns_when_its_dependency_changes(project):
    from conftest import make_notebook

    make_notebook(
        project / "notebooks" / "synth.ipynb",
        'site = "demo"\n',
        ["from qsp_lib.core import scraps\nscraps.glue('synth_done', True)"],
        {"title": "Synthèse", "depends_on": ["good"], "parameters_optional": True},
        fake="glue('synth_done', True)",
    )
    out = project / "outputs" / "demo"
    assert run_qsp(project, "run", "--site", "demo", "--only", "good", "synth").returncode == 0
    run = json.loads((out / "run.json").read_text())
    assert run["synth"]["start"] >= run["good"]["start"]
    (project / "parameters" / "demo" / "good.yaml").write_text("label: Changé\n")
    assert run_qsp(project, "run", "--site", "demo", "--only", "good", "synth").returncode == 0
    run = json.loads((out / "run.json").read_text())
    assert run["good"]["status"] == "ok" and run["synth"]["status"] == "ok"
    assert run_qsp(project, "run", "--site", "demo", "--only", "good", "synth").returncode == 0
    run = json.loads((out / "run.json").read_text())
    assert run["good"]["status"] == "reused" and run["synth"]["status"] == "reused"


@pytest.mark.engine
def test_timeout_kills_a_hanging_notebook(project):
    from conftest import make_notebook

    make_notebook(
        project / "notebooks" / "slow.ipynb",
        'site = "demo"\n',
        ["import time\ntime.sleep(600)"],
        {"title": "Lent", "parameters_optional": True},
    )
    started = time.monotonic()
    result = run_qsp(project, "run", "--site", "demo", "--only", "slow", "--timeout", "3")
    assert result.returncode == 1
    assert time.monotonic() - started < 90
    run = json.loads((project / "outputs" / "demo" / "run.json").read_text())
    assert run["slow"]["status"] == "failed"


@pytest.mark.engine
def test_null_and_non_finite_scraps_round_trip_as_null(project):
    from conftest import make_notebook

    make_notebook(
        project / "notebooks" / "nulls.ipynb",
        'site = "demo"\n',
        [
            "from qsp_lib.core import scraps\n"
            "scraps.glue('nothing', None)\n"
            "scraps.glue('not_a_number', float('nan'))\n"
            "scraps.glue('mapping_with_null', {'a': None, 'b': 1.5})"
        ],
        {"title": "Nuls", "parameters_optional": True},
    )
    assert run_qsp(project, "run", "--site", "demo", "--only", "nulls").returncode == 0
    results = json.loads((project / "outputs" / "demo" / "results.json").read_text())
    assert results["nulls"] == {
        "nothing": None,
        "not_a_number": None,
        "mapping_with_null": {"a": None, "b": 1.5},
    }
