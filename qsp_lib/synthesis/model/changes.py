"""Run-to-run changes of the followed scraps, numbers only.

A scrap is compared key by key (a number under ``""``, a mapping per key, a list by its
length); a value present on one side only is a change (appeared or disappeared), a value
absent on both sides is none. A notebook missing from either run is not compared: a brief
that failed is not a drop to zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from qsp_lib.synthesis.model.values import number

COLUMNS = ["notebook", "scrap", "key", "previous", "current", "difference", "rel_change"]


def flatten(value: Any) -> dict[str, float | None]:
    """A scrap as ``{key: number}``: a number under ``""``, a mapping per key, a list by its
    length."""
    if isinstance(value, list):
        return {"": float(len(value))}
    if isinstance(value, Mapping):
        return {str(k): number(v) for k, v in value.items()}
    return {"": number(value)}


def scrap_changes(
    results: Mapping[str, Any],
    previous: Mapping[str, Any],
    followed: Iterable[tuple[str, str]],
    rel_tol: float = 1e-9,
) -> pd.DataFrame:
    """Followed scraps whose value changed between two runs.

    Parameters
    ----------
    results, previous : dict
        ``results.json`` of this run and of the previous one (notebook -> scrap -> value).
    followed : iterable of (notebook, scrap)
        Scraps to compare, in the order rows of equal change keep.
    rel_tol : float
        Relative difference below which a value is unchanged [-].

    Returns
    -------
    pandas.DataFrame
        ``notebook``, ``scrap``, ``key`` (``""`` for a plain number), ``previous``,
        ``current`` (stored units; None when absent on that side), ``difference`` (current -
        previous, None when one side is absent), ``rel_change`` (difference / |previous|
        [-], infinite when previous is absent or zero); only the values that changed,
        largest relative change first.
    """
    rows = []
    for notebook, scrap in followed:
        now_scraps, before_scraps = results.get(notebook), previous.get(notebook)
        if not isinstance(now_scraps, Mapping) or not isinstance(before_scraps, Mapping):
            continue
        if scrap not in now_scraps and scrap not in before_scraps:
            continue
        now, before = flatten(now_scraps.get(scrap)), flatten(before_scraps.get(scrap))
        for key in dict.fromkeys([*before, *now]):
            a, b = before.get(key), now.get(key)
            if a is None and b is None:
                continue
            if a is not None and b is not None:
                if math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-12):
                    continue
                diff, rel = b - a, (b - a) / abs(a) if a else math.inf
            else:
                diff, rel = None, math.inf
            rows.append((notebook, scrap, key, a, b, diff, rel))
    df = pd.DataFrame(rows, columns=COLUMNS)
    if df.empty:
        return df
    order = df["rel_change"].abs().sort_values(ascending=False, kind="stable").index
    return df.loc[order].reset_index(drop=True)
