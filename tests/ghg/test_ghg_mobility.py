"""Residents' mobility (qsp_lib.ghg.model.mobility).

Sources of the expected values: /work/shared/reference/ghg.md
(ADEME Impact CO2 per vehicle-km; CGDD 2014 occupancy).
"""

import numpy as np
import pytest
from ghg_testkit import build, option, stock, total

from qsp_lib.ghg import model as ghg


def test_mobility_car_factor_per_vehicle_km_divided_by_occupancy():
    mob = {
        "residents": 100,
        "km_per_person_per_day": 10,
        "modal_shares_now": {"car_thermal": 1.0},
    }
    m = build([option("A", stock(0, "unchanged"), mobility=mob)])
    # 100 x 10 km x 365 d x 0.218 kgCO2e/vkm (ADEME Impact CO2, driver alone) / 1.4 persons
    # per car x 50 yr = 2841.8 t
    assert total(m)["A"] == pytest.approx(100 * 10 * 365 * 0.218 / 1.4 * 50 / 1000)
    fixed = build(
        [option("A", stock(0, "unchanged"), mobility=mob)],
        factors={"mobility_car_occupancy": {"persons_per_vehicle": 2.0}},
    )
    assert total(fixed)["A"] == pytest.approx(100 * 10 * 365 * 0.218 / 2.0 * 50 / 1000)
    per_pkm = build(
        [option("A", stock(0, "unchanged"), mobility=mob)],
        factors={"mobility_kg_co2e_per_passenger_km": {"car_thermal": 0.1}},
    )
    assert total(per_pkm)["A"] == pytest.approx(100 * 10 * 365 * 0.1 * 50 / 1000)


def test_modal_shift_to_target_year():
    mob = {
        "residents": 1,
        "km_per_person_per_day": 1 / 365,
        "modal_shares_now": {"car_thermal": 1.0},
        "modal_shares_target": {"walk": 1.0},
        "target_year": 2035,
    }
    m = build([option("A", stock(0, "unchanged"), mobility=mob)], start_year=2025)
    # 1 pkm/yr; car share 1 - t/10 for t = 1..10, then 0: sum = 10 - 5.5 = 4.5 pkm by car
    assert total(m)["A"] == pytest.approx(4.5 * 0.218e-3 / 1.4)


def test_shared_mobility_cancels_in_the_difference():
    mob = {"residents": 500, "km_per_person_per_day": 20, "modal_shares_now": {"car_thermal": 1}}
    m = build(
        [
            option("R", stock(1000, "rehabilitation"), mobility=mob),
            option("N", stock(1000, "new"), mobility=mob),
        ]
    )
    assert ghg.mobility_is_shared(m)
    assert "mobility" not in ghg.compared_parts(m)
    mc = ghg.monte_carlo(m, draws=2000, seed=2)
    d_total = mc["static"][:, 1] - mc["static"][:, 0]
    d_build = mc["static_buildings"][:, 1] - mc["static_buildings"][:, 0]
    np.testing.assert_allclose(d_total, d_build, rtol=1e-9)
    diff = ghg.differences(m, mc["static"], "R").set_index("option")
    assert diff.loc["R", ["p05_t_co2e", "p50_t_co2e", "p95_t_co2e"]].tolist() == [0, 0, 0]
    assert diff.at["N", "p05_t_co2e"] <= diff.at["N", "p50_t_co2e"] <= diff.at["N", "p95_t_co2e"]
