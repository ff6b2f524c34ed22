"""Boundaries of the GHG balance (issue 18, item 2): late delivery, the kept stock's end of
life, the anchor of the dynamic weighting, the discounted carbon value and the car fleet
renewal, each against a hand computation.

Sources of the conventions: arrêté du 4 août 2021 (RE2020, reference life 50 years, dynamic
weights from each building's delivery); Regulation (EU) 2023/851 (no new combustion car from
2035); France Stratégie guide 2017 (public discount rate about 4.5 %, ghg.md).
"""

from pathlib import Path

import numpy as np
import pytest
from ghg_testkit import ONE_STAGE, build, f_ar5, option, stock

from qsp_lib.core import params
from qsp_lib.ghg import model as ghg
from qsp_lib.ghg import study as ghg_study
from qsp_lib.ghg.model.lifecycle import delivery_share, kept_structure_demolition
from qsp_lib.ghg.model.mobility import combustion_share_of_car_km, renewed_fleet_mix

REPO = Path(__file__).resolve().parents[2]
#: Rehabilitation at 400 kgCO2e/m², all of it in the works year, no upkeep.
REHAB = {**ONE_STAGE, "embodied_rehabilitation": 400.0, "embodied_maintenance": 0.0}


def _part(model, part, weighting="static"):
    t = ghg.lifecycle_totals(model)
    return t[t["part"] == part].set_index("option")[f"{weighting}_t_co2e"].to_dict()


# ----------------------------------------------------------------- 1. late delivery
def test_delivery_share_by_hand():
    # delivered in year 17 of 50 (2038 for a 2021 start): 33 of its 50 years in the period
    assert delivery_share(50, 17, "prorated", 50) == pytest.approx(33 / 50)
    assert delivery_share(50, 0, "prorated", 50) == 1.0
    assert delivery_share(50, 17, "full_life", 50) == 1.0
    assert delivery_share(30, 0, "prorated", 50) == pytest.approx(30 / 50)
    with pytest.raises(ValueError, match="late_delivery"):
        delivery_share(50, 17, "pro_rata")


def test_prorated_late_delivery_counts_the_years_in_the_period():
    opt = [option("A", stock(1000, "rehabilitation", works_year=20))]
    full = build(opt, edits=REHAB)
    prorated = build(opt, edits=REHAB, boundaries={"late_delivery": "prorated"})
    # 1000 m² x 400 kg = 400 t; delivered in year 20 of 50: 30 / 50 of it
    assert _part(full, "construction")["A"] == pytest.approx(400.0)
    assert _part(prorated, "construction")["A"] == pytest.approx(400.0 * 30 / 50)


# ----------------------------------------------------- 2. end of life of the kept stock
def test_kept_structure_demolition_by_hand():
    # a 1959 structure, life 100 years (ends 2059), period 2021-2071: 38 of its years inside
    assert kept_structure_demolition("residual_value", 50, 2021, 1959, 100) == (
        50,
        pytest.approx(0.38),
    )
    assert kept_structure_demolition("demolished_at_year", 50, 2021) == (50, 1.0)
    assert kept_structure_demolition("demolished_at_year", 50, 2021, end_of_life_year=2040) == (
        19,
        1.0,
    )
    assert kept_structure_demolition("demolished_at_year", 50, 2021, end_of_life_year=2080) is None
    assert kept_structure_demolition("none", 50, 2021, 1959) is None


def test_kept_stock_demolition_is_counted_for_unchanged_and_rehabilitated_stock():
    edits = {**REHAB, "embodied_demolition": 20.0}
    opt = [
        option("kept", stock(1000, "unchanged", construction_year=1959)),
        option("rehab", stock(1000, "rehabilitation", works_year=0, construction_year=1959)),
        option("demolished", stock(1000, "demolition", works_year=0)),
    ]
    kw = {"edits": edits, "start_year": 2021}
    none = _part(build(opt, **kw), "demolition")
    at_year = _part(
        build(opt, boundaries={"kept_stock_end_of_life": "demolished_at_year"}, **kw), "demolition"
    )
    residual = _part(
        build(opt, boundaries={"kept_stock_end_of_life": "residual_value"}, **kw), "demolition"
    )
    assert none == pytest.approx({"kept": 0.0, "rehab": 0.0, "demolished": 20.0})
    # 1000 m² x 20 kg = 20 t, all of it, or the 38 % of its life inside the period
    assert at_year == pytest.approx({"kept": 20.0, "rehab": 20.0, "demolished": 20.0})
    assert residual == pytest.approx({"kept": 7.6, "rehab": 7.6, "demolished": 20.0})


