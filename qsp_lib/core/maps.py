"""Maps of the district for the briefs, drawn offline from ``site.geojson``.

No tile server and no network: footprints, zones, the berm and the roads come from the
site's geometry (:mod:`qsp_lib.core.geometry`), in its local metric frame (east, north) [m],
so north is up and one unit is one metre. Every map carries a scale bar, a north arrow, a
legend, the house style and the Okabe & Ito colour-blind-safe palette
(:data:`qsp_lib.core.style.PALETTE`; sequential values in ``cividis``), the source of the
drawing and, when the drawing is declared ``illustrative``, the mark « Schéma illustratif ».

Each map function takes the site model, the site's geometry (None when the site has none)
and the figures the notebook already has, and returns a matplotlib Figure, or None when the
site has no geometry: :func:`show` then writes in the brief that a map needs ``site.geojson``.

Map artists carry a ``gid`` (:data:`SCALE_BAR`, :data:`NORTH_ARROW`,
:data:`ILLUSTRATIVE_MARK`) so tests can find them.

References
----------
Okabe, M. & Ito, K. (2008). *Color Universal Design (CUD): how to make figures and
presentations that are friendly to colorblind people*. J*Fly.
Nuñez, J. R., Anderton, C. R. & Renslow, R. S. (2018). Optimizing colormaps with
consideration for color vision deficiency (cividis). *PLoS ONE* 13(7): e0199239.
WHO Regional Office for Europe (2018). *Environmental Noise Guidelines for the European
Region* (road traffic Lden guideline 53 dB).
Directive 2002/49/EC, annex VI (Lden bands of strategic noise maps, 5 dB wide from 55 dB).
"""

from __future__ import annotations

import math
import textwrap
from typing import Any

from qsp_lib.core import style

#: gid of the map artists, for tests and for readers of the SVG.
SCALE_BAR = "scale_bar"
NORTH_ARROW = "north_arrow"
ILLUSTRATIVE_MARK = "illustrative_mark"

#: What a brief says where a map would stand when the site has no geometry.
NO_MAP_FR = (
    "Pas de carte pour ce site : une carte du quartier demande son plan, le fichier "
    "site.geojson (emprises des bâtiments, zones d'habitation, butte et routes), que le "
    "service SIG de la ville ou de la métropole peut exporter. Les chiffres de cette note "
    "n'en dépendent pas."
)

#: Fate of a building under an option -> (colour, French label); Okabe & Ito.
FATES = {
    "keep": ("#999999", "Conservé en l'état"),
    "rehabilitate": (style.PALETTE[0], "Réhabilité"),
    "demolish": (style.PALETTE[5], "Démoli"),
    "new": (style.PALETTE[2], "Construit (lot)"),
}
BERM_COLOUR = style.PALETTE[1]
ROAD_COLOUR = "#555555"
ZONE_EDGE = "#333333"

#: Colours of successive demolition periods (Okabe & Ito, the berm's orange left out).
PHASES = [style.PALETTE[i] for i in (5, 0, 3, 4, 2, 6, 7)]

#: Lden bands [dB]: the WHO guideline (53 dB) then the 5 dB bands of Directive 2002/49/EC.
LDEN_BANDS = ((None, 53), (53, 55), (55, 60), (60, 65), (65, 70), (70, None))

#: The house's figure width [in] and the largest height of the map panels [in].
#: Drawn at a phone's column width (5.2 in), type of 8.5 pt or more: readable at 390 px.
WIDTH_IN = 5.2
MAX_PANEL_HEIGHT_IN = 5.5


# ------------------------------------------------------------------ brief glue
def show(fig: Any) -> None:
    """Show a map in the brief, or say why there is none (``fig`` None)."""
    if fig is None:
        from qsp_lib.core import brief

        brief.say(NO_MAP_FR)
        return
    import matplotlib.pyplot as plt

    plt.show()


