"""Beam and diffuse irradiance from the global horizontal irradiance (pvlib decomposition
models; step 5 of the climatology generator, :mod:`qsp_lib.pv.model.climatology`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Decomposition models accepted by :func:`decompose_ghi` (all in pvlib).
DECOMPOSITION_MODELS = ("dirindex", "dirint", "disc", "louche", "erbs", "erbs_driesse", "boland")
#: Default decomposition model (chosen on the real years, see :mod:`qsp_lib.pv.model.climatology`).
DECOMPOSITION_MODEL = "disc"


def decompose_ghi(
    ghi: np.ndarray,
    times: pd.DatetimeIndex,
    zenith: np.ndarray,
    model: str = DECOMPOSITION_MODEL,
    pressure_pa: float = 101325.0,
    ghi_clearsky: np.ndarray | None = None,
    dni_clearsky: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Split hourly GHI into DNI and DHI with one of pvlib's decomposition models.

    Parameters
    ----------
    ghi : array
        Global horizontal irradiance [W/m²], a contiguous hourly series.
    times : DatetimeIndex
        Timestamps of ``ghi`` (tz-aware).
    zenith : array
        True solar zenith angle [deg].
    model : {"disc", "dirint", "dirindex", "louche", "erbs", "erbs_driesse", "boland"}
        Decomposition model (:data:`DECOMPOSITION_MODELS`; default
        :data:`DECOMPOSITION_MODEL`).
    pressure_pa : float
        Site pressure [Pa] (DISC, DIRINT and DIRINDEX).
    ghi_clearsky, dni_clearsky : array, optional
        Clear-sky GHI and DNI [W/m²] (DIRINDEX only).

    Returns
    -------
    dni, dhi : ndarray
        Direct normal and diffuse horizontal irradiance [W/m²]; ``dhi = ghi - dni cos(z)``.

    References
    ----------
    Maxwell, E. L. (1987). A quasi-physical model for converting hourly global horizontal
    to direct normal insolation. SERI/TR-215-3087, Solar Energy Research Institute (DISC).
    Perez, R., Ineichen, P., Maxwell, E., Seals, R. & Zelenka, A. (1992). Dynamic
    global-to-direct irradiance conversion models. ASHRAE Transactions 98(1), 354-369
    (DIRINT). Perez, R. et al. (2002). A new operational model for satellite-derived
    irradiances: description and validation. Solar Energy 73(5), 307-317 (DIRINDEX).
    Louche, A., Notton, G., Poggi, P. & Simonnot, G. (1991). Correlations for direct normal
    and global horizontal irradiation on a French Mediterranean site. Solar Energy 46(4),
    261-266. Erbs, D. G., Klein, S. A. & Duffie, J. A. (1982). Solar Energy 28(4), 293-302.
    Driesse, A., Jensen, A. & Perez, R. (2024). A continuous form of the Perez diffuse sky
    model for forward and reverse transposition. Solar Energy 267, 112093 (Erbs-Driesse).
    Ridley, B., Boland, J. & Lauret, P. (2010). Modelling of diffuse solar fraction with
    multiple predictors. Renewable Energy 35(2), 478-483 (Boland).
    """
    import pvlib

    if model not in DECOMPOSITION_MODELS:
        raise ValueError(
            f"unknown decomposition model {model!r}: expected one of {list(DECOMPOSITION_MODELS)}"
        )
    g = pd.Series(np.asarray(ghi, dtype=float), index=times)
    z = pd.Series(np.asarray(zenith, dtype=float), index=times)
    with np.errstate(invalid="ignore", divide="ignore"):
        if model == "dirindex":
            if ghi_clearsky is None or dni_clearsky is None:
                raise ValueError("the dirindex decomposition needs ghi_clearsky and dni_clearsky")
            dni = pvlib.irradiance.dirindex(
                g,
                pd.Series(np.asarray(ghi_clearsky, dtype=float), index=times),
                pd.Series(np.asarray(dni_clearsky, dtype=float), index=times),
                z,
                times,
                pressure=pressure_pa,
            )
        elif model == "dirint":
            dni = pvlib.irradiance.dirint(g, z, times, pressure=pressure_pa)
        elif model == "disc":
            dni = pvlib.irradiance.disc(g, z, times, pressure=pressure_pa)["dni"]
        elif model == "louche":
            dni = pvlib.irradiance.louche(g, z, times)["dni"]
        elif model == "erbs":
            dni = pvlib.irradiance.erbs(g, z, times)["dni"]
        elif model == "erbs_driesse":
            dni = pvlib.irradiance.erbs_driesse(g, z, times)["dni"]
        else:
            dni = pvlib.irradiance.boland(g, z, times)["dni"]
        dni = np.nan_to_num(np.asarray(dni, dtype=float))
        cosz = np.cos(np.radians(z.to_numpy()))
        dni = np.where((cosz > 0) & (g.to_numpy() > 0), np.maximum(dni, 0.0), 0.0)
        # The beam can never exceed the global light on the horizontal.
        dni = np.minimum(
            dni, np.divide(g.to_numpy(), cosz, out=np.zeros_like(cosz), where=cosz > 0)
        )
        dhi = np.maximum(g.to_numpy() - dni * np.clip(cosz, 0, None), 0.0)
    return dni, dhi
