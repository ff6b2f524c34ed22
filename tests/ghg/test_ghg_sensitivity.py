"""What moves the totals and flips the ranking (qsp_lib.ghg.model.sensitivity).

Sources of the expected values: /work/shared/reference/ghg.md
(hand computations on the data file's ranges).
"""

import pytest
from ghg_testkit import NO_UPKEEP, ONE_STAGE, build, option, stock

from qsp_lib.ghg import model as ghg


def test_tornado_swing_is_area_times_range():
    m = build([option("A", stock(1000, "rehabilitation"))], edits=NO_UPKEEP)
    top = ghg.tornado(m).iloc[0]
    assert top["factor"] == "embodied_rehabilitation"
    # 1000 m2 x (550 - 200) kgCO2e/m2 = 350 t
    assert top["swing_t_co2e"] == pytest.approx(350.0)


def test_ranking_flips_when_one_factor_crosses_its_flip_value():
    # R: 1000 m2 rehabilitation (v kgCO2e/m2); N: 400 m2 new at an imposed 700 kgCO2e/m2, all
    # at the works -> 280 t. Central v = 400: N is best. R - N = 1000 v - 280 = 0 at v = 280,
    # inside the range 200-550: the ranking flips there.
    m = build(
        [option("R", stock(1000, "rehabilitation")), option("N", stock(400, "new"))],
        factors={"embodied_kg_co2e_per_m2": {"new": 700}},
        edits={**ONE_STAGE, **NO_UPKEEP},
    )
    drv = ghg.ranking_drivers(m).set_index("factor")
    assert drv.at["embodied_rehabilitation", "flips_ranking"]
    assert drv.at["embodied_rehabilitation", "flip_value"] == pytest.approx(280.0)
    assert ghg.flip_value(m, "embodied_rehabilitation", "N", "R") == pytest.approx(280.0)
    assert not drv.at["embodied_demolition", "flips_ranking"]
    below = ghg.option_totals(ghg.totals(m, values={"embodied_rehabilitation": 279}))
    above = ghg.option_totals(ghg.totals(m, values={"embodied_rehabilitation": 281}))
    assert ghg.ranking(below)[0] == "R" and ghg.ranking(above)[0] == "N"
    rs = ghg.ranking_summary(drv.reset_index())
    assert rs.flips[0].flip_value == pytest.approx(280.0)
    assert rs.flips[0].short == "Réhabilitation lourde conservant la structure"
