"""Follow-up of a PIA convention by action: commitments, payments against the planned
schedule, delays, forecast at the convention's end, totals and the payment curve."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from qsp_lib.budget.model.convention import Convention, as_of_date
from qsp_lib.budget.model.ledger import COMMITMENT, PAYMENT_KINDS, TOLERANCE_EUR


def _day_numbers(dates: Any) -> np.ndarray:
    """Dates as whole days since 1970-01-01, as floats (for linear interpolation)."""
    return pd.DatetimeIndex(dates).values.astype("datetime64[D]").astype(np.int64).astype(float)


def planned_cumulative(
    actions: pd.DataFrame, dates: Any, schedule: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Planned cumulative payments of each action at each date.

    Linear between the action's start and end dates (the whole subsidy paid at the end)
    unless the action has rows in ``schedule``: then the sum of its planned payments dated
    on or before each date.

    Parameters
    ----------
    actions : DataFrame
        The action table.
    dates : sequence of date-like
        Evaluation dates.
    schedule : DataFrame, optional
        Planned payments (``date``, ``action_id``, ``planned_eur`` [€]).

    Returns
    -------
    DataFrame
        Index: the dates; one column per ``action_id`` [€].
    """
    idx = pd.DatetimeIndex(pd.to_datetime(list(dates))).normalize()
    t = _day_numbers(idx)
    out = {}
    scheduled = set() if schedule is None else set(schedule["action_id"])
    for row in actions.itertuples(index=False):
        if row.action_id in scheduled:
            mine = schedule[schedule["action_id"] == row.action_id].sort_values("date")
            d = _day_numbers(mine["date"])
            cum = mine["planned_eur"].cumsum().to_numpy(dtype=float)
            pos = np.searchsorted(d, t, side="right")
            out[row.action_id] = np.where(pos > 0, cum[np.maximum(pos - 1, 0)], 0.0)
        else:
            start, end = _day_numbers([row.start_date, row.end_date])
            share = np.clip((t - start) / max(end - start, 1.0), 0.0, 1.0)
            out[row.action_id] = row.pia_subsidy_eur * share
    return pd.DataFrame(out, index=idx, columns=list(actions["action_id"]))


