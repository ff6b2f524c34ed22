"""Typical-year weather: the monthly-climatology generator (qsp_lib.weather).

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

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qsp_lib import weather as wx
from qsp_lib.iotools.weather import read_weather_file

LILLE_LAT, LILLE_LON = 50.57, 3.10
LILLE_SUNSHINE_H = [60, 80, 130, 175, 205, 210, 220, 210, 165, 110, 65, 50]
LILLE_TEMP_C = [4.1, 4.6, 7.3, 10.2, 13.7, 16.7, 19.1, 19.0, 16.0, 12.0, 7.5, 4.7]


def tmy3_path() -> Path:
    import pvlib

    return Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"


@pytest.fixture(scope="module")
def tmy3():
    return read_weather_file(tmy3_path(), "tmy3")


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
