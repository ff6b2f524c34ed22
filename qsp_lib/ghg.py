"""Life-cycle greenhouse-gas emissions of planning options (static and RE2020-dynamic).

An *option* is a plain mapping (what the parameter schema dumps)::

    {"name": "Programme NPNRU signé",
     "dwellings": 1900, "residents": 4900,            # optional, for ratios
     "stocks": [{"label": "Barres démolies", "floor_area_m2": 45760,
                 "works": "demolition",                 # demolition|rehabilitation|new|unchanged
                 "energy_kwh_per_m2_year": 0, "carrier": None,
                 "works_year": 0,                       # optional phasing
                 "energy_before_kwh_per_m2_year": 0,    # operation before the works (phasing)
                 "carrier_before": None, "dwellings": 704}, ...],
     "outdoor": {"public_space_m2": 60000, "berm_earthworks_m3": 240000, "works_year": 0},
     "mobility": {"residents": 4900, "km_per_person_per_day": 24,
                  "modal_shares_now": {"car_thermal": 0.6, ...},
                  "modal_shares_target": {...}, "target_year": 2035},
     "vegetation": {"canopy_m2": 20000, "desealed_m2": 10000, "planting_year": 0}}

Stages (:data:`STAGES`): ``works`` (embodied carbon of new construction and rehabilitation
over the whole life cycle of the components, as RE2020's Ic_construction, plus demolition
and outdoor works; counted in the works year, 0 by default), ``operation_energy`` (years
after the works up to the study period), ``mobility`` (years 1..N) and ``vegetation_soil``
(storage, negative).

Every emission is linear in the reference factors except the tree storage cap, so an option
compiles into a coefficient tensor ``coef[option, stage, year, factor]`` (tCO2e per factor
unit). Totals for thousands of factor draws are then one matrix product: Monte Carlo with
common random numbers (one draw of the factors applies to every option) is vectorised.

Factors, their ranges and sources live in ``qsp_lib/data/ghg_factors.csv``; the RE2020
dynamic weights in ``re2020_dynamic_weights.csv``; limits and benchmarks in
``ghg_benchmarks.csv``; the carbon value in ``carbon_values.csv``. This module reads none of
them: :mod:`qsp_lib.reference` loads them and the tables are passed in. Parameters are
validated by :mod:`qsp_lib.schemas.ghg_planning_options` before they reach this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

STAGES = ("works", "operation_energy", "mobility", "vegetation_soil")
CARRIERS = ("gas", "fuel_oil", "wood", "electricity", "district_heating")
MODES = (
    "car_thermal",
    "car_electric",
    "bus_diesel",
    "bus_electric",
    "tram",
    "metro",
    "ebike",
    "bike",
    "walk",
)
WEIGHTINGS = ("static", "dynamic")
DAYS_PER_YEAR = 365.0

#: Override groups accepted in ``factors`` (parameter name -> {name: reference key}).
OVERRIDE_GROUPS: dict[str, dict[str, str]] = {
    "embodied_kg_co2e_per_m2": {
        w: f"embodied_{w}" for w in ("new", "rehabilitation", "demolition")
    },
    "carrier_kg_co2e_per_kwh": {c: f"carrier_{c}" for c in CARRIERS},
    "mobility_kg_co2e_per_passenger_km": {m: f"mobility_{m}" for m in MODES},
    "outdoor": {
        "public_space_kg_co2e_per_m2": "outdoor_public_space",
        "earthworks_kg_co2e_per_m3": "outdoor_earthworks",
    },
    "vegetation": {
        "tree_sequestration_kg_co2e_per_m2_year": "vegetation_tree_sequestration",
        "tree_storage_kg_co2e_per_m2": "vegetation_tree_storage",
        "soil_desealing_kg_co2e_per_m2": "vegetation_soil_desealing",
    },
}

# Factors handled outside the linear tensor.
_TREE_SEQ = "vegetation_tree_sequestration"
_TREE_STORE = "vegetation_tree_storage"
_SOIL_YEARS = "vegetation_soil_transition_years"


# --------------------------------------------------------------------------- time weighting
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
        :func:`qsp_lib.reference.re2020_dynamic_weights` (columns ``t_years``, ``value``).
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


# --------------------------------------------------------------------------- factors
def flatten_overrides(factors: Mapping | None) -> dict[str, float]:
    """Turn the ``factors`` parameter (group -> name -> value) into reference keys.

    Parameters
    ----------
    factors : mapping, optional
        For instance ``{"carrier_kg_co2e_per_kwh": {"gas": 0.2}}`` (validated by the schema).
        ``None`` values are ignored (not overridden).

    Returns
    -------
    dict of str to float
        ``{"carrier_gas": 0.2}``.
    """
    out: dict[str, float] = {}
    for group, entries in (factors or {}).items():
        for name, val in (entries or {}).items():
            if val is not None:
                out[OVERRIDE_GROUPS[group][name]] = float(val)
    return out


def apply_overrides(table, factors: Mapping | None = None):
    """Reference factors with the parameter overrides applied.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`qsp_lib.reference.ghg_factors`, indexed by key.
    factors : mapping, optional
        The ``factors`` parameter (see :func:`flatten_overrides`).

    Returns
    -------
    pandas.DataFrame
        A copy indexed by key: ``label, value, unit, low, high, source, year, assumption`` and
        ``overridden``. An overridden factor is fixed: ``low = value = high``.
    """
    df = table.copy()
    df["overridden"] = False
    for key, v in flatten_overrides(factors).items():
        df.loc[key, ["value", "low", "high"]] = v
        df.loc[key, "overridden"] = True
    return df


# --------------------------------------------------------------------------- trajectories
def linear_ratio(calendar_years, start_year: int, target_year: int, target_ratio: float):
    """Multiplier going linearly from 1 at ``start_year`` to ``target_ratio`` at ``target_year``.

    Constant before the start and after the target year.

    Parameters
    ----------
    calendar_years : array_like
        Calendar years [year].
    start_year, target_year : int
        Calendar years [year] where the multiplier is 1 and ``target_ratio``.
    target_ratio : float
        Multiplier reached at the target year [-].

    Returns
    -------
    numpy.ndarray
        Multiplier [-] for each calendar year.
    """
    y = np.asarray(calendar_years, dtype=float)
    if target_year <= start_year:
        return np.where(y >= target_year, target_ratio, 1.0) * np.ones_like(y)
    frac = np.clip((y - start_year) / (target_year - start_year), 0.0, 1.0)
    return 1.0 + (target_ratio - 1.0) * frac


def carrier_ratios(
    years, start_year: int, trajectories: Mapping | None, factors_df
) -> dict[str, np.ndarray]:
    """Decarbonisation multipliers per carrier for years 0..N.

    Parameters
    ----------
    years : array_like of int
        Study years [years] (0 = works).
    start_year : int
        Calendar year [year] of study year 0 (the trajectory starts from the reference factor
        then).
    trajectories : mapping, optional
        ``{carrier: {"target_year": 2032, "target_kg_co2e_per_kwh": 0.03, "shape": "linear"}}``;
        ``shape`` is ``linear`` or ``step`` (the target value from the target year).
    factors_df : pandas.DataFrame
        From :func:`apply_overrides`; the central value is the starting point.

    Returns
    -------
    dict of str to numpy.ndarray
        Multiplier [-] of the carrier factor in each study year (ones without a trajectory).
        A Monte Carlo draw of the factor scales the whole trajectory.
    """
    cal = start_year + np.asarray(years, dtype=float)
    out = {c: np.ones_like(cal) for c in CARRIERS}
    for carrier, traj in (trajectories or {}).items():
        if traj is None:
            continue
        base = float(factors_df.at[f"carrier_{carrier}", "value"])
        target = float(traj["target_kg_co2e_per_kwh"])
        ratio = target / base if base > 0 else 1.0
        if (traj.get("shape") or "linear") == "linear":
            out[carrier] = linear_ratio(cal, start_year, int(traj["target_year"]), ratio)
        else:
            out[carrier] = np.where(cal >= int(traj["target_year"]), ratio, 1.0)
    return out


# --------------------------------------------------------------------------- model
@dataclass
class GhgModel:
    """An option set compiled into linear coefficients (see module docstring).

    Attributes
    ----------
    options : list of str
        Option names, in input order.
    years : numpy.ndarray
        Study years 0..N.
    start_year : int
        Calendar year of study year 0.
    factor_keys : list of str
        Column order of the factor axis.
    factors : pandas.DataFrame
        :func:`apply_overrides` output (value, low, high, overridden, sources).
    coef : numpy.ndarray
        Shape (options, stages, years, factors): tCO2e per unit of factor.
    canopy_m2 : numpy.ndarray
        New tree canopy per option [m²] (non-linear storage part).
    planting_year : numpy.ndarray
        Study year the canopy is planted, per option.
    dwellings, residents : numpy.ndarray
        Per option (NaN when unknown).
    new_floor_area_m2 : numpy.ndarray
        New construction floor area per option [m²].
    dynamic : numpy.ndarray
        RE2020 dynamic weight of each study year [-].
    new_works_calendar_years : list of list of int
        Calendar years of the new-construction works, per option.
    """

    options: list[str]
    years: np.ndarray
    start_year: int
    factor_keys: list[str]
    factors: object
    coef: np.ndarray
    canopy_m2: np.ndarray
    planting_year: np.ndarray
    dwellings: np.ndarray
    residents: np.ndarray
    new_floor_area_m2: np.ndarray
    dynamic: np.ndarray
    new_works_calendar_years: list = field(default_factory=list)

    @property
    def study_period_years(self) -> int:
        return int(self.years[-1])

    def central_values(self) -> np.ndarray:
        return np.array(self.factors.loc[self.factor_keys, "value"], dtype=float)

    def weights(self, weighting: str) -> np.ndarray:
        """Weights of years 0..N: ones for ``static``, RE2020 coefficients for ``dynamic``."""
        return np.ones(len(self.years)) if weighting == "static" else self.dynamic


def _shares(shares: Mapping) -> np.ndarray:
    vec = np.array([float((shares or {}).get(m, 0.0) or 0.0) for m in MODES])
    # the schema accepts a sum within 1 % of 1: normalise so that shares weigh exactly 1
    return vec / vec.sum()


def build_model(
    options: Sequence[Mapping],
    factors,
    dynamic_weights,
    study_period_years: int = 50,
    start_year: int = 2025,
    trajectories: Mapping | None = None,
) -> GhgModel:
    """Compile planning options into a :class:`GhgModel`.

    Parameters
    ----------
    options : sequence of mapping
        Options as described in the module docstring (validated by the parameter schema).
    factors : pandas.DataFrame
        Factor table from :func:`apply_overrides`.
    dynamic_weights : array_like
        RE2020 weight [-] of study years 0..N (:func:`dynamic_weights`).
    study_period_years : int
        N [years], between 1 and 100: operation counts years 1..N.
    start_year : int
        Calendar year [year] of study year 0 (for trajectories, modal-share targets, RE2020
        limits and the carbon value).
    trajectories : mapping, optional
        Carrier decarbonisation, see :func:`carrier_ratios`.

    Returns
    -------
    GhgModel
    """
    n = int(study_period_years)
    fdf = factors
    keys = [k for k in fdf.index if k not in (_TREE_SEQ, _TREE_STORE, _SOIL_YEARS)]
    kidx = {k: i for i, k in enumerate(keys)}
    years = np.arange(n + 1)
    ratios = carrier_ratios(years, start_year, trajectories, fdf)
    soil_years = max(1, int(round(float(fdf.at[_SOIL_YEARS, "value"]))))

    n_opt = len(options)
    coef = np.zeros((n_opt, len(STAGES), n + 1, len(keys)))
    s_works, s_energy, s_mob, s_veg = range(4)
    canopy = np.zeros(n_opt)
    planting = np.zeros(n_opt, dtype=int)
    dwellings = np.full(n_opt, np.nan)
    residents = np.full(n_opt, np.nan)
    new_area = np.zeros(n_opt)
    new_years: list[list[int]] = []
    kg_to_t = 1e-3

    for i, opt in enumerate(options):
        stock_dwellings = 0.0
        has_stock_dwellings = False
        nyears: list[int] = []
        for st in opt["stocks"]:
            works = st["works"]
            area = float(st["floor_area_m2"])
            wy = int(st.get("works_year") or 0)
            kwh = float(st.get("energy_kwh_per_m2_year") or 0)
            kwh_before = float(st.get("energy_before_kwh_per_m2_year") or 0)
            carrier = st.get("carrier")
            carrier_before = st.get("carrier_before") or carrier
            if st.get("dwellings") is not None:
                has_stock_dwellings = True
                if works != "demolition":
                    stock_dwellings += float(st["dwellings"])
            # works (embodied over the components' life cycle, counted once)
            if works in ("new", "rehabilitation", "demolition"):
                coef[i, s_works, wy, kidx[f"embodied_{works}"]] += area * kg_to_t
            if works == "new":
                new_area[i] += area
                nyears.append(start_year + wy)
            # operation: before the works (phasing), then after
            if kwh_before > 0 and wy > 0:
                k = kidx[f"carrier_{carrier_before}"]
                sl = slice(1, wy + 1)
                coef[i, s_energy, sl, k] += area * kwh_before * ratios[carrier_before][sl] * kg_to_t
            if kwh > 0 and wy < n:
                k = kidx[f"carrier_{carrier}"]
                sl = slice(wy + 1, n + 1)
                coef[i, s_energy, sl, k] += area * kwh * ratios[carrier][sl] * kg_to_t
        new_years.append(nyears)

        out = opt.get("outdoor") or None
        if out:
            wy = int(out.get("works_year") or 0)
            ps = float(out.get("public_space_m2") or 0)
            bm = float(out.get("berm_earthworks_m3") or 0)
            coef[i, s_works, wy, kidx["outdoor_public_space"]] += ps * kg_to_t
            coef[i, s_works, wy, kidx["outdoor_earthworks"]] += bm * kg_to_t

        mob = opt.get("mobility") or None
        res_mob = float("nan")
        if mob:
            res_mob = float(mob["residents"])
            km = float(mob["km_per_person_per_day"])
            now = _shares(mob["modal_shares_now"])
            tgt_raw = mob.get("modal_shares_target")
            tgt = _shares(tgt_raw) if tgt_raw else now
            ty = int(mob.get("target_year") or start_year)
            frac = linear_ratio(start_year + years, start_year, ty, 0.0)  # 1 -> 0
            shares = frac[:, None] * now + (1.0 - frac[:, None]) * tgt  # (T, modes)
            pkm = res_mob * km * DAYS_PER_YEAR
            for m_i, mode in enumerate(MODES):
                coef[i, s_mob, 1:, kidx[f"mobility_{mode}"]] += pkm * shares[1:, m_i] * kg_to_t

        veg = opt.get("vegetation") or None
        if veg:
            canopy[i] = float(veg.get("canopy_m2") or 0)
            py = int(veg.get("planting_year") or 0)
            planting[i] = py
            des = float(veg.get("desealed_m2") or 0)
            # soil storage spread evenly over the transition period after de-sealing
            sl = slice(py + 1, min(n, py + soil_years) + 1)
            coef[i, s_veg, sl, kidx["vegetation_soil_desealing"]] -= des / soil_years * kg_to_t

        if opt.get("dwellings") is not None:
            dwellings[i] = float(opt["dwellings"])
        elif has_stock_dwellings:
            dwellings[i] = stock_dwellings
        if opt.get("residents") is not None:
            residents[i] = float(opt["residents"])
        else:
            residents[i] = res_mob

    return GhgModel(
        options=[o["name"] for o in options],
        years=years,
        start_year=int(start_year),
        factor_keys=keys,
        factors=fdf,
        coef=coef,
        canopy_m2=canopy,
        planting_year=planting,
        dwellings=dwellings,
        residents=residents,
        new_floor_area_m2=new_area,
        dynamic=np.asarray(dynamic_weights, dtype=float)[: n + 1],
        new_works_calendar_years=new_years,
    )


# --------------------------------------------------------------------------- evaluation
def _tree_annual_per_m2(model: GhgModel, seq, store, planting_year: int):
    """Yearly storage per m² of canopy (positive), shape (draws, years).

    Cumulative storage ``min(seq * (t - planting), store)``: trees sequester at the annual
    rate until they hold the storage density of a mature canopy.
    """
    seq = np.atleast_1d(np.asarray(seq, dtype=float))[:, None]
    store = np.atleast_1d(np.asarray(store, dtype=float))[:, None]
    age = np.clip(model.years - planting_year, 0, None)[None, :]
    cum = np.minimum(seq * age, store)
    annual = np.diff(cum, axis=1, prepend=0.0)
    return annual


def _values_vector(model: GhgModel, values: Mapping[str, float] | None) -> np.ndarray:
    x = model.central_values()
    for k, v in (values or {}).items():
        if k in (_TREE_SEQ, _TREE_STORE, _SOIL_YEARS):
            continue
        if k not in model.factor_keys:
            raise KeyError(f"unknown factor {k!r}")
        x[model.factor_keys.index(k)] = float(v)
    return x


def _tree_values(model: GhgModel, values: Mapping[str, float] | None):
    seq = float(model.factors.at[_TREE_SEQ, "value"])
    store = float(model.factors.at[_TREE_STORE, "value"])
    values = values or {}
    return float(values.get(_TREE_SEQ, seq)), float(values.get(_TREE_STORE, store))


def profile_array(model: GhgModel, values: Mapping[str, float] | None = None) -> np.ndarray:
    """Yearly emissions in tCO2e, shape (options, stages, years), for one set of factors.

    Parameters
    ----------
    model : GhgModel
    values : mapping of str to float, optional
        Factor values replacing the central ones (keys of ``ghg_factors.csv``).
    """
    x = _values_vector(model, values)
    prof = model.coef @ x
    seq, store = _tree_values(model, values)
    s_veg = STAGES.index("vegetation_soil")
    for i in range(len(model.options)):
        if model.canopy_m2[i] > 0:
            annual = _tree_annual_per_m2(model, seq, store, int(model.planting_year[i]))[0]
            prof[i, s_veg] -= model.canopy_m2[i] * annual * 1e-3
    return prof


def totals(model: GhgModel, values: Mapping[str, float] | None = None):
    """Totals over the study period by option and stage, static and dynamic.

    Returns
    -------
    pandas.DataFrame
        ``option, stage, static_t_co2e, dynamic_t_co2e`` (the ``ghg_totals`` scrap), options in
        input order, stages in :data:`STAGES` order.
    """
    import pandas as pd

    prof = profile_array(model, values)
    w = model.dynamic
    rows = []
    for i, name in enumerate(model.options):
        for s, stage in enumerate(STAGES):
            rows.append(
                {
                    "option": name,
                    "stage": stage,
                    "static_t_co2e": float(prof[i, s].sum()),
                    "dynamic_t_co2e": float((prof[i, s] * w).sum()),
                }
            )
    return pd.DataFrame(rows)


def option_totals(totals_df, weighting: str = "static") -> dict[str, float]:
    """Total per option (sum of the stages) for one weighting, in input order.

    Parameters
    ----------
    totals_df : pandas.DataFrame
        From :func:`totals`.
    weighting : {"static", "dynamic"}

    Returns
    -------
    dict of str to float
        Option -> total [tCO2e].
    """
    col = f"{weighting}_t_co2e"
    s = totals_df.groupby("option", sort=False)[col].sum()
    return {k: float(v) for k, v in s.items()}


def cumulative(model: GhgModel, weighting: str = "static", values=None):
    """Cumulative emissions (tCO2e) at the end of each study year, one column per option.

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (0..N), columns = option names.
    """
    import pandas as pd

    prof = profile_array(model, values).sum(axis=1)  # (options, years)
    w = model.weights(weighting)
    cum = np.cumsum(prof * w, axis=1)
    return pd.DataFrame(cum.T, index=pd.Index(model.years, name="year"), columns=model.options)


def payback_years(cumulative_df, reference_option: str) -> dict[str, int | None]:
    """Carbon payback of each option against a reference (the rehabilitation-led option).

    The payback of option X is the first study year t from which X's cumulative emissions stay
    at or below the reference's until the end of the period: the year the cumulative curves
    cross. 0 when X is never above the reference (including the reference itself); ``None``
    when X is still above at the end of the period ("none within the period").

    Parameters
    ----------
    cumulative_df : pandas.DataFrame
        From :func:`cumulative`.
    reference_option : str
        Column name of the reference option.

    Returns
    -------
    dict of str to int or None
    """
    ref = cumulative_df[reference_option].to_numpy()
    years = cumulative_df.index.to_numpy()
    out: dict[str, int | None] = {}
    tol = 1e-9 * max(1.0, float(np.abs(ref).max()))
    for name in cumulative_df.columns:
        above = cumulative_df[name].to_numpy() > ref + tol
        if not above.any():
            out[name] = 0
        elif above[-1]:
            out[name] = None
        else:
            last_above = int(np.nonzero(above)[0][-1])
            out[name] = int(years[last_above + 1])
    return out


def default_payback_reference(model: GhgModel) -> str:
    """Option with the lowest works emissions (central): the rehabilitation-led one."""
    prof = profile_array(model)
    works = prof[:, STAGES.index("works")].sum(axis=1)
    return model.options[int(np.argmin(works))]


# --------------------------------------------------------------------------- indicators
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


def re2020_limit_kg_co2e_per_m2(benchmarks, calendar_year: int) -> float:
    """RE2020 Ic_construction limit for collective housing applying in a calendar year.

    Parameters
    ----------
    benchmarks : pandas.DataFrame
        :func:`qsp_lib.reference.ghg_benchmarks` (rows ``re2020_ic_construction_<year>`` with
        ``from_year``).
    calendar_year : int
        Year of the building permit [year]; before 2022 the 2022 limit is returned (RE2020
        did not apply earlier).

    Returns
    -------
    float
        Limit [kgCO2e/m² SHAB].

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe I: Ic_construction_maxmoyen of collective
       housing, 740 (2022-2024), 650 (2025-2027), 580 (2028-2030), 490 (from 2031).
    """
    lim = benchmarks[benchmarks["key"].str.startswith("re2020_ic_construction_")].copy()
    lim["from_year"] = lim["from_year"].astype(int)
    lim = lim.sort_values("from_year")
    applicable = lim[lim["from_year"] <= int(calendar_year)]
    row = applicable.iloc[-1] if len(applicable) else lim.iloc[0]
    return float(row["value"])


def re2020_check(model: GhgModel, benchmarks):
    """New construction's embodied factor against the RE2020 Ic_construction limits.

    The factor used [kgCO2e/m²] is compared with the limit of the year of the works and with
    every later limit.

    Parameters
    ----------
    model : GhgModel
    benchmarks : pandas.DataFrame
        :func:`qsp_lib.reference.ghg_benchmarks`.

    Returns
    -------
    pandas.DataFrame
        One row per option with new construction: ``option, new_floor_area_m2,
        works_calendar_year, embodied_kg_co2e_per_m2, limit_kg_co2e_per_m2, meets_limit`` and
        ``meets_<year>`` for each limit period.

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe I.
    """
    import pandas as pd

    lim = benchmarks[benchmarks["key"].str.startswith("re2020_ic_construction_")]
    factor = float(model.factors.at["embodied_new", "value"])
    rows = []
    for i, name in enumerate(model.options):
        if model.new_floor_area_m2[i] <= 0:
            continue
        year = max(model.new_works_calendar_years[i])
        limit = re2020_limit_kg_co2e_per_m2(benchmarks, year)
        row = {
            "option": name,
            "new_floor_area_m2": float(model.new_floor_area_m2[i]),
            "works_calendar_year": int(year),
            "embodied_kg_co2e_per_m2": factor,
            "limit_kg_co2e_per_m2": limit,
            "meets_limit": factor <= limit,
        }
        for _, r in lim.iterrows():
            row[f"meets_{int(r['from_year'])}"] = factor <= float(r["value"])
        rows.append(row)
    return pd.DataFrame(rows)


def carbon_value_eur_per_t(calendar_years, points: Mapping[int, float]):
    """French carbon value ("valeur de l'action pour le climat") by calendar year.

    Linear interpolation between the points, constant before the first and after the last.

    Parameters
    ----------
    calendar_years : array_like of int
        Calendar years [year].
    points : mapping of int to float
        Year -> value [€2018/tCO2e] (the parameter, or
        :func:`qsp_lib.reference.carbon_value_points`).

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
) -> dict[str, float]:
    """Monetised emissions per option: sum over years of tCO2e x carbon value.

    Uses the static yearly profile (the carbon value already prices the timing); discounted
    to year 0 at ``discount_rate`` (0 by default: undiscounted).

    Parameters
    ----------
    model : GhgModel
    carbon_values : mapping of int to float
        Year -> carbon value [€2018/tCO2e], see :func:`carbon_value_eur_per_t`.
    discount_rate : float
        Yearly discount rate [-].
    values : mapping of str to float, optional
        Factor values replacing the central ones.

    Returns
    -------
    dict of str to float
        Option -> value [€2018].

    References
    ----------
    .. [1] Quinet, A. (2019), see :func:`carbon_value_eur_per_t`.
    """
    prof = profile_array(model, values).sum(axis=1)
    cv = carbon_value_eur_per_t(model.start_year + model.years, carbon_values)
    disc = (1.0 + float(discount_rate)) ** -model.years.astype(float)
    money = prof @ (cv * disc)
    return {name: float(v) for name, v in zip(model.options, money, strict=True)}


