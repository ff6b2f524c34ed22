"""Ratios and monetised emissions (qsp_lib.ghg.model.indicators).

Sources of the expected values: /work/shared/reference/ghg.md
(Quinet 2019 carbon value).
"""

import pytest
from ghg_testkit import ONE_STAGE, QUINET, build, option, stock

from qsp_lib.ghg import model as ghg


def test_ratios_per_dwelling_and_inhabitant_year():
    fac = {"embodied_kg_co2e_per_m2": {"new": 700}}
    m = build(
        [option("A", stock(1000, "new", dwellings=10), residents=20)],
        factors=fac,
        edits=ONE_STAGE,
    )
    r = ghg.ratios(m, ghg.totals(m)).iloc[0]
    assert r["t_co2e_per_dwelling"] == pytest.approx(70.0)
    assert r["t_co2e_per_inhabitant_year"] == pytest.approx(700 / 20 / 50)


def test_carbon_value_quinet_2019():
    # Quinet 2019: 250 EUR/t in 2030, 500 in 2040 -> 375 in 2035 (linear)
    assert ghg.carbon_value_eur_per_t(2030, QUINET) == pytest.approx(250)
    assert ghg.carbon_value_eur_per_t(2035, QUINET) == pytest.approx(375)
    fac = {"embodied_kg_co2e_per_m2": {"new": 700}}
    m = build([option("A", stock(1000, "new"))], start_year=2030, factors=fac, edits=ONE_STAGE)
    assert ghg.monetise(m, QUINET)["A"] == pytest.approx(700 * 250)
