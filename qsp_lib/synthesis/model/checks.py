"""Cross-checks between the briefs: figures of one analysis set against another's.

Three checks, numbers in and numbers out: the PV plant's avoided emissions against the
emissions of the planning options (:func:`pv_vs_ghg`), the emissions avoided by demolition
materials against the emissions of the works (:func:`materials_vs_works`), and PIA spending
against the results it funds (:func:`spending_vs_results`). A check lacking an input is
*unavailable* and names the scraps it lacks (``missing``); it never computes from zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

import pandas as pd

from qsp_lib.synthesis.model.values import (
    StatusCounts,
    number,
    records,
    status_class,
    status_counts,
)

#: Life-cycle stages of ``ghg_totals`` that are not works (the rest is embodied carbon of
#: construction, rehabilitation, demolition and outdoor works).
NOT_WORKS = ("operation", "energy", "mobility", "vegetation", "soil")

#: Counts of an evaluation that did not run: unknown, not zero.
UNKNOWN_COUNTS = StatusCounts(n=None, favourable=None, unfavourable=None, pending=None)


@dataclass(frozen=True)
class PvGhgCheck:
    """The PV plant's avoided emissions over the study period against the options'.

    Attributes
    ----------
    available : bool
        Both sides are known.
    missing : tuple of str
        Scraps lacking (``pv_avoided_t_co2e_per_year``, ``ghg_total_static_t_co2e``).
    period_years : float
        Study period [an].
    basis : {"buildings", "totals"}
        Emissions compared: buildings and works, or the totals when the former are absent.
    avoided_t_co2e : float or None
        Avoided emissions over the period [tCO2e].
    option : str or None
        Option compared against.
    option_t_co2e : float or None
        Its emissions on ``basis`` [tCO2e].
    share : float or None
        Avoided / option emissions [-].
    gap_t_co2e : float or None
        Highest minus lowest option on ``basis`` [tCO2e].
    gap_years : float or None
        Years of avoided emissions that equal the gap [an].
    per_option : DataFrame or None
        ``option``, ``emissions_t_co2e`` [tCO2e], ``share`` [-].
    years_counted : float or None
        Years of operation counted: the plant's lifetime within the study period [an].
    """

    available: bool
    missing: tuple[str, ...]
    period_years: float
    basis: Literal["buildings", "totals"]
    years_counted: float | None = None
    avoided_t_co2e: float | None = None
    option: str | None = None
    option_t_co2e: float | None = None
    share: float | None = None
    gap_t_co2e: float | None = None
    gap_years: float | None = None
    per_option: pd.DataFrame | None = None


@dataclass(frozen=True)
class MaterialsWorksCheck:
    """Emissions avoided by demolition materials against the emissions of the works.

    Attributes
    ----------
    available : bool
        Both sides are known.
    missing : tuple of str
        Scraps lacking (``materials_avoided_t_co2e``, ``ghg_totals``).
    avoided_t_co2e : float or None
        Avoided by the recovery of the materials [tCO2e]: net of the emissions of their
        routes (crushing, transport, fossil CO2 of energy recovery) when the materials brief
        gives it, else gross.
    option : str or None
        Option whose works are compared.
    works_t_co2e : float or None
        Static emissions of its works [tCO2e].
    stages : tuple of str
        Life-cycle stages summed as works.
    share : float or None
        Avoided / works [-].
    net : bool
        ``avoided_t_co2e`` is net of the routes' emissions.
    gross_t_co2e : float or None
        Gross avoided emissions (substitution only) [tCO2e].
    """

    available: bool
    missing: tuple[str, ...]
    avoided_t_co2e: float | None = None
    option: str | None = None
    works_t_co2e: float | None = None
    stages: tuple[str, ...] = ()
    share: float | None = None
    net: bool = False
    gross_t_co2e: float | None = None


@dataclass(frozen=True)
class SpendingCheck:
    """PIA spending against the results it funds.

    Attributes
    ----------
    available : bool
        The budget side is known (paid amount and a positive convention).
    missing : tuple of str
        Scraps lacking (``pia_paid_eur``, ``indicators_status``).
    paid_eur, convention_eur : float or None
        Paid subsidy and convention amount [€].
    paid_rate : float or None
        Paid / convention [-].
    indicators, pilots : StatusCounts
        Evaluation indicators and pilot objectives by status (:data:`UNKNOWN_COUNTS` when
        the evaluation is missing).
    results_available : bool
        The evaluation's statuses are known.
    per_action : DataFrame or None
        Per linked action: ``action_id``, ``title``, ``subsidy_eur`` [€], ``paid_eur`` [€],
        ``paid_rate`` [-], ``results``, ``favourable``, ``unfavourable``, ``pending`` [-].
    watch : tuple of str
        Actions paid at least the watch rate while one of their results is late.
    unknown_actions : tuple of str
        Linked action ids absent from the PIA follow-up.
    unknown_results : tuple of str
        Linked indicator or pilot names absent from the evaluation.
    """

    available: bool
    missing: tuple[str, ...]
    paid_eur: float | None
    convention_eur: float | None
    paid_rate: float | None
    indicators: StatusCounts = UNKNOWN_COUNTS
    pilots: StatusCounts = UNKNOWN_COUNTS
    results_available: bool = False
    per_action: pd.DataFrame | None = None
    watch: tuple[str, ...] = ()
    unknown_actions: tuple[str, ...] = ()
    unknown_results: tuple[str, ...] = ()

    @property
    def unknown_links(self) -> tuple[str, ...]:
        """Names of the links this run does not know, actions first."""
        return self.unknown_actions + self.unknown_results

    @property
    def linked(self) -> int:
        """Actions linked to at least one result [-]."""
        return 0 if self.per_action is None else len(self.per_action)


@dataclass(frozen=True)
class CrossChecks:
    """The cross-checks of a run.

    Attributes
    ----------
    pv_ghg : PvGhgCheck
    materials_works : MaterialsWorksCheck
    spending_results : SpendingCheck
    population, berm, demolition, fill : checks of the facts the notes share through the
        site model (:func:`site_facts`); None when :func:`cross_checks` was not given
        the site model's outcome.
    """

    pv_ghg: PvGhgCheck
    materials_works: MaterialsWorksCheck
    spending_results: SpendingCheck
    population: PopulationCheck | None = None
    berm: BermCheck | None = None
    demolition: DemolitionCheck | None = None
    fill: FillCheck | None = None


def _option(mapping: Mapping[str, Any], wanted: str | None, best: Any) -> str | None:
    """The option to compare against: ``wanted`` when the mapping has it, else the best
    option, else the one with the lowest value."""
    if wanted and wanted in mapping:
        return wanted
    if isinstance(best, str) and best in mapping:
        return best
    numeric = {k: number(v) for k, v in mapping.items() if number(v) is not None}
    return min(numeric, key=numeric.get) if numeric else None


def pv_vs_ghg(
    avoided_t_co2e_per_year: Any,
    study_period_years: float,
    totals_t_co2e: Mapping[str, Any] | None,
    buildings_t_co2e: Mapping[str, Any] | None = None,
    reference_option: str | None = None,
    best_option: Any = None,
    plant_lifetime_years: Any = None,
) -> PvGhgCheck:
    """The PV plant's avoided emissions over its life within the study period against the
    options' emissions.

    The avoided emissions per year (net of the panels' life cycle, as the PV brief gives them)
    are multiplied by the years the plant runs within the GHG study period (its lifetime when
    shorter: a 30-year plant avoids nothing in years 31-50 unless it is rebuilt, which the PV
    brief does not cost) and compared with the reference option's emissions
    of buildings and works (``ghg_buildings_static_t_co2e``; the totals when that scrap is
    absent), and with the gap between the most and least emitting options on the same basis.

    Parameters
    ----------
    avoided_t_co2e_per_year : float
        ``pv_avoided_t_co2e_per_year`` [tCO2e/an].
    study_period_years : float
        Study period of the GHG comparison [an].
    totals_t_co2e : dict
        ``ghg_total_static_t_co2e``: option -> total [tCO2e].
    buildings_t_co2e : dict, optional
        ``ghg_buildings_static_t_co2e``: option -> buildings and works [tCO2e].
    reference_option : str, optional
        Option to compare against; default the best option.
    best_option : str, optional
        ``ghg_best_option``.
    plant_lifetime_years : float, optional
        ``pv_lifetime_years`` [an]; when absent, the whole study period.

    Returns
    -------
    PvGhgCheck

    References
    ----------
    Emissions and study period as in the GHG brief (static life cycle, NF EN 15978 stages;
    RE2020 study period of 50 years, décret 2021-1004).
    """
    missing = []
    per_year = number(avoided_t_co2e_per_year)
    if per_year is None:
        missing.append("pv_avoided_t_co2e_per_year")
    use_buildings = isinstance(buildings_t_co2e, Mapping) and any(
        number(v) is not None for v in buildings_t_co2e.values()
    )
    basis_map = buildings_t_co2e if use_buildings else totals_t_co2e
    if not isinstance(basis_map, Mapping) or not basis_map:
        missing.append("ghg_total_static_t_co2e")
    basis = "buildings" if use_buildings else "totals"
    if missing:
        return PvGhgCheck(False, tuple(missing), study_period_years, basis)
    values = {k: number(v) for k, v in basis_map.items() if number(v) is not None}
    option = _option(values, reference_option, best_option)
    lifetime = number(plant_lifetime_years)
    years = min(study_period_years, lifetime) if lifetime else study_period_years
    avoided = per_year * years
    gap = max(values.values()) - min(values.values())
    per_option = pd.DataFrame(
        {
            "option": list(values),
            "emissions_t_co2e": list(values.values()),
            "share": [avoided / v if v > 0 else None for v in values.values()],
        }
    )
    return PvGhgCheck(
        available=True,
        missing=(),
        period_years=study_period_years,
        basis=basis,
        years_counted=years,
        avoided_t_co2e=avoided,
        option=option,
        option_t_co2e=values[option],
        share=avoided / values[option] if values[option] > 0 else None,
        gap_t_co2e=gap,
        gap_years=gap / per_year if per_year > 0 else None,
        per_option=per_option,
    )


def works_emissions(ghg_totals: Any, option: str) -> tuple[float | None, list[str]]:
    """Static emissions of the works of one option, from the ``ghg_totals`` records.

    Works are every life-cycle stage except operation energy, mobility and vegetation/soil
    storage (construction, rehabilitation, demolition, outdoor works, replacements, end of
    life).

    Returns
    -------
    (float or None, list of str)
        The sum [tCO2e] (None when the option has no works row) and the stages summed.

    References
    ----------
    NF EN 15978 (2012): modules A (product, construction), B (use: replacements) and C
    (end of life) are embodied; B6 (operational energy) is not.
    """
    df = records(ghg_totals)
    if df.empty or not {"option", "stage", "static_t_co2e"} <= set(df.columns):
        return None, []
    rows = df[df["option"] == option]
    rows = rows[[not any(m in str(s) for m in NOT_WORKS) for s in rows["stage"]]]
    values = [number(v) for v in rows["static_t_co2e"]]
    if rows.empty or any(v is None for v in values):
        return None, []
    return float(sum(values)), [str(s) for s in rows["stage"]]


def materials_vs_works(
    avoided_t_co2e: Any,
    ghg_totals: Any,
    reference_option: str | None = None,
    best_option: Any = None,
    net_t_co2e: Any = None,
) -> MaterialsWorksCheck:
    """Emissions avoided by the reuse and recycling of demolition materials against the
    emissions of the works of the reference option.

    Parameters
    ----------
    avoided_t_co2e : float
        ``materials_avoided_t_co2e`` [tCO2e].
    ghg_totals : list of records
        ``ghg_totals`` (``option``, ``stage``, ``static_t_co2e`` [tCO2e]).
    reference_option : str, optional
        The option the programme follows; default the best option.
    best_option : str, optional
        ``ghg_best_option``.
    net_t_co2e : float, optional
        ``materials_avoided_net_t_co2e`` [tCO2e]: compared in place of the gross when given
        (the routes' own emissions deducted; it may be negative).

    Returns
    -------
    MaterialsWorksCheck

    References
    ----------
    Works emissions: NF EN 15978 stages A-C of the GHG brief; avoided emissions: the
    materials brief (substitution of natural aggregates and new products).
    """
    missing = []
    gross = number(avoided_t_co2e)
    net = number(net_t_co2e)
    avoided = net if net is not None else gross
    if avoided is None:
        missing.append("materials_avoided_t_co2e")
    df = records(ghg_totals)
    options = list(dict.fromkeys(df["option"])) if "option" in df.columns else []
    if not options:
        missing.append("ghg_totals")
    if missing:
        return MaterialsWorksCheck(False, tuple(missing))
    option = _option({o: 0 for o in options}, reference_option, best_option)
    works, stages = works_emissions(df, option)
    if works is None:
        return MaterialsWorksCheck(False, ("ghg_totals",))
    return MaterialsWorksCheck(
        available=True,
        missing=(),
        avoided_t_co2e=avoided,
        option=option,
        works_t_co2e=works,
        stages=tuple(stages),
        share=avoided / works if works > 0 else None,
        net=net is not None,
        gross_t_co2e=gross,
    )


def _result_statuses(
    indicators: pd.DataFrame, pilots: pd.DataFrame
) -> tuple[dict[str, Any], dict[str, list]]:
    """Indicator name -> its status; pilot operation name -> the statuses of its objectives."""
    by_indicator = (
        dict(zip(indicators["indicator"].astype(str), indicators["status"], strict=True))
        if {"indicator", "status"} <= set(indicators.columns)
        else {}
    )
    by_pilot: dict[str, list] = {}
    if {"operation", "status"} <= set(pilots.columns):
        for op, st in zip(pilots["operation"].astype(str), pilots["status"], strict=True):
            by_pilot.setdefault(op, []).append(st)
    return by_indicator, by_pilot


def _per_action(
    actions: pd.DataFrame,
    links: Mapping[str, Mapping[str, Sequence[str]]],
    indicators: pd.DataFrame,
    pilots: pd.DataFrame,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows of the action-by-action check, and the linked names no result answers to."""
    by_indicator, by_pilot = _result_statuses(indicators, pilots)
    rows, unknown = [], []
    for action in actions.to_dict(orient="records"):
        aid = str(action["action_id"])
        link = links.get(aid)
        if not link:
            continue
        statuses = []
        for name in link.get("indicators", []):
            if name in by_indicator:
                statuses.append(by_indicator[name])
            else:
                unknown.append(name)
        for name in link.get("pilots", []):
            if name in by_pilot:
                statuses.extend(by_pilot[name])
            else:
                unknown.append(name)
        classes = [status_class(s) for s in statuses]
        subsidy, paid = number(action.get("subsidy_eur")), number(action.get("paid_eur"))
        rows.append(
            {
                "action_id": aid,
                "title": str(action.get("title") or ""),
                "subsidy_eur": subsidy,
                "paid_eur": paid,
                "paid_rate": paid / subsidy if paid is not None and subsidy else None,
                "results": len(classes),
                "favourable": classes.count("favourable"),
                "unfavourable": classes.count("unfavourable"),
                "pending": classes.count("pending"),
            }
        )
    return rows, unknown


def spending_vs_results(
    paid_eur: Any,
    convention_eur: Any,
    by_action: Any = None,
    indicators_status: Any = None,
    pilots_status: Any = None,
    links: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    watch_paid_rate: float = 0.5,
) -> SpendingCheck:
    """PIA spending against the results it funds.

    Overall: the paid share of the convention beside the share of evaluation indicators
    reached or on track and of pilot objectives met. Action by action, when ``links`` says
    which indicators and pilot operations each action funds: the paid share of its subsidy
    beside the status of those results, and the actions to watch (paid share at least
    ``watch_paid_rate`` while one of their results is late or not met).

    Parameters
    ----------
    paid_eur, convention_eur : float
        ``pia_paid_eur`` and ``pia_convention_eur`` [€].
    by_action : list of records, optional
        ``pia_by_action`` (``action_id``, ``subsidy_eur`` [€], ``paid_eur`` [€]; ``title``).
    indicators_status : list of records, optional
        ``indicators_status`` (``indicator``, ``status``).
    pilots_status : list of records, optional
        ``pilots_status`` (``operation``, ``objective``, ``status``).
    links : dict, optional
        ``action_id -> {"indicators": [...], "pilots": [...]}`` (pilot operations by name).
    watch_paid_rate : float
        Paid share of an action's subsidy from which late results are flagged [-].

    Returns
    -------
    SpendingCheck
    """
    missing = []
    paid, conv = number(paid_eur), number(convention_eur)
    known = paid is not None and conv is not None and conv > 0
    if not known:
        missing.append("pia_paid_eur")
    ind, pil = records(indicators_status), records(pilots_status)
    if indicators_status is None and pilots_status is None:
        missing.append("indicators_status")
    check = SpendingCheck(
        available=known,
        missing=tuple(missing),
        paid_eur=paid,
        convention_eur=conv,
        paid_rate=paid / conv if paid is not None and conv else None,
        indicators=status_counts(ind) if indicators_status is not None else UNKNOWN_COUNTS,
        pilots=status_counts(pil) if pilots_status is not None else UNKNOWN_COUNTS,
        results_available=indicators_status is not None or pilots_status is not None,
    )
    actions = records(by_action)
    if not links or actions.empty or "action_id" not in actions.columns:
        return check
    rows, unknown = _per_action(actions, links, ind, pil)
    ids = set(actions["action_id"].astype(str))
    return replace(
        check,
        per_action=pd.DataFrame(rows) if rows else None,
        watch=tuple(
            r["action_id"]
            for r in rows
            if r["paid_rate"] is not None
            and r["paid_rate"] >= watch_paid_rate
            and r["unfavourable"]
        ),
        unknown_actions=tuple(a for a in links if a not in ids),
        unknown_results=tuple(dict.fromkeys(unknown)),
    )


def cross_checks(
    results: Mapping[str, Any],
    study_period_years: float,
    reference_option: str | None = None,
    action_results: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    watch_paid_rate: float = 0.5,
    facts: SiteFacts | None = None,
    run: Mapping[str, Any] | None = None,
) -> CrossChecks:
    """The cross-checks from the scraps of the available notebooks and the site model.

    Parameters
    ----------
    results : dict
        Notebook -> scrap -> value, of the available upstream notebooks only (a failed
        notebook's older scraps are not this run's figures).
    study_period_years : float
        Period over which the PV plant's yearly avoided emissions are counted [an].
    reference_option : str, optional
        The planning option the programme follows (default: the least emitting).
    action_results : dict, optional
        Which indicators and pilot operations each PIA action funds.
    watch_paid_rate : float
        Paid share from which an action with late results is flagged [-].
    facts : SiteFacts, optional
        :func:`site_facts` of the run's site model (None: unreadable, the shared-facts
        checks say what they lack).
    run : dict, optional
        ``run.json`` (notebook -> ``status``, ``fingerprint``...).

    Returns
    -------
    CrossChecks
    """
    pv = results.get("pv_yield", {})
    ghg = results.get("ghg_planning_options", {})
    mat = results.get("circular_materials", {})
    ev = results.get("evaluation_indicators", {})
    pia = results.get("pia_followup", {})
    best = ghg.get("ghg_best_option")
    return CrossChecks(
        pv_ghg=pv_vs_ghg(
            pv.get("pv_avoided_t_co2e_per_year"),
            study_period_years,
            ghg.get("ghg_total_static_t_co2e"),
            ghg.get("ghg_buildings_static_t_co2e"),
            reference_option,
            best,
            pv.get("pv_lifetime_years"),
        ),
        materials_works=materials_vs_works(
            mat.get("materials_avoided_t_co2e"),
            ghg.get("ghg_totals"),
            reference_option,
            best,
            mat.get("materials_avoided_net_t_co2e"),
        ),
        spending_results=spending_vs_results(
            pia.get("pia_paid_eur"),
            pia.get("pia_convention_eur"),
            pia.get("pia_by_action"),
            ev.get("indicators_status"),
            ev.get("pilots_status"),
            action_results,
            watch_paid_rate,
        ),
        population=population_check(
            facts, ghg.get("ghg_residents_by_option"), "evaluation_indicators" in results
        ),
        berm=berm_check(facts, run, list(results)),
        demolition=demolition_vs_area(mat.get("materials_total_t"), facts),
        fill=fill_balance_check(mat.get("materials_fill_balance"), ghg),
    )


# ------------------------------------------------------------------ facts shared via site.yaml
#: Demolition waste per m² of living area outside which the ratio is flagged [t/m²]
#: (hypothèse; typical 1960s concrete slab blocks: about 1.5 t/m², see
#: :func:`demolition_vs_area`).
DEMOLITION_RATIO_RANGE_T_PER_M2 = (0.5, 3.0)

#: The notebooks that read the berm's geometry: PV (panels on its faces) and acoustics
#: (its insertion loss, in the evaluation notebook).
BERM_READERS = ("pv_yield", "evaluation_indicators")


@dataclass(frozen=True)
class SiteFacts:
    """What the cross-checks read from the site model (``site.yaml``), as plain numbers.

    Attributes
    ----------
    residents : float
        Today's residents, sum of the zones [hab].
    future_residents : dict
        Option name -> residents once the option is complete [hab].
    reference_option : str
        Name of the reference option.
    demolished_area_m2 : float
        Living area the reference option demolishes [m²].
    demolished_typologies : tuple of str
        Typologies of the buildings it demolishes.
    berm : dict or None
        ``length_m``, ``height_m``, ``crest_width_m``, ``base_width_m``, ``slope_deg``,
        ``fill_volume_m3`` and ``faces`` (records ``id``, ``slope_deg``, ``azimuth_deg``);
        None when the site has no berm.
    """

    residents: float
    future_residents: dict[str, float]
    reference_option: str
    demolished_area_m2: float
    demolished_typologies: tuple[str, ...]
    berm: dict[str, Any] | None


def site_facts(site: Any) -> SiteFacts:
    """The numbers of a :class:`qsp_lib.core.site.SiteModel` the cross-checks compare."""
    ref = site.reference_option
    demolished = [b for b, _ in site.buildings_under(ref.id, "demolish")]
    berm = None
    if site.berm is not None:
        b = site.berm
        berm = {
            "length_m": b.length_m,
            "height_m": b.height_m,
            "crest_width_m": b.crest_width_m,
            "base_width_m": b.base_width_m,
            "slope_deg": b.slope_deg,
            "fill_volume_m3": b.fill_volume_m3,
            "faces": [
                {"id": f.id, "slope_deg": f.slope_deg, "azimuth_deg": f.azimuth_deg}
                for f in b.faces
            ],
        }
    return SiteFacts(
        residents=float(site.population.residents),
        future_residents={o.name: float(site.future_residents(o.id)) for o in site.options.items},
        reference_option=ref.name,
        demolished_area_m2=float(sum(b.living_area_m2 for b in demolished)),
        demolished_typologies=tuple(dict.fromkeys(b.typology for b in demolished)),
        berm=berm,
    )


@dataclass(frozen=True)
class PopulationCheck:
    """The population each note uses.

    Attributes
    ----------
    available : bool
        The site model was read.
    missing : tuple of str
        ``site.population`` when it was not; ``ghg_residents_by_option`` when the GHG note
        did not glue its residents (the comparison per option is then not available).
    residents : float or None
        Today's residents of the site model, the population the health note reads [hab].
    health_reads_site : bool
        The evaluation (health) note ran in this run, on the site model's zones.
    per_option : DataFrame or None
        ``option``, ``site_residents`` [hab], ``ghg_residents`` [hab] (None where the GHG
        note gives none), ``gap`` [hab] (GHG minus site model).
    mismatched : tuple of str
        Options whose GHG residents differ from the site model's by more than 0.5 hab.
    """

    available: bool
    missing: tuple[str, ...]
    residents: float | None = None
    health_reads_site: bool = False
    per_option: pd.DataFrame | None = None
    mismatched: tuple[str, ...] = ()

    @property
    def ghg_available(self) -> bool:
        """The GHG note glued its residents per option."""
        return "ghg_residents_by_option" not in self.missing and self.per_option is not None


def population_check(
    facts: SiteFacts | None, ghg_residents: Any, health_ran: bool = False
) -> PopulationCheck:
    """Today's residents of the site model (read by the health note, zone by zone) and the
    residents per option of the GHG note against the site model's future residents.

    Parameters
    ----------
    facts : SiteFacts or None
        :func:`site_facts` (None: the site model could not be read).
    ghg_residents : dict or None
        ``ghg_residents_by_option``: option name -> residents [hab].
    health_ran : bool
        The evaluation notebook is available in this run.

    Returns
    -------
    PopulationCheck
    """
    if facts is None:
        return PopulationCheck(False, ("site.population",))
    if not isinstance(ghg_residents, Mapping) or not ghg_residents:
        return PopulationCheck(
            True, ("ghg_residents_by_option",), facts.residents, health_ran, None
        )
    rows = []
    for option, site_value in facts.future_residents.items():
        ghg = number(ghg_residents.get(option))
        rows.append(
            {
                "option": option,
                "site_residents": site_value,
                "ghg_residents": ghg,
                "gap": None if ghg is None else ghg - site_value,
            }
        )
    per_option = pd.DataFrame(rows)
    mismatched = tuple(r["option"] for r in rows if r["gap"] is None or abs(r["gap"]) > 0.5)
    return PopulationCheck(True, (), facts.residents, health_ran, per_option, mismatched)


@dataclass(frozen=True)
class BermCheck:
    """The berm geometry PV and acoustics read.

    Attributes
    ----------
    applicable : bool
        The site has a berm (``False``: "sans objet").
    available : bool
        The site model was read.
    missing : tuple of str
        ``site.berm`` when the site model could not be read.
    section : dict or None
        :attr:`SiteFacts.berm`.
    readers : DataFrame or None
        ``notebook``, ``ran`` (bool), ``fingerprint`` (first 12 hex digits or None).
    same_run : bool
        Both readers ran in this run, hence on this run's ``site.yaml`` (their fingerprints
        include its hash).
    """

    applicable: bool
    available: bool
    missing: tuple[str, ...]
    section: dict[str, Any] | None = None
    readers: pd.DataFrame | None = None
    same_run: bool = False

    @property
    def faces(self) -> pd.DataFrame:
        """The berm's faces (``id``, ``slope_deg``, ``azimuth_deg``)."""
        faces = (self.section or {}).get("faces") or []
        return pd.DataFrame(faces, columns=["id", "slope_deg", "azimuth_deg"])


def berm_check(
    facts: SiteFacts | None, run: Mapping[str, Any] | None, available: Sequence[str]
) -> BermCheck:
    """The berm section of the site model and whether PV and acoustics ran on it.

    Parameters
    ----------
    facts : SiteFacts or None
        :func:`site_facts` (None: the site model could not be read).
    run : dict
        ``run.json``: notebook -> ``status``, ``fingerprint``...
    available : sequence of str
        Notebooks available in this run.

    Returns
    -------
    BermCheck
    """
    if facts is None:
        return BermCheck(True, False, ("site.berm",))
    if facts.berm is None:
        return BermCheck(False, True, ())
    run = run or {}
    rows = []
    for nb in BERM_READERS:
        entry = run.get(nb) if isinstance(run.get(nb), Mapping) else {}
        fp = entry.get("fingerprint")
        rows.append(
            {
                "notebook": nb,
                "ran": nb in available,
                "fingerprint": str(fp)[:12] if fp else None,
            }
        )
    readers = pd.DataFrame(rows)
    return BermCheck(True, True, (), facts.berm, readers, bool(readers["ran"].all()))


@dataclass(frozen=True)
class DemolitionCheck:
    """Demolition tonnage of the materials note against the demolished living area.

    Attributes
    ----------
    available : bool
        Both sides are known and the area is positive.
    missing : tuple of str
        ``materials_total_t``, ``site.buildings`` (no demolished area).
    total_t : float or None
        ``materials_total_t`` [t].
    option : str or None
        Option whose demolitions are counted (the reference option).
    area_m2 : float or None
        Living area it demolishes [m²].
    typologies : tuple of str
        Typologies of the demolished buildings.
    ratio_t_per_m2 : float or None
        Tonnage / area [t/m²].
    to_verify : bool
        The ratio lies outside :data:`DEMOLITION_RATIO_RANGE_T_PER_M2`.
    """

    available: bool
    missing: tuple[str, ...]
    total_t: float | None = None
    option: str | None = None
    area_m2: float | None = None
    typologies: tuple[str, ...] = ()
    ratio_t_per_m2: float | None = None
    to_verify: bool = False


def demolition_vs_area(
    total_t: Any,
    facts: SiteFacts | None,
    bounds: tuple[float, float] = DEMOLITION_RATIO_RANGE_T_PER_M2,
) -> DemolitionCheck:
    """Demolition tonnage per m² of living area demolished by the reference option.

    Parameters
    ----------
    total_t : float
        ``materials_total_t``: materials from the reference option's demolitions [t].
    facts : SiteFacts or None
        :func:`site_facts`.
    bounds : (float, float)
        Ratio outside which the tonnage is to be verified [t/m²].

    Returns
    -------
    DemolitionCheck

    References
    ----------
    Order of magnitude: the materials note's intensity table (``materials_intensity.csv``
    of :mod:`qsp_lib.materials`, not read here) gives about 1.45 t per m² of demolished
    floor for 1960s concrete slab blocks (range 1.0-2.0; ≈ 100 t per dwelling, ETI
    Construction); the 0.5-3 t/m² band flagged here is a hypothèse wide enough for light
    to heavy structures.
    """
    missing = []
    total = number(total_t)
    if total is None:
        missing.append("materials_total_t")
    if facts is None or facts.demolished_area_m2 <= 0:
        missing.append("site.buildings")
    if missing:
        return DemolitionCheck(False, tuple(missing))
    ratio = total / facts.demolished_area_m2
    return DemolitionCheck(
        available=True,
        missing=(),
        total_t=total,
        option=facts.reference_option,
        area_m2=facts.demolished_area_m2,
        typologies=facts.demolished_typologies,
        ratio_t_per_m2=ratio,
        to_verify=not bounds[0] <= ratio <= bounds[1],
    )


@dataclass(frozen=True)
class FillCheck:
    """The berm-fill balance of every option and whether the GHG note counts its transport.

    Attributes
    ----------
    available : bool
        The materials note glued ``materials_fill_balance``.
    missing : tuple of str
        ``materials_fill_balance``.
    per_option : DataFrame or None
        ``option``, ``fill_m3`` [m³], ``site_material_t`` [t], ``imported_fill_t`` [t],
        ``import_transport_t_co2e`` [tCO2e].
    ghg_counted : bool
        The GHG note counts the transport of imported fill (a scrap or a stage of
        ``ghg_totals`` naming the fill).
    applicable : bool
        Some option has fill to place (False: no berm, every ``fill_m3`` is zero).
    """

    available: bool
    missing: tuple[str, ...]
    per_option: pd.DataFrame | None = None
    ghg_counted: bool = False
    applicable: bool = True


FILL_COLUMNS = (
    "option",
    "fill_m3",
    "site_material_t",
    "imported_fill_t",
    "import_transport_t_co2e",
)


def _ghg_counts_fill(ghg: Mapping[str, Any]) -> bool:
    """The GHG note counted the transport of imported fill: its scrap
    ``ghg_fill_transport_t_co2e`` holds a number for some option (None: not counted)."""
    counted = ghg.get("ghg_fill_transport_t_co2e")
    return isinstance(counted, Mapping) and any(number(v) is not None for v in counted.values())


def fill_balance_check(fill_balance: Any, ghg: Mapping[str, Any] | None) -> FillCheck:
    """The fill balance per option (``materials_fill_balance``) and whether the GHG note
    counted the transport of imported fill.

    Returns
    -------
    FillCheck
    """
    df = records(fill_balance)
    if df.empty or not set(FILL_COLUMNS) <= set(df.columns):
        return FillCheck(False, ("materials_fill_balance",))
    fill = [number(v) for v in df["fill_m3"]]
    return FillCheck(
        True,
        (),
        df[list(FILL_COLUMNS)].reset_index(drop=True),
        _ghg_counts_fill(ghg or {}),
        applicable=any(v for v in fill if v is not None),
    )
