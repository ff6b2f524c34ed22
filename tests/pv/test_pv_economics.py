"""Lifetime energy and economics (qsp_lib.pv.model.economics).

References asserted here: Jordan & Kurtz 2013 (0.5 %/yr degradation); standard annuity
formulae for the LCOE.
"""

from __future__ import annotations

import pytest

from qsp_lib.pv.model import economics as eco_model


def test_lifetime_and_lcoe_against_annuity_formula():
    # Without degradation, LCOE = (CAPEX * CRF + OPEX) / E, CRF = r / (1 - (1 + r)^-n).
    r, n = 0.04, 25
    crf = r / (1 - (1 + r) ** -n)
    eco = eco_model.economics(100, 100_000, 800, 15, n, r, degradation_percent_per_year=0)
    assert eco.lcoe_eur_per_mwh == pytest.approx((80_000 * crf + 1500) / 100)
    life = eco_model.lifetime_energy(1000, 30, 0.5)
    assert life["energy_kwh"].iloc[-1] == pytest.approx(1000 * 0.995**29)
    eco = eco_model.economics(100, 100_000, 800, 15, n, r, 0, tariff_eur_per_mwh=80)
    assert eco.revenue_year1_eur == pytest.approx(8000)
    assert eco.simple_payback_years == 13  # 80,000 / (8,000 - 1,500) = 12.3 -> 13th year
