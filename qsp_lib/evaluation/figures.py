"""Drawn diagrams of the ``evaluation_indicators`` brief, each on a given matplotlib ``ax``.

The notebook creates the figure (size, panels), calls one of these functions, adds the source
line and shows it. Colours come from the house palette (:data:`qsp_lib.core.style.PALETTE`,
colour-blind safe); labels are French with units.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import numpy as np

from qsp_lib.core import style

if TYPE_CHECKING:
    import pandas as pd

    from qsp_lib.evaluation.model.acoustics import BermGeometry
    from qsp_lib.evaluation.study import BermCurves

#: Margin [m] drawn beyond the farthest of the reference receiver and the berm's far foot.
SECTION_MARGIN_M = 60.0
#: Height [m] of the façade lines above each receiver, and head room above the drawing.
FACADE_TOP_M, HEAD_ROOM_M = 3.0, 3.0
#: Margin [m] beyond the farthest zone or receiver in the plan view.
PLAN_MARGIN_M = 40.0
#: Traffic-light colours (Okabe-Ito: green, sky blue, vermillion, grey) per status.
STATUS_COLOURS = {
    "atteint": "#009E73",
    "en bonne voie": "#56B4E9",
    "en retard": "#D55E00",
    "sans donnée": "#999999",
    "non atteint": "#D55E00",
    "non mesuré": "#999999",
}
#: Characters per line of an indicator's name in the indicator grid.
INDICATOR_WRAP = 30


def noise_band_bars(ax, bands: pd.DataFrame, name: str) -> None:
    """Inhabitants per noise band, before and after, as paired horizontal bars.

    Parameters
    ----------
    ax : matplotlib Axes
    bands : DataFrame
        :func:`.study.noise_bands`: band labels as index, ``before`` and ``after``
        [inhabitants].
    name : str
        Indicator shown in the title ("Lden", "Lnight").
    """
    from matplotlib.ticker import MaxNLocator

    y = np.arange(len(bands))
    ax.barh(y - 0.2, bands["before"], height=0.4, color=style.PALETTE[5], label="Avant")
    ax.barh(y + 0.2, bands["after"], height=0.4, color=style.PALETTE[0], label="Après")
    ax.set_yticks(y, bands.index)
    ax.invert_yaxis()
    ax.set_xlabel("Habitants")
    ax.set_title(name)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))  # no crowding at 5.2 in
    style.french_axes(ax, y=False)


def section_extent_m(geometry: BermGeometry, receiver_distance_m: float) -> float:
    """Right end [m] of the cross-section: the farthest of the reference receiver and the
    berm's far foot, plus :data:`SECTION_MARGIN_M`."""
    return max(receiver_distance_m, geometry.far_foot_m) + SECTION_MARGIN_M


def berm_section(
    ax,
    geometry: BermGeometry,
    exposure: pd.DataFrame,
    receiver_distance_m: float,
    receiver_height_m: float,
    source_height_m: float,
) -> None:
    """Cross-section of the road, the berm, the zones' façades and the line of sight to the
    reference receiver, to scale.

    Parameters
    ----------
    ax : matplotlib Axes
    geometry : BermGeometry
        Cross-section of the berm [m].
    exposure : DataFrame
        Zones with ``distance_to_road_m`` and ``receiver_height_m`` [m].
    receiver_distance_m, receiver_height_m : float
        Reference receiver's distance to the road axis and height [m].
    source_height_m : float
        Height of the equivalent road source [m].
    """
    bx, by = geometry.outline()
    x_max = section_extent_m(geometry, receiver_distance_m)
    ax.fill(bx, by, color=style.PALETTE[2], alpha=0.6, label="Butte")
    ax.plot([0, 0], [0, source_height_m], color="black", lw=3)
    ax.annotate("A25", (0, source_height_m), xytext=(2, 3), textcoords="offset points")
    facades = exposure[exposure["distance_to_road_m"] <= x_max]
    for x, h in zip(facades["distance_to_road_m"], facades["receiver_height_m"], strict=True):
        ax.plot([x, x], [0, h + FACADE_TOP_M], color="#777777", lw=2)
        ax.plot(x, h, "o", color=style.PALETTE[5], ms=4)
    ax.plot(
        [0, receiver_distance_m],
        [source_height_m, receiver_height_m],
        ls=":",
        color=style.PALETTE[0],
        label="Ligne de vue route → récepteur de référence",
    )
    ax.plot(receiver_distance_m, receiver_height_m, "s", color=style.PALETTE[0])
    ax.axhline(0, color="black", lw=0.8)
    ax.set_aspect("equal")
    ax.set_xlim(-5, x_max)
    tallest = np.nanmax(np.r_[0.0, facades["receiver_height_m"]]) + FACADE_TOP_M
    ax.set_ylim(0, max(geometry.height_m, tallest) + HEAD_ROOM_M)
    ax.set_xlabel("Distance à l'axe de la route (m)")
    ax.set_ylabel("Hauteur (m)")
    ax.set_title(
        style.fmt("Coupe à l'échelle, jusqu'à {x:n0} m de la route (points : récepteurs)", x=x_max)
    )
    # under the drawing: inside, it would cover the berm or the receivers
    style.legend_below(ax.figure, *ax.get_legend_handles_labels(), ncol=2)
    style.french_axes(ax)


