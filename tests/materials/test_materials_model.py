"""qsp_lib.materials.model: List of Waste codes, WFD recovery rate, matching over time, carbon
and costs, checked against hand computations and published values."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from materials_fixture import (  # noqa: E402
    CATALOGUE,
    COSTS,
    DISTANCES,
    FACTORS,
    FIXTURE,
    ROUTES,
    _inventory,
)

from qsp_lib.materials import io as materials_io  # noqa: E402
from qsp_lib.materials import model as materials  # noqa: E402
from qsp_lib.materials import reference  # noqa: E402


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("17 01 01", "17 01 01"),
        ("170101", "17 01 01"),
        (" 17 06 05* ", "17 06 05*"),
        ("170605*", "17 06 05*"),
        ("17 0504", "17 05 04"),
    ],
)
def test_low_codes_are_normalised(raw, expected):
    assert materials.normalise_low_code(raw) == expected


@pytest.mark.parametrize("raw", ["17 01", "1701011", "21 01 01", "00 01 01", "17-01-01", "béton"])
def test_malformed_low_codes_are_refused(raw):
    with pytest.raises(ValueError, match="6 chiffres"):
        materials.normalise_low_code(raw)


def test_wfd_recovery_rate_by_hand_excludes_hazardous_waste_and_natural_soil():
    """Directive 2008/98/EC art. 11(2)(b): (reuse + recycling + backfilling) / total, both on
    non-hazardous waste without LoW 17 05 04. In scope: concrete 100 + wood 20 + gypsum 10 =
    130 t; recovered: 50 + 30 (concrete) + 10 (wood recycled; energy recovery does not
    count) + 4 (gypsum) = 94 t. The 10 t of asbestos and the 50 t of soil backfilled are out."""
    flows = materials.route_flows(FIXTURE, ROUTES, CATALOGUE)
    assert materials.recovery_rate(flows) == pytest.approx(94 / 130)
    # the same tonnes by legal category; without a matching the 50 t of concrete meant for
    # the site leave as surplus for recycling: no product is reused, réemploi is 0
    legal = materials.legal_flows(flows, CATALOGUE)
    assert materials.recovery_rate(legal) == pytest.approx(94 / 130)
    assert materials.reuse_rate(legal) == 0
    assert materials.landfill_t(flows) == pytest.approx(20 + 10 + 6)
    assert materials.excluded_from_recovery_rate(flows) == {
        "hazardous_t": pytest.approx(10),
        "natural_soil_t": pytest.approx(50),
    }
    by_route = materials.tonnes_by_route(flows)
    assert list(by_route) == list(materials.ROUTES)
    assert sum(by_route.values()) == pytest.approx(FIXTURE["quantity_t"].sum())
    bal = materials.balance(legal)
    assert list(bal.columns) == ["material", "route", "t"]
    assert set(bal["route"]) <= set(materials.CATEGORIES)
    assert bal["t"].sum() == pytest.approx(190)


def test_estimate_matches_the_published_orders_of_magnitude():
    """ETI Construction: about 100 t of waste per demolished dwelling, over 90 % mineral;
    a concrete block gives about 10 % residual (wood, plaster, insulation). With 65 m² per
    dwelling (the Concorde hypothesis) the slab-block ratios must agree within 15 %."""
    intensity = reference.materials_intensity()
    inv = materials.estimate_inventory(
        [{"building": "B", "typology": "slab_block_concrete_1960s", "floor_area_m2": 65.0}],
        intensity,
        CATALOGUE,
    )
    total = inv["quantity_t"].sum()
    assert total == pytest.approx(100, rel=0.15)
    mineral = inv.loc[materials.hazard_class(inv, CATALOGUE) == "inert", "quantity_t"].sum()
    assert mineral / total > 0.90
    assert 1.0 <= total / 65 <= 2.0  # t/m², materials.md range
    lo = materials.estimate_inventory(
        [{"building": "B", "typology": "slab_block_concrete_1960s", "floor_area_m2": 65.0}],
        intensity,
        CATALOGUE,
        "low",
    )
    assert lo["quantity_t"].sum() < total
    assert set(inv["low_code"]) >= {"17 01 01", "17 06 05*"}
    assert inv.loc[inv["material"] == "asbestos", "hazardous"].all()


def _flows_one_supply(t=100.0):
    inv = _inventory([("A", "structure", "concrete", "17 01 01", False, t)])
    return materials.route_flows(inv, {"concrete": {"reuse_on_site": 1.0}}, CATALOGUE)


def _check_mass(tl):
    lhs = tl["cum_supply_t"]
    rhs = tl["cum_used_t"] + tl["stock_t"] + tl["cum_exported_t"]
    assert (lhs - rhs).abs().max() < 1e-9
    assert (tl["stock_t"] >= -1e-9).all()


def test_matching_keeps_stock_for_a_later_priority_need_and_conserves_mass():
    """100 t arrive in January. The road (priority 1) needs 60 t in June; the berm needs
    100 t over February-March. The berm may only take what the road leaves: 40 t in February,
    nothing in March; it imports 60 t. The stock is 100, then 60 until June, then 0."""
    flows = _flows_one_supply()
    phases = [{"name": "P1", "start": "2025-01-01", "end": "2025-01-31", "buildings": None}]
    needs = [
        {"name": "voie", "kind": "road_sub_base", "quantity_t": 60, "start": "2025-06-01",
         "end": "2025-06-30"},
        {"name": "butte", "kind": "berm_fill", "quantity_t": 100, "start": "2025-02-01",
         "end": "2025-03-31"},
    ]  # fmt: skip
    m = materials.match_supply_needs(flows, phases, needs, {"concrete": 1.5}, 1.9, 4.0)
    tl = m.timeline
    _check_mass(tl)
    assert list(m.needs["used_t"]) == pytest.approx([60, 40])
    assert list(m.needs["imported_t"]) == pytest.approx([0, 60])
    assert list(tl["stock_t"]) == pytest.approx([100, 60, 60, 60, 60, 0])
    assert tl["exported_t"].sum() == pytest.approx(0)
    assert materials.berm_fill_coverage(m) == pytest.approx(0.4)
    # storage area = stock / loose density / pile height
    assert tl["storage_m2"].iloc[0] == pytest.approx(100 / 1.5 / 4.0)


def test_matching_sends_unused_supply_off_site_when_it_arrives():
    flows = _flows_one_supply()
    phases = [{"name": "P1", "start": "2025-01-01", "end": "2025-02-28", "buildings": None}]
    needs = [{"name": "voie", "kind": "road_sub_base", "volume_m3": 10, "density_t_per_m3": 2.0,
              "start": "2025-03-01", "end": "2025-03-31"}]  # fmt: skip
    m = materials.match_supply_needs(flows, phases, needs, {"concrete": 1.5}, 1.9, 4.0)
    tl = m.timeline
    _check_mass(tl)
    assert m.needs.at[0, "need_t"] == pytest.approx(20)
    assert m.exported_by_material["concrete"] == pytest.approx(80)
    assert tl["stock_t"].max() == pytest.approx(20)  # only what waits for the road is kept
    assert materials.berm_fill_coverage(m) is None


def test_matching_by_phase_buildings_and_without_needs():
    inv = _inventory(
        [
            ("A", "s", "concrete", "17 01 01", False, 30.0),
            ("B", "s", "concrete", "17 01 01", False, 70.0),
            ("B", "s", "wood", "17 02 01", False, 5.0),
        ]
    )
    routes = {"concrete": {"reuse_on_site": 1.0}, "wood": {"reuse_on_site": 1.0}}
    flows = materials.route_flows(inv, routes, CATALOGUE)
    phases = [
        {"name": "1", "start": "2025-01-01", "end": "2025-01-31", "buildings": ["A"]},
        {"name": "2", "start": "2025-03-01", "end": "2025-04-30", "buildings": None},
    ]
    needs = [{"name": "butte", "kind": "berm_fill", "quantity_t": 1000, "start": "2025-01-01",
              "end": "2025-04-30"}]  # fmt: skip
    m = materials.match_supply_needs(flows, phases, needs, CATALOGUE["value"], 1.9, 4.0)
    _check_mass(m.timeline)
    # wood is accepted by no need: it is not part of the matching
    assert list(m.timeline["supply_t"]) == pytest.approx([30, 0, 35, 35])
    assert m.needs.at[0, "used_t"] == pytest.approx(100)
    empty = materials.match_supply_needs(flows, [], [], CATALOGUE["value"], 1.9, 4.0)
    assert empty.needs.empty and materials.berm_fill_coverage(empty) is None


def test_truck_trips_avoided():
    # one trip out and one in per payload
    assert materials.truck_trips_avoided(100, 20) == pytest.approx(10)


def test_avoided_emissions_use_terco2_and_glec_factors():
    """Natural aggregates 2.7 kgCO2e/t (TERCO2, UNPG, range 2.6-2.75, gravel pit study 4.3);
    rigid truck 26-32 t 0.095 kgCO2e/t.km (GLEC Framework v2)."""
    assert reference.value("materials_factors", "aggregate_kg_co2e_per_t") == 2.7
    assert reference.value("materials_factors", "truck_kg_co2e_per_t_km") == 0.095
    flows = _flows_one_supply()
    out = materials.avoided_emissions(flows, 100, CATALOGUE, FACTORS, DISTANCES, 40)
    assert list(out["component"]) == ["aggregates", "products", "transport"]
    assert out.at[0, "t_co2e"] == pytest.approx(100 * 2.7 / 1000)
    assert out.at[0, "high_t_co2e"] == pytest.approx(100 * 4.3 / 1000)
    assert out.at[2, "quantity"] == pytest.approx(100 * (15 + 40))
    assert out.at[2, "t_co2e"] == pytest.approx(100 * 55 * 0.095 / 1000)
    assert out.at[1, "t_co2e"] == 0
    assert (out["low_t_co2e"] <= out["t_co2e"]).all()
    assert (out["t_co2e"] <= out["high_t_co2e"]).all()


def test_cost_balance_applies_the_2025_landfill_tax_to_non_hazardous_waste_only():
    """TGAP 2025, non-hazardous waste landfill: 65 €/t; inert waste landfills are exempt."""
    assert reference.value("materials_costs", "tgap_non_hazardous_landfill_eur_per_t") == 65
    inv = _inventory(
        [
            ("A", "s", "gypsum", "17 08 02", False, 10.0),
            ("A", "s", "concrete", "17 01 01", False, 100.0),
        ]
    )
    routes = {"gypsum": {"disposal": 1.0}, "concrete": {"recycling": 1.0}}
    flows = materials.route_flows(inv, routes, CATALOGUE)
    no_km = dict.fromkeys(DISTANCES, 0)
    out = materials.cost_balance(flows, 0, 0, 0, COSTS, no_km, 0).set_index("item")
    gate = reference.value("materials_costs", "gate_fee_non_hazardous_landfill_eur_per_t")
    inert = reference.value("materials_costs", "gate_fee_inert_landfill_eur_per_t")
    recycling = reference.value("materials_costs", "gate_fee_recycling_eur_per_t")
    assert out.at["planned_total", "eur"] == pytest.approx(10 * (gate + 65) + 100 * recycling)
    assert out.at["reference_total", "eur"] == pytest.approx(10 * (gate + 65) + 100 * inert)
    saving = out.at["saving", "eur"]
    assert saving == pytest.approx(100 * (inert - recycling))


def test_group_small_keeps_the_mass():
    bal = materials.balance(
        materials.legal_flows(materials.route_flows(FIXTURE, ROUTES, CATALOGUE), CATALOGUE)
    )
    grouped = materials.group_small(bal, 0.1)
    assert grouped["t"].sum() == pytest.approx(190)
    assert "other" in set(grouped["material"])


def test_read_inventory_normalises_codes_and_flags(tmp_path):
    path = tmp_path / "inv.csv"
    path.write_text(
        "building,element,material,low_code,hazardous,quantity_t,unit,quantity\n"
        "A,structure,concrete,170101,false,12.5,,\n"
        "A,dalles,asbestos,17 06 05*,true,1,u,40\n",
        encoding="utf-8",
    )
    inv = materials_io.read_inventory(path)
    assert list(inv["low_code"]) == ["17 01 01", "17 06 05*"]
    assert list(inv["hazardous"]) == [False, True]
    assert inv["quantity_t"].sum() == pytest.approx(13.5)
    assert list(inv.columns[:6]) == list(materials.INVENTORY_COLUMNS)
    assert "location" in inv.columns


def test_reclaimed_bricks_replace_new_bricks_and_crushed_concrete_replaces_aggregates():
    """Reuse off site replaces a new product: clay bricks 0.24 kgCO2e/kg (Hammond and Jones,
    ICE v2.0, 2011); concrete crushed on site replaces natural aggregates (TERCO2); a door
    reused replaces a fit-out product (about 1.5 tCO2e/t, materials.md)."""
    inv = _inventory(
        [
            ("A", "murs", "bricks", "17 01 02", False, 10.0),
            ("A", "structure", "concrete", "17 01 01", False, 100.0),
            ("A", "portes", "wood", "17 02 01", False, 2.0),
        ]
    )
    routes = {
        "bricks": {"reuse_off_site": 1.0},
        "concrete": {"reuse_on_site": 1.0},
        "wood": {"reuse_on_site": 1.0},
    }
    flows = materials.route_flows(inv, routes, CATALOGUE)
    assert list(materials.substitution(flows, CATALOGUE)) == ["product", "aggregate", "product"]
    out = materials.avoided_emissions(flows, 0, CATALOGUE, FACTORS, DISTANCES, 40)
    assert out.at[1, "quantity"] == pytest.approx(12)
    assert out.at[1, "t_co2e"] == pytest.approx(10 * 0.24 + 2 * 1.5)
    assert list(out["component"]) == ["aggregates", "products", "transport"]
    assert out.at[0, "t_co2e"] == pytest.approx(100 * 2.7 / 1000)


def test_cost_balance_sends_the_on_site_surplus_to_recycling():
    """Surplus left on site: recycling gate fee plus trucking over the recycling distance."""
    inv = _inventory([("A", "s", "concrete", "17 01 01", False, 100.0)])
    flows = materials.route_flows(inv, {"concrete": {"reuse_on_site": 1.0}}, CATALOGUE)
    km = dict.fromkeys(DISTANCES, 0) | {"recycling": 15}
    out = materials.cost_balance(flows, 0, 0, 50.0, COSTS, km, 0).set_index("item")
    recycling = reference.value("materials_costs", "gate_fee_recycling_eur_per_t")
    truck = reference.value("materials_costs", "transport_eur_per_t_km")
    row = out.loc["planned_surplus"]
    assert row["eur"] == pytest.approx(50 * (recycling + truck * 15))
    assert row["low_eur"] < row["eur"] < row["high_eur"]


# ------------------------------------------------------------- legal categories and net
def test_legal_categories_follow_the_destination_by_hand():
    """Code de l'environnement L.541-1-1 (réemploi: products that never became waste);
    Directive 2008/98/EC art. 3(17) and 3(17a) as amended by 2018/851 (recycling,
    backfilling). 100 t of concrete arrive on site in January: the road sub-base takes 30 t
    in February, the berm 50 t in March, 20 t are left over and leave for the recycling
    platform. Off site: 10 t of doors and 10 t of whole bricks to a reuse dealer (products:
    réemploi), 5 t of rubble to a taker (no reuse factor: recycling), 40 t of soil to a
    quarry's backfilling.
    réemploi 10 + 10 = 20 t; recyclage 30 + 20 + 5 = 55 t; remblayage 50 + 40 = 90 t."""
    inv = _inventory(
        [
            ("A", "structure", "concrete", "17 01 01", False, 100.0),
            ("A", "portes", "wood", "17 02 01", False, 10.0),
            ("A", "briques pleines", "bricks", "17 01 02", False, 10.0),
            ("A", "gravats", "mixed_inert", "17 01 07", False, 5.0),
            ("A", "terres", "soil_stones", "17 05 04", False, 40.0),
        ]
    )
    routes = {
        "concrete": {"reuse_on_site": 1.0},
        "wood": {"reuse_off_site": 1.0},
        "bricks": {"reuse_off_site": 1.0},
        "mixed_inert": {"reuse_off_site": 1.0},
        "soil_stones": {"backfilling": 1.0},
    }
    flows = materials.route_flows(inv, routes, CATALOGUE)
    phases = [{"name": "P1", "start": "2025-01-01", "end": "2025-01-31", "buildings": None}]
    needs = [
        {"name": "voie", "kind": "road_sub_base", "quantity_t": 30, "start": "2025-02-01",
         "end": "2025-02-28"},
        {"name": "butte", "kind": "berm_fill", "quantity_t": 50, "start": "2025-03-01",
         "end": "2025-03-31"},
    ]  # fmt: skip
    m = materials.match_supply_needs(flows, phases, needs, {"concrete": 1.5}, 1.9, 4.0)
    legal = materials.legal_flows(flows, CATALOGUE, m)
    assert legal["t"].sum() == pytest.approx(165)
    assert materials.tonnes_by_category(legal) == pytest.approx(
        {
            "reemploi": 20,
            "recyclage": 55,
            "remblayage": 90,
            "valorisation_energetique": 0,
            "elimination": 0,
        }
    )
    by_dest = legal.groupby("destination")["t"].sum()
    assert by_dest[["road_sub_base", "berm_fill", "surplus"]].tolist() == pytest.approx(
        [30, 50, 20]
    )
    # backfilling and recycling never count as réemploi
    reused = legal[legal["category"] == "reemploi"]
    assert set(reused["material"]) == {"wood", "bricks"}
    assert set(reused["route"]) == {"reuse_off_site"}
    assert materials.reuse_rate(legal) == pytest.approx(20 / 165)
    # WFD scope: soil out; 125 t in scope, all recovered, 50 t of it backfilled
    assert materials.recovery_rate(legal) == pytest.approx(1.0)
    assert materials.backfilling_rate(legal) == pytest.approx(50 / 125)
    # the diagnostic's category columns add up to each line's mass
    from qsp_lib.materials import report

    diag = report.diagnostic_table(inv, legal, CATALOGUE)
    cols = [c for c in diag.columns if c.endswith("prévu (t)")]
    assert diag.iloc[0][cols].tolist() == pytest.approx([0, 50, 50, 0, 0])


def test_route_emissions_and_net_by_hand():
    """Route emissions of FIXTURE plus 10 t of plastics, 10 t of mixed waste and 10 t of wood
    burnt (Concorde distances):
    - crushing: concrete recycled 30 t (+ 50 t on site as surplus, crushed) = 80 t; the 50 t
      of soil backfilled are not crushed; 80 x crushing_kg_co2e_per_t;
    - transport: on-site surplus 50 t x 15 km (recycling) + recycled 30 x 15 + wood 10 x 15
      + gypsum 4 x 15 + concrete 20 x 30 + asbestos 10 x 30 + gypsum 6 x 30 + soil 50 x 25 +
      wood, plastics and mixed waste burnt (10 + 10 + 10) x 20 = 4 340 t.km;
    - fossil CO2: plastics 10 x 2.75 (IPCC 2006, vol. 5, table 2.4: 75 % carbon, all fossil,
      x 44/12) + mixed waste 10 x fossil_co2_mixed_waste_t_per_t; wood: biogenic, 0."""
    extra = _inventory(
        [
            ("A", "sols", "plastics", "17 02 03", False, 10.0),
            ("A", "curage", "mixed_waste", "17 09 04", False, 10.0),
        ]
    )
    import pandas as pd

    inv = pd.concat([FIXTURE, extra], ignore_index=True)
    routes = dict(ROUTES, plastics={"energy_recovery": 1.0}, mixed_waste={"energy_recovery": 1.0})
    legal = materials.legal_flows(materials.route_flows(inv, routes, CATALOGUE), CATALOGUE)
    em = materials.route_emissions(legal, CATALOGUE, FACTORS, DISTANCES).set_index("component")
    crushing = FACTORS.at["crushing_kg_co2e_per_t", "value"]
    truck = FACTORS.at["truck_kg_co2e_per_t_km", "value"]
    assert em.at["crushing", "quantity"] == pytest.approx(80)
    assert em.at["crushing", "t_co2e"] == pytest.approx(80 * crushing / 1000)
    assert em.at["transport", "quantity"] == pytest.approx(4340)
    assert em.at["transport", "t_co2e"] == pytest.approx(4340 * truck / 1000)
    mixed = FACTORS.at["fossil_co2_mixed_waste_t_per_t", "value"]
    assert FACTORS.at["fossil_co2_plastics_t_per_t", "value"] == pytest.approx(0.75 * 44 / 12)
    assert em.at["energy_recovery", "t_co2e"] == pytest.approx(10 * 2.75 + 10 * mixed)
    assert (em["low_t_co2e"] <= em["t_co2e"]).all() and (em["t_co2e"] <= em["high_t_co2e"]).all()
    # net < gross when routes emit; the net's low bound takes the high emissions
    avoided = materials.avoided_emissions(legal, 0.0, CATALOGUE, FACTORS, DISTANCES, 40)
    lo, mid, hi = materials.net_avoided(avoided, em.reset_index())
    assert mid == pytest.approx(avoided["t_co2e"].sum() - em["t_co2e"].sum())
    assert mid < avoided["t_co2e"].sum()
    assert lo == pytest.approx(avoided["low_t_co2e"].sum() - em["high_t_co2e"].sum())
    assert lo <= mid <= hi


def test_list_of_waste_codes_of_the_catalogue():
    """Commission Decision 2000/532/EC: copper, bronze, brass 17 04 01; cables other than
    17 04 10* 17 04 11 (not 17 04 07, mixed metals); bituminous mixtures containing coal tar
    17 03 01* (hazardous), 17 03 02 without."""
    codes = CATALOGUE["low_code"]
    assert codes["metals_nonferrous"] == "17 04 01"
    assert codes["cables"] == "17 04 11"
    assert codes["bituminous_tar"] == "17 03 01*"
    assert CATALOGUE.at["bituminous_tar", "hazard_class"] == "hazardous"
    assert materials.SUSPECTED_UNTIL_TESTED == {"bituminous_tar": "17 03 02"}
    # a 1960s slab block's estimate counts its roofing membrane as tar-suspect, hazardous
    inv = materials.estimate_inventory(
        [{"building": "B", "typology": "slab_block_concrete_1960s", "floor_area_m2": 100.0}],
        reference.materials_intensity(),
        CATALOGUE,
    )
    tar = inv[inv["material"] == "bituminous_tar"]
    assert len(tar) == 1 and tar["hazardous"].all() and tar["suspected_hazardous"].all()
    assert "17 04 07" not in set(inv["low_code"])


def test_concorde_inventory_codes():
    """The Concorde inventory: no 17 04 07 (copper pipes are 17 04 01, cables 17 04 11);
    the 1959 roofing membranes coded 17 03 01*, hazardous, suspected until a PAH test."""
    path = Path(__file__).parents[2] / "parameters/concorde/circular_materials_inventory.csv"
    inv = materials_io.read_inventory(path)
    assert "17 04 07" not in set(inv["low_code"])
    assert {"17 04 01", "17 04 11"} <= set(inv["low_code"])
    tar = inv[inv["material"] == "bituminous_tar"]
    assert len(tar) == 5 and (tar["low_code"] == "17 03 01*").all()
    assert tar["hazardous"].all() and tar["suspected_hazardous"].all()
    assert not inv.loc[inv["material"] != "bituminous_tar", "suspected_hazardous"].any()
