"""A two-action PIA convention and its ledger, computed by hand in the budget tests.

X1 (100 000 € of subsidy, 200 000 € of cost, 50 000 € from the MEL) runs through 2020;
X2 (50 000 €, 80 000 €) from mid-2020 to mid-2022; situation at the end of 2020.
"""

from __future__ import annotations

import pandas as pd

from qsp_lib.budget.model import convention

T = pd.Timestamp


def actions(changes=None) -> pd.DataFrame:
    rows = [
        {
            "action_id": "X1",
            "title": "Butte",
            "axis": "Bruit",
            "owner": "Ville",
            "total_cost_eur": 200_000.0,
            "pia_subsidy_eur": 100_000.0,
            "start_date": T("2020-01-01"),
            "end_date": T("2021-01-01"),
            "cofunding_mel_eur": 50_000.0,
        },
        {
            "action_id": "X2",
            "title": "Ferme",
            "axis": "Nature",
            "owner": "Bailleur",
            "total_cost_eur": 80_000.0,
            "pia_subsidy_eur": 50_000.0,
            "start_date": T("2020-07-01"),
            "end_date": T("2022-07-01"),
            "cofunding_mel_eur": 0.0,
        },
    ]
    frame = pd.DataFrame(rows)
    for (aid, col), value in (changes or {}).items():
        frame.loc[frame["action_id"] == aid, col] = value
    return frame


def payments(extra=()) -> pd.DataFrame:
    rows = [
        ("2020-02-01", "X1", "engagement", 80_000.0),
        ("2020-02-15", "X1", "avance", 10_000.0),
        ("2020-06-01", "X1", "acompte", 30_000.0),
        ("2020-08-01", "X2", "engagement", 50_000.0),
        ("2020-08-15", "X2", "avance", 5_000.0),
        *extra,
    ]
    frame = pd.DataFrame(rows, columns=["date", "action_id", "kind", "amount_eur"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


AS_OF = T("2020-12-31")


def conv(**kw) -> convention.Convention:
    args = {
        "amount_eur": 150_000.0,
        "signature_date": "2020-01-01",
        "end_date": "2022-12-31",
        "advance_rate": 0.15,
        "balance_rate": 0.2,
    }
    args.update(kw)
    return convention.convention(actions(), **args)
