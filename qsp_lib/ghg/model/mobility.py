"""Daily mobility of the residents: passenger-km by mode, the modal mix moving linearly from
today's shares to the target shares by the target year.

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
    pkm = residents * km * DAYS_PER_YEAR
    for m_i, mode in enumerate(MODES):
        # car modes: per vehicle-km factors, divided by the occupancy at evaluation
        k = c.kidx[f"mobility_{mode}"]
        c.coef[i, PART_INDEX["mobility"], 1:, k] += pkm * mix[1:, m_i] * KG_TO_T
    return residents
