"""Data status on the front pages: a site's page and the cross-site page show beside each key
figure the mark its brief shows (« Donnée illustrative »…), the site page a banner above the
cards of a brief resting on illustrative data, and nothing for a card without status (a run
made before data statuses). Built from hand-made outputs, no kernel."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest
from conftest import make_notebook

from qsp_lib.runner import notebooks
from qsp_lib.runner.site_index import (
    comparison_rows,
    marked_cards,
    write_cross_site_index,
    write_site_index,
)


def _card(label, value, unit="", status=None):
    card = {"label": label, "value": value, "unit": unit, "note": ""}
    if status is not None:
        card["data_status"] = status
    return card


OK = {"status": "ok", "executed_at": "2026-11-30T01:00:00"}
CARDS = {
    "north": {
        "budget": [
            _card("Montant de la convention", "4\u202f600\u202f000", "€", "sourced"),
            _card("Subvention à risque", "712\u202f000", "€", "illustrative"),
            _card("Actions en retard", "3 sur 7", "", "illustrative"),
        ],
        "energy": [_card("Puissance crête", "746", "kWc", "estimated")],
    },
    # an older run: cards without data_status
    "south": {
        "budget": [_card("Subvention à risque", "120\u202f000", "€")],
        "energy": [_card("Puissance crête", "567", "kWc")],
    },
}


@pytest.fixture
def outputs(tmp_path):
    nb_dir = tmp_path / "notebooks"
    make_notebook(nb_dir / "energy.ipynb", "x = 1\n", ["y = 1"], {"title": "Énergie"})
    make_notebook(nb_dir / "budget.ipynb", "x = 1\n", ["y = 1"], {"title": "Budget"})
    specs = notebooks.discover(nb_dir)
    for site, cards in CARDS.items():
        folder = tmp_path / "out" / site
        folder.mkdir(parents=True)
        (folder / "run.json").write_text(json.dumps({"energy": OK, "budget": OK}))
        (folder / "key_figures.json").write_text(json.dumps(cards, ensure_ascii=False))
    return tmp_path / "out", specs


def _entry(page: str, title: str) -> str:
    return page.split(f">{title}</a>")[1].split("</article>")[0]


def test_site_page_marks_each_card_and_warns_above_illustrative_ones(outputs):
    out, specs = outputs
    entries = {"energy": OK, "budget": OK}
    page = write_site_index(out / "north", "north", specs, {}, entries, CARDS["north"], None)
    text = unescape(page.read_text("utf-8"))
    budget = _entry(text, "Budget")
    assert budget.count('<div class="qsp-status qsp-status-illustrative">Donnée illustrative') == 2
    assert '<div class="qsp-status qsp-status-sourced">Donnée sourcée</div>' in budget
    assert budget.count('class="qsp-card qsp-card-illustrative"') == 2
    # the brief's banner, naming the figures concerned, above the cards
    banner = budget.split('<section class="qsp-cards">')[0]
    assert "Données illustratives" in banner
    assert "« Subvention à risque », « Actions en retard »" in banner
    assert "Montant de la convention" not in banner
    energy = _entry(text, "Énergie")
    assert "Donnée estimée" in energy and "qsp-banner" not in energy


def test_site_page_of_an_older_run_shows_no_mark(outputs):
    out, specs = outputs
    entries = {"energy": OK, "budget": OK}
    page = write_site_index(out / "south", "south", specs, {}, entries, CARDS["south"], None)
    body = page.read_text("utf-8").split("<body>")[1]
    assert "120\u202f000" in body
    assert "qsp-status-" not in body and "qsp-banner" not in body and "Donnée " not in body


def test_cross_site_page_marks_each_cell(outputs):
    out, specs = outputs
    text = write_cross_site_index(out, ["north", "south"], specs, {}, None).read_text("utf-8")
    budget = text.split('id="budget"')[1].split("</article>")[0]
    row = re.search(r'<th scope="row">Subvention à risque</th>(.*?)</tr>', budget).group(1)
    north, south = re.findall(r'<td class="num">(.*?)</td>', row)
    assert "712\u202f000" in north and "qsp-status-illustrative" in north
    assert "Donnée illustrative" in north
    assert "120\u202f000" in south and "qsp-status" not in south  # unknown: no mark
    energy = text.split('id="energy"')[1].split("</article>")[0]
    assert "Donnée estimée" in energy


def test_marks_only_for_known_statuses():
    cards = marked_cards([_card("A", "1", status="illustrative"), _card("B", "2", status="??")])
    assert [(c["data_status"], c["status_badge"]) for c in cards] == [
        ("illustrative", "Donnée illustrative"),
        (None, None),
    ]
    rows = comparison_rows(
        {"a": [_card("X", "1", status="sourced")], "b": [_card("X", "2", status="bogus")]}
    )
    cells = rows[0]["cells"]
    assert cells["a"]["data_status"] == "sourced" and cells["a"]["status_badge"] == "Donnée sourcée"
    assert cells["b"]["data_status"] is None and cells["b"]["status_badge"] is None
