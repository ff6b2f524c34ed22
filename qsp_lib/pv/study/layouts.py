"""Layouts compared with the parameters' arrays: the orientation grid and the variants."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from qsp_lib.pv.model import system as pv
from qsp_lib.pv.study.plant import arrays, model_settings

if TYPE_CHECKING:
    from qsp_lib.pv.schema import PvYieldParameters
    from qsp_lib.pv.study.weather import WeatherYear

#: Row tilts [°] of the "same array, other tilt" layout variants. Hypothèse: the range of
#: fixed-tilt ground plants at 50° N (the PVGIS optimum is about 35°, pv.md).
VARIANT_TILTS_DEG = (20, 25, 30, 35)
#: Minimum tilt [°] of the opposite-slope variant: modules laid on a slope flatter than this
#: would lie almost horizontal (soiling); hypothèse.
OPPOSITE_SLOPE_MIN_DEG = 10.0


def layout_sweep(P: PvYieldParameters, year: WeatherYear) -> pd.DataFrame:
    """Specific yield over the parameters' tilt x azimuth grid (no row shading).

    Returns
    -------
    DataFrame
        :func:`qsp_lib.pv.model.system.layout_sweep`: surface_tilt_deg, surface_azimuth_deg
        [°], specific_yield_kwh_per_kwp [kWh/kWp]...
    """
    geometry = pv.solar_geometry(year.data, P.latitude_deg, P.longitude_deg, P.altitude_m)
    return pv.layout_sweep(
        year.data,
        P.latitude_deg,
        P.longitude_deg,
        P.layout_tilts_deg,
        P.layout_azimuths_deg,
        P.altitude_m,
        geometry=geometry,
        **model_settings(P),
    )


def layout_variants(P: PvYieldParameters) -> list[tuple[str, str, dict]]:
    """Layouts compared with the parameters' arrays, built from the first array.

    Each array as given; then, for the first array: modules laid flat on its slope (when it
    has rows on a slope), the same array at each tilt of :data:`VARIANT_TILTS_DEG` (laid on a
    support of that slope when the array lies flat), the opposite slope with modules laid on
    it, and a vertical screen of the same azimuth.

    Returns
    -------
    list of (kind, label, array dict)
        ``kind`` is ``parameters``, ``flush``, ``tilt``, ``opposite`` or ``vertical``; labels
        are French.
    """
    given = arrays(P)
    first, base = P.arrays[0], given[0]
    variants = [("parameters", f"{a['name']} (paramètres)", a) for a in given]
    flush = abs(first.surface_tilt_deg - first.ground_slope_deg) <= pv.FLUSH_TOLERANCE_DEG
    if first.ground_slope_deg > 0 and not flush:
        flat = dict(base, surface_tilt_deg=first.ground_slope_deg)
        variants.append(("flush", "Modules posés à plat sur la pente", flat))
    variants += _tilt_variants(base, first.surface_tilt_deg, flush)
    slope = max(first.ground_slope_deg, OPPOSITE_SLOPE_MIN_DEG)
    opposite = dict(
        base,
        surface_azimuth_deg=(first.surface_azimuth_deg + 180) % 360,
        surface_tilt_deg=slope,
        ground_slope_deg=slope,
    )
    variants.append(("opposite", "Versant opposé, posé sur la pente", opposite))
    vertical = dict(base, surface_tilt_deg=90.0, ground_slope_deg=90.0)
    variants.append(("vertical", "Écran vertical, même azimut", vertical))
    return variants


def _tilt_variants(base: dict, given_tilt: float, flush: bool) -> list[tuple[str, str, dict]]:
    # An array lying flat on its support (a roof) is compared with supports of other slopes;
    # an array in rows with other row tilts on the same ground.
    out = []
    for tilt in VARIANT_TILTS_DEG:
        if tilt == given_tilt:
            continue
        v = dict(base, surface_tilt_deg=float(tilt))
        if flush:
            v["ground_slope_deg"] = float(tilt)
        label = f"Même azimut, posé à {tilt}°" if flush else f"Même champ, rangées à {tilt}°"
        out.append(("tilt", label, v))
    return out


def layout_comparison(P: PvYieldParameters, year: WeatherYear) -> pd.DataFrame:
    """Specific yield of each layout of :func:`layout_variants` (row shading included).

    Returns
    -------
    DataFrame
        kind, label, surface_tilt_deg, surface_azimuth_deg, ground_slope_deg [°],
        shading_loss_percent [%], specific_yield_kwh_per_kwp [kWh/kWp].
    """
    columns = [
        "surface_tilt_deg",
        "surface_azimuth_deg",
        "ground_slope_deg",
        "shading_loss_percent",
        "specific_yield_kwh_per_kwp",
    ]
    rows = []
    settings = model_settings(P)
    for kind, label, array in layout_variants(P):
        s = pv.simulate_system(
            year.data, P.latitude_deg, P.longitude_deg, [array], P.altitude_m, **settings
        )
        r = s.arrays.iloc[0]
        rows.append({"kind": kind, "label": label, **{c: r[c] for c in columns}})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class LayoutHighlights:
    """Figures quoted about layouts (:func:`layout_highlights`).

    Attributes
    ----------
    best_yield_kwh_per_kwp : float
        Best specific yield of the orientation grid [kWh/kWp].
    best_tilt_deg, best_azimuth_deg : float
        Its orientation [°].
    first_name : str
        Name of the parameters' first array.
    first_yield_kwh_per_kwp : float
        Its specific yield, row shading included [kWh/kWp].
    first_ratio : float
        ``first_yield / best_yield`` [-].
    vertical_yield_kwh_per_kwp : float
        Specific yield of a vertical screen of the first array's azimuth [kWh/kWp].
    vertical_ratio : float
        ``vertical_yield / best_yield`` [-].
    grid_size : int
        Orientations of the grid.
    shaded_rows : bool
        True when an array of the parameters is mounted in rows (row shading computed).
    """

    best_yield_kwh_per_kwp: float
    best_tilt_deg: float
    best_azimuth_deg: float
    first_name: str
    first_yield_kwh_per_kwp: float
    first_ratio: float
    vertical_yield_kwh_per_kwp: float
    vertical_ratio: float
    grid_size: int
    shaded_rows: bool


def layout_highlights(
    sweep: pd.DataFrame, layouts: pd.DataFrame, sim: pv.PvSimulation
) -> LayoutHighlights:
    """The grid optimum, the first array and the vertical screen, from :func:`layout_sweep`,
    :func:`layout_comparison` and the simulation."""
    best = sweep.loc[sweep["specific_yield_kwh_per_kwp"].idxmax()]
    best_yield = best["specific_yield_kwh_per_kwp"]
    first = sim.arrays.iloc[0]
    vertical = layouts.loc[layouts["kind"] == "vertical", "specific_yield_kwh_per_kwp"].iloc[-1]
    return LayoutHighlights(
        best_yield_kwh_per_kwp=best_yield,
        best_tilt_deg=best["surface_tilt_deg"],
        best_azimuth_deg=best["surface_azimuth_deg"],
        first_name=first["name"],
        first_yield_kwh_per_kwp=first["specific_yield_kwh_per_kwp"],
        first_ratio=first["specific_yield_kwh_per_kwp"] / best_yield,
        vertical_yield_kwh_per_kwp=vertical,
        vertical_ratio=vertical / best_yield,
        grid_size=len(sweep),
        shaded_rows=bool(sim.arrays["rows"].any()),
    )
