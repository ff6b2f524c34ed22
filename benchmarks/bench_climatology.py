"""Benchmark of the climatology -> hourly year generator on two real years (issue 9).

For pvlib's two bundled TMY3 years, Sand Point (Alaska, 55.3 N, maritime and cloudy) and
Greensboro (North Carolina, 36.1 N), the climatology year is built from the file's monthly
means only (qsp_lib.pv.model.weather.typical_year_like) and compared with the real hourly year:

1. Decomposition models applied to the REAL hourly GHI: annual diffuse fraction and yields
   against the file's own DHI/DNI (what each model costs before any synthetic sequence).
2. Generators: the Markov + TAG generator ("mtm_tag", default) and the previous one
   ("smooth_daily": clear-sky shape x one factor per day, with Erbs as before issue 9):
   annual diffuse fraction (DHI/GHI) and specific yield of a 30 deg and a 90 deg south array
   (no row shading) over several seeds, as ratios to the real year; generation time ratio.
3. P90 of the climatology mode against the spread real years suggest.

The real TMY3 records are hour-ending: they are moved to the middle of their hour before
the comparison (the generator stamps the middle of each hour).

Run: ``python benchmarks/bench_climatology.py``.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

SITES = {"Sand Point AK": "703165TY.csv", "Greensboro NC": "723170TYA.CSV"}
SEEDS = range(5)
#: Published inter-annual variability of annual GHI, standard deviation in % (upper end of
#: the 4-5 % usually quoted; e.g. Gueymard & Wilcox 2011, Solar Energy 85(5), 1068-1084).
INTERANNUAL_GHI_SD_PERCENT = 5.0


def arrays() -> list[dict]:
    return [
        dict(name="30", surface_tilt_deg=30, surface_azimuth_deg=180, peak_power_kwp=1.0,
             ground_slope_deg=30),
        dict(name="90", surface_tilt_deg=90, surface_azimuth_deg=180, peak_power_kwp=1.0,
             ground_slope_deg=90),
    ]  # fmt: skip


def load(name: str):
    import pvlib

    from qsp_lib.pv.io import read_weather_file

    real, meta = read_weather_file(Path(pvlib.__file__).parent / "data" / name, "tmy3")
    real.index = real.index - pd.Timedelta("30min")  # hour-ending -> middle of the hour
    return real, meta["latitude_deg"], meta["longitude_deg"], meta["altitude_m"]


def yields(weather, lat, lon, alt) -> np.ndarray:
    from qsp_lib.pv.model import system as pv

    sim = pv.simulate_system(weather, lat, lon, arrays(), alt)
    return sim.arrays["specific_yield_kwh_per_kwp"].to_numpy()


def main() -> None:
    warnings.filterwarnings("ignore")
    import pvlib

    from qsp_lib.pv.model import system as pv
    from qsp_lib.pv.model import weather as wx

    rows, dec_rows, p90_rows, errors = [], [], [], []
    times = {"mtm_tag": [], "smooth_daily": []}
    generators = [("smooth_daily", "erbs"), ("mtm_tag", wx.DECOMPOSITION_MODEL)]
    for site, name in SITES.items():
        real, lat, lon, alt = load(name)
        df_real = real["dhi"].sum() / real["ghi"].sum()
        y_real = yields(real, lat, lon, alt)
        loc = pvlib.location.Location(lat, lon, altitude=alt)
        sp = loc.get_solarposition(real.index)
        cs = loc.get_clearsky(real.index, solar_position=sp)
        for model in wx.DECOMPOSITION_MODELS:
            dni, dhi = wx.decompose_ghi(
                real["ghi"].to_numpy(), real.index, sp["zenith"].to_numpy(), model,
                pvlib.atmosphere.alt2pres(alt), cs["ghi"].to_numpy(), cs["dni"].to_numpy(),
            )  # fmt: skip
            y = yields(real.assign(dni=dni, dhi=dhi), lat, lon, alt)
            dec_rows.append([site, model, df_real, dhi.sum() / real["ghi"].sum(), *(y / y_real)])
        for method, decomposition in generators:
            res = []
            for seed in SEEDS:
                t0 = time.perf_counter()
                w = wx.typical_year_like(
                    real, lat, lon, alt, seed=seed, method=method, decomposition=decomposition
                )
                times[method].append(time.perf_counter() - t0)
                res.append([w["dhi"].sum() / w["ghi"].sum(), *(yields(w, lat, lon, alt) / y_real)])
            r = np.array(res)
            rows.append(
                [site, f"{method}+{decomposition}", df_real, r[:, 0].mean(), r[:, 0].min(),
                 r[:, 0].max(),
                 y_real[0], r[:, 1].mean(), r[:, 1].std(), y_real[1], r[:, 2].mean(),
                 r[:, 2].std()]
            )  # fmt: skip
            if method == "mtm_tag":
                errors.extend((r[:, 1:] - 1).ravel())
                p50 = r[:, 1].mean() * y_real[0]
                p90_rows.append([site, p50, y_real[0], r[:, 1].std()])

    pd.set_option("display.width", 160)
    print("1. Decomposition of the REAL hourly GHI (ratios to the file's own DNI/DHI)")
    dec = pd.DataFrame(
        dec_rows, columns=["site", "model", "DF real", "DF model", "yield 30", "yield 90"]
    )
    print(dec.round(3).to_string(index=False))
    print(
        f"\n2. Climatology years from monthly means: previous generator (smooth_daily+erbs) "
        f"and new default, seeds {list(SEEDS)} (synthetic / real, mean and std over seeds)"
    )
    gen = pd.DataFrame(
        rows,
        columns=["site", "generator", "DF real", "DF synth", "DF min", "DF max",
                 "kWh/kWp 30 real", "ratio 30", "sd 30", "kWh/kWp 90 real", "ratio 90",
                 "sd 90"],
    )  # fmt: skip
    print(gen.round(3).to_string(index=False))
    t_new, t_old = np.mean(times["mtm_tag"]), np.mean(times["smooth_daily"])
    print(
        f"\nGeneration time per year: mtm_tag {t_new:.2f} s, smooth_daily {t_old:.2f} s, "
        f"ratio new/old {t_new / t_old:.2f}"
    )

    print("\n3. P90 (30 deg array): climatology mode vs what the real years suggest")
    sd_clim = float(np.hypot(pv.RESOURCE_SD_PERCENT, pv.MODEL_SD_PERCENT_CLIMATOLOGY))
    rms = 100 * float(np.sqrt(np.mean(np.square(errors))))
    for site, p50, y_real, sd_seed in p90_rows:
        p90_clim = pv.p50_p90(p50, pv.RESOURCE_SD_PERCENT, pv.MODEL_SD_PERCENT_CLIMATOLOGY)
        sd_needed = float(np.hypot(INTERANNUAL_GHI_SD_PERCENT, rms))
        p90_needed = y_real * (1 - pv.Z_P90 * sd_needed / 100)
        print(
            f"  {site}: P50 synth {p50:.0f}, climatology-mode P90 {p90_clim.p90_kwh:.0f} "
            f"(sd {sd_clim:.1f} %) <= real-year P90 {p90_needed:.0f} (interannual "
            f"{INTERANNUAL_GHI_SD_PERCENT:.0f} % + measured method error {rms:.1f} % rms); "
            f"seed-to-seed sd {100 * sd_seed:.1f} %"
        )


if __name__ == "__main__":
    main()