# --------------------------------------------------------------------------- uncertainty
def _evaluate_totals(model: GhgModel, x, seq, store, weights) -> np.ndarray:
    """Totals (draws, options) for factor rows ``x`` (draws, factors) and tree draws."""
    a = np.einsum("ostk,t->ok", model.coef, weights)  # (options, factors)
    tot = x @ a.T
    for i in range(len(model.options)):
        if model.canopy_m2[i] > 0:
            annual = _tree_annual_per_m2(model, seq, store, int(model.planting_year[i]))
            tot[:, i] -= model.canopy_m2[i] * 1e-3 * (annual @ weights)
    return tot


def sample_factors(model: GhgModel, draws: int, seed: int | None, distribution: str = "pert"):
    """Draw every uncertain factor (low < high) from its low/central/high range.

    Parameters
    ----------
    model : GhgModel
    draws : int
    seed : int or None
    distribution : {"pert", "triangular"}
        PERT is a Beta on [low, high] with mode = central (shape 4); triangular uses the same
        three points.

    Returns
    -------
    dict of str to numpy.ndarray
        Key -> array of shape (draws,). Fixed factors (no range, or overridden) are constant.
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
    blurred by independent noise.

    Returns
    -------
    dict
        ``static`` and ``dynamic``: arrays (draws, options) of totals in tCO2e; ``samples``:
        the factor draws (key -> array).
    """
    smp = sample_factors(model, int(draws), seed, distribution)
    x = np.column_stack([smp[k] for k in model.factor_keys])
    out = {"samples": smp}
    for weighting in WEIGHTINGS:
        w = model.weights(weighting)
        out[weighting] = _evaluate_totals(model, x, smp[_TREE_SEQ], smp[_TREE_STORE], w)
    return out


