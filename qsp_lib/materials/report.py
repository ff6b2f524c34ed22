"""French tables of the materials brief and exports: the inventory and its balance by legal
category laid out like the PEMD forms (CERFA 16287*01 diagnostic, 16288*01 récolement) and
the rows of « Hypothèses et sources ».

References
----------
Code de la construction et de l'habitation L.126-34, décrets 2021-821 et 2021-822, arrêté du
26 mars 2023 : diagnostic PEMD, formulaires CERFA 16287*01 et 16288*01.
"""

from __future__ import annotations

import pandas as pd

from qsp_lib.materials import reference
from qsp_lib.materials.model import CATEGORIES, SURPLUS_DESTINATION, hazard_class
from qsp_lib.materials.wording import (
    CATEGORY_LABELS_FR,
    DESTINATION_LABELS_FR,
    ROUTE_LABELS_FR,
)


def _dangerous(hazardous, suspected) -> list[str]:
    return [
        "oui, par précaution (à tester)" if h and sp else "oui" if h else "non"
        for h, sp in zip(hazardous, suspected, strict=True)
    ]


def _suspected(frame) -> pd.Series:
    col = frame.get("suspected_hazardous", pd.Series([False] * len(frame), index=frame.index))
    return col.fillna(False).astype(bool)


def diagnostic_table(inventory, legal, catalogue):
    """The inventory laid out like the waste section of CERFA 16287 (diagnostic): one row per
    line with the planned tonnes of each legal category (réemploi, recyclage, remblayage,
    valorisation énergétique, élimination, after where each tonne goes) and a total row.

    Parameters
    ----------
    inventory : pandas.DataFrame
        The inventory (:data:`INVENTORY_COLUMNS`, optional ``suspected_hazardous``).
    legal : pandas.DataFrame
        :func:`qsp_lib.materials.model.legal_flows` of that inventory (``line`` = row
        number).
    catalogue : pandas.DataFrame
        Reference ``materials_catalogue``.

    Returns
    -------
    pandas.DataFrame
        French column names; the last row is « Total ». A line counted hazardous by
        precaution until tested is marked so in « Dangereux ».
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
            "Dangereux": _dangerous(inv["hazardous"], _suspected(inv)),
            "Classe": hazard_class(inv, catalogue)
            .map({"inert": "inerte", "non_hazardous": "non dangereux non inerte"})
            .fillna("dangereux"),
            "Quantité": inv.get("quantity", pd.Series([None] * len(inv))),
            "Unité": inv.get("unit", pd.Series([""] * len(inv))).fillna(""),
            "Masse (t)": inv["quantity_t"].astype(float),
        }
    )
    per_line = legal.pivot_table(index="line", columns="category", values="t", aggfunc="sum")
    for c in CATEGORIES:
        col = per_line[c] if c in per_line.columns else pd.Series(dtype=float)
        out[f"{CATEGORY_LABELS_FR[c]} prévu (t)"] = (
            col.reindex(range(len(inv))).fillna(0.0).to_numpy() if len(inv) else []
        )
    total = {c: "" for c in out.columns}
    total["Bâtiment"] = "Total"
    total["Quantité"] = None
    for c in out.columns:
        if c.endswith("(t)"):
            total[c] = float(out[c].sum())
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def _distance(route: str, destination: str, distances_km) -> float:
    if route == "reuse_on_site":
        return float(distances_km["recycling"]) if destination == SURPLUS_DESTINATION else 0.0
    return float(distances_km[route])


def recolement_table(legal, catalogue, distances_km):
    """The balance laid out like CERFA 16288 (récolement): the products reused (« PEM
    réemployés », not waste) listed apart from the waste, then per material, code, legal
    category and destination, the tonnes and the distance to the destination, with a total
    row.

    Parameters
    ----------
    legal : pandas.DataFrame
        :func:`qsp_lib.materials.model.legal_flows`.
    catalogue : pandas.DataFrame
        Reference ``materials_catalogue``.
    distances_km : mapping
        One-way distance of each planned route [km] (on-site use: 0; the on-site surplus:
        the recycling distance).
    """
    legal = legal.assign(suspected=_suspected(legal))
    keys = ["material", "low_code", "hazardous", "suspected", "category", "route", "destination"]
    grp = legal.groupby(keys, as_index=False)["t"].sum()
    grp["_c"] = grp["category"].map({c: i for i, c in enumerate(CATEGORIES)})
    grp["_p"] = (grp["category"] != "reemploi").astype(int)
    grp = grp.sort_values(["_p", "material", "low_code", "_c", "destination"])
    out = pd.DataFrame(
        {
            "Rubrique": [
                "PEM réemployés" if c == "reemploi" else "Déchets" for c in grp["category"]
            ],
            "Matériau": grp["material"].map(catalogue["label"]).fillna(grp["material"]),
            "Code déchet": [
                "" if c == "reemploi" else code
                for c, code in zip(grp["category"], grp["low_code"], strict=True)
            ],
            "Dangereux": _dangerous(grp["hazardous"], grp["suspected"]),
            "Mode de traitement": grp["category"].map(CATEGORY_LABELS_FR),
            "Destination": grp["destination"].map(DESTINATION_LABELS_FR),
            "Distance (km)": [
                _distance(r, d, distances_km)
                for r, d in zip(grp["route"], grp["destination"], strict=True)
            ],
            "Masse (t)": grp["t"].astype(float),
        }
    ).reset_index(drop=True)
    total = {c: "" for c in out.columns}
    total["Rubrique"] = "Total"
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
