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
     "vegetation": {"canopy_m2": 20000, "desealed_m2": 10000, "planting_year": 0},
     "rehoused": {"energy_kwh_per_m2_year": 170, "carrier": None}}   # optional

``rehoused`` (equal service, :mod:`.service`) heats the households of demolished stocks
until new dwellings replace them.

Emissions are placed in time, year by year, then summed with weight 1 (static total) or
with the RE2020 dynamic weight of their year (dynamic total): both totals come from the
same timed emissions. The life-cycle parts (:data:`PARTS`) are

* ``construction``: products, transport and site works (EN 15978 modules A1-A5) of new
  construction and rehabilitation, in the year of the works;
* ``replacement``: component replacements (B4), at a representative year after the works
  (clamped to the study period so that the whole life cycle is always counted);
* ``end_of_life``: deconstruction and waste (C1-C4), at the end of the study period;
* ``demolition``: demolition works of the existing stock, in the year of the works: the
  all-in factor, or, when a demolished stock gives ``routes_t_co2e`` (the routes of its
  materials, from the materials analysis), the on-site works plus those routes;
* ``maintenance``: yearly upkeep of existing stock kept without works;
* ``outdoor``: public spaces and earthworks; ``operation_energy``; ``mobility``;
  ``vegetation_soil`` (storage, negative).

They roll up into the contract stages (:data:`STAGES`): ``works`` (the first six),
``operation_energy``, ``mobility`` and ``vegetation_soil``. "Buildings and works" means
every stage but mobility.

Most emissions are linear in the factors, so an option compiles into a coefficient tensor
``coef[option, part, year, factor]`` [tCO2e per factor unit]. The non-linear pieces are
evaluated beside it, vectorised over draws: energy (carrier trajectories whose target and
target year are uncertain), car occupancy (the car factor is per vehicle-km) and the tree
storage cap. Monte Carlo uses common random numbers: one draw of every factor applies to
every option, so differences between options are not blurred by independent noise.

Conventions at the edges of the balance (``boundaries``, :data:`.compiled.DEFAULT_BOUNDARIES`
when none is given): works delivered late carry their full life cycle or a prorated share
(:func:`delivery_share`); kept existing structures are never demolished, demolished in a
stated year or their demolition is counted for the years of their life in the period
(:func:`kept_structure_demolition`); the dynamic weighting starts at a common year or at
each building's works (:func:`weighted_profile`); the carbon value is discounted to a base
year (:func:`monetise`); the combustion share of car-km falls as the fleet renews after the
end of combustion-car sales (:func:`combustion_share_of_car_km`).

One module per concern:

* :mod:`.keys`: parts, stages, carriers, modes, factor keys;
* :mod:`.dynamic`: RE2020 dynamic weights, thresholds, static equivalent;
* :mod:`.factors`: the factor table with the site's overrides and trajectories;
* :mod:`.lifecycle`, :mod:`.energy`, :mod:`.mobility`, :mod:`.vegetation`: what each part
  of an option emits or stores, and when;
* :mod:`.compiled`, :mod:`.build`: the compiled model and its compilation;
* :mod:`.evaluation`: totals, cumulative emissions, payback;
* :mod:`.indicators`: ratios, RE2020 check, monetised emissions;
* :mod:`.montecarlo`, :mod:`.sensitivity`: uncertainty and what flips the ranking;
* :mod:`.ranking`: orders and gaps between options, what can reverse the ranking;
* :mod:`.service`: equal service (rehoused households heated);
* :mod:`.robustness`: the sign of each option's gap to the reference across scenarios.

