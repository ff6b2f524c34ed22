"""Drawn diagrams of the circular-materials brief, each on a given matplotlib ``ax``.

The geometry comes from :mod:`qsp_lib.materials.study` (:func:`~.study.flow_diagram`):
this module only turns tonnes into patches and labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from qsp_lib.core import style
from qsp_lib.materials import model as materials
from qsp_lib.materials.wording import CATEGORY_LABELS_FR

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from qsp_lib.materials.study import FlowDiagram

#: One colour per legal category, in the order of :data:`qsp_lib.materials.model.CATEGORIES`.
ROUTE_COLORS = dict(zip(materials.CATEGORIES, style.PALETTE, strict=False))
#: Colour of the material blocks (the routes carry the colours).
MATERIAL_COLOR = "#555555"
#: Horizontal layout [axes data units]: left and right block edges, block width, limits.
X_LEFT, X_RIGHT, BLOCK_WIDTH = 0.0, 1.0, 0.06
XLIM = (-0.95, 1.95)
#: Characters per line of a block's label (name and tonnes), for a 5.2 in wide figure.
LABEL_WRAP = 20
#: Font size of the block labels [pt].
LABEL_PT = 9.0


def _ribbon_path(left_top: float, right_top: float, t: float):
    """A ribbon of height ``t`` from the left blocks to the right ones: two cubic Bézier
    edges whose control points sit half way, so it leaves and enters horizontally."""
    from matplotlib.path import Path

    x0, x1, mid = X_LEFT, X_RIGHT, (X_LEFT + X_RIGHT) / 2
    ya, yb = left_top, right_top
    verts = [
        (x0, ya),
        (mid, ya),
        (mid, yb),
        (x1, yb),
        (x1, yb - t),
        (mid, yb - t),
        (mid, ya - t),
        (x0, ya - t),
        (x0, ya),
    ]
    codes = [Path.MOVETO] + [Path.CURVE4] * 3 + [Path.LINETO] + [Path.CURVE4] * 3
    return Path(verts, [*codes, Path.CLOSEPOLY])


def flow_diagram(
    ax: Axes,
    diagram: FlowDiagram,
    material_labels: Mapping[str, str],
    route_labels: Mapping[str, str] = CATEGORY_LABELS_FR,
) -> None:
    """Draw the materials-to-routes diagram (a Sankey diagram in two columns) on ``ax``.

    Materials on the left, in grey, labelled with their mass; legal categories on the right
    (réemploi, recyclage, remblayage, valorisation énergétique, élimination), one colour
    each; ribbons in the colour of their category.

    Parameters
    ----------
    ax : matplotlib Axes
        Where to draw; its limits are set and its frame hidden.
    diagram : FlowDiagram
        :func:`qsp_lib.materials.study.flow_diagram` (heights in tonnes).
    material_labels : mapping
        French name of each material of ``diagram.materials`` (``"other"`` included).
    route_labels : mapping
        French name of each legal category.
    """
    from matplotlib.patches import PathPatch, Rectangle

    w = BLOCK_WIDTH
    ax.set_xlim(*XLIM)
    ax.set_ylim(*diagram.ylim)
    for _, row in diagram.materials.iterrows():
        ax.add_patch(Rectangle((X_LEFT - w, row.top - row.t), w, row.t, color=MATERIAL_COLOR))
    for r, row in diagram.routes.iterrows():
        ax.add_patch(Rectangle((X_RIGHT, row.top - row.t), w, row.t, color=ROUTE_COLORS[r]))
    for blocks, names, x, ha in (
        (diagram.materials, material_labels, X_LEFT - w - 0.01, "right"),
        (diagram.routes, route_labels, X_RIGHT + w + 0.01, "left"),
    ):
        labels = [
            style.wrap_label(
                style.fmt("{name} ({t:n0}\u00a0t)", name=names[k], t=row.t), LABEL_WRAP
            )
            for k, row in blocks.iterrows()
        ]
        centres = (blocks["top"] - blocks["t"] / 2).to_numpy()
        for label, centre, y in zip(labels, centres, _spread(ax, centres, labels), strict=True):
            ax.text(x, y, label, ha=ha, va="center", fontsize=LABEL_PT, linespacing=1.1)
            if abs(y - centre) > 1e-9:  # moved off its block: a leader line to it
                ax.plot(
                    [x, x - 0.01 if ha == "left" else x + 0.01],
                    [y, centre],
                    color="#999999",
                    lw=0.6,
                )
    for rb in diagram.ribbons.itertuples():
        path = _ribbon_path(rb.left_top, rb.right_top, rb.t)
        ax.add_patch(
            PathPatch(path, facecolor=ROUTE_COLORS[rb.route], alpha=0.45, edgecolor="none")
        )
    ax.axis("off")


def _spread(ax, centres, labels) -> list[float]:
    """Heights [t] of ``labels`` centred on ``centres`` (top to bottom), moved apart just
    enough that no two overlap at :data:`LABEL_PT` on ``ax`` as sized now (small blocks
    are closer than a line of text)."""
    lo, hi = ax.get_ylim()
    height_px = ax.get_window_extent().height or 1.0
    per_line = 1.1 * 1.2 * LABEL_PT * ax.figure.dpi / 72 * (hi - lo) / height_px
    halves = [per_line * (label.count("\n") + 1) / 2 for label in labels]
    order = sorted(range(len(centres)), key=lambda i: -centres[i])
    ys = [float(c) for c in centres]
    for a, b in zip(order, order[1:], strict=False):  # downwards: below the one above
        ys[b] = min(ys[b], ys[a] - halves[a] - halves[b])
    bottom = lo + halves[order[-1]] if order else lo
    if order and ys[order[-1]] < bottom:  # past the bottom: back up from there
        ys[order[-1]] = bottom
        for a, b in zip(order[::-1], order[-2::-1], strict=False):
            ys[b] = max(ys[b], ys[a] + halves[a] + halves[b])
    return ys