# ------------------------------------------------------------------ common pieces
def _figure(
    geo: Any,
    ncols: int = 1,
    nrows: int = 1,
    *,
    source: str = "",
    legend_rows: int = 1,
    title_lines: int = 1,
    limits: tuple[float, float, float, float] | None = None,
):
    """A figure of ``ncols`` x ``nrows`` map panels at the drawing's aspect, laid out by hand
    (equal-aspect maps waste space under constrained layout): titles above each panel, then
    under the panels one band for the legend (:func:`_legend`) and one for the source line.

    Returns
    -------
    fig, axes
        ``fig.qsp_legend_y`` holds the legend's anchor height (figure fraction).
    """
    import matplotlib.pyplot as plt

    x0, y0, x1, y1 = limits or _limits(geo)
    aspect = (y1 - y0) / (x1 - x0)
    gap = 0.1
    lines = textwrap.wrap(source, 78)  # 8.5 pt on 5.2 in
    panel_w = (WIDTH_IN - gap * (ncols - 1)) / ncols
    panel_h = min(panel_w * aspect, MAX_PANEL_HEIGHT_IN / nrows)
    panel_w = min(panel_w, panel_h / aspect)
    title_h = 0.12 + 0.2 * title_lines
    source_h = 0.05 + 0.16 * len(lines)
    bottom = source_h + 0.1 + 0.24 * legend_rows
    height = nrows * (panel_h + title_h) + bottom
    fig = plt.figure(figsize=(WIDTH_IN, height), layout="none")
    left0 = (WIDTH_IN - ncols * panel_w - gap * (ncols - 1)) / 2
    axes = []
    for r in range(nrows):
        for c in range(ncols):
            ax = fig.add_axes(
                [
                    (left0 + c * (panel_w + gap)) / WIDTH_IN,
                    (bottom + (nrows - 1 - r) * (panel_h + title_h)) / height,
                    panel_w / WIDTH_IN,
                    panel_h / height,
                ]
            )
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_aspect("equal", adjustable="datalim")
            ax.set_axis_off()
            axes.append(ax)
    if lines:
        fig.text(
            0.0,
            0.02 / height,
            "\n".join(lines),
            ha="left",
            va="bottom",
            fontsize=8.5,
            color="#555555",
            linespacing=1.25,
        )
    fig.qsp_legend_y = (source_h + 0.05) / height
    return fig, axes


def _limits(geo: Any, margin: float = 0.1) -> tuple[float, float, float, float]:
    """The district's extent: its buildings, zones and berm, roads cut at the margin."""
    from shapely.ops import unary_union

    areas = [e.shape for e in geo.elements if e.kind != "road"] or [e.shape for e in geo.elements]
    x0, y0, x1, y1 = unary_union(areas).bounds
    pad = margin * max(x1 - x0, y1 - y0)
    return x0 - pad, y0 - pad, x1 + pad, y1 + pad


def nice_length_m(width_m: float) -> float:
    """A round scale-bar length near a fifth of the map's width [m] (1, 2, 2.5 or 5 x 10^k).

    References
    ----------
    Cartographic convention: round scale-bar lengths (Robinson et al., *Elements of
    Cartography*, 6th ed., 1995, ch. 2).
    """
    target = max(width_m / 5, 1e-9)
    power = 10 ** math.floor(math.log10(target))
    return max(m * power for m in (1, 2, 2.5, 5) if m * power <= target)


def scale_bar(ax: Any) -> Any:
    """A scale bar (lower right) on a map in metres; returns the artist."""
    from mpl_toolkits.axes_grid1.anchored_artists import AnchoredSizeBar

    x0, x1 = ax.get_xlim()
    length = nice_length_m(x1 - x0)
    label = style.fr(length / 1000, 1, "km") if length >= 1000 else style.fr(length, 0, "m")
    bar = AnchoredSizeBar(
        ax.transData,
        length,
        label,
        loc="lower right",
        frameon=True,
        size_vertical=(x1 - x0) / 250,
        color="#222222",
        fontproperties={"size": 8.5},
        pad=0.2,
        borderpad=0.3,
    )
    bar.patch.set(facecolor="white", edgecolor="none", alpha=0.85)
    bar.set_gid(SCALE_BAR)
    ax.add_artist(bar)
    return bar


