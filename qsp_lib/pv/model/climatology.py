"""Typical-year weather for PV yield: a monthly climatology turned into an hourly year.

Two sources of an hourly typical year, both a DataFrame indexed by UTC timestamps with the
columns of :data:`WEATHER_COLUMNS` (W/m², °C, m/s):

* a weather file the user brings (PVGIS TMY json/csv/epw, EPW, TMY3), read by
  :func:`qsp_lib.pv.io.read_weather_file` (this module reads no files);
* :func:`typical_year_from_climatology`, which builds an hourly year from twelve monthly
  values (irradiation given, or estimated from sunshine hours with Angström-Prescott) and
  twelve monthly mean air temperatures, with the published stochastic models behind
  commercial climatology generators (Markov daily sequences, TAG hourly sequences). This is
  the default when nothing may be downloaded.

Method of the climatology generator
-----------------------------------
1. Monthly global horizontal irradiation ``H_m`` (kWh/m²): given, or ``H = (a + b n/N) H0``
   per day (FAO-56 eq. 35, with extraterrestrial ``H0`` eq. 21 and day length ``N`` eq. 34;
   Allen et al. 1998), with the month's mean daily sunshine ``n``. Coefficients: FAO-56
   (0.25, 0.50) by default, or the pair Rietveld (1978) derived from the site's mean
   relative sunshine (:func:`angstrom_rietveld`, used for Lille), see
   ``data/angstrom_prescott.csv``.
2. Daily clearness index ``Kt`` (day GHI / day extraterrestrial): Markov chain with the
   published library of transition matrices of Aguiar, Collares-Pereira & Conde (1988)
   (``data/mtm_aguiar1988.csv``), the matrix chosen by the month's mean clearness; the chain
   runs on across months, and of 50 seeded candidate months the one closest to the month's
   mean is kept. This gives runs of clear and overcast days as in real climates.
3. Hourly clearness ``kt`` within each day: TAG model of Aguiar & Collares-Pereira (1992)
   (``data/tag_aguiar1992.csv``): the published mean daily profile ``ktm(Kt, sun
   elevation)`` plus a first-order autoregressive Gaussian deviation, with the wider spread
   and stronger hour-to-hour persistence of the modified TAG used by Meteonorm (variant
   ``"meteonorm"``, default). With the 1992 spread the hours of a mixed day stay middling
   and the year comes out too diffuse (Sand Point +0.05 on the diffuse fraction). The day is
   then rescaled to its ``Kt`` under a cap (TAG bound and Ineichen clear-sky GHI).
4. The hourly GHI of each month is rescaled so that the month's total equals ``H_m`` exactly
   (floating-point precision).
5. Beam and diffuse: DISC (Maxwell 1987, ``pvlib.irradiance.disc``), chosen on the two real
   years below. The models that read hour-to-hour variability (DIRINT, DIRINDEX) were
   compared: DIRINT leaves the synthetic years too diffuse (Sand Point about +0.045) because
   the Gaussian hourly sequence is slightly jumpier than reality (mean hourly change of
   ``kt`` about 0.10 vs 0.085) and DIRINT reads that as broken cloud; DIRINDEX errs the other way at
   Greensboro (-0.04); Erbs, Erbs-Driesse and Boland are too diffuse on the real GHI
   itself (Sand Point +0.06 to +0.10). DISC, DIRINT's base model (clearness and air mass),
   takes from the synthetic sequence only what it reproduces well: the distribution of
   hourly clearness.
6. Air temperature: the monthly mean plus a cosine daily cycle (minimum near sunrise,
   maximum at about 15 h solar time) whose amplitude is the month's mean daily range scaled by
   the day's relative clearness; the monthly mean is preserved exactly.

Measured accuracy (``tests/pv/test_pv_climatology.py``, ``benchmarks/bench_climatology.py``): fed
only the monthly means of pvlib's two bundled TMY3 years, the generator gives an annual
diffuse fraction of 0.568 vs 0.556 at Sand Point (Alaska, cloudy, 55 N) and 0.465 vs 0.436
at Greensboro, and specific yields within +0.5 to +2 % of the real hourly years for a 30 deg
and a vertical south array (seed-to-seed spread 0.1-0.6 %). The previous generator (clear-sky
shape times one factor per day, Erbs) gave 0.71 and 0.55 and -7 % on the vertical array at
Sand Point. With sunshine hours instead of measured irradiation, the Angström-Prescott
estimate dominates the error: the other published coefficient pairs give Lille an annual
GHI 3 to 13 % below FAO-56 (see :func:`angstrom_prescott_pairs`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qsp_lib.core.compat import quiet_pvlib
from qsp_lib.pv.model.clearness import (
    TAG_VARIANT,
    _tag_clear_bound,
    daily_clearness_mtm,
    hourly_clearness_tag,
    mtm_library,
    tag_coefficients,
)
from qsp_lib.pv.model.decomposition import DECOMPOSITION_MODEL, decompose_ghi
from qsp_lib.pv.model.sunshine import (
    ANGSTROM_A_FAO56,
    ANGSTROM_B_FAO56,
    TYPICAL_YEAR,
    _days_of_typical_year,
    _twelve,
    monthly_ghi_from_sunshine,
)

#: Columns of every weather DataFrame returned here (W/m², W/m², W/m², °C, m/s).
WEATHER_COLUMNS = ["ghi", "dni", "dhi", "temp_air", "wind_speed"]

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

# --- Stochastic generator ---------------------------------------------------------------------
#: Generators of :func:`typical_year_from_climatology`.
GENERATOR_METHODS = ("mtm_tag", "smooth_daily")
#: Default generator: Markov daily clearness (Aguiar et al. 1988) + TAG hourly clearness
#: (Aguiar & Collares-Pereira 1992).
GENERATOR_METHOD = "mtm_tag"
#: Upper bound of a generated hourly GHI as a multiple of the Ineichen clear-sky GHI: an
#: hourly mean rarely exceeds the clear sky (cloud enhancement lasts minutes). Hypothèse.
CLEAR_SKY_CAP = 1.0
#: Accuracy of the climatology generator checked by the tests on pvlib's two real TMY3 years
#: (Sand Point AK, Greensboro NC; tests/pv/test_pv_climatology.py): fed only the monthly means, the
#: generated year's specific yield at 30 deg and 90 deg south stays within this many % of
#: the real hourly year's (measured: +0.5 to +2 %)...
ACCURACY_YIELD_PERCENT = 3.0
#: ... and its annual diffuse fraction (DHI/GHI) within this of the real year's (measured:
#: +0.01 and +0.03).
ACCURACY_DIFFUSE_FRACTION = 0.04


def _solar_day_grid(times: pd.DatetimeIndex, longitude_deg: float) -> tuple:
    """Place each UTC hour of a 365-day year on a (day, local-solar-hour) grid.

    Local mean solar time = UTC + longitude / 15 h; the first and last solar days of the
    year wrap around, so that every cell of the 365 x 24 grid holds exactly one hour.
    """
    solar = times.tz_convert(None) + pd.to_timedelta(longitude_deg / 15.0, unit="h")
    day = ((solar.day_of_year.to_numpy() - 1) % 365).astype(int)
    slot = solar.hour.to_numpy().astype(int)
    cell = day * 24 + slot
    if np.unique(cell).size != len(times):
        raise RuntimeError("solar-day grid is not one-to-one")  # cannot happen for 8760 h
    hours_from_noon = solar.hour.to_numpy() + solar.minute.to_numpy() / 60.0 - 12.0
    return day, cell, hours_from_noon


def _mtm_tag_ghi(
    times, zenith, g0h, ghi_cs, longitude_deg, ktm_monthly, rng, mtm, tag, tag_variant
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hourly GHI from MTM daily clearness and TAG hourly clearness (before monthly rescale).

    Returns the GHI [W/m²], each hour's daily clearness relative to its month's mean [-] and
    the TAG upper bound of each hour's GHI [W/m²].
    """
    day, cell, hfn = _solar_day_grid(times, longitude_deg)
    sin_h = np.zeros(365 * 24)
    sin_h[cell] = np.where(g0h > 0, np.cos(np.radians(zenith)), 0.0)
    g0_grid = np.zeros(365 * 24)
    g0_grid[cell] = g0h
    hfn_grid = np.zeros(365 * 24)
    hfn_grid[cell] = hfn
    h0_daily = g0_grid.reshape(365, 24).sum(axis=1)
    day_month = _days_of_typical_year().month.to_numpy()
    kt_day = daily_clearness_mtm(ktm_monthly, day_month, h0_daily, rng, mtm)
    kt_hour = hourly_clearness_tag(
        kt_day, sin_h.reshape(365, 24), hfn_grid.reshape(365, 24), rng, tag, variant=tag_variant
    )
    g_grid = (kt_hour * g0_grid.reshape(365, 24)).ravel()
    bound = _tag_clear_bound(tag, hfn_grid)
    cs_grid = np.zeros(365 * 24)
    cs_grid[cell] = ghi_cs * CLEAR_SKY_CAP
    cap_grid = np.minimum(np.clip(bound, 0.0, None) * g0_grid, cs_grid)
    # Each day carries the daily clearness drawn from the Markov chain.
    g_grid = _rescale_under_cap(g_grid, cap_grid, np.repeat(np.arange(365), 24), kt_day * h0_daily)
    rel = kt_day / np.maximum(ktm_monthly[day_month - 1], 1e-3)
    return g_grid[cell], rel[day], cap_grid[cell]


