"""One-at-a-time sensitivity: which factors move the totals and the gap between the two
lowest options, and the value of a factor at which their ranking flips.
"""

from __future__ import annotations

import numpy as np

from qsp_lib.ghg.model.compiled import GhgModel
from qsp_lib.ghg.model.evaluation import evaluate_totals

#: Columns of :func:`ranking_drivers` (without the optional ``rank_correlation``).
_DRIVER_COLUMNS = (
    "factor",
    "label",
    "unit",
    "low",
    "central",
    "high",
    "best",
    "second",
    "gap_central_t_co2e",
    "gap_low_t_co2e",
    "gap_high_t_co2e",
    "swing_t_co2e",
    "flips_ranking",
    "flip_value",
)


def _one_at_a_time(model: GhgModel, weighting: str, parts=None):
    """Totals with each uncertain factor at its low then high bound, others central."""
    keys = model.uncertain_keys()
    central = model.central_values()
    n = 2 * len(keys) + 1
    vals = {k: np.repeat(v, n) for k, v in central.items()}
    for j, k in enumerate(keys):
        vals[k][2 * j] = float(model.factors.at[k, "low"])
        vals[k][2 * j + 1] = float(model.factors.at[k, "high"])
    tot = evaluate_totals(model, vals, model.weights(weighting), parts)
    return keys, tot[:-1].reshape(len(keys), 2, -1), tot[-1]


def tornado(model: GhgModel, weighting: str = "static", parts=None):
    """One-at-a-time sensitivity: each uncertain factor at its low then high value.

    Returns
    -------
    pandas.DataFrame
        ``factor, label, option, central_t_co2e, low_t_co2e, high_t_co2e, swing_t_co2e``
        (``low``/``high`` = total with the factor at its low/high value; swing = |high - low|),
        sorted by decreasing swing within each option.
    """
    import pandas as pd

    keys, tot, base = _one_at_a_time(model, weighting, parts)
    rows = [
        {
            "factor": k,
            "label": model.factors.at[k, "label"],
            "option": name,
            "central_t_co2e": float(base[i]),
            "low_t_co2e": float(tot[j, 0, i]),
            "high_t_co2e": float(tot[j, 1, i]),
            "swing_t_co2e": float(abs(tot[j, 1, i] - tot[j, 0, i])),
        }
        for j, k in enumerate(keys)
        for i, name in enumerate(model.options)
    ]
    cols = ["factor", "label", "option", "central_t_co2e", "low_t_co2e", "high_t_co2e"]
    df = pd.DataFrame(rows, columns=[*cols, "swing_t_co2e"])
    order = {n: i for i, n in enumerate(model.options)}
    df["_o"] = df["option"].map(order)
    df = df.sort_values(["_o", "swing_t_co2e"], ascending=[True, False]).drop(columns="_o")
    return df.reset_index(drop=True)


def flip_value(model: GhgModel, key: str, a: str, b: str, weighting: str = "static"):
    """Value of one factor at which options ``a`` and ``b`` have equal totals.

    The other factors stay central. The gap ``b - a`` is evaluated at the factor's low and
    high bounds; when its sign changes in between, the root is found with Brent's method
    (the gap is monotonic in a single factor for every factor of this model).

    Parameters
    ----------
    model : GhgModel
    key : str
        Factor key.
    a, b : str
        Option names.
    weighting : {"static", "dynamic"}

    Returns
    -------
    float
        The flip value (in the factor's unit), NaN when the ranking does not change within
        the factor's range.

    References
    ----------
    .. [1] Brent, R. P. (1973). Algorithms for Minimization without Derivatives,
       chapter 4. Prentice-Hall (as :func:`scipy.optimize.brentq`).
    """
    from scipy.optimize import brentq

    ia, ib = model.options.index(a), model.options.index(b)
    w = model.weights(weighting)
    vals = model.central_values()

    def gap(v):
        vals[key] = np.array([v])
        tot = evaluate_totals(model, vals, w)[0]
        return float(tot[ib] - tot[ia])

    lo, hi = float(model.factors.at[key, "low"]), float(model.factors.at[key, "high"])
    g_lo, g_hi = gap(lo), gap(hi)
    if hi <= lo or np.sign(g_lo) == np.sign(g_hi) or g_lo == g_hi:
        return float("nan")
    return float(brentq(gap, lo, hi, xtol=1e-9 * max(1.0, abs(hi))))


def ranking_drivers(model: GhgModel, weighting: str = "static", mc_totals=None, samples=None):
    """Which inputs decide the ranking of the two lowest options, and where it flips.

    For the gap ``second - best`` (central totals), each factor's low and high values are
    tried one at a time; a factor *can flip* the ranking when one of its bounds makes the gap
    change sign, and :func:`flip_value` gives the value where it does. With Monte Carlo
    draws, the rank correlation between each factor and the gap is added.

    Returns
    -------
    pandas.DataFrame
        ``factor, label, unit, low, central, high, best, second, gap_central_t_co2e,
        gap_low_t_co2e, gap_high_t_co2e, swing_t_co2e, flips_ranking, flip_value`` and, with
        draws, ``rank_correlation``; sorted by swing.

    References
    ----------
    .. [1] Saltelli, A. et al. (2008). Global Sensitivity Analysis: the Primer. Wiley,
       chapter 1 (one-at-a-time and rank-correlation screening).
    """
    import pandas as pd

    if len(model.options) < 2 or not model.uncertain_keys():
        return pd.DataFrame(columns=list(_DRIVER_COLUMNS))
    keys, tot, base = _one_at_a_time(model, weighting)
    order = np.argsort(base, kind="stable")
    ib, is_ = int(order[0]), int(order[1])
    best, second = model.options[ib], model.options[is_]
    f = model.factors
    df = pd.DataFrame(
        {
            "factor": keys,
            "label": [f.at[k, "label"] for k in keys],
            "unit": [f.at[k, "unit"] for k in keys],
            "low": [float(f.at[k, "low"]) for k in keys],
            "central": [float(f.at[k, "value"]) for k in keys],
            "high": [float(f.at[k, "high"]) for k in keys],
            "best": best,
            "second": second,
            "gap_central_t_co2e": float(base[is_] - base[ib]),
            "gap_low_t_co2e": tot[:, 0, is_] - tot[:, 0, ib],
            "gap_high_t_co2e": tot[:, 1, is_] - tot[:, 1, ib],
        }
    )
    df["swing_t_co2e"] = (df["gap_high_t_co2e"] - df["gap_low_t_co2e"]).abs()
    df["flips_ranking"] = df[["gap_low_t_co2e", "gap_high_t_co2e"]].min(axis=1) < 0
    df["flip_value"] = [
        flip_value(model, k, best, second, weighting) if flips else float("nan")
        for k, flips in zip(df["factor"], df["flips_ranking"], strict=True)
    ]
    if mc_totals is not None and samples is not None:
        rg = _rank(mc_totals[:, is_] - mc_totals[:, ib])
        df["rank_correlation"] = [
            float(np.corrcoef(_rank(samples[k]), rg)[0, 1]) if np.ptp(samples[k]) > 0 else 0.0
            for k in df["factor"]
        ]
    return df.sort_values("swing_t_co2e", ascending=False).reset_index(drop=True)


def _rank(a):
    a = np.asarray(a)
    r = np.empty(len(a))
    r[np.argsort(a, kind="stable")] = np.arange(len(a))
    return r
