"""pv_yield notebook: the briefs follow the site model (issue 17), read from the shared run of
``conftest.site_runs``: Concorde's shows the yield at both ends of its berm face's azimuth
range, Wazemmes-Moulins' (no berm) never speaks of a berm."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from qsp_lib.core import scraps

REPO = Path(__file__).resolve().parents[2]


def brief_text(folder: Path) -> str:
    """The brief's visible text, tags and styles removed, spaces collapsed."""
    page = (folder / "pv_yield.html").read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


@pytest.mark.notebooks
def test_concorde_brief_shows_the_azimuth_range_of_the_berm_face(site_runs):
    folder = site_runs.site("concorde")
    text = brief_text(folder)
    # site.yaml: talus-sud at 200° (hypothèse), plausible from 180° to 225°.
    assert "le modèle retient 200° (hypothèse), dans une plage plausible de 180° à 225°" in text
    assert "Production selon l'azimut de la face" in text
    assert "retenu (hypothèse)" in text
    assert "comme le talus de la butte" in text
    # The retained row is the plant's production (scrap), in MWh/an without decimals.
    energy = scraps.read(folder / "pv_yield.ipynb")["pv_annual_energy_kwh"] / 1000
    assert f"{round(energy):,}".replace(",", " ") in text


@pytest.mark.notebooks
def test_wazemmes_brief_speaks_of_no_berm(site_runs):
    folder = site_runs.site("wazemmes-moulins")
    text = brief_text(folder).lower()
    assert "butte" not in text and "talus" not in text
    assert "une pente inclinée vers le sud fait mieux qu'un écran vertical" in text


@pytest.mark.notebooks
@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_key_figures_carry_a_data_status(site_runs, site):
    cards = json.loads((site_runs.site(site) / "key_figures.json").read_text())["pv_yield"]
    # Every input (arrays, weather, site identity, berm) is estimated: none is illustrative.
    assert [c["data_status"] for c in cards] == ["estimated"] * 5
