"""PIA convention follow-up: commitments, payments, schedule, forecast, alerts, funding plan.

Plain functions over DataFrames (the files are read by :mod:`qsp_lib.budget.io`):

- ``actions``: one row per action of the convention, columns ``action_id``, ``title``,
  ``axis``, ``owner``, ``total_cost_eur``, ``pia_subsidy_eur``, ``start_date``, ``end_date``
  (timestamps) and optional ``cofunding_<source>_eur`` columns;
- ``payments``: the ledger, columns ``date``, ``action_id``, ``kind`` (``engagement`` |
  ``avance`` | ``acompte`` | ``solde``), ``amount_eur``;
- ``schedule`` (optional): planned payments, columns ``date``, ``action_id``, ``planned_eur``.

Vocabulary (ANRU / Caisse des Dépôts conventions of the Programme d'investissements d'avenir):
*engagé* is what the project owner has legally committed (orders, contracts) against the
subsidy; *versé* what the operator has paid (advance, interim payments, balance); the
*solde* (balance) is paid once the completed action is justified, so an action whose end
date falls after the convention's end cannot receive it.

The advance ceiling and the share paid as balance are convention terms given as parameters
(the Concorde convention's own rates are not published: the site files say « hypothèse »).

References
----------
Ville de Lille, job posting CDD/01334 (January 2020): PIA « Ville et territoires durables »,
action « Ville durable et solidaire », 4.6 M€ action programme validated with ANRU at the end
of 2019, administrative and financial follow-up of the convention by the innovation officer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from qsp_lib.budget.io import COFUNDING_PATTERN, COMMITMENT, PAYMENT_KINDS
from qsp_lib.core import style

#: Amounts equal within one euro are equal: ledgers are kept to the cent and spreadsheet
#: exports round, so a sub-euro difference is bookkeeping noise, not an inconsistency.
TOLERANCE_EUR = 1.0

#: Mean length of a month [days] (365.25 / 12), to state delays in months.
DAYS_PER_MONTH = 365.25 / 12


# ----------------------------------------------------------------------- convention
@dataclass(frozen=True)
class Convention:
    """Terms of the convention that the follow-up needs.

    Parameters
    ----------
    amount_eur : float
        Subsidy granted by the convention [€].
    signature_date, end_date : pandas.Timestamp
        Signature and end of the convention (no payment outside this window).
    advance_rate : float or None
        Ceiling of the advance, as a share of each action's subsidy [0-1]; None: not
        checked.
    balance_rate : float
        Share of each action's subsidy paid as balance, only on justification of the
        completed action [0-1].
    defaulted : tuple of str
        Names of the terms not given and derived from the actions (for the brief).
    """

    amount_eur: float
    signature_date: pd.Timestamp
    end_date: pd.Timestamp
    advance_rate: float | None = None
    balance_rate: float = 0.0
    defaulted: tuple[str, ...] = field(default=())


def convention(
    actions: pd.DataFrame,
    amount_eur: float | None = None,
    signature_date: Any = None,
    end_date: Any = None,
    advance_rate: float | None = None,
    balance_rate: float = 0.0,
) -> Convention:
    """Build the :class:`Convention`, deriving missing terms from the actions.

    Parameters
    ----------
    actions : DataFrame
        The action table (see the module docstring).
    amount_eur : float, optional
        Convention amount [€]; default: the sum of the actions' subsidies.
    signature_date, end_date : date-like, optional
        Defaults: the earliest action start, the latest action end.
    advance_rate, balance_rate : float
        See :class:`Convention` [0-1].

    Returns
    -------
    Convention
    """
    defaulted = []
    if amount_eur is None:
        amount_eur = float(actions["pia_subsidy_eur"].sum())
        defaulted.append("amount_eur")
    if signature_date is None:
        signature_date = actions["start_date"].min()
        defaulted.append("signature_date")
    if end_date is None:
        end_date = actions["end_date"].max()
        defaulted.append("end_date")
    return Convention(
        amount_eur=float(amount_eur),
        signature_date=pd.Timestamp(signature_date).normalize(),
        end_date=pd.Timestamp(end_date).normalize(),
        advance_rate=None if advance_rate is None else float(advance_rate),
        balance_rate=float(balance_rate),
        defaulted=tuple(defaulted),
    )


def as_of_date(value: Any = None) -> pd.Timestamp:
    """The situation date: ``value`` or, when None, today (the caller must say so)."""
    return (
        pd.Timestamp(value).normalize() if value is not None else pd.Timestamp.today().normalize()
    )


# ------------------------------------------------------------------------ co-funding
def cofunding_columns(actions: pd.DataFrame) -> list[str]:
    """The ``cofunding_<source>_eur`` columns of an action table, in file order."""
    return [c for c in actions.columns if COFUNDING_PATTERN.match(str(c))]


def cofunding_source(column: str) -> str:
    """``cofunding_feder_eur`` -> ``feder``."""
    match = COFUNDING_PATTERN.match(column)
    if not match:
        raise ValueError(f"not a co-funding column: {column}")
    return match.group(1)


# ---------------------------------------------------------------------- schedule
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
def _ledger_sums(payments: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
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
        ``late`` (bool), ``late_reason`` (French, empty when on time), ``days_late``
        (``as_of`` minus the date the plan reached the amount paid; 0 when on time).
    """
    as_of = as_of_date(as_of)
    sums = _ledger_sums(payments, as_of)
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
    reasons = []
    for o, b in zip(overdue, behind, strict=True):
        parts = []
        if o:
            parts.append("échéance dépassée sans solde")
        if b:
            parts.append("versements en retard sur le calendrier")
        reasons.append(" ; ".join(parts))
    out["late_reason"] = reasons
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