def north_arrow(ax: Any) -> Any:
    """A north arrow (upper right; the local frame's y axis points north)."""
    arrow = ax.annotate(
        "N",
        xy=(0.96, 0.97),
        xytext=(0.96, 0.84),
        xycoords="axes fraction",
        textcoords="axes fraction",
        ha="center",
        va="center",
        fontsize=9,
        fontweight="bold",
        arrowprops={"arrowstyle": "-|>", "color": "#222222", "lw": 1.2},
    )
    arrow.set_gid(NORTH_ARROW)
    return arrow


def _mark(ax: Any, geo: Any) -> None:
    if geo.illustrative:
        ax.text(
            0.01,
            0.99,
            "Schéma illustratif",
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=8.5,
            style="italic",
            color="#333333",
            bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "#999999", "lw": 0.6},
            gid=ILLUSTRATIVE_MARK,
            zorder=10,
        )


def _source_text(geo: Any, extra: str = "") -> str:
    """Source line: the drawing's source and status, elements without a drawing."""
    status = {
        "illustrative": "schéma illustratif, emplacements approximatifs",
        "estimated": "plan estimé",
        "sourced": "plan sourcé",
    }[geo.status]
    text = f"Plan : {geo.source or geo.path.name} ({status}). Carte tracée sans fond de plan."
    missing = [i for ids in geo.missing.values() for i in ids]
    if missing:
        text += f" Sans tracé dans le plan : {', '.join(missing)}."
    return f"{text} {extra}".strip()


def _patches(ax: Any, shape: Any, **kw: Any) -> None:
    """Draw a (multi)polygon or (multi)line of shapely on ``ax``."""
    from matplotlib.patches import Polygon as MplPolygon

    kind = shape.geom_type
    if kind in ("Polygon", "MultiPolygon"):
        polys = [shape] if kind == "Polygon" else list(shape.geoms)
        line_kw = {k: v for k, v in kw.items() if k != "label"}
        for i, poly in enumerate(polys):
            ax.add_patch(
                MplPolygon(
                    list(poly.exterior.coords),
                    closed=True,
                    **(kw if i == 0 else line_kw),
                )
            )
    elif kind in ("LineString", "MultiLineString"):
        lines = [shape] if kind == "LineString" else list(shape.geoms)
        for line in lines:
            x, y = line.xy
            ax.plot(x, y, **{k: v for k, v in kw.items() if k in ("color", "lw", "zorder")})


def _roads(ax: Any, geo: Any, model: Any, labels: bool = True) -> None:
    names = {r.id: r.name for r in model.roads.items} if model.roads is not None else {}
    for ident, shape in geo.of("road").items():
        _patches(ax, shape, color=ROAD_COLOUR, lw=2.2 if ident == "a25" else 1.4, zorder=1)
        if labels and shape.geom_type == "LineString":
            _line_label(ax, shape, names.get(ident, ident))


def _line_label(ax: Any, line: Any, text: str) -> None:
    """A road's name along it, at its point nearest the map's centre (so it stays in view)."""
    from shapely.geometry import Point

    centre = Point(sum(ax.get_xlim()) / 2, sum(ax.get_ylim()) / 2)
    at = min(max(line.project(centre, normalized=True), 0.1), 0.9)
    p = line.interpolate(at, normalized=True)
    q = line.interpolate(at + 0.02, normalized=True)
    angle = math.degrees(math.atan2(q.y - p.y, q.x - p.x))
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    ax.text(
        p.x,
        p.y,
        text,
        rotation=angle,
        rotation_mode="anchor",
        fontsize=8.5,
        color=ROAD_COLOUR,
        ha="center",
        va="bottom",
        zorder=6,
        clip_on=True,
        bbox={"fc": "white", "ec": "none", "alpha": 0.7, "pad": 0.5},
    )


def _berm(ax: Any, geo: Any, alpha: float = 0.35) -> None:
    for shape in geo.of("berm").values():
        _patches(ax, shape, fc=BERM_COLOUR, ec=BERM_COLOUR, alpha=alpha, lw=0.8, zorder=2)


def _zones(ax: Any, geo: Any) -> None:
    """Residential zones as light dotted areas (context)."""
    for shape in geo.of("zone").values():
        _patches(ax, shape, fc="#F2F2F2", ec="#777777", lw=0.6, ls=":", zorder=1)


