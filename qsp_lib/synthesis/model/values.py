"""Reading the values a run left behind: numbers, tables and status words, tolerantly.

A scrap read back from ``results.json`` may be absent, null, a text, NaN, or a table stored
as a list of records; the synthesis never counts such a value as zero.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

#: How a status word of an indicator or a pilot objective reads.
StatusClass = Literal["favourable", "unfavourable", "pending"]


def number(value: Any) -> float | None:
    """A finite float, or None (absent, null, boolean, text, NaN, infinite)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def records(value: Any) -> pd.DataFrame:
    """A scrap stored as a list of records (or a DataFrame) as a DataFrame; empty otherwise."""
    if isinstance(value, pd.DataFrame):
        return value.copy()
    if isinstance(value, list) and all(isinstance(r, Mapping) for r in value):
        return pd.DataFrame(list(value))
    return pd.DataFrame()


def _fold(text: Any) -> str:
    """Lower case without accents, for tolerant matching of status words."""
    s = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return " ".join(s.lower().replace("_", " ").replace("-", " ").split())


# The evaluation brief writes its statuses in French; input files written by hand sometimes
# use English. Unfavourable is tested first: "non atteint" contains "atteint".
_UNFAVOURABLE = re.compile(
    r"non atteint|pas atteint|retard|not met|non conforme|late|off track|a risque|at risk|echec"
)
_FAVOURABLE = re.compile(r"atteint|bonne voie|\bmet\b|conforme|on track|achieved|\bok\b|realise")


def status_class(status: Any) -> StatusClass:
    """Classify a status word of an indicator or a pilot objective.

    ``"atteint"``, ``"en bonne voie"``, ``"met"`` -> ``"favourable"``; ``"en retard"``,
    ``"non atteint"``, ``"not met"`` -> ``"unfavourable"``; anything else (``"sans
    donnée"``, ``"non mesuré"``, empty) -> ``"pending"``.
    """
    folded = _fold(status)
    if _UNFAVOURABLE.search(folded):
        return "unfavourable"
    if _FAVOURABLE.search(folded):
        return "favourable"
    return "pending"


@dataclass(frozen=True)
class StatusCounts:
    """How many results are reached, late or without data (each None when unknown: the
    evaluation did not run).

    Attributes
    ----------
    n : int or None
        Results counted [-].
    favourable : int or None
        Reached or on track [-].
    unfavourable : int or None
        Late or not reached [-].
    pending : int or None
        Without data yet [-].
    """

    n: int | None
    favourable: int | None
    unfavourable: int | None
    pending: int | None


def status_counts(table: pd.DataFrame) -> StatusCounts:
    """:func:`status_class` counts of the ``status`` column of ``table`` (none without it)."""
    classes = [status_class(s) for s in table["status"]] if "status" in table.columns else []
    return StatusCounts(
        n=len(classes),
        favourable=classes.count("favourable"),
        unfavourable=classes.count("unfavourable"),
        pending=classes.count("pending"),
    )
