"""Compilation of planning options into a :class:`~qsp_lib.ghg.model.compiled.GhgModel`.

Each option's building stocks and outdoor works (:mod:`~qsp_lib.ghg.model.lifecycle`),
mobility (:mod:`~qsp_lib.ghg.model.mobility`) and vegetation
(:mod:`~qsp_lib.ghg.model.vegetation`) add their timed coefficients to one tensor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from qsp_lib.ghg.model.compiled import Compilation, GhgModel, with_defaults
from qsp_lib.ghg.model.dynamic import static_equivalent_ratio
from qsp_lib.ghg.model.keys import (
    _NOT_LINEAR,
    _REPLACEMENT_YEAR,
    _SHARES,
    _SOIL_YEARS,
    _TRAJ,
    CARRIERS,
)
from qsp_lib.ghg.model.lifecycle import add_outdoor, add_stock, stock_dwellings
from qsp_lib.ghg.model.mobility import add_mobility
from qsp_lib.ghg.model.service import add_rehoused
from qsp_lib.ghg.model.vegetation import add_vegetation


def build_model(
    options: Sequence[Mapping],
    factors,
    dynamic_weights,
    re2020_limits: Mapping[int, float],
    study_period_years: int = 50,
    start_year: int = 2025,
    permit_lead_years: int = 2,
    boundaries: Mapping | None = None,
) -> GhgModel:
    """Compile planning options into a :class:`GhgModel`.

    Parameters
    ----------
    options : sequence of mapping
        Options as described in :mod:`qsp_lib.ghg.model` (validated by the parameter schema).
    factors : pandas.DataFrame
        Factor table from :func:`~qsp_lib.ghg.model.factors.apply_overrides` then
        :func:`~qsp_lib.ghg.model.factors.apply_trajectories`.
    dynamic_weights : array_like
        RE2020 weight [-] of study years 0..N (:func:`~qsp_lib.ghg.model.dynamic.dynamic_weights`).
    re2020_limits : mapping of int to float
        RE2020 Ic_construction thresholds [kgCO2e/m² SHAB] by first year.
    study_period_years : int
        N [years], between 1 and 100: operation counts years 1..N.
    start_year : int
        Calendar year [year] of study year 0.
    permit_lead_years : int
        Years between the permit and the works [years], when a stock gives no permit year.
    boundaries : mapping, optional
        Conventions at the edges of the balance (:class:`qsp_lib.ghg.schema.Boundaries`
        dumped); missing keys take :data:`~qsp_lib.ghg.model.compiled.DEFAULT_BOUNDARIES`.

    Returns
    -------
    GhgModel

    References
    ----------
    .. [1] NF EN 15978 (2012). Contribution des ouvrages de construction au développement
       durable - Évaluation de la performance environnementale des bâtiments (life-cycle
       modules A1-A5, B4, C1-C4).
    .. [2] Arrêté du 4 août 2021 (RE2020), annexes I and II (thresholds, dynamic LCA).
    .. [3] ADEME, Impact CO2 (2023): transport factors, cars per vehicle-km.
    .. [4] ADEME, outil ALDO (2018): soil carbon flux = (stock before - stock after) x 44/12.
    .. [5] Nowak, D. J. et al. (2013), see
       :func:`~qsp_lib.ghg.model.vegetation._tree_annual_per_m2`.
    """
    c = _compilation(
        options, factors, re2020_limits, study_period_years, start_year, permit_lead_years
    )
    c.boundaries = with_defaults(boundaries)
    c.dynamic = np.asarray(dynamic_weights, dtype=float)[: c.n + 1]
    if c.boundaries["dynamic_anchor"] == "delivery_year":
        c.anchor_coef = np.zeros_like(c.coef)
        c.anchor_energy = np.zeros_like(c.energy)
    for i, opt in enumerate(options):
        _add_option(c, i, opt)
    return GhgModel(
        options=[o["name"] for o in options],
        years=c.years,
        start_year=int(start_year),
        factor_keys=list(c.kidx),
        factors=factors,
        coef=c.coef,
        energy_kwh=c.energy,
        canopy_m2=c.canopy,
        planting_year=c.planting,
        dwellings=c.dwellings,
        residents=c.residents,
        dynamic=c.dynamic,
        new_build=c.new_build,
        works_calendar_years=sorted(c.works_years) or [int(start_year)],
        trajectory_shapes={
            carrier: str(factors.at[f"{_TRAJ}{carrier}_target", "shape"])
            for carrier in CARRIERS
            if f"{_TRAJ}{carrier}_target" in factors.index
        },
        anchor_coef=c.anchor_coef,
        anchor_energy=c.anchor_energy,
        boundaries=c.boundaries,
    )


def _compilation(
    options, fdf, re2020_limits, study_period_years, start_year, permit_lead_years
) -> Compilation:
    """Empty arrays and the constants of the compilation, read from the factor table."""
    n = int(study_period_years)
    keys = [k for k in fdf.index if k not in _NOT_LINEAR and not k.startswith(_TRAJ)]
    keys = [k for k in keys if not k.startswith("carrier_")]
    return Compilation(
        n=n,
        start_year=start_year,
        permit_lead_years=permit_lead_years,
        re2020_limits=re2020_limits,
        kidx={k: i for i, k in enumerate(keys)},
        soil_years=max(1, int(round(float(fdf.at[_SOIL_YEARS, "value"])))),
        shares={k: float(fdf.at[k, "value"]) for k in _SHARES},
        replacement_years=int(round(float(fdf.at[_REPLACEMENT_YEAR, "value"]))),
        static_ratio=static_equivalent_ratio(fdf),
        new_fixed=bool(fdf.at["embodied_new", "overridden"]),
        **Compilation.empty(len(options), n, len(keys)),
    )


def _add_option(c: Compilation, i: int, opt: Mapping) -> None:
    """Stocks, outdoor works, mobility and vegetation of option ``i``; its dwellings and
    residents (given, else from the stocks and the mobility)."""
    for stock in opt["stocks"]:
        add_stock(c, i, opt["name"], stock)
    if opt.get("rehoused"):
        add_rehoused(c, i, opt["stocks"], opt["rehoused"])
    if opt.get("outdoor"):
        add_outdoor(c, i, opt["outdoor"])
    residents = add_mobility(c, i, opt["mobility"]) if opt.get("mobility") else float("nan")
    if opt.get("vegetation"):
        add_vegetation(c, i, opt["vegetation"])
    from_stocks = stock_dwellings(opt["stocks"])
    if opt.get("dwellings") is not None:
        c.dwellings[i] = float(opt["dwellings"])
    elif from_stocks is not None:
        c.dwellings[i] = from_stocks
    given = opt.get("residents")
    c.residents[i] = float(given) if given is not None else residents
