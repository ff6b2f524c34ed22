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
``ghg_benchmarks.csv``; the carbon value in ``carbon_values.csv``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from qsp_lib import reference

STAGES = ("works", "operation_energy", "mobility", "vegetation_soil")
STAGE_LABELS_FR = {
    "works": "Travaux (construction, réhabilitation, démolition, extérieurs)",
    "operation_energy": "Énergie d'exploitation",
    "mobility": "Mobilité des habitants",
    "vegetation_soil": "Végétation et sols (stockage)",
}
WORKS = ("demolition", "rehabilitation", "new", "unchanged")
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
        Time horizon H in years (H >= 0).

    Returns
    -------
    numpy.ndarray or float
        ``a0 H + sum_i a_i tau_i (1 - exp(-H / tau_i))`` (Joos et al. 2013 parameters); the
        radiative efficiency is omitted because only ratios are used.
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
        Year of the emission, t = 0 for the initial works.
    horizon_years : float
        Time horizon H (100 years in RE2020).

    Returns
    -------
    numpy.ndarray or float
        The weight, 1 at t = 0, about 0.578 at t = 50.
    """
    t = np.asarray(years, dtype=float)
    w = np.where(t < horizon_years, agwp_co2(np.clip(horizon_years - t, 0, None)), 0.0)
    w = w / agwp_co2(horizon_years)
    return w if w.ndim else float(w)


def dynamic_weights(study_period_years: int):
    """Dynamic weights for years 0..N read from ``re2020_dynamic_weights.csv``.

    Parameters
    ----------
    study_period_years : int
        N, at most 100 (the weights are 0 beyond the 100-year horizon).

    Returns
    -------
    numpy.ndarray
        Shape (N + 1,), weight of an emission in year t.
    """
    df = reference.load_reference("re2020_dynamic_weights")
    table = dict(zip(df["t_years"].astype(int), df["value"], strict=True))
    n = int(study_period_years)
    if n < 1:
        raise ValueError(f"study_period_years must be >= 1, got {n}")
    return np.array([table.get(t, 0.0) for t in range(n + 1)])


def year_weights(study_period_years: int, weighting: str):
    """Weights for years 0..N: ones for ``static``, RE2020 coefficients for ``dynamic``."""
    _check_weighting(weighting)
    if weighting == "static":
        return np.ones(int(study_period_years) + 1)
    return dynamic_weights(study_period_years)


def _check_weighting(weighting: str) -> None:
    if weighting not in WEIGHTINGS:
        raise ValueError(_unknown("weighting", weighting, WEIGHTINGS))


# --------------------------------------------------------------------------- factors
def _unknown(path: str, value, allowed: Sequence[str]) -> str:
    close = difflib.get_close_matches(str(value), list(allowed), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{path}: unknown value {value!r}, expected one of {', '.join(allowed)}{hint}"


def flatten_overrides(factors: Mapping | None) -> dict[str, float]:
    """Turn the ``factors`` parameter (group -> name -> value) into reference keys.

    Parameters
    ----------
    factors : mapping, optional
        For instance ``{"carrier_kg_co2e_per_kwh": {"gas": 0.2}}``. ``None`` values are
        ignored (not overridden).

    Returns
    -------
    dict of str to float
        ``{"carrier_gas": 0.2}``.

    Raises
    ------
    ValueError
        Unknown group (for instance a wrong unit ``carrier_kg_co2e_per_mwh``) or name, or a
        negative or non-finite value; the message names the key path.
    """
    out: dict[str, float] = {}
    for group, entries in (factors or {}).items():
        if group not in OVERRIDE_GROUPS:
            raise ValueError(_unknown(f"factors.{group}", group, list(OVERRIDE_GROUPS)))
        if entries is None:
            continue
        if not isinstance(entries, Mapping):
            raise ValueError(f"factors.{group}: expected a mapping of name -> value")
        names = OVERRIDE_GROUPS[group]
        for name, val in entries.items():
            if name not in names:
                raise ValueError(_unknown(f"factors.{group}.{name}", name, list(names)))
            if val is None:
                continue
            v = float(val)
            if not np.isfinite(v) or v < 0:
                raise ValueError(f"factors.{group}.{name}: expected a finite value >= 0, got {val}")
            out[names[name]] = v
    return out


def factor_table(factors: Mapping | None = None):
    """Reference factors with the parameter overrides applied.

    Parameters
    ----------
    factors : mapping, optional
        The ``factors`` parameter (see :func:`flatten_overrides`).

    Returns
    -------
    pandas.DataFrame
        Indexed by key: ``label, value, unit, low, high, source, year, assumption`` and
        ``overridden``. An overridden factor is fixed: ``low = value = high``.
    """
    df = reference.load_reference("ghg_factors")
    df["overridden"] = False
    for key, v in flatten_overrides(factors).items():
        df.loc[key, ["value", "low", "high"]] = v
        df.loc[key, "overridden"] = True
    return df


# --------------------------------------------------------------------------- trajectories
def linear_ratio(calendar_years, start_year: int, target_year: int, target_ratio: float):
    """Multiplier going linearly from 1 at ``start_year`` to ``target_ratio`` at ``target_year``.

    Constant before the start and after the target year.
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
        Study years (0 = works).
    start_year : int
        Calendar year of study year 0 (the trajectory starts from the reference factor then).
    trajectories : mapping, optional
        ``{carrier: {"target_year": 2032, "target_kg_co2e_per_kwh": 0.03, "shape": "linear"}}``;
        ``shape`` is ``linear`` (default) or ``step`` (the target value from the target year).
    factors_df : pandas.DataFrame
        From :func:`factor_table`; the central value is the starting point.

    Returns
    -------
    dict of str to numpy.ndarray
        Multiplier of the carrier factor in each study year (ones without a trajectory). A
        Monte Carlo draw of the factor scales the whole trajectory.
    """
    cal = start_year + np.asarray(years, dtype=float)
    out = {c: np.ones_like(cal) for c in CARRIERS}
    for carrier, traj in (trajectories or {}).items():
        if traj is None:
            continue
        if carrier not in CARRIERS:
            raise ValueError(_unknown(f"trajectories.{carrier}", carrier, CARRIERS))
        base = float(factors_df.at[f"carrier_{carrier}", "value"])
        target = float(traj["target_kg_co2e_per_kwh"])
        ratio = target / base if base > 0 else 1.0
        shape = traj.get("shape", "linear") or "linear"
        if shape == "linear":
            out[carrier] = linear_ratio(cal, start_year, int(traj["target_year"]), ratio)
        elif shape == "step":
            out[carrier] = np.where(cal >= int(traj["target_year"]), ratio, 1.0)
        else:
            raise ValueError(_unknown(f"trajectories.{carrier}.shape", shape, ("linear", "step")))
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
        :func:`factor_table` output (value, low, high, overridden, sources).
    coef : numpy.ndarray
        Shape (options, stages, years, factors): tCO2e per unit of factor.
    canopy_m2 : numpy.ndarray
        New tree canopy per option (non-linear storage part).
    planting_year : numpy.ndarray
        Study year the canopy is planted, per option.
    dwellings, residents : numpy.ndarray
        Per option (NaN when unknown).
    new_floor_area_m2 : numpy.ndarray
        New construction floor area per option.
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
    new_works_calendar_years: list = field(default_factory=list)

    @property
    def study_period_years(self) -> int:
        return int(self.years[-1])

    def central_values(self) -> np.ndarray:
        return np.array(self.factors.loc[self.factor_keys, "value"], dtype=float)


def _num(x, path: str, *, allow_none: bool = False, integer: bool = False) -> float:
    if x is None:
        if allow_none:
            return float("nan")
        raise ValueError(f"{path}: missing value")
    try:
        v = float(x)
    except (TypeError, ValueError):
        raise ValueError(f"{path}: expected a number, got {x!r}") from None
    if not np.isfinite(v) or v < 0:
        raise ValueError(f"{path}: expected a finite value >= 0, got {x!r}")
    if integer and v != int(v):
        raise ValueError(f"{path}: expected a whole number, got {x!r}")
    return v


def _shares(shares: Mapping, path: str) -> np.ndarray:
    vec = np.zeros(len(MODES))
    for mode, s in (shares or {}).items():
        if mode not in MODES:
            raise ValueError(_unknown(f"{path}.{mode}", mode, MODES))
        vec[MODES.index(mode)] = _num(s, f"{path}.{mode}")
    total = vec.sum()
    if abs(total - 1.0) > 0.01:
        raise ValueError(f"{path}: modal shares must add up to 1, got {total:.3f}")
    return vec / total


def build_model(
    options: Sequence[Mapping],
    study_period_years: int = 50,
    start_year: int = 2025,
    trajectories: Mapping | None = None,
    factors: Mapping | None = None,
) -> GhgModel:
    """Compile planning options into a :class:`GhgModel`.

    Parameters
    ----------
    options : sequence of mapping
        Options as described in the module docstring.
    study_period_years : int
        N, between 1 and 100: operation counts years 1..N.
    start_year : int
        Calendar year of study year 0 (for trajectories, modal-share targets, RE2020 limits
        and the carbon value).
    trajectories : mapping, optional
        Carrier decarbonisation, see :func:`carrier_ratios`.
    factors : mapping, optional
        Factor overrides, see :func:`flatten_overrides`.

    Returns
    -------
    GhgModel

    Raises
    ------
    ValueError
        Unknown works or carrier, negative area, duplicate option names, modal shares that do
        not add up to 1...; the message names the key path (``options[1].stocks[0].works``).
    """
    n = int(study_period_years)
    if not 1 <= n <= 100:
        raise ValueError(f"study_period_years: expected 1 to 100, got {study_period_years}")
    if not options:
        raise ValueError("options: at least one option is required")
    fdf = factor_table(factors)
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
    names: list[str] = []
    kg_to_t = 1e-3

    for i, opt in enumerate(options):
        p = f"options[{i}]"
        name = opt.get("name")
        if not name or not isinstance(name, str):
            raise ValueError(f"{p}.name: expected a non-empty text")
        if name in names:
            raise ValueError(f"{p}.name: duplicate option name {name!r}")
        names.append(name)
        stocks = opt.get("stocks") or []
        if not stocks:
            raise ValueError(f"{p}.stocks: at least one building stock is required")
        stock_dwellings = 0.0
        has_stock_dwellings = False
        nyears: list[int] = []
        for j, st in enumerate(stocks):
            q = f"{p}.stocks[{j}]"
            works = st.get("works")
            if works not in WORKS:
                raise ValueError(_unknown(f"{q}.works", works, WORKS))
            area = _num(st.get("floor_area_m2"), f"{q}.floor_area_m2")
            wy = int(_num(st.get("works_year", 0) or 0, f"{q}.works_year", integer=True))
            if wy > n:
                raise ValueError(f"{q}.works_year: {wy} is beyond the study period ({n})")
            kwh = _num(st.get("energy_kwh_per_m2_year", 0) or 0, f"{q}.energy_kwh_per_m2_year")
            kwh_before = _num(
                st.get("energy_before_kwh_per_m2_year", 0) or 0,
                f"{q}.energy_before_kwh_per_m2_year",
            )
            carrier = st.get("carrier")
            carrier_before = st.get("carrier_before") or carrier
            if works == "demolition" and kwh > 0:
                raise ValueError(
                    f"{q}.energy_kwh_per_m2_year: a demolished stock uses no energy after the "
                    f"works (got {kwh})"
                )
            if kwh > 0 and carrier not in CARRIERS:
                raise ValueError(_unknown(f"{q}.carrier", carrier, CARRIERS))
            if carrier is not None and carrier not in CARRIERS:
                raise ValueError(_unknown(f"{q}.carrier", carrier, CARRIERS))
            if kwh_before > 0 and carrier_before not in CARRIERS:
                raise ValueError(_unknown(f"{q}.carrier_before", carrier_before, CARRIERS))
            if st.get("dwellings") is not None:
                d = _num(st["dwellings"], f"{q}.dwellings")
                has_stock_dwellings = True
                if works != "demolition":
                    stock_dwellings += d
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
            q = f"{p}.outdoor"
            wy = int(_num(out.get("works_year", 0) or 0, f"{q}.works_year", integer=True))
            if wy > n:
                raise ValueError(f"{q}.works_year: {wy} is beyond the study period ({n})")
            ps = _num(out.get("public_space_m2", 0) or 0, f"{q}.public_space_m2")
            bm = _num(out.get("berm_earthworks_m3", 0) or 0, f"{q}.berm_earthworks_m3")
            coef[i, s_works, wy, kidx["outdoor_public_space"]] += ps * kg_to_t
            coef[i, s_works, wy, kidx["outdoor_earthworks"]] += bm * kg_to_t

        mob = opt.get("mobility") or None
        res_mob = float("nan")
        if mob:
            q = f"{p}.mobility"
            res_mob = _num(mob.get("residents"), f"{q}.residents")
            km = _num(mob.get("km_per_person_per_day"), f"{q}.km_per_person_per_day")
            now = _shares(mob.get("modal_shares_now"), f"{q}.modal_shares_now")
            tgt_raw = mob.get("modal_shares_target")
            tgt = _shares(tgt_raw, f"{q}.modal_shares_target") if tgt_raw else now
            ty = int(mob.get("target_year") or start_year)
            frac = linear_ratio(start_year + years, start_year, ty, 0.0)  # 1 -> 0
            shares = frac[:, None] * now + (1.0 - frac[:, None]) * tgt  # (T, modes)
            pkm = res_mob * km * DAYS_PER_YEAR
            for m_i, mode in enumerate(MODES):
                coef[i, s_mob, 1:, kidx[f"mobility_{mode}"]] += pkm * shares[1:, m_i] * kg_to_t

        veg = opt.get("vegetation") or None
        if veg:
            q = f"{p}.vegetation"
            canopy[i] = _num(veg.get("canopy_m2", 0) or 0, f"{q}.canopy_m2")
            py = int(_num(veg.get("planting_year", 0) or 0, f"{q}.planting_year", integer=True))
            planting[i] = py
            des = _num(veg.get("desealed_m2", 0) or 0, f"{q}.desealed_m2")
            # soil storage spread evenly over the transition period after de-sealing
            sl = slice(py + 1, min(n, py + soil_years) + 1)
            coef[i, s_veg, sl, kidx["vegetation_soil_desealing"]] -= des / soil_years * kg_to_t

        if opt.get("dwellings") is not None:
            dwellings[i] = _num(opt["dwellings"], f"{p}.dwellings")
        elif has_stock_dwellings:
            dwellings[i] = stock_dwellings
        if opt.get("residents") is not None:
            residents[i] = _num(opt["residents"], f"{p}.residents")
        else:
            residents[i] = res_mob

    return GhgModel(
        options=names,
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


def yearly_profile(model: GhgModel, values: Mapping[str, float] | None = None):
    """Yearly emissions per option and stage (central factors unless ``values``).

    Returns
    -------
    pandas.DataFrame
        Long format: ``option, stage, year, calendar_year, t_co2e`` (static, unweighted) and
        ``dynamic_t_co2e`` (weighted by the RE2020 coefficient of the year).
    """
    import pandas as pd

    prof = profile_array(model, values)
    w = dynamic_weights(model.study_period_years)
    o, s, t = np.meshgrid(
        np.arange(len(model.options)), np.arange(len(STAGES)), model.years, indexing="ij"
    )
    return pd.DataFrame(
        {
            "option": np.asarray(model.options, dtype=object)[o.ravel()],
            "stage": np.asarray(STAGES, dtype=object)[s.ravel()],
            "year": t.ravel(),
            "calendar_year": model.start_year + t.ravel(),
            "t_co2e": prof.ravel(),
            "dynamic_t_co2e": (prof * w).ravel(),
        }
    )


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
    w = dynamic_weights(model.study_period_years)
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
    """Total per option (sum of the stages) for one weighting, in input order."""
    _check_weighting(weighting)
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
    w = year_weights(model.study_period_years, weighting)
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
    if reference_option not in cumulative_df.columns:
        raise ValueError(
            _unknown("payback_reference", reference_option, list(cumulative_df.columns))
        )
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


def re2020_limit_kg_co2e_per_m2(calendar_year: int) -> float:
    """RE2020 Ic_construction limit for collective housing applying in a calendar year.

    Returns the 2022 limit for earlier years (RE2020 did not apply before 2022).
    """
    df = reference.load_reference("ghg_benchmarks")
    lim = df[df["key"].str.startswith("re2020_ic_construction_")].copy()
    lim["from_year"] = lim["from_year"].astype(int)
    lim = lim.sort_values("from_year")
    applicable = lim[lim["from_year"] <= int(calendar_year)]
    row = applicable.iloc[-1] if len(applicable) else lim.iloc[0]
    return float(row["value"])


def re2020_check(model: GhgModel):
    """New construction's embodied factor against the RE2020 Ic_construction limits.

    The factor used (kgCO2e/m²) is compared with the limit of the year of the works and with
    every later limit.

    Returns
    -------
    pandas.DataFrame
        One row per option with new construction: ``option, new_floor_area_m2,
        works_calendar_year, embodied_kg_co2e_per_m2, limit_kg_co2e_per_m2, meets_limit`` and
        ``meets_<year>`` for each limit period.
    """
    import pandas as pd

    df = reference.load_reference("ghg_benchmarks")
    lim = df[df["key"].str.startswith("re2020_ic_construction_")]
    factor = float(model.factors.at["embodied_new", "value"])
    rows = []
    for i, name in enumerate(model.options):
        if model.new_floor_area_m2[i] <= 0:
            continue
        year = max(model.new_works_calendar_years[i])
        limit = re2020_limit_kg_co2e_per_m2(year)
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


def carbon_value_eur_per_t(calendar_years, points: Mapping[int, float] | None = None):
    """French carbon value ("valeur de l'action pour le climat") by calendar year.

    Linear interpolation between the points, constant before the first and after the last.

    Parameters
    ----------
    calendar_years : array_like of int
    points : mapping of int to float, optional
        Year -> €/tCO2e; defaults to ``carbon_values.csv`` (Quinet 2019, €2018).
    """
    if not points:
        df = reference.load_reference("carbon_values")
        points = dict(zip(df["for_year"].astype(int), df["value"], strict=True))
    xs = np.array(sorted(int(k) for k in points), dtype=float)
    ys = np.array([float(points[k]) for k in sorted(points, key=int)])
    return np.interp(np.asarray(calendar_years, dtype=float), xs, ys)


def monetise(
    model: GhgModel,
    carbon_values: Mapping[int, float] | None = None,
    discount_rate: float = 0.0,
    values=None,
) -> dict[str, float]:
    """Monetised emissions per option (€): sum over years of tCO2e x carbon value.

    Uses the static yearly profile (the carbon value already prices the timing); discounted
    to year 0 at ``discount_rate`` (0 by default: undiscounted).
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
    if distribution not in ("pert", "triangular"):
        raise ValueError(_unknown("distribution", distribution, ("pert", "triangular")))
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
    if int(draws) < 1:
        raise ValueError(f"monte_carlo_draws: expected >= 1, got {draws}")
    smp = sample_factors(model, int(draws), seed, distribution)
    x = np.column_stack([smp[k] for k in model.factor_keys])
    out = {"samples": smp}
    for weighting in WEIGHTINGS:
        w = year_weights(model.study_period_years, weighting)
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

    w = year_weights(model.study_period_years, weighting)
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
