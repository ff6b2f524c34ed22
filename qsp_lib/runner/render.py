"""Rendering of executed notebooks into briefs, and of the front pages.

:func:`render` turns an executed notebook into a self-contained HTML brief with nbconvert and
the ``templates/brief`` template (on nbconvert's lean ``basic`` base, not the ~290 KB ``lab``
one); :func:`render_index` writes the front pages (a site's, the cross-site one).
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from typing import Any

from qsp_lib.core.brief import site_label
from qsp_lib.core.files import atomic_write_text

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
TEMPLATE_NAME = "brief"

#: Cell tags whose cells never reach a brief.
REMOVE_CELL_TAGS = ("remove_cell", "parameters", "injected-parameters")

#: Output types kept in a brief: rich displays only (figures, HTML, Markdown). Streams
#: (stdout, stderr, warnings), errors and plain-text reprs are dropped.
KEPT_MIMETYPES = ("text/html", "text/markdown", "image/png", "image/svg+xml", "image/jpeg")


def _exporter():
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.TemplateExporter.exclude_input = True
    config.TemplateExporter.exclude_input_prompt = True
    config.TemplateExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = set(REMOVE_CELL_TAGS)
    config.HTMLExporter.anchor_link_text = ""
    exporter = HTMLExporter(
        config=config,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
    )
    return exporter


def clean_outputs(nb) -> None:
    """Keep only rich display outputs (see :data:`KEPT_MIMETYPES`), in place."""
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") not in ("display_data", "execute_result"):
                continue  # stream (stdout/stderr/warnings) and error outputs
            data = {k: v for k, v in out.get("data", {}).items() if k in KEPT_MIMETYPES}
            if not data:
                continue
            out["data"] = data
            kept.append(out)
        cell["outputs"] = kept


#: Alt text of a figure that carries none (a notebook run before figures had one).
FALLBACK_ALT = "Graphique (sans description)"


def figures_as_images(nb) -> None:
    """Turn each SVG figure output into an ``<img>`` (base64 data URI) with its alt text, in
    place: the ``alt`` of the output's metadata (:func:`qsp_lib.core.style.alt_text`), else
    :data:`FALLBACK_ALT`. An ``<img>`` keeps the figure's own fonts and ids out of the page
    and lets the brief's CSS size it; its intrinsic size is the SVG's."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            svg = data.get("image/svg+xml")
            if svg is None:
                continue
            if isinstance(svg, list):
                svg = "".join(svg)
            meta = out.get("metadata", {})
            alt = (meta.get("image/svg+xml") or {}).get("alt") or meta.get("alt") or FALLBACK_ALT
            encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
            out["data"] = {
                "text/html": (
                    '<figure class="qsp-figure">'
                    f'<img src="data:image/svg+xml;base64,{encoded}" '
                    f'alt="{html.escape(alt, quote=True)}"></figure>'
                )
            }


_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_HEAD = re.compile(r"<thead\b.*?</thead>", re.S)
_HEADER_CELL = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
_CELL = re.compile(r"<(td|th)\b([^>]*)>", re.S)
_TAG = re.compile(r"<[^>]+>")
_BODY_CELL = re.compile(r"<(?:td|th)\b([^>]*)>(.*?)</(?:td|th)>", re.S)


#: Text width [CSS px] of a phone (390 px less the page's margins), and what a table cell
#: takes: ~8.2 px per character of its longest unbreakable run (0.9rem DejaVu Sans, 0.57 em
#: on average) plus 16 px of padding.
PHONE_TEXT_PX = 366
#: A cell longer than this [characters] takes a whole line of its card on a phone (shorter
#: ones go two by two).
LONG_CELL_CHARS = 18
CHAR_PX = 8.2
CELL_PADDING_PX = 16


def _min_width_px(columns: list[list[str]], numeric: list[bool]) -> float:
    """Narrowest width [CSS px] a table can take: each column as wide as its longest word
    (its whole text for a number, which never breaks)."""
    total = 0.0
    for cells, is_number in zip(columns, numeric, strict=True):
        longest = max(
            (len(c) if is_number else max((len(w) for w in c.split()), default=0)) for c in cells
        )
        total += longest * CHAR_PX + CELL_PADDING_PX
    return total