def _finish(ax: Any) -> None:
    """Scale bar and north arrow on ``ax``."""
    scale_bar(ax)
    north_arrow(ax)


def _handles(entries: list[tuple[str, dict]]) -> list:
    from matplotlib.patches import Patch

    return [Patch(label=label, **kw) for label, kw in entries]


def _legend(fig: Any, handles: list, ncol: int | None = None, title: str | None = None) -> Any:
    """The map's legend, centred in the band :func:`_figure` keeps under the panels."""
    return fig.legend(
        title=title,
        title_fontsize=8.5,
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, fig.qsp_legend_y),
        ncol=ncol or min(len(handles), 4),
        fontsize=8.5,
        frameon=False,
        handlelength=1.6,
        columnspacing=1.2,
    )


def _legend_rows(n: int, ncol: int) -> int:
    return math.ceil(n / ncol)


# ------------------------------------------------------------------ the maps
def _fate_handles(geo: Any, zones: bool = False) -> list:
    return _handles(
        [(label, {"fc": c, "ec": "white"}) for f, (c, label) in FATES.items() if f != "new"]
        + [(FATES["new"][1], {"fc": "none", "ec": FATES["new"][0], "hatch": "////"})]
        + ([("Zone d'habitation", {"fc": "#F2F2F2", "ec": "#777777", "ls": ":"})] if zones else [])
        + ([("Butte", {"fc": BERM_COLOUR, "alpha": 0.45})] if geo.of("berm") else [])
    )


def _buildings_by_fate(ax: Any, model: Any, geo: Any, option: str) -> None:
    shapes = geo.of("building")
    for building, works in model.buildings_under(option):
        shape = shapes.get(building.id)
        if shape is None:
            continue
        colour, _ = FATES[works.fate]
        if works.fate == "new":  # under the buildings it replaces, which stay visible
            _patches(ax, shape, fc="white", ec=colour, hatch="////", lw=0.8, zorder=2.5)
        else:
            _patches(ax, shape, fc=colour, ec="white", lw=0.3, zorder=3)


def fates(model: Any, geo: Any) -> Any:
    """Buildings coloured by their fate under each option (one panel per option).

    Parameters
    ----------
    model : qsp_lib.core.site.SiteModel
    geo : qsp_lib.core.geometry.SiteGeometry or None

    Returns
    -------
    Figure or None
        None when the site has no geometry.
    """
    if geo is None:
        return None
    options = model.options.items
    ncols = min(len(options), 3)
    nrows = math.ceil(len(options) / ncols)
    # titles wrapped to their panel's width (9.5 pt: about 6 pt per character)
    chars = max(12, int(WIDTH_IN / ncols * 72 / 6.2))
    titles = ["\n".join(textwrap.wrap(o.name, chars)) for o in options]
    handles = _fate_handles(geo, zones=bool(geo.of("zone")))
    fig, axes = _figure(
        geo,
        ncols,
        nrows,
        source=_source_text(
            geo, "Lots neufs hachurés : emprise de la parcelle, le bâtiment n'est pas dessiné."
        ),
        legend_rows=_legend_rows(len(handles), 3),
        title_lines=max(t.count("\n") + 1 for t in titles),
    )
    for ax, option, title in zip(axes, options, titles, strict=False):
        _roads(ax, geo, model, labels=False)
        _zones(ax, geo)
        _berm(ax, geo, alpha=0.3)
        _buildings_by_fate(ax, model, geo, option.id)
        ax.set_title(title, fontsize=9.5)
    for ax in axes[len(options) :]:
        ax.set_visible(False)
    _mark(axes[0], geo)
    _finish(axes[-1] if len(options) == len(axes) else axes[0])
    _legend(fig, handles, ncol=3)
    return fig


