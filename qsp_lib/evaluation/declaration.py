"""Declaration of the ``evaluation_indicators`` analysis (see :mod:`qsp_lib.core.analysis`)."""

from qsp_lib.core.analysis import Analysis, KeyFigure, Scrap

#: Before/after scraps (``{"before": x, "after": y}``).
_BEFORE_AFTER = "mapping"

#: What the noise of each zone before and after rests on: the exposure file (levels), the
#: site model's zones (residents, distance, height) and berm (geometry) with the acoustic
#: assumptions of the berm, the sources it does not screen, the façade correction, and the
#: reference receiver standing in for a zone without distance.
_NOISE = (
    "exposure_csv",
    "site.population",
    "site.berm",
    "berm_acoustics",
    "other_sources_lden_db",
    "other_sources_lnight_db",
    "facade_correction_db",
    "reference_receiver_distance_m",
    "reference_receiver_height_m",
)
#: The dose-response settings of the health burden.
_BURDEN = (
    "baseline_mortality_per_100k",
    "adult_30plus_share",
    "pm25_rr_per_10",
    "no2_rr_per_10",
    "pm25_counterfactual_ug_m3",
    "no2_counterfactual_ug_m3",
    "ihd_incidence_per_100k",
    "disability_weights",
)

#: The subtitle's words about the berm, for a site that has one (``{berm}``).
SUBTITLE_BERM = ", effet de la butte"


def subtitle_fields(has_berm: bool) -> dict[str, str]:
    """The fields of the subtitle: the berm's words only where the site has one."""
    return {"berm": SUBTITLE_BERM if has_berm else ""}


ANALYSIS = Analysis(
    notebook="evaluation_indicators",
    package="evaluation",
    title="Santé, bruit, air et indicateurs d'évaluation",
    # {berm}: ", effet de la butte" where the site has one (SUBTITLE_BERM), else ""
    subtitle="Exposition des habitants{berm}, charge sanitaire évitée, suivi",
    theme="Santé et évaluation",
    method=(
        "Fonctions exposition-risque de l'OMS 2018 (directive 2020/367) pour le bruit, "
        "méthode AirQ+ pour les particules et le NO2, atténuation de la butte selon "
        "l'ISO 9613-2 ; statut des indicateurs contre une trajectoire linéaire."
    ),
    schema="qsp_lib.evaluation.schema:EvaluationIndicatorsParameters",
    order=40,
    scraps=(
        Scrap(
            "health_pop_above_lden53",
            "Habitants au-delà de la valeur guide OMS (Lden)",
            "habitants",
            kind=_BEFORE_AFTER,
            compared=True,
        ),
        Scrap(
            "health_pop_lden65",
            "Habitants à 65 dB Lden ou plus",
            "habitants",
            kind=_BEFORE_AFTER,
            compared=True,
        ),
        Scrap(
            "noise_residents_by_band",
            "Habitants par classe de Lden, avant et après",
            "habitants",
            kind="table",
        ),
        Scrap(
            "health_highly_annoyed",
            "Personnes fortement gênées par le bruit",
            "personnes",
            kind=_BEFORE_AFTER,
            compared=True,
        ),
        Scrap(
            "health_highly_sleep_disturbed",
            "Personnes au sommeil fortement perturbé",
            "personnes",
            kind=_BEFORE_AFTER,
            compared=True,
        ),
        Scrap(
            "health_ihd_cases_per_year",
            "Cardiopathies ischémiques attribuables au bruit",
            "cas/an",
            kind=_BEFORE_AFTER,
            decimals=2,
            compared=True,
        ),
        Scrap(
            "health_pm25_deaths_per_year",
            "Décès attribuables aux PM2,5",
            "décès/an",
            kind=_BEFORE_AFTER,
            decimals=2,
            compared=True,
        ),
        Scrap(
            "health_no2_deaths_per_year",
            "Décès attribuables au NO2",
            "décès/an",
            kind=_BEFORE_AFTER,
            decimals=2,
            compared=True,
        ),
        Scrap(
            "noise_berm_insertion_loss_dba",
            "Atténuation de la butte sur l'A25 qu'elle masque (route en tronçons)",
            "dB(A)",
            decimals=1,
            compared=True,
        ),
        Scrap(
            "noise_berm_total_change_db",
            "Baisse du bruit total au récepteur de référence",
            "dB",
            decimals=1,
        ),
        Scrap("indicators_status", "Indicateurs d'évaluation", "", kind="table"),
        Scrap("pilots_status", "Objectifs des opérations pilotes", "", kind="table"),
        Scrap(
            "evaluation_measurements",
            "Valeurs mesurées (campagnes) et déclarées",
            "",
            kind="table",
        ),
    ),
    key_figures=(
        KeyFigure(
            "pop_lden65",
            "Habitants à 65 dB Lden ou plus",
            "habitants",
            inputs=_NOISE,
            scrap="health_pop_lden65",
        ),
        KeyFigure(
            "pop_above_lden",
            "Habitants au-delà de la valeur guide OMS (Lden)",
            "habitants",
            inputs=_NOISE,
            scrap="health_pop_above_lden53",
        ),
        KeyFigure(
            "berm_total_change",
            "Baisse du bruit total au récepteur de référence",
            "dB(A)",
            decimals=1,
            inputs=(*_NOISE, "reference_receiver_offset_m", "reference_receiver_lden_db"),
            scrap="noise_berm_total_change_db",
        ),
        KeyFigure(
            "berm_insertion_loss",
            "Gain de la butte au récepteur de référence",
            "dB(A)",
            decimals=1,
            inputs=(
                "site.berm",
                "berm_acoustics",
                "reference_receiver_distance_m",
                "reference_receiver_height_m",
            ),
            scrap="noise_berm_insertion_loss_dba",
        ),
        KeyFigure(
            "highly_annoyed_avoided",
            "Personnes fortement gênées évitées",
            "personnes",
            inputs=_NOISE,
        ),
        KeyFigure(
            "pm25_deaths_after",
            "Décès attribuables aux PM2,5 (après projet)",
            "décès/an",
            decimals=1,
            inputs=(
                "exposure_csv",
                "site.population",
                "pm25_rr_per_10",
                "pm25_counterfactual_ug_m3",
                "baseline_mortality_per_100k",
                "adult_30plus_share",
            ),
        ),
        KeyFigure(
            "pilots_met",
            "Objectifs des opérations pilotes atteints",
            "objectifs",
            inputs=("pilots_csv", "measurements"),
            scrap="pilots_status",
        ),
        KeyFigure(
            "indicators_on_track",
            "Indicateurs atteints ou en bonne voie",
            "indicateurs",
            # the site's indicators, followed by this note's health figures
            inputs=(
                "indicators_csv",
                "measurements",
                *_NOISE,
                *_BURDEN,
                "exposure_year",
                "after_year",
            ),
            scrap="indicators_status",
        ),
    ),
)
