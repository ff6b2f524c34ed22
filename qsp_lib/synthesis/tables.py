"""The synthesis' French tables and phrases: presentation, not a model.

Each function takes the upstream status (:func:`.availability.upstream_status`), the
available results (:func:`.availability.available_results`) or a check of
:mod:`.model.checks`, and returns a table with French headers and text cells, or a French
phrase. Labels, units and decimals of upstream scraps come from their declarations
(:mod:`qsp_lib.core.analysis`); a missing brief gives one ``État`` cell saying why.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from qsp_lib.core import french, style
from qsp_lib.core import status as data_status
from qsp_lib.core.analysis import analysis, display_value
from qsp_lib.synthesis.availability import available_notebooks, available_results, unavailable
from qsp_lib.synthesis.model.checks import (
    DEMOLITION_RATIO_RANGE_T_PER_M2,
    BermCheck,
    CrossChecks,
    DemolitionCheck,
    FillCheck,
    MaterialsWorksCheck,
    PopulationCheck,
    PvGhgCheck,
    SpendingCheck,
)
from qsp_lib.synthesis.model.values import number, records, status_counts

#: What a cross-check lacks, by the scrap it lacks (:mod:`.model.checks`).
MISSING_FR = {
    "pv_avoided_t_co2e_per_year": "émissions évitées par la centrale photovoltaïque",
    "ghg_total_static_t_co2e": "émissions des options d'aménagement",
    "materials_avoided_t_co2e": "émissions évitées par les matériaux",
    "ghg_totals": "émissions des travaux (scénarios d'aménagement)",
    "pia_paid_eur": "suivi financier de la convention PIA",
    "indicators_status": "statut des indicateurs et des opérations pilotes",
    "site.population": "population du modèle de site (site.yaml illisible)",
    "site.berm": "talus du modèle de site (site.yaml illisible)",
    "site.buildings": "surface habitable démolie de l'option de référence (modèle de site)",
    "ghg_residents_by_option": "habitants par option de la note carbone",
    "materials_total_t": "tonnage des matériaux de démolition",
    "materials_fill_balance": "bilan de remblai de la butte (note matériaux)",
}
#: The emissions the PV check compares with, as the sentence says them.
BASIS_FR = {"buildings": "des bâtiments et travaux", "totals": "totales"}


def missing_text(check: Any) -> str:
    """What a cross-check lacks, in French (``" ; "`` between items)."""
    return " ; ".join(MISSING_FR.get(m, m) for m in check.missing)


def names_text(names: Sequence[str], quoted: bool = False, none: str = "aucune") -> str:
    """Names joined by commas (in « » when ``quoted``), ``none`` when there are none."""
    shown = [f"« {n} »" if quoted else str(n) for n in names]
    return ", ".join(shown) or none


def signed(value: float | None, decimals: int) -> str:
    """French number with an explicit ``+`` for a rise (``–`` when absent)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = style.fr(value, decimals)
    return "+" + text if value > 0 and any(c in "123456789" for c in text) else text


def _or_missing(df: pd.DataFrame, reason: str) -> pd.DataFrame:
    """``df``, or a one-cell table saying why there is nothing to show."""
    return df if len(df) else pd.DataFrame({"État": [reason]})


# ------------------------------------------------------------------ cross-check tables
def per_action_table(check: SpendingCheck) -> pd.DataFrame:
    """The action-by-action check with French headers (``Part versée`` a fraction)."""
    return check.per_action.rename(
        columns={
            "action_id": "Action",
            "title": "Intitulé",
            "subsidy_eur": "Subvention (€)",
            "paid_eur": "Versé (€)",
            "paid_rate": "Part versée",
            "results": "Résultats financés",
            "favourable": "Atteints ou en bonne voie",
            "unfavourable": "En retard",
            "pending": "Sans donnée",
        }
    )


def per_option_table(check: PvGhgCheck) -> pd.DataFrame:
    """The PV check per planning option with French headers (``Part compensée par la
    centrale`` a fraction)."""
    return check.per_option.rename(
        columns={
            "option": "Option",
            "emissions_t_co2e": "Émissions comparées (tCO2e)",
            "share": "Part compensée par la centrale",
        }
    )


