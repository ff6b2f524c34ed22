"""Reference datasets of the GHG analysis (CSV files in ``ghg/data/``).

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
    "ghg_factors",
    "ghg_benchmarks",
    "re2020_dynamic_weights",
    "carbon_values",
    "carbon_value_points",
    "re2020_limits",
    "ghg_conventions",
]


def ghg_factors():
    """Emission factors of the GHG model (``ghg_factors.csv``), indexed by key.

    Returns
    -------
    pandas.DataFrame
        ``label, value, unit, low, high, source, year, assumption, note``.
    """
    return load_reference("ghg_factors")


def ghg_benchmarks():
    """RE2020 limits, observatory shares and district benchmarks (``ghg_benchmarks.csv``)."""
    return load_reference("ghg_benchmarks")


def re2020_dynamic_weights():
    """RE2020 dynamic weights by year of emission (``re2020_dynamic_weights.csv``)."""
    return load_reference("re2020_dynamic_weights")


def carbon_values():
    """France Stratégie carbon value by year (``carbon_values.csv``, column ``for_year``)."""
    return load_reference("carbon_values")


def carbon_value_points() -> dict[int, float]:
    """Carbon value as ``{year: €2018/tCO2e}`` (Quinet 2019), for :func:`ghg.monetise`."""
    df = carbon_values()
    return dict(zip(df["for_year"].astype(int), df["value"].astype(float), strict=True))


def re2020_limits() -> dict[int, float]:
    """RE2020 Ic_construction thresholds of collective housing ``{first year: kgCO2e/m²}``."""
    df = ghg_benchmarks()
    lim = df[df["key"].str.startswith("re2020_ic_construction_")]
    return dict(zip(lim["from_year"].astype(int), lim["value"].astype(float), strict=True))


def ghg_conventions():
    """Values behind the conventions at the edges of the balance (``ghg_conventions.csv``):
    public discount rate, RE2020 reference life, end of combustion-car sales, car-fleet
    renewal, life of a kept structure; each with its source or « hypothèse »."""
    return load_reference("ghg_conventions")
