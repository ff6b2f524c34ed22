"""How solid the evaluation_indicators figures are: each file declares its data status
(``{path, status, source}``), each key figure takes the weakest status of the inputs it
declares, and the brief's « Hypothèse » boxes follow the declarations. Concorde's exposure,
indicators and pilots are illustrative (no measurement published at the district's scale)."""

from __future__ import annotations

from pathlib import Path

import pytest
from evaluation_site import copy_site

from qsp_lib.core import brief, params
from qsp_lib.core.site import SiteModel
from qsp_lib.evaluation import reference
from qsp_lib.evaluation import study as evaluation_study
from qsp_lib.evaluation.declaration import ANALYSIS
from qsp_lib.evaluation.schema import EvaluationIndicatorsParameters

REPO = Path(__file__).resolve().parents[2]
NB = "evaluation_indicators"
SITE = REPO / "parameters" / "concorde"

#: Cards resting on the exposure file (the health figures and the total noise change).
HEALTH = (
    "pop_lden65",
    "pop_above_lden",
    "berm_total_change",
    "highly_annoyed_avoided",
    "pm25_deaths_after",
)


def concorde(**changes):
    data = params.load_yaml(SITE / f"{NB}.yaml")
    data.update(changes)
    return params.validate(NB, data, site_dir=SITE)


def status(card_id: str, P) -> str:
    return brief.card_status(ANALYSIS.card(card_id, 1.0), P)


def test_every_input_of_a_key_figure_is_a_parameter_or_a_block_of_the_site_model():
    fields = set(EvaluationIndicatorsParameters.model_fields)
    fields |= {f"site.{block}" for block in SiteModel.model_fields}
    for k in ANALYSIS.key_figures:
        assert k.inputs and set(k.inputs) <= fields, (k.id, set(k.inputs) - fields)
    # the health counts rest on the zones' residents; the berm's figures on its geometry
    for card in (*HEALTH, "indicators_on_track"):
        assert "site.population" in ANALYSIS.key_figure(card).inputs, card
    for card in ("pop_lden65", "pop_above_lden", "berm_total_change", "berm_insertion_loss"):
        assert "site.berm" in ANALYSIS.key_figure(card).inputs, card


def test_concorde_health_and_evaluation_cards_are_illustrative():
    P = concorde()
    for card in (*HEALTH, "pilots_met", "indicators_on_track"):
        assert status(card, P) == "illustrative", card
    # the berm's gain rests on its geometry and the receiver only, not on the exposure
    assert status("berm_insertion_loss", P) == "estimated"


def test_declaring_the_exposure_file_sourced_removes_the_health_marks(tmp_path):
    data = params.load_yaml(SITE / f"{NB}.yaml")
    sourced = {"path": data["exposure_csv"]["path"], "status": "sourced"}
    P = concorde(exposure_csv=sourced)
    assert params.input_status(P, "exposure_csv").status == "sourced"
    # Concorde's residents by zone are a stated hypothesis (estimated, site.yaml): the counts
    # lose their illustrative mark and read as estimated
    for card in HEALTH:
        assert status(card, P) == "estimated", card
    # residents declared illustrative in a copy of site.yaml bring the mark back
    site = copy_site(tmp_path, lambda s: s["population"].update(status="illustrative"))
    data.update(exposure_csv=sourced, site_dir=str(site))
    P = params.validate(NB, data, site_dir=site)
    for card in HEALTH:
        assert status(card, P) == "illustrative", card
    # the indicators and pilots files are still illustrative
    assert status("indicators_on_track", P) == "illustrative"
    assert status("pilots_met", P) == "illustrative"


def test_the_exposure_hypothesis_box_follows_the_declaration():
    notes = evaluation_study.illustrative_notes(concorde())
    assert set(notes) == {"exposure_csv", "indicators_csv", "pilots_csv", "measurements"}
    assert "**illustratifs**" in notes["exposure_csv"]
    data = params.load_yaml(SITE / f"{NB}.yaml")
    P = concorde(exposure_csv={"path": data["exposure_csv"]["path"], "status": "sourced"})
    assert set(evaluation_study.illustrative_notes(P)) == {
        "indicators_csv",
        "pilots_csv",
        "measurements",
    }
    # a bare path is estimated: no box either
    P = concorde(exposure_csv=data["exposure_csv"]["path"])
    assert "exposure_csv" not in evaluation_study.illustrative_notes(P)


def test_sources_table_gives_each_file_its_declared_source():
    P = concorde()
    rows = evaluation_study.file_statuses(P)
    assert {k: v.status for k, v in rows.items()} == {
        "exposure_csv": "illustrative",
        "indicators_csv": "illustrative",
        "pilots_csv": "illustrative",
        "measurements": "illustrative",
    }
    assert "aucune mesure publiée" in rows["exposure_csv"].source
    # the campaigns' status is the weakest of their files', with each file's source
    assert "tools/make_concorde_campaigns.py" in rows["measurements"].source
    table = evaluation_study.sources_rows(
        P,
        reference.noise_health(),
        reference.air_health(),
        reference.disability_weights(),
        reference.traffic_noise_spectrum(),
    ).set_index("item")
    files = table.loc["Campagnes de mesure (fichiers des sonomètres et capteurs)"]
    assert files["value"] == (
        "campagne_bruit_butte.csv, campagne_air_equipement.csv, station_reference_2024.csv"
    )
    # one source per file, each once; the noise hypotheses are marked as such
    assert files["source"].count("station de fond urbain synthétique") == 1
    assert table.loc["Couverture minimale de chaque période de bruit", "value"] == 75
    assert table.loc["Incertitude élargie d'un niveau de bruit mesuré", "note"] == "hypothèse"


@pytest.mark.parametrize(
    ("key", "where"),
    [
        ("exposure_is_illustrative", "exposure_csv: {path, status: illustrative, source}"),
        ("indicators_are_illustrative", "indicators_csv: {path, status: illustrative, source}"),
        ("pilots_are_illustrative", "pilots_csv: {path, status: illustrative, source}"),
    ],
)
def test_a_former_flag_says_where_it_now_lives(key, where):
    with pytest.raises(params.ParameterError) as info:
        concorde(**{key: True})
    assert f"{key} = True : remplacé par {where}" in str(info.value)


def test_a_former_flag_is_reported_with_the_other_problems():
    with pytest.raises(params.ParameterError) as info:
        concorde(exposure_is_illustrative=True, after_year=1900, exposure_yaer=2021)
    text = str(info.value)
    assert "3 paramètres invalides" in text
    assert "exposure_is_illustrative = True : remplacé par exposure_csv" in text
    assert "after_year = 1900 : un nombre ≥ 1990" in text
    assert "exposure_yaer = 2021 : paramètre inconnu ; vouliez-vous dire « exposure_year » ?" in (
        text
    )
