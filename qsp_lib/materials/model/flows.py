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
    CATEGORIES,
    NATURAL_SOIL_CODE,
    NEED_KIND_CATEGORY,
    RECOVERY_CATEGORIES,
    RECOVERY_ROUTES,
    ROUTE_CATEGORY,
    ROUTES,
    SURPLUS_DESTINATION,
    SUSPECTED_UNTIL_TESTED,
    is_hazardous_code,
    normalise_low_code,
)

# --------------------------------------------------------------------------- inventory
INVENTORY_COLUMNS = ("building", "element", "material", "low_code", "hazardous", "quantity_t")
#: ``suspected_hazardous``: counted hazardous by precaution until a test says otherwise (a
#: 1959 roofing membrane coded 17 03 01* until a PAH test, :data:`SUSPECTED_UNTIL_TESTED`).
INVENTORY_OPTIONAL = ("location", "condition", "unit", "quantity", "suspected_hazardous")


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
        ``unit`` (``m²``), ``quantity`` (the floor area share) and ``suspected_hazardous``
        (the materials of :data:`SUSPECTED_UNTIL_TESTED`), one row per building and
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
                    "suspected_hazardous": material in SUSPECTED_UNTIL_TESTED,
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
        ``hazardous``, ``hazard_class``, ``suspected_hazardous`` (counted hazardous until
        tested), ``route``, ``t`` (only routes with a positive share).
    """
    import pandas as pd

    inv = inventory.reset_index(drop=True)
    classes = hazard_class(inv, catalogue)
    suspected = (
        inv["suspected_hazardous"].fillna(False).astype(bool)
        if "suspected_hazardous" in inv.columns
        else pd.Series(False, index=inv.index)
    )
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
                        "suspected_hazardous": bool(suspected.iat[i]),
                        "route": route,
                        "t": float(r["quantity_t"]) * share,
                    }
                )
    cols = [
        "line",
        "building",
        "material",
        "low_code",
        "hazardous",
        "hazard_class",
        "suspected_hazardous",
        "route",
        "t",
    ]
    return pd.DataFrame(rows, columns=cols)


def legal_flows(flows, catalogue, matching=None):
    """The flows split by legal category, after where each tonne goes.

    - ``reuse_off_site``: a product (a material with a reuse factor in the catalogue: doors,
      timber, whole bricks...) taken out before it becomes waste is ``reemploi``; a bulk
      material without one (soil, rubble) sent to a taker is ``recyclage``;
    - ``reuse_on_site``: a product material (``substitutes == "product"``) is ``reemploi``;
      a mineral material goes where the matching sends it: the tonnes each kind of need takes
      follow :data:`NEED_KIND_CATEGORY` (berm fill: ``remblayage``; road sub-base, paths,
      aggregates: ``recyclage``), what no need takes leaves for the recycling platform
      (``recyclage``, destination ``surplus``); split over the material's lines in
      proportion to their tonnes;
    - the other routes follow :data:`ROUTE_CATEGORY`.

    Backfilling and recycling never count as réemploi.

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows`.
    catalogue : pandas.DataFrame
        Reference ``materials_catalogue`` (``substitutes``, ``reuse_factor``).
    matching : Matching, optional
        From :func:`.matching.match_supply_needs` (``used_by_need``); without it the on-site
        mineral tonnes are all ``surplus`` (recycling).

    Returns
    -------
    pandas.DataFrame
        The columns of ``flows`` plus ``destination`` (the route, or for on-site mineral
        tonnes the kind of need or ``surplus``) and ``category`` (:data:`CATEGORIES`), ``t``
        [t]; the total mass is that of ``flows``.

    References
    ----------
    Code de l'environnement L.541-1-1 (réemploi); Directive 2008/98/EC art. 3(17) and
    3(17a) as amended by Directive (EU) 2018/851 (recycling, backfilling).
    """
    import pandas as pd

    kind = flows["material"].map(catalogue["substitutes"]).fillna("none")
    factor = flows["material"].map(catalogue["reuse_factor"]).fillna("")
    route = flows["route"]
    out = flows.assign(destination=route, category=route.map(ROUTE_CATEGORY))
    off_product = (route == "reuse_off_site") & (factor != "")
    out.loc[off_product, "category"] = "reemploi"
    out.loc[(route == "reuse_off_site") & ~off_product, "category"] = "recyclage"
    on_product = (route == "reuse_on_site") & (kind == "product")
    out.loc[on_product, "category"] = "reemploi"
    on_bulk = (route == "reuse_on_site") & ~on_product
    keep, parts = out[~on_bulk], []
    used = getattr(matching, "used_by_need", None)
    for m, lines in out[on_bulk].groupby("material", sort=False):
        supply = float(lines["t"].sum())
        taken: dict[str, float] = {}
        if used is not None and len(used) and supply > 0:
            per_kind = used[used["material"] == m].groupby("kind")["t"].sum()
            taken = {k: float(t) for k, t in per_kind.items() if t > 0}
        rest = max(supply - sum(taken.values()), 0.0)
        scale = supply / max(sum(taken.values()) + rest, 1e-300)
        for dest, t in (*taken.items(), (SURPLUS_DESTINATION, rest)):
            if t <= 1e-9 * supply:
                continue
            part = lines.assign(
                destination=dest,
                category=NEED_KIND_CATEGORY.get(dest, "recyclage"),
                t=lines["t"] * (t * scale / supply),
            )
            parts.append(part)
    out = pd.concat([keep, *parts], ignore_index=True) if parts else keep
    order = {c: i for i, c in enumerate(CATEGORIES)}
    out = out.assign(_o=out["category"].map(order)).sort_values(["line", "_o"], kind="stable")
    return out.drop(columns="_o").reset_index(drop=True)


def balance(legal):
    """Tonnes by material and legal category (the ``materials_balance`` table; the column
    keeps its name ``route``).

    Parameters
    ----------
    legal : pandas.DataFrame
        From :func:`legal_flows`.

    Returns
    -------
    pandas.DataFrame
        ``material``, ``route`` (a category of :data:`CATEGORIES`), ``t`` [t]; categories
        in the order of :data:`CATEGORIES`.
    """
    out = legal.groupby(["material", "category"], as_index=False)["t"].sum()
    out = out.rename(columns={"category": "route"})
    out["_r"] = out["route"].map({r: i for i, r in enumerate(CATEGORIES)})
    return out.sort_values(["material", "_r"]).drop(columns="_r").reset_index(drop=True)


def tonnes_by_route(flows) -> dict[str, float]:
    """Tonnes sent to each planned route of :data:`ROUTES` (0 for a route nothing goes to)."""
    sums = flows.groupby("route")["t"].sum()
    return {r: float(sums.get(r, 0.0)) for r in ROUTES}


def tonnes_by_category(legal) -> dict[str, float]:
    """Tonnes in each legal category of :data:`CATEGORIES` [t] (0 for an empty one).

    Parameters
    ----------
    legal : pandas.DataFrame
        From :func:`legal_flows`.
    """
    sums = legal.groupby("category")["t"].sum()
    return {c: float(sums.get(c, 0.0)) for c in CATEGORIES}


def _recovery_scope(flows):
    return flows[~flows["hazardous"].astype(bool) & (flows["low_code"] != NATURAL_SOIL_CODE)]


def recovery_rate(flows) -> float:
    """Material recovery rate of the Waste Framework Directive.

    Réemploi, recycling and backfilling over the total, both restricted to non-hazardous
    waste and excluding naturally occurring material (List of Waste 17 05 04). On legal flows
    (:func:`legal_flows`, column ``category``) the categories of
    :data:`RECOVERY_CATEGORIES` count; on planned flows, the routes of
    :data:`RECOVERY_ROUTES` (the same tonnes).

    Parameters
    ----------
    flows : pandas.DataFrame
        From :func:`route_flows` or :func:`legal_flows` (``hazardous``, ``low_code``,
        ``route``, ``t`` [t]).

    Returns
    -------
    float
        Fraction 0-1 (NaN when nothing is in scope).

    References
    ----------
    Directive 2008/98/EC art. 11(2)(b), amended by Directive (EU) 2018/851; Commission
    Decision 2011/753/EU (calculation rules, backfilling counted).
    """
    scope = _recovery_scope(flows)
    total = scope["t"].sum()
    if total <= 0:
        return float("nan")
    if "category" in scope.columns:
        recovered = scope["category"].isin(RECOVERY_CATEGORIES)
    else:
        recovered = scope["route"].isin(RECOVERY_ROUTES)
    return float(scope.loc[recovered, "t"].sum() / total)


def backfilling_rate(legal) -> float:
    """Part of the WFD recovery rate that is backfilling (reported apart since Directive
    (EU) 2018/851): backfilled tonnes in scope over the tonnes in scope [0-1] (NaN when
    nothing is in scope).

    Parameters
    ----------
    legal : pandas.DataFrame
        From :func:`legal_flows`.
    """
    scope = _recovery_scope(legal)
    total = scope["t"].sum()
    if total <= 0:
        return float("nan")
    return float(scope.loc[scope["category"] == "remblayage", "t"].sum() / total)


def reuse_rate(legal) -> float:
    """Réemploi (products only, code de l'environnement L.541-1-1) over the total mass (all
    lines) [0-1]; recycling and backfilling never count (NaN for an empty inventory).

    Parameters
    ----------
    legal : pandas.DataFrame
        From :func:`legal_flows`.
    """
    total = legal["t"].sum()
    if total <= 0:
        return float("nan")
    return float(legal.loc[legal["category"] == "reemploi", "t"].sum() / total)


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