def demolition_phases(model: Any, geo: Any, fill_balance: Any = None) -> Any:
    """Demolished buildings of the reference option coloured by their demolition years, and
    the flow of their materials to the berm's fill.

    Parameters
    ----------
    model : qsp_lib.core.site.SiteModel
    geo : qsp_lib.core.geometry.SiteGeometry or None
    fill_balance : DataFrame, optional
        Per option (``option``: id or name) the site's materials placed in the berm
        ``site_material_t`` [t] (the materials study's fill balance).

    Returns
    -------
    Figure or None
    """
    if geo is None:
        return None

    option = model.reference_option
    shapes = geo.of("building")
    demolished = model.buildings_under(option.id, "demolish")
    periods = sorted({(w.start_year, w.end_year) for _, w in demolished})
    colour = {p: PHASES[i % len(PHASES)] for i, p in enumerate(periods)}
    berm = list(geo.of("berm").values())
    flow = _fill_t(fill_balance, option)
    blocks = [shapes[b.id] for b, _ in demolished if b.id in shapes]
    arrow = bool(berm and blocks and flow)
    handles = _handles(
        [(_years(p), {"fc": colour[p]}) for p in periods]
        + [("Non démoli", {"fc": "#DDDDDD", "ec": "#AAAAAA"})]
        + (
            [("Zone d'habitation", {"fc": "#F2F2F2", "ec": "#777777", "ls": ":"})]
            if geo.of("zone")
            else []
        )
        + ([("Butte (remblai)", {"fc": BERM_COLOUR, "alpha": 0.45})] if berm else [])
    )
    fig, (ax,) = _figure(
        geo,
        source=_source_text(
            geo,
            "Années de travaux : modèle du site"
            + (" ; tonnage : bilan des matériaux de cette note." if arrow else "."),
        ),
        legend_rows=_legend_rows(len(handles), 3),
    )
    _roads(ax, geo, model)
    _zones(ax, geo)
    _berm(ax, geo, alpha=0.45)
    for building, works in model.buildings_under(option.id):
        shape = shapes.get(building.id)
        if shape is None or works.fate == "new":
            continue
        if works.fate == "demolish":
            fc, ec = colour[(works.start_year, works.end_year)], "white"
        else:
            fc, ec = "#DDDDDD", "#AAAAAA"
        _patches(ax, shape, fc=fc, ec=ec, lw=0.3, zorder=3)
    if arrow:
        from shapely.ops import unary_union

        start = unary_union(blocks).centroid
        end = berm[0].representative_point()
        ax.annotate(
            "",
            xy=(end.x, end.y),
            xytext=(start.x, start.y),
            arrowprops={
                "arrowstyle": "simple,head_width=1.2,head_length=1.0,tail_width=0.45",
                "fc": style.PALETTE[0],
                "ec": "white",
                "connectionstyle": "arc3,rad=0.35",
            },
            zorder=7,
        )
        ax.text(
            end.x,
            end.y - (ax.get_ylim()[1] - ax.get_ylim()[0]) * 0.1,
            style.fmt("{t:n0} t de matériaux des démolitions\nplacées dans la butte", t=flow),
            fontsize=8.5,
            ha="center",
            va="top",
            color=style.PALETTE[0],
            fontweight="bold",
            zorder=8,
            bbox={"fc": "white", "ec": "none", "alpha": 0.85, "pad": 1},
        )
    ax.set_title(f"Démolitions par période de travaux : {option.name}")
    _mark(ax, geo)
    _finish(ax)
    _legend(fig, handles, ncol=3)
    return fig


def _years(period: tuple[int, int]) -> str:
    start, end = period
    return f"Démoli en {start}" if start == end else f"Démoli de {start} à {end}"


def _fill_t(fill_balance: Any, option: Any) -> float | None:
    if fill_balance is None or not len(fill_balance):
        return None
    rows = fill_balance[fill_balance["option"].isin([option.id, option.name])]
    if not len(rows):
        return None
    value = float(rows["site_material_t"].iloc[0])
    return value if value > 0 else None


def band_of(lden_db: float) -> int:
    """Index in :data:`LDEN_BANDS` of a level [dB] (lower bound inclusive)."""
    for i, (low, high) in enumerate(LDEN_BANDS):
        if (low is None or lden_db >= low) and (high is None or lden_db < high):
            return i
    return len(LDEN_BANDS) - 1