def berm_plan(
    ax,
    geometry: BermGeometry,
    length_m: float,
    exposure: pd.DataFrame,
    receiver_distance_m: float,
    receiver_offset_m: float,
    screened_share: float,
) -> None:
    """Plan view: the road, the berm of finite length and the angle under which it hides
    the road from the reference receiver (rays through the ends of the crest line).

    Parameters
    ----------
    ax : matplotlib Axes
    geometry : BermGeometry
        Cross-section of the berm [m].
    length_m : float
        Length of the berm along the road [m] (finite).
    exposure : DataFrame
        Zones with ``distance_to_road_m`` and ``offset_along_berm_m`` [m].
    receiver_distance_m, receiver_offset_m : float
        Reference receiver's distance to the road axis and offset along the berm [m].
    screened_share : float
        Share of the road's energy hidden at the receiver [-] (legend).

    References
    ----------
    ISO 9613-2:1996 §4 (road split into point sources; a segment is screened when its path
    crosses the berm).
    """
    half = length_m / 2.0
    ref_x = -receiver_offset_m
    y_top = max(exposure["distance_to_road_m"].max(), receiver_distance_m) + PLAN_MARGIN_M
    # the rays through the ends of the crest line reach the road further out
    crest = (geometry.near_edge_m + geometry.far_edge_m) / 2.0
    stretch = receiver_distance_m / (receiver_distance_m - crest)
    hits = [ref_x + (end - ref_x) * stretch for end in (-half, half)]
    reach = max(*map(abs, hits), abs(ref_x)) + y_top
    ax.fill(
        [ref_x, *hits],
        [receiver_distance_m, 0.0, 0.0],
        color=style.PALETTE[0],
        alpha=0.15,
        label=style.fmt("Part de l'A25 masquée : {s:%0}", s=screened_share),
    )
    ax.fill_between(
        [-half, half],
        geometry.distance_to_road_m,
        geometry.far_foot_m,
        color=style.PALETTE[2],
        alpha=0.6,
        label=style.fmt("Butte ({length:n0} m)", length=length_m),
    )
    ax.plot([-reach, reach], [0, 0], color="black", lw=3)
    ax.annotate("A25", (-reach, 0), xytext=(2, 4), textcoords="offset points")
    for hit in hits:
        ax.plot([ref_x, hit], [receiver_distance_m, 0], color=style.PALETTE[0])
    ax.plot(
        -exposure["offset_along_berm_m"].fillna(0.0),
        exposure["distance_to_road_m"],
        "o",
        color=style.PALETTE[5],
        ms=4,
        label="Zones",
    )
    ax.plot(ref_x, receiver_distance_m, "s", color=style.PALETTE[0], label="Récepteur de référence")
    ax.set_aspect("equal")
    ax.set_xlim(-reach, reach)
    ax.set_ylim(-20, y_top)
    ax.set_xlabel("Position le long de l'A25 (m)")
    ax.set_ylabel("Distance à l'axe (m)")
    ax.set_title("Vue en plan : angle sous lequel la butte masque l'A25")
    style.legend_below(ax.figure, *ax.get_legend_handles_labels(), ncol=2, wrap=30)
    style.french_axes(ax)


