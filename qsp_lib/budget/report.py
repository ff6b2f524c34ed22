"""The financial report to the operator: French tables, one per workbook sheet, and the
CSVs of its detail sheets."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from qsp_lib.budget import wording
from qsp_lib.budget.model import CSV_NAMES
from qsp_lib.budget.model.convention import Convention, as_of_date
from qsp_lib.budget.model.followup import Totals, totals
from qsp_lib.budget.wording import ALERTS, STATUS_FR


def _round(eur: float | None) -> float:
    """An amount to the cent [€] (NaN when it was not computed)."""
    return np.nan if eur is None else round(eur, 2)


#: Amount columns of the follow-up [€] and their French headers.
MONEY = {
    "subsidy_eur": "Subvention PIA (€)",
    "committed_eur": "Engagé (€)",
    "paid_eur": "Versé (€)",
    "remaining_eur": "Reste à verser (€)",
    "forecast_eur": "Prévision de versement à l'échéance (€)",
    "at_risk_eur": "Subvention à risque (€)",
}
#: Rate columns [-] and their French headers.
RATES = {"committed_rate": "Taux d'engagement", "paid_rate": "Taux de versement"}


def _with_total(df: pd.DataFrame, first: str) -> pd.DataFrame:
    """``df`` closed by a « Total » row: sums of amounts and counts, rates of the sums."""
    summed = {*MONEY.values(), "Coût total (€)", "Nombre d'actions", "Actions en retard"}
    total = {c: df[c].sum() for c in df.columns if c in summed}
    if "Subvention PIA (€)" in total:
        sub = total["Subvention PIA (€)"]
        total["Taux d'engagement"] = total["Engagé (€)"] / sub if sub else np.nan
        total["Taux de versement"] = total["Versé (€)"] / sub if sub else np.nan
    total[first] = "Total"
    out = pd.concat([df, pd.DataFrame([total])], ignore_index=True)
    money_cols = [c for c in out.columns if c.endswith("(€)")]
    out[money_cols] = out[money_cols].round(2)
    return out


def _amounts_and_rates(out: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Add the amount columns present in ``frame`` and its rates, French headers."""
    for k, v in MONEY.items():
        if k in frame:
            out[v] = frame[k].to_numpy()
    for k, v in RATES.items():
        out[v] = frame[k].to_numpy()
    return out


def action_sheet(by_action: pd.DataFrame) -> pd.DataFrame:
    """« Suivi par action »: dates, cost, amounts, rates and delay of each action, total."""
    act = pd.DataFrame(
        {
            "Action": by_action["action_id"],
            "Intitulé": by_action["title"],
            "Axe": by_action["axis"],
            "Maître d'ouvrage": by_action["owner"],
            "Début": by_action["start_date"].dt.date,
            "Fin": by_action["end_date"].dt.date,
            "Coût total (€)": by_action["total_cost_eur"],
        }
    )
    act = _amounts_and_rates(act, by_action)
    act["En retard"] = np.where(by_action["late"], "oui", "non")
    act["Retard (jours)"] = by_action["days_late"].to_numpy()
    act["Motif"] = [
        wording.late_reason(o, b)
        for o, b in zip(by_action["overdue"], by_action["behind"], strict=True)
    ]
    return _with_total(act, "Action")


def group_sheet(frame: pd.DataFrame, key: str, label: str) -> pd.DataFrame:
    """« Par maître d'ouvrage » or « Par axe »: :func:`~.model.followup.summarise`, total."""
    out = pd.DataFrame({label: frame[key], "Nombre d'actions": frame["n_actions"]})
    out = _amounts_and_rates(out, frame)
    out["Actions en retard"] = frame["n_late"].to_numpy()
    return _with_total(out, label)


