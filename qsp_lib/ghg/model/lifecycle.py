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

Conventions at the edges of the balance (``c.boundaries``): works delivered late carry
their full life cycle or a prorated share of it (:func:`delivery_share`); the existing
structures kept (unchanged or rehabilitated) are never demolished, demolished in a stated
year, or their demolition is counted for the years of their life within the period
(:func:`kept_structure_demolition`); with the dynamic weighting anchored at each building's
works, what the works of a phase emit is weighted from their year (:func:`_anchor_phase`).
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
    if works in ("unchanged", "rehabilitation"):
        _add_kept_end_of_life(c, i, area, stock)
    if works == "unchanged":
        _add_unchanged(c, i, area, stock)
        return
    c.works_years.update(int(c.start_year + y) for y in phase_years)
    part_area = area / len(phase_years)
    for wy in phase_years:
        wy = int(wy)
        before = (c.coef[i].copy(), c.energy[i].copy()) if c.anchor_coef is not None else None
        if works == "demolition":
            _add_demolition_phase(c, i, stock, part_area, wy, len(phase_years))
        else:
            _add_embodied_phase(c, i, option, stock, wy, part_area)
        _add_phase_energy(c, i, stock, wy, part_area)
        if before is not None:
            _anchor_phase(c, i, wy, *before)


#: Pseudo-factor (value 1, no range) carrying the emissions of the routes of the demolished
#: materials (crushing, transport to each destination, fossil CO2 of energy recovery)
#: [tCO2e], from the materials analysis's flows: a named line of the demolition stage.
DEMOLITION_ROUTES = "demolition_routes"
#: The on-site demolition works alone [kgCO2e/m²], used with :data:`DEMOLITION_ROUTES`.
DEMOLITION_ON_SITE = "embodied_demolition_on_site"


def _add_demolition_phase(
    c: Compilation, i: int, stock: Mapping, part_area: float, wy: int, phases: int
) -> None:
    """One phase year of the demolition of a stock.

    With the routes of its materials given (``routes_t_co2e`` [tCO2e], the stock's share of
    its option's, and :data:`DEMOLITION_ROUTES` in the factor table): the on-site works
    (area x :data:`DEMOLITION_ON_SITE`) plus that share of the routes, spread evenly over
    the phase years; otherwise the all-in factor ``embodied_demolition`` (works, transport
    and treatment of the waste). Never both: no double counting.
    """
    routes = stock.get("routes_t_co2e")
    part = PART_INDEX["demolition"]
    if routes is not None and DEMOLITION_ROUTES in c.kidx:
        c.coef[i, part, wy, c.kidx[DEMOLITION_ON_SITE]] += part_area * KG_TO_T
        c.coef[i, part, wy, c.kidx[DEMOLITION_ROUTES]] += float(routes) / phases
    else:
        c.coef[i, part, wy, c.kidx["embodied_demolition"]] += part_area * KG_TO_T


def delivery_share(
    study_period_years: int, works_year: int, convention: str, reference_life_years: int = 50
) -> float:
    """Share of the embodied carbon of works delivered in study year ``d`` counted in the
    period.

    Parameters
    ----------
    study_period_years : int
        N [years].
    works_year : int
        d, the study year of the works [years].
    convention : {"full_life", "prorated"}
        ``full_life``: the whole life cycle (1); ``prorated``: the years of its reference
        life that fall in the period, ``min(1, (N - d) / L)``.
    reference_life_years : int
        L [years] (RE2020 reference study period: 50).

    Returns
    -------
    float
        Share [-] in [0, 1].

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe II: reference study period of 50 years.
    """
    if convention == "full_life":
        return 1.0
    if convention != "prorated":
        raise ValueError(f"late_delivery: full_life or prorated, not {convention!r}")
    n, d, life = int(study_period_years), int(works_year), float(reference_life_years)
    return float(min(1.0, max(0.0, (n - d) / life)))


