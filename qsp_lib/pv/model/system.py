"""PV system yield on pvlib, economics, carbon and uncertainty.

The model is a PVGIS-like standard chain, vectorised over array orientations so that a layout
sweep of many tilt/azimuth pairs costs about as much as a few single runs:

1. Solar position (NREL SPA, ``pvlib.solarposition``), extraterrestrial irradiance and
   relative air mass (Kasten & Young 1989).
2. Plane-of-array irradiance: beam + Perez (1990) sky diffuse + isotropic ground reflection
   (``pvlib.irradiance.get_total_irradiance``).
3. Row-to-row shading on sloped ground for arrays mounted in rows (tilt differing from the
   ground slope): the shaded fraction of each row (``pvlib.shading.shaded_fraction1d``, with
   the ground slope as cross-axis slope, Anderson & Jensen 2024) removes that fraction of the
   beam; the sky diffuse seen by each row is reduced by the Passias & Källbäck (1984) masking
   (``pvlib.shading.sky_diffuse_passias``, on the tilt relative to the ground). The electrical
   effect of partial shade (bypass diodes, mismatch) is not modelled, so dense layouts are
   slightly optimistic. Arrays lying flat on their support (tilt equal to the ground slope,
   e.g. a roof or modules laid on a berm slope) have no row shading. Horizon and far-shading
   (buildings, trees, the motorway's own barriers) are not modelled.
4. Incidence angle modifier on the beam (physical model, glass n = 1.526; De Soto et al. 2006),
   SAPM cell temperature (King et al. 2004), PVWatts DC power with a temperature coefficient,
   flat system losses, PVWatts inverter (Dobos 2014).

Units are in the names: ``_kwh``, ``_kwp``, ``_deg``, ``_w_m2``, ``_eur``...
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from qsp_lib.core.compat import quiet_pvlib

# ===========================================================================================
# Defaults (each with its source)
# ===========================================================================================
#: Sky-diffuse transposition model (Perez et al. 1990, Solar Energy 44(5)); PVGIS-like
#: standard named in the QSP issue (PVGIS itself uses Muneer 1990).
TRANSPOSITION_MODEL = "perez"
#: SAPM cell-temperature parameters, open rack, glass/glass modules (King, Boyson & Kratochvil
#: 2004, Sandia SAND2004-3535; pvlib TEMPERATURE_MODEL_PARAMETERS).
TEMPERATURE_MODEL = "open_rack_glass_glass"
#: PVWatts DC temperature coefficient of power, 1/°C (-0.37 %/°C for standard c-Si modules;
#: Dobos 2014, PVWatts Version 5 Manual, NREL/TP-6A20-62641).
GAMMA_PDC_PER_C = -0.0037
#: Total system losses in % (soiling, wiring, mismatch, availability...): PVWatts v5 default
#: 14.08 % (Dobos 2014) and PVGIS default 14 % (JRC PVGIS user manual).
SYSTEM_LOSSES_PERCENT = 14.0
#: Nominal inverter efficiency (PVWatts default 0.96; Dobos 2014).
INVERTER_EFFICIENCY = 0.96
#: Reference inverter efficiency of the PVWatts inverter curve (Dobos 2014).
INVERTER_EFFICIENCY_REF = 0.9637
#: DC-to-AC sizing ratio (NREL PVWatts calculator default 1.2 since version 6).
DC_AC_RATIO = 1.2
#: Ground albedo: grass, 0.20 (common design value, e.g. PVsyst default; Iqbal 1983 table 10.1.1
#: gives 0.15-0.26 for green grass).
ALBEDO = 0.20
#: Module refractive index for the physical IAM (glass, n = 1.526; De Soto et al. 2006,
#: pvlib default; used by PVWatts, Dobos 2014).
IAM_GLASS_INDEX = 1.526
#: Median degradation rate in %/yr (Jordan & Kurtz 2013, Prog. Photovolt. 21).
DEGRADATION_PERCENT_PER_YEAR = 0.5
#: Module peak power per m² of module (kWp/m²): STC efficiency about 21 %, typical commercial
#: mono-crystalline modules (Fraunhofer ISE, Photovoltaics Report 2024: 20-22 %).
MODULE_POWER_DENSITY_KWP_M2 = 0.21
#: Ground coverage ratio (module area / ground area) when none is given: fixed-tilt ground
#: plants are usually laid out at 0.4-0.6. Hypothèse.
GROUND_COVERAGE_RATIO = 0.5
#: Tilt difference (deg) under which an array is considered laid flat on its support.
FLUSH_TOLERANCE_DEG = 0.5
#: Standard test condition irradiance, W/m² (IEC 60904-3).
G_STC_W_M2 = 1000.0
#: Inter-annual standard deviation of the solar resource, % of annual energy. Hypothèse
#: (QSP issue: about 5 %; inter-annual GHI variability in western Europe is about 4-6 %).
RESOURCE_SD_PERCENT = 5.0
#: Model standard deviation (transposition, temperature, losses), % of annual energy, with a
#: measured typical-year file. Hypothèse: order of magnitude of the uncertainty of PVGIS-type
#: estimates (a few %; Huld et al. 2012, Solar Energy 86).
MODEL_SD_PERCENT_FILE = 4.0
#: Model standard deviation with a climatology (adds the monthly irradiation estimate from
#: sunshine hours, about 5-10 % between published Angström-Prescott pairs). Hypothèse.
MODEL_SD_PERCENT_CLIMATOLOGY = 7.0
#: Half-width of the band around a single published figure in :func:`compare_to_references`:
#: about the inter-annual standard deviation of annual irradiation in western Europe (4-6 %,
#: see :data:`RESOURCE_SD_PERCENT`). Hypothèse.
SINGLE_REFERENCE_TOLERANCE = 0.05
#: Standard normal quantile of the 90 % exceedance probability.
Z_P90 = 1.2815515655446004


@dataclass
class PvSimulation:
    """Results of :func:`simulate_system` (year 1, AC, all arrays).

    Attributes
    ----------
    arrays : DataFrame
        One row per array: name, surface_tilt_deg, surface_azimuth_deg, peak_power_kwp,
        ground_coverage_ratio, ground_slope_deg, rows, poa_kwh_m2, energy_kwh,
        specific_yield_kwh_per_kwp, performance_ratio, shading_loss_percent.
    hourly : DataFrame
        UTC index; ``ac_kw`` (all arrays), ``poa_w_m2`` (peak-power-weighted, unshaded),
        ``ghi_w_m2``, and ``ac_kw_<i>`` per array.
    monthly : DataFrame
        ``month`` 1-12, ``ghi_kwh_m2``, ``poa_kwh_m2``, ``energy_kwh``.
    month_hour_kw : DataFrame
        12 x 24 mean AC power (kW) by month (rows) and local hour (columns).
    """

    arrays: pd.DataFrame
    hourly: pd.DataFrame
    monthly: pd.DataFrame
    month_hour_kw: pd.DataFrame
    peak_power_kwp: float
    annual_energy_kwh: float
    specific_yield_kwh_per_kwp: float
    performance_ratio: float
    ghi_annual_kwh_m2: float
    poa_annual_kwh_m2: float
    shading_loss_percent: float
    settings: dict = field(default_factory=dict)


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


@dataclass(frozen=True)
class Exceedance:
    """P50 and P90 annual energy (:func:`p50_p90`).

    Attributes
    ----------
    p50_kwh : float
        Median annual energy (the typical year's) [kWh].
    p90_kwh : float
        Annual energy exceeded nine years out of ten [kWh].
    sd_percent : float
        Total relative standard deviation [% of the energy].
    """

    p50_kwh: float
    p90_kwh: float
    sd_percent: float


@dataclass(frozen=True)
class SelfConsumption:
    """Hour-by-hour self-consumption without storage (:func:`self_consumption`).

    Attributes
    ----------
    self_consumed_kwh : float
        Production used on site [kWh].
    self_consumption_share : float
        Share of the production used on site [-].
    self_sufficiency_share : float
        Share of the load covered by the production [-].
    exported_kwh : float
        Production sent to the grid [kWh].
    """

    self_consumed_kwh: float
    self_consumption_share: float
    self_sufficiency_share: float
    exported_kwh: float


# ===========================================================================================
# Arrays
# ===========================================================================================
def array_peak_power_kwp(
    peak_power_kwp: float | None = None,
    area_m2: float | None = None,
    module_power_density_kwp_m2: float = MODULE_POWER_DENSITY_KWP_M2,
    ground_coverage_ratio: float = GROUND_COVERAGE_RATIO,
) -> float:
    """Peak power of an array given directly or from an available area.

    ``peak = area_m2 * ground_coverage_ratio * module_power_density_kwp_m2`` where the area is
    the surface available (ground along the slope, or roof). Inputs are validated by the
    parameter schema (:class:`qsp_lib.pv.schema.PvArray`: exactly one of the two,
    positive values).

    Parameters
    ----------
    peak_power_kwp : float, optional
        Peak power given directly [kWp]; takes precedence over the area.
    area_m2 : float, optional
        Available area [m²].
    module_power_density_kwp_m2 : float
        Peak power per m² of module [kWp/m²].
    ground_coverage_ratio : float
        Module area / available area [-].

    Returns
    -------
    float
        Peak power [kWp].
    """
    if peak_power_kwp is not None:
        return float(peak_power_kwp)
    return float(area_m2 * ground_coverage_ratio * module_power_density_kwp_m2)


def arrays_table(arrays: list[dict]) -> pd.DataFrame:
    """Normalise a list of array dicts into a table.

    Parameters
    ----------
    arrays : list of dict
        Keys: ``name``, ``surface_tilt_deg`` [°] (0-90), ``surface_azimuth_deg`` [°] (0-360,
        pvlib convention 180 = south), ``peak_power_kwp`` [kWp] or ``area_m2`` [m²] (+
        optional ``module_power_density_kwp_m2`` [kWp/m²]), optional
        ``ground_coverage_ratio`` [-] and ``ground_slope_deg`` [°] (slope of the ground,
        descending towards the array azimuth; default: flat ground). Ranges are checked by
        the parameter schema (:class:`qsp_lib.pv.schema.PvArray`).

    Returns
    -------
    DataFrame
        name, surface_tilt_deg, surface_azimuth_deg, peak_power_kwp, ground_coverage_ratio,
        ground_slope_deg, rows (True when row-to-row shading is modelled).
    """
    rows = []
    for i, a in enumerate(arrays):
        tilt = float(a["surface_tilt_deg"])
        az = float(a["surface_azimuth_deg"])
        gcr = a.get("ground_coverage_ratio")
        gcr = GROUND_COVERAGE_RATIO if gcr is None else float(gcr)
        slope = a.get("ground_slope_deg")
        slope = 0.0 if slope is None else float(slope)
        dens = a.get("module_power_density_kwp_m2")
        dens = MODULE_POWER_DENSITY_KWP_M2 if dens is None else float(dens)
        kwp = array_peak_power_kwp(a.get("peak_power_kwp"), a.get("area_m2"), dens, gcr)
        rows.append(
            {
                "name": str(a.get("name") or f"champ {i + 1}"),
                "surface_tilt_deg": tilt,
                "surface_azimuth_deg": az,
                "peak_power_kwp": kwp,
                "ground_coverage_ratio": gcr,
                "ground_slope_deg": slope,
                "rows": bool(abs(tilt - slope) > FLUSH_TOLERANCE_DEG),
            }
        )
    return pd.DataFrame(rows)


# ===========================================================================================
# Core model (vectorised over orientations)
# ===========================================================================================
@quiet_pvlib
def solar_geometry(
    weather: pd.DataFrame, latitude_deg: float, longitude_deg: float, altitude_m: float = 0.0
) -> pd.DataFrame:
    """Solar position, extraterrestrial irradiance and air mass at the weather timestamps.

    Parameters
    ----------
    weather : DataFrame
        Hourly weather with a tz-aware index; ``temp_air`` [°C] refines the refraction.
    latitude_deg, longitude_deg : float
        Site coordinates [°], east positive.
    altitude_m : float
        Site altitude [m] (pressure from the standard atmosphere).

    Returns
    -------
    DataFrame
        zenith, apparent_zenith, azimuth [°], dni_extra [W/m²], airmass [-] (relative).

    References
    ----------
    .. [1] Reda, I. and Andreas, A. (2004). Solar position algorithm for solar radiation
       applications. Solar Energy 76(5), 577-589. doi:10.1016/j.solener.2003.12.003
    .. [2] Spencer, J. W. (1971). Fourier series representation of the position of the sun.
       Search 2(5), 172.
    .. [3] Kasten, F. and Young, A. T. (1989). Revised optical air mass tables and
       approximation formula. Applied Optics 28(22), 4735-4738. doi:10.1364/AO.28.004735
    """
    import pvlib

    kwargs = {}
    if "temp_air" in weather:
        kwargs["temperature"] = weather["temp_air"]
    sp = pvlib.solarposition.get_solarposition(
        weather.index,
        latitude_deg,
        longitude_deg,
        altitude=altitude_m,
        pressure=pvlib.atmosphere.alt2pres(altitude_m),
        **kwargs,
    )
    out = sp[["zenith", "apparent_zenith", "azimuth"]].copy()
    out["dni_extra"] = pvlib.irradiance.get_extra_radiation(weather.index)
    out["airmass"] = pvlib.atmosphere.get_relative_airmass(out["apparent_zenith"])
    return out


@quiet_pvlib
def orientation_power(
    weather: pd.DataFrame,
    geometry: pd.DataFrame,
    surface_tilt_deg,
    surface_azimuth_deg,
    ground_coverage_ratio=1.0,
    ground_slope_deg=None,
    system_losses_percent: float = SYSTEM_LOSSES_PERCENT,
    gamma_pdc_per_c: float = GAMMA_PDC_PER_C,
    inverter_efficiency: float = INVERTER_EFFICIENCY,
    dc_ac_ratio: float = DC_AC_RATIO,
    albedo: float = ALBEDO,
    transposition_model: str = TRANSPOSITION_MODEL,
    temperature_model: str = TEMPERATURE_MODEL,
) -> dict:
    """Hourly AC power per kWp for N orientations at once (numpy broadcasting).

    Parameters
    ----------
    weather : DataFrame
        ghi, dni, dhi [W/m²], temp_air [°C], wind_speed [m/s]; T rows.
    geometry : DataFrame
        Output of :func:`solar_geometry` for the same index.
    surface_tilt_deg, surface_azimuth_deg : float or array of N
        Orientations [°] (pvlib convention, azimuth 180 = south).
    ground_coverage_ratio : float or array of N
        Module / ground area ratio of rows [-] (used when rows are tilted on their ground).
    ground_slope_deg : float or array of N, optional
        Ground slope [°] descending towards the azimuth; ``None`` means each array lies flat
        on its support (no row shading).
    system_losses_percent : float
        Flat DC system losses [%].
    gamma_pdc_per_c : float
        Temperature coefficient of power [1/°C].
    inverter_efficiency : float
        Nominal inverter efficiency [-].
    dc_ac_ratio : float
        DC / AC nameplate ratio [-].
    albedo : float
        Ground reflectance [-].
    transposition_model : str
        pvlib sky-diffuse model name (``"perez"``, ``"isotropic"``...).
    temperature_model : str
        Key of pvlib's SAPM cell-temperature parameters.

    Returns
    -------
    dict of (T, N) ndarrays
        ``poa_w_m2`` (in-plane irradiance before row shading) [W/m²], ``poa_shaded_w_m2``
        [W/m²], ``ac_w_per_kwp`` (AC power per kWp DC) [W/kWp].

    References
    ----------
    .. [1] Perez, R., Ineichen, P., Seals, R., Michalsky, J. and Stewart, R. (1990). Modeling
       daylight availability and irradiance components from direct and global irradiance.
       Solar Energy 44(5), 271-289. doi:10.1016/0038-092X(90)90055-H
    .. [2] Anderson, K. S. and Jensen, A. R. (2024). Shaded fraction and backtracking in
       single-axis trackers on rolling terrain. Journal of Renewable and Sustainable Energy
       16, 023504. doi:10.1063/5.0202220
    .. [3] Passias, D. and Källbäck, B. (1984). Shading effects in rows of solar cell panels.
       Solar Cells 11(3), 281-291. doi:10.1016/0379-6787(84)90017-6
    .. [4] De Soto, W., Klein, S. A. and Beckman, W. A. (2006). Improvement and validation of
       a model for photovoltaic array performance. Solar Energy 80(1), 78-88.
       doi:10.1016/j.solener.2005.06.010
    .. [5] King, D. L., Boyson, W. E. and Kratochvil, J. A. (2004). Photovoltaic array
       performance model. Sandia National Laboratories, SAND2004-3535.
    .. [6] Dobos, A. P. (2014). PVWatts Version 5 Manual. NREL/TP-6A20-62641.
    """
    import pvlib

    tilt = np.atleast_1d(np.asarray(surface_tilt_deg, dtype=float))[None, :]
    az = np.atleast_1d(np.asarray(surface_azimuth_deg, dtype=float))[None, :]
    tilt, az = np.broadcast_arrays(tilt, az)
    n = tilt.shape[1]

    def col(name, frame=weather):
        return frame[name].to_numpy(dtype=float)[:, None]

    zen, app_zen, sazi = (
        col("zenith", geometry),
        col("apparent_zenith", geometry),
        col("azimuth", geometry),
    )
    ghi, dni, dhi = col("ghi"), col("dni"), col("dhi")
    with np.errstate(invalid="ignore", divide="ignore"):
        irr = pvlib.irradiance.get_total_irradiance(
            tilt,
            az,
            app_zen,
            sazi,
            dni,
            ghi,
            dhi,
            dni_extra=col("dni_extra", geometry),
            airmass=col("airmass", geometry),
            albedo=albedo,
            model=transposition_model,
        )
        beam = np.nan_to_num(np.asarray(irr["poa_direct"], dtype=float))
        sky = np.nan_to_num(np.asarray(irr["poa_sky_diffuse"], dtype=float))
        ground = np.nan_to_num(np.asarray(irr["poa_ground_diffuse"], dtype=float))
        poa = beam + sky + ground

        if ground_slope_deg is not None:
            slope = np.broadcast_to(np.asarray(ground_slope_deg, dtype=float), (n,))[None, :]
            gcr = np.broadcast_to(np.asarray(ground_coverage_ratio, dtype=float), (n,))[None, :]
            rows = np.abs(tilt - slope) > FLUSH_TOLERANCE_DEG
            if rows.any():
                pitch = np.cos(np.radians(slope)) / gcr  # horizontal pitch, collector width 1
                fs = pvlib.shading.shaded_fraction1d(
                    zen,
                    sazi,
                    az - 90.0,
                    tilt,
                    collector_width=1.0,
                    pitch=pitch,
                    cross_axis_slope=slope,
                )
                fs = np.where(rows & (zen < 90), np.clip(np.nan_to_num(fs), 0, 1), 0.0)
                rel_tilt = np.clip(np.abs(tilt - slope), 0, 90)
                mask = pvlib.shading.masking_angle_passias(rel_tilt, gcr)
                sky_loss = np.where(rows, pvlib.shading.sky_diffuse_passias(mask), 0.0)
                beam = beam * (1 - fs)
                sky = sky * (1 - sky_loss)
        poa_shaded = beam + sky + ground

        aoi = pvlib.irradiance.aoi(tilt, az, app_zen, sazi)
        iam = np.nan_to_num(pvlib.iam.physical(aoi, n=IAM_GLASS_INDEX))
        effective = beam * iam + sky + ground

        tparams = pvlib.temperature.TEMPERATURE_MODEL_PARAMETERS["sapm"][temperature_model]
        t_cell = pvlib.temperature.sapm_cell(
            poa_shaded, col("temp_air"), col("wind_speed"), **tparams
        )
        pdc = pvlib.pvsystem.pvwatts_dc(effective, t_cell, 1000.0, gamma_pdc_per_c)
        pdc = np.nan_to_num(pdc) * (1 - system_losses_percent / 100.0)
        pac = pvlib.inverter.pvwatts(
            pdc,
            1000.0 / (dc_ac_ratio * inverter_efficiency),
            eta_inv_nom=inverter_efficiency,
            eta_inv_ref=INVERTER_EFFICIENCY_REF,
        )
    return {"poa_w_m2": poa, "poa_shaded_w_m2": poa_shaded, "ac_w_per_kwp": np.asarray(pac)}


def simulate_system(
    weather: pd.DataFrame,
    latitude_deg: float,
    longitude_deg: float,
    arrays: list[dict],
    altitude_m: float = 0.0,
    system_losses_percent: float = SYSTEM_LOSSES_PERCENT,
    gamma_pdc_percent_per_c: float = GAMMA_PDC_PER_C * 100,
    inverter_efficiency: float = INVERTER_EFFICIENCY,
    dc_ac_ratio: float = DC_AC_RATIO,
    albedo: float = ALBEDO,
    transposition_model: str = TRANSPOSITION_MODEL,
    temperature_model: str = TEMPERATURE_MODEL,
    timezone: str = "UTC",
) -> PvSimulation:
    """Year-one AC yield of a PV system made of several arrays.

    Parameters
    ----------
    weather : DataFrame
        Hourly typical year (UTC index; ghi, dni, dhi [W/m²], temp_air [°C], wind_speed
        [m/s]), e.g. from :mod:`qsp_lib.pv.model.weather` or :mod:`qsp_lib.pv.io`.
    latitude_deg, longitude_deg : float
        Site coordinates [°].
    arrays : list of dict
        See :func:`arrays_table`.
    altitude_m : float
        Site altitude [m].
    system_losses_percent : float
        Flat DC system losses [%].
    gamma_pdc_percent_per_c : float
        Temperature coefficient of power [%/°C].
    inverter_efficiency, dc_ac_ratio, albedo : float
        Nominal inverter efficiency [-], DC/AC ratio [-], ground reflectance [-].
    transposition_model, temperature_model : str
        See :func:`orientation_power`.
    timezone : str
        Time zone of the month x hour matrix (e.g. ``"Europe/Paris"``).

    Returns
    -------
    PvSimulation

    References
    ----------
    The model chain of :func:`orientation_power` (Perez et al. 1990; Anderson & Jensen 2024;
    Passias & Källbäck 1984; De Soto et al. 2006; King et al. 2004; Dobos 2014). The
    performance ratio follows IEC 61724-1:2021 (yield / in-plane irradiation at 1 kW/m²).
    """
    table = arrays_table(arrays)
    geom = solar_geometry(weather, latitude_deg, longitude_deg, altitude_m)
    res = orientation_power(
        weather,
        geom,
        table["surface_tilt_deg"].to_numpy(),
        table["surface_azimuth_deg"].to_numpy(),
        table["ground_coverage_ratio"].to_numpy(),
        table["ground_slope_deg"].to_numpy(),
        system_losses_percent=system_losses_percent,
        gamma_pdc_per_c=gamma_pdc_percent_per_c / 100.0,
        inverter_efficiency=inverter_efficiency,
        dc_ac_ratio=dc_ac_ratio,
        albedo=albedo,
        transposition_model=transposition_model,
        temperature_model=temperature_model,
    )
    kwp = table["peak_power_kwp"].to_numpy()
    ac_kw = res["ac_w_per_kwp"] * kwp[None, :] / 1000.0  # (T, N), kW
    poa = res["poa_w_m2"]
    hours = _hours_per_step(weather.index)
    total_kwp = float(kwp.sum())

    table["poa_kwh_m2"] = (poa * hours[:, None]).sum(axis=0) / 1000.0
    table["energy_kwh"] = (ac_kw * hours[:, None]).sum(axis=0)
    table["specific_yield_kwh_per_kwp"] = table["energy_kwh"] / table["peak_power_kwp"]
    table["performance_ratio"] = table["specific_yield_kwh_per_kwp"] / table["poa_kwh_m2"]
    unshaded_frac = np.divide(
        (res["poa_shaded_w_m2"] * hours[:, None]).sum(axis=0) / 1000.0,
        table["poa_kwh_m2"].to_numpy(),
    )
    table["shading_loss_percent"] = 100 * (1 - unshaded_frac)

    hourly = pd.DataFrame(
        {
            "ac_kw": ac_kw.sum(axis=1),
            "poa_w_m2": (poa * kwp[None, :]).sum(axis=1) / total_kwp,
            "ghi_w_m2": weather["ghi"].to_numpy(dtype=float),
        },
        index=weather.index,
    )
    for i in range(len(table)):
        hourly[f"ac_kw_{i}"] = ac_kw[:, i]

    energy_h = hourly["ac_kw"] * hours
    month = hourly.index.month

    def by_month(values: pd.Series) -> np.ndarray:
        return values.groupby(month).sum().reindex(range(1, 13), fill_value=0).to_numpy()

    monthly = pd.DataFrame(
        {
            "month": np.arange(1, 13),
            "ghi_kwh_m2": by_month(hourly["ghi_w_m2"] * hours) / 1000.0,
            "poa_kwh_m2": by_month(hourly["poa_w_m2"] * hours) / 1000.0,
            "energy_kwh": by_month(energy_h),
        }
    )
    energy = float(energy_h.sum())
    poa_annual = float(monthly["poa_kwh_m2"].sum())
    shaded_weighted = float(
        (res["poa_shaded_w_m2"] * kwp[None, :] * hours[:, None]).sum() / total_kwp / 1000.0
    )
    return PvSimulation(
        arrays=table,
        hourly=hourly,
        monthly=monthly,
        month_hour_kw=month_hour_matrix(hourly["ac_kw"], timezone),
        peak_power_kwp=total_kwp,
        annual_energy_kwh=energy,
        specific_yield_kwh_per_kwp=energy / total_kwp,
        performance_ratio=energy / total_kwp / poa_annual if poa_annual > 0 else float("nan"),
        ghi_annual_kwh_m2=float(monthly["ghi_kwh_m2"].sum()),
        poa_annual_kwh_m2=poa_annual,
        shading_loss_percent=100 * (1 - shaded_weighted / poa_annual) if poa_annual else 0.0,
        settings={
            "system_losses_percent": system_losses_percent,
            "gamma_pdc_percent_per_c": gamma_pdc_percent_per_c,
            "inverter_efficiency": inverter_efficiency,
            "dc_ac_ratio": dc_ac_ratio,
            "albedo": albedo,
            "transposition_model": transposition_model,
            "temperature_model": temperature_model,
        },
    )


def month_hour_matrix(power_kw: pd.Series, timezone: str = "UTC") -> pd.DataFrame:
    """Mean power by month (rows 1-12) and local hour (columns 0-23).

    Parameters
    ----------
    power_kw : Series
        Power [kW] on a tz-aware index.
    timezone : str
        Time zone of the hours.

    Returns
    -------
    DataFrame
        12 x 24 mean power [kW].
    """
    local = power_kw.copy()
    local.index = local.index.tz_convert(timezone)
    mat = local.groupby([local.index.month, local.index.hour]).mean().unstack(fill_value=0.0)
    mat = mat.reindex(index=range(1, 13), columns=range(24), fill_value=0.0)
    mat.index.name = "month"
    mat.columns.name = "hour"
    return mat


def layout_sweep(
    weather: pd.DataFrame,
    latitude_deg: float,
    longitude_deg: float,
    tilts_deg,
    azimuths_deg,
    altitude_m: float = 0.0,
    ground_coverage_ratio: float = 1.0,
    ground_slope_deg: float | None = None,
    geometry: pd.DataFrame | None = None,
    **settings,
) -> pd.DataFrame:
    """Specific yield over a tilt x azimuth grid, computed in one vectorised pass.

    Parameters
    ----------
    weather : DataFrame
        Hourly weather, as for :func:`simulate_system`.
    latitude_deg, longitude_deg : float
        Site coordinates [°].
    tilts_deg, azimuths_deg : sequences
        Grid axes [°]; every combination is evaluated (e.g. 10 x 10 = 100 layouts).
    altitude_m : float
        Site altitude [m].
    ground_coverage_ratio : float
        Row layout applied to every combination [-].
    ground_slope_deg : float, optional
        Ground slope [°] (``None``: no row shading).
    geometry : DataFrame, optional
        Output of :func:`solar_geometry` when already computed.
    **settings
        Passed to :func:`orientation_power` (``gamma_pdc_percent_per_c`` accepted as in
        :func:`simulate_system`).

    Returns
    -------
    DataFrame
        surface_tilt_deg [°], surface_azimuth_deg [°], poa_kwh_m2 [kWh/m²],
        specific_yield_kwh_per_kwp [kWh/kWp], performance_ratio [-].

    References
    ----------
    The model chain of :func:`orientation_power`.
    """
    tt, aa = np.meshgrid(np.asarray(tilts_deg, float), np.asarray(azimuths_deg, float))
    tt, aa = tt.ravel(), aa.ravel()
    if geometry is None:
        geometry = solar_geometry(weather, latitude_deg, longitude_deg, altitude_m)
    if "gamma_pdc_percent_per_c" in settings:  # same keywords as simulate_system
        settings["gamma_pdc_per_c"] = settings.pop("gamma_pdc_percent_per_c") / 100.0
    res = orientation_power(
        weather,
        geometry,
        tt,
        aa,
        ground_coverage_ratio,
        ground_slope_deg,
        **settings,
    )
    hours = _hours_per_step(weather.index)[:, None]
    poa = (res["poa_w_m2"] * hours).sum(axis=0) / 1000.0
    yld = (res["ac_w_per_kwp"] * hours).sum(axis=0) / 1000.0
    return pd.DataFrame(
        {
            "surface_tilt_deg": tt,
            "surface_azimuth_deg": aa,
            "poa_kwh_m2": poa,
            "specific_yield_kwh_per_kwp": yld,
            "performance_ratio": yld / poa,
        }
    )


def _hours_per_step(index: pd.DatetimeIndex) -> np.ndarray:
    """Duration of each step in hours (hourly data -> ones)."""
    if len(index) < 2:
        return np.ones(len(index))
    step = pd.Series(index).diff().median() / pd.Timedelta(hours=1)
    return np.full(len(index), float(step))


# ===========================================================================================
# Lifetime, economics, carbon
# ===========================================================================================
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


def p50_p90(
    annual_energy_kwh: float,
    resource_sd_percent: float = RESOURCE_SD_PERCENT,
    model_sd_percent: float = MODEL_SD_PERCENT_FILE,
) -> Exceedance:
    """P50 and P90 annual energy assuming independent normal errors.

    The typical year is taken as the median (P50). The total relative standard deviation is
    ``sqrt(resource_sd^2 + model_sd^2)`` and ``P90 = P50 (1 - 1.2816 sd)`` (one-year P90).

    Parameters
    ----------
    annual_energy_kwh : float
        Typical-year energy, taken as P50 [kWh].
    resource_sd_percent : float
        Inter-annual standard deviation of the resource [% of the energy].
    model_sd_percent : float
        Standard deviation of the model [% of the energy].

    Returns
    -------
    Exceedance

    References
    ----------
    .. [1] Dobos, A. P., Gilman, P. and Kasberg, M. (2012). P50/P90 analysis for solar energy
       systems using the System Advisor Model. NREL/CP-6A20-54488.
    """
    sd = float(np.hypot(resource_sd_percent, model_sd_percent))
    return Exceedance(
        p50_kwh=float(annual_energy_kwh),
        p90_kwh=float(annual_energy_kwh * (1 - Z_P90 * sd / 100.0)),
        sd_percent=sd,
    )


# ===========================================================================================
# Self-consumption
# ===========================================================================================
#: Default hourly load shape (relative weights, local hours 0-23) of public buildings and an
#: urban farm: daytime use with a low base load. Hypothèse (no metered profile available).
LOAD_SHAPE_DAYTIME = (
    0.4, 0.4, 0.4, 0.4, 0.4, 0.5, 0.7, 1.0, 1.4, 1.6, 1.6, 1.6,
    1.5, 1.6, 1.6, 1.5, 1.4, 1.2, 1.0, 0.8, 0.6, 0.5, 0.4, 0.4,
)  # fmt: skip
#: Weekend load relative to weekdays for public buildings. Hypothèse.
LOAD_WEEKEND_FACTOR = 0.6


def load_profile(
    index: pd.DatetimeIndex,
    annual_kwh: float,
    hourly_shape=LOAD_SHAPE_DAYTIME,
    weekend_factor: float = LOAD_WEEKEND_FACTOR,
    timezone: str = "Europe/Paris",
) -> pd.Series:
    """Hourly load (kW) on the weather index from an annual total and a daily shape.

    Parameters
    ----------
    index : DatetimeIndex
        UTC hourly index (the PV simulation's).
    annual_kwh : float
        Annual consumption [kWh].
    hourly_shape : sequence of 24 floats
        Relative weights by local hour [-] (checked by the parameter schema).
    weekend_factor : float
        Weight multiplier on Saturdays and Sundays [-].
    timezone : str
        Time zone of the local hours.

    Returns
    -------
    Series
        Load [kW] on ``index``.
    """
    shape = np.asarray(hourly_shape, dtype=float)
    local = index.tz_convert(timezone)
    w = shape[local.hour] * np.where(local.day_of_week >= 5, weekend_factor, 1.0)
    hours = _hours_per_step(index)
    return pd.Series(annual_kwh * w / (w * hours).sum(), index=index, name="load_kw")


def self_consumption(production_kw: pd.Series, load_kw: pd.Series) -> SelfConsumption:
    """Share of the production used on site, hour by hour (no storage).

    Parameters
    ----------
    production_kw, load_kw : Series
        Production and load [kW] on the same index.

    Returns
    -------
    SelfConsumption

    References
    ----------
    .. [1] Luthander, R., Widén, J., Nilsson, D. and Palm, J. (2015). Photovoltaic
       self-consumption in buildings: a review. Applied Energy 142, 80-94.
       doi:10.1016/j.apenergy.2014.12.028 (definitions of self-consumption and
       self-sufficiency).
    """
    prod = production_kw.to_numpy(dtype=float)
    load = load_kw.to_numpy(dtype=float)
    hours = _hours_per_step(production_kw.index)
    used = (np.minimum(prod, load) * hours).sum()
    total = (prod * hours).sum()
    need = (load * hours).sum()
    return SelfConsumption(
        self_consumed_kwh=float(used),
        self_consumption_share=float(used / total) if total > 0 else 0.0,
        self_sufficiency_share=float(used / need) if need > 0 else 0.0,
        exported_kwh=float(total - used),
    )


# ===========================================================================================
# Sensitivity to Angström-Prescott coefficients
# ===========================================================================================
def angstrom_sensitivity(
    latitude_deg: float,
    longitude_deg: float,
    sunshine_hours_monthly,
    temp_air_monthly_c,
    arrays: list[dict],
    altitude_m: float = 0.0,
    seed: int = 0,
    pairs: pd.DataFrame | None = None,
    weather_kwargs: dict | None = None,
    **settings,
) -> pd.DataFrame:
    """Annual GHI and yield for several published Angström-Prescott coefficient pairs.

    Parameters
    ----------
    latitude_deg, longitude_deg : float
        Site coordinates [°].
    sunshine_hours_monthly : sequence of 12 floats
        Monthly sunshine duration [h].
    temp_air_monthly_c : sequence of 12 floats
        Monthly mean air temperature [°C].
    arrays : list of dict
        See :func:`arrays_table`.
    altitude_m : float
        Site altitude [m].
    seed : int
        Seed of the generated years (the same for every pair).
    pairs : DataFrame, optional
        Columns label, a [-], b [-] and any others, kept in the result (default:
        :func:`qsp_lib.pv.model.weather.angstrom_prescott_pairs` with the site's Rietveld pair).
    weather_kwargs : dict, optional
        Further arguments of :func:`qsp_lib.pv.model.weather.typical_year_from_climatology`
        (e.g. ``wind_speed_monthly_m_s``).
    **settings
        Passed to :func:`simulate_system`.

    Returns
    -------
    DataFrame
        The columns of ``pairs`` (label, a, b...), ghi_annual_kwh_m2 [kWh/m²],
        annual_energy_kwh [kWh], specific_yield_kwh_per_kwp [kWh/kWp].

    References
    ----------
    .. [1] Allen, R. G., Pereira, L. S., Raes, D. and Smith, M. (1998). Crop
       evapotranspiration. FAO Irrigation and Drainage Paper 56, eq. 35.
    .. [2] Prescott, J. A. (1940). Evaporation from a water surface in relation to solar
       radiation. Trans. R. Soc. South Australia 64, 114-118.
    """
    from qsp_lib.pv.model import weather as wx

    if pairs is None:
        pairs = wx.angstrom_prescott_pairs(latitude_deg, sunshine_hours_monthly)
    rows = []
    for _, p in pairs.iterrows():
        w = wx.typical_year_from_climatology(
            latitude_deg,
            longitude_deg,
            temp_air_monthly_c,
            sunshine_hours_monthly=sunshine_hours_monthly,
            altitude_m=altitude_m,
            seed=seed,
            angstrom_a=float(p["a"]),
            angstrom_b=float(p["b"]),
            **(weather_kwargs or {}),
        )
        sim = simulate_system(w, latitude_deg, longitude_deg, arrays, altitude_m, **settings)
        rows.append(
            {
                **p.to_dict(),
                "a": float(p["a"]),
                "b": float(p["b"]),
                "ghi_annual_kwh_m2": sim.ghi_annual_kwh_m2,
                "annual_energy_kwh": sim.annual_energy_kwh,
                "specific_yield_kwh_per_kwp": sim.specific_yield_kwh_per_kwp,
            }
        )
    return pd.DataFrame(rows)


def compare_to_references(value: float, references: pd.DataFrame) -> pd.DataFrame:
    """Where a computed figure sits against published reference values or ranges.

    Parameters
    ----------
    value : float
        The computed figure, in the unit of the references (e.g. kWh/kWp/yr).
    references : DataFrame
        Rows with ``label``, ``value``, ``low``, ``high`` (e.g.
        :func:`qsp_lib.pv.reference.pv_references` of one ``quantity``); ``key``, ``quantity``,
        ``unit`` and ``assumption`` are kept when present.

    Returns
    -------
    DataFrame
        The references with ``computed`` (the value), ``ratio`` (value / reference value)
        and ``position``: ``"en dessous"``, ``"dans la fourchette"`` or ``"au-dessus"`` of
        ``[low, high]``. A single figure (no range) counts as a range of
        ±:data:`SINGLE_REFERENCE_TOLERANCE`, the order of the resource's inter-annual
        variability.

    References
    ----------
    The published values of ``qsp_lib/data/pv_references.csv`` (QSP reference pv.md).
    """
    kept = [c for c in ("key", "quantity", "label", "unit", "assumption") if c in references]
    out = references[[*kept, "value", "low", "high"]].copy().reset_index(drop=True)
    single = (out["low"] == out["high"]) & (out["low"] == out["value"])
    out["low"] = np.where(single, out["value"] * (1 - SINGLE_REFERENCE_TOLERANCE), out["low"])
    out["high"] = np.where(single, out["value"] * (1 + SINGLE_REFERENCE_TOLERANCE), out["high"])
    out["computed"] = float(value)
    out["ratio"] = float(value) / out["value"]
    out["position"] = np.select(
        [value < out["low"], value > out["high"]], ["en dessous", "au-dessus"], "dans la fourchette"
    )
    return out
