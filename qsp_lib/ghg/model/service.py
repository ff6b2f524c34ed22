"""Equal service: the households of demolished buildings, rehoused until new dwellings
replace them, are heated too.

A demolition option stops heating a block the year it is demolished; its households live
elsewhere until new dwellings are delivered. Counting them (``rehoused`` of an option) makes
every option heat the same households: each study year, the living area demolished so far
and not yet replaced by the new living area delivered so far is heated at a stated
intensity. Works spread over phase years follow :mod:`~qsp_lib.ghg.model.lifecycle`: a
phase demolished in study year ``wy`` is not heated from ``wy + 1``, a phase built in
``wy`` is heated from ``wy + 1``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from qsp_lib.ghg.model.compiled import Compilation
from qsp_lib.ghg.model.keys import CARRIERS


def _phase_area(stock: Mapping, n: int) -> np.ndarray:
    """Area [m²] of ``stock`` whose works are over by each study year 0..n (cumulative)."""
    first = int(stock.get("works_year") or 0)
    last = max(first, int(stock.get("works_year_end") or first))
    years = np.arange(first, last + 1)
    out = np.zeros(n + 1)
    for wy in years:
        out[min(int(wy) + 1, n + 1) :] += float(stock["floor_area_m2"]) / len(years)
    return out


def rehoused_area(stocks: Sequence[Mapping], n: int) -> dict[str, np.ndarray]:
    """Living area of rehoused households [m²] in each study year 0..n, by the carrier of
    the demolished buildings before their works.

    Parameters
    ----------
    stocks : sequence of mapping
        An option's stocks (:mod:`qsp_lib.ghg.model`): ``works``, ``floor_area_m2`` [m²],
        ``works_year``, ``works_year_end`` [study year], ``carrier_before``.
    n : int
        Study period [years].

    Returns
    -------
    dict of str to numpy.ndarray
        Carrier -> area [m²], shape (n + 1,): max(0, demolished so far - new delivered so
        far), split between carriers as the area demolished so far; empty without
        demolition.

    References
    ----------
    .. [1] NF EN 15978 (2012): options are compared at the same functional equivalent
       (here, the same households housed and heated each year).
    """
    demolished: dict[str, np.ndarray] = {}
    new = np.zeros(n + 1)
    for s in stocks:
        if s["works"] == "demolition":
            carrier = s.get("carrier_before") or s.get("carrier")
            demolished.setdefault(carrier, np.zeros(n + 1))
            demolished[carrier] += _phase_area(s, n)
        elif s["works"] == "new":
            new += _phase_area(s, n)
    if not demolished:
        return {}
    total = sum(demolished.values())
    gap = np.clip(total - new, 0.0, None)
    share = np.divide(1.0, total, out=np.zeros(n + 1), where=total > 0)
    return {c: gap * d * share for c, d in demolished.items()}


def add_rehoused(c: Compilation, i: int, stocks: Sequence[Mapping], rehoused: Mapping) -> None:
    """Heating of the rehoused households of option ``i`` (operation energy, years 1..N).

    Parameters
    ----------
    c : Compilation
    i : int
        Index of the option.
    stocks : sequence of mapping
        The option's stocks (:func:`rehoused_area`).
    rehoused : mapping
        ``energy_kwh_per_m2_year`` [kWh/m²/yr]; ``carrier`` (None: that of the demolished
        buildings).
    """
    kwh = float(rehoused["energy_kwh_per_m2_year"])
    for carrier, area in rehoused_area(stocks, c.n).items():
        used = rehoused.get("carrier") or carrier
        c.energy[i, CARRIERS.index(used), 1:] += area[1:] * kwh
