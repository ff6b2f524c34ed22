"""Vegetation and soils: storage by a new tree canopy and by de-sealed soil (negative
emissions).

Trees sequester at an annual rate until they hold the storage density of a mature canopy
(non-linear, evaluated beside the coefficient tensor); de-sealed soil stores its carbon
evenly over a transition period (linear).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from qsp_lib.ghg.model.compiled import KG_TO_T, Compilation
from qsp_lib.ghg.model.keys import _TREE_SEQ, _TREE_STORE, PART_INDEX

if TYPE_CHECKING:
    from qsp_lib.ghg.model.compiled import GhgModel


def add_vegetation(c: Compilation, i: int, vegetation: Mapping) -> None:
    """Add the new canopy [m²] and the de-sealed soil [m²] of option ``i``.

    References
    ----------
    .. [1] ADEME, outil ALDO (2018): soil carbon flux = (stock before - stock after) x 44/12.
    """
    c.canopy[i] = float(vegetation.get("canopy_m2") or 0)
    py = int(vegetation.get("planting_year") or 0)
    c.planting[i] = py
    des = float(vegetation.get("desealed_m2") or 0)
    # soil storage spread evenly over the transition period after de-sealing
    sl = slice(py + 1, min(c.n, py + c.soil_years) + 1)
    c.coef[i, PART_INDEX["vegetation_soil"], sl, c.kidx["vegetation_soil_desealing"]] -= (
        des / c.soil_years * KG_TO_T
    )


def _tree_annual_per_m2(model: GhgModel, seq, store, planting_year: int):
    """Yearly storage per m² of canopy (positive) [kgCO2e/m²/yr], shape (draws, years).

    Cumulative storage ``min(seq * (t - planting), store)``: trees sequester at the annual
    rate until they hold the storage density of a mature canopy.

    References
    ----------
    .. [1] Nowak, D. J., Greenfield, E. J., Hoehn, R. E., Lapoint, E. (2013). Carbon storage
       and sequestration by trees in urban and community areas of the United States.
       Environmental Pollution 178, 229-236. https://doi.org/10.1016/j.envpol.2013.03.019
    """
    seq = np.atleast_1d(np.asarray(seq, dtype=float))[:, None]
    store = np.atleast_1d(np.asarray(store, dtype=float))[:, None]
    age = np.clip(model.years - planting_year, 0, None)[None, :]
    cum = np.minimum(seq * age, store)
    return np.diff(cum, axis=1, prepend=0.0)


def _tree_storage_t(model: GhgModel, vals: Mapping[str, np.ndarray], weights: np.ndarray):
    """Storage by the new tree canopy [tCO2e, positive] under each row of ``weights``.

    Shape (weightings, draws, options); the identity matrix gives the yearly storage.
    """
    draws = len(np.atleast_1d(vals[_TREE_SEQ]))
    out = np.zeros((len(weights), draws, len(model.options)))
    for i in np.flatnonzero(model.canopy_m2 > 0):
        annual = _tree_annual_per_m2(
            model, vals[_TREE_SEQ], vals[_TREE_STORE], int(model.planting_year[i])
        )
        out[:, :, i] = model.canopy_m2[i] * 1e-3 * (annual @ weights.T).T
    return out
