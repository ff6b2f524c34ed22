"""The GHG study of a validated ``ghg_planning_options`` parameter set, run once.

:func:`run` builds the model from the reference data and the site's parameters, evaluates
the totals, the Monte Carlo, the ranking drivers, the paybacks and the indicators, and
returns them as one frozen :class:`GhgStudy` that the notebook reads (figures, sentences,
scraps). :func:`model_from_parameters` is the one recipe of the model that the notebook,
the tests and the benchmark share. The model itself (:mod:`qsp_lib.ghg.model`) reads no
files and holds no wording (:mod:`qsp_lib.ghg.wording`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qsp_lib.ghg.model.lifecycle import DEMOLITION_ON_SITE, DEMOLITION_ROUTES, FILL_TRANSPORT
from qsp_lib.ghg.model.ranking import (
    CatchUp,
    Comparison,
    DifferenceRow,
    RankingSummary,
    catch_up,
    comparison,
    difference_rows,
    ranking_summary,
)
from qsp_lib.ghg.model.robustness import P05, P50, P95, Robustness, robustness, verdict

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from qsp_lib.ghg.model import GhgModel
    from qsp_lib.ghg.schema import GhgPlanningOptionsParameters


def model_from_parameters(
    P: GhgPlanningOptionsParameters,
    transport: FillTransport | None = None,
    routes: DemolitionRoutes | None = None,
) -> GhgModel:
    """The :class:`qsp_lib.ghg.model.GhgModel` of validated parameters ``P``.

    Parameters
    ----------
    P : qsp_lib.ghg.schema.GhgPlanningOptionsParameters
        Validated parameters (factor overrides, trajectories, study period [years], start
        year, permit lead [years]); the options come from its site model (:func:`options`).
    transport : FillTransport, optional
        The transport of the berm's imported fill read from the materials analysis
        (:func:`fill_transport`); counted only when it covers every option.
    routes : DemolitionRoutes, optional
        The emissions of the routes of each option's demolished materials read from the
        materials analysis (:func:`demolition_routes`); when given for every option, the
        demolition stage is the on-site works plus these routes, else the all-in factor.

    Returns
    -------
    qsp_lib.ghg.model.GhgModel
        See :func:`qsp_lib.ghg.model.build_model`.

    References
    ----------
    Dynamic weights: arrêté du 4 août 2021 (RE2020), annexe, as computed by
    :func:`qsp_lib.ghg.model.dynamic_weights` (IPCC AR5; Joos et al. 2013).
    """
    from qsp_lib.ghg import model as ghg
    from qsp_lib.ghg import reference

    factors = ghg.apply_trajectories(
        ghg.apply_overrides(reference.ghg_factors(), P.factors.model_dump()),
        P.trajectories.model_dump(),
    )
    # the on-site demolition factor (added after the others) is drawn last: the Monte Carlo
    # draws of every other factor stay those the same seed gave before it existed
    late = [DEMOLITION_ON_SITE]
    factors = factors.loc[[k for k in factors.index if k not in late] + late]
    by_option = transport.by_option if transport is not None else {}
    if by_option:
        factors = _with_fill_transport(factors)
    routes_by_option = routes.by_option if routes is not None else {}
    if routes_by_option:
        factors = _with_pseudo_factor(
            factors,
            DEMOLITION_ROUTES,
            "Transport et traitement des matériaux démolis (flux de la note sur les matériaux)",
        )
    return ghg.build_model(
        options(P, by_option, routes_by_option),
        factors,
        ghg.dynamic_weights(reference.re2020_dynamic_weights(), P.study_period_years),
        reference.re2020_limits(),
        study_period_years=P.study_period_years,
        start_year=P.start_year,
        permit_lead_years=P.permit_lead_years,
        boundaries=P.boundaries.model_dump(),
    )


#: What a building's fate in the site model means for the GHG model.
WORKS_OF_FATE = {
    "keep": "unchanged",
    "rehabilitate": "rehabilitation",
    "demolish": "demolition",
    "new": "new",
}


def _with_fill_transport(factors: pd.DataFrame) -> pd.DataFrame:
    """The factor table with the pseudo-factor of the imported fill's transport (1, fixed)."""
    return _with_pseudo_factor(
        factors,
        FILL_TRANSPORT,
        "Transport du remblai importé de la butte (note sur les matériaux)",
    )


def _with_pseudo_factor(factors: pd.DataFrame, key: str, label: str) -> pd.DataFrame:
    """The factor table with a pseudo-factor ``key`` (value 1, fixed: no range) whose
    coefficients are emissions [tCO2e] computed by another note."""
    import pandas as pd

    row = {c: None for c in factors.columns}
    row.update(
        label=label,
        value=1.0,
        low=1.0,
        high=1.0,
        unit="tCO2e/tCO2e",
        overridden=False,
    )
    return pd.concat([factors, pd.DataFrame([row], index=[key])])


@dataclass(frozen=True)
class FillTransport:
    """Transport of the berm's imported fill, as the materials analysis balanced it.

    Attributes
    ----------
    by_option : dict of str to float
        Option name -> ``import_transport_t_co2e`` of ``materials_fill_balance`` [tCO2e];
        empty when nothing is counted.
    executed_at : str or None
        When the materials notebook ran (``run.json``), ISO.
    folder : str
        The run folder read.
    missing : str or None
        Why nothing is counted (a key of :data:`qsp_lib.ghg.wording.FILL_MISSING_FR`), None
        when it is counted or when the site has no berm.
    """

    by_option: dict[str, float]
    executed_at: str | None
    folder: str
    missing: str | None


#: The analysis that balances the berm fill, and its scrap.
MATERIALS, FILL_BALANCE = "circular_materials", "materials_fill_balance"