def ledger_sheet(payments: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """« Versements »: the ledger by date, rows after the situation date flagged."""
    ledger = payments.sort_values(["date", "action_id"]).copy()
    return pd.DataFrame(
        {
            "Date": ledger["date"].dt.date,
            "Action": ledger["action_id"],
            "Nature": ledger["kind"],
            "Montant (€)": ledger["amount_eur"],
            "Compté au": np.where(ledger["date"] <= as_of, "oui", "non (postérieur)"),
        }
    )


def funding_sheet(plan: pd.DataFrame) -> pd.DataFrame:
    """« Plan de financement »: each action's funders, status, amount [€] and share [-]."""
    # A co-funder absent from an action is not part of its plan; PIA and own funds always are.
    fp = plan[(plan["amount_eur"] > 0) | plan["source"].isin(["pia", "own_funds"])]
    return pd.DataFrame(
        {
            "Action": fp["action_id"],
            "Financeur": fp["label"],
            "Statut": fp["status"].map(STATUS_FR),
            "Montant (€)": fp["amount_eur"],
            "Part du coût": fp["share"],
        }
    )


def summary_sheet(
    t: Totals, conv: Convention, as_of: pd.Timestamp, n_alerts: int, name: str, operator: str
) -> pd.DataFrame:
    """« Synthèse »: the convention, its terms and its totals."""
    return pd.DataFrame(
        [
            ("Convention", name),
            ("Opérateur", operator),
            ("Date de situation", as_of.date()),
            ("Signature de la convention", conv.signature_date.date()),
            ("Fin de la convention", conv.end_date.date()),
            ("Montant de la convention (€)", t.convention_eur),
            ("Somme des subventions par action (€)", t.subsidy_eur),
            ("Engagé (€)", t.committed_eur),
            ("Versé (€)", t.paid_eur),
            ("Reste à verser (€)", t.remaining_eur),
            ("Taux d'engagement", t.committed_rate),
            ("Taux de versement", t.paid_rate),
            ("Prévision de versement à l'échéance (€)", _round(t.forecast_eur)),
            ("Subvention à risque (€)", _round(t.at_risk_eur)),
            ("Plafond d'avance (part de la subvention)", conv.advance_rate),
            ("Solde versé sur justificatifs (part de la subvention)", conv.balance_rate),
            ("Alertes de cohérence", n_alerts),
        ],
        columns=["Rubrique", "Valeur"],
    )


def report_sheets(
    by_action: pd.DataFrame,
    by_owner: pd.DataFrame,
    by_axis: pd.DataFrame,
    payments: pd.DataFrame,
    plan: pd.DataFrame,
    alerts: pd.DataFrame,
    conv: Convention,
    as_of: Any,
    convention_name: str = "",
    operator: str = "",
) -> dict[str, pd.DataFrame]:
    """The financial report to the operator as French tables, one per workbook sheet.

    Sheets: « Synthèse » (the convention and its totals), « Suivi par action », « Par maître
    d'ouvrage », « Par axe » (each closed by a « Total » row), « Versements » (the ledger),
    « Plan de financement » and « Alertes ».

    Returns
    -------
    dict of str to DataFrame
    """
    as_of = as_of_date(as_of)
    t = totals(by_action, conv)
    al = pd.DataFrame(
        {
            "Alerte": alerts["code"].map(ALERTS),
            "Action": alerts["action_id"],
            "Message": wording.alert_messages(alerts),
        }
    )
    return {
        "Synthèse": summary_sheet(t, conv, as_of, len(alerts), convention_name, operator),
        "Suivi par action": action_sheet(by_action),
        "Par maître d'ouvrage": group_sheet(by_owner, "owner", "Maître d'ouvrage"),
        "Par axe": group_sheet(by_axis, "axis", "Axe"),
        "Versements": ledger_sheet(payments, as_of),
        "Plan de financement": funding_sheet(plan),
        "Alertes": al,
    }


def report_csvs(sheets: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """CSV exports of the workbook's detail sheets (file name -> table), without the
    « Total » rows so that the CSVs stay plain data tables."""
    out = {}
    for sheet, name in CSV_NAMES.items():
        frame = sheets[sheet]
        first = frame.columns[0]
        out[name] = frame[frame[first].astype(str) != "Total"].reset_index(drop=True)
    return out
