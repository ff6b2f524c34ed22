"""Daily mobility of the residents: passenger-km by mode, the modal mix moving linearly from
today's shares to the target shares by the target year; after the end of sales of new
combustion cars, the combustion share of car-km falls as the fleet renews
(:func:`combustion_share_of_car_km`).

Car factors are per vehicle-km (ADEME Impact CO2): their coefficients hold passenger-km and
are divided by the car occupancy when the model is evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from qsp_lib.ghg.model.compiled import KG_TO_T, Compilation
from qsp_lib.ghg.model.energy import linear_ratio
from qsp_lib.ghg.model.keys import DAYS_PER_YEAR, MODES, PART_INDEX


def _shares(shares: Mapping) -> np.ndarray:
    vec = np.array([float((shares or {}).get(m, 0.0) or 0.0) for m in MODES])
    # the schema accepts a sum within 1 % of 1: normalise so that shares weigh exactly 1
    return vec / vec.sum()


def add_mobility(c: Compilation, i: int, mobility: Mapping) -> float:
    """Add the residents' mobility of option ``i`` (study years 1..N).

    Parameters
    ----------
    c : Compilation
    i : int
        Index of the option.
    mobility : mapping
        ``residents`` [persons], ``km_per_person_per_day`` [km], ``modal_shares_now``,
        ``modal_shares_target`` [-] and ``target_year`` [year].

    Returns
    -------
    float
        The residents [persons].

    References
    ----------
    .. [1] ADEME, Impact CO2 (2023): transport factors, cars per vehicle-km.
    """
    residents = float(mobility["residents"])
    km = float(mobility["km_per_person_per_day"])
    now = _shares(mobility["modal_shares_now"])
    tgt_raw = mobility.get("modal_shares_target")
    tgt = _shares(tgt_raw) if tgt_raw else now
    ty = int(mobility.get("target_year") or c.start_year)
    frac = linear_ratio(c.start_year + c.years, c.start_year, ty, 0.0)  # 1 -> 0
    mix = frac[:, None] * now + (1.0 - frac[:, None]) * tgt  # (T, modes)
    fleet = (c.boundaries or {}).get("fleet") or {}
    if fleet.get("end_of_combustion_sales_year") is not None:
        mix = renewed_fleet_mix(
            mix,
            c.start_year + c.years,
            int(fleet["end_of_combustion_sales_year"]),
            int(fleet["car_lifetime_years"]),
        )
    pkm = residents * km * DAYS_PER_YEAR
    for m_i, mode in enumerate(MODES):
        # car modes: per vehicle-km factors, divided by the occupancy at evaluation
        k = c.kidx[f"mobility_{mode}"]
        c.coef[i, PART_INDEX["mobility"], 1:, k] += pkm * mix[1:, m_i] * KG_TO_T
    return residents


def combustion_share_of_car_km(
    calendar_years, share_at_end_of_sales, end_of_sales_year: int, car_lifetime_years: int
):
    """Combustion share of car-km as the fleet renews after the end of combustion sales.

    Every new car is electric from ``end_of_sales_year`` (Y); the fleet, of uniform age
    over its life L, renews by 1/L each year, so the share falls linearly from its value in
    Y to zero in Y + L: ``s(y) = s(Y) * max(0, 1 - (y - Y) / L)`` for y > Y, unchanged before.

    Parameters
    ----------
    calendar_years : array_like of int
        Years y [year].
    share_at_end_of_sales : float or array_like
        s(y) before any renewal (the combustion share of car-km of the modal mix) [-]; an
        array of the same length as ``calendar_years`` gives s(Y) as its value in Y.
    end_of_sales_year : int
        Y [year].
    car_lifetime_years : int
        L [years].

    Returns
    -------
    numpy.ndarray
        Combustion share of car-km [-] of each year.

    References
    ----------
    .. [1] Regulation (EU) 2023/851 of 19 April 2023 amending Regulation (EU) 2019/631:
       100 % reduction of the CO2 emissions of new passenger cars from 2035.
    .. [2] Fleet renewal over about 15-20 years (shared reference of the programme,
       ``ghg.md``); L = 18 years: hypothèse.
    """
    y = np.asarray(calendar_years, dtype=float)
    s = np.broadcast_to(np.asarray(share_at_end_of_sales, dtype=float), y.shape).copy()
    after = y > end_of_sales_year
    if after.any():
        at = s[y <= end_of_sales_year][-1] if (y <= end_of_sales_year).any() else s[0]
        left = np.clip(1.0 - (y - end_of_sales_year) / float(car_lifetime_years), 0.0, 1.0)
        s[after] = at * left[after]
    return s


def renewed_fleet_mix(mix, calendar_years, end_of_sales_year: int, car_lifetime_years: int):
    """The modal mix (years x :data:`MODES`) with the car-km split between combustion and
    electric cars by :func:`combustion_share_of_car_km`; the car share itself unchanged."""
    out = np.array(mix, dtype=float)
    th, el = MODES.index("car_thermal"), MODES.index("car_electric")
    cars = out[:, th] + out[:, el]
    share = np.divide(out[:, th], cars, out=np.zeros_like(cars), where=cars > 0)
    share = combustion_share_of_car_km(calendar_years, share, end_of_sales_year, car_lifetime_years)
    out[:, th] = cars * share
    out[:, el] = cars * (1.0 - share)
    return out
