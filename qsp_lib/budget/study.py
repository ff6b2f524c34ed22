"""The decisions of the ``pia_followup`` study, taken from its validated parameters.

``notebooks/pia_followup.ipynb`` calls these functions and keeps only figures and narrative:
the convention, the follow-up and forecast of each action at the date of the situation, the
summaries by owner and by axis, the consistency alerts, the payment curve, the funding plan,
the financial report to the operator and the tables of the brief. Each function takes the
validated parameters ``P`` (:class:`qsp_lib.budget.schema.PiaFollowupParameters`) and
tables: the actions, payments and schedule files are read through
:mod:`qsp_lib.budget.io`, the report is written through :mod:`qsp_lib.core.exports`.
The computations are those of :mod:`qsp_lib.budget.model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from qsp_lib.budget import io as budget_io
from qsp_lib.budget import report, wording
from qsp_lib.budget.model import XLSX_NAME, followup, funding
from qsp_lib.budget.model import alerts as checks
from qsp_lib.budget.model import convention as terms
from qsp_lib.budget.model.ledger import DAYS_PER_MONTH
from qsp_lib.core import exports, params, style
from qsp_lib.core import status as data_status

if TYPE_CHECKING:
    from qsp_lib.budget.schema import PiaFollowupParameters

#: Position of the payments against the schedule, as the brief words it.
BEHIND, AHEAD = "de retard", "d'avance"
#: Suffix of a funder whose contribution is still sought.
SOUGHT_SUFFIX = " (recherché)"
#: File name of the financial report workbook (:data:`qsp_lib.budget.model.XLSX_NAME`).
__all__ = ["XLSX_NAME"]
#: Columns of the ``pia_by_action`` scrap (contract).
SCRAP_COLUMNS = (
    "action_id",
    "title",
    "axis",
    "owner",
    "subsidy_eur",
    "committed_eur",
    "paid_eur",
    "remaining_eur",
    "committed_rate",
    "paid_rate",
    "late",
    "days_late",
    "forecast_eur",
    "at_risk_eur",
)


@dataclass(frozen=True)
class OwnerRisk:
    """The subsidy at risk of one project owner.

    Attributes
    ----------
    owner : str
        Project owner (maître d'ouvrage).
    at_risk_eur : float
        Subsidy of its actions left unpaid at the convention's end at the current pace [€].
    subsidy_eur : float
        Subsidy of its actions [€].
    n_late : int
        Its actions in delay [-].
    """

    owner: str
    at_risk_eur: float
    subsidy_eur: float
    n_late: int


@dataclass(frozen=True)
class BudgetStudy:
    """The follow-up of a PIA convention at the date of the situation.

    Attributes
    ----------
    actions, payments : DataFrame
        The actions and ledger entries of the site files.
    schedule : DataFrame or None
        Planned payments per action (None: linear from start to end of each action).
    conv : Convention
        :func:`qsp_lib.budget.model.convention.convention`.
    as_of : Timestamp
        Date of the situation.
    by_action : DataFrame
        :func:`~.model.followup.follow_up` then :func:`~.model.followup.forecast` [€, -].
    by_owner, by_axis : DataFrame
        :func:`~.model.followup.summarise` by owner and by axis.
    totals : Totals
        :func:`~.model.followup.totals` [€, -].
    alerts : DataFrame
        :func:`~.model.alerts.check_consistency`, with its French ``message``.
    curve : DataFrame
        :func:`~.model.followup.payment_curve` [€].
    plan : DataFrame
        :func:`~.model.funding.funding_plan` [€, -].
    by_source : DataFrame
        :func:`~.model.funding.funding_by_source` [€, -].
    """

    actions: pd.DataFrame
    payments: pd.DataFrame
    schedule: pd.DataFrame | None
    conv: terms.Convention
    as_of: pd.Timestamp
    by_action: pd.DataFrame
    by_owner: pd.DataFrame
    by_axis: pd.DataFrame
    totals: followup.Totals
    alerts: pd.DataFrame
    curve: pd.DataFrame
    plan: pd.DataFrame
    by_source: pd.DataFrame

    @property
    def late(self) -> pd.DataFrame:
        """The actions in delay."""
        return self.by_action[self.by_action["late"]]

    @property
    def ids(self) -> list[str]:
        """Action identifiers, in the order of the actions file."""
        return list(self.by_action["action_id"])

    @property
    def planned_now_eur(self) -> float:
        """Payments the schedule planned by the date of the situation [€]."""
        return self.by_action["planned_eur"].sum()

    @property
    def forecast_rate(self) -> float:
        """Forecast payments at the end of the convention over its amount [-]."""
        return self.totals.forecast_eur / self.totals.convention_eur

    @property
    def late_ids(self) -> list[str]:
        """Identifiers of the actions in delay, in file order."""
        return list(self.late["action_id"])

    @property
    def alert_messages(self) -> list[str]:
        """The French sentence of each consistency alert."""
        return list(self.alerts["message"])

    @property
    def worst_owner(self) -> OwnerRisk:
        """The owner with the most subsidy at risk (first in file order on a tie)."""
        row = self.by_owner.sort_values("at_risk_eur", ascending=False).iloc[0]
        return OwnerRisk(
            owner=row["owner"],
            at_risk_eur=float(row["at_risk_eur"]),
            subsidy_eur=float(row["subsidy_eur"]),
            n_late=int(row["n_late"]),
        )

    @property
    def sought(self) -> pd.DataFrame:
        """Funders whose contribution is still sought."""
        return self.by_source[self.by_source["status"] == "sought"]

    @property
    def sought_eur(self) -> float:
        """Contributions still sought [€]."""
        return self.sought["amount_eur"].sum()

    @property
    def total_cost_eur(self) -> float:
        """Total cost of the actions [€]."""
        return self.by_source["amount_eur"].sum()

    @property
    def pia_share(self) -> float:
        """Share of the total cost covered by the PIA subsidy [-]."""
        return self.by_source.loc[self.by_source["source"] == "pia", "share"].sum()


def study(
    P: PiaFollowupParameters,
    actions: pd.DataFrame | None = None,
    payments: pd.DataFrame | None = None,
    schedule: pd.DataFrame | None = None,
) -> BudgetStudy:
    """The follow-up, forecast, alerts and funding plan of the convention.

    Parameters
    ----------
    P : PiaFollowupParameters
        Validated parameters (convention amount, dates and rates, date of the situation,
        late threshold, co-funders).
    actions, payments, schedule : DataFrame, optional
        Tables already read (tests); by default the files ``P.actions_csv``,
        ``P.payments_csv`` and ``P.schedule_csv`` read through :mod:`qsp_lib.budget.io`.

    Returns
    -------
    BudgetStudy

    References
    ----------
    Advance, instalments and balance on supporting documents, as in the PIA conventions of the
    Caisse des Dépôts (see :func:`qsp_lib.budget.model.convention`).
    """
    if actions is None:
        actions = budget_io.read_actions(P.actions_csv)
    if payments is None:
        payments = budget_io.read_payments(P.payments_csv)
    if schedule is None:
        schedule = budget_io.read_schedule(P.schedule_csv)
    conv = terms.convention(
        actions,
        amount_eur=P.convention_amount_eur,
        signature_date=P.convention_signature_date,
        end_date=P.convention_end_date,
        advance_rate=P.advance_rate,
        balance_rate=P.balance_rate,
    )
    as_of = terms.as_of_date(P.as_of_date)
    by_action = followup.forecast(
        followup.follow_up(actions, payments, as_of, schedule, P.late_threshold), conv, as_of
    )
    found = checks.check_consistency(actions, payments, conv, as_of)
    found["message"] = wording.alert_messages(found)
    plan = funding.funding_plan(
        actions, P.model_dump()["cofunding_sources"], wording.FUNDER_LABELS_FR
    )
    return BudgetStudy(
        actions=actions,
        payments=payments,
        schedule=schedule,
        conv=conv,
        as_of=as_of,
        by_action=by_action,
        by_owner=followup.summarise(by_action, "owner"),
        by_axis=followup.summarise(by_action, "axis"),
        totals=followup.totals(by_action, conv),
        alerts=found,
        curve=followup.payment_curve(actions, payments, conv, as_of, schedule),
        plan=plan,
        by_source=funding.funding_by_source(plan),
    )


def write_report(P: PiaFollowupParameters, result: BudgetStudy, folder: Path) -> list[str]:
    """Write the financial report to the operator (workbook and CSVs) into ``folder``.

    Parameters
    ----------
    P : PiaFollowupParameters
        Validated parameters (convention name, operator).
    result : BudgetStudy
        Result of :func:`study`.
    folder : Path
        Exports folder (:func:`qsp_lib.core.exports.exports_dir`).

    Returns
    -------
    list of str
        Names of the CSV files written (the workbook is :data:`qsp_lib.budget.model.XLSX_NAME`).
    """
    sheets = report.report_sheets(
        result.by_action,
        result.by_owner,
        result.by_axis,
        result.payments,
        result.plan,
        result.alerts,
        result.conv,
        result.as_of,
        convention_name=P.convention_name,
        operator=P.operator,
    )
    exports.write_xlsx(sheets, folder / XLSX_NAME)
    csvs = report.report_csvs(sheets)
    for name, frame in csvs.items():
        exports.write_csv(frame, folder / name)
    return list(csvs)


def schedule_position(planned_eur: float, paid_eur: float) -> str:
    """The payments against the schedule: "de retard" (less paid than planned) or "d'avance"."""
    return BEHIND if planned_eur > paid_eur else AHEAD


def alerts_table(alerts: pd.DataFrame) -> pd.DataFrame:
    """The consistency alerts with the French name of each check."""
    return pd.DataFrame(
        {
            "Contrôle": alerts["code"].map(wording.ALERTS),
            "Action": alerts["action_id"],
            "Constat": alerts["message"],
        }
    )


def actions_table(by_action: pd.DataFrame) -> pd.DataFrame:
    """The actions of the programme: title, axis, owner and period (French dates)."""
    return pd.DataFrame(
        {
            "Action": by_action["action_id"],
            "Intitulé": by_action["title"],
            "Axe": by_action["axis"],
            "Maître d'ouvrage": by_action["owner"],
            "Période": [
                f"{style.fr_date(a)} – {style.fr_date(b)}"
                for a, b in zip(by_action["start_date"], by_action["end_date"], strict=True)
            ],
        }
    )


def action_status_table(by_action: pd.DataFrame) -> pd.DataFrame:
    """Subsidy, committed, paid and remaining amounts [€] and rates [-] of each action."""
    return pd.DataFrame(
        {
            "Action": by_action["action_id"],
            "Subvention (€)": by_action["subsidy_eur"],
            "Engagé (€)": by_action["committed_eur"],
            "Versé (€)": by_action["paid_eur"],
            "Reste à verser (€)": by_action["remaining_eur"],
            "Engagé (%)": by_action["committed_rate"],
            "Versé (%)": by_action["paid_rate"],
            "Prévu à date (%)": by_action["planned_rate"],
        }
    )


def group_table(frame: pd.DataFrame, key: str, name: str) -> pd.DataFrame:
    """A summary by owner or axis: subsidy [€], rates [-], late actions, at risk [€, to 100].

    Parameters
    ----------
    frame : DataFrame
        :attr:`BudgetStudy.by_owner` or :attr:`BudgetStudy.by_axis`.
    key : str
        Grouping column ("owner" or "axis").
    name : str
        French header of the grouping column.
    """
    return pd.DataFrame(
        {
            name: frame[key],
            "Subvention (€)": frame["subsidy_eur"],
            "Engagé (%)": frame["committed_rate"],
            "Versé (%)": frame["paid_rate"],
            "Actions en retard": [
                f"{a} sur {b}" for a, b in zip(frame["n_late"], frame["n_actions"], strict=True)
            ],
            "À risque (€)": frame["at_risk_eur"].round(-2),
        }
    )


def late_table(late: pd.DataFrame) -> pd.DataFrame:
    """The late actions: reason, planned end, paid and planned rates [-], delay [months]."""
    return pd.DataFrame(
        {
            "Action": late["action_id"],
            "Intitulé": late["title"],
            "Motif": [
                wording.late_reason(o, b)
                for o, b in zip(late["overdue"], late["behind"], strict=True)
            ],
            "Fin prévue": [style.fr_date(d) for d in late["end_date"]],
            "Taux de versement": late["paid_rate"],
            "Part prévue à date": late["planned_rate"],
            "Retard (mois)": late["days_late"] / DAYS_PER_MONTH,
        }
    )


def forecast_table(by_action: pd.DataFrame) -> pd.DataFrame:
    """Pace [€/year], paid, forecast and at risk [€, to the hundred] and basis per action."""
    return pd.DataFrame(
        {
            "Action": by_action["action_id"],
            "Rythme (€/an)": by_action["pace_eur_per_year"].round(-2),
            "Versé (€)": by_action["paid_eur"],
            "Prévision à l'échéance (€)": by_action["forecast_eur"].round(-2),
            "À risque (€)": by_action["at_risk_eur"].round(-2),
            "Base": by_action["forecast_basis"].map(wording.FORECAST_BASIS_FR),
        }
    )


def funding_sources(by_source: pd.DataFrame) -> pd.DataFrame:
    """Funders in plan order: ``label``, ``status``, ``sought`` and ``legend`` (label, with
    " (recherché)" when the contribution is still sought), indexed by source."""
    out = by_source.set_index("source")[["label", "status"]].copy()
    out["sought"] = out["status"] == "sought"
    out["legend"] = [
        label + (SOUGHT_SUFFIX if sought else "")
        for label, sought in zip(out["label"], out["sought"], strict=True)
    ]
    return out


def funding_amounts(result: BudgetStudy) -> pd.DataFrame:
    """Amount of each funder for each action [€]: actions as rows, funders as columns."""
    return result.plan.pivot(index="action_id", columns="source", values="amount_eur").reindex(
        index=result.ids, columns=list(result.by_source["source"])
    )


def funding_table(by_source: pd.DataFrame) -> pd.DataFrame:
    """The funding plan of the programme: funder, status, amount [€], share [-], actions."""
    return pd.DataFrame(
        {
            "Financeur": by_source["label"],
            "Statut": by_source["status"].map(wording.STATUS_FR),
            "Montant (€)": by_source["amount_eur"],
            "Part du coût total": by_source["share"],
            "Actions financées": by_source["n_actions"],
        }
    )


def funding_shares_table(result: BudgetStudy) -> pd.DataFrame:
    """Share of each funder in the cost of each action [-]; headers give each action's total
    cost [M€]."""
    order = list(result.by_source["source"])
    shares = result.plan.pivot(index="source", columns="action_id", values="share").reindex(
        index=order, columns=result.ids
    )
    costs = result.actions.set_index("action_id")["total_cost_eur"]
    shares.columns = [f"{a} ({style.fr(costs[a] / 1e6, 1)} M€)" for a in result.ids]
    shares.insert(0, "Financeur", list(funding_sources(result.by_source)["legend"]))
    return shares


def by_action_scrap(result: BudgetStudy) -> pd.DataFrame:
    """The ``pia_by_action`` scrap: the contract columns of the follow-up by action."""
    return result.by_action[list(SCRAP_COLUMNS)]


def convention_data_status(P: PiaFollowupParameters, conv: terms.Convention) -> str | None:
    """The data status of the « Montant de la convention » card when the amount is not given
    and derived from the actions (then it rests on ``actions_csv``); None when it is given
    (the card's declared inputs say it)."""
    if "amount_eur" not in conv.defaulted:
        return None
    return data_status.weakest(
        params.input_status(P, name).status for name in ("actions_csv", "convention_amount_eur")
    )


def sources_rows(P: PiaFollowupParameters, result: BudgetStudy) -> list[dict]:
    """Rows of "Hypothèses et sources": the parameters with their sources, the convention's
    dates and rates, and the date of the situation (flagged when it is the day of the run)."""
    return wording.sources_rows(
        P.model_dump(),
        result.conv,
        result.as_of,
        today=P.as_of_date is None,
        declared=params.declared_inputs(P),
    )
