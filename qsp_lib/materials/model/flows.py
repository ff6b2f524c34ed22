"""The inventory (PEMD file or estimate), its split by route (flows) and the WFD indicators.

References
----------
.. [1] Directive 2008/98/EC on waste, art. 11(2)(b), as amended by Directive (EU) 2018/851:
   70 % by weight of non-hazardous construction and demolition waste, excluding naturally
   occurring material (List of Waste 17 05 04), prepared for reuse, recycled or otherwise
   materially recovered, backfilling included.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from qsp_lib.materials.model.codes import (
    NATURAL_SOIL_CODE,
    RECOVERY_ROUTES,
    REUSE_ROUTES,
    ROUTES,
    is_hazardous_code,
    normalise_low_code,
)

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
