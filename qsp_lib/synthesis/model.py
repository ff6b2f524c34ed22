"""Committee synthesis: the figures of every brief of a run, checked against one another.

Plain functions over the tables a run leaves behind (read by
:func:`qsp_lib.core.results.read_run`): ``results`` (notebook -> scrap -> value),
``run`` (notebook -> status...), ``key_figures`` (notebook -> cards). A notebook that failed,
was not configured for the site or has not run is *missing*: it is reported with its reason
and never counted as zero.

Three audiences read the same numbers at different depths (:func:`sections_for`): the comité
de pilotage (elected officials, one printed page), the comité des partenaires (plus methods
and ranges) and the comité de suivi (plus operational detail and data quality).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from qsp_lib.core import style

#: Upstream notebooks in the order of the brief: name, theme, default title of the brief.
UPSTREAM: tuple[tuple[str, str, str], ...] = (
    ("pv_yield", "Énergie", "Productible photovoltaïque"),
    ("ghg_planning_options", "Carbone", "Émissions des options d'aménagement"),
    ("circular_materials", "Matériaux", "Économie circulaire des matériaux"),
    ("evaluation_indicators", "Santé et évaluation", "Santé et indicateurs d'évaluation"),
    ("pia_followup", "Budget", "Suivi financier de la convention PIA"),
)
THEMES = {name: theme for name, theme, _ in UPSTREAM}

AUDIENCES = ("comite_pilotage", "comite_partenaires", "comite_suivi")
AUDIENCE_LABELS = {
    "comite_pilotage": "Comité de pilotage",
    "comite_partenaires": "Comité des partenaires",
    "comite_suivi": "Comité de suivi",
}

#: What each audience is shown. Same numbers everywhere; depth differs.
_SECTIONS: dict[str, dict[str, Any]] = {
    "comite_pilotage": {
        "notes": False,
        "one_page": True,
        "sources_folder": False,
        "cross_check_tables": False,
        "changes_max_rows": 3,
        "methods": False,
        "ranges": False,
        "operations": False,
        "data_quality": False,
    },
    "comite_partenaires": {
        "notes": True,
        "one_page": False,
        "sources_folder": True,
        "cross_check_tables": True,
        "changes_max_rows": None,
        "methods": True,
        "ranges": True,
        "operations": False,
        "data_quality": False,
    },
    "comite_suivi": {
        "notes": True,
        "one_page": False,
        "sources_folder": True,
        "cross_check_tables": True,
        "changes_max_rows": None,
        "methods": True,
        "ranges": True,
        "operations": True,
        "data_quality": True,
    },
}

AVAILABLE = ("ok", "reused")
STATUS_FR = {
    "ok": "à jour",
    "reused": "à jour (résultats réutilisés)",
    "failed": "échec",
    "skipped": "non configurée",
    "absent": "non disponible",
}

#: Short description of each upstream method, for the partners (no figures: those come from
#: the runs).
METHODS = {
    "pv_yield": (
        "Production horaire d'une année type (pvlib : transposition de Perez 1990, "
        "température de cellule, pertes système, chaîne type PVGIS) ; P90 à partir des "
        "incertitudes de ressource et de modèle combinées ; coût actualisé de l'énergie (LCOE)."
    ),
    "ghg_planning_options": (
        "Analyse de cycle de vie des options (travaux, énergie, mobilité, végétation), en "
        "statique et en dynamique (pondération RE2020) ; fourchettes P5-P95 par tirages de "
        "Monte-Carlo à nombres aléatoires communs."
    ),
    "circular_materials": (
        "Inventaire PEMD (ou estimation par typologie), filières de destination, taux de "
        "valorisation au sens de la directive-cadre déchets 2008/98/CE (hors terres 17 05 04 "
        "et déchets dangereux), émissions évitées par substitution."
    ),
    "evaluation_indicators": (
        "Fonctions exposition-risque de l'OMS 2018 (directive 2020/367) pour le bruit, "
        "méthode AirQ+ pour les particules et le NO2, atténuation de la butte selon "
        "l'ISO 9613-2 ; statut des indicateurs contre une trajectoire linéaire."
    ),
    "pia_followup": (
        "Suivi des engagements et versements par action contre un échéancier linéaire entre "
        "dates de début et de fin ; prévision au rythme actuel et subvention à risque à "
        "l'échéance de la convention."
    ),
}

#: Scraps compared between two runs: notebook, scrap, French label, unit, scale, decimals.
COMPARED: tuple[tuple[str, str, str, str, float, int], ...] = (
    ("pv_yield", "pv_peak_power_kwp", "Puissance crête", "kWc", 1, 0),
    ("pv_yield", "pv_annual_energy_kwh", "Production annuelle", "MWh/an", 1e-3, 0),
    ("pv_yield", "pv_p90_annual_energy_kwh", "Production P90", "MWh/an", 1e-3, 0),
    ("pv_yield", "pv_specific_yield_kwh_per_kwp", "Productible", "kWh/kWc", 1, 0),
    ("pv_yield", "pv_lcoe_eur_per_mwh", "Coût actualisé", "€/MWh", 1, 0),
    ("pv_yield", "pv_avoided_t_co2e_per_year", "Émissions évitées", "tCO2e/an", 1, 1),
    (
        "ghg_planning_options",
        "ghg_buildings_static_t_co2e",
        "Émissions bâtiments et travaux",
        "tCO2e",
        1,
        0,
    ),
    ("ghg_planning_options", "ghg_total_static_t_co2e", "Émissions totales", "tCO2e", 1, 0),
    ("circular_materials", "materials_total_t", "Matériaux de démolition", "t", 1, 0),
    ("circular_materials", "materials_recovery_rate", "Taux de valorisation", "%", 100, 1),
    ("circular_materials", "materials_reuse_rate", "Taux de réemploi", "%", 100, 1),
    ("circular_materials", "materials_landfill_t", "Mis en décharge", "t", 1, 0),
    ("circular_materials", "materials_avoided_t_co2e", "Émissions évitées", "tCO2e", 1, 0),
    (
        "circular_materials",
        "materials_berm_fill_coverage",
        "Remblai de la butte couvert",
        "%",
        100,
        0,
    ),
    (
        "evaluation_indicators",
        "health_pop_above_lden53",
        "Habitants exposés au-dessus du seuil Lden",
        "pers.",
        1,
        0,
    ),
    ("evaluation_indicators", "health_highly_annoyed", "Personnes fortement gênées", "pers.", 1, 0),
    (
        "evaluation_indicators",
        "health_highly_sleep_disturbed",
        "Sommeil fortement perturbé",
        "pers.",
        1,
        0,
    ),
    (
        "evaluation_indicators",
        "health_ihd_cases_per_year",
        "Cardiopathies ischémiques",
        "cas/an",
        1,
        2,
    ),
    (
        "evaluation_indicators",
        "health_pm25_deaths_per_year",
        "Décès attribuables aux PM2,5",
        "décès/an",
        1,
        2,
    ),
    (
        "evaluation_indicators",
        "health_no2_deaths_per_year",
        "Décès attribuables au NO2",
        "décès/an",
        1,
        2,
    ),
    (
        "evaluation_indicators",
        "noise_berm_insertion_loss_dba",
        "Atténuation de la butte",
        "dB(A)",
        1,
        1,
    ),
    ("pia_followup", "pia_convention_eur", "Convention PIA", "€", 1, 0),
    ("pia_followup", "pia_committed_eur", "Subvention engagée", "€", 1, 0),
    ("pia_followup", "pia_paid_eur", "Subvention versée", "€", 1, 0),
    ("pia_followup", "pia_at_risk_eur", "Subvention à risque", "€", 1, 0),
    ("pia_followup", "pia_late_actions", "Actions en retard", "actions", 1, 0),
    ("pia_followup", "pia_alerts", "Alertes de cohérence", "alertes", 1, 0),
)

_KEY_LABELS = {"before": "avant projet", "after": "après projet"}

#: Life-cycle stages of ``ghg_totals`` that are not works (the rest is embodied carbon of
#: construction, rehabilitation, demolition and outdoor works).
_NOT_WORKS = ("operation", "energy", "mobility", "vegetation", "soil")


# ----------------------------------------------------------------------------- helpers
def sections_for(audience: str) -> dict[str, Any]:
    """What an audience is shown.

    Parameters
    ----------
    audience : {"comite_pilotage", "comite_partenaires", "comite_suivi"}

    Returns
    -------
    dict
        Flags ``notes`` (a line of meaning under each key figure), ``one_page`` (printed on
        one A4 page), ``sources_folder`` (the run folder listed in the sources),
        ``cross_check_tables``, ``methods``, ``ranges``, ``operations``, ``data_quality``,
        and ``changes_max_rows`` (at most this many rows of changes; None: all), plus
        ``label`` (the committee's French name).
    """
    if audience not in _SECTIONS:
        raise ValueError(f"audience {audience!r}: expected one of {', '.join(AUDIENCES)}")
    return {**_SECTIONS[audience], "label": AUDIENCE_LABELS[audience]}


def _number(value: Any) -> float | None:
    """A finite float, or None (absent, null, text, NaN)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _records(value: Any) -> pd.DataFrame:
    """A scrap stored as a list of records (or a DataFrame) as a DataFrame; empty otherwise."""
    if isinstance(value, pd.DataFrame):
        return value.copy()
    if isinstance(value, list) and all(isinstance(r, Mapping) for r in value):
        return pd.DataFrame(list(value))
    return pd.DataFrame()


def _fold(text: Any) -> str:
    """Lower case without accents, for tolerant matching of status words."""
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(s.lower().replace("_", " ").replace("-", " ").split())


_UNFAVOURABLE = re.compile(
    r"non atteint|pas atteint|retard|not met|non conforme|late|off track|a risque|at risk|echec"
)
_FAVOURABLE = re.compile(r"atteint|bonne voie|\bmet\b|conforme|on track|achieved|\bok\b|realise")


def status_class(status: Any) -> str:
    """Classify a status word of an indicator or a pilot objective.

    ``"atteint"``, ``"en bonne voie"``, ``"met"`` -> ``"favourable"``; ``"en retard"``,
    ``"non atteint"``, ``"not met"`` -> ``"unfavourable"``; anything else (``"sans
    donnée"``, ``"non mesuré"``, empty) -> ``"pending"``.
    """
    folded = _fold(status)
    if _UNFAVOURABLE.search(folded):
        return "unfavourable"
    if _FAVOURABLE.search(folded):
        return "favourable"
    return "pending"


# ------------------------------------------------------------------------ availability
def upstream_status(
    run: Mapping[str, Any],
    key_figures: Mapping[str, Any] | None = None,
    briefs: Sequence[str] | None = None,
    notebooks: Sequence[tuple[str, str, str]] = UPSTREAM,
) -> pd.DataFrame:
    """Which upstream briefs are available, and why the others are not.

    Parameters
    ----------
    run : dict
        ``run.json`` of the run (notebook -> entry with ``status`` and ``error``).
    key_figures : dict, optional
        ``key_figures.json`` (only counted here).
    briefs : list of str, optional
        Notebooks whose brief file exists; an available notebook is linked only if its brief
        does (None: assume it does).
    notebooks : sequence of (name, theme, title)

    Returns
    -------
    pandas.DataFrame
        One row per notebook: ``notebook``, ``theme``, ``title``, ``status`` (``ok``,
        ``reused``, ``failed``, ``skipped`` or ``absent``), ``status_fr``, ``available``
        (bool), ``reason`` (French, empty when available), ``link`` (``<name>.html`` or
        None), ``executed_at`` (ISO text or None), ``n_key_figures``.
    """
    key_figures = key_figures or {}
    rows = []
    for name, theme, title in notebooks:
        entry = run.get(name) if isinstance(run.get(name), Mapping) else {}
        status = str(entry.get("status", "absent"))
        error = " ".join(str(entry.get("error") or "").split())
        if len(error) > 200:
            error = error[:197] + "…"
        available = status in AVAILABLE
        stale = bool(entry.get("stale"))
        if available:
            reason = ""
        elif status == "failed":
            reason = "échec de l'exécution" + (f" : {error}" if error else "")
        elif status == "skipped":
            reason = "non configurée pour ce site" + (f" ({error})" if error else "")
        elif status == "absent" and not run:
            reason = "aucun résultat : le site n'a pas encore été exécuté"
        elif status == "absent":
            reason = "non exécutée pour ce site (pas de fichier de paramètres)"
        else:
            reason = f"état inconnu ({status})"
        has_brief = briefs is None or name in briefs
        cards = key_figures.get(name)
        rows.append(
            {
                "notebook": name,
                "theme": theme,
                "title": entry.get("title") or title,
                "status": status,
                "status_fr": (
                    "périmée : ses données ont changé depuis sa dernière exécution"
                    if stale and available
                    else STATUS_FR.get(status, status)
                ),
                "available": available,
                "reason": reason,
                "link": f"{name}.html" if available and has_brief else None,
                "executed_at": entry.get("executed_at") or entry.get("start"),
                "n_key_figures": len(cards) if available and isinstance(cards, list) else 0,
            }
        )
    return pd.DataFrame(rows)


def key_figures_frame(key_figures: Mapping[str, Any], status: pd.DataFrame) -> pd.DataFrame:
    """Every key-figure card of the available upstream briefs, in brief order.

    Parameters
    ----------
    key_figures : dict
        ``key_figures.json``: notebook -> list of cards ``{label, value, decimals, unit,
        note}`` as shown in that brief (``value`` a number, or the text shown with the
        number in ``number``, as ``brief.key_figures`` stores them for ``qsp run``).
    status : DataFrame
        From :func:`upstream_status`; cards of unavailable notebooks are left out (a failed
        notebook's figures are missing, not zero).

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``label``, ``value`` (float, None for a text card), ``text`` (the value
        as the brief shows it: French format with the card's decimals, or the card's text),
        ``decimals``, ``unit``, ``note``, ``source_notebook``.
    """
    rows = []
    for item in status.itertuples():
        if not item.available:
            continue
        cards = key_figures.get(item.notebook)
        for card in cards if isinstance(cards, list) else []:
            if not isinstance(card, Mapping) or "label" not in card:
                continue
            decimals = card.get("decimals")
            decimals = int(decimals) if _number(decimals) is not None else 0
            # qsp run stores the text shown in "value" and the number in "number"
            raw = card["number"] if "number" in card else card.get("value")
            value = _number(raw)
            rows.append(
                {
                    "theme": item.theme,
                    "label": str(card["label"]),
                    "value": value,
                    "text": card_text(card),
                    "decimals": decimals,
                    "unit": str(card.get("unit") or ""),
                    "note": str(card.get("note") or ""),
                    "source_notebook": item.notebook,
                }
            )
    columns = ["theme", "label", "value", "text", "decimals", "unit", "note", "source_notebook"]
    return pd.DataFrame(rows, columns=columns)


def card_text(card: Mapping[str, Any]) -> str:
    """A key-figure value as its brief shows it: a number in French format with the card's
    ``decimals`` (default 0), a text as it is (see ``qsp_lib.core.brief.key_figures``)."""
    value = card.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        decimals = card.get("decimals")
        return style.fr(value, int(decimals) if _number(decimals) is not None else 0)
    return "–" if value is None else str(value)


def theme_groups(status: pd.DataFrame, figures: pd.DataFrame) -> list[dict[str, Any]]:
    """Key figures grouped by upstream brief, for display (``brief.key_figure_groups``).

    Returns
    -------
    list of dict
        ``theme``, ``title``, ``link``, ``available``, ``reason``, ``cards`` (dicts with
        ``label``, ``text``, ``unit``, ``note``, ``numeric``), one per upstream notebook in
        brief order.
    """
    groups = []
    for item in status.itertuples():
        mine = figures[figures["source_notebook"] == item.notebook]
        reason = item.reason
        if item.available and mine.empty:
            reason = "aucun chiffre clé publié par cette note"
        groups.append(
            {
                "theme": item.theme,
                "title": item.title,
                "link": item.link if isinstance(item.link, str) else None,
                "available": bool(item.available) and not mine.empty,
                "reason": reason,
                "cards": [
                    {
                        "label": c.label,
                        "text": c.text,
                        "unit": c.unit,
                        "note": c.note,
                        "numeric": c.value is not None and not pd.isna(c.value),
                        "number": None if c.value is None or pd.isna(c.value) else c.value,
                        "decimals": c.decimals,
                    }
                    for c in mine.itertuples()
                ],
            }
        )
    return groups


def contract_key_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The ``synthesis_key_figures`` scrap: ``theme``, ``label``, ``value``, ``unit``,
    ``source_notebook`` (plus ``text`` and ``decimals``, the brief's formatting)."""
    return figures[
        ["theme", "label", "value", "unit", "source_notebook", "text", "decimals"]
    ].reset_index(drop=True)


# --------------------------------------------------------------------- cross-checks
def _option(mapping: Mapping[str, Any], wanted: str | None, best: Any) -> str | None:
    """The option to compare against: ``wanted`` when the mapping has it, else the best
    option, else the one with the lowest value."""
    if wanted and wanted in mapping:
        return wanted
    if isinstance(best, str) and best in mapping:
        return best
    numeric = {k: _number(v) for k, v in mapping.items() if _number(v) is not None}
    return min(numeric, key=numeric.get) if numeric else None


def pv_vs_ghg(
    avoided_t_co2e_per_year: Any,
    study_period_years: float,
    totals_t_co2e: Mapping[str, Any] | None,
    buildings_t_co2e: Mapping[str, Any] | None = None,
    reference_option: str | None = None,
    best_option: Any = None,
) -> dict[str, Any]:
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
    dict
        ``available`` (bool), ``missing`` (French list of what is lacking), ``period_years``,
        ``avoided_t_co2e`` (over the period), ``basis`` (French label of the compared
        emissions), ``option``, ``option_t_co2e``, ``share`` (avoided / option, fraction),
        ``gap_t_co2e`` (highest minus lowest option), ``gap_years`` (years of avoided
        emissions that equal the gap), ``per_option`` (DataFrame).

    References
    ----------
    Emissions and study period as in the GHG brief (static life cycle, NF EN 15978 stages;
    RE2020 study period of 50 years, décret 2021-1004).
    """
    missing = []
    per_year = _number(avoided_t_co2e_per_year)
    if per_year is None:
        missing.append("émissions évitées par la centrale photovoltaïque")
    use_buildings = isinstance(buildings_t_co2e, Mapping) and any(
        _number(v) is not None for v in buildings_t_co2e.values()
    )
    basis_map = buildings_t_co2e if use_buildings else totals_t_co2e
    if not isinstance(basis_map, Mapping) or not basis_map:
        missing.append("émissions des options d'aménagement")
        basis_map = {}
    out: dict[str, Any] = {
        "available": not missing,
        "missing": missing,
        "period_years": study_period_years,
        "basis": "des bâtiments et travaux" if use_buildings else "totales",
    }
    if missing:
        return out
    values = {k: _number(v) for k, v in basis_map.items() if _number(v) is not None}
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
    out.update(
        avoided_t_co2e=avoided,
        option=option,
        option_t_co2e=values[option],
        share=avoided / values[option] if values[option] > 0 else None,
        gap_t_co2e=gap,
        gap_years=gap / per_year if per_year > 0 else None,
        per_option=per_option,
    )
    return out


def works_emissions(ghg_totals: Any, option: str) -> tuple[float | None, list[str]]:
    """Static emissions of the works of one option, from the ``ghg_totals`` records.

    Works are every life-cycle stage except operation energy, mobility and vegetation/soil
    storage (construction, rehabilitation, demolition, outdoor works, replacements, end of
    life).

    Returns
    -------
    (float or None, list of str)
        The sum [tCO2e] (None when the option has no works row) and the stages summed.
    """
    df = _records(ghg_totals)
    if df.empty or not {"option", "stage", "static_t_co2e"} <= set(df.columns):
        return None, []
    rows = df[df["option"] == option]
    rows = rows[[not any(m in str(s) for m in _NOT_WORKS) for s in rows["stage"]]]
    values = [_number(v) for v in rows["static_t_co2e"]]
    if rows.empty or any(v is None for v in values):
        return None, []
    return float(sum(values)), [str(s) for s in rows["stage"]]


def materials_vs_works(
    avoided_t_co2e: Any,
    ghg_totals: Any,
    reference_option: str | None = None,
    best_option: Any = None,
) -> dict[str, Any]:
    """Emissions avoided by the reuse and recycling of demolition materials against the
    emissions of the works of the reference option.

    Parameters
    ----------
    avoided_t_co2e : float
        ``materials_avoided_t_co2e`` [tCO2e].
    ghg_totals : list of records
        ``ghg_totals`` (``option``, ``stage``, ``static_t_co2e``).
    reference_option : str, optional
        The option the programme follows; default the best option.
    best_option : str, optional
        ``ghg_best_option``.

    Returns
    -------
    dict
        ``available``, ``missing``, ``avoided_t_co2e``, ``option``, ``works_t_co2e``,
        ``stages``, ``share`` (avoided / works, fraction).

    References
    ----------
    Works emissions: NF EN 15978 stages A-C of the GHG brief; avoided emissions: the
    materials brief (substitution of natural aggregates and new products).
    """
    missing = []
    avoided = _number(avoided_t_co2e)
    if avoided is None:
        missing.append("émissions évitées par les matériaux")
    df = _records(ghg_totals)
    options = list(dict.fromkeys(df["option"])) if "option" in df.columns else []
    if not options:
        missing.append("émissions des travaux (scénarios d'aménagement)")
    out: dict[str, Any] = {"available": False, "missing": missing}
    if missing:
        return out
    option = _option({o: 0 for o in options}, reference_option, best_option)
    works, stages = works_emissions(df, option)
    if works is None:
        out["missing"] = ["émissions des travaux (scénarios d'aménagement)"]
        return out
    out.update(
        available=True,
        avoided_t_co2e=avoided,
        option=option,
        works_t_co2e=works,
        stages=stages,
        share=avoided / works if works > 0 else None,
    )
    return out


def _status_counts(df: pd.DataFrame) -> dict[str, int]:
    classes = [status_class(s) for s in df["status"]] if "status" in df.columns else []
    return {
        "n": len(classes),
        "favourable": classes.count("favourable"),
        "unfavourable": classes.count("unfavourable"),
        "pending": classes.count("pending"),
    }


def spending_vs_results(
    paid_eur: Any,
    convention_eur: Any,
    by_action: Any = None,
    indicators_status: Any = None,
    pilots_status: Any = None,
    links: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    watch_paid_rate: float = 0.5,
) -> dict[str, Any]:
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
        ``pia_by_action`` (``action_id``, ``subsidy_eur``, ``paid_eur``; ``title`` if any).
    indicators_status : list of records, optional
        ``indicators_status`` (``indicator``, ``status``).
    pilots_status : list of records, optional
        ``pilots_status`` (``operation``, ``objective``, ``status``).
    links : dict, optional
        ``action_id -> {"indicators": [...], "pilots": [...]}`` (pilot operations by name).
    watch_paid_rate : float
        Paid share of an action's subsidy from which late results are flagged [0-1].

    Returns
    -------
    dict
        ``available`` (the budget side is known), ``missing``, ``paid_rate``, ``paid_eur``,
        ``convention_eur``, ``indicators`` and ``pilots`` (counts ``n``, ``favourable``,
        ``unfavourable``, ``pending``; ``None`` when the evaluation is missing),
        ``per_action`` (DataFrame or None), ``watch`` (list of action ids),
        ``unknown_actions`` (linked action ids absent from ``by_action``),
        ``unknown_results`` (linked indicator or pilot names absent from the statuses),
        ``unknown_links`` (both, actions first).
    """
    missing = []
    paid, conv = _number(paid_eur), _number(convention_eur)
    if paid is None or conv is None or conv <= 0:
        missing.append("suivi financier de la convention PIA")
    ind, pil = _records(indicators_status), _records(pilots_status)
    if indicators_status is None and pilots_status is None:
        missing.append("statut des indicateurs et des opérations pilotes")
    out: dict[str, Any] = {
        "available": paid is not None and conv is not None and conv > 0,
        "missing": missing,
        "paid_eur": paid,
        "convention_eur": conv,
        "paid_rate": paid / conv if paid is not None and conv else None,
        "indicators": _status_counts(ind) if indicators_status is not None else None,
        "pilots": _status_counts(pil) if pilots_status is not None else None,
        "per_action": None,
        "watch": [],
        "unknown_actions": [],
        "unknown_results": [],
        "unknown_links": [],
    }
    actions = _records(by_action)
    if not links or actions.empty or "action_id" not in actions.columns:
        return out
    ind_status = (
        dict(zip(ind["indicator"].astype(str), ind["status"], strict=True))
        if {"indicator", "status"} <= set(ind.columns)
        else {}
    )
    pilot_status: dict[str, list] = {}
    if {"operation", "status"} <= set(pil.columns):
        for op, st in zip(pil["operation"].astype(str), pil["status"], strict=True):
            pilot_status.setdefault(op, []).append(st)
    rows, unknown = [], []
    for action in actions.to_dict(orient="records"):
        aid = str(action["action_id"])
        link = links.get(aid)
        if not link:
            continue
        statuses = []
        for name in link.get("indicators", []):
            if name in ind_status:
                statuses.append(ind_status[name])
            else:
                unknown.append(name)
        for name in link.get("pilots", []):
            if name in pilot_status:
                statuses.extend(pilot_status[name])
            else:
                unknown.append(name)
        classes = [status_class(s) for s in statuses]
        subsidy = _number(action.get("subsidy_eur"))
        paid_a = _number(action.get("paid_eur"))
        rate = paid_a / subsidy if paid_a is not None and subsidy else None
        rows.append(
            {
                "action_id": aid,
                "title": str(action.get("title") or ""),
                "subsidy_eur": subsidy,
                "paid_eur": paid_a,
                "paid_rate": rate,
                "results": len(classes),
                "favourable": classes.count("favourable"),
                "unfavourable": classes.count("unfavourable"),
                "pending": classes.count("pending"),
            }
        )
    unknown_actions = [a for a in links if a not in set(actions["action_id"].astype(str))]
    per_action = pd.DataFrame(rows)
    out["per_action"] = per_action if rows else None
    out["watch"] = [
        r["action_id"]
        for r in rows
        if r["paid_rate"] is not None and r["paid_rate"] >= watch_paid_rate and r["unfavourable"]
    ]
    out["unknown_actions"] = unknown_actions
    out["unknown_results"] = list(dict.fromkeys(unknown))
    out["unknown_links"] = unknown_actions + out["unknown_results"]
    return out


def link_problems(check: Mapping[str, Any]) -> pd.DataFrame:
    """The names of the ``action_results`` parameter that this run does not know, for the
    data-quality section: an action id absent from the PIA follow-up, an indicator or pilot
    operation absent from the evaluation. The parameter is checked here rather than by the
    schema because the names live in other notebooks' input files.

    Parameters
    ----------
    check : dict
        From :func:`spending_vs_results`.

    Returns
    -------
    pandas.DataFrame
        ``Nom``, ``Problème`` (French); empty when every name was found.
    """
    rows = [
        {"Nom": name, "Problème": "action absente du suivi financier PIA (pia_followup)"}
        for name in check.get("unknown_actions", [])
    ] + [
        {
            "Nom": name,
            "Problème": "ni indicateur ni opération pilote de la note d'évaluation "
            "(evaluation_indicators)",
        }
        for name in check.get("unknown_results", [])
    ]
    return pd.DataFrame(rows, columns=["Nom", "Problème"])


# ------------------------------------------------------------------------ decisions
def decision_points(results: Mapping[str, Any], status: pd.DataFrame) -> pd.DataFrame:
    """Points a committee decides on or watches, from the scraps of the available briefs.

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``point`` (French), ``value`` (French text with unit); a row only where
        the upstream result exists.
    """
    kept = available_results(results, status)
    rows = []
    ghg = kept.get("ghg_planning_options", {})
    best = ghg.get("ghg_best_option")
    if isinstance(best, str):
        prob = ghg.get("ghg_prob_best")
        p = _number(prob.get(best)) if isinstance(prob, Mapping) else None
        rows.append(
            {
                "theme": THEMES["ghg_planning_options"],
                "point": "Option la moins émettrice",
                "value": best + (f" ({style.pct(p, 0)} des tirages)" if p is not None else ""),
            }
        )
    pia = kept.get("pia_followup", {})
    risk = _number(pia.get("pia_at_risk_eur"))
    if risk is not None:
        rows.append(
            {
                "theme": THEMES["pia_followup"],
                "point": "Subvention à risque à l'échéance",
                "value": style.fr(risk, 0, "€"),
            }
        )
    for key, label, unit in (
        ("pia_late_actions", "Actions en retard", "action(s)"),
        ("pia_alerts", "Alertes de cohérence du suivi", "alerte(s)"),
    ):
        if isinstance(pia.get(key), list):
            rows.append(
                {
                    "theme": THEMES["pia_followup"],
                    "point": label,
                    "value": style.fr(len(pia[key]), 0, unit),
                }
            )
    ev = kept.get("evaluation_indicators", {})
    for key, label, unit in (
        ("indicators_status", "Indicateurs d'évaluation en retard", "indicateur(s)"),
        ("pilots_status", "Objectifs des opérations pilotes non atteints", "objectif(s)"),
    ):
        if key in ev:
            counts = _status_counts(_records(ev[key]))
            rows.append(
                {
                    "theme": THEMES["evaluation_indicators"],
                    "point": label,
                    "value": f"{style.fr(counts['unfavourable'], 0)} sur "
                    f"{style.fr(counts['n'], 0, unit)}",
                }
            )
    if not rows:
        rows.append(
            {"theme": "–", "point": "Aucun point : les notes concernées manquent", "value": "–"}
        )
    return pd.DataFrame(rows, columns=["theme", "point", "value"])


# --------------------------------------------------------------------------- changes
def _flatten(value: Any) -> dict[str, float | None]:
    """A scrap as ``{key: number}``: a number under ``""``, a mapping per key, a list by its
    length."""
    if isinstance(value, list):
        return {"": float(len(value))}
    if isinstance(value, Mapping):
        return {str(k): _number(v) for k, v in value.items()}
    return {"": _number(value)}


def changes(
    results: Mapping[str, Any],
    previous: Mapping[str, Any],
    compared: Sequence[tuple[str, str, str, str, float, int]] = COMPARED,
    rel_tol: float = 1e-9,
) -> pd.DataFrame:
    """Headline results that changed since the previous run.

    Parameters
    ----------
    results, previous : dict
        ``results.json`` of this run and of the previous one (notebook -> scrap -> value).
    compared : sequence
        ``(notebook, scrap, label, unit, scale, decimals)`` rows (:data:`COMPARED`).
    rel_tol : float
        Relative difference below which a value is unchanged.

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``label``, ``previous``, ``current``, ``difference`` (current - previous;
        None when one side is missing), ``rel_change`` (fraction), ``unit``, ``decimals``;
        only the rows that changed, appeared or disappeared, largest relative change first.
    """
    rows = []
    for notebook, scrap, label, unit, scale, decimals in compared:
        now_scraps, before_scraps = results.get(notebook), previous.get(notebook)
        if not isinstance(now_scraps, Mapping) or not isinstance(before_scraps, Mapping):
            continue
        if scrap not in now_scraps and scrap not in before_scraps:
            continue
        now = _flatten(now_scraps.get(scrap))
        before = _flatten(before_scraps.get(scrap))
        for key in dict.fromkeys([*before, *now]):
            a, b = before.get(key), now.get(key)
            if a is None and b is None:
                continue
            if a is not None and b is not None:
                if math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-12):
                    continue
                diff = (b - a) * scale
                rel = (b - a) / abs(a) if a else math.inf
            else:
                diff, rel = None, math.inf
            name = label + (f" — {_KEY_LABELS.get(key, key)}" if key else "")
            rows.append(
                {
                    "theme": THEMES.get(notebook, notebook),
                    "label": name,
                    "previous": a * scale if a is not None else None,
                    "current": b * scale if b is not None else None,
                    "difference": diff,
                    "rel_change": rel,
                    "unit": unit,
                    "decimals": decimals,
                }
            )
    columns = [
        "theme",
        "label",
        "previous",
        "current",
        "difference",
        "rel_change",
        "unit",
        "decimals",
    ]
    df = pd.DataFrame(rows, columns=columns)
    if df.empty:
        return df
    order = df["rel_change"].abs().sort_values(ascending=False, kind="stable").index
    return df.loc[order].reset_index(drop=True)


def changes_table(df: pd.DataFrame, max_rows: int | None = None) -> tuple[pd.DataFrame, int]:
    """:func:`changes` as a French table of text cells (each row with its own decimals),
    cut to ``max_rows``; returns the table and the number of rows left out."""
    shown = df if max_rows is None else df.head(max_rows)
    left = len(df) - len(shown)

    pairs = list(
        zip(
            shown["decimals"], shown["previous"], shown["current"], shown["difference"], strict=True
        )
    )
    table = pd.DataFrame(
        {
            "Thème": shown["theme"],
            "Chiffre": shown["label"],
            "Précédent": [style.fr(_number(a), d) for d, a, _, _ in pairs],
            "Actuel": [style.fr(_number(b), d) for d, _, b, _ in pairs],
            "Écart": [_signed(_number(x), d) for d, _, _, x in pairs],
            "Unité": shown["unit"],
        }
    )
    return table, left


# --------------------------------------------------------------- ranges and details
def ranges_table(results: Mapping[str, Any], status: pd.DataFrame) -> pd.DataFrame:
    """Ranges published by the upstream briefs (for the partners).

    Returns
    -------
    pandas.DataFrame
        ``Thème``, ``Grandeur``, ``Bas``, ``Central``, ``Haut``, ``Unité``: PV production
        P90/P50; per option the GHG P5/P50/P95 and the difference from the reference option;
        health results before and after the project are in :func:`before_after_table`.
    """
    kept = available_results(results, status)
    rows = []
    pv = kept.get("pv_yield", {})
    p50, p90 = _number(pv.get("pv_annual_energy_kwh")), _number(pv.get("pv_p90_annual_energy_kwh"))
    if p50 is not None:
        rows.append(
            (
                "Énergie",
                "Production annuelle (P90 - P50)",
                p90 and p90 / 1000,
                p50 / 1000,
                None,
                "MWh/an",
            )
        )
    ghg = kept.get("ghg_planning_options", {})
    p05, p50g, p95 = (ghg.get(k) for k in ("ghg_p05_t_co2e", "ghg_p50_t_co2e", "ghg_p95_t_co2e"))
    if all(isinstance(x, Mapping) for x in (p05, p50g, p95)):
        for option in p50g:
            rows.append(
                (
                    "Carbone",
                    f"Émissions totales — {option} (P5 - P50 - P95)",
                    _number(p05.get(option)),
                    _number(p50g.get(option)),
                    _number(p95.get(option)),
                    "tCO2e",
                )
            )
    diff = ghg.get("ghg_difference_p05_p50_p95")
    if isinstance(diff, Mapping):
        for option, trio in diff.items():
            if isinstance(trio, list) and len(trio) == 3:
                rows.append(
                    (
                        "Carbone",
                        f"Écart à l'option de référence — {option} (P5 - P50 - P95)",
                        *(_number(x) for x in trio),
                        "tCO2e",
                    )
                )
    return pd.DataFrame(rows, columns=["Thème", "Grandeur", "Bas", "Central", "Haut", "Unité"])


_HEALTH = (
    ("health_pop_above_lden53", "Habitants au-dessus du seuil Lden de l'OMS", "pers.", 0),
    ("health_highly_annoyed", "Personnes fortement gênées par le bruit", "pers.", 0),
    ("health_highly_sleep_disturbed", "Personnes au sommeil fortement perturbé", "pers.", 0),
    ("health_ihd_cases_per_year", "Cardiopathies ischémiques attribuables", "cas/an", 2),
    ("health_pm25_deaths_per_year", "Décès attribuables aux PM2,5", "décès/an", 2),
    ("health_no2_deaths_per_year", "Décès attribuables au NO2", "décès/an", 2),
)


def before_after_table(results: Mapping[str, Any], status: pd.DataFrame) -> pd.DataFrame:
    """Health results before and after the project: ``Grandeur``, ``Avant``, ``Après``,
    ``Écart``, ``Unité`` as French text (one ``État`` cell saying why when the evaluation
    brief is missing)."""
    ev = available_results(results, status).get("evaluation_indicators", {})
    rows = []
    for key, label, unit, d in _HEALTH:
        value = ev.get(key)
        if not isinstance(value, Mapping):
            continue
        a, b = _number(value.get("before")), _number(value.get("after"))
        diff = b - a if a is not None and b is not None else None
        rows.append((label, style.fr(a, d), style.fr(b, d), _signed(diff, d), unit))
    return _or_missing(
        pd.DataFrame(rows, columns=["Grandeur", "Avant", "Après", "Écart", "Unité"]),
        _unavailable(status, "evaluation_indicators", "aucune donnée de santé"),
    )


def _signed(value: float | None, decimals: int) -> str:
    """French number with an explicit ``+`` for a rise (``–`` when absent)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = style.fr(value, decimals)
    return "+" + text if value > 0 and any(c in "123456789" for c in text) else text


def _or_missing(df: pd.DataFrame, reason: str) -> pd.DataFrame:
    """``df``, or a one-cell table saying why there is nothing to show."""
    return df if len(df) else pd.DataFrame({"État": [reason]})


def _unavailable(status: pd.DataFrame, notebook: str, fallback: str) -> str:
    """« non disponible : » and why ``notebook`` is missing (``fallback`` when no reason)."""
    reason = status.loc[status["notebook"] == notebook, "reason"]
    return "non disponible : " + (next(iter(reason), "") or fallback)


_COLUMNS_FR = {
    "indicator": "Indicateur",
    "theme": "Thème",
    "unit": "Unité",
    "status": "Statut",
    "operation": "Opération",
    "objective": "Objectif",
    "action_id": "Action",
    "title": "Intitulé",
    "owner": "Maître d'ouvrage",
    "subsidy_eur": "Subvention (€)",
    "committed_eur": "Engagé (€)",
    "paid_eur": "Versé (€)",
}
_KEEP = {
    "indicators_status": ("indicator", "theme", "status"),
    "pilots_status": ("operation", "objective", "status"),
    "pia_by_action": ("action_id", "title", "owner", "subsidy_eur", "committed_eur", "paid_eur"),
}


def operations_tables(results: Mapping[str, Any], status: pd.DataFrame) -> dict[str, Any]:
    """Operational detail for the comité de suivi, from the available upstream scraps.

    Returns
    -------
    dict
        ``late_actions`` (DataFrame ``Action``, ``Intitulé``), ``alerts`` (list of French
        sentences), ``indicators``, ``pilots`` and ``actions`` (DataFrames with French
        headers; columns kept when present). Empty frames when the upstream is missing.
    """
    kept = available_results(results, status)
    ev = kept.get("evaluation_indicators", {})
    pia = kept.get("pia_followup", {})

    def pick(name: str, value: Any) -> pd.DataFrame:
        df = _records(value)
        keep = [c for c in _KEEP[name] if c in df.columns]
        return df[keep].rename(columns=_COLUMNS_FR) if keep else df

    actions = _records(pia.get("pia_by_action"))
    titles = (
        dict(zip(actions["action_id"].astype(str), actions["title"].astype(str), strict=True))
        if {"action_id", "title"} <= set(actions.columns)
        else {}
    )
    late = [str(a) for a in pia.get("pia_late_actions") or []]
    no_pia = (
        "aucune"
        if "pia_followup" in _available(status)
        else _unavailable(status, "pia_followup", "aucune donnée")
    )
    no_ev = _unavailable(status, "evaluation_indicators", "aucune donnée")
    return {
        "late_actions": _or_missing(
            pd.DataFrame({"Action": late, "Intitulé": [titles.get(a, "") for a in late]}),
            no_pia,
        ),
        "alerts": _or_missing(
            pd.DataFrame({"Alerte": [str(a) for a in pia.get("pia_alerts") or []]}), no_pia
        ),
        "indicators": _or_missing(pick("indicators_status", ev.get("indicators_status")), no_ev),
        "pilots": _or_missing(pick("pilots_status", ev.get("pilots_status")), no_ev),
        "actions": _or_missing(pick("pia_by_action", pia.get("pia_by_action")), no_pia),
    }


_ILLUSTRATIVE = re.compile(r"hypoth|illustrati", re.IGNORECASE)


def data_quality(
    status: pd.DataFrame,
    assumptions: Mapping[str, Sequence[str]],
    figures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where each figure comes from: run status and the assumptions each brief flags.

    Parameters
    ----------
    status : DataFrame
        From :func:`upstream_status`.
    assumptions : dict
        Notebook -> texts of the "Hypothèse" notes of its brief
        (:func:`qsp_lib.core.results.assumption_notes`).
    figures : DataFrame, optional
        From :func:`key_figures_frame`: key figures whose note says "hypothèse" or
        "illustratif" are listed.

    Returns
    -------
    pandas.DataFrame
        ``Thème``, ``Note``, ``État`` (with the run date), ``Hypothèses signalées`` (count),
        ``Chiffres clés concernés`` (key figures flagged as assumptions), ``Détail`` (the
        assumptions, or the reason the brief is missing).
    """
    rows = []
    for item in status.itertuples():
        notes = list(assumptions.get(item.notebook, [])) if item.available else []
        flagged = []
        if figures is not None and len(figures):
            mine = figures[figures["source_notebook"] == item.notebook]
            flagged = [
                str(r.label)
                for r in mine.itertuples()
                if _ILLUSTRATIVE.search(f"{r.label} {r.note} {r.text}")
            ]
        state = item.status_fr
        if item.executed_at:
            try:
                state += f" ({style.fr_date(str(item.executed_at))})"
            except ValueError:
                pass
        rows.append(
            {
                "Thème": item.theme,
                "Note": item.title,
                "État": state,
                "Hypothèses signalées": len(notes) if item.available else None,
                "Chiffres clés concernés": ", ".join(flagged) or "–",
                "Détail": " ; ".join(notes) if item.available else item.reason,
            }
        )
    return pd.DataFrame(rows)


def methods_table(status: pd.DataFrame) -> pd.DataFrame:
    """Methods of the upstream briefs (``Thème``, ``Note``, ``Méthode``) for the partners."""
    return pd.DataFrame(
        {
            "Thème": status["theme"],
            "Note": status["title"],
            "Méthode": [METHODS.get(n, "") for n in status["notebook"]],
        }
    )


def counts(status: pd.DataFrame, figures: pd.DataFrame) -> dict[str, int]:
    """Numbers for the summary: available and expected briefs, key figures shown."""
    missing = status.loc[~status["available"], "theme"].tolist()
    return {
        "available": int(status["available"].sum()),
        "expected": len(status),
        "missing": len(missing),
        "missing_text": ", ".join(missing) if missing else "aucune",
        "figures": len(figures),
        "empty": not bool(status["available"].any()),
    }


def available_results(results: Mapping[str, Any], status: pd.DataFrame) -> dict[str, Any]:
    """The scraps of the available upstream notebooks only: a notebook that failed this run
    may still have older scraps in ``results.json``; they are not this run's figures."""
    keep = _available(status)
    return {k: v for k, v in results.items() if k in keep and isinstance(v, Mapping)}


def _available(status: pd.DataFrame) -> set[str]:
    """Names of the available upstream notebooks of :func:`upstream_status`."""
    return set(status.loc[status["available"], "notebook"])


def cross_checks(
    results: Mapping[str, Any],
    study_period_years: float,
    reference_option: str | None = None,
    action_results: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    watch_paid_rate: float = 0.5,
) -> dict[str, dict[str, Any]]:
    """The three cross-checks from the scraps of the available notebooks
    (:func:`available_results`).

    Returns
    -------
    dict
        ``pv_ghg`` (:func:`pv_vs_ghg`), ``materials_works`` (:func:`materials_vs_works`),
        ``spending_results`` (:func:`spending_vs_results`); each with ``missing_text`` (what
        is lacking, in French, for the "non disponible" sentence).
    """
    pv = results.get("pv_yield", {})
    ghg = results.get("ghg_planning_options", {})
    mat = results.get("circular_materials", {})
    ev = results.get("evaluation_indicators", {})
    pia = results.get("pia_followup", {})
    best = ghg.get("ghg_best_option")
    out = {
        "pv_ghg": pv_vs_ghg(
            pv.get("pv_avoided_t_co2e_per_year"),
            study_period_years,
            ghg.get("ghg_total_static_t_co2e"),
            ghg.get("ghg_buildings_static_t_co2e"),
            reference_option,
            best,
        ),
        "materials_works": materials_vs_works(
            mat.get("materials_avoided_t_co2e"), ghg.get("ghg_totals"), reference_option, best
        ),
        "spending_results": spending_vs_results(
            pia.get("pia_paid_eur"),
            pia.get("pia_convention_eur"),
            pia.get("pia_by_action"),
            ev.get("indicators_status"),
            ev.get("pilots_status"),
            action_results,
            watch_paid_rate,
        ),
    }
    for check in out.values():
        check["missing_text"] = " ; ".join(check["missing"])
    sr = out["spending_results"]
    sr["results_available"] = sr["indicators"] is not None or sr["pilots"] is not None
    for key in ("indicators", "pilots"):
        sr[key] = sr[key] or {"n": None, "favourable": None, "unfavourable": None, "pending": None}
    sr["linked"] = 0 if sr["per_action"] is None else len(sr["per_action"])
    sr["watch_text"] = ", ".join(sr["watch"]) if sr["watch"] else "aucune"
    sr["unknown_text"] = ", ".join(f"« {name} »" for name in sr["unknown_links"])
    return out


def link_rows(status: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows for ``brief.link_list``: each upstream brief, linked when available, with its
    state or the reason it is missing."""
    return [
        {
            "title": f"{item.theme} — {item.title}",
            "link": item.link if isinstance(item.link, str) else None,
            "detail": item.status_fr if item.available else f"non disponible : {item.reason}",
        }
        for item in status.itertuples()
    ]


def change_summary(
    results: Mapping[str, Any], previous: Mapping[str, Any], diff: pd.DataFrame, left_out: int
) -> dict[str, Any]:
    """What to say about the comparison with the previous run.

    Returns
    -------
    dict
        ``has_previous``, ``n_changed``, ``left_out`` (rows not shown), ``phrase`` (French:
        no previous run / nothing changed / how many figures changed).
    """
    has_previous = bool(previous)
    n = len(diff)
    if not has_previous:
        phrase = "pas d'exécution précédente à comparer"
    elif not any(k in previous for k in results):
        phrase = "aucune note commune avec l'exécution précédente"
    elif n == 0:
        phrase = "aucun des chiffres suivis n'a changé"
    else:
        phrase = f"{style.fr(n, 0)} chiffre{'s' if n > 1 else ''} suivi{'s' if n > 1 else ''} " + (
            "ont changé" if n > 1 else "a changé"
        )
    return {"has_previous": has_previous, "n_changed": n, "left_out": left_out, "phrase": phrase}


def source_rows(
    study_period_years: float,
    reference_option: str | None,
    watch_paid_rate: float,
    folder: str | None,
    cross: Mapping[str, Mapping[str, Any]],
    one_page: bool = False,
) -> list[dict[str, Any]]:
    """Rows of "Hypothèses et sources": the synthesis' own parameters and the run it read
    (``folder``; None leaves that row out, for the one-page brief). The links between PIA
    actions and results (an assumption) get a row unless ``one_page``: the one-page brief
    says so in its action-by-action sentence."""
    used = cross.get("pv_ghg", {}).get("option") or cross.get("materials_works", {}).get("option")
    rows = [
        {
            "item": "Période de comparaison carbone",
            "value": f"{style.fr(study_period_years, 0)} ans",
            "source": "période d'étude de la note carbone (RE2020, arrêté du 4 août 2021)",
        },
        {
            "item": "Option de référence des contrôles croisés",
            "value": used or reference_option or "–",
            "source": "paramètre reference_option (à défaut : l'option la moins émettrice)",
        },
        {
            "item": "Seuil de vigilance des versements",
            "value": style.pct(watch_paid_rate, 0),
            "source": "hypothèse : part versée de la subvention d'une action dont un résultat "
            "est en retard",
        },
    ]
    linked = cross.get("spending_results", {}).get("linked")
    if linked and not one_page:
        rows.append(
            {
                "item": "Liens entre actions PIA et résultats",
                "value": f"{style.fr(linked, 0)} actions reliées",
                "source": "hypothèse : paramètre action_results, établi d'après les intitulés "
                "des actions et des indicateurs, à valider avec le chargé de mission",
            }
        )
    if folder:
        rows.append(
            {
                "item": "Résultats lus",
                "value": folder,
                "source": "results.json, run.json, key_figures.json de l'exécution",
            }
        )
    return rows