@dataclass(frozen=True)
class DemolitionRoutes:
    """Emissions of the routes of each option's demolished materials, as the materials
    analysis computed them from its flows (crushing, transport to each destination, fossil
    CO2 of energy recovery: what its net avoided emissions deduct).

    Attributes
    ----------
    by_option : dict of str to float
        Option name -> ``routes_t_co2e`` of ``materials_by_option`` [tCO2e]; empty when
        they are not counted (the demolition stage then takes the all-in factor).
    executed_at : str or None
        When the materials notebook ran (``run.json``), ISO.
    folder : str
        The run folder read.
    missing : str or None
        Why they are not counted (a key of :data:`qsp_lib.ghg.wording.ROUTES_MISSING_FR`),
        None when they are.
    """

    by_option: dict[str, float]
    executed_at: str | None
    folder: str
    missing: str | None


#: The scrap of the materials analysis that gives each option's routes, and its column.
BY_OPTION, ROUTES_COLUMN = "materials_by_option", "routes_t_co2e"


def _materials_table(P: GhgPlanningOptionsParameters, scrap: str, column: str):
    """``(values by option name, executed_at, folder, missing)`` of ``column`` of the
    materials analysis's table ``scrap`` in the run ``P`` belongs to: nothing when the
    results are absent (``"absent"``), the notebook failed (``"failed"``) or the table
    misses an option (``"incomplete"``)."""
    from qsp_lib.core import results as run_outputs

    folder = run_outputs.outputs_dir(P)
    run = run_outputs.read_run(folder)
    entry = run["run"].get(MATERIALS)
    rows = run["results"].get(MATERIALS, {}).get(scrap)
    executed_at = entry.get("executed_at") if isinstance(entry, dict) else None
    if isinstance(entry, dict) and entry.get("status") not in (None, "ok", "reused"):
        return {}, executed_at, str(folder), "failed"
    if not isinstance(rows, list) or not rows:
        return {}, executed_at, str(folder), "absent"
    found = {
        str(r.get("option")): float(r[column])
        for r in rows
        if isinstance(r, dict) and r.get(column) is not None
    }
    names = [o.name for o in P.site_model.options.items]
    if any(n not in found for n in names):
        return {}, executed_at, str(folder), "incomplete"
    return {n: found[n] for n in names}, executed_at, str(folder), None


def demolition_routes(P: GhgPlanningOptionsParameters) -> DemolitionRoutes:
    """The emissions of the routes of each option's demolished materials, from the
    materials analysis's results of the run ``P`` belongs to (``P.outputs_dir``; by hand,
    the site's last run ``outputs/<site>``): column ``routes_t_co2e`` of
    ``materials_by_option``, options matched by name.

    Nothing is counted (``missing`` says why; the demolition stage then keeps the all-in
    factor) when the results are absent, when the materials notebook failed, or when its
    table misses an option or the column; never a silent zero.
    """
    return DemolitionRoutes(*_materials_table(P, BY_OPTION, ROUTES_COLUMN))


def fill_transport(P: GhgPlanningOptionsParameters) -> FillTransport:
    """The transport of the berm's imported fill of each option, from the materials
    analysis's results of the run ``P`` belongs to (``P.outputs_dir``; by hand, the site's
    last run ``outputs/<site>``).

    Options are matched by name. Nothing is counted (``missing`` says why) when the results
    are absent, when the materials notebook failed, or when its balance misses an option;
    never a silent zero. A site without a berm has nothing to count.
    """
    from qsp_lib.core import results as run_outputs

    if P.site_model.berm is None:
        return FillTransport({}, None, str(run_outputs.outputs_dir(P)), None)
    return FillTransport(*_materials_table(P, FILL_BALANCE, "import_transport_t_co2e"))


def residents_by_option(P: GhgPlanningOptionsParameters) -> dict[str, float]:
    """Option name -> future residents used by mobility (``site.future_residents``)."""
    site = P.site_model
    return {o.name: float(site.future_residents(o.id)) for o in site.options.items}


