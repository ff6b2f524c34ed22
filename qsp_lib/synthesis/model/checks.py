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
    """

    available: bool
    missing: tuple[str, ...]
    period_years: float
    basis: Literal["buildings", "totals"]
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
        Avoided by reuse and recycling [tCO2e].
    option : str or None
        Option whose works are compared.
    works_t_co2e : float or None
        Static emissions of its works [tCO2e].
    stages : tuple of str
        Life-cycle stages summed as works.
    share : float or None
        Avoided / works [-].
    """

    available: bool
    missing: tuple[str, ...]
    avoided_t_co2e: float | None = None
    option: str | None = None
    works_t_co2e: float | None = None
    stages: tuple[str, ...] = ()
    share: float | None = None


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
    """The three cross-checks of a run.

    Attributes
    ----------
    pv_ghg : PvGhgCheck
    materials_works : MaterialsWorksCheck
    spending_results : SpendingCheck
    """

    pv_ghg: PvGhgCheck
    materials_works: MaterialsWorksCheck
    spending_results: SpendingCheck


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
) -> PvGhgCheck:
    """The PV plant's avoided emissions over the study period against the options' emissions.

    The avoided emissions per year (net of the panels' life cycle, as the PV brief gives them)
    are multiplied by the GHG study period and compared with the reference option's emissions
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
    avoided = per_year * study_period_years
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

    Returns
    -------
    MaterialsWorksCheck

    References
    ----------
    Works emissions: NF EN 15978 stages A-C of the GHG brief; avoided emissions: the
    materials brief (substitution of natural aggregates and new products).
    """
    missing = []
    avoided = number(avoided_t_co2e)
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
) -> CrossChecks:
    """The three cross-checks from the scraps of the available notebooks.

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
        ),
        materials_works=materials_vs_works(
            mat.get("materials_avoided_t_co2e"), ghg.get("ghg_totals"), reference_option, best
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
    )