# ------------------------------------------------------------------------ follow-up
def ledger_sums(payments: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Committed, paid and advance sums [€] and date of the balance, by action, counting the
    ledger rows dated on or before ``as_of``."""
    counted = payments[payments["date"] <= as_of]
    committed = counted[counted["kind"] == COMMITMENT].groupby("action_id")["amount_eur"].sum()
    paid_rows = counted[counted["kind"].isin(PAYMENT_KINDS)]
    paid = paid_rows.groupby("action_id")["amount_eur"].sum()
    advance = paid_rows[paid_rows["kind"] == "avance"].groupby("action_id")["amount_eur"].sum()
    settled = paid_rows[paid_rows["kind"] == "solde"].groupby("action_id")["date"].max()
    return pd.DataFrame(
        {
            "committed_eur": committed,
            "paid_eur": paid,
            "advance_eur": advance,
            "settled_on": settled,
        }
    )


def follow_up(
    actions: pd.DataFrame,
    payments: pd.DataFrame,
    as_of: Any,
    schedule: pd.DataFrame | None = None,
    late_threshold: float = 0.25,
) -> pd.DataFrame:
    """Follow-up by action at the situation date: amounts, rates, schedule, delays.

    Only ledger rows dated on or before ``as_of`` are counted.

    Parameters
    ----------
    actions, payments : DataFrame
        Action table and ledger (see the module docstring).
    as_of : date-like
        Situation date.
    schedule : DataFrame, optional
        Planned payments (see :func:`planned_cumulative`).
    late_threshold : float
        An unsettled action is late when its planned share paid at ``as_of`` exceeds its
        payment rate by more than this [0-1]; also when its end date has passed without a
        balance payment.

    Returns
    -------
    DataFrame
        One row per action: ``action_id``, ``title``, ``axis``, ``owner``,
        ``total_cost_eur``, ``subsidy_eur``, ``committed_eur``, ``paid_eur``,
        ``remaining_eur`` (subsidy - paid), ``to_commit_eur`` (subsidy - committed),
        ``committed_rate``, ``paid_rate``, ``advance_eur``, ``settled`` (a balance was
        paid), ``start_date``, ``end_date``, ``elapsed_share`` (of the action's duration),
        ``planned_eur`` (planned cumulative payments at ``as_of``), ``planned_rate``,
        ``late`` (bool), ``overdue`` (end date passed without a balance), ``behind`` (more
        than ``late_threshold`` behind the plan), ``days_late``
        (``as_of`` minus the date the plan reached the amount paid; 0 when on time).
    """
    as_of = as_of_date(as_of)
    sums = ledger_sums(payments, as_of)
    out = actions[["action_id", "title", "axis", "owner", "total_cost_eur"]].copy()
    out["subsidy_eur"] = actions["pia_subsidy_eur"].astype(float)
    sums = sums.reindex(out["action_id"])
    out["committed_eur"] = sums["committed_eur"].fillna(0.0).to_numpy()
    out["paid_eur"] = sums["paid_eur"].fillna(0.0).to_numpy()
    out["remaining_eur"] = out["subsidy_eur"] - out["paid_eur"]
    out["to_commit_eur"] = out["subsidy_eur"] - out["committed_eur"]
    out["committed_rate"] = out["committed_eur"] / out["subsidy_eur"]
    out["paid_rate"] = out["paid_eur"] / out["subsidy_eur"]
    out["advance_eur"] = sums["advance_eur"].fillna(0.0).to_numpy()
    out["settled"] = sums["settled_on"].notna().to_numpy()
    out["start_date"] = actions["start_date"].to_numpy()
    out["end_date"] = actions["end_date"].to_numpy()
    duration = (out["end_date"] - out["start_date"]).dt.days.clip(lower=1)
    out["elapsed_share"] = ((as_of - out["start_date"]).dt.days / duration).clip(0.0, 1.0)

    # Daily planned curve from the earliest start to the latest of as_of and the last end:
    # the date the plan reached the amount paid gives the delay.
    first = min(actions["start_date"].min(), as_of)
    last = max(actions["end_date"].max(), as_of)
    if schedule is not None and len(schedule):
        first, last = min(first, schedule["date"].min()), max(last, schedule["date"].max())
    days = pd.date_range(first, last, freq="D")
    plan = planned_cumulative(actions, days, schedule)
    out["planned_eur"] = plan.loc[as_of].to_numpy()
    out["planned_rate"] = out["planned_eur"] / out["subsidy_eur"]

    overdue = (out["end_date"] < as_of) & ~out["settled"]
    behind = (out["planned_rate"] - out["paid_rate"] > late_threshold) & ~out["settled"]
    days_late = []
    for row in out.itertuples(index=False):
        if row.settled:
            days_late.append(0)
            continue
        reached = plan.index[plan[row.action_id].to_numpy() >= row.paid_eur - TOLERANCE_EUR]
        when = reached[0] if len(reached) else plan.index[-1]
        days_late.append(max(int((as_of - when).days), 0))
    out["late"] = (overdue | behind).to_numpy()
    out["overdue"] = overdue.to_numpy()
    out["behind"] = behind.to_numpy()
    out["days_late"] = np.where(out["late"], days_late, 0)
    return out.reset_index(drop=True)


def forecast(by_action: pd.DataFrame, conv: Convention, as_of: Any) -> pd.DataFrame:
    """What each action will have drawn by the convention's end at its current pace.

    - settled action: what it was paid;
    - action not started at ``as_of`` (no pace observable): its planned share at the
      convention's end (assumed on schedule);
    - otherwise: amount paid plus the pace so far (paid / days since the later of its start
      and the signature) times the days left until the convention's end.

    Capped at the subsidy, or at the subsidy minus the balance (``balance_rate``) when the
    action ends after the convention (the balance needs the completed action), and never
    below what was paid.

    Parameters
    ----------
    by_action : DataFrame
        Output of :func:`follow_up`.
    conv : Convention
        Convention terms.
    as_of : date-like
        Situation date.

    Returns
    -------
    DataFrame
        ``by_action`` with ``pace_eur_per_year``, ``forecast_eur``, ``at_risk_eur`` [€] and
        ``forecast_basis`` (``solde``, ``calendrier`` or ``rythme``).
    """
    as_of = as_of_date(as_of)
    out = by_action.copy()
    left_days = max((conv.end_date - as_of).days, 0)
    cap = np.where(
        out["end_date"] <= conv.end_date,
        out["subsidy_eur"],
        out["subsidy_eur"] * (1.0 - conv.balance_rate),
    )
    pace, fc, basis = [], [], []
    for row, c in zip(out.itertuples(index=False), cap, strict=True):
        origin = max(pd.Timestamp(row.start_date), conv.signature_date)
        elapsed = (as_of - origin).days
        if row.settled:
            p, f, b = 0.0, row.paid_eur, "solde"
        elif elapsed <= 0:
            share = np.clip(
                (conv.end_date - row.start_date).days
                / max((row.end_date - row.start_date).days, 1),
                0.0,
                1.0,
            )
            p, f, b = np.nan, row.subsidy_eur * share, "calendrier"
        else:
            p = row.paid_eur / elapsed
            f, b = row.paid_eur + p * left_days, "rythme"
        pace.append(p * 365.25)
        fc.append(max(min(f, c), row.paid_eur))
        basis.append(b)
    out["pace_eur_per_year"] = pace
    out["forecast_eur"] = fc
    out["at_risk_eur"] = (out["subsidy_eur"] - out["forecast_eur"]).clip(lower=0.0)
    out["forecast_basis"] = basis
    return out


def summarise(by_action: pd.DataFrame, key: str) -> pd.DataFrame:
    """Sums and rates by ``key`` (``axis`` or ``owner``), in order of first appearance.

    Returns
    -------
    DataFrame
        ``key``, ``n_actions``, ``subsidy_eur``, ``committed_eur``, ``paid_eur``,
        ``remaining_eur``, ``committed_rate``, ``paid_rate``, ``n_late`` (and
        ``forecast_eur``, ``at_risk_eur`` when present).
    """
    cols = ["subsidy_eur", "committed_eur", "paid_eur", "remaining_eur"]
    cols += [c for c in ("forecast_eur", "at_risk_eur") if c in by_action]
    g = by_action.groupby(key, sort=False)
    out = g[cols].sum()
    out.insert(0, "n_actions", g.size())
    out["committed_rate"] = out["committed_eur"] / out["subsidy_eur"]
    out["paid_rate"] = out["paid_eur"] / out["subsidy_eur"]
    out["n_late"] = g["late"].sum().astype(int)
    return out.reset_index()


@dataclass(frozen=True)
class Totals:
    """Programme totals at the situation date.

    Attributes
    ----------
    convention_eur : float
        Amount of the convention [€].
    subsidy_eur : float
        Sum of the actions' subsidies [€].
    committed_eur, paid_eur : float
        Committed and paid [€].
    remaining_eur : float
        Convention amount minus paid [€].
    committed_rate, paid_rate : float
        Committed and paid over the convention amount [-].
    forecast_eur, at_risk_eur : float or None
        Forecast payments at the convention's end and the subsidy left unpaid [€] (None
        before :func:`forecast`).
    """

    convention_eur: float
    subsidy_eur: float
    committed_eur: float
    paid_eur: float
    remaining_eur: float
    committed_rate: float
    paid_rate: float
    forecast_eur: float | None = None
    at_risk_eur: float | None = None


def totals(by_action: pd.DataFrame, conv: Convention) -> Totals:
    """Programme totals; rates relative to the convention amount [€, -]."""
    committed = float(by_action["committed_eur"].sum())
    paid = float(by_action["paid_eur"].sum())
    forecast_eur = at_risk_eur = None
    if "forecast_eur" in by_action:
        forecast_eur = float(by_action["forecast_eur"].sum())
        at_risk_eur = conv.amount_eur - forecast_eur
    return Totals(
        convention_eur=conv.amount_eur,
        subsidy_eur=float(by_action["subsidy_eur"].sum()),
        committed_eur=committed,
        paid_eur=paid,
        remaining_eur=conv.amount_eur - paid,
        committed_rate=committed / conv.amount_eur,
        paid_rate=paid / conv.amount_eur,
        forecast_eur=forecast_eur,
        at_risk_eur=at_risk_eur,
    )


def payment_curve(
    actions: pd.DataFrame,
    payments: pd.DataFrame,
    conv: Convention,
    as_of: Any,
    schedule: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Month-end cumulative payments against the planned schedule, signature to end.

    Returns
    -------
    DataFrame
        ``date`` (month ends, then ``as_of`` and the convention's end), ``planned_cum_eur``
        and ``paid_cum_eur`` (NaN after ``as_of``) [€].
    """
    as_of = as_of_date(as_of)
    start = min(conv.signature_date, actions["start_date"].min())
    end = max(conv.end_date, actions["end_date"].max())
    dates = pd.date_range(start, end, freq="ME").union(pd.DatetimeIndex([start, as_of, end]))
    plan = planned_cumulative(actions, dates, schedule).sum(axis=1)
    known = set(actions["action_id"])
    paid = payments[payments["kind"].isin(PAYMENT_KINDS) & payments["action_id"].isin(known)]
    paid = paid[paid["date"] <= as_of].sort_values("date")
    cum = np.cumsum(paid["amount_eur"].to_numpy(dtype=float))
    pos = np.searchsorted(paid["date"].to_numpy(), dates.to_numpy(), side="right")
    paid_cum = np.where(pos > 0, cum[np.maximum(pos - 1, 0)] if len(cum) else 0.0, 0.0)
    paid_cum = np.where(dates <= as_of, paid_cum, np.nan)
    return pd.DataFrame(
        {"date": dates, "planned_cum_eur": plan.to_numpy(), "paid_cum_eur": paid_cum}
    )
