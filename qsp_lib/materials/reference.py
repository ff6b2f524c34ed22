"""Reference datasets of the circular-materials analysis (CSV files in ``materials/data/``).

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
    "materials_catalogue",
    "materials_intensity",
    "materials_factors",
    "materials_costs",
]


def materials_catalogue():
    """Known demolition materials: List of Waste code, hazard class, what they substitute,
    loose bulk density [t/m³] (``materials_catalogue.csv``)."""
    return load_reference("materials_catalogue")


def materials_intensity():
    """Demolition waste per m² of demolished floor area by typology and material, with
    low/high [t/m²] (``materials_intensity.csv``)."""
    return load_reference("materials_intensity")


def materials_factors():
    """Emission factors, physical factors and recovery targets of the materials notebook
    (``materials_factors.csv``)."""
    return load_reference("materials_factors")


def materials_costs():
    """Gate fees, landfill tax, transport and aggregate prices [€/t, €/t.km]
    (``materials_costs.csv``)."""
    return load_reference("materials_costs")
