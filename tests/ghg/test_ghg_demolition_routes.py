"""The demolition stage comes from the materials analysis's flows (issue 18, item 4): each
option's demolition = its demolished area x the on-site works factor + the emissions of the
routes of its materials (``routes_t_co2e`` of ``materials_by_option`` in the run folder);
absent, failed or incomplete, the all-in factor is kept and the brief says why.

Site of the hand calculations (``tmp_path``), study period N = 50 years from 2025, static
totals:

* W, 500 m², demolished by A (the reference) and by B in 2026 (study year 1);
* X, 1 000 m², kept by A, demolished by B over 2027-2028 (study years 2 and 3, 500 m² a
  year).

Hand-written materials results: routes of A 7 tCO2e, of B 30 tCO2e. Factors
(``ghg_factors.csv``): on-site works 3.4 kgCO2e/m² (RICS 2023), all in 20 kgCO2e/m²
(hypothèse, waste transport and treatment included).
"""

import json
from pathlib import Path

import pytest
import yaml

from qsp_lib.core import params
from qsp_lib.ghg import reference, wording
from qsp_lib.ghg import study as ghg_study
from qsp_lib.ghg.model.keys import PART_INDEX
from qsp_lib.ghg.model.lifecycle import DEMOLITION_ON_SITE, DEMOLITION_ROUTES

NB = "ghg_planning_options"
ON_SITE, ALL_IN = 3.4, 20.0  # kgCO2e/m², ghg_factors.csv (RICS 2023; hypothèse)
ROUTES = {"A": 7.0, "B": 30.0}  # tCO2e, hand-written materials results
AREA = {"A": 500.0, "B": 1500.0}  # m² demolished by each option

SITE = {
    "name": "Essai",
    "commune": "Lille",
    "latitude_deg": 50.6,
    "longitude_deg": 3.0,
    "population": {
        "persons_per_dwelling": 2.0,
        "zones": [{"id": "z", "name": "Z", "residents": 40}],
    },
    "options": {"items": [{"id": "a", "name": "A", "reference": True}, {"id": "b", "name": "B"}]},
    "buildings": {
        "items": [
            {
                "id": "w",
                "name": "W",
                "typology": "old",
                "living_area_m2": 500.0,
                "dwellings": 5,
                "heating_carrier": "district_heating",
                "construction_year": 1960,
                "fate": {
                    "a": {"fate": "demolish", "start_year": 2026, "end_year": 2026},
                    "b": {"fate": "demolish", "start_year": 2026, "end_year": 2026},
                },
            },
            {
                "id": "x",
                "name": "X",
                "typology": "old",
                "living_area_m2": 1000.0,
                "dwellings": 10,
                "heating_carrier": "district_heating",
                "construction_year": 1960,
                "fate": {
                    "a": {"fate": "keep"},
                    "b": {"fate": "demolish", "start_year": 2027, "end_year": 2028},
                },
            },
        ]
    },
}
GHG = {
    "site": "essai",
    "study_period_years": 50,
    "start_year": 2025,
    "monte_carlo_draws": 200,
    "scenario_draws": 100,
    "typologies": {"old": {"energy_kwh_per_m2_year": 170.0}},
}
WHEN = "2026-12-05T09:25:21+00:00"


def _params(tmp_path: Path, run: Path, **edits):
    folder = tmp_path / "essai"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(yaml.safe_dump(SITE, allow_unicode=True), "utf-8")
    path = folder / f"{NB}.yaml"
    path.write_text(yaml.safe_dump({**GHG, **edits}, allow_unicode=True), "utf-8")
    return params.validate_file(NB, path).model_copy(update={"outputs_dir": str(run)})


