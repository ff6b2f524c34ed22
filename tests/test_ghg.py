"""Life-cycle GHG of planning options: hand computations and published anchors.

Sources of the expected values: /work/shared/reference/ghg.md (RE2020 arrêté of 4 Aug 2021
annex II dynamic weights, DPE 2021 energy factors, ADEME Impact CO2, Nowak et al. 2013,
Quinet 2019 carbon value).
"""

import numpy as np
import pytest

from qsp_lib import ghg, reference

N = 50
WEIGHTS = reference.re2020_dynamic_weights()
BENCH = reference.ghg_benchmarks()
QUINET = reference.carbon_value_points()


def build(options, n=N, factors=None, **kw):
    table = ghg.apply_overrides(reference.ghg_factors(), factors)
    return ghg.build_model(options, table, ghg.dynamic_weights(WEIGHTS, n), n, **kw)


def stock(area, works, kwh=0.0, carrier=None, **kw):
    return {
        "label": works,
        "floor_area_m2": area,
        "works": works,
        "energy_kwh_per_m2_year": kwh,
        "carrier": carrier,
        **kw,
    }


def option(name, *stocks, **kw):
    return {"name": name, "stocks": list(stocks), **kw}


def total(model, weighting="static"):
    return ghg.option_totals(ghg.totals(model), weighting)


# ------------------------------------------------------------------ dynamic weights
def test_dynamic_weight_anchors_re2020():
    # RE2020 dynamic LCA (arrêté 4 Aug 2021 annex II): f(0) = 1, f(50) = 0.578,
    # mean over years 1-50 = 0.791
    w = ghg.dynamic_weights(WEIGHTS, 50)
    assert w[0] == pytest.approx(1.0)
    assert w[50] == pytest.approx(0.578, abs=5e-4)
    assert w[1:].mean() == pytest.approx(0.791, abs=5e-4)
    assert ghg.dynamic_weight_formula(50) == pytest.approx(0.578, abs=5e-4)


def test_weights_table_matches_the_joos_formula():
    t = np.arange(101)
    assert ghg.dynamic_weights(WEIGHTS, 100) == pytest.approx(
        ghg.dynamic_weight_formula(t), abs=1e-6
    )
    assert np.all(np.diff(ghg.dynamic_weights(WEIGHTS, 100)) < 0)


# ------------------------------------------------------------------ hand-computable totals
def test_one_new_stock_static_total_is_area_times_factor():
    m = build([option("A", stock(1000, "new"))], N)
    # 1000 m2 x 700 kgCO2e/m2 (central factor) = 700 tCO2e, at year 0 (weight 1)
    assert total(m)["A"] == pytest.approx(700.0)
    assert total(m, "dynamic")["A"] == pytest.approx(700.0)


def test_embodied_override_is_used():
    fac = {"embodied_kg_co2e_per_m2": {"rehabilitation": 150, "demolition": 10}}
    m = build(
        [option("A", stock(2000, "rehabilitation"), stock(500, "demolition"))], N, factors=fac
    )
    assert total(m)["A"] == pytest.approx(2000 * 0.150 + 500 * 0.010)
    assert m.factors.at["embodied_rehabilitation", "overridden"]


def test_energy_only_is_area_kwh_factor_years():
    m = build([option("A", stock(1000, "unchanged", 100, "gas"))], N)
    # 1000 m2 x 100 kWh/m2/yr x 0.227 kgCO2e/kWh (gas, DPE 2021) x 50 yr = 1135 t
    assert total(m)["A"] == pytest.approx(1135.0)
    # dynamic: each year weighted, mean weight 0.791 over years 1-50
    assert total(m, "dynamic")["A"] == pytest.approx(1135.0 * 0.7908, rel=1e-3)


def test_linear_decarbonisation_trajectory():
    traj = {"district_heating": {"target_year": 2035, "target_kg_co2e_per_kwh": 0.056}}
    m = build(
        [option("A", stock(10, "unchanged", 100, "district_heating"))],
        N,
        start_year=2025,
        trajectories=traj,
    )
    # 1000 kWh/yr; factor 0.112 x (1 - 0.05 t) for t = 1..10, then 0.056 for 40 years:
    # 0.112 x (10 - 0.05 x 55) + 40 x 0.056 = 0.812 + 2.24 = 3.052 kg per kWh-year -> 3.052 t
    assert total(m)["A"] == pytest.approx(3.052)


