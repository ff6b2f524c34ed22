"""Health burden: published check values of the Directive (EU) 2020/367 functions and of
WHO AirQ+, and hand computations of the aggregations."""

import math

import numpy as np
import pandas as pd
import pytest

from qsp_lib.evaluation import reference
from qsp_lib.evaluation.model import health

ERF = reference.noise_health()
AIR = reference.air_health()
DW = reference.disability_weights()


@pytest.mark.parametrize("lden, expected", [(53, 9.8), (60, 15.1), (65, 20.9), (70, 28.4)])
def test_percent_highly_annoyed_published_values(lden, expected):
    # health.md check values of %HA (Guski et al. 2017, Directive (EU) 2020/367 annex III)
    assert health.percent_highly_annoyed(lden, ERF) == pytest.approx(expected, abs=0.05)


@pytest.mark.parametrize("lnight, expected", [(45, 2.9), (55, 6.2), (65, 12.0)])
def test_percent_highly_sleep_disturbed_published_values(lnight, expected):
    # health.md check values of %HSD (Basner & McGuire 2018, Directive (EU) 2020/367)
    assert health.percent_highly_sleep_disturbed(lnight, ERF) == pytest.approx(expected, abs=0.05)


def test_no_extrapolation_below_the_data():
    # the HA curve has its minimum near 45.6 dB: nothing counted below 45 dB (nor HSD < 40)
    assert health.percent_highly_annoyed(40, ERF) == 0.0
    assert health.percent_highly_sleep_disturbed(35, ERF) == 0.0


@pytest.mark.parametrize("lden, expected", [(60, 1.055), (65, 1.097), (50, 1.0), (53, 1.0)])
def test_ihd_relative_risk_published_values(lden, expected):
    # health.md: RR(IHD) 1.055 at 60 dB, 1.097 at 65 dB (van Kempen et al. 2018: 1.08/10 dB)
    assert health.ihd_relative_risk(lden, ERF) == pytest.approx(expected, abs=0.0005)


def test_paf_and_ihd_cases_by_hand():
    # two groups of 500 people at 60 and 65 dB: p = 0.5 each
    rr = [math.exp(math.log(1.08) / 10 * 7), math.exp(math.log(1.08) / 10 * 12)]
    s = 0.5 * (rr[0] - 1) + 0.5 * (rr[1] - 1)
    paf = s / (s + 1)
    assert health.population_attributable_fraction([500, 500], rr) == pytest.approx(paf)
    # cases = PAF x incidence (0.00138 per year) x population
    cases = health.ihd_cases_per_year([500, 500], [60, 65], ERF, 138)
    assert cases == pytest.approx(paf * 0.00138 * 1000)


def test_airq_attributable_fractions_published_values():
    # health.md: PM2.5 12 vs 5 ug/m3 with RR 1.08 -> AF 5.2 %; NO2 30 vs 10 with RR 1.02 -> 3.9 %
    pm = health.attributable_fraction(health.airq_relative_risk(12, 1.08, 5))
    no2 = health.attributable_fraction(health.airq_relative_risk(30, 1.02, 10))
    assert pm == pytest.approx(0.052, abs=0.0005)
    assert no2 == pytest.approx(0.039, abs=0.0005)
    # at or below the counterfactual: no attributable death
    assert health.attributable_fraction(health.airq_relative_risk(4, 1.08, 5)) == 0.0


def test_attributable_deaths_by_hand():
    # 10,000 people, 60 % adults 30+, 1,400 deaths/100,000 adults 30+, PM2.5 12 vs 5, RR 1.08
    af = 1 - 1 / math.exp(math.log(1.08) / 10 * 7)
    deaths = health.attributable_deaths_per_year([10_000], [12], 1.08, 5, 1400, 0.6)
    assert deaths == pytest.approx(af * 10_000 * 0.6 * 0.014)


def _exposure():
    return pd.DataFrame(
        {
            "zone": ["a", "b"],
            "population": [1000.0, 3000.0],
            "lden_db": [65.0, 50.0],
            "lnight_db": [57.0, 42.0],
            "no2_ug_m3": [30.0, 20.0],
            "pm25_ug_m3": [12.0, 9.0],
            "lden_after_db": [np.nan, 49.0],
            "lnight_after_db": [np.nan, np.nan],
        }
    )