def _write_run(folder: Path, routes=ROUTES, status="ok", column="routes_t_co2e") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    rows = [
        {"option": o, "total_t": 1.0, "avoided_net_t_co2e": 1.0, column: t}
        for o, t in routes.items()
    ]
    results = {"circular_materials": {"materials_by_option": rows}}
    run = {"circular_materials": {"status": status, "executed_at": WHEN}}
    (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")
    (folder / "run.json").write_text(json.dumps(run), encoding="utf-8")


def _demolition(P, routes=None) -> dict[str, float]:
    """Demolition part of each option, static [tCO2e]."""
    model = ghg_study.model_from_parameters(P, None, routes)
    by_part = ghg_study.totals(P, model).buildings_by_part
    return by_part["demolition"].to_dict()


def test_the_factors_are_those_of_the_reference_table():
    f = reference.ghg_factors()
    assert f.at[DEMOLITION_ON_SITE, "value"] == ON_SITE
    assert f.at["embodied_demolition", "value"] == ALL_IN
    assert f.at[DEMOLITION_ON_SITE, "low"] < ON_SITE < f.at[DEMOLITION_ON_SITE, "high"]
    assert "RICS" in f.at[DEMOLITION_ON_SITE, "source"]


def test_demolition_is_the_on_site_works_plus_the_routes_of_the_same_run(tmp_path):
    _write_run(tmp_path / "run")
    P = _params(tmp_path, tmp_path / "run")
    routes = ghg_study.demolition_routes(P)
    assert routes.missing is None and routes.by_option == ROUTES
    assert routes.executed_at == WHEN
    got = _demolition(P, routes)
    for o in ("A", "B"):
        assert got[o] == pytest.approx(AREA[o] * ON_SITE / 1000 + ROUTES[o])
    # without the flows: the all-in factor, as before
    plain = _demolition(P)
    for o in ("A", "B"):
        assert plain[o] == pytest.approx(AREA[o] * ALL_IN / 1000)


def test_no_double_counting_and_the_routes_follow_the_demolition_years(tmp_path):
    _write_run(tmp_path / "run")
    P = _params(tmp_path, tmp_path / "run")
    model = ghg_study.model_from_parameters(P, None, ghg_study.demolition_routes(P))
    k = model.factor_keys.index
    demolition = model.coef[:, PART_INDEX["demolition"]]
    # the all-in factor is not used with the flows
    assert not demolition[..., k("embodied_demolition")].any()
    # B: W's share 30 x 500 / 1 500 = 10 in 2026 (year 1); X's 20 over 2027 and 2028
    b = model.options.index("B")
    assert demolition[b, 1:4, k(DEMOLITION_ROUTES)].tolist() == pytest.approx([10, 10, 10])
    assert demolition[model.options.index("A"), 1, k(DEMOLITION_ROUTES)] == pytest.approx(7)
    # the routes' part is fixed (central value), the on-site works keep their range
    f = model.factors
    assert f.at[DEMOLITION_ROUTES, "low"] == f.at[DEMOLITION_ROUTES, "high"] == 1.0
    assert f.at[DEMOLITION_ON_SITE, "low"] < f.at[DEMOLITION_ON_SITE, "high"]


def test_a_kept_structure_demolished_later_keeps_the_all_in_factor(tmp_path):
    """X kept by A and demolished at the end of the period: no materials flow covers it, so
    its 1 000 m² take the all-in factor beside W's on-site works and A's routes."""
    _write_run(tmp_path / "run")
    P = _params(
        tmp_path, tmp_path / "run", boundaries={"kept_stock_end_of_life": "demolished_at_year"}
    )
    got = _demolition(P, ghg_study.demolition_routes(P))
    assert got["A"] == pytest.approx(500 * ON_SITE / 1000 + 7 + 1000 * ALL_IN / 1000)
    assert got["B"] == pytest.approx(1500 * ON_SITE / 1000 + 30)


@pytest.mark.parametrize(
    ("status", "routes", "column", "missing"),
    [
        ("failed", ROUTES, "routes_t_co2e", "failed"),
        ("ok", {"A": 7.0}, "routes_t_co2e", "incomplete"),
        ("ok", ROUTES, "other_column", "incomplete"),
        (None, None, None, "absent"),
    ],
)
def test_without_the_flows_the_all_in_factor_is_kept_and_said(
    tmp_path, status, routes, column, missing
):
    run = tmp_path / "run"
    if status is not None:
        _write_run(run, routes, status, column)
    P = _params(tmp_path, run)
    got = ghg_study.demolition_routes(P)
    assert got.by_option == {} and got.missing == missing
    model = ghg_study.model_from_parameters(P, None, got)
    assert _demolition(P, got) == pytest.approx({o: AREA[o] * ALL_IN / 1000 for o in AREA})
    assert DEMOLITION_ROUTES not in model.factor_keys
    src = ghg_study.sources(P, model, None, got).set_index("item")
    row = src.loc[src.index.str.startswith("Transport et traitement des matériaux démolis")]
    assert row["note"].iloc[0] == "non repris : " + wording.ROUTES_MISSING_FR[missing]
    # the factor used is listed, the unused on-site one is not
    labels = reference.ghg_factors()["label"]
    assert labels["embodied_demolition"] in src.index
    assert labels[DEMOLITION_ON_SITE] not in src.index


def test_the_study_counts_the_flows_everywhere_and_says_where_they_come_from(tmp_path):
    _write_run(tmp_path / "run")
    P = _params(tmp_path, tmp_path / "run")
    study = ghg_study.run(P)
    assert study.demolition_routes.by_option == ROUTES
    by_part = study.totals.buildings_by_part["demolition"]
    assert by_part["B"] - by_part["A"] == pytest.approx(1000 * ON_SITE / 1000 + 30 - 7)
    # the base scenario's central gap carries the same demolition
    base = study.scenarios.table.set_index(["scenario", "option"])
    assert base.at[("base", "B"), "central_t_co2e"] == pytest.approx(
        study.totals.lead["B"] - study.totals.lead["A"]
    )
    a = study.assumptions
    assert a.demolition_on_site and (a.demolition_low, a.demolition_high) == (2.0, 10.0)
    src = study.sources.set_index("item")
    row = src.loc[src.index.str.startswith("Transport et traitement des matériaux démolis")]
    assert row["value"].iloc[0] == wording.routes_phrase(ROUTES) == "A : 7 tCO2e ; B : 30 tCO2e"
    assert "05/12/2026 à 09:25" in row["source"].iloc[0]
    labels = reference.ghg_factors()["label"]
    assert labels[DEMOLITION_ON_SITE] in src.index
    assert labels["embodied_demolition"] not in src.index


def test_the_on_site_factor_is_drawn_last_and_leaves_the_other_draws_unchanged(tmp_path):
    """Same seed, with and without the new factor: every other factor's draws are equal
    (Concorde: its carrier trajectories add drawn rows after the reference table's)."""
    from types import SimpleNamespace

    from qsp_lib.ghg.model.montecarlo import sample_factors

    REPO = Path(__file__).resolve().parents[2]
    P = params.validate_file(NB, REPO / "parameters" / "concorde" / f"{NB}.yaml")
    assert P.trajectories.model_dump()
    model = ghg_study.model_from_parameters(P)
    with_it = sample_factors(model, 50, 7)
    without = sample_factors(SimpleNamespace(factors=model.factors.drop(DEMOLITION_ON_SITE)), 50, 7)
    assert set(with_it) - set(without) == {DEMOLITION_ON_SITE}
    for key, draws in without.items():
        assert (with_it[key] == draws).all(), key
