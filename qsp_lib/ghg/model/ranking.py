"""Orders and gaps between options, from their totals: rank, stage table, payback status."""

from __future__ import annotations

from collections.abc import Mapping

from qsp_lib.ghg.model.keys import STAGES


def ranking(option_totals_: Mapping[str, float]) -> list[str]:
    """Option names from the lowest to the highest total (ties keep the input order)."""
    return sorted(option_totals_, key=lambda name: option_totals_[name])


def stage_table(totals_df, weighting: str = "static"):
    """Totals [tCO2e] as a table options (input order) x stages (:data:`STAGES` order)."""
    pivot = totals_df.pivot(index="option", columns="stage", values=f"{weighting}_t_co2e")
    return pivot.reindex(index=list(dict.fromkeys(totals_df["option"])))[list(STAGES)]


def payback_status(payback: Mapping[str, int | None]) -> dict[str, str]:
    """``"never_above"`` (payback 0), ``"none"`` (not within the period) or ``"years"``."""
    return {
        name: "none" if y is None else ("never_above" if y == 0 else "years")
        for name, y in payback.items()
    }