def test_after_levels_fall_back_on_before_and_berm_derivation():
    exp = _exposure()
    after = health.situation_levels(exp, "after")
    assert list(after["lden"]) == [65.0, 49.0] and list(after["lnight"]) == [57.0, 42.0]
    assert list(after["no2"]) == [30.0, 20.0]  # no after column: unchanged
    derived = health.derive_after_noise(exp, [10.0, 5.0])
    # a given "after" value is kept; an empty one is before minus the insertion loss
    assert list(derived["lden_after_db"]) == [55.0, 49.0]
    assert list(derived["lnight_after_db"]) == [47.0, 37.0]
    # facade correction on noise only (French implementation: most exposed facade - 3 dB)
    corrected = health.situation_levels(exp, "before", facade_correction_db=-3)
    assert list(corrected["lden"]) == [62.0, 47.0] and list(corrected["no2"]) == [30.0, 20.0]


def test_burden_by_hand():
    exp = _exposure()
    rr = {"central": 1.08, "low": 1.06, "high": 1.09}
    out = health.burden(
        health.situation_levels(exp, "before"),
        ERF,
        AIR,
        DW,
        pm25_rr_per_10=rr,
        no2_rr_per_10={"central": 1.02, "low": 1.01, "high": 1.04},
        pm25_counterfactual_ug_m3=5,
        no2_counterfactual_ug_m3=10,
        baseline_mortality_per_100k=1400,
        adult_30plus_share=0.6,
        ihd_incidence_per_100k=138,
    )
    assert out.pop_above_lden_guideline == 1000  # 65 > 53; 50 is not
    assert out.pop_above_lnight_guideline == 1000  # 57 > 45; 42 is not
    ha = (
        1000 * (78.9270 - 3.1162 * 65 + 0.0342 * 65**2) / 100
        + 3000 * (78.9270 - 3.1162 * 50 + 0.0342 * 50**2) / 100
    )
    assert out.highly_annoyed == pytest.approx(ha)
    hsd = (
        1000 * (19.4312 - 0.9336 * 57 + 0.0126 * 57**2) / 100
        + 3000 * (19.4312 - 0.9336 * 42 + 0.0126 * 42**2) / 100
    )
    assert out.highly_sleep_disturbed == pytest.approx(hsd)
    # DALYs: WHO 2011 disability weights 0.02 (HA) and 0.07 (HSD)
    assert out.dalys_per_year == pytest.approx(0.02 * ha + 0.07 * hsd)
    # ranges exist only where a relative risk has a confidence interval
    assert out.bounds("highly_annoyed") == (None, None)
    assert out.bounds("ihd_cases_per_year") == (
        out.ihd_cases_per_year_low,
        out.ihd_cases_per_year_high,
    )
    assert out.pm25_deaths_per_year_low < out.pm25_deaths_per_year
    assert out.pm25_deaths_per_year < out.pm25_deaths_per_year_high
    assert out.ihd_cases_per_year_low < out.ihd_cases_per_year < out.ihd_cases_per_year_high


def test_derive_after_noise_finite_berm_and_other_sources_by_hand():
    exp = _exposure().assign(
        lden_after_db=[np.nan, np.nan],
        lden_other_db=[np.nan, 45.0],
        lnight_other_db=[np.nan, 37.0],
    )
    other_lden, other_lnight = health.other_source_levels(exp, 55.0, 47.0)
    # a zone's own column wins over the site-wide value
    assert list(other_lden) == [55.0, 45.0] and list(other_lnight) == [47.0, 37.0]
    out = health.derive_after_noise(exp, [20.0, 10.0], [0.844, 0.5], other_lden, other_lnight)
    # zone a: road = 10 lg(10^6.5 - 10^5.5) = 64.54 dB; after = 10 lg(0.844 x 10^4.454
    # + 0.156 x 10^6.454 + 10^5.5) = 10 lg(24 010 + 443 700 + 316 230) = 58.94 dB: 6.06 dB
    # off the total, 7.84 dB off the road
    assert out.loc[0, "lden_road_db"] == pytest.approx(64.54, abs=0.01)
    assert out.loc[0, "berm_road_change_db"] == pytest.approx(7.84, abs=0.01)
    assert out.loc[0, "lden_after_db"] == pytest.approx(58.94, abs=0.01)
    assert out.loc[0, "lden_change_db"] == pytest.approx(6.06, abs=0.01)
    # zone b: road 10 lg(10^5 - 10^4.5) = 48.35 dB, half of it screened by 10 dB:
    # after = 10 lg(0.5 x 10^3.835 + 0.5 x 10^4.835 + 10^4.5) = 10 lg(3 420 + 34 190 + 31 620)
    # = 48.40 dB
    assert out.loc[1, "lden_after_db"] == pytest.approx(48.40, abs=0.01)
    assert out.loc[1, "berm_screened_share"] == 0.5
    # a given "after" level still wins (zone b Lnight has none: derived)
    given = health.derive_after_noise(_exposure(), [20.0, 10.0], 0.844, 40.0, 35.0)
    assert given.loc[1, "lden_after_db"] == 49.0


