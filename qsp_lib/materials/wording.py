"""French names of the materials analysis: routes, kinds of needs, components of the avoided
emissions and items of the cost balance (the model speaks in codes)."""

from __future__ import annotations

#: Routes of :data:`qsp_lib.materials.model.ROUTES`.
ROUTE_LABELS_FR = {
    "reuse_on_site": "Réemploi sur site",
    "reuse_off_site": "Réemploi hors site",
    "recycling": "Recyclage",
    "backfilling": "Remblayage",
    "energy_recovery": "Valorisation énergétique",
    "disposal": "Élimination (stockage)",
}
#: Kinds of needs of :data:`qsp_lib.materials.model.NEED_KINDS`.
NEED_KIND_LABELS_FR = {
    "berm_fill": "Remblai de la butte",
    "road_sub_base": "Couche de forme et sous-couche des voies",
    "aggregates": "Granulats",
    "other": "Autre besoin",
}
#: Components of :func:`qsp_lib.materials.model.avoided_emissions`.
AVOIDED_COMPONENTS_FR = {
    "aggregates": "Granulats naturels remplacés",
    "products": "Produits neufs remplacés par le réemploi",
    "transport": "Transport évité (évacuation et apport)",
}
#: Items of :func:`qsp_lib.materials.model.cost_balance`.
COST_ITEMS_FR = {
    "planned_routes": "Scénario retenu : filières des matériaux",
    "planned_purchases": "Scénario retenu : achats de granulats pour les besoins non couverts",
    "planned_surplus": "Scénario retenu : évacuation des excédents de stock",
    "planned_total": "Scénario retenu : total",
    "reference_storage": "Référence : tout en stockage",
    "reference_purchases": "Référence : tous les besoins en granulats achetés",
    "reference_total": "Référence : total",
    "saving": "Économie (référence - scénario)",
}
