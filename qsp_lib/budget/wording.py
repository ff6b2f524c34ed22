"""French wording of the PIA follow-up: names of alerts, statuses and forecast bases,
the reasons of a delay, the alert messages and the rows of « Hypothèses et sources »."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from qsp_lib.budget.model.convention import Convention
from qsp_lib.core import style


def _eur(x: float) -> str:
    return style.fr(x, 0, "€")


def _date(x: Any) -> str:
    return style.fr_date(pd.Timestamp(x))


#: Alert codes (:data:`qsp_lib.budget.model.alerts.ALERT_CODES`) and what they mean.
ALERTS = {
    "paid_above_committed": "versé supérieur à l'engagé",
    "committed_above_subsidy": "engagé supérieur à la subvention",
    "payment_before_signature": "paiement antérieur à la signature de la convention",
    "payment_after_end": "paiement postérieur à la fin de la convention",
    "unknown_action": "paiement sur une action inconnue",
    "subsidies_differ_from_convention": "subventions par action ≠ montant de la convention",
    "cost_below_subsidy": "coût total inférieur à la subvention",
    "funding_above_cost": "financements supérieurs au coût total",
    "advance_above_ceiling": "avance supérieure au plafond de la convention",
    "after_as_of": "écritures postérieures à la date de situation (non comptées)",
}

#: The message of each alert: ``{amount}`` and ``{limit}`` in euros, ``{date}`` and
#: ``{limit_date}`` as dates, ``{action_id}``, ``{kind}`` and ``{count}`` as they are.
MESSAGES = {
    "subsidies_differ_from_convention": (
        "La somme des subventions par action ({amount}) diffère du montant de la convention "
        "({limit})."
    ),
    "cost_below_subsidy": (
        "Action {action_id} : coût total ({amount}) inférieur à la subvention PIA ({limit})."
    ),
    "funding_above_cost": (
        "Action {action_id} : financements ({amount}) supérieurs au coût total ({limit})."
    ),
    "unknown_action": (
        "Écriture du {date} ({kind}, {amount}) sur une action inconnue : {action_id}."
    ),
    "payment_before_signature": (
        "Écriture du {date} ({action_id}, {kind}) antérieure à la signature de la convention "
        "({limit_date})."
    ),
    "payment_after_end": (
        "Écriture du {date} ({action_id}, {kind}) postérieure à la fin de la convention "
        "({limit_date})."
    ),
    "after_as_of": (
        "Écritures datées après la date de situation ({limit_date}), non comptées : {count}."
    ),
    "paid_above_committed": "Action {action_id} : versé ({amount}) supérieur à l'engagé ({limit}).",
    "committed_above_subsidy": (
        "Action {action_id} : engagé ({amount}) supérieur à la subvention PIA ({limit})."
    ),
    "advance_above_ceiling": (
        "Action {action_id} : avance ({amount}) supérieure au plafond de la convention ({limit})."
    ),
}

#: Funding statuses of a co-funder (own funds have none).
STATUS_FR = {"secured": "acquis", "sought": "recherché", "": "—"}

#: Names of the two sources every action has (:func:`qsp_lib.budget.model.funding.funding_plan`).
FUNDER_LABELS_FR = {
    "pia": "PIA (subvention de la convention)",
    "own_funds": "Autofinancement du maître d'ouvrage",
}

#: Names of the basis of each action's forecast (:func:`qsp_lib.budget.model.followup.forecast`).
FORECAST_BASIS_FR = {
    "solde": "soldée",
    "calendrier": "non commencée : calendrier",
    "rythme": "rythme observé",
}

#: Why an action is late (``overdue``, ``behind`` of :func:`~.model.followup.follow_up`).
OVERDUE, BEHIND_SCHEDULE = "échéance dépassée sans solde", "versements en retard sur le calendrier"


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def alert_message(alert: Any) -> str:
    """The French sentence of one alert (a row of
    :func:`qsp_lib.budget.model.alerts.check_consistency`)."""

    def some(x: Any) -> bool:
        return x is not None and not pd.isna(x)

    return MESSAGES[alert.code].format(
        action_id=alert.action_id,
        kind=_text(alert.kind),
        amount=_eur(alert.amount_eur) if some(alert.amount_eur) else "",
        limit=_eur(alert.limit_eur) if some(alert.limit_eur) else "",
        date=_date(alert.date) if some(alert.date) else "",
        limit_date=_date(alert.limit_date) if some(alert.limit_date) else "",
        count=int(alert.count) if some(alert.count) else "",
    )


def alert_messages(alerts: pd.DataFrame) -> list[str]:
    """The French sentence of each alert, in table order."""
    return [alert_message(a) for a in alerts.itertuples(index=False)]


def late_reason(overdue: bool, behind: bool) -> str:
    """Why an action is late, in French (empty when it is on time)."""
    return " ; ".join(r for r, flag in ((OVERDUE, overdue), (BEHIND_SCHEDULE, behind)) if flag)


def sources_rows(
    values: dict[str, Any],
    conv: Convention,
    as_of: Any,
    today: bool,
    declared: Mapping[str, Any] | None = None,
) -> list[dict]:
    """Rows of the brief's « Hypothèses et sources » section.

    Parameters
    ----------
    values : dict
        The notebook's parameters (``actions_csv``, ``payments_csv``, ``schedule_csv``,
        ``late_threshold``, ``cofunding_sources``, ``parameter_sources``): the source of a
        parameter is the ``source`` of its declaration (``declared``) when it has one, else
        ``parameter_sources[name]`` when given, else « fichier de paramètres ».
    conv : Convention
        The convention terms (``defaulted`` says which came from the actions).
    as_of : date-like
        Situation date; ``today`` says it defaulted to the run date.
    declared : mapping, optional
        Input name -> :class:`qsp_lib.core.status.InputStatus` of the files declared as
        ``{path, status, source}`` (``params.declared_inputs(P)``).
    """
    notes = dict(values.get("parameter_sources") or {})
    notes.update({k: d.source for k, d in (declared or {}).items() if d.source})
    derived = "déduit des actions (non renseigné)"

    def src(*names: str) -> str:
        given = [notes[n] for n in names if n in notes]
        return " ; ".join(dict.fromkeys(given)) or "fichier de paramètres"

    schedule = values.get("schedule_csv")
    rows = [
        {
            "item": "Montant de la convention",
            "value": _eur(conv.amount_eur),
            "source": derived if "amount_eur" in conv.defaulted else src("convention_amount_eur"),
        },
        {
            "item": "Signature ; fin de la convention",
            "value": f"{_date(conv.signature_date)} ; {_date(conv.end_date)}",
            "source": derived
            if {"signature_date", "end_date"} & set(conv.defaulted)
            else src("convention_signature_date", "convention_end_date"),
        },
        {
            "item": "Date de situation",
            "value": _date(as_of),
            "source": "date du calcul (non fixée)" if today else src("as_of_date"),
        },
        {
            "item": "Plafond d'avance ; part du solde sur justificatifs",
            "value": (
                style.pct(conv.advance_rate, 0) if conv.advance_rate is not None else "non vérifié"
            )
            + f" ; {style.pct(conv.balance_rate, 0)}",
            "source": src("advance_rate", "balance_rate"),
        },
        {
            "item": "Seuil de retard (part prévue moins part versée)",
            "value": style.pct(values["late_threshold"], 0),
            "source": src("late_threshold"),
        },
        {
            "item": "Calendrier prévisionnel",
            "value": Path(schedule).name
            if schedule
            else "linéaire du début à la fin de chaque action",
            "source": src("schedule_csv"),
        },
        {
            "item": "Actions (coûts, subventions, cofinancements, dates)",
            "value": Path(values["actions_csv"]).name,
            "source": src("actions_csv"),
        },
        {
            "item": "Engagements et versements",
            "value": Path(values["payments_csv"]).name,
            "source": src("payments_csv"),
        },
    ]
    cofunders = values.get("cofunding_sources") or {}
    if cofunders:
        rows.append(
            {
                "item": "Cofinanceurs et statut",
                "value": " ; ".join(
                    f"{i['label']} : {STATUS_FR[i['status']]}" for i in cofunders.values()
                ),
                "source": src("cofunding_sources"),
            }
        )
    return rows


def late_sentence(late_ids: list[str]) -> str:
    """The late actions in one sentence of the "En bref"."""
    if not late_ids:
        return "Aucune action n'est en retard."
    return style.fmt("{n:#action} en retard : ", n=len(late_ids)) + ", ".join(late_ids) + "."


def alerts_sentence(n_alerts: int) -> str:
    """The consistency alerts in one sentence of the "En bref"."""
    if not n_alerts:
        return "Aucune incohérence entre actions, écritures et convention."
    return style.fmt("{n:#alerte} de cohérence à traiter (détail plus bas).", n=n_alerts)
