"""Reference datasets of the PV analysis (CSV files in ``pv/data/``).

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
    "pv_references",
    "pv_tariffs",
    "pv_benchmarks",
    "angstrom_prescott",
    "mtm_aguiar1988",
    "tag_aguiar1992",
]


def pv_references(quantity: str | None = None):
    """Published PV references: yields and irradiation around Lille, yields of PV noise barriers.

    The one dataset the PV brief compares its figures with (``pv_references.csv``): every
    row has its value, range, unit, source and year, a ``quantity`` (``specific_yield``
    [kWh/kWp/yr] or ``ghi``, the annual horizontal irradiation [kWh/m²/yr]) and a ``group``
    (``Lille`` or ``Écrans antibruit``).

    Parameters
    ----------
    quantity : {"specific_yield", "ghi"}, optional
        Keep only the rows of this quantity; default: every row.

    Returns
    -------
    pandas.DataFrame
        :func:`load_reference` of ``pv_references`` (indexed by ``key``).

    Raises
    ------
    ValueError
        Unknown ``quantity`` (the message lists the known ones).
    """
    df = load_reference("pv_references")
    if quantity is not None:
        known = sorted(df["quantity"].unique())
        if quantity not in known:
            raise ValueError(
                f"pv_references: unknown quantity {quantity!r}, expected one of {known}"
            )
        df = df[df["quantity"] == quantity]
    return df


def pv_tariffs():
    """French reference prices of PV electricity (CRE tenders, feed-in tariffs) [€/MWh]."""
    return load_reference("pv_tariffs")


def pv_benchmarks():
    """Benchmarks quoted by the PV brief: loss conventions, costs, carbon, resource variability.

    The published yields and irradiation the brief compares with are in :func:`pv_references`.
    """
    return load_reference("pv_benchmarks")


def angstrom_prescott():
    """Published Angström-Prescott coefficients (FAO-56, Rietveld 1978, Prescott 1940, Page
    1961, Glover & McCulloch 1958), one row per coefficient with ``pair`` and
    ``coefficient`` columns: ``data/angstrom_prescott.csv``."""
    return load_reference("angstrom_prescott")


def mtm_aguiar1988():
    """Library of Markov transition matrices of daily clearness (Aguiar, Collares-Pereira &
    Conde 1988), one row per matrix element: ``data/mtm_aguiar1988.csv``."""
    return load_reference("mtm_aguiar1988")


def tag_aguiar1992():
    """Coefficients of the TAG hourly clearness model (Aguiar & Collares-Pereira 1992) and of
    its Meteonorm variant: ``data/tag_aguiar1992.csv``."""
    return load_reference("tag_aguiar1992")
