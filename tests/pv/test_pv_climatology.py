"""Typical-year weather: the monthly-climatology generator (qsp_lib.pv.model.climatology).

The Angström-Prescott estimate is tested in ``test_pv_sunshine.py``, the published MTM and
TAG models in ``test_pv_clearness.py``.

References asserted here:
- QSP reference pv.md: FAO-56 defaults give about 1,100 kWh/m²/yr for Lille; pvlib's Linke
  turbidity at Lille by month; Ineichen clear-sky GHI about 1,610 kWh/m²/yr.
- Météo-France normals Lille-Lesquin (site.md) for sunshine hours and temperatures.
- pvlib's bundled TMY3 file 723170TYA.CSV (Greensboro, NC; header: lat 36.1, lon -79.95,
  alt 273 m, UTC-5) and 703165TY.csv (Sand Point, Alaska, 55.3 N): the climatology year
  built from their monthly means is checked against the real hourly years (issue 9).
- pv.md: published yields around Lille (pvgis.com, JRC map, Enercoop plant).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from qsp_lib.pv.io import read_weather_file
from qsp_lib.pv.model import weather as wx

LILLE_LAT, LILLE_LON = 50.57, 3.10
LILLE_SUNSHINE_H = [60, 80, 130, 175, 205, 210, 220, 210, 165, 110, 65, 50]
LILLE_TEMP_C = [4.1, 4.6, 7.3, 10.2, 13.7, 16.7, 19.1, 19.0, 16.0, 12.0, 7.5, 4.7]


def tmy3_path() -> Path:
    import pvlib

    return Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"


@pytest.fixture(scope="module")
def tmy3():
    return read_weather_file(tmy3_path(), "tmy3")


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


def test_unknown_generator_or_decomposition():
    with pytest.raises(ValueError, match="unknown method"):
        wx.typical_year_from_climatology(
            LILLE_LAT, LILLE_LON, LILLE_TEMP_C, sunshine_hours_monthly=LILLE_SUNSHINE_H,
            method="meteonorm",
        )  # fmt: skip
    with pytest.raises(ValueError, match="unknown decomposition"):
        wx.typical_year_from_climatology(
            LILLE_LAT, LILLE_LON, LILLE_TEMP_C, sunshine_hours_monthly=LILLE_SUNSHINE_H,
            decomposition="perez",
        )  # fmt: skip
    with pytest.raises(ValueError, match="unknown TAG variant"):
        wx.typical_year_from_climatology(
            LILLE_LAT, LILLE_LON, LILLE_TEMP_C, sunshine_hours_monthly=LILLE_SUNSHINE_H,
            tag_variant="aguiar",
        )  # fmt: skip


# ------------------------------------------------------------ checks on two real years
# pvlib's bundled TMY3 years: Sand Point (Alaska, 55.3 N, cloudy maritime climate) and
# Greensboro (North Carolina, 36.1 N). The climatology year is built from each file's
# monthly means only and compared with the real hourly year (issue 9 acceptance checks).
REAL_YEARS = {"sand_point": "703165TY.csv", "greensboro": "723170TYA.CSV"}
CHECK_SEEDS = (0, 1, 2)
#: Published inter-annual variability of annual GHI (standard deviation, upper end of the
#: 4-5 % usually quoted, e.g. Gueymard & Wilcox 2011, Solar Energy 85(5), 1068-1084).
INTERANNUAL_GHI_SD_PERCENT = 5.0
SOUTH_30_AND_90 = [
    dict(name="30", surface_tilt_deg=30, surface_azimuth_deg=180, peak_power_kwp=1.0,
         ground_slope_deg=30),
    dict(name="90", surface_tilt_deg=90, surface_azimuth_deg=180, peak_power_kwp=1.0,
         ground_slope_deg=90),
]  # fmt: skip


@pytest.fixture(scope="module", params=sorted(REAL_YEARS))
def real_vs_climatology(request):
    import pvlib

    from qsp_lib.pv.model import system as pv

    path = Path(pvlib.__file__).parent / "data" / REAL_YEARS[request.param]
    real, meta = read_weather_file(path, "tmy3")
    real.index = real.index - pd.Timedelta("30min")  # hour-ending records -> mid-hour
    site = (meta["latitude_deg"], meta["longitude_deg"], meta["altitude_m"])

    def yields(w):
        sim = pv.simulate_system(w, site[0], site[1], SOUTH_30_AND_90, site[2])
        return sim.arrays["specific_yield_kwh_per_kwp"].to_numpy()

    synth = [wx.typical_year_like(real, *site, seed=s) for s in CHECK_SEEDS]
    return {
        "name": request.param,
        "df_real": real["dhi"].sum() / real["ghi"].sum(),
        "df_synth": np.array([w["dhi"].sum() / w["ghi"].sum() for w in synth]),
        "yield_real": yields(real),
        "yield_synth": np.array([yields(w) for w in synth]),
        "monthly_real": wx.monthly_means(real)["ghi_monthly_kwh_m2"],
        "monthly_synth": [wx.monthly_means(w)["ghi_monthly_kwh_m2"] for w in synth],
    }


def test_real_year_monthly_ghi_exact(real_vs_climatology):
    for got in real_vs_climatology["monthly_synth"]:
        np.testing.assert_allclose(got, real_vs_climatology["monthly_real"], rtol=1e-6)


def test_real_year_diffuse_fraction_within_0_04(real_vs_climatology):
    # Before issue 9: Sand Point 0.73 vs 0.56, Greensboro 0.52 vs 0.44 (too diffuse).
    err = real_vs_climatology["df_synth"] - real_vs_climatology["df_real"]
    assert wx.ACCURACY_DIFFUSE_FRACTION == 0.04  # issue 9 acceptance bound
    assert np.all(np.abs(err) <= wx.ACCURACY_DIFFUSE_FRACTION), err


def test_real_year_yield_within_3_percent_at_30_and_90_deg(real_vs_climatology):
    ratio = real_vs_climatology["yield_synth"] / real_vs_climatology["yield_real"]
    assert wx.ACCURACY_YIELD_PERCENT == 3.0  # issue 9 acceptance bound
    assert np.all(np.abs(ratio - 1) <= wx.ACCURACY_YIELD_PERCENT / 100), ratio


def test_climatology_p90_not_narrower_than_real_years_suggest(real_vs_climatology):
    # What is compared: the P90 the notebook states in climatology mode (resource and model
    # standard deviations of qsp_lib.pv.model) against the P90 a real year supports, i.e. the
    # published inter-annual variability of GHI combined with the method error measured here
    # (synthetic vs real yield, both planes, all seeds). The seed-to-seed spread of the
    # generator must stay far inside that margin: it is not a measure of weather risk.
    from qsp_lib.pv.model import system as pv

    ratios = real_vs_climatology["yield_synth"] / real_vs_climatology["yield_real"]
    method_error = 100 * float(np.sqrt(np.mean((ratios - 1) ** 2)))
    needed_sd = float(np.hypot(INTERANNUAL_GHI_SD_PERCENT, method_error))
    for plane in range(2):
        y_real = real_vs_climatology["yield_real"][plane]
        p50 = float(real_vs_climatology["yield_synth"][:, plane].mean())
        p90 = pv.p50_p90(p50, pv.RESOURCE_SD_PERCENT, pv.MODEL_SD_PERCENT_CLIMATOLOGY)
        assert p90.p90_kwh <= y_real * (1 - pv.Z_P90 * needed_sd / 100)
        seed_sd = 100 * float(np.std(ratios[:, plane]))
        assert seed_sd < 0.25 * p90.sd_percent
