"""Life-cycle greenhouse-gas emissions of planning options (static and RE2020-dynamic).

An *option* is a plain mapping (what the parameter schema dumps)::

    {"name": "Programme NPNRU signé",
     "dwellings": 1900, "residents": 4900,            # optional, for ratios
     "stocks": [{"label": "Barres démolies", "floor_area_m2": 45760,
                 "works": "demolition",                 # demolition|rehabilitation|new|unchanged
                 "energy_kwh_per_m2_year": 0, "carrier": None,
                 "works_year": 0, "works_year_end": 9,  # works spread over years 0..9
                 "permit_year": None,                   # new build: RE2020 threshold year
                 "energy_before_kwh_per_m2_year": 170,  # operation before the works
                 "carrier_before": "district_heating", "dwellings": 704}, ...],
     "outdoor": {"public_space_m2": 60000, "berm_earthworks_m3": 240000, "works_year": 0},
     "mobility": {"residents": 4900, "km_per_person_per_day": 24,
                  "modal_shares_now": {"car_thermal": 0.6, ...},
                  "modal_shares_target": {...}, "target_year": 2035},
     "vegetation": {"canopy_m2": 20000, "desealed_m2": 10000, "planting_year": 0}}

Emissions are placed in time, year by year, then summed with weight 1 (static total) or
with the RE2020 dynamic weight of their year (dynamic total): both totals come from the
same timed emissions. The life-cycle parts (:data:`PARTS`) are

* ``construction``: products, transport and site works (EN 15978 modules A1-A5) of new
  construction and rehabilitation, in the year of the works;
* ``replacement``: component replacements (B4), at a representative year after the works
  (clamped to the study period so that the whole life cycle is always counted);
* ``end_of_life``: deconstruction and waste (C1-C4), at the end of the study period;
* ``demolition``: demolition works of the existing stock, in the year of the works;
* ``maintenance``: yearly upkeep of existing stock kept without works;
* ``outdoor``: public spaces and earthworks; ``operation_energy``; ``mobility``;
  ``vegetation_soil`` (storage, negative).

They roll up into the contract stages (:data:`STAGES`): ``works`` (the first six),
``operation_energy``, ``mobility`` and ``vegetation_soil``. "Buildings and works" means
every stage but mobility.

New construction is tied to the RE2020 Ic_construction threshold of its permit year (a
dynamic result, per m² SHAB), times a factor for how projects sit against the threshold; its
static equivalent divides by the mean dynamic weight of the RE2020 stage timing.

Most emissions are linear in the factors, so an option compiles into a coefficient tensor
``coef[option, part, year, factor]`` [tCO2e per factor unit]. The non-linear pieces are
evaluated beside it, vectorised over draws: energy (carrier trajectories whose target and
target year are uncertain), car occupancy (the car factor is per vehicle-km) and the tree
storage cap. Monte Carlo uses common random numbers: one draw of every factor applies to
every option, so differences between options are not blurred by independent noise.

Factors, their ranges and sources live in ``qsp_lib/data/ghg_factors.csv``; the RE2020
dynamic weights in ``re2020_dynamic_weights.csv``; limits and benchmarks in
``ghg_benchmarks.csv``; the carbon value in ``carbon_values.csv``. This module reads none of
them: :mod:`qsp_lib.ghg.reference` loads them and the tables are passed in. Parameters are
validated by :mod:`qsp_lib.ghg.schema` before they reach this module.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

STAGES = ("works", "operation_energy", "mobility", "vegetation_soil")
PARTS = (
    "construction",
    "replacement",
    "end_of_life",
    "demolition",
    "maintenance",
    "outdoor",
    "operation_energy",
    "mobility",
    "vegetation_soil",
)
STAGE_OF_PART = {p: ("works" if PARTS.index(p) < 6 else p) for p in PARTS}
BUILDING_STAGES = ("works", "operation_energy", "vegetation_soil")
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
CAR_MODES = ("car_thermal", "car_electric")
WEIGHTINGS = ("static", "dynamic")
DAYS_PER_YEAR = 365.0

#: Override groups accepted in ``factors`` (parameter name -> {name: reference key}).
OVERRIDE_GROUPS: dict[str, dict[str, str]] = {
    "embodied_kg_co2e_per_m2": {
        w: f"embodied_{w}" for w in ("new", "rehabilitation", "demolition")
    },
    "maintenance_kg_co2e_per_m2_year": {"unchanged": "embodied_maintenance"},
    "carrier_kg_co2e_per_kwh": {c: f"carrier_{c}" for c in CARRIERS},
    "mobility_kg_co2e_per_passenger_km": {m: f"mobility_{m}" for m in MODES},
    "mobility_kg_co2e_per_vehicle_km": {m: f"mobility_{m}" for m in CAR_MODES},
    "mobility_car_occupancy": {"persons_per_vehicle": "mobility_car_occupancy"},
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
_OCCUPANCY = "mobility_car_occupancy"
_SHARES = (
    "embodied_share_construction",
    "embodied_share_replacement",
    "embodied_share_end_of_life",
)
_REPLACEMENT_YEAR = "embodied_replacement_year"
_NOT_LINEAR = (_TREE_SEQ, _TREE_STORE, _SOIL_YEARS, _OCCUPANCY, _REPLACEMENT_YEAR, *_SHARES)
_TRAJ = "trajectory_"


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
        ``{"carrier_gas": 0.2}``. A car mode given per passenger-km keeps the suffix
        ``@pkm`` (``{"mobility_car_thermal@pkm": 0.15}``): :func:`apply_overrides` converts it.
    """
    out: dict[str, float] = {}
    for group, entries in (factors or {}).items():
        for name, val in (entries or {}).items():
            if val is None:
                continue
            key = OVERRIDE_GROUPS[group][name]
            if group == "mobility_kg_co2e_per_passenger_km" and name in CAR_MODES:
                key += "@pkm"
            out[key] = float(val)
    return out


