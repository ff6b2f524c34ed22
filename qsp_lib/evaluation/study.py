"""The decisions of the ``evaluation_indicators`` study, taken from its validated parameters.

``notebooks/evaluation_indicators.ipynb`` calls these functions and keeps only figures and
narrative: the effect of the acoustic berm on each zone and at the reference receiver, the
"after" noise levels, the health burden of both situations, the status of the evaluation
indicators and of the pilot operations' objectives, and the tables of the brief. Each function
takes the validated parameters ``P`` (:class:`.schema.EvaluationIndicatorsParameters`) and
tables: the exposure, indicators and pilots files are read by :mod:`.io` in the notebook, the
reference tables come from :mod:`.reference`. The computations are those of
:mod:`.model.acoustics`, :mod:`.model.health` and :mod:`.model.indicators`; the French
labels those of :mod:`.wording`. Every result is a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from qsp_lib.core import params
from qsp_lib.evaluation import wording
from qsp_lib.evaluation.model import acoustics, health, indicators
from qsp_lib.evaluation.model import measurements as measured

if TYPE_CHECKING:
    from qsp_lib.evaluation.model.acoustics import BermGeometry, InsertionLoss, LineSourceLoss
    from qsp_lib.evaluation.model.health import Burden, DalyComparison, ReceiverBermEffect
    from qsp_lib.evaluation.schema import EvaluationIndicatorsParameters

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
class Guidelines:
    """WHO guideline values the brief cites.

    Attributes
    ----------
    lden_db, lnight_db : float
        WHO (2018) road traffic noise guideline values [dB].
    pm25_ug_m3, no2_ug_m3 : float
        WHO (2021) annual air quality guideline values [µg/m³].

    References
    ----------
    WHO (2018), Environmental Noise Guidelines for the European Region; WHO (2021), Global
    air quality guidelines, table 0.1.
    """

    lden_db: float
    lnight_db: float
    pm25_ug_m3: float
    no2_ug_m3: float


def guidelines(erf: pd.DataFrame, air: pd.DataFrame) -> Guidelines:
    """The WHO guideline values of the reference tables (:mod:`.reference`)."""
    return Guidelines(
        lden_db=float(erf.loc["who_road_lden_db", "value"]),
        lnight_db=float(erf.loc["who_road_lnight_db", "value"]),
        **{f"{p}_ug_m3": health.air_quality_thresholds(air, p)[0][1] for p in ("pm25", "no2")},
    )


#: Shifts [dB] of the unscreened sources' level for the sensitivity of the count above the
#: WHO guideline (the level is an assumption of the parameter file).
OTHER_SOURCES_SHIFTS_DB = (-1.0, 0.0, 1.0)
#: Widest angle [degrees] of one road segment in the "gain against distance/height" curves
#: (coarser than :data:`.model.acoustics.SEGMENT_MAX_ANGLE_DEG`: 360 receivers).
CURVE_SEGMENT_ANGLE_DEG = 2.0


@dataclass(frozen=True)
class Screening:
    """What the site's berm does, at each zone and at the reference receiver.

    Attributes
    ----------
    geometry : BermGeometry
        Cross-section of the berm.
    length_m : float
        Length of the berm along the road [m] (``inf`` when not given).
    road_length_m : float
        Length of the straight road seen from the quarter [m] (``inf`` when not given).
    zone_il : ndarray
        Insertion loss of the berm on the road segments it screens at each zone, road as a
        line of sources, double diffraction [dB(A)].
    zone_share : ndarray
        Share of the road's energy coming from the screened segments at each zone [-].
    other_lden, other_lnight : ndarray
        Levels of the sources the berm does not screen at each zone [dB] (``-inf``: none).
    exposure : DataFrame
        The exposure table with the "after" noise columns derived
        (:func:`.model.health.derive_after_noise`).
    reference : InsertionLoss
        :func:`.model.acoustics.berm_insertion_loss` at the reference receiver: the path
        perpendicular to the road only (upper bound, and its octave bands).
    line : LineSourceLoss
        :func:`.model.acoustics.line_source_insertion_loss` at the reference receiver,
        double diffraction over the crest (the value the brief uses).
    single : LineSourceLoss
        The same with the crest as one sharp edge (lower bound).
    endless : LineSourceLoss
        The same as ``line`` for a road without end (the prudent bound of the road length).
    receiver : ReceiverBermEffect or None
        :func:`.model.health.reference_berm_effect` at the reference receiver (None when no
        level is known there).
    """

    geometry: BermGeometry
    length_m: float
    road_length_m: float
    zone_il: np.ndarray
    zone_share: np.ndarray
    other_lden: np.ndarray
    other_lnight: np.ndarray
    exposure: pd.DataFrame
    reference: InsertionLoss
    line: LineSourceLoss
    single: LineSourceLoss
    endless: LineSourceLoss
    receiver: ReceiverBermEffect | None


def _line_args(P: EvaluationIndicatorsParameters, spectrum: pd.DataFrame) -> dict:
    """Keyword arguments of :func:`.model.acoustics.line_source_insertion_loss` common to
    every receiver of the site."""
    return {
        "spectrum": spectrum,
        "road_length_m": np.inf if P.berm.road_length_m is None else P.berm.road_length_m,
        "source_height_m": P.berm.source_height_m,
        "g_source": 0.0,
        "g_ground": P.berm.ground_factor,
    }


def screening(
    P: EvaluationIndicatorsParameters, exposure: pd.DataFrame, spectrum: pd.DataFrame
) -> Screening:
    """The berm's insertion loss at each zone, the road a line of point sources (ISO 9613-2
    per segment, double diffraction over the crest, segments beyond the berm's ends
    unscreened); the sources it does not screen are added back in energy.

    Parameters
    ----------
    P : EvaluationIndicatorsParameters
        Validated parameters with a ``berm``.
    exposure : DataFrame
        :func:`.io.read_exposure`.
    spectrum : DataFrame
        :func:`.reference.traffic_noise_spectrum`.

    Returns
    -------
    Screening

    References
    ----------
    ISO 9613-2:1996 §4 and §7.4 (barrier attenuation per segment of an extended source).
    """
    geometry = P.berm.geometry()
    length = np.inf if P.berm.length_m is None else P.berm.length_m
    kw = _line_args(P, spectrum)
    distance = exposure["distance_to_road_m"].fillna(P.reference_receiver_distance_m)
    height = exposure["receiver_height_m"].fillna(P.reference_receiver_height_m)
    offset = exposure["offset_along_berm_m"].fillna(0.0)
    zones = [
        acoustics.line_source_insertion_loss(geometry, length, x, h, offset_m=o, **kw)
        for x, h, o in zip(distance, height, offset, strict=True)
    ]
    zone_il = np.array([z.screened_il_dba for z in zones])
    zone_share = np.array([z.screened_share for z in zones])
    other_lden, other_lnight = health.other_source_levels(
        exposure, P.other_sources_lden_db, P.other_sources_lnight_db
    )
    after = health.derive_after_noise(exposure, zone_il, zone_share, other_lden, other_lnight)
    d, h = P.reference_receiver_distance_m, P.reference_receiver_height_m
    o = P.reference_receiver_offset_m
    reference = acoustics.berm_insertion_loss(
        geometry, d, h, spectrum, P.berm.source_height_m, 0.0, P.berm.ground_factor
    )
    line = acoustics.line_source_insertion_loss(geometry, length, d, h, offset_m=o, **kw)
    single = acoustics.line_source_insertion_loss(
        acoustics.single_edge(geometry), length, d, h, offset_m=o, **kw
    )
    endless = acoustics.line_source_insertion_loss(
        geometry, length, d, h, offset_m=o, **{**kw, "road_length_m": np.inf}
    )
    receiver = health.reference_berm_effect(
        after,
        line.screened_il_dba,
        line.screened_share,
        d,
        h,
        P.reference_receiver_lden_db,
        P.other_sources_lden_db,
    )
    return Screening(
        geometry,
        length,
        kw["road_length_m"],
        zone_il,
        zone_share,
        other_lden,
        other_lnight,
        after,
        reference,
        line,
        single,
        endless,
        receiver,
    )


def guideline_sensitivity(
    exposure: pd.DataFrame,
    screen: Screening,
    erf: pd.DataFrame,
    facade_correction_db: float,
    shifts_db=OTHER_SOURCES_SHIFTS_DB,
) -> pd.DataFrame:
    """Residents above the WHO Lden guideline after the berm when the level of the sources
    it does not screen moves by each of ``shifts_db``.

    Parameters
    ----------
    exposure : DataFrame
        :func:`.io.read_exposure` (before the "after" columns are derived).
    screen : Screening
        :func:`screening` of the same exposure.
    erf : DataFrame
        :func:`.reference.noise_health` (the guideline value).
    facade_correction_db : float
        Added to the levels as in :func:`.model.health.situation_levels` [dB].
    shifts_db : sequence of float
        Changes of the unscreened sources' Lden [dB]; 0 is the parameter's value.

    Returns
    -------
    DataFrame
        ``shift_db``, ``other_lden_db`` (the site-wide level shifted, NaN when per zone or
        none), ``after`` [inhabitants above the guideline after the berm].

    References
    ----------
    WHO (2018), Environmental Noise Guidelines (53 dB Lden); ISO 9613-2:1996 eq. 5.
    """
    guideline = float(erf.loc["who_road_lden_db", "value"])
    rows = []
    site_other = np.unique(screen.other_lden)
    for shift in shifts_db:
        other = screen.other_lden + shift
        # the other sources stay below each zone's total, which includes them
        other = np.minimum(other, exposure["lden_db"].to_numpy(float) - 0.01)
        after = health.derive_after_noise(
            exposure, screen.zone_il, screen.zone_share, other, screen.other_lnight
        )
        levels = health.situation_levels(after, "after", facade_correction_db)
        rows.append(
            {
                "shift_db": float(shift),
                "other_lden_db": float(site_other[0] + shift)
                if len(site_other) == 1 and np.isfinite(site_other[0])
                else np.nan,
                "after": float(levels["population"][levels["lden"] > guideline].sum()),
            }
        )
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class HealthStudy:
    """Noise after the project and health burden of both situations.

    Attributes
    ----------
    exposure : DataFrame
        The exposure table, with the "after" noise columns derived from the berm (when there
        is one) as :func:`.model.health.derive_after_noise` gives them.
    geometry : BermGeometry or None
        Cross-section of the berm (None: no berm on this site).
    berm_length : float or None
        Length of the berm along the road [m] (``inf`` when not given; None without berm).
    zone_il : ndarray or None
        Insertion loss of the berm on the screened road at each zone [dB(A)].
    zone_share : ndarray or None
        Share of the road's energy seen under the berm's angle at each zone [-].
    ref_il : InsertionLoss or None
        :func:`.model.acoustics.berm_insertion_loss` at the reference receiver, path
        perpendicular to the road (upper bound; its octave bands are shown).
    ref_line, ref_single, ref_endless : LineSourceLoss or None
        :func:`.model.acoustics.line_source_insertion_loss` at the reference receiver,
        double diffraction over the crest (the value used), single edge (lower bound), and
        double diffraction for a road without end.
    ref_total : ReceiverBermEffect or None
        :func:`.model.health.reference_berm_effect` at the reference receiver.
    levels : mapping
        Situation ("before", "after") -> levels DataFrame
        (:func:`.model.health.situation_levels`).
    before, after : Burden
        Health burden of each situation (:func:`.model.health.burden`).
    comparison : DataFrame
        :func:`.wording.compare` of the two burdens.
    sensitivity : DataFrame or None
        :func:`guideline_sensitivity` (None without berm).
    daly : mapping
        Situation -> :class:`.model.health.DalyComparison`.
    road_length : float or None
        Length of the straight road seen from the quarter [m] (``inf``: not given).
    """

    exposure: pd.DataFrame
    geometry: BermGeometry | None
    berm_length: float | None
    zone_il: np.ndarray | None
    zone_share: np.ndarray | None
    ref_il: InsertionLoss | None
    ref_total: ReceiverBermEffect | None
    levels: Mapping[str, pd.DataFrame]
    before: Burden
    after: Burden
    comparison: pd.DataFrame
    ref_line: LineSourceLoss | None = None
    ref_single: LineSourceLoss | None = None
    ref_endless: LineSourceLoss | None = None
    sensitivity: pd.DataFrame | None = None
    daly: Mapping[str, DalyComparison] | None = None
    road_length: float | None = None

    def residents_at_or_above(self, situation: str, level_db: float = health.HEADLINE_LDEN_DB):
        """Residents at or above ``level_db`` Lden in a situation [inhabitants]."""
        lv = self.levels[situation]
        return health.residents_at_or_above(lv["population"], lv["lden"], level_db)

    @property
    def lden65(self) -> dict[str, float]:
        """Residents at or above 65 dB Lden, ``{"before": …, "after": …}`` [inhabitants]."""
        return {s: self.residents_at_or_above(s) for s in health.SITUATIONS}

    @property
    def berm_bounds_dba(self) -> tuple[float, float, float] | None:
        """Insertion loss at the reference receiver on the screened road: single edge (lower
        bound), double diffraction (used), perpendicular path only (upper bound) [dB(A)]."""
        if self.ref_line is None:
            return None
        return (
            self.ref_single.screened_il_dba,
            self.ref_line.screened_il_dba,
            self.ref_il.insertion_loss_dba,
        )

    @property
    def endless_total_change_db(self) -> float | None:
        """Drop of the total Lden at the reference receiver for a road without end [dB]."""
        if self.ref_total is None:
            return None
        t = self.ref_total
        e = health.berm_effect(
            t.before_db,
            self.ref_endless.screened_il_dba,
            self.ref_endless.screened_share,
            t.other_db,
        )
        return float(e.change_db)

    @property
    def floor_db(self) -> float | None:
        """Total Lden at the reference receiver behind an infinitely high berm of the same
        length: the screened road silenced, its unscreened ends and the other sources left
        [dB] (None without a level there)."""
        if self.ref_total is None:
            return None
        road = self.ref_total.road_db - self.ref_line.road_change_cap_dba
        return float(acoustics.level_sum(road, self.ref_total.other_db))

    @property
    def population(self) -> float:
        """Inhabitants of the exposure table [inhabitants]."""
        return self.before.population

    @property
    def has_berm(self) -> bool:
        """The site has a berm."""
        return self.geometry is not None

    @property
    def finite_berm(self) -> bool:
        """A berm of given length, with a level known at the reference receiver."""
        return self.ref_total is not None and bool(np.isfinite(self.berm_length))

    @property
    def other_sources(self) -> bool:
        """Unscreened sources are known at the reference receiver."""
        return self.ref_total is not None and bool(np.isfinite(self.ref_total.other_db))

    def pair(self, key: str) -> dict[str, float]:
        """One burden figure in both situations: ``{"before": …, "after": …}`` (the scrap's
        shape) [the figure's unit]."""
        return {"before": self.before.value(key), "after": self.after.value(key)}

    def avoided(self, key: str) -> float:
        """Before minus after of one burden figure [the figure's unit]."""
        return self.before.value(key) - self.after.value(key)

    @property
    def reference_insertion_loss_dba(self) -> float | None:
        """Gain of the berm on the road segments it screens at the reference receiver, road
        as a line of sources, double diffraction over the crest [dB(A)]."""
        return None if self.ref_line is None else self.ref_line.screened_il_dba

    @property
    def reference_total_change_db(self) -> float | None:
        """Drop of the total level at the reference receiver [dB]."""
        return None if self.ref_total is None else self.ref_total.change_db

    @property
    def lden_change_range_db(self) -> tuple[float, float] | None:
        """Smallest and largest drop of the total Lden over the zones [dB] (None without
        berm)."""
        if self.ref_total is None:
            return None
        change = self.exposure["lden_change_db"]
        return float(change.min()), float(change.max())

    @property
    def road_change_cap_db(self) -> float | None:
        """Largest drop of the whole road's level at the reference receiver, whatever the
        berm's height (its insertion loss infinite) [dB(A)]."""
        if self.ref_total is None:
            return None
        return float(self.ref_line.road_change_cap_dba)


@dataclass(frozen=True)
class BurdenSettings:
    """Dose-response settings of :func:`.model.health.burden` from the parameters.

    Attributes
    ----------
    pm25_rr_per_10, no2_rr_per_10 : mapping
        Relative risks per 10 µg/m³ (``central``, ``low``, ``high``) [-].
    pm25_counterfactual_ug_m3, no2_counterfactual_ug_m3 : float
        Counterfactual concentrations [µg/m³].
    baseline_mortality_per_100k, ihd_incidence_per_100k : float
        Baseline mortality of adults 30+ and IHD incidence [per 100 000 per year].
    adult_30plus_share : float
        Share of adults aged 30 and over [-].
    disability_weights : mapping
        ``high_annoyance`` and ``high_sleep_disturbance`` [-].

    References
    ----------
    WHO (2016), AirQ+ methods; WHO (2018), Environmental Noise Guidelines for the European
    Region (see :func:`.model.health.burden`).
    """

    pm25_rr_per_10: Mapping[str, float]
    no2_rr_per_10: Mapping[str, float]
    pm25_counterfactual_ug_m3: float
    no2_counterfactual_ug_m3: float
    baseline_mortality_per_100k: float
    adult_30plus_share: float
    ihd_incidence_per_100k: float
    disability_weights: Mapping[str, float]


def burden_settings(P: EvaluationIndicatorsParameters) -> BurdenSettings:
    """The dose-response settings of the validated parameters."""
    return BurdenSettings(
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
    P: EvaluationIndicatorsParameters,
    exposure: pd.DataFrame,
    erf: pd.DataFrame,
    air: pd.DataFrame,
    dw: pd.DataFrame,
    spectrum: pd.DataFrame,
) -> HealthStudy:
    """The berm's effect on each zone, the "after" levels and the burden of both situations.

    With a berm, see :func:`screening`. Without a berm, the "after" levels are those of the
    exposure file (or those of before).

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
    Environmental Noise Guidelines; WHO (2016) AirQ+ (see :mod:`.model.acoustics` and
    :mod:`.model.health`).
    """
    screen = screening(P, exposure, spectrum) if P.berm is not None else None
    sensitivity = None
    if screen is not None:
        sensitivity = guideline_sensitivity(exposure, screen, erf, P.facade_correction_db)
        exposure = screen.exposure
    levels = {
        s: health.situation_levels(exposure, s, P.facade_correction_db) for s in health.SITUATIONS
    }
    settings = vars(burden_settings(P))
    before, after = (health.burden(levels[s], erf, air, dw, **settings) for s in health.SITUATIONS)
    yll = float(air.loc["pm25_yll_per_death", "value"])
    daly = {
        s: health.daly_comparison(b, dw, settings["disability_weights"], yll)
        for s, b in zip(health.SITUATIONS, (before, after), strict=True)
    }
    return HealthStudy(
        ref_line=None if screen is None else screen.line,
        ref_single=None if screen is None else screen.single,
        ref_endless=None if screen is None else screen.endless,
        sensitivity=sensitivity,
        daly=daly,
        road_length=None if screen is None else screen.road_length_m,
        exposure=exposure,
        geometry=None if screen is None else screen.geometry,
        berm_length=None if screen is None else screen.length_m,
        zone_il=None if screen is None else screen.zone_il,
        zone_share=None if screen is None else screen.zone_share,
        ref_il=None if screen is None else screen.reference,
        ref_total=None if screen is None else screen.receiver,
        levels=levels,
        before=before,
        after=after,
        comparison=wording.compare(before, after),
    )


@dataclass(frozen=True)
class Evaluation:
    """Status of the evaluation indicators and of the pilot operations' objectives.

    Attributes
    ----------
    framework : DataFrame
        Indicators of the site file followed by the health indicators of this study.
    status : DataFrame
        :func:`.model.indicators.evaluate_indicators` of the framework.
    pilots : DataFrame
        :func:`pilots_with_measurements`: the pilot objectives with their value (measured by
        a campaign or declared), uncertainty interval, coverage, method and status.
    measurements : DataFrame
        The ``evaluation_measurements`` scrap (:data:`MEASUREMENT_COLUMNS`): every measured
        campaign, then every declared value of the pilots file.
    measured : DataFrame
        :func:`measured_values`: every campaign with its interval, target and notes.
    """

    framework: pd.DataFrame
    status: pd.DataFrame
    pilots: pd.DataFrame
    measurements: pd.DataFrame | None = None
    measured: pd.DataFrame | None = None

    @property
    def framework_campaigns(self) -> pd.DataFrame:
        """The campaigns feeding an indicator of the framework (not a pilot objective)."""
        m = self.measured
        return m.iloc[0:0] if m is None else m[m["indicator"].astype(bool)]

    @property
    def indoor_adjusted(self) -> bool:
        """An indoor campaign is adjusted on a reference station."""
        m = self.measured
        return m is not None and bool((m["indoor"] & m["adjusted"]).any())

    @property
    def excluded_days(self) -> list[tuple[str, tuple]]:
        """``(objective, days)`` of each campaign with days left out of its mean."""
        m = self.measured
        if m is None:
            return []
        return [(o, d) for o, d in zip(m["objective"], m["excluded_days"], strict=True) if d]

    def count(self, *statuses: str) -> int:
        """Indicators whose status is one of ``statuses``."""
        return indicators.count_status(self.status["status"], statuses)

    def count_pilots(self, *statuses: str) -> int:
        """Pilot objectives whose status is one of ``statuses``."""
        return indicators.count_status(self.pilots["status"], statuses)

    @property
    def n_indicators(self) -> int:
        return len(self.status)

    @property
    def n_objectives(self) -> int:
        return len(self.pilots)

    @property
    def n_on_track(self) -> int:
        return self.count(*ON_TRACK)

    @property
    def n_measured(self) -> int:
        return self.count(*MEASURED)

    @property
    def n_unobserved(self) -> int:
        """Indicators without any observation after their baseline."""
        return self.n_indicators - self.n_measured

    @property
    def n_late(self) -> int:
        return self.count("en retard")

    @property
    def n_without_data(self) -> int:
        return self.count("sans donnée")

    @property
    def n_met(self) -> int:
        return self.count_pilots("atteint")

    @property
    def n_not_met(self) -> int:
        return self.count_pilots("non atteint")

    @property
    def n_unmeasured(self) -> int:
        return self.count_pilots("non mesuré")

    @property
    def n_uncertain(self) -> int:
        return self.count_pilots("incertain")

    @property
    def n_campaigns(self) -> int:
        """Values measured by a campaign (pilot objectives and indicators)."""
        m = self.measurements
        if m is None or m.empty:
            return 0
        return int((~m["method"].str.startswith(wording.DECLARED)).sum())


def health_indicator_rows(P: EvaluationIndicatorsParameters, study: HealthStudy) -> pd.DataFrame:
    """The health figures followed as indicators (:data:`.model.indicators.HEALTH_INDICATORS`),
    labelled as in the burden table: baseline before the project, target after it."""
    keys = indicators.HEALTH_INDICATORS
    labels = {k: (wording.burden_row(k).label, wording.burden_row(k).unit) for k in keys}
    return indicators.health_indicators(
        {k: study.before.value(k) for k in keys},
        {k: study.after.value(k) for k in keys},
        P.exposure_year,
        P.after_year,
        labels,
        wording.HEALTH_THEME,
    )


def evaluation(
    P: EvaluationIndicatorsParameters,
    study: HealthStudy,
    indicators_table: pd.DataFrame,
    pilots_table: pd.DataFrame,
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
    Linear trajectory from baseline to target (see :func:`.model.indicators.indicator_status`);
    health determinants of the ISadOrA approach (EHESP, 2019).
    """
    values = measured_values(P, pilots_table, indicators_table)
    framework = indicators.framework_with_health(
        framework_with_measurements(indicators_table, values), health_indicator_rows(P, study)
    )
    pilots = pilots_with_measurements(pilots_table, values)
    return Evaluation(
        framework=framework,
        status=indicators.evaluate_indicators(framework),
        pilots=pilots,
        measurements=measurements_scrap(values, pilots),
        measured=values,
    )


#: Columns of the ``evaluation_measurements`` scrap (contract).
MEASUREMENT_COLUMNS = (
    "operation",
    "objective",
    "value",
    "unit",
    "coverage_percent",
    "method",
    "status",
)
#: Operation column of a campaign feeding an indicator of the framework (no operation).
FRAMEWORK_OPERATION = "Cadre d'évaluation (indicateur)"


def measured_values(
    P: EvaluationIndicatorsParameters, pilots_table: pd.DataFrame, indicators_table: pd.DataFrame
) -> pd.DataFrame:
    """The value of each measured campaign of ``P.measurements`` with its interval and status.

    Parameters
    ----------
    P : EvaluationIndicatorsParameters
        Validated parameters: ``measurements`` and the campaigns read at validation
        (``P.campaigns``), ``noise_periods``, ``noise_uncertainty_db``.
    pilots_table, indicators_table : DataFrame
        :func:`.io.read_pilots` and :func:`.io.read_indicators` (the targets).

    Returns
    -------
    DataFrame
        One row per entry: :data:`MEASUREMENT_COLUMNS` and ``indicator`` (the entry feeds an
        indicator of the framework), ``low``, ``high`` (uncertainty interval), ``comparator``,
        ``target_value``, ``year`` (of the last measurement), ``uncertainty`` and
        ``method_short`` (French, for the brief's table), ``indoor``, ``adjusted`` (on a
        reference station), ``excluded_days``.

    References
    ----------
    Directive 2002/49/EC annex I; Directive 2008/50/EC annexes I and VII; LCSQA ratio
    method (see :mod:`.model.measurements`).
    """
    columns = [
        *MEASUREMENT_COLUMNS,
        "indicator",
        "low",
        "high",
        "comparator",
        "target_value",
        "year",
        "uncertainty",
        "method_short",
        "indoor",
        "adjusted",
        "excluded_days",
    ]
    rows = []
    starts = P.noise_periods.model_dump()
    for entry, campaign in zip(P.measurements, P.campaigns, strict=True):
        if entry.indicator is not None:
            target = indicators_table.loc[indicators_table["indicator"] == entry.indicator].iloc[0]
            comparator = "<=" if target["direction"] == "baisse" else ">="
            operation, objective = entry.operation or FRAMEWORK_OPERATION, entry.indicator
        else:
            match = (pilots_table["operation"] == entry.operation) & (
                pilots_table["objective"] == entry.objective
            )
            target = pilots_table.loc[match].iloc[0]
            comparator = target["comparator"]
            operation, objective = entry.operation, entry.objective
        if entry.kind == "noise":
            value = campaign.value(entry.metric)
            low, high = value - P.noise_uncertainty_db, value + P.noise_uncertainty_db
            coverage = campaign.coverage_of(entry.metric)
            method = wording.noise_method(entry.metric, campaign, starts, P.noise_uncertainty_db)
        else:
            value = campaign.annual_mean
            low, high = campaign.interval
            coverage = campaign.time_coverage
            method = wording.air_method(campaign, entry.indoor)
        target_value = float(target["target_value"])
        rows.append(
            {
                "operation": operation,
                "objective": objective,
                "value": float(value),
                "unit": target["unit"],
                "coverage_percent": 100 * float(coverage),
                "method": method,
                "status": measured.interval_status(low, high, comparator, target_value),
                "indicator": entry.indicator is not None,
                "low": float(low),
                "high": float(high),
                "comparator": comparator,
                "target_value": target_value,
                "year": int(campaign.last_day[:4]),
                "uncertainty": wording.uncertainty_label(
                    entry.kind, campaign, P.noise_uncertainty_db
                ),
                "method_short": wording.short_method(entry.kind, entry.metric, campaign),
                "indoor": entry.kind == "air" and entry.indoor,
                "adjusted": getattr(campaign, "ratio", None) is not None,
                "excluded_days": getattr(campaign, "excluded_days", ()),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def framework_with_measurements(
    indicators_table: pd.DataFrame, values: pd.DataFrame
) -> pd.DataFrame:
    """The framework with each measured indicator's value as its observation of the
    campaign's year (it replaces a value typed for that year)."""
    out = indicators_table.copy()
    for _, row in values[values["indicator"].astype(bool)].iterrows():
        at = out.index[out["indicator"] == row["objective"]]
        for i in at:
            out.at[i, "observations"] = {**out.at[i, "observations"], row["year"]: row["value"]}
    return out


def pilots_with_measurements(pilots_table: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
    """The pilot objectives with the value of their campaign (else the declared one), its
    origin, interval, coverage, method and status.

    Parameters
    ----------
    pilots_table : DataFrame
        :func:`.io.read_pilots`.
    values : DataFrame
        :func:`measured_values`.

    Returns
    -------
    DataFrame
        :func:`.model.indicators.pilot_status` columns (``measured_value`` from the campaign
        where there is one) plus ``origin`` (« mesuré », « déclaré » or ""), ``low``,
        ``high``, ``coverage_percent``, ``method``; ``status`` from the interval
        (:func:`.model.measurements.interval_status`): « incertain » when it straddles the
        target.
    """
    out = pilots_table.copy()
    out["origin"] = np.where(out["measured_value"].notna(), wording.DECLARED, "")
    out["method"] = [
        wording.declared_method(n) if v == v else ""
        for v, n in zip(out["measured_value"], out["note"], strict=True)
    ]
    out["method_short"] = [m.removeprefix(f"{wording.DECLARED} : ") for m in out["method"]]
    out["low"] = out["high"] = out["measured_value"].astype(float)
    out["coverage_percent"] = np.nan
    out["uncertainty"] = ""
    campaigns = values[~values["indicator"].astype(bool)]
    for _, row in campaigns.iterrows():
        i = out.index[
            (out["operation"] == row["operation"]) & (out["objective"] == row["objective"])
        ]
        out.loc[i, "measured_value"] = row["value"]
        out.loc[i, "measured_year"] = row["year"]
        out.loc[i, ["low", "high", "coverage_percent"]] = [
            row["low"],
            row["high"],
            row["coverage_percent"],
        ]
        out.loc[i, ["origin", "method", "method_short", "uncertainty"]] = [
            wording.MEASURED,
            row["method"],
            row["method_short"],
            row["uncertainty"],
        ]
    out = indicators.pilot_status(out)
    if out.empty:
        return out
    known = out["measured_value"].notna()
    out.loc[known, "status"] = [
        measured.interval_status(lo, hi, c, t)
        for lo, hi, c, t in zip(
            out.loc[known, "low"],
            out.loc[known, "high"],
            out.loc[known, "comparator"],
            out.loc[known, "target_value"],
            strict=True,
        )
    ]
    return out


def measurement_notes(P: EvaluationIndicatorsParameters) -> list[str]:
    """How the brief reads the campaign files (:func:`.wording.measurement_notes`), with the
    site's noise periods, minimum coverage and uncertainty."""
    return wording.measurement_notes(
        P.noise_periods.model_dump(), P.noise_min_period_coverage, P.noise_uncertainty_db
    )


def excluded_day_notes(result: Evaluation) -> list[str]:
    """One sentence per set of days left out of the means of air campaigns (the objectives
    measured by one file share it)."""
    by_days: dict[tuple, list[str]] = {}
    for objective, days in result.excluded_days:
        by_days.setdefault(tuple(days), []).append(objective)
    return [wording.excluded_days_note(o, d) for d, o in by_days.items()]


def framework_rows_note(result: Evaluation) -> str | None:
    """The sentence on the campaigns of the framework's indicators ending the pilots' table
    (None without any)."""
    n = len(result.framework_campaigns)
    return wording.framework_rows_note(n) if n else None


def uncertain_note(result: Evaluation) -> str | None:
    """What the « incertain » statuses of the pilot objectives mean (None without any)."""
    n = result.n_uncertain
    if not n:
        return None
    pilots = result.pilots
    air = pilots[(pilots["status"] == "incertain") & (pilots["unit"] == "µg/m³")]
    coverage = float(air["coverage_percent"].min()) if len(air) else float("nan")
    return wording.uncertain_note(n, coverage)


def indoor_note() -> str:
    """The caveat of an indoor campaign adjusted on an outdoor station."""
    return wording.indoor_note()


def measurements_scrap(values: pd.DataFrame, pilots: pd.DataFrame) -> pd.DataFrame:
    """The ``evaluation_measurements`` scrap: each campaign (:func:`measured_values`), then
    each value declared in the pilots file (``method`` « déclaré : … », no coverage)."""
    declared = pilots[pilots.get("origin", pd.Series(dtype=str)) == wording.DECLARED]
    declared = declared.assign(value=declared["measured_value"])
    parts = [f[list(MEASUREMENT_COLUMNS)] for f in (values, declared) if len(f)]
    if not parts:
        return pd.DataFrame(columns=list(MEASUREMENT_COLUMNS))
    return pd.concat(parts, ignore_index=True)


def noise_bands(study: HealthStudy, metric: str) -> pd.DataFrame:
    """People per 5 dB band of ``metric`` ("lden" or "lnight"), one column per situation.

    Parameters
    ----------
    study : HealthStudy
        Result of :func:`health_study`.
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
    start = BAND_START_DB[metric]
    labels = wording.band_labels(health.noise_band_edges(start))
    return pd.DataFrame(
        {
            s: health.population_by_noise_band(
                study.levels[s]["population"], study.levels[s][metric], start
            )
            for s in health.SITUATIONS
        },
        index=labels,
    )


def air_classes(study: HealthStudy, air: pd.DataFrame) -> pd.DataFrame:
    """Inhabitants per class of annual concentration (WHO 2021 guideline and interim targets).

    Parameters
    ----------
    study : HealthStudy
        Result of :func:`health_study`.
    air : DataFrame
        :func:`.reference.air_health`.

    Returns
    -------
    DataFrame
        Columns "Polluant", "Classe de concentration annuelle", "Habitants avant",
        "Habitants après" [inhabitants].

    References
    ----------
    WHO (2021), Global air quality guidelines, table 0.1.
    """
    frames = []
    for col, name in wording.POLLUTANTS.items():
        targets = health.air_quality_thresholds(air, col)
        by = {
            s: health.population_by_air_threshold(
                study.levels[s]["population"], study.levels[s][col], targets
            )
            for s in health.SITUATIONS
        }
        frames.append(
            pd.DataFrame(
                {
                    "Polluant": name,
                    "Classe de concentration annuelle": wording.air_class_labels(targets),
                    "Habitants avant": by["before"],
                    "Habitants après": by["after"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


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


def _line_grid(P, study: HealthStudy, spectrum, distances, heights) -> pd.DataFrame:
    """Line-source insertion loss (screened segments, double diffraction) over distances ×
    heights: ``distance_m``, ``height_m``, ``insertion_loss_dba``, ``road_change_dba``."""
    kw = _line_args(P, spectrum)
    rows = []
    for x in np.asarray(distances, dtype=float):
        for h in np.asarray(heights, dtype=float):
            r = acoustics.line_source_insertion_loss(
                study.geometry,
                study.berm_length,
                x,
                h,
                max_angle_deg=CURVE_SEGMENT_ANGLE_DEG,
                **kw,
            )
            rows.append((x, h, r.screened_il_dba, r.road_change_dba))
    return pd.DataFrame(
        rows, columns=["distance_m", "height_m", "insertion_loss_dba", "road_change_dba"]
    )


def berm_curves(
    P: EvaluationIndicatorsParameters, study: HealthStudy, spectrum: pd.DataFrame
) -> BermCurves:
    """Insertion loss of the site's berm against distance and height, for the figures: the
    road as a line of sources, double diffraction (:func:`screening`).

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
    ISO 9613-2:1996, §4 and §7.4; EN 1793-3:1997 traffic spectrum.
    """
    far = study.geometry.far_foot_m
    distances = np.linspace(far + GRID_FIRST_M, far + GRID_LAST_M, GRID_POINTS)
    heights = np.array(GRID_HEIGHTS_M)
    sample_distances = far + np.array(GRID_SAMPLE_OFFSETS_M)
    grid = _line_grid(P, study, spectrum, distances, heights)
    at_ref = _line_grid(P, study, spectrum, distances, [P.reference_receiver_height_m])
    return BermCurves(
        distances=distances,
        heights=heights,
        grid=grid[["distance_m", "height_m", "insertion_loss_dba"]],
        sample_distances=sample_distances,
        grid_h=_line_grid(
            P,
            study,
            spectrum,
            sample_distances,
            np.linspace(*GRID_HEIGHT_RANGE_M, GRID_HEIGHT_POINTS),
        )[["distance_m", "height_m", "insertion_loss_dba"]],
        finite_change=at_ref["road_change_dba"].to_numpy(),
    )


def residents_by_band(study: HealthStudy) -> pd.DataFrame:
    """Residents per Lden band before and after (the ``noise_residents_by_band`` scrap).

    Returns
    -------
    DataFrame
        ``band`` (« < 55 dB », « 55-59 dB », …, « ≥ 70 dB », Lden rounded down),
        ``before``, ``after`` [inhabitants, integers].

    References
    ----------
    Directive 2002/49/EC, annex VI.
    """
    edges = health.RESIDENT_BAND_EDGES_DB
    return pd.DataFrame(
        {
            "band": wording.band_labels(edges),
            **{
                s: health.residents_by_band(
                    study.levels[s]["population"], study.levels[s]["lden"], edges
                )
                for s in health.SITUATIONS
            },
        }
    )


@dataclass(frozen=True)
class ObjectiveReach:
    """An objective measured behind the berm against the floor the model gives there.

    Attributes
    ----------
    indicator : str
        Name of the indicator (``berm_control_indicator``).
    baseline_db : float
        Its baseline, the total Lden at the control point before the berm [dB].
    target_db : float
        Its target [dB Lden].
    floor_db : float
        Total Lden at the control point behind an infinitely high berm of the same length
        [dB]: the point taken at the reference receiver's place, with the baseline as its
        level before.
    after_db : float
        Total Lden there with the berm as designed [dB].
    reachable : bool
        The target is at or above the floor.
    """

    indicator: str
    baseline_db: float
    target_db: float
    floor_db: float
    after_db: float
    reachable: bool


def objective_reach(
    P: EvaluationIndicatorsParameters, study: HealthStudy, framework: pd.DataFrame
) -> ObjectiveReach | None:
    """The berm control indicator's target against the model's floor (None when no
    indicator is named or no level is known at the reference receiver).

    References
    ----------
    ISO 9613-2:1996 eq. 5: whatever its height, the berm leaves the unscreened road
    segments and the other sources.
    """
    name = P.berm_control_indicator
    if name is None or study.ref_line is None:
        return None
    row = framework[framework["indicator"] == name].iloc[0]
    target, baseline = float(row["target_value"]), float(row["baseline_value"])
    other = -np.inf if P.other_sources_lden_db is None else float(P.other_sources_lden_db)
    line = study.ref_line
    effect = health.berm_effect(baseline, line.screened_il_dba, line.screened_share, other)
    road = float(effect.road_db) - line.road_change_cap_dba
    floor = float(acoustics.level_sum(road, other))
    return ObjectiveReach(
        indicator=name,
        baseline_db=baseline,
        target_db=target,
        floor_db=floor,
        after_db=float(effect.after_db),
        reachable=target >= floor,
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


def band_table(ref_il: InsertionLoss) -> pd.DataFrame:
    """Octave-band terms of the berm's insertion loss at the reference receiver."""
    return ref_il.bands.rename(
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


def pilots_table(pilots: pd.DataFrame, campaigns: pd.DataFrame | None = None) -> pd.DataFrame:
    """The pilot objectives with their value (« déclaré » marked), uncertainty interval,
    coverage, method and status, then the campaigns of the framework's indicators, French
    headers (:func:`.wording.pilot_value_table`)."""
    return wording.pilot_value_table(pilots, campaigns)


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


def sources_rows(
    P: EvaluationIndicatorsParameters,
    erf: pd.DataFrame,
    air: pd.DataFrame,
    dw: pd.DataFrame,
    spectrum: pd.DataFrame,
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
        :func:`.wording.reference_rows`.
    """
    return wording.reference_rows(
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
        parameters={
            **P.domain_values(),
            "berm": None if P.berm is None else P.berm.model_dump(),
            "berm_status": P.site_model.block_status("berm"),
            "residents": P.site_model.population.residents,
            "population_status": P.site_model.block_status("population"),
        },
        statuses=file_statuses(P),
    )


def file_statuses(P: EvaluationIndicatorsParameters) -> dict:
    """The data status of each of the site's files (:data:`.wording.FILES`), as declared
    where its path is given (``{path, status, source}``; a bare path is ``estimated``).

    Returns
    -------
    dict of str to qsp_lib.core.status.InputStatus
    """
    return {key: params.input_status(P, key) for key in wording.FILES}


def illustrative_notes(P: EvaluationIndicatorsParameters) -> dict[str, str]:
    """The « Hypothèse » boxes of the brief, one per file declared ``illustrative``
    (:func:`.wording.illustrative_notes`)."""
    return wording.illustrative_notes(file_statuses(P))
