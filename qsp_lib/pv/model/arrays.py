"""The plant's PV arrays: peak power given or from an available area, and the table of arrays
(orientation, ground coverage ratio, ground slope, in rows or laid flat on their support).

Units are in the names: ``_kwp``, ``_deg``, ``_m2``...
"""

from __future__ import annotations

import pandas as pd

#: Module peak power per m² of module (kWp/m²): STC efficiency about 21 %, typical commercial
#: mono-crystalline modules (Fraunhofer ISE, Photovoltaics Report 2024: 20-22 %).
MODULE_POWER_DENSITY_KWP_M2 = 0.21
#: Ground coverage ratio (module area / ground area) when none is given: fixed-tilt ground
#: plants are usually laid out at 0.4-0.6. Hypothèse.
GROUND_COVERAGE_RATIO = 0.5
#: Tilt difference (deg) under which an array is considered laid flat on its support.
FLUSH_TOLERANCE_DEG = 0.5


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
