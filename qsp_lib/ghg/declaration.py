"""Declaration of the ``ghg_planning_options`` analysis (see :mod:`qsp_lib.core.analysis`)."""

from qsp_lib.core.analysis import Analysis, KeyFigure, Scrap

_BY_OPTION = "mapping"
#: What every total rests on (top-level parameters of the schema).
_TOTALS = (
    "options",
    "factors",
    "trajectories",
    "weighting",
    "study_period_years",
    "start_year",
    "permit_lead_years",
)
_DRAWS = ("monte_carlo_draws", "seed", "distribution")
#: The structural scenarios and their choices.
_SCENARIOS = ("scenarios", "scenario_draws", "heating", "new_build_phasing", "equal_service")

ANALYSIS = Analysis(
    notebook="ghg_planning_options",
    package="ghg",
    title="Émissions de gaz à effet de serre des options d'aménagement",
    subtitle="Analyse de cycle de vie sur {years} ans : ce qui distingue les options",
    theme="Carbone",
    method=(
        "Analyse de cycle de vie des options (travaux, énergie, mobilité, végétation), en "
        "statique et en dynamique (pondération RE2020) ; fourchettes P5-P95 par tirages "
        "des facteurs d'émission dans leurs plages (enveloppe de sensibilité, à "
        "nombres aléatoires communs) ; scénarios structurels (énergie de chauffage, phasage "
        "du neuf, service égal)."
    ),
    schema="qsp_lib.ghg.schema:GhgPlanningOptionsParameters",
    order=20,
    # the berm fill of each option, balanced once by the materials analysis
    depends_on=("circular_materials",),
    scraps=(
        Scrap("ghg_totals", "Émissions par option et par étape", "tCO2e", kind="table"),
        Scrap(
            "ghg_total_static_t_co2e",
            "Émissions totales",
            "tCO2e",
            kind=_BY_OPTION,
            compared=True,
        ),
        Scrap(
            "ghg_total_dynamic_t_co2e",
            "Émissions totales, pondération dynamique",
            "tCO2e",
            kind=_BY_OPTION,
        ),
        Scrap(
            "ghg_buildings_static_t_co2e",
            "Émissions bâtiments et travaux",
            "tCO2e",
            kind=_BY_OPTION,
            compared=True,
        ),
        Scrap("ghg_p05_t_co2e", "Émissions totales, P5", "tCO2e", kind=_BY_OPTION),
        Scrap("ghg_p50_t_co2e", "Émissions totales, P50", "tCO2e", kind=_BY_OPTION),
        Scrap("ghg_p95_t_co2e", "Émissions totales, P95", "tCO2e", kind=_BY_OPTION),
        Scrap(
            "ghg_difference_p05_p50_p95",
            "Écart à l'option de référence, P5, P50, P95",
            "tCO2e",
            kind=_BY_OPTION,
        ),
        Scrap("ghg_best_option", "Option la plus sobre (valeurs centrales)", "", kind="text"),
        Scrap(
            "ghg_scenarios",
            "Écart à l'option de référence par scénario structurel, P5, P50, P95",
            "tCO2e",
            kind="table",
        ),
        Scrap(
            "ghg_robust_conclusion",
            "Conclusion face à l'option de référence selon les scénarios",
            "",
            kind="text",
        ),
        Scrap("ghg_payback_years", "Temps de retour carbone", "ans", kind=_BY_OPTION),
        Scrap(
            "ghg_residents_by_option",
            "Habitants futurs comptés par la mobilité",
            "",
            kind=_BY_OPTION,
        ),
        Scrap(
            "ghg_fill_transport_t_co2e",
            "Transport du remblai importé de la butte, compté (bilan de la note matériaux)",
            "tCO2e",
            kind=_BY_OPTION,
        ),
        Scrap(
            "ghg_demolition_routes_t_co2e",
            "Transport et traitement des matériaux démolis, comptés en démolition (flux de la "
            "note matériaux)",
            "tCO2e",
            kind=_BY_OPTION,
        ),
    ),
    key_figures=(
        # the notebook names the option in the label: "Bâtiments et travaux : <option>"
        KeyFigure("buildings_best", "Bâtiments et travaux", "tCO2e", 0, _TOTALS),
        # "Écart <option> − <reference option>"
        KeyFigure(
            "difference",
            "Écart à l'option de référence",
            "tCO2e",
            0,
            (*_TOTALS, *_DRAWS, "reference_option", "payback_reference"),
        ),
        # "<k> sur <m>": options whose gap to the reference keeps its sign in every scenario
        KeyFigure(
            "robust",
            "Écarts qui tiennent dans tous les scénarios",
            "",
            0,
            (*_TOTALS, *_DRAWS, *_SCENARIOS, "reference_option"),
            scrap="ghg_robust_conclusion",
        ),
        KeyFigure(
            "mobility",
            "Mobilité des habitants",
            "tCO2e",
            0,
            (
                "options",
                "factors",
                "weighting",
                "study_period_years",
                "start_year",
                "reference_option",
            ),
        ),
    ),
)
