"""Reference datasets of the health and acoustics analysis (CSV files in ``evaluation/data/``).

Each loader returns :func:`qsp_lib.core.reference.load_reference` of one dataset; the
generic helpers are re-exported so that the analysis reads all of its reference data
through this one module.
"""

from __future__ import annotations

from qsp_lib.core.reference import data_path, load_reference, sources_table, value

__all__ = [
    "data_path",
    "load_reference",
    "sources_table",
    "value",
    "noise_health",
    "air_health",
    "disability_weights",
    "traffic_noise_spectrum",
]


def noise_health():
    """Noise exposure-response functions (Directive (EU) 2020/367), WHO 2018 guideline
    values and IHD incidence: ``data/noise_health.csv``."""
    return load_reference("noise_health")


def air_health():
    """WHO 2021 air quality guideline and interim targets, long-term mortality relative
    risks (Chen & Hoek 2020; Huangfu & Atkinson 2020), baseline mortality and
    counterfactuals: ``data/air_health.csv``."""
    return load_reference("air_health")


def disability_weights():
    """Disability weights of noise annoyance and sleep disturbance (WHO 2011; Charalampous
    et al. 2024): ``data/disability_weights.csv``."""
    return load_reference("disability_weights")


def traffic_noise_spectrum():
    """EN 1793-3:1997 normalised road traffic noise spectrum, A-weighted third octaves
    100 Hz-5 kHz (``frequency_hz``, ``value`` [dB]): ``data/traffic_noise_spectrum.csv``."""
    df = load_reference("traffic_noise_spectrum")
    df["frequency_hz"] = df["frequency_hz"].astype(float)
    return df.sort_values("frequency_hz")