def band_label(i: int) -> str:
    """French label of the Lden band ``i`` of :data:`LDEN_BANDS`."""
    low, high = LDEN_BANDS[i]
    if low is None:
        return f"moins de {high} dB"
    if high is None:
        return f"{low} dB et plus"
    return f"{low} à {high} dB"


def noise_zones(model: Any, geo: Any, exposure: Any) -> Any:
    """Residential zones coloured by their Lden band before and after the project, with
    their residents.

    Parameters
    ----------
    model : qsp_lib.core.site.SiteModel
    geo : qsp_lib.core.geometry.SiteGeometry or None
    exposure : DataFrame
        One row per zone: ``zone`` (id or name in ``site.yaml``), ``population``,
        ``lden_db`` and ``lden_after_db`` [dB].

    Returns
    -------
    Figure or None
    """
    if geo is None:
        return None
    import matplotlib as mpl

    cmap = mpl.colormaps["viridis_r"]
    colours = [cmap(0.05 + 0.9 * i / (len(LDEN_BANDS) - 1)) for i in range(len(LDEN_BANDS))]
    ids = {key: z.id for z in model.population.zones for key in (z.id, z.name)}
    rows = {ids[r["zone"]]: r for r in exposure.to_dict("records") if r["zone"] in ids}
    used = sorted(
        {band_of(float(r[c])) for r in rows.values() for c in ("lden_db", "lden_after_db")}
    )
    handles = _handles(
        [(band_label(i), {"fc": colours[i], "ec": ZONE_EDGE}) for i in used]
        + ([("Butte", {"fc": BERM_COLOUR, "alpha": 0.5})] if geo.of("berm") else [])
    )
    shared = len(_zone_parts(geo.of("zone"))) > len({id(s) for s in geo.of("zone").values()})
    fig, axes = _figure(
        geo,
        2,
        source=_source_text(
            geo,
            "Chiffre dans chaque zone : ses habitants (modèle du site). Niveaux : fichier "
            "d'exposition de la note"
            + (", et après projet l'effet calculé de la butte" if model.berm is not None else "")
            + ". Valeur guide de l'OMS pour le bruit routier : 53 dB Lden."
            + (
                " Zones des mêmes barres à des étages différents : emprise partagée en bandes."
                if shared
                else ""
            ),
        ),
        legend_rows=_legend_rows(len(handles), 3) + 1,
    )
    for ax, column, title in zip(
        axes, ("lden_db", "lden_after_db"), ("Avant le projet", "Après le projet"), strict=True
    ):
        _roads(ax, geo, model, labels=False)
        if column == "lden_after_db":  # the berm is part of the project
            _berm(ax, geo, alpha=0.6)
        for ident, shape in _zone_parts(geo.of("zone")):
            row = rows.get(ident)
            if row is None:
                continue
            band = band_of(float(row[column]))
            _patches(ax, shape, fc=colours[band], ec=ZONE_EDGE, lw=0.5, zorder=3)
            p = shape.representative_point()
            ax.text(
                p.x,
                p.y,
                style.fmt("{n:n0}", n=row["population"]),
                fontsize=8.5,
                ha="center",
                va="center",
                color="black" if band < 3 else "white",
                zorder=5,
            )
        ax.set_title(title, fontsize=10)
    _mark(axes[0], geo)
    _finish(axes[1])
    _legend(fig, handles, ncol=3, title="Niveau de bruit Lden de la zone, toutes sources")
    return fig


def _zone_parts(zones: dict[str, Any]) -> list[tuple[str, Any]]:
    """Zones as (id, shape); zones drawn on the same footprint (the floors of one block)
    share it in strips across its length so each keeps its colour."""
    from shapely import affinity
    from shapely.geometry import box

    groups: list[list[str]] = []
    for ident, shape in zones.items():
        for group in groups:
            if zones[group[0]].equals(shape):
                group.append(ident)
                break
        else:
            groups.append([ident])
    parts = []
    for group in groups:
        shape = zones[group[0]]
        if len(group) == 1:
            parts.append((group[0], shape))
            continue
        angle, centre = _long_axis(shape)
        flat = affinity.rotate(shape, -angle, origin=centre)
        x0, y0, x1, y1 = flat.bounds
        step = (x1 - x0) / len(group)
        for i, ident in enumerate(group):
            piece = flat.intersection(box(x0 + i * step, y0, x0 + (i + 1) * step, y1))
            parts.append((ident, affinity.rotate(piece, angle, origin=centre)))
    return parts


