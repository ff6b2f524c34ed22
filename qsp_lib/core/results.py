"""A run's outputs, read back: what the committee synthesis works from.

``qsp run`` writes, in a site's output folder (``outputs/<site>/``), after every notebook:

- ``results.json``: notebook -> scrap name -> value (DataFrames as lists of records);
- ``run.json``: notebook -> {status: ok | failed | reused | skipped, start, duration_s,
  error, ...};
- ``key_figures.json``: notebook -> the key-figure cards of its brief
  (``{label, value, decimals, unit, note}``);
- ``results.previous.json``: the previous run's ``results.json``, when there was one;
- ``<notebook>.html``: each brief.

Every file may be absent (a notebook not run yet, a folder never written, a first run): the
readers then return empty tables and say why, never raise, so that a synthesis opened by hand
on an empty folder still renders a clear brief.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

#: File names of a run folder, written by qsp_lib.runner and read here.
RESULTS = "results.json"
RUN = "run.json"
KEY_FIGURES = "key_figures.json"
PREVIOUS_RESULTS = "results.previous.json"


def outputs_dir(parameters: Any) -> Path:
    """The output folder a notebook reads the run from.

    Parameters
    ----------
    parameters : validated parameter model
        Its ``outputs_dir`` (set by ``qsp run``) when present; otherwise, opened by hand,
        ``<project root>/outputs/<site>`` (the last run of the site).

    Returns
    -------
    pathlib.Path
        Not created: a missing folder reads as "no results".
    """
    from qsp_lib.core import params

    folder = getattr(parameters, "outputs_dir", None)
    if folder:
        return Path(folder)
    site = getattr(parameters, "site", None) or params.DEFAULT_SITE
    return params.project_root() / "outputs" / site


def _read_json(path: Path, problems: list[str]) -> dict[str, Any]:
    """A JSON object from ``path``; ``{}`` (and a note in ``problems``) when absent or
    unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name} illisible ({exc})")
        return {}
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(f"{path.name} n'est pas un JSON valide (ligne {exc.lineno})")
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path.name} : un objet JSON était attendu")
        return {}
    return data


def read_run(folder: str | Path) -> dict[str, Any]:
    """Everything a run left in a site's output folder.

    Parameters
    ----------
    folder : path
        ``outputs/<site>`` of the run.

    Returns
    -------
    dict
        ``folder`` (str), ``exists`` (bool), ``results``, ``run``, ``key_figures``,
        ``previous`` (dicts keyed by notebook, empty when the file is absent; the key figures
        of a notebook missing from ``key_figures.json`` are taken from its executed
        ``<name>.ipynb`` when there is one), ``briefs``
        (names of the notebooks whose ``<name>.html`` exists), ``assumptions`` (notebook ->
        texts of the "Hypothèse" notes of its brief) and ``problems`` (French sentences about
        unreadable files).
    """
    from qsp_lib.core import brief

    folder = Path(folder)
    problems: list[str] = []
    results = _read_json(folder / RESULTS, problems)
    run = _read_json(folder / RUN, problems)
    cards = _read_json(folder / KEY_FIGURES, problems)
    previous = _read_json(folder / PREVIOUS_RESULTS, problems)
    # Runs written before key_figures.json existed: the cards stored in each executed
    # notebook (already formatted as the brief shows them).
    for name, entry in run.items():
        if name in cards or not isinstance(entry, dict):
            continue
        if entry.get("status") in ("ok", "reused"):
            stored = brief.key_figures_of(folder / f"{name}.ipynb")
            if stored:
                cards[name] = stored
    briefs = (
        sorted(p.stem for p in folder.glob("*.html") if p.is_file() and "." not in p.stem)
        if folder.is_dir()
        else []
    )
    assumptions = {}
    for name in briefs:
        notes = assumption_notes(folder / f"{name}.html")
        if notes:
            assumptions[name] = notes
    return {
        "folder": str(folder),
        "exists": folder.is_dir(),
        "results": results,
        "run": run,
        "key_figures": cards,
        "previous": previous,
        "briefs": briefs,
        "assumptions": assumptions,
        "problems": problems,
    }


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


_ASSUMPTION = re.compile(r'<aside class="qsp-assumption">(.*?)</aside>', re.DOTALL)
_LABEL = re.compile(r"^\s*Hypothèse\s*[—-]\s*")


def assumption_notes(brief_path: str | Path) -> list[str]:
    """Texts of the notes a brief flags as assumptions (``brief.assumption``), in order.

    Parameters
    ----------
    brief_path : path
        A rendered brief (``<name>.html``).

    Returns
    -------
    list of str
        Plain text, without the "Hypothèse —" label; empty when the file is absent.
    """
    try:
        page = Path(brief_path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    notes = []
    for fragment in _ASSUMPTION.findall(page):
        parser = _TextOf()
        parser.feed(fragment)
        text = " ".join("".join(parser.parts).split())
        text = _LABEL.sub("", html.unescape(text))
        if text and text not in notes:
            notes.append(text)
    return notes