def totals(by_action: pd.DataFrame, conv: Convention) -> dict[str, float]:
    """Programme totals; rates relative to the convention amount [€, 0-1]."""
    committed = float(by_action["committed_eur"].sum())
    paid = float(by_action["paid_eur"].sum())
    out = {
        "convention_eur": conv.amount_eur,
        "subsidy_eur": float(by_action["subsidy_eur"].sum()),
        "committed_eur": committed,
        "paid_eur": paid,
        "remaining_eur": conv.amount_eur - paid,
        "committed_rate": committed / conv.amount_eur,
        "paid_rate": paid / conv.amount_eur,
    }
    if "forecast_eur" in by_action:
        out["forecast_eur"] = float(by_action["forecast_eur"].sum())
        out["at_risk_eur"] = conv.amount_eur - out["forecast_eur"]
    return out


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


# ------------------------------------------------------------------------ alerts
def _eur(x: float) -> str:
    return style.fr(x, 0, "€")


def _date(x: Any) -> str:
    return style.fr_date(pd.Timestamp(x))


#: Alert codes and what they mean (for the brief's legend and the tests).
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


def check_consistency(
    actions: pd.DataFrame, payments: pd.DataFrame, conv: Convention, as_of: Any
) -> pd.DataFrame:
    """Every inconsistency between the actions, the ledger and the convention.

    Parameters
    ----------
    actions, payments : DataFrame
        Action table and ledger.
    conv : Convention
        Convention terms.
    as_of : date-like
        Situation date (later ledger rows are reported, not counted).

    Returns
    -------
    DataFrame
        ``code`` (a key of :data:`ALERTS`), ``action_id`` (empty for the programme) and
        ``message`` (a short French sentence); empty when all is consistent.
    """
    as_of = as_of_date(as_of)
    rows: list[tuple[str, str, str]] = []
    tol = TOLERANCE_EUR
    known = set(actions["action_id"])

    total = float(actions["pia_subsidy_eur"].sum())
    if abs(total - conv.amount_eur) > tol:
        rows.append(
            (
                "subsidies_differ_from_convention",
                "",
                f"La somme des subventions par action ({_eur(total)}) diffère du montant "
                f"de la convention ({_eur(conv.amount_eur)}).",
            )
        )
    cof = cofunding_columns(actions)
    for a in actions.itertuples(index=False):
        if a.total_cost_eur + tol < a.pia_subsidy_eur:
            rows.append(
                (
                    "cost_below_subsidy",
                    a.action_id,
                    f"Action {a.action_id} : coût total ({_eur(a.total_cost_eur)}) inférieur "
                    f"à la subvention PIA ({_eur(a.pia_subsidy_eur)}).",
                )
            )
        funded = a.pia_subsidy_eur + sum(float(getattr(a, c) or 0.0) for c in cof)
        if cof and funded > a.total_cost_eur + tol and a.total_cost_eur + tol >= a.pia_subsidy_eur:
            rows.append(
                (
                    "funding_above_cost",
                    a.action_id,
                    f"Action {a.action_id} : financements ({_eur(funded)}) supérieurs au "
                    f"coût total ({_eur(a.total_cost_eur)}).",
                )
            )

    unknown = payments[~payments["action_id"].isin(known)]
    for p in unknown.itertuples(index=False):
        rows.append(
            (
                "unknown_action",
                p.action_id,
                f"Écriture du {_date(p.date)} ({p.kind}, {_eur(p.amount_eur)}) sur une "
                f"action inconnue : {p.action_id}.",
            )
        )
    for p in payments.itertuples(index=False):
        if p.date < conv.signature_date:
            rows.append(
                (
                    "payment_before_signature",
                    p.action_id,
                    f"Écriture du {_date(p.date)} ({p.action_id}, {p.kind}) antérieure à la "
                    f"signature de la convention ({_date(conv.signature_date)}).",
                )
            )
        elif p.date > conv.end_date:
            rows.append(
                (
                    "payment_after_end",
                    p.action_id,
                    f"Écriture du {_date(p.date)} ({p.action_id}, {p.kind}) postérieure à la "
                    f"fin de la convention ({_date(conv.end_date)}).",
                )
            )
    later = payments[payments["date"] > as_of]
    if len(later):
        rows.append(
            (
                "after_as_of",
                "",
                f"Écritures datées après la date de situation ({_date(as_of)}), non "
                f"comptées : {len(later)}.",
            )
        )

    sums = _ledger_sums(payments[payments["action_id"].isin(known)], as_of)
    for a in actions.itertuples(index=False):
        if a.action_id not in sums.index:
            continue
        s = sums.loc[a.action_id]
        committed = 0.0 if pd.isna(s["committed_eur"]) else float(s["committed_eur"])
        paid = 0.0 if pd.isna(s["paid_eur"]) else float(s["paid_eur"])
        advance = 0.0 if pd.isna(s["advance_eur"]) else float(s["advance_eur"])
        if paid > committed + tol:
            rows.append(
                (
                    "paid_above_committed",
                    a.action_id,
                    f"Action {a.action_id} : versé ({_eur(paid)}) supérieur à l'engagé "
                    f"({_eur(committed)}).",
                )
            )
        if committed > a.pia_subsidy_eur + tol:
            rows.append(
                (
                    "committed_above_subsidy",
                    a.action_id,
                    f"Action {a.action_id} : engagé ({_eur(committed)}) supérieur à la "
                    f"subvention PIA ({_eur(a.pia_subsidy_eur)}).",
                )
            )
        if conv.advance_rate is None:
            continue
        ceiling = conv.advance_rate * a.pia_subsidy_eur
        if advance > ceiling + tol:
            rows.append(
                (
                    "advance_above_ceiling",
                    a.action_id,
                    f"Action {a.action_id} : avance ({_eur(advance)}) supérieure au plafond "
                    f"de la convention ({_eur(ceiling)}).",
                )
            )
    return pd.DataFrame(rows, columns=["code", "action_id", "message"])


