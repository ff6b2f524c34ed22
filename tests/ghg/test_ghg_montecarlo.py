"""Monte Carlo with common random numbers (qsp_lib.ghg.model.montecarlo).

Sources of the expected values: /work/shared/reference/ghg.md
(PERT and triangular means, Vose 2008).
"""

import numpy as np
import pytest
from ghg_testkit import NO_UPKEEP, build, option, stock, three_options, total

from qsp_lib.ghg import model as ghg


def test_monte_carlo_p50_close_to_central_and_reproducible():
    m = three_options()
    central = total(m)
    mc = ghg.monte_carlo(m, draws=4000, seed=7)
    summ = ghg.summarise_monte_carlo(m, mc["static"]).set_index("option")
    for name, value in central.items():
        assert summ.at[name, "p50_t_co2e"] == pytest.approx(value, rel=0.04)
        assert summ.at[name, "p05_t_co2e"] < value < summ.at[name, "p95_t_co2e"]
    again = ghg.monte_carlo(m, draws=4000, seed=7)
    np.testing.assert_array_equal(mc["static"], again["static"])
    other = ghg.monte_carlo(m, draws=4000, seed=8)
    assert not np.array_equal(mc["static"], other["static"])


def test_common_random_numbers_across_options():
    # B = A + one demolished m2: with the same factor draw for both, A is lower in every draw,
    # so the whole envelope of B - A is above zero
    a = option("A", stock(1000, "new"), stock(1000, "unchanged", 100, "gas"))
    b = option(
        "B", stock(1000, "new"), stock(1000, "unchanged", 100, "gas"), stock(1, "demolition")
    )
    m = build([a, b])
    mc = ghg.monte_carlo(m, draws=2000, seed=1)
    assert (mc["dynamic"][:, 0] < mc["dynamic"][:, 1]).all()
    diff = ghg.differences(m, mc["dynamic"], "A").set_index("option")
    assert diff.at["B", "p05_t_co2e"] > 0
    assert "prob_best" not in ghg.summarise_monte_carlo(m, mc["dynamic"]).columns


def test_pert_and_triangular_means():
    m = build([option("A", stock(1, "rehabilitation"))])
    # PERT mean (low + 4 mode + high) / 6; triangular mean (low + mode + high) / 3
    # with low/mode/high = 200/400/550 kgCO2e/m2
    pert = ghg.sample_factors(m, 200_000, 3, "pert")["embodied_rehabilitation"]
    tri = ghg.sample_factors(m, 200_000, 3, "triangular")["embodied_rehabilitation"]
    assert pert.mean() == pytest.approx((200 + 4 * 400 + 550) / 6, rel=2e-3)
    assert tri.mean() == pytest.approx((200 + 400 + 550) / 3, rel=2e-3)
    assert pert.min() >= 200 and pert.max() <= 550


def test_overridden_factor_is_fixed_in_monte_carlo():
    fac = {"embodied_kg_co2e_per_m2": {"rehabilitation": 500}}
    m = build([option("A", stock(1000, "rehabilitation"))], factors=fac, edits=NO_UPKEEP)
    mc = ghg.monte_carlo(m, draws=500, seed=1)
    assert np.allclose(mc["static"][:, 0], 500.0)


def test_monte_carlo_is_vectorised_and_fast():
    import time

    m = three_options()
    t0 = time.perf_counter()
    ghg.monte_carlo(m, draws=10_000, seed=1)
    assert time.perf_counter() - t0 < 4.0  # generous; the benchmark prints the real ratio
