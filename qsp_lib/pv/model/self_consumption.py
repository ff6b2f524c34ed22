"""Hour-by-hour self-consumption of the production (no storage) against a load profile.

Units are in the names: ``_kwh``, ``_kw``...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qsp_lib.pv.model.chain import _hours_per_step


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
