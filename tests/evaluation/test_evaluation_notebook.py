"""evaluation_indicators notebook: defaults equal the Concorde file; contract scraps (read
from the shared run of ``conftest.site_runs``)."""

import json
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
NB = REPO / "notebooks" / "evaluation_indicators.ipynb"


def test_parameters_cell_equals_concorde_file_and_no_outputs():
    from qsp_lib.runner import parameters_cell_defaults

    nb = json.loads(NB.read_text(encoding="utf-8"))
    cell = parameters_cell_defaults(nb)
    data = yaml.safe_load(
        (REPO / "parameters" / "concorde" / "evaluation_indicators.yaml").read_text("utf-8")
    )
    assert cell == data
    assert all(not c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code")
    sources = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "\ndef " not in sources and "\nclass " not in sources


@pytest.mark.notebooks
@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_notebook_runs_and_glues_the_contract_scraps(site_runs, site):
    from qsp_lib.core import scraps

    site_dir = REPO / "parameters" / site
    s = scraps.read(site_runs.site(site) / "evaluation_indicators.ipynb")
    for key in (
        "health_pop_above_lden53",
        "health_pop_lden65",
        "health_highly_annoyed",
        "health_highly_sleep_disturbed",
        "health_ihd_cases_per_year",
        "health_pm25_deaths_per_year",
        "health_no2_deaths_per_year",
    ):
        assert set(s[key]) == {"before", "after"}, key
        assert s[key]["after"] <= s[key]["before"] + 1e-9, key
    declared = yaml.safe_load((site_dir / "evaluation_indicators.yaml").read_text("utf-8"))
    from qsp_lib.core import site as site_model
    from qsp_lib.core import status

    _, inputs = status.extract_inputs(declared)  # {path, status, source} -> path
    # the residents are the site model's (site.yaml, population.zones)
    population = site_model.load(site_dir).population.residents
    assert 0 < s["health_pop_above_lden53"]["before"] <= population
    bands = s["noise_residents_by_band"]
    assert [list(r) for r in bands][:1] == [["band", "before", "after"]]
    assert [r["band"] for r in bands] == ["< 55 dB", "55-59 dB", "60-64 dB", "65-69 dB", "≥ 70 dB"]
    for situation in ("before", "after"):
        assert sum(r[situation] for r in bands) == population
        assert all(isinstance(r[situation], int) for r in bands)
        top = sum(r[situation] for r in bands if r["band"] in ("65-69 dB", "≥ 70 dB"))
        assert top == s["health_pop_lden65"][situation]
    il = s["noise_berm_insertion_loss_dba"]
    if site == "concorde":
        # a 10 m berm, the road as a line of sources, double diffraction over the crest:
        # well above the 5 dB(A) of a bare line-of-sight break, below the 19.7 dB(A) of the
        # perpendicular path alone (the upper bound, issue 19)
        assert 5 < il < 19.7
        # a finite berm with unscreened sources changes the total level less than it
        # screens the road in front of it
        assert 0 < s["noise_berm_total_change_db"] < il
    else:
        assert il is None and s["noise_berm_total_change_db"] is None
    assert {"indicator", "status"} <= set(s["indicators_status"][0])
    # the exposure of both sites is illustrative: so are the health cards, not the berm's gain
    assert inputs["exposure_csv"].status == "illustrative"
    from qsp_lib.core import brief

    cards = {
        c["label"]: c["data_status"]
        for c in brief.key_figures_of(site_runs.site(site) / "evaluation_indicators.ipynb")
    }
    assert cards["Habitants à 65 dB Lden ou plus"] == "illustrative"
    assert cards["Décès attribuables aux PM2,5 (après projet)"] == "illustrative"
    if site == "concorde":
        assert cards["Baisse du bruit total au récepteur de référence"] == "illustrative"
    assert {"operation", "objective", "status"} <= set(s["pilots_status"][0])
    # measured campaigns (Concorde) and declared values, contract columns
    measured = s["evaluation_measurements"]
    assert measured and all(
        set(r)
        == {"operation", "objective", "value", "unit", "coverage_percent", "method", "status"}
        for r in measured
    )
    assert {r["status"] for r in measured} <= {"atteint", "incertain", "non atteint"}
    campaigns = [r for r in measured if not r["method"].startswith("déclaré")]
    assert bool(campaigns) == (site == "concorde")
    allowed = {"atteint", "en bonne voie", "en retard", "sans donnée"}
    assert {r["status"] for r in s["indicators_status"]} <= allowed


@pytest.mark.notebooks
@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_the_brief_speaks_of_a_berm_only_where_the_site_has_one(site_runs, site):
    import html
    import re

    from qsp_lib.core import site as site_model

    has_berm = site_model.load(REPO / "parameters" / site).has_berm
    page = (site_runs.site(site) / "evaluation_indicators.html").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style).*?</\1>", "", page)))
    subtitle = re.search(r'class="qsp-subtitle">([^<]*)<', page).group(1)
    if has_berm:
        assert (
            subtitle
            == "Exposition des habitants, effet de la butte, charge sanitaire évitée, suivi"
        )
        assert re.search(r"<h2[^>]*>La butte acoustique", page)
        assert "butte" in text
    else:
        assert subtitle == "Exposition des habitants, charge sanitaire évitée, suivi"
        assert not re.search(r"(?i)\bbuttes?\b|\bberm", text), re.findall(r".{60}butte.{60}", text)
        # the "after" levels are said to come from the exposure file, without a berm word
        assert "« après » sont ceux du fichier d'exposition" in text