def apply_overrides(table, factors: Mapping | None = None):
    """Reference factors with the parameter overrides applied.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`qsp_lib.ghg.reference.ghg_factors`, indexed by key.
    factors : mapping, optional
        The ``factors`` parameter (see :func:`flatten_overrides`).

    Returns
    -------
    pandas.DataFrame
        A copy indexed by key: ``label, value, unit, low, high, source, year, assumption`` and
        ``overridden``. An overridden factor is fixed: ``low = value = high``. An override of
        ``embodied_new`` is a fixed dynamic Ic_construction [kgCO2e/m²] replacing the RE2020
        thresholds; a car factor given per passenger-km is converted to vehicle-km at the
        central occupancy.
    """
    df = table.copy()
    df["overridden"] = False
    occupancy = float(df.at[_OCCUPANCY, "value"])
    for key, v in flatten_overrides(factors).items():
        if key.endswith("@pkm"):
            key, v = key[:-4], v * occupancy
        df.loc[key, ["value", "low", "high"]] = v
        df.loc[key, "overridden"] = True
        if key == "embodied_new":
            df.loc[key, "unit"] = "kgCO2e/m² (Ic dynamique imposé)"
    return df


def apply_trajectories(factors, trajectories: Mapping | None):
    """Add the carrier trajectories to the factor table as uncertain rows.

    Each trajectory gives two rows: ``trajectory_<carrier>_target`` [kgCO2e/kWh] and
    ``trajectory_<carrier>_year`` [calendar year], with their low and high bounds, so that
    the Monte Carlo and the sensitivity analysis treat them like any other factor.

    Parameters
    ----------
    factors : pandas.DataFrame
        From :func:`apply_overrides`.
    trajectories : mapping, optional
        ``{carrier: {"target_year", "target_kg_co2e_per_kwh", "shape", "target_low_kg_co2e_per_kwh",
        "target_high_kg_co2e_per_kwh", "target_year_low", "target_year_high"}}``.

    Returns
    -------
    pandas.DataFrame
        A copy with the trajectory rows appended (column ``shape`` for their shape).
    """
    import pandas as pd

    rows = []
    for carrier, traj in (trajectories or {}).items():
        if not traj:
            continue
        label = factors.at[f"carrier_{carrier}", "label"]
        target = float(traj["target_kg_co2e_per_kwh"])
        year = float(traj["target_year"])
        shape = traj.get("shape") or "linear"
        for kind, value, low, high, unit, what in (
            (
                "target",
                target,
                traj.get("target_low_kg_co2e_per_kwh"),
                traj.get("target_high_kg_co2e_per_kwh"),
                "kgCO2e/kWh",
                "valeur cible",
            ),
            (
                "year",
                year,
                traj.get("target_year_low"),
                traj.get("target_year_high"),
                "année",
                "année où la cible est atteinte",
            ),
        ):
            rows.append(
                {
                    "key": f"{_TRAJ}{carrier}_{kind}",
                    "label": f"{label} : {what}",
                    "value": value,
                    "unit": unit,
                    "low": value if low is None else float(low),
                    "high": value if high is None else float(high),
                    "source": "fichier de paramètres du site (trajectoire)",
                    "year": None,
                    "assumption": True,
                    "overridden": False,
                    "shape": shape,
                }
            )
    if not rows:
        return factors.copy()
    extra = pd.DataFrame(rows).set_index("key", drop=False)
    return pd.concat([factors, extra])


