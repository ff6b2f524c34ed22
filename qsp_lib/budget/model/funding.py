"""The funding plan of the actions: PIA subsidy, co-funders, owners' own funds."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from qsp_lib.budget.model.ledger import cofunding_columns, cofunding_source


def funding_plan(
    actions: pd.DataFrame,
    sources: Mapping[str, Mapping[str, str]],
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Funding plan of each action by source: PIA, co-funders, the owner's own funds.

    Parameters
    ----------
    actions : DataFrame
        Action table with its ``cofunding_<source>_eur`` columns [€].
    sources : dict
        ``{source: {"label": …, "status": "secured" | "sought"}}`` for every co-funding
        column.
    labels : dict, optional
        Names of the two sources every action has, ``pia`` and ``own_funds`` (default:
        those keys).

    Returns
    -------
    DataFrame
        Long table: ``action_id``, ``source`` (``pia``, the co-funding sources,
        ``own_funds``), ``label``, ``status`` (``secured`` | ``sought`` | ``""`` for own
        funds), ``amount_eur`` [€] and ``share`` of the action's total cost [0-1]. Own
        funds are the total cost minus every other source (never below zero).
    """
    labels = {"pia": "pia", "own_funds": "own_funds", **(labels or {})}
    rows = []
    cof = cofunding_columns(actions)
    for a in actions.to_dict("records"):
        cost = float(a["total_cost_eur"])
        parts = [("pia", labels["pia"], "secured", a["pia_subsidy_eur"])]
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
        parts.append(("own_funds", labels["own_funds"], "", max(cost - others, 0.0)))
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
