"""Building stocks placed in time over their life cycle (qsp_lib.ghg.model.lifecycle).

Sources of the expected values: /work/shared/reference/ghg.md
(RE2020 arrêté of 4 Aug 2021, annex I thresholds;
EN 15978 stages; DPE 2021 energy factors; the data file's central values).
"""

import pytest
from ghg_testkit import NO_UPKEEP, ONE_STAGE, build, f_ar5, option, stock, total

from qsp_lib.ghg import model as ghg


def test_rehabilitation_stages_construction_replacement_end_of_life():
    # 1000 m2 at 400 kgCO2e/m2 = 400 t: 80 % at the works (year 0), 13 % replaced at year 25,
    # 7 % end of life at year 50 (the data file's split)
    m = build([option("A", stock(1000, "rehabilitation"))], edits=NO_UPKEEP)
    prof = ghg.profile_array(m)[0]
    parts = {p: prof[ghg.PARTS.index(p)] for p in ("construction", "replacement", "end_of_life")}
    assert parts["construction"][0] == pytest.approx(320.0)
    assert parts["replacement"][25] == pytest.approx(52.0)
    assert parts["end_of_life"][50] == pytest.approx(28.0)
    assert total(m)["A"] == pytest.approx(400.0)
    assert total(m, "dynamic")["A"] == pytest.approx(320 + 52 * f_ar5(25) + 28 * f_ar5(50))


def test_replacement_beyond_the_period_is_clamped_and_works_are_phased():
    # works spread over years 30..39 (10 % each); replacements at 55..64 fall at year 50
    s = stock(1000, "rehabilitation", works_year=30, works_year_end=39)
    m = build([option("A", s)], edits=NO_UPKEEP)
    prof = ghg.profile_array(m)[0]
    assert prof[ghg.PARTS.index("construction"), 30] == pytest.approx(32.0)
    assert prof[ghg.PARTS.index("construction"), 39] == pytest.approx(32.0)
    assert prof[ghg.PARTS.index("replacement"), 50] == pytest.approx(52.0)
    assert total(m)["A"] == pytest.approx(400.0)


def test_new_build_is_the_re2020_threshold_of_its_permit_year():
    # permit 2028: Ic_construction threshold 580 kgCO2e/m2 (arrêté 4 Aug 2021, annex I). A
    # project at its threshold built at year 0 has a DYNAMIC total of exactly 580 t per
    # 1000 m2 (RE2020 timing), and a static equivalent 580 / (0.80 + 0.13 f(25) + 0.07 f(50))
    m = build(
        [option("A", stock(1000, "new", permit_year=2028))],
        start_year=2028,
        edits=NO_UPKEEP,
    )
    ratio = 0.80 + 0.13 * f_ar5(25) + 0.07 * f_ar5(50)
    assert total(m, "dynamic")["A"] == pytest.approx(580.0)
    assert total(m)["A"] == pytest.approx(580.0 / ratio)
    row = ghg.re2020_check(m).iloc[0]
    assert row["threshold_kg_co2e_per_m2"] == 580
    assert row["static_kg_co2e_per_m2"] == pytest.approx(580.0 / ratio)
    # without a permit year: works year minus the lead time (2025 - 2 = 2023 -> 740)
    m = build([option("A", stock(1000, "new"))], start_year=2025, edits=NO_UPKEEP)
    assert total(m, "dynamic")["A"] == pytest.approx(740.0)


def test_imposed_new_build_factor_replaces_the_thresholds():
    fac = {"embodied_kg_co2e_per_m2": {"new": 500}}
    m = build([option("A", stock(1000, "new"))], factors=fac, edits=NO_UPKEEP)
    assert total(m, "dynamic")["A"] == pytest.approx(500.0)
    assert m.factors.at["embodied_new", "overridden"]


def test_demolition_and_energy_before_it():
    # 1000 m2 demolished in year 3, heated with gas at 170 kWh/m2/yr until then (years 1-3)
    s = stock(
        1000,
        "demolition",
        works_year=3,
        energy_before_kwh_per_m2_year=170,
        carrier_before="gas",
    )
    m = build([option("A", s)])
    # demolition 20 kgCO2e/m2 (central, data file) + 3 x 170 MWh x 0.227 (gas, DPE 2021)
    assert total(m)["A"] == pytest.approx(20.0 + 3 * 170 * 0.227)


def test_unchanged_stock_pays_upkeep_and_energy():
    m = build([option("A", stock(1000, "unchanged", 100, "gas"))])
    # upkeep 2 kgCO2e/m2/yr (data file) x 1000 m2 x 50 yr = 100 t;
    # energy 1000 m2 x 100 kWh x 0.227 (gas, DPE 2021) x 50 yr = 1135 t
    assert total(m)["A"] == pytest.approx(100.0 + 1135.0)
    stages = ghg.stage_table(ghg.totals(m))
    assert stages.at["A", "works"] == pytest.approx(100.0)
    # dynamic: each year weighted, mean weight 0.791 over years 1-50
    assert total(m, "dynamic")["A"] == pytest.approx(1235.0 * 0.7908, rel=1e-3)


def test_phasing_counts_operation_before_and_after_works():
    s = stock(
        100,
        "rehabilitation",
        50,
        "gas",
        works_year=5,
        energy_before_kwh_per_m2_year=200,
    )
    fac = {"embodied_kg_co2e_per_m2": {"rehabilitation": 100}}
    m = build([option("A", s)], 10, factors=fac, edits=ONE_STAGE)
    prof = ghg.profile_array(m)[0].sum(axis=0)
    upkeep = 100 * 2.0e-3  # 2 kgCO2e/m2/yr while awaiting the works
    assert prof[5] == pytest.approx(100 * 0.1 + 100 * 200 * 0.227e-3 + upkeep)
    assert prof[6] == pytest.approx(100 * 50 * 0.227e-3)
    assert prof[0] == 0
