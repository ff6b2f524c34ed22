"""Uncertainty of the yield: P50/P90 exceedance, sensitivity to the Angström-Prescott
coefficients of a climatology, comparison with the published Lille references.

Units are in the names: ``_kwh``, ``_percent``...
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from qsp_lib.pv.model.chain import simulate_system
from qsp_lib.pv.model.climatology import typical_year_from_climatology
from qsp_lib.pv.model.sunshine import angstrom_prescott_pairs

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
    if pairs is None:
        pairs = angstrom_prescott_pairs(latitude_deg, sunshine_hours_monthly)
    rows = []
    for _, p in pairs.iterrows():
        w = typical_year_from_climatology(
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
