"""Evaluation framework and pilot objectives: statuses on hand-made trajectories."""

import math

import pandas as pd
import pytest

from qsp_lib.evaluation.model import indicators


def _status(direction, observations, baseline=(2020, 0.0), target=(2030, 100.0)):
    return indicators.indicator_status(
        baseline[0], baseline[1], target[0], target[1], direction, observations
    )


def test_trajectory_is_linear_and_held_after_the_target():
    assert indicators.trajectory_value(2025, 2020, 0, 2030, 100) == 50
    assert indicators.trajectory_value(2035, 2020, 0, 2030, 100) == 100
    assert indicators.trajectory_value(2018, 2020, 0, 2030, 100) == 0


def test_statuses_on_hand_made_trajectories_upwards():
    # baseline 0 in 2020, target 100 in 2030: the trajectory is 50 in 2025
    s = _status("hausse", {2025: 60})
    assert s["status"] == "en bonne voie" and s["gap"] == pytest.approx(10)
    assert s["expected_value"] == 50 and s["progress"] == pytest.approx(0.6)
    assert _status("hausse", {2025: 50})["status"] == "en bonne voie"  # on the line
    late = _status("hausse", {2023: 10, 2025: 40})
    assert late["status"] == "en retard" and late["gap"] == pytest.approx(-10)
    assert late["last_year"] == 2025  # the latest observation decides
    assert _status("hausse", {2024: 100})["status"] == "atteint"
    # a good early year does not hide a later slip
    assert _status("hausse", {2022: 90, 2026: 55})["status"] == "en retard"


def test_statuses_downwards():
    # NO2 from 30 (2019) to 20 (2030): trajectory 26.36 in 2023
    s = indicators.indicator_status(2019, 30, 2030, 20, "baisse", {2023: 26})
    assert s["status"] == "en bonne voie"
    assert s["gap"] == pytest.approx(30 - 10 * 4 / 11 - 26)
    assert indicators.indicator_status(2019, 30, 2030, 20, "baisse", {2023: 28})["status"] == (
        "en retard"
    )
    assert indicators.indicator_status(2019, 30, 2030, 20, "baisse", {2024: 19})["status"] == (
        "atteint"
    )


def test_no_data():
    assert _status("hausse", {})["status"] == "sans donnée"
    # an observation at the baseline year is the baseline, not progress
    assert _status("hausse", {2020: 5})["status"] == "sans donnée"
    assert _status("hausse", {2024: math.nan})["status"] == "sans donnée"


def test_bad_direction():
    with pytest.raises(ValueError, match="hausse"):
        _status("up", {2025: 1})


def test_evaluate_framework_and_health_rows():
    framework = pd.DataFrame(
        [
            {
                "indicator": "Vélo",
                "theme": "Mobilités actives",
                "unit": "%",
                "direction": "hausse",
                "baseline_year": 2019,
                "baseline_value": 2.0,
                "target_year": 2035,
                "target_value": 8.0,
                "observations": {2023: 3.0},
            }
        ]
    )
    health_rows = indicators.health_indicators(
        {
            "pop_above_lden_guideline": 4500,
            "highly_annoyed": 850.0,
            "highly_sleep_disturbed": 288.0,
            "pm25_deaths_per_year": 1.7,
            "no2_deaths_per_year": 1.5,
        },
        {
            "pop_above_lden_guideline": 560,
            "highly_annoyed": 200.0,
            "highly_sleep_disturbed": 30.0,
            "pm25_deaths_per_year": 1.7,
            "no2_deaths_per_year": 1.5,
        },
        2021,
        2035,
        {k: (k, "u") for k in indicators.HEALTH_INDICATORS},
        "santé",
    )
    both = indicators.framework_with_health(framework, health_rows)
    out = indicators.evaluate_indicators(both)
    assert list(out["indicator"])[0] == "Vélo" and len(out) == 6
    # 2023: trajectory 2 + 6 x 4/16 = 3.5 > 3 observed: late
    assert out.loc[0, "status"] == "en retard"
    assert (out["status"].iloc[1:] == "sans donnée").all()
    assert out.loc[1, "baseline_value"] == 4500 and out.loc[1, "target_value"] == 560
    assert indicators.count_status(out["status"], ("atteint", "en bonne voie")) == 0


def test_pilot_statuses_and_gaps():
    pilots = pd.DataFrame(
        {
            "operation": ["A", "A", "B", "B"],
            "objective": ["NO2", "DnT,A,tr", "PM2.5", "LAeq"],
            "unit": ["µg/m³", "dB", "µg/m³", "dB(A)"],
            "comparator": ["<=", ">=", "<=", "<="],
            "target_value": [20.0, 35.0, 10.0, 30.0],
            "measured_value": [18.0, 33.0, 10.0, math.nan],
        }
    )
    out = indicators.pilot_status(pilots)
    assert list(out["status"]) == ["atteint", "non atteint", "atteint", "non mesuré"]
    assert out["gap"].iloc[0] == pytest.approx(2.0)  # 2 ug/m3 below the ceiling: margin
    assert out["gap"].iloc[1] == pytest.approx(-2.0)  # 2 dB short of the insulation
    assert out["gap"].iloc[2] == 0.0 and math.isnan(out["gap"].iloc[3])
    empty = indicators.pilot_status(pilots.iloc[0:0])
    assert list(empty.columns)[-2:] == ["gap", "status"] and empty.empty