# --------------------------------------------------------------------------- trajectories
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


# --------------------------------------------------------------------------- model
@dataclass
class GhgModel:
    """An option set compiled into timed coefficients (see module docstring).

    Attributes
    ----------
    options : list of str
        Option names, in input order.
    years : numpy.ndarray
        Study years 0..N.
    start_year : int
        Calendar year of study year 0.
    factor_keys : list of str
        Column order of the factor axis of ``coef`` (the linear factors).
    factors : pandas.DataFrame
        Factor table (:func:`apply_overrides`, :func:`apply_trajectories`).
    coef : numpy.ndarray
        Shape (options, parts, years, factors): tCO2e per unit of factor.
    energy_kwh : numpy.ndarray
        Shape (options, carriers, years): energy used [kWh/yr].
    canopy_m2 : numpy.ndarray
        New tree canopy per option [m²] (non-linear storage part).
    planting_year : numpy.ndarray
        Study year the canopy is planted, per option.
    dwellings, residents : numpy.ndarray
        Per option (NaN when unknown).
    dynamic : numpy.ndarray
        RE2020 dynamic weight of each study year [-].
    new_build : list of dict
        One entry per new-construction phase: option, stock, area [m²], works and permit
        calendar years, threshold [kgCO2e/m²].
    works_calendar_years : list of int
        Sorted calendar years with works (any option).
    trajectory_shapes : dict of str to str
        Carrier -> ``"linear"`` or ``"step"``, for the carriers with a trajectory.
    """

    options: list[str]
    years: np.ndarray
    start_year: int
    factor_keys: list[str]
    factors: object
    coef: np.ndarray
    energy_kwh: np.ndarray
    canopy_m2: np.ndarray
    planting_year: np.ndarray
    dwellings: np.ndarray
    residents: np.ndarray
    dynamic: np.ndarray
    new_build: list = field(default_factory=list)
    works_calendar_years: list = field(default_factory=list)
    trajectory_shapes: dict = field(default_factory=dict)

    @property
    def study_period_years(self) -> int:
        return int(self.years[-1])

    def central_values(self) -> dict[str, np.ndarray]:
        """Every factor at its central value, as one-draw arrays."""
        return {k: np.array([float(v)]) for k, v in self.factors["value"].items()}

    def uncertain_keys(self) -> list[str]:
        """Factors with a range (low < high), in table order."""
        f = self.factors
        return [k for k in f.index if float(f.at[k, "high"]) > float(f.at[k, "low"])]

    def weights(self, weighting: str) -> np.ndarray:
        """Weights of years 0..N: ones for ``static``, RE2020 coefficients for ``dynamic``."""
        return np.ones(len(self.years)) if weighting == "static" else self.dynamic


def _shares(shares: Mapping) -> np.ndarray:
    vec = np.array([float((shares or {}).get(m, 0.0) or 0.0) for m in MODES])
    # the schema accepts a sum within 1 % of 1: normalise so that shares weigh exactly 1
    return vec / vec.sum()


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


