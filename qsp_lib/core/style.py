"""House style: French number formatting and one matplotlib/seaborn theme for every brief.

French typography (Imprimerie nationale; CLDR ``fr``): thousands separated by a narrow
no-break space (U+202F), decimal comma, a no-break space before ``%`` and units.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import string
from typing import Any

#: Thousands separator (narrow no-break space, CLDR fr).
THIN_NBSP = "\u202f"
#: Space between a number and its unit or ``%`` (no-break space).
NBSP = "\u00a0"

#: Okabe & Ito (2008) "Color Universal Design" palette: distinguishable with the common
#: colour-vision deficiencies and when printed in greys.
PALETTE = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]

#: Figure size (inches) and resolution: 7.2 x 3.6 in at 110 dpi gives ~800 px wide PNGs
#: of 30-60 KB, crisp on a phone and on paper, and a brief well under 1 MB.
FIGSIZE = (7.2, 3.6)
DPI = 110

#: Width [in] at which a brief's figure is written (SVG, text kept as text): a wider figure
#: is scaled down to it, keeping its proportions, before it is written. A brief shows it
#: 368 CSS px wide on a 390 px phone, i.e. 368 / (5.2 x 96) = 0.74 CSS px per CSS px of
#: the figure: a 10 pt tick label (13.3 CSS px) reads at 9.8 px, a phone's small print
#: (text stays text: it zooms sharply); at most 40rem (640 px) wide on a screen, 1.28
#: times its size.
FIGURE_WIDTH_IN = 5.2
#: Smallest type [pt] in a written figure: smaller text (cell labels of a heat map, a
#: legend at 7 pt) is raised to it, i.e. 8.9 CSS px at a phone's width.
MIN_FONT_PT = 9.0

#: Abbreviated French month names (Imprimerie nationale abbreviations), January first, for
#: axis ticks and tables: ``MONTHS_FR[month - 1]``.
MONTHS_FR = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)  # fmt: skip


def fr(value: Any, decimals: int = 1, unit: str | None = None) -> str:
    """Format a number the French way: ``fr(1234.5) == "1 234,5"`` (U+202F thousands).

    Parameters
    ----------
    value : number or None
        None and NaN give "–" (no value).
    decimals : int
        Digits after the decimal comma; a negative value rounds to tens (-1), hundreds (-2),
        thousands (-3)…: ``fr(712_269, -3) == "712 000"``.
    unit : str, optional
        Appended after a no-break space.
    """
    if value is None:
        return "–"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "-∞"
    if decimals < 0:
        x = round(x, decimals)
    text = f"{x:,.{max(decimals, 0)}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0,0"
    text = text.replace(",", THIN_NBSP).replace(".", ",")
    return f"{text}{NBSP}{unit}" if unit else text


def fr_auto(value: Any, max_decimals: int = 3) -> str:
    """French number with as many decimals as needed (at most ``max_decimals``), trailing
    zeros dropped: ``fr_auto(0.052) == "0,052"``, ``fr_auto(2024.0) == "2 024"``."""
    if value is None:
        return "–"
    x = float(value)
    if not math.isfinite(x):
        return fr(x)
    for decimals in range(max_decimals + 1):
        if abs(round(x, decimals) - x) < 1e-9 * max(1.0, abs(x)):
            return fr(x, decimals)
    return fr(x, max_decimals)


def pct(fraction: Any, decimals: int = 1) -> str:
    """Format a fraction as a French percentage: ``pct(0.123) == "12,3 %"``."""
    if fraction is None:
        return "–"
    return fr(float(fraction) * 100.0, decimals, "%")


def fr_date(value: _dt.date | _dt.datetime | str | None = None) -> str:
    """Date as ``29/11/2026`` (today when None; ISO strings accepted)."""
    if value is None:
        value = _dt.date.today()
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def fr_datetime(value: _dt.datetime | str) -> str:
    """Date and time as ``29/11/2026 à 14:05``."""
    if isinstance(value, str):
        value = _dt.datetime.fromisoformat(value)
    return value.strftime("%d/%m/%Y à %H:%M")


_SPEC = re.compile(r"^(?P<code>n|%|p|date|auto)(?P<decimals>(?:-?\d)?)$")


class FrenchFormatter(string.Formatter):
    """``str.format`` with French number specs, for brief templates.

    ``{x:n0}`` -> :func:`fr` with 0 decimals (``"1 234"``), ``{x:n1}`` -> ``"1 234,5"``,
    ``{x:n-3}`` -> rounded to the thousand (``"712 000"``);
    ``{share:%1}`` -> :func:`pct` of a fraction (``"12,3 %"``); ``{x:p1}`` -> a value already
    in percent (``14`` -> ``"14,0 %"``, no-break space before ``%``); ``{x:auto}`` ->
    :func:`fr_auto`; ``{day:date}`` -> :func:`fr_date`; ``{y:year}`` -> ``2050`` (no
    separator); ``{n:#action}`` -> a whole count with its agreed noun (« 1 action »,
    « 3 actions »; ``{n:#œil|yeux}`` for an irregular plural), see
    :func:`qsp_lib.core.french.count`. Any other spec is Python's own.
    ``escape`` (a function of the formatted text) is applied to every field: briefs pass
    an HTML escaper, since parameter text is untrusted.

    Examples
    --------
    >>> FrenchFormatter().format("{kwp:n0} kWc, {pr:%1}", kwp=745.5, pr=0.7888)
    '746 kWc, 78,9 %'
    """

    def __init__(self, escape=None, default=None):
        super().__init__()
        self._escape = escape or (lambda text: text)
        self._default = default or str

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("#") or format_spec == "year":
            from qsp_lib.core import french

            if format_spec == "year":
                return self._escape(french.year(value))
            singular, _, plural_form = format_spec[1:].partition("|")
            return self._escape(french.count(value, singular, plural_form or None))
        match = _SPEC.match(format_spec)
        if match is None:
            if format_spec:
                return self._escape(format(value, format_spec))
            return self._default(value)
        code, digits = match["code"], match["decimals"]
        if code == "n":
            text = fr(value, int(digits or 0))
        elif code == "%":
            text = pct(value, int(digits or 1))
        elif code == "p":
            text = fr(value, int(digits or 1), "%")
        elif code == "auto":
            text = fr_auto(value, int(digits or 3))
        else:
            text = fr_date(value)
        return self._escape(text)


def fmt(template: str, /, **fields: Any) -> str:
    """:class:`FrenchFormatter` on plain text (no escaping): ``fmt("{x:n1} t", x=2.25)``."""
    return FrenchFormatter().format(template, **fields)


def apply() -> None:
    """Set the house matplotlib/seaborn theme (call once at the top of a notebook)."""
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font_scale=0.95)
    mpl.rcParams.update(
        {
            "figure.figsize": FIGSIZE,
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "savefig.bbox": "tight",
            "figure.constrained_layout.use": True,
            "axes.titlesize": 11,
            "axes.titleweight": "bold",
            "axes.titlelocation": "left",
            "axes.labelsize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.formatter.use_locale": False,
            "legend.frameon": False,
            "legend.fontsize": 9,
            "font.family": "DejaVu Sans",
            # French: decimal comma on axes (the formatter below), no unicode minus issue
            "axes.unicode_minus": True,
        }
    )
    mpl.rcParams.update(
        {
            # SVG with its text as text: sharp at any zoom, searchable, and read by the
            # brief's phone test; one font family installed on every reader's machine
            # is not needed since the browser substitutes a sans-serif one
            "svg.fonttype": "none",
            "svg.hashsalt": "qsp",  # stable ids: the same figure gives the same file
            "xtick.labelsize": 10,
            "ytick.labelsize": 10,
        }
    )
    _register_figure_formatter()


def _register_figure_formatter() -> None:
    """In a kernel: figures are displayed as SVG (:func:`figure_svg`) with their alt text
    in the output's metadata (``{"alt": ...}``), which the brief's renderer uses."""
    try:
        from IPython import get_ipython
        from matplotlib.figure import Figure
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # outside a kernel
        return
    shell = get_ipython()
    if shell is None:
        return
    set_matplotlib_formats("svg")  # and no PNG
    formatter = shell.display_formatter.formatters["image/svg+xml"]
    formatter.for_type(Figure, lambda fig: (figure_svg(fig), {"alt": alt_text(fig)}))


def describe(fig, text: str):
    """Give ``fig`` the alt text of its brief: one or two French sentences saying what the
    chart shows (its subject, its axes, what stands out), read by screen readers and shown
    when the image cannot be. Without it :func:`alt_text` builds one from the figure's
    titles and axis labels. Returns ``fig``."""
    fig._qsp_alt = " ".join(str(text).split())
    return fig


def alt_text(fig) -> str:
    """The alt text of ``fig``: the one given to :func:`describe`, else « Graphique : »
    followed by its titles (suptitle, each panel's title), each panel's axis labels and
    colour-bar label, and its source line.

    Examples
    --------
    A chart titled "Production mensuelle" with axes "Mois" and "Énergie (MWh)" gives
    ``"Graphique : Production mensuelle. Axe horizontal : Mois ; axe vertical : Énergie
    (MWh)."``
    """
    given = getattr(fig, "_qsp_alt", None)
    if given:
        return given

    def clean(text) -> str:
        return " ".join(str(text or "").split())

    titles: list[str] = []
    axes_parts: list[str] = []
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None and clean(suptitle.get_text()):
        titles.append(clean(suptitle.get_text()))
    for ax in fig.get_axes():
        label = clean(ax.get_label()) if ax.get_label() == "<colorbar>" else ""
        if label:  # a colour bar: its axis label says what the colours are
            bar = clean(ax.get_ylabel() or ax.get_xlabel())
            if bar:
                axes_parts.append(f"couleur : {bar}")
            continue
        for title in (ax.get_title("left"), ax.get_title("center"), ax.get_title("right")):
            if clean(title) and clean(title) not in titles:
                titles.append(clean(title))
        x, y = clean(ax.get_xlabel()), clean(ax.get_ylabel())
        part = " ; ".join(
            t
            for t in (f"axe horizontal : {x}" if x else "", f"axe vertical : {y}" if y else "")
            if t
        )
        if part and part not in axes_parts:
            axes_parts.append(part)
    notes = [clean(t.get_text()) for t in fig.texts if clean(t.get_text())]
    parts = [". ".join(titles)] if titles else []
    if axes_parts:
        text = " ; ".join(axes_parts)
        parts.append(text[0].upper() + text[1:])
    parts += notes
    body = ". ".join(p.rstrip(".") for p in parts if p)
    return f"Graphique : {body}." if body else "Graphique sans titre ni axes nommés."


def _texts(fig) -> list[tuple[object, Any]]:
    """The texts ``fig`` draws, each with its group: the tick labels of one axis share a
    group (slanted, their upright boxes overlap while their letters do not; their own
    collisions are :func:`_slant_colliding_ticks`'s), every other text is its own."""
    out: list[tuple[object, Any]] = []

    def add(texts, group=None) -> None:
        for t in texts:
            if t.get_visible() and t.get_text().strip():
                out.append((group if group is not None else id(t), t))

    for ax in fig.get_axes():
        if not ax.get_visible():
            continue
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_visible():
                lo, hi = sorted(axis.get_view_interval())
                ticks = [t for t in axis.get_major_ticks() if lo <= t.get_loc() <= hi]
                add([t.label1 for t in ticks], id(axis))
                add([t.label2 for t in ticks], (id(axis), 2))
                add([axis.label])
        add([ax.title, ax._left_title, ax._right_title, *ax.texts])
        legend = ax.get_legend()
        if legend is not None and legend.get_visible():
            add([*legend.get_texts(), legend.get_title()])
    add(fig.texts)
    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None:
        add([suptitle])
    return out


def _collisions(fig, renderer) -> int:
    """Pairs of drawn texts of ``fig`` (:func:`_texts`) of different groups whose boxes
    overlap by more than a pixel each way, plus one per legend placed in its axes and wider
    than them."""
    boxes = []
    for group, t in _texts(fig):
        try:
            boxes.append((t.get_window_extent(renderer).padded(-1.0), group))
        except (RuntimeError, ValueError):  # a text that cannot be laid out
            continue
    boxes.sort(key=lambda item: item[0].x0)
    count = 0
    for i, (a, group_a) in enumerate(boxes):
        for b, group_b in boxes[i + 1 :]:
            if b.x0 >= a.x1:
                break
            if group_a != group_b and b.y0 < a.y1 and a.y0 < b.y1:
                count += 1
    for ax in fig.get_axes():  # a legend in its axes that spills out of them
        legend = ax.get_legend()
        if legend is not None and legend.get_visible() and legend.get_bbox_to_anchor() is not None:
            inside = legend.get_bbox_to_anchor().bounds == ax.bbox.bounds
            if inside and legend.get_window_extent(renderer).width > ax.bbox.width + 2:
                count += 1
    return count


def _cramped(fig, renderer) -> bool:
    """True when a plotting area of ``fig`` is left under 30 % of its column's width (long
    tick labels at the left of a horizontal bar chart, say)."""
    for ax in fig.get_axes():
        spec = ax.get_subplotspec()
        if spec is None or ax.get_label() == "<colorbar>":
            continue
        share = fig.bbox.width / spec.get_gridspec().ncols
        if ax.get_window_extent(renderer).width < 0.3 * share:
            return True
    return False


def _slant_colliding_ticks(fig, renderer) -> None:
    for ax in fig.get_axes():  # tick labels that collide at this width: slanted
        labels = [t for t in ax.get_xticklabels() if t.get_visible() and t.get_text()]
        boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda b: b.x0)
        if any(a.x1 + 2 > b.x0 for a, b in zip(boxes, boxes[1:], strict=False)):
            for t in labels:
                t.set_rotation(45)
                t.set_horizontalalignment("right")
                t.set_rotation_mode("anchor")


def fit_for_reading(fig, width_in: float = FIGURE_WIDTH_IN, min_font_pt: float = MIN_FONT_PT):
    """Prepare ``fig`` to be read at a phone's width, in place, and return it.

    The figure is scaled down to ``width_in`` [in] (proportions kept) when wider, its text
    under ``min_font_pt`` [pt] raised to it, and x tick labels that then collide slanted;
    when that makes texts collide more than in the figure as drawn, or leaves a plotting
    area under 30 % of its width (long labels of a horizontal bar chart), a width halfway
    is tried, then the figure's own width, then its own type sizes. Titles, axis labels and
    figure texts (source lines) are then wrapped to the width they have.
    """
    from matplotlib.text import Text

    w, h = fig.get_size_inches()
    sizes = {t: t.get_fontsize() for t in fig.findobj(Text)}
    ticks = {
        t: (t.get_rotation(), t.get_horizontalalignment(), t.get_rotation_mode())
        for ax in fig.get_axes()
        for t in ax.get_xticklabels()
    }
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    designed = _collisions(fig, renderer)
    widths = [x for x in (width_in, (width_in + w) / 2) if x < w] + [w]
    candidates = [(x, min_font_pt) for x in widths] + [(w, 0.0)]
    for width, floor in candidates:
        fig.set_size_inches(width, h * width / w)
        for text, size in sizes.items():
            text.set_fontsize(max(size, floor))
        for text, (rotation, align, mode) in ticks.items():
            text.set_rotation(rotation)
            text.set_horizontalalignment(align)
            text.set_rotation_mode(mode)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        _slant_colliding_ticks(fig, renderer)
        fig.canvas.draw()
        if _collisions(fig, renderer) <= designed and not _cramped(fig, renderer):
            break
    right = fig.bbox.x1  # display pixels

    def wrap(text: Text, room: float) -> None:
        raw = text.get_text()
        if not raw or "$" in raw or "\n" in raw or room <= 0:
            return
        props = text.get_fontproperties()

        def fits(line: str) -> bool:
            return renderer.get_text_width_height_descent(line, props, ismath=False)[0] <= room

        if fits(raw):
            return
        lines, line = [], ""
        for word in raw.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and not fits(candidate):
                lines.append(line)
                line = word
            else:
                line = candidate
        text.set_text("\n".join([*lines, line]))

    suptitle = getattr(fig, "_suptitle", None)
    if suptitle is not None:
        wrap(suptitle, 0.98 * fig.bbox.width)
    for ax in fig.get_axes():
        box = ax.get_window_extent(renderer)
        # a title starts at its axes' left edge; under a long-labelled axis it may use the
        # width of the figure rather than be squeezed over the plotting area
        wrap(ax._left_title, 0.98 * max(right - box.x0, 0.6 * fig.bbox.width))
        wrap(ax.title, 0.98 * fig.bbox.width)
        wrap(ax._right_title, 0.98 * box.x1)
        wrap(ax.xaxis.label, 1.1 * box.width)
        wrap(ax.yaxis.label, 1.1 * box.height)
    for text in fig.texts:
        if text is not suptitle:
            x0 = text.get_window_extent(renderer).x0
            wrap(text, 0.98 * (right - max(x0, fig.bbox.x0)))
    return fig


def wrap_label(text: str, width: int = 24) -> str:
    """``text`` on lines of at most ``width`` characters (broken between words), for a tick
    label or a legend entry that must fit a phone-wide chart."""
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def legend_below(fig, handles=None, labels=None, ncol: int = 1, wrap: int | None = None):
    """A legend under the plotting area(s) of ``fig``, left-aligned, in ``ncol`` columns,
    so that it neither covers data nor widens the figure (the layout makes room for it);
    ``handles``/``labels`` default to those of every axes of ``fig``, labels are wrapped at
    ``wrap`` characters when given. Returns the legend."""
    if handles is None:
        handles, labels = [], []
        for ax in fig.get_axes():
            h, lab = ax.get_legend_handles_labels()
            handles += h
            labels += lab
    if wrap:
        labels = [wrap_label(lab, wrap) for lab in labels]
    return fig.legend(handles, labels, loc="outside lower left", ncol=ncol, fontsize=MIN_FONT_PT)


def figure_svg(fig) -> str:
    """``fig`` as the SVG text a brief embeds: :func:`fit_for_reading`, then written with
    its text as text (``svg.fonttype: none``) and a tight bounding box."""
    import io

    fit_for_reading(fig)
    _freeze_layout(fig)
    buffer = io.StringIO()
    # no creation date in the file: the same figure gives the same bytes
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def _freeze_layout(fig) -> None:
    """Keep ``fig`` as laid out now when it is saved with a tight bounding box: a legend
    under the plot (:func:`legend_below`) is anchored to the figure's box, which the tight
    box replaces while saving (the legend would drop onto the source line); it is anchored
    to figure coordinates instead and the layout, done, is switched off."""
    if not fig.legends:
        return
    fig.canvas.draw()
    for legend in fig.legends:
        # the anchor where the layout (or the figure's own code) put it, in figure fractions
        anchor = legend.get_bbox_to_anchor().transformed(fig.transFigure.inverted())
        legend.set_bbox_to_anchor(anchor, transform=fig.transFigure)
    fig.set_layout_engine("none")


def french_formatter(decimals: int | None = None):
    """A matplotlib tick formatter writing ``1 234,5``; ``decimals=None`` picks 0 for whole
    ticks and 1-2 otherwise."""
    from matplotlib.ticker import FuncFormatter

    def _format(x: float, _pos: int | None = None) -> str:
        if decimals is not None:
            return fr(x, decimals)
        if abs(x - round(x)) < 1e-9:
            return fr(x, 0)
        return fr(x, 1 if abs(x * 10 - round(x * 10)) < 1e-9 else 2)

    return FuncFormatter(_format)


def french_axes(ax, x: bool = True, y: bool = True, decimals: int | None = None):
    """Put French number formatting on the numeric axes of ``ax``; returns ``ax``."""
    from matplotlib.axis import Axis

    for flag, axis in ((x, ax.xaxis), (y, ax.yaxis)):
        if flag and isinstance(axis, Axis) and axis.get_scale() == "linear":
            if _is_numeric_axis(axis):
                axis.set_major_formatter(french_formatter(decimals))
    return ax


def _is_numeric_axis(axis) -> bool:
    from matplotlib.ticker import FixedFormatter, StrMethodFormatter

    fmt = axis.get_major_formatter()
    # categorical and date axes keep their own formatter
    return not isinstance(fmt, (FixedFormatter, StrMethodFormatter)) and (
        type(fmt).__module__.startswith("matplotlib.ticker")
    )


def source_line(fig, text: str) -> None:
    """Write a small source line under a figure (left-aligned, grey)."""
    fig.text(
        0.0,
        -0.02,
        text,
        ha="left",
        va="top",
        fontsize=8,
        color="#555555",
        transform=fig.transFigure,
    )


def format_table(df, decimals: dict[str, int] | int = 1, percent: tuple[str, ...] = ()):
    """A copy of ``df`` with numbers as French strings (``decimals`` per column or for all;
    columns in ``percent`` hold fractions shown as ``12,3 %``; a column named as a year,
    « Année … », « year … », holding whole years is written without separator: ``2050``)."""
    import pandas as pd

    out = df.copy()
    for col in out.columns:
        if not pd.api.types.is_numeric_dtype(out[col]) or pd.api.types.is_bool_dtype(out[col]):
            continue
        if _is_year_column(col, out[col]):
            # years are written without a thousands separator (Imprimerie nationale)
            out[col] = ["–" if pd.isna(v) else str(int(round(v))) for v in out[col]]
            continue
        d = decimals.get(col, 1) if isinstance(decimals, dict) else decimals
        if col in percent:
            out[col] = [pct(v, d) for v in out[col]]
        else:
            out[col] = [fr(v, d) for v in out[col]]
    return out


_YEAR_NAME = re.compile(r"(^|[\s_(])(ann[ée]e|year|an)s?($|[\s_)])", re.IGNORECASE)


def _is_year_column(name, values) -> bool:
    """A column of calendar years: named « année »/« year »/« an » and holding whole
    numbers between 1800 and 2200 (or missing values)."""
    if not _YEAR_NAME.search(str(name)):
        return False
    present = [float(v) for v in values if v is not None and v == v]
    return bool(present) and all(v == int(v) and 1800 <= v <= 2200 for v in present)
