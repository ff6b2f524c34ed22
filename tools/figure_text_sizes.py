"""Smallest text of every chart of rendered briefs, in CSS px once shown on a phone.

Usage::

    python tools/figure_text_sizes.py RUN_DIR [--column 366] [--min 8]

``RUN_DIR`` is the ``--out`` of ``qsp run`` (``RUN_DIR/<site>/**/*.html``). A brief embeds
each chart as an SVG in an ``<img>`` sized to its column's width (``.qsp-figure img
{width: 100%}``), so a text of ``font-size`` user units in an SVG ``W`` units wide is
``font-size × column / W`` px tall on screen. Prints one line per chart (site, brief, chart
number, its alt text's start, smallest text in px, the text itself) and exits with 1 when a
chart has text under ``--min`` px.
"""

from __future__ import annotations

import argparse
import base64
import html as htmllib
import re
import sys
from pathlib import Path

#: Width of a brief's text column on a 390 px phone [CSS px].
PHONE_COLUMN_PX = 366.0
#: Smallest text a chart may show at that width [CSS px].
MIN_CHART_PX = 8.0

_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')
_ALT = re.compile(r'alt="([^"]*)"')
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')
_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
_SIZE = re.compile(r"font(?:-size)?:[^;\"]*?([\d.]+)px")
_TAG = re.compile(r"<[^>]+>")


def svg_text_sizes(svg: str) -> tuple[float, list[tuple[float, str]]]:
    """The width of ``svg`` [user units] and each of its texts' font size [user units]."""
    box = _VIEWBOX.search(svg)
    if box is None:
        raise ValueError("SVG without viewBox")
    width = float(box.group(3))
    texts = []
    for attrs, body in _TEXT.findall(svg):
        size = _SIZE.search(attrs)
        content = " ".join(_TAG.sub(" ", body).split())
        if size and content:
            texts.append((float(size.group(1)), content))
    return width, texts


def chart_sizes(html: str, column_px: float = PHONE_COLUMN_PX) -> list[dict]:
    """Each SVG chart of a brief's ``html``: its alt text, the smallest text at
    ``column_px`` [CSS px] and that text."""
    out = []
    for tag in _IMG.findall(html):
        src, alt = _SRC.search(tag), _ALT.search(tag)
        if src is None:
            continue
        encoded, alt = src.group(1), htmllib.unescape(alt.group(1)) if alt else ""
        svg = base64.b64decode(encoded).decode("utf-8")
        width, texts = svg_text_sizes(svg)
        if not texts:
            continue
        size, text = min(texts)
        out.append(
            {
                "alt": alt,
                "width_pt": width,
                "smallest_px": size * column_px / width,
                "text": text,
            }
        )
    return out


def run_sizes(run_dir: Path, column_px: float = PHONE_COLUMN_PX) -> list[dict]:
    """:func:`chart_sizes` of every brief under ``run_dir``, with site, brief, number."""
    rows = []
    for path in sorted(run_dir.glob("*/**/*.html")):
        site = path.relative_to(run_dir).parts[0]
        for i, chart in enumerate(chart_sizes(path.read_text(encoding="utf-8"), column_px), 1):
            rows.append({"site": site, "brief": path.stem, "n": i, **chart})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--column", type=float, default=PHONE_COLUMN_PX)
    parser.add_argument("--min", type=float, default=MIN_CHART_PX)
    args = parser.parse_args(argv)
    rows = run_sizes(args.run_dir, args.column)
    small = 0
    for r in rows:
        flag = "  <" if r["smallest_px"] < args.min else ""
        small += bool(flag)
        print(
            f"{r['site']:17} {r['brief'][:28]:28} {r['n']:2} {r['smallest_px']:5.1f} px "
            f"{r['width_pt'] / 72:4.1f} in  {r['alt'][:60]!s:60} «{r['text'][:20]}»{flag}"
        )
    print(f"{len(rows)} charts, {small} with text under {args.min:g} px at {args.column:g} px")
    return 1 if small else 0


if __name__ == "__main__":
    sys.exit(main())