def summarise_monte_carlo(model: GhgModel, mc_totals: np.ndarray):
    """P5 / P50 / P95 per option and the probability that each option is the lowest.

    Parameters
    ----------
    model : GhgModel
    mc_totals : numpy.ndarray
        (draws, options), one weighting of :func:`monte_carlo`.

    Returns
    -------
    pandas.DataFrame
        ``option, p05_t_co2e, p50_t_co2e, p95_t_co2e, mean_t_co2e, prob_best``.
    """
    import pandas as pd

    q = np.percentile(mc_totals, [5, 50, 95], axis=0)
    best = np.argmin(mc_totals, axis=1)
    prob = np.bincount(best, minlength=len(model.options)) / mc_totals.shape[0]
    return pd.DataFrame(
        {
            "option": model.options,
            "p05_t_co2e": q[0],
            "p50_t_co2e": q[1],
            "p95_t_co2e": q[2],
            "mean_t_co2e": mc_totals.mean(axis=0),
            "prob_best": prob,
        }
    )


def tornado(model: GhgModel, weighting: str = "static"):
    """One-at-a-time sensitivity: each uncertain factor at its low then high value.

    Returns
    -------
    pandas.DataFrame
        ``factor, label, option, central_t_co2e, low_t_co2e, high_t_co2e, swing_t_co2e``
        (``low``/``high`` = total with the factor at its low/high value; swing = |high - low|),
        sorted by decreasing swing within each option.
    """
    import pandas as pd

    w = model.weights(weighting)
    f = model.factors
    varying = [k for k in f.index if f.at[k, "high"] > f.at[k, "low"]]
    central = {k: float(f.at[k, "value"]) for k in f.index}
    rows_x, rows_seq, rows_store = [], [], []
    for k in varying:
        for bound in ("low", "high"):
            vals = dict(central)
            vals[k] = float(f.at[k, bound])
            rows_x.append([vals[c] for c in model.factor_keys])
            rows_seq.append(vals[_TREE_SEQ])
            rows_store.append(vals[_TREE_STORE])
    x0 = np.array([[central[c] for c in model.factor_keys]])
    base = _evaluate_totals(model, x0, [central[_TREE_SEQ]], [central[_TREE_STORE]], w)[0]
    if not varying:
        return pd.DataFrame(
            columns=[
                "factor",
                "label",
                "option",
                "central_t_co2e",
                "low_t_co2e",
                "high_t_co2e",
                "swing_t_co2e",
            ]
        )
    tot = _evaluate_totals(model, np.array(rows_x), rows_seq, rows_store, w)
    rows = []
    for j, k in enumerate(varying):
        for i, name in enumerate(model.options):
            lo, hi = tot[2 * j, i], tot[2 * j + 1, i]
            rows.append(
                {
                    "factor": k,
                    "label": f.at[k, "label"],
                    "option": name,
                    "central_t_co2e": float(base[i]),
                    "low_t_co2e": float(lo),
                    "high_t_co2e": float(hi),
                    "swing_t_co2e": float(abs(hi - lo)),
                }
            )
    df = pd.DataFrame(rows)
    order = {n: i for i, n in enumerate(model.options)}
    df["_o"] = df["option"].map(order)
    df = df.sort_values(["_o", "swing_t_co2e"], ascending=[True, False]).drop(columns="_o")
    return df.reset_index(drop=True)


