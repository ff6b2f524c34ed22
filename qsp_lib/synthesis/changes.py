"""What changed since the previous run, in the words and units of each analysis.

The scraps followed from run to run are those the analyses declare ``compared``; their
label, theme, unit, scale and decimals come from the same declarations
(:mod:`qsp_lib.core.analysis`). The numbers are :func:`.model.changes.scrap_changes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from qsp_lib.core import style
from qsp_lib.core.analysis import Analysis, Scrap, upstream
from qsp_lib.synthesis.model.changes import scrap_changes

#: How the keys of a before/after scrap read after its label.
KEY_LABELS = {"before": "avant projet", "after": "après projet"}

COLUMNS = ["theme", "label", "previous", "current", "difference", "rel_change", "unit", "decimals"]


def followed() -> tuple[tuple[Analysis, Scrap], ...]:
    """The scraps compared between runs: every upstream scrap declared ``compared``, in the
    programme's order."""
    return tuple((a, s) for a in upstream("committee_synthesis") for s in a.scraps if s.compared)


def changes(
    results: Mapping[str, Any], previous: Mapping[str, Any], rel_tol: float = 1e-9
) -> pd.DataFrame:
    """Followed results that changed since the previous run.

    Parameters
    ----------
    results, previous : dict
        ``results.json`` of this run and of the previous one (notebook -> scrap -> value).
    rel_tol : float
        Relative difference below which a value is unchanged [-].

    Returns
    -------
    pandas.DataFrame
        ``theme``, ``label`` (the declared label, `` — <key>`` for a mapping),
        ``previous``, ``current``, ``difference`` (current - previous; None when one side is
        missing), all in the unit committees read (declared scale), ``rel_change`` [-],
        ``unit`` (declared shown unit), ``decimals``; only the rows that changed, appeared
        or disappeared, largest relative change first.
    """
    declared = {(a.notebook, s.name): (a, s) for a, s in followed()}
    raw = scrap_changes(results, previous, declared, rel_tol)
    rows = []
    for row in raw.itertuples():
        analysis, scrap = declared[(row.notebook, row.scrap)]
        scale = scrap.scale
        rows.append(
            {
                "theme": analysis.theme,
                "label": scrap.label
                + (f" — {KEY_LABELS.get(row.key, row.key)}" if row.key else ""),
                "previous": _scaled(row.previous, scale),
                "current": _scaled(row.current, scale),
                "difference": _scaled(row.difference, scale),
                "rel_change": row.rel_change,
                "unit": scrap.shown_unit,
                "decimals": scrap.decimals,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _scaled(value: Any, scale: float) -> float | None:
    """``value x scale``, None for an absent value (pandas gives NaN for None)."""
    return None if value is None or pd.isna(value) else value * scale


@dataclass(frozen=True)
class ChangeSummary:
    """What the brief says of the comparison with the previous run.

    Attributes
    ----------
    has_previous : bool
        A previous run was found.
    n_changed : int
        Followed figures that changed [-].
    left_out : int
        Rows of changes not shown to this audience [-].
    phrase : str
        French: no previous run / nothing changed / how many figures changed.
    """

    has_previous: bool
    n_changed: int
    left_out: int
    phrase: str


def change_summary(
    results: Mapping[str, Any], previous: Mapping[str, Any], diff: pd.DataFrame, left_out: int
) -> ChangeSummary:
    """:class:`ChangeSummary` of :func:`changes` (``diff``), ``left_out`` rows not shown."""
    n = len(diff)
    if not previous:
        phrase = "pas d'exécution précédente à comparer"
    elif not any(k in previous for k in results):
        phrase = "aucune note commune avec l'exécution précédente"
    elif n == 0:
        phrase = "aucun des chiffres suivis n'a changé"
    elif n == 1:
        phrase = "1 chiffre suivi a changé"
    else:
        phrase = style.fmt("{n:n0} chiffres suivis ont changé", n=n)
    return ChangeSummary(bool(previous), n, left_out, phrase)