def test_defaults_keep_the_long_berm_without_other_sources():
    # s = 1 and no other source: "after" is "before" minus the insertion loss
    out = health.derive_after_noise(_exposure(), [10.0, 5.0])
    assert list(out["lnight_after_db"]) == [47.0, 37.0]
    assert out["lden_other_db"].isna().all() and list(out["berm_road_change_db"]) == [10, 5]


def test_berm_effect_when_other_sources_dominate():
    # total 60.41 dB = road 50 + other 60: the berm removes 20 dB from the road and the total
    # drops by only 0.41 dB
    effect = health.berm_effect(60.4139, 20.0, 1.0, 60.0)
    assert effect.road_db == pytest.approx(50.0, abs=1e-3)
    assert effect.change_db == pytest.approx(0.41, abs=0.01)
    with pytest.raises(ValueError, match="sous le niveau total"):
        health.berm_effect(55.0, 20.0, 1.0, 56.0)


def test_reference_receiver_borrows_the_nearest_zone():
    exp = health.derive_after_noise(
        _exposure().assign(distance_to_road_m=[95.0, 300.0], receiver_height_m=[4.0, 4.0]),
        [20.0, 15.0],
        0.8,
        50.0 - 10,
        30.0,
    )
    ref = health.reference_berm_effect(exp, 19.7, 0.814, 120, 4.0)
    assert ref.zone == "a" and ref.before_db == 65.0 and ref.other_db == 40.0
    # road 10 lg(10^6.5 - 10^4) = 64.96; drop -10 lg(0.814 x 10^-1.97 + 0.186) = 7.11 dB
    assert ref.road_change_db == pytest.approx(7.11, abs=0.01)
    given = health.reference_berm_effect(exp, 19.7, 0.814, 120, 4.0, 67.0, 50.0)
    assert given.before_db == 67.0 and given.other_db == 50.0
    # road 10 lg(10^6.7 - 10^5) = 66.91 dB, minus 7.11 -> 59.80; plus 50 dB: 60.24 dB
    assert given.after_db == pytest.approx(
        10 * math.log10(10 ** ((66.91 - 7.11) / 10) + 10**5.0), abs=0.02
    )
    assert given.after_db == pytest.approx(60.24, abs=0.01)


def test_residents_by_band_round_down_and_headline_at_65():
    # 64.9 dB is in 60-64 (rounded down), 65.0 in 65-69, 54.99 below 55, 70 and 80 at the top
    pop = [10, 20, 30, 40, 50]
    levels = [64.9, 65.0, 54.99, 70.0, 80.0]
    assert list(health.residents_by_band(pop, levels)) == [30, 0, 10, 20, 90]
    assert health.residents_at_or_above(pop, levels, health.HEADLINE_LDEN_DB) == 110


def _burden_like(ha, hsd, deaths, low, high):
    from types import SimpleNamespace

    return SimpleNamespace(
        highly_annoyed=ha,
        highly_sleep_disturbed=hsd,
        pm25_deaths_per_year=deaths,
        pm25_deaths_per_year_low=low,
        pm25_deaths_per_year_high=high,
    )


def test_daly_comparison_by_hand_and_its_verdicts():
    weights = {"high_annoyance": 0.02, "high_sleep_disturbance": 0.07}
    # 1000 HA and 300 HSD: 0.02 x 1000 + 0.07 x 300 = 41 DALY/yr; published ranges of the
    # weights (WHO 2011): 0.01-0.12 and 0.04-0.10 -> 10 + 12 = 22 to 120 + 30 = 150
    out = health.daly_comparison(_burden_like(1000, 300, 2.0, 1.5, 2.2), DW, weights, 10.7)
    assert (out.noise, out.noise_low, out.noise_high) == pytest.approx((41.0, 22.0, 150.0))
    # PM2.5: 2 deaths x 10.7 years = 21.4 (16.05 to 23.54): the ranges overlap
    assert (out.air, out.air_low, out.air_high) == pytest.approx((21.4, 16.05, 23.54))
    assert out.larger == "overlap"
    # few noise cases: even its high end (0.12 x 100 + 0.10 x 30 = 15) is below air's low end
    assert health.daly_comparison(
        _burden_like(100, 30, 2.0, 1.5, 2.2), DW, weights, 10.7
    ).larger == ("air")
    # many: noise's low end (0.01 x 5000 + 0.04 x 2000 = 130) above air's high end
    assert health.daly_comparison(
        _burden_like(5000, 2000, 2.0, 1.5, 2.2), DW, weights, 10.7
    ).larger == ("noise")
