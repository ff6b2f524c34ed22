"""Structural scenarios of the GHG analysis (issue 18): each one moves the gap to the
reference as a hand calculation on a two-option, three-building site says; unknown keys of a
scenario are refused naming the file, the scenario and the key; the conclusion is worded by
robustness on hand-made tables.

Site of the hand calculations (``tmp_path``), study period N = 50 years from 2025, no
carrier trajectory (constant central factors), static totals:

* X, 1 000 m² of existing stock at 170 kWh/m²/yr on district heating: kept by A (the
  reference), demolished by B in 2027 (study year 2: heated in years 1 and 2);
* Z, 1 000 m² new in A in 2032 (study year 7, permit 2030);
* Y, 1 000 m² new in B in 2029 (study year 4, permit 2027), 50 kWh/m²/yr.
"""

from pathlib import Path

import pandas as pd
import pytest
import yaml

from qsp_lib.core import params
from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import study as ghg_study
from qsp_lib.ghg import wording
from qsp_lib.ghg.model.robustness import P05, P50, P95, robustness
from qsp_lib.ghg.schema import Scenario

NB = "ghg_planning_options"
N, AREA, OLD_KWH, NEW_KWH = 50, 1000.0, 170.0, 50.0

SITE = {
    "name": "Essai",
    "commune": "Lille",
    "latitude_deg": 50.6,
    "longitude_deg": 3.0,
    "population": {
        "persons_per_dwelling": 2.0,
        "zones": [{"id": "z", "name": "Z", "residents": 40}],
    },
    "options": {
        "items": [
            {"id": "a", "name": "A", "reference": True},
            {"id": "b", "name": "B"},
        ]
    },
    "buildings": {
        "items": [
            {
                "id": "x",
                "name": "X",
                "typology": "old",
                "living_area_m2": AREA,
                "dwellings": 10,
                "heating_carrier": "district_heating",
                "fate": {
                    "a": {"fate": "keep"},
                    "b": {"fate": "demolish", "start_year": 2027, "end_year": 2027},
                },
            },
            {
                "id": "z",
                "name": "Z",
                "typology": "new",
                "living_area_m2": AREA,
                "dwellings": 10,
                "heating_carrier": "district_heating",
                "fate": {
                    "a": {"fate": "new", "start_year": 2032, "end_year": 2032},
                    "b": {"fate": "absent"},
                },
            },
            {
                "id": "y",
                "name": "Y",
                "typology": "new",
                "living_area_m2": AREA,
                "dwellings": 10,
                "heating_carrier": "district_heating",
                "fate": {
                    "a": {"fate": "absent"},
                    "b": {"fate": "new", "start_year": 2029, "end_year": 2029},
                },
            },
        ]
    },
}
GHG = {
    "site": "essai",
    "study_period_years": N,
    "start_year": 2025,
    "monte_carlo_draws": 200,
    "scenario_draws": 100,
    "typologies": {
        "old": {"energy_kwh_per_m2_year": OLD_KWH},
        "new": {"energy_kwh_per_m2_year": NEW_KWH},
    },
    "equal_service": {"rehoused_heated_kwh_per_m2_year": OLD_KWH},
}


def _params(tmp_path: Path, **edits):
    folder = tmp_path / "essai"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yaml").write_text(yaml.safe_dump(SITE, allow_unicode=True), "utf-8")
    path = folder / f"{NB}.yaml"
    path.write_text(yaml.safe_dump({**GHG, **edits}, allow_unicode=True), "utf-8")
    return params.validate_file(NB, path)


def _gap(P) -> float:
    """Central static gap B - A [tCO2e]."""
    model = ghg_study.model_from_parameters(P)
    tot = ghg.option_totals(ghg.totals(model), "static")
    return tot["B"] - tot["A"]


def _factor(P, key) -> float:
    return float(ghg_study.model_from_parameters(P).factors.at[key, "value"])


def _scenario(P, **changes):
    return P.scenario_parameters(Scenario(id="s", name="S", changes=changes))


def test_existing_stock_on_gas_until_works_raises_the_option_that_keeps_it_longest(tmp_path):
    P = _params(tmp_path)
    gas = _scenario(P, heating={"existing_before_works": "gas"})
    delta_f = _factor(P, "carrier_gas") - _factor(P, "carrier_district_heating")  # kg/kWh
    # A heats X in years 1..50, B in years 1..2: B - A falls by area x kWh x delta_f x 48
    expected = -AREA * OLD_KWH * delta_f * (N - 2) / 1000
    assert delta_f > 0
    assert _gap(gas) - _gap(P) == pytest.approx(expected, rel=1e-9)


