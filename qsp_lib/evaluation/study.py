"""The decisions of the ``evaluation_indicators`` study, taken from its validated parameters.

``notebooks/evaluation_indicators.ipynb`` calls these functions and keeps only figures and
narrative: the effect of the acoustic berm on each zone and at the reference receiver, the
"after" noise levels, the health burden of both situations, the status of the evaluation
indicators and of the pilot operations' objectives, and the tables of the brief. Each function
takes the validated parameters ``P``
(:class:`.schema.EvaluationIndicatorsParameters`) and tables:
the exposure, indicators and pilots files are read by :mod:`.io` in the
notebook, the reference tables come from :mod:`.reference`. The computations are those
of :mod:`.acoustics`, :mod:`.health` and :mod:`.indicators`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from qsp_lib.evaluation.model import acoustics, health, indicators

#: Lowest band edge [dB] of the people-per-band charts: the Directive 2002/49/EC annex VI
#: bands start at 55 dB Lden and 50 dB Lnight; they are extended down to the WHO (2018)
#: guideline values (53 dB Lden, 45 dB Lnight) with a 5 dB grid starting at 45 and 40 dB.
BAND_START_DB = {"lden": 45.0, "lnight": 40.0}
#: Receiver heights [m] of the "gain against distance" curves: ground-floor to top floors of
#: the blocks of the quarter (1.5 m and 4 m are the ISO 1996-2 / Directive 2002/49/EC heights).
GRID_HEIGHTS_M = (1.5, 4.0, 10.0, 16.0, 25.0)
#: Distances [m] beyond the berm's far foot of the "gain against height" curves.
GRID_SAMPLE_OFFSETS_M = (20.0, 60.0, 150.0, 300.0)
#: Extent [m] beyond the berm's far foot of the "gain against distance" curves.
GRID_FIRST_M, GRID_LAST_M, GRID_POINTS = 5.0, 320.0, 40
#: Receiver heights [m] of the "gain against height" curves.
GRID_HEIGHT_RANGE_M, GRID_HEIGHT_POINTS = (1.5, 30.0), 40
#: Statuses of an indicator counted as "atteint ou en bonne voie", and as observed.
ON_TRACK = ("atteint", "en bonne voie")
MEASURED = ("atteint", "en bonne voie", "en retard")


@dataclass(frozen=True)
class HealthStudy:
    """Noise after the project and health burden of both situations.

    Attributes
    ----------
    exposure : DataFrame
        The exposure table, with the "after" noise columns derived from the berm (when there
        is one) as :func:`.health.derive_after_noise` gives them.
    geometry : BermGeometry or None
        Cross-section of the berm (None: no berm on this site).
    berm_length : float or None
        Length of the berm along the road [m] (``inf`` when not given; None without berm).
    zone_il : ndarray or None
        Insertion loss of the berm on the screened road at each zone [dB(A)].
    zone_share : ndarray or None
        Share of the road's energy seen under the berm's angle at each zone [-].
    ref_il : dict or None
        :func:`.acoustics.berm_insertion_loss` at the reference receiver.
    ref_total : dict or None
        :func:`.health.reference_berm_effect` at the reference receiver.
    levels : dict
        Situation -> levels DataFrame (:func:`.health.situation_levels`).
    burdens : dict
        Situation -> burden (:func:`.health.burden`).
    comparison : DataFrame
        :func:`.health.compare` of the two burdens.
    """

    exposure: pd.DataFrame
    geometry: Any
    berm_length: float | None
    zone_il: np.ndarray | None
    zone_share: np.ndarray | None
    ref_il: dict | None
    ref_total: dict | None
    levels: dict
    burdens: dict
    comparison: pd.DataFrame

    @property
    def before(self) -> dict:
        return self.burdens["before"]

    @property
    def after(self) -> dict:
        return self.burdens["after"]

    @property
    def population(self) -> float:
        """Inhabitants of the exposure table."""
        return self.burdens["before"]["population"]


@dataclass(frozen=True)
class Evaluation:
    """Status of the evaluation indicators and of the pilot operations' objectives.

    Attributes
    ----------
    framework : DataFrame
        Indicators of the site file followed by the health indicators of this study.
    status : DataFrame
        :func:`.indicators.evaluate_indicators` of the framework.
    pilots : DataFrame
        :func:`.indicators.pilot_status` of the pilot objectives.
    """

    framework: pd.DataFrame
    status: pd.DataFrame
    pilots: pd.DataFrame

    def count(self, *statuses: str) -> int:
        """Indicators whose status is one of ``statuses``."""
        return indicators.count_status(self.status["status"], statuses)

    def count_pilots(self, *statuses: str) -> int:
        """Pilot objectives whose status is one of ``statuses``."""
        return indicators.count_status(self.pilots["status"], statuses)

    @property
    def n_on_track(self) -> int:
        return self.count(*ON_TRACK)

    @property
    def n_measured(self) -> int:
        return self.count(*MEASURED)

    @property
    def n_met(self) -> int:
        return self.count_pilots("atteint")

    @property
    def n_not_met(self) -> int:
        return self.count_pilots("non atteint")

    @property
    def n_unmeasured(self) -> int:
        return self.count_pilots("non mesuré")


def burden_settings(P: Any) -> dict:
    """Keyword arguments of :func:`.health.burden` from the parameters.

    Parameters
    ----------
    P : EvaluationIndicatorsParameters
        Validated parameters.

    Returns
    -------
    dict
        Relative risks per 10 µg/m³ (central, low, high), counterfactual concentrations
        [µg/m³], baseline mortality and IHD incidence [per 100 000 per year], share of adults
        aged 30 and over [-] and disability weights [-].

    References
    ----------
    WHO (2016), AirQ+ methods; WHO (2018), Environmental Noise Guidelines for the European
    Region (see :func:`.health.burden`).
    """
    return dict(
        pm25_rr_per_10=P.pm25_rr_per_10.model_dump(),
        no2_rr_per_10=P.no2_rr_per_10.model_dump(),
        pm25_counterfactual_ug_m3=P.pm25_counterfactual_ug_m3,
        no2_counterfactual_ug_m3=P.no2_counterfactual_ug_m3,
        baseline_mortality_per_100k=P.baseline_mortality_per_100k,
        adult_30plus_share=P.adult_30plus_share,
        ihd_incidence_per_100k=P.ihd_incidence_per_100k,
        disability_weights=P.disability_weights.model_dump(),
    )


def health_study(
    P: Any,
    exposure: pd.DataFrame,
    erf: pd.DataFrame,
    air: pd.DataFrame,
    dw: pd.DataFrame,
    spectrum: pd.DataFrame,
) -> HealthStudy:
    """The berm's effect on each zone, the "after" levels and the burden of both situations.

    With a berm, its insertion loss (ISO 9613-2) applies at each zone to the share of the road
    seen under the berm's angle; the sources it does not screen (site parameters or the
    exposure's ``*_other_db`` columns) are added back in energy. Without a berm, the "after"
    levels are those of the exposure file (or those of before).

    Parameters
    ----------
    P : EvaluationIndicatorsParameters
        Validated parameters (``berm``, reference receiver, other sources, façade correction,
        dose-response settings).
    exposure : DataFrame
        Exposure per zone (:func:`.io.read_exposure`): population, Lden,
        Lnight [dB], NO2, PM2.5 [µg/m³], and optionally distance to the road, receiver height,
        offset along the berm [m] and "after" values.
    erf, air, dw, spectrum : DataFrame
        Reference tables (:mod:`.reference`): noise exposure-response functions, air
        relative risks and WHO values, disability weights, EN 1793-3 traffic spectrum.

    Returns
    -------
    HealthStudy

    References
    ----------
    ISO 9613-2:1996 (barrier attenuation); CRTN (1988), chart 10 (angle of view); WHO (2018)
    Environmental Noise Guidelines; WHO (2016) AirQ+ (see :mod:`.acoustics` and
    :mod:`.health`).
    """
    geometry = P.berm.geometry() if P.berm is not None else None
    zone_il = zone_share = ref_il = ref_total = berm_length = None
    if geometry is not None:
        distance = exposure["distance_to_road_m"].fillna(P.reference_receiver_distance_m)
        zone_il = acoustics.insertion_loss_at(
            geometry,
            distance,
            exposure["receiver_height_m"].fillna(P.reference_receiver_height_m),
            spectrum,
            P.berm.source_height_m,
            0.0,
            P.berm.ground_factor,
        )
        berm_length = np.inf if P.berm.length_m is None else P.berm.length_m
        zone_share = acoustics.angle_of_view_share(
            distance, berm_length, exposure["offset_along_berm_m"].fillna(0.0)
        )
        other_lden, other_lnight = health.other_source_levels(
            exposure, P.other_sources_lden_db, P.other_sources_lnight_db
        )
        exposure = health.derive_after_noise(
            exposure, zone_il, zone_share, other_lden, other_lnight
        )
        ref_il = acoustics.berm_insertion_loss(
            geometry,
            P.reference_receiver_distance_m,
            P.reference_receiver_height_m,
            spectrum,
            P.berm.source_height_m,
            0.0,
            P.berm.ground_factor,
        )
        ref_total = health.reference_berm_effect(
            exposure,
            ref_il["insertion_loss_dba"],
            acoustics.angle_of_view_share(
                P.reference_receiver_distance_m, berm_length, P.reference_receiver_offset_m
            ),
            P.reference_receiver_distance_m,
            P.reference_receiver_height_m,
            P.reference_receiver_lden_db,
            P.other_sources_lden_db,
        )
    levels = {
        s: health.situation_levels(exposure, s, P.facade_correction_db) for s in health.SITUATIONS
    }
    settings = burden_settings(P)
    burdens = {s: health.burden(levels[s], erf, air, dw, **settings) for s in health.SITUATIONS}
    return HealthStudy(
        exposure=exposure,
        geometry=geometry,
        berm_length=berm_length,
        zone_il=zone_il,
        zone_share=zone_share,
        ref_il=ref_il,
        ref_total=ref_total,
        levels=levels,
        burdens=burdens,
        comparison=health.compare(burdens["before"], burdens["after"]),
    )


def evaluation(
    P: Any, study: HealthStudy, indicators_table: pd.DataFrame, pilots_table: pd.DataFrame
) -> Evaluation:
    """Status of the site's indicators (with this study's health indicators) and pilots.

    Parameters
    ----------
    P : EvaluationIndicatorsParameters
        Validated parameters (``exposure_year`` and ``after_year`` date the health
        indicators' baseline and target).
    study : HealthStudy
        Result of :func:`health_study`.
    indicators_table, pilots_table : DataFrame
        :func:`.io.read_indicators` and ``read_pilots``.

    Returns
    -------
    Evaluation

    References
    ----------
    Linear trajectory from baseline to target (see :func:`.indicators.indicator_status`);
    health determinants of the ISadOrA approach (EHESP, 2019).
    """
    framework = indicators.framework_with_health(
        indicators_table,
        indicators.health_indicators(study.before, study.after, P.exposure_year, P.after_year),
    )
    return Evaluation(
        framework=framework,
        status=indicators.evaluate_indicators(framework),
        pilots=indicators.pilot_status(pilots_table),
    )


def noise_bands(levels: dict, metric: str) -> pd.DataFrame:
    """People per 5 dB band of ``metric`` ("lden" or "lnight"), one column per situation.

    Parameters
    ----------
    levels : dict
        :attr:`HealthStudy.levels`.
    metric : str
        "lden" or "lnight" [dB].

    Returns
    -------
    DataFrame
        Index: band labels; columns ``before``, ``after`` [inhabitants].

    References
    ----------
    Directive 2002/49/EC, annex VI (5 dB bands); WHO (2018) guideline values.
    """
    return pd.DataFrame(
        {
            s: health.population_by_noise_band(
                levels[s]["population"], levels[s][metric], BAND_START_DB[metric]
            )
            for s in health.SITUATIONS
        }
    )


def air_classes(levels: dict, air: pd.DataFrame) -> pd.DataFrame:
    """Inhabitants per class of annual concentration (WHO 2021 guideline and interim targets).

    Parameters
    ----------
    levels : dict
        :attr:`HealthStudy.levels`.
    air : DataFrame
        :func:`.reference.air_health`.

    Returns
    -------
    DataFrame
        Columns "Polluant", "Classe de concentration annuelle", "Habitants avant",
        "Habitants après".

    References
    ----------
    WHO (2021), Global air quality guidelines, table 0.1.
    """
    frames = []
    for name, col in (("PM2.5", "pm25"), ("NO2", "no2")):
        targets = health.air_quality_thresholds(air, col)
        by = {
            s: health.population_by_air_threshold(levels[s]["population"], levels[s][col], targets)
            for s in health.SITUATIONS
        }
        frames.append(
            pd.DataFrame(
                {
                    "Polluant": name,
                    "Classe de concentration annuelle": by["before"].index,
                    "Habitants avant": by["before"].to_numpy(),
                    "Habitants après": by["after"].to_numpy(),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def air_guidelines(air: pd.DataFrame) -> dict[str, float]:
    """WHO (2021) annual guideline value [µg/m³] of each pollutant ("pm25", "no2")."""
    return {p: health.air_quality_thresholds(air, p)[0][1] for p in ("pm25", "no2")}


@dataclass(frozen=True)
class BermCurves:
    """Insertion loss of the berm against receiver distance and height (figure data).

    Attributes
    ----------
    distances : ndarray
        Receiver distances to the road axis [m].
    heights : ndarray
        Receiver heights of the distance curves [m].
    grid : DataFrame
        :func:`.acoustics.insertion_loss_grid` over ``distances`` × ``heights``.
    sample_distances : ndarray
        Receiver distances of the height curves [m].
    grid_h : DataFrame
        Insertion loss grid over ``sample_distances`` × a fine range of heights.
    finite_change : ndarray
        Change of the whole road's level [dB(A)] at the reference receiver height, for a berm
        of the site's length (angle of view).
    """

    distances: np.ndarray
    heights: np.ndarray
    grid: pd.DataFrame
    sample_distances: np.ndarray
    grid_h: pd.DataFrame
    finite_change: np.ndarray


def berm_curves(P: Any, study: HealthStudy, spectrum: pd.DataFrame) -> BermCurves:
    """Insertion loss of the site's berm against distance and height, for the figures.

    Parameters
    ----------
    P : EvaluationIndicatorsParameters
        Validated parameters with a ``berm``.
    study : HealthStudy
        Result of :func:`health_study` (its geometry and berm length).
    spectrum : DataFrame
        :func:`.reference.traffic_noise_spectrum`.

    Returns
    -------
    BermCurves

    References
    ----------
    ISO 9613-2:1996, §7.4; EN 1793-3:1997 traffic spectrum; CRTN (1988), chart 10.
    """
    geometry = study.geometry
    far = geometry.far_foot_m
    distances = np.linspace(far + GRID_FIRST_M, far + GRID_LAST_M, GRID_POINTS)
    heights = np.array(GRID_HEIGHTS_M)
    args = (spectrum, P.berm.source_height_m, 0.0, P.berm.ground_factor)
    sample_distances = far + np.array(GRID_SAMPLE_OFFSETS_M)
    return BermCurves(
        distances=distances,
        heights=heights,
        grid=acoustics.insertion_loss_grid(geometry, distances, heights, *args),
        sample_distances=sample_distances,
        grid_h=acoustics.insertion_loss_grid(
            geometry,
            sample_distances,
            np.linspace(*GRID_HEIGHT_RANGE_M, GRID_HEIGHT_POINTS),
            *args,
        ),
        finite_change=acoustics.finite_berm_road_change(
            acoustics.insertion_loss_at(
                geometry,
                distances,
                np.full(len(distances), P.reference_receiver_height_m),
                *args,
            ),
            acoustics.angle_of_view_share(distances, study.berm_length),
        ),
    )


def _renamed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    return frame[list(columns)].rename(columns=columns)


def zone_acoustics_table(exposure: pd.DataFrame) -> pd.DataFrame:
    """Per zone: distance, height, screened share, berm gain and change of the whole road."""
    return _renamed(
        exposure,
        {
            "zone": "Zone",
            "distance_to_road_m": "Distance (m)",
            "receiver_height_m": "Hauteur (m)",
            "berm_screened_share": "Part masquée",
            "berm_insertion_loss_dba": "Gain butte (dB(A))",
            "berm_road_change_db": "Baisse A25 (dB(A))",
        },
    )


def zone_levels_table(exposure: pd.DataFrame) -> pd.DataFrame:
    """Per zone: total Lden before (road and other sources), after, and its change [dB]."""
    return _renamed(
        exposure,
        {
            "zone": "Zone",
            "lden_db": "Lden avant (dB)",
            "lden_road_db": "dont A25 (dB)",
            "lden_other_db": "dont autres (dB)",
            "lden_after_db": "Lden après (dB)",
            "lden_change_db": "Baisse du total (dB)",
        },
    )


def band_table(ref_il: dict) -> pd.DataFrame:
    """Octave-band terms of the berm's insertion loss at the reference receiver."""
    return ref_il["bands"].rename(
        columns={
            "frequency_hz": "Bande (Hz)",
            "dz_db": "Diffraction Dz (dB)",
            "agr_db": "Sol remplacé Agr (dB)",
            "abar_db": "Gain Abar (dB)",
            "spectrum_dba": "Spectre (dB(A))",
        }
    )


def comparison_tables(comparison: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The burden comparison split into people (whole numbers) and yearly rates."""
    cols = ["Indicateur", "Unité", "Avant", "Après", "Différence"]
    return (
        comparison[comparison["decimals"] == 0][cols],
        comparison[comparison["decimals"] > 0][cols],
    )


def pilots_table(pilots: pd.DataFrame) -> pd.DataFrame:
    """The pilot objectives with their measure, margin and status, French headers."""
    return _renamed(
        pilots,
        {
            "operation": "Opération",
            "objective": "Objectif",
            "comparator": "Règle",
            "target_value": "Cible",
            "measured_value": "Mesure",
            "unit": "Unité",
            "gap": "Marge (+) ou écart (−)",
            "status": "Statut",
        },
    )


def status_table(status: pd.DataFrame) -> pd.DataFrame:
    """The indicators with reference, target, last observation, trajectory and status."""
    return _renamed(
        status,
        {
            "indicator": "Indicateur",
            "theme": "Déterminant",
            "unit": "Unité",
            "baseline_value": "Référence",
            "target_value": "Cible",
            "last_value": "Observé",
            "expected_value": "Trajectoire",
            "status": "Statut",
        },
    )


def by_situation(study: HealthStudy, key: str) -> dict[str, float]:
    """One burden figure in both situations: ``{"before": …, "after": …}``."""
    return {s: study.burdens[s][key] for s in health.SITUATIONS}


def sources_rows(
    P: Any, erf: pd.DataFrame, air: pd.DataFrame, dw: pd.DataFrame, spectrum: pd.DataFrame
) -> pd.DataFrame:
    """Rows of "Hypothèses et sources": the reference data, with the site's own values.

    Parameters
    ----------
    P : EvaluationIndicatorsParameters
        Validated parameters (their values override the reference defaults they replace).
    erf, air, dw, spectrum : DataFrame
        Reference tables (:mod:`.reference`).

    Returns
    -------
    DataFrame
        :func:`.health.sources_rows`.
    """
    return health.sources_rows(
        erf,
        air,
        dw,
        spectrum,
        overrides={
            "ihd_incidence_per_100k": P.ihd_incidence_per_100k,
            "baseline_mortality_per_100k": P.baseline_mortality_per_100k,
            "adult_30plus_share": P.adult_30plus_share,
            "pm25_rr_per_10": P.pm25_rr_per_10.central,
            "no2_rr_per_10": P.no2_rr_per_10.central,
            "high_annoyance": P.disability_weights.high_annoyance,
            "high_sleep_disturbance": P.disability_weights.high_sleep_disturbance,
        },
        parameters=P.domain_values(),
    )
