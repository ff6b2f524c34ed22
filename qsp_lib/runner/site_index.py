"""Front pages: a site's ``index.html`` and the cross-site ``index.html`` of a run.

Both are French, self-contained (CSS inlined), readable on a phone, built from the
templates in ``qsp_lib/templates/brief/`` with the brief's stylesheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from qsp_lib import __version__
from qsp_lib.runner.files import read_json
from qsp_lib.runner.notebooks import NotebookSpec
from qsp_lib.runner.plan import Prepared
from qsp_lib.runner.worker import ERROR_FR

STATUS_FR = {
    "ok": "à jour",
    "reused": "à jour (réutilisée)",
    "failed": "échec",
    "skipped": "non configurée",
    "stale": "périmée",
}


def _render(template: str, path: Path, context: dict[str, Any]) -> Path:
    import jinja2

    from qsp_lib import brief

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(brief.TEMPLATES_DIR / brief.TEMPLATE_NAME)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["site_label"] = brief.site_label
    return brief.atomic_write_text(Path(path), env.get_template(template).render(**context))


def _when(entry: dict[str, Any]) -> str:
    from qsp_lib.style import fr_datetime

    when = entry.get("executed_at") or entry.get("start")
    text = f"exécutée le {fr_datetime(when)}" if when else ""
    if entry.get("status") == "reused":
        text += " · paramètres et code inchangés depuis"
    if entry.get("duration_s"):
        text += f" · {entry['duration_s']:.0f} s".replace(".", ",")
    return text


def _cards(nb_path: Path) -> list:
    from qsp_lib import brief

    try:
        return brief.key_figures_of(nb_path)
    except (OSError, ValueError):
        return []


def site_rows(
    out_dir: Path,
    specs: dict[str, NotebookSpec],
    prepared: dict[str, Prepared],
    entries: dict[str, dict[str, Any]],
    key_figures: dict[str, list],
) -> list[dict[str, Any]]:
    """One row per notebook of the site index: title, status, links, key figures."""
    from qsp_lib.style import fr_datetime

    rows = []
    for name, spec in specs.items():
        entry = entries.get(name)
        item = prepared.get(name)
        if entry is None:
            if item is not None and item.skipped:
                rows.append(
                    {
                        "name": name,
                        "title": spec.title,
                        "status": "skipped",
                        "status_fr": STATUS_FR["skipped"],
                        "when": "",
                        "error_fr": f"Aucun paramètre pour ce site ({item.skipped}).",
                        "key_figures": [],
                    }
                )
            continue
        status = entry.get("status", "failed")
        shown = "stale" if entry.get("stale") else status
        row: dict[str, Any] = {
            "name": name,
            "title": spec.title,
            "status": "failed" if shown == "stale" else status,
            "status_fr": STATUS_FR[shown],
            "when": _when(entry),
            "key_figures": [],
            "exports": [],
        }
        stems = spec.stems()
        first_stem = stems[0][1]
        if spec.variants is not None:
            row["variants"] = [
                _variant_row(out_dir, spec, value, stem, entry.get("variants", {}).get(value, {}))
                for value, stem in stems
            ]
        if status in ("ok", "reused"):
            if spec.variants is None:
                row["html"] = f"{name}.html"
            row["exports"] = [f for f in entry.get("exports", []) if (out_dir / f).is_file()]
            row["key_figures"] = key_figures.get(name) or _cards(out_dir / f"{first_stem}.ipynb")
            if entry.get("stale"):
                row.update(
                    status="failed",
                    error_fr="les paramètres ou le code ont changé "
                    "depuis cette note ; relancer « qsp run ».",
                    error=None,
                )
        else:
            row["error_fr"] = ERROR_FR.get(entry.get("error_kind") or "error", ERROR_FR["error"])
            row["error"] = entry.get("error")
            failed = out_dir / f"{first_stem}.failed.ipynb"
            row["notebook"] = failed.name if failed.exists() and spec.variants is None else None
            html_file = out_dir / f"{first_stem}.html"
            if html_file.exists():
                row["previous_html"] = html_file.name if spec.variants is None else None
                mtime = dt.datetime.fromtimestamp(html_file.stat().st_mtime)
                row["previous_when"] = f"du {fr_datetime(mtime)}"
                row["previous_exports"] = [
                    f for f in entry.get("previous_exports", []) if (out_dir / f).is_file()
                ]
        rows.append(row)
    return rows


def _variant_row(out_dir, spec, value, stem, entry) -> dict[str, Any]:
    status = entry.get("status", "failed")
    html = out_dir / f"{stem}.html"
    failed = out_dir / f"{stem}.failed.ipynb"
    return {
        "label": spec.variant_label(value),
        "status": status,
        "html": html.name if status in ("ok", "reused") or html.exists() else None,
        "current": status in ("ok", "reused"),
        "notebook": failed.name if status == "failed" and failed.exists() else None,
    }


def write_site_index(
    out_dir: Path,
    site: str,
    specs: dict[str, NotebookSpec],
    prepared: dict[str, Prepared],
    entries: dict[str, dict[str, Any]],
    key_figures: dict[str, list],
    commit: str | None,
) -> Path:
    """Write ``<out>/<site>/index.html``."""
    from qsp_lib.style import fr_datetime

    rows = site_rows(out_dir, specs, prepared, entries, key_figures)
    return _render(
        "site_index.html.j2",
        out_dir / "index.html",
        {
            "site": site,
            "entries": rows,
            "n_ok": sum(1 for r in rows if r["status"] in ("ok", "reused")),
            "n_failed": sum(1 for r in rows if r["status"] == "failed"),
            "n_skipped": sum(1 for r in rows if r["status"] == "skipped"),
            "generated_fr": fr_datetime(dt.datetime.now()),
            "qsp_lib_version": __version__,
            "git_commit": commit,
        },
    )


def write_cross_site_index(
    out_root: Path,
    sites: list[str],
    specs: dict[str, NotebookSpec],
    prepared: dict[str, dict[str, Prepared]],
    commit: str | None,
) -> Path:
    """Write ``<out>/index.html``: each notebook's key figures, site by site, side by side,
    from each site's ``run.json`` and ``key_figures.json``."""
    from qsp_lib.style import fr_datetime

    site_rows_by_site = {}
    for site in sites:
        out_dir = out_root / site
        site_rows_by_site[site] = {
            r["name"]: r
            for r in site_rows(
                out_dir,
                specs,
                prepared.get(site, {}),
                read_json(out_dir / "run.json"),
                read_json(out_dir / "key_figures.json"),
            )
        }
    summaries = []
    for site in sites:
        rows = site_rows_by_site[site].values()
        summaries.append(
            {
                "site": site,
                "href": f"{site}/index.html",
                "n_ok": sum(1 for r in rows if r["status"] in ("ok", "reused")),
                "n_failed": sum(1 for r in rows if r["status"] == "failed"),
                "n_skipped": sum(1 for r in rows if r["status"] == "skipped"),
            }
        )
    notebooks = []
    for name, spec in specs.items():
        cells = []
        for site in sites:
            row = site_rows_by_site[site].get(name)
            if row is None:
                continue
            link = row.get("html") or next(
                (v["html"] for v in row.get("variants", []) if v.get("current")), None
            )
            cells.append(
                {
                    "site": site,
                    "status": row["status"],
                    "status_fr": row["status_fr"],
                    "href": f"{site}/{link}" if link and row["status"] != "failed" else None,
                    "key_figures": row["key_figures"] if row["status"] != "failed" else [],
                }
            )
        if cells:
            notebooks.append({"title": spec.title, "sites": cells})
    return _render(
        "cross_site_index.html.j2",
        out_root / "index.html",
        {
            "sites": summaries,
            "notebooks": notebooks,
            "generated_fr": fr_datetime(dt.datetime.now()),
            "qsp_lib_version": __version__,
            "git_commit": commit,
        },
    )