def ranking_drivers(model: GhgModel, weighting: str = "static", mc_totals=None, samples=None):
    """Which inputs decide the ranking of the two lowest options.

    For the gap ``second - best`` (central totals), each factor's low and high values are
    tried one at a time; a factor *decides* the ranking when one of its bounds makes the gap
    change sign. With Monte Carlo draws, the rank correlation between each factor and the gap
    is added.

    Returns
    -------
    pandas.DataFrame
        ``factor, label, best, second, gap_central_t_co2e, gap_low_t_co2e, gap_high_t_co2e,
        swing_t_co2e, flips_ranking`` and, with draws, ``rank_correlation``; sorted by swing.
    """
    import pandas as pd

    tor = tornado(model, weighting)
    cen = tor.groupby("option", sort=False)["central_t_co2e"].first()
    if len(model.options) < 2 or tor.empty:
        return pd.DataFrame()
    order = cen.reindex(model.options).sort_values()
    best, second = order.index[0], order.index[1]
    a = tor[tor["option"] == best].set_index("factor")
    b = tor[tor["option"] == second].set_index("factor").reindex(a.index)
    gap_c = float(order.iloc[1] - order.iloc[0])
    df = pd.DataFrame(
        {
            "factor": a.index,
            "label": a["label"].to_numpy(),
            "best": best,
            "second": second,
            "gap_central_t_co2e": gap_c,
            "gap_low_t_co2e": (b["low_t_co2e"] - a["low_t_co2e"]).to_numpy(),
            "gap_high_t_co2e": (b["high_t_co2e"] - a["high_t_co2e"]).to_numpy(),
        }
    )
    df["swing_t_co2e"] = (df["gap_high_t_co2e"] - df["gap_low_t_co2e"]).abs()
    df["flips_ranking"] = (df[["gap_low_t_co2e", "gap_high_t_co2e"]].min(axis=1) < 0).to_numpy()
    if mc_totals is not None and samples is not None:
        ib, is_ = model.options.index(best), model.options.index(second)
        gap = mc_totals[:, is_] - mc_totals[:, ib]
        rg = _rank(gap)
        corr = []
        for k in df["factor"]:
            s = samples[k]
            corr.append(float(np.corrcoef(_rank(s), rg)[0, 1]) if np.ptp(s) > 0 else 0.0)
        df["rank_correlation"] = corr
    return df.sort_values("swing_t_co2e", ascending=False).reset_index(drop=True)


