"""Benchmark of the PV yield model (issue 3). Prints ratios measured side by side.

1. One full hourly year for one array: qsp_lib.pv.model.simulate_system vs a plain pvlib ModelChain
   (PVWatts) on the same weather (time of each, ratio).
2. Layout sweep of 100 tilt x azimuth combinations: one vectorised pass
   (qsp_lib.pv.model.layout_sweep) vs a loop of 100 ModelChain runs (ratio).
3. Climatology -> hourly typical year generation time.

Run: ``python benchmarks/bench_pv.py``.
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import numpy as np


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    warnings.filterwarnings("ignore")
    import pvlib
    from pvlib.location import Location
    from pvlib.modelchain import ModelChain
    from pvlib.pvsystem import PVSystem

    from qsp_lib.pv.io import read_weather_file
    from qsp_lib.pv.model import system as pv
    from qsp_lib.pv.model import weather as wx

    path = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"
    weather, meta = read_weather_file(path, "tmy3")
    lat, lon, alt = meta["latitude_deg"], meta["longitude_deg"], meta["altitude_m"]
    loc = Location(lat, lon, altitude=alt)
    tparams = pvlib.temperature.TEMPERATURE_MODEL_PARAMETERS["sapm"]["open_rack_glass_glass"]

    def modelchain(tilt, az):
        system = PVSystem(
            surface_tilt=tilt,
            surface_azimuth=az,
            albedo=0.2,
            module_parameters={"pdc0": 1000, "gamma_pdc": -0.0037},
            inverter_parameters={"pdc0": 1000 / (1.2 * 0.96), "eta_inv_nom": 0.96},
            temperature_model_parameters=tparams,
        )
        mc = ModelChain.with_pvwatts(system, loc, transposition_model="perez")
        mc.run_model(weather)
        return float(mc.results.ac.sum())

    arr = [dict(surface_tilt_deg=35, surface_azimuth_deg=180, peak_power_kwp=1)]
    t_one = best_of(lambda: pv.simulate_system(weather, lat, lon, arr, alt))
    t_mc1 = best_of(lambda: modelchain(35, 180))
    print(
        f"one array, one hourly year: qsp_lib.pv.model {t_one:.3f} s, ModelChain {t_mc1:.3f} s, "
        f"ratio ModelChain/qsp {t_mc1 / t_one:.2f}"
    )

    tilts, azimuths = np.linspace(0, 90, 10), np.linspace(90, 270, 10)
    t_sweep = best_of(lambda: pv.layout_sweep(weather, lat, lon, tilts, azimuths, alt))

    def loop():
        for t in tilts:
            for a in azimuths:
                modelchain(t, a)

    t_loop = best_of(loop, repeat=1)
    print(
        f"100-combination layout sweep: vectorised {t_sweep:.3f} s, loop of 100 ModelChain "
        f"{t_loop:.2f} s, speed-up {t_loop / t_sweep:.1f}x"
    )

    t_gen = best_of(
        lambda: wx.typical_year_from_climatology(
            50.57, 3.10, [10.0] * 12, sunshine_hours_monthly=[150.0] * 12, seed=1
        )
    )
    print(
        f"climatology -> hourly typical year: {t_gen:.3f} s "
        f"({t_gen / t_one:.1f}x one PV simulation)"
    )


if __name__ == "__main__":
    main()
