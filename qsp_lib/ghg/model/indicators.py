"""Indicators of the options: totals per dwelling and inhabitant, new construction against
the RE2020 thresholds, and emissions priced at the French carbon value.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from qsp_lib.ghg.model.compiled import GhgModel
from qsp_lib.ghg.model.dynamic import static_equivalent_ratio
from qsp_lib.ghg.model.evaluation import option_totals, profile_array


def ratios(model: GhgModel, totals_df, weighting: str = "static"):
    """Totals per dwelling and per inhabitant and year.

    Returns
    -------
    pandas.DataFrame
        ``option, total_t_co2e, dwellings, residents, t_co2e_per_dwelling,
        t_co2e_per_inhabitant_year`` (NaN where dwellings or residents are unknown).
    """
    import pandas as pd

    tot = option_totals(totals_df, weighting)
    n = model.study_period_years
    rows = []
    for i, name in enumerate(model.options):
        d, r = model.dwellings[i], model.residents[i]
        rows.append(
            {
                "option": name,
                "total_t_co2e": tot[name],
                "dwellings": d,
                "residents": r,
                "t_co2e_per_dwelling": tot[name] / d if d > 0 else np.nan,
                "t_co2e_per_inhabitant_year": tot[name] / r / n if r > 0 else np.nan,
            }
        )
    return pd.DataFrame(rows)


def re2020_check(model: GhgModel):
    """New construction against the RE2020 Ic_construction thresholds of its permit years.

    Parameters
    ----------
    model : GhgModel

    Returns
    -------
    pandas.DataFrame
        One row per option with new construction: ``option, new_floor_area_m2,
        first_permit_year, last_permit_year, threshold_kg_co2e_per_m2`` (area-weighted mean
        of the thresholds of the permit years), ``dynamic_kg_co2e_per_m2`` (Ic used: threshold
        times the central position factor, or the imposed value),
        ``static_kg_co2e_per_m2`` (its static equivalent) and
        ``threshold_static_kg_co2e_per_m2`` (static equivalent of the threshold).

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexes I and II.
    """
    import pandas as pd

    cols = [
        "option",
        "new_floor_area_m2",
        "first_permit_year",
        "last_permit_year",
        "threshold_kg_co2e_per_m2",
        "dynamic_kg_co2e_per_m2",
        "static_kg_co2e_per_m2",
        "threshold_static_kg_co2e_per_m2",
    ]
    if not model.new_build:
        return pd.DataFrame(columns=cols)
    nb = pd.DataFrame(model.new_build)
    central = float(model.factors.at["embodied_new", "value"])
    fixed = bool(model.factors.at["embodied_new", "overridden"])
    ratio = static_equivalent_ratio(model.factors)
    rows = []
    for name in model.options:
        sub = nb[nb["option"] == name]
        if sub.empty:
            continue
        area = float(sub["floor_area_m2"].sum())
        threshold = float((sub["threshold_kg_co2e_per_m2"] * sub["floor_area_m2"]).sum() / area)
        dynamic = central if fixed else threshold * central
        rows.append(
            {
                "option": name,
                "new_floor_area_m2": area,
                "first_permit_year": int(sub["permit_year"].min()),
                "last_permit_year": int(sub["permit_year"].max()),
                "threshold_kg_co2e_per_m2": threshold,
                "dynamic_kg_co2e_per_m2": dynamic,
                "static_kg_co2e_per_m2": dynamic / ratio,
                "threshold_static_kg_co2e_per_m2": threshold / ratio,
            }
        )
    return pd.DataFrame(rows, columns=cols)


def carbon_value_eur_per_t(calendar_years, points: Mapping[int, float]):
    """French carbon value ("valeur de l'action pour le climat") by calendar year.

    Linear interpolation between the points, constant before the first and after the last.

    Parameters
    ----------
    calendar_years : array_like of int
        Calendar years [year].
    points : mapping of int to float
        Year -> value [€2018/tCO2e] (the parameter, or
        :func:`qsp_lib.ghg.reference.carbon_value_points`).

    Returns
    -------
    numpy.ndarray
        Carbon value [€2018/tCO2e] of each year.

    References
    ----------
    .. [1] Quinet, A. (2019). La valeur de l'action pour le climat. France Stratégie, rapport
       de la commission présidée par Alain Quinet, février 2019.
    """
    xs = np.array(sorted(int(k) for k in points), dtype=float)
    ys = np.array([float(points[k]) for k in sorted(points, key=int)])
    return np.interp(np.asarray(calendar_years, dtype=float), xs, ys)


def monetise(
    model: GhgModel,
    carbon_values: Mapping[int, float],
    discount_rate: float = 0.0,
    values=None,
    base_year: int | None = None,
) -> dict[str, float]:
    """Monetised emissions per option: sum over years of tCO2e x carbon value, discounted.

    Uses the static yearly profile (the carbon value already prices the timing); the value
    of calendar year y is discounted to ``base_year`` B by ``(1 + r) ** -(y - B)`` (r =
    ``discount_rate``, 0 by default: undiscounted; B = the model's start year by default).

    Parameters
    ----------
    model : GhgModel
    carbon_values : mapping of int to float
        Year -> carbon value [€2018/tCO2e], see :func:`carbon_value_eur_per_t`.
    discount_rate : float
        Yearly discount rate [-].
    values : mapping of str to float, optional
        Factor values replacing the central ones.
    base_year : int, optional
        B, the year discounted to [year]; the start year by default.

    Returns
    -------
    dict of str to float
        Option -> value [€2018].

    References
    ----------
    .. [1] Quinet, A. (2019), see :func:`carbon_value_eur_per_t`.
    .. [2] France Stratégie (2017). Guide de l'évaluation socioéconomique des
       investissements publics: public discount rate about 4.5 % with its risk premium
       (value noted by the programme's shared reference, ``ghg.md``).
    """
    prof = profile_array(model, values).sum(axis=1)
    calendar = model.start_year + model.years
    cv = carbon_value_eur_per_t(calendar, carbon_values)
    base = model.start_year if base_year is None else int(base_year)
    disc = (1.0 + float(discount_rate)) ** -(calendar - base).astype(float)
    money = prof @ (cv * disc)
    return {name: float(v) for name, v in zip(model.options, money, strict=True)}
