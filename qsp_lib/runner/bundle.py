"""One file to mail: ``qsp bundle --site SITE [--audience AUDIENCE]``.

A committee member receives one file. :func:`bundle` writes, from a site's run folder:

- a single self-contained HTML page: the synthesis for the audience, then every detailed
  brief as a section of the same page (in the programme's order), then the list of the data
  exports; a link from one brief to another becomes a link to its section, a link to an
  export a link to that list; images are embedded (the briefs already embed theirs);
- a ZIP holding that page, the briefs as separate files and the exports.

No link of the page leads to another file: what the page cannot hold (an index page, the
synthesis for another audience) loses its link and keeps its words.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from qsp_lib.core import params
from qsp_lib.core.brief import site_label
from qsp_lib.core.files import atomic_write_text
from qsp_lib.core.results import RUN
from qsp_lib.runner.files import read_json
from qsp_lib.runner.notebooks import NotebookSpec
from qsp_lib.runner.site_index import page_order

#: Folder of a site's run folder where the bundle goes.
FOLDER = "envoi"

_MAIN = re.compile(r"<main>(.*)</main>", re.S)
_STYLE = re.compile(r"<style>.*?</style>", re.S)
_ID = re.compile(r'(?<![\w-])id="([^"]*)"')
_LINK = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.S)
_HREF = re.compile(r'\bhref="([^"]*)"')
_SRC = re.compile(r'\bsrc="([^"]*)"')
_EXTERNAL = ("http://", "https://", "mailto:", "data:", "tel:")


@dataclass(frozen=True)
class Part:
    """One brief of the bundle: its file stem, title and ``<main>`` content."""

    stem: str
    title: str
    body: str

    @property
    def anchor(self) -> str:
        return f"note-{self.stem}"


def synthesis_spec(specs: dict[str, NotebookSpec]) -> NotebookSpec:
    """The notebook that gathers the others and has one brief per audience."""
    for spec in specs.values():
        if spec.gathers and spec.variants is not None:
            return spec
    raise params.ParameterError(
        [params.Problem("notebooks/", "gathers", None, "un notebook de synthèse par public")]
    )


def _current(entry: dict | None) -> bool:
    return bool(entry) and entry.get("status") in ("ok", "reused") and not entry.get("stale")


def bundle(
    site_dir: str | Path,
    site: str,
    specs: dict[str, NotebookSpec],
    audience: str | None = None,
) -> tuple[Path, Path]:
    """Write the page and the ZIP of ``site``'s briefs for ``audience``.

    Parameters
    ----------
    site_dir : path
        The site's run folder (``<out>/<site>``, with ``run.json`` and the briefs).
    site : str
        The site (its name in the page's title).
    specs : dict
        The notebooks (:func:`qsp_lib.runner.notebooks.discover`).
    audience : str, optional
        A variant of the synthesis (``comite_pilotage``...); the first one by default.

    Returns
    -------
    (Path, Path)
        The HTML page and the ZIP, in ``<site_dir>/envoi/``.

    Raises
    ------
    qsp_lib.core.params.ParameterError
        An unknown audience, or a run without the synthesis for it.
    """
    site_dir = Path(site_dir)
    synthesis = synthesis_spec(specs)
    key, audiences = synthesis.variants
    audience = audience or audiences[0]
    if audience not in audiences:
        close = params.closest(audience, list(audiences))
        hint = f" ; vouliez-vous dire {close} ?" if close else ""
        raise params.ParameterError(
            [params.Problem("", "--audience", audience, f"un de {', '.join(audiences)}{hint}")]
        )
    runs = read_json(site_dir / RUN) if (site_dir / RUN).is_file() else {}
    stems = dict((value, stem) for value, stem in synthesis.stems())
    first = site_dir / f"{stems[audience]}.html"
    variant_run = (runs.get(synthesis.name) or {}).get("variants", {}).get(audience)
    if not first.is_file() or not _current(variant_run or runs.get(synthesis.name)):
        raise params.ParameterError(
            [
                params.Problem(
                    str(first),
                    "--audience",
                    audience,
                    f"la synthèse à jour pour ce public : lancer d'abord « qsp run --site {site} »",
                )
            ]
        )
    parts = [Part(stems[audience], synthesis.variant_label(audience), _main(first))]
    missing: list[str] = []
    for name in page_order(specs):
        spec = specs[name]
        if spec.gathers:
            continue
        for value, stem in spec.stems():
            path = site_dir / f"{stem}.html"
            entry = runs.get(name)
            if value is not None:
                entry = (entry or {}).get("variants", {}).get(value)
            title = spec.title if value is None else f"{spec.title} — {spec.variant_label(value)}"
            if path.is_file() and _current(entry):
                parts.append(Part(stem, title, _main(path)))
            else:
                missing.append(title)
    exports = {
        name: [f for f in (runs.get(name) or {}).get("exports", []) if (site_dir / f).is_file()]
        for name in page_order(specs)
        if _current(runs.get(name))
    }
    exports = {name: files for name, files in exports.items() if files}
    page = _page(site, audience, synthesis, parts, missing, exports, specs, site_dir)
    folder = site_dir / FOLDER
    folder.mkdir(exist_ok=True)
    stem = f"QSP_{site}_{audience}"
    html_path = atomic_write_text(folder / f"{stem}.html", page)
    zip_path = folder / f"{stem}.zip"
    tmp = zip_path.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(html_path, f"{stem}/{html_path.name}")
        for part in parts:
            archive.write(site_dir / f"{part.stem}.html", f"{stem}/notes/{part.stem}.html")
        for files in exports.values():
            for f in files:
                archive.write(site_dir / f, f"{stem}/donnees/{f}")
    tmp.replace(zip_path)
    return html_path, zip_path


def _main(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    match = _MAIN.search(text)
    return match.group(1) if match else text


def _style(path: Path) -> str:
    match = _STYLE.search(path.read_text(encoding="utf-8"))
    return match.group(0) if match else ""


def _page(site, audience, synthesis, parts, missing, exports, specs, site_dir) -> str:
    sections = {p.stem: p for p in parts}
    export_files = {f for files in exports.values() for f in files}
    body = []
    for part in parts:
        inner = _rewrite(part, sections, export_files, site_dir)
        body.append(f'<section class="qsp-bundle-note" id="{part.anchor}">{inner}</section>')
    toc = "".join(f'<li><a href="#{p.anchor}">{html.escape(p.title)}</a></li>' for p in parts[1:])
    if missing:
        toc += "".join(
            f"<li>{html.escape(t)} : <em>non disponible (note en échec ou non produite)</em></li>"
            for t in missing
        )
    if exports:
        toc += '<li><a href="#donnees">Données jointes</a></li>'
    data = ""
    if exports:
        items = "".join(
            f"<li>{html.escape(specs[name].title)} : "
            + ", ".join(f"<code>{html.escape(f)}</code>" for f in files)
            + "</li>"
            for name, files in exports.items()
        )
        data = (
            '<section class="qsp-bundle-note" id="donnees"><h2>Données jointes</h2>'
            "<p>Ces fichiers accompagnent ce document dans l'archive ZIP du même nom "
            "(dossier <code>donnees</code>) ; ils ne sont pas inclus dans cette page.</p>"
            f"<ul>{items}</ul></section>"
        )
    title = f"QSP – {site_label(site)} : {synthesis.variant_label(audience)} et notes détaillées"
    style = _style(site_dir / f"{parts[0].stem}.html")
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="qsp_lib bundle">\n'
        f"<title>{html.escape(title)}</title>\n{style}\n"
        "<style>.qsp-bundle-note + .qsp-bundle-note { border-top: 6px solid var(--line);"
        " margin-top: 2.5rem; padding-top: .5rem; }"
        " @media print { .qsp-bundle-note + .qsp-bundle-note { break-before: page;"
        " border: 0; } }</style>\n"
        "</head>\n<body>\n<main>\n"
        f"{body[0]}\n"
        '<nav class="qsp-links qsp-bundle-toc" aria-label="Notes détaillées">'
        f"<h2>Notes détaillées dans ce document</h2><ul>{toc}</ul></nav>\n"
        + "\n".join(body[1:])
        + f"\n{data}\n</main>\n</body>\n</html>\n"
    )


def _rewrite(part: Part, sections: dict[str, Part], exports: set[str], site_dir: Path) -> str:
    """``part``'s content with ids prefixed by its stem, links to bundled briefs turned into
    anchors, links to exports into the data list, other links to files removed, relative
    images embedded, and the one-page print layout of the synthesis dropped (a bundle prints
    as many pages as it needs)."""
    prefix = f"{part.stem}--"
    text = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', part.body)
    text = text.replace("qsp-one-page", "qsp-one-page-off")

    def link(match: re.Match) -> str:
        attrs, inner = match.group(1), match.group(2)
        href = _HREF.search(attrs)
        if href is None:
            return match.group(0)
        raw = href.group(1)  # kept as written (escaped) in what is copied
        target = html.unescape(raw)
        if target.startswith(_EXTERNAL):
            return match.group(0)
        if target.startswith("#"):
            new = f"#{prefix}{raw[1:]}" if len(raw) > 1 else f"#{part.anchor}"
        else:
            file = target.partition("#")[0].split("?")[0]
            fragment = raw.partition("#")[2]
            stem = file[:-5] if file.endswith(".html") else None
            if stem in sections:
                new = f"#{stem}--{fragment}" if fragment else f"#{sections[stem].anchor}"
            elif file in exports:
                new = "#donnees"
            else:
                return inner  # a page this file cannot hold: its words, without the link
        attrs = _HREF.sub(lambda _: f'href="{new}"', attrs)
        attrs = re.sub(r"\s+download(?:=\"[^\"]*\")?", "", attrs)
        return f"<a{attrs}>{inner}</a>"

    def image(match: re.Match) -> str:
        src = html.unescape(match.group(1))
        if src.startswith(_EXTERNAL):
            return match.group(0)
        path = site_dir / src
        if not path.is_file():
            return 'src=""'
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        encoded = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'src="data:{kind};base64,{encoded}"'

    return _SRC.sub(image, _LINK.sub(link, text))
