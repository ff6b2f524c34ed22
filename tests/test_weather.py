"""Typical-year weather: readers and the monthly-climatology generator (qsp_lib.weather).

References asserted here:
- FAO-56 (Allen et al. 1998) Example 10: Rio de Janeiro, 22°54'S, May, 220 h of sunshine
  -> Rs = 14.5 MJ/m²/day with a = 0.25, b = 0.50; Example 9: N = 11.7 h at 20°S on 3 September.
- QSP reference pv.md: FAO-56 defaults give about 1,100 kWh/m²/yr for Lille; pvlib's Linke
  turbidity at Lille by month; Ineichen clear-sky GHI about 1,610 kWh/m²/yr.
- Météo-France normals Lille-Lesquin (site.md) for sunshine hours and temperatures.
- pvlib's bundled TMY3 file 723170TYA.CSV (Greensboro, NC; header: lat 36.1, lon -79.95,
  alt 273 m, UTC-5).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qsp_lib import weather as wx

LILLE_LAT, LILLE_LON = 50.57, 3.10
LILLE_SUNSHINE_H = [60, 80, 130, 175, 205, 210, 220, 210, 165, 110, 65, 50]
LILLE_TEMP_C = [4.1, 4.6, 7.3, 10.2, 13.7, 16.7, 19.1, 19.0, 16.0, 12.0, 7.5, 4.7]


def tmy3_path() -> Path:
    import pvlib

    return Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"


@pytest.fixture(scope="module")
def tmy3():
    return wx.read_weather_file(tmy3_path(), "tmy3")


# ----------------------------------------------------------------------------- readers
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
    got, meta = wx.read_weather_file(epw, "epw")
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
    got, meta = wx.read_weather_file(path, "pvgis")
    assert meta["altitude_m"] == pytest.approx(47.0)
    assert meta["source"] == "PVGIS (c) European Union"
    assert got.index[0] == pd.Timestamp("2010-01-01 00:00", tz="UTC")
    assert got["ghi"].sum() == pytest.approx(data["ghi"].sum(), rel=1e-6)


def test_reader_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="not found"):
        wx.read_weather_file(tmp_path / "absent.csv", "tmy3")
    with pytest.raises(ValueError, match="unknown weather format"):
        wx.read_weather_file(tmy3_path(), "meteonorm")
    bad = tmp_path / "garbage.csv"
    bad.write_text("this is not,a weather file\n1,2\n")
    with pytest.raises(ValueError, match="could not read"):
        wx.read_weather_file(bad, "tmy3")
    with pytest.raises(ValueError, match="could not read"):
        wx.read_weather_file(bad, "epw")
    txt = tmp_path / "tmy.txt"
    txt.write_text("x")
    with pytest.raises(ValueError, match=r"\.json, \.csv or \.epw"):
        wx.read_weather_file(txt, "pvgis")


# ---------------------------------------------------------------------- Angström-Prescott
def test_fao56_example_10_rio_de_janeiro_may():
    # FAO-56 Example 10: 22°54'S, May, 220 h of sunshine -> Rs = 14.5 MJ/m²/day.
    sun = [0.0] * 12
    sun[4] = 220.0
    monthly = wx.monthly_ghi_from_sunshine(-22.9, sun)
    rs_mj_day = monthly[4] * wx.MJ_PER_KWH / 31
    assert rs_mj_day == pytest.approx(14.5, rel=0.02)


def test_fao56_example_9_day_length():
    # FAO-56 Example 9: N = 11.7 h at 20°S on 3 September (day 246).
    _, n_max = wx.daily_extraterrestrial_mj_m2(-20.0, np.array([246]))
    assert n_max[0] == pytest.approx(11.7, abs=0.05)


def test_lille_annual_ghi_from_sunshine_fao_defaults():
    # pv.md: FAO-56 defaults give about 1,100 kWh/m²/yr for Lille; other pairs 990-1,040.
    ghi = wx.monthly_ghi_from_sunshine(LILLE_LAT, LILLE_SUNSHINE_H).sum()
    assert 1050 <= ghi <= 1150
    pairs = wx.angstrom_prescott_pairs(LILLE_LAT)
    others = [
        wx.monthly_ghi_from_sunshine(LILLE_LAT, LILLE_SUNSHINE_H, r.a, r.b).sum()
        for r in pairs.itertuples()
        if r.label != "FAO-56"
    ]
    assert min(others) < ghi  # the FAO pair is at the top of the published range
    assert all(900 <= g <= 1100 for g in others)


# ----------------------------------------------------------------------- climatology
@pytest.fixture(scope="module")
def lille_year():
    return wx.typical_year_from_climatology(
        LILLE_LAT, LILLE_LON, LILLE_TEMP_C, sunshine_hours_monthly=LILLE_SUNSHINE_H, seed=7
    )


def test_linke_turbidity_and_clear_sky_at_lille(lille_year):
    import pvlib

    # pv.md: pvlib's Linke turbidity at Lille by month, and Ineichen GHI ~1,610 kWh/m²/yr.
    expected = [3.0, 2.85, 3.75, 3.2, 3.75, 3.8, 3.7, 4.1, 3.5, 3.0, 3.1, 2.95]
    mid = pd.DatetimeIndex([pd.Timestamp(2023, m, 15, tz="UTC") for m in range(1, 13)])
    # Lille city centre (50.63 N, 3.06 E); Lesquin is in the neighbouring 1/12° cell.
    tl = pvlib.clearsky.lookup_linke_turbidity(mid, 50.63, 3.06, interp_turbidity=False)
    np.testing.assert_allclose(tl.to_numpy(), expected, atol=0.03)
    assert lille_year["ghi_clearsky"].sum() / 1000 == pytest.approx(1610, rel=0.02)


def test_generator_reproduces_monthly_ghi_and_temperature(lille_year):
    target = wx.monthly_ghi_from_sunshine(LILLE_LAT, LILLE_SUNSHINE_H)
    got = wx.monthly_means(lille_year)
    np.testing.assert_allclose(got["ghi_monthly_kwh_m2"], target, rtol=1e-3)
    np.testing.assert_allclose(got["temp_air_monthly_c"], LILLE_TEMP_C, atol=0.05)
    assert len(lille_year) == 8760 and str(lille_year.index.tz) == "UTC"
    # Physical consistency: closure GHI = DHI + DNI cos(z) and no irradiance at night.
    assert (lille_year[["ghi", "dni", "dhi"]] >= 0).all().all()
    assert (lille_year.loc[lille_year["ghi_clearsky"] == 0, "ghi"] == 0).all()


def test_generator_reproduces_tmy3_monthly_ghi(tmy3):
    data, meta = tmy3
    mm = wx.monthly_means(data)
    year = wx.typical_year_from_climatology(
        meta["latitude_deg"],
        meta["longitude_deg"],
        mm["temp_air_monthly_c"],
        ghi_monthly_kwh_m2=mm["ghi_monthly_kwh_m2"],
        altitude_m=meta["altitude_m"],
        seed=1,
    )
    got = wx.monthly_means(year)["ghi_monthly_kwh_m2"]
    np.testing.assert_allclose(got, mm["ghi_monthly_kwh_m2"], rtol=1e-3)


def test_generator_is_seeded():
    kw = dict(sunshine_hours_monthly=LILLE_SUNSHINE_H)
    a = wx.typical_year_from_climatology(LILLE_LAT, LILLE_LON, LILLE_TEMP_C, seed=3, **kw)
    b = wx.typical_year_from_climatology(LILLE_LAT, LILLE_LON, LILLE_TEMP_C, seed=3, **kw)
    c = wx.typical_year_from_climatology(LILLE_LAT, LILLE_LON, LILLE_TEMP_C, seed=4, **kw)
    pd.testing.assert_frame_equal(a, b)
    assert not np.allclose(a["ghi"], c["ghi"])


def test_generator_bad_inputs():
    with pytest.raises(ValueError, match="12 monthly values"):
        wx.typical_year_from_climatology(
            LILLE_LAT, LILLE_LON, LILLE_TEMP_C, ghi_monthly_kwh_m2=[50.0] * 11
        )
    with pytest.raises(ValueError, match="either"):
        wx.typical_year_from_climatology(LILLE_LAT, LILLE_LON, LILLE_TEMP_C)
    with pytest.raises(ValueError, match="clear-sky"):
        # Annual values typed as monthly ones: far above the clear-sky irradiation.
        wx.typical_year_from_climatology(
            LILLE_LAT, LILLE_LON, LILLE_TEMP_C, ghi_monthly_kwh_m2=[1100.0] * 12
        )
