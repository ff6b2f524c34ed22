"""Issue 17, on the real shared run: Concorde's health and budget key figures are marked
illustrative in key_figures.json, on the pilotage one-pager, the site page and the
cross-site page; the PV figures (no illustrative input) are not."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.notebooks


def test_concorde_illustrative_figures_are_marked_everywhere(site_runs):
    out = site_runs.site("concorde")
    cards = json.loads((out / "key_figures.json").read_text("utf-8"))
    by_notebook = {nb: {c["data_status"] for c in items} for nb, items in cards.items()}
    assert by_notebook["evaluation_indicators"] == {"illustrative"}
    assert "illustrative" in by_notebook["pia_followup"]
    assert by_notebook["pv_yield"] == {"estimated"}
    pilotage = (out / "committee_synthesis.comite_pilotage.html").read_text("utf-8")
    assert "Données illustratives" in pilotage and "illustratif" in pilotage
    site_page = (out / "index.html").read_text("utf-8")
    assert "qsp-status-illustrative" in site_page
    cross_site = (site_runs.out / "index.html").read_text("utf-8")
    assert "qsp-status-illustrative" in cross_site
    # the health brief carries the banner above its cards
    health = (out / "evaluation_indicators.html").read_text("utf-8")
    assert "Données illustratives" in health