def berm_gain_curves(axes, curves: BermCurves, length_m: float, receiver_height_m: float) -> None:
    """Insertion loss of the berm against the receiver's distance (left) and height (right).

    Parameters
    ----------
    axes : pair of matplotlib Axes
        Distance panel, height panel (one above the other for a phone-wide figure); each
        gets its legend at its right.
    curves : BermCurves
        :func:`.study.berm_curves`.
    length_m : float
        Length of the berm [m]; when finite, the change of the whole road for a berm of
        this length is drawn dashed at ``receiver_height_m`` [m].
    receiver_height_m : float
        Height of the dashed curve [m].

    References
    ----------
    ISO 9613-2:1996, §7.4; CRTN (1988), chart 10.
    """
    for i, h in enumerate(curves.heights):
        sub = curves.grid[curves.grid["height_m"] == h]
        axes[0].plot(
            sub["distance_m"],
            sub["insertion_loss_dba"],
            color=style.PALETTE[i],
            label=style.fmt("{h:n1} m", h=h),
        )
    for i, d in enumerate(curves.sample_distances):
        sub = curves.grid_h[curves.grid_h["distance_m"] == d]
        axes[1].plot(
            sub["height_m"],
            sub["insertion_loss_dba"],
            color=style.PALETTE[i],
            label=style.fmt("{d:n0} m", d=d),
        )
    if np.isfinite(length_m):
        axes[0].plot(
            curves.distances,
            curves.finite_change,
            color="black",
            ls="--",
            label=style.fmt(
                "A25 entière, butte de {length:n0} m ({h:n1} m)",
                length=length_m,
                h=receiver_height_m,
            ),
        )
    axes[0].set_xlabel("Distance du récepteur à l'axe (m)")
    axes[0].set_ylabel("Gain sur l'A25 masquée (dB(A))")
    axes[0].set_title("Selon la distance")
    axes[1].set_xlabel("Hauteur du récepteur (m)")
    axes[1].set_ylabel("Gain (dB(A))")
    axes[1].set_title("Selon la hauteur")
    for ax, title in ((axes[0], "Hauteur"), (axes[1], "Distance")):
        handles, labels = ax.get_legend_handles_labels()
        ax.legend(
            handles,
            [style.wrap_label(lab, 16) for lab in labels],
            title=title,
            loc="upper left",
            bbox_to_anchor=(1.02, 1.0),
            fontsize=style.MIN_FONT_PT,
        )
    axes[0].set_ylim(bottom=0)
    for ax in axes:
        style.french_axes(ax)


def indicator_grid_height_in(n_indicators: int) -> float:
    """Height [in] of the indicator grid: one row of 0.62 in per indicator, 0.6 in of
    titles."""
    return 0.62 * n_indicators + 0.6


def indicator_grid(axes, framework: pd.DataFrame, status: pd.DataFrame) -> None:
    """One row per indicator: its status light, name and status (left), its trajectory
    from baseline to target (dashed), observations and target (star) (right).

    Parameters
    ----------
    axes : 2-D array of matplotlib Axes
        One row per indicator, two columns.
    framework : DataFrame
        :attr:`.study.Evaluation.framework` (baseline, target, observations).
    status : DataFrame
        :attr:`.study.Evaluation.status` (``status`` per indicator, same order).
    """
    axes = np.atleast_2d(axes)  # one indicator: subplots gives a single row
    for i, (row, st) in enumerate(zip(framework.itertuples(), status.itertuples(), strict=True)):
        colour = STATUS_COLOURS[st.status]
        _indicator_label(axes[i][0], row.indicator, st.status, colour)
        _indicator_trajectory(axes[i][1], row, colour)
    axes[0][1].set_title("Trajectoire", fontsize=9, loc="left")
    axes[0][0].set_title("Indicateur et statut", fontsize=9, loc="left")


def _indicator_label(ax, name: str, status: str, colour: str) -> None:
    ax.axis("off")
    ax.scatter([0.02], [0.5], s=140, color=colour, transform=ax.transAxes)
    wrapped = "\n".join(textwrap.wrap(name, INDICATOR_WRAP))
    ax.text(0.07, 0.5, wrapped, va="center", fontsize=9, transform=ax.transAxes)
    ax.text(
        1.0,
        0.5,
        status,
        va="center",
        ha="right",
        fontsize=9,
        fontweight="bold",
        color=colour,
        transform=ax.transAxes,
    )


def _indicator_trajectory(ax, row, colour: str) -> None:
    years = [row.baseline_year, row.target_year]
    ax.plot(years, [row.baseline_value, row.target_value], ls="--", color="#999999", lw=1)
    obs = sorted(row.observations.items())
    ax.plot(
        [row.baseline_year] + [y for y, _ in obs],
        [row.baseline_value] + [v for _, v in obs],
        marker="o",
        ms=3,
        color=colour,
        lw=1.5,
    )
    ax.plot(row.target_year, row.target_value, marker="*", ms=8, color="black")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
