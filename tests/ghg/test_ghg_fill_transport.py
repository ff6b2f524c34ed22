"""The transport of the berm's imported fill comes from the materials analysis's results
(``materials_fill_balance`` in the run folder): each option's total rises by exactly its
``import_transport_t_co2e``; absent or failed, nothing is counted and the brief says so."""

import json
from pathlib import Path

import pytest

from qsp_lib.core import params
from qsp_lib.ghg import study as ghg_study
from qsp_lib.ghg import wording

REPO = Path(__file__).resolve().parents[2]
#: Hand-made transport of each option [tCO2e], by position in the site model.
TRANSPORT = (1000.0, 2500.0, 40.0)


def _concorde(outputs_dir: Path):
    p = params.validate_file(
        "ghg_planning_options", REPO / "parameters" / "concorde" / "ghg_planning_options.yaml"
    )
    return p.model_copy(update={"outputs_dir": str(outputs_dir), "monte_carlo_draws": 200})


def _write_run(folder: Path, names, status="ok", balance=True) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {
            "option": name,
            "fill_m3": 280000.0,
            "site_material_t": 0.0,
            "imported_fill_t": 1.0,
            "import_transport_t_co2e": t,
        }
        for name, t in zip(names, TRANSPORT, strict=False)
    ]
    results = {"circular_materials": {"materials_fill_balance": rows} if balance else {}}
    run = {"circular_materials": {"status": status, "executed_at": "2026-12-05T09:25:21+00:00"}}
    (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")
    (folder / "run.json").write_text(json.dumps(run), encoding="utf-8")


def test_each_total_rises_by_exactly_its_transport(tmp_path):
    absent = _concorde(tmp_path / "empty")
    names = absent.option_names()
    assert len(names) == len(TRANSPORT)
    _write_run(tmp_path / "run", names)
    given = _concorde(tmp_path / "run")
    before = ghg_study.totals(absent, ghg_study.model_from_parameters(absent))
    fill = ghg_study.fill_transport(given)
    assert fill.missing is None and fill.by_option == dict(zip(names, TRANSPORT, strict=True))
    after = ghg_study.totals(given, ghg_study.model_from_parameters(given, fill))
    for name, t in zip(names, TRANSPORT, strict=True):
        assert after.static[name] - before.static[name] == pytest.approx(t)
        assert after.buildings_static[name] - before.buildings_static[name] == pytest.approx(t)
        # a line of the outdoor works
        diff = after.buildings_by_part.loc[name] - before.buildings_by_part.loc[name]
        assert diff["outdoor"] == pytest.approx(t) and diff.drop("outdoor").abs().max() < 1e-6
    # the sources say which run was read
    src = ghg_study.sources(given, ghg_study.model_from_parameters(given, fill), fill)
    row = src[src["item"].str.startswith("Transport du remblai importé")].iloc[0]
    assert "05/12/2026 à 09:25" in row["source"]
    assert row["value"] == wording.fill_transport_phrase(fill.by_option)


@pytest.mark.parametrize(
    ("status", "balance", "missing"),
    [("ok", False, "absent"), ("failed", True, "failed"), (None, None, "absent")],
)
def test_absent_or_failed_counts_nothing_and_says_why(tmp_path, status, balance, missing):
    folder = tmp_path / "run"
    if status is not None:
        _write_run(folder, _concorde(folder).option_names(), status=status, balance=balance)
    p = _concorde(folder)
    fill = ghg_study.fill_transport(p)
    assert fill.by_option == {} and fill.missing == missing
    plain = _concorde(tmp_path / "elsewhere")
    assert ghg_study.totals(p, ghg_study.model_from_parameters(p, fill)).static == (
        ghg_study.totals(plain, ghg_study.model_from_parameters(plain)).static
    )
    src = ghg_study.sources(p, ghg_study.model_from_parameters(p, fill), fill)
    note = src[src["item"].str.startswith("Transport du remblai importé")]["note"].iloc[0]
    assert note == "non compté : " + wording.FILL_MISSING_FR[missing]


def test_a_balance_missing_an_option_counts_nothing(tmp_path):
    p = _concorde(tmp_path)
    _write_run(tmp_path, p.option_names()[:-1])
    fill = ghg_study.fill_transport(p)
    assert fill.by_option == {} and fill.missing == "incomplete"


def test_residents_by_option_are_those_of_the_site_model(tmp_path):
    p = _concorde(tmp_path)
    site = p.site_model
    got = ghg_study.residents_by_option(p)
    assert list(got) == p.option_names()
    for o in site.options.items:
        assert got[o.name] == pytest.approx(site.future_residents(o.id))


def test_a_reused_materials_run_counts_like_a_fresh_one(tmp_path):
    """``qsp run`` marks an unchanged notebook ``reused``: its results are this run's."""
    names = _concorde(tmp_path / "empty").option_names()
    _write_run(tmp_path / "run", names, status="reused")
    fill = ghg_study.fill_transport(_concorde(tmp_path / "run"))
    assert fill.missing is None and fill.by_option == dict(zip(names, TRANSPORT, strict=True))
