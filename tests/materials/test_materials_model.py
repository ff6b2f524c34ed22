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
    assert materials.reuse_rate(flows) == pytest.approx(50 / 190)
    assert materials.landfill_t(flows) == pytest.approx(20 + 10 + 6)
    assert materials.excluded_from_recovery_rate(flows) == {
        "hazardous_t": pytest.approx(10),
        "natural_soil_t": pytest.approx(50),
    }
    by_route = materials.tonnes_by_route(flows)
    assert list(by_route) == list(materials.ROUTES)
    assert sum(by_route.values()) == pytest.approx(FIXTURE["quantity_t"].sum())
    bal = materials.balance(flows)
    assert list(bal.columns) == ["material", "route", "t"]
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
    bal = materials.balance(materials.route_flows(FIXTURE, ROUTES, CATALOGUE))
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
