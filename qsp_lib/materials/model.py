"""Demolition materials: PEMD inventory, routes, WFD indicators, matching with on-site needs.

Plain functions over DataFrames (no file I/O, no plotting). The notebook reads the inventory
with :mod:`qsp_lib.materials.io` and the reference tables with :mod:`qsp_lib.materials.reference`,
then passes them in.

Vocabulary
----------
- *Inventory*: one row per item or waste line of a PEMD diagnostic (CERFA 16287), with the
  columns ``building, element, material, low_code, hazardous, quantity_t`` (List of Waste code
  normalised as ``"17 01 01"``, hazardous entries with their asterisk).
- *Routes*: for each material, the shares sent to :data:`ROUTES` (they sum to 1).
- *Flows*: the inventory split by route, one row per line and route with its tonnes.

References
----------
.. [1] Directive 2008/98/EC on waste, art. 11(2)(b), as amended by Directive (EU) 2018/851:
   70 % by weight of non-hazardous construction and demolition waste, excluding naturally
   occurring material (List of Waste 17 05 04), prepared for reuse, recycled or otherwise
   materially recovered, backfilling included.
.. [2] Commission Decision 2000/532/EC (List of Waste), consolidated by Decision 2014/955/EU.
.. [3] Code de la construction et de l'habitation L.126-34, décrets 2021-821 et 2021-822,
   arrêté du 26 mars 2023 : diagnostic PEMD, formulaires CERFA 16287*01 et 16288*01.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

#: Routes of a material, in the order of the waste hierarchy.
ROUTES = (
    "reuse_on_site",
    "reuse_off_site",
    "recycling",
    "backfilling",
    "energy_recovery",
    "disposal",
)
ROUTE_LABELS_FR = {
    "reuse_on_site": "Réemploi sur site",
    "reuse_off_site": "Réemploi hors site",
    "recycling": "Recyclage",
    "backfilling": "Remblayage",
    "energy_recovery": "Valorisation énergétique",
    "disposal": "Élimination (stockage)",
}
#: Material recovery in the sense of the WFD [1]: energy recovery does not count.
RECOVERY_ROUTES = ("reuse_on_site", "reuse_off_site", "recycling", "backfilling")
REUSE_ROUTES = ("reuse_on_site", "reuse_off_site")
#: Naturally occurring material, excluded from the WFD rate [1].
NATURAL_SOIL_CODE = "17 05 04"
NEED_KINDS = ("berm_fill", "road_sub_base", "aggregates", "other")
NEED_KIND_LABELS_FR = {
    "berm_fill": "Remblai de la butte",
    "road_sub_base": "Couche de forme et sous-couche des voies",
    "aggregates": "Granulats",
    "other": "Autre besoin",
}
#: Materials accepted by default for each kind of need. Crushed concrete and inert mixtures
#: are accepted in earthworks and road sub-bases under conditions (Cerema 2016, guide
#: « Acceptabilité environnementale de matériaux alternatifs en technique routière : les
#: matériaux de déconstruction issus du BTP »); soil only in fill.
DEFAULT_ACCEPTS = {
    "berm_fill": ("concrete", "bricks", "tiles_ceramics", "mixed_inert", "soil_stones"),
    "road_sub_base": ("concrete",),
    "aggregates": ("concrete", "bricks", "mixed_inert"),
    "other": ("concrete", "bricks", "tiles_ceramics", "mixed_inert", "soil_stones"),
}

_LOW_CODE = re.compile(r"^\s*(\d{2})\s*(\d{2})\s*(\d{2})\s*(\*?)\s*$")


# ------------------------------------------------------------------- List of Waste codes
def normalise_low_code(code: Any) -> str:
    """A List of Waste code written the canonical way, ``"17 01 01"`` or ``"17 06 05*"``.

    Parameters
    ----------
    code : str
        Six digits, spaces optional, hazardous entries with a trailing asterisk
        (``"170101"``, ``"17 01 01"``, ``"17 06 05*"``).

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If the code is not six digits (chapters 01 to 20) with an optional asterisk.

    References
    ----------
    Commission Decision 2000/532/EC (List of Waste), consolidated by Decision 2014/955/EU.
    """
    match = _LOW_CODE.match(str(code))
    if not match or not 1 <= int(match.group(1)) <= 20:
        raise ValueError(
            "un code de la liste européenne des déchets à 6 chiffres, chapitres 01 à 20, "
            "espaces facultatifs, astérisque pour un déchet dangereux (17 01 01, 170101, "
            "17 06 05*)"
        )
    return " ".join(match.group(i) for i in (1, 2, 3)) + match.group(4)


def is_hazardous_code(code: str) -> bool:
    """True for an asterisk (hazardous) entry of the List of Waste."""
    return normalise_low_code(code).endswith("*")


# --------------------------------------------------------------------------- inventory
INVENTORY_COLUMNS = ("building", "element", "material", "low_code", "hazardous", "quantity_t")
INVENTORY_OPTIONAL = ("location", "condition", "unit", "quantity")


def estimate_inventory(estimate: Iterable[Mapping[str, Any]], intensity, catalogue, bound="value"):
    """An inventory estimated from demolished floor area and building typology.

    Parameters
    ----------
    estimate : iterable of mappings
        ``{"building": str, "typology": str, "floor_area_m2": float}`` per building.
    intensity : pandas.DataFrame
        Reference table ``materials_intensity`` (columns ``typology``, ``material``,
        ``value``, ``low``, ``high`` in [t/m²]).
    catalogue : pandas.DataFrame
        Reference table ``materials_catalogue`` indexed by material (``low_code``,
        ``hazard_class``).
    bound : {"value", "low", "high"}
        Which intensity to use.

    Returns
    -------
    pandas.DataFrame
        Inventory columns :data:`INVENTORY_COLUMNS` plus ``location``, ``condition``,
        ``unit`` (``m²``) and ``quantity`` (the floor area share), one row per building and
        material, ``element`` = "estimation par typologie".

    References
    ----------
    ETI Construction: about 100 t of waste per demolished dwelling, over 90 % mineral; see
    ``qsp_lib/data/materials_intensity.csv`` for the per-material split and its status.
    """
    import pandas as pd

    rows = []
    for item in estimate:
        sub = intensity[intensity["typology"] == item["typology"]]
        if sub.empty:
            raise KeyError(f"typologie inconnue : {item['typology']!r}")
        for _, r in sub.iterrows():
            material = r["material"]
            code = catalogue.at[material, "low_code"]
            rows.append(
                {
                    "building": item["building"],
                    "element": "estimation par typologie",
                    "material": material,
                    "low_code": normalise_low_code(code),
                    "hazardous": is_hazardous_code(code),
                    "quantity_t": float(item["floor_area_m2"]) * float(r[bound]),
                    "location": "",
                    "condition": "",
                    "unit": "m²",
                    "quantity": float(item["floor_area_m2"]),
                }
            )
    return pd.DataFrame(rows, columns=[*INVENTORY_COLUMNS, *INVENTORY_OPTIONAL])


def hazard_class(inventory, catalogue):
    """Hazard class of each inventory line: ``hazardous`` when flagged, else the material's
    class in the catalogue (``inert`` or ``non_hazardous``)."""
    base = inventory["material"].map(catalogue["hazard_class"]).fillna("non_hazardous")
    base = base.where(base != "hazardous", "non_hazardous")
    return base.where(~inventory["hazardous"].astype(bool), "hazardous")


# ------------------------------------------------------------------------------- flows
def route_flows(inventory, routes: Mapping[str, Mapping[str, float]], catalogue):
    """Split every inventory line by the route shares of its material.

    Parameters
    ----------
    inventory : pandas.DataFrame
        Columns :data:`INVENTORY_COLUMNS` (``quantity_t`` in [t]).
    routes : mapping
        ``material -> {route: share}``; missing routes have share 0; shares sum to 1.
    catalogue : pandas.DataFrame
        Reference ``materials_catalogue`` (hazard class of the materials).

    Returns
    -------
    pandas.DataFrame
        ``line`` (row number in the inventory), ``building``, ``material``, ``low_code``,
        ``hazardous``, ``hazard_class``, ``route``, ``t`` (only routes with a positive share).
    """
    import pandas as pd

    inv = inventory.reset_index(drop=True)
    classes = hazard_class(inv, catalogue)
    rows = []
    for i, r in inv.iterrows():
        shares = routes[r["material"]]
        for route in ROUTES:
            share = float(shares.get(route, 0.0))
            if share > 0:
                rows.append(
                    {
                        "line": i,
                        "building": r["building"],
                        "material": r["material"],
                        "low_code": r["low_code"],
                        "hazardous": bool(r["hazardous"]),
                        "hazard_class": classes.iat[i],
                        "route": route,
                        "t": float(r["quantity_t"]) * share,
                    }
                )
    cols = ["line", "building", "material", "low_code", "hazardous", "hazard_class", "route", "t"]
    return pd.DataFrame(rows, columns=cols)


def balance(flows):
    """Tonnes by material and route (the ``materials_balance`` table).

    Returns
    -------
    pandas.DataFrame
        ``material``, ``route``, ``t``; routes in the order of :data:`ROUTES`.
    """
    out = flows.groupby(["material", "route"], as_index=False)["t"].sum()
    out["_r"] = out["route"].map({r: i for i, r in enumerate(ROUTES)})
    return out.sort_values(["material", "_r"]).drop(columns="_r").reset_index(drop=True)


def tonnes_by_route(flows) -> dict[str, float]:
    """Tonnes sent to each of :data:`ROUTES` (0 for a route nothing goes to)."""
    sums = flows.groupby("route")["t"].sum()
    return {r: float(sums.get(r, 0.0)) for r in ROUTES}


def recovery_rate(flows) -> float:
    """Material recovery rate of the Waste Framework Directive.

    Reuse, recycling and backfilling over the total, both restricted to non-hazardous waste
    and excluding naturally occurring material (List of Waste 17 05 04).

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows` (``hazardous``, ``low_code``, ``route``, ``t`` [t]).

    Returns
    -------
    float
        Fraction 0-1 (NaN when nothing is in scope).

    References
    ----------
    Directive 2008/98/EC art. 11(2)(b), amended by Directive (EU) 2018/851; Commission
    Decision 2011/753/EU (calculation rules, backfilling counted).
    """
    scope = flows[~flows["hazardous"].astype(bool) & (flows["low_code"] != NATURAL_SOIL_CODE)]
    total = scope["t"].sum()
    if total <= 0:
        return float("nan")
    return float(scope.loc[scope["route"].isin(RECOVERY_ROUTES), "t"].sum() / total)


def reuse_rate(flows) -> float:
    """Reuse on and off site over the total mass (all lines) [0-1]."""
    total = flows["t"].sum()
    if total <= 0:
        return float("nan")
    return float(flows.loc[flows["route"].isin(REUSE_ROUTES), "t"].sum() / total)


def landfill_t(flows) -> float:
    """Tonnes sent to disposal (landfill) [t]."""
    return float(flows.loc[flows["route"] == "disposal", "t"].sum())


# ------------------------------------------------------------------ needs and matching
@dataclass(frozen=True)
class Matching:
    """Result of :func:`match_supply_needs`.

    Attributes
    ----------
    timeline : pandas.DataFrame
        One row per month (``month`` as first day): ``supply_t``, ``used_t``, ``exported_t``,
        ``imported_t``, ``stock_t`` (end of month) and their cumulative sums ``cum_*``;
        ``storage_m2`` (area of the stock piles).
    needs : pandas.DataFrame
        Per need: ``name``, ``kind``, ``need_t``, ``used_t``, ``imported_t``, ``coverage``.
    used_by_material : dict
        Tonnes used on site per material.
    exported_by_material : dict
        Tonnes that no need uses, sent off site as they arrive.
    """

    timeline: Any
    needs: Any
    used_by_material: dict
    exported_by_material: dict

    @property
    def total_used_t(self) -> float:
        """Tonnes of the site's materials used by the needs [t]."""
        return sum(self.used_by_material.values())

    @property
    def total_exported_t(self) -> float:
        """Tonnes meant for reuse on site that no need uses, sent off site [t]."""
        return sum(self.exported_by_material.values())

    @property
    def total_need_t(self) -> float:
        """Tonnes needed by the works [t]."""
        return float(self.needs["need_t"].sum())

    @property
    def total_imported_t(self) -> float:
        """Tonnes the needs import (not covered by the site) [t]."""
        return float(self.needs["imported_t"].sum())


def _months(start, end):
    import pandas as pd

    return pd.period_range(pd.Period(start, "M"), pd.Period(end, "M"), freq="M")


def need_tonnes(need: Mapping[str, Any], fill_density_t_per_m3: float) -> float:
    """Tonnes of a need given in tonnes or in m³ (× its density, else the fill density)."""
    if need.get("quantity_t") is not None:
        return float(need["quantity_t"])
    density = need.get("density_t_per_m3") or fill_density_t_per_m3
    return float(need["volume_m3"]) * float(density)


def match_supply_needs(
    flows,
    phases: list[Mapping[str, Any]],
    needs: list[Mapping[str, Any]],
    bulk_density_t_per_m3: Mapping[str, float],
    fill_density_t_per_m3: float,
    pile_height_m: float,
):
    """Match the on-site supply of demolition phases with the needs of the new works, month
    by month, needs served in priority order.

    The supply is what the routes send to ``reuse_on_site`` for the materials some need
    accepts; each phase releases its buildings' tonnes evenly over its months. Needs draw
    evenly over their months. They are served in the order given: a need takes, month by
    month and in the order of its ``accepts`` list, only what is free at that month and stays
    free at every later month, so that a material set aside for a higher-priority need that
    comes later is kept for it. What a need cannot get is imported. Supply that no need will
    use is sent off site as soon as it arrives (the stock holds only material waiting for a
    use). Mass is conserved at every date: ``cum_supply = cum_used + stock + cum_exported``.

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows`.
    phases : list of mappings
        ``{"name", "start", "end", "buildings"}``; ``buildings`` None or empty = every
        building not named by another phase. An empty list = one phase releasing everything
        in the first month of the needs.
    needs : list of mappings
        ``{"name", "kind", "quantity_t" | "volume_m3", "density_t_per_m3", "start", "end",
        "accepts"}`` (``accepts`` None = :data:`DEFAULT_ACCEPTS` of the kind), by priority.
    bulk_density_t_per_m3 : mapping
        Loose bulk density of each material [t/m³], for the storage area.
    fill_density_t_per_m3 : float
        Density of compacted fill [t/m³], for needs given in m³ without a density.
    pile_height_m : float
        Mean height of the stock piles [m].

    Returns
    -------
    Matching
    """
    import numpy as np
    import pandas as pd

    needs = [dict(n) for n in needs]
    for n in needs:
        n["accepts"] = list(n.get("accepts") or DEFAULT_ACCEPTS[n.get("kind", "other")])
        n["need_t"] = need_tonnes(n, fill_density_t_per_m3)
    accepted = {m for n in needs for m in n["accepts"]}
    on_site = flows[(flows["route"] == "reuse_on_site") & flows["material"].isin(accepted)]

    phases = [dict(p) for p in phases]
    if not phases:
        first = min((pd.Timestamp(n["start"]) for n in needs), default=pd.Timestamp("2000-01"))
        phases = [{"name": "gisement", "start": first, "end": first, "buildings": None}]
    dates = [pd.Timestamp(x[k]) for x in (*needs, *phases) for k in ("start", "end")]
    months = _months(min(dates), max(dates))
    index = {m: i for i, m in enumerate(months)}
    n_months = len(months)
    materials = sorted(on_site["material"].unique())

    supply = {m: np.zeros(n_months) for m in materials}
    named = {b for p in phases for b in (p.get("buildings") or [])}
    for p in phases:
        chosen = p.get("buildings") or None
        part = on_site[
            on_site["building"].isin(chosen) if chosen else ~on_site["building"].isin(named)
        ]
        span = [index[m] for m in _months(p["start"], p["end"])]
        for m, t in part.groupby("material")["t"].sum().items():
            supply[m][span] += t / len(span)

    # free[m][t]: cumulative supply up to month t not yet promised to a need
    free = {m: np.cumsum(supply[m]) for m in materials}
    used = {m: np.zeros(n_months) for m in materials}
    used_need = np.zeros(len(needs))
    imported = np.zeros(n_months)
    for j, n in enumerate(needs):
        span = [index[m] for m in _months(n["start"], n["end"])]
        for t in span:
            want = n["need_t"] / len(span)
            for m in n["accepts"]:
                if m not in free or want <= 0:
                    continue
                take = min(want, max(float(free[m][t:].min()), 0.0))
                if take > 0:
                    free[m][t:] -= take
                    used[m][t] += take
                    used_need[j] += take
                    want -= take
            imported[t] += want

    # never-used supply leaves as early as possible: the cumulative export is the smallest
    # free quantity from now on (it never takes what a later use needs)
    exported = {}
    stock = np.zeros(n_months)
    area = np.zeros(n_months)
    for m in materials:
        cum_export = np.minimum.accumulate(free[m][::-1])[::-1].clip(min=0.0)
        exported[m] = np.diff(cum_export, prepend=0.0)
        stock_m = free[m] - cum_export
        stock += stock_m
        area += stock_m / float(bulk_density_t_per_m3[m]) / pile_height_m

    def total(series: dict) -> np.ndarray:
        return sum(series.values(), np.zeros(n_months))

    timeline = pd.DataFrame(
        {
            "month": months.to_timestamp(),
            "supply_t": total(supply),
            "used_t": total(used),
            "exported_t": total(exported),
            "imported_t": imported,
            "stock_t": stock,
            "storage_m2": area,
        }
    )
    for c in ("supply_t", "used_t", "exported_t", "imported_t"):
        timeline["cum_" + c] = timeline[c].cumsum()
    need_rows = [
        {
            "name": n["name"],
            "kind": n.get("kind", "other"),
            "start": pd.Timestamp(n["start"]),
            "end": pd.Timestamp(n["end"]),
            "need_t": n["need_t"],
            "used_t": float(used_need[j]),
            "imported_t": n["need_t"] - float(used_need[j]),
            "coverage": float(used_need[j]) / n["need_t"] if n["need_t"] > 0 else float("nan"),
        }
        for j, n in enumerate(needs)
    ]
    need_cols = ["name", "kind", "start", "end", "need_t", "used_t", "imported_t", "coverage"]
    return Matching(
        timeline=timeline,
        needs=pd.DataFrame(need_rows, columns=need_cols),
        used_by_material={m: float(used[m].sum()) for m in materials},
        exported_by_material={m: float(exported[m].sum()) for m in materials},
    )


def berm_fill_coverage(matching: Matching) -> float | None:
    """Share of the berm fill covered by on-site materials [0-1]; None without a berm need."""
    berm = matching.needs[matching.needs["kind"] == "berm_fill"]
    if berm.empty or berm["need_t"].sum() <= 0:
        return None
    return float(berm["used_t"].sum() / berm["need_t"].sum())


def truck_trips_avoided(used_on_site_t: float, payload_t: float) -> float:
    """Truck trips avoided by using a tonnage on site: one trip out (evacuation) and one trip
    in (natural aggregates) per payload [trips]."""
    return 2.0 * used_on_site_t / payload_t


# ----------------------------------------------------------------- carbon and money
def _bounds(table, key: str) -> tuple[float, float, float]:
    return (
        float(table.at[key, "low"]),
        float(table.at[key, "value"]),
        float(table.at[key, "high"]),
    )


def apply_overrides(table, overrides: Mapping[str, float] | None):
    """A reference table where the overridden keys take a fixed value (low = value = high)."""
    out = table.copy()
    for key, v in (overrides or {}).items():
        out.loc[key, ["value", "low", "high"]] = float(v)
    return out


def substitution(flows, catalogue):
    """What each flow replaces: ``"product"`` (a new product, through reuse), ``"aggregate"``
    (natural aggregates) or ``"none"``.

    Reuse off site always replaces a new product (reclaimed bricks, doors, beams), as does
    reuse on site of a product material; a mineral material crushed for use on site,
    recycled or backfilled replaces natural aggregates. A material without a reuse factor
    (soil, mixed rubble) reused off site replaces aggregates too.

    Returns
    -------
    pandas.Series
        Aligned on ``flows``.
    """
    import pandas as pd

    kind = flows["material"].map(catalogue["substitutes"]).fillna("none")
    factor = flows["material"].map(catalogue["reuse_factor"]).fillna("")
    route = flows["route"]
    product = ((route == "reuse_off_site") & (factor != "")) | (
        (route == "reuse_on_site") & (kind == "product")
    )
    aggregate = (
        ~product
        & (kind == "aggregate")
        & route.isin(("reuse_on_site", "reuse_off_site", "recycling", "backfilling"))
    )
    out = pd.Series("none", index=flows.index)
    out[aggregate] = "aggregate"
    out[product] = "product"
    return out


def avoided_emissions(flows, used_on_site_t, catalogue, factors, distances_km, quarry_km):
    """Avoided emissions with a range: natural aggregates replaced, new products replaced by
    reuse, transport avoided by on-site use.

    - aggregates: tonnes that replace natural aggregates (:func:`substitution`) × the
      production factor of natural aggregates;
    - products: tonnes of reused products × the production emissions of the equivalent new
      product (the material's ``reuse_factor`` in the catalogue: concrete elements, clay
      bricks and tiles, or fit-out products);
    - transport: tonnes used on site × (distance to the recycling platform + distance from the
      quarry) × the road-freight factor.

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows`.
    used_on_site_t : float
        Tonnes actually used by the needs of the site [t].
    catalogue, factors : pandas.DataFrame
        Reference tables ``materials_catalogue`` and ``materials_factors`` (overrides applied).
    distances_km : mapping
        One-way distance of each route [km].
    quarry_km : float
        Distance from the quarry supplying natural aggregates [km].

    Returns
    -------
    pandas.DataFrame
        ``component``, ``quantity``, ``unit``, ``low_t_co2e``, ``t_co2e``, ``high_t_co2e``.

    References
    ----------
    UNPG TERCO2 (natural aggregates 2.6-2.75 kgCO2e/t); Smart Freight Centre, GLEC Framework
    v2 (2019), rigid truck 26-32 t 0.095 kgCO2e/t.km; Hammond and Jones (2011), Inventory of
    Carbon and Energy v2.0, University of Bath (concrete, clay bricks); reuse platforms'
    method (production stages of the new product's FDES/PEP, INIES).
    """
    import pandas as pd

    sub = substitution(flows, catalogue)
    agg_t = flows.loc[sub == "aggregate", "t"].sum()
    products = flows[sub == "product"]
    prod_t = products["t"].sum()
    per_factor = products.groupby(products["material"].map(catalogue["reuse_factor"]))["t"].sum()
    prod = [sum(t * _bounds(factors, k)[i] for k, t in per_factor.items()) for i in range(3)]
    tkm = used_on_site_t * (float(distances_km["recycling"]) + float(quarry_km))
    a = _bounds(factors, "aggregate_kg_co2e_per_t")
    tr = _bounds(factors, "truck_kg_co2e_per_t_km")
    rows = [
        ("Granulats naturels remplacés", agg_t, "t", [agg_t * x / 1000 for x in a]),
        ("Produits neufs remplacés par le réemploi", prod_t, "t", prod),
        ("Transport évité (évacuation et apport)", tkm, "t.km", [tkm * x / 1000 for x in tr]),
    ]
    return pd.DataFrame(
        [
            {
                "component": c,
                "quantity": float(q),
                "unit": u,
                "low_t_co2e": float(v[0]),
                "t_co2e": float(v[1]),
                "high_t_co2e": float(v[2]),
            }
            for c, q, u, v in rows
        ]
    )


def _unit_cost(route: str, hazard: str, costs, distances_km, col: str) -> float:
    c = costs[col]
    gate = {
        "reuse_on_site": c["on_site_processing_eur_per_t"],
        "reuse_off_site": c["gate_fee_reuse_off_site_eur_per_t"],
        "recycling": c["gate_fee_recycling_eur_per_t"],
        "backfilling": c["gate_fee_backfilling_eur_per_t"],
        "energy_recovery": c["gate_fee_energy_recovery_eur_per_t"],
    }
    if route == "disposal":
        if hazard == "hazardous":
            fee = c["gate_fee_hazardous_landfill_eur_per_t"]
        elif hazard == "inert":
            fee = c["gate_fee_inert_landfill_eur_per_t"]
        else:
            fee = (
                c["gate_fee_non_hazardous_landfill_eur_per_t"]
                + c["tgap_non_hazardous_landfill_eur_per_t"]
            )
    else:
        fee = gate[route]
    return float(fee) + float(c["transport_eur_per_t_km"]) * float(distances_km[route])


def cost_balance(flows, needs_t, imported_t, exported_t, costs, distances_km, quarry_km):
    """Cost of the planned routes against a reference where everything is landfilled and
    every need is met with natural aggregates.

    Per tonne: gate fee of the route (landfill by hazard class: inert waste landfill without
    tax, non-hazardous landfill plus TGAP, hazardous waste), on-site processing for on-site
    reuse, transport at a cost per t.km over the route distance. Needs not met on site are
    bought from the quarry and trucked in; on-site stock left over is trucked to recycling.

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows`.
    needs_t, imported_t, exported_t : float
        Total needs, imports and on-site surplus sent off site [t].
    costs : pandas.DataFrame
        Reference ``materials_costs`` (overrides applied).
    distances_km : mapping
        One-way distance of each route [km].
    quarry_km : float
        Distance from the quarry [km].

    Returns
    -------
    pandas.DataFrame
        ``item``, ``low_eur``, ``eur``, ``high_eur`` for the planned scenario, the reference
        and the saving (reference - planned), with the sub-items of each.

    References
    ----------
    TGAP 2025 for non-hazardous waste landfill: 65 €/t (code des douanes, art. 266 nonies).
    """
    import pandas as pd

    out = {}
    for col in ("low", "value", "high"):
        unit = flows.apply(
            lambda r, col=col: _unit_cost(r["route"], r["hazard_class"], costs, distances_km, col),
            axis=1,
        )
        routes_eur = float((flows["t"] * unit).sum()) if len(flows) else 0.0
        ref_unit = flows.apply(
            lambda r, col=col: _unit_cost("disposal", r["hazard_class"], costs, distances_km, col),
            axis=1,
        )
        ref_routes = float((flows["t"] * ref_unit).sum()) if len(flows) else 0.0
        buy = float(costs.at["aggregate_price_eur_per_t", col]) + float(
            costs.at["transport_eur_per_t_km", col]
        ) * float(quarry_km)
        # the on-site surplus goes to recycling (one unit cost whatever the hazard class)
        surplus = exported_t * _unit_cost("recycling", "inert", costs, distances_km, col)
        planned = routes_eur + imported_t * buy + surplus
        reference = ref_routes + needs_t * buy
        out[col] = {
            "Scénario retenu : filières des matériaux": routes_eur,
            "Scénario retenu : achats de granulats pour les besoins non couverts": imported_t * buy,
            "Scénario retenu : évacuation des excédents de stock": surplus,
            "Scénario retenu : total": planned,
            "Référence : tout en stockage": ref_routes,
            "Référence : tous les besoins en granulats achetés": needs_t * buy,
            "Référence : total": reference,
            "Économie (référence - scénario)": reference - planned,
        }
    items = list(out["value"])
    return pd.DataFrame(
        {
            "item": items,
            "low_eur": [out["low"][k] for k in items],
            "eur": [out["value"][k] for k in items],
            "high_eur": [out["high"][k] for k in items],
        }
    )


# ------------------------------------------------------------------------ CERFA layouts
def diagnostic_table(inventory, routes, catalogue):
    """The inventory laid out like the waste section of CERFA 16287 (diagnostic): one row per
    line with the planned tonnes of each route and a total row.

    Returns
    -------
    pandas.DataFrame
        French column names; the last row is « Total ».
    """
    import pandas as pd

    inv = inventory.reset_index(drop=True)
    out = pd.DataFrame(
        {
            "Bâtiment": inv["building"],
            "Élément": inv["element"],
            "Localisation": inv.get("location", pd.Series([""] * len(inv))).fillna(""),
            "État": inv.get("condition", pd.Series([""] * len(inv))).fillna(""),
            "Matériau": inv["material"].map(catalogue["label"]).fillna(inv["material"]),
            "Code déchet": inv["low_code"],
            "Dangereux": ["oui" if h else "non" for h in inv["hazardous"]],
            "Classe": hazard_class(inv, catalogue)
            .map({"inert": "inerte", "non_hazardous": "non dangereux non inerte"})
            .fillna("dangereux"),
            "Quantité": inv.get("quantity", pd.Series([None] * len(inv))),
            "Unité": inv.get("unit", pd.Series([""] * len(inv))).fillna(""),
            "Masse (t)": inv["quantity_t"].astype(float),
        }
    )
    for route in ROUTES:
        share = inv["material"].map(lambda m, route=route: float(routes[m].get(route, 0.0)))
        out[f"{ROUTE_LABELS_FR[route]} prévu (t)"] = inv["quantity_t"].astype(float) * share
    total = {c: "" for c in out.columns}
    total["Bâtiment"] = "Total"
    total["Quantité"] = None
    for c in out.columns:
        if c.endswith("(t)"):
            total[c] = float(out[c].sum())
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def recolement_table(flows, catalogue, distances_km):
    """The route balance laid out like CERFA 16288 (récolement): per material, code and
    route, the tonnes and the distance to the destination, with a total row."""
    import pandas as pd

    grp = flows.groupby(["material", "low_code", "hazardous", "route"], as_index=False)["t"].sum()
    grp["_r"] = grp["route"].map({r: i for i, r in enumerate(ROUTES)})
    grp = grp.sort_values(["material", "low_code", "_r"])
    out = pd.DataFrame(
        {
            "Matériau": grp["material"].map(catalogue["label"]).fillna(grp["material"]),
            "Code déchet": grp["low_code"],
            "Dangereux": ["oui" if h else "non" for h in grp["hazardous"]],
            "Mode de traitement": grp["route"].map(ROUTE_LABELS_FR),
            "Distance (km)": grp["route"].map(lambda r: float(distances_km[r])),
            "Masse (t)": grp["t"].astype(float),
        }
    ).reset_index(drop=True)
    total = {c: "" for c in out.columns}
    total["Matériau"] = "Total"
    total["Distance (km)"] = None
    total["Masse (t)"] = float(out["Masse (t)"].sum())
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


# ------------------------------------------------------------------ sources of the brief
def sources_rows(factors, costs, overrides, distances_km, quarry_km, intensity=None):
    """Rows of the brief's "Hypothèses et sources": factors, costs and (when the inventory
    was estimated) the intensities used, from the reference tables, then the distances of
    the parameter file.

    Parameters
    ----------
    factors, costs : pandas.DataFrame
        Reference tables ``materials_factors`` and ``materials_costs`` (as loaded).
    overrides : mapping
        Factor and cost keys replaced by the parameter file -> value used.
    distances_km : mapping
        Route -> one-way distance [km] (parameter file).
    quarry_km : float
        Distance from the quarry [km].
    intensity : pandas.DataFrame, optional
        The rows of ``materials_intensity`` used by the estimate.

    Returns
    -------
    pandas.DataFrame
        ``item``, ``value``, ``unit``, ``low``, ``high``, ``source``, ``note`` (object dtype,
        None for an empty cell).
    """
    import pandas as pd

    from qsp_lib.materials import reference

    parts = [
        reference.sources_table(factors, overrides=overrides),
        reference.sources_table(costs, overrides=overrides),
    ]
    if intensity is not None and len(intensity):
        parts.append(reference.sources_table(intensity))
    rows = pd.concat(parts, ignore_index=True).drop(columns="key")
    rows = rows.rename(columns={"status": "note"})
    extra = [
        {
            "item": f"Distance : {ROUTE_LABELS_FR[r].lower()}",
            "value": float(km),
            "unit": "km",
            "source": "fichier de paramètres du site",
            "note": "paramètre",
        }
        for r, km in distances_km.items()
    ]
    extra.append(
        {
            "item": "Distance de la carrière de granulats naturels",
            "value": float(quarry_km),
            "unit": "km",
            "source": "fichier de paramètres du site",
            "note": "paramètre",
        }
    )
    out = pd.concat([rows, pd.DataFrame(extra)], ignore_index=True).astype(object)
    return out.where(out.notna(), None)


# ------------------------------------------------------------------ summaries for a brief
def inventory_by_material(inventory, catalogue):
    """Tonnes per material with its label, List of Waste code and hazard class, largest
    first, with the share of the total.

    Returns
    -------
    pandas.DataFrame
        ``material``, ``label``, ``low_code``, ``hazard_class``, ``t``, ``share``.
    """
    inv = inventory.assign(hazard_class=hazard_class(inventory, catalogue))
    out = inv.groupby(["material", "low_code", "hazard_class"], as_index=False)["quantity_t"].sum()
    out = out.rename(columns={"quantity_t": "t"})
    out["label"] = out["material"].map(catalogue["label"]).fillna(out["material"])
    out["share"] = out["t"] / out["t"].sum()
    cols = ["material", "label", "low_code", "hazard_class", "t", "share"]
    return out.sort_values("t", ascending=False)[cols].reset_index(drop=True)


def group_small(balance_table, min_share: float = 0.01, label: str = "other"):
    """The balance with the materials under ``min_share`` of the total merged into one
    ``label`` material (for a readable flow diagram); mass unchanged."""
    per_material = balance_table.groupby("material")["t"].sum()
    small = per_material[per_material < min_share * per_material.sum()].index
    out = balance_table.assign(
        material=balance_table["material"].where(~balance_table["material"].isin(small), label)
    )
    return out.groupby(["material", "route"], as_index=False)["t"].sum()


def excluded_from_recovery_rate(flows) -> dict[str, float]:
    """Tonnes outside the WFD rate: hazardous waste and natural soil (17 05 04) [t]."""
    hazardous = flows["hazardous"].astype(bool)
    return {
        "hazardous_t": float(flows.loc[hazardous, "t"].sum()),
        "natural_soil_t": float(
            flows.loc[~hazardous & (flows["low_code"] == NATURAL_SOIL_CODE), "t"].sum()
        ),
    }
