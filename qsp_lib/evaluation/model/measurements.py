"""Measured campaigns: noise indicators from a sound level meter's LAeq series, annual-mean
estimates from an air sensor's series, and the status of an objective given an uncertainty.

Noise (Directive 2002/49/EC, annex I): each period's level is the energy mean of the
intervals measured in it, over all the days of the campaign; ``Lden`` weights the evening
+5 dB and the night +10 dB by the periods' durations (12, 4 and 8 h with the French periods
6-18 h, 18-22 h, 22-6 h). The coverage of a period is the share of the intervals expected in
it between the first and the last measurement that are present.

Air (Directive 2008/50/EC): the series is averaged hour by hour, a daily mean is kept when
at least 18 of its 24 hours are present (75 %, annex VII), the campaign mean is the mean of
the valid days. A short campaign is adjusted to an annual mean on a year-round reference
station (ratio method): ``annual ≈ campaign mean × reference annual mean / reference mean
over the campaign's valid days``. Its uncertainty starts from the data-quality objective of
annex I for indicative measurements (25 % for NO2, 50 % for PM2.5), widened when the
campaign covers less of the year than annex I's minimum time coverage (14 %).

An objective is ``atteint`` only when the whole uncertainty interval meets the target,
``incertain`` when the interval straddles it, ``non atteint`` otherwise
(:func:`interval_status`).

Plain functions over numbers, arrays and pandas objects: no file I/O (the readers are in
``qsp_lib.evaluation.io``).

References
----------
.. [1] Directive 2002/49/EC of 25 June 2002 relating to the assessment and management of
   environmental noise, annex I (Lden, Lnight, periods); décret n° 2006-361 and arrêté du
   4 avril 2006 (French periods 6-18 h, 18-22 h, 22-6 h).
.. [2] Directive 2008/50/EC of 21 May 2008 on ambient air quality and cleaner air for
   Europe, annex I (data-quality objectives: indicative measurements, uncertainty 25 % NO2,
   50 % particulate matter, minimum data capture 90 %, minimum time coverage 14 %) and
   annex VII (a daily mean needs 75 % of the hourly values).
.. [3] LCSQA, guide on estimating an annual mean from discontinuous measurements (ratio
   adjustment on a permanent reference station); named in /work/shared/reference/health.md,
   the edition and its uncertainty tables could not be verified offline.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: Evening and night penalties of Lden [dB] (Directive 2002/49/EC, annex I).
LDEN_PENALTY_DB = {"day": 0.0, "evening": 5.0, "night": 10.0}
#: French noise periods: start hour of each [h] (arrêté du 4 avril 2006).
FRENCH_PERIODS = {"day": 6, "evening": 18, "night": 22}
PERIODS = ("day", "evening", "night")
#: Highest LAeq a file may hold [dB] (above: a sensor error, not a sound level).
LAEQ_MAX_DB = 140.0
#: Shortest and longest regular interval of a noise series [s].
NOISE_STEP_RANGE_S = (1, 3600)
#: Hours of a valid daily mean (75 % of 24 h, Directive 2008/50/EC annex VII).
DAILY_MIN_HOURS = 18
#: Data-quality objectives of Directive 2008/50/EC annex I for indicative measurements:
#: relative uncertainty of the annual mean [-].
INDICATIVE_UNCERTAINTY = {"no2": 0.25, "pm25": 0.50}
#: Minimum time coverage (share of the year) and data capture of indicative measurements [-]
#: (Directive 2008/50/EC, annex I).
INDICATIVE_MIN_TIME_COVERAGE = 0.14
INDICATIVE_MIN_DATA_CAPTURE = 0.90
#: Days of a year, for the time coverage [d].
DAYS_PER_YEAR = 365
#: Minimum valid days of a reference station's year [-] (annex I: data capture 90 %).
REFERENCE_MIN_DAYS = 0.90
#: Statuses of a measured objective (:func:`interval_status`).
INTERVAL_STATUSES = ("atteint", "incertain", "non atteint")


class MeasurementError(ValueError):
    """A campaign that cannot give the indicator asked (the message says why)."""


# --------------------------------------------------------------------------- noise
def period_hours(starts: Mapping[str, int]) -> dict[str, float]:
    """Duration of each period [h] from their start hours (day, evening, night, cyclic).

    Examples
    --------
    >>> period_hours({"day": 6, "evening": 18, "night": 22})
    {'day': 12.0, 'evening': 4.0, 'night': 8.0}
    """
    s = [starts[p] for p in PERIODS]
    return {p: float((s[(i + 1) % 3] - s[i]) % 24) for i, p in enumerate(PERIODS)}


def period_of(times: pd.DatetimeIndex, starts: Mapping[str, int]) -> np.ndarray:
    """The period (``day``, ``evening``, ``night``) of each time, by the hour it starts in."""
    hour = np.asarray(times.hour) + np.asarray(times.minute) / 60 + np.asarray(times.second) / 3600
    out = np.full(len(hour), "night", dtype=object)
    d, e, n = (starts[p] for p in PERIODS)

    def within(a: float, b: float) -> np.ndarray:
        return (hour >= a) & (hour < b) if a <= b else (hour >= a) | (hour < b)

    out[within(d, e)] = "day"
    out[within(e, n)] = "evening"
    return out


def energy_mean(levels) -> float:
    """Energy (logarithmic) mean of levels [dB]: ``10 lg(mean(10^(L/10)))``."""
    x = np.asarray(levels, dtype=float)
    return float(10 * np.log10(np.mean(10 ** (x / 10))))


def lden(
    lday: float, levening: float, lnight: float, hours: Mapping[str, float] | None = None
) -> float:
    """Day-evening-night level [dB] (Directive 2002/49/EC, annex I).

    ``Lden = 10 lg[(Td 10^(Lday/10) + Te 10^((Levening+5)/10) + Tn 10^((Lnight+10)/10)) / 24]``
    with the periods' durations ``T`` [h] (12, 4, 8 by default).

    Examples
    --------
    >>> round(lden(60, 55, 50), 2)
    60.0
    """
    hours = hours or period_hours(FRENCH_PERIODS)
    levels = {"day": lday, "evening": levening, "night": lnight}
    total = sum(hours[p] * 10 ** ((levels[p] + LDEN_PENALTY_DB[p]) / 10) for p in PERIODS)
    return float(10 * math.log10(total / sum(hours.values())))


@dataclass(frozen=True)
class NoiseCampaign:
    """Indicators of a noise campaign.

    Attributes
    ----------
    levels : dict
        ``lday``, ``levening``, ``lnight``, ``lden``, ``laeq`` [dB].
    coverage : dict
        Share of the expected intervals present in each period (``day``, ``evening``,
        ``night``) and overall (``all``) [-].
    step_s : int
        Interval of the series [s].
    days : float
        Span of the campaign [d].
    hours : dict
        Duration of each period [h].
    last_day : str
        Day of the last measurement (ISO date).
    """

    levels: dict
    coverage: dict
    step_s: int
    days: float
    hours: dict
    last_day: str

    def value(self, metric: str) -> float:
        """The level of ``metric`` (``lden``, ``lday``, ``levening``, ``lnight``, ``laeq``)."""
        return self.levels[metric]

    def coverage_of(self, metric: str) -> float:
        """Coverage of what ``metric`` rests on: its period, the three for Lden, the whole
        series for LAeq [-]."""
        used = {"lday": ("day",), "levening": ("evening",), "lnight": ("night",)}
        keys = used.get(metric, PERIODS if metric == "lden" else ("all",))
        return min(self.coverage[k] for k in keys)


def noise_campaign(
    times: pd.DatetimeIndex,
    laeq_db,
    step_s: int,
    starts: Mapping[str, int] | None = None,
    min_coverage: float = 0.0,
) -> NoiseCampaign:
    """Lday, Levening, Lnight, Lden and LAeq of a regular LAeq series, with each period's
    coverage.

    Parameters
    ----------
    times : DatetimeIndex
        Start of each interval (sorted, unique, on a grid of ``step_s``).
    laeq_db : array-like
        LAeq of each interval [dB(A)].
    step_s : int
        Interval of the series [s].
    starts : mapping, optional
        Start hour of ``day``, ``evening``, ``night`` [h] (:data:`FRENCH_PERIODS`).
    min_coverage : float
        Lowest coverage of a period accepted [-].

    Returns
    -------
    NoiseCampaign

    Raises
    ------
    MeasurementError
        A period without any measurement, or covered less than ``min_coverage``.

    References
    ----------
    Directive 2002/49/EC, annex I.
    """
    starts = dict(starts or FRENCH_PERIODS)
    levels = np.asarray(laeq_db, dtype=float)
    grid = pd.date_range(times[0], times[-1], freq=pd.Timedelta(seconds=step_s))
    expected = pd.Series(period_of(grid, starts)).value_counts()
    present_period = period_of(times, starts)
    coverage, out = {}, {}
    for p in PERIODS:
        mask = present_period == p
        n_expected = int(expected.get(p, 0))
        if not mask.any():
            raise MeasurementError(
                f"aucune mesure dans la période {p} ({starts[p]} h) : l'indicateur ne peut pas "
                "être calculé (période sans donnée)"
            )
        coverage[p] = float(mask.sum() / n_expected)
        if coverage[p] < min_coverage:
            raise MeasurementError(
                f"période {p} couverte à {coverage[p] * 100:.0f} % seulement ({mask.sum()} "
                f"intervalles sur {n_expected} attendus) ; minimum {min_coverage * 100:.0f} %"
            )
        out[f"l{p}"] = energy_mean(levels[mask])
    coverage["all"] = float(len(levels) / len(grid))
    hours = period_hours(starts)
    out["lden"] = lden(out["lday"], out["levening"], out["lnight"], hours)
    out["laeq"] = energy_mean(levels)
    days = (times[-1] - times[0]).total_seconds() / 86400 + step_s / 86400
    return NoiseCampaign(
        out, coverage, int(step_s), float(days), hours, times[-1].date().isoformat()
    )


# ----------------------------------------------------------------------------- air
def daily_means(series: pd.Series, min_hours: int = DAILY_MIN_HOURS) -> pd.DataFrame:
    """Hourly then daily means of a concentration series.

    Parameters
    ----------
    series : Series
        Concentrations [µg/m³] indexed by time (hourly or finer; NaN: missing).
    min_hours : int
        Hours a day needs for a valid daily mean (18: 75 %, Directive 2008/50/EC annex VII).

    Returns
    -------
    DataFrame
        Index: days; ``hours`` (hours with data), ``mean`` [µg/m³] (mean of the hourly means
        of the day), ``valid`` (``hours >= min_hours``).
    """
    hourly = series.dropna().resample("1h").mean().dropna()
    by_day = hourly.groupby(hourly.index.normalize())
    out = pd.DataFrame({"hours": by_day.size(), "mean": by_day.mean()})
    out["valid"] = out["hours"] >= min_hours
    return out


def indicative_uncertainty(
    pollutant: str, time_coverage: float, min_time_coverage: float = INDICATIVE_MIN_TIME_COVERAGE
) -> float:
    """Relative expanded uncertainty of an annual mean from a campaign [-].

    The data-quality objective of Directive 2008/50/EC annex I for indicative measurements
    (:data:`INDICATIVE_UNCERTAINTY`) when the campaign covers at least ``min_time_coverage``
    of the year; below, widened by ``sqrt(min_time_coverage / time_coverage)``, the
    sampling error of a mean of independent days (a hypothesis of this note: the annex
    gives no figure below its minimum coverage).

    Examples
    --------
    >>> indicative_uncertainty("no2", 0.14)
    0.25
    >>> round(indicative_uncertainty("no2", 0.035), 3)
    0.5
    """
    base = INDICATIVE_UNCERTAINTY[pollutant]
    if time_coverage <= 0:
        raise MeasurementError("une couverture temporelle nulle")
    return float(base * max(1.0, math.sqrt(min_time_coverage / time_coverage)))


@dataclass(frozen=True)
class AirCampaign:
    """Annual-mean estimate of one pollutant from a campaign.

    Attributes
    ----------
    pollutant : str
        ``no2`` or ``pm25``.
    campaign_mean : float
        Mean of the valid daily means [µg/m³].
    valid_days, days : int
        Valid days and days with any data [d].
    data_capture : float
        Share of the hours of the days with any data that have data [-].
    time_coverage : float
        Valid days over a year [-].
    ratio : float or None
        Reference annual mean / reference mean over the valid days (None: no reference).
    reference_annual, reference_campaign : float or None
        Reference station's annual mean and mean over the campaign's valid days [µg/m³].
    annual_mean : float
        Estimate of the annual mean [µg/m³] (the campaign mean without reference).
    uncertainty : float
        Relative expanded uncertainty [-] (:func:`indicative_uncertainty`).
    excluded_days : tuple
        Days below the hours needed (ISO dates).
    last_day : str
        Last day with data (ISO date).
    """

    pollutant: str
    campaign_mean: float
    valid_days: int
    days: int
    data_capture: float
    time_coverage: float
    ratio: float | None
    reference_annual: float | None
    reference_campaign: float | None
    annual_mean: float
    uncertainty: float
    excluded_days: tuple
    last_day: str

    @property
    def interval(self) -> tuple[float, float]:
        """Low and high ends of the annual mean [µg/m³]."""
        return (
            self.annual_mean * (1 - self.uncertainty),
            self.annual_mean * (1 + self.uncertainty),
        )


def air_campaign(
    series: pd.Series, pollutant: str, reference: pd.Series | None = None
) -> AirCampaign:
    """Campaign mean and annual-mean estimate of one pollutant (ratio method).

    Parameters
    ----------
    series : Series
        The campaign's concentrations [µg/m³] indexed by time (hourly or finer).
    pollutant : {"no2", "pm25"}
    reference : Series, optional
        The same pollutant at a year-round reference station, a full year [µg/m³].

    Returns
    -------
    AirCampaign

    Raises
    ------
    MeasurementError
        No valid day; a reference without a valid day on one of the campaign's valid days,
        or covering less than a year.

    References
    ----------
    Directive 2008/50/EC, annexes I and VII; LCSQA guide on annual means from
    discontinuous measurements (ratio method).
    """
    days = daily_means(series)
    valid = days[days["valid"]]
    if valid.empty:
        raise MeasurementError(
            f"aucun jour valide (au moins {DAILY_MIN_HOURS} heures sur 24, directive "
            "2008/50/CE annexe VII)"
        )
    hours = int(days["hours"].sum())
    campaign_mean = float(valid["mean"].mean())
    time_coverage = len(valid) / DAYS_PER_YEAR
    ratio = ref_annual = ref_campaign = None
    annual = campaign_mean
    if reference is not None:
        ref_days = daily_means(reference)
        ref_valid = ref_days[ref_days["valid"]]
        span = (ref_days.index[-1] - ref_days.index[0]).days + 1
        if span < DAYS_PER_YEAR or len(ref_valid) < REFERENCE_MIN_DAYS * DAYS_PER_YEAR:
            raise MeasurementError(
                f"une station de référence sur une année complète : {span} jours couverts, "
                f"{len(ref_valid)} jours valides (au moins {DAYS_PER_YEAR} jours et "
                f"{REFERENCE_MIN_DAYS * 100:.0f} % de jours valides)"
            )
        missing = [d for d in valid.index if d not in ref_valid.index]
        if missing:
            raise MeasurementError(
                "la station de référence n'a pas de moyenne journalière valide le "
                + ", ".join(d.date().isoformat() for d in missing[:5])
                + (" …" if len(missing) > 5 else "")
                + " (jour(s) valide(s) de la campagne)"
            )
        ref_annual = float(ref_valid["mean"].mean())
        ref_campaign = float(ref_valid.loc[valid.index, "mean"].mean())
        if ref_campaign <= 0:
            raise MeasurementError("une moyenne de référence positive sur les jours de campagne")
        ratio = ref_annual / ref_campaign
        annual = campaign_mean * ratio
    return AirCampaign(
        pollutant=pollutant,
        campaign_mean=campaign_mean,
        valid_days=len(valid),
        days=len(days),
        data_capture=float(hours / (24 * len(days))),
        time_coverage=float(time_coverage),
        ratio=ratio,
        reference_annual=ref_annual,
        reference_campaign=ref_campaign,
        annual_mean=float(annual),
        uncertainty=indicative_uncertainty(pollutant, time_coverage),
        excluded_days=tuple(d.date().isoformat() for d in days.index[~days["valid"]]),
        last_day=days.index[-1].date().isoformat(),
    )


# -------------------------------------------------------------------------- status
def interval_status(low: float, high: float, comparator: str, target: float) -> str:
    """Status of an objective given the uncertainty interval of its measured value.

    Parameters
    ----------
    low, high : float
        Ends of the interval [the objective's unit] (equal for a value without uncertainty).
    comparator : {"<=", ">="}
        The measured value must be at most (``<=``) or at least (``>=``) the target.
    target : float
        The objective [the objective's unit].

    Returns
    -------
    str
        ``atteint`` when the whole interval meets the target, ``non atteint`` when none of
        it does, ``incertain`` when it straddles the target.

    Examples
    --------
    >>> interval_status(15, 21, "<=", 20)
    'incertain'
    >>> interval_status(15, 19, "<=", 20)
    'atteint'
    """
    if comparator not in ("<=", ">="):
        raise ValueError(f"comparator must be '<=' or '>=', not {comparator!r}")
    if low > high:
        raise ValueError(f"low ({low}) > high ({high})")
    meets = (lambda x: x <= target) if comparator == "<=" else (lambda x: x >= target)
    if meets(low) and meets(high):
        return "atteint"
    if not meets(low) and not meets(high):
        return "non atteint"
    return "incertain"