def _rank(a):
    a = np.asarray(a)
    r = np.empty(len(a))
    r[np.argsort(a, kind="stable")] = np.arange(len(a))
    return r


# --------------------------------------------------------------------------- brief data
def ranking(option_totals_: Mapping[str, float]) -> list[str]:
    """Option names from the lowest to the highest total (ties keep the input order)."""
    return sorted(option_totals_, key=lambda name: option_totals_[name])


def comparison(option_totals_: Mapping[str, float], reference_option: str) -> dict:
    """Gaps between options for the headline: best, second, worst and their distances.

    Parameters
    ----------
    option_totals_ : mapping of str to float
        Option -> total [tCO2e] (the leading weighting).
    reference_option : str
        The option the paybacks are measured against.

    Returns
    -------
    dict
        ``best, second, worst`` (names; ``second`` is the best when there is one option),
        ``gap_second_t_co2e`` and ``gap_worst_t_co2e`` [tCO2e] above the best,
        ``gap_worst_fraction`` [-] of the worst total, ``others`` (options other than the
        reference) and ``highest_other`` (the highest of them, or the best).
    """
    order = ranking(option_totals_)
    best, worst = order[0], order[-1]
    second = order[1] if len(order) > 1 else best
    others = [n for n in option_totals_ if n != reference_option]
    return {
        "best": best,
        "second": second,
        "worst": worst,
        "gap_second_t_co2e": option_totals_[second] - option_totals_[best],
        "gap_worst_t_co2e": option_totals_[worst] - option_totals_[best],
        "gap_worst_fraction": (option_totals_[worst] - option_totals_[best])
        / option_totals_[worst],
        "others": others,
        "highest_other": max(others, key=lambda n: option_totals_[n]) if others else best,
    }


