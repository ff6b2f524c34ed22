"""ghg_planning_options notebook: defaults equal the Concorde file; contract scraps (read from
the shared run of ``conftest.site_runs``)."""

import json
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
NB = REPO / "notebooks" / "ghg_planning_options.ipynb"


def test_parameters_cell_equals_concorde_file_and_no_outputs():
    from qsp_lib.runner import parameters_cell_defaults

    nb = json.loads(NB.read_text(encoding="utf-8"))
    cell = parameters_cell_defaults(nb)
    data = yaml.safe_load(
        (REPO / "parameters" / "concorde" / "ghg_planning_options.yaml").read_text("utf-8")
    )
    assert cell == data
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")


@pytest.mark.notebooks
@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_notebook_runs_and_glues_the_contract_scraps(site_runs, site):
    from qsp_lib.core import params as core_params
    from qsp_lib.core import scraps

    params = core_params.validate_file(
        "ghg_planning_options", REPO / "parameters" / site / "ghg_planning_options.yaml"
    )
    s = scraps.read(site_runs.site(site) / "ghg_planning_options.ipynb")
    # the options of the site model (site.yaml), by name
    names = params.option_names()
    assert names == [o.name for o in params.site_model.options.items]
    assert {r["option"] for r in s["ghg_totals"]} == set(names)
    assert set(s["ghg_totals"][0]) == {"option", "stage", "static_t_co2e", "dynamic_t_co2e"}
    for key in (
        "ghg_total_static_t_co2e",
        "ghg_total_dynamic_t_co2e",
        "ghg_p05_t_co2e",
        "ghg_p50_t_co2e",
        "ghg_p95_t_co2e",
        "ghg_payback_years",
        "ghg_buildings_static_t_co2e",
        "ghg_difference_p05_p50_p95",
    ):
        assert set(s[key]) == set(names), key
    assert s["ghg_best_option"] in names
    assert "ghg_prob_best" not in s
    for n in names:
        assert s["ghg_p05_t_co2e"][n] <= s["ghg_p50_t_co2e"][n] <= s["ghg_p95_t_co2e"][n]
        # dynamic weights are <= 1 and the storage is small: dynamic total below static
        assert s["ghg_total_dynamic_t_co2e"][n] < s["ghg_total_static_t_co2e"][n]
        # buildings and works exclude mobility
        assert s["ghg_buildings_static_t_co2e"][n] < s["ghg_total_static_t_co2e"][n]
        p05, p50, p95 = s["ghg_difference_p05_p50_p95"][n]
        assert p05 <= p50 <= p95
    ref = params.comparison_reference()
    assert s["ghg_difference_p05_p50_p95"][ref] == [0.0, 0.0, 0.0]
    # the scenario x option table: the base first, the reference option left out
    table = s["ghg_scenarios"]
    columns = ("difference_t_co2e_p05", "difference_t_co2e_p50", "difference_t_co2e_p95")
    assert {"scenario", "option", *columns} <= set(table[0])
    ids = ["base", *(sc.id for sc in params.scenarios)]
    assert list(dict.fromkeys(r["scenario"] for r in table)) == ids
    assert {r["option"] for r in table} == set(names) - {ref}
    assert all(r[columns[0]] <= r[columns[1]] <= r[columns[2]] for r in table)
    # each row's verdict, as the robustness wording reads it (P95 < 0, P5 > 0, else neither)
    for r in table:
        p05, p95 = r[columns[0]], r[columns[2]]
        assert r["verdict"] == ("lower" if p95 < 0 else "higher" if p05 > 0 else "indistinct")
    base = {r["option"]: [r[c] for c in columns] for r in table if r["scenario"] == "base"}
    assert base == {n: s["ghg_difference_p05_p50_p95"][n] for n in base}
    text = s["ghg_robust_conclusion"]
    assert isinstance(text, str) and all(n in text for n in base)
    assert "chances" not in text and "probabilit" not in text
    # the demolition stage takes the routes of the materials note of the same run
    materials = scraps.read(site_runs.site(site) / "circular_materials.ipynb")
    routes = {r["option"]: r["routes_t_co2e"] for r in materials["materials_by_option"]}
    assert s["ghg_demolition_routes_t_co2e"] == pytest.approx(routes)
