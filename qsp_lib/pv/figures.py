"""Diagrams of the ``pv_yield`` brief drawn by hand on a given matplotlib ``ax``.

Plain charts (bars, lines) stay in the notebook; what is built cell by cell (an annotated
heat map, a chart of ranges and points) is drawn here, where it is tested. Each function
draws on the ``ax`` it is given and leaves the figure (colour bar, source line, ``show``)
to the notebook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qsp_lib.core import style

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.image import AxesImage

#: Colour of each group of :func:`qsp_lib.pv.study.comparisons.published_comparison`.
GROUP_COLOURS = {
    "calcul": style.PALETTE[5],
    "Lille": style.PALETTE[0],
    "Écrans antibruit": style.PALETTE[2],
}


def orientation_map(ax: Axes, sweep: pd.DataFrame) -> AxesImage:
    """Specific yield over tilt (rows) and azimuth (columns), each cell labelled.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    sweep : DataFrame
        :func:`qsp_lib.pv.study.layouts.layout_sweep`: surface_tilt_deg,
        surface_azimuth_deg [°], specific_yield_kwh_per_kwp [kWh/kWp].

    Returns
    -------
    AxesImage
        The heat map, for the notebook's colour bar.
    """
    grid = sweep.pivot(
        index="surface_tilt_deg", columns="surface_azimuth_deg", values="specific_yield_kwh_per_kwp"
    )
    values = grid.to_numpy()
    im = ax.imshow(values, aspect="auto", cmap="viridis", origin="lower")
    ax.set_xticks(range(grid.shape[1]), [style.fr(a, 0) for a in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [style.fr(t, 0) for t in grid.index])
    ax.set_xlabel("Azimut (°, 90 = est, 180 = sud, 270 = ouest)")
    ax.set_ylabel("Inclinaison (°)")
    ax.set_title("Productible selon l'orientation (kWh/kWc), sans ombrage entre rangées")
    ax.grid(False)
    # white on the darker half of viridis, black on the lighter half
    mean = values.mean()
    for i in range(grid.shape[0]):
        for j in range(grid.shape[1]):
            ax.text(
                j,
                i,
                style.fr(grid.iat[i, j], 0),
                ha="center",
                va="center",
                fontsize=6.5,
                color="white" if grid.iat[i, j] < mean else "black",
            )
    return im


def published_yields(ax: Axes, comparison: pd.DataFrame) -> None:
    """This plant's yields as points and the published ones as ranges, labelled.

    Parameters
    ----------
    ax : Axes
        Where to draw.
    comparison : DataFrame
        :func:`qsp_lib.pv.study.comparisons.published_comparison`: label, low, high
        [kWh/kWp/yr], group (a key of :data:`GROUP_COLOURS`).
    """
    for i, r in enumerate(comparison.itertuples()):
        colour = GROUP_COLOURS[r.group]
        if r.high > r.low:
            ax.barh(i, r.high - r.low, left=r.low, color=colour, alpha=0.6, height=0.6)
            ax.text(
                r.high + 8,
                i,
                f"{style.fr(r.low, 0)}-{style.fr(r.high, 0)}",
                va="center",
                fontsize=9,
            )
        else:
            ax.plot(r.low, i, "o", color=colour)
            ax.text(r.low + 8, i, style.fr(r.low, 0), va="center", fontsize=9)
    # names on lines of 22 characters: the chart stays 5.2 in wide, readable on a phone
    ax.set_yticks(
        range(len(comparison)), [style.wrap_label(lab, 22) for lab in comparison["label"]]
    )
    ax.invert_yaxis()
    # room on the left for the lowest range and on the right for the range labels
    ax.set_xlim(comparison["low"].min() - 70, comparison["high"].max() + 160)
    ax.set_xlabel("Productible (kWh/kWc/an)")
    ax.set_title("Productible calculé et références publiées")
    style.french_axes(ax, y=False)
