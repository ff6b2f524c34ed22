"""Tabular inputs from French Excel: separators, decimal commas, displayed numbers, dates,
encodings and workbooks give the same cells; the held-out copies of both sites' inputs
(« CSV ; » Windows-1252 and .xlsx) parse to the originals' DataFrames."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.budget import io as budget_io
from qsp_lib.core import params, tables
from qsp_lib.core import site as site_model
from qsp_lib.evaluation import io as evaluation_io
from qsp_lib.materials import io as materials_io

REPO = Path(__file__).resolve().parents[2]
SITES = ("concorde", "wazemmes-moulins")


def _tool():
    spec = importlib.util.spec_from_file_location("excel_copy", REPO / "tools" / "excel_copy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(tmp_path, text: str, encoding="utf-8", name="t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ------------------------------------------------------------------ one file at a time
def test_semicolon_decimal_comma_windows_1252_is_detected_and_reported(tmp_path):
    path = _write(
        tmp_path,
        "zone;lden_db;pm25_ug_m3\r\nÉcole;69,5;12,25\r\nsud;70;9\r\n",
        encoding="cp1252",
    )
    table = tables.read_table(path)
    assert table.header == ["zone", "lden_db", "pm25_ug_m3"]
    assert table.frame.values.tolist() == [["École", "69.5", "12.25"], ["sud", "70", "9"]]
    assert table.note == "lu : CSV ; séparateur « ; », virgule décimale, Windows-1252"
    assert table.lines == (2, 3)


def test_comma_file_whose_text_cells_hold_commas(tmp_path):
    path = _write(
        tmp_path,
        'operation,objective,target_value\nÉcole,"NO2 intérieur, moyenne",20.5\n'
        'Îlot,"Isolement DnT,A,tr",30\n',
    )
    table = tables.read_table(path)
    assert table.separator == ","
    assert table.frame["objective"].tolist() == ["NO2 intérieur, moyenne", "Isolement DnT,A,tr"]
    assert table.frame["target_value"].tolist() == ["20.5", "30"]
    assert table.note == "lu : CSV ; séparateur « , », point décimal, UTF-8"


def test_numbers_as_excel_displays_them(tmp_path):
    # space, no-break space and narrow no-break space between thousands, a trailing €
    path = _write(
        tmp_path,
        "action_id;amount_eur;share\n"
        "A1;9 000 000,00 €;0,25\n"
        "A2;1\u00a0234,5 €;1\n"
        "A3;12\u202f345;-0,5\n"
        "A4;1 234;2\n"
        "A5;\u22123,5 €;0\n",
        encoding="utf-8-sig",
    )
    table = tables.read_table(path)
    assert table.frame["amount_eur"].tolist() == ["9000000.00", "1234.5", "12345", "1234", "-3.5"]
    assert table.frame["share"].tolist() == ["0.25", "1", "-0.5", "2", "0"]
    assert table.encoding == "UTF-8 avec BOM"
    assert "séparateurs de milliers" in table.note and "symbole €" in table.note


def test_percentages_as_excel_displays_them_are_their_fractions(tmp_path):
    # Excel exports a fraction formatted as a percentage as displayed: 0.125 -> « 12,5 % »
    path = _write(
        tmp_path,
        "action_id;advance_rate;note\nA1;12,5 %;taux 12 % hors taxes\nA2;100%;\nA3;0,5;\n",
        encoding="utf-8",
    )
    table = tables.read_table(path)
    assert table.frame["advance_rate"].tolist() == ["0.125", "1", "0.5"]
    assert table.frame["note"].tolist() == ["taux 12 % hors taxes", "", ""]  # text untouched
    assert "pourcentages" in table.note


def test_a_thousands_separator_is_never_read_as_a_decimal_mark(tmp_path):
    # a comma file with decimal points: "1,234" (quoted) groups thousands
    path = _write(tmp_path, 'a,b\n"1,234",2.5\n"12,345,678.5",0.75\n')
    assert tables.read_table(path).frame.values.tolist() == [
        ["1234", "2.5"],
        ["12345678.5", "0.75"],
    ]
    # a semicolon file with a decimal comma: the dot groups thousands
    path = _write(tmp_path, "a;b\n1.234,5;2,5\n", name="u.csv")
    assert tables.read_table(path).frame.values.tolist() == [["1234.5", "2.5"]]
    # spaces group thousands only by three digits: a waste code stays as written
    path = _write(tmp_path, "low_code;q\n17 01 01;1 500\n17 06 05*;2\n", name="v.csv")
    assert tables.read_table(path).frame["low_code"].tolist() == ["17 01 01", "17 06 05*"]
    assert tables.read_table(path).frame["q"].tolist() == ["1500", "2"]


def test_french_dates_become_iso_and_text_is_untouched(tmp_path):
    path = _write(
        tmp_path,
        "date;action_id;note\n31/12/2025;A1;campagne de 2 x 1 semaine\n01/02/2024;A-2;PM2.5\n",
    )
    frame = tables.read_table(path).frame
    assert frame["date"].tolist() == ["2025-12-31", "2024-02-01"]
    assert frame["note"].tolist() == ["campagne de 2 x 1 semaine", "PM2.5"]
    assert "dates jj/mm/aaaa" in tables.read_table(path).note


def test_header_only_rows_too_long_and_blank_lines(tmp_path):
    path = _write(tmp_path, "date;action_id;kind;amount_eur\r\n;;;\r\n")
    table = tables.read_table(path)
    assert table.header == ["date", "action_id", "kind", "amount_eur"] and table.frame.empty
    path = _write(tmp_path, "a,b\n1,2\n\n3,4,5\n", name="w.csv")
    table = tables.read_table(path)
    assert table.lines == (2, 4) and table.too_long == (4,)


def test_workbook_first_sheet_or_named_sheet(tmp_path):
    import datetime as dt

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Lisez-moi"
    book.active.append(["rien ici"])
    sheet = book.create_sheet("Feuil2")
    sheet.append(["date", "amount_eur", "year", 2024])
    sheet.append([dt.datetime(2024, 3, 1), 1500.0, 2021, 0.1])
    sheet.append([None, None, None, None])
    sheet.append(["15/04/2024", "1 234,5 €", 2022, None])
    path = tmp_path / "suivi.xlsx"
    book.save(path)
    table = tables.read_table(f"{path}#Feuil2")
    assert table.header == ["date", "amount_eur", "year", "2024"]
    assert table.frame.values.tolist() == [
        ["2024-03-01", "1500", "2021", "0.1"],
        ["2024-04-15", "1234.5", "2022", ""],
    ]
    assert table.lines == (2, 4)
    assert (
        table.note == "lu : XLSX ; feuille « Feuil2 », virgule décimale, séparateurs de milliers, "
        "symbole €, dates jj/mm/aaaa"
    )
    assert tables.read_table(path).header == ["rien ici"]
    with pytest.raises(ValueError, match="feuille « Feuil3 » introuvable.*Feuil2"):
        tables.read_table(path, sheet="Feuil3")


def test_a_sheet_is_named_in_the_parameter_file(tmp_path):
    """``{path: x.xlsx, sheet: Feuil2}``: validated as the workbook's sheet; an unknown sheet
    is refused naming the parameter and the sheets."""
    tool = _tool()
    folder = tool.copy_site(REPO, "concorde", tmp_path, "xlsx")
    model = params.validate_file("pia_followup", folder / "pia_followup.yaml")
    assert model.actions_csv.endswith("pia_actions.xlsx#Données")
    text = (folder / "pia_followup.yaml").read_text(encoding="utf-8")
    (folder / "pia_followup.yaml").write_text(text.replace("sheet: Données", "sheet: Donnees", 1))
    with pytest.raises(params.ParameterError) as exc:
        params.validate_file("pia_followup", folder / "pia_followup.yaml")
    assert "actions_csv" in str(exc.value) and "vouliez-vous dire « Données »" in str(exc.value)


def test_row_checks_name_the_line_in_every_format(tmp_path):
    path = _write(
        tmp_path,
        "date;action_id;kind;amount_eur\n01/02/2020;A1;avance;-1 500,00 €\n",
        encoding="cp1252",
    )
    from qsp_lib.budget.schema import PaymentRow

    with pytest.raises(
        ValueError, match=r"ligne 2, colonne amount_eur = '-1 500,00 €' : un nombre ≥ 0"
    ):
        params.check_csv_rows(path, PaymentRow)


# --------------------------------------------------------------- held-out: both sites
def _frames(folder: Path, site: str) -> dict[str, pd.DataFrame]:
    """Every tabular input of a site folder, as its notebook's reader returns it."""
    model = site_model.load(folder)
    pia = params.validate_file("pia_followup", folder / "pia_followup.yaml")
    ev = params.validate_file("evaluation_indicators", folder / "evaluation_indicators.yaml")
    out = {
        "actions": budget_io.read_actions(pia.actions_csv),
        "payments": budget_io.read_payments(pia.payments_csv),
        "exposure": evaluation_io.read_exposure(ev.exposure_csv, model.population.zones),
        "indicators": evaluation_io.read_indicators(ev.indicators_csv),
        "pilots": evaluation_io.read_pilots(ev.pilots_csv),
    }
    materials = params.validate_file("circular_materials", folder / "circular_materials.yaml")
    if materials.inventory_csv:
        out["inventory"] = materials_io.read_inventory(materials.inventory_csv)
    return out


@pytest.mark.parametrize("kind", ["csv-fr", "xlsx"])
@pytest.mark.parametrize("site", SITES)
def test_held_out_excel_exports_parse_to_the_originals(tmp_path, site, kind):
    tool = _tool()
    folder = tool.copy_site(REPO, site, tmp_path, kind)
    converted = sorted(p.name for p in folder.rglob("*.*") if p.suffix in (".csv", ".xlsx"))
    assert converted, "no tabular input converted"
    if kind == "csv-fr":
        raw = (folder / "pia_payments.csv").read_bytes()
        assert b";" in raw and b"\x80" in raw  # Windows-1252 € after the amounts
    original = _frames(REPO / "parameters" / site, site)
    copy = _frames(folder, site)
    assert set(copy) == set(original)
    for name, frame in original.items():
        pd.testing.assert_frame_equal(copy[name], frame, check_dtype=True, obj=name)
