"""circular_materials parameters: both site files validate; bad inventories, routes, needs and
overrides fail before any kernel starts, naming the file, the line and the column; the facts
that moved to site.yaml (demolished buildings, phases, berm volume) are refused saying so."""

import shutil
from pathlib import Path

import pytest
import yaml

from qsp_lib.core import params

REPO = Path(__file__).resolve().parents[2]
CONCORDE = REPO / "parameters" / "concorde"
HEADER = "building,element,material,low_code,hazardous,quantity_t\n"
GOOD_LINE = "barre-a,structure,concrete,17 01 01,false,100\n"


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_site_files_validate(site):
    model = params.validate_file(
        "circular_materials", REPO / "parameters" / site / "circular_materials.yaml"
    )
    assert (model.inventory_csv is None) == (site == "wazemmes-moulins")
    assert set(model.routes)
    assert model.site_model.name in ("Concorde", "Wazemmes et Moulins")


def _site(tmp_path, data=None, csv_text=None):
    """A site folder with a copy of the Concorde file (optionally changed), inventory and
    site.yaml."""
    site = tmp_path / "site"
    site.mkdir(parents=True)
    shutil.copy(CONCORDE / "circular_materials_inventory.csv", site)
    shutil.copy(CONCORDE / "site.yaml", site)
    values = yaml.safe_load((CONCORDE / "circular_materials.yaml").read_text("utf-8"))
    if csv_text is not None:
        (site / "inventaire.csv").write_text(csv_text, encoding="utf-8")
        values.update(
            inventory_csv="inventaire.csv",
            routes={"concrete": {"recycling": 1.0}, "asbestos": {"disposal": 1.0}},
        )
    values.update(data or {})
    path = site / "circular_materials.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True), encoding="utf-8")
    return path


def _error(path) -> str:
    with pytest.raises(params.ParameterError) as info:
        params.validate_file("circular_materials", path)
    return str(info.value)


def test_shares_that_do_not_sum_to_one(tmp_path):
    path = _site(tmp_path, {"routes": {"concrete": {"reuse_on_site": 0.5, "recycling": 0.4}}})
    msg = _error(path)
    assert str(path) in msg and "routes.concrete" in msg and "somme reçue : 0.9" in msg


@pytest.mark.parametrize(
    ("line", "column", "expected"),
    [
        ("barre-a,structure,concrete,17 01,false,100\n", "low_code", "6 chiffres"),
        ("barre-a,dalles,asbestos,17 06 05*,false,3\n", "hazardous", "astérisque"),
        ("barre-a,dalles,concrete,17 01 01,true,3\n", "hazardous", "non dangereux"),
        ("barre-a,structure,concrete,17 01 01,false,-5\n", "quantity_t", "≥ 0"),
        ("barre-a,structure,concret,17 01 01,false,5\n", "material", "« concrete »"),
        ("barre-a,structure,concrete,17 01 01,peut-être,5\n", "hazardous", "true ou false"),
    ],
)
def test_bad_inventory_rows_name_file_line_and_column(tmp_path, line, column, expected):
    path = _site(tmp_path, csv_text=HEADER + GOOD_LINE + line)
    msg = _error(path)
    assert "inventaire.csv" in msg and str(path) in msg and "inventory_csv" in msg
    assert f"ligne 3, colonne {column}" in msg
    assert expected in msg
    assert "ligne 2" not in msg


def test_inventory_columns_and_empty_file(tmp_path):
    msg = _error(_site(tmp_path, csv_text="building,element,matériau,low_code,quantity_t\n"))
    assert "colonnes manquantes : material, hazardous" in msg
    msg = _error(_site(tmp_path / "b", csv_text=HEADER))
    assert "au moins une ligne" in msg


def test_every_material_needs_routes(tmp_path):
    routes = yaml.safe_load((CONCORDE / "circular_materials.yaml").read_text("utf-8"))["routes"]
    del routes["wood"]
    msg = _error(_site(tmp_path, {"routes": routes}))
    assert "routes" in msg and "manquent : wood" in msg


