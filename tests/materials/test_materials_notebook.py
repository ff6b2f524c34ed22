"""circular_materials notebook: defaults equal the Concorde file; end to end for both sites,
read from the shared run of ``conftest.site_runs`` (contract scraps, numbers checked by hand
from the inputs, exports whose XLSX totals equal the CSV's)."""

import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
NB = REPO / "notebooks" / "circular_materials.ipynb"
SCRAPS = {
    "materials_total_t",
    "materials_by_route_t",
    "materials_recovery_rate",
    "materials_reuse_rate",
    "materials_landfill_t",
    "materials_avoided_t_co2e",
    "materials_berm_fill_coverage",
    "materials_balance",
    "materials_fill_balance",
    "materials_reuse_t",
    "materials_recycling_t",
    "materials_backfilling_t",
    "materials_energy_recovery_t",
    "materials_disposal_t",
    "materials_avoided_net_t_co2e",
    "materials_by_option",
}
CATEGORY_SCRAPS = {
    "reemploi": "materials_reuse_t",
    "recyclage": "materials_recycling_t",
    "remblayage": "materials_backfilling_t",
    "valorisation_energetique": "materials_energy_recovery_t",
    "elimination": "materials_disposal_t",
}


def test_parameters_cell_equals_concorde_file_and_no_def_in_cells():
    from qsp_lib.runner import parameters_cell_defaults

    nb = json.loads(NB.read_text(encoding="utf-8"))
    data = yaml.safe_load(
        (REPO / "parameters" / "concorde" / "circular_materials.yaml").read_text("utf-8")
    )
    assert parameters_cell_defaults(nb) == data
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        assert "\ndef " not in "\n" + source and "\nclass " not in "\n" + source


@pytest.mark.notebooks
@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_notebook_runs_glues_the_contract_and_writes_consistent_exports(site_runs, site):
    from qsp_lib.core import scraps

    site_dir = REPO / "parameters" / site
    from qsp_lib.core import status

    declared = yaml.safe_load((site_dir / "circular_materials.yaml").read_text("utf-8"))
    values = status.extract_inputs(declared)[0]  # {path, status, source} -> path
    exports = site_runs.site(site)  # exports sit beside the brief
    out = exports / "circular_materials.ipynb"
    s = scraps.read(out)
    assert SCRAPS <= set(s)

    balance = pd.DataFrame(s["materials_balance"])
    assert list(balance.columns) == ["material", "route", "t"]
    assert balance["t"].sum() == pytest.approx(s["materials_total_t"])
    assert sum(s["materials_by_route_t"].values()) == pytest.approx(s["materials_total_t"])
    assert s["materials_landfill_t"] == pytest.approx(s["materials_by_route_t"]["elimination"])
    for category, name in CATEGORY_SCRAPS.items():
        assert s[name] == pytest.approx(s["materials_by_route_t"][category])
    assert set(balance["route"]) <= set(CATEGORY_SCRAPS)
    assert s["materials_reuse_rate"] == pytest.approx(
        s["materials_reuse_t"] / s["materials_total_t"]
    )
    assert 0 <= s["materials_recovery_rate"] <= 1 and 0 <= s["materials_reuse_rate"] <= 1
    assert s["materials_avoided_t_co2e"] > 0
    assert s["materials_avoided_net_t_co2e"] < s["materials_avoided_t_co2e"]
    by_option = pd.DataFrame(s["materials_by_option"])
    assert list(by_option.columns) == [
        "option",
        "total_t",
        "recovery_rate",
        "imported_fill_t",
        "avoided_net_t_co2e",
        "routes_t_co2e",
    ]
    assert len(by_option) == 3
    assert by_option.loc[0, "total_t"] == pytest.approx(s["materials_total_t"])
    assert by_option.loc[0, "avoided_net_t_co2e"] == pytest.approx(
        s["materials_avoided_net_t_co2e"]
    )
    fill = pd.DataFrame(s["materials_fill_balance"])
    assert by_option["imported_fill_t"].tolist() == pytest.approx(fill["imported_fill_t"].tolist())
    if site == "concorde":
        inventory = pd.read_csv(site_dir / values["inventory_csv"])
        assert s["materials_total_t"] == pytest.approx(inventory["quantity_t"].sum())
        assert 0 < s["materials_berm_fill_coverage"] < 1
        # one row per option of site.yaml; the berm's 280 000 m³ (site.yaml) in each
        fill = pd.DataFrame(s["materials_fill_balance"])
        assert fill["option"].tolist() == [
            "Programme NPNRU signé",
            "Réhabilitation maximale",
            "Démolition-reconstruction totale",
        ]
        assert (fill["fill_m3"] == 280000).all()
        assert (fill["site_material_t"] + fill["imported_fill_t"]).tolist() == pytest.approx(
            [280000 * 1.9] * 3
        )
        assert fill.loc[0, "site_material_t"] == pytest.approx(
            s["materials_berm_fill_coverage"] * 280000 * 1.9
        )
        assert fill.loc[1, "site_material_t"] == 0  # nothing demolished
        # Concorde: crushed concrete is recycling or backfilling, réemploi is the doors only
        # (915.2 t of doors x 10 % off site, parameters file)
        assert s["materials_reuse_t"] == pytest.approx(91.52)
        assert s["materials_backfilling_t"] == pytest.approx(fill.loc[0, "site_material_t"])
        assert by_option.loc[2, "total_t"] > by_option.loc[0, "total_t"]
    else:
        # 4 130 m² of brick terraced houses x the central intensities of the typology
        from qsp_lib.materials import reference

        intensity = reference.materials_intensity()
        per_m2 = intensity.loc[intensity["typology"] == "brick_terraced_19c", "value"].sum()
        assert s["materials_total_t"] == pytest.approx(4130 * per_m2)
        assert s["materials_berm_fill_coverage"] is None
        fill = pd.DataFrame(s["materials_fill_balance"])
        assert len(fill) == 3 and (fill["imported_fill_t"] == 0).all()

    for what, sheet in (
        ("diagnostic", "Inventaire (CERFA 16287)"),
        ("recolement", "Bilan (CERFA 16288)"),
    ):
        csv = pd.read_csv(exports / f"circular_materials_{what}.csv", encoding="utf-8-sig")
        xlsx = pd.read_excel(exports / f"circular_materials_{what}.xlsx", sheet_name=None)
        assert list(xlsx) == ["Chantier", sheet]
        table = xlsx[sheet]
        assert list(table.columns) == list(csv.columns)
        assert table["Masse (t)"].iloc[-1] == pytest.approx(csv["Masse (t)"].iloc[-1])
        assert table["Masse (t)"].iloc[:-1].sum() == pytest.approx(csv["Masse (t)"].iloc[-1])
        assert csv["Masse (t)"].iloc[-1] == pytest.approx(s["materials_total_t"])
    html_links = [c for c in json.loads(out.read_text())["cells"] if "tableur" in json.dumps(c)]
    assert html_links, "the brief links the exports"
