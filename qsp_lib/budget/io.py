"""Readers of the PIA follow-up inputs: the action table, the ledger, the planned schedule.

The files are validated row by row before the run (``qsp_lib.budget.schema``); these
readers only parse them into the DataFrames :mod:`qsp_lib.budget.model` works on: identifiers as
text, amounts as floats [€], dates as timestamps.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from qsp_lib.budget.model.ledger import COFUNDING_PATTERN
from qsp_lib.core import tables

if TYPE_CHECKING:
    import pandas as pd

DATE_FORMAT = "%Y-%m-%d"

#: Columns of the action table (then any ``cofunding_<source>_eur``), of the ledger and of
#: the planned schedule.
ACTION_COLUMNS = (
    "action_id",
    "title",
    "axis",
    "owner",
    "total_cost_eur",
    "pia_subsidy_eur",
    "start_date",
    "end_date",
)
PAYMENT_COLUMNS = ("date", "action_id", "kind", "amount_eur")
SCHEDULE_COLUMNS = ("date", "action_id", "planned_eur")


def _read(path: str | Path) -> pd.DataFrame:

    return tables.read_frame(path)  # CSV (, or ;, decimal comma, cp1252) or .xlsx


def _amount(series: pd.Series) -> pd.Series:
    import pandas as pd

    return pd.to_numeric(series.replace("", None), errors="raise").astype(float)


def _dates(series: pd.Series) -> pd.Series:
    import pandas as pd

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
    frame = _read(path)
    for col in ("total_cost_eur", "pia_subsidy_eur"):
        frame[col] = _amount(frame[col])
    for col in [c for c in frame.columns if COFUNDING_PATTERN.match(c)]:
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