def build_model(
    options: Sequence[Mapping],
    factors,
    dynamic_weights,
    re2020_limits: Mapping[int, float],
    study_period_years: int = 50,
    start_year: int = 2025,
    permit_lead_years: int = 2,
) -> GhgModel:
    """Compile planning options into a :class:`GhgModel`.

    Parameters
    ----------
    options : sequence of mapping
        Options as described in the module docstring (validated by the parameter schema).
    factors : pandas.DataFrame
        Factor table from :func:`apply_overrides` then :func:`apply_trajectories`.
    dynamic_weights : array_like
        RE2020 weight [-] of study years 0..N (:func:`dynamic_weights`).
    re2020_limits : mapping of int to float
        RE2020 Ic_construction thresholds [kgCO2e/m² SHAB] by first year.
    study_period_years : int
        N [years], between 1 and 100: operation counts years 1..N.
    start_year : int
        Calendar year [year] of study year 0.
    permit_lead_years : int
        Years between the permit and the works [years], when a stock gives no permit year.

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
    .. [5] Nowak, D. J. et al. (2013), see :func:`_tree_annual_per_m2`.
    """
    n = int(study_period_years)
    fdf = factors
    keys = [k for k in fdf.index if k not in _NOT_LINEAR and not k.startswith(_TRAJ)]
    keys = [k for k in keys if not k.startswith("carrier_")]
    kidx = {k: i for i, k in enumerate(keys)}
    years = np.arange(n + 1)
    soil_years = max(1, int(round(float(fdf.at[_SOIL_YEARS, "value"]))))
    shares = {k: float(fdf.at[k, "value"]) for k in _SHARES}
    t_repl = int(round(float(fdf.at[_REPLACEMENT_YEAR, "value"])))
    ratio = static_equivalent_ratio(fdf)
    new_fixed = bool(fdf.at["embodied_new", "overridden"])

    n_opt = len(options)
    P = {p: i for i, p in enumerate(PARTS)}
    coef = np.zeros((n_opt, len(PARTS), n + 1, len(keys)))
    energy = np.zeros((n_opt, len(CARRIERS), n + 1))
    canopy = np.zeros(n_opt)
    planting = np.zeros(n_opt, dtype=int)
    dwellings = np.full(n_opt, np.nan)
    residents = np.full(n_opt, np.nan)
    new_build: list[dict] = []
    works_years: set[int] = set()
    kg_to_t = 1e-3

    for i, opt in enumerate(options):
        stock_dwellings = 0.0
        has_stock_dwellings = False
        for st in opt["stocks"]:
            works = st["works"]
            area = float(st["floor_area_m2"])
            kwh = float(st.get("energy_kwh_per_m2_year") or 0)
            kwh_before = float(st.get("energy_before_kwh_per_m2_year") or 0)
            carrier = st.get("carrier")
            carrier_before = st.get("carrier_before") or carrier
            if st.get("dwellings") is not None:
                has_stock_dwellings = True
                if works != "demolition":
                    stock_dwellings += float(st["dwellings"])
            first = int(st.get("works_year") or 0)
            last = int(st.get("works_year_end") or first)
            phase_years = np.arange(first, max(first, last) + 1)
            part_area = area / len(phase_years)
            if works != "unchanged":
                works_years.update(int(start_year + y) for y in phase_years)
            if works == "unchanged":
                # existing stock kept as it is: upkeep every year, energy every year
                coef[i, P["maintenance"], 1:, kidx["embodied_maintenance"]] += area * kg_to_t
                if kwh > 0:
                    energy[i, CARRIERS.index(carrier), 1:] += area * kwh
                continue
            for wy in phase_years:
                wy = int(wy)
                if works == "demolition":
                    coef[i, P["demolition"], wy, kidx["embodied_demolition"]] += part_area * kg_to_t
                else:
                    key = f"embodied_{works}"
                    per_unit = part_area * kg_to_t
                    if works == "new":
                        permit = st.get("permit_year") or (start_year + wy - permit_lead_years)
                        threshold = re2020_threshold(re2020_limits, int(permit))
                        per_unit = per_unit / ratio * (1.0 if new_fixed else threshold)
                        new_build.append(
                            {
                                "option": opt["name"],
                                "stock": st["label"],
                                "floor_area_m2": part_area,
                                "works_calendar_year": start_year + wy,
                                "permit_year": int(permit),
                                "threshold_kg_co2e_per_m2": threshold,
                            }
                        )
                    k = kidx[key]
                    coef[i, P["construction"], wy, k] += per_unit * shares[_SHARES[0]]
                    coef[i, P["replacement"], min(wy + t_repl, n), k] += (
                        per_unit * shares[_SHARES[1]]
                    )
                    coef[i, P["end_of_life"], n, k] += per_unit * shares[_SHARES[2]]
                    if works == "rehabilitation" and wy > 0:
                        # existing stock awaiting its rehabilitation is still maintained
                        coef[i, P["maintenance"], 1 : wy + 1, kidx["embodied_maintenance"]] += (
                            part_area * kg_to_t
                        )
                # operation: before the works of this phase, then after
                if kwh_before > 0 and wy > 0:
                    energy[i, CARRIERS.index(carrier_before), 1 : wy + 1] += part_area * kwh_before
                if kwh > 0 and wy < n:
                    energy[i, CARRIERS.index(carrier), wy + 1 :] += part_area * kwh

        out = opt.get("outdoor") or None
        if out:
            wy = int(out.get("works_year") or 0)
            ps = float(out.get("public_space_m2") or 0)
            bm = float(out.get("berm_earthworks_m3") or 0)
            works_years.add(int(start_year + wy))
            coef[i, P["outdoor"], wy, kidx["outdoor_public_space"]] += ps * kg_to_t
            coef[i, P["outdoor"], wy, kidx["outdoor_earthworks"]] += bm * kg_to_t

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
            mix = frac[:, None] * now + (1.0 - frac[:, None]) * tgt  # (T, modes)
            pkm = res_mob * km * DAYS_PER_YEAR
            for m_i, mode in enumerate(MODES):
                # car modes: per vehicle-km factors, divided by the occupancy at evaluation
                coef[i, P["mobility"], 1:, kidx[f"mobility_{mode}"]] += pkm * mix[1:, m_i] * kg_to_t

        veg = opt.get("vegetation") or None
        if veg:
            canopy[i] = float(veg.get("canopy_m2") or 0)
            py = int(veg.get("planting_year") or 0)
            planting[i] = py
            des = float(veg.get("desealed_m2") or 0)
            # soil storage spread evenly over the transition period after de-sealing
            sl = slice(py + 1, min(n, py + soil_years) + 1)
            coef[i, P["vegetation_soil"], sl, kidx["vegetation_soil_desealing"]] -= (
                des / soil_years * kg_to_t
            )

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
        energy_kwh=energy,
        canopy_m2=canopy,
        planting_year=planting,
        dwellings=dwellings,
        residents=residents,
        dynamic=np.asarray(dynamic_weights, dtype=float)[: n + 1],
        new_build=new_build,
        works_calendar_years=sorted(works_years) or [int(start_year)],
        trajectory_shapes={
            c: str(fdf.at[f"{_TRAJ}{c}_target", "shape"])
            for c in CARRIERS
            if f"{_TRAJ}{c}_target" in fdf.index
        },
    )


