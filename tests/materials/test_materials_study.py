"""The circular_materials study's decisions (qsp_lib.materials.study), on a small inventory.

Values are computed by hand below. References asserted:
- Directive 2008/98/EC art. 11(2)(b), as amended by Directive (EU) 2018/851: the recovery
  rate counts reuse, recycling and backfilling of non-hazardous construction and demolition
  waste, natural soil and stones (List of Waste 17 05 04) excluded; target 70 %.
- GIE La Méta (Métropole Européenne de Lille): 90 % recovery target.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.core import params
from qsp_lib.materials import reference
from qsp_lib.materials import study as materials_study

REPO = Path(__file__).resolve().parents[2]

#: 100 t concrete, 50 t natural soil, 20 t glass, 10 t asbestos (hazardous).
INVENTORY = (
    "building,element,material,low_code,hazardous,quantity_t\n"
    "Barre X,Voiles,concrete,17 01 01,false,100\n"
    "Barre X,Terres,soil_stones,17 05 04,false,50\n"
    "Barre X,Vitrages,glass,17 02 02,false,20\n"
    "Barre X,Flocages,asbestos,17 06 05*,true,10\n"
)


def parameters(tmp_path, **changes):
    data = params.load_yaml(REPO / "parameters" / "concorde" / "circular_materials.yaml")
    path = tmp_path / "inventory.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    data.update(
        inventory_csv={"path": str(path), "status": "sourced", "source": "diagnostic PEMD"},
        phases=[
            {"name": "P1", "start": "2024-01-01", "end": "2024-12-31", "buildings": ["Barre X"]}
        ],
        needs=[
            {
                "name": "Remblai",
                "kind": "berm_fill",
                "quantity_t": 500,
                "start": "2024-01-01",
                "end": "2025-12-31",
            }
        ],
        factors={},
        costs={},
    )
    data.update(changes)
    return params.validate("circular_materials", data, site_dir=REPO / "parameters" / "concorde")


def run(P):
    return materials_study.study(
        P,
        reference.materials_catalogue(),
        reference.materials_intensity(),
        reference.materials_factors(),
        reference.materials_costs(),
    )


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
    assert study.reused_t == pytest.approx(75 + 50)
    assert study.by_route["recycling"] == pytest.approx(25 + 12)
    assert study.on_site_t == pytest.approx(75 + 50) and study.energy_recovery_t == 0
    assert (study.target_law, study.target_meta) == (0.7, 0.9)


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
    data = params.load_yaml(REPO / "parameters" / "wazemmes-moulins" / "circular_materials.yaml")
    P = params.validate(
        "circular_materials", data, site_dir=REPO / "parameters" / "wazemmes-moulins"
    )
    study = run(P)
    assert materials_study.inventory_source(P) == "estimation par surface démolie et typologie"
    assert materials_study.estimate_area_m2(P) == sum(e["floor_area_m2"] for e in data["estimate"])
    assert study.total_low <= study.total_t <= study.total_high
    assert set(study.used_intensity["typology"]) == {e["typology"] for e in data["estimate"]}


def test_route_table_shares_and_recovery_flag():
    by_route = {
        "reuse_on_site": 50.0,
        "reuse_off_site": 0.0,
        "recycling": 30.0,
        "backfilling": 0.0,
        "energy_recovery": 5.0,
        "disposal": 15.0,
    }
    table = materials_study.route_table(by_route, 100.0)
    assert table["Part"].sum() == pytest.approx(1.0)
    flags = dict(zip(table["Filière"], table["Valorisation matière"], strict=True))
    assert list(flags.values()).count("oui") == 4
    assert table.loc[table["Masse (t)"] == 15.0, "Valorisation matière"].item() == "non"


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
            "route": ["reuse_on_site", "recycling", "recycling", "disposal", "recycling"],
            "t": [75.0, 25.0, 12.0, 8.0, 0.5],
        }
    )
    diagram = materials_study.flow_diagram(balance, small_share=0.01)
    # wood (0.5 t of 120.5 t) is under 1 %: grouped
    assert list(diagram.materials.index) == ["concrete", "glass", "other"]
    assert list(diagram.routes.index) == ["reuse_on_site", "recycling", "disposal"]
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
