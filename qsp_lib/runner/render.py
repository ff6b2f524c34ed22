"""Rendering of executed notebooks into briefs, and of the front pages.

:func:`render` turns an executed notebook into a self-contained HTML brief with nbconvert and
the ``templates/brief`` template (on nbconvert's lean ``basic`` base, not the ~290 KB ``lab``
one); :func:`render_index` writes the front pages (a site's, the cross-site one).
"""

from __future__ import annotations

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