# --------------------------------------------------------------------------- evaluation
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


def _energy_t(model: GhgModel, vals: Mapping[str, np.ndarray], weights: np.ndarray):
    """Operation energy [tCO2e] under each row of ``weights`` (weightings, years).

    Shape (weightings, draws, options); the identity matrix gives the yearly emissions.
    """
    paths = carrier_paths(model, vals)  # (draws, carriers, years)
    g = weights[:, None, None, :] * model.energy_kwh[None]  # (weightings, options, carriers, years)
    g = g.reshape(len(weights), len(model.options), -1).transpose(0, 2, 1)
    return paths.reshape(len(paths), -1) @ g * 1e-3


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


def _with_values(model: GhgModel, values: Mapping | None) -> dict[str, np.ndarray]:
    """Central values (one draw) with some factors replaced (scalars or one-draw arrays)."""
    vals = model.central_values()
    for k, v in (values or {}).items():
        if k not in vals:
            raise KeyError(f"unknown factor {k!r}")
        vals[k] = np.atleast_1d(np.asarray(v, dtype=float))
    return vals


def _linear_matrix(model: GhgModel, vals: Mapping[str, np.ndarray]) -> np.ndarray:
    """Draws x linear factors; car factors per vehicle-km divided by the occupancy."""
    d = max(len(np.atleast_1d(v)) for v in vals.values())
    x = np.column_stack([np.broadcast_to(vals[k], (d,)) for k in model.factor_keys])
    occ = np.broadcast_to(vals[_OCCUPANCY], (d,))
    for mode in CAR_MODES:
        x[:, model.factor_keys.index(f"mobility_{mode}")] /= occ
    return x


