"""The terms of a PIA convention and the date of the situation.

References
----------
Ville de Lille, job posting CDD/01334 (January 2020): PIA « Ville et territoires durables »,
action « Ville durable et solidaire », 4.6 M€ action programme validated with ANRU.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd


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
