"""The domain notebooks, end to end, through the public contract: parameter files of both
sites validate, notebook defaults equal the Concorde parameter file, ``qsp run`` renders a
brief per notebook with every contract scrap (the shared run of ``conftest.site_runs``), and
plain papermill works from the root."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from qsp_lib import runner
from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]
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
        "pv_lifetime_years",
        "pv_monthly",
    },
    "ghg_planning_options": {
        "ghg_totals",
        "ghg_total_static_t_co2e",
        "ghg_total_dynamic_t_co2e",
        "ghg_buildings_static_t_co2e",
        "ghg_p05_t_co2e",
        "ghg_p50_t_co2e",
        "ghg_p95_t_co2e",
        "ghg_best_option",
        "ghg_scenarios",
        "ghg_robust_conclusion",
        "ghg_payback_years",
        "ghg_difference_p05_p50_p95",
    },
    "circular_materials": {
        "materials_total_t",
        "materials_by_route_t",
        "materials_recovery_rate",
        "materials_reuse_rate",
        "materials_landfill_t",
        "materials_avoided_t_co2e",
        "materials_berm_fill_coverage",
        "materials_balance",
        "materials_reuse_t",
        "materials_recycling_t",
        "materials_backfilling_t",
        "materials_energy_recovery_t",
        "materials_disposal_t",
        "materials_avoided_net_t_co2e",
        "materials_by_option",
    },
    "pia_followup": {
        "pia_convention_eur",
        "pia_committed_eur",
        "pia_paid_eur",
        "pia_committed_rate",
        "pia_paid_rate",
        "pia_at_risk_eur",
        "pia_late_actions",
        "pia_alerts",
        "pia_by_action",
    },
    "evaluation_indicators": {
        "health_pop_above_lden53",
        "health_pop_lden65",
        "noise_residents_by_band",
        "health_highly_annoyed",
        "health_highly_sleep_disturbed",
        "health_ihd_cases_per_year",
        "health_pm25_deaths_per_year",
        "health_no2_deaths_per_year",
        "noise_berm_insertion_loss_dba",
        "indicators_status",
        "pilots_status",
        "evaluation_measurements",
    },
    "committee_synthesis": {"synthesis_key_figures"},
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


@pytest.mark.notebooks
@pytest.mark.parametrize("site", SITES)
def test_qsp_run_renders_every_brief_with_its_contract_scraps(site, site_runs):
    out = site_runs.site(site)
    run = json.loads((out / "run.json").read_text())
    assert site_runs.returncode == 0, (site_runs.stderr, run)
    results = json.loads((out / "results.json").read_text())
    specs = runner.discover(REPO / "notebooks")
    for name in NOTEBOOKS:
        if not (REPO / "parameters" / site / f"{name}.yaml").exists():
            continue
        assert run[name]["status"] == "ok"
        assert CONTRACT_SCRAPS.get(name, set()) <= set(results[name]), name
        # A notebook with variants (the synthesis' audiences) renders one brief per value.
        for _, stem in specs[name].stems():
            html = (out / f"{stem}.html").read_text()
            assert "En bref" in html and "Hypothèses et sources" in html, stem
            assert "Provenance" in html, stem
            # Key-figure cards (the synthesis' theme boxes are cards with one more class).
            cards = len(re.findall(r'class="qsp-card(?: [^"]*)?"', html))
            assert 3 <= cards <= 6, (stem, cards)
            assert not re.search(r"Traceback|Warning|In&nbsp;\[", html), stem
    assert (out / "index.html").is_file()


@pytest.mark.notebooks
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


@pytest.mark.notebooks
def test_a_new_site_with_only_required_parameters(tmp_path):
    """A site folder holding only the required parameters runs with the schema defaults (the
    Concorde values of the notebooks' parameters cells do not leak) and gives results that
    can be checked by hand."""
    import pandas as pd
    import pvlib

    root = tmp_path / "proj"
    (root / "notebooks").mkdir(parents=True)
    for name in ("pv_yield", "ghg_planning_options"):
        (root / "notebooks" / f"{name}.ipynb").symlink_to(REPO / "notebooks" / f"{name}.ipynb")
    site = root / "parameters" / "petit-site"
    (site / "meteo").mkdir(parents=True)
    tmy3 = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"
    (site / "meteo" / "tmy3.csv").write_bytes(tmy3.read_bytes())
    (site / "pv_yield.yaml").write_text(
        "weather: {source: file, path: meteo/tmy3.csv, format: tmy3}\n"
        "arrays:\n  - {name: Toit, surface_tilt_deg: 30, surface_azimuth_deg: 180,"
        " peak_power_kwp: 100}\n"
    )
    # the site model (its location at Greensboro, for the PV note): one new building of
    # 1,000 m² heated by gas, built in 2025
    (site / "site.yaml").write_text(
        "name: Petit site\ncommune: Lille\nlatitude_deg: 35.9\nlongitude_deg: -79.9\n"
        "population:\n  persons_per_dwelling: 2.0\n"
        "  zones: [{id: tout, name: Tout le site, residents: 100}]\n"
        "options:\n  items: [{id: neuf, name: Neuf, reference: true}]\n"
        "buildings:\n  items:\n    - {id: immeuble, name: Immeuble, typology: neuf,"
        " living_area_m2: 1000, dwellings: 15, heating_carrier: gas,"
        " fate: {neuf: {fate: new, start_year: 2025, end_year: 2025}}}\n"
    )
    (site / "ghg_planning_options.yaml").write_text(
        "typologies:\n  neuf: {energy_kwh_per_m2_year: 50}\n"
    )
    env = dict(os.environ, QSP_ROOT=str(root))
    result = subprocess.run(
        [sys.executable, "-m", "qsp_lib.cli", "run", "--site", "petit-site"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    results = json.loads((root / "outputs" / "petit-site" / "results.json").read_text())

    pv = results["pv_yield"]
    assert pv["pv_peak_power_kwp"] == pytest.approx(100)
    ghi = pd.read_csv(tmy3, skiprows=1)["GHI (W/m^2)"].sum() / 1000  # hourly Wh/m2 -> kWh/m2
    assert pv["pv_ghi_annual_kwh_m2"] == pytest.approx(ghi, rel=0.005)
    assert pv["pv_specific_yield_kwh_per_kwp"] == pytest.approx(
        pv["pv_annual_energy_kwh"] / 100, rel=1e-6
    )
    assert 0.7 < pv["pv_performance_ratio"] < 0.9
    assert pv["pv_p90_annual_energy_kwh"] < pv["pv_annual_energy_kwh"]
    assert sum(r["energy_kwh"] for r in pv["pv_monthly"]) == pytest.approx(
        pv["pv_annual_energy_kwh"], rel=1e-6
    )

    ghg = results["ghg_planning_options"]
    # works: new build at the RE2020 threshold of its permit year (2025 - 2 = 2023: 740
    # kgCO2e/m2, arrêté du 4 août 2021), a dynamic value; its static equivalent divides by
    # 0.80 + 0.13 f(25) + 0.07 f(50) (life-cycle split of ghg_factors.csv; RE2020 weights
    # f(25) = 0.7980, f(50) = 0.5781); operation: 1000 m2 x 50 kWh x 0.227 kgCO2e/kWh (gas,
    # DPE 2021) x 50 years; no trajectory for gas
    ratio = 0.80 + 0.13 * 0.7980 + 0.07 * 0.5781
    expected = 1000 * 740 / ratio / 1000 + 1000 * 50 * 0.227 * 50 / 1000
    assert ghg["ghg_total_static_t_co2e"]["Neuf"] == pytest.approx(expected, rel=1e-4)
    assert ghg["ghg_best_option"] == "Neuf"
