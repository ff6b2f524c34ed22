"""Greenhouse-gas emissions avoided by the plant's production over its lifetime.

Units are in the names: ``_kwh``, ``_t``...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from qsp_lib.pv.model.economics import DEGRADATION_PERCENT_PER_YEAR, lifetime_energy


@dataclass(frozen=True)
class AvoidedEmissions:
    """Emissions avoided against the grid, net of the PV life cycle (:func:`avoided_emissions`).

    Attributes
    ----------
    gross_t_co2e_per_year : float
        Grid emissions avoided in year one [tCO2e/yr].
    lifecycle_t_co2e : float
        Life-cycle emissions of the PV plant [tCO2e].
    net_t_co2e_lifetime : float
        Avoided minus life-cycle emissions over the lifetime [tCO2e].
    net_t_co2e_per_year : float
        ``net_t_co2e_lifetime`` per year of operation [tCO2e/yr].
    pv_g_co2e_per_kwh : float
        Life-cycle intensity of the PV kWh [gCO2e/kWh].
    carbon_payback_years : int or None
        First year whose cumulated avoided emissions cover the life cycle [yr]; None when
        never.
    """

    gross_t_co2e_per_year: float
    lifecycle_t_co2e: float
    net_t_co2e_lifetime: float
    net_t_co2e_per_year: float
    pv_g_co2e_per_kwh: float
    carbon_payback_years: int | None


def avoided_emissions(
    annual_energy_kwh: float,
    peak_power_kwp: float,
    grid_kg_co2e_per_kwh: float,
    pv_lifecycle_kg_co2e_per_kwp: float,
    lifetime_years: int,
    degradation_percent_per_year: float = DEGRADATION_PERCENT_PER_YEAR,
) -> AvoidedEmissions:
    """Emissions avoided against the grid, net of the PV life-cycle emissions.

    Parameters
    ----------
    annual_energy_kwh : float
        Year-one energy [kWh].
    peak_power_kwp : float
        Peak power [kWp].
    grid_kg_co2e_per_kwh : float
        Life-cycle intensity of the grid electricity replaced [kgCO2e/kWh].
    pv_lifecycle_kg_co2e_per_kwp : float
        PV life-cycle emissions (manufacture, installation, end of life) [kgCO2e/kWp].
    lifetime_years : int
        Years of operation [yr].
    degradation_percent_per_year : float
        Yearly loss of output [%/yr].

    Returns
    -------
    AvoidedEmissions

    References
    ----------
    .. [1] ADEME (2023). Base Empreinte, électricité (mix moyen annuel, ACV).
    .. [2] IEA PVPS Task 12 (2020). Methodology Guidelines on Life Cycle Assessment of
       Photovoltaic, 4th edition, report IEA-PVPS T12-19:2020 (energy and carbon payback).
    """
    life = lifetime_energy(annual_energy_kwh, lifetime_years, degradation_percent_per_year)
    e = life["energy_kwh"].to_numpy()
    lifecycle_t = peak_power_kwp * pv_lifecycle_kg_co2e_per_kwp / 1000.0
    gross_t = e * grid_kg_co2e_per_kwh / 1000.0
    net_lifetime = float(gross_t.sum() - lifecycle_t)
    paid = np.flatnonzero(np.cumsum(gross_t) >= lifecycle_t)
    return AvoidedEmissions(
        gross_t_co2e_per_year=float(gross_t[0]),
        lifecycle_t_co2e=float(lifecycle_t),
        net_t_co2e_lifetime=net_lifetime,
        net_t_co2e_per_year=net_lifetime / int(lifetime_years),
        pv_g_co2e_per_kwh=float(lifecycle_t * 1e6 / e.sum()),
        carbon_payback_years=int(paid[0] + 1) if paid.size else None,
    )