def _rescale_under_cap(values, caps, groups, targets, iterations: int = 20) -> np.ndarray:
    """Scale each group of values to its target sum without exceeding the caps.

    Water filling: the values below their cap take the missing energy in proportion to
    their size. When a target exceeds the sum of its caps, the group is left at its caps;
    the caller's final exact rescale then takes over.
    """
    out = np.minimum(values, caps)
    n = len(targets)
    for _ in range(iterations):
        total = np.bincount(groups, weights=out, minlength=n)
        missing = targets - total
        free = out < caps * (1 - 1e-9)
        room = np.bincount(groups, weights=np.where(free, out, 0.0), minlength=n)
        factor = 1 + np.divide(missing, room, out=np.zeros(n), where=room > 0)
        new = np.where(free, out * np.maximum(factor[groups], 0.0), out)
        new = np.minimum(new, caps)
        if np.allclose(new, out, rtol=1e-9, atol=1e-9):
            break
        out = new
    return out


def _smooth_daily_ghi(
    times, ghi_cs, kc_mean, rng, kc_concentration, kc_autocorrelation
) -> tuple[np.ndarray, np.ndarray]:
    """Previous generator (kept for comparison): clear-sky shape x one Beta factor per day."""
    from scipy import stats

    day = (times.day_of_year.to_numpy() - 1).astype(int)
    day_month = _days_of_typical_year().month.to_numpy()
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
    rel = kc_day / np.maximum(kc_mean[day_month - 1], 1e-3)
    return ghi_cs * kc_day[day], rel[day]