def stage_table(totals_df, weighting: str = "static"):
    """Totals [tCO2e] as a table options (input order) x stages (:data:`STAGES` order)."""
    pivot = totals_df.pivot(index="option", columns="stage", values=f"{weighting}_t_co2e")
    return pivot.reindex(index=list(dict.fromkeys(totals_df["option"])))[list(STAGES)]


def stage_shares(stage_df, option: str) -> dict[str, float]:
    """Share [-] of each stage in an option's gross emissions (storage counted as negative)."""
    row = stage_df.loc[option]
    gross = row.clip(lower=0).sum()
    return {s: float(row[s] / gross) for s in STAGES}


def catch_up(cumulative_df, best: str, worst: str) -> dict:
    """How long ``worst`` would take to make up its year-0 works gap, at its mean yearly pace.

    Parameters
    ----------
    cumulative_df : pandas.DataFrame
        From :func:`cumulative` (index = study years 0..N).
    best, worst : str
        The two options compared; ``worst`` is the one whose works put it above at year 0.

    Returns
    -------
    dict
        ``initial_gap_t_co2e`` [tCO2e] (worst minus best at year 0), ``yearly_saving_t_co2e``
        [tCO2e/yr] (how much less ``worst`` emits per year than ``best`` after year 0, on
        average), ``years`` (gap / saving, NaN unless it closes) and ``case``: ``"closes"``,
        ``"never"`` (``worst`` does not emit less each year) or ``"no_gap"``.
    """
    n = int(cumulative_df.index[-1])
    y0 = cumulative_df.loc[0]
    d0 = float(y0[worst] - y0[best])
    after = cumulative_df.loc[n] - y0
    saving = float((after[best] - after[worst]) / n)
    if d0 <= 0:
        case = "no_gap"
    elif saving > 0:
        case = "closes"
    else:
        case = "never"
    return {
        "initial_gap_t_co2e": d0,
        "yearly_saving_t_co2e": saving,
        "years": d0 / saving if case == "closes" else float("nan"),
        "case": case,
    }


