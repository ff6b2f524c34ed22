"""Which upstream briefs a run holds, and their key figures as each brief shows them.

A notebook that failed, was not configured for the site or has not run is *missing*: it is
listed with its reason (in French, as the brief says it) and its figures are never counted as
zero, nor taken from an older run. The upstream analyses, their themes and titles are those
they declare (:func:`qsp_lib.core.analysis.upstream`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from qsp_lib.core import status as data_status
from qsp_lib.core import style
from qsp_lib.core.analysis import Analysis, upstream
from qsp_lib.synthesis.model.values import number

#: Run statuses whose results are this run's.
AVAILABLE = ("ok", "reused")
STATUS_FR = {
    "ok": "à jour",
    "reused": "à jour (résultats réutilisés)",
    "failed": "échec",
    "skipped": "non configurée",
    "absent": "non disponible",
}


def upstream_status(
    run: Mapping[str, Any],
    key_figures: Mapping[str, Any] | None = None,
    briefs: Sequence[str] | None = None,
    notebooks: Sequence[Analysis] | None = None,
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
    notebooks : sequence of Analysis, optional
        Default: the analyses the synthesis depends on, in the programme's order.

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
    for declared in upstream("committee_synthesis") if notebooks is None else notebooks:
        name = declared.notebook
        entry = run.get(name) if isinstance(run.get(name), Mapping) else {}
        status = str(entry.get("status", "absent"))
        available = status in AVAILABLE
        has_brief = briefs is None or name in briefs
        cards = key_figures.get(name)
        rows.append(
            {
                "notebook": name,
                "theme": declared.theme,
                "title": entry.get("title") or declared.title,
                "status": status,
                "status_fr": (
                    "périmée : ses données ont changé depuis sa dernière exécution"
                    if entry.get("stale") and available
                    else STATUS_FR.get(status, status)
                ),
                "available": available,
                "reason": "" if available else _reason(status, entry.get("error"), bool(run)),
                "link": f"{name}.html" if available and has_brief else None,
                "executed_at": entry.get("executed_at") or entry.get("start"),
                "n_key_figures": len(cards) if available and isinstance(cards, list) else 0,
            }
        )
    return pd.DataFrame(rows)


def _reason(status: str, error: Any, run_exists: bool) -> str:
    """Why a notebook's results are missing, in French (its error cut to 200 characters)."""
    error = " ".join(str(error or "").split())
    if len(error) > 200:
        error = error[:197] + "…"
    if status == "failed":
        return "échec de l'exécution" + (f" : {error}" if error else "")
    if status == "skipped":
        return "non configurée pour ce site" + (f" ({error})" if error else "")
    if status == "absent" and not run_exists:
        return "aucun résultat : le site n'a pas encore été exécuté"
    if status == "absent":
        return "non exécutée pour ce site (pas de fichier de paramètres)"
    return f"état inconnu ({status})"


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
        ``decimals``, ``unit``, ``note``, ``source_notebook``, ``data_status``
        (``sourced``, ``estimated`` or ``illustrative`` as the brief marks it; None when the
        card carries none, as in runs made before data statuses).
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
            decimals = int(decimals) if number(decimals) is not None else 0
            # qsp run stores the text shown in "value" and the number in "number"
            raw = card["number"] if "number" in card else card.get("value")
            value = number(raw)
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
                    "data_status": card_status(card),
                }
            )
    columns = [
        "theme",
        "label",
        "value",
        "text",
        "decimals",
        "unit",
        "note",
        "source_notebook",
        "data_status",
    ]
    return pd.DataFrame(rows, columns=columns)


def card_status(card: Mapping[str, Any]) -> str | None:
    """A stored card's ``data_status`` when it is one of the known statuses, else None
    (unknown: a run made before data statuses, or a value this version does not know)."""
    value = card.get("data_status")
    return value if value in data_status.STATUSES else None


def card_text(card: Mapping[str, Any]) -> str:
    """A key-figure value as its brief shows it: a number in French format with the card's
    ``decimals`` (default 0), a text as it is (see ``qsp_lib.core.brief.key_figures``)."""
    value = card.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        decimals = card.get("decimals")
        return style.fr(value, int(decimals) if number(decimals) is not None else 0)
    return "–" if value is None else str(value)


def theme_groups(status: pd.DataFrame, figures: pd.DataFrame) -> list[dict[str, Any]]:
    """Key figures grouped by upstream brief, for display (``brief.key_figure_groups``).

    Returns
    -------
    list of dict
        ``theme``, ``title``, ``link``, ``available``, ``reason``, ``cards`` (dicts with
        ``label``, ``text``, ``unit``, ``note``, ``numeric``, ``data_status``), one per
        upstream notebook in brief order.
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
                        "data_status": c.data_status if isinstance(c.data_status, str) else None,
                    }
                    for c in mine.itertuples()
                ],
            }
        )
    return groups


def contract_key_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The ``synthesis_key_figures`` scrap: ``theme``, ``label``, ``value``, ``unit``,
    ``source_notebook`` (plus ``text`` and ``decimals``, the brief's formatting, and
    ``data_status``, None when the card carries none)."""
    columns = ["theme", "label", "value", "unit", "source_notebook", "text", "decimals"]
    return figures[[*columns, "data_status"]].reset_index(drop=True)


@dataclass(frozen=True)
class Counts:
    """What the summary says of the run.

    Attributes
    ----------
    available : int
        Upstream briefs available [-].
    expected : int
        Upstream briefs expected [-].
    missing : int
        Upstream briefs missing [-].
    missing_text : str
        Their themes, in French (``"aucune"`` when none is missing).
    figures : int
        Key figures shown [-].
    empty : bool
        No upstream brief is available (the run folder is empty or absent).
    """

    available: int
    expected: int
    missing: int
    missing_text: str
    figures: int
    empty: bool


def counts(status: pd.DataFrame, figures: pd.DataFrame) -> Counts:
    """Numbers for the summary: available and expected briefs, key figures shown."""
    missing = status.loc[~status["available"], "theme"].tolist()
    return Counts(
        available=int(status["available"].sum()),
        expected=len(status),
        missing=len(missing),
        missing_text=", ".join(missing) if missing else "aucune",
        figures=len(figures),
        empty=not bool(status["available"].any()),
    )


def available_results(results: Mapping[str, Any], status: pd.DataFrame) -> dict[str, Any]:
    """The scraps of the available upstream notebooks only: a notebook that failed this run
    may still have older scraps in ``results.json``; they are not this run's figures."""
    keep = available_notebooks(status)
    return {k: v for k, v in results.items() if k in keep and isinstance(v, Mapping)}


def available_notebooks(status: pd.DataFrame) -> set[str]:
    """Names of the available upstream notebooks of :func:`upstream_status`."""
    return set(status.loc[status["available"], "notebook"])


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


def unavailable(status: pd.DataFrame, notebook: str, fallback: str) -> str:
    """« non disponible : » and why ``notebook`` is missing (``fallback`` when no reason)."""
    reason = status.loc[status["notebook"] == notebook, "reason"]
    return "non disponible : " + (next(iter(reason), "") or fallback)