@quiet_pvlib
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
    method: str = GENERATOR_METHOD,
    decomposition: str = DECOMPOSITION_MODEL,
    mtm: dict | None = None,
    tag: dict | None = None,
    tag_variant: str = TAG_VARIANT,
) -> pd.DataFrame:
    """Generate an hourly typical year from a monthly climatology.

    See the module docstring for the method and its measured accuracy.

    Parameters
    ----------
    latitude_deg, longitude_deg : float
        Site coordinates [deg] (east positive).
    temp_air_monthly_c : sequence of 12 floats
        Monthly mean air temperature [°C].
    ghi_monthly_kwh_m2 : sequence of 12 floats, optional
        Monthly global horizontal irradiation [kWh/m²]. Takes precedence over sunshine.
    sunshine_hours_monthly : sequence of 12 floats, optional
        Monthly sunshine duration [h], converted with :func:`monthly_ghi_from_sunshine`.
    altitude_m : float
        Site altitude [m] (clear sky, pressure).
    seed : int
        Seed of every random draw; the same seed gives the same year.
    angstrom_a, angstrom_b : float
        Angström-Prescott coefficients [-] (used only with sunshine hours).
    daily_temp_range_monthly_c : sequence of 12 floats, optional
        Mean daily temperature range by month [°C]; default
        :data:`DAILY_TEMP_RANGE_C_DEFAULT`.
    wind_speed_monthly_m_s : sequence of 12 floats or float, optional
        Wind speed by month [m/s]; default :data:`WIND_SPEED_DEFAULT_M_S`.
    kc_concentration, kc_autocorrelation : float
        Spread and persistence of the daily clear-sky index [-] (``method="smooth_daily"``
        only).
    method : {"mtm_tag", "smooth_daily"}
        ``mtm_tag`` (default): Markov daily clearness + TAG hourly clearness;
        ``smooth_daily``: the previous generator (clear-sky shape times one factor per day),
        kept to measure the improvement.
    decomposition : str
        GHI -> DNI/DHI model, one of :data:`DECOMPOSITION_MODELS` (default ``"disc"``,
        :func:`decompose_ghi`).
    mtm, tag : dict, optional
        Outputs of :func:`mtm_library` and :func:`tag_coefficients` (default: the shipped
        datasets).

    Returns
    -------
    DataFrame
        8760 hourly rows at the middle of each UTC hour of :data:`TYPICAL_YEAR`, columns
        :data:`WEATHER_COLUMNS` plus ``ghi_clearsky`` [W/m²]. ``attrs`` holds
        ``ghi_monthly_kwh_m2`` (the 12 targets), ``method`` and ``decomposition``.

    References
    ----------
    Aguiar, Collares-Pereira & Conde (1988), Solar Energy 40(3), 269-279 (daily Markov
    matrices). Aguiar & Collares-Pereira (1992), Solar Energy 49(3), 167-174 (TAG). Maxwell
    (1987), SERI/TR-215-3087 (DISC). Ineichen & Perez (2002), Solar Energy 73(3), 151-157
    (clear sky).
    """
    import pvlib

    if method not in GENERATOR_METHODS:
        raise ValueError(f"unknown method {method!r}: expected one of {list(GENERATOR_METHODS)}")
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
    zenith = solpos["zenith"].to_numpy()
    app_zenith = solpos["apparent_zenith"].to_numpy()
    am_rel = pvlib.atmosphere.get_relative_airmass(app_zenith)
    pressure = pvlib.atmosphere.alt2pres(altitude_m)
    am_abs = pvlib.atmosphere.get_absolute_airmass(am_rel, pressure)
    linke = pvlib.clearsky.lookup_linke_turbidity(times, latitude_deg, longitude_deg).to_numpy()
    dni_extra = pvlib.irradiance.get_extra_radiation(times).to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        cs = pvlib.clearsky.ineichen(app_zenith, am_abs, linke, altitude_m, dni_extra)
    ghi_cs = np.nan_to_num(np.asarray(cs["ghi"], dtype=float), nan=0.0)
    sunlit = ghi_cs > 0
    g0h = np.where(sunlit, dni_extra * np.clip(np.cos(np.radians(zenith)), 0, None), 0.0)

    month = times.month.to_numpy()
    cs_month = np.bincount(month, weights=ghi_cs, minlength=13)[1:] / 1000.0
    kc_mean = np.divide(target, cs_month, out=np.zeros(12), where=cs_month > 0)
    if np.any(kc_mean > 1.2):
        bad = [int(m) + 1 for m in np.flatnonzero(kc_mean > 1.2)]
        raise ValueError(
            f"monthly irradiation exceeds the clear-sky irradiation by more than 20 % in "
            f"month(s) {bad}: check the units (kWh/m² per month) and the site coordinates"
        )

    rng = np.random.default_rng(seed)
    cap = None
    if method == "mtm_tag":
        h0_month = np.bincount(month, weights=g0h, minlength=13)[1:] / 1000.0
        ktm = np.divide(target, h0_month, out=np.zeros(12), where=h0_month > 0)
        ghi, rel, cap = _mtm_tag_ghi(
            times,
            zenith,
            g0h,
            ghi_cs,
            longitude_deg,
            ktm,
            rng,
            mtm_library() if mtm is None else mtm,
            tag_coefficients() if tag is None else tag,
            tag_variant,
        )
    else:
        ghi, rel = _smooth_daily_ghi(
            times, ghi_cs, kc_mean, rng, kc_concentration, kc_autocorrelation
        )
    ghi = np.where(sunlit, ghi, 0.0)
    if cap is not None:
        ghi = _rescale_under_cap(ghi, np.where(sunlit, cap, 0.0), month - 1, target * 1000.0)
    got = np.bincount(month, weights=ghi, minlength=13)[1:] / 1000.0
    scale = np.divide(target, got, out=np.zeros(12), where=got > 0)
    ghi = ghi * scale[month - 1]

    dni_cs = np.nan_to_num(np.asarray(cs["dni"], dtype=float), nan=0.0)
    dni, dhi = decompose_ghi(ghi, times, zenith, decomposition, pressure, ghi_cs, dni_cs)

    # Temperature: monthly mean + cosine daily cycle on local solar time.
    solar_hour = (times.hour.to_numpy() + times.minute.to_numpy() / 60 + longitude_deg / 15) % 24
    amplitude = 0.5 * dtr[month - 1] * np.clip(rel, 0.3, 1.7)
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
    weather.attrs["method"] = method
    weather.attrs["decomposition"] = decomposition
    return weather


