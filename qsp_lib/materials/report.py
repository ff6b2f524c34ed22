"""French tables of the materials brief and exports: the inventory and route balance laid out
like the PEMD forms (CERFA 16287*01 diagnostic, 16288*01 récolement) and the rows of
« Hypothèses et sources ».

References
----------
Code de la construction et de l'habitation L.126-34, décrets 2021-821 et 2021-822, arrêté du
26 mars 2023 : diagnostic PEMD, formulaires CERFA 16287*01 et 16288*01.
"""

from __future__ import annotations

import pandas as pd

from qsp_lib.materials import reference
from qsp_lib.materials.model import ROUTES, hazard_class
from qsp_lib.materials.wording import ROUTE_LABELS_FR


def diagnostic_table(inventory, routes, catalogue):
    """The inventory laid out like the waste section of CERFA 16287 (diagnostic): one row per
    line with the planned tonnes of each route and a total row.

    Returns
    -------
    pandas.DataFrame
        French column names; the last row is « Total ».
    """
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