def kept_structure_demolition(
    convention: str,
    study_period_years: int,
    start_year: int,
    construction_year: int | None = None,
    life_years: int = 100,
    end_of_life_year: int | None = None,
) -> tuple[int, float] | None:
    """When, and what share of, the demolition of a kept existing structure is counted.

    Parameters
    ----------
    convention : {"none", "demolished_at_year", "residual_value"}
        ``none``: never; ``demolished_at_year``: all of it in ``end_of_life_year`` (the end
        of the period when None; not counted when later); ``residual_value``: at the end of
        the period, the share of its life ``life_years`` from ``construction_year`` that
        falls in the period, ``(min(Y1, C + L) - max(Y0, C)) / L`` (clipped to [0, 1]; C =
        Y0 when unknown).
    study_period_years : int
        N [years]; the period runs from Y0 = ``start_year`` to Y1 = Y0 + N.
    start_year : int
        Y0 [year].
    construction_year : int, optional
        C [year].
    life_years : int
        L [years].
    end_of_life_year : int, optional
        Calendar year of the demolition [year].

    Returns
    -------
    tuple of (int, float) or None
        (study year, share [-]), None when nothing is counted.

    References
    ----------
    .. [1] NF EN 15978 (2012), modules C1-C4 (end of life); linear allocation over the
       service life: hypothèse of this note.
    """
    n, y0 = int(study_period_years), int(start_year)
    if convention == "none":
        return None
    if convention == "demolished_at_year":
        year = y0 + n if end_of_life_year is None else int(end_of_life_year)
        return (year - y0, 1.0) if y0 <= year <= y0 + n else None
    if convention != "residual_value":
        raise ValueError(
            f"kept_stock_end_of_life: none, demolished_at_year or residual_value, not "
            f"{convention!r}"
        )
    built = y0 if construction_year is None else int(construction_year)
    used = min(y0 + n, built + life_years) - max(y0, built)
    share = float(min(1.0, max(0.0, used / float(life_years))))
    return (n, share) if share > 0 else None


def _add_kept_end_of_life(c: Compilation, i: int, area: float, stock: Mapping) -> None:
    """The demolition of a kept existing structure (:func:`kept_structure_demolition`)."""
    b = c.boundaries
    counted = kept_structure_demolition(
        b.get("kept_stock_end_of_life", "none"),
        c.n,
        c.start_year,
        stock.get("construction_year"),
        int(b.get("kept_structure_life_years") or 100),
        b.get("kept_stock_end_of_life_year"),
    )
    if counted is not None:
        year, share = counted
        k = c.kidx["embodied_demolition"]
        c.coef[i, PART_INDEX["demolition"], year, k] += area * share * KG_TO_T


def _anchor_phase(c: Compilation, i: int, wy: int, coef_before, energy_before) -> None:
    """Weight what one phase of works added from its own year: ``f(t - d)`` instead of
    ``f(t)`` for its demolition, construction, replacement, end of life and its energy after
    the works; the upkeep and energy of the stock awaiting them keep ``f(t)``.

    References
    ----------
    .. [1] Arrêté du 4 août 2021 (RE2020), annexe II: t = 0 at the building's delivery.
    """
    f = c.dynamic
    t = np.arange(c.n + 1)
    shift = np.zeros(c.n + 1)
    shift[wy:] = f[: c.n + 1 - wy] - f[wy:]  # f(t - d) - f(t), t >= d
    added = c.coef[i] - coef_before
    added[PART_INDEX["maintenance"]] = 0.0
    c.anchor_coef[i] += added * shift[None, :, None]
    energy_after = (c.energy[i] - energy_before) * (t > wy)[None, :]
    c.anchor_energy[i] += energy_after * shift[None, :]


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
    b = c.boundaries
    share = delivery_share(
        c.n, wy, b.get("late_delivery", "full_life"), int(b.get("reference_life_years") or 50)
    )
    per_unit = part_area * KG_TO_T * share
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
