"""Write Concorde's synthetic measured campaigns (illustrative, deterministic).

Usage::

    python tools/make_concorde_campaigns.py [SITE_EVALUATION_FOLDER]

Writes into ``parameters/concorde/evaluation/`` (or the folder given):

- ``campagne_bruit_butte.csv``: LAeq every 10 minutes over two weeks (3-16 March 2025) at
  the control point behind the berm: a motorway's daily profile (quieter at night), random
  variations and about 2 % of intervals missing;
- ``campagne_air_equipement.csv``: indoor NO2 and PM2.5 of the public facility, hourly, two
  weeks of one week each (heating season 15-21 January 2024, 10-16 June 2024), about 3 % of
  hours missing and one day with half its hours (below the 75 % rule);
- ``station_reference_2024.csv``: a year of hourly NO2 and PM2.5 at a synthetic urban
  background station (seasonal cycle, higher in winter), the reference of the ratio method.

Nothing here is measured: the files show the method (``status: illustrative`` in
``evaluation_indicators.yaml``). The seed makes every run write the same bytes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20250303
ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "parameters" / "concorde" / "evaluation"

#: Hourly LAeq profile at the control point [dB(A)], hour 0 to 23 (hypothesis: a motorway
#: with heavy night traffic, about 6 dB quieter at night than by day).
NOISE_PROFILE = [
    57, 56, 55.5, 55.5, 56.5, 59, 62.5, 64.5, 65, 64.5, 64, 64,
    64, 64, 64, 64.5, 65, 65, 64, 62.5, 61.5, 61, 60, 58.5,
]  # fmt: skip
#: Reference station: annual mean and seasonal amplitude [µg/m³] (hypothesis, of the order of
#: Lille's urban background, health.md).
STATION = {"no2": (24.0, 7.0), "pm25": (10.0, 3.0)}
#: Indoor / outdoor ratio of the public facility (hypothesis: mechanical ventilation with
#: filtration, PM2.5 filtered more than NO2).
INDOOR_RATIO = {"no2": 0.7, "pm25": 0.8}


def _station(rng: np.random.Generator) -> pd.DataFrame:
    times = pd.date_range("2024-01-01", "2024-12-31 23:00", freq="1h")
    day = np.asarray(times.day_of_year)
    hour = np.asarray(times.hour)
    out = pd.DataFrame(index=times)
    for p, (mean, amplitude) in STATION.items():
        seasonal = mean + amplitude * np.cos(2 * np.pi * (day - 15) / 366)
        diurnal = 1 + 0.25 * np.sin(2 * np.pi * (hour - 3) / 24) if p == "no2" else 1.0
        # weather episodes: a slowly varying multiplicative factor
        episodes = np.exp(np.convolve(rng.normal(0, 0.12, len(times)), np.ones(48) / 7, "same"))
        out[p] = np.maximum(seasonal * diurnal * episodes, 0.5)
    return out


def _campaign_air(rng: np.random.Generator, station: pd.DataFrame) -> pd.DataFrame:
    weeks = [("2024-01-15", "2024-01-21 23:00"), ("2024-06-10", "2024-06-16 23:00")]
    times = pd.DatetimeIndex(np.concatenate([pd.date_range(a, b, freq="1h") for a, b in weeks]))
    out = pd.DataFrame(index=times)
    for p, ratio in INDOOR_RATIO.items():
        indoor = station.loc[times, p].to_numpy() * ratio * rng.lognormal(0, 0.15, len(times))
        out[p] = indoor
    missing = rng.random(len(times)) < 0.03
    half_day = (times.normalize() == pd.Timestamp("2024-06-13")) & (times.hour >= 12)
    return out[~(missing | half_day)]


def _campaign_noise(rng: np.random.Generator) -> pd.DataFrame:
    times = pd.date_range("2025-03-03", "2025-03-16 23:50", freq="10min")
    profile = np.asarray(NOISE_PROFILE)[np.asarray(times.hour)]
    weekend = np.asarray(times.day_of_week) >= 5
    level = profile - 1.5 * weekend + rng.normal(0, 1.5, len(times))
    keep = rng.random(len(times)) >= 0.02
    return pd.DataFrame({"laeq_db": level}, index=times)[keep]


def _write(frame: pd.DataFrame, columns: dict[str, str], path: Path, fmt: str) -> None:
    out = frame.rename(columns=columns).round(1)
    out.index = out.index.strftime(fmt)
    out.index.name = "datetime"
    out.to_csv(path, lineterminator="\n")


def main(folder: Path = OUT) -> None:
    rng = np.random.default_rng(SEED)
    station = _station(rng)
    air = _campaign_air(rng, station)
    noise = _campaign_noise(rng)
    conc = {"no2": "no2_ug_m3", "pm25": "pm25_ug_m3"}
    folder.mkdir(parents=True, exist_ok=True)
    _write(noise, {}, folder / "campagne_bruit_butte.csv", "%Y-%m-%dT%H:%M")
    _write(air, conc, folder / "campagne_air_equipement.csv", "%Y-%m-%dT%H:%M")
    _write(station, conc, folder / "station_reference_2024.csv", "%Y-%m-%dT%H:%M")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