def _long_axis(shape: Any) -> tuple[float, Any]:
    """Angle of the long side of the shape's minimum rotated rectangle [deg] and its centre."""
    coords = list(shape.minimum_rotated_rectangle.exterior.coords)
    edges = [(coords[i], coords[i + 1]) for i in range(2)]
    (ax_, ay), (bx, by) = max(edges, key=lambda e: math.dist(*e))
    return math.degrees(math.atan2(by - ay, bx - ax_)), shape.centroid


def pv_faces(model: Any, geo: Any, arrays: Any) -> Any:
    """The berm's faces carrying PV, coloured by specific yield, with their azimuth.

    Parameters
    ----------
    model : qsp_lib.core.site.SiteModel
    geo : qsp_lib.core.geometry.SiteGeometry or None
    arrays : DataFrame
        One row per PV array: ``face`` (id of ``berm.faces`` or None), ``name``,
        ``surface_azimuth_deg`` [°], ``peak_power_kwp`` [kWp],
        ``specific_yield_kwh_per_kwp`` [kWh/kWp].

    Returns
    -------
    Figure or None
        None without geometry; without arrays on the berm's faces, the berm alone.
    """
    if geo is None:
        return None
    import matplotlib as mpl

    faces = geo.of("pv_face")
    berm = list(geo.of("berm").values())
    on_faces = arrays[arrays["face"].isin(list(faces))]
    limits = None
    if berm:  # the berm and its surroundings
        x0, y0, x1, y1 = berm[0].bounds
        pad = 0.12 * max(x1 - x0, y1 - y0)
        limits = (x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    handles = _handles(
        [("Face sans panneaux", {"fc": "none", "ec": BERM_COLOUR, "ls": "--"})]
        + [("Bâtiment", {"fc": "#E5E5E5", "ec": "#BBBBBB"})]
    )
    fig, (ax,) = _figure(
        geo,
        source=_source_text(
            geo,
            "Productible : calcul de cette note (année type) ; azimuts : champs de la note, "
            "faces de la butte du modèle du site.",
        ),
        limits=limits,
        legend_rows=2,  # the colour bar's label sits just above the legend
    )
    _roads(ax, geo, model)
    for shape in geo.of("building").values():
        _patches(ax, shape, fc="#E5E5E5", ec="#BBBBBB", lw=0.3, zorder=1)
    _berm(ax, geo, alpha=0.15)
    weights = on_faces["peak_power_kwp"].to_numpy()
    yields = (
        (on_faces.assign(w=on_faces["specific_yield_kwh_per_kwp"] * weights))
        .groupby("face")[["w", "peak_power_kwp"]]
        .sum()
        .pipe(lambda t: t["w"] / t["peak_power_kwp"])
        .to_dict()
    )
    cmap = mpl.colormaps["cividis"]
    low, high = (min(yields.values()), max(yields.values())) if yields else (0.0, 1.0)
    norm = mpl.colors.Normalize(low - 50, high + 50)
    for ident, shape in faces.items():
        if ident in yields:
            _patches(ax, shape, fc=cmap(norm(yields[ident])), ec="white", lw=0.6, zorder=3)
        else:
            _patches(ax, shape, fc="none", ec=BERM_COLOUR, lw=0.9, ls="--", zorder=3)
    xspan = ax.get_xlim()[1] - ax.get_xlim()[0]
    for k, (ident, group) in enumerate(on_faces.groupby("face", sort=False)):
        p = faces[ident].representative_point()
        azimuth = float(group["surface_azimuth_deg"].iloc[0])
        dx = xspan * 0.06 * math.sin(math.radians(azimuth))
        dy = xspan * 0.06 * math.cos(math.radians(azimuth))
        ax.annotate(
            "",
            xy=(p.x + dx, p.y + dy),
            xytext=(p.x, p.y),
            arrowprops={"arrowstyle": "-|>", "color": "#222222", "lw": 1.3},
            zorder=6,
        )
        kwp = group["peak_power_kwp"].sum()
        text = style.fmt(
            "{name}\nazimut {az:n0}°, {kwp:n0} kWc, {sy:n0} kWh/kWc",
            name=", ".join(group["name"]),
            az=azimuth,
            kwp=kwp,
            sy=yields[ident],
        )
        ax.annotate(
            text,
            xy=(p.x, p.y),
            xytext=(0.36, 0.3 - 0.12 * k),
            textcoords="axes fraction",
            fontsize=8.5,
            ha="left",
            va="top",
            zorder=7,
            bbox={"fc": "white", "ec": "#999999", "lw": 0.4, "alpha": 0.9, "pad": 2},
            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.6},
        )
    if yields:
        cax = ax.inset_axes([0.03, 0.1, 0.28, 0.035])
        cb = fig.colorbar(
            mpl.cm.ScalarMappable(norm=norm, cmap=cmap), cax=cax, orientation="horizontal"
        )
        cb.set_label("Productible (kWh/kWc)", fontsize=8.5)
        cb.ax.xaxis.set_major_formatter(style.french_formatter(0))
        cb.ax.tick_params(labelsize=8.5)
    ax.set_title("Faces de la butte : azimut (flèche) et productible des champs")
    _mark(ax, geo)
    _finish(ax)
    _legend(fig, handles, ncol=2)
    return fig


