"""The evaluation_indicators study's decisions (qsp_lib.evaluation.study), on small fixtures.

Values are computed by hand below. References asserted:
- WHO (2018), Environmental Noise Guidelines for the European Region: road traffic noise
  guideline 53 dB Lden.
- WHO (2021), Global air quality guidelines, table 0.1: annual guideline 5 µg/m³ for PM2.5 and
  10 µg/m³ for NO2.
- Angle of view of a finite screen (CRTN 1988, chart 10): a segment of length L centred in
  front of a receiver at distance d hides (2/π)·atan(L/2d) of an infinite road's energy, so
  1/2 for L = 2d.
- Directive 2002/49/EC annex VI: 5 dB noise bands, levels rounded down.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest
from evaluation_site import BERM, write_site

from qsp_lib.core import params
from qsp_lib.evaluation import io as health_io
from qsp_lib.evaluation import reference
from qsp_lib.evaluation import study as evaluation_study

REPO = Path(__file__).resolve().parents[2]
#: Two zones of the hand-made site: A (100 inhabitants, 120 m from the road), B (300, 300 m).
ZONES = (
    {"id": "a", "name": "A", "residents": 100, "distance_to_road_m": 120},
    {"id": "b", "name": "B", "residents": 300, "distance_to_road_m": 300},
)


#: Exposure of the hand-made site: A 60 dB Lden, B 50 dB.
EXPOSURE = "zone,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3\na,60,50,30,12\nb,50,40,8,4\n"
#: The same with B at 54 / 45 dB, louder than Concorde's other sources (50 / 42 dB).
LOUDER_B = "zone,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3\na,60,50,30,12\nb,54,45,8,4\n"


def site_parameters(folder, berm=None, exposure=EXPOSURE, **changes):
    """Concorde's evaluation parameters on a hand-made site (``ZONES``, ``berm``) whose
    exposure is ``exposure`` (default A: 60 dB Lden, B: 50 dB)."""
    write_site(folder, zones=ZONES, berm=berm)
    (folder / "exposure.csv").write_text(exposure, encoding="utf-8")
    data = params.load_yaml(REPO / "parameters" / "concorde" / "evaluation_indicators.yaml")
    data.update(exposure_csv="exposure.csv", indicators_csv=None, pilots_csv=None, measurements=[])
    data.pop("berm_control_indicator")
    # a road without end: the screened share is the angle of view of the berm's crest
    data["berm_acoustics"] = {**data["berm_acoustics"], "road_length_m": None}
    if berm is None:
        data.pop("berm_acoustics")
    data.update(changes)
    return params.validate("evaluation_indicators", data, site_dir=folder)


def exposure_of(P):
    return health_io.read_exposure(P.exposure_csv, P.site_model.population.zones)


@pytest.fixture(scope="module")
def tables():
    return (
        reference.noise_health(),
        reference.air_health(),
        reference.disability_weights(),
        reference.traffic_noise_spectrum(),
    )


@pytest.fixture()
def no_berm(tmp_path):
    """Parameters of the two-zone site without a berm."""
    return site_parameters(tmp_path, other_sources_lden_db=None, other_sources_lnight_db=None)


def test_without_berm_after_is_before_and_guideline_counts_by_hand(no_berm, tables):
    P = no_berm
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    assert study.geometry is None and study.ref_il is None and study.ref_total is None
    assert study.berm_length is None and study.zone_il is None
    assert not study.has_berm and study.lden_change_range_db is None
    assert study.reference_insertion_loss_dba is None and study.reference_total_change_db is None
    assert study.population == 400
    # only zone A (60 dB) is above the WHO 53 dB Lden guideline, before and after
    assert study.pair("pop_above_lden_guideline") == {
        "before": 100,
        "after": 100,
    }
    pd.testing.assert_series_equal(
        study.levels["after"]["lden"], study.levels["before"]["lden"], check_names=False
    )


def test_half_screened_road_by_angle_of_view(tmp_path, tables):
    # crest line at 20 + 25 + 5 = 50 m from the axis; berm of 140 m, zone A at 120 m facing
    # its middle sees the crest's ends at ±atan(70 / 70) = ±45°: (2/π)·(π/4) = 1/2
    berm = {**BERM, "length_m": 140}
    P = site_parameters(tmp_path, berm, other_sources_lden_db=None, other_sources_lnight_db=None)
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    assert study.zone_share[0] == pytest.approx(0.5)
    # zone B at 300 m: (2/π)·atan(70 / 250)
    assert study.zone_share[1] == pytest.approx(2 / math.pi * math.atan(70 / 250))
    # no other source: half the road loses IL, the other half keeps its level (energy sum)
    il = study.zone_il[0]
    expected = 10 * math.log10(0.5 * 10 ** ((60 - il) / 10) + 0.5 * 10**6)
    assert study.exposure["lden_after_db"].iloc[0] == pytest.approx(expected)
    assert il > 0
    # reference receiver (120 m, facing the middle) borrows zone A: half the road hidden, so
    # the whole road can drop by at most 10 lg 2 whatever the berm's height
    assert study.finite_berm and not study.other_sources and study.ref_total.zone == "A"
    assert study.road_change_cap_db == pytest.approx(10 * math.log10(2))
    assert study.reference_total_change_db == pytest.approx(60 - expected)


def test_a_very_long_berm_screens_nearly_the_whole_road(tmp_path, tables):
    # 100 km of berm: (2/π)·atan(50 000 / (120 - 50)) ≈ 0.999 of the road hidden at zone A
    berm = {**BERM, "length_m": 100_000}
    P = site_parameters(tmp_path, berm, other_sources_lden_db=None, other_sources_lnight_db=None)
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    assert study.zone_share[0] == pytest.approx(2 / math.pi * math.atan(50_000 / 70))
    # the screened share loses IL, the rest keeps its level (energy sum), nothing else
    for i, (lden, d) in enumerate(((60.0, 120.0), (50.0, 300.0))):
        share = 2 / math.pi * math.atan(50_000 / (d - 50))
        il = study.zone_il[i]
        expected = 10 * math.log10(
            share * 10 ** ((lden - il) / 10) + (1 - share) * 10 ** (lden / 10)
        )
        assert study.exposure["lden_after_db"].iloc[i] == pytest.approx(expected)
        assert expected < lden - il + 1  # within 1 dB of the whole road screened


def test_noise_bands_round_down_into_five_db_bands(no_berm, tables):
    P = no_berm
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    lden = evaluation_study.noise_bands(study, "lden")
    assert lden.loc["60-64 dB", "before"] == 100
    assert lden.loc["50-54 dB", "before"] == 300
    assert lden["before"].sum() == 400
    lnight = evaluation_study.noise_bands(study, "lnight")
    assert lnight.index[0] == "< 40 dB"
    assert lnight.loc["50-54 dB", "after"] == 100 and lnight.loc["40-44 dB", "after"] == 300


def test_air_guidelines_and_classes_against_who_2021(no_berm, tables):
    erf, air, _, _ = tables
    g = evaluation_study.guidelines(erf, air)
    assert (g.pm25_ug_m3, g.no2_ug_m3) == (5, 10)
    assert (g.lden_db, g.lnight_db) == (53, 45)  # WHO (2018) road traffic noise
    P = no_berm
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    classes = evaluation_study.air_classes(study, air)
    for pollutant in ("PM2,5", "NO2"):
        rows = classes[classes["Polluant"] == pollutant]
        assert rows["Habitants avant"].sum() == 400
        # zone B (4 µg/m³ PM2.5, 8 µg/m³ NO2) is within the guideline: first class
        assert rows["Habitants avant"].iloc[0] == 300


def test_burden_settings_are_the_parameters():
    P = params.validate_file(
        "evaluation_indicators", REPO / "parameters" / "concorde" / "evaluation_indicators.yaml"
    )
    s = evaluation_study.burden_settings(P)
    assert s.pm25_rr_per_10 == {"central": 1.08, "low": 1.06, "high": 1.09}
    assert s.no2_rr_per_10 == {"central": 1.02, "low": 1.01, "high": 1.04}
    assert s.baseline_mortality_per_100k == 1400 and s.adult_30plus_share == 0.55
    assert s.disability_weights == {"high_annoyance": 0.02, "high_sleep_disturbance": 0.07}


def test_evaluation_counts_statuses():
    status = pd.DataFrame(
        {"status": ["atteint", "en bonne voie", "en retard", "sans donnée", "atteint"]}
    )
    pilots = pd.DataFrame({"status": ["atteint", "non atteint", "non mesuré", "atteint"]})
    ev = evaluation_study.Evaluation(framework=status, status=status, pilots=pilots)
    assert (ev.n_on_track, ev.n_measured) == (3, 4)
    assert ev.count("en retard") == 1 and ev.count("sans donnée") == 1
    assert (ev.n_met, ev.n_not_met, ev.n_unmeasured) == (2, 1, 1)
    assert (ev.n_indicators, ev.n_objectives, ev.n_unobserved) == (5, 4, 1)
    assert (ev.n_late, ev.n_without_data) == (1, 1)


def test_comparison_tables_split_people_and_rates():
    comparison = pd.DataFrame(
        {
            "Indicateur": ["gênés", "décès"],
            "Unité": ["personnes", "décès/an"],
            "Avant": [10.0, 1.5],
            "Après": [8.0, 1.25],
            "Différence": [-2.0, -0.25],
            "decimals": [0, 2],
        }
    )
    people, rates = evaluation_study.comparison_tables(comparison)
    assert list(people["Indicateur"]) == ["gênés"] and list(rates["Indicateur"]) == ["décès"]
    assert "decimals" not in people.columns


def test_pilot_and_status_tables_select_and_name_columns():
    pilots = pd.DataFrame(
        {
            "operation": ["école", "école"],
            "objective": ["NO2", "Isolement"],
            "unit": ["µg/m³", "dB"],
            "comparator": ["<=", ">="],
            "target_value": [20.0, 35.0],
            "measured_value": [18.0, float("nan")],
            "measured_year": pd.array([2025, None], dtype="Int64"),
            "note": ["relevé", ""],
        }
    )
    values = pd.DataFrame(columns=["indicator", "operation", "objective"])
    out = evaluation_study.pilots_with_measurements(pilots, values)
    table = evaluation_study.pilots_table(out)
    assert list(table.columns) == [
        "Opération",
        "Objectif",
        "Cible",
        "Valeur",
        "Incertitude",
        "Couverture",
        "Méthode",
        "Statut",
    ]
    # a typed value is « déclaré », without interval; an empty one is not measured
    assert table.iloc[0]["Valeur"] == "18 (déclaré)"
    assert table.iloc[0]["Cible"] == "≤ 20 µg/m³" and table.iloc[0]["Incertitude"] == "–"
    assert table.iloc[0]["Méthode"] == "relevé" and table.iloc[0]["Statut"] == "atteint"
    assert table.iloc[1]["Valeur"] == "–" and table.iloc[1]["Statut"] == "non mesuré"


def test_residents_by_band_scrap_shape(no_berm, tables):
    P = no_berm
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    bands = evaluation_study.residents_by_band(study)
    assert list(bands.columns) == ["band", "before", "after"]
    assert list(bands["band"]) == ["< 55 dB", "55-59 dB", "60-64 dB", "65-69 dB", "≥ 70 dB"]
    # A: 100 at 60 dB, B: 300 at 50 dB; no berm, "after" = "before"
    assert list(bands["before"]) == [300, 0, 100, 0, 0] == list(bands["after"])
    assert bands["before"].dtype.kind == "i"
    assert study.lden65 == {"before": 0, "after": 0}


def test_guideline_sensitivity_to_the_unscreened_level_by_hand(tmp_path, tables):
    # berm of 140 m: half of the road screened at A (120 m), the other sources at 50 dB;
    # B (300 m, 53.5 dB total, road alone 50.9 dB) sits near the 53 dB guideline after the
    # berm: its count moves with the assumed level of the other sources
    berm = {**BERM, "length_m": 140}
    write = "zone,lden_db,lnight_db,no2_ug_m3,pm25_ug_m3\na,60,50,30,12\nb,53.5,45,8,4\n"
    P = site_parameters(tmp_path, berm, write)
    exposure = exposure_of(P)
    study = evaluation_study.health_study(P, exposure, *tables)
    sens = study.sensitivity
    assert list(sens["shift_db"]) == [-1.0, 0.0, 1.0]
    assert list(sens["other_lden_db"]) == [49.0, 50.0, 51.0]
    # by hand at each zone: road = total - other (energy), road after = road - change of the
    # finite berm (its IL on the screened share), plus the shifted other sources
    for row in sens.itertuples():
        count = 0
        for i, (total, pop) in enumerate(((60.0, 100), (53.5, 300))):
            road = 10 * math.log10(10 ** (total / 10) - 10 ** (5.0))
            s, il = study.zone_share[i], study.zone_il[i]
            road_after = road + 10 * math.log10(s * 10 ** (-il / 10) + 1 - s)
            after = 10 * math.log10(10 ** (road_after / 10) + 10 ** (row.other_lden_db / 10))
            count += pop if after > 53 else 0
        assert row.after == count
    # B: 50.9 dB less a fraction of a dB, plus 49 / 50 / 51 dB -> below, above, above 53
    assert list(sens["after"]) == [100, 400, 400]
    # the parameter's own level gives the brief's count
    assert sens.loc[sens["shift_db"] == 0, "after"].item() == study.after.pop_above_lden_guideline


def test_objective_reach_against_the_floor_by_hand(tmp_path, tables):
    # control indicator: 69 dB before, target 55; floor = road alone behind an infinitely
    # high berm (its unscreened share only) plus the other sources (50 dB)
    berm = {**BERM, "length_m": 140}
    P = site_parameters(tmp_path, berm, LOUDER_B)
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    framework = pd.DataFrame(
        {"indicator": ["Lden derrière la butte"], "baseline_value": [69.0], "target_value": [55.0]}
    )
    P2 = P.model_copy(update={"berm_control_indicator": "Lden derrière la butte"})
    reach = evaluation_study.objective_reach(P2, study, framework)
    road = 10 * math.log10(10**6.9 - 10**5.0)
    s = study.ref_line.screened_share  # 1/2 at 120 m for a 140 m berm (endless road)
    assert s == pytest.approx(0.5)
    floor = 10 * math.log10((1 - s) * 10 ** (road / 10) + 10**5.0)
    assert reach.floor_db == pytest.approx(floor)
    assert reach.floor_db == pytest.approx(66.0, abs=0.1)  # half the road left: about -3 dB
    assert not reach.reachable and reach.target_db == 55 and reach.baseline_db == 69
    assert reach.floor_db < reach.after_db < 69
    assert evaluation_study.objective_reach(P, study, framework) is None  # none named


def test_concorde_berm_bounds_are_ordered(tmp_path, tables):
    P = site_parameters(tmp_path, BERM, LOUDER_B)
    study = evaluation_study.health_study(P, exposure_of(P), *tables)
    single, double, perpendicular = study.berm_bounds_dba
    assert single < double < perpendicular
    assert study.reference_insertion_loss_dba == double
