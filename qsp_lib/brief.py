"""Committee briefs: helpers notebooks call to show results, and the HTML rendering.

Notebook side (each displays HTML in the running notebook): :func:`header`,
:func:`summary`, :func:`key_figures`, :func:`say`, :func:`assumption`, :func:`table`,
:func:`sources`. Text coming from parameter files is untrusted: every field passed to these
helpers is HTML-escaped, so a ``<script>`` in a site or option name shows as text.

Engine side: :func:`render` turns an executed notebook into a self-contained HTML brief with
nbconvert and the ``templates/brief`` template (on nbconvert's lean ``basic`` base, not the
~290 KB ``lab`` one); :func:`render_index` writes the front pages (a site's, the cross-site one).
"""

from __future__ import annotations

import functools
import html
import os
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qsp_lib import scraps, style

TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "brief"

#: Cell tags whose cells never reach a brief.
REMOVE_CELL_TAGS = ("remove_cell", "parameters", "injected-parameters")

#: Output types kept in a brief: rich displays only (figures, HTML, Markdown). Streams
#: (stdout, stderr, warnings), errors and plain-text reprs are dropped.
KEPT_MIMETYPES = ("text/html", "text/markdown", "image/png", "image/svg+xml", "image/jpeg")

KEY_FIGURES_METADATA = "qsp_key_figures"

SOURCE_COLUMNS_FR = {
    "item": "Élément",
    "value": "Valeur",
    "unit": "Unité",
    "low": "Bas",
    "high": "Haut",
    "source": "Source",
    "year": "Année",
    "note": "Remarque",
}


# ------------------------------------------------------------------ notebook helpers
def esc(value: Any) -> str:
    """HTML-escape any value (numbers are formatted the French way first)."""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, int):
        return style.fr(value, 0)
    if isinstance(value, float):
        return style.fr(value, 1)
    return html.escape(str(value), quote=True)


def _markdown(text: str) -> str:
    import mistune

    return mistune.create_markdown(escape=False, plugins=["strikethrough", "table"])(text)


def _fill(template: str, fields: dict[str, Any]) -> str:
    return template.format(**{k: esc(v) for k, v in fields.items()})


def _display_html(markup: str, metadata: dict | None = None) -> None:
    from IPython.display import HTML, display

    display(HTML(markup), metadata=metadata or {})


def header(params: Any, title: str, subtitle: str | None = None) -> None:
    """Title block: title, site, run date (and a subtitle line)."""
    site = getattr(params, "site", None) or (params.get("site") if isinstance(params, dict) else "")
    parts = [f'<header class="qsp-header"><h1>{esc(title)}</h1>']
    if subtitle:
        parts.append(f'<p class="qsp-subtitle">{esc(subtitle)}</p>')
    parts.append(
        f'<p class="qsp-meta">Site : <strong>{esc(site_label(site))}</strong> · '
        f"note du {style.fr_date()}</p></header>"
    )
    _display_html("".join(parts))


def site_label(site: str) -> str:
    """A display name for a site folder (``wazemmes-moulins`` -> ``Wazemmes-Moulins``)."""
    return "-".join(w.capitalize() for w in str(site).split("-"))


def summary(template: str, **fields: Any) -> None:
    """The "En bref" paragraph (Markdown template, escaped fields)."""
    _display_html(
        '<section class="qsp-summary"><h2>En bref</h2>'
        + _markdown(_fill(template, fields))
        + "</section>"
    )


def key_figures(cards: list[dict[str, Any]]) -> None:
    """Key-figure cards: each ``{"label", "value", "unit", "decimals", "note"}``.

    ``value`` may be a number (formatted the French way with ``decimals``, default 0) or a
    ready string. The cards are also stored in the output's metadata, for the site index
    and ``key_figures.json``: ``{"label", "value"`` (the text shown), ``"decimals"``,
    ``"unit", "note", "number"`` (the number before formatting, None for a ready string)``}``.
    """
    if not 1 <= len(cards) <= 8:
        raise ValueError("key_figures: between 1 and 8 cards expected")
    rendered = []
    stored = []
    for card in cards:
        value = card.get("value")
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        decimals = card.get("decimals", 0) if number else None
        text = style.fr(value, decimals) if number else str(value)
        unit = card.get("unit", "")
        stored.append(
            {
                "label": str(card["label"]),
                "value": text,
                "decimals": decimals,
                "unit": unit,
                "note": card.get("note", ""),
                "number": scraps.to_json_value(value) if number else None,
            }
        )
        rendered.append(
            '<div class="qsp-card">'
            f'<div class="qsp-card-label">{esc(card["label"])}</div>'
            f'<div class="qsp-card-value">{esc(text)}'
            + (f'<span class="qsp-card-unit">\u00a0{esc(unit)}</span>' if unit else "")
            + "</div>"
            + (f'<div class="qsp-card-note">{esc(card["note"])}</div>' if card.get("note") else "")
            + "</div>"
        )
    _display_html(
        '<section class="qsp-cards" aria-label="Chiffres clés">' + "".join(rendered) + "</section>",
        metadata={KEY_FIGURES_METADATA: stored},
    )


