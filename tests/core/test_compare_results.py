"""tools/compare_results.py: the scrap-by-scrap check used when refactoring notebooks."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cmp():
    spec = importlib.util.spec_from_file_location(
        "compare_results", REPO / "tools" / "compare_results.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


OLD = {
    "pv_yield": {
        "pv_annual_energy_kwh": 1234.5678,
        "pv_revenue_year1_eur": None,
        "pv_label": "Talus",
        "pv_monthly": [{"month": 1, "energy_kwh": 10.0}, {"month": 2, "energy_kwh": 20.0}],
        "pv_totals": {"A": 1.0, "B": 2.0},
    }
}


def _write(tmp_path: Path, name: str, data: dict) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def test_identical_within_1e9_exit_0(cmp, tmp_path, capsys):
    new = json.loads(json.dumps(OLD))
    new["pv_yield"]["pv_annual_energy_kwh"] *= 1 + 5e-10
    code = cmp.main([str(_write(tmp_path, "a.json", OLD)), str(_write(tmp_path, "b.json", new))])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "5 identical, 0 different" in out


def test_a_changed_record_a_missing_scrap_and_a_small_drift_fail(cmp, tmp_path, capsys):
    new = json.loads(json.dumps(OLD))
    new["pv_yield"]["pv_monthly"][1]["energy_kwh"] = 20.1
    new["pv_yield"]["pv_annual_energy_kwh"] *= 1 + 1e-8  # above 1e-9
    del new["pv_yield"]["pv_label"]
    new["pv_yield"]["pv_totals"]["B"] = "2"
    code = cmp.main([str(_write(tmp_path, "a.json", OLD)), str(_write(tmp_path, "b.json", new))])
    out = capsys.readouterr().out
    assert code == 1
    assert "pv_yield.pv_monthly" in out and "[1]['energy_kwh']: 20.0 != 20.1" in out
    assert "pv_yield.pv_label" in out and "absent from new" in out
    assert "pv_yield.pv_annual_energy_kwh  DIFFERENT" in out
    assert "['B']: 2.0 != '2'" in out


def test_only_restricts_the_notebooks(cmp):
    new = {"pv_yield": OLD["pv_yield"]}
    old = dict(OLD, ghg_planning_options={"ghg_best_option": "Réhabilitation"})
    assert all(r[2] == "identical" for r in cmp.compare(old, new, only=["pv_yield"]))
    assert ("ghg_planning_options", "*", "MISSING") == cmp.compare(old, new)[0][:3]


def test_none_and_bool_are_not_numbers(cmp):
    assert cmp.differences(None, 0.0)
    assert cmp.differences(True, 1)
    assert not cmp.differences(float("nan"), float("nan"))
