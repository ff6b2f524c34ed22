"""Front pages: a site's ``index.html`` and the cross-site ``index.html`` of a run.

Both are French, self-contained (CSS inlined), readable on a phone, built from the
templates in ``qsp_lib/templates/brief/`` with the brief's stylesheet.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from qsp_lib import __version__
from qsp_lib.core import brief, params
from qsp_lib.core import status as data_status
from qsp_lib.core.results import KEY_FIGURES, RUN
from qsp_lib.runner.files import read_json
from qsp_lib.runner.notebooks import NotebookSpec, order
from qsp_lib.runner.plan import Prepared
from qsp_lib.runner.render import render_index
from qsp_lib.runner.worker import ERROR_FR

STATUS_FR = {
    "ok": "à jour",
    "reused": "à jour (réutilisée)",
    "failed": "échec",
    "skipped": "non configurée",
    "stale": "périmée",
}


def _when(entry: dict[str, Any]) -> str:
    from qsp_lib.core.style import fr_datetime

    when = entry.get("executed_at") or entry.get("start")
    text = f"exécutée le {fr_datetime(when)}" if when else ""
    if entry.get("status") == "reused":
        text += " · paramètres et code inchangés depuis"
    if entry.get("duration_s"):
        text += f" · {entry['duration_s']:.0f} s".replace(".", ",")
    return text


def site_rows(
    out_dir: Path,
    specs: dict[str, NotebookSpec],
    prepared: dict[str, Prepared],
    entries: dict[str, dict[str, Any]],
    key_figures: dict[str, list],
) -> list[dict[str, Any]]:
    """One row per notebook of the site index: title, status, links, key figures."""
    from qsp_lib.core.style import fr_datetime

    rows = []
    for name in page_order(specs):
        spec = specs[name]
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
            row["key_figures"] = marked_cards(
                key_figures.get(name) or brief.key_figures_of(out_dir / f"{first_stem}.ipynb")
            )
            row["warnings"] = brief.warning_box(
                [(w.get("where", ""), w.get("what", "")) for w in entry.get("warnings") or []]
            )
            row["banner"] = brief.illustrative_banner(
                [c for c in row["key_figures"] if c["data_status"] == "illustrative"],
                row["key_figures"],
            )
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


def page_order(specs: dict[str, NotebookSpec]) -> list[str]:
    """The order of the notes on a site's page: the notebooks that gather others (the
    committee synthesis) first, then the programme's order (the declarations' ``order``),
    then the notebooks without a declaration, by name."""
    from qsp_lib.core.analysis import analyses

    declared = analyses()
    rank = {name: i for i, name in enumerate(declared)}
    return sorted(
        specs,
        key=lambda n: (not specs[n].gathers, rank.get(n, len(rank)), n),
    )


def marked_cards(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cards of ``key_figures.json`` with their data-status mark, as the brief shows it.

    Each card gains ``data_status`` (its own when it is one of
    :data:`qsp_lib.core.status.STATUSES`, else None: a run made before data statuses, shown
    without a mark) and ``status_badge`` (the mark's words, ``"Donnée illustrative"``; None
    without a status).
    """
    marked = []
    for card in cards:
        status = card.get("data_status")
        status = status if status in data_status.STATUSES else None
        badge = brief.BADGES_FR[status] if status else None
        marked.append(dict(card, data_status=status, status_badge=badge))
    return marked


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
    from qsp_lib.core.style import fr_datetime

    rows = site_rows(out_dir, specs, prepared, entries, key_figures)
    return render_index(
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


def reading_order(specs: dict[str, NotebookSpec]) -> list[str]:
    """The order a reader meets the notebooks on the cross-site page.

    Notebooks that gather others (``gathers``, such as a synthesis) come
    first, the most downstream first; then their upstream notebooks in the order the first
    gatherers list them (the order the programme reads its themes in); then the rest by name.
    """
    names = list(specs)
    try:
        ranked = order(specs, names)
    except params.ParameterError:  # the run refuses such metadata; keep the page readable
        ranked = sorted(names)
    gatherers = [n for n in reversed(ranked) if specs[n].gathers]
    upstream: list[str] = []
    for name in gatherers:
        upstream += [d for d in specs[name].depends_on if d in specs and d not in upstream]
    first = gatherers + [n for n in upstream if n not in gatherers]
    return first + sorted(n for n in names if n not in first)


_QUALIFIER = " : "


def comparison_rows(cards_by_site: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Align the key-figure cards of several sites on their labels.

    A label shown by every site that has cards is its own row. A label found in one site
    only, of the form ``"<figure> : <qualifier>"`` (a site-specific option name, say), joins
    the other sites' labels with the same ``<figure>``: the row is ``<figure>`` and the
    qualifier goes into the cell's note. Rows keep the order the first site shows them in,
    then each further site's own figures in its order.

    Parameters
    ----------
    cards_by_site : dict
        Site -> its cards as the brief shows them (``label``, ``value``, ``unit``, ``note``,
        ``data_status``; ``value`` already formatted the French way).

    Returns
    -------
    list of dict
        ``label`` and ``cells`` (site -> ``{"value", "unit", "note", "data_status",
        "status_badge"}``, or None where the site has no such figure), one per row; a cell's
        data status is its card's (None when unknown), ``status_badge`` the words of its mark.
    """
    counts: dict[str, int] = {}
    for cards in cards_by_site.values():
        for label in dict.fromkeys(str(c.get("label", "")) for c in cards):
            counts[label] = counts.get(label, 0) + 1
    stems: dict[str, set[str]] = {}
    for site, cards in cards_by_site.items():
        for c in cards:
            label = str(c.get("label", ""))
            if counts[label] == 1 and _QUALIFIER in label:
                stems.setdefault(label.rsplit(_QUALIFIER, 1)[0], set()).add(site)
    rows: dict[str, dict[str, Any]] = {}
    for site, cards in cards_by_site.items():
        for c in cards:
            label, qualifier = str(c.get("label", "")), ""
            if counts[label] == 1 and _QUALIFIER in label:
                stem, rest = label.rsplit(_QUALIFIER, 1)
                if len(stems.get(stem, ())) > 1:
                    label, qualifier = stem, rest
            row = rows.setdefault(label, {"label": label, "cells": {}})
            if site in row["cells"]:  # the same label twice in one brief: keep both
                row = rows.setdefault(f"{label}\0{site}", {"label": label, "cells": {}})
            note = " · ".join(t for t in (qualifier, str(c.get("note") or "")) if t)
            status = c.get("data_status")
            status = status if status in data_status.STATUSES else None
            row["cells"][site] = {
                "value": c.get("value", ""),
                "unit": c.get("unit") or "",
                "note": note,
                "data_status": status,
                "status_badge": brief.BADGES_FR[status] if status else None,
            }
    return [
        {"label": r["label"], "cells": {site: r["cells"].get(site) for site in cards_by_site}}
        for r in rows.values()
    ]


def write_cross_site_index(
    out_root: Path,
    sites: list[str],
    specs: dict[str, NotebookSpec],
    prepared: dict[str, dict[str, Prepared]],
    commit: str | None,
) -> Path:
    """Write ``<out>/index.html``: for each notebook, a table of its key figures with one row
    per figure and one column per site (:func:`comparison_rows`), from each site's
    ``run.json`` and ``key_figures.json``; notebooks in :func:`reading_order`."""
    from qsp_lib.core.style import fr_datetime

    site_rows_by_site = {}
    for site in sites:
        out_dir = out_root / site
        site_rows_by_site[site] = {
            r["name"]: r
            for r in site_rows(
                out_dir,
                specs,
                prepared.get(site, {}),
                read_json(out_dir / RUN),
                read_json(out_dir / KEY_FIGURES),
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
    for name in reading_order(specs):
        columns = []
        for site in sites:
            row = site_rows_by_site[site].get(name)
            if row is None:
                continue
            current = row["status"] != "failed"
            briefs = (
                [
                    {"label": v["label"], "href": f"{site}/{v['html']}"}
                    for v in row["variants"]
                    if v.get("current") and v.get("html")
                ]
                if row.get("variants")
                else [{"label": "note détaillée", "href": f"{site}/{row['html']}"}]
                if row.get("html") and current
                else []
            )
            columns.append(
                {
                    "site": site,
                    "status": row["status"],
                    "status_fr": row["status_fr"],
                    # a stale brief is shown as failed, but says why
                    "problem_fr": "note en échec"
                    if row["status_fr"] == STATUS_FR["failed"]
                    else f"note {row['status_fr']}",
                    "href": briefs[0]["href"] if briefs else None,
                    "index_href": f"{site}/index.html",
                    "briefs": briefs,
                    "key_figures": row["key_figures"] if current else [],
                }
            )
        if not columns:
            continue
        figures = comparison_rows({c["site"]: c["key_figures"] for c in columns})
        notebooks.append(
            {
                "name": name,
                "title": specs[name].title,
                "sites": columns,
                "rows": [
                    {"label": r["label"], "cells": [r["cells"][c["site"]] for c in columns]}
                    for r in figures
                ],
            }
        )
    return render_index(
        out_root / "index.html",
        {
            "sites": summaries,
            "notebooks": notebooks,
            "generated_fr": fr_datetime(dt.datetime.now()),
            "qsp_lib_version": __version__,
            "git_commit": commit,
        },
        template="cross_site_index.html.j2",
    )
