"""A fake worker for the engine's tests: "executes" a fixture notebook without a kernel.

With ``QSP_FAKE_WORKER=fake_worker:execute_job`` (set by the ``fake_kernel`` fixture of
``conftest.py``), :func:`qsp_lib.runner.executors.run_job` calls :func:`execute_job` in the
``qsp`` process instead of starting a worker process and its kernel. What the notebook
would produce is written in its metadata (``fake_outputs``: a few lines of Python, the
``fake=`` argument of ``conftest.make_notebook``), run with the notebook's parameters (its
parameters cell, then the job's values) and these helpers:

- ``glue(name, value)``: a scrap; ``key_figures(cards)``: the cards of ``brief.key_figures``;
- ``export(file_name, text)``: a file in the job's exports folder;
- ``results()``, ``run()``: the site's ``results.json`` / ``run.json`` as written so far;
- ``sleep(seconds)``; an exception raised there fails the notebook, as in a kernel.

It then writes what :func:`qsp_lib.runner.worker.execute_job` writes (the executed notebook
and its brief through a temporary file, or ``<stem>.failed.ipynb``) and returns the same
result: ``{"status", "scraps", "key_figures"}`` or ``{"status", "error", "kind"}``.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from html import escape
from pathlib import Path
from typing import Any

from qsp_lib.core import params, scraps, style
from qsp_lib.core.brief import KEY_FIGURES_METADATA
from qsp_lib.runner import parameters_cell_defaults

ENV = {"QSP_FAKE_WORKER": "fake_worker:execute_job"}


def cards_of(cards: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The cards as ``brief.key_figures`` stores them (value shown the French way)."""
    stored = []
    for card in cards:
        value = card.get("value")
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        decimals = card.get("decimals", 0) if number else None
        stored.append(
            {
                "label": str(card["label"]),
                "value": style.fr(value, decimals) if number else str(value),
                "decimals": decimals,
                "unit": card.get("unit", ""),
                "note": card.get("note", ""),
                "number": scraps.to_json_value(value) if number else None,
            }
        )
    return stored


def _outputs(job: dict[str, Any], nb: dict[str, Any]) -> tuple[dict, list]:
    """Run the notebook's ``fake_outputs`` source; returns its scraps and cards."""
    glued: dict[str, Any] = {}
    shown: list[dict[str, Any]] = []
    exports = Path(job["parameters"]["exports_dir"])
    out_dir = Path(job["out_dir"])

    def export(name: str, text: str) -> None:
        exports.mkdir(parents=True, exist_ok=True)
        (exports / name).write_text(text, encoding="utf-8-sig")

    namespace: dict[str, Any] = {
        **parameters_cell_defaults(nb),
        **job["parameters"],
        "glue": lambda name, value: glued.__setitem__(name, scraps.to_json_value(value)),
        "key_figures": lambda cards: shown.extend(cards_of(cards)),
        "export": export,
        "results": lambda: json.loads((out_dir / "results.json").read_text(encoding="utf-8")),
        "run": lambda: json.loads((out_dir / "run.json").read_text(encoding="utf-8")),
        "sleep": time.sleep,
    }
    exec(nb["metadata"].get("fake_outputs", ""), namespace)  # noqa: S102 - test fixture code
    return glued, shown


def _write(path: Path, text: str) -> None:
    """Write through a temporary file renamed into place, as the worker does."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def execute_job(job: dict[str, Any]) -> dict[str, Any]:
    """Fake :func:`qsp_lib.runner.worker.execute_job`: same files, same result, no kernel."""
    out_dir = Path(job["out_dir"])
    stem = job["stem"]
    nb = json.loads(Path(job["notebook"]).read_text(encoding="utf-8"))
    Path(job["parameters"]["exports_dir"]).mkdir(parents=True, exist_ok=True)
    try:
        glued, cards = _outputs(job, nb)
    except Exception as exc:  # noqa: BLE001 - a failure in the notebook, as in a kernel
        _write(out_dir / f"{stem}.failed.ipynb", json.dumps(nb, ensure_ascii=False))
        kind = "parameters" if isinstance(exc, params.ParameterError) else "error"
        return {"status": "failed", "error": f"{type(exc).__name__}: {exc}", "kind": kind}
    nb["metadata"]["qsp_provenance"] = job["provenance"]
    nb["cells"].append(
        {
            "cell_type": "code",
            "metadata": {},
            "source": "",
            "execution_count": None,
            "outputs": [
                {
                    "output_type": "display_data",
                    "data": {"text/plain": "cartes"},
                    "metadata": {KEY_FIGURES_METADATA: cards},
                }
            ],
        }
    )
    title = escape(job["provenance"].get("title", stem))
    figures = "".join(f"<li>{escape(c['label'])} : {escape(c['value'])}</li>" for c in cards)
    _write(
        out_dir / f"{stem}.html",
        f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><main><h1>{title}</h1><ul>{figures}</ul></main></body></html>\n",
    )
    _write(out_dir / f"{stem}.ipynb", json.dumps(nb, ensure_ascii=False))
    (out_dir / f"{stem}.failed.ipynb").unlink(missing_ok=True)
    return {"status": "ok", "scraps": glued, "key_figures": cards}
