"""qsp_lib.synthesis.study (and the run folder it reads through qsp_lib.core.results): the
synthesis of a fixture run for each audience; a missing folder gives an empty synthesis,
not an error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from qsp_lib.core import params
from qsp_lib.core import results as run_outputs
from qsp_lib.synthesis import study

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402


def _parameters(folder: Path, audience: str = "comite_pilotage"):
    return params.validate(
        "committee_synthesis",
        {
            "outputs_dir": str(folder),
            "audience": audience,
            "reference_option": "Programme NPNRU signé",
        },
    )


def test_synthesis_of_the_fixture_run(tmp_path):
    folder = fx.write(tmp_path / "run")
    s = study.synthesise(_parameters(folder, "comite_pilotage"))
    assert s.show.one_page and s.counts.available == 4 and s.counts.missing_text == "Matériaux"
    assert fx.FAILED not in s.results
    buildings = 60397.2 + 19068.59 - 533.0  # works + energy + vegetation of NPNRU
    assert s.checks.pv_ghg.share == pytest.approx(24.7 * 50 / buildings)
    # previous run: PV 700 -> 741 MWh/an among 3 changed figures; the pilotage reads 3 rows
    assert s.changed.n_changed == 3 and s.changed.left_out == 0
    assert "Production annuelle" in set(s.changes["label"])
    assert len(s.changes_table) == 3


def test_no_run_folder_is_an_empty_synthesis(tmp_path):
    s = study.synthesise(_parameters(tmp_path / "nothing", "comite_suivi"))
    assert s.counts.empty and s.counts.expected == 5 and s.figures.empty
    assert not s.checks.pv_ghg.available and not s.changed.has_previous


def test_read_run_of_a_missing_folder_is_empty_not_an_error(tmp_path):
    run = run_outputs.read_run(tmp_path / "nothing")
    assert not run["exists"] and run["results"] == {} and run["run"] == {}
    assert run["problems"] == []


def test_read_run_reports_a_broken_file_and_reads_assumptions(tmp_path):
    fx.write(tmp_path)
    (tmp_path / "run.json").write_text("{not json", "utf-8")
    (tmp_path / "committee_synthesis.comite_pilotage.html").write_text("<html></html>")
    run = run_outputs.read_run(tmp_path)
    assert run["run"] == {} and "run.json" in run["problems"][0]
    assert run["key_figures"] == json.loads((tmp_path / "key_figures.json").read_text())
    assert run["previous"]["pv_yield"]["pv_annual_energy_kwh"] == 700_000.0
    assert "committee_synthesis.comite_pilotage" not in run["briefs"]
    assert run["assumptions"]["pv_yield"] == ["valeur illustrative de pv_yield."]


def test_outputs_dir_by_hand_and_from_the_runner(tmp_path, monkeypatch):
    monkeypatch.setenv("QSP_ROOT", str(tmp_path))
    model = params.validate("committee_synthesis", {"site": "wazemmes-moulins"})
    assert run_outputs.outputs_dir(model) == tmp_path / "outputs" / "wazemmes-moulins"
    model = params.validate("committee_synthesis", {"outputs_dir": str(tmp_path / "x")})
    assert run_outputs.outputs_dir(model) == tmp_path / "x"