def test_mobility_total():
    mob = {
        "residents": 100,
        "km_per_person_per_day": 10,
        "modal_shares_now": {"car_thermal": 1.0},
    }
    m = build([option("A", stock(0, "unchanged"), mobility=mob)], N)
    # 100 x 10 km x 365 d x 0.218 kgCO2e/pkm (ADEME Impact CO2) x 50 yr = 3978.5 t
    assert total(m)["A"] == pytest.approx(3978.5)


def test_modal_shift_to_target_year():
    mob = {
        "residents": 1,
        "km_per_person_per_day": 1 / 365,
        "modal_shares_now": {"car_thermal": 1.0},
        "modal_shares_target": {"walk": 1.0},
        "target_year": 2035,
    }
    m = build([option("A", stock(0, "unchanged"), mobility=mob)], N, start_year=2025)
    # 1 pkm/yr; car share 1 - t/10 for t = 1..10, then 0: sum = 10 - 5.5 = 4.5 pkm by car
    assert total(m)["A"] == pytest.approx(4.5 * 0.218e-3)


def test_trees_and_soil_storage_are_negative_and_capped():
    veg = {"canopy_m2": 1000, "desealed_m2": 1000}
    m = build([option("A", stock(0, "unchanged"), vegetation=veg)], N)
    # trees: 1.03 kgCO2e/m2/yr (Nowak 2013: 0.28 kgC x 44/12) capped at the 28.2 kgCO2e/m2
    # storage (7.69 kgC x 44/12), reached after 28 years < 50; soil: 11 kgCO2e/m2 (ALDO)
    assert total(m)["A"] == pytest.approx(-(28.2 + 11.0))
    short = build([option("A", stock(0, "unchanged"), vegetation=veg)], 10)
    assert total(short)["A"] == pytest.approx(-(10 * 1.03 + 10 / 20 * 11.0))


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
    m = build([option("A", s)], 10, factors=fac)
    prof = ghg.profile_array(m)[0].sum(axis=0)
    assert prof[5] == pytest.approx(100 * 0.1 + 100 * 200 * 0.227e-3)  # works + year 5 before
    assert prof[6] == pytest.approx(100 * 50 * 0.227e-3)
    assert prof[0] == 0


# ------------------------------------------------------------------ payback
def _payback_model(n):
    fac = {
        "embodied_kg_co2e_per_m2": {"rehabilitation": 200, "new": 600},
        "carrier_kg_co2e_per_kwh": {"gas": 0.1},
    }
    rehab = option("Réhabilitation", stock(500, "rehabilitation", 200, "gas"))  # 100 t + 10 t/yr
    new = option("Reconstruction", stock(500, "new", 100, "gas"))  # 300 t + 5 t/yr
    return build([rehab, new], n, factors=fac)


def test_payback_year_where_cumulative_curves_cross():
    m = _payback_model(50)
    assert ghg.default_payback_reference(m) == "Réhabilitation"
    pay = ghg.payback_years(ghg.cumulative(m), "Réhabilitation")
    # 100 + 10 t = 300 + 5 t  ->  t = 40
    assert pay == {"Réhabilitation": 0, "Reconstruction": 40}


def test_no_payback_within_period():
    m = _payback_model(30)
    assert ghg.payback_years(ghg.cumulative(m), "Réhabilitation")["Reconstruction"] is None


# ------------------------------------------------------------------ indicators
def test_ratios_per_dwelling_and_inhabitant_year():
    m = build(
        [option("A", stock(1000, "new", dwellings=10), residents=20)],
        N,
    )
    r = ghg.ratios(m, ghg.totals(m)).iloc[0]
    assert r["t_co2e_per_dwelling"] == pytest.approx(70.0)
    assert r["t_co2e_per_inhabitant_year"] == pytest.approx(700 / 20 / 50)


def test_re2020_limits():
    # RE2020 Ic_construction, collective housing: 740 (2022-24), 650 (2025-27), 580 (2028-30),
    # 490 (from 2031)
    assert ghg.re2020_limit_kg_co2e_per_m2(BENCH, 2024) == 740
    assert ghg.re2020_limit_kg_co2e_per_m2(BENCH, 2025) == 650
    assert ghg.re2020_limit_kg_co2e_per_m2(BENCH, 2030) == 580
    assert ghg.re2020_limit_kg_co2e_per_m2(BENCH, 2040) == 490
    m = build([option("A", stock(1000, "new"))], N, start_year=2025)
    row = ghg.re2020_check(m, BENCH).iloc[0]
    assert row["limit_kg_co2e_per_m2"] == 650 and not row["meets_limit"]


