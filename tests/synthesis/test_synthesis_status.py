"""Data status in the synthesis: each key figure keeps the ``data_status`` its brief stored
in ``key_figures.json`` and shows the same mark, a banner names the briefs resting on
illustrative data, decision points take the status of the key figure showing the same
result, and cards without a status (older runs) show no mark."""

from __future__ import annotations

import sys
from html import unescape
from pathlib import Path

import pandas as pd
import pytest

from qsp_lib.core import brief
from qsp_lib.synthesis import availability, tables

sys.path.insert(0, str(Path(__file__).parent))
import synthesis_fixture as fx  # noqa: E402


@pytest.fixture
def status():
    return availability.upstream_status(fx.run_json(), fx.key_figures())


@pytest.fixture
def figures(status):
    return availability.key_figures_frame(fx.key_figures(), status)


@pytest.fixture
def shown(monkeypatch):
    """What ``brief`` displays: a list of (html, metadata)."""
    out = []
    monkeypatch.setattr(
        brief, "_display_html", lambda html, metadata=None: out.append((html, metadata))
    )
    return out


def test_each_figure_keeps_the_status_its_brief_stored(figures):
    by_label = figures.set_index("label")["data_status"]
    assert by_label["Subvention à risque"] == "illustrative"
    assert by_label["Convention PIA"] == "sourced"
    assert by_label["Production annuelle"] == "estimated"
    assert pd.isna(by_label["Option la moins émettrice"])  # no data_status: unknown
    scrap = availability.contract_key_figures(figures)
    assert list(scrap.columns)[-1] == "data_status"
    assert scrap.set_index("label").loc["Puissance crête", "data_status"] == "sourced"


def test_an_unknown_status_value_is_no_status(status):
    cards = fx.key_figures()
    cards["pv_yield"][0]["data_status"] = "douteux"
    frame = availability.key_figures_frame(cards, status)
    assert pd.isna(frame.set_index("label").loc["Puissance crête", "data_status"])


def test_theme_boxes_show_the_brief_marks_and_a_banner(status, figures, shown):
    groups = availability.theme_groups(status, figures)
    brief.key_figure_groups(groups, notes=False, one_page=True)
    html, metadata = shown[-1]
    text = unescape(html)
    # the same mark as in each brief, once per marked card
    assert html.count('class="qsp-status qsp-status-illustrative"') == 7  # 3 health + 4 budget
    assert html.count('class="qsp-status qsp-status-sourced"') == 2
    assert html.count('class="qsp-status qsp-status-estimated"') == 5  # 4 PV + 1 health
    assert ">illustratif</span>" in text and 'title="Donnée sourcée">sourcé<' in text
    # the banner comes first and names the briefs concerned, with the word « illustratif »
    banner = text.split('<section class="qsp-themes')[0]
    assert banner.startswith('<aside class="qsp-banner"')
    assert (
        "7 chiffres clés, marqués « illustratif » (Santé et évaluation : 3 ; Budget : 4), "
        in banner
    )
    assert "reposent sur des valeurs provisoires" in banner
    assert "Énergie" not in banner and "illustratif" in banner
    # GHG cards carry no status: no mark in the GHG box
    boxes = html.split('<div class="qsp-card qsp-theme')[1:]
    (ghg_box,) = [b for b in boxes if 'ghg_planning_options.html">Carbone' in b]
    assert "Option la moins émettrice" in ghg_box and "qsp-status" not in ghg_box
    stored = {c["label"]: c["data_status"] for c in metadata[brief.KEY_FIGURES_METADATA]}
    assert stored["Budget : Convention PIA"] == "sourced"
    assert stored["Carbone : Option la moins émettrice"] is None


def test_no_illustrative_figure_no_banner(status, shown):
    cards = fx.key_figures()
    for name in ("evaluation_indicators", "pia_followup"):
        cards[name] = [dict(c, data_status="estimated") for c in cards[name]]
    groups = availability.theme_groups(status, availability.key_figures_frame(cards, status))
    brief.key_figure_groups(groups)
    html = shown[-1][0]
    assert "qsp-banner" not in html and "illustrati" not in html
    assert 'class="qsp-status qsp-status-estimated"' in html


def test_decision_points_take_the_status_of_the_same_figure(status, figures):
    kept = availability.available_results(fx.results(), status)
    points = tables.decision_points(kept, status, figures).set_index("Point")["Donnée"]
    assert points["Subvention à risque à l'échéance"] == "illustratif"
    assert points["Actions en retard"] == "illustratif"
    assert points["Option la moins émettrice"] == "–"  # the GHG card has no status
    # the fixture's card is not labelled as the declared key figure: not guessed
    assert points["Indicateurs d'évaluation en retard"] == "–"
    cards = fx.key_figures()
    cards["evaluation_indicators"][3]["label"] = "Indicateurs atteints ou en bonne voie"
    again = tables.decision_points(kept, status, availability.key_figures_frame(cards, status))
    assert again.set_index("Point").loc["Indicateurs d'évaluation en retard", "Donnée"] == "estimé"
    # without figures (an older caller): every point unknown
    assert set(tables.decision_points(kept, status)["Donnée"]) == {"–"}


def test_figures_by_status_names_each_group():
    frame = pd.DataFrame(
        {
            "label": ["A", "B", "C", "D"],
            "source_notebook": ["x", "x", "x", "y"],
            "data_status": ["sourced", "estimated", None, "illustrative"],
        }
    )
    assert (
        tables.figures_by_status(frame, "x")
        == "estimés : «\u00a0B\u00a0» ; statut inconnu : «\u00a0C\u00a0»"
    )
    assert tables.figures_by_status(frame, "y") == "illustratifs : «\u00a0D\u00a0»"
    assert tables.figures_by_status(frame, "z") == "–"
    assert tables.figures_by_status(None, "x") == "–"


def test_one_illustrative_figure_is_said_in_the_singular():
    groups = [
        {"theme": "Budget", "available": True, "cards": [{"data_status": "illustrative"}]},
        {"theme": "Carbone", "available": False, "cards": [{"data_status": "illustrative"}]},
    ]
    banner = brief.illustrative_groups_banner(groups)
    assert "Un chiffre clé, marqué « illustratif » (Budget : 1), repose sur" in banner
    assert "il montre la méthode" in banner and "Carbone" not in banner
    assert brief.illustrative_groups_banner(groups[1:]) == ""
