"""PV system yield on pvlib: solar geometry, plane-of-array irradiance, row shading, power.

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
from qsp_lib.pv.model.arrays import FLUSH_TOLERANCE_DEG, arrays_table

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
#: Standard test condition irradiance, W/m² (IEC 60904-3).
G_STC_W_M2 = 1000.0


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