Factors, their ranges and sources live in ``qsp_lib/ghg/data/ghg_factors.csv``; the RE2020
dynamic weights in ``re2020_dynamic_weights.csv``; limits and benchmarks in
``ghg_benchmarks.csv``; the carbon value in ``carbon_values.csv``. This package reads none
of them: :mod:`qsp_lib.ghg.reference` loads them and the tables are passed in. Parameters
are validated by :mod:`qsp_lib.ghg.schema` before they reach it. It holds no wording: the
French text of the brief is in :mod:`qsp_lib.ghg.wording` and the notebook.
"""

from qsp_lib.ghg.model.build import build_model
from qsp_lib.ghg.model.compiled import DEFAULT_BOUNDARIES, GhgModel
from qsp_lib.ghg.model.dynamic import (
    JOOS_A,
    JOOS_A0,
    JOOS_TAU_YEARS,
    agwp_co2,
    dynamic_weight_formula,
    dynamic_weights,
    re2020_threshold,
    static_equivalent_ratio,
)
from qsp_lib.ghg.model.energy import carrier_paths, linear_ratio
from qsp_lib.ghg.model.evaluation import (
    compared_parts,
    cumulative,
    default_payback_reference,
    evaluate_totals,
    lifecycle_totals,
    mobility_is_shared,
    option_totals,
    payback_years,
    profile_array,
    totals,
    weighted_profile,
)
from qsp_lib.ghg.model.factors import apply_overrides, apply_trajectories, flatten_overrides
from qsp_lib.ghg.model.indicators import carbon_value_eur_per_t, monetise, ratios, re2020_check
from qsp_lib.ghg.model.keys import (
    BUILDING_STAGES,
    CAR_MODES,
    CARRIERS,
    DAYS_PER_YEAR,
    MODES,
    OVERRIDE_GROUPS,
    PARTS,
    STAGE_OF_PART,
    STAGES,
    WEIGHTINGS,
)
from qsp_lib.ghg.model.lifecycle import delivery_share, kept_structure_demolition
from qsp_lib.ghg.model.mobility import combustion_share_of_car_km, renewed_fleet_mix
from qsp_lib.ghg.model.montecarlo import (
    differences,
    monte_carlo,
    sample_factors,
    summarise_monte_carlo,
)
from qsp_lib.ghg.model.ranking import (
    CatchUp,
    Comparison,
    DifferenceRow,
    DriverRange,
    Flip,
    RankingSummary,
    catch_up,
    comparison,
    difference_rows,
    payback_status,
    ranking,
    ranking_summary,
    short_label,
    stage_table,
)
from qsp_lib.ghg.model.sensitivity import flip_value, ranking_drivers, tornado

__all__ = [
    "BUILDING_STAGES",
    "DEFAULT_BOUNDARIES",
    "CAR_MODES",
    "CARRIERS",
    "DAYS_PER_YEAR",
    "JOOS_A",
    "JOOS_A0",
    "JOOS_TAU_YEARS",
    "MODES",
    "OVERRIDE_GROUPS",
    "PARTS",
    "STAGE_OF_PART",
    "STAGES",
    "WEIGHTINGS",
    "CatchUp",
    "Comparison",
    "DifferenceRow",
    "DriverRange",
    "Flip",
    "GhgModel",
    "RankingSummary",
    "agwp_co2",
    "apply_overrides",
    "apply_trajectories",
    "build_model",
    "carbon_value_eur_per_t",
    "carrier_paths",
    "catch_up",
    "comparison",
    "compared_parts",
    "cumulative",
    "default_payback_reference",
    "difference_rows",
    "differences",
    "dynamic_weight_formula",
    "dynamic_weights",
    "evaluate_totals",
    "flatten_overrides",
    "flip_value",
    "lifecycle_totals",
    "linear_ratio",
    "mobility_is_shared",
    "monetise",
    "monte_carlo",
    "option_totals",
    "payback_status",
    "payback_years",
    "profile_array",
    "ranking",
    "ranking_drivers",
    "ranking_summary",
    "ratios",
    "re2020_check",
    "re2020_threshold",
    "sample_factors",
    "short_label",
    "stage_table",
    "static_equivalent_ratio",
    "summarise_monte_carlo",
    "tornado",
    "totals",
    "combustion_share_of_car_km",
    "delivery_share",
    "kept_structure_demolition",
    "renewed_fleet_mix",
    "weighted_profile",
]
