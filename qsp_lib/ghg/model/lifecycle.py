"""Building stocks and outdoor works of an option, placed in time over their life cycle.

The works of a stock are spread evenly over its phase years (``works_year`` to
``works_year_end``). Each phase year of new construction or rehabilitation carries its
construction (EN 15978 A1-A5) that year, its replacements (B4) a representative number of
years later (clamped to the study period so that the whole life cycle is always counted)
and its end of life (C1-C4) at the end of the study period; demolition is counted in the
year of the works; existing stock kept without works, or awaiting its rehabilitation, is
maintained every year. Energy is used before the works of each phase (at the "before"
consumption) and after them.

New construction is tied to the RE2020 Ic_construction threshold of its permit year (a
dynamic result, per m² SHAB), times a factor for how projects sit against the threshold; its
static equivalent divides by the mean dynamic weight of the RE2020 stage timing.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from qsp_lib.ghg.model.compiled import KG_TO_T, Compilation
from qsp_lib.ghg.model.dynamic import re2020_threshold
from qsp_lib.ghg.model.keys import _SHARES, CARRIERS, PART_INDEX

_MAINTENANCE = "embodied_maintenance"


def add_stock(c: Compilation, i: int, option: str, stock: Mapping) -> None:
    """Add one building stock of option ``i`` (named ``option``) to the compilation.

    Parameters
    ----------
    c : Compilation
        Arrays being filled (coefficients [tCO2e per factor unit], energy [kWh/yr]).
    i : int
        Index of the option.
    option : str
        Option name (for the new-construction record).
    stock : mapping
        ``label, floor_area_m2`` [m²], ``works``, ``energy_kwh_per_m2_year`` and
        ``energy_before_kwh_per_m2_year`` [kWh/m²/yr], ``carrier``, ``carrier_before``,
        ``works_year``, ``works_year_end`` [study year], ``permit_year`` [year].

    References
    ----------
    .. [1] NF EN 15978 (2012), life-cycle modules A1-A5, B4, C1-C4.
    .. [2] Arrêté du 4 août 2021 (RE2020), annexes I and II (thresholds, dynamic LCA).
    """
    works = stock["works"]
    area = float(stock["floor_area_m2"])
    first = int(stock.get("works_year") or 0)
    last = int(stock.get("works_year_end") or first)
    phase_years = np.arange(first, max(first, last) + 1)
    if works == "unchanged":
        _add_unchanged(c, i, area, stock)
        return
    c.works_years.update(int(c.start_year + y) for y in phase_years)
    part_area = area / len(phase_years)
    for wy in phase_years:
        wy = int(wy)
        if works == "demolition":
            k = c.kidx["embodied_demolition"]
            c.coef[i, PART_INDEX["demolition"], wy, k] += part_area * KG_TO_T
        else:
            _add_embodied_phase(c, i, option, stock, wy, part_area)
        _add_phase_energy(c, i, stock, wy, part_area)


def _add_unchanged(c: Compilation, i: int, area: float, stock: Mapping) -> None:
    """Existing stock kept as it is: upkeep every year, energy every year."""
    c.coef[i, PART_INDEX["maintenance"], 1:, c.kidx[_MAINTENANCE]] += area * KG_TO_T
    kwh = float(stock.get("energy_kwh_per_m2_year") or 0)
    if kwh > 0:
        c.energy[i, CARRIERS.index(stock.get("carrier")), 1:] += area * kwh


def _add_embodied_phase(
    c: Compilation, i: int, option: str, stock: Mapping, wy: int, part_area: float
) -> None:
    """Construction, replacement and end of life of one phase year of new construction or
    rehabilitation (and the upkeep of stock awaiting its rehabilitation)."""
    works = stock["works"]
    per_unit = part_area * KG_TO_T
    if works == "new":
        permit = stock.get("permit_year") or (c.start_year + wy - c.permit_lead_years)
        threshold = re2020_threshold(c.re2020_limits, int(permit))
        # the factor is a position against the threshold (or an imposed dynamic Ic):
        # divided by the static ratio, it gives static emissions
        per_unit = per_unit / c.static_ratio * (1.0 if c.new_fixed else threshold)
        c.new_build.append(
            {
                "option": option,
                "stock": stock["label"],
                "floor_area_m2": part_area,
                "works_calendar_year": c.start_year + wy,
                "permit_year": int(permit),
                "threshold_kg_co2e_per_m2": threshold,
            }
        )
    k = c.kidx[f"embodied_{works}"]
    c.coef[i, PART_INDEX["construction"], wy, k] += per_unit * c.shares[_SHARES[0]]
    c.coef[i, PART_INDEX["replacement"], min(wy + c.replacement_years, c.n), k] += (
        per_unit * c.shares[_SHARES[1]]
    )
    c.coef[i, PART_INDEX["end_of_life"], c.n, k] += per_unit * c.shares[_SHARES[2]]
    if works == "rehabilitation" and wy > 0:
        # existing stock awaiting its rehabilitation is still maintained
        c.coef[i, PART_INDEX["maintenance"], 1 : wy + 1, c.kidx[_MAINTENANCE]] += (
            part_area * KG_TO_T
        )


def _add_phase_energy(c: Compilation, i: int, stock: Mapping, wy: int, part_area: float) -> None:
    """Operation of one phase: before its works (years 1..wy), then after (wy+1..N)."""
    kwh = float(stock.get("energy_kwh_per_m2_year") or 0)
    kwh_before = float(stock.get("energy_before_kwh_per_m2_year") or 0)
    carrier = stock.get("carrier")
    carrier_before = stock.get("carrier_before") or carrier
    if kwh_before > 0 and wy > 0:
        c.energy[i, CARRIERS.index(carrier_before), 1 : wy + 1] += part_area * kwh_before
    if kwh > 0 and wy < c.n:
        c.energy[i, CARRIERS.index(carrier), wy + 1 :] += part_area * kwh


#: Pseudo-factor (value 1, no range) carrying the transport of the berm's imported fill
#: [tCO2e], balanced by the materials analysis: a named line of the outdoor works.
FILL_TRANSPORT = "berm_import_transport"


def add_outdoor(c: Compilation, i: int, outdoor: Mapping) -> None:
    """Public spaces [m²], berm earthworks [m³] and the transport of the berm's imported
    fill [tCO2e] (``berm_import_transport_t_co2e``, when the factor table holds
    :data:`FILL_TRANSPORT`) of option ``i``, in their works year."""
    wy = int(outdoor.get("works_year") or 0)
    ps = float(outdoor.get("public_space_m2") or 0)
    bm = float(outdoor.get("berm_earthworks_m3") or 0)
    c.works_years.add(int(c.start_year + wy))
    c.coef[i, PART_INDEX["outdoor"], wy, c.kidx["outdoor_public_space"]] += ps * KG_TO_T
    c.coef[i, PART_INDEX["outdoor"], wy, c.kidx["outdoor_earthworks"]] += bm * KG_TO_T
    transport = float(outdoor.get("berm_import_transport_t_co2e") or 0)
    if transport and FILL_TRANSPORT in c.kidx:
        c.coef[i, PART_INDEX["outdoor"], wy, c.kidx[FILL_TRANSPORT]] += transport


def stock_dwellings(stocks) -> float | None:
    """Dwellings left after the works [-]: those of every stock not demolished (None when
    no stock gives its dwellings)."""
    given = [s for s in stocks if s.get("dwellings") is not None]
    if not given:
        return None
    total = 0.0
    for s in given:
        if s["works"] != "demolition":
            total += float(s["dwellings"])
    return total
