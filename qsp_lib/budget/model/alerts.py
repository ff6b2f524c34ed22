"""Consistency checks between the actions, the ledger and the convention.

Each alert is a code and the figures it rests on; the French message that a committee reads
is :func:`qsp_lib.budget.wording.alert_message`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from qsp_lib.budget.model.convention import Convention, as_of_date
from qsp_lib.budget.model.followup import ledger_sums
from qsp_lib.budget.model.ledger import TOLERANCE_EUR, cofunding_columns

#: Alert codes, in the order the checks run.
ALERT_CODES = (
    "subsidies_differ_from_convention",
    "cost_below_subsidy",
    "funding_above_cost",
    "unknown_action",
    "payment_before_signature",
    "payment_after_end",
    "after_as_of",
    "paid_above_committed",
    "committed_above_subsidy",
    "advance_above_ceiling",
)

#: Columns of the alert table: the code, the action (empty for the programme), and the
#: figures of the finding (NaN / NaT / empty when they do not apply).
COLUMNS = ("code", "action_id", "date", "kind", "amount_eur", "limit_eur", "limit_date", "count")


def _alert(code: str, action_id: str = "", **figures: Any) -> dict[str, Any]:
    return {"code": code, "action_id": action_id, **figures}


def _programme_and_action_checks(actions: pd.DataFrame, conv: Convention) -> list[dict]:
    """Subsidies against the convention amount; each action's cost against its funding."""
    tol, rows = TOLERANCE_EUR, []
    total = float(actions["pia_subsidy_eur"].sum())
    if abs(total - conv.amount_eur) > tol:
        rows.append(
            _alert("subsidies_differ_from_convention", amount_eur=total, limit_eur=conv.amount_eur)
        )
    cof = cofunding_columns(actions)
    for a in actions.itertuples(index=False):
        if a.total_cost_eur + tol < a.pia_subsidy_eur:
            rows.append(
                _alert(
                    "cost_below_subsidy",
                    a.action_id,
                    amount_eur=a.total_cost_eur,
                    limit_eur=a.pia_subsidy_eur,
                )
            )
        funded = a.pia_subsidy_eur + sum(float(getattr(a, c) or 0.0) for c in cof)
        # An action whose cost is already below its subsidy is reported once, above.
        if cof and funded > a.total_cost_eur + tol and a.total_cost_eur + tol >= a.pia_subsidy_eur:
            rows.append(
                _alert(
                    "funding_above_cost", a.action_id, amount_eur=funded, limit_eur=a.total_cost_eur
                )
            )
    return rows


def _ledger_checks(
    payments: pd.DataFrame, known: set[str], conv: Convention, as_of: pd.Timestamp
) -> list[dict]:
    """Ledger rows on unknown actions, outside the convention, or after the situation."""
    rows = []
    for p in payments[~payments["action_id"].isin(known)].itertuples(index=False):
        rows.append(
            _alert("unknown_action", p.action_id, date=p.date, kind=p.kind, amount_eur=p.amount_eur)
        )
    for p in payments.itertuples(index=False):
        if p.date < conv.signature_date:
            code, limit = "payment_before_signature", conv.signature_date
        elif p.date > conv.end_date:
            code, limit = "payment_after_end", conv.end_date
        else:
            continue
        rows.append(_alert(code, p.action_id, date=p.date, kind=p.kind, limit_date=limit))
    later = payments[payments["date"] > as_of]
    if len(later):
        rows.append(_alert("after_as_of", limit_date=as_of, count=len(later)))
    return rows


def _sum_checks(actions: pd.DataFrame, sums: pd.DataFrame, conv: Convention) -> list[dict]:
    """Per action: paid within committed, committed within the subsidy, advance within its
    ceiling."""
    tol, rows = TOLERANCE_EUR, []
    for a in actions.itertuples(index=False):
        if a.action_id not in sums.index:
            continue
        s = sums.loc[a.action_id]
        committed, paid, advance = (
            0.0 if pd.isna(s[c]) else float(s[c])
            for c in ("committed_eur", "paid_eur", "advance_eur")
        )
        if paid > committed + tol:
            rows.append(
                _alert("paid_above_committed", a.action_id, amount_eur=paid, limit_eur=committed)
            )
        if committed > a.pia_subsidy_eur + tol:
            rows.append(
                _alert(
                    "committed_above_subsidy",
                    a.action_id,
                    amount_eur=committed,
                    limit_eur=a.pia_subsidy_eur,
                )
            )
        if conv.advance_rate is None:
            continue
        ceiling = conv.advance_rate * a.pia_subsidy_eur
        if advance > ceiling + tol:
            rows.append(
                _alert("advance_above_ceiling", a.action_id, amount_eur=advance, limit_eur=ceiling)
            )
    return rows


def check_consistency(
    actions: pd.DataFrame, payments: pd.DataFrame, conv: Convention, as_of: Any
) -> pd.DataFrame:
    """Every inconsistency between the actions, the ledger and the convention.

    Amounts within :data:`~qsp_lib.budget.model.ledger.TOLERANCE_EUR` are equal.

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
        :data:`COLUMNS`: ``code`` (one of :data:`ALERT_CODES`), ``action_id`` (empty for
        the programme), ``date`` and ``kind`` of the ledger row, ``amount_eur`` found and
        ``limit_eur`` it exceeds [€], ``limit_date`` it crosses, ``count`` of rows; empty
        when all is consistent.
    """
    as_of = as_of_date(as_of)
    known = set(actions["action_id"])
    sums = ledger_sums(payments[payments["action_id"].isin(known)], as_of)
    rows = (
        _programme_and_action_checks(actions, conv)
        + _ledger_checks(payments, known, conv, as_of)
        + _sum_checks(actions, sums, conv)
    )
    return pd.DataFrame(rows, columns=list(COLUMNS))
