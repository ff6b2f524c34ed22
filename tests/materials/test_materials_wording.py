"""French names of the materials analysis (qsp_lib.materials.wording): one for every code the
model speaks in."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from materials_fixture import CATALOGUE, COSTS, DISTANCES, FIXTURE, ROUTES  # noqa: E402

from qsp_lib.materials import model as materials  # noqa: E402
from qsp_lib.materials import wording  # noqa: E402


def test_every_route_and_kind_of_need_has_a_french_name():
    assert set(wording.ROUTE_LABELS_FR) == set(materials.ROUTES)
    assert set(wording.NEED_KIND_LABELS_FR) == set(materials.NEED_KINDS)
    assert wording.ROUTE_LABELS_FR["disposal"] == "Élimination (stockage)"
    # a planned route is not a legal category: on-site use is not called réemploi
    assert "Réemploi" not in wording.ROUTE_LABELS_FR["reuse_on_site"]


def test_every_legal_category_and_destination_has_a_french_name():
    assert list(wording.CATEGORY_LABELS_FR) == list(materials.CATEGORIES)
    assert list(wording.CATEGORY_SCOPE_FR) == list(materials.CATEGORIES)
    assert set(wording.DESTINATION_LABELS_FR) >= {
        *materials.ROUTES,
        *materials.NEED_KINDS,
        materials.SURPLUS_DESTINATION,
    }
    assert list(wording.EMISSION_COMPONENTS_FR) == ["crushing", "transport", "energy_recovery"]


def test_every_cost_item_and_avoided_component_has_a_french_name():
    flows = materials.route_flows(FIXTURE, ROUTES, CATALOGUE)
    money = materials.cost_balance(flows, 0, 0, 0, COSTS, DISTANCES, 40)
    assert list(wording.COST_ITEMS_FR) == list(money["item"])
    assert wording.COST_ITEMS_FR["saving"] == "Économie (référence - scénario)"
    assert list(wording.AVOIDED_COMPONENTS_FR) == ["aggregates", "products", "transport"]