def test_unknown_material_in_routes(tmp_path):
    msg = _error(
        _site(tmp_path, {"routes": {"concrete": {"recycling": 1}, "brique": {"recycling": 1}}})
    )
    assert "routes" in msg and "un matériau connu" in msg


def test_estimate_and_phases_are_refused_saying_they_live_in_site_yaml(tmp_path):
    estimate = [{"building": "X", "typology": "brick_terraced_19c", "floor_area_m2": 100}]
    phases = [{"name": "P", "start": "2025-01-01", "end": "2025-06-30", "buildings": ["Barre B"]}]
    msg = _error(_site(tmp_path, {"estimate": estimate, "phases": phases}))
    assert "estimate" in msg and "site.yaml (buildings.items" in msg
    assert "phases" in msg and "start_year / end_year" in msg


def test_inventory_buildings_must_be_site_yaml_buildings(tmp_path):
    # by id (barre-a) or by name (Barre B): accepted; « Barre Z » is refused with the file,
    # its line and the known buildings
    routes = yaml.safe_load((CONCORDE / "circular_materials.yaml").read_text("utf-8"))["routes"]
    text = HEADER + GOOD_LINE + "Barre B,structure,concrete,17 01 01,false,5\n"
    params.validate_file("circular_materials", _site(tmp_path, {"routes": routes}, text))
    # the buildings without rows are estimated by typology: their materials need routes
    msg = _error(_site(tmp_path / "c", csv_text=text))
    assert "estimés par typologie (site.yaml : barre-c, barre-d" in msg
    assert "manquent : bituminous_tar, bricks, cables" in msg
    text += "Barre Z,structure,concrete,17 01 01,false,5\n"
    msg = _error(_site(tmp_path / "b", csv_text=text))
    assert "inventaire.csv" in msg and "ligne 4 : « Barre Z »" in msg
    assert "barres-h-q (Barres H à Q)" in msg


def test_needs_quantity_and_accepted_materials(tmp_path):
    need = {"name": "voies", "kind": "road_sub_base", "quantity_t": 10, "volume_m3": 5,
            "start": "2025-01-01", "end": "2025-12-31"}  # fmt: skip
    msg = _error(_site(tmp_path, {"needs": [need]}))
    assert "needs[0]" in msg and "exactement un des deux champs" in msg
    # the berm's volume is site.yaml's: a berm_fill need giving one is refused
    need = {"name": "butte", "kind": "berm_fill", "volume_m3": 240000,
            "start": "2025-01-01", "end": "2025-12-31"}  # fmt: skip
    msg = _error(_site(tmp_path / "d", {"needs": [need]}))
    assert "needs[0]" in msg and "celui de site.yaml (berm" in msg
    need = {"name": "butte", "kind": "remblai", "quantity_t": 10, "start": "2025-01-01",
            "end": "2025-12-31"}  # fmt: skip
    assert "needs[0].kind" in _error(_site(tmp_path / "b", {"needs": [need]}))
    need = {"name": "butte", "kind": "aggregates", "quantity_t": 10, "start": "2025-01-01",
            "end": "2025-12-31", "accepts": ["betons"]}  # fmt: skip
    assert "needs[0].accepts" in _error(_site(tmp_path / "c", {"needs": [need]}))


def test_overrides_must_name_a_reference_factor(tmp_path):
    msg = _error(_site(tmp_path, {"factors": {"truck_payload": 18}}))
    assert "factors" in msg and "« truck_payload_t »" in msg
    msg = _error(_site(tmp_path / "b", {"costs": {"tgap_eur_per_t": 70}}))
    assert "costs" in msg
    assert "distances_km.recycling" in _error(
        _site(tmp_path / "c", {"distances_km": {"recycling": -1}})
    )
