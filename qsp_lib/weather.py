"""Typical-year weather for PV yield: a monthly climatology turned into an hourly year.

:func:`typical_year_from_climatology` builds an hourly year from twelve monthly values
(irradiation given, or estimated from sunshine hours with Angström-Prescott) and twelve
monthly mean air temperatures; it returns a DataFrame indexed by UTC timestamps with the
columns of :data:`WEATHER_COLUMNS` (W/m², °C, m/s). This is the default when nothing may be
downloaded. Weather files a user brings (PVGIS TMY, EPW, TMY3) are read by
:func:`qsp_lib.iotools.weather.read_weather_file` into the same shape: this module reads no
files.

Method of the climatology generator
-----------------------------------
1. Monthly global horizontal irradiation ``H_m`` (kWh/m²): given, or ``H = (a + b n/N) H0``
   per day (FAO-56 eq. 35, with extraterrestrial ``H0`` eq. 21 and day length ``N`` eq. 34;
   Allen et al. 1998), with the month's mean daily sunshine ``n``.
2. Clear-sky shape: pvlib Ineichen-Perez clear-sky GHI at the middle of each UTC hour, with
   pvlib's bundled monthly Linke turbidity climatology (Remund et al. 2003; no download).
3. Day-to-day variability: each day's clear-sky index ``k_d`` (day GHI / clear-sky day GHI)
   is drawn from a Beta distribution with the month's mean and a concentration
   :data:`DAILY_KC_CONCENTRATION`, with AR(1) persistence :data:`DAILY_KC_AUTOCORRELATION`
   between successive days (Gaussian copula), from a seeded generator: the same seed gives
   the same year.
4. The hourly GHI of each month is then scaled so that the month's total equals ``H_m``
   exactly (to floating-point precision, far inside 0.1 %).
5. Beam and diffuse: Erbs et al. (1982) decomposition (``pvlib.irradiance.erbs``).
6. Air temperature: the monthly mean plus a cosine daily cycle (minimum near sunrise,
   maximum at about 15 h solar time) whose amplitude is the month's mean daily range scaled by
   the day's clear-sky index; the monthly mean is preserved exactly.

Expected error: monthly GHI is reproduced exactly (by construction). Each hour of a day has
the clear-sky shape times one daily factor, so intra-day cloud variability is absent: the
diffuse fraction from Erbs is slightly biased and the month x hour pattern is smoother than
reality. Fed with the monthly means of the real TMY3 year bundled with pvlib (Greensboro, NC),
the annual PV yield of a 35° south array is within about 1-3 % of the yield computed with the
real hourly year (see ``tests/test_weather.py``). With sunshine hours instead of measured
irradiation, the Angström-Prescott estimate dominates the error: FAO-56 defaults against other
published coefficient pairs change annual GHI by about 5-10 % (see
:data:`ANGSTROM_PRESCOTT_PAIRS`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Columns of every weather DataFrame returned here (W/m², W/m², W/m², °C, m/s).
WEATHER_COLUMNS = ["ghi", "dni", "dhi", "temp_air", "wind_speed"]

# --- Angström-Prescott and FAO-56 constants -----------------------------------------------
#: Angström-Prescott intercept a (FAO-56 default, Allen et al. 1998, eq. 35).
ANGSTROM_A_FAO56 = 0.25
#: Angström-Prescott slope b (FAO-56 default, Allen et al. 1998, eq. 35).
ANGSTROM_B_FAO56 = 0.50
#: Solar constant in MJ m-2 min-1 (FAO-56, Allen et al. 1998, eq. 21).
SOLAR_CONSTANT_MJ_M2_MIN = 0.0820
#: MJ per kWh.
MJ_PER_KWH = 3.6

#: Published Angström-Prescott coefficient pairs used for the sensitivity analysis:
#: (label, a, b, source). ``a`` may be a callable of latitude in degrees.
ANGSTROM_PRESCOTT_PAIRS = (
    ("FAO-56", 0.25, 0.50, "Allen et al. 1998, FAO Irrigation and Drainage Paper 56, eq. 35"),
    ("Prescott", 0.22, 0.54, "Prescott 1940, Trans. R. Soc. South Australia 64"),
    ("Page", 0.23, 0.48, "Page 1961, UN Conference on New Sources of Energy"),
    (
        "Glover-McCulloch",
        lambda lat: 0.29 * np.cos(np.radians(lat)),
        0.52,
        "Glover & McCulloch 1958, Q. J. R. Meteorol. Soc. 84 (a = 0.29 cos(latitude))",
    ),
)

# --- Day-to-day variability ------------------------------------------------------------------
#: Concentration (alpha + beta) of the Beta distribution of the daily clear-sky index.
#: With a monthly mean of 0.5 it gives a standard deviation of about 0.2, the order of
#: magnitude of daily clearness-index spreads in temperate climates (Liu & Jordan 1960;
#: Hollands & Huget 1983). Hypothèse: not fitted to Lille.
DAILY_KC_CONCENTRATION = 5.0
#: Lag-one autocorrelation of the daily clear-sky index (weather persistence), order of
#: magnitude 0.2-0.4 reported for daily clearness indices (Aguiar et al. 1988, Solar Energy 40).
DAILY_KC_AUTOCORRELATION = 0.3
#: Bounds of the daily clear-sky index (overcast day ... clear day).
DAILY_KC_MIN = 0.03
DAILY_KC_MAX = 1.05

# --- Temperature daily cycle -------------------------------------------------------------------
#: Mean daily temperature range (Tmax - Tmin, °C) by month used when none is given:
#: order of magnitude of Météo-France 1991-2020 normals at Lille-Lesquin (about 6 °C in
#: winter, 10 °C in early summer). Hypothèse: rounded values, not the station file.
DAILY_TEMP_RANGE_C_DEFAULT = (5.5, 6.5, 8.0, 9.5, 10.0, 10.0, 10.0, 10.0, 9.0, 7.5, 6.0, 5.0)
#: Hour (local solar time) of the daily temperature maximum (typical value, e.g. Parton &
#: Logan 1981, Agricultural Meteorology 23).
TEMP_MAX_SOLAR_HOUR = 15.0
#: Wind speed used when none is given (m/s at 10 m). Hypothèse: order of magnitude of the
#: annual mean at Lille-Lesquin (about 4 m/s at 10 m) reduced for a sheltered urban site.
WIND_SPEED_DEFAULT_M_S = 3.0

#: Reference (non-leap) year used to lay out a generated typical year.
TYPICAL_YEAR = 2023


# ===========================================================================================
# Angström-Prescott
# ===========================================================================================
def _days_of_typical_year() -> pd.DatetimeIndex:
    return pd.date_range(f"{TYPICAL_YEAR}-01-01", periods=365, freq="D")


def daily_extraterrestrial_mj_m2(latitude_deg: float, day_of_year: np.ndarray) -> tuple:
    """Daily extraterrestrial irradiation on a horizontal plane and day length (FAO-56).

    Parameters
    ----------
    latitude_deg : float
        Latitude [°] (north positive).
    day_of_year : array of int
        Day numbers 1-365 [-].

    Returns
    -------
    ra_mj_m2 : ndarray
        Extraterrestrial irradiation Ra [MJ/m²/day] (FAO-56 eq. 21).
    daylength_h : ndarray
        Maximum possible sunshine duration N [h] (FAO-56 eq. 34).

    References
    ----------
    .. [1] Allen, R. G., Pereira, L. S., Raes, D. and Smith, M. (1998). Crop
       evapotranspiration: guidelines for computing crop water requirements. FAO Irrigation
       and Drainage Paper 56, Rome, chapter 3 (eqs. 21-25, 34, 35).
    """
    j = np.asarray(day_of_year, dtype=float)
    phi = np.radians(latitude_deg)
    dr = 1 + 0.033 * np.cos(2 * np.pi * j / 365)  # eq. 23
    delta = 0.409 * np.sin(2 * np.pi * j / 365 - 1.39)  # eq. 24
    ws = np.arccos(np.clip(-np.tan(phi) * np.tan(delta), -1.0, 1.0))  # eq. 25
    ra = (
        24
        * 60
        / np.pi
        * SOLAR_CONSTANT_MJ_M2_MIN
        * dr
        * (ws * np.sin(phi) * np.sin(delta) + np.cos(phi) * np.cos(delta) * np.sin(ws))
    )
    return ra, 24 / np.pi * ws


def monthly_ghi_from_sunshine(
    latitude_deg: float,
    sunshine_hours_monthly: list[float] | np.ndarray,
    angstrom_a: float = ANGSTROM_A_FAO56,
    angstrom_b: float = ANGSTROM_B_FAO56,
) -> np.ndarray:
    """Monthly global horizontal irradiation from monthly sunshine hours (Angström-Prescott).

    ``Rs = (a + b n/N) Ra`` per day (FAO-56 eq. 35), where ``n`` is the month's mean daily
    sunshine duration, ``N`` the day length and ``Ra`` the extraterrestrial irradiation; the
    daily values are summed over each month of a 365-day year.

    Parameters
    ----------
    latitude_deg : float
        Latitude [°].
    sunshine_hours_monthly : sequence of 12 floats
        Total sunshine duration of each month [h] (12 values, checked by the parameter
        schema).
    angstrom_a, angstrom_b : float
        Angström-Prescott coefficients [-] (FAO-56 defaults 0.25 and 0.50).

    Returns
    -------
    ndarray of 12 floats
        Monthly GHI [kWh/m²].

    References
    ----------
    .. [1] Allen, R. G., Pereira, L. S., Raes, D. and Smith, M. (1998). Crop
       evapotranspiration: guidelines for computing crop water requirements. FAO Irrigation
       and Drainage Paper 56, Rome, chapter 3 (eqs. 21-25, 34, 35).
    .. [2] Prescott, J. A. (1940). Evaporation from a water surface in relation to solar
       radiation. Trans. R. Soc. South Australia 64, 114-118.
    """
    sun = np.asarray(sunshine_hours_monthly, dtype=float)
    days = _days_of_typical_year()
    ra, n_max = daily_extraterrestrial_mj_m2(latitude_deg, days.day_of_year.to_numpy())
    month = days.month.to_numpy()
    days_in_month = np.bincount(month, minlength=13)[1:]
    n_daily = sun[month - 1] / days_in_month[month - 1]
    ratio = np.clip(n_daily / np.maximum(n_max, 1e-6), 0.0, 1.0)
    rs = (angstrom_a + angstrom_b * ratio) * ra / MJ_PER_KWH
    return np.bincount(month, weights=rs, minlength=13)[1:]


def angstrom_prescott_pairs(latitude_deg: float) -> pd.DataFrame:
    """Published Angström-Prescott pairs evaluated at a latitude.

    Parameters
    ----------
    latitude_deg : float
        Latitude [°] (for the Glover-McCulloch intercept).

    Returns
    -------
    DataFrame
        Columns ``label``, ``a`` [-], ``b`` [-], ``source``.

    References
    ----------
    See :data:`ANGSTROM_PRESCOTT_PAIRS` (Allen et al. 1998; Prescott 1940; Page 1961; Glover
    & McCulloch 1958).
    """
    rows = []
    for label, a, b, source in ANGSTROM_PRESCOTT_PAIRS:
        a_val = float(a(latitude_deg)) if callable(a) else float(a)
        rows.append({"label": label, "a": a_val, "b": float(b), "source": source})
    return pd.DataFrame(rows)


# ===========================================================================================
# Climatology -> hourly typical year
# ===========================================================================================
def typical_year_from_climatology(
    latitude_deg: float,
    longitude_deg: float,
    temp_air_monthly_c: list[float] | np.ndarray,
    ghi_monthly_kwh_m2: list[float] | np.ndarray | None = None,
    sunshine_hours_monthly: list[float] | np.ndarray | None = None,
    altitude_m: float = 0.0,
    seed: int = 0,
    angstrom_a: float = ANGSTROM_A_FAO56,
    angstrom_b: float = ANGSTROM_B_FAO56,
    daily_temp_range_monthly_c: list[float] | np.ndarray | None = None,
    wind_speed_monthly_m_s: list[float] | np.ndarray | None = None,
    kc_concentration: float = DAILY_KC_CONCENTRATION,
    kc_autocorrelation: float = DAILY_KC_AUTOCORRELATION,
) -> pd.DataFrame:
    """Generate an hourly typical year from a monthly climatology.

    See the module docstring for the method and its expected error.

    Parameters
    ----------
    latitude_deg, longitude_deg : float
        Site coordinates in degrees (east positive).
    temp_air_monthly_c : sequence of 12 floats
        Monthly mean air temperature (°C).
    ghi_monthly_kwh_m2 : sequence of 12 floats, optional
        Monthly global horizontal irradiation (kWh/m²). Takes precedence over sunshine hours.
    sunshine_hours_monthly : sequence of 12 floats, optional
        Monthly sunshine hours (h), converted with :func:`monthly_ghi_from_sunshine`.
    altitude_m : float
        Site altitude (m), used by the clear-sky model.
    seed : int
        Seed of the day-to-day variability; the same seed gives the same year.
    angstrom_a, angstrom_b : float
        Angström-Prescott coefficients (used only with sunshine hours).
    daily_temp_range_monthly_c : sequence of 12 floats, optional
        Mean daily temperature range by month (°C); default
        :data:`DAILY_TEMP_RANGE_C_DEFAULT`.
    wind_speed_monthly_m_s : sequence of 12 floats or float, optional
        Wind speed by month (m/s); default :data:`WIND_SPEED_DEFAULT_M_S`.
    kc_concentration, kc_autocorrelation : float
        Spread and persistence of the daily clear-sky index.

    Returns
    -------
    DataFrame
        8760 hourly rows at the middle of each UTC hour of :data:`TYPICAL_YEAR`, columns
        :data:`WEATHER_COLUMNS` plus ``ghi_clearsky`` (W/m²). ``attrs['ghi_monthly_kwh_m2']``
        holds the 12 target monthly values.
    """
    import pvlib
    from scipy import stats

    temp = _twelve(temp_air_monthly_c, "temp_air_monthly_c")
    if ghi_monthly_kwh_m2 is not None:
        target = _twelve(ghi_monthly_kwh_m2, "ghi_monthly_kwh_m2")
    elif sunshine_hours_monthly is not None:
        _twelve(sunshine_hours_monthly, "sunshine_hours_monthly")
        target = monthly_ghi_from_sunshine(
            latitude_deg, sunshine_hours_monthly, angstrom_a, angstrom_b
        )
    else:
        raise ValueError("give either ghi_monthly_kwh_m2 or sunshine_hours_monthly (12 values)")
    if np.any(target < 0):
        raise ValueError("monthly irradiation must be non-negative")
    dtr = _twelve(
        DAILY_TEMP_RANGE_C_DEFAULT
        if daily_temp_range_monthly_c is None
        else daily_temp_range_monthly_c,
        "daily_temp_range_monthly_c",
    )
    if wind_speed_monthly_m_s is None:
        wind = np.full(12, WIND_SPEED_DEFAULT_M_S)
    elif np.ndim(wind_speed_monthly_m_s) == 0:
        wind = np.full(12, float(wind_speed_monthly_m_s))
    else:
        wind = _twelve(wind_speed_monthly_m_s, "wind_speed_monthly_m_s")

    times = pd.date_range(
        f"{TYPICAL_YEAR}-01-01 00:30", periods=8760, freq="h", tz="UTC", name="time"
    )
    solpos = pvlib.solarposition.get_solarposition(
        times, latitude_deg, longitude_deg, altitude=altitude_m
    )
    app_zenith = solpos["apparent_zenith"].to_numpy()
    am_rel = pvlib.atmosphere.get_relative_airmass(app_zenith)
    am_abs = pvlib.atmosphere.get_absolute_airmass(am_rel, pvlib.atmosphere.alt2pres(altitude_m))
    linke = pvlib.clearsky.lookup_linke_turbidity(times, latitude_deg, longitude_deg).to_numpy()
    dni_extra = pvlib.irradiance.get_extra_radiation(times).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        cs = pvlib.clearsky.ineichen(app_zenith, am_abs, linke, altitude_m, dni_extra)
    ghi_cs = np.nan_to_num(np.asarray(cs["ghi"], dtype=float), nan=0.0)

    month = times.month.to_numpy()
    day = (times.day_of_year.to_numpy() - 1).astype(int)
    cs_day = np.bincount(day, weights=ghi_cs, minlength=365)[:365] / 1000.0  # kWh/m²
    day_month = _days_of_typical_year().month.to_numpy()
    cs_month = np.bincount(day_month, weights=cs_day, minlength=13)[1:]
    kc_mean = np.divide(target, cs_month, out=np.zeros(12), where=cs_month > 0)
    if np.any(kc_mean > 1.2):
        bad = [int(m) + 1 for m in np.flatnonzero(kc_mean > 1.2)]
        raise ValueError(
            f"monthly irradiation exceeds the clear-sky irradiation by more than 20 % in "
            f"month(s) {bad}: check the units (kWh/m² per month) and the site coordinates"
        )

    # Daily clear-sky index: Beta marginals, AR(1) Gaussian copula, seeded.
    rng = np.random.default_rng(seed)
    z = np.empty(365)
    z[0] = rng.standard_normal()
    innov = rng.standard_normal(365) * np.sqrt(1 - kc_autocorrelation**2)
    for i in range(1, 365):
        z[i] = kc_autocorrelation * z[i - 1] + innov[i]
    u = stats.norm.cdf(z)
    span = DAILY_KC_MAX - DAILY_KC_MIN
    m = np.clip((kc_mean[day_month - 1] - DAILY_KC_MIN) / span, 0.02, 0.98)
    kc_day = DAILY_KC_MIN + span * stats.beta.ppf(
        u, m * kc_concentration, (1 - m) * kc_concentration
    )

    ghi = ghi_cs * kc_day[day]
    got = np.bincount(month, weights=ghi, minlength=13)[1:] / 1000.0
    scale = np.divide(target, got, out=np.zeros(12), where=got > 0)
    ghi = ghi * scale[month - 1]

    zenith = solpos["zenith"].to_numpy()
    erbs = pvlib.irradiance.erbs(ghi, zenith, times.day_of_year.to_numpy())
    dni = np.nan_to_num(np.asarray(erbs["dni"], dtype=float))
    dhi = np.nan_to_num(np.asarray(erbs["dhi"], dtype=float))

    # Temperature: monthly mean + cosine daily cycle on local solar time.
    solar_hour = (times.hour.to_numpy() + times.minute.to_numpy() / 60 + longitude_deg / 15) % 24
    kc_rel = np.clip(kc_day / np.maximum(kc_mean[day_month - 1], 1e-3), 0.3, 1.7)
    amplitude = 0.5 * dtr[month - 1] * kc_rel[day]
    cycle = np.cos(2 * np.pi * (solar_hour - TEMP_MAX_SOLAR_HOUR) / 24)
    t_air = temp[month - 1] + amplitude * cycle
    # Remove the small monthly bias left by the day-dependent amplitude.
    bias = np.bincount(month, weights=t_air, minlength=13)[1:] / np.bincount(month)[1:] - temp
    t_air = t_air - bias[month - 1]

    weather = pd.DataFrame(
        {
            "ghi": ghi,
            "dni": dni,
            "dhi": dhi,
            "temp_air": t_air,
            "wind_speed": wind[month - 1],
            "ghi_clearsky": ghi_cs,
        },
        index=times,
    )
    weather.attrs["ghi_monthly_kwh_m2"] = [float(v) for v in target]
    return weather


def monthly_means(weather: pd.DataFrame) -> dict:
    """Monthly climatology of an hourly weather DataFrame (e.g. to test the generator).

    Returns
    -------
    dict
        ``ghi_monthly_kwh_m2`` (sum, kWh/m²), ``temp_air_monthly_c`` and
        ``wind_speed_monthly_m_s`` (means), each a list of 12 floats, months in UTC.
    """
    month = weather.index.month
    ghi = weather["ghi"].clip(lower=0).groupby(month).sum() / 1000.0
    return {
        "ghi_monthly_kwh_m2": ghi.reindex(range(1, 13)).tolist(),
        "temp_air_monthly_c": weather["temp_air"].groupby(month).mean().tolist(),
        "wind_speed_monthly_m_s": weather["wind_speed"].groupby(month).mean().tolist(),
    }


def _twelve(values, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float).ravel()
    if arr.shape != (12,):
        raise ValueError(f"{name}: expected 12 monthly values, got {arr.size}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: all 12 monthly values must be finite numbers")
    return arr
