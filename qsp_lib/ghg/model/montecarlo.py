"""Monte Carlo with common random numbers: one draw of every factor applies to every option,
so that differences between options keep only the uncertainty of what distinguishes them.
"""

from __future__ import annotations

import numpy as np

from qsp_lib.ghg.model.compiled import GhgModel
from qsp_lib.ghg.model.evaluation import evaluate_totals
from qsp_lib.ghg.model.keys import WEIGHTINGS


def sample_factors(model: GhgModel, draws: int, seed: int | None, distribution: str = "pert"):
    """Draw every uncertain factor (low < high) from its low/central/high range.

    Parameters
    ----------
    model : GhgModel
    draws : int
        Number of draws.
    seed : int or None
        Seed of the random generator (same seed, same draws).
    distribution : {"pert", "triangular"}
        PERT is a Beta on [low, high] with mode = central (shape 4); triangular uses the same
        three points.

    Returns
    -------
    dict of str to numpy.ndarray
        Key -> array of shape (draws,). Fixed factors (no range, or overridden) are constant.

    References
    ----------
    .. [1] Malcolm, D. G., Roseboom, J. H., Clark, C. E., Fazar, W. (1959). Application of a
       technique for research and development program evaluation. Operations Research 7(5),
       646-669 (the PERT distribution).
    .. [2] Vose, D. (2008). Risk Analysis: a Quantitative Guide, 3rd ed. Wiley, chapter 9
       (PERT as a Beta distribution with shape 4).
    """
    rng = np.random.default_rng(seed)
    f = model.factors
    out = {}
    for key in f.index:  # fixed order: same seed -> same draws
        lo, mode, hi = (float(f.at[key, c]) for c in ("low", "value", "high"))
        if hi <= lo:
            out[key] = np.full(draws, mode)
        elif distribution == "triangular":
            out[key] = rng.triangular(lo, mode, hi, size=draws)
        else:
            alpha = 1.0 + 4.0 * (mode - lo) / (hi - lo)
            beta = 1.0 + 4.0 * (hi - mode) / (hi - lo)
            out[key] = lo + (hi - lo) * rng.beta(alpha, beta, size=draws)
    return out


def monte_carlo(
    model: GhgModel,
    draws: int = 10_000,
    seed: int | None = 42,
    distribution: str = "pert",
) -> dict[str, np.ndarray]:
    """Monte Carlo totals with common random numbers across options.

    One draw of every factor applies to all options, so differences between options are not
    blurred by independent noise, and a factor shared by all options in the same way (the
    mobility of identical options) cancels exactly in their difference.

    Parameters
    ----------
    model : GhgModel
    draws : int
        Number of draws.
    seed : int or None
        Seed of the random generator.
    distribution : {"pert", "triangular"}
        See :func:`sample_factors`.

    Returns
    -------
    dict
        ``static`` and ``dynamic``: arrays (draws, options) of totals [tCO2e];
        ``static_buildings`` and ``dynamic_buildings``: the same without mobility;
        ``samples``: the factor draws (key -> array).

    References
    ----------
    .. [1] Metropolis, N., Ulam, S. (1949). The Monte Carlo method. Journal of the American
       Statistical Association 44(247), 335-341.
    .. [2] JCGM 101:2008. Evaluation of measurement data - Supplement 1 to the "Guide to the
       expression of uncertainty in measurement" - Propagation of distributions using a Monte
       Carlo method.
    """
    smp = sample_factors(model, int(draws), seed, distribution)
    weights = np.stack([model.weights(w) for w in WEIGHTINGS])
    tot = evaluate_totals(model, smp, weights)
    # mobility is linear and cheap: subtract it rather than re-evaluate the rest
    mobility = evaluate_totals(model, smp, weights, ("mobility",))
    out = {"samples": smp}
    for j, weighting in enumerate(WEIGHTINGS):
        out[weighting] = tot[j]
        out[f"{weighting}_buildings"] = tot[j] - mobility[j]
    return out


def summarise_monte_carlo(model: GhgModel, mc_totals: np.ndarray):
    """P5 / P50 / P95 and mean of each option's total over the draws.

    Parameters
    ----------
    model : GhgModel
    mc_totals : numpy.ndarray
        (draws, options), one weighting of :func:`monte_carlo`.

    Returns
    -------
    pandas.DataFrame
        ``option, p05_t_co2e, p50_t_co2e, p95_t_co2e, mean_t_co2e`` [tCO2e]. The draws
        cover assumed planning ranges of the factors: the shares of draws are not
        probabilities of the world and are not reported.
    """
    import pandas as pd

    q = np.percentile(mc_totals, [5, 50, 95], axis=0)
    return pd.DataFrame(
        {
            "option": model.options,
            "p05_t_co2e": q[0],
            "p50_t_co2e": q[1],
            "p95_t_co2e": q[2],
            "mean_t_co2e": mc_totals.mean(axis=0),
        }
    )


def differences(model: GhgModel, mc_totals: np.ndarray, reference_option: str, central=None):
    """Distribution of each option's total minus the reference option's, draw by draw.

    Parameters
    ----------
    model : GhgModel
    mc_totals : numpy.ndarray
        (draws, options) from :func:`monte_carlo` (common random numbers).
    reference_option : str
        The option every other one is compared with.
    central : mapping of str to float, optional
        Central totals [tCO2e]; adds ``central_t_co2e`` (option minus reference).

    Returns
    -------
    pandas.DataFrame
        ``option, p05_t_co2e, p50_t_co2e, p95_t_co2e, mean_t_co2e`` [tCO2e] and
        ``central_t_co2e``; the reference itself has zeros.
    """
    import pandas as pd

    ref = model.options.index(reference_option)
    diff = mc_totals - mc_totals[:, [ref]]
    q = np.percentile(diff, [5, 50, 95], axis=0)
    df = pd.DataFrame(
        {
            "option": model.options,
            "p05_t_co2e": q[0],
            "p50_t_co2e": q[1],
            "p95_t_co2e": q[2],
            "mean_t_co2e": diff.mean(axis=0),
        }
    )
    if central is not None:
        df["central_t_co2e"] = [central[n] - central[reference_option] for n in model.options]
    return df
