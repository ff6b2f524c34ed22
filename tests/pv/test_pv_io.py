"""Weather file readers (qsp_lib.pv.io): PVGIS TMY, EPW and TMY3 via pvlib.iotools.

References asserted here:
- pvlib's bundled TMY3 file 723170TYA.CSV (Greensboro, NC; header: lat 36.1, lon -79.95,
  alt 273 m, UTC-5; first record 01:00 local standard time).
- EnergyPlus weather file format (EPW): hour 1 is the hour ending at 01:00 local standard time.
- PVGIS TMY JSON output (JRC PVGIS 5.x API, ``tmy_hourly`` records in UTC).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.pv.io import read_weather_file
from qsp_lib.pv.model import weather as wx


def tmy3_path() -> Path:
    import pvlib

    return Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"


@pytest.fixture(scope="module")
def tmy3():
    return read_weather_file(tmy3_path(), "tmy3")


def test_tmy3_reader_utc_and_metadata(tmy3):
    data, meta = tmy3
    assert list(data.columns) == wx.WEATHER_COLUMNS
    assert len(data) == 8760
    assert str(data.index.tz) == "UTC"
    # Header of 723170TYA.CSV: Greensboro, lat 36.1, lon -79.95, 273 m, time zone -5.
    assert meta["latitude_deg"] == pytest.approx(36.1)
    assert meta["longitude_deg"] == pytest.approx(-79.95)
    assert meta["altitude_m"] == pytest.approx(273.0)
    # The file's first record is 01:00 local standard time (UTC-5) -> 06:00 UTC.
    raw = pd.read_csv(tmy3_path(), skiprows=1, nrows=1)
    assert raw.iloc[0]["Time (HH:MM)"] == "01:00"
    assert (data.index.hour == 6).sum() == 365
    # Noon peaks: the max of GHI in UTC falls near 17 h UTC (solar noon at -80°: ~17:20 UTC).
    by_hour = data["ghi"].groupby(data.index.hour).mean()
    assert by_hour.idxmax() in (17, 18)


def _write_epw(path: Path, data: pd.DataFrame, tz_hours: float) -> None:
    """A minimal EPW (EnergyPlus weather format, 8 header lines, 35 fields per record)."""
    lines = [
        f"LOCATION,Test,,FRA,TMY,000000,50.57,3.10,{tz_hours},47.0",
        "DESIGN CONDITIONS,0",
        "TYPICAL/EXTREME PERIODS,0",
        "GROUND TEMPERATURES,0",
        "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0",
        "COMMENTS 1,test",
        "COMMENTS 2,test",
        "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31",
    ]
    local = pd.date_range("2001-01-01 00:00", periods=8760, freq="h")
    for t, (_, row) in zip(local, data.iterrows(), strict=True):
        fields = [2001, t.month, t.day, t.hour + 1, 60, "?", row.temp_air, 0, 80, 101325]
        fields += [0, 0, 300, row.ghi, row.dni, row.dhi, 0, 0, 0, 0, 0, row.wind_speed]
        fields += [5, 5, 9999, 99999, 9, 999999999, 0, 0.1, 0, 88, 0, 0, 0]
        lines.append(",".join(str(f) for f in fields))
    path.write_text("\n".join(lines) + "\n")


def test_epw_reader_converts_local_time_to_utc(tmp_path, tmy3):
    data, _ = tmy3
    epw = tmp_path / "site.epw"
    _write_epw(epw, data.iloc[:8760], tz_hours=1.0)
    got, meta = read_weather_file(epw, "epw")
    assert meta["latitude_deg"] == pytest.approx(50.57)
    assert str(got.index.tz) == "UTC"
    # EPW hour 1 of 1 January is 00:00-01:00 local (UTC+1): 23:00 UTC on 31 December.
    assert got.index[0] == pd.Timestamp("2000-12-31 23:00", tz="UTC")
    assert got["ghi"].sum() == pytest.approx(data["ghi"].sum(), rel=1e-6)


def test_pvgis_json_reader(tmp_path, tmy3):
    data, _ = tmy3
    times = pd.date_range("2010-01-01", periods=8760, freq="h", tz="UTC")
    records = [
        {
            "time(UTC)": t.strftime("%Y%m%d:%H%M"),
            "T2m": r.temp_air,
            "G(h)": r.ghi,
            "Gb(n)": r.dni,
            "Gd(h)": r.dhi,
            "WS10m": r.wind_speed,
        }
        for t, (_, r) in zip(times, data.iterrows(), strict=True)
    ]
    src = {
        "inputs": {"location": {"latitude": 50.57, "longitude": 3.10, "elevation": 47.0}},
        "outputs": {"months_selected": [], "tmy_hourly": records},
        "meta": {"inputs": {}},
    }
    path = tmp_path / "tmy_50.57_3.10.json"
    path.write_text(json.dumps(src))
    got, meta = read_weather_file(path, "pvgis")
    assert meta["altitude_m"] == pytest.approx(47.0)
    assert meta["source"] == "PVGIS (c) European Union"
    assert got.index[0] == pd.Timestamp("2010-01-01 00:00", tz="UTC")
    assert got["ghi"].sum() == pytest.approx(data["ghi"].sum(), rel=1e-6)


def test_reader_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        read_weather_file(tmp_path / "absent.csv", "tmy3")
    with pytest.raises(ValueError, match="unknown weather format"):
        read_weather_file(tmy3_path(), "meteonorm")
    bad = tmp_path / "garbage.csv"
    bad.write_text("this is not,a weather file\n1,2\n")
    with pytest.raises(ValueError, match="could not read"):
        read_weather_file(bad, "tmy3")
    with pytest.raises(ValueError, match="could not read"):
        read_weather_file(bad, "epw")
    txt = tmp_path / "tmy.txt"
    txt.write_text("x")
    with pytest.raises(ValueError, match=r"\.json, \.csv or \.epw"):
        read_weather_file(txt, "pvgis")


def test_tmy3_resaved_by_a_french_spreadsheet_reads_the_same(tmp_path, tmy3):
    """The TMY3 file as French Excel saves it (« CSV (séparateur : point-virgule) »: ``;``,
    decimal commas, Windows-1252) gives the same year as the original."""
    import csv

    with open(tmy3_path(), newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    french = tmp_path / "tmy3_fr.csv"
    with open(french, "w", newline="", encoding="cp1252") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        for row in rows:
            writer.writerow(
                [
                    c.replace(".", ",") if c.replace(".", "").lstrip("-").isdigit() else c
                    for c in row
                ]
            )
    assert b";" in french.read_bytes()[:200] and b"36,1" in french.read_bytes()[:200]
    data, meta = read_weather_file(french, "tmy3")
    pd.testing.assert_frame_equal(data, tmy3[0])
    assert meta["latitude_deg"] == pytest.approx(36.1)
    assert meta["read_as"] == "lu : CSV ; séparateur « ; », virgule décimale, UTF-8"