def test_all_gas_also_moves_the_new_build_by_its_heated_years(tmp_path):
    P = _params(tmp_path)
    gas = _scenario(P, heating={"existing_before_works": "gas", "after_works": "gas"})
    delta_f = _factor(P, "carrier_gas") - _factor(P, "carrier_district_heating")
    # existing as above; new build: B's Y heated years 5..50 (46), A's Z years 8..50 (43)
    expected = (-AREA * OLD_KWH * (N - 2) + AREA * NEW_KWH * (46 - 43)) * delta_f / 1000
    assert _gap(gas) - _gap(P) == pytest.approx(expected, rel=1e-9)


def test_aligned_phasing_gives_the_new_build_the_reference_calendar_and_threshold(tmp_path):
    P = _params(tmp_path)
    aligned = _scenario(P, new_build_phasing="aligned_with_reference")
    thresholds = {
        r["option"]: r["threshold_kg_co2e_per_m2"]
        for r in ghg_study.model_from_parameters(P).new_build
    }
    after = {
        r["option"]: (r["works_calendar_year"], r["threshold_kg_co2e_per_m2"])
        for r in ghg_study.model_from_parameters(aligned).new_build
    }
    # own calendar: B's permit 2027 -> RE2020 threshold from 2025 (650); aligned on A's new
    # build (works 2032, permit 2030) -> threshold from 2028 (580), like A
    assert thresholds == {"A": 580.0, "B": 650.0}
    assert after["B"] == (2032, 580.0) and after["A"] == (2032, 580.0)
    model0 = ghg_study.model_from_parameters(P)
    model1 = ghg_study.model_from_parameters(aligned)
    parts0 = ghg.lifecycle_totals(model0).set_index(["option", "part"])["static_t_co2e"]
    parts1 = ghg.lifecycle_totals(model1).set_index(["option", "part"])["static_t_co2e"]
    # embodied carbon of new build scales with the threshold
    assert parts1["B", "construction"] == pytest.approx(parts0["B", "construction"] * 580 / 650)
    # Y heated from year 8 instead of 5: 3 years x area x kWh x factor less
    f_dh = _factor(P, "carrier_district_heating")
    assert parts1["B", "operation_energy"] - parts0["B", "operation_energy"] == pytest.approx(
        -3 * AREA * NEW_KWH * f_dh / 1000
    )
    assert parts1.loc["A"].to_numpy() == pytest.approx(parts0.loc["A"].to_numpy())


def test_equal_service_heats_the_rehoused_households_until_the_new_dwellings(tmp_path):
    P = _params(tmp_path)
    equal = _scenario(P, equal_service={"count_rehoused": True})
    f_dh = _factor(P, "carrier_district_heating")
    # X demolished in year 2, Y delivered after year 4: rehoused in years 3 and 4
    expected = AREA * OLD_KWH * f_dh * 2 / 1000
    assert _gap(equal) - _gap(P) == pytest.approx(expected, rel=1e-9)
    # stated carrier and intensity
    gas = _scenario(
        P,
        equal_service={
            "count_rehoused": True,
            "rehoused_heated_kwh_per_m2_year": 100,
            "rehoused_carrier": "gas",
        },
    )
    assert _gap(gas) - _gap(P) == pytest.approx(AREA * 100 * _factor(P, "carrier_gas") * 2 / 1000)


def test_rehoused_area_is_demolished_minus_delivered_never_negative():
    stocks = [
        {"works": "demolition", "floor_area_m2": 600.0, "works_year": 1, "works_year_end": 2},
        {"works": "new", "floor_area_m2": 900.0, "works_year": 3, "works_year_end": 3},
    ]
    from qsp_lib.ghg.model.service import rehoused_area

    area = rehoused_area([{**s, "carrier_before": "gas"} for s in stocks], n=5)["gas"]
    # 300 m2 demolished in year 1 (gone from year 2), 300 more in year 2 (gone from year 3);
    # 900 m2 new built in year 3 (heated from year 4)
    assert area.tolist() == [0.0, 0.0, 300.0, 600.0, 0.0, 0.0]
    assert rehoused_area([{"works": "new", "floor_area_m2": 1.0}], n=3) == {}


