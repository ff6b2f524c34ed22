"""Monthly irradiation from sunshine hours: Angström-Prescott with FAO-56 extraterrestrial
irradiation and day length, and the published coefficient pairs (step 1 of the climatology
generator, :mod:`qsp_lib.pv.model.climatology`).

Units are in the names: ``_mj_m2``, ``_kwh_m2``, ``_deg``...
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# --- Angström-Prescott and FAO-56 constants -----------------------------------------------
#: Angström-Prescott intercept a (FAO-56 default, Allen et al. 1998, eq. 35).
ANGSTROM_A_FAO56 = 0.25
#: Angström-Prescott slope b (FAO-56 default, Allen et al. 1998, eq. 35).
ANGSTROM_B_FAO56 = 0.50
#: Solar constant in MJ m-2 min-1 (FAO-56, Allen et al. 1998, eq. 21).
SOLAR_CONSTANT_MJ_M2_MIN = 0.0820
#: MJ per kWh.
MJ_PER_KWH = 3.6
#: Reference (non-leap) year used to lay out a generated typical year.
TYPICAL_YEAR = 2023


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


def relative_sunshine(latitude_deg: float, sunshine_hours_monthly) -> float:
    """Annual relative sunshine duration n/N (sunshine hours over day length, both summed).

    Parameters
    ----------
    latitude_deg : float
        Latitude [deg].
    sunshine_hours_monthly : sequence of 12 floats
        Sunshine duration of each month [h].

    Returns
    -------
    float
        Annual sum of sunshine hours divided by the annual sum of day lengths (FAO-56 eq. 34)
        [-].
    """
    sun = _twelve(sunshine_hours_monthly, "sunshine_hours_monthly")
    days = _days_of_typical_year()
    _, n_max = daily_extraterrestrial_mj_m2(latitude_deg, days.day_of_year.to_numpy())
    return float(sun.sum() / n_max.sum())


def angstrom_rietveld(
    latitude_deg: float, sunshine_hours_monthly, table: pd.DataFrame | None = None
) -> tuple[float, float]:
    """Angström-Prescott coefficients for the site's climate (Rietveld 1978).

    ``a = 0.10 + 0.24 n/N`` and ``b = 0.38 + 0.08 N/n`` where ``n/N`` is the annual relative
    sunshine (:func:`relative_sunshine`): cloudier climates get a smaller intercept and a
    steeper slope, as observed across the published station calibrations Rietveld compiled.

    Parameters
    ----------
    latitude_deg : float
        Latitude [deg].
    sunshine_hours_monthly : sequence of 12 floats
        Sunshine duration of each month [h].
    table : DataFrame, optional
        The dataset ``angstrom_prescott`` (default: :func:`qsp_lib.pv.reference.angstrom_prescott`).

    Returns
    -------
    a, b : float
        Coefficients rounded to 3 decimals [-].

    References
    ----------
    Rietveld, M. R. (1978). A new method for estimating the regression coefficients in the
    formula relating solar radiation to sunshine. Agricultural Meteorology 19(2-3),
    243-252. doi:10.1016/0002-1571(78)90014-6
    """
    if table is None:
        from qsp_lib.pv import reference

        table = reference.angstrom_prescott()
    v = table.set_index("key")["value"].astype(float)
    ratio = relative_sunshine(latitude_deg, sunshine_hours_monthly)
    if ratio <= 0:
        raise ValueError("sunshine_hours_monthly: the annual sunshine must be positive")
    a = v["rietveld_a0"] + v["rietveld_a1"] * ratio
    b = v["rietveld_b0"] + v["rietveld_b1"] / ratio
    return round(float(a), 3), round(float(b), 3)


def angstrom_prescott_pairs(
    latitude_deg: float,
    sunshine_hours_monthly=None,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Published Angström-Prescott pairs evaluated at a site (sensitivity analysis).

    Parameters
    ----------
    latitude_deg : float
        Latitude [deg] (Glover-McCulloch intercept ``0.29 cos(latitude)``).
    sunshine_hours_monthly : sequence of 12 floats, optional
        Sunshine duration of each month [h]; when given, the Rietveld (1978) pair for the
        site's climate is included (:func:`angstrom_rietveld`).
    table : DataFrame, optional
        The dataset ``angstrom_prescott`` (default: :func:`qsp_lib.pv.reference.angstrom_prescott`).

    Returns
    -------
    DataFrame
        Columns ``label``, ``pair`` (short name), ``a`` [-], ``b`` [-], ``source``, ``year``;
        in the dataset's order (FAO-56 first).

    References
    ----------
    Allen et al. (1998), FAO-56; Prescott (1940); Page (1961); Glover & McCulloch (1958);
    Rietveld (1978), Agricultural Meteorology 19, 243-252: the sources are in the dataset.
    """
    if table is None:
        from qsp_lib.pv import reference

        table = reference.angstrom_prescott()
    rows = []
    for pair, grp in table.groupby("pair", sort=False):
        c = dict(zip(grp["coefficient"], grp["value"].astype(float), strict=True))
        source = str(grp["source"].iloc[0])
        if pair == "Rietveld":
            if sunshine_hours_monthly is None:
                continue
            a, b = angstrom_rietveld(latitude_deg, sunshine_hours_monthly, table)
        elif "a_coslat" in c:
            a, b = round(c["a_coslat"] * np.cos(np.radians(latitude_deg)), 3), c["b"]
        else:
            a, b = c["a"], c["b"]
        rows.append(
            {
                "label": str(grp["label"].iloc[0]),
                "pair": str(pair),
                "a": a,
                "b": b,
                "source": source,
                "year": int(grp["year"].iloc[0]),
            }
        )
    return pd.DataFrame(rows)


def _twelve(values, name: str) -> np.ndarray:
    arr = np.asarray(values, dtype=float).ravel()
    if arr.shape != (12,):
        raise ValueError(f"{name}: expected 12 monthly values, got {arr.size}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name}: all 12 monthly values must be finite numbers")
    return arr
