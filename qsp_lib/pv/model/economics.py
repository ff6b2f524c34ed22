"""Energy over the plant's lifetime with module degradation, and its economics (levelised
cost, revenue at a tariff, net present value, simple payback).

Units are in the names: ``_kwh``, ``_eur``, ``_years``...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Median degradation rate in %/yr (Jordan & Kurtz 2013, Prog. Photovolt. 21).
DEGRADATION_PERCENT_PER_YEAR = 0.5


@dataclass(frozen=True)
class Economics:
    """Levelised cost, revenue and value of a plant (:func:`economics`).

    Attributes
    ----------
    capex_eur : float
        Investment [€].
    opex_eur_per_year : float
        Operation and maintenance [€/yr].
    lifetime_energy_mwh : float
        Energy over the lifetime, degradation included [MWh].
    lcoe_eur_per_mwh : float
        Levelised cost of energy [€/MWh].
    revenue_year1_eur, revenue_lifetime_eur : float or None
        Sales at the tariff, year one and lifetime (undiscounted) [€]; None without a tariff.
    npv_eur : float or None
        Net present value at the tariff [€]; None without a tariff.
    simple_payback_years : int or None
        First year whose cumulated cash flow covers the investment [yr]; None when never.
    """

    capex_eur: float
    opex_eur_per_year: float
    lifetime_energy_mwh: float
    lcoe_eur_per_mwh: float
    revenue_year1_eur: float | None = None
    revenue_lifetime_eur: float | None = None
    npv_eur: float | None = None
    simple_payback_years: int | None = None


def lifetime_energy(
    annual_energy_kwh: float,
    lifetime_years: int,
    degradation_percent_per_year: float = DEGRADATION_PERCENT_PER_YEAR,
) -> pd.DataFrame:
    """Energy of each year of operation with a linear-compound degradation.

    ``E_y = E_1 (1 - d)^(y - 1)`` for y = 1..lifetime.

    Parameters
    ----------
    annual_energy_kwh : float
        Year-one energy [kWh].
    lifetime_years : int
        Years of operation [yr].
    degradation_percent_per_year : float
        Yearly loss of output [%/yr].

    Returns
    -------
    DataFrame
        year, energy_kwh [kWh].

    References
    ----------
    .. [1] Jordan, D. C. and Kurtz, S. R. (2013). Photovoltaic degradation rates: an analytical
       review. Progress in Photovoltaics 21(1), 12-29. doi:10.1002/pip.1182
    """
    years = np.arange(1, int(lifetime_years) + 1)
    factor = (1 - degradation_percent_per_year / 100.0) ** (years - 1)
    return pd.DataFrame({"year": years, "energy_kwh": annual_energy_kwh * factor})


def economics(
    peak_power_kwp: float,
    annual_energy_kwh: float,
    capex_eur_per_kwp: float,
    opex_eur_per_kwp_year: float,
    lifetime_years: int,
    discount_rate: float,
    degradation_percent_per_year: float = DEGRADATION_PERCENT_PER_YEAR,
    tariff_eur_per_mwh: float | None = None,
) -> Economics:
    """Levelised cost of energy, revenue and net present value.

    ``LCOE = (CAPEX + sum_y OPEX/(1+r)^y) / sum_y E_y/(1+r)^y`` (standard discounted LCOE),
    OPEX and energy at year end.

    Parameters
    ----------
    peak_power_kwp : float
        Peak power [kWp].
    annual_energy_kwh : float
        Year-one energy [kWh].
    capex_eur_per_kwp : float
        Investment [€/kWp].
    opex_eur_per_kwp_year : float
        Operation and maintenance [€/kWp/yr].
    lifetime_years : int
        Years of operation [yr].
    discount_rate : float
        Real discount rate [-/yr] (0.04 = 4 %).
    degradation_percent_per_year : float
        Yearly loss of output [%/yr].
    tariff_eur_per_mwh : float, optional
        Selling price [€/MWh].

    Returns
    -------
    Economics
        Investment, LCOE and, at the tariff, revenue, NPV and simple payback.

    References
    ----------
    .. [1] IEA and OECD/NEA (2020). Projected Costs of Generating Electricity, 2020 Edition,
       chapter 2 (levelised cost of electricity methodology).
    """
    life = lifetime_energy(annual_energy_kwh, lifetime_years, degradation_percent_per_year)
    disc = (1 + discount_rate) ** -life["year"].to_numpy(dtype=float)
    capex = peak_power_kwp * capex_eur_per_kwp
    opex = peak_power_kwp * opex_eur_per_kwp_year
    e_mwh = life["energy_kwh"].to_numpy() / 1000.0
    lcoe = (capex + (opex * disc).sum()) / (e_mwh * disc).sum()
    costs = {
        "capex_eur": capex,
        "opex_eur_per_year": opex,
        "lifetime_energy_mwh": float(e_mwh.sum()),
        "lcoe_eur_per_mwh": float(lcoe),
    }
    if tariff_eur_per_mwh is None:
        return Economics(**costs)
    cash = e_mwh * tariff_eur_per_mwh - opex
    paid = np.flatnonzero(np.cumsum(cash) >= capex)
    return Economics(
        **costs,
        revenue_year1_eur=float(e_mwh[0] * tariff_eur_per_mwh),
        revenue_lifetime_eur=float((e_mwh * tariff_eur_per_mwh).sum()),
        npv_eur=float(-capex + (cash * disc).sum()),
        simple_payback_years=int(paid[0] + 1) if paid.size else None,
    )
