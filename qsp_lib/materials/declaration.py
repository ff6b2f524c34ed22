"""Declaration of the ``circular_materials`` analysis (see :mod:`qsp_lib.core.analysis`)."""

from qsp_lib.core.analysis import Analysis, KeyFigure, Scrap

#: Parameters the key figures rest on: the inventory (file, and the site model's demolished
#: buildings estimated by typology), its routes, the needs of the works they serve (matched
#: with the fill density and pile height of ``factors``; the berm's fill volume and the
#: demolition years are the site model's).
_INVENTORY = ("inventory_csv", "site.buildings", "estimate_bound")
_ROUTES = (*_INVENTORY, "routes")
_WORKS = (*_ROUTES, "needs", "factors")

ANALYSIS = Analysis(
    notebook="circular_materials",
    package="materials",
    title="Économie circulaire des matériaux de démolition",
    subtitle="Inventaire PEMD, catégories légales, options, carbone net et coûts",
    theme="Matériaux",
    method=(
        "Inventaire PEMD (ou estimation par typologie), catégories légales selon la destination "
        "(réemploi, recyclage, remblayage, valorisation énergétique, élimination), taux de "
        "valorisation au sens de la directive-cadre déchets 2008/98/CE (hors terres 17 05 04 "
        "et déchets dangereux), émissions évitées nettes des émissions des filières, pour "
        "chaque option."
    ),
    schema="qsp_lib.materials.schema:CircularMaterialsParameters",
    order=30,
    scraps=(
        Scrap("materials_total_t", "Matériaux de démolition", "t", compared=True),
        Scrap("materials_by_route_t", "Tonnages par catégorie légale", "t", kind="mapping"),
        Scrap(
            "materials_recovery_rate",
            "Taux de valorisation",
            "fraction",
            display_unit="%",
            scale=100,
            decimals=1,
            compared=True,
        ),
        Scrap(
            "materials_reuse_rate",
            "Taux de réemploi (produits)",
            "fraction",
            display_unit="%",
            scale=100,
            decimals=1,
            compared=True,
        ),
        Scrap("materials_landfill_t", "Mis en décharge", "t", compared=True),
        Scrap("materials_reuse_t", "Réemploi de produits", "t", compared=True),
        Scrap("materials_recycling_t", "Recyclage", "t", compared=True),
        Scrap("materials_backfilling_t", "Remblayage", "t", compared=True),
        Scrap("materials_energy_recovery_t", "Valorisation énergétique", "t", compared=True),
        Scrap("materials_disposal_t", "Élimination", "t", compared=True),
        Scrap("materials_avoided_t_co2e", "Émissions évitées brutes", "tCO2e", compared=True),
        Scrap(
            "materials_avoided_net_t_co2e",
            "Émissions évitées nettes des filières",
            "tCO2e",
            compared=True,
        ),
        Scrap(
            "materials_berm_fill_coverage",
            "Remblai de la butte couvert",
            "fraction",
            display_unit="%",
            scale=100,
            compared=True,
        ),
        Scrap("materials_balance", "Bilan par matériau et catégorie légale", "t", kind="table"),
        Scrap(
            "materials_fill_balance",
            "Remblai de la butte par option (site, import, transport)",
            "t",
            kind="table",
        ),
        Scrap(
            "materials_by_option",
            "Matériaux par option (tonnage, valorisation, remblai importé, évité net, filières)",
            "t",
            kind="table",
        ),
    ),
    key_figures=(
        KeyFigure(
            "total", "Matériaux issus des démolitions", "t", 0, _INVENTORY, "materials_total_t"
        ),
        # rates are shown as text with their "%" ("96,0 %"), hence no unit of their own
        KeyFigure("recovery_rate", "Taux de valorisation matière", "", 1, _ROUTES),
        KeyFigure("reuse", "Réemploi de produits", "t", 0, _ROUTES, "materials_reuse_t"),
        KeyFigure(
            "avoided",
            "Émissions évitées nettes",
            "tCO2e",
            0,
            (*_WORKS, "distances_km", "quarry_km"),
            "materials_avoided_net_t_co2e",
        ),
        KeyFigure("saving", "Économie", "k€", 0, (*_WORKS, "distances_km", "quarry_km", "costs")),
        KeyFigure(
            "landfill", "Mis en stockage (élimination)", "t", 0, _ROUTES, "materials_landfill_t"
        ),
        KeyFigure(
            "berm_coverage",
            "Remblai de la butte couvert par le site",
            "",
            0,
            (*_WORKS, "site.berm"),
        ),
    ),
)
