"""French names of the materials analysis: routes, legal categories, destinations, kinds of
needs, components of the avoided and emitted emissions and items of the cost balance (the
model speaks in codes)."""

from __future__ import annotations

#: Planned routes of :data:`qsp_lib.materials.model.ROUTES` (the parameters' vocabulary: where
#: a material is sent, not its legal category, which follows its final use).
ROUTE_LABELS_FR = {
    "reuse_on_site": "Emploi sur le site",
    "reuse_off_site": "Cession hors site pour réemploi",
    "recycling": "Plateforme de recyclage",
    "backfilling": "Remblayage hors site",
    "energy_recovery": "Valorisation énergétique",
    "disposal": "Élimination (stockage)",
}
#: Legal categories of :data:`qsp_lib.materials.model.CATEGORIES`.
CATEGORY_LABELS_FR = {
    "reemploi": "Réemploi",
    "recyclage": "Recyclage",
    "remblayage": "Remblayage",
    "valorisation_energetique": "Valorisation énergétique",
    "elimination": "Élimination",
}
#: What each legal category covers, for the route table.
CATEGORY_SCOPE_FR = {
    "reemploi": "produits déposés avant d'être des déchets (portes, bois...), art. L.541-1-1",
    "recyclage": "déchets retraités : couches de forme, chemins, granulats, ferrailles",
    "remblayage": "remblai de butte, aménagement paysager, remblaiement de carrière "
    "(directive 2018/851)",
    "valorisation_energetique": "bois, plastiques et déchets en mélange brûlés avec récupération",
    "elimination": "stockage (amiante, déchets dangereux, refus)",
}
#: Destinations of :func:`qsp_lib.materials.model.legal_flows`: the planned routes, the kinds
#: of needs and the on-site surplus.
DESTINATION_LABELS_FR = {
    **ROUTE_LABELS_FR,
    "berm_fill": "Remblai de la butte (sur site)",
    "road_sub_base": "Couche de forme des voies (sur site)",
    "aggregates": "Chemins et granulats (sur site)",
    "other": "Autre usage sur site",
    "surplus": "Excédent du site vers la plateforme de recyclage",
}
#: Components of :func:`qsp_lib.materials.model.route_emissions`.
EMISSION_COMPONENTS_FR = {
    "crushing": "Concassage des matériaux minéraux",
    "transport": "Transport vers les filières",
    "energy_recovery": "CO2 fossile de la valorisation énergétique",
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
