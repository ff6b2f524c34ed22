"""How solid the pia_followup figures are: the action programme and the ledger of both sites
are declared illustrative (the split of the subsidy by action is not published), so every
key figure resting on them is marked illustrative; the convention amount is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from qsp_lib.budget import study as budget_study
from qsp_lib.budget.declaration import ANALYSIS
from qsp_lib.budget.schema import PiaFollowupParameters
from qsp_lib.core import brief, params

REPO = Path(__file__).resolve().parents[2]
NB = "pia_followup"
LEDGER_CARDS = ("committed", "paid", "late", "at_risk", "alerts")


def site_parameters(site: str, **changes):
    folder = REPO / "parameters" / site
    data = params.load_yaml(folder / f"{NB}.yaml")
    data.update(changes)
    return params.validate(NB, data, site_dir=folder)


def status(card_id: str, P) -> str:
    return brief.card_status(ANALYSIS.card(card_id, 1.0), P)


def test_every_input_of_a_key_figure_is_a_parameter():
    fields = set(PiaFollowupParameters.model_fields)
    for k in ANALYSIS.key_figures:
        assert k.inputs and set(k.inputs) <= fields, (k.id, set(k.inputs) - fields)


@pytest.mark.parametrize("site", ["concorde", "wazemmes-moulins"])
def test_cards_resting_on_the_ledger_are_illustrative(site):
    P = site_parameters(site)
    for name in ("actions_csv", "payments_csv"):
        declared = params.input_status(P, name)
        assert declared.status == "illustrative" and declared.source, name
    assert {card: status(card, P) for card in LEDGER_CARDS} == dict.fromkeys(
        LEDGER_CARDS, "illustrative"
    )
    # the convention amount rests on the amount given, not on the action programme
    assert status("convention", P) == "estimated"


def test_a_real_ledger_removes_the_marks():
    folder = REPO / "parameters" / "concorde"
    P = site_parameters(
        "concorde",
        actions_csv={"path": str(folder / "pia_actions.csv"), "status": "sourced"},
        payments_csv={"path": str(folder / "pia_payments.csv"), "status": "sourced"},
    )
    assert {status(card, P) for card in LEDGER_CARDS} == {"estimated"}


def test_sources_table_gives_the_declared_source_of_each_file():
    P = site_parameters("concorde")
    rows = {r["item"]: r["source"] for r in budget_study.sources_rows(P, budget_study.study(P))}
    assert rows["Actions (coûts, subventions, cofinancements, dates)"] == (
        params.input_status(P, "actions_csv").source
    )
    assert rows["Engagements et versements"].startswith("écritures illustratives")
    # a value without declaration keeps its parameter_sources entry
    assert rows["Seuil de retard (part prévue moins part versée)"] == "hypothèse"


def test_a_convention_amount_derived_from_the_actions_takes_their_status():
    P = site_parameters("concorde")
    assert budget_study.convention_data_status(P, budget_study.study(P).conv) is None
    P = site_parameters("concorde", convention_amount_eur=None)
    conv = budget_study.study(P).conv
    assert "amount_eur" in conv.defaulted
    assert budget_study.convention_data_status(P, conv) == "illustrative"
    card = ANALYSIS.card("convention", conv.amount_eur, data_status="illustrative")
    assert brief.card_status(card, P) == "illustrative"
