"""This plant against published figures: Lille yields and irradiation, noise barriers,
PVGIS's loss convention and reference tariffs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from qsp_lib.pv.model import system as pv

if TYPE_CHECKING:
    from qsp_lib.pv.schema import PvYieldParameters


@dataclass(frozen=True)
class ReferencePosition:
    """Where a computed figure sits against one published value or range.

    Attributes
    ----------
    value : float
        Published value (in the unit of the figure: kWh/kWp/yr or kWh/m²/yr).
    low, high : float
        Published range (± :data:`qsp_lib.pv.model.system.SINGLE_REFERENCE_TOLERANCE`
        around a single value).
    ratio : float
        Computed figure / published value [-].
    position : str
        ``"en dessous"``, ``"dans la fourchette"`` or ``"au-dessus"`` of ``[low, high]``.
    """

    value: float
    low: float
    high: float
    ratio: float
    position: str

    @property
    def gap(self) -> float:
        """Relative distance to the published value, unsigned [-]."""
        return abs(self.ratio - 1)

    @property
    def above(self) -> bool:
        """True when the computed figure exceeds the published value."""
        return bool(self.ratio > 1)


@dataclass(frozen=True)
class LilleComparison:
    """The plant's specific yield and the year's irradiation against published Lille values.

    Attributes
    ----------
    table : DataFrame
        Every Lille reference (:func:`qsp_lib.pv.model.system.compare_to_references`), yields
        [kWh/kWp/yr] then irradiation [kWh/m²/yr], indexed by ``key``.
    synthesis : ReferencePosition
        Specific yield against the QSP synthesis range for Lille.
    pvgis_com : ReferencePosition
        Specific yield against pvgis.com's range for a well-oriented system at Lille.
    enercoop : ReferencePosition
        Specific yield against the forecast of the Enercoop ground plant at Lille (2024).
    ghi_sunshine_pairs : ReferencePosition
        Annual irradiation against the published Angström-Prescott pairs other than FAO-56.
    ghi_fao56 : ReferencePosition
        Annual irradiation against the FAO-56 estimate.
    """

    table: pd.DataFrame
    synthesis: ReferencePosition
    pvgis_com: ReferencePosition
    enercoop: ReferencePosition
    ghi_sunshine_pairs: ReferencePosition
    ghi_fao56: ReferencePosition


#: Row of ``pv_references.csv`` behind each :class:`LilleComparison` attribute.
LILLE_KEYS = {
    "synthesis": "lille_specific_yield",
    "pvgis_com": "lille_pvgis_com",
    "enercoop": "enercoop_lille",
    "ghi_sunshine_pairs": "ghi_lille_sunshine_pairs",
    "ghi_fao56": "ghi_lille_fao56",
}


def lille_comparison(sim: pv.PvSimulation, references: pd.DataFrame) -> LilleComparison:
    """Where this plant's yield and the year's irradiation sit against published Lille values.

    Parameters
    ----------
    sim : PvSimulation
    references : DataFrame
        :func:`qsp_lib.pv.reference.pv_references` (every row; the ``Lille`` group is used).

    References
    ----------
    The published values of ``qsp_lib/pv/data/pv_references.csv`` (QSP reference pv.md).
    """
    lille = references[references["group"] == "Lille"]
    figures = {
        "specific_yield": sim.specific_yield_kwh_per_kwp,
        "ghi": sim.ghi_annual_kwh_m2,
    }
    parts = [
        pv.compare_to_references(value, lille[lille["quantity"] == quantity])
        for quantity, value in figures.items()
    ]
    table = pd.concat(parts, ignore_index=True).set_index("key", drop=False)
    fields = ["value", "low", "high", "ratio", "position"]
    rows = {name: ReferencePosition(*table.loc[key, fields]) for name, key in LILLE_KEYS.items()}
    return LilleComparison(table=table, **rows)


@dataclass(frozen=True)
class PvgisGap:
    """PVGIS's loss convention against this model's (:func:`pvgis_convention_gap`).

    Attributes
    ----------
    pvgis_losses_percent : float
        PVGIS's default system loss, inverter included [%].
    gap : float
        How much more PVGIS would give with the same loss figure [-] (0.042 = 4.2 % more).
    """

    pvgis_losses_percent: float
    gap: float


def pvgis_convention_gap(P: PvYieldParameters, benchmarks: pd.DataFrame) -> PvgisGap:
    """How much more PVGIS would give with the same loss figure.

    PVGIS's system loss includes the inverter; here the system losses come on top of the
    inverter efficiency, so with equal loss figures PVGIS gives ``1 / efficiency`` times more
    (before clipping).

    References
    ----------
    PVGIS user manual (JRC); Dobos (2014), PVWatts Version 5 Manual, NREL/TP-6A20-62641.
    """
    pvgis_losses = benchmarks.at["pvgis_system_losses", "value"]
    ours = (1 - P.system_losses_percent / 100) * P.inverter_efficiency
    return PvgisGap(pvgis_losses, (1 - pvgis_losses / 100) / ours - 1)


def published_comparison(sim: pv.PvSimulation, published: pd.DataFrame) -> pd.DataFrame:
    """This plant's yields next to the published ones, for the comparison figure.

    Parameters
    ----------
    sim : PvSimulation
    published : DataFrame
        :func:`qsp_lib.pv.reference.pv_references` (only the ``specific_yield`` rows are used).

    Returns
    -------
    DataFrame
        label, low, high [kWh/kWp/yr], group (``calcul`` for this plant, else the dataset's
        group).
    """
    sy = sim.specific_yield_kwh_per_kwp
    rows = [("Ce projet (ensemble)", sy, sy, "calcul")]
    rows += [
        (f"Ce projet : {r['name']}", y, y, "calcul")
        for _, r in sim.arrays.iterrows()
        for y in [r["specific_yield_kwh_per_kwp"]]
    ]
    yields = published[published["quantity"] == "specific_yield"]
    rows += list(yields[["label", "low", "high", "group"]].itertuples(index=False, name=None))
    return pd.DataFrame(rows, columns=["label", "low", "high", "group"])


@dataclass(frozen=True)
class GroupRange:
    """Lowest and highest published yield of a group (:func:`group_range`).

    Attributes
    ----------
    low, high : float
        Lowest and highest published value [kWh/kWp/yr].
    low_label, high_label : str
        Their short labels.
    """

    low: float
    low_label: str
    high: float
    high_label: str


def group_range(published: pd.DataFrame, group: str) -> GroupRange:
    """Lowest and highest published yield of a group of published yields.

    Parameters
    ----------
    published : DataFrame
        :func:`qsp_lib.pv.reference.pv_references` (value, short_label, group).
    group : str
        The group (``"Écrans antibruit"``).
    """
    sub = published[published["group"] == group]
    lo, hi = sub.loc[sub["value"].idxmin()], sub.loc[sub["value"].idxmax()]
    return GroupRange(lo["value"], lo["short_label"], hi["value"], hi["short_label"])


def tariff_comparison(eco: pv.Economics, tariffs: pd.DataFrame) -> pd.DataFrame:
    """The plant's LCOE followed by the reference prices (label, eur_per_mwh [€/MWh])."""
    rows = [("Coût actualisé de ce projet", eco.lcoe_eur_per_mwh)]
    rows += list(tariffs[["label", "value"]].itertuples(index=False, name=None))
    return pd.DataFrame(rows, columns=["label", "eur_per_mwh"])
