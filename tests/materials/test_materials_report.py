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


def test_cerfa_tables_have_totals_equal_to_the_inventory():
    flows = materials.route_flows(FIXTURE, ROUTES, CATALOGUE)
    diag = report.diagnostic_table(FIXTURE, ROUTES, CATALOGUE)
    assert diag.iloc[-1]["Bâtiment"] == "Total"
    assert diag.iloc[-1]["Masse (t)"] == pytest.approx(190)
    route_cols = [c for c in diag.columns if c.endswith("prévu (t)")]
    assert len(route_cols) == 6
    assert diag.iloc[:-1][route_cols].to_numpy().sum() == pytest.approx(190)
    rec = report.recolement_table(flows, CATALOGUE, DISTANCES)
    assert rec.iloc[-1]["Masse (t)"] == pytest.approx(190)
    assert set(rec["Code déchet"].iloc[:-1]) == set(FIXTURE["low_code"])


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

    diag = report.diagnostic_table(FIXTURE, ROUTES, CATALOGUE)
    csv = exports.write_csv(diag, tmp_path / "circular_materials_diagnostic.csv")
    xlsx = exports.write_xlsx({"Inventaire": diag}, tmp_path / "circular_materials_diagnostic.xlsx")
    back_csv = pd.read_csv(csv, encoding="utf-8-sig")
    back_xlsx = pd.read_excel(xlsx, sheet_name="Inventaire")
    for col in [c for c in diag.columns if c.endswith("(t)")]:
        assert back_xlsx[col].iloc[-1] == pytest.approx(back_csv[col].iloc[-1])
        assert back_xlsx[col].iloc[:-1].sum() == pytest.approx(back_csv[col].iloc[-1])
    assert back_csv["Code déchet"].iloc[2] == "17 06 05*"