# ------------------------------------------------------- 3. anchor of dynamic weighting
def test_delivery_anchor_weights_the_works_from_their_year():
    edits = {**REHAB, "carrier_gas": 0.2}
    s = stock(
        1000,
        "rehabilitation",
        kwh=100,
        carrier="gas",
        works_year=10,
        energy_before_kwh_per_m2_year=200,
        carrier_before="gas",
    )
    common = build([option("A", s)], edits=edits)
    anchored = build([option("A", s)], edits=edits, boundaries={"dynamic_anchor": "delivery_year"})
    years = np.arange(51)
    before, after = (years >= 1) & (years <= 10), years > 10
    # 200 kWh/m² x 1000 m² x 0.2 kg before (years 1-10), 100 kWh after: 40 t and 20 t a year
    hand_common = 400 * f_ar5(10) + (40 * f_ar5(years[before])).sum()
    hand_common += (20 * f_ar5(years[after])).sum()
    hand_anchor = 400 * f_ar5(0) + (40 * f_ar5(years[before])).sum()
    hand_anchor += (20 * f_ar5(years[after] - 10)).sum()
    tot_c = ghg.option_totals(ghg.totals(common), "dynamic")["A"]
    tot_a = ghg.option_totals(ghg.totals(anchored), "dynamic")["A"]
    assert tot_c == pytest.approx(hand_common, rel=1e-4)
    assert tot_a == pytest.approx(hand_anchor, rel=1e-4)
    # static totals do not depend on the anchor
    assert ghg.option_totals(ghg.totals(anchored), "static")["A"] == pytest.approx(
        ghg.option_totals(ghg.totals(common), "static")["A"]
    )
    # the vectorised path (Monte Carlo, sensitivity) and the cumulative curve agree
    vec = ghg.evaluate_totals(anchored, anchored.central_values(), anchored.weights("dynamic"))
    assert vec[0, 0] == pytest.approx(tot_a)
    assert ghg.cumulative(anchored, "dynamic")["A"].iloc[-1] == pytest.approx(tot_a)


# ------------------------------------------------------------ 4. discounted carbon value
def test_carbon_value_discounted_to_the_base_year():
    m = build(
        [option("A", stock(1000, "rehabilitation", works_year=5))],
        edits=REHAB,
        start_year=2021,
    )
    flat = {2018: 100.0, 2050: 100.0}
    # 400 t in 2026 at 100 EUR/t = 40,000 EUR; discounted to 2021 at 4.5 %: / 1.045^5
    assert ghg.monetise(m, flat)["A"] == pytest.approx(40_000.0)
    assert ghg.monetise(m, flat, 0.045)["A"] == pytest.approx(40_000.0 / 1.045**5)
    assert ghg.monetise(m, flat, 0.045, base_year=2026)["A"] == pytest.approx(40_000.0)


# -------------------------------------------------------------------- 5. car fleet
def test_combustion_share_falls_as_the_fleet_renews():
    years = [2030, 2035, 2036, 2044, 2053, 2060]
    got = combustion_share_of_car_km(years, 0.7, 2035, 18)
    assert got == pytest.approx([0.7, 0.7, 0.7 * 17 / 18, 0.35, 0.0, 0.0])
    # the share of the modal mix in 2035 is the one that renews
    assert combustion_share_of_car_km([2035, 2044], [0.6, 0.9], 2035, 18) == pytest.approx(
        [0.6, 0.3]
    )


def test_renewed_fleet_keeps_the_car_km_and_moves_them_to_electric():
    mix = np.zeros((2, len(ghg.MODES)))
    th, el, walk = (ghg.MODES.index(m) for m in ("car_thermal", "car_electric", "walk"))
    mix[:, [th, el, walk]] = [0.4, 0.1, 0.5]
    out = renewed_fleet_mix(mix, [2035, 2044], 2035, 18)
    # combustion share of car-km 0.4 / 0.5 = 0.8 in 2035, 0.4 nine years later
    assert out[0, [th, el, walk]] == pytest.approx([0.4, 0.1, 0.5])
    assert out[1, [th, el, walk]] == pytest.approx([0.2, 0.3, 0.5])