def options(
    P: GhgPlanningOptionsParameters,
    fill_transport_t_co2e: dict[str, float] | None = None,
    routes_t_co2e: dict[str, float] | None = None,
) -> list[dict]:
    """The options of the site model as :func:`qsp_lib.ghg.model.build_model` takes them.

    Each building present under an option (``site.buildings_under(option)``) is one stock:
    its fate gives the works (keep -> unchanged, rehabilitate, demolish, new), its living
    area and dwellings the stock's, its works years (calendar years in ``site.yaml``) the
    phase years since ``P.start_year``, and its typology the energy before and after the
    works (``P.typologies``) with its heating carrier. Dwellings of the option are those of
    its buildings not demolished; its residents are ``site.future_residents(option)``
    (dwellings x persons per dwelling), used by mobility. The berm's fill volume
    (``site.berm.fill_volume_m3``, 0 without a berm) is priced as earthworks in every
    option's outdoor works, with the transport of its imported share when it is given.
    When the routes of an option's demolished materials are given, each building it
    demolishes carries a share of them in proportion to its living area (the materials
    analysis gives them per option, not per building; the share only places them in time).

    Parameters
    ----------
    P : qsp_lib.ghg.schema.GhgPlanningOptionsParameters
        Validated parameters (and their site model, ``P.site_model``).
    fill_transport_t_co2e : dict of str to float, optional
        Option name -> transport of the berm's imported fill [tCO2e]
        (:attr:`FillTransport.by_option`), a line of the outdoor works.
    routes_t_co2e : dict of str to float, optional
        Option name -> emissions of the routes of its demolished materials [tCO2e]
        (:attr:`DemolitionRoutes.by_option`), a line of the demolition stage.

    Returns
    -------
    list of dict
        One mapping per option of the site model, in its order (see :mod:`qsp_lib.ghg.model`).
    """
    site = P.site_model
    fill_m3 = site.berm.fill_volume_m3 if site.berm is not None else 0.0
    transport = dict(fill_transport_t_co2e or {})
    aligned = new_build_span(P) if P.new_build_phasing == "aligned_with_reference" else None
    service = P.equal_service
    rehoused = (
        {
            "energy_kwh_per_m2_year": service.rehoused_heated_kwh_per_m2_year,
            "carrier": None if service.rehoused_carrier == "site" else service.rehoused_carrier,
        }
        if service.count_rehoused
        else None
    )
    routes = dict(routes_t_co2e or {})
    out = []
    for option in site.options.items:
        ghg_block = P.options[option.id]
        residents = site.future_residents(option.id)
        outdoor = ghg_block.outdoor.model_dump() if ghg_block.outdoor else {}
        mobility = ghg_block.mobility.model_dump() if ghg_block.mobility else None
        stocks = [
            _stock(P, building, works, aligned)
            for building, works in site.buildings_under(option.id)
        ]
        if option.name in routes:
            _share_routes(stocks, routes[option.name])
        out.append(
            {
                "name": option.name,
                "description": option.description,
                "dwellings": float(site.dwellings(option.id)),
                "residents": residents,
                "stocks": stocks,
                "rehoused": rehoused,
                "outdoor": {
                    **outdoor,
                    "berm_earthworks_m3": fill_m3,
                    "berm_import_transport_t_co2e": transport.get(option.name, 0.0),
                },
                "mobility": {**mobility, "residents": residents} if mobility else None,
                "vegetation": ghg_block.vegetation.model_dump() if ghg_block.vegetation else None,
            }
        )
    return out


def _share_routes(stocks: list[dict], routes_t_co2e: float) -> None:
    """Give each demolished stock its share of its option's routes [tCO2e], in proportion
    to its living area (``routes_t_co2e`` of the stock)."""
    demolished = [s for s in stocks if s["works"] == "demolition"]
    area = sum(float(s["floor_area_m2"]) for s in demolished)
    for s in demolished:
        s["routes_t_co2e"] = routes_t_co2e * float(s["floor_area_m2"]) / area if area > 0 else 0.0


def new_build_span(P: GhgPlanningOptionsParameters) -> tuple[int, int] | None:
    """First and last calendar year [year] of the reference option's new build (site
    model), None when it builds nothing."""
    site = P.site_model
    ref = site.option(P.comparison_reference()).id
    works = [w for _, w in site.buildings_under(ref, "new")]
    if not works:
        return None
    return min(w.start_year for w in works), max(w.end_year for w in works)


def _stock(
    P: GhgPlanningOptionsParameters, building, works, aligned: tuple[int, int] | None = None
) -> dict:
    """One building under one option as a stock of the GHG model.

    The heating carriers follow ``P.heating`` (``site``: those of ``site.yaml``); with
    ``aligned`` (first, last calendar year), new build is spread over those years instead
    of its own (``P.new_build_phasing``), so that its permits and RE2020 thresholds follow.
    """
    typ = P.typologies[building.typology]
    kind = WORKS_OF_FATE[works.fate]
    before, after = P.heating.existing_before_works, P.heating.after_works
    existing = building.heating_carrier if before == "site" else before
    stock = {
        "label": building.name,
        "floor_area_m2": building.living_area_m2,
        "works": kind,
        "dwellings": building.dwellings,
        "construction_year": building.construction_year,
    }
    if kind != "unchanged":
        first, last = aligned if kind == "new" and aligned else (works.start_year, works.end_year)
        stock["works_year"] = first - P.start_year
        stock["works_year_end"] = last - P.start_year
    if kind == "unchanged":
        stock["energy_kwh_per_m2_year"] = typ.energy_kwh_per_m2_year
        stock["carrier"] = existing
    elif kind == "new":
        stock["energy_kwh_per_m2_year"] = typ.energy_kwh_per_m2_year
        stock["carrier"] = building.heating_carrier if after == "site" else after
    else:
        stock["energy_before_kwh_per_m2_year"] = typ.energy_kwh_per_m2_year
        stock["carrier_before"] = existing
    if kind == "rehabilitation":
        stock["energy_kwh_per_m2_year"] = typ.rehabilitated_kwh_per_m2_year
        own = typ.rehabilitated_carrier or building.heating_carrier
        stock["carrier"] = own if after == "site" else after
    return stock


# --------------------------------------------------------------------------- the study
@dataclass(frozen=True)
class Totals:
    """Central totals over the study period.

    Attributes
    ----------
    table : pandas.DataFrame
        ``option, stage, static_t_co2e, dynamic_t_co2e`` (the ``ghg_totals`` scrap).
    by_part : pandas.DataFrame
        ``option, part, stage, static_t_co2e, dynamic_t_co2e``.
    static, dynamic : dict of str to float
        Option -> total [tCO2e], with mobility.
    buildings_static, buildings_dynamic : dict of str to float
        Option -> buildings and works (every stage but mobility) [tCO2e].
    lead, buildings_lead, mobility_lead : dict of str to float
        Total, buildings and works, mobility [tCO2e] in the leading weighting.
    buildings_by_part : pandas.DataFrame
        Options (rows) x life-cycle parts but mobility (columns) [tCO2e], leading weighting.
    """

    table: pd.DataFrame
    by_part: pd.DataFrame
    static: dict[str, float]
    dynamic: dict[str, float]
    buildings_static: dict[str, float]
    buildings_dynamic: dict[str, float]
    lead: dict[str, float]
    buildings_lead: dict[str, float]
    mobility_lead: dict[str, float]
    buildings_by_part: pd.DataFrame