# --------------------------------------------------------------------- funding plan
def funding_plan(actions: pd.DataFrame, sources: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Funding plan of each action by source: PIA, co-funders, the owner's own funds.

    Parameters
    ----------
    actions : DataFrame
        Action table with its ``cofunding_<source>_eur`` columns [€].
    sources : dict
        ``{source: {"label": …, "status": "secured" | "sought"}}`` for every co-funding
        column.

    Returns
    -------
    DataFrame
        Long table: ``action_id``, ``source`` (``pia``, the co-funding sources,
        ``own_funds``), ``label``, ``status`` (``secured`` | ``sought`` | ``""`` for own
        funds), ``amount_eur`` [€] and ``share`` of the action's total cost [0-1]. Own
        funds are the total cost minus every other source (never below zero).
    """
    rows = []
    cof = cofunding_columns(actions)
    for a in actions.to_dict("records"):
        cost = float(a["total_cost_eur"])
        parts = [("pia", "PIA (subvention de la convention)", "secured", a["pia_subsidy_eur"])]
        for c in cof:
            src = cofunding_source(c)
            info = sources.get(src, {})
            v = a.get(c)
            parts.append(
                (
                    src,
                    info.get("label", src),
                    info.get("status", "sought"),
                    0.0 if pd.isna(v) else v,
                )
            )
        others = sum(float(p[3]) for p in parts)
        parts.append(
            ("own_funds", "Autofinancement du maître d'ouvrage", "", max(cost - others, 0.0))
        )
        for src, label, status, amount in parts:
            rows.append(
                {
                    "action_id": a["action_id"],
                    "source": src,
                    "label": label,
                    "status": status,
                    "amount_eur": float(amount),
                    "share": float(amount) / cost if cost > 0 else np.nan,
                }
            )
    return pd.DataFrame(rows)


def funding_by_source(plan: pd.DataFrame) -> pd.DataFrame:
    """Programme funding plan: amount and share of each source, sought vs secured.

    Returns
    -------
    DataFrame
        ``source``, ``label``, ``status``, ``amount_eur`` [€], ``share`` of the programme's
        total cost [0-1], ``n_actions`` (actions it funds).
    """
    g = plan.groupby(["source", "label", "status"], sort=False)
    out = g["amount_eur"].sum().reset_index()
    out["n_actions"] = g["amount_eur"].apply(lambda s: int((s > 0).sum())).to_numpy()
    out["share"] = out["amount_eur"] / out["amount_eur"].sum()
    return out[["source", "label", "status", "amount_eur", "share", "n_actions"]]


STATUS_FR = {"secured": "acquis", "sought": "recherché", "": "—"}


# ------------------------------------------------------------------------ report
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
    money = {
        "subsidy_eur": "Subvention PIA (€)",
        "committed_eur": "Engagé (€)",
        "paid_eur": "Versé (€)",
        "remaining_eur": "Reste à verser (€)",
        "forecast_eur": "Prévision de versement à l'échéance (€)",
        "at_risk_eur": "Subvention à risque (€)",
    }
    rates = {"committed_rate": "Taux d'engagement", "paid_rate": "Taux de versement"}

    def with_total(df: pd.DataFrame, first: str) -> pd.DataFrame:
        summed = {*money.values(), "Coût total (€)", "Nombre d'actions", "Actions en retard"}
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
    for k, v in money.items():
        if k in by_action:
            act[v] = by_action[k].to_numpy()
    for k, v in rates.items():
        act[v] = by_action[k].to_numpy()
    act["En retard"] = np.where(by_action["late"], "oui", "non")
    act["Retard (jours)"] = by_action["days_late"].to_numpy()
    act["Motif"] = by_action["late_reason"].to_numpy()

    def group_sheet(df: pd.DataFrame, key: str, label: str) -> pd.DataFrame:
        out = pd.DataFrame({label: df[key], "Nombre d'actions": df["n_actions"]})
        for k, v in money.items():
            if k in df:
                out[v] = df[k].to_numpy()
        for k, v in rates.items():
            out[v] = df[k].to_numpy()
        out["Actions en retard"] = df["n_late"].to_numpy()
        return with_total(out, label)

    ledger = payments.sort_values(["date", "action_id"]).copy()
    ledger = pd.DataFrame(
        {
            "Date": ledger["date"].dt.date,
            "Action": ledger["action_id"],
            "Nature": ledger["kind"],
            "Montant (€)": ledger["amount_eur"],
            "Compté au": np.where(ledger["date"] <= as_of, "oui", "non (postérieur)"),
        }
    )
    # A co-funder absent from an action is not part of its plan; PIA and own funds always are.
    fp = plan[(plan["amount_eur"] > 0) | plan["source"].isin(["pia", "own_funds"])]
    fp = pd.DataFrame(
        {
            "Action": fp["action_id"],
            "Financeur": fp["label"],
            "Statut": fp["status"].map(STATUS_FR),
            "Montant (€)": fp["amount_eur"],
            "Part du coût": fp["share"],
        }
    )
    summary = pd.DataFrame(
        [
            ("Convention", convention_name),
            ("Opérateur", operator),
            ("Date de situation", as_of.date()),
            ("Signature de la convention", conv.signature_date.date()),
            ("Fin de la convention", conv.end_date.date()),
            ("Montant de la convention (€)", t["convention_eur"]),
            ("Somme des subventions par action (€)", t["subsidy_eur"]),
            ("Engagé (€)", t["committed_eur"]),
            ("Versé (€)", t["paid_eur"]),
            ("Reste à verser (€)", t["remaining_eur"]),
            ("Taux d'engagement", t["committed_rate"]),
            ("Taux de versement", t["paid_rate"]),
            ("Prévision de versement à l'échéance (€)", round(t.get("forecast_eur", np.nan), 2)),
            ("Subvention à risque (€)", round(t.get("at_risk_eur", np.nan), 2)),
            ("Plafond d'avance (part de la subvention)", conv.advance_rate),
            ("Solde versé sur justificatifs (part de la subvention)", conv.balance_rate),
            ("Alertes de cohérence", len(alerts)),
        ],
        columns=["Rubrique", "Valeur"],
    )
    al = pd.DataFrame(
        {
            "Alerte": alerts["code"].map(ALERTS),
            "Action": alerts["action_id"],
            "Message": alerts["message"],
        }
    )
    return {
        "Synthèse": summary,
        "Suivi par action": with_total(act, "Action"),
        "Par maître d'ouvrage": group_sheet(by_owner, "owner", "Maître d'ouvrage"),
        "Par axe": group_sheet(by_axis, "axis", "Axe"),
        "Versements": ledger,
        "Plan de financement": fp,
        "Alertes": al,
    }


#: File names of the exports written beside the brief.
XLSX_NAME = "pia_followup_rapport_financier.xlsx"
CSV_NAMES = {
    "Suivi par action": "pia_followup_par_action.csv",
    "Plan de financement": "pia_followup_plan_de_financement.csv",
    "Versements": "pia_followup_versements.csv",
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


def sources_rows(values: dict[str, Any], conv: Convention, as_of: Any, today: bool) -> list[dict]:
    """Rows of the brief's « Hypothèses et sources » section.

    Parameters
    ----------
    values : dict
        The notebook's parameters (``actions_csv``, ``payments_csv``, ``schedule_csv``,
        ``late_threshold``, ``cofunding_sources``, ``parameter_sources``): the source of a
        parameter is ``parameter_sources[name]`` when given, else « fichier de paramètres ».
    conv : Convention
        The convention terms (``defaulted`` says which came from the actions).
    as_of : date-like
        Situation date; ``today`` says it defaulted to the run date.
    """
    from pathlib import Path

    notes = values.get("parameter_sources") or {}
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
