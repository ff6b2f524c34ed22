"""Held-out check, end to end: Concorde's tables exported as French Excel would (« CSV ; »
with decimal commas, amounts as displayed and dates jj/mm/aaaa in Windows-1252; and
``.xlsx`` on a named sheet) give the same scraps as the CSV originals, through real kernels
(``engine``: three notebooks, three runs, a few minutes)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = ("pia_followup", "evaluation_indicators", "circular_materials")


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(root: Path, out: Path) -> dict:
    env = dict(os.environ, QSP_ROOT=str(root), PYTHONPATH=str(REPO))
    done = subprocess.run(
        [sys.executable, "-m", "qsp_lib.cli", "run", "--site", "concorde", "--only", *NOTEBOOKS]
        + ["--force", "--jobs", "1", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads((out / "concorde" / "results.json").read_text(encoding="utf-8"))


@pytest.mark.engine
def test_french_excel_copies_give_the_same_scraps(tmp_path):
    copy, compare = _module("excel_copy"), _module("compare_results")
    original = _run(REPO, tmp_path / "out-orig")
    assert set(original) == set(NOTEBOOKS)
    for kind in ("csv-fr", "xlsx"):
        root = tmp_path / kind
        copy.copy_site(REPO, "concorde", root, kind)
        results = _run(root, tmp_path / f"out-{kind}")
        assert compare.differences(original, results) == [], kind