def say(template: str, **fields: Any) -> None:
    """A narrative paragraph: Markdown ``template`` with escaped ``{fields}``."""
    _display_html('<div class="qsp-text">' + _markdown(_fill(template, fields)) + "</div>")


def assumption(template: str, **fields: Any) -> None:
    """A note flagged as an assumption ("Hypothèse"), for illustrative figures."""
    _display_html(
        '<aside class="qsp-assumption"><strong>Hypothèse</strong> — '
        + _markdown(_fill(template, fields)).removeprefix("<p>")
        + "</aside>"
    )


def table_html(
    df,
    decimals: dict[str, int] | int = 1,
    percent: tuple[str, ...] = (),
    caption: str | None = None,
    index: bool = False,
) -> str:
    """HTML for a table with French numbers; cells and headers escaped."""
    shown = style.format_table(df, decimals=decimals, percent=percent)
    if index:
        shown = shown.reset_index()
    numeric = {c for c in df.columns if _is_numeric(df[c])}
    head = "".join(
        f'<th class="{"num" if c in numeric else ""}">{esc(c)}</th>' for c in shown.columns
    )
    rows = []
    for _, row in shown.iterrows():
        cells = "".join(
            f'<td class="{"num" if c in numeric else ""}">{esc(v)}</td>'
            for c, v in zip(shown.columns, row, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="qsp-table"><table>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _is_numeric(series) -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _is_number(value: Any) -> bool:
    import math

    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and not (isinstance(value, float) and math.isnan(value))
    )


def table(
    df,
    decimals: dict[str, int] | int = 1,
    percent: tuple[str, ...] = (),
    caption: str | None = None,
    index: bool = False,
) -> None:
    """Show a table with French number formatting (see :func:`table_html`)."""
    _display_html(table_html(df, decimals=decimals, percent=percent, caption=caption, index=index))


def sources(rows, title: str = "Hypothèses et sources") -> None:
    """The "Hypothèses et sources" section: rows of ``item``, ``value``, ``source`` (and
    optionally ``unit``, ``low``, ``high``, ``year``, ``note``), as a list of dicts or a
    DataFrame. Numbers are formatted here, the French way; None and NaN give an empty cell;
    columns left entirely empty are dropped."""
    import pandas as pd

    df = rows if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    df = df.copy()

    def blank(v: Any) -> bool:
        return v is None or (isinstance(v, float) and v != v)

    for col in df.columns:
        if col in ("year", "Année"):
            df[col] = [
                str(int(v)) if _is_number(v) else ("" if blank(v) else str(v)) for v in df[col]
            ]
        else:
            df[col] = [
                style.fr_auto(v) if _is_number(v) else ("" if blank(v) else str(v)) for v in df[col]
            ]
    df = df[[c for c in df.columns if (df[c] != "").any()]]
    df = df.rename(columns={k: v for k, v in SOURCE_COLUMNS_FR.items() if k in df.columns})
    _display_html(
        f'<section class="qsp-sources"><h2>{esc(title)}</h2>' + table_html(df) + "</section>"
    )


def key_figure_groups(
    groups: list[dict[str, Any]], notes: bool = True, one_page: bool = False
) -> None:
    """Key figures of several briefs, one box per brief (the committee synthesis).

    Each group: ``theme``, ``title``, ``link`` (relative link to the brief, or None),
    ``available`` (bool), ``reason`` (why it is missing) and ``cards`` (``label``, ``text``
    as the brief shows it, ``unit``, ``note``, ``numeric``). A missing brief shows "non
    disponible" and its reason, never a number. The first card of each available brief is
    stored in the output's metadata (as :func:`key_figures` does), for the site index.
    ``one_page`` asks the print style to fit the whole brief on one A4 page.
    """
    boxes, stored = [], []
    for i, group in enumerate(groups):
        colour = style.PALETTE[i % len(style.PALETTE)]
        title = esc(group["theme"])
        if isinstance(group.get("link"), str):
            title = f'<a href="{esc(group["link"])}">{title}</a>'
        head = (
            f'<h3>{title}<span class="qsp-theme-source">{esc(group.get("title", ""))}</span></h3>'
        )
        if not group.get("available"):
            boxes.append(
                f'<div class="qsp-card qsp-theme qsp-missing">{head}'
                '<p><span class="qsp-missing-label">Non disponible</span> — '
                f"{esc(group.get('reason', ''))}</p></div>"
            )
            continue
        items = []
        for card in group["cards"]:
            unit = f"\u00a0{esc(card['unit'])}" if card.get("unit") else ""
            kind = "qsp-fig-value qsp-num" if card.get("numeric", True) else "qsp-fig-value"
            items.append(
                f'<div class="qsp-fig"><span class="qsp-fig-label">{esc(card["label"])}</span>'
                f'<span class="{kind}"><b>{esc(card["text"])}</b>{unit}</span></div>'
            )
            if notes and card.get("note"):
                items.append(f'<div class="qsp-fig-note">{esc(card["note"])}</div>')
        boxes.append(
            f'<div class="qsp-card qsp-theme" style="border-top-color:{colour}">{head}'
            + "".join(items)
            + "</div>"
        )
        first = group["cards"][0]
        stored.append(
            {
                "label": f"{group['theme']} : {first['label']}",
                "value": first["text"],
                "decimals": first.get("decimals"),
                "unit": first.get("unit", ""),
                "note": group.get("title", ""),
                "number": first.get("number"),
            }
        )
    kind = "qsp-themes qsp-one-page" if one_page else "qsp-themes"
    _display_html(
        f'<section class="{kind}" aria-label="Chiffres clés par thème">'
        + "".join(boxes)
        + "</section>",
        metadata={KEY_FIGURES_METADATA: stored} if stored else None,
    )


def link_list(rows: list[dict[str, Any]], title: str = "Notes détaillées") -> None:
    """A section of links to other briefs (left out when printed): rows of ``title``,
    ``link`` (None: shown without a link) and ``detail`` (a short French status)."""
    items = []
    for row in rows:
        text = esc(row["title"])
        if isinstance(row.get("link"), str):
            text = f'<a href="{esc(row["link"])}">{text}</a>'
        detail = f" — {esc(row['detail'])}" if row.get("detail") else ""
        items.append(f"<li>{text}{detail}</li>")
    _display_html(
        f'<section class="qsp-links"><h2>{esc(title)}</h2><ul>{"".join(items)}</ul></section>'
    )


# ------------------------------------------------------------------------ rendering
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
    body, _ = _exporter().from_notebook_node(nb)
    # nbconvert's default alt text is English; figures carry their title in the image
    body = body.replace('alt="No description has been provided for this image"', 'alt="Graphique"')
    return atomic_write_text(Path(html_path), body)


def key_figures_of(notebook_path: str | Path) -> list[dict[str, Any]]:
    """The key-figure cards an executed notebook displayed (for the site index); empty
    when the notebook is absent or unreadable."""
    import json

    try:
        nb = json.loads(Path(notebook_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []) or []:
            cards = (out.get("metadata") or {}).get(KEY_FIGURES_METADATA)
            if cards:
                return cards
    return []


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


@functools.cache
def shared_file_mode() -> int:
    """Mode for output files: what ``open`` would give under the process umask
    (``mkstemp`` makes 0600 files, but briefs and results are meant to be shared).

    Computed once per process, on first use: reading the umask means setting it for an
    instant, and the runner writes files from pool threads, which must never see a umask
    of 0 (hence also the lock around that instant)."""
    with _UMASK_LOCK:
        umask = os.umask(0)
        os.umask(umask)
    return 0o666 & ~umask


_UMASK_LOCK = threading.Lock()


def atomic_write(path: str | Path, write: Callable[[str], Any]) -> Path:
    """Write ``path`` through a temporary file of its folder renamed into place:
    ``write(tmp)`` fills the temporary file, whose name ends with ``path``'s suffix (pandas
    picks its Excel writer from it). A reader never sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}"
    )
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, shared_file_mode())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file renamed into place."""
    return atomic_write(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