def overview_of(parameters: Any) -> Any:
    """:func:`overview` of a notebook's site, or None when the site folder has no site
    model (a synthesis pointed at a run whose parameters folder is not at hand) or no plan.
    """
    from qsp_lib.core import geometry, site
    from qsp_lib.core.params import site_dir_for

    folder = (
        getattr(parameters, "_site_dir", None)
        or getattr(parameters, "site_dir", None)
        or site_dir_for(parameters.site)
    )
    if not site.path_of(folder).is_file():
        return None
    return overview(parameters.site_model, geometry.for_parameters(parameters))


def overview(model: Any, geo: Any) -> Any:
    """One overview map: buildings by fate under the reference option, residential zones
    (named), the berm and the roads.

    Returns
    -------
    Figure or None
    """
    if geo is None:
        return None
    option = model.reference_option
    handles = _fate_handles(geo, zones=True)
    fig, (ax,) = _figure(geo, source=_source_text(geo), legend_rows=_legend_rows(len(handles), 3))
    _roads(ax, geo, model)
    names = {z.id: z.name for z in model.population.zones}
    zones = geo.of("zone")
    _zones(ax, geo)
    labelled: list[Any] = []
    for ident, shape in zones.items():
        same = [j for j, other in labelled if other.equals(shape)]
        labelled.append((ident, shape))
        if same:
            continue
        label = names[ident]
        twins = [j for j, other in zones.items() if j != ident and other.equals(shape)]
        if twins:
            label = _common_prefix([label, *(names[j] for j in twins)])
        angle, _ = _long_axis(shape)
        angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
        p = shape.centroid
        ax.text(
            p.x,
            p.y,
            "\n".join(textwrap.wrap(label, 30)),
            rotation=angle,
            rotation_mode="anchor",
            fontsize=8.5,
            ha="center",
            va="center",
            color="#333333",
            zorder=6,
            bbox={"fc": "white", "ec": "none", "alpha": 0.75, "pad": 0.6},
        )
    _berm(ax, geo, alpha=0.45)
    _buildings_by_fate(ax, model, geo, option.id)
    ax.set_title(f"Le quartier et le programme de référence : {option.name}")
    _mark(ax, geo)
    _finish(ax)
    _legend(fig, handles, ncol=3)
    return fig


def _common_prefix(names: list[str]) -> str:
    """« Barres sud, bd de Metz » of « Barres sud, bd de Metz (bas) » and « … (étages) »."""
    words = [n.split() for n in names]
    common = []
    for group in zip(*words, strict=False):
        if len(set(group)) > 1:
            break
        common.append(group[0])
    return " ".join(common).rstrip(" ,(") or names[0]