def _add_class(attrs: str, name: str) -> str:
    if 'class="' in attrs:
        return attrs.replace('class="', f'class="{name} ', 1)
    return f'{attrs} class="{name}"'


def label_cells(page: str) -> str:
    """Give each body cell of each table the header of its column as ``data-label`` (what a
    phone shows beside the value when the brief's CSS stacks a row into a card), and each
    table too wide for a phone's text column (:data:`PHONE_TEXT_PX`, at its narrowest) the
    class ``qsp-wide``: the tables the CSS stacks into cards below 600 px. Tables without a
    ``<thead>`` and tables with cells spanning columns are left as they are; a header cell
    of a row (``<th>`` in the body) keeps no label: it is the title of its card. A body cell
    of more than :data:`LONG_CELL_CHARS` characters gets the class ``qsp-long`` (a line of
    its own in the card)."""

    def one_table(match: re.Match) -> str:
        table = match.group(0)
        head = _HEAD.search(table)
        if head is None or "colspan" in table:
            return table
        heads = _HEADER_CELL.findall(head.group(0))
        labels = [html.escape(html.unescape(_TAG.sub("", h)).strip(), quote=True) for h in heads]
        body_start = head.end()
        columns: list[list[str]] = [[html.unescape(_TAG.sub("", h)).strip()] for h in heads]
        numeric = [False] * len(labels)

        def one_row(row: re.Match) -> str:
            position = [-1]
            texts = []
            for i, (attrs, text) in enumerate(_BODY_CELL.findall(row.group(0))[: len(labels)]):
                texts.append(html.unescape(_TAG.sub("", text)).strip())
                columns[i].append(texts[-1])
                numeric[i] = numeric[i] or 'class="num"' in attrs

            def one_cell(cell: re.Match) -> str:
                position[0] += 1
                i = position[0]
                tag, attrs = cell.group(1), cell.group(2)
                if tag == "th" or "data-label" in attrs or i >= len(labels):
                    return cell.group(0)
                if i < len(texts) and len(texts[i]) > LONG_CELL_CHARS:
                    attrs = _add_class(attrs, "qsp-long")
                return f'<{tag}{attrs} data-label="{labels[i]}">'

            return _CELL.sub(one_cell, row.group(0))

        body = _ROW.sub(one_row, table[body_start:])
        opening = table[: head.start()]
        if _min_width_px(columns, numeric) > PHONE_TEXT_PX:
            opening = re.sub(
                r"^<table\b(?![^>]*class=)", '<table class="qsp-wide"', opening, count=1
            )
        return opening + head.group(0) + body

    return _TABLE.sub(one_table, page)


def render(
    notebook_path: str | Path,
    html_path: str | Path,
    provenance: dict[str, Any] | None = None,
) -> Path:
    """Render an executed notebook as a brief (atomic write).

    Parameters
    ----------
    notebook_path : path
        Executed ``.ipynb``.
    html_path : path
        Destination; written to a temporary file in the same folder, then renamed.
    provenance : dict, optional
        Shown in the footer (parameter file and hash, versions, commit, run date).
    """
    import nbformat

    nb = nbformat.read(str(notebook_path), as_version=4)
    if provenance is not None:
        nb.metadata["qsp_provenance"] = provenance
    clean_outputs(nb)
    figures_as_images(nb)
    body, _ = _exporter().from_notebook_node(nb)
    # nbconvert's default alt text is English (a PNG figure without an alt in its metadata)
    body = body.replace(
        'alt="No description has been provided for this image"', f'alt="{FALLBACK_ALT}"'
    )
    return atomic_write_text(Path(html_path), label_cells(body))


def render_index(
    path: str | Path, context: dict[str, Any], template: str = "site_index.html.j2"
) -> Path:
    """Write a front page (a site's ``index.html`` by default, or the cross-site page with
    ``template="cross_site_index.html.j2"``) from ``context``."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR / TEMPLATE_NAME)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["site_label"] = site_label
    page = env.get_template(template).render(**context)
    return atomic_write_text(Path(path), page)