def _part_mask(parts: Sequence[str] | None) -> np.ndarray:
    return np.array([p in parts for p in PARTS]) if parts is not None else np.ones(len(PARTS), bool)


def evaluate_totals(
    model: GhgModel, vals: Mapping[str, np.ndarray], weights, parts: Sequence[str] | None = None
) -> np.ndarray:
    """Totals [tCO2e] for factor draws and year weights.

    Parameters
    ----------
    model : GhgModel
    vals : mapping of str to numpy.ndarray
        Every factor key -> draws (same length, or length 1).
    weights : numpy.ndarray
        Weight of each study year [-] (:meth:`GhgModel.weights`), shape (years,); or one row
        per weighting, shape (weightings, years), so that the energy and tree paths of the
        draws are computed once for all of them.
    parts : sequence of str, optional
        Life-cycle parts to include (:data:`PARTS`); all by default.

    Returns
    -------
    numpy.ndarray
        Shape (draws, options), or (weightings, draws, options) for 2-D ``weights``.
    """
    w = np.atleast_2d(np.asarray(weights, dtype=float))
    mask = _part_mask(parts)
    x = _linear_matrix(model, vals)
    tot = x @ np.einsum("optk,wt->wko", model.coef[:, mask], w)
    if mask[PARTS.index("operation_energy")]:
        tot += _energy_t(model, {k: np.broadcast_to(v, (len(x),)) for k, v in vals.items()}, w)
    if mask[PARTS.index("vegetation_soil")]:
        tot -= _tree_storage_t(model, vals, w)
    return tot if np.ndim(weights) == 2 else tot[0]


def profile_array(model: GhgModel, values: Mapping[str, float] | None = None) -> np.ndarray:
    """Yearly emissions in tCO2e, shape (options, parts, years), for one set of factors.

    Parameters
    ----------
    model : GhgModel
    values : mapping of str to float, optional
        Factor values replacing the central ones (keys of the factor table).
    """
    vals = _with_values(model, values)
    x = _linear_matrix(model, vals)[0]
    prof = model.coef @ x
    # identity weights give the yearly values, shape (years, 1 draw, options)
    eye = np.eye(len(model.years))
    prof[:, PARTS.index("operation_energy")] += _energy_t(model, vals, eye)[:, 0].T
    prof[:, PARTS.index("vegetation_soil")] -= _tree_storage_t(model, vals, eye)[:, 0].T
    return prof


def lifecycle_totals(model: GhgModel, values: Mapping[str, float] | None = None):
    """Totals by option and life-cycle part (:data:`PARTS`), static and dynamic.

    Returns
    -------
    pandas.DataFrame
        ``option, part, stage, static_t_co2e, dynamic_t_co2e``.
    """
    import pandas as pd

    prof = profile_array(model, values)
    rows = [
        {
            "option": name,
            "part": part,
            "stage": STAGE_OF_PART[part],
            "static_t_co2e": float(prof[i, p].sum()),
            "dynamic_t_co2e": float((prof[i, p] * model.dynamic).sum()),
        }
        for i, name in enumerate(model.options)
        for p, part in enumerate(PARTS)
    ]
    return pd.DataFrame(rows)


def totals(model: GhgModel, values: Mapping[str, float] | None = None):
    """Totals over the study period by option and stage, static and dynamic.

    Returns
    -------
    pandas.DataFrame
        ``option, stage, static_t_co2e, dynamic_t_co2e`` (the ``ghg_totals`` scrap), options in
        input order, stages in :data:`STAGES` order.
    """
    # parts come in stage order (PARTS), so the groups keep the options' and STAGES' order
    by_part = lifecycle_totals(model, values)
    cols = ["static_t_co2e", "dynamic_t_co2e"]
    return by_part.groupby(["option", "stage"], sort=False)[cols].sum().reset_index()


def option_totals(totals_df, weighting: str = "static", stages: Sequence[str] | None = None):
    """Total per option (sum of the stages) for one weighting, in input order.

    Parameters
    ----------
    totals_df : pandas.DataFrame
        From :func:`totals`.
    weighting : {"static", "dynamic"}
    stages : sequence of str, optional
        Stages to include (all by default; :data:`BUILDING_STAGES` for buildings and works).

    Returns
    -------
    dict of str to float
        Option -> total [tCO2e].
    """
    df = totals_df if stages is None else totals_df[totals_df["stage"].isin(stages)]
    s = df.groupby("option", sort=False)[f"{weighting}_t_co2e"].sum()
    return {k: float(v) for k, v in s.items()}


