"""Health burden of road traffic noise and air pollution, before and after a project.

Noise: high annoyance (%HA), high sleep disturbance (%HSD) and ischaemic heart disease (IHD)
incidence with the WHO 2018 exposure-response functions as written in Commission Directive
(EU) 2020/367 (annex III of Directive 2002/49/EC). Air: deaths attributable to long-term
PM2.5 and NO2 exposure with the log-linear model of WHO AirQ+. DALYs of annoyance and sleep
disturbance with disability weights.

Plain functions over numbers and DataFrames: coefficients arrive as reference tables
(``reference.noise_health()``, ``air_health()``, ``disability_weights()``), exposure as
a DataFrame with one row per zone (``io.read_exposure``).

References
----------
.. [1] Commission Directive (EU) 2020/367 of 4 March 2020 amending Annex III to Directive
   2002/49/EC as regards the establishment of assessment methods for harmful effects of
   environmental noise. OJ L 67, 5.3.2020, p. 132-136.
.. [2] Guski, R., Schreckenberg, D., Schuemer, R. (2017). WHO Environmental Noise Guidelines
   for the European Region: a systematic review on environmental noise and annoyance.
   Int. J. Environ. Res. Public Health 14(12), 1539. doi:10.3390/ijerph14121539
.. [3] Basner, M., McGuire, S. (2018). WHO Environmental Noise Guidelines for the European
   Region: a systematic review on environmental noise and effects on sleep. IJERPH 15(3),
   519. doi:10.3390/ijerph15030519
.. [4] van Kempen, E. et al. (2018). WHO Environmental Noise Guidelines for the European
   Region: a systematic review on environmental noise and cardiovascular and metabolic
   effects. IJERPH 15(2), 379. doi:10.3390/ijerph15020379
.. [5] WHO Regional Office for Europe (2021). AirQ+: software tool for health risk assessment
   of air pollution. Chen, J., Hoek, G. (2020), Environ. Int. 143:105974; Huangfu, P.,
   Atkinson, R. (2020), Environ. Int. 144:105998.
.. [6] WHO Regional Office for Europe (2011). Burden of disease from environmental noise.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

#: Lower age of the adults whose deaths AirQ+ counts for long-term exposure [years]: the
#: cohorts behind the relative risks (Chen & Hoek 2020; Huangfu & Atkinson 2020) and the
#: baseline rate ``baseline_mortality_per_100k`` are adults 30+.
AIRQ_ADULT_AGE_YEARS = 30

#: Situations compared by the notebook.
SITUATIONS = ("before", "after")

#: Column of the exposure table holding each level, per situation.
COLUMNS = {
    "before": {
        "lden": "lden_db",
        "lnight": "lnight_db",
        "no2": "no2_ug_m3",
        "pm25": "pm25_ug_m3",
    },
    "after": {
        "lden": "lden_after_db",
        "lnight": "lnight_after_db",
        "no2": "no2_after_ug_m3",
        "pm25": "pm25_after_ug_m3",
    },
}


def _v(table, key: str) -> float:
    return float(table.loc[key, "value"])


# ------------------------------------------------------------------------------ noise
def percent_highly_annoyed(lden_db, erf):
    """%HA for road traffic noise: ``78.9270 - 3.1162 Lden + 0.0342 Lden²``.

    Zero below the lower limit of the data (``ha_min_lden_db``, 45 dB): the quadratic has
    its minimum near 45.6 dB and must not be extrapolated below.

    Parameters
    ----------
    lden_db : float or array
        Lden at the most exposed façade [dB].
    erf : pandas.DataFrame
        ``reference.noise_health()`` (keys ``ha_intercept``, ``ha_linear``,
        ``ha_quadratic``, ``ha_min_lden_db``).

    Returns
    -------
    float or ndarray
        Percentage of highly annoyed people [%].

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (2); Guski et al. 2017.
    """
    x = np.asarray(lden_db, dtype=float)
    p = _v(erf, "ha_intercept") + _v(erf, "ha_linear") * x + _v(erf, "ha_quadratic") * x**2
    out = np.where(x >= _v(erf, "ha_min_lden_db"), np.clip(p, 0.0, 100.0), 0.0)
    return out if out.ndim else float(out)


def percent_highly_sleep_disturbed(lnight_db, erf):
    """%HSD for road traffic noise: ``19.4312 - 0.9336 Lnight + 0.0126 Lnight²``.

    Zero below ``hsd_min_lnight_db`` (40 dB, lower end of the data).

    Parameters
    ----------
    lnight_db : float or array
        Lnight at the most exposed façade [dB].
    erf : pandas.DataFrame
        ``reference.noise_health()``.

    Returns
    -------
    float or ndarray
        Percentage of highly sleep-disturbed people [%].

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (3); Basner & McGuire 2018.
    """
    x = np.asarray(lnight_db, dtype=float)
    p = _v(erf, "hsd_intercept") + _v(erf, "hsd_linear") * x + _v(erf, "hsd_quadratic") * x**2
    out = np.where(x >= _v(erf, "hsd_min_lnight_db"), np.clip(p, 0.0, 100.0), 0.0)
    return out if out.ndim else float(out)


def ihd_relative_risk(lden_db, erf, rr_per_10: float | None = None):
    """Relative risk of IHD incidence: ``exp(ln(RR10)/10 (Lden - 53))`` above 53 dB, else 1.

    Parameters
    ----------
    lden_db : float or array
        Lden [dB].
    erf : pandas.DataFrame
        ``reference.noise_health()`` (``ihd_rr_per_10db``, ``ihd_threshold_lden_db``).
    rr_per_10 : float, optional
        Relative risk per 10 dB to use instead of the central value (for its CI).

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (1); van Kempen et al. 2018 (RR 1.08 per 10 dB).
    """
    rr10 = _v(erf, "ihd_rr_per_10db") if rr_per_10 is None else float(rr_per_10)
    x = np.asarray(lden_db, dtype=float)
    excess = np.maximum(x - _v(erf, "ihd_threshold_lden_db"), 0.0)
    out = np.exp(math.log(rr10) / 10.0 * excess)
    return out if out.ndim else float(out)


def population_attributable_fraction(population, relative_risk) -> float:
    """PAF over exposure groups: ``Σ p_i (RR_i - 1) / (Σ p_i (RR_i - 1) + 1)``.

    Parameters
    ----------
    population : array
        People in each exposure group.
    relative_risk : array
        Relative risk of each group [-].

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (4).
    """
    pop = np.asarray(population, dtype=float)
    total = pop.sum()
    if total <= 0:
        return 0.0
    s = float(np.sum(pop / total * (np.asarray(relative_risk, dtype=float) - 1.0)))
    return s / (s + 1.0)


def ihd_cases_per_year(
    population, lden_db, erf, incidence_per_100k: float, rr_per_10: float | None = None
) -> float:
    """IHD cases per year attributable to road traffic noise: ``PAF x incidence x N``.

    Parameters
    ----------
    population : array
        People per zone.
    lden_db : array
        Lden per zone [dB].
    erf : pandas.DataFrame
        ``reference.noise_health()``.
    incidence_per_100k : float
        IHD incidence [cases per 100,000 people per year].
    rr_per_10 : float, optional
        Relative risk per 10 dB (default: the central 1.08).

    References
    ----------
    Directive (EU) 2020/367, annex III, eq. (1), (4), (5).
    """
    pop = np.asarray(population, dtype=float)
    paf = population_attributable_fraction(pop, ihd_relative_risk(lden_db, erf, rr_per_10))
    return float(paf * incidence_per_100k / 1e5 * pop.sum())


# -------------------------------------------------------------------------------- air
def airq_relative_risk(concentration_ug_m3, rr_per_10: float, counterfactual_ug_m3: float):
    """Log-linear relative risk of WHO AirQ+: ``exp(β (x - x0))``, ``β = ln(RR10)/10``,
    1 at or below the counterfactual ``x0``.

    Parameters
    ----------
    concentration_ug_m3 : float or array
        Annual mean concentration [µg/m³].
    rr_per_10 : float
        Relative risk for a 10 µg/m³ increase [-].
    counterfactual_ug_m3 : float
        Concentration below which no effect is counted [µg/m³].

    References
    ----------
    WHO Europe (2021), AirQ+ methods; Chen & Hoek 2020; Huangfu & Atkinson 2020.
    """
    x = np.asarray(concentration_ug_m3, dtype=float)
    out = np.exp(math.log(rr_per_10) / 10.0 * np.maximum(x - counterfactual_ug_m3, 0.0))
    return out if out.ndim else float(out)


def attributable_fraction(relative_risk):
    """AirQ+ attributable fraction ``AF = (RR - 1) / RR``.

    References
    ----------
    WHO Europe (2021), AirQ+ methods.
    """
    rr = np.asarray(relative_risk, dtype=float)
    out = (rr - 1.0) / rr
    return out if out.ndim else float(out)


def attributable_deaths_per_year(
    population,
    concentration_ug_m3,
    rr_per_10: float,
    counterfactual_ug_m3: float,
    baseline_mortality_per_100k: float,
    adult_share: float,
) -> float:
    """Deaths per year attributable to long-term exposure (adults 30+), AirQ+ style.

    ``Σ_i AF_i x rate x N_i x share30+``, one exposure level per zone.

    Parameters
    ----------
    population : array
        People per zone (all ages).
    concentration_ug_m3 : array
        Annual mean concentration per zone [µg/m³].
    rr_per_10 : float
        Relative risk per 10 µg/m³ [-].
    counterfactual_ug_m3 : float
        Counterfactual concentration [µg/m³].
    baseline_mortality_per_100k : float
        All-cause deaths of adults 30+ [per 100,000 adults 30+ per year].
    adult_share : float
        Share of adults 30+ in the population [-].

    References
    ----------
    WHO Europe (2021), AirQ+; Santé publique France (2021) for the French practice.
    """
    pop = np.asarray(population, dtype=float)
    af = attributable_fraction(
        airq_relative_risk(concentration_ug_m3, rr_per_10, counterfactual_ug_m3)
    )
    return float(np.sum(af * pop) * adult_share * baseline_mortality_per_100k / 1e5)


# ----------------------------------------------------------------------- exposure bands
def noise_band_edges(start_db: float, stop_db: float = 75.0, width_db: float = 5.0):
    """Lower edges [dB] of the 5 dB bands from ``start_db`` to ``stop_db`` (Directive
    2002/49/EC annex VI bands, extended down to ``start_db``): the bands are ``< edges[0]``,
    ``[edges[i], edges[i+1])`` and ``≥ edges[-1]``."""
    return np.arange(start_db, stop_db + width_db / 2, width_db)


def population_by_noise_band(
    population, level_db, start_db: float, stop_db: float = 75.0, width_db: float = 5.0
):
    """People per 5 dB band of a noise indicator (Directive 2002/49/EC annex VI bands,
    extended down to ``start_db``: 45 dB for Lden, 40 dB for Lnight as the WHO guidelines).

    A zone at 54.9 dB falls in the 50-54 band (levels are rounded down, as in strategic
    noise maps).

    Returns
    -------
    ndarray
        People per band [inhabitants], ``len(noise_band_edges(...)) + 1`` bands in
        increasing order (below the first edge, between edges, at or above the last).
    """
    edges = noise_band_edges(start_db, stop_db, width_db)
    idx = np.searchsorted(edges, np.floor(np.asarray(level_db, dtype=float)), side="right")
    return np.bincount(idx, weights=np.asarray(population, dtype=float), minlength=len(edges) + 1)


#: Lower edges [dB Lden] of the bands of residents the brief counts before and after:
#: Directive 2002/49/EC annex VI (55-59, 60-64, 65-69, 70-74, >= 75), the two top bands
#: merged; below 55 dB one band.
RESIDENT_BAND_EDGES_DB = (55.0, 60.0, 65.0, 70.0)
#: Lden [dB] from which the headline counts residents: lower edge of the annex VI 65-69 dB
#: band (a band edge, not a legal limit: the French limit value for road noise is 68 dB Lden).
HEADLINE_LDEN_DB = 65.0


def residents_by_band(population, level_db, edges_db=RESIDENT_BAND_EDGES_DB) -> np.ndarray:
    """Residents per Lden band ``< edges[0]``, ``[edges[i], edges[i+1])``, ``>= edges[-1]``.

    A level is rounded down before it is placed (as in strategic noise maps): 64.9 dB
    is in the band below 65.

    Parameters
    ----------
    population : array
        Residents per zone.
    level_db : array
        Lden per zone [dB].
    edges_db : sequence of float
        Lower edges of the bands above the first [dB].

    Returns
    -------
    ndarray of int
        Residents per band, ``len(edges_db) + 1`` bands, lowest first (rounded to whole
        persons).

    References
    ----------
    Directive 2002/49/EC, annex VI (5 dB bands of Lden from 55 dB).
    """
    idx = np.searchsorted(
        np.asarray(edges_db, dtype=float),
        np.floor(np.asarray(level_db, dtype=float)),
        side="right",
    )
    counts = np.bincount(
        idx, weights=np.asarray(population, dtype=float), minlength=len(edges_db) + 1
    )
    return np.rint(counts).astype(int)


def residents_at_or_above(population, level_db, threshold_db: float) -> float:
    """Residents whose level is at or above ``threshold_db`` [inhabitants]."""
    pop = np.asarray(population, dtype=float)
    return float(pop[np.asarray(level_db, dtype=float) >= threshold_db].sum())


@dataclass(frozen=True)
class DalyComparison:
    """Noise and air burdens on one metric (:func:`daly_comparison`).

    Attributes
    ----------
    noise, noise_low, noise_high : float
        DALYs of high annoyance and high sleep disturbance, central and with the low and
        high disability weights [DALY/year]; heart disease is not counted.
    air, air_low, air_high : float
        Years of life lost to PM2.5 deaths, central and with the relative risk's confidence
        interval [YLL/year]; illness without death is not counted.
    yll_per_death : float
        Years of life lost per attributable death [years].
    larger : {"noise", "air", "overlap"}
        Which burden is larger over both ranges; "overlap" when the ranges cross.
    """

    noise: float
    noise_low: float
    noise_high: float
    air: float
    air_low: float
    air_high: float
    yll_per_death: float
    larger: str


def daly_comparison(
    burden: Burden, dw, weights: Mapping[str, float], yll_per_death: float
) -> DalyComparison:
    """Compare the noise and PM2.5 burdens of one situation in DALYs per year.

    Noise: ``HA x DW_HA + HSD x DW_HSD`` (prevalence x weight, one year per year), with the
    published low and high weights for the range. Air: ``deaths x YLL per death`` (years of
    life lost, the mortality part of the DALY). PM2.5 stands for air (NO2 deaths overlap
    with it and are not added). The larger burden is the one whose low end lies above the
    other's high end; otherwise the ranges overlap and neither is said to be larger.

    Parameters
    ----------
    burden : Burden
        One situation (:func:`burden`).
    dw : pandas.DataFrame
        ``reference.disability_weights()`` (``low``, ``high`` of each weight).
    weights : mapping
        Central weights ``high_annoyance``, ``high_sleep_disturbance`` [-].
    yll_per_death : float
        Years of life lost per death attributable to PM2.5 [years].

    Returns
    -------
    DalyComparison

    References
    ----------
    WHO Regional Office for Europe (2011), Burden of disease from environmental noise,
    chapters 5 and 6 (disability weights, prevalence-based DALYs); EEA (2016), Air quality
    in Europe — 2016 report, tables 10.1-10.2 (years of life lost per premature death).
    """
    ha, hsd = burden.highly_annoyed, burden.highly_sleep_disturbed

    def noise(which: str) -> float:
        def w(key: str) -> float:
            return float(weights[key] if which == "value" else dw.loc[key, which])

        return ha * w("high_annoyance") + hsd * w("high_sleep_disturbance")

    n, n_lo, n_hi = noise("value"), noise("low"), noise("high")
    a = burden.pm25_deaths_per_year * yll_per_death
    a_lo = burden.pm25_deaths_per_year_low * yll_per_death
    a_hi = burden.pm25_deaths_per_year_high * yll_per_death
    larger = "noise" if n_lo > a_hi else "air" if a_lo > n_hi else "overlap"
    return DalyComparison(n, n_lo, n_hi, a, a_lo, a_hi, float(yll_per_death), larger)


def air_quality_thresholds(air, pollutant: str) -> list[tuple[str, float]]:
    """WHO 2021 annual guideline and interim targets of a pollutant, lowest first.

    Parameters
    ----------
    air : pandas.DataFrame
        ``reference.air_health()``.
    pollutant : {"pm25", "no2"}

    Returns
    -------
    list of (tag, value [µg/m³])
        ``tag`` is ``"aqg"`` for the guideline, ``"it1"``, ``"it2"``... for the interim
        targets.
    """
    rows = air[air["key"].str.match(rf"^{pollutant}_(aqg|it\d)_ug_m3$")]
    out = [(key.split("_")[1], float(r["value"])) for key, r in rows.iterrows()]
    return sorted(out, key=lambda t: t[1])


def population_by_air_threshold(population, concentration_ug_m3, thresholds):
    """People per class of concentration against the WHO guideline and interim targets.

    Classes: at or below the guideline, then each interval up to the next target, then
    above the highest interim target.

    Parameters
    ----------
    population, concentration_ug_m3 : array
        Inhabitants and annual concentration [µg/m³] per zone.
    thresholds : list of (tag, value)
        From :func:`air_quality_thresholds`.

    Returns
    -------
    ndarray
        People per class [inhabitants], ``len(thresholds) + 1`` classes, lowest first.
    """
    values = [v for _, v in thresholds]
    x = np.asarray(concentration_ug_m3, dtype=float)
    idx = np.searchsorted(values, x, side="left")  # x == threshold counts as meeting it
    return np.bincount(idx, weights=np.asarray(population, dtype=float), minlength=len(values) + 1)


# -------------------------------------------------------------------------- situations
def situation_levels(exposure, situation: str, facade_correction_db: float = 0.0):
    """Levels of one situation as a DataFrame (``population``, ``lden``, ``lnight``,
    ``no2``, ``pm25``); the "after" columns fall back on "before" where empty.

    ``facade_correction_db`` is added to the noise levels (the French implementation of the
    Directive uses the most exposed façade minus 3 dB: pass -3); 0 applies levels as given.
    """
    import pandas as pd

    out = pd.DataFrame(
        {"zone": exposure["zone"], "population": exposure["population"].astype(float)}
    )
    for name, col in COLUMNS[situation].items():
        before = exposure[COLUMNS["before"][name]].astype(float)
        values = exposure[col].astype(float).fillna(before) if col in exposure else before
        out[name] = values + (facade_correction_db if name in ("lden", "lnight") else 0.0)
    return out


def other_source_levels(exposure, site_lden_db=None, site_lnight_db=None):
    """Levels of the sources a berm does not screen, per zone: the exposure's
    ``lden_other_db``/``lnight_other_db`` where given, else the site-wide values, else none.

    Parameters
    ----------
    exposure : pandas.DataFrame
        Exposure table (optional columns ``lden_other_db``, ``lnight_other_db``).
    site_lden_db, site_lnight_db : float, optional
        Site-wide Lden and Lnight of the unscreened sources at every zone [dB].

    Returns
    -------
    tuple of ndarray
        Lden and Lnight of the other sources per zone [dB]; ``-inf`` where there is none.
    """
    out = []
    for col, site in (("lden_other_db", site_lden_db), ("lnight_other_db", site_lnight_db)):
        default = -np.inf if site is None else float(site)
        values = exposure[col].astype(float) if col in exposure else None
        if values is None:
            out.append(np.full(len(exposure), default))
        else:
            out.append(values.fillna(default).to_numpy(float))
    return out[0], out[1]


@dataclass(frozen=True)
class BermEffect:
    """What a finite berm does to the level of a zone (:func:`berm_effect`).

    Attributes
    ----------
    road_db : ndarray
        Level of the screened road alone, before the berm [dB].
    road_after_db : ndarray
        Level of the road alone with the berm [dB].
    road_change_db : ndarray
        Drop of the road's own level [dB(A)].
    after_db : ndarray
        Total level with the berm [dB].
    change_db : ndarray
        Drop of the total level, what residents hear [dB].
    """

    road_db: np.ndarray
    road_after_db: np.ndarray
    road_change_db: np.ndarray
    after_db: np.ndarray
    change_db: np.ndarray


@dataclass(frozen=True)
class ReceiverBermEffect:
    """The berm's effect on the total Lden at the reference receiver
    (:func:`reference_berm_effect`).

    Attributes
    ----------
    before_db, after_db : float
        Total Lden at the receiver without and with the berm [dB].
    change_db : float
        Drop of the total Lden [dB].
    road_db, road_after_db : float
        Lden of the screened road alone, without and with the berm [dB].
    road_change_db : float
        Drop of the whole road's level (finite berm) [dB(A)].
    other_db : float
        Lden of the sources the berm does not screen [dB] (``-inf``: none).
    screened_share : float
        Share of the road's energy within the berm's angle of view [-].
    insertion_loss_dba : float
        Insertion loss of the berm for the road in front of it [dB(A)].
    zone : str or None
        The zone whose levels were borrowed (None: all given as parameters).
    """

    before_db: float
    after_db: float
    change_db: float
    road_db: float
    road_after_db: float
    road_change_db: float
    other_db: float
    screened_share: float
    insertion_loss_dba: float
    zone: str | None


def berm_effect(before_db, insertion_loss_db, screened_share=1.0, other_db=-np.inf):
    """What a finite berm does to the total level of a zone (road + other sources).

    The "before" level is the total: the screened road's own level is what remains once
    the other sources are removed (energetic difference). The berm lowers the road by its
    insertion loss within its angle of view only; the road beyond its ends and the other
    sources are unchanged:
    ``L_after = 10 lg[s 10^((L_road - IL)/10) + (1 - s) 10^(L_road/10) + 10^(L_other/10)]``.

    Parameters
    ----------
    before_db : float or array
        Total level without the berm [dB].
    insertion_loss_db : float or array
        Insertion loss of the berm for the road in front of it [dB(A)].
    screened_share : float or array
        Share of the road's energy seen through the berm
        (:func:`.acoustics.angle_of_view_share`) [-]; 1: an infinitely long berm.
    other_db : float or array
        Level of the sources the berm does not screen [dB], below ``before_db``;
        ``-inf``: the road is the only source.

    Returns
    -------
    BermEffect

    Raises
    ------
    ValueError
        When the other sources are not below the total level.

    References
    ----------
    ISO 9613-2:1996 eq. 5 and §7.4; CRTN (1988) Chart 10 (angle of view); see
    ``qsp_lib.evaluation.model.acoustics.finite_berm_level``.
    """
    from qsp_lib.evaluation.model import acoustics

    before = np.asarray(before_db, dtype=float)
    road = acoustics.level_difference(before, other_db)
    road_change = acoustics.finite_berm_road_change(insertion_loss_db, screened_share)
    after = acoustics.finite_berm_level(road, insertion_loss_db, screened_share, other_db)
    return BermEffect(
        road_db=road,
        road_after_db=np.asarray(road, dtype=float) - road_change,
        road_change_db=road_change,
        after_db=after,
        change_db=before - after,
    )


def nearest_zone(exposure, distance_m: float, height_m: float) -> int | None:
    """Position of the zone closest to a receiver in the cross-section (distance to the
    road axis and height), or None when no zone has both.

    Parameters
    ----------
    exposure : pandas.DataFrame
        Exposure table (``distance_to_road_m``, ``receiver_height_m``).
    distance_m, height_m : float
        The receiver's distance to the road axis and height [m].
    """
    d = exposure["distance_to_road_m"].to_numpy(float)
    h = exposure["receiver_height_m"].to_numpy(float)
    gap = np.hypot(d - distance_m, h - height_m)
    if not np.isfinite(gap).any():
        return None
    return int(np.nanargmin(gap))


def reference_berm_effect(
    exposure,
    insertion_loss_db: float,
    screened_share: float,
    distance_m: float,
    height_m: float,
    lden_db: float | None = None,
    other_lden_db: float | None = None,
):
    """The berm's effect on the total Lden at the reference receiver.

    The receiver's "before" Lden is ``lden_db`` when given, else that of the nearest zone
    (:func:`nearest_zone`); the other sources are ``other_lden_db`` when given, else the
    nearest zone's ``lden_other_db``, else none.

    Parameters
    ----------
    exposure : pandas.DataFrame
        Exposure table after :func:`derive_after_noise` (``lden_other_db`` resolved).
    insertion_loss_db : float
        Insertion loss of the berm at the receiver for the road in front of it [dB(A)].
    screened_share : float
        Share of the road's energy within the berm's angle of view at the receiver [-].
    distance_m, height_m : float
        Receiver's distance to the road axis and height [m].
    lden_db : float, optional
        Total Lden at the receiver without the berm [dB].
    other_lden_db : float, optional
        Lden of the sources the berm does not screen [dB].

    Returns
    -------
    ReceiverBermEffect or None
        None when no level is known.

    References
    ----------
    ISO 9613-2:1996 eq. 5 and §7.4; CRTN (1988) Chart 10.
    """
    i = nearest_zone(exposure, distance_m, height_m)
    zone = None
    if lden_db is None:
        if i is None:
            return None
        lden_db = float(exposure["lden_db"].iloc[i])
        zone = str(exposure["zone"].iloc[i])
    if other_lden_db is None:
        other_lden_db = -np.inf
        if i is not None and "lden_other_db" in exposure:
            own = float(exposure["lden_other_db"].iloc[i])
            if np.isfinite(own):
                other_lden_db = own
                zone = str(exposure["zone"].iloc[i])
    effect = berm_effect(lden_db, insertion_loss_db, screened_share, other_lden_db)
    return ReceiverBermEffect(
        before_db=float(lden_db),
        after_db=float(effect.after_db),
        change_db=float(effect.change_db),
        road_db=float(effect.road_db),
        road_after_db=float(effect.road_after_db),
        road_change_db=float(effect.road_change_db),
        other_db=float(other_lden_db),
        screened_share=float(screened_share),
        insertion_loss_dba=float(insertion_loss_db),
        zone=zone,
    )


def derive_after_noise(
    exposure,
    insertion_loss_db,
    screened_share=1.0,
    other_lden_db=-np.inf,
    other_lnight_db=-np.inf,
):
    """Fill the "after" noise columns where empty with the berm's effect on the total level.

    Each zone's "before" level is the total of the screened road and of the other sources
    (:func:`berm_effect`). With the defaults (a berm of infinite length, no other source)
    "after" is simply "before" minus the insertion loss.

    Parameters
    ----------
    exposure : pandas.DataFrame
        Exposure table (``lden_db``, ``lnight_db`` and optional after columns).
    insertion_loss_db : array
        A-weighted insertion loss of the berm at each zone [dB(A)].
    screened_share : float or array
        Share of the road's energy screened at each zone [-]
        (``qsp_lib.evaluation.model.acoustics.angle_of_view_share``).
    other_lden_db, other_lnight_db : float or array
        Lden / Lnight of the unscreened other sources at each zone [dB]
        (:func:`other_source_levels`); ``-inf``: none.

    Returns
    -------
    pandas.DataFrame
        A copy with ``lden_after_db``/``lnight_after_db`` filled (a given value is kept),
        ``berm_insertion_loss_dba``, ``berm_screened_share``, ``berm_road_change_db`` (drop
        of the road's own level), ``lden_other_db``/``lnight_other_db`` (NaN: none),
        ``lden_road_db``/``lnight_road_db`` (the road alone, before) and
        ``lden_change_db``/``lnight_change_db`` (drop of the total level).
    """
    import pandas as pd

    out = exposure.copy()
    il = np.asarray(insertion_loss_db, dtype=float)
    share = np.broadcast_to(np.asarray(screened_share, dtype=float), il.shape)
    out["berm_insertion_loss_dba"] = il
    out["berm_screened_share"] = share
    for name, other in (("lden", other_lden_db), ("lnight", other_lnight_db)):
        other = np.broadcast_to(np.asarray(other, dtype=float), il.shape)
        effect = berm_effect(out[f"{name}_db"].to_numpy(float), il, share, other)
        after = f"{name}_after_db"
        derived = effect.after_db
        if after in out:
            out[after] = out[after].astype(float).fillna(pd.Series(derived, index=out.index))
        else:
            out[after] = derived
        out[f"{name}_other_db"] = np.where(np.isfinite(other), other, np.nan)
        out[f"{name}_road_db"] = effect.road_db
        out[f"{name}_change_db"] = out[f"{name}_db"].astype(float) - out[after]
        if name == "lden":
            out["berm_road_change_db"] = effect.road_change_db
    return out


@dataclass(frozen=True)
class Burden:
    """Health burden of one situation (:func:`burden`).

    Attributes
    ----------
    population : float
        Inhabitants [inhabitants].
    pop_above_lden_guideline, pop_above_lnight_guideline : float
        Inhabitants above the WHO (2018) road-noise guideline values (Lden, Lnight)
        [inhabitants].
    pop_above_pm25_aqg, pop_above_no2_aqg : float
        Inhabitants above the WHO (2021) annual air quality guideline [inhabitants].
    highly_annoyed, highly_sleep_disturbed : float
        People highly annoyed by noise, highly sleep disturbed [persons].
    dalys_per_year : float
        Disability-adjusted life years of annoyance and sleep disturbance [DALY/year].
    ihd_cases_per_year, ihd_cases_per_year_low, ihd_cases_per_year_high : float
        Ischaemic heart disease cases attributable to noise, central and the range of the
        relative risk's confidence interval [cases/year].
    pm25_deaths_per_year, pm25_deaths_per_year_low, pm25_deaths_per_year_high : float
        Deaths attributable to PM2.5 (adults 30+), central and range [deaths/year].
    no2_deaths_per_year, no2_deaths_per_year_low, no2_deaths_per_year_high : float
        Deaths attributable to NO2 (adults 30+), central and range [deaths/year].
    """

    population: float
    pop_above_lden_guideline: float
    pop_above_lnight_guideline: float
    pop_above_pm25_aqg: float
    pop_above_no2_aqg: float
    highly_annoyed: float
    highly_sleep_disturbed: float
    dalys_per_year: float
    ihd_cases_per_year: float
    ihd_cases_per_year_low: float
    ihd_cases_per_year_high: float
    pm25_deaths_per_year: float
    pm25_deaths_per_year_low: float
    pm25_deaths_per_year_high: float
    no2_deaths_per_year: float
    no2_deaths_per_year_low: float
    no2_deaths_per_year_high: float

    def value(self, key: str) -> float:
        """The figure named ``key`` (a field name) [its unit]."""
        return float(getattr(self, key))

    def bounds(self, key: str) -> tuple[float | None, float | None]:
        """Low and high ends of ``key`` from the relative risk's confidence interval, or
        ``(None, None)`` when the figure has none."""
        return getattr(self, f"{key}_low", None), getattr(self, f"{key}_high", None)


def burden(
    levels,
    erf,
    air,
    dw,
    *,
    pm25_rr_per_10: Mapping[str, float],
    no2_rr_per_10: Mapping[str, float],
    pm25_counterfactual_ug_m3: float,
    no2_counterfactual_ug_m3: float,
    baseline_mortality_per_100k: float,
    adult_30plus_share: float,
    ihd_incidence_per_100k: float,
    disability_weights: Mapping[str, float] | None = None,
) -> Burden:
    """Health burden of one situation.

    Parameters
    ----------
    levels : pandas.DataFrame
        From :func:`situation_levels`.
    erf, air, dw : pandas.DataFrame
        Reference tables ``noise_health``, ``air_health``, ``disability_weights``.
    pm25_rr_per_10, no2_rr_per_10 : mapping
        ``central``, ``low``, ``high`` relative risks per 10 µg/m³.
    pm25_counterfactual_ug_m3, no2_counterfactual_ug_m3 : float
        Counterfactual concentrations [µg/m³].
    baseline_mortality_per_100k : float
        Adults 30+ [per 100,000 per year].
    adult_30plus_share : float
        Share of adults 30+ [-].
    ihd_incidence_per_100k : float
        IHD incidence [per 100,000 per year].
    disability_weights : mapping, optional
        ``high_annoyance`` and ``high_sleep_disturbance`` (default: the reference values).

    Returns
    -------
    Burden

    References
    ----------
    WHO (2018) Environmental Noise Guidelines and Directive (EU) 2020/367 (noise); WHO
    (2021) AirQ+ (air); WHO (2011) Burden of disease from environmental noise (DALYs).
    """
    pop = levels["population"].to_numpy(float)
    weights = {k: float(dw.loc[k, "value"]) for k in ("high_annoyance", "high_sleep_disturbance")}
    weights.update(disability_weights or {})
    ha = float(np.sum(pop * percent_highly_annoyed(levels["lden"], erf) / 100.0))
    hsd = float(np.sum(pop * percent_highly_sleep_disturbed(levels["lnight"], erf) / 100.0))
    out = {
        "population": float(pop.sum()),
        "pop_above_lden_guideline": float(
            pop[levels["lden"].to_numpy() > _v(erf, "who_road_lden_db")].sum()
        ),
        "pop_above_lnight_guideline": float(
            pop[levels["lnight"].to_numpy() > _v(erf, "who_road_lnight_db")].sum()
        ),
        "pop_above_pm25_aqg": float(
            pop[levels["pm25"].to_numpy() > _v(air, "pm25_aqg_ug_m3")].sum()
        ),
        "pop_above_no2_aqg": float(pop[levels["no2"].to_numpy() > _v(air, "no2_aqg_ug_m3")].sum()),
        "highly_annoyed": ha,
        "highly_sleep_disturbed": hsd,
        "dalys_per_year": ha * weights["high_annoyance"] + hsd * weights["high_sleep_disturbance"],
    }
    rr_ihd = erf.loc["ihd_rr_per_10db"]
    for suffix, rr in (("", rr_ihd["value"]), ("_low", rr_ihd["low"]), ("_high", rr_ihd["high"])):
        out[f"ihd_cases_per_year{suffix}"] = ihd_cases_per_year(
            pop, levels["lden"], erf, ihd_incidence_per_100k, float(rr)
        )
    for name, rr, x0 in (
        ("pm25", pm25_rr_per_10, pm25_counterfactual_ug_m3),
        ("no2", no2_rr_per_10, no2_counterfactual_ug_m3),
    ):
        for suffix, key in (("", "central"), ("_low", "low"), ("_high", "high")):
            out[f"{name}_deaths_per_year{suffix}"] = attributable_deaths_per_year(
                pop,
                levels[name],
                float(rr[key]),
                x0,
                baseline_mortality_per_100k,
                adult_30plus_share,
            )
    return Burden(**out)