def link_problems(check: SpendingCheck) -> pd.DataFrame:
    """The names of the ``action_results`` parameter that this run does not know, for the
    data-quality section: an action id absent from the PIA follow-up, an indicator or pilot
    operation absent from the evaluation. The parameter is checked here rather than by the
    schema because the names live in other notebooks' input files.

    Returns
    -------
    pandas.DataFrame
        ``Nom``, ``Problème`` (French); empty when every name was found.
    """
    rows = [
        {"Nom": name, "Problème": "action absente du suivi financier PIA (pia_followup)"}
        for name in check.unknown_actions
    ] + [
        {
            "Nom": name,
            "Problème": "ni indicateur ni opération pilote de la note d'évaluation "
            "(evaluation_indicators)",
        }
        for name in check.unknown_results
    ]
    return pd.DataFrame(rows, columns=["Nom", "Problème"])


# ----------------------------------------------------------------------- decisions
def decision_points(
    results: Mapping[str, Any], status: pd.DataFrame, figures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Points a committee decides on or watches, from the scraps of the available briefs.

    Parameters
    ----------
    results, status
        The scraps of the run and :func:`.availability.upstream_status`.
    figures : DataFrame, optional
        From :func:`.availability.key_figures_frame`: each point takes the data status of
        the key figure of its brief that shows the same result (:data:`POINT_FIGURES`).

    Returns
    -------
    pandas.DataFrame
        ``Thème``, ``Point``, ``Valeur`` (French text with unit), ``Donnée`` (« sourcé »,
        « estimé », « illustratif », or « – » when unknown); a row only where the upstream
        result exists.
    """
    kept = available_results(results, status)
    rows = [
        ("ghg_planning_options", *row) for row in _ghg_points(kept.get("ghg_planning_options", {}))
    ]
    rows += [("pia_followup", *row) for row in _pia_points(kept.get("pia_followup", {}))]
    rows += [
        ("evaluation_indicators", *row)
        for row in _evaluation_points(kept.get("evaluation_indicators", {}))
    ]
    table = [
        (theme, point, value, _status_fr(point_status(figures, notebook, point)))
        for notebook, theme, point, value in rows
    ]
    if not table:
        table.append(("–", "Aucun point : les notes concernées manquent", "–", "–"))
    return pd.DataFrame(table, columns=["Thème", "Point", "Valeur", "Donnée"])


#: The key figure (declared id) that shows the same result as each decision point.
POINT_FIGURES = {
    "Écarts carbone selon les scénarios": "robust",
    "Subvention à risque à l'échéance": "at_risk",
    "Actions en retard": "late",
    "Alertes de cohérence du suivi": "alerts",
    "Indicateurs d'évaluation en retard": "indicators_on_track",
    "Objectifs des opérations pilotes non atteints": "pilots_met",
}


def point_status(figures: pd.DataFrame | None, notebook: str, point: str) -> str | None:
    """The data status of a decision point: that of the card of ``notebook`` labelled as
    the key figure :data:`POINT_FIGURES` names; None when unknown (no such card, or a card
    without ``data_status``)."""
    kf = POINT_FIGURES.get(point)
    if figures is None or not len(figures) or kf is None:
        return None
    label = analysis(notebook).key_figure(kf).label
    found = figures.loc[
        (figures["source_notebook"] == notebook) & (figures["label"] == label), "data_status"
    ]
    value = next(iter(found), None)
    return value if value in data_status.STATUSES else None


def _status_fr(status: str | None) -> str:
    return data_status.LABELS_FR.get(status, "–") if status else "–"


def _ghg_points(ghg: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    best = ghg.get("ghg_best_option")
    if not isinstance(best, str):
        return []
    theme = analysis("ghg_planning_options").theme
    rows = [(theme, "Option la moins émettrice", f"{best} (valeurs centrales)")]
    compact = robust_summary(ghg.get("ghg_scenarios"))
    conclusion = ghg.get("ghg_robust_conclusion")
    if compact or (isinstance(conclusion, str) and conclusion):
        # what holds in every structural scenario and what depends on one (issue 18); the
        # counts fit a table cell, the GHG brief's sentence names the scenarios
        rows.append((theme, "Écarts carbone selon les scénarios", compact or conclusion))
    return rows


def robust_summary(scenarios: Any) -> str | None:
    """Per option, in how many structural scenarios its gap to the reference option is
    lower, higher or indiscernible, counted from the ``verdict`` column of ``ghg_scenarios``
    (the GHG brief's own verdicts: P95 < 0, P5 > 0, or an envelope straddling zero); None
    when the table or its verdicts are absent.

    Examples
    --------
    « Réhabilitation maximale : plus sobre dans 1 scénario, indiscernable dans 6 (sur 7) »
    """
    df = records(scenarios)
    if df.empty or not {"scenario", "option", "verdict"} <= set(df.columns):
        return None
    parts = []
    for option, rows in df.groupby("option", sort=False):
        n = rows["scenario"].nunique()
        lower = int((rows["verdict"] == "lower").sum())
        higher = int((rows["verdict"] == "higher").sum())
        counts = (
            ("plus sobre", lower),
            ("plus émettrice", higher),
            ("indiscernable", n - lower - higher),
        )
        shown = [(word, k) for word, k in counts if k]
        if len(shown) == 1:
            word, _ = shown[0]
            text = f"{word} dans {'le scénario' if n == 1 else f'les {n} scénarios'}"
        else:
            text = (
                ", ".join(
                    f"{word} dans {french.count(k, 'scénario') if i == 0 else k}"
                    for i, (word, k) in enumerate(shown)
                )
                + f" (sur {n})"
            )
        parts.append(f"{option} : {text}")
    return " ; ".join(parts) + "."


def _pia_points(pia: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    theme = analysis("pia_followup").theme
    rows = []
    risk = number(pia.get("pia_at_risk_eur"))
    if risk is not None:
        decimals = analysis("pia_followup").scrap("pia_at_risk_eur").decimals
        rows.append((theme, "Subvention à risque à l'échéance", style.fr(risk, decimals, "€")))
    for key, label, noun in (
        ("pia_late_actions", "Actions en retard", "action"),
        ("pia_alerts", "Alertes de cohérence du suivi", "alerte"),
    ):
        if isinstance(pia.get(key), list):
            rows.append((theme, label, french.count(len(pia[key]), noun)))
    return rows


def _evaluation_points(ev: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    theme = analysis("evaluation_indicators").theme
    rows = []
    for key, label, noun in (
        ("indicators_status", "Indicateurs d'évaluation en retard", "indicateur"),
        ("pilots_status", "Objectifs des opérations pilotes non atteints", "objectif"),
    ):
        if key in ev:
            counts = status_counts(records(ev[key]))
            value = style.fmt("{late:n0} sur ", late=counts.unfavourable)
            rows.append((theme, label, value + french.count(counts.n, noun)))
    return rows


# --------------------------------------------------------------- ranges and details
def ranges_table(
    results: Mapping[str, Any], status: pd.DataFrame, figures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Ranges published by the upstream briefs (for the partners).

    Returns
    -------
    pandas.DataFrame
        ``Thème``, ``Grandeur``, ``Bas``, ``Central``, ``Haut``, ``Unité``: PV production
        P90/P50; per option the GHG P5/P50/P95 and the difference from the reference option
        (the reference itself left out); health results before and after the project are
        in :func:`before_after_table`. With ``figures``
        (:func:`.availability.key_figures_frame`), a ``Donnée`` column: the data status of
        each row (:func:`scrap_status`).
    """
    kept = available_results(results, status)
    rows = [("pv_yield", "pv_annual_energy_kwh", *r) for r in _pv_ranges(kept.get("pv_yield", {}))]
    rows += [
        ("ghg_planning_options", scrap, *r)
        for scrap, r in _ghg_ranges(kept.get("ghg_planning_options", {}))
    ]
    columns = ["Thème", "Grandeur", "Bas", "Central", "Haut", "Unité"]
    table = pd.DataFrame([r[2:] for r in rows], columns=columns)
    if figures is not None:
        table["Donnée"] = [_status_fr(scrap_status(figures, nb, scrap)) for nb, scrap, *_ in rows]
    return table


def scrap_status(figures: pd.DataFrame | None, notebook: str, scrap: str) -> str | None:
    """The data status of a scrap as the synthesis shows it: that of the key figure of
    ``notebook`` that shows the same result (its declared ``scrap``), else the weakest
    of that brief's key figures (a figure is never shown more solid than its brief's
    weakest input); None when the brief's cards carry no status."""
    if figures is None or not len(figures):
        return None
    mine = figures[figures["source_notebook"] == notebook]
    declared = analysis(notebook)
    labels = [k.label for k in declared.key_figures if k.scrap == scrap]
    same = mine[mine["label"].isin(labels)]["data_status"].dropna()
    found = same if len(same) else mine["data_status"].dropna()
    found = [s for s in found if s in data_status.STATUSES]
    return data_status.weakest(found) if found else None


def _pv_ranges(pv: Mapping[str, Any]) -> list[tuple]:
    declared = analysis("pv_yield")
    p50_scrap, p90_scrap = (
        declared.scrap("pv_annual_energy_kwh"),
        declared.scrap("pv_p90_annual_energy_kwh"),
    )
    p50 = display_value(p50_scrap, pv.get(p50_scrap.name))
    if p50 is None:
        return []
    p90 = display_value(p90_scrap, pv.get(p90_scrap.name))
    label = f"{p50_scrap.label} (P90 - P50)"
    return [(declared.theme, label, p90, p50, None, p50_scrap.shown_unit)]


def _ghg_ranges(ghg: Mapping[str, Any]) -> list[tuple[str, tuple]]:
    """(scrap, row) pairs: the totals' P5-P50-P95 per option, then each option's gap to
    the reference option (the reference's own row, zero by definition, left out)."""
    declared = analysis("ghg_planning_options")
    theme, rows = declared.theme, []
    names = ("ghg_p05_t_co2e", "ghg_p50_t_co2e", "ghg_p95_t_co2e")
    p05, p50, p95 = (ghg.get(k) for k in names)
    if all(isinstance(x, Mapping) for x in (p05, p50, p95)):
        total = declared.scrap("ghg_total_static_t_co2e")
        for option in p50:
            trio = (number(p05.get(option)), number(p50.get(option)), number(p95.get(option)))
            label = f"{total.label} — {option} (P5 - P50 - P95)"
            rows.append(("ghg_total_static_t_co2e", (theme, label, *trio, total.unit)))
    diff = ghg.get("ghg_difference_p05_p50_p95")
    if isinstance(diff, Mapping):
        unit = declared.scrap("ghg_difference_p05_p50_p95").unit
        for option, trio in diff.items():
            if not (isinstance(trio, list) and len(trio) == 3):
                continue
            values = tuple(number(x) for x in trio)
            if all(v == 0 for v in values):
                continue  # the reference option against itself
            # the declared label ends with ", P5, P50, P95": the option goes before them
            label = f"Écart à l'option de référence — {option} (P5 - P50 - P95)"
            rows.append(("ghg_difference_p05_p50_p95", (theme, label, *values, unit)))
    return rows


def before_after_table(
    results: Mapping[str, Any], status: pd.DataFrame, figures: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Health results before and after the project: ``Grandeur``, ``Avant``, ``Après``,
    ``Écart``, ``Unité`` as French text (one ``État`` cell saying why when the evaluation
    brief is missing), and with ``figures`` a ``Donnée`` column (:func:`scrap_status`).
    The rows are the evaluation's before/after scraps, with their declared label, unit and
    decimals."""
    ev = available_results(results, status).get("evaluation_indicators", {})
    rows = []
    for scrap in analysis("evaluation_indicators").scraps:
        value = ev.get(scrap.name)
        if scrap.kind != "mapping" or not isinstance(value, Mapping):
            continue
        if not {"before", "after"} <= set(value):
            continue
        a, b = number(value.get("before")), number(value.get("after"))
        diff = b - a if a is not None and b is not None else None
        d = scrap.decimals
        row = [scrap.label, style.fr(a, d), style.fr(b, d), signed(diff, d), scrap.shown_unit]
        if figures is not None:
            row.append(_status_fr(scrap_status(figures, "evaluation_indicators", scrap.name)))
        rows.append(tuple(row))
    columns = ["Grandeur", "Avant", "Après", "Écart", "Unité"]
    return _or_missing(
        pd.DataFrame(rows, columns=columns + (["Donnée"] if figures is not None else [])),
        unavailable(status, "evaluation_indicators", "aucune donnée de santé"),
    )


def changes_table(df: pd.DataFrame, max_rows: int | None = None) -> tuple[pd.DataFrame, int]:
    """:func:`.changes.changes` as a French table of text cells (each row with its own
    decimals), cut to ``max_rows``; returns the table and the number of rows left out."""
    shown = df if max_rows is None else df.head(max_rows)
    left = len(df) - len(shown)
    cells = list(
        zip(
            shown["decimals"], shown["previous"], shown["current"], shown["difference"], strict=True
        )
    )
    table = pd.DataFrame(
        {
            "Thème": shown["theme"],
            "Chiffre": shown["label"],
            "Précédent": [style.fr(number(a), d) for d, a, _, _ in cells],
            "Actuel": [style.fr(number(b), d) for d, _, b, _ in cells],
            "Écart": [signed(number(x), d) for d, _, _, x in cells],
            "Unité": shown["unit"],
        }
    )
    return table, left


# ------------------------------------------------------------------------ operations
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


@dataclass(frozen=True)
class Operations:
    """Operational detail for the comité de suivi, French headers; a one-cell ``État``
    table saying why when the upstream brief is missing.

    Attributes
    ----------
    late_actions : DataFrame
        ``Action``, ``Intitulé`` of the late PIA actions.
    alerts : DataFrame
        ``Alerte``: the consistency alerts of the PIA follow-up.
    indicators : DataFrame
        ``Indicateur``, ``Thème``, ``Statut``.
    pilots : DataFrame
        ``Opération``, ``Objectif``, ``Statut``.
    actions : DataFrame
        Subsidy by action (``Subvention (€)``, ``Engagé (€)``, ``Versé (€)`` [€]).
    """

    late_actions: pd.DataFrame
    alerts: pd.DataFrame
    indicators: pd.DataFrame
    pilots: pd.DataFrame
    actions: pd.DataFrame


def _pick(name: str, value: Any) -> pd.DataFrame:
    """The columns of an upstream table the comité de suivi reads, French headers."""
    df = records(value)
    keep = [c for c in _KEEP[name] if c in df.columns]
    return df[keep].rename(columns=_COLUMNS_FR) if keep else df


def operations_tables(results: Mapping[str, Any], status: pd.DataFrame) -> Operations:
    """:class:`Operations` from the available upstream scraps."""
    kept = available_results(results, status)
    ev = kept.get("evaluation_indicators", {})
    pia = kept.get("pia_followup", {})
    actions = records(pia.get("pia_by_action"))
    titles = (
        dict(zip(actions["action_id"].astype(str), actions["title"].astype(str), strict=True))
        if {"action_id", "title"} <= set(actions.columns)
        else {}
    )
    late = [str(a) for a in pia.get("pia_late_actions") or []]
    no_pia = (
        "aucune"
        if "pia_followup" in available_notebooks(status)
        else unavailable(status, "pia_followup", "aucune donnée")
    )
    no_ev = unavailable(status, "evaluation_indicators", "aucune donnée")
    alerts = [str(a) for a in pia.get("pia_alerts") or []]
    return Operations(
        late_actions=_or_missing(
            pd.DataFrame({"Action": late, "Intitulé": [titles.get(a, "") for a in late]}),
            no_pia,
        ),
        alerts=_or_missing(pd.DataFrame({"Alerte": alerts}), no_pia),
        indicators=_or_missing(_pick("indicators_status", ev.get("indicators_status")), no_ev),
        pilots=_or_missing(_pick("pilots_status", ev.get("pilots_status")), no_ev),
        actions=_or_missing(_pick("pia_by_action", pia.get("pia_by_action")), no_pia),
    )


#: How the data-quality table names the cards of each status (sourced ones are not listed).
_CONCERNED_FR = (
    ("illustrative", "illustratifs"),
    ("estimated", "estimés"),
    (None, "statut inconnu"),
)


def figures_by_status(figures: pd.DataFrame | None, notebook: str) -> str:
    """The key figures of ``notebook`` that are not sourced, named by status, in French:
    ``"illustratifs : « A », « B » ; estimés : « C »"`` (no-break spaces inside « »); cards
    with no ``data_status`` (runs made before data statuses) under « statut inconnu »;
    ``"–"`` when every figure is sourced or there is none."""
    if figures is None or not len(figures):
        return "–"
    mine = figures[figures["source_notebook"] == notebook]
    known = mine["data_status"].where(mine["data_status"].isin(data_status.STATUSES), None)
    parts = []
    for status, words in _CONCERNED_FR:
        chosen = known.isna() if status is None else known == status
        labels = mine.loc[chosen, "label"].tolist()
        if labels:
            # non-breaking spaces inside « »: a line never ends on an opening guillemet
            parts.append(f"{words} : " + ", ".join(f"«\u00a0{n}\u00a0»" for n in labels))
    return " ; ".join(parts) or "–"


def data_quality(
    status: pd.DataFrame,
    assumptions: Mapping[str, Sequence[str]],
    figures: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Where each figure comes from: run status, the assumptions each brief flags and the
    data status of its key figures.

    Parameters
    ----------
    status : DataFrame
        From :func:`.availability.upstream_status`.
    assumptions : dict
        Notebook -> texts of the "Hypothèse" notes of its brief
        (:func:`qsp_lib.core.results.assumption_notes`).
    figures : DataFrame, optional
        From :func:`.availability.key_figures_frame`: the key figures of each brief that
        are not sourced are named, by their ``data_status`` (:func:`figures_by_status`).

    Returns
    -------
    pandas.DataFrame
        ``Thème``, ``Note``, ``État`` (with the run date), ``Hypothèses signalées`` (count),
        ``Chiffres clés concernés`` (its illustrative and estimated key figures, and those
        of unknown status), ``Détail`` (the assumptions, or the reason the brief is
        missing).
    """
    rows = []
    for item in status.itertuples():
        notes = list(assumptions.get(item.notebook, [])) if item.available else []
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
                "Chiffres clés concernés": figures_by_status(figures, item.notebook),
                "Détail": " ; ".join(notes) if item.available else item.reason,
            }
        )
    return pd.DataFrame(rows)


def methods_table(status: pd.DataFrame) -> pd.DataFrame:
    """Methods of the upstream briefs (``Thème``, ``Note``, ``Méthode``) for the partners,
    as each analysis declares its method."""
    return pd.DataFrame(
        {
            "Thème": status["theme"],
            "Note": status["title"],
            "Méthode": [analysis(n).method for n in status["notebook"]],
        }
    )


# --------------------------------------------------------------------------- sources
def source_rows(
    study_period_years: float,
    reference_option: str | None,
    watch_paid_rate: float,
    folder: str | None,
    checks: CrossChecks,
    one_page: bool = False,
) -> list[dict[str, Any]]:
    """Rows of "Hypothèses et sources": the synthesis' own parameters and the run it read
    (``folder``; None leaves that row out, for the one-page brief). The links between PIA
    actions and results (an assumption) get a row unless ``one_page``: the one-page brief
    says so in its action-by-action sentence."""
    used = checks.pv_ghg.option or checks.materials_works.option
    rows = [
        {
            "item": "Période de comparaison carbone",
            "value": style.fmt("{n:n0} ans", n=study_period_years),
            "source": "période d'étude de la note carbone (RE2020, arrêté du 4 août 2021)",
        },
        {
            "item": "Option de référence des contrôles croisés",
            "value": used or reference_option or "–",
            "source": "option de référence des paramètres de la synthèse (à défaut : l'option "
            "la moins émettrice)",
        },
        {
            "item": "Seuil de vigilance des versements",
            "value": style.fmt("{rate:%0}", rate=watch_paid_rate),
            "source": "hypothèse : part versée de la subvention d'une action dont un résultat "
            "est en retard",
        },
    ]
    linked = checks.spending_results.linked
    if linked and not one_page:
        rows.append(
            {
                "item": "Liens entre actions PIA et résultats",
                "value": style.fmt("{n:n0} actions reliées", n=linked),
                "source": "hypothèse : liens déclarés dans les paramètres de la synthèse, établis "
                "d'après les intitulés "
                "des actions et des indicateurs, à valider avec le chargé de mission",
            }
        )
    if folder:
        rows.append(
            {
                "item": "Résultats lus",
                "value": style.fmt("dossier « {name} » de l'exécution", name=Path(folder).name),
                "source": "résultats, journal et chiffres clés enregistrés par l'exécution",
            }
        )
    return rows


# ------------------------------------------------------------------ facts shared by the notes
def population_text(check: PopulationCheck) -> str:
    """What the population check says, in French (no Markdown)."""
    if not check.available:
        return f"Non disponible : il manque {missing_text(check)}."
    health = (
        "la note santé et acoustique lit ce chiffre zone par zone dans le modèle de site"
        if check.health_reads_site
        else "la note santé et acoustique n'est pas disponible dans cette exécution"
    )
    residents = style.fr(check.residents, 0, "habitants")
    text = f"Le modèle de site compte {residents} aujourd'hui ; {health}."
    if not check.ghg_available:
        return text + " Habitants par option de la note carbone : non disponible."
    if check.mismatched:
        return text + (
            " Habitants par option de la note carbone différents du modèle de site pour : "
            + names_text(check.mismatched, quoted=True)
            + "."
        )
    return text + " La note carbone retient, pour chaque option, les habitants du modèle de site."


def population_table(check: PopulationCheck) -> pd.DataFrame:
    """Residents per option: site model, GHG note, gap (``–`` where the GHG gives none)."""
    return check.per_option.rename(
        columns={
            "option": "Option",
            "site_residents": "Habitants (modèle de site)",
            "ghg_residents": "Habitants (note carbone)",
            "gap": "Écart",
        }
    )


def berm_text(check: BermCheck) -> str:
    """What the berm check says, in French (no Markdown)."""
    if not check.applicable:
        return "Sans objet : le site n'a pas de talus."
    if not check.available:
        return f"Non disponible : il manque {missing_text(check)}."
    b = check.section
    text = (
        f"Section lue par le photovoltaïque et l'acoustique dans le modèle de site : "
        f"{style.fr(b['length_m'], 0, 'm')} de long, {style.fr(b['height_m'], 1, 'm')} de "
        f"haut, crête de {style.fr(b['crest_width_m'], 1, 'm')}, base de "
        f"{style.fr(b['base_width_m'], 1, 'm')}, talus à {style.fr(b['slope_deg'], 1)}° "
        f"({style.fr(b['fill_volume_m3'], 0, 'm³')})."
    )
    ran = check.readers[check.readers["ran"]]
    if check.same_run:
        return text + (
            " Les deux notes ont été exécutées dans cette exécution, donc sur la même "
            "description du site (leurs empreintes d'exécution l'incluent : "
            + ", ".join(f"{_title(r.notebook)} {r.fingerprint or '–'}" for r in ran.itertuples())
            + ")."
        )
    absent = check.readers.loc[~check.readers["ran"], "notebook"]
    return text + " Non vérifiable pour : " + names_text(list(absent)) + " (note indisponible)."


def berm_faces_table(check: BermCheck) -> pd.DataFrame:
    """The berm's faces: id, slope [°], azimuth [°]."""
    return _or_missing(
        check.faces.rename(
            columns={"id": "Face", "slope_deg": "Pente (°)", "azimuth_deg": "Azimut (°)"}
        ),
        "aucune face déclarée",
    )


def demolition_text(check: DemolitionCheck) -> str:
    """What the demolition check says, in French (no Markdown)."""
    if not check.available:
        return f"Non disponible : il manque {missing_text(check)}."
    low, high = DEMOLITION_RATIO_RANGE_T_PER_M2
    verdict = (
        f"à vérifier (hors de la plage {style.fr(low, 1)}-{style.fr(high, 0, 't/m²')})"
        if check.to_verify
        else f"dans la plage {style.fr(low, 1)}-{style.fr(high, 0, 't/m²')}"
    )
    return (
        f"{style.fr(check.total_t, 0, 't')} de matériaux pour "
        f"{style.fr(check.area_m2, 0, 'm²')} "
        f"habitables démolis par l'option « {check.option} », soit "
        f"{style.fr(check.ratio_t_per_m2, 2, 't/m²')} : {verdict}. Pour comparaison, une barre "
        "de logements en béton des années 1960 donne environ 1,5 t/m² de plancher démoli "
        "(table d'intensité de la note matériaux)."
    )


def fill_text(check: FillCheck) -> str:
    """What the fill-balance check says, in French (no Markdown)."""
    if not check.available:
        return f"Non disponible : il manque {missing_text(check)}."
    if not check.applicable:
        return "Sans objet : aucune option n'a de talus à remblayer."
    if check.ghg_counted:
        return "Transport du remblai importé : repris par la note carbone."
    return "Transport du remblai importé : non repris par la note carbone."


def fill_table(check: FillCheck) -> pd.DataFrame:
    """The berm-fill balance per option with French headers."""
    return check.per_option.rename(
        columns={
            "option": "Option",
            "fill_m3": "Remblai (m³)",
            "site_material_t": "Matériaux du site (t)",
            "imported_fill_t": "Remblai importé (t)",
            "import_transport_t_co2e": "Transport de l'import (tCO2e)",
        }
    )


def _title(notebook: str) -> str:
    """A notebook's brief title (« Photovoltaïque… ») in place of its file name."""
    try:
        return f"« {analysis(notebook).title} »"
    except KeyError:
        return notebook


def materials_works_sentence(check: MaterialsWorksCheck) -> str:
    """The « Matériaux et travaux » sentence (a template: ``{avoided}``, ``{gross}`` [tCO2e],
    ``{share}`` [-], ``{option}``, ``{works}`` [tCO2e]), by the sign of what the recovery of
    the demolition materials avoids once its routes' emissions are deducted."""
    head = "**Matériaux et travaux.** "
    if not check.net:
        return head + (
            "La valorisation des matériaux de démolition éviterait **{avoided:n0} tCO2e** "
            "(brut, sans déduire les émissions de ses filières), soit **{share:%1}** des "
            "émissions des travaux de l'option « {option} » ({works:n0} tCO2e)."
        )
    if check.avoided_t_co2e is not None and check.avoided_t_co2e < 0:
        return head + (
            "En valeur centrale, les filières des matériaux de démolition (concassage, "
            "transport, CO2 fossile de la valorisation énergétique) émettent **{avoided:n0} "
            "tCO2e de plus** que ce qu'évite leur valorisation ({gross:n0} tCO2e évitées en "
            "brut), soit {share:%1} des émissions des travaux de l'option « {option} » "
            "({works:n0} tCO2e) ; la plage et le détail sont dans la note matériaux."
        )
    return head + (
        "Net des émissions de leurs filières (concassage, transport, CO2 fossile de la "
        "valorisation énergétique), la valorisation des matériaux de démolition éviterait "
        "**{avoided:n0} tCO2e** (brut : {gross:n0} tCO2e), soit **{share:%1}** des émissions "
        "des travaux de l'option « {option} » ({works:n0} tCO2e)."
    )
