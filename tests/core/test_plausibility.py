"""Inputs that are valid but implausible are warned about (console and brief), not refused:
coordinates outside France or swapped, every population at zero, an empty ledger, an
overridden factor far outside its published range."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from qsp_lib.core import brief, params, reference
from qsp_lib.core import site as site_model

REPO = Path(__file__).resolve().parents[2]


def _concorde():
    return site_model.load(REPO / "parameters" / "concorde")


def test_real_sites_raise_no_warning():
    for site in ("concorde", "wazemmes-moulins"):
        for notebook in ("pia_followup", "evaluation_indicators", "pv_yield"):
            model = params.validate_file(notebook, REPO / "parameters" / site / f"{notebook}.yaml")
            assert params.plausibility(model) == [], (site, notebook)


def test_coordinates_swapped_or_outside_france():
    site = _concorde()  # Lille: 50,615 N ; 3,035 E
    assert site_model.in_france(50.615, 3.035) and not site_model.in_france(3.035, 50.615)
    swapped = site.model_copy(update={"latitude_deg": 3.035, "longitude_deg": 50.615})
    [(where, what)] = site_model.plausibility_warnings(swapped)
    assert "latitude_deg" in where and "inversées" in what
    madrid = site.model_copy(update={"latitude_deg": 40.42, "longitude_deg": -3.70})
    [(_, what)] = site_model.plausibility_warnings(madrid)
    assert "hors de France" in what
    reunion = site.model_copy(update={"latitude_deg": -20.88, "longitude_deg": 55.45})
    assert site_model.plausibility_warnings(reunion) == []


def test_every_population_at_zero():
    site = _concorde()
    zones = [z.model_copy(update={"residents": 0.0}) for z in site.population.zones]
    empty = site.model_copy(
        update={"population": site.population.model_copy(update={"zones": zones})}
    )
    [(where, what)] = site_model.plausibility_warnings(empty)
    assert "population.zones" in where and "population est nulle" in what
    one = [*zones[:-1], zones[-1].model_copy(update={"residents": 1.0})]
    some = site.model_copy(update={"population": site.population.model_copy(update={"zones": one})})
    assert site_model.plausibility_warnings(some) == []


def test_far_outside_the_published_range():
    table = reference.load_reference("materials_factors")
    key = table.index[0]
    low, high, value = (float(table.loc[key, c]) for c in ("low", "high", "value"))
    margin = max(high - low, 0.5 * abs(value))
    assert params.outside_published_range("materials_factors", key, high) is None
    assert params.outside_published_range("materials_factors", key, high + 0.99 * margin) is None
    found = params.outside_published_range("materials_factors", key, high + 1.01 * margin)
    assert found is not None and "très loin de la fourchette publiée" in found
    assert params.outside_published_range("materials_factors", "no-such-key", 1e9) is None


def _site_copy(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    shutil.copytree(REPO / "parameters" / "concorde", root / "parameters" / "concorde")
    (root / "notebooks").symlink_to(REPO / "notebooks")
    return root


def test_an_empty_ledger_is_valid_but_warned_in_console_and_brief(tmp_path):
    root = _site_copy(tmp_path)
    folder = root / "parameters" / "concorde"
    (folder / "pia_payments.csv").write_text("date,action_id,kind,amount_eur\n", encoding="utf-8")
    model = params.validate_file("pia_followup", folder / "pia_followup.yaml")
    [(where, what)] = params.plausibility(model)
    assert where.startswith("pia_payments.csv (payments_csv)") and "grand livre" in what
    box = brief.warning_box(params.plausibility(model))
    assert "<strong>Avertissement</strong>" in box and "Le grand livre" in box
    assert "payments_csv" not in box  # the brief speaks to a committee
    env = {"QSP_ROOT": str(root), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "qsp_lib.cli", "validate", "--site", "concorde"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Avertissement : pia_payments.csv (payments_csv), en-tête seul" in done.stderr
    assert "pia_payments.csv : lu : CSV ; séparateur « , », point décimal, UTF-8" in done.stdout


def test_no_box_without_warning():
    assert brief.warning_box([]) == ""


def test_an_overridden_emission_factor_ten_times_too_high_is_warned():
    """Natural gas at 2,27 kgCO2e/kWh (a slip of the decimal point: the DPE 2021 factor is
    0,227, published range 0,205 to 0,25 in ghg_factors.csv) is valid but warned."""
    folder = REPO / "parameters" / "concorde"
    data = params.load_yaml(folder / "ghg_planning_options.yaml")
    data["factors"] = {"carrier_kg_co2e_per_kwh": {"gas": 2.27}}
    model = params.validate("ghg_planning_options", data, site_dir=folder)
    [(where, what)] = params.plausibility(model)
    assert "factors (carrier_gas)" in where
    assert what.startswith("Gaz naturel : valeur retenue 2,27 kgCO2e/kWh, très loin")
    data["factors"] = {"carrier_kg_co2e_per_kwh": {"gas": 0.24}}  # within the range
    assert params.plausibility(params.validate("ghg_planning_options", data, site_dir=folder)) == []


def test_the_warnings_are_kept_in_run_json_and_shown_on_the_site_page(tmp_path):
    import json

    from conftest import run_qsp

    root = _site_copy(tmp_path)
    folder = root / "parameters" / "concorde"
    (folder / "pia_payments.csv").write_text("date,action_id,kind,amount_eur\n", encoding="utf-8")
    out = tmp_path / "out"
    done = run_qsp(root, "run", "--site", "concorde", "--only", "pia_followup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    entry = json.loads((out / "concorde" / "run.json").read_text())["pia_followup"]
    [warning] = entry["warnings"]
    assert warning["where"].startswith("pia_payments.csv") and "grand livre" in warning["what"]
    page = (out / "concorde" / "index.html").read_text(encoding="utf-8")
    assert "<strong>Avertissement</strong>" in page and "Le grand livre" in page
    assert "payments_csv" not in page.split("<footer")[0]  # the page speaks to a committee


def test_a_site_warning_goes_to_the_briefs_that_rest_on_its_block(tmp_path):
    import re

    root = _site_copy(tmp_path)
    folder = root / "parameters" / "concorde"
    text = (folder / "site.yaml").read_text(encoding="utf-8")
    (folder / "site.yaml").write_text(re.sub(r"residents: \d+", "residents: 0", text), "utf-8")
    health = params.validate_file("evaluation_indicators", folder / "evaluation_indicators.yaml")
    assert any("population est nulle" in what for _, what in params.plausibility(health))
    # the PV plant does not rest on the residents of the zones: no box on its brief
    pv = params.validate_file("pv_yield", folder / "pv_yield.yaml")
    assert not any("population" in what for _, what in params.plausibility(pv))
