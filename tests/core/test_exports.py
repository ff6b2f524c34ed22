"""Exports: atomic CSV and XLSX writing, folder choice."""

from types import SimpleNamespace

import pandas as pd

from qsp_lib.core import exports


def test_xlsx_round_trips_and_csv_has_bom(tmp_path):
    frame = pd.DataFrame({"matériau": ["béton", "brique"], "t": [1200.5, 30.0]})
    xlsx = exports.write_xlsx({"Bilan": frame, "Autre": frame.head(1)}, tmp_path / "b.xlsx")
    back = pd.read_excel(xlsx, sheet_name=None)
    assert list(back) == ["Bilan", "Autre"]
    assert back["Bilan"]["t"].sum() == frame["t"].sum()
    import openpyxl

    sheet = openpyxl.load_workbook(xlsx)["Bilan"]
    assert sheet["B2"].number_format == "#,##0.00"
    assert sheet["A2"].number_format == "General"
    csv = exports.write_csv(frame, tmp_path / "b.csv")
    assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(csv, encoding="utf-8-sig")["matériau"].tolist() == ["béton", "brique"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_exports_dir_prefers_the_runner_folder(tmp_path):
    folder = tmp_path / "work"
    assert exports.exports_dir(SimpleNamespace(exports_dir=str(folder), site="x")) == folder
    assert folder.is_dir()
