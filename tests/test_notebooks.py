"""The domain notebooks, end to end, through the public contract: parameter files of both
sites validate, notebook defaults equal the Concorde parameter file, ``qsp run`` renders a
brief per notebook with every contract scrap, and plain papermill works from the root."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from qsp_lib import params, runner

REPO = Path(__file__).resolve().parents[1]
SITES = ("concorde", "wazemmes-moulins")
NOTEBOOKS = sorted(p.stem for p in (REPO / "notebooks").glob("*.ipynb"))

#: Scrap names of the contract, per notebook (from the notebooks' issues).
CONTRACT_SCRAPS = {
    "pv_yield": {
        "pv_peak_power_kwp",
        "pv_annual_energy_kwh",
        "pv_specific_yield_kwh_per_kwp",
        "pv_performance_ratio",
        "pv_ghi_annual_kwh_m2",
        "pv_poa_annual_kwh_m2",
        "pv_p90_annual_energy_kwh",
        "pv_lcoe_eur_per_mwh",
        "pv_avoided_t_co2e_per_year",
        "pv_monthly",
    },
    "ghg_planning_options": {
        "ghg_totals",
        "ghg_total_static_t_co2e",
        "ghg_total_dynamic_t_co2e",
        "ghg_p05_t_co2e",
        "ghg_p50_t_co2e",
        "ghg_p95_t_co2e",
        "ghg_best_option",
        "ghg_prob_best",
        "ghg_payback_years",
    },
}


def _env() -> dict[str, str]:
    return dict(os.environ, QSP_ROOT=str(REPO))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_defaults_equal_the_concorde_parameter_file(name):
    nb = json.loads((REPO / "notebooks" / f"{name}.ipynb").read_text(encoding="utf-8"))
    defaults = runner.parameters_cell_defaults(nb)
    yaml_file = REPO / "parameters" / "concorde" / f"{name}.yaml"
    if not yaml_file.exists():
        pytest.skip("no Concorde parameter file")
    values = params.load_yaml(yaml_file)
    for key, value in values.items():
        assert key in defaults, f"{key} of {yaml_file.name} is not in the parameters cell"
        assert defaults[key] == value, key


@pytest.mark.parametrize("site", SITES)
def test_site_parameter_files_validate(site):
    result = subprocess.run(
        [sys.executable, "-m", "qsp_lib.cli", "validate", "--site", site],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("site", SITES)
def test_qsp_run_renders_every_brief_with_its_contract_scraps(site, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "qsp_lib.cli", "run", "--site", site, "--out", str(tmp_path)],
        cwd=REPO,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    out = tmp_path / site
    run = json.loads((out / "run.json").read_text())
    assert result.returncode == 0, (result.stderr, run)
    results = json.loads((out / "results.json").read_text())
    for name in NOTEBOOKS:
        if not (REPO / "parameters" / site / f"{name}.yaml").exists():
            continue
        assert run[name]["status"] == "ok"
        assert CONTRACT_SCRAPS.get(name, set()) <= set(results[name]), name
        html = (out / f"{name}.html").read_text()
        assert "En bref" in html and "Hypothèses et sources" in html and "Provenance" in html
        cards = html.count('class="qsp-card"')
        assert 3 <= cards <= 6, (name, cards)
        assert not re.search(r"Traceback|Warning|In&nbsp;\[", html), name
    assert (out / "index.html").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("name", [n for n in NOTEBOOKS if n in CONTRACT_SCRAPS])
def test_plain_papermill_with_a_parameter_file_from_the_repository_root(name, tmp_path):
    out = tmp_path / f"{name}.ipynb"
    result = subprocess.run(
        [
            str(Path(sys.executable).with_name("papermill")),
            f"notebooks/{name}.ipynb",
            str(out),
            "-f",
            f"parameters/wazemmes-moulins/{name}.yaml",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