def test_carbon_value_quinet_2019():
    # Quinet 2019: 250 EUR/t in 2030, 500 in 2040 -> 375 in 2035 (linear)
    assert ghg.carbon_value_eur_per_t(2030, QUINET) == pytest.approx(250)
    assert ghg.carbon_value_eur_per_t(2035, QUINET) == pytest.approx(375)
    m = build([option("A", stock(1000, "new"))], N, start_year=2030)
    assert ghg.monetise(m, QUINET)["A"] == pytest.approx(700 * 250)


# ------------------------------------------------------------------ uncertainty
def _three_options():
    mob = {"residents": 500, "km_per_person_per_day": 20, "modal_shares_now": {"car_thermal": 1}}
    return build(
        [
            option("R", stock(10000, "rehabilitation", 80, "district_heating"), mobility=mob),
            option("N", stock(10000, "new", 50, "electricity"), mobility=mob),
            option("U", stock(10000, "unchanged", 170, "gas"), mobility=mob),
        ],
        N,
    )


def test_monte_carlo_p50_close_to_central_and_reproducible():
    m = _three_options()
    central = total(m)
    mc = ghg.monte_carlo(m, draws=4000, seed=7)
    summ = ghg.summarise_monte_carlo(m, mc["static"]).set_index("option")
    for name, value in central.items():
        assert summ.at[name, "p50_t_co2e"] == pytest.approx(value, rel=0.03)
        assert summ.at[name, "p05_t_co2e"] < value < summ.at[name, "p95_t_co2e"]
    assert summ["prob_best"].sum() == pytest.approx(1.0)
    again = ghg.monte_carlo(m, draws=4000, seed=7)
    np.testing.assert_array_equal(mc["static"], again["static"])
    other = ghg.monte_carlo(m, draws=4000, seed=8)
    assert not np.array_equal(mc["static"], other["static"])


def test_common_random_numbers_across_options():
    # B = A + one demolished m2: with the same factor draw for both, A is lowest in every draw
    a = option("A", stock(1000, "new"), stock(1000, "unchanged", 100, "gas"))
    b = option(
        "B", stock(1000, "new"), stock(1000, "unchanged", 100, "gas"), stock(1, "demolition")
    )
    m = build([a, b], N)
    mc = ghg.monte_carlo(m, draws=2000, seed=1)
    assert ghg.summarise_monte_carlo(m, mc["dynamic"])["prob_best"].tolist() == [1.0, 0.0]


def test_pert_and_triangular_means():
    m = build([option("A", stock(1, "new"))], N)
    # PERT mean (low + 4 mode + high) / 6; triangular mean (low + mode + high) / 3
    # with low/mode/high = 580/700/790 kgCO2e/m2
    pert = ghg.sample_factors(m, 200_000, 3, "pert")["embodied_new"]
    tri = ghg.sample_factors(m, 200_000, 3, "triangular")["embodied_new"]
    assert pert.mean() == pytest.approx((580 + 4 * 700 + 790) / 6, rel=2e-3)
    assert tri.mean() == pytest.approx((580 + 700 + 790) / 3, rel=2e-3)
    assert pert.min() >= 580 and pert.max() <= 790


def test_overridden_factor_is_fixed_in_monte_carlo():
    m = build(
        [option("A", stock(1000, "new"))], N, factors={"embodied_kg_co2e_per_m2": {"new": 500}}
    )
    mc = ghg.monte_carlo(m, draws=500, seed=1)
    assert np.allclose(mc["static"][:, 0], 500.0)


def test_tornado_swing_is_area_times_range():
    m = build([option("A", stock(1000, "new"))], N)
    tor = ghg.tornado(m)
    top = tor.iloc[0]
    assert top["factor"] == "embodied_new"
    # 1000 m2 x (790 - 580) kgCO2e/m2 = 210 t
    assert top["swing_t_co2e"] == pytest.approx(210.0)


