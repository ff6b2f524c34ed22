"""The compiled model: an option set as timed coefficients, and the arrays being filled
while it is compiled.

Most emissions are linear in the factors, so an option compiles into a coefficient tensor
``coef[option, part, year, factor]`` [tCO2e per factor unit]; the energy used
``energy_kwh[option, carrier, year]`` and the new canopy are kept beside it for the
non-linear pieces (carrier trajectories, tree storage cap).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from qsp_lib.ghg.model.keys import CARRIERS, PARTS

#: kgCO2e -> tCO2e
KG_TO_T = 1e-3

#: Conventions at the edges of the balance when none is given, in the shape
#: :class:`qsp_lib.ghg.schema.Boundaries` dumps them: full life of late deliveries (RE2020
#: reference life 50 years), kept structures never demolished, dynamic weighting from a
#: common year, carbon value discounted to the start year, no fleet renewal (the modal
#: shares as given). The parameter file's defaults are the schema's (fleet renewal on).
DEFAULT_BOUNDARIES = {
    "late_delivery": "full_life",
    "reference_life_years": 50,
    "kept_stock_end_of_life": "none",
    "kept_stock_end_of_life_year": None,
    "kept_structure_life_years": 100,
    "dynamic_anchor": "common_year",
    "discount_base_year": None,
    "fleet": {"end_of_combustion_sales_year": None, "car_lifetime_years": 18},
}


def with_defaults(boundaries: Mapping | None) -> dict:
    """:data:`DEFAULT_BOUNDARIES` completed by ``boundaries`` (``fleet`` key by key)."""
    out = {**DEFAULT_BOUNDARIES, **(boundaries or {})}
    out["fleet"] = {**DEFAULT_BOUNDARIES["fleet"], **((boundaries or {}).get("fleet") or {})}
    return out


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
    anchor_coef, anchor_energy : numpy.ndarray or None
        With the dynamic weighting anchored at each building's works
        (``boundaries["dynamic_anchor"] == "delivery_year"``), what to add to ``coef`` and
        ``energy_kwh`` weighted by :attr:`dynamic` to weight each works element by
        ``f(t - d)`` instead of ``f(t)`` (already weighted: summed with weight 1); None for a
        common anchor.
    boundaries : dict
        The conventions the model was compiled with (:data:`DEFAULT_BOUNDARIES` completed).
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
    anchor_coef: np.ndarray | None = None
    anchor_energy: np.ndarray | None = None
    boundaries: dict = field(default_factory=dict)

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

    def dynamic_rows(self, weights: np.ndarray) -> np.ndarray:
        """Rows of a (weightings, years) array that are this model's dynamic weights, the
        rows that get the delivery-anchor correction (all False for a common anchor)."""
        w = np.atleast_2d(weights)
        if self.anchor_coef is None or w.shape[1] != len(self.dynamic):
            return np.zeros(len(w), dtype=bool)
        return np.array([np.array_equal(row, self.dynamic) for row in w])


@dataclass
class Compilation:
    """What :func:`qsp_lib.ghg.model.build.build_model` fills, option by option.

    Attributes
    ----------
    n : int
        Study period N [years].
    start_year : int
        Calendar year of study year 0 [year].
    permit_lead_years : int
        Years between permit and works when a stock gives no permit year [years].
    re2020_limits : mapping of int to float
        RE2020 Ic_construction thresholds [kgCO2e/m² SHAB] by first year.
    kidx : dict of str to int
        Linear factor key -> index on the factor axis of ``coef``.
    soil_years : int
        Soil transition period after de-sealing [years].
    shares : dict of str to float
        Shares of construction, replacement and end of life in embodied carbon [-].
    replacement_years : int
        Replacement year after the works [years].
    static_ratio : float
        Mean dynamic weight of an Ic_construction [-] (dynamic -> static).
    new_fixed : bool
        True when the parameters impose the dynamic Ic of new construction.
    coef, energy, canopy, planting, dwellings, residents : numpy.ndarray
        The arrays of :class:`GhgModel` being filled.
    new_build : list of dict
        New-construction phases (see :attr:`GhgModel.new_build`).
    works_years : set of int
        Calendar years with works [year].
    boundaries : dict
        Conventions at the edges of the balance (:data:`DEFAULT_BOUNDARIES` completed).
    dynamic : numpy.ndarray
        RE2020 dynamic weight of study years 0..N [-] (for the delivery anchor).
    anchor_coef, anchor_energy : numpy.ndarray or None
        Delivery-anchor corrections being filled (see :class:`GhgModel`).
    """

    n: int
    start_year: int
    permit_lead_years: int
    re2020_limits: Mapping[int, float]
    kidx: dict[str, int]
    soil_years: int
    shares: dict[str, float]
    replacement_years: int
    static_ratio: float
    new_fixed: bool
    coef: np.ndarray
    energy: np.ndarray
    canopy: np.ndarray
    planting: np.ndarray
    dwellings: np.ndarray
    residents: np.ndarray
    new_build: list[dict] = field(default_factory=list)
    works_years: set[int] = field(default_factory=set)
    boundaries: dict = field(default_factory=dict)
    dynamic: np.ndarray | None = None
    anchor_coef: np.ndarray | None = None
    anchor_energy: np.ndarray | None = None

    @property
    def years(self) -> np.ndarray:
        """Study years 0..N."""
        return np.arange(self.n + 1)

    @staticmethod
    def empty(n_options: int, n: int, n_keys: int) -> dict[str, np.ndarray]:
        """Zeroed arrays for ``n_options`` options, years 0..``n`` and ``n_keys`` factors."""
        return {
            "coef": np.zeros((n_options, len(PARTS), n + 1, n_keys)),
            "energy": np.zeros((n_options, len(CARRIERS), n + 1)),
            "canopy": np.zeros(n_options),
            "planting": np.zeros(n_options, dtype=int),
            "dwellings": np.full(n_options, np.nan),
            "residents": np.full(n_options, np.nan),
        }
