"""Tree canopy and de-sealed soil storage (qsp_lib.ghg.model.vegetation).

Sources of the expected values: /work/shared/reference/ghg.md
(Nowak et al. 2013; ADEME ALDO).
"""

import pytest
from ghg_testkit import build, option, stock, total


def test_trees_and_soil_storage_are_negative_and_capped():
    veg = {"canopy_m2": 1000, "desealed_m2": 1000}
    m = build([option("A", stock(0, "unchanged"), vegetation=veg)])
    # trees: 1.03 kgCO2e/m2/yr (Nowak 2013: 0.28 kgC x 44/12) capped at the 28.2 kgCO2e/m2
    # storage (7.69 kgC x 44/12), reached after 28 years < 50; soil: 11 kgCO2e/m2 (ALDO)
    assert total(m)["A"] == pytest.approx(-(28.2 + 11.0))
    short = build([option("A", stock(0, "unchanged"), vegetation=veg)], 10)
    assert total(short)["A"] == pytest.approx(-(10 * 1.03 + 10 / 20 * 11.0))