@dataclass(frozen=True)
class BuildingsGap:
    """What separates the highest and the lowest option in buildings and works.

    Attributes
    ----------
    total_t_co2e : float
        Highest minus lowest, buildings and works [tCO2e].
    works_t_co2e : float
        Of which works (construction, replacement, end of life, demolition, upkeep,
        outdoor) [tCO2e].
    energy_t_co2e : float
        Of which operation energy [tCO2e].
    """

    total_t_co2e: float
    works_t_co2e: float
    energy_t_co2e: float


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo (common random numbers) and what can flip the ranking.

    Attributes
    ----------
    draws : numpy.ndarray
        Totals [tCO2e], shape (draws, options), leading weighting.
    summary : pandas.DataFrame
        Indexed by option: ``p05_t_co2e, p50_t_co2e, p95_t_co2e, mean_t_co2e``.
    differences : pandas.DataFrame
        Indexed by option: the gap to the reference option, ``p05_t_co2e, p50_t_co2e,
        p95_t_co2e, mean_t_co2e, central_t_co2e`` [tCO2e].
    difference_rows : tuple of DifferenceRow
        The same, every option but the reference.
    drivers : pandas.DataFrame
        :func:`qsp_lib.ghg.model.ranking_drivers`.
    ranking : RankingSummary
    """

    draws: np.ndarray
    summary: pd.DataFrame
    differences: pd.DataFrame
    difference_rows: tuple[DifferenceRow, ...]
    drivers: pd.DataFrame
    ranking: RankingSummary


@dataclass(frozen=True)
class Payback:
    """When the emissions occur: cumulative curves and carbon payback.

    Attributes
    ----------
    reference : str
        Option the paybacks are measured against.
    cumulative : pandas.DataFrame
        Cumulative emissions [tCO2e] of the parts that differ (year x option).
    years : dict of str to int or None
        Payback [study years] of each option (None: not within the period).
    status : dict of str to str
        ``"never_above"``, ``"none"`` or ``"years"``.
    works_end_year : int
        Last calendar year with works [year].
    catch_up : CatchUp
        The highest option against the lowest, from the end of the works.
    """

    reference: str
    cumulative: pd.DataFrame
    years: dict[str, int | None]
    status: dict[str, str]
    works_end_year: int
    catch_up: CatchUp


@dataclass(frozen=True)
class Re2020Benchmarks:
    """RE2020 thresholds and how far the observed projects meet them.

    Attributes
    ----------
    share_meeting_2028, share_meeting_2031 : float
        Share of projects observed in zone H1a meeting the threshold [-].
    year_2028, year_2031 : int
        First year of the threshold [year].
    limit_2028, limit_2031 : float
        Ic_construction threshold [kgCO2e/m² SHAB].
    position_low, position_high : float
        Range of the projects' position against the threshold [-].
    """

    share_meeting_2028: float
    year_2028: int
    limit_2028: float
    share_meeting_2031: float
    year_2031: int
    limit_2031: float
    position_low: float
    position_high: float


@dataclass(frozen=True)
class Assumptions:
    """The factors the brief's assumptions cite.

    Attributes
    ----------
    share_construction, share_replacement, share_end_of_life : float
        Life-cycle shares of embodied carbon [-].
    replacement_years : float
        Replacement year after the works [years].
    rehabilitation_low, rehabilitation_high, demolition_low, demolition_high : float
        Planning ranges [kgCO2e/m²]; demolition: the on-site works when the routes of the
        materials come from the materials analysis, else the all-in factor.
    demolition_on_site : bool
        The demolition factor is the on-site works' alone (the routes are counted apart).
    demolition_value : float
        Central value of that demolition factor [kgCO2e/m²].
    unit : str
        Their unit.
    fixed : pandas.DataFrame
        Factors imposed by the parameter file (``label, value, unit``).
    """

    share_construction: float
    share_replacement: float
    share_end_of_life: float
    replacement_years: float
    rehabilitation_low: float
    rehabilitation_high: float
    demolition_low: float
    demolition_high: float
    unit: str
    fixed: pd.DataFrame
    demolition_on_site: bool = False
    demolition_value: float = 0.0


@dataclass(frozen=True)
class Money:
    """Emissions at the carbon value, discounted and not.

    Attributes
    ----------
    discounted_eur, undiscounted_eur : dict of str to float
        Option -> value [€2018], discounted to ``base_year`` at ``rate``, and the plain sum.
    rate : float
        Discount rate [-/yr].
    base_year : int
        Year discounted to [year].
    """

    discounted_eur: dict[str, float]
    undiscounted_eur: dict[str, float]
    rate: float
    base_year: int


#: The conventions shown beside each other, and their values (the first: the "other" of a
#: two-valued one is the value not used).
CONVENTIONS = {
    "late_delivery": ("full_life", "prorated"),
    "kept_stock_end_of_life": ("none", "demolished_at_year", "residual_value"),
    "dynamic_anchor": ("common_year", "delivery_year"),
    "fleet": ("renewal", "frozen"),
}


def _with_convention(P: GhgPlanningOptionsParameters, name: str, value: str):
    """``P`` with one boundary convention set to ``value`` (fleet: ``renewal`` uses the
    schema's default end-of-sales year when ``P`` has none, ``frozen`` none)."""
    b = P.boundaries
    if name == "fleet":
        default = type(b.fleet)().end_of_combustion_sales_year
        year = (b.fleet.end_of_combustion_sales_year or default) if value == "renewal" else None
        nb = b.model_copy(
            update={"fleet": b.fleet.model_copy(update={"end_of_combustion_sales_year": year})}
        )
    else:
        nb = b.model_copy(update={name: value})
    return P.model_copy(update={"boundaries": nb})


def convention_used(P: GhgPlanningOptionsParameters, name: str) -> str:
    """The value of convention ``name`` (a key of :data:`CONVENTIONS`) in ``P``."""
    if name == "fleet":
        return "renewal" if P.boundaries.fleet.end_of_combustion_sales_year else "frozen"
    return str(getattr(P.boundaries, name))


def conventions(
    P: GhgPlanningOptionsParameters,
    totals_lead: dict[str, float],
    dynamic: dict[str, float],
    transport: FillTransport | None = None,
    routes: DemolitionRoutes | None = None,
) -> pd.DataFrame:
    """Each boundary convention against its alternatives: central totals by option.

    The dynamic anchor is compared on the dynamic totals, every other convention in the
    leading weighting ``P.weighting``.

    Returns
    -------
    pandas.DataFrame
        ``convention, used, alternative, weighting, option, total_used_t_co2e,
        total_alternative_t_co2e, effect_t_co2e`` (alternative minus used),
        ``best_used`` and ``best_alternative`` (the lowest option with each).
    """
    import pandas as pd

    from qsp_lib.ghg import model as ghg

    rows = []
    for name, values in CONVENTIONS.items():
        used = convention_used(P, name)
        weighting = "dynamic" if name == "dynamic_anchor" else P.weighting
        base = dynamic if weighting == "dynamic" else totals_lead
        for value in values:
            if value == used:
                continue
            model = model_from_parameters(_with_convention(P, name, value), transport, routes)
            alt = ghg.option_totals(ghg.totals(model), weighting)
            best, best_used = min(alt, key=alt.get), min(base, key=base.get)
            rows += [
                {
                    "convention": name,
                    "used": used,
                    "alternative": value,
                    "weighting": weighting,
                    "option": o,
                    "total_used_t_co2e": base[o],
                    "total_alternative_t_co2e": alt[o],
                    "effect_t_co2e": alt[o] - base[o],
                    "best_used": best_used,
                    "best_alternative": best,
                }
                for o in model.options
            ]
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ScenarioInfo:
    """A structural scenario as the brief names it.

    Attributes
    ----------
    id, name, description : str
        ``base`` for the parameters as written.
    changes : dict
        What it changes in the parameters (empty for the base).
    """

    id: str
    name: str
    description: str
    changes: dict


#: The base scenario: the parameters as written.
BASE = ScenarioInfo(
    "base", "Base", "le modèle du site et le fichier de paramètres de la note tels qu'écrits", {}
)


@dataclass(frozen=True)
class Scenarios:
    """The gap of each option to the reference in every structural scenario.

    Attributes
    ----------
    items : tuple of ScenarioInfo
        The base first, then ``P.scenarios`` in their order.
    table : pandas.DataFrame
        ``scenario, label, option, difference_t_co2e_p05, difference_t_co2e_p50,
        difference_t_co2e_p95`` [tCO2e], ``central_t_co2e`` [tCO2e] and ``verdict``
        (:func:`qsp_lib.ghg.model.robustness.verdict`): option minus reference, the
        reference left out (the ``ghg_scenarios`` scrap but the last two).
    robustness : tuple of Robustness
        Per option, :func:`qsp_lib.ghg.model.robustness.robustness` of ``table``.
    base_draws, draws : int
        Draws of the base scenario (the main envelope) and of each other scenario.
    """

    items: tuple[ScenarioInfo, ...]
    table: pd.DataFrame
    robustness: tuple[Robustness, ...]
    base_draws: int
    draws: int

    def name(self, scenario_id: str) -> str:
        """The name of scenario ``scenario_id``."""
        return next(s.name for s in self.items if s.id == scenario_id)


@dataclass(frozen=True)
class GhgStudy:
    """Everything the brief shows, computed once from the parameters.

    Attributes
    ----------
    model : qsp_lib.ghg.model.GhgModel
    weighting : {"static", "dynamic"}
        The leading weighting.
    names : tuple of str
        Options, in input order.
    period_years : int
        Study period N [years].
    reference_option : str
        The option every other one is compared with.
    shared_mobility : bool
        Every option has the same mobility (it cancels in the differences).
    totals : Totals
    comparison, buildings_comparison : Comparison
        Of the totals and of buildings and works, leading weighting.
    buildings_gap : BuildingsGap
    uncertainty : Uncertainty
    payback : Payback
    ratios : pandas.DataFrame
        Indexed by option: per dwelling [tCO2e], per inhabitant and year [tCO2e/yr].
    re2020 : pandas.DataFrame
        :func:`qsp_lib.ghg.model.re2020_check`.
    re2020_benchmarks : Re2020Benchmarks
    monetised_eur : dict of str to float
        Option -> emissions at the carbon value [€2018], discounted (``money.discounted_eur``).
    money : Money
        The same discounted and undiscounted, with the rate and the base year.
    conventions : pandas.DataFrame
        :func:`conventions`: each boundary convention against its alternatives.
    assumptions : Assumptions
    sources : pandas.DataFrame
        Rows of "Hypothèses et sources".
    fill_transport : FillTransport
        The transport of the berm's imported fill read from the materials analysis.
    demolition_routes : DemolitionRoutes
        The routes of each option's demolished materials read from the materials analysis
        (the demolition stage's transport and treatment; all-in factor when missing).
    residents_by_option : dict of str to float
        Option name -> future residents used by mobility.
    scenarios : Scenarios
        The gap to the reference in every structural scenario, and its robustness.
    """

    model: GhgModel
    weighting: str
    names: tuple[str, ...]
    period_years: int
    reference_option: str
    shared_mobility: bool
    totals: Totals
    comparison: Comparison
    buildings_comparison: Comparison
    buildings_gap: BuildingsGap
    uncertainty: Uncertainty
    payback: Payback
    ratios: pd.DataFrame
    re2020: pd.DataFrame
    re2020_benchmarks: Re2020Benchmarks
    monetised_eur: dict[str, float]
    money: Money
    conventions: pd.DataFrame
    assumptions: Assumptions
    sources: pd.DataFrame
    fill_transport: FillTransport
    demolition_routes: DemolitionRoutes
    residents_by_option: dict[str, float]
    scenarios: Scenarios

    @property
    def start_year(self) -> int:
        """Calendar year of study year 0 [year]."""
        return self.model.start_year

    @property
    def end_year(self) -> int:
        """Calendar year of the end of the study period [year]."""
        return self.model.start_year + self.period_years


def run(P: GhgPlanningOptionsParameters) -> GhgStudy:
    """Run the GHG study of parameters ``P``.

    Parameters
    ----------
    P : qsp_lib.ghg.schema.GhgPlanningOptionsParameters

    Returns
    -------
    GhgStudy

    References
    ----------
    .. [1] NF EN 15978 (2012); arrêté du 4 août 2021 (RE2020), annexes I and II; Quinet
       (2019), La valeur de l'action pour le climat (see :mod:`qsp_lib.ghg.model`).
    """
    from qsp_lib.ghg import model as ghg

    transport = fill_transport(P)
    routes = demolition_routes(P)
    model = model_from_parameters(P, transport, routes)
    tot = totals(P, model)
    reference_option = P.comparison_reference()
    payback_reference = P.payback_reference or ghg.default_payback_reference(model)
    cmp = comparison(tot.lead, payback_reference)
    cmp_b = comparison(tot.buildings_lead, payback_reference)
    money = monetised(P, model)
    unc = uncertainty(P, model, tot)
    return GhgStudy(
        model=model,
        weighting=P.weighting,
        names=tuple(model.options),
        period_years=model.study_period_years,
        reference_option=reference_option,
        shared_mobility=ghg.mobility_is_shared(model),
        totals=tot,
        comparison=cmp,
        buildings_comparison=cmp_b,
        buildings_gap=_buildings_gap(tot, cmp_b),
        uncertainty=unc,
        payback=payback(P, model, payback_reference, cmp),
        ratios=ghg.ratios(model, tot.table, P.weighting).set_index("option"),
        re2020=ghg.re2020_check(model),
        re2020_benchmarks=_re2020_benchmarks(model),
        monetised_eur=money.discounted_eur,
        money=money,
        conventions=conventions(P, tot.lead, tot.dynamic, transport, routes),
        assumptions=_assumptions(model),
        sources=sources(P, model, transport, routes),
        fill_transport=transport,
        demolition_routes=routes,
        residents_by_option=residents_by_option(P),
        scenarios=scenarios(P, transport, unc, routes),
    )


def totals(P: GhgPlanningOptionsParameters, model: GhgModel) -> Totals:
    """Central :class:`Totals` of ``model`` (leading weighting ``P.weighting``)."""
    from qsp_lib.ghg import model as ghg

    table = ghg.totals(model)
    by_part = ghg.lifecycle_totals(model)
    lead = P.weighting
    per = {
        (w, b): ghg.option_totals(table, w, ghg.BUILDING_STAGES if b else None)
        for w in ghg.WEIGHTINGS
        for b in (False, True)
    }
    parts = [p for p in ghg.PARTS if p != "mobility"]
    by_part_lead = by_part.pivot(index="option", columns="part", values=f"{lead}_t_co2e")
    return Totals(
        table=table,
        by_part=by_part,
        static=per["static", False],
        dynamic=per["dynamic", False],
        buildings_static=per["static", True],
        buildings_dynamic=per["dynamic", True],
        lead=per[lead, False],
        buildings_lead=per[lead, True],
        mobility_lead=ghg.option_totals(table, lead, ("mobility",)),
        buildings_by_part=by_part_lead.reindex(index=model.options, columns=parts),
    )


def _buildings_gap(tot: Totals, cmp_b: Comparison) -> BuildingsGap:
    """Highest minus lowest option in buildings and works, split into works and energy."""
    stack = tot.buildings_by_part
    not_works = ["operation_energy", "vegetation_soil"]
    hi, lo = cmp_b.worst, cmp_b.best
    return BuildingsGap(
        total_t_co2e=tot.buildings_lead[hi] - tot.buildings_lead[lo],
        works_t_co2e=float(
            stack.loc[hi].drop(not_works).sum() - stack.loc[lo].drop(not_works).sum()
        ),
        energy_t_co2e=float(stack.at[hi, "operation_energy"] - stack.at[lo, "operation_energy"]),
    )


def uncertainty(P: GhgPlanningOptionsParameters, model: GhgModel, tot: Totals) -> Uncertainty:
    """Monte Carlo of ``P.monte_carlo_draws`` draws (seed ``P.seed``), the gaps to the
    reference option and the drivers of the ranking, in the leading weighting."""
    from qsp_lib.ghg import model as ghg

    lead = P.weighting
    mc = ghg.monte_carlo(model, P.monte_carlo_draws, P.seed, P.distribution)
    ref = P.comparison_reference()
    diff = ghg.differences(model, mc[lead], ref, tot.lead)
    drivers = ghg.ranking_drivers(model, lead, mc[lead], mc["samples"])
    return Uncertainty(
        draws=mc[lead],
        summary=ghg.summarise_monte_carlo(model, mc[lead]).set_index("option"),
        differences=diff.set_index("option"),
        difference_rows=difference_rows(diff, ref),
        drivers=drivers,
        ranking=ranking_summary(drivers),
    )


def scenarios(
    P: GhgPlanningOptionsParameters,
    transport: FillTransport | None = None,
    base: Uncertainty | None = None,
    routes: DemolitionRoutes | None = None,
) -> Scenarios:
    """The gap of each option to the reference option in the base and in every scenario
    of ``P.scenarios``, and how its sign holds across them.

    Each scenario is the parameters with its ``changes`` deep-merged
    (:meth:`~qsp_lib.ghg.schema.GhgPlanningOptionsParameters.scenario_parameters`); its
    envelope draws the emission factors within their ranges, ``P.scenario_draws`` draws with
    seed ``P.seed`` (common random numbers across options, same seed in every scenario).
    The base reuses the main envelope ``base`` (``P.monte_carlo_draws`` draws) when given.

    Parameters
    ----------
    P : qsp_lib.ghg.schema.GhgPlanningOptionsParameters
    transport : FillTransport, optional
        The berm fill's transport (:func:`fill_transport`), the same in every scenario.
    base : Uncertainty, optional
        The main envelope of ``P`` (:func:`uncertainty`).
    routes : DemolitionRoutes, optional
        The routes of the demolished materials (:func:`demolition_routes`), the same in
        every scenario.

    Returns
    -------
    Scenarios

    References
    ----------
    .. [1] Walker, W. E., Haasnoot, M., Kwakkel, J. H. (2013). Adapt or perish: a review of
       planning approaches for adaptation under deep uncertainty. Sustainability 5(3),
       955-979.
    """
    import pandas as pd

    from qsp_lib.ghg import model as ghg

    items = [BASE] + [
        ScenarioInfo(s.id, s.name, s.description, dict(s.changes)) for s in P.scenarios
    ]
    ref = P.comparison_reference()
    rows = []
    for info, declared in zip(items, [None, *P.scenarios], strict=True):
        if declared is None and base is not None:
            diff = base.differences.reset_index()
        else:
            Ps = P if declared is None else P.scenario_parameters(declared)
            model = model_from_parameters(Ps, transport, routes)
            lead = ghg.option_totals(ghg.totals(model), P.weighting)
            mc = ghg.monte_carlo(model, P.scenario_draws, P.seed, P.distribution)
            diff = ghg.differences(model, mc[P.weighting], ref, lead)
        for r in diff.itertuples():
            if r.option == ref:
                continue
            rows.append(
                {
                    "scenario": info.id,
                    "label": info.name,
                    "option": r.option,
                    P05: float(r.p05_t_co2e),
                    P50: float(r.p50_t_co2e),
                    P95: float(r.p95_t_co2e),
                    "central_t_co2e": float(r.central_t_co2e),
                    "verdict": verdict(float(r.p05_t_co2e), float(r.p95_t_co2e)),
                }
            )
    table = pd.DataFrame(
        rows,
        columns=["scenario", "label", "option", P05, P50, P95, "central_t_co2e", "verdict"],
    )
    return Scenarios(
        items=tuple(items),
        table=table,
        robustness=tuple(robustness(table)),
        base_draws=P.monte_carlo_draws if base is not None else P.scenario_draws,
        draws=P.scenario_draws,
    )


def payback(
    P: GhgPlanningOptionsParameters, model: GhgModel, reference: str, cmp: Comparison
) -> Payback:
    """Cumulative emissions of the parts that differ, paybacks against ``reference`` (all
    parts), and how the highest option makes up its gap after the works."""
    from qsp_lib.ghg import model as ghg

    cum = ghg.cumulative(model, P.weighting, parts=ghg.compared_parts(model))
    years = ghg.payback_years(ghg.cumulative(model, P.weighting), reference)
    works_end = model.works_calendar_years[-1]
    return Payback(
        reference=reference,
        cumulative=cum,
        years=years,
        status=ghg.payback_status(years),
        works_end_year=works_end,
        catch_up=catch_up(cum, cmp.best, cmp.worst, works_end - model.start_year),
    )


def monetised(P: GhgPlanningOptionsParameters, model: GhgModel) -> Money:
    """Emissions at the carbon value [€2018] (the parameter, else France Stratégie's),
    discounted at ``P.discount_rate`` to ``P.boundaries.discount_base_year`` (else the start
    year), and undiscounted."""
    from qsp_lib.ghg import model as ghg
    from qsp_lib.ghg import reference

    points = P.carbon_value_eur_per_t_co2e or reference.carbon_value_points()
    base = P.boundaries.discount_base_year or P.start_year
    return Money(
        discounted_eur=ghg.monetise(model, points, P.discount_rate, base_year=base),
        undiscounted_eur=ghg.monetise(model, points, 0.0),
        rate=float(P.discount_rate),
        base_year=int(base),
    )


def _re2020_benchmarks(model: GhgModel) -> Re2020Benchmarks:
    """:class:`Re2020Benchmarks` from ``ghg_benchmarks.csv`` and the factor range of new
    construction."""
    from qsp_lib.ghg import reference

    b = reference.ghg_benchmarks()
    f = model.factors
    return Re2020Benchmarks(
        share_meeting_2028=float(b.at["re2020_h1a_share_meeting_2028", "value"]),
        year_2028=int(b.at["re2020_ic_construction_2028", "from_year"]),
        limit_2028=float(b.at["re2020_ic_construction_2028", "value"]),
        share_meeting_2031=float(b.at["re2020_h1a_share_meeting_2031", "value"]),
        year_2031=int(b.at["re2020_ic_construction_2031", "from_year"]),
        limit_2031=float(b.at["re2020_ic_construction_2031", "value"]),
        position_low=float(f.at["embodied_new", "low"]),
        position_high=float(f.at["embodied_new", "high"]),
    )


def _assumptions(model: GhgModel) -> Assumptions:
    """:class:`Assumptions` read from the model's factor table (the demolition range: the
    on-site works' when the model counts the materials' routes apart)."""
    f = model.factors
    on_site = DEMOLITION_ROUTES in model.factor_keys
    demolition = DEMOLITION_ON_SITE if on_site else "embodied_demolition"
    return Assumptions(
        share_construction=float(f.at["embodied_share_construction", "value"]),
        share_replacement=float(f.at["embodied_share_replacement", "value"]),
        share_end_of_life=float(f.at["embodied_share_end_of_life", "value"]),
        replacement_years=float(f.at["embodied_replacement_year", "value"]),
        rehabilitation_low=float(f.at["embodied_rehabilitation", "low"]),
        rehabilitation_high=float(f.at["embodied_rehabilitation", "high"]),
        demolition_low=float(f.at[demolition, "low"]),
        demolition_high=float(f.at[demolition, "high"]),
        unit=str(f.at["embodied_rehabilitation", "unit"]),
        fixed=f[f["overridden"]],
        demolition_on_site=on_site,
        demolition_value=float(f.at[demolition, "value"]),
    )


def sources(
    P: GhgPlanningOptionsParameters,
    model: GhgModel,
    transport: FillTransport | None = None,
    routes: DemolitionRoutes | None = None,
) -> pd.DataFrame:
    """Rows of "Hypothèses et sources" (:func:`qsp_lib.ghg.wording.sources_rows`), with a
    row for the transport of the berm's imported fill and one for the routes of the
    demolished materials, each saying which run it was read from (or why it is not)."""
    import pandas as pd

    from qsp_lib.ghg import model as ghg
    from qsp_lib.ghg import reference, wording

    rows = wording.sources_rows(
        model,
        ghg.flatten_overrides(P.factors.model_dump()),
        reference.ghg_benchmarks(),
        reference.re2020_dynamic_weights(),
        reference.carbon_values(),
        P.carbon_value_eur_per_t_co2e,
        {"draws": P.monte_carlo_draws, "distribution": P.distribution, "seed": P.seed},
    )
    rows = pd.concat([rows, _convention_rows(P)], ignore_index=True)
    extra = []
    if transport is not None and (transport.by_option or transport.missing is not None):
        counted = bool(transport.by_option)
        extra.append(
            {
                "item": "Transport du remblai importé de la butte, par option",
                "value": wording.fill_transport_phrase(transport.by_option) if counted else None,
                "source": "note sur les matériaux, " + _read_when(transport.executed_at),
                "note": "résultat d'une autre note"
                if counted
                else "non compté : " + wording.FILL_MISSING_FR[transport.missing],
            }
        )
    if routes is not None and (routes.by_option or routes.missing is not None):
        counted = bool(routes.by_option)
        extra.append(
            {
                "item": "Transport et traitement des matériaux démolis (concassage, transport, "
                "CO2 fossile de la valorisation énergétique), par option",
                "value": wording.routes_phrase(routes.by_option) if counted else None,
                "source": "note sur les matériaux, " + _read_when(routes.executed_at),
                "note": "résultat d'une autre note, valeur centrale fixe"
                if counted
                else "non repris : " + wording.ROUTES_MISSING_FR[routes.missing],
            }
        )
    if extra:
        extra = [{"unit": "", "low": None, "high": None, **r} for r in extra]
        rows = pd.concat([rows, pd.DataFrame(extra)], ignore_index=True)
    return rows.astype(object).where(rows.notna(), None)


def _read_when(executed_at: str | None) -> str:
    """``"calcul du 05/12/2026 à 09:25"`` (``"aucun calcul lu"`` without a date)."""
    from qsp_lib.core import style

    return f"calcul du {style.fr_datetime(executed_at)}" if executed_at else "aucun calcul lu"


def _convention_rows(P: GhgPlanningOptionsParameters) -> pd.DataFrame:
    """Rows of "Hypothèses et sources" for the values behind the boundary conventions
    (``ghg_conventions.csv``), with the values ``P`` uses (a value that differs from the
    file's is flagged as set by the parameter file)."""
    import pandas as pd

    from qsp_lib.ghg import reference

    ref = reference.ghg_conventions()
    b = P.boundaries
    used = {
        "public_discount_rate": P.discount_rate,
        "reference_life_years": b.reference_life_years,
        "end_of_combustion_sales_year": b.fleet.end_of_combustion_sales_year,
        "car_lifetime_years": b.fleet.car_lifetime_years,
        "kept_structure_life_years": b.kept_structure_life_years,
    }
    out = []
    for key, value in used.items():
        r = ref.loc[key]
        same = value is not None and float(value) == float(r["value"])
        shown, unit = value, r["unit"]
        if key == "public_discount_rate":  # shown in percent
            shown, unit = 100.0 * float(value), "%"
        elif unit == "année" and value is not None:  # a year, not a quantity
            shown = str(int(value))
        out.append(
            {
                "item": r["label"],
                "value": shown,
                "unit": unit,
                "low": float(r["low"]) if same and r["low"] != r["value"] else None,
                "high": float(r["high"]) if same and r["high"] != r["value"] else None,
                "source": r["source"] if same else "fichier de paramètres de la note",
                "note": ("hypothèse" if bool(r["assumption"]) else "")
                if same
                else "valeur imposée",
            }
        )
    return pd.DataFrame(out)