def payback_status(payback: Mapping[str, int | None]) -> dict[str, str]:
    """``"never_above"`` (payback 0), ``"none"`` (not within the period) or ``"years"``."""
    return {
        name: "none" if y is None else ("never_above" if y == 0 else "years")
        for name, y in payback.items()
    }


def ranking_sentence(drivers, n: int = 4) -> dict:
    """What the "ce qui décide du classement" sentence cites.

    Parameters
    ----------
    drivers : pandas.DataFrame
        From :func:`ranking_drivers`.
    n : int
        Number of leading factors to cite.

    Returns
    -------
    dict
        ``top``: up to ``n`` factors that move the gap, each ``{"label", "gap_min_t_co2e",
        "gap_max_t_co2e"}``; ``flips``: labels of the factors whose bound alone reverses the
        ranking.
    """
    if drivers is None or not len(drivers):
        return {"top": [], "flips": []}
    moving = drivers[drivers["swing_t_co2e"] > 1e-6].head(n)
    top = [
        {
            "label": r.label,
            "gap_min_t_co2e": float(min(r.gap_low_t_co2e, r.gap_high_t_co2e)),
            "gap_max_t_co2e": float(max(r.gap_low_t_co2e, r.gap_high_t_co2e)),
        }
        for r in moving.itertuples()
    ]
    return {"top": top, "flips": [str(x) for x in drivers.loc[drivers["flips_ranking"], "label"]]}


