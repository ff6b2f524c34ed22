"""Operation energy and carrier trajectories (qsp_lib.ghg.model.energy).

Sources of the expected values: /work/shared/reference/ghg.md
(DPE 2021 energy factors; hand-computed linear trajectories).
"""

import numpy as np
import pytest
from ghg_testkit import NO_UPKEEP, build, option, stock, total

from qsp_lib.ghg import model as ghg


def test_linear_decarbonisation_trajectory():
    traj = {"district_heating": {"target_year": 2035, "target_kg_co2e_per_kwh": 0.056}}
    m = build(
        [option("A", stock(10, "unchanged", 100, "district_heating"))],
        trajectories=traj,
        edits=NO_UPKEEP,
        start_year=2025,
    )
    # 1000 kWh/yr; factor 0.112 x (1 - 0.05 t) for t = 1..10, then 0.056 for 40 years:
    # 0.112 x (10 - 0.05 x 55) + 40 x 0.056 = 0.812 + 2.24 = 3.052 kg per kWh-year -> 3.052 t
    assert total(m)["A"] == pytest.approx(3.052)


def test_trajectory_target_and_year_have_their_own_range():
    traj = {
        "district_heating": {
            "target_year": 2035,
            "target_kg_co2e_per_kwh": 0.056,
            "target_low_kg_co2e_per_kwh": 0.03,
            "target_high_kg_co2e_per_kwh": 0.08,
            "target_year_low": 2030,
            "target_year_high": 2045,
        }
    }
    m = build(
        [option("A", stock(10, "unchanged", 100, "district_heating"))],
        trajectories=traj,
        edits={**NO_UPKEEP, "carrier_district_heating": 0.112},
        start_year=2025,
    )
    assert "trajectory_district_heating_target" in m.uncertain_keys()
    smp = ghg.monte_carlo(m, draws=3000, seed=3)
    # today's factor is fixed here: the spread comes from the target and its year alone
    assert np.ptp(smp["static"][:, 0]) > 0.5
    # target at its high bound (0.08) from 2035: 0.112 x 7.25 + 0.08 ... by hand:
    # years 1..10: 0.112 - (0.112 - 0.08) t / 10 -> sum = 1.12 - 0.032 x 5.5 = 0.944
    assert ghg.option_totals(ghg.totals(m, values={"trajectory_district_heating_target": 0.08}))[
        "A"
    ] == pytest.approx(0.944 + 40 * 0.08)
