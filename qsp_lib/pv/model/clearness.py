"""Stochastic clearness sequences of the climatology generator
(:mod:`qsp_lib.pv.model.climatology`, steps 2 and 3): daily clearness index from the Markov
transition matrices of Aguiar, Collares-Pereira & Conde (1988), hourly clearness index from
the TAG model of Aguiar & Collares-Pereira (1992).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Daily sequences drawn per month; the one closest to the month's mean clearness is kept
#: (acceptance step of Aguiar et al. 1988, who redraw until the mean is close enough).
MTM_CANDIDATES = 50
#: Variants of the hourly TAG model: the published coefficients (Aguiar & Collares-Pereira
#: 1992) or the wider, more persistent spread of the modified TAG in Meteonorm (Remund et
#: al., Meteonorm Handbook part II, 2015), default because it reproduces the real years.
TAG_VARIANTS = ("aguiar1992", "meteonorm")
TAG_VARIANT = "meteonorm"


def mtm_library(table: pd.DataFrame | None = None) -> dict:
    """Markov transition matrices of daily clearness (Aguiar, Collares-Pereira & Conde 1988).

    Parameters
    ----------
    table : DataFrame, optional
        The dataset ``mtm_aguiar1988`` (one row per matrix element: ``ktm_class``,
        ``kt_min``, ``kt_max``, ``from_state``, ``to_state``, ``value``); default: loaded
        with :func:`qsp_lib.pv.reference.mtm_aguiar1988`.

    Returns
    -------
    dict
        ``matrices`` (10 x 10 x 10 array: class, from state, to state), ``kt_min`` and
        ``kt_max`` (10 bounds of the daily clearness states of each class [-]) and
        ``ktm_edges`` (the 9 class boundaries of the monthly mean clearness index [-]).
        A row without any observed transition in the published table (three rows of the
        two clearest classes) is replaced by the mean of the class's other rows, so that
        every state can be left.

    References
    ----------
    Aguiar, R. J., Collares-Pereira, M. & Conde, J. P. (1988). Simple procedure for
    generating sequences of daily radiation values using a library of Markov transition
    matrices. Solar Energy 40(3), 269-279. doi:10.1016/0038-092X(88)90049-7
    """
    if table is None:
        from qsp_lib.pv import reference

        table = reference.mtm_aguiar1988()
    mats = np.zeros((10, 10, 10))
    c = table["ktm_class"].astype(int).to_numpy()
    i = table["from_state"].astype(int).to_numpy() - 1
    j = table["to_state"].astype(int).to_numpy() - 1
    mats[c, i, j] = table["value"].to_numpy(dtype=float)
    for k in range(10):
        sums = mats[k].sum(axis=1)
        empty = sums < 0.5
        mats[k][~empty] /= sums[~empty, None]  # published rows are rounded to 0.001
        if empty.any():
            mats[k][empty] = mats[k][~empty].mean(axis=0)
    bounds = table.groupby("ktm_class")[["kt_min", "kt_max", "ktm_high"]].first().sort_index()
    return {
        "matrices": mats,
        "kt_min": bounds["kt_min"].to_numpy(dtype=float),
        "kt_max": bounds["kt_max"].to_numpy(dtype=float),
        "ktm_edges": bounds["ktm_high"].dropna().to_numpy(dtype=float),
    }


def tag_coefficients(table: pd.DataFrame | None = None) -> dict:
    """Coefficients of the TAG hourly clearness model (Aguiar & Collares-Pereira 1992).

    Parameters
    ----------
    table : DataFrame, optional
        The dataset ``tag_aguiar1992`` (``key``, ``value``); default: loaded with
        :func:`qsp_lib.pv.reference.tag_aguiar1992`.

    Returns
    -------
    dict
        Coefficient name -> value (see the dataset's ``source`` column for each formula).

    References
    ----------
    Aguiar, R. & Collares-Pereira, M. (1992). TAG: a time-dependent, autoregressive,
    Gaussian model for generating synthetic hourly radiation. Solar Energy 49(3), 167-174.
    doi:10.1016/0038-092X(92)90068-L
    """
    if table is None:
        from qsp_lib.pv import reference

        table = reference.tag_aguiar1992()
    return dict(zip(table["key"], table["value"].astype(float), strict=True))


def daily_clearness_mtm(
    ktm_monthly: np.ndarray,
    day_month: np.ndarray,
    h0_daily: np.ndarray,
    rng: np.random.Generator,
    library: dict,
    candidates: int = MTM_CANDIDATES,
) -> np.ndarray:
    """Daily clearness indices from the Markov transition matrices, month by month.

    Each month uses the matrix of its mean clearness class; the chain runs on across months
    (the first day of a month follows the last day of the previous one). ``candidates``
    sequences are drawn for each month and the one whose mean (weighted by the daily
    extraterrestrial irradiation) is closest to the month's target is kept, as in the
    acceptance test of Aguiar et al. (1988).

    Parameters
    ----------
    ktm_monthly : array of 12 floats
        Target monthly clearness index (monthly GHI / monthly extraterrestrial) [-].
    day_month : array of int
        Month (1-12) of each day.
    h0_daily : array of floats
        Daily extraterrestrial horizontal irradiation of each day [Wh/m²].
    rng : numpy.random.Generator
        Seeded generator.
    library : dict
        Output of :func:`mtm_library`.
    candidates : int
        Sequences drawn per month.

    Returns
    -------
    ndarray
        Daily clearness index of each day [-].

    References
    ----------
    Aguiar, Collares-Pereira & Conde (1988), Solar Energy 40(3), 269-279.
    """
    mats, kt_min, kt_max = library["matrices"], library["kt_min"], library["kt_max"]
    classes = np.digitize(ktm_monthly, library["ktm_edges"], right=True)
    kt = np.zeros(len(day_month))
    prev = float(ktm_monthly[11])  # the year starts from a December-like day
    for m in range(12):
        days = np.flatnonzero(day_month == m + 1)
        c = classes[m]
        cum = np.cumsum(mats[c], axis=1)
        cum[:, -1] = 1.0
        width = (kt_max[c] - kt_min[c]) / 10.0
        state = np.full(candidates, int(np.clip((prev - kt_min[c]) // width, 0, 9)))
        seq = np.empty((candidates, days.size))
        for d in range(days.size):
            u = rng.random(candidates)
            row = cum[state]
            new = np.minimum((u[:, None] > row).sum(axis=1), 9)
            low = np.where(new > 0, row[np.arange(candidates), new - 1], 0.0)
            high = row[np.arange(candidates), new]
            frac = np.clip((u - low) / np.maximum(high - low, 1e-12), 0.0, 1.0)
            seq[:, d] = kt_min[c] + (new + frac) * width
            state = new
        w = h0_daily[days]
        means = seq @ w / max(w.sum(), 1e-9)
        best = int(np.argmin(np.abs(means - ktm_monthly[m])))
        kt[days] = seq[best]
        prev = float(seq[best, -1])
    return kt


def hourly_clearness_tag(
    kt_daily: np.ndarray,
    sin_elevation: np.ndarray,
    hours_from_noon: np.ndarray,
    rng: np.random.Generator,
    coefficients: dict,
    redraws: int = 20,
    variant: str = TAG_VARIANT,
) -> np.ndarray:
    """Hourly clearness indices within each day from the TAG model.

    ``kt = ktm(Kt, h) + sigma(Kt, h) y`` where ``y`` is a first-order autoregressive
    Gaussian process over the sunlit hours of the day (lag-one correlation ``phi(Kt)``,
    unit variance, starting at zero before sunrise); a draw outside ``[0, ktcs]`` is drawn
    again, as in the published model, and the rare survivors are clipped.

    Parameters
    ----------
    kt_daily : array (D,)
        Daily clearness index of each day [-].
    sin_elevation : array (D, 24)
        Sine of the solar elevation at the middle of each hour, rows = days in local solar
        order; zero or negative at night [-].
    hours_from_noon : array (D, 24)
        Solar time minus 12 h at the middle of each hour [h].
    rng : numpy.random.Generator
        Seeded generator.
    coefficients : dict
        Output of :func:`tag_coefficients`.
    redraws : int
        Maximum number of redraws of an out-of-range hour.
    variant : {"meteonorm", "aguiar1992"}
        Spread and persistence of the deviation: ``aguiar1992`` uses the published
        ``sigma = A exp(B (1 - sin h))`` and ``phi = 0.38 + 0.06 cos(7.4 Kt - 2.5)``;
        ``meteonorm`` (default) the modified TAG of Meteonorm, ``sigma = 0.32 exp(-50 (Kt -
        0.4)^2) + 0.002`` and ``phi = 0.148 + 2.356 Kt - 5.195 Kt^2 + 3.758 Kt^3``, which
        reproduces the diffuse fraction of the real years (see :mod:`qsp_lib.pv.model.climatology`).

    Returns
    -------
    ndarray (D, 24)
        Hourly clearness index (hourly GHI / hourly extraterrestrial horizontal) [-], zero
        at night.

    References
    ----------
    Aguiar & Collares-Pereira (1992), Solar Energy 49(3), 167-174. Remund, J. et al.
    Meteonorm Handbook part II: Theory, version 7.1 (2015), Meteotest (modified TAG).
    """
    if variant not in TAG_VARIANTS:
        raise ValueError(f"unknown TAG variant {variant!r}: expected one of {list(TAG_VARIANTS)}")
    c = coefficients
    k = np.asarray(kt_daily, dtype=float)[:, None]
    up = sin_elevation > 0
    sin_h = np.maximum(sin_elevation, 0.01)
    lam = c["lambda_0"] + c["lambda_1"] * k + c["lambda_2"] * np.exp(c["lambda_3"] * k)
    eps = c["epsilon_0"] + c["epsilon_1"] * (k - c["epsilon_2"]) ** 2
    kap = c["kappa_0"] + c["kappa_2"] * k**2 + c["kappa_3"] * k**3
    ktm = lam + eps * np.exp(-kap / sin_h)
    if variant == "aguiar1992":
        a = c["sigma_a_0"] * np.exp(c["sigma_a_1"] * (k - c["sigma_a_2"]) ** 2)
        b = c["sigma_b_0"] * (k - c["sigma_b_1"]) ** 2 + c["sigma_b_2"] * k ** c["sigma_b_3"]
        sigma = a * np.exp(b * (1 - sin_h))
        phi = (c["phi_0"] + c["phi_1"] * np.cos(c["phi_2"] * k + c["phi_3"]))[:, 0]
    else:
        sigma = np.broadcast_to(
            c["mn_sigma_0"] * np.exp(c["mn_sigma_1"] * (k - c["mn_sigma_2"]) ** 2)
            + c["mn_sigma_3"],
            sin_h.shape,
        )
        phi = np.clip(
            c["mn_phi_0"] + c["mn_phi_1"] * k + c["mn_phi_2"] * k**2 + c["mn_phi_3"] * k**3,
            0.0,
            0.99,
        )[:, 0]
    innov_sd = np.sqrt(1 - phi**2)
    bound = _tag_clear_bound(c, hours_from_noon)

    n_days = k.shape[0]
    out = np.zeros_like(sin_h)
    y = np.zeros(n_days)
    for s in range(sin_h.shape[1]):
        y_new = phi * y + innov_sd * rng.standard_normal(n_days)
        kt_s = ktm[:, s] + sigma[:, s] * y_new
        for _ in range(redraws):
            bad = up[:, s] & ((kt_s < 0) | (kt_s > bound[:, s]))
            if not bad.any():
                break
            y_new[bad] = phi[bad] * y[bad] + innov_sd[bad] * rng.standard_normal(bad.sum())
            kt_s = ktm[:, s] + sigma[:, s] * y_new
        out[:, s] = np.where(up[:, s], np.clip(kt_s, 0.0, np.maximum(bound[:, s], 0.0)), 0.0)
        y = np.where(up[:, s], y_new, 0.0)
    return out


def _tag_clear_bound(coefficients: dict, hours_from_noon: np.ndarray) -> np.ndarray:
    """TAG upper bound of the hourly clearness index ``ktcs`` [-] (Aguiar & Collares-Pereira
    1992), from the solar time minus 12 h [h]."""
    c = coefficients
    return c["kt_clear_0"] * np.cos(np.pi * hours_from_noon / c["kt_clear_1"])
