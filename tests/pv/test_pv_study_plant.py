"""The plant of the pv_yield parameters: economics, carbon, P50/P90, highlights
(qsp_lib.pv.study.plant).

References asserted here:
- Huld et al. 2012 (Solar Energy 86): a few % of model uncertainty for PVGIS-type estimates.
- Dobos, Gilman and Kasberg 2012 (NREL/CP-6A20-54488): one-year P90 = P50 (1 - 1.2816 sd).
- Hand calculations of investment and life-cycle emissions from the Concorde parameters.
"""

from __future__ import annotations

import pandas as pd
import pv_fixture as fx
import pytest
from pv_fixture import site_parameters

from qsp_lib.pv import study

concorde = pytest.fixture(fx.concorde)
concorde_year = pytest.fixture(fx.concorde_year)
concorde_sim = pytest.fixture(fx.concorde_sim)


def test_default_model_uncertainty_depends_on_the_weather():
    # Huld et al. 2012: a few % for a measured year; more when irradiation is estimated.
    assert study.model_sd_percent(None, climatology=False) == 4.0
    assert study.model_sd_percent(None, climatology=True) == 7.0
    assert study.model_sd_percent(2.5, climatology=True) == 2.5


def test_uncertainty_reports_the_deviations_used(concorde_year, concorde_sim):
    P = site_parameters("concorde", model_sd_percent=None)
    unc = study.uncertainty(P, concorde_sim, concorde_year)
    assert unc.model_sd_percent == 7.0 and unc.resource_sd_percent == 5.0
    # sd = sqrt(5² + 7²) = 8.60 %; P90 = P50 (1 - 1.2816 x 8.60 %) (one-year P90, normal law).
    assert unc.sd_percent == pytest.approx(74**0.5)
    assert unc.p50_kwh == concorde_sim.annual_energy_kwh
    assert unc.p90_kwh == pytest.approx(concorde_sim.annual_energy_kwh * (1 - 1.28155 * 0.0860233))


def test_economics_and_emissions_use_the_parameters(concorde, concorde_sim):
    # Concorde: 5,400 m² x 0.7 x 0.21 + 2,500 m² x 0.5 x 0.21 = 1,056.3 kWp at 900 €/kWp and
    # 20 €/kWp/yr; 450 kgCO2e/kWp of life cycle.
    assert concorde_sim.peak_power_kwp == pytest.approx(1056.3)
    eco = study.economics(concorde, concorde_sim)
    assert eco.capex_eur == pytest.approx(1056.3 * 900)
    assert eco.opex_eur_per_year == pytest.approx(1056.3 * 20)
    # Year-one revenue at the 88.3 €/MWh tariff of the file.
    assert eco.revenue_year1_eur == pytest.approx(concorde_sim.annual_energy_kwh / 1000 * 88.3)
    co2 = study.emissions(concorde, concorde_sim)
    assert co2.lifecycle_t_co2e == pytest.approx(1056.3 * 450 / 1000)
    # Year one at 0.052 kgCO2e/kWh (ADEME Base Empreinte 2023).
    assert co2.gross_t_co2e_per_year == pytest.approx(concorde_sim.annual_energy_kwh * 52e-6)


def test_self_consumption_needs_a_load(concorde, concorde_sim):
    assert study.self_consumption(site_parameters("concorde", load=None), concorde_sim) is None
    sc = study.self_consumption(concorde, concorde_sim)
    # Energy balance: what is not used on site is exported.
    assert sc.self_consumed_kwh + sc.exported_kwh == pytest.approx(concorde_sim.annual_energy_kwh)
    assert sc.self_consumed_kwh / 150_000 == pytest.approx(sc.self_sufficiency_share)


def test_monthly_and_peak_highlights():
    monthly = pd.DataFrame({"month": range(1, 13), "energy_kwh": [1, 2, 3, 4, 5, 9, 8, 7, 6, 3,
                                                                   2, 1.0]})  # fmt: skip
    m = study.monthly_highlights(monthly)
    assert (m.best_month, m.worst_month) == (6, 1)
    assert (m.best_kwh, m.worst_kwh) == (9, 1)
    assert m.summer_share == pytest.approx((4 + 5 + 9 + 8 + 7 + 6) / 51)
    mh = pd.DataFrame(0.0, index=range(1, 13), columns=range(24))
    mh.loc[7, 13] = 374.0
    assert study.peak_month_hour(mh) == study.PeakHour(month=7, hour=13, kw=374.0)