def test_scenario_table_leaves_the_reference_out_and_keeps_the_base_numbers(tmp_path):
    P = _params(
        tmp_path,
        scenarios=[
            {"id": "gaz", "name": "Gaz", "changes": {"heating": {"existing_before_works": "gas"}}},
            {"id": "egal", "name": "Égal", "changes": {"equal_service": {"count_rehoused": True}}},
        ],
    )
    study = ghg_study.run(P)
    scn = study.scenarios
    assert [s.id for s in scn.items] == ["base", "gaz", "egal"]
    assert list(scn.table["scenario"]) == ["base", "gaz", "egal"]
    assert set(scn.table["option"]) == {"B"}
    base = scn.table.set_index("scenario").loc["base"]
    diff = study.uncertainty.differences.loc["B"]
    assert base[P05] == diff["p05_t_co2e"] and base[P95] == diff["p95_t_co2e"]
    assert base["central_t_co2e"] == pytest.approx(_gap(P))
    gaz = scn.table.set_index("scenario").loc["gaz"]
    assert gaz["central_t_co2e"] == pytest.approx(_gap(P.scenario_parameters(P.scenarios[0])))
    assert gaz[P05] <= gaz[P50] <= gaz[P95]
    # same seed: a scenario without changes reproduces the base draw for draw
    same = ghg_study.scenarios(P.model_copy(update={"scenarios": [Scenario(id="x", name="X")]}))
    rows = same.table.set_index("scenario")
    assert rows.loc["base", P50] == rows.loc["x", P50]


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        (
            {"heating": {"existing_before_work": "gas"}},
            "clé inconnue changes.heating.existing_before_work",
        ),
        ({"heatin": {}}, "clé inconnue changes.heatin"),
        ({"heating": {"after_works": "charbon"}}, "changes.heating.after_works"),
        ({"seed": 1}, "changes.seed : ne peut pas varier"),
        ({"reference_option": "b"}, "changes.reference_option : ne peut pas varier"),
    ],
)
def test_a_bad_scenario_is_refused_naming_file_scenario_and_key(tmp_path, changes, says):
    with pytest.raises(params.ParameterError) as exc:
        _params(tmp_path, scenarios=[{"id": "mauvais", "name": "M", "changes": changes}])
    text = str(exc.value)
    assert f"{NB}.yaml" in text and "scénario mauvais" in text and says in text


def test_duplicate_or_reserved_scenario_ids_are_refused(tmp_path):
    for ids in (["a", "a"], ["base"]):
        with pytest.raises(params.ParameterError, match="id de scénario en double ou réservé"):
            _params(tmp_path, scenarios=[{"id": i, "name": i} for i in ids])


def _table(rows):
    return pd.DataFrame(rows, columns=["scenario", "option", P05, P50, P95])


def test_robustness_on_hand_made_tables():
    t = _table(
        [
            ("base", "R", -30.0, -20.0, -1.0),
            ("base", "D", 5.0, 10.0, 20.0),
            ("base", "I", -5.0, 1.0, 8.0),
            ("gaz", "R", -50.0, -30.0, -10.0),
            ("gaz", "D", -40.0, -30.0, -20.0),
            ("gaz", "I", -9.0, 0.0, 9.0),
            ("phasage", "R", -9.0, -5.0, -0.5),
            ("phasage", "D", -1.0, 4.0, 9.0),
            ("phasage", "I", -2.0, 0.0, 0.0),  # P95 = 0 is not below zero: straddles
        ]
    )
    r = {x.option: x for x in robustness(t)}
    assert r["R"].verdict == "lower" and r["R"].flipping == ()
    assert r["D"].verdict == "depends" and r["D"].base == "higher"
    assert r["D"].flipping == ("gaz", "phasage")
    assert dict(r["D"].by_scenario) == {"base": "higher", "gaz": "lower", "phasage": "indistinct"}
    assert r["I"].verdict == "indistinct"
    higher = robustness(_table([("base", "H", 1.0, 2.0, 3.0), ("s", "H", 0.5, 2.0, 3.0)]))
    assert higher[0].verdict == "higher"


def test_robust_conclusion_wording():
    t = _table(
        [
            ("base", "R", -30.0, -20.0, -1.0),
            ("base", "D", 5.0, 10.0, 20.0),
            ("base", "I", -5.0, 1.0, 8.0),
            ("gaz", "R", -50.0, -30.0, -10.0),
            ("gaz", "D", -40.0, -30.0, -20.0),
            ("gaz", "I", -9.0, 0.0, 9.0),
        ]
    )
    text = wording.robust_conclusion(robustness(t), "Réf", {"base": "Base", "gaz": "Tout au gaz"})
    assert text == (
        "R : plus sobre que Réf dans tous les scénarios (P95 de l'écart sous zéro dans "
        "chacun). D : plus émettrice que Réf dans la base, mais plus sobre avec « Tout au "
        "gaz » : dépend de ce scénario. I : indiscernables de Réf dans tous les scénarios "
        "(l'enveloppe de l'écart contient zéro dans chacun)."
    )
    one = robustness(_table([("base", "H", 1.0, 2.0, 3.0), ("s", "H", 0.5, 2.0, 3.0)]))
    assert wording.robust_conclusion(one, "Réf", {}) == (
        "H : plus émettrice que Réf dans tous les scénarios (P5 de l'écart au-dessus de zéro "
        "dans chacun)."
    )
    assert "chances" not in text and "probabilit" not in text
    assert wording.robust_conclusion([], "Réf", {}) == "sans objet"