def test_mobility_car_km_with_and_without_fleet_renewal():
    mob = {
        "residents": 100,
        "km_per_person_per_day": 10,
        "modal_shares_now": {"car_thermal": 0.5, "walk": 0.5},
    }
    opt = [option("A", stock(0, "unchanged"), mobility=mob)]
    fleet = {"fleet": {"end_of_combustion_sales_year": 2035, "car_lifetime_years": 18}}
    frozen, renewed = build(opt, start_year=2021), build(opt, start_year=2021, boundaries=fleet)
    mi, k = ghg.PARTS.index("mobility"), frozen.factor_keys.index("mobility_car_thermal")
    y2044 = 2044 - 2021
    # 100 x 10 km x 365 days = 365,000 pkm, half by car: 182,500 -> 0.1825 (tCO2e per kg/pkm)
    assert frozen.coef[0, mi, y2044, k] == pytest.approx(182.5)
    # all car-km were combustion in 2035: half of them left in 2044
    assert renewed.coef[0, mi, y2044, k] == pytest.approx(91.25)
    ke = renewed.factor_keys.index("mobility_car_electric")
    assert renewed.coef[0, mi, y2044, ke] == pytest.approx(91.25)


# ------------------------------------------------------------- parameters and study
def _concorde_raw():
    return params.load_yaml(REPO / "parameters" / "concorde" / "ghg_planning_options.yaml")


def test_kept_stock_end_of_life_year_outside_the_period_is_refused():
    raw = _concorde_raw()
    raw["boundaries"] = {"kept_stock_end_of_life_year": 2090}
    with pytest.raises(params.ParameterError, match="boundaries.kept_stock_end_of_life_year"):
        params.validate("ghg_planning_options", raw)


def test_concorde_conventions_table_gives_the_kept_stock_demolition_by_hand():
    p = params.validate("ghg_planning_options", _concorde_raw())
    assert p.discount_rate == 0.045
    assert p.boundaries.fleet.end_of_combustion_sales_year == 2035
    model = ghg_study.model_from_parameters(p)
    tot = ghg_study.totals(p, model)
    conv = ghg_study.conventions(p, tot.lead, tot.dynamic)
    row = conv[
        (conv["convention"] == "kept_stock_end_of_life")
        & (conv["alternative"] == "demolished_at_year")
    ].set_index("option")["effect_t_co2e"]
    # NPNRU keeps H-Q (35,490 m²) and rehabilitates F-G (16,250 m²); the maximal
    # rehabilitation keeps all 97,500 m² of 1959 stock; 20 kgCO2e/m² of demolition
    assert row["Programme NPNRU signé"] == pytest.approx((35_490 + 16_250) * 0.020)
    assert row["Réhabilitation maximale"] == pytest.approx(97_500 * 0.020)
    assert row["Démolition-reconstruction totale"] == pytest.approx(0.0)
    fleet = conv[conv["convention"] == "fleet"]["effect_t_co2e"]
    assert (fleet > 0).all() and np.ptp(fleet) == pytest.approx(0.0, abs=1e-6)


def test_schema_defaults_are_the_sourced_values_of_the_conventions_file():
    from qsp_lib.ghg import reference
    from qsp_lib.ghg.schema import Boundaries, GhgPlanningOptionsParameters

    conv = reference.ghg_conventions()["value"]
    b = Boundaries()
    assert GhgPlanningOptionsParameters.model_fields["discount_rate"].default == pytest.approx(
        conv["public_discount_rate"]
    )
    assert b.reference_life_years == conv["reference_life_years"]
    assert b.fleet.end_of_combustion_sales_year == conv["end_of_combustion_sales_year"]
    assert b.fleet.car_lifetime_years == conv["car_lifetime_years"]
    assert b.kept_structure_life_years == conv["kept_structure_life_years"]


def test_sources_table_carries_the_convention_values_and_their_sources():
    p = params.validate("ghg_planning_options", _concorde_raw())
    rows = ghg_study.sources(p, ghg_study.model_from_parameters(p)).set_index("item")
    rate = rows.loc[
        "Taux d'actualisation public de l'évaluation socioéconomique (avec prime de risque)"
    ]
    assert rate["value"] == pytest.approx(4.5) and rate["unit"] == "%"
    assert "France Stratégie" in rate["source"]
    cars = rows.loc["Fin des ventes de voitures neuves thermiques"]
    assert cars["value"] == "2035" and "2023/851" in cars["source"]
    # a value set by the parameter file is flagged, not given the file's source
    other = ghg_study.sources(
        p.model_copy(update={"discount_rate": 0.03}), ghg_study.model_from_parameters(p)
    )
    other = other.set_index("item").loc[rate.name]
    assert other["value"] == pytest.approx(3.0) and other["note"] == "valeur imposée"
