"""French tables of the materials brief and exports (qsp_lib.materials.report): CERFA-like
layouts whose totals equal the inventory, and the rows of "Hypothèses et sources"."""

import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from materials_fixture import CATALOGUE, COSTS, DISTANCES, FACTORS, FIXTURE, ROUTES  # noqa: E402

from qsp_lib.materials import model as materials  # noqa: E402
from qsp_lib.materials import reference, report  # noqa: E402


def _legal(inventory=FIXTURE, routes=ROUTES):
    return materials.legal_flows(materials.route_flows(inventory, routes, CATALOGUE), CATALOGUE)


def test_cerfa_tables_have_totals_equal_to_the_inventory():
    legal = _legal()
    diag = report.diagnostic_table(FIXTURE, legal, CATALOGUE)
    assert diag.iloc[-1]["Bâtiment"] == "Total"
    assert diag.iloc[-1]["Masse (t)"] == pytest.approx(190)
    cat_cols = [c for c in diag.columns if c.endswith("prévu (t)")]
    assert cat_cols == [
        "Réemploi prévu (t)",
        "Recyclage prévu (t)",
        "Remblayage prévu (t)",
        "Valorisation énergétique prévu (t)",
        "Élimination prévu (t)",
    ]
    assert diag.iloc[:-1][cat_cols].to_numpy().sum() == pytest.approx(190)
    # soil sent to backfilling is remblayage, never réemploi
    assert diag.iloc[3]["Remblayage prévu (t)"] == pytest.approx(50)
    rec = report.recolement_table(legal, CATALOGUE, DISTANCES)
    assert rec.iloc[-1]["Masse (t)"] == pytest.approx(190)
    assert set(rec["Code déchet"].iloc[:-1]) == set(FIXTURE["low_code"])
    assert set(rec["Mode de traitement"].iloc[:-1]) <= {
        "Recyclage",
        "Remblayage",
        "Valorisation énergétique",
        "Élimination",
    }
    # the 50 t of concrete meant for the site and not used (no matching) go 15 km to recycling
    surplus = rec[rec["Destination"] == "Excédent du site vers la plateforme de recyclage"]
    assert surplus["Masse (t)"].sum() == pytest.approx(50)
    assert set(surplus["Distance (km)"]) == {15.0}


def test_recolement_lists_reused_products_apart_and_marks_suspected_hazards():
    """CERFA 16288 lists the products reused (« PEM réemployés », not waste) apart from the
    waste; a membrane counted 17 03 01* by precaution is marked so."""
    inv = FIXTURE.assign(suspected_hazardous=False)
    inv.loc[len(inv)] = ["A", "étanchéité", "bituminous_tar", "17 03 01*", True, 5.0, True]
    routes = dict(ROUTES, wood={"reuse_off_site": 0.5, "recycling": 0.5})
    routes["bituminous_tar"] = {"disposal": 1.0}
    legal = _legal(inv, routes)
    rec = report.recolement_table(legal, CATALOGUE, DISTANCES)
    assert rec.iloc[0]["Rubrique"] == "PEM réemployés"
    assert rec.iloc[0]["Masse (t)"] == pytest.approx(10) and rec.iloc[0]["Code déchet"] == ""
    assert (rec["Rubrique"].iloc[1:-1] == "Déchets").all()
    tar = rec[rec["Code déchet"] == "17 03 01*"].iloc[0]
    assert tar["Dangereux"] == "oui, par précaution (à tester)"
    diag = report.diagnostic_table(inv, legal, CATALOGUE)
    assert diag.iloc[5]["Dangereux"] == "oui, par précaution (à tester)"
    assert diag.iloc[2]["Dangereux"] == "oui"


def test_sources_rows_cover_factors_costs_and_distances():
    rows = report.sources_rows(
        FACTORS, COSTS, {"truck_payload_t": 18.0}, DISTANCES, 40, reference.materials_intensity()
    )
    assert rows["source"].notna().all()
    payload = rows[rows["item"] == FACTORS.at["truck_payload_t", "label"]].iloc[0]
    assert payload["value"] == 18.0 and payload["note"] == "imposé par paramètre"
    assert (rows["unit"] == "km").sum() == 7


def test_cerfa_exports_open_and_their_totals_equal_the_csv(tmp_path):
    from qsp_lib.core import exports

    diag = report.diagnostic_table(FIXTURE, _legal(), CATALOGUE)
    csv = exports.write_csv(diag, tmp_path / "circular_materials_diagnostic.csv")
    xlsx = exports.write_xlsx({"Inventaire": diag}, tmp_path / "circular_materials_diagnostic.xlsx")
    back_csv = pd.read_csv(csv, encoding="utf-8-sig")
    back_xlsx = pd.read_excel(xlsx, sheet_name="Inventaire")
    for col in [c for c in diag.columns if c.endswith("(t)")]:
        assert back_xlsx[col].iloc[-1] == pytest.approx(back_csv[col].iloc[-1])
        assert back_xlsx[col].iloc[:-1].sum() == pytest.approx(back_csv[col].iloc[-1])
    assert back_csv["Code déchet"].iloc[2] == "17 06 05*"
