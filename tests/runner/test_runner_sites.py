"""End-to-end runs of the engine features the committee synthesis relies on (fixture
notebooks through the fake worker, see ``tests/fake_worker.py``): variants, exports,
progressive results, ordering without gating, several sites through one pool (local and
Dask), ``qsp new-site``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import REPO, make_notebook, run_qsp

EXPORT_BODY = [
    "from pathlib import Path\n"
    "import pandas as pd\n"
    "from qsp_lib.core import brief, params, scraps\n"
    "from qsp_lib.core import exports\n"
    'P = params.from_namespace("export", globals())',
    'if fail:\n    raise RuntimeError("échec volontaire après export")',
    'exports.write_csv(pd.DataFrame({"a": [1, 2]}), Path(exports_dir) / "table.csv")\n'
    'brief.key_figures([{"label": "Lignes", "value": 2, "unit": "lignes"}])\n'
    'scraps.glue("rows", 2)',
]
EXPORT_FAKE = (
    'if fail:\n    raise RuntimeError("échec volontaire après export")\n'
    'export("table.csv", "a\\n1\\n2\\n")\n'
    'key_figures([{"label": "Lignes", "value": 2, "unit": "lignes"}])\n'
    'glue("rows", 2)\n'
)
# Reads the current run's upstream results from outputs_dir, as the synthesis does.
SYNTH_BODY = [
    "import json\n"
    "from pathlib import Path\n"
    "import pandas as pd\n"
    "from qsp_lib.core import brief, scraps\n"
    "from qsp_lib.core import exports",
    'results = json.loads((Path(outputs_dir) / "results.json").read_text())\n'
    'run = json.loads((Path(outputs_dir) / "run.json").read_text())\n'
    'brief.header({"site": site}, title="Synthèse", subtitle=audience)\n'
    'brief.key_figures([{"label": "Public", "value": audience}])\n'
    'exports.write_csv(pd.DataFrame({"x": [1]}), Path(exports_dir) / f"synth_{audience}.csv")\n'
    'scraps.glue("audience", audience)\n'
    'scraps.glue("seen_good_label", results.get("good", {}).get("demo_label"))\n'
    'scraps.glue("bad_status", run.get("bad", {}).get("status"))\n'
    'scraps.glue("bad_in_results", "bad" in results)',
]
SYNTH_FAKE = (
    'key_figures([{"label": "Public", "value": audience}])\n'
    'export(f"synth_{audience}.csv", "x\\n1\\n")\n'
    'glue("audience", audience)\n'
    'glue("seen_good_label", results().get("good", {}).get("demo_label"))\n'
    'glue("bad_status", run().get("bad", {}).get("status"))\n'
    'glue("bad_in_results", "bad" in results())\n'
)


def _add_synthesis(project: Path) -> None:
    make_notebook(
        project / "notebooks" / "export.ipynb",
        'site = "demo"\nfail = False\n',
        EXPORT_BODY,
        {"title": "Notebook qui exporte"},
        fake=EXPORT_FAKE,
    )
    (project / "parameters" / "demo" / "export.yaml").write_text("fail: false\n")
    make_notebook(
        project / "notebooks" / "synth.ipynb",
        'site = "demo"\naudience = "pilotage"\n',
        SYNTH_BODY,
        {
            "title": "Synthèse",
            "depends_on": ["good", "bad", "export", "absent_here"],
            "parameters_optional": True,
            "variants": {"audience": ["pilotage", "suivi"]},
            "variant_labels": {"pilotage": "comité de pilotage", "suivi": "comité de suivi"},
        },
        fake=SYNTH_FAKE,
    )
    # an upstream notebook that the site does not configure (no YAML)
    make_notebook(project / "notebooks" / "absent_here.ipynb", "x = 1\n", ["y = 2"])


def test_variants_exports_and_progressive_results(project):
    _add_synthesis(project)
    out = project / "outputs" / "demo"
    first = run_qsp(project, "run", "--site", "demo", "--jobs", "2")
    assert first.returncode == 1, first.stderr  # bad fails; the others still ran
    assert "Passed unknown parameter" not in first.stdout + first.stderr
    run = json.loads((out / "run.json").read_text())
    results = json.loads((out / "results.json").read_text())

    # depends_on orders without gating: synth ran after the failed upstream and saw it
    assert run["synth"]["status"] == "ok" and run["bad"]["status"] == "failed"
    assert run["synth"]["start"] >= run["bad"]["start"]
    assert results["synth"] == {
        "audience": "pilotage",  # results hold the first variant's scraps
        "seen_good_label": "Quartier Concorde test",  # this run's upstream results
        "bad_status": "failed",
        "bad_in_results": False,
    }
    assert set(run["synth"]["variants"]) == {"pilotage", "suivi"}
    assert {v["status"] for v in run["synth"]["variants"].values()} == {"ok"}
    for stem in ("synth.pilotage", "synth.suivi"):
        assert (out / f"{stem}.html").is_file() and (out / f"{stem}.ipynb").is_file()
    assert not (out / "synth.html").exists()

    # exports moved beside the brief, listed in run.json, linked from the index
    assert (out / "table.csv").read_text(encoding="utf-8-sig") == "a\n1\n2\n"
    assert run["export"]["exports"] == ["table.csv"]
    assert run["synth"]["exports"] == ["synth_pilotage.csv", "synth_suivi.csv"]
    index = (out / "index.html").read_text()
    assert 'href="synth.pilotage.html">comité de pilotage' in index
    assert 'href="synth.suivi.html">comité de suivi' in index
    assert 'href="table.csv"' in index
    assert not [p for p in out.iterdir() if p.name.startswith((".qsp-jobs", ".table"))]

    # key figures as shown in each brief
    cards = json.loads((out / "key_figures.json").read_text())
    assert cards["good"][0] == {
        "label": "Énergie",
        "value": "1\u202f234,5",
        "decimals": 1,
        "unit": "kWh",
        "note": "par an",
        "number": 1234.5,
    }
    assert cards["synth"][0]["value"] == "pilotage"
    assert "bad" not in cards
    assert not (out / "results.previous.json").exists()  # no earlier run

    # second run: bad re-runs, so the previous results are kept aside; exports survive reuse
    second = run_qsp(project, "run", "--site", "demo")
    assert second.returncode == 1
    assert json.loads((out / "results.previous.json").read_text()) == results
    run = json.loads((out / "run.json").read_text())
    assert run["export"]["status"] == "reused" and run["export"]["exports"] == ["table.csv"]
    assert run["synth"]["status"] == "reused"  # upstream fingerprints unchanged
    assert 'href="table.csv"' in (out / "index.html").read_text()

    # a failed notebook's new exports are discarded, the earlier good ones stay
    (project / "parameters" / "demo" / "export.yaml").write_text("fail: true\n")
    third = run_qsp(project, "run", "--site", "demo", "--only", "export")
    assert third.returncode == 1
    run = json.loads((out / "run.json").read_text())
    assert run["export"]["status"] == "failed" and run["export"]["exports"] == []
    assert run["export"]["previous_exports"] == ["table.csv"]
    assert (out / "table.csv").is_file()
    assert "export" not in json.loads((out / "results.json").read_text())


def _two_sites(project: Path) -> None:
    shutil.copytree(project / "parameters" / "demo", project / "parameters" / "demo-bis")
    (project / "parameters" / "demo-bis" / "good.yaml").write_text(
        "label: Second site\nenergy_kwh: 42.0\n"
    )


def test_all_sites_share_one_pool_locally_and_on_dask(project):
    distributed = pytest.importorskip("distributed")
    _two_sites(project)
    local = run_qsp(project, "run", "--all-sites", "--out", str(project / "local"))
    assert local.returncode == 1, local.stderr  # "bad" fails on both sites
    page = (project / "local" / "index.html").read_text()
    assert 'href="demo/index.html"' in page and 'href="demo-bis/index.html"' in page
    assert "Demo-Bis" in page and "42,0" in page and "1\u202f234,5" in page
    assert 'href="demo-bis/good.html"' in page
    # one comparison table per notebook: a row per key figure, a column per site
    good = page.split('id="good"')[1].split("</article>")[0]
    energy = good.split('<th scope="row">Énergie</th>')[1].split("</tr>")[0]
    assert energy.index("1\u202f234,5") < energy.index("42,0")  # sites in command order
    assert good.count("qsp-status ok") == 2
    bad = page.split('id="bad"')[1].split("</article>")[0]
    assert bad.count("qsp-status failed") == 2 and "Aucun chiffre clé" in bad

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        on_dask = run_qsp(
            project,
            "run",
            "--all-sites",
            "--out",
            str(project / "dask"),
            "--executor",
            f"dask://{address}",
        )
    assert on_dask.returncode == 1, on_dask.stderr
    for site in ("demo", "demo-bis"):
        same = [
            json.loads((project / d / site / "results.json").read_text()) for d in ("local", "dask")
        ]
        assert same[0] == same[1] and same[0]["good"]["demo_energy_kwh"] in (1234.5, 42.0)
        runs = [
            json.loads((project / d / site / "run.json").read_text()) for d in ("local", "dask")
        ]
        assert {n: e["status"] for n, e in runs[0].items()} == {
            n: e["status"] for n, e in runs[1].items()
        }


def test_all_sites_validates_every_site_before_executing_anything(project):
    _two_sites(project)
    (project / "parameters" / "demo-bis" / "good.yaml").write_text("enrgy_kwh: 1\n")
    result = run_qsp(project, "run", "--all-sites")
    assert result.returncode == 2
    assert "demo-bis/good.yaml" in result.stderr and "energy_kwh" in result.stderr
    assert not (project / "outputs").exists()
    assert run_qsp(project, "run", "--executor", "mpi://x").returncode == 2


def test_new_site_validates_and_runs(project):
    made = run_qsp(project, "new-site", "mon-quartier", "--from", "demo")
    assert made.returncode == 0, made.stderr
    folder = project / "parameters" / "mon-quartier"
    assert (folder / "LISEZMOI.md").is_file()
    assert run_qsp(project, "new-site", "mon-quartier", "--from", "demo").returncode == 2
    assert run_qsp(project, "validate", "--site", "mon-quartier").returncode == 0
    ran = run_qsp(project, "run", "--site", "mon-quartier", "--only", "good")
    assert ran.returncode == 0, ran.stderr
    assert (project / "outputs" / "mon-quartier" / "good.html").is_file()


def test_new_site_from_the_real_concorde_parameters_validates(tmp_path):
    project = tmp_path / "proj"
    shutil.copytree(REPO / "notebooks", project / "notebooks")
    shutil.copytree(REPO / "parameters", project / "parameters")
    made = run_qsp(project, "new-site", "quartier-test", "--from", "concorde")
    assert made.returncode == 0, made.stderr
    checklist = (project / "parameters" / "quartier-test" / "LISEZMOI.md").read_text()
    assert "`latitude_deg` = `50.615`" in checklist  # pv_yield.yaml, marked "hypothèse"
    validated = run_qsp(project, "validate", "--site", "quartier-test")
    assert validated.returncode == 0, validated.stderr


@pytest.mark.browser
def test_cross_site_page_opens_cleanly_in_chromium(project, tmp_path):
    from test_browser import SHOTS, _console, _open

    _two_sites(project)
    (project / "parameters" / "demo-bis" / "good.yaml").write_text(
        'label: "Îlot <script>console.error(1)</script>"\nenergy_kwh: 42.0\n'
    )
    assert run_qsp(project, "run", "--all-sites", "--only", "good").returncode == 0
    for width in (1200, 390):
        shot = SHOTS / f"cross-site-{width}.png"
        dom, log = _open(project / "outputs" / "index.html", shot, tmp_path, width)
        assert _console(log) == [], _console(log)
        assert shot.is_file() and shot.stat().st_size > 5_000
        assert 'lang="fr"' in dom and "<script>" not in dom.split("<body>", 1)[-1]
        assert "42,0" in dom and "Demo-Bis" in dom
        assert dom.count('<th scope="row">Énergie</th>') == 1  # both sites on one row
