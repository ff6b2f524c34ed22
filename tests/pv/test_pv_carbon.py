"""Avoided emissions (qsp_lib.pv.model.carbon), checked by hand on round numbers."""

from __future__ import annotations

import pytest

from qsp_lib.pv.model import carbon


def test_avoided_emissions_net_of_lifecycle():
    # 100 kWp, 100 MWh/yr, grid 0.052 kg/kWh (ADEME 2023), 450 kg/kWp, 30 years, no degradation.
    out = carbon.avoided_emissions(100_000, 100, 0.052, 450, 30, degradation_percent_per_year=0)
    assert out.gross_t_co2e_per_year == pytest.approx(5.2)
    assert out.lifecycle_t_co2e == pytest.approx(45.0)
    assert out.net_t_co2e_per_year == pytest.approx(5.2 - 45 / 30)
    assert out.pv_g_co2e_per_kwh == pytest.approx(45e6 / 3e6)
    assert out.carbon_payback_years == 9