def typical_year_like(
    weather: pd.DataFrame,
    latitude_deg: float,
    longitude_deg: float,
    altitude_m: float = 0.0,
    seed: int = 0,
    **kwargs,
) -> pd.DataFrame:
    """Climatology year built from the monthly means of a real hourly year.

    What the climatology mode would produce for a site whose only data were the monthly
    means of ``weather`` (GHI, temperature, daily temperature range, wind): used to measure
    the generator against real years.

    Parameters
    ----------
    weather : DataFrame
        Real hourly year (UTC index; ghi [W/m²], temp_air [°C], wind_speed [m/s]).
    latitude_deg, longitude_deg, altitude_m : float
        Site [deg, deg, m].
    seed : int
        Seed of the generator.
    **kwargs
        Further arguments of :func:`typical_year_from_climatology` (``method``,
        ``decomposition``...).

    Returns
    -------
    DataFrame
        As :func:`typical_year_from_climatology`.
    """
    mm = monthly_means(weather)
    return typical_year_from_climatology(
        latitude_deg,
        longitude_deg,
        mm["temp_air_monthly_c"],
        ghi_monthly_kwh_m2=mm["ghi_monthly_kwh_m2"],
        altitude_m=altitude_m,
        seed=seed,
        daily_temp_range_monthly_c=mm["daily_temp_range_monthly_c"],
        wind_speed_monthly_m_s=mm["wind_speed_monthly_m_s"],
        **kwargs,
    )


def monthly_means(weather: pd.DataFrame) -> dict:
    """Monthly climatology of an hourly weather DataFrame (e.g. to test the generator).

    Returns
    -------
    dict
        ``ghi_monthly_kwh_m2`` (sum, kWh/m²), ``temp_air_monthly_c`` and
        ``wind_speed_monthly_m_s`` (means) and ``daily_temp_range_monthly_c`` (mean of the
        daily max - min, °C, UTC days), each a list of 12 floats, months in UTC.
    """
    month = weather.index.month
    ghi = weather["ghi"].clip(lower=0).groupby(month).sum() / 1000.0
    t = weather["temp_air"]
    daily = t.groupby(t.index.floor("D"))
    dtr = (daily.max() - daily.min()).groupby(daily.max().index.month).mean()
    return {
        "ghi_monthly_kwh_m2": ghi.reindex(range(1, 13)).tolist(),
        "temp_air_monthly_c": weather["temp_air"].groupby(month).mean().tolist(),
        "wind_speed_monthly_m_s": weather["wind_speed"].groupby(month).mean().tolist(),
        "daily_temp_range_monthly_c": dtr.reindex(range(1, 13)).tolist(),
    }