def mobility_is_shared(model: GhgModel) -> bool:
    """True when every option has the same mobility (it then cancels in every difference)."""
    mob = model.coef[:, PARTS.index("mobility")]
    return bool(np.allclose(mob, mob[:1], rtol=1e-12, atol=0.0))


def compared_parts(model: GhgModel) -> tuple[str, ...]:
    """Parts that differ between options: all but mobility when mobility is shared."""
    if mobility_is_shared(model):
        return tuple(p for p in PARTS if p != "mobility")
    return PARTS


def cumulative(model: GhgModel, weighting: str = "static", values=None, parts=None):
    """Cumulative emissions [tCO2e] at the end of each study year, one column per option.

    Parameters
    ----------
    model : GhgModel
    weighting : {"static", "dynamic"}
    values : mapping of str to float, optional
        Factor values replacing the central ones.
    parts : sequence of str, optional
        Life-cycle parts to include (all by default).

    Returns
    -------
    pandas.DataFrame
        Index ``year`` (0..N), columns = option names.
    """
    import pandas as pd

    prof = profile_array(model, values)[:, _part_mask(parts)].sum(axis=1)
    cum = np.cumsum(prof * model.weights(weighting), axis=1)
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
    works = prof[:, [STAGE_OF_PART[p] == "works" for p in PARTS]].sum(axis=(1, 2))
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
        ``option, p05_t_co2e, p50_t_co2e, p95_t_co2e, mean_t_co2e, prob_lower`` (share of
        draws where the option emits less than the reference) and ``central_t_co2e``; the
        reference itself has zeros.
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
            "prob_lower": (diff < 0).mean(axis=0),
        }
    )
    if central is not None:
        df["central_t_co2e"] = [central[n] - central[reference_option] for n in model.options]
    return df


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
        return pd.DataFrame(
            columns=[
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
            ]
        )
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


def catch_up(cumulative_df, best: str, worst: str, at_year: int = 0) -> dict:
    """How long ``worst`` would take to make up its works gap, at its mean yearly pace.

    Parameters
    ----------
    cumulative_df : pandas.DataFrame
        From :func:`cumulative` (index = study years 0..N).
    best, worst : str
        The two options compared; ``worst`` is the one whose works put it above.
    at_year : int
        Study year [years] where the gap is measured (the end of the works).

    Returns
    -------
    dict
        ``initial_gap_t_co2e`` [tCO2e] (worst minus best at ``at_year``),
        ``yearly_saving_t_co2e`` [tCO2e/yr] (how much less ``worst`` emits per year than
        ``best`` after ``at_year``, on
        average), ``years`` (gap / saving, NaN when it never closes) and ``case``:
        ``"closes"`` (within the study period), ``"beyond"`` (only after its end), ``"never"``
        (``worst`` does not emit less each year) or ``"no_gap"``.
    """
    n = int(cumulative_df.index[-1])
    k = min(int(at_year), n - 1)
    y0 = cumulative_df.loc[k]
    d0 = float(y0[worst] - y0[best])
    after = cumulative_df.loc[n] - y0
    saving = float((after[best] - after[worst]) / (n - k))
    if d0 <= 0:
        case = "no_gap"
    elif saving > 0:
        case = "closes" if d0 / saving <= n - k else "beyond"
    else:
        case = "never"
    return {
        "initial_gap_t_co2e": d0,
        "yearly_saving_t_co2e": saving,
        "years": d0 / saving if saving > 0 and d0 > 0 else float("nan"),
        "case": case,
    }


def payback_status(payback: Mapping[str, int | None]) -> dict[str, str]:
    """``"never_above"`` (payback 0), ``"none"`` (not within the period) or ``"years"``."""
    return {
        name: "none" if y is None else ("never_above" if y == 0 else "years")
        for name, y in payback.items()
    }


