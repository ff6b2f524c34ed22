"""The GHG analysis reads the site model: residents, buildings and the berm edited in a copy
of ``site.yaml`` move the GHG results as hand calculations say."""

import shutil
from pathlib import Path

import numpy as np
import pytest
import yaml

from qsp_lib.core import params
from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import study as ghg_study

REPO = Path(__file__).resolve().parents[2]
NB = "ghg_planning_options"
NPNRU = "Programme NPNRU signé"


def _concorde(tmp_path, edit=None):
    """Concorde's GHG parameters validated against a copy of its site model, edited by
    ``edit(site_data)``."""
    folder = tmp_path / "concorde"
    folder.mkdir(parents=True)
    shutil.copy(REPO / "parameters" / "concorde" / f"{NB}.yaml", folder)
    data = yaml.safe_load((REPO / "parameters" / "concorde" / "site.yaml").read_text("utf-8"))
    if edit:
        edit(data)
    (folder / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return params.validate_file(NB, folder / f"{NB}.yaml")


def _parts(P):
    """Static totals [tCO2e] by (option, life-cycle part)."""
    model = ghg_study.model_from_parameters(P)
    table = ghg.lifecycle_totals(model)
    return model, table.groupby(["option", "part"])["static_t_co2e"].sum()


def test_the_copy_reads_its_own_site_model(tmp_path):
    P = _concorde(tmp_path, lambda d: d["options"]["items"][0].update(name="Programme signé"))
    assert P.comparison_reference() == "Programme signé"
    assert ghg_study.model_from_parameters(P).options[0] == "Programme signé"


def test_persons_per_dwelling_times_one_and_a_half_scales_mobility(tmp_path):
    before_model, before = _parts(_concorde(tmp_path / "a"))

    def more_persons(d):
        d["population"]["persons_per_dwelling"] *= 1.5

    after_model, after = _parts(_concorde(tmp_path / "b", more_persons))
    # hand check: 1,900 dwellings x 2.6 persons = 4,940 residents, then x 1.5 = 7,410
    assert before_model.residents[0] == pytest.approx(1900 * 2.6)
    assert after_model.residents[0] == pytest.approx(1900 * 2.6 * 1.5)
    for option in before_model.options:
        assert after[option, "mobility"] == pytest.approx(1.5 * before[option, "mobility"])
        # nothing else moves
        others = [p for p in ghg.PARTS if p != "mobility"]
        assert after[option].loc[others].to_numpy() == pytest.approx(
            before[option].loc[others].to_numpy()
        )


def _mobility_per_resident(model, parts, option):
    return parts[option, "mobility"] / model.residents[model.options.index(option)]


def test_demolishing_barres_h_to_q_under_npnru_moves_the_totals_as_by_hand(tmp_path):
    area, dwellings = 35490.0, 546  # Barres H à Q (site.yaml)

    def demolish_h_q(d):
        building = next(b for b in d["buildings"]["items"] if b["id"] == "barres-h-q")
        building["fate"]["npnru"] = {"fate": "demolish", "start_year": 2029, "end_year": 2032}

    P0 = _concorde(tmp_path / "a")
    P1 = _concorde(tmp_path / "b", demolish_h_q)
    m0, before = _parts(P0)
    m1, after = _parts(P1)
    f = m0.factors["value"]
    n = P0.study_period_years
    delta = after[NPNRU] - before[NPNRU]
    # demolition: 35,490 m² x 20 kgCO2e/m² (reference factor) = 709.8 t, whatever the years
    assert delta["demolition"] == pytest.approx(area * f["embodied_demolition"] / 1000)
    # upkeep of the kept stock stops: 35,490 m² x 2 kgCO2e/m²/yr x 50 years = 3,549 t
    assert delta["maintenance"] == pytest.approx(-area * f["embodied_maintenance"] * n / 1000)
    # heat: 170 kWh/m²/yr every year when kept; demolished by quarters in 2029..2032 (years
    # 8..11), each quarter heated until its year only
    kept = np.zeros(n + 1)
    kept[1:] = area * 170
    demolished = np.zeros(n + 1)
    for wy in (8, 9, 10, 11):
        demolished[1 : wy + 1] += area / 4 * 170
    dh = ghg.CARRIERS.index("district_heating")
    assert m1.energy_kwh[0, dh] - m0.energy_kwh[0, dh] == pytest.approx(demolished - kept)
    assert delta["operation_energy"] < 0
    # 546 dwellings fewer: 546 x 2.6 residents fewer, mobility per resident unchanged
    assert m1.dwellings[0] == 1900 - dwellings
    assert m1.residents[0] == pytest.approx((1900 - dwellings) * 2.6)
    per_resident = _mobility_per_resident(m0, before, NPNRU)
    assert delta["mobility"] == pytest.approx(-dwellings * 2.6 * per_resident)
    # the other options do not move
    for option in m0.options[1:]:
        assert after[option].to_numpy() == pytest.approx(before[option].to_numpy())
    # direction: the demolition (710 t) weighs less than the upkeep, heat and mobility saved
    assert after.loc[NPNRU].sum() < before.loc[NPNRU].sum()


def test_the_berm_fill_comes_from_the_site_model(tmp_path):
    _, before = _parts(_concorde(tmp_path / "a"))

    def no_berm(d):
        d["berm"] = None

    P1 = _concorde(tmp_path / "b", no_berm)
    m1, after = _parts(P1)
    f = m1.factors["value"]
    # 800 m x 10 m x (10 + 60) / 2 = 280,000 m³ of earthworks leave every option's outdoor part
    fill = 800 * 10 * (10 + 60) / 2
    for option in m1.options:
        assert before[option, "outdoor"] - after[option, "outdoor"] == pytest.approx(
            fill * f["outdoor_earthworks"] / 1000
        )
