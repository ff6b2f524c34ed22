"""Evaluation framework (baseline / target / observed) and objectives of pilot operations.

An indicator has a baseline (year, value), a target (year, value), a direction (``hausse``:
higher is better, ``baisse``: lower is better) and observations by year. Its status compares
the latest observation with the linear trajectory from baseline to target, the usual
reading of health impact assessment (EIS) follow-up tables:

- ``atteint``: the latest observation reaches the target value;
- ``en bonne voie``: it is at or beyond the trajectory value of its year;
- ``en retard``: it lags behind the trajectory;
- ``sans donnée``: no observation after the baseline year.

Pilot operations list objectives (``<=`` or ``>=`` a target) and measurements:
``atteint`` / ``non atteint`` / ``non mesuré``, with the gap to the objective.

Plain functions over numbers and DataFrames (readers in ``qsp_lib.evaluation.io``).

References
----------
.. [1] Roué-Le Gall, A., Jabot, F. et al. (2020). ISadOrA : une démarche d'accompagnement à
   l'Intégration de la Santé dans les Opérations d'Aménagement urbain. EHESP, a'urba, FNAU.
.. [2] Roué-Le Gall, A. et al. (2014). Agir pour un urbanisme favorable à la santé, concepts
   & outils. EHESP / DGS (déterminants de santé et suivi des indicateurs).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

STATUSES = ("atteint", "en bonne voie", "en retard", "sans donnée")
#: ``incertain``: a measured value whose uncertainty interval straddles the target
#: (:func:`.measurements.interval_status`).
PILOT_STATUSES = ("atteint", "incertain", "non atteint", "non mesuré")

#: Health results followed as indicators by default (keys of :func:`.health.burden`).
HEALTH_INDICATORS = (
    "pop_above_lden_guideline",
    "highly_annoyed",
    "highly_sleep_disturbed",
    "pm25_deaths_per_year",
    "no2_deaths_per_year",
)


def trajectory_value(
    year: float, baseline_year: int, baseline_value: float, target_year: int, target_value: float
) -> float:
    """Value of the linear trajectory from baseline to target in ``year`` (held at the target
    after the target year)."""
    if target_year == baseline_year:
        return float(target_value)
    t = min(max((year - baseline_year) / (target_year - baseline_year), 0.0), 1.0)
    return float(baseline_value + t * (target_value - baseline_value))


def indicator_status(
    baseline_year: int,
    baseline_value: float,
    target_year: int,
    target_value: float,
    direction: str,
    observations: Mapping[int, float],
) -> dict:
    """Status of one indicator against its linear trajectory.

    Parameters
    ----------
    baseline_year, baseline_value : int, float
        Reference situation [year], [indicator unit].
    target_year, target_value : int, float
        Objective [year], [indicator unit].
    direction : {"hausse", "baisse"}
        Whether a higher (``hausse``) or lower (``baisse``) value is better.
    observations : mapping of int to float
        Observed values by year (NaN or None ignored).

    Returns
    -------
    dict
        ``status`` (one of :data:`STATUSES`), ``last_year``, ``last_value``,
        ``expected_value`` (trajectory in ``last_year``), ``gap`` (observed minus expected,
        signed so that a positive gap is ahead of the trajectory), ``progress`` (share of the
        way from baseline to target, may exceed 1 or be negative).
    """
    if direction not in ("hausse", "baisse"):
        raise ValueError(f"direction must be 'hausse' or 'baisse', not {direction!r}")
    sign = 1.0 if direction == "hausse" else -1.0
    obs = {
        int(y): float(v)
        for y, v in observations.items()
        if v is not None and not np.isnan(float(v)) and int(y) > baseline_year
    }
    out = {
        "status": "sans donnée",
        "last_year": None,
        "last_value": None,
        "expected_value": None,
        "gap": None,
        "progress": None,
    }
    if not obs:
        return out
    year = max(obs)
    value = obs[year]
    expected = trajectory_value(year, baseline_year, baseline_value, target_year, target_value)
    span = target_value - baseline_value
    out.update(
        last_year=year,
        last_value=value,
        expected_value=expected,
        gap=sign * (value - expected),
        progress=(value - baseline_value) / span if span else None,
    )
    if sign * (value - target_value) >= 0:
        out["status"] = "atteint"
    elif sign * (value - expected) >= 0:
        out["status"] = "en bonne voie"
    else:
        out["status"] = "en retard"
    return out


def evaluate_indicators(indicators):
    """Status of every indicator of a framework table.

    Parameters
    ----------
    indicators : pandas.DataFrame
        One row per indicator: ``indicator``, ``theme``, ``unit``, ``direction``,
        ``baseline_year``, ``baseline_value``, ``target_year``, ``target_value`` and
        ``observations`` (a mapping year -> value), as read by
        ``qsp_lib.evaluation.io.read_indicators``.

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``theme``, ``unit``, ``direction``, ``status``, baseline and target,
        ``last_year``, ``last_value``, ``expected_value``, ``gap``, ``progress``.
    """
    import pandas as pd

    rows = []
    for _, r in indicators.iterrows():
        s = indicator_status(
            int(r["baseline_year"]),
            float(r["baseline_value"]),
            int(r["target_year"]),
            float(r["target_value"]),
            str(r["direction"]),
            r["observations"],
        )
        rows.append(
            {
                "indicator": r["indicator"],
                "theme": r["theme"],
                "unit": r["unit"],
                "direction": r["direction"],
                "status": s["status"],
                "baseline_year": int(r["baseline_year"]),
                "baseline_value": float(r["baseline_value"]),
                "target_year": int(r["target_year"]),
                "target_value": float(r["target_value"]),
                "last_year": s["last_year"],
                "last_value": s["last_value"],
                "expected_value": s["expected_value"],
                "gap": s["gap"],
                "progress": s["progress"],
            }
        )
    return pd.DataFrame(rows)


def health_indicators(
    before: Mapping[str, float],
    after: Mapping[str, float],
    baseline_year: int,
    after_year: int,
    keys: Mapping[str, tuple[str, str]],
    theme: str,
):
    """Indicators fed by the health results: baseline = the situation before the project,
    target = the situation after it (the project's own promise), no observation yet.

    Parameters
    ----------
    before, after : mapping
        Result key -> value in the situation before and after the project (for instance
        the fields of :class:`qsp_lib.evaluation.model.health.Burden`).
    baseline_year : int
        Year of the "before" exposure data.
    after_year : int
        Year when the "after" situation is expected (end of works).
    keys : mapping
        Result key -> (label, unit) of each indicator, in order (:data:`HEALTH_INDICATORS`
        are the keys followed by default).
    theme : str
        Health determinant the indicators belong to (an ISadOrA key).

    Returns
    -------
    pandas.DataFrame
        Rows in the layout of the framework table (``observations`` empty).
    """
    import pandas as pd

    rows = []
    for key, (label, unit) in keys.items():
        rows.append(
            {
                "indicator": label,
                "theme": theme,
                "unit": unit,
                "direction": "baisse",
                "baseline_year": int(baseline_year),
                "baseline_value": float(before[key]),
                "target_year": int(after_year),
                "target_value": float(after[key]),
                "observations": {},
            }
        )
    return pd.DataFrame(rows)


def framework_with_health(framework, health_rows):
    """The analyst's framework followed by the indicators fed by the health results
    (:func:`health_indicators`), ready for :func:`evaluate_indicators`."""
    import pandas as pd

    parts = [df for df in (framework, health_rows) if len(df)]
    if not parts:
        return health_rows
    return pd.concat(parts, ignore_index=True)


def pilot_status(pilots):
    """Objectives of the pilot operations against their measurements.

    Parameters
    ----------
    pilots : pandas.DataFrame
        ``operation``, ``objective``, ``unit``, ``comparator`` (``<=`` or ``>=``),
        ``target_value``, ``measured_value`` (NaN when not yet measured), optional
        ``measured_year``, ``note``.

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``status`` (:data:`PILOT_STATUSES`) and ``gap``: measured
        minus target, signed so that a positive gap is a margin and a negative one a
        shortfall (NaN when not measured).
    """
    out = pilots.copy()
    if out.empty:
        return out.assign(gap=[], status=[])
    measured = out["measured_value"].astype(float)
    target = out["target_value"].astype(float)
    sign = np.where(out["comparator"] == ">=", 1.0, -1.0)
    gap = sign * (measured - target)
    out["gap"] = gap
    out["status"] = np.where(
        measured.isna(), "non mesuré", np.where(gap >= 0, "atteint", "non atteint")
    )
    return out


def count_status(statuses, wanted) -> int:
    """How many of ``statuses`` are among ``wanted``."""
    wanted = {wanted} if isinstance(wanted, str) else set(wanted)
    return int(sum(1 for s in statuses if s in wanted))