def ranking_sentence(drivers, n: int = 4) -> dict:
    """What the "ce qui peut inverser le classement" sentence cites.

    Parameters
    ----------
    drivers : pandas.DataFrame
        From :func:`ranking_drivers`.
    n : int
        Number of leading factors to cite.

    Returns
    -------
    dict
        ``top``: up to ``n`` factors that move the gap, each ``{"label", "short",
        "gap_min_t_co2e", "gap_max_t_co2e"}``; ``flips``: the factors whose value alone, within
        its range, reverses the ranking, each ``{"label", "short", "unit", "central",
        "flip_value"`` (3 significant digits) ``, "low", "high"}``, by decreasing swing.
    """
    if drivers is None or not len(drivers):
        return {"top": [], "flips": []}
    moving = drivers[drivers["swing_t_co2e"] > 1e-6].head(n)
    top = [
        {
            "label": r.label,
            "short": short_label(r.label),
            "gap_min_t_co2e": float(min(r.gap_low_t_co2e, r.gap_high_t_co2e)),
            "gap_max_t_co2e": float(max(r.gap_low_t_co2e, r.gap_high_t_co2e)),
        }
        for r in moving.itertuples()
    ]
    flips = [
        {
            "label": r.label,
            "short": short_label(r.label),
            "unit": r.unit,
            "central": float(r.central),
            "flip_value": float(f"{r.flip_value:.3g}"),
            "low": float(r.low),
            "high": float(r.high),
        }
        for r in drivers[drivers["flips_ranking"]].itertuples()
    ]
    return {"top": top, "flips": flips}


def short_label(label: str) -> str:
    """A factor label without its parenthesised detail, for sentences and axis ticks."""
    return str(label).split(" (")[0]


def difference_rows(differences_df, reference_option: str) -> list[dict]:
    """Each option against the reference, for sentences: direction and magnitudes.

    Parameters
    ----------
    differences_df : pandas.DataFrame
        From :func:`differences` (with ``central_t_co2e``).
    reference_option : str

    Returns
    -------
    list of dict
        For every other option: ``option``, ``direction`` (``"plus"`` when it emits more than
        the reference, else ``"moins"``), ``abs_t_co2e`` [tCO2e] (central), ``p05_t_co2e``,
        ``p95_t_co2e`` [tCO2e] (signed, option minus reference) and ``prob_lower`` [-].
    """
    return [
        {
            "option": r.option,
            "direction": "plus" if r.central_t_co2e > 0 else "moins",
            "abs_t_co2e": abs(float(r.central_t_co2e)),
            "p05_t_co2e": float(r.p05_t_co2e),
            "p95_t_co2e": float(r.p95_t_co2e),
            "prob_lower": float(r.prob_lower),
        }
        for r in differences_df.itertuples()
        if r.option != reference_option
    ]


def sources_rows(
    model: GhgModel,
    overrides: Mapping[str, float],
    benchmarks,
    weights_table,
    carbon_values,
    carbon_value_points: Mapping[int, float] | None,
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
        :mod:`qsp_lib.ghg.reference` tables (RE2020 limits, dynamic weights, carbon value).
    carbon_value_points : mapping of int to float, optional
        The ``carbon_value_eur_per_t_co2e`` parameter (the table is used when absent).
    monte_carlo : mapping
        ``{"draws", "distribution", "seed"}`` parameters.

    Returns
    -------
    pandas.DataFrame
        ``item, value, unit, low, high, source, note``; numbers stay numbers (the brief
        formats them).
    """
    import pandas as pd

    from qsp_lib.core import style
    from qsp_lib.ghg import reference

    def table_rows(df, over=None):
        rows = reference.sources_table(df, overrides=over)
        return rows.rename(columns={"status": "note"}).drop(columns="key").to_dict("records")

    # a car factor overridden per passenger-km is stored per vehicle-km
    overrides = {k.removesuffix("@pkm"): v for k, v in overrides.items()}
    overrides = {k: float(model.factors.at[k, "value"]) for k in overrides}

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
    w = weights_table.set_index("t_years")["value"]
    n = model.study_period_years
    rows.append(
        {
            "item": f"Poids dynamiques calculés (AR5, Joos 2013) : f({n}) ; moyenne des années "
            f"1 à {n}",
            "value": f"{style.fr(w.get(n, 0.0), 3)} ; {style.fr(w.loc[1:n].mean(), 3)}",
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
