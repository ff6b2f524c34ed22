"""The vocabulary of the PIA ledger and action table (shared with :mod:`qsp_lib.budget.io`).

Light on purpose (no pandas): the readers and the parameter schema import it.
"""

from __future__ import annotations

import re
from typing import Any

#: The kind of a ledger row that commits money; the other kinds pay it.
COMMITMENT = "engagement"
PAYMENT_KINDS = ("avance", "acompte", "solde")
KINDS = (COMMITMENT, *PAYMENT_KINDS)

#: Optional co-funding columns of the action table: ``cofunding_<source>_eur`` [€].
COFUNDING_PATTERN = re.compile(r"^cofunding_([a-z0-9_]+)_eur$")

#: Amounts equal within one euro are equal: ledgers are kept to the cent and spreadsheet
#: exports round, so a sub-euro difference is bookkeeping noise, not an inconsistency.
TOLERANCE_EUR = 1.0

#: Mean length of a month [days] (365.25 / 12), to state delays in months.
DAYS_PER_MONTH = 365.25 / 12


def cofunding_columns(actions: Any) -> list[str]:
    """The ``cofunding_<source>_eur`` columns of an action table, in file order."""
    return [c for c in actions.columns if COFUNDING_PATTERN.match(str(c))]


def cofunding_source(column: str) -> str:
    """``cofunding_feder_eur`` -> ``feder``."""
    match = COFUNDING_PATTERN.match(column)
    if not match:
        raise ValueError(f"not a co-funding column: {column}")
    return match.group(1)
