"""The circular_materials study's decisions (qsp_lib.materials.study), on a small inventory.

Values are computed by hand below. References asserted:
- Directive 2008/98/EC art. 11(2)(b), as amended by Directive (EU) 2018/851: the recovery
  rate counts reuse, recycling and backfilling of non-hazardous construction and demolition
  waste, natural soil and stones (List of Waste 17 05 04) excluded; target 70 %.
- GIE La Méta (Métropole Européenne de Lille): 90 % recovery target.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from qsp_lib.core import params
from qsp_lib.materials import reference
from qsp_lib.materials import study as materials_study

sys.path.insert(0, str(Path(__file__).parent))

from materials_fixture import write_site  # noqa: E402

REPO = Path(__file__).resolve().parents[2]

#: 100 t concrete, 50 t natural soil, 20 t glass, 10 t asbestos (hazardous).
INVENTORY = (
    "building,element,material,low_code,hazardous,quantity_t\n"
    "Barre X,Voiles,concrete,17 01 01,false,100\n"
    "Barre X,Terres,soil_stones,17 05 04,false,50\n"
    "Barre X,Vitrages,glass,17 02 02,false,20\n"
    "Barre X,Flocages,asbestos,17 06 05*,true,10\n"
)


def parameters(tmp_path, site_changes=None, **changes):
    """Concorde's file on the hand-made site of :func:`materials_fixture.write_site`: Barre X
    demolished in 2024 (one phase, 2024-01-01 to 2024-12-31), a berm of 250 m³ at 2 t/m³
    (500 t, the fill density overridden)."""
    data = params.load_yaml(REPO / "parameters" / "concorde" / "circular_materials.yaml")
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "inventory.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    site_dir = write_site(tmp_path / "site", **(site_changes or {}))
    data.update(
        inventory_csv={"path": str(path), "status": "sourced", "source": "diagnostic PEMD"},
        needs=[
            {
                "name": "Remblai",
                "kind": "berm_fill",
                "start": "2024-01-01",
                "end": "2025-12-31",
            }
        ],
        factors={"fill_density_t_per_m3": 2.0},
        costs={},
    )
    data.update(changes)
    return params.validate("circular_materials", data, site_dir=site_dir)


TABLES = (
    reference.materials_catalogue(),
    reference.materials_intensity(),
    reference.materials_factors(),
    reference.materials_costs(),
)


def run(P, option=None):
    return materials_study.study(P, *TABLES, option=option)


@pytest.fixture()
def study(tmp_path):
    return run(parameters(tmp_path))


def test_wfd_recovery_rate_by_hand(study):
    # Concorde routes: concrete 75 % on site + 25 % recycled; soil 100 % on site;
    # glass 60 % recycled + 40 % disposal; asbestos 100 % disposal.
    assert study.total_t == 180
    assert study.excluded == pytest.approx({"hazardous_t": 10, "natural_soil_t": 50})
    assert (study.hazardous_t, study.natural_soil_t) == pytest.approx((10, 50))
    assert study.recovery_scope_t == pytest.approx(120)
    # in scope: concrete 100 t recovered, glass 12 t recycled -> 112 / 120
    assert study.recovery == pytest.approx(112 / 120)
    assert study.recovered_t == pytest.approx(112)
    assert study.landfill == pytest.approx(8 + 10)
    assert study.by_route["recycling"] == pytest.approx(25 + 12)
    assert study.on_site_t == pytest.approx(75 + 50) and study.energy_recovery_t == 0
    assert (study.target_law, study.target_meta) == (0.7, 0.9)
    # legal categories: the 125 t used on site all go into the berm (backfilling), never
    # réemploi; no product is reused; recycled 25 + 12 t; disposal 8 + 10 t
    assert study.reuse_t == 0 and study.reused_t == 0 and study.reuse == 0
    assert study.backfilling_t == pytest.approx(125)
    assert study.recycling_t == pytest.approx(37)
    assert study.disposal_t == pytest.approx(18)
    assert sum(study.by_category.values()) == pytest.approx(study.total_t)
    # backfilling counted in the WFD rate and reported apart: 75 t of concrete of 120 t
    assert study.backfilling_rate == pytest.approx(75 / 120)


def test_net_avoided_by_hand(study):
    """Gross: aggregates replaced 75 + 25 (concrete) + 50 (soil) = 150 t x 2.7 kgCO2e/t
    (TERCO2); transport avoided 125 t x (15 + 40) km x 0.095 kgCO2e/t.km (GLEC v2).
    Route emissions: crushing of the 100 t of concrete (soil is not crushed) x
    crushing_kg_co2e_per_t; transport: recycled 25 + 12 t x 15 km, disposal 8 + 10 t x 30 km
    = 1 095 t.km x 0.095; nothing burnt."""
    f = reference.materials_factors()
    gross = 150 * 2.7 / 1000 + 125 * 55 * 0.095 / 1000
    emitted = 100 * f.at["crushing_kg_co2e_per_t", "value"] / 1000 + 1095 * 0.095 / 1000
    assert study.avoided_t == pytest.approx(gross)
    assert study.emitted_t == pytest.approx(emitted)
    assert study.avoided_net_t == pytest.approx(gross - emitted)
    assert study.avoided_net_t < study.avoided_t
    lo, mid, hi = study.avoided_net
    assert lo < mid < hi


def test_by_option_by_hand(tmp_path):
    """Option « ref » demolishes Barre X (180 t, the file's rows); « autre » keeps it: no
    material, no rate (NaN), the whole berm (250 m³ x 2 t/m³ = 500 t) imported, nothing
    avoided, no route emits. Imported fill agrees with the fill balance. The routes of « ref »
    (the GHG note's demolition transport and treatment): crushing of the 100 t of concrete x
    crushing_kg_co2e_per_t + (25 + 12 t recycled x 15 km + 8 + 10 t disposed x 30 km =
    1 095 t.km) x 0.095 kgCO2e/t.km (GLEC v2); nothing burnt."""
    P = parameters(tmp_path)
    studies = materials_study.option_studies(P, *TABLES)
    table = materials_study.by_option(P, studies)
    assert list(table.columns) == [
        "option",
        "total_t",
        "recovery_rate",
        "imported_fill_t",
        "avoided_net_t_co2e",
        "routes_t_co2e",
    ]
    ref, other = table.iloc[0], table.iloc[1]
    crushing = reference.materials_factors().at["crushing_kg_co2e_per_t", "value"]
    assert ref["routes_t_co2e"] == pytest.approx(100 * crushing / 1000 + 1095 * 0.095 / 1000)
    assert other["routes_t_co2e"] == 0
    # the net is the gross minus exactly these routes
    assert ref["avoided_net_t_co2e"] == pytest.approx(
        studies["ref"].avoided_t - ref["routes_t_co2e"]
    )
    carbon = materials_study.by_option_carbon_table(P, studies)
    assert carbon["Filières (tCO2e)"].tolist() == pytest.approx(table["routes_t_co2e"].tolist())
    assert ref["option"] == "Référence" and ref["total_t"] == pytest.approx(180)
    assert ref["recovery_rate"] == pytest.approx(112 / 120)
    assert ref["imported_fill_t"] == pytest.approx(375)
    assert ref["avoided_net_t_co2e"] == pytest.approx(studies["ref"].avoided_net_t)
    assert other["total_t"] == 0 and pd.isna(other["recovery_rate"])
    assert other["imported_fill_t"] == pytest.approx(500)
    assert other["avoided_net_t_co2e"] == pytest.approx(0)
    fill = materials_study.fill_balance(P, studies=studies)
    assert fill["imported_fill_t"].tolist() == pytest.approx(table["imported_fill_t"].tolist())
    shown = materials_study.by_option_table(P, studies)
    assert shown["Inventaire"].tolist() == ["sourcé", "aucune démolition"]
    # demolished under « autre » too, Barre X keeps the file's rows
    P = parameters(tmp_path / "b", site_changes={"fate_other": "demolish"})
    table = materials_study.by_option(P, materials_study.option_studies(P, *TABLES))
    assert table["total_t"].tolist() == pytest.approx([180, 180])


def test_matching_with_the_berm_fill_by_hand(study):
    # 125 t meant for reuse on site (concrete and soil, both accepted in berm fill) arrive in
    # 2024; the berm needs 500 t over 2024-2025, 250 t in 2024: everything is used.
    assert study.used_on_site == pytest.approx(125)
    assert study.surplus_t == pytest.approx(0)
    assert study.needs_t == pytest.approx(500)
    assert study.imported_t == pytest.approx(375)
    assert study.berm_need_t == pytest.approx(500)
    assert study.berm_coverage == pytest.approx(0.25)
    # one truck out and one in per 20 t payload
    assert study.trips == pytest.approx(2 * 125 / 20)
    # the 125 t arrive over 2024 and the berm takes 250 t over 2024: the stock never
    # exceeds one month of supply, 125 / 12 t, which the berm takes the same month
    peak = study.stock_peak
    assert peak.stock_t <= 125 / 12 + 1e-9 and peak.month.year == 2024
    table = materials_study.needs_table(study.matching)
    assert list(table["Période"]) == ["01/01/2024 - 31/12/2025"]
    assert table.iloc[0]["Couverture"] == pytest.approx(0.25)


def test_avoided_transport_by_hand(study):
    # 125 t used on site avoid a trip to the recycling platform (15 km, Concorde file) and
    # one from the quarry (40 km): 125 x 55 t.km at the truck factor of the reference table.
    truck = reference.materials_factors().at["truck_kg_co2e_per_t_km", "value"]
    by_component = study.avoided_by_component
    assert by_component.transport_t_co2e == pytest.approx(125 * (15 + 40) * truck / 1000)
    assert sum(
        (by_component.aggregates_t_co2e, by_component.products_t_co2e, truck * 125 * 55 / 1000)
    ) == pytest.approx(study.avoided_t)


def test_factor_override_changes_the_target(tmp_path):
    study = run(parameters(tmp_path, factors={"target_la_meta_recovery": 0.95}))
    assert study.target_meta == 0.95
    assert materials_study.verdict(study.recovery, study.target_meta) == "**non atteint**"


def test_verdicts_and_gaps():
    # the 70 % is a Member-State target (Directive 2008/98/EC art. 11(2)(b)): a benchmark
    assert materials_study.benchmark(0.7, 0.7) == "au-dessus du"
    assert materials_study.benchmark(0.69, 0.7) == "**en dessous du**"
    assert "dépend" in materials_study.net_verdict(-1.0, 2.0)
    assert materials_study.net_verdict(0.5, 2.0).startswith("un gain net")
    assert materials_study.net_verdict(-3.0, -0.5).startswith("une émission nette")
    assert materials_study.verdict(0.7, 0.7) == "atteint"
    assert materials_study.verdict(0.69, 0.7) == "**non atteint**"
    assert materials_study.gap_points(0.65, 0.7) == pytest.approx(-5)


def test_inventory_source_follows_the_declared_status(tmp_path):
    # a sourced PEMD diagnostic: said in the text, no « Hypothèse » box
    P = parameters(tmp_path)
    assert materials_study.inventory_source(P) == "diagnostic PEMD du fichier de paramètres"
    assert materials_study.inventory_assumption(P) is None
    path = str(tmp_path / "inventory.csv")
    # reconstituted by a stated method: the box says where it comes from
    declared = {"path": path, "status": "estimated", "source": "Ratios de démolition"}
    P = parameters(tmp_path, inventory_csv=declared)
    assert materials_study.inventory_source(P).startswith("inventaire reconstitué")
    assert materials_study.inventory_assumption(P) == "Ratios de démolition"
    # a bare path is estimated, without a source of its own
    P = parameters(tmp_path, inventory_csv=path)
    assert materials_study.inventory_assumption(P) == materials_study.inventory_source(P)
    assert materials_study.inventory_source(P).startswith("inventaire reconstitué")
    P = parameters(tmp_path, inventory_csv={"path": path, "status": "illustrative"})
    assert materials_study.inventory_source(P).startswith("inventaire illustratif")


def test_estimate_without_inventory_file():
    # Wazemmes-Moulins: no inventory file; the two demolished groups of site.yaml, 2 100 and
    # 2 030 m² of brick terraced houses, are estimated from their living area and typology
    data = params.load_yaml(REPO / "parameters" / "wazemmes-moulins" / "circular_materials.yaml")
    P = params.validate(
        "circular_materials", data, site_dir=REPO / "parameters" / "wazemmes-moulins"
    )
    study = run(P)
    assert materials_study.inventory_source(P) == "estimation par surface démolie et typologie"
    assert study.estimated_area_m2 == 2100 + 2030
    intensity = reference.materials_intensity()
    brick = intensity.loc[intensity["typology"] == "brick_terraced_19c", "value"].sum()
    assert study.total_t == pytest.approx(4130 * brick)
    assert study.total_low <= study.total_t <= study.total_high
    assert set(study.used_intensity["typology"]) == {"brick_terraced_19c"}
    # one phase: both groups are demolished 2026-2028 (site.yaml), January to December
    (phase,) = materials_study.demolition_phases(P, study.option)
    assert (str(phase["start"]), str(phase["end"])) == ("2026-01-01", "2028-12-31")
    assert len(phase["buildings"]) == 2
    # no berm on this site: no berm need, nothing imported for it, a zero fill balance
    assert study.berm_coverage is None
    balance = materials_study.fill_balance(P, *TABLES)
    assert len(balance) == 3 and balance[["fill_m3", "imported_fill_t"]].eq(0).all().all()


def test_phases_are_the_demolition_years_of_the_site_model(tmp_path):
    P = parameters(tmp_path, site_changes={"fate_other": "demolish"})
    assert materials_study.demolition_phases(P, "ref") == [
        {
            "name": "Démolitions 2024",
            "start": dt.date(2024, 1, 1),
            "end": dt.date(2024, 12, 31),
            "buildings": ["Barre X"],
        }
    ]
    assert materials_study.demolition_phases(P, "autre")[0]["end"] == dt.date(2025, 12, 31)


def test_a_building_without_inventory_rows_is_estimated_from_its_typology(tmp_path):
    # the inventory names « Barre X » only by its site.yaml id
    P = parameters(tmp_path)
    inventory = pd.read_csv(tmp_path / "inventory.csv").assign(building="barre-x")
    study = materials_study.study(P, *TABLES, inventory=inventory)
    assert study.total_t == 180 and not study.estimated
    assert set(study.inventory["building"]) == {"Barre X"}
    # without any row for it, Barre X (100 m² of a 1960s slab block) is estimated
    study = materials_study.study(P, *TABLES, inventory=inventory.iloc[0:0])
    intensity = reference.materials_intensity()
    slab = intensity.loc[intensity["typology"] == "slab_block_concrete_1960s", "value"].sum()
    assert study.total_t == pytest.approx(100 * slab)
    assert study.estimated_area_m2 == 100


def test_changing_a_fate_in_site_yaml_changes_the_materials(tmp_path):
    # Barre X kept under « autre »: nothing demolished, the berm's 500 t all imported
    kept = materials_study.fill_balance(parameters(tmp_path / "a"), *TABLES)
    assert kept["option"].tolist() == ["Référence", "Autre"]
    assert kept.loc[1, ["site_material_t", "imported_fill_t"]].tolist() == [0, 500]
    # demolished there too (2025): its inventory (180 t, 125 t of it for reuse on site,
    # concrete 75 % and soil 100 %) goes to the berm, which runs over 2024-2025
    P = parameters(tmp_path / "b", site_changes={"fate_other": "demolish"})
    assert run(P, "autre").total_t == 180
    demolished = materials_study.fill_balance(P, *TABLES)
    assert demolished.loc[1, ["site_material_t", "imported_fill_t"]].tolist() == pytest.approx(
        [125, 375]
    )


def test_fill_balance_by_hand(tmp_path):
    # 250 m³ x 2 t/m³ = 500 t; 125 t of site material; 375 t imported from the quarry 40 km
    # away (Concorde file) at the truck factor of materials_factors.csv
    truck = reference.materials_factors().at["truck_kg_co2e_per_t_km", "value"]
    row = materials_study.fill_balance(parameters(tmp_path), *TABLES).iloc[0]
    assert row["option"] == "Référence"
    assert row["fill_m3"] == 250 and row["site_material_t"] == pytest.approx(125)
    assert row["imported_fill_t"] == pytest.approx(375)
    assert row["import_transport_t_co2e"] == pytest.approx(375 * 40 * truck / 1000)
    # no berm in site.yaml: no berm need at all
    P = parameters(tmp_path / "b", site_changes={"berm": False})
    assert run(P).berm_coverage is None and run(P).needs_t == 0


def test_concorde_reference_fill_balance_by_hand():
    # 800 m x 10 m x (10 + 60) / 2 = 280 000 m³ (site.yaml) x 1.9 t/m³ = 532 000 t of fill.
    # Material for reuse on site (inventory x Concorde routes): concrete 53 996.8 x 0.75 +
    # bricks 4 576 x 0.6 + tiles 1 372.8 x 0.5 + soil 6 864 x 1 = 50 793.6 t, of which the
    # new roads take 10 000 m³ x 2.1 = 21 000 t and the paths 3 000 t first: 26 793.6 t
    # left for the berm, 505 206.4 t imported over 40 km.
    d = REPO / "parameters" / "concorde"
    P = params.validate("circular_materials", params.load_yaml(d / "circular_materials.yaml"))
    balance = materials_study.fill_balance(P, *TABLES)
    row = balance.iloc[0]
    assert row["option"] == "Programme NPNRU signé" and row["fill_m3"] == 280000
    assert row["site_material_t"] == pytest.approx(50793.6 - 21000 - 3000)
    assert row["imported_fill_t"] == pytest.approx(532000 - 26793.6)
    truck = reference.materials_factors().at["truck_kg_co2e_per_t_km", "value"]
    assert row["import_transport_t_co2e"] == pytest.approx(505206.4 * 40 * truck / 1000)
    # the maximal rehabilitation demolishes nothing: the whole fill is imported
    assert balance.iloc[1]["imported_fill_t"] == pytest.approx(532000)


def test_barres_h_to_q_demolished_under_npnru_add_their_estimate(tmp_path):
    # a copy of Concorde's site.yaml where Barres H à Q (35 490 m², no inventory rows) are
    # demolished under the NPNRU programme in 2029-2032
    site_dir = tmp_path / "concorde"
    shutil.copytree(REPO / "parameters" / "concorde", site_dir)
    data = params.load_yaml(site_dir / "site.yaml")
    hq = next(b for b in data["buildings"]["items"] if b["id"] == "barres-h-q")
    hq["fate"]["npnru"] = {"fate": "demolish", "start_year": 2029, "end_year": 2032}
    (site_dir / "site.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    values = params.load_yaml(site_dir / "circular_materials.yaml")
    before = run(params.validate("circular_materials", values)).total_t
    after = run(params.validate("circular_materials", values, site_dir=site_dir))
    intensity = reference.materials_intensity()
    slab = intensity.loc[intensity["typology"] == "slab_block_concrete_1960s", "value"].sum()
    assert after.total_t == pytest.approx(before + 35490 * slab)
    assert after.estimated_area_m2 == 35490


def test_route_table_by_legal_category(study):
    # 125 t backfilled, 37 t recycled, 18 t disposed of (the study fixture, 180 t)
    table = materials_study.route_table(study.legal)
    assert table["Part"].sum() == pytest.approx(1.0)
    assert table["Catégorie légale"].tolist() == [
        "Réemploi",
        "Recyclage",
        "Remblayage",
        "Valorisation énergétique",
        "Élimination",
    ]
    assert table["Masse (t)"].tolist() == pytest.approx([0, 37, 125, 0, 18])
    flags = table["Valorisation matière"].tolist()
    assert flags == ["oui", "oui", "oui, déclaré à part", "non", "non"]
    dest = materials_study.destination_table(study.legal)
    assert dest["Masse (t)"].sum() == pytest.approx(180)
    assert "Remblai de la butte (sur site)" in set(dest["Destination"])


def test_inert_share_and_inventory_table():
    by_material = pd.DataFrame(
        {
            "label": ["Béton", "Amiante"],
            "low_code": ["17 01 01", "17 06 05*"],
            "hazard_class": ["inert", "hazardous"],
            "t": [90.0, 10.0],
            "share": [0.9, 0.1],
        }
    )
    assert materials_study.inert_share(by_material, 100.0) == pytest.approx(0.9)
    table = materials_study.inventory_table(by_material)
    assert list(table["Classe"]) == ["inerte", "dangereux"]
    assert table.iloc[0]["Code déchet"] == "17\u00a001\u00a001"


def test_flow_diagram_ribbons_fill_the_blocks():
    balance = pd.DataFrame(
        {
            "material": ["concrete", "concrete", "glass", "glass", "wood"],
            "route": ["recyclage", "remblayage", "recyclage", "elimination", "recyclage"],
            "t": [75.0, 25.0, 12.0, 8.0, 0.5],
        }
    )
    diagram = materials_study.flow_diagram(balance, small_share=0.01)
    # wood (0.5 t of 120.5 t) is under 1 %: grouped
    assert list(diagram.materials.index) == ["concrete", "glass", "other"]
    assert list(diagram.routes.index) == ["recyclage", "remblayage", "elimination"]
    gap = 0.02 * 120.5
    # blocks stacked downward from the top, one gap apart
    assert diagram.materials["top"].tolist() == pytest.approx(
        [120.5 + 2 * gap, 120.5 + gap - 100, 120.5 - 120]
    )
    # each ribbon's mass leaves its material and reaches its route, nothing lost
    for frame, key in ((diagram.materials, "material"), (diagram.routes, "route")):
        sums = diagram.ribbons.groupby(key)["t"].sum()
        assert sums.reindex(frame.index).tolist() == pytest.approx(frame["t"].tolist())
    # the ribbons of a block follow each other from its top down
    concrete = diagram.ribbons[diagram.ribbons["material"] == "concrete"]
    assert concrete["left_top"].tolist() == pytest.approx([120.5 + 2 * gap, 120.5 + 2 * gap - 75])
    bottom, top = diagram.ylim
    assert bottom < diagram.routes["top"].iloc[-1] - diagram.routes["t"].iloc[-1]
    assert top > diagram.materials["top"].iloc[0]
