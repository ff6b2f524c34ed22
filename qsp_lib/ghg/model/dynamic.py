"""RE2020 dynamic weighting: emissions weighted by the year they occur.

The weight of an emission in year t is the warming it causes over the 100-year horizon
relative to an emission today (IPCC AR5 impulse response, Joos et al. 2013), as in the
simplified dynamic LCA of RE2020; the Ic_construction thresholds of a permit year and the
static equivalent of a dynamic Ic come from the same method.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from qsp_lib.ghg.model.keys import _REPLACEMENT_YEAR, _SHARES

#: IPCC AR5 CO2 impulse response (Joos et al. 2013), as used by RE2020's dynamic LCA.
JOOS_A0 = 0.2173
JOOS_A = (0.2240, 0.2824, 0.2763)
JOOS_TAU_YEARS = (394.4, 36.54, 4.304)


def agwp_co2(horizon_years):
    """Absolute global warming potential of a CO2 pulse, up to a constant factor.

    Parameters
    ----------
    horizon_years : float or array_like
        Time horizon H [years], H >= 0.

    Returns
    -------
    numpy.ndarray or float
        ``a0 H + sum_i a_i tau_i (1 - exp(-H / tau_i))`` [years]; the radiative efficiency is
        omitted because only ratios are used.

    References
    ----------
    .. [1] Joos, F. et al. (2013). Carbon dioxide and climate impulse response functions for
       the computation of greenhouse gas metrics: a multi-model analysis. Atmospheric
       Chemistry and Physics 13, 2793-2825. https://doi.org/10.5194/acp-13-2793-2013
    .. [2] Myhre, G. et al. (2013). Anthropogenic and natural radiative forcing. In: Climate
       Change 2013, the Physical Science Basis (IPCC AR5 WG1), chapter 8, table 8.SM.10.
    """
    h = np.asarray(horizon_years, dtype=float)
    a = np.asarray(JOOS_A)
    tau = np.asarray(JOOS_TAU_YEARS)
    out = JOOS_A0 * h + np.sum(a * tau * (1.0 - np.exp(-h[..., None] / tau)), axis=-1)
    return out if out.ndim else float(out)


def dynamic_weight_formula(years, horizon_years: float = 100.0):
    """RE2020 dynamic weight ``f(t) = AGWP_CO2(H - t) / AGWP_CO2(H)`` (0 beyond H).

    Parameters
    ----------
    years : float or array_like
        Year of the emission [years], t = 0 for the initial works.
    horizon_years : float
        Time horizon H [years] (100 in RE2020).

    Returns
    -------
    numpy.ndarray or float
        The weight [-], 1 at t = 0, about 0.578 at t = 50.

    References
    ----------
    .. [1] Arrêté du 4 août 2021 relatif aux exigences de performance énergétique et
       environnementale des constructions de bâtiments en France métropolitaine (RE2020),
       annexe II (ACV dynamique simplifiée). JORF du 5 août 2021.
    .. [2] Joos, F. et al. (2013), see :func:`agwp_co2`.
    """
    t = np.asarray(years, dtype=float)
    w = np.where(t < horizon_years, agwp_co2(np.clip(horizon_years - t, 0, None)), 0.0)
    w = w / agwp_co2(horizon_years)
    return w if w.ndim else float(w)


def dynamic_weights(table, study_period_years: int):
    """Dynamic weights for years 0..N from the ``re2020_dynamic_weights`` table.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`qsp_lib.ghg.reference.re2020_dynamic_weights` (columns ``t_years``, ``value``).
    study_period_years : int
        N [years]; the weights are 0 beyond the table (the 100-year horizon).

    Returns
    -------
    numpy.ndarray
        Shape (N + 1,), weight [-] of an emission in year t.

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe II; values computed with
       :func:`dynamic_weight_formula` (IPCC AR5, Joos et al. 2013).
    """
    weights = dict(zip(table["t_years"].astype(int), table["value"], strict=True))
    return np.array([weights.get(t, 0.0) for t in range(int(study_period_years) + 1)])


def static_equivalent_ratio(factors) -> float:
    """Mean dynamic weight of a RE2020 Ic_construction, from the life-cycle stage timing.

    RE2020 counts the initial works at t = 0, replacements at their year and the end of
    life at t = 50, each weighted by the dynamic coefficient. A dynamic Ic divided by this
    ratio is the static (unweighted) total of the same emissions.

    Parameters
    ----------
    factors : pandas.DataFrame
        Factor table with the shares of construction, replacement and end of life [-] and the
        replacement year [years].

    Returns
    -------
    float
        ``c + r f(t_r) + e f(50)`` [-], below 1.

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe II (ACV dynamique simplifiée).
    """
    c, r, e = (float(factors.at[k, "value"]) for k in _SHARES)
    t_r = float(factors.at[_REPLACEMENT_YEAR, "value"])
    return c + r * dynamic_weight_formula(t_r) + e * dynamic_weight_formula(50.0)


def re2020_threshold(limits: Mapping[int, float], permit_year: int) -> float:
    """RE2020 Ic_construction threshold of collective housing for a permit year.

    Parameters
    ----------
    limits : mapping of int to float
        First applicable year -> threshold [kgCO2e/m² SHAB]
        (:func:`qsp_lib.ghg.reference.re2020_limits`).
    permit_year : int
        Calendar year of the building permit [year]; before the first period, the first
        threshold (RE2020 did not apply earlier).

    Returns
    -------
    float
        Threshold [kgCO2e/m² SHAB].

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe I: Ic_construction_maxmoyen of collective
       housing, 740 (2022-2024), 650 (2025-2027), 580 (2028-2030), 490 (from 2031).
    """
    years = sorted(int(y) for y in limits)
    applicable = [y for y in years if y <= int(permit_year)] or years[:1]
    return float(limits[applicable[-1]])
