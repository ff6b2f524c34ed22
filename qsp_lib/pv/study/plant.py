"""The plant of the parameters: yield, economics, carbon, P50/P90 and self-consumption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from qsp_lib.pv.model import system as pv

if TYPE_CHECKING:
    from qsp_lib.pv.schema import PvYieldParameters
    from qsp_lib.pv.study.weather import WeatherYear

#: Months of the "summer half" quoted by the brief (April to September).
SUMMER_MONTHS = (4, 5, 6, 7, 8, 9)


def arrays(P: PvYieldParameters) -> list[dict]:
    """The PV arrays of the parameters as dicts (:func:`qsp_lib.pv.model.system.arrays_table`)."""
    return [a.model_dump(exclude={"note", "face"}) for a in P.arrays]


def model_settings(P: PvYieldParameters) -> dict:
    """Model settings of the parameters, as keyword arguments of :mod:`qsp_lib.pv.model.system`."""
    return {
        "system_losses_percent": P.system_losses_percent,
        "gamma_pdc_percent_per_c": P.gamma_pdc_percent_per_c,
        "inverter_efficiency": P.inverter_efficiency,
        "dc_ac_ratio": P.dc_ac_ratio,
        "albedo": P.albedo,
    }


def simulate(P: PvYieldParameters, year: WeatherYear) -> pv.PvSimulation:
    """Year-one yield of the parameters' plant (:func:`qsp_lib.pv.model.system.simulate_system`)."""
    return pv.simulate_system(
        year.data,
        P.latitude_deg,
        P.longitude_deg,
        arrays(P),
        P.altitude_m,
        timezone=P.timezone,
        **model_settings(P),
    )


def economics(P: PvYieldParameters, sim: pv.PvSimulation) -> pv.Economics:
    """LCOE, revenue and NPV of the plant at the parameters' costs and tariff.

    References
    ----------
    IEA and OECD/NEA (2020), Projected Costs of Generating Electricity (see
    :func:`qsp_lib.pv.model.system.economics`).
    """
    return pv.economics(
        sim.peak_power_kwp,
        sim.annual_energy_kwh,
        P.capex_eur_per_kwp,
        P.opex_eur_per_kwp_year,
        P.lifetime_years,
        P.discount_rate,
        P.degradation_percent_per_year,
        P.tariff_eur_per_mwh,
    )


def emissions(P: PvYieldParameters, sim: pv.PvSimulation) -> pv.AvoidedEmissions:
    """Avoided emissions net of the PV life cycle, at the parameters' factors.

    References
    ----------
    ADEME Base Empreinte 2023; IEA PVPS Task 12 (2020) (see
    :func:`qsp_lib.pv.model.system.avoided_emissions`).
    """
    return pv.avoided_emissions(
        sim.annual_energy_kwh,
        sim.peak_power_kwp,
        P.grid_kg_co2e_per_kwh,
        P.pv_lifecycle_kg_co2e_per_kwp,
        P.lifetime_years,
        P.degradation_percent_per_year,
    )


def model_sd_percent(model_sd: float | None, climatology: bool) -> float:
    """Standard deviation of the model [%]: the parameter, else the default of the weather.

    Parameters
    ----------
    model_sd : float or None
        ``model_sd_percent`` of the parameter file [%].
    climatology : bool
        True for a year generated from monthly values (the irradiation estimate adds to the
        model error), False for a measured typical-year file.

    Returns
    -------
    float
        :data:`qsp_lib.pv.model.system.MODEL_SD_PERCENT_CLIMATOLOGY` or
        :data:`qsp_lib.pv.model.system.MODEL_SD_PERCENT_FILE` when ``model_sd`` is None [%].

    References
    ----------
    .. [1] Huld, T., Müller, R. and Gambardella, A. (2012). A new solar radiation database
       for estimating PV performance in Europe and Africa. Solar Energy 86(6), 1803-1815.
       doi:10.1016/j.solener.2012.03.006
    """
    if model_sd is not None:
        return model_sd
    return pv.MODEL_SD_PERCENT_CLIMATOLOGY if climatology else pv.MODEL_SD_PERCENT_FILE


@dataclass(frozen=True)
class Uncertainty:
    """P50, P90 and the standard deviations behind them (:func:`uncertainty`).

    Attributes
    ----------
    p50_kwh : float
        Median annual energy, the typical year's [kWh].
    p90_kwh : float
        Annual energy exceeded nine years out of ten [kWh].
    sd_percent : float
        Total standard deviation [% of the energy].
    resource_sd_percent : float
        Inter-annual standard deviation of the resource [%].
    model_sd_percent : float
        Standard deviation of the model [%] (:func:`model_sd_percent`).
    """

    p50_kwh: float
    p90_kwh: float
    sd_percent: float
    resource_sd_percent: float
    model_sd_percent: float


def uncertainty(P: PvYieldParameters, sim: pv.PvSimulation, year: WeatherYear) -> Uncertainty:
    """P50 and P90 of the plant with the parameters' deviations (or the weather's default).

    References
    ----------
    Dobos, Gilman and Kasberg (2012), NREL/CP-6A20-54488 (see
    :func:`qsp_lib.pv.model.system.p50_p90`); Huld et al. (2012) for the default model
    deviation.
    """
    model_sd = model_sd_percent(P.model_sd_percent, year.climatology)
    p = pv.p50_p90(sim.annual_energy_kwh, P.resource_sd_percent, model_sd)
    return Uncertainty(p.p50_kwh, p.p90_kwh, p.sd_percent, P.resource_sd_percent, model_sd)


