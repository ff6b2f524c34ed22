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
    subtitle="Inventaire PEMD, filières, réemploi sur site, carbone et coûts",
    theme="Matériaux",
    method=(
        "Inventaire PEMD (ou estimation par typologie), filières de destination, taux de "
        "valorisation au sens de la directive-cadre déchets 2008/98/CE (hors terres 17 05 04 "
        "et déchets dangereux), émissions évitées par substitution."
    ),
    schema="qsp_lib.materials.schema:CircularMaterialsParameters",
    order=30,
    scraps=(
        Scrap("materials_total_t", "Matériaux de démolition", "t", compared=True),
        Scrap("materials_by_route_t", "Tonnages par filière", "t", kind="mapping"),
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
            "Taux de réemploi",
            "fraction",
            display_unit="%",
            scale=100,
            decimals=1,
            compared=True,
        ),
        Scrap("materials_landfill_t", "Mis en décharge", "t", compared=True),
        Scrap("materials_avoided_t_co2e", "Émissions évitées", "tCO2e", compared=True),
        Scrap(
            "materials_berm_fill_coverage",
            "Remblai de la butte couvert",
            "fraction",
            display_unit="%",
            scale=100,
            compared=True,
        ),
        Scrap("materials_balance", "Bilan par matériau et filière", "t", kind="table"),
        Scrap(
            "materials_fill_balance",
            "Remblai de la butte par option (site, import, transport)",
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
        KeyFigure("reuse_on_site", "Réemploi sur le site", "t", 0, _ROUTES),
        KeyFigure(
            "avoided",
            "Émissions évitées",
            "tCO2e",
            0,
            (*_WORKS, "distances_km", "quarry_km"),
            "materials_avoided_t_co2e",
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
