"""Operation energy: the carrier factors of each study year and the emissions of the energy
used by the building stocks.

A carrier with a trajectory goes from its (drawn) current factor to its (drawn) target at
the (drawn) target year, linearly or in one step; energy emissions are kWh times that path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

from qsp_lib.ghg.model.keys import _TRAJ, CARRIERS

if TYPE_CHECKING:
    from qsp_lib.ghg.model.compiled import GhgModel


def linear_ratio(calendar_years, start_year: int, target_year, target_ratio):
    """Multiplier going linearly from 1 at ``start_year`` to ``target_ratio`` at ``target_year``.

    Constant before the start and after the target year. ``target_year`` and
    ``target_ratio`` may be arrays of draws (shape (d, 1)) broadcast against the years.

    Parameters
    ----------
    calendar_years : array_like
        Calendar years [year].
    start_year : int
        Calendar year [year] where the multiplier is 1.
    target_year : float or array_like
        Calendar year [year] where it reaches ``target_ratio``.
    target_ratio : float or array_like
        Multiplier reached at the target year [-].

    Returns
    -------
    numpy.ndarray
        Multiplier [-] for each calendar year.
    """
    y = np.asarray(calendar_years, dtype=float)
    span = np.asarray(target_year, dtype=float) - start_year
    safe = np.where(span > 0, span, 1.0)
    frac = np.where(span > 0, np.clip((y - start_year) / safe, 0.0, 1.0), (y >= target_year) * 1.0)
    return 1.0 + (np.asarray(target_ratio, dtype=float) - 1.0) * frac


def carrier_paths(model: GhgModel, values: Mapping[str, np.ndarray]) -> np.ndarray:
    """Carrier emission factor in each study year, for each draw.

    Without a trajectory the factor is the drawn value every year. With one, it goes from
    the drawn value at study year 0 to the drawn target at the drawn target year (linearly,
    or in one step for ``shape = "step"``), then stays there: the target and its year are
    uncertain in their own right, not a scaling of today's factor.

    Parameters
    ----------
    model : GhgModel
    values : mapping of str to numpy.ndarray
        Factor key -> draws, shape (d,).

    Returns
    -------
    numpy.ndarray
        Factor [kgCO2e/kWh], shape (d, carriers, years), carriers in :data:`CARRIERS` order.
    """
    cal = model.start_year + model.years.astype(float)
    out = []
    for c in CARRIERS:
        base = np.asarray(values[f"carrier_{c}"], dtype=float)[:, None]
        key = f"{_TRAJ}{c}_target"
        if c not in model.trajectory_shapes:
            out.append(np.broadcast_to(base, (len(base), len(cal))))
            continue
        target = np.asarray(values[key], dtype=float)[:, None]
        year = np.asarray(values[f"{_TRAJ}{c}_year"], dtype=float)[:, None]
        if model.trajectory_shapes[c] == "step":
            frac = (cal[None, :] >= year) * 1.0
        else:
            frac = linear_ratio(cal[None, :], model.start_year, year, 0.0)
            frac = 1.0 - frac
        out.append(base + (target - base) * frac)
    return np.stack(out, axis=1)


def _energy_t(model: GhgModel, vals: Mapping[str, np.ndarray], weights: np.ndarray):
    """Operation energy [tCO2e] under each row of ``weights`` (weightings, years).

    Shape (weightings, draws, options); the identity matrix gives the yearly emissions. Rows
    equal to the model's dynamic weights get the delivery-anchor correction when there is one.
    """
    paths = carrier_paths(model, vals)  # (draws, carriers, years)
    g = weights[:, None, None, :] * model.energy_kwh[None]  # (weightings, options, carriers, years)
    dyn = model.dynamic_rows(weights)
    if dyn.any():  # the delivery anchor of the dynamic weighting (already weighted)
        g[dyn] += model.anchor_energy
    g = g.reshape(len(weights), len(model.options), -1).transpose(0, 2, 1)
    return paths.reshape(len(paths), -1) @ g * 1e-3
