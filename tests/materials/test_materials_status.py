"""How solid the circular_materials figures are: the inventory file declares its data status
where its path is given (Concorde: reconstituted from demolition ratios, hence estimated);
the former ``inventory_is_assumption`` and ``inventory_source`` say where they now live."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsp_lib.core import brief, params
from qsp_lib.materials.declaration import ANALYSIS
from qsp_lib.materials.schema import CircularMaterialsParameters

REPO = Path(__file__).resolve().parents[2]
NB = "circular_materials"
SITE = REPO / "parameters" / "concorde"


def concorde(**changes):
    data = params.load_yaml(SITE / f"{NB}.yaml")
    data.update(changes)
    return params.validate(NB, data, site_dir=SITE)


def test_every_input_of_a_key_figure_is_a_parameter():
    # a parameter of the notebook, or a block of the site model (site.yaml)
    fields = set(CircularMaterialsParameters.model_fields) | {"site.buildings", "site.berm"}
    for k in ANALYSIS.key_figures:
        assert k.inputs and set(k.inputs) <= fields, (k.id, set(k.inputs) - fields)
    # every figure rests on the inventory and the site model's demolished buildings; the
    # berm's coverage also on the works' needs and the berm's volume
    assert all({"inventory_csv", "site.buildings"} <= set(k.inputs) for k in ANALYSIS.key_figures)
    assert {"needs", "site.berm"} <= set(ANALYSIS.key_figure("berm_coverage").inputs)


def test_concorde_inventory_is_estimated_with_its_source():
    P = concorde()
    declared = params.input_status(P, "inventory_csv")
    assert declared.status == "estimated"
    assert declared.source.startswith("Inventaire reconstitué")
    cards = [ANALYSIS.card(k.id, 1.0) for k in ANALYSIS.key_figures]
    assert {brief.card_status(c, P) for c in cards} == {"estimated"}


def test_an_illustrative_inventory_marks_every_card():
    path = str(SITE / "circular_materials_inventory.csv")
    P = concorde(inventory_csv={"path": path, "status": "illustrative"})
    cards = [ANALYSIS.card(k.id, 1.0) for k in ANALYSIS.key_figures]
    assert {brief.card_status(c, P) for c in cards} == {"illustrative"}


@pytest.mark.parametrize(
    ("key", "value"),
    [("inventory_is_assumption", True), ("inventory_source", "Inventaire reconstitué")],
)
def test_a_former_key_says_where_it_now_lives(key, value):
    with pytest.raises(params.ParameterError) as info:
        concorde(**{key: value})
    text = str(info.value)
    assert f"{key} = {value!r} : remplacé par inventory_csv: {{path, status, source}}" in text
    assert "paramètre inconnu" not in text