def test_ranking_drivers_flags_a_factor_that_flips_the_ranking():
    # R: 1000 m2 rehabilitation; N: 400 m2 new. Central 200 vs 280 t; with the rehabilitation
    # factor at 300 R costs 300 > 280: the ranking flips.
    m = build([option("R", stock(1000, "rehabilitation")), option("N", stock(400, "new"))], N)
    drv = ghg.ranking_drivers(m).set_index("factor")
    assert drv.at["embodied_rehabilitation", "flips_ranking"]
    assert not drv.at["embodied_new", "flips_ranking"]


def test_monte_carlo_is_vectorised_and_fast():
    import time

    m = _three_options()
    t0 = time.perf_counter()
    ghg.monte_carlo(m, draws=10_000, seed=1)
    assert time.perf_counter() - t0 < 2.0  # generous; the benchmark prints the real ratio


# ------------------------------------------------------------------ brief data
def test_comparison_gaps_and_catch_up():
    m = _payback_model(50)
    tot = total(m)
    # rehab 100 t + 10 t/yr x 50 = 600 t; new 300 t + 5 t/yr x 50 = 550 t
    assert tot == pytest.approx({"Réhabilitation": 600.0, "Reconstruction": 550.0})
    cmp = ghg.comparison(tot, "Réhabilitation")
    assert (cmp["best"], cmp["worst"]) == ("Reconstruction", "Réhabilitation")
    assert cmp["gap_worst_t_co2e"] == pytest.approx(50.0)
    assert cmp["gap_worst_fraction"] == pytest.approx(50 / 600)
    assert cmp["others"] == ["Reconstruction"]
    # the reconstruction starts 200 t above and then emits 5 t/yr less: 40 years to catch up
    assert ghg.catch_up(ghg.cumulative(m), "Réhabilitation", "Reconstruction")["case"] == "closes"
    c = ghg.catch_up(ghg.cumulative(m), "Réhabilitation", "Reconstruction")
    assert c["initial_gap_t_co2e"] == pytest.approx(200.0)
    assert c["yearly_saving_t_co2e"] == pytest.approx(5.0)
    assert c["years"] == pytest.approx(40.0)
    assert ghg.catch_up(ghg.cumulative(m), "Reconstruction", "Réhabilitation")["case"] == "no_gap"
    assert ghg.payback_status({"a": 0, "b": None, "c": 12}) == {
        "a": "never_above",
        "b": "none",
        "c": "years",
    }


def test_stage_shares_and_ranking_sentence():
    m = build(
        [option("R", stock(1000, "rehabilitation")), option("N", stock(400, "new"))],
        factors={"carrier_kg_co2e_per_kwh": {"gas": 0.1}},
    )
    st = ghg.stage_table(ghg.totals(m))
    assert ghg.stage_shares(st, "R")["works"] == pytest.approx(1.0)
    rs = ghg.ranking_sentence(ghg.ranking_drivers(m))
    assert rs["flips"] == [m.factors.at["embodied_rehabilitation", "label"]]
    assert rs["top"][0]["gap_min_t_co2e"] < 0 < rs["top"][0]["gap_max_t_co2e"]


def test_sources_rows_come_from_the_tables_and_parameters():
    m = build([option("A", stock(1000, "new"))], factors={"carrier_kg_co2e_per_kwh": {"gas": 0.2}})
    rows = ghg.sources_rows(
        m,
        {"carrier_gas": 0.2},
        BENCH,
        WEIGHTS,
        reference.carbon_values(),
        None,
        {"district_heating": {"target_year": 2032, "target_kg_co2e_per_kwh": 0.03}},
        {"draws": 500, "distribution": "pert", "seed": 1},
    ).set_index("item")
    gas = m.factors.at["carrier_gas", "label"]
    assert rows.at[gas, "value"] == 0.2 and rows.at[gas, "note"] == "imposé par paramètre"
    # RE2020 2031 limit 490 kgCO2e/m2 (arrêté du 4 août 2021) and Quinet 2030 value 250
    assert 490.0 in set(rows["value"]) and 250.0 in set(rows["value"])
    assert any("calculé" in str(n) for n in rows["note"])


def test_explicit_factor_values():
    m = build([option("A", stock(1000, "new"))], N)
    assert ghg.option_totals(ghg.totals(m, values={"embodied_new": 500}))["A"] == 500.0
