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
    try:  # inline backend: PNG at the house resolution
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png")
    except ImportError:  # outside a kernel
        pass


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