def self_consumption(P: PvYieldParameters, sim: pv.PvSimulation) -> pv.SelfConsumption | None:
    """Self-consumed share of production for the parameters' load (None without a load).

    References
    ----------
    Luthander et al. (2015), Applied Energy 142 (see
    :func:`qsp_lib.pv.model.system.self_consumption`).
    """
    if P.load is None:
        return None
    load_kw = pv.load_profile(
        sim.hourly.index, P.load.annual_kwh, P.load.hourly_shape, P.load.weekend_factor, P.timezone
    )
    return pv.self_consumption(sim.hourly["ac_kw"], load_kw)


@dataclass(frozen=True)
class MonthlyHighlights:
    """Best and worst months and the summer share (:func:`monthly_highlights`).

    Attributes
    ----------
    best_month, worst_month : int
        Month of the highest and lowest production (1-12).
    best_kwh, worst_kwh : float
        Their production [kWh].
    summer_share : float
        Share of the year's production from April to September (:data:`SUMMER_MONTHS`) [-].
    """

    best_month: int
    best_kwh: float
    worst_month: int
    worst_kwh: float
    summer_share: float


def monthly_highlights(monthly: pd.DataFrame) -> MonthlyHighlights:
    """Best and worst months and the share of the summer half.

    Parameters
    ----------
    monthly : DataFrame
        ``month`` 1-12 and ``energy_kwh`` [kWh] (``PvSimulation.monthly``).
    """
    best = monthly.loc[monthly["energy_kwh"].idxmax()]
    worst = monthly.loc[monthly["energy_kwh"].idxmin()]
    summer = monthly.loc[monthly["month"].isin(SUMMER_MONTHS), "energy_kwh"].sum()
    return MonthlyHighlights(
        best_month=int(best["month"]),
        best_kwh=best["energy_kwh"],
        worst_month=int(worst["month"]),
        worst_kwh=worst["energy_kwh"],
        summer_share=summer / monthly["energy_kwh"].sum(),
    )


@dataclass(frozen=True)
class PeakHour:
    """The month and hour of the highest mean power (:func:`peak_month_hour`).

    Attributes
    ----------
    month : int
        Month (1-12).
    hour : int
        Local hour (0-23).
    kw : float
        Mean AC power in that month at that hour [kW].
    """

    month: int
    hour: int
    kw: float


def peak_month_hour(month_hour_kw: pd.DataFrame) -> PeakHour:
    """Month, local hour and value of the highest mean power (``PvSimulation.month_hour_kw``)."""
    values = month_hour_kw.to_numpy()
    i, j = np.unravel_index(np.argmax(values), values.shape)
    return PeakHour(
        month=int(month_hour_kw.index[i]),
        hour=int(month_hour_kw.columns[j]),
        kw=float(values[i, j]),
    )


@dataclass(frozen=True)
class FaceAzimuthRange:
    """Yield of the plant at both ends of the plausible azimuth of a berm face
    (:func:`face_azimuth_range`).

    Attributes
    ----------
    face : str
        Id of the face in ``site.yaml`` (``berm.faces``).
    arrays : tuple of str
        Names of the arrays lying on it (the only ones turned).
    retained_deg : float
        Azimuth retained by the site model [°].
    low_deg, high_deg : float
        Ends of its ``azimuth_range_deg`` [°].
    table : DataFrame
        One row per azimuth (low, retained, high): azimuth_deg [°], annual_energy_kwh
        [kWh], specific_yield_kwh_per_kwp [kWh/kWp], change (relative to the retained
        azimuth) [-], retained (bool).
    """

    face: str
    arrays: tuple[str, ...]
    retained_deg: float
    low_deg: float
    high_deg: float
    table: pd.DataFrame

    def at(self, azimuth_deg: float) -> pd.Series:
        """The row of ``azimuth_deg``."""
        return self.table.loc[self.table["azimuth_deg"] == azimuth_deg].iloc[0]


def face_azimuth_range(P: PvYieldParameters, year: WeatherYear) -> FaceAzimuthRange | None:
    """The plant simulated with the arrays of a berm face turned to each end of the face's
    ``azimuth_range_deg`` (an unsurveyed azimuth, stated as a hypothesis in ``site.yaml``).

    The first face carrying arrays and a range is used; the other arrays keep their
    orientation. None when no array lies on a face with a range.
    """
    faces = [P.face_of(a) for a in P.arrays]
    face = next((f for f in faces if f is not None and f.azimuth_range_deg is not None), None)
    if face is None:
        return None
    low, high = face.azimuth_range_deg
    turned = tuple(a.name for a, f in zip(P.arrays, faces, strict=True) if f is face)
    rows = []
    for azimuth in sorted({low, face.azimuth_deg, high}):
        given = [
            dict(d, surface_azimuth_deg=azimuth) if f is face else d
            for d, f in zip(arrays(P), faces, strict=True)
        ]
        s = pv.simulate_system(
            year.data,
            P.latitude_deg,
            P.longitude_deg,
            given,
            P.altitude_m,
            timezone=P.timezone,
            **model_settings(P),
        )
        rows.append(
            {
                "azimuth_deg": float(azimuth),
                "annual_energy_kwh": s.annual_energy_kwh,
                "specific_yield_kwh_per_kwp": s.specific_yield_kwh_per_kwp,
                "retained": azimuth == face.azimuth_deg,
            }
        )
    table = pd.DataFrame(rows)
    reference = table.loc[table["retained"], "annual_energy_kwh"].iloc[0]
    table["change"] = table["annual_energy_kwh"] / reference - 1
    return FaceAzimuthRange(face.id, turned, face.azimuth_deg, low, high, table)
