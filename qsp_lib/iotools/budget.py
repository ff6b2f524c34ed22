"""Readers of the PIA follow-up inputs: the action table, the ledger, the planned schedule.

The files are validated row by row before the run (``qsp_lib.schemas.pia_followup``); these
readers only parse them into the DataFrames :mod:`qsp_lib.budget` works on: identifiers as
text, amounts as floats [€], dates as timestamps.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

DATE_FORMAT = "%Y-%m-%d"


def _read(path: str | Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.apply(lambda s: s.str.strip())


def _amount(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.replace("", None), errors="raise").astype(float)


def _dates(series: pd.Series) -> pd.Series:
    return pd.to_datetime(series, format=DATE_FORMAT)


def read_actions(path: str | Path) -> pd.DataFrame:
    """Read the action table of a PIA convention.

    Parameters
    ----------
    path : path
        CSV with ``action_id``, ``title``, ``axis``, ``owner``, ``total_cost_eur`` [€],
        ``pia_subsidy_eur`` [€], ``start_date``, ``end_date`` (``AAAA-MM-JJ``) and optional
        ``cofunding_<source>_eur`` columns [€] (blank = 0).

    Returns
    -------
    DataFrame
        Same columns; amounts as floats, dates as timestamps.
    """
    from qsp_lib import budget

    frame = _read(path)
    for col in ("total_cost_eur", "pia_subsidy_eur"):
        frame[col] = _amount(frame[col])
    for col in budget.cofunding_columns(frame):
        frame[col] = _amount(frame[col]).fillna(0.0)
    for col in ("start_date", "end_date"):
        frame[col] = _dates(frame[col])
    return frame


def read_payments(path: str | Path) -> pd.DataFrame:
    """Read the ledger of commitments and payments.

    Parameters
    ----------
    path : path
        CSV with ``date`` (``AAAA-MM-JJ``), ``action_id``, ``kind`` (``engagement`` |
        ``avance`` | ``acompte`` | ``solde``) and ``amount_eur`` [€].

    Returns
    -------
    DataFrame
        Sorted by date (stable).
    """
    frame = _read(path)
    frame["date"] = _dates(frame["date"])
    frame["amount_eur"] = _amount(frame["amount_eur"])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def read_schedule(path: str | Path | None) -> pd.DataFrame | None:
    """Read the planned payments (``date``, ``action_id``, ``planned_eur`` [€]); None
    when no file is given."""
    if path is None:
        return None
    frame = _read(path)
    frame["date"] = _dates(frame["date"])
    frame["planned_eur"] = _amount(frame["planned_eur"])
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
