"""Declaration of the ``pv_yield`` analysis (see :mod:`qsp_lib.core.analysis`)."""

from qsp_lib.core.analysis import Analysis, KeyFigure, Scrap

#: What the simulated year rests on: the arrays, the weather, the place and the model chain.
_YIELD = (
    "arrays",
    "weather",
    "site",
    "site.berm",
    "altitude_m",
    "system_losses_percent",
    "inverter_efficiency",
    "gamma_pdc_percent_per_c",
    "dc_ac_ratio",
    "albedo",
)

ANALYSIS = Analysis(
    notebook="pv_yield",
    package="pv",
    title="Productible photovoltaïque",
    subtitle="Énergie, coût, carbone et incertitude d'une centrale solaire",
    theme="Énergie",
    method=(
        "Production horaire d'une année type (pvlib : transposition de Perez 1990, "
        "température de cellule, pertes système, chaîne type PVGIS) ; P90 à partir des "
        "incertitudes de ressource et de modèle combinées ; coût actualisé de l'énergie (LCOE)."
    ),
    schema="qsp_lib.pv.schema:PvYieldParameters",
    order=10,
    scraps=(
        Scrap("pv_peak_power_kwp", "Puissance crête", "kWc", compared=True),
        Scrap(
            "pv_annual_energy_kwh",
            "Production annuelle",
            "kWh",
            display_unit="MWh/an",
            scale=1e-3,
            compared=True,
        ),
        Scrap("pv_specific_yield_kwh_per_kwp", "Productible", "kWh/kWc", compared=True),
        Scrap(
            "pv_performance_ratio",
            "Indice de performance",
            "fraction",
            display_unit="%",
            scale=100,
            decimals=1,
        ),
        Scrap("pv_ghi_annual_kwh_m2", "Irradiation horizontale annuelle", "kWh/m²"),
        Scrap("pv_poa_annual_kwh_m2", "Irradiation annuelle dans le plan des modules", "kWh/m²"),
        Scrap(
            "pv_p90_annual_energy_kwh",
            "Production P90",
            "kWh",
            display_unit="MWh/an",
            scale=1e-3,
            compared=True,
        ),
        Scrap("pv_lcoe_eur_per_mwh", "Coût actualisé", "€/MWh", compared=True),
        Scrap(
            "pv_avoided_t_co2e_per_year",
            "Émissions évitées",
            "tCO2e/an",
            decimals=1,
            compared=True,
        ),
        Scrap("pv_lifetime_years", "Durée de vie de la centrale", "an", decimals=0),
        Scrap("pv_monthly", "Production et irradiation mensuelles", "kWh", kind="table"),
        Scrap("pv_revenue_year1_eur", "Recette de la première année", "€"),
        Scrap(
            "pv_self_consumption_share",
            "Part autoconsommée",
            "fraction",
            display_unit="%",
            scale=100,
            decimals=1,
        ),
    ),
    key_figures=(
        KeyFigure(
            "peak_power", "Puissance crête", "kWc", 0, ("arrays", "site.berm"), "pv_peak_power_kwp"
        ),
        KeyFigure(
            "annual_energy",
            "Production annuelle",
            "MWh/an",
            0,
            _YIELD,
            "pv_annual_energy_kwh",
        ),
        KeyFigure(
            "specific_yield",
            "Productible",
            "kWh/kWc",
            0,
            _YIELD,
            "pv_specific_yield_kwh_per_kwp",
        ),
        KeyFigure(
            "lcoe",
            "Coût actualisé",
            "€/MWh",
            0,
            (
                *_YIELD,
                "capex_eur_per_kwp",
                "opex_eur_per_kwp_year",
                "discount_rate",
                "lifetime_years",
                "degradation_percent_per_year",
            ),
            "pv_lcoe_eur_per_mwh",
        ),
        KeyFigure(
            "avoided",
            "Émissions évitées",
            "tCO2e/an",
            1,
            (
                *_YIELD,
                "grid_kg_co2e_per_kwh",
                "pv_lifecycle_kg_co2e_per_kwp",
                "lifetime_years",
                "degradation_percent_per_year",
            ),
            "pv_avoided_t_co2e_per_year",
        ),
    ),
)