def sources_rows(
    model: GhgModel,
    overrides: Mapping[str, float],
    benchmarks,
    weights_table,
    carbon_values,
    carbon_value_points: Mapping[int, float] | None,
    trajectories: Mapping | None,
    monte_carlo: Mapping,
):
    """Rows of the brief's "Hypothèses et sources" from the data tables and the parameters.

    Parameters
    ----------
    model : GhgModel
        Its factor table (with overrides) gives the factor rows.
    overrides : mapping of str to float
        :func:`flatten_overrides` of the ``factors`` parameter.
    benchmarks, weights_table, carbon_values : pandas.DataFrame
        :mod:`qsp_lib.reference` tables (RE2020 limits, dynamic weights, carbon value).
    carbon_value_points : mapping of int to float, optional
        The ``carbon_value_eur_per_t_co2e`` parameter (the table is used when absent).
    trajectories : mapping, optional
        The ``trajectories`` parameter.
    monte_carlo : mapping
        ``{"draws", "distribution", "seed"}`` parameters.

    Returns
    -------
    pandas.DataFrame
        ``item, value, unit, low, high, source, note``; numbers stay numbers (the brief
        formats them).
    """
    import pandas as pd

    from qsp_lib import reference

    def table_rows(df, over=None):
        rows = reference.sources_table(df, overrides=over)
        return rows.rename(columns={"status": "note"}).drop(columns="key").to_dict("records")

    rows = table_rows(model.factors, overrides) + table_rows(benchmarks)
    if carbon_value_points:
        for year, value in sorted(carbon_value_points.items()):
            rows.append(
                {
                    "item": f"Valeur de l'action pour le climat {year}",
                    "value": float(value),
                    "unit": "€2018/tCO2e",
                    "source": "fichier de paramètres (rapport Quinet 2019)",
                    "note": "paramètre",
                }
            )
    else:
        rows += table_rows(carbon_values)
    for carrier, traj in (trajectories or {}).items():
        if traj:
            shape = "linéaire" if (traj.get("shape") or "linear") == "linear" else "palier"
            rows.append(
                {
                    "item": f"Trajectoire {model.factors.at['carrier_' + carrier, 'label']} : "
                    f"valeur cible en {traj['target_year']} ({shape})",
                    "value": float(traj["target_kg_co2e_per_kwh"]),
                    "unit": "kgCO2e/kWh",
                    "source": "fichier de paramètres",
                    "note": "paramètre",
                }
            )
    w = weights_table.set_index("t_years")["value"]
    n = model.study_period_years
    rows.append(
        {
            "item": f"Pondération dynamique f({n}) ; moyenne des années 1 à {n}",
            "value": f"{float(w.get(n, 0.0)):.3f} ; {float(w.loc[1:n].mean()):.3f}".replace(
                ".", ","
            ),
            "unit": "-",
            "source": str(weights_table["source"].iloc[0]),
            "note": "calculé (AR5, Joos 2013)",
        }
    )
    rows.append(
        {
            "item": "Période d'étude ; année 0",
            "value": f"{n} ans ; {model.start_year}",
            "unit": "",
            "source": "RE2020 (50 ans) ; fichier de paramètres",
            "note": "paramètre",
        }
    )
    rows.append(
        {
            "item": "Monte Carlo : tirages, loi, graine",
            "value": f"{monte_carlo['draws']} ; {monte_carlo['distribution']} ; "
            f"{monte_carlo['seed']}",
            "unit": "",
            "source": "fichier de paramètres",
            "note": "paramètre",
        }
    )
    df = pd.DataFrame(rows, columns=["item", "value", "unit", "low", "high", "source", "note"])
    return df.astype(object).where(df.notna(), None)
